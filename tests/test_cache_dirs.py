"""Where compiled custom dictionaries are cached, on each platform (the platform is
mocked: paths are built with that platform's rules, so they can be checked anywhere)."""
from __future__ import annotations

import os
import sys

import zhfast
from zhfast._cache import _cache_dir, _cache_path, default_cache_dir


def test_windows_uses_localappdata():
    env = {"LOCALAPPDATA": "C:\\Users\\li\\AppData\\Local", "XDG_CACHE_HOME": "/ignored"}
    assert default_cache_dir("win32", env, "C:\\Users\\li") == "C:\\Users\\li\\AppData\\Local\\zhfast\\Cache"


def test_windows_without_localappdata():
    assert default_cache_dir("win32", {}, "C:\\Users\\li") == "C:\\Users\\li\\AppData\\Local\\zhfast\\Cache"


def test_macos_uses_library_caches():
    assert default_cache_dir("darwin", {"XDG_CACHE_HOME": "/ignored"}, "/Users/li") == "/Users/li/Library/Caches/zhfast"


def test_linux_follows_xdg():
    assert default_cache_dir("linux", {}, "/home/li") == "/home/li/.cache/zhfast"
    assert default_cache_dir("linux", {"XDG_CACHE_HOME": "/var/cache/li"}, "/home/li") == "/var/cache/li/zhfast"
    # The XDG spec: a relative XDG_CACHE_HOME is ignored.
    assert default_cache_dir("linux", {"XDG_CACHE_HOME": "rel"}, "/home/li") == "/home/li/.cache/zhfast"
    assert default_cache_dir("freebsd14", {}, "/home/li") == "/home/li/.cache/zhfast"


def test_defaults_read_the_running_platform(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", "/Users/li")
    assert default_cache_dir() == "/Users/li/Library/Caches/zhfast"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", "D:\\cache")
    assert default_cache_dir() == "D:\\cache\\zhfast\\Cache"


def test_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("ZHFAST_CACHE_DIR", str(tmp_path / "env"))
    assert _cache_dir(str(tmp_path / "tmp")) == str(tmp_path / "tmp")
    assert _cache_dir() == str(tmp_path / "env")
    assert os.path.dirname(_cache_path(b"x", _cache_dir())) == str(tmp_path / "env")
    monkeypatch.setenv("ZHFAST_CACHE_DIR", "")
    assert _cache_dir() is None
    monkeypatch.delenv("ZHFAST_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert _cache_dir() == str(tmp_path / "Library" / "Caches" / "zhfast")


def test_a_custom_dictionary_is_cached_in_the_platform_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("ZHFAST_CACHE_DIR")
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    path = tmp_path / "dict.txt"
    path.write_text("北京 10 ns\n大学 5 n\n", encoding="utf-8")
    t = zhfast.Tokenizer(str(path))
    t.initialize()
    cached = list((tmp_path / "Library" / "Caches" / "zhfast").glob("dict-*.bin"))
    assert len(cached) == 1 and t.lcut("北京大学") == ["北京", "大学"]
    again = zhfast.Tokenizer(str(path))
    again.initialize()  # from the cache
    assert again.lcut("北京大学") == ["北京", "大学"]
