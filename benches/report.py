"""Run every benchmark and write ``docs/benchmarks.md`` and ``docs/benchmarks.png``.

    python benches/report.py              # full run (about eight minutes; jieba is slow)
    python benches/report.py --quick      # a smoke run, as CI does (nothing is written
                                          # unless --out is given)
    python benches/report.py --criterion  # also the Rust core against jieba-rs (criterion;
                                          # the two run at once, one per core)

All ratios compare libraries measured in the same run on the same text.  Peers that are
not installed are listed as missing.  Needs pytest-benchmark; the chart needs matplotlib.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import dictionaries  # noqa: E402  (benches/dictionaries.py)
import startup  # noqa: E402  (benches/startup.py)

RSS_CHILD = startup.PEAK_RSS + r"""
import resource, sys, time
import zhfast
zhfast.setLogLevel(60)
sys.path.insert(0, {benches!r})
from conftest import load_lines
lines = load_lines()
chunk = []
size = 0
target = {target}
done = 0
t0 = time.perf_counter()
while done < target:
    for line in lines:
        chunk.append(line)
        size += len(line.encode("utf-8"))
        if size >= (1 << 20):
            zhfast.lcut_batch(chunk)
            done += size
            chunk, size = [], 0
            if done >= target:
                break
print(done, time.perf_counter() - t0, peak_rss_kb() * 1024)
"""


def run_pytest_benchmarks(quick: bool, sessions: int) -> list[dict]:
    """Runs the pytest-benchmark suite `sessions` times, one after another; each
    benchmark's MB/s is the median over the sessions of its median round.  This machine's
    speed drifts by tens of percent over minutes, and within one session the libraries
    of a group are measured a few seconds apart: the median over sessions a few minutes
    apart samples every library at several moments."""
    per_session = []
    with tempfile.TemporaryDirectory() as d:
        for i in range(sessions):
            out = Path(d) / f"bench{i}.json"
            env = dict(os.environ, ZHFAST_BENCH_QUICK="1" if quick else "0")
            cmd = [sys.executable, "-m", "pytest", str(HERE / "test_throughput.py"), "-q", "-p", "no:cacheprovider",
                   "--benchmark-only", f"--benchmark-json={out}", "--benchmark-disable-gc"]
            subprocess.run(cmd, check=True, env=env, cwd=ROOT)
            data = json.loads(out.read_text())
            per_session.append({(b["group"], b["extra_info"]["library"]): b["extra_info"]["bytes"] / b["stats"]["median"] / 1e6
                                for b in data["benchmarks"]})
    return [{"group": g, "library": lib, "mb_s": statistics.median(s[(g, lib)] for s in per_session)}
            for (g, lib) in per_session[0]]


def criterion_executable() -> str:
    """Builds the criterion bench and returns its executable."""
    cmd = ["cargo", "bench", "-p", "zhfast-core", "--bench", "vs_jieba_rs", "--no-run", "--message-format=json"]
    out = subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True, text=True).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable") and "bench" in msg["target"]["kind"]:
            return msg["executable"]
    raise RuntimeError("cargo built no bench executable")


def usable_cpus() -> list[int]:
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


def run_criterion(quick: bool) -> list[dict]:
    exe = criterion_executable()
    # Quick (CI): enough to show the bench still runs, not to measure.
    timing = ["--warm-up-time", "0.2", "--measurement-time", "0.5"] if quick else []
    cpus = usable_cpus()
    if len(cpus) < 2:
        subprocess.run([exe, "--bench", "--noplot", *timing], check=True, cwd=ROOT)
        return criterion_rows()
    # zhfast and jieba-rs at the same time, each pinned to its own core.  Run one after
    # the other, a slow patch of this shared machine lands on one library only (ratios
    # moved by up to 1.7x between runs); run together, both see it.  Twice, swapping
    # the cores, since one core can be busier than the other for minutes; each
    # library's figure is the mean of its two.
    def pinned(cpu: int):
        return lambda: os.sched_setaffinity(0, {cpu})

    passes = []
    for libs in (["zhfast", "jieba-rs"], ["jieba-rs", "zhfast"]):
        procs = [subprocess.Popen([exe, "--bench", "--noplot", *timing, f"segment/{lib}/"], cwd=ROOT, preexec_fn=pinned(cpu))
                 for cpu, lib in zip(cpus, libs)]
        if any(p.wait() != 0 for p in procs):
            raise RuntimeError("criterion bench failed")
        passes.append({(r["group"], r["library"]): r["mb_s"] for r in criterion_rows()})
    return [{"group": g, "library": lib, "mb_s": sum(p[(g, lib)] for p in passes) / len(passes)}
            for (g, lib) in passes[0] if all((g, lib) in p for p in passes)]


def criterion_rows() -> list[dict]:
    """MB/s per mode and library from criterion's latest estimates."""
    rows = []
    base = ROOT / "target" / "criterion" / "segment"
    for lib_dir in sorted(base.iterdir()) if base.exists() else []:
        for mode_dir in sorted(lib_dir.iterdir()):
            est = mode_dir / "new" / "estimates.json"
            bench = mode_dir / "new" / "benchmark.json"
            if not est.exists():
                continue
            ns = json.loads(est.read_text())["median"]["point_estimate"]
            nbytes = json.loads(bench.read_text())["throughput"]["Bytes"]
            rows.append({"group": f"core {mode_dir.name}", "library": lib_dir.name, "mb_s": nbytes / ns * 1e3})
    return rows


