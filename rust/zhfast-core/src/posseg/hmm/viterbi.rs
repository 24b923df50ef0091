//! posseg's Viterbi decoder over the states each character allows (see the module
//! above for the exactness rules it follows).

use super::PossegModel;

/// Scratch for [`PossegModel::viterbi`]: nothing is allocated per run once grown.
#[derive(Default)]
pub(crate) struct PossegScratch {
    /// Every step's `(state, predecessor)` entries, step `t` at `at[t]..at[t + 1]`.
    back: Vec<(u16, u16)>,
    at: Vec<usize>,
    /// Scores of the previous and the current step, by state.
    prev_score: Vec<f64>,
    score: Vec<f64>,
    /// The current step's states.
    current: Vec<u16>,
    /// Candidates of the current step with their emissions.
    candidates: Vec<(u16, f64)>,
    /// Bit sets: the previous step's states that have successors, and the states they
    /// reach.
    preds: Vec<u64>,
    reached: Vec<u64>,
}

impl PossegModel {
    /// The best state sequence for `obs` (non-empty), into `route`.
    pub(crate) fn viterbi(&self, obs: &[char], scratch: &mut PossegScratch, route: &mut Vec<u16>) {
        let n = self.states.len();
        let PossegScratch {
            back,
            at,
            prev_score,
            score,
            current,
            candidates,
            preds,
            reached,
        } = scratch;
        let words = self.words;
        back.clear();
        at.clear();
        route.clear();
        score.resize(n, 0.0);
        prev_score.resize(n, 0.0);
        preds.resize(words, 0);
        reached.resize(words, 0);
        let bit = |set: &[u64], s: u16| set[s as usize / 64] >> (s % 64) & 1 != 0;
        let Some(&first) = obs.first() else { return };

        // Step 0: `states.get(obs[0], all_states)`, start + emission.
        candidates.clear();
        let info = self.info(first);
        match info.allowed {
            Some(span) => candidates.extend_from_slice(&self.pairs[span.range()]),
            None => candidates.extend((0..n as u16).map(|y| (y, self.emission(info, y)))),
        }
        current.clear();
        at.push(0);
        for &(y, em) in candidates.iter() {
            score[y as usize] = self.start[y as usize] + em;
            current.push(y);
            back.push((y, u16::MAX));
        }

        for &c in &obs[1..] {
            std::mem::swap(prev_score, score);
            preds.iter_mut().for_each(|w| *w = 0);
            reached.iter_mut().for_each(|w| *w = 0);
            for &x in current.iter() {
                if self.has_successors(x) {
                    preds[x as usize / 64] |= 1 << (x % 64);
                    for (r, s) in reached
                        .iter_mut()
                        .zip(&self.succ[x as usize * words..][..words])
                    {
                        *r |= s;
                    }
                }
            }
            let any_reached = reached.iter().any(|&w| w != 0);
            let info = self.info(c);
            candidates.clear();
            match info.allowed {
                Some(span) => candidates.extend(
                    self.pairs[span.range()]
                        .iter()
                        .copied()
                        .filter(|&(y, _)| bit(reached, y)),
                ),
                None => candidates.extend(
                    (0..n as u16)
                        .filter(|&y| bit(reached, y))
                        .map(|y| (y, self.emission(info, y))),
                ),
            }
            if candidates.is_empty() {
                if any_reached {
                    candidates.extend(
                        (0..n as u16)
                            .filter(|&y| bit(reached, y))
                            .map(|y| (y, self.emission(info, y))),
                    );
                } else {
                    candidates.extend((0..n as u16).map(|y| (y, self.emission(info, y))));
                }
            }
            current.clear();
            at.push(back.len());
            for &(y, em) in candidates.iter() {
                // jieba takes the max over every predecessor; those without an edge to
                // `y` score -inf, and some predecessor has one (`y` is reachable, or
                // there are no predecessors at all), so only edges can win.
                let mut best: Option<(f64, u16)> = None;
                let into_y = &self.pred[y as usize * words..][..words];
                for (w, (&p_set, &into)) in preds.iter().zip(into_y).enumerate() {
                    let mut bits = p_set & into;
                    while bits != 0 {
                        let x = (w * 64 + bits.trailing_zeros() as usize) as u16;
                        bits &= bits - 1;
                        let p =
                            prev_score[x as usize] + self.trans[x as usize * n + y as usize] + em;
                        // max over (prob, state) tuples: the larger state wins a tie.
                        if best.is_none_or(|(bp, bs)| p > bp || (p == bp && x > bs)) {
                            best = Some((p, x));
                        }
                    }
                }
                if let Some((p, x)) = best {
                    score[y as usize] = p;
                    current.push(y);
                    back.push((y, x));
                }
            }
        }
        at.push(back.len());

        let mut state = match current
            .iter()
            .map(|&y| (score[y as usize], y))
            .reduce(|a, b| {
                if b.0 > a.0 || (b.0 == a.0 && b.1 > a.1) {
                    b
                } else {
                    a
                }
            }) {
            Some((_, y)) => y,
            None => return,
        };
        route.resize(obs.len(), 0);
        for t in (0..obs.len()).rev() {
            route[t] = state;
            if let Some(&(_, prev)) = back[at[t]..at[t + 1]].iter().find(|&&(y, _)| y == state) {
                state = prev;
            }
        }
    }
}
