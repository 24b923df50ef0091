"""jieba's module regexes, and whether a user has replaced any of them.

jieba reads its regexes from module globals on every call, so code can change how text
is pre-split by assigning one (the common recipe for words with spaces is
``jieba.re_han_default = re.compile(...)`` followed by ``add_word("macbook pro")``).
zhfast does the same: its modules are of a module class that notices such an assignment,
and from then on cutting goes through a Python rendering of jieba's loop
(``zhfast._regex_cut``) that reads the regexes as jieba does.  While every regex is
jieba's own, the Rust core cuts, and the only cost of all this is one flag read per call.

The regexes are compiled on first access, not at import: importing ``re`` costs more
than the rest of zhfast's start-up.
"""
from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

# A str pattern's flags always include re.UNICODE (32), which is also what jieba passes.
_UNICODE = 32

#: module name -> regex name -> (pattern, flags), exactly as jieba 0.42.1 compiles them.
SOURCES: dict[str, dict[str, tuple[str, int]]] = {
    "zhfast": {
        "re_userdict": ("^(.+?)( [0-9]+)?( [a-z]+)?$", _UNICODE),
        "re_eng": ("[a-zA-Z0-9]", _UNICODE),
        "re_han_default": ("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", _UNICODE),
        "re_skip_default": ("(\r\n|\\s)", _UNICODE),
        # jieba up to 0.41 pre-split full mode with these; 0.42.1 dropped them and cuts
        # every mode with the two above.  Kept for code written against older releases:
        # as in 0.42.1, nothing reads them.
        "re_han_cut_all": ("([\u4E00-\u9FD5]+)", _UNICODE),
        "re_skip_cut_all": ("[^a-zA-Z0-9+#\n]", _UNICODE),
    },
    "zhfast.finalseg": {
        "re_han": ("([\u4E00-\u9FD5]+)", _UNICODE),
        "re_skip": ("([a-zA-Z0-9]+(?:\\.\\d+)?%?)", _UNICODE),
    },
    "zhfast.posseg": {
        "re_han_detail": ("([\u4E00-\u9FD5]+)", _UNICODE),
        "re_skip_detail": ("([\\.0-9]+|[a-zA-Z0-9]+)", _UNICODE),
        "re_han_internal": ("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)", _UNICODE),
        "re_skip_internal": ("(\r\n|\\s)", _UNICODE),
        "re_eng": ("[a-zA-Z0-9]+", _UNICODE),
        "re_num": ("[\\.0-9]+", _UNICODE),
        "re_eng1": ("^[a-zA-Z0-9]$", _UNICODE),
    },
}

#: The regexes each kind of cutting reads: ``Tokenizer.cut`` (and everything built on it)
#: and ``POSTokenizer.cut``.
CUT_REGEXES = (("zhfast", "re_han_default"), ("zhfast", "re_skip_default"), ("zhfast", "re_eng"),
               ("zhfast.finalseg", "re_han"), ("zhfast.finalseg", "re_skip"))
POSSEG_REGEXES = tuple(("zhfast.posseg", name) for name in SOURCES["zhfast.posseg"])

_MISSING = object()

#: Called with ``(module, name)`` after any attribute of a watched module is set or
#: deleted (``zhfast._alias`` mirrors zhfast's attributes into the ``jieba`` module).
listeners: list[Callable[[types.ModuleType, str], None]] = []


def default(module_name: str, name: str) -> Any:
    """jieba's regex ``name`` of ``module_name``, compiled and stored in that module."""
    import re

    pattern, flags = SOURCES[module_name][name]
    compiled = re.compile(pattern, flags)
    # Stored without going through the module class's __setattr__: it is the default.
    sys.modules[module_name].__dict__[name] = compiled
    return compiled


def get(module_name: str, name: str) -> Any:
    """The regex code reads now: the user's, or jieba's own."""
    value = sys.modules[module_name].__dict__.get(name, _MISSING)
    return default(module_name, name) if value is _MISSING else value


def is_default(module_name: str, name: str) -> bool:
    """Whether ``name`` is still jieba's regex (not yet compiled, or an equal one)."""
    value = sys.modules[module_name].__dict__.get(name, _MISSING)
    if value is _MISSING:
        return True
    if type(value).__module__ != "re" or type(value).__name__ != "Pattern":
        return False
    return (value.pattern, value.flags) == SOURCES[module_name][name]


def all_default(names: tuple[tuple[str, str], ...]) -> bool:
    return all(is_default(m, n) for m, n in names if m in sys.modules)


def _refresh(module: types.ModuleType, name: str) -> None:
    watched = SOURCES.get(module.__name__)
    if watched is not None and name in watched:
        from . import _tokenizer

        _tokenizer.set_regexes_default(all_default(CUT_REGEXES))
        posseg = sys.modules.get("zhfast.posseg")
        if posseg is not None:
            posseg._set_regexes_default(all_default(POSSEG_REGEXES))
    for listener in listeners:
        listener(module, name)


class PatchableModule(types.ModuleType):
    """The class of zhfast's modules whose attributes jieba code assigns: assigning (or
    deleting) one tells :func:`_refresh`, which switches between the core's cut and
    the Python loop that reads the user's regexes."""

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        _refresh(self, name)

    def __delattr__(self, name: str) -> None:
        super().__delattr__(name)
        _refresh(self, name)


def make_patchable(module_name: str) -> None:
    sys.modules[module_name].__class__ = PatchableModule
