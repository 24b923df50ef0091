//! jieba's `finalseg.Force_Split_Words`: one set per process, shared by every tokenizer
//! (a word deleted through one `Tokenizer` is force-split by all, as in jieba).

use std::collections::HashSet;
use std::sync::{RwLock, RwLockReadGuard};

use pyo3::prelude::*;

static WORDS: RwLock<Option<HashSet<String>>> = RwLock::new(None);

/// Read access for a cut; an empty set until a word is added.
pub fn read() -> ForceSplitGuard {
    ForceSplitGuard(WORDS.read().unwrap_or_else(|e| e.into_inner()))
}

pub struct ForceSplitGuard(RwLockReadGuard<'static, Option<HashSet<String>>>);

impl ForceSplitGuard {
    pub fn set(&self) -> &HashSet<String> {
        static EMPTY: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        self.0.as_ref().unwrap_or_else(|| EMPTY.get_or_init(HashSet::new))
    }
}

/// `finalseg.add_force_split(word)`.
#[pyfunction]
pub fn add_force_split(word: String) {
    WORDS.write().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashSet::new).insert(word);
}

/// The words in the set, sorted (for inspection and tests).
#[pyfunction]
pub fn force_split_words() -> Vec<String> {
    let guard = read();
    let mut words: Vec<String> = guard.set().iter().cloned().collect();
    words.sort();
    words
}

/// `finalseg.Force_Split_Words.discard(word)`: jieba's set is a plain `set`, which code
/// may also take words out of.
#[pyfunction]
pub fn discard_force_split(word: &str) {
    if let Some(set) = WORDS.write().unwrap_or_else(|e| e.into_inner()).as_mut() {
        set.remove(word);
    }
}

/// `word in finalseg.Force_Split_Words`.
#[pyfunction]
pub fn is_force_split(word: &str) -> bool {
    read().set().contains(word)
}
