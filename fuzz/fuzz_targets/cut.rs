//! Every mode on arbitrary UTF-8 with jieba's dictionary: no panic; the plain modes'
//! tokens spell the input with increasing offsets; search and `cut_all` keep theirs.
#![no_main]

#[path = "../../rust/zhfast-core/tests/invariants/mod.rs"]
mod invariants;

use std::collections::HashSet;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is cut where the valid part ends, so every input is a text.
    let text = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    };
    invariants::check_cut(invariants::jieba(), &HashSet::new(), text);
});
