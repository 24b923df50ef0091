"""Arrow columns: every Arrow call equals the single-text call mapped over the items
(``lcut``, ``lcut_for_search``, ``cut_offsets``, ``posseg.lcut``, themselves compared with
jieba elsewhere), for every kind of input, on the corpus and on generated strings, on
1 to 4 threads.

The result is read back through pyarrow (``pyarrow.array`` / ``pyarrow.chunked_array``),
which also checks it with ``validate(full=True)``.
"""
from __future__ import annotations

import pytest

pa = pytest.importorskip("pyarrow")

import jieba  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import zhfast  # noqa: E402
import zhfast.posseg  # noqa: E402
from conftest import STATS, corpus_files, read_text, require_corpus  # noqa: E402
from test_hypothesis import HARD_EXAMPLES, mixed  # noqa: E402

SAMPLE = (zhfast.__file__.rsplit("/", 1)[0] + "/sample.txt")


def sample_items():
    with open(SAMPLE, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    extra = ["", " ", "\r\n", "𠀀𠀁 astral 😀", "C++ 和 c# 3.14% 12.5%", "x" * 3000, "中" * 2000, None, "", None]
    items = []
    for i, line in enumerate(lines + extra):
        items.append(line)
        if i % 7 == 3:
            items.append(None)
    return items


ITEMS = sample_items()


def _pairs(words):
    return [{"word": w, "flag": f} for w, f in words]


#: name -> (the Arrow call, what each non-null item must give)
CALLS = {
    "cut": (lambda x, **k: zhfast.cut_arrow(x, **k), lambda t: zhfast.lcut(t)),
    "cut_no_hmm": (lambda x, **k: zhfast.cut_arrow(x, HMM=False, **k), lambda t: zhfast.lcut(t, HMM=False)),
    "cut_all": (lambda x, **k: zhfast.cut_arrow(x, cut_all=True, **k), lambda t: zhfast.lcut(t, cut_all=True)),
    "cut_all_no_hmm": (lambda x, **k: zhfast.cut_arrow(x, True, False, **k), lambda t: zhfast.lcut(t, True, False)),
    "search": (lambda x, **k: zhfast.cut_for_search_arrow(x, **k), lambda t: zhfast.lcut_for_search(t)),
    "search_no_hmm": (lambda x, **k: zhfast.cut_for_search_arrow(x, False, **k),
                      lambda t: zhfast.lcut_for_search(t, False)),
    "offsets": (lambda x, **k: zhfast.cut_offsets_arrow(x, **k), lambda t: list(zhfast.cut_offsets(t))),
    "offsets_no_hmm": (lambda x, **k: zhfast.cut_offsets_arrow(x, HMM=False, **k),
                       lambda t: list(zhfast.cut_offsets(t, HMM=False))),
    "offsets_cut_all": (lambda x, **k: zhfast.cut_offsets_arrow(x, cut_all=True, **k),
                        lambda t: list(zhfast.cut_offsets(t, cut_all=True))),
    "posseg": (lambda x, **k: zhfast.posseg.cut_arrow(x, **k), lambda t: _pairs(zhfast.posseg.lcut(t))),
    "posseg_no_hmm": (lambda x, **k: zhfast.posseg.cut_arrow(x, HMM=False, **k),
                      lambda t: _pairs(zhfast.posseg.lcut(t, HMM=False))),
}
CUT_CALLS = ["cut", "cut_no_hmm", "cut_all", "search", "offsets", "posseg"]


def expected(name, items):
    ref = CALLS[name][1]
    return [None if t is None else ref(t) for t in items]


def _chunks(arr, cuts):
    bounds = [0, *cuts, len(arr)]
    return pa.chunked_array([arr[a:b] for a, b in zip(bounds, bounds[1:])], type=arr.type)


def _sliced(items, typ):
    return pa.array(["前", None, *items, "后"], typ)[2:-1]


#: name -> (make the input from items, whether the result is chunked, chunk lengths)
KINDS = {
    "list": lambda items: items,
    "tuple": lambda items: tuple(items),
    "string": lambda items: pa.array(items, pa.string()),
    "large_string": lambda items: pa.array(items, pa.large_string()),
    "string_view": lambda items: pa.array(items, pa.string_view()),
    "sliced_string": lambda items: _sliced(items, pa.string()),
    "sliced_large_string": lambda items: _sliced(items, pa.large_string()),
    "sliced_string_view": lambda items: _sliced(items, pa.string_view()),
    "chunked": lambda items: _chunks(pa.array(items), [len(items) // 3, len(items) // 3, len(items) - 1]),
    "chunked_sliced_views": lambda items: _chunks(_sliced(items, pa.string_view()), [1, len(items) // 2]),
    "table_column": lambda items: pa.table({"text": _chunks(pa.array(items), [len(items) // 2])})["text"],
    "table": lambda items: pa.table({"text": _chunks(pa.array(items), [len(items) // 2])}),
    "record_batch": lambda items: pa.record_batch({"text": pa.array(items, pa.large_string())}),
}


def read_back(result, source):
    """The result as a list, checked against what the input's chunks were."""
    if hasattr(source, "__arrow_c_stream__") and not hasattr(source, "__arrow_c_array__"):
        assert not hasattr(result, "__arrow_c_array__"), "a chunked input gives a chunked result"
        got = pa.chunked_array(result)
        given_chunks = pa.chunked_array(source) if not isinstance(source, pa.Table) else source.to_batches()
        chunk_lengths = [len(c) for c in (given_chunks.chunks if hasattr(given_chunks, "chunks") else given_chunks)]
        assert [len(c) for c in got.chunks] == chunk_lengths
        assert got.num_chunks == result.num_chunks
    else:
        got = pa.array(result)
    got.validate(full=True)
    assert len(result) == len(got)
    return got.to_pylist()


def check(name, items, kind="string", threads=None):
    source = KINDS[kind](items)
    result = CALLS[name][0](source, threads=threads)
    got = read_back(result, source)
    want = expected(name, items)
    if got != want:
        bad = next(i for i, (g, w) in enumerate(zip(got, want)) if g != w)
        pytest.fail("%s over %s differs at item %d (%r):\n  arrow: %r\n  lcut:  %r"
                    % (name, kind, bad, items[bad], got[bad], want[bad]), pytrace=False)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("name", list(CALLS))
def test_every_call_over_every_kind_of_input(name, kind):
    check(name, ITEMS, kind)


@pytest.mark.parametrize("threads", [1, 2, 3, 4])
@pytest.mark.parametrize("name", CUT_CALLS)
def test_threads_keep_the_items_in_order(name, threads):
    items = ITEMS * 20  # several groups per thread
    check(name, items, "chunked", threads)
    check(name, items, "list", threads)


def test_the_types_of_the_results():
    arr = pa.array(["我来到北京清华大学", None])
    assert pa.array(zhfast.cut_arrow(arr)).type == pa.list_(pa.string())
    assert pa.array(zhfast.cut_for_search_arrow(arr)).type == pa.list_(pa.string())
    assert pa.array(zhfast.cut_offsets_arrow(arr)).type == pa.list_(pa.uint32())
    pair = pa.struct([("word", pa.string()), ("flag", pa.string())])
    assert pa.array(zhfast.posseg.cut_arrow(arr)).type == pa.list_(pair)


@pytest.mark.parametrize("kind", ["list", "string", "string_view", "chunked"])
def test_nulls_and_empty_texts(kind):
    items = [None, "", None, "", "中国", None]
    for name in CUT_CALLS:
        check(name, items, kind)
    assert read_back(zhfast.cut_arrow(KINDS[kind]([])), KINDS[kind]([])) == []
    assert pa.chunked_array(zhfast.cut_arrow(pa.chunked_array([], pa.string()))).num_chunks == 0


def test_tokenizer_and_postokenizer_methods_use_their_own_words():
    tk = zhfast.Tokenizer()
    tk.add_word("来到北京", 100000, tag="zz")
    pt = zhfast.posseg.POSTokenizer(tk)
    items = ["我来到北京清华大学", None, "他来到北京"]
    arr = pa.array(items)
    assert pa.array(tk.cut_arrow(arr)).to_pylist() == [None if t is None else tk.lcut(t) for t in items]
    assert pa.array(tk.cut_for_search_arrow(arr)).to_pylist() == [None if t is None else tk.lcut_for_search(t) for t in items]
    assert pa.array(tk.cut_offsets_arrow(arr)).to_pylist() == [None if t is None else list(tk.cut_offsets(t)) for t in items]
    tagged = pa.array(pt.cut_arrow(arr)).to_pylist()
    assert tagged == [None if t is None else _pairs(pt.lcut(t)) for t in items]
    assert {"word": "来到北京", "flag": "zz"} in tagged[0]
    # and the default tokenizer does not have the word
    assert "来到北京" not in zhfast.lcut("我来到北京清华大学")


def test_bytes_items_are_decoded_as_lcut_decodes_them():
    items = ["中国".encode("utf-8"), "北京".encode("gbk"), "大学", None]
    assert pa.array(zhfast.cut_arrow(items)).to_pylist() == [["中国"], ["北京"], ["大学"], None]


# -- the corpus and generated strings ----------------------------------------------------


@pytest.mark.parametrize("name", list(CALLS))
def test_corpus_lines(name):
    require_corpus()
    for path in corpus_files():
        lines = read_text(path).splitlines(keepends=True)
        check(name, lines, "chunked")
        STATS["lines"]["arrow " + name] += len(lines)


def test_corpus_cut_arrow_equals_jieba():
    require_corpus()
    for path in corpus_files():
        lines = read_text(path).splitlines(keepends=True)[:2000]
        got = pa.array(zhfast.cut_arrow(pa.array(lines))).to_pylist()
        assert got == [jieba.lcut(t) for t in lines], path.name


def _encodable(s):
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


items_strategy = st.lists(st.one_of(st.none(), mixed.filter(_encodable), st.sampled_from(HARD_EXAMPLES).filter(_encodable)),
                          max_size=8)


@given(items_strategy, st.sampled_from(["list", "string", "large_string", "string_view", "sliced_string_view", "chunked"]))
def test_generated_items(items, kind):
    STATS["examples"]["test_arrow.test_generated_items"] += 1
    if not items and kind == "chunked":
        kind = "string"
    for name in CALLS:
        check(name, items, kind)


def test_lone_surrogates_cannot_go_into_a_column():
    with pytest.raises(UnicodeEncodeError):
        zhfast.cut_arrow(["中国", "a\ud800b"])
