"""Every case in which the core cannot serve a keyword call, against jieba 0.42.1.

``zhfast.analyse._dispatch.why_not_core`` lists the calls that run the reference
implementation (``zhfast.analyse._reference``) instead of the Rust core.  Each test here
makes one such call and shows three things: the case is reached (``why_not_core`` names
it, or, for the cases only the core can tell, lets the call through and the core
declines it), the reference is what runs, and the result (or the exception) is jieba's.
The last tests run the reference itself on generated text.
"""
from __future__ import annotations

import collections
import decimal
import fractions
import importlib
import math

import jieba
import jieba.analyse as ja
import jieba.posseg
import pytest
from hypothesis import given, settings

import zhfast
import zhfast.analyse as za
import zhfast.posseg
from conftest import STATS
from test_analyse_core import TEXT, same
from test_hypothesis import mixed
from zhfast.analyse import _dispatch, _reference

TFIDF, TEXTRANK = _dispatch.TFIDF, _dispatch.TEXTRANK
SURROGATE_TEXT = "北京\ud800清华大学北京清华大学，我来到北京。"


@pytest.fixture
def paths(monkeypatch):
    """Records what each keyword call decides: ``paths.reasons`` gets the answer of
    ``why_not_core``, ``paths.reference`` the kind of each reference run."""
    record = collections.namedtuple("Paths", "reasons reference")([], [])
    decide = _dispatch.why_not_core

    def why_not_core(*args):
        reason = decide(*args)
        record.reasons.append(reason)
        return reason

    monkeypatch.setattr(_dispatch, "why_not_core", why_not_core)
    for kind in (TFIDF, TEXTRANK):
        run = getattr(_reference, kind)

        def spy(*args, _run=run, _kind=kind, **kwargs):
            record.reference.append(_kind)
            return _run(*args, **kwargs)

        monkeypatch.setattr(_reference, kind, spy)
    return record


def check(paths, kind, reason, zhfast_call, jieba_call):
    """``zhfast_call()`` runs the reference for ``reason`` (``None``: the core declined
    it) and gives ``jieba_call()``'s result, or raises the exception type jieba raises."""
    try:
        want = jieba_call()
    except Exception as e:
        with pytest.raises(type(e)):
            zhfast_call()
    else:
        got = zhfast_call()
        same(got, want)
        assert weight_types(got) == weight_types(want)
    assert paths.reasons == [reason]
    assert paths.reference == [kind]


def weight_types(result):
    return [type(item[1]) for item in result if isinstance(item, tuple)]


def test_the_core_serves_ordinary_calls(paths):
    # The control for every test below: with zhfast's tokenizers and jieba's settings,
    # no call reaches the reference.
    for opts in ({}, {"withWeight": True}, {"allowPOS": ("n", "ns"), "withFlag": True, "withWeight": True}):
        same(za.extract_tags(TEXT, **opts), ja.extract_tags(TEXT, **opts))
        same(za.textrank(TEXT, **opts), ja.textrank(TEXT, **opts))
    same(za.extract_tags(TEXT.encode("utf-8")), ja.extract_tags(TEXT.encode("utf-8")))
    assert paths.reasons == [None] * 7
    assert paths.reference == []


# --------------------------------------------------------------------------------------
# Decided before calling the core.
# --------------------------------------------------------------------------------------

class ZhfastTokenizer(zhfast.Tokenizer):
    def cut(self, sentence, *args, **kwargs):
        return (w for w in super().cut(sentence, *args, **kwargs) if w != "北京")


class JiebaTokenizer(jieba.Tokenizer):
    def cut(self, sentence, *args, **kwargs):
        return (w for w in super().cut(sentence, *args, **kwargs) if w != "北京")


class ZhfastPOSTokenizer(zhfast.posseg.POSTokenizer):
    def cut(self, sentence, HMM=True):
        return (p for p in super().cut(sentence, HMM) if p.word != "北京")


class JiebaPOSTokenizer(jieba.posseg.POSTokenizer):
    def cut(self, sentence, HMM=True):
        return (p for p in super().cut(sentence, HMM) if p.word != "北京")


def test_tfidf_with_another_tokenizer(paths):
    zt, jt = za.TFIDF(), ja.TFIDF()
    zt.tokenizer, jt.tokenizer = ZhfastTokenizer(), JiebaTokenizer()
    check(paths, TFIDF, "tokenizer", lambda: zt.extract_tags(TEXT, withWeight=True),
          lambda: jt.extract_tags(TEXT, withWeight=True))
    assert "北京" not in zt.extract_tags(TEXT, topK=None)  # the subclass's cut did run


