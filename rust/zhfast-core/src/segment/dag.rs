//! The word graph of one block (jieba's `get_DAG`), stored flat.
//!
//! For each character position `k` the edges are the inclusive end positions `j` of the
//! dictionary words `block[k..=j]` with a non-zero frequency, in ascending order, or the
//! single edge `k` when there is none.  This is `get_DAG`'s answer; the cutting modes
//! walk the dictionary from each position as they go and never store the graph.

use crate::dict::Dictionary;
use crate::text::decode_span;

/// jieba's `get_DAG` of one text: each position's edges, flat.
#[derive(Debug, Default, Clone)]
pub struct Dag {
    /// Edges of position `k` are `ends[first[k]..first[k + 1]]`.
    first: Vec<u32>,
    ends: Vec<u32>,
    /// The text's characters, their byte offsets (plus its end) and their codes in the
    /// base trie (scratch).
    chars: Vec<char>,
    offsets: Vec<usize>,
    codes: Vec<u32>,
}

impl Dag {
    /// Builds the graph of `text`, as jieba's `get_DAG(text)` (over the whole text, with
    /// no pre-split).
    pub fn build(&mut self, dict: &Dictionary, text: &str) {
        let (mut chars, mut offsets) = (
            std::mem::take(&mut self.chars),
            std::mem::take(&mut self.offsets),
        );
        decode_span(text, 0, text.len(), &mut offsets, &mut chars);
        self.build_decoded(dict, text, &chars, &offsets);
        (self.chars, self.offsets) = (chars, offsets);
    }

    fn build_decoded(&mut self, dict: &Dictionary, text: &str, chars: &[char], offsets: &[usize]) {
        let n = chars.len();
        self.first.clear();
        self.ends.clear();
        self.codes.clear();
        dict.encode_base(chars, &mut self.codes);
        for k in 0..n {
            let first = self.ends.len();
            self.first.push(first as u32);
            let ends = &mut self.ends;
            dict.for_each_prefix_end_coded(&self.codes[k..], |len, _| {
                ends.push((k + len - 1) as u32)
            });
            if dict.has_user_words() {
                dict.for_each_user_word(&text[offsets[k]..offsets[n]], &chars[k..n], |len, _| {
                    ends.push((k + len - 1) as u32)
                });
                // Base and user words are distinct strings: no end repeats.
                ends[first..].sort_unstable();
            }
            if ends.len() == first {
                ends.push(k as u32);
            }
        }
        self.first.push(self.ends.len() as u32);
    }

    /// Number of positions (characters).
    pub fn len(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    /// Whether the text was empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ends only, as jieba's list `DAG[k]`.
    #[inline]
    pub fn ends(&self, k: usize) -> &[u32] {
        &self.ends[self.first[k] as usize..self.first[k + 1] as usize]
    }
}
