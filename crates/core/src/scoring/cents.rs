//! Values in hundredths ("cents"): converting, parsing what was typed in French or
//! English, and showing them in French.

use crate::fr;

pub(crate) fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

pub(crate) fn points(cents: i64) -> f64 {
    cents as f64 / 100.0
}

pub use crate::fr::parse_hundredths as parse_cents;

/// A value in hundredths, in French ("3,5").
pub fn show_cents(v: i64) -> String {
    fr::number(points(v), 2)
}
