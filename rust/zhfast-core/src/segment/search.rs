//! `cut_for_search`'s expansion of each word into its dictionary 2- and 3-grams.

use super::route::{Route, NO_GRAM};
use crate::tokens::Tokens;

/// `cut_for_search`'s expansion of one block's `words` (which tile the block in order):
/// before each word of more than two characters, its 2-grams that are dictionary words,
/// then (more than three) its 3-grams.  [`Route::build`] noted those words while it
/// walked, so nothing is looked up again.
pub(super) fn expand(offsets: &[usize], route: &Route, words: &Tokens, out: &mut Tokens) {
    let mut start = 0; // character position of the current word in the block
    for (&(s, e), &id) in words.spans.iter().zip(&words.ids) {
        debug_assert_eq!(offsets[start], s);
        let mut end = start + 1;
        while offsets[end] < e {
            end += 1;
        }
        let n = end - start;
        for width in [2, 3] {
            if n > width {
                for i in start..=end - width {
                    let gram = route.gram(i, width);
                    if gram != NO_GRAM {
                        out.push(offsets[i], offsets[i + width], gram);
                    }
                }
            }
        }
        out.push(s, e, id);
        start = end;
    }
}
