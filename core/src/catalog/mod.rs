//! Procedure catalogue (danh mục thủ tục hành chính): loading ([`load`]), configuration checks
//! ([`check()`]) and search ([`search`]).
//!
//! ```
//! use motcua_core::catalog::{Catalog, SearchOptions};
//! let csv = "ma_thu_tuc,ten_thu_tuc,cap_thuc_hien,linh_vuc,co_quan\n\
//!            1.000757,Cấp lại thẻ căn cước,Cấp bộ,Căn cước,Bộ Công an\n\
//!            1.001612,Đăng ký khai sinh,Cấp xã,Hộ tịch,Ủy ban nhân dân cấp xã\n";
//! let catalog = Catalog::parse(csv).unwrap();
//! let hits = catalog.search("cap lai cccd", &SearchOptions::default());
//! assert_eq!(hits[0].code, "1.000757");
//! assert_eq!(catalog.search("1001612", &SearchOptions::default())[0].name, "Đăng ký khai sinh");
//! ```
pub mod check;
pub mod load;
pub mod model;
pub mod normalize;
pub mod search;
pub mod synonyms;

pub use check::{check, AgencyLevels, CheckReport, CheckRules, Problem};
pub use model::{Fee, FeeKind, Level, Procedure, ProcessingTime, ServiceLevel, TimeUnit};
pub use search::{Hit, SearchIndex, SearchOptions};
pub use synonyms::Synonyms;

use crate::{Error, ErrorCode};

/// A loaded catalogue with its search index.
#[derive(Debug)]
pub struct Catalog {
    procedures: Vec<Procedure>,
    index: SearchIndex,
}

impl Catalog {
    /// Builds the catalogue and its index with the given synonym table.
    pub fn new(procedures: Vec<Procedure>, synonyms: Synonyms) -> Self {
        let index = SearchIndex::new(&procedures, synonyms);
        Self { procedures, index }
    }

    /// Reads CSV or JSON (a text whose first non-blank character is `[` is JSON), with the bundled
    /// synonyms.
    pub fn parse(text: &str) -> Result<Self, Error> {
        Self::parse_with(text, Synonyms::bundled())
    }

    /// Like [`Catalog::parse`] with a synonym table of your own.
    pub fn parse_with(text: &str, synonyms: Synonyms) -> Result<Self, Error> {
        let procs = if text.trim_start_matches('\u{feff}').trim_start().starts_with('[') {
            load::from_json(text)?
        } else {
            load::from_csv(text)?
        };
        Ok(Self::new(procs, synonyms))
    }

    /// The entry point of the bindings and the CLI: `format` `csv`, `json` or `None` (guess from
    /// the text), and rows `tu_go,thay_bang` added to the bundled synonyms.
    pub fn load(text: &str, format: Option<&str>, synonyms_csv: Option<&str>) -> Result<Self, Error> {
        let mut synonyms = Synonyms::bundled();
        if let Some(extra) = synonyms_csv {
            synonyms.extend_csv(extra)?;
        }
        let procs = match format.map(str::trim).filter(|f| !f.is_empty()) {
            None => return Self::parse_with(text, synonyms),
            Some(f) if f.eq_ignore_ascii_case("csv") => load::from_csv(text)?,
            Some(f) if f.eq_ignore_ascii_case("json") => load::from_json(text)?,
            Some(f) => {
                let shown = crate::text::shown(f, 12);
                return Err(Error::new(
                    ErrorCode::CatalogInput,
                    "format",
                    format!("{shown} is not csv or json"),
                ));
            }
        };
        Ok(Self::new(procs, synonyms))
    }

    /// The procedures, in source order.
    pub fn procedures(&self) -> &[Procedure] {
        &self.procedures
    }

    /// The search index.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Searches (see [`SearchIndex::search`]).
    pub fn search(&self, query: &str, options: &SearchOptions) -> Vec<Hit> {
        self.index.search(query, options)
    }

    /// Runs the configuration checks.
    pub fn check(&self, rules: &CheckRules) -> CheckReport {
        check::check(&self.procedures, rules)
    }
}
