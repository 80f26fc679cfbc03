//! Vietnamese text helpers: removing diacritics (bỏ dấu) for bank transfer texts, which most banks
//! carry in ASCII only.

/// The ASCII letter of a Vietnamese letter with diacritics (`ề` → `e`, `Đ` → `D`), or the letter
/// itself. Covers every precomposed Vietnamese letter (NFC) and the combining tone and vowel marks,
/// which map to `None` (dropped).
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
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
    // Combining grave, acute, tilde, hook above, dot below, breve, circumflex, horn.
    if matches!(
        c,
        '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' | '\u{306}' | '\u{302}' | '\u{31B}'
    ) {
        return None;
    }
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map_or(Some(c), |&(_, base)| Some(base))
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
}
