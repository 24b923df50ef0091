"""``zhfast.install_as_jieba()``: jieba's own demo scripts (the ``test/`` folder of its
0.42.1 source distribution, fetched from PyPI at test time, not kept in this repo) print
the same with zhfast standing in for jieba as with jieba itself."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

# Scripts that exercise cut, posseg, tokenize and user dictionaries deterministically
# (the others need files the sdist lacks, paddle, whoosh, or print in thread order).
SCRIPTS = [
    "test.py", "test_bug.py", "test_cut_for_search.py", "test_cutall.py", "test_no_hmm.py",
    "test_pos.py", "test_pos_no_hmm.py", "test_tokenize.py", "test_tokenize_no_hmm.py", "test_userdict.py",
]

AS_ZHFAST = ("import sys, runpy, zhfast; zhfast.install_as_jieba(); sys.argv = [sys.argv[1]]; "
             "runpy.run_path(sys.argv[0], run_name='__main__')")


@pytest.fixture(scope="module")
def jieba_tests(tmp_path_factory):
    root = tmp_path_factory.mktemp("sdist")
    try:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps",
                        "-q", "-d", str(root), "jieba==0.42.1"], check=True, timeout=180, capture_output=True)
    except (subprocess.SubprocessError, OSError) as e:
        pytest.skip("jieba's source distribution could not be fetched: %s" % e)
    (archive,) = root.glob("jieba-0.42.1.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(root, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(root)
    test_dir = root / "jieba-0.42.1" / "test"
    # test_userdict.py reads userdict.txt, which the sdist leaves out: jieba's README file.
    shutil.copy(DATA / "userdict.txt", test_dir / "userdict.txt")
    return test_dir


def run(args, cwd):
    out = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")[-2000:]
    return out.stdout


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_the_same(jieba_tests, script):
    with_jieba = run([script], jieba_tests)
    with_zhfast = run(["-c", AS_ZHFAST, script], jieba_tests)
    assert with_zhfast == with_jieba
    assert with_jieba.count(b"\n") >= 4


def test_submodules_and_library_style_imports():
    code = (
        "import zhfast; zhfast.install_as_jieba()\n"
        "import jieba, jieba.posseg as pseg\n"
        "from jieba.analyse import extract_tags, textrank\n"
        "from jieba import analyse\n"
        "assert jieba.lcut is zhfast.lcut and pseg is zhfast.posseg and analyse is zhfast.analyse\n"
        "print(jieba.lcut('我来到北京清华大学'), [tuple(p) for p in pseg.lcut('我爱北京天安门')])\n"
        "print(extract_tags('我来到北京清华大学，清华大学很美', topK=3))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "清华大学" in out.stdout and "('北京', 'ns')" in out.stdout
