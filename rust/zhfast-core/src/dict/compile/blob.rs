//! The binary form of a compiled dictionary, read in place.
//!
//! Layout (little-endian; every section starts on a 16-byte boundary so the arrays can
//! be borrowed straight from the bytes):
//!
//! ```text
//! magic "ZHFDICT\0" | version u32 | word count u32 | total i64 | source digest (16 bytes)
//! | section lengths in bytes: trie, text, ends, freqs, classes, tags, tag names, sorted ids (u64 each)
//! | sections in that order | zero padding to 8 bytes | checksum u64
//! ```
//!
//! The source digest is the xxh3-128 of the dictionary text the blob was compiled from,
//! so a cache entry can be checked against the file it claims to be; the checksum is the
//! xxh3-64 of every byte before it, so any damage to a stored blob (a changed `total`, a
//! flipped bit in a frequency class, a truncated file) is found before the blob is used.
//! A blob from another format version is rejected, never misread.

use std::io::{self, Write};

use xxhash_rust::xxh3::{xxh3_128, xxh3_64, Xxh3};

use super::DictParts;
use crate::error::{Error, Result};

pub(crate) const MAGIC: &[u8; 8] = b"ZHFDICT\0";
pub(crate) const VERSION: u32 = 6;
const SECTIONS: usize = 8;
const DIGEST_AT: usize = 24;
const LENGTHS_AT: usize = DIGEST_AT + 16;
const HEADER: usize = LENGTHS_AT + 8 * SECTIONS;
const CHECKSUM: usize = 8;

/// The digest of a dictionary's source text that a blob records.
pub type SourceDigest = [u8; 16];

/// The digest of dictionary text `source`, as a blob compiled from it records.
pub fn source_digest(source: &[u8]) -> SourceDigest {
    xxh3_128(source).to_le_bytes()
}

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
    /// The digest of the text the blob was compiled from.
    pub(crate) source: SourceDigest,
}

/// The bytes of `values`, little-endian.
fn le_bytes<T: bytemuck::Pod>(values: &[T]) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(target_endian = "little")]
    {
        std::borrow::Cow::Borrowed(bytemuck::cast_slice(values))
    }
    #[cfg(target_endian = "big")]
    {
        let mut bytes = bytemuck::cast_slice::<T, u8>(values).to_vec();
        for value in bytes.chunks_exact_mut(std::mem::size_of::<T>()) {
            value.reverse();
        }
        std::borrow::Cow::Owned(bytes)
    }
}

