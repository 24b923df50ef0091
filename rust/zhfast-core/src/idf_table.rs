//! The compiled IDF table (jieba's `analyse/idf.txt`): built by `build.rs`, embedded in
//! the binary and read in place, so no process parses the 270k-line text file.
//!
//! Layout, all little-endian: `ZIDF`, entry count `n` (u32), bucket count `b` (u32, a
//! power of two), the median IDF (f64), `n` values (f64, in file order), `n` word end
//! offsets (u32) into the text, `b` buckets (u32: entry index + 1, 0 for empty; linear
//! probing on an FNV-1a hash), then the words' UTF-8 text, concatenated.
//!
//! Exactness: the file is read as jieba reads it (`splitlines`, `strip`, `split(' ')`
//! into exactly two fields, `float`); a later line for a word replaces the value but
//! keeps the first position (dict semantics); the median is `sorted(values)[n // 2]`.

use crate::pystr::is_py_space;

const MAGIC: &[u8; 4] = b"ZIDF";
const HEADER: usize = 4 + 4 + 4 + 8;

fn hash(word: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Parses an IDF file as jieba's `IDFLoader` does: `(word, idf)` in first-seen order.
///
/// Only plain decimal numbers are accepted (where Rust's and Python's `float` agree
/// bit for bit); the bundled file has nothing else.
pub fn parse(text: &str) -> Result<Vec<(String, f64)>, String> {
    // `str.splitlines` also splits on these; the bundled file has none of them.
    const OTHER_BREAKS: [char; 8] = ['\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}'];
    if let Some(c) = text.chars().find(|c| OTHER_BREAKS.contains(c)) {
        return Err(format!("IDF text has a line break {c:?} that this parser does not split on"));
    }
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut entries: Vec<(String, f64)> = Vec::new();
    for (n, line) in split_lines(text).enumerate() {
        let bad = |why: &str| format!("IDF line {}: {line:?}: {why}", n + 1);
        let fields: Vec<&str> = line.trim_matches(is_py_space).split(' ').collect();
        let [word, number] = fields[..] else { return Err(bad("not `word idf`")) };
        let plain = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
        if !plain {
            return Err(bad("not a plain decimal number"));
        }
        let value: f64 = number.parse().map_err(|_| bad("bad number"))?;
        match index.get(word) {
            Some(&i) => entries[i].1 = value,
            None => {
                index.insert(word.to_string(), entries.len());
                entries.push((word.to_string(), value));
            }
        }
    }
    Ok(entries)
}

/// `str.splitlines()` for text without the rarer breaks: `\n`, `\r\n` and `\r`, and no
/// empty line after a final break.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, tail) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        rest = tail;
        Some(line)
    })
}

/// `sorted(values)[len(values) // 2]`; `0.0` for an empty table (jieba raises there).
pub fn median(entries: &[(String, f64)]) -> f64 {
    let mut values: Vec<f64> = entries.iter().map(|e| e.1).collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// The compiled table for `entries` (distinct words).
pub fn encode(entries: &[(String, f64)], median: f64) -> Vec<u8> {
    let n = entries.len();
    let buckets = (n * 2).next_power_of_two().max(2);
    let mut table = vec![0u32; buckets];
    for (i, (word, _)) in entries.iter().enumerate() {
        let mut b = hash(word.as_bytes()) as usize & (buckets - 1);
        while table[b] != 0 {
            b = (b + 1) & (buckets - 1);
        }
        table[b] = i as u32 + 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(n as u32).to_le_bytes());
    out.extend_from_slice(&(buckets as u32).to_le_bytes());
    out.extend_from_slice(&median.to_le_bytes());
    for (_, v) in entries {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut end = 0u32;
    for (w, _) in entries {
        end += w.len() as u32;
        out.extend_from_slice(&end.to_le_bytes());
    }
    for b in table {
        out.extend_from_slice(&b.to_le_bytes());
    }
    for (w, _) in entries {
        out.extend_from_slice(w.as_bytes());
    }
    out
}

/// A compiled table, read in place.
#[derive(Clone, Copy)]
pub struct IdfTable<'a> {
    bytes: &'a [u8],
    n: usize,
    buckets: usize,
    median: f64,
}

impl<'a> IdfTable<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err("not a compiled IDF table".into());
        }
        let n = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        let buckets = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
        let median = f64::from_le_bytes(bytes[12..20].try_into().unwrap());
        let table = IdfTable { bytes, n, buckets, median };
        if !buckets.is_power_of_two() || bytes.len() < table.text_at() {
            return Err("truncated IDF table".into());
        }
        let text_len = if n == 0 { 0 } else { table.u32_at(table.ends_at() + 4 * (n - 1)) as usize };
        if bytes.len() != table.text_at() + text_len {
            return Err("IDF table size mismatch".into());
        }
        Ok(table)
    }

    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.bytes[at..at + 4].try_into().unwrap())
    }
    fn ends_at(&self) -> usize {
        HEADER + 8 * self.n
    }
    fn buckets_at(&self) -> usize {
        self.ends_at() + 4 * self.n
    }
    fn text_at(&self) -> usize {
        self.buckets_at() + 4 * self.buckets
    }

    pub fn len(&self) -> usize {
        self.n
    }
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
    pub fn median(&self) -> f64 {
        self.median
    }

    /// Entry `i` (file order): word and IDF.
    pub fn entry(&self, i: usize) -> (&'a str, f64) {
        let start = if i == 0 { 0 } else { self.u32_at(self.ends_at() + 4 * (i - 1)) as usize };
        let end = self.u32_at(self.ends_at() + 4 * i) as usize;
        let t = self.text_at();
        let word = std::str::from_utf8(&self.bytes[t + start..t + end]).expect("IDF words are UTF-8");
        let at = HEADER + 8 * i;
        (word, f64::from_le_bytes(self.bytes[at..at + 8].try_into().unwrap()))
    }

    /// `idf_freq.get(word)`.
    pub fn get(&self, word: &str) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let mask = self.buckets - 1;
        let mut b = hash(word.as_bytes()) as usize & mask;
        loop {
            let slot = self.u32_at(self.buckets_at() + 4 * b) as usize;
            if slot == 0 {
                return None;
            }
            let (w, v) = self.entry(slot - 1);
            if w == word {
                return Some(v);
            }
            b = (b + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let entries = parse("北京 9.5\r\n上海 2\n北京 3.25\n").unwrap();
        assert_eq!(entries, [("北京".to_string(), 3.25), ("上海".to_string(), 2.0)]);
        let bytes = encode(&entries, median(&entries));
        let t = IdfTable::new(&bytes).unwrap();
        assert_eq!((t.len(), t.median()), (2, 3.25));
        assert_eq!(t.get("北京"), Some(3.25));
        assert_eq!(t.get("天津"), None);
        assert_eq!(t.entry(1), ("上海", 2.0));
        assert!(parse("北京\n").is_err());
        assert!(parse("北京 nan\n").is_err());
    }

    #[test]
    fn bundled_table() {
        let t = crate::data::idf_table();
        assert_eq!(t.len(), 270132);
        assert_eq!(t.median(), 11.9547675029);
        assert_eq!(t.get("劳动防护"), Some(13.900677652));
        for i in (0..t.len()).step_by(997) {
            let (w, v) = t.entry(i);
            assert_eq!(t.get(w), Some(v));
        }
    }
}
