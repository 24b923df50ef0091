"""The module surface user code touches around the calls, checked against jieba 0.42.1:
the names each module has, the submodules, the probability tables, the data files, the
``_compat`` helpers, the paddle switch and ``jieba.__version__`` under
``install_as_jieba()``."""
from __future__ import annotations

import importlib
import io
import os
import pickle
import subprocess
import sys
import types

import jieba
import jieba._compat
import jieba.analyse
import jieba.finalseg
import jieba.posseg
import jieba.posseg.viterbi
import pytest

import zhfast
import zhfast._compat
import zhfast.analyse
import zhfast.finalseg
import zhfast.posseg
import zhfast.posseg.viterbi

#: Names in jieba's namespaces that are only its own imports of the standard library or
#: of ``__future__`` (``jieba.os``, ``jieba.unicode_literals``): not API.
NOT_API = {"absolute_import", "unicode_literals", "pkg_resources"}

PAIRS = [
    ("", jieba, zhfast),
    ("posseg", jieba.posseg, zhfast.posseg),
    ("finalseg", jieba.finalseg, zhfast.finalseg),
    ("_compat", jieba._compat, zhfast._compat),
    ("analyse", jieba.analyse, zhfast.analyse),
    ("posseg.viterbi", sys.modules["jieba.posseg.viterbi"], sys.modules["zhfast.posseg.viterbi"]),
]


def _api_names(module):
    return {n for n in dir(module)
            if n not in NOT_API and not n.startswith("__") and not isinstance(getattr(module, n), types.ModuleType)}


@pytest.mark.parametrize("path, jb, zh", PAIRS, ids=[p[0] or "jieba" for p in PAIRS])
def test_every_name_jieba_has(path, jb, zh):
    missing = sorted(n for n in _api_names(jb) if not hasattr(zh, n))
    assert not missing, f"zhfast{'.' + path if path else ''} lacks {missing}"
    for name in _api_names(jb):
        j, z = getattr(jb, name), getattr(zh, name)
        assert callable(j) == callable(z), name
        if isinstance(j, (str, int, float, bool, tuple, type(None))) and name not in ("default_encoding",):
            assert z == j, name


@pytest.mark.parametrize("name", [
    "jieba.finalseg", "jieba.finalseg.prob_start", "jieba.finalseg.prob_trans", "jieba.finalseg.prob_emit",
    "jieba.posseg.viterbi", "jieba.posseg.char_state_tab", "jieba.posseg.prob_start", "jieba.posseg.prob_trans",
    "jieba.posseg.prob_emit", "jieba._compat", "jieba.analyse.tfidf", "jieba.analyse.textrank",
    "jieba.analyse.analyzer",
])
def test_submodules_import_as_in_jieba(name):
    """Every submodule of jieba imports under zhfast's name, with the same public names."""
    zh = importlib.import_module("zhfast" + name[len("jieba"):])
    jb = importlib.import_module(name)
    names = _api_names(jb)
    if name.startswith("jieba.analyse."):
        # What the module defines (not what it imported from elsewhere).
        names = {n for n in names if getattr(getattr(jb, n), "__module__", name) == name and not n.startswith("_")
                 and not hasattr(jieba._compat, n)}
    assert names, name
    missing = sorted(n for n in names if not hasattr(zh, n))
    assert not missing, missing


def test_finalseg_as_code_uses_it():
    from zhfast import finalseg

    s = "他来到了网易杭研大厦，小明硕士毕业于中国科学院计算所 3.14% 和 12.5%"
    assert list(finalseg.cut(s)) == list(jieba.finalseg.cut(s))
    assert list(finalseg.cut(s.encode("utf-8"))) == list(jieba.finalseg.cut(s.encode("utf-8")))
    assert finalseg.PrevStatus == jieba.finalseg.PrevStatus and finalseg.MIN_FLOAT == jieba.finalseg.MIN_FLOAT
    tables = (jieba.finalseg.start_P, jieba.finalseg.trans_P, jieba.finalseg.emit_P)
    for obs in ("他来到了网易杭研大厦", "∶中国∶", "abc", "一"):
        assert finalseg.viterbi(obs, "BMES", *tables) == jieba.finalseg.viterbi(obs, "BMES", *tables)


