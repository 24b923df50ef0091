//! jieba's `TextRank.textrank` after the cut: a co-occurrence graph of the kept words
//! within a window, ranked by ten rounds of weighted PageRank, then scaled.
//!
//! Exactness, against `jieba/analyse/textrank.py` 0.42.1:
//! * nodes are ordered as the graph dict inserts them (each pair's first word, then its
//!   second, pairs in first-seen order); each node's edges in insertion order;
//! * the rounds update in place in `sorted(nodes)` order: by word (keys that are
//!   `(word, flag)` pairs compare by word alone, stably, as `pair.__lt__` does);
//! * every sum is accumulated left to right as Python does; the scaling starts from
//!   `sys.float_info.max` and `sys.float_info.min` as jieba's does.

use super::{by_weight, KeyIndex, Weighted};

const D: f64 = 0.85;

/// Ranked keys of `items` (`(word, flag)`, `flag` empty when keys are words), heaviest
/// first, the first `top_k` of them (all for `None`).  `keep[i]` is jieba's `pairfilter` for item `i`; words co-occur when both are
/// kept and fewer than `span` positions apart.  `None` when some weight is NaN.
pub fn rank<'t>(
    items: &[(&'t str, &'t str)],
    keep: &[bool],
    span: usize,
    top_k: Option<usize>,
) -> Option<Vec<Weighted<'t>>> {
    // Co-occurrence counts, in the dict order of their first sighting.
    let mut words = KeyIndex::default();
    let node_of: Vec<u32> = items
        .iter()
        .zip(keep)
        .map(|(&key, &k)| if k { words.intern(key).0 } else { u32::MAX })
        .collect();
    let mut pairs: std::collections::HashMap<(u32, u32), usize> = std::collections::HashMap::new();
    let mut edges: Vec<((u32, u32), u32)> = Vec::new();
    for i in 0..items.len() {
        if !keep[i] {
            continue;
        }
        for j in i + 1..(i + span).min(items.len()) {
            if !keep[j] {
                continue;
            }
            let key = (node_of[i], node_of[j]);
            let at = *pairs.entry(key).or_insert_with(|| {
                edges.push((key, 0));
                edges.len() - 1
            });
            edges[at].1 += 1;
        }
    }

    // The graph: nodes in insertion order, each with its (other, weight) edges.
    let mut node_pos = vec![u32::MAX; words.len()];
    let mut nodes: Vec<u32> = Vec::new();
    let mut adjacent: Vec<Vec<(u32, f64)>> = Vec::new();
    let mut add =
        |from: u32, to: u32, w: f64, nodes: &mut Vec<u32>, adjacent: &mut Vec<Vec<(u32, f64)>>| {
            if node_pos[from as usize] == u32::MAX {
                node_pos[from as usize] = nodes.len() as u32;
                nodes.push(from);
                adjacent.push(Vec::new());
            }
            adjacent[node_pos[from as usize] as usize].push((to, w));
        };
    for &((a, b), w) in &edges {
        add(a, b, w as f64, &mut nodes, &mut adjacent);
        add(b, a, w as f64, &mut nodes, &mut adjacent);
    }
    // From here on nodes are graph positions.
    let n = nodes.len();
    for list in &mut adjacent {
        for e in list.iter_mut() {
            e.0 = node_pos[e.0 as usize];
        }
    }
    let initial = 1.0 / if n == 0 { 1.0 } else { n as f64 };
    let mut ws = vec![initial; n];
    let out_sum: Vec<f64> = adjacent
        .iter()
        .map(|list| list.iter().fold(0.0, |s, e| s + e.1))
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        words.keys[nodes[a] as usize]
            .0
            .cmp(words.keys[nodes[b] as usize].0)
    });
    for _ in 0..10 {
        for &node in &order {
            let mut s = 0.0;
            for &(other, w) in &adjacent[node] {
                s += w / out_sum[other as usize] * ws[other as usize];
            }
            ws[node] = (1.0 - D) + D * s;
        }
    }
    let (mut lo, mut hi) = (f64::MAX, f64::MIN_POSITIVE);
    for &w in &ws {
        if w < lo {
            lo = w;
        }
        if w > hi {
            hi = w;
        }
    }
    let ranked = (0..n)
        .map(|i| {
            let (word, flag) = words.keys[nodes[i] as usize];
            Weighted {
                word,
                flag,
                weight: (ws[i] - lo / 10.0) / (hi - lo / 10.0),
            }
        })
        .collect();
    by_weight(ranked, top_k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_graph() {
        let items = [
            ("北京", ""),
            ("的", ""),
            ("天气", ""),
            ("北京", ""),
            ("很好", ""),
        ];
        let keep = [true, false, true, true, true];
        let got = rank(&items, &keep, 5, None).unwrap();
        assert_eq!(got.len(), 3);
        let want = [
            ("北京", 1.0),
            ("很好", 0.521199271857663),
            ("天气", 0.5196797012095159),
        ];
        let got: Vec<(&str, f64)> = got.iter().map(|w| (w.word, w.weight)).collect();
        assert_eq!(got, want); // jieba's UndirectWeightedGraph on the same input
    }
}
