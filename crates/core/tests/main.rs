//! Integration tests of the campaign document: creation, reopening, journal, schema
//! upgrades, and every kind of bad file, which must be refused and left untouched.

use std::path::{Path, PathBuf};
use std::process::Command;

use cesp_core::campaign::{CampaignSettings, DisciplineQuota, Quotas};
use cesp_core::candidate::Discipline;
use cesp_core::store::{self, latest_version, APPLICATION_ID};
use cesp_core::{demo, Campaign, Error};
use sha2::{Digest, Sha256};

mod allocation;
mod carry;
mod cipher;
mod corpus;
mod demo_story;
mod dossier;
mod import;
mod journal;
mod layering;
mod mail;
mod minutes;
mod schedule;
mod scoring;
mod tagged;

fn settings() -> CampaignSettings {
    CampaignSettings {
        ufr_name: "UFR de médecine d'Amiens".into(),
        university: "Université de Picardie Jules Verne".into(),
        city: "Amiens".into(),
        academic_year: "2026-2027".into(),
        disciplines: vec![Discipline::Medicine],
        dossier_deadline: "21/11/2026".into(),
        managing_body: "Centre national de gestion (CNG)".into(),
        quotas: Quotas {
            student: DisciplineQuota {
                medicine: 10,
                odontology: 0,
            },
            intern: DisciplineQuota {
                medicine: 8,
                odontology: 0,
            },
            padhue: DisciplineQuota {
                medicine: 1,
                odontology: 0,
            },
        },
    }
}

fn fingerprint(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read file");
    cesp_core::journal::hex(&Sha256::digest(bytes))
}

/// Imports `text` as a CSV file written in `dir`, with the default options.
fn import_csv(c: &mut Campaign, dir: &Path, text: &str) {
    let csv = dir.join("liste.csv");
    std::fs::write(&csv, text).expect("csv");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    c.import(
        &csv,
        &Default::default(),
        "Claire",
        10,
        &mut |_| {},
        &cancel,
    )
    .expect("import");
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn a_campaign_survives_closing_and_reopening() {
    let dir = temp();
    let path = dir.path().join("Amiens 2026-2027.cesp");
    {
        let c = Campaign::create(&path, &settings(), "Claire Dumont").expect("create");
        assert_eq!(
            c.settings().expect("settings").dossier_deadline,
            "2026-11-21"
        );
    }
    // Copying the file alone (as on a USB key) carries everything.
    let copy = dir.path().join("copie.cesp");
    std::fs::copy(&path, &copy).expect("copy");
    let c = Campaign::open(&copy).expect("reopen the copy");
    let s = c.settings().expect("settings");
    assert_eq!(s.ufr_name, "UFR de médecine d'Amiens");
    assert_eq!(s.quotas.intern.medicine, 8);
    assert_eq!(s.disciplines, vec![Discipline::Medicine]);
    let journal = c.journal(10).expect("journal");
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].operator, "Claire Dumont");
    assert_eq!(journal[0].action, "campaign.create");
    let summary = c.summary().expect("summary");
    assert_eq!(summary.title, "UFR de médecine d'Amiens — 2026-2027");
    assert_eq!(summary.deadline_display, "samedi 21 novembre 2026");
    assert_eq!(summary.schema_version, latest_version());
}

