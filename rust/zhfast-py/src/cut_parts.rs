//! The parts of a cut, one call each (see `zhfast_core::parts`), for the Python
//! implementation of jieba's cut loop (`zhfast._regex_cut`) that runs when a user has
//! replaced one of jieba's module regexes.

use pyo3::prelude::*;
use pyo3::types::PyString;
use zhfast_core::parts;

use crate::errors::to_py;
use crate::gil;
use crate::tokenizer::CoreTokenizer;

/// jieba's `calc` over the whole of `block`: the exclusive end (in code points) of each
/// word on the best route, in order.
#[pyfunction]
pub fn best_route(
    py: Python<'_>,
    tokenizer: &Bound<'_, CoreTokenizer>,
    block: &Bound<'_, PyString>,
) -> PyResult<Vec<usize>> {
    let text = block.to_cow()?;
    let dict = tokenizer.get().snapshot().dict;
    gil::detach(py, || parts::best_route(&dict, &text)).map_err(to_py)
}

/// `finalseg.viterbi(block, ...)`'s state letters; `None` when `block` holds a
/// character whose emissions only jieba's Python tables have.
#[pyfunction]
pub fn finalseg_states(py: Python<'_>, block: &Bound<'_, PyString>) -> PyResult<Option<String>> {
    let text = block.to_cow()?;
    Ok(gil::detach(py, || parts::finalseg_states(&text)))
}

/// `posseg.viterbi.viterbi(block, ...)`'s route: `(position, tag)` per character.
#[pyfunction]
pub fn posseg_states(py: Python<'_>, block: &Bound<'_, PyString>) -> PyResult<Vec<(char, String)>> {
    let text = block.to_cow()?;
    Ok(gil::detach(py, || parts::posseg_states(&text)))
}

/// jieba's `finalseg` tables as text, for `zhfast.finalseg.start_P` and friends.
#[pyfunction]
pub fn finalseg_tables() -> &'static str {
    parts::FINALSEG_TABLES
}

/// jieba's `posseg` tables as text.
#[pyfunction]
pub fn posseg_tables() -> &'static str {
    parts::POSSEG_TABLES
}
