//! The procedure catalogue (danh mục thủ tục): checks and search.
use super::{answer_json, fail, guard, handle, handle_mut, json_error, non_null, opt_str_arg, str_arg, MOTCUA_OK};
use motcua_core::catalog;
use motcua_core::{Error, ErrorCode};
use std::ffi::c_char;

/// Opaque procedure catalogue with its search index (danh mục thủ tục), built once by
/// `motcua_catalog_new`. Read-only after creation: one handle may be shared by threads.
pub struct MotcuaCatalog(catalog::Catalog);

/// Loads a catalogue from `text`: CSV (`ma_thu_tuc, ten_thu_tuc, cap_thuc_hien, linh_vuc, co_quan`,
/// extra columns optional) or a JSON array of procedure objects; `format` `"csv"`, `"json"` or NULL
/// (guessed: JSON starts with `[`). `synonyms_csv` (may be NULL) adds rows `tu_go,thay_bang` to the
/// bundled abbreviation table. Builds the search index (a few milliseconds for 3,000 procedures):
/// create it once. Free with `motcua_catalog_free`. On failure (`MOTCUA_ERR_CATALOG_INPUT`,
/// `MOTCUA_ERR_SEARCH_SYNONYMS`) `*out_message` (if not NULL) receives `"field: detail"` (free it).
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_new(
    text: *const c_char,
    format: *const c_char,
    synonyms_csv: *const c_char,
    out: *mut *mut MotcuaCatalog,
    out_message: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let text = arg!(str_arg(text))?;
        let (format, synonyms) = (arg!(opt_str_arg(format))?, arg!(opt_str_arg(synonyms_csv))?);
        arg!(non_null(out))?;
        match catalog::Catalog::load(text, format, synonyms) {
            Ok(c) => {
                *out = Box::into_raw(Box::new(MotcuaCatalog(c)));
                Ok(MOTCUA_OK)
            }
            Err(e) => fail(e, out_message),
        }
    })
}

/// Frees a catalogue (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_free(c: *mut MotcuaCatalog) {
    if !c.is_null() {
        drop(Box::from_raw(c));
    }
}

/// Number of procedures in the catalogue.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_len(c: *const MotcuaCatalog, out: *mut usize) -> i32 {
    guard(|| {
        let c = &arg!(handle(c))?.0;
        *arg!(handle_mut(out))? = c.procedures().len();
        Ok(MOTCUA_OK)
    })
}

/// Searches the catalogue (tra cứu thủ tục): `query` is a name in any spelling (diacritics, case,
/// NFC/NFD, i/y, typos, word order, abbreviations) or a code (`1.000494`, `1000494`,
/// `1.000494.000.00.00.H29`); `options_json` (may be NULL) is `{"limit": 10, "level": "bo|tinh|xa|khac",
/// "field": "...", "agency": "..."}`. `*out_json` receives the results best first: `[{"code", "name",
/// "score" (0-1), "matched" ("code"|"name"), "spans" ([start, end) char offsets in name), "levels",
/// "field", "agency"}]`, or `{"error": {...}}` with `MOTCUA_ERR_SEARCH_ARGUMENT` for bad options.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_search(
    c: *const MotcuaCatalog,
    query: *const c_char,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (c, query) = (&arg!(handle(c))?.0, arg!(str_arg(query))?);
        let options = arg!(opt_str_arg(options_json))?.unwrap_or("");
        arg!(non_null(out_json))?;
        let answer = catalog::SearchOptions::from_json(options)
            .and_then(|o| serde_json::to_string(&c.search(query, &o)).map_err(json_error));
        answer_json(out_json, answer)
    })
}

/// Searches many queries (the batch form of `motcua_catalog_search`): `queries_json` is a JSON array
/// of strings; `*out_json` receives an array of result arrays, one per query, in order.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_search_many(
    c: *const MotcuaCatalog,
    queries_json: *const c_char,
    options_json: *const c_char,
    out_json: *mut *mut c_char,
) -> i32 {
    guard(|| {
        let (c, queries) = (&arg!(handle(c))?.0, arg!(str_arg(queries_json))?);
        let options = arg!(opt_str_arg(options_json))?.unwrap_or("");
        arg!(non_null(out_json))?;
        let answer = serde_json::from_str::<Vec<String>>(queries)
            .map_err(|e| {
                Error::new(
                    ErrorCode::InvalidArgument,
                    "queries_json",
                    motcua_core::text::json_error(&e),
                )
            })
            .and_then(|qs| Ok((qs, catalog::SearchOptions::from_json(options)?)))
            .and_then(|(qs, o)| serde_json::to_string(&c.index().search_many(&qs, &o)).map_err(json_error));
        answer_json(out_json, answer)
    })
}

/// Runs the configuration checks (kiểm tra cấu hình thủ tục). `*out_json` receives `{"procedures",
/// "procedures_with_problems", "problems": [{"ma_thu_tuc", "line", "code" (7202-7213), "name",
/// "field", "message"}], "counts": {name: n}, "not_checked": {column: n}}`. Returns `MOTCUA_OK`
/// whether or not there are problems.
#[no_mangle]
pub unsafe extern "C" fn motcua_catalog_check(c: *const MotcuaCatalog, out_json: *mut *mut c_char) -> i32 {
    guard(|| {
        let c = &arg!(handle(c))?.0;
        arg!(non_null(out_json))?;
        let report = c.check(&catalog::CheckRules::default());
        answer_json(out_json, serde_json::to_string(&report).map_err(json_error))
    })
}
