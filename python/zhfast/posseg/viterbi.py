"""jieba's ``posseg/viterbi.py``: the Viterbi decoder of the joint word+tag HMM over
jieba's tables.  zhfast's own cutting decodes in the Rust core; this is for code that
calls ``viterbi`` with tables of its own (or jieba's: ``posseg.load_model()``).

The hidden states are ``(position, tag)`` pairs.  At each step only the character's
states from ``char_state_tab`` are tried (all states for an unknown character), among
those the previous step's states can reach; ties go to the larger state, as Python's
``max`` over ``(prob, state)`` tuples gives them.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, TypeVar

MIN_FLOAT = -3.14e100
MIN_INF = float("-inf")
xrange = range  # (jieba's module has it)

S = TypeVar("S", bound=Hashable)


def get_top_states(t_state_v: dict[S, float], K: int = 4) -> list[S]:
    """The ``K`` states with the highest scores, best first."""
    return sorted(t_state_v, key=t_state_v.__getitem__, reverse=True)[:K]


def viterbi(
    obs: str,
    states: Mapping[str, Iterable[Any]],
    start_p: Mapping[Any, float],
    trans_p: Mapping[Any, Mapping[Any, float]],
    emit_p: Mapping[Any, Mapping[str, float]],
) -> tuple[float, list[Any]]:
    """``(log probability, [state per character])`` of the best state sequence."""
    all_states = trans_p.keys()
    scores: list[dict[Any, float]] = [{}]
    back: list[dict[Any, Any]] = [{}]
    for y in states.get(obs[0], all_states):
        scores[0][y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        back[0][y] = ""
    for t in range(1, len(obs)):
        previous = scores[t - 1]
        # States of the previous step that lead anywhere, and where they lead.
        prev_states = [x for x in back[t - 1] if len(trans_p[x]) > 0]
        reachable = {y for x in prev_states for y in trans_p[x]}
        candidates = set(states.get(obs[t], all_states)) & reachable
        if not candidates:
            candidates = reachable if reachable else set(all_states)
        step: dict[Any, float] = {}
        step_back: dict[Any, Any] = {}
        for y in candidates:
            emission = emit_p[y].get(obs[t], MIN_FLOAT)
            prob, state = max((previous[y0] + trans_p[y0].get(y, MIN_INF) + emission, y0) for y0 in prev_states)
            step[y] = prob
            step_back[y] = state
        scores.append(step)
        back.append(step_back)
    prob, state = max((scores[-1][y], y) for y in back[-1])
    route: list[Any] = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = back[i][state]
    return prob, route
