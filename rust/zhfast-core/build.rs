#![allow(dead_code)]
//! Compiles jieba's data into the tables the library reads in place (the dictionary,
//! the finalseg HMM, the IDF table), so that importing zhfast builds nothing.

#[path = "src/dict_blob.rs"]
mod dict_blob;
#[path = "src/dict_build.rs"]
mod dict_build;
#[path = "src/dict_text.rs"]
mod dict_text;
#[path = "src/error.rs"]
mod error;
#[path = "src/prefetch.rs"]
mod prefetch;
#[path = "src/pyint.rs"]
mod pyint;
#[path = "src/hmm_tables.rs"]
mod hmm_tables;
#[path = "src/trie.rs"]
mod trie;
#[path = "src/trie_build.rs"]
mod trie_build;
#[path = "src/pystr.rs"]
mod pystr;
#[path = "src/short_eq.rs"]
mod short_eq;
#[path = "src/idf_table.rs"]
mod idf_table;
#[path = "src/chars.rs"]
#[allow(dead_code)]
mod chars;

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let source = manifest.join("data/dict.txt");
    println!("cargo:rerun-if-changed={}", source.display());
    println!("cargo:rerun-if-changed=data/finalseg.txt");
    println!("cargo:rerun-if-changed=data/idf.txt");
    for f in ["dict_blob.rs", "dict_build.rs", "dict_text.rs", "error.rs", "pyint.rs", "hmm_tables.rs", "chars.rs", "trie.rs", "trie_build.rs", "pystr.rs", "idf_table.rs", "short_eq.rs"] {
        println!("cargo:rerun-if-changed=src/{f}");
    }
    let text = std::fs::read(&source).expect("read data/dict.txt");
    let entries = dict_text::parse_dictionary(&text, "dict.txt").expect("dict.txt parses");
    let parts = dict_build::build_parts(entries.into_iter().map(|e| (e.word, e.freq, e.tag))).expect("dict.txt compiles");
    let blob = dict_blob::encode(&parts);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("jieba_dict.bin"), blob).expect("write the compiled dictionary");

    let tables = std::fs::read_to_string(manifest.join("data/finalseg.txt")).expect("read data/finalseg.txt");
    let model = hmm_tables::HmmModel::parse(&tables).expect("finalseg.txt parses");
    std::fs::write(out_dir.join("finalseg.bin"), model.to_bytes()).expect("write the compiled HMM");

    let idf_text = std::fs::read_to_string(manifest.join("data/idf.txt")).expect("read data/idf.txt");
    let idf = idf_table::parse(&idf_text).expect("idf.txt parses");
    std::fs::write(out_dir.join("idf.bin"), idf_table::encode(&idf, idf_table::median(&idf))).expect("write the compiled IDF table");
}
