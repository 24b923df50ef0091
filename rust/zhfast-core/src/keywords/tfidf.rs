//! jieba's `TFIDF.extract_tags` after the cut: count the kept words, weight each by
//! `count * (idf / total)`, order by weight.
//!
//! Exactness: counts are small integers, so `total` is exact in any order, and each
//! weight is formed as jieba forms it (`freq[k] *= idf / total`: the division first).

use super::{by_weight, KeyIndex, Weighted};

/// Whether `s` is a single character (its first byte says how long the character is).
#[inline]
fn one_char(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.len_utf8() == s.len())
}

/// Weighted keys of `items` (`(word, flag)`, `flag` empty when keys are words), heaviest
/// first, the first `top_k` of them (all for `None`); `keep` is jieba's word filter
/// (length and stop words; it must drop single characters, as jieba's does), `idf` its `idf_freq.get` over a list of words (into the
/// second argument), `median` the default.  `None` when some weight is NaN.
pub fn extract<'t>(
    items: impl IntoIterator<Item = (&'t str, &'t str)>,
    mut keep: impl FnMut(&str) -> bool,
    idf: impl FnOnce(&[&'t str], &mut Vec<Option<f64>>),
    median: f64,
    top_k: Option<usize>,
) -> Option<Vec<Weighted<'t>>> {
    // Every distinct key is tested once, when first seen; the kept ones stay in
    // first-seen order.
    let items = items.into_iter();
    let mut keys = KeyIndex::with_capacity(items.size_hint().0 / 2);
    let mut counts: Vec<u32> = Vec::new();
    let mut kept: Vec<bool> = Vec::new();
    for key in items {
        // `keep` drops words of one character (jieba's `len(w.strip()) < 2`): they are
        // never counted, so they need not be looked up either.
        if one_char(key.0) {
            continue;
        }
        let (id, new) = keys.intern(key);
        if new {
            counts.push(0);
            kept.push(keep(key.0));
        }
        counts[id as usize] += 1;
    }
    let total: f64 = counts
        .iter()
        .zip(&kept)
        .filter(|(_, &k)| k)
        .map(|(&c, _)| c as f64)
        .sum();
    let (mut words, mut tally) = (Vec::new(), Vec::new());
    let mut flags = Vec::new();
    for ((&(word, flag), &count), &k) in keys.keys.iter().zip(&counts).zip(&kept) {
        if k {
            words.push(word);
            flags.push(flag);
            tally.push(count);
        }
    }
    let mut values = Vec::with_capacity(words.len());
    idf(&words, &mut values);
    let weighted = words
        .iter()
        .zip(&flags)
        .zip(tally.iter().zip(&values))
        .map(|((&word, &flag), (&count, &value))| Weighted {
            word,
            flag,
            weight: count as f64 * (value.unwrap_or(median) / total),
        })
        .collect();
    by_weight(weighted, top_k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_weights_and_ties() {
        let words = ["北京", "的", "上海", "北京", "天津", "上海"];
        let got = extract(
            words.iter().map(|w| (*w, "")),
            |w| w.chars().count() >= 2,
            |ws, out| {
                out.extend(
                    ws.iter()
                        .map(|&w| Some(if w == "天津" { 4.0 } else { 2.0 })),
                )
            },
            1.0,
            None,
        )
        .unwrap();
        let order: Vec<&str> = got.iter().map(|w| w.word).collect();
        // 北京 and 上海 tie at 2 * 2 / 5; first seen first.
        assert_eq!(order, ["北京", "上海", "天津"]);
        assert_eq!(got[0].weight, 2.0 * (2.0 / 5.0));
    }
}
