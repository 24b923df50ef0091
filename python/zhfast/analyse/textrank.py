"""TextRank keyword extraction, as ``jieba.analyse.textrank``."""
from __future__ import annotations

import sys
from collections import defaultdict

import zhfast
import zhfast.posseg

from .. import _core
from .._compat import strdecode
from .keywords import KeywordExtractor, by_weight, core_results, fast_top_k, str_tags


class UndirectWeightedGraph:
    """Co-occurrence graph ranked by 10 rounds of weighted PageRank (d = 0.85)."""

    d = 0.85

    def __init__(self):
        self.graph = defaultdict(list)

    def addEdge(self, start, end, weight):
        self.graph[start].append((start, end, weight))
        self.graph[end].append((end, start, weight))

    def rank(self, sort_key=None):
        ws = defaultdict(float)
        out_sum = defaultdict(float)
        initial = 1.0 / (len(self.graph) or 1.0)
        for node, edges in self.graph.items():
            ws[node] = initial
            out_sum[node] = sum((e[2] for e in edges), 0.0)
        # Sorted keys make the in-place updates independent of insertion order.
        order = sorted(self.graph.keys(), key=sort_key)
        for _ in range(10):
            for node in order:
                s = 0
                for _, other, weight in self.graph[node]:
                    s += weight / out_sum[other] * ws[other]
                ws[node] = (1 - self.d) + self.d * s
        lo, hi = sys.float_info[0], sys.float_info[3]
        for w in ws.values():
            if w < lo:
                lo = w
            if w > hi:
                hi = w
        for node, w in ws.items():
            ws[node] = (w - lo / 10.0) / (hi - lo / 10.0)
        return ws


class TextRank(KeywordExtractor):
    """Keywords by TextRank over a window of 5 words."""

    def __init__(self):
        self.tokenizer = self.postokenizer = zhfast.posseg.dt
        self.stop_words = set(self.STOP_WORDS)
        self.pos_filt = frozenset(("ns", "n", "vn", "v"))
        self.span = 5

    def pairfilter(self, wp):
        return wp.flag in self.pos_filt and len(wp.word.strip()) >= 2 and wp.word.lower() not in self.stop_words

    def _keep(self, word, flag):
        return flag in self.pos_filt and len(word.strip()) >= 2 and word.lower() not in self.stop_words

    def textrank(self, sentence, topK=20, withWeight=False, allowPOS=("ns", "n", "vn", "v"), withFlag=False):
        """The ``topK`` words of ``sentence`` by TextRank, among words tagged
        ``allowPOS``; ``pair`` objects with ``withFlag``."""
        self.pos_filt = frozenset(allowPOS)
        result = self._in_core(sentence, topK, withWeight, allowPOS, withFlag)
        if result is not None:
            return result
        cut_tuples = getattr(self.tokenizer, "cut_tuples", None)
        if cut_tuples is not None:
            words = cut_tuples(sentence)
        else:  # a tokenizer of the caller's without it
            words = [tuple(p) for p in self.tokenizer.cut(sentence)]
        if type(self).pairfilter is TextRank.pairfilter:
            keep = [self._keep(w, f) for w, f in words]
        else:  # a subclass's own filter, asked about pairs as jieba asks it
            keep = [self.pairfilter(zhfast.posseg.pair(w, f)) for w, f in words]
        # Nodes are (word, flag) tuples when flags are kept: they group exactly as jieba's
        # pair objects do (equal when word and flag are), and are sorted by word alone,
        # stably, as pair.__lt__ sorts them.
        as_pairs = bool(allowPOS) and withFlag
        co = defaultdict(int)
        n = len(words)
        for i in range(n):
            if not keep[i]:
                continue
            for j in range(i + 1, min(i + self.span, n)):
                if keep[j]:
                    co[(words[i], words[j]) if as_pairs else (words[i][0], words[j][0])] += 1
        graph = UndirectWeightedGraph()
        for (a, b), w in co.items():
            graph.addEdge(a, b, w)
        ranks = graph.rank(sort_key=(lambda node: node[0]) if as_pairs else None)
        if as_pairs:
            ranks = {zhfast.posseg.pair(w, f): r for (w, f), r in ranks.items()}
        return by_weight(ranks, withWeight, topK)

    def _in_core(self, sentence, topK, withWeight, allowPOS, withFlag):
        """``textrank`` computed by the core in one call, or ``None`` where the Python
        path must run (another tokenizer or filter, unusual arguments)."""
        pos = self.tokenizer
        allowed = str_tags(self.pos_filt)
        if (
            allowed is None
            or type(pos) is not zhfast.posseg.POSTokenizer
            or type(pos.tokenizer) is not zhfast.Tokenizer
            or type(self).pairfilter is not TextRank.pairfilter
            or type(self.span) is not int
            or UndirectWeightedGraph.d != 0.85  # the core ranks with jieba's damping
            or not zhfast._patterns.all_default(zhfast._patterns.POSSEG_REGEXES)  # a user's regexes
        ):
            return None
        sentence = strdecode(sentence)
        if not isinstance(sentence, str):
            return None
        core, tags = pos._core_and_tags()
        with_flag = bool(allowPOS) and bool(withFlag)
        try:
            found = _core.textrank_keywords(
                core, sentence, self.stop_words, allowed, max(self.span, 0), fast_top_k(topK), bool(withWeight),
                tags, with_flag,
            )
        except UnicodeEncodeError:
            return None
        return core_results(found, topK, withWeight, with_flag)

    extract_tags = textrank
