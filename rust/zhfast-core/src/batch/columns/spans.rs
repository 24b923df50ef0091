//! A column's items as the groups that threads cut, with every long item split into
//! pieces so that one long item is cut by several threads.
//!
//! A group is a [`Span`]: a stretch of the column's items, one after another, that
//! starts and ends either between two items or at a safe split point inside one
//! ([`SplitRule`]: where jieba's pre-split breaks, so the pieces cut as the whole
//! item).  Short items are grouped as [`super::super::in_order::groups`] groups them;
//! an item longer than the piece size adds its pieces one by one, so its middle pieces
//! are groups of their own and its first and last share a group with their neighbours.
//! Each group's part records whether its last piece ends its item, and the builders put
//! an item's pieces back into one list ([`super::Join`]).

use std::ops::Range;

use super::TextColumn;
use crate::text::split::SplitRule;

/// One group of a column: items `items`, the first from byte `from`, the last up to
/// byte `to` (its end when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The items the group holds all or part of, in order (never empty).
    pub items: Range<usize>,
    /// Where the group starts in its first item (0 unless earlier pieces of that item
    /// are in the group before).
    pub from: usize,
    /// Where the group ends in its last item, when more pieces of it follow.
    pub to: Option<usize>,
}

impl Span {
    /// The bytes of item `item` (one of `items`, `len` bytes long) that the group holds.
    pub fn bytes_of(&self, item: usize, len: usize) -> Range<usize> {
        let start = if item == self.items.start {
            self.from
        } else {
            0
        };
        let end = match self.to {
            Some(to) if item + 1 == self.items.end => to,
            _ => len,
        };
        start..end
    }

    /// Whether the group's last text ends its item (`false`: the item goes on in the
    /// next group).
    pub fn ends_item(&self) -> bool {
        self.to.is_none()
    }

    /// The same group with item indexes `by` further on (one index space for the items
    /// of several chunks).
    pub fn shifted(self, by: usize) -> Span {
        Span {
            items: self.items.start + by..self.items.end + by,
            ..self
        }
    }

    /// The group's texts in `column` (`None` for nulls), the first and last cut to the
    /// group's bytes.
    pub fn texts<'a, C: TextColumn + ?Sized>(&self, column: &'a C) -> Vec<Option<&'a str>> {
        self.items
            .clone()
            .map(|i| column.text(i).map(|t| &t[self.bytes_of(i, t.len())]))
            .collect()
    }
}

/// How a column is grouped.
#[derive(Debug, Clone, Copy)]
pub struct Grouping {
    /// Where long items may be split (the mode's rule).
    pub rule: SplitRule,
    /// An item longer than this is split into pieces at least this long (but its last).
    pub piece_bytes: usize,
    /// A group closes once it holds this much text ...
    pub group_bytes: usize,
    /// ... or this many texts (items or pieces).
    pub group_texts: usize,
}

