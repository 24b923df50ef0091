"""Dictionaries: custom and user dictionaries, runtime edits, safety — against jieba 0.42.1."""
from __future__ import annotations

import io
import pickle
import threading
from pathlib import Path

import jieba
import pytest

import zhfast

DATA = Path(__file__).parent / "data"
USERDICT = DATA / "userdict.txt"

# The sentences of jieba's test/test_userdict.py and README.
SENTENCES = [
    "李小福是创新办主任也是云计算方面的专家; 什么是八一双鹿\n"
    "例如我输入一个带“韩玉赏鉴”的标题，在自定义词库中也增加了此词为N类\n"
    "「台中」正確應該不會被切開。mac上可分出「石墨烯」；此時又可以分出來凱特琳了。",
    "easy_install is great",
    "python 的正则表达式是好用的",
    "我们中出了一个叛徒",
    "如果放到post中将出错。",
    "「台中」正确应该不会被切开",
    "今天天气不错",
    "江州市长江大桥参加了长江大桥的通车仪式",
    "Edu Trust认证 2000 云计算方面",
]


def all_modes(tok, text):
    return (
        tok.lcut(text),
        tok.lcut(text, HMM=False),
        tok.lcut(text, cut_all=True),
        tok.lcut_for_search(text),
        list(tok.tokenize(text)),
        list(tok.tokenize(text, mode="search", HMM=False)),
    )


def assert_same(z, j, sentences=SENTENCES):
    for s in sentences:
        assert all_modes(z, s) == all_modes(j, s), s
    assert z.total == j.total


@pytest.fixture
def pair():
    z, j = zhfast.Tokenizer(), jieba.Tokenizer()
    z.initialize()
    j.initialize()
    return z, j


@pytest.mark.parametrize("source", ["path", "binary", "text", "bom_crlf_blank"])
def test_load_userdict_like_jieba(pair, source, tmp_path):
    z, j = pair
    if source == "path":
        z.load_userdict(str(USERDICT))
        j.load_userdict(str(USERDICT))
    elif source == "binary":
        z.load_userdict(io.BytesIO(USERDICT.read_bytes()))
        j.load_userdict(io.BytesIO(USERDICT.read_bytes()))
    elif source == "text":
        z.load_userdict(io.StringIO(USERDICT.read_text(encoding="utf-8")))
        j.load_userdict(io.StringIO(USERDICT.read_text(encoding="utf-8")))
    else:
        p = tmp_path / "ud.txt"
        body = USERDICT.read_text(encoding="utf-8").replace("\n", "\r\n\r\n")
        p.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
        z.load_userdict(str(p))
        j.load_userdict(str(p))
    assert_same(z, j)
    assert z.user_word_tag_tab == j.user_word_tag_tab
    for w in ["云计算", "台中", "凱特琳", "Edu Trust认证", "Edu", "创新", "不存在的词"]:
        assert z.FREQ.get(w) == j.FREQ.get(w), w
    assert z.FREQ["Edu Trust认证"] == 2000 and z.lcut("Edu Trust认证") == j.lcut("Edu Trust认证")


def test_edits_like_jieba(pair):
    z, j = pair
    for t in (z, j):
        t.load_userdict(str(USERDICT))
        t.add_word("石墨烯")
        t.add_word("凱特琳")
        t.del_word("自定义词")
        t.add_word("创新办", 3, "i")
        t.add_word("云计算", 0)
    assert_same(z, j)
    for seg in [("中", "将"), ("台", "中"), "台中", "中将", "江州", ("江州", "市长")]:
        assert z.suggest_freq(seg, True) == j.suggest_freq(seg, True), seg
    assert_same(z, j)
    assert z.get_DAG("江州市长江大桥") == j.get_DAG("江州市长江大桥")
    rz, rj = {}, {}
    z.calc("江州市长江大桥", z.get_DAG("江州市长江大桥"), rz)
    j.calc("江州市长江大桥", j.get_DAG("江州市长江大桥"), rj)
    assert rz == rj


