//! A text split at safe points ([`SplitRule`]) and cut piece by piece gives exactly the
//! tokens of the whole text, in every mode and in posseg: random texts drawn from every
//! character class that jieba's regexes tell apart, split at every safe point and at
//! random piece sizes.

use std::collections::HashSet;

use zhfast_core::{Dictionary, Mode, PosSegmenter, Segmenter, SplitRule, Worker};

/// Characters from each class: han (words and unknown characters), ASCII letters and
/// digits, the other block characters (posseg's class lacks `%` and `-`), whitespace
/// (`\r`, `\n`, Python-only `\x1c`, U+3000), punctuation, a digit that is not ASCII,
/// the first character after jieba's han range, an astral character.
const ALPHABET: &[&str] = &[
    "北京", "大学", "清华", "来到", "我", "杭", "研", "了", "的", "a", "B", "z", "0", "7", "3.14",
    "12.5%", "+", "#", "&", ".", "_", "%", "-", " ", "\t", "\r", "\n", "\r\n", "\x1c", "\u{3000}",
    "，", "。", "!", "@", "é", "１", "\u{9fd6}", "𠀀", "\u{200b}",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic, no dependency.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_text(rng: &mut Rng) -> String {
    let len = rng.below(60);
    (0..len)
        .map(|_| ALPHABET[rng.below(ALPHABET.len())])
        .collect()
}

fn cut_whole_and_by_pieces(
    seg: &Segmenter<'_>,
    worker: &mut Worker,
    text: &str,
    mode: Mode,
    piece_bytes: usize,
) -> (Vec<String>, Vec<String>) {
    let whole: Vec<String> = worker
        .cut(seg, text, mode)
        .unwrap()
        .iter(text)
        .map(str::to_string)
        .collect();
    let mut pieces = Vec::new();
    for (s, e) in mode.split_rule().pieces(text, piece_bytes) {
        let piece = &text[s..e];
        let tokens = worker.cut(seg, piece, mode).unwrap();
        pieces.extend(tokens.iter(piece).map(str::to_string));
    }
    (whole, pieces)
}

#[test]
fn pieces_cut_like_the_whole_text_in_every_mode() {
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let mut worker = Worker::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let modes = [
        Mode::Default,
        Mode::NoHmm,
        Mode::All,
        Mode::Search,
        Mode::SearchNoHmm,
    ];
    for _ in 0..3000 {
        let text = random_text(&mut rng);
        for mode in modes {
            for piece_bytes in [1, 1 + rng.below(12)] {
                let (whole, pieces) =
                    cut_whole_and_by_pieces(&seg, &mut worker, &text, mode, piece_bytes);
                assert_eq!(pieces, whole, "{mode:?} {piece_bytes} {text:?}");
            }
        }
    }
}

#[test]
fn pieces_tag_like_the_whole_text() {
    let dict = Dictionary::jieba_default();
    let no_tags = |_: &str| -> Option<&str> { None };
    let seg = PosSegmenter::new(&dict, &no_tags);
    let mut worker = Worker::new();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let tagged = |worker: &mut Worker, text: &str, hmm: bool| -> Vec<(String, String)> {
        let t = worker.tag(&seg, text, hmm).unwrap();
        t.spans
            .iter()
            .zip(&t.tags)
            .map(|(&(a, b), tag)| (text[a..b].to_string(), tag.clone()))
            .collect()
    };
    for _ in 0..2000 {
        let text = random_text(&mut rng);
        for hmm in [true, false] {
            let whole = tagged(&mut worker, &text, hmm);
            let mut pieces = Vec::new();
            for (s, e) in SplitRule::posseg().pieces(&text, 1 + rng.below(4)) {
                pieces.extend(tagged(&mut worker, &text[s..e], hmm));
            }
            assert_eq!(pieces, whole, "hmm={hmm} {text:?}");
        }
    }
}

#[test]
fn a_split_that_ignores_the_rule_would_be_caught() {
    // The property above can fail: splitting `cut_all` text between two separators, or
    // inside a block, changes the tokens.
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let mut worker = Worker::new();
    let cut = |worker: &mut Worker, parts: &[&str], mode| -> Vec<String> {
        parts
            .iter()
            .flat_map(|p| {
                worker
                    .cut(&seg, p, mode)
                    .unwrap()
                    .iter(p)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_ne!(
        cut(&mut worker, &["a  b"], Mode::All),
        cut(&mut worker, &["a ", " b"], Mode::All)
    );
    assert_ne!(
        cut(&mut worker, &["北京大学"], Mode::Default),
        cut(&mut worker, &["北京大", "学"], Mode::Default)
    );
    assert!(!Mode::All.split_rule().allows(' ', ' '));
    assert!(Mode::Default.split_rule().allows(' ', ' '));
    assert!(!Mode::Default.split_rule().allows('\r', '\n'));
}
