"""Long-running checks, not part of the test suite (run by hand before a release):

1. a differential run against jieba 0.42.1 on generated strings, in every mode, for a
   given time (``--seconds``), stopping at the first difference;
2. the resident set size over many calls of each API (``--calls``, a million by
   default), which must stay flat: a leak of even a few bytes per call shows.

    python scripts/soak.py --seconds 3600 --calls 1000000

Needs jieba==0.42.1 installed beside zhfast.  Prints one line per check and exits
non-zero on a difference or on growth beyond ``--max-growth-mb``.
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import sys
import time

import jieba
import jieba.posseg

import zhfast
import zhfast.posseg

# Characters the segmenter treats differently: Chinese (common, rare, beyond U+9FD5),
# ASCII letters and digits, the symbols re_han_default keeps (+#&._%-), whitespace of
# every kind Python's \s knows, punctuation, astral and full-width characters.
ALPHABET = (
    list("的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年北京清华学生研究")
    + list("abcXYZ0123456789+#&._%-")
    + [" ", "\t", "\n", "\r\n", "\u3000", "\u00a0", "\u2028", "\x1c", "\u200b"]
    + list("，。！？、：；“”（）《》…—")
    + ["\U00020000", "𠀀", "鿕", "鿖", "Ａ", "１", "é", "😀"]
)


def random_text(rng: random.Random) -> str:
    n = rng.choice((1, 2, 5, 10, 30, 100))
    return "".join(rng.choice(ALPHABET) for _ in range(n))


MODES = {
    "cut": lambda lib, t: lib.lcut(t),
    "cut HMM=False": lambda lib, t: lib.lcut(t, HMM=False),
    "cut_all": lambda lib, t: lib.lcut(t, cut_all=True),
    "cut_for_search": lambda lib, t: lib.lcut_for_search(t),
    "cut_for_search HMM=False": lambda lib, t: lib.lcut_for_search(t, HMM=False),
    "tokenize": lambda lib, t: list(lib.tokenize(t)),
    "tokenize search": lambda lib, t: list(lib.tokenize(t, mode="search")),
    "posseg": lambda lib, t: [tuple(p) for p in (zhfast.posseg if lib is zhfast else jieba.posseg).lcut(t)],
}


def differential(seconds: float, seed: int) -> bool:
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    texts = 0
    while time.monotonic() < deadline:
        text = random_text(rng)
        for name, call in MODES.items():
            ours, theirs = call(zhfast, text), call(jieba, text)
            if ours != theirs:
                print(f"DIFFERENCE in {name} of {text!r}:\n  zhfast {ours!r}\n  jieba  {theirs!r}")
                return False
        texts += 1
    print(f"differential: {texts} texts x {len(MODES)} modes in {seconds:.0f} s, 0 differences (seed {seed})")
    return True


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


API = {
    "lcut": lambda t: zhfast.lcut(t),
    "lcut HMM=False": lambda t: zhfast.lcut(t, HMM=False),
    "lcut cut_all": lambda t: zhfast.lcut(t, cut_all=True),
    "lcut_for_search": lambda t: zhfast.lcut_for_search(t),
    "tokenize": lambda t: list(zhfast.tokenize(t)),
    "posseg.lcut": lambda t: zhfast.posseg.lcut(t),
    "cut_offsets": lambda t: zhfast.dt.cut_offsets(t),
    "lcut_batch (8 texts)": lambda t: zhfast.dt.lcut_batch([t] * 8, threads=1),
    "get_FREQ": lambda t: zhfast.get_FREQ(t[:2]),
    "add_word/del_word": lambda t: (zhfast.add_word("浸泡测试词", 7), zhfast.del_word("浸泡测试词")),
}


def memory(calls: int, max_growth_mb: float) -> bool:
    texts = [random_text(random.Random(i)) for i in range(1000)]
    ok = True
    for name, call in API.items():
        for t in texts[:100]:  # warm up: caches, pools, interned strings
            call(t)
        before = rss_mb()
        start = time.perf_counter()
        for i in range(calls):
            call(texts[i % 1000])
        after = rss_mb()
        growth = after - before
        flag = "" if growth <= max_growth_mb else "  <-- GROWS"
        ok = ok and not flag
        print(f"rss {name:<22} {calls} calls in {time.perf_counter() - start:6.1f} s: "
              f"{before:7.1f} -> {after:7.1f} MB ({growth:+.1f}){flag}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600, help="time for the differential run")
    parser.add_argument("--calls", type=int, default=1_000_000, help="calls of each API for the RSS check")
    parser.add_argument("--max-growth-mb", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    zhfast.initialize()
    ok = differential(args.seconds, args.seed)
    ok = memory(args.calls, args.max_growth_mb) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
