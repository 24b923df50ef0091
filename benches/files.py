"""Corpus-scale benchmarks: the command line on large files, against ``python -m jieba``.

- ``python -m zhfast`` on a file of at least 200 MB made by repeating the corpus, with
  one and two threads, and ``python -m jieba`` on the first 2 MB of the same file;
- one line of 100 MB (the corpus with its line ends removed) on one and two threads,
  through the command line, through ``cut_offsets_batch`` and (with pyarrow) through
  ``cut_offsets_arrow`` over a column of that one item;
- the command line's peak RSS on a 1 GB file.

Every file is made in a temporary folder, removed at the end; the large outputs go to
``/dev/null`` (the 200 MB run writes a real file, removed after each run), so the disk
holds at most about 1.5 GB at once.  Throughputs are input MB per second of wall time
less each program's start-up (its run on an empty file), the median of three runs.

    python benches/files.py            # prints the figures (a few minutes)
    python benches/files.py --quick    # small files, one run each (CI)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import load_lines  # noqa: E402  (benches/conftest.py)

MB = 1_000_000
PEAK_RSS = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def corpus_bytes() -> bytes:
    """The corpus (or the packaged sample), one line per line, as UTF-8."""
    return ("\n".join(load_lines()) + "\n").encode("utf-8")


def write_repeated(path: Path, unit: bytes, size: int) -> int:
    """Writes ``unit`` again and again until ``path`` holds at least ``size`` bytes."""
    written = 0
    with open(path, "wb") as f:
        while written < size:
            f.write(unit)
            written += len(unit)
    return written


def timed(cmd: list[str], stdout=subprocess.DEVNULL) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=stdout)
    return time.perf_counter() - t0


def start_up(cmd: list[str], empty: Path, runs: int) -> float:
    return statistics.median(timed([*cmd, str(empty)]) for _ in range(runs))


def throughput(cmd: list[str], path: Path, nbytes: int, base: float, runs: int, out: Path | None = None) -> float:
    """Input MB/s of ``cmd path`` (median of ``runs``), its start-up ``base`` taken off."""
    times = []
    for _ in range(runs):
        if out is None:
            times.append(timed([*cmd, str(path)]))
        else:
            times.append(timed([*cmd, "-o", str(out), str(path)]))
            out.unlink()
    return nbytes / max(statistics.median(times) - base, 1e-9) / MB


def peak_rss(cmd: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS in bytes) of ``cmd`` run in a child of a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, *cmd], check=True, capture_output=True, text=True)
    secs, kb = out.stdout.split()
    return float(secs), int(kb) * 1024


def run(quick: bool) -> dict:
    runs = 1 if quick else 3
    sizes = {"file": 8 * MB if quick else 200 * MB, "sample": MB // 5 if quick else 2 * MB,
             "line": 8 * MB if quick else 100 * MB, "rss": 32 * MB if quick else 1000 * MB}
    zhfast = [sys.executable, "-m", "zhfast", "-q"]
    jieba = [sys.executable, "-m", "jieba", "-q"]
    corpus = corpus_bytes()
    rows, figures = [], {}
    with tempfile.TemporaryDirectory(prefix="zhfast-bench-") as d:
        tmp = Path(d)
        empty = tmp / "empty.txt"
        empty.write_bytes(b"")
        big = tmp / "big.txt"
        nbig = write_repeated(big, corpus, sizes["file"])
        sample = tmp / "sample.txt"
        with open(big, "rb") as f:
            data = f.read(sizes["sample"] + 4096)
        sample.write_bytes(data[: data.index(b"\n", sizes["sample"]) + 1])
        nsample = sample.stat().st_size

        zh_base = start_up([*zhfast, "-j", "1"], empty, runs)
        jb_base = start_up(jieba, empty, runs)
        figures["start_up_s"] = {"zhfast": zh_base, "jieba": jb_base}
        jb = throughput(jieba, sample, nsample, jb_base, runs)
        rows.append({"group": "cli: file", "library": "jieba", "mb_s": jb})
        for j in (1, 2):
            mbs = throughput([*zhfast, "-j", str(j)], big, nbig, zh_base, runs, out=tmp / "out.txt")
            rows.append({"group": "cli: file", "library": f"zhfast -j {j}", "mb_s": mbs})
        big.unlink()
        figures["file_mb"] = nbig / MB
        figures["jieba_sample_mb"] = nsample / MB

        # One line: the corpus without its line ends (a space between two of its lines).
        line = tmp / "line.txt"
        nline = write_repeated(line, corpus.replace(b"\n", b" "), sizes["line"])
        for j in (1, 2):
            rows.append({"group": "cli: one long line", "library": f"zhfast -j {j}",
                         "mb_s": throughput([*zhfast, "-j", str(j), "-o", os.devnull], line, nline, zh_base, runs)})
        rows += batch_of_one_line(line, nline, runs)
        line.unlink()
        figures["line_mb"] = nline / MB

        rss_file = tmp / "rss.txt"
        nrss = write_repeated(rss_file, corpus, sizes["rss"])
        secs, rss = peak_rss([*zhfast, "-o", os.devnull, str(rss_file)])
        _, rss_tiny = peak_rss([*zhfast, "-o", os.devnull, str(empty)])
        figures["rss"] = {"input_mb": nrss / MB, "seconds": secs, "peak_rss_mb": rss / MB,
                          "peak_rss_empty_input_mb": rss_tiny / MB, "threads": os.cpu_count()}
    return {"rows": rows, "figures": figures}


BATCH_CHILD = """
import sys, time, zhfast
zhfast.setLogLevel(60)
zhfast.initialize()
text = open(sys.argv[1], encoding="utf-8").read()
runs = int(sys.argv[2])
calls = {"cut_offsets_batch": lambda t: zhfast.cut_offsets_batch([text], threads=t)}
try:
    import pyarrow
