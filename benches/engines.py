"""zhfast inside Spark, Dask and Ray Data against jieba inside the same engine.

The input is one text of at least 100 MB, made by repeating the corpus lines (the
packaged sample when the corpus is absent), written as a folder of Parquet files of
about 2 MB (one ``text`` column): every engine reads the same files, one partition per
file.  Each engine runs with 1 and with 2 worker processes (Spark ``local[n]``, a
``distributed.LocalCluster`` of n single-threaded workers, a local Ray with n CPUs and
n actors), and each job segments every line and sums the token counts:

* zhfast: the adapters (``zhfast.spark.cut``, ``zhfast.dask.cut``, ``zhfast.ray.Cutter``),
  Arrow batches in and out;
* jieba: what users write, a plain Python UDF (``F.udf(jieba.lcut)``), ``map_partitions``
  of ``Series.map(jieba.lcut)``, a ``map_batches`` class calling ``jieba.lcut`` per row.

jieba runs at about 1 MB/s per worker, so it cuts a slice of the same files (the first
ones; the table says how much) and its MB/s is measured on that slice.  Each (engine,
workers) pair is one fresh process; the engine is started and warmed up outside the
timing, and the workers' dictionary loads are inside it.  Token counts are checked
against ``zhfast.lcut_batch`` here, so both sides did the whole work.

    python benches/engines.py              # >= 100 MB (jieba on 8 MB): several minutes
    python benches/engines.py --quick      # 2 MB and 2 workers only, a smoke run
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ENGINES = {"spark": "pyspark", "dask": "distributed", "ray": "ray"}
FULL = {"mb": 100, "file_mb": 2, "jieba_files": 4}
QUICK = {"mb": 2, "file_mb": 0.25, "jieba_files": 2}

CHILD = r"""
import json, sys, time
engine, workers, jobs = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
import pyarrow as pa, pyarrow.compute as pc

def arrow_count(column):
    return int(pc.sum(pc.list_value_length(column)).as_py() or 0)

results = []

