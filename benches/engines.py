"""zhfast inside Spark, Dask and Ray Data against jieba inside the same engine.

The input is 200 MB of text, made by repeating the corpus lines (the packaged sample
when the corpus is absent), written as a folder of Parquet files of about 10 MB (one
``text`` column, the partition size docs/distributed.md advises): every engine reads the
same files, one partition per file.  200 MB rather than 100: zhfast's jobs then take
several seconds more than an engine's own start of a job (Ray starts its actors anew for
each, 2 to 6 s on two cores), so the figures are of throughput.  Each engine runs with 1
and with 2 worker processes (Spark ``local[n]``, a ``distributed.LocalCluster`` of n
single-threaded workers, a local Ray with n CPUs and n actors), and each job segments
every line and sums the token counts:

* zhfast: the adapters (``zhfast.spark.cut``, ``zhfast.dask.cut``, ``zhfast.ray.Cutter``),
  Arrow batches in and out;
* jieba: what users write, a plain Python UDF (``F.udf(jieba.lcut)``), ``map_partitions``
  of ``Series.map(jieba.lcut)``, a ``map_batches`` class calling ``jieba.lcut`` per row.

jieba runs at under 1 MB/s per worker, so it cuts a slice of the same files (the first
two; the table says how much) and its MB/s is measured on that slice.  Each (engine,
workers) pair is one fresh process; the engine is started and warmed up outside the
timing by jobs that split the same texts at commas with neither library (so the JVM's
compiler, the workers' imports and the page cache are warm for both), and the workers'
dictionary loads are inside it; zhfast's job runs three times and the median is kept.
"Cores busy" is the machine's busy CPU time during a job over its wall time: on a
machine of two cores it says how much room a second worker had.  Token counts are
checked against ``zhfast.lcut_batch`` here, so both sides did the whole work.

    python benches/engines.py              # 200 MB (jieba on 20 MB): about a quarter of an hour
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
# zhfast's jobs take seconds, so each is run "zhfast_runs" times and its median kept; jieba's
# take a minute and run once.
FULL = {"mb": 200, "file_mb": 10, "jieba_files": 2, "zhfast_runs": 3}
QUICK = {"mb": 2, "file_mb": 0.25, "jieba_files": 2, "zhfast_runs": 1}

CHILD = r"""
import json, os, sys, time
engine, workers, jobs = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
# The Arrow-kind warm-up reads zhfast's input, the plain-UDF kind jieba's.
arrow_warm, plain_warm = json.loads(sys.argv[4])
import pyarrow as pa, pyarrow.compute as pc

try:
    import psutil
except ImportError:
    psutil = None

def cpu_seconds():
    # The whole machine's busy CPU time: Ray's actors are gone by the time a job returns,
    # so their own counters cannot be read then.
    if psutil is None:
        return float("nan")
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0.0) + getattr(t, "softirq", 0.0)

def timed(lib, run):
    c0, t0 = cpu_seconds(), time.perf_counter()
    n = run()
    seconds = time.perf_counter() - t0
    results.append((lib, seconds, n, (cpu_seconds() - c0) / seconds))

def arrow_count(column):
    return int(pc.sum(pc.list_value_length(column)).as_py() or 0)

# The engines' own warm-up splits the texts at every Chinese comma, with neither library:
# the same reads, transfers and list results as the measured jobs, so that the JVM's
# compiler, the workers' imports and the page cache are warm for both libraries alike.
COMMA = "\uff0c"
results = []

