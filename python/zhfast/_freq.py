"""``Tokenizer.FREQ``: a read-only view of jieba's ``FREQ`` dict.

jieba's ``FREQ`` maps every word to its frequency and every prefix of a word to 0.  The
core keeps only the words (in a trie); this view answers the same questions from it.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class FreqView(Mapping[str, int]):
    """Read-only mapping ``word -> frequency`` (0 for prefixes of words)."""

    __slots__ = ("_core",)

    def __init__(self, core: Any) -> None:
        self._core = core

    def __getitem__(self, word: str) -> int:
        freq = self._core.freq(word) if isinstance(word, str) else None
        if freq is None:
            raise KeyError(word)
        return freq

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        freq = self._core.freq(word) if isinstance(word, str) else None
        return default if freq is None else freq

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._core.freq(word) is not None

    def has(self, key: object) -> bool:
        """``key in FREQ`` as jieba's dict answers it: ``TypeError`` for an unhashable
        key, ``False`` for any other key that is not a ``str`` word or prefix."""
        hash(key)
        return key in self

    def __iter__(self) -> Iterator[str]:
        return iter(self._core.freq_keys())

    def __len__(self) -> int:
        return len(self._core.freq_keys())

    def __repr__(self) -> str:
        return f"<zhfast FREQ view: {self._core.word_count()} words>"
