"""Arrow columns: the libraries on either side (Polars, DuckDB, nanoarrow), what is
refused and why, no copies, 64-bit offsets, threads and signals, and zhfast without
pyarrow or Polars installed."""
from __future__ import annotations

import gc
import signal
import subprocess
import sys
import threading
import time

import pytest

pa = pytest.importorskip("pyarrow")

import zhfast  # noqa: E402
import zhfast.posseg  # noqa: E402
from test_arrow import CUT_CALLS, ITEMS, check, expected, read_back  # noqa: E402
from zhfast import _core  # noqa: E402

TEXTS = ["我来到北京清华大学", None, "", "他来到了网易杭研大厦 C++ 3.14%"]


# -- other libraries ----------------------------------------------------------------------


@pytest.mark.parametrize("name", CUT_CALLS)
def test_polars_series_in_and_out(name):
    pl = pytest.importorskip("polars")
    series = pl.Series("text", ITEMS)
    chunked = pl.concat([series[:5], series[5:9], series[9:]], rechunk=False)
    assert chunked.n_chunks() == 3
    from test_arrow import CALLS

    for source in (series, chunked):
        result = CALLS[name][0](source)
        assert not hasattr(result, "__arrow_c_array__")
        assert result.num_chunks == source.n_chunks()
        assert pl.Series(result).to_list() == expected(name, ITEMS)


def test_polars_takes_offsets_without_a_copy():
    pl = pytest.importorskip("polars")
    result = zhfast.cut_offsets_arrow(pa.array(TEXTS))
    ours = pa.array(result).values.buffers()[1].address
    assert pl.Series(result).to_arrow().values.buffers()[1].address == ours


def test_nanoarrow_in_and_out():
    na = pytest.importorskip("nanoarrow")
    arr = na.Array(pa.array(TEXTS))
    result = zhfast.cut_arrow(arr)
    assert pa.array(result).to_pylist() == expected("cut", TEXTS)
    assert list(na.Array(result).iter_py()) == expected("cut", TEXTS)


def test_duckdb_query_results():
    duckdb = pytest.importorskip("duckdb")
    texts_table = pa.table({"text": pa.array(ITEMS)})  # noqa: F841  (read by the query)
    relation = duckdb.sql("select text from texts_table")
    assert read_back(zhfast.cut_arrow(relation), relation) == expected("cut", ITEMS)


# -- what is refused ----------------------------------------------------------------------


@pytest.mark.parametrize("column, type_name", [
    (lambda: pa.array([1, 2]), "Int64"),
    (lambda: pa.array([b"x"]), "Binary"),
    (lambda: pa.array(["a", "b"]).dictionary_encode(), "Dictionary"),
    (lambda: pa.chunked_array([pa.array([1.5])]), "Float64"),
    (lambda: pa.table({"a": ["x"], "b": ["y"]}), "Struct"),
    (lambda: pa.array([["a"]]), "List"),
])
def test_a_column_of_anything_but_strings_is_a_type_error_naming_its_type(column, type_name):
    for call in (zhfast.cut_arrow, zhfast.cut_for_search_arrow, zhfast.cut_offsets_arrow, zhfast.posseg.cut_arrow):
        with pytest.raises(TypeError, match=type_name):
            call(column())


def test_polars_non_string_series_is_a_type_error():
    pl = pytest.importorskip("polars")
    with pytest.raises(TypeError, match="Int64"):
        zhfast.cut_arrow(pl.Series([1, 2]))


@pytest.mark.parametrize("texts", ["中国", b"\xe4\xb8\xad", 5, [1, "中国"], [["中国"]]])
def test_what_is_not_a_column_of_texts_is_a_type_error(texts):
    with pytest.raises(TypeError):
        zhfast.cut_arrow(texts)


@pytest.mark.parametrize("threads", [0, -1, 1.5, "2"])
def test_bad_thread_counts(threads):
    with pytest.raises(ValueError):
        zhfast.cut_arrow(["北京"], threads=threads)


