//! The output of a cut: tokens as byte spans of the input.
//!
//! Every token jieba yields is a slice of its input except one: in `cut_all`, the buffer
//! of ASCII words can join words that are not adjacent (when a longer word was yielded in
//! between).  Those rare tokens are stored as owned strings.

/// Marks a span whose `end` indexes [`Tokens::joined`] instead of the input.
pub const JOINED: usize = usize::MAX;

/// The word id of a token that is not (known to be) a word of the base dictionary.
pub const NO_WORD: u32 = u32::MAX;

/// Tokens as byte spans of the text they were cut from, with their word ids.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// `(start, end)` byte offsets into the input, or `(JOINED, i)`.
    pub spans: Vec<(usize, usize)>,
    /// Base-dictionary word id of each token, or [`NO_WORD`]: lets the bindings reuse one
    /// string object per dictionary word instead of creating one per token.
    pub ids: Vec<u32>,
    /// The text of each joined token, and the byte offset where its last part ends.
    pub joined: Vec<(String, usize)>,
}

impl Tokens {
    /// Removes every token, keeping the buffers.
    pub fn clear(&mut self) {
        self.spans.clear();
        self.ids.clear();
        self.joined.clear();
    }

    /// Appends the token `text[start..end]` (or `(JOINED, j)`) with word id `id`.
    #[inline]
    pub fn push(&mut self, start: usize, end: usize, id: u32) {
        self.spans.push((start, end));
        self.ids.push(id);
    }

    /// Appends each character of `text[start..end]` as a token.
    pub fn push_chars(&mut self, text: &str, start: usize, end: usize) {
        for (i, c) in text[start..end].char_indices() {
            self.push(start + i, start + i + c.len_utf8(), NO_WORD);
        }
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The token at `i` as a string slice, given the input it was cut from.
    pub fn get<'a>(&'a self, text: &'a str, i: usize) -> &'a str {
        match self.spans[i] {
            (JOINED, j) => &self.joined[j].0,
            (s, e) => &text[s..e],
        }
    }

    /// The byte offset where token `i` ends in the input.
    pub fn end(&self, i: usize) -> usize {
        match self.spans[i] {
            (JOINED, j) => self.joined[j].1,
            (_, e) => e,
        }
    }

    /// All tokens as string slices.
    pub fn iter<'a>(&'a self, text: &'a str) -> impl ExactSizeIterator<Item = &'a str> + 'a {
        (0..self.len()).map(move |i| self.get(text, i))
    }
}
