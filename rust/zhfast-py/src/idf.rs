//! `IdfTable`: jieba's bundled IDF table (`analyse/idf.txt`), compiled into the binary.
//! Python sees it as `idf_freq.get` and the median without building a 270k-entry dict;
//! `to_dict` builds that dict for callers that touch `idf_freq` itself.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use zhfast_core::keywords::IdfTable as Table;

#[pyclass(module = "zhfast._core", frozen)]
pub struct IdfTable {
    pub table: Table<'static>,
}

#[pymethods]
impl IdfTable {
    /// The table compiled from jieba's `idf.txt`.
    #[staticmethod]
    fn bundled() -> Self {
        IdfTable {
            table: Table::bundled(),
        }
    }

    /// `sorted(values)[len // 2]`, as jieba's `IDFLoader.median_idf`.
    #[getter]
    fn median(&self) -> f64 {
        self.table.median()
    }

    fn __len__(&self) -> usize {
        self.table.len()
    }

    /// `idf_freq.get(word)`.
    fn get(&self, word: &str) -> Option<f64> {
        self.table.get(word)
    }

    /// The table as jieba's `idf_freq` dict, in file order.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for i in 0..self.table.len() {
            let (w, v) = self.table.entry(i);
            d.set_item(w, v)?;
        }
        Ok(d)
    }
}
