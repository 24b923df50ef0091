"""The compiled IDF table and the one-call TF-IDF / TextRank paths, against jieba 0.42.1.

``zhfast.analyse`` computes keywords in the Rust core when it can, and runs
``zhfast.analyse._reference`` (jieba's algorithm in Python) otherwise: another tokenizer,
a user-supplied ``idf_freq``, unusual arguments; ``test_analyse_paths.py`` takes each such
case in turn.  Both must give jieba's words, order and weights.
"""
from __future__ import annotations

import importlib
import math

import jieba
import jieba.analyse as ja
import pytest

import zhfast
import zhfast.analyse as za
import zhfast.posseg
from zhfast import _core
from zhfast.analyse import idf as zidf

TEXT = (
    "我来到北京清华大学，清华大学在北京。The quick brown fox jumps over the lazy dog; THE end. "
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造。ＴＨＥ　ＥＮＤ ΣΊΣΥΦΟΣ İstanbul\u3000北京\x1c北京 "
) * 3


def same(got, want):
    def normal(r):
        out = []
        for item in r:
            if isinstance(item, tuple):
                key, w = item
                key = tuple(key) if isinstance(key, (zhfast.posseg.pair, jieba.posseg.pair)) else key
                out.append((key, w))
            elif isinstance(item, (zhfast.posseg.pair, jieba.posseg.pair)):
                out.append(tuple(item))
            else:
                out.append(item)
        return out

    got, want = normal(got), normal(want)
    assert [g[0] if isinstance(g, tuple) and isinstance(g[1], float) else g for g in got] == [
        w[0] if isinstance(w, tuple) and isinstance(w[1], float) else w for w in want
    ]
    for g, w in zip(got, want):
        if isinstance(g, tuple) and isinstance(g[1], float):
            assert g[1] == w[1] or math.isclose(g[1], w[1], rel_tol=1e-12) or (math.isnan(g[1]) and math.isnan(w[1]))


def test_compiled_table_is_jiebas_idf_file():
    want = ja.TFIDF().idf_freq  # parsed from jieba's idf.txt by jieba
    table = _core.IdfTable.bundled()
    got = table.to_dict()
    assert len(table) == len(want) == len(got)
    assert list(got.items()) == list(want.items())  # same words, values and file order
    assert table.median == ja.TFIDF().median_idf
    for word in list(want)[::1013] + ["不在表里的词", "", "x" * 40]:
        assert table.get(word) == want.get(word)


def test_no_text_file_is_parsed_for_the_bundled_table():
    t = za.TFIDF()
    data = t._idf
    assert data.table is not None and data is zidf.load(zidf.DEFAULT_IDF)
    assert t.median_idf == ja.TFIDF().median_idf


def test_idf_freq_behaves_like_jiebas_dict(tmp_path):
    path = tmp_path / "idf.txt"
    path.write_text("清华大学 1.5\n北京 9.0\n来到 2.0\n", encoding="utf-8")
    zt, jt = za.TFIDF(str(path)), ja.TFIDF(str(path))
    assert zt.idf_freq == jt.idf_freq and zt.median_idf == jt.median_idf
    assert zt.idf_loader.get_idf() == jt.idf_loader.get_idf()
    # Edits of the dict are seen by the next extraction, as in jieba.
    zt.idf_freq["北京"] = 0.5
    jt.idf_freq["北京"] = 0.5
    same(zt.extract_tags(TEXT, withWeight=True), jt.extract_tags(TEXT, withWeight=True))
    # A dict of the caller's, an int value, a changed median.
    for t in (zt, jt):
        t.idf_freq = {"北京": 3, "清华大学": 2.5}
        t.median_idf = 4.0
    same(zt.extract_tags(TEXT, withWeight=True, topK=None), jt.extract_tags(TEXT, withWeight=True, topK=None))
    for t in (zt, jt):
        t.median_idf = 7  # an int: computed as jieba computes it
    same(zt.extract_tags(TEXT, withWeight=True), jt.extract_tags(TEXT, withWeight=True))


def test_touching_the_bundled_idf_freq_switches_to_the_dict(monkeypatch):
    t = za.TFIDF()
    data = zidf.IdfData(_core.IdfTable.bundled(), None, t.median_idf)
    monkeypatch.setattr(t, "_idf", data)
    before = t.extract_tags(TEXT, withWeight=True)
    freq = t.idf_freq
    assert data.source() is freq and len(freq) == len(data.table)
    assert t.extract_tags(TEXT, withWeight=True) == before
    freq["北京"] = 100.0
    jt = ja.TFIDF()
    jt.idf_freq = dict(jt.idf_freq)
    jt.idf_freq["北京"] = 100.0
    same(t.extract_tags(TEXT, withWeight=True), jt.extract_tags(TEXT, withWeight=True))


