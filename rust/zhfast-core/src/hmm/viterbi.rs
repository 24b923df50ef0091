//! The Viterbi decoder of jieba's `finalseg` model (`finalseg.viterbi`).
//!
//! Exactness notes, all checked against jieba's `viterbi`:
//! * sums are formed as `(V[t-1][prev] + trans) + emit`, Python's left-to-right order;
//! * an unknown emission or transition is `MIN_FLOAT = -3.14e100`, not `-inf`;
//! * ties between predecessors go to the larger state *letter* (jieba compares
//!   `(prob, state)` tuples), and the final state is the better of E and S, S on a tie.
//!   States are numbered in letter order so that "larger letter" is "larger index".

use super::tables::{B, E, HAN_FIRST, M, MIN_FLOAT, S};
use super::HmmModel;

/// jieba's `PrevStatus`: the states that may precede each state.
const PREV: [[u8; 2]; 4] = [
    [E, S], // B
    [B, M], // E
    [M, B], // M
    [S, E], // S
];

impl HmmModel {
    #[inline]
    fn emission(&self, c: char) -> &[f64; 4] {
        const UNKNOWN: [f64; 4] = [MIN_FLOAT; 4];
        let i = (c as u32).wrapping_sub(HAN_FIRST) as usize;
        self.emit.get(i).unwrap_or(&UNKNOWN)
    }

    /// The most likely state sequence for `obs`, written to `states`.
    /// `back` is scratch space for the back-pointers.
    pub(crate) fn viterbi(&self, obs: &[char], states: &mut Vec<u8>, back: &mut Vec<[u8; 4]>) {
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
                let (p, s) = if pa > pb || (pa == pb && a > b) {
                    (pa, a)
                } else {
                    (pb, b)
                };
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
    fn compiled_tables_equal_the_text() {
        let parsed = HmmModel::parse(crate::data::FINALSEG_TABLES).unwrap();
        assert_eq!(parsed.to_bytes(), HmmModel::jieba_finalseg().to_bytes());
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
