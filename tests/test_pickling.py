"""A pickled tokenizer is the tokenizer: random edit sequences applied to jieba 0.42.1
and zhfast alike, then zhfast pickled (pickle, cloudpickle, dill) and unpickled here and
in a fresh process; ``FREQ``, ``total``, ``get_FREQ``, the tags, ``user_word_tag_tab``,
the force-split words and every cut must equal the original's, and jieba's."""
from __future__ import annotations

import multiprocessing
import pickle
import random

import jieba
import jieba.finalseg
import pytest

import zhfast
import zhfast.posseg
from conftest import corpus_files, read_text
from example_sentences import SENTENCES
from zhfast import _core, _pickling
from zhfast._tokenizer import dictionary_loads

cloudpickle = pytest.importorskip("cloudpickle", reason="cloudpickle is a test dependency (scripts/test.sh installs it)")
dill = pytest.importorskip("dill", reason="dill is a test dependency (scripts/test.sh installs it)")

DUMPERS = {"pickle": pickle.dumps, "cloudpickle": cloudpickle.dumps, "dill": dill.dumps}

#: Text the edited words occur in, so that edits change the cuts.
BASE_TEXT = "".join(SENTENCES[:12]) + "北京大学生前来应聘南京市长江大桥程程程中国人民"


def _corpus_lines(limit=150):
    lines = []
    for path in corpus_files():
        if path.name.endswith(".utf8"):
            lines += [ln for ln in read_text(path).splitlines() if ln.strip()][:limit]
    return lines


CORPUS_LINES = _corpus_lines()


def _word_pool(rng, n=40):
    """Fragments of the text (2–5 characters), dictionary words and single characters."""
    han = [c for c in BASE_TEXT if "\u4e00" <= c <= "\u9fd5"]
    pool = {"中国", "北京大学", "大学生", "长江大桥", "程程", "人民", "的", "中"}
    while len(pool) < n:
        i = rng.randrange(len(han) - 5)
        pool.add("".join(han[i:i + rng.randint(2, 5)]))
    return sorted(pool)


def _fresh_jieba(_base=[]):  # noqa: B006  (a cache of the loaded jieba dictionary)
    """A jieba Tokenizer with the default dictionary, without loading it again."""
    if not _base:
        t = jieba.Tokenizer()
        t.initialize()
        _base.append(t)
    base = _base[0]
    t = jieba.Tokenizer()
    t.FREQ, t.total, t.initialized = dict(base.FREQ), base.total, True
    return t


def _apply(ops, tok, tmp_path):
    for op in ops:
        kind = op[0]
        if kind == "add":
            tok.add_word(op[1], op[2], op[3])
        elif kind == "del":
            tok.del_word(op[1])
        elif kind == "suggest":
            tok.suggest_freq(op[1], True)
        elif kind == "userdict":
            path = tmp_path / f"user{abs(hash(op[1])) % 10**8}.txt"
            path.write_text(op[1], encoding="utf-8")
            tok.load_userdict(str(path))


def _random_ops(rng, pool, n):
    ops = []
    for _ in range(n):
        r = rng.random()
        w = rng.choice(pool)
        if r < 0.35:
            ops.append(("add", w, rng.choice([None, None, 1, 3, 50, 1000, 10**5, 10**7]), rng.choice([None, None, "nz", "n", ""])))
        elif r < 0.5:
            ops.append(("del", w))
        elif r < 0.6:
            ops.append(("add", w, 0, None))
        elif r < 0.7:
            ops.append(("suggest", w))
        elif r < 0.8 and len(w) >= 2:
            k = rng.randint(1, len(w) - 1)
            ops.append(("suggest", (w[:k], w[k:])))
        else:
            lines = []
            for _ in range(rng.randint(1, 6)):
                u = rng.choice(pool)
                parts = [u]
                if rng.random() < 0.6:
                    parts.append(str(rng.choice([1, 2, 30, 400, 10**6])))
                if rng.random() < 0.5:
                    parts.append(rng.choice(["nz", "ns", "x"]))
                lines.append(" ".join(parts))
            ops.append(("userdict", "\n".join(lines) + "\n"))
    return ops


def _sentences(rng, pool):
    made = ["".join(rng.choice(pool) for _ in range(rng.randint(2, 8))) for _ in range(30)]
    return SENTENCES + made + [BASE_TEXT] + CORPUS_LINES


