//! The reconciliation scenario generator (core/src/recon/scenario/): determinism, exact counts,
//! truth consistent with the rows, value styles of data/recon/sample, every remark mangling, CSV
//! quoting. `cargo test --release -p motcua-core --test recon_scenario -- --ignored` times a
//! million bank lines.

use motcua_core::recon::scenario::*;
use std::collections::{HashMap, HashSet};

fn gen(seed: u64, lines: usize) -> Scenario {
    Scenario::generate(&ScenarioConfig::new(seed, lines))
}

fn texts(s: &Scenario) -> Vec<String> {
    s.files().into_iter().map(|(_, t)| t).collect()
}

fn strip_separators(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '.' | '-' | ' ' | '_' | '/' | ','))
        .collect()
}

/// `yyyyMMddHHmmss` → seconds since 2000-01-01 (enough for differences).
fn compact_secs(t: &str) -> i64 {
    let d = chrono::NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M%S").unwrap();
    d.and_utc().timestamp()
}

fn bank_secs(t: &str) -> i64 {
    let d = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S").unwrap();
    d.and_utc().timestamp()
}

/// True when `hay` holds a window of `needle`'s length differing from it in exactly one digit.
fn has_one_digit_typo(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h.windows(n.len()).any(|w| {
        let diffs: Vec<usize> = (0..n.len()).filter(|&i| w[i] != n[i]).collect();
        diffs.len() == 1 && w[diffs[0]].is_ascii_digit() && n[diffs[0]].is_ascii_digit()
    })
}

#[test]
fn same_seed_same_text_other_seed_other_text() {
    let a = texts(&gen(7, 3_000));
    let b = texts(&gen(7, 3_000));
    assert_eq!(a, b);
    let c = texts(&gen(8, 3_000));
    for i in 0..4 {
        assert_ne!(a[i], c[i], "file {i}");
    }
    // Configuration other than the seed matters too.
    let mut cfg = ScenarioConfig::new(7, 3_000);
    cfg.manglings = Manglings::only(Mangling::Typo);
    assert_ne!(texts(&Scenario::generate(&cfg))[2], a[2]);
}

#[test]
fn bank_line_count_is_exact() {
    for n in [0usize, 1, 2, 3, 10, 67, 99, 1_000, 5_003] {
        let s = gen(n as u64, n);
        assert_eq!(s.bank.len(), n, "bank lines for {n}");
        let bank_rows = s.expected.iter().filter(|e| e.source == Source::Bank).count();
        assert_eq!(bank_rows, n);
        let ids: HashSet<&str> = s.bank.iter().map(|b| b.ma_giao_dich_nh.as_str()).collect();
        assert_eq!(ids.len(), n, "bank ids unique");
    }
    let empty = gen(1, 0);
    let t = texts(&empty);
    assert_eq!(t[2], "ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong,noi_dung\n");
    assert_eq!(t[3], "source,id,class,ma_ho_so,ma_tham_chieu,mangling\n");
}