#[test]
fn every_settings_change_is_journaled_with_before_and_after() {
    let dir = temp();
    let path = dir.path().join("c.cesp");
    let mut c = Campaign::create(&path, &settings(), "Claire Dumont").expect("create");
    let mut s = settings();
    s.quotas.intern.medicine = 9;
    s.city = "Amiens cedex".into();
    let changes = c.update_settings(&s, "Pr Lefebvre").expect("update");
    assert_eq!(changes.len(), 2);
    let rows = c.journal(10).expect("journal");
    assert_eq!(rows.len(), 2);
    let last = &rows[0];
    assert_eq!(last.operator, "Pr Lefebvre");
    assert_eq!(last.action, "campaign.update");
    let quota = last
        .changes
        .iter()
        .find(|ch| ch.field == "Contingent Internes — médecine")
        .expect("quota change journaled");
    assert_eq!((quota.before.as_str(), quota.after.as_str()), ("8", "9"));
    // Saving the same settings again changes nothing and journals nothing.
    assert!(c
        .update_settings(&s, "Pr Lefebvre")
        .expect("update")
        .is_empty());
    assert_eq!(c.journal(10).expect("journal").len(), 2);
    // An invalid change is refused and nothing is written.
    let before = c.settings().expect("settings");
    let mut bad = s.clone();
    bad.academic_year = "2027".into();
    bad.quotas.student.medicine = -2;
    let Err(Error::Validation(issues)) = c.update_settings(&bad, "X") else {
        panic!("a bad year and a negative quota must be refused");
    };
    assert_eq!(issues.len(), 2);
    assert_eq!(c.settings().expect("settings"), before);
    assert_eq!(c.journal(10).expect("journal").len(), 2);
}

#[test]
fn the_journal_is_append_only() {
    let dir = temp();
    let path = dir.path().join("c.cesp");
    let mut c = Campaign::create(&path, &settings(), "Claire").expect("create");
    let conn = c.store().conn();
    assert!(conn
        .execute("UPDATE journal SET operator = 'quelqu''un d''autre'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM journal", []).is_err());
    assert_eq!(c.journal(10).expect("journal").len(), 1);
}

#[test]
fn files_of_every_earlier_schema_version_are_upgraded() {
    for version in 1..latest_version() as usize {
        let dir = temp();
        let path = dir.path().join(format!("v{version}.cesp"));
        store::create_at_version(&path, version).expect("old file");
        {
            let conn = rusqlite::Connection::open(&path).expect("open old file");
            conn.execute(
                "INSERT INTO campaign (id, ufr_name, university, city, academic_year, disciplines, dossier_deadline, managing_body, created_at)
                 VALUES (1, 'UFR de Brest', 'UBO', 'Brest', '2024-2025', 'medicine,odontology', '2024-12-01', 'CNG', '2024-10-01T08:00:00Z')",
                [],
            )
            .expect("campaign row");
            conn.execute(
                "INSERT INTO quota (category, discipline, count) VALUES ('student', 'medicine', 8)",
                [],
            )
            .expect("quota row");
        }
        let c = Campaign::open(&path).expect("upgrade");
        let s = c.settings().expect("settings");
        assert_eq!(s.ufr_name, "UFR de Brest", "v{version}");
        assert_eq!(s.quotas.student.medicine, 8, "v{version}");
        assert_eq!(
            c.summary().expect("summary").schema_version,
            latest_version()
        );
        assert!(c.candidates().expect("candidates").is_empty());
    }
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_untouched() {
    let dir = temp();
    let path = dir.path().join("futur.cesp");
    drop(Campaign::create(&path, &settings(), "Claire").expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", latest_version() + 5)
            .expect("bump version");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("leave WAL so the file is self-contained");
    }
    let before = fingerprint(&path);
    let err = Campaign::open(&path).expect_err("newer file");
    assert_eq!(err.code(), "newer_version");
    let m = err.to_string();
    assert!(
        m.contains("version plus récente") && m.contains("futur.cesp"),
        "{m}"
    );
    assert_eq!(fingerprint(&path), before, "the file was modified");
}

fn assert_refused(path: &Path, code: &str, words: &str) {
    let before = std::fs::read(path).ok();
    let err = Campaign::open(path).expect_err("must be refused");
    assert_eq!(err.code(), code, "{err}");
    let m = err.to_string();
    assert!(m.contains(words), "message « {m} » lacks « {words} »");
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    assert!(
        m.contains(name.as_ref()),
        "message « {m} » does not name the file"
    );
    assert_eq!(std::fs::read(path).ok(), before, "the file was modified");
}

#[test]
fn bad_files_get_a_french_message_and_are_never_modified() {
    let dir = temp();
    let missing = dir.path().join("absent.cesp");
    assert_refused(&missing, "not_found", "introuvable");

    let empty = dir.path().join("vide.cesp");
    std::fs::write(&empty, b"").expect("write");
    assert_refused(&empty, "not_a_campaign", "vide");

    let text = dir.path().join("liste.cesp");
    std::fs::write(&text, "NOM;Prénom\nDUPONT;Marie\n").expect("write");
    assert_refused(&text, "not_a_campaign", "n'est pas une campagne CESP");

    let other = dir.path().join("autre-appli.cesp");
    {
        let conn = rusqlite::Connection::open(&other).expect("open");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("other db");
    }
    assert_refused(&other, "not_a_campaign", "autre application");

    let good = dir.path().join("bonne.cesp");
    drop(demo::create_at(&good, demo::STORY_SIGNING_DAY).expect("demo"));
    let truncated = dir.path().join("tronquee.cesp");
    let bytes = std::fs::read(&good).expect("read");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    assert_refused(&truncated, "corrupt", "endommagé");

    let garbled = dir.path().join("abimee.cesp");
    let mut bytes = std::fs::read(&good).expect("read");
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0xA5;
    }
    std::fs::write(&garbled, &bytes).expect("write");
    let err = Campaign::open(&garbled).expect_err("garbled file");
    assert!(matches!(err.code(), "corrupt" | "not_a_campaign"), "{err}");

    let folder = dir.path().join("dossier.cesp");
    std::fs::create_dir(&folder).expect("mkdir");
    assert_refused(&folder, "not_a_campaign", "dossier");
}

