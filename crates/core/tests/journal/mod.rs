//! The journal filtered by day, person and kind of action, and exported as it is shown.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use cesp_core::journal::{JournalFilter, JournalKind};
use cesp_core::{Campaign, Error};

use super::{import_csv, settings, tamper, temp};

/// A campaign whose journal has rows by three people, of four kinds, and two score rows
/// written on each side of midnight in Paris (21 November 2026 at 23 h 30 and 22 November
/// at 0 h 30).
fn journal_campaign(dir: &Path) -> Campaign {
    let path = dir.join("journal.cesp");
    {
        let mut c =
            Campaign::create(&path, &settings(), "Claire Dumont, secrétaire").expect("create");
        let mut s = settings();
        s.quotas.intern.medicine = 9;
        c.update_settings(&s, "Pr Lefebvre").expect("update");
        import_csv(
            &mut c,
            dir,
            "Nom;Prénom;Date de naissance;Catégorie;Discipline\nMARTIN;Adrien;12/03/2001;Étudiant;Médecine\n",
        );
    }
    tamper(
        &path,
        "INSERT INTO journal (at, operator, action, summary, details) VALUES
           ('2026-11-21T22:30:00.000Z', 'M. Thomas Leroy', 'score.set', 'Note de MARTIN Adrien : 3.', '[{\"field\":\"Projet\",\"before\":\"\",\"after\":\"3\"}]'),
           ('2026-11-21T23:30:00.000Z', 'M. Thomas Leroy', 'score.set', 'Note de MARTIN Adrien : 4.', '[]');",
    );
    Campaign::open(&path).expect("reopen")
}

fn search(c: &Campaign, filter: JournalFilter) -> cesp_core::journal::JournalPage {
    c.search_journal(&filter).expect("search")
}

fn summaries(page: &cesp_core::journal::JournalPage) -> Vec<&str> {
    page.rows.iter().map(|r| r.summary.as_str()).collect()
}

