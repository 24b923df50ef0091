//! The texts of an Arrow column (or of a Python list), chunk by chunk, and each group's
//! texts checked as UTF-8 where it is cut.
//!
//! Arrow producers promise UTF-8 but nothing enforces it, and the core needs `&str`:
//! every group is checked on the thread that cuts it, one SIMD pass over the group's
//! bytes where they are contiguous (`string`, `large_string`), item by item otherwise.

use std::ops::Range;

use arrow_array::{
    Array, GenericStringArray, LargeStringArray, OffsetSizeTrait, StringArray, StringViewArray,
    StructArray,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_data::ArrayData;
use arrow_schema::DataType;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

/// One chunk of texts.
pub(crate) struct Chunk {
    texts: Texts,
    /// Which items are null (the array's own, or with those of a struct around it).
    nulls: Option<NullBuffer>,
}

enum Texts {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

/// Whether `dt` is one of the string types read here (or `null`, the type pyarrow and
/// Polars give a column of nothing but nulls).
fn is_string(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
    )
}

/// The error for a column of anything but strings, naming its type.
pub(crate) fn not_strings(dt: &DataType) -> PyErr {
    PyTypeError::new_err(format!(
        "zhfast: texts must be a column of strings (string, large_string or string_view), \
         not {dt}"
    ))
}

/// Checks that `dt` can be read: a string type, or a struct of one string field (a
/// table or query result of one column).
pub(crate) fn check_type(dt: &DataType) -> PyResult<()> {
    match dt {
        dt if is_string(dt) => Ok(()),
        DataType::Struct(fields) if fields.len() == 1 && is_string(fields[0].data_type()) => Ok(()),
        other => Err(not_strings(other)),
    }
}

fn bad_row(row: usize, why: &str) -> PyErr {
    PyValueError::new_err(format!("zhfast: row {row} of the column {why}"))
}

impl Chunk {
    /// A chunk from imported array data (already checked with `ArrayData::validate`).
    pub(crate) fn from_data(data: ArrayData) -> PyResult<Self> {
        check_type(data.data_type())?;
        let chunk = match data.data_type() {
            DataType::Utf8 => Chunk::new(Texts::Utf8(StringArray::from(data))),
            DataType::LargeUtf8 => Chunk::new(Texts::Large(LargeStringArray::from(data))),
            DataType::Utf8View => Chunk::new(Texts::View(StringViewArray::from(data))),
            DataType::Null => Chunk::new(Texts::Utf8(StringArray::new_null(data.len()))),
            _ => {
                let outer = StructArray::from(data);
                let mut chunk = Chunk::from_data(outer.column(0).to_data())?;
                chunk.nulls = NullBuffer::union(outer.nulls(), chunk.nulls.as_ref());
                chunk
            }
        };
        Ok(chunk)
    }

    fn new(texts: Texts) -> Self {
        let nulls = match &texts {
            Texts::Utf8(a) => a.nulls().cloned(),
            Texts::Large(a) => a.nulls().cloned(),
            Texts::View(a) => a.nulls().cloned(),
        };
        Chunk { texts, nulls }
    }

    /// A chunk of the `str` (and `None`) items of a Python list, copied out as UTF-8.
    pub(crate) fn from_list(list: &Bound<'_, PyList>) -> PyResult<Self> {
        let mut offsets: Vec<i64> = Vec::with_capacity(list.len() + 1);
        offsets.push(0);
        let mut bytes: Vec<u8> = Vec::new();
        let mut valid: Vec<bool> = Vec::new();
        for (i, item) in list.iter().enumerate() {
            if item.is_none() {
                if valid.is_empty() {
                    valid.resize(i, true);
                }
                valid.push(false);
            } else {
                let s = item.cast::<PyString>().map_err(|_| {
                    let name = item
                        .get_type()
                        .name()
                        .map_or_else(|_| "?".to_string(), |n| n.to_string());
                    PyTypeError::new_err(format!("zhfast: texts must be str or None, not {name}"))
                })?;
                bytes.extend_from_slice(s.to_str()?.as_bytes());
                if !valid.is_empty() {
                    valid.push(true);
                }
            }
            offsets.push(bytes.len() as i64);
        }
        let nulls = (!valid.is_empty()).then(|| NullBuffer::from(valid));
        // SAFETY: the offsets rise from 0 to the length of `bytes`, each at the end of
        // one item's text, and the bytes are UTF-8 (Python's encoding of each `str`).
        let array = unsafe {
            LargeStringArray::new_unchecked(
                OffsetBuffer::new_unchecked(ScalarBuffer::from(offsets)),
                Buffer::from_vec(bytes),
                nulls,
            )
        };
        Ok(Chunk::new(Texts::Large(array)))
    }

    /// The number of items.
    pub(crate) fn len(&self) -> usize {
        match &self.texts {
            Texts::Utf8(a) => a.len(),
            Texts::Large(a) => a.len(),
            Texts::View(a) => a.len(),
        }
    }

    /// Which items are null.
    pub(crate) fn nulls(&self) -> Option<&NullBuffer> {
        self.nulls.as_ref()
    }

    fn is_null(&self, i: usize) -> bool {
        self.nulls.as_ref().is_some_and(|n| n.is_null(i))
    }

    /// Each item's size in bytes (what groups are balanced by).
    pub(crate) fn sizes(&self) -> Vec<usize> {
        fn diffs<O: OffsetSizeTrait>(a: &GenericStringArray<O>) -> Vec<usize> {
            let offs = a.value_offsets();
            offs.windows(2)
                .map(|w| w[1].as_usize().saturating_sub(w[0].as_usize()))
                .collect()
        }
        match &self.texts {
            Texts::Utf8(a) => diffs(a),
            Texts::Large(a) => diffs(a),
            Texts::View(a) => a.views().iter().map(|&v| v as u32 as usize).collect(),
        }
    }

    /// The input's bytes of all items, one after another, when they are exactly what a
    /// tiling mode's tokens are (every null empty): the output can share them.
    pub(crate) fn shareable_bytes(&self) -> Option<Buffer> {
        fn bytes<O: OffsetSizeTrait>(a: &GenericStringArray<O>, chunk: &Chunk) -> Option<Buffer> {
            let offs = a.value_offsets();
            if let Some(nulls) = &chunk.nulls {
                if nulls.null_count() > 0
                    && (0..a.len()).any(|i| nulls.is_null(i) && offs[i] != offs[i + 1])
                {
                    return None;
                }
            }
            let (lo, hi) = (offs[0].as_usize(), offs[a.len()].as_usize());
            (lo <= hi && hi <= a.values().len()).then(|| a.values().slice_with_length(lo, hi - lo))
        }
        match &self.texts {
            Texts::Utf8(a) => bytes(a, self),
            Texts::Large(a) => bytes(a, self),
            Texts::View(_) => None,
        }
    }

    /// The texts of `items`, `None` for nulls, each checked as UTF-8.
    pub(crate) fn texts(&self, items: Range<usize>) -> PyResult<Vec<Option<&str>>> {
        match &self.texts {
            Texts::Utf8(a) => self.offset_texts(a, items),
            Texts::Large(a) => self.offset_texts(a, items),
            Texts::View(a) => self.view_texts(a, items),
        }
    }

    fn offset_texts<'a, O: OffsetSizeTrait>(
        &self,
        a: &'a GenericStringArray<O>,
        items: Range<usize>,
    ) -> PyResult<Vec<Option<&'a str>>> {
        let offs = a.value_offsets();
        let data = a.value_data();
        let at = |i: usize| offs[i].as_usize();
        let (lo, hi) = (at(items.start), at(items.end));
        // One pass over the group's bytes; items are then slices of it, at char
        // boundaries.  Where that fails (offsets out of order, bytes of a null that are
        // not UTF-8), each item is checked on its own.
        let whole = data
            .get(lo..hi)
            .and_then(|b| simdutf8::basic::from_utf8(b).ok());
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            if self.is_null(i) {
                out.push(None);
                continue;
            }
            let (a, b) = (at(i), at(i + 1));
            let text = whole.and_then(|w| w.get(a.checked_sub(lo)?..b.checked_sub(lo)?));
            let text = match text {
                Some(t) => t,
                None => {
                    let bytes = data
                        .get(a..b)
                        .ok_or_else(|| bad_row(i, "has offsets out of bounds"))?;
                    simdutf8::basic::from_utf8(bytes)
                        .map_err(|_| bad_row(i, "is not valid UTF-8"))?
                }
            };
            out.push(Some(text));
        }
        Ok(out)
    }

    fn view_texts<'a>(
        &self,
        a: &'a StringViewArray,
        items: Range<usize>,
    ) -> PyResult<Vec<Option<&'a str>>> {
        let views = a.views();
        let raw = views.inner().as_slice();
        let buffers = a.data_buffers();
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            if self.is_null(i) {
                out.push(None);
                continue;
            }
            // A view: its length, then up to 12 bytes inline, or else a prefix, the
            // index of a data buffer and an offset into it.
            let view = views[i];
            let len = view as u32 as usize;
            let bytes = if len <= 12 {
                raw.get(16 * i + 4..16 * i + 4 + len)
            } else {
                let (buffer, offset) = ((view >> 64) as u32 as usize, (view >> 96) as u32 as usize);
                buffers
                    .get(buffer)
                    .and_then(|b| b.as_slice().get(offset..offset + len))
            };
            let bytes = bytes.ok_or_else(|| bad_row(i, "has a view out of bounds"))?;
            let text =
                simdutf8::basic::from_utf8(bytes).map_err(|_| bad_row(i, "is not valid UTF-8"))?;
            out.push(Some(text));
        }
        Ok(out)
    }
}
