//! Vietnamese text helpers: removing diacritics (bỏ dấu) for bank transfer texts, which most banks
//! carry in ASCII only.

/// Precomposed Vietnamese letters (NFC) by the ASCII letter they fold to.
const GROUPS: [(&str, char); 14] = [
    ("áàảãạăắằẳẵặâấầẩẫậ", 'a'),
    ("ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ", 'A'),
    ("éèẻẽẹêếềểễệ", 'e'),
    ("ÉÈẺẼẸÊẾỀỂỄỆ", 'E'),
    ("íìỉĩị", 'i'),
    ("ÍÌỈĨỊ", 'I'),
    ("óòỏõọôốồổỗộơớờởỡợ", 'o'),
    ("ÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢ", 'O'),
    ("úùủũụưứừửữự", 'u'),
    ("ÚÙỦŨỤƯỨỪỬỮỰ", 'U'),
    ("ýỳỷỹỵ", 'y'),
    ("ÝỲỶỸỴ", 'Y'),
    ("đ", 'd'),
    ("Đ", 'D'),
];

/// Combining grave, acute, tilde, hook above, dot below, breve, circumflex, horn.
const MARKS: [char; 8] = [
    '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{306}', '\u{302}', '\u{31B}',
];

/// Every Vietnamese letter and mark is below this code point (ỹ is U+1EF9).
const FOLD_END: usize = 0x1F00;
/// A combining mark in [`FOLD`].
const DROP: u8 = 1;

/// [`fold_char`] for `U+0080..FOLD_END` as a table built at compile time: the ASCII letter,
/// [`DROP`] for a mark, 0 for a character that stays as it is.
const FOLD: [u8; FOLD_END - 0x80] = {
    let mut t = [0u8; FOLD_END - 0x80];
    let mut g = 0;
    while g < GROUPS.len() {
        let (set, base) = (GROUPS[g].0.as_bytes(), GROUPS[g].1 as u8);
        let mut i = 0;
        while i < set.len() {
            // Two- and three-byte UTF-8 sequences (every letter here is one of them).
            let (c, n) = if set[i] >= 0xE0 {
                (
                    ((set[i] as usize & 0x0F) << 12)
                        | ((set[i + 1] as usize & 0x3F) << 6)
                        | (set[i + 2] as usize & 0x3F),
                    3,
                )
            } else {
                (((set[i] as usize & 0x1F) << 6) | (set[i + 1] as usize & 0x3F), 2)
            };
            t[c - 0x80] = base;
            i += n;
        }
        g += 1;
    }
    let mut m = 0;
    while m < MARKS.len() {
        t[MARKS[m] as usize - 0x80] = DROP;
        m += 1;
    }
    t
};

/// The ASCII letter of a Vietnamese letter with diacritics (`ề` → `e`, `Đ` → `D`), or the letter
/// itself. Covers every precomposed Vietnamese letter (NFC) and the combining tone and vowel marks,
/// which map to `None` (dropped).
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    match FOLD.get(c as usize - 0x80) {
        Some(&DROP) => None,
        Some(&b) if b != 0 => Some(char::from(b)),
        _ => Some(c),
    }
}

/// `s` without Vietnamese diacritics: `Thanh toán lệ phí hộ tịch` → `Thanh toan le phi ho tich`.
/// Other non-ASCII characters are kept (check with [`str::is_ascii`]).
pub fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_vietnamese_letter() {
        assert_eq!(fold("Thanh toán lệ phí hộ tịch"), "Thanh toan le phi ho tich");
        assert_eq!(fold("ĐẶNG THỊ HƯƠNG, Quảng Ngãi"), "DANG THI HUONG, Quang Ngai");
        // Decomposed (NFD) input: base letters with combining marks.
        assert_eq!(fold("Vie\u{302}\u{323}t"), "Viet");
        assert_eq!(fold("€"), "€");
        let letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
        assert!(fold(letters).is_ascii());
        assert!(fold(&letters.to_uppercase()).is_ascii());
    }

    /// The compile-time table says what scanning the groups and marks says, for every character
    /// below U+2000.
    #[test]
    fn the_table_agrees_with_the_groups() {
        let scan = |c: char| {
            if c.is_ascii() {
                Some(c)
            } else if MARKS.contains(&c) {
                None
            } else {
                Some(GROUPS.iter().find(|(set, _)| set.contains(c)).map_or(c, |&(_, b)| b))
            }
        };
        let mut folded = 0;
        for c in (0..0x2000).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), scan(c), "U+{:04X}", c as u32);
            folded += usize::from(fold_char(c) != Some(c));
        }
        // 134 precomposed letters and 8 marks.
        assert_eq!(folded, 142);
    }
}

/// A serde_json error message without the values it quotes: `invalid type: string "Nguyễn Văn A",
/// expected u64` becomes `invalid type: string "…", expected u64`, and numbers in back-ticks are
/// dropped too (they may be an ID number). Field names (`unknown field \`so_tien\``) are kept, and
/// the position is kept as `line L column C`.
pub fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg);
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(['"', '`']) {
        let q = rest.as_bytes()[i] as char;
        out.push_str(&rest[..=i]);
        let after = &rest[i + 1..];
        let Some(j) = after.find(q) else {
            rest = after;
            break;
        };
        let inner = &after[..j];
        let is_number = !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'));
        if q == '"' || is_number {
            out.push('…');
        } else {
            out.push_str(inner);
        }
        out.push(q);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    if e.line() > 0 {
        out.push_str(&format!(" (line {} column {})", e.line(), e.column()));
    }
    out
}

#[cfg(test)]
mod json_error_tests {
    use super::json_error;

    fn err(s: &str) -> String {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            n: u64,
            s: String,
        }
        json_error(&serde_json::from_str::<T>(s).unwrap_err())
    }

    #[test]
    fn values_are_redacted_field_names_kept() {
        let m = err(r#"{"n": "Nguyễn Văn A", "s": "x"}"#);
        assert!(!m.contains("Nguy"), "{m}");
        assert!(m.contains("invalid type: string \"…\""), "{m}");
        let m = err(r#"{"n": 1, "s": 079201012345}"#);
        assert!(!m.contains("079201012345") && !m.contains("79201012345"), "{m}");
        let m = err(r#"{"n": -1, "s": "x"}"#);
        assert!(m.contains("expected u64") && !m.contains("-1`"), "{m}");
        let m = err(r#"{"n": 1, "s": "x", "ho_ten": 2}"#);
        assert!(m.contains("unknown field `ho_ten`"), "{m}");
        assert!(m.contains("line 1 column"), "{m}");
    }
}
