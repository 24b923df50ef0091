//! Compiling dictionary entries into the flat arrays a dictionary reads: jieba's text
//! format in (`text.rs`), the arrays and their trie (here), and the binary form they are
//! stored in (`blob.rs`).
//!
//! Shared by the library (custom dictionaries, merges of user words) and by `build.rs`,
//! which compiles jieba's bundled dictionary once, at build time.

use crate::error::{Error, Result};
use crate::trie::{CharTrie, Placement, PlainTrie};

pub(crate) mod blob;
mod entries;
pub(crate) mod text;

pub(crate) use entries::Entries;
use entries::SortedWords;

/// Everything a dictionary holds, as owned arrays indexed by word id.
///
/// Word ids follow descending frequency (ties in byte order), not the words' byte order:
/// arrays indexed by id — frequencies, and the bindings' cache of one string object per
/// word — then keep the words a text meets most in a few cache lines at their front.
/// `sorted` lists the ids in the words' byte order, for prefix searches.
#[derive(Debug, Clone, Default)]
pub(crate) struct DictParts {
    /// Word → (word id, frequency class); `None` when no word can be in a trie.  Kept
    /// built (a dictionary uses it as it is; only a blob serialises it).
    pub(crate) trie: Option<CharTrie>,
    /// All words concatenated; word `i` ends at `ends[i]`.
    pub(crate) text: String,
    pub(crate) ends: Vec<u32>,
    pub(crate) freqs: Vec<i64>,
    /// Word ids in the byte order of their words.
    pub(crate) sorted: Vec<u32>,
    /// The distinct frequencies, by class: the trie stores each word's class, so a walk
    /// finds `ln(freq)` in a table of a few thousand entries instead of one per word.
    /// Class [`ZERO_CLASS`] is frequency 0 (whether or not a word has it), so whether a
    /// word is an edge at all needs no table.
    pub(crate) classes: Vec<i64>,
    /// Part-of-speech tag of each word as an index into `tag_names` (posseg reads it).
    pub(crate) tags: Vec<u16>,
    pub(crate) tag_names: Vec<String>,
    pub(crate) total: i64,
}

/// The class of frequency 0: words that are no edge of jieba's DAG.
pub(crate) const ZERO_CLASS: u32 = 0;
const ZERO_FREQ: i64 = 0;

/// `ln` as Python's `math.log` computes it for a positive int (C's `log` of the float).
#[inline]
pub(crate) fn py_log(x: i64) -> f64 {
    (x as f64).ln()
}

/// What the route adds for a word of frequency `freq`, with two markers folded in so
/// that the trie walk reads one array: `+inf` for frequency 0 (no edge), NaN for a
/// negative frequency (an edge on which jieba's `log` raises).
pub(crate) fn edge_log(freq: i64) -> f64 {
    match freq {
        0 => f64::INFINITY,
        f if f > 0 => py_log(f),
        _ => f64::NAN,
    }
}

/// The trie cannot hold an empty key or one with its terminator U+FFFF (nor, to be safe,
/// NUL).  Such words can never match inside a block (blocks hold none of these), so they
/// live only in the sorted word list.
pub(crate) fn trie_can_hold(word: &str) -> bool {
    !word.is_empty() && !word.contains(['\0', '\u{FFFF}'])
}

/// Builds the arrays from `(word, freq, tag)` applied in order, with jieba's semantics: a
/// repeated word keeps its last frequency and tag, and `total` adds every entry.
pub(crate) fn build_parts<I, S, T>(entries: I) -> Result<DictParts>
where
    I: IntoIterator<Item = (S, i64, T)>,
    S: AsRef<str>,
    T: AsRef<str>,
{
    let mut collected = Entries::new();
    for (word, freq, tag) in entries {
        collected.push(word.as_ref(), freq, tag.as_ref())?;
    }
    collected.compile(Placement::Bounded)
}

impl Entries {
    /// The dictionary of these entries, its trie placed by `placement`.
    pub(crate) fn compile(self, placement: Placement) -> Result<DictParts> {
        self.into_sorted()?.compile(placement)
    }
}

impl SortedWords {
    fn compile(mut self, placement: Placement) -> Result<DictParts> {
        let count =
            u32::try_from(self.len()).map_err(|_| Error::BadData("too many words".into()))?;
        // Ids by descending frequency, ties in byte order: `(key, rank)` pairs, where the
        // key orders frequencies downwards.
        let mut by_freq: Vec<(u64, u32)> = (0..count)
            .map(|rank| (!((self.freqs[rank as usize] as u64) ^ (1 << 63)), rank))
            .collect();
        by_freq.sort_unstable();

        let n = self.len();
        let mut parts = DictParts {
            total: self.total,
            text: String::with_capacity(self.words().map(str::len).sum()),
            ends: Vec::with_capacity(n),
            freqs: Vec::with_capacity(n),
            tags: Vec::with_capacity(n),
            sorted: vec![0; n],
            classes: vec![0],
            ..Default::default()
        };
        // Frequencies come in descending order, so each new one is a new class.
        let mut word_classes: Vec<u32> = Vec::with_capacity(n);
        let mut last_freq = None;
        for (id, &(_, rank)) in (0..count).zip(&by_freq) {
            let rank = rank as usize;
            let freq = self.freqs[rank];
            parts.text.push_str(self.word(rank));
            parts.ends.push(parts.text.len() as u32);
            parts.freqs.push(freq);
            parts.tags.push(self.tags[rank]);
            parts.sorted[rank] = id;
            if freq != ZERO_FREQ && last_freq != Some(freq) {
                parts.classes.push(freq);
            }
            last_freq = Some(freq);
            word_classes.push(if freq == ZERO_FREQ {
                ZERO_CLASS
            } else {
                parts.classes.len() as u32 - 1
            });
        }
        drop(by_freq);

        // Weighted by frequency, so the trie lays out the words a text meets most together.
        let plain = {
            let keys = self
                .words()
                .zip(&parts.sorted)
                .zip(&self.freqs)
                .map(|((w, &id), &f)| (w, id, f.max(0) as u64))
                .filter(|(w, _, _)| trie_can_hold(w));
            match keys.clone().next() {
                Some(_) => Some(PlainTrie::from_sorted_keys(keys)?),
                None => None,
            }
        };
        // The words are copied: free them before the trie is placed.
        parts.tag_names = std::mem::take(&mut self.tag_names);
        drop(self);
        if let Some(plain) = plain {
            parts.trie = Some(CharTrie::from_plain(
                plain,
                |id| word_classes[id as usize],
                placement,
            )?);
        }
        Ok(parts)
    }
}
