"""``Tokenizer``: jieba's class, with the cutting done by the Rust core.

This layer keeps jieba's argument conventions (lazy generators, ``bytes`` input, flag
truthiness, lazy initialisation and its log messages) and nothing else.
"""
from __future__ import annotations

import io
import os
import time
from _thread import RLock
from math import log

from . import _core, _fork
from ._cache import load_dictionary
from ._compat import get_abs_path, log_debug, resolve_filename, strdecode
from ._freq import FreqView

_Mode = _core.Mode
DEFAULT, NO_HMM, ALL, SEARCH, SEARCH_NO_HMM = _Mode.DEFAULT, _Mode.NO_HMM, _Mode.ALL, _Mode.SEARCH, _Mode.SEARCH_NO_HMM


def _cut_mode(cut_all, HMM):
    """The core's mode for jieba's ``cut(..., cut_all, HMM)`` flags (any truth values)."""
    return ALL if cut_all else (DEFAULT if HMM else NO_HMM)


def _search_mode(HMM):
    """The core's mode for ``cut_for_search(..., HMM)``."""
    return SEARCH if HMM else SEARCH_NO_HMM

DEFAULT_DICT = None
DEFAULT_DICT_NAME = "dict.txt"

_RE_USERDICT = "^(.+?)( [0-9]+)?( [a-z]+)?$"
_re_userdict = None


def userdict_regex():
    """jieba's ``re_userdict``, compiled on first use (``re`` is slow to import)."""
    global _re_userdict
    if _re_userdict is None:
        import re

        _re_userdict = re.compile(_RE_USERDICT, re.U)
    return _re_userdict


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
                raise ValueError("dictionary file %s must be utf-8 (line %d)" % (f_name, lineno)) from None
        if not line:
            continue
        word, freq, tag = userdict_regex().match(line).groups()
        entries.append((word, None if freq is None else freq.strip(), None if tag is None else tag.strip()))
    return entries


def _decoded(texts):
    """``texts`` as a list of ``str`` (``bytes`` decoded as jieba does); a list that
    already holds only ``str`` is passed through without a per-item call."""
    if texts.__class__ is list and all(t.__class__ is str for t in texts):
        return texts
    return [strdecode(t) for t in texts]


def _check_threads(threads):
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError("threads must be None or a positive int, not %r" % (threads,))
    return threads


def _suggested_freq(core, word):
    """jieba's ``suggest_freq(word)`` for a ``str``, with the dictionary of ``core``."""
    total = core.total
    ftotal = float(total)
    freq = 1
    for seg in core.cut(word, NO_HMM):
        f = core.freq(seg)
        freq *= (1 if f is None else f) / ftotal
    f = core.freq(word)
    return max(int(freq * total) + 1, 1 if f is None else f)


def _dag_of_any(freq, sentence):
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


