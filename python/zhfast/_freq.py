"""``Tokenizer.FREQ``: a read-only view of jieba's ``FREQ`` dict.

jieba's ``FREQ`` maps every word to its frequency and every prefix of a word to 0.  The
core keeps only the words (in a trie); this view answers the same questions from it.
"""
from __future__ import annotations

from collections.abc import Mapping


class FreqView(Mapping):
    """Read-only mapping ``word -> frequency`` (0 for prefixes of words)."""

    __slots__ = ("_core",)

    def __init__(self, core):
        self._core = core

    def __getitem__(self, word):
        freq = self._core.freq(word) if isinstance(word, str) else None
        if freq is None:
            raise KeyError(word)
        return freq

    def get(self, word, default=None):
        freq = self._core.freq(word) if isinstance(word, str) else None
        return default if freq is None else freq

    def __contains__(self, word):
        return isinstance(word, str) and self._core.freq(word) is not None

    def has(self, key):
        """``key in FREQ`` as jieba's dict answers it: ``TypeError`` for an unhashable
        key, ``False`` for any other key that is not a ``str`` word or prefix."""
        hash(key)
        return key in self

    def __iter__(self):
        return iter(self._core.freq_keys())

    def __len__(self):
        return len(self._core.freq_keys())

    def __repr__(self):
        return "<zhfast FREQ view: %d words>" % self._core.word_count()
