//! The scoring's pure helpers: hundredths, weights, the scale, the academic formula.

use super::*;

fn criterion(max: f64, step: f64, weight: f64) -> Criterion {
    Criterion {
        id: 1,
        block: BlockCode::Project,
        label: "Motivation".into(),
        source: Source::Members,
        scale_max: max,
        step,
        weight,
        low: String::new(),
        middle: String::new(),
        high: String::new(),
        scale_display: String::new(),
    }
}

#[test]
fn decimals_are_read_in_hundredths_in_french_or_english() {
    assert_eq!(parse_cents("3,5"), Some(350));
    assert_eq!(parse_cents(" 3.25 "), Some(325));
    assert_eq!(parse_cents("4"), Some(400));
    assert_eq!(parse_cents(",5"), Some(50));
    assert_eq!(parse_cents("-1,5"), Some(-150));
    assert_eq!(parse_cents("1\u{a0}000"), Some(100_000));
    for bad in ["", " ", "+3", "3,125", "trois", "3,5,1", "-", "1234567890"] {
        assert_eq!(parse_cents(bad), None, "{bad:?}");
    }
}

#[test]
fn hundredths_are_shown_in_french_and_round_trip() {
    assert_eq!(show_cents(350), "3,5");
    assert_eq!(show_cents(400), "4");
    assert_eq!(show_cents(1333), "13,33");
    for v in [0, 5, 50, 333, 2750, 4000] {
        assert_eq!(parse_cents(&show_cents(v)), Some(v));
    }
    // Floating point never leaks: 0,1 + 0,2 in hundredths.
    assert_eq!(cents(0.1) + cents(0.2), cents(0.3));
    assert_eq!(points(cents(12.345_000_1)), 12.35);
}

#[test]
fn a_criterion_adds_its_maximum_times_its_weight() {
    assert_eq!(criterion(5.0, 0.5, 1.0).max_points(), 5.0);
    assert_eq!(criterion(5.0, 0.5, 2.0).max_points(), 10.0);
    assert_eq!(criterion(4.0, 0.25, 1.5).max_points(), 6.0);
    assert_eq!(criterion(3.0, 1.0, 0.33).max_points(), 0.99);
}

#[test]
fn a_value_is_checked_against_the_scale() {
    let c = criterion(5.0, 0.5, 1.0);
    assert_eq!(check_value(&c, "3,5"), Ok(350));
    assert_eq!(check_value(&c, "0"), Ok(0));
    assert_eq!(check_value(&c, "5"), Ok(500));
    let refused = |text: &str| check_value(&c, text).expect_err(text);
    assert_eq!(
        refused("beaucoup"),
        "« Motivation » : « beaucoup » n'est pas une note ; saisissez une note entre 0 et 5 (par pas de 0,5)."
    );
    assert!(refused("-1").contains("ne peut pas être négative"));
    assert!(refused("5,5").contains("5,5 dépasse le maximum de 5"));
    assert!(refused("3,25").contains("3,25 n'est pas sur l'échelle"));
}

#[test]
fn the_academic_value_averages_the_indicators_available() {
    let data = |n1: Option<f64>, n2: Option<f64>, rank: Option<i64>, size: Option<i64>| {
        crate::candidate::CandidateData {
            average_n1: n1,
            average_n2: n2,
            national_rank: rank,
            cohort_size: size,
            ..Default::default()
        }
    };
    // Averages 14 and 12: 13 / 20 = 65 % of 5 points.
    let (v, formula) = academic_value(&data(Some(14.0), Some(12.0), None, None), 500);
    assert_eq!(v, Some(325));
    assert!(formula.contains("N-1 14 et N-2 12"), "{formula}");
    // Rank 1 of 4: 100 %; with the averages, (65 + 100) / 2 = 82,5 %.
    assert_eq!(
        academic_value(&data(None, None, Some(1), Some(4)), 500).0,
        Some(500)
    );
    assert_eq!(
        academic_value(&data(Some(14.0), Some(12.0), Some(1), Some(4)), 500).0,
        Some(413)
    );
    // A national rank reads as French writes it: « rang 1 204 sur 8 791 ».
    let (_, formula) = academic_value(&data(None, None, Some(1204), Some(8791)), 500);
    assert!(
        formula.contains("rang 1\u{a0}204 sur 8\u{a0}791"),
        "{formula}"
    );
    // Out of range averages and impossible ranks are ignored: the value is missing.
    let (v, formula) = academic_value(&data(Some(21.0), None, Some(5), Some(4)), 500);
    assert_eq!(v, None);
    assert!(
        formula.starts_with("Ni moyennes annuelles ni rang"),
        "{formula}"
    );
}
