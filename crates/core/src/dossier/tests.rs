//! Unit tests of the dossier's pure rules: which pieces a candidate is asked for, how a
//! piece's status reads, the first-cycle rule, the counts per category, file types.

use super::*;
use crate::candidate::{CandidateData, CandidateRow};

fn candidate(category: Category, nationality: Option<&str>, year: Option<&str>) -> CandidateRow {
    CandidateRow {
        id: 1,
        display_name: "DUPONT Marie".into(),
        category,
        discipline: Discipline::Medicine,
        category_label: String::new(),
        data: CandidateData {
            nationality: nationality.map(Into::into),
            study_year: year.map(Into::into),
            ..CandidateData::default()
        },
        birth_date_display: String::new(),
        dossier_received_display: String::new(),
        shown: crate::candidate::Shown,
    }
}

fn piece(categories: &[Category], condition: Condition) -> Piece {
    Piece {
        id: 1,
        code: "titre".into(),
        label: "Titre de séjour".into(),
        mandatory: true,
        categories: categories.to_vec(),
        condition,
        applies_display: applies_display(categories, condition),
    }
}

fn recorded(status: PieceStatus, received_on: Option<&str>, reason: &str) -> Recorded {
    Recorded {
        status,
        received_on: received_on.map(Into::into),
        reason: reason.into(),
    }
}

/// A dossier of `category` whose eligibility is `status`.
fn dossier(category: Category, discipline: Discipline, status: Eligibility) -> Dossier {
    Dossier {
        candidate_id: 1,
        display_name: String::new(),
        category_label: String::new(),
        category,
        discipline,
        received_display: String::new(),
        pieces: Vec::new(),
        eligibility: EligibilityView {
            status,
            label: status.label().into(),
            computed: status,
            reasons: Vec::new(),
            overridden: None,
        },
    }
}

#[test]
fn a_piece_says_whom_it_is_asked_of() {
    assert_eq!(
        applies_display(&Category::ALL, Condition::None),
        "Tous les candidats"
    );
    assert_eq!(
        applies_display(&[Category::Student, Category::Intern], Condition::None),
        "Étudiants, internes"
    );
    assert_eq!(
        applies_display(&[Category::Intern, Category::Padhue], Condition::Foreign),
        "Internes, PADHUE — si nationalité étrangère"
    );
    assert_eq!(
        applies_display(&[Category::Padhue], Condition::None),
        "PADHUE"
    );
}

#[test]
fn an_unknown_or_french_nationality_is_not_foreign() {
    for n in [
        None,
        Some(""),
        Some("  "),
        Some("Française"),
        Some("FRANCAIS"),
        Some("France"),
        Some("fr"),
    ] {
        assert!(!is_foreign(n), "{n:?}");
    }
    for n in ["Belge", "marocaine", "Algérienne"] {
        assert!(is_foreign(Some(n)), "{n}");
    }
}

#[test]
fn a_piece_applies_to_its_categories_and_its_condition() {
    let residence = piece(&[Category::Student, Category::Intern], Condition::Foreign);
    assert!(applies(
        &residence,
        &candidate(Category::Student, Some("Belge"), None)
    ));
    assert!(!applies(
        &residence,
        &candidate(Category::Student, Some("Française"), None)
    ));
    assert!(!applies(
        &residence,
        &candidate(Category::Student, None, None)
    ));
    assert!(!applies(
        &residence,
        &candidate(Category::Padhue, Some("Belge"), None)
    ));
    let rib = piece(&Category::ALL, Condition::None);
    assert!(applies(&rib, &candidate(Category::Padhue, None, None)));
}

#[test]
fn first_cycle_students_are_outside_the_rules() {
    for year in [
        "DFGSM2",
        "PASS",
        "LAS 1",
        "PACES",
        "L2",
        "2e année",
        "3ème année",
    ] {
        let problem = study_year_problem(&candidate(Category::Student, None, Some(year)));
        assert_eq!(
            problem.as_deref(),
            Some(format!("année d'études « {year} » : le contrat est ouvert aux étudiants à partir de la 4e année (deuxième cycle)").as_str()),
            "{year}"
        );
    }
    for year in ["DFASM1", "4e année", "DES"] {
        assert_eq!(
            study_year_problem(&candidate(Category::Student, None, Some(year))),
            None,
            "{year}"
        );
    }
    // The rule is the students'; an unknown year is not a problem.
    assert_eq!(
        study_year_problem(&candidate(Category::Intern, None, Some("L2"))),
        None
    );
    assert_eq!(
        study_year_problem(&candidate(Category::Student, None, None)),
        None
    );
}

