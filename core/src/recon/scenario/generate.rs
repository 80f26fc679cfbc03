//! The scenario itself: agencies, dossiers, attempts and credits planned, then written as rows.
use super::remark::{noise_remark, remark, Carrier, Style};
use super::rng::{push_num, Clock, Permutation, Rng};
use super::{
    BankRow, DossierRow, ExpectedClass, ExpectedRow, Mangling, PaymentRow, Scenario, ScenarioConfig, Source, BINS,
    FAMILY, FEES, GIVEN, MAX_DAYS, MIDDLE, PROCEDURES, PROVINCES,
};
use std::collections::HashSet;

pub(super) struct Agency {
    /// `000.XX.YY.Hnn`.
    pub(super) id: String,
    /// Id without dots (`000XXYYHnn`), as in references.
    pub(super) compact: String,
    pub(super) account: String,
    pub(super) bin: &'static str,
}

pub(super) fn make_agencies(rng: &mut Rng, n: usize) -> Vec<Agency> {
    // Groups XX/YY range over 0..r; r grows with n so that ids stay distinct.
    let mut r = 41u64;
    while (PROVINCES.len() as u64) * r * r < 2 * n as u64 && r < 100 {
        r += 1;
    }
    let capacity = (PROVINCES.len() as u64 * r * r) as usize;
    let n = n.min(capacity / 2).max(1);
    let mut ids = HashSet::with_capacity(n);
    let mut accounts = HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let p = rng.index(PROVINCES.len());
        // Level-1 and level-2 agencies (zero groups) are common, as in the sample.
        let x = if rng.chance(0.3) { 0 } else { rng.below(r) };
        let y = rng.below(r);
        if !ids.insert((p, x, y)) {
            continue;
        }
        let mut id = String::with_capacity(13);
        id.push_str("000.");
        push_num(&mut id, x, 2);
        id.push('.');
        push_num(&mut id, y, 2);
        id.push('.');
        id.push_str(PROVINCES[p]);
        let compact = id.replace('.', "");
        let account = loop {
            let mut a = String::with_capacity(13);
            let len = if rng.chance(0.17) { 12 } else { 13 };
            rng.push_digits(&mut a, len, true);
            if accounts.insert(a.clone()) {
                break a;
            }
        };
        out.push(Agency {
            id,
            compact,
            account,
            bin: BINS[rng.index(BINS.len())],
        });
    }
    out
}

pub(super) fn payer_name(v: u32) -> String {
    let f = FAMILY[(v % 24) as usize];
    let m = MIDDLE[(v / 24 % 16) as usize];
    let g = GIVEN[(v / 384 % 30) as usize];
    let mut s = String::with_capacity(24);
    s.push_str(f);
    s.push(' ');
    s.push_str(m);
    s.push(' ');
    if (v >> 24) & 7 == 0 {
        let m2 = MIDDLE[((v >> 27) % 16) as usize];
        if m2 != m {
            s.push_str(m2);
            s.push(' ');
        }
    }
    s.push_str(g);
    s
}

#[derive(Clone, Copy)]
pub(super) struct DossierPlan {
    pub(super) agency: u32,
    pub(super) day: u32,
    pub(super) minute: u16,
    pub(super) seq: u16,
    pub(super) fee: i64,
    pub(super) tthc: u8,
    pub(super) name: u32,
    pub(super) first_attempt: u32,
    pub(super) attempts: u8,
    /// Index (within the dossier) of the attempt the money is for.
    pub(super) target: u8,
    pub(super) success: bool,
    pub(super) first_credit: u32,
    pub(super) credits: u8,
}

#[derive(Clone, Copy)]
pub(super) struct AttemptPlan {
    /// Minutes since the window start.
    pub(super) minute: i64,
    pub(super) status: u8,
}

#[derive(Clone, Copy)]
pub(super) struct CreditPlan {
    pub(super) secs: i64,
    pub(super) amount: i64,
    pub(super) class: ExpectedClass,
}

/// Minutes from reception to the first attempt (minutes to 2 days, skewed short).
pub(super) fn attempt_delay(rng: &mut Rng) -> i64 {
    match rng.below(100) {
        0..=54 => rng.between(1, 120),
        55..=84 => rng.between(121, 1440),
        _ => rng.between(1441, 2880),
    }
}

