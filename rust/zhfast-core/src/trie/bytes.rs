//! A [`CharTrie`]'s serialised form (see the module comment of `trie`), and the checks
//! that make a trie read from untrusted bytes safe to walk.
//!
//! Walks index the links by a computed child slot only through `get`, and the vals by a
//! slot whose link they have already read (the two arrays have the same length), so no
//! walk reads out of bounds whatever the bytes say.  What the walks hand their callers,
//! though (a word id, a frequency class), indexes the dictionary's other arrays: those
//! are checked once at load, in [`CharTrie::check_values`].

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Backing, CharTrie, CHECK, HAS_VALUE, NONE, PAYLOAD, UNUSED, VALUE};
use crate::error::{Error, Result};

fn u32_at(bytes: &[u8], at: usize) -> Result<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
        .ok_or_else(|| Error::BadData("truncated trie".into()))
}

fn le_pairs(pairs: &[[u32; 2]]) -> Cow<'_, [u8]> {
    #[cfg(target_endian = "little")]
    {
        Cow::Borrowed(bytemuck::cast_slice(pairs))
    }
    #[cfg(target_endian = "big")]
    {
        Cow::Owned(
            pairs
                .iter()
                .flatten()
                .flat_map(|v| v.to_le_bytes())
                .collect(),
        )
    }
}

impl CharTrie {
    /// The length of [`Self::write_to`]'s output.
    pub fn serialized_len(&self) -> usize {
        (8 + 4 * self.codes.len()).next_multiple_of(16) + 16 * self.links.len()
    }

    /// Writes the serialised form to `out`.
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&(self.codes.len() as u32).to_le_bytes())?;
        out.write_all(&(self.links.len() as u32).to_le_bytes())?;
        let codes: Vec<u8> = self.codes.iter().flat_map(|c| c.to_le_bytes()).collect();
        out.write_all(&codes)?;
        let pad = (8 + codes.len()).next_multiple_of(16) - (8 + codes.len());
        out.write_all(&[0u8; 16][..pad])?;
        out.write_all(&le_pairs(&self.links))?;
        out.write_all(&le_pairs(&self.vals))
    }

    /// The serialised form.
    #[cfg(test)]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.serialized_len());
        self.write_to(&mut out).expect("writing to memory");
        out
    }

    /// Splits serialised bytes into (code table, links, vals) byte ranges.
    fn sections(bytes: &[u8]) -> Result<[std::ops::Range<usize>; 3]> {
        let n_codes = u32_at(bytes, 0)? as usize;
        let n_nodes = u32_at(bytes, 4)? as usize;
        let codes = 8..8 + 4 * n_codes;
        let links_start = codes.end.next_multiple_of(16);
        let links = links_start..links_start + 8 * n_nodes;
        let vals = links.end..links.end + 8 * n_nodes;
        // Slot indexes stay below 2^30 (the bit above is `HAS_VALUE`), and a walk starts
        // at the root, which must exist.
        if vals.end != bytes.len() || n_nodes == 0 || n_nodes >= 1 << 30 {
            return Err(Error::BadData("trie size".into()));
        }
        Ok([codes, links, vals])
    }

    /// Reads the trie in place from `bytes` (4-byte aligned, as the blob's sections are),
    /// which `backing` keeps alive.
    pub(crate) fn in_place(bytes: &'static [u8], backing: Backing) -> Result<Self> {
        let [codes, links, vals] = Self::sections(bytes)?;
        let misaligned = || Error::BadData("misaligned trie".into());
        Ok(CharTrie {
            codes: Cow::Borrowed(
                bytemuck::try_cast_slice(&bytes[codes]).map_err(|_| misaligned())?,
            ),
            links: Cow::Borrowed(
                bytemuck::try_cast_slice(&bytes[links]).map_err(|_| misaligned())?,
            ),
            vals: Cow::Borrowed(bytemuck::try_cast_slice(&bytes[vals]).map_err(|_| misaligned())?),
            _backing: backing,
        })
    }

    /// Copies the trie out of `bytes` (any alignment).
    #[cfg(test)]
    pub fn owned(bytes: &[u8]) -> Result<Self> {
        let [codes, links, vals] = Self::sections(bytes)?;
        let words = |r: std::ops::Range<usize>| {
            bytes[r]
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
        };
        let pairs = |r: std::ops::Range<usize>| {
            words(r)
                .collect::<Vec<u32>>()
                .chunks_exact(2)
                .map(|p| [p[0], p[1]])
                .collect::<Vec<_>>()
        };
        Ok(CharTrie {
            codes: Cow::Owned(words(codes).collect()),
            links: Cow::Owned(pairs(links)),
            vals: Cow::Owned(pairs(vals)),
            _backing: None,
        })
    }

    /// Checks what walks can hand out: every slot whose link marks a key end holds a
    /// value below `values` and a payload below `payloads`, and every other slot holds
    /// no value (walks test either the mark or the value).  One pass over the arrays.
    pub(crate) fn check_values(&self, values: usize, payloads: usize) -> Result<()> {
        let valid = self.links.iter().zip(self.vals.iter()).all(|(link, val)| {
            let marked = link[CHECK] != UNUSED && link[CHECK] & HAS_VALUE != 0;
            if marked {
                (val[VALUE] as usize) < values && (val[PAYLOAD] as usize) < payloads
            } else {
                val[VALUE] == NONE
            }
        });
        if valid {
            Ok(())
        } else {
            Err(Error::BadData("trie value out of range".into()))
        }
    }
}
