"""``Tokenizer``: jieba's class, with the cutting done by the Rust core.

This layer keeps jieba's argument conventions (lazy generators, ``bytes`` input, flag
truthiness, lazy initialisation and its log messages) and nothing else.
"""
from __future__ import annotations

import io
import os
import time
from _thread import RLock
from collections.abc import Generator, Iterable, Sequence
from math import log
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    BinaryIO,
)

if TYPE_CHECKING:
    from array import array

from . import _core, _fork, _regex_cut
from ._cache import load_dictionary
from ._compat import get_abs_path, log_debug, resolve_filename, strdecode
from ._freq import FreqView

_Mode = _core.Mode
DEFAULT, NO_HMM, ALL, SEARCH, SEARCH_NO_HMM = _Mode.DEFAULT, _Mode.NO_HMM, _Mode.ALL, _Mode.SEARCH, _Mode.SEARCH_NO_HMM


def _cut_mode(cut_all: Any, HMM: Any) -> Any:
    """The core's mode for jieba's ``cut(..., cut_all, HMM)`` flags (any truth values)."""
    return ALL if cut_all else (DEFAULT if HMM else NO_HMM)


def _search_mode(HMM: Any) -> Any:
    """The core's mode for ``cut_for_search(..., HMM)``."""
    return SEARCH if HMM else SEARCH_NO_HMM


DEFAULT_DICT = None
DEFAULT_DICT_NAME = "dict.txt"

#: Whether every module regex that cutting reads is jieba's own (see ``zhfast._patterns``):
#: then the core cuts; else ``zhfast._regex_cut`` runs jieba's loop with the user's.
_regexes_default = True


def set_regexes_default(flag: bool) -> None:
    global _regexes_default
    _regexes_default = flag


def userdict_regex() -> Any:
    """``zhfast.re_userdict`` as ``load_userdict`` reads it now (jieba's, or the user's)."""
    from ._patterns import get

    return get("zhfast", "re_userdict")


def _read_userdict(f):
    """Yield ``(word, freq_or_None, tag_or_None)`` for each line of a user dictionary, as
    jieba's ``load_userdict`` parses it.  Everything is read (and decoding errors raised)
    before the caller changes anything."""
    if isinstance(f, str):
        f_name = f
        with open(f, "rb") as fh:
            lines = fh.readlines()
    else:
        f_name = resolve_filename(f)
        lines = list(f)
    entries = []
    for lineno, ln in enumerate(lines, 1):
        line = ln.strip()
        if not isinstance(line, str):
            try:
                line = line.decode("utf-8").lstrip("\ufeff")
            except UnicodeDecodeError:
                raise ValueError(f"dictionary file {f_name} must be utf-8 (line {lineno})") from None
        if not line:
            continue
        word, freq, tag = userdict_regex().match(line).groups()
        entries.append((word, None if freq is None else freq.strip(), None if tag is None else tag.strip()))
    return entries


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


def _suggested_freq(core: Any, word: str) -> int:
    """jieba's ``suggest_freq(word)`` for a ``str``, with the dictionary of ``core``."""
    total = core.total
    ftotal = float(total)
    freq: float = 1
    for seg in core.cut(word, NO_HMM):
        f = core.freq(seg)
        freq *= (1 if f is None else f) / ftotal
    f = core.freq(word)
    return max(int(freq * total) + 1, 1 if f is None else f)


def _dag_of_any(freq: FreqView, sentence: Any) -> dict[int, list[int]]:
    """jieba's ``get_DAG`` itself, for what the core does not take: ``bytes``, lists and
    other sequences (``FREQ`` lookups of their items and slices raise as a dict's do),
    and strings with lone surrogates."""
    dag = {}
    n = len(sentence)
    for k in range(n):
        ends = []
        i = k
        frag = sentence[k]
        while i < n and freq.has(frag):
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k:i + 1]
        if not ends:
            ends.append(k)
        dag[k] = ends
    return dag


def _ends(tokenizer: Tokenizer, text: str, cut_all: bool, HMM: bool) -> array[int]:
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


