//! A character-wise double-array trie read in place from its serialised bytes.
//!
//! The trie is built by the `crawdad` crate (a double array over characters, coded by
//! frequency so that common characters have small codes and their nodes sit together).
//! `crawdad`'s own `Trie` copies its arrays into fresh vectors when it loads; the bundled
//! dictionary's trie is 5 MB, so that would cost milliseconds and megabytes of resident
//! memory at every start.  This view walks the same arrays where they lie — in the
//! compiled-in blob — and is checked against `crawdad`'s own search in the tests.
//!
//! Layout of `crawdad` 0.4's serialisation (all little-endian `u32`): the code table's
//! length, the code table (character → code, `u32::MAX` for none), the alphabet size, the
//! node count, then `(base, check)` per node.  The top bit of `base` marks a leaf (whose
//! value is the rest of `base`), the top bit of `check` marks a node that also ends a key
//! (its value lives in the leaf at `base ^ 0`).

use std::borrow::Cow;

use crate::error::{Error, Result};

const OFFSET_MASK: u32 = 0x7fff_ffff;
const INVALID_CODE: u32 = u32::MAX;

#[derive(Clone)]
pub struct CharTrie {
    codes: Cow<'static, [u32]>,
    /// `[base, check]` per node.
    nodes: Cow<'static, [[u32; 2]]>,
}

fn u32_at(bytes: &[u8], at: usize) -> Result<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
        .ok_or_else(|| Error::BadData("truncated trie".into()))
}

impl CharTrie {
    /// Splits serialised bytes into (code table, nodes) byte ranges.
    fn sections(bytes: &[u8]) -> Result<(std::ops::Range<usize>, std::ops::Range<usize>)> {
        let n_codes = u32_at(bytes, 0)? as usize;
        let codes = 4..4 + 4 * n_codes;
        let n_nodes = u32_at(bytes, codes.end + 4)? as usize;
        let nodes_start = codes.end + 8;
        let nodes = nodes_start..nodes_start + 8 * n_nodes;
        if nodes.end != bytes.len() {
            return Err(Error::BadData("trie size".into()));
        }
        Ok((codes, nodes))
    }

    /// Reads the trie in place; `bytes` must be 4-byte aligned (the blob's sections are).
    pub fn borrowed(bytes: &'static [u8]) -> Result<Self> {
        let (codes, nodes) = Self::sections(bytes)?;
        let misaligned = || Error::BadData("misaligned trie".into());
        Ok(CharTrie {
            codes: Cow::Borrowed(bytemuck::try_cast_slice(&bytes[codes]).map_err(|_| misaligned())?),
            nodes: Cow::Borrowed(bytemuck::try_cast_slice(&bytes[nodes]).map_err(|_| misaligned())?),
        })
    }

    /// Copies the trie out of `bytes` (any alignment).
    pub fn owned(bytes: &[u8]) -> Result<Self> {
        let (codes, nodes) = Self::sections(bytes)?;
        let words = |r: std::ops::Range<usize>| bytes[r].chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")));
        let node_words: Vec<u32> = words(nodes).collect();
        Ok(CharTrie {
            codes: Cow::Owned(words(codes).collect()),
            nodes: Cow::Owned(node_words.chunks_exact(2).map(|p| [p[0], p[1]]).collect()),
        })
    }

    /// The largest value stored (to check a loaded trie against its word count).
    pub fn max_value(&self) -> Option<u32> {
        (0..self.nodes.len() as u32).filter_map(|i| self.value(i)).max()
    }

    #[inline(always)]
    fn code(&self, c: char) -> Option<u32> {
        self.codes.get(c as usize).copied().filter(|&code| code != INVALID_CODE)
    }

    #[inline(always)]
    fn node(&self, i: u32) -> Option<[u32; 2]> {
        self.nodes.get(i as usize).copied()
    }

    #[inline(always)]
    fn child(&self, node: u32, code: u32) -> Option<u32> {
        let [base, _] = self.node(node)?;
        if base & !OFFSET_MASK != 0 {
            return None; // a leaf has no children
        }
        let child = (base & OFFSET_MASK) ^ code;
        let [_, check] = self.node(child)?;
        (check & OFFSET_MASK == node).then_some(child)
    }

    /// The value of the key ending at `node`, if one does.
    #[inline(always)]
    fn value(&self, node: u32) -> Option<u32> {
        let [base, check] = self.node(node)?;
        if base & !OFFSET_MASK != 0 {
            Some(base & OFFSET_MASK)
        } else if check & !OFFSET_MASK != 0 {
            self.node(base & OFFSET_MASK).map(|[leaf_base, _]| leaf_base & OFFSET_MASK)
        } else {
            None
        }
    }

    /// The value of `key`.
    pub fn exact_match(&self, key: impl IntoIterator<Item = char>) -> Option<u32> {
        let mut node = 0;
        for c in key {
            node = self.child(node, self.code(c)?)?;
        }
        self.value(node)
    }

    /// Calls `found(value, length in chars)` for every key that is a prefix of `chars`,
    /// shortest first.
    #[inline]
    pub fn for_each_prefix(&self, chars: &[char], mut found: impl FnMut(u32, usize)) {
        for (v, n) in self.prefixes(chars) {
            found(v, n);
        }
    }

    /// `(value, length in chars)` of every key that is a prefix of `chars`, shortest first.
    #[inline]
    pub fn prefixes<'a>(&'a self, chars: &'a [char]) -> Prefixes<'a> {
        Prefixes { trie: self, chars, pos: 0, node: 0 }
    }
}

/// Iterator of [`CharTrie::prefixes`].
pub struct Prefixes<'a> {
    trie: &'a CharTrie,
    chars: &'a [char],
    pos: usize,
    node: u32,
}

impl Iterator for Prefixes<'_> {
    type Item = (u32, usize);

    #[inline]
    fn next(&mut self) -> Option<(u32, usize)> {
        while let Some(&c) = self.chars.get(self.pos) {
            let code = self.trie.code(c);
            match code.and_then(|code| self.trie.child(self.node, code)) {
                Some(next) => self.node = next,
                None => {
                    self.pos = self.chars.len();
                    return None;
                }
            }
            self.pos += 1;
            if let Some(v) = self.trie.value(self.node) {
                return Some((v, self.pos));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_crawdad() {
        let records = [("世界", 0u32), ("世界中", 1), ("国民", 2), ("国", 3), ("a", 4), ("ab𠀀", 5)];
        let built = crawdad::Trie::from_records(records).unwrap();
        let bytes = built.serialize_to_vec();
        let ours = CharTrie::owned(&bytes).unwrap();
        for (key, value) in records {
            assert_eq!(ours.exact_match(key.chars()), Some(value));
            assert_eq!(built.exact_match(key.chars()), Some(value));
        }
        for text in ["世界中の国民", "国民", "ab𠀀c", "世", "zzz", ""] {
            let chars: Vec<char> = text.chars().collect();
            let mut mine = Vec::new();
            ours.for_each_prefix(&chars, |v, n| mine.push((v, n)));
            let theirs: Vec<(u32, usize)> = built.common_prefix_search(chars.iter().copied()).collect();
            assert_eq!(mine, theirs, "{text}");
            assert_eq!(ours.exact_match(text.chars()), built.exact_match(text.chars()), "{text}");
        }
        assert!(CharTrie::owned(&bytes[..bytes.len() - 1]).is_err());
    }
}
