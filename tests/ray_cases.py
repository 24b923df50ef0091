"""A Cutter that also says which actor process cut each row and how many dictionary
loads that process had made, for ``test_engine_ray.py`` (importable by Ray's workers)."""
from __future__ import annotations

import pyarrow as pa

import zhfast.ray
from engine_cases import probe


class CountingCutter(zhfast.ray.Cutter):
    def __call__(self, batch: pa.Table) -> pa.Table:
        out = super().__call__(batch)
        pid, loads = probe()
        return out.append_column("pid", pa.array([pid] * len(out), pa.int64())).append_column(
            "loads", pa.array([loads] * len(out), pa.int64()))
