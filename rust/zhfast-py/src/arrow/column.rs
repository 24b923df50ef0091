//! The results of the Arrow calls: Python objects that hand their arrays to any Arrow
//! library through the PyCapsule interface, without a copy.
//!
//! `ArrowArray` (for an array given) has `__arrow_c_array__` and `__arrow_c_stream__`;
//! `ArrowChunkedArray` (for a stream given: a chunked array, a Polars Series, a table
//! column) has only `__arrow_c_stream__`, with the input's chunk lengths, so consumers
//! that look for `__arrow_c_array__` first still see it chunked.

use arrow_data::ArrayData;
use arrow_schema::{DataType, Field};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use super::capsules::{export_array, export_stream};
use super::output::Arrays;

/// Arrow's own spelling of the types made here (`list<item: string>`), for `repr`.
fn type_name(dt: &DataType) -> String {
    match dt {
        DataType::Utf8 => "string".into(),
        DataType::LargeUtf8 => "large_string".into(),
        DataType::UInt32 => "uint32".into(),
        DataType::List(f) => format!("list<{}: {}>", f.name(), type_name(f.data_type())),
        DataType::LargeList(f) => format!("large_list<{}: {}>", f.name(), type_name(f.data_type())),
        DataType::Struct(fields) => {
            let inner: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.name(), type_name(f.data_type())))
                .collect();
            format!("struct<{}>", inner.join(", "))
        }
        other => other.to_string(),
    }
}

/// The field a result is exported as: unnamed, nullable (items of the input may be).
fn field_of(dt: DataType) -> Field {
    Field::new("", dt, true)
}

/// One array of results, one item per text.
#[pyclass(module = "zhfast._core", frozen)]
pub struct ArrowArray {
    field: Field,
    data: ArrayData,
}

#[pymethods]
impl ArrowArray {
    /// The Arrow PyCapsule interface: `(schema, array)` capsules.  A requested schema
    /// is not applied (the interface leaves that to the producer's judgement); the
    /// consumer casts if it needs another type.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        export_array(py, &self.field, &self.data)
    }

    /// The Arrow PyCapsule interface: a stream of this one array.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        export_stream(py, &self.field, std::slice::from_ref(&self.data))
    }

    fn __len__(&self) -> usize {
        self.data.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<zhfast ArrowArray {} of {} items>",
            type_name(self.field.data_type()),
            self.data.len()
        )
    }
}

/// Chunks of results, as the chunks of the input.
#[pyclass(module = "zhfast._core", frozen)]
pub struct ArrowChunkedArray {
    field: Field,
    chunks: Vec<ArrayData>,
}

#[pymethods]
impl ArrowChunkedArray {
    /// The Arrow PyCapsule interface: a stream of the chunks.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        export_stream(py, &self.field, &self.chunks)
    }

    /// The number of chunks.
    #[getter]
    fn num_chunks(&self) -> usize {
        self.chunks.len()
    }

    fn __len__(&self) -> usize {
        self.chunks.iter().map(ArrayData::len).sum()
    }

    fn __repr__(&self) -> String {
        format!(
            "<zhfast ArrowChunkedArray {} of {} items in {} chunks>",
            type_name(self.field.data_type()),
            self.__len__(),
            self.chunks.len()
        )
    }
}

/// The Python result for `arrays`: chunked when the input was.
pub(crate) fn result(
    py: Python<'_>,
    (dt, mut chunks): Arrays,
    chunked: bool,
) -> PyResult<Py<PyAny>> {
    let field = field_of(dt);
    if chunked {
        return Ok(Py::new(py, ArrowChunkedArray { field, chunks })?.into_any());
    }
    let data = chunks.pop().expect("an array input is one chunk");
    Ok(Py::new(py, ArrowArray { field, data })?.into_any())
}
