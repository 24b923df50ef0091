//! Damaged and arbitrary blobs: every damage is detected, and no bytes whatever make
//! loading, or cutting with what loaded, panic.

use std::collections::HashSet;

use xxhash_rust::xxh3::xxh3_64;

use super::*;
use crate::{Mode, Segmenter, Worker};

const SMALL: &str = "ab 10 n\nabc 5 v\nb 8\nbcd 3 x\ncd 1 n\nd 0\nxyz 7 n\nxy 2\n";
const MODES: [Mode; 5] = [
    Mode::Default,
    Mode::NoHmm,
    Mode::All,
    Mode::Search,
    Mode::SearchNoHmm,
];

/// A deterministic stream of numbers (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Everything a loaded dictionary is asked: cuts in every mode, lookups, edits.
fn exercise(dict: &Dictionary) {
    let force = HashSet::new();
    let seg = Segmenter::new(dict, &force);
    let mut worker = Worker::new();
    for text in ["abcdxyz", "xyzab cd", "北京abc大学", "a", ""] {
        for mode in MODES {
            let _ = worker.cut(&seg, text, mode);
        }
    }
    for word in ["ab", "abc", "b", "x", "zz", ""] {
        let _ = (dict.freq(word), dict.tag(word), dict.has_positive(word));
    }
    let _: Vec<_> = dict.iter().collect();
    let mut edited = dict.clone();
    let _ = edited.add_words([("ab", 3), ("new", 4), ("b", 0)]);
    edited.merge_overlay();
    let _ = edited.with_user_words_merged();
}

/// `blob` with its checksum made right again, so that the checks behind it are tested.
fn rechecksummed(mut blob: Vec<u8>) -> Vec<u8> {
    if blob.len() >= 8 {
        let body = blob.len() - 8;
        let sum = xxh3_64(&blob[..body]);
        blob[body..].copy_from_slice(&sum.to_le_bytes());
    }
    blob
}

fn small_blob() -> Vec<u8> {
    Dictionary::compile(SMALL.as_bytes(), "small.txt").unwrap()
}

#[test]
fn every_bit_flip_is_detected() {
    let blob = small_blob();
    assert!(Dictionary::from_compiled(&blob).is_ok());
    for byte in 0..blob.len() {
        for bit in 0..8 {
            let mut damaged = blob.clone();
            damaged[byte] ^= 1 << bit;
            assert!(
                Dictionary::from_compiled(&damaged).is_err(),
                "flip of bit {bit} of byte {byte} went unnoticed"
            );
        }
    }
}

#[test]
fn flips_spread_over_a_large_blob_are_detected() {
    let text = std::str::from_utf8(crate::data::JIEBA_DICT).unwrap();
    let part: String = text.lines().step_by(50).map(|l| format!("{l}\n")).collect();
    let blob = Dictionary::compile(part.as_bytes(), "part.txt").unwrap();
    let mut rng = Rng(7);
    for _ in 0..300 {
        let mut damaged = blob.clone();
        let at = rng.below(blob.len());
        damaged[at] ^= 1 << rng.below(8);
        assert!(Dictionary::from_compiled(&damaged).is_err(), "byte {at}");
    }
}

#[test]
fn truncations_and_extensions_are_detected() {
    let blob = small_blob();
    for len in 0..blob.len() {
        assert!(Dictionary::from_compiled(&blob[..len]).is_err(), "{len}");
        assert!(Dictionary::from_compiled(&rechecksummed(blob[..len].to_vec())).is_err());
    }
    let mut longer = blob.clone();
    longer.extend_from_slice(&[0; 8]);
    assert!(Dictionary::from_compiled(&rechecksummed(longer)).is_err());
}

#[test]
fn another_dictionarys_blob_is_rejected_by_its_source() {
    let other = "ab 11 n\nabc 5 v\n";
    let blob = Dictionary::compile(other.as_bytes(), "other.txt").unwrap();
    let mine = source_digest(SMALL.as_bytes());
    let theirs = source_digest(other.as_bytes());
    let load =
        |digest: &[u8; 16]| Dictionary::from_dict_bytes(DictBytes::copy_of(&blob), Some(digest));
    assert!(load(&mine).is_err());
    assert_eq!(load(&theirs).unwrap().freq("ab"), Some(11));
}

#[test]
fn a_loaded_blob_cuts_as_the_text_does() {
    let from_blob = Dictionary::from_compiled(&small_blob()).unwrap();
    let from_text = Dictionary::from_jieba_text(SMALL.as_bytes(), "small.txt").unwrap();
    let force = HashSet::new();
    let (a, b) = (
        Segmenter::new(&from_blob, &force),
        Segmenter::new(&from_text, &force),
    );
    let (mut wa, mut wb) = (Worker::new(), Worker::new());
    for text in ["abcdxyz", "xyzab cd bcd", "abc"] {
        for mode in MODES {
            let spans = |w: &mut Worker, s: &Segmenter| w.cut(s, text, mode).unwrap().spans.clone();
            assert_eq!(spans(&mut wa, &a), spans(&mut wb, &b), "{text} {mode:?}");
        }
    }
    assert_eq!((from_blob.total(), from_blob.tag("bcd")), (36, Some("x")));
}

#[test]
fn damage_behind_a_valid_checksum_never_panics() {
    // Whatever the checksum lets through (it is no defence against bytes made on
    // purpose), loading either fails or gives a dictionary that is safe to use.
    let blob = small_blob();
    let mut rng = Rng(99);
    let mut loaded = 0;
    for round in 0..20_000 {
        let mut damaged = blob.clone();
        for _ in 0..1 + round % 3 {
            let at = 24 + rng.below(blob.len() - 32); // past magic, version and count
            damaged[at] = match rng.below(4) {
                0 => damaged[at] ^ (1 << rng.below(8)),
                1 => 0xff,
                2 => 0,
                _ => rng.next() as u8,
            };
        }
        if let Ok(dict) = Dictionary::from_compiled(&rechecksummed(damaged)) {
            exercise(&dict);
            loaded += 1;
        }
    }
    assert!(
        loaded > 0,
        "no damaged blob loaded: the checks behind the checksum went untested"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(3);
    let header = &small_blob()[..16];
    for round in 0..5_000 {
        let len = rng.below(600);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if round % 2 == 0 && len >= 16 {
            bytes[..16].copy_from_slice(header); // get past the magic and version
        }
        if let Ok(dict) = Dictionary::from_compiled(&rechecksummed(bytes)) {
            exercise(&dict);
        }
    }
}
