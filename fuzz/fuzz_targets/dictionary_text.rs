//! Dictionary text in jieba's format (the form of dictionary and user dictionary
//! files): parsing never panics, and what parses compiles and loads back the same.
#![no_main]

#[path = "../../rust/zhfast-core/tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::check_dictionary_text(data));
