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
    fn a_bare_cr_ends_a_line_as_lf_and_crlf_do() {
        for text in [
            "a\n\nb,c\n",
            "a\r\n\r\nb,c\r\n",
            "a\r\rb,c\r",
            "a\r\n\rb,c",
            "a\n\r\nb,c\r",
        ] {
            assert_eq!(lines(text).collect::<Vec<_>>(), ["a", "", "b,c"], "{text:?}");
        }
        let cases: [(&str, &[&str]); 6] = [
            ("", &[]),
            ("x", &["x"]),
            ("x\n", &["x"]),
            ("\n", &[""]),
            ("x\r\ny", &["x", "y"]),
            ("\u{1ec7}\r\u{1ec7}", &["\u{1ec7}", "\u{1ec7}"]),
        ];
        for (text, want) in cases {
            assert_eq!(lines(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

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

/// The line ends in `b`: each `\r`, and each `\n` not right after a `\r` (so a `\r\n` is one,
/// and a bare `\r`, a classic Mac file's or Excel's "CSV (Macintosh)", is one too); `prev` is the
/// byte before `b`, `None` at the start of the input.
pub fn line_ends(b: &[u8], prev: Option<u8>) -> u64 {
    let crlf = memchr::memchr_iter(b'\n', b)
        .filter(|&i| i.checked_sub(1).map_or(prev, |j| Some(b[j])) == Some(b'\r'))
        .count();
    (memchr::memchr_iter(b'\n', b).count() + memchr::memchr_iter(b'\r', b).count() - crlf) as u64
}

/// The lines of `text` as [`str::lines`] gives them, but a bare `\r` (a classic Mac file's, or
/// Excel's "CSV (Macintosh)") ends a line too, as `\n` and `\r\n` do: the small CSV tables
/// (holiday overrides, synonyms, agency levels) and the command's query files then number their
/// lines as the large inputs do. A line end at the end gives no empty line after it.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, after) = match rest.find(['\r', '\n']) {
            Some(i) => (
                &rest[..i],
                &rest[i + if rest[i..].starts_with("\r\n") { 2 } else { 1 }..],
            ),
            None => (rest, ""),
        };
        rest = after;
        Some(line)
    })
}

/// The lines CSV records start on in a whole text, as the `csv` crate reads it (`\n`, `\r\n` or a
/// bare `\r` ends a record, blank lines are skipped): every line end before a record counts, blank
/// lines too. The `csv` crate's own line counts only `\n`, and names the line after the previous
/// record.
#[derive(Debug, Default)]
pub(crate) struct CsvLines {
    /// Line ends before byte `at`.
    ends: u64,
    at: usize,
}

impl CsvLines {
    /// The line of the record the `csv` crate read at `pos` (records asked about in order).
    pub(crate) fn start_line(&mut self, text: &[u8], pos: &csv::Position) -> u64 {
        let after = (pos.byte() as usize).min(text.len());
        let start = after + text[after..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if start < self.at {
            *self = Self::default();
        }
        let prev = self.at.checked_sub(1).map(|i| text[i]);
        self.ends += line_ends(&text[self.at..start], prev);
        self.at = start;
        self.ends + 1
    }
}

/// The first of `columns` that a CSV header names twice (`same` tells whether a header name is a
/// column's), if any: which of the two a row means is not known, so the readers refuse it.
pub(crate) fn column_named_twice<'c, 'h>(
    columns: impl IntoIterator<Item = &'c str>,
    header: impl Iterator<Item = &'h str> + Clone,
    same: impl Fn(&str, &str) -> bool,
) -> Option<&'c str> {
    columns
        .into_iter()
        .find(|c| header.clone().filter(|h| same(h, c)).count() > 1)
}

