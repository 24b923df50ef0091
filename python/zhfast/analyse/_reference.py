"""jieba 0.42.1's keyword extraction, written plainly: what ``zhfast.analyse`` computes.

This file is the specification.  Each function here does what jieba's ``analyse/tfidf.py``
and ``analyse/textrank.py`` do, step for step, on the extractor's own tokenizer, so that
reading it tells what ``extract_tags`` and ``textrank`` return: which words, in which
order, with which weights.

The Rust core computes the same from the same cut in one call (``_core.tfidf_keywords``
and ``_core.textrank_keywords``, over ``rust/zhfast-core/src/tfidf.rs`` and
``textrank.rs``), and is what normally runs.  These functions run only for the calls the
core cannot serve; :func:`zhfast.analyse._dispatch.why_not_core` lists them.  The tests
compare both paths with jieba.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from operator import itemgetter


def parse_idf(content):
    """jieba's IDF file: ``(idf_freq, median_idf)`` for the text of a file of ``word idf``
    lines.  Every line must have exactly one space (a blank line raises ``ValueError``)
    and a value ``float()`` accepts; the median is the middle of the sorted values (an
    empty file raises ``IndexError``).  jieba's own file is not parsed here: it is
    compiled into the core when the extension is built (``_core.IdfTable``; a test checks
    it against jieba's parse)."""
    idf_freq = {}
    for line in content.splitlines():
        word, value = line.strip().split(" ")
        idf_freq[word] = float(value)
    return idf_freq, sorted(idf_freq.values())[len(idf_freq) // 2]


def is_candidate(word, stop_words):
    """jieba's word test, the same in both extractors: at least two characters once
    stripped, and not a stop word once lower-cased (``stop_words`` is asked with ``in``)."""
    return len(word.strip()) >= 2 and word.lower() not in stop_words


def ranked(weights, withWeight, topK):
    """The keys of ``weights`` by descending weight, as jieba returns them: ``(key,
    weight)`` pairs with ``withWeight``, else keys; the first ``topK`` when it is truthy,
    else all.  The sort is stable, so equal weights keep the dict's first-seen order."""
    if withWeight:
        tags = sorted(weights.items(), key=itemgetter(1), reverse=True)
    else:
        tags = sorted(weights, key=weights.__getitem__, reverse=True)
    return tags[:topK] if topK else tags


# --------------------------------------------------------------------------------------
# TF-IDF
# --------------------------------------------------------------------------------------

def tfidf(extractor, sentence, topK, withWeight, allowPOS, withFlag):
    """``TFIDF.extract_tags``: each candidate word's count, times its IDF over the total
    count.

    Without ``allowPOS`` the words are ``extractor.tokenizer.cut(sentence)``; with it,
    the words of ``extractor.postokenizer.cut(sentence)`` whose flag is in it, counted as
    ``pair`` objects when ``withFlag`` is set too (a pair groups by word and flag).
    Counts are floats in a dict in first-seen order; the IDF of a word is
    ``idf_freq.get(word, median_idf)``.
    """
    if allowPOS:
        allowPOS = frozenset(allowPOS)
        words = extractor.postokenizer.cut(sentence)
    else:
        words = extractor.tokenizer.cut(sentence)
    freq = {}
    for w in words:
        if allowPOS:
            if w.flag not in allowPOS:
                continue
            if not withFlag:
                w = w.word
        word = w.word if allowPOS and withFlag else w
        if not is_candidate(word, extractor.stop_words):
            continue
        freq[w] = freq.get(w, 0.0) + 1.0
    total = sum(freq.values())
    # `_idf.get` is `idf_freq.get`; for the bundled table it reads the compiled table
    # rather than building jieba's 270,000-entry dict.
    idf = extractor._idf
    for k in freq:
        word = k.word if allowPOS and withFlag else k
        freq[k] *= idf.get(word, extractor.median_idf) / total
    return ranked(freq, withWeight, topK)


# --------------------------------------------------------------------------------------
# TextRank
# --------------------------------------------------------------------------------------

class UndirectWeightedGraph:
    """jieba's co-occurrence graph: nodes are words (or pairs), each edge weighted by how
    often its two words occur within the window."""

    #: The damping factor of the weighted PageRank.
    d = 0.85

    def __init__(self):
        self.graph = defaultdict(list)

    def addEdge(self, start, end, weight):
        self.graph[start].append((start, end, weight))
        self.graph[end].append((end, start, weight))

    def rank(self):
        """Ten rounds of weighted PageRank, updated in place, then scaled so that the
        largest weight is 1: ``{node: weight}`` in the graph's insertion order."""
        ws = defaultdict(float)
        out_sum = defaultdict(float)
        initial = 1.0 / (len(self.graph) or 1.0)
        for node, edges in self.graph.items():
            ws[node] = initial
            out_sum[node] = sum((e[2] for e in edges), 0.0)
        # The rounds visit the nodes in sorted order (pairs sort by word alone, stably),
        # which makes the in-place updates independent of the dict's order.
        order = sorted(self.graph.keys())
        for _round in range(10):
            for node in order:
                s = 0
                for _, other, weight in self.graph[node]:
                    s += weight / out_sum[other] * ws[other]
                ws[node] = (1 - self.d) + self.d * s
        # jieba starts the minimum at the largest float and the maximum at the smallest
        # positive one (sys.float_info's first and fourth fields).
        lo, hi = sys.float_info[0], sys.float_info[3]
        for w in ws.values():
            if w < lo:
                lo = w
            if w > hi:
                hi = w
        for node, w in ws.items():
            ws[node] = (w - lo / 10.0) / (hi - lo / 10.0)
        return ws


def pairfilter(self, wp):
    """``TextRank.pairfilter`` (a method of the extractor ``self``): whether the ``pair``
    ``wp`` is a node of the graph (its flag in ``self.pos_filt``, its word a candidate)."""
    return wp.flag in self.pos_filt and is_candidate(wp.word, self.stop_words)


def textrank(extractor, sentence, topK, withWeight, allowPOS, withFlag):
    """``TextRank.textrank``: words that pass ``extractor.pairfilter`` and occur fewer
    than ``extractor.span`` positions apart in ``extractor.tokenizer.cut(sentence)`` are
    linked, once per co-occurrence; the graph's ranks are the weights.

    Nodes are ``pair`` objects when ``allowPOS`` and ``withFlag`` are both set, else
    words.  ``extractor.pos_filt`` (which ``pairfilter`` reads) is already
    ``frozenset(allowPOS)``: ``TextRank.textrank`` sets it before either path runs.
    """
    graph = UndirectWeightedGraph()
    cm = defaultdict(int)
    words = tuple(extractor.tokenizer.cut(sentence))
    for i, wp in enumerate(words):
        if extractor.pairfilter(wp):
            for j in range(i + 1, i + extractor.span):
                if j >= len(words):
                    break
                if not extractor.pairfilter(words[j]):
                    continue
                if allowPOS and withFlag:
                    cm[(wp, words[j])] += 1
                else:
                    cm[(wp.word, words[j].word)] += 1
    for (start, end), w in cm.items():
        graph.addEdge(start, end, w)
    return ranked(graph.rank(), withWeight, topK)
