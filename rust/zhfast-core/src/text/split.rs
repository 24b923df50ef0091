//! Where a long text can be cut into pieces that are segmented independently, with the
//! pieces' tokens, one piece after another, exactly the tokens of the whole text.
//!
//! jieba segments each block of its pre-split (`text::presplit`) on its own: nothing
//! crosses from one block to the next.  So a text may be split at every boundary
//! between a block (a run of `[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]`, or posseg's class) and
//! the text outside it.  Outside blocks every mode but `cut_all` yields one token per
//! character or separator, so there a split between any two characters is safe too,
//! except inside a `\r\n` (one separator).  `cut_all` yields the text between
//! separators whole, and `re.split` gives an empty string on each side of a separator:
//! splitting there would change both, so `cut_all` splits only at block boundaries.
//!
//! Used by the batch calls for long items (one text cut by several threads), by
//! `enable_parallel` and by the file pipeline for very long lines.

use super::chars::{is_block_char, is_pos_block_char};

/// Which boundaries of a text are safe split points for one kind of cut.
#[derive(Debug, Clone, Copy)]
pub struct SplitRule {
    is_block_char: fn(char) -> bool,
    /// Whether splits between two characters outside blocks are safe (all modes but
    /// `cut_all`).
    inside_other: bool,
}

impl SplitRule {
    /// The rule for `cut` / `cut_for_search` (`cut_all` false) or `cut(cut_all=True)`;
    /// `Mode::split_rule` chooses.
    pub fn for_cut(cut_all: bool) -> Self {
        SplitRule {
            is_block_char,
            inside_other: !cut_all,
        }
    }

    /// The rule for posseg (`re_han_internal`, which has no `%` or `-`).
    pub fn posseg() -> Self {
        SplitRule {
            is_block_char: is_pos_block_char,
            inside_other: true,
        }
    }

    /// Whether a split between `before` and `after` (adjacent characters) is safe.
    #[inline]
    pub fn allows(&self, before: char, after: char) -> bool {
        let (a, b) = ((self.is_block_char)(before), (self.is_block_char)(after));
        if a != b {
            return true;
        }
        !a && self.inside_other && !(before == '\r' && after == '\n')
    }

    /// The first safe split point of `text` at or after byte `from` (rounded up to a
    /// character boundary), strictly inside the text; `None` if there is none.
    pub fn next_split(&self, text: &str, from: usize) -> Option<usize> {
        let from = from.max(1);
        if from >= text.len() {
            return None;
        }
        // Start at the character that contains (or starts at) `from - 1`, so that the
        // first pair looked at is the one that straddles `from` or the first after it.
        let mut start = from - 1;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut chars = text[start..].char_indices();
        let (_, mut before) = chars.next()?;
        for (i, after) in chars {
            let at = start + i;
            if at >= from && self.allows(before, after) {
                return Some(at);
            }
            before = after;
        }
        None
    }

    /// The last safe split point of `text` at or before byte `before`, strictly inside
    /// the text; `None` if there is none.
    pub fn prev_split(&self, text: &str, before: usize) -> Option<usize> {
        let mut end = before.min(text.len().saturating_sub(1));
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        let after_len = text[end..].chars().next()?.len_utf8();
        let mut chars = text[..end + after_len].char_indices().rev();
        let (mut at, mut after) = chars.next()?;
        for (i, before) in chars {
            if self.allows(before, after) {
                return Some(at);
            }
            (at, after) = (i, before);
        }
        None
    }

    /// Byte ranges that cover `text`, each at least `piece_bytes` long (but the last),
    /// split at the first safe point after that length.  `piece_bytes` of 1 splits at
    /// every safe point; a text no longer than `piece_bytes` is one piece.
    pub fn pieces(&self, text: &str, piece_bytes: usize) -> Vec<(usize, usize)> {
        let piece_bytes = piece_bytes.max(1);
        let mut out = Vec::with_capacity(text.len() / piece_bytes + 1);
        let mut start = 0;
        while text.len() - start > piece_bytes {
            match self.next_split(text, start + piece_bytes) {
                Some(at) => {
                    out.push((start, at));
                    start = at;
                }
                None => break,
            }
        }
        out.push((start, text.len()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_split(rule: SplitRule, text: &str) -> Vec<&str> {
        rule.pieces(text, 1)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_at_block_boundaries_and_between_other_characters() {
        let rule = SplitRule::for_cut(false);
        assert_eq!(
            every_split(rule, "我们a1，。 \r\n好-%x"),
            ["我们a1", "，", "。", " ", "\r\n", "好-%x"]
        );
        // cut_all keeps each run outside blocks whole.
        let all = SplitRule::for_cut(true);
        assert_eq!(
            every_split(all, "我们a1，。 \r\n好-%x"),
            ["我们a1", "，。 \r\n", "好-%x"]
        );
        // posseg's blocks have no `%` or `-`.
        assert_eq!(
            every_split(SplitRule::posseg(), "好-%x"),
            ["好", "-", "%", "x"]
        );
        assert_eq!(every_split(rule, ""), [""]);
        assert_eq!(every_split(rule, "好"), ["好"]);
    }

    #[test]
    fn next_split_starts_at_a_char_boundary() {
        let rule = SplitRule::for_cut(false);
        let text = "中文，英文";
        // Byte 4 is inside 文; the first safe point at or after it is before `，`.
        assert_eq!(rule.next_split(text, 4), Some(6));
        assert_eq!(rule.next_split(text, 6), Some(6));
        assert_eq!(rule.next_split(text, 7), Some(9));
        assert_eq!(rule.next_split(text, 10), None);
        assert_eq!(rule.next_split(text, 0), Some(6));
        assert_eq!(rule.prev_split(text, text.len()), Some(9));
        assert_eq!(rule.prev_split(text, 8), Some(6));
        assert_eq!(rule.prev_split(text, 5), None);
        assert_eq!(rule.prev_split("", 5), None);
        // Every split point is found from either side.
        let text = "我们a1，。 \r\n好-%x 𠀀é";
        let forward: Vec<usize> =
            std::iter::successors(rule.next_split(text, 0), |&p| rule.next_split(text, p + 1))
                .collect();
        let mut backward: Vec<usize> =
            std::iter::successors(rule.prev_split(text, text.len()), |&p| {
                rule.prev_split(text, p - 1)
            })
            .collect();
        backward.reverse();
        assert_eq!(forward, backward);
    }

    #[test]
    fn long_pieces_cover_the_text() {
        let rule = SplitRule::for_cut(false);
        let text = "我来到北京清华大学，他来到了网易杭研大厦。".repeat(50);
        let pieces = rule.pieces(&text, 100);
        assert!(pieces.len() > 5);
        assert_eq!(pieces[0].0, 0);
        assert_eq!(pieces.last().unwrap().1, text.len());
        for w in pieces.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert!(w[0].1 - w[0].0 >= 100);
        }
    }
}
