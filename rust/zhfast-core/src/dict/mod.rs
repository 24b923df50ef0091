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
//! Words added at run time that the trie does not hold go to an overlay until there
//! are enough of them to be worth a rebuild.
//!
//! The files of this module: [`layer`](self) (one word list with its trie), loading
//! (`load.rs`: the bundled blob, custom dictionaries, compiled caches), the walk the
//! segmenters make (`walk.rs`), run-time edits and merges (`edit.rs`), and the shared,
//! versioned dictionary that cutting threads read while edits replace it
//! (`versions.rs`).  `compile/` turns dictionary text into the compiled form, at build
//! time for jieba's dictionary and at run time for custom ones.

use std::borrow::Cow;
use std::sync::Arc;

use compile::{trie_can_hold, ZERO_CLASS};
use layer::Layer;
use overlay::Overlay;
use prefix_filter::PrefixFilter;

pub(crate) mod compile;
mod compiled;
mod edit;
mod layer;
mod load;
mod overlay;
mod prefix_filter;
mod unencodable;
mod versions;
mod walk;

pub use compiled::{source_digest, CompiledDictionary, DictBytes};
pub use versions::{SharedDictionary, Snapshot};

/// A dictionary: words, their frequencies and tags, and the total.
#[derive(Clone)]
pub struct Dictionary {
    base: Layer,
    /// Part-of-speech tag of each base word, as an index into `tag_names`.
    tags: Cow<'static, [u16]>,
    tag_names: Vec<String>,
    /// Words added at run time that the base does not hold, compiled.
    user: Layer,
    /// The most recent such words, not compiled yet.
    overlay: Overlay,
    /// How the words of `user` and `overlay` can start (shared: rebuilt, not edited, on
    /// merges; grown on inserts).
    user_starts: Arc<PrefixFilter>,
    total: i64,
    log_total: f64,
    /// Set once a negative frequency is stored: jieba then fails with a math domain
    /// error when such a word is on a route, so routes must check.
    has_negative: bool,
    /// What `tags` borrows from when the base was loaded in place (see `compiled.rs`).
    _backing: crate::trie::Backing,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("words", &self.len())
            .field("total", &self.total)
            .finish()
    }
}

impl Dictionary {
    /// jieba's `total`: the sum of every frequency ever set, as jieba adds them.
    pub fn total(&self) -> i64 {
        self.total
    }

    /// `log(total)`, as jieba's route subtracts it.
    pub fn log_total(&self) -> f64 {
        self.log_total
    }

    /// Whether a route through this dictionary may meet a negative frequency.
    pub fn has_negative(&self) -> bool {
        self.has_negative
    }

    /// Number of words (not counting prefix-only entries).
    pub fn len(&self) -> usize {
        self.base.len() + self.user.len() + self.overlay.len() + self.overlay.unencodable.len()
    }

    /// Whether the dictionary holds no word.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// jieba's `FREQ.get(word)`: the frequency of a word, `Some(0)` for a string that is
    /// only a prefix of some word, `None` for anything else.
    pub fn freq(&self, word: &str) -> Option<i64> {
        if let Some(id) = self.base.id_of(word) {
            return Some(self.base.freqs[id]);
        }
        if let Some(id) = self.user.id_of(word) {
            return Some(self.user.freqs[id]);
        }
        if let Some(f) = self.overlay.freq(word) {
            return Some(f);
        }
        if word.is_empty() {
            return None;
        }
        (self.base.is_prefix(word)
            || self.user.is_prefix(word)
            || self.overlay.is_prefix(word)
            || self.overlay.unencodable.is_prefix(word.as_bytes()))
        .then_some(0)
    }

    /// [`Self::freq`] of a word given as UTF-8, or as WTF-8 for a string with lone
    /// surrogates (see `unencodable.rs`).
    pub fn freq_of_bytes(&self, word: &[u8]) -> Option<i64> {
        match std::str::from_utf8(word) {
            Ok(word) => self.freq(word),
            Err(_) => self.overlay.unencodable.freq(word),
        }
    }

    /// `FREQ.get(word)` used as a truth value, the test jieba applies in the HMM buffer
    /// and the search n-grams.
    #[inline]
    pub fn has_positive(&self, word: &str) -> bool {
        if let Some(id) = self.base.id_of(word) {
            return self.base.freqs[id] != 0;
        }
        if !self.has_user_words() || !self.user_starts.may_start_str(word) {
            return false;
        }
        if let Some(id) = self.user.id_of(word) {
            return self.user.freqs[id] != 0;
        }
        self.overlay.freq(word).is_some_and(|f| f != 0)
    }

    /// [`Self::has_positive`] for a word of a block whose base-trie codes
    /// ([`Self::encode_base`]) are `codes`: the base dictionary answers from the trie's
    /// frequency class, without decoding the word again or reading its frequency.
    pub fn has_positive_coded(&self, word: &str, codes: &[u32]) -> bool {
        // A block holds neither NUL nor U+FFFF, so its words are in the trie if anywhere.
        debug_assert!(trie_can_hold(word));
        if let Some([_, class]) = self
            .base
            .trie
            .as_ref()
            .and_then(|t| t.exact_match_coded(codes))
        {
            return class != ZERO_CLASS;
        }
        self.has_user_words() && self.has_positive(word)
    }

    /// The text of base word `id`.
    pub fn base_word(&self, id: u32) -> &str {
        self.base.word(id as usize)
    }

    /// Number of words in the base dictionary (the range of word ids).
    pub fn base_len(&self) -> usize {
        self.base.len()
    }

