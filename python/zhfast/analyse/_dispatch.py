"""Which implementation computes a keyword call: the Rust core, or the reference.

The core (``_core.tfidf_keywords``, ``_core.textrank_keywords``) cuts, counts, weights
and ranks in one call without the GIL, and builds Python objects only for the ``topK``
results.  It serves every call made with zhfast's own tokenizers and jieba's settings;
:func:`why_not_core` lists the calls it cannot serve, and those run ``_reference``
(jieba's algorithm in Python).  Both give jieba's words, order and weights.
"""
from __future__ import annotations

import zhfast
import zhfast.posseg

from .. import _core, _patterns
from .._compat import strdecode
from . import _reference

#: The two kinds of extraction, named after their functions in ``_reference``.
TFIDF = "tfidf"
TEXTRANK = "textrank"


def keywords(kind, extractor, sentence, topK, withWeight, allowPOS, withFlag):
    """``extractor``'s keywords for ``sentence`` (a ``TFIDF`` for ``kind`` ``TFIDF``, a
    ``TextRank`` for ``TEXTRANK``): from the core when it can serve the call, else from
    ``_reference``."""
    if why_not_core(kind, extractor, sentence, allowPOS) is None:
        found = _in_core(kind, extractor, strdecode(sentence), topK, withWeight, allowPOS, withFlag)
        if found is not None:
            return found
    reference = _reference.tfidf if kind == TFIDF else _reference.textrank
    return reference(extractor, sentence, topK, withWeight, allowPOS, withFlag)


def why_not_core(kind, extractor, sentence, allowPOS):
    """Why the core cannot serve this call (a short name for the case), or ``None`` when
    it can.

    The core cuts with zhfast's own tokenizers only, compares tags and words as UTF-8,
    and computes in floats; a call it cannot serve runs the reference instead.  Decided
    here, before calling it:

    ``"tokenizer"``
        The tokenizer that cuts is not zhfast's own: ``extractor.tokenizer`` (TF-IDF's
        ``postokenizer`` when ``allowPOS`` is given) is another class or a subclass, or
        a ``posseg.POSTokenizer`` over something other than a ``zhfast.Tokenizer``.
        Only Python can call its ``cut``.
    ``"allowPOS"``
        A tag (of ``allowPOS``; TextRank's ``pos_filt``) that is not a ``str``, or not
        UTF-8 (a lone surrogate).
    ``"text"``
        ``sentence`` does not decode to a ``str`` (an object whose ``decode`` returns
        something else).
    ``"median_idf"`` (TF-IDF)
        ``extractor.median_idf`` is not a ``float``: with an ``int`` (or anything else)
        jieba's arithmetic is Python's, not the core's ``f64``.
    ``"idf_freq"`` (TF-IDF)
        ``idf_freq`` was replaced by something other than a ``dict`` (a dict subclass,
        a mapping): the core reads the compiled table or a plain ``dict``.
    ``"pairfilter"`` (TextRank)
        ``pairfilter`` is overridden (by a subclass, or set on the instance).
    ``"span"`` (TextRank)
        ``extractor.span`` is not an ``int``.
    ``"damping"`` (TextRank)
        ``UndirectWeightedGraph.d`` was changed from jieba's 0.85.
    ``"regexes"``
        A module regex that cutting or tagging reads was replaced by the user (see
        ``zhfast._patterns``): the reference cuts with the tokenizers' Python path, which
        reads the user's patterns.

    Only the core can tell the remaining cases, while it runs; it then raises
    ``UnicodeEncodeError`` or returns ``None``, and :func:`keywords` runs the reference:

    * the text holds a lone surrogate (it is not UTF-8): the core finds out when it
      reads the text, at no cost, where checking here would encode every text twice;
    * TF-IDF: the ``idf_freq`` dict (one of the caller's, or the bundled table's once a
      caller has touched it) holds a value that is not a ``float`` or an ``int`` for a
      word of the text: checking here would read every value of the dict (270,000 for
      jieba's table) on every call;
    * TF-IDF: a weight is NaN (a NaN IDF value or median for a word of the text): the
      core does not sort NaN, whose order only Python's sort defines.  (TextRank's
      weights cannot be NaN with jieba's damping: edge weights are positive counts.)
    """
    if kind == TFIDF:
        if allowPOS:
            pos = extractor.postokenizer
            if type(pos) is not zhfast.posseg.POSTokenizer or type(pos.tokenizer) is not zhfast.Tokenizer:
                return "tokenizer"
            if _core_tags(allowPOS) is None:
                return "allowPOS"
        elif type(extractor.tokenizer) is not zhfast.Tokenizer:
            return "tokenizer"
        if type(extractor.median_idf) is not float:
            return "median_idf"
        idf = extractor._idf.source()
        if type(idf) is not dict and not isinstance(idf, _core.IdfTable):
            return "idf_freq"
    else:
        pos = extractor.tokenizer
        if type(pos) is not zhfast.posseg.POSTokenizer or type(pos.tokenizer) is not zhfast.Tokenizer:
            return "tokenizer"
        if _core_tags(extractor.pos_filt) is None:
            return "allowPOS"
        if type(extractor).pairfilter is not _reference.pairfilter or "pairfilter" in vars(extractor):
            return "pairfilter"
        if type(extractor.span) is not int:
            return "span"
        if _reference.UndirectWeightedGraph.d != 0.85:
            return "damping"
    if not _patterns.all_default(_patterns.CUT_REGEXES + _patterns.POSSEG_REGEXES):
        return "regexes"
    if not isinstance(strdecode(sentence), str):
        return "text"
    return None


