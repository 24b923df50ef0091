"""``zhfast.posseg``: jieba.posseg's API (words with part-of-speech tags), same output.

``import zhfast.posseg as pseg; pseg.lcut(s)`` gives the ``pair`` objects jieba gives.
Known words take their dictionary tag, user tags (``add_word(..., tag=...)``, user
dictionaries) win over it, and unknown runs go through jieba's joint word+tag HMM; the
cutting runs in the Rust core.
"""
from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, BinaryIO

import zhfast

from .. import _core, _patterns
from .._compat import (  # noqa: F401  (jieba's posseg exports _compat's names)
    PY2,
    check_paddle_install,
    default_encoding,
    enable_paddle,
    get_module_res,
    iteritems,
    iterkeys,
    itervalues,
    resolve_filename,
    setLogLevel,
    strdecode,
    string_types,
    text_type,
    xrange,
)
from .._tokenizer import Tokenizer
from ._python_tagger import _PythonTagger
from .viterbi import viterbi  # noqa: F401  (jieba's posseg.viterbi is the function)

if TYPE_CHECKING:
    import logging
    import re

    from .._tables import State

    re_han_detail: re.Pattern[str]
    re_skip_detail: re.Pattern[str]
    re_han_internal: re.Pattern[str]
    re_skip_internal: re.Pattern[str]
    re_eng: re.Pattern[str]
    re_num: re.Pattern[str]
    re_eng1: re.Pattern[str]
    char_state_tab_P: dict[str, tuple[State, ...]]
    start_P: dict[State, float]
    trans_P: dict[State, dict[State, float]]
    emit_P: dict[State, dict[str, float]]
    default_logger: logging.Logger
    log_console: logging.Handler

PROB_START_P = "prob_start.p"
PROB_TRANS_P = "prob_trans.p"
PROB_EMIT_P = "prob_emit.p"
CHAR_STATE_TAB_P = "char_state_tab.p"

#: Whether posseg's module regexes are all jieba's (see ``zhfast._patterns``): then the
#: core tags; else the Python rendering of jieba's loop below runs with the user's.
_regexes_default = True


def _set_regexes_default(flag: bool) -> None:
    global _regexes_default
    _regexes_default = flag


def load_model() -> tuple[dict[str, tuple[State, ...]], dict[State, float], dict[State, dict[State, float]],
                          dict[State, dict[str, float]]]:
    """``(char_state_tab_P, start_P, trans_P, emit_P)``, as jieba's ``load_model``."""
    from .._tables import posseg

    t = posseg()
    return t.char_state, t.start, t.trans, t.emit


class pair:
    """A word and its tag: iterates as ``(word, flag)``, prints as ``word/flag``."""

    __slots__ = ("flag", "word")

    def __init__(self, word: str, flag: str) -> None:
        self.word = word
        self.flag = flag

    def __unicode__(self) -> str:
        return f"{self.word}/{self.flag}"

    def __repr__(self) -> str:
        return f"pair({self.word!r}, {self.flag!r})"

    def __str__(self) -> str:
        return self.__unicode__()

    def __iter__(self) -> Iterator[str]:
        return iter((self.word, self.flag))

    def __lt__(self, other: pair) -> bool:
        return self.word < other.word

    def __eq__(self, other: object) -> bool:
        return isinstance(other, pair) and self.word == other.word and self.flag == other.flag

    def __hash__(self) -> int:
        return hash(self.word)

    def encode(self, arg: str) -> bytes:
        return self.__unicode__().encode(arg)


class _WordTagView(MutableMapping):  # type: ignore[type-arg]
    """jieba's ``word_tag_tab``: tags set here (user tags, or a tag file loaded with
    ``load_word_tag``) over the dictionary's own tags."""

    def __init__(self, owner: POSTokenizer) -> None:
        self._owner = owner

    def __getitem__(self, word: str) -> str:
        tag = self._owner._tags.get(word)
        if tag is None:
            tag = self._owner.tokenizer._checked_core().tag(word) if isinstance(word, str) else None
        if not tag:
            raise KeyError(word)
        return tag

    def __setitem__(self, word: str, tag: str) -> None:
        self._owner._tags[word] = tag
        self._owner._table = None

    def __delitem__(self, word: str) -> None:
        del self._owner._tags[word]
        self._owner._table = None

    def __iter__(self) -> Iterator[str]:
        seen = set(self._owner._tags)
        yield from self._owner._tags
        core = self.tokenizer_core()
        for word in core.freq_keys():
            if word not in seen and core.tag(word):
                yield word

    def tokenizer_core(self) -> Any:
        return self._owner.tokenizer._checked_core()

    def __len__(self) -> int:
        return sum(1 for _ in self)