#[test]
fn a_read_only_file_is_refused_for_writing_but_can_be_read() {
    let dir = temp();
    let path = dir.path().join("lecture-seule.cesp");
    drop(Campaign::create(&path, &settings(), "Claire").expect("create"));
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("chmod");
    // Refused by the file's own flags, even for root (who could write anyway).
    assert_refused(&path, "read_only", "lecture seule");
    let c = Campaign::open_read_only(&path).expect("read-only view");
    assert_eq!(c.settings().expect("settings").city, "Amiens");
}

#[test]
fn a_file_open_elsewhere_is_refused_for_writing_and_readable() {
    let dir = temp();
    let path = dir.path().join("partagee.cesp");
    let first = Campaign::create(&path, &settings(), "Claire").expect("create");
    let err = Campaign::open(&path).expect_err("second writer");
    assert_eq!(err.code(), "locked");
    assert!(err.to_string().contains("déjà ouvert"), "{err}");
    let reader = Campaign::open_read_only(&path).expect("reader");
    assert_eq!(reader.summary().expect("summary").settings.city, "Amiens");
    drop(first);
    drop(Campaign::open(&path).expect("free again once the first is closed"));
}

#[test]
fn a_reader_sees_the_campaign_as_it_stood_when_opened_whatever_is_written_meanwhile() {
    let dir = temp();
    let path = dir.path().join("en-arriere-plan.cesp");
    let mut c = Campaign::create(&path, &settings(), "Claire").expect("create");
    let reader = Campaign::open_reader(&path, None).expect("reader");
    let mut s = c.settings().expect("settings");
    s.city = "Abbeville".into();
    c.update_settings(&s, "Claire").expect("written meanwhile");
    // Every read of the reader, before and after the write, sees the campaign as it was.
    assert_eq!(reader.settings().expect("settings").city, "Amiens");
    assert_eq!(reader.summary().expect("summary").settings.city, "Amiens");
    // A reader opened after the write sees it.
    let later = Campaign::open_reader(&path, None).expect("later reader");
    assert_eq!(later.settings().expect("settings").city, "Abbeville");
    // Readers take no lock: the campaign still writes, and closes, with them open.
    s.city = "Beauvais".into();
    c.update_settings(&s, "Claire")
        .expect("written with readers open");
    c.close().expect("closed with readers open");
    assert_eq!(reader.settings().expect("settings").city, "Amiens");
}

