//! Reused Python `str` objects for tokens.
//!
//! Creating a `str` costs 100–180 ns (UTF-8 decoding, allocation), more than cutting the
//! token.  Most tokens are dictionary words or single characters, so each base word id
//! and each BMP character gets one `str`, made the first time it is needed and shared
//! (with a new reference) by every list that contains it after that.  Other tokens
//! (HMM words, ASCII runs, numbers) are created as usual.

use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyList;
use zhfast_core::{Tokens, JOINED, NO_WORD};

/// One slot per base word id; empty until first use.  Zero-initialised memory, so the
/// pages of words never seen are never touched.
pub struct WordStrings {
    slots: Box<[AtomicPtr<ffi::PyObject>]>,
}

/// Single BMP characters (punctuation, unknown han characters): one slot per code point.
static CHARS: [AtomicPtr<ffi::PyObject>; 0x10000] =
    [const { AtomicPtr::new(ptr::null_mut()) }; 0x10000];

impl WordStrings {
    pub fn new(words: usize) -> Self {
        // `vec![0; n]` asks the allocator for zeroed memory (calloc), which the OS maps
        // lazily: slots of words never cut cost no resident memory.
        let zeros: Box<[usize]> = vec![0usize; words].into_boxed_slice();
        let raw = Box::into_raw(zeros) as *mut [AtomicPtr<ffi::PyObject>];
        // SAFETY: `AtomicPtr<T>` has the size, alignment and bit validity of `*mut T`,
        // which has those of `usize` here; all-zero bits are the null pointer.
        WordStrings {
            slots: unsafe { Box::from_raw(raw) },
        }
    }
}

impl Drop for WordStrings {
    fn drop(&mut self) {
        let owned: Vec<*mut ffi::PyObject> = self
            .slots
            .iter()
            .map(|s| s.load(Ordering::Acquire))
            .filter(|p| !p.is_null())
            .collect();
        if owned.is_empty() {
            return;
        }
        // Without an interpreter (a background merge ending after the program's exit
        // finalised it) the strings are left to the process's end.
        Python::try_attach(|_py| {
            for p in owned {
                // SAFETY: each slot holds one strong reference, released once here.
                unsafe { ffi::Py_DecRef(p) };
            }
        });
    }
}

/// A new `str` for `s` (new reference).
fn new_str(s: &str) -> *mut ffi::PyObject {
    // SAFETY: `s` is valid UTF-8 of the given length; the GIL is held by the caller.
    unsafe { ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t) }
}

/// The `str` in `slot`, created from `text()` if empty; returns a new reference.  The text
/// is only asked for to create the string (slicing it checks both ends for char
/// boundaries, a cost on every token otherwise).
#[inline(always)]
fn cached<'a>(
    slot: &AtomicPtr<ffi::PyObject>,
    text: impl FnOnce() -> &'a str,
) -> *mut ffi::PyObject {
    let mut p = slot.load(Ordering::Acquire);
    if p.is_null() {
        let fresh = new_str(text());
        if fresh.is_null() {
            return fresh;
        }
        p = match slot.compare_exchange(ptr::null_mut(), fresh, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => fresh,
            Err(existing) => {
                // SAFETY: `fresh` is ours and unused; another thread filled the slot first.
                unsafe { ffi::Py_DecRef(fresh) };
                existing
            }
        };
    }
    // SAFETY: the slot keeps its own reference; this one is for the caller.
    unsafe { ffi::Py_INCREF(p) };
    p
}

/// The token with byte span `(start, end)` (or `(JOINED, j)`) and word `id` of `tokens`,
/// cut from `text`, as a new reference.
#[inline(always)]
fn token_object(
    words: &WordStrings,
    text: &str,
    tokens: &Tokens,
    (start, end): (usize, usize),
    id: u32,
) -> *mut ffi::PyObject {
    if id != NO_WORD {
        if let Some(slot) = words.slots.get(id as usize) {
            return cached(slot, || &text[start..end]);
        }
    }
    if start == JOINED {
        return new_str(&tokens.joined[end].0);
    }
    let s = &text[start..end];
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if (c as u32) < 0x10000 {
            return cached(&CHARS[c as usize], || s);
        }
    }
    new_str(s)
}

/// A Python list of the tokens, as `str`.
pub fn token_list<'py>(
    py: Python<'py>,
    words: &WordStrings,
    text: &str,
    tokens: &Tokens,
) -> PyResult<Bound<'py, PyList>> {
    token_list_range(py, words, text, tokens, 0..tokens.len())
}

/// A Python list of the tokens in `range`, as `str`.
pub fn token_list_range<'py>(
    py: Python<'py>,
    words: &WordStrings,
    text: &str,
    tokens: &Tokens,
    range: std::ops::Range<usize>,
) -> PyResult<Bound<'py, PyList>> {
    // SAFETY: the GIL is held (`py`); every item is a new reference stolen by the list.
    unsafe {
        let list = ffi::PyList_New(range.len() as ffi::Py_ssize_t);
        if list.is_null() {
            return Err(PyErr::fetch(py));
        }
        let list = Bound::from_owned_ptr(py, list);
        let spans = &tokens.spans[range.clone()];
        let ids = &tokens.ids[range];
        for (slot, (&span, &id)) in spans.iter().zip(ids).enumerate() {
            let item = token_object(words, text, tokens, span, id);
            if item.is_null() {
                return Err(PyErr::fetch(py));
            }
            // The list is new and the index in range: the unchecked store suffices.
            ffi::PyList_SET_ITEM(list.as_ptr(), slot as ffi::Py_ssize_t, item);
        }
        // A list of str cannot be part of a reference cycle, so the cyclic collector
        // need not track it (CPython untracks tuples and dicts of atoms the same way).
        // Batches create thousands of these lists and the collector's passes over them
        // cost more than a tenth of a batch.  (Should a caller later put the list inside
        // itself, that cycle would only be freed with the process.)
        ffi::PyObject_GC_UnTrack(list.as_ptr().cast());
        Ok(list.cast_into_unchecked())
    }
}

/// Token `i` as a `Bound<PyString>`-like object, for tuples.
pub fn token_bound<'py>(
    py: Python<'py>,
    words: &WordStrings,
    text: &str,
    tokens: &Tokens,
    i: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let p = token_object(words, text, tokens, tokens.spans[i], tokens.ids[i]);
    // SAFETY: `p` is a new reference or null with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(py, p) }
}
