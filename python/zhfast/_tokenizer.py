"""``Tokenizer``: jieba's class, with the cutting done by the Rust core.

This layer keeps jieba's argument conventions (lazy generators, ``bytes`` input, flag
truthiness, lazy initialisation and its log messages) and nothing else.
"""
from __future__ import annotations

import io
import os
import time
from _thread import RLock
from collections.abc import Generator, Sequence
from math import log
from typing import (
    IO,
    Any,
    BinaryIO,
)

from . import _core, _fork, _many_texts, _pickling, _regex_cut
from ._cache import load_dictionary
from ._compat import get_abs_path, log_debug, resolve_filename, strdecode
from ._freq import FreqView
from ._many_texts import ALL, DEFAULT, NO_HMM, SEARCH, SEARCH_NO_HMM, ManyTexts, _cut_mode, _search_mode

DEFAULT_DICT = None
DEFAULT_DICT_NAME = "dict.txt"

_loads = 0


def count_load() -> None:
    global _loads
    _loads += 1


def dictionary_loads() -> int:
    """How many times this process has built a tokenizer's dictionary: each
    ``initialize`` that loads one, and each unpickled tokenizer whose dictionary was not
    built here already (see ``zhfast._pickling``)."""
    return _loads

#: Whether every module regex that cutting reads is jieba's own (see ``zhfast._patterns``):
#: then the core cuts; else ``zhfast._regex_cut`` runs jieba's loop with the user's.
_regexes_default = True


def set_regexes_default(flag: bool) -> None:
    global _regexes_default
    _regexes_default = flag
    _many_texts.set_regexes_default(flag)


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


class _BundledDictFile(io.BytesIO):
    """The bundled ``dict.txt`` as a binary file; marked so posseg need not re-read the
    tags it already has compiled."""

    zhfast_bundled = True


class Tokenizer(ManyTexts):
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
        #: The effect of the run-time edits: each edited word's final frequency (one
        #: entry per word however often it is edited; what a pickle carries).
        self._edits: dict[str, int] = {}
        #: ``(content hash, size)`` of the custom dictionary loaded (``None``: bundled).
        self._dict_id: tuple[str, int] | None = None
        #: That dictionary's bytes, held only by a tokenizer unpickled where no file has
        #: them (``get_dict_file`` reads them).
        self._dict_bytes: bytes | None = None
        #: Whether ``_core`` is shared with other tokenizers unpickled from the same
        #: state (it is forked on the first edit).
        self._core_shared = False
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
                self._dict_id = None
            else:
                self._dict_id = _pickling.file_id(abs_path)
                self._core = load_dictionary(abs_path, abs_path, self.tmp_dir, self.cache_file)
            # A new dictionary drops the edits made to the old one, as jieba's FREQ does.
            self._edits = {}
            self._dict_bytes = None
            self._core_shared = False
            self.initialized = True
            count_load()
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

    def _own_core(self) -> Any:
        """``_core``, forked first if other tokenizers share it (see ``zhfast._pickling``)."""
        if self._core_shared:
            with self.lock:
                if self._core_shared:
                    self._core = self._core.fork()
                    self._core_shared = False
        return self._core

    def _apply_words(self, batch, merge=True):
        """Apply ``(word, freq, tag)`` triples as jieba's ``add_word`` does, one core call.
        ``merge=False`` only stages new words; ``self._core.compact()`` compiles them."""
        self._own_core().add_words([(w, f) for w, f, _ in batch], merge)
        edits = self._edits
        for word, freq, _ in batch:
            edits[word] = freq
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
        self._own_core()
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

    # -- pickling: what the tokenizer is, not how it got there (see zhfast._pickling) ---

    def __reduce__(self) -> tuple[Any, ...]:
        blob, data = _pickling.tokenizer_state(self)
        extra = {k: v for k, v in self.__dict__.items() if k not in _pickling.TOKENIZER_FIELDS}
        return (_pickling.restore_tokenizer, (type(self), blob, data, extra))

    def get_dict_file(self) -> BinaryIO:
        """The dictionary file, open for reading bytes (the bundled one from memory)."""
        if self.dictionary == DEFAULT_DICT:
            return _BundledDictFile(_core.bundled_dictionary_bytes())
        if self._dict_bytes is not None and self.initialized:
            return io.BytesIO(self._dict_bytes)
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
