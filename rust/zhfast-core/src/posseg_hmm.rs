//! jieba's `posseg` HMM: hidden states are (position, tag) pairs such as `(B, n)`, and
//! Viterbi runs only over the states each character allows (`char_state_tab`).
//!
//! Exactness notes, checked against `jieba/posseg/viterbi.py` 0.42.1:
//! * states are indexed in Python's tuple order, so "ties go to the larger state" (how
//!   `max` over `(prob, state)` tuples breaks them) is "the larger index";
//! * a missing transition is `-inf` (`MIN_INF`), a missing emission `-3.14e100`;
//! * the predecessors at each step are the previous step's states that have any
//!   outgoing transition; the candidates are the character's states that some
//!   predecessor can reach, else all reachable states, else every state.
//! (jieba 0.42.1 ships the top-K pruning commented out, so there is none here either.)

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::hmm::MIN_FLOAT;

/// One posseg HMM state: position letter (`B`, `E`, `M`, `S`) and tag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PosState {
    pub position: u8,
    pub tag: String,
}

pub struct PossegModel {
    states: Vec<PosState>,
    start: Vec<f64>,
    /// `trans[from * n + to]`, `-inf` where jieba has no entry.
    trans: Vec<f64>,
    /// Reachable states of each state, ascending.
    next: Vec<Vec<u16>>,
    emit: HashMap<(u16, char), f64>,
    char_states: HashMap<char, Vec<u16>>,
}

/// Scratch for [`PossegModel::viterbi`].
#[derive(Default)]
pub struct PossegScratch {
    /// Per step: `(state, score, predecessor)`.
    steps: Vec<Vec<(u16, f64, u16)>>,
    reachable: Vec<bool>,
}