#[test]
fn creating_never_overwrites_unless_asked_and_never_leaves_a_half_file() {
    let dir = temp();
    let path = dir.path().join("c.cesp");
    drop(Campaign::create(&path, &settings(), "Claire").expect("create"));
    let err = Campaign::create(&path, &settings(), "Claire").expect_err("exists");
    assert_eq!(err.code(), "already_exists");

    // The user confirmed the replacement in the save dialog.
    let mut s = settings();
    s.city = "Abbeville".into();
    let c = Campaign::create_with(&path, true, None, &s, "Claire").expect("replace");
    assert_eq!(c.settings().expect("settings").city, "Abbeville");
    // ...but not while the file is open.
    let err = Campaign::create_with(&path, true, None, &settings(), "Claire").expect_err("open");
    assert_eq!(err.code(), "locked");
    drop(c);

    // Invalid settings: no file at all.
    let other = dir.path().join("jamais.cesp");
    let mut bad = settings();
    bad.ufr_name = String::new();
    assert!(Campaign::create(&other, &bad, "Claire").is_err());
    assert!(!other.exists());
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains("creating"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn campaign_files_are_marked_and_durable() {
    let dir = temp();
    let path = dir.path().join("c.cesp");
    let c = Campaign::create(&path, &settings(), "Claire").expect("create");
    let conn = c.conn();
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .expect("pragma");
    assert_eq!(app_id, APPLICATION_ID);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("pragma");
    assert_eq!(mode, "wal");
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .expect("pragma");
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .expect("pragma");
    assert_eq!(fk, 1);
}

#[test]
fn the_demo_campaign_is_realistic() {
    let dir = temp();
    let path = dir.path().join("demo.cesp");
    let c = demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo");
    let summary = c.summary().expect("summary");
    assert_eq!(summary.candidate_count, 60);
    assert_eq!(summary.member_count, 7);
    let members = c.members().expect("members");
    assert_eq!(members[0].role, cesp_core::commission::Role::Chair);
    let candidates = c.candidates().expect("candidates");
    assert!(candidates
        .iter()
        .any(|c| c.data.last_name == "N'DIAYE" || c.data.last_name.contains('-')));
    assert!(candidates.iter().any(|c| c.data.birth_name.is_some()));
    assert!(candidates
        .iter()
        .any(|c| c.dossier_received_display == "03/12/2026"));
    // Sorted by name, accents kept.
    assert!(candidates.iter().any(|c| c.data.last_name.contains('È')));
    // Ordinals as written in French: « 1re année », never « 1e ».
    let years: Vec<&str> = candidates
        .iter()
        .filter_map(|c| c.data.study_year.as_deref())
        .collect();
    assert!(years.contains(&"DES — 1re année"), "{years:?}");
    assert!(years.iter().all(|y| !y.contains("1e ")), "{years:?}");
}

/// Tampers with the file as someone could with an SQLite tool, triggers and all.
fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("open behind the app's back");
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS journal_no_update; DROP TRIGGER IF EXISTS journal_no_delete;",
    )
    .expect("drop triggers");
    conn.execute_batch(sql).expect("tamper");
}

fn journal_problems(path: &Path) -> Vec<String> {
    let check = Campaign::open_read_only(path)
        .expect("open")
        .verify_journal()
        .expect("verify");
    assert_eq!(check.intact, check.problems.is_empty());
    check.problems
}

fn journal_of_five(dir: &Path) -> PathBuf {
    let path = dir.join("journal.cesp");
    let mut c = Campaign::create(&path, &settings(), "Claire Dumont").expect("create");
    for (i, city) in ["Abbeville", "Beauvais", "Compiègne", "Amiens"]
        .iter()
        .enumerate()
    {
        let mut s = settings();
        s.city = (*city).into();
        s.quotas.student.medicine = 10 + i as i64;
        c.update_settings(&s, "Pr Lefebvre").expect("update");
    }
    let check = c.verify_journal().expect("verify");
    assert!(check.intact, "{:?}", check.problems);
    assert_eq!(check.rows, 5);
    path
}

