//! jieba 0.42.1's data, converted by `scripts/convert_jieba_data.py` and compiled in.
//! MIT licence; see `rust/zhfast-core/data/NOTICE`.

/// `dict.txt`: `word freq tag` per line.
pub static JIEBA_DICT: &[u8] = include_bytes!("../data/dict.txt");

/// The `finalseg` HMM tables as text (`start`, `trans`, `emit` lines).
pub static FINALSEG_TABLES: &str = include_str!("../data/finalseg.txt");

/// The `posseg` HMM tables as text (`start`, `trans`, `emit`, `chars` lines).
pub static POSSEG_TABLES: &str = include_str!("../data/posseg.txt");

/// `analyse/idf.txt` compiled by `build.rs` (see [`crate::idf_table`]): word → IDF.
pub static IDF_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/idf.bin"));

/// The bundled IDF table, read in place.
pub fn idf_table() -> crate::idf_table::IdfTable<'static> {
    crate::idf_table::IdfTable::new(IDF_TABLE).expect("the compiled IDF table is well formed")
}
