//! Unit tests of the import's rule on hand-built tables and campaigns (no file, no
//! database).

use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;

use super::*;
use crate::import::read::{Cell, Row, Table};
use crate::import::{ImportOptions, Resolution};

/// The columns of the test files, in order.
const COLUMNS: [(&str, Field); 7] = [
    ("Nom", Field::LastName),
    ("Prénom", Field::FirstNames),
    ("Date de naissance", Field::BirthDate),
    ("N° étudiant", Field::StudentNumber),
    ("Catégorie", Field::Category),
    ("Discipline", Field::Discipline),
    ("Moyenne N-1", Field::AverageN1),
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// A table with the header row then `rows`, numbered from 1 as a spreadsheet does.
fn table(rows: &[[&str; 7]]) -> Table {
    let header = Row {
        number: 1,
        cells: COLUMNS
            .iter()
            .map(|(h, _)| Cell::Text((*h).into()))
            .collect(),
    };
    let data = rows.iter().enumerate().map(|(i, r)| Row {
        number: i as u32 + 2,
        cells: r
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*c).into())
                }
            })
            .collect(),
    });
    Table {
        format: "CSV".into(),
        sheets: Vec::new(),
        sheet: None,
        rows: std::iter::once(header).chain(data).collect(),
        date1904: false,
    }
}

/// A campaign of medicine holding `candidates`.
fn campaign(candidates: Vec<KnownCandidate>) -> Known {
    Known {
        disciplines: vec![Discipline::Medicine],
        imported: candidates
            .iter()
            .map(|e| (e.id, serde_json::to_string(&e.imported).expect("JSON")))
            .collect(),
        candidates: std::sync::Arc::new(
            candidates
                .into_iter()
                .map(|e| crate::candidate::row_of(e.id, e.data))
                .collect(),
        ),
        today: today(),
    }
}

/// What the analysis gave: the preview and the writes, collected.
#[derive(Debug)]
struct Analysis {
    preview: Preview,
    ops: Vec<Op>,
}

fn analyse_with(
    table: &Table,
    options: &ImportOptions,
    known: &Known,
    limit: usize,
) -> Result<Analysis> {
    let cancel = AtomicBool::new(false);
    let mut ops = Vec::new();
    let (meta, mut rows) = table.clone().rows_source();
    let preview = analyse(
        Path::new("/tmp/candidats.csv"),
        Source {
            meta,
            rows: &mut rows,
        },
        options,
        known,
        Run {
            limit,
            progress: &mut |_| {},
            cancel: &cancel,
            sink: Some(&mut |op| {
                ops.push(op);
                Ok(())
            }),
        },
    )?;
    Ok(Analysis { preview, ops })
}

fn run(rows: &[[&str; 7]], known: &Known) -> Analysis {
    analyse_with(&table(rows), &ImportOptions::default(), known, 100).unwrap()
}

const MARIE: [&str; 7] = [
    "Dupont",
    "marie",
    "16/01/2001",
    "E123",
    "Étudiant",
    "Médecine",
    "12",
];
const PAUL: [&str; 7] = [
    "Martin",
    "paul",
    "03/05/2000",
    "E456",
    "Étudiant",
    "Médecine",
    "",
];

/// Marie as the campaign knows her after importing `MARIE`, with `imported` as what the
/// file said then.
fn known_marie(id: i64) -> KnownCandidate {
    let a = run(&[MARIE], &campaign(Vec::new()));
    let Some(Op::Create(data, given)) = a.ops.into_iter().next() else {
        panic!("Marie is created");
    };
    KnownCandidate {
        id,
        data,
        imported: serde_json::from_str(&given).expect("a JSON object"),
    }
}

#[test]
fn the_headers_are_recognised_and_new_candidates_created() {
    let a = run(&[MARIE, PAUL], &campaign(Vec::new()));
    let p = &a.preview;
    assert_eq!(p.header_row, 1);
    assert_eq!(
        p.columns.iter().map(|c| c.field).collect::<Vec<_>>(),
        COLUMNS.iter().map(|(_, f)| Some(*f)).collect::<Vec<_>>()
    );
    assert!(p.missing.is_empty());
    assert_eq!(p.counts.rows, 2);
    assert_eq!(p.counts.create, 2);
    assert_eq!(p.counts.rejected_rows, 0);
    assert_eq!(p.creates[0].row, 2);
    assert_eq!(p.creates[0].name, "DUPONT Marie");
    assert_eq!(
        p.creates[0].category_label,
        format!(
            "{} — {}",
            Category::Student.label(),
            Discipline::Medicine.label()
        )
    );
    assert_eq!(a.ops.len(), 2);
    let Op::Create(data, given) = &a.ops[0] else {
        panic!("a creation");
    };
    let given: BTreeMap<String, String> = serde_json::from_str(given).expect("JSON");
    assert_eq!(data.birth_date.as_deref(), Some("2001-01-16"));
    assert_eq!(data.average_n1, Some(12.0));
    assert_eq!(
        given.get("birth_date").map(String::as_str),
        Some("16/01/2001")
    );
}

