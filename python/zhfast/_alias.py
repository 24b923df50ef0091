"""``zhfast.install_as_jieba()``: make ``import jieba`` (and ``jieba.posseg``,
``jieba.analyse``, ...) anywhere in the process give zhfast's modules, the way PyMySQL's
``install_as_MySQLdb`` stands in for MySQLdb.  Third-party code that imports jieba then
runs on zhfast unchanged.

The submodules are zhfast's own module objects under a second name.  The top-level
``jieba`` is a module of its own, because code reads ``jieba.__version__`` (as Django
reads ``MySQLdb.version_info``) and must see jieba's version while ``zhfast.__version__``
stays zhfast's.  It holds a copy of zhfast's namespace, so reading ``jieba.lcut`` costs
what reading ``zhfast.lcut`` costs; assignments to either module reach both.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import Any

from . import _patterns

#: What the ``jieba`` module keeps as its own rather than copying from zhfast.
_OWN = frozenset(("__name__", "__spec__", "__loader__", "__package__", "__version__", "__doc__"))

JIEBA_DOC = "jieba 0.42.1's API, provided by zhfast (see zhfast.install_as_jieba)."


class JiebaModule(types.ModuleType):
    """``sys.modules["jieba"]``: zhfast's namespace with jieba's ``__version__``."""

    def __getattr__(self, name: str) -> Any:
        # Not copied yet: made by zhfast on first access (a regex, a submodule, a logger).
        zhfast = sys.modules["zhfast"]
        value = getattr(zhfast, name)
        if name in zhfast.__dict__:
            self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _OWN:
            super().__setattr__(name, value)
        else:
            # zhfast's module class tells every listener, _mirror among them.
            setattr(sys.modules["zhfast"], name, value)

    def __delattr__(self, name: str) -> None:
        if name in _OWN:
            super().__delattr__(name)
        else:
            delattr(sys.modules["zhfast"], name)

    def __dir__(self) -> list[str]:
        return sorted(set(dir(sys.modules["zhfast"])) | set(self.__dict__))


_jieba: JiebaModule | None = None


def _mirror(module: types.ModuleType, name: str) -> None:
    """Listener: an attribute of zhfast changed; the ``jieba`` module follows."""
    if _jieba is None or module.__name__ != "zhfast" or name in _OWN:
        return
    value = module.__dict__.get(name, _MISSING)
    if value is _MISSING:
        _jieba.__dict__.pop(name, None)
    else:
        _jieba.__dict__[name] = value


_MISSING = object()


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, module: types.ModuleType) -> None:
        self.module = module

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return self.module

    def exec_module(self, module: types.ModuleType) -> None:
        if module is _jieba:
            # What importing jieba does: from now on its loggers are the ones messages
            # go to, set up as jieba's import sets them up (see zhfast._compat).
            from . import _compat

            _compat.use_package("jieba")


class _JiebaAlias(importlib.abc.MetaPathFinder):
    """Resolves ``jieba`` to the ``jieba`` module above and ``jieba.X`` to ``zhfast.X``."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == "jieba":
            module: types.ModuleType = _jieba_module()
        elif fullname.startswith("jieba."):
            try:
                module = importlib.import_module("zhfast" + fullname[len("jieba"):])
            except ImportError:
                return None  # a jieba submodule zhfast does not have: fail as usual
        else:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(module))


def _jieba_module() -> JiebaModule:
    global _jieba
    if _jieba is None:
        zhfast = sys.modules["zhfast"]
        jieba = JiebaModule("jieba", JIEBA_DOC)
        namespace = jieba.__dict__
        for name, value in zhfast.__dict__.items():
            if name not in _OWN:
                namespace[name] = value
        namespace["__version__"] = zhfast.__jieba_version__
        namespace["__package__"] = "jieba"
        namespace["__spec__"] = importlib.util.spec_from_loader("jieba", _AliasLoader(jieba), is_package=True)
        _jieba = jieba
        _patterns.listeners.append(_mirror)
    return _jieba


def install_as_jieba() -> None:
    """Make ``import jieba`` and its submodules resolve to zhfast, from now on.

    The ``jieba`` module is made now; it is put in ``sys.modules`` by the first
    ``import jieba``, which is when jieba's own import would set up its loggers."""
    for name in [n for n in sys.modules if n == "jieba" or n.startswith("jieba.")]:
        del sys.modules[name]  # a real jieba imported earlier is replaced
    if not any(isinstance(f, _JiebaAlias) for f in sys.meta_path):
        sys.meta_path.insert(0, _JiebaAlias())
    _jieba_module()
