"""What the engine adapters (``zhfast.spark``, ``zhfast.dask``, ``zhfast.ray``) share:
how a tokenizer travels to the workers (``_shipment``) and how a column of texts is cut
there (``_arrow``).  Nothing here imports an engine."""
from __future__ import annotations

import importlib
from typing import Any


def require(module: str, extra: str, what: str) -> Any:
    """``import module``, or an ``ImportError`` that names the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"zhfast.{extra} needs {what}: pip install 'zhfast[{extra}]' ({e})") from e
