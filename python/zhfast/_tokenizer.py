"""``Tokenizer``: jieba's class, with the cutting done by the Rust core.

This layer keeps jieba's argument conventions (lazy generators, ``bytes`` input, flag
truthiness, lazy initialisation and its log messages) and nothing else.
"""
from __future__ import annotations

import io
import os
import threading
import time

from . import _core
from ._compat import default_logger, get_abs_path, strdecode

DEFAULT_DICT = None
DEFAULT_DICT_NAME = "dict.txt"


def _via_stand_in(core_spans, sentence):
    """Cut a ``str`` that cannot be UTF-8 (lone surrogates) without losing anything.

    Each unencodable code point becomes one ``?``; that stand-in has the same length and
    the same character classes where it matters (a surrogate is never in a dictionary
    block, nor whitespace, and neither is ``?``), so its token spans are the original's.
    """
    stand_in = sentence.encode("utf-8", "replace").decode("utf-8")
    return [sentence[s[0]:s[1]] if isinstance(s, tuple) else s for s in core_spans(stand_in)]


class Tokenizer:
    """jieba's ``Tokenizer``: a dictionary and the functions that cut with it."""

    def __init__(self, dictionary=DEFAULT_DICT):
        self.lock = threading.RLock()
        if dictionary == DEFAULT_DICT:
            self.dictionary = dictionary
        else:
            self.dictionary = get_abs_path(dictionary)
        self.user_word_tag_tab = {}
        self.initialized = False
        self.tmp_dir = None
        self.cache_file = None
        self._core = None

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
            default_logger.debug("Building prefix dict from %s ..." % (abs_path or "the default dictionary"))
            t1 = time.time()
            if abs_path == DEFAULT_DICT:
                self._core = _core.CoreTokenizer.bundled()
            else:
                with open(abs_path, "rb") as f:
                    data = f.read()
                self._core = _core.CoreTokenizer.from_dictionary_bytes(data, abs_path)
            self.initialized = True
            default_logger.debug("Loading model cost %.3f seconds." % (time.time() - t1))
            default_logger.debug("Prefix dict has been built successfully.")

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

    def get_dict_file(self):
        if self.dictionary == DEFAULT_DICT:
            return io.BytesIO(_core.bundled_dictionary_bytes())
        return open(self.dictionary, "rb")

    def set_dictionary(self, dictionary_path):
        with self.lock:
            abs_path = get_abs_path(dictionary_path)
            if not os.path.isfile(abs_path):
                raise Exception("jieba: file does not exist: " + abs_path)
            self.dictionary = abs_path
            self.initialized = False

    # -- cutting ------------------------------------------------------------------------

    def _lcut_str(self, sentence, cut_all, HMM):
        core = self._checked_core()
        try:
            return core.cut(sentence, bool(cut_all), bool(HMM))
        except UnicodeEncodeError:
            return _via_stand_in(lambda s: core.cut_spans(s, bool(cut_all), bool(HMM), False), sentence)

    def _lcut_for_search_str(self, sentence, HMM):
        core = self._checked_core()
        try:
            return core.cut_for_search(sentence, bool(HMM))
        except UnicodeEncodeError:
            return _via_stand_in(lambda s: core.cut_spans(s, False, bool(HMM), True), sentence)

    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        """Segment ``sentence`` (``str``, or ``bytes`` in UTF-8 or GBK); a generator.

        ``use_paddle`` is accepted for jieba's signature and ignored, which is what jieba
        does when paddle is not installed.
        """
        sentence = strdecode(sentence)
        yield from self._lcut_str(sentence, cut_all, HMM)

    def lcut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        return self._lcut_str(strdecode(sentence), cut_all, HMM)

    def cut_for_search(self, sentence, HMM=True):
        """Finer segmentation for search engines; a generator."""
        sentence = strdecode(sentence)
        yield from self._lcut_for_search_str(sentence, HMM)

    def lcut_for_search(self, sentence, HMM=True):
        return self._lcut_for_search_str(strdecode(sentence), HMM)

    _lcut = lcut
    _lcut_for_search = lcut_for_search

    def _lcut_no_hmm(self, sentence):
        return self.lcut(sentence, False, False)

    def _lcut_all(self, sentence):
        return self.lcut(sentence, True)

    def _lcut_for_search_no_hmm(self, sentence):
        return self.lcut_for_search(sentence, False)

    def tokenize(self, unicode_sentence, mode="default", HMM=True):
        """Yield ``(word, start, end)`` with offsets in code points.  ``mode`` is
        ``"default"`` or anything else for search mode, as in jieba."""
        if not isinstance(unicode_sentence, str):
            raise ValueError("jieba: the input parameter should be unicode.")
        search = mode != "default"
        core = self._checked_core()
        try:
            items = core.tokenize(unicode_sentence, search, bool(HMM))
        except UnicodeEncodeError:
            stand_in = unicode_sentence.encode("utf-8", "replace").decode("utf-8")
            items = [(unicode_sentence[s:e], s, e) for s, e in core.cut_spans(stand_in, False, bool(HMM), search)]
        yield from items
