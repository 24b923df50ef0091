//! Compiles jieba's data into the tables the library reads in place (the dictionary,
//! the finalseg HMM, the IDF table), so that importing zhfast builds nothing.
//!
//! The modules below are the library's own, compiled here too: the dictionary text
//! format and compiler with the trie they build, the HMM tables and the IDF table.
#![allow(dead_code, unused_imports)]

#[path = "src/dict/compile/mod.rs"]
mod compile;
#[path = "src/error.rs"]
mod error;
#[path = "src/hmm/tables.rs"]
mod hmm_tables;
#[path = "src/keywords/idf_table.rs"]
mod idf_table;
#[path = "src/pycompat/mod.rs"]
mod pycompat;
#[path = "src/keywords/short_eq.rs"]
mod short_eq;
#[path = "src/text/mod.rs"]
mod text;
#[path = "src/trie/mod.rs"]
mod trie;

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    for input in ["data/dict.txt", "data/finalseg.txt", "data/idf.txt"] {
        println!("cargo:rerun-if-changed={input}");
    }
    // The build reads these sources; a change to any of them may change the tables.
    for dir in [
        "src/dict/compile",
        "src/trie",
        "src/pycompat",
        "src/text",
        "src/hmm",
        "src/keywords",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-changed=src/error.rs");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    write(
        &out_dir,
        "jieba_dict.bin",
        &compile_dictionary(&manifest.join("data/dict.txt")),
    );

    let tables = std::fs::read_to_string(manifest.join("data/finalseg.txt"))
        .expect("read data/finalseg.txt");
    let model = hmm_tables::HmmModel::parse(&tables).expect("finalseg.txt parses");
    write(&out_dir, "finalseg.bin", &model.to_bytes());

    let idf_text =
        std::fs::read_to_string(manifest.join("data/idf.txt")).expect("read data/idf.txt");
    let idf = idf_table::parse(&idf_text).expect("idf.txt parses");
    write(
        &out_dir,
        "idf.bin",
        &idf_table::encode(&idf, idf_table::median(&idf)),
    );
}

fn compile_dictionary(source: &Path) -> Vec<u8> {
    let text = std::fs::read(source).expect("read data/dict.txt");
    let entries = compile::text::parse_dictionary(&text, "dict.txt").expect("dict.txt parses");
    // Placed once, here: the exhaustive search gives the densest hot front.
    let parts = entries
        .compile(trie::Placement::FirstFit)
        .expect("dict.txt compiles");
    compile::blob::encode(&parts, &compile::blob::source_digest(&text))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
}