#[test]
fn the_journal_is_filtered_by_day_person_and_kind() {
    let dir = temp();
    let c = journal_campaign(dir.path());

    let all = search(&c, JournalFilter::default());
    assert_eq!(all.total, 5);
    assert_eq!(all.matching, 5);
    assert_eq!(all.rows.len(), 5);
    assert_eq!(
        all.rows[0].summary, "Note de MARTIN Adrien : 4.",
        "newest first"
    );
    assert_eq!(all.rows[0].kind, JournalKind::Scoring);
    assert_eq!(all.rows[0].kind_label, "Notation");
    assert_eq!(all.description, "");
    // The people and kinds to choose from, in alphabetical and in the sections' order.
    assert_eq!(
        all.persons,
        vec![
            "Claire",
            "Claire Dumont, secrétaire",
            "M. Thomas Leroy",
            "Pr Lefebvre"
        ]
    );
    let kinds: Vec<(JournalKind, &str, u32)> = all
        .kinds
        .iter()
        .map(|k| (k.kind, k.label.as_str(), k.count))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (JournalKind::Campaign, "Campagne", 2),
            (JournalKind::Import, "Imports", 1),
            (JournalKind::Scoring, "Notation", 2),
        ]
    );

    // A day is a day in Paris: 23 h 30 UTC on the 21st is already the 22nd.
    let day22 = search(
        &c,
        JournalFilter {
            from: "22/11/2026".into(),
            to: "22/11/2026".into(),
            ..Default::default()
        },
    );
    assert_eq!(summaries(&day22), vec!["Note de MARTIN Adrien : 4."]);
    assert_eq!(day22.description, "le 22/11/2026");
    assert_eq!(day22.total, 5);
    let day21 = search(
        &c,
        JournalFilter {
            from: "21/11/2026".into(),
            to: "21/11/2026".into(),
            ..Default::default()
        },
    );
    assert_eq!(summaries(&day21), vec!["Note de MARTIN Adrien : 3."]);
    assert_eq!(day21.rows[0].changes[0].field, "Projet");
    let until = search(
        &c,
        JournalFilter {
            to: "22/11/2026".into(),
            ..Default::default()
        },
    );
    assert_eq!(
        until.matching, 2,
        "everything else was written today, after 2026"
    );
    assert_eq!(until.description, "jusqu'au 22/11/2026");

    // A person chosen from the list is that person only, not every name holding it.
    let claire = search(
        &c,
        JournalFilter {
            person: Some("Claire".into()),
            ..Default::default()
        },
    );
    assert_eq!(claire.matching, 1);
    assert_eq!(claire.rows[0].action, "import.apply");
    assert_eq!(claire.description, "par Claire");
    // Words of a name, any case, accents or not (the command line's way).
    let dumont = search(
        &c,
        JournalFilter {
            person: Some("dumont SECRETAIRE".into()),
            ..Default::default()
        },
    );
    assert_eq!(dumont.matching, 1);
    assert_eq!(dumont.rows[0].action, "campaign.create");
    let nobody = search(
        &c,
        JournalFilter {
            person: Some("Martin".into()),
            ..Default::default()
        },
    );
    assert_eq!(nobody.matching, 0);
    assert!(
        nobody.description.contains("aucune personne de ce nom"),
        "{}",
        nobody.description
    );

    // By kind, and all filters together.
    let campaign = search(
        &c,
        JournalFilter {
            kind: Some(JournalKind::Campaign),
            ..Default::default()
        },
    );
    let actions: Vec<&str> = campaign.rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, vec!["campaign.update", "campaign.create"]);
    let together = search(
        &c,
        JournalFilter {
            from: "01/11/2026".into(),
            to: "30/11/2026".into(),
            person: Some("M. Thomas Leroy".into()),
            kind: Some(JournalKind::Scoring),
            limit: Some(1),
        },
    );
    assert_eq!(together.matching, 2);
    assert_eq!(together.rows.len(), 1, "the limit keeps the newest");
    assert_eq!(
        together.description,
        "du 01/11/2026 au 30/11/2026, par M. Thomas Leroy, Notation"
    );
}

#[test]
fn a_filter_day_that_is_not_a_date_is_refused_at_its_field() {
    let dir = temp();
    let c = journal_campaign(dir.path());
    let e = c
        .search_journal(&JournalFilter {
            from: "32/11/2026".into(),
            to: "hier".into(),
            ..Default::default()
        })
        .expect_err("not dates");
    let Error::Validation(issues) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(issues[0].field, "from");
    assert_eq!(
        issues[0].message,
        "« Du » : « 32/11/2026 » n'est pas une date ; écrivez-la JJ/MM/AAAA."
    );
    assert_eq!(issues[1].field, "to");
    let e = c
        .search_journal(&JournalFilter {
            from: "30/11/2026".into(),
            to: "01/11/2026".into(),
            ..Default::default()
        })
        .expect_err("backwards");
    assert_eq!(e.details()[0].field, "to");
    assert!(
        e.to_string()
            .contains("le 01/11/2026 est avant le 30/11/2026"),
        "{e}"
    );
}

