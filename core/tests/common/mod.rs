//! Helpers shared by the integration tests that read JSON vectors.
use serde_json::Value;

/// `want` is a subset of `got`: objects by the keys `want` gives, arrays element by element with the
/// same length, scalars equal.
pub fn subset(want: &Value, got: &Value, path: &str) -> Result<(), String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                let gv = g.get(k).ok_or_else(|| format!("{path}.{k}: missing"))?;
                subset(wv, gv, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                return Err(format!("{path}: {} elements, expected {}", g.len(), w.len()));
            }
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                subset(wv, gv, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ if want == got => Ok(()),
        _ => Err(format!("{path}: {got}, expected {want}")),
    }
}

/// A case's `expect` against what a run gave (tests/vectors/recon/cases.json): `expect` without
/// its `keys` as a [`subset`] of `got`, and, when `keys` is there, each row of `got["rows"]` with
/// exactly the keys of the same element of `keys`, in any order.
#[allow(dead_code)] // the reconciliation tests only; the parity tests include this module too
pub fn expect_run(expect: &Value, got: &Value) -> Result<(), String> {
    let mut rest = expect.clone();
    let keys = rest.as_object_mut().and_then(|o| o.remove("keys"));
    subset(&rest, got, "$")?;
    let Some(keys) = keys else {
        return Ok(());
    };
    let want: Vec<Vec<&str>> = keys
        .as_array()
        .ok_or("expect.keys: not an array")?
        .iter()
        .map(|k| sorted(k.as_array().into_iter().flatten().filter_map(Value::as_str).collect()))
        .collect();
    let have: Vec<Vec<&str>> = got["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| sorted(r.as_object().into_iter().flatten().map(|(k, _)| k.as_str()).collect()))
        .collect();
    if have == want {
        Ok(())
    } else {
        Err(format!("the keys of the rows: {have:?}, expected {want:?}"))
    }
}

fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names
}