/// A writer that hashes what goes through it, for the checksum.
struct Hashing<W> {
    out: W,
    hasher: Xxh3,
    written: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> Hashing<W> {
    fn pad_to(&mut self, align: u64) -> io::Result<()> {
        let pad = self.written.next_multiple_of(align) - self.written;
        self.write_all(&[0u8; 16][..pad as usize])
    }
}

/// The sections' lengths in bytes, in the order of the layout.
fn section_lengths(parts: &DictParts, tag_names: &str) -> [u64; SECTIONS] {
    [
        parts.trie.as_ref().map_or(0, |t| t.serialized_len()),
        parts.text.len(),
        4 * parts.ends.len(),
        8 * parts.freqs.len(),
        8 * parts.classes.len(),
        2 * parts.tags.len(),
        tag_names.len(),
        4 * parts.sorted.len(),
    ]
    .map(|n| n as u64)
}

/// The size of [`encode`]'s output.
fn encoded_len(lengths: &[u64; SECTIONS]) -> u64 {
    let end = lengths
        .iter()
        .fold(HEADER as u64, |pos, &len| pos.next_multiple_of(16) + len);
    end.next_multiple_of(8) + CHECKSUM as u64
}

/// Writes the blob of `parts`, compiled from text whose digest is `source`, to `out`
/// as it is produced (a blob is several times the size of its text: building it in
/// memory first doubled a compile's peak).
pub(crate) fn write_to(
    parts: &DictParts,
    source: &SourceDigest,
    out: impl Write,
) -> io::Result<()> {
    let tag_names = parts.tag_names.join("\n");
    let lengths = section_lengths(parts, &tag_names);
    let mut out = Hashing {
        out,
        hasher: Xxh3::new(),
        written: 0,
    };
    out.write_all(MAGIC)?;
    out.write_all(&VERSION.to_le_bytes())?;
    out.write_all(&(parts.freqs.len() as u32).to_le_bytes())?;
    out.write_all(&parts.total.to_le_bytes())?;
    out.write_all(source)?;
    for len in lengths {
        out.write_all(&len.to_le_bytes())?;
    }
    out.pad_to(16)?;
    if let Some(trie) = &parts.trie {
        trie.write_to(&mut out)?;
    }
    let sections: [&[u8]; SECTIONS - 1] = [
        parts.text.as_bytes(),
        &le_bytes(&parts.ends),
        &le_bytes(&parts.freqs),
        &le_bytes(&parts.classes),
        &le_bytes(&parts.tags),
        tag_names.as_bytes(),
        &le_bytes(&parts.sorted),
    ];
    for section in sections {
        out.pad_to(16)?;
        out.write_all(section)?;
    }
    out.pad_to(8)?;
    debug_assert_eq!(out.written + CHECKSUM as u64, encoded_len(&lengths));
    let checksum = out.hasher.digest();
    out.out.write_all(&checksum.to_le_bytes())?;
    out.flush()
}

/// The blob of `parts`, compiled from text whose digest is `source`.
pub(crate) fn encode(parts: &DictParts, source: &SourceDigest) -> Vec<u8> {
    let tag_names = parts.tag_names.join("\n");
    let mut out = Vec::with_capacity(encoded_len(&section_lengths(parts, &tag_names)) as usize);
    write_to(parts, source, &mut out).expect("writing to memory does not fail");
    out
}

fn is_permutation(ids: &[u32]) -> bool {
    let mut seen = vec![0u64; ids.len().div_ceil(64)];
    ids.iter().all(|&id| {
        let id = id as usize;
        match seen.get_mut(id / 64) {
            Some(word) if id < ids.len() && *word & (1 << (id % 64)) == 0 => {
                *word |= 1 << (id % 64);
                true
            }
            _ => false,
        }
    })
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// Borrows the sections of `bytes`, which must start on an 8-byte boundary (16 to keep
/// the trie's records within cache lines), checking everything: the checksum first,
/// then that every section is consistent with the others.
pub(crate) fn decode(bytes: &[u8]) -> Result<BlobView<'_>> {
    decode_checked(bytes, true)
}

/// [`decode`] for the blob `build.rs` compiled into this binary, which comes from a
/// validated dictionary: the full checks (the checksum of 20 MB, UTF-8 of 3 MB of
/// words, order of the word ends) would cost milliseconds of every import, so only the
/// cheap ones run.
pub(crate) fn decode_bundled(bytes: &'static [u8]) -> Result<BlobView<'static>> {
    decode_checked(bytes, false)
}

fn decode_checked(bytes: &[u8], full: bool) -> Result<BlobView<'_>> {
    let bad = |what: &str| Error::BadData(what.to_string());
    if bytes.len() < HEADER + CHECKSUM || &bytes[..8] != MAGIC {
        return Err(bad("not a zhfast dictionary"));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != VERSION {
        return Err(Error::BadData(format!(
            "dictionary format {version}, this build reads {VERSION}"
        )));
    }
    let (body, checksum) = bytes.split_at(bytes.len() - CHECKSUM);
    if full && xxh3_64(body) != u64_at(checksum, 0) {
        return Err(bad("checksum mismatch"));
    }
    let count = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes")) as usize;
    let total = u64_at(bytes, 16) as i64;
    let source: SourceDigest = bytes[DIGEST_AT..LENGTHS_AT].try_into().expect("16 bytes");
    let mut pos = HEADER;
    let mut sections: [&[u8]; SECTIONS] = [&[]; SECTIONS];
    for (i, section) in sections.iter_mut().enumerate() {
        let len = usize::try_from(u64_at(bytes, LENGTHS_AT + 8 * i))
            .map_err(|_| bad("section length"))?;
        pos = pos.next_multiple_of(16);
        *section = body
            .get(pos..pos.checked_add(len).ok_or_else(|| bad("section length"))?)
            .ok_or_else(|| bad("truncated"))?;
        pos += len;
    }
    if pos.next_multiple_of(8) != body.len() {
        return Err(bad("blob size"));
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
        source,
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
