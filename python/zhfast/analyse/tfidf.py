"""TF-IDF keyword extraction, as ``jieba.analyse.tfidf``."""
from __future__ import annotations

import os

import zhfast
import zhfast.posseg

from .._compat import get_abs_path
from . import _dispatch
from . import idf as _idf
from .idf import DEFAULT_IDF
from .keywords import KeywordExtractor


def _get_idf_freq(self):
    return self._idf.freq


def _set_idf_freq(self, freq):
    self._idf = _idf.IdfData(None, freq, self.median_idf)


#: jieba's ``idf_freq`` attribute, on both of its classes that have one: the ``{word: idf}``
#: dict (built on first access for the bundled table); assigning one replaces the table.
_IDF_FREQ = property(_get_idf_freq, _set_idf_freq)


class IDFLoader:
    """jieba's ``IDFLoader``: ``idf_freq`` (word -> idf) and the median idf."""

    def __init__(self, idf_path=None):
        self.path = ""
        self._idf = _idf.IdfData(None, {}, 0.0)
        self.median_idf = 0.0
        if idf_path:
            self.set_new_path(idf_path)

    idf_freq = _IDF_FREQ

    def set_new_path(self, new_idf_path):
        if self.path != new_idf_path:
            self.path = new_idf_path
            self._idf = _idf.load(new_idf_path)
            self.median_idf = self._idf.median

    def get_idf(self):
        return self.idf_freq, self.median_idf


class TFIDF(KeywordExtractor):
    """Keywords by term frequency × inverse document frequency."""

    def __init__(self, idf_path=None):
        self.tokenizer = zhfast.dt
        self.postokenizer = zhfast.posseg.dt
        self.stop_words = set(self.STOP_WORDS)
        self.idf_loader = IDFLoader(idf_path or DEFAULT_IDF)
        self._idf = self.idf_loader._idf
        self.median_idf = self.idf_loader.median_idf

    idf_freq = _IDF_FREQ

    def set_idf_path(self, idf_path):
        new_abs_path = get_abs_path(idf_path)
        if new_abs_path != DEFAULT_IDF and not os.path.isfile(new_abs_path):
            raise Exception("jieba: file does not exist: " + new_abs_path)
        self.idf_loader.set_new_path(new_abs_path)
        self._idf = self.idf_loader._idf
        self.median_idf = self.idf_loader.median_idf

    def extract_tags(self, sentence, topK=20, withWeight=False, allowPOS=(), withFlag=False):
        """The ``topK`` words of ``sentence`` by TF-IDF (all for ``None`` or 0), as
        words, ``(word, weight)`` with ``withWeight``, or ``pair`` objects with
        ``allowPOS`` and ``withFlag``; ``allowPOS`` keeps only those tags."""
        if allowPOS:
            allowPOS = frozenset(allowPOS)  # once: it may be an iterator
        return _dispatch.keywords(_dispatch.TFIDF, self, sentence, topK, withWeight, allowPOS, withFlag)
