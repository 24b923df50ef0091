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

use std::collections::HashMap;

use crate::error::{Error, Result};

/// A node of the plain (pointer) trie the builder starts from.
struct Plain {
    /// `(code, node)` of each child.
    children: Vec<(u32, u32)>,
    value: Option<u32>,
    weight: u128,
}

/// What the builder produces: the code table and, per slot, `[base, check, value]`
/// (`base`/`check` `None` where unused or childless).
pub struct Placed {
    pub codes: Vec<u32>,
    /// `(base, check, value)` per slot; `check == None` marks a free slot.
    pub slots: Vec<(Option<u32>, Option<u32>, Option<u32>)>,
}

/// Places `(key, value, weight)` records (keys distinct and non-empty) in a double array.
pub fn place(records: &[(&str, u32, u64)]) -> Result<Placed> {
    let codes = code_table(records);
    let plain = plain_trie(records, &codes);

    let mut slots: Vec<(Option<u32>, Option<u32>, Option<u32>)> = vec![(None, None, None); 1];
    let mut used: Vec<u64> = vec![1]; // slot 0 is the root's
    let mut slot_of = vec![0u32; plain.len()];
    // Hottest first.  A parent weighs at least as much as each child and was created
    // before it, so this order places every parent before its children.
    let mut order: Vec<u32> = (0..plain.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        plain[b as usize]
            .weight
            .cmp(&plain[a as usize].weight)
            .then(a.cmp(&b))
    });
    let mut search = Search {
        first_free: 1,
        multi_start: 1,
        limited: false,
    };
    for (placed, &index) in order.iter().enumerate() {
        if placed == HOT_NODES {
            // The hot front is laid out: colder nodes with several children go past it.
            search.multi_start = slots.len();
            search.limited = true;
        }
        let node = &plain[index as usize];
        let slot = slot_of[index as usize] as usize;
        slots[slot].2 = node.value;
        if node.children.is_empty() {
            continue;
        }
        let base = find_base(&used, &node.children, &mut search)?;
        slots[slot].0 = Some(base);
        for &(code, child) in &node.children {
            let child_slot = (base ^ code) as usize;
            if child_slot >= slots.len() {
                slots.resize(child_slot + 1, (None, None, None));
            }
            set_used(&mut used, child_slot);
            slots[child_slot].1 = Some(slot as u32);
            slot_of[child as usize] = child_slot as u32;
        }
    }
    if slots.len() >= (1 << 30) {
        return Err(Error::BadData("dictionary too large for the trie".into()));
    }
    Ok(Placed { codes, slots })
}

/// Character → code (1-based, by descending weight, ties by character), `u32::MAX` for
/// characters in no key; the table covers characters up to the largest one used.
fn code_table(records: &[(&str, u32, u64)]) -> Vec<u32> {
    let mut weight: HashMap<char, u128> = HashMap::new();
    for &(key, _, w) in records {
        for c in key.chars() {
            *weight.entry(c).or_default() += w as u128 + 1;
        }
    }
    let mut chars: Vec<(char, u128)> = weight.into_iter().collect();
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
    codes
}

/// The pointer trie of the records, with each node's weight the sum of its subtree's.
fn plain_trie(records: &[(&str, u32, u64)], codes: &[u32]) -> Vec<Plain> {
    let mut sorted: Vec<&(&str, u32, u64)> = records.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut nodes = vec![Plain {
        children: Vec::new(),
        value: None,
        weight: 0,
    }];
    let mut parent = vec![u32::MAX];
    // The path of the previous key: `path[i]` is the node after its first `i` characters.
    let mut path: Vec<u32> = vec![0];
    let mut previous: Vec<char> = Vec::new();
    for &&(key, value, weight) in &sorted {
        let chars: Vec<char> = key.chars().collect();
        let common = chars
            .iter()
            .zip(&previous)
            .take_while(|(a, b)| a == b)
            .count();
        path.truncate(common + 1);
        for &c in &chars[common..] {
            let from = *path.last().expect("root");
            let id = nodes.len() as u32;
            nodes.push(Plain {
                children: Vec::new(),
                value: None,
                weight: 0,
            });
            parent.push(from);
            nodes[from as usize].children.push((codes[c as usize], id));
            path.push(id);
        }
        let end = *path.last().expect("root") as usize;
        nodes[end].value = Some(value);
        nodes[end].weight += weight as u128 + 1;
        previous = chars;
    }
    // Children were created after their parents: sum the weights upwards in reverse.
    for i in (1..nodes.len()).rev() {
        let w = nodes[i].weight;
        nodes[parent[i] as usize].weight += w;
    }
    for node in &mut nodes {
        node.children.sort_unstable_by_key(|&(code, _)| code);
    }
    nodes
}

fn is_used(used: &[u64], slot: usize) -> bool {
    used.get(slot / 64)
        .is_some_and(|w| w & (1 << (slot % 64)) != 0)
}

fn set_used(used: &mut Vec<u64>, slot: usize) {
    if slot / 64 >= used.len() {
        used.resize(slot / 64 + 1, 0);
    }
    used[slot / 64] |= 1 << (slot % 64);
}

/// How many nodes (the hottest) are placed first-fit; a walk over typical text spends
/// 90% of its steps in the hottest 82,000 nodes of jieba's dictionary.
const HOT_NODES: usize = 1 << 17;

/// After those, how many 64-slot blocks a node with several children tries from the
/// search start before the start moves up to where it gave up.
const TRIES: usize = 64;

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

/// A base whose child slots (by `children`' codes) are all free: the lowest one from the
/// search start, for 64 candidate bases at a time.  For the bases `64 * block + x`, the
/// child by code `c` is slot `64 * (block ^ (c / 64)) + (x ^ (c % 64))`: one bitmap word,
/// its bits permuted by `c % 64`.  ANDing those words over the children leaves the bases
/// that fit.
fn find_base(used: &[u64], children: &[(u32, u32)], search: &mut Search) -> Result<u32> {
    while is_used(used, search.first_free) {
        search.first_free += 1;
    }
    if children.len() == 1 {
        return Ok(search.first_free as u32 ^ children[0].0);
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
            return Err(Error::BadData("dictionary too large for the trie".into()));
        }
        let mut fits = u64::MAX;
        for &(code, _) in children {
            fits &= xor_permute(free_word(used, block ^ (code as usize / 64)), code % 64);
            if fits == 0 {
                break;
            }
        }
        if fits != 0 {
            return Ok((block * 64) as u32 + fits.trailing_zeros());
        }
        if block - start == give_up {
            *from = block * 64;
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
}