def _observe(tok, sentences, keys):
    """Everything a user can read off a tokenizer that its state decides."""
    cuts = []
    for s in sentences:
        cuts.append((tok.lcut(s), tok.lcut(s, HMM=False), tok.lcut(s, cut_all=True),
                     tok.lcut_for_search(s), tok.lcut_for_search(s, HMM=False)))
    return {
        "total": tok.total,
        "freq": {k: tok.FREQ.get(k) for k in keys},
        "tags": dict(tok.user_word_tag_tab),
        "tag_order": list(tok.user_word_tag_tab),
        "cuts": cuts,
    }


def _keys(pool):
    keys = set()
    for w in pool:
        keys.update(w[:i] for i in range(1, len(w) + 1))
    return sorted(keys | {"北京", "中国人", "不存在的词"})


def _force_split(words):
    """The force-split words among ``words`` (the set is per process, in both libraries)."""
    return sorted(w for w in words if _core.is_force_split(w))


def _in_fresh_process(payload, sentences, keys, pool):
    tok = pickle.loads(payload)
    return _observe(tok, sentences, keys), _force_split(pool), dictionary_loads()


@pytest.fixture(scope="module")
def spawn_pool():
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        yield pool


@pytest.mark.parametrize("seed", range(8))
def test_random_edits_survive_pickling(seed, tmp_path, spawn_pool):
    rng = random.Random(seed)
    pool = _word_pool(rng)
    ops = _random_ops(rng, pool, rng.choice([5, 30, 120]))
    jt, zt = _fresh_jieba(), zhfast.Tokenizer()
    zt.initialize()
    _apply(ops, jt, tmp_path)
    _apply(ops, zt, tmp_path)
    sentences, keys = _sentences(rng, pool), _keys(pool)

    # The sequence itself agrees with jieba (force-split words are per process in both;
    # keep jieba's in step with zhfast's for the words of this test).
    for w in _force_split(pool):
        jieba.finalseg.add_force_split(w)
    want = _observe(zt, sentences, keys)
    assert want["total"] == jt.total
    assert want["freq"] == {k: jt.FREQ.get(k) for k in keys}
    assert want["tags"] == jt.user_word_tag_tab and want["tag_order"] == list(jt.user_word_tag_tab)
    assert want["cuts"][:len(SENTENCES) + 31] == _observe(jt, sentences[:len(SENTENCES) + 31], [])["cuts"]

    for name, dumps in DUMPERS.items():
        clone = pickle.loads(dumps(zt))
        assert _observe(clone, sentences, keys) == want, name
        assert clone._edits == zt._edits, name
    # Elsewhere: a process that never saw these edits, nor this process's force-split set.
    got, force_split, loads = spawn_pool.apply(_in_fresh_process, (pickle.dumps(zt), sentences, keys, pool))
    assert got == want
    assert force_split == _force_split(pool)


def test_every_freq_entry_survives(tmp_path):
    rng = random.Random(99)
    pool = _word_pool(rng)
    zt = zhfast.Tokenizer()
    _apply(_random_ops(rng, pool, 60), zt, tmp_path)
    clone = pickle.loads(pickle.dumps(zt))
    assert dict(clone.FREQ) == dict(zt.FREQ)
    for k in _keys(pool):
        assert zhfast.get_FREQ is not None and clone.FREQ.get(k, "none") == zt.FREQ.get(k, "none")


def test_total_counts_every_add_word():
    zt = zhfast.Tokenizer()
    jt = _fresh_jieba()
    for t in (zt, jt):
        for _ in range(3):
            t.add_word("北京大学", 7)  # already a word: total still grows each time
        t.add_word("新新词", 5)
        t.del_word("新新词")
    clone = pickle.loads(pickle.dumps(zt))
    assert clone.total == zt.total == jt.total
    assert clone.FREQ["北京大学"] == 7 and clone.FREQ.get("新新词") == 0 and clone.FREQ.get("新新") == 0


# -- the pickle: small, deterministic, loaded once ----------------------------------------

def test_pickles_are_deterministic_and_canonical():
    a, b = zhfast.Tokenizer(), zhfast.Tokenizer()
    a.add_word("甲乙丙", 3, "nz")
    a.add_word("丁戊", 4)
    # The same effect reached another way: other order, extra steps.
    b.add_word("丁戊", 9)
    b.add_word("甲乙丙", 3, "nz")
    b.add_word("丁戊", -9)  # brings total back to a's
    b.add_word("丁戊", 4)
    assert a.total == b.total
    for dumps in DUMPERS.values():
        assert dumps(a) == dumps(a)
    assert pickle.dumps(a) == pickle.dumps(b)
    assert pickle.dumps(pickle.loads(pickle.dumps(a))) == pickle.dumps(a)


