//! The fuzz targets' checks (`invariants/`) on fixed inputs: awkward strings, and each
//! input a fuzz run once found failing (minimised), so that it stays fixed.  The fuzz
//! targets themselves live in `fuzz/` and run with `scripts/fuzz.sh`.

mod invariants;

use std::collections::HashSet;

use invariants::{check_blob, check_cut, check_dictionary_text, check_edits, jieba};
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
    let blob = Dictionary::compile("北京 3 ns\n大学 5 n\n".as_bytes(), "d.txt").unwrap();
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
