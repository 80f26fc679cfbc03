//! Procedure search (tra cứu thủ tục): an index built once and queried many times.
//!
//! A query is either a code (`1.000494`, `1000494`, `1.000494.000.00.00.H29`, `2.002622.H56`,
//! `000494`) or words. Words are matched without diacritics, case or i/y differences, in any order;
//! a word of four letters or more also matches vocabulary one edit away (a letter wrong, missing,
//! extra or swapped), and the last word matches as a prefix while it is being typed. Abbreviations
//! are expanded through [`Synonyms`]. A result's score (0-1) weighs the share of the query matched
//! (rare words count more), words found in the query's order, and the share of the name covered.
use super::model::{Level, Procedure};
use super::normalize::{normalize, words};
use super::synonyms::Synonyms;
use crate::{Error, ErrorCode};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::ops::Range;

/// At most this many query words are used.
const MAX_WORDS: usize = 32;
/// Quality of a match, in percent.
const EXACT: u8 = 100;
const PREFIX: u8 = 85;
const FUZZY: u8 = 70;
/// Candidates re-scored with word order and name coverage.
const RESCORE: usize = 64;

/// Filters and size of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// At most this many results (1-1000).
    pub limit: usize,
    /// Only procedures performed at this level.
    pub level: Option<Level>,
    /// Only this field (lĩnh vực), compared without diacritics or case.
    pub field: Option<String>,
    /// Only agencies whose name contains these words (cơ quan).
    pub agency: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            limit: 10,
            level: None,
            field: None,
            agency: None,
        }
    }
}

impl SearchOptions {
    /// Options from text arguments (bindings, CLI): `level` by name (`bo`, `Cấp tỉnh`...).
    pub fn new(limit: usize, level: Option<&str>, field: Option<&str>, agency: Option<&str>) -> Result<Self, Error> {
        if !(1..=1000).contains(&limit) {
            return Err(Error::new(
                ErrorCode::SearchArgument,
                "limit",
                format!("{limit} is not 1-1000"),
            ));
        }
        let level = match level.map(str::trim).filter(|l| !l.is_empty()) {
            None => None,
            Some(l) => Some(Level::parse(l).ok_or_else(|| {
                let shown = crate::text::shown(l, 20);
                Error::new(
                    ErrorCode::SearchArgument,
                    "level",
                    format!("{shown} is not bo, tinh, xa, khac or huyen"),
                )
            })?),
        };
        let text = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        Ok(Self {
            limit,
            level,
            field: text(field),
            agency: text(agency),
        })
    }

    /// Options from JSON `{"limit", "level", "field", "agency"}` (every key optional; `""` or
    /// `null` = defaults).
    pub fn from_json(text: &str) -> Result<Self, Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Json {
            limit: Option<usize>,
            level: Option<String>,
            field: Option<String>,
            agency: Option<String>,
        }
        if text.trim().is_empty() || text.trim() == "null" {
            return Ok(Self::default());
        }
        let j: Json = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorCode::SearchArgument, "options", crate::text::json_error(&e)))?;
        Self::new(
            j.limit.unwrap_or(10),
            j.level.as_deref(),
            j.field.as_deref(),
            j.agency.as_deref(),
        )
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Mã thủ tục.
    pub code: String,
    /// Tên thủ tục.
    pub name: String,
    /// 0-1, best first.
    pub score: f64,
    /// `code` or `name`: what the query matched.
    pub matched: &'static str,
    /// Matched parts of the name, `[start, end)` in chars (Unicode scalar values).
    pub spans: Vec<[u32; 2]>,
    /// Cấp thực hiện as written.
    pub levels: String,
    /// Lĩnh vực.
    pub field: String,
    /// Cơ quan thực hiện.
    pub agency: String,
    /// Position in the catalogue (0-based).
    #[serde(skip)]
    pub index: usize,
}

