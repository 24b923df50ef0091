"""``zhfast.cut_file``: each line as ``lcut`` (or ``posseg.lcut``) cuts it, for any
number of threads and block size; compressed files; file objects; progress; errors;
and memory that does not grow with the length of a line."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import subprocess
import sys

import pytest

import zhfast
import zhfast.posseg
from conftest import SAMPLE_FILE, corpus_files

MIXED = (
    "我来到北京清华大学\r\n他来到了网易杭研大厦\r\r小明硕士毕业于中国科学院计算所  后在日本京都大学深造\n\n"
    " 3.14%abc\t李小福是创新办主任也是云计算方面的专家\u3000韩玉赏鉴\x1c\n"
    + "长句，" * 3000 + "\n最后一行没有换行"
)


def python_lines(text):
    """The lines ``open(path)`` reads: split at ``\\n``, ``\\r\\n`` and ``\\r``."""
    return io.StringIO(text, newline=None).read().split("\n") if text else []


def expected_text(text, cut=zhfast.dt.lcut, delimiter=" / "):
    lines = python_lines(text)
    if lines and lines[-1] == "":
        lines.pop()
    return "".join(delimiter.join(cut(line)) + "\n" for line in lines)


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.fixture(scope="module")
def corpus_text():
    files = corpus_files() or [SAMPLE_FILE]
    return "".join(p.read_text(encoding="utf-8") for p in files)


@pytest.mark.parametrize("jobs", [1, 2, 4])
@pytest.mark.parametrize("block_bytes", [1, 13, 4096, None])
def test_each_line_as_lcut(tmp_path, jobs, block_bytes):
    src = write(tmp_path, "in.txt", MIXED.encode("utf-8"))
    dst = tmp_path / "out.txt"
    zhfast.cut_file(src, dst, jobs=jobs, block_bytes=block_bytes)
    assert dst.read_text(encoding="utf-8") == expected_text(MIXED)


@pytest.mark.parametrize(
    "kwargs, cut",
    [({"cut_all": True}, lambda s: zhfast.dt.lcut(s, cut_all=True)),
     ({"HMM": False}, lambda s: zhfast.dt.lcut(s, HMM=False)),
     ({"pos": "/"}, lambda s: ["%s/%s" % (w, f) for w, f in zhfast.posseg.lcut(s)]),
     ({"pos": True, "HMM": False}, lambda s: ["%s_%s" % (w, f) for w, f in zhfast.posseg.lcut(s, HMM=False)])],
)
def test_modes_and_tags(tmp_path, kwargs, cut):
    src = write(tmp_path, "in.txt", MIXED.encode("utf-8"))
    dst = tmp_path / "out.txt"
    zhfast.cut_file(str(src), str(dst), jobs=2, block_bytes=97, delimiter="|", **kwargs)
    assert dst.read_text(encoding="utf-8") == expected_text(MIXED, cut, "|")


def test_corpus_as_lcut(tmp_path, corpus_text):
    src = write(tmp_path, "corpus.txt", corpus_text.encode("utf-8"))
    dst = tmp_path / "out.txt"
    zhfast.cut_file(src, dst)
    assert dst.read_text(encoding="utf-8") == expected_text(corpus_text)


def test_jsonl(tmp_path):
    src = write(tmp_path, "in.txt", (MIXED + '\n"引号"\\反斜杠\x01\n').encode("utf-8"))
    dst = tmp_path / "out.jsonl"
    zhfast.cut_file(src, dst, format="jsonl", block_bytes=50)
    lines = dst.read_text(encoding="utf-8").splitlines()
    expected = [zhfast.lcut(line) for line in python_lines(src.read_text(encoding="utf-8"))[:-1]]
    assert lines == [json.dumps(t, ensure_ascii=False, separators=(",", ":")) for t in expected]
    zhfast.cut_file(src, dst, format="jsonl", pos=True)
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == [[w, f] for w, f in zhfast.posseg.lcut("我来到北京清华大学")]


@pytest.mark.parametrize("codec, suffix", [(gzip, ".gz"), (bz2, ".bz2"), (lzma, ".xz")])
def test_compressed_files(tmp_path, codec, suffix):
    src = write(tmp_path, "in.txt" + suffix, codec.compress(MIXED.encode("utf-8")))
    dst = tmp_path / "out.txt"
    zhfast.cut_file(src, dst, jobs=2, block_bytes=1000)
    assert dst.read_text(encoding="utf-8") == expected_text(MIXED)
    packed = tmp_path / ("out.txt" + suffix)
    zhfast.cut_file(src, packed)
    assert codec.decompress(packed.read_bytes()).decode("utf-8") == expected_text(MIXED)


def test_file_objects(tmp_path):
    out = io.BytesIO()
    zhfast.cut_file(io.BytesIO(MIXED.encode("utf-8")), out, block_bytes=333)
    assert out.getvalue().decode("utf-8") == expected_text(MIXED)
    # Text files are read and written through their binary buffers.
    src = write(tmp_path, "in.txt", MIXED.encode("utf-8"))
    with open(src, encoding="utf-8") as f, open(tmp_path / "out.txt", "w", encoding="utf-8") as g:
        zhfast.cut_file(f, g)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == expected_text(MIXED)


def test_command_line_in_process(tmp_path, capsys):
    # main() called from Python, with sys.stdout replaced: written through it.
    from zhfast.__main__ import main

    src = write(tmp_path, "in.txt", "我来到北京清华大学\n".encode("utf-8"))
    main(["-q", "-j", "2", str(src)])
    assert capsys.readouterr().out == "我 / 来到 / 北京 / 清华大学\n"


def test_progress_callback(tmp_path):
    data = ("我来到北京清华大学\n" * 20000).encode("utf-8")
    src = write(tmp_path, "in.txt", data)
    seen = []
    zhfast.cut_file(src, tmp_path / "out.txt", progress=lambda done, total: seen.append((done, total)), block_bytes=4096)
    assert seen and seen[-1] == (len(data), len(data))
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    seen.clear()
    zhfast.cut_file(io.BytesIO(data), io.BytesIO(), progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(data), None)


def test_progress_line(tmp_path, capsys):
    src = write(tmp_path, "in.txt", "我来到北京清华大学\n".encode("utf-8") * 1000)
    zhfast.cut_file(src, tmp_path / "out.txt", progress=True)
    err = capsys.readouterr().err
    assert err.startswith("\r") and "100% [" in err and "MB/s" in err and err.endswith("left\n")
    zhfast.cut_file(src, tmp_path / "out.txt")
    assert capsys.readouterr().err == ""  # off: stderr is not a terminal here


def test_errors(tmp_path):
    bad = write(tmp_path, "bad.txt", "北京\n".encode("utf-8") * 1000 + b"\xe4\xb8\n")
    with pytest.raises(UnicodeDecodeError, match="invalid UTF-8 at byte 7000"):
        zhfast.cut_file(bad, tmp_path / "out.txt", block_bytes=100)
    with pytest.raises(FileNotFoundError):
        zhfast.cut_file(tmp_path / "missing.txt", tmp_path / "out.txt")
    good = write(tmp_path, "good.txt", b"x\n")
    with pytest.raises(ValueError):
        zhfast.cut_file(good, tmp_path / "out.txt", jobs=0)
    with pytest.raises(ValueError):
        zhfast.cut_file(good, tmp_path / "out.txt", format="csv")
    with pytest.raises(TypeError):
        zhfast.cut_file(io.StringIO("北京"), io.BytesIO())
    with pytest.raises(ValueError, match="same file"):
        zhfast.cut_file(good, good)
    assert good.read_bytes() == b"x\n"


def test_a_negative_frequency_fails_as_jieba(tmp_path):
    p = write(tmp_path, "neg.txt", "负词 -5\n好 3\n词 3\n负 3\n".encode("utf-8"))
    src = write(tmp_path, "in.txt", "好好词\n好负词\n".encode("utf-8"))
    code = ("import sys, zhfast; zhfast.setLogLevel(60); zhfast.initialize(sys.argv[1]);"
            "zhfast.cut_file(sys.argv[2], sys.argv[3])")
    proc = subprocess.run([sys.executable, "-c", code, str(p), str(src), str(tmp_path / "o.txt")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1 and "ValueError: math domain error" in proc.stderr


PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_kb(args):
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "zhfast", "-q", *args],
                         capture_output=True, text=True, timeout=300, check=True)
    return int(out.stdout)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KB of a child: Linux")
def test_one_long_line_in_bounded_memory(tmp_path):
    # 40 MB in one line: cut while it streams, its memory is a few blocks, not the line.
    line = tmp_path / "line.txt"
    with open(line, "wb") as f:
        for _ in range(40):
            f.write("我来到北京清华大学，".encode("utf-8") * 35_000)
    tiny = write(tmp_path, "tiny.txt", "我来到北京清华大学，\n".encode("utf-8"))
    out = tmp_path / "out.txt"
    base = peak_rss_kb(["-j", "2", "-o", str(out), str(tiny)])
    small_blocks = peak_rss_kb(["-j", "1", "--block-bytes", "65536", "-o", str(out), str(line)])
    default = peak_rss_kb(["-j", "2", "-o", str(out), str(line)])
    assert out.read_bytes().count(b"\n") == 1
    # The line alone would be 40 MB as bytes (more as a str and its tokens); with 1 MB
    # blocks, up to six units are in flight on two threads, each with its output.
    assert small_blocks - base < 8_000, (base, small_blocks)
    assert default - base < 30_000, (base, default)
