//! A dictionary shared by cutting threads while edits replace it.
//!
//! Cuts take a [`Snapshot`] (two `Arc` clones) and keep it for the whole cut, so a cut
//! running while another thread edits sees the dictionary before or after the edit,
//! never half of it; an edit copies the dictionary only while some cut still holds the
//! old version.  Many words added at once (a user dictionary) are compiled into the main
//! trie on a background thread and swapped in when done, unless an edit came in
//! meanwhile: each edit bumps a generation counter, and a merge of an older generation
//! is dropped.  Until a merge lands, cuts also walk the added words (slower, same
//! answers).
//!
//! Each version carries an `extra` made from its dictionary: the bindings keep one
//! string object per base word there, indexed by base word id, which a merge renumbers.
//! Extras replaced by a background merge are not dropped on the merge thread (dropping
//! Python objects needs the interpreter's lock, which that thread must not wait for
//! while it holds the state's): they are handed back by [`SharedDictionary::take_retired`].

use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::thread::JoinHandle;

use super::Dictionary;
use crate::error::Result;

/// One version of the dictionary and its extra, as a cut holds it.
pub struct Snapshot<X> {
    /// The dictionary of this version.
    pub dict: Arc<Dictionary>,
    /// What the owner keeps beside it (see the module documentation).
    pub extra: Arc<X>,
}

impl<X> Clone for Snapshot<X> {
    fn clone(&self) -> Self {
        Snapshot {
            dict: Arc::clone(&self.dict),
            extra: Arc::clone(&self.extra),
        }
    }
}

struct State<X> {
    current: Snapshot<X>,
    /// Bumped by every edit, so that a background merge of an older version is dropped.
    generation: u64,
}

/// A dictionary that cutting threads read and edits replace; see the module
/// documentation.
pub struct SharedDictionary<X> {
    state: Arc<RwLock<State<X>>>,
    /// The background merge started by [`Self::compact`], if one may still run.
    merging: Mutex<Option<JoinHandle<()>>>,
    retired: Arc<Mutex<Vec<Arc<X>>>>,
    make_extra: fn(&Dictionary) -> X,
}