def _string_array(data, offsets, valid=None, large=False):
    typ, width = (pa.large_string(), "q") if large else (pa.string(), "i")
    import array

    mask = None if valid is None else pa.array(valid).buffers()[1]
    return pa.Array.from_buffers(typ, len(offsets) - 1, [mask, pa.py_buffer(array.array(width, offsets)), pa.py_buffer(data)])


@pytest.mark.parametrize("large", [False, True])
def test_text_that_is_not_utf8_is_a_value_error_naming_the_row(large):
    bad = _string_array("中国".encode() + b"\xff\xfe" + "北京".encode(), [0, 6, 8, 14], large=large)
    with pytest.raises(ValueError, match="row 1 .*UTF-8"):
        zhfast.cut_arrow(bad)
    # a row that splits a character is caught too
    split = _string_array("中国".encode(), [0, 4, 6], large=large)
    with pytest.raises(ValueError, match="row 0"):
        zhfast.cut_offsets_arrow(split)
    # what a null row holds is never read
    null_garbage = _string_array("中国".encode() + b"\xff\xfe" + "北京".encode(), [0, 6, 8, 14], [True, False, True], large)
    assert pa.array(zhfast.cut_arrow(null_garbage)).to_pylist() == [["中国"], None, ["北京"]]
    assert pa.array(zhfast.posseg.cut_arrow(null_garbage)).to_pylist()[1] is None


# -- no copies, and who owns what ---------------------------------------------------------


def test_pyarrow_takes_the_result_without_a_copy_and_shares_the_input_bytes():
    arr = pa.array(TEXTS)
    result = zhfast.cut_arrow(arr)
    first, second = pa.array(result), pa.array(result)
    assert first.values.buffers()[2].address == second.values.buffers()[2].address
    assert first.values.buffers()[1].address == second.values.buffers()[1].address
    # the tokens of `cut` are the input's own bytes
    assert first.values.buffers()[2].address == arr.buffers()[2].address
    assert pa.chunked_array(result).chunk(0).values.buffers()[2].address == arr.buffers()[2].address


def test_results_outlive_their_input_and_the_result_object():
    arr = pa.array(ITEMS)
    want = expected("cut", ITEMS)
    result = zhfast.cut_arrow(arr)
    del arr
    gc.collect()
    out = pa.array(result)
    del result
    gc.collect()
    assert out.to_pylist() == want


def test_capsules_not_consumed_are_released():
    result = zhfast.cut_arrow(pa.array(TEXTS))
    for _ in range(100):
        result.__arrow_c_array__()
        result.__arrow_c_stream__()
    assert pa.array(result).to_pylist() == expected("cut", TEXTS)


def test_result_objects():
    single = zhfast.cut_arrow(TEXTS)
    assert len(single) == 4 and "list<item: string>" in repr(single)
    chunked = zhfast.cut_offsets_arrow(pa.chunked_array([TEXTS, TEXTS[:1]]))
    assert len(chunked) == 5 and chunked.num_chunks == 2 and "2 chunks" in repr(chunked)
    assert isinstance(single, _core.ArrowArray) and isinstance(chunked, _core.ArrowChunkedArray)


# -- 64-bit offsets -------------------------------------------------------------------------


@pytest.fixture
def small_offset_limit():
    _core._set_arrow_offset_limit(40)
    try:
        yield
    finally:
        _core._set_arrow_offset_limit(None)


