"""zhfast: Chinese word segmentation that gives exactly jieba 0.42.1's tokens, fast.

``import zhfast as jieba`` works: the module-level functions act on the default
tokenizer ``dt`` as jieba's do.
"""
from __future__ import annotations

from . import _compat, _core
from ._compat import setLogLevel, strdecode
from ._tokenizer import DEFAULT_DICT, DEFAULT_DICT_NAME, Tokenizer, userdict_regex

__version__ = _core.__version__
#: The jieba release whose output zhfast reproduces.
__jieba_version__ = "0.42.1"
__license__ = "MIT"

dt = Tokenizer()

def get_FREQ(k, d=None):
    """``dt.FREQ.get(k, d)``."""
    return dt.FREQ.get(k, d)


add_word = dt.add_word
calc = dt.calc
cut = dt.cut
del_word = dt.del_word
get_DAG = dt.get_DAG
load_userdict = dt.load_userdict
suggest_freq = dt.suggest_freq
lcut = dt.lcut
cut_for_search = dt.cut_for_search
lcut_for_search = dt.lcut_for_search
tokenize = dt.tokenize
initialize = dt.initialize
get_dict_file = dt.get_dict_file
set_dictionary = dt.set_dictionary
user_word_tag_tab = dt.user_word_tag_tab


lcut_batch = dt.lcut_batch
lcut_for_search_batch = dt.lcut_for_search_batch
cut_offsets = dt.cut_offsets
cut_offsets_batch = dt.cut_offsets_batch
cut_arrow = dt.cut_arrow
cut_for_search_arrow = dt.cut_for_search_arrow
cut_offsets_arrow = dt.cut_offsets_arrow

# jieba's enable_parallel swaps the module's cut functions for ones that cut line by line
# in a process pool.  Here the lines go to lcut_batch's threads instead: no processes, no
# pickling, any platform.
pool = None
_parallel_threads = None


def _pcut(sentence, cut_all=False, HMM=True):
    parts = strdecode(sentence).splitlines(True)
    for words in dt.lcut_batch(parts, cut_all, HMM, threads=_parallel_threads):
        yield from words


def _pcut_for_search(sentence, HMM=True):
    parts = strdecode(sentence).splitlines(True)
    for words in dt.lcut_for_search_batch(parts, HMM, threads=_parallel_threads):
        yield from words


def enable_parallel(processnum=None):
    """Cut with ``processnum`` threads (all cores for ``None``) in the module-level
    ``cut`` and ``cut_for_search``, as jieba's ``enable_parallel`` does with processes.
    Only ``dt`` is affected, as in jieba."""
    global cut, cut_for_search, _parallel_threads
    if processnum is not None and (not isinstance(processnum, int) or processnum < 1):
        raise ValueError("processnum must be None or a positive int")
    dt.check_initialized()
    _parallel_threads = processnum
    cut = _pcut
    cut_for_search = _pcut_for_search


def disable_parallel():
    global cut, cut_for_search
    cut = dt.cut
    cut_for_search = dt.cut_for_search


def install_as_jieba():
    """Make ``import jieba`` (and ``jieba.posseg``, ``jieba.analyse``, ...) anywhere in
    this process give zhfast, as PyMySQL's ``install_as_MySQLdb`` does for MySQLdb."""
    from ._alias import install_as_jieba as install

    install()


def _lcut(s):
    return dt._lcut(s)


def _lcut_no_hmm(s):
    return dt._lcut_no_hmm(s)


def _lcut_all(s):
    return dt._lcut_all(s)


def _lcut_for_search(s):
    return dt._lcut_for_search(s)


def _lcut_for_search_no_hmm(s):
    return dt._lcut_for_search_no_hmm(s)


__all__ = [
    "DEFAULT_DICT", "DEFAULT_DICT_NAME", "Tokenizer", "add_word", "calc", "cut", "cut_arrow", "cut_for_search",
    "cut_for_search_arrow", "cut_offsets", "cut_offsets_arrow", "cut_offsets_batch", "default_logger", "del_word", "disable_parallel", "dt",
    "enable_parallel", "install_as_jieba", "lcut_batch", "lcut_for_search_batch", "get_DAG", "get_FREQ", "get_dict_file", "load_userdict",
    "re_userdict", "suggest_freq", "initialize", "lcut", "lcut_for_search", "log_console", "set_dictionary",
    "setLogLevel", "strdecode", "tokenize", "user_word_tag_tab",
]


def __getattr__(name):
    # Attributes whose modules are slow to import are made on first access; the
    # submodules load on first use too (``zhfast.posseg``, ``zhfast.analyse``), so that
    # ``import zhfast as jieba; jieba.posseg.cut(...)`` works as with jieba.
    if name in ("posseg", "analyse"):
        import importlib

        return importlib.import_module("zhfast." + name)
    if name in ("default_logger", "log_console"):
        return getattr(_compat, name)
    if name == "re_userdict":
        return userdict_regex()
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
