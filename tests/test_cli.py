"""``python -m zhfast`` prints the same bytes as ``python -m jieba``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
TEXT = (
    "我来到北京清华大学\r\n他来到了网易杭研大厦\r小明硕士毕业于中国科学院计算所  后在日本京都大学深造\n\n"
    " 3.14%abc\t李小福是创新办主任也是云计算方面的专家\u3000韩玉赏鉴\n最后一行没有换行"
)


def run(module, args, stdin=None):
    proc = subprocess.run([sys.executable, "-m", module, *args], input=stdin, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout


@pytest.fixture(scope="module")
def infile(tmp_path_factory):
    p = tmp_path_factory.mktemp("cli") / "in.txt"
    p.write_bytes(TEXT.encode("utf-8"))
    return str(p)


@pytest.mark.parametrize(
    "flags",
    [[], ["-a"], ["-n"], ["-a", "-n"], ["-d", "|"], ["-d", "-n"], ["--delimiter= ** "], ["-u", str(DATA / "userdict.txt")],
     ["-p", "_"], ["-p", "|", "-n"], ["-u", str(DATA / "userdict.txt"), "-p", "/"]],
)
def test_same_bytes_as_jieba(infile, flags):
    ours = run("zhfast", ["-q", *flags, infile])
    assert ours == run("jieba", ["-q", *flags, infile])
    assert ours.count(b"\n") == 6


def test_stdin_and_sample(infile):
    data = Path(infile).read_bytes()
    assert run("zhfast", ["-q", "-d", "/"], stdin=data) == run("jieba", ["-q", "-d", "/"], stdin=data)
    sample = run("zhfast", ["-q", "--sample"])
    assert "清华大学".encode() in sample and b" / " in sample


def test_custom_dictionary_flag(tmp_path, infile):
    d = tmp_path / "d.txt"
    d.write_text("北京 10 ns\n清华 5 nt\n大学 8 n\n清华大学 9 nt\n", encoding="utf-8")
    assert run("zhfast", ["-q", "-D", str(d), infile]) == run("jieba", ["-q", "-D", str(d), infile])


def test_version_and_loading_messages(infile):
    out = subprocess.run([sys.executable, "-m", "zhfast", "-V"], capture_output=True, text=True)
    assert out.stdout.startswith("zhfast ") and "jieba 0.42.1" in out.stdout
    loud = subprocess.run([sys.executable, "-m", "zhfast", infile], capture_output=True, text=True)
    assert "Prefix dict has been built successfully." in loud.stderr
    quiet = subprocess.run([sys.executable, "-m", "zhfast", "-q", infile], capture_output=True, text=True)
    assert quiet.stderr == ""


def test_closed_pipe_ends_quietly(tmp_path):
    # `zhfast big.txt | head -1`: the reader leaves after one line; no traceback follows.
    big = tmp_path / "big.txt"
    big.write_text("我来到北京清华大学\n" * 200_000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "zhfast", "-q", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=120)
    assert first.decode("utf-8") == "我 / 来到 / 北京 / 清华大学\n"
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr, stderr.decode("utf-8", "replace")
    assert proc.returncode == 1
