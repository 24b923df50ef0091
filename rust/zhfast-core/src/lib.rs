//! zhfast-core: Chinese word segmentation that gives exactly jieba 0.42.1's tokens.
//!
//! The pipeline per sentence is jieba's: [`presplit`] into blocks, a [`dag`] of dictionary
//! words per block, the best [`route`] through it, and the [`hmm`] (via [`finalseg`]) for
//! runs of unknown characters.  [`segmenter`] ties them into jieba's cutting modes.
//! This crate has no Python in it; `zhfast-py` binds it.

pub mod batch;
pub mod chars;
pub mod dag;
pub mod data;
pub mod dict;
pub mod dict_blob;
pub mod dict_build;
pub mod dict_text;
pub mod error;
pub mod finalseg;
pub mod hmm;
pub mod hmm_tables;
pub mod idf_table;
pub mod keyword;
pub mod offsets;
pub mod overlay;
pub mod prefix_filter;
pub mod posseg;
pub mod posseg_hmm;
pub mod presplit;
pub mod pyint;
pub mod pystr;
pub mod route;
pub mod segmenter;
pub mod short_eq;
pub mod textrank;
pub mod tfidf;
pub mod tokens;
pub mod trie;

pub use dict::Dictionary;
pub use error::{Error, Result};
pub use hmm::HmmModel;
pub use segmenter::{CutMode, Job, Scratch, Segmenter};
pub use tokens::Tokens;
