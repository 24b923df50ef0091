"""jieba's HMM probability tables as the Python dicts jieba's modules hold
(``finalseg.start_P``, ``posseg.emit_P``, ...), built from the text compiled into the
extension on first access.  Cutting never needs them (the core has its own compiled
form); they are for code that reads them or calls ``viterbi`` itself.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from . import _core

State = tuple[str, str]


class FinalsegTables(NamedTuple):
    start: dict[str, float]
    trans: dict[str, dict[str, float]]
    emit: dict[str, dict[str, float]]


class PossegTables(NamedTuple):
    char_state: dict[str, tuple[State, ...]]
    start: dict[State, float]
    trans: dict[State, dict[State, float]]
    emit: dict[State, dict[str, float]]


_loaded: dict[str, Any] = {}


def finalseg() -> FinalsegTables:
    """jieba's finalseg tables, built once per process."""
    if "finalseg" in _loaded:
        return _loaded["finalseg"]  # type: ignore[no-any-return]
    tables = FinalsegTables({}, {}, {})
    for line in _core.finalseg_tables().splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "start":
            state, p = rest.split(" ")
            tables.start[state] = float(p)
            tables.trans[state] = {}
            tables.emit[state] = {}
        elif kind == "trans":
            a, b, p = rest.split(" ")
            tables.trans[a][b] = float(p)
        elif kind == "emit":
            state, ch, p = rest.split(" ")
            tables.emit[state][ch] = float(p)
    _loaded["finalseg"] = tables  # (complete: another thread may read it at once)
    return tables


def _state(text: str) -> State:
    position, tag = text.split(",")
    return (position, tag)


def posseg() -> PossegTables:
    """jieba's posseg tables, built once per process."""
    if "posseg" in _loaded:
        return _loaded["posseg"]  # type: ignore[no-any-return]
    tables = PossegTables({}, {}, {}, {})
    for line in _core.posseg_tables().splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "start":
            state, p = rest.split(" ")
            s = _state(state)
            tables.start[s] = float(p)
            # Every state has a row, empty where jieba's table has no transition.
            tables.trans[s] = {}
            tables.emit[s] = {}
        elif kind == "trans":
            a, b, p = rest.split(" ")
            tables.trans[_state(a)][_state(b)] = float(p)
        elif kind == "emit":
            state, ch, p = rest.split(" ")
            tables.emit[_state(state)][ch] = float(p)
        elif kind == "chars":
            ch, *states = rest.split(" ")
            tables.char_state[ch] = tuple(_state(s) for s in states)
    _loaded["posseg"] = tables
    return tables
