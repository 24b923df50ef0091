"""jieba's small helpers (``jieba._compat``): input decoding, file names, resources, the
paddle switch, and the loggers.

Logging works as in jieba: a package logger (``zhfast``, or ``jieba`` once
``install_as_jieba()`` has run) at level DEBUG with a stderr handler (``log_console``)
that prints the bare message, and a ``<package>._compat`` logger at DEBUG without a
handler (``enable_paddle`` logs there; its records reach the package handler).  So
``logging.getLogger("jieba").setLevel(...)``, ``logging.disable(...)``,
``setLogLevel(...)``, ``default_logger`` and ``logging.basicConfig(...)`` silence or
show the loading messages as they do with jieba, duplicates under ``basicConfig``
included.

The difference is when the loggers are made: jieba makes them on import; zhfast makes
them on import only if ``logging`` is already imported (importing it costs more than
the rest of zhfast's start-up), else when something asks for them or a message is
logged after ``logging`` has been imported.  Until then nobody can have configured
logging, and messages go straight to stderr as the handler would print them.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

if TYPE_CHECKING:
    import logging

K = TypeVar("K")
V = TypeVar("V")

PY2 = False
text_type = str
string_types: tuple[type, ...] = (str,)
xrange = range
default_encoding = sys.getfilesystemencoding()

#: jieba's paddle switch; zhfast has no paddle mode, so it stays False.
check_paddle_install: dict[str, bool] = {"is_paddle_installed": False}


def iterkeys(d: dict[K, V]) -> Iterator[K]:
    return iter(d.keys())


def itervalues(d: dict[K, V]) -> Iterator[V]:
    return iter(d.values())


def iteritems(d: dict[K, V]) -> Iterator[tuple[K, V]]:
    return iter(d.items())


# -- logging ------------------------------------------------------------------------------

_DEBUG = 10  # logging.DEBUG
#: The package whose loggers messages go to: "zhfast", or "jieba" after install_as_jieba().
_package = "zhfast"
#: package name -> (package logger, its stderr handler, the _compat logger)
_made: dict[str, tuple[Any, Any, Any]] = {}
#: package name -> the level ``setLogLevel`` gave before the loggers were made (the
#: common ``setLogLevel(60)`` then costs no import of ``logging``).
_pending_level: dict[str, int] = {}


def _make(package: str, on_import: bool) -> tuple[Any, Any, Any]:
    """The loggers of ``package``, made as jieba's import makes them.  Made later than
    that (``on_import`` false), a level someone has already set on them is kept: it was
    set after the import that jieba would have done."""
    made = _made.get(package)
    if made is not None:
        return made
    import logging

    def existing(name: str) -> Any:
        logger = logging.Logger.manager.loggerDict.get(name)
        return logger if isinstance(logger, logging.Logger) else None

    loggers = []
    for name in (package, package + "._compat"):
        before = existing(name)
        logger = logging.getLogger(name)
        if on_import or before is None or before.level == logging.NOTSET:
            logger.setLevel(_pending_level.get(name, logging.DEBUG))
        loggers.append(logger)
    console = logging.StreamHandler(sys.stderr)
    loggers[0].addHandler(console)
    made = (loggers[0], console, loggers[1])
    _made[package] = made
    return made


def make_loggers_if_logging_loaded() -> None:
    """At import (and at ``install_as_jieba()``): make the loggers now, as jieba's import
    does, when ``logging`` is there already (so a configuration made before this point is
    overridden, as jieba's import overrides it)."""
    if "logging" in sys.modules:
        _make(_package, on_import=True)


def use_package(package: str) -> None:
    """Send messages to ``package``'s loggers from now on (``"jieba"``)."""
    global _package
    _package = package
    make_loggers_if_logging_loaded()


def _loggers() -> tuple[Any, Any, Any] | None:
    made = _made.get(_package)
    if made is None and "logging" in sys.modules:
        made = _make(_package, on_import=False)
    return made


def log_debug(message: str) -> None:
    """A loading message, through the package logger (jieba's ``default_logger.debug``)."""
    made = _loggers()
    if made is None:
        if _pending_level.get(_package, _DEBUG) <= _DEBUG:
            sys.stderr.write(message + "\n")
    else:
        made[0].debug(message)


def _compat_log_debug(message: str) -> None:
    made = _loggers()
    if made is None:
        sys.stderr.write(message + "\n")
    else:
        made[2].debug(message)


def package_logger() -> logging.Logger:
    """The package logger (``zhfast.default_logger``, ``jieba.default_logger``)."""
    return _make(_package, on_import=False)[0]  # type: ignore[no-any-return]


def package_console() -> logging.Handler:
    return _make(_package, on_import=False)[1]  # type: ignore[no-any-return]


def set_package_log_level(log_level: int | str) -> None:
    """``zhfast.setLogLevel``: the package logger's level, as ``jieba.setLogLevel``."""
    made = _loggers()
    if made is None and isinstance(log_level, int):
        _pending_level[_package] = log_level
    else:
        package_logger().setLevel(log_level)


def setLogLevel(log_level: int | str) -> None:
    """``_compat.setLogLevel`` (also ``finalseg``'s and ``posseg``'s, as in jieba): the
    level of the ``_compat`` logger."""
    _make(_package, on_import=False)[2].setLevel(log_level)


def __getattr__(name: str) -> Any:
    if name == "default_logger":
        return _make(_package, on_import=False)[2]
    if name == "log_console":
        # jieba's _compat makes a handler of its own that no logger uses.
        handler = _compat_console.get(_package)
        if handler is None:
            import logging

            handler = _compat_console[_package] = logging.StreamHandler(sys.stderr)
        return handler
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_compat_console: dict[str, Any] = {}


# -- paddle -------------------------------------------------------------------------------

def enable_paddle() -> None:
    """jieba's switch to its paddle (deep learning) mode, which zhfast does not have.

    It logs what jieba logs when it cannot use paddle, and cutting goes on as before.
    Unlike jieba, it never runs ``pip install paddlepaddle-tiny`` (nor raises
    ``UnboundLocalError`` when that install fails).
    """
    import importlib.util

    if importlib.util.find_spec("paddle") is None:
        _compat_log_debug("Import paddle error, please use command to install: pip install paddlepaddle-tiny==1.6.1."
                          "Now, back to jieba basic cut......")
    else:
        _compat_log_debug("Import error, cannot find paddle.fluid and jieba.lac_small.predict module. "
                          "Now, back to jieba basic cut......")


# -- input and files ----------------------------------------------------------------------

def strdecode(sentence: Any) -> str:
    """jieba's ``strdecode``: ``str`` as is; anything else is ``.decode``d as UTF-8, then
    GBK ignoring errors.  Objects without ``decode`` raise ``AttributeError`` as in jieba."""
    if not isinstance(sentence, str):
        try:
            sentence = sentence.decode("utf-8")
        except UnicodeDecodeError:
            sentence = sentence.decode("gbk", "ignore")
    return sentence  # type: ignore[no-any-return]


def resolve_filename(f: Any) -> str:
    try:
        return f.name  # type: ignore[no-any-return]
    except AttributeError:
        return repr(f)


def get_abs_path(path: str) -> str:
    return os.path.normpath(os.path.join(os.getcwd(), path))


def get_module_res(*res: str) -> BinaryIO:
    """jieba's ``get_module_res``: one of the package's data files, open for reading
    bytes.  jieba's ``dict.txt`` and its pickled HMM tables (``finalseg/prob_*.p``,
    ``posseg/*.p``) are compiled into zhfast and served from memory; other paths are
    files of the package."""
    import io

    name = os.path.normpath(os.path.join(*res)).replace(os.sep, "/")
    if name == "dict.txt":
        from . import _core

        return io.BytesIO(_core.bundled_dictionary_bytes())
    table = _pickled_table(name)
    if table is not None:
        import pickle

        return io.BytesIO(pickle.dumps(table, protocol=2))
    return open(os.path.join(os.path.dirname(os.path.abspath(__file__)), *res), "rb")


def _pickled_table(name: str) -> Any:
    from . import _tables

    if name.startswith("finalseg/prob_") and name.endswith(".p"):
        kind = name[len("finalseg/prob_"):-2]
        if kind in ("start", "trans", "emit"):
            return getattr(_tables.finalseg(), kind)
    if name.startswith("posseg/") and name.endswith(".p"):
        kind = name[len("posseg/"):-2]
        fields = {"prob_start": "start", "prob_trans": "trans", "prob_emit": "emit", "char_state_tab": "char_state"}
        if kind in fields:
            return getattr(_tables.posseg(), fields[kind])
    return None

