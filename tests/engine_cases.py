"""What the engine tests (``test_engine_*.py``) share: the texts every engine cuts, the
answers ``lcut`` and friends give for them here, a tokenizer edited on the driver, and a
probe of the worker processes.  Importable by the engines' worker processes (the tests
put this folder on ``PYTHONPATH``): it imports zhfast only."""
from __future__ import annotations

import os
import random
from pathlib import Path

import zhfast
import zhfast.posseg
from zhfast._tokenizer import dictionary_loads

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
CORPUS_DIR = Path(os.environ.get("ZHFAST_CORPUS_DIR") or TESTS_DIR.parents[1] / "shared" / "corpus")

#: (mode, cut_all, HMM) for every way the adapters cut.
MODE_FLAGS = [
    ("cut", False, True), ("cut", False, False), ("cut", True, True), ("cut", True, False),
    ("search", False, True), ("search", False, False),
    ("offsets", False, True), ("offsets", True, False),
    ("posseg", False, True), ("posseg", False, False),
]


def corpus_lines(per_file=120):
    """Lines of the corpus files (none when the corpus is absent), and the sample text."""
    lines = [ln for ln in (DATA_DIR / "sample.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    if CORPUS_DIR.is_dir():
        for path in sorted(CORPUS_DIR.glob("*.utf8")):
            with open(path, encoding="utf-8", newline="") as f:
                lines += f.read().splitlines()[:per_file]
    return lines


def generated(n=150, seed=16):
    """Strings over the character classes cutting treats differently."""
    rng = random.Random(seed)
    pieces = ["中国", "北京大学", "云计算", "李小福", "创新办", "的", "了", "abc", "Python", "3.14", "12.5%", "C++",
              " ", "\r\n", "\t", "\u3000", "，", "。", "𠀀", "ｘ", "\u00a0", "-", "#", "程程程", "长江大桥", "叛徒"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def texts():
    """The rows every engine test cuts: corpus lines, generated strings, nulls, empties."""
    rows = corpus_lines() + generated()
    rows[3:3] = [None, "", None]
    rows.append("")
    rows.append(None)
    return rows


def expected(tok, mode, cut_all, HMM, rows):
    """What ``tok`` gives for each row here: ``lcut`` and friends (``None`` for null)."""
    out = []
    pos = tok if isinstance(tok, zhfast.posseg.POSTokenizer) else None
    for t in rows:
        if t is None:
            out.append(None)
        elif mode == "cut":
            out.append(tok.lcut(t, cut_all, HMM))
        elif mode == "search":
            out.append(tok.lcut_for_search(t, HMM))
        elif mode == "offsets":
            out.append(list(tok.cut_offsets(t, cut_all, HMM)))
        else:
            p = pos or zhfast.posseg.POSTokenizer(tok)
            out.append([(w, f) for w, f in p.lcut(t, HMM)])
    return out


def as_pairs(rows):
    """posseg results read back from an engine (structs as dicts or tuples) as tuples."""
    out = []
    for r in rows:
        if r is None:
            out.append(None)
        else:
            out.append([(p["word"], p["flag"]) if isinstance(p, dict) else tuple(p) for p in r])
    return out


def custom_dictionary(folder):
    """``tests/data/small_dict.txt`` with a tag on every line (posseg needs them), in
    ``folder``."""
    lines = []
    for ln in (DATA_DIR / "small_dict.txt").read_text(encoding="utf-8").splitlines():
        parts = ln.split()
        lines.append(" ".join(parts if len(parts) == 3 else parts[:2] + ["nz"]))
    path = Path(folder) / "tagged_dict.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def edited_tokenizer(folder):
    """A tokenizer over a custom dictionary (written in ``folder``), with a user
    dictionary loaded and words added and deleted, as a driver would set one up."""
    t = zhfast.Tokenizer(str(custom_dictionary(folder)))
    t.load_userdict(str(DATA_DIR / "userdict.txt"))
    t.add_word("北京大学生", 10**6, "nz")
    t.add_word("云计算方面", 10**7)
    t.suggest_freq(("中", "将"), True)
    t.del_word("创新办")
    return t


EDIT_ROWS = ["李小福是创新办主任也是云计算方面的专家", "北京大学生前来应聘", "如果放到post中将出错。", None, ""]


def probe():
    """``(pid, dictionary loads)`` of the calling worker process."""
    return os.getpid(), dictionary_loads()


def tokenize_batch(batch, tokenizer, pos=None):
    """A ``datasets.map(batched=True)`` function: each text cut in every mode of
    :data:`MODE_FLAGS` (columns ``m0``, ``m1``, ...; posseg by ``pos``, a POSTokenizer,
    as ``[word, flag]`` lists), and the process that cut it with its dictionary loads."""
    pid, loads = probe()
    rows = batch["text"]
    # As in jieba, a POSTokenizer takes its tokenizer's user tags on first use (and
    # empties them there): a fresh one over a tokenizer already used so tags without them.
    pos = pos or zhfast.posseg.POSTokenizer(tokenizer)
    out = {"pid": [pid] * len(rows), "loads": [loads] * len(rows)}
    for i, (mode, cut_all, HMM) in enumerate(MODE_FLAGS):
        want = expected(pos if mode == "posseg" else tokenizer, mode, cut_all, HMM, rows)
        out[f"m{i}"] = [None if r is None else [list(p) for p in r] if mode == "posseg" else r for r in want]
    items = [t for t in rows if t is not None]
    cut = iter(tokenizer.lcut_batch(items, threads=1))
    out["tokens"] = [None if t is None else next(cut) for t in rows]
    return out
