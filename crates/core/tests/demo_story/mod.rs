//! The demo tells its story as of the day it is created: every date moved by whole weeks,
//! nothing after today, its journal under « Démonstration », each candidate heard on the
//! day of their interview, minutes that can be sealed on the last sitting's day, and a
//! reset that recreates it and never replaces anything else.

use cesp_core::minutes::{Acting, SealRequest};
use cesp_core::{demo, Campaign, Error};
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::{fingerprint, settings, temp};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Every date of the story the file stores, named by where it is. The journal's, the
/// scores' and the validations' times are when the demo was made, not part of the story.
fn story_dates(c: &Campaign) -> Vec<(String, NaiveDate)> {
    let queries = [
        "SELECT 'date limite', dossier_deadline FROM campaign",
        "SELECT 'naissance ' || id, birth_date FROM candidate ORDER BY id",
        "SELECT 'dossier reçu ' || id, dossier_received FROM candidate ORDER BY id",
        "SELECT 'pièce reçue ' || candidate || '/' || piece, received_on FROM piece_status WHERE received_on IS NOT NULL ORDER BY candidate, piece",
        "SELECT 'pièce vérifiée ' || candidate || '/' || piece, substr(updated_at, 1, 10) FROM piece_status ORDER BY candidate, piece",
        "SELECT 'fichier joint ' || id, substr(added_at, 1, 10) FROM attachment ORDER BY id",
        "SELECT 'séance ' || id, date FROM sitting ORDER BY id",
        "SELECT 'déport ' || member || '/' || candidate, substr(at, 1, 10) FROM recusal ORDER BY member, candidate",
        "SELECT 'journée ' || rowid, date FROM schedule_day ORDER BY rowid",
        "SELECT 'indisponible ' || rowid, date FROM unavailability ORDER BY rowid",
        "SELECT 'entretien ' || candidate, date FROM interview ORDER BY candidate",
    ];
    let mut out = Vec::new();
    for sql in queries {
        let mut stmt = c.conn().prepare(sql).expect(sql);
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .expect(sql);
        for row in rows {
            let (what, text) = row.expect(sql);
            let day = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .unwrap_or_else(|_| panic!("{what}: « {text} » is not a stored date"));
            out.push((what, day));
        }
    }
    out
}

fn one_text(c: &Campaign, sql: &str) -> String {
    c.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn the_demo_is_the_fixed_story_moved_by_whole_weeks_to_the_day_it_is_created() {
    let dir = temp();
    let fixed =
        demo::create_at(&dir.path().join("fixe.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    // Wednesday 2 December 2026: seven weeks before the story's Sunday 17 January 2027.
    let today = date(2026, 12, 2);
    let moved = demo::create_at(&dir.path().join("démo.cesp"), today).expect("demo");

    // At its own anchor, the story as written.
    let s = fixed.settings().expect("settings");
    assert_eq!(
        (s.academic_year.as_str(), s.dossier_deadline.as_str()),
        ("2026-2027", "2026-12-01")
    );
    let sittings = |c: &Campaign| -> Vec<NaiveDate> {
        story_dates(c)
            .into_iter()
            .filter(|(w, _)| w.starts_with("séance "))
            .map(|(_, d)| d)
            .collect()
    };
    assert_eq!(sittings(&fixed), [date(2027, 1, 14), date(2027, 1, 15)]);
    assert!(fixed
        .candidates()
        .expect("candidates")
        .iter()
        .any(|c| c.dossier_received_display == "03/12/2026"));

    // Moved: every date seven weeks earlier, none left behind, weekdays kept.
    let (a, b) = (story_dates(&fixed), story_dates(&moved));
    assert!(a.len() > 500, "{} dates", a.len());
    assert_eq!(a.len(), b.len());
    for ((what, before), (same, after)) in a.iter().zip(&b) {
        assert_eq!(what, same);
        assert_eq!(*after, *before - TimeDelta::weeks(7), "{what}");
    }
    let days = sittings(&moved);
    assert_eq!(days, [date(2026, 11, 26), date(2026, 11, 27)]);
    assert_eq!(
        days.iter().map(|d| d.weekday()).collect::<Vec<_>>(),
        [Weekday::Thu, Weekday::Fri]
    );
    let s = moved.settings().expect("settings");
    assert_eq!(
        (s.academic_year.as_str(), s.dossier_deadline.as_str()),
        ("2026-2027", "2026-10-13")
    );
    // The dates written in words move too.
    let late = "SELECT notes FROM candidate WHERE dossier_received > (SELECT dossier_deadline FROM campaign)";
    assert_eq!(
        one_text(&fixed, late),
        "Dossier arrivé après la date limite (cachet de la poste du 02/12)."
    );
    assert_eq!(
        one_text(&moved, late),
        "Dossier arrivé après la date limite (cachet de la poste du 14/10)."
    );
    let lists = "SELECT reason FROM allocation_run";
    assert_eq!(
        one_text(&fixed, lists),
        "Séance du vendredi 15 janvier 2027"
    );
    assert_eq!(
        one_text(&moved, lists),
        "Séance du vendredi 27 novembre 2026"
    );
    let withdrawal = "SELECT reason FROM eligibility_override WHERE reason LIKE 'Désistement%'";
    assert!(one_text(&moved, withdrawal).ends_with("le 22/11/2026"));

    // Nothing after today; the one late dossier is late, and received before today.
    assert!(
        b.iter().all(|(_, d)| *d <= today),
        "{:?}",
        b.iter().filter(|(_, d)| *d > today).collect::<Vec<_>>()
    );
    let deadline = NaiveDate::parse_from_str(&s.dossier_deadline, "%Y-%m-%d").expect("deadline");
    let late: Vec<NaiveDate> = b
        .iter()
        .filter(|(w, d)| w.starts_with("dossier reçu ") && *d > deadline)
        .map(|(_, d)| *d)
        .collect();
    assert_eq!(late, [date(2026, 10, 15)]);
}

#[test]
fn the_academic_year_follows_the_sittings() {
    let dir = temp();
    // Created on Wednesday 8 September 2027: sittings on 2 and 3 September 2027.
    let c = demo::create_at(&dir.path().join("septembre.cesp"), date(2027, 9, 8)).expect("demo");
    let s = c.settings().expect("settings");
    assert_eq!(s.academic_year, "2027-2028");
    assert_eq!(s.dossier_deadline, "2027-07-20");
}

#[test]
fn the_demo_is_journaled_under_demonstration_and_hears_each_candidate_on_their_interview_day() {
    let dir = temp();
    let c = demo::create_at(&dir.path().join("démo.cesp"), date(2026, 12, 2)).expect("demo");
    let journal = c.journal(1000).expect("journal");
    assert!(journal.len() >= 8);
    let others: Vec<String> = journal
        .iter()
        .filter(|r| r.operator != "Démonstration")
        .map(|r| format!("{} : {}", r.operator, r.summary))
        .collect();
    assert!(others.is_empty(), "{others:?}");

    let count = |sql: &str| -> i64 { c.conn().query_row(sql, [], |r| r.get(0)).expect(sql) };
    let heard = count("SELECT COUNT(*) FROM hearing");
    assert!(heard > 30, "{heard} heard");
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM hearing h JOIN sitting s ON s.id = h.sitting \
             JOIN interview i ON i.candidate = h.candidate AND i.date = s.date"
        ),
        heard,
        "every candidate heard at the sitting of their interview's day"
    );
    // Two candidates did not come to their interview: not heard, still to score.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM interview WHERE candidate NOT IN (SELECT candidate FROM hearing)"
        ),
        2
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM score WHERE candidate NOT IN (SELECT candidate FROM interview)"
        ),
        0
    );
}

