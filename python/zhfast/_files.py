"""``cut_file`` and what the command line shares with it: opening the input and output
(decompressing or compressing by extension) and running the core's stream, which reads,
cuts on every thread and writes in order without the GIL.

A file opened here is handed to the core as its file descriptor (on POSIX systems), so
that no Python code runs per block; a compressed file, or a file object the caller
passes, is read and written through its ``read`` / ``write`` methods.
"""
from __future__ import annotations

import io
import os
import sys

from ._many_texts import _check_threads, _cut_mode

#: Bytes read at a time, and the length past which one line is split while it streams.
BLOCK_BYTES = 1 << 20

_COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".xz": "lzma", ".lzma": "lzma"}
_FORMATS = ("text", "jsonl")


def _compression(path):
    """The module that opens ``path`` by its extension (``gzip``, ``bz2``, ``lzma``), or
    ``None`` for a plain file."""
    name = _COMPRESSION.get(os.path.splitext(os.fspath(path))[1].lower())
    if name is None:
        return None
    import importlib

    return importlib.import_module(name)


class _End:
    """One end of a stream: what the core reads or writes (a file descriptor or a
    binary file object), the file to close afterwards (if opened here), the input's
    size (if known) and whether it is a terminal."""

    def __init__(self, handle, owned=None, size=None, tty=False):
        self.handle = handle
        self.owned = owned
        self.size = size
        self.tty = tty

    def close(self):
        if self.owned is not None:
            self.owned.close()


def _fd_end(f, owned, reading):
    """A plain file (or standard stream) by its descriptor, with its size if it is a
    regular file."""
    fd = f.fileno()
    size = None
    try:
        st = os.fstat(fd)
        import stat

        if stat.S_ISREG(st.st_mode) and reading:
            size = st.st_size - os.lseek(fd, 0, os.SEEK_CUR)
    except OSError:
        pass
    tty = os.isatty(fd)
    # Only POSIX descriptors are read in the core; elsewhere the file object is.
    return _End(fd if os.name == "posix" else f, owned, size, tty)


def _binary(f, reading):
    """A caller's file object in binary form (a text file's ``buffer``)."""
    if isinstance(f, io.TextIOBase):
        if not reading:
            f.flush()
        f = getattr(f, "buffer", None)
        if f is None:
            raise TypeError("a text file without a binary buffer cannot be cut; open it in binary mode")
    return f


def _open_end(where, reading):
    """A path (``.gz``, ``.bz2``, ``.xz`` through their codecs) or a caller's file object,
    opened for reading or for writing."""
    if hasattr(where, "read" if reading else "write"):
        return _End(_binary(where, reading))
    mode = "rb" if reading else "wb"
    codec = _compression(where)
    if codec is not None:
        f = codec.open(where, mode)
        return _End(f, f)
    f = open(where, mode, buffering=0)
    return _fd_end(f, f, reading)


def open_source(src):
    """The input: a path (``.gz``, ``.bz2``, ``.xz`` decompressed) or a file object."""
    return _open_end(src, True)


def open_sink(dst):
    """The output: a path (compressed by the same extensions) or a file object."""
    return _open_end(dst, False)


class _TextWriter:
    """A text stream without a binary buffer (``sys.stdout`` replaced by a ``StringIO``)
    as a binary one."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data):
        self.stream.write(data.decode("utf-8"))
        return len(data)

    def flush(self):
        self.stream.flush()


def _standard(stream, reading):
    """``sys.stdin`` / ``sys.stdout``: by descriptor when it has one, else as a file
    object (a replaced stream)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        try:
            return _fd_end(buffer, None, reading)
        except (OSError, ValueError, io.UnsupportedOperation):
            return _End(buffer)
    if reading:
        raise TypeError("standard input has no binary buffer to read")
    return _End(_TextWriter(stream))


def stdin_source():
    return _standard(sys.stdin, True)


