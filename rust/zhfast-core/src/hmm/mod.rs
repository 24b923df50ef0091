//! jieba's `finalseg`: the hidden Markov model over the states B, M, E, S (begin,
//! middle, end of a word, single-character word) that re-segments runs of characters the
//! dictionary route left single, and the force-split set it consults.
//!
//! `tables.rs` parses and serialises the model (at build time), `viterbi.rs` decodes a
//! run, `finalseg.rs` is jieba's `finalseg.cut` around the decoder, and
//! `force_split.rs` holds `Force_Split_Words`.

use std::borrow::Cow;
use std::sync::OnceLock;

pub(crate) mod finalseg;
mod force_split;
pub(crate) mod tables;
mod viterbi;

pub use force_split::ForceSplitWords;
pub use tables::HmmModel;
pub(crate) use tables::MIN_FLOAT;

impl HmmModel {
    /// jieba's `finalseg` model, read in place from the tables compiled into the binary.
    pub fn jieba_finalseg() -> &'static HmmModel {
        static MODEL: OnceLock<HmmModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            let values: &'static [f64] = bytemuck::cast_slice(crate::data::FINALSEG_BLOB);
            let (start, rest) = values.split_at(4);
            let (trans, emit) = rest.split_at(16);
            let mut model = HmmModel {
                start: [0.0; 4],
                trans: [[0.0; 4]; 4],
                emit: Cow::Borrowed(bytemuck::cast_slice(emit)),
            };
            model.start.copy_from_slice(start);
            for (row, chunk) in model.trans.iter_mut().zip(trans.chunks_exact(4)) {
                row.copy_from_slice(chunk);
            }
            assert_eq!(
                model.emit.len(),
                tables::HAN_COUNT,
                "compiled HMM table size"
            );
            model
        })
    }
}