#[test]
fn expected_rows_refer_to_existing_rows() {
    let s = gen(11, 20_000);
    let bank: HashMap<&str, &BankRow> = s.bank.iter().map(|b| (b.ma_giao_dich_nh.as_str(), b)).collect();
    let pays: HashMap<&str, &PaymentRow> = s.payments.iter().map(|p| (p.ma_tham_chieu.as_str(), p)).collect();
    assert_eq!(pays.len(), s.payments.len(), "references unique");
    let dossiers: HashMap<&str, &DossierRow> = s.dossiers.iter().map(|d| (d.ma_ho_so.as_str(), d)).collect();
    assert_eq!(dossiers.len(), s.dossiers.len(), "dossier codes unique");

    let mut seen_bank = HashSet::new();
    let mut seen_pay: HashMap<&str, usize> = HashMap::new();
    for e in &s.expected {
        match e.source {
            Source::Bank => {
                assert!(bank.contains_key(e.id.as_str()), "{e:?}");
                assert!(seen_bank.insert(e.id.as_str()), "bank id twice: {e:?}");
                assert!(e.mangling.is_some());
                if e.class == ExpectedClass::UnknownDossier {
                    assert!(e.ma_ho_so.is_empty() && e.ma_tham_chieu.is_empty());
                } else {
                    let p = pays[e.ma_tham_chieu.as_str()];
                    assert_eq!(p.ma_ho_so, e.ma_ho_so);
                    assert!(dossiers.contains_key(e.ma_ho_so.as_str()));
                }
                assert!(!matches!(e.class, ExpectedClass::MissingInBank));
            }
            Source::Payment => {
                let p = pays[e.id.as_str()];
                assert_eq!(p.trang_thai_gd, 1, "{e:?}");
                assert_eq!(e.ma_tham_chieu, e.id);
                assert_eq!(e.ma_ho_so, p.ma_ho_so);
                assert!(e.mangling.is_none());
                *seen_pay.entry(e.id.as_str()).or_default() += 1;
                assert!(matches!(
                    e.class,
                    ExpectedClass::Matched | ExpectedClass::AmountMismatch | ExpectedClass::MissingInBank
                ));
            }
        }
    }
    assert_eq!(seen_bank.len(), s.bank.len());
    let successes: Vec<&PaymentRow> = s.payments.iter().filter(|p| p.trang_thai_gd == 1).collect();
    assert_eq!(seen_pay.len(), successes.len());
    for p in &successes {
        assert_eq!(seen_pay.get(p.ma_tham_chieu.as_str()), Some(&1), "{p:?}");
    }
}

#[test]
fn classes_agree_with_the_rows() {
    let s = gen(12, 20_000);
    let bank: HashMap<&str, &BankRow> = s.bank.iter().map(|b| (b.ma_giao_dich_nh.as_str(), b)).collect();
    let dossiers: HashMap<&str, &DossierRow> = s.dossiers.iter().map(|d| (d.ma_ho_so.as_str(), d)).collect();
    let mut attempts: HashMap<&str, Vec<&PaymentRow>> = HashMap::new();
    for p in &s.payments {
        attempts.entry(p.ma_ho_so.as_str()).or_default().push(p);
    }
    let accounts: HashSet<&str> = s.dossiers.iter().map(|d| d.tk_thu_huong.as_str()).collect();
    // bank lines per reference, in time order
    let mut credits: HashMap<&str, Vec<(&BankRow, ExpectedClass)>> = HashMap::new();
    for e in s.expected.iter().filter(|e| e.source == Source::Bank) {
        let b = bank[e.id.as_str()];
        if e.class == ExpectedClass::UnknownDossier {
            assert!(
                accounts.contains(b.tk_thu_huong.as_str()),
                "unknown line on an existing account"
            );
            continue;
        }
        let d = dossiers[e.ma_ho_so.as_str()];
        assert_eq!(b.tk_thu_huong, d.tk_thu_huong);
        let atts = &attempts[e.ma_ho_so.as_str()];
        let success = atts.iter().find(|p| p.trang_thai_gd == 1);
        match success {
            Some(p) => assert_eq!(p.ma_tham_chieu, e.ma_tham_chieu, "money is for the successful attempt"),
            None => assert_eq!(atts.last().unwrap().ma_tham_chieu, e.ma_tham_chieu, "else the latest"),
        }
        match e.class {
            ExpectedClass::Matched => {
                assert!(success.is_some());
                assert_eq!(b.so_tien, d.tong_phi);
            }
            ExpectedClass::PaidNotUpdated => {
                assert!(success.is_none());
                assert_eq!(b.so_tien, d.tong_phi);
            }
            ExpectedClass::AmountMismatch => assert_ne!(b.so_tien, d.tong_phi),
            ExpectedClass::Duplicate => assert_eq!(b.so_tien, d.tong_phi),
            _ => unreachable!(),
        }
        credits.entry(e.ma_tham_chieu.as_str()).or_default().push((b, e.class));
    }
    for list in credits.values_mut() {
        assert!(list.len() <= 2);
        list.sort_by_key(|(b, _)| bank_secs(&b.thoi_gian));
        if list.len() == 2 {
            assert_ne!(list[0].1, ExpectedClass::Duplicate);
            assert_ne!(list[0].1, ExpectedClass::AmountMismatch);
            assert_eq!(list[1].1, ExpectedClass::Duplicate, "the later credit is the duplicate");
            assert_eq!(list[0].0.so_tien, list[1].0.so_tien);
            let gap = bank_secs(&list[1].0.thoi_gian) - bank_secs(&list[0].0.thoi_gian);
            assert!((3_600..=12 * 3_600).contains(&gap), "{gap}");
        } else {
            assert_ne!(list[0].1, ExpectedClass::Duplicate);
        }
    }
    // Payment classes follow their dossier's first credit.
    for e in s.expected.iter().filter(|e| e.source == Source::Payment) {
        let first = credits.get(e.id.as_str()).map(|l| l[0].1);
        let want = match first {
            None => ExpectedClass::MissingInBank,
            Some(ExpectedClass::AmountMismatch) => ExpectedClass::AmountMismatch,
            Some(c) => {
                assert_eq!(c, ExpectedClass::Matched);
                ExpectedClass::Matched
            }
        };
        assert_eq!(e.class, want, "{e:?}");
    }
}

