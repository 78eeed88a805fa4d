//! The minutes: the PDF says everything (text extracted and checked), the seal freezes the
//! decisions, a reopening makes a new version, and `verify` catches a changed PDF and data
//! changed behind the app's back.

use cesp_core::minutes::{Acting, MinutesVersion, SealRequest, Verification};
use cesp_core::scoring::ScoreInput;
use cesp_core::{demo, Campaign, Error};
use chrono::NaiveDate;

use super::{pdf_text, temp};

mod signatures;

const OP: &str = "Pr Jean-Marc Lefebvre";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 17).expect("date")
}

/// The reason given for sealing in knowledge of the points that allow it.
const KNOWN: &str = "candidats absents à leur entretien, contrats reportés à l'an prochain";

/// The demo as created (the story as written): its scores validated, its ties settled
/// and its lists recorded, the minutes can be sealed.
fn ready(path: &std::path::Path) -> Campaign {
    demo::create_at(path, demo::STORY_SIGNING_DAY).expect("demo")
}

/// The chair seals, signed on `on` (JJ/MM/AAAA), on 17 January 2027, in knowledge of the
/// points the checklist allows.
fn seal(c: &mut Campaign, on: &str) -> cesp_core::Result<MinutesVersion> {
    let request = SealRequest {
        signed_on: on.into(),
        acting: Acting::Chair,
        acknowledgement: KNOWN.into(),
    };
    c.seal_minutes(&request, day(), OP)
}

/// Gives 0 to a candidate whose scores are not validated (what a sealed campaign must
/// refuse): the demo validated every candidate heard, not those absent at their interview.
fn changed_score(c: &mut Campaign) -> cesp_core::Result<cesp_core::scoring::ScoreSaved> {
    let board = c.score_board().expect("board");
    // The chair's score for the first candidate: never recused, never absent.
    let cell = board.scores.first().expect("a score");
    let open = c
        .candidates()
        .expect("candidates")
        .into_iter()
        .find(|x| !board.locked.contains(&x.id))
        .expect("a candidate not validated");
    let input = ScoreInput {
        member_id: cell.member_id,
        candidate_id: open.id,
        criterion_id: cell.criterion_id,
        value: "0".into(),
    };
    c.set_score(&input, None, OP)
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(png::ColorType::Rgba);
        e.set_depth(png::BitDepth::Eight);
        let mut writer = e.write_header().expect("header");
        let data: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                if (i % w) * 3 / w == 1 {
                    [20, 40, 120, 255]
                } else {
                    [0, 0, 0, 0]
                }
            })
            .collect();
        writer.write_image_data(&data).expect("data");
    }
    out
}

