//! The trie against the `crawdad` crate's double array, on small and generated keys.

use super::*;

#[test]
fn agrees_with_crawdad() {
    let records = [
        ("世界", 0u32),
        ("世界中", 1),
        ("国民", 2),
        ("国", 3),
        ("a", 4),
        ("ab𠀀", 5),
    ];
    let built = crawdad::Trie::from_records(records).unwrap();
    let ours = CharTrie::build(
        records.map(|(k, v)| (k, v, v as u64)),
        |v| v * 10,
        Placement::Bounded,
    )
    .unwrap();
    let ours = CharTrie::owned(&ours.to_bytes()).unwrap();
    for (key, value) in records {
        assert_eq!(ours.exact_match(key.chars()), Some(value));
        assert_eq!(built.exact_match(key.chars()), Some(value));
    }
    for text in [
        "世界中の国民",
        "国民",
        "ab𠀀c",
        "世",
        "zzz",
        "",
        "世界中",
        "a",
    ] {
        let chars: Vec<char> = text.chars().collect();
        let mine: Vec<(u32, usize)> = ours
            .prefixes(&chars)
            .map(|(v, p, n)| {
                assert_eq!(p, v * 10);
                (v, n)
            })
            .collect();
        let theirs: Vec<(u32, usize)> = built.common_prefix_search(chars.iter().copied()).collect();
        assert_eq!(mine, theirs, "{text}");
        let mut codes = Vec::new();
        ours.encode(&chars, &mut codes);
        assert_eq!(
            ours.exact_match_coded(&codes).map(|[v, _]| v),
            built.exact_match(text.chars()),
            "{text}"
        );
        codes.clear();
        ours.encode(&chars, &mut codes);
        let mut coded = Vec::new();
        ours.for_each_prefix_coded(&codes, |v, _, n| coded.push((v, n)));
        assert_eq!(coded, theirs, "{text}");
        assert_eq!(
            ours.exact_match(text.chars()),
            built.exact_match(text.chars()),
            "{text}"
        );
    }
    assert!(CharTrie::owned(&ours.to_bytes()[..ours.to_bytes().len() - 1]).is_err());
    assert!(ours.check_values(6, 51).is_ok());
    assert!(ours.check_values(5, 51).is_err() && ours.check_values(6, 50).is_err());
}

#[test]
fn payloads_can_change() {
    let mut t = CharTrie::build(
        [("北京", 0u32, 5), ("北京大学", 1, 1)],
        |_| 7,
        Placement::FirstFit,
    )
    .unwrap();
    assert!(t.set_payload("北京".chars(), 9));
    assert!(!t.set_payload("北京大".chars(), 9)); // a prefix, not a key
    let chars: Vec<char> = "北京大学".chars().collect();
    assert_eq!(
        t.prefixes(&chars).collect::<Vec<_>>(),
        vec![(0, 9, 2), (1, 7, 4)]
    );
}

#[test]
fn many_random_keys_agree_with_crawdad() {
    // A deterministic spread of keys sharing prefixes, to exercise value leaves.
    let alphabet: Vec<char> = "北京大学生活动中国人民abc𠀀".chars().collect();
    let mut keys = std::collections::BTreeSet::new();
    let mut x: u64 = 12345;
    for _ in 0..2000 {
        let mut k = String::new();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        for i in 0..(1 + x % 5) {
            k.push(alphabet[((x >> (8 * i)) % alphabet.len() as u64) as usize]);
        }
        keys.insert(k);
    }
    let records: Vec<(&str, u32)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i as u32))
        .collect();
    let built = crawdad::Trie::from_records(records.iter().copied()).unwrap();
    let ours = CharTrie::build(
        records
            .iter()
            .map(|&(k, v)| (k, v, (v as u64 * 7919) % 1000)),
        |v| v,
        Placement::Bounded,
    )
    .unwrap();
    for k in &keys {
        let chars: Vec<char> = format!("{k}北京").chars().collect();
        let mine: Vec<(u32, usize)> = ours.prefixes(&chars).map(|(v, _, n)| (v, n)).collect();
        let theirs: Vec<(u32, usize)> = built.common_prefix_search(chars.iter().copied()).collect();
        assert_eq!(mine, theirs, "{k}");
    }
}
