"""What TF-IDF and TextRank share: stop words, and the path helpers jieba uses."""
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


def by_weight(weights, with_weight, top_k):
    """Keys of ``weights`` (a dict in first-seen order) by descending weight, equal
    weights in first-seen order (Python's stable sort, as jieba), cut to ``top_k``."""
    if with_weight:
        ranked = sorted(weights.items(), key=lambda kv: kv[1], reverse=True)
    else:
        ranked = sorted(weights, key=weights.__getitem__, reverse=True)
    return ranked[:top_k] if top_k else ranked


def str_tags(allow_pos):
    """``frozenset(allow_pos)`` as a list for the core, or ``None`` when it holds
    something other than ``str`` (the Python path then compares as jieba does)."""
    tags = frozenset(allow_pos)
    return list(tags) if all(type(t) is str for t in tags) else None


def fast_top_k(top_k):
    """How many results the core should build: ``top_k`` when it is a positive ``int``,
    else all (and :func:`core_results` slices as jieba does)."""
    return top_k if type(top_k) is int and top_k > 0 else None


def core_results(found, top_k, with_weight, with_flag):
    """The core's results in jieba's shape: ``pair`` objects for ``(word, flag)`` keys,
    ``[:top_k]`` where the core could not cut (``True``, negative, not an ``int``)."""
    if found is None:
        return None
    if with_flag:
        from ..posseg import pair

        found = [(pair(*key), w) for key, w in found] if with_weight else [pair(*key) for key in found]
    if top_k and fast_top_k(top_k) is None:
        found = found[:top_k]
    return found
