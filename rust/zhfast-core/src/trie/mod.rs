//! A character-wise double-array trie laid out for the DAG walk: one cache line per step.
//!
//! The double array is built by [`build`] (hottest nodes first, characters
//! coded by frequency), into two parallel arrays of `u32` pairs:
//!
//! ```text
//! links: [base, check | HAS_VALUE]   (8 bytes: what every step reads)
//! vals:  [value, payload]            (8 bytes: read only where a key ends)
//! ```
//!
//! General-purpose double arrays (such as the `crawdad` crate's, which this one replaced)
//! keep a key's value in a separate leaf node at `base ^ 0`, and the dictionary kept
//! `ln(freq)` in a third array indexed by word id.  A walk step that found a word
//! therefore touched three scattered cache lines; profiles showed the DAG build spending
//! over 80% of its time waiting on those loads.  Here a step reads one 8-byte link: the
//! node's `base` for the next step and, in `check`'s top bit, whether a key ends there;
//! only then does it read the node's `value` and the caller's `payload` for it (the
//! dictionary stores a frequency class: an index into a small table of `ln(freq)` that
//! stays in L1/L2).  With 16-byte records holding all four, the walk's working set was
//! twice as large, and a walk in isolation about a fifth slower.
//!
//! `check` is the parent's index (all ones for unused slots); a node without children
//! has a `base` that sends every child index out of range.  Characters are looked up in a
//! code table once per block ([`CharTrie::encode`]) rather than once per step.
//!
//! Serialised form (little-endian `u32`): code count, node count, the code table, zero
//! padding to a 16-byte boundary, the links, then the vals.  It is read in place from the
//! bundled dictionary's blob.

use std::borrow::Cow;
use std::sync::Arc;

use crate::error::Result;
use prefetch::prefetch;

mod build;
mod bytes;
mod plain;
mod prefetch;

pub use build::Placement;
pub(crate) use plain::PlainTrie;

/// `value` of a node where no key ends; also the code of a character the trie lacks.
pub const NONE: u32 = u32::MAX;
/// `base` of a node without children: `NO_CHILDREN ^ code` is beyond any node index.
const NO_CHILDREN: u32 = 0x7fff_ffff;
/// `check` of a slot that no walk may enter.
const UNUSED: u32 = u32::MAX;

/// The bit of `check` that marks a node where a key ends (indexes stay below 2^30).
const HAS_VALUE: u32 = 0x8000_0000;

const BASE: usize = 0;
const CHECK: usize = 1;
const VALUE: usize = 0;
const PAYLOAD: usize = 1;

/// What keeps the memory of a trie read in place alive: the mapped or copied blob its
/// arrays borrow from (`None` for the blob compiled into the binary, and for tries built
/// here, which own their arrays).
pub(crate) type Backing = Option<Arc<dyn std::any::Any + Send + Sync>>;

#[derive(Clone)]
pub struct CharTrie {
    /// Character → code, [`NONE`] for characters in no key.
    codes: Cow<'static, [u32]>,
    /// `[base, check | HAS_VALUE]` per slot.
    links: Cow<'static, [[u32; 2]]>,
    /// `[value, payload]` per slot (`NONE` and 0 where no key ends).
    vals: Cow<'static, [[u32; 2]]>,
    /// Held only to keep borrowed arrays valid (see [`Backing`]).
    _backing: Backing,
}

impl std::fmt::Debug for CharTrie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CharTrie")
            .field("nodes", &self.links.len())
            .field("codes", &self.codes.len())
            .finish()
    }
}

impl CharTrie {
    /// Builds the trie of `(key, value, weight)` records (keys distinct, non-empty,
    /// without NUL or U+FFFF), with `payload(value)` stored beside each value; nodes
    /// are laid out hottest first by weight (see [`build`]).
    #[cfg(test)]
    pub fn build<'k>(
        records: impl IntoIterator<Item = (&'k str, u32, u64)>,
        payload: impl Fn(u32) -> u32,
        placement: Placement,
    ) -> Result<Self> {
        let mut records: Vec<(&str, u32, u64)> = records.into_iter().collect();
        records.sort_unstable_by(|a, b| a.0.cmp(b.0));
        Self::from_plain(PlainTrie::from_sorted_keys(records)?, payload, placement)
    }

    /// Places a plain trie (see [`build`]), with `payload(value)` stored beside each value.
    pub(crate) fn from_plain(
        plain: PlainTrie,
        payload: impl Fn(u32) -> u32,
        placement: Placement,
    ) -> Result<Self> {
        let placed = build::place(plain, payload, placement)?;
        Ok(CharTrie {
            codes: Cow::Owned(placed.codes),
            links: Cow::Owned(placed.links),
            vals: Cow::Owned(placed.vals),
            _backing: None,
        })
    }

    /// The code of `c` ([`NONE`] if no key has it).
    #[inline(always)]
    pub fn code(&self, c: char) -> u32 {
        self.codes.get(c as usize).copied().unwrap_or(NONE)
    }

