"""zhfast.analyse against jieba.analyse 0.42.1: same keywords, order, tags and weights."""
from __future__ import annotations

import math

import jieba
import jieba.analyse as ja
import pytest
from hypothesis import given, settings

import zhfast
import zhfast.analyse as za
from conftest import SAMPLE_FILE, STATS, corpus_files, read_text
from test_hypothesis import mixed

OPTIONS = [
    {},
    {"withWeight": True},
    {"topK": None, "withWeight": True},
    {"topK": 5, "allowPOS": ("ns", "n", "vn", "v")},
    {"allowPOS": ("ns", "n", "nr"), "withFlag": True, "withWeight": True},
    {"allowPOS": ("v",), "withFlag": True},
]


def normal(result):
    out = []
    for item in result:
        if isinstance(item, tuple):
            key, weight = item
            out.append((normal([key])[0], weight))
        elif isinstance(item, str):
            out.append(item)
        else:  # a pair
            out.append((item.word, item.flag))
    return out


def assert_same(got, want, where):
    got, want = normal(got), normal(want)
    keys = lambda r: [x[0] if isinstance(x, tuple) and len(x) == 2 and isinstance(x[1], float) else x for x in r]  # noqa: E731
    assert keys(got) == keys(want), where
    for a, b in zip(got, want):
        if isinstance(a, tuple) and isinstance(a[1], float):
            assert math.isclose(a[1], b[1], rel_tol=1e-12), (where, a, b)


def documents():
    texts = [read_text(SAMPLE_FILE)] + [read_text(p) for p in corpus_files() if p.name != "seed_jieba_output.txt"]
    docs = []
    for text in texts:
        lines = text.splitlines(keepends=True)
        docs += ["".join(lines[i:i + 40]) for i in range(0, len(lines), 40)]
    return docs


DOCS = documents()


@pytest.mark.parametrize("options", OPTIONS, ids=[str(o) for o in OPTIONS])
def test_tfidf_on_documents(options):
    for i, doc in enumerate(DOCS[:60]):
        assert_same(za.extract_tags(doc, **options), ja.extract_tags(doc, **options), (i, options))
    STATS["lines"]["tfidf documents"] += min(len(DOCS), 60)


@pytest.mark.parametrize("options", OPTIONS, ids=[str(o) for o in OPTIONS])
def test_textrank_on_documents(options):
    for i, doc in enumerate(DOCS[:25]):
        assert_same(za.textrank(doc, **options), ja.textrank(doc, **options), (i, options))
    STATS["lines"]["textrank documents"] += min(len(DOCS), 25)


@settings(max_examples=300)
@given(mixed)
def test_generated(sentence):
    STATS["examples"]["analyse"] += 1
    assert_same(za.extract_tags(sentence, withWeight=True), ja.extract_tags(sentence, withWeight=True), sentence)
    assert_same(za.textrank(sentence, withWeight=True), ja.textrank(sentence, withWeight=True), sentence)


def test_objects_and_settings(tmp_path):
    assert za.default_tfidf.median_idf == ja.default_tfidf.median_idf
    assert len(za.default_tfidf.idf_freq) == len(ja.default_tfidf.idf_freq)
    assert za.TFIDF().idf_freq is za.default_tfidf.idf_freq  # parsed once per process
    stop = tmp_path / "stop.txt"
    stop.write_text("清华大学\n北京\n", encoding="utf-8")
    idf = tmp_path / "idf.txt"
    idf.write_text("清华大学 1.5\n北京 9.0\n来到 2.0\n", encoding="utf-8")
    text = "我来到北京清华大学，清华大学在北京。" * 3
    for m in (za, ja):
        t = m.TFIDF()
        t.set_idf_path(str(idf))
        r = m.TextRank()
        r.set_stop_words(str(stop))
        t.set_stop_words(str(stop))
    zt, jt = za.TFIDF(str(idf)), ja.TFIDF(str(idf))
    assert_same(zt.extract_tags(text, withWeight=True), jt.extract_tags(text, withWeight=True), "custom idf")
    zt.set_stop_words(str(stop))
    jt.set_stop_words(str(stop))
    assert_same(zt.extract_tags(text, withWeight=True), jt.extract_tags(text, withWeight=True), "stop words")
    with pytest.raises(Exception, match="does not exist"):
        za.set_idf_path(str(tmp_path / "missing.txt"))
    assert za.tfidf is za.extract_tags and za.textrank.__self__ is za.default_textrank


def test_after_user_dictionary_edits():
    text = "李小福是创新办主任也是云计算方面的专家，创新办和云计算都是新词。" * 4
    for m in (zhfast, jieba):
        m.add_word("创新办", 3, "nt")
        m.add_word("云计算", 5, "n")
    assert_same(za.extract_tags(text, withWeight=True), ja.extract_tags(text, withWeight=True), "edits")
    assert_same(za.textrank(text, withWeight=True, withFlag=True), ja.textrank(text, withWeight=True, withFlag=True), "edits")


def test_chinese_analyzer_when_whoosh_is_installed():
    pytest.importorskip("whoosh")
    from jieba.analyse.analyzer import ChineseAnalyzer as JA

    from zhfast.analyse.analyzer import ChineseAnalyzer as ZA

    text = "我的好朋友是李明;我爱北京天安门;IBM和Microsoft; I have a dream. this is intetesting and interested me a lot"
    assert [t.text for t in ZA()(text)] == [t.text for t in JA()(text)]
