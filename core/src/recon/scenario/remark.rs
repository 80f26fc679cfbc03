//! Bank remarks (nội dung) as payers and channels write them, and the manglings of codes in them.
use super::rng::{Clock, Rng};
use super::{Mangling, Manglings, Rates, PAYER_BANKS};

/// Fee phrases without diacritics, as payers type them.
pub(super) const PHRASES_ASCII: [&str; 8] = [
    "nop phi ho so",
    "thanh toan le phi",
    "LE PHI",
    "nop le phi",
    "thanh toan ho so",
    "NOP PHI HO SO",
    "le phi ho so",
    "nop phi",
];

/// Fee phrases with diacritics and their stripped form.
pub(super) const PHRASES_VI: [(&str, &str); 6] = [
    ("nộp lệ phí hồ sơ", "nop le phi ho so"),
    ("thanh toán lệ phí", "thanh toan le phi"),
    ("nộp phí hồ sơ", "nop phi ho so"),
    ("Lệ phí hồ sơ", "Le phi ho so"),
    ("thanh toán phí hồ sơ", "thanh toan phi ho so"),
    ("nộp lệ phí", "nop le phi"),
];

/// "nop tien ho so so … cho …" in its three spellings: ASCII, with diacritics, stripped.
pub(super) const NOP_TIEN: (&str, &str, &str) = ("nop tien ho so so", "nộp tiền hồ sơ số", "nop tien ho so so");

/// Remarks of credits that name no dossier (`{n}` = payer name).
pub(super) const NOISE: [&str; 8] = [
    "{n} chuyen tien",
    "{n} nop phi",
    "chuyen tien",
    "{n} chuyen khoan",
    "CK {n}",
    "{n} thanh toan",
    "nop tien",
    "{n} gui tien",
];

/// Remark-building settings derived from the configuration.
pub(super) struct Style {
    pub(super) weights: [u32; 8],
    pub(super) fake_weights: [u32; 8],
    /// Probability of the reference among lines whose kind allows both carriers.
    pub(super) reference: f64,
    pub(super) wrapped: f64,
    pub(super) diacritics: f64,
}

impl Style {
    pub(super) fn new(m: &Manglings, rates: &Rates) -> Self {
        let mut weights = [0u32; 8];
        let mut fake_weights = [0u32; 8];
        for (i, k) in Mangling::ALL[..8].iter().enumerate() {
            weights[i] = m.weight(*k);
            if matches!(
                k,
                Mangling::Clean | Mangling::Case | Mangling::Separators | Mangling::Spaces
            ) {
                fake_weights[i] = m.weight(*k);
            }
        }
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let sep_share = if total == 0 {
            0.0
        } else {
            f64::from(m.separators) / total as f64
        };
        let reference = if sep_share >= 1.0 {
            0.0
        } else {
            (rates.reference / (1.0 - sep_share)).min(1.0)
        };
        Self {
            weights,
            fake_weights,
            reference,
            wrapped: rates.wrapped,
            diacritics: rates.diacritics,
        }
    }
}

/// Content layouts: P = fee phrase, C = code, N = payer name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Pcn,
    Npc,
    Cpn,
    Ncpn,
    Cn,
    Pc,
    C,
    Nnpc,
    NopTien,
}

pub(super) const LAYOUTS: [(Layout, u32, bool, bool); 9] = [
    // (layout, weight, code last, has phrase)
    (Layout::Pcn, 20, false, true),
    (Layout::Npc, 20, true, true),
    (Layout::Cpn, 12, false, true),
    (Layout::Ncpn, 5, false, true),
    (Layout::Cn, 10, false, false),
    (Layout::Pc, 10, true, true),
    (Layout::C, 8, true, false),
    (Layout::Nnpc, 5, true, true),
    (Layout::NopTien, 10, false, true),
];

