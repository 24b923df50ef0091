#!/usr/bin/env bash
# The project's test command: the Python linter, Rust unit tests, then the Python suite
# (differential tests against jieba 0.42.1) on an optimised build of the extension.
#
# Uses the active virtual environment, or creates ./.venv.  Installs what the tests need
# from PyPI (jieba==0.42.1, pytest, hypothesis, ruff, and the Arrow libraries the Arrow
# calls are tested with: pyarrow, Polars, nanoarrow, DuckDB); downloads nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VIRTUAL_ENV:-}" ]; then
    [ -x .venv/bin/python ] || python3 -m venv .venv
    # shellcheck disable=SC1091
    . .venv/bin/activate
fi
python -m pip install -q --upgrade pip
python -m pip install -q "maturin>=1.5,<2" "pytest>=7" "hypothesis>=6" "jieba==0.42.1" "pytest-benchmark>=4" "mypy>=1.8" "numpy" "whoosh" "ruff~=0.17.6" \
    "pyarrow>=16" "polars>=1" "nanoarrow" "duckdb"

# Lint only (the rules are in pyproject.toml; ruff is pinned to a minor version because
# new releases add rules to the selected groups); a lint error fails the test command.
ruff check python tests benches scripts

# Formatting and lints fail the run like a test does.
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo test --workspace --quiet

# `fastrel`: optimised without LTO, quick to build on two cores.
maturin develop --quiet --profile fastrel

set +e
python -m pytest tests "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure here" >&2
    exit 1
fi
exit "$status"
