//! Next year's campaign from this year's: the parts chosen carried over whole (the demo's
//! commission, grid, checklist, allocation rules and interview organisation, its days moved
//! to the new year), nothing personal, the journal saying where it came from; and every bad
//! source or choice refused with nothing created.

use cesp_core::carry::{carry_source, CarryChoice, CarryPart};
use cesp_core::cipher::Passphrase;
use cesp_core::{demo, Campaign, Error, Refusal};

use super::temp;

const OP: &str = "Claire Dumont";

#[test]
fn next_year_carries_what_was_chosen_and_nothing_personal() {
    let dir = temp();
    let last = dir.path().join("Campagne 2026-2027.cesp");
    let old = demo::create_at(&last, demo::STORY_SIGNING_DAY).expect("demo");
    let (members, grid, pieces, setup) = (
        old.members().expect("members"),
        old.grid().expect("grid"),
        old.pieces().expect("pieces"),
        old.schedule_setup().expect("setup"),
    );
    assert!(!old.candidates().expect("candidates").is_empty());
    old.close().expect("closed");

    let source = carry_source(&last, None).expect("offer");
    assert_eq!(source.settings.academic_year, "2027-2028");
    assert_eq!(source.settings.ufr_name, "UFR de médecine et d'odontologie");
    let offered: Vec<CarryPart> = source
        .parts
        .iter()
        .filter(|o| o.available)
        .map(|o| o.part)
        .collect();
    assert!(offered.contains(&CarryPart::Commission) && offered.contains(&CarryPart::Interviews));
    assert_eq!(source.days.len(), 2);
    assert_eq!(source.days[0].was, "14/01/2027");
    assert_eq!(source.days[0].proposed, "13/01/2028");
    assert_eq!(source.days[0].proposed_display, "jeudi 13 janvier 2028");
    assert_eq!(source.days[0].problem, None);

    let next = dir.path().join("Campagne 2027-2028.cesp");
    let choice = CarryChoice {
        parts: vec![
            CarryPart::Commission,
            CarryPart::Grid,
            CarryPart::Checklist,
            CarryPart::Interviews,
        ],
        days: vec!["12/01/2028".into(), "14/01/2028".into()],
    };
    let c = Campaign::create_from(
        &next,
        false,
        None,
        &source.settings,
        &last,
        None,
        &choice,
        OP,
    )
    .expect("created");
    assert_eq!(c.settings().expect("settings").academic_year, "2027-2028");
    assert_eq!(c.members().expect("members"), members);
    assert_eq!(c.grid().expect("grid").blocks, grid.blocks);
    assert!(
        !c.grid().expect("grid").locked_by_scores,
        "no score came with it"
    );
    assert_eq!(c.pieces().expect("pieces"), pieces);
    let now = c.schedule_setup().expect("setup");
    assert_eq!(now.juries, setup.juries);
    assert_eq!(now.interview_minutes, setup.interview_minutes);
    assert_eq!(
        now.days.iter().map(|d| d.date.as_str()).collect::<Vec<_>>(),
        ["12/01/2028", "14/01/2028"]
    );
    assert_eq!(now.days[0].opening, setup.days[0].opening);
    assert!(
        now.unavailable.is_empty(),
        "unavailabilities belong to last year"
    );
    // Nothing personal.
    assert!(c.candidates().expect("candidates").is_empty());
    assert!(c.schedule().expect("plan").interviews.is_empty());
    let journal = c.journal(10).expect("journal");
    let carried = journal
        .iter()
        .find(|l| l.action == "campaign.carry")
        .expect("journaled");
    assert!(carried.summary.starts_with(&format!(
        "Campagne créée à partir de « Campagne 2026-2027.cesp » (UFR de médecine et d'odontologie — 2026-2027, empreinte {}) : reprises : la commission et ses règles (7 membres",
        &source.fingerprint[..16]
    )), "{}", carried.summary);
    assert!(
        !carried.summary.contains("règles d'attribution"),
        "{}",
        carried.summary
    );
    assert!(carried.summary.ends_with("Jamais reprises : candidats, dossiers, pièces jointes, notes, plannings, listes, procès-verbaux, journal."));
    assert!(c.verify_journal().expect("verify").intact);
    // The source was only read.
    assert_eq!(
        carry_source(&last, None).expect("again").fingerprint,
        source.fingerprint
    );
}