#[test]
fn a_journal_row_changed_behind_the_apps_back_is_detected() {
    let dir = temp();
    let path = journal_of_five(dir.path());
    tamper(
        &path,
        "UPDATE journal SET operator = 'Quelqu''un d''autre' WHERE id = 3",
    );
    let problems = journal_problems(&path);
    assert!(!problems.is_empty());
    assert_eq!(problems.len(), 1, "{:?}", problems);
    assert!(
        problems[0].contains("la ligne 3 du journal"),
        "{}",
        problems[0]
    );
    assert!(problems[0].contains("modifiée après coup"));
}

#[test]
fn a_journal_row_removed_in_the_middle_or_at_the_end_is_detected() {
    let dir = temp();
    let path = journal_of_five(dir.path());
    let copy = dir.path().join("copie.cesp");
    std::fs::copy(&path, &copy).expect("copy");
    tamper(&path, "DELETE FROM journal WHERE id = 2");
    let problems = journal_problems(&path);
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("la ligne 2 du journal a été supprimée")),
        "{:?}",
        problems
    );

    tamper(&copy, "DELETE FROM journal WHERE id = 5");
    let problems = journal_problems(&copy);
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("devrait compter 5 lignes, il en compte 4")),
        "{:?}",
        problems
    );
}

#[test]
fn an_older_file_gets_its_journal_chained_on_upgrade() {
    let dir = temp();
    let path = dir.path().join("v2.cesp");
    store::create_at_version(&path, 2).expect("v2 file");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "INSERT INTO campaign (id, ufr_name, university, city, academic_year, disciplines, dossier_deadline, managing_body, created_at)
             VALUES (1, 'UFR de Brest', 'UBO', 'Brest', '2024-2025', 'medicine', NULL, 'CNG', '2024-10-01T08:00:00Z');
             INSERT INTO journal (at, operator, action, summary, details) VALUES
               ('2024-10-01T08:00:00Z', 'Anne', 'campaign.create', 'Campagne créée.', '[]'),
               ('2024-10-02T08:00:00Z', 'Anne', 'campaign.update', 'Paramètres modifiés.', '[]');",
        )
        .expect("old rows");
    }
    let mut c = Campaign::open(&path).expect("upgrade");
    let check = c.verify_journal().expect("verify");
    assert!(check.intact, "{:?}", check.problems);
    assert_eq!(check.rows, 2);
    let mut s = c.settings().expect("settings");
    s.city = "Brest cedex".into();
    c.update_settings(&s, "Anne").expect("update");
    assert!(c.verify_journal().expect("verify").intact);
    // Still append-only through the app's own connection.
    assert!(c
        .conn()
        .execute("UPDATE journal SET summary = 'x' WHERE id = 1", [])
        .is_err());
}

