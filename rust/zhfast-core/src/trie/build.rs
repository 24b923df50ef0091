//! Building the double array of a [`CharTrie`], hottest nodes first.
//!
//! A segmenter walks the trie from every character of the text, and which nodes it
//! touches follows the words' frequencies: on the SIGHAN + 围城 text, 90% of the node
//! reads go to about 82,000 of the bundled dictionary's 770,000 nodes.  A double array
//! built in key order (as general-purpose builders such as `crawdad` do) scatters those
//! hot nodes over the whole 12 MB array, so nearly every step misses the cache and the
//! TLB.  This builder places nodes in order of their weight (the summed frequency of the
//! words below them), so the hot ones share a compact region at the front of the array.
//!
//! The array is a XOR double array: the child of slot `s` by code `c` is at
//! `base[s] ^ c`, owned by `s` when `check` of that slot is `s`.  Characters are coded by
//! their own weight, so common characters have small codes and the children of a node sit
//! close together.  Code 0 is never used, so the root (slot 0, base 0) has its children in
//! slots 1..=alphabet.
//!
//! Two ways to search for a node's base ([`Placement`]): jieba's bundled dictionary is
//! placed once, by `build.rs`, with an exhaustive first-fit search for its hottest nodes;
//! dictionaries compiled at run time bound every search, which keeps the build linear.

use super::plain::PlainTrie;
use super::{HAS_VALUE, NONE, NO_CHILDREN, UNUSED};
use crate::error::{Error, Result};

/// How the builder searches for each node's base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Nodes in exact weight order; the hottest [`HOT_NODES`] each take the lowest base
    /// that fits.  Densest front, but a node whose children have codes spread over the
    /// alphabet scans the whole front for a fit: on large dictionaries of many distinct
    /// characters the build grew quadratically (20 MB of words took half a minute).
    /// `build.rs` places the bundled dictionary this way, once.
    FirstFit,
    /// Nodes in weight order by quarter-octave buckets of their weight; every search
    /// starts from a position kept per class of node (by how far its children's codes
    /// spread) and moves that position past crowded regions.  Linear; used for every
    /// dictionary compiled at run time.
    Bounded,
}

/// The placed trie: the code table, and per slot `[base, check | HAS_VALUE]` and
/// `[value, payload]`.
pub(super) struct Placed {
    pub(super) codes: Vec<u32>,
    pub(super) links: Vec<[u32; 2]>,
    pub(super) vals: Vec<[u32; 2]>,
}

/// Places `plain` in a double array, with `payload(value)` stored beside each value.
pub(super) fn place(
    mut plain: PlainTrie,
    payload: impl Fn(u32) -> u32,
    placement: Placement,
) -> Result<Placed> {
    let codes = code_table(&mut plain);
    let order = match placement {
        Placement::FirstFit => exact_order(&plain.weight),
        Placement::Bounded => bucket_order(&plain.weight),
    };
    plain.weight = Vec::new(); // not needed any more: 8 bytes a node

    let mut out = Output::with_capacity(plain.len() + plain.len() / 8);
    let mut slot_of = vec![0u32; plain.len()];
    let mut search = Search {
        first_free: 1,
        multi_start: 1,
        limited: placement == Placement::Bounded,
        class_start: [1; CLASSES],
    };
    let mut children: Vec<u32> = Vec::new();
    for (placed, &node) in order.iter().enumerate() {
        if placed == HOT_NODES && placement == Placement::FirstFit {
            // The hot front is laid out: colder nodes with several children go past it.
            search.multi_start = out.links.len();
            search.limited = true;
        }
        let slot = slot_of[node as usize] as usize;
        let value = plain.value[node as usize];
        if value != NONE {
            out.links[slot][1] |= HAS_VALUE;
            out.vals[slot] = [value, payload(value)];
        }
        children.clear();
        children.extend(plain.children(node).map(|c| plain.label[c as usize]));
        if children.is_empty() {
            continue;
        }
        let base = match placement {
            Placement::FirstFit => find_base(&out.used, &children, &mut search)?,
            Placement::Bounded => find_base_bounded(&out.used, &children, &mut search)?,
        };
        out.links[slot][0] = base;
        for child in plain.children(node) {
            let child_slot = base ^ plain.label[child as usize];
            out.take(child_slot as usize, slot as u32);
            slot_of[child as usize] = child_slot;
        }
    }
    if out.links.len() >= (1 << 30) {
        return Err(Error::BadData("dictionary too large for the trie".into()));
    }
    out.links.shrink_to_fit();
    out.vals.shrink_to_fit();
    Ok(Placed {
        codes,
        links: out.links,
        vals: out.vals,
    })
}

/// The arrays being filled, and which slots are taken.
struct Output {
    links: Vec<[u32; 2]>,
    vals: Vec<[u32; 2]>,
    used: Vec<u64>,
}

