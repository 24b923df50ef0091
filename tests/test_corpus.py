"""Line-by-line differential tests on real text: the shared corpus, and our own sample.

Every line of every ``*.utf8`` / ``*.txt`` file under ``../shared/corpus`` (line endings
kept) is cut in every mode by zhfast and by jieba 0.42.1, once each, and the outputs must
be identical.  Each whole file is also cut as one string in default mode.  The corpus is
optional (a fresh clone has no ``../shared``): those tests skip, and the same tests run on
``tests/data/sample.txt``, which is always there.
"""
from __future__ import annotations

import jieba
import pytest

import zhfast
from conftest import (
    CORPUS_DIR,
    LCUT_MODES,
    MODES_BY_NAME,
    SAMPLE_FILE,
    SEED_FILE_NAME,
    STATS,
    _short,
    corpus_files,
    describe_diff,
    mode_params,
    read_text,
    require_corpus,
)

_FILES = corpus_files()
CORPUS_PARAMS = ([pytest.param(p, id=p.name) for p in _FILES]
                 or [pytest.param(None, id="corpus-absent")])
TEXT_PARAMS = CORPUS_PARAMS + [pytest.param(SAMPLE_FILE, id="sample.txt")]


def _lines_of(path):
    if path is None:
        require_corpus()
        pytest.fail("%s exists but holds no *.utf8 or *.txt file" % CORPUS_DIR)
    lines = read_text(path).splitlines(keepends=True)
    assert len(lines) > 0, "%s has no lines to compare" % path
    return lines


@pytest.mark.parametrize("mode", mode_params())
@pytest.mark.parametrize("path", TEXT_PARAMS)
def test_every_line_matches_jieba(path, mode):
    lines = _lines_of(path)
    first = None
    n_diff = 0
    for lineno, line in enumerate(lines, 1):
        zh_out = mode.zh(line)
        jb_out = mode.jb(line)
        if zh_out != jb_out:
            n_diff += 1
            if first is None:
                first = (lineno, line, zh_out, jb_out)
    STATS["lines"][mode.name] += len(lines)
    if first is not None:
        lineno, line, zh_out, jb_out = first
        pytest.fail(
            "%s, mode %s: %d of %d lines differ from jieba; first is line %d\n"
            "  line   = %s\n%s"
            % (path.name, mode.name, n_diff, len(lines), lineno, _short(line, 600),
               describe_diff(zh_out, jb_out)),
            pytrace=False)


@pytest.mark.parametrize("path", TEXT_PARAMS)
def test_whole_file_default_mode(path):
    """The whole file as one string (line breaks inside) in default mode, also as bytes."""
    if path is None:
        require_corpus()
    text = read_text(path)
    assert text
    mode = MODES_BY_NAME["default"]
    zh_out = mode.zh(text)
    jb_out = mode.jb(text)
    if zh_out != jb_out:
        pytest.fail("%s as one string, default mode:\n%s" % (path.name, describe_diff(zh_out, jb_out)),
                    pytrace=False)
    assert "".join(jb_out) == text
    # bytes input (UTF-8) is decoded as jieba's strdecode does
    assert zhfast.lcut(path.read_bytes()) == jb_out
    STATS["files"][mode.name] += 1


@pytest.mark.parametrize("mode", mode_params())
def test_whole_sample_file_every_mode(mode):
    text = read_text(SAMPLE_FILE)
    zh_out = mode.zh(text)
    jb_out = mode.jb(text)
    if zh_out != jb_out:
        pytest.fail("sample.txt as one string, mode %s:\n%s" % (mode.name, describe_diff(zh_out, jb_out)),
                    pytrace=False)
    assert len(jb_out) > 100
    STATS["files"][mode.name] += 1


@pytest.mark.parametrize("path", TEXT_PARAMS)
def test_lcut_equals_list_of_cut(path):
    """zhfast only: ``lcut``/``lcut_for_search`` give exactly what the generators give
    (the generators are what the jieba comparisons above consume)."""
    lines = _lines_of(path)
    for name, (zh_lcut, _jb_lcut) in LCUT_MODES.items():
        gen = MODES_BY_NAME[name].zh
        for lineno, line in enumerate(lines, 1):
            a, b = zh_lcut(line), gen(line)
            assert a == b, "%s line %d, mode %s: lcut %s != list(cut) %s" % (
                path.name, lineno, name, _short(a), _short(b))


def test_seed_jieba_output():
    """``seed_jieba_output.txt``: tokens as jieba 0.42.1 cut them, joined by ``|``."""
    require_corpus()
    path = CORPUS_DIR / SEED_FILE_NAME
    if not path.is_file():
        pytest.skip("%s is absent" % path)
    text = read_text(path)
    # '|' is never part of a longer token in default mode (it is neither a han-block
    # character nor whitespace), so a '|' in the input would show up as '|||'; and '||'
    # or a leading/trailing '|' would mean an empty token.  Neither happens, so splitting
    # on '|' gives the tokens back exactly.
    assert "||" not in text and not text.startswith("|") and not text.endswith("|")
    tokens = text.split("|")
    assert len(tokens) > 100 and all(tokens)
    sentence = "".join(tokens)
    assert "|" not in sentence
    assert zhfast.lcut(sentence) == tokens
    assert list(zhfast.cut(sentence)) == tokens
    assert jieba.lcut(sentence) == tokens  # the fixture is what it says it is
    # and the same input in every other mode
    for mode in MODES_BY_NAME.values():
        zh_out, jb_out = mode.zh(sentence), mode.jb(sentence)
        assert zh_out == jb_out, "seed input, mode %s:\n%s" % (mode.name, describe_diff(zh_out, jb_out))


@pytest.mark.parametrize("path", TEXT_PARAMS)
def test_get_dag_matches_jieba(path):
    # The graph itself, including after edits that make a word frequency 0 (no edge, but
    # still a prefix) or negative (an edge): `get_DAG` reads only whether a frequency is 0.
    lines = _lines_of(path)[:400]
    lines += ["中国北京一个中国人", "北京大学一个"]
    z, j = zhfast.Tokenizer(), jieba.Tokenizer()
    z.initialize()
    j.initialize()
    for edited in (False, True):
        if edited:
            for tok in (z, j):
                tok.add_word("中国", 0)
                tok.add_word("北京", -3)
                tok.add_word("一个", 0)
        for line in lines:
            assert z.get_DAG(line) == j.get_DAG(line), (edited, _short(line, 200))