#[test]
fn the_minutes_state_everything_and_the_seal_freezes_the_decisions() {
    let dir = temp();
    let mut c = ready(&dir.path().join("démo.cesp"));
    let state = c.minutes(day()).expect("minutes");
    assert!(state.sealed.is_none());
    assert!(
        state.checklist.iter().all(|i| !i.blocking),
        "{:?}",
        state.checklist
    );
    let draft = c.minutes_pdf(None, day()).expect("draft");
    let text = pdf_text(&draft, dir.path()).expect("pdftotext (poppler-utils) is installed");
    assert!(text.contains("PROJET — document non scellé"), "{text}");

    let v = seal(&mut c, "17/01/2027").expect("sealed");
    assert_eq!(v.version, 1);
    assert_eq!(v.fingerprint.len(), 64);
    let m = c.minutes(day()).expect("minutes").minutes;
    assert_eq!(m.fingerprint(), v.fingerprint);
    let pdf = c.minutes_pdf(None, day()).expect("pdf");
    assert_eq!(
        pdf,
        c.minutes_pdf(Some(1), day()).expect("same"),
        "stable bytes"
    );
    let text = pdf_text(&pdf, dir.path()).expect("text");
    // Every candidate heard, every member, accents intact, totals with a decimal comma.
    for g in &m.heard {
        for r in &g.rows {
            assert!(text.contains(&r.name), "{} missing", r.name);
            assert!(r.total == "—" || text.contains(&r.total), "{}", r.total);
        }
    }
    assert!(m
        .heard
        .iter()
        .flat_map(|g| &g.rows)
        .any(|r| r.total.contains(',')));
    for s in &m.signatories {
        assert!(text.contains(&s.name), "{} missing", s.name);
    }
    for w in [
        "Procès-verbal de la commission CESP",
        "Code de l'éducation, article L. 632-6",
        "Séance du",
        "Quorum atteint",
        "Grille de notation",
        "Liste principale",
        "Liste complémentaire",
        "retenu — rang 1 sur",
        "Fait à Amiens, le 17 janvier 2027",
        "Annexe — journal des décisions",
        "page 1 /",
        "empreinte SHA-256",
    ] {
        assert!(text.contains(w), "« {w} » missing");
    }
    assert!(text.contains(&v.fingerprint), "the fingerprint is printed");
    assert!(!text.contains("PROJET"), "no draft mark once sealed");

    // Sealed facts cannot change; nothing is written.
    let e = changed_score(&mut c).expect_err("sealed");
    assert!(matches!(e, Error::MinutesSealed { version: 1, .. }), "{e}");
    assert!(
        e.to_string().contains("rouvrez d'abord le procès-verbal"),
        "{e}"
    );
    let mut rules = c.allocation_rules().expect("rules");
    rules.min_total = "35".into();
    assert!(matches!(
        c.set_allocation_rules(&rules, OP),
        Err(Error::MinutesSealed { .. })
    ));
    assert_eq!(
        c.minutes(day()).expect("m").minutes.fingerprint(),
        v.fingerprint
    );
    assert!(seal(&mut c, "17/01/2027").is_err(), "sealed once");

    // Reopen with a reason: the change is possible, a new version is sealed, the first kept.
    assert!(c.reopen_minutes("  ", OP).is_err());
    c.reopen_minutes("contrat supplémentaire accordé en décembre", OP)
        .expect("reopened");
    c.set_allocation_rules(&rules, OP).expect("now possible");
    let e = seal(&mut c, "17/01/2027").expect_err("the lists changed");
    assert!(
        e.to_string()
            .contains("les listes ont changé depuis l'attribution n° 1"),
        "{e}"
    );
    c.record_allocation("seuil relevé à 35", OP)
        .expect("recorded again");
    let v2 = {
        let request = SealRequest {
            signed_on: "24/01/2027".into(),
            acting: Acting::OnBehalf,
            acknowledgement: KNOWN.into(),
        };
        c.seal_minutes(
            &request,
            NaiveDate::from_ymd_opt(2027, 1, 24).expect("d"),
            "Claire Dumont",
        )
        .expect("v2")
    };
    assert_eq!(v2.version, 2);
    assert_ne!(v2.fingerprint, v.fingerprint);
    let versions = c.minutes(day()).expect("m").versions;
    assert_eq!(versions.len(), 2);
    assert!(versions[1]
        .reopened
        .as_deref()
        .is_some_and(|r| r.contains("contrat supplémentaire accordé en décembre")));
    let check = c.verify_minutes(&pdf).expect("verify v1");
    assert_eq!((check.pdf_matches, check.version), (Some(true), Some(1)));
    assert!(
        check.findings.iter().any(|f| f.contains("rouverte depuis")),
        "{:?}",
        check.findings
    );
}

/// A campaign in `dir` whose minutes are sealed, and their PDF.
fn sealed(dir: &std::path::Path) -> (std::path::PathBuf, Campaign, Vec<u8>) {
    let path = dir.join("démo.cesp");
    let mut c = ready(&path);
    seal(&mut c, "17/01/2027").expect("sealed");
    let pdf = c.minutes_pdf(None, day()).expect("pdf");
    (path, c, pdf)
}

/// `pdf` is version 1 of the minutes, unchanged, and the data still say what it says.
fn conforms(c: &Campaign, pdf: &[u8]) {
    let check = c.verify_minutes(pdf).expect("verify");
    assert_eq!(
        (check.pdf_matches, check.version, check.data_match),
        (Some(true), Some(1), true),
        "{:?}",
        check.findings
    );
    assert!(check.verdict.starts_with("Conforme"), "{}", check.verdict);
}

