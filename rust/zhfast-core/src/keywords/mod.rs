//! Keyword extraction after the cut (jieba's `analyse`): [`tfidf`] and [`textrank`]
//! rank the words, the IDF table they weigh with is compiled in ([`IdfTable`]), and
//! both return keys (a word, or a word and its tag) with weights, ordered as jieba
//! orders them.  Which words count is jieba's word test over a stop-word set
//! ([`keeps_word`], [`StopWordSet`]).

use std::cmp::Ordering;

use key_index::WordMap;

mod idf_table;
mod key_index;
mod short_eq;
mod stop_words;
pub mod textrank;
pub mod tfidf;

pub use idf_table::IdfTable;
pub(crate) use key_index::KeyIndex;
pub use stop_words::{keeps_word, StopWordSet};

/// A keyword: `word`, its `flag` when keys are `(word, flag)` pairs (else empty), and
/// its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighted<'t> {
    /// The word.
    pub word: &'t str,
    /// Its tag, or empty when keys are words alone.
    pub flag: &'t str,
    /// Its weight.
    pub weight: f64,
}

/// `sorted(weights, key=weight, reverse=True)[:top_k]`: heaviest first, equal weights
/// in their first-seen order (Python's sort is stable, `reverse` included).  `None` when
/// a weight is NaN, where Python's order depends on the comparison sequence: the caller
/// takes jieba's own path.
pub fn by_weight(mut items: Vec<Weighted<'_>>, top_k: Option<usize>) -> Option<Vec<Weighted<'_>>> {
    if items.iter().any(|w| w.weight.is_nan()) {
        return None;
    }
    // Weight descending, then position: a total order, so selecting the first `top_k`
    // and sorting them gives the stable sort's prefix.
    let mut order: Vec<(f64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, w)| (w.weight, i as u32))
        .collect();
    let cmp = |a: &(f64, u32), b: &(f64, u32)| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then(a.1.cmp(&b.1))
    };
    if let Some(k) = top_k.filter(|&k| k < order.len()) {
        if k == 0 {
            order.clear();
        } else {
            order.select_nth_unstable_by(k - 1, cmp);
            order.truncate(k);
        }
    }
    order.sort_unstable_by(cmp);
    let picked = order.iter().map(|&(_, i)| items[i as usize]).collect();
    items.clear();
    Some(picked)
}

/// `keep(word)` asked once per distinct word (jieba asks per occurrence; the answer
/// depends on the word alone).
pub struct Memo<'t, F> {
    seen: WordMap<&'t str, bool>,
    test: F,
}

impl<'t, F: FnMut(&str) -> bool> Memo<'t, F> {
    /// Memoises `test`.
    pub fn new(test: F) -> Self {
        Memo {
            seen: WordMap::default(),
            test,
        }
    }

    /// `test(word)`, asked the first time only.
    pub fn keep(&mut self, word: &'t str) -> bool {
        if let Some(&k) = self.seen.get(word) {
            return k;
        }
        let k = (self.test)(word);
        self.seen.insert(word, k);
        k
    }
}

impl IdfTable<'static> {
    /// jieba's `analyse/idf.txt`, compiled into the binary and read in place.
    pub fn bundled() -> Self {
        IdfTable::new(crate::data::IDF_BLOB).expect("the compiled IDF table is well formed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_k_is_the_stable_sorts_prefix() {
        let weights = [1.0, 3.0, 2.0, 3.0, 1.0, 2.0, 3.0, 0.5];
        let items: Vec<Weighted> = weights
            .iter()
            .enumerate()
            .map(|(i, &w)| Weighted {
                word: ["a", "b", "c", "d", "e", "f", "g", "h"][i],
                flag: "",
                weight: w,
            })
            .collect();
        let all = by_weight(items.clone(), None).unwrap();
        let words: Vec<&str> = all.iter().map(|w| w.word).collect();
        assert_eq!(words, ["b", "d", "g", "c", "f", "a", "e", "h"]);
        for k in 0..10 {
            assert_eq!(
                by_weight(items.clone(), Some(k)).unwrap(),
                all[..k.min(all.len())]
            );
        }
        let nan = vec![Weighted {
            word: "x",
            flag: "",
            weight: f64::NAN,
        }];
        assert!(by_weight(nan, None).is_none());
    }
}