if engine == "spark":
    import jieba
    from pyspark.sql import SparkSession, functions as F, types as T
    import zhfast.spark as zs
    spark = (SparkSession.builder.master(f"local[{workers}]").appName("zhfast-bench")
             .config("spark.ui.enabled", "false").config("spark.sql.files.maxPartitionBytes", "3m")
             .config("spark.driver.memory", "3g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark.range(1000).selectExpr("sum(id)").collect()  # start the executors
    def jieba_lcut(text):
        # jieba.lcut itself is a method of jieba.dt, which cannot be pickled (its lock).
        return None if text is None else jieba.lcut(text)

    jieba_udf = F.udf(jieba_lcut, T.ArrayType(T.StringType()))
    for lib, path in jobs:
        t0 = time.perf_counter()
        df = spark.read.parquet(path)
        col = zs.cut("text") if lib == "zhfast" else jieba_udf("text")
        n = df.select(F.sum(F.size(col))).collect()[0][0]
        results.append((lib, time.perf_counter() - t0, n))
    spark.stop()

elif engine == "dask":
    import dask.dataframe as dd
    import jieba
    import pandas as pd
    from distributed import Client, LocalCluster
    import zhfast.dask as zd

    def count_arrow(s):
        return pd.Series([arrow_count(pa.array(s.array))])

    def count_lists(s):
        return pd.Series([sum(map(len, s))])

    def jieba_cut(s):
        return s.map(jieba.lcut)

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.submit(sum, [1, 2]).result()
        for lib, path in jobs:
            t0 = time.perf_counter()
            text = dd.read_parquet(path).text
            if lib == "zhfast":
                counts = zd.cut(text).map_partitions(count_arrow, meta=(None, "int64"))
            else:
                counts = text.map_partitions(jieba_cut, meta=("text", object)).map_partitions(count_lists, meta=(None, "int64"))
            n = int(counts.sum().compute())
            results.append((lib, time.perf_counter() - t0, n))

elif engine == "ray":
    import ray
    import zhfast.ray as zr

    class JiebaCutter:
        def __init__(self):
            import jieba
            self.lcut = jieba.lcut

        def __call__(self, batch):
            tokens = pa.array([None if t is None else self.lcut(t) for t in batch.column("text").to_pylist()],
                              pa.list_(pa.string()))
            return batch.append_column("tokens", tokens)

    # One logical CPU more than there are actors: Ray Data's listing of the files is a task
    # of its own, which would otherwise wait for ever behind the actors.
    ray.init(num_cpus=workers + 1, include_dashboard=False, log_to_driver=False, object_store_memory=1536 * 2**20)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ray.data.range(10).count()
    for lib, path in jobs:
        t0 = time.perf_counter()
        ds = ray.data.read_parquet(path)
        if lib == "zhfast":
            ds = ds.map_batches(zr.Cutter, fn_constructor_kwargs={"column": "text"}, batch_format="pyarrow",
                                compute=ray.data.ActorPoolStrategy(size=workers))
        else:
            ds = ds.map_batches(JiebaCutter, batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=workers))
        n = sum(arrow_count(b.column("tokens")) for b in ds.iter_batches(batch_size=None, batch_format="pyarrow"))
        results.append((lib, time.perf_counter() - t0, n))
    ray.shutdown()

print("RESULT " + json.dumps(results))
"""


def corpus_lines() -> list[str]:
    from conftest import load_lines  # benches/conftest.py: the corpus, or the sample

    return [ln for ln in load_lines() if ln.strip()]


def write_input(folder: Path, mb: float, file_mb: float) -> list[tuple[Path, int, int]]:
    """Parquet files of about ``file_mb`` MB of lines each, ``mb`` MB in all: ``(path,
    UTF-8 bytes, zhfast's token count)`` for each file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import zhfast

    lines = corpus_lines()
    sizes = [len(ln.encode("utf-8")) for ln in lines]
    files, total, i = [], 0, 0
    while total < mb * 1e6:
        chunk, size = [], 0
        while size < file_mb * 1e6:
            chunk.append(lines[i % len(lines)])
            size += sizes[i % len(lines)]
            i += 1
        path = folder / f"part-{len(files):04d}.parquet"
        pq.write_table(pa.table({"text": pa.array(chunk, pa.string())}), path)
        tokens = sum(len(t) for t in zhfast.lcut_batch(chunk))
        files.append((path, size, tokens))
        total += size
    return files


def _run(engine: str, workers: int, jobs: list[tuple[str, str]], timeout: float) -> list | str:
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    try:
        r = subprocess.run([sys.executable, "-c", CHILD, engine, str(workers), json.dumps(jobs)], capture_output=True,
                           text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s"
    for line in r.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    return "failed: " + (r.stderr.strip().splitlines() or ["no output"])[-1][:200]


def figures(quick: bool) -> dict:
    """Seconds, MB/s and token counts of every (engine, workers, library) run."""
    size = QUICK if quick else FULL
    # A smoke run starts each engine once: with two workers.
    counts = (2,) if quick else (1, 2)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as d:
        full, part = Path(d) / "full", Path(d) / "jieba"
        full.mkdir()
        part.mkdir()
        files = write_input(full, size["mb"], size["file_mb"])
        sliced = files[:size["jieba_files"]]
        for path, _, _ in sliced:
            os.link(path, part / path.name)
        want = {"zhfast": (sum(f[1] for f in files), sum(f[2] for f in files)),
                "jieba": (sum(f[1] for f in sliced), sum(f[2] for f in sliced))}
        for engine, module in ENGINES.items():
            if importlib.util.find_spec(module) is None:
                rows.append({"engine": engine, "missing": f"{module} is not installed"})
                continue
            for workers in counts:
                got = _run(engine, workers, [("zhfast", str(full)), ("jieba", str(part))], 120 if quick else 900)
                if isinstance(got, str):
                    rows.append({"engine": engine, "workers": workers, "missing": got})
                    continue
                for lib, seconds, tokens in got:
                    nbytes, expected = want[lib]
                    rows.append({"engine": engine, "workers": workers, "library": lib, "seconds": seconds,
                                 "mb": nbytes / 1e6, "mb_s": nbytes / 1e6 / seconds, "tokens": tokens,
                                 "tokens_as_zhfast_lcut": tokens == expected})
    return {"input_mb": want["zhfast"][0] / 1e6, "jieba_mb": want["jieba"][0] / 1e6, "files": len(files), "rows": rows}


def table(fig: dict) -> list[str]:
    """The report's rows: MB/s of each library in each engine, the ratio, the scaling."""
    by = {(r["engine"], r.get("workers"), r.get("library")): r for r in fig["rows"]}
    lines = ["| engine | workers | zhfast MB/s | jieba MB/s | x jieba | zhfast 2 workers / 1 | tokens as lcut |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for engine in ENGINES:
        for workers in (1, 2):
            z, j = by.get((engine, workers, "zhfast")), by.get((engine, workers, "jieba"))
            if z is None or j is None:
                if not any(r["engine"] == engine and r.get("workers") == workers for r in fig["rows"]):
                    continue
                why = next((r["missing"] for r in fig["rows"] if r["engine"] == engine and "missing" in r), "not run")
                lines.append(f"| {engine} | {workers} | {why} | | | | |")
                continue
            one = by.get((engine, 1, "zhfast"))
            scale = f"{z['mb_s'] / one['mb_s']:.2f}" if workers == 2 and one else ""
            same = "yes" if z["tokens_as_zhfast_lcut"] and j["tokens_as_zhfast_lcut"] else "NO"
            lines.append(f"| {engine} | {workers} | {z['mb_s']:.1f} | {j['mb_s']:.2f} | {z['mb_s'] / j['mb_s']:.0f} | "
                         f"{scale} | {same} |")
    return lines


def note(fig: dict) -> str:
    return (f"zhfast cut {fig['input_mb']:.0f} MB ({fig['files']} Parquet files); jieba, at about 1 MB/s per "
            f"worker, cut a slice of the same files, {fig['jieba_mb']:.1f} MB, and its MB/s is measured on that slice. "
            "Seconds include reading the Parquet files, the workers' dictionary loads and summing the token counts; "
            "the engine's start is outside the timing. x jieba compares the two in the same engine with the same "
            "workers; 'tokens as lcut' says that each side's token total equals zhfast.lcut_batch's here.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2 MB instead of 100 MB")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    fig = figures(args.quick)
    print("\n".join(table(fig)))
    print()
    print(note(fig))
    print(f"({time.perf_counter() - t0:.0f} s in all)")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1))


if __name__ == "__main__":
    main()
