//! jieba's main-dictionary text format: `word freq [tag]` per line.

use super::Entries;
use crate::error::{Error, Result};
use crate::pycompat::int::parse_int;

/// Python's `bytes.strip()`: ASCII whitespace including `\x0b` (which Rust's
/// `trim_ascii` keeps).
fn trim_py_bytes(mut s: &[u8]) -> &[u8] {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    while let Some((first, rest)) = s.split_first() {
        if !is_space(first) {
            break;
        }
        s = rest;
    }
    while let Some((last, rest)) = s.split_last() {
        if !is_space(last) {
            break;
        }
        s = rest;
    }
    s
}

/// Parses a dictionary as jieba's `Tokenizer.gen_pfdict` does: each line is stripped of
/// ASCII whitespace, decoded as UTF-8 and split on single spaces; any failure (including
/// a blank line) is an [`Error::InvalidEntry`] naming the file and line.
pub(crate) fn parse_dictionary(data: &[u8], file_name: &str) -> Result<Entries> {
    // About 18 bytes a line in jieba's dictionary, 70% of them the word.
    let mut entries = Entries::with_capacity(data.len() / 16, data.len() * 3 / 4);
    for (index, raw) in data.split_inclusive(|&b| b == b'\n').enumerate() {
        let line = trim_py_bytes(raw);
        let bad = || Error::InvalidEntry {
            file: file_name.to_string(),
            line: index + 1,
            text: String::from_utf8_lossy(line).into_owned(),
        };
        let text = std::str::from_utf8(line).map_err(|_| bad())?;
        let mut parts = text.split(' ');
        let word = parts.next().ok_or_else(bad)?;
        let freq = parts.next().and_then(parse_int).ok_or_else(bad)?;
        let tag = parts.next().unwrap_or("");
        entries.push(word, freq, tag)?;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_and_line() {
        let err = parse_dictionary("a 1\nb x\n".as_bytes(), "d.txt").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid dictionary entry in d.txt at Line 2: b x"
        );
        assert!(parse_dictionary(b"\xff 1\n", "d.txt").is_err());
        assert!(parse_dictionary(b"a 1\n\nb 2\n", "d.txt").is_err());
        let ok = parse_dictionary(b"a 1 n\r\nb 2\x0b", "d").unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!((ok.word(0), ok.freqs[0], ok.tags[0]), ("a", 1, 1));
        assert_eq!((ok.word(1), ok.freqs[1], ok.tags[1]), ("b", 2, 0));
        assert_eq!(ok.tag_names, ["", "n"]);
    }
}