def test_force_split_words_is_jiebas_set():
    words = zhfast.finalseg.Force_Split_Words
    assert "某个不存在的词" not in words
    words.add("某个不存在的词")
    try:
        assert "某个不存在的词" in words and "某个不存在的词" in set(words)
        assert zhfast.lcut("某个不存在的词") == [c for c in zhfast.lcut("某个不存在的词")]
    finally:
        words.discard("某个不存在的词")
    assert "某个不存在的词" not in words and "\ud800" not in words


def test_tables_equal_jiebas():
    for name in ("start_P", "trans_P", "emit_P"):
        assert getattr(zhfast.finalseg, name) == getattr(jieba.finalseg, name), name
        assert list(getattr(zhfast.finalseg, name)) == list(getattr(jieba.finalseg, name))
    for name in ("char_state_tab_P", "start_P", "trans_P", "emit_P"):
        z, j = getattr(zhfast.posseg, name), getattr(jieba.posseg, name)
        assert z == j, name
        assert list(z) == list(j), name
    assert zhfast.finalseg.load_model() == jieba.finalseg.load_model()
    assert zhfast.posseg.load_model() == jieba.posseg.load_model()
    from jieba.finalseg.prob_emit import P as jb_emit
    from jieba.posseg.char_state_tab import P as jb_chars

    from zhfast.finalseg.prob_emit import P as zh_emit
    from zhfast.posseg.char_state_tab import P as zh_chars

    assert zh_emit == jb_emit and zh_chars == jb_chars


def test_posseg_viterbi_module():
    from zhfast.posseg.viterbi import MIN_FLOAT, MIN_INF, get_top_states, viterbi

    jv = sys.modules["jieba.posseg.viterbi"]  # (the module: jieba.posseg.viterbi is the function)
    assert (MIN_FLOAT, MIN_INF) == (jv.MIN_FLOAT, jv.MIN_INF)
    tables = jieba.posseg.load_model()
    for obs in ("他来到了网易杭研大厦", "韩玉赏鉴", "一", "x中y"):
        assert viterbi(obs, *tables) == jv.viterbi(obs, *tables)
    scores = {("B", "n"): -1.0, ("S", "v"): -0.5, ("E", "a"): -3.0, ("M", "q"): -0.7, ("S", "x"): -9.0}
    assert get_top_states(scores) == jv.get_top_states(scores)
    assert get_top_states(scores, K=2) == jv.get_top_states(scores, K=2)
    assert zhfast.posseg.viterbi is viterbi  # posseg.viterbi is the function, as in jieba


def test_default_idf_names_jiebas_idf_file():
    from jieba.analyse.tfidf import DEFAULT_IDF as jb_idf

    from zhfast.analyse.tfidf import DEFAULT_IDF as zh_idf

    with open(zh_idf, "rb") as f, open(jb_idf, "rb") as g:
        assert f.read() == g.read()
    assert os.path.basename(zh_idf) == "idf.txt"


def test_get_module_res():
    for res in [("dict.txt",), ("finalseg", "prob_start.p"), ("finalseg", "prob_trans.p"), ("finalseg", "prob_emit.p"),
                ("posseg", "prob_start.p"), ("posseg", "prob_trans.p"), ("posseg", "prob_emit.p"),
                ("posseg", "char_state_tab.p")]:
        with zhfast.get_module_res(*res) as f, jieba.get_module_res(*res) as g:
            if res[0] == "dict.txt":
                assert f.read() == g.read()
            else:
                assert pickle.load(f) == pickle.load(g), res
    with zhfast.get_module_res("analyse", "idf.txt") as f, jieba.get_module_res("analyse", "idf.txt") as g:
        assert f.read() == g.read()
    with pytest.raises(OSError):
        zhfast.get_module_res("no-such-file.txt")


def test_compat_helpers():
    for lib in (zhfast._compat, zhfast):
        assert lib.PY2 is False and lib.text_type is str and lib.string_types == (str,) and lib.xrange is range
        d = {"a": 1, "b": 2}
        assert list(lib.iteritems(d)) == list(jieba._compat.iteritems(d))
        assert list(lib.iterkeys(d)) == ["a", "b"] and list(lib.itervalues(d)) == [1, 2]
        assert lib.strdecode("中".encode("gbk")) == jieba._compat.strdecode("中".encode("gbk")) == "中"
        assert lib.resolve_filename(io.BytesIO()) == jieba._compat.resolve_filename(io.BytesIO())[:len("<_io.BytesIO")] \
            or lib.resolve_filename(io.BytesIO()).startswith("<_io.BytesIO")
        assert lib.check_paddle_install == {"is_paddle_installed": False}
        assert lib.default_encoding == jieba._compat.default_encoding
    assert zhfast._get_abs_path("x") == jieba._get_abs_path("x")
    assert zhfast.log is jieba.log and zhfast.md5 is jieba.md5
    assert zhfast.DICT_WRITING == {} and zhfast.pool is None


