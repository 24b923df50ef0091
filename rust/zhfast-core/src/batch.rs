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

/// Cuts every text with `job` in the current rayon pool; results in input order.
pub fn cut_all_texts<T: AsRef<str> + Sync>(seg: &Segmenter<'_>, texts: &[T], job: Job) -> Vec<Result<Tokens>> {
    texts
        .par_iter()
        .map(|text| {
            SCRATCH.with(|cell| {
                let mut scratch = cell.take();
                let mut out = Tokens::default();
                let result = seg.run(text.as_ref(), job, &mut scratch, &mut out).map(|()| out);
                cell.replace(scratch);
                result
            })
        })
        .collect()
}

/// Tags every text (posseg) in the current rayon pool; results in input order.
pub fn tag_all_texts<T: AsRef<str> + Sync>(seg: &PosSegmenter<'_>, texts: &[T], hmm: bool) -> Vec<Result<Tagged>> {
    texts
        .par_iter()
        .map(|text| {
            POS_SCRATCH.with(|cell| {
                let mut scratch = cell.take();
                let mut out = Tagged::default();
                let result = seg.cut(text.as_ref(), hmm, &mut scratch, &mut out).map(|()| out);
                cell.replace(scratch);
                result
            })
        })
        .collect()
}
