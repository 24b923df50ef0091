//! `zhfast._core.Mode`: jieba's cutting modes as one value (see `zhfast_core::Mode`),
//! chosen from jieba's flags by the Python layer.

use pyo3::prelude::*;
use zhfast_core::Mode;

/// One of jieba's cutting modes.
#[pyclass(name = "Mode", module = "zhfast._core", eq, eq_int, frozen)]
#[derive(Clone, Copy, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms, non_camel_case_types)]
pub enum PyMode {
    DEFAULT,
    NO_HMM,
    ALL,
    SEARCH,
    SEARCH_NO_HMM,
}

impl From<PyMode> for Mode {
    fn from(mode: PyMode) -> Self {
        match mode {
            PyMode::DEFAULT => Mode::Default,
            PyMode::NO_HMM => Mode::NoHmm,
            PyMode::ALL => Mode::All,
            PyMode::SEARCH => Mode::Search,
            PyMode::SEARCH_NO_HMM => Mode::SearchNoHmm,
        }
    }
}
