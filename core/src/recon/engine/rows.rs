//! The output rows of a finished run, as borrowed text, and their control totals.
use super::result::{Class, Fields, ResultRow, RowIssue, Source, Summary, Total};
use super::{Outcome, Reconciliation};
use crate::error::Error;
use crate::recon::matcher::{Ambiguity, Match};
use crate::recon::record::{format_local_time, local_time_digits, AttemptStatus, LocalSeconds, RowError};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Reused text buffers for writing rows without allocating.
#[derive(Default)]
pub(super) struct RowBufs {
    pub(super) time: [u8; 14],
    pub(super) reason: String,
    pub(super) issue: Option<RowIssue>,
}

/// One output row as borrowed text: `'a` from the run, `'b` from [`RowBufs`].
pub(super) struct RowText<'a, 'b> {
    pub(super) source: Source,
    pub(super) id: &'a str,
    pub(super) class: Class,
    pub(super) ma_ho_so: &'a str,
    pub(super) ma_tham_chieu: &'a str,
    pub(super) confidence: f64,
    pub(super) reason: &'b str,
    pub(super) so_tien: i64,
    /// ASCII digits (or empty).
    pub(super) thoi_gian: &'b [u8],
    pub(super) ma_don_vi: &'a str,
    pub(super) trang_thai_gd: Option<u8>,
    pub(super) related: &'a str,
    pub(super) line: u64,
    pub(super) error: Option<&'b RowIssue>,
}

impl<'a> RowText<'a, '_> {
    fn to_row(&self) -> ResultRow<'a> {
        ResultRow {
            source: self.source,
            id: self.id,
            class: self.class,
            ma_ho_so: self.ma_ho_so,
            ma_tham_chieu: self.ma_tham_chieu,
            confidence: self.confidence,
            reason: Cow::Owned(self.reason.to_string()),
            so_tien: self.so_tien,
            thoi_gian: String::from_utf8_lossy(self.thoi_gian).into_owned(),
            ma_don_vi: self.ma_don_vi,
            trang_thai_gd: self.trang_thai_gd,
            related: self.related,
            line: self.line,
            error: self.error.cloned(),
        }
    }
}

fn issue(e: &RowError) -> RowIssue {
    RowIssue {
        code: e.error.code.code(),
        name: e.error.code.name(),
        field: e.error.field.to_string(),
        message: e.error.detail.clone(),
    }
}

fn error_reason(e: &RowError, out: &mut String) {
    let _ = write!(
        out,
        "{} {} {}: {}",
        e.error.code.code(),
        e.error.code.name(),
        e.error.field,
        e.error.detail
    );
}