except ImportError:
    pass
else:
    column = pyarrow.array([text], pyarrow.large_string())
    calls["cut_offsets_arrow"] = lambda t: zhfast.cut_offsets_arrow(column, threads=t)
for name, call in calls.items():
    for threads in (1, 2):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            call(threads)
            times.append(time.perf_counter() - t0)
        print(name, threads, sorted(times)[len(times) // 2])
"""


def batch_of_one_line(line: Path, nbytes: int, runs: int) -> list[dict]:
    """``cut_offsets_batch([line])`` and, with pyarrow, ``cut_offsets_arrow`` over a
    column of that one item, on one and two threads."""
    out = subprocess.run([sys.executable, "-c", BATCH_CHILD, str(line), str(runs)], check=True, capture_output=True,
                         text=True).stdout.split("\n")
    rows = []
    for row in filter(None, out):
        name, threads, secs = row.split()
        rows.append({"group": f"{name}: one long line", "library": f"zhfast threads={threads}",
                     "mb_s": nbytes / float(secs) / MB})
    return rows


def summary(result: dict) -> list[str]:
    """Markdown lines for the report."""
    by = {(r["group"], r["library"]): r["mb_s"] for r in result["rows"]}
    f = result["figures"]
    jb = by[("cli: file", "jieba")]
    j1, j2 = by[("cli: file", "zhfast -j 1")], by[("cli: file", "zhfast -j 2")]
    l1, l2 = by[("cli: one long line", "zhfast -j 1")], by[("cli: one long line", "zhfast -j 2")]
    b1 = by.get(("cut_offsets_batch: one long line", "zhfast threads=1"))
    b2 = by.get(("cut_offsets_batch: one long line", "zhfast threads=2"))
    a1 = by.get(("cut_offsets_arrow: one long line", "zhfast threads=1"))
    a2 = by.get(("cut_offsets_arrow: one long line", "zhfast threads=2"))
    rss = f["rss"]
    lines = [
        f"- `python -m zhfast` on a {f['file_mb']:.0f} MB file (the corpus repeated): {j1:.1f} MB/s with `-j 1`, "
        f"{j2:.1f} MB/s with `-j 2`; `python -m jieba` on its first {f['jieba_sample_mb']:.1f} MB: {jb:.2f} MB/s "
        f"→ **{j1 / jb:.0f}×** and **{j2 / jb:.0f}×** (start-up taken off: zhfast {f['start_up_s']['zhfast']:.2f} s, "
        f"jieba {f['start_up_s']['jieba']:.2f} s).",
        f"- One line of {f['line_mb']:.0f} MB: {l1:.1f} MB/s on one thread, {l2:.1f} MB/s on two "
        f"(**{l2 / l1:.2f}×**)" + (f"; `cut_offsets_batch([line])` {b1:.1f} → {b2:.1f} MB/s ({b2 / b1:.2f}×)"
                                    if b1 and b2 else "")
        + (f"; `cut_offsets_arrow` over a column of that one item {a1:.1f} → {a2:.1f} MB/s ({a2 / a1:.2f}×)."
           if a1 and a2 else "."),
        f"- Peak RSS of `python -m zhfast` on a {rss['input_mb']:.0f} MB file ({rss['threads']} threads): "
        f"**{rss['peak_rss_mb']:.0f} MB** (on an empty file: {rss['peak_rss_empty_input_mb']:.0f} MB), "
        f"{rss['input_mb'] / rss['seconds']:.1f} MB/s.",
    ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small files, one run each")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    result = run(args.quick)
    print("\n".join(summary(result)))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
