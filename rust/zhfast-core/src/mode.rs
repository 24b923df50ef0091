//! Which of jieba's cutting calls to run: one value from the Python layer to the core,
//! instead of the `cut_all`, `HMM` and search flags.

/// One of jieba's cutting modes.
///
/// `cut(s, cut_all=True)` ignores `HMM`, so there is one `All`; `cut_for_search` takes
/// no `cut_all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// `cut(s)`: the best route, runs of unknown characters through the HMM.
    #[default]
    Default,
    /// `cut(s, HMM=False)`: the best route, single ASCII letters and digits joined.
    NoHmm,
    /// `cut(s, cut_all=True)`: every dictionary word.
    All,
    /// `cut_for_search(s)`: `Default`'s words, each after its dictionary 2- and 3-grams.
    Search,
    /// `cut_for_search(s, HMM=False)`: the same over `NoHmm`'s words.
    SearchNoHmm,
}

impl Mode {
    /// `cut(s, cut_all, HMM)`: `cut_all` wins over `HMM`, as in jieba.
    pub fn cut(cut_all: bool, hmm: bool) -> Self {
        match (cut_all, hmm) {
            (true, _) => Mode::All,
            (false, true) => Mode::Default,
            (false, false) => Mode::NoHmm,
        }
    }

    /// `cut_for_search(s, HMM)`.
    pub fn search(hmm: bool) -> Self {
        if hmm {
            Mode::Search
        } else {
            Mode::SearchNoHmm
        }
    }

    /// Whether runs of unknown characters go through the HMM (`All` has no route, so no
    /// such runs).
    pub fn uses_hmm(self) -> bool {
        matches!(self, Mode::Default | Mode::Search)
    }

    /// Whether the tokens tile the text: each starts where the one before it ended and
    /// together they are the text (`cut` without `cut_all`; search mode repeats
    /// characters in its grams, `cut_all` in its overlapping words).
    pub fn partitions(self) -> bool {
        matches!(self, Mode::Default | Mode::NoHmm)
    }

    /// Whether the words are expanded with their 2- and 3-grams (`cut_for_search`).
    pub fn is_search(self) -> bool {
        matches!(self, Mode::Search | Mode::SearchNoHmm)
    }
}

#[cfg(test)]
mod tests {
    use super::Mode;

    #[test]
    fn flags_map_as_in_jieba() {
        assert_eq!(Mode::cut(true, false), Mode::All);
        assert_eq!(Mode::cut(true, true), Mode::All);
        assert_eq!(Mode::cut(false, true), Mode::Default);
        assert_eq!(Mode::cut(false, false), Mode::NoHmm);
        assert_eq!(Mode::search(false), Mode::SearchNoHmm);
        assert!(Mode::Search.is_search() && Mode::Search.uses_hmm());
        assert!(!Mode::SearchNoHmm.uses_hmm() && !Mode::All.uses_hmm() && !Mode::All.is_search());
        assert!(Mode::Default.partitions() && Mode::NoHmm.partitions());
        assert!(!Mode::All.partitions() && !Mode::Search.partitions());
    }
}
