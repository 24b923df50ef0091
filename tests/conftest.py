"""Shared helpers for zhfast's differential tests against jieba 0.42.1.

Every test here compares zhfast's output with jieba's (or with outputs written down by
hand), token for token.  The helpers live in this conftest so that the test modules can
``from conftest import ...`` them (pytest's default ``prepend`` import mode puts this
folder on ``sys.path``).

Environment variables:

* ``ZHFAST_CORPUS_DIR``: the corpus folder (default ``../shared/corpus``).
* ``ZHFAST_HYPOTHESIS_PROFILE``: ``ci`` (default, 2,500 examples per property test, at
  least 10,000 in all), ``quick`` (a few hundred, for editing loops) or ``thorough``.
"""
from __future__ import annotations

import os
from collections import Counter, OrderedDict, namedtuple
from pathlib import Path

import jieba
import pytest

import zhfast

jieba.setLogLevel(60)
zhfast.setLogLevel(60)

# Load both default dictionaries once, up front, so that no test's timing (or hypothesis
# deadline) pays for it.
jieba.initialize()
zhfast.initialize()

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
SAMPLE_FILE = DATA_DIR / "sample.txt"
#: ``/work/shared/corpus`` for a checkout at ``/work/main``; absent in a fresh clone.
#: ``ZHFAST_CORPUS_DIR`` points it elsewhere (e.g. at a missing folder, to check the skips).
CORPUS_DIR = Path(os.environ.get("ZHFAST_CORPUS_DIR")
                  or Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
SEED_FILE_NAME = "seed_jieba_output.txt"


def corpus_files():
    """The corpus's ``*.utf8`` and ``*.txt`` files, sorted; ``[]`` when it is absent."""
    if not CORPUS_DIR.is_dir():
        return []
    return sorted(p for p in CORPUS_DIR.iterdir()
                  if p.is_file() and (p.suffix in (".utf8", ".txt")))


def require_corpus():
    """Skip the calling test cleanly when ``../shared/corpus`` is not there."""
    if not CORPUS_DIR.is_dir():
        pytest.skip("corpus folder %s is absent" % CORPUS_DIR)


def read_text(path):
    """A file's text, decoded as UTF-8 with its line endings kept as they are."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# --------------------------------------------------------------------------------------
# Modes: every public way of cutting, each as a function str -> list, for both libraries.
# --------------------------------------------------------------------------------------

Mode = namedtuple("Mode", "name zh jb")


def make_modes(zh, jb):
    """The modes for two objects with jieba's API (the modules, or two ``Tokenizer``s).

    The cutting modes consume the *generators* (``cut``/``cut_for_search``), so that the
    generator path is what is compared; ``lcut`` is compared separately.
    """
    return [
        Mode("default", lambda s: list(zh.cut(s)), lambda s: list(jb.cut(s))),
        Mode("no_hmm", lambda s: list(zh.cut(s, HMM=False)), lambda s: list(jb.cut(s, HMM=False))),
        Mode("cut_all", lambda s: list(zh.cut(s, cut_all=True)), lambda s: list(jb.cut(s, cut_all=True))),
        Mode("cut_all_no_hmm", lambda s: list(zh.cut(s, cut_all=True, HMM=False)),
             lambda s: list(jb.cut(s, cut_all=True, HMM=False))),
        Mode("search", lambda s: list(zh.cut_for_search(s)), lambda s: list(jb.cut_for_search(s))),
        Mode("search_no_hmm", lambda s: list(zh.cut_for_search(s, HMM=False)),
             lambda s: list(jb.cut_for_search(s, HMM=False))),
        Mode("tokenize_default", lambda s: list(zh.tokenize(s)), lambda s: list(jb.tokenize(s))),
        Mode("tokenize_default_no_hmm", lambda s: list(zh.tokenize(s, HMM=False)),
             lambda s: list(jb.tokenize(s, HMM=False))),
        Mode("tokenize_search", lambda s: list(zh.tokenize(s, mode="search")),
             lambda s: list(jb.tokenize(s, mode="search"))),
        Mode("tokenize_search_no_hmm", lambda s: list(zh.tokenize(s, mode="search", HMM=False)),
             lambda s: list(jb.tokenize(s, mode="search", HMM=False))),
    ]


#: (name, zhfast callable, jieba callable) for the module-level API.
MODES = make_modes(zhfast, jieba)
MODES_BY_NAME = OrderedDict((m.name, m) for m in MODES)
#: The modes that go through ``cut``/``cut_for_search`` (these also accept bytes).
CUT_MODES = [m for m in MODES if not m.name.startswith("tokenize")]

#: ``lcut``-style twins of the cutting modes: name -> (zhfast list function, jieba list function).
LCUT_MODES = OrderedDict([
    ("default", (lambda s: zhfast.lcut(s), lambda s: jieba.lcut(s))),
    ("no_hmm", (lambda s: zhfast.lcut(s, HMM=False), lambda s: jieba.lcut(s, HMM=False))),
    ("cut_all", (lambda s: zhfast.lcut(s, cut_all=True), lambda s: jieba.lcut(s, cut_all=True))),
    ("cut_all_no_hmm", (lambda s: zhfast.lcut(s, cut_all=True, HMM=False),
                        lambda s: jieba.lcut(s, cut_all=True, HMM=False))),
    ("search", (lambda s: zhfast.lcut_for_search(s), lambda s: jieba.lcut_for_search(s))),
    ("search_no_hmm", (lambda s: zhfast.lcut_for_search(s, HMM=False),
                       lambda s: jieba.lcut_for_search(s, HMM=False))),
])


def mode_params(modes=None):
    """``pytest.param``s for ``@pytest.mark.parametrize("mode", ...)``, id'd by name."""
    return [pytest.param(m, id=m.name) for m in (MODES if modes is None else modes)]


# --------------------------------------------------------------------------------------
# Reporting differences compactly.
# --------------------------------------------------------------------------------------

def _short(obj, limit=300):
    r = repr(obj)
    return r if len(r) <= limit else r[:limit] + "...<%d chars>" % len(r)


def describe_diff(zh_out, jb_out, context=6):
    """Where two token lists first differ, with a few tokens of context on each side."""
    n = min(len(zh_out), len(jb_out))
    i = next((k for k in range(n) if zh_out[k] != jb_out[k]), n)
    lo = max(0, i - context)
    return ("first difference at token %d (zhfast has %d tokens, jieba %d)\n"
            "  zhfast[%d:%d] = %s\n  jieba [%d:%d] = %s"
            % (i, len(zh_out), len(jb_out),
               lo, i + context, _short(zh_out[lo:i + context], 1500),
               lo, i + context, _short(jb_out[lo:i + context], 1500)))


def assert_same(mode, text, zh_out=None, jb_out=None, where=""):
    """Assert zhfast and jieba give the same output for ``text`` in ``mode``."""
    if zh_out is None:
        zh_out = mode.zh(text)
    if jb_out is None:
        jb_out = mode.jb(text)
    if zh_out != jb_out:
        pytest.fail("zhfast differs from jieba in mode %s%s\n  input = %s\n%s"
                    % (mode.name, where, _short(text), describe_diff(zh_out, jb_out)),
                    pytrace=False)
    return jb_out


# --------------------------------------------------------------------------------------
# Counters for the terminal summary: lines compared per mode, examples generated.
# --------------------------------------------------------------------------------------

#: STATS["lines"][mode name] = lines compared; STATS["examples"][test name] = examples run.
STATS = {"lines": Counter(), "files": Counter(), "examples": Counter()}


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    tr = terminalreporter
    if STATS["lines"] or STATS["files"]:
        tr.write_sep("-", "zhfast vs jieba: lines compared per mode")
        for name in MODES_BY_NAME:
            if STATS["lines"][name] or STATS["files"][name]:
                tr.write_line("  %-26s %8d lines  %3d whole files"
                              % (name, STATS["lines"][name], STATS["files"][name]))
        extra = [k for k in STATS["lines"] if k not in MODES_BY_NAME]
        for name in sorted(extra):
            tr.write_line("  %-26s %8d lines" % (name, STATS["lines"][name]))
    if STATS["examples"]:
        tr.write_sep("-", "zhfast vs jieba: hypothesis examples run")
        for name, n in sorted(STATS["examples"].items()):
            tr.write_line("  %-40s %6d" % (name, n))
        tr.write_line("  %-40s %6d" % ("total", sum(STATS["examples"].values())))


# --------------------------------------------------------------------------------------
# The default tokenizers must stay as loaded: the differential tests compare zhfast.dt
# with jieba.dt, and a test that edits one of them (add_word, del_word, load_userdict,
# set_dictionary) would make every later comparison meaningless.  Even an add_word
# followed by del_word leaves ``total`` changed, and that alone changes how near-ties
# between routes come out (e.g. '程程程中国').  So after any test that leaves either
# default tokenizer edited, it is reloaded; where the test left the two *different* from
# each other (edited one but not the other), a warning names it.
# --------------------------------------------------------------------------------------

PRISTINE_TOTAL = jieba.dt.total
assert zhfast.dt.total == PRISTINE_TOTAL, (zhfast.dt.total, PRISTINE_TOTAL)


def _dt_edited(dt):
    return (dt.dictionary is not None or not dt.initialized or dt.total != PRISTINE_TOTAL
            or bool(dt.user_word_tag_tab) or bool(getattr(dt, "_edits", None)))


def _reload(dt):
    with dt.lock:
        dt.dictionary = None
        dt.initialized = False
        dt.user_word_tag_tab.clear()
        if hasattr(dt, "_edits"):
            dt._edits = []
        dt.initialize()


def _sync_force_split():
    """jieba's ``del_word`` (``freq=0``) adds to a process-wide force-split set that nothing
    can empty; zhfast mirrors it.  Keep both sets equal so the HMM splits the same words."""
    core = getattr(zhfast, "_core", None)
    if core is None or not hasattr(core, "force_split_words"):
        return
    import jieba.finalseg as jf
    zh_words = set(core.force_split_words())
    for w in zh_words - jf.Force_Split_Words:
        jf.add_force_split(w)
    for w in jf.Force_Split_Words - zh_words:
        core.add_force_split(w)


@pytest.fixture(autouse=True)
def _default_tokenizers_stay_pristine(request):
    yield
    edited = [name for name, lib in (("zhfast", zhfast), ("jieba", jieba)) if _dt_edited(lib.dt)]
    diverged = len(edited) == 1 or zhfast.dt.total != jieba.dt.total
    for name in edited:
        _reload({"zhfast": zhfast, "jieba": jieba}[name].dt)
    _sync_force_split()
    if diverged:
        import warnings
        warnings.warn("%s left the default tokenizer of %s edited (and not the other's); "
                      "reloaded it" % (request.node.nodeid, " and ".join(edited)), stacklevel=1)


# --------------------------------------------------------------------------------------
# Hypothesis profiles.
# --------------------------------------------------------------------------------------

try:
    from hypothesis import HealthCheck, settings

    _common = dict(
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much],
    )
    settings.register_profile("ci", max_examples=2500, **_common)
    settings.register_profile("quick", max_examples=200, **_common)
    settings.register_profile("thorough", max_examples=25000, **_common)
    settings.load_profile(os.environ.get("ZHFAST_HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass


@pytest.fixture(autouse=True, scope="session")
def _private_dictionary_cache(tmp_path_factory):
    """Custom dictionaries compiled by the tests are cached in a temporary directory, not
    in the user's ~/.cache."""
    old = os.environ.get("ZHFAST_CACHE_DIR")
    os.environ["ZHFAST_CACHE_DIR"] = str(tmp_path_factory.mktemp("zhfast-cache"))
    yield
    if old is None:
        os.environ.pop("ZHFAST_CACHE_DIR", None)
    else:
        os.environ["ZHFAST_CACHE_DIR"] = old
