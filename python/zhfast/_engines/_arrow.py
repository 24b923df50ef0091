"""Cutting one Arrow column of texts on a worker, in any of the four modes.

This is the one place that calls zhfast's Arrow functions (``Tokenizer.cut_arrow``,
``cut_for_search_arrow``, ``cut_offsets_arrow``, ``POSTokenizer.cut_arrow``): texts in as
an Arrow string array (or chunked array), tokens out as an Arrow list array of the same
length, nulls kept null, no Python object made per text or token.  Partitions that are
Python lists (a dask.bag) go through the batch calls instead (:func:`by_batch_calls`).
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]

#: The modes of the adapters, as their ``mode`` arguments name them.
MODES = ("cut", "search", "offsets", "posseg")

#: The type of offsets by default (engines without unsigned integers pass ``pa.int32()``).
UINT32 = pa.uint32()
POS_PAIR = pa.struct([("word", pa.string()), ("flag", pa.string())])


def result_type(mode: str, offsets_type: Any = UINT32) -> Any:
    """The Arrow type of a result column (engines without unsigned types pass
    ``offsets_type=pa.int32()``)."""
    if mode == "offsets":
        return pa.list_(offsets_type)
    if mode == "posseg":
        return pa.list_(POS_PAIR)
    return pa.list_(pa.string())


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def _arrow_call(tok: Any, mode: str, cut_all: bool, HMM: bool, threads: int | None) -> Any:
    """The Arrow call for ``mode`` as a function of the texts."""
    if mode == "cut":
        return lambda t: tok.cut_arrow(t, cut_all, HMM, threads=threads)
    if mode == "search":
        return lambda t: tok.cut_for_search_arrow(t, HMM, threads=threads)
    if mode == "offsets":
        return lambda t: tok.cut_offsets_arrow(t, cut_all, HMM, threads=threads)
    # posseg: ``tok`` is a POSTokenizer, whose own cut_arrow tags.
    return lambda t: tok.cut_arrow(t, HMM, threads=threads)


def by_batch_calls(tok: Any, texts: list[Any], mode: str, cut_all: bool, HMM: bool, threads: int | None,
                   pair: Any = lambda p: {"word": p.word, "flag": p.flag}) -> list[Any]:
    """The result lists for ``texts`` (``None`` items stay ``None``) from the batch calls
    (``pair`` makes each posseg item: a struct row here)."""
    where = [i for i, t in enumerate(texts) if t is not None]
    items = [texts[i] for i in where]
    if mode == "cut":
        done: list[Any] = tok.lcut_batch(items, cut_all, HMM, threads=threads)
    elif mode == "search":
        done = tok.lcut_for_search_batch(items, HMM, threads=threads)
    elif mode == "offsets":
        done = [a.tolist() for a in tok.cut_offsets_batch(items, cut_all, HMM, threads=threads)]
    else:
        done = [[pair(p) for p in pairs] for pairs in tok.lcut_batch(items, HMM, threads=threads)]
    out: list[Any] = [None] * len(texts)
    for i, r in zip(where, done):
        out[i] = r
    return out


def cut_column(tok: Any, texts: Any, mode: str, cut_all: bool = False, HMM: bool = True, *,
               threads: int | None = 1, offsets_type: Any = UINT32) -> Any:
    """``texts`` (a pyarrow string ``Array`` or ``ChunkedArray``) cut in ``mode`` by
    ``tok`` (a ``POSTokenizer`` for ``"posseg"``, else a ``Tokenizer``): a list column
    of :func:`result_type`, chunked like the input."""
    want = result_type(mode, offsets_type)
    call = _arrow_call(tok, mode, cut_all, HMM, threads)
    # The result exports the Arrow PyCapsule interface: pyarrow takes it without a copy.
    out = pa.chunked_array(call(texts)) if isinstance(texts, pa.ChunkedArray) else pa.array(call(texts))
    # Engines want exactly their own type: list, not large_list; int32 where they have
    # no unsigned integers.
    return out if out.type == want else out.cast(want)