#[test]
fn attempts_and_times() {
    let s = gen(13, 10_000);
    let dossiers: HashMap<&str, &DossierRow> = s.dossiers.iter().map(|d| (d.ma_ho_so.as_str(), d)).collect();
    let mut by_dossier: HashMap<&str, Vec<&PaymentRow>> = HashMap::new();
    for p in &s.payments {
        by_dossier.entry(p.ma_ho_so.as_str()).or_default().push(p);
    }
    for (code, atts) in &by_dossier {
        let d = dossiers[code];
        assert!((1..=3).contains(&atts.len()));
        assert!(atts.iter().filter(|p| p.trang_thai_gd == 1).count() <= 1);
        let received = compact_secs(&d.ngay_tiep_nhan);
        let first = compact_secs(&atts[0].thoi_gian_gd);
        assert!(
            (60..=2 * 86_400).contains(&(first - received)),
            "first attempt minutes to 2 days after reception"
        );
        for w in atts.windows(2) {
            assert!(compact_secs(&w[1].thoi_gian_gd) > compact_secs(&w[0].thoi_gian_gd));
            assert_ne!(w[0].trang_thai_gd, 1, "only the last attempt can succeed");
        }
        for p in atts {
            assert_eq!(p.so_tien, d.tong_phi);
            assert_eq!(p.tk_thu_huong, d.tk_thu_huong);
            assert_eq!(p.ma_nh_thu_huong, d.ma_nh_thu_huong);
            assert!([0u8, 1, 3, 4].contains(&p.trang_thai_gd));
            assert_eq!(
                p.ma_giao_dich.is_empty(),
                p.trang_thai_gd != 1,
                "ma_giao_dich only on success"
            );
        }
    }
    // Credits 1 minute to 72 hours after the attempt they pay (duplicates up to 12 h later still).
    let pays: HashMap<&str, &PaymentRow> = s.payments.iter().map(|p| (p.ma_tham_chieu.as_str(), p)).collect();
    let bank: HashMap<&str, &BankRow> = s.bank.iter().map(|b| (b.ma_giao_dich_nh.as_str(), b)).collect();
    let mut short = 0;
    let mut n = 0;
    for e in &s.expected {
        if e.source != Source::Bank || e.class == ExpectedClass::UnknownDossier {
            continue;
        }
        let t = bank_secs(&bank[e.id.as_str()].thoi_gian) - compact_secs(&pays[e.ma_tham_chieu.as_str()].thoi_gian_gd);
        let max = if e.class == ExpectedClass::Duplicate {
            84 * 3_600
        } else {
            72 * 3_600
        };
        assert!((60..=max).contains(&t), "{t} s for {e:?}");
        if e.class != ExpectedClass::Duplicate {
            n += 1;
            if t <= 3_600 {
                short += 1;
            }
        }
    }
    assert!(short * 2 > n, "delays skewed short: {short}/{n} within an hour");
}

