//! Run-time edits: jieba's `add_word` (and so `del_word`, `suggest_freq(tune=True)`,
//! `load_userdict`), and the merges that compile added words into tries.

use std::sync::Arc;

use super::compile::{build_parts, edge_log, py_log};
use super::layer::Layer;
use super::prefix_filter::PrefixFilter;
use super::Dictionary;
use crate::error::{Error, Result};

impl Dictionary {
    /// jieba's `add_word(word, freq)` (without the tag, which the Python layer keeps):
    /// sets the frequency and adds it to `total`, even for a word already present.
    pub fn add_word(&mut self, word: &str, freq: i64) -> Result<()> {
        self.add_words(std::iter::once((word, freq)))
    }

    /// Applies many `add_word`s at once (a user dictionary); either all apply or, on
    /// error, none do.
    pub fn add_words<'w>(&mut self, words: impl IntoIterator<Item = (&'w str, i64)>) -> Result<()> {
        self.add_words_then(words.into_iter().map(|(w, f)| (w.as_bytes(), f)), true)
    }

    /// [`Self::add_words`] for words given as UTF-8, or as WTF-8 for strings with lone
    /// surrogates (see `unencodable.rs`); with `auto_merge` false the new words stay in
    /// the overlay whatever their number (the caller merges them, e.g. in the background).
    pub fn add_words_then<'w>(
        &mut self,
        words: impl IntoIterator<Item = (&'w [u8], i64)>,
        auto_merge: bool,
    ) -> Result<()> {
        let words: Vec<(&[u8], i64)> = words.into_iter().collect();
        let mut total = self.total;
        for &(_, freq) in &words {
            total = total
                .checked_add(freq)
                .ok_or_else(|| Error::FrequencyOutOfRange(freq.to_string()))?;
        }
        for (word, freq) in words {
            let Ok(word) = std::str::from_utf8(word) else {
                // Never on a route, so a negative frequency here needs no checking there.
                self.overlay.unencodable.insert(word, freq);
                continue;
            };
            if let Some(id) = self.base.id_of(word) {
                self.base.set_freq(id, freq);
            } else if let Some(id) = self.user.id_of(word) {
                self.user.set_freq(id, freq);
            } else {
                self.overlay.insert(word, freq, edge_log(freq));
                Arc::make_mut(&mut self.user_starts).insert(word);
            }
            self.has_negative |= freq < 0;
        }
        self.total = total;
        self.log_total = py_log(total);
        // An overlay walk costs a hash lookup per character; rebuilding the user layer
        // costs time in proportion to its words.  Rebuilding once the overlay is a fixed
        // fraction of the user layer keeps a long run of single `add_word` calls linear
        // overall; `load_userdict` merges at its end.
        if auto_merge && self.overlay.len() > (self.user.len() / 4).max(256) {
            self.merge_overlay();
        }
        Ok(())
    }

    /// Sets jieba's `total` directly: a tokenizer rebuilt from its edits' effect (each
    /// word's final frequency) has the total of *every* `add_word` it saw, which the final
    /// frequencies alone do not give.
    pub fn set_total(&mut self, total: i64) {
        self.total = total;
        self.log_total = py_log(total);
    }

    /// Compiles the overlay's words into the user layer.
    pub fn merge_overlay(&mut self) {
        if self.overlay.is_empty() {
            return;
        }
        let words = self
            .user
            .iter()
            .chain(self.overlay.iter())
            .map(|(w, f)| (w, f, ""));
        self.user = Layer::owned(build_parts(words).expect("a valid dictionary stays valid"));
        self.overlay = self.overlay.emptied();
        let mut starts = PrefixFilter::default();
        for (word, _) in self.user.iter() {
            starts.insert(word);
        }
        self.user_starts = Arc::new(starts);
    }

    /// The same dictionary with the user words compiled into the base trie: one walk
    /// finds every word again.  Frequencies, tags and total are unchanged (base word ids
    /// are not).
    pub fn with_user_words_merged(&self) -> Dictionary {
        let base = (0..self.base.len()).map(|id| {
            (
                self.base.word(id),
                self.base.freqs[id],
                self.tag_names[self.tags[id] as usize].as_str(),
            )
        });
        let user = self
            .user
            .iter()
            .chain(self.overlay.iter())
            .map(|(w, f)| (w, f, ""));
        let mut parts = build_parts(base.chain(user)).expect("a valid dictionary stays valid");
        parts.total = self.total;
        let mut merged = Dictionary::from_parts(parts);
        merged.has_negative = self.has_negative;
        merged.overlay = self.overlay.emptied();
        merged
    }
}
