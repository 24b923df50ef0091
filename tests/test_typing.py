"""The public API is typed: the README's examples pass ``mypy --strict``, the types
mypy infers are the precise ones, and the stubs match the code (mypy's stubtest)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "typing"

pytest.importorskip("mypy")


def _mypy(*args):
    return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", *args], check=False, capture_output=True, text=True,
                          timeout=600, cwd=str(HERE))


def test_readme_examples_pass_mypy_strict():
    out = _mypy("--strict", "readme_examples.py")
    assert out.returncode == 0, out.stdout + out.stderr


def test_readme_examples_run():
    out = subprocess.run([sys.executable, str(HERE / "readme_examples.py")], check=False, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr


def test_revealed_types():
    out = _mypy("reveal.py")
    # (older mypy versions spell builtins out)
    revealed = [r.replace("builtins.", "") for r in re.findall(r'Revealed type is "(.*)"', out.stdout)]
    assert revealed == [
        "list[str]",
        "typing.Generator[str, None, None]",
        "list[zhfast.posseg.pair]",
        "typing.Generator[zhfast.posseg.pair, None, None]",
        "list[str]",
        "typing.Generator[tuple[str, int, int], None, None]",
        "array.array[int]",
        "int | None",
        "list[str]",
        "list[tuple[str, float]]",
        "re.Pattern[str]",
        "zhfast._freq.FreqView",
    ], out.stdout


def test_package_stubs_match_the_code():
    """Every module of zhfast (inline annotations, the analyse stubs, the extension's
    stub) agrees with what runs."""
    out = subprocess.run([sys.executable, "-m", "mypy.stubtest", "zhfast"], check=False, capture_output=True, text=True,
                         timeout=600, cwd=str(HERE))
    assert out.returncode == 0, out.stdout + out.stderr