/// An offending value as an error message shows it: its first `max` characters in quotes (`…`
/// after them when cut), or only its length when it could be personal data: 9 or more digits in a
/// row, spaces, dots, dashes, slashes, brackets and `+` between them ignored (a CMND, CCCD, phone or
/// account number), unless the value is a date and time as the inputs write them; an `@` (an e-mail
/// address); or two words of letters, `_` separating words too (a name, in any case).
pub fn shown(s: &str, max: usize) -> String {
    if could_be_personal(s) {
        return format!("(a value of {} characters, not shown)", s.chars().count());
    }
    let cut: String = s.chars().take(max).collect();
    if cut.len() < s.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

fn could_be_personal(s: &str) -> bool {
    if time_shaped(s) {
        return false;
    }
    // Digits joined by spaces, dots, dashes, slashes, brackets or a plus are one number.
    let (mut run, mut longest) = (0usize, 0usize);
    for c in s.chars() {
        match c {
            '0'..='9' => {
                run += 1;
                longest = longest.max(run);
            }
            ' ' | '.' | '-' | '/' | '(' | ')' | '+' if run > 0 => {}
            _ => run = 0,
        }
    }
    let words = s
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .count();
    longest >= 9 || s.contains('@') || words >= 2
}

/// A date and time as the inputs write them: `yyyyMMddHHmmss` (a year 1900-2199 and a month 01-12),
/// or `yyyy-MM-dd` followed by ` ` or `T` and `HH:mm` or `HH:mm:ss`.
fn time_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    let fits = |t: &[u8]| {
        b.len() == t.len()
            && b.iter()
                .zip(t)
                .all(|(&c, &p)| if p == b'd' { c.is_ascii_digit() } else { c == p })
    };
    if fits(b"dddddddddddddd") {
        let (year, month) = (&s[..4], &s[4..6]);
        return ("1900".."2200").contains(&year) && ("01".."13").contains(&month);
    }
    [
        &b"dddd-dd-dd dd:dd:dd"[..],
        b"dddd-dd-ddTdd:dd:dd",
        b"dddd-dd-dd dd:dd",
        b"dddd-dd-ddTdd:dd",
    ]
    .iter()
    .any(|t| fits(t))
}

/// A serde_json error message without the values it quotes: `invalid type: string "Nguyễn Văn A",
/// expected u64` becomes `invalid type: string "…", expected u64`; a back-ticked word is kept only
/// when it is a name (ASCII letters, digits and `_`, not starting with a digit; a key the input gave,
/// as in `unknown field \`so_tien\``, in lower case only), so numbers (they may be an ID number) and
/// a key's other text are dropped too. A quote that does not close drops the rest. The position is
/// kept as `line L column C`.
pub fn json_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    // The position serde_json appends, removed by its exact text (a value may hold " at line ").
    let at = format!(" at line {} column {}", e.line(), e.column());
    let msg = full.strip_suffix(at.as_str()).unwrap_or(&full);
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(['"', '`']) {
        let q = rest.as_bytes()[i];
        out.push_str(&rest[..=i]);
        let after = &rest[i + 1..];
        let user_key = q == b'`' && (out.ends_with("unknown field `") || out.ends_with("unknown variant `"));
        let end = if q == b'"' {
            closing_quote(after)
        } else if user_key {
            // A key as given, back-ticks and all: it runs to where serde's own words resume, the
            // last such place (the names serde lists after it hold no back-tick or comma).
            ["`, expected", "`, there are no"]
                .iter()
                .filter_map(|w| after.rfind(w))
                .max()
                .or_else(|| after.rfind('`'))
        } else {
            after.find('`')
        };
        let Some(j) = end else {
            out.push('…');
            rest = "";
            break;
        };
        let inner = &after[..j];
        // A key the input gave is shown only in lower-case snake form (a mistyped `so_tien`); the
        // names serde lists are the schema's.
        let keep =
            is_name(inner) && (!user_key || inner.bytes().all(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'_')));
        if q == b'`' && keep {
            out.push_str(inner);
        } else {
            out.push('…');
        }
        out.push(q as char);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    if e.line() > 0 {
        out.push_str(&format!(" (line {} column {})", e.line(), e.column()));
    }
    out
}