def test_module_level_functions_act_on_dt():
    # dt is shared with the other differential tests: every edit is mirrored on jieba.dt
    # so both stay identical.
    before = zhfast.lcut("韩玉赏鉴八一双鹿")
    assert zhfast.get_FREQ("北京") == jieba.get_FREQ("北京") == 34488
    assert zhfast.get_FREQ("北京大") == 0 and zhfast.get_FREQ("不存在的词") is None
    for m in (zhfast, jieba):
        m.add_word("韩玉赏鉴", 3)
    assert zhfast.dt.FREQ["韩玉赏鉴"] == 3
    assert zhfast.lcut("韩玉赏鉴八一双鹿")[0] == "韩玉赏鉴" != before[0]
    for m in (zhfast, jieba):
        m.del_word("韩玉赏鉴")
    assert zhfast.get_FREQ("韩玉赏鉴") == 0
    assert zhfast.dt.total == jieba.dt.total
    assert zhfast.lcut("韩玉赏鉴八一双鹿") == jieba.lcut("韩玉赏鉴八一双鹿")


def test_bad_userdict_leaves_tokenizer_unchanged(tmp_path):
    z = zhfast.Tokenizer()
    z.initialize()
    p = tmp_path / "bad.txt"
    p.write_bytes("好词 5\n另一个词 7\n".encode("utf-8") + b"\xff\xfe 3\n")
    total, cut = z.total, z.lcut("另一个词好词")
    with pytest.raises(ValueError) as err:
        z.load_userdict(str(p))
    assert str(p) in str(err.value) and "line 3" in str(err.value)
    assert (z.total, z.lcut("另一个词好词"), z.FREQ.get("另一个词")) == (total, cut, None)
    with pytest.raises(ValueError):  # jieba raises the same type
        jieba.Tokenizer().load_userdict(str(p))


def test_custom_dictionary_like_jieba(tmp_path):
    p = tmp_path / "small.txt"
    p.write_text("北京 10 ns\n北京大学 5 nt\n大学 8 n\n学生 6 n\n大学生 4 n\n生活 3 vn\n", encoding="utf-8")
    z, j = zhfast.Tokenizer(str(p)), jieba.Tokenizer(str(p))
    assert z.dictionary == j.dictionary == str(p)
    assert_same(z, j, ["北京大学生活", "北京大学生 lived 3.5 年", "我在北京上大学"])
    assert z.get_dict_file().read() == p.read_bytes()
    z2 = zhfast.Tokenizer()
    z2.set_dictionary(str(p))
    assert not z2.initialized and z2.lcut("北京大学生活") == j.lcut("北京大学生活")
    z3 = zhfast.Tokenizer()
    z3.initialize(str(p))
    assert z3.initialized and z3.total == j.total


