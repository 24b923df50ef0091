"""The public API has jieba's shape: signatures, generators vs lists, argument order and
truthiness, the default tokenizer, and separate ``Tokenizer`` instances."""
from __future__ import annotations

import inspect
import os
import types

import jieba
import pytest

import zhfast
from conftest import DATA_DIR, assert_same, describe_diff, make_modes, mode_params

SENTENCES = [
    "我来到北京清华大学",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "他来到了网易杭研大厦 and 3.14% of C++ users\r\n",
    "永和服装饰品有限公司",
    "结婚的和尚未结婚的, T恤 ａｂｃ 𠀀\u3000",
]


def test_versions():
    assert jieba.__version__ == "0.42.1"
    assert zhfast.__jieba_version__ == "0.42.1"


# --------------------------------------------------------------------------------------
# Signatures.
# --------------------------------------------------------------------------------------

def _params(func):
    return [(p.name, p.kind, p.default) for p in inspect.signature(func).parameters.values()]


@pytest.mark.parametrize("name", ["cut", "cut_for_search", "tokenize", "initialize", "set_dictionary",
                                  "get_dict_file"])
def test_module_function_signature(name):
    assert _params(getattr(zhfast, name)) == _params(getattr(jieba, name))


@pytest.mark.parametrize("name", ["__init__", "cut", "cut_for_search", "tokenize", "initialize"])
def test_tokenizer_method_signature(name):
    assert _params(getattr(zhfast.Tokenizer, name)) == _params(getattr(jieba.Tokenizer, name))


def test_expected_signatures_written_down():
    P = inspect.Parameter
    assert _params(zhfast.cut) == [("sentence", P.POSITIONAL_OR_KEYWORD, P.empty),
                                   ("cut_all", P.POSITIONAL_OR_KEYWORD, False),
                                   ("HMM", P.POSITIONAL_OR_KEYWORD, True),
                                   ("use_paddle", P.POSITIONAL_OR_KEYWORD, False)]
    assert _params(zhfast.tokenize) == [("unicode_sentence", P.POSITIONAL_OR_KEYWORD, P.empty),
                                        ("mode", P.POSITIONAL_OR_KEYWORD, "default"),
                                        ("HMM", P.POSITIONAL_OR_KEYWORD, True)]
    assert _params(zhfast.Tokenizer.__init__) == [("self", P.POSITIONAL_OR_KEYWORD, P.empty),
                                                  ("dictionary", P.POSITIONAL_OR_KEYWORD, None)]


# jieba's lcut/lcut_for_search are (*args, **kwargs) passed on to cut/cut_for_search: compare
# what every way of calling them does.
LCUT_CALLS = [
    ((), {}),
    ((True,), {}),
    ((False,), {}),
    ((False, False), {}),
    ((True, False), {}),
    ((False, True, False), {}),
    ((False, False, True), {}),  # use_paddle=True: paddle is not installed, so ignored
    ((), {"cut_all": True}),
    ((), {"HMM": False}),
    ((), {"cut_all": True, "HMM": False}),
    ((1,), {}),
    ((0, 0), {}),
    (("yes", None), {}),
    (([], "x"), {}),
    ((), {"HMM": 0}),
    ((), {"use_paddle": True}),
]


def _outcome(call):
    try:
        return ("ok", call())
    except Exception as e:  # noqa: BLE001
        return ("raise", type(e))


@pytest.mark.parametrize("args, kwargs", [pytest.param(a, k, id="%r-%r" % (a, k)) for a, k in LCUT_CALLS])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_lcut_argument_handling(sentence, args, kwargs):
    zh = zhfast.lcut(sentence, *args, **kwargs)
    jb = jieba.lcut(sentence, *args, **kwargs)
    assert zh == jb, describe_diff(zh, jb)
    assert list(zhfast.cut(sentence, *args, **kwargs)) == jb


@pytest.mark.parametrize("args, kwargs", [((), {}), ((False,), {}), ((True,), {}), ((0,), {}),
                                          ((None,), {}), ((), {"HMM": False}), ((), {"HMM": 1})])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_lcut_for_search_argument_handling(sentence, args, kwargs):
    zh = zhfast.lcut_for_search(sentence, *args, **kwargs)
    jb = jieba.lcut_for_search(sentence, *args, **kwargs)
    assert zh == jb, describe_diff(zh, jb)
    assert list(zhfast.cut_for_search(sentence, *args, **kwargs)) == jb


