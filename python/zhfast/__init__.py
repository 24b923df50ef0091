"""zhfast: Chinese word segmentation that gives exactly jieba 0.42.1's tokens, fast.

``import zhfast as jieba`` works: the module-level functions act on the default
tokenizer ``dt`` as jieba's do, and the module has jieba's other names too (its
regexes, ``finalseg``, ``posseg``, ``analyse``, the ``_compat`` helpers).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from math import log  # jieba's namespace has it
from typing import TYPE_CHECKING, Any, TypeVar

from . import _compat, _core, _patterns
from ._compat import (
    PY2,
    check_paddle_install,
    default_encoding,
    enable_paddle,
    get_module_res,
    iteritems,
    iterkeys,
    itervalues,
    resolve_filename,
    strdecode,
    string_types,
    text_type,
    xrange,
)
from ._compat import get_abs_path as _get_abs_path  # noqa: F401  (jieba has it)
from ._compat import set_package_log_level as setLogLevel
from ._tokenizer import DEFAULT_DICT, DEFAULT_DICT_NAME, Tokenizer

if TYPE_CHECKING:
    import logging
    import re
    from hashlib import md5 as md5

    from . import analyse as analyse
    from . import finalseg as finalseg
    from . import posseg as posseg

    re_userdict: re.Pattern[str]
    re_eng: re.Pattern[str]
    re_han_default: re.Pattern[str]
    re_skip_default: re.Pattern[str]
    re_han_cut_all: re.Pattern[str]
    re_skip_cut_all: re.Pattern[str]
    default_logger: logging.Logger
    log_console: logging.Handler

#: zhfast's own version (``jieba.__version__`` reads jieba's after ``install_as_jieba()``).
__version__: str = _core.__version__
#: The jieba release whose output zhfast reproduces.
__jieba_version__ = "0.42.1"
__license__ = "MIT"

_T = TypeVar("_T")

#: jieba's lock table for dictionaries being written to its cache (unused here: zhfast's
#: cache writes are atomic renames).
DICT_WRITING: dict[str | None, Any] = {}
_replace_file = os.replace

dt = Tokenizer()


def get_FREQ(k: str, d: _T | None = None) -> int | _T | None:
    """``dt.FREQ.get(k, d)``: a word's frequency, 0 for a prefix of a word, else ``d``."""
    return dt.FREQ.get(k, d)


add_word = dt.add_word
calc = dt.calc
cut = dt.cut
del_word = dt.del_word
get_DAG = dt.get_DAG
load_userdict = dt.load_userdict
suggest_freq = dt.suggest_freq
lcut = dt.lcut
cut_for_search = dt.cut_for_search
lcut_for_search = dt.lcut_for_search
tokenize = dt.tokenize
initialize = dt.initialize
get_dict_file = dt.get_dict_file
set_dictionary = dt.set_dictionary
user_word_tag_tab = dt.user_word_tag_tab


lcut_batch = dt.lcut_batch
lcut_for_search_batch = dt.lcut_for_search_batch
cut_offsets = dt.cut_offsets
cut_offsets_batch = dt.cut_offsets_batch
cut_arrow = dt.cut_arrow
cut_for_search_arrow = dt.cut_for_search_arrow
cut_offsets_arrow = dt.cut_offsets_arrow

# jieba's enable_parallel swaps the module's cut functions for ones that cut line by line
# in a process pool.  Here the lines go to lcut_batch's threads instead: no processes, no
# pickling, any platform.
pool = None
_parallel_threads: int | None = None


def _pcut(sentence: str | bytes, cut_all: bool = False, HMM: bool = True) -> Iterator[str]:
    parts = strdecode(sentence).splitlines(True)
    for words in dt.lcut_batch(parts, cut_all, HMM, threads=_parallel_threads):
        yield from words


def _pcut_for_search(sentence: str | bytes, HMM: bool = True) -> Iterator[str]:
    parts = strdecode(sentence).splitlines(True)
    for words in dt.lcut_for_search_batch(parts, HMM, threads=_parallel_threads):
        yield from words