/// `pdf` with the byte at `at` flipped by `mask` is refused as changed.
fn caught_changed(c: &Campaign, pdf: &[u8], at: usize, mask: u8) -> Verification {
    let mut changed = pdf.to_vec();
    changed[at] ^= mask;
    let bad = c.verify_minutes(&changed).expect("verify");
    assert_eq!(bad.pdf_matches, Some(false));
    assert!(bad.verdict.starts_with("Non conforme"), "{}", bad.verdict);
    bad
}

#[test]
fn verify_catches_a_changed_pdf_and_data_changed_behind_the_apps_back() {
    let dir = temp();
    let (path, mut c, pdf) = sealed(dir.path());
    let ok = c.verify_minutes(&pdf).expect("verify");
    assert_eq!(
        (ok.pdf_matches, ok.data_match),
        (Some(true), true),
        "{:?}",
        ok.findings
    );
    assert!(ok.verdict.starts_with("Conforme"), "{}", ok.verdict);

    // One byte changed inside the PDF.
    let bad = caught_changed(&c, &pdf, pdf.len() / 2, 0x20);
    assert_eq!(bad.version, Some(1));
    // Not a minutes PDF at all.
    let other = c.verify_minutes(b"%PDF-1.7\n%%EOF").expect("verify");
    assert_eq!(other.pdf_matches, None);

    // Members approve; a signature image is placed in a block; the new PDF verifies too.
    let chair = c.minutes(day()).expect("m").minutes.signatories[0].id;
    assert!(c.set_member_signature(chair, b"GIF89a", OP).is_err());
    c.set_member_signature(chair, &png(300, 90), OP)
        .expect("signature");
    let approved = c.approve_minutes(chair, OP).expect("approved");
    assert_eq!(approved.approvals.len(), 1);
    let signed = c.minutes_pdf(None, day()).expect("pdf");
    assert_ne!(signed, pdf);
    let text = pdf_text(&signed, dir.path()).expect("text");
    assert!(text.contains("Approuvé électroniquement le"), "{text}");
    assert_eq!(
        c.verify_minutes(&signed).expect("v").pdf_matches,
        Some(true)
    );
    assert_eq!(
        c.verify_minutes(&pdf).expect("v").pdf_matches,
        Some(true),
        "the first print still verifies"
    );
    drop(c);

    // Someone edits a score with sqlite3, dropping the seal's trigger first.
    {
        let raw = rusqlite::Connection::open(&path).expect("raw");
        raw.execute_batch(
            "DROP TRIGGER score_sealed_update; UPDATE score SET value = value + 100 WHERE rowid = (SELECT MIN(rowid) FROM score);",
        )
        .expect("tamper");
    }
    let c = Campaign::open(&path).expect("open");
    let caught = c.verify_minutes(&pdf).expect("verify");
    assert_eq!(caught.pdf_matches, Some(true));
    assert!(!caught.data_match);
    assert!(
        caught
            .findings
            .iter()
            .any(|f| f.contains("notes des candidats entendus")),
        "{:?}",
        caught.findings
    );
    assert!(
        caught.verdict.starts_with("Attention"),
        "{}",
        caught.verdict
    );
}

#[test]
fn a_sealed_version_printed_again_by_another_release_still_verifies() {
    // Each release may lay the same sealed snapshot out a byte differently: the hashes
    // recorded at sealing are then not those of a PDF printed again today. Forgetting them
    // stands for that; the PDF is known by rendering its version again.
    let dir = temp();
    let (path, c, pdf) = sealed(dir.path());
    drop(c);
    {
        let raw = rusqlite::Connection::open(&path).expect("raw");
        let forgotten = raw.execute("DELETE FROM minutes_pdf", []).expect("forget");
        assert!(forgotten >= 1);
    }
    let c = Campaign::open(&path).expect("open");
    conforms(&c, &pdf);
    // A changed byte is still caught.
    caught_changed(&c, &pdf, pdf.len() / 3, 0x01);
}

