"""jieba's small helpers (``jieba._compat``): input decoding, file names, the logger."""
from __future__ import annotations

import logging
import os
import sys

log_console = logging.StreamHandler(sys.stderr)
default_logger = logging.getLogger("zhfast")
default_logger.setLevel(logging.DEBUG)
default_logger.addHandler(log_console)


def setLogLevel(log_level):
    """Set the level of zhfast's loading messages, as ``jieba.setLogLevel``."""
    default_logger.setLevel(log_level)


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
