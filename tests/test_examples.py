"""jieba's documented examples and targeted edge cases, in every mode.

Each input is compared with jieba 0.42.1 in every mode; many also have their output
written down by hand (checked against jieba too), so that a test does not only compare two
implementations with each other.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jieba
import pytest

import zhfast
from conftest import MODES, MODES_BY_NAME, assert_same, mode_params
from example_sentences import SENTENCES

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------------------
# jieba's README examples, classic ambiguous sentences and a few edge cases.
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", mode_params())
@pytest.mark.parametrize("sentence", SENTENCES)
def test_readme_sentence_matches_jieba(sentence, mode):
    assert_same(mode, sentence)


def test_rust_examples_file_is_written_from_this_list():
    # The core's Rust tests read jieba's tokens for the same sentences from a file: it
    # must be what the script writes for the list as it is now.  The script runs in a
    # process of its own, with a jieba that no test has added words to.
    script = ROOT / "scripts" / "write_jieba_examples.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


# (sentence, mode name) -> the output jieba 0.42.1 gives, written down.
EXPECTED = [
    # README: full mode, accurate mode, new-word recognition (HMM), search-engine mode
    ("我来到北京清华大学", "cut_all", ["我", "来到", "北京", "清华", "清华大学", "华大", "大学"]),
    ("我来到北京清华大学", "default", ["我", "来到", "北京", "清华大学"]),
    ("我来到北京清华大学", "search", ["我", "来到", "北京", "清华", "华大", "大学", "清华大学"]),
    ("他来到了网易杭研大厦", "default", ["他", "来到", "了", "网易", "杭研", "大厦"]),
    ("他来到了网易杭研大厦", "no_hmm", ["他", "来到", "了", "网易", "杭", "研", "大厦"]),
    ("小明硕士毕业于中国科学院计算所，后在日本京都大学深造", "search",
     ["小明", "硕士", "毕业", "于", "中国", "科学", "学院", "科学院", "中国科学院", "计算", "计算所",
      "，", "后", "在", "日本", "京都", "大学", "日本京都大学", "深造"]),
    ("小明硕士毕业于中国科学院计算所，后在日本京都大学深造", "default",
     ["小明", "硕士", "毕业", "于", "中国科学院", "计算所", "，", "后", "在", "日本京都大学", "深造"]),
    ("小明硕士毕业于中国科学院计算所，后在日本京都大学深造", "cut_all",
     ["小", "明", "硕士", "毕业", "于", "中国", "中国科学院", "科学", "科学院", "学院", "计算", "计算所",
      "，", "后", "在", "日本", "日本京都大学", "京都", "京都大学", "大学", "深造"]),
    ("永和服装饰品有限公司", "cut_all",
     ["永和", "和服", "服装", "装饰", "装饰品", "饰品", "有限", "有限公司", "公司"]),
    # README: tokenize, default and search
    ("永和服装饰品有限公司", "tokenize_default",
     [("永和", 0, 2), ("服装", 2, 4), ("饰品", 4, 6), ("有限公司", 6, 10)]),
    ("永和服装饰品有限公司", "tokenize_search",
     [("永和", 0, 2), ("服装", 2, 4), ("饰品", 4, 6), ("有限", 6, 8), ("公司", 8, 10), ("有限公司", 6, 10)]),
    ("李小福是创新办主任也是云计算方面的专家", "default",
     ["李小福", "是", "创新", "办", "主任", "也", "是", "云", "计算", "方面", "的", "专家"]),
    # numbers, symbols and dictionary words with ASCII in them
    ("3.14", "default", ["3.14"]),
    ("3.14", "no_hmm", ["3", ".", "14"]),
    ("3.14", "cut_all", ["3", ".", "14"]),
    ("12.5%", "default", ["12.5%"]),
    ("12.5%", "no_hmm", ["12", ".", "5", "%"]),
    ("C++", "default", ["C++"]),
    ("C++", "cut_all", ["C++"]),
    ("c#", "no_hmm", ["c#"]),
    ("AT&T", "default", ["AT&T"]),
    ("AT&T", "tokenize_default", [("AT&T", 0, 4)]),
    ("-+#&_.%", "default", ["-+#&_.%"]),
    ("-+#&_.%", "no_hmm", ["-", "+", "#", "&", "_", ".", "%"]),
    ("-+#&_.%", "cut_all", ["-", "+", "#", "&", "_", ".", "%"]),
    ("a+b#c&d_e.f%g-h", "default",
     ["a", "+", "b", "#", "c", "&", "d", "_", "e", ".", "f%", "g", "-", "h"]),
    ("--中国--", "default", ["--", "中国", "--"]),
    ("--中国--", "no_hmm", ["-", "-", "中国", "-", "-"]),
    ("2021-07-01", "default", ["2021", "-", "07", "-", "01"]),
    ("Python3.8", "default", ["Python3.8"]),
    ("Python3.8", "cut_all", ["Python3", ".", "8"]),
    ("c++11", "default", ["c++", "11"]),
    ("T恤衫价格", "default", ["T恤衫", "价格"]),
    ("T恤衫价格", "cut_all", ["T恤", "T恤衫", "恤衫", "价格"]),
    ("T恤衫价格", "search", ["T恤", "恤衫", "T恤衫", "价格"]),
    ("t恤", "default", ["t", "恤"]),
    # full-width digits/letters are not in the han block: one token each, or one run in cut_all
    ("１２３", "default", ["１", "２", "３"]),
    ("１２３", "cut_all", ["１２３"]),
    ("ａｂｃ", "no_hmm", ["ａ", "ｂ", "ｃ"]),
    ("１２.５％", "cut_all", ["１２", ".", "５％"]),
    ("，。", "default", ["，", "。"]),
    ("，。", "cut_all", ["，。"]),
    # whitespace: kept as tokens; cut_all yields '' around each whitespace token
    (" ", "default", [" "]),
    (" ", "cut_all", ["", " ", ""]),
    ("a b", "cut_all", ["a", "", " ", "", "b"]),
    ("\r\n", "default", ["\r\n"]),
    ("\r\n", "cut_all", ["", "\r\n", ""]),
    ("\r\r\n\n", "default", ["\r", "\r\n", "\n"]),
    ("\r\r\n\n", "cut_all_no_hmm", ["", "\r", "", "\r\n", "", "\n", ""]),
    ("\r\r\n\n", "tokenize_default", [("\r", 0, 1), ("\r\n", 1, 3), ("\n", 3, 4)]),
    ("abc\ndef", "cut_all", ["abc", "", "\n", "", "def"]),
    ("\x1c\x1d\x1e\x1f", "default", ["\x1c", "\x1d", "\x1e", "\x1f"]),
    ("\x1c\x1d\x1e\x1f", "cut_all", ["", "\x1c", "", "\x1d", "", "\x1e", "", "\x1f", ""]),
    ("中\u3000国", "cut_all", ["中", "", "\u3000", "", "国"]),
    ("x\x85y", "cut_all", ["x", "", "\x85", "", "y"]),
    ("a\xa0b", "default", ["a", "\xa0", "b"]),
    ("中\u2028国", "cut_all", ["中", "", "\u2028", "", "国"]),
    ("中\u200b国", "cut_all", ["中", "\u200b", "国"]),  # U+200B is not whitespace
    # the han block ends at U+9FD5; other CJK is "other"
    ("鿕鿖", "default", ["鿕", "鿖"]),
    ("中国\u9fd6中国", "default", ["中国", "\u9fd6", "中国"]),
    ("㐀中国", "default", ["㐀", "中国"]),
    ("中国𠀀北京", "default", ["中国", "𠀀", "北京"]),
    ("\U0002a6df\U0002a6e0", "cut_all", ["\U0002a6df\U0002a6e0"]),
    ("x𠀀y 中国", "tokenize_default",
     [("x", 0, 1), ("𠀀", 1, 2), ("y", 2, 3), (" ", 3, 4), ("中国", 4, 6)]),
    ("", "default", []),
    ("", "cut_all", []),
    ("", "tokenize_search", []),
]


@pytest.mark.parametrize(
    "sentence, mode_name, expected",
    [pytest.param(s, m, e, id="%s-%s" % (m, ascii(s)[1:-1][:40])) for s, m, e in EXPECTED])
def test_hard_coded_output(sentence, mode_name, expected):
    mode = MODES_BY_NAME[mode_name]
    assert mode.zh(sentence) == expected
    assert mode.jb(sentence) == expected  # the expectation is jieba 0.42.1's output


# --------------------------------------------------------------------------------------
# Edge cases that ports get wrong, compared with jieba in every mode.
# --------------------------------------------------------------------------------------

WHITESPACE = [c for c in map(chr, range(0x110000)) if c.isspace()]

EDGE_CASES = [
    # the han range's bounds and CJK outside it
    "\u4e00", "\u9fd5", "\u9fd6", "\u9fff", "\u4dbf\u4e00", "\u3400", "㐀中国㐀", "鿕鿖鿗",
    "中国\u9fd6北京", "\u9fd6\u9fd6中国", "𠀀", "𠀀中国", "中国𠀀", "𠀀𠀁𠀂", "\U0002a6df\U0002a6e0",
    "\U0002b740中\U00030000国", "\uf900\ufa00中国", "〇一二三", "研究\u9fd6生命\u3400起源𠀀",
    # whitespace, one by one and mixed
    *WHITESPACE,
    *["中国%s北京" % c for c in WHITESPACE],
    *["ab%s12" % c for c in WHITESPACE],
    "\r\n", "\r", "\n", "\r\n\r\n", "\n\r", "\r\r\n\n", "中国\r\n北京\r大学\n", " \t\r\n\x0b\x0c",
    "\x1c\x1d\x1e\x1f", "\x85", "\xa0", "\u3000", "\u2028", "\u2029", "\u200b", "中\u200b国",
    "\u3000\u3000春暖花开", "  双空格  ", "\ufeff中国", "\u200d", "a\u200cb",
    # ASCII and full-width letters/digits
    "abc", "ABC", "ａｂｃ", "ＡＢＣ", "123", "１２３", "abc中国123", "ａｂｃ中国１２３", "Ａ股",
    "A股和B股", "ｃ＋＋", "Ｃ＋＋", "iPhone12", "ab12cd", "x", "中x国",
    # numbers and the '+#&._%-' characters of the han block
    "3.14", "12.5%", "-12.5%", "+86-10-12345678", "1,000,000", "1.2.3", "0.5%的增长", "增长了12.5%",
    "3.14159是圆周率", "v1.0-beta", "1e-5", "2021-07-01", "2021年7月1日", "100%", "%%", "..", "...",
    "C++", "c++", "C#", "c#", "AT&T", "at&t", "AT&amp;T", "-+#&_.%", "%.&#+-_", "a-b", "a_b",
    "a+b#c&d_e.f%g-h", "C++和C#", "我爱C++", "用c#写", "AT&T公司", "c++11", "C+++", "##", "&&",
    "--中国--", "__init__", "foo.bar_baz", "12.5%abc", "abc12.5%", "3.14.15", "1.", ".5", "5%%",
    "T恤", "t恤", "T恤衫", "B超", "b超", "AA制", "卡拉OK", "X光线", "4S店", "江南style", "阿Q正传",
    "小S和大S", "CALL机", "γ射线", "IP地址和IC卡",
    # punctuation
    "，。！？", "“中国”", "《红楼梦》", "中国，北京。", "!?", "a!b", "(中国)", "（中国）", "中国——北京",
    "中国……", "·", "中·国", "@#$", "~`^*", "[中国]", "{a}", "|", "a|b", "\\", "'\"",
    # emoji and other symbols
    "😀", "中国😀北京", "👨\u200d👩\u200d👧", "🇨🇳", "👍🏽", "❤️", "★中国★", "℃", "28℃", "①②③",
    "Ⅻ", "²", "٣", "ﬁ", "ǅ", "𝐀𝐁", "é", "e\u0301", "Ω",
    # NUL and other control characters
    "\x00", "中国\x00北京", "a\x00b", "\x01\x02", "\x7f", "\x1b[31m红色\x1b[0m",
    # longer mixed sentences
    "他说：“我在2021年花了12.5%的钱买了一件T恤。”",
    "The quick brown fox 跳过了 lazy dog, 3.14 times!",
    "小明在C++/Python课上拿了95.5分（满分100）",
    "电话：+86-010-88886666，邮箱：a_b.c@example.com",
    "中国\r\n北京\r\n\r\n大学生活",
]


@pytest.mark.parametrize("mode", mode_params())
@pytest.mark.parametrize("sentence", [pytest.param(s, id=ascii(s)[1:-1][:40]) for s in EDGE_CASES])
def test_edge_case_matches_jieba(sentence, mode):
    assert_same(mode, sentence)


# --------------------------------------------------------------------------------------
# tokenize offsets: code points, astral characters count as one.
# --------------------------------------------------------------------------------------

OFFSET_CASES = [
    "x𠀀y 中国",
    "𠀀𠀁中华人民共和国𠀂",
    "😀中国人民😀👨\u200d👩\u200d👧北京大学",
    "中华人民共和国\r\n𠀀\U0002a6df研究生命起源",
    "🇨🇳中国科学院计算所🇨🇳",
]


@pytest.mark.parametrize("mode", mode_params([m for m in MODES if m.name.startswith("tokenize")]))
@pytest.mark.parametrize("sentence", OFFSET_CASES)
def test_tokenize_offsets_are_code_points(sentence, mode):
    out = assert_same(mode, sentence)
    for word, start, end in mode.zh(sentence):
        assert sentence[start:end] == word
    if "search" not in mode.name:
        # default mode: consecutive, covering the whole sentence
        assert "".join(w for w, _, _ in out) == sentence
        assert [s for _, s, _ in out] == [0] + [e for _, _, e in out][:-1]
        assert out[-1][2] == len(sentence)


def test_tokenize_astral_offsets_hard_coded():
    s = "𠀀中华人民共和国𠀁"
    expected = [("𠀀", 0, 1), ("中华人民共和国", 1, 8), ("𠀁", 8, 9)]
    assert list(zhfast.tokenize(s)) == expected
    assert list(jieba.tokenize(s)) == expected
    expected_search = [("𠀀", 0, 1), ("中华", 1, 3), ("华人", 2, 4), ("人民", 3, 5), ("共和", 5, 7),
                       ("共和国", 5, 8), ("中华人民共和国", 1, 8), ("𠀁", 8, 9)]
    assert list(zhfast.tokenize(s, mode="search")) == expected_search
    assert list(jieba.tokenize(s, mode="search")) == expected_search


# --------------------------------------------------------------------------------------
# Properties every output has (checked on zhfast's output, which equals jieba's above).
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", SENTENCES + EDGE_CASES[:40])
def test_default_and_cut_all_cover_the_input(sentence):
    assert "".join(zhfast.lcut(sentence)) == sentence
    assert "".join(zhfast.lcut(sentence, HMM=False)) == sentence
    assert all(zhfast.lcut(sentence))  # no empty tokens outside cut_all
    assert all(isinstance(w, str) and type(w) is str for w in zhfast.lcut(sentence, cut_all=True))