#[test]
fn bad_sources_and_choices_are_refused_with_nothing_created() {
    let dir = temp();
    let last = dir.path().join("2026.cesp");
    demo::create_at(&last, demo::STORY_SIGNING_DAY)
        .expect("demo")
        .close()
        .expect("closed");
    let source = carry_source(&last, None).expect("offer");
    let next = dir.path().join("2027.cesp");
    let all = CarryChoice {
        parts: CarryPart::ALL.to_vec(),
        days: Vec::new(),
    };
    let create = |settings: &cesp_core::campaign::CampaignSettings, choice: &CarryChoice| {
        Campaign::create_from(&next, false, None, settings, &last, None, choice, OP)
    };

    // Not a campaign.
    let text = dir.path().join("notes.cesp");
    std::fs::write(&text, "pas une campagne").expect("written");
    assert!(matches!(
        carry_source(&text, None),
        Err(Error::NotACampaign { .. })
    ));
    // Made by a newer version of the app.
    let newer = dir.path().join("plus-récente.cesp");
    std::fs::copy(&last, &newer).expect("copied");
    rusqlite::Connection::open(&newer)
        .expect("open")
        .pragma_update(None, "user_version", cesp_core::store::latest_version() + 1)
        .expect("a newer format");
    let e = carry_source(&newer, None).expect_err("newer");
    assert!(matches!(e, Error::NewerVersion { .. }), "{e}");
    // Checked before anything is created (the app asks where to save only then).
    let holiday = CarryChoice {
        parts: CarryPart::ALL.to_vec(),
        days: vec!["11/11/2027".into(), "14/01/2028".into()],
    };
    let e = cesp_core::carry::check_carry(&source, &source.settings, &holiday)
        .expect_err("a holiday")
        .to_string();
    assert!(e.contains("jour férié (Armistice 1918)"), "{e}");
    cesp_core::carry::check_carry(&source, &source.settings, &all).expect("the proposed days");
    // Open elsewhere.
    let open = Campaign::open(&last).expect("open");
    let e = carry_source(&last, None).expect_err("locked");
    assert!(matches!(e, Error::Locked(_)), "{e}");
    drop(open);
    // The same year.
    let mut same = source.settings.clone();
    same.academic_year = "2026-2027".into();
    let e = create(&same, &all).expect_err("same year").to_string();
    assert!(e.contains("« 2026.cesp » est la campagne 2026-2027 : la nouvelle campagne doit être d'une année suivante (par exemple 2027-2028)"), "{e}");
    // Juries without their members.
    let e = create(
        &source.settings,
        &CarryChoice {
            parts: vec![CarryPart::Interviews],
            days: Vec::new(),
        },
    )
    .expect_err("no commission");
    assert!(
        matches!(e, Error::Refused(Refusal::CarryNeedsCommission, _)),
        "{e}"
    );
    // A day on a public holiday, another on a Sunday, a third outside the year.
    for (days, expected) in [
        (vec!["11/11/2027", "14/01/2028"], "Le jeudi 11 novembre 2027 est un jour férié (Armistice 1918) : choisissez un autre jour."),
        (vec!["13/01/2028", "16/01/2028"], "Le 16 janvier 2028 est un dimanche : choisissez un autre jour."),
        (vec!["13/01/2028", "26/11/2028"], "Le dimanche 26 novembre 2028 n'est pas dans l'année universitaire 2027-2028"),
        (vec!["13/01/2028", "13/01/2028"], "Le jeudi 13 janvier 2028 est donné pour deux journées."),
        (vec!["demain", "14/01/2028"], "« demain » n'est pas une date (journée du jeudi 14 janvier 2027)"),
    ] {
        let choice = CarryChoice { parts: CarryPart::ALL.to_vec(), days: days.iter().map(|d| (*d).to_owned()).collect() };
        let e = create(&source.settings, &choice).expect_err("refused").to_string();
        assert!(e.contains(expected), "{e}");
    }
    assert!(!next.exists(), "nothing created");

    // An encrypted source needs its passphrase; an older format is read from a copy.
    let secret = dir.path().join("chiffrée.cesp");
    let key = Passphrase::chosen("Commission 2026 !", "Commission 2026 !").expect("key");
    let mut c = Campaign::open(&last).expect("open");
    c.change_passphrase(None, Some(&key), OP)
        .expect("encrypted");
    c.close().expect("closed");
    std::fs::copy(&last, &secret).expect("copied");
    assert!(cesp_core::cipher::is_encrypted(&secret));
    assert!(matches!(
        carry_source(&secret, None),
        Err(Error::PassphraseRequired(_))
    ));
    assert_eq!(
        carry_source(&secret, Some(&key))
            .expect("read")
            .settings
            .academic_year,
        "2027-2028"
    );
    let older = dir.path().join("ancienne.cesp");
    cesp_core::store::create_at_version(&older, 8).expect("older");
    rusqlite::Connection::open(&older)
        .expect("open")
        .execute(
            "INSERT INTO campaign (id, ufr_name, university, city, academic_year, disciplines, managing_body, created_at) \
             VALUES (1, 'UFR de médecine', 'Université de Picardie Jules Verne', 'Amiens', '2024-2025', 'medicine', 'CNG', '2024-09-02T08:00:00Z')",
            [],
        )
        .expect("a campaign of 2024-2025");
    let from_older = carry_source(&older, None).expect("an older file is read");
    assert_eq!(from_older.settings.academic_year, "2025-2026");
    assert!(from_older
        .parts
        .iter()
        .any(|o| o.part == CarryPart::Grid && o.available));
    assert_eq!(
        cesp_core::store::Store::open_read_only(&older, None)
            .err()
            .map(|e| e.code()),
        Some("needs_upgrade"),
        "the older file itself was not upgraded"
    );
}

