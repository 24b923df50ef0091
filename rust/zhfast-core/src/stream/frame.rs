//! Units and lines: where the calling thread ends a unit of input (after its last whole
//! line, or inside a line too long to wait for), and the lines a thread finds in a unit.

use super::Newlines;
use crate::text::split::SplitRule;

/// Where the next unit ends in the bytes read so far, `buf`, which starts with a unit's
/// first byte: `(end, in_line)`, `in_line` when the unit ends inside a line (the line
/// goes on in the next unit); `None` to read more first.
pub(crate) struct Framer {
    newlines: Newlines,
    rule: SplitRule,
    /// A partial line at least this long is split rather than waited for.
    split_after: usize,
    /// No safe split point of the partial line lies below this offset of `buf` (the
    /// part already searched); 0 when nothing was searched.
    searched: usize,
}

impl Framer {
    pub(crate) fn new(newlines: Newlines, rule: SplitRule, split_after: usize) -> Self {
        Framer {
            newlines,
            rule,
            split_after: split_after.max(1),
            searched: 0,
        }
    }

    /// The end of the next unit in `buf` (see [`Framer`]); a unit is taken off the front
    /// of `buf` before the next call whenever this returns `Some`.
    pub(crate) fn unit_end(&mut self, buf: &[u8]) -> Option<(usize, bool)> {
        // A `\r` at the very end may be the first half of `\r\n`: it ends nothing yet.
        let limit = match (self.newlines, buf.last()) {
            (Newlines::Universal, Some(b'\r')) => buf.len() - 1,
            _ => buf.len(),
        };
        let line_start = match self.newlines {
            Newlines::Universal => memchr::memrchr2(b'\n', b'\r', &buf[..limit]),
            Newlines::Lf => memchr::memrchr(b'\n', &buf[..limit]),
        }
        .map_or(0, |i| i + 1);
        let whole_lines = (line_start > 0).then_some((line_start, false));
        if limit - line_start < self.split_after {
            self.searched = 0;
            return whole_lines;
        }
        match self.split_point(buf, line_start, limit) {
            Some(at) => {
                self.searched = 0;
                Some((at, true))
            }
            None if line_start > 0 => {
                self.searched = 0;
                whole_lines
            }
            None => None,
        }
    }

    /// The last safe split point of the partial line `buf[line_start..limit]`, if any
    /// (searching only what was not searched before); `limit` itself when the line is
    /// not UTF-8, so that the unit goes to a thread that reports it.
    fn split_point(&mut self, buf: &[u8], line_start: usize, limit: usize) -> Option<usize> {
        // Search from the character before the part not searched yet, so that the pair
        // that straddles it is looked at.
        let mut lo = self.searched.clamp(line_start, limit);
        if lo > line_start {
            lo -= 1;
            while lo > line_start && buf[lo] & 0xC0 == 0x80 {
                lo -= 1;
            }
        }
        let text = match std::str::from_utf8(&buf[lo..limit]) {
            Ok(text) => text,
            // A character cut off by the end of what was read: search before it.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&buf[lo..lo + e.valid_up_to()]).unwrap_or_default()
            }
            Err(_) => return Some(limit),
        };
        let mut before = text.len();
        loop {
            match self.rule.prev_split(text, before) {
                // After a `\r`, a stripped run of `\r`s may be starting (`Lf`).
                Some(at) if self.newlines == Newlines::Lf && text[..at].ends_with('\r') => {
                    before = at - 1;
                }
                Some(at) => return Some(lo + at),
                None => {
                    self.searched = lo + text.len();
                    return None;
                }
            }
        }
    }
}

