"""The compiled-dictionary cache for custom dictionaries.

jieba's bundled dictionary is compiled into the extension; a custom dictionary is
compiled on first use (a fraction of a second for jieba's 1.5 MB ``dict.txt.small``) and
the result is cached, keyed by a hash of the file's *content* and zhfast's version, so an
edited file or an upgraded zhfast never loads a stale entry.  Writes are atomic (a temp
file renamed into place) and silently skipped where the directory is not writable; a
damaged cache file is recompiled.

Where: ``Tokenizer.cache_file`` if set (as in jieba), else ``Tokenizer.tmp_dir``, else
``$ZHFAST_CACHE_DIR``, else ``$XDG_CACHE_HOME/zhfast`` or ``~/.cache/zhfast``.  Setting
``ZHFAST_CACHE_DIR`` to an empty string turns the cache off.
"""
from __future__ import annotations

import os

from . import _core
from ._compat import log_debug


def _cache_path(data, tmp_dir=None, cache_file=None):
    if cache_file:
        return cache_file
    directory = tmp_dir or os.environ.get("ZHFAST_CACHE_DIR")
    if directory is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        directory = os.path.join(base, "zhfast")
    if not directory:
        return None
    import hashlib

    key = hashlib.blake2b(data, digest_size=16, person=b"zhfast-dict")
    key.update(_core.__version__.encode())
    return os.path.join(directory, "dict-%s.bin" % key.hexdigest())


def load_dictionary(data, name, tmp_dir=None, cache_file=None):
    """A ``CoreTokenizer`` for dictionary bytes ``data`` (file ``name``), from the cache
    when a valid entry exists, else compiled (and cached when possible)."""
    path = _cache_path(data, tmp_dir, cache_file)
    if path is not None:
        try:
            with open(path, "rb") as f:
                core = _core.CoreTokenizer.from_compiled(f.read())
            log_debug("Loading model from cache %s" % path)
            return core
        except (OSError, ValueError):
            pass
    blob = _core.CoreTokenizer.compile_dictionary(data, name)
    if path is not None:
        _write_atomically(path, blob)
    return _core.CoreTokenizer.from_compiled(blob)


def _write_atomically(path, blob):
    import tempfile

    directory = os.path.dirname(path) or "."
    tmp = None
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".dict-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
        tmp = None
        log_debug("Dumping model to file cache %s" % path)
    except OSError:
        pass  # a read-only or full disk only costs the next start a compile
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
