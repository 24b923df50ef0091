"""What TF-IDF and TextRank share: the stop words."""
from __future__ import annotations

import os

from .._compat import get_abs_path


class KeywordExtractor:
    """Base of ``TFIDF`` and ``TextRank``: a stop-word set (lower-case comparison)."""

    STOP_WORDS = {
        "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are",
        "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it",
        "this", "then", "at", "have", "all", "not", "one", "has", "or",
    }

    def set_stop_words(self, stop_words_path):
        """Add every line of a UTF-8 file to the stop words."""
        abs_path = get_abs_path(stop_words_path)
        if not os.path.isfile(abs_path):
            raise Exception("jieba: file does not exist: " + abs_path)
        with open(abs_path, "rb") as f:
            content = f.read().decode("utf-8")
        self.stop_words.update(content.splitlines())

    def extract_tags(self, *args, **kwargs):
        raise NotImplementedError
