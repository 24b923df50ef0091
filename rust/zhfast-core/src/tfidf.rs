//! jieba's `TFIDF.extract_tags` after the cut: count the kept words, weight each by
//! `count * (idf / total)`, order by weight.
//!
//! Exactness: counts are small integers, so `total` is exact in any order, and each
//! weight is formed as jieba forms it (`freq[k] *= idf / total`: the division first).

use crate::keyword::{by_weight, KeyIndex, Memo, Weighted};

/// Weighted keys of `items` (`(word, flag)`, `flag` empty when keys are words), heaviest
/// first; `keep` is jieba's word filter (length and stop words), `idf` its
/// `idf_freq.get`, `median` the default.  `None` when some weight is NaN.
pub fn extract<'t>(
    items: impl IntoIterator<Item = (&'t str, &'t str)>,
    keep: impl FnMut(&str) -> bool,
    mut idf: impl FnMut(&str) -> Option<f64>,
    median: f64,
) -> Option<Vec<Weighted<'t>>> {
    let mut keep = Memo::new(keep);
    let mut keys = KeyIndex::default();
    let mut counts: Vec<u32> = Vec::new();
    for (word, flag) in items {
        if !keep.keep(word) {
            continue;
        }
        let (id, new) = keys.intern((word, flag));
        if new {
            counts.push(0);
        }
        counts[id as usize] += 1;
    }
    let total: f64 = counts.iter().map(|&c| c as f64).sum();
    let weighted = keys
        .keys
        .iter()
        .zip(&counts)
        .map(|(&(word, flag), &count)| Weighted { word, flag, weight: count as f64 * (idf(word).unwrap_or(median) / total) })
        .collect();
    by_weight(weighted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_weights_and_ties() {
        let words = ["北京", "的", "上海", "北京", "天津", "上海"];
        let got = extract(words.iter().map(|w| (*w, "")), |w| w.chars().count() >= 2, |w| if w == "天津" { Some(4.0) } else { Some(2.0) }, 1.0).unwrap();
        let order: Vec<&str> = got.iter().map(|w| w.word).collect();
        // 北京 and 上海 tie at 2 * 2 / 5; first seen first.
        assert_eq!(order, ["北京", "上海", "天津"]);
        assert_eq!(got[0].weight, 2.0 * (2.0 / 5.0));
    }
}
