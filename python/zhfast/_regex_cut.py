"""jieba's cut loop in Python, for when a user has replaced one of its module regexes.

``Tokenizer.cut`` normally runs in the Rust core, which has jieba's default regexes
built in.  Once code assigns ``zhfast.re_han_default`` (or ``re_skip_default``,
``re_eng``, ``finalseg.re_han``, ``finalseg.re_skip``; see ``zhfast._patterns``), this
module cuts instead: it is jieba 0.42.1's ``Tokenizer.cut`` step for step, reading the
regexes from the modules at each call as jieba does, and asking the core only for what
does not depend on them (a block's best route, its word graph, word frequencies, and
the HMM's states, in ``zhfast.finalseg``).  Slower, and exactly jieba's tokens.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import _core
from ._patterns import get as _regex

# A block may hold code points that are not UTF-8 (lone surrogates) once a user's regex
# lets them in.  The core is handed a noncharacter in their place: like a surrogate it
# is in no dictionary word and has no HMM emission, so routes and states are the same.
_STAND_IN = "\uffff"


def _utf8(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(c if not "\ud800" <= c <= "\udfff" else _STAND_IN for c in text)
    return text


def freq(core: Any, word: str) -> int | None:
    """``FREQ.get(word)``; ``None`` for a word that cannot be in the dictionary."""
    try:
        return core.freq(word)  # type: ignore[no-any-return]
    except UnicodeEncodeError:
        return None


def best_route(core: Any, block: str) -> list[int]:
    return _core.best_route(core, _utf8(block))


def cut(tokenizer: Any, sentence: str, cut_all: bool, HMM: bool) -> Iterator[tuple[str, int]]:
    """jieba's ``Tokenizer.cut(sentence, cut_all, HMM)`` as ``(word, end)`` pairs, where
    ``end`` is the code-point offset just past the word in ``sentence`` (for
    ``cut_offsets``; the pieces of a split tile the text when the regex captures)."""
    core = tokenizer._checked_core()
    re_han = _regex("zhfast", "re_han_default")
    re_skip = _regex("zhfast", "re_skip_default")
    if cut_all:
        cut_block = _cut_all
    elif HMM:
        cut_block = _cut_dag
    else:
        cut_block = _cut_dag_no_hmm
    pos = 0
    for blk in re_han.split(sentence):
        if not blk:
            continue
        if re_han.match(blk):
            for word, end in cut_block(core, blk):
                yield word, pos + end
        else:
            at = pos
            for x in re_skip.split(blk):
                if re_skip.match(x):
                    yield x, at + len(x)
                elif not cut_all:
                    for i, xx in enumerate(x, 1):
                        yield xx, at + i
                else:
                    yield x, at + len(x)
                at += len(x)
        pos += len(blk)


def _cut_all(core: Any, sentence: str) -> Iterator[tuple[str, int]]:
    re_eng = _regex("zhfast", "re_eng")
    dag = core.dag(_utf8(sentence))
    old_j = -1
    eng_scan = 0
    eng_buf = ""
    eng_end = 0
    for k, L in enumerate(dag):
        if eng_scan == 1 and not re_eng.match(sentence[k]):
            eng_scan = 0
            yield eng_buf, eng_end
        if len(L) == 1 and k > old_j:
            word = sentence[k:L[0] + 1]
            if re_eng.match(word):
                if eng_scan == 0:
                    eng_scan = 1
                    eng_buf = word
                else:
                    eng_buf += word
                eng_end = L[0] + 1
            if eng_scan == 0:
                yield word, L[0] + 1
            old_j = L[0]
        else:
            for j in L:
                if j > k:
                    yield sentence[k:j + 1], j + 1
                    old_j = j
    if eng_scan == 1:
        yield eng_buf, eng_end


def _cut_dag_no_hmm(core: Any, sentence: str) -> Iterator[tuple[str, int]]:
    re_eng = _regex("zhfast", "re_eng")
    x = 0
    buf = ""
    for y in best_route(core, sentence):
        l_word = sentence[x:y]
        if re_eng.match(l_word) and len(l_word) == 1:
            buf += l_word
        else:
            if buf:
                yield buf, x
                buf = ""
            yield l_word, y
        x = y
    if buf:
        yield buf, x


def _cut_dag(core: Any, sentence: str) -> Iterator[tuple[str, int]]:
    x = 0
    buf = ""
    for y in best_route(core, sentence):
        l_word = sentence[x:y]
        if y - x == 1:
            buf += l_word
        else:
            if buf:
                yield from _flush(core, buf, x)
                buf = ""
            yield l_word, y
        x = y
    if buf:
        yield from _flush(core, buf, x)


def _flush(core: Any, buf: str, end: int) -> Iterator[tuple[str, int]]:
    """A buffer of single-character route steps ending at ``end``, as jieba empties it."""
    at = end - len(buf)
    if len(buf) == 1:
        yield buf, end
    elif not freq(core, buf):
        from . import finalseg

        # Through the module attribute, as jieba calls it.
        for t in finalseg.cut(buf):
            at += len(t)
            yield t, at
    else:
        for elem in buf:
            at += 1
            yield elem, at


def cut_for_search(tokenizer: Any, sentence: str, HMM: bool) -> Iterator[str]:
    """jieba's ``Tokenizer.cut_for_search``."""
    core = tokenizer._checked_core()
    for w, _ in cut(tokenizer, sentence, False, HMM):
        if len(w) > 2:
            for i in range(len(w) - 1):
                gram2 = w[i:i + 2]
                if freq(core, gram2):
                    yield gram2
        if len(w) > 3:
            for i in range(len(w) - 2):
                gram3 = w[i:i + 3]
                if freq(core, gram3):
                    yield gram3
        yield w


def tokenize(tokenizer: Any, sentence: str, search: bool, HMM: bool) -> Iterator[tuple[str, int, int]]:
    """jieba's ``Tokenizer.tokenize``: offsets are running sums of word lengths."""
    core = tokenizer._checked_core()
    start = 0
    for w, _ in cut(tokenizer, sentence, False, HMM):
        width = len(w)
        if search:
            if width > 2:
                for i in range(width - 1):
                    gram2 = w[i:i + 2]
                    if freq(core, gram2):
                        yield gram2, start + i, start + i + 2
            if width > 3:
                for i in range(width - 2):
                    gram3 = w[i:i + 3]
                    if freq(core, gram3):
                        yield gram3, start + i, start + i + 3
        yield w, start, start + width
        start += width
