//! The output of a cut: tokens as byte spans of the input.
//!
//! Every token jieba yields is a slice of its input except one: in `cut_all`, the buffer
//! of ASCII words can join words that are not adjacent (when a longer word was yielded in
//! between).  Those rare tokens are stored as owned strings.

/// Marks a span whose `end` indexes [`Tokens::joined`] instead of the input.
pub const JOINED: usize = usize::MAX;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// `(start, end)` byte offsets into the input, or `(JOINED, i)`.
    pub spans: Vec<(usize, usize)>,
    pub joined: Vec<String>,
}

impl Tokens {
    pub fn clear(&mut self) {
        self.spans.clear();
        self.joined.clear();
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The token at `i` as a string slice, given the input it was cut from.
    pub fn get<'a>(&'a self, text: &'a str, i: usize) -> &'a str {
        match self.spans[i] {
            (JOINED, j) => &self.joined[j],
            (s, e) => &text[s..e],
        }
    }

    /// All tokens as string slices.
    pub fn iter<'a>(&'a self, text: &'a str) -> impl ExactSizeIterator<Item = &'a str> + 'a {
        (0..self.len()).map(move |i| self.get(text, i))
    }
}
