"""IDF tables for TF-IDF, one per path per process.

jieba's bundled ``idf.txt`` is compiled into the extension (``_core.IdfTable``) and looked
up there: nothing is parsed.  jieba's ``idf_freq`` dict is built from it only when a
caller touches ``idf_freq``; from then on that dict (which the caller may edit) is what
TF-IDF reads.  Other files are parsed as jieba parses them, once per process.
"""
from __future__ import annotations

import os

from .. import _core
from . import _reference

# jieba's name for the bundled table; zhfast has no such file, the path only selects it.
DEFAULT_IDF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "idf.txt")


class IdfData:
    """One loaded table: the compiled table and/or jieba's ``{word: idf}`` dict, and
    the median IDF."""

    __slots__ = ("table", "_freq", "median")

    def __init__(self, table=None, freq=None, median=0.0):
        self.table = table
        self._freq = freq
        self.median = median

    @property
    def freq(self):
        """jieba's ``idf_freq`` dict (built from the compiled table on first use)."""
        if self._freq is None:
            self._freq = self.table.to_dict()
        return self._freq

    def source(self):
        """What lookups read: the dict once it exists (it may have been edited), else
        the compiled table."""
        return self._freq if self._freq is not None else self.table

    def get(self, word, default):
        """``idf_freq.get(word, default)``."""
        if self._freq is not None:
            return self._freq.get(word, default)
        try:
            value = self.table.get(word)
        except UnicodeEncodeError:  # a lone surrogate: in no UTF-8 file
            value = None
        return default if value is None else value


_LOADED = {}


def load(path):
    """The table for ``path`` (absolute), loaded once per process."""
    data = _LOADED.get(path)
    if data is None:
        if path == DEFAULT_IDF:
            table = _core.IdfTable.bundled()
            data = IdfData(table, None, table.median)
        else:
            with open(path, "rb") as f:
                freq, median = _reference.parse_idf(f.read().decode("utf-8"))
            data = IdfData(None, freq, median)
        _LOADED[path] = data
    return data
