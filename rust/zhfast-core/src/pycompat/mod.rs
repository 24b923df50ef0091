//! The pieces of Python's own semantics that jieba's behaviour depends on, so that the
//! core agrees with CPython where a Rust standard function would not (`int()` accepts
//! underscores and surrounding whitespace; `isspace` includes U+001C..U+001F).

pub(crate) mod int;
pub(crate) mod string;
