"""TF-IDF keyword extraction, as ``jieba.analyse.tfidf``."""
from __future__ import annotations

import os
from collections import Counter

import zhfast
import zhfast.posseg

from .. import _core
from .._compat import get_abs_path, strdecode
from . import idf as _idf
from .idf import DEFAULT_IDF
from .keywords import KeywordExtractor, by_weight, core_results, fast_top_k, str_tags


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
        result = self._in_core(sentence, topK, withWeight, allowPOS, withFlag)
        if result is not None:
            return result
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
        idf, median = self._idf, self.median_idf
        for item in counts:
            word = item.word if keep_pairs else item
            counts[item] *= idf.get(word, median) / total
        return by_weight(counts, withWeight, topK)

    def _in_core(self, sentence, topK, withWeight, allowPOS, withFlag):
        """``extract_tags`` computed by the core in one call, or ``None`` where the
        Python path must run (another tokenizer, unusual arguments or values)."""
        median = self.median_idf
        if type(median) is not float or not zhfast._patterns.all_default(zhfast._patterns.CUT_REGEXES + zhfast._patterns.POSSEG_REGEXES):
            return None  # (a user's module regexes: the Python path cuts with them)
        if allowPOS:
            allowed = str_tags(allowPOS)
            pos = self.postokenizer
            if allowed is None or type(pos) is not zhfast.posseg.POSTokenizer or type(pos.tokenizer) is not zhfast.Tokenizer:
                return None
            core, tags = pos._core_and_tags()
        else:
            if type(self.tokenizer) is not zhfast.Tokenizer:
                return None
            allowed, tags, core = None, None, self.tokenizer._checked_core()
        sentence = strdecode(sentence)
        if not isinstance(sentence, str):
            return None
        with_flag = bool(allowPOS) and bool(withFlag)
        try:
            found = _core.tfidf_keywords(
                core, sentence, self.stop_words, self._idf.source(), median, fast_top_k(topK), bool(withWeight),
                allowed, tags, with_flag,
            )
        except UnicodeEncodeError:
            return None
        return core_results(found, topK, withWeight, with_flag)
