//! A dictionary shared by cutting threads while edits replace it.
//!
//! Cuts take a [`Snapshot`] (two `Arc` clones) and keep it for the whole cut, so a cut
//! running while another thread edits sees the dictionary before or after the edit,
//! never half of it; an edit copies the dictionary only while some cut still holds the
//! old version.  Until added words are merged into the main trie, cuts also walk them
//! (slower, same answers).
//!
//! Many words added at once (a user dictionary) are compiled into the main trie by one
//! background merge at a time ([`merge`](self::merge)).  The merge works on a copy; edits
//! made meanwhile are applied to the current version as usual *and* noted, then replayed
//! onto the merged version before it is swapped in, so no edit is lost and no merge is
//! wasted.  A `compact` that comes while a merge runs only asks for another round, which
//! the same thread starts when its merge is in: no caller ever waits for a merge.
//!
//! Each version carries an `extra` made from its dictionary: the bindings keep one
//! string object per base word there, indexed by base word id, which a merge renumbers.
//! Extras replaced by a background merge are not dropped on the merge thread (dropping
//! Python objects needs the interpreter's lock, which that thread must not wait for
//! while it holds the state's): they are handed back by [`SharedDictionary::take_retired`].
//!
//! Every lock is taken inside a [`fork`](crate::fork) gate section, so a process may
//! fork at any time; a merge that the parent was running when it forked is started again
//! in the child the first time the child uses the dictionary.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use super::Dictionary;
use crate::error::Result;
use crate::fork;

mod merge;

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
    /// The background merge, while one runs (see `merge.rs`).
    merge: Option<merge::Merge>,
}

struct Shared<X> {
    state: RwLock<State<X>>,
    retired: Mutex<Vec<Arc<X>>>,
    make_extra: fn(&Dictionary) -> X,
    /// Numbers the merges, so that a merge thread installs only its own.
    merges_started: AtomicU64,
    /// [`fork::epoch`] when this dictionary last looked for a merge lost in a fork.
    epoch_seen: AtomicU64,
}

/// A dictionary that cutting threads read and edits replace; see the module
/// documentation.
pub struct SharedDictionary<X> {
    shared: Arc<Shared<X>>,
}

/// A lock guard together with the fork gate section it was taken in (the lock is
/// released first: fields drop in order).
struct Held<G> {
    guard: G,
    _section: RwLockReadGuard<'static, ()>,
}

impl<G: Deref> Deref for Held<G> {
    type Target = G::Target;
    fn deref(&self) -> &G::Target {
        &self.guard
    }
}

impl<G: DerefMut> DerefMut for Held<G> {
    fn deref_mut(&mut self) -> &mut G::Target {
        &mut self.guard
    }
}

// The state's locks guard values that every writer replaces whole or changes with edits
// that check before they change anything, so a panic elsewhere cannot leave them
// half-changed: a poisoned lock still holds a good value.
impl<X> Shared<X> {
    fn read(&self) -> Held<RwLockReadGuard<'_, State<X>>> {
        let section = fork::section();
        Held {
            guard: self.state.read().unwrap_or_else(|e| e.into_inner()),
            _section: section,
        }
    }

    fn write(&self) -> Held<RwLockWriteGuard<'_, State<X>>> {
        let section = fork::section();
        Held {
            guard: self.state.write().unwrap_or_else(|e| e.into_inner()),
            _section: section,
        }
    }
}

impl<X: Send + Sync + 'static> SharedDictionary<X> {
    /// Shares `dict`, whose extra is `extra`; `make_extra` makes the extra of each
    /// version a background merge builds.
    pub fn new(dict: Arc<Dictionary>, extra: Arc<X>, make_extra: fn(&Dictionary) -> X) -> Self {
        SharedDictionary {
            shared: Arc::new(Shared {
                state: RwLock::new(State {
                    current: Snapshot { dict, extra },
                    merge: None,
                }),
                retired: Mutex::default(),
                make_extra,
                merges_started: AtomicU64::new(0),
                epoch_seen: AtomicU64::new(fork::epoch()),
            }),
        }
    }

    /// The current version, for one cut (or one query).
    pub fn snapshot(&self) -> Snapshot<X> {
        merge::restart_after_fork(&self.shared);
        self.shared.read().current.clone()
    }

    /// jieba's `add_word(word, freq)` for each pair, all or none.  Words are UTF-8, or
    /// WTF-8 for strings with lone surrogates (see `unencodable.rs`).  With `merge`
    /// false the new words are only staged (cheap); [`Self::compact`] then compiles them.
    pub fn add_words<W: AsRef<[u8]>>(&self, words: &[(W, i64)], merge: bool) -> Result<()> {
        merge::restart_after_fork(&self.shared);
        let mut state = self.shared.write();
        Arc::make_mut(&mut state.current.dict)
            .add_words_then(words.iter().map(|(w, f)| (w.as_ref(), *f)), merge)?;
        if let Some(running) = &mut state.merge {
            running.note_edits(words);
        }
        Ok(())
    }

    /// Sets `total` (see [`Dictionary::set_total`]); an edit like any other, replayed
    /// onto a merge that runs meanwhile.
    pub fn set_total(&self, total: i64) {
        merge::restart_after_fork(&self.shared);
        let mut state = self.shared.write();
        Arc::make_mut(&mut state.current.dict).set_total(total);
        if let Some(running) = &mut state.merge {
            running.note_total();
        }
    }

    /// Compiles the words added at run time: fewer than `background_threshold` now, into
    /// their own small trie; more on a background thread, into the main trie (which
    /// renumbers the base words, so a new extra is made).  The merge changes no
    /// frequency.  Never waits: while a merge runs, another round is queued after it.
    pub fn compact(&self, background_threshold: usize) {
        merge::restart_after_fork(&self.shared);
        merge::compact(&self.shared, background_threshold.max(1));
    }

    /// Waits until no background merge runs (nor is queued).
    pub fn wait_compacted(&self) {
        loop {
            merge::restart_after_fork(&self.shared);
            if self.shared.read().merge.is_none() {
                return;
            }
            // Polled rather than waited for on a condition variable: a waiter must not
            // hold a lock (or the fork gate) while it sleeps, see `fork.rs`.
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// The extras that background merges replaced since the last call, for the caller
    /// to drop where it may (empty when another thread holds them just now).
    pub fn take_retired(&self) -> Vec<Arc<X>> {
        let _section = fork::section();
        match self.shared.retired.try_lock() {
            Ok(mut retired) => std::mem::take(&mut *retired),
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
