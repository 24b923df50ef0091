//! jieba's `finalseg` hidden Markov model over the states B, M, E, S (begin, middle, end
//! of a word, single-character word), and its Viterbi decoder.
//!
//! Exactness notes, all checked against jieba's `viterbi`:
//! * sums are formed as `(V[t-1][prev] + trans) + emit`, Python's left-to-right order;
//! * an unknown emission or transition is `MIN_FLOAT = -3.14e100`, not `-inf`;
//! * ties between predecessors go to the larger state *letter* (jieba compares
//!   `(prob, state)` tuples), and the final state is the better of E and S, S on a tie.
//!   States are numbered in letter order so that "larger letter" is "larger index".

use std::sync::OnceLock;

use crate::chars::is_han;
use crate::error::{Error, Result};

pub const MIN_FLOAT: f64 = -3.14e100;

pub const B: u8 = 0;
pub const E: u8 = 1;
pub const M: u8 = 2;
pub const S: u8 = 3;

/// jieba's `PrevStatus`: the states that may precede each state.
const PREV: [[u8; 2]; 4] = [
    [E, S], // B
    [B, M], // E
    [M, B], // M
    [S, E], // S
];

const HAN_FIRST: u32 = 0x4E00;
const HAN_COUNT: usize = 0x9FD5 - 0x4E00 + 1;

/// Start, transition and emission log probabilities.
///
/// Emissions are a dense table over the han range: Viterbi only ever sees characters of
/// `[\u4E00-\u9FD5]+` runs, so one indexed load replaces a hash lookup per state.
#[derive(Clone)]
pub struct HmmModel {
    start: [f64; 4],
    trans: [[f64; 4]; 4],
    emit: Vec<[f64; 4]>,
}

fn state_index(s: &str) -> Option<u8> {
    match s {
        "B" => Some(B),
        "E" => Some(E),
        "M" => Some(M),
        "S" => Some(S),
        _ => None,
    }
}

impl HmmModel {
    /// Parses the tables written by `scripts/convert_jieba_data.py`.
    pub fn parse(text: &str) -> Result<Self> {
        let mut model = HmmModel {
            start: [MIN_FLOAT; 4],
            trans: [[MIN_FLOAT; 4]; 4],
            emit: vec![[MIN_FLOAT; 4]; HAN_COUNT],
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
                    let (a, b) = (state_index(a).ok_or_else(bad)?, state_index(b).ok_or_else(bad)?);
                    model.trans[a as usize][b as usize] = prob;
                }
                ["emit", s, ch, _] => {
                    let state = state_index(s).ok_or_else(bad)? as usize;
                    let mut chars = ch.chars();
                    let c = chars.next().ok_or_else(bad)?;
                    // Entries outside the han range can never be observed (see above).
                    if chars.next().is_none() && is_han(c) {
                        model.emit[(c as u32 - HAN_FIRST) as usize][state] = prob;
                    }
                }
                _ => return Err(bad()),
            }
        }
        Ok(model)
    }

    /// jieba's `finalseg` model, parsed once per process.
    pub fn jieba_finalseg() -> &'static HmmModel {
        static MODEL: OnceLock<HmmModel> = OnceLock::new();
        MODEL.get_or_init(|| HmmModel::parse(crate::data::FINALSEG_TABLES).expect("bundled HMM tables parse"))
    }

    #[inline]
    fn emission(&self, c: char) -> &[f64; 4] {
        const UNKNOWN: [f64; 4] = [MIN_FLOAT; 4];
        let i = (c as u32).wrapping_sub(HAN_FIRST) as usize;
        self.emit.get(i).unwrap_or(&UNKNOWN)
    }

    /// The most likely state sequence for `obs`, written to `states`.
    /// `back` is scratch space for the back-pointers.
    pub fn viterbi(&self, obs: &[char], states: &mut Vec<u8>, back: &mut Vec<[u8; 4]>) {
        states.clear();
        back.clear();
        let Some(&first) = obs.first() else { return };
        let em = self.emission(first);
        let mut v = [0.0f64; 4];
        for y in 0..4 {
            v[y] = self.start[y] + em[y];
        }
        back.push([0; 4]);
        for &c in &obs[1..] {
            let em = self.emission(c);
            let mut next = [0.0f64; 4];
            let mut from = [0u8; 4];
            for y in 0..4 {
                let [a, b] = PREV[y];
                let pa = v[a as usize] + self.trans[a as usize][y] + em[y];
                let pb = v[b as usize] + self.trans[b as usize][y] + em[y];
                // max over (prob, state) tuples: the larger state wins a tie.
                let (p, s) = if pa > pb || (pa == pb && a > b) { (pa, a) } else { (pb, b) };
                next[y] = p;
                from[y] = s;
            }
            v = next;
            back.push(from);
        }
        let mut state = if v[E as usize] > v[S as usize] { E } else { S };
        states.resize(obs.len(), 0);
        for t in (0..obs.len()).rev() {
            states[t] = state;
            state = back[t][state as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_tables_load() {
        let m = HmmModel::jieba_finalseg();
        assert_eq!(m.start[B as usize], -0.26268660809250016);
        assert_eq!(m.trans[E as usize][S as usize], -0.8085250474669937);
        assert_eq!(m.emission('一')[B as usize], -3.6544978750449433);
        assert_eq!(m.emission('a')[S as usize], MIN_FLOAT);
    }

    #[test]
    fn decodes_a_known_sentence() {
        let m = HmmModel::jieba_finalseg();
        let obs: Vec<char> = "他来到了网易杭研大厦".chars().collect();
        let (mut states, mut back) = (Vec::new(), Vec::new());
        m.viterbi(&obs, &mut states, &mut back);
        assert_eq!(states.len(), obs.len());
        assert!(states.last() == Some(&E) || states.last() == Some(&S));
    }
}