/// Where a string serde_json quoted (Rust `Debug` form: `\"` and `\\` escaped) closes.
fn closing_quote(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// A field or variant name: ASCII letters, digits and `_`, at most 64, not starting with a digit.
fn is_name(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
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

    /// What the review found: a quote inside the value (serde_json writes it `\"`), the words
    /// " at line " inside the value, and a key holding back-ticks all stay hidden.
    #[test]
    fn escaped_quotes_position_words_and_backticked_keys_stay_hidden() {
        let map =
            |s: &str| json_error(&serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(s).unwrap_err());
        let m = map(r#""NGUYEN \" VAN AN 079123456789""#);
        assert_eq!(m, "invalid type: string \"…\", expected a map (line 1 column 31)");
        let m = map(r#""NGUYEN VAN AN at line 079123456789""#);
        assert_eq!(m, "invalid type: string \"…\", expected a map (line 1 column 36)");
        let m = err(r#"{"n": 1, "s": "x", "a`NGUYEN VAN AN`, expected 0791`": 2}"#);
        assert!(!m.contains("NGUYEN") && !m.contains("0791"), "{m}");
        assert!(m.starts_with("unknown field `…`, expected"), "{m}");
    }

    proptest::proptest! {
        /// A marked text anywhere in a value or a key, among quotes, back-slashes, back-ticks and
        /// serde's own words, never reaches the message.
        #[test]
        fn no_value_or_key_text_reaches_the_message(
            before in "[a-z`\"\\\\ ,.:]{0,12}( at line | expected |`, expected )?",
            after in "[a-z`\"\\\\ ,.:]{0,12}",
        ) {
            let text = format!("{before}Xpii0791{after}");
            let quoted = serde_json::to_string(&text).unwrap();
            let map = |s: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(s).map(|_| ());
            for m in [
                map(&quoted).map_err(|e| json_error(&e)),
                map(&format!("{{\"k\": {quoted}")).map_err(|e| json_error(&e)),
                serde_json::from_str::<super::json_error_tests::Keys>(&format!("{{{quoted}: 1}}")).map(|_| ()).map_err(|e| json_error(&e)),
            ] {
                if let Err(m) = m {
                    proptest::prop_assert!(!m.contains("pii") && !m.contains("0791"), "{}", m);
                }
            }
        }
    }

    /// Values are quoted unless they could be personal data.
    #[test]
    fn values_that_could_be_personal_are_not_shown() {
        use super::shown;
        for (v, max, want) in [
            ("portl", 40, r#""portl""#),
            ("20250715240000", 40, r#""20250715240000""#),
            ("2025-07-15 24:00:00", 40, r#""2025-07-15 24:00:00""#),
            ("2025-07-15T24:00", 40, r#""2025-07-15T24:00""#),
            ("11", 40, r#""11""#),
            ("abcdefghij", 5, r#""abcde"…"#),
            ("đãxửlý", 40, r#""đãxửlý""#),
            ("processin", 40, r#""processin""#),
        ] {
            assert_eq!(shown(v, max), want, "{v}");
        }
        // ID, phone and account numbers however written, e-mail addresses, names in any case.
        for v in [
            "079123456789",
            "0912 345 678",
            "0912-345-678",
            "+84 912-345-678",
            "123456789",
            "001-203-004",
            "19036012345678",
            "an@x.vn",
            "NGUYEN VAN AN",
            "Nguyễn Văn",
            "nguyễn văn an",
            "NGUYEN_VAN_AN",
            "Đang xử lý",
        ] {
            let want = format!("(a value of {} characters, not shown)", v.chars().count());
            assert_eq!(shown(v, 40), want, "{v}");
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Keys {
        so_tien: Option<u64>,
    }
}
