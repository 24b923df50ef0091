"""TextRank keyword extraction, as ``jieba.analyse.textrank``."""
from __future__ import annotations

import sys
from collections import defaultdict

import zhfast.posseg

from .keywords import KeywordExtractor, by_weight


class UndirectWeightedGraph:
    """Co-occurrence graph ranked by 10 rounds of weighted PageRank (d = 0.85)."""

    d = 0.85

    def __init__(self):
        self.graph = defaultdict(list)

    def addEdge(self, start, end, weight):
        self.graph[start].append((start, end, weight))
        self.graph[end].append((end, start, weight))

    def rank(self):
        ws = defaultdict(float)
        out_sum = defaultdict(float)
        initial = 1.0 / (len(self.graph) or 1.0)
        for node, edges in self.graph.items():
            ws[node] = initial
            out_sum[node] = sum((e[2] for e in edges), 0.0)
        # Sorted keys make the in-place updates independent of insertion order.
        order = sorted(self.graph.keys())
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

    def textrank(self, sentence, topK=20, withWeight=False, allowPOS=("ns", "n", "vn", "v"), withFlag=False):
        """The ``topK`` words of ``sentence`` by TextRank, among words tagged
        ``allowPOS``; ``pair`` objects with ``withFlag``."""
        self.pos_filt = frozenset(allowPOS)
        words = tuple(self.tokenizer.cut(sentence))
        keep = [self.pairfilter(wp) for wp in words]
        as_pairs = bool(allowPOS) and withFlag
        co = defaultdict(int)
        n = len(words)
        for i, wp in enumerate(words):
            if not keep[i]:
                continue
            for j in range(i + 1, min(i + self.span, n)):
                if keep[j]:
                    co[(wp, words[j]) if as_pairs else (wp.word, words[j].word)] += 1
        graph = UndirectWeightedGraph()
        for (a, b), w in co.items():
            graph.addEdge(a, b, w)
        return by_weight(graph.rank(), withWeight, topK)

    extract_tags = textrank
