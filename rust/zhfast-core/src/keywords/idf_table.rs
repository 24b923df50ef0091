//! The compiled IDF table (jieba's `analyse/idf.txt`): built by `build.rs`, embedded in
//! the binary and read in place, so no process parses the 270k-line text file.
//!
//! Layout, all little-endian: `ZIDF`, entry count `n` (u32), slot count `m` (u32), the
//! median IDF (f64), distinct-value count `v` (u32); the `v` distinct IDF values (f64;
//! jieba's file has about 3,300); `m` slots of 16 bytes, an open-addressing table
//! (linear probing from a mixed FNV-1a hash) holding each word with its value: value
//! number (u16), 8 bits of the hash, the word's byte length (0 for an empty slot, 255 for
//! a word kept outside) and up to 12 bytes of the word itself (else its offset and
//! length in the text part); then `n` slot numbers in file order (for iteration), then
//! the text of the longer words.  A lookup reads one or two neighbouring slots: about
//! one cache miss.
//!
//! Exactness: the file is read as jieba reads it (`splitlines`, `strip`, `split(' ')`
//! into exactly two fields, `float`); a later line for a word replaces the value but
//! keeps the first position (dict semantics); the median is `sorted(values)[n // 2]`.

use crate::pycompat::string::is_python_space;

const MAGIC: &[u8; 4] = b"ZIDF";
const HEADER: usize = 4 + 4 + 4 + 8 + 4;

