"""zhfast's own calls on many texts at once (batches, offsets, Arrow columns), mixed into
``Tokenizer``, and the conventions they share with it: jieba's ``cut_all`` / ``HMM``
flags as one core ``Mode``, a ``threads`` argument, texts decoded as jieba decodes them.

While a user's module regexes are in force (``zhfast._patterns``) these calls cut text by
text through jieba's loop (``zhfast._regex_cut``), as ``lcut`` does.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from array import array

from . import _core, _regex_cut
from ._compat import strdecode

_Mode = _core.Mode
DEFAULT, NO_HMM, ALL, SEARCH, SEARCH_NO_HMM = _Mode.DEFAULT, _Mode.NO_HMM, _Mode.ALL, _Mode.SEARCH, _Mode.SEARCH_NO_HMM

#: ``zhfast._tokenizer._regexes_default``, kept here too so that these calls read a
#: module global as ``lcut`` does.
_regexes_default = True


def set_regexes_default(flag: bool) -> None:
    global _regexes_default
    _regexes_default = flag


def _cut_mode(cut_all: Any, HMM: Any) -> Any:
    """The core's mode for jieba's ``cut(..., cut_all, HMM)`` flags (any truth values)."""
    return ALL if cut_all else (DEFAULT if HMM else NO_HMM)


def _search_mode(HMM: Any) -> Any:
    """The core's mode for ``cut_for_search(..., HMM)``."""
    return SEARCH if HMM else SEARCH_NO_HMM


def _decoded(texts: Any) -> list[str]:
    """``texts`` as a list of ``str`` (``bytes`` decoded as jieba does); a list that
    already holds only ``str`` is passed through without a per-item call."""
    if texts.__class__ is list and all(t.__class__ is str for t in texts):
        return texts
    return [strdecode(t) for t in texts]


def _check_threads(threads: int | None) -> int | None:
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be None or a positive int, not {threads!r}")
    return threads


def _ends(tokenizer: Any, text: str, cut_all: bool, HMM: bool) -> array[int]:
    """``cut_offsets`` on the Python path (a user's regexes): each token's end."""
    from array import array as make_array

    return make_array("I", [end for _, end in _regex_cut.cut(tokenizer, text, cut_all, HMM)])


def _arrow_texts(texts: Any) -> Any:
    """``texts`` as the core's Arrow calls take them: an object of the Arrow PyCapsule
    interface (``__arrow_c_array__`` / ``__arrow_c_stream__``) as it is, any other
    iterable as a list."""
    if hasattr(texts, "__arrow_c_array__") or hasattr(texts, "__arrow_c_stream__"):
        return texts
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a column or a sequence of str, not a single %s" % type(texts).__name__)
    return texts if texts.__class__ is list else list(texts)


