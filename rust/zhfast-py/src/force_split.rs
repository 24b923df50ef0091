//! jieba's `finalseg.Force_Split_Words`: one set per process, shared by every tokenizer
//! (see `zhfast_core::ForceSplitWords`).

use pyo3::prelude::*;
use pyo3::types::PyString;
use zhfast_core::ForceSplitWords;

use crate::text::word_bytes;

pub static WORDS: ForceSplitWords = ForceSplitWords::new();

/// `finalseg.add_force_split(word)`.  A word with lone surrogates is left out: the HMM
/// only ever sees Chinese characters, so such a word could never be split anyway.
#[pyfunction]
pub fn add_force_split(word: &Bound<'_, PyString>) -> PyResult<()> {
    if let Ok(word) = std::str::from_utf8(&word_bytes(word)?) {
        WORDS.insert(word);
    }
    Ok(())
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
