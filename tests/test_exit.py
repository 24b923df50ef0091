"""The interpreter exits while daemon threads are inside zhfast's calls.

CPython before 3.14 ends such a thread with ``pthread_exit`` when it asks for the GIL
back; through zhfast's frames that used to abort the process ("FATAL: exception not
rethrown", exit code -6) in most runs, or print a Rust panic for batches.  Each run
here is a fresh process whose busy daemon threads are cut off by the end of the script;
it must exit with status 0 and print nothing on stderr, as jieba's own threads do.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = r'''
import io, sys, threading, time
import zhfast
import zhfast.posseg
zhfast.setLogLevel(60)
texts = ["我来到北京清华大学", "他来到了网易杭研大厦", "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作"] * 40
calls = {
    "lcut": lambda: [zhfast.lcut(t) for t in texts],
    "lcut_batch": lambda: zhfast.lcut_batch(texts, threads=2),
    "lcut_batch_one_thread": lambda: zhfast.lcut_batch(texts, threads=1),
    "posseg": lambda: [zhfast.posseg.lcut(t) for t in texts[:10]],
    "tokenize": lambda: [list(zhfast.tokenize(t)) for t in texts],
    "cut_offsets_arrow": lambda: zhfast.cut_offsets_arrow(texts, threads=2),
    "cut_file": lambda: zhfast.cut_file(io.BytesIO("\n".join(texts).encode()), io.BytesIO(), jobs=2),
}
call = calls[sys.argv[1]]
call()
def loop():
    while True:
        call()
for _ in range(2):
    threading.Thread(target=loop, daemon=True).start()
time.sleep(0.15)
'''

RUNS = {"lcut": 30, "lcut_batch": 30, "lcut_batch_one_thread": 10, "posseg": 10, "tokenize": 10,
        "cut_offsets_arrow": 20, "cut_file": 20}


@pytest.mark.parametrize("call", list(RUNS))
def test_exit_with_busy_daemon_threads(call):
    outcomes = []
    for _ in range(RUNS[call]):
        out = subprocess.run([sys.executable, "-c", SCRIPT, call], capture_output=True, text=True, timeout=60)
        outcomes.append((out.returncode, out.stderr[-300:]))
    bad = [o for o in outcomes if o != (0, "")]
    assert not bad, "%d of %d runs: %r" % (len(bad), len(outcomes), bad[:3])
