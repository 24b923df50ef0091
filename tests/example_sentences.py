"""jieba's README examples, classic ambiguous sentences and a few edge cases.

The one list of them: ``tests/test_examples.py`` compares zhfast with jieba on each in
every mode, and ``scripts/write_jieba_examples.py`` records jieba 0.42.1's tokens for
them in ``rust/zhfast-core/tests/jieba_examples.json``, which the core's Rust tests read
(``rust/zhfast-core/tests/examples.rs``).  After editing the list, run that script.
"""

SENTENCES = [
    "我来到北京清华大学",
    "他来到了网易杭研大厦",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
    "圆周率是3.14，增长了12.5%。",  # numbers that the HMM keeps whole
    "  \r\n\tHello World! 中文abc123 ",  # whitespace, \r\n, ASCII words and digits
    "永和服装饰品有限公司",
    "aＢ𠀀〇中\u3000x",  # full-width, astral, CJK outside the han block, U+3000
    "李小福是创新办主任也是云计算方面的专家",
    "如果放到post中将出错。",
    "「台中」正确应该不会被切开",
    "今天天气不错",
    "我们中出了一个叛徒",
    "结婚的和尚未结婚的",
    "南京市长江大桥",
    "研究生命的起源",
    "长春市长春节讲话",
    "我不喜欢日本和服。",
    "雷猴回归人间。",
    "乒乓球拍卖完了",
    "这是一个伸手不见五指的黑夜。我叫孙悟空，我爱北京，我爱Python和C++。",
    "例如我输入一个带“韩玉赏鉴”的标题，在自定义词库中也增加了此词为N类",
    "easy_install jieba 或者 pip install jieba / pip3 install jieba",
]
