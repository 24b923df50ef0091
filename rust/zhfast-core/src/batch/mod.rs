//! Batches: many texts cut on several threads, results in input order.
//!
//! [`in_order`] schedules groups of texts over a pool and the calling thread; the
//! functions here are what each thread runs on a group, with its own [`Worker`]
//! ([`columns`]: the same for output built as Arrow-shaped columns).

pub mod columns;
pub mod in_order;

use crate::error::Result;
use crate::mode::Mode;
use crate::posseg::{PosSegmenter, Tagged};
use crate::segment::Segmenter;
use crate::tokens::Tokens;
use crate::worker::Worker;

/// The tokens of consecutive texts, flat: text `i`'s are `tokens[bounds[i]..bounds[i + 1]]`
/// (one allocation per group of texts instead of two per text).
#[derive(Debug, Default, Clone)]
pub struct TokenBatch {
    /// Every text's tokens, one text after another.
    pub tokens: Tokens,
    /// Where each text's tokens start in `tokens`, and where the last one's end.
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
pub fn cut_texts<T: AsRef<str>>(
    seg: &Segmenter<'_>,
    texts: &[T],
    mode: Mode,
) -> Result<TokenBatch> {
    Worker::with_thread_worker(|worker| {
        let mut batch = TokenBatch {
            tokens: Tokens::default(),
            bounds: Vec::with_capacity(texts.len() + 1),
        };
        batch.bounds.push(0);
        for text in texts {
            worker.cut_into(seg, text.as_ref(), mode, &mut batch.tokens)?;
            batch.bounds.push(batch.tokens.len());
        }
        Ok(batch)
    })
}

/// Tags `texts` (posseg) one after another on this thread.
pub fn tag_texts<T: AsRef<str>>(
    seg: &PosSegmenter<'_>,
    texts: &[T],
    hmm: bool,
) -> Result<Vec<Tagged>> {
    Worker::with_thread_worker(|worker| {
        texts
            .iter()
            .map(|text| {
                let mut out = Tagged::default();
                worker
                    .tag_into(seg, text.as_ref(), hmm, &mut out)
                    .map(|()| out)
            })
            .collect()
    })
}