impl PossegModel {
    pub fn parse(text: &str) -> Result<Self> {
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
                Some("start") if f.len() == 3 => start_rows.push((f[1], f[2].parse::<f64>().map_err(|_| bad())?)),
                Some("trans") if f.len() == 4 => trans_rows.push((f[1], f[2], f[3].parse::<f64>().map_err(|_| bad())?)),
                Some("emit") if f.len() == 4 => {
                    let mut cs = f[2].chars();
                    let c = cs.next().ok_or_else(bad)?;
                    emit_rows.push((f[1], c, f[3].parse::<f64>().map_err(|_| bad())?));
                }
                Some("chars") if f.len() >= 2 => char_rows.push((f[1].chars().next().ok_or_else(bad)?, f[2..].to_vec())),
                _ => return Err(bad()),
            }
        }
        let parse_state = |s: &str| -> Result<PosState> {
            let (p, tag) = s.split_once(',').ok_or_else(|| Error::BadData(format!("posseg state {s:?}")))?;
            Ok(PosState { position: p.bytes().next().unwrap_or(b'?'), tag: tag.to_string() })
        };
        let mut states: Vec<PosState> = start_rows.iter().map(|(s, _)| parse_state(s)).collect::<Result<_>>()?;
        states.sort();
        states.dedup();
        let index: HashMap<PosState, u16> = states.iter().enumerate().map(|(i, s)| (s.clone(), i as u16)).collect();
        let id = |s: &str| -> Result<u16> {
            index.get(&parse_state(s)?).copied().ok_or_else(|| Error::BadData(format!("unknown posseg state {s:?}")))
        };
        let n = states.len();
        let mut model = PossegModel {
            start: vec![MIN_FLOAT; n],
            trans: vec![f64::NEG_INFINITY; n * n],
            next: vec![Vec::new(); n],
            emit: HashMap::with_capacity(emit_rows.len()),
            char_states: HashMap::with_capacity(char_rows.len()),
            states,
        };
        for (s, p) in start_rows {
            model.start[id(s)? as usize] = p;
        }
        for (a, b, p) in trans_rows {
            let (a, b) = (id(a)?, id(b)?);
            model.trans[a as usize * n + b as usize] = p;
            model.next[a as usize].push(b);
        }
        for list in &mut model.next {
            list.sort_unstable();
        }
        for (s, c, p) in emit_rows {
            model.emit.insert((id(s)?, c), p);
        }
        for (c, list) in char_rows {
            let mut ids: Vec<u16> = list.iter().map(|s| id(s)).collect::<Result<_>>()?;
            ids.sort_unstable();
            ids.dedup();
            model.char_states.insert(c, ids);
        }
        Ok(model)
    }

    /// jieba's posseg model, parsed on first use (posseg is not on the plain-cut path).
    pub fn jieba() -> &'static PossegModel {
        static MODEL: OnceLock<PossegModel> = OnceLock::new();
        MODEL.get_or_init(|| PossegModel::parse(crate::data::POSSEG_TABLES).expect("bundled posseg tables parse"))
    }

    pub fn state(&self, i: u16) -> &PosState {
        &self.states[i as usize]
    }

    #[inline]
    fn emission(&self, state: u16, c: char) -> f64 {
        self.emit.get(&(state, c)).copied().unwrap_or(MIN_FLOAT)
    }

    /// The best state sequence for `obs` (non-empty), into `route`.
    pub fn viterbi(&self, obs: &[char], scratch: &mut PossegScratch, route: &mut Vec<u16>) {
        let n = self.states.len();
        let all: Vec<u16> = (0..n as u16).collect();
        let PossegScratch { steps, reachable } = scratch;
        steps.clear();
        route.clear();
        let Some(&first) = obs.first() else { return };
        let init = self.char_states.get(&first).unwrap_or(&all);
        steps.push(init.iter().map(|&y| (y, self.start[y as usize] + self.emission(y, first), u16::MAX)).collect());
        for &c in &obs[1..] {
            let prev: Vec<(u16, f64)> = {
                let last = steps.last().expect("a step");
                last.iter().filter(|&&(x, _, _)| !self.next[x as usize].is_empty()).map(|&(x, v, _)| (x, v)).collect()
            };
            reachable.clear();
            reachable.resize(n, false);
            let mut any_reachable = false;
            for &(x, _) in &prev {
                for &y in &self.next[x as usize] {
                    reachable[y as usize] = true;
                    any_reachable = true;
                }
            }
            let allowed = self.char_states.get(&c).unwrap_or(&all);
            let mut candidates: Vec<u16> = allowed.iter().copied().filter(|&y| reachable[y as usize]).collect();
            if candidates.is_empty() {
                candidates = if any_reachable { (0..n as u16).filter(|&y| reachable[y as usize]).collect() } else { all.clone() };
            }
            let mut step = Vec::with_capacity(candidates.len());
            for y in candidates {
                let em = self.emission(y, c);
                let mut best: Option<(f64, u16)> = None;
                for &(y0, v) in &prev {
                    let p = v + self.trans[y0 as usize * n + y as usize] + em;
                    // max over (prob, state) tuples: the larger state wins a tie.
                    if best.is_none_or(|(bp, bs)| p > bp || (p == bp && y0 > bs)) {
                        best = Some((p, y0));
                    }
                }
                if let Some((p, y0)) = best {
                    step.push((y, p, y0));
                }
            }
            steps.push(step);
        }
        let last = steps.last().expect("a step");
        let mut state = match last.iter().map(|&(y, v, _)| (v, y)).reduce(|a, b| if b.0 > a.0 || (b.0 == a.0 && b.1 > a.1) { b } else { a }) {
            Some((_, y)) => y,
            None => return,
        };
        route.resize(obs.len(), 0);
        for t in (0..obs.len()).rev() {
            route[t] = state;
            if let Some(&(_, _, prev)) = steps[t].iter().find(|&&(y, _, _)| y == state) {
                state = prev;
            }
        }
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
        assert!(matches!(m.state(route[obs.len() - 1]).position, b'E' | b'S'));
    }
}
