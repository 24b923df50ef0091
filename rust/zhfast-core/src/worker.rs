//! A worker: every buffer a thread needs to cut and tag, reused from call to call so
//! that a cut allocates nothing once the buffers have grown.
//!
//! A [`Segmenter`] (what a cut reads) is shared by any number of threads; a `Worker`
//! (what a cut writes) belongs to one.  Callers that cut on many threads take each
//! thread's own with [`Worker::with_thread_worker`].

use std::cell::Cell;

use crate::error::Result;
use crate::mode::Mode;
use crate::posseg::{PosScratch, PosSegmenter, Tagged};
use crate::segment::{Scratch, Segmenter};
use crate::tokens::Tokens;

/// The buffers of one thread's cuts; see the module documentation.
#[derive(Default)]
pub struct Worker {
    cut: Scratch,
    pos: PosScratch,
    tokens: Tokens,
    tagged: Tagged,
}

thread_local! {
    static THREAD_WORKER: Cell<Option<Box<Worker>>> = const { Cell::new(None) };
}

impl Worker {
    /// A worker with empty buffers.
    pub fn new() -> Self {
        Worker::default()
    }

    /// jieba's `cut` or `cut_for_search` of `text`, as `mode` says.  The tokens stay in
    /// the worker until its next call.
    pub fn cut(&mut self, seg: &Segmenter<'_>, text: &str, mode: Mode) -> Result<&Tokens> {
        self.tokens.clear();
        seg.cut(text, mode, &mut self.cut, &mut self.tokens)?;
        Ok(&self.tokens)
    }

    /// [`Self::cut`], appending the tokens to `out` (a batch keeps many texts' tokens in
    /// one [`Tokens`]).
    pub fn cut_into(
        &mut self,
        seg: &Segmenter<'_>,
        text: &str,
        mode: Mode,
        out: &mut Tokens,
    ) -> Result<()> {
        seg.cut(text, mode, &mut self.cut, out)
    }

    /// jieba's `posseg.cut(text, HMM)`.  The tagged words stay in the worker until its
    /// next call.
    pub fn tag(&mut self, seg: &PosSegmenter<'_>, text: &str, hmm: bool) -> Result<&Tagged> {
        self.tagged.clear();
        seg.cut(text, hmm, &mut self.pos, &mut self.tagged)?;
        Ok(&self.tagged)
    }

    /// [`Self::tag`], appending to `out`.
    pub fn tag_into(
        &mut self,
        seg: &PosSegmenter<'_>,
        text: &str,
        hmm: bool,
        out: &mut Tagged,
    ) -> Result<()> {
        seg.cut(text, hmm, &mut self.pos, out)
    }

    /// Runs `f` with this thread's worker.
    ///
    /// The worker is taken out of the thread's slot for the call and put back after it,
    /// so a call that re-enters on the same thread while the first is running (a Python
    /// finalizer that cuts, run while the first call builds its results) gets a fresh
    /// worker instead of the one in use; so does a thread that is being torn down.
    pub fn with_thread_worker<R>(f: impl FnOnce(&mut Worker) -> R) -> R {
        let mut worker = THREAD_WORKER
            .try_with(Cell::take)
            .ok()
            .flatten()
            .unwrap_or_default();
        let result = f(&mut worker);
        let _ = THREAD_WORKER.try_with(|slot| slot.set(Some(worker)));
        result
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::Dictionary;

    #[test]
    fn a_nested_call_gets_its_own_worker() {
        let dict = Dictionary::from_entries([("北京", 5), ("大学", 3)]).unwrap();
        let force = HashSet::new();
        let seg = Segmenter::new(&dict, &force);
        let text = "北京大学";
        Worker::with_thread_worker(|outer| {
            let first: Vec<&str> = outer
                .cut(&seg, text, Mode::Default)
                .unwrap()
                .iter(text)
                .collect();
            assert_eq!(first, ["北京", "大学"]);
            let inner = Worker::with_thread_worker(|inner| {
                inner.cut(&seg, "大学", Mode::Default).unwrap().len()
            });
            assert_eq!(inner, 1);
            // The outer worker's tokens were not touched by the nested call.
            assert_eq!(outer.tokens.len(), 2);
        });
    }
}
