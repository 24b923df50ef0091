"""Loading messages are silenced or shown exactly as with jieba, under every usual way of
configuring logging.

Each script runs three times in a fresh interpreter: with jieba, with zhfast standing in
for jieba (``install_as_jieba()`` first), and with ``import zhfast as jieba`` and the
``zhfast`` logger in place of the ``jieba`` one.  What they print to stderr must be the
same, once jieba's cache lines (zhfast's default dictionary is compiled in, so it
reads no cache) and the load time are set aside.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

CUT = "{lib}.lcut('我来到北京清华大学')\n"

SCENARIOS = {
    "defaults": "import {lib}\n" + CUT,
    "no_logging_import": "import sys\nimport {lib}\nassert 'logging' not in sys.modules or True\n" + CUT,
    "logger_level_after_import": (
        "import logging\nimport {lib}\nlogging.getLogger('{name}').setLevel(logging.CRITICAL)\n" + CUT),
    "logger_level_before_import": (
        "import logging\nlogging.getLogger('{name}').setLevel(logging.CRITICAL)\nimport {lib}\n" + CUT),
    "logger_level_before_logging_is_used": (
        "import {lib}\nimport logging\nlogging.getLogger('{name}').setLevel(logging.INFO)\n" + CUT),
    "disable": "import logging\nimport {lib}\nlogging.disable(logging.CRITICAL)\n" + CUT,
    "disable_first": "import logging\nlogging.disable(logging.DEBUG)\nimport {lib}\n" + CUT,
    "setLogLevel": "import logging\nimport {lib}\n{lib}.setLogLevel(logging.INFO)\n" + CUT,
    "setLogLevel_number": "import {lib}\n{lib}.setLogLevel(60)\n" + CUT,
    "setLogLevel_name": "import {lib}\n{lib}.setLogLevel('WARNING')\n" + CUT,
    "setLogLevel_back": "import {lib}\n{lib}.setLogLevel(60)\n{lib}.setLogLevel(10)\n" + CUT,
    "default_logger": "import logging\nimport {lib}\n{lib}.default_logger.setLevel(logging.ERROR)\n" + CUT,
    "default_logger_is_named": "import {lib}\nprint({lib}.default_logger.name, file=__import__('sys').stderr)\n",
    "basicConfig_before": "import logging\nlogging.basicConfig(level=logging.DEBUG)\nimport {lib}\n" + CUT,
    "basicConfig_after": (
        "import logging\nimport {lib}\nlogging.basicConfig(format='%(name)s|%(levelname)s|%(message)s')\n" + CUT),
    "basicConfig_after_first_use": (
        "import {lib}\nimport logging\nlogging.basicConfig(format='[%(name)s] %(message)s', level=logging.ERROR)\n"
        + CUT),
    "console_removed": (
        "import logging\nimport {lib}\n{lib}.default_logger.removeHandler({lib}.log_console)\n"
        "logging.basicConfig(format='only %(message)s')\n" + CUT),
    "handler_level": "import logging\nimport {lib}\n{lib}.log_console.setLevel(logging.WARNING)\n" + CUT,
    "posseg_and_paddle_logger": (
        "import {lib}.posseg as pseg\nimport logging\npseg.setLogLevel(logging.CRITICAL)\n"
        "print(pseg.default_logger.name, pseg.default_logger.level, file=__import__('sys').stderr)\n"
        "pseg.lcut('我爱北京天安门')\n"),
    "custom_dictionary": (
        "import {lib}, os\n{lib}.set_dictionary(os.environ['DICT'])\n{lib}.tmp_dir = None\n" + CUT),
}

PRELUDES = {
    "jieba": ("", "jieba", "jieba"),
    "install_as_jieba": ("import zhfast; zhfast.install_as_jieba()\n", "jieba", "jieba"),
    "zhfast": ("", "zhfast", "zhfast"),
}


def _normalise(stderr):
    lines = []
    for line in stderr.splitlines():
        if "cache" in line:
            continue  # jieba's pickle cache; zhfast compiles its dictionary in
        lines.append(re.sub(r"cost [0-9.]+ seconds", "cost N seconds", line))
    return lines


def _stderr(scenario, how, tmp_path):
    prelude, lib, name = PRELUDES[how]
    code = prelude + SCENARIOS[scenario].format(lib=lib, name=name)
    env = {"DICT": str(tmp_path / "dict.txt"), "ZHFAST_CACHE_DIR": str(tmp_path / "cache"),
           "PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120, env=env,
                         cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    return [line.replace("zhfast", "jieba") for line in _normalise(out.stderr)]


@pytest.mark.parametrize("how", ["install_as_jieba", "zhfast"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_same_messages_as_jieba(scenario, how, tmp_path):
    (tmp_path / "dict.txt").write_text("北京 10 ns\n清华大学 5 nt\n我 3 r\n来到 4 v\n", encoding="utf-8")
    theirs = _stderr(scenario, "jieba", tmp_path)
    ours = _stderr(scenario, how, tmp_path)
    if scenario == "custom_dictionary":
        # Both build, then only the cache lines differ (set aside above).
        assert any("Building prefix dict" in line for line in theirs) or not theirs
    assert ours == theirs


def test_scenarios_cover_silence_and_duplicates(tmp_path):
    """The comparison above is not vacuous: some scenarios print, some are silent, and
    basicConfig prints every message twice, as jieba does."""
    (tmp_path / "dict.txt").write_text("北京 10 ns\n", encoding="utf-8")
    assert _stderr("defaults", "jieba", tmp_path) == [
        "Building prefix dict from the default dictionary ...", "Loading model cost N seconds.",
        "Prefix dict has been built successfully."]
    assert _stderr("logger_level_after_import", "jieba", tmp_path) == []
    assert len(_stderr("logger_level_before_import", "jieba", tmp_path)) == 3
    assert len(_stderr("basicConfig_before", "jieba", tmp_path)) == 6
