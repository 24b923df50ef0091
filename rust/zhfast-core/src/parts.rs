//! The stages of a cut one at a time, over any text, for a caller that runs jieba's cut
//! loop itself: the Python layer does when a user has replaced one of jieba's module
//! regexes, so that blocks hold whatever the user's pattern lets through (spaces, say).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::dict::Dictionary;
use crate::error::Result;
use crate::hmm::HmmModel;
use crate::posseg::hmm::{PossegModel, PossegScratch};
use crate::segment::route::Route;
use crate::text::chars::is_han;
use crate::text::decode_span;

/// jieba's `calc` over the whole of `block`, followed from its start: the exclusive end
/// (in code points) of each word on the best route, in order.
pub fn best_route(dict: &Dictionary, block: &str) -> Result<Vec<usize>> {
    let (mut offsets, mut chars) = (Vec::new(), Vec::new());
    decode_span(block, 0, block.len(), &mut offsets, &mut chars);
    let mut route = Route::default();
    route.build::<false>(dict, block, &chars, &offsets)?;
    let mut ends = Vec::new();
    let mut x = 0;
    while x < chars.len() {
        x = route.next(x);
        ends.push(x);
    }
    Ok(ends)
}

/// The characters outside the han range that jieba's `finalseg` emission table has (the
/// compiled table covers the han range only, where the core's own blocks live).
fn finalseg_extra_chars() -> &'static HashSet<char> {
    static EXTRA: OnceLock<HashSet<char>> = OnceLock::new();
    EXTRA.get_or_init(|| {
        FINALSEG_TABLES
            .lines()
            .filter_map(|line| {
                line.strip_prefix("emit ")?
                    .split(' ')
                    .nth(1)?
                    .chars()
                    .next()
            })
            .filter(|&c| !is_han(c))
            .collect()
    })
}

/// `finalseg.viterbi(block, 'BMES', ...)`'s state letters, one per character; `None`
/// when `block` holds a character whose emissions only jieba's text tables have.
pub fn finalseg_states(block: &str) -> Option<String> {
    let chars: Vec<char> = block.chars().collect();
    let extra = finalseg_extra_chars();
    if chars.iter().any(|c| extra.contains(c)) {
        return None;
    }
    let (mut states, mut back) = (Vec::new(), Vec::new());
    HmmModel::jieba_finalseg().viterbi(&chars, &mut states, &mut back);
    // States are numbered in letter order: B, E, M, S.
    Some(
        states
            .iter()
            .map(|&s| ['B', 'E', 'M', 'S'][s as usize])
            .collect(),
    )
}

/// `posseg.viterbi.viterbi(block, char_state_tab_P, ...)`'s route: the position letter and
/// tag of each character of `block`.
pub fn posseg_states(block: &str) -> Vec<(char, String)> {
    let chars: Vec<char> = block.chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    let model = PossegModel::jieba();
    let mut route = Vec::new();
    model.viterbi(&chars, &mut PossegScratch::default(), &mut route);
    route
        .iter()
        .map(|&i| {
            let state = model.state(i);
            (char::from(state.position), state.tag.clone())
        })
        .collect()
}

/// jieba's `finalseg` tables as text (`start`, `trans`, `emit` lines).
pub const FINALSEG_TABLES: &str = crate::data::FINALSEG_TABLES;

/// jieba's `posseg` tables as text (`start`, `trans`, `emit`, `chars` lines).
pub const POSSEG_TABLES: &str = crate::data::POSSEG_TABLES;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_of_a_cut() {
        let dict = Dictionary::jieba_default();
        // A block with a space in it, as a user's regex may let through.
        assert_eq!(best_route(&dict, "北京大学 生").unwrap(), [4, 5, 6]);
        assert_eq!(finalseg_states("杭研").as_deref(), Some("BE"));
        assert_eq!(posseg_states("杭研").len(), 2);
        assert!(FINALSEG_TABLES.starts_with("start") || FINALSEG_TABLES.contains("\nstart"));
    }
}
