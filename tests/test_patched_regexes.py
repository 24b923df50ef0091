"""Patching jieba's module regexes changes cutting exactly as it does in jieba.

Each test assigns the same regexes to jieba's modules and to zhfast's, compares every
cutting mode on jieba's examples and on generated strings, and puts the originals back
(after which zhfast cuts in the core again).
"""
from __future__ import annotations

import re
import subprocess
import sys

import jieba
import jieba.finalseg
import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhfast
import zhfast.finalseg
import zhfast.posseg
from conftest import MODES, STATS, assert_same, make_modes
from test_hypothesis import HARD_EXAMPLES, mixed

SPACED = "([\u4E00-\u9FD5a-zA-Z0-9+#&\\._% -]+)"

#: name -> {module path: {regex name: pattern}}; module paths are relative to the package.
PATCHES = {
    # The common recipe for words with spaces (README of many projects).
    "spaces": {"": {"re_han_default": SPACED}},
    # More CJK in blocks, and an HMM that sees them (and U+2236, which only jieba's
    # emission table has outside the han range).
    "wide_han": {
        "": {"re_han_default": "([\u3400-\u4DBF\u4E00-\u9FFF\u2236a-zA-Z0-9+#&\\._%\\-]+)"},
        "finalseg": {"re_han": "([\u3400-\u4DBF\u4E00-\u9FFF\u2236]+)"},
    },
    # Other separators and letter classes.
    "skips": {
        "": {"re_skip_default": "(\r\n|\\s|，|。)", "re_eng": "[a-zA-Z0-9\uFF10-\uFF19_]"},
        "finalseg": {"re_skip": "([a-zA-Z0-9]+(?:[.,]\\d+)?%?|\\d+)"},
    },
    # A block regex without a group: re.split then drops the blocks, as in jieba.
    "no_group": {"": {"re_han_default": "[\u4E00-\u9FD5]+"}},
    # Everything but whitespace is a block.
    "anything": {"": {"re_han_default": "(\\S+)"}, "finalseg": {"re_han": "(\\S+)"}},
}

POSSEG_PATCHES = {
    "spaces": {"re_han_internal": "([\u4E00-\u9FD5a-zA-Z0-9+#&\\._% -]+)"},
    "detail": {"re_han_detail": "([\u4E00-\u9FD5\u3400-\u4DBF]+)", "re_skip_detail": "([\\.0-9]+|[a-zA-Z]+|_)",
               "re_num": "[0-9]+", "re_eng": "[a-zA-Z]+", "re_eng1": "^[a-zA-Z]$"},
    "internal": {"re_han_internal": "([\u4E00-\u9FFFa-zA-Z0-9]+)", "re_skip_internal": "(\\s)"},
}

SENTENCES = HARD_EXAMPLES + [
    "我来到北京清华大学 macbook pro 和 C++ 的 Mac OS X 开发",
    "他来到了网易杭研大厦，3.14% 与 12.5% 都是数字。",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造∶真的吗",
    "工信处女干事每月经过下属科室都要亲口交代２４口交换机等技术性器件的安装工作",
    "例如我输入一个带“韩玉赏鉴”的标题，在自定义词库中也增加了此词为N类\r\n第二行\u3400\u4dbf\u9fea",
    "a_b c__d 1,5 2,50% 学习ＡＢＣ１２３",
]


def _module(lib, path):
    return lib if not path else getattr(lib, path)


@pytest.fixture
def patched():
    """Assign one set of ``PATCHES`` (by name) in both libraries; restore afterwards."""
    saved = []

    def apply(patch):
        for path, regexes in patch.items():
            for lib in (zhfast, jieba):
                module = _module(lib, path)
                for name, pattern in regexes.items():
                    saved.append((module, name, getattr(module, name)))
                    setattr(module, name, re.compile(pattern, re.UNICODE))

    yield apply
    for module, name, value in reversed(saved):
        setattr(module, name, value)
    assert zhfast._tokenizer._regexes_default and zhfast.posseg._regexes_default


def _same_everywhere(sentence, modes=MODES):
    for mode in modes:
        assert_same(mode, sentence)
    for zh, jb in ((lambda s: zhfast.lcut(s), lambda s: jieba.lcut(s)),
                   (lambda s: zhfast.lcut(s, HMM=False), lambda s: jieba.lcut(s, HMM=False)),
                   (lambda s: zhfast.lcut_for_search(s), lambda s: jieba.lcut_for_search(s))):
        assert zh(sentence) == jb(sentence), sentence


@pytest.mark.parametrize("name", list(PATCHES))
def test_examples_with_patched_regexes(patched, name):
    patched(PATCHES[name])
    assert not zhfast._tokenizer._regexes_default
    for s in SENTENCES:
        _same_everywhere(s)
    STATS["lines"]["patched regexes"] += len(SENTENCES)


