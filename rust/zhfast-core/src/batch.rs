//! Cutting many texts on all cores (rayon), each worker thread with its own scratch.

use std::cell::RefCell;

use rayon::prelude::*;

use crate::error::Result;
use crate::posseg::{PosScratch, PosSegmenter, Tagged};
use crate::segmenter::{Job, Scratch, Segmenter};
use crate::tokens::Tokens;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    static POS_SCRATCH: RefCell<PosScratch> = RefCell::new(PosScratch::default());
}

/// The tokens of consecutive texts, flat: text `i`'s are `tokens[bounds[i]..bounds[i + 1]]`
/// (one allocation per group of texts instead of two per text).
#[derive(Debug, Default, Clone)]
pub struct TokenBatch {
    pub tokens: Tokens,
    pub bounds: Vec<usize>,
}

impl TokenBatch {
    /// Number of texts.
    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index range of text `i`'s tokens.
    pub fn range(&self, i: usize) -> std::ops::Range<usize> {
        self.bounds[i]..self.bounds[i + 1]
    }
}

/// Texts per rayon task: enough to amortise scheduling, few enough to balance.
const TEXTS_PER_TASK: usize = 16;

/// Cuts every text with `job` in the current rayon pool: one [`TokenBatch`] per group
/// of `TEXTS_PER_TASK` texts, in input order; a group that fails stops at its first
/// failing text.
///
/// Every group is a unit a worker can steal (`with_max_len(1)`).  Left to itself, rayon
/// splits the groups into about four runs per two workers and cuts each run
/// sequentially, where nothing can be stolen from it: a worker that finished early sat
/// idle until the other finished its run, up to a quarter of the call.  Cutting the
/// corpus in 1,700-line calls on two workers, three interleaved pairs measured 75–81
/// MB/s that way and 83–89 MB/s this way (7–17% more).
pub fn cut_all_texts<T: AsRef<str> + Sync>(seg: &Segmenter<'_>, texts: &[T], job: Job) -> Vec<Result<TokenBatch>> {
    texts.par_chunks(TEXTS_PER_TASK).with_max_len(1).map(|group| cut_texts(seg, group, job)).collect()
}

/// Cuts `texts` one after another on this thread, into one [`TokenBatch`]; stops at the
/// first failing text.  (The bindings call this for one worker: handing each chunk to a
/// one-thread pool measured 20–30% slower than cutting on the caller's thread.)
pub fn cut_texts<T: AsRef<str>>(seg: &Segmenter<'_>, texts: &[T], job: Job) -> Result<TokenBatch> {
    SCRATCH.with(|cell| {
        let mut scratch = cell.take();
        let mut batch = TokenBatch { tokens: Tokens::default(), bounds: Vec::with_capacity(texts.len() + 1) };
        batch.bounds.push(0);
        let mut result = Ok(());
        for text in texts {
            result = seg.run(text.as_ref(), job, &mut scratch, &mut batch.tokens);
            if result.is_err() {
                break;
            }
            batch.bounds.push(batch.tokens.len());
        }
        cell.replace(scratch);
        result.map(|()| batch)
    })
}

/// Tags every text (posseg) in the current rayon pool; results in input order.
pub fn tag_all_texts<T: AsRef<str> + Sync>(seg: &PosSegmenter<'_>, texts: &[T], hmm: bool) -> Vec<Result<Tagged>> {
    texts.par_iter().map(|text| tag_text(seg, text.as_ref(), hmm)).collect()
}

/// Tags one text (posseg) on this thread, with the thread's scratch.
pub fn tag_text(seg: &PosSegmenter<'_>, text: &str, hmm: bool) -> Result<Tagged> {
    POS_SCRATCH.with(|cell| {
        let mut scratch = cell.take();
        let mut out = Tagged::default();
        let result = seg.cut(text, hmm, &mut scratch, &mut out).map(|()| out);
        cell.replace(scratch);
        result
    })
}
