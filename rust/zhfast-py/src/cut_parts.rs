//! The parts of a cut, one call each, for the Python implementation of jieba's cut loop
//! (`zhfast._regex_cut`) that runs when a user has replaced one of jieba's module
//! regexes.  Blocks then hold whatever the user's regex lets through, so these work on
//! any text: the best route through the dictionary, and the two HMMs' state sequences.

use std::collections::HashSet;
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::PyString;
use zhfast_core::posseg_hmm::{PossegModel, PossegScratch};
use zhfast_core::route::Route;
use zhfast_core::HmmModel;

use crate::errors::to_py;
use crate::tokenizer::CoreTokenizer;

/// Characters and their byte offsets (plus the end), as the core's block functions take them.
fn decoded(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    (text.chars().collect(), offsets)
}

/// jieba's `calc` over the whole of `block` followed from the start: the exclusive end
/// (in code points) of each word on the best route, in order.
#[pyfunction]
pub fn best_route(
    py: Python<'_>,
    tokenizer: &Bound<'_, CoreTokenizer>,
    block: &Bound<'_, PyString>,
) -> PyResult<Vec<usize>> {
    let text = block.to_cow()?;
    let dict = tokenizer.get().current_dictionary();
    py.detach(|| {
        let (chars, offsets) = decoded(&text);
        let mut route = Route::default();
        route.build::<false>(&dict, &text, &chars, &offsets)?;
        let mut ends = Vec::new();
        let mut x = 0;
        while x < chars.len() {
            x = route.next(x);
            ends.push(x);
        }
        Ok(ends)
    })
    .map_err(to_py)
}

/// The characters outside the han range that jieba's `finalseg` emission table has
/// (the compiled table covers only the han range, where the core's blocks live).
fn finalseg_extra_chars() -> &'static HashSet<char> {
    static EXTRA: OnceLock<HashSet<char>> = OnceLock::new();
    EXTRA.get_or_init(|| {
        zhfast_core::data::FINALSEG_TABLES
            .lines()
            .filter_map(|line| {
                line.strip_prefix("emit ")?
                    .split(' ')
                    .nth(1)?
                    .chars()
                    .next()
            })
            .filter(|&c| !('\u{4E00}'..='\u{9FD5}').contains(&c))
            .collect()
    })
}

/// `finalseg.viterbi(block, 'BMES', ...)`'s state letters, one per character; `None`
/// when `block` holds a character whose emissions only the Python tables have.
#[pyfunction]
pub fn finalseg_states(py: Python<'_>, block: &Bound<'_, PyString>) -> PyResult<Option<String>> {
    let text = block.to_cow()?;
    Ok(py.detach(|| {
        let chars: Vec<char> = text.chars().collect();
        let extra = finalseg_extra_chars();
        if chars.iter().any(|c| extra.contains(c)) {
            return None;
        }
        let (mut states, mut back) = (Vec::new(), Vec::new());
        HmmModel::jieba_finalseg().viterbi(&chars, &mut states, &mut back);
        // States are numbered in letter order: B, E, M, S.
        Some(
            states
                .iter()
                .map(|&s| ['B', 'E', 'M', 'S'][s as usize])
                .collect(),
        )
    }))
}

/// `posseg.viterbi.viterbi(block, char_state_tab_P, ...)`'s route: `(position, tag)` for
/// each character of `block`.
#[pyfunction]
pub fn posseg_states(py: Python<'_>, block: &Bound<'_, PyString>) -> PyResult<Vec<(char, String)>> {
    let text = block.to_cow()?;
    Ok(py.detach(|| {
        let chars: Vec<char> = text.chars().collect();
        if chars.is_empty() {
            return Vec::new();
        }
        let model = PossegModel::jieba();
        let mut route = Vec::new();
        model.viterbi(&chars, &mut PossegScratch::default(), &mut route);
        route
            .iter()
            .map(|&i| {
                let state = model.state(i);
                (char::from(state.position), state.tag.clone())
            })
            .collect()
    }))
}

/// jieba's `finalseg` tables as text (`start`, `trans`, `emit` lines), for the Python
/// dicts `zhfast.finalseg.start_P` and friends.
#[pyfunction]
pub fn finalseg_tables() -> &'static str {
    zhfast_core::data::FINALSEG_TABLES
}

/// jieba's `posseg` tables as text (`start`, `trans`, `emit`, `chars` lines).
#[pyfunction]
pub fn posseg_tables() -> &'static str {
    zhfast_core::data::POSSEG_TABLES
}