/// The groups of a column whose items are `sizes` bytes long, in order.  The texts of
/// one group are cut each as one piece, so every split point of a long item ends a
/// group (its first piece ends the group of the items before it, and its last starts
/// the group of the items after it).  `long_text(i)` gives item `i`'s text (`None` for
/// a null, which is never split); it is asked only for items longer than the piece
/// size, and its error stops the planning.
pub fn group_spans<'a, E>(
    sizes: &[usize],
    mut long_text: impl FnMut(usize) -> Result<Option<&'a str>, E>,
    grouping: &Grouping,
) -> Result<Vec<Span>, E> {
    let piece_bytes = grouping.piece_bytes.max(1);
    let mut out = Vec::new();
    // Where the open group starts: item and byte.
    let (mut item, mut from) = (0, 0);
    let (mut size, mut texts) = (0, 0);
    let mut pieces = Vec::new();
    for (i, &len) in sizes.iter().enumerate() {
        pieces.clear();
        match (len > piece_bytes)
            .then(|| long_text(i))
            .transpose()?
            .flatten()
        {
            Some(text) => pieces.extend(grouping.rule.pieces(text, piece_bytes)),
            None => pieces.push((0, len)),
        }
        let n = pieces.len();
        for (k, &(start, end)) in pieces.iter().enumerate() {
            size += end - start;
            texts += 1;
            let last = k + 1 == n;
            // A piece that does not end its item always ends its group: every split
            // point is a group boundary (pieces of one group would be cut as one text).
            if !last || size >= grouping.group_bytes || texts >= grouping.group_texts {
                out.push(Span {
                    items: item..i + 1,
                    from,
                    to: (!last).then_some(end),
                });
                (item, from) = if last { (i + 1, 0) } else { (i, end) };
                (size, texts) = (0, 0);
            }
        }
    }
    if texts > 0 {
        out.push(Span {
            items: item..sizes.len(),
            from,
            to: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::in_order::groups;
    use crate::Mode;

    fn grouping(piece_bytes: usize, group_bytes: usize, group_texts: usize) -> Grouping {
        Grouping {
            rule: Mode::Default.split_rule(),
            piece_bytes,
            group_bytes,
            group_texts,
        }
    }

    fn plan(texts: &[Option<&str>], g: &Grouping) -> Vec<Span> {
        let sizes: Vec<usize> = texts.iter().map(|t| t.map_or(0, str::len)).collect();
        group_spans(&sizes, |i| Ok::<_, ()>(texts[i]), g).unwrap()
    }

    #[test]
    fn short_items_are_grouped_as_the_scheduler_groups_them() {
        let sizes = [3, 10, 0, 7, 7, 1, 20, 2];
        let g = grouping(100, 10, 3);
        let got = group_spans(&sizes, |_| -> Result<Option<&str>, ()> { panic!() }, &g).unwrap();
        let want: Vec<Span> = groups(sizes, 10, 3)
            .into_iter()
            .map(|items| Span {
                items,
                from: 0,
                to: None,
            })
            .collect();
        assert_eq!(got, want);
        assert!(group_spans(&[], |_| Ok::<_, ()>(None), &g)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn long_items_are_split_and_the_spans_cover_the_column() {
        let long = "我们，他们。a1 b2 ".repeat(10);
        let texts = [
            Some("短"),
            Some(long.as_str()),
            None,
            Some(""),
            Some(long.as_str()),
        ];
        for (piece_bytes, group_bytes) in [(1, 1), (8, 4), (8, 30), (20, 100), (1000, 10)] {
            let g = grouping(piece_bytes, group_bytes, 512);
            let spans = plan(&texts, &g);
            // Concatenated, the groups' texts are the items'.
            let mut joined: Vec<String> = Vec::new();
            let mut open = false;
            for span in &spans {
                for (k, t) in span.texts(&texts[..]).into_iter().enumerate() {
                    let t = t.unwrap_or("");
                    if k == 0 && open {
                        joined.last_mut().unwrap().push_str(t);
                    } else {
                        joined.push(t.to_string());
                    }
                }
                open = !span.ends_item();
            }
            assert!(!open);
            let want: Vec<String> = texts.iter().map(|t| t.unwrap_or("").into()).collect();
            assert_eq!(joined, want, "{piece_bytes} {group_bytes}");
            if piece_bytes < long.len() {
                assert!(spans.iter().any(|s| !s.ends_item()));
            }
            // Every split point of a long item ends a group ...
            let inner = |i: usize| {
                let ends = spans
                    .iter()
                    .filter(|s| !s.ends_item() && s.items.end == i + 1);
                ends.count()
            };
            assert_eq!(inner(1), g.rule.pieces(&long, piece_bytes).len() - 1);
            assert_eq!(inner(4), inner(1));
            // ... and is a safe split point.
            for s in spans.iter().filter(|s| !s.ends_item()) {
                let text = texts[s.items.end - 1].unwrap();
                let at = s.to.unwrap();
                assert_eq!(g.rule.next_split(text, at), Some(at));
            }
        }
    }

    #[test]
    fn a_failing_text_stops_the_planning_and_nulls_are_not_split() {
        let g = grouping(2, 4, 512);
        let err = group_spans(&[1, 5], Err::<Option<&str>, usize>, &g);
        assert_eq!(err, Err(1));
        let nulls = group_spans(&[50, 1], |_| Ok::<_, ()>(None), &g).unwrap();
        assert_eq!(
            nulls,
            [
                Span {
                    items: 0..1,
                    from: 0,
                    to: None
                },
                Span {
                    items: 1..2,
                    from: 0,
                    to: None
                }
            ]
        );
    }
}