struct Doc {
    code: String,
    name: String,
    levels_text: String,
    levels: Vec<Level>,
    field: String,
    field_norm: String,
    agency: String,
    agency_norm: String,
    /// Code in upper-case letters and digits only, and its 7-digit national part.
    code_compact: String,
    terms: Vec<u32>,
    spans: Vec<(u32, u32)>,
    weight: f32,
    /// The name begins with "Thủ tục" (skipped when checking where the query starts).
    starts_with_thu_tuc: bool,
}

/// The search index (chỉ mục tra cứu). Read-only once built: share it between threads.
pub struct SearchIndex {
    docs: Vec<Doc>,
    term_ids: FxHashMap<Box<str>, u32>,
    term_text: Vec<Box<str>>,
    /// Term ids sorted by text (prefix search).
    sorted: Vec<u32>,
    idf: Vec<f32>,
    /// Per term: (doc, position) of every occurrence.
    postings: Vec<Vec<(u32, u16)>>,
    /// One-letter deletions of every term of 4+ letters → the terms.
    deletions: FxHashMap<Box<str>, Vec<u32>>,
    by_code: FxHashMap<String, Vec<u32>>,
    by_base: FxHashMap<String, Vec<u32>>,
    synonyms: Synonyms,
    unseen_idf: f32,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("procedures", &self.docs.len())
            .field("terms", &self.term_text.len())
            .finish()
    }
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn deletions(t: &str) -> impl Iterator<Item = String> + '_ {
    t.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(t.len());
        s.push_str(&t[..i]);
        s.push_str(&t[i + c.len_utf8()..]);
        s
    })
}

/// One query word and what it matches.
struct Slot {
    variants: Vec<(u32, u8)>,
    weight: f32,
}

/// A query word, or an abbreviation with its expansions: alternatives of slot ranges.
struct Group {
    alts: Vec<Range<usize>>,
    /// Total weight of each alternative.
    weights: Vec<f32>,
}

/// A planned query: slots, groups, and for every matching term the (slot, quality) pairs.
struct Plan {
    slots: Vec<Slot>,
    groups: Vec<Group>,
    by_term: FxHashMap<u32, Vec<(u32, u8)>>,
}

impl Plan {
    /// Weighted share of the query matched by a name whose slot qualities are `row`; `chosen`
    /// receives the alternative taken in each group.
    fn coverage(&self, row: &[u8], mut chosen: Option<&mut Vec<usize>>) -> f32 {
        let (mut num, mut den) = (0.0f32, 0.0f32);
        for g in &self.groups {
            let mut best = (0.0f32, 0.0f32, 0usize, -1.0f32);
            for (a, (r, &w)) in g.alts.iter().zip(&g.weights).enumerate() {
                let n: f32 = r.clone().map(|s| self.slots[s].weight * f32::from(row[s])).sum::<f32>() / 100.0;
                let ratio = if w > 0.0 { n / w } else { 0.0 };
                if ratio > best.3 || (ratio == best.3 && w > best.1) {
                    best = (n, w, a, ratio);
                }
            }
            num += best.0;
            den += best.1;
            if let Some(c) = chosen.as_deref_mut() {
                c.push(best.2);
            }
        }
        if den > 0.0 {
            num / den
        } else {
            0.0
        }
    }
}

/// What re-scoring finds in one name.
struct Detail {
    order: f32,
    lead: f32,
    name_cover: f32,
    spans: Vec<[u32; 2]>,
}

