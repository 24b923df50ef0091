//! `TagTable`: the user part-of-speech tags a `POSTokenizer` holds (jieba's
//! `word_tag_tab` entries from `add_word(..., tag=...)` and user dictionaries), handed to
//! the core as one object instead of a dict per call.

use std::collections::HashMap;

use pyo3::prelude::*;

#[pyclass(module = "zhfast._core", frozen)]
pub struct TagTable {
    tags: HashMap<String, String>,
}

impl TagTable {
    /// The tag recorded for `word`, if any.
    pub fn get(&self, word: &str) -> Option<&str> {
        self.tags.get(word).map(String::as_str)
    }
}

#[pymethods]
impl TagTable {
    #[new]
    fn new(tags: HashMap<String, String>) -> Self {
        TagTable { tags }
    }

    fn __len__(&self) -> usize {
        self.tags.len()
    }
}