def test_positional_order_means_what_it_means_in_jieba():
    s = "他来到了网易杭研大厦"
    assert zhfast.lcut(s) == ["他", "来到", "了", "网易", "杭研", "大厦"]
    assert zhfast.lcut(s, False, False) == ["他", "来到", "了", "网易", "杭", "研", "大厦"]
    assert zhfast.lcut(s, True) == ["他", "来到", "了", "网易", "杭", "研", "大厦"]
    s = "我来到北京清华大学"
    assert zhfast.lcut(s, True) == ["我", "来到", "北京", "清华", "清华大学", "华大", "大学"]
    assert zhfast.lcut(s, True) == jieba.lcut(s, True)
    assert zhfast.lcut_for_search("他来到了网易杭研大厦", False) == jieba.lcut_for_search("他来到了网易杭研大厦", False)
    assert list(zhfast.tokenize("永和服装饰品有限公司", "search", False)) == \
        list(jieba.tokenize("永和服装饰品有限公司", "search", False))


@pytest.mark.parametrize("call", [
    lambda lib: lib.lcut(),
    lambda lib: lib.lcut("中国", False, True, False, "extra"),
    lambda lib: lib.lcut("中国", bogus=1),
    lambda lib: lib.lcut_for_search(),
    lambda lib: lib.lcut_for_search("中国", True, "extra"),
    lambda lib: list(lib.cut()),
    lambda lib: list(lib.tokenize()),
    lambda lib: list(lib.tokenize("中国", mode="search", bogus=1)),
], ids=["lcut()", "lcut-5-args", "lcut-bad-kw", "lcut_for_search()", "lcut_for_search-3-args",
        "cut()", "tokenize()", "tokenize-bad-kw"])
def test_wrong_arity_raises_like_jieba(call):
    zh = _outcome(lambda: call(zhfast))
    jb = _outcome(lambda: call(jieba))
    assert zh == jb
    assert jb == ("raise", TypeError)


@pytest.mark.parametrize("mode_arg", ["default", "search", "Search", "DEFAULT", "", None, 0, "default "])
@pytest.mark.parametrize("hmm", [True, False, 0, 1, None, "x"])
def test_tokenize_mode_and_hmm_values(mode_arg, hmm):
    s = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造"
    zh = list(zhfast.tokenize(s, mode=mode_arg, HMM=hmm))
    jb = list(jieba.tokenize(s, mode=mode_arg, HMM=hmm))
    assert zh == jb, describe_diff(zh, jb)


# --------------------------------------------------------------------------------------
# Return types (each together with the values).
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", SENTENCES)
def test_generators_and_lists(sentence):
    for gen in (zhfast.cut(sentence), zhfast.cut(sentence, True), zhfast.cut_for_search(sentence),
                zhfast.tokenize(sentence), zhfast.dt.cut(sentence), zhfast.Tokenizer().cut(sentence)):
        assert isinstance(gen, types.GeneratorType)
    g = zhfast.cut(sentence)
    assert iter(g) is g
    first = next(g)
    rest = list(g)
    assert [first] + rest == jieba.lcut(sentence)
    assert list(g) == []  # exhausted, like any generator

    out = zhfast.lcut(sentence)
    assert type(out) is list and all(type(w) is str for w in out)
    assert out == jieba.lcut(sentence)
    out = zhfast.lcut_for_search(sentence)
    assert type(out) is list and all(type(w) is str for w in out)
    assert out == jieba.lcut_for_search(sentence)
    toks = list(zhfast.tokenize(sentence))
    assert all(type(t) is tuple and len(t) == 3 and type(t[0]) is str and type(t[1]) is int
               and type(t[2]) is int for t in toks)
    assert toks == list(jieba.tokenize(sentence))


def test_lcut_returns_a_new_list_each_time():
    a = zhfast.lcut("我来到北京清华大学")
    a.append("x")
    assert zhfast.lcut("我来到北京清华大学") == ["我", "来到", "北京", "清华大学"]


# --------------------------------------------------------------------------------------
# The default tokenizer and separate Tokenizer instances.
# --------------------------------------------------------------------------------------