def test_words_with_spaces_recipe(patched):
    """The recipe from the issue: ``macbook pro`` stays whole, in every mode."""
    patched(PATCHES["spaces"])
    for lib in (zhfast, jieba):
        lib.add_word("macbook pro")
        lib.add_word("Mac OS X", 10, "nz")
    s = SENTENCES[len(HARD_EXAMPLES)]
    assert "macbook pro" in zhfast.lcut(s) and "Mac OS X" in zhfast.lcut(s)
    _same_everywhere(s)
    for s in SENTENCES:
        _same_everywhere(s)


def test_unpatched_regexes_do_nothing():
    """Without a patch the core cuts (and ``re_han_cut_all`` / ``re_skip_cut_all``, which
    0.42.1 no longer reads, change nothing when assigned)."""
    assert zhfast._tokenizer._regexes_default
    s = SENTENCES[len(HARD_EXAMPLES)]
    before = [zhfast.lcut(s, cut_all=True), zhfast.lcut(s)]
    old = zhfast.re_han_cut_all, zhfast.re_skip_cut_all
    try:
        zhfast.re_han_cut_all = re.compile("(.+)")
        zhfast.re_skip_cut_all = re.compile("(x)")
        assert zhfast._tokenizer._regexes_default
        assert [zhfast.lcut(s, cut_all=True), zhfast.lcut(s)] == before
    finally:
        zhfast.re_han_cut_all, zhfast.re_skip_cut_all = old
    # An equal regex compiled anew is still jieba's: the core keeps cutting.
    old = zhfast.re_han_default
    try:
        zhfast.re_han_default = re.compile(old.pattern, re.UNICODE)
        assert zhfast._tokenizer._regexes_default
    finally:
        zhfast.re_han_default = old


def test_tokenizer_instances_batches_and_offsets(patched):
    patched(PATCHES["spaces"])
    zt, jt = zhfast.Tokenizer(), jieba.Tokenizer()
    for t in (zt, jt):
        t.add_word("macbook pro")
    for s in SENTENCES:
        for mode in make_modes(zt, jt):
            assert_same(mode, s, where=" (Tokenizer instances)")
    lines = [s for s in SENTENCES if "\ud800" not in s and "\udfff" not in s]
    assert zt.lcut_batch(lines) == [jt.lcut(s) for s in lines]
    assert zt.lcut_batch(lines, True, threads=2) == [jt.lcut(s, True) for s in lines]
    assert zt.lcut_for_search_batch(lines, False) == [jt.lcut_for_search(s, False) for s in lines]
    for s in lines:
        ends = list(zt.cut_offsets(s))
        words = jt.lcut(s)
        assert [s[a:b] for a, b in zip([0] + ends, ends)] == words
    assert [list(a) for a in zt.cut_offsets_batch(lines)] == [list(zt.cut_offsets(s)) for s in lines]
    # cut_all: each token ends where the offsets say.
    for s in lines:
        for word, end in zip(jt.lcut(s, cut_all=True), zt.cut_offsets(s, cut_all=True)):
            assert s[end - len(word):end] == word or not word, (s, word, end)


