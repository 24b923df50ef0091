"""Awkward input: empty strings, lone surrogates, NUL, huge lines, bytes, wrong types.

The contract is jieba's behaviour, including its exceptions and when they are raised:
``cut``/``cut_for_search``/``tokenize`` are generators, so a bad argument raises on the
first ``next()``, not when the generator is made.
"""
from __future__ import annotations

import re
import time

import jieba
import pytest

import zhfast
from conftest import CUT_MODES, LCUT_MODES, SAMPLE_FILE, STATS, assert_same, mode_params, read_text

# --------------------------------------------------------------------------------------
# Empty input, lone surrogates, NUL.
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", mode_params())
def test_empty_string(mode):
    assert mode.zh("") == []
    assert mode.jb("") == []


@pytest.mark.parametrize("name", list(LCUT_MODES))
def test_empty_string_lcut(name):
    zh_lcut, jb_lcut = LCUT_MODES[name]
    assert zh_lcut("") == [] == jb_lcut("")
    assert zh_lcut(b"") == [] == jb_lcut(b"")


SURROGATE_CASES = [
    "\ud800", "\udfff", "\udc80", "\ud800\udfff"[::-1], "\ud83d\ude00",  # a 'pair' of lone code units
    "中国\ud800北京", "\ud800中国", "中国\ud800", "\udfff\ud800", "abc\udc80def", "研究\ud800生命起源",
    "\ud800 \udc00", "\ud800\r\n\udfff", "3.14\ud800%", "C++\ud800c#", "T\ud800恤", "中华人民\udc00共和国",
    "\ud800\ud800\ud800", "𠀀\ud800𠀀", "我来到北京\udfff清华大学", "\ud800\u3000中国\u2028\udbff",
    "😀\ud800😀", "12.5%\udfff12.5%", "\x00\ud800\x00",
]


@pytest.mark.parametrize("mode", mode_params())
@pytest.mark.parametrize("sentence", [pytest.param(s, id=ascii(s)[1:-1]) for s in SURROGATE_CASES])
def test_lone_surrogates(sentence, mode):
    assert_same(mode, sentence)


def test_lone_surrogate_hard_coded():
    for lib in (zhfast, jieba):
        assert lib.lcut("中国\ud800北京") == ["中国", "\ud800", "北京"]
        assert lib.lcut("\ud800") == ["\ud800"]
        assert lib.lcut("\ud800 \udc00", cut_all=True) == ["\ud800", " ", "\udc00"]
        assert lib.lcut("中 \ud800", cut_all=True) == ["中", "", " ", "\ud800"]
        assert list(lib.tokenize("研究\ud800生命")) == [("研究", 0, 2), ("\ud800", 2, 3), ("生命", 3, 5)]


NUL_CASES = ["\x00", "\x00\x00", "中国\x00北京", "a\x00b", "\x00 \x00", "3.14\x00%", "\x00\r\n\x00",
             "研究生\x00命起源", "C+\x00+", "\x00" * 100 + "中国"]


@pytest.mark.parametrize("mode", mode_params())
@pytest.mark.parametrize("sentence", [pytest.param(s, id=ascii(s)[1:-1][:30]) for s in NUL_CASES])
def test_nul_characters(sentence, mode):
    assert_same(mode, sentence)


def test_nul_hard_coded():
    for lib in (zhfast, jieba):
        assert lib.lcut("中国\x00北京") == ["中国", "\x00", "北京"]
        assert lib.lcut("a\x00b", cut_all=True) == ["a", "\x00", "b"]


# --------------------------------------------------------------------------------------
# A 10 MB line with no line break.
# --------------------------------------------------------------------------------------

