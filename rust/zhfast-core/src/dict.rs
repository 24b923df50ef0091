//! The word dictionary: jieba's `FREQ` and `total`, held as a double-array trie.
//!
//! jieba stores every word *and every prefix of every word* in one Python dict, prefixes
//! with frequency 0, and walks it character by character.  Because that key set is
//! prefix-closed, "walk while the fragment is in FREQ and keep those with a non-zero
//! frequency" is the same as "every word with a non-zero frequency that is a prefix of the
//! rest of the text" — one common-prefix search in a trie of the words alone.  Prefix
//! entries are therefore not stored; `freq` recovers their 0 from the sorted word list.
//!
//! The arrays are borrowed from the compiled-in blob for jieba's dictionary (nothing is
//! built at start-up) and owned for custom dictionaries; edits copy on first write.
//! Words added at run time that the trie does not hold go to an [`Overlay`] until there
//! are enough of them to be worth a rebuild.

use std::borrow::Cow;

use yada::DoubleArray;

use crate::dict_blob;
use crate::dict_build::{build_parts, trie_can_hold, DictParts};
use crate::dict_text::parse_dictionary;
use crate::error::{Error, Result};
use crate::overlay::Overlay;

/// `ln` as Python's `math.log` computes it for a positive int (C's `log` of the float).
#[inline]
pub fn py_log(x: i64) -> f64 {
    (x as f64).ln()
}

fn log_or_nan(freq: i64) -> f64 {
    if freq > 0 {
        py_log(freq)
    } else {
        f64::NAN
    }
}

/// A dictionary: words, their frequencies and tags, and the total.
#[derive(Clone)]
pub struct Dictionary {
    trie: DoubleArray<Cow<'static, [u8]>>,
    /// Sorted words concatenated; word `i` ends at `ends[i]`.
    text: Cow<'static, str>,
    ends: Cow<'static, [u32]>,
    freqs: Cow<'static, [i64]>,
    /// `ln(freq)` per word, computed once: the route DP adds these.
    log_freqs: Cow<'static, [f64]>,
    tags: Cow<'static, [u16]>,
    tag_names: Vec<String>,
    overlay: Overlay,
    total: i64,
    log_total: f64,
    /// Set once a negative frequency is stored: jieba then fails with a math domain
    /// error when such a word is on a route, so routes must check.
    has_negative: bool,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary").field("words", &self.len()).field("total", &self.total).finish()
    }
}

/// jieba's bundled dictionary, compiled by `build.rs`, aligned so it can be read in place.
#[repr(C, align(8))]
struct Aligned<T: ?Sized>(T);
static BUNDLED: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/jieba_dict.bin")));

impl Dictionary {
    fn from_parts(parts: DictParts) -> Self {
        let log_freqs: Vec<f64> = parts.freqs.iter().map(|&f| log_or_nan(f)).collect();
        let has_negative = parts.freqs.iter().any(|&f| f < 0);
        Dictionary {
            trie: DoubleArray::new(Cow::Owned(parts.trie)).expect("freshly built trie"),
            text: Cow::Owned(parts.text),
            ends: Cow::Owned(parts.ends),
            freqs: Cow::Owned(parts.freqs),
            log_freqs: Cow::Owned(log_freqs),
            tags: Cow::Owned(parts.tags),
            tag_names: parts.tag_names,
            overlay: Overlay::default(),
            total: parts.total,
            log_total: py_log(parts.total),
            has_negative,
        }
    }

    /// Builds a dictionary from `(word, freq)` entries applied in order (jieba's
    /// semantics: the last frequency of a repeated word wins, `total` adds them all).
    pub fn from_entries<I, S>(entries: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, i64)>,
        S: Into<String>,
    {
        Ok(Self::from_parts(build_parts(entries.into_iter().map(|(w, f)| (w, f, "")))?))
    }

    /// Parses and compiles a dictionary file in jieba's format.
    pub fn from_jieba_text(data: &[u8], file_name: &str) -> Result<Self> {
        let entries = parse_dictionary(data, file_name)?;
        Ok(Self::from_parts(build_parts(entries.into_iter().map(|e| (e.word, e.freq, e.tag)))?))
    }

