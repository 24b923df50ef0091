"""jieba's ``finalseg/prob_start.py``: its table ``P`` (built on import from the data
compiled into zhfast)."""
from __future__ import annotations

from .._tables import finalseg as _tables

P = _tables().start
