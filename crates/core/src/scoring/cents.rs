//! Values in hundredths ("cents"): converting, parsing what was typed in French or
//! English, and showing them in French.

use crate::fr;

pub(crate) fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

pub(crate) fn points(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// Parses a decimal typed in French or English ("3,5", "3.5", " 4 "), to hundredths.
/// More than two decimals is refused.
pub fn parse_cents(text: &str) -> Option<i64> {
    let t = text.trim().replace(',', ".").replace(['\u{a0}', ' '], "");
    if t.is_empty() || t.starts_with('+') {
        return None;
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, f),
        None => (t.as_str(), ""),
    };
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let negative = int.starts_with('-');
    let digits = int.trim_start_matches('-');
    if (digits.is_empty() && frac.is_empty())
        || !digits.chars().all(|c| c.is_ascii_digit())
        || digits.len() > 9
    {
        return None;
    }
    let i: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let f: i64 = format!("{frac:0<2}").parse().ok()?;
    let v = i * 100 + f;
    Some(if negative { -v } else { v })
}

/// A value in hundredths, in French ("3,5").
pub fn show_cents(v: i64) -> String {
    fr::number(points(v), 2)
}