def test_the_bundled_dictionary_goes_by_reference():
    t = zhfast.Tokenizer()
    t.initialize()
    # (Less the process's force-split words, which earlier tests may have added.)
    force_split = len(_pickling.encode({"force_split": _core.force_split_words()}))
    assert len(pickle.dumps(t)) - force_split < 300
    t.add_word("新词一", 3)
    assert len(pickle.dumps(t)) - force_split < 330


def test_unpickling_the_same_tokenizer_twice_loads_it_once():
    t = zhfast.Tokenizer()
    t.add_word("只加载一次的词", 5)
    payload = pickle.dumps(t)
    before = dictionary_loads()
    a, b = pickle.loads(payload), pickle.loads(payload)
    assert dictionary_loads() == before + 1
    assert a.lcut("只加载一次的词") == b.lcut("只加载一次的词") == ["只加载一次的词"]
    # Yet each is a tokenizer of its own.
    a.add_word("只加载一次的词", 1)
    assert b.lcut("只加载一次的词") == ["只加载一次的词"] and a.total == b.total + 1
    assert (a.FREQ["只加载一次的词"], b.FREQ["只加载一次的词"]) == (1, 5)
    assert b.total == t.total
    pickle.loads(pickle.dumps(b))
    assert dictionary_loads() == before + 1


def _cycles(tok, n):
    for i in range(n):
        tok.add_word("循环词", 10 + i % 3)
        tok.del_word("循环词")


def test_repeated_edits_keep_state_and_pickle_bounded():
    import tracemalloc

    t = zhfast.Tokenizer()
    _cycles(t, 2000)
    small = len(pickle.dumps(t))
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        _cycles(t, 50_000)
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert grown < 100_000, f"100,000 edits of one word kept {grown} bytes"
    assert len(t._edits) == 1
    assert abs(len(pickle.dumps(t)) - small) < 16  # only total's digits may change


def test_reloading_a_user_dictionary_keeps_state_and_pickle_bounded(tmp_path):
    import tracemalloc

    path = tmp_path / "user.txt"
    path.write_text("".join(f"用户词{i} {i % 7 + 1} nz\n" for i in range(5000)), encoding="utf-8")
    t = zhfast.Tokenizer()
    for _ in range(2):
        t.load_userdict(str(path))
    t._core.wait_compacted()
    size = len(pickle.dumps(t))
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(8):
            t.load_userdict(str(path))
        t._core.wait_compacted()
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert grown < 500_000, f"8 reloads of a 5,000-line dictionary kept {grown} bytes"
    assert len(t._edits) == 5000
    assert abs(len(pickle.dumps(t)) - size) < 16


# -- custom dictionaries: by content hash, bytes when the receiver cannot find them -------

DICT_TEXT = "北京 100 ns\n大学 80 n\n北京大学 50 nt\n学生 40 n\n大学生 30 n\n生前 10 t\n来 20 v\n"


def _custom(tmp_path, name="d.txt"):
    path = tmp_path / name
    path.write_text(DICT_TEXT, encoding="utf-8")
    t = zhfast.Tokenizer(str(path))
    t.tmp_dir = str(tmp_path / "cache")
    t.add_word("北京大学生", 5, "nz")
    return path, t


def test_a_custom_dictionary_travels_by_hash_and_bytes(tmp_path):
    path, t = _custom(tmp_path)
    want = t.lcut("北京大学生前来")
    payload = pickle.dumps(t)
    assert DICT_TEXT.encode() in payload
    path.write_text("另一个 1\n", encoding="utf-8")  # the receiver's file is not this one
    clone = pickle.loads(payload)
    assert clone.lcut("北京大学生前来") == want and clone.total == t.total
    assert clone.get_dict_file().read() == DICT_TEXT.encode()  # from the bytes carried
    # Pickling the clone again still works: it holds the bytes it was given.
    assert pickle.loads(pickle.dumps(clone)).lcut("北京大学生前来") == want


