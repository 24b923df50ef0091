"""zhfast on Apache Spark (PySpark 3.5 or later): segmenting a string column as a Column.

``zhfast.spark.cut(df.text)`` is a Column of ``array<string>``, usable in ``select``,
``withColumn`` and (through :func:`udf` / :func:`register`) ``spark.sql``; each row is
``zhfast.lcut`` of that row, a null row gives null.  The UDFs are Arrow UDFs: Spark hands
each Python worker Arrow batches and gets Arrow lists back (``arrow_udf`` on Spark 4.1 and
later; ``pandas_udf``, also over Arrow, before).

The tokenizer (``zhfast.dt`` by default, with the driver's edits as they are when the
Column is made) goes to the executors inside the UDF: small (the bundled dictionary by
reference, the edits as their effect), a custom dictionary file in a Spark broadcast that
an executor reads only when it cannot find the same file itself.  Each Python worker
process builds it once.

Install with ``pip install 'zhfast[spark]'``.
"""
from __future__ import annotations

from typing import Any

from ._engines import require

pyspark = require("pyspark", "spark", "PySpark")
require("pyarrow", "spark", "pyarrow")

import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: E402
from pyspark.sql import Column  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

from ._engines import _arrow  # noqa: E402
from ._engines._shipment import Shipment, default_tokenizer, for_mode  # noqa: E402

__all__ = ["cut", "cut_for_search", "cut_offsets", "posseg_cut", "register", "udf"]

#: Spark's types of the results (``array<int>``: Spark has no unsigned integers).
RETURN_TYPES = {
    "cut": "array<string>",
    "search": "array<string>",
    "offsets": "array<int>",
    "posseg": "array<struct<word:string,flag:string>>",
}


def _ship(tokenizer: Any, mode: str) -> Shipment:
    from pyspark import SparkContext

    target = default_tokenizer(mode) if tokenizer is None else tokenizer
    sc = SparkContext._active_spark_context
    # A broadcast reaches each executor once, and its value is read only when asked for.
    return Shipment(target, ship=None if sc is None else sc.broadcast)


def _cutter(shipment: Shipment, mode: str, cut_all: bool, HMM: bool) -> Any:
    def cut_batch(texts: pa.Array) -> pa.Array:
        tok = for_mode(shipment.get(), mode)
        return _arrow.cut_column(tok, texts, mode, cut_all, HMM, threads=1, offsets_type=pa.int32())

    return cut_batch


def udf(mode: str = "cut", cut_all: bool = False, HMM: bool = True, *, tokenizer: Any = None, arrow: bool | None = None) -> Any:
    """The Arrow UDF behind the Column functions, for ``spark.udf.register(name, ...)``
    or to apply yourself: ``mode`` is ``"cut"``, ``"search"``, ``"offsets"`` or
    ``"posseg"``.  ``arrow=False`` makes a ``pandas_udf`` even where ``arrow_udf``
    exists (``None``: the best this Spark has)."""
    _arrow.check_mode(mode)
    fn = _cutter(_ship(tokenizer, mode), mode, bool(cut_all), bool(HMM))
    if arrow is None:
        arrow = hasattr(F, "arrow_udf")
    if arrow:
        def arrow_cut(texts: pa.Array) -> pa.Array:
            return fn(texts)

        return F.arrow_udf(arrow_cut, RETURN_TYPES[mode])  # type: ignore[attr-defined, call-overload, unused-ignore]

    import pandas as pd  # type: ignore[import-untyped, import-not-found, unused-ignore]

    def pandas_cut(texts):  # type: ignore[no-untyped-def]
        out = fn(pa.array(texts, type=pa.large_string(), from_pandas=True))
        return pd.Series(out.to_pylist(), index=texts.index)

    # Spark reads the kind of pandas UDF from the annotations, as objects.
    pandas_cut.__annotations__ = {"texts": pd.Series, "return": pd.Series}
    return F.pandas_udf(pandas_cut, RETURN_TYPES[mode])  # type: ignore[call-overload]


def _column(col: Any) -> Column:
    return F.col(col) if isinstance(col, str) else col


def cut(col: Any, cut_all: bool = False, HMM: bool = True, *, tokenizer: Any = None) -> Column:
    """``array<string>``: ``lcut(text, cut_all, HMM)`` of each row of ``col`` (a Column
    or a column name)."""
    return udf("cut", cut_all, HMM, tokenizer=tokenizer)(_column(col))


def cut_for_search(col: Any, HMM: bool = True, *, tokenizer: Any = None) -> Column:
    """``array<string>``: ``lcut_for_search(text, HMM)`` of each row."""
    return udf("search", False, HMM, tokenizer=tokenizer)(_column(col))


def cut_offsets(col: Any, cut_all: bool = False, HMM: bool = True, *, tokenizer: Any = None) -> Column:
    """``array<int>``: ``cut_offsets(text, cut_all, HMM)`` of each row, each token's end
    in code points."""
    return udf("offsets", cut_all, HMM, tokenizer=tokenizer)(_column(col))


def posseg_cut(col: Any, HMM: bool = True, *, tokenizer: Any = None) -> Column:
    """``array<struct<word:string,flag:string>>``: ``posseg.lcut(text, HMM)`` of each row
    (``tokenizer``: a ``POSTokenizer``, or a ``Tokenizer`` to tag with; ``None``:
    ``zhfast.posseg.dt``)."""
    return udf("posseg", False, HMM, tokenizer=tokenizer)(_column(col))


def register(spark: Any, *, tokenizer: Any = None, prefix: str = "zhfast_") -> list[str]:
    """Registers ``zhfast_cut(text)``, ``zhfast_cut_all``, ``zhfast_cut_no_hmm``,
    ``zhfast_cut_for_search``, ``zhfast_cut_offsets`` and ``zhfast_posseg_cut`` for
    ``spark.sql``; returns their names."""
    made = {
        "cut": udf("cut", tokenizer=tokenizer),
        "cut_all": udf("cut", True, tokenizer=tokenizer),
        "cut_no_hmm": udf("cut", False, False, tokenizer=tokenizer),
        "cut_for_search": udf("search", tokenizer=tokenizer),
        "cut_offsets": udf("offsets", tokenizer=tokenizer),
        "posseg_cut": udf("posseg", tokenizer=tokenizer),
    }
    names = []
    for name, f in made.items():
        spark.udf.register(prefix + name, f)
        names.append(prefix + name)
    return names
