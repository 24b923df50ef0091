"""The compiled-dictionary cache for custom dictionaries.

jieba's bundled dictionary is compiled into the extension; a custom dictionary is
compiled on first use (about a tenth of a second per megabyte of text) and the result
is cached, keyed by a digest of the file's *content* and zhfast's version, so an edited
file or an upgraded zhfast never meets a stale entry.

An entry is verified before it is used: the extension maps the file and checks a
checksum over all of it, that it was compiled from this very text (the source digest it
records), and that every section is consistent with the others.  An entry that fails
(damaged, truncated, another dictionary's, an older format) is rebuilt from the source
and replaced.  Entries are written to a temporary file renamed into place, never
rewritten in place (a process may have the old one mapped), and silently skipped where
the directory is not writable.

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


def _cache_dir(tmp_dir: str | None = None) -> str | None:
    directory = tmp_dir or os.environ.get("ZHFAST_CACHE_DIR")
    if directory is None:
        directory = default_cache_dir()
    return directory or None


def _cache_path(digest: bytes, directory: str) -> str:
    import hashlib

    key = hashlib.blake2b(digest, digest_size=16, person=b"zhfast-dict")
    key.update(_core.__version__.encode())
    return os.path.join(directory, f"dict-{key.hexdigest()}.bin")


def load_dictionary(path: str, name: str, tmp_dir: str | None = None, cache_file: str | None = None) -> Any:
    """A ``CoreTokenizer`` for the dictionary file ``path`` (``name`` in errors), from the
    cache when its entry verifies, else compiled (and cached when possible)."""
    directory = None if cache_file else _cache_dir(tmp_dir)
    if not cache_file and directory is None:
        return _core.CoreTokenizer.compile_file(path, name)[0]
    digest = _core.CoreTokenizer.source_digest(path)
    entry = cache_file or _cache_path(digest, directory)  # type: ignore[arg-type]
    try:
        core = _core.CoreTokenizer.load_compiled(entry, digest)
        log_debug(f"Loading model from cache {entry}")
        return core
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as e:
        log_debug(f"Cache {entry} not used ({e}): rebuilding it")
    return _compile_into(path, name, entry)


def _compile_into(path: str, name: str, entry: str) -> Any:
    """Compiles ``path`` and writes the result to ``entry`` atomically: into a temporary
    file beside it, renamed over it once complete."""
    import tempfile

    tmp = None
    try:
        directory = os.path.dirname(entry) or "."
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".dict-", suffix=".tmp")
        os.close(fd)
    except OSError:
        tmp = None  # a read-only or full disk only costs the next start a compile
    try:
        core, written = _core.CoreTokenizer.compile_file(path, name, tmp)
        if written and tmp is not None:
            try:
                os.replace(tmp, entry)
                tmp = None
                log_debug(f"Dumping model to file cache {entry}")
            except OSError:
                pass
        return core
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