#[test]
fn the_filtered_journal_is_exported_to_xlsx_and_csv() {
    let dir = temp();
    let c = journal_campaign(dir.path());
    let filter = JournalFilter {
        person: Some("M. Thomas Leroy".into()),
        kind: Some(JournalKind::Scoring),
        // The screen's limit does not cut the export.
        limit: Some(1),
        ..Default::default()
    };
    let xlsx = dir.path().join("journal.xlsx");
    assert_eq!(c.export_journal(&filter, &xlsx).expect("xlsx"), 2);
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).expect("open the export");
    assert_eq!(wb.sheet_names(), vec!["Journal", "Filtre"]);
    let sheet = wb.worksheet_range("Journal").expect("sheet");
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let text = |d: &Data| d.to_string();
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        vec!["N°", "Date", "Personne", "Type", "Action", "Modifications"]
    );
    assert_eq!(rows.len(), 3);
    // Newest first; the date is a real date and time, Paris time.
    let Data::DateTime(when) = &rows[1][1] else {
        panic!("a date: {:?}", rows[1][1])
    };
    assert_eq!(
        when.as_datetime()
            .expect("date")
            .format("%d/%m/%Y %H:%M")
            .to_string(),
        "22/11/2026 00:30"
    );
    assert_eq!(text(&rows[1][2]), "M. Thomas Leroy");
    assert_eq!(text(&rows[1][3]), "Notation");
    assert_eq!(text(&rows[1][4]), "Note de MARTIN Adrien : 4.");
    assert_eq!(text(&rows[2][4]), "Note de MARTIN Adrien : 3.");
    assert_eq!(text(&rows[2][5]), "Projet : (vide) → 3");
    let about = wb.worksheet_range("Filtre").expect("filter sheet");
    let about: Vec<String> = about
        .rows()
        .map(|r| r.iter().map(text).collect::<Vec<_>>().join(" | "))
        .collect();
    assert_eq!(about[0], "Campagne | UFR de médecine d'Amiens — 2026-2027");
    assert_eq!(about[2], "Filtre | par M. Thomas Leroy, Notation");
    assert_eq!(about[3], "Entrées | 2 sur 5");

    // The same rows as CSV for French Excel; the name's extension chooses.
    let csv = dir.path().join("journal.CSV");
    assert_eq!(c.export_journal(&filter, &csv).expect("csv"), 2);
    let bytes = std::fs::read(&csv).expect("read");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8(bytes).expect("utf-8");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "N°;Date;Personne;Type;Action;Modifications");
    assert_eq!(
        lines[1],
        format!(
            "{};22/11/2026 00:30;M. Thomas Leroy;Notation;Note de MARTIN Adrien : 4.;",
            c.search_journal(&JournalFilter::default())
                .expect("all")
                .rows[0]
                .id
        )
    );
    assert!(lines[2].ends_with(";21/11/2026 23:30;M. Thomas Leroy;Notation;Note de MARTIN Adrien : 3.;Projet : (vide) → 3"), "{}", lines[2]);
    assert_eq!(lines.len(), 4, "two rows and the final line break");
}

/// A batch of scores holds thousands of changes: the screen lists the first ones and says
/// how many more there are; the export lists them all.
#[test]
fn a_row_with_many_changes_shows_the_first_and_exports_them_all() {
    let dir = temp();
    let mut c = journal_campaign(dir.path());
    let mut entry = cesp_core::journal::Entry::new("scores.batch", "Notes de la séance saisies.");
    for i in 0..120 {
        entry.changes.push(cesp_core::journal::Change {
            field: format!("Candidat n° {i} — Projet"),
            before: String::new(),
            after: format!("{},5", i % 10),
        });
    }
    c.store()
        .write("M. Thomas Leroy", |_| Ok(((), Some(entry))))
        .expect("write");
    let page = search(&c, JournalFilter::default());
    let row = &page.rows[0];
    assert_eq!(row.action, "scores.batch");
    let shown = cesp_core::journal::CHANGES_SHOWN;
    assert_eq!(row.changes.len(), shown);
    assert_eq!(row.changes[0].field, "Candidat n° 0 — Projet");
    assert_eq!(
        row.changes[shown - 1].after,
        format!("{},5", (shown - 1) % 10)
    );
    assert_eq!(row.more_changes, 120 - shown as u32);
    // A row with few changes has them all.
    assert!(page.rows[1..].iter().all(|r| r.more_changes == 0));

    let csv = dir.path().join("journal.csv");
    c.export_journal(&JournalFilter::default(), &csv)
        .expect("csv");
    let text = std::fs::read_to_string(&csv).expect("read");
    for i in 0..120 {
        assert!(
            text.contains(&format!("Candidat n° {i} — Projet")),
            "change {i} exported"
        );
    }
}
