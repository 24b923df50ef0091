"""Property tests: generated strings must be cut exactly as jieba 0.42.1 cuts them.

The strategy mixes real dictionary words, common and rare han characters, CJK outside
jieba's han block, ASCII words and numbers with the '+#&._%-' characters, every Python
whitespace character, punctuation, emoji and, now and then, lone surrogates.

Example counts come from the hypothesis profile loaded in conftest (``ci`` by default:
2,500 per test, 5 tests, 12,500 examples); set ``ZHFAST_HYPOTHESIS_PROFILE`` to change it.
"""
from __future__ import annotations

import string

import jieba
from hypothesis import example, given
from hypothesis import strategies as st

import zhfast
from conftest import MODES_BY_NAME, STATS, assert_same, make_modes

WHITESPACE = [c for c in map(chr, range(0x110000)) if c.isspace()]

# Real words, so that the dictionary and its ambiguities are exercised, not only the HMM.
WORDS = (
    "中国 北京 大学 研究 研究生 生命 起源 清华 清华大学 中华 人民 共和国 中华人民共和国 科学 科学院 "
    "计算 计算所 日本 京都 和服 服装 装饰 饰品 有限 公司 有限公司 结婚 和尚 尚未 市长 长江 大桥 南京 "
    "南京市 长春 春节 讲话 工信处 女干事 处女 干事 乒乓球 球拍 拍卖 我们 他们 来到 网易 杭研 大厦 "
    "的 了 是 在 和 我 你 他 她 不 一 也 就 都 而 及 与 着 或 一个 没有 什么 这个 那个 可以 因为 所以 "
    "今天 明天 天气 不错 发展 经济 社会 工作 问题 政府 国家 世界 时间 技术 学生 老师 学校 东西 "
    "自然语言 处理 分词 结巴 中文 汉字 文本 数据 网络 手机 电脑 软件 互联网 人工智能 机器 学习 "
    "T恤 T恤衫 B超 AA制 C语言 X光 X光线 4S店 江南style 阿Q 小S 大S IC卡 IP地址 PC机 U盘 卡拉 "
    "C++ c++ C# c# AT&T γ射线"
).split()

COMMON_HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
)

FULL_WIDTH_PUNCT = "，。！？；：“”‘’（）【】《》〈〉「」『』、…—～·￥％＃＆＋－．＿　"
EMOJI = ["😀", "👍", "👍🏽", "❤️", "🇨🇳", "🇺🇸", "👨\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈",
         "👩🏻\u200d💻", "\u200d", "\ufe0f", "🀄", "©", "™"]
NUMBERS = ["3.14", "12.5%", "-1", "+86", "1e10", "2021-07-01", "100%", "0.5", "1,000", "1.2.3",
           "C++", "c#", "AT&T", "a_b", "...", "--", "%%", "+#&_.%-", "-+#&_.%", "v1.0", "12:30"]


def _weighted(*pairs):
    """``one_of`` with integer weights (a strategy listed ``w`` times is drawn ``w`` times as often)."""
    return st.one_of(*[s for s, w in pairs for _ in range(w)])