impl Reconciliation {
    /// Number of output rows.
    pub fn len(&self) -> usize {
        self.bank_class.len()
            + self.inner.ledger.attempts.len()
            + self.inner.invalid_attempts.len()
            + self.inner.invalid_dossiers.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every output row, in input order per source: bank lines, payments (valid then unreadable),
    /// unreadable dossiers.
    pub fn rows(&self) -> impl Iterator<Item = ResultRow<'_>> + '_ {
        let mut b = RowBufs::default();
        (0..self.len()).map(move |i| self.row_text(i, &mut b, Fields::All).to_row())
    }

    /// Row `i` of [`Reconciliation::rows`]; with [`Fields::Contract`], the texts outside the
    /// contract's keys (time, agency, related credit) are left empty instead of looked up.
    pub(super) fn row_text<'s, 'b>(&'s self, i: usize, b: &'b mut RowBufs, fields: Fields) -> RowText<'s, 'b> {
        let (banks, pays) = (self.bank_class.len(), self.inner.ledger.attempts.len());
        let bad_pays = self.inner.invalid_attempts.len();
        if i < banks {
            self.bank_text(i, b, fields)
        } else if i < banks + pays {
            self.payment_text(i - banks, b, fields)
        } else if i < banks + pays + bad_pays {
            let e = self.inner.invalid_attempts[i - banks - pays];
            self.invalid_text(Source::Payment, &self.inner.invalid[e as usize], b)
        } else {
            let e = self.inner.invalid_dossiers[i - banks - pays - bad_pays];
            self.invalid_text(Source::Dossier, &self.inner.invalid[e as usize], b)
        }
    }

    fn invalid_text<'s, 'b>(&'s self, source: Source, e: &'s RowError, b: &'b mut RowBufs) -> RowText<'s, 'b> {
        b.reason.clear();
        error_reason(e, &mut b.reason);
        b.issue = Some(issue(e));
        RowText {
            source,
            id: &e.id,
            class: Class::InvalidInput,
            ma_ho_so: if source == Source::Dossier { &e.id } else { "" },
            ma_tham_chieu: "",
            confidence: 0.0,
            reason: &b.reason,
            so_tien: e.so_tien.unwrap_or_default().0,
            thoi_gian: b"",
            ma_don_vi: "",
            trang_thai_gd: None,
            related: "",
            line: e.line,
            error: b.issue.as_ref(),
        }
    }

    fn bank_text<'s, 'b>(&'s self, i: usize, b: &'b mut RowBufs, fields: Fields) -> RowText<'s, 'b> {
        let c = &self.inner.credits[i];
        let l = &self.inner.ledger;
        let class = self.bank_class[i];
        let all = fields == Fields::All;
        let (mut ma_ho_so, mut ma_tham_chieu, mut ma_don_vi, mut related) = ("", "", "", "");
        let mut confidence = 0.0;
        let mut reason: &'static str = "";
        let mut error = false;
        let r = &mut b.reason;
        r.clear();
        match c.outcome {
            Outcome::Invalid(e) => {
                let e = &self.inner.invalid[e as usize];
                error_reason(e, r);
                b.issue = Some(issue(e));
                error = true;
            }
            Outcome::Matched(Match::Unknown) => {
                reason = "no known reference or dossier code in the remark for this account";
            }
            Outcome::Matched(Match::Ambiguous { why, dossiers: [x, y] }) => {
                let _ = match why {
                    Ambiguity::Tie => write!(
                        r,
                        "ambiguous: {} and {} fit about equally",
                        l.dossier_code(x),
                        l.dossier_code(y)
                    ),
                    Ambiguity::OtherAccount => write!(
                        r,
                        "ambiguous: the remark names {} whose beneficiary account is another",
                        l.dossier_code(x)
                    ),
                };
            }
            Outcome::Matched(Match::Found {
                dossier,
                attempt,
                evidence,
                confidence: conf,
            }) => {
                let d = &l.dossiers[dossier as usize];
                ma_ho_so = l.dossier_code(dossier);
                if all {
                    ma_don_vi = l.agency(dossier);
                }
                confidence = f64::from(conf) / 100.0;
                r.push_str(evidence.key());
                match self.inner.settled.binary_search_by_key(&(i as u32), |x| x.0) {
                    Ok(k) if self.inner.settled[k].1 => r.push_str(
                        "; tied with other unpaid dossiers, its attempt is by far the nearest before the credit",
                    ),
                    Ok(_) => r.push_str("; tied with other dossiers, all already paid by other credits"),
                    Err(_) => {}
                }
                if let Some(a) = attempt {
                    let at = &l.attempts[a as usize];
                    ma_tham_chieu = l.reference(a);
                    let st = at.status;
                    let _ = match class {
                        Class::PaidNotUpdated => write!(r, "; platform status {} ({})", st.key(), st.code()),
                        Class::AmountMismatch => {
                            write!(r, "; credited {} dong, attempt {} dong", c.amount.0, at.amount.0)
                        }
                        _ => Ok(()),
                    };
                } else {
                    let _ = match class {
                        Class::PaidNotUpdated => r.write_str("; the dossier has no payment attempt"),
                        Class::AmountMismatch => {
                            write!(r, "; credited {} dong, dossier fee {} dong", c.amount.0, d.tong_phi.0)
                        }
                        _ => Ok(()),
                    };
                }
                if class == Class::Duplicate {
                    if all {
                        related = self.inner.id(self.inner.credits[self.related[i] as usize].id);
                    }
                    r.push_str("; the dossier was already credited");
                }
            }
        }
        RowText {
            source: Source::Bank,
            id: self.inner.id(c.id),
            class,
            ma_ho_so,
            ma_tham_chieu,
            confidence,
            reason: if reason.is_empty() { &b.reason } else { reason },
            so_tien: c.amount.0,
            thoi_gian: if c.at == LocalSeconds::MIN || !all {
                b""
            } else {
                local_time_digits(c.at, &mut b.time)
            },
            ma_don_vi,
            trang_thai_gd: None,
            related,
            line: c.line,
            error: if error { b.issue.as_ref() } else { None },
        }
    }

    /// The credit a payment row names in `related`: the first with the right amount resolved to the
    /// attempt, else the first with another amount (`u32::MAX`: none).
    pub(super) fn credit_of(&self, attempt: usize) -> u32 {
        match self.attempt_credit[attempt] {
            (u32::MAX, mismatch) => mismatch,
            (ok, _) => ok,
        }
    }

    fn payment_text<'s, 'b>(&'s self, a: usize, b: &'b mut RowBufs, fields: Fields) -> RowText<'s, 'b> {
        let l = &self.inner.ledger;
        let at = &l.attempts[a];
        let class = self.payment_class[a];
        let first = self.credit_of(a);
        let all = fields == Fields::All;
        let st = at.status;
        let reason: &'static str = match (class, st) {
            (Class::Matched, _) => "credited",
            (Class::PaidNotUpdated, AttemptStatus::Initiated) => "credited, platform status initiated (0)",
            (Class::PaidNotUpdated, AttemptStatus::Pending) => "credited, platform status pending (3)",
            (Class::PaidNotUpdated, _) => "credited, platform status failed (4)",
            (Class::AmountMismatch, _) => "credited with another amount",
            (Class::MissingInBank, _) => "platform success, no credit in the bank lines",
            (_, AttemptStatus::Initiated) => "platform status initiated (0), no credit",
            (_, AttemptStatus::Pending) => "platform status pending (3), no credit",
            (_, _) => "platform status failed (4), no credit",
        };
        let reference = l.reference(a as u32);
        RowText {
            source: Source::Payment,
            id: reference,
            class,
            ma_ho_so: l.dossier_code(at.dossier),
            ma_tham_chieu: reference,
            confidence: if first != u32::MAX { 1.0 } else { 0.0 },
            reason,
            so_tien: at.amount.0,
            thoi_gian: if all {
                local_time_digits(at.at, &mut b.time)
            } else {
                b""
            },
            ma_don_vi: if all { l.agency(at.dossier) } else { "" },
            trang_thai_gd: Some(st.code()),
            related: if first != u32::MAX && all {
                self.inner.id(self.inner.credits[first as usize].id)
            } else {
                ""
            },
            line: at.line,
            error: None,
        }
    }

