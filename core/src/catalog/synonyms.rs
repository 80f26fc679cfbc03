//! Abbreviations and everyday words citizens type (từ viết tắt, từ đồng nghĩa): `cccd` → `căn cước
//! công dân`, `sổ đỏ` → `giấy chứng nhận quyền sử dụng đất`. Bundled as `data/search_synonyms.csv`;
//! a deployment adds its own rows with [`Synonyms::extend_csv`].
use super::normalize::normalize;
use crate::{Error, ErrorCode};
use std::collections::HashMap;

const BUNDLED: &str = include_str!("../../data/search_synonyms.csv");

/// The synonym table, keyed by normalised words.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    map: HashMap<String, Vec<Vec<String>>>,
    max_words: usize,
}

impl Synonyms {
    /// The bundled table.
    pub fn bundled() -> Self {
        let mut s = Self::default();
        // The bundled table is tested; a failure here would be a build mistake caught by the tests.
        let _ = s.extend_csv(BUNDLED);
        s
    }

    /// Adds the rows of a CSV table `tu_go,thay_bang` (header required; `#` lines are comments).
    /// Errors name the line.
    pub fn extend_csv(&mut self, text: &str) -> Result<(), Error> {
        let bad =
            |line: usize, what: &str| Error::new(ErrorCode::SearchSynonyms, "synonyms", format!("line {line}: {what}"));
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = crate::text::lines(text)
            .enumerate()
            .filter(|(_, l)| !l.trim_start().starts_with('#') && !l.trim().is_empty());
        match lines.next() {
            Some((_, h)) if normalize(h) == "tu go thai bang" => {}
            Some((i, _)) => return Err(bad(i + 1, "expected the header tu_go,thay_bang")),
            None => return Ok(()),
        }
        for (i, l) in lines {
            let mut parts = l.splitn(2, ',');
            let (typed, phrase) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let (typed, phrase) = (normalize(typed), normalize(phrase.trim_matches('"')));
            if typed.is_empty() || phrase.is_empty() {
                return Err(bad(i + 1, "expected two non-empty columns: what is typed, the phrase"));
            }
            let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
            self.max_words = self.max_words.max(typed.split(' ').count());
            let alts = self.map.entry(typed).or_default();
            if !alts.contains(&words) {
                alts.push(words);
            }
        }
        Ok(())
    }

    /// The phrases the words stand for, if they are a key.
    pub fn get(&self, words: &[&str]) -> Option<&[Vec<String>]> {
        self.map.get(&words.join(" ")).map(Vec::as_slice)
    }

    /// Longest key length in words.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_reads_and_extends() {
        let mut s = Synonyms::bundled();
        assert!(s.len() > 50);
        assert_eq!(
            s.get(&["so", "do"]).unwrap()[0].join(" "),
            "giai chung nhan quien su dung dat"
        );
        assert!(s.get(&["cccd"]).unwrap().len() >= 2);
        s.extend_csv("tu_go,thay_bang\nkcn,khu công nghiệp\n").unwrap();
        assert_eq!(s.get(&["kcn"]).unwrap()[0], ["khu", "cong", "nghiep"]);
        let e = s.extend_csv("tu_go,thay_bang\nabc\n").unwrap_err();
        assert_eq!(e.code, ErrorCode::SearchSynonyms);
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(s.extend_csv("a,b\n").is_err());
    }
}