    /// jieba's bundled dictionary, read in place from the compiled-in blob.
    pub fn jieba_default() -> Self {
        let view = dict_blob::decode(&BUNDLED.0).expect("bundled dictionary blob is valid");
        // The blob's logarithms came from the build machine's libm; jieba uses this
        // machine's.  Spot-check them and recompute all if any differ.
        let step = (view.freqs.len() / 64).max(1);
        let same_libm = view.freqs.iter().zip(view.log_freqs).step_by(step).all(|(&f, &l)| log_or_nan(f).to_bits() == l.to_bits());
        let log_freqs = if same_libm {
            Cow::Borrowed(view.log_freqs)
        } else {
            Cow::Owned(view.freqs.iter().map(|&f| log_or_nan(f)).collect())
        };
        Dictionary {
            // SAFETY: the blob was produced by `DoubleArrayBuilder` in this crate's build.
            trie: unsafe { DoubleArray::new_unchecked(Cow::Borrowed(view.trie)) },
            text: Cow::Borrowed(view.text),
            ends: Cow::Borrowed(view.ends),
            freqs: Cow::Borrowed(view.freqs),
            log_freqs,
            tags: Cow::Borrowed(view.tags),
            tag_names: view.tag_names.split('\n').map(str::to_string).collect(),
            overlay: Overlay::default(),
            total: view.total,
            log_total: py_log(view.total),
            has_negative: view.freqs.iter().any(|&f| f < 0),
        }
    }

    pub fn total(&self) -> i64 {
        self.total
    }

    pub fn log_total(&self) -> f64 {
        self.log_total
    }

    /// Whether a route through this dictionary may meet a negative frequency.
    pub fn has_negative(&self) -> bool {
        self.has_negative
    }

    /// Number of words (not counting prefix-only entries).
    pub fn len(&self) -> usize {
        self.ends.len() + self.overlay.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn word(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.text[start..self.ends[id] as usize]
    }

    /// Index of the first base word that is `>= key`.
    fn lower_bound(&self, key: &str) -> usize {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn id_of(&self, word: &str) -> Option<usize> {
        if trie_can_hold(word) {
            self.trie.exact_match_search(word).map(|id| id as usize)
        } else {
            let i = self.lower_bound(word);
            (i < self.ends.len() && self.word(i) == word).then_some(i)
        }
    }

    /// jieba's `FREQ.get(word)`: the frequency of a word, `Some(0)` for a string that is
    /// only a prefix of some word, `None` for anything else.
    pub fn freq(&self, word: &str) -> Option<i64> {
        if let Some(id) = self.id_of(word) {
            return Some(self.freqs[id]);
        }
        if let Some(f) = self.overlay.freq(word) {
            return Some(f);
        }
        if word.is_empty() {
            return None;
        }
        let i = self.lower_bound(word);
        let base_prefix = i < self.ends.len() && self.word(i).starts_with(word);
        (base_prefix || self.overlay.is_prefix(word)).then_some(0)
    }

    /// `FREQ.get(word)` used as a truth value, the test jieba applies in the HMM buffer
    /// and the search n-grams.
    #[inline]
    pub fn has_positive(&self, word: &str) -> bool {
        match self.id_of(word) {
            Some(id) => self.freqs[id] != 0,
            None => !self.overlay.is_empty() && self.overlay.freq(word).is_some_and(|f| f != 0),
        }
    }

    /// The tag recorded for `word` in the dictionary file ("" when none).
    pub fn tag(&self, word: &str) -> Option<&str> {
        match self.id_of(word) {
            Some(id) => Some(&self.tag_names[self.tags[id] as usize]),
            None => self.overlay.freq(word).map(|_| ""),
        }
    }

    /// Calls `edge(end, log_freq)` for every word with a non-zero frequency that starts
    /// `text`, shortest first; `end` is the word's length in bytes.  `chars` are the
    /// byte offsets of the characters of `text` (plus its end), for the overlay's walk.
    #[inline]
    pub fn for_each_prefix_word(&self, text: &[u8], mut edge: impl FnMut(usize, f64)) {
        if self.overlay.is_empty() {
            for (id, len) in self.trie.common_prefix_search(text) {
                let id = id as usize;
                if self.freqs[id] != 0 {
                    edge(len, self.log_freqs[id]);
                }
            }
        } else {
            self.for_each_prefix_word_merged(text, edge);
        }
    }

    /// The slow path while user words wait in the overlay: both sources, merged by length.
    fn for_each_prefix_word_merged(&self, text: &[u8], mut edge: impl FnMut(usize, f64)) {
        let mut extra = self.overlay.prefix_words(text).peekable();
        for (id, len) in self.trie.common_prefix_search(text) {
            while let Some(&(l, lf)) = extra.peek() {
                if l >= len {
                    break;
                }
                edge(l, lf);
                extra.next();
            }
            let id = id as usize;
            if self.freqs[id] != 0 {
                edge(len, self.log_freqs[id]);
            }
        }
        for (l, lf) in extra {
            edge(l, lf);
        }
    }

    /// jieba's `add_word(word, freq)` (without the tag, which the Python layer keeps):
    /// sets the frequency and adds it to `total`, even for a word already present.
    pub fn add_word(&mut self, word: &str, freq: i64) -> Result<()> {
        self.add_words(std::iter::once((word, freq)))
    }

    /// Applies many `add_word`s at once (a user dictionary); either all apply or, on
    /// error, none do.
    pub fn add_words<'w>(&mut self, words: impl IntoIterator<Item = (&'w str, i64)>) -> Result<()> {
        let words: Vec<(&str, i64)> = words.into_iter().collect();
        let mut total = self.total;
        for &(_, freq) in &words {
            total = total.checked_add(freq).ok_or_else(|| Error::FrequencyOutOfRange(freq.to_string()))?;
        }
        for (word, freq) in words {
            if let Some(id) = self.id_of(word) {
                self.freqs.to_mut()[id] = freq;
                self.log_freqs.to_mut()[id] = log_or_nan(freq);
            } else {
                self.overlay.insert(word, freq, log_or_nan(freq));
            }
            self.has_negative |= freq < 0;
        }
        self.total = total;
        self.log_total = py_log(total);
        // An overlay walk costs a hash lookup per character, a rebuilt trie about 0.1 s.
        // Rebuilding once the overlay is a fixed fraction of the trie keeps a long run of
        // single `add_word` calls linear overall; `load_userdict` merges at its end.
        if self.overlay.len() > (self.ends.len() / 32).max(256) {
            self.merge_overlay();
        }
        Ok(())
    }

