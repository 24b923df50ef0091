"""Writes a large custom dictionary in jieba's ``word freq [tag]`` format, for the
compile benchmarks and tests (generated on demand, never committed).

    python scripts/generate_dictionary.py 50 /tmp/dict-50mb.txt   # about 50 MB

The words are those of jieba's bundled dictionary (in a shuffled order, so the file is
not sorted), then new compounds of two or three of its words (经济 + 改革 → 经济改革,
sharing prefixes with real words as domain vocabularies do) and strings of random han
characters, with frequencies drawn like a dictionary's (mostly small, a few large) and
jieba's tags on most lines.  A few words repeat with another frequency, as merged
word lists do (jieba keeps the last frequency and adds both to ``total``).  The same
size and seed give the same file.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JIEBA_DICT = ROOT / "rust" / "zhfast-core" / "data" / "dict.txt"


def _bundled_lines() -> list[str]:
    return JIEBA_DICT.read_text(encoding="utf-8").splitlines()


def dictionary_lines(target_bytes: int, seed: int = 1, bundled_share: float = 1.0):
    """Lines (without newlines) whose UTF-8 size, newlines included, just reaches
    ``target_bytes``; jieba's words fill at most ``bundled_share`` of it."""
    rng = random.Random(seed)
    bundled = _bundled_lines()
    rng.shuffle(bundled)
    vocab = [ln.split(" ")[0] for ln in bundled]
    short = [w for w in vocab if 1 <= len(w) <= 3]
    tags = sorted({ln.split(" ")[2] for ln in bundled if ln.count(" ") == 2})
    size = 0

    def fits(line: str) -> bool:
        nonlocal size
        size += len(line.encode("utf-8")) + 1
        return size <= target_bytes

    for line in bundled:
        if size + len(line.encode("utf-8")) + 1 > bundled_share * target_bytes:
            break
        if not fits(line):
            return
        yield line
    emitted: list[str] = []
    while True:
        r = rng.random()
        if r < 0.5:
            word = "".join(rng.choice(short) for _ in range(rng.choice((2, 2, 3))))
        elif r < 0.98 or not emitted:
            word = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 5)))
        else:
            word = rng.choice(emitted)  # a repeat with another frequency
        freq = int(rng.paretovariate(1.2)) if rng.random() < 0.9 else rng.randint(1, 5000)
        line = "%s %d" % (word, freq)
        if rng.random() < 0.8:
            line += " " + rng.choice(tags)
        if not fits(line):
            return
        if len(emitted) < 100_000:
            emitted.append(word)
        yield line


def write_dictionary(path, megabytes: float, seed: int = 1, bundled_share: float = 1.0) -> Path:
    """Writes a dictionary of about ``megabytes`` MB (10^6 bytes) to ``path``."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in dictionary_lines(int(megabytes * 1e6), seed, bundled_share):
            f.write(line)
            f.write("\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("megabytes", type=float)
    ap.add_argument("path")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    write_dictionary(args.path, args.megabytes, args.seed)
    print(args.path, Path(args.path).stat().st_size, "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
