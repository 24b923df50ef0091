"""The hand-written stubs for the extension match what it exports (mypy's stubtest)."""
import subprocess
import sys

import pytest


def test_core_stub_matches_extension():
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "zhfast._core"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
