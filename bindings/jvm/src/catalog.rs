//! The procedure catalogue (danh mục thủ tục) for the JVM: load once, search many times, run the
//! configuration checks. Conversion glue only: every rule lives in `motcua_core::catalog`.
//!
//! Exceptions: an unreadable catalogue or synonym table, and bad search options, are
//! `MotcuaException.Catalog` with their 7200-range code (7201 `catalog_input`, 7221
//! `search_argument`, 7222 `search_synonyms`) and the field concerned.
use std::collections::HashMap;
use std::sync::Arc;

use crate::payments::ReportError;
use crate::{guard, Res};
use motcua_core::catalog as core_catalog;

/// `[start, end)` of a matched part of a name, in Unicode code points (use
/// `String.offsetByCodePoints` in Java).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NameSpan {
    /// First code point.
    pub start: i32,
    /// One past the last code point.
    pub end: i32,
}

/// One search result (kết quả tra cứu).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SearchHit {
    /// Mã thủ tục.
    pub code: String,
    /// Tên thủ tục.
    pub name: String,
    /// 0-1, best first.
    pub score: f64,
    /// `code` or `name`: what the query matched.
    pub matched: String,
    /// Matched parts of the name.
    pub spans: Vec<NameSpan>,
    /// Cấp thực hiện as written.
    pub levels: String,
    /// Lĩnh vực.
    pub field: String,
    /// Cơ quan thực hiện.
    pub agency: String,
}

impl From<core_catalog::Hit> for SearchHit {
    fn from(h: core_catalog::Hit) -> Self {
        Self {
            code: h.code,
            name: h.name,
            score: h.score,
            matched: h.matched.to_string(),
            spans: h
                .spans
                .into_iter()
                .map(|[start, end]| NameSpan {
                    start: start as i32,
                    end: end as i32,
                })
                .collect(),
            levels: h.levels,
            field: h.field,
            agency: h.agency,
        }
    }
}

/// One configuration problem (lỗi cấu hình) of a procedure.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CatalogProblem {
    /// Mã thủ tục as written.
    pub ma_thu_tuc: String,
    /// Line (CSV) or position (JSON) in the source.
    pub line: i64,
    /// What is wrong: stable code (7202-7213), name, field, message.
    pub error: ReportError,
}

/// What the configuration checks found.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CatalogReport {
    /// Procedures checked.
    pub procedures: i64,
    /// Procedures with at least one problem.
    pub procedures_with_problems: i64,
    /// Every problem, in source order.
    pub problems: Vec<CatalogProblem>,
    /// Problems per kind (stable name).
    pub counts: HashMap<String, i64>,
    /// Checks skipped because the column is not declared, with how many procedures.
    pub not_checked: HashMap<String, i64>,
}

/// A procedure catalogue with its search index, built once from CSV or JSON text; immutable and
/// thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct Catalog {
    inner: core_catalog::Catalog,
}

fn load(text: &str, format: Option<&str>, synonyms: Option<&str>) -> Res<Arc<Catalog>> {
    let inner = core_catalog::Catalog::load(text, format, synonyms)?;
    Ok(Arc::new(Catalog { inner }))
}

/// The core's options (a negative limit is out of range, 7221).
fn options(
    limit: i32,
    level: &Option<String>,
    field: &Option<String>,
    agency: &Option<String>,
) -> Res<core_catalog::SearchOptions> {
    Ok(core_catalog::SearchOptions::new(
        usize::try_from(limit).unwrap_or(0),
        level.as_deref(),
        field.as_deref(),
        agency.as_deref(),
    )?)
}

/// [`Catalog`]'s constructor as a function, for Java: declared to throw the checked
/// `MotcuaException`.
#[uniffi::export]
pub fn catalog(text: String, format: Option<String>, synonyms: Option<String>) -> Res<Arc<Catalog>> {
    guard("catalog", || load(&text, format.as_deref(), synonyms.as_deref()))
}

#[uniffi::export]
impl Catalog {
    /// Loads CSV or JSON text (`format` `csv`, `json` or null to guess); `synonyms` = more rows
    /// `tu_go,thay_bang` for the bundled abbreviation table.
    #[uniffi::constructor]
    pub fn new(text: String, format: Option<String>, synonyms: Option<String>) -> Res<Arc<Self>> {
        guard("Catalog", || load(&text, format.as_deref(), synonyms.as_deref()))
    }

    /// Number of procedures.
    pub fn size(&self) -> i64 {
        self.inner.procedures().len() as i64
    }

    /// The best procedures for `query` (a name in any spelling, an abbreviation or a code), best
    /// first; `level` (`bo`, `tinh`, `xa`, `khac`), `field` and `agency` filter.
    pub fn search(
        &self,
        query: String,
        limit: i32,
        level: Option<String>,
        field: Option<String>,
        agency: Option<String>,
    ) -> Res<Vec<SearchHit>> {
        guard("search", || {
            let o = options(limit, &level, &field, &agency)?;
            Ok(self.inner.search(&query, &o).into_iter().map(SearchHit::from).collect())
        })
    }

    /// `search` for many queries with the same options (one call across the boundary).
    pub fn search_many(
        &self,
        queries: Vec<String>,
        limit: i32,
        level: Option<String>,
        field: Option<String>,
        agency: Option<String>,
    ) -> Res<Vec<Vec<SearchHit>>> {
        guard("search_many", || {
            let o = options(limit, &level, &field, &agency)?;
            Ok(self
                .inner
                .index()
                .search_many(&queries, &o)
                .into_iter()
                .map(|h| h.into_iter().map(SearchHit::from).collect())
                .collect())
        })
    }

    /// Runs the configuration checks (kiểm tra cấu hình).
    pub fn check(&self) -> Res<CatalogReport> {
        guard("check", || {
            let r = self.inner.check(&core_catalog::CheckRules::default());
            let counts = |m: std::collections::BTreeMap<&'static str, usize>| {
                m.into_iter().map(|(k, v)| (k.to_string(), v as i64)).collect()
            };
            Ok(CatalogReport {
                procedures: r.procedures as i64,
                procedures_with_problems: r.procedures_with_problems as i64,
                problems: r
                    .problems
                    .iter()
                    .map(|p| CatalogProblem {
                        ma_thu_tuc: p.procedure.clone(),
                        line: p.line as i64,
                        error: ReportError::from(&p.error),
                    })
                    .collect(),
                counts: counts(r.counts),
                not_checked: counts(r.not_checked),
            })
        })
    }
}
