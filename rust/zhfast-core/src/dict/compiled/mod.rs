//! Compiled dictionaries as stored: written as a blob (see `compile/blob.rs`) once, then
//! loaded in place from a mapped cache file, their arrays borrowed from the map.
//!
//! Loading checks the blob whole before anything reads it: the checksum (damage), the
//! source digest when the caller knows which text the blob should come from (a blob of
//! another dictionary under this one's name), then every section against the others and
//! every value the trie can hand out (see `trie/bytes.rs`), so that no bytes whatever
//! make a later walk or lookup panic or read out of bounds.

use std::any::Any;
use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use super::compile::blob::{self, SourceDigest};
use super::compile::{text::parse_dictionary, DictParts, ZERO_CLASS};
use super::layer::{class_logs, Layer};
use super::Dictionary;
use crate::error::{Error, Result};
use crate::trie::{Backing, CharTrie, Placement};

/// Bytes a dictionary is read from: a file mapped into memory, or a copy in 16-aligned
/// memory (as the sections need).  A mapped file must not be changed in place while it
/// is mapped (the cache only ever replaces its files, by renaming new ones over them).
pub struct DictBytes(Inner);

enum Inner {
    /// 16-byte words holding `.1` bytes.
    Copied(Vec<u128>, usize),
    Mapped(memmap2::Mmap),
}

impl DictBytes {
    /// A copy of `bytes`.
    pub fn copy_of(bytes: &[u8]) -> Self {
        let mut words = vec![0u128; bytes.len().div_ceil(16)];
        bytemuck::cast_slice_mut::<u128, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        DictBytes(Inner::Copied(words, bytes.len()))
    }

    /// The file at `path`, mapped (read, for small files, where a map gains nothing).
    pub fn map(path: &Path) -> io::Result<Self> {
        let file = std::fs::File::open(path)?;
        if file.metadata()?.len() < 1 << 16 {
            return Ok(Self::copy_of(&std::fs::read(path)?));
        }
        // SAFETY: see the type's comment: the file is not modified while mapped.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        Ok(DictBytes(Inner::Mapped(map)))
    }
}

impl AsRef<[u8]> for DictBytes {
    fn as_ref(&self) -> &[u8] {
        match &self.0 {
            Inner::Copied(words, len) => &bytemuck::cast_slice(words)[..*len],
            Inner::Mapped(map) => map,
        }
    }
}

/// A dictionary compiled from text, not loaded yet: it can be written as a blob (to a
/// cache file) and then loaded without compiling again.
pub struct CompiledDictionary {
    parts: DictParts,
    source: SourceDigest,
}

impl CompiledDictionary {
    /// Parses and compiles `source`, a dictionary in jieba's format (file `file_name`, for
    /// errors); `source` is dropped once its words are read, before the trie is built.
    pub fn from_jieba_text(source: impl AsRef<[u8]>, file_name: &str) -> Result<Self> {
        let digest = source_digest(source.as_ref());
        let entries = parse_dictionary(source.as_ref(), file_name)?;
        drop(source);
        Ok(CompiledDictionary {
            parts: entries.compile(Placement::Bounded)?,
            source: digest,
        })
    }

    /// Writes the blob (what [`Dictionary::from_compiled`] loads) to `out`.
    pub fn write_to(&self, out: impl Write) -> io::Result<()> {
        blob::write_to(&self.parts, &self.source, out)
    }

    /// The blob, in memory.
    pub fn to_bytes(&self) -> Vec<u8> {
        blob::encode(&self.parts, &self.source)
    }

    /// The dictionary itself.
    pub fn into_dictionary(self) -> Dictionary {
        Dictionary::from_parts(self.parts)
    }
}

/// The digest of dictionary text that a blob compiled from it records (xxh3-128): the
/// cache keys its files by it and checks a loaded blob against it.
pub fn source_digest(source: &[u8]) -> [u8; 16] {
    blob::source_digest(source)
}

/// `bytes` as if they lived for ever.
///
/// SAFETY: the caller keeps the owner of `bytes` alive (through a [`Backing`]) in every
/// value that holds a slice borrowed from the result, and never changes the bytes.
unsafe fn as_static(bytes: &[u8]) -> &'static [u8] {
    unsafe { std::slice::from_raw_parts(bytes.as_ptr(), bytes.len()) }
}

impl Dictionary {
    /// Loads a blob ([`CompiledDictionary::write_to`], [`Self::compile`]), checking it
    /// whole; never panics on bad bytes.  The bytes are copied.
    pub fn from_compiled(bytes: &[u8]) -> Result<Self> {
        Self::from_dict_bytes(DictBytes::copy_of(bytes), None)
    }

    /// Loads a blob in place, its arrays borrowed from `bytes` (a mapped cache file costs
    /// no copy and no allocation beyond a few small tables).  With `source`, the blob
    /// must have been compiled from text of that digest ([`source_digest`]).
    pub fn from_dict_bytes(bytes: DictBytes, source: Option<&[u8; 16]>) -> Result<Self> {
        let owner = Arc::new(bytes);
        // SAFETY: `owner` is kept, as a `Backing`, by the trie, the base layer and the
        // dictionary, which hold every slice borrowed from these bytes; nothing changes them.
        let raw = unsafe { as_static((*owner).as_ref()) };
        let backing: Backing = Some(owner as Arc<dyn Any + Send + Sync>);
        let view = blob::decode(raw)?;
        if source.is_some_and(|s| *s != view.source) {
            return Err(Error::BadData("compiled from another dictionary".into()));
        }
        let trie = if view.trie.is_empty() {
            None
        } else {
            let trie = CharTrie::in_place(view.trie, backing.clone())?;
            trie.check_values(view.freqs.len(), view.classes.len())?;
            Some(Arc::new(trie))
        };
        if view.classes.get(ZERO_CLASS as usize) != Some(&0) {
            return Err(Error::BadData(
                "frequency class 0 is not frequency 0".into(),
            ));
        }
        let tag_names: Vec<String> = view.tag_names.split('\n').map(str::to_string).collect();
        if view.tags.iter().any(|&t| t as usize >= tag_names.len()) {
            return Err(Error::BadData("tag out of range".into()));
        }
        let base = Layer {
            trie,
            text: Cow::Borrowed(view.text),
            ends: Cow::Borrowed(view.ends),
            freqs: Cow::Borrowed(view.freqs),
            sorted: Cow::Borrowed(view.sorted),
            classes: Cow::Borrowed(view.classes),
            class_logs: class_logs(view.classes),
            class_of: None,
            _backing: backing.clone(),
        };
        let mut dict = Dictionary::with_base(base, Cow::Borrowed(view.tags), tag_names, view.total);
        dict._backing = backing;
        Ok(dict)
    }

    /// Compiles a dictionary file in jieba's format into the blob that
    /// [`Self::from_compiled`] loads.
    pub fn compile(data: &[u8], file_name: &str) -> Result<Vec<u8>> {
        Ok(CompiledDictionary::from_jieba_text(data, file_name)?.to_bytes())
    }
}

#[cfg(test)]
mod tests;