#[test]
fn sealed_minutes_stay_sealed_and_verified_once_the_file_is_encrypted() {
    let dir = temp();
    let (_, mut c, pdf) = sealed(dir.path());
    let key = cesp_core::cipher::Passphrase::chosen("cèdre lumière vingt", "cèdre lumière vingt")
        .expect("phrase");
    c.change_passphrase(None, Some(&key), OP).expect("encrypt");
    conforms(&c, &pdf);
    // The seal's triggers came along: a sealed fact is still refused.
    let e = changed_score(&mut c).expect_err("sealed");
    assert!(
        matches!(e, Error::MinutesSealed { version: 1, .. }),
        "{e:?}"
    );
}

/// A restore never undoes a seal: a backup from before it is refused, the campaign and
/// its backups untouched; a backup taken after the seal but before the PDF was printed
/// restores, and the genuine PDF is still recognised.
#[test]
fn a_restore_never_takes_the_campaign_back_before_a_seal() {
    use cesp_core::backup::{Backups, Reason};
    let dir = temp();
    let path = dir.path().join("démo.cesp");
    let backups = Backups {
        base: dir.path().join("sauvegardes"),
    };
    let mut c = ready(&path);
    c.backup(&backups, Reason::Opening)
        .expect("backup before the seal");
    let before_seal = backups.list(&path)[0].file_name.clone();
    seal(&mut c, "17/01/2027").expect("sealed");
    c.backup(&backups, Reason::Opening)
        .expect("backup after the seal");
    let after_seal = backups
        .list(&path)
        .into_iter()
        .find(|b| b.file_name != before_seal)
        .expect("second backup")
        .file_name;
    let pdf = c.minutes_pdf(None, day()).expect("pdf");
    let journal = c.journal(1000).expect("journal").len();
    let listed = backups.list(&path).len();

    let err = c
        .restore_backup(&backups, &before_seal, "Claire Dumont")
        .expect_err("a restore before the seal is refused");
    let message = err.to_string();
    assert!(
        message.contains("d'avant le scellement de la version 1"),
        "{message}"
    );
    assert!(message.contains("Rien n'a été modifié"), "{message}");
    assert!(message.contains("rouvrez le procès-verbal"), "{message}");
    conforms(&c, &pdf);
    assert_eq!(
        c.journal(1000).expect("journal").len(),
        journal,
        "nothing journaled"
    );
    assert_eq!(
        backups.list(&path).len(),
        listed,
        "no backup taken for a refused restore"
    );

    // The backup from before the seal, opened as a campaign, does not know version 1: it
    // says so rather than calling the genuine PDF changed.
    let past = Campaign::open_read_only(&backups.dir_for(&path).join(&before_seal))
        .expect("the backup opens as a campaign");
    let check = past.verify_minutes(&pdf).expect("verify");
    assert_eq!(
        (check.pdf_matches, check.version),
        (None, None),
        "{:?}",
        check.findings
    );
    assert!(
        check
            .verdict
            .starts_with("Non vérifiable avec ce fichier : il ne connaît pas la version 1"),
        "{}",
        check.verdict
    );
    assert!(
        check.findings.iter().all(|f| !f.contains("modifié")),
        "{:?}",
        check.findings
    );
    drop(past);

    // After the seal, before the PDF was printed: the restore goes through and the PDF
    // printed since is still the genuine version 1.
    c.restore_backup(&backups, &after_seal, "Claire Dumont")
        .expect("a restore after the seal");
    conforms(&c, &pdf);
    assert!(c.verify_journal().expect("verify").intact);
    drop(c);
    let reopened = Campaign::open(&path).expect("reopen");
    conforms(&reopened, &pdf);
}

/// `e` is a refusal of field `field` whose message contains `part`.
fn refused_field(e: Error, field: &str, part: &str) {
    match e {
        Error::Validation(issues) => assert!(
            issues
                .iter()
                .any(|i| i.field == field && i.message.contains(part)),
            "{issues:?}"
        ),
        e => panic!("expected a refusal of « {field} », got {e}"),
    }
}

