//! The background merge of a [`SharedDictionary`](super::SharedDictionary): at most one
//! thread per dictionary, which compiles the added words into the main trie, replays
//! the edits made meanwhile onto the result, swaps it in, and goes round again while
//! `compact` asked for more.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::{Shared, Snapshot, State};
use crate::dict::Dictionary;
use crate::fork;

/// A merge that runs (or, in a forked child, ran in the parent).
pub(super) struct Merge {
    /// Tells this merge from a later one.
    pub(super) id: u64,
    /// [`fork::epoch`] when its thread started: in a forked child that thread is gone.
    epoch: u64,
    /// The `background_threshold` it was started with, to start it again after a fork.
    threshold: usize,
    /// Edits made since the merge copied the dictionary, to replay onto its result
    /// (words as given to `add_words`).
    edits: Vec<(Vec<u8>, i64)>,
    /// `set_total` was called since the merge copied the dictionary: the result takes
    /// the current version's total once the edits are replayed.
    total_set: bool,
    /// `compact` was called again while it ran: merge once more when it is in.
    again: bool,
}

impl Merge {
    pub(super) fn note_edits<W: AsRef<[u8]>>(&mut self, words: &[(W, i64)]) {
        self.edits
            .extend(words.iter().map(|(w, f)| (w.as_ref().to_vec(), *f)));
    }

    pub(super) fn note_total(&mut self) {
        self.total_set = true;
    }
}

/// What a merge thread starts from.
pub(super) struct Start {
    id: u64,
    dict: Arc<Dictionary>,
}

/// `SharedDictionary::compact`: see there.
pub(super) fn compact<X: Send + Sync + 'static>(shared: &Arc<Shared<X>>, threshold: usize) {
    let start = {
        let mut state = shared.write();
        if state.current.dict.user_word_count() < threshold {
            // Few enough to compile here (a merge that runs meanwhile, started with a
            // lower threshold, is not disturbed: this changes how words are held, not
            // what they are).
            Arc::make_mut(&mut state.current.dict).merge_overlay();
            return;
        }
        if let Some(running) = &mut state.merge {
            running.again = true;
            running.threshold = threshold;
            return;
        }
        begin(shared, &mut state, threshold)
    };
    spawn(shared, start);
}

/// Records a new merge of the current version in `state`.
fn begin<X>(shared: &Shared<X>, state: &mut State<X>, threshold: usize) -> Start {
    let id = shared.merges_started.fetch_add(1, Ordering::Relaxed) + 1;
    state.merge = Some(Merge {
        id,
        epoch: fork::epoch(),
        threshold,
        edits: Vec::new(),
        total_set: false,
        again: false,
    });
    Start {
        id,
        dict: Arc::clone(&state.current.dict),
    }
}

/// Runs merges from `start` on a thread of their own; if no thread can be made, the
/// words stay where they are (found all the same).
fn spawn<X: Send + Sync + 'static>(shared: &Arc<Shared<X>>, start: Start) {
    let id = start.id;
    let for_thread = Arc::clone(shared);
    let spawned = std::thread::Builder::new()
        .name("zhfast-merge".into())
        .spawn(move || run(&for_thread, start));
    if spawned.is_err() {
        let mut state = shared.write();
        if state.merge.as_ref().is_some_and(|m| m.id == id) {
            state.merge = None;
        }
    }
}

/// The merge thread: merges, installs, and merges again while asked to.
fn run<X>(shared: &Shared<X>, start: Start) {
    let mut next = Some(start);
    while let Some(Start { id, dict }) = next.take() {
        let merged = dict.with_user_words_merged();
        drop(dict);
        let extra = (shared.make_extra)(&merged);
        next = finish(shared, id, merged, extra);
    }
}

/// Swaps in the merged version of merge `id` with the edits made since it began
/// replayed onto it, and begins the next round if `compact` asked for one.  A merge
/// that is no longer the current one (started again after a fork) changes nothing.
fn finish<X>(shared: &Shared<X>, id: u64, mut merged: Dictionary, extra: X) -> Option<Start> {
    let mut state = shared.write();
    let done = state.merge.take_if(|m| m.id == id)?;
    // The same edits succeeded on the current version, whose total is the merged one's
    // plus theirs: they cannot fail here, but if they did the merge would only be lost.
    let replayed = merged.add_words_then(done.edits.iter().map(|(w, f)| (w.as_slice(), *f)), false);
    if replayed.is_ok() {
        if done.total_set {
            merged.set_total(state.current.dict.total());
        }
        let merged = Snapshot {
            dict: Arc::new(merged),
            extra: Arc::new(extra),
        };
        let old = std::mem::replace(&mut state.current, merged);
        shared
            .retired
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(old.extra);
    }
    let more = done.again && state.current.dict.user_word_count() >= done.threshold;
    more.then(|| begin(shared, &mut state, done.threshold))
}

/// In a forked child, the first call after the fork starts again the merge the parent
/// was running (its thread is not in the child).
pub(super) fn restart_after_fork<X: Send + Sync + 'static>(shared: &Arc<Shared<X>>) {
    let now = fork::epoch();
    if shared.epoch_seen.load(Ordering::Acquire) == now {
        return;
    }
    let start = {
        let mut state = shared.write();
        shared.epoch_seen.store(now, Ordering::Release);
        match &state.merge {
            Some(lost) if lost.epoch != now => {
                let threshold = lost.threshold;
                state.merge = None;
                (state.current.dict.user_word_count() >= threshold)
                    .then(|| begin(shared, &mut state, threshold))
            }
            _ => None,
        }
    };
    if let Some(start) = start {
        spawn(shared, start);
    }
}

#[cfg(test)]
impl<X> Shared<X> {
    /// Begins a merge without a thread (tests drive it with [`Self::finish_merge`]).
    pub(super) fn begin_merge(&self, threshold: usize) -> (u64, Arc<Dictionary>) {
        let mut state = self.write();
        let start = begin(self, &mut state, threshold);
        (start.id, start.dict)
    }

    /// Builds and finishes merge `id` from `dict` on this thread; the id of the next
    /// round if one was begun.
    pub(super) fn finish_merge(&self, id: u64, dict: &Dictionary) -> Option<u64> {
        let merged = dict.with_user_words_merged();
        let extra = (self.make_extra)(&merged);
        finish(self, id, merged, extra).map(|s| s.id)
    }

    /// Makes the running merge look as if it were started before a fork.
    pub(super) fn pretend_forked(&self) {
        if let Some(m) = &mut self.write().merge {
            m.epoch = u64::MAX;
        }
        self.epoch_seen.store(u64::MAX, Ordering::Release);
    }
}