#[test]
fn blank_rows_are_counted_and_skipped() {
    let a = run(&[MARIE, [""; 7], PAUL], &campaign(Vec::new()));
    assert_eq!(a.preview.counts.blank, 1);
    assert_eq!(a.preview.counts.rows, 2);
    assert_eq!(a.preview.counts.create, 2);
}

#[test]
fn a_second_row_for_the_same_student_number_is_rejected() {
    let mut twin = PAUL;
    twin[3] = "e123";
    let a = run(&[MARIE, twin], &campaign(Vec::new()));
    assert_eq!(a.preview.counts.create, 1);
    assert_eq!(a.preview.counts.rejected_rows, 1);
    let r = &a.preview.rejected[0];
    assert_eq!((r.row, r.column.as_str()), (3, ""));
    assert_eq!(
        r.reason,
        "même candidat que la ligne 2 (même numéro étudiant)"
    );
}

#[test]
fn a_second_row_for_the_same_name_and_birth_date_is_rejected() {
    let mut a1 = MARIE;
    a1[3] = "";
    let mut a2 = a1;
    a2[0] = "DUPONT";
    a2[1] = "Marie";
    let a = run(&[a1, PAUL, a2], &campaign(Vec::new()));
    assert_eq!(a.preview.counts.create, 2);
    let r = &a.preview.rejected[0];
    assert_eq!(r.row, 4);
    assert_eq!(
        r.reason,
        "même candidat que la ligne 2 (même nom, prénom et date de naissance)"
    );
}

#[test]
fn a_candidate_already_in_the_campaign_is_not_created_again() {
    let known = campaign(vec![known_marie(7)]);
    let a = run(&[MARIE, PAUL], &known);
    assert_eq!(a.preview.counts.create, 1);
    assert_eq!(a.preview.counts.unchanged, 1);
    assert_eq!(a.preview.counts.update, 0);
    assert_eq!(a.preview.creates[0].name, "MARTIN Paul");
    // Same data, same file values: nothing to write for Marie.
    assert!(a.ops.iter().all(|op| matches!(op, Op::Create(..))));
}

#[test]
fn a_known_candidate_is_found_by_name_and_birth_date_without_a_student_number() {
    let mut marie = known_marie(7);
    marie.data.student_number = None;
    marie.imported.clear();
    let mut row = MARIE;
    row[3] = "";
    let a = run(&[row], &campaign(vec![marie]));
    assert_eq!(a.preview.counts.create, 0);
    assert_eq!(a.preview.counts.unchanged, 1);
    // What the file said is remembered, although nothing changes.
    let [Op::Update(7, _, imported)] = a.ops.as_slice() else {
        panic!("one update of candidate 7: {:?}", a.ops);
    };
    assert_eq!(
        imported.get("last_name").map(String::as_str),
        Some("DUPONT")
    );
}

#[test]
fn a_mandatory_field_without_a_column_stops_the_analysis() {
    let options = ImportOptions {
        mapping: Some(vec![Some(Field::LastName), None, Some(Field::BirthDate)]),
        ..ImportOptions::default()
    };
    let a = analyse_with(&table(&[MARIE]), &options, &campaign(Vec::new()), 100).unwrap();
    assert_eq!(
        a.preview.missing,
        ["« candidats.csv » : aucune colonne n'est associée au champ obligatoire « Prénom(s) » ; choisissez la colonne qui le contient (correspondance des colonnes dans l'application, option --mapping en ligne de commande)."]
    );
    assert_eq!(a.preview.counts, Counts::default());
    assert!(a.ops.is_empty());
}

