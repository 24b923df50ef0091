"""Starting the engines for the tests: the worker processes must run this Python and
find ``tests/engine_cases.py``."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from engine_cases import TESTS_DIR


def worker_environment():
    """Sets what worker processes inherit: this interpreter, and this folder on the path."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    path = os.environ.get("PYTHONPATH", "")
    if str(TESTS_DIR) not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(TESTS_DIR), path) if p)


def require_engine(module, extra):
    """The engine's module, or a skip saying it could not be installed here."""
    return pytest.importorskip(module, reason=f"{module} is not installed: it could not be installed on this machine "
                                              f"(scripts/test.sh installs zhfast[{extra}]'s engine)")


def require_java():
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java, and there is no java on PATH", allow_module_level=True)
