//! Dates typed in a form or on the command line (JJ/MM/AAAA, also 16/1/27 or ISO), read
//! in one place with one French message naming the field.

use chrono::NaiveDate;

use crate::error::FieldIssue;
use crate::fr;

/// The date typed in the field `field` (its code) labelled `label` (as the form shows it),
/// or the issue to show at that field: « Date » est obligatoire… when nothing was typed,
/// « Date » : « 31/02/2027 » n'est pas une date… otherwise.
pub fn parse(field: &str, label: &str, typed: &str) -> Result<NaiveDate, FieldIssue> {
    let t = typed.trim();
    if t.is_empty() {
        return Err(FieldIssue::new(
            field,
            format!("« {label} » est obligatoire : saisissez une date (JJ/MM/AAAA)."),
        ));
    }
    fr::parse_date(t).ok_or_else(|| not_a_date(field, label, t))
}

/// The issue for `typed`, which is not a date, in the field `field` labelled `label`.
pub fn not_a_date(field: &str, label: &str, typed: &str) -> FieldIssue {
    FieldIssue::new(
        field,
        format!(
            "« {label} » : « {} » n'est pas une date ; écrivez-la JJ/MM/AAAA.",
            typed.trim()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_iso_dates_are_read() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 16).unwrap();
        for typed in ["16/01/2027", " 16/1/27 ", "2027-01-16", "16.01.2027"] {
            assert_eq!(parse("date", "Date", typed), Ok(d), "{typed}");
        }
    }

    #[test]
    fn a_bad_date_is_refused_at_its_field_in_french() {
        let issue = parse("from", "Du", " 32/11/2026 ").unwrap_err();
        assert_eq!(issue.field, "from");
        assert_eq!(
            issue.message,
            "« Du » : « 32/11/2026 » n'est pas une date ; écrivez-la JJ/MM/AAAA."
        );
        let issue = parse("date", "Date", "hier").unwrap_err();
        assert_eq!(
            issue.message,
            "« Date » : « hier » n'est pas une date ; écrivez-la JJ/MM/AAAA."
        );
    }

    #[test]
    fn nothing_typed_is_refused_as_required() {
        let issue = parse("signed_on", "Date de signature", "  ").unwrap_err();
        assert_eq!(issue.field, "signed_on");
        assert_eq!(
            issue.message,
            "« Date de signature » est obligatoire : saisissez une date (JJ/MM/AAAA)."
        );
    }
}