class POSTokenizer:
    """jieba's ``POSTokenizer``: cuts with ``tokenizer``'s dictionary and tags words."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self.tokenizer: Tokenizer = tokenizer or zhfast.Tokenizer()
        self._tags: dict[str, str] = {}
        self._table: Any = None
        self.load_word_tag(self.tokenizer.get_dict_file())

    def __repr__(self) -> str:
        return f"<POSTokenizer tokenizer={self.tokenizer!r}>"

    def __reduce__(self) -> tuple[Any, ...]:
        # The tokenizer pickles itself (see zhfast._pickling); the tags set here go as
        # their change from the dictionary file's.
        from .._pickling import pos_tags_state, restore_pos_tokenizer

        extra = {k: v for k, v in self.__dict__.items() if k not in ("tokenizer", "_tags", "_table")}
        return (restore_pos_tokenizer, (type(self), self.tokenizer, pos_tags_state(self), extra))

    def __getattr__(self, name: str) -> Any:
        if name in ("cut_for_search", "lcut_for_search", "tokenize"):
            raise NotImplementedError
        return getattr(self.tokenizer, name)

    @property
    def word_tag_tab(self) -> MutableMapping[str, str]:
        """Word -> tag, as jieba's dict (a view over the dictionary's tags)."""
        return _WordTagView(self)

    def initialize(self, dictionary: str | None = None) -> None:
        self.tokenizer.initialize(dictionary)
        self.load_word_tag(self.tokenizer.get_dict_file())

    def load_word_tag(self, f: BinaryIO) -> None:
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
            for lineno, raw in enumerate(f, 1):
                line: Any = raw
                try:
                    line = raw.strip().decode("utf-8")
                    if not line:
                        continue
                    word, _, tag = line.split(" ")
                    self._tags[word] = tag
                except Exception:
                    raise ValueError("invalid POS dictionary entry in %s at Line %s: %s" % (f_name, lineno, line))  # noqa: B904  (as jieba)
        finally:
            f.close()

    def makesure_userdict_loaded(self) -> None:
        if self.tokenizer.user_word_tag_tab:
            self._tags.update(self.tokenizer.user_word_tag_tab)
            self._table = None
            self.tokenizer.user_word_tag_tab = {}

    def _tuples(self, sentence: str, HMM: bool) -> list[tuple[str, str]]:
        """``(word, flag)`` tuples for a ``str`` (no ``pair`` objects: for analyse)."""
        if not _regexes_default:
            return list(_PythonTagger(self).cut(sentence, HMM))
        return self.tokenizer._checked_core().pos_cut(sentence, bool(HMM), self._tag_table())

    def _core_and_tags(self) -> tuple[Any, Any]:
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

    def _pairs(self, sentence: str, HMM: bool) -> list[pair]:
        return [pair(w, f) for w, f in self._tuples(sentence, HMM)]

    def cut_tuples(self, sentence: str | bytes, HMM: bool = True) -> list[tuple[str, str]]:
        """``[(word, flag), ...]`` as :meth:`lcut` would give them, as plain tuples
        (zhfast's own: cheaper when ``pair`` objects are not needed)."""
        self.makesure_userdict_loaded()
        return self._tuples(strdecode(sentence), HMM)

    def lcut_batch(self, texts: Iterable[str | bytes], HMM: bool = True, *, threads: int | None = None) -> list[list[pair]]:
        """``[self.lcut(t, HMM) for t in texts]``, tagged on ``threads`` threads (all
        cores for ``None``) with the GIL released."""
        from .._many_texts import _check_threads

        self.makesure_userdict_loaded()
        decoded = [strdecode(t) for t in texts]
        if not _regexes_default:
            _check_threads(threads)
            return [self._pairs(t, HMM) for t in decoded]
        core = self.tokenizer._checked_core()
        batches = core.pos_cut_batch(decoded, bool(HMM), self._tag_table(), _check_threads(threads))
        return [[pair(w, f) for w, f in items] for items in batches]

    def cut_arrow(self, texts: Any, HMM: bool = True, *, threads: int | None = None) -> Any:
        """``[self.lcut(t, HMM) for t in texts]`` as an Arrow column of
        ``list<struct<word: string, flag: string>>``, tagged on ``threads`` threads (all
        cores for ``None``) with the GIL released; ``texts`` and the result as in
        :meth:`zhfast.Tokenizer.cut_arrow`."""
        from .._many_texts import _arrow_by_item, _call_arrow, _check_threads

        self.makesure_userdict_loaded()
        core = self.tokenizer._checked_core()
        table, threads = self._tag_table(), _check_threads(threads)
        if not _regexes_default:
            return _arrow_by_item(texts, lambda t: [{"word": w, "flag": f} for w, f in self._tuples(t, HMM)], "tagged")
        return _call_arrow(lambda t: core.pos_cut_arrow(t, bool(HMM), table, threads), texts)

    def _lcut_internal(self, sentence: str | bytes) -> list[pair]:
        self.makesure_userdict_loaded()
        return self._pairs(strdecode(sentence), True)

    def _lcut_internal_no_hmm(self, sentence: str | bytes) -> list[pair]:
        self.makesure_userdict_loaded()
        return self._pairs(strdecode(sentence), False)

    def cut(self, sentence: str | bytes, HMM: bool = True) -> Generator[pair, None, None]:
        """Yield ``pair(word, flag)`` for ``sentence``."""
        self.makesure_userdict_loaded()
        sentence = strdecode(sentence)
        if not _regexes_default:
            for w, f in _PythonTagger(self).cut(sentence, HMM):
                yield pair(w, f)
            return
        yield from self._pairs(sentence, HMM)

    def lcut(self, sentence: str | bytes, HMM: bool = True) -> list[pair]:
        """``list(self.cut(sentence, HMM))``."""
        return list(self.cut(sentence, HMM))


dt = POSTokenizer(zhfast.dt)

initialize = dt.initialize


def _lcut_internal(s: str | bytes) -> list[pair]:
    return dt._lcut_internal(s)


def _lcut_internal_no_hmm(s: str | bytes) -> list[pair]:
    return dt._lcut_internal_no_hmm(s)


def cut(sentence: str | bytes, HMM: bool = True, use_paddle: bool = False) -> Generator[pair, None, None]:
    """Words of ``sentence`` with their tags (``pair`` objects); a generator.
    ``use_paddle`` is accepted and ignored, as jieba does when paddle is not
    installed (zhfast has no paddle mode).  After ``zhfast.enable_parallel()``, a long
    text is tagged on several threads."""
    if zhfast._parallel:
        sentence = strdecode(sentence)
        if len(sentence) >= zhfast._PARALLEL_MIN_CHARS:
            yield from dt.lcut_batch([sentence], HMM, threads=zhfast._parallel_threads)[0]
            return
    yield from dt.cut(sentence, HMM=HMM)


def lcut(sentence: str | bytes, HMM: bool = True, use_paddle: bool = False) -> list[pair]:
    """``list(cut(sentence, HMM))`` (with ``use_paddle``, jieba's default ``HMM``)."""
    if use_paddle:
        return list(cut(sentence))
    return list(cut(sentence, HMM))


def lcut_batch(texts: Iterable[str | bytes], HMM: bool = True, *, threads: int | None = None) -> list[list[pair]]:
    """``[lcut(t, HMM) for t in texts]`` on ``threads`` threads (all cores for ``None``)."""
    return dt.lcut_batch(texts, HMM, threads=threads)


def cut_arrow(texts: Any, HMM: bool = True, *, threads: int | None = None) -> Any:
    """``[lcut(t, HMM) for t in texts]`` as an Arrow ``list<struct<word, flag>>`` column
    (see :meth:`POSTokenizer.cut_arrow`)."""
    return dt.cut_arrow(texts, HMM, threads=threads)


if not TYPE_CHECKING:

    def __getattr__(name):
        if name in _patterns.SOURCES[__name__]:
            return _patterns.default(__name__, name)
        tables = {"char_state_tab_P": 0, "start_P": 1, "trans_P": 2, "emit_P": 3}
        if name in tables:
            value = load_model()[tables[name]]
            globals()[name] = value
            return value
        if name in ("default_logger", "log_console"):
            from .. import _compat

            return getattr(_compat, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_patterns.make_patchable(__name__)
