"""The compiled-dictionary cache for custom dictionaries.

jieba's bundled dictionary is compiled into the extension; a custom dictionary is
compiled on first use (a fraction of a second for jieba's 1.5 MB ``dict.txt.small``) and
the result is cached, keyed by a hash of the file's *content* and zhfast's version, so an
edited file or an upgraded zhfast never loads a stale entry.  Writes are atomic (a temp
file renamed into place) and silently skipped where the directory is not writable; a
damaged cache file is recompiled.

Where: ``Tokenizer.cache_file`` if set (as in jieba), else ``Tokenizer.tmp_dir``, else
``$ZHFAST_CACHE_DIR``, else the platform's user cache directory (:func:`default_cache_dir`):
``%LOCALAPPDATA%\\zhfast\\Cache`` on Windows, ``~/Library/Caches/zhfast`` on macOS,
``$XDG_CACHE_HOME/zhfast`` or ``~/.cache/zhfast`` elsewhere.  Setting
``ZHFAST_CACHE_DIR`` to an empty string turns the cache off.
"""
from __future__ import annotations

import ntpath
import os
import posixpath
import sys
from collections.abc import Mapping
from typing import Any

from . import _core
from ._compat import log_debug


def default_cache_dir(platform: str | None = None, environ: Mapping[str, str] | None = None,
                      home: str | None = None) -> str:
    """The user cache directory for ``platform`` (a ``sys.platform`` value; this one by
    default), built with that platform's path rules, so that it can be checked from any
    other."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    path: Any = ntpath if platform == "win32" else posixpath
    if home is None:
        home = path.expanduser("~")
    if platform == "win32":
        base = environ.get("LOCALAPPDATA") or path.join(home, "AppData", "Local")
        return path.join(base, "zhfast", "Cache")  # type: ignore[no-any-return]
    if platform == "darwin":
        return path.join(home, "Library", "Caches", "zhfast")  # type: ignore[no-any-return]
    # The XDG spec ignores a relative XDG_CACHE_HOME.
    base = environ.get("XDG_CACHE_HOME", "")
    if not path.isabs(base):
        base = path.join(home, ".cache")
    return path.join(base, "zhfast")  # type: ignore[no-any-return]


def _cache_path(data: bytes, tmp_dir: str | None = None, cache_file: str | None = None) -> str | None:
    if cache_file:
        return cache_file
    directory = tmp_dir or os.environ.get("ZHFAST_CACHE_DIR")
    if directory is None:
        directory = default_cache_dir()
    if not directory:
        return None
    import hashlib

    key = hashlib.blake2b(data, digest_size=16, person=b"zhfast-dict")
    key.update(_core.__version__.encode())
    return os.path.join(directory, f"dict-{key.hexdigest()}.bin")


def load_dictionary(data: bytes, name: str, tmp_dir: str | None = None, cache_file: str | None = None) -> Any:
    """A ``CoreTokenizer`` for dictionary bytes ``data`` (file ``name``), from the cache
    when a valid entry exists, else compiled (and cached when possible)."""
    path = _cache_path(data, tmp_dir, cache_file)
    if path is not None:
        try:
            with open(path, "rb") as f:
                core = _core.CoreTokenizer.from_compiled(f.read())
            log_debug(f"Loading model from cache {path}")
            return core
        except (OSError, ValueError):
            pass
    blob = _core.CoreTokenizer.compile_dictionary(data, name)
    if path is not None:
        _write_atomically(path, blob)
    return _core.CoreTokenizer.from_compiled(blob)


def _write_atomically(path: str, blob: bytes) -> None:
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
        log_debug(f"Dumping model to file cache {path}")
    except OSError:
        pass  # a read-only or full disk only costs the next start a compile
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