#[test]
fn value_styles_follow_the_sample() {
    let s = gen(14, 10_000);
    let fees = [
        10_000i64, 15_000, 20_000, 25_000, 30_000, 50_000, 100_000, 150_000, 200_000, 300_000, 500_000, 1_000_000,
        1_500_000,
    ];
    let bins = ["970405", "970415", "970418", "970422", "970436"];
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mut agency_account: HashMap<&str, &str> = HashMap::new();
    let mut account_agency: HashMap<&str, &str> = HashMap::new();
    let mut seq_agencies: HashMap<(String, String), HashSet<&str>> = HashMap::new();
    for d in &s.dossiers {
        // 000.XX.YY.Hnn-yyMMdd-NNNN
        let (agency, rest) = d.ma_ho_so.split_at(13);
        assert_eq!(agency, d.ma_don_vi);
        let g: Vec<&str> = agency.split('.').collect();
        assert_eq!(g.len(), 4);
        assert_eq!(g[0], "000");
        assert!(g[1].len() == 2 && digits(g[1]) && g[2].len() == 2 && digits(g[2]));
        assert!(g[3].len() == 3 && g[3].starts_with('H') && digits(&g[3][1..]));
        assert_eq!(rest.len(), 12);
        assert!(rest.starts_with('-') && rest.as_bytes()[7] == b'-');
        assert_eq!(&rest[1..7], &d.ngay_tiep_nhan[2..8], "yyMMdd is the reception day");
        assert!(digits(&rest[8..]) && &rest[8..] != "0000");
        assert!(d.ngay_tiep_nhan.len() == 14 && digits(&d.ngay_tiep_nhan) && d.ngay_tiep_nhan.ends_with("00"));
        assert!(d.ma_tthc.len() == 8 && d.ma_tthc.as_bytes()[1] == b'.');
        assert!(fees.contains(&d.tong_phi));
        assert!((12..=13).contains(&d.tk_thu_huong.len()) && digits(&d.tk_thu_huong));
        assert!(!d.tk_thu_huong.starts_with('0'));
        assert!(bins.contains(&d.ma_nh_thu_huong.as_str()));
        assert_eq!(
            *agency_account.entry(agency).or_insert(&d.tk_thu_huong),
            d.tk_thu_huong,
            "one account per agency"
        );
        assert_eq!(
            *account_agency.entry(&d.tk_thu_huong).or_insert(agency),
            agency,
            "accounts distinct"
        );
        seq_agencies
            .entry((rest[1..7].to_string(), rest[8..].to_string()))
            .or_default()
            .insert(agency);
    }
    assert!(s.dossiers[0].ngay_tiep_nhan.starts_with("2026"));
    // Sequence numbers repeat across agencies and dates; agencies take several dossiers a day.
    assert!(seq_agencies.values().any(|a| a.len() >= 5));
    let seqs: HashSet<&str> = s.dossiers.iter().map(|d| &d.ma_ho_so[21..]).collect();
    assert!(seqs.contains("0003") && seqs.contains("0001"));
    assert!(agency_account.len() >= 20);

    let mut pgs = HashSet::new();
    for p in &s.payments {
        let compact: String = p.ma_ho_so.chars().filter(|&c| c != '.' && c != '-').collect();
        assert_eq!(p.ma_tham_chieu, format!("dvc{compact}{}", p.thoi_gian_gd));
        assert_eq!(p.ma_tham_chieu.len(), 37);
        if p.trang_thai_gd == 1 {
            assert!(p.ma_giao_dich.starts_with("PG") && p.ma_giao_dich.len() == 14 && digits(&p.ma_giao_dich[2..]));
            assert!(pgs.insert(p.ma_giao_dich.as_str()), "PG ids unique");
        }
    }
    let mut in_order = 0;
    for (i, b) in s.bank.iter().enumerate() {
        assert!(
            b.ma_giao_dich_nh.starts_with("NH") && b.ma_giao_dich_nh.len() == 11 && digits(&b.ma_giao_dich_nh[2..])
        );
        let t = &b.thoi_gian;
        assert_eq!(t.len(), 19);
        bank_secs(t);
        assert!(b.so_tien > 0);
        assert!(account_agency.contains_key(b.tk_thu_huong.as_str()));
        if i > 0 && s.bank[i - 1].ma_giao_dich_nh < b.ma_giao_dich_nh {
            in_order += 1;
        }
    }
    assert!(in_order < s.bank.len() * 6 / 10, "bank.csv shuffled");
}

