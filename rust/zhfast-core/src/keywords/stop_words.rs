//! jieba's keyword word test, `len(w.strip()) >= 2 and w.lower() not in stop_words`,
//! and a stop-word set that answers it without hashing most words.

use std::collections::HashSet;

use super::key_index::WordHashSeed;
use crate::pycompat::string::{simple_lower, stripped_len};

/// A set of stop words with the byte lengths it holds (bit `n` for length `n`, bit 63
/// for 63 and over): most words have a length no stop word has, and are ruled out
/// without hashing.
#[derive(Default)]
pub struct StopWordSet {
    words: HashSet<String, WordHashSeed>,
    lengths: u64,
}

impl StopWordSet {
    /// Adds a stop word.
    pub fn insert(&mut self, word: String) {
        self.lengths |= 1 << word.len().min(63);
        self.words.insert(word);
    }

    /// Whether `word` is one of the stop words.
    pub fn contains(&self, word: &str) -> bool {
        self.lengths & 1 << word.len().min(63) != 0 && self.words.contains(word)
    }
}

/// jieba's word test: whether `word` counts as a keyword candidate.
///
/// `is_stop` answers `lowered in stop_words`; it gets `Ok(word.lower())` where the core
/// can lower-case the word exactly as Python does (ASCII, CJK), else `Err(word)`, for the
/// caller to lower-case with Python's own tables.
pub fn keeps_word<E>(
    word: &str,
    is_stop: impl FnOnce(Result<&str, &str>) -> Result<bool, E>,
) -> Result<bool, E> {
    if stripped_len(word) < 2 {
        return Ok(false);
    }
    let stop = match simple_lower(word) {
        Some(lowered) => is_stop(Ok(&lowered))?,
        None => is_stop(Err(word))?,
    };
    Ok(!stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_test_is_jiebas() {
        let mut stops = StopWordSet::default();
        stops.insert("the".to_string());
        stops.insert("一个".to_string());
        let keep = |w: &str| {
            keeps_word::<()>(w, |lowered| Ok(lowered.is_ok_and(|l| stops.contains(l)))).unwrap()
        };
        assert!(!keep("The") && !keep("一个") && !keep("北") && !keep(" 北\u{3000}"));
        assert!(keep("北京") && keep("them"));
        // Outside ASCII and CJK the caller lowers the word itself.
        assert!(keeps_word::<()>("ÉTÉ", |lowered| Ok(lowered == Err("ÉTÉ"))).is_ok_and(|k| !k));
    }
}
