"""posseg's cut on the Python path: jieba's loop for when a user has replaced one of
``zhfast.posseg``'s module regexes (the core cuts with jieba's own)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import _core, _patterns

if TYPE_CHECKING:
    from . import POSTokenizer

#: The module whose regexes are read (``zhfast.posseg``, as jieba reads ``jieba.posseg``'s).
_MODULE = "zhfast.posseg"


class _PythonTagger:
    """jieba's ``POSTokenizer.__cut_internal`` step for step, for when a user has
    replaced one of posseg's module regexes: it reads them from the module on each call,
    as jieba does, and asks the core only for a block's best route and its HMM states.
    Yields ``(word, flag)``."""

    re_han_detail: Any
    re_skip_detail: Any
    re_han_internal: Any
    re_skip_internal: Any
    re_eng: Any
    re_num: Any
    re_eng1: Any

    def __init__(self, owner: POSTokenizer) -> None:
        self.core = owner.tokenizer._checked_core()
        self.tags = owner._tags
        # Each regex as it is now (the user's, or jieba's).
        for name in _patterns.SOURCES[_MODULE]:
            setattr(self, name, _patterns.get(_MODULE, name))

    def tag(self, word: str) -> str:
        """``word_tag_tab.get(word, 'x')``."""
        tag = self.tags.get(word)
        if tag is None:
            try:
                tag = self.core.tag(word)
            except UnicodeEncodeError:
                tag = None
        return tag or "x"

    def cut(self, sentence: str, HMM: bool) -> Iterator[tuple[str, str]]:
        cut_blk = self._cut_dag if HMM else self._cut_dag_no_hmm
        for blk in self.re_han_internal.split(sentence):
            if self.re_han_internal.match(blk):
                yield from cut_blk(blk)
            else:
                for x in self.re_skip_internal.split(blk):
                    if self.re_skip_internal.match(x):
                        yield x, "x"
                    else:
                        for xx in x:
                            if self.re_num.match(xx):
                                yield xx, "m"
                            elif self.re_eng.match(x):  # (``x``, as jieba tests it)
                                yield xx, "eng"
                            else:
                                yield xx, "x"

    def _route(self, sentence: str) -> list[int]:
        from .._regex_cut import best_route

        return best_route(self.core, sentence)

    def _cut_dag_no_hmm(self, sentence: str) -> Iterator[tuple[str, str]]:
        x = 0
        buf = ""
        for y in self._route(sentence):
            l_word = sentence[x:y]
            if self.re_eng1.match(l_word):
                buf += l_word
            else:
                if buf:
                    yield buf, "eng"
                    buf = ""
                yield l_word, self.tag(l_word)
            x = y
        if buf:
            yield buf, "eng"

    def _cut_dag(self, sentence: str) -> Iterator[tuple[str, str]]:
        x = 0
        buf = ""
        for y in self._route(sentence):
            l_word = sentence[x:y]
            if y - x == 1:
                buf += l_word
            else:
                if buf:
                    yield from self._flush(buf)
                    buf = ""
                yield l_word, self.tag(l_word)
            x = y
        if buf:
            yield from self._flush(buf)

    def _flush(self, buf: str) -> Iterator[tuple[str, str]]:
        from .._regex_cut import freq

        if len(buf) == 1:
            yield buf, self.tag(buf)
        elif not freq(self.core, buf):
            yield from self._cut_detail(buf)
        else:
            for elem in buf:
                yield elem, self.tag(elem)

    def _cut_detail(self, sentence: str) -> Iterator[tuple[str, str]]:
        for blk in self.re_han_detail.split(sentence):
            if self.re_han_detail.match(blk):
                yield from _hmm_pairs(blk)
            else:
                for x in self.re_skip_detail.split(blk):
                    if x:
                        if self.re_num.match(x):
                            yield x, "m"
                        elif self.re_eng.match(x):
                            yield x, "eng"
                        else:
                            yield x, "x"


def _hmm_pairs(sentence: str) -> Iterator[tuple[str, str]]:
    """jieba's ``POSTokenizer.__cut``: the joint word+tag HMM over ``sentence``."""
    try:
        pos_list = _core.posseg_states(sentence)
    except UnicodeEncodeError:  # lone surrogates: no emission, as for the stand-in
        pos_list = _core.posseg_states("".join("\uffff" if "\ud800" <= c <= "\udfff" else c for c in sentence))
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            yield sentence[begin:i + 1], pos_list[i][1]
            nexti = i + 1
        elif pos == "S":
            yield char, pos_list[i][1]
            nexti = i + 1
    if nexti < len(sentence):
        yield sentence[nexti:], pos_list[nexti][1]
