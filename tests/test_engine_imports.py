"""The engines are optional: ``import zhfast`` imports none of them (nor pyarrow), and an
adapter whose engine is missing raises ImportError naming the extra to install."""
from __future__ import annotations

import subprocess
import sys

import pytest

ENGINES = ["pyspark", "dask", "distributed", "ray", "datasets", "pyarrow", "pandas"]


def _run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_import_zhfast_imports_no_engine():
    code = ("import sys, zhfast, zhfast.posseg, zhfast.analyse\n"
            "zhfast.lcut('中文'); print(sorted(m for m in %r if m in sys.modules))" % ENGINES)
    r = _run(code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


@pytest.mark.parametrize("adapter, engine, extra", [
    ("zhfast.spark", "pyspark", "spark"),
    ("zhfast.dask", "dask", "dask"),
    ("zhfast.ray", "ray", "ray"),
])
def test_a_missing_engine_names_its_extra(adapter, engine, extra):
    # ``sys.modules[name] = None`` makes ``import name`` fail as if it were not installed.
    r = _run(f"import sys; sys.modules[{engine!r}] = None\nimport {adapter}")
    assert r.returncode != 0
    assert "ImportError" in r.stderr and f"zhfast[{extra}]" in r.stderr, r.stderr
