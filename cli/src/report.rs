//! The HTML report of `motcua reconcile --report`: one self-contained file (inline SVG and CSS, no
//! script, no network) with counts and amounts per class, per agency and per day.
use motcua_core::recon::{Class, Source, Summary, Total};
use std::collections::BTreeMap;
use std::fmt::Write;

const TOP_AGENCIES: usize = 30;

fn color(c: Class) -> &'static str {
    match c {
        Class::Matched => "#2e7d32",
        Class::PaidNotUpdated => "#f9a825",
        Class::AmountMismatch => "#e65100",
        Class::Duplicate => "#6a1b9a",
        Class::UnknownDossier => "#c62828",
        Class::Ambiguous => "#1565c0",
        Class::MissingInBank => "#ad1457",
        Class::NotPaid => "#9e9e9e",
        Class::InvalidInput => "#212121",
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Groups digits: 1234567 → 1.234.567 (Vietnamese style).
fn grouped(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).checked_rem(3) == Some(0) {
            out.push('.');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn legend(h: &mut String) {
    h.push_str("<p class=legend>");
    for c in Class::ALL {
        let _ = write!(h, "<span><i style=\"background:{}\"></i>{}</span> ", color(c), c.key());
    }
    h.push_str("</p>");
}

/// The largest bar (at least 1).
fn largest(rows: &[(String, BTreeMap<Class, Total>)], pick: fn(&Total) -> i64) -> i64 {
    rows.iter()
        .map(|(_, m)| m.values().map(pick).sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1)
}

/// Horizontal stacked bars, one per label, by `pick` (rows or amount).
fn stacked(h: &mut String, rows: &[(String, BTreeMap<Class, Total>)], pick: fn(&Total) -> i64, unit: &str) {
    let max = largest(rows, pick);
    let (label_w, bar_w, row_h) = (170.0, 560.0, 18.0);
    let height = row_h * rows.len() as f64 + 4.0;
    let _ = write!(
        h,
        "<svg width=\"{}\" height=\"{height}\" role=img>",
        label_w + bar_w + 140.0
    );
    for (i, (label, m)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 2.0;
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=end>{}</text>",
            label_w - 6.0,
            y + 12.0,
            esc(label)
        );
        let mut x = label_w;
        let total: i64 = m.values().map(pick).sum();
        for c in Class::ALL {
            let v = m.get(&c).map_or(0, pick);
            if v == 0 {
                continue;
            }
            let w = v as f64 / max as f64 * bar_w;
            let _ = write!(
                h,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"><title>{}: {} {unit}</title></rect>",
                row_h - 4.0,
                color(c),
                c.key(),
                grouped(v)
            );
            x += w;
        }
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 4.0,
            y + 12.0,
            grouped(total)
        );
    }
    h.push_str("</svg>");
}

/// Vertical stacked bars per day.
fn columns(h: &mut String, rows: &[(String, BTreeMap<Class, Total>)], pick: fn(&Total) -> i64, unit: &str) {
    let max = largest(rows, pick);
    let (plot_h, col_w) = (220.0, (860.0 / rows.len().max(1) as f64).clamp(3.0, 28.0));
    let width = col_w * rows.len() as f64 + 60.0;
    let _ = write!(h, "<svg width=\"{width:.0}\" height=\"{}\" role=img>", plot_h + 70.0);
    let _ = write!(h, "<text x=\"0\" y=\"12\">{}</text>", grouped(max));
    for (i, (day, m)) in rows.iter().enumerate() {
        let x = 50.0 + i as f64 * col_w;
        let mut y = plot_h + 16.0;
        for c in Class::ALL {
            let v = m.get(&c).map_or(0, pick);
            if v == 0 {
                continue;
            }
            let hgt = v as f64 / max as f64 * plot_h;
            y -= hgt;
            let _ = write!(
                h,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{hgt:.1}\" fill=\"{}\"><title>{} {}: {} {unit}</title></rect>",
                (col_w - 1.0).max(1.0),
                color(c),
                esc(day),
                c.key(),
                grouped(v)
            );
        }
        if i.checked_rem((rows.len() / 20).max(1)) == Some(0) {
            let _ = write!(
                h,
                "<text x=\"{:.1}\" y=\"{}\" transform=\"rotate(60 {:.1} {})\">{}</text>",
                x,
                plot_h + 28.0,
                x,
                plot_h + 28.0,
                esc(day)
            );
        }
    }
    h.push_str("</svg>");
}