def test_custom_idf_files(tmp_path):
    path = tmp_path / "idf.txt"
    path.write_text("北京 3\n清华大学 nan\n来到 inf\r\n京都 1_0.5\n", encoding="utf-8")
    zt, jt = za.TFIDF(), ja.TFIDF()
    zt.set_idf_path(str(path))
    jt.set_idf_path(str(path))
    assert zt.median_idf == jt.median_idf or (math.isnan(zt.median_idf) and math.isnan(jt.median_idf))
    for opts in ({}, {"withWeight": True, "topK": None}):
        same(zt.extract_tags(TEXT, **opts), jt.extract_tags(TEXT, **opts))
    zt.set_idf_path(zidf.DEFAULT_IDF)  # back to the bundled table, by jieba's name for it
    same(zt.extract_tags(TEXT, withWeight=True), ja.extract_tags(TEXT, withWeight=True))
    zmod, jmod = importlib.import_module("zhfast.analyse.tfidf"), importlib.import_module("jieba.analyse.tfidf")
    assert zmod.IDFLoader(zmod.DEFAULT_IDF).median_idf == jmod.IDFLoader(jmod.DEFAULT_IDF).median_idf


@pytest.mark.parametrize("stop", [
    ["the", "北京"],  # not a set: asked with `in`
    {"the", "北京", 1},  # not only str
    {f"w{i}" for i in range(300)} | {"北京"},  # too large to copy
    frozenset({"end", "σίσυφος", "ｔｈｅ"}),
])
def test_stop_word_containers(stop):
    zt, jt = za.TFIDF(), ja.TFIDF()
    zr, jr = za.TextRank(), ja.TextRank()
    for x in (zt, jt, zr, jr):
        x.stop_words = stop
    same(zt.extract_tags(TEXT, withWeight=True, topK=None), jt.extract_tags(TEXT, withWeight=True, topK=None))
    same(zr.textrank(TEXT, withWeight=True, topK=None), jr.textrank(TEXT, withWeight=True, topK=None))


@pytest.mark.parametrize("top_k", [0, None, 1, 3, 200, -2, True])
def test_top_k_conventions(top_k):
    for opts in ({}, {"withWeight": True}, {"allowPOS": ("n", "ns"), "withFlag": True}):
        same(za.extract_tags(TEXT, topK=top_k, **opts), ja.extract_tags(TEXT, topK=top_k, **opts))
        same(za.textrank(TEXT, topK=top_k, **opts), ja.textrank(TEXT, topK=top_k, **opts))


def test_float_top_k_raises_like_jieba():
    for f in (za.extract_tags, za.textrank, ja.extract_tags, ja.textrank):
        with pytest.raises(TypeError):
            f(TEXT, topK=2.5)


def test_unusual_inputs_take_the_python_path():
    for text in ["北京\ud800清华大学北京清华大学", TEXT.encode("utf-8"), "北京清华大学北京".encode("gbk"), ""]:
        same(za.extract_tags(text, withWeight=True), ja.extract_tags(text, withWeight=True))
        same(za.textrank(text, withWeight=True), ja.textrank(text, withWeight=True))
    for pos in (("n", 1), ("ns", "n", "nt")):
        same(za.extract_tags(TEXT, allowPOS=pos, withWeight=True), ja.extract_tags(TEXT, allowPOS=pos, withWeight=True))
        same(za.textrank(TEXT, allowPOS=pos, withWeight=True), ja.textrank(TEXT, allowPOS=pos, withWeight=True))


@pytest.mark.parametrize("span", [0, 1, 2, 7, -3])
def test_textrank_window(span):
    zr, jr = za.TextRank(), ja.TextRank()
    zr.span = jr.span = span
    for opts in ({"withWeight": True}, {"withWeight": True, "withFlag": True}):
        same(zr.textrank(TEXT, **opts), jr.textrank(TEXT, **opts))


def test_textrank_subclass_and_other_tokenizer():
    class Only(za.TextRank):
        def pairfilter(self, wp):
            return super().pairfilter(wp) and wp.word != "北京"

    class JOnly(ja.TextRank):
        def pairfilter(self, wp):
            return super().pairfilter(wp) and wp.word != "北京"

    same(Only().textrank(TEXT, withWeight=True), JOnly().textrank(TEXT, withWeight=True))
    zr, jr = za.TextRank(), ja.TextRank()
    zr.tokenizer = zhfast.posseg.POSTokenizer(zhfast.Tokenizer())
    jr.tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    same(zr.textrank(TEXT, withWeight=True, withFlag=True), jr.textrank(TEXT, withWeight=True, withFlag=True))
    zt, jt = za.TFIDF(), ja.TFIDF()
    zt.tokenizer, jt.tokenizer = zhfast.Tokenizer(), jieba.Tokenizer()
    same(zt.extract_tags(TEXT, withWeight=True), jt.extract_tags(TEXT, withWeight=True))


def test_results_are_jiebas_types():
    tags = za.extract_tags(TEXT, allowPOS=("n", "ns"), withFlag=True, withWeight=True)
    assert tags and all(isinstance(k, zhfast.posseg.pair) and type(w) is float for k, w in tags)
    ranked = za.textrank(TEXT, withFlag=True)
    assert ranked and all(isinstance(k, zhfast.posseg.pair) for k in ranked)
    assert all(type(w) is str for w in za.extract_tags(TEXT))
