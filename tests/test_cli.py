"""``python -m zhfast`` prints the same bytes as ``python -m jieba``, on any number of
threads; streams; ends quietly on a closed pipe and promptly on Ctrl-C."""
from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import corpus_files

DATA = Path(__file__).parent / "data"
TEXT = (
    "我来到北京清华大学\r\n他来到了网易杭研大厦\r小明硕士毕业于中国科学院计算所  后在日本京都大学深造\n\n"
    " 3.14%abc\t李小福是创新办主任也是云计算方面的专家\u3000韩玉赏鉴\n最后一行没有换行"
)
# Line ends of every kind, a long line with every kind of separator inside it, runs of
# spaces (cut_all's empty strings), `\r` runs before `\n` (stripped on standard input).
GENERATED = (
    "一\r\n\r\n二\r\r三\r\r\n四\n\r五 \r\n"
    + "".join("北京大学%d，清华-%%大学 \u3000\t  C++和c#。\x1c" % i for i in range(400))
    + "\r\n" + "x" * 3000 + "\n\n  \n\r\n末行\r\r"
)


def run(module, args, stdin=None, timeout=300):
    proc = subprocess.run([sys.executable, "-m", module, *args], input=stdin, capture_output=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout


@functools.lru_cache(maxsize=None)
def jieba_output(args, stdin=None):
    return run("jieba", list(args), stdin=stdin)


@pytest.fixture(scope="module")
def infile(tmp_path_factory):
    p = tmp_path_factory.mktemp("cli") / "in.txt"
    p.write_bytes(TEXT.encode("utf-8"))
    return str(p)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    p = tmp_path_factory.mktemp("cli") / "generated.txt"
    p.write_bytes(GENERATED.encode("utf-8"))
    return str(p)


@pytest.mark.parametrize(
    "flags",
    [[], ["-a"], ["-n"], ["-a", "-n"], ["-d", "|"], ["-d", "-n"], ["--delimiter= ** "], ["-u", str(DATA / "userdict.txt")],
     ["-p", "_"], ["-p", "|", "-n"], ["-u", str(DATA / "userdict.txt"), "-p", "/"]],
)
def test_same_bytes_as_jieba(infile, flags):
    ours = run("zhfast", ["-q", *flags, infile])
    assert ours == jieba_output(("-q", *flags, infile))
    assert ours.count(b"\n") == 6


@pytest.mark.parametrize("jobs", ["1", "2", "4"])
@pytest.mark.parametrize("flags", [[], ["-a"], ["-n"], ["-p", "_"], ["-a", "-d", ""], ["-u", str(DATA / "userdict.txt"), "-p"]])
def test_generated_lines_on_any_number_of_threads(generated, flags, jobs):
    expected = jieba_output(("-q", *flags, generated))
    assert run("zhfast", ["-q", "-j", jobs, *flags, generated]) == expected
    # Tiny blocks: units end everywhere, and the long lines are split while they stream.
    for block in ("7",):
        assert run("zhfast", ["-q", "-j", jobs, "--block-bytes", block, *flags, generated]) == expected


@pytest.mark.parametrize("jobs", ["1", "3"])
@pytest.mark.parametrize("flags", [[], ["-a"], ["-p", "/"]])
def test_standard_input_splits_lines_as_jieba_reads_it(generated, flags, jobs):
    # Python's stdin ends lines at "\n" only: a lone "\r" is whitespace inside a line.
    data = Path(generated).read_bytes()
    expected = jieba_output(("-q", *flags), stdin=data)
    assert expected != jieba_output(("-q", *flags, generated))
    for block in ("5", "1048576"):
        assert run("zhfast", ["-q", "-j", jobs, "--block-bytes", block, *flags], stdin=data) == expected


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_files_same_bytes_as_jieba(path):
    expected = jieba_output(("-q", str(path)))
    for jobs in ("1", "2", "4"):
        assert run("zhfast", ["-q", "-j", jobs, str(path)]) == expected, jobs


@pytest.mark.parametrize("flags", [["-a"], ["-n"], ["-p", "_"]])
def test_corpus_with_flags(tmp_path, flags):
    files = corpus_files()
    if not files:
        pytest.skip("corpus absent")
    data = b"".join(p.read_bytes() for p in files)
    # jieba takes seconds a megabyte (posseg more): a part of the corpus.
    data = data[: data.index(b"\n", 300_000 if "-p" in flags else 600_000) + 1]
    path = tmp_path / "corpus.txt"
    path.write_bytes(data)
    expected = jieba_output(("-q", *flags, str(path)))
    for jobs in ("1", "2", "4"):
        assert run("zhfast", ["-q", "-j", jobs, *flags, str(path)]) == expected


def test_stdin_and_sample(infile):
    data = Path(infile).read_bytes()
    assert run("zhfast", ["-q", "-d", "/"], stdin=data) == run("jieba", ["-q", "-d", "/"], stdin=data)
    sample = run("zhfast", ["-q", "--sample"])
    assert "清华大学".encode() in sample and b" / " in sample


def test_custom_dictionary_flag(tmp_path, infile):
    # With -p, jieba's posseg keeps the bundled dictionary's tags (read before -D took
    # effect): 来到 stays v, 他 r, and words only in DICT are x.
    d = tmp_path / "d.txt"
    d.write_text("北京 10 ns\n清华 5 nt\n大学 8 n\n清华大学 9 nt\n来到 100 zz\n他 30\n新词 3 qq\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_bytes(Path(infile).read_bytes() + "\n他来到北京清华大学新词\n我们\n".encode("utf-8"))
    for flags in ([], ["-p", "_"], ["-p", "_", "-n", "-u", str(DATA / "userdict.txt")]):
        args = ["-q", "-D", str(d), *flags, str(text)]
        assert run("zhfast", args) == run("jieba", args), flags


def test_output_file_jsonl_and_compressed_input(tmp_path, infile):
    import gzip
    import json

    import zhfast

    gz = tmp_path / "in.txt.gz"
    gz.write_bytes(gzip.compress(Path(infile).read_bytes()))
    out = tmp_path / "out.txt"
    assert run("zhfast", ["-q", "-o", str(out), str(gz)]) == b""
    assert out.read_bytes() == jieba_output(("-q", infile))
    lines = run("zhfast", ["-q", "--format", "jsonl", infile]).decode("utf-8").splitlines()
    with open(infile, encoding="utf-8") as f:
        expected = [zhfast.lcut(line.rstrip("\r\n")) for line in f]
    assert [json.loads(line) for line in lines] == expected
    assert lines[0] == json.dumps(expected[0], ensure_ascii=False, separators=(",", ":"))


def test_errors_are_reported_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("北京\n".encode() + b"\xff\xfe\n")
    proc = subprocess.run([sys.executable, "-m", "zhfast", "-q", str(bad)], capture_output=True, timeout=120)
    # What is written stops before the unit with the bad byte (here, the only one).
    assert proc.returncode == 1 and "北京\n".encode().startswith(proc.stdout)
    assert b"invalid UTF-8 at byte 7" in proc.stderr and b"Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "zhfast", "-q", str(tmp_path / "missing.txt")], capture_output=True,
                          timeout=120)
    assert proc.returncode == 1 and b"No such file" in proc.stderr and b"Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "zhfast", "-j", "0"], capture_output=True, timeout=120)
    assert proc.returncode == 2 and b"must be at least 1" in proc.stderr


def test_version_and_loading_messages(infile):
    out = subprocess.run([sys.executable, "-m", "zhfast", "-V"], capture_output=True, text=True)
    assert out.stdout.startswith("zhfast ") and "jieba 0.42.1" in out.stdout
    loud = subprocess.run([sys.executable, "-m", "zhfast", infile], capture_output=True, text=True)
    assert "Prefix dict has been built successfully." in loud.stderr
    quiet = subprocess.run([sys.executable, "-m", "zhfast", "-q", infile], capture_output=True, text=True)
    assert quiet.stderr == ""


def test_progress_on_stderr(tmp_path, infile):
    out = tmp_path / "out.txt"
    proc = subprocess.run([sys.executable, "-m", "zhfast", "-q", "--progress", "-o", str(out), infile],
                          capture_output=True, text=True, timeout=120)
    size = os.path.getsize(infile)
    assert proc.returncode == 0 and "100% [" in proc.stderr and "MB/s" in proc.stderr and "left" in proc.stderr
    assert proc.stderr.endswith("\n") and "%.1f/%.1f MB" % (size / 1e6, size / 1e6) in proc.stderr
    # Size unknown (a pipe): a byte counter.
    proc = subprocess.run([sys.executable, "-m", "zhfast", "-q", "--progress"], input=Path(infile).read_bytes(),
                          capture_output=True, timeout=120)
    assert b"MB/s" in proc.stderr and b"%" not in proc.stderr
    # Off by default when stderr is not a terminal.
    proc = subprocess.run([sys.executable, "-m", "zhfast", "-q", infile], capture_output=True, timeout=120)
    assert proc.stderr == b""


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_progress_by_default_on_a_terminal(tmp_path, infile):
    import pty

    def stderr_on_a_terminal(args):
        master, slave = pty.openpty()
        try:
            subprocess.run([sys.executable, "-m", "zhfast", "-q", *args], stdout=subprocess.DEVNULL, stderr=slave,
                           timeout=120, check=True)
            os.close(slave)
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO once the terminal's other end is closed and drained
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(master)

    shown = stderr_on_a_terminal(["-o", str(tmp_path / "out.txt"), infile])
    assert b"100% [" in shown and b"MB/s" in shown
    assert stderr_on_a_terminal(["--no-progress", "-o", str(tmp_path / "out.txt"), infile]) == b""


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    p = tmp_path_factory.mktemp("cli") / "big.txt"
    p.write_text("我来到北京清华大学\n" * 200_000 + "他来到了网易杭研大厦\n" * 200_000, encoding="utf-8")
    return p


def test_closed_pipe_ends_quietly(big):
    # `zhfast big.txt | head -1`: the reader leaves after one line; no traceback follows.
    proc = subprocess.Popen([sys.executable, "-m", "zhfast", "-q", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=120)
    assert first.decode("utf-8") == "我 / 来到 / 北京 / 清华大学\n"
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr, stderr.decode("utf-8", "replace")
    assert proc.returncode == 1


def _interrupt_after_output(args, path, chunk):
    """Runs zhfast reading standard input (fed ``chunk`` after ``chunk`` for as long as it
    runs) and writing to ``path``; sends SIGINT once output has appeared and returns
    (seconds from SIGINT to exit, return code, stderr)."""
    import threading

    with open(path, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "zhfast", "-q", *args], stdin=subprocess.PIPE, stdout=out,
                                stderr=subprocess.PIPE)

        def feed():
            try:
                while proc.poll() is None:
                    proc.stdin.write(chunk)
            except (BrokenPipeError, ValueError, OSError):
                pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        deadline = time.monotonic() + 60
        while os.path.getsize(path) == 0 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        time.sleep(0.2)  # well into the stream
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        finally:
            proc.kill()
        seconds = time.monotonic() - t0
        feeder.join(timeout=30)
        return seconds, proc.returncode, proc.stderr.read()


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_promptly_on_a_whole_line(tmp_path, jobs):
    out = tmp_path / "out.txt"
    chunk = ("我来到北京清华大学\n" * 5000 + "他来到了网易杭研大厦\n" * 5000).encode("utf-8")
    seconds, code, stderr = _interrupt_after_output(["-j", jobs], out, chunk)
    assert code == 130 and b"Traceback" not in stderr, stderr
    assert seconds < 1.0, seconds
    data = out.read_bytes()
    assert len(data) > 0 and data.endswith(b"\n")
    lines = data.decode("utf-8").splitlines()
    assert set(lines) <= {"我 / 来到 / 北京 / 清华大学", "他 / 来到 / 了 / 网易 / 杭研 / 大厦"}


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_ctrl_c_inside_one_long_line_ends_that_line(tmp_path):
    out = tmp_path / "out.txt"
    seconds, code, _ = _interrupt_after_output(["-j", "2"], out, "我来到北京清华大学，".encode("utf-8") * 10_000)
    assert code == 130 and seconds < 1.0, (code, seconds)
    data = out.read_bytes().decode("utf-8")
    assert data.endswith("\n") and data.count("\n") == 1
    assert data.startswith("我 / 来到 / 北京 / 清华大学 / ，")
    assert data[:-1].endswith(("，", "清华大学"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_standard_input_streams_and_ctrl_c_stops_a_waiting_read():
    # Lines written to an open pipe come out before the pipe is closed, and Ctrl-C
    # stops zhfast while it waits for more.
    proc = subprocess.Popen([sys.executable, "-m", "zhfast", "-q"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        proc.stdin.write("我来到北京清华大学\n".encode("utf-8"))
        proc.stdin.flush()
        assert proc.stdout.readline().decode("utf-8") == "我 / 来到 / 北京 / 清华大学\n"
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        seconds = time.monotonic() - t0
    finally:
        proc.kill()
    assert proc.returncode == 130 and seconds < 1.0, (proc.returncode, seconds)
