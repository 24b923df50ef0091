#!/usr/bin/env python3
"""Convert jieba 0.42.1's data files into the plain-text files zhfast ships.

jieba keeps its HMM tables as Python source (``prob_*.py``) and its dictionary as
``dict.txt``.  zhfast's Rust core cannot import Python, so this script writes them as
UTF-8 text that the core parses (and, for the dictionary, compiles at build time).

Floats are written with ``repr``, which round-trips exactly, so the Rust side reads
bit-identical values and the Viterbi arithmetic matches jieba's to the last bit.

Usage (the sdist is fetched by hand; nothing is downloaded at build or run time):

    pip download --no-binary :all: --no-deps jieba==0.42.1
    tar xzf jieba-0.42.1.tar.gz
    python scripts/convert_jieba_data.py jieba-0.42.1/jieba

or point it at an installed ``jieba`` package directory.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "rust" / "zhfast-core" / "data"
PACKAGE_DIR = Path(__file__).resolve().parent.parent / "python" / "zhfast"
STATES = "BEMS"


def load_table(path: Path):
    """Import one of jieba's ``prob_*.py`` modules by path and return its ``P``."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.P


def write_finalseg(src: Path, out: Path) -> None:
    start = load_table(src / "finalseg" / "prob_start.py")
    trans = load_table(src / "finalseg" / "prob_trans.py")
    emit = load_table(src / "finalseg" / "prob_emit.py")
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# jieba 0.42.1 finalseg HMM (MIT licence, see NOTICE). Log probabilities.\n")
        f.write("# start STATE P | trans FROM TO P | emit STATE CHAR P\n")
        for s in STATES:
            f.write(f"start {s} {start[s]!r}\n")
        for a in STATES:
            for b, p in sorted(trans[a].items()):
                f.write(f"trans {a} {b} {p!r}\n")
        for s in STATES:
            for ch, p in sorted(emit[s].items()):
                f.write(f"emit {s} {ch} {p!r}\n")


def write_posseg(src: Path, out: Path) -> None:
    """posseg's joint (position, tag) HMM: states are written as ``B,n``."""
    d = src / "posseg"
    start = load_table(d / "prob_start.py")
    trans = load_table(d / "prob_trans.py")
    emit = load_table(d / "prob_emit.py")
    chars = load_table(d / "char_state_tab.py")
    st = lambda s: "%s,%s" % s  # noqa: E731
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# jieba 0.42.1 posseg HMM (MIT licence, see NOTICE). Log probabilities.\n")
        f.write("# start STATE P | trans FROM TO P | emit STATE CHAR P | chars CHAR STATE... (jieba's order)\n")
        for s in sorted(start):
            f.write(f"start {st(s)} {start[s]!r}\n")
        for a in sorted(trans):
            for b, p in sorted(trans[a].items()):
                f.write(f"trans {st(a)} {st(b)} {p!r}\n")
        for s in sorted(emit):
            for ch, p in sorted(emit[s].items()):
                f.write(f"emit {st(s)} {ch} {p!r}\n")
        for ch, states in sorted(chars.items()):
            f.write("chars %s %s\n" % (ch, " ".join(st(s) for s in states)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jieba_dir", type=Path, help="the jieba package directory (holds dict.txt)")
    args = parser.parse_args()
    src: Path = args.jieba_dir
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # The dictionary's own format is what custom dictionaries use too, so it is kept as is.
    shutil.copyfile(src / "dict.txt", DATA_DIR / "dict.txt")
    write_finalseg(src, DATA_DIR / "finalseg.txt")
    write_posseg(src, DATA_DIR / "posseg.txt")
    # analyse's IDF table, unchanged: build.rs compiles it into a lookup table.
    shutil.copyfile(src / "analyse" / "idf.txt", DATA_DIR / "idf.txt")
    # ... and as the file analyse.tfidf.DEFAULT_IDF names, for code that opens it.
    shutil.copyfile(src / "analyse" / "idf.txt", PACKAGE_DIR / "analyse" / "idf.txt")
    print(f"wrote {DATA_DIR}")


if __name__ == "__main__":
    main()
