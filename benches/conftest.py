"""Shared fixtures for the throughput benchmarks (pytest-benchmark).

The text is the shared corpus (SIGHAN 2005 PKU + MSR test sets and 围城) beside the
checkout, one call per line; without it, the sample shipped with zhfast, repeated.
``ZHFAST_BENCH_QUICK=1`` cuts the text to a few hundred lines so CI can run every
benchmark once without waiting on jieba.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
QUICK = os.environ.get("ZHFAST_BENCH_QUICK") == "1"


def load_lines() -> list[str]:
    lines: list[str] = []
    for name in ("pku_test.utf8", "msr_test.utf8", "weicheng.txt"):
        p = CORPUS / name
        if p.exists():
            lines.extend(p.read_text(encoding="utf-8").splitlines())
    if not lines:
        sample = (HERE.parent / "python" / "zhfast" / "sample.txt").read_text(encoding="utf-8").splitlines()
        lines = sample * 400
    return lines[:300] if QUICK else lines


@pytest.fixture(scope="session")
def lines() -> list[str]:
    return load_lines()


@pytest.fixture(scope="session")
def nbytes(lines) -> int:
    return sum(len(x.encode("utf-8")) for x in lines)


def pytest_configure(config):
    config.addinivalue_line("markers", "peer: a library zhfast is compared with")
