"""zhfast on Dask: segmenting a dask.dataframe Series of strings, or a dask.bag of lines.

``zhfast.dask.cut(df.text)`` is a Series whose rows are lists of tokens (pandas
``ArrowDtype(list<string>)``: each partition is cut as one Arrow column, and stays Arrow),
each ``zhfast.lcut`` of its row; a null row gives null.  Partitions of ``string[pyarrow]``
pass to the cutter without a copy.  ``cut_bag(bag)`` does the same for a bag of strings
(``dask.bag.read_text``): its partitions are Python lists, so they go through the batch
calls (``lcut_batch``) and come back as lists.

The tokenizer (``zhfast.dt`` by default, as it is on the client when the function is
called) is one task of the graph, which Dask sends to each worker once; each worker
process builds it once.

Install with ``pip install 'zhfast[dask]'``.
"""
from __future__ import annotations

from typing import Any

from ._engines import require

require("dask.dataframe", "dask", "dask[dataframe]")
require("pyarrow", "dask", "pyarrow")

import dask  # noqa: E402
import pandas as pd  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: E402
import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: E402

from ._engines import _arrow  # noqa: E402
from ._engines._shipment import Shipment, default_tokenizer, for_mode  # noqa: E402

__all__ = ["cut", "cut_bag", "cut_for_search", "cut_offsets", "posseg_cut"]


def _shipped(tokenizer: Any, mode: str) -> Any:
    target = default_tokenizer(mode) if tokenizer is None else tokenizer
    # One key in the graph: moved to a worker once, not copied into every task.
    return dask.delayed(Shipment(target), pure=True)


def _texts_of(part: pd.Series) -> Any:
    """A partition's texts as Arrow, without a copy when they are Arrow already."""
    arr = part.array
    if hasattr(arr, "__arrow_array__"):
        try:
            out = pa.array(arr)
            if pa.types.is_string(out.type) or pa.types.is_large_string(out.type) or pa.types.is_string_view(out.type):
                return out
        except (TypeError, pa.ArrowInvalid):
            pass
    return pa.array(part.astype(object).where(part.notna(), None).tolist(), type=pa.large_string())


def _cut_partition(part: pd.Series, shipment: Shipment, mode: str, cut_all: bool, HMM: bool) -> pd.Series:
    tok = for_mode(shipment.get(), mode)
    out = _arrow.cut_column(tok, _texts_of(part), mode, cut_all, HMM, threads=1)
    return pd.Series(pd.arrays.ArrowExtensionArray(out), index=part.index, name=part.name)


def _map(series: Any, mode: str, cut_all: bool, HMM: bool, tokenizer: Any) -> Any:
    meta = pd.Series(pd.array([], dtype=pd.ArrowDtype(_arrow.result_type(mode))), name=series.name)
    return series.map_partitions(_cut_partition, _shipped(tokenizer, mode), mode, bool(cut_all), bool(HMM), meta=meta)


def cut(series: Any, cut_all: bool = False, HMM: bool = True, *, tokenizer: Any = None) -> Any:
    """A Series of ``lcut(text, cut_all, HMM)`` lists, one per row of ``series``."""
    return _map(series, "cut", cut_all, HMM, tokenizer)


def cut_for_search(series: Any, HMM: bool = True, *, tokenizer: Any = None) -> Any:
    """A Series of ``lcut_for_search(text, HMM)`` lists."""
    return _map(series, "search", False, HMM, tokenizer)


def cut_offsets(series: Any, cut_all: bool = False, HMM: bool = True, *, tokenizer: Any = None) -> Any:
    """A Series of ``cut_offsets(text, cut_all, HMM)`` (``list<uint32>``: each token's
    end in code points)."""
    return _map(series, "offsets", cut_all, HMM, tokenizer)


def posseg_cut(series: Any, HMM: bool = True, *, tokenizer: Any = None) -> Any:
    """A Series of ``posseg.lcut(text, HMM)`` as ``list<struct<word, flag>>`` (rows read
    back as lists of ``{"word": ..., "flag": ...}``)."""
    return _map(series, "posseg", False, HMM, tokenizer)


def _cut_lines(lines: Any, shipment: Shipment, mode: str, cut_all: bool, HMM: bool) -> list[Any]:
    tok = for_mode(shipment.get(), mode)
    return _arrow.by_batch_calls(tok, list(lines), mode, cut_all, HMM, 1, pair=tuple)


def cut_bag(bag: Any, cut_all: bool = False, HMM: bool = True, *, mode: str = "cut", tokenizer: Any = None) -> Any:
    """A bag of token lists, one per string of ``bag`` (``mode``: ``"cut"``,
    ``"search"``, ``"offsets"`` or ``"posseg"``, whose items are ``(word, flag)``
    tuples).  Lines from ``read_text`` keep their ``"\\n"``, which becomes a token, as
    ``lcut`` makes it: strip them first (``bag.map(str.rstrip)``) if that is not wanted."""
    _arrow.check_mode(mode)
    return bag.map_partitions(_cut_lines, _shipped(tokenizer, mode), mode, bool(cut_all), bool(HMM))
