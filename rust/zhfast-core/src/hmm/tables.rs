//! The `finalseg` HMM's tables: parsed from the converted text (by `build.rs`) and
//! serialised to the flat binary form compiled into the library.

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::text::chars::is_han;

pub(crate) const MIN_FLOAT: f64 = -3.14e100;

pub(crate) const B: u8 = 0;
pub(crate) const E: u8 = 1;
pub(crate) const M: u8 = 2;
pub(crate) const S: u8 = 3;

pub(crate) const HAN_FIRST: u32 = 0x4E00;
pub(crate) const HAN_COUNT: usize = 0x9FD5 - 0x4E00 + 1;

/// Start, transition and emission log probabilities.
///
/// Emissions are a dense table over the han range: Viterbi only ever sees characters of
/// `[\u4E00-\u9FD5]+` runs, so one indexed load replaces a hash lookup per state.
#[derive(Clone)]
pub struct HmmModel {
    pub(crate) start: [f64; 4],
    pub(crate) trans: [[f64; 4]; 4],
    pub(crate) emit: Cow<'static, [[f64; 4]]>,
}

#[cfg_attr(not(test), allow(dead_code))]
fn state_index(s: &str) -> Option<u8> {
    match s {
        "B" => Some(B),
        "E" => Some(E),
        "M" => Some(M),
        "S" => Some(S),
        _ => None,
    }
}

// Called by `build.rs`, which compiles this file too; the library's tests check them.
#[cfg_attr(not(test), allow(dead_code))]
impl HmmModel {
    /// Parses the tables written by `scripts/convert_jieba_data.py`.
    pub(crate) fn parse(text: &str) -> Result<Self> {
        let mut model = HmmModel {
            start: [MIN_FLOAT; 4],
            trans: [[MIN_FLOAT; 4]; 4],
            emit: Cow::Owned(vec![[MIN_FLOAT; 4]; HAN_COUNT]),
        };
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || Error::BadData(format!("HMM table line {}: {line:?}", n + 1));
            let fields: Vec<&str> = line.split(' ').collect();
            let prob: f64 = fields.last().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
            match fields.as_slice() {
                ["start", s, _] => model.start[state_index(s).ok_or_else(bad)? as usize] = prob,
                ["trans", a, b, _] => {
                    let (a, b) = (
                        state_index(a).ok_or_else(bad)?,
                        state_index(b).ok_or_else(bad)?,
                    );
                    model.trans[a as usize][b as usize] = prob;
                }
                ["emit", s, ch, _] => {
                    let state = state_index(s).ok_or_else(bad)? as usize;
                    let mut chars = ch.chars();
                    let c = chars.next().ok_or_else(bad)?;
                    // Entries outside the han range can never be observed (see above).
                    if chars.next().is_none() && is_han(c) {
                        model.emit.to_mut()[(c as u32 - HAN_FIRST) as usize][state] = prob;
                    }
                }
                _ => return Err(bad()),
            }
        }
        Ok(model)
    }

    /// The tables as `build.rs` stores them (start, trans, then the emission rows).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let all = self
            .start
            .iter()
            .chain(self.trans.iter().flatten())
            .chain(self.emit.iter().flatten());
        all.flat_map(|v| v.to_le_bytes()).collect()
    }
}
