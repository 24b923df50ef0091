"""Throughput of zhfast against jieba 0.42.1 and rjieba on the same lines, same run.

Every benchmark cuts all lines once per round and records the text size in
``extra_info["bytes"]``; ``benches/report.py`` turns the timings into MB/s and ratios.
These are measurements, not tests: nothing here asserts a speed.
"""
from __future__ import annotations

import pytest

import zhfast
import zhfast.analyse
import zhfast.posseg

pytest.importorskip("jieba")
import jieba.analyse  # noqa: E402  (binds jieba too)
import jieba.posseg  # noqa: E402

jieba.setLogLevel(60)
zhfast.setLogLevel(60)
try:
    import rjieba
except ImportError:  # pragma: no cover - reported as missing by the report
    rjieba = None
try:
    import pyarrow
except ImportError:  # pragma: no cover - reported as missing by the report
    pyarrow = None

# jieba is ~100x slower than the others: fewer rounds keep the run short.  Its median
# of three rounds is the denominator of the ratio targets, where one round left the
# ratio at the mercy of a single slow spell of this machine; where jieba is slower still
# (posseg, keywords: ten seconds and more per round) one round has to do.
ROUNDS = {"jieba": 3, "rjieba": 3, "zhfast": 5}
JIEBA_SLOW_GROUPS = {"posseg", "extract_tags (40-line documents)", "textrank (40-line documents)"}


def run(benchmark, lines, nbytes, library, fn):
    benchmark.extra_info["bytes"] = nbytes
    benchmark.extra_info["library"] = library
    jieba.initialize()
    zhfast.initialize()
    name = library.split()[0]
    rounds = 1 if name == "jieba" and benchmark.group in JIEBA_SLOW_GROUPS else ROUNDS[name]
    benchmark.pedantic(fn, rounds=rounds, iterations=1, warmup_rounds=1 if name != "jieba" else 0)


def per_line(cut):
    def fn(lines):
        for line in lines:
            cut(line)

    return fn


CASES = {
    # group: {library: callable(lines)}
    "lcut": {
        "zhfast": per_line(zhfast.lcut),
        "jieba": per_line(jieba.lcut),
        "rjieba": per_line(rjieba.cut) if rjieba else None,
    },
    "lcut_no_hmm": {
        "zhfast": per_line(lambda s: zhfast.lcut(s, HMM=False)),
        "jieba": per_line(lambda s: jieba.lcut(s, HMM=False)),
        "rjieba": per_line(lambda s: rjieba.cut(s, False)) if rjieba else None,
    },
    "lcut_for_search": {
        "zhfast": per_line(zhfast.lcut_for_search),
        "jieba": per_line(jieba.lcut_for_search),
        "rjieba": per_line(rjieba.cut_for_search) if rjieba else None,
    },
    "lcut_batch": {
        "zhfast threads=1": lambda lines: zhfast.lcut_batch(lines, threads=1),
        "zhfast threads=2": lambda lines: zhfast.lcut_batch(lines, threads=2),
        "zhfast threads=all": lambda lines: zhfast.lcut_batch(lines),
    },
    "cut_offsets_batch": {
        "zhfast threads=1": lambda lines: zhfast.cut_offsets_batch(lines, threads=1),
        "zhfast threads=2": lambda lines: zhfast.cut_offsets_batch(lines, threads=2),
        "zhfast threads=all": lambda lines: zhfast.cut_offsets_batch(lines),
    },
}

def per_document(fn, lines_per_doc=40):
    def run_docs(lines):
        for i in range(0, len(lines), lines_per_doc):
            fn("\n".join(lines[i:i + lines_per_doc]))

    return run_docs


CASES.update({
    "posseg": {
        "zhfast": per_line(zhfast.posseg.lcut),
        "jieba": per_line(jieba.posseg.lcut),
        "rjieba": per_line(rjieba.tag) if rjieba else None,
    },
    "posseg_batch": {
        "zhfast threads=1": lambda lines: zhfast.posseg.lcut_batch(lines, threads=1),
        "zhfast threads=all": lambda lines: zhfast.posseg.lcut_batch(lines),
    },
    "extract_tags (40-line documents)": {
        "zhfast": per_document(zhfast.analyse.extract_tags),
        "jieba": per_document(jieba.analyse.extract_tags),
    },
    "textrank (40-line documents)": {
        "zhfast": per_document(zhfast.analyse.textrank),
        "jieba": per_document(jieba.analyse.textrank),
    },
})

_ARROW_LINES = {}


def arrow_column(call, **kwargs):
    """``call`` on the lines as one pyarrow ``string`` array, made once per list of
    lines and outside the timed rounds (the warm-up round makes it)."""
    if pyarrow is None:
        return None

    def fn(lines):
        column = _ARROW_LINES.get(id(lines))
        if column is None:
            column = _ARROW_LINES[id(lines)] = pyarrow.array(lines, pyarrow.string())
        return call(column, **kwargs)

    return fn


# The Arrow calls: no Python object per token or per text; ratios against jieba's
# one-call-per-line `lcut` (and `posseg.lcut`).
CASES.update({
    "cut_offsets_arrow": {
        "zhfast threads=1": arrow_column(zhfast.cut_offsets_arrow, threads=1),
        "zhfast threads=all": arrow_column(zhfast.cut_offsets_arrow),
    },
    "cut_arrow": {
        "zhfast threads=1": arrow_column(zhfast.cut_arrow, threads=1),
        "zhfast threads=all": arrow_column(zhfast.cut_arrow),
    },
    "posseg.cut_arrow": {
        "zhfast threads=1": arrow_column(zhfast.posseg.cut_arrow, threads=1),
        "zhfast threads=all": arrow_column(zhfast.posseg.cut_arrow),
    },
})

PARAMS = [(g, lib) for g, libs in CASES.items() for lib in libs]


@pytest.mark.parametrize("group,library", PARAMS, ids=[f"{g}-{lib}" for g, lib in PARAMS])
def test_throughput(benchmark, lines, nbytes, group, library):
    fn = CASES[group][library]
    if fn is None:
        pytest.skip(f"{library} is not installed")
    benchmark.group = group
    run(benchmark, lines, nbytes, library, lambda: fn(lines))
