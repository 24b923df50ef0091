//! jieba's `posseg` HMM: hidden states are (position, tag) pairs such as `(B, n)`, and
//! Viterbi runs only over the states each character allows (`char_state_tab`).
//!
//! Exactness notes, checked against `jieba/posseg/viterbi.py` 0.42.1:
//! * states are indexed in Python's tuple order, so "ties go to the larger state" (how
//!   `max` over `(prob, state)` tuples breaks them) is "the larger index";
//! * a missing transition is `-inf` (`MIN_INF`), a missing emission `-3.14e100`;
//! * sums are `(V[t-1][prev] + trans) + emit`, Python's left-to-right order;
//! * the predecessors at each step are the previous step's states that have any
//!   outgoing transition; the candidates are the character's states that some
//!   predecessor can reach, else all reachable states, else every state.
//!
//! (jieba 0.42.1 ships the top-K pruning commented out, so there is none here either.)
//!
//! The tables are flat arrays (here; the decoder is `viterbi.rs`) built once per process: each character's allowed states
//! with their emissions already looked up, and the transitions as bit sets, so the
//! decoder does no hashing per state and visits only actual edges.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::hmm::MIN_FLOAT;

mod viterbi;

pub(crate) use viterbi::PossegScratch;

/// One posseg HMM state: position letter (`B`, `E`, `M`, `S`) and tag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct PosState {
    pub(crate) position: u8,
    pub(crate) tag: String,
}

/// A range of [`PossegModel::pairs`].
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// What the model knows about one character.
#[derive(Debug, Clone, Copy, Default)]
struct CharInfo {
    /// `char_state_tab[c]` (ascending, emissions looked up), if the character has one.
    allowed: Option<Span>,
    /// Every state with an emission for `c`, ascending: for candidates outside `allowed`.
    emits: Span,
}

pub(crate) struct PossegModel {
    states: Vec<PosState>,
    start: Vec<f64>,
    /// `trans[from * n + to]`, `-inf` where jieba has no entry.
    trans: Vec<f64>,
    /// Bit sets of `words` 64-bit words per state: the states each state can reach
    /// (`succ`), and the states that can reach it (`pred`).
    words: usize,
    succ: Vec<u64>,
    pred: Vec<u64>,
    /// `(state, emission)` lists that [`CharInfo`] spans point into.
    pairs: Vec<(u16, f64)>,
    /// Characters below `DIRECT` by code point, the rest by hash.
    direct: Vec<CharInfo>,
    other: HashMap<char, CharInfo>,
}

/// Characters indexed directly (all of the BMP: every han character the HMM sees).
const DIRECT: usize = 0x10000;

