//! `zhfast._core`: the thin PyO3 layer over `zhfast-core`.
//!
//! Argument conventions (bytes decoding, generators, jieba's signatures) live in the
//! Python package; this module converts strings in and results out, releasing the GIL
//! while the core works.

use pyo3::prelude::*;

mod arrow;
mod batches;
mod cut_parts;
mod cutting;
mod errors;
mod files;
mod force_split;
mod fork;
mod gil;
mod idf;
mod keywords;
mod mode;
mod pools;
mod strings;
mod tags;
mod text;
mod tokenizer;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<tokenizer::CoreTokenizer>()?;
    m.add_class::<mode::PyMode>()?;
    m.add_class::<tags::TagTable>()?;
    m.add_class::<idf::IdfTable>()?;
    m.add_class::<arrow::ArrowArray>()?;
    m.add_class::<arrow::ArrowChunkedArray>()?;
    m.add_function(wrap_pyfunction!(arrow::_set_arrow_offset_limit, m)?)?;
    m.add_function(wrap_pyfunction!(keywords::tfidf_keywords, m)?)?;
    m.add_function(wrap_pyfunction!(keywords::textrank_keywords, m)?)?;
    m.add_function(wrap_pyfunction!(tokenizer::bundled_dictionary_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(force_split::add_force_split, m)?)?;
    m.add_function(wrap_pyfunction!(force_split::force_split_words, m)?)?;
    m.add_function(wrap_pyfunction!(fork::before_fork, m)?)?;
    m.add_function(wrap_pyfunction!(fork::after_fork_in_parent, m)?)?;
    m.add_function(wrap_pyfunction!(fork::after_fork_in_child, m)?)?;
    m.add_function(wrap_pyfunction!(force_split::discard_force_split, m)?)?;
    m.add_function(wrap_pyfunction!(force_split::is_force_split, m)?)?;
    m.add_function(wrap_pyfunction!(cut_parts::best_route, m)?)?;
    m.add_function(wrap_pyfunction!(cut_parts::finalseg_states, m)?)?;
    m.add_function(wrap_pyfunction!(cut_parts::posseg_states, m)?)?;
    m.add_function(wrap_pyfunction!(cut_parts::finalseg_tables, m)?)?;
    m.add_function(wrap_pyfunction!(cut_parts::posseg_tables, m)?)?;
    Ok(())
}
