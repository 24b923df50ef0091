"""The README's examples as a program, type-checked with ``mypy --strict`` (and run)."""
from __future__ import annotations

import re
from array import array

import zhfast
import zhfast as jieba
import zhfast.analyse
import zhfast.posseg as pseg

text = "我来到北京清华大学，小明硕士毕业于中国科学院计算所。" * 3
lines = ["我来到北京清华大学", "他来到了网易杭研大厦"]

words: list[str] = jieba.lcut("我来到北京清华大学")
every: list[str] = list(jieba.cut("我来到北京清华大学", cut_all=True))
no_hmm: list[str] = jieba.lcut("他来到了网易杭研大厦", HMM=False)
search: list[str] = jieba.lcut_for_search("小明硕士毕业于中国科学院计算所")
spans: list[tuple[str, int, int]] = list(jieba.tokenize("永和服装饰品有限公司"))

jieba.add_word("杭研", freq=10, tag="nz")
jieba.del_word("杭研")
frequency: int = jieba.suggest_freq(("中", "将"), tune=False)
beijing = jieba.get_FREQ("北京")
assert beijing == 34488

tagged: list[tuple[str, str]] = [(w, f) for w, f in pseg.lcut("我爱北京天安门")]
pairs: list[pseg.pair] = pseg.lcut("我爱北京天安门")
keywords: list[tuple[str, float]] = zhfast.analyse.extract_tags(text, topK=20, withWeight=True)
ranked: list[str] = zhfast.analyse.textrank(text, allowPOS=("ns", "n", "vn", "v"))

batches: list[list[str]] = zhfast.lcut_batch(lines)
batches = zhfast.lcut_batch(lines, HMM=False, threads=2)
searched: list[list[str]] = zhfast.lcut_for_search_batch(lines)
tagged_batches: list[list[pseg.pair]] = zhfast.posseg.lcut_batch(lines)
ends: array[int] = zhfast.cut_offsets("我来到北京清华大学")
all_ends: list[array[int]] = zhfast.cut_offsets_batch(lines)

tokenizer = jieba.Tokenizer()
own: list[str] = tokenizer.lcut("我来到北京清华大学")

# jieba's module surface.
jieba.re_han_default = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._% -]+)", re.UNICODE)
jieba.add_word("macbook pro")
assert "macbook pro" in jieba.lcut("我买了 macbook pro 和 C++ 的书")
jieba.re_han_default = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.UNICODE)
jieba.setLogLevel(60)
jieba.default_logger.setLevel(60)
hmm_words: list[str] = list(jieba.finalseg.cut("杭研大厦"))
version: str = zhfast.__version__

if __name__ == "__main__":
    print(words, every, no_hmm, search, spans, frequency, tagged, pairs, keywords, ranked)
    print(batches, searched, tagged_batches, ends, all_ends, own, hmm_words, version)
