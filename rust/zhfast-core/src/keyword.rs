//! What TF-IDF and TextRank return: keys (a word, or a word and its tag) with weights,
//! ordered as jieba orders them.

use std::cmp::Ordering;
use std::collections::HashMap;

/// A keyword: `word`, its `flag` when keys are `(word, flag)` pairs (else empty), and
/// its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighted<'t> {
    pub word: &'t str,
    pub flag: &'t str,
    pub weight: f64,
}

/// `sorted(weights, key=weight, reverse=True)`: heaviest first, equal weights in
/// their first-seen order (Python's sort is stable, `reverse` included).  `None` when a
/// weight is NaN, where Python's order depends on the comparison sequence: the caller
/// takes jieba's own path.
pub fn by_weight(mut items: Vec<Weighted<'_>>) -> Option<Vec<Weighted<'_>>> {
    if items.iter().any(|w| w.weight.is_nan()) {
        return None;
    }
    items.sort_by(|a, b| b.weight.partial_cmp(&a.weight).unwrap_or(Ordering::Equal));
    Some(items)
}

/// Interns keys to dense ids in first-seen order, as a Python dict orders its keys.
#[derive(Default)]
pub struct KeyIndex<'t> {
    ids: HashMap<(&'t str, &'t str), u32>,
    pub keys: Vec<(&'t str, &'t str)>,
}

impl<'t> KeyIndex<'t> {
    /// The id of `key` and whether it is new.
    pub fn intern(&mut self, key: (&'t str, &'t str)) -> (u32, bool) {
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
        }
        (id, id == next)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// `keep(word)` asked once per distinct word (jieba asks per occurrence; the answer
/// depends on the word alone).
pub struct Memo<'t, F> {
    seen: HashMap<&'t str, bool>,
    test: F,
}

impl<'t, F: FnMut(&str) -> bool> Memo<'t, F> {
    pub fn new(test: F) -> Self {
        Memo { seen: HashMap::new(), test }
    }

    pub fn keep(&mut self, word: &'t str) -> bool {
        if let Some(&k) = self.seen.get(word) {
            return k;
        }
        let k = (self.test)(word);
        self.seen.insert(word, k);
        k
    }
}