/// The lines of a unit: `(content, ends)` where `ends` says whether the line ends in the
/// unit (the last one of a unit that ends inside a line does not).  The content has no
/// line end (and, with [`Newlines::Lf`], no trailing `\r`s once the line ends).
pub(crate) struct Lines<'a> {
    text: &'a str,
    pos: usize,
    newlines: Newlines,
    in_line_at_end: bool,
    /// A unit that only finishes a line can be empty and still end that line.
    pending_empty_end: bool,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(
        text: &'a str,
        newlines: Newlines,
        in_line_at_start: bool,
        in_line_at_end: bool,
    ) -> Self {
        Lines {
            text,
            pos: 0,
            newlines,
            in_line_at_end,
            pending_empty_end: text.is_empty() && in_line_at_start && !in_line_at_end,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (&'a str, bool);

    fn next(&mut self) -> Option<(&'a str, bool)> {
        if self.pending_empty_end {
            self.pending_empty_end = false;
            return Some(("", true));
        }
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let rest = &bytes[self.pos..];
        let found = match self.newlines {
            Newlines::Universal => memchr::memchr2(b'\n', b'\r', rest),
            Newlines::Lf => memchr::memchr(b'\n', rest),
        };
        let start = self.pos;
        let (end, ends) = match found {
            Some(i) => {
                let end = start + i;
                let width = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                self.pos = end + width;
                (end, true)
            }
            None => {
                self.pos = bytes.len();
                (bytes.len(), !self.in_line_at_end)
            }
        };
        let mut line = &self.text[start..end];
        if ends && self.newlines == Newlines::Lf {
            line = line.trim_end_matches('\r');
        }
        Some((line, ends))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    fn lines(text: &str, newlines: Newlines, in_line_at_end: bool) -> Vec<(&str, bool)> {
        Lines::new(text, newlines, false, in_line_at_end).collect()
    }

    #[test]
    fn lines_end_as_python_reads_them() {
        let text = "a\r\nb\rc\n\nd\r\r";
        assert_eq!(
            lines(text, Newlines::Universal, false),
            [
                ("a", true),
                ("b", true),
                ("c", true),
                ("", true),
                ("d", true),
                ("", true)
            ]
        );
        assert_eq!(
            lines(text, Newlines::Lf, false),
            [("a", true), ("b\rc", true), ("", true), ("d", true)]
        );
        assert_eq!(
            lines("a\nbc", Newlines::Lf, true),
            [("a", true), ("bc", false)]
        );
        assert_eq!(lines("", Newlines::Lf, false), []);
        let ending: Vec<_> = Lines::new("", Newlines::Lf, true, false).collect();
        assert_eq!(ending, [("", true)]);
    }

    #[test]
    fn units_end_after_whole_lines() {
        let rule = Mode::Default.split_rule();
        let mut f = Framer::new(Newlines::Universal, rule, 100);
        assert_eq!(f.unit_end(b"ab\ncd"), Some((3, false)));
        assert_eq!(f.unit_end(b"abcd"), None);
        // A `\r` at the end waits for the byte after it.
        assert_eq!(f.unit_end(b"ab\r"), None);
        assert_eq!(f.unit_end(b"ab\rc"), Some((3, false)));
        assert_eq!(f.unit_end(b"a\r\nb\r"), Some((3, false)));
        let mut lf = Framer::new(Newlines::Lf, rule, 100);
        assert_eq!(lf.unit_end(b"ab\rcd"), None);
    }

    #[test]
    fn long_lines_are_split_at_the_last_safe_point() {
        let rule = Mode::Default.split_rule();
        let mut f = Framer::new(Newlines::Universal, rule, 8);
        let text = "x\n北京大学，清华大学".as_bytes();
        assert_eq!(f.unit_end(text), Some(("x\n北京大学，".len(), true)));
        // A character cut off by the end of the read is not looked at.
        let cut_off = &"北京，清华大学".as_bytes()[..17];
        assert_eq!(f.unit_end(cut_off), Some(("北京，".len(), true)));
        // No safe point: wait, and do not search the same bytes again.
        let run = "北京大学清华大学".as_bytes();
        assert_eq!(f.unit_end(run), None);
        assert_eq!(f.searched, run.len());
        // Not after a `\r` with `\n` line ends (it might be stripped).
        let mut lf = Framer::new(Newlines::Lf, rule, 4);
        assert_eq!(lf.unit_end("ab\r\r北京".as_bytes()), Some((2, true)));
        // Not UTF-8: the whole partial line goes, to be reported.
        let mut f = Framer::new(Newlines::Universal, rule, 8);
        assert_eq!(
            f.unit_end(b"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7"),
            Some((9, true))
        );
    }
}
