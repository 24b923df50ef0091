//! Words added at run time that the compiled trie does not hold yet.
//!
//! Kept the way jieba keeps all its words — a hash map of words plus the set of their
//! prefixes — so an `add_word` is O(word length), and walked only while non-empty.

use std::collections::{HashMap, HashSet};

use super::unencodable::Unencodable;

#[derive(Debug, Default, Clone)]
pub struct Overlay {
    /// word → (freq, ln(freq)), in insertion order of first appearance via `order`.
    words: HashMap<String, (i64, f64)>,
    order: Vec<String>,
    /// Proper prefixes of the words.
    prefixes: HashSet<String>,
    /// Words that are not UTF-8, which no trie ever holds (not counted in `len`).
    pub(super) unencodable: Unencodable,
}

impl Overlay {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// An empty overlay that keeps this one's words that are not UTF-8 (for a merge,
    /// which compiles the others).
    pub fn emptied(&self) -> Overlay {
        Overlay {
            unencodable: self.unencodable.clone(),
            ..Overlay::default()
        }
    }

    pub fn insert(&mut self, word: &str, freq: i64, log_freq: f64) {
        if self
            .words
            .insert(word.to_string(), (freq, log_freq))
            .is_none()
        {
            self.order.push(word.to_string());
            for (i, _) in word.char_indices().skip(1) {
                if !self.prefixes.contains(&word[..i]) {
                    self.prefixes.insert(word[..i].to_string());
                }
            }
        }
    }

    pub fn freq(&self, word: &str) -> Option<i64> {
        self.words.get(word).map(|&(f, _)| f)
    }

    pub fn is_prefix(&self, word: &str) -> bool {
        self.prefixes.contains(word)
    }

    /// `(length in chars, ln(freq))` of the overlay words with a non-zero frequency
    /// that start `text` (whose characters are `chars`), shortest first.
    pub fn prefix_words<'a>(
        &'a self,
        text: &'a str,
        chars: &'a [char],
    ) -> impl Iterator<Item = (usize, f64)> + 'a {
        let mut end = 0;
        let mut n = 0;
        let mut live = !self.words.is_empty();
        std::iter::from_fn(move || {
            while live && n < chars.len() {
                end += chars[n].len_utf8();
                n += 1;
                let frag = &text[..end];
                let word = self.words.get(frag);
                live = word.is_some() || self.prefixes.contains(frag);
                if let Some(&(f, lf)) = word {
                    if f != 0 {
                        return Some((n, lf));
                    }
                }
            }
            None
        })
    }

    /// Words and frequencies in the order they were first added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        self.order
            .iter()
            .map(move |w| (w.as_str(), self.words[w].0))
    }
}
