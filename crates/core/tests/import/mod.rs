//! Importing candidate spreadsheets as faculties export them.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use cesp_core::campaign::CampaignSettings;
use cesp_core::candidate::{Category, Discipline};
use cesp_core::import::fields::{Field, MappingTemplate, TemplateColumn};
use cesp_core::import::{ImportOptions, Preview, Resolution};
use cesp_core::Campaign;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn both_disciplines() -> CampaignSettings {
    let mut s = super::settings();
    s.disciplines = vec![Discipline::Medicine, Discipline::Odontology];
    s
}

fn campaign(dir: &Path) -> Campaign {
    Campaign::create(
        &dir.join("campagne.cesp"),
        &both_disciplines(),
        "Claire Dumont",
    )
    .expect("campaign")
}

fn preview(c: &Campaign, file: &Path, options: &ImportOptions) -> Preview {
    c.preview_import(
        file,
        options,
        usize::MAX,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("preview")
}

fn import(c: &mut Campaign, file: &Path, options: &ImportOptions) -> Preview {
    c.import(
        file,
        options,
        "Claire Dumont",
        usize::MAX,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("import")
    .preview
}

/// The export of a faculty's student records office: two title lines above the header,
/// dates as date cells, an INE, a rank "123/8500", averages, and a few bad rows.
fn scolarite_xlsx(dir: &Path, name: &str, rows: &[[&str; 10]]) -> PathBuf {
    let path = dir.join(name);
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = wb.add_worksheet();
    sheet.set_name("Liste CESP").expect("name");
    sheet
        .write_string(0, 0, "Université de Picardie — candidatures CESP 2026-2027")
        .expect("w");
    sheet
        .write_string(1, 0, "Extraction du 20/11/2026")
        .expect("w");
    let headers = [
        "NOM",
        "Prénom(s)",
        "Date de naissance (jj/mm/aaaa)",
        "N° INE",
        "Année d'études",
        "Courriel",
        "Rang EDN",
        "Moyenne N-1",
        "Spécialité envisagée",
        "Nationalité",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(3, c as u16, *h).expect("w");
    }
    for (i, r) in rows.iter().enumerate() {
        let row = 4 + i as u32;
        for (c, v) in r.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let col = c as u16;
            if c == 2 {
                // A real date cell when it is a valid date, text otherwise (as typed).
                let parts: Vec<&str> = v.split('/').collect();
                let parsed = (parts.len() == 3)
                    .then(|| {
                        ExcelDateTime::from_ymd(
                            parts[2].parse().ok()?,
                            parts[1].parse().ok()?,
                            parts[0].parse().ok()?,
                        )
                        .ok()
                    })
                    .flatten();
                match parsed {
                    Some(d) => sheet
                        .write_date_with_format(row, col, &d, &date)
                        .expect("w"),
                    None => sheet.write_string(row, col, *v).expect("w"),
                };
            } else if c == 7 {
                match v.parse::<f64>() {
                    Ok(n) => sheet.write_number(row, col, n).expect("w"),
                    Err(_) => sheet.write_string(row, col, *v).expect("w"),
                };
            } else {
                sheet.write_string(row, col, *v).expect("w");
            }
        }
    }
    wb.save(&path).expect("save");
    path
}

const ROWS: [[&str; 10]; 7] = [
    [
        "Lefèvre",
        "zoé",
        "16/01/2001",
        "1234567890A",
        "DFASM2",
        "zoe.lefevre@etu.u-picardie.fr",
        "",
        "14.25",
        "Médecine générale",
        "française",
    ],
    [
        "N'Diaye",
        "MARIE-ÈVE",
        "03/09/1998",
        "2234567890B",
        "DES de psychiatrie, 2e année",
        "me.ndiaye@etu.u-picardie.fr",
        "1234/8791",
        "13.5",
        "Psychiatrie",
        "Sénégalaise",
    ],
    ["", "", "", "", "", "", "", "", "", ""],
    [
        "DUPONT-MOREAU",
        "Jean-Baptiste",
        "31/02/2001",
        "3234567890C",
        "DFASO1",
        "jb@@exemple",
        "",
        "12",
        "Chirurgie dentaire",
        "",
    ],
    [
        "Guérin",
        "Anaïs",
        "12/12/2000",
        "4234567890D",
        "DFASO2",
        "anais.guerin@etu.u-picardie.fr",
        "",
        "15.5",
        "Chirurgie dentaire",
        "",
    ],
    [
        "LEFEVRE",
        "Zoé",
        "16/01/2001",
        "1234567890A",
        "DFASM2",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "Martin",
        "Paul",
        "01/06/1999",
        "5234567890E",
        "Pharmacie 5e année",
        "paul.martin@etu.u-picardie.fr",
        "",
        "11",
        "",
        "",
    ],
];

#[test]
fn a_records_office_export_is_previewed_then_imported_exactly() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let file = scolarite_xlsx(dir.path(), "candidats.xlsx", &ROWS);
    let p = preview(&c, &file, &ImportOptions::default());
    assert_eq!(p.format, "Excel (xlsx)");
    assert_eq!(p.sheet.as_deref(), Some("Liste CESP"));
    assert_eq!(p.header_row, 4, "the header is found below the title lines");
    let mapped: Vec<Option<Field>> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        mapped,
        vec![
            Some(Field::LastName),
            Some(Field::FirstNames),
            Some(Field::BirthDate),
            Some(Field::StudentNumber),
            Some(Field::StudyYear),
            Some(Field::Email),
            Some(Field::NationalRank),
            Some(Field::AverageN1),
            Some(Field::Specialty),
            Some(Field::Nationality),
        ]
    );
    assert_eq!(
        p.columns[0].samples,
        vec!["Lefèvre", "N'Diaye", "DUPONT-MOREAU"]
    );
    assert!(p.missing.is_empty());
    assert_eq!(p.counts.rows, 6);
    assert_eq!(p.counts.blank, 1);
    assert_eq!(p.counts.create, 3);
    assert_eq!(p.counts.rejected_rows, 3);
    // Spreadsheet row numbers, column letters, the value as typed, a French reason.
    let r: Vec<(u32, &str, &str, &str)> = p
        .rejected
        .iter()
        .map(|r| {
            (
                r.row,
                r.column.as_str(),
                r.value.as_str(),
                r.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(r[0].0, 8);
    assert_eq!((r[0].1, r[0].2), ("C", "31/02/2001"));
    assert!(r[0].3.starts_with("date invalide"), "{}", r[0].3);
    assert_eq!((r[1].0, r[1].1, r[1].2), (8, "F", "jb@@exemple"));
    assert!(r[1].3.contains("adresse électronique"));
    assert_eq!(r[2].0, 10);
    assert!(
        r[2].3.contains("même candidat que la ligne 5"),
        "{}",
        r[2].3
    );
    assert_eq!(r[3].0, 11);
    assert!(r[3].3.contains("catégorie inconnue"), "{}", r[3].3);
    assert_eq!(p.rejected[0].header, "Date de naissance (jj/mm/aaaa)");

    let before = c.candidates().expect("list");
    assert!(before.is_empty(), "a preview writes nothing");
    let applied = import(&mut c, &file, &ImportOptions::default());
    assert_eq!(applied.counts, p.counts);
    let list = c.candidates().expect("list");
    assert_eq!(list.len(), 3);
    let zoe = list
        .iter()
        .find(|x| x.data.last_name == "LEFÈVRE")
        .expect("Zoé");
    assert_eq!(zoe.data.first_names, "Zoé");
    assert_eq!(zoe.data.birth_date.as_deref(), Some("2001-01-16"));
    assert_eq!(zoe.category, Category::Student);
    assert_eq!(zoe.discipline, Discipline::Medicine);
    assert_eq!(zoe.data.average_n1, Some(14.25));
    assert_eq!(zoe.data.nationality.as_deref(), Some("Française"));
    let marie = list
        .iter()
        .find(|x| x.data.last_name == "N'DIAYE")
        .expect("Marie-Ève");
    assert_eq!(marie.data.first_names, "Marie-Ève");
    assert_eq!(marie.category, Category::Intern);
    assert_eq!(
        (marie.data.national_rank, marie.data.cohort_size),
        (Some(1234), Some(8791))
    );
    let anais = list
        .iter()
        .find(|x| x.data.last_name == "GUÉRIN")
        .expect("Anaïs");
    assert_eq!(anais.discipline, Discipline::Odontology);
    let journal = c.journal(1).expect("journal");
    assert!(
        journal[0].summary.contains(
            "Import de « candidats.xlsx » (feuille « Liste CESP ») : 3 candidats créés, 0 mis à jour, 3 lignes rejetées."
        ),
        "{}",
        journal[0].summary
    );

    // The same file again changes nothing.
    let again = c
        .import(
            &file,
            &ImportOptions::default(),
            "Claire",
            usize::MAX,
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .expect("again");
    assert_eq!(again.batch_id, None);
    assert_eq!(again.preview.counts.unchanged, 3);
    assert_eq!(again.preview.counts.create + again.preview.counts.update, 0);
    assert_eq!(c.imports().expect("imports").len(), 1);
}

#[test]
fn a_newer_file_updates_what_changed_and_never_overwrites_an_edit_silently() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let first = scolarite_xlsx(dir.path(), "novembre.xlsx", &ROWS[..2]);
    import(&mut c, &first, &ImportOptions::default());
    let zoe_id = c
        .candidates()
        .expect("list")
        .into_iter()
        .find(|x| x.data.last_name == "LEFÈVRE")
        .expect("Zoé")
        .id;

    // The secretary corrects Zoé's e-mail by hand in the app.
    let mut zoe = cesp_core::candidate::get(c.conn(), zoe_id)
        .expect("get")
        .data;
    zoe.email = Some("zoe.lefevre@gmail.com".into());
    c.store()
        .write("Claire", |tx| {
            cesp_core::candidate::update_data(tx, zoe_id, &zoe)?;
            Ok(((), None))
        })
        .expect("edit");

    // December's file changes her e-mail and her average, and adds Anaïs.
    let mut rows = [ROWS[0], ROWS[1], ROWS[4]];
    rows[0][5] = "z.lefevre@etu.u-picardie.fr";
    rows[0][7] = "15";
    let newer = scolarite_xlsx(dir.path(), "decembre.xlsx", &rows);
    let p = preview(&c, &newer, &ImportOptions::default());
    assert_eq!(p.counts.create, 1);
    assert_eq!(p.counts.update, 1);
    assert_eq!(p.counts.unchanged, 1);
    assert_eq!(
        p.updates[0].changes.len(),
        1,
        "only the average updates by itself"
    );
    assert_eq!(p.updates[0].changes[0].field, Field::AverageN1);
    assert_eq!(
        (
            p.updates[0].changes[0].before.as_str(),
            p.updates[0].changes[0].after.as_str()
        ),
        ("14,25", "15")
    );
    assert_eq!(p.conflicts.len(), 1);
    let k = &p.conflicts[0];
    assert_eq!(
        (k.field, k.in_app.as_str(), k.in_file.as_str()),
        (
            Field::Email,
            "zoe.lefevre@gmail.com",
            "z.lefevre@etu.u-picardie.fr"
        )
    );

    // Applied without a choice: the edit made in the app is kept.
    import(&mut c, &newer, &ImportOptions::default());
    let zoe = cesp_core::candidate::get(c.conn(), zoe_id)
        .expect("get")
        .data;
    assert_eq!(zoe.email.as_deref(), Some("zoe.lefevre@gmail.com"));
    assert_eq!(zoe.average_n1, Some(15.0));
    // Re-importing the same file does not ask again.
    let p = preview(&c, &newer, &ImportOptions::default());
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    assert_eq!(p.counts.unchanged, 3);

    // Undo the December import: Anaïs goes, Zoé's average comes back.
    let batches = c.imports().expect("imports");
    assert!(batches[0].can_undo && !batches[1].can_undo);
    let err = c
        .undo_import(batches[1].id, "Claire")
        .expect_err("not the latest");
    assert!(
        err.to_string()
            .contains("annulez d'abord l'import de « decembre.xlsx »"),
        "{err}"
    );
    c.undo_import(batches[0].id, "Claire").expect("undo");
    let list = c.candidates().expect("list");
    assert_eq!(list.len(), 2);
    let zoe = cesp_core::candidate::get(c.conn(), zoe_id)
        .expect("get")
        .data;
    assert_eq!(zoe.average_n1, Some(14.25));
    assert_eq!(
        zoe.email.as_deref(),
        Some("zoe.lefevre@gmail.com"),
        "the hand edit predates the import"
    );
    assert!(c.journal(1).expect("journal")[0].summary.contains("annulé"));
}

#[test]
fn a_conflict_settled_for_the_file_takes_the_file_value() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let first = scolarite_xlsx(dir.path(), "a.xlsx", &[ROWS[0]]);
    import(&mut c, &first, &ImportOptions::default());
    let id = c.candidates().expect("list")[0].id;
    let mut data = cesp_core::candidate::get(c.conn(), id).expect("get").data;
    data.specialty = Some("Pédiatrie".into());
    c.store()
        .write("Claire", |tx| {
            cesp_core::candidate::update_data(tx, id, &data)?;
            Ok(((), None))
        })
        .expect("edit");
    let mut row = ROWS[0];
    row[8] = "Psychiatrie";
    let second = scolarite_xlsx(dir.path(), "b.xlsx", &[row]);
    let options = ImportOptions {
        resolutions: vec![Resolution {
            candidate_id: id,
            field: Field::Specialty,
            take_file: true,
        }],
        ..Default::default()
    };
    let p = import(&mut c, &second, &options);
    assert!(p.conflicts[0].take_file);
    // The choice is in the journal, with both values.
    let entry = &c.journal(1).expect("journal")[0];
    assert_eq!(entry.changes.len(), 1);
    assert!(
        entry.changes[0]
            .field
            .ends_with("Spécialité envisagée (conflit)"),
        "{:?}",
        entry.changes
    );
    assert_eq!(entry.changes[0].before, "Pédiatrie");
    assert_eq!(
        entry.changes[0].after,
        "Psychiatrie (valeur du fichier retenue)"
    );
    let data = cesp_core::candidate::get(c.conn(), id).expect("get").data;
    assert_eq!(data.specialty.as_deref(), Some("Psychiatrie"));
}

#[test]
fn french_excel_csv_with_serial_dates_and_a_saved_mapping() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let text = "Nom;Prénom;Né(e) le;Statut;Filière;Moyenne N-1;Moyenne N-2;Accord ARS;Code\r\n\
                LEMAÎTRE;Benoît;36907;Interne;Médecine;12,75;13,5;oui;A12\r\n\
                HOARAU;Océane;05/11/99;Externe;Médecine;15,2;14;non;A13\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let file = dir.path().join("export scolarité.csv");
    std::fs::write(&file, &bytes).expect("write");
    let template = MappingTemplate {
        name: "Scolarité".into(),
        columns: vec![TemplateColumn {
            header: "Code".into(),
            field: Some(Field::StudentNumber),
        }],
    };
    let options = ImportOptions {
        template: Some(template),
        ..Default::default()
    };
    let p = import(&mut c, &file, &options);
    assert_eq!(p.format, "CSV (Windows-1252, séparateur point-virgule)");
    assert_eq!(p.columns[8].field, Some(Field::StudentNumber));
    assert_eq!(p.counts.create, 2, "{:?}", p.rejected);
    let list = c.candidates().expect("list");
    let benoit = list
        .iter()
        .find(|x| x.data.first_names == "Benoît")
        .expect("Benoît");
    assert_eq!(benoit.data.birth_date.as_deref(), Some("2001-01-16"));
    assert_eq!(benoit.data.average_n1, Some(12.75));
    assert_eq!(benoit.data.ars_agreement, Some(true));
    assert_eq!(benoit.data.student_number.as_deref(), Some("A12"));
    let oceane = list
        .iter()
        .find(|x| x.data.last_name == "HOARAU")
        .expect("Océane");
    assert_eq!(oceane.data.birth_date.as_deref(), Some("1999-11-05"));
    assert_eq!(oceane.category, Category::Student);
}

