//! Arbitrary bytes loaded as a compiled dictionary (a damaged or foreign cache file):
//! an error, or a dictionary that answers and cuts without panicking.
#![no_main]

#[path = "../../rust/zhfast-core/tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::check_blob(data));