def batch_rss(target_mb: int) -> dict:
    code = RSS_CHILD.format(benches=str(HERE), target=target_mb << 20)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    done, secs, rss = int(out[0]), float(out[1]), int(out[2])
    return {"input_mb": done / 1e6, "seconds": secs, "peak_rss_mb": rss / 1e6, "rss_over_input": rss / done}


def ratio_table(rows: list[dict]) -> list[str]:
    by_group: dict[str, dict[str, float]] = {}
    for r in rows:
        by_group.setdefault(r["group"], {})[r["library"]] = r["mb_s"]
    # Batch rows compare with the single-call jieba row they replace.
    base_of = {"lcut_batch": "lcut", "cut_offsets_batch": "lcut", "posseg_batch": "posseg",
               "cut_arrow": "lcut", "cut_offsets_arrow": "lcut", "posseg.cut_arrow": "posseg"}
    out = ["| benchmark | library | MB/s | × jieba | × rjieba / jieba-rs |", "| --- | --- | ---: | ---: | ---: |"]
    for group, libs in by_group.items():
        ref = libs.get("jieba") or by_group.get(base_of.get(group, "lcut"), {}).get("jieba")
        peer = libs.get("rjieba") or libs.get("jieba-rs")
        for lib, mbs in sorted(libs.items(), key=lambda kv: -kv[1]):
            x_jieba = f"{mbs / ref:.1f}" if ref else "—"
            x_peer = f"{mbs / peer:.2f}" if peer and lib.startswith("zhfast") else "—"
            out.append(f"| {group} | {lib} | {mbs:.2f} | {x_jieba} | {x_peer} |")
    return out


#: The Arrow calls' targets: (group, library) -> times jieba's `lcut`, same run.
ARROW_TARGETS = {
    ("cut_offsets_arrow", "zhfast threads=1"): 80,
    ("cut_offsets_arrow", "zhfast threads=all"): 150,
    ("cut_arrow", "zhfast threads=1"): 70,
    ("cut_arrow", "zhfast threads=all"): 130,
}


