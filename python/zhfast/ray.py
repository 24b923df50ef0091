"""zhfast on Ray Data: a callable class for ``Dataset.map_batches``.

::

    ds.map_batches(zhfast.ray.Cutter, fn_constructor_kwargs={"column": "text", "tokenizer": zhfast.dt},
                   batch_format="pyarrow", concurrency=2)

Each actor builds its :class:`Cutter` once, and so its tokenizer once; each batch is a
``pyarrow.Table`` whose ``column`` is cut as one Arrow column and added as
``output_column`` (an Arrow list column; a null text gives null).

The tokenizer comes in ``fn_constructor_kwargs``, which Ray pickles on the driver: pass
``zhfast.dt`` (or your ``Tokenizer`` / ``POSTokenizer``) there to carry the driver's
edits; ``tokenizer=None`` means the actor's own ``zhfast.dt``, as the actor's process has
it.

Install with ``pip install 'zhfast[ray]'``.
"""
from __future__ import annotations

from typing import Any

from ._engines import require

require("ray", "ray", "Ray")
require("pyarrow", "ray", "pyarrow")

import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: E402

from ._engines import _arrow  # noqa: E402
from ._engines._shipment import default_tokenizer, for_mode  # noqa: E402

__all__ = ["Cutter"]


class Cutter:
    """Cuts ``batch[column]`` in ``mode`` (``"cut"``, ``"search"``, ``"offsets"`` or
    ``"posseg"``) into ``batch[output_column]``."""

    def __init__(self, column: str = "text", output_column: str = "tokens", cut_all: bool = False, HMM: bool = True,
                 mode: str = "cut", tokenizer: Any = None, threads: int | None = 1) -> None:
        self.column = column
        self.output_column = output_column
        self.cut_all = bool(cut_all)
        self.HMM = bool(HMM)
        self.mode = _arrow.check_mode(mode)
        self.threads = threads
        tok = default_tokenizer(mode) if tokenizer is None else tokenizer
        tok.check_initialized()
        self.tokenizer = for_mode(tok, mode)

    def __call__(self, batch: pa.Table) -> pa.Table:
        texts = batch.column(self.column)
        out = _arrow.cut_column(self.tokenizer, texts, self.mode, self.cut_all, self.HMM, threads=self.threads)
        names = batch.column_names
        if self.output_column in names:
            return batch.set_column(names.index(self.output_column), self.output_column, out)
        return batch.append_column(self.output_column, out)