impl Output {
    fn with_capacity(slots: usize) -> Self {
        let mut links = Vec::with_capacity(slots);
        let mut vals = Vec::with_capacity(slots);
        links.push([NO_CHILDREN, UNUSED]); // the root
        vals.push([NONE, 0]);
        Output {
            links,
            vals,
            used: vec![1], // slot 0 is the root's
        }
    }

    /// Marks `slot` as the child of `parent`.
    fn take(&mut self, slot: usize, parent: u32) {
        if slot >= self.links.len() {
            self.links.resize(slot + 1, [NO_CHILDREN, UNUSED]);
            self.vals.resize(slot + 1, [NONE, 0]);
        }
        if slot / 64 >= self.used.len() {
            self.used.resize(slot / 64 + 1, 0);
        }
        self.used[slot / 64] |= 1 << (slot % 64);
        self.links[slot][1] = parent;
    }
}

/// Character → code (1-based, by descending weight, ties by character), `u32::MAX` for
/// characters in no key; the table covers characters up to the largest one used.  A
/// character weighs what the nodes reached by it weigh together (every key through a
/// node counts once for its character there).  The nodes' labels become codes.
fn code_table(plain: &mut PlainTrie) -> Vec<u32> {
    let size = plain.label.iter().max().map_or(0, |&c| c as usize + 1);
    let mut weight = vec![0u64; size];
    for (&c, &w) in plain.label.iter().zip(&plain.weight).skip(1) {
        weight[c as usize] = weight[c as usize].saturating_add(w);
    }
    let mut chars: Vec<(u32, u64)> = (0..size as u32)
        .zip(weight)
        .filter(|&(_, w)| w > 0)
        .collect();
    chars.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let size = chars
        .iter()
        .map(|&(c, _)| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut codes = vec![u32::MAX; size];
    for (i, &(c, _)) in chars.iter().enumerate() {
        codes[c as usize] = i as u32 + 1;
    }
    for label in plain.label.iter_mut().skip(1) {
        *label = codes[*label as usize];
    }
    codes
}

/// Nodes by descending weight, ties by node number.  A parent weighs at least as much
/// as each child and was numbered before it, so every parent comes before its children.
fn exact_order(weight: &[u64]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..weight.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| weight[b as usize].cmp(&weight[a as usize]).then(a.cmp(&b)));
    order
}