def test_default_tokenizer():
    assert isinstance(zhfast.dt, zhfast.Tokenizer)
    assert isinstance(jieba.dt, jieba.Tokenizer)
    for name in ("cut", "lcut", "cut_for_search", "lcut_for_search", "tokenize", "initialize"):
        assert getattr(zhfast, name).__self__ is zhfast.dt
        assert getattr(jieba, name).__self__ is jieba.dt
    s = "我来到北京清华大学"
    assert zhfast.dt.lcut(s) == zhfast.lcut(s) == jieba.dt.lcut(s)
    zhfast.initialize()
    assert zhfast.dt.initialized and zhfast.dt.total == jieba.dt.total == 60101967


def test_fresh_tokenizer_state_like_jieba():
    zt, jt = zhfast.Tokenizer(), jieba.Tokenizer()
    assert repr(zt) == repr(jt) == "<Tokenizer dictionary=None>"
    assert zt.initialized is jt.initialized is False
    assert zt.total == jt.total == 0
    assert zt.dictionary is None and jt.dictionary is None


_ZT = zhfast.Tokenizer()
_JT = jieba.Tokenizer()


@pytest.mark.parametrize("mode", mode_params(make_modes(_ZT, _JT)))
@pytest.mark.parametrize("sentence", SENTENCES)
def test_tokenizer_instance_matches_jieba(sentence, mode):
    assert_same(mode, sentence)
    assert _ZT.lcut(sentence) == _JT.lcut(sentence)
    assert _ZT.lcut(sentence, True, False) == _JT.lcut(sentence, True, False)
    assert _ZT.lcut_for_search(sentence, False) == _JT.lcut_for_search(sentence, False)


def test_module_private_helpers_match_jieba():
    for s in SENTENCES:
        for name in ("_lcut", "_lcut_no_hmm", "_lcut_all", "_lcut_for_search", "_lcut_for_search_no_hmm"):
            assert getattr(zhfast, name)(s) == getattr(jieba, name)(s), name


# --------------------------------------------------------------------------------------
# Tokenizers built from a dictionary file.
# --------------------------------------------------------------------------------------

SMALL_DICT = DATA_DIR / "small_dict.txt"
CUSTOM_SENTENCES = SENTENCES + [
    "研究生命的起源，结婚的和尚未结婚的C++和AT&T中华人民共和国人民",
    "北京大学的研究生来到清华",
]


@pytest.fixture(scope="module")
def small_dict_pair():
    zt, jt = zhfast.Tokenizer(str(SMALL_DICT)), jieba.Tokenizer(str(SMALL_DICT))
    return zt, jt


@pytest.mark.parametrize("mode_index", range(10), ids=[m.name for m in make_modes(zhfast, jieba)])
def test_small_dictionary_tokenizer(small_dict_pair, mode_index):
    zt, jt = small_dict_pair
    mode = make_modes(zt, jt)[mode_index]
    for s in CUSTOM_SENTENCES:
        assert_same(mode, s, where=" (small_dict.txt)")
    assert zt.dictionary == jt.dictionary == os.path.abspath(SMALL_DICT)
    assert zt.total == jt.total == 80720


def test_small_dictionary_hard_coded(small_dict_pair):
    zt, _ = small_dict_pair
    assert zt.lcut("研究生命的起源，结婚的和尚未结婚的C++和AT&T中华人民共和国") == [
        "研究", "生命", "的", "起源", "，", "结婚", "的", "和尚", "未", "结婚", "的", "C++", "和", "AT&T",
        "中华人民共和国"]


def test_jieba_dictionary_file_loaded_by_path():
    """jieba's own dict.txt, loaded from its path (not the bundled copy), cuts the same."""
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    zt, jt = zhfast.Tokenizer(path), jieba.Tokenizer(path)
    for mode in make_modes(zt, jt):
        for s in SENTENCES:
            assert_same(mode, s, where=" (dict.txt by path)")
    assert zt.total == jt.total == 60101967
    with zt.get_dict_file() as a, jt.get_dict_file() as b:
        assert a.read() == b.read()
    with zhfast.get_dict_file() as a, jieba.get_dict_file() as b:
        assert a.read() == b.read()  # the bundled dictionary is jieba's, byte for byte
