//! Compiling dictionary entries into the flat arrays a dictionary reads: jieba's text
//! format in (`text.rs`), the arrays and their trie (here), and the binary form they are
//! stored in (`blob.rs`).
//!
//! Shared by the library (custom dictionaries, merges of user words) and by `build.rs`,
//! which compiles jieba's bundled dictionary once, at build time.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::trie::CharTrie;

pub(crate) mod blob;
pub(crate) mod text;

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
    S: Into<String>,
    T: AsRef<str>,
{
    let mut tag_ids: HashMap<String, u16> = HashMap::new();
    let mut tag_names: Vec<String> = vec![String::new()];
    tag_ids.insert(String::new(), 0);
    let mut map: HashMap<String, (i64, u16)> = HashMap::new();
    let mut total: i64 = 0;
    for (word, freq, tag) in entries {
        total = total
            .checked_add(freq)
            .ok_or_else(|| Error::FrequencyOutOfRange(freq.to_string()))?;
        let tag = tag.as_ref();
        let tag_id = match tag_ids.get(tag) {
            Some(&id) => id,
            None => {
                let id = u16::try_from(tag_names.len())
                    .map_err(|_| Error::BadData("more than 65535 tags".into()))?;
                tag_ids.insert(tag.to_string(), id);
                tag_names.push(tag.to_string());
                id
            }
        };
        map.insert(word.into(), (freq, tag_id));
    }
    let mut sorted: Vec<(String, (i64, u16))> = map.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let mut parts = DictParts {
        tag_names,
        total,
        ..Default::default()
    };
    let count = u32::try_from(sorted.len()).map_err(|_| Error::BadData("too many words".into()))?;
    // Ids by descending frequency; `sort_by` is stable, so ties stay in byte order.
    let mut by_freq: Vec<u32> = (0..count).collect();
    by_freq.sort_by(|&a, &b| sorted[b as usize].1 .0.cmp(&sorted[a as usize].1 .0));
    parts.sorted = vec![0; sorted.len()];
    for (id, &rank) in by_freq.iter().enumerate() {
        parts.sorted[rank as usize] = id as u32;
    }
    parts
        .text
        .reserve(sorted.iter().map(|(w, _)| w.len()).sum());
    let mut class_of_freq: HashMap<i64, u32> = HashMap::from([(0, ZERO_CLASS)]);
    parts.classes.push(0);
    let mut word_classes = Vec::with_capacity(sorted.len());
    for &rank in &by_freq {
        let (word, (freq, tag)) = &sorted[rank as usize];
        parts.text.push_str(word);
        parts.ends.push(
            u32::try_from(parts.text.len())
                .map_err(|_| Error::BadData("dictionary over 4 GiB".into()))?,
        );
        parts.freqs.push(*freq);
        parts.tags.push(*tag);
        let next = parts.classes.len() as u32;
        let class = *class_of_freq.entry(*freq).or_insert(next);
        if class == next {
            parts.classes.push(*freq);
        }
        word_classes.push(class);
    }
    // Weighted by frequency, so the trie lays out the words a text meets most together.
    let keys = sorted
        .iter()
        .zip(&parts.sorted)
        .filter(|((w, _), _)| trie_can_hold(w))
        .map(|((w, (f, _)), &id)| (w.as_str(), id, (*f).max(0) as u64));
    if keys.clone().next().is_some() {
        parts.trie = Some(CharTrie::build(keys, |id| word_classes[id as usize])?);
    }
    Ok(parts)
}
