//! Unit tests of the commission's rules on plain data: members as typed, the deciding
//! rules, sittings as typed, times, roles and attendance codes.

use super::members::looks_like_email;
use super::*;

fn member(name: &str, role: Role, voting: bool, email: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        role,
        voting,
        email: email.into(),
    }
}

fn rules() -> Rules {
    Rules {
        quorum: Quorum::Half,
        quorum_count: 0,
        majority: Majority::Present,
        casting_vote_chair: true,
        aggregation: Aggregation::Mean,
        disagreement_percent: 20,
        normalise: false,
        padhue_academic: PadhueAcademic::Waived,
    }
}

fn fields(e: Error) -> Vec<String> {
    match e {
        Error::Validation(issues) => issues.into_iter().map(|i| i.field).collect(),
        other => panic!("not a validation error: {other}"),
    }
}

#[test]
fn a_member_is_tidied_and_checked_field_by_field() {
    let m = member(
        "  Dr   Sophie  MARCHAND ",
        Role::Physician,
        true,
        " s.marchand@chu-amiens.fr ",
    )
    .validated()
    .unwrap();
    assert_eq!(m.name, "Dr Sophie MARCHAND");
    assert_eq!(m.email, "s.marchand@chu-amiens.fr");

    let e = member("  ", Role::Secretary, true, "marchand@chu")
        .validated()
        .unwrap_err();
    let msg = e.to_string();
    assert_eq!(fields(e), ["name", "email", "voting"]);
    assert!(msg.starts_with("3 points sont à corriger"), "{msg}");
    assert!(
        msg.contains("« marchand@chu » n'est pas une adresse valide"),
        "{msg}"
    );
}

#[test]
fn an_address_needs_a_user_a_dotted_domain_and_no_space() {
    assert!(looks_like_email("jean.dupont@u-picardie.fr"));
    for bad in [
        "jean.dupont",
        "@u-picardie.fr",
        "jean@picardie",
        "jean@.fr",
        "jean@fr.",
        "jean dupont@u-picardie.fr",
    ] {
        assert!(!looks_like_email(bad), "{bad}");
    }
}

#[test]
fn the_quorum_is_half_rounded_up_or_a_count() {
    let mut r = rules();
    r.quorum = Quorum::Half;
    assert_eq!(r.quorum_required(7), 4);
    assert_eq!(r.quorum_required(8), 4);
    assert_eq!(r.quorum_required(1), 1);
    assert_eq!(r.quorum_required(0), 0);
    r.quorum = Quorum::Count;
    r.quorum_count = 5;
    assert_eq!(r.quorum_required(7), 5);
}

#[test]
fn rules_are_refused_when_they_cannot_be_met() {
    let mut r = rules();
    r.quorum = Quorum::Count;
    r.quorum_count = 9;
    r.disagreement_percent = 0;
    let e = r.validated(6).unwrap_err();
    let msg = e.to_string();
    assert_eq!(fields(e), ["quorum_count", "disagreement_percent"]);
    assert!(msg.contains("ne compte que 6 membres votants"), "{msg}");
    assert!(msg.contains("0 % n'est pas possible"), "{msg}");
    r.quorum_count = 0;
    r.disagreement_percent = 20;
    assert_eq!(fields(r.validated(6).unwrap_err()), ["quorum_count"]);
    // Before any member is added, a count cannot be checked against them.
    r.quorum_count = 4;
    assert!(r.validated(0).is_ok());
}

#[test]
fn the_rules_read_as_one_french_sentence() {
    let mut r = rules();
    r.quorum = Quorum::Count;
    r.quorum_count = 1;
    r.majority = Majority::Voting;
    r.casting_vote_chair = false;
    assert_eq!(
        r.statement(),
        "La commission délibère valablement lorsqu'au moins 1 membre ayant voix délibérative est présent ; elle décide à la majorité des membres ayant voix délibérative ; en cas de partage égal des voix, un nouveau vote a lieu."
    );
    r.quorum_count = 3;
    assert!(r
        .statement()
        .starts_with("La commission délibère valablement lorsqu'au moins 3 membres ayant voix délibérative sont présents ;"));
    r.quorum = Quorum::Half;
    r.casting_vote_chair = true;
    assert!(r.statement().contains("la moitié au moins"));
    assert!(r
        .statement()
        .contains("celle du président est prépondérante"));
}

#[test]
fn times_are_read_the_french_way() {
    assert_eq!(parse_time("9 h 30"), Some((9, 30)));
    assert_eq!(parse_time("14h"), Some((14, 0)));
    assert_eq!(parse_time("09:05"), Some((9, 5)));
    // A time as the app writes it, no-break spaces and all, is read back.
    assert_eq!(parse_time(&crate::fr::time(14, 30)), Some((14, 30)));
    assert_eq!(parse_time("\u{202f}9\u{a0}h "), Some((9, 0)));
    assert_eq!(parse_time("8"), Some((8, 0)));
    assert_eq!(parse_time("24 h"), None);
    assert_eq!(parse_time("9 h 60"), None);
    assert_eq!(parse_time("midi"), None);
}

#[test]
fn a_sitting_needs_a_date_a_place_and_a_valid_time() {
    let s = SittingInput {
        date: "14/01/2027".into(),
        start_time: "9 h".into(),
        place: " Salle du conseil,  UFR de médecine ".into(),
    };
    assert_eq!(
        s.validated().unwrap(),
        (
            "2027-01-14".to_owned(),
            "09:00".to_owned(),
            "Salle du conseil, UFR de médecine".to_owned()
        )
    );
    let bad = SittingInput {
        date: "31/02/2027".into(),
        start_time: "neuf heures".into(),
        place: "".into(),
    };
    let e = bad.validated().unwrap_err();
    let msg = e.to_string();
    assert_eq!(fields(e), ["date", "start_time", "place"]);
    assert!(msg.contains("« 31/02/2027 » n'est pas une date"), "{msg}");
    let no_date = SittingInput {
        date: " ".into(),
        start_time: "".into(),
        place: "Amiens".into(),
    };
    assert!(no_date
        .validated()
        .unwrap_err()
        .to_string()
        .contains("« Date » est obligatoire"));
}

#[test]
fn codes_go_both_ways() {
    for role in Role::ALL {
        assert_eq!(Role::from_code(role.code()), Some(role));
    }
    assert_eq!(Role::from_code("president"), None);
    for a in [Attendance::Present, Attendance::Excused, Attendance::Absent] {
        assert_eq!(Attendance::from_code(a.code()), Some(a));
    }
    for a in [Aggregation::Mean, Aggregation::Median, Aggregation::Trimmed] {
        assert_eq!(Aggregation::from_code(a.code()), a);
    }
    // An unknown stored aggregation falls back to the mean, as the file's default.
    assert_eq!(Aggregation::from_code("moyenne"), Aggregation::Mean);
}