/// Sealing checks first: the date of signature (a date, not before the last sitting,
/// not in the future), the lists recorded, then the points that may be acknowledged with
/// a reason; the minutes state who sealed (the chair, or on the chair's behalf) and what
/// was acknowledged. A refusal writes nothing.
#[test]
fn sealing_checks_the_date_the_lists_and_the_scores_first() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    // The demo's lists are recorded: a rule changed since leaves them to record again.
    let mut rules = c.allocation_rules().expect("rules");
    rules.min_total = "25".into();
    c.set_allocation_rules(&rules, OP).expect("rules");
    let state = c.minutes(day()).expect("minutes");
    assert_eq!(state.last_sitting.as_deref(), Some("15/01/2027"));
    assert!(state.chair.is_some());
    let blocking: Vec<&str> = state
        .checklist
        .iter()
        .filter(|i| i.blocking)
        .map(|i| i.code.as_str())
        .collect();
    assert!(
        blocking == ["ties"] || blocking == ["lists_not_recorded"],
        "{:?}",
        state.checklist
    );
    let e = seal(&mut c, "17/01/2027").expect_err("blocked");
    assert!(
        e.to_string().contains("ne peut pas encore être scellé"),
        "{e}"
    );

    let mut c = ready(&dir.path().join("prête.cesp"));
    let journal_ready = c.journal(10_000).expect("journal").len();
    let state = c.minutes(day()).expect("minutes");
    assert!(
        state.checklist.iter().all(|i| !i.blocking),
        "{:?}",
        state.checklist
    );
    assert!(
        !state.checklist.is_empty(),
        "the demo has points to acknowledge"
    );

    // The date of signature: a date, not before the last sitting, not in the future.
    let e = seal(&mut c, "02/12/2026").expect_err("before the sittings");
    refused_field(
        e,
        "signed_on",
        "précède la dernière séance de la commission (le 15/01/2027)",
    );
    let e = seal(&mut c, "18/01/2027").expect_err("in the future");
    refused_field(e, "signed_on", "dans le futur");
    let e = seal(&mut c, "32/01/2027").expect_err("not a date");
    refused_field(e, "signed_on", "n'est pas une date");
    // The points to acknowledge need a reason.
    let request = SealRequest {
        signed_on: "15/01/2027".into(),
        acting: Acting::OnBehalf,
        acknowledgement: "  ".into(),
    };
    let e = c
        .seal_minutes(&request, day(), "Claire Dumont")
        .expect_err("no reason");
    refused_field(e, "acknowledgement", "dites pourquoi");
    assert_eq!(
        c.journal(10_000).expect("journal").len(),
        journal_ready,
        "nothing written by a refusal"
    );
    assert!(c.minutes(day()).expect("minutes").sealed.is_none());

    // Sealed on the chair's behalf, on the day of the last sitting.
    let request = SealRequest {
        acknowledgement: KNOWN.into(),
        ..request
    };
    let v = c
        .seal_minutes(&request, day(), "Claire Dumont")
        .expect("sealed");
    let chair = state.chair.clone().expect("chair");
    assert_eq!(
        v.sealed_by,
        format!("Claire Dumont, au nom de {chair}, président(e) de la commission")
    );
    let m = c.minutes(day()).expect("minutes").minutes;
    assert_eq!(m.place_date, "Fait à Amiens, le 15 janvier 2027");
    assert_eq!(
        m.sealing[0],
        format!("Procès-verbal scellé par {}.", v.sealed_by)
    );
    assert!(m.sealing[1].contains(KNOWN), "{:?}", m.sealing);
    assert_eq!(m.sealing.len(), 2 + state.checklist.len());
    let pdf = c.minutes_pdf(None, day()).expect("pdf");
    let text = pdf_text(&pdf, dir.path()).expect("text");
    assert!(text.contains("Scellement"), "{text}");
    assert!(text.contains("au nom de"), "{text}");
    let entry = &c.journal(1).expect("journal")[0];
    assert_eq!(entry.action, "minutes.seal");
    assert_eq!(entry.operator, "Claire Dumont");
    assert_eq!(entry.changes.len(), state.checklist.len());
    conforms(&c, &pdf);
}
