"""What a forked child must not inherit from the other threads of its parent.

``os.fork`` keeps only the calling thread.  A lock another thread held stays held in the
child by no one; a background thread the parent counted on is not there.  So, around
every fork (gunicorn ``--preload``, Celery's prefork pool, ``multiprocessing``):

- before it, the core waits until no thread is inside one of its critical sections (a
  dictionary edit, a merge being swapped in) and keeps them out until after it;
- in the child, the core forgets the parent's batch thread pools and, on first use,
  starts again a background merge the parent was running; each tokenizer gets a new
  ``lock`` (``initialize`` holds it, also while another thread compiles a dictionary).

Registered once, when zhfast is imported.
"""
from __future__ import annotations

import os
import weakref
from _thread import RLock
from typing import TYPE_CHECKING

from . import _core

if TYPE_CHECKING:
    from ._tokenizer import Tokenizer

_tokenizers: weakref.WeakSet[Tokenizer] = weakref.WeakSet()


def track(tokenizer: Tokenizer) -> None:
    """Give ``tokenizer`` a new lock in forked children."""
    _tokenizers.add(tokenizer)


def _after_in_child() -> None:
    _core.after_fork_in_child()
    for tokenizer in list(_tokenizers):
        tokenizer.lock = RLock()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(
        before=_core.before_fork, after_in_parent=_core.after_fork_in_parent, after_in_child=_after_in_child
    )
