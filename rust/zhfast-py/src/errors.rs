//! Core errors as the Python exceptions jieba raises for the same conditions.

use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::PyErr;
use zhfast_core::Error;

pub fn to_py(err: Error) -> PyErr {
    match err {
        Error::FrequencyOutOfRange(_) | Error::Column(_) => {
            PyOverflowError::new_err(err.to_string())
        }
        _ => PyValueError::new_err(err.to_string()),
    }
}