#[test]
fn the_bilan_counts_the_year_and_compares_with_the_last() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = temp();
    let last = dir.path().join("Campagne 2026-2027.cesp");
    let old = demo::create_at(&last, demo::STORY_SIGNING_DAY).expect("demo");
    let b = old.bilan().expect("bilan");
    // The demo: 60 candidates, 22 contracts; every figure adds up per category.
    assert_eq!(
        b.total.received,
        old.candidates().expect("candidates").len() as i64
    );
    assert_eq!(b.total.offered, 22);
    let sum = |f: fn(&cesp_core::bilan::GroupFigures) -> i64| b.groups.iter().map(f).sum::<i64>();
    assert_eq!(sum(|g| g.heard), b.total.heard);
    assert_eq!(
        b.total.given + b.total.unused,
        b.total.offered,
        "{:?}",
        b.total
    );
    assert!(b.total.receivable <= b.total.complete && b.total.complete <= b.total.received);
    assert!(b.total.heard > 0 && b.total.heard <= b.total.receivable);
    let heard_at_sittings: i64 = old
        .sittings()
        .expect("sittings")
        .iter()
        .map(|s| s.heard)
        .sum();
    assert_eq!(heard_at_sittings, b.total.heard);
    assert!(b.previous.is_none() && b.compared.is_empty());
    for s in &b.scores {
        assert_eq!(s.quantiles.len(), 5);
    }
    let pdf = dir.path().join("bilan.pdf");
    old.write_bilan_pdf(&pdf).expect("pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Bilan de la campagne CESP 2026-2027"),
        "{text}"
    );
    for heading in [
        "Dossiers et entretiens",
        "Contrats",
        "Totaux des candidats entendus",
        "Séances de la commission",
    ] {
        assert!(text.contains(heading), "{heading} in {text}");
    }
    old.close().expect("closed");

    // Next year, carried from it: last year's totals travel in the journal line.
    let source = carry_source(&last, None).expect("offer");
    let next = dir.path().join("Campagne 2027-2028.cesp");
    let c = Campaign::create_from(
        &next,
        false,
        None,
        &source.settings,
        &last,
        None,
        &CarryChoice {
            parts: vec![CarryPart::Commission],
            days: Vec::new(),
        },
        OP,
    )
    .expect("created");
    let now = c.bilan().expect("bilan");
    assert_eq!(
        now.previous.as_deref(),
        Some("campagne 2026-2027 (« Campagne 2026-2027.cesp »)")
    );
    assert_eq!(now.compared.len(), 9);
    assert_eq!(now.compared[0].label, "Dossiers reçus");
    assert_eq!(now.compared[0].before, b.total.received);
    assert_eq!(now.compared[0].now, 0);
    assert_eq!(now.compared[0].change, format!("−{}", b.total.received));
    assert_eq!(now.compared[4].change, "=", "the same contracts offered");
    let xlsx = dir.path().join("bilan.xlsx");
    c.write_bilan_xlsx(&xlsx).expect("xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).expect("workbook");
    let sheet = wb.worksheet_range("Bilan").expect("sheet");
    let cells: Vec<String> = sheet
        .rows()
        .flat_map(|r| {
            r.iter().map(|c| match c {
                Data::String(s) => s.clone(),
                Data::Float(f) => f.to_string(),
                _ => String::new(),
            })
        })
        .collect();
    assert!(
        cells
            .iter()
            .any(|c| c == "Comparaison avec la campagne 2026-2027 (« Campagne 2026-2027.cesp »)"),
        "{cells:?}"
    );
    assert!(cells.iter().any(|c| c == &b.total.received.to_string()));
}
