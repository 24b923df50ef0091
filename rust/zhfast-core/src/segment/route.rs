//! jieba's `calc`: the best path through the DAG, by dynamic programming from the right.
//!
//! `route[i] = max((log(freq) - log(total) + route[j + 1].0, j) for j in DAG[i])`.
//! The float operations happen in exactly that order so that every comparison sees the
//! same bits as CPython, and a tie goes to the larger `j` as Python's tuple `max` does.

use super::WALK_AHEAD;
use crate::dict::Dictionary;
use crate::error::{Error, Result};
use crate::tokens::NO_WORD;

/// No word of that length starts at that position (see [`Route::gram`]).
pub(crate) const NO_GRAM: u32 = u32::MAX - 1;

/// The best route of one block, with what the modes read of it: each position's best
/// word (end and base word id) and, for `cut_for_search`, its 2- and 3-grams.
#[derive(Debug, Default, Clone)]
pub(crate) struct Route {
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
    /// Fails as Python's `math.log` does when the total is not positive or a word on the
    /// graph has a negative frequency.
    ///
    /// Positions are scored right to left as their words are found, so every
    /// `route[j + 1]` an edge needs is final when it is read and no graph is stored.
    ///
    /// With `GRAMS`, also notes the 2- and 3-character words at each position for
    /// [`Route::gram`] (`cut_for_search`); a constant, so the other modes pay nothing.
    pub(crate) fn build<const GRAMS: bool>(
        &mut self,
        dict: &Dictionary,
        text: &str,
        chars: &[char],
        offsets: &[usize],
    ) -> Result<()> {
        // jieba's `calc` begins with `log(total)`, which raises for a total of 0 or less
        // (an empty dictionary, or `add_word` with a negative frequency).
        if dict.total() <= 0 {
            return Err(Error::MathDomain);
        }
        // Only a dictionary with words added at run time or a negative frequency pays for
        // the second lookup and for checking every edge; the plain loop keeps its state
        // in registers.
        if dict.has_negative() || dict.has_user_words() {
            self.build_with::<GRAMS, true>(dict, text, chars, offsets)
        } else {
            self.build_with::<GRAMS, false>(dict, text, chars, offsets)
        }
    }

    fn build_with<const GRAMS: bool, const GENERAL: bool>(
        &mut self,
        dict: &Dictionary,
        text: &str,
        chars: &[char],
        offsets: &[usize],
    ) -> Result<()> {
        let n = chars.len();
        let log_total = dict.log_total();
        self.make_room(n, GRAMS);
        self.codes.clear();
        dict.encode_base(chars, &mut self.codes);
        let mut domain_error = false;
        // Sliced to `n` so that indexing by a position needs no bounds check.
        let (score, end, word, codes) = (
            &mut self.score[..=n],
            &mut self.end[..n],
            &mut self.word[..n],
            &self.codes[..n],
        );
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
                dict.for_each_user_word(
                    &text[offsets[k]..offsets[n]],
                    &chars[k..n],
                    |len, log_freq| {
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
                    },
                );
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
    pub(crate) fn gram(&self, i: usize, width: usize) -> u32 {
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
    pub(crate) fn codes(&self) -> &[u32] {
        &self.codes
    }

    /// Exclusive end of the best word starting at `i`.
    #[inline]
    pub(crate) fn next(&self, i: usize) -> usize {
        self.end[i] as usize + 1
    }

    /// Base word id of the best word starting at `i`.
    #[inline]
    pub(crate) fn word(&self, i: usize) -> u32 {
        self.word[i]
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::{Dictionary, Mode, Segmenter, Worker};

    fn cut(dict: &Dictionary, text: &str) -> Vec<String> {
        let force = HashSet::new();
        let mut worker = Worker::new();
        let tokens = worker
            .cut(&Segmenter::new(dict, &force), text, Mode::NoHmm)
            .unwrap();
        tokens.iter(text).map(str::to_string).collect()
    }

    // With total 16 (ln 16 = 4 ln 2 exactly in floats), 甲 and 乙 at 4 and 甲乙 at 1
    // score the same to the last bit: (ln 4 − ln 16) + (ln 4 − ln 16) = 0 − ln 16.
    // jieba's tuple `max` then takes the larger end: the whole word.
    #[test]
    fn a_tie_goes_to_the_longer_word() {
        let dict =
            Dictionary::from_entries([("甲", 4), ("乙", 4), ("甲乙", 1), ("丁", 7)]).unwrap();
        assert_eq!(dict.total(), 16);
        assert_eq!(cut(&dict, "甲乙"), ["甲乙"]);
        // One more count for 甲 (the same total) breaks the tie towards the two words.
        let dict =
            Dictionary::from_entries([("甲", 5), ("乙", 4), ("甲乙", 1), ("丁", 6)]).unwrap();
        assert_eq!(cut(&dict, "甲乙"), ["甲", "乙"]);
    }

    #[test]
    fn a_tie_with_a_word_added_at_run_time_goes_to_the_longer_word() {
        // Added words are walked apart from the base trie, in no order of length.
        let mut dict = Dictionary::from_entries([("甲", 4), ("乙", 4), ("丁", 7)]).unwrap();
        dict.add_word("甲乙", 1).unwrap();
        assert!(dict.has_user_words());
        assert_eq!(cut(&dict, "甲乙"), ["甲乙"]);
    }

    #[test]
    fn a_negative_frequency_on_the_graph_is_a_domain_error() {
        let dict = Dictionary::from_entries([("甲", 4), ("甲乙", -1)]).unwrap();
        let force = HashSet::new();
        let result = Worker::new()
            .cut(&Segmenter::new(&dict, &force), "甲乙", Mode::Default)
            .map(|t| t.len());
        assert_eq!(result, Err(crate::Error::MathDomain));
        assert_eq!(cut(&dict, "乙甲"), ["乙", "甲"]);
    }

    #[test]
    fn a_total_of_zero_or_less_is_a_domain_error_where_jieba_takes_its_log() {
        let empty = Dictionary::from_entries(std::iter::empty::<(&str, i64)>()).unwrap();
        let negative = Dictionary::from_entries([("甲", 4), ("乙", -9)]).unwrap();
        let force = HashSet::new();
        for dict in [&empty, &negative] {
            assert!(dict.total() <= 0);
            let seg = Segmenter::new(dict, &force);
            let mut worker = Worker::new();
            for mode in [Mode::Default, Mode::NoHmm, Mode::Search, Mode::SearchNoHmm] {
                let result = worker.cut(&seg, "我爱北京", mode).map(|t| t.len());
                assert_eq!(result, Err(crate::Error::MathDomain), "{mode:?}");
                // No block to route: nothing to take the log for, as in jieba.
                assert_eq!(worker.cut(&seg, "，。 ", mode).map(|t| t.len()), Ok(3));
            }
            // cut_all walks the graph without scoring it.
            assert_eq!(
                worker.cut(&seg, "我爱北京", Mode::All).map(|t| t.len()),
                Ok(4)
            );
        }
    }
}
