"""zhfast: Chinese word segmentation that gives exactly jieba 0.42.1's tokens, fast.

``import zhfast as jieba`` works: the module-level functions act on the default
tokenizer ``dt`` as jieba's do.
"""
from __future__ import annotations

from . import _compat, _core
from ._compat import setLogLevel, strdecode
from ._files import cut_file
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

# jieba's enable_parallel swaps the module's cut functions for ones that cut line by line
# in a process pool.  Here a long text is split where jieba's pre-split allows and its
# pieces go to lcut_batch's threads: no processes, any platform, the same tokens as the
# serial cut (even for one huge line), and lcut / lcut_for_search are parallel too.
pool = None
_parallel_threads = None
_parallel = False
#: Texts shorter than this (in characters) are cut on the calling thread.
_PARALLEL_MIN_CHARS = 1 << 14


def _plcut(sentence, cut_all=False, HMM=True, use_paddle=False):
    sentence = strdecode(sentence)
    if len(sentence) < _PARALLEL_MIN_CHARS:
        return dt.lcut(sentence, cut_all, HMM)
    return dt.lcut_batch([sentence], cut_all, HMM, threads=_parallel_threads)[0]


def _plcut_for_search(sentence, HMM=True):
    sentence = strdecode(sentence)
    if len(sentence) < _PARALLEL_MIN_CHARS:
        return dt.lcut_for_search(sentence, HMM)
    return dt.lcut_for_search_batch([sentence], HMM, threads=_parallel_threads)[0]


def _pcut(sentence, cut_all=False, HMM=True, use_paddle=False):
    yield from _plcut(sentence, cut_all, HMM)


def _pcut_for_search(sentence, HMM=True):
    yield from _plcut_for_search(sentence, HMM)


def enable_parallel(processnum=None):
    """Cut with ``processnum`` threads (all cores for ``None``) in the module-level
    ``cut``, ``lcut``, ``cut_for_search``, ``lcut_for_search`` and ``posseg.cut`` /
    ``posseg.lcut``, as jieba's ``enable_parallel`` does with processes for ``cut`` and
    ``cut_for_search``.  A long text is split where jieba's own pre-split breaks, so the
    tokens are those of the serial cut, on every platform.  Only ``dt`` is affected, as
    in jieba."""
    global cut, lcut, cut_for_search, lcut_for_search, _parallel_threads, _parallel
    if processnum is not None and (not isinstance(processnum, int) or processnum < 1):
        raise ValueError("processnum must be None or a positive int")
    dt.check_initialized()
    _parallel_threads = processnum
    _parallel = True
    cut, lcut = _pcut, _plcut
    cut_for_search, lcut_for_search = _pcut_for_search, _plcut_for_search


def disable_parallel():
    global cut, lcut, cut_for_search, lcut_for_search, _parallel
    _parallel = False
    cut, lcut = dt.cut, dt.lcut
    cut_for_search, lcut_for_search = dt.cut_for_search, dt.lcut_for_search


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
    "DEFAULT_DICT", "DEFAULT_DICT_NAME", "Tokenizer", "add_word", "calc", "cut", "cut_file", "cut_for_search",
    "cut_offsets", "cut_offsets_batch", "default_logger", "del_word", "disable_parallel", "dt",
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
