"""``zhfast.install_as_jieba()``: make ``import jieba`` (and ``jieba.posseg``,
``jieba.analyse``, ...) anywhere in the process give zhfast's modules, the way PyMySQL's
``install_as_MySQLdb`` stands in for MySQLdb.  Third-party code that imports jieba then
runs on zhfast unchanged."""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, module):
        self.module = module

    def create_module(self, spec):
        return self.module

    def exec_module(self, module):
        pass


class _JiebaAlias(importlib.abc.MetaPathFinder):
    """Resolves ``jieba`` and ``jieba.X`` to ``zhfast`` and ``zhfast.X``."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "jieba" and not fullname.startswith("jieba."):
            return None
        try:
            module = importlib.import_module("zhfast" + fullname[len("jieba"):])
        except ImportError:
            return None  # a jieba submodule zhfast does not have: fail as usual
        return importlib.util.spec_from_loader(fullname, _AliasLoader(module))


def install_as_jieba():
    """Make ``import jieba`` and its submodules resolve to zhfast, from now on."""
    zhfast = sys.modules["zhfast"]
    for name in [n for n in sys.modules if n == "jieba" or n.startswith("jieba.")]:
        del sys.modules[name]  # a real jieba imported earlier is replaced
    if not any(isinstance(f, _JiebaAlias) for f in sys.meta_path):
        sys.meta_path.insert(0, _JiebaAlias())
    sys.modules["jieba"] = zhfast
