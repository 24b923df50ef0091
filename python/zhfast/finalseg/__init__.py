"""``zhfast.finalseg``: jieba's ``finalseg`` module, the HMM that cuts runs of characters
the dictionary does not know.

``cut(sentence)`` gives what ``jieba.finalseg.cut`` gives.  The cutting modes of
``Tokenizer`` do this in the Rust core; this module is for code that calls ``finalseg``
itself, and it is what a patched ``re_han`` or ``re_skip`` (module attributes, read on
every call as in jieba) takes effect through.  The probability tables ``start_P``,
``trans_P`` and ``emit_P`` are built on first access.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableSet
from typing import TYPE_CHECKING, Any

from .. import _core, _patterns
from .._compat import (  # noqa: F401  (jieba's finalseg exports _compat's names)
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

if TYPE_CHECKING:
    import logging
    import re

    re_han: re.Pattern[str]
    re_skip: re.Pattern[str]
    start_P: dict[str, float]
    trans_P: dict[str, dict[str, float]]
    emit_P: dict[str, dict[str, float]]
    default_logger: logging.Logger
    log_console: logging.Handler

MIN_FLOAT = -3.14e100

PROB_START_P = "prob_start.p"
PROB_TRANS_P = "prob_trans.p"
PROB_EMIT_P = "prob_emit.p"

#: The states that may precede each state.
PrevStatus = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


class _ForceSplitWords(MutableSet):  # type: ignore[type-arg]
    """jieba's ``Force_Split_Words`` set (words deleted with ``del_word`` or added with
    ``freq=0``, which the HMM yields character by character): one per process, kept
    in the core where every tokenizer's cut reads it."""

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        try:
            return _core.is_force_split(word)
        except UnicodeEncodeError:  # not UTF-8, so never added through the core
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(_core.force_split_words())

    def __len__(self) -> int:
        return len(_core.force_split_words())

    def add(self, word: str) -> None:
        _core.add_force_split(word)

    def discard(self, word: str) -> None:
        if isinstance(word, str) and word in self:
            _core.discard_force_split(word)

    def __repr__(self) -> str:
        return repr(set(self))


Force_Split_Words: MutableSet[str] = _ForceSplitWords()


def add_force_split(word: str) -> None:
    """Make the HMM yield ``word`` character by character."""
    _core.add_force_split(word)


def load_model() -> tuple[dict[str, float], dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """``(start_P, trans_P, emit_P)``, as jieba's ``load_model``."""
    from .._tables import finalseg

    tables = finalseg()
    return tables.start, tables.trans, tables.emit


def viterbi(
    obs: str, states: Iterable[str], start_p: dict[str, float], trans_p: dict[str, dict[str, float]],
    emit_p: dict[str, dict[str, float]],
) -> tuple[float, list[str]]:
    """The most likely state sequence for ``obs`` and its log probability, as jieba's
    ``finalseg.viterbi``: ties go to the larger state letter, the last state is ``E``
    or ``S``."""
    states = list(states)
    score = {y: start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT) for y in states}
    path = {y: [y] for y in states}
    for ch in obs[1:]:
        next_score = {}
        next_path = {}
        for y in states:
            emission = emit_p[y].get(ch, MIN_FLOAT)
            best = max((score[y0] + trans_p[y0].get(y, MIN_FLOAT) + emission, y0) for y0 in PrevStatus[y])
            next_score[y] = best[0]
            next_path[y] = path[best[1]] + [y]
        score, path = next_score, next_path
    prob, state = max((score[y], y) for y in "ES")
    return prob, path[state]


def _states(block: str) -> str | list[str]:
    """The state letters of ``block``: from the core, or from the tables where the core's
    compiled table lacks a character of ``block``."""
    states: str | list[str] | None
    try:
        states = _core.finalseg_states(block)
    except UnicodeEncodeError:  # lone surrogates: no emission, as for the stand-in
        states = _core.finalseg_states("".join("\uffff" if "\ud800" <= c <= "\udfff" else c for c in block))
    if states is None:
        start, trans, emit = load_model()
        states = viterbi(block, "BMES", start, trans, emit)[1]
    return states


def _hmm_words(sentence: str) -> Iterator[str]:
    """jieba's ``finalseg.__cut``: B opens a word, E closes it, S is one; what is left
    open at the end is one more word."""
    pos_list = _states(sentence)
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i]
        if pos == "B":
            begin = i
        elif pos == "E":
            yield sentence[begin:i + 1]
            nexti = i + 1
        elif pos == "S":
            yield char
            nexti = i + 1
    if nexti < len(sentence):
        yield sentence[nexti:]


def cut(sentence: str | bytes) -> Iterator[str]:
    """jieba's ``finalseg.cut``: Chinese runs through the HMM, other runs split into
    numbers (``3.14``, ``12.5%``), letter-digit runs and what lies between."""
    sentence = strdecode(sentence)
    re_han = _patterns.get(__name__, "re_han")
    re_skip = _patterns.get(__name__, "re_skip")
    for blk in re_han.split(sentence):
        if re_han.match(blk):
            for word in _hmm_words(blk):
                if word not in Force_Split_Words:
                    yield word
                else:
                    yield from word
        else:
            for x in re_skip.split(blk):
                if x:
                    yield x


def __getattr__(name: str) -> Any:
    if name in _patterns.SOURCES[__name__]:
        return _patterns.default(__name__, name)
    if name in ("start_P", "trans_P", "emit_P"):
        start, trans, emit = load_model()
        value = {"start_P": start, "trans_P": trans, "emit_P": emit}[name]
        globals()[name] = value
        return value
    if name in ("default_logger", "log_console"):
        from .. import _compat

        return getattr(_compat, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_patterns.make_patchable(__name__)