@pytest.mark.parametrize("which", ["subclass", "over a Tokenizer subclass"])
def test_tfidf_with_another_pos_tokenizer(paths, which):
    zt, jt = za.TFIDF(), ja.TFIDF()
    if which == "subclass":
        zt.postokenizer, jt.postokenizer = ZhfastPOSTokenizer(zhfast.dt), JiebaPOSTokenizer(jieba.dt)
    else:
        zt.postokenizer = zhfast.posseg.POSTokenizer(ZhfastTokenizer())
        jt.postokenizer = jieba.posseg.POSTokenizer(JiebaTokenizer())
    opts = {"allowPOS": ("n", "ns", "nt"), "withFlag": True, "withWeight": True}
    check(paths, TFIDF, "tokenizer", lambda: zt.extract_tags(TEXT, **opts), lambda: jt.extract_tags(TEXT, **opts))


@pytest.mark.parametrize("which", ["subclass", "over a Tokenizer subclass"])
def test_textrank_with_another_tokenizer(paths, which):
    zr, jr = za.TextRank(), ja.TextRank()
    if which == "subclass":
        zr.tokenizer, jr.tokenizer = ZhfastPOSTokenizer(zhfast.dt), JiebaPOSTokenizer(jieba.dt)
    else:
        zr.tokenizer = zhfast.posseg.POSTokenizer(ZhfastTokenizer())
        jr.tokenizer = jieba.posseg.POSTokenizer(JiebaTokenizer())
    check(paths, TEXTRANK, "tokenizer", lambda: zr.textrank(TEXT, withWeight=True, withFlag=True),
          lambda: jr.textrank(TEXT, withWeight=True, withFlag=True))


@pytest.mark.parametrize("kind", [TFIDF, TEXTRANK])
@pytest.mark.parametrize("tags", [("n", 1, "ns"), ("ns\ud800", "n", "ns")], ids=["not str", "surrogate"])
def test_tags_the_core_cannot_compare(paths, kind, tags):
    opts = {"allowPOS": tags, "withWeight": True}
    z = za.extract_tags if kind == TFIDF else za.textrank
    j = ja.extract_tags if kind == TFIDF else ja.textrank
    check(paths, kind, "allowPOS", lambda: z(TEXT, **opts), lambda: j(TEXT, **opts))


class DecodesToBytes:
    """An input whose ``decode`` does not give a ``str``."""

    def decode(self, *args):
        return "北京清华大学".encode("utf-8")


@pytest.mark.parametrize("kind", [TFIDF, TEXTRANK])
def test_text_that_does_not_decode_to_str(paths, kind):
    z = za.extract_tags if kind == TFIDF else za.textrank
    j = ja.extract_tags if kind == TFIDF else ja.textrank
    check(paths, kind, "text", lambda: z(DecodesToBytes()), lambda: j(DecodesToBytes()))


@pytest.mark.parametrize("text", ["", TEXT + "一个不在表里的词：噗呲噗呲"], ids=["empty", "unknown word"])
@pytest.mark.parametrize("median", [7, 10**400, None, decimal.Decimal(7), "numpy"],
                         ids=["int", "huge int", "None", "Decimal", "numpy float64"])
def test_tfidf_median_that_is_not_a_float(paths, median, text):
    # A word without an IDF value takes the median: jieba divides it by the total count,
    # in Python (a Decimal raises; a numpy float gives numpy weights; with no such word,
    # any median will do).
    if median == "numpy":
        median = pytest.importorskip("numpy").float64(7.5)
    zt, jt = za.TFIDF(), ja.TFIDF()
    zt.median_idf = jt.median_idf = median
    check(paths, TFIDF, "median_idf", lambda: zt.extract_tags(text, withWeight=True, topK=None),
          lambda: jt.extract_tags(text, withWeight=True, topK=None))


@pytest.mark.parametrize("mapping", [collections.OrderedDict, collections.UserDict])
def test_tfidf_idf_freq_that_is_not_a_dict(paths, mapping):
    zt, jt = za.TFIDF(), ja.TFIDF()
    zt.idf_freq = mapping({"北京": 3.0, "清华大学": 2.5, "京都": 9.0})
    jt.idf_freq = mapping({"北京": 3.0, "清华大学": 2.5, "京都": 9.0})
    check(paths, TFIDF, "idf_freq", lambda: zt.extract_tags(TEXT, withWeight=True),
          lambda: jt.extract_tags(TEXT, withWeight=True))


class OwnFilter(za.TextRank):
    def pairfilter(self, wp):
        return super().pairfilter(wp) and wp.word != "北京"


class JiebaOwnFilter(ja.TextRank):
    def pairfilter(self, wp):
        return super().pairfilter(wp) and wp.word != "北京"


@pytest.mark.parametrize("where", ["subclass", "instance"])
def test_textrank_with_another_pairfilter(paths, where):
    if where == "subclass":
        zr, jr = OwnFilter(), JiebaOwnFilter()
    else:
        zr, jr = za.TextRank(), ja.TextRank()
        zr.pairfilter = lambda wp: za.TextRank.pairfilter(zr, wp) and wp.word != "北京"
        jr.pairfilter = lambda wp: ja.TextRank.pairfilter(jr, wp) and wp.word != "北京"
    check(paths, TEXTRANK, "pairfilter", lambda: zr.textrank(TEXT, withWeight=True),
          lambda: jr.textrank(TEXT, withWeight=True))
    assert "北京" not in zr.textrank(TEXT, topK=None)