def _in_core(kind, extractor, text, topK, withWeight, allowPOS, withFlag):
    """The core's result for a call :func:`why_not_core` let through, in jieba's shape;
    ``None`` where the core declines it (the cases only the core can tell)."""
    with_flag = bool(allowPOS) and bool(withFlag)
    if kind == TFIDF:
        if allowPOS:
            core, tags = extractor.postokenizer._core_and_tags()
            allowed = _core_tags(allowPOS)
        else:
            core, tags, allowed = extractor.tokenizer._checked_core(), None, None
        args = (core, text, extractor.stop_words, extractor._idf.source(), extractor.median_idf, _core_top_k(topK),
                bool(withWeight), allowed, tags, with_flag)
        compute = _core.tfidf_keywords
    else:
        core, tags = extractor.tokenizer._core_and_tags()
        args = (core, text, extractor.stop_words, _core_tags(extractor.pos_filt), max(extractor.span, 0),
                _core_top_k(topK), bool(withWeight), tags, with_flag)
        compute = _core.textrank_keywords
    try:
        found = compute(*args)
    except UnicodeEncodeError:  # a lone surrogate in the text
        return None
    if found is None:
        return None
    if with_flag:
        pair = zhfast.posseg.pair
        found = [(pair(*key), w) for key, w in found] if withWeight else [pair(*key) for key in found]
    if topK and _core_top_k(topK) is None:
        found = found[:topK]  # jieba's slice, for a topK the core does not take
    return found


def _core_tags(allow_pos):
    """``frozenset(allow_pos)`` as the list of tags the core compares with, or ``None``
    when a tag is not a ``str`` or not UTF-8."""
    tags = list(frozenset(allow_pos))
    if not all(type(t) is str for t in tags):
        return None
    try:
        "".join(tags).encode("utf-8")
    except UnicodeEncodeError:
        return None
    return tags


def _core_top_k(top_k):
    """How many results the core builds: ``top_k`` when it is a positive ``int``, else
    all (``None``); :func:`_in_core` then slices as jieba does (``True``, a negative
    number, or an object that is not an ``int``, which may raise as in jieba)."""
    return top_k if type(top_k) is int and top_k > 0 else None