def arrow_table(rows: list[dict]) -> list[str]:
    """The Arrow rows beside jieba and the core alone (criterion's `core hmm`, when run),
    with their targets."""
    mb_s = {(r["group"], r["library"]): r["mb_s"] for r in rows}
    jieba = mb_s.get(("lcut", "jieba"))
    if not jieba:
        return []
    out = ["| call | threads | MB/s | × jieba | target | × core alone |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    core = mb_s.get(("core hmm", "zhfast"))
    for (group, lib), target in ARROW_TARGETS.items():
        if (group, lib) in mb_s:
            v = mb_s[(group, lib)]
            x_core = f"{v / core:.2f}" if core else "—"
            out.append(f"| {group} | {lib.split('=')[1]} | {v:.2f} | {v / jieba:.1f} | ≥ {target} | {x_core} |")
    out.append(f"| jieba `lcut` | 1 | {jieba:.2f} | 1 | | |")
    if core:
        out.append(f"| core alone (criterion, `hmm`) | 1 | {core:.2f} | {core / jieba:.1f} | | 1 |")
    return out


def chart(rows: list[dict], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no chart", file=sys.stderr)
        return False
    labels = [f"{r['group']} · {r['library']}" for r in rows]
    values = [r["mb_s"] for r in rows]
    colors = ["#d62728" if r["library"].startswith("zhfast") else "#7f7f7f" for r in rows]
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(rows) + 1.2))
    ax.barh(range(len(rows)), values, color=colors)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("MB/s (log scale; same run, same text)")
    ax.set_title("zhfast (red) against jieba 0.42.1, rjieba and jieba-rs")
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.1f}", va="center", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, few repetitions")
    ap.add_argument("--criterion", action="store_true", help="also run cargo bench (core vs jieba-rs)")
    ap.add_argument("--out", type=Path, help="where to write (default: docs/, not written with --quick)")
    ap.add_argument("--sessions", type=int, default=3, help="pytest-benchmark sessions to take the median of (1 with --quick)")
    args = ap.parse_args()
    out_dir = args.out or (None if args.quick else ROOT / "docs")

    sessions = 1 if args.quick else max(1, args.sessions)
    rows = run_pytest_benchmarks(args.quick, sessions)
    if args.criterion:
        rows += run_criterion(args.quick)
    start = {name: startup.cold_start(code, 3 if args.quick else 15) for name, code in startup.PEERS.items()}
    dictionary = startup.dictionary_figures(args.quick)
    compiles = dictionaries.compile_figures(args.quick)
    rss = batch_rss(8 if args.quick else 100)

    method = ("each benchmark's median round" if sessions == 1 else
              f"each benchmark's median round, then the median over {sessions} runs of the pytest-benchmark suite, "
              "one after another")
    if args.criterion:
        method += "; core rows: criterion's median" + (
            ", the mean of two runs with the cores swapped" if len(usable_cpus()) >= 2 else "")
    method += "."
    lines = ["# Benchmarks", "", f"Generated by `python benches/report.py{' --criterion' if args.criterion else ''}` on "
             f"{platform.machine()} Linux, {os.cpu_count()} cores, Python {platform.python_version()}. "
             "Text: SIGHAN 2005 PKU + MSR test sets and 围城, one call per line (or the packaged sample "
             "when the corpus is absent). MB/s is UTF-8 input per second: " + method, "",
             "## Throughput", ""] + ratio_table(rows) + ["", "![throughput](benchmarks.png)", "",
             "## Start-up (fresh interpreter: import + first cut)", "",
             "| library | process wall (ms) | import + first cut (ms) | peak RSS (MB) |", "| --- | ---: | ---: | ---: |"]
    for name, r in start.items():
        lines.append(f"| {name} | not installed | | |" if r is None else
                     f"| {name} | {r['wall_ms']:.1f} | {r['import_cut_ms']:.1f} | {r['rss_mb']:.1f} |")
    arrow = arrow_table(rows)
    if arrow:
        lines += ["", "## Arrow columns against their targets", "",
                  "`cut_offsets_arrow` and `cut_arrow` over one pyarrow `string` array of the lines; "
                  "ratios to jieba's `lcut` (one call per line) in the same run.", ""] + arrow
    lines += ["", "## Dictionaries", ""] + [f"- {k}: {v:.3f}" if isinstance(v, float) else f"- {k}: {v}" for k, v in dictionary.items()]
    lines += ["", "## Compiling large custom dictionaries", "",
              "Generated by `benches/dictionaries.py` (jieba's words, then new compounds and random han words); "
              "each load in a fresh process. zhfast's first load compiles and writes its cache entry; its cached "
              "load maps and verifies that entry. jieba is timed up to 20 MB (its 50 MB load takes minutes).", ""]
    lines += dictionaries.table(compiles)
    lines += ["", "## Memory of `lcut_batch` over a large input in 1 MB chunks", "",
              f"- input {rss['input_mb']:.0f} MB in {rss['seconds']:.1f} s; peak RSS {rss['peak_rss_mb']:.0f} MB "
              f"= {rss['rss_over_input']:.2f}× the input", ""]
    text = "\n".join(lines)
    print(text)
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "benchmarks.md").write_text(text, encoding="utf-8")
        chart(rows, out_dir / "benchmarks.png")
        figures = {"throughput": rows, "start": start, "dictionary": dictionary, "dictionary_compile": compiles,
                   "batch_rss": rss}
        (out_dir / "benchmarks.json").write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
