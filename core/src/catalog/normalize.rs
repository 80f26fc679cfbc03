//! Search normalisation (chuẩn hoá tìm kiếm): words without diacritics, in lower case, with `y`
//! spelled `i`, so `Hoá`/`Hóa`, NFC/NFD and `kí`/`ký` give the same word.
use crate::text::fold_char;

/// A word of a text and where it is: `[start, end)` in Unicode scalar values (chars) of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The normalised word (`căn` → `can`, `ký` → `ki`).
    pub text: String,
    /// First char of the word in the original text.
    pub start: u32,
    /// One past its last char (combining marks included).
    pub end: u32,
}

/// The normalised form of one char: `None` for a combining mark (it belongs to the word before),
/// `Some(None)` for a separator, `Some(Some(c))` for a word character.
fn word_char(c: char) -> Option<Option<char>> {
    let f = match c {
        'Ð' | 'ð' => 'd',
        _ => fold_char(c)?,
    };
    if !f.is_alphanumeric() {
        return Some(None);
    }
    let lower = if f.is_ascii() {
        f.to_ascii_lowercase()
    } else {
        f.to_lowercase().next().unwrap_or(f)
    };
    Some(Some(if lower == 'y' { 'i' } else { lower }))
}

/// The words of `s` with their char spans.
pub fn words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0u32;
    let mut end = 0u32;
    for (i, c) in s.chars().enumerate() {
        let i = i as u32;
        match word_char(c) {
            None => {
                if !cur.is_empty() {
                    end = i + 1;
                }
            }
            Some(Some(w)) => {
                if cur.is_empty() {
                    start = i;
                }
                cur.push(w);
                end = i + 1;
            }
            Some(None) => {
                if !cur.is_empty() {
                    out.push(Word {
                        text: std::mem::take(&mut cur),
                        start,
                        end,
                    });
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(Word { text: cur, start, end });
    }
    out
}

/// The normalised words of `s` joined by one space: `Cấp lại Thẻ  căn-cước` → `cap lai the can cuoc`.
pub fn normalize(s: &str) -> String {
    let w: Vec<String> = words(s).into_iter().map(|w| w.text).collect();
    w.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_words_for_every_spelling() {
        let forms = [
            "Hoá đơn",
            "Hóa đơn",
            "Ho\u{0301}a \u{0111}o\u{031B}n",
            "HOÁ ĐƠN",
            "hoa  don",
        ];
        for f in forms {
            assert_eq!(normalize(f), "hoa don", "{f}");
        }
        assert_eq!(normalize("Kí / ký"), "ki ki");
        assert_eq!(normalize("Quý, quí"), "qui qui");
    }

    #[test]
    fn spans_count_chars_including_combining_marks() {
        let s = "Đăng ky\u{0301} (thẻ)";
        let w = words(s);
        let chars: Vec<char> = s.chars().collect();
        let texts: Vec<String> = w
            .iter()
            .map(|w| chars[w.start as usize..w.end as usize].iter().collect())
            .collect();
        assert_eq!(texts, ["Đăng", "ky\u{0301}", "thẻ"]);
        assert_eq!(w[1].text, "ki");
    }
}
