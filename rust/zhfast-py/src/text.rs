//! A `str` argument as the core cuts it: its UTF-8, or, for a string with lone
//! surrogates (which UTF-8 cannot hold), a stand-in.
//!
//! The stand-in has one `?` in place of each unencodable code point: the same length,
//! and the same character class wherever jieba looks (a surrogate is never in a
//! dictionary block, never whitespace, never an ASCII letter or digit, and neither is
//! `?`), so its tokens have the original's spans.  The tokens that hold a `?` are then
//! taken from the original instead.  All of it happens here, in one pass, so such text
//! costs about what any other text costs (the Python fallback it replaces caught an
//! exception per call and sliced every token in Python).

use std::borrow::Cow;

use pyo3::exceptions::PyValueError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use zhfast_core::{CharCursor, JOINED};

/// The text of one `str` argument; see the module documentation.  (`Send`, so that a
/// batch can read it where the GIL is released; it must be dropped with the GIL.)
pub(crate) struct Text<'a> {
    utf8: Cow<'a, str>,
    /// The string itself, when `utf8` stands in for it.
    original: Option<Py<PyString>>,
}

/// The UTF-8 of `s`, or `None` (and no error set) if it holds a lone surrogate.
fn utf8_of<'a>(s: &'a Bound<'_, PyString>) -> Option<&'a str> {
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live `str`; the buffer CPython returns lives as long as it.
    let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
    if data.is_null() {
        // Only a lone surrogate makes a `str` unencodable; forgetting the error here is
        // cheaper than fetching the exception.
        // SAFETY: the failed call set an error.
        unsafe { ffi::PyErr_Clear() };
        return None;
    }
    // SAFETY: CPython's UTF-8 form of a `str` is valid UTF-8 of that length.
    Some(unsafe {
        std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast::<u8>(), size as usize))
    })
}

/// `s.encode("utf-8", errors)`.
fn encoded<'py>(
    s: &Bound<'py, PyString>,
    errors: &std::ffi::CStr,
) -> PyResult<Bound<'py, PyBytes>> {
    // SAFETY: `s` is a live `str`; the result is a new reference or null with an error.
    unsafe {
        let p = ffi::PyUnicode_AsEncodedString(s.as_ptr(), c"utf-8".as_ptr(), errors.as_ptr());
        Ok(Bound::from_owned_ptr_or_err(s.py(), p)?.cast_into_unchecked())
    }
}

/// A word as the core's edits and lookups take it: UTF-8, or WTF-8 (Python's
/// `surrogatepass`) for a string with lone surrogates.
pub(crate) fn word_bytes<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, [u8]>> {
    match utf8_of(s) {
        Some(utf8) => Ok(Cow::Borrowed(utf8.as_bytes())),
        None => Ok(Cow::Owned(
            encoded(s, c"surrogatepass")?.as_bytes().to_vec(),
        )),
    }
}

/// A word the core gave as bytes (see [`word_bytes`]), as a `str`.
pub(crate) fn word_str<'py>(py: Python<'py>, word: &[u8]) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: a pointer and length of live bytes; the result is a new reference or null
    // with an error set.
    unsafe {
        let p = ffi::PyUnicode_DecodeUTF8(
            word.as_ptr().cast(),
            word.len() as ffi::Py_ssize_t,
            c"surrogatepass".as_ptr(),
        );
        Ok(Bound::from_owned_ptr_or_err(py, p)?.cast_into_unchecked())
    }
}

impl<'a> Text<'a> {
    pub(crate) fn of(s: &'a Bound<'_, PyString>) -> PyResult<Self> {
        if let Some(utf8) = utf8_of(s) {
            return Ok(Text {
                utf8: Cow::Borrowed(utf8),
                original: None,
            });
        }
        let stand_in = encoded(s, c"replace")?;
        let utf8 = std::str::from_utf8(stand_in.as_bytes())
            .map_err(|e| PyValueError::new_err(e.to_string()))?
            .to_string();
        Ok(Text {
            utf8: Cow::Owned(utf8),
            original: Some(s.clone().unbind()),
        })
    }

    /// Text that is its own UTF-8 (a piece of a longer one).
    pub(crate) fn plain(utf8: &'a str) -> Self {
        Text {
            utf8: Cow::Borrowed(utf8),
            original: None,
        }
    }

    /// What the core cuts.
    pub(crate) fn as_str(&self) -> &str {
        &self.utf8
    }

    /// Whether the core cuts a stand-in (the string has lone surrogates): its tokens
    /// must then be restored from the original, which needs the whole text's spans.
    pub(crate) fn stands_in(&self) -> bool {
        self.original.is_some()
    }

    /// Replaces each item of `list` whose token (byte spans over [`Self::as_str`], as the
    /// core gives them) holds a stand-in with the original's characters at its place;
    /// `item` makes the replacement from the token's string (for tuples).  Nothing to do
    /// for text that is its own UTF-8.  `item(i, word, start, end)` makes item `i` from
    /// the original's `word` at code points `start..end`.
    pub(crate) fn restore_tokens<'py>(
        &self,
        list: &Bound<'py, PyList>,
        spans: &[(usize, usize)],
        item: impl Fn(usize, Bound<'py, PyString>, usize, usize) -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<()> {
        let Some(original) = &self.original else {
            return Ok(());
        };
        let original = original.bind(list.py());
        let text = self.as_str();
        let mut cursor = CharCursor::default();
        for (i, &(start, end)) in spans.iter().enumerate() {
            // A joined `cut_all` token is made of ASCII letters and digits only.
            if start == JOINED || !text.as_bytes()[start..end].contains(&b'?') {
                continue;
            }
            let (a, b) = (
                cursor.char_offset(text, start),
                cursor.char_offset(text, end),
            );
            list.set_item(i, item(i, substring(original, a, b)?, a, b)?)?;
        }
        Ok(())
    }
}

/// `s[a:b]`, in code points.
fn substring<'py>(s: &Bound<'py, PyString>, a: usize, b: usize) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: `s` is a live `str`; the result is a new reference or null with an error.
    unsafe {
        let p = ffi::PyUnicode_Substring(s.as_ptr(), a as ffi::Py_ssize_t, b as ffi::Py_ssize_t);
        Ok(Bound::from_owned_ptr_or_err(s.py(), p)?.cast_into_unchecked())
    }
}

/// The texts of a batch.
pub(crate) fn texts_of<'a>(texts: &'a [Bound<'_, PyString>]) -> PyResult<Vec<Text<'a>>> {
    texts.iter().map(Text::of).collect()
}
