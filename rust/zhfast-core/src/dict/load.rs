//! Loading a dictionary: jieba's bundled one (read in place from the blob compiled into
//! the binary) or a custom one from text; compiled ones from a cache file are
//! `compiled.rs`'s.

use std::borrow::Cow;
use std::sync::Arc;

use super::compile::{blob, build_parts, py_log, text::parse_dictionary, DictParts};
use super::layer::{class_logs, Layer};
use super::overlay::Overlay;
use super::Dictionary;
use crate::data;
use crate::error::Result;
use crate::trie::{CharTrie, Placement};

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
            _backing: None,
        }
    }

    pub(super) fn from_parts(mut parts: DictParts) -> Self {
        let tags = std::mem::take(&mut parts.tags);
        let tag_names = std::mem::take(&mut parts.tag_names);
        let total = parts.total;
        Self::with_base(Layer::owned(parts), Cow::Owned(tags), tag_names, total)
    }

    /// Builds a dictionary from `(word, freq)` entries applied in order (jieba's
    /// semantics: the last frequency of a repeated word wins, `total` adds them all).
    pub fn from_entries<I, S>(entries: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, i64)>,
        S: Into<String>,
    {
        let entries = entries.into_iter().map(|(w, f)| (w.into(), f, ""));
        Ok(Self::from_parts(build_parts::<_, String, _>(entries)?))
    }

    /// Parses and compiles a dictionary file in jieba's format.
    pub fn from_jieba_text(data: &[u8], file_name: &str) -> Result<Self> {
        let parts = parse_dictionary(data, file_name)?.compile(Placement::Bounded)?;
        Ok(Self::from_parts(parts))
    }

    /// jieba's bundled dictionary, read in place from the compiled-in blob.
    pub fn jieba_default() -> Self {
        let view =
            blob::decode_bundled(data::JIEBA_DICT_BLOB).expect("bundled dictionary blob is valid");
        let base = Layer {
            trie: (!view.trie.is_empty()).then(|| {
                Arc::new(CharTrie::in_place(view.trie, None).expect("bundled trie is valid"))
            }),
            text: Cow::Borrowed(view.text),
            ends: Cow::Borrowed(view.ends),
            freqs: Cow::Borrowed(view.freqs),
            sorted: Cow::Borrowed(view.sorted),
            classes: Cow::Borrowed(view.classes),
            // A few thousand logarithms, taken with this machine's libm as jieba's are.
            class_logs: class_logs(view.classes),
            class_of: None,
            _backing: None,
        };
        let tag_names = view.tag_names.split('\n').map(str::to_string).collect();
        Dictionary::with_base(base, Cow::Borrowed(view.tags), tag_names, view.total)
    }
}