def test_regexes_are_jiebas():
    for zh, jb in ((zhfast, jieba), (zhfast.finalseg, jieba.finalseg), (zhfast.posseg, jieba.posseg)):
        for name in dir(jb):
            if name.startswith("re_"):
                z, j = getattr(zh, name), getattr(jb, name)
                assert (z.pattern, z.flags) == (j.pattern, j.flags), (zh.__name__, name)
                assert getattr(zh, name) is z  # compiled once
    # The two jieba 0.41 had (0.42.1 no longer reads them) exist for older code.
    assert zhfast.re_han_cut_all.pattern == "([\u4E00-\u9FD5]+)"
    assert zhfast.re_skip_cut_all.pattern == "[^a-zA-Z0-9+#\n]"


def _run(code, *args):
    out = subprocess.run([sys.executable, "-c", code, *args], check=False, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out


def test_version_under_install_as_jieba():
    code = (
        "import zhfast; zhfast.install_as_jieba()\n"
        "import jieba, jieba.posseg\n"
        "print(jieba.__version__, zhfast.__version__, jieba.__name__, jieba.posseg is zhfast.posseg)\n"
        "jieba.cut = None; assert zhfast.cut is None\n"
        "zhfast.lcut = 1; assert jieba.lcut == 1\n"
        "import zhfast.finalseg; import jieba.finalseg; assert jieba.finalseg is zhfast.finalseg\n"
    )
    version, own, name, same = _run(code).stdout.split()
    assert same == "True"
    assert version == "0.42.1" == jieba.__version__
    assert own == zhfast.__version__ == zhfast._core.__version__ and own != "0.42.1"
    assert name == "jieba"


def test_enable_parallel_reaches_the_jieba_module():
    code = (
        "import zhfast; zhfast.install_as_jieba(); zhfast.setLogLevel(60)\n"
        "import jieba\n"
        "jieba.enable_parallel(2); assert jieba.cut is zhfast._pcut\n"
        "print(list(jieba.cut('我来到北京清华大学\\n他来到了网易杭研大厦')))\n"
        "jieba.disable_parallel(); assert jieba.cut == zhfast.dt.cut\n"
    )
    assert "'杭研'" in _run(code).stdout


def test_paddle_without_paddle(monkeypatch, capsys):
    """``enable_paddle()`` logs and installs nothing; ``use_paddle=True`` cuts normally."""
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 1)
    zhfast.enable_paddle()
    assert calls == [] and zhfast.check_paddle_install["is_paddle_installed"] is False
    s = "我来到北京清华大学"
    assert list(zhfast.cut(s, use_paddle=True)) == list(jieba.cut(s, use_paddle=True)) == jieba.lcut(s)
    assert [tuple(p) for p in zhfast.posseg.cut(s, use_paddle=True)] == \
        [tuple(p) for p in jieba.posseg.cut(s, use_paddle=True)]
    assert [tuple(p) for p in zhfast.posseg.lcut(s, HMM=False, use_paddle=True)] == \
        [tuple(p) for p in jieba.posseg.lcut(s, HMM=False, use_paddle=True)]


def test_paddle_message_is_jiebas():
    """jieba, with its pip call made a no-op, logs the same message before failing."""
    jb = _run("import os, sys, jieba; os.system = lambda c: 1\n"
              "try:\n    jieba.enable_paddle()\nexcept UnboundLocalError:\n    print('failed')\n")
    zh = _run("import zhfast; zhfast.enable_paddle(); print(zhfast.lcut('中国人'))")
    if "Import paddle error" not in jb.stderr:
        pytest.skip("paddle is installed here")
    assert "failed" in jb.stdout
    assert zh.stderr.splitlines()[0] in jb.stderr.splitlines()
    assert "['中国', '人']" in zh.stdout
