"""Hugging Face ``datasets``: ``map(batched=True, num_proc=2)`` with a function that
holds a tokenizer.  The tokenizer pickles the same way every time, in any process, so the
function's fingerprint is stable (no random hash), the cache is reused, and each worker
process loads the dictionary once."""
from __future__ import annotations

import functools
import logging
import subprocess
import sys

import pytest

import zhfast
import zhfast.posseg
from engine_cases import EDIT_ROWS, MODE_FLAGS, TESTS_DIR, edited_tokenizer, expected, texts, tokenize_batch
from engine_setup import require_engine, worker_environment
from zhfast._tokenizer import dictionary_loads

datasets = require_engine("datasets", "datasets")

ROWS = texts()


@pytest.fixture
def dataset(tmp_path):
    worker_environment()
    ds = datasets.Dataset.from_dict({"text": EDIT_ROWS + ROWS})
    ds.save_to_disk(str(tmp_path / "ds"))
    return datasets.load_from_disk(str(tmp_path / "ds"))


def test_map_with_two_processes_and_a_reused_cache(dataset, tmp_path, caplog):
    t = edited_tokenizer(tmp_path)
    pos = zhfast.posseg.POSTokenizer(t)
    fn = functools.partial(tokenize_batch, tokenizer=t, pos=pos)
    loads_here = dictionary_loads()
    with caplog.at_level(logging.WARNING, logger="datasets"):
        out = dataset.map(fn, batched=True, batch_size=50, num_proc=2)
        again = dataset.map(fn, batched=True, batch_size=50, num_proc=2)
    assert not [r for r in caplog.records if "hash" in r.getMessage()], [r.getMessage() for r in caplog.records]
    rows = EDIT_ROWS + ROWS
    assert out["tokens"] == expected(t, "cut", False, True, rows)
    for i, (mode, cut_all, HMM) in enumerate(MODE_FLAGS):
        got = out[f"m{i}"]
        if mode == "posseg":
            got = [None if r is None else [tuple(p) for p in r] for r in got]
        assert got == expected(pos if mode == "posseg" else t, mode, cut_all, HMM, rows), (mode, cut_all, HMM)
    assert again.cache_files == out.cache_files
    # Each of the two processes unpickled the function, and so the tokenizer, once.
    loads = {}
    for pid, n in zip(out["pid"], out["loads"]):
        loads.setdefault(pid, set()).add(n)
    assert len(loads) == 2 and all(n == {loads_here + 1} for n in loads.values()), (loads_here, loads)


HASH_IN_A_PROCESS = """
import functools, sys
sys.path.insert(0, {tests!r})
import zhfast
from datasets.fingerprint import Hasher
from engine_cases import tokenize_batch
t = zhfast.Tokenizer()
t.add_word("指纹", 7, "n")
t.del_word("中国")
print(Hasher.hash(functools.partial(tokenize_batch, tokenizer=t)))
"""


def test_the_fingerprint_is_the_same_in_every_process():
    code = HASH_IN_A_PROCESS.format(tests=str(TESTS_DIR))
    hashes = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
              for _ in range(2)}
    assert len(hashes) == 1 and len(hashes.pop()) > 8


def test_dt_hashes_stably_too():
    from datasets.fingerprint import Hasher

    assert Hasher.hash(zhfast.dt) == Hasher.hash(zhfast.dt)