_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _one_line(nbytes):
    """Our sample text with its line breaks taken out, repeated to ``nbytes`` UTF-8 bytes."""
    unit = _LINE_BREAKS.sub("", read_text(SAMPLE_FILE))
    unit_bytes = len(unit.encode("utf-8"))
    text = unit * (nbytes // unit_bytes + 1)
    # cut to about nbytes (UTF-8) without splitting anything: characters average > 1 byte
    while len(text.encode("utf-8")) > nbytes and len(text) > len(unit):
        text = text[:-len(unit)]
    return text


LONG_KINDS = {
    "mixed": lambda n: _one_line(n),
    "han_run": lambda n: ("中华人民共和国研究生命起源南京市长江大桥结婚的和尚未结婚的" * (n // 90 + 1))[: n // 3],
    "ascii_run": lambda n: ("abc123XYZ" * (n // 9 + 1))[:n],
    "symbols": lambda n: ("-+#&_.%" * (n // 7 + 1))[:n],
}


@pytest.mark.parametrize("mode", mode_params())
@pytest.mark.parametrize("kind", list(LONG_KINDS))
def test_200kb_line_matches_jieba(kind, mode):
    text = LONG_KINDS[kind](200_000)
    assert len(text.splitlines()) == 1 and len(text) > 50_000
    assert_same(mode, text)
    STATS["lines"]["200 KB single lines (x all modes)"] += 1 if mode.name == "default" else 0


@pytest.mark.parametrize("kind", list(LONG_KINDS))
def test_10mb_line(kind):
    text = LONG_KINDS[kind](10_000_000)
    assert len(text.splitlines()) == 1
    assert len(text.encode("utf-8")) > 9_000_000
    t0 = time.perf_counter()
    out = zhfast.lcut(text)
    elapsed = time.perf_counter() - t0
    assert "".join(out) == text
    assert all(out)
    # the start of the output is what jieba gives for a prefix that ends at a token boundary
    # well inside the text (only checked where the text repeats a unit cut the same way)
    if kind == "mixed":
        prefix_len = sum(len(w) for w in out[:2000])
        prefix = text[:prefix_len]
        # cutting a prefix can only change the last tokens; compare all but a few
        assert jieba.lcut(prefix)[:1900] == out[:1900]
    assert elapsed < 60, "zhfast took %.1f s on a 10 MB line" % elapsed
    del out
    # and the other modes finish on it, giving output made of the input's pieces
    search = zhfast.lcut_for_search(text)
    assert len(search) >= len(zhfast.lcut(text))
    del search
    if kind in ("mixed", "han_run"):
        assert "".join(w for w, s, e in zhfast.tokenize(text)) == text


# --------------------------------------------------------------------------------------
# bytes: UTF-8, else GBK with errors ignored (jieba's strdecode).
# --------------------------------------------------------------------------------------

def _is_valid(data, codec):
    try:
        data.decode(codec)
        return True
    except UnicodeDecodeError:
        return False


BYTES_CASES = [
    ("utf8", "我来到北京清华大学".encode("utf-8")),
    ("utf8_mixed", "他说：C++和3.14%\r\n中国 北京\u3000大学😀".encode("utf-8")),
    ("utf8_nul", "中国\x00北京".encode("utf-8")),
    ("gbk", "我来到北京清华大学".encode("gbk")),
    ("gbk_mixed", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造 abc 12.5%".encode("gbk")),
    ("gbk_truncated", "中国".encode("gbk")[:-1]),
    ("invalid_both", b"\x80\xff abc \xfe"),
    ("invalid_both_only", b"\xff\xfe\x80"),
    ("utf8_surrogate", b"\xed\xa0\x80"),
    ("empty", b""),
]


@pytest.mark.parametrize("mode", mode_params(CUT_MODES))
@pytest.mark.parametrize("label, data", [pytest.param(label, data, id=label) for label, data in BYTES_CASES])
def test_bytes_input(label, data, mode):
    if label.startswith("gbk") or label.startswith("invalid") or label == "utf8_surrogate":
        assert not _is_valid(data, "utf-8")
    if label.startswith("invalid"):
        assert not _is_valid(data, "gbk")
    assert_same(mode, data)
    assert_same(mode, bytearray(data), where=" (bytearray)")
    # bytes give what their decoded text gives
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gbk", "ignore")
    assert mode.zh(data) == mode.zh(text)


def test_bytes_hard_coded():
    for lib in (zhfast, jieba):
        assert lib.lcut("我来到北京清华大学".encode("gbk")) == ["我", "来到", "北京", "清华大学"]
        assert lib.lcut("我来到北京清华大学".encode("utf-8")) == ["我", "来到", "北京", "清华大学"]
        assert lib.lcut(b"\x80\xff abc \xfe") == [" ", "abc", " "]
        assert lib.lcut(b"\xff\xfe\x80") == []
        assert lib.lcut(b"\xed\xa0\x80") == ["\u980e"]  # invalid UTF-8, GBK for U+980E


@pytest.mark.parametrize("data", [b"abc", "中国".encode("utf-8"), bytearray(b"abc"), b""])
@pytest.mark.parametrize("search", ["default", "search"])
def test_tokenize_rejects_bytes_lazily(data, search):
    for lib in (zhfast, jieba):
        gen = lib.tokenize(data, mode=search)  # must not raise yet
        with pytest.raises(ValueError, match="the input parameter should be unicode"):
            next(gen)


# --------------------------------------------------------------------------------------
# Arguments that are neither str nor bytes.
# --------------------------------------------------------------------------------------

class _DecodesTo:
    """Duck-typed input: jieba only calls ``.decode('utf-8')`` on non-str input."""

    def __init__(self, value):
        self.value = value

    def decode(self, *args):
        return self.value

    def __repr__(self):
        return "_DecodesTo(%r)" % (self.value,)


class _StrSub(str):
    pass


BAD_ARGS = [
    pytest.param(123, id="int"),
    pytest.param(None, id="None"),
    pytest.param(["中国", "北京"], id="list"),
    pytest.param(("中国",), id="tuple"),
    pytest.param(bytearray("中国北京".encode("utf-8")), id="bytearray"),
    pytest.param(memoryview(b"abc"), id="memoryview"),
    pytest.param(1.5, id="float"),
    pytest.param({"a": 1}, id="dict"),
    pytest.param(object(), id="object"),
    pytest.param(True, id="bool"),
    pytest.param(_StrSub("我来到北京清华大学"), id="str_subclass"),
    pytest.param(_DecodesTo("我来到北京清华大学"), id="decode_to_str"),
    pytest.param(_DecodesTo(123), id="decode_to_int"),
    pytest.param(_DecodesTo(b"abc"), id="decode_to_bytes"),
]


def _outcome(call):
    try:
        return ("ok", call())
    except Exception as e:  # noqa: BLE001 - the exception type is what is compared
        return ("raise", type(e))


GEN_FUNCS = {
    "cut": lambda lib, a: lib.cut(a),
    "cut_all": lambda lib, a: lib.cut(a, cut_all=True),
    "cut_no_hmm": lambda lib, a: lib.cut(a, HMM=False),
    "cut_for_search": lambda lib, a: lib.cut_for_search(a),
    "tokenize": lambda lib, a: lib.tokenize(a),
    "tokenize_search": lambda lib, a: lib.tokenize(a, mode="search"),
}
LIST_FUNCS = {
    "lcut": lambda lib, a: lib.lcut(a),
    "lcut_all": lambda lib, a: lib.lcut(a, True),
    "lcut_for_search": lambda lib, a: lib.lcut_for_search(a),
}


@pytest.mark.parametrize("arg", BAD_ARGS)
@pytest.mark.parametrize("func", list(GEN_FUNCS))
def test_non_str_argument_generators(func, arg):
    make = GEN_FUNCS[func]
    # making the generator never raises, in either library ...
    zh_gen = make(zhfast, arg)
    jb_gen = make(jieba, arg)
    # ... and consuming it gives the same tokens or the same exception type
    zh = _outcome(lambda: list(zh_gen))
    jb = _outcome(lambda: list(jb_gen))
    assert zh == jb


@pytest.mark.parametrize("arg", BAD_ARGS)
@pytest.mark.parametrize("func", list(LIST_FUNCS))
def test_non_str_argument_lists(func, arg):
    call = LIST_FUNCS[func]
    assert _outcome(lambda: call(zhfast, arg)) == _outcome(lambda: call(jieba, arg))


def test_non_str_argument_hard_coded():
    for lib in (zhfast, jieba):
        gen = lib.cut(123)
        with pytest.raises(AttributeError):
            next(gen)
        gen = lib.cut_for_search(None)
        with pytest.raises(AttributeError):
            next(gen)
        with pytest.raises(AttributeError):
            lib.lcut(memoryview(b"abc"))
        with pytest.raises(AttributeError):
            lib.lcut_for_search(["中国"])
        gen = lib.tokenize(123)
        with pytest.raises(ValueError):
            next(gen)
        assert lib.lcut(bytearray("中国北京".encode("utf-8"))) == ["中国", "北京"]
        tokens = lib.lcut(_StrSub("我来到北京清华大学"))
        assert tokens == ["我", "来到", "北京", "清华大学"]
        assert [type(t) for t in tokens] == [str] * 4


# --------------------------------------------------------------------------------------
# Words with lone surrogates; get_DAG of other types; text with surrogates in every API.
# --------------------------------------------------------------------------------------


def test_words_with_lone_surrogates_like_jieba():
    results = []
    for lib in (zhfast, jieba):
        t = lib.Tokenizer()
        t.initialize()
        row = [t.suggest_freq("\ud800"), t.suggest_freq("\ud800测"), t.suggest_freq(("\ud800", "测"))]
        t.add_word("\ud800测", 10)
        t.add_word("甲乙丙\udc00丁", 0, tag="nz")
        t.add_word("测\udbff", None)
        row += [t.FREQ.get(w) for w in ("\ud800测", "\ud800", "甲乙丙", "甲乙丙\udc00", "甲乙丙\udc00丁", "测\udbff")]
        row += ["\ud800" in t.FREQ, "\udfff" in t.FREQ, t.total, t.user_word_tag_tab.get("甲乙丙\udc00丁")]
        row += [t.lcut("甲乙丙丁\ud800测"), t.get_DAG("甲乙丙\udc00丁"), t.suggest_freq("\ud800测", True)]
        results.append(row)
    assert results[0] == results[1]
    assert results[0][3:5] == [10, 0]
    keys = set(zhfast.Tokenizer().FREQ)  # a fresh one: the bundled dictionary's keys only
    assert "\ud800" not in keys


DAG_ARGS = [b"\xe6\x88\x91\xe7\x88\xb1", "我爱北京".encode("gbk"), list("我爱北京"), ["x", "我"], [1, 2, 3],
            ("北", "京"), "", "我\ud800爱北京", "\udfff", bytearray(b"ab"), None, 12, [["北"]]]


@pytest.mark.parametrize("arg", DAG_ARGS, ids=[ascii(a)[:30] for a in DAG_ARGS])
def test_get_dag_of_any_argument_like_jieba(arg):
    assert _outcome(lambda: zhfast.get_DAG(arg)) == _outcome(lambda: jieba.get_DAG(arg))


def test_text_with_lone_surrogates_in_batches_offsets_and_posseg():
    import jieba.posseg as jp

    import zhfast.posseg as zp

    texts = SURROGATE_CASES + ["普通的句子", "我来到北京\udfff清华大学？真的?\ud800"]
    for cut_all, hmm in [(False, True), (False, False), (True, True)]:
        expected = [jieba.lcut(t, cut_all, hmm) for t in texts]
        assert zhfast.lcut_batch(texts, cut_all, hmm, threads=2) == expected
        ends = [list(a) for a in zhfast.cut_offsets_batch(texts, cut_all, hmm, threads=2)]
        assert ends == [list(zhfast.cut_offsets(t, cut_all, hmm)) for t in texts]
        if not cut_all:
            assert ends == [[sum(map(len, words[:i + 1])) for i in range(len(words))] for words in expected]
    assert zhfast.lcut_for_search_batch(texts) == [jieba.lcut_for_search(t) for t in texts]
    for hmm in (True, False):
        expected = [[tuple(p) for p in jp.lcut(t, HMM=hmm)] for t in texts]
        assert [[tuple(p) for p in zp.lcut(t, HMM=hmm)] for t in texts] == expected
        assert [[tuple(p) for p in ps] for ps in zp.dt.lcut_batch(texts, HMM=hmm, threads=2)] == expected


def test_long_text_with_lone_surrogates_in_split_batches():
    """A text long enough to be split into pieces is cut whole when it holds a lone
    surrogate (its tokens are restored from the original); the texts around it are
    still split (pieces of 64 bytes here)."""
    import jieba.posseg as jp

    import zhfast.posseg as zp

    Mode = zhfast._core.Mode
    core = zhfast.dt._checked_core()
    long_plain = "我来到北京清华大学，他来到了网易杭研大厦。" * 40
    texts = [long_plain, long_plain + "真的\ud800吗" + long_plain, "短\udfff句"]
    for cut_all, hmm, mode in [(False, True, Mode.DEFAULT), (False, False, Mode.NO_HMM), (True, True, Mode.ALL)]:
        assert core.cut_batch(texts, mode, 2, 64) == [jieba.lcut(t, cut_all, hmm) for t in texts]
        ends = [list(a) for a in core.offsets_batch(texts, mode, 2, 64)]
        assert ends == [list(zhfast.cut_offsets(t, cut_all, hmm)) for t in texts]
    for hmm in (True, False):
        got = core.pos_cut_batch(texts, hmm, zp.dt._tag_table(), 2, 64)
        assert [[tuple(p) for p in ps] for ps in got] == [[tuple(p) for p in jp.lcut(t, HMM=hmm)] for t in texts]
