"""Long items of an Arrow column are split where jieba's pre-split breaks and their
pieces cut on several threads: every Arrow call still equals the single-text call mapped
over the items (``lcut``, ``lcut_for_search``, ``cut_offsets``, ``posseg.lcut``).

The core's Arrow calls take the piece size as a parameter, as its batch calls do (see
``test_split.py``): with ``piece_bytes=1`` an item is split at every safe point, which
puts a split next to every character class the generated strings hold, and the pieces of
one item fall into many groups, cut by different threads and joined back in order.
"""
from __future__ import annotations

import signal
import time

import pytest

pa = pytest.importorskip("pyarrow")

from hypothesis import assume, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import zhfast  # noqa: E402
import zhfast.posseg  # noqa: E402
from conftest import SAMPLE_FILE, STATS, corpus_files, read_text  # noqa: E402
from test_arrow import CALLS, KINDS, _pairs, expected, read_back  # noqa: E402
from test_hypothesis import HARD_EXAMPLES, mixed  # noqa: E402
from test_split import _long_corpus_text, utf8  # noqa: E402

_Mode = zhfast._core.Mode
CORE = zhfast.dt._checked_core()
MODES = [_Mode.DEFAULT, _Mode.NO_HMM, _Mode.ALL, _Mode.SEARCH, _Mode.SEARCH_NO_HMM]

# -- long items of real text, at the default piece size (16 KB) ----------------------------


@pytest.fixture(scope="module")
def long_items():
    files = corpus_files() or [SAMPLE_FILE]
    text = _long_corpus_text("".join(read_text(p) for p in files).splitlines())
    # Items of hundreds of KB (many pieces each) among short ones, nulls and empty
    # strings; the long ones start and end with different character classes.
    a, b, c = text[:400_000], text[400_000:650_000], text[650_000:800_000] + "\r\n"
    return ["短句", a, None, "", b, "我来到北京清华大学", None, c, " ", a[:20_000]]


#: The chunk lengths of the column: long items alone, two in one chunk, an empty chunk.
CHUNKS = [[1, 3, 3, 5, 9], [2, 2, 8]]


def _chunked(items, cuts):
    bounds = [0, *cuts, len(items)]
    return pa.chunked_array([pa.array(items[a:b], pa.string()) for a, b in zip(bounds, bounds[1:])],
                            type=pa.string())


SPLIT_CALLS = ["cut", "cut_all", "search_no_hmm", "offsets", "offsets_cut_all", "posseg"]


@pytest.fixture(scope="module")
def long_expected(long_items):
    return {name: expected(name, long_items) for name in SPLIT_CALLS}


@pytest.mark.parametrize("threads", [1, 2, 3, 4])
@pytest.mark.parametrize("name", SPLIT_CALLS)
def test_long_items_in_chunked_columns(long_items, long_expected, name, threads):
    for cuts in CHUNKS:
        source = _chunked(long_items, cuts)
        got = read_back(CALLS[name][0](source, threads=threads), source)
        assert got == long_expected[name], (name, threads, cuts)
    STATS["lines"]["arrow long items " + name] += len(long_items)


@pytest.mark.parametrize("kind", ["list", "large_string", "string_view", "sliced_string", "sliced_string_view"])
def test_long_items_in_every_layout(long_items, long_expected, kind):
    source = KINDS[kind](long_items)
    for name in ("cut", "offsets", "posseg"):
        got = read_back(CALLS[name][0](source, threads=2), source)
        assert got == long_expected[name], (name, kind)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")
def test_a_signal_handler_can_stop_one_long_item(long_items):
    # One item, so only a stop between its pieces can come before its end.
    class Stop(Exception):
        pass

    def handler(signum, frame):
        raise Stop

    item = long_items[1]
    started = time.perf_counter()
    while time.perf_counter() - started < 0.5:  # at least half a second of work
        item += item
        arr = pa.array([item])
        started = time.perf_counter()
        zhfast.cut_offsets_arrow(arr, threads=1)
    full = time.perf_counter() - started
    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, full / 10)
        started = time.perf_counter()
        with pytest.raises(Stop):
            zhfast.cut_offsets_arrow(arr, threads=1)
        stopped_after = time.perf_counter() - started
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert stopped_after < full / 2, (stopped_after, full)


# -- generated strings split at every safe point ------------------------------------------

long_texts = st.lists(mixed, min_size=1, max_size=8).map("".join)
piece_sizes = st.one_of(st.just(1), st.integers(min_value=1, max_value=40))
kinds = st.sampled_from(["string", "large_string", "string_view", "sliced_string", "sliced_string_view"])
# Each example is a column cut many ways: a fifth of the profile's examples per test.
fewer = settings(max_examples=max(50, settings().max_examples // 5))


def _items(text):
    # The text twice in one group and apart, cut short, beside nulls and empty strings.
    return [text, None, text, "", text[: len(text) // 2], None, text[len(text) // 3:]]


def _column(items, kind):
    if kind == "chunked":
        return pa.chunked_array([pa.array(items[:1], pa.string()), pa.array(items[1:], pa.string())])
    return KINDS[kind](items)


def _with_hard_examples(f):
    for s in HARD_EXAMPLES + ["a  b", "北京 \r\n\r\n 大学", "a\r\n\r\nb", "好-%x，。", "  \t\u3000 ", "𠀀中国\u9fd6😀ab"]:
        f = example(s, 1, "chunked")(f)
    return f


@_with_hard_examples
@fewer
@given(long_texts, piece_sizes, kinds | st.just("chunked"))
def test_split_items_cut_like_the_whole_items(text, piece_bytes, kind):
    assume(utf8(text))
    STATS["examples"]["test_split_items_cut_like_the_whole_items"] += 1
    items = _items(text)
    source = _column(items, kind)
    for mode in MODES:
        whole = [None if t is None else CORE.cut(t, mode) for t in items]
        for threads in (1, 3):
            got = read_back(CORE.cut_arrow(source, mode, threads, piece_bytes), source)
            assert got == whole, (mode, threads)
        got = read_back(CORE.offsets_arrow(source, mode, 2, piece_bytes), source)
        assert got == [None if t is None else list(CORE.offsets(t, mode)) for t in items], mode


@_with_hard_examples
@fewer
@given(long_texts, piece_sizes, kinds | st.just("chunked"))
def test_split_items_tag_like_the_whole_items(text, piece_bytes, kind):
    assume(utf8(text))
    STATS["examples"]["test_split_items_tag_like_the_whole_items"] += 1
    table = zhfast.posseg.dt._tag_table()
    items = _items(text)
    source = _column(items, kind)
    for hmm in (True, False):
        whole = [None if t is None else _pairs(CORE.pos_cut(t, hmm, table)) for t in items]
        got = read_back(CORE.pos_cut_arrow(source, hmm, table, 2, piece_bytes), source)
        assert got == whole, hmm
