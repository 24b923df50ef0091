"""TextRank keyword extraction, as ``jieba.analyse.textrank``."""
from __future__ import annotations

import zhfast.posseg

from . import _dispatch, _reference
from ._reference import UndirectWeightedGraph  # noqa: F401  (jieba's name, in jieba's module)
from .keywords import KeywordExtractor


class TextRank(KeywordExtractor):
    """Keywords by TextRank over a window of 5 words."""

    def __init__(self):
        self.tokenizer = self.postokenizer = zhfast.posseg.dt
        self.stop_words = set(self.STOP_WORDS)
        self.pos_filt = frozenset(("ns", "n", "vn", "v"))
        self.span = 5

    pairfilter = _reference.pairfilter

    def textrank(self, sentence, topK=20, withWeight=False, allowPOS=("ns", "n", "vn", "v"), withFlag=False):
        """The ``topK`` words of ``sentence`` by TextRank, among words tagged
        ``allowPOS``; ``pair`` objects with ``withFlag``."""
        self.pos_filt = frozenset(allowPOS)
        return _dispatch.keywords(_dispatch.TEXTRANK, self, sentence, topK, withWeight, allowPOS, withFlag)

    extract_tags = textrank