if engine == "spark":
    import jieba
    from pyspark.sql import SparkSession, functions as F, types as T
    import zhfast.spark as zs
    # One partition per file, as in the other engines: no file is split, none are merged.
    spark = (SparkSession.builder.master(f"local[{workers}]").appName("zhfast-bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.files.maxPartitionBytes", "256m").config("spark.sql.files.openCostInBytes", "256m")
             .config("spark.driver.memory", "3g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    def jieba_lcut(text):
        # jieba.lcut itself is a method of jieba.dt, which cannot be pickled (its lock).
        return None if text is None else jieba.lcut(text)

    def split_arrow(texts: pa.Array) -> pa.Array:
        return pc.split_pattern(texts, COMMA)

    if hasattr(F, "arrow_udf"):
        split_udf = F.arrow_udf(split_arrow, "array<string>")
    else:
        import pandas as pd
        split_udf = F.pandas_udf(lambda s: s.str.split(COMMA), "array<string>")
    plain_split = F.udf(lambda t: None if t is None else t.split(COMMA), T.ArrayType(T.StringType()))
    spark.read.parquet(arrow_warm).select(F.sum(F.size(split_udf("text")))).collect()
    spark.read.parquet(plain_warm).select(F.sum(F.size(plain_split("text")))).collect()

    jieba_udf = F.udf(jieba_lcut, T.ArrayType(T.StringType()))
    for lib, path in jobs:
        col = zs.cut("text") if lib == "zhfast" else jieba_udf("text")
        timed(lib, lambda: spark.read.parquet(path).select(F.sum(F.size(col))).collect()[0][0])
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

    def split_plain(s):
        return s.map(lambda t: t.split(COMMA))

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        text = dd.read_parquet(arrow_warm).text
        text.map_partitions(lambda s: pd.Series([int(s.str.len().sum())]), meta=(None, "int64")).sum().compute()
        text = dd.read_parquet(plain_warm).text
        text.map_partitions(split_plain, meta=("text", object)).map_partitions(count_lists, meta=(None, "int64")).sum().compute()
        for lib, path in jobs:
            text = dd.read_parquet(path).text
            if lib == "zhfast":
                counts = zd.cut(text).map_partitions(count_arrow, meta=(None, "int64"))
            else:
                counts = text.map_partitions(jieba_cut, meta=("text", object)).map_partitions(count_lists, meta=(None, "int64"))
            timed(lib, lambda: int(counts.sum().compute()))

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

    class CommaSplitter:
        def __call__(self, batch):
            return batch.append_column("tokens", pc.split_pattern(batch.column("text"), COMMA))

    def run(ds, cutter, **kwargs):
        # The blocks reach the driver through the shared object store, without a copy; a
        # counting stage on the workers instead costs each job more, in task start-up, than
        # this saves.
        ds = ds.map_batches(cutter, batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=workers), **kwargs)
        return sum(arrow_count(b.column("tokens")) for b in ds.iter_batches(batch_size=None, batch_format="pyarrow"))

    # Ray Data packs Parquet row groups into read units of 128 MiB, so either input would
    # reach one actor only: units of 4 MiB give every actor work, jieba's 20 MB slice
    # included (docs/distributed.md).
    os.environ.setdefault("RAY_DATA_PARQUET_BIN_PACKING_BYTES", str(4 * 2**20))
    # One logical CPU more than there are actors: Ray Data's listing of the files is a task
    # of its own, which would otherwise wait for ever behind the actors.
    ray.init(num_cpus=workers + 1, include_dashboard=False, log_to_driver=False, object_store_memory=1536 * 2**20)
    ray.data.DataContext.get_current().enable_progress_bars = False
    run(ray.data.read_parquet(arrow_warm), CommaSplitter)
    for lib, path in jobs:
        if lib == "zhfast":
            timed(lib, lambda: run(ray.data.read_parquet(path), zr.Cutter, fn_constructor_kwargs={"column": "text"}))
        else:
            timed(lib, lambda: run(ray.data.read_parquet(path), JiebaCutter))
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


def _run(engine: str, workers: int, jobs: list[tuple[str, str]], warm: list[str], timeout: float) -> list | str:
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    try:
        r = subprocess.run([sys.executable, "-c", CHILD, engine, str(workers), json.dumps(jobs), json.dumps(warm)], capture_output=True,
                           text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s"
    for line in r.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    return "failed: " + (r.stderr.strip().splitlines() or ["no output"])[-1][:200]


def _medians(got: list) -> list:
    """Of each library's runs, the one of median seconds; runs that disagree on the token
    count get a count of -1, so that the token check fails."""
    out = []
    for lib in dict.fromkeys(r[0] for r in got):
        runs = sorted((r for r in got if r[0] == lib), key=lambda r: r[1])
        if len({r[2] for r in runs}) > 1:
            runs = [(lib, r[1], -1, r[3]) for r in runs]  # the token check then fails
        out.append(runs[len(runs) // 2])
    return out


def figures(quick: bool, only: list[str] | None = None) -> dict:
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
            if only and engine not in only:
                continue
            if importlib.util.find_spec(module) is None:
                rows.append({"engine": engine, "missing": f"{module} is not installed"})
                continue
            for workers in counts:
                jobs = [("zhfast", str(full))] * size["zhfast_runs"] + [("jieba", str(part))]
                got = _run(engine, workers, jobs, [str(full), str(part)], 120 if quick else 900)
                if isinstance(got, str):
                    rows.append({"engine": engine, "workers": workers, "missing": got})
                    continue
                for lib, seconds, tokens, cores in _medians(got):
                    nbytes, expected = want[lib]
                    rows.append({"engine": engine, "workers": workers, "library": lib, "seconds": seconds,
                                 "mb": nbytes / 1e6, "mb_s": nbytes / 1e6 / seconds, "tokens": tokens, "cores_busy": cores,
                                 "tokens_as_zhfast_lcut": tokens == expected})
    return {"input_mb": want["zhfast"][0] / 1e6, "jieba_mb": want["jieba"][0] / 1e6, "files": len(files), "rows": rows}


def table(fig: dict) -> list[str]:
    """The report's rows: MB/s of each library in each engine, the ratio, the scaling."""
    by = {(r["engine"], r.get("workers"), r.get("library")): r for r in fig["rows"]}
    lines = ["| engine | workers | zhfast MB/s | jieba MB/s | x jieba | zhfast 2 workers / 1 | "
             "cores busy zhfast / jieba | tokens as lcut |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for engine in ENGINES:
        for workers in (1, 2):
            z, j = by.get((engine, workers, "zhfast")), by.get((engine, workers, "jieba"))
            if z is None or j is None:
                if not any(r["engine"] == engine and r.get("workers") == workers for r in fig["rows"]):
                    continue
                why = next((r["missing"] for r in fig["rows"] if r["engine"] == engine and "missing" in r), "not run")
                lines.append(f"| {engine} | {workers} | {why} | | | | | |")
                continue
            one = by.get((engine, 1, "zhfast"))
            scale = f"{z['mb_s'] / one['mb_s']:.2f}" if workers == 2 and one else ""
            same = "yes" if z["tokens_as_zhfast_lcut"] and j["tokens_as_zhfast_lcut"] else "NO"
            busy = f"{z.get('cores_busy', float('nan')):.1f} / {j.get('cores_busy', float('nan')):.1f}"
            lines.append(f"| {engine} | {workers} | {z['mb_s']:.1f} | {j['mb_s']:.2f} | {z['mb_s'] / j['mb_s']:.0f} | "
                         f"{scale} | {busy} | {same} |")
    return lines


def note(fig: dict) -> str:
    return (f"zhfast cut {fig['input_mb']:.0f} MB ({fig['files']} Parquet files, one partition each); jieba, at "
            f"under 1 MB/s per worker, cut a slice of the same files, {fig['jieba_mb']:.1f} MB, and its MB/s is measured on that slice. "
            "zhfast's figure is the median of three runs, jieba's one run. "
            "Seconds include reading the Parquet files, the workers' dictionary loads and summing the token counts; "
            "the engine's start and warm-up are outside the timing. 'cores busy' is the machine's busy CPU time "
            "during the job over its wall time. x jieba compares the two in the same engine with the same "
            "workers; 'tokens as lcut' says that each side's token total equals zhfast.lcut_batch's here.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2 MB instead of 200 MB")
    ap.add_argument("--engines", nargs="+", choices=list(ENGINES), help="only these engines")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    fig = figures(args.quick, args.engines)
    print("\n".join(table(fig)))
    print()
    print(note(fig))
    print(f"({time.perf_counter() - t0:.0f} s in all)")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1))


if __name__ == "__main__":
    main()