#[test]
fn a_1904_workbook_gives_the_right_dates() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let file = fixtures().join("dates-1904.xlsx");
    let p = import(&mut c, &file, &ImportOptions::default());
    assert_eq!(p.counts.create, 1, "{:?}", p.rejected);
    let list = c.candidates().expect("list");
    assert_eq!(list[0].data.birth_date.as_deref(), Some("2001-01-16"));
    assert_eq!(list[0].data.first_names, "Anaïs");
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import")
}

#[test]
fn every_bad_file_of_the_corpus_gets_its_french_message_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let good = scolarite_xlsx(dir.path(), "ok.xlsx", &[ROWS[0]]);
    import(&mut c, &good, &ImportOptions::default());
    let snapshot = (
        c.candidates().expect("list"),
        c.journal(100).expect("journal").len(),
    );
    let expected = std::fs::read_to_string(fixtures().join("expected.tsv")).expect("expected.tsv");
    let mut checked = 0;
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (name, words) = line.split_once('\t').expect("tab-separated");
        let file = fixtures().join(name);
        let err = c
            .import(
                &file,
                &ImportOptions::default(),
                "Claire",
                usize::MAX,
                &mut |_| {},
                &AtomicBool::new(false),
            )
            .expect_err(name);
        let m = err.to_string();
        assert!(m.contains(words), "{name}: « {m} » lacks « {words} »");
        assert!(m.contains(name), "{name}: « {m} » does not name the file");
        assert_eq!(
            (
                c.candidates().expect("list"),
                c.journal(100).expect("journal").len()
            ),
            snapshot,
            "{name} changed the campaign"
        );
        checked += 1;
    }
    assert!(checked >= 11, "the corpus has {checked} files");
}