#[test]
fn an_empty_mandatory_field_rejects_the_row_at_its_column() {
    let mut row = MARIE;
    row[1] = "  ";
    let a = run(&[row], &campaign(Vec::new()));
    assert_eq!(a.preview.counts.rejected_rows, 1);
    assert_eq!(
        a.preview.rejected,
        [Rejection {
            row: 2,
            column: "B".into(),
            header: "Prénom".into(),
            value: String::new(),
            reason: "« Prénom(s) » est vide ; ce champ est obligatoire".into(),
        }]
    );
    assert!(a.ops.is_empty());
}

#[test]
fn a_bad_date_is_rejected_with_its_row_field_and_value() {
    let mut row = PAUL;
    row[2] = "le 3 mai";
    let a = run(&[MARIE, row], &campaign(Vec::new()));
    assert_eq!(
        a.preview.rejected,
        [Rejection {
            row: 3,
            column: "C".into(),
            header: "Date de naissance".into(),
            value: "le 3 mai".into(),
            reason: "date invalide (attendu : jj/mm/aaaa, par exemple 16/01/2001)".into(),
        }]
    );
    assert_eq!(a.preview.counts.create, 1);
}

#[test]
fn a_birth_date_in_the_future_is_implausible() {
    let mut row = MARIE;
    row[2] = "16/01/2027";
    let a = run(&[row], &campaign(Vec::new()));
    assert_eq!(
        a.preview.rejected[0].reason,
        "date de naissance invraisemblable (16/01/2027) : vérifiez l'année"
    );
}

#[test]
fn a_bad_number_is_rejected_with_its_row_field_and_value() {
    let mut row = MARIE;
    row[6] = "douze";
    let a = run(&[row], &campaign(Vec::new()));
    let r = &a.preview.rejected[0];
    assert_eq!(
        (r.row, r.column.as_str(), r.header.as_str()),
        (2, "G", "Moyenne N-1")
    );
    assert_eq!(r.value, "douze");
    assert_eq!(r.reason, "moyenne « douze » illisible (attendu : 12,5)");
    let mut row = MARIE;
    row[6] = "25";
    let a = run(&[row], &campaign(Vec::new()));
    assert!(
        a.preview.rejected[0]
            .reason
            .starts_with("moyenne hors de l'échelle 0–20"),
        "{:?}",
        a.preview.rejected
    );
}

#[test]
fn a_bad_enumeration_is_rejected_with_its_row_field_and_value() {
    let mut row = MARIE;
    row[4] = "Docteur";
    let a = run(&[row], &campaign(Vec::new()));
    assert_eq!(
        a.preview.rejected,
        [Rejection {
            row: 2,
            column: "E".into(),
            header: "Catégorie".into(),
            value: "Docteur".into(),
            reason: "catégorie non reconnue : écrivez Étudiant, Interne ou PADHUE".into(),
        }]
    );
}

#[test]
fn every_problem_of_a_row_is_listed_and_the_row_counted_once() {
    let mut row = MARIE;
    row[2] = "hier";
    row[5] = "Pharmacie";
    let a = run(&[row], &campaign(Vec::new()));
    assert_eq!(a.preview.counts.rejected_rows, 1);
    assert_eq!(
        a.preview
            .rejected
            .iter()
            .map(|r| r.column.as_str())
            .collect::<Vec<_>>(),
        ["C", "F"]
    );
}

#[test]
fn a_discipline_the_campaign_does_not_hold_rejects_the_row() {
    let mut row = MARIE;
    row[5] = "Odontologie";
    let a = run(&[row], &campaign(Vec::new()));
    let r = &a.preview.rejected[0];
    assert_eq!(r.column, "");
    assert_eq!(
        r.reason,
        format!(
            "la campagne ne comprend pas la discipline « {} » : ajoutez-la dans les paramètres de la campagne ou retirez cette ligne",
            Discipline::Odontology.label()
        )
    );
}

#[test]
fn category_and_discipline_are_read_from_the_year_of_study() {
    let options = ImportOptions {
        mapping: Some(vec![
            Some(Field::LastName),
            Some(Field::FirstNames),
            Some(Field::BirthDate),
            Some(Field::StudentNumber),
            Some(Field::StudyYear),
        ]),
        ..ImportOptions::default()
    };
    let mut row = MARIE;
    row[4] = "DFASM1";
    let mut known = campaign(Vec::new());
    known.disciplines = Discipline::ALL.to_vec();
    let a = analyse_with(&table(&[row]), &options, &known, 100).unwrap();
    let Op::Create(data, given) = &a.ops[0] else {
        panic!("a creation: {:?}", a.preview.rejected);
    };
    let given: BTreeMap<String, String> = serde_json::from_str(given).expect("JSON");
    assert_eq!(data.category, Some(Category::Student));
    assert_eq!(data.discipline, Some(Discipline::Medicine));
    // The derived values are what the file says, too.
    assert!(given.contains_key("category") && given.contains_key("discipline"));
}

