//! The Arrow PyCapsule interface: texts in through `__arrow_c_array__` or
//! `__arrow_c_stream__`, results out through the same, with arrow-rs's C data structs.

use std::ffi::CStr;
use std::panic::{catch_unwind, AssertUnwindSafe};

use arrow_array::ffi::from_ffi;
use arrow_array::ffi_stream::{ArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{Array, ArrayRef};
use arrow_data::ffi::FFI_ArrowArray;
use arrow_data::ArrayData;
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::{ArrowError, Field};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList, PyTuple};

use super::input::{check_type, Chunk};
use super::stream;

const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";
const STREAM: &CStr = c"arrow_array_stream";

/// The texts of one call.
pub(crate) struct Input {
    pub chunks: Vec<Chunk>,
    /// Whether they came as a stream (a chunked array): the result is one too.
    pub chunked: bool,
}

fn invalid(err: ArrowError) -> PyErr {
    PyValueError::new_err(format!("zhfast: invalid Arrow data: {err}"))
}

/// Runs `f`, turning a panic of the Arrow code (a malformed array it did not expect)
/// into `ValueError` instead of letting it reach Python.
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(PyValueError::new_err(
            "zhfast: malformed Arrow data (its buffers do not match its type)",
        ))
    })
}

/// A chunk from checked array data.
fn chunk(data: ArrayData) -> PyResult<Chunk> {
    check_type(data.data_type())?;
    data.validate().map_err(invalid)?;
    guarded(|| Chunk::from_data(data))
}

/// `texts` as chunks: an object with `__arrow_c_array__` (one chunk) or
/// `__arrow_c_stream__` (any number), or a list of `str` and `None`.
pub(crate) fn import(texts: &Bound<'_, PyAny>) -> PyResult<Input> {
    if texts.hasattr("__arrow_c_array__")? {
        let pair = texts.call_method0("__arrow_c_array__")?;
        let pair = pair.cast::<PyTuple>()?;
        let schema = pair.get_item(0)?;
        let array = pair.get_item(1)?;
        let schema = schema.cast::<PyCapsule>()?.pointer_checked(Some(SCHEMA))?;
        let array = array.cast::<PyCapsule>()?.pointer_checked(Some(ARRAY))?;
        // SAFETY: the capsules are named as the interface says, so they hold these
        // structs; the array is moved out (its capsule keeps a released one), the
        // schema only borrowed.
        let data = unsafe {
            let array = std::ptr::replace(
                array.cast::<FFI_ArrowArray>().as_ptr(),
                FFI_ArrowArray::empty(),
            );
            if array.is_released() {
                return Err(PyValueError::new_err(
                    "zhfast: the Arrow array was already released",
                ));
            }
            from_ffi(array, schema.cast::<FFI_ArrowSchema>().as_ref())
        }
        .map_err(invalid)?;
        return Ok(Input {
            chunks: vec![chunk(data)?],
            chunked: false,
        });
    }
    if texts.hasattr("__arrow_c_stream__")? {
        let capsule = texts.call_method0("__arrow_c_stream__")?;
        let stream = capsule.cast::<PyCapsule>()?.pointer_checked(Some(STREAM))?;
        // SAFETY: as above, the stream is moved out of its capsule.
        let reader =
            unsafe { ArrayStreamReader::from_raw(stream.cast().as_ptr()) }.map_err(invalid)?;
        check_type(reader_type(&reader))?;
        let chunks = reader
            .map(|array: Result<ArrayRef, ArrowError>| chunk(array.map_err(invalid)?.to_data()))
            .collect::<PyResult<_>>()?;
        return Ok(Input {
            chunks,
            chunked: true,
        });
    }
    if let Ok(list) = texts.cast::<PyList>() {
        return Ok(Input {
            chunks: vec![Chunk::from_list(list)?],
            chunked: false,
        });
    }
    let name = texts.get_type().name()?;
    Err(PyTypeError::new_err(format!(
        "zhfast: texts must be an Arrow array or stream of strings, or a list of str, not {name}"
    )))
}

fn reader_type(reader: &ArrayStreamReader) -> &arrow_schema::DataType {
    use arrow_array::ArrayReader;
    reader.field().data_type()
}

/// `__arrow_c_array__`'s pair of capsules for `data`, of type `field`.
pub(crate) fn export_array<'py>(
    py: Python<'py>,
    field: &Field,
    data: &ArrayData,
) -> PyResult<Bound<'py, PyTuple>> {
    let schema = FFI_ArrowSchema::try_from(field).map_err(invalid)?;
    let array = FFI_ArrowArray::new(data);
    // Each capsule owns its struct: dropping it releases what a consumer did not move out.
    let schema = PyCapsule::new(py, schema, Some(SCHEMA.to_owned()))?;
    let array = PyCapsule::new(py, array, Some(ARRAY.to_owned()))?;
    PyTuple::new(py, [schema, array])
}

/// `__arrow_c_stream__`'s capsule for `chunks`, each of type `field`.
pub(crate) fn export_stream<'py>(
    py: Python<'py>,
    field: &Field,
    chunks: &[ArrayData],
) -> PyResult<Bound<'py, PyCapsule>> {
    let stream: FFI_ArrowArrayStream = stream::export(field.clone(), chunks.to_vec());
    PyCapsule::new(py, stream, Some(STREAM.to_owned()))
}