class _BundledDictFile(io.BytesIO):
    """The bundled ``dict.txt`` as a binary file; marked so posseg need not re-read the
    tags it already has compiled."""

    zhfast_bundled = True


class Tokenizer:
    """jieba's ``Tokenizer``: a dictionary and the functions that cut with it."""

    def __init__(self, dictionary: str | None = DEFAULT_DICT) -> None:
        self.lock = RLock()
        self.dictionary: str | None = dictionary if dictionary is DEFAULT_DICT else get_abs_path(dictionary)
        #: Tags given with add_word or in user dictionaries (posseg takes them from here).
        self.user_word_tag_tab: dict[str, str] = {}
        self.initialized = False
        #: Where a custom dictionary's compiled form is cached (see ``zhfast._cache``).
        self.tmp_dir: str | None = None
        self.cache_file: str | None = None
        self._core: Any = None
        # Every (word, freq) applied by add_word, so a pickled Tokenizer can replay them.
        self._edits: list[tuple[str, int]] = []
        _fork.track(self)

    def __repr__(self) -> str:
        return f"<Tokenizer dictionary={self.dictionary!r}>"

    # -- dictionary ---------------------------------------------------------------------

    def initialize(self, dictionary: str | None = None) -> None:
        """Load the dictionary now (cutting loads it on first use); a path switches to
        that dictionary."""
        abs_path: str | None
        if dictionary:
            abs_path = get_abs_path(dictionary)
            if self.dictionary == abs_path and self.initialized:
                return
            self.dictionary = abs_path
            self.initialized = False
        else:
            abs_path = self.dictionary
        with self.lock:
            if self.initialized:
                return
            log_debug("Building prefix dict from %s ..." % (abs_path or "the default dictionary"))
            t1 = time.time()
            if abs_path == DEFAULT_DICT:
                self._core = _core.CoreTokenizer.bundled()
            else:
                self._core = load_dictionary(abs_path, abs_path, self.tmp_dir, self.cache_file)
            self.initialized = True
            log_debug("Loading model cost %.3f seconds." % (time.time() - t1))
            log_debug("Prefix dict has been built successfully.")

    def check_initialized(self) -> None:
        if not self.initialized:
            self.initialize()

    def _checked_core(self) -> Any:
        if not self.initialized:
            self.initialize()
        return self._core

    @property
    def total(self) -> int:
        """The sum of all word frequencies (0 before the dictionary is loaded, as jieba)."""
        return self._core.total if self.initialized else 0

    @property
    def FREQ(self) -> FreqView:
        """Read-only view of jieba's ``FREQ``: word -> frequency, prefixes -> 0."""
        return FreqView(self._checked_core())

    def _apply_words(self, batch, merge=True):
        """Apply ``(word, freq, tag)`` triples as jieba's ``add_word`` does, one core call.
        ``merge=False`` only stages new words; ``self._core.compact()`` compiles them."""
        self._core.add_words([(w, f) for w, f, _ in batch], merge)
        self._edits.extend((w, f) for w, f, _ in batch)
        for word, freq, tag in batch:
            if tag:
                self.user_word_tag_tab[word] = tag
            if freq == 0:
                _core.add_force_split(word)

    def add_word(self, word: str | bytes, freq: int | str | None = None, tag: str | None = None) -> None:
        """Add a word; ``freq`` defaults to :meth:`suggest_freq`, so the word is cut out.
        ``freq=0`` deletes it and makes the HMM split it (jieba's force-split set)."""
        self.check_initialized()
        word = strdecode(word)
        freq = int(freq) if freq is not None else self.suggest_freq(word, False)
        self._apply_words([(word, freq, tag)])

    def del_word(self, word: str | bytes) -> None:
        """Delete a word (``add_word(word, 0)``)."""
        self.add_word(word, 0)

    def load_userdict(self, f: str | IO[bytes] | IO[str]) -> None:
        """Load a user dictionary: a path, or a text or binary file object, with lines
        ``word [freq] [tag]`` in UTF-8.

        Unlike jieba, the whole file is read and checked first and applied at once: a bad
        file raises (``ValueError`` naming file and line, ``OverflowError`` for a
        frequency beyond 64 bits) and leaves the tokenizer unchanged.
        """
        self.check_initialized()
        entries = _read_userdict(f)
        if any(freq is None for _, freq, _ in entries):
            batch = self._with_suggested_freqs(entries)
        else:
            batch = [(word, int(freq), tag) for word, freq, tag in entries]
        self._apply_words(batch, merge=False)
        # Many words are compiled into the main trie in the background (cuts meanwhile
        # give the same answers, a little slower); a few, right here.
        self._core.compact()

    def _with_suggested_freqs(
        self, entries: list[tuple[str, str | None, str | None]],
    ) -> list[tuple[str, int, str | None]]:
        """``(word, freq, tag)`` for each entry, a line without a frequency getting
        jieba's ``suggest_freq`` as if the lines before it were loaded.  That is worked
        out on a copy of the dictionary, so a later line that fails changes nothing."""
        scratch = self._core.copy()
        batch: list[tuple[str, int, str | None]] = []
        pending: list[tuple[str, int]] = []
        for word, given, tag in entries:
            if given is None:
                if pending:
                    scratch.add_words(pending, False)
                    pending = []
                freq = _suggested_freq(scratch, word)
            else:
                freq = int(given)
            pending.append((word, freq))
            batch.append((word, freq, tag))
        return batch

    def suggest_freq(self, segment: str | Sequence[str | bytes], tune: bool = False) -> int:
        """jieba's ``suggest_freq``: the frequency that makes ``segment`` (a ``str``) one
        word, or that splits it into the given pieces (a tuple); ``tune`` applies it."""
        self.check_initialized()
        core = self._core
        ftotal = float(self.total)
        freq: float = 1
        if isinstance(segment, str):
            word = segment
            freq = _suggested_freq(core, word)
        else:
            segment = tuple(map(strdecode, segment))
            word = "".join(segment)
            for seg in segment:
                f = core.freq(seg)
                freq *= (1 if f is None else f) / ftotal
            f = core.freq(word)
            freq = min(int(freq * self.total), 0 if f is None else f)
        if tune:
            self.add_word(word, int(freq))
        return int(freq)

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        """jieba's ``get_DAG``: ``{k: [end, ...]}`` over the whole sentence."""
        self.check_initialized()
        if isinstance(sentence, str):
            try:
                return dict(enumerate(self._core.dag(sentence)))
            except UnicodeEncodeError:
                pass
        return _dag_of_any(self.FREQ, sentence)

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:
        """jieba's ``calc``: fill ``route`` with ``(log prob, end)`` per position."""
        N = len(sentence)
        route[N] = (0, 0)
        freq = self.FREQ
        logtotal = log(self.total)
        for idx in range(N - 1, -1, -1):
            route[idx] = max((log(freq.get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in DAG[idx])

    # -- pickling: the dictionary path plus the words added, replayed on load -----------

    def __getstate__(self) -> dict[str, Any]:
        return {
            "dictionary": self.dictionary,
            "initialized": self.initialized,
            "edits": list(self._edits),
            "user_word_tag_tab": dict(self.user_word_tag_tab),
            "tmp_dir": self.tmp_dir,
            "cache_file": self.cache_file,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        Tokenizer.__init__(self, DEFAULT_DICT)
        self.dictionary = state["dictionary"]
        self.tmp_dir = state["tmp_dir"]
        self.cache_file = state["cache_file"]
        self.user_word_tag_tab.update(state["user_word_tag_tab"])
        if state["initialized"] or state["edits"]:
            self.initialize()
            edits = state["edits"]
            if edits:
                self._core.add_words(edits, False)
                self._edits = list(edits)
                for word, freq in edits:
                    if freq == 0:
                        _core.add_force_split(word)
                self._core.compact()

    def get_dict_file(self) -> BinaryIO:
        """The dictionary file, open for reading bytes (the bundled one from memory)."""
        if self.dictionary == DEFAULT_DICT:
            return _BundledDictFile(_core.bundled_dictionary_bytes())
        return open(self.dictionary, "rb")

    def set_dictionary(self, dictionary_path: str) -> None:
        """Use another dictionary file from the next cut on."""
        with self.lock:
            abs_path = get_abs_path(dictionary_path)
            if not os.path.isfile(abs_path):
                raise Exception("jieba: file does not exist: " + abs_path)  # noqa: TRY002  (jieba raises this)
            self.dictionary = abs_path
            self.initialized = False

    # -- cutting ------------------------------------------------------------------------

    def _lcut_mode(self, sentence: str, mode: Any) -> list[str]:
        return self._checked_core().cut(sentence, mode)

    def _lcut_str(self, sentence: str, cut_all: Any, HMM: Any) -> list[str]:
        if not _regexes_default:
            return [w for w, _ in _regex_cut.cut(self, sentence, cut_all, HMM)]
        return self._lcut_mode(sentence, _cut_mode(cut_all, HMM))

    def _lcut_for_search_str(self, sentence: str, HMM: Any) -> list[str]:
        if not _regexes_default:
            return list(_regex_cut.cut_for_search(self, sentence, HMM))
        return self._lcut_mode(sentence, _search_mode(HMM))

    def cut(self, sentence: str | bytes, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False) -> Generator[str, None, None]:
        """Segment ``sentence`` (``str``, or ``bytes`` in UTF-8 or GBK); a generator.

        ``use_paddle`` is accepted for jieba's signature and ignored, which is what jieba
        does when paddle is not installed.
        """
        sentence = strdecode(sentence)
        if not _regexes_default:
            # Lazily, as jieba's generator: the user's regexes are read on the first next().
            for word, _ in _regex_cut.cut(self, sentence, cut_all, HMM):
                yield word
            return
        yield from self._lcut_str(sentence, cut_all, HMM)

    def lcut(self, sentence: str | bytes, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False) -> list[str]:
        """``list(cut(...))``."""
        # The common case in one Python frame: a str, the dictionary loaded.
        if sentence.__class__ is str and self.initialized and _regexes_default:
            return self._core.cut(sentence, ALL if cut_all else (DEFAULT if HMM else NO_HMM))
        return self._lcut_str(strdecode(sentence), cut_all, HMM)

    def cut_for_search(self, sentence: str | bytes, HMM: bool = True) -> Generator[str, None, None]:
        """Finer segmentation for search engines; a generator."""
        sentence = strdecode(sentence)
        if not _regexes_default:
            yield from _regex_cut.cut_for_search(self, sentence, HMM)
            return
        yield from self._lcut_for_search_str(sentence, HMM)

    def lcut_for_search(self, sentence: str | bytes, HMM: bool = True) -> list[str]:
        """``list(cut_for_search(...))``."""
        if sentence.__class__ is str and self.initialized and _regexes_default:
            return self._core.cut(sentence, SEARCH if HMM else SEARCH_NO_HMM)
        return self._lcut_for_search_str(strdecode(sentence), HMM)

    _lcut = lcut
    _lcut_for_search = lcut_for_search

    def _lcut_no_hmm(self, sentence: str | bytes) -> list[str]:
        return self.lcut(sentence, False, False)

    def _lcut_all(self, sentence: str | bytes) -> list[str]:
        return self.lcut(sentence, True)

    def _lcut_for_search_no_hmm(self, sentence: str | bytes) -> list[str]:
        return self.lcut_for_search(sentence, False)

    # -- batches and offsets (zhfast's own) -------------------------------------------------

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

    def tokenize(self, unicode_sentence: str, mode: str = "default", HMM: bool = True) -> Generator[tuple[str, int, int], None, None]:
        """Yield ``(word, start, end)`` with offsets in code points.  ``mode`` is
        ``"default"`` or anything else for search mode, as in jieba."""
        if not isinstance(unicode_sentence, str):
            raise ValueError("jieba: the input parameter should be unicode.")  # noqa: TRY004  (as jieba)
        search = mode != "default"
        if not _regexes_default:
            yield from _regex_cut.tokenize(self, unicode_sentence, search, bool(HMM))
            return
        core_mode = _search_mode(HMM) if search else (DEFAULT if HMM else NO_HMM)
        yield from self._checked_core().tokenize(unicode_sentence, core_mode)