#[test]
fn an_updated_row_changes_the_fields_the_file_changed() {
    let known = campaign(vec![known_marie(7)]);
    let mut row = MARIE;
    row[6] = "14,5";
    let a = run(&[row], &known);
    assert_eq!(a.preview.counts.update, 1);
    assert_eq!(a.preview.counts.conflicts, 0);
    let u = &a.preview.updates[0];
    assert_eq!(
        (u.row, u.candidate_id, u.name.as_str()),
        (2, 7, "DUPONT Marie")
    );
    assert_eq!(
        u.changes,
        [FieldChange {
            field: Field::AverageN1,
            label: "Moyenne N-1".into(),
            before: values::show(&known.candidates[0].data, Field::AverageN1),
            after: "14,5".into(),
        }]
    );
    let [Op::Update(7, next, imported)] = a.ops.as_slice() else {
        panic!("one update");
    };
    assert_eq!(next.average_n1, Some(14.5));
    assert_eq!(next.last_name, "DUPONT");
    assert_eq!(imported.get("average_n1").map(String::as_str), Some("14,5"));
}

#[test]
fn an_edit_made_in_the_app_stands_while_the_file_does_not_change_that_field() {
    let mut marie = known_marie(7);
    marie.data.average_n1 = Some(13.0);
    let a = run(&[MARIE], &campaign(vec![marie]));
    assert_eq!(a.preview.counts.unchanged, 1);
    assert_eq!(a.preview.counts.conflicts, 0);
    assert!(a.ops.is_empty());
}

#[test]
fn an_edit_made_in_the_app_that_the_file_changes_is_a_conflict_settled_by_the_user() {
    let mut marie = known_marie(7);
    marie.data.average_n1 = Some(13.0);
    let known = campaign(vec![marie]);
    let mut row = MARIE;
    row[6] = "14";
    // By default the app's value is kept, and what the file said is remembered.
    let a = run(&[row], &known);
    assert_eq!(a.preview.counts.conflicts, 1);
    assert_eq!(a.preview.counts.unchanged, 1);
    let k = &a.preview.conflicts[0];
    assert_eq!((k.row, k.candidate_id, k.field), (2, 7, Field::AverageN1));
    assert_eq!((k.in_app.as_str(), k.in_file.as_str()), ("13", "14"));
    assert!(!k.take_file);
    let [Op::Update(7, next, imported)] = a.ops.as_slice() else {
        panic!("one update");
    };
    assert_eq!(next.average_n1, Some(13.0));
    assert_eq!(imported.get("average_n1").map(String::as_str), Some("14"));
    // The user takes the file's value.
    let options = ImportOptions {
        resolutions: vec![Resolution {
            candidate_id: 7,
            field: Field::AverageN1,
            take_file: true,
        }],
        ..ImportOptions::default()
    };
    let a = analyse_with(&table(&[row]), &options, &known, 100).unwrap();
    assert!(a.preview.conflicts[0].take_file);
    assert_eq!(a.preview.counts.update, 1);
    let [Op::Update(7, next, _)] = a.ops.as_slice() else {
        panic!("one update");
    };
    assert_eq!(next.average_n1, Some(14.0));
    // Or prefers the file for every conflict.
    let options = ImportOptions {
        prefer_file: true,
        ..ImportOptions::default()
    };
    let a = analyse_with(&table(&[row]), &options, &known, 100).unwrap();
    assert!(a.preview.conflicts[0].take_file);
    assert_eq!(a.preview.counts.update, 1);
}

#[test]
fn lists_are_cut_to_the_limit_but_counted_whole() {
    let rows: Vec<[&str; 7]> = ["A", "B", "C"]
        .iter()
        .map(|n| [*n, "x", "", "", "Interne", "Médecine", ""])
        .collect();
    let a = analyse_with(
        &table(&rows),
        &ImportOptions::default(),
        &campaign(Vec::new()),
        2,
    )
    .unwrap();
    assert_eq!(a.preview.counts.create, 3);
    assert_eq!(a.preview.creates.len(), 2);
    assert!(a.preview.truncated);
    assert_eq!(a.ops.len(), 3);
}