    /// The tag recorded for `word` in the dictionary file ("" for words added later).
    pub fn tag(&self, word: &str) -> Option<&str> {
        match self.base.id_of(word) {
            Some(id) => Some(&self.tag_names[self.tags[id] as usize]),
            None => self
                .freq(word)
                .filter(|_| self.user.id_of(word).is_some() || self.overlay.freq(word).is_some())
                .map(|_| ""),
        }
    }

    /// All words with their frequencies (base words in byte order, then user words in
    /// byte order, then those not merged yet).
    pub fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        self.base
            .iter()
            .chain(self.user.iter())
            .chain(self.overlay.iter())
    }

    /// The words that are not UTF-8 (WTF-8 bytes) with their frequencies, in no order.
    pub fn unencodable_words(&self) -> impl Iterator<Item = (&[u8], i64)> + '_ {
        self.overlay.unencodable.iter()
    }

    /// Number of words added at run time that the base does not hold.
    pub fn user_word_count(&self) -> usize {
        self.user.len() + self.overlay.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Dictionary {
        Dictionary::from_entries([
            ("北京", 10),
            ("北京大学", 5),
            ("大学", 8),
            ("北", 0),
            ("大学", 3),
        ])
        .unwrap()
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
        let chars: Vec<char> = "北京大学生".chars().collect();
        d.for_each_prefix_word(&chars, |end, _, _| ends.push(end));
        assert_eq!(ends, vec![2, 4]);
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
    fn words_that_are_not_utf8_count_and_outlive_merges() {
        let mut d = small();
        let word = b"\xe4\xb8\x9c\xed\xa0\x80"; // "东" and a lone surrogate
        d.add_words_then([(&word[..], 5), ("新词".as_bytes(), 2)], true)
            .unwrap();
        assert_eq!(
            (d.freq_of_bytes(word), d.freq("东"), d.total(), d.len()),
            (Some(5), Some(0), 33, 6)
        );
        d.merge_overlay();
        let m = d.with_user_words_merged();
        for d in [&d, &m] {
            assert_eq!(
                (d.freq_of_bytes(word), d.freq("东"), d.len()),
                (Some(5), Some(0), 6)
            );
            assert_eq!(d.unencodable_words().collect::<Vec<_>>(), [(&word[..], 5)]);
        }
    }

    #[test]
    fn added_words_are_found_before_and_after_a_merge() {
        let mut d = small();
        d.add_word("北京大", 7).unwrap();
        d.add_word("大学", 1).unwrap();
        assert_eq!(
            (d.freq("北京大"), d.freq("大学"), d.total()),
            (Some(7), Some(1), 34)
        );
        let text = "北京大学";
        let chars: Vec<char> = text.chars().collect();
        let all = |d: &Dictionary| {
            let mut ends = Vec::new();
            d.for_each_prefix_word(&chars, |end, _, _| ends.push(end));
            d.for_each_user_word(text, &chars, |end, _| ends.push(end));
            ends.sort();
            ends
        };
        assert_eq!(all(&d), vec![2, 3, 4]);
        d.merge_overlay();
        let merged = all(&d);
        assert_eq!(
            (merged, d.freq("北京大"), d.total()),
            (vec![2, 3, 4], Some(7), 34)
        );
    }

    #[test]
    fn merging_user_words_changes_nothing_visible() {
        let mut d = small();
        d.add_words([("北京大", 7), ("学生会", 2), ("大学", 1), ("北", 0)])
            .unwrap();
        d.merge_overlay();
        let m = d.with_user_words_merged();
        assert_eq!((m.user_word_count(), d.user_word_count()), (0, 2));
        for w in ["北京", "北京大", "学生会", "学生", "大学", "北", "南", ""] {
            assert_eq!(m.freq(w), d.freq(w), "{w}");
            assert_eq!(m.has_positive(w), d.has_positive(w), "{w}");
        }
        assert_eq!((m.total(), m.tag("北京")), (d.total(), d.tag("北京")));
    }

    #[test]
    fn compiled_form_round_trips_and_rejects_damage() {
        let text = "北京 10 ns\n北京大学 5 nt\n大学 8 n\n".as_bytes();
        let blob = Dictionary::compile(text, "d.txt").unwrap();
        let d = Dictionary::from_compiled(&blob).unwrap();
        let direct = Dictionary::from_jieba_text(text, "d.txt").unwrap();
        for w in ["北京", "北京大", "北京大学", "大学", "南"] {
            assert_eq!(d.freq(w), direct.freq(w));
        }
        assert_eq!((d.total(), d.tag("北京大学")), (23, Some("nt")));
        assert!(Dictionary::from_compiled(&blob[..blob.len() - 3]).is_err());
        assert!(Dictionary::from_compiled(b"not a dictionary at all, sorry").is_err());
        let mut other_version = blob.clone();
        other_version[8] ^= 0xff;
        assert!(Dictionary::from_compiled(&other_version).is_err());
    }

    #[test]
    fn bundled_dictionary_matches_the_text() {
        let d = Dictionary::jieba_default();
        // The quick checks at load stand in for these, which the blob must pass too.
        assert!(compile::blob::decode(crate::data::JIEBA_DICT_BLOB).is_ok());
        let parsed = Dictionary::from_jieba_text(crate::data::JIEBA_DICT, "dict.txt").unwrap();
        assert_eq!(d.total(), parsed.total());
        assert_eq!(d.len(), parsed.len());
        assert_eq!(d.freq("北京"), parsed.freq("北京"));
        assert_eq!(d.tag("北京"), Some("ns"));
    }
}