impl SearchIndex {
    /// Builds the index over a catalogue with a synonym table.
    pub fn new(procs: &[Procedure], synonyms: Synonyms) -> Self {
        let mut term_ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut term_text: Vec<Box<str>> = Vec::new();
        let mut postings: Vec<Vec<(u32, u16)>> = Vec::new();
        let mut by_code: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut by_base: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut docs = Vec::with_capacity(procs.len());
        for (d, p) in procs.iter().enumerate() {
            let d = d as u32;
            let mut terms = Vec::new();
            let mut spans = Vec::new();
            for (pos, w) in words(&p.name).into_iter().enumerate().take(u16::MAX as usize) {
                let id = *term_ids.entry(w.text.as_str().into()).or_insert_with(|| {
                    term_text.push(w.text.as_str().into());
                    postings.push(Vec::new());
                    (term_text.len() - 1) as u32
                });
                postings[id as usize].push((d, pos as u16));
                terms.push(id);
                spans.push((w.start, w.end));
            }
            let code_compact = compact(&p.code);
            by_code.entry(code_compact.clone()).or_default().push(d);
            if code_compact.len() >= 7 && code_compact[..7].bytes().all(|b| b.is_ascii_digit()) {
                by_base.entry(code_compact[..7].to_string()).or_default().push(d);
            }
            let agency = p.agency.clone().unwrap_or_default();
            docs.push(Doc {
                code: p.code.clone(),
                name: p.name.clone(),
                levels_text: p.levels.clone(),
                levels: Level::parse_list(&p.levels).0,
                field_norm: normalize(&p.field),
                field: p.field.clone(),
                agency_norm: normalize(&agency),
                agency,
                code_compact,
                starts_with_thu_tuc: false,
                terms,
                spans,
                weight: 0.0,
            });
        }
        let n = docs.len().max(1) as f32;
        let idf: Vec<f32> = postings
            .iter()
            .map(|p| {
                let mut ds: Vec<u32> = p.iter().map(|x| x.0).collect();
                ds.dedup();
                let df = ds.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        let thu_tuc = (term_ids.get("thu").copied(), term_ids.get("tuc").copied());
        for doc in &mut docs {
            doc.weight = doc.terms.iter().map(|t| idf[*t as usize]).sum();
            doc.starts_with_thu_tuc = doc.terms.len() > 2 && (Some(doc.terms[0]), Some(doc.terms[1])) == thu_tuc;
        }
        let mut deletions_map: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        for (id, t) in term_text.iter().enumerate() {
            if t.chars().count() >= 4 {
                for del in deletions(t) {
                    let v = deletions_map.entry(del.into_boxed_str()).or_default();
                    if v.last() != Some(&(id as u32)) {
                        v.push(id as u32);
                    }
                }
            }
        }
        let mut sorted: Vec<u32> = (0..term_text.len() as u32).collect();
        sorted.sort_by(|a, b| term_text[*a as usize].cmp(&term_text[*b as usize]));
        Self {
            docs,
            term_ids,
            term_text,
            sorted,
            idf,
            postings,
            deletions: deletions_map,
            by_code,
            by_base,
            synonyms,
            unseen_idf: (1.0 + (n + 0.5) / 0.5f32).ln(),
        }
    }

    /// Number of procedures indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the catalogue is empty.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Distinct words indexed.
    pub fn vocabulary(&self) -> usize {
        self.term_text.len()
    }

    fn allowed(&self, d: &Doc, o: &SearchOptions, field: &Option<String>, agency: &Option<String>) -> bool {
        o.level.map_or(true, |l| d.levels.contains(&l))
            && field.as_ref().map_or(true, |f| &d.field_norm == f)
            && agency
                .as_ref()
                .map_or(true, |a| format!(" {} ", d.agency_norm).contains(&format!(" {a} ")))
    }

    /// The best procedures for `query`, best first (empty for an empty query).
    pub fn search(&self, query: &str, o: &SearchOptions) -> Vec<Hit> {
        let field = o.field.as_deref().map(normalize);
        let agency = o.agency.as_deref().map(normalize);
        let filtered = o.level.is_some() || field.is_some() || agency.is_some();
        let allowed: Vec<bool> = if filtered {
            self.docs.iter().map(|d| self.allowed(d, o, &field, &agency)).collect()
        } else {
            Vec::new()
        };
        let q = query.trim();
        if q.is_empty() {
            return Vec::new();
        }
        if let Some(hits) = self.search_code(q, &allowed, o.limit) {
            return hits;
        }
        self.search_words(q, &allowed, o.limit)
    }

    /// Searches many queries with the same options (the batch form for bindings).
    pub fn search_many<S: AsRef<str>>(&self, queries: &[S], o: &SearchOptions) -> Vec<Vec<Hit>> {
        queries.iter().map(|q| self.search(q.as_ref(), o)).collect()
    }

    fn hit(&self, d: usize, score: f32, matched: &'static str, spans: Vec<[u32; 2]>) -> Hit {
        let doc = &self.docs[d];
        Hit {
            code: doc.code.clone(),
            name: doc.name.clone(),
            score: (f64::from(score) * 10_000.0).round() / 10_000.0,
            matched,
            spans,
            levels: doc.levels_text.clone(),
            field: doc.field.clone(),
            agency: doc.agency.clone(),
            index: d,
        }
    }

    /// A code query: digits (6+) with dots, dashes or spaces and at most a short agency suffix.
    fn search_code(&self, q: &str, allowed: &[bool], limit: usize) -> Option<Vec<Hit>> {
        let ok_chars = q
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | ' '));
        let c = compact(q);
        let digits = c.bytes().filter(u8::is_ascii_digit).count();
        let letters = c.len() - digits;
        if !ok_chars || digits < 4 || letters > 3 || !c.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        let mut scored: Vec<(usize, f32)> = Vec::new();
        let push = |docs: &[u32], s: f32, scored: &mut Vec<(usize, f32)>| {
            for &d in docs {
                if allowed.get(d as usize).copied().unwrap_or(true) && !scored.iter().any(|x| x.0 == d as usize) {
                    scored.push((d as usize, s));
                }
            }
        };
        if let Some(ds) = self.by_code.get(&c) {
            push(ds, 1.0, &mut scored);
        }
        let all_digits = letters == 0;
        if c.len() >= 7 && c[..7].bytes().all(|b| b.is_ascii_digit()) {
            if let Some(ds) = self.by_base.get(&c[..7]) {
                push(ds, 0.98, &mut scored);
            }
        }
        if scored.is_empty() && all_digits && c.len() < 7 {
            // A cut code: the six digits after the dot, or the first digits.
            for (d, doc) in self.docs.iter().enumerate() {
                let base = doc.code_compact.get(..7).unwrap_or("");
                if (c.len() == 6 && base.ends_with(c.as_str())) || base.starts_with(c.as_str()) {
                    push(&[d as u32], if c.len() == 6 { 0.9 } else { 0.8 }, &mut scored);
                }
            }
        }
        if scored.is_empty() {
            return None;
        }
        scored.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.docs[a.0].code.cmp(&self.docs[b.0].code))
        });
        scored.truncate(limit);
        Some(
            scored
                .into_iter()
                .map(|(d, s)| self.hit(d, s, "code", Vec::new()))
                .collect(),
        )
    }

    fn variants(&self, word: &str, last: bool) -> Vec<(u32, u8)> {
        let mut v: Vec<(u32, u8)> = Vec::new();
        let add = |id: u32, q: u8, v: &mut Vec<(u32, u8)>| match v.iter_mut().find(|x| x.0 == id) {
            Some(x) => x.1 = x.1.max(q),
            None => v.push((id, q)),
        };
        if let Some(&id) = self.term_ids.get(word) {
            add(id, EXACT, &mut v);
        }
        let len = word.chars().count();
        if len == 3 && v.is_empty() {
            // A short unknown word: a letter left out of a four-letter word (`nhn` → `nhan`).
            if let Some(ids) = self.deletions.get(word) {
                ids.iter().for_each(|&id| add(id, FUZZY, &mut v));
            }
        }
        if len >= 4 {
            if let Some(ids) = self.deletions.get(word) {
                ids.iter().for_each(|&id| add(id, FUZZY, &mut v));
            }
            for del in deletions(word) {
                if let Some(&id) = self.term_ids.get(del.as_str()) {
                    add(id, FUZZY, &mut v);
                }
                if let Some(ids) = self.deletions.get(del.as_str()) {
                    ids.iter().for_each(|&id| add(id, FUZZY, &mut v));
                }
            }
        }
        if last && word.len() >= 2 {
            let from = self.sorted.partition_point(|&id| &*self.term_text[id as usize] < word);
            for &id in self.sorted[from..].iter().take(64) {
                if !self.term_text[id as usize].starts_with(word) {
                    break;
                }
                add(id, PREFIX, &mut v);
            }
        }
        v
    }

    fn slot(&self, word: &str, last: bool) -> Slot {
        let variants = self.variants(word, last);
        let weight = variants
            .iter()
            .find(|v| v.1 == EXACT)
            .or_else(|| {
                variants
                    .iter()
                    .max_by(|a, b| self.idf[a.0 as usize].total_cmp(&self.idf[b.0 as usize]))
            })
            .map_or(self.unseen_idf, |v| self.idf[v.0 as usize]);
        Slot { variants, weight }
    }

    /// The query as groups of slots, abbreviations expanded.
    fn plan(&self, q: &str) -> Plan {
        let qw: Vec<String> = words(q).into_iter().take(MAX_WORDS).map(|w| w.text).collect();
        let typing = !q.ends_with(char::is_whitespace);
        let mut slots = Vec::new();
        let mut groups = Vec::new();
        let mut i = 0;
        while i < qw.len() {
            let mut took = None;
            for k in (1..=self.synonyms.max_words().min(qw.len() - i)).rev() {
                let key: Vec<&str> = qw[i..i + k].iter().map(String::as_str).collect();
                if let Some(phrases) = self.synonyms.get(&key) {
                    took = Some((k, phrases));
                    break;
                }
            }
            let k = took.map_or(1, |t| t.0);
            let mut alts = Vec::new();
            let start = slots.len();
            for (j, w) in qw[i..i + k].iter().enumerate() {
                slots.push(self.slot(w, typing && i + j + 1 == qw.len()));
            }
            alts.push(start..slots.len());
            for phrase in took.map_or(&[][..], |t| t.1) {
                let start = slots.len();
                for w in phrase {
                    slots.push(self.slot(w, false));
                }
                alts.push(start..slots.len());
            }
            let weights = alts.iter().map(|r| r.clone().map(|s| slots[s].weight).sum()).collect();
            groups.push(Group { alts, weights });
            i += k;
        }
        let mut by_term: FxHashMap<u32, Vec<(u32, u8)>> = FxHashMap::default();
        for (s, slot) in slots.iter().enumerate() {
            for &(t, q) in &slot.variants {
                by_term.entry(t).or_default().push((s as u32, q));
            }
        }
        Plan { slots, groups, by_term }
    }

    fn search_words(&self, q: &str, allowed: &[bool], limit: usize) -> Vec<Hit> {
        let plan = self.plan(q);
        let (slots, groups) = (&plan.slots, &plan.groups);
        let ns = slots.len();
        if ns == 0 {
            return Vec::new();
        }
        // Best match quality of every slot in every document.
        let mut quality = vec![0u8; self.docs.len() * ns];
        let mut touched: Vec<u32> = Vec::new();
        let mut seen = vec![false; self.docs.len()];
        for (s, slot) in slots.iter().enumerate() {
            for &(term, qual) in &slot.variants {
                for &(d, _) in &self.postings[term as usize] {
                    if !allowed.get(d as usize).copied().unwrap_or(true) {
                        continue;
                    }
                    let cell = &mut quality[d as usize * ns + s];
                    *cell = (*cell).max(qual);
                    if !seen[d as usize] {
                        seen[d as usize] = true;
                        touched.push(d);
                    }
                }
            }
        }
        // Coverage: per group the alternative covering most, weighted by rarity.
        let mut cands: Vec<(u32, f32)> = touched
            .iter()
            .map(|&d| (d, plan.coverage(&quality[d as usize * ns..(d as usize + 1) * ns], None)))
            .collect();
        let keep = RESCORE.max(limit).min(cands.len());
        if keep < cands.len() {
            cands.select_nth_unstable_by(keep, |a, b| b.1.total_cmp(&a.1));
            cands.truncate(keep);
        }
        let mut scored: Vec<(u32, f32, Vec<[u32; 2]>)> = cands
            .into_iter()
            .map(|(d, coverage)| {
                let row = &quality[d as usize * ns..(d as usize + 1) * ns];
                let mut chosen = Vec::with_capacity(groups.len());
                plan.coverage(row, Some(&mut chosen));
                let x = self.detail(d, &plan, &chosen, row);
                (
                    d,
                    0.65 * coverage + 0.15 * x.order + 0.05 * x.lead + 0.15 * x.name_cover,
                    x.spans,
                )
            })
            .collect();
        scored.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| {
                    self.docs[a.0 as usize]
                        .terms
                        .len()
                        .cmp(&self.docs[b.0 as usize].terms.len())
                })
                .then_with(|| self.docs[a.0 as usize].code.cmp(&self.docs[b.0 as usize].code))
        });
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(d, s, spans)| self.hit(d as usize, s, "name", spans))
            .collect()
    }

    /// Word order (share of consecutive query words found next to each other, in order), whether
    /// the name starts with the query's first word (after a leading "Thủ tục"), share of the name's
    /// weight matched, and the matched spans.
    fn detail(&self, d: u32, plan: &Plan, chosen: &[usize], row: &[u8]) -> Detail {
        let doc = &self.docs[d as usize];
        let mut active = vec![false; plan.slots.len()];
        for (g, &a) in plan.groups.iter().zip(chosen) {
            for s in g.alts[a].clone() {
                active[s] = true;
            }
        }
        // First position of every active slot, matched at the slot's best quality in this name.
        let mut first: Vec<Option<usize>> = vec![None; plan.slots.len()];
        let mut matched_pos = vec![false; doc.terms.len()];
        let mut covered = 0.0f32;
        for (pos, t) in doc.terms.iter().enumerate() {
            let Some(uses) = plan.by_term.get(t) else { continue };
            for &(s, q) in uses {
                if active[s as usize] && row[s as usize] == q {
                    if !matched_pos[pos] {
                        matched_pos[pos] = true;
                        covered += self.idf[*t as usize] * f32::from(q) / 100.0;
                    }
                    first[s as usize].get_or_insert(pos);
                }
            }
        }
        let order_slots: Vec<Option<usize>> = (0..plan.slots.len()).filter(|&s| active[s]).map(|s| first[s]).collect();
        let pairs = order_slots.len().saturating_sub(1);
        let order = if pairs == 0 {
            f32::from(u8::from(order_slots.first().is_some_and(Option::is_some)))
        } else {
            let good = order_slots
                .windows(2)
                .filter(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if b > a && b - a <= 2))
                .count();
            good as f32 / pairs as f32
        };
        let skip = if doc.starts_with_thu_tuc { 2 } else { 0 };
        let lead = f32::from(u8::from(order_slots.first().copied().flatten() == Some(skip)));
        let name_cover = if doc.weight > 0.0 {
            (covered / doc.weight).min(1.0)
        } else {
            0.0
        };
        let mut spans: Vec<[u32; 2]> = Vec::new();
        for (pos, m) in matched_pos.iter().enumerate() {
            if *m {
                let (a, b) = doc.spans[pos];
                match spans.last_mut() {
                    Some(last) if pos > 0 && matched_pos[pos - 1] => last[1] = b,
                    _ => spans.push([a, b]),
                }
            }
        }
        Detail {
            order,
            lead,
            name_cover,
            spans,
        }
    }
}
