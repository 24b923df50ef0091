//! The word dictionary: jieba's `FREQ` and `total`, held as a double-array trie.
//!
//! jieba stores every word *and every prefix of every word* in one Python dict, prefixes
//! with frequency 0, and walks it character by character.  Because that key set is
//! prefix-closed, "walk while the fragment is in FREQ and keep those with a non-zero
//! frequency" is the same as "every word with a non-zero frequency that is a prefix of the
//! rest of the text" — which is one common-prefix search in a trie of the words alone.
//! Prefix entries are therefore not stored; `freq` recovers their 0 from the sorted word
//! list when someone asks (`get_FREQ`).

use std::collections::HashMap;

use yada::builder::DoubleArrayBuilder;
use yada::DoubleArray;

use crate::error::{Error, Result};
use crate::pyint::parse_int;

/// Words sorted by their UTF-8 bytes; a word's index is its id everywhere.
#[derive(Debug, Clone, Default)]
struct WordList {
    text: String,
    ends: Vec<u32>,
}

impl WordList {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.text[start..self.ends[id] as usize]
    }

    /// Index of the first word that is `>= key`.
    fn lower_bound(&self, key: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.get(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// Python's `bytes.strip()`: ASCII whitespace including `\x0b` (which Rust's
/// `trim_ascii` keeps).
fn trim_py_bytes(mut s: &[u8]) -> &[u8] {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    while let Some((first, rest)) = s.split_first() {
        if !is_space(first) { break; }
        s = rest;
    }
    while let Some((last, rest)) = s.split_last() {
        if !is_space(last) { break; }
        s = rest;
    }
    s
}

/// An immutable dictionary: words, their frequencies, and the total.
#[derive(Clone)]
pub struct Dictionary {
    trie: DoubleArray<Vec<u8>>,
    words: WordList,
    freqs: Vec<i64>,
    /// `ln(freq)` per word, computed once: the route DP adds these.
    log_freqs: Vec<f64>,
    total: i64,
    log_total: f64,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary").field("words", &self.words.len()).field("total", &self.total).finish()
    }
}

/// `yada` cannot hold an empty key or a key with a NUL byte.  Such words can never be
/// matched inside a block (blocks hold neither), so they live only in the word list.
fn trie_can_hold(word: &str) -> bool {
    !word.is_empty() && !word.as_bytes().contains(&0)
}

/// `ln` as Python's `math.log` computes it for a positive int (C's `log` of the float).
#[inline]
pub fn py_log(x: i64) -> f64 {
    (x as f64).ln()
}

impl Dictionary {
    /// Builds a dictionary from `(word, freq)` entries applied in order, with jieba's
    /// semantics: a repeated word keeps its last frequency, and `total` adds every entry.
    pub fn from_entries<I, S>(entries: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, i64)>,
        S: Into<String>,
    {
        let mut map: HashMap<String, i64> = HashMap::new();
        let mut total: i64 = 0;
        for (word, freq) in entries {
            total = total.checked_add(freq).ok_or_else(|| Error::FrequencyOutOfRange(freq.to_string()))?;
            map.insert(word.into(), freq);
        }
        Ok(Self::from_map(map, total))
    }

    fn from_map(map: HashMap<String, i64>, total: i64) -> Self {
        let mut sorted: Vec<(String, i64)> = map.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut words = WordList::default();
        let mut freqs = Vec::with_capacity(sorted.len());
        let mut keys: Vec<(&[u8], u32)> = Vec::with_capacity(sorted.len());
        for (word, freq) in &sorted {
            words.text.push_str(word);
            words.ends.push(words.text.len() as u32);
            freqs.push(*freq);
        }
        for (id, (word, _)) in sorted.iter().enumerate() {
            if trie_can_hold(word) {
                keys.push((word.as_bytes(), id as u32));
            }
        }
        let bytes = if keys.is_empty() {
            // yada rejects an empty key set; a trie holding one unreachable key is empty.
            DoubleArrayBuilder::build(&[(&[0xFFu8][..], 0u32)]).expect("one-key trie")
        } else {
            DoubleArrayBuilder::build(&keys).expect("sorted, unique, non-empty keys without NUL")
        };
        let log_freqs = freqs.iter().map(|&f| if f > 0 { py_log(f) } else { f64::NAN }).collect();
        Dictionary {
            trie: DoubleArray::new(bytes).expect("freshly built trie"),
            words,
            freqs,
            log_freqs,
            total,
            log_total: py_log(total),
        }
    }

    /// Parses a dictionary in jieba's main-dictionary format (`word freq [tag]` per line),
    /// as `Tokenizer.gen_pfdict` does: each line is stripped of ASCII whitespace, decoded
    /// as UTF-8 and split on single spaces; any failure names the file and line.
    pub fn parse_jieba(data: &[u8], file_name: &str) -> Result<Vec<(String, i64)>> {
        let mut entries = Vec::new();
        for (index, raw) in data.split_inclusive(|&b| b == b'\n').enumerate() {
            let line = trim_py_bytes(raw);
            let bad = || Error::InvalidEntry {
                file: file_name.to_string(),
                line: index + 1,
                text: String::from_utf8_lossy(line).into_owned(),
            };
            let text = std::str::from_utf8(line).map_err(|_| bad())?;
            let mut parts = text.split(' ');
            let word = parts.next().ok_or_else(bad)?;
            let freq = parts.next().and_then(parse_int).ok_or_else(bad)?;
            entries.push((word.to_string(), freq));
        }
        Ok(entries)
    }

    /// jieba's bundled dictionary (`dict.txt` of jieba 0.42.1).
    pub fn jieba_default() -> Self {
        let entries = Self::parse_jieba(crate::data::JIEBA_DICT, "dict.txt").expect("bundled dictionary parses");
        Self::from_entries(entries).expect("bundled dictionary fits")
    }

    pub fn total(&self) -> i64 {
        self.total
    }

    pub fn log_total(&self) -> f64 {
        self.log_total
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.len() == 0
    }

    fn id_of(&self, word: &str) -> Option<usize> {
        if trie_can_hold(word) {
            self.trie.exact_match_search(word).map(|id| id as usize)
        } else {
            let i = self.words.lower_bound(word);
            (i < self.words.len() && self.words.get(i) == word).then_some(i)
        }
    }

    /// jieba's `FREQ.get(word)`: the frequency of a word, `Some(0)` for a string that is
    /// only a prefix of some word, `None` for anything else.
    pub fn freq(&self, word: &str) -> Option<i64> {
        if let Some(id) = self.id_of(word) {
            return Some(self.freqs[id]);
        }
        if word.is_empty() {
            return None;
        }
        let i = self.words.lower_bound(word);
        (i < self.words.len() && self.words.get(i).starts_with(word)).then_some(0)
    }

    /// `FREQ.get(word)` used as a truth value, the test jieba applies in the HMM buffer
    /// and the search n-grams.
    #[inline]
    pub fn has_positive(&self, word: &str) -> bool {
        self.id_of(word).is_some_and(|id| self.freqs[id] != 0)
    }

    /// Calls `edge(end, log_freq)` for every word with a non-zero frequency that starts
    /// `text`, shortest first; `end` is the word's length in bytes.
    #[inline]
    pub fn for_each_prefix_word(&self, text: &[u8], mut edge: impl FnMut(usize, f64)) {
        for (id, len) in self.trie.common_prefix_search(text) {
            let id = id as usize;
            if self.freqs[id] != 0 {
                edge(len, self.log_freqs[id]);
            }
        }
    }

    /// All words with their frequencies, in byte order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        (0..self.words.len()).map(move |id| (self.words.get(id), self.freqs[id]))
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
    fn parse_errors_name_file_and_line() {
        let err = Dictionary::parse_jieba("a 1\nb x\n".as_bytes(), "d.txt").unwrap_err();
        assert_eq!(err.to_string(), "invalid dictionary entry in d.txt at Line 2: b x");
        assert!(Dictionary::parse_jieba(b"\xff 1\n", "d.txt").is_err());
        assert_eq!(Dictionary::parse_jieba(b"a 1 n\r\nb 2", "d").unwrap(), vec![("a".into(), 1), ("b".into(), 2)]);
    }

    #[test]
    fn odd_words_are_looked_up_without_the_trie() {
        let d = Dictionary::from_entries([("", 4), ("a\0b", 2), ("c", 1)]).unwrap();
        assert_eq!(d.freq(""), Some(4));
        assert_eq!(d.freq("a\0b"), Some(2));
        assert_eq!(d.freq("a"), Some(0));
        assert_eq!(d.total(), 7);
    }
}