#[test]
fn backups_are_taken_on_opening_and_before_an_import_and_restore_the_past() {
    use cesp_core::backup::Backups;
    let dir = temp();
    let path = dir.path().join("Amiens.cesp");
    drop(Campaign::create(&path, &settings(), "Claire").expect("create"));
    let backups = Backups {
        base: dir.path().join("sauvegardes"),
    };
    let mut c = Campaign::open_backed_up(&path, &backups, None).expect("open");
    assert_eq!(backups.list(&path).len(), 1);
    assert_eq!(backups.list(&path)[0].reason, "À l'ouverture");

    import_csv(
        &mut c,
        dir.path(),
        "NOM;Prénom;Catégorie\nLEFÈVRE;Zoé;Étudiant\nMARTIN;Hugo;Interne\n",
    );
    assert_eq!(c.candidates().expect("list").len(), 2);
    let list = backups.list(&path);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].reason, "Avant un import", "newest first");

    // Restore the state from before the import: the candidates are gone, the restoration
    // is journaled, and the state just before it was itself backed up.
    let before_import = list[0].file_name.clone();
    let journal_before = c.journal(1000).expect("journal");
    c.restore_backup(&backups, &before_import, "Pr Lefebvre")
        .expect("restore");
    assert!(c.candidates().expect("list").is_empty());
    // The journal only grows: the import stays recorded, and one entry says what the
    // restore undid.
    let journal = c.journal(1000).expect("journal");
    assert_eq!(journal.len(), journal_before.len() + 1);
    assert_eq!(
        journal[1..],
        journal_before[..],
        "every earlier row kept as it was"
    );
    let restore = &journal[0];
    assert_eq!(restore.operator, "Pr Lefebvre");
    assert!(
        restore.summary.starts_with("Sauvegarde du ")
            && restore
                .summary
                .ends_with(" : 1 action inscrite au journal depuis cette sauvegarde est annulée."),
        "{}",
        restore.summary
    );
    assert_eq!(restore.changes.len(), 1);
    assert_eq!(
        restore.changes[0].before,
        format!("{} (Claire)", journal_before[0].summary)
    );
    assert!(
        journal_before[0].summary.starts_with("Import de "),
        "{}",
        journal_before[0].summary
    );
    assert!(c.verify_journal().expect("verify").intact);
    assert_eq!(backups.list(&path)[0].reason, "Avant une restauration");

    // Restoring the state from just before the restore brings the candidates back, and
    // the journal still holds every row, the first restore included.
    let before_restore = backups.list(&path)[0].file_name.clone();
    c.restore_backup(&backups, &before_restore, "Pr Lefebvre")
        .expect("restore again");
    assert_eq!(c.candidates().expect("list").len(), 2);
    let again = c.journal(1000).expect("journal");
    assert_eq!(again.len(), journal.len() + 1);
    assert_eq!(again[1..], journal[..]);
    assert!(
        again[0].summary.contains("1 action inscrite"),
        "{}",
        again[0].summary
    );
    assert!(c.verify_journal().expect("verify").intact);
    drop(c);
    let c = Campaign::open(&path).expect("reopen");
    assert_eq!(c.journal(1000).expect("journal").len(), again.len());
    assert!(c.verify_journal().expect("verify").intact);
    let mut c = c;

    let err = c
        .restore_backup(&backups, "../../etc/passwd", "X")
        .expect_err("not a backup");
    assert!(
        err.to_string().contains("n'est pas une sauvegarde"),
        "{err}"
    );
    let err = c
        .restore_backup(&backups, "2020-01-01_00-00-00.000_ouverture.cesp", "X")
        .expect_err("gone");
    assert!(err.to_string().contains("introuvable"), "{err}");
}