class Tokenizer:
    """jieba's ``Tokenizer``: a dictionary and the functions that cut with it."""

    def __init__(self, dictionary=DEFAULT_DICT):
        self.lock = RLock()
        if dictionary == DEFAULT_DICT:
            self.dictionary = dictionary
        else:
            self.dictionary = get_abs_path(dictionary)
        self.user_word_tag_tab = {}
        self.initialized = False
        self.tmp_dir = None
        self.cache_file = None
        self._core = None
        # Every (word, freq) applied by add_word, so a pickled Tokenizer can replay them.
        self._edits = []
        _fork.track(self)

    def __repr__(self):
        return "<Tokenizer dictionary=%r>" % self.dictionary

    # -- dictionary ---------------------------------------------------------------------

    def initialize(self, dictionary=None):
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
                with open(abs_path, "rb") as f:
                    data = f.read()
                self._core = load_dictionary(data, abs_path, self.tmp_dir, self.cache_file)
            self.initialized = True
            log_debug("Loading model cost %.3f seconds." % (time.time() - t1))
            log_debug("Prefix dict has been built successfully.")

    def check_initialized(self):
        if not self.initialized:
            self.initialize()

    def _checked_core(self):
        if not self.initialized:
            self.initialize()
        return self._core

    @property
    def total(self):
        """The sum of all word frequencies (0 before the dictionary is loaded, as jieba)."""
        return self._core.total if self.initialized else 0

    @property
    def FREQ(self):
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

    def add_word(self, word, freq=None, tag=None):
        """Add a word; ``freq`` defaults to :meth:`suggest_freq`, so the word is cut out.
        ``freq=0`` deletes it and makes the HMM split it (jieba's force-split set)."""
        self.check_initialized()
        word = strdecode(word)
        freq = int(freq) if freq is not None else self.suggest_freq(word, False)
        self._apply_words([(word, freq, tag)])

    def del_word(self, word):
        """Delete a word (``add_word(word, 0)``)."""
        self.add_word(word, 0)

    def load_userdict(self, f):
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

    def _with_suggested_freqs(self, entries):
        """``(word, freq, tag)`` for each entry, a line without a frequency getting
        jieba's ``suggest_freq`` as if the lines before it were loaded.  That is worked
        out on a copy of the dictionary, so a later line that fails changes nothing."""
        scratch = self._core.copy()
        batch, pending = [], []
        for word, freq, tag in entries:
            if freq is None:
                if pending:
                    scratch.add_words(pending, False)
                    pending = []
                freq = _suggested_freq(scratch, word)
            else:
                freq = int(freq)
            pending.append((word, freq))
            batch.append((word, freq, tag))
        return batch

    def suggest_freq(self, segment, tune=False):
        """jieba's ``suggest_freq``: the frequency that makes ``segment`` (a ``str``) one
        word, or that splits it into the given pieces (a tuple); ``tune`` applies it."""
        self.check_initialized()
        core = self._core
        ftotal = float(self.total)
        freq = 1
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
            self.add_word(word, freq)
        return freq

    def get_DAG(self, sentence):
        """jieba's ``get_DAG``: ``{k: [end, ...]}`` over the whole sentence."""
        self.check_initialized()
        if isinstance(sentence, str):
            try:
                return dict(enumerate(self._core.dag(sentence)))
            except UnicodeEncodeError:
                pass
        return _dag_of_any(self.FREQ, sentence)

    def calc(self, sentence, DAG, route):
        """jieba's ``calc``: fill ``route`` with ``(log prob, end)`` per position."""
        N = len(sentence)
        route[N] = (0, 0)
        freq = self.FREQ
        logtotal = log(self.total)
        for idx in range(N - 1, -1, -1):
            route[idx] = max((log(freq.get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in DAG[idx])

    # -- pickling: the dictionary path plus the words added, replayed on load -----------

    def __getstate__(self):
        return {
            "dictionary": self.dictionary,
            "initialized": self.initialized,
            "edits": list(self._edits),
            "user_word_tag_tab": dict(self.user_word_tag_tab),
            "tmp_dir": self.tmp_dir,
            "cache_file": self.cache_file,
        }

    def __setstate__(self, state):
        self.__init__(DEFAULT_DICT)
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

    def get_dict_file(self):
        if self.dictionary == DEFAULT_DICT:
            return _BundledDictFile(_core.bundled_dictionary_bytes())
        return open(self.dictionary, "rb")

    def set_dictionary(self, dictionary_path):
        with self.lock:
            abs_path = get_abs_path(dictionary_path)
            if not os.path.isfile(abs_path):
                raise Exception("jieba: file does not exist: " + abs_path)
            self.dictionary = abs_path
            self.initialized = False

    # -- cutting ------------------------------------------------------------------------

    def _lcut_mode(self, sentence, mode):
        return self._checked_core().cut(sentence, mode)

    def _lcut_str(self, sentence, cut_all, HMM):
        return self._lcut_mode(sentence, _cut_mode(cut_all, HMM))

    def _lcut_for_search_str(self, sentence, HMM):
        return self._lcut_mode(sentence, _search_mode(HMM))

    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        """Segment ``sentence`` (``str``, or ``bytes`` in UTF-8 or GBK); a generator.

        ``use_paddle`` is accepted for jieba's signature and ignored, which is what jieba
        does when paddle is not installed.
        """
        sentence = strdecode(sentence)
        yield from self._lcut_str(sentence, cut_all, HMM)

    def lcut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        # The common case in one Python frame: a str, the dictionary loaded.
        if sentence.__class__ is str and self.initialized:
            return self._core.cut(sentence, ALL if cut_all else (DEFAULT if HMM else NO_HMM))
        return self._lcut_str(strdecode(sentence), cut_all, HMM)

    def cut_for_search(self, sentence, HMM=True):
        """Finer segmentation for search engines; a generator."""
        sentence = strdecode(sentence)
        yield from self._lcut_for_search_str(sentence, HMM)

    def lcut_for_search(self, sentence, HMM=True):
        if sentence.__class__ is str and self.initialized:
            return self._core.cut(sentence, SEARCH if HMM else SEARCH_NO_HMM)
        return self._lcut_for_search_str(strdecode(sentence), HMM)

    _lcut = lcut
    _lcut_for_search = lcut_for_search

    def _lcut_no_hmm(self, sentence):
        return self.lcut(sentence, False, False)

    def _lcut_all(self, sentence):
        return self.lcut(sentence, True)

    def _lcut_for_search_no_hmm(self, sentence):
        return self.lcut_for_search(sentence, False)

    # -- batches and offsets (zhfast's own) -------------------------------------------------

    def lcut_batch(self, texts, cut_all=False, HMM=True, *, threads=None):
        """``[lcut(t, cut_all, HMM) for t in texts]``, cut on ``threads`` threads (all
        cores for ``None``) with the GIL released."""
        texts = _decoded(texts)
        return self._checked_core().cut_batch(texts, _cut_mode(cut_all, HMM), _check_threads(threads))

    def lcut_for_search_batch(self, texts, HMM=True, *, threads=None):
        """``[lcut_for_search(t, HMM) for t in texts]`` on ``threads`` threads."""
        texts = _decoded(texts)
        return self._checked_core().cut_batch(texts, _search_mode(HMM), _check_threads(threads))

    def cut_offsets(self, text, cut_all=False, HMM=True):
        """The code-point end offset of every token of ``cut(text, cut_all, HMM)`` as an
        ``array('I')``: token ``i`` is ``text[end[i-1]:end[i]]`` (the first starts at 0).
        No Python object is created per token.  (With ``cut_all`` tokens overlap, so
        only the ends are meaningful.)"""
        text = strdecode(text)
        return self._checked_core().offsets(text, _cut_mode(cut_all, HMM))

    def cut_offsets_batch(self, texts, cut_all=False, HMM=True, *, threads=None):
        """``[cut_offsets(t, cut_all, HMM) for t in texts]`` on ``threads`` threads."""
        texts = _decoded(texts)
        return self._checked_core().offsets_batch(texts, _cut_mode(cut_all, HMM), _check_threads(threads))

    def tokenize(self, unicode_sentence, mode="default", HMM=True):
        """Yield ``(word, start, end)`` with offsets in code points.  ``mode`` is
        ``"default"`` or anything else for search mode, as in jieba."""
        if not isinstance(unicode_sentence, str):
            raise ValueError("jieba: the input parameter should be unicode.")
        core_mode = DEFAULT if HMM else NO_HMM
        if mode != "default":
            core_mode = _search_mode(HMM)
        yield from self._checked_core().tokenize(unicode_sentence, core_mode)
