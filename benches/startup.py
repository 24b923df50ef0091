"""Cold start and dictionary benchmarks: zhfast against jieba, rjieba and jieba-fast-dat.

Each start-up figure is a fresh interpreter that imports the library and cuts one
sentence; the wall time is measured around the whole process (interpreter start
included) and the peak RSS is the child's own (``VmHWM``, else ``ru_maxrss``).  Peers that are not
installed are reported as missing, never faked.

    python benches/startup.py            # prints a markdown table
    python benches/startup.py --quick    # fewer repetitions (CI)
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

SENTENCE = "我爱北京天安门"

PEERS = {
    "bare python": "pass",
    "zhfast": "import zhfast; zhfast.setLogLevel(60); zhfast.lcut(S)",
    "jieba 0.42.1": "import jieba; jieba.setLogLevel(60); jieba.lcut(S)",
    "rjieba": "import rjieba; rjieba.cut(S)",
    "jieba-fast-dat": "import jieba_fast_dat as j; j.setLogLevel(60); j.lcut(S)",
}

# Linux's ``ru_maxrss`` in a freshly exec'd child starts from its parent's peak at the
# fork, so a large parent inflates it; ``VmHWM`` belongs to the child's own memory map.
PEAK_RSS = """
def peak_rss_kb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

CHILD = PEAK_RSS + """
import resource, sys, time
S = {sentence!r}
t0 = time.perf_counter()
{code}
t1 = time.perf_counter()
print(t1 - t0, peak_rss_kb())
"""


def cold_start(code: str, runs: int) -> dict | None:
    """Median wall time of the whole process, in-process import+cut time, peak RSS."""
    walls, inner, rss = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD.format(sentence=SENTENCE, code=code)], capture_output=True, text=True
        )
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            return None
        t, kb = proc.stdout.split()
        walls.append(wall)
        inner.append(float(t))
        rss.append(int(kb))
    return {"wall_ms": 1000 * statistics.median(walls), "import_cut_ms": 1000 * statistics.median(inner),
            "rss_mb": statistics.median(rss) / 1024}


def small_dictionary(path: str, target_bytes: int = 1_500_000) -> None:
    """A dictionary the size of jieba's ``dict.txt.small`` (1.5 MB): the most frequent
    words of the bundled one, in jieba's format."""
    import zhfast

    lines = zhfast.get_dict_file().read().decode("utf-8").splitlines()
    lines.sort(key=lambda ln: -int(ln.split(" ")[1]))
    out, size = [], 0
    for ln in lines:
        size += len(ln.encode("utf-8")) + 1
        if size > target_bytes:
            break
        out.append(ln)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def user_words(n: int) -> list[str]:
    """``n`` distinct user-dictionary lines of made-up words (2–4 han characters)."""
    import random

    rng = random.Random(7)
    seen: set[str] = set()
    lines = []
    while len(lines) < n:
        w = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            lines.append("%s %d n" % (w, rng.randint(1, 50)))
    return lines


def compound_user_words(n: int) -> list[str]:
    """``n`` distinct user-dictionary lines shaped like real domain vocabularies: new
    compounds of two or three words of the bundled dictionary (经济 + 改革 → 经济改革)."""
    import random

    import zhfast

    vocab = [ln.split(" ")[0] for ln in zhfast.get_dict_file().read().decode("utf-8").splitlines()]
    vocab = [w for w in vocab if 2 <= len(w) <= 3]
    rng = random.Random(11)
    seen: set[str] = set()
    lines = []
    while len(lines) < n:
        w = "".join(rng.choice(vocab) for _ in range(rng.choice((2, 2, 3))))
        if w not in seen and zhfast.get_FREQ(w) is None:
            seen.add(w)
            lines.append("%s %d n" % (w, rng.randint(1, 50)))
    return lines


