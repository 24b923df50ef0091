//! Loading a dictionary: jieba's bundled one (read in place from the blob compiled into
//! the binary), a custom one from text, or a compiled one from a cache file.

use std::borrow::Cow;
use std::sync::Arc;

use super::compile::{blob, build_parts, py_log, text::parse_dictionary, DictParts, ZERO_CLASS};
use super::layer::{class_logs, Layer};
use super::overlay::Overlay;
use super::Dictionary;
use crate::data;
use crate::error::{Error, Result};
use crate::trie::CharTrie;

impl Dictionary {
    /// A dictionary of `base` alone (no words added at run time yet).
    pub(super) fn with_base(
        base: Layer,
        tags: Cow<'static, [u16]>,
        tag_names: Vec<String>,
        total: i64,
    ) -> Self {
        let has_negative = base.freqs.iter().any(|&f| f < 0);
        Dictionary {
            base,
            tags,
            tag_names,
            user: Layer::empty(),
            overlay: Overlay::default(),
            user_starts: Arc::default(),
            total,
            log_total: py_log(total),
            has_negative,
        }
    }

    pub(super) fn from_parts(parts: DictParts) -> Self {
        let (total, tags, tag_names) = (parts.total, parts.tags.clone(), parts.tag_names.clone());
        Self::with_base(Layer::owned(parts), Cow::Owned(tags), tag_names, total)
    }

    /// Builds a dictionary from `(word, freq)` entries applied in order (jieba's
    /// semantics: the last frequency of a repeated word wins, `total` adds them all).
    pub fn from_entries<I, S>(entries: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, i64)>,
        S: Into<String>,
    {
        Ok(Self::from_parts(build_parts(
            entries.into_iter().map(|(w, f)| (w, f, "")),
        )?))
    }

    /// Parses and compiles a dictionary file in jieba's format.
    pub fn from_jieba_text(data: &[u8], file_name: &str) -> Result<Self> {
        let entries = parse_dictionary(data, file_name)?;
        Ok(Self::from_parts(build_parts(
            entries.into_iter().map(|e| (e.word, e.freq, e.tag)),
        )?))
    }

    /// Compiles a dictionary file in jieba's format into the binary form that
    /// [`Self::from_compiled`] loads (what the Python layer caches for custom
    /// dictionaries).
    pub fn compile(data: &[u8], file_name: &str) -> Result<Vec<u8>> {
        let entries = parse_dictionary(data, file_name)?;
        let parts = build_parts(entries.into_iter().map(|e| (e.word, e.freq, e.tag)))?;
        Ok(blob::encode(&parts))
    }

    /// Loads the output of [`Self::compile`], checking it; never panics on bad bytes.
    pub fn from_compiled(bytes: &[u8]) -> Result<Self> {
        // Copy into 8-aligned memory so the sections can be read as arrays.
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        let aligned = &bytemuck::cast_slice::<u64, u8>(&words)[..bytes.len()];
        let view = blob::decode(aligned)?;
        let trie = if view.trie.is_empty() {
            None
        } else {
            Some(Arc::new(CharTrie::owned(view.trie)?))
        };
        let max_stored = trie.as_ref().and_then(|t| t.max_value_and_payload());
        if max_stored.is_some_and(|(value, class)| {
            value as usize >= view.freqs.len() || class as usize >= view.classes.len()
        }) {
            return Err(Error::BadData("trie value out of range".into()));
        }
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
            text: Cow::Owned(view.text.to_string()),
            ends: Cow::Owned(view.ends.to_vec()),
            freqs: Cow::Owned(view.freqs.to_vec()),
            sorted: Cow::Owned(view.sorted.to_vec()),
            classes: Cow::Owned(view.classes.to_vec()),
            class_logs: class_logs(view.classes),
            class_of: None,
        };
        Ok(Dictionary::with_base(
            base,
            Cow::Owned(view.tags.to_vec()),
            tag_names,
            view.total,
        ))
    }

    /// jieba's bundled dictionary, read in place from the compiled-in blob.
    pub fn jieba_default() -> Self {
        let view =
            blob::decode_bundled(data::JIEBA_DICT_BLOB).expect("bundled dictionary blob is valid");
        let base = Layer {
            trie: (!view.trie.is_empty())
                .then(|| Arc::new(CharTrie::borrowed(view.trie).expect("bundled trie is valid"))),
            text: Cow::Borrowed(view.text),
            ends: Cow::Borrowed(view.ends),
            freqs: Cow::Borrowed(view.freqs),
            sorted: Cow::Borrowed(view.sorted),
            classes: Cow::Borrowed(view.classes),
            // A few thousand logarithms, taken with this machine's libm as jieba's are.
            class_logs: class_logs(view.classes),
            class_of: None,
        };
        let tag_names = view.tag_names.split('\n').map(str::to_string).collect();
        Dictionary::with_base(base, Cow::Borrowed(view.tags), tag_names, view.total)
    }
}