#[test]
fn every_mangling_kind_appears_at_10k_lines() {
    let s = gen(15, 10_000);
    let mut counts: HashMap<Mangling, usize> = HashMap::new();
    for e in s.expected.iter().filter(|e| e.source == Source::Bank) {
        *counts.entry(e.mangling.unwrap()).or_default() += 1;
    }
    for k in Mangling::ALL {
        assert!(counts.get(&k).copied().unwrap_or(0) > 0, "{k:?} missing: {counts:?}");
    }
    // Shares of the known lines roughly follow the default weights.
    let w = Manglings::default();
    let known: usize = s
        .expected
        .iter()
        .filter(|e| e.source == Source::Bank && e.class != ExpectedClass::UnknownDossier)
        .count();
    let total_w: u32 = Mangling::ALL.iter().map(|&k| w.weight(k)).sum();
    for k in &Mangling::ALL[..8] {
        let got = s
            .expected
            .iter()
            .filter(|e| e.class != ExpectedClass::UnknownDossier && e.mangling == Some(*k))
            .count() as f64
            / known as f64;
        let want = f64::from(w.weight(*k)) / f64::from(total_w);
        assert!((got - want).abs() < 0.02, "{k:?}: {got} vs {want}");
    }
    assert_eq!(mangle_kinds().len(), 9);
    for (k, name) in Mangling::ALL.iter().zip(mangle_kinds()) {
        assert_eq!(k.name(), *name);
        assert_eq!(Mangling::from_name(name), Some(*k));
    }
}

#[test]
fn class_proportions_roughly_as_configured() {
    let s = gen(16, 60_000);
    let mut bank: HashMap<ExpectedClass, usize> = HashMap::new();
    let mut pay: HashMap<ExpectedClass, usize> = HashMap::new();
    for e in &s.expected {
        let m = if e.source == Source::Bank { &mut bank } else { &mut pay };
        *m.entry(e.class).or_default() += 1;
    }
    let n = s.bank.len() as f64;
    let share = |c| bank.get(&c).copied().unwrap_or(0) as f64 / n;
    assert_eq!(bank[&ExpectedClass::UnknownDossier], 900, "1.5% of 60,000 exactly");
    assert!((share(ExpectedClass::AmountMismatch) - 0.02).abs() < 0.004, "{bank:?}");
    assert!((0.012..0.03).contains(&share(ExpectedClass::Duplicate)), "{bank:?}");
    // 75% with attempts × 15% not successful × 10% credited, over ~65% of dossiers credited.
    assert!(
        (0.012..0.022).contains(&share(ExpectedClass::PaidNotUpdated)),
        "{bank:?}"
    );
    assert!(share(ExpectedClass::Matched) > 0.9, "{bank:?}");

    let successes = pay.values().sum::<usize>() as f64;
    let missing = pay[&ExpectedClass::MissingInBank] as f64 / successes;
    assert!((missing - 0.012).abs() < 0.004, "{pay:?}");
    let mismatch = pay[&ExpectedClass::AmountMismatch] as f64 / successes;
    assert!((mismatch - 0.02).abs() < 0.005, "{pay:?}");

    // Attempts per dossier: ~25% none, most 1, ~8% 2, ~1% 3 among the others.
    let mut per: HashMap<&str, usize> = HashMap::new();
    for p in &s.payments {
        *per.entry(p.ma_ho_so.as_str()).or_default() += 1;
    }
    let d = s.dossiers.len() as f64;
    let none = 1.0 - per.len() as f64 / d;
    assert!((none - 0.25).abs() < 0.01, "{none}");
    let with = per.len() as f64;
    let two = per.values().filter(|&&k| k == 2).count() as f64 / with;
    let three = per.values().filter(|&&k| k == 3).count() as f64 / with;
    assert!(
        (two - 0.08).abs() < 0.01 && (three - 0.01).abs() < 0.004,
        "{two} {three}"
    );
    // References ~40% of the remarks of known dossiers, the dossier code the rest.
    let pays: HashSet<&str> = s.payments.iter().map(|p| p.ma_tham_chieu.as_str()).collect();
    let clean: Vec<&BankRow> = {
        let bank_by_id: HashMap<&str, &BankRow> = s.bank.iter().map(|b| (b.ma_giao_dich_nh.as_str(), b)).collect();
        s.expected
            .iter()
            .filter(|e| e.mangling == Some(Mangling::Clean) && e.class != ExpectedClass::UnknownDossier)
            .map(|e| bank_by_id[e.id.as_str()])
            .collect()
    };
    let with_ref = clean.iter().filter(|b| b.noi_dung.contains("dvc")).count() as f64 / clean.len() as f64;
    assert!((with_ref - 0.40 / (1.0 - 12.0 / 95.0)).abs() < 0.04, "{with_ref}");
    assert!(!pays.is_empty());
}