def test_malformed_custom_dictionary_names_file_and_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text("北京 10\n大学 x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"invalid dictionary entry in .*bad\.txt at Line 2: 大学 x"):
        zhfast.Tokenizer(str(p)).lcut("北京大学")
    with pytest.raises(ValueError, match="at Line 2"):
        jieba.Tokenizer(str(p)).lcut("北京大学")
    with pytest.raises(Exception, match="does not exist"):
        zhfast.Tokenizer().set_dictionary(str(tmp_path / "missing.txt"))


def test_bundled_dictionary_file():
    assert zhfast.get_dict_file().read() == jieba.get_dict_file().read()


def test_pickled_tokenizer_cuts_the_same(tmp_path):
    z = zhfast.Tokenizer()
    z.load_userdict(str(USERDICT))
    z.add_word("叛徒们", 50)
    z.del_word("中出")
    # The force-split set is process-global in jieba and zhfast alike: keep them in step.
    jieba.finalseg.add_force_split("中出")
    clone = pickle.loads(pickle.dumps(z))
    for s in SENTENCES:
        assert all_modes(clone, s) == all_modes(z, s)
    assert clone.total == z.total and clone.user_word_tag_tab == z.user_word_tag_tab


def _cut_in_worker(tok, text):
    return tok.lcut(text)


def test_pickled_tokenizer_in_worker_process():
    import multiprocessing

    z = zhfast.Tokenizer()
    z.add_word("龙蟒佰利联", 100)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        assert pool.apply(_cut_in_worker, (z, "龙蟒佰利联公司")) == z.lcut("龙蟒佰利联公司") == ["龙蟒佰利联", "公司"]


def test_cuts_see_the_dictionary_before_or_after_an_edit():
    z = zhfast.Tokenizer()
    text = "李小福是创新办主任也是云计算方面的专家" * 50
    before = z.lcut(text)
    words = ["李小福是", "创新办主任", "云计算方", "方面的专"]
    stop = threading.Event()
    seen = []

    def cutter():
        while not stop.is_set():
            seen.append(z.lcut(text))

    threads = [threading.Thread(target=cutter) for _ in range(3)]
    for t in threads:
        t.start()
    for i in range(300):
        z.add_word(words[i % 4] + str(i), 5)  # unrelated words: the cut does not change
    for w in words:
        z.add_word(w, 10**6)
    stop.set()
    for t in threads:
        t.join()
    after = z.lcut(text)
    assert after != before
    allowed_states = {tuple(before), tuple(after)}
    # Intermediate states (after some of the four words) are valid too: list them.
    probe = zhfast.Tokenizer()
    for w in words:
        probe.add_word(w, 10**6)
        allowed_states.add(tuple(probe.lcut(text)))
    assert seen and all(tuple(s) in allowed_states for s in seen)


def test_many_user_words_merge_and_still_match_jieba(pair):
    z, j = pair
    words = ["自造词%d" % i for i in range(600)] + ["云计算方面", "专家们", "创新办主任"]
    for t in (z, j):
        for i, w in enumerate(words):
            t.add_word(w, 3 + i % 5)
    assert_same(z, j, SENTENCES + ["自造词12的专家们在创新办主任那里", "自造词599自造词5"])


def test_custom_dictionary_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZHFAST_CACHE_DIR", str(cache))
    p = tmp_path / "d.txt"
    p.write_text("北京 10 ns\n北京大学 5 nt\n大学 8 n\n", encoding="utf-8")
    first = zhfast.Tokenizer(str(p))
    first.initialize()
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].name.startswith("dict-")
    # A cached load gives the same tokenizer.
    again = zhfast.Tokenizer(str(p))
    assert again.lcut("北京大学") == first.lcut("北京大学") == jieba.Tokenizer(str(p)).lcut("北京大学")
    # Damage is detected and repaired by a recompile.
    files[0].write_bytes(b"garbage")
    repaired = zhfast.Tokenizer(str(p))
    assert repaired.lcut("北京大学") == ["北京大学"] and files[0].read_bytes() != b"garbage"
    # Edited content never meets the old entry.
    p.write_text("北京 10 ns\n大学 8 n\n", encoding="utf-8")
    edited = zhfast.Tokenizer(str(p))
    assert edited.lcut("北京大学") == jieba.Tokenizer(str(p)).lcut("北京大学") == ["北京", "大学"]
    assert len(list(cache.iterdir())) == 2
    assert not [f for f in cache.iterdir() if f.name.endswith(".tmp")]


def test_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("ZHFAST_CACHE_DIR", str(blocker / "cache"))
    p = tmp_path / "d.txt"
    p.write_text("北京 10 ns\n大学 8 n\n", encoding="utf-8")
    assert zhfast.Tokenizer(str(p)).lcut("北京大学") == ["北京", "大学"]
    monkeypatch.setenv("ZHFAST_CACHE_DIR", "")  # cache off
    assert zhfast.Tokenizer(str(p)).lcut("北京大学") == ["北京", "大学"]
    t = zhfast.Tokenizer(str(p))
    t.cache_file = str(tmp_path / "mine.bin")  # jieba's attribute picks the file
    t.initialize()
    assert (tmp_path / "mine.bin").exists()