impl PossegModel {
    pub(crate) fn parse(text: &str) -> Result<Self> {
        let mut start_rows = Vec::new();
        let mut trans_rows = Vec::new();
        let mut emit_rows = Vec::new();
        let mut char_rows = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split(' ').collect();
            let bad = || Error::BadData(format!("posseg table line {}: {line:?}", n + 1));
            match f.first().copied() {
                Some("start") if f.len() == 3 => {
                    start_rows.push((f[1], f[2].parse::<f64>().map_err(|_| bad())?))
                }
                Some("trans") if f.len() == 4 => {
                    trans_rows.push((f[1], f[2], f[3].parse::<f64>().map_err(|_| bad())?))
                }
                Some("emit") if f.len() == 4 => {
                    let mut cs = f[2].chars();
                    let c = cs.next().ok_or_else(bad)?;
                    emit_rows.push((f[1], c, f[3].parse::<f64>().map_err(|_| bad())?));
                }
                Some("chars") if f.len() >= 2 => {
                    char_rows.push((f[1].chars().next().ok_or_else(bad)?, f[2..].to_vec()))
                }
                _ => return Err(bad()),
            }
        }
        let parse_state = |s: &str| -> Result<PosState> {
            let (p, tag) = s
                .split_once(',')
                .ok_or_else(|| Error::BadData(format!("posseg state {s:?}")))?;
            Ok(PosState {
                position: p.bytes().next().unwrap_or(b'?'),
                tag: tag.to_string(),
            })
        };
        let mut states: Vec<PosState> = start_rows
            .iter()
            .map(|(s, _)| parse_state(s))
            .collect::<Result<_>>()?;
        states.sort();
        states.dedup();
        if states.len() >= u16::MAX as usize {
            return Err(Error::BadData("too many posseg states".into()));
        }
        let index: HashMap<PosState, u16> = states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u16))
            .collect();
        let id = |s: &str| -> Result<u16> {
            index
                .get(&parse_state(s)?)
                .copied()
                .ok_or_else(|| Error::BadData(format!("unknown posseg state {s:?}")))
        };
        let n = states.len();
        let mut start = vec![MIN_FLOAT; n];
        for (s, p) in start_rows {
            start[id(s)? as usize] = p;
        }
        let mut trans = vec![f64::NEG_INFINITY; n * n];
        let mut next_lists = vec![Vec::new(); n];
        for (a, b, p) in trans_rows {
            let (a, b) = (id(a)?, id(b)?);
            // Skipping predecessors without an edge (below) relies on edges being finite.
            if !p.is_finite() {
                return Err(Error::BadData(format!(
                    "posseg transition {a} -> {b} is not finite"
                )));
            }
            if trans[a as usize * n + b as usize] == f64::NEG_INFINITY {
                next_lists[a as usize].push(b);
            }
            trans[a as usize * n + b as usize] = p;
        }
        let words = n.div_ceil(64);
        let mut succ = vec![0u64; n * words];
        let mut pred = vec![0u64; n * words];
        for (a, list) in next_lists.iter().enumerate() {
            for &b in list {
                let b = b as usize;
                succ[a * words + b / 64] |= 1 << (b % 64);
                pred[b * words + a / 64] |= 1 << (a % 64);
            }
        }

        let mut emit: HashMap<char, Vec<(u16, f64)>> = HashMap::new();
        for (s, c, p) in emit_rows {
            let s = id(s)?;
            let list = emit.entry(c).or_default();
            match list.iter_mut().find(|(t, _)| *t == s) {
                Some(slot) => slot.1 = p,
                None => list.push((s, p)),
            }
        }
        let mut allowed: HashMap<char, Vec<u16>> = HashMap::new();
        for (c, list) in char_rows {
            let mut ids: Vec<u16> = list.iter().map(|s| id(s)).collect::<Result<_>>()?;
            ids.sort_unstable();
            ids.dedup();
            allowed.insert(c, ids);
        }
        let mut pairs = Vec::new();
        let mut infos: HashMap<char, CharInfo> = HashMap::new();
        let mut chars: Vec<char> = emit.keys().chain(allowed.keys()).copied().collect();
        chars.sort_unstable();
        chars.dedup();
        for c in chars {
            let mut emits = emit.remove(&c).unwrap_or_default();
            emits.sort_unstable_by_key(|&(s, _)| s);
            let emits_span = Span {
                start: pairs.len() as u32,
                len: emits.len() as u32,
            };
            pairs.extend_from_slice(&emits);
            let allowed_span = allowed.get(&c).map(|ids| {
                let span = Span {
                    start: pairs.len() as u32,
                    len: ids.len() as u32,
                };
                for &s in ids {
                    let p = emits
                        .binary_search_by_key(&s, |&(t, _)| t)
                        .map_or(MIN_FLOAT, |i| emits[i].1);
                    pairs.push((s, p));
                }
                span
            });
            infos.insert(
                c,
                CharInfo {
                    allowed: allowed_span,
                    emits: emits_span,
                },
            );
        }
        let mut direct = vec![CharInfo::default(); DIRECT];
        let mut other = HashMap::new();
        for (c, info) in infos {
            if (c as usize) < DIRECT {
                direct[c as usize] = info;
            } else {
                other.insert(c, info);
            }
        }
        Ok(PossegModel {
            states,
            start,
            trans,
            words,
            succ,
            pred,
            pairs,
            direct,
            other,
        })
    }

    /// jieba's posseg model, parsed on first use (posseg is not on the plain-cut path).
    pub(crate) fn jieba() -> &'static PossegModel {
        static MODEL: OnceLock<PossegModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            PossegModel::parse(crate::data::POSSEG_TABLES).expect("bundled posseg tables parse")
        })
    }

    pub(crate) fn state(&self, i: u16) -> &PosState {
        &self.states[i as usize]
    }

    #[inline]
    fn info(&self, c: char) -> CharInfo {
        if (c as usize) < DIRECT {
            self.direct[c as usize]
        } else {
            self.other.get(&c).copied().unwrap_or_default()
        }
    }

    /// `emit_p[state].get(c, MIN_FLOAT)`.
    #[inline]
    fn emission(&self, info: CharInfo, state: u16) -> f64 {
        let list = &self.pairs[info.emits.range()];
        list.binary_search_by_key(&state, |&(s, _)| s)
            .map_or(MIN_FLOAT, |i| list[i].1)
    }

    /// Whether state `s` has any outgoing transition.
    #[inline]
    fn has_successors(&self, s: u16) -> bool {
        self.succ[s as usize * self.words..][..self.words]
            .iter()
            .any(|&w| w != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_tables_load_and_decode() {
        let m = PossegModel::jieba();
        assert_eq!(m.states.len(), 256);
        assert!(m.states.windows(2).all(|w| w[0] < w[1]));
        let obs: Vec<char> = "他来到了网易杭研大厦".chars().collect();
        let mut route = Vec::new();
        m.viterbi(&obs, &mut PossegScratch::default(), &mut route);
        assert_eq!(route.len(), obs.len());
        assert!(matches!(
            m.state(route[obs.len() - 1]).position,
            b'E' | b'S'
        ));
    }
}
