//! Runs of edits, compactions and background merges read from the input: every version
//! cuts validly, and merging changes no answer.
#![no_main]

#[path = "../../rust/zhfast-core/tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::check_edits(data));
