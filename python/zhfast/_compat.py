"""jieba's small helpers (``jieba._compat``): input decoding, file names, the logger.

The ``logging`` module is imported only when someone asks for ``default_logger``:
importing it costs more than the rest of zhfast's start-up.  Until then, loading
messages go straight to stderr, formatted as jieba's handler formats them.
"""
from __future__ import annotations

import os
import sys

_DEBUG = 10  # logging.DEBUG
_level = _DEBUG
_logger = None


def setLogLevel(log_level):
    """Set the level of zhfast's loading messages, as ``jieba.setLogLevel``."""
    global _level
    _level = log_level
    if _logger is not None:
        _logger.setLevel(log_level)


def log_debug(message):
    if _logger is not None:
        _logger.debug(message)
    elif _level <= _DEBUG:
        sys.stderr.write(message + "\n")


def _make_logger():
    global _logger
    if _logger is None:
        import logging

        handler = logging.StreamHandler(sys.stderr)
        logger = logging.getLogger("zhfast")
        logger.setLevel(_level)
        logger.addHandler(handler)
        logger._zhfast_console = handler
        _logger = logger
    return _logger


def __getattr__(name):
    if name == "default_logger":
        return _make_logger()
    if name == "log_console":
        return _make_logger()._zhfast_console
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def strdecode(sentence):
    """jieba's ``strdecode``: ``str`` as is; anything else is ``.decode``d as UTF-8, then
    GBK ignoring errors.  Objects without ``decode`` raise ``AttributeError`` as in jieba."""
    if not isinstance(sentence, str):
        try:
            sentence = sentence.decode("utf-8")
        except UnicodeDecodeError:
            sentence = sentence.decode("gbk", "ignore")
    return sentence


def resolve_filename(f):
    try:
        return f.name
    except AttributeError:
        return repr(f)


def get_abs_path(path):
    return os.path.normpath(os.path.join(os.getcwd(), path))
