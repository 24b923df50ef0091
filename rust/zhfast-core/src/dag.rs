//! The word graph of one block (jieba's `get_DAG`), stored flat.
//!
//! For each character position `k` the edges are the inclusive end positions `j` of the
//! dictionary words `block[k..=j]` with a non-zero frequency, in ascending order, or the
//! single edge `k` when there is none.  Edges are kept in three parallel vectors that are
//! reused from block to block instead of jieba's dict of lists.

use crate::dict::Dictionary;
use crate::tokens::NO_WORD;

#[derive(Debug, Default, Clone)]
pub struct Dag {
    /// Edges of position `k` are `first[k]..first[k + 1]`.
    first: Vec<u32>,
    ends: Vec<u32>,
    /// `ln(freq)` of each edge's word; 0.0 (`log(1)`) for a fallback single character.
    log_freqs: Vec<f64>,
    /// Base word id of each edge's word ([`NO_WORD`] for user words and fallbacks).
    ids: Vec<u32>,
    /// The block's characters in the base trie's code (scratch).
    codes: Vec<u32>,
    /// `(length, ln(freq), id)` of the base words found at one position (scratch).
    found: Vec<(u32, f64, u32)>,
}

/// The characters of the block `text[start..end]` and their byte offsets (plus the
/// block's end), which the graph and every mode index by position.
pub fn block_chars(text: &str, start: usize, end: usize, offsets: &mut Vec<usize>, chars: &mut Vec<char>) {
    offsets.clear();
    chars.clear();
    for (i, c) in text[start..end].char_indices() {
        offsets.push(start + i);
        chars.push(c);
    }
    offsets.push(end);
}

impl Dag {
    /// Builds the graph of the block `text[offsets[0]..offsets[n]]`, whose characters are
    /// `chars`; `offsets` holds the byte offset of every character plus the block's end.
    pub fn build(&mut self, dict: &Dictionary, text: &str, chars: &[char], offsets: &[usize]) {
        let n = offsets.len() - 1;
        self.first.clear();
        self.ends.clear();
        self.log_freqs.clear();
        self.ids.clear();
        self.codes.clear();
        dict.encode_base(chars, &mut self.codes);
        for k in 0..n {
            let found = &mut self.found;
            found.clear();
            dict.for_each_prefix_word_coded(&self.codes[k..], |len, log_freq, id| found.push((len as u32, log_freq, id)));
            self.emit_position(dict, text, chars, offsets, k);
        }
        self.first.push(self.ends.len() as u32);
    }

    /// Appends position `k`'s edges: the base words found there, the user words,
    /// or the single-character fallback.
    fn emit_position(&mut self, dict: &Dictionary, text: &str, chars: &[char], offsets: &[usize], k: usize) {
        let n = chars.len();
        let first = self.ends.len();
        self.first.push(first as u32);
        for &(len, log_freq, id) in &self.found {
            self.ends.push(k as u32 + len - 1);
            self.log_freqs.push(log_freq);
            self.ids.push(id);
        }
        if dict.has_user_words() {
            dict.for_each_user_word(&text[offsets[k]..offsets[n]], &chars[k..n], |len, log_freq| {
                // Keep this position's edges ascending by end: insert in place.
                let end = (k + len - 1) as u32;
                let at = first + self.ends[first..].partition_point(|&e| e < end);
                self.ends.insert(at, end);
                self.log_freqs.insert(at, log_freq);
                self.ids.insert(at, NO_WORD);
            });
        }
        if self.ends.len() == first {
            self.ends.push(k as u32);
            self.log_freqs.push(0.0);
            self.ids.push(NO_WORD);
        }
    }

    /// Number of positions.
    pub fn len(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index range of the edges from position `k` (for [`Dag::edge`]), ascending by end.
    #[inline]
    pub fn edge_range(&self, k: usize) -> std::ops::Range<usize> {
        self.first[k] as usize..self.first[k + 1] as usize
    }

    /// `(end, log_freq, word id)` of edge `e`.
    #[inline]
    pub fn edge(&self, e: usize) -> (usize, f64, u32) {
        (self.ends[e] as usize, self.log_freqs[e], self.ids[e])
    }

    /// Ends only, as jieba's list `DAG[k]`.
    #[inline]
    pub fn ends(&self, k: usize) -> &[u32] {
        &self.ends[self.first[k] as usize..self.first[k + 1] as usize]
    }
}