/// The state's locks guard values that every writer replaces whole, so a panic elsewhere
/// cannot leave them half-changed: a poisoned lock still holds a good value.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<X: Send + Sync + 'static> SharedDictionary<X> {
    /// Shares `dict`, whose extra is `extra`; `make_extra` makes the extra of each
    /// version a background merge builds.
    pub fn new(dict: Arc<Dictionary>, extra: Arc<X>, make_extra: fn(&Dictionary) -> X) -> Self {
        SharedDictionary {
            state: Arc::new(RwLock::new(State {
                current: Snapshot { dict, extra },
                generation: 0,
            })),
            merging: Mutex::new(None),
            retired: Arc::default(),
            make_extra,
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, State<X>> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, State<X>> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The current version, for one cut (or one query).
    pub fn snapshot(&self) -> Snapshot<X> {
        self.read().current.clone()
    }

    /// jieba's `add_word(word, freq)` for each pair, all or none.  With `merge` false the
    /// new words are only staged (cheap); [`Self::compact`] then compiles them.
    pub fn add_words(&self, words: &[(String, i64)], merge: bool) -> Result<()> {
        let mut state = self.write();
        state.generation += 1;
        Arc::make_mut(&mut state.current.dict)
            .add_words_then(words.iter().map(|(w, f)| (w.as_str(), *f)), merge)
    }

    /// Sets `total` (see [`Dictionary::set_total`]); an edit like any other, so a
    /// background merge of the version before it is dropped.
    pub fn set_total(&self, total: i64) {
        let mut state = self.write();
        state.generation += 1;
        Arc::make_mut(&mut state.current.dict).set_total(total);
    }

    /// Compiles the words added at run time: fewer than `background_threshold` now, into
    /// their own small trie; more on a background thread, into the main trie (which
    /// renumbers the base words, so a new extra is made).  The merge changes no
    /// frequency.  Blocks only to wait for a merge that an earlier call started.
    pub fn compact(&self, background_threshold: usize) {
        let threshold = background_threshold.max(1);
        let (snapshot, generation) = {
            let mut state = self.write();
            if state.current.dict.user_word_count() < threshold {
                Arc::make_mut(&mut state.current.dict).merge_overlay();
            }
            (Arc::clone(&state.current.dict), state.generation)
        };
        if snapshot.user_word_count() < threshold {
            return;
        }
        let state = Arc::clone(&self.state);
        let retired = Arc::clone(&self.retired);
        let make_extra = self.make_extra;
        let handle = std::thread::spawn(move || {
            let merged = snapshot.with_user_words_merged();
            let extra = make_extra(&merged);
            install(
                &state,
                &retired,
                generation,
                Snapshot {
                    dict: Arc::new(merged),
                    extra: Arc::new(extra),
                },
            );
        });
        let previous = lock(&self.merging).replace(handle);
        if let Some(previous) = previous {
            let _ = previous.join();
        }
    }

    /// Waits for a background merge started by [`Self::compact`], if any.
    pub fn wait_compacted(&self) {
        let handle = lock(&self.merging).take();
        if let Some(handle) = handle {
            let _ = handle.join();
        }
    }

    /// The extras that background merges replaced since the last call, for the caller
    /// to drop where it may (empty when another thread holds them just now).
    pub fn take_retired(&self) -> Vec<Arc<X>> {
        match self.retired.try_lock() {
            Ok(mut retired) => std::mem::take(&mut *retired),
            Err(_) => Vec::new(),
        }
    }
}

/// Swaps in the merged version `merged` of generation `generation`, unless an edit made
/// a newer one meanwhile; the extra it replaces is retired.
fn install<X>(
    state: &RwLock<State<X>>,
    retired: &Mutex<Vec<Arc<X>>>,
    generation: u64,
    merged: Snapshot<X>,
) {
    let mut state = state.write().unwrap_or_else(|e| e.into_inner());
    if state.generation == generation {
        let old = std::mem::replace(&mut state.current, merged);
        lock(retired).push(old.extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> SharedDictionary<usize> {
        let dict = Dictionary::from_entries([("北京", 10), ("大学", 8)]).unwrap();
        let extra = dict.base_len();
        SharedDictionary::new(Arc::new(dict), Arc::new(extra), Dictionary::base_len)
    }

    fn words(n: usize) -> Vec<(String, i64)> {
        (0..n).map(|i| (format!("词{i}"), 3)).collect()
    }

    #[test]
    fn a_snapshot_keeps_its_version() {
        let d = shared();
        let before = d.snapshot();
        d.add_words(&[("北京大学".to_string(), 5)], true).unwrap();
        assert_eq!(before.dict.freq("北京大学"), None);
        assert_eq!(d.snapshot().dict.freq("北京大学"), Some(5));
        assert_eq!(d.snapshot().dict.total(), before.dict.total() + 5);
    }

    #[test]
    fn a_failed_edit_changes_nothing() {
        let d = shared();
        let batch = vec![("新词".to_string(), 1), ("坏词".to_string(), i64::MAX)];
        assert!(d.add_words(&batch, false).is_err());
        assert_eq!(
            (d.snapshot().dict.freq("新词"), d.snapshot().dict.total()),
            (None, 18)
        );
    }

    #[test]
    fn a_set_total_is_kept_by_a_merge() {
        let d = shared();
        d.add_words(&words(50), false).unwrap();
        d.set_total(7);
        d.compact(20);
        d.wait_compacted();
        let s = d.snapshot();
        assert_eq!((s.dict.total(), s.dict.user_word_count()), (7, 0));
        assert_eq!(s.dict.log_total(), super::super::compile::py_log(7));
    }

    #[test]
    fn few_words_are_compiled_in_place() {
        let d = shared();
        d.add_words(&words(10), false).unwrap();
        d.compact(100);
        let s = d.snapshot();
        assert_eq!(
            (s.dict.user_word_count(), s.dict.base_len(), *s.extra),
            (10, 2, 2)
        );
        assert!(d.take_retired().is_empty());
    }

    #[test]
    fn many_words_are_merged_in_the_background() {
        let d = shared();
        d.add_words(&words(50), false).unwrap();
        d.compact(20);
        d.wait_compacted();
        let s = d.snapshot();
        // The words moved into the base trie, and the extra was made for the new base.
        assert_eq!(
            (s.dict.user_word_count(), s.dict.base_len(), *s.extra),
            (0, 52, 52)
        );
        assert_eq!(s.dict.freq("词7"), Some(3));
        assert_eq!(
            d.take_retired().iter().map(|e| **e).collect::<Vec<_>>(),
            [2]
        );
    }

    #[test]
    fn a_merge_older_than_an_edit_is_dropped() {
        let d = shared();
        d.add_words(&words(5), false).unwrap();
        let stale = d.read().generation;
        d.add_words(&[("后来".to_string(), 2)], true).unwrap();
        let merged = d.snapshot().dict.with_user_words_merged();
        install(
            &d.state,
            &d.retired,
            stale,
            Snapshot {
                dict: Arc::new(merged),
                extra: Arc::new(0),
            },
        );
        assert_eq!(
            (*d.snapshot().extra, d.snapshot().dict.freq("后来")),
            (2, Some(2))
        );
        assert!(d.take_retired().is_empty());
        let current = d.read().generation;
        let merged = d.snapshot().dict.with_user_words_merged();
        install(
            &d.state,
            &d.retired,
            current,
            Snapshot {
                dict: Arc::new(merged),
                extra: Arc::new(8),
            },
        );
        assert_eq!(*d.snapshot().extra, 8);
    }
}