/// FNV-1a, then mixed (FNV alone leaves the high bits, which pick the slot, poorly
/// spread over similar words).
fn hash(word: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Parses an IDF file as jieba's `IDFLoader` does: `(word, idf)` in first-seen order.
///
/// Only plain decimal numbers are accepted (where Rust's and Python's `float` agree
/// bit for bit); the bundled file has nothing else.
// Called by `build.rs`, which compiles this file too; the library's tests check it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn parse(text: &str) -> Result<Vec<(String, f64)>, String> {
    // `str.splitlines` also splits on these; the bundled file has none of them.
    const OTHER_BREAKS: [char; 8] = [
        '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}',
    ];
    if let Some(c) = text.chars().find(|c| OTHER_BREAKS.contains(c)) {
        return Err(format!(
            "IDF text has a line break {c:?} that this parser does not split on"
        ));
    }
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut entries: Vec<(String, f64)> = Vec::new();
    for (n, line) in split_lines(text).enumerate() {
        let bad = |why: &str| format!("IDF line {}: {line:?}: {why}", n + 1);
        let fields: Vec<&str> = line.trim_matches(is_python_space).split(' ').collect();
        let [word, number] = fields[..] else {
            return Err(bad("not `word idf`"));
        };
        let plain = !number.is_empty()
            && number
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
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
#[cfg_attr(not(test), allow(dead_code))]
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
// Called by `build.rs`, which compiles this file too; the library's tests check it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn median(entries: &[(String, f64)]) -> f64 {
    let mut values: Vec<f64> = entries.iter().map(|e| e.1).collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

const SLOT: usize = 16;
#[cfg_attr(not(test), allow(dead_code))]
const INLINE: usize = 12;
const LONG: u8 = 255;

fn tag(h: u64) -> u8 {
    h as u8
}

/// The first slot for hash `h` among `m`: the high bits, scaled (`m` need not be a power
/// of two).
#[inline]
fn home(h: u64, m: usize) -> usize {
    ((h as u128 * m as u128) >> 64) as usize
}

/// The compiled table for `entries` (distinct words; at most 65,536 distinct values).
// Called by `build.rs`, which compiles this file too; the library's tests check it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn encode(entries: &[(String, f64)], median: f64) -> Vec<u8> {
    let n = entries.len();
    let m = (n + n / 2).max(2);
    let mut values: Vec<f64> = Vec::new();
    let mut value_ids: std::collections::HashMap<u64, u16> = std::collections::HashMap::new();
    let mut slots = vec![[0u8; SLOT]; m];
    let mut order = Vec::with_capacity(n);
    let mut text = Vec::new();
    for (word, value) in entries {
        let vid = *value_ids.entry(value.to_bits()).or_insert_with(|| {
            values.push(*value);
            u16::try_from(values.len() - 1).expect("at most 65,536 distinct IDF values")
        });
        let h = hash(word.as_bytes());
        let mut i = home(h, m);
        while slots[i][3] != 0 {
            i = (i + 1) % m;
        }
        let slot = &mut slots[i];
        slot[0..2].copy_from_slice(&vid.to_le_bytes());
        slot[2] = tag(h);
        if !word.is_empty() && word.len() <= INLINE {
            slot[3] = word.len() as u8;
            slot[4..4 + word.len()].copy_from_slice(word.as_bytes());
        } else {
            slot[3] = LONG;
            slot[4..8].copy_from_slice(&(text.len() as u32).to_le_bytes());
            slot[8..12].copy_from_slice(&(word.len() as u32).to_le_bytes());
            text.extend_from_slice(word.as_bytes());
        }
        order.push(i as u32);
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(n as u32).to_le_bytes());
    out.extend_from_slice(&(m as u32).to_le_bytes());
    out.extend_from_slice(&median.to_le_bytes());
    out.extend_from_slice(&(values.len() as u32).to_le_bytes());
    for v in &values {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for slot in &slots {
        out.extend_from_slice(slot);
    }
    for i in order {
        out.extend_from_slice(&i.to_le_bytes());
    }
    out.extend_from_slice(&text);
    out
}

/// A compiled table, read in place.
#[derive(Clone, Copy)]
pub struct IdfTable<'a> {
    bytes: &'a [u8],
    n: usize,
    m: usize,
    v: usize,
    median: f64,
}

impl<'a> IdfTable<'a> {
    /// Checks the header and sizes only (the bundled table is this crate's own build
    /// output; reads past a corrupt table's parts panic on slice bounds, never misread
    /// memory), so that loading it touches no page of it.
    pub(crate) fn new(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err("not a compiled IDF table".into());
        }
        let n = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        let m = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
        let median = f64::from_le_bytes(bytes[12..20].try_into().unwrap());
        let v = u32::from_le_bytes(bytes[20..24].try_into().unwrap()) as usize;
        let table = IdfTable {
            bytes,
            n,
            m,
            v,
            median,
        };
        if m <= n || bytes.len() < table.text_at() {
            return Err("truncated IDF table".into());
        }
        Ok(table)
    }

    fn slots_at(&self) -> usize {
        HEADER + 8 * self.v
    }
    fn order_at(&self) -> usize {
        self.slots_at() + SLOT * self.m
    }
    fn text_at(&self) -> usize {
        self.order_at() + 4 * self.n
    }
    fn order(&self, i: usize) -> usize {
        let at = self.order_at() + 4 * i;
        u32::from_le_bytes(self.bytes[at..at + 4].try_into().unwrap()) as usize
    }

    #[inline]
    fn slot(&self, i: usize) -> &'a [u8; SLOT] {
        self.bytes[self.slots_at() + SLOT * i..][..SLOT]
            .try_into()
            .unwrap()
    }

    fn long_span(&self, i: usize) -> (usize, usize) {
        let s = self.slot(i);
        (
            u32::from_le_bytes(s[4..8].try_into().unwrap()) as usize,
            u32::from_le_bytes(s[8..12].try_into().unwrap()) as usize,
        )
    }

    /// The word in slot `i` (occupied).
    #[inline]
    fn word(&self, i: usize) -> &'a [u8] {
        let s = self.slot(i);
        if s[3] == LONG {
            let (start, len) = self.long_span(i);
            &self.bytes[self.text_at() + start..][..len]
        } else {
            &s[4..4 + s[3] as usize]
        }
    }

    #[inline]
    fn value_id(&self, i: usize) -> usize {
        u16::from_le_bytes(self.slot(i)[0..2].try_into().unwrap()) as usize
    }

    #[inline]
    fn value(&self, i: usize) -> f64 {
        let at = HEADER + 8 * self.value_id(i);
        f64::from_le_bytes(self.bytes[at..at + 8].try_into().unwrap())
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the table has no word.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// `sorted(values)[len // 2]`, jieba's `median_idf`.
    pub fn median(&self) -> f64 {
        self.median
    }

    /// Entry `i` (file order): word and IDF.
    pub fn entry(&self, i: usize) -> (&'a str, f64) {
        let s = self.order(i);
        (
            std::str::from_utf8(self.word(s)).expect("IDF words are UTF-8"),
            self.value(s),
        )
    }

    /// `[idf_freq.get(w) for w in words]` into `out`.  All first slots are read before
    /// any is compared, so that the cache misses of different words overlap instead of
    /// following each other.
    pub fn get_many(&self, words: &[&str], out: &mut Vec<Option<f64>>) {
        out.clear();
        let hashes: Vec<u64> = words.iter().map(|w| hash(w.as_bytes())).collect();
        let mut touched = 0u8;
        for &h in &hashes {
            touched ^= self.slot(home(h, self.m))[3];
        }
        std::hint::black_box(touched);
        out.extend(
            words
                .iter()
                .zip(&hashes)
                .map(|(w, &h)| self.find(w.as_bytes(), h)),
        );
    }

    /// `idf_freq.get(word)`.
    pub fn get(&self, word: &str) -> Option<f64> {
        self.find(word.as_bytes(), hash(word.as_bytes()))
    }

    #[inline]
    fn find(&self, word: &[u8], h: u64) -> Option<f64> {
        let mut i = home(h, self.m);
        loop {
            let s = self.slot(i);
            let len = s[3];
            if len == 0 {
                return None;
            }
            if s[2] == tag(h) {
                let same = if len == LONG {
                    super::short_eq::same_bytes(self.word(i), word)
                } else {
                    len as usize == word.len()
                        && super::short_eq::same_bytes(&s[4..4 + len as usize], word)
                };
                if same {
                    return Some(self.value(i));
                }
            }
            i += 1;
            if i == self.m {
                i = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let entries = parse("北京 9.5\r\n上海 2\n北京 3.25\n").unwrap();
        assert_eq!(
            entries,
            [("北京".to_string(), 3.25), ("上海".to_string(), 2.0)]
        );
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
        let t = IdfTable::bundled();
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
