//! jieba's `calc`: the best path through the DAG, by dynamic programming from the right.
//!
//! `route[i] = max((log(freq) - log(total) + route[j + 1].0, j) for j in DAG[i])`.
//! The float operations happen in exactly that order so that every comparison sees the
//! same bits as CPython, and a tie goes to the larger `j` as Python's tuple `max` does.

use crate::dag::Dag;
use crate::error::{Error, Result};

#[derive(Debug, Default, Clone)]
pub struct Route {
    score: Vec<f64>,
    /// Inclusive end of the best word starting at each position.
    end: Vec<u32>,
    /// Its base word id (or `NO_WORD`).
    word: Vec<u32>,
}

impl Route {
    /// Fails as Python's `math.log` does when a word on the graph has a negative frequency.
    pub fn compute(&mut self, dag: &Dag, log_total: f64) -> Result<()> {
        let n = dag.len();
        self.score.clear();
        self.score.resize(n + 1, 0.0);
        self.end.clear();
        self.end.resize(n, 0);
        self.word.clear();
        self.word.resize(n, 0);
        for i in (0..n).rev() {
            let mut best = f64::NEG_INFINITY;
            let mut best_end = i;
            let mut best_word = 0;
            for e in dag.edge_range(i) {
                let (j, log_freq, id) = dag.edge(e);
                if log_freq.is_nan() {
                    return Err(Error::MathDomain);
                }
                let score = log_freq - log_total + self.score[j + 1];
                // Edges ascend by `j`, so `>=` keeps the largest `j` among equal scores.
                if score >= best {
                    best = score;
                    best_end = j;
                    best_word = id;
                }
            }
            self.score[i] = best;
            self.end[i] = best_end as u32;
            self.word[i] = best_word;
        }
        Ok(())
    }

    /// Exclusive end of the best word starting at `i`.
    #[inline]
    pub fn next(&self, i: usize) -> usize {
        self.end[i] as usize + 1
    }

    /// Base word id of the best word starting at `i`.
    #[inline]
    pub fn word(&self, i: usize) -> u32 {
        self.word[i]
    }
}
