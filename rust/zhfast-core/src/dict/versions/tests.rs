use super::*;

fn shared() -> SharedDictionary<usize> {
    let dict = Dictionary::from_entries([("北京", 10), ("大学", 8)]).unwrap();
    let extra = dict.base_len();
    SharedDictionary::new(Arc::new(dict), Arc::new(extra), Dictionary::base_len)
}

fn words(prefix: &str, n: usize) -> Vec<(String, i64)> {
    (0..n).map(|i| (format!("{prefix}{i}"), 3)).collect()
}

#[test]
fn a_snapshot_keeps_its_version() {
    let d = shared();
    let before = d.snapshot();
    d.add_words(&[("北京大学", 5)], true).unwrap();
    assert_eq!(before.dict.freq("北京大学"), None);
    assert_eq!(d.snapshot().dict.freq("北京大学"), Some(5));
    assert_eq!(d.snapshot().dict.total(), before.dict.total() + 5);
}

#[test]
fn a_failed_edit_changes_nothing() {
    let d = shared();
    let batch = vec![("新词".to_string(), 1), ("坏词".to_string(), i64::MAX)];
    assert!(d.add_words(&batch, false).is_err());
    assert_eq!(
        (d.snapshot().dict.freq("新词"), d.snapshot().dict.total()),
        (None, 18)
    );
}

#[test]
fn few_words_are_compiled_in_place() {
    let d = shared();
    d.add_words(&words("词", 10), false).unwrap();
    d.compact(100);
    let s = d.snapshot();
    assert_eq!(
        (s.dict.user_word_count(), s.dict.base_len(), *s.extra),
        (10, 2, 2)
    );
    assert!(d.take_retired().is_empty());
}

#[test]
fn many_words_are_merged_in_the_background() {
    let d = shared();
    d.add_words(&words("词", 50), false).unwrap();
    d.compact(20);
    d.wait_compacted();
    let s = d.snapshot();
    // The words moved into the base trie, and the extra was made for the new base.
    assert_eq!(
        (s.dict.user_word_count(), s.dict.base_len(), *s.extra),
        (0, 52, 52)
    );
    assert_eq!(s.dict.freq("词7"), Some(3));
    assert_eq!(
        d.take_retired().iter().map(|e| **e).collect::<Vec<_>>(),
        [2]
    );
}

#[test]
fn edits_made_during_a_merge_are_replayed_onto_it() {
    let d = shared();
    d.add_words(&words("词", 5), false).unwrap();
    let (id, copy) = d.shared.begin_merge(1);
    // Meanwhile: a new word, a changed base word, a changed word of the merge itself.
    d.add_words(&[("后来", 2), ("北京", 1), ("词3", 9)], true)
        .unwrap();
    let expected = d.snapshot().dict;
    assert_eq!(d.shared.finish_merge(id, &copy), None);
    let s = d.snapshot();
    // Merged (5 words in the base, a new extra), and nothing lost.
    assert_eq!((s.dict.base_len(), *s.extra), (7, 7));
    for w in ["后来", "北京", "词3", "词4", "大学", "词", "南"] {
        assert_eq!(s.dict.freq(w), expected.freq(w), "{w}");
    }
    assert_eq!(s.dict.total(), expected.total());
    assert_eq!(s.dict.total(), 18 + 15 + 2 + 1 + 9);
}

#[test]
fn a_compact_during_a_merge_queues_another_round() {
    let d = shared();
    d.add_words(&words("甲", 30), false).unwrap();
    let (first, copy) = d.shared.begin_merge(20);
    // A second user dictionary and its compact while the first merge runs: returns at
    // once, with no second thread.
    d.add_words(&words("乙", 30), false).unwrap();
    d.compact(20);
    assert_eq!(d.shared.read().merge.as_ref().map(|m| m.id), Some(first));
    let second = d.shared.finish_merge(first, &copy).expect("a second round");
    let s = d.snapshot();
    // The first round merged the first words; the second's are staged until round two.
    assert_eq!((s.dict.base_len(), s.dict.user_word_count()), (32, 30));
    assert_eq!(s.dict.freq("乙7"), Some(3));
    assert_eq!(d.shared.finish_merge(second, &s.dict), None);
    let s = d.snapshot();
    assert_eq!((s.dict.base_len(), s.dict.user_word_count()), (62, 0));
    assert_eq!(s.dict.total(), 18 + 180);
}

#[test]
fn loads_one_after_another_end_merged_without_waiting() {
    let d = shared();
    for round in 0..4 {
        d.add_words(&words(&format!("词{round}_"), 200), false)
            .unwrap();
        d.compact(100);
        d.add_words(&[("北京", 10 + round)], true).unwrap();
    }
    d.wait_compacted();
    let s = d.snapshot();
    assert_eq!((s.dict.user_word_count(), s.dict.base_len()), (0, 802));
    assert_eq!(s.dict.freq("北京"), Some(13));
    assert_eq!(s.dict.total(), 18 + 4 * 600 + 10 + 11 + 12 + 13);
}

#[test]
fn a_merge_that_is_not_the_current_one_changes_nothing() {
    let d = shared();
    d.add_words(&words("词", 5), false).unwrap();
    let (stale, copy) = d.shared.begin_merge(1);
    d.shared.write().merge = None;
    assert_eq!(d.shared.finish_merge(stale, &copy), None);
    assert_eq!(d.snapshot().dict.base_len(), 2);
    assert!(d.take_retired().is_empty());
}

#[test]
fn a_merge_lost_in_a_fork_is_started_again() {
    let d = shared();
    d.add_words(&words("词", 50), false).unwrap();
    // A merge the "parent" began; its thread never runs here.
    let (lost, _) = d.shared.begin_merge(20);
    d.shared.pretend_forked();
    // The first use after the fork starts it again, on a thread of its own.
    let _ = d.snapshot();
    assert_ne!(d.shared.read().merge.as_ref().map(|m| m.id), Some(lost));
    d.wait_compacted();
    assert_eq!(d.snapshot().dict.user_word_count(), 0);
}

#[test]
fn a_set_total_is_kept_by_a_merge() {
    let d = shared();
    d.add_words(&words("词", 50), false).unwrap();
    d.set_total(7);
    d.compact(20);
    d.wait_compacted();
    let s = d.snapshot();
    assert_eq!((s.dict.total(), s.dict.user_word_count()), (7, 0));
    assert_eq!(s.dict.log_total(), crate::dict::compile::py_log(7));
}

#[test]
fn a_set_total_during_a_merge_is_replayed_onto_it() {
    let d = shared();
    d.add_words(&words("词", 5), false).unwrap();
    let (id, copy) = d.shared.begin_merge(1);
    d.set_total(7);
    d.add_words(&[("北京大学", 5)], true).unwrap();
    assert_eq!(d.shared.finish_merge(id, &copy), None);
    let s = d.snapshot();
    assert_eq!((s.dict.base_len(), s.dict.total()), (7, 12));
    assert_eq!(s.dict.freq("北京大学"), Some(5));
}
