//! Python's `int(str)` for the frequency field of dictionary lines.

use super::string::is_python_space;

/// Parses `s` as Python's `int()` does for base 10: surrounding whitespace, an optional
/// sign, ASCII digits with single underscores between them.  `None` where Python raises
/// `ValueError` (or, for values beyond `i64`, where the core cannot store the number).
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim_matches(is_python_space);
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let bytes = digits.as_bytes();
    if bytes.is_empty() || bytes[0] == b'_' || bytes[bytes.len() - 1] == b'_' {
        return None;
    }
    let mut value: i64 = 0;
    let mut prev_underscore = false;
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
                prev_underscore = false;
            }
            b'_' if !prev_underscore => prev_underscore = true,
            _ => return None,
        }
    }
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::parse_int;

    #[test]
    fn like_python_int() {
        assert_eq!(parse_int("42"), Some(42));
        assert_eq!(parse_int(" -7\t"), Some(-7));
        assert_eq!(parse_int("+1_000"), Some(1000));
        for bad in ["", "-", "1__0", "_1", "1_", "n", "1.5", "0x10"] {
            assert_eq!(parse_int(bad), None, "{bad:?}");
        }
    }
}