/// Nodes by descending quarter-octave of their weight, ties by node number: a counting
/// sort (a comparison sort of millions of nodes by a key read from another array was a
/// fifth of the build).  The bucket grows with the weight, so parents still come before
/// their children.
fn bucket_order(weight: &[u64]) -> Vec<u32> {
    fn bucket(w: u64) -> usize {
        let top = 63 - (w | 1).leading_zeros() as usize;
        let quarter = if top >= 2 {
            (w >> (top - 2)) as usize & 3
        } else {
            0
        };
        255 - (top * 4 + quarter)
    }
    let mut starts = [0usize; 257];
    for &w in weight {
        starts[bucket(w) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut order = vec![0u32; weight.len()];
    for (node, &w) in weight.iter().enumerate() {
        let b = bucket(w);
        order[starts[b]] = node as u32;
        starts[b] += 1;
    }
    order
}

/// How many nodes (the hottest) are placed first-fit; a walk over typical text spends
/// 90% of its steps in the hottest 82,000 nodes of jieba's dictionary.
const HOT_NODES: usize = 1 << 17;

/// After those, how many 64-slot blocks a node with several children tries from the
/// search start before the start moves up to where it gave up.
const TRIES: usize = 64;

/// Classes of nodes for [`Placement::Bounded`]: by the bit length of the largest child
/// code's block (children of a base in block `b` lie in the aligned group of
/// `2^class` blocks around `b`), so nodes that need the same room share a search start.
const CLASSES: usize = 27;

/// Where the searches for nodes with several children begin.
struct Search {
    /// The lowest free slot.
    first_free: usize,
    /// Where nodes with several children start looking: moves past regions where too many
    /// tries failed, so crowded regions are not scanned again for every node (which made
    /// building quadratic) while the front still fills up with the hottest nodes.
    multi_start: usize,
    /// Whether searches give up after [`TRIES`] (cold nodes) or are strictly first-fit.
    limited: bool,
    /// [`Placement::Bounded`]: the search start of each class of node.
    class_start: [usize; CLASSES],
}

/// `w` with its bits permuted so that bit `i` of the result is bit `i ^ k` of `w`
/// (`k < 64`): one swap of bit groups per set bit of `k`.
fn xor_permute(mut w: u64, k: u32) -> u64 {
    const MASKS: [u64; 6] = [
        0x5555_5555_5555_5555,
        0x3333_3333_3333_3333,
        0x0F0F_0F0F_0F0F_0F0F,
        0x00FF_00FF_00FF_00FF,
        0x0000_FFFF_0000_FFFF,
        0x0000_0000_FFFF_FFFF,
    ];
    for (bit, mask) in MASKS.iter().enumerate() {
        if k & (1 << bit) != 0 {
            let shift = 1 << bit;
            w = ((w & mask) << shift) | ((w >> shift) & mask);
        }
    }
    w
}

/// The free-slot bits of word `i` of the bitmap (all free past its end).
fn free_word(used: &[u64], i: usize) -> u64 {
    !used.get(i).copied().unwrap_or(0)
}

fn is_used(used: &[u64], slot: usize) -> bool {
    used.get(slot / 64)
        .is_some_and(|w| w & (1 << (slot % 64)) != 0)
}

/// The bases in `block` whose child slots (by `codes`) are all free, as bits.  For the
/// bases `64 * block + x`, the child by code `c` is slot
/// `64 * (block ^ (c / 64)) + (x ^ (c % 64))`: one bitmap word, its bits permuted by
/// `c % 64`.  ANDing those words over the children leaves the bases that fit.
#[inline]
fn fitting_bases(used: &[u64], codes: &[u32], block: usize) -> u64 {
    let mut fits = u64::MAX;
    for &code in codes {
        fits &= xor_permute(free_word(used, block ^ (code as usize / 64)), code % 64);
        if fits == 0 {
            break;
        }
    }
    fits
}

fn too_large() -> Error {
    Error::BadData("dictionary too large for the trie".into())
}

/// A base whose child slots (by `codes`) are all free: the lowest one from the search
/// start ([`Placement::FirstFit`]), 64 candidate bases at a time.
fn find_base(used: &[u64], codes: &[u32], search: &mut Search) -> Result<u32> {
    while is_used(used, search.first_free) {
        search.first_free += 1;
    }
    if codes.len() == 1 {
        return Ok(search.first_free as u32 ^ codes[0]);
    }
    // Hot nodes: strictly first-fit, so the front fills densely (it costs about half a
    // second on jieba's dictionary).  Cold ones: from `multi_start`, which moves past
    // crowded regions.
    let mut first_fit = search.first_free;
    let (from, give_up) = if search.limited {
        (&mut search.multi_start, TRIES)
    } else {
        (&mut first_fit, usize::MAX)
    };
    let start = (*from).max(search.first_free) / 64;
    for block in start.. {
        if block >= (1 << 30) / 64 {
            return Err(too_large());
        }
        let fits = fitting_bases(used, codes, block);
        if fits != 0 {
            return Ok((block * 64) as u32 + fits.trailing_zeros());
        }
        if block - start == give_up {
            *from = block * 64;
        }
    }
    unreachable!("the loop returns")
}

/// [`find_base`] for [`Placement::Bounded`]: from the start of the node's class, which
/// moves up to [`TRIES`] blocks below a fit that took longer than that to find.  Each
/// start only moves up, so a build scans each region a bounded number of times.
fn find_base_bounded(used: &[u64], codes: &[u32], search: &mut Search) -> Result<u32> {
    while is_used(used, search.first_free) {
        search.first_free += 1;
    }
    if codes.len() == 1 {
        return Ok(search.first_free as u32 ^ codes[0]);
    }
    let widest = codes.iter().map(|&c| c / 64).max().unwrap_or(0);
    let class = (u32::BITS - widest.leading_zeros()) as usize;
    let from = &mut search.class_start[class];
    let start = (*from).max(search.first_free) / 64;
    for block in start.. {
        if block >= (1 << 30) / 64 {
            return Err(too_large());
        }
        let fits = fitting_bases(used, codes, block);
        if fits != 0 {
            if block - start > TRIES {
                *from = (block - TRIES) * 64;
            }
            return Ok((block * 64) as u32 + fits.trailing_zeros());
        }
    }
    unreachable!("the loop returns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xor_permute_maps_bit_i_to_i_xor_k() {
        for k in 0..64 {
            for i in 0..64 {
                assert_eq!(xor_permute(1 << (i ^ k), k), 1 << i, "{i} {k}");
            }
        }
    }

    #[test]
    fn bucket_order_puts_parents_first() {
        let weight = [10u64, 7, 7, 1, 3, 9, 1 << 40, 0];
        let order = bucket_order(&weight);
        let pos = |n: u32| order.iter().position(|&x| x == n).unwrap();
        assert_eq!(order.len(), weight.len());
        for (a, b) in [(6, 0), (0, 5), (5, 1), (1, 2), (2, 4), (4, 3), (3, 7)] {
            assert!(pos(a) < pos(b), "{a} before {b}: {order:?}");
        }
    }
}