    /// Rebuilds the trie with the overlay's words in it.
    pub fn merge_overlay(&mut self) {
        if self.overlay.is_empty() {
            return;
        }
        let base = (0..self.ends.len()).map(|id| (self.word(id).to_string(), self.freqs[id], self.tag_names[self.tags[id] as usize].clone()));
        let extra = self.overlay.iter().map(|(w, f)| (w.to_string(), f, String::new()));
        let mut parts = build_parts(base.chain(extra)).expect("a valid dictionary stays valid");
        parts.total = self.total;
        let has_negative = self.has_negative;
        *self = Self::from_parts(parts);
        self.has_negative = has_negative;
    }

    /// All words with their frequencies (base words in byte order, then overlay words).
    pub fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        (0..self.ends.len()).map(move |id| (self.word(id), self.freqs[id])).chain(self.overlay.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Dictionary {
        Dictionary::from_entries([("北京", 10), ("北京大学", 5), ("大学", 8), ("北", 0), ("大学", 3)]).unwrap()
    }

    #[test]
    fn freq_follows_jieba_semantics() {
        let d = small();
        assert_eq!(d.freq("北京"), Some(10));
        assert_eq!(d.freq("北京大"), Some(0)); // a prefix only
        assert_eq!(d.freq("大学"), Some(3)); // the last entry wins...
        assert_eq!(d.total(), 26); // ...but every entry counts in the total
        assert_eq!(d.freq("北"), Some(0));
        assert_eq!(d.freq("南"), None);
        assert_eq!(d.freq(""), None);
        assert!(!d.has_positive("北") && d.has_positive("北京"));
    }

    #[test]
    fn prefix_words_skip_zero_frequency() {
        let d = small();
        let mut ends = Vec::new();
        d.for_each_prefix_word("北京大学生".as_bytes(), |end, _| ends.push(end));
        assert_eq!(ends, vec![6, 12]);
    }

    #[test]
    fn odd_words_are_looked_up_without_the_trie() {
        let d = Dictionary::from_entries([("", 4), ("a\0b", 2), ("c", 1)]).unwrap();
        assert_eq!(d.freq(""), Some(4));
        assert_eq!(d.freq("a\0b"), Some(2));
        assert_eq!(d.freq("a"), Some(0));
        assert_eq!(d.total(), 7);
    }

    #[test]
    fn added_words_are_found_before_and_after_a_merge() {
        let mut d = small();
        d.add_word("北京大", 7).unwrap();
        d.add_word("大学", 1).unwrap();
        assert_eq!((d.freq("北京大"), d.freq("大学"), d.total()), (Some(7), Some(1), 34));
        let mut ends = Vec::new();
        d.for_each_prefix_word("北京大学".as_bytes(), |end, _| ends.push(end));
        assert_eq!(ends, vec![6, 9, 12]);
        d.merge_overlay();
        let mut merged = Vec::new();
        d.for_each_prefix_word("北京大学".as_bytes(), |end, _| merged.push(end));
        assert_eq!((merged, d.freq("北京大"), d.total()), (vec![6, 9, 12], Some(7), 34));
    }

    #[test]
    fn bundled_dictionary_matches_the_text() {
        let d = Dictionary::jieba_default();
        let parsed = Dictionary::from_jieba_text(crate::data::JIEBA_DICT, "dict.txt").unwrap();
        assert_eq!(d.total(), parsed.total());
        assert_eq!(d.len(), parsed.len());
        assert_eq!(d.freq("北京"), parsed.freq("北京"));
        assert_eq!(d.tag("北京"), Some("ns"));
    }
}
