"""``zhfast.posseg``: jieba.posseg's API (words with part-of-speech tags), same output.

``import zhfast.posseg as pseg; pseg.lcut(s)`` gives the ``pair`` objects jieba gives.
Known words take their dictionary tag, user tags (``add_word(..., tag=...)``, user
dictionaries) win over it, and unknown runs go through jieba's joint word+tag HMM; the
cutting runs in the Rust core.
"""
from __future__ import annotations

from collections.abc import MutableMapping

import zhfast

from .. import _core
from .._compat import resolve_filename, strdecode


class pair:
    """A word and its tag: iterates as ``(word, flag)``, prints as ``word/flag``."""

    __slots__ = ("word", "flag")

    def __init__(self, word, flag):
        self.word = word
        self.flag = flag

    def __unicode__(self):
        return "%s/%s" % (self.word, self.flag)

    def __repr__(self):
        return "pair(%r, %r)" % (self.word, self.flag)

    def __str__(self):
        return self.__unicode__()

    def __iter__(self):
        return iter((self.word, self.flag))

    def __lt__(self, other):
        return self.word < other.word

    def __eq__(self, other):
        return isinstance(other, pair) and self.word == other.word and self.flag == other.flag

    def __hash__(self):
        return hash(self.word)

    def encode(self, arg):
        return self.__unicode__().encode(arg)


class _WordTagView(MutableMapping):
    """jieba's ``word_tag_tab``: tags set here (user tags, or a tag file loaded with
    ``load_word_tag``) over the dictionary's own tags."""

    def __init__(self, owner):
        self._owner = owner

    def __getitem__(self, word):
        tag = self._owner._tags.get(word)
        if tag is None:
            tag = self._owner.tokenizer._checked_core().tag(word) if isinstance(word, str) else None
        if not tag:
            raise KeyError(word)
        return tag

    def __setitem__(self, word, tag):
        self._owner._tags[word] = tag
        self._owner._table = None

    def __delitem__(self, word):
        del self._owner._tags[word]
        self._owner._table = None

    def __iter__(self):
        seen = set(self._owner._tags)
        yield from self._owner._tags
        core = self.tokenizer_core()
        for word in core.freq_keys():
            if word not in seen and core.tag(word):
                yield word

    def tokenizer_core(self):
        return self._owner.tokenizer._checked_core()

    def __len__(self):
        return sum(1 for _ in self)


class POSTokenizer:
    """jieba's ``POSTokenizer``: cuts with ``tokenizer``'s dictionary and tags words."""

    def __init__(self, tokenizer=None):
        self.tokenizer = tokenizer or zhfast.Tokenizer()
        self._tags = {}
        self._table = None
        self.load_word_tag(self.tokenizer.get_dict_file())

    def __repr__(self):
        return "<POSTokenizer tokenizer=%r>" % self.tokenizer

    def __getattr__(self, name):
        if name in ("cut_for_search", "lcut_for_search", "tokenize"):
            raise NotImplementedError
        return getattr(self.tokenizer, name)

    @property
    def word_tag_tab(self):
        return _WordTagView(self)

    def initialize(self, dictionary=None):
        self.tokenizer.initialize(dictionary)
        self.load_word_tag(self.tokenizer.get_dict_file())

    def load_word_tag(self, f):
        """Read ``word freq tag`` lines (exactly three fields, as jieba requires).

        The bundled dictionary's tags are compiled into the core already; any other file
        is read and checked here, and its tags take precedence."""
        self._tags = {}
        self._table = None
        if getattr(f, "zhfast_bundled", False):
            f.close()
            return
        f_name = resolve_filename(f)
        try:
            for lineno, line in enumerate(f, 1):
                try:
                    line = line.strip().decode("utf-8")
                    if not line:
                        continue
                    word, _, tag = line.split(" ")
                    self._tags[word] = tag
                except Exception:
                    raise ValueError("invalid POS dictionary entry in %s at Line %s: %s" % (f_name, lineno, line))  # noqa: B904  (as jieba)
        finally:
            f.close()

    def makesure_userdict_loaded(self):
        if self.tokenizer.user_word_tag_tab:
            self._tags.update(self.tokenizer.user_word_tag_tab)
            self._table = None
            self.tokenizer.user_word_tag_tab = {}

    def _tuples(self, sentence, HMM):
        """``(word, flag)`` tuples for a ``str`` (``cut_tuples``; ``_pairs`` makes pairs of them)."""
        return self.tokenizer._checked_core().pos_cut(sentence, bool(HMM), self._tag_table())

    def _core_and_tags(self):
        """The core tokenizer and tag table a cut uses now (for ``zhfast.analyse``,
        which cuts in the core)."""
        self.makesure_userdict_loaded()
        return self.tokenizer._checked_core(), self._tag_table()

    def _tag_table(self):
        """The core's copy of the tags set here (``_tags``), made again after they
        change (whatever changes them sets ``_table`` to ``None``)."""
        if self._table is None:
            self._table = _core.TagTable(self._tags)
        return self._table

    def _pairs(self, sentence, HMM):
        return [pair(w, f) for w, f in self._tuples(sentence, HMM)]

    def cut_tuples(self, sentence, HMM=True):
        """``[(word, flag), ...]`` as :meth:`lcut` would give them, as plain tuples
        (zhfast's own: cheaper when ``pair`` objects are not needed)."""
        self.makesure_userdict_loaded()
        return self._tuples(strdecode(sentence), HMM)

    def lcut_batch(self, texts, HMM=True, *, threads=None):
        """``[self.lcut(t, HMM) for t in texts]``, tagged on ``threads`` threads (all
        cores for ``None``) with the GIL released."""
        from .._tokenizer import _check_threads

        self.makesure_userdict_loaded()
        texts = [strdecode(t) for t in texts]
        core = self.tokenizer._checked_core()
        batches = core.pos_cut_batch(texts, bool(HMM), self._tag_table(), _check_threads(threads))
        return [[pair(w, f) for w, f in items] for items in batches]

    def _lcut_internal(self, sentence):
        self.makesure_userdict_loaded()
        return self._pairs(strdecode(sentence), True)

    def _lcut_internal_no_hmm(self, sentence):
        self.makesure_userdict_loaded()
        return self._pairs(strdecode(sentence), False)

    def cut(self, sentence, HMM=True):
        """Yield ``pair(word, flag)`` for ``sentence``."""
        self.makesure_userdict_loaded()
        sentence = strdecode(sentence)
        yield from self._pairs(sentence, HMM)

    def lcut(self, *args, **kwargs):
        return list(self.cut(*args, **kwargs))


dt = POSTokenizer(zhfast.dt)

initialize = dt.initialize


def _lcut_internal(s):
    return dt._lcut_internal(s)


def _lcut_internal_no_hmm(s):
    return dt._lcut_internal_no_hmm(s)


def cut(sentence, HMM=True, use_paddle=False):
    """Words of ``sentence`` with their tags (``pair`` objects); a generator.
    ``use_paddle`` is accepted and ignored, as jieba does without paddle installed."""
    yield from dt.cut(sentence, HMM=HMM)


def lcut(sentence, HMM=True, use_paddle=False):
    return list(cut(sentence, HMM))


def lcut_batch(texts, HMM=True, *, threads=None):
    """``[lcut(t, HMM) for t in texts]`` on ``threads`` threads (all cores for ``None``)."""
    return dt.lcut_batch(texts, HMM, threads=threads)
