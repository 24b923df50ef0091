//! jieba 0.42.1's data, converted by `scripts/convert_jieba_data.py` and compiled in
//! (the text as shipped, and the tables `build.rs` compiles from it, read in place).
//! MIT licence; see `rust/zhfast-core/data/NOTICE`.

/// Compiled tables embedded with the alignment their arrays need, so they are read in
/// place (64: the trie's links stay within cache lines).
#[repr(C, align(64))]
struct Aligned<T: ?Sized>(T);

/// `dict.txt`: `word freq tag` per line.
pub static JIEBA_DICT: &[u8] = include_bytes!("../data/dict.txt");

/// The `finalseg` HMM tables as text (`start`, `trans`, `emit` lines).
pub(crate) const FINALSEG_TABLES: &str = include_str!("../data/finalseg.txt");

/// The `posseg` HMM tables as text (`start`, `trans`, `emit`, `chars` lines).
pub(crate) const POSSEG_TABLES: &str = include_str!("../data/posseg.txt");

/// `dict.txt` compiled by `build.rs` (see `dict::compile::blob`).
pub(crate) static JIEBA_DICT_BLOB: &[u8] = &ALIGNED_DICT.0;
static ALIGNED_DICT: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/jieba_dict.bin")));

/// The finalseg tables compiled by `build.rs`: start (4), trans (16), then the emission
/// table (one row of 4 per han character), all little-endian `f64`.
pub(crate) static FINALSEG_BLOB: &[u8] = &ALIGNED_FINALSEG.0;
static ALIGNED_FINALSEG: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/finalseg.bin")));

/// `analyse/idf.txt` compiled by `build.rs` (see [`crate::keywords::IdfTable`]): word → IDF.
pub(crate) static IDF_BLOB: &[u8] = &ALIGNED_IDF.0;
static ALIGNED_IDF: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/idf.bin")));
