"""zhfast.spark on a real Spark (local[2]): every row as ``lcut`` gives it, in every mode,
through ``select``, ``withColumn`` and ``spark.sql``; the driver's edits reach the
executors; each Python worker process loads the dictionary once."""
from __future__ import annotations

import os

import jieba
import pytest

import zhfast
import zhfast.posseg
from engine_cases import EDIT_ROWS, MODE_FLAGS, as_pairs, edited_tokenizer, expected, probe, texts
from engine_setup import require_engine, require_java, worker_environment

require_engine("pyspark", "spark")
require_java()

import pyarrow as pa  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

import zhfast.spark as zs  # noqa: E402

ROWS = texts()


@pytest.fixture(scope="module")
def spark():
    worker_environment()
    session = (SparkSession.builder.master("local[2]").appName("zhfast-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .config("spark.python.worker.reuse", "true").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _frame(spark, rows, partitions=4):
    rdd = spark.sparkContext.parallelize(list(enumerate(rows)), partitions)
    return spark.createDataFrame(rdd, "id long, text string")


def _column_values(df, name):
    return [r[name] for r in df.orderBy("id").select(name).collect()]


def _fn(mode, cut_all, HMM, **kw):
    if mode == "cut":
        return zs.cut("text", cut_all, HMM, **kw)
    if mode == "search":
        return zs.cut_for_search("text", HMM, **kw)
    if mode == "offsets":
        return zs.cut_offsets("text", cut_all, HMM, **kw)
    return zs.posseg_cut("text", HMM, **kw)


def _check(rows_got, tok, mode, cut_all, HMM, rows):
    want = expected(tok, mode, cut_all, HMM, rows)
    got = as_pairs(rows_got) if mode == "posseg" else [None if r is None else list(r) for r in rows_got]
    bad = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]
    assert not bad, f"{mode} cut_all={cut_all} HMM={HMM}: row {bad[0]} {rows[bad[0]]!r}: {got[bad[0]]} != {want[bad[0]]}"
    assert len(got) == len(want)


def test_every_mode_equals_lcut_row_by_row(spark):
    df = _frame(spark, ROWS)
    cols = [_fn(m, a, h).alias(f"c{i}") for i, (m, a, h) in enumerate(MODE_FLAGS)]
    result = df.select("id", *cols).orderBy("id").collect()
    for i, (m, a, h) in enumerate(MODE_FLAGS):
        tok = zhfast.posseg.dt if m == "posseg" else zhfast.dt
        _check([r[f"c{i}"] for r in result], tok, m, a, h, ROWS)


def test_the_pandas_udf_path_gives_the_same(spark):
    df = _frame(spark, ROWS[:200])
    out = df.select("id", zs.udf("cut", arrow=False)("text").alias("a"),
                    zs.udf("posseg", arrow=False)("text").alias("b")).orderBy("id").collect()
    _check([r["a"] for r in out], zhfast.dt, "cut", False, True, ROWS[:200])
    _check([r["b"] for r in out], zhfast.posseg.dt, "posseg", False, True, ROWS[:200])


def test_with_column_and_spark_sql(spark):
    df = _frame(spark, ROWS[:100]).withColumn("tokens", zs.cut(F.col("text")))
    _check(_column_values(df, "tokens"), zhfast.dt, "cut", False, True, ROWS[:100])
    names = zs.register(spark)
    assert "zhfast_cut_for_search" in names
    df.createOrReplaceTempView("docs")
    out = spark.sql("SELECT id, zhfast_cut_all(text) AS a, zhfast_cut_for_search(text) AS s, "
                    "zhfast_posseg_cut(text) AS p FROM docs ORDER BY id").collect()
    _check([r["a"] for r in out], zhfast.dt, "cut", True, True, ROWS[:100])
    _check([r["s"] for r in out], zhfast.dt, "search", False, True, ROWS[:100])
    _check([r["p"] for r in out], zhfast.posseg.dt, "posseg", False, True, ROWS[:100])


@pytest.mark.parametrize("file_on_workers", [True, False], ids=["file-found", "file-broadcast"])
def test_a_custom_tokenizer_edited_on_the_driver(spark, tmp_path, file_on_workers):
    t = edited_tokenizer(tmp_path)
    local_pos = zhfast.posseg.POSTokenizer(t)
    rows = EDIT_ROWS + ROWS[:60]
    df = _frame(spark, rows)
    cols = [zs.cut("text", tokenizer=t).alias("c"), zs.cut_for_search("text", tokenizer=t).alias("s"),
            zs.posseg_cut("text", tokenizer=t).alias("p")]
    if not file_on_workers:
        # The executors cannot find it: they read the broadcast of its bytes.
        os.unlink(t.dictionary)
    out = df.select("id", *cols).orderBy("id").collect()
    _check([r["c"] for r in out], t, "cut", False, True, rows)
    _check([r["s"] for r in out], t, "search", False, True, rows)
    _check([r["p"] for r in out], local_pos, "posseg", False, True, rows)
    assert [r["c"] for r in out][:3] != expected(zhfast.dt, "cut", False, True, rows[:3])


def test_edits_of_the_module_tokenizer_on_the_driver(spark):
    for lib in (zhfast, jieba):
        lib.add_word("北京大学生", 10**6, "nz")
        lib.suggest_freq(("中", "将"), True)
        lib.del_word("专家")
    df = _frame(spark, EDIT_ROWS)
    out = _column_values(df.select("id", zs.cut("text").alias("c")), "c")
    assert out == [None if t is None else jieba.lcut(t) for t in EDIT_ROWS]
    _check(out, zhfast.dt, "cut", False, True, EDIT_ROWS)


def _probe_udf():
    @F.arrow_udf("string")
    def where(texts: pa.Array) -> pa.Array:
        pid, loads = probe()
        return pa.array([f"{pid}:{loads}"] * len(texts))

    return where


def _loads_by_pid(rows):
    seen = {}
    for r in rows:
        pid, loads = map(int, r.split(":"))
        seen.setdefault(pid, set()).add(loads)
    return seen


@pytest.mark.skipif(not hasattr(F, "arrow_udf"), reason="the probe is an arrow_udf (Spark 4.1 and later)")
def test_each_worker_process_loads_the_dictionary_once(spark):
    t = zhfast.Tokenizer()
    t.add_word("只在每个进程加载一次", 10)
    column = zs.cut("text", tokenizer=t)  # one shipment, used by two jobs
    df = _frame(spark, ROWS, partitions=8)
    where = _probe_udf()
    before = _loads_by_pid(r[0] for r in df.select(where("text")).collect())
    first = _loads_by_pid(r[1] for r in df.select(column, where("text")).collect())
    again = _loads_by_pid(r[1] for r in df.select(column, where("text")).collect())
    for pid, counts in again.items():
        assert len(counts) == 1, f"process {pid} loaded a dictionary between tasks: {sorted(counts)}"
        if pid in first:
            assert counts == {max(first[pid])}, f"process {pid} loaded it again in a second job"
        if pid in before:
            assert max(counts) == max(before[pid]) + 1, f"process {pid}: {before[pid]} before, {counts} after"
    # 8 tasks ran in fewer processes: the processes were reused, and loaded once each.
    assert len(again) < 8
