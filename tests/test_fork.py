"""Forking while other threads cut, edit or merge (gunicorn ``--preload``, Celery's
prefork pool): every child must be able to cut and edit at once.

Each scenario runs in a process of its own (so that a hang or a crash there cannot
take the test run with it), forks many times while its other threads work, and
reports how many children hung (killed after a timeout) or failed in all.  A window of a few
microseconds is caught by forking often; the counts before the fork handling were
17 of 20 (edits), 18 of 100 (merges) and every child (merge thread joined).
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

# The scenario's busy threads, forks, and the children's work; prints "hung H failed F".
HARNESS = r'''
import os, signal, sys, threading, time
import zhfast
zhfast.setLogLevel(60)
zhfast.initialize()

counts = {"hung": 0, "failed": 0}

def forks(n, child, pause=0.003, timeout=10.0):
    for _ in range(n):
        time.sleep(pause)
        pid = os.fork()
        if pid == 0:
            try:
                child()
            except BaseException as e:  # PanicException is not an Exception
                sys.stderr.write("child: %r\n" % (e,))
                os._exit(3)
            os._exit(0)
        deadline = time.monotonic() + timeout
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                counts["failed"] += status != 0
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                counts["hung"] += 1
                break
            time.sleep(0.002)
    print("hung", counts["hung"], "failed", counts["failed"])

def forever(step):
    def loop():
        while True:
            step()
    threading.Thread(target=loop, daemon=True).start()
'''


def run_scenario(body, timeout=240):
    code = HARNESS + textwrap.dedent(body)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, out.stderr[-2000:]
    last = out.stdout.strip().splitlines()[-1]
    assert last == "hung 0 failed 0", (last, out.stderr[-2000:])


def test_fork_while_other_threads_cut_and_edit():
    run_scenario('''
        texts = ["我来到北京清华大学", "他来到了网易杭研大厦", "小明硕士毕业于中国科学院计算所"] * 30
        forever(lambda: [zhfast.lcut(t) for t in texts])
        forever(lambda: zhfast.lcut_batch(texts, threads=2))
        words = ["分叉词%d" % i for i in range(300)]
        forever(lambda: [zhfast.add_word(w, 5) for w in words])
        forever(lambda: zhfast.del_word("中国"))
        def child():
            zhfast.del_word("中国")
            zhfast.add_word("新词甲", 0)
            zhfast.load_userdict(["孩子词 3"])
            assert zhfast.lcut("孩子词") == ["孩子词"]
            assert zhfast.lcut_batch(["我来到北京清华大学"] * 50, threads=2)[0] == ["我", "来到", "北京", "清华大学"]
        forks(40, child)
    ''')


# A user dictionary of new words for each load, so that every load starts a merge.
# (At most 12 of them, which keeps the dictionary, and the merges, of a bounded size.)
MERGES = '''
        rounds = iter(range(12))
        def load():
            r = next(rounds, None)
            if r is None:
                time.sleep(0.1)
            else:
                zhfast.load_userdict(["合%d并词%d 3" % (r, k) for k in range(5000)])
        load()
        forever(load)
'''


def test_fork_during_a_background_merge_then_cut():
    run_scenario(MERGES + '''
        def child():
            assert zhfast.lcut("我爱北京天安门合0并词5") == ["我", "爱", "北京", "天安门", "合0并词5"]
        forks(100, child)
    ''')


def test_fork_during_a_background_merge_then_load_a_user_dictionary():
    # The child's first merge must not wait for (or join) the parent's merge thread.
    run_scenario(MERGES + '''
        def child(wait=False):
            zhfast.load_userdict(["孩子%d 3" % k for k in range(5000)])
            if wait:  # the merges, the parent's included, end in the child
                zhfast.dt._core.wait_compacted()
            assert zhfast.lcut("孩子4999合0并词5") == ["孩子4999", "合0并词5"]
        forks(1, lambda: child(wait=True), timeout=120.0)
        forks(30, child, pause=0.02)
    ''')


def test_fork_while_a_thread_holds_the_tokenizer_lock():
    # `initialize` holds the lock, also while another thread compiles a dictionary.
    run_scenario('''
        t = zhfast.Tokenizer()
        held = threading.Event()
        def hold():
            with t.lock:
                held.set()
                time.sleep(3600)
        threading.Thread(target=hold, daemon=True).start()
        held.wait()
        def child():
            t.initialize()
            assert t.lcut("我来到北京清华大学") == ["我", "来到", "北京", "清华大学"]
        forks(3, child)
    ''')