@pytest.mark.parametrize("text", ["的了。", TEXT], ids=["no candidates", "candidates"])
@pytest.mark.parametrize("span", [2.0, True, 3.5], ids=["float", "bool", "fraction"])
def test_textrank_span_that_is_not_an_int(paths, span, text):
    # jieba's window is `range(i + 1, i + span)`: it raises for a float only once a
    # word passes the filter.
    zr, jr = za.TextRank(), ja.TextRank()
    zr.span = jr.span = span
    check(paths, TEXTRANK, "span", lambda: zr.textrank(text, withWeight=True), lambda: jr.textrank(text, withWeight=True))


def test_textrank_with_another_damping_factor(paths, monkeypatch):
    # jieba reads the factor from its graph class, which `zhfast.analyse.textrank` names as
    # jieba's module does: patching it there is seen.
    for module in ("zhfast.analyse.textrank", "jieba.analyse.textrank"):
        monkeypatch.setattr(importlib.import_module(module).UndirectWeightedGraph, "d", 0.6)
    check(paths, TEXTRANK, "damping", lambda: za.textrank(TEXT, withWeight=True), lambda: ja.textrank(TEXT, withWeight=True))


# --------------------------------------------------------------------------------------
# Only the core can tell: why_not_core lets the call through, the core declines it.
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [TFIDF, TEXTRANK])
def test_text_with_a_lone_surrogate(paths, kind):
    z = za.extract_tags if kind == TFIDF else za.textrank
    j = ja.extract_tags if kind == TFIDF else ja.textrank
    check(paths, kind, None, lambda: z(SURROGATE_TEXT, withWeight=True), lambda: j(SURROGATE_TEXT, withWeight=True))


@pytest.mark.parametrize("value", [fractions.Fraction(3, 2), "3"], ids=["Fraction", "str"])
def test_tfidf_idf_value_that_is_not_a_number(paths, value):
    zt, jt = za.TFIDF(), ja.TFIDF()
    zt.idf_freq = {"北京": value, "清华大学": 2.5}
    jt.idf_freq = {"北京": value, "清华大学": 2.5}
    check(paths, TFIDF, None, lambda: zt.extract_tags(TEXT, withWeight=True),
          lambda: jt.extract_tags(TEXT, withWeight=True))


@pytest.mark.parametrize("where", ["idf value", "median"])
def test_tfidf_nan_weight(paths, where):
    zt, jt = za.TFIDF(), ja.TFIDF()
    for t in (zt, jt):
        t.idf_freq = {"北京": 3.0, "清华大学": 2.5, "日本": 4.0, "京都大学": 1.5}
        if where == "idf value":
            t.idf_freq["清华大学"] = math.nan
        else:
            t.median_idf = math.nan
    check(paths, TFIDF, None, lambda: zt.extract_tags(TEXT, withWeight=True, topK=None),
          lambda: jt.extract_tags(TEXT, withWeight=True, topK=None))


# --------------------------------------------------------------------------------------
# The reference itself, on generated text: it is jieba's algorithm, and so is the core.
# --------------------------------------------------------------------------------------

#: Argument sets for the reference on generated text: (kind, jieba's keyword arguments).
GENERATED_CALLS = [
    (TFIDF, {"topK": None, "withWeight": True}),
    (TFIDF, {"allowPOS": ("n", "ns", "v", "nr"), "withFlag": True, "withWeight": True}),
    (TEXTRANK, {"topK": None, "withWeight": True}),
    (TEXTRANK, {"allowPOS": ("n", "ns", "v", "nr"), "withFlag": True, "withWeight": True}),
]
DEFAULTS = {TFIDF: {"topK": 20, "withWeight": False, "allowPOS": (), "withFlag": False},
            TEXTRANK: {"topK": 20, "withWeight": False, "allowPOS": ("ns", "n", "vn", "v"), "withFlag": False}}
EXTRACTORS = {TFIDF: (za.TFIDF(), ja.TFIDF()), TEXTRANK: (za.TextRank(), ja.TextRank())}


@settings(max_examples=150)
@given(mixed)
def test_reference_is_jiebas_algorithm(sentence):
    STATS["examples"]["analyse reference"] += 1
    for kind, opts in GENERATED_CALLS:
        zhfast_extractor, jieba_extractor = EXTRACTORS[kind]
        args = {**DEFAULTS[kind], **opts}
        if kind == TEXTRANK:
            zhfast_extractor.pos_filt = frozenset(args["allowPOS"])  # as TextRank.textrank sets it
        got = getattr(_reference, kind)(zhfast_extractor, sentence, args["topK"], args["withWeight"], args["allowPOS"],
                                        args["withFlag"])
        same(got, jieba_extractor.extract_tags(sentence, **opts))