#[test]
fn the_demo_as_created_can_be_sealed_on_its_last_sitting_day() {
    let dir = temp();
    let today = date(2026, 12, 2);
    let mut c = demo::create_at(&dir.path().join("démo.cesp"), today).expect("demo");
    let state = c.minutes(today).expect("minutes");
    assert_eq!(state.last_sitting.as_deref(), Some("27/11/2026"));
    // Only what a commission would acknowledge is left: the PADHUE contract unallocated.
    let points: Vec<(&str, bool)> = state
        .checklist
        .iter()
        .map(|i| (i.code.as_str(), i.blocking))
        .collect();
    assert_eq!(
        points,
        [("contracts_unallocated", false)],
        "{:?}",
        state.checklist
    );
    assert!(state.checklist[0].text.starts_with("PADHUE — médecine"));
    let version = c
        .seal_minutes(
            &SealRequest {
                signed_on: "27/11/2026".into(),
                acting: Acting::Chair,
                acknowledgement: "aucun candidat PADHUE entendu : le contrat est rendu".into(),
            },
            today,
            "Pr Jean-Marc Lefebvre",
        )
        .expect("sealed");
    assert_eq!(version.version, 1);

    // The story as written, sealed on its own dates.
    let mut fixed =
        demo::create_at(&dir.path().join("fixe.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    fixed
        .seal_minutes(
            &SealRequest {
                signed_on: "15/01/2027".into(),
                acting: Acting::OnBehalf,
                acknowledgement: "aucun candidat PADHUE entendu".into(),
            },
            demo::STORY_SIGNING_DAY,
            "Claire Dumont",
        )
        .expect("sealed");
}

#[test]
fn a_reset_recreates_the_demo_and_replaces_nothing_else() {
    let dir = temp();
    let path = dir.path().join("démo.cesp");
    let today = date(2026, 12, 2);
    let mut c = demo::create_at(&path, today).expect("demo");
    let mut s = c.settings().expect("settings");
    s.city = "Beauvais".into();
    c.update_settings(&s, "Claire Dumont").expect("changed");
    drop(c);
    let pristine = |c: &Campaign| {
        assert_eq!(c.settings().expect("settings").city, "Amiens");
        assert!(c
            .journal(1000)
            .expect("journal")
            .iter()
            .all(|r| r.operator == "Démonstration"));
    };

    // A second demo at the same place is refused; a reset brings the demo back.
    assert!(matches!(
        demo::create_at(&path, today),
        Err(Error::AlreadyExists(_))
    ));
    let c = demo::reset_at(&path, today).expect("reset");
    pristine(&c);
    assert_eq!(c.summary().expect("summary").candidate_count, 60);

    // Open elsewhere: refused, the file untouched.
    let before = fingerprint(&path);
    assert!(matches!(
        demo::reset_at(&path, today),
        Err(Error::Locked(_))
    ));
    drop(c);
    assert_eq!(fingerprint(&path), before);

    // A user's campaign is never replaced.
    let mine = dir.path().join("Amiens 2026-2027.cesp");
    drop(Campaign::create(&mine, &settings(), "Claire Dumont").expect("create"));
    let before = fingerprint(&mine);
    match demo::reset_at(&mine, today) {
        Err(Error::Refused(why, m)) => {
            assert_eq!(why.code(), "not_the_demo");
            assert!(m.contains("n'est pas une campagne de démonstration"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fingerprint(&mine), before);

    // Nothing is left beside the files; a reset where there is no demo yet creates it.
    let fresh = dir.path().join("nouvelle démo.cesp");
    pristine(&demo::reset_at(&fresh, today).expect("created"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".cesp"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Amiens 2026-2027.cesp", "démo.cesp", "nouvelle démo.cesp"]
    );
}
