#!/usr/bin/env python3
"""Install a built zhfast into a fresh virtual environment and check that it works
without a Rust toolchain: the CLI on the sample text, and a differential smoke test
against jieba 0.42.1 (installed from PyPI into the same environment).

    python scripts/wheel_smoke.py DIST_DIR_OR_WHEEL        # a wheel: no Rust on PATH
    python scripts/wheel_smoke.py --sdist zhfast-X.tar.gz  # the sdist: pip builds it

``ZHFAST_SMOKE_CORPUS`` names a UTF-8 file whose first 500 lines are compared too.

For a wheel, the checks run with every folder that holds ``cargo`` or ``rustc`` taken
off ``PATH`` (and rustup's variables unset), from a folder outside the source tree, and
the script asserts that ``shutil.which("cargo")`` is ``None`` there and that ``zhfast``
is imported from the new environment.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SMOKE = r'''
import shutil, sys, os
import zhfast, zhfast.posseg, zhfast.analyse, jieba, jieba.posseg, jieba.analyse
no_rust = sys.argv[1] == "wheel"
if no_rust:
    assert shutil.which("cargo") is None and shutil.which("rustc") is None, os.environ["PATH"]
assert zhfast.__file__.startswith(sys.prefix), (zhfast.__file__, sys.prefix)
jieba.setLogLevel(60)
zhfast.setLogLevel(60)
sample = os.path.join(os.path.dirname(zhfast.__file__), "sample.txt")
with open(sample, encoding="utf-8") as f:
    lines = f.read().splitlines()
corpus = os.environ.get("ZHFAST_SMOKE_CORPUS")
if corpus:
    with open(corpus, encoding="utf-8") as f:
        lines += [next(f).rstrip("\n") for _ in range(500)]
lines += ["我来到北京清华大学", "他来到了网易杭研大厦 3.14% C++ 和 c#", "  \r\n\t中国\u3000人 𠀀"]
compared = 0
for line in lines:
    assert zhfast.lcut(line) == jieba.lcut(line), line
    assert zhfast.lcut(line, HMM=False) == jieba.lcut(line, HMM=False), line
    assert zhfast.lcut(line, cut_all=True) == jieba.lcut(line, cut_all=True), line
    assert zhfast.lcut_for_search(line) == jieba.lcut_for_search(line), line
    assert list(zhfast.tokenize(line)) == list(jieba.tokenize(line)), line
    assert [tuple(p) for p in zhfast.posseg.lcut(line)] == [tuple(p) for p in jieba.posseg.lcut(line)], line
    compared += 1
text = "\n".join(lines)
assert zhfast.analyse.extract_tags(text, withWeight=True) == jieba.analyse.extract_tags(text, withWeight=True)
assert zhfast.lcut_batch(lines, threads=2) == [jieba.lcut(s) for s in lines]
print("smoke: %d lines in 6 modes and keywords equal jieba's; zhfast %s from %s"
      % (compared, zhfast.__version__, os.path.dirname(zhfast.__file__)))
'''


def run(cmd, **kw):
    shown = [a if len(str(a)) < 80 else str(a)[:40].strip() + " ..." for a in cmd]
    print("+", " ".join(map(str, shown)), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def without_rust(env):
    """``env`` with every PATH folder that has cargo or rustc removed."""
    env = dict(env)
    keep = []
    for folder in env.get("PATH", "").split(os.pathsep):
        if folder and not any(shutil.which(tool, path=folder) for tool in ("cargo", "rustc")):
            keep.append(folder)
    env["PATH"] = os.pathsep.join(keep)
    for name in ("CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "CARGO"):
        env.pop(name, None)
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="a wheel, a folder of wheels, or (with --sdist) an sdist")
    parser.add_argument("--sdist", action="store_true", help="install from the source distribution")
    args = parser.parse_args()
    target = Path(args.target).resolve()
    with tempfile.TemporaryDirectory(prefix="zhfast-smoke-") as tmp:
        venv = Path(tmp) / "venv"
        run([sys.executable, "-m", "venv", str(venv)])
        bindir = venv / ("Scripts" if os.name == "nt" else "bin")
        python = bindir / ("python.exe" if os.name == "nt" else "python")
        run([str(python), "-m", "pip", "install", "-q", "jieba==0.42.1"])
        if args.sdist:
            env = dict(os.environ)
            run([str(python), "-m", "pip", "install", "-q", str(target)], env=env)
            kind = "sdist"
        else:
            if target.is_dir():
                install = ["--no-index", "--find-links", str(target), "zhfast"]
            else:
                install = [str(target)]
            run([str(python), "-m", "pip", "install", "-q", "--no-deps", *install])
            env = without_rust(os.environ)
            kind = "wheel"
        env["PYTHONPATH"] = ""
        if env.get("ZHFAST_SMOKE_CORPUS"):
            env["ZHFAST_SMOKE_CORPUS"] = os.path.abspath(env["ZHFAST_SMOKE_CORPUS"])
        cli = bindir / ("zhfast.exe" if os.name == "nt" else "zhfast")
        ours = run([str(cli), "-q", "--sample"], env=env, cwd=tmp, capture_output=True).stdout
        where = "import zhfast, os; print(os.path.join(os.path.dirname(zhfast.__file__), 'sample.txt'))"
        sample = run([str(python), "-c", where], env=env, cwd=tmp, capture_output=True, text=True).stdout.strip()
        theirs = run([str(python), "-m", "jieba", "-q", sample], env=env, cwd=tmp, capture_output=True).stdout
        assert ours == theirs and ours.count(b"\n") > 3, (ours[:300], theirs[:300])
        print(f"cli: `zhfast -q --sample` prints what `python -m jieba -q` prints ({len(ours)} bytes)")
        run([str(python), "-c", SMOKE, kind], env=env, cwd=tmp)


if __name__ == "__main__":
    main()
