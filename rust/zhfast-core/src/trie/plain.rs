//! The plain trie a double array is placed from: one node per distinct key prefix, in
//! flat arrays built in one pass over keys in byte order.
//!
//! Nodes are numbered in the order they are created, which for keys in byte order is
//! depth-first preorder: a node's first child (if any) is the next node, and its subtree
//! ends at `end[node]`, where its next sibling starts.  That needs no child lists and no
//! parent links (a list per node cost an allocation each, and most of the builder's time
//! on large dictionaries went to the allocator), and each node costs 20 bytes.

use crate::error::{Error, Result};
use crate::trie::NONE;

/// The plain trie; see the module comment.
pub(crate) struct PlainTrie {
    /// The character of the edge into each node (the root's is 0); replaced by the
    /// character's code once every character's weight is known.
    pub(super) label: Vec<u32>,
    /// Value of the key ending at each node, [`NONE`] where none does.
    pub(super) value: Vec<u32>,
    /// One past the last node of each node's subtree.
    pub(super) end: Vec<u32>,
    /// Each node's weight: the summed `weight + 1` of the keys in its subtree, so that a
    /// parent weighs at least as much as each of its children.
    pub(super) weight: Vec<u64>,
}

impl PlainTrie {
    /// The trie of `(key, value, weight)` records, which must come in strictly increasing
    /// byte order (keys distinct, non-empty, without NUL or U+FFFF); read twice, once to
    /// count the nodes.
    pub(crate) fn from_sorted_keys<'k, I>(records: I) -> Result<Self>
    where
        I: IntoIterator<Item = (&'k str, u32, u64)> + Clone,
    {
        let nodes = count_nodes(records.clone().into_iter().map(|r| r.0));
        Self::from_sorted(records, nodes)
    }

    fn from_sorted<'k>(
        records: impl IntoIterator<Item = (&'k str, u32, u64)>,
        expected_nodes: usize,
    ) -> Result<Self> {
        let mut t = PlainTrie {
            label: Vec::with_capacity(expected_nodes),
            value: Vec::with_capacity(expected_nodes),
            end: Vec::with_capacity(expected_nodes),
            weight: Vec::with_capacity(expected_nodes),
        };
        t.push(0);
        // `path[i]` is the node after the first `i` characters of the previous key.
        let mut path: Vec<u32> = vec![0];
        let mut previous = "";
        for (key, value, weight) in records {
            if key <= previous {
                return Err(Error::BadData("trie keys out of order".into()));
            }
            let common = key
                .chars()
                .zip(previous.chars())
                .take_while(|(a, b)| a == b)
                .count();
            // The nodes below the common prefix are complete: their subtrees end here.
            let next = t.label.len() as u32;
            for &node in &path[common + 1..] {
                t.end[node as usize] = next;
            }
            path.truncate(common + 1);
            for c in key.chars().skip(common) {
                let id = u32::try_from(t.label.len())
                    .ok()
                    .filter(|&id| id < NONE)
                    .ok_or_else(|| Error::BadData("dictionary too large for the trie".into()))?;
                t.push(c as u32);
                path.push(id);
            }
            let last = *path.last().expect("the root") as usize;
            t.value[last] = value;
            t.weight[last] = weight.saturating_add(1);
            previous = key;
        }
        let count = t.label.len() as u32;
        for &node in &path {
            t.end[node as usize] = count;
        }
        // Children come after their parents: sum the weights upwards in reverse.
        for node in (0..t.label.len()).rev() {
            let mut sum = t.weight[node];
            for child in t.children(node as u32) {
                sum = sum.saturating_add(t.weight[child as usize]);
            }
            t.weight[node] = sum;
        }
        Ok(t)
    }

    fn push(&mut self, label: u32) {
        self.label.push(label);
        self.value.push(NONE);
        self.end.push(0);
        self.weight.push(0);
    }

    pub(super) fn len(&self) -> usize {
        self.label.len()
    }

    /// The children of `node`, in the byte order of their characters.
    pub(super) fn children(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        let end = self.end[node as usize];
        let mut next = node + 1;
        std::iter::from_fn(move || {
            let child = next;
            (child < end).then(|| {
                next = self.end[child as usize];
                child
            })
        })
    }
}

/// How many nodes the trie of keys in byte order has (one per character that is not
/// shared with the previous key's prefix), so its arrays are allocated once.
fn count_nodes<'k>(keys: impl IntoIterator<Item = &'k str>) -> usize {
    let mut previous = "";
    let mut count = 1;
    for key in keys {
        let common = key
            .chars()
            .zip(previous.chars())
            .take_while(|(a, b)| a == b)
            .count();
        count += key.chars().count() - common;
        previous = key;
    }
    count
}