pub(super) fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// Replaces one digit of the dossier part of `token` (a dossier code, or a reference when
/// `is_ref`) so that the result is no dossier's code: the month or day tens digit becomes one no
/// date has, or the sequence's first digit becomes 5-9 (sequences stay below 5000). A typo that
/// lands on another real dossier is not generated: under the shared sample's rule an exact code
/// names its dossier (the credit is that dossier's, usually an amount mismatch), so no truth about
/// the payer's intent could be checked.
pub(super) fn typo(rng: &mut Rng, token: &str, is_ref: bool, code: &str) -> String {
    let agency = code.split('-').next().unwrap_or("");
    let date_at = if is_ref {
        3 + agency.bytes().filter(u8::is_ascii_alphanumeric).count()
    } else {
        agency.len() + 1
    };
    let seq_at = if is_ref { date_at + 6 } else { date_at + 7 };
    // (position, digits that make the code impossible)
    let choices: [(usize, &[u8]); 3] = [(date_at + 2, b"23456789"), (date_at + 4, b"456789"), (seq_at, b"56789")];
    let mut bytes = token.as_bytes().to_vec();
    let (i, digits) = choices[rng.index(choices.len())];
    if bytes.get(i).is_some_and(|b| is_digit(*b)) {
        bytes[i] = digits[rng.index(digits.len())];
    }
    String::from_utf8(bytes).unwrap_or_else(|_| token.to_string())
}

/// Inserts one or two spaces at distinct inner positions of `token`.
pub(super) fn stray_spaces(rng: &mut Rng, token: &str) -> String {
    let len = token.len();
    if len < 2 {
        return token.to_string();
    }
    let mut cuts = vec![1 + rng.index(len - 1)];
    if rng.chance(0.35) && len > 2 {
        let c = 1 + rng.index(len - 1);
        if c != cuts[0] {
            cuts.push(c);
        }
    }
    cuts.sort_unstable();
    let mut out = String::with_capacity(len + 2);
    let mut prev = 0;
    for c in cuts {
        out.push_str(&token[prev..c]);
        out.push(' ');
        prev = c;
    }
    out.push_str(&token[prev..]);
    out
}

/// Dossier code with its dots/dashes dropped or replaced.
pub(super) fn separators(rng: &mut Rng, code: &str) -> String {
    let mode = rng.weighted(&[30, 15, 25, 10, 10, 10]);
    let mut out = String::with_capacity(code.len());
    for c in code.chars() {
        match (c, mode) {
            ('.' | '-', 0) | ('.', 1) => {}
            ('.' | '-', 2) => out.push(' '),
            ('.' | '-', 3) => out.push('_'),
            ('.' | '-', 4) => out.push('/'),
            ('.' | '-', 5) => out.push(','),
            _ => out.push(c),
        }
    }
    out
}

/// Tail of a dossier code (`yyMMdd-NNNN`, `Hnn-yyMMdd-NNNN` or `YY.Hnn-yyMMdd-NNNN`) or the last
/// 20-30 characters of a reference.
pub(super) fn tail(rng: &mut Rng, token: &str, is_reference: bool) -> String {
    let n = if is_reference {
        rng.between(20, 30) as usize
    } else {
        *rng.pick(&[11usize, 11, 15, 15, 18])
    };
    token[token.len().saturating_sub(n)..].to_string()
}

/// What a remark is about.
pub(super) struct Carrier<'a> {
    pub(super) code: &'a str,
    pub(super) reference: &'a str,
}

