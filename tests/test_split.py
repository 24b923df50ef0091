"""A long text is split where jieba's pre-split breaks, and its pieces are cut by several
threads: the batch calls and ``enable_parallel`` give exactly the tokens of the unsplit
cut (and so jieba's).

The core's batch calls take the piece size as a parameter: with ``piece_bytes=1`` a text
is split at every safe point, which puts a split next to every character class the
generated strings hold (blocks, ``%`` and ``-``, which posseg's blocks lack, each kind of
whitespace, ``\\r\\n``, punctuation, astral characters).
"""
from __future__ import annotations

import jieba
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import zhfast
import zhfast.posseg
from conftest import STATS
from test_hypothesis import HARD_EXAMPLES, mixed

_Mode = zhfast._core.Mode


def core():
    """The default tokenizer's core as it is now (other tests may have reloaded ``dt``,
    which leaves an earlier core with their edits)."""
    return zhfast.dt._checked_core()


MODES = [_Mode.DEFAULT, _Mode.NO_HMM, _Mode.ALL, _Mode.SEARCH, _Mode.SEARCH_NO_HMM]

# A long text of many sentences: pieces (and their split points) of several kinds.
long_texts = st.lists(mixed, min_size=1, max_size=8).map("".join)
piece_sizes = st.one_of(st.just(1), st.integers(min_value=1, max_value=40))
# Each example is a long text cut many ways: a fifth of the profile's examples (500 with
# the ``ci`` profile) per test.
fewer = settings(max_examples=max(50, settings().max_examples // 5))


def utf8(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the core is not called with them
        return False
    return True


def ends_of(tokens):
    out, pos = [], 0
    for t in tokens:
        pos += len(t)
        out.append(pos)
    return out


def _with_hard_examples(f):
    for s in HARD_EXAMPLES + ["a  b", "北京 \r\n\r\n 大学", "a\r\n\r\nb", "好-%x，。", "  \t\u3000 "]:
        f = example(s, 1)(f)
    return f


@_with_hard_examples
@fewer
@given(long_texts, piece_sizes)
def test_split_texts_cut_like_the_whole_text(text, piece_bytes):
    assume(utf8(text))
    STATS["examples"]["test_split_texts_cut_like_the_whole_text"] += 1
    texts = [text, "", text[: len(text) // 2]]
    for mode in MODES:
        whole = [core().cut(t, mode) for t in texts]
        for threads in (1, 3):
            assert core().cut_batch(texts, mode, threads, piece_bytes) == whole, (mode, threads)
        offsets = core().offsets_batch(texts, mode, 2, piece_bytes)
        assert [list(a) for a in offsets] == [list(core().offsets(t, mode)) for t in texts], mode


@_with_hard_examples
@fewer
@given(long_texts, piece_sizes)
def test_split_texts_tag_like_the_whole_text(text, piece_bytes):
    assume(utf8(text))
    STATS["examples"]["test_split_texts_tag_like_the_whole_text"] += 1
    tagger = zhfast.posseg.dt
    table = tagger._tag_table()
    for hmm in (True, False):
        whole = core().pos_cut(text, hmm, table)
        assert core().pos_cut_batch([text, text], hmm, table, 2, piece_bytes) == [whole, whole]


@fewer
@given(long_texts)
def test_split_texts_equal_jieba(text):
    assume(utf8(text))
    assert core().cut_batch([text], _Mode.DEFAULT, 2, 1) == [jieba.lcut(text)]
    assert core().cut_batch([text], _Mode.ALL, 2, 1) == [jieba.lcut(text, cut_all=True)]


def _long_corpus_text(lines, separators=("\n", "\r\n", "", " ", "  ", "\r", "\u3000", "\t\t")):
    return "".join(line + separators[i % len(separators)] for i, line in enumerate(lines))


@pytest.fixture(scope="module")
def huge():
    from conftest import SAMPLE_FILE, corpus_files, read_text

    files = corpus_files() or [SAMPLE_FILE]
    text = "".join(read_text(p) for p in files)
    return _long_corpus_text(text.splitlines() * 2)


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_huge_text_in_batches(huge, threads):
    # One text of a few megabytes, split into pieces of the default size (16 KB) that
    # several threads cut.
    part = huge[: len(huge) // 3]
    assert zhfast.lcut_batch([huge, "", part], threads=threads) == [zhfast.dt.lcut(t) for t in (huge, "", part)]
    assert zhfast.lcut_batch([part], True, threads=threads) == [zhfast.dt.lcut(part, True)]
    assert zhfast.lcut_for_search_batch([part], threads=threads) == [zhfast.dt.lcut_for_search(part)]
    got = zhfast.cut_offsets_batch([huge], HMM=False, threads=threads)
    assert list(got[0]) == list(zhfast.cut_offsets(huge, HMM=False))
    assert zhfast.posseg.lcut_batch([part], threads=threads) == [zhfast.posseg.dt.lcut(part)]


def test_huge_text_equals_jieba(huge):
    part = huge[:300_000]
    assert zhfast.lcut_batch([part], threads=2) == [jieba.lcut(part)]
    assert zhfast.lcut_batch([part], True, threads=2) == [jieba.lcut(part, cut_all=True)]


def test_enable_parallel_makes_every_module_call_parallel(huge, monkeypatch):
    text = huge[:200_000]
    calls = []
    real = zhfast.dt.lcut_batch

    def counting(texts, *args, **kwargs):
        calls.append(len(texts[0]))
        return real(texts, *args, **kwargs)

    expected = {
        "lcut": zhfast.dt.lcut(text), "lcut_all": zhfast.dt.lcut(text, True), "lcut_no_hmm": zhfast.dt.lcut(text, HMM=False),
        "search": zhfast.dt.lcut_for_search(text), "pos": zhfast.posseg.dt.lcut(text),
    }
    try:
        zhfast.enable_parallel(2)
        monkeypatch.setattr(zhfast.dt, "lcut_batch", counting)
        assert zhfast.lcut(text) == expected["lcut"]
        assert list(zhfast.cut(text)) == expected["lcut"]
        assert zhfast.lcut(text, cut_all=True) == expected["lcut_all"]
        assert list(zhfast.cut(text, HMM=False)) == expected["lcut_no_hmm"]
        assert len(calls) == 4, "lcut and cut went through the batch"
        assert zhfast.lcut_for_search(text) == expected["search"]
        assert list(zhfast.cut_for_search(text.encode("utf-8"))) == expected["search"]
        assert zhfast.posseg.lcut(text) == expected["pos"]
        assert list(zhfast.posseg.cut(text, HMM=True)) == expected["pos"]
        # A short text is cut on the calling thread, as before.
        assert zhfast.lcut("我来到北京清华大学") == ["我", "来到", "北京", "清华大学"]
        assert len(calls) == 4
    finally:
        zhfast.disable_parallel()
    assert zhfast.lcut == zhfast.dt.lcut
    assert zhfast.lcut_for_search == zhfast.dt.lcut_for_search


def test_enable_parallel_equals_serial_jieba_on_consecutive_line_ends():
    # jieba's own enable_parallel cuts line by line, which in cut_all gives extra empty
    # strings between consecutive line ends; zhfast's split gives the serial cut's.
    text = ("北京\n\n大学  清华\r\n\r\n" * 2000)
    try:
        zhfast.enable_parallel(2)
        assert zhfast.lcut(text, cut_all=True) == jieba.lcut(text, cut_all=True)
        assert zhfast.lcut(text) == jieba.lcut(text)
    finally:
        zhfast.disable_parallel()