def stdout_sink():
    sys.stdout.flush()
    return _standard(sys.stdout, False)


def _progress_tick(progress, source, sink):
    """``(tick, done)`` for the core: a progress line on stderr, a caller's callable
    ``progress(bytes_done, total_or_None)``, or nothing.  ``None`` means: a line when
    stderr is a terminal and neither the input nor the output is one."""
    if progress is None:
        err = sys.stderr
        progress = bool(err is not None and err.isatty() and not source.tty and not sink.tty)
    if callable(progress) and not isinstance(progress, bool):
        total = source.size
        return (lambda done: progress(done, total)), None
    if not progress:
        return None, None
    from ._progress import Progress

    bar = Progress(source.size)
    return bar, bar.close


def run_stream(source, sink, *, cut_all=False, HMM=True, pos=None, delimiter=" / ", format="text", jobs=None,
               progress=None, universal_newlines=True, block_bytes=BLOCK_BYTES):
    """Cuts ``source`` into ``sink`` (two ``_End``s) with the default tokenizer (and
    ``posseg.dt`` when ``pos`` is the tag delimiter); returns the core's
    ``(bytes_read, bytes_written, lines)``."""
    import zhfast

    if format not in _FORMATS:
        raise ValueError("format must be 'text' or 'jsonl', not %r" % (format,))
    if not isinstance(delimiter, str):
        raise TypeError("delimiter must be a str")
    jobs = _check_threads(jobs)
    if pos is True:
        pos = "_"
    if pos:
        import zhfast.posseg

        tagger = zhfast.posseg.dt
        tagger.makesure_userdict_loaded()
        core, table = tagger.tokenizer._checked_core(), tagger._tag_table()
        mode = _cut_mode(False, HMM)
    else:
        core, table = zhfast.dt._checked_core(), None
        mode = _cut_mode(cut_all, HMM)
    tick, finish = _progress_tick(progress, source, sink)
    try:
        return core.cut_stream(source.handle, sink.handle, mode, delimiter, tag_delimiter=pos or None, user_tags=table,
                               jsonl=format == "jsonl", universal_newlines=universal_newlines, threads=jobs,
                               block_bytes=block_bytes, tick=tick)
    finally:
        if finish is not None:
            finish()


def cut_file(src, dst, *, cut_all=False, HMM=True, pos=None, delimiter=" / ", jobs=None, progress=None, format="text",
             block_bytes=None):
    """Cut every line of ``src`` into ``dst``, as ``python -m jieba`` prints it, on
    ``jobs`` threads (all cores for ``None``) with the GIL released.

    ``src`` and ``dst`` are paths (``.gz``, ``.bz2`` and ``.xz`` are decompressed and
    compressed) or binary file objects.  Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as
    Python's text files read them; the input is UTF-8.  Each line is written as its
    tokens joined by ``delimiter`` (``format="text"``) or as a JSON array of them
    (``format="jsonl"``).  ``pos`` tags the words (posseg; ``cut_all`` is then ignored)
    and joins word and tag with it (``True`` for ``"_"``).  ``progress``: ``True`` for
    a progress line on stderr, a callable to be called with ``(bytes_done, total)``
    (``total`` is ``None`` when the size is unknown), ``None`` for a line when stderr
    is a terminal.  Memory stays within a few ``block_bytes`` per thread, however large
    the file and however long its lines.
    """
    if not hasattr(src, "read") and not hasattr(dst, "write") and os.path.exists(dst) and os.path.samefile(src, dst):
        raise ValueError("cut_file: src and dst are the same file")
    source = open_source(src)
    try:
        sink = open_sink(dst)
        try:
            run_stream(source, sink, cut_all=cut_all, HMM=HMM, pos=pos, delimiter=delimiter, format=format, jobs=jobs,
                       progress=progress, block_bytes=block_bytes or BLOCK_BYTES)
        finally:
            sink.close()
    finally:
        source.close()