#[test]
fn a_million_row_file_is_refused_quickly_and_clearly() {
    let dir = tempfile::tempdir().expect("temp");
    let c = campaign(dir.path());
    let file = dir.path().join("un million.csv");
    let mut text = String::from("NOM;Prénom\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("N{i};P\n"));
    }
    std::fs::write(&file, text).expect("write");
    let err = c
        .preview_import(
            &file,
            &ImportOptions::default(),
            10,
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .expect_err("too many rows");
    let m = err.to_string();
    assert!(m.contains("1\u{a0}000\u{a0}001 lignes"), "{m}");
    assert!(m.contains("limite de 200\u{a0}000"), "{m}");
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let file = scolarite_xlsx(dir.path(), "x.xlsx", &ROWS);
    let err = c
        .import(
            &file,
            &ImportOptions::default(),
            "Claire",
            10,
            &mut |_| {},
            &AtomicBool::new(true),
        )
        .expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert!(c.candidates().expect("list").is_empty());
    assert!(c.imports().expect("imports").is_empty());
}

#[test]
fn an_import_cancelled_half_way_leaves_nothing_of_the_rows_already_written() {
    // The rows are written as they are analysed, while the file is still being read: a
    // cancel (or a failure) after thousands of them must still leave the campaign as it was.
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let rows: Vec<[String; 10]> = (0..9_000)
        .map(|i| {
            [
                format!("NOM{i}"),
                "Zoé".into(),
                "16/01/2001".into(),
                format!("0904{i:07}AB"),
                "DFASM2".into(),
                format!("candidat.{i}@etu.u-picardie.fr"),
                String::new(),
                "13,5".into(),
                "Médecine générale".into(),
                "Française".into(),
            ]
        })
        .collect();
    let rows: Vec<[&str; 10]> = rows
        .iter()
        .map(|r| std::array::from_fn(|k| r[k].as_str()))
        .collect();
    let file = scolarite_xlsx(dir.path(), "grande liste.xlsx", &rows);
    let journal = c.journal(1000).expect("journal").len();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let err = c
        .import(
            &file,
            &ImportOptions::default(),
            "Claire",
            10,
            &mut |p| {
                seen.push(p.done);
                if p.done >= 6_000 {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert!(
        seen.contains(&6_000),
        "the import was well under way: {seen:?}"
    );
    assert!(c.candidates().expect("list").is_empty());
    assert!(c.imports().expect("imports").is_empty());
    assert_eq!(c.journal(1000).expect("journal").len(), journal);

    // Then, not cancelled, the same file lands whole.
    let applied = c
        .import(
            &file,
            &ImportOptions::default(),
            "Claire",
            10,
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .expect("import");
    assert_eq!(applied.preview.counts.create, 9_000);
    assert_eq!(c.candidates().expect("list").len(), 9_000);
    assert_eq!(c.imports().expect("imports")[0].created, 9_000);
}

type Essentials = Vec<(String, Option<String>, Option<f64>, Category)>;

fn essentials(c: &Campaign) -> Essentials {
    c.candidates()
        .expect("candidates")
        .into_iter()
        .map(|r| {
            (
                r.display_name,
                r.data.birth_date,
                r.data.average_n1,
                r.category,
            )
        })
        .collect()
}

#[test]
fn exports_can_be_reimported_as_they_are() {
    let dir = tempfile::tempdir().expect("temp");
    let demo = cesp_core::demo::create_at(
        &dir.path().join("demo.cesp"),
        cesp_core::demo::STORY_SIGNING_DAY,
    )
    .expect("demo");
    let xlsx = dir.path().join("candidats.xlsx");
    let csv = dir.path().join("candidats.csv");
    assert_eq!(demo.export_candidates_xlsx(&xlsx).expect("xlsx"), 60);
    assert_eq!(demo.export_candidates_csv(&csv).expect("csv"), 60);
    let text = std::fs::read_to_string(&csv).expect("read");
    assert!(text.starts_with("\u{feff}Nom;Prénom(s);Nom de naissance;Date de naissance"));
    for file in [&xlsx, &csv] {
        let mut fresh = Campaign::create(
            &dir.path().join(format!(
                "copie-{}.cesp",
                file.extension().and_then(|e| e.to_str()).unwrap_or("x")
            )),
            &both_disciplines(),
            "Claire",
        )
        .expect("campaign");
        let p = import(&mut fresh, file, &ImportOptions::default());
        assert_eq!(
            p.counts.create,
            60,
            "{}: {:?}",
            file.display(),
            p.rejected.first()
        );
        assert!(
            p.columns.iter().all(|c| c.field.is_some()),
            "every exported column is recognised"
        );
        let a = essentials(&demo);
        let b = essentials(&fresh);
        assert_eq!(a, b);
    }
}

#[test]
fn a_read_me_sheet_in_front_does_not_hide_the_list_and_names_sort_the_french_way() {
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let path = dir.path().join("deux feuilles.xlsx");
    let mut wb = Workbook::new();
    let readme = wb.add_worksheet();
    readme.set_name("Lisez-moi").expect("name");
    readme
        .write_string(0, 0, "Cette liste est confidentielle.")
        .expect("w");
    readme
        .write_string(1, 0, "Merci de ne pas la diffuser.")
        .expect("w");
    let list = wb.add_worksheet();
    list.set_name("Liste 2026").expect("name");
    for (r, row) in [
        ["NOM", "Prénom", "Catégorie", "Discipline"],
        ["Œuvray", "Lise", "Étudiant", "Médecine"],
        ["N'Diaye", "Awa", "Étudiant", "Médecine"],
        ["Çelik", "Deniz", "Étudiant", "Médecine"],
        ["Lefèvre", "Zoé", "Étudiant", "Médecine"],
    ]
    .iter()
    .enumerate()
    {
        for (col, v) in row.iter().enumerate() {
            list.write_string(r as u32, col as u16, *v).expect("w");
        }
    }
    wb.save(&path).expect("save");
    let p = import(&mut c, &path, &ImportOptions::default());
    assert_eq!(p.sheet.as_deref(), Some("Liste 2026"));
    assert_eq!(p.counts.create, 4);
    let names: Vec<String> = c
        .candidates()
        .expect("list")
        .into_iter()
        .map(|r| r.data.last_name)
        .collect();
    assert_eq!(names, vec!["ÇELIK", "LEFÈVRE", "N'DIAYE", "ŒUVRAY"]);
}

/// How many bad spreadsheets the import corpus lists.
pub fn corpus_size() -> usize {
    std::fs::read_to_string(fixtures().join("expected.tsv"))
        .expect("expected.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .count()
}

/// Rewrites `rows` (read back from a workbook) as a workbook, as a user saving the
/// corrected file would.
fn rewrite(path: &Path, rows: &[Vec<calamine::Data>]) {
    use calamine::Data;
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::String(s) => {
                    sheet.write_string(r, c, s).expect("w");
                }
                Data::Float(n) => {
                    sheet.write_number(r, c, *n).expect("w");
                }
                Data::Int(n) => {
                    sheet.write_number(r, c, *n as f64).expect("w");
                }
                Data::DateTime(d) => {
                    let d = d.as_datetime().expect("date");
                    let x = ExcelDateTime::parse_from_str(&d.format("%Y-%m-%d").to_string())
                        .expect("date");
                    sheet
                        .write_datetime_with_format(r, c, &x, &date)
                        .expect("w");
                }
                _ => {}
            }
        }
    }
    wb.save(path).expect("save");
}

#[test]
fn rejected_rows_are_saved_with_their_reasons_corrected_and_imported_again() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("temp");
    let mut c = campaign(dir.path());
    let file = scolarite_xlsx(dir.path(), "candidats.xlsx", &ROWS);
    assert_eq!(
        import(&mut c, &file, &ImportOptions::default())
            .counts
            .rejected_rows,
        3
    );
    let journal = c.journal(100).expect("journal").len();

    let rejected = dir.path().join("rejets.xlsx");
    let written = c
        .export_rejected(&file, &ImportOptions::default(), &rejected)
        .expect("rejected rows");
    assert_eq!(written, 3);
    assert_eq!(
        c.journal(100).expect("journal").len(),
        journal,
        "nothing written in the campaign"
    );
    let mut wb: Xlsx<_> = calamine::open_workbook(&rejected).expect("open");
    let sheet = wb.worksheet_range("Lignes rejetées").expect("sheet");
    let mut rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let text = |d: &Data| d.to_string();
    // The file's own header row (its title lines left out), then « Motif du rejet ».
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        vec![
            "NOM",
            "Prénom(s)",
            "Date de naissance (jj/mm/aaaa)",
            "N° INE",
            "Année d'études",
            "Courriel",
            "Rang EDN",
            "Moyenne N-1",
            "Spécialité envisagée",
            "Nationalité",
            "Motif du rejet",
        ]
    );
    assert_eq!(rows.len(), 4);
    // Each row as it was in the file, with every field at fault named.
    assert_eq!(text(&rows[1][0]), "DUPONT-MOREAU");
    assert_eq!(text(&rows[1][2]), "31/02/2001");
    assert_eq!(rows[1][7], Data::Float(12.0), "numbers stay numbers");
    let why = text(&rows[1][10]);
    assert!(
        why.starts_with("« Date de naissance » (colonne C) : date invalide"),
        "{why}"
    );
    assert!(
        why.contains(" ; « Courriel » (colonne F) : adresse électronique invalide"),
        "{why}"
    );
    assert_eq!(text(&rows[2][0]), "LEFEVRE");
    assert!(
        matches!(rows[2][2], Data::DateTime(_)),
        "dates stay dates: {:?}",
        rows[2][2]
    );
    assert!(
        text(&rows[2][10]).starts_with("Même candidat que la ligne 5"),
        "{}",
        text(&rows[2][10])
    );
    assert_eq!(text(&rows[3][0]), "Martin");
    assert!(
        text(&rows[3][10]).starts_with("Catégorie inconnue"),
        "{}",
        text(&rows[3][10])
    );

    // The secretary corrects the date, the e-mail and the year, deletes the duplicate,
    // leaves the reasons column, and imports the workbook again.
    rows[1][2] = Data::String("28/02/2001".into());
    rows[1][5] = Data::String("jb.dupont-moreau@etu.u-picardie.fr".into());
    rows[3][4] = Data::String("DFASM1".into());
    rows.remove(2);
    let fixed = dir.path().join("rejets corrigés.xlsx");
    rewrite(&fixed, &rows);
    let p = preview(&c, &fixed, &ImportOptions::default());
    assert_eq!(p.columns[10].field, None, "the reasons are not imported");
    assert_eq!(
        (p.counts.create, p.counts.rejected_rows),
        (2, 0),
        "{:?}",
        p.rejected
    );
    import(&mut c, &fixed, &ImportOptions::default());
    let list = c.candidates().expect("list");
    assert_eq!(list.len(), 5);
    let jb = list
        .iter()
        .find(|x| x.data.last_name == "DUPONT-MOREAU")
        .expect("JB");
    assert_eq!(jb.data.birth_date.as_deref(), Some("2001-02-28"));
    assert_eq!(jb.discipline, Discipline::Odontology);
    let paul = list
        .iter()
        .find(|x| x.data.last_name == "MARTIN")
        .expect("Paul");
    assert_eq!(paul.category, Category::Student);
    // Nothing left to reject: the workbook of rejected rows is empty but for its header.
    let none = dir.path().join("aucun rejet.xlsx");
    assert_eq!(
        c.export_rejected(&fixed, &ImportOptions::default(), &none)
            .expect("none"),
        0
    );
}