fn rows_of(m: &BTreeMap<String, BTreeMap<Class, Total>>, empty: &str) -> Vec<(String, BTreeMap<Class, Total>)> {
    m.iter()
        .map(|(k, v)| (if k.is_empty() { empty.to_string() } else { k.clone() }, v.clone()))
        .collect()
}

/// The report as one HTML document.
pub(crate) fn html(s: &Summary) -> String {
    let mut h = String::with_capacity(64 * 1024);
    h.push_str(
        "<!doctype html><html lang=vi><head><meta charset=utf-8><title>motcua: đối soát</title><style>\
         body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}\
         td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}\
         td:first-child,td:nth-child(2){text-align:left}svg text{font-size:11px}\
         .legend span{margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}\
         </style></head><body><h1>Đối soát: reconciliation report</h1>",
    );
    // Control totals.
    h.push_str(
        "<h2>Control totals</h2><table><tr><th>source</th><th>class</th><th>rows</th><th>amount (đồng)</th></tr>",
    );
    for source in [Source::Bank, Source::Payment, Source::Dossier] {
        let Some(classes) = s.output.get(&source) else {
            continue;
        };
        for (c, t) in classes {
            let _ = write!(
                h,
                "<tr><td>{}</td><td><i style=\"color:{}\">■</i> {}</td><td>{}</td><td>{}</td></tr>",
                source.key(),
                color(*c),
                c.key(),
                grouped(t.rows as i64),
                grouped(t.amount)
            );
        }
        let t = s.output_total(source);
        let _ = write!(
            h,
            "<tr><th>{}</th><th>total out</th><th>{}</th><th>{}</th></tr>",
            source.key(),
            grouped(t.rows as i64),
            grouped(t.amount)
        );
        if let Some(i) = s.input.get(&source) {
            let _ = write!(
                h,
                "<tr><th>{}</th><th>total in</th><th>{}</th><th>{}</th></tr>",
                source.key(),
                grouped(i.rows as i64),
                grouped(i.amount)
            );
        }
    }
    let _ = write!(
        h,
        "</table><p>Dossier rows read: {}, loaded: {}. Balanced: <b>{}</b>.</p>",
        s.dossier_rows,
        s.dossiers_loaded,
        if s.balanced() { "yes" } else { "NO" }
    );
    legend(&mut h);
    // Per class.
    let by_class: Vec<(String, BTreeMap<Class, Total>)> = [Source::Bank, Source::Payment]
        .into_iter()
        .flat_map(|src| {
            s.output.get(&src).into_iter().flat_map(move |m| {
                m.iter()
                    .map(move |(c, t)| (format!("{} {}", src.key(), c.key()), BTreeMap::from([(*c, *t)])))
            })
        })
        .collect();
    h.push_str("<h2>Per class: rows</h2>");
    stacked(&mut h, &by_class, |t| t.rows as i64, "rows");
    h.push_str("<h2>Per class: amount (đồng)</h2>");
    stacked(&mut h, &by_class, |t| t.amount, "đồng");
    // Per agency, largest first; the rest folded into one bar.
    let mut agencies = rows_of(&s.bank_by_agency, "(no dossier)");
    agencies.sort_by_key(|(_, m)| std::cmp::Reverse(m.values().map(|t| t.rows).sum::<u64>()));
    if agencies.len() > TOP_AGENCIES {
        let rest = agencies.split_off(TOP_AGENCIES);
        let mut folded: BTreeMap<Class, Total> = BTreeMap::new();
        for (_, m) in &rest {
            for (c, t) in m {
                let f = folded.entry(*c).or_default();
                f.rows += t.rows;
                f.amount = f.amount.saturating_add(t.amount);
            }
        }
        agencies.push((format!("{} other agencies", rest.len()), folded));
    }
    h.push_str("<h2>Bank lines per agency: rows</h2>");
    stacked(&mut h, &agencies, |t| t.rows as i64, "rows");
    h.push_str("<h2>Bank lines per agency: amount (đồng)</h2>");
    stacked(&mut h, &agencies, |t| t.amount, "đồng");
    let days = rows_of(&s.bank_by_day, "(no date)");
    h.push_str("<h2>Bank lines per day: rows</h2>");
    columns(&mut h, &days, |t| t.rows as i64, "rows");
    h.push_str("<h2>Bank lines per day: amount (đồng)</h2>");
    columns(&mut h, &days, |t| t.amount, "đồng");
    h.push_str("</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(1_234_567), "1.234.567");
        assert_eq!(grouped(-1000), "-1.000");
        assert_eq!(esc("<a&\""), "&lt;a&amp;&quot;");
    }
}