han_char = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5)
other_cjk = st.one_of(
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
    st.characters(min_codepoint=0x9FD6, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.sampled_from(["\u9fd6", "\u9fff", "\u3400", "\u4dbf", "\U00020000", "\U0002a6df", "\u3007",
                     "\uf900", "\U0002b740", "\U00030000"]),
)
ascii_word = st.one_of(
    st.text(string.ascii_letters + string.digits, min_size=1, max_size=8),
    st.sampled_from(["hello", "Python", "iPhone", "OK", "QQ", "IP", "T", "C", "x", "style", "ab12cd"]),
)
number = st.one_of(
    st.sampled_from(NUMBERS),
    st.from_regex(r"\A[0-9]{1,4}([.%+#&_-][0-9a-z]{0,3}){0,3}\Z"),
    st.text("0123456789.%+#&_-", min_size=1, max_size=6),
)
whitespace = st.sampled_from(WHITESPACE + ["\r\n", "\r\n", "\n", " "])
punct = st.one_of(st.sampled_from(list(FULL_WIDTH_PUNCT)), st.sampled_from(list(string.punctuation)))
full_width_alnum = st.one_of(st.characters(min_codepoint=0xFF10, max_codepoint=0xFF19),
                             st.characters(min_codepoint=0xFF21, max_codepoint=0xFF3A),
                             st.characters(min_codepoint=0xFF41, max_codepoint=0xFF5A))
lone_surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
any_char = st.characters(exclude_categories=())  # anything, surrogates included

piece = _weighted(
    (st.sampled_from(WORDS), 12),
    (st.sampled_from(list(COMMON_HAN)), 8),
    (han_char, 3),
    (other_cjk, 2),
    (ascii_word, 3),
    (number, 3),
    (whitespace, 3),
    (punct, 3),
    (full_width_alnum, 1),
    (st.sampled_from(EMOJI), 1),
    (any_char, 1),
)
rare_piece = _weighted((piece, 30), (lone_surrogate, 1))

sentences = st.lists(rare_piece, max_size=60).map("".join)
han_heavy = st.lists(_weighted((st.sampled_from(WORDS), 3), (st.sampled_from(list(COMMON_HAN)), 2),
                               (han_char, 1)),
                     min_size=1, max_size=40).map("".join)
# a few units repeated: routes whose log-probabilities tie exactly, or nearly ('程程程')
repetitive = (st.lists(st.sampled_from(list(COMMON_HAN[:80]) + WORDS[:40] + ["a", "1", ".", " "]),
                       min_size=1, max_size=3, unique=True)
              .flatmap(lambda units: st.lists(st.sampled_from(units), min_size=1, max_size=30))
              .map("".join))
mixed = st.one_of(sentences, sentences, han_heavy, repetitive)

HARD_EXAMPLES = [
    "", " ", "\r\n", "研究生命起源", "结婚的和尚未结婚的", "中国\u9fd6北京", "𠀀中国", "3.14%中国",
    "C++和c#", "a\ud800b", "程程程中国", "一一一都", "强强强中国", "\udfff中国\ud800", "T恤 衫\x85", "\x1c\x1d\x1e\x1f中国", "--中国--",
]


def _run(test_name, sentence, modes):
    STATS["examples"][test_name] += 1
    for name in modes:
        assert_same(MODES_BY_NAME[name], sentence)


def _with_examples(f):
    for s in HARD_EXAMPLES:
        f = example(s)(f)
    return f


@_with_examples
@given(mixed)
def test_default_and_no_hmm(sentence):
    _run("test_default_and_no_hmm", sentence, ["default", "no_hmm"])


@_with_examples
@given(mixed)
def test_cut_all(sentence):
    _run("test_cut_all", sentence, ["cut_all", "cut_all_no_hmm"])


@_with_examples
@given(mixed)
def test_cut_for_search(sentence):
    _run("test_cut_for_search", sentence, ["search", "search_no_hmm"])


@_with_examples
@given(mixed)
def test_tokenize(sentence):
    _run("test_tokenize", sentence,
         ["tokenize_default", "tokenize_default_no_hmm", "tokenize_search", "tokenize_search_no_hmm"])


_ZH_T = zhfast.Tokenizer()
_JB_T = jieba.Tokenizer()
_JB_T.initialize()
_T_MODES = make_modes(_ZH_T, _JB_T)


@_with_examples
@given(mixed)
def test_tokenizer_instances_and_bytes(sentence):
    """A fresh ``Tokenizer`` pair in every mode, and UTF-8 ``bytes`` input (where encodable)."""
    STATS["examples"]["test_tokenizer_instances_and_bytes"] += 1
    for mode in _T_MODES:
        assert_same(mode, sentence, where=" (Tokenizer instances)")
    try:
        data = sentence.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return
    for name in ["default", "no_hmm", "cut_all", "search"]:
        mode = MODES_BY_NAME[name]
        assert_same(mode, data, where=" (UTF-8 bytes)")
