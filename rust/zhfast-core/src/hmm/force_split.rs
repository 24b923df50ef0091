//! jieba's `finalseg.Force_Split_Words`: the words the HMM must not yield whole, filled
//! by `add_word(word, 0)` and `del_word(word)`.  In jieba it is one set per process,
//! shared by every tokenizer (a word deleted through one `Tokenizer` is split by all).
//!
//! Cuts read a snapshot: the lock is held only to clone an `Arc`, never while cutting,
//! so a writer never waits for a long cut, and no lock is left held across a cut; the
//! lock is taken inside a [`fork`](crate::fork) gate section, so a forked child never
//! finds it held.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::fork;

/// A set of words shared by cutting threads; see the module documentation.
#[derive(Debug, Default)]
pub struct ForceSplitWords {
    words: Mutex<Option<Arc<HashSet<String>>>>,
}

impl ForceSplitWords {
    /// An empty set, usable as a `static`.
    pub const fn new() -> Self {
        ForceSplitWords {
            words: Mutex::new(None),
        }
    }

    /// Runs `f` on the set, locked inside a fork gate section.
    fn with_lock<T>(&self, f: impl FnOnce(&mut Option<Arc<HashSet<String>>>) -> T) -> T {
        let _section = fork::section();
        // A panic elsewhere cannot leave the set half-changed (each change is one
        // insert into a set of its own), so a poisoned lock is still a good set.
        let mut words: MutexGuard<'_, _> = self.words.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut words)
    }

    /// The words as they are now, for one cut.
    pub fn snapshot(&self) -> Arc<HashSet<String>> {
        static EMPTY: std::sync::OnceLock<Arc<HashSet<String>>> = std::sync::OnceLock::new();
        self.with_lock(|words| words.clone())
            .unwrap_or_else(|| EMPTY.get_or_init(Arc::default).clone())
    }

    /// jieba's `finalseg.add_force_split(word)`.  Cuts already running keep the set
    /// they started with.
    pub fn insert(&self, word: &str) {
        self.with_lock(|words| {
            let set = words.get_or_insert_with(Arc::default);
            if !set.contains(word) {
                Arc::make_mut(set).insert(word.to_string());
            }
        });
    }

    /// Takes `word` out of the set (jieba's set is a plain `set`, which code may also
    /// take words out of).
    pub fn remove(&self, word: &str) {
        self.with_lock(|words| {
            if let Some(set) = words.as_mut().filter(|set| set.contains(word)) {
                Arc::make_mut(set).remove(word);
            }
        });
    }

    /// Whether `word` is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.with_lock(|words| words.as_ref().is_some_and(|set| set.contains(word)))
    }

    /// The words, sorted.
    pub fn sorted(&self) -> Vec<String> {
        let mut words: Vec<String> = self.snapshot().iter().cloned().collect();
        words.sort_unstable();
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_keeps_the_words_it_was_taken_with() {
        let set = ForceSplitWords::new();
        assert!(set.snapshot().is_empty());
        set.insert("北京");
        let before = set.snapshot();
        set.insert("大学");
        set.insert("北京");
        assert_eq!(before.len(), 1);
        assert_eq!(set.sorted(), ["北京", "大学"]);
    }
}