def test_large_user_dictionary_merges_in_the_background(tmp_path):
    import random

    rng = random.Random(5)
    words = sorted({"".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 4))) for _ in range(6000)})
    p = tmp_path / "big.txt"
    p.write_text("\n".join("%s %d n" % (w, 3 + i % 40) for i, w in enumerate(words)) + "\n", encoding="utf-8")
    z, j = zhfast.Tokenizer(), jieba.Tokenizer()
    z.load_userdict(str(p))
    j.load_userdict(str(p))
    text = "".join(words[::97]) + "，我来到北京清华大学" + words[5] + words[6]
    before = all_modes(z, text)  # the merge may or may not be done: same answers either way
    z._core.wait_compacted()
    assert all_modes(z, text) == before == all_modes(j, text)
    assert_same(z, j)
    for w in words[:50] + ["北京", "北京大", "不存在"]:
        assert z.FREQ.get(w) == j.FREQ.get(w)
    z.add_word(words[0], 0)  # edits after the merge still apply
    j.add_word(words[0], 0)
    assert all_modes(z, text) == all_modes(j, text)


def test_start_writes_no_files(tmp_path):
    """Importing and cutting with the bundled dictionary builds nothing and writes
    nothing (no cache in /tmp or ~), so a read-only install works."""
    import subprocess
    import sys

    home = tmp_path / "home"
    tmp = tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {"HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache"), "PATH": "/usr/bin:/bin"}
    code = "import zhfast; print(zhfast.lcut('我爱北京天安门'), zhfast.lcut_batch(['北京大学']))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "北京" in out.stdout
    assert list(home.rglob("*")) == [] and list(tmp.rglob("*")) == []


@pytest.mark.parametrize("where", ["dictionary file", "add_word"])
def test_negative_frequency_on_the_route_is_a_math_domain_error(tmp_path, where):
    # jieba keeps a negative frequency and fails in `log` once such a word is an edge;
    # a text that never meets it cuts normally.
    p = tmp_path / "neg.txt"
    words = "负词 -5\n好 3\n词 3\n负 3\n" if where == "dictionary file" else "好 3\n词 3\n负 3\n负词 1\n"
    p.write_text(words, encoding="utf-8")
    results = []
    for make in (zhfast.Tokenizer, jieba.Tokenizer):
        t = make(str(p))
        if where == "add_word":
            t.add_word("负词", -5)
        with pytest.raises(ValueError, match="math domain error"):
            t.lcut("好负词")
        with pytest.raises(ValueError, match="math domain error"):
            t.lcut("好负词", HMM=False)
        results.append((t.lcut("好好词"), t.lcut("好负", HMM=False), t.lcut_for_search("词好")))
    assert results[0] == results[1]


def _dictionary_state(t):
    words = ["新词甲", "新词乙", "新词丙", "新词丁", "新词", "新"]
    return ([t.FREQ.get(w) for w in words], t.total, dict(t.user_word_tag_tab), zhfast._core.force_split_words())


@pytest.mark.parametrize("lines", [
    "新词甲\n新词乙\n新词丙 1180591620717411303424\n",  # the frequency-less lines are worked out first
    "新词丁 0 nz\n新词甲 3\n新词丙 99999999999999999999999\n新词乙\n",
    "新词甲 9223372036854775000\n新词乙 9223372036854775000\n",  # the total would overflow
])
def test_userdict_beyond_64_bits_changes_nothing(tmp_path, lines):
    z = zhfast.Tokenizer()
    z.initialize()
    p = tmp_path / "big_freq.txt"
    p.write_text(lines, encoding="utf-8")
    before = _dictionary_state(z)
    with pytest.raises(OverflowError):
        z.load_userdict(str(p))
    assert _dictionary_state(z) == before
    assert z.lcut("新词甲新词乙") == ["新词", "甲", "新词", "乙"]


