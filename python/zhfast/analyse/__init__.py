"""``zhfast.analyse``: jieba.analyse's keyword extraction (TF-IDF and TextRank), same
words, order and weights, on zhfast's cutting.

The Rust core computes keywords in one call; ``_reference`` is jieba's algorithm written
plainly, the specification and the path for the calls the core cannot serve
(``_dispatch.why_not_core`` lists them)."""
from __future__ import annotations

from .textrank import TextRank
from .tfidf import TFIDF

try:
    from .analyzer import ChineseAnalyzer  # noqa: F401  (jieba's name, with whoosh installed)
except ImportError:  # whoosh is optional
    pass

default_tfidf = TFIDF()
default_textrank = TextRank()

extract_tags = tfidf = default_tfidf.extract_tags
set_idf_path = default_tfidf.set_idf_path
textrank = default_textrank.extract_tags


def set_stop_words(stop_words_path):
    default_tfidf.set_stop_words(stop_words_path)
    default_textrank.set_stop_words(stop_words_path)
