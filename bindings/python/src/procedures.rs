//! The procedure catalogue (danh mục thủ tục): checks and search.
use super::{guard, opt_utf8, utf8, OrRaise};
use motcua_core::catalog;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// One search result (kết quả tra cứu): `spans` are `(start, end)` char offsets in `name`.
#[pyclass(frozen, eq, module = "motcua", get_all)]
#[derive(PartialEq)]
pub(crate) struct SearchHit {
    code: String,
    name: String,
    score: f64,
    matched: &'static str,
    spans: Vec<(u32, u32)>,
    levels: String,
    field: String,
    agency: String,
}

#[pymethods]
impl SearchHit {
    fn __repr__(&self) -> String {
        format!(
            "SearchHit(code={:?}, score={}, name={:?})",
            self.code, self.score, self.name
        )
    }
}

impl From<catalog::Hit> for SearchHit {
    fn from(h: catalog::Hit) -> Self {
        Self {
            code: h.code,
            name: h.name,
            score: h.score,
            matched: h.matched,
            spans: h.spans.into_iter().map(|[a, b]| (a, b)).collect(),
            levels: h.levels,
            field: h.field,
            agency: h.agency,
        }
    }
}

/// One configuration problem (lỗi cấu hình) of a procedure.
#[pyclass(frozen, eq, module = "motcua", get_all)]
#[derive(PartialEq)]
pub(crate) struct CatalogProblem {
    ma_thu_tuc: String,
    line: u64,
    code: u32,
    name: &'static str,
    field: String,
    message: String,
}

#[pymethods]
impl CatalogProblem {
    fn __repr__(&self) -> String {
        format!(
            "CatalogProblem(line={}, ma_thu_tuc={:?}, code={}, message={:?})",
            self.line, self.ma_thu_tuc, self.code, self.message
        )
    }
}

/// What the configuration checks found: every problem, counts per kind, checks not run.
#[pyclass(frozen, module = "motcua", get_all)]
pub(crate) struct CatalogReport {
    procedures: usize,
    procedures_with_problems: usize,
    problems: Vec<Py<CatalogProblem>>,
    counts: std::collections::BTreeMap<&'static str, usize>,
    not_checked: std::collections::BTreeMap<&'static str, usize>,
}

/// A procedure catalogue with its search index (danh mục thủ tục): built once from CSV or JSON
/// text, then searched many times; read-only, so threads may share it.
#[pyclass(frozen, module = "motcua", name = "Catalog")]
pub(crate) struct PyCatalog {
    catalog: catalog::Catalog,
}

impl PyCatalog {
    fn load(
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        format: Option<&str>,
        synonyms: &Option<Bound<'_, PyString>>,
    ) -> PyResult<Self> {
        let text = utf8(py, text, "text")?;
        let synonyms = opt_utf8(py, synonyms, "synonyms")?;
        let catalog = py
            .detach(|| catalog::Catalog::load(&text, format, synonyms.as_deref()))
            .or_raise(py)?;
        Ok(Self { catalog })
    }
}

#[pymethods]
impl PyCatalog {
    /// Loads CSV or JSON text (guessed: JSON starts with `[`); `synonyms` = more rows
    /// `tu_go,thay_bang` for the bundled abbreviation table.
    #[new]
    #[pyo3(signature = (text, synonyms=None))]
    fn new(py: Python<'_>, text: Bound<'_, PyString>, synonyms: Option<Bound<'_, PyString>>) -> PyResult<Self> {
        guard(py, "Catalog", || Self::load(py, &text, None, &synonyms))
    }

    /// Loads CSV text (the national procedure list layout, extra columns optional).
    #[staticmethod]
    #[pyo3(signature = (text, synonyms=None))]
    fn from_csv(py: Python<'_>, text: Bound<'_, PyString>, synonyms: Option<Bound<'_, PyString>>) -> PyResult<Self> {
        guard(py, "Catalog.from_csv", || Self::load(py, &text, Some("csv"), &synonyms))
    }

    /// Loads JSON text: an array of procedure objects.
    #[staticmethod]
    #[pyo3(signature = (text, synonyms=None))]
    fn from_json(py: Python<'_>, text: Bound<'_, PyString>, synonyms: Option<Bound<'_, PyString>>) -> PyResult<Self> {
        guard(py, "Catalog.from_json", || {
            Self::load(py, &text, Some("json"), &synonyms)
        })
    }

    fn __len__(&self) -> usize {
        self.catalog.procedures().len()
    }

    /// The best procedures for `query` (a name in any spelling, an abbreviation or a code), best first.
    #[pyo3(signature = (query, limit=10, level=None, field=None, agency=None))]
    fn search(
        &self,
        py: Python<'_>,
        query: Bound<'_, PyString>,
        limit: usize,
        level: Option<&str>,
        field: Option<&str>,
        agency: Option<&str>,
    ) -> PyResult<Vec<SearchHit>> {
        guard(py, "search", || {
            let opts = catalog::SearchOptions::new(limit, level, field, agency).or_raise(py)?;
            let query = utf8(py, &query, "query")?;
            Ok(self
                .catalog
                .search(&query, &opts)
                .into_iter()
                .map(SearchHit::from)
                .collect())
        })
    }

    /// `search` for many queries with the same options, with the GIL released.
    #[pyo3(signature = (queries, limit=10, level=None, field=None, agency=None))]
    fn search_many(
        &self,
        py: Python<'_>,
        queries: Vec<String>,
        limit: usize,
        level: Option<&str>,
        field: Option<&str>,
        agency: Option<&str>,
    ) -> PyResult<Vec<Vec<SearchHit>>> {
        guard(py, "search_many", || {
            let opts = catalog::SearchOptions::new(limit, level, field, agency).or_raise(py)?;
            let hits = py.detach(|| self.catalog.index().search_many(&queries, &opts));
            Ok(hits
                .into_iter()
                .map(|h| h.into_iter().map(SearchHit::from).collect())
                .collect())
        })
    }

    /// Runs the configuration checks (kiểm tra cấu hình).
    fn check(&self, py: Python<'_>) -> PyResult<CatalogReport> {
        guard(py, "check", || {
            let r = self.catalog.check(&catalog::CheckRules::default());
            let problems = r
                .problems
                .into_iter()
                .map(|p| {
                    Py::new(
                        py,
                        CatalogProblem {
                            message: p.error.to_string(),
                            ma_thu_tuc: p.procedure,
                            line: p.line,
                            code: p.error.code.code(),
                            name: p.error.code.name(),
                            field: p.error.field.into_owned(),
                        },
                    )
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok(CatalogReport {
                procedures: r.procedures,
                procedures_with_problems: r.procedures_with_problems,
                problems,
                counts: r.counts,
                not_checked: r.not_checked,
            })
        })
    }

    fn __repr__(&self) -> String {
        format!("Catalog({} procedures)", self.catalog.procedures().len())
    }
}