def test_load_userdict_reads_the_patched_re_userdict(patched, tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("云计算:5:n\n创新办:3\n", encoding="utf-8")
    originals = [(lib, lib.re_userdict) for lib in (zhfast, jieba)]
    for lib in (zhfast, jieba):
        lib.re_userdict = re.compile("^(.+?)(?::([0-9]+))?(?::([a-z]+))?$", re.UNICODE)
    try:
        for lib in (zhfast, jieba):
            lib.load_userdict(str(path))
        assert zhfast.get_FREQ("云计算") == jieba.get_FREQ("云计算") == 5
        assert zhfast.get_FREQ("创新办") == jieba.get_FREQ("创新办") == 3
        assert zhfast.dt.user_word_tag_tab == jieba.dt.user_word_tag_tab == {"云计算": "n"}
    finally:
        for lib, value in originals:
            lib.re_userdict = value


@pytest.mark.parametrize("name", list(POSSEG_PATCHES))
def test_posseg_with_patched_regexes(patched, name):
    patched({"posseg": POSSEG_PATCHES[name]})
    assert not zhfast.posseg._regexes_default and zhfast._tokenizer._regexes_default
    for lib in (zhfast, jieba):
        lib.add_word("macbook pro", 5, "nz")
    for s in SENTENCES:
        for hmm in (True, False):
            zh = [tuple(p) for p in zhfast.posseg.cut(s, HMM=hmm)]
            assert zh == [tuple(p) for p in jieba.posseg.cut(s, HMM=hmm)], (s, hmm)
        lines = [s]
        if "\ud800" not in s and "\udfff" not in s:
            assert [[tuple(p) for p in ps] for ps in zhfast.posseg.lcut_batch(lines)] == [[tuple(p) for p in jieba.posseg.lcut(s)]]


def test_keywords_follow_patched_regexes(patched):
    patched(PATCHES["spaces"])
    patched({"posseg": POSSEG_PATCHES["spaces"]})
    for lib in (zhfast, jieba):
        lib.add_word("macbook pro", 50, "n")
    text = "".join(SENTENCES[len(HARD_EXAMPLES):]) * 3 + " macbook pro 的 macbook pro"
    import jieba.analyse as ja

    import zhfast.analyse as za

    assert za.extract_tags(text, withWeight=True) == ja.extract_tags(text, withWeight=True)
    assert za.extract_tags(text, allowPOS=("n", "nz", "x")) == ja.extract_tags(text, allowPOS=("n", "nz", "x"))
    assert za.textrank(text, withWeight=True) == ja.textrank(text, withWeight=True)
    assert "macbook pro" in za.extract_tags(text)


def _limited():
    return settings(max_examples=min(settings().max_examples, 400))


@pytest.mark.parametrize("name", ["spaces", "wide_han", "skips", "anything"])
def test_generated_strings_with_patched_regexes(patched, name):
    patched(PATCHES[name])

    @_limited()
    @given(mixed)
    def check(sentence):
        STATS["examples"]["patched regexes: " + name] += 1
        for mode in MODES:
            assert_same(mode, sentence)

    check()


def test_generated_strings_with_patched_posseg_regexes(patched):
    patched({"posseg": POSSEG_PATCHES["detail"]})

    @_limited()
    @given(mixed)
    def check(sentence):
        STATS["examples"]["patched regexes: posseg"] += 1
        for hmm in (True, False):
            assert [tuple(p) for p in zhfast.posseg.cut(sentence, HMM=hmm)] == \
                [tuple(p) for p in jieba.posseg.cut(sentence, HMM=hmm)]

    check()


@given(st.text(alphabet="0123456789.%中国人abc٣٤", max_size=20) | mixed)
@_limited()
def test_finalseg_cut_matches_jieba(sentence):
    STATS["examples"]["finalseg.cut"] += 1
    assert list(zhfast.finalseg.cut(sentence)) == list(jieba.finalseg.cut(sentence))


def test_recipe_under_install_as_jieba():
    """The recipe as third-party code writes it, on zhfast standing in for jieba, against
    the real jieba in another process."""
    code = (
        "import re, sys\n"
        "if sys.argv[1] == 'zhfast':\n"
        "    import zhfast; zhfast.install_as_jieba()\n"
        "import jieba\n"
        "jieba.setLogLevel(60)\n"
        "jieba.re_han_default = re.compile('([\\u4E00-\\u9FD5a-zA-Z0-9+#&\\\\._% -]+)', re.U)\n"
        "jieba.add_word('macbook pro')\n"
        "s = '我买了 macbook pro 和 C++ 的书'\n"
        "print(jieba.lcut(s), list(jieba.cut(s, cut_all=True)), jieba.lcut_for_search(s), list(jieba.tokenize(s)))\n"
    )
    outs = [subprocess.run([sys.executable, "-c", code, lib], check=False, capture_output=True, text=True, timeout=120)
            for lib in ("jieba", "zhfast")]
    assert outs[0].returncode == 0 and outs[1].returncode == 0, outs
    assert "'macbook pro'" in outs[0].stdout
    assert outs[1].stdout == outs[0].stdout


@pytest.mark.parametrize("name", list(PATCHES))
def test_arrow_calls_follow_patched_regexes(patched, name):
    """The Arrow calls give what ``lcut`` gives with the user's regexes too (nulls and
    chunks kept)."""
    pa = pytest.importorskip("pyarrow")
    patched(PATCHES[name])
    for lib in (zhfast, jieba):
        lib.add_word("macbook pro")
    # Arrow strings are UTF-8, so the sentences with lone surrogates stay out.
    texts = [t for t in SENTENCES if t.encode("utf-8", "surrogatepass").decode("utf-8", "replace") == t] + [None, ""]
    chunked = pa.chunked_array([texts[:3], texts[3:]])
    for column in (pa.array(texts), chunked, texts):
        cut = pa.chunked_array(zhfast.cut_arrow(column)).to_pylist()
        assert cut == [None if t is None else jieba.lcut(t) for t in texts]
        search = pa.chunked_array(zhfast.cut_for_search_arrow(column, HMM=False)).to_pylist()
        assert search == [None if t is None else jieba.lcut_for_search(t, HMM=False) for t in texts]
        ends = pa.chunked_array(zhfast.cut_offsets_arrow(column, cut_all=True)).to_pylist()
        assert ends == [None if t is None else list(zhfast.cut_offsets(t, cut_all=True)) for t in texts]
        tagged = pa.chunked_array(zhfast.posseg.cut_arrow(column)).to_pylist()
        assert tagged == [None if t is None else [{"word": w, "flag": f} for w, f in jieba.posseg.lcut(t)] for t in texts]
    assert [len(c) for c in zhfast.cut_arrow(chunked).chunks] == [3, len(texts) - 3]