def test_shipping_by_reference_fetches_only_when_needed(tmp_path):
    path, t = _custom(tmp_path, "ship.txt")
    payload, needed = _pickling.dumps_by_reference(t)
    assert DICT_TEXT.encode() not in payload and list(needed.values()) == [t]
    fetched = []

    def fetch(digest):
        fetched.append(digest)
        return DICT_TEXT.encode()

    _pickling._built.clear()
    assert _pickling.loads_shipped(payload, fetch).lcut("北京大学生前来") == t.lcut("北京大学生前来")
    assert fetched == []  # the file was there, with the same content
    _pickling._built.clear()
    path.unlink()
    assert _pickling.loads_shipped(payload, fetch).lcut("北京大学生前来") == t.lcut("北京大学生前来")
    assert fetched == list(needed)
    _pickling._built.clear()
    with pytest.raises(OSError, match="not on this machine"):
        pickle.loads(payload)


def test_a_changed_dictionary_file_is_not_pickled_silently(tmp_path):
    path, t = _custom(tmp_path, "changing.txt")
    path.write_text("变了 1\n", encoding="utf-8")
    with pytest.raises(pickle.PicklingError, match="changed since it was loaded"):
        pickle.dumps(t)


def test_a_tokenizer_not_loaded_yet_stays_lazy(tmp_path):
    path = tmp_path / "lazy.txt"
    path.write_text(DICT_TEXT, encoding="utf-8")
    t = zhfast.Tokenizer(str(path))
    before = dictionary_loads()
    clone = pickle.loads(pickle.dumps(t))
    assert dictionary_loads() == before and not clone.initialized
    assert clone.lcut("北京大学生") == t.lcut("北京大学生")


def test_a_new_dictionary_drops_the_old_edits(tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(DICT_TEXT, encoding="utf-8")
    t, j = zhfast.Tokenizer(), jieba.Tokenizer()
    for x in (t, j):
        x.add_word("北京大学生", 5, "nz")
        x.set_dictionary(str(path))
        x.initialize()
    clone = pickle.loads(pickle.dumps(t))
    assert clone.total == t.total == j.total and clone._edits == {}
    assert clone.user_word_tag_tab == j.user_word_tag_tab == {"北京大学生": "nz"}
    assert clone.lcut("北京大学生前来") == j.lcut("北京大学生前来")


def test_pos_tokenizers_and_the_default_ones_travel(tmp_path):
    path, t = _custom(tmp_path, "pos.txt")
    pt = zhfast.posseg.POSTokenizer(t)
    pt.word_tag_tab["大学"] = "nx"
    text = "北京大学生前来应聘"
    want = [tuple(p) for p in pt.lcut(text)]
    for dumps in DUMPERS.values():
        clone = pickle.loads(dumps(pt))
        assert [tuple(p) for p in clone.lcut(text)] == want
        assert dict(clone.word_tag_tab) == dict(pt.word_tag_tab)
    # The module's own: jieba's dt cannot be pickled at all (its lock).
    pair = pickle.loads(pickle.dumps((zhfast.dt, zhfast.posseg.dt)))
    assert pair[1].tokenizer is pair[0]
    assert pair[0].lcut(text) == zhfast.lcut(text)
    assert [tuple(p) for p in pair[1].lcut(text)] == [tuple(p) for p in zhfast.posseg.lcut(text)]


# -- fork -------------------------------------------------------------------------------

def _unpickle_and_cut(payload, text):
    return pickle.loads(payload).lcut(text)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_unpickling_after_fork_while_another_thread_loads():
    import threading

    t = zhfast.Tokenizer()
    t.add_word("分叉后的词", 5)
    payload = pickle.dumps(t)
    inside = threading.Event()
    release = threading.Event()

    def hold():
        with _pickling._lock:  # as a thread loading a dictionary does
            inside.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait(10)
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            result = pool.apply_async(_unpickle_and_cut, (payload, "分叉后的词语"))
            assert result.get(timeout=60) == t.lcut("分叉后的词语")
    finally:
        release.set()
        holder.join()


class _Named(zhfast.Tokenizer):
    """A user's subclass with an attribute of its own."""

    def __init__(self, name):
        super().__init__()
        self.name = name


def test_a_subclass_keeps_its_class_and_attributes():
    t = _Named("mine")
    t.add_word("子类词语", 8)
    clone = pickle.loads(pickle.dumps(t))
    assert type(clone) is _Named and clone.name == "mine"
    assert clone.lcut("子类词语") == ["子类词语"]