def test_large_types_where_32_bit_offsets_would_overflow(small_offset_limit):
    arr = pa.array(ITEMS)
    for name in ("cut", "search", "offsets", "posseg"):
        check(name, ITEMS, "string")
    assert pa.array(zhfast.cut_arrow(arr)).type == pa.large_list(pa.large_string())
    assert pa.array(zhfast.cut_offsets_arrow(arr)).type == pa.large_list(pa.uint32())
    pair = pa.struct([("word", pa.large_string()), ("flag", pa.large_string())])
    assert pa.array(zhfast.posseg.cut_arrow(arr)).type == pa.large_list(pair)
    # only one chunk passes the limit; every chunk takes the same type
    chunked = pa.chunked_array([arr[:1], arr[1:2], arr])
    result = pa.chunked_array(zhfast.cut_arrow(chunked))
    assert result.type == pa.large_list(pa.large_string()) and result.num_chunks == 3
    assert result.to_pylist() == expected("cut", chunked.to_pylist())
    small = pa.array(zhfast.cut_arrow(pa.array(["中国"])))
    assert small.type == pa.list_(pa.string())


# -- threads, the GIL, signals --------------------------------------------------------------


def test_concurrent_calls_from_python_threads():
    items = ITEMS * 10
    arr = pa.array(items)
    want = {name: expected(name, items) for name in ("cut", "offsets", "posseg")}
    calls = {"cut": zhfast.cut_arrow, "offsets": zhfast.cut_offsets_arrow, "posseg": zhfast.posseg.cut_arrow}
    failures = []

    def work(i):
        name = list(calls)[i % 3]
        try:
            for _ in range(3):
                assert pa.array(calls[name](arr, threads=2)).to_pylist() == want[name]
        except BaseException as e:  # pragma: no cover - reported below
            failures.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads) and not failures


def test_the_gil_is_released_while_cutting():
    arr = pa.array(["我来到北京清华大学，他来到了网易杭研大厦。" * 20] * 20000)
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(1)
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        start = len(ticks)
        zhfast.cut_offsets_arrow(arr, threads=1)
        during = len(ticks) - start
    finally:
        done.set()
        t.join()
    assert during > 5, during


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")
@pytest.mark.parametrize("threads", [1, 2])
def test_a_signal_handler_can_stop_a_long_column(threads):
    class Stop(Exception):
        pass

    def handler(signum, frame):
        raise Stop

    arr = pa.array([t for t in ITEMS if t] * 2000)
    started = time.perf_counter()
    while time.perf_counter() - started < 0.5:  # at least half a second of work
        arr = pa.concat_arrays([arr, arr])
        started = time.perf_counter()
        zhfast.cut_arrow(arr, threads=threads)
    full = time.perf_counter() - started
    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, full / 10)
        started = time.perf_counter()
        with pytest.raises(Stop):
            zhfast.cut_arrow(arr, threads=threads)
        stopped_after = time.perf_counter() - started
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert stopped_after < full / 2, (stopped_after, full)


# -- without pyarrow or Polars ----------------------------------------------------------------

WITHOUT_ARROW = r"""
import sys
sys.modules["pyarrow"] = None   # an import of either now fails
sys.modules["polars"] = None
import zhfast, zhfast.posseg, zhfast.analyse
assert zhfast.lcut("我来到北京清华大学") == ["我", "来到", "北京", "清华大学"]
assert zhfast.lcut_batch(["中国", "北京"]) == [["中国"], ["北京"]]
assert list(zhfast.cut_offsets("我来到北京")) == [1, 3, 5]
assert [tuple(p) for p in zhfast.posseg.lcut("我来到北京")] == [("我", "r"), ("来到", "v"), ("北京", "ns")]
assert zhfast.analyse.extract_tags("我来到北京清华大学", topK=2)
r = zhfast.cut_arrow(["我来到北京", None])
assert len(r) == 2
schema, array = r.__arrow_c_array__()
assert type(schema).__name__ == "PyCapsule"
assert len(zhfast.posseg.cut_arrow(["我来到北京"])) == 1 and len(zhfast.cut_offsets_arrow(("中国",))) == 1
assert not [m for m in ("pyarrow", "polars") if sys.modules.get(m) is not None]
print("ok")
"""


def test_zhfast_works_without_pyarrow_or_polars():
    out = subprocess.run([sys.executable, "-c", WITHOUT_ARROW], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stdout + out.stderr