    /// The control totals; `credit_agency`: each credit's agency ([`super::NO_AGENCY`] when its dossier
    /// is not known).
    pub(super) fn totals(&self, credit_agency: &[u32]) -> Result<Summary, Error> {
        const N: usize = Class::ALL.len();
        let l = &self.inner.ledger;
        let mut bank = [Total::default(); N];
        let mut payment = [Total::default(); N];
        let mut dossier = [Total::default(); N];
        // By agency id + 1, 0 for no agency.
        let mut by_agency: Vec<[Total; N]> = vec![[Total::default(); N]; l.agency_count() + 1];
        let mut by_day: FxHashMap<i64, [Total; N]> = FxHashMap::default();
        for (i, c) in self.inner.credits.iter().enumerate() {
            let k = self.bank_class[i] as usize;
            bank[k].add(c.amount)?;
            let agency = credit_agency[i].wrapping_add(1) as usize;
            by_agency[agency][k].add(c.amount)?;
            let day = if c.at == LocalSeconds::MIN {
                i64::MIN
            } else {
                c.at.div_euclid(86_400)
            };
            by_day.entry(day).or_insert([Total::default(); N])[k].add(c.amount)?;
        }
        for (a, class) in self.payment_class.iter().enumerate() {
            payment[*class as usize].add(l.attempts[a].amount)?;
        }
        let invalid = Class::InvalidInput as usize;
        for &e in &self.inner.invalid_attempts {
            payment[invalid].add(self.inner.invalid[e as usize].so_tien.unwrap_or_default())?;
        }
        // Only here can a total pass i64 unchecked before: the fees of unreadable dossier rows
        // have no input total (bank and payment amounts are each within theirs).
        for &e in &self.inner.invalid_dossiers {
            let row = &self.inner.invalid[e as usize];
            dossier[invalid].add(row.so_tien.unwrap_or_default()).map_err(|e| {
                Error::new(
                    e.code,
                    "dossiers.tong_phi",
                    format!("{} at line {}", e.detail, row.line),
                )
            })?;
        }
        let map = |t: &[Total; N]| -> BTreeMap<Class, Total> {
            Class::ALL
                .iter()
                .zip(t)
                .filter(|(_, t)| t.rows > 0)
                .map(|(c, t)| (*c, *t))
                .collect()
        };
        let mut output = BTreeMap::new();
        for (src, t) in [
            (Source::Bank, &bank),
            (Source::Payment, &payment),
            (Source::Dossier, &dossier),
        ] {
            if t.iter().any(|t| t.rows > 0) {
                output.insert(src, map(t));
            }
        }
        Ok(Summary {
            input: self.inner.input.clone(),
            output,
            bank_by_agency: by_agency
                .iter()
                .enumerate()
                .filter(|(_, t)| t.iter().any(|t| t.rows > 0))
                .map(|(a, t)| {
                    let name = match a {
                        0 => String::new(),
                        a => l.agency_text(a as u32 - 1).to_string(),
                    };
                    (name, map(t))
                })
                .collect(),
            bank_by_day: by_day
                .iter()
                .map(|(&d, t)| {
                    let day = if d == i64::MIN {
                        String::new()
                    } else {
                        let f = format_local_time(d.saturating_mul(86_400));
                        match (f.get(..4), f.get(4..6), f.get(6..8)) {
                            (Some(y), Some(m), Some(d)) => format!("{y}-{m}-{d}"),
                            _ => String::new(),
                        }
                    };
                    (day, map(t))
                })
                .collect(),
            dossier_rows: self.inner.dossier_rows,
            dossiers_loaded: self.inner.dossiers_loaded,
            dossiers_known: l.dossiers.len() as u64,
        })
    }
}
