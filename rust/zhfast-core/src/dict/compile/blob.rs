//! The binary form of a compiled dictionary, read in place.
//!
//! Layout (little-endian; every section starts on a 16-byte boundary so the arrays can
//! be borrowed straight from the bytes):
//!
//! ```text
//! magic "ZHFDICT\0" | version u32 | word count u32 | total i64
//! | section lengths in bytes: trie, text, ends, freqs, classes, tags, tag names, sorted ids (u64 each)
//! | sections in that order
//! ```
//!
//! A blob from another format version is rejected, never misread.

use super::DictParts;
use crate::error::{Error, Result};

pub(crate) const MAGIC: &[u8; 8] = b"ZHFDICT\0";
pub(crate) const VERSION: u32 = 5;
const SECTIONS: usize = 8;
const HEADER: usize = 8 + 4 + 4 + 8 + 8 * SECTIONS;

/// The sections of a blob, borrowed.
pub(crate) struct BlobView<'a> {
    pub(crate) trie: &'a [u8],
    pub(crate) text: &'a str,
    pub(crate) ends: &'a [u32],
    pub(crate) freqs: &'a [i64],
    /// The distinct frequencies (see [`DictParts::classes`]).
    pub(crate) classes: &'a [i64],
    pub(crate) tags: &'a [u16],
    /// Tag names joined by `\n`.
    pub(crate) tag_names: &'a str,
    /// Word ids in the byte order of their words.
    pub(crate) sorted: &'a [u32],
    pub(crate) total: i64,
}

/// Sections start 16-aligned, so the trie's 16-byte node records never straddle a cache line.
fn pad16(out: &mut Vec<u8>) {
    while out.len() % 16 != 0 {
        out.push(0);
    }
}

pub(crate) fn encode(parts: &DictParts) -> Vec<u8> {
    let tag_names = parts.tag_names.join("\n");
    let sections: [Vec<u8>; SECTIONS] = [
        parts.trie.as_ref().map_or_else(Vec::new, |t| t.to_bytes()),
        parts.text.as_bytes().to_vec(),
        parts.ends.iter().flat_map(|v| v.to_le_bytes()).collect(),
        parts.freqs.iter().flat_map(|v| v.to_le_bytes()).collect(),
        parts.classes.iter().flat_map(|v| v.to_le_bytes()).collect(),
        parts.tags.iter().flat_map(|v| v.to_le_bytes()).collect(),
        tag_names.into_bytes(),
        parts.sorted.iter().flat_map(|v| v.to_le_bytes()).collect(),
    ];
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(parts.freqs.len() as u32).to_le_bytes());
    out.extend_from_slice(&parts.total.to_le_bytes());
    for s in &sections {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    }
    for s in &sections {
        pad16(&mut out);
        out.extend_from_slice(s);
    }
    out
}

fn is_permutation(ids: &[u32]) -> bool {
    let mut seen = vec![false; ids.len()];
    ids.iter().all(|&id| {
        seen.get_mut(id as usize)
            .is_some_and(|s| !std::mem::replace(s, true))
    })
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// Borrows the sections of `bytes`, which must start on an 8-byte boundary (16 to keep
/// the trie's records within cache lines), checking everything.
pub(crate) fn decode(bytes: &[u8]) -> Result<BlobView<'_>> {
    decode_checked(bytes, true)
}

/// [`decode`] for the blob `build.rs` compiled into this binary, which comes from a
/// validated dictionary: the full checks (UTF-8 of 3 MB of words, order of the word
/// ends) would cost milliseconds of every import, so only the cheap ones run.
pub(crate) fn decode_bundled(bytes: &'static [u8]) -> Result<BlobView<'static>> {
    decode_checked(bytes, false)
}

fn decode_checked(bytes: &[u8], full: bool) -> Result<BlobView<'_>> {
    let bad = |what: &str| Error::BadData(what.to_string());
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err(bad("not a zhfast dictionary"));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != VERSION {
        return Err(Error::BadData(format!(
            "dictionary format {version}, this build reads {VERSION}"
        )));
    }
    let count = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes")) as usize;
    let total = u64_at(bytes, 16) as i64;
    let mut pos = HEADER;
    let mut sections: [&[u8]; SECTIONS] = [&[]; SECTIONS];
    for (i, section) in sections.iter_mut().enumerate() {
        let len = usize::try_from(u64_at(bytes, 24 + 8 * i)).map_err(|_| bad("section length"))?;
        pos = pos.next_multiple_of(16);
        *section = bytes
            .get(pos..pos.checked_add(len).ok_or_else(|| bad("section length"))?)
            .ok_or_else(|| bad("truncated"))?;
        pos += len;
    }
    let cast = |b| bytemuck::try_cast_slice(b).map_err(|_| bad("misaligned section"));
    let view = BlobView {
        trie: sections[0],
        text: if full {
            std::str::from_utf8(sections[1]).map_err(|_| bad("word text"))?
        } else {
            // SAFETY: build.rs wrote this section from a `String` (checked in debug builds).
            debug_assert!(std::str::from_utf8(sections[1]).is_ok());
            unsafe { std::str::from_utf8_unchecked(sections[1]) }
        },
        ends: cast(sections[2])?,
        freqs: bytemuck::try_cast_slice(sections[3]).map_err(|_| bad("misaligned section"))?,
        classes: bytemuck::try_cast_slice(sections[4]).map_err(|_| bad("misaligned section"))?,
        tags: bytemuck::try_cast_slice(sections[5]).map_err(|_| bad("misaligned section"))?,
        tag_names: std::str::from_utf8(sections[6]).map_err(|_| bad("tag names"))?,
        sorted: cast(sections[7])?,
        total,
    };
    let consistent = [
        view.ends.len(),
        view.freqs.len(),
        view.tags.len(),
        view.sorted.len(),
    ]
    .iter()
    .all(|&n| n == count)
        && view
            .ends
            .last()
            .map_or(view.text.is_empty(), |&e| e as usize == view.text.len())
        && (!full
            || (view.ends.windows(2).all(|w| w[0] <= w[1])
                && view
                    .ends
                    .iter()
                    .all(|&e| view.text.is_char_boundary(e as usize))
                && is_permutation(view.sorted)));
    if !consistent {
        return Err(bad("inconsistent sections"));
    }
    Ok(view)
}
