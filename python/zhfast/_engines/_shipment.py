"""A tokenizer on its way to an engine's workers.

Made on the driver from the tokenizer as it is then (the driver's edits included): its
pickle with any custom dictionary by content hash only (``zhfast._pickling``), plus the
dictionary bytes in whatever form the engine ships data once per worker (a Spark
broadcast, which a worker reads only when it asks for it; plain bytes elsewhere).  On a
worker, :meth:`Shipment.get` gives the tokenizer, built once per process: every later
task of that process (an engine deserialises a task's function for each task) gets the
same object back.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from .. import _pickling

#: Tokenizers received in this process, by payload digest (least recently used out).
_received: OrderedDict[bytes, Any] = OrderedDict()
_KEPT = 8
_lock = threading.Lock()


def _after_fork_in_child() -> None:
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def default_tokenizer(mode: str) -> Any:
    """What ``tokenizer=None`` means on the driver: the module's ``dt`` (posseg's for
    ``"posseg"``), with whatever edits it has."""
    import zhfast

    if mode == "posseg":
        import zhfast.posseg

        return zhfast.posseg.dt
    return zhfast.dt


class Shipment:
    """A tokenizer (or ``POSTokenizer``) packed on the driver, unpacked on workers."""

    __slots__ = ("key", "payload", "sources")

    def __init__(self, tokenizer: Any, ship: Callable[[bytes], Any] | None = None) -> None:
        tokenizer.check_initialized()  # load it here: a worker must not read the driver's paths lazily
        self.payload, needed = _pickling.dumps_by_reference(tokenizer)
        self.key = hashlib.blake2b(self.payload, digest_size=20).digest()
        self.sources: dict[str, Any] = {}
        for digest, tok in needed.items():
            data = _pickling.dictionary_bytes(tok)
            self.sources[digest] = data if ship is None else ship(data)

    def _fetch(self, digest: str) -> bytes:
        source = self.sources[digest]
        return source if isinstance(source, bytes) else source.value

    def get(self) -> Any:
        """The tokenizer, on a worker: built on the first call in a process."""
        found = _received.get(self.key)
        if found is not None:
            return found
        with _lock:
            found = _received.get(self.key)
            if found is None:
                found = _received[self.key] = _pickling.loads_shipped(self.payload, self._fetch)
                while len(_received) > _KEPT:
                    _received.popitem(last=False)
            return found

    def __getstate__(self) -> Any:
        return (self.key, self.payload, self.sources)

    def __setstate__(self, state: Any) -> None:
        self.key, self.payload, self.sources = state


def for_mode(tokenizer: Any, mode: str) -> Any:
    """The object a worker cuts ``mode`` with: a ``POSTokenizer`` for ``"posseg"`` (made
    over a plain ``Tokenizer`` once per process, as jieba's constructor does), else a
    ``Tokenizer``."""
    from ..posseg import POSTokenizer

    if mode == "posseg":
        if isinstance(tokenizer, POSTokenizer):
            return tokenizer
        return _pos_over(tokenizer)
    return tokenizer.tokenizer if isinstance(tokenizer, POSTokenizer) else tokenizer


_pos_tokenizers: dict[int, Any] = {}


def _pos_over(tokenizer: Any) -> Any:
    from ..posseg import POSTokenizer

    found = _pos_tokenizers.get(id(tokenizer))
    if found is None or found.tokenizer is not tokenizer:
        found = _pos_tokenizers[id(tokenizer)] = POSTokenizer(tokenizer)
    return found
