//! jieba's `calc`: the best path through the DAG, by dynamic programming from the right.
//!
//! `route[i] = max((log(freq) - log(total) + route[j + 1].0, j) for j in DAG[i])`.
//! The float operations happen in exactly that order so that every comparison sees the
//! same bits as CPython, and a tie goes to the larger `j` as Python's tuple `max` does.

use crate::dict::{Dictionary, WALK_AHEAD};
use crate::error::{Error, Result};
use crate::tokens::NO_WORD;

/// No word of that length starts at that position (see [`Route::gram`]).
pub const NO_GRAM: u32 = u32::MAX - 1;

#[derive(Debug, Default, Clone)]
pub struct Route {
    score: Vec<f64>,
    /// Inclusive end of the best word starting at each position.
    end: Vec<u32>,
    /// Its base word id (or `NO_WORD`).
    word: Vec<u32>,
    /// The block's characters in the base trie's code (scratch for [`Route::build`]).
    codes: Vec<u32>,
    /// Per position, the word id of the 2- and 3-character dictionary words (with a
    /// non-zero frequency) starting there, or [`NO_GRAM`]: what `cut_for_search` looks
    /// up, found by the walk that scores the route.
    grams: Vec<[u32; 2]>,
}

impl Route {
    /// The best route of the block `text[offsets[0]..offsets[n]]` straight from the
    /// dictionary, without storing its graph (jieba's `get_DAG` followed by `calc`).
    /// Fails as Python's `math.log` does when a word on the graph has a negative
    /// frequency.
    ///
    /// Positions are scored right to left as their words are found, so every
    /// `route[j + 1]` an edge needs is final when it is read and no graph is stored.
    ///
    /// With `GRAMS`, also notes the 2- and 3-character words at each position for
    /// [`Route::gram`] (`cut_for_search`); a constant, so the other modes pay nothing.
    pub fn build<const GRAMS: bool>(&mut self, dict: &Dictionary, text: &str, chars: &[char], offsets: &[usize]) -> Result<()> {
        // Only a dictionary with words added at run time or a negative frequency pays for
        // the second lookup and for checking every edge; the plain loop keeps its state
        // in registers.
        if dict.has_negative() || dict.has_user_words() {
            self.build_with::<GRAMS, true>(dict, text, chars, offsets)
        } else {
            self.build_with::<GRAMS, false>(dict, text, chars, offsets)
        }
    }

    fn build_with<const GRAMS: bool, const GENERAL: bool>(&mut self, dict: &Dictionary, text: &str, chars: &[char], offsets: &[usize]) -> Result<()> {
        let n = chars.len();
        let log_total = dict.log_total();
        self.make_room(n, GRAMS);
        self.codes.clear();
        dict.encode_base(chars, &mut self.codes);
        let mut domain_error = false;
        // Sliced to `n` so that indexing by a position needs no bounds check.
        let (score, end, word, codes) = (&mut self.score[..=n], &mut self.end[..n], &mut self.word[..n], &self.codes[..n]);
        // Scored right to left, so the walks to prefetch lie `WALK_AHEAD` positions to the left.
        for p in n.saturating_sub(WALK_AHEAD)..n {
            dict.prefetch_walk(codes, p);
        }
        for k in (0..n).rev() {
            if let Some(ahead) = k.checked_sub(WALK_AHEAD) {
                dict.prefetch_walk(codes, ahead);
            }
            // No edge scores -inf (every term is finite), so -inf afterwards means none.
            let (mut best, mut best_end, mut best_word) = (f64::NEG_INFINITY, k, NO_WORD);
            let mut grams = [NO_GRAM; 2];
            let scores = &*score;
            dict.for_each_prefix_word_coded(&codes[k..], |len, log_freq, id| {
                if GENERAL {
                    domain_error |= log_freq.is_nan();
                }
                if GRAMS && (len == 2 || len == 3) {
                    grams[len - 2] = id;
                }
                let j = k + len - 1;
                let s = log_freq - log_total + scores[j + 1];
                // Base words come shortest first: `>=` keeps the largest `j` among equal scores.
                if s >= best {
                    (best, best_end, best_word) = (s, j, id);
                }
            });
            if GENERAL {
                dict.for_each_user_word(&text[offsets[k]..offsets[n]], &chars[k..n], |len, log_freq| {
                    domain_error |= log_freq.is_nan();
                    if GRAMS && (len == 2 || len == 3) {
                        grams[len - 2] = NO_WORD;
                    }
                    let j = k + len - 1;
                    let s = log_freq - log_total + scores[j + 1];
                    // In no particular order: break ties towards the larger `j` explicitly.
                    if s > best || (s == best && j > best_end) {
                        (best, best_end, best_word) = (s, j, NO_WORD);
                    }
                });
            }
            if GENERAL && domain_error {
                return Err(Error::MathDomain);
            }
            if best == f64::NEG_INFINITY {
                // jieba's fallback edge `[k]`: `log(FREQ.get(c) or 1)`.
                (best, best_end, best_word) = (0.0 - log_total + score[k + 1], k, NO_WORD);
            }
            score[k] = best;
            end[k] = best_end as u32;
            word[k] = best_word;
            if GRAMS {
                self.grams[k] = grams;
            }
        }
        Ok(())
    }

    /// The id of the `width`-character word (2 or 3) starting at position `i` that
    /// `cut_for_search` yields as a gram ([`NO_WORD`] for a user word), or [`NO_GRAM`].
    /// Valid after [`Route::build`] with `GRAMS`.
    #[inline]
    pub fn gram(&self, i: usize, width: usize) -> u32 {
        self.grams[i][width - 2]
    }

    /// Makes room for a block of `n` characters.  The arrays only grow: a build writes
    /// every position below `n` before anything reads it, so zeroing them for each block
    /// (three memsets per block, 2.4% of a cut's instructions) bought nothing.
    fn make_room(&mut self, n: usize, grams: bool) {
        if self.score.len() <= n {
            self.score.resize(n + 1, 0.0);
            self.end.resize(n, 0);
            self.word.resize(n, 0);
        }
        if grams && self.grams.len() < n {
            self.grams.resize(n, [NO_GRAM; 2]);
        }
        // The route past the block's end scores nothing.
        self.score[n] = 0.0;
    }

    /// The block's characters in the base trie's code (valid after [`Route::build`]).
    #[inline]
    pub fn codes(&self) -> &[u32] {
        &self.codes
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
