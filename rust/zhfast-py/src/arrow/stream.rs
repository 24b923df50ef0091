//! An Arrow C stream over finished chunks of any type.
//!
//! arrow-rs exports streams of record batches (structs) only; a chunked column of
//! `list<string>` needs a stream whose schema is the column's own type, so the stream's
//! callbacks are written here, over arrow-rs's structs.

use std::ffi::{c_char, c_int, c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_data::ffi::FFI_ArrowArray;
use arrow_data::ArrayData;
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::Field;

/// What the stream's callbacks read: the type, the chunks still to hand out, and the
/// message of the last error.
struct Private {
    field: Field,
    chunks: std::vec::IntoIter<ArrayData>,
    last_error: Option<CString>,
}

/// The C stream's error code for a failure here (`EIO`, as arrow-rs uses).
const EIO: c_int = 5;

/// A stream handing out `chunks` of type `field`, then the end.
pub(crate) fn export(field: Field, chunks: Vec<ArrayData>) -> FFI_ArrowArrayStream {
    let private = Box::new(Private {
        field,
        chunks: chunks.into_iter(),
        last_error: None,
    });
    // SAFETY: the callbacks below implement the C stream interface over `Private`,
    // which `release` frees once, then marking the stream released.
    unsafe {
        FFI_ArrowArrayStream::new_unchecked(
            Some(get_schema),
            Some(get_next),
            Some(get_last_error),
            Some(release),
            Box::into_raw(private).cast::<c_void>(),
        )
    }
}

/// # Safety
/// `stream` is a live stream made by [`export`].
unsafe fn private<'a>(stream: *mut FFI_ArrowArrayStream) -> &'a mut Private {
    unsafe { &mut *(*stream).private_data().cast::<Private>() }
}

/// Runs a callback's body, turning a panic (which must not cross the C boundary) into
/// an error code.
fn guarded(private: &mut Private, f: impl FnOnce(&mut Private) -> Result<(), String>) -> c_int {
    let result = catch_unwind(AssertUnwindSafe(|| f(private)))
        .unwrap_or_else(|_| Err("zhfast: the stream's callback panicked".to_string()));
    match result {
        Ok(()) => 0,
        Err(message) => {
            private.last_error = CString::new(message).ok();
            EIO
        }
    }
}

unsafe extern "C" fn get_schema(
    stream: *mut FFI_ArrowArrayStream,
    out: *mut FFI_ArrowSchema,
) -> c_int {
    // SAFETY: the consumer calls back with the stream it was given and a place for
    // the schema, which it owns (written without dropping what was there).
    let private = unsafe { private(stream) };
    guarded(private, |p| {
        let schema = FFI_ArrowSchema::try_from(&p.field).map_err(|e| e.to_string())?;
        unsafe { std::ptr::write(out, schema) };
        Ok(())
    })
}

unsafe extern "C" fn get_next(
    stream: *mut FFI_ArrowArrayStream,
    out: *mut FFI_ArrowArray,
) -> c_int {
    // SAFETY: as in `get_schema`; a released array marks the end of the stream.
    let private = unsafe { private(stream) };
    guarded(private, |p| {
        let array = match p.chunks.next() {
            Some(data) => FFI_ArrowArray::new(&data),
            None => FFI_ArrowArray::empty(),
        };
        unsafe { std::ptr::write(out, array) };
        Ok(())
    })
}

unsafe extern "C" fn get_last_error(stream: *mut FFI_ArrowArrayStream) -> *const c_char {
    // SAFETY: as in `get_schema`; the message lives until the next call or release.
    let private = unsafe { private(stream) };
    private
        .last_error
        .as_ref()
        .map_or(std::ptr::null(), |m| m.as_ptr())
}

unsafe extern "C" fn release(stream: *mut FFI_ArrowArrayStream) {
    if stream.is_null() {
        return;
    }
    // SAFETY: called once by the consumer (or by `Drop` of an unconsumed stream); the
    // private data is freed and the stream marked released.
    unsafe {
        let data = (*stream).set_private_data(std::ptr::null_mut());
        if !data.is_null() {
            drop(Box::from_raw(data.cast::<Private>()));
        }
        (*stream).set_release(None);
    }
}
