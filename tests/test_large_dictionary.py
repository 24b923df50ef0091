"""A large generated custom dictionary (a few MB: half jieba's words, half new compounds
and random han words, by ``scripts/generate_dictionary.py``) cuts corpus lines as jieba
does with the same dictionary, compiled and then loaded from the cache."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import jieba
import pytest

import zhfast
from conftest import SAMPLE_FILE, corpus_files, read_text

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("generate_dictionary", ROOT / "scripts" / "generate_dictionary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "large.txt"
    return _generator().write_dictionary(path, 3.0, seed=5, bundled_share=0.5)


@pytest.fixture(scope="module")
def lines():
    texts = [read_text(p) for p in corpus_files() if p.suffix == ".utf8"] or [read_text(SAMPLE_FILE)]
    lines = [ln for text in texts for ln in text.splitlines() if ln.strip()]
    return lines[::max(1, len(lines) // 1500)]


def test_large_generated_dictionary_cuts_like_jieba(dictionary, lines, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHFAST_CACHE_DIR", str(tmp_path / "cache"))
    expected = jieba.Tokenizer(str(dictionary))
    expected.initialize()
    compiled = zhfast.Tokenizer(str(dictionary))
    compiled.initialize()
    cached = zhfast.Tokenizer(str(dictionary))  # loaded from the entry just written
    cached.initialize()
    assert len(list((tmp_path / "cache").iterdir())) == 1
    for z in (compiled, cached):
        assert z.total == expected.total
        for mode in ({}, {"HMM": False}, {"cut_all": True}):
            assert z.lcut_batch(lines, **mode) == [expected.lcut(ln, **mode) for ln in lines], mode
    assert [cached.lcut_for_search(ln) for ln in lines[::10]] == [expected.lcut_for_search(ln) for ln in lines[::10]]
    words = [ln.split(" ")[0] for ln in dictionary.read_text(encoding="utf-8").splitlines()[::997]]
    assert [cached.FREQ.get(w) for w in words] == [expected.FREQ.get(w) for w in words]