#[test]
fn a_piece_status_reads_in_french() {
    let received = recorded(PieceStatus::Received, Some("2026-11-18"), "");
    assert_eq!(
        status_display(Some(&received), true, true),
        "Reçue le 18/11/2026"
    );
    let undated = recorded(PieceStatus::Received, None, "");
    assert_eq!(status_display(Some(&undated), true, true), "Reçue");
    let refused = recorded(PieceStatus::NotCompliant, None, "copie illisible");
    assert_eq!(
        status_display(Some(&refused), true, true),
        "Non conforme : copie illisible"
    );
    let refused = recorded(PieceStatus::NotCompliant, None, "");
    assert_eq!(status_display(Some(&refused), true, true), "Non conforme");
    let missing = recorded(PieceStatus::Missing, None, "");
    assert_eq!(status_display(Some(&missing), true, true), "Manquante");
    let waived = recorded(PieceStatus::NotRequired, None, "");
    assert_eq!(status_display(Some(&waived), true, true), "Non requise");
    // Nothing recorded.
    assert_eq!(status_display(None, true, true), "À recevoir");
    assert_eq!(status_display(None, false, true), "Facultative — non reçue");
    assert_eq!(status_display(None, false, false), "Non demandée");
}

#[test]
fn piece_status_codes_round_trip() {
    for s in [
        PieceStatus::Received,
        PieceStatus::Missing,
        PieceStatus::NotCompliant,
        PieceStatus::NotRequired,
    ] {
        assert_eq!(PieceStatus::from_code(s.code()), Some(s));
    }
    assert_eq!(PieceStatus::from_code("lost"), None);
    assert_eq!(
        parse_categories(&categories_text(&[Category::Student, Category::Padhue])),
        [Category::Student, Category::Padhue]
    );
}

#[test]
fn counts_are_per_category_of_the_campaign_with_dossiers() {
    let (s, m, o) = (
        Category::Student,
        Discipline::Medicine,
        Discipline::Odontology,
    );
    let dossiers = [
        dossier(s, m, Eligibility::Complete),
        dossier(s, m, Eligibility::Complete),
        dossier(s, m, Eligibility::Incomplete),
        dossier(s, m, Eligibility::NotEligible),
        dossier(Category::Padhue, o, Eligibility::Incomplete),
    ];
    let counts = counts(&dossiers);
    assert_eq!(
        counts,
        [
            DossierCount {
                category: s,
                discipline: m,
                label: crate::candidate::group_label(s, m),
                complete: 2,
                incomplete: 1,
                not_eligible: 1,
            },
            DossierCount {
                category: Category::Padhue,
                discipline: o,
                label: crate::candidate::group_label(Category::Padhue, o),
                complete: 0,
                incomplete: 1,
                not_eligible: 0,
            },
        ]
    );
    assert!(super::counts(&[]).is_empty());
    assert_eq!(
        total(&counts),
        DossierTotal {
            complete: 2,
            incomplete: 2,
            not_eligible: 1,
            all: 5,
        }
    );
    assert_eq!(total(&[]), DossierTotal::default());
}

#[test]
fn the_status_that_holds_is_counted_not_the_computed_one() {
    let mut d = dossier(
        Category::Intern,
        Discipline::Medicine,
        Eligibility::Complete,
    );
    d.eligibility.computed = Eligibility::Incomplete;
    let c = counts(&[d]);
    assert_eq!((c[0].complete, c[0].incomplete), (1, 0));
}

#[test]
fn attachments_are_known_by_their_first_bytes() {
    assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
    assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
    assert_eq!(
        sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
        Some("image/png")
    );
    assert_eq!(sniff(b"PK\x03\x04"), None);
    assert_eq!(expected_mime(Path::new("scan.JPG")), Some("image/jpeg"));
    assert_eq!(expected_mime(Path::new("rib.pdf")), Some("application/pdf"));
    assert_eq!(expected_mime(Path::new("notes.docx")), None);
    assert_eq!(kind_label("image/png"), "PNG");
    assert_eq!(kind_label("text/plain"), "fichier");
}
