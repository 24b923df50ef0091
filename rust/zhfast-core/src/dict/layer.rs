//! One layer of a dictionary: a sorted word list with its trie and frequencies.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use super::compile::{build_parts, edge_log, trie_can_hold, DictParts};
use crate::trie::{Backing, CharTrie};

/// Whether an `edge_log` value is an edge of the word graph.
#[inline]
pub(super) fn is_edge(log_freq: f64) -> bool {
    log_freq != f64::INFINITY
}

/// One sorted word list with its trie and frequencies: the bundled or custom dictionary
/// (the base), or the words users added (rebuilt from the overlay in batches, so that a
/// user dictionary costs a build over its own words, not over the whole dictionary).
#[derive(Clone)]
pub(super) struct Layer {
    /// Character-wise double-array trie, word → (id, frequency class); `None` with no
    /// words.  Characters are coded by frequency, so a walk touches one node per character
    /// in a compact region, where a byte-wise trie takes three scattered steps.
    pub(super) trie: Option<Arc<CharTrie>>,
    /// Words concatenated in id order (by frequency, see [`DictParts`]); word `i` ends at
    /// `ends[i]`.
    pub(super) text: Cow<'static, str>,
    pub(super) ends: Cow<'static, [u32]>,
    pub(super) freqs: Cow<'static, [i64]>,
    /// Word ids in the byte order of their words.
    pub(super) sorted: Cow<'static, [u32]>,
    /// The distinct frequencies by class (the trie stores each word's class).
    pub(super) classes: Cow<'static, [i64]>,
    /// [`edge_log`] of each class, computed at load with this machine's `ln` (as jieba's
    /// `math.log`): the route DP adds these.
    pub(super) class_logs: Vec<f64>,
    /// Frequency → class, built on the first edit (loading never needs it).
    pub(super) class_of: Option<HashMap<i64, u32>>,
    /// What the borrowed arrays of a layer loaded in place borrow from.
    pub(super) _backing: Backing,
}

pub(super) fn class_logs(classes: &[i64]) -> Vec<f64> {
    classes.iter().map(|&f| edge_log(f)).collect()
}

impl Layer {
    pub(super) fn empty() -> Self {
        Self::owned(
            build_parts(std::iter::empty::<(String, i64, &str)>()).expect("empty dictionary"),
        )
    }

    pub(super) fn owned(parts: DictParts) -> Self {
        Layer {
            trie: parts.trie.map(Arc::new),
            text: Cow::Owned(parts.text),
            ends: Cow::Owned(parts.ends),
            freqs: Cow::Owned(parts.freqs),
            sorted: Cow::Owned(parts.sorted),
            class_logs: class_logs(&parts.classes),
            classes: Cow::Owned(parts.classes),
            class_of: None,
            _backing: None,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn word(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.text[start..self.ends[id] as usize]
    }

    /// The word at `rank` in byte order.
    pub(super) fn word_at_rank(&self, rank: usize) -> &str {
        self.word(self.sorted[rank] as usize)
    }

    /// Byte-order rank of the first word that is `>= key`.
    pub(super) fn lower_bound(&self, key: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word_at_rank(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    pub(super) fn id_of(&self, word: &str) -> Option<usize> {
        if trie_can_hold(word) {
            self.trie
                .as_ref()?
                .exact_match(word.chars())
                .map(|id| id as usize)
        } else {
            let i = self.lower_bound(word);
            (i < self.len() && self.word_at_rank(i) == word).then(|| self.sorted[i] as usize)
        }
    }

    pub(super) fn is_prefix(&self, word: &str) -> bool {
        let i = self.lower_bound(word);
        i < self.len() && self.word_at_rank(i).starts_with(word)
    }

    /// `(length in chars, ln(freq), id)` of the words with a non-zero frequency that
    /// start `chars`, shortest first.
    pub(super) fn prefix_words<'a>(
        &'a self,
        chars: &'a [char],
    ) -> impl Iterator<Item = (usize, f64, u32)> + 'a {
        self.trie
            .as_deref()
            .into_iter()
            .flat_map(move |t| t.prefixes(chars))
            .map(|(id, class, len)| (len, self.class_logs[class as usize], id))
            .filter(|&(_, lf, _)| is_edge(lf))
    }

    pub(super) fn set_freq(&mut self, id: usize, freq: i64) {
        self.freqs.to_mut()[id] = freq;
        let classes = &self.classes;
        let class_of = self.class_of.get_or_insert_with(|| {
            classes
                .iter()
                .enumerate()
                .map(|(c, &f)| (f, c as u32))
                .collect()
        });
        let class = match class_of.get(&freq) {
            Some(&class) => class,
            None => {
                let class = self.classes.len() as u32;
                class_of.insert(freq, class);
                self.classes.to_mut().push(freq);
                self.class_logs.push(edge_log(freq));
                class
            }
        };
        let word = self.word(id).to_string();
        if let Some(trie) = self.trie.as_mut() {
            Arc::make_mut(trie).set_payload(word.chars(), class);
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        self.sorted
            .iter()
            .map(move |&id| (self.word(id as usize), self.freqs[id as usize]))
    }
}
