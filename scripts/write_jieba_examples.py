#!/usr/bin/env python3
"""Write ``rust/zhfast-core/tests/jieba_examples.json`` from jieba 0.42.1's own output.

The Rust test ``rust/zhfast-core/tests/examples.rs`` checks the core against that file;
the sentences are the list in ``tests/example_sentences.py``, which the Python tests
check too, so there is one list for both.  For each sentence the file records the
tokens of jieba's ``lcut`` with and without the HMM, of ``lcut(cut_all=True)``, and of
``lcut_for_search`` with and without the HMM, as a JSON array of objects (one value per
line, no indentation), which is the format ``examples.rs`` reads.

Usage, in an environment with ``jieba==0.42.1`` installed (``scripts/test.sh`` makes one):

    python scripts/write_jieba_examples.py          # write the file
    python scripts/write_jieba_examples.py --check  # exit 1 if it is out of date
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rust" / "zhfast-core" / "tests" / "jieba_examples.json"
JIEBA_VERSION = "0.42.1"


def sentences():
    """The shared list, from ``tests/example_sentences.py``."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from example_sentences import SENTENCES
    finally:
        sys.path.pop(0)
    return SENTENCES


def examples_json(texts):
    """The file's content for ``texts``: jieba's tokens in the modes ``examples.rs`` reads."""
    import jieba

    if jieba.__version__ != JIEBA_VERSION:
        raise SystemExit("jieba %s is installed; the examples are jieba %s's output" % (jieba.__version__, JIEBA_VERSION))
    jieba.setLogLevel(60)
    cases = [
        {
            "text": text,
            "hmm": jieba.lcut(text),
            "no_hmm": jieba.lcut(text, HMM=False),
            "all": jieba.lcut(text, cut_all=True),
            "search": jieba.lcut_for_search(text),
            "search_no_hmm": jieba.lcut_for_search(text, HMM=False),
        }
        for text in texts
    ]
    return json.dumps(cases, ensure_ascii=False, indent=0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args(argv)
    content = examples_json(sentences())
    if args.check:
        current = None
        if OUTPUT.exists():
            with open(OUTPUT, encoding="utf-8", newline="") as f:
                current = f.read()
        if current != content:
            print("%s is out of date: run scripts/write_jieba_examples.py" % OUTPUT.relative_to(ROOT), file=sys.stderr)
            return 1
        return 0
    with open(OUTPUT, "w", encoding="utf-8", newline="") as f:
        f.write(content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
