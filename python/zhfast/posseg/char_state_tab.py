"""jieba's ``posseg/char_state_tab.py``: ``P`` maps a character to the ``(position,
tag)`` states it may take (built on import from the data compiled into zhfast)."""
from __future__ import annotations

from .._tables import posseg as _tables

P = _tables().char_state
