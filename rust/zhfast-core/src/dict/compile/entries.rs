//! Dictionary entries as read, in flat arrays: what a compile starts from.
//!
//! A dictionary of millions of lines held as one `String` per word and per tag spent
//! more time in the allocator than in compiling, and three times the file's size in
//! memory; here the words share one buffer, tags are numbered as they are read, and a
//! line costs 14 bytes beside its word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::{Error, Result};

/// Entries in input order: word `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug)]
pub(crate) struct Entries {
    text: String,
    ends: Vec<u32>,
    pub(super) freqs: Vec<i64>,
    /// Tag of each entry, an index into `tag_names` (0 is the empty tag).
    pub(super) tags: Vec<u16>,
    pub(super) tag_names: Vec<String>,
    tag_ids: HashMap<String, u16, BuildHasherDefault<ShortHasher>>,
    /// jieba's `total`: every entry's frequency added, repeated words included; `Err`
    /// with the frequency that took it out of range (reported once all entries are read,
    /// so that a bad line later in a file is reported first, as before).
    total: std::result::Result<i64, i64>,
}

impl Entries {
    pub(crate) fn new() -> Self {
        let mut tag_ids = HashMap::default();
        tag_ids.insert(String::new(), 0);
        Entries {
            text: String::new(),
            ends: Vec::new(),
            freqs: Vec::new(),
            tags: Vec::new(),
            tag_names: vec![String::new()],
            tag_ids,
            total: Ok(0),
        }
    }

    /// With room for about `lines` entries of `bytes` word bytes in all.
    pub(crate) fn with_capacity(lines: usize, bytes: usize) -> Self {
        let mut entries = Self::new();
        entries.text.reserve(bytes);
        entries.ends.reserve(lines);
        entries.freqs.reserve(lines);
        entries.tags.reserve(lines);
        entries
    }

    /// Appends one entry; fails when the words pass 4 GiB or there are too many tags.
    pub(crate) fn push(&mut self, word: &str, freq: i64, tag: &str) -> Result<()> {
        if let Ok(total) = self.total {
            self.total = total.checked_add(freq).ok_or(freq);
        }
        let tag = match self.tag_ids.get(tag) {
            Some(&id) => id,
            None => {
                let id = u16::try_from(self.tag_names.len())
                    .map_err(|_| Error::BadData("more than 65535 tags".into()))?;
                self.tag_ids.insert(tag.to_string(), id);
                self.tag_names.push(tag.to_string());
                id
            }
        };
        self.text.push_str(word);
        let end = u32::try_from(self.text.len())
            .map_err(|_| Error::BadData("dictionary over 4 GiB".into()))?;
        self.ends.push(end);
        self.freqs.push(freq);
        self.tags.push(tag);
        Ok(())
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The sum of the frequencies, or the error of the entry that overflowed it.
    fn total(&self) -> Result<i64> {
        self.total
            .map_err(|freq| Error::FrequencyOutOfRange(freq.to_string()))
    }

    /// The word of entry `i`.
    #[inline]
    pub(super) fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The distinct words in byte order, each with the frequency and tag of its last
    /// entry (jieba keeps the last ones); the entries are freed.
    pub(super) fn into_sorted(mut self) -> Result<SortedWords> {
        let total = self.total()?;
        // The first eight bytes of each word as a number, beside the entry's index: most
        // comparisons are settled by the number, without reading the words (a sort that
        // read both words for every comparison waited on memory most of its time).
        let mut keys: Vec<(u64, u32)> = (0..self.len())
            .map(|i| {
                let mut head = [0u8; 8];
                let word = self.word(i).as_bytes();
                let n = word.len().min(8);
                head[..n].copy_from_slice(&word[..n]);
                (u64::from_be_bytes(head), i as u32)
            })
            .collect();
        let rest = |i: u32| {
            let word = self.word(i as usize).as_bytes();
            &word[word.len().min(8)..]
        };
        // The head pads a short word with NULs, so `AT&T` and `AT&T\0` tie on head and
        // rest: the shorter is the smaller in byte order.
        let len = |i: u32| self.word(i as usize).len();
        keys.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| rest(a.1).cmp(rest(b.1)))
                .then_with(|| len(a.1).cmp(&len(b.1)))
                .then(a.1.cmp(&b.1))
        });
        // Copied out in that order (the one pass that reads the words out of order), so
        // that every later pass reads them in sequence.
        let mut sorted = SortedWords {
            text: String::with_capacity(self.text.len()),
            ends: Vec::with_capacity(keys.len()),
            freqs: Vec::with_capacity(keys.len()),
            tags: Vec::with_capacity(keys.len()),
            tag_names: std::mem::take(&mut self.tag_names),
            total,
        };
        for (_, i) in keys {
            let i = i as usize;
            let word = self.word(i);
            if sorted
                .ends
                .last()
                .is_some_and(|_| sorted.last_word() == word)
            {
                // A repeat: its entry comes later, so it replaces the frequency and tag.
                *sorted.freqs.last_mut().expect("a word") = self.freqs[i];
                *sorted.tags.last_mut().expect("a word") = self.tags[i];
                continue;
            }
            sorted.text.push_str(word);
            sorted.ends.push(sorted.text.len() as u32);
            sorted.freqs.push(self.freqs[i]);
            sorted.tags.push(self.tags[i]);
        }
        Ok(sorted)
    }
}

/// Distinct words in byte order, with the frequency and tag each keeps.
pub(super) struct SortedWords {
    text: String,
    ends: Vec<u32>,
    pub(super) freqs: Vec<i64>,
    pub(super) tags: Vec<u16>,
    pub(super) tag_names: Vec<String>,
    pub(super) total: i64,
}

impl SortedWords {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The word at `rank` in byte order.
    #[inline]
    pub(super) fn word(&self, rank: usize) -> &str {
        let start = if rank == 0 {
            0
        } else {
            self.ends[rank - 1] as usize
        };
        &self.text[start..self.ends[rank] as usize]
    }

    fn last_word(&self) -> &str {
        self.word(self.len() - 1)
    }

    /// The words in byte order.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        (0..self.len()).map(|rank| self.word(rank))
    }
}

/// FNV-1a, for tag names of a few bytes (SipHash's set-up costs more than the hashing).
#[derive(Default)]
struct ShortHasher(u64);

impl Hasher for ShortHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_entry_of_a_word_wins_and_words_sort_by_bytes() {
        let mut e = Entries::new();
        for (w, f) in [
            ("北京大学", 1),
            ("b", 2),
            ("北京", 3),
            ("abcdefghij", 4),
            ("b", 5),
            ("abcdefgh", 6),
            ("abcdefghi", 7),
            ("", 8),
            ("北京", 9),
        ] {
            e.push(w, f, "n").unwrap();
        }
        assert_eq!((e.total(), e.tag_names.len()), (Ok(45), 2));
        let sorted = e.into_sorted().unwrap();
        let words: Vec<(&str, i64)> = sorted.words().zip(sorted.freqs.iter().copied()).collect();
        assert_eq!(
            words,
            [
                ("", 8),
                ("abcdefgh", 6),
                ("abcdefghi", 7),
                ("abcdefghij", 4),
                ("b", 5),
                ("北京", 9),
                ("北京大学", 1)
            ]
        );
        let mut e = Entries::new();
        e.push("x", 1, "").unwrap();
        e.push("x", i64::MAX, "").unwrap();
        assert!(e.into_sorted().is_err());
    }
}
