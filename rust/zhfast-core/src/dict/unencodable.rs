//! Words that are not UTF-8: Python strings with lone surrogates, which jieba's
//! `add_word` accepts like any other string.
//!
//! They are held as WTF-8 bytes (each surrogate encoded as UTF-8 would encode it, as
//! Python's `surrogatepass` error handler does), apart from every other word: a cut never
//! meets them (a surrogate is never inside a block of the pre-split, in any mode), so
//! they count only in `total` and in `FREQ` lookups, prefixes included.

use std::collections::{HashMap, HashSet};

#[derive(Debug, Default, Clone)]
pub(super) struct Unencodable {
    words: HashMap<Box<[u8]>, i64>,
    /// Every proper prefix of the words (at character boundaries), as jieba's
    /// `add_word` puts them in `FREQ` with frequency 0; some of them are UTF-8.
    prefixes: HashSet<Box<[u8]>>,
}

/// Whether `b` starts a character in WTF-8 (is not a continuation byte).
fn starts_char(b: u8) -> bool {
    !(0x80..0xC0).contains(&b)
}

impl Unencodable {
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    pub(super) fn insert(&mut self, word: &[u8], freq: i64) {
        if self.words.insert(word.into(), freq).is_none() {
            for end in (1..word.len()).filter(|&i| starts_char(word[i])) {
                if !self.prefixes.contains(&word[..end]) {
                    self.prefixes.insert(word[..end].into());
                }
            }
        }
    }

    /// The frequency of a word held here, 0 for a prefix of one.
    pub(super) fn freq(&self, word: &[u8]) -> Option<i64> {
        self.words
            .get(word)
            .copied()
            .or_else(|| self.is_prefix(word).then_some(0))
    }

    pub(super) fn is_prefix(&self, word: &[u8]) -> bool {
        !self.prefixes.is_empty() && self.prefixes.contains(word)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&[u8], i64)> + '_ {
        self.words.iter().map(|(w, &f)| (&**w, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_their_prefixes_are_found() {
        // "甲\u{d800}乙" in WTF-8.
        let word = b"\xe7\x94\xb2\xed\xa0\x80\xe4\xb9\x99";
        let mut u = Unencodable::default();
        u.insert(word, 7);
        assert_eq!(u.freq(word), Some(7));
        assert_eq!(u.freq(&word[..6]), Some(0));
        assert_eq!(u.freq("甲".as_bytes()), Some(0));
        // Not at a character boundary, not a prefix.
        assert_eq!(u.freq(&word[..4]), None);
        assert_eq!(u.len(), 1);
    }
}
