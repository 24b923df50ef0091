//! The dictionary walk the segmenters make: from each position of a block, every word
//! with a non-zero frequency that starts there (jieba's DAG edges), with the frequency
//! term the route adds.

use super::compile::ZERO_CLASS;
use super::layer::is_edge;
use super::Dictionary;
use crate::trie;

impl Dictionary {
    /// Calls `edge(len, log_freq, id)` for every base-dictionary word with a non-zero
    /// frequency that starts `chars`, shortest first; `len` is the word's length in
    /// characters, `id` its word id.
    #[inline]
    pub fn for_each_prefix_word(&self, chars: &[char], edge: impl FnMut(usize, f64, u32)) {
        let mut codes = Vec::with_capacity(chars.len());
        self.encode_base(chars, &mut codes);
        self.for_each_prefix_word_coded(&codes, edge);
    }

    /// The base trie's codes of `chars`, appended to `out`: a block is coded once, then
    /// walked from every position with [`Self::for_each_prefix_word_coded`].
    pub fn encode_base(&self, chars: &[char], out: &mut Vec<u32>) {
        match &self.base.trie {
            Some(trie) => trie.encode(chars, out),
            None => out.extend(chars.iter().map(|_| trie::NONE)),
        }
    }

    /// Calls `edge(len, id)` like [`Self::for_each_prefix_word_coded`], without the
    /// frequencies (`cut_all` and `get_DAG` need only the graph): a word is an edge when
    /// its frequency class is not the class of frequency 0, which spares a table read per
    /// edge.
    #[inline(always)]
    pub fn for_each_prefix_end_coded(&self, codes: &[u32], mut edge: impl FnMut(usize, u32)) {
        if let Some(trie) = &self.base.trie {
            trie.for_each_prefix_coded(codes, |id, class, len| {
                if class != ZERO_CLASS {
                    edge(len, id);
                }
            });
        }
    }

    /// Starts loading what a walk from position `at` of `codes` (see
    /// [`Self::encode_base`]) will read at its second step, without waiting for it.
    ///
    /// The walk's first step lands among the root's children, which stay cached; the
    /// second is where the cache misses start, and each one stalls the walk.  A segmenter
    /// asks for it a few positions before it walks there, so that the misses
    /// overlap with the walks in between.
    #[inline(always)]
    pub fn prefetch_walk(&self, codes: &[u32], at: usize) {
        if let (Some(trie), Some(&[first, second])) = (&self.base.trie, codes.get(at..at + 2)) {
            trie.prefetch_second_step(first, second);
        }
    }

    /// [`Self::for_each_prefix_word`] on text coded by [`Self::encode_base`].
    #[inline(always)]
    pub fn for_each_prefix_word_coded(&self, codes: &[u32], mut edge: impl FnMut(usize, f64, u32)) {
        if let Some(trie) = &self.base.trie {
            let class_logs = &self.base.class_logs[..];
            trie.for_each_prefix_coded(codes, |id, class, len| {
                let lf = class_logs[class as usize];
                if is_edge(lf) {
                    edge(len, lf, id);
                }
            });
        }
    }

    /// Whether words were added at run time (which [`Self::for_each_user_word`] finds).
    #[inline]
    pub fn has_user_words(&self) -> bool {
        self.user.len() > 0 || !self.overlay.is_empty()
    }

    /// Like [`Self::for_each_prefix_word`] for the words added at run time, which no base
    /// word repeats; in no particular order.
    pub fn for_each_user_word(&self, text: &str, chars: &[char], mut edge: impl FnMut(usize, f64)) {
        if !self.user_starts.may_start(chars) {
            return;
        }
        for (len, lf, _) in self.user.prefix_words(chars) {
            edge(len, lf);
        }
        for (len, lf) in self.overlay.prefix_words(text, chars) {
            edge(len, lf);
        }
    }
}
