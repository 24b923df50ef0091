//! The compiled IDF table (jieba's `analyse/idf.txt`): built by `build.rs`, embedded in
//! the binary and read in place, so no process parses the 270k-line text file.
//!
//! Layout, all little-endian: `ZIDF`, entry count `n` (u32), bucket count `b` (u32, a
//! power of two), the median IDF (f64); then `n` records of 16 bytes in file order
//! (IDF f64, text offset u32, byte length u16, 16 bits of the word's hash); `b` buckets
//! (u32: record index + 1, 0 for empty; linear probing on an FNV-1a hash); then the
//! words' UTF-8 text.  A lookup reads one bucket, one record (the hash bits and length
//! rule out most mismatches) and the word's text: three cache lines.
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

const RECORD: usize = 16;

fn tag(h: u64) -> u16 {
    (h >> 48) as u16
}

/// The compiled table for `entries` (distinct words).
pub fn encode(entries: &[(String, f64)], median: f64) -> Vec<u8> {
    let n = entries.len();
    let buckets = (n + n / 2).next_power_of_two().max(2);
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
    let mut start = 0u32;
    for (w, v) in entries {
        let len = u16::try_from(w.len()).expect("an IDF word under 64 KiB");
        out.extend_from_slice(&v.to_le_bytes());
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&tag(hash(w.as_bytes())).to_le_bytes());
        start += w.len() as u32;
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
        if !buckets.is_power_of_two() || buckets < n || bytes.len() < table.text_at() {
            return Err("truncated IDF table".into());
        }
        let text_len = if n == 0 { 0 } else { table.record(n - 1).1 + table.record(n - 1).2 };
        if bytes.len() != table.text_at() + text_len {
            return Err("IDF table size mismatch".into());
        }
        Ok(table)
    }

    fn buckets_at(&self) -> usize {
        HEADER + RECORD * self.n
    }
    fn text_at(&self) -> usize {
        self.buckets_at() + 4 * self.buckets
    }

    /// Record `i`: IDF, text offset, length, hash bits.
    #[inline]
    fn record(&self, i: usize) -> (f64, usize, usize, u16) {
        let r: &[u8; RECORD] = self.bytes[HEADER + RECORD * i..][..RECORD].try_into().unwrap();
        (
            f64::from_le_bytes(r[0..8].try_into().unwrap()),
            u32::from_le_bytes(r[8..12].try_into().unwrap()) as usize,
            u16::from_le_bytes(r[12..14].try_into().unwrap()) as usize,
            u16::from_le_bytes(r[14..16].try_into().unwrap()),
        )
    }

    fn text(&self, start: usize, len: usize) -> &'a [u8] {
        &self.bytes[self.text_at() + start..][..len]
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
        let (v, start, len, _) = self.record(i);
        (std::str::from_utf8(self.text(start, len)).expect("IDF words are UTF-8"), v)
    }

    /// `[idf_freq.get(w) for w in words]` into `out`, in stages (all buckets, then all
    /// records, then all texts) so that the cache misses of different words overlap
    /// instead of following each other.
    pub fn get_many(&self, words: &[&str], out: &mut Vec<Option<f64>>) {
        out.clear();
        if self.n == 0 {
            out.resize(words.len(), None);
            return;
        }
        let mask = self.buckets - 1;
        let hashes: Vec<u64> = words.iter().map(|w| hash(w.as_bytes())).collect();
        let slots: Vec<usize> = hashes
            .iter()
            .map(|&h| {
                let at = self.buckets_at() + 4 * (h as usize & mask);
                u32::from_le_bytes(self.bytes[at..at + 4].try_into().unwrap()) as usize
            })
            .collect();
        let records: Vec<(f64, usize, usize, u16)> = slots.iter().map(|&s| if s == 0 { (0.0, 0, 0, 0) } else { self.record(s - 1) }).collect();
        for (i, word) in words.iter().enumerate() {
            let (v, start, len, bits) = records[i];
            out.push(if slots[i] == 0 {
                None
            } else if bits == tag(hashes[i]) && len == word.len() && crate::short_eq::same_bytes(self.text(start, len), word.as_bytes()) {
                Some(v)
            } else {
                self.get(word) // a collision in the first bucket: probe on
            });
        }
    }

    /// `idf_freq.get(word)`.
    pub fn get(&self, word: &str) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let mask = self.buckets - 1;
        let h = hash(word.as_bytes());
        let mut b = h as usize & mask;
        loop {
            let at = self.buckets_at() + 4 * b;
            let slot = u32::from_le_bytes(self.bytes[at..at + 4].try_into().unwrap()) as usize;
            if slot == 0 {
                return None;
            }
            let (v, start, len, bits) = self.record(slot - 1);
            if bits == tag(h) && len == word.len() && crate::short_eq::same_bytes(self.text(start, len), word.as_bytes()) {
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
        let mut words = vec!["不在表里的词"];
        let mut want = vec![None];
        for i in (0..t.len()).step_by(97) {
            let (w, v) = t.entry(i);
            assert_eq!(t.get(w), Some(v));
            words.push(w);
            want.push(Some(v));
        }
        let mut got = Vec::new();
        t.get_many(&words, &mut got);
        assert_eq!(got, want);
    }
}
