"""The compiled-dictionary cache verifies its entries: any damage to an entry (each field
of the header, each section, single bits anywhere, truncation) and another dictionary's
valid entry under this one's name are found, the entry is rebuilt from the source, and
the cut afterwards is jieba's with that dictionary."""
from __future__ import annotations

import os
import struct

import jieba
import pytest

import zhfast

SENTENCES = [
    "我来到北京清华大学，江州市长江大桥参加了长江大桥的通车仪式",
    "李小福是创新办主任也是云计算方面的专家; 什么是八一双鹿",
    "他说的确实在理，结婚的和尚未结婚的都来了",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
]

# The blob's layout (rust/zhfast-core/src/dict/compile/blob.rs): magic, version, word
# count, total, source digest, eight section lengths; sections 16-aligned; checksum last.
HEADER_FIELDS = [("magic", 0, 8), ("version", 8, 4), ("word count", 12, 4), ("total", 16, 8),
                 ("source digest", 24, 16)] + [("length of section %d" % i, 40 + 8 * i, 8) for i in range(8)]
SECTIONS = ["trie", "text", "ends", "freqs", "classes", "tags", "tag names", "sorted ids"]


def sections(blob):
    """``(name, start, length)`` of each section."""
    lengths = struct.unpack_from("<8Q", blob, 40)
    pos, out = 104, []
    for name, length in zip(SECTIONS, lengths):
        pos = (pos + 15) // 16 * 16
        out.append((name, pos, length))
        pos += length
    return out


def write_dictionary(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A custom dictionary: every 20th word of jieba's, and the words the sentences need."""
    lines = zhfast.get_dict_file().read().decode("utf-8").splitlines()[::20]
    lines += ["北京 300 ns", "清华大学 200 nt", "长江大桥 80 ns", "云计算 50 n", "结婚 40 v", "和尚 30 n"]
    path = write_dictionary(tmp_path_factory.mktemp("dict") / "custom.txt", lines)
    expected = jieba.Tokenizer(str(path))
    cuts = {s: (expected.lcut(s), expected.lcut(s, HMM=False)) for s in SENTENCES}
    cuts["total"] = expected.total
    return path, cuts


@pytest.fixture
def cache(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("ZHFAST_CACHE_DIR", str(directory))
    return directory


def cuts_of(tok):
    cuts = {s: (tok.lcut(s), tok.lcut(s, HMM=False)) for s in SENTENCES}
    cuts["total"] = tok.total
    return cuts


def entry_of(source_path, cache_dir):
    """Compiles ``source_path`` into the cache; its entry's path and bytes."""
    zhfast.Tokenizer(str(source_path)).initialize()
    (entry,) = [p for p in cache_dir.iterdir() if p.name.startswith("dict-")]
    return entry, entry.read_bytes()


def replace_entry(entry, data):
    """Puts ``data`` in place of the entry as a writer renaming a file would (writing
    in place would change the file under a tokenizer that has it mapped)."""
    tmp = entry.with_suffix(".damaged")
    tmp.write_bytes(data)
    os.replace(tmp, entry)


def damages(blob):
    """``(what, damaged bytes)``: each header field, each section, bits spread over the
    whole blob, the checksum, truncations."""
    for name, at, size in HEADER_FIELDS:
        damaged = bytearray(blob)
        damaged[at + size - 1] ^= 0x01  # the lowest bit of the field's last byte
        yield name, bytes(damaged)
    for name, at, size in sections(blob):
        if size:
            damaged = bytearray(blob)
            damaged[at + size // 2] ^= 0x10
            yield "section " + name, bytes(damaged)
    for i in range(48):
        at = i * (len(blob) - 1) // 47
        damaged = bytearray(blob)
        damaged[at] ^= 1 << (i % 8)
        yield "bit %d of byte %d" % (i % 8, at), bytes(damaged)
    damaged = bytearray(blob)
    damaged[-1] ^= 0x80
    yield "checksum", bytes(damaged)
    for keep in (0, 7, 104, len(blob) // 2, len(blob) - 8, len(blob) - 1):
        yield "truncated to %d bytes" % keep, blob[:keep]
    yield "extended", blob + b"\0" * 8


def test_every_damage_is_found_and_rebuilt(source, cache):
    path, expected = source
    entry, pristine = entry_of(path, cache)
    assert cuts_of(zhfast.Tokenizer(str(path))) == expected  # a verified cached load
    for what, damaged in damages(pristine):
        replace_entry(entry, damaged)
        tok = zhfast.Tokenizer(str(path))
        tok.initialize()
        # Rebuilt and rewritten: the entry is the compile's output again (it is
        # deterministic), and the cut is jieba's.
        assert entry.read_bytes() == pristine, what
        assert cuts_of(tok) == expected, what
    assert sorted(p.name for p in cache.iterdir()) == [entry.name]  # no temporary left


def test_another_dictionarys_entry_is_rebuilt(source, cache, tmp_path):
    path, expected = source
    other = write_dictionary(tmp_path / "other.txt", ["北京 3 ns", "清华 9 nt", "大学 9 n", "长江 5 ns"])
    other_entry, other_blob = entry_of(other, cache)
    other_entry.rename(cache / "other.bin")
    entry, pristine = entry_of(path, cache)
    replace_entry(entry, other_blob)  # a valid blob, of another dictionary
    assert cuts_of(zhfast.Tokenizer(str(path))) == expected
    assert entry.read_bytes() == pristine


def test_cache_file_shared_by_two_dictionaries(source, tmp_path):
    # jieba's `cache_file` names the entry whatever the dictionary: the source digest
    # inside tells them apart.
    path, expected = source
    other = write_dictionary(tmp_path / "other.txt", ["北京 3 ns", "清华 9 nt", "大学 9 n", "长江 5 ns"])
    shared = tmp_path / "shared.cache"
    for p in (other, path, other, path):
        tok = zhfast.Tokenizer(str(p))
        tok.cache_file = str(shared)
        assert cuts_of(tok) == (expected if p == path else cuts_of(jieba.Tokenizer(str(p)))), p


def test_the_issues_header_case_cut_by_cut(source, cache):
    # A changed `total` used to load silently and cut most lines wrongly.
    path, expected = source
    entry, pristine = entry_of(path, cache)
    damaged = bytearray(pristine)
    struct.pack_into("<q", damaged, 16, struct.unpack_from("<q", pristine, 16)[0] * 1000)
    replace_entry(entry, bytes(damaged))
    assert cuts_of(zhfast.Tokenizer(str(path))) == expected