#[test]
fn remarks_show_their_mangling() {
    let s = gen(17, 10_000);
    let bank: HashMap<&str, &BankRow> = s.bank.iter().map(|b| (b.ma_giao_dich_nh.as_str(), b)).collect();
    let codes: HashSet<String> = s.dossiers.iter().map(|d| strip_separators(&d.ma_ho_so)).collect();
    let phrases = [
        "nop le phi ho so",
        "thanh toan le phi",
        "nop phi ho so",
        "Le phi ho so",
        "thanh toan phi ho so",
        "nop le phi",
        "nop tien ho so so",
    ];
    let mut diacritics = 0;
    let mut wrapped = 0;
    for e in s.expected.iter().filter(|e| e.source == Source::Bank) {
        let r = &bank[e.id.as_str()].noi_dung;
        if !r.is_ascii() {
            diacritics += 1;
        }
        if r.starts_with("MBVCB.")
            || r.starts_with("CT nhanh 247 den: ")
            || r.starts_with("TKThe :")
            || r.contains(" FT")
            || {
                let b = r.as_bytes();
                b.len() > 21 && b[6] == b'.' && b[13] == b'.' && b[20] == b'.' && b[..6].iter().all(u8::is_ascii_digit)
            }
        {
            wrapped += 1;
        }
        if e.class == ExpectedClass::UnknownDossier {
            // No real dossier code in any form.
            let flat = strip_separators(&r.to_uppercase());
            for c in &codes {
                assert!(!flat.contains(c.as_str()), "{r} names {c}");
            }
            if e.mangling == Some(Mangling::NoiseOnly) {
                assert!(!r.contains("-2") && !r.contains("dvc"), "{r}");
            }
            continue;
        }
        let code = e.ma_ho_so.as_str();
        let reference = e.ma_tham_chieu.as_str();
        let verbatim = r.contains(code) || r.contains(reference);
        match e.mangling.unwrap() {
            Mangling::Clean => assert!(verbatim, "{r}"),
            Mangling::Case => {
                assert!(!verbatim, "{r}");
                let l = r.to_lowercase();
                assert!(
                    l.contains(&code.to_lowercase()) || l.contains(&reference.to_lowercase()),
                    "{r}"
                );
            }
            Mangling::NoDiacritics => {
                assert!(verbatim && r.is_ascii(), "{r}");
                assert!(phrases.iter().any(|p| r.contains(p)), "{r}");
            }
            Mangling::Separators => {
                assert!(!verbatim, "{r}");
                assert!(strip_separators(r).contains(&strip_separators(code)), "{r}");
            }
            Mangling::Spaces => {
                assert!(!verbatim, "{r}");
                let squeezed: String = r.chars().filter(|&c| c != ' ').collect();
                assert!(squeezed.contains(code) || squeezed.contains(reference), "{r}");
            }
            Mangling::CutShort => {
                assert!(!verbatim, "{r}");
                let cut_code = (1..=3).any(|k| r.contains(&code[..code.len() - k]));
                let cut_ref = (1..=12).any(|k| r.contains(&reference[..reference.len() - k]));
                assert!(cut_code || cut_ref, "{r}");
                // the cut is at the end of the content: the prefix is followed by the end or a wrapper suffix
                let ok = (1..=12).any(|k| {
                    let p = &reference[..reference.len() - k];
                    r.ends_with(p) || r.contains(&format!("{p}.CT tu ")) || r.contains(&format!("{p} FT"))
                }) || (1..=3).any(|k| {
                    let p = &code[..code.len() - k];
                    r.ends_with(p) || r.contains(&format!("{p}.CT tu ")) || r.contains(&format!("{p} FT"))
                });
                assert!(ok, "{r}");
            }
            Mangling::TailOnly => {
                assert!(!verbatim, "{r}");
                assert!(
                    r.contains(&code[code.len() - 11..]) || r.contains(&reference[reference.len() - 20..]),
                    "{r}"
                );
            }
            Mangling::Typo => {
                assert!(!verbatim, "{r}");
                assert!(has_one_digit_typo(r, code) || has_one_digit_typo(r, reference), "{r}");
            }
            Mangling::NoiseOnly => panic!("noise_only on a known dossier: {e:?}"),
        }
    }
    let n = s.bank.len();
    assert!(
        diacritics > n / 50,
        "some remarks keep Vietnamese diacritics: {diacritics}"
    );
    assert!((wrapped as f64 / n as f64 - 0.70).abs() < 0.03, "{wrapped}/{n} wrapped");
    for channel in ["MBVCB.", "CT nhanh 247 den: ", "TKThe :", ".CT tu ", " FT", ", tai "] {
        assert!(s.bank.iter().any(|b| b.noi_dung.contains(channel)), "{channel}");
    }
}