def _rebind(name: str, value: object) -> None:
    # Through the module's __setattr__, so that the ``jieba`` module of
    # ``install_as_jieba()`` sees the new function too.
    setattr(sys.modules[__name__], name, value)


def enable_parallel(processnum: int | None = None) -> None:
    """Cut with ``processnum`` threads (all cores for ``None``) in the module-level
    ``cut`` and ``cut_for_search``, as jieba's ``enable_parallel`` does with processes.
    Only ``dt`` is affected, as in jieba."""
    global _parallel_threads
    if processnum is not None and (not isinstance(processnum, int) or processnum < 1):
        raise ValueError("processnum must be None or a positive int")
    dt.check_initialized()
    _parallel_threads = processnum
    _rebind("cut", _pcut)
    _rebind("cut_for_search", _pcut_for_search)


def disable_parallel() -> None:
    """Back to cutting on the calling thread."""
    _rebind("cut", dt.cut)
    _rebind("cut_for_search", dt.cut_for_search)


def install_as_jieba() -> None:
    """Make ``import jieba`` (and ``jieba.posseg``, ``jieba.analyse``, ...) anywhere in
    this process give zhfast, as PyMySQL's ``install_as_MySQLdb`` does for MySQLdb.
    ``jieba.__version__`` then reads ``"0.42.1"``; loading messages go to the
    ``jieba`` logger."""
    from ._alias import install_as_jieba as install

    install()


def _lcut(s: str | bytes) -> list[str]:
    return dt._lcut(s)


def _lcut_no_hmm(s: str | bytes) -> list[str]:
    return dt._lcut_no_hmm(s)


def _lcut_all(s: str | bytes) -> list[str]:
    return dt._lcut_all(s)


def _lcut_for_search(s: str | bytes) -> list[str]:
    return dt._lcut_for_search(s)


def _lcut_for_search_no_hmm(s: str | bytes) -> list[str]:
    return dt._lcut_for_search_no_hmm(s)


__all__ = [
    "add_word", "calc", "check_paddle_install", "cut", "cut_arrow", "cut_for_search", "cut_for_search_arrow",
    "cut_offsets", "cut_offsets_arrow", "cut_offsets_batch", "DEFAULT_DICT", "DEFAULT_DICT_NAME",
    "default_encoding", "default_logger", "del_word", "DICT_WRITING", "disable_parallel", "dt",
    "enable_paddle", "enable_parallel", "get_DAG", "get_dict_file", "get_FREQ", "get_module_res",
    "initialize", "install_as_jieba", "iteritems", "iterkeys", "itervalues", "lcut", "lcut_batch",
    "lcut_for_search", "lcut_for_search_batch", "load_userdict", "log", "log_console", "pool", "PY2",
    "re_eng", "re_han_default", "re_skip_default", "re_userdict", "resolve_filename", "set_dictionary",
    "setLogLevel", "strdecode", "string_types", "suggest_freq", "text_type", "tokenize", "Tokenizer",
    "user_word_tag_tab", "xrange",
]

if not TYPE_CHECKING:

    def __getattr__(name):
        # Attributes whose modules are slow to import are made on first access; the
        # submodules load on first use too (``zhfast.posseg``, ``zhfast.analyse``), so that
        # ``import zhfast as jieba; jieba.posseg.cut(...)`` works as with jieba.
        if name in ("posseg", "analyse", "finalseg"):
            import importlib

            return importlib.import_module("zhfast." + name)
        if name in _patterns.SOURCES[__name__]:
            return _patterns.default(__name__, name)
        if name == "default_logger":
            return _compat.package_logger()
        if name == "log_console":
            return _compat.package_console()
        if name == "md5":
            from hashlib import md5

            return md5
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_patterns.make_patchable(__name__)
_compat.make_loggers_if_logging_loaded()
