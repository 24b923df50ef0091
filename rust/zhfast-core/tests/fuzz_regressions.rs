//! The fuzz targets' checks (`invariants/`) on fixed inputs: awkward strings, and each
//! input a fuzz run once found failing (minimised), so that it stays fixed.  The fuzz
//! targets themselves live in `fuzz/` and run with `scripts/fuzz.sh`.

mod invariants;

use std::collections::HashSet;

use invariants::{check_blob, check_cut, check_dictionary_text, check_edits, jieba, resealed};
use zhfast_core::Dictionary;

const TEXTS: &[&str] = &[
    "",
    "我来到北京清华大学",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
    "3.14 12.5% C++ c# T恤 a.b-c_d&e",
    "中 \u{3000}\r\n\t\u{85}\u{2028}x",
    "\u{0}\u{ffff}\u{10ffff}𠀀鿕鿖",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的",
];

#[test]
fn awkward_texts_hold_every_invariant() {
    for text in TEXTS {
        check_cut(jieba(), &HashSet::new(), text);
    }
    let force: HashSet<String> = ["北京", "清华大学"].iter().map(|w| w.to_string()).collect();
    check_cut(jieba(), &force, TEXTS[1]);
}

#[test]
fn awkward_dictionary_texts_hold_every_invariant() {
    for data in [
        &b""[..],
        b"\xef\xbb\xbf\n\n  \n",
        b"a 1 n\nab 0\nabc -3 x\r\n",
        b"word\n",
        b"w 99999999999999999999\n",
        b"\xff\xfe 3\n",
        "北京 3 ns\n北京 5 n\n京 0\n".as_bytes(),
    ] {
        check_dictionary_text(data);
    }
}

#[test]
fn arbitrary_bytes_as_a_compiled_dictionary() {
    // An ASCII dictionary: a blob's code table spans the characters up to its largest,
    // so this blob is a few hundred bytes and every one of them can be damaged in turn.
    let blob = Dictionary::compile(b"ab 3 ns\nb 5 n\nabc 0\n", "d.txt").unwrap();
    check_blob(&blob);
    for cut in [0, 1, 8, 16, blob.len() / 2, blob.len() - 1] {
        check_blob(&blob[..cut]);
    }
    for i in 0..blob.len() {
        let mut damaged = blob.clone();
        damaged[i] ^= 0x5a;
        check_blob(&damaged);
    }
}

#[test]
fn runs_of_edits_hold_every_invariant() {
    check_edits(b"");
    let mut edits = "\x05北京\n\x01北京大学\n\x00\n\x02学\n\x07"
        .as_bytes()
        .to_vec();
    edits.extend_from_slice(b"\xed\xa0\x80"); // a lone surrogate, as WTF-8
    edits.extend_from_slice("京\n\x03大学\n\x10北".as_bytes());
    check_edits(&edits);
}

/// Found by the `compiled_blob` target: a blob whose trie has no node at all (not even
/// the root every walk starts from) loaded, and the first lookup indexed past the end
/// of its links.  Such a blob is refused at load, so the walk needs no check of its own.
#[test]
fn a_blob_whose_trie_has_no_node_is_refused() {
    let blob = Dictionary::compile(b"a 3 n\nab 5 nt\nb 2\n", "d.txt").unwrap();
    // The trie is the first section, at the 16-byte boundary after the 104-byte header;
    // its length is the first of the section lengths (at byte 40).
    let len = u64::from_le_bytes(blob[40..48].try_into().unwrap()) as usize;
    let mut damaged = blob.clone();
    // The same section length, all of it a code table, and no node.
    let codes = (len - 8) / 4;
    damaged[112..116].copy_from_slice(&(codes as u32).to_le_bytes());
    damaged[116..120].copy_from_slice(&0u32.to_le_bytes());
    let damaged = resealed(&damaged);
    assert!(Dictionary::from_compiled(&damaged).is_err());
    check_blob(&damaged);
}

/// Found by the `dictionary_text` target (and, with another dictionary, by
/// `compiled_blob`): `cut_all` yielded a buffered run that began with a word such as
/// `C++` or `T恤` after the words that began inside it, as jieba does; the check had
/// taken only pure ASCII runs for buffered ones.  The check was wrong, not the cut.
#[test]
fn cut_all_may_yield_a_run_of_words_that_start_with_a_letter_late() {
    check_dictionary_text(include_bytes!("fuzz_inputs/dictionary_text-cut-all-order"));
}

/// Inputs of the `edits` target kept from early runs (edits with negative and huge
/// frequencies, words that are not UTF-8, compactions between them).
#[test]
fn early_edit_runs_hold_every_invariant() {
    for edits in [
        &b"\xe700\n\xba00"[..],
        b"\xe700\n\xbal00",
        b"\n\xe700\n\xbal000\xe5\x9b\x85",
        b"\x00\n\x03\xe5\x8c\x97\n\x02\xe4\xba\xac\n\x00",
    ] {
        check_edits(edits);
    }
}

/// Found by the `dictionary_text` target: a word with a NUL (which the trie cannot hold,
/// so it lives only in the sorted word list) was found in the parsed dictionary but not
/// in the same dictionary compiled and loaded back.
#[test]
fn a_word_with_a_nul_survives_compiling() {
    for data in [
        &b"AT&T\0 3 nz\n"[..],
        b"AT&T\0 3 nz\nAT&T 30 nz\n",
        b"T\xe6\x81\xa4 40 n\x00\x00\x00\x103009\nAT&T\0 03 nz\nAT&T 30 nz\n",
    ] {
        let parsed = Dictionary::from_jieba_text(data, "d.txt").unwrap();
        let loaded =
            Dictionary::from_compiled(&Dictionary::compile(data, "d.txt").unwrap()).unwrap();
        let words: Vec<_> = parsed.iter().map(|(w, f)| (w.to_string(), f)).collect();
        for (word, freq) in words {
            assert_eq!(loaded.freq(&word), Some(freq), "{word:?} in {data:?}");
        }
    }
    check_dictionary_text(include_bytes!("fuzz_inputs/dictionary_text-nul-word"));
}
