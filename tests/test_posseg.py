"""zhfast.posseg against jieba.posseg 0.42.1: same words, same tags, same order."""
from __future__ import annotations

import io

import jieba
import jieba.posseg as jp
import pytest
from hypothesis import given, settings

import zhfast
import zhfast.posseg as zp
from conftest import SAMPLE_FILE, STATS, corpus_files, read_text, require_corpus
from test_hypothesis import mixed


def pairs(mod_or_tok, text, hmm=True):
    return [tuple(p) for p in mod_or_tok.lcut(text, HMM=hmm)]


def assert_same(text, hmm=True, z=zp, j=jp):
    got, want = pairs(z, text, hmm), pairs(j, text, hmm)
    if got != want:
        i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail("posseg differs (HMM=%s) on %r at token %d: zhfast %r, jieba %r" % (hmm, text[:200], i, got[i:i + 5], want[i:i + 5]))


EXAMPLES = [
    "我爱北京天安门",
    "他来到了网易杭研大厦",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "李小福是创新办主任也是云计算方面的专家; 什么是八一双鹿",
    "圆周率是3.14，增长了12.5%，c++ 和 C# 都行，AT&T、-5、1.2.3",
    "  \r\n\t空白\u3000和\xa0换行\n",
    "𠀀 astral 〇 U+9FD6:\u9fd6 U+3400:\u3400",
    "江州市长江大桥参加了长江大桥的通车仪式",
    "",
]


@pytest.mark.parametrize("hmm", [True, False])
@pytest.mark.parametrize("text", EXAMPLES)
def test_examples(text, hmm):
    assert_same(text, hmm)


def test_documented_output():
    assert [(w, f) for w, f in zp.lcut("我爱北京天安门")] == [("我", "r"), ("爱", "v"), ("北京", "ns"), ("天安门", "ns")]


@pytest.mark.parametrize("hmm", [True, False])
def test_corpus_lines(hmm):
    files = corpus_files()
    texts = [read_text(SAMPLE_FILE)] + [read_text(p) for p in files if p.name != "seed_jieba_output.txt"]
    n = 0
    for text in texts:
        for line in text.splitlines(keepends=True):
            assert_same(line, hmm)
            n += 1
    STATS["lines"]["posseg" if hmm else "posseg_no_hmm"] += n
    if not files:
        require_corpus()


@settings(max_examples=600)
@given(mixed)
def test_generated(sentence):
    STATS["examples"]["posseg"] += 1
    assert_same(sentence, True)
    assert_same(sentence, False)


def test_pair_behaves_like_jiebas():
    a, b = zp.pair("北京", "ns"), jp.pair("北京", "ns")
    assert (str(a), repr(a), list(a), hash(a)) == (str(b), repr(b), list(b), hash(b))
    assert a == zp.pair("北京", "ns") and a != zp.pair("北京", "n") and a != ("北京", "ns")
    assert (zp.pair("a", "x") < zp.pair("b", "x")) and sorted([zp.pair("b", "x"), zp.pair("a", "y")])[0].word == "a"
    assert a.encode("utf-8") == "北京/ns".encode("utf-8")
    word, flag = a
    assert (word, flag) == ("北京", "ns")


def test_api_shapes():
    import types

    assert isinstance(zp.cut("我爱北京"), types.GeneratorType)
    assert isinstance(zp.dt.cut("我爱北京"), types.GeneratorType)
    assert zp.dt.tokenizer is zhfast.dt
    with pytest.raises(NotImplementedError):
        zp.dt.lcut_for_search  # noqa: B018  (reading the attribute is what raises)
    assert zp.dt.word_tag_tab["北京"] == jp.dt.word_tag_tab["北京"] == "ns"
    t = zp.POSTokenizer()
    assert pairs(t, "他来到了网易杭研大厦") == pairs(jp.POSTokenizer(), "他来到了网易杭研大厦")
    assert [tuple(p) for p in t._lcut_internal("我爱北京")] == [tuple(p) for p in jp.dt._lcut_internal("我爱北京")]


def test_user_words_and_tags_like_jieba():
    zt, jt = zhfast.Tokenizer(), jieba.Tokenizer()
    zpt, jpt = zp.POSTokenizer(zt), jp.POSTokenizer(jt)
    text = "李小福是创新办主任也是云计算方面的专家，韩玉赏鉴和八一双鹿"
    for t in (zt, jt):
        t.load_userdict(io.BytesIO("云计算 5\n李小福 2 nr\n创新办 3 i\n韩玉赏鉴 3 nz\n八一双鹿 3 nz\n".encode("utf-8")))
        t.add_word("方面的", 10, "zz")
    for hmm in (True, False):
        assert pairs(zpt, text, hmm) == pairs(jpt, text, hmm)
    assert zt.user_word_tag_tab == jt.user_word_tag_tab == {}
    assert zpt.word_tag_tab["创新办"] == "i" and zpt.word_tag_tab["北京"] == "ns"


def test_custom_dictionary_tags(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("北京 10 ns\n大学 8 n\n北京大学 5 nt\n学生 3 n\n", encoding="utf-8")
    z, j = zp.POSTokenizer(zhfast.Tokenizer(str(p))), jp.POSTokenizer(jieba.Tokenizer(str(p)))
    for text in ["北京大学生", "我在北京上大学 abc 12.5"]:
        assert pairs(z, text) == pairs(j, text)
    bad = tmp_path / "bad.txt"
    bad.write_text("北京 10\n", encoding="utf-8")
    with pytest.raises(ValueError, match="invalid POS dictionary entry"):
        jp.POSTokenizer(jieba.Tokenizer(str(bad)))
    with pytest.raises(ValueError, match="invalid POS dictionary entry"):
        zp.POSTokenizer(zhfast.Tokenizer(str(bad)))


def test_bytes_and_bad_input():
    assert pairs(zp, "北京".encode("gbk")) == pairs(jp, "北京".encode("gbk"))
    assert pairs(zp, "a\ud800北京") == pairs(jp, "a\ud800北京") == [("a", "x"), ("\ud800", "x"), ("北京", "ns")]
    g = zp.cut(5)  # lazily raises, like jieba
    with pytest.raises(AttributeError):
        next(g)


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_lcut_batch(threads):
    lines = read_text(SAMPLE_FILE).splitlines(keepends=True) + ["", "a\ud800北京", "中" * 2000]
    got = [[tuple(p) for p in r] for r in zp.lcut_batch(lines, threads=threads)]
    assert got == [pairs(zp, t) for t in lines]
    assert [[tuple(p) for p in r] for r in zp.lcut_batch(lines[:5], HMM=False, threads=threads)] == [pairs(jp, t, False) for t in lines[:5]]