#[test]
fn backups_are_rotated() {
    use cesp_core::backup::{Backups, Reason};
    let dir = temp();
    let path = dir.path().join("c.cesp");
    let c = Campaign::create(&path, &settings(), "Claire").expect("create");
    let backups = Backups {
        base: dir.path().join("b"),
    };
    c.store_conn_set_kept(3);
    for _ in 0..5 {
        c.backup(&backups, Reason::Opening).expect("backup");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(backups.list(&path).len(), 3);
}

trait SetKept {
    fn store_conn_set_kept(&self, n: i64);
}

impl SetKept for Campaign {
    fn store_conn_set_kept(&self, n: i64) {
        self.conn()
            .execute("UPDATE campaign SET backups_kept = ?1", [n])
            .expect("set kept");
    }
}

#[test]
fn a_copy_of_the_file_taken_while_it_is_open_holds_every_confirmed_change() {
    let dir = temp();
    let path = dir.path().join("ouvert.cesp");
    let c = demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo");
    // The app still has the file open; the user copies the .cesp alone to a USB key.
    let copy = dir.path().join("clé USB.cesp");
    std::fs::copy(&path, &copy).expect("copy");
    let on_key = Campaign::open_read_only(&copy).expect("the copy opens");
    assert_eq!(
        on_key.candidates().expect("list").len(),
        c.candidates().expect("list").len()
    );
    assert_eq!(
        on_key.journal(1000).expect("j").len(),
        c.journal(1000).expect("j").len()
    );
}

#[test]
fn a_campaign_opened_to_read_only_refuses_every_change_with_a_french_message() {
    let dir = temp();
    let path = dir.path().join("partagé.cesp");
    let _writer = demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo");
    // The file is open in another window: this one can only read it.
    assert_eq!(Campaign::open(&path).expect_err("locked").code(), "locked");
    let mut view = Campaign::open_read_only(&path).expect("read");
    let s = view.summary().expect("summary");
    assert!(s.read_only);
    assert_eq!(s.candidate_count, 60);
    let e = view
        .update_rules(&view.rules().expect("rules"), "Claire")
        .expect_err("read only");
    assert_eq!(e.code(), "read_only_view");
    assert!(
        e.to_string()
            .contains("« partagé.cesp » est ouverte en lecture seule"),
        "{e}"
    );
    let mut rules = view.rules().expect("rules");
    rules.normalise = !rules.normalise;
    let e = view.update_rules(&rules, "Claire").expect_err("read only");
    assert!(
        e.to_string().contains("Fermez-la dans l'autre fenêtre"),
        "{e}"
    );
}

/// The text of a PDF by pdftotext (poppler-utils), words joined by single spaces: a
/// sentence may wrap anywhere.
pub(crate) fn pdf_text(pdf: &[u8], dir: &Path) -> Option<String> {
    let path = dir.join("document.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new("pdftotext")
        .args([path.to_str()?, "-"])
        .output()
        .ok()?;
    // Lines are joined: a sentence may wrap anywhere.
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Set in the child of the hot-journal test: the campaign it writes to, then dies.
const HOT_JOURNAL_CHILD: &str = "CESP_HOT_JOURNAL_CHILD";

#[test]
fn a_rollback_journal_left_by_a_killed_writer_is_rolled_back_on_opening() {
    if let Some(path) = std::env::var_os(HOT_JOURNAL_CHILD) {
        // The child: a writer in rollback-journal mode that dies in the middle of a large
        // transaction, its pages already spilled to the file.
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA cache_size = 1; BEGIN;")
            .expect("begin");
        for i in 0..2000 {
            conn.execute(
                "UPDATE candidate SET notes = ?1 WHERE id = ?2",
                rusqlite::params!["x".repeat(500), i % 60 + 1],
            )
            .expect("update");
        }
        std::process::exit(0);
    }
    let dir = temp();
    let path = dir.path().join("Démo.cesp");
    drop(demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo"));
    let status = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "a_rollback_journal_left_by_a_killed_writer_is_rolled_back_on_opening",
            "--exact",
        ])
        .env(HOT_JOURNAL_CHILD, &path)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("child");
    assert!(status.success());
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    assert!(Path::new(&journal).exists(), "the writer left its journal");

    // Opening to write rolls it back: the file is whole, without any of the half
    // transaction (it was not taken for write-protected).
    let c = Campaign::open(&path).expect("opens");
    let check: String = c
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let touched: i64 = c
        .conn()
        .query_row(
            "SELECT count(*) FROM candidate WHERE notes LIKE 'xxxx%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(touched, 0, "the killed transaction is rolled back");
    assert_eq!(c.candidates().expect("candidates").len(), 60);
    assert!(c.verify_journal().expect("journal").intact);
}

/// The candidates sent to the window carry every field as the user reads it, written out
/// from each row's data as it is sent (the rows kept between calls do not hold them).
#[test]
fn each_candidate_sent_carries_every_field_as_read() {
    let dir = temp();
    let c = demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let rows = c.candidates().expect("candidates");
    let json = serde_json::to_value(&rows).expect("json");
    for (row, sent) in rows.iter().zip(json.as_array().expect("rows")) {
        assert_eq!(sent["display_name"], row.display_name.as_str());
        let shown = sent["shown"].as_array().expect("shown");
        assert_eq!(shown.len(), cesp_core::candidate::Field::ALL.len());
        let birth = shown
            .iter()
            .find(|f| f["field"] == "birth_date")
            .expect("the birth date");
        assert_eq!(birth["text"], row.birth_date_display.as_str());
        assert!(!row.birth_date_display.is_empty());
    }
}
