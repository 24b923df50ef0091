//! Cutting and tagging groups of texts, each thread with its own scratch (what the
//! bindings' batches hand to [`crate::in_order`]).

use std::cell::RefCell;

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
    /// Index range of text `i`'s tokens.
    pub fn range(&self, i: usize) -> std::ops::Range<usize> {
        self.bounds[i]..self.bounds[i + 1]
    }
}

/// Cuts `texts` one after another on this thread, into one [`TokenBatch`]; stops at the
/// first failing text.
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