def test_userdict_lines_without_frequency_see_the_lines_before(pair, tmp_path):
    # suggest_freq for a line without a frequency counts the lines above it, as in jieba.
    z, j = pair
    p = tmp_path / "mixed.txt"
    p.write_text("新词甲\n新词 100000\n新词乙\n甲乙丙\n甲乙 3 nz\n甲乙丙丁\n丙丁 0\n", encoding="utf-8")
    z.load_userdict(str(p))
    j.load_userdict(str(p))
    for w in ["新词甲", "新词", "新词乙", "甲乙丙", "甲乙", "甲乙丙丁", "丙丁"]:
        assert z.FREQ.get(w) == j.FREQ.get(w), w
    assert z.user_word_tag_tab == j.user_word_tag_tab
    assert_same(z, j, SENTENCES + ["新词甲乙丙丁", "甲乙丙丁新词乙"])


def test_two_large_user_dictionaries_in_a_row(pair, tmp_path):
    # The second is staged while the first merges (no waiting), and merged after it.
    z, j = pair
    paths = []
    for name in "甲乙":
        p = tmp_path / (name + ".txt")
        p.write_text("".join("%s词%d %d\n" % (name, i, 3 + i % 7) for i in range(5000)), encoding="utf-8")
        paths.append(str(p))
    for path in paths:
        z.load_userdict(path)
        j.load_userdict(path)
    z.add_word("甲词7", 1000)  # an edit while a merge may run is kept
    j.add_word("甲词7", 1000)
    text = "甲词7乙词4999，甲词123乙词0我来到北京"
    assert all_modes(z, text) == all_modes(j, text)
    z._core.wait_compacted()
    assert all_modes(z, text) == all_modes(j, text)
    assert [z.FREQ.get(w) for w in ("甲词7", "乙词4999", "乙词")] == [j.FREQ.get(w) for w in ("甲词7", "乙词4999", "乙词")]
    assert z.total == j.total


def _outcomes(t, posseg):
    """What each call gives on tokenizer ``t``: its result, or its exception."""
    calls = [lambda: t.lcut("我爱北京"), lambda: t.lcut("我爱北京", HMM=False),
             lambda: t.lcut_for_search("我爱北京"), lambda: list(t.tokenize("我爱北京")),
             lambda: [tuple(x) for x in posseg.lcut("我爱北京")], lambda: t.suggest_freq("北京大学"),
             lambda: t.lcut("我爱北京", cut_all=True), lambda: t.lcut("，。 \n"), lambda: t.total]
    row = []
    for call in calls:
        try:
            row.append(("ok", call()))
        except Exception as e:  # noqa: BLE001 - the exception is what is compared
            row.append((type(e).__name__, str(e)))
    return row


@pytest.mark.parametrize("how", ["empty dictionary", "total brought to 0", "total brought below 0"])
def test_a_total_of_zero_or_less_raises_where_jieba_does(tmp_path, how):
    # jieba's calc takes log(total) for every block it routes: ValueError then, in the
    # default, no-HMM and search modes, tokenize and posseg; cut_all and text without
    # such a block still cut.
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    outcomes = []
    for lib in (zhfast, jieba):
        t = lib.Tokenizer(str(p)) if how == "empty dictionary" else lib.Tokenizer()
        t.initialize()
        if how != "empty dictionary":
            t.add_word("负数", -t.total - (0 if how.endswith("0") else 7))
        posseg = __import__(lib.__name__ + ".posseg", fromlist=["POSTokenizer"]).POSTokenizer(t)
        outcomes.append(_outcomes(t, posseg))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == ("ValueError", "math domain error")
