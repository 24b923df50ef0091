"""``ChineseAnalyzer`` for the whoosh search library (needs whoosh installed)."""
from __future__ import annotations

import re

from whoosh.analysis import LowercaseFilter, StemFilter, StopFilter, Token, Tokenizer
from whoosh.lang.porter import stem

import zhfast

STOP_WORDS = frozenset(("a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
                        "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we",
                        "when", "will", "with", "yet", "you", "your", "的", "了", "和"))

accepted_chars = re.compile(r"[\u4E00-\u9FD5]+")


class ChineseTokenizer(Tokenizer):
    """Search-mode tokens with positions; drops single characters outside Chinese."""

    def __call__(self, text, **kargs):
        token = Token()
        for word, start, end in zhfast.tokenize(text, mode="search"):
            if not accepted_chars.match(word) and len(word) <= 1:
                continue
            token.original = token.text = word
            token.pos = start
            token.startchar = start
            token.endchar = end
            yield token


def ChineseAnalyzer(stoplist=STOP_WORDS, minsize=1, stemfn=stem, cachesize=50000):
    return (ChineseTokenizer() | LowercaseFilter() | StopFilter(stoplist=stoplist, minsize=minsize)
            | StemFilter(stemfn=stemfn, ignore=None, cachesize=cachesize))