    /// The codes of `chars`, appended to `out` (what [`Self::for_each_prefix_coded`] walks).
    pub fn encode(&self, chars: &[char], out: &mut Vec<u32>) {
        out.extend(chars.iter().map(|&c| self.code(c)));
    }

    /// The child of `node` by `code`, with its link.
    #[inline(always)]
    fn child(&self, node: u32, code: u32) -> Option<(u32, [u32; 2])> {
        self.child_of(node, self.links[node as usize], code)
    }

    /// [`Self::child`] given `node`'s link, which a walk carries from step to step rather
    /// than reading it again (a load on the walk's critical path).
    #[inline(always)]
    fn child_of(&self, node: u32, link: [u32; 2], code: u32) -> Option<(u32, [u32; 2])> {
        let child = link[BASE] ^ code;
        // A missing code (NONE) or a childless base lands out of range or on a slot whose
        // check is another node.
        self.links
            .get(child as usize)
            .copied()
            .filter(|l| l[CHECK] & !HAS_VALUE == node)
            .map(|l| (child, l))
    }

    /// Starts loading the slot that a walk from the root reaches by `first` then `second`,
    /// and its value, without waiting for either (see
    /// [`crate::Dictionary::prefetch_walk`]).  Reads only the root's child, which is hot;
    /// slots that do not exist are harmless to ask for.
    #[inline(always)]
    pub fn prefetch_second_step(&self, first: u32, second: u32) {
        if let Some(link) = self.links.get((self.links[0][BASE] ^ first) as usize) {
            let slot = (link[BASE] ^ second) as usize;
            prefetch(self.links.as_ptr().wrapping_add(slot));
            prefetch(self.vals.as_ptr().wrapping_add(slot));
        }
    }

    /// `(value, payload)` of the key ending at `node` (whose link says one does).
    #[inline(always)]
    fn val(&self, node: u32) -> [u32; 2] {
        self.vals[node as usize]
    }

    /// The node reached by `key`, if every character of it is an edge.
    fn node_of(&self, key: impl IntoIterator<Item = char>) -> Option<u32> {
        let mut node = 0;
        for c in key {
            node = self.child(node, self.code(c))?.0;
        }
        Some(node)
    }

    /// The value of `key`.
    pub fn exact_match(&self, key: impl IntoIterator<Item = char>) -> Option<u32> {
        let node = self.node_of(key)?;
        Some(self.val(node)[VALUE]).filter(|&v| v != NONE)
    }

    /// `(value, payload)` of the key whose codes ([`Self::encode`]) are `codes`.
    #[inline]
    pub fn exact_match_coded(&self, codes: &[u32]) -> Option<[u32; 2]> {
        let (mut node, mut link) = (0, self.links[0]);
        for &code in codes {
            (node, link) = self.child_of(node, link, code)?;
        }
        // The root's link is not a child's (its `check` is all ones): no empty key.
        (!codes.is_empty() && link[CHECK] & HAS_VALUE != 0).then(|| self.val(node))
    }

    /// Replaces the payload stored with `key`; false when `key` is not in the trie.
    pub fn set_payload(&mut self, key: impl IntoIterator<Item = char>, payload: u32) -> bool {
        match self.node_of(key) {
            Some(node) if self.val(node)[VALUE] != NONE => {
                self.vals.to_mut()[node as usize][PAYLOAD] = payload;
                true
            }
            _ => false,
        }
    }

    /// Calls `found(value, payload, length in chars)` for every key that is a prefix of
    /// the text whose codes ([`Self::encode`]) are `codes`, shortest first.
    #[inline(always)]
    pub fn for_each_prefix_coded(&self, codes: &[u32], mut found: impl FnMut(u32, u32, usize)) {
        let (mut node, mut link) = (0, self.links[0]);
        for (i, &code) in codes.iter().enumerate() {
            match self.child_of(node, link, code) {
                Some((next, next_link)) => {
                    (node, link) = (next, next_link);
                    if link[CHECK] & HAS_VALUE != 0 {
                        let [value, payload] = self.val(next);
                        found(value, payload, i + 1);
                    }
                }
                None => return,
            }
        }
    }

    /// `(value, payload, length in chars)` of every key that is a prefix of `chars`,
    /// shortest first.
    pub fn prefixes<'a>(
        &'a self,
        chars: &'a [char],
    ) -> impl Iterator<Item = (u32, u32, usize)> + 'a {
        let mut node = 0;
        chars
            .iter()
            .map_while(move |&c| {
                let (next, _) = self.child(node, self.code(c))?;
                node = next;
                Some(self.val(next))
            })
            .enumerate()
            .filter(|&(_, [value, _])| value != NONE)
            .map(|(i, [value, payload])| (value, payload, i + 1))
    }
}

#[cfg(test)]
mod tests;