def corpus_lines() -> list[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = os.path.join(here, "..", "..", "shared", "corpus")
    lines = []
    for name in ("pku_test.utf8", "msr_test.utf8", "weicheng.txt"):
        p = os.path.join(corpus, name)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                lines.extend(f.read().splitlines())
    if not lines:
        with open(os.path.join(here, "..", "python", "zhfast", "sample.txt"), encoding="utf-8") as f:
            lines = f.read().splitlines() * 200
    return lines


def throughput(tok, lines, repeat=3) -> float:
    nbytes = sum(len(x.encode("utf-8")) for x in lines)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for ln in lines:
            tok.lcut(ln)
        best = min(best, time.perf_counter() - t0)
    return nbytes / best / 1e6


def dictionary_figures(quick: bool) -> dict:
    import zhfast

    zhfast.setLogLevel(60)
    out = {}
    with tempfile.TemporaryDirectory() as d:
        small = os.path.join(d, "dict.txt.small")
        small_dictionary(small)
        times = []
        os.environ["ZHFAST_CACHE_DIR"] = ""  # measure the compile itself
        for _ in range(3 if quick else 7):
            t0 = time.perf_counter()
            zhfast.Tokenizer(small).initialize()
            times.append(time.perf_counter() - t0)
        del os.environ["ZHFAST_CACHE_DIR"]
        out["custom_dict_compile_ms"] = 1000 * statistics.median(times)
        out["custom_dict_mb"] = os.path.getsize(small) / 1e6
        cache = os.path.join(d, "cache")
        os.environ["ZHFAST_CACHE_DIR"] = cache
        try:
            zhfast.Tokenizer(small).initialize()  # fills the cache
            times = []
            for _ in range(3 if quick else 7):
                t0 = time.perf_counter()
                zhfast.Tokenizer(small).initialize()
                times.append(time.perf_counter() - t0)
            out["custom_dict_cached_load_ms"] = 1000 * statistics.median(times)
        finally:
            del os.environ["ZHFAST_CACHE_DIR"]

        n = 20_000 if quick else 100_000
        lines = corpus_lines()
        if quick:
            lines = lines[:2000]
        plain = zhfast.Tokenizer()
        for kind, make in (("compound", compound_user_words), ("random", user_words)):
            ud = os.path.join(d, "user-%s.txt" % kind)
            with open(ud, "w", encoding="utf-8") as f:
                f.write("\n".join(make(n)) + "\n")
            t = zhfast.Tokenizer()
            t.initialize()
            t0 = time.perf_counter()
            t.load_userdict(ud)
            out[f"userdict_{kind}_entries"] = n
            out[f"userdict_{kind}_load_s"] = time.perf_counter() - t0
            # load_userdict returns once the words are usable; merging them into the main
            # trie continues in the background.  The speeds below are after that merge.
            t._core.wait_compacted()
            out[f"userdict_{kind}_background_merge_done_s"] = time.perf_counter() - t0
            # Interleaved rounds, best of each: this machine's speed drifts between runs.
            best = {"plain": float("inf"), "user": float("inf")}
            for _ in range(2 if quick else 5):
                for name, tok in (("plain", plain), ("user", t)):
                    best[name] = min(best[name], 1 / throughput(tok, lines, repeat=1))
            out[f"cut_mb_s_plain_vs_{kind}"] = 1 / best["plain"]
            out[f"cut_mb_s_with_{kind}_user_words"] = 1 / best["user"]
            out[f"{kind}_user_words_slowdown_pct"] = 100 * (best["user"] / best["plain"] - 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    runs = 3 if args.quick else 15
    results = {name: cold_start(code, runs) for name, code in PEERS.items()}
    print("| library | process wall (ms) | import + first cut (ms) | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: |")
    for name, r in results.items():
        if r is None:
            print(f"| {name} | not installed | | |")
        else:
            print(f"| {name} | {r['wall_ms']:.1f} | {r['import_cut_ms']:.1f} | {r['rss_mb']:.1f} |")
    figures = dictionary_figures(args.quick)
    print()
    for k, v in figures.items():
        print(f"- {k}: {v:.3f}" if isinstance(v, float) else f"- {k}: {v}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"start": results, "dictionary": figures}, f, indent=1)


if __name__ == "__main__":
    main()
