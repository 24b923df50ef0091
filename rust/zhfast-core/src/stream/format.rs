//! A line's output bytes: `python -m jieba`'s text (tokens joined by the delimiter), or a
//! JSON array.  A line split over several units is written piece by piece, each piece
//! after the first starting with the separator that joins it to the one before (every
//! piece but the last is non-empty text, so it has a token).

use super::Format;

/// Writes lines' tokens into output buffers.
pub(crate) struct Formatter<'a> {
    pub(crate) format: Format,
    pub(crate) delimiter: &'a [u8],
    pub(crate) tag_delimiter: &'a [u8],
}

impl Formatter<'_> {
    /// Writes one line (or the piece of one): `tokens` are `(word, tag)` (`tag` only
    /// with posseg); `continues` when a piece of the line came before, `ends` when the
    /// line ends here.
    pub(crate) fn line<'t>(
        &self,
        out: &mut Vec<u8>,
        tokens: impl Iterator<Item = (&'t [u8], Option<&'t [u8]>)>,
        continues: bool,
        ends: bool,
    ) {
        match self.format {
            Format::Text => {
                for (i, (word, tag)) in tokens.enumerate() {
                    if i > 0 || continues {
                        out.extend_from_slice(self.delimiter);
                    }
                    out.extend_from_slice(word);
                    if let Some(tag) = tag {
                        out.extend_from_slice(self.tag_delimiter);
                        out.extend_from_slice(tag);
                    }
                }
                if ends {
                    out.push(b'\n');
                }
            }
            Format::Jsonl => {
                if !continues {
                    out.push(b'[');
                }
                for (i, (word, tag)) in tokens.enumerate() {
                    if i > 0 || continues {
                        out.push(b',');
                    }
                    match tag {
                        None => json_string(out, word),
                        Some(tag) => {
                            out.push(b'[');
                            json_string(out, word);
                            out.push(b',');
                            json_string(out, tag);
                            out.push(b']');
                        }
                    }
                }
                if ends {
                    out.extend_from_slice(b"]\n");
                }
            }
        }
    }

    /// What ends a line that was cut off (the output is stopped inside a line).
    pub(crate) fn line_end(&self) -> &'static [u8] {
        match self.format {
            Format::Text => b"\n",
            Format::Jsonl => b"]\n",
        }
    }
}

/// `bytes` (UTF-8) as a JSON string, as Python's `json.dumps(s, ensure_ascii=False)`
/// writes it: only `"`, `\` and control characters below U+0020 are escaped.
fn json_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[plain..i]);
        plain = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xF)]);
        } else {
            out.extend_from_slice(escape);
        }
    }
    out.extend_from_slice(&bytes[plain..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(format: Format, pieces: &[(&[&str], bool, bool)], tags: bool) -> String {
        let f = Formatter {
            format,
            delimiter: b" / ",
            tag_delimiter: b"_",
        };
        let mut out = Vec::new();
        for &(tokens, continues, ends) in pieces {
            f.line(
                &mut out,
                tokens
                    .iter()
                    .map(|&t| (t.as_bytes(), tags.then_some(&b"n"[..]))),
                continues,
                ends,
            );
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_and_json_lines() {
        let line: &[(&[&str], bool, bool)] =
            &[(&["北京", "大学"], false, true), (&[], false, true)];
        assert_eq!(written(Format::Text, line, false), "北京 / 大学\n\n");
        assert_eq!(written(Format::Text, line, true), "北京_n / 大学_n\n\n");
        assert_eq!(
            written(Format::Jsonl, line, false),
            "[\"北京\",\"大学\"]\n[]\n"
        );
        assert_eq!(
            written(Format::Jsonl, line, true),
            "[[\"北京\",\"n\"],[\"大学\",\"n\"]]\n[]\n"
        );
        // One line in three pieces, the last empty.
        let split: &[(&[&str], bool, bool)] = &[
            (&["a"], false, false),
            (&["b", "c"], true, false),
            (&[], true, true),
        ];
        assert_eq!(written(Format::Text, split, false), "a / b / c\n");
        assert_eq!(
            written(Format::Jsonl, split, false),
            "[\"a\",\"b\",\"c\"]\n"
        );
    }

    #[test]
    fn json_escapes_as_python() {
        let mut out = Vec::new();
        json_string(
            &mut out,
            "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é 中".as_bytes(),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}é 中\""
        );
    }
}
