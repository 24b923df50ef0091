"""zhfast.dask on a real distributed.LocalCluster of two worker processes: every row as
``lcut`` gives it, in every mode, for Series of ``string[pyarrow]`` and for a bag of lines
read from a file; the client's edits reach the workers; each worker process loads the
dictionary once."""
from __future__ import annotations

import os

import pytest

import zhfast
import zhfast.posseg
from engine_cases import EDIT_ROWS, MODE_FLAGS, as_pairs, edited_tokenizer, expected, probe, texts
from engine_setup import require_engine, worker_environment

require_engine("distributed", "dask")
require_engine("dask.dataframe", "dask")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import zhfast.dask as zd  # noqa: E402

ROWS = texts()


@pytest.fixture(scope="module")
def client():
    worker_environment()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def _series(rows, partitions=4):
    s = pd.Series(rows, dtype="string[pyarrow]", name="text")
    return dd.from_pandas(s, npartitions=partitions)


def _fn(mode, cut_all, HMM, series, **kw):
    if mode == "cut":
        return zd.cut(series, cut_all, HMM, **kw)
    if mode == "search":
        return zd.cut_for_search(series, HMM, **kw)
    if mode == "offsets":
        return zd.cut_offsets(series, cut_all, HMM, **kw)
    return zd.posseg_cut(series, HMM, **kw)


def _values(series):
    return [None if v is None or (not isinstance(v, list) and pd.isna(v)) else list(v) for v in series.tolist()]


def _check(got, tok, mode, cut_all, HMM, rows):
    want = expected(tok, mode, cut_all, HMM, rows)
    if mode == "posseg":
        got = as_pairs(got)
    bad = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]
    assert not bad, f"{mode} cut_all={cut_all} HMM={HMM}: row {bad[0]} {rows[bad[0]]!r}: {got[bad[0]]} != {want[bad[0]]}"
    assert len(got) == len(want)


def test_every_mode_equals_lcut_row_by_row(client):
    series = _series(ROWS)
    results = client.compute([_fn(m, a, h, series) for m, a, h in MODE_FLAGS], sync=True)
    for (m, a, h), out in zip(MODE_FLAGS, results):
        assert str(out.dtype).startswith(("list<", "ArrowDtype")) or "list" in str(out.dtype)
        assert list(out.index) == list(range(len(ROWS)))
        _check(_values(out), zhfast.posseg.dt if m == "posseg" else zhfast.dt, m, a, h, ROWS)


def test_object_series_too(client):
    s = dd.from_pandas(pd.Series(ROWS[:80], dtype=object, name="text"), npartitions=2)
    _check(_values(zd.cut(s).compute()), zhfast.dt, "cut", False, True, ROWS[:80])


def test_a_bag_of_lines_from_a_file(client, tmp_path):
    lines = [t for t in ROWS if t is not None and "\n" not in t and "\r" not in t]
    path = tmp_path / "lines.txt"
    path.write_text("".join(t + "\n" for t in lines), encoding="utf-8")
    bag = db.read_text(str(path), blocksize=2000).map(lambda s: s.rstrip("\n"))
    assert bag.npartitions > 1
    for mode, cut_all, HMM in [("cut", False, True), ("cut", True, False), ("search", False, True),
                               ("offsets", False, True), ("posseg", False, True)]:
        got = zd.cut_bag(bag, cut_all, HMM, mode=mode).compute()
        _check(got, zhfast.posseg.dt if mode == "posseg" else zhfast.dt, mode, cut_all, HMM, lines)


def test_a_custom_tokenizer_edited_on_the_client(client, tmp_path):
    t = edited_tokenizer(tmp_path)
    local_pos = zhfast.posseg.POSTokenizer(t)
    rows = EDIT_ROWS + ROWS[:60]
    series = _series(rows, 2)
    cut, pos = zd.cut(series, tokenizer=t), zd.posseg_cut(series, tokenizer=t)
    os.unlink(t.dictionary)  # the workers use the bytes that travel in the graph
    got_cut, got_pos = client.compute([cut, pos], sync=True)
    _check(_values(got_cut), t, "cut", False, True, rows)
    _check(_values(got_pos), local_pos, "posseg", False, True, rows)
    assert _values(got_cut)[:3] != expected(zhfast.dt, "cut", False, True, rows[:3])


def test_each_worker_process_loads_the_dictionary_once(client):
    t = zhfast.Tokenizer()
    t.add_word("每个工作进程加载一次", 10)
    before = client.run(probe)
    series = _series(ROWS, partitions=8)
    zd.cut(series, tokenizer=t).compute()
    first = client.run(probe)
    zd.cut(series, tokenizer=t).compute()  # another graph, the same tokenizer
    again = client.run(probe)
    assert len(before) == 2
    for worker, (pid, loads) in first.items():
        assert pid == before[worker][0] != os.getpid()
        assert loads - before[worker][1] <= 1
        assert again[worker] == (pid, loads)
    assert sum(first[w][1] - before[w][1] for w in first) >= 1