/// Builds one remark; returns it with the mangling kind applied.
#[allow(clippy::too_many_arguments)]
pub(super) fn remark(
    rng: &mut Rng,
    style: &Style,
    clock: &Clock,
    carrier: &Carrier<'_>,
    name: &str,
    secs: i64,
    kind: Mangling,
    fake: bool,
) -> String {
    let use_ref = kind != Mangling::Separators && !fake && rng.chance(style.reference);
    let full = if use_ref { carrier.reference } else { carrier.code };
    let mut token = match kind {
        Mangling::Separators => separators(rng, full),
        Mangling::Spaces => stray_spaces(rng, full),
        Mangling::TailOnly => tail(rng, full, use_ref),
        Mangling::Typo => typo(rng, full, use_ref, carrier.code),
        _ => full.to_string(),
    };
    let mut whole_case = None;
    if kind == Mangling::Case {
        // Make the code's letters differ: a dossier code only has an uppercase H, a reference a
        // lowercase "dvc" and an uppercase H.
        match (use_ref, rng.below(10)) {
            (false, 0..=4) => whole_case = Some(false),
            (false, _) => token = token.to_lowercase(),
            (true, 0..=3) => whole_case = Some(true),
            (true, 4..=6) => whole_case = Some(false),
            (true, _) => token = token.to_uppercase(),
        }
    }

    // Layout and phrase.
    let need_last = kind == Mangling::CutShort;
    let need_phrase = kind == Mangling::NoDiacritics;
    let mut weights = [0u32; LAYOUTS.len()];
    for (w, &(_, weight, last, phrase)) in weights.iter_mut().zip(LAYOUTS.iter()) {
        *w = if (need_last && !last) || (need_phrase && !phrase) {
            0
        } else {
            weight
        };
    }
    let layout = if fake {
        *rng.pick(&[Layout::Pc, Layout::Npc, Layout::Pcn, Layout::Cn])
    } else {
        LAYOUTS[rng.weighted(&weights)].0
    };
    let diacritic = need_phrase || rng.chance(style.diacritics);
    let phrase = if layout == Layout::NopTien {
        match (need_phrase, diacritic) {
            (true, _) => NOP_TIEN.2,
            (false, true) => NOP_TIEN.1,
            (false, false) => NOP_TIEN.0,
        }
    } else if fake {
        "thanh toan ho so"
    } else if diacritic {
        let (with, without) = *rng.pick(&PHRASES_VI);
        if need_phrase {
            without
        } else {
            with
        }
    } else {
        *rng.pick(&PHRASES_ASCII)
    };

    let mut content = String::with_capacity(96);
    let parts: &[&str] = match layout {
        Layout::Pcn => &["P", "C", "N"],
        Layout::Npc => &["N", "P", "C"],
        Layout::Cpn => &["C", "P", "N"],
        Layout::Ncpn => &["N", "C", "P", "N"],
        Layout::Cn => &["C", "N"],
        Layout::Pc => &["P", "C"],
        Layout::C => &["C"],
        Layout::Nnpc => &["N", "N", "P", "C"],
        Layout::NopTien => &["P", "C", "cho", "N"],
    };
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            content.push(' ');
        }
        match *part {
            "P" => content.push_str(phrase),
            "C" => content.push_str(&token),
            "N" => content.push_str(name),
            other => content.push_str(other),
        }
    }
    match whole_case {
        Some(true) => content = content.to_uppercase(),
        Some(false) => content = content.to_lowercase(),
        None => {}
    }
    if kind == Mangling::CutShort {
        // The channel's length limit cuts the end of the content (the code is last).
        let k = if use_ref { rng.between(1, 12) } else { rng.between(1, 3) } as usize;
        content.truncate(content.len() - k.min(token.len() - 1));
    }
    wrap(rng, style, clock, content, name, secs)
}

/// Unknown line without any code.
pub(super) fn noise_remark(rng: &mut Rng, style: &Style, clock: &Clock, name: &str, secs: i64) -> String {
    let content = rng.pick(&NOISE).replace("{n}", name);
    wrap(rng, style, clock, content, name, secs)
}

/// Wraps `content` in channel noise with probability `style.wrapped`.
pub(super) fn wrap(rng: &mut Rng, style: &Style, clock: &Clock, content: String, name: &str, secs: i64) -> String {
    if !rng.chance(style.wrapped) {
        return content;
    }
    let mut out = String::with_capacity(content.len() + 64);
    match rng.weighted(&[25, 20, 20, 20, 15]) {
        0 => {
            out.push_str("MBVCB.");
            rng.push_digits(&mut out, 10, true);
            out.push('.');
            rng.push_digits(&mut out, 6, false);
            out.push('.');
            out.push_str(&content);
            out.push_str(".CT tu ");
            let len = if rng.chance(0.3) { 12 } else { 13 };
            rng.push_digits(&mut out, len, true);
            out.push(' ');
            out.push_str(name);
            out.push_str(" toi");
        }
        1 => {
            rng.push_digits(&mut out, 6, false);
            out.push('.');
            clock.push_trace_time(&mut out, secs - rng.between(0, 90));
            out.push('.');
            out.push_str(&content);
        }
        2 => {
            out.push_str("CT nhanh 247 den: ");
            out.push_str(&content);
            out.push_str(" FT");
            rng.push_digits(&mut out, 14, false);
        }
        3 => {
            out.push_str("TKThe :");
            let len = if rng.chance(0.2) { 12 } else { 13 };
            rng.push_digits(&mut out, len, true);
            out.push_str(", tai ");
            out.push_str(PAYER_BANKS[rng.index(PAYER_BANKS.len())]);
            out.push_str(". ");
            out.push_str(&content);
        }
        _ => {
            out.push_str(&content);
            out.push_str(" FT");
            rng.push_digits(&mut out, 14, false);
        }
    }
    out
}
