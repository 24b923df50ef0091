"""TF-IDF keyword extraction, as ``jieba.analyse.tfidf``."""
from __future__ import annotations

import os
from collections import Counter

import zhfast
import zhfast.posseg

from .._compat import get_abs_path
from .keywords import KeywordExtractor, by_weight

DEFAULT_IDF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "idf.txt")

# IDF tables by path: each file is read once per process, however many TFIDF objects.
_IDF_CACHE = {}


def _read_idf(path):
    table = _IDF_CACHE.get(path)
    if table is None:
        with open(path, "rb") as f:
            content = f.read().decode("utf-8")
        freq = {}
        for line in content.splitlines():
            word, value = line.strip().split(" ")
            freq[word] = float(value)
        values = sorted(freq.values())
        table = _IDF_CACHE[path] = (freq, values[len(values) // 2])
    return table


class IDFLoader:
    """jieba's ``IDFLoader``: ``idf_freq`` (word -> idf) and the median idf."""

    def __init__(self, idf_path=None):
        self.path = ""
        self.idf_freq = {}
        self.median_idf = 0.0
        if idf_path:
            self.set_new_path(idf_path)

    def set_new_path(self, new_idf_path):
        if self.path != new_idf_path:
            self.path = new_idf_path
            self.idf_freq, self.median_idf = _read_idf(new_idf_path)

    def get_idf(self):
        return self.idf_freq, self.median_idf


class TFIDF(KeywordExtractor):
    """Keywords by term frequency × inverse document frequency."""

    def __init__(self, idf_path=None):
        self.tokenizer = zhfast.dt
        self.postokenizer = zhfast.posseg.dt
        self.stop_words = set(self.STOP_WORDS)
        self.idf_loader = IDFLoader(idf_path or DEFAULT_IDF)
        self.idf_freq, self.median_idf = self.idf_loader.get_idf()

    def set_idf_path(self, idf_path):
        new_abs_path = get_abs_path(idf_path)
        if not os.path.isfile(new_abs_path):
            raise Exception("jieba: file does not exist: " + new_abs_path)
        self.idf_loader.set_new_path(new_abs_path)
        self.idf_freq, self.median_idf = self.idf_loader.get_idf()

    def extract_tags(self, sentence, topK=20, withWeight=False, allowPOS=(), withFlag=False):
        """The ``topK`` words of ``sentence`` by TF-IDF (all for ``None`` or 0), as
        words, ``(word, weight)`` with ``withWeight``, or ``pair`` objects with
        ``allowPOS`` and ``withFlag``; ``allowPOS`` keeps only those tags."""
        keep_pairs = bool(allowPOS) and withFlag
        if allowPOS:
            allowed = frozenset(allowPOS)
            items = [p if keep_pairs else p.word for p in self.postokenizer.cut(sentence) if p.flag in allowed]
        else:
            items = self.tokenizer.lcut(sentence)
        # Counted in C, keys in first-seen order (as jieba's dict); the per-word tests then
        # run once per distinct word instead of once per occurrence.  Counts are small
        # integers, so the float arithmetic below gives jieba's bits exactly.
        stop = self.stop_words
        counts = {}
        for item, n in Counter(items).items():
            word = item.word if keep_pairs else item
            if len(word.strip()) < 2 or word.lower() in stop:
                continue
            counts[item] = float(n)
        total = sum(counts.values())
        idf, median = self.idf_freq, self.median_idf
        for item in counts:
            word = item.word if keep_pairs else item
            counts[item] *= idf.get(word, median) / total
        return by_weight(counts, withWeight, topK)