#[test]
fn one_kind_only() {
    for kind in &Mangling::ALL[..8] {
        let mut cfg = ScenarioConfig::new(18, 500);
        cfg.manglings = Manglings::only(*kind);
        let s = Scenario::generate(&cfg);
        for e in s.expected.iter().filter(|e| e.source == Source::Bank) {
            let m = e.mangling.unwrap();
            if e.class == ExpectedClass::UnknownDossier {
                let fake_ok = matches!(
                    kind,
                    Mangling::Clean | Mangling::Case | Mangling::Separators | Mangling::Spaces
                );
                assert!(
                    m == Mangling::NoiseOnly || m == *kind || (!fake_ok && m == Mangling::Clean),
                    "{m:?}"
                );
            } else {
                assert_eq!(m, *kind);
            }
        }
    }
}

#[test]
fn csv_round_trip_and_quoting() {
    let s = gen(19, 5_000);
    let files = s.files();
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["dossiers.csv", "payments.csv", "bank.csv", "expected.csv"]);
    let read = |text: &str, cols: &[&str]| -> Vec<csv::StringRecord> {
        let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), cols);
        r.records().map(|x| x.unwrap()).collect()
    };
    let d = read(&files[0].1, &DOSSIER_COLUMNS);
    assert_eq!(d.len(), s.dossiers.len());
    for (rec, row) in d.iter().zip(&s.dossiers) {
        assert_eq!(rec.get(0).unwrap(), row.ma_ho_so);
        assert_eq!(rec.get(4).unwrap().parse::<i64>().unwrap(), row.tong_phi);
        assert_eq!(rec.get(5).unwrap(), row.tk_thu_huong);
    }
    let p = read(&files[1].1, &PAYMENT_COLUMNS);
    assert_eq!(p.len(), s.payments.len());
    for (rec, row) in p.iter().zip(&s.payments) {
        assert_eq!(rec.get(0).unwrap(), row.ma_tham_chieu);
        assert_eq!(rec.get(1).unwrap(), row.ma_giao_dich);
        assert_eq!(rec.get(3).unwrap().parse::<i64>().unwrap(), row.so_tien);
        assert_eq!(rec.get(5).unwrap().parse::<u8>().unwrap(), row.trang_thai_gd);
    }
    let b = read(&files[2].1, &BANK_COLUMNS);
    assert_eq!(b.len(), s.bank.len());
    let mut commas = 0;
    for (rec, row) in b.iter().zip(&s.bank) {
        assert_eq!(rec.len(), 5);
        assert_eq!(rec.get(0).unwrap(), row.ma_giao_dich_nh);
        assert_eq!(rec.get(1).unwrap(), row.thoi_gian);
        let amount = rec.get(2).unwrap();
        assert!(amount.bytes().all(|c| c.is_ascii_digit()), "integer đồng: {amount}");
        assert_eq!(amount.parse::<i64>().unwrap(), row.so_tien);
        assert_eq!(rec.get(4).unwrap(), row.noi_dung);
        if row.noi_dung.contains(',') {
            commas += 1;
        }
    }
    assert!(commas > 100, "{commas} remarks with commas");
    for line in files[2].1.lines().skip(1) {
        let fields: Vec<&str> = line.splitn(5, ',').collect();
        if fields[4].contains(',') {
            assert!(fields[4].starts_with('"') && fields[4].ends_with('"'), "{line}");
        }
    }
    let e = read(&files[3].1, &EXPECTED_COLUMNS);
    assert_eq!(e.len(), s.expected.len());
    for (rec, row) in e.iter().zip(&s.expected) {
        assert_eq!(rec.get(0).unwrap(), row.source.name());
        assert_eq!(rec.get(1).unwrap(), row.id);
        assert_eq!(ExpectedClass::from_name(rec.get(2).unwrap()), Some(row.class));
        assert_eq!(rec.get(3).unwrap(), row.ma_ho_so);
        assert_eq!(rec.get(4).unwrap(), row.ma_tham_chieu);
        assert_eq!(Mangling::from_name(rec.get(5).unwrap()), row.mangling);
    }
    // write_* into any fmt::Write gives the same text as files().
    let mut t = String::new();
    s.write_bank_csv(&mut t).unwrap();
    assert_eq!(t, files[2].1);
    let w: &mut dyn std::fmt::Write = &mut String::new();
    s.write_expected_csv(w).unwrap();
}

