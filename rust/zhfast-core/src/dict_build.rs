//! Compiling dictionary entries into the flat arrays a [`crate::Dictionary`] reads.
//!
//! Shared by the library (custom dictionaries, merges of user words) and by `build.rs`,
//! which compiles jieba's bundled dictionary once, at build time.

use std::collections::HashMap;

use yada::builder::DoubleArrayBuilder;

use crate::error::{Error, Result};

/// Everything a dictionary holds, as owned arrays indexed by word id (byte order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DictParts {
    /// `yada` double-array: word bytes → word id.
    pub trie: Vec<u8>,
    /// All words concatenated; word `i` ends at `ends[i]`.
    pub text: String,
    pub ends: Vec<u32>,
    pub freqs: Vec<i64>,
    /// Part-of-speech tag of each word as an index into `tag_names` (posseg reads it).
    pub tags: Vec<u16>,
    pub tag_names: Vec<String>,
    pub total: i64,
}

/// `yada` cannot hold an empty key or one with a NUL byte.  Such words can never match
/// inside a block (blocks hold neither), so they live only in the sorted word list.
pub fn trie_can_hold(word: &str) -> bool {
    !word.is_empty() && !word.as_bytes().contains(&0)
}

/// Builds the arrays from `(word, freq, tag)` applied in order, with jieba's semantics: a
/// repeated word keeps its last frequency and tag, and `total` adds every entry.
pub fn build_parts<I, S, T>(entries: I) -> Result<DictParts>
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
        total = total.checked_add(freq).ok_or_else(|| Error::FrequencyOutOfRange(freq.to_string()))?;
        let tag = tag.as_ref();
        let tag_id = match tag_ids.get(tag) {
            Some(&id) => id,
            None => {
                let id = u16::try_from(tag_names.len()).map_err(|_| Error::BadData("more than 65535 tags".into()))?;
                tag_ids.insert(tag.to_string(), id);
                tag_names.push(tag.to_string());
                id
            }
        };
        map.insert(word.into(), (freq, tag_id));
    }
    let mut sorted: Vec<(String, (i64, u16))> = map.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let mut parts = DictParts { tag_names, total, ..Default::default() };
    parts.text.reserve(sorted.iter().map(|(w, _)| w.len()).sum());
    for (word, (freq, tag)) in &sorted {
        parts.text.push_str(word);
        parts.ends.push(u32::try_from(parts.text.len()).map_err(|_| Error::BadData("dictionary over 4 GiB".into()))?);
        parts.freqs.push(*freq);
        parts.tags.push(*tag);
    }
    let keys: Vec<(&[u8], u32)> = sorted
        .iter()
        .enumerate()
        .filter(|(_, (w, _))| trie_can_hold(w))
        .map(|(id, (w, _))| (w.as_bytes(), id as u32))
        .collect();
    parts.trie = if keys.is_empty() {
        // yada rejects an empty key set; one key that no UTF-8 text contains is empty enough.
        DoubleArrayBuilder::build(&[(&[0xFFu8][..], 0u32)])
    } else {
        DoubleArrayBuilder::build(&keys)
    }
    .map_err(|e| Error::BadData(format!("trie: {e}")))?;
    Ok(parts)
}