#[test]
fn a_field_mapped_to_two_columns_is_refused() {
    let options = ImportOptions {
        mapping: Some(vec![Some(Field::LastName), Some(Field::LastName)]),
        ..ImportOptions::default()
    };
    let Err(Error::Validation(issues)) =
        analyse_with(&table(&[MARIE]), &options, &campaign(Vec::new()), 100)
    else {
        panic!("refused");
    };
    assert_eq!(issues[0].field, "mapping.last_name");
    assert_eq!(
        issues[0].message,
        "Le champ « Nom » est associé à plusieurs colonnes (A, B) : gardez-en une seule."
    );
}

#[test]
fn a_table_without_headers_is_unreadable() {
    let t = Table {
        rows: vec![Row {
            number: 1,
            cells: vec![Cell::Text("Dupont".into()), Cell::Text("Marie".into())],
        }],
        ..table(&[])
    };
    let Err(Error::Unreadable { reason, .. }) =
        analyse_with(&t, &ImportOptions::default(), &campaign(Vec::new()), 100)
    else {
        panic!("unreadable");
    };
    assert!(reason.starts_with("aucune ligne d'en-têtes n'a été reconnue"));
    let options = ImportOptions {
        header_row: Some(9),
        ..ImportOptions::default()
    };
    let Err(Error::Unreadable { reason, .. }) =
        analyse_with(&table(&[MARIE]), &options, &campaign(Vec::new()), 100)
    else {
        panic!("unreadable");
    };
    assert_eq!(reason, "il n'a pas de ligne 9");
}

#[test]
fn a_cancelled_analysis_stops() {
    let cancel = AtomicBool::new(true);
    let (meta, mut rows) = table(&[MARIE]).rows_source();
    let r = analyse(
        Path::new("x.csv"),
        Source {
            meta,
            rows: &mut rows,
        },
        &ImportOptions::default(),
        &campaign(Vec::new()),
        Run {
            limit: 10,
            progress: &mut |_| {},
            cancel: &cancel,
            sink: None,
        },
    );
    assert!(matches!(r, Err(Error::Cancelled)));
}

#[test]
fn the_record_of_a_created_row_says_what_the_merge_reads_of_it() {
    // Every field of a full row, with what JSON must escape and French numbers.
    let data = CandidateData {
        last_name: "D'ARTAGNAN \"LE JEUNE\"".into(),
        first_names: "Émilie\\Zoé".into(),
        birth_date: Some("2001-01-16".into()),
        email: Some("emilie.dartagnan@etu.u-picardie.fr".into()),
        student_number: Some("2024A0017".into()),
        category: Some(Category::Intern),
        discipline: Some(Discipline::Odontology),
        national_rank: Some(1_204),
        average_n1: Some(14.256),
        average_n2: Some(12.0),
        ars_agreement: Some(false),
        notes: Some("ligne 1\nligne 2\t(tabulation)".into()),
        ..CandidateData::default()
    };
    let mapped: Vec<(usize, Field)> = Field::ALL.into_iter().enumerate().collect();
    let json = given_json(&data, &mapped);
    let read: Vec<(String, String)> = serde_json::from_str::<serde_json::Map<_, _>>(&json)
        .expect("a JSON object")
        .into_iter()
        .map(|(k, v)| (k, v.as_str().expect("a string").to_owned()))
        .collect();
    let given = given_of(&data, &mapped);
    let expected: Vec<(String, String)> = given
        .0
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    assert_eq!(sorted(read), sorted(expected));
    assert_eq!(given.get("average_n1").map(String::as_str), Some("14,26"));
    assert_eq!(given.get("average_n2").map(String::as_str), Some("12"));
    assert_eq!(
        given.get("birth_date").map(String::as_str),
        Some("16/01/2001")
    );
    assert_eq!(
        given.get("discipline").map(String::as_str),
        Some("Odontologie")
    );
    // An empty field says nothing; the derived category and discipline always speak.
    assert_eq!(given.get("phone"), None);
    let bare = CandidateData {
        last_name: "MARTIN".into(),
        first_names: "Léa".into(),
        ..CandidateData::default()
    };
    assert_eq!(
        given_json(&bare, &mapped[..2]),
        r#"{"last_name":"MARTIN","first_names":"Léa","category":"","discipline":""}"#
    );
}
