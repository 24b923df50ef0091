"""Batch and offset APIs: identical to the single-text calls (and so to jieba), on any
number of threads, from several Python threads at once, and after fork."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from array import array
from pathlib import Path

import jieba
import pytest

import zhfast

DATA = Path(__file__).parent / "data"


def sample_lines():
    text = (DATA / "sample.txt").read_text(encoding="utf-8")
    extra = ["", " ", "\r\n", "\ud800孤立代理", "𠀀𠀁 astral", "C++ 和 c# 3.14% 12.5%", "x" * 5000, "中" * 3000]
    return text.splitlines(keepends=True) + extra


LINES = sample_lines()


def ends_of(tokens):
    out, pos = [], 0
    for t in tokens:
        pos += len(t)
        out.append(pos)
    return out


@pytest.mark.parametrize("threads", [None, 1, 2, 3, 4])
@pytest.mark.parametrize("cut_all,hmm", [(False, True), (False, False), (True, True)])
def test_lcut_batch_equals_single_calls(threads, cut_all, hmm):
    expected = [zhfast.lcut(t, cut_all, hmm) for t in LINES]
    assert zhfast.lcut_batch(LINES, cut_all, hmm, threads=threads) == expected
    clean = [t for t in LINES if "\ud800" not in t]
    assert zhfast.lcut_batch(clean, cut_all, hmm, threads=threads) == [jieba.lcut(t, cut_all, hmm) for t in clean]


@pytest.mark.parametrize("threads", [None, 1, 2, 4])
@pytest.mark.parametrize("hmm", [True, False])
def test_lcut_for_search_batch(threads, hmm):
    expected = [jieba.lcut_for_search(t, hmm) for t in LINES if "\ud800" not in t]
    got = zhfast.lcut_for_search_batch([t for t in LINES if "\ud800" not in t], hmm, threads=threads)
    assert got == expected
    assert zhfast.lcut_for_search_batch(LINES, hmm, threads=threads) == [zhfast.lcut_for_search(t, hmm) for t in LINES]


@pytest.mark.parametrize("threads", [None, 1, 2, 4])
@pytest.mark.parametrize("hmm", [True, False])
def test_cut_offsets_batch(threads, hmm):
    got = zhfast.cut_offsets_batch(LINES, HMM=hmm, threads=threads)
    assert all(isinstance(a, array) and a.typecode == "I" for a in got)
    assert [list(a) for a in got] == [ends_of(zhfast.lcut(t, HMM=hmm)) for t in LINES]
    assert [list(zhfast.cut_offsets(t, HMM=hmm)) for t in LINES] == [list(a) for a in got]


def test_offsets_rebuild_the_tokens():
    text = "".join(LINES)
    ends = zhfast.cut_offsets(text)
    starts = [0] + list(ends[:-1])
    assert [text[s:e] for s, e in zip(starts, ends)] == zhfast.lcut(text)
    assert ends[-1] == len(text)


def test_offsets_work_with_numpy_when_installed():
    np = pytest.importorskip("numpy")
    ends = np.frombuffer(zhfast.cut_offsets("我来到北京清华大学"), dtype=np.uint32)
    assert ends.tolist() == [1, 3, 5, 9]


def test_empty_and_bytes_inputs():
    assert zhfast.lcut_batch([]) == [] and zhfast.cut_offsets_batch([]) == []
    assert zhfast.lcut_batch([""]) == [[]] and list(zhfast.cut_offsets("")) == []
    assert zhfast.lcut_batch(["北京".encode("utf-8"), "北京".encode("gbk")]) == [["北京"], ["北京"]]
    assert zhfast.lcut_batch(iter(["北京大学"]), threads=2) == [["北京大学"]]


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2"])
def test_bad_thread_counts(bad):
    with pytest.raises(ValueError):
        zhfast.lcut_batch(["北京"], threads=bad)


def test_huge_text_in_a_batch():
    big = "我来到北京清华大学，" * 100_000 + "\n" + "他来到了网易杭研大厦" * 50_000
    parts = [big, "", big[:1000]]
    assert zhfast.lcut_batch(parts, threads=2) == [zhfast.lcut(p) for p in parts]


@pytest.mark.parametrize("workers", [1, 2])  # 1: each caller cuts on its own thread
def test_concurrent_batches_from_python_threads(workers):
    expected = [zhfast.lcut(t) for t in LINES]
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(zhfast.lcut_batch(LINES, threads=workers))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 20 and all(r == expected for r in results)


def test_concurrent_mixed_batches_sharing_helpers():
    # Several callers share one pool of helpers while each also cuts on its own thread
    # and takes the GIL to build its results: no caller may wait on another's work.
    lines = LINES * 4
    expected_tokens = [zhfast.lcut(t) for t in lines]
    expected_ends = [ends_of(t) for t in expected_tokens]
    failures = []

    def work(i):
        try:
            for _ in range(3):
                if i % 2:
                    assert zhfast.lcut_batch(lines, threads=3) == expected_tokens
                else:
                    assert [list(a) for a in zhfast.cut_offsets_batch(lines, threads=3)] == expected_ends
        except BaseException as e:  # pragma: no cover - reported below
            failures.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a batch call hung"
    assert not failures


@pytest.mark.parametrize("threads", [1, 2, 3, 4])
def test_an_error_mid_batch_is_raised_and_the_tokenizer_goes_on(tmp_path, threads):
    # jieba fails in `log` once a negative-frequency word is on the route; a batch with
    # such a text among many others raises jieba's error from the thread that calls it.
    p = tmp_path / "neg.txt"
    p.write_text("负词 -5\n好 3\n词 3\n负 3\n", encoding="utf-8")
    t = zhfast.Tokenizer(str(p))
    good = ["好好词" * 50] * 2000
    with pytest.raises(ValueError, match="math domain error"):
        t.lcut_batch(good + ["好负词"] + good, threads=threads)
    with pytest.raises(ValueError, match="math domain error"):
        t.cut_offsets_batch(good[:3] + ["好负词"], threads=threads)
    assert t.lcut_batch(good[:5], threads=threads) == [t.lcut(good[0])] * 5


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_batch_after_fork():
    zhfast.lcut_batch(LINES, threads=2)  # pools exist in the parent
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: must not hang on the parent's (threadless) pool
        try:
            ok = zhfast.lcut_batch(LINES, threads=2) == [zhfast.lcut(t) for t in LINES]
            os.write(w, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(w)
    _, status = os.waitpid(pid, 0)
    assert os.read(r, 1) == b"1" and status == 0


def test_enable_parallel_keeps_output():
    text = "".join(t for t in LINES if "\ud800" not in t) * 3
    expected = jieba.lcut(text)
    expected_search = jieba.lcut_for_search(text)
    try:
        zhfast.enable_parallel(2)
        assert list(zhfast.cut(text)) == expected
        assert list(zhfast.cut_for_search(text)) == expected_search
    finally:
        zhfast.disable_parallel()
    assert zhfast.cut.__self__ is zhfast.dt
    with pytest.raises(ValueError):
        zhfast.enable_parallel(0)


def test_multiprocessing_workers_use_batches():
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(2) as pool:
        got = pool.map(zhfast.lcut_batch, [LINES[:10], LINES[10:20]])
    assert got == [zhfast.lcut_batch(LINES[:10]), zhfast.lcut_batch(LINES[10:20])]


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")
@pytest.mark.parametrize("threads", [1, 2])
def test_a_signal_handler_can_stop_a_long_batch(threads):
    # Ctrl-C must be able to stop a batch of any size: pending handlers run between
    # groups of texts, and the exception a handler raises ends the call early (without
    # that, it would be raised only once the whole batch had been cut).
    class Stop(Exception):
        pass

    def handler(signum, frame):
        raise Stop

    lines = [t for t in LINES if t.strip() and "\ud800" not in t] * 500  # no fallback path
    started = time.perf_counter()
    while time.perf_counter() - started < 0.5:  # at least half a second of work
        lines += lines
        started = time.perf_counter()
        zhfast.lcut_batch(lines, threads=threads)
    full = time.perf_counter() - started
    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, full / 10)
        started = time.perf_counter()
        with pytest.raises(Stop):
            zhfast.lcut_batch(lines, threads=threads)
        stopped_after = time.perf_counter() - started
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert stopped_after < full / 2, (stopped_after, full)
    assert zhfast.lcut_batch(lines[:100], threads=threads) == [zhfast.lcut(t) for t in lines[:100]]
