"""jieba's ``posseg/prob_emit.py``: its table ``P`` (built on import from the data
compiled into zhfast)."""
from __future__ import annotations

from .._tables import posseg as _tables

P = _tables().emit
