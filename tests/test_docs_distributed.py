"""The examples of ``docs/distributed.md`` run as they are: each ``python`` block in a
fresh interpreter, in an empty folder, and writes the Parquet output it says it does."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine_setup import worker_environment

DOC = Path(__file__).resolve().parents[1] / "docs" / "distributed.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
#: What each example needs, and the output it writes, in the order of the page.
EXAMPLES = [("pyspark", "spark-tokens.parquet"), ("distributed", "dask-tokens.parquet"),
            ("ray", "ray-tokens"), ("datasets", "datasets-tokens.parquet")]


def test_the_page_has_one_example_per_engine():
    assert len(BLOCKS) == len(EXAMPLES)


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[e[0] for e in EXAMPLES])
def test_the_example_runs(index, tmp_path):
    engine, output = EXAMPLES[index]
    if importlib.util.find_spec(engine) is None:
        pytest.skip(f"{engine} is not installed: it could not be installed on this machine")
    if engine == "pyspark":
        from engine_setup import require_java

        require_java()
    worker_environment()
    script = tmp_path / "example.py"
    script.write_text(BLOCKS[index], encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / output).exists()
    # The tokens the example printed or wrote are zhfast's.
    assert "清华大学" in r.stdout