#[test]
fn degenerate_rates_still_give_exact_counts() {
    let mut cfg = ScenarioConfig::new(20, 300);
    cfg.rates.success = 0.0;
    cfg.rates.paid_not_updated = 0.0;
    let s = Scenario::generate(&cfg);
    assert_eq!(s.bank.len(), 300);
    assert!(s.expected.iter().all(|e| e.class == ExpectedClass::UnknownDossier));

    let mut cfg = ScenarioConfig::new(21, 200);
    cfg.rates.unknown = 1.0;
    cfg.rates.duplicate = f64::NAN;
    cfg.days = 0;
    cfg.agencies = Some(1);
    cfg.manglings = Manglings::only(Mangling::NoiseOnly);
    let s = Scenario::generate(&cfg);
    assert_eq!(s.bank.len(), 200);
    assert!(s.dossiers.is_empty());

    let mut cfg = ScenarioConfig::new(22, 2_000);
    cfg.agencies = Some(1);
    cfg.days = 1;
    cfg.rates.duplicate = 1.0;
    cfg.rates.amount_mismatch = 0.0;
    let s = Scenario::generate(&cfg);
    assert_eq!(s.bank.len(), 2_000);
    let accounts: HashSet<&str> = s.dossiers.iter().map(|d| d.tk_thu_huong.as_str()).collect();
    assert_eq!(accounts.len(), 1);
    assert!(
        s.dossiers.iter().any(|d| d.ma_ho_so.ends_with("-1000")),
        "sequences past 999 in one busy day"
    );
}

#[test]
#[ignore = "large: cargo test --release -p motcua-core --test recon_scenario -- --ignored --nocapture"]
fn a_million_bank_lines() {
    let t0 = std::time::Instant::now();
    let s = gen(2026, 1_000_000);
    let generated = t0.elapsed();
    let files = s.files();
    let total = t0.elapsed();
    let sizes: Vec<usize> = files.iter().map(|(_, t)| t.len()).collect();
    eprintln!(
        "1,000,000 bank lines: {} dossiers, {} payments, {} expected rows; generate {:.2?}, + CSV text {:.2?}; sizes {:?}",
        s.dossiers.len(),
        s.payments.len(),
        s.expected.len(),
        generated,
        total - generated,
        sizes
    );
    assert_eq!(s.bank.len(), 1_000_000);
}
