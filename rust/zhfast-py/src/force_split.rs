//! jieba's `finalseg.Force_Split_Words`: one set per process, shared by every tokenizer
//! (see `zhfast_core::ForceSplitWords`).

use pyo3::prelude::*;
use zhfast_core::ForceSplitWords;

pub static WORDS: ForceSplitWords = ForceSplitWords::new();

/// `finalseg.add_force_split(word)`.
#[pyfunction]
pub fn add_force_split(word: &str) {
    WORDS.insert(word);
}

/// The words in the set, sorted (for inspection and tests).
#[pyfunction]
pub fn force_split_words() -> Vec<String> {
    WORDS.sorted()
}

/// `finalseg.Force_Split_Words.discard(word)`.
#[pyfunction]
pub fn discard_force_split(word: &str) {
    WORDS.remove(word);
}

/// `word in finalseg.Force_Split_Words`.
#[pyfunction]
pub fn is_force_split(word: &str) -> bool {
    WORDS.contains(word)
}
