"""zhfast.ray on a real local Ray with two CPUs: ``map_batches(Cutter, ...,
batch_format="pyarrow")`` gives every row as ``lcut`` does, in every mode; the driver's
edits reach the actors; each actor loads the dictionary once."""
from __future__ import annotations

import os

import jieba
import pytest

import zhfast
import zhfast.posseg
from engine_cases import EDIT_ROWS, MODE_FLAGS, as_pairs, edited_tokenizer, expected, texts
from engine_setup import require_engine, worker_environment

ray = require_engine("ray", "ray")
require_engine("ray.data", "ray")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import zhfast.ray as zr  # noqa: E402

ROWS = texts()


@pytest.fixture(scope="module")
def ray_local():
    worker_environment()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=200 * 2**20,
             runtime_env={"env_vars": {"PYTHONPATH": os.environ["PYTHONPATH"]}})
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    yield ray
    ray.shutdown()


def _dataset(rows, blocks=4):
    table = pa.table({"id": pa.array(range(len(rows)), pa.int64()), "text": pa.array(rows, pa.string())})
    step = -(-len(rows) // blocks)
    return ray.data.from_arrow([table.slice(i, step) for i in range(0, len(rows), step)])


def _run(ds, cls=None, **kwargs):
    out = ds.map_batches(cls or zr.Cutter, fn_constructor_kwargs=kwargs, batch_format="pyarrow", batch_size=64,
                         concurrency=2)
    table = pa.concat_tables(ray.get(out.to_arrow_refs())).sort_by("id")
    return table


def _check(got, tok, mode, cut_all, HMM, rows):
    want = expected(tok, mode, cut_all, HMM, rows)
    if mode == "posseg":
        got = as_pairs(got)
    bad = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]
    assert not bad, f"{mode} cut_all={cut_all} HMM={HMM}: row {bad[0]} {rows[bad[0]]!r}: {got[bad[0]]} != {want[bad[0]]}"
    assert len(got) == len(want)


def test_every_mode_equals_lcut_row_by_row(ray_local):
    # One pipeline, one small actor per mode: actors are slow to start, not to run.
    ds = _dataset(ROWS)
    for i, (mode, cut_all, HMM) in enumerate(MODE_FLAGS):
        ds = ds.map_batches(zr.Cutter, fn_constructor_kwargs={"mode": mode, "cut_all": cut_all, "HMM": HMM, "output_column": f"c{i}"},
                            batch_format="pyarrow", batch_size=64, concurrency=1, num_cpus=0.1)
    table = pa.concat_tables(ray.get(ds.to_arrow_refs())).sort_by("id")
    assert table.column("text").to_pylist() == ROWS
    for i, (mode, cut_all, HMM) in enumerate(MODE_FLAGS):
        tok = zhfast.posseg.dt if mode == "posseg" else zhfast.dt
        _check(table.column(f"c{i}").to_pylist(), tok, mode, cut_all, HMM, ROWS)


def test_parquet_in_and_out_with_a_custom_tokenizer_from_the_driver(ray_local, tmp_path):
    t = edited_tokenizer(tmp_path)
    local_pos = zhfast.posseg.POSTokenizer(t)
    rows = EDIT_ROWS + ROWS[:60]
    pq.write_table(pa.table({"id": pa.array(range(len(rows)), pa.int64()), "body": pa.array(rows, pa.string())}),
                   tmp_path / "in.parquet")
    ds = ray.data.read_parquet(str(tmp_path / "in.parquet"))
    kw = {"column": "body", "tokenizer": t}
    # Three actors on two CPUs: each asks for a quarter of one, leaving a whole one for the
    # read tasks (or they, or the third actor, would wait for ever).
    cut = ds.map_batches(zr.Cutter, fn_constructor_kwargs=kw, batch_format="pyarrow", concurrency=2, num_cpus=0.25)
    pos = cut.map_batches(zr.Cutter, fn_constructor_kwargs={**kw, "mode": "posseg", "output_column": "tags"},
                          batch_format="pyarrow", concurrency=1, num_cpus=0.25)
    pos.write_parquet(str(tmp_path / "out"))
    table = pq.read_table(tmp_path / "out").sort_by("id")
    _check(table.column("tokens").to_pylist(), t, "cut", False, True, rows)
    _check(table.column("tags").to_pylist(), local_pos, "posseg", False, True, rows)


def test_edits_of_the_module_tokenizer_on_the_driver(ray_local):
    for lib in (zhfast, jieba):
        lib.add_word("北京大学生", 10**6, "nz")
        lib.del_word("专家")
    table = _run(_dataset(EDIT_ROWS, 1), tokenizer=zhfast.dt)
    _check(table.column("tokens").to_pylist(), zhfast.dt, "cut", False, True, EDIT_ROWS)
    assert table.column("tokens").to_pylist() == [None if t is None else jieba.lcut(t) for t in EDIT_ROWS]
    # Without it, an actor has its own zhfast.dt, which never saw these edits.
    plain = _run(_dataset(EDIT_ROWS, 1)).column("tokens").to_pylist()
    assert plain != table.column("tokens").to_pylist()


def test_each_actor_loads_the_dictionary_once(ray_local):
    from ray_cases import CountingCutter

    t = zhfast.Tokenizer()
    t.add_word("每个演员加载一次", 10)
    table = _run(_dataset(ROWS, 8), CountingCutter, tokenizer=t)
    _check(table.column("tokens").to_pylist(), t, "cut", False, True, ROWS)
    loads = {}
    for pid, n in zip(table.column("pid").to_pylist(), table.column("loads").to_pylist()):
        loads.setdefault(pid, set()).add(n)
    assert 1 <= len(loads) <= 2 and os.getpid() not in loads
    # A fresh actor process: its one load is this tokenizer, made in the constructor.
    assert all(n == {1} for n in loads.values()), loads