def _arrow_by_item(texts: Any, per_text: Any, value_type: str) -> Any:
    """An Arrow column of ``per_text(t)`` for each text, made with pyarrow: the path of
    the Arrow calls while a user's module regexes are in force (the core cuts with
    jieba's).  ``value_type`` is ``"string"``, ``"uint32"`` or ``"tagged"`` (posseg's
    ``struct<word, flag>``).  Nulls stay null and chunks keep their lengths."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise ImportError("the Arrow calls need pyarrow while jieba's module regexes are replaced "
                          "(pip install zhfast[arrow])") from None
    texts = _arrow_texts(texts)
    if texts.__class__ is list:
        texts = pa.array([strdecode(t) if isinstance(t, bytes) else t for t in texts], pa.large_string())
    column = pa.chunked_array(texts) if hasattr(texts, "__arrow_c_stream__") and not isinstance(texts, pa.Array) else pa.array(texts)
    items = {"string": pa.string(), "uint32": pa.uint32(), "tagged": pa.struct([("word", pa.string()), ("flag", pa.string())])}
    kind = pa.list_(items[value_type])

    def convert(chunk: Any) -> Any:
        return pa.array([None if t is None else per_text(t) for t in chunk.to_pylist()], kind)

    if isinstance(column, pa.ChunkedArray):
        return pa.chunked_array([convert(c) for c in column.chunks], kind)
    return convert(column)


def _call_arrow(call: Any, texts: Any) -> Any:
    """``call(texts)`` on :func:`_arrow_texts`; a list with ``bytes`` items (which the
    core refuses) is tried again with them decoded as ``lcut`` decodes them."""
    texts = _arrow_texts(texts)
    try:
        return call(texts)
    except TypeError:
        if texts.__class__ is list and any(isinstance(t, bytes) for t in texts):
            return call([strdecode(t) if isinstance(t, bytes) else t for t in texts])
        raise



class ManyTexts:
    """The batch, offset and Arrow methods of ``Tokenizer``."""

    # What the methods need of the class they are mixed into (``Tokenizer`` defines them).
    def _checked_core(self) -> Any:
        raise NotImplementedError

    def _lcut_str(self, sentence: str, cut_all: Any, HMM: Any) -> list[str]:
        raise NotImplementedError

    def _lcut_for_search_str(self, sentence: str, HMM: Any) -> list[str]:
        raise NotImplementedError

    def lcut_batch(
        self, texts: Iterable[str | bytes], cut_all: bool = False, HMM: bool = True, *, threads: int | None = None,
    ) -> list[list[str]]:
        """``[lcut(t, cut_all, HMM) for t in texts]``, cut on ``threads`` threads (all
        cores for ``None``) with the GIL released."""
        texts = _decoded(texts)
        core = self._checked_core()
        if not _regexes_default:
            _check_threads(threads)
            return [self._lcut_str(t, cut_all, HMM) for t in texts]
        return core.cut_batch(texts, _cut_mode(cut_all, HMM), _check_threads(threads))

    def lcut_for_search_batch(
        self, texts: Iterable[str | bytes], HMM: bool = True, *, threads: int | None = None,
    ) -> list[list[str]]:
        """``[lcut_for_search(t, HMM) for t in texts]`` on ``threads`` threads."""
        texts = _decoded(texts)
        core = self._checked_core()
        if not _regexes_default:
            _check_threads(threads)
            return [self._lcut_for_search_str(t, HMM) for t in texts]
        return core.cut_batch(texts, _search_mode(HMM), _check_threads(threads))

    def cut_offsets(self, text: str | bytes, cut_all: bool = False, HMM: bool = True) -> array[int]:
        """The code-point end offset of every token of ``cut(text, cut_all, HMM)`` as an
        ``array('I')``: token ``i`` is ``text[end[i-1]:end[i]]`` (the first starts at 0).
        No Python object is created per token.  (With ``cut_all`` tokens overlap, so
        only the ends are meaningful.)"""
        text = strdecode(text)
        core = self._checked_core()
        if not _regexes_default:
            return _ends(self, text, cut_all, HMM)
        return core.offsets(text, _cut_mode(cut_all, HMM))

    def cut_offsets_batch(
        self, texts: Iterable[str | bytes], cut_all: bool = False, HMM: bool = True, *, threads: int | None = None,
    ) -> list[array[int]]:
        """``[cut_offsets(t, cut_all, HMM) for t in texts]`` on ``threads`` threads."""
        texts = _decoded(texts)
        core = self._checked_core()
        threads = _check_threads(threads)
        if not _regexes_default:
            return [_ends(self, t, cut_all, HMM) for t in texts]
        return core.offsets_batch(texts, _cut_mode(cut_all, HMM), threads)

    # -- Arrow columns (zhfast's own) -----------------------------------------------------

    def cut_arrow(self, texts: Any, cut_all: bool = False, HMM: bool = True, *, threads: int | None = None) -> Any:
        """``[lcut(t, cut_all, HMM) for t in texts]`` as an Arrow ``list<string>`` column,
        cut on ``threads`` threads (all cores for ``None``) with the GIL released.

        ``texts`` is anything that exports an Arrow array or stream of strings through
        the Arrow PyCapsule interface (a pyarrow ``Array`` or ``ChunkedArray``, a table
        column, a Polars ``Series``, a DuckDB or nanoarrow result; ``string``,
        ``large_string`` or ``string_view``), or a sequence of ``str``.  No Python object
        is made per token or per text.  The result exports the same interface:
        ``pyarrow.array(r)``, ``pyarrow.chunked_array(r)`` and ``polars.Series(r)`` take
        it without a copy; a chunked input gives a chunked result with the same chunk
        lengths, and a null text gives a null list.  ``large_list`` / ``large_string``
        are used where 32-bit offsets would overflow.  A column of anything but strings
        raises ``TypeError``; a ``str`` with lone surrogates (which Arrow cannot hold)
        raises ``UnicodeEncodeError``.
        """
        core = self._checked_core()
        mode, threads = _cut_mode(cut_all, HMM), _check_threads(threads)
        if not _regexes_default:
            return _arrow_by_item(texts, lambda t: self._lcut_str(t, cut_all, HMM), "string")
        return _call_arrow(lambda t: core.cut_arrow(t, mode, threads), texts)

    def cut_for_search_arrow(self, texts: Any, HMM: bool = True, *, threads: int | None = None) -> Any:
        """``[lcut_for_search(t, HMM) for t in texts]`` as an Arrow ``list<string>``
        column; ``texts`` and the result as in :meth:`cut_arrow`."""
        core = self._checked_core()
        mode, threads = _search_mode(HMM), _check_threads(threads)
        if not _regexes_default:
            return _arrow_by_item(texts, lambda t: self._lcut_for_search_str(t, HMM), "string")
        return _call_arrow(lambda t: core.cut_arrow(t, mode, threads), texts)

    def cut_offsets_arrow(self, texts: Any, cut_all: bool = False, HMM: bool = True, *, threads: int | None = None) -> Any:
        """``[cut_offsets(t, cut_all, HMM) for t in texts]`` as an Arrow ``list<uint32>``
        column: each text's code-point token end offsets; ``texts`` and the result as in
        :meth:`cut_arrow`."""
        core = self._checked_core()
        mode, threads = _cut_mode(cut_all, HMM), _check_threads(threads)
        if not _regexes_default:
            return _arrow_by_item(texts, lambda t: list(_ends(self, t, cut_all, HMM)), "uint32")
        return _call_arrow(lambda t: core.offsets_arrow(t, mode, threads), texts)