/// Seconds from an attempt to its credit (1 minute to 72 hours, skewed short).
pub(super) fn credit_delay(rng: &mut Rng) -> i64 {
    match rng.below(100) {
        0..=69 => rng.between(60, 1800),
        70..=89 => rng.between(1801, 12 * 3600),
        _ => rng.between(12 * 3600 + 1, 72 * 3600),
    }
}

/// A wrong amount: ±5,000, ±10,000 or another fee level; never the fee, never ≤ 0.
pub(super) fn wrong_amount(rng: &mut Rng, fee: i64) -> i64 {
    if rng.chance(0.6) {
        let d = if rng.chance(0.5) { 5_000 } else { 10_000 };
        if fee - d > 0 && rng.chance(0.5) {
            fee - d
        } else {
            fee + d
        }
    } else {
        loop {
            let f = *rng.pick(&FEES);
            if f != fee {
                break f;
            }
        }
    }
}

pub(super) fn generate(cfg: &ScenarioConfig) -> Scenario {
    let rates = cfg.rates.sanitized();
    let style = Style::new(&cfg.manglings, &rates);
    let mut rng = Rng::new(cfg.seed);
    let days = cfg.days.clamp(1, MAX_DAYS);
    let clock = Clock::new(cfg.start, days);
    let agencies = make_agencies(&mut rng, cfg.agency_count());
    let n_agencies = agencies.len();
    let busy = (n_agencies / 10).max(1);

    let total = cfg.bank_lines;
    let unknown_target = ((total as f64) * rates.unknown).round() as usize;
    let known_target = total - unknown_target.min(total);

    // ---- Plan: dossiers, attempts, credits (numbers only). ----
    let mut plans: Vec<DossierPlan> = Vec::with_capacity(known_target * 3 / 2 + 16);
    let mut attempts: Vec<AttemptPlan> = Vec::with_capacity(known_target * 5 / 4 + 16);
    let mut credits: Vec<CreditPlan> = Vec::with_capacity(known_target + 16);
    let slots = n_agencies * days as usize;
    let mut slot_count = vec![0u16; slots];
    let mut lines = 0usize;
    let mut dry = 0usize;
    'plan: while lines < known_target {
        // Agency (a tenth of them busier) and day; a day holds at most 9999 dossiers per agency.
        let mut tries = 0;
        let (agency, day) = loop {
            let agency = if rng.chance(0.3) {
                rng.index(busy)
            } else {
                rng.index(n_agencies)
            };
            let day = rng.index(days as usize);
            if slot_count[agency * days as usize + day] < 9999 {
                break (agency, day);
            }
            tries += 1;
            if tries > 1000 {
                break 'plan;
            }
        };
        slot_count[agency * days as usize + day] += 1;
        let minute = rng.below(1440) as u16;
        let fee = *rng.pick(&FEES);
        let received = day as i64 * 1440 + i64::from(minute);

        let n_att = if rng.chance(rates.no_attempt) {
            0u8
        } else {
            let r = (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
            if r < rates.three_attempts {
                3
            } else if r < rates.three_attempts + rates.two_attempts {
                2
            } else {
                1
            }
        };
        let success = n_att > 0 && rng.chance(rates.success);
        let first_attempt = attempts.len() as u32;
        let mut t = received;
        for i in 0..n_att {
            t += if i == 0 {
                attempt_delay(&mut rng)
            } else if rng.chance(0.7) {
                rng.between(1, 180)
            } else {
                rng.between(181, 1440)
            };
            let last = i + 1 == n_att;
            let status = if last && success {
                1
            } else if last {
                [4u8, 3, 0][rng.weighted(&[50, 30, 20])]
            } else {
                [4u8, 3, 0][rng.weighted(&[70, 20, 10])]
            };
            attempts.push(AttemptPlan { minute: t, status });
        }

        let first_credit = credits.len() as u32;
        let credited = if success {
            !rng.chance(rates.missing_in_bank)
        } else {
            n_att > 0 && rng.chance(rates.paid_not_updated)
        };
        if credited {
            let at = t * 60 + credit_delay(&mut rng);
            let wrong = rng.chance(rates.amount_mismatch);
            let (amount, class) = if wrong {
                (wrong_amount(&mut rng, fee), ExpectedClass::AmountMismatch)
            } else if success {
                (fee, ExpectedClass::Matched)
            } else {
                (fee, ExpectedClass::PaidNotUpdated)
            };
            credits.push(CreditPlan {
                secs: at,
                amount,
                class,
            });
            if !wrong && rng.chance(rates.duplicate) && lines + 2 <= known_target {
                credits.push(CreditPlan {
                    secs: at + rng.between(3600, 12 * 3600),
                    amount,
                    class: ExpectedClass::Duplicate,
                });
            }
        }
        let n_credits = (credits.len() as u32 - first_credit) as u8;
        lines += usize::from(n_credits);
        plans.push(DossierPlan {
            agency: agency as u32,
            day: day as u32,
            minute,
            seq: 0,
            fee,
            tthc: rng.index(PROCEDURES.len()) as u8,
            name: rng.next_u64() as u32,
            first_attempt,
            attempts: n_att,
            target: n_att.saturating_sub(1),
            success,
            first_credit,
            credits: n_credits,
        });
        if n_credits == 0 {
            dry += 1;
            if dry > 100_000 {
                // The rates give (almost) no credits: fill up with unknown lines.
                break;
            }
        } else {
            dry = 0;
        }
    }
    let unknown_lines = total - lines;

    // ---- Sequence numbers: per agency and day, in order of reception. ----
    {
        let mut order: Vec<(u32, u16, u32)> = plans
            .iter()
            .enumerate()
            .map(|(i, p)| (p.agency * days + p.day, p.minute, i as u32))
            .collect();
        order.sort_unstable();
        let mut prev = u32::MAX;
        let mut n = 0u16;
        for (slot, _, i) in order {
            if slot != prev {
                prev = slot;
                n = 0;
            }
            n += 1;
            plans[i as usize].seq = n;
        }
    }

    // ---- Rows. ----
    let pg = Permutation::new(&mut rng);
    let mut pg_counter = 0u64;
    let mut bank_id = 0u64;
    let mut scenario = Scenario {
        dossiers: Vec::with_capacity(plans.len()),
        payments: Vec::with_capacity(attempts.len()),
        bank: Vec::with_capacity(total),
        expected: Vec::with_capacity(total + attempts.len()),
    };
    let next_bank_id = |bank_id: &mut u64| {
        *bank_id += 1;
        let mut s = String::with_capacity(11);
        s.push_str("NH");
        push_num(&mut s, *bank_id, 9);
        s
    };

    for p in &plans {
        let ag = &agencies[p.agency as usize];
        let day = i64::from(p.day);
        let mut code = String::with_capacity(26);
        code.push_str(&ag.id);
        code.push('-');
        clock.push_yymmdd(&mut code, day);
        code.push('-');
        push_num(&mut code, u64::from(p.seq), 4);

        let mut received = String::with_capacity(14);
        clock.push_compact(&mut received, (day * 1440 + i64::from(p.minute)) * 60);
        scenario.dossiers.push(DossierRow {
            ma_ho_so: code.clone(),
            ma_tthc: PROCEDURES[p.tthc as usize].to_string(),
            ma_don_vi: ag.id.clone(),
            ngay_tiep_nhan: received,
            tong_phi: p.fee,
            tk_thu_huong: ag.account.clone(),
            ma_nh_thu_huong: ag.bin.to_string(),
        });

        let first_payment = scenario.payments.len();
        let atts = &attempts[p.first_attempt as usize..][..usize::from(p.attempts)];
        for a in atts {
            let mut reference = String::with_capacity(37);
            reference.push_str("dvc");
            reference.push_str(&ag.compact);
            clock.push_yymmdd(&mut reference, day);
            push_num(&mut reference, u64::from(p.seq), 4);
            let mut time = String::with_capacity(14);
            clock.push_compact(&mut time, a.minute * 60);
            reference.push_str(&time);
            let mut ma_giao_dich = String::new();
            if a.status == 1 {
                ma_giao_dich.reserve(14);
                ma_giao_dich.push_str("PG");
                push_num(&mut ma_giao_dich, pg.apply(pg_counter), 12);
                pg_counter += 1;
            }
            scenario.payments.push(PaymentRow {
                ma_tham_chieu: reference,
                ma_giao_dich,
                ma_ho_so: code.clone(),
                so_tien: p.fee,
                thoi_gian_gd: time,
                trang_thai_gd: a.status,
                tk_thu_huong: ag.account.clone(),
                ma_nh_thu_huong: ag.bin.to_string(),
            });
        }

        let crs = &credits[p.first_credit as usize..][..usize::from(p.credits)];
        if !crs.is_empty() {
            let name = payer_name(p.name);
            let target_ref = &scenario.payments[first_payment + usize::from(p.target)].ma_tham_chieu;
            let carrier = Carrier {
                code: &code,
                reference: target_ref,
            };
            for c in crs {
                let kind = Mangling::ALL[rng.weighted(&style.weights)];
                let noi_dung = remark(&mut rng, &style, &clock, &carrier, &name, c.secs, kind, false);
                let id = next_bank_id(&mut bank_id);
                let mut thoi_gian = String::with_capacity(19);
                clock.push_bank(&mut thoi_gian, c.secs);
                scenario.expected.push(ExpectedRow {
                    source: Source::Bank,
                    id: id.clone(),
                    class: c.class,
                    ma_ho_so: code.clone(),
                    ma_tham_chieu: target_ref.clone(),
                    mangling: Some(kind),
                });
                scenario.bank.push(BankRow {
                    ma_giao_dich_nh: id,
                    thoi_gian,
                    so_tien: c.amount,
                    tk_thu_huong: ag.account.clone(),
                    noi_dung,
                });
            }
        }
        if p.success {
            let class = match crs.first() {
                None => ExpectedClass::MissingInBank,
                Some(c) if c.class == ExpectedClass::AmountMismatch => ExpectedClass::AmountMismatch,
                Some(_) => ExpectedClass::Matched,
            };
            let reference = &scenario.payments[first_payment + usize::from(p.target)].ma_tham_chieu;
            scenario.expected.push(ExpectedRow {
                source: Source::Payment,
                id: reference.clone(),
                class,
                ma_ho_so: code,
                ma_tham_chieu: reference.clone(),
                mangling: None,
            });
        }
    }

    // ---- Unknown lines. ----
    let window = i64::from(days) * 86_400;
    for _ in 0..unknown_lines {
        let ag = &agencies[rng.index(n_agencies)];
        let secs = rng.below(window as u64) as i64;
        let amount = match rng.below(10) {
            0..=3 => rng.pick(&FEES) + 1_000,
            4..=7 => *rng.pick(&FEES),
            _ => rng.between(1, 2_000) * 1_000,
        };
        let name = payer_name(rng.next_u64() as u32);
        let (noi_dung, kind) = if rng.chance(rates.unknown_with_code) {
            // A well-formed code that is not in dossiers.csv: sequence 5000+ (above that agency's
            // count that day), or a day before the window.
            let code_agency = rng.index(n_agencies);
            let code_day = rng.index(days as usize);
            let count = slot_count[code_agency * days as usize + code_day];
            let (day, seq) = if count < 9999 && rng.chance(0.6) {
                let lo = i64::from(count.max(4999)) + 1;
                (code_day as i64, rng.between(lo, 9999))
            } else {
                (-rng.between(1, 180), rng.between(5000, 9999))
            };
            let mut code = String::with_capacity(26);
            code.push_str(&agencies[code_agency].id);
            code.push('-');
            clock.push_yymmdd(&mut code, day);
            code.push('-');
            push_num(&mut code, seq as u64, 4);
            let kind = Mangling::ALL[rng.weighted(&style.fake_weights)];
            let carrier = Carrier {
                code: &code,
                reference: &code,
            };
            (
                remark(&mut rng, &style, &clock, &carrier, &name, secs, kind, true),
                kind,
            )
        } else {
            (noise_remark(&mut rng, &style, &clock, &name, secs), Mangling::NoiseOnly)
        };
        let id = next_bank_id(&mut bank_id);
        let mut thoi_gian = String::with_capacity(19);
        clock.push_bank(&mut thoi_gian, secs);
        scenario.expected.push(ExpectedRow {
            source: Source::Bank,
            id: id.clone(),
            class: ExpectedClass::UnknownDossier,
            ma_ho_so: String::new(),
            ma_tham_chieu: String::new(),
            mangling: Some(kind),
        });
        scenario.bank.push(BankRow {
            ma_giao_dich_nh: id,
            thoi_gian,
            so_tien: amount,
            tk_thu_huong: ag.account.clone(),
            noi_dung,
        });
    }

    rng.shuffle(&mut scenario.bank);
    scenario
}
