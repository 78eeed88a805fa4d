//! Encryption at rest: nothing of a campaign readable without its passphrase, in the file
//! or in its backups; a wrong passphrase refused without damage; the passphrase changed
//! or removed later, backups following.

use std::path::Path;

use cesp_core::backup::Backups;
use cesp_core::cipher::{self, Passphrase};
use cesp_core::{demo, Campaign, Error};

use super::{fingerprint, import_csv, settings, temp};

fn phrase(text: &str) -> Passphrase {
    Passphrase::chosen(text, text).expect("a valid passphrase")
}

/// Whether `needle` appears anywhere in the raw bytes of `path` (or of its WAL).
fn leaks(path: &Path, needle: &str) -> bool {
    let mut bytes = std::fs::read(path).expect("read");
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(wal).unwrap_or_default());
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn backup_files(backups: &Backups, campaign: &Path) -> Vec<std::path::PathBuf> {
    backups
        .list(campaign)
        .iter()
        .map(|b| backups.dir_for(campaign).join(&b.file_name))
        .collect()
}

#[test]
fn an_encrypted_campaign_reads_as_noise_and_opens_only_with_its_passphrase() {
    let dir = temp();
    let path = dir.path().join("Amiens chiffré.cesp");
    let key = phrase("cèdre lumière vingt falaises");
    {
        let mut c = Campaign::create_with(&path, false, Some(&key), &settings(), "Claire")
            .expect("create encrypted");
        import_csv(
            &mut c,
            dir.path(),
            "NOM;Prénom;Catégorie;Courriel\nLEFÈVRE;Zoé;Étudiant;zoe.lefevre@etu.u-picardie.fr\n",
        );
        assert!(c.summary().expect("summary").encrypted);
    }
    assert!(cipher::is_encrypted(&path));
    for secret in ["LEFÈVRE", "zoe.lefevre", "Amiens", "SQLite format 3"] {
        assert!(!leaks(&path, secret), "« {secret} » readable in the file");
    }

    let before = fingerprint(&path);
    let err = Campaign::open(&path).expect_err("no passphrase");
    assert!(matches!(err, Error::PassphraseRequired(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Le fichier « Amiens chiffré.cesp » est chiffré : saisissez sa phrase de passe pour l'ouvrir."
    );
    let wrong = Passphrase::given("cedre lumiere vingt falaises").expect("given");
    let err = Campaign::open_with(&path, Some(&wrong)).expect_err("wrong passphrase");
    assert!(matches!(err, Error::WrongPassphrase(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("La phrase de passe ne permet pas d'ouvrir « Amiens chiffré.cesp »"),
        "{err}"
    );
    assert_eq!(err.code(), "wrong_passphrase");
    let err = Campaign::open_read_only_with(&path, Some(&wrong)).expect_err("read-only too");
    assert!(matches!(err, Error::WrongPassphrase(_)), "{err:?}");
    assert_eq!(
        fingerprint(&path),
        before,
        "refusals leave the file untouched"
    );
    // SQLite without the key sees no database.
    let raw = rusqlite::Connection::open(&path).expect("open raw");
    assert!(raw
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    drop(raw);

    // Typed with decomposed accents (macOS), the passphrase still opens the file.
    let decomposed =
        Passphrase::given("ce\u{300}dre lumie\u{300}re vingt falaises").expect("given");
    let c = Campaign::open_read_only_with(&path, Some(&decomposed)).expect("opens");
    let rows = c.candidates().expect("candidates");
    assert_eq!(rows.len(), 1);
    assert!(c.verify_journal().expect("verify").intact);
    assert!(c.journal(10).expect("journal").iter().any(|r| r
        .summary
        .contains("fichier chiffré par une phrase de passe")));
}

#[test]
fn encrypting_later_changing_and_removing_the_passphrase_carry_the_backups_along() {
    let dir = temp();
    let path = dir.path().join("Démo.cesp");
    drop(demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo"));
    let backups = Backups {
        base: dir.path().join("sauvegardes"),
    };
    let name = "BENSAÏD";
    let mut c = Campaign::open_backed_up(&path, &backups, None).expect("open");
    let candidates = c.candidates().expect("candidates").len();
    assert!(
        leaks(&backup_files(&backups, &path)[0], name),
        "a plain backup"
    );

    // Encrypt: the file and every backup become unreadable without the passphrase.
    let first = phrase("cèdre lumière vingt falaises");
    c.change_passphrase(None, Some(&first), "Claire")
        .expect("encrypt");
    assert!(c.summary().expect("summary").encrypted);
    assert_eq!(c.candidates().expect("candidates").len(), candidates);
    assert!(c.verify_journal().expect("verify").intact);
    assert_eq!(
        c.journal(1).expect("journal")[0].summary,
        "Fichier chiffré par une phrase de passe."
    );
    drop(c);
    assert!(!leaks(&path, name));
    let files = backup_files(&backups, &path);
    assert_eq!(files.len(), 1);
    for f in &files {
        assert!(
            cipher::is_encrypted(f) && !leaks(f, name),
            "{}",
            f.display()
        );
    }

    // Reopen with it: the opening backup is encrypted too, and restores.
    let mut c = Campaign::open_backed_up(&path, &backups, Some(&first)).expect("reopen");
    let files = backup_files(&backups, &path);
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| !leaks(f, name)));

    // A wrong current passphrase changes nothing.
    let second = phrase("marée basse à Cayeux-sur-Mer");
    let err = c
        .change_passphrase(
            Some(&Passphrase::given("cèdre").expect("given")),
            Some(&second),
            "Claire",
        )
        .expect_err("wrong current");
    assert_eq!(err.details()[0].field, "current");
    assert_eq!(c.passphrase(), Some(&first));

    c.change_passphrase(Some(&first), Some(&second), "Claire")
        .expect("change");
    let newest = backups.list(&path)[0].file_name.clone();
    c.restore_backup(&backups, &newest, "Claire")
        .expect("a backup re-encrypted with the new passphrase restores");
    assert_eq!(c.candidates().expect("candidates").len(), candidates);
    drop(c);
    let err = Campaign::open_with(&path, Some(&first)).expect_err("old passphrase");
    assert!(matches!(err, Error::WrongPassphrase(_)), "{err:?}");
    for f in backup_files(&backups, &path) {
        assert!(
            Campaign::open_read_only_with(&f, Some(&second)).is_ok(),
            "{} follows the new passphrase",
            f.display()
        );
    }

    // Remove the encryption: plain again, journal intact.
    let mut c = Campaign::open_backed_up(&path, &backups, Some(&second)).expect("open");
    c.change_passphrase(Some(&second), None, "Claire")
        .expect("decrypt");
    assert!(!c.summary().expect("summary").encrypted);
    assert_eq!(
        c.journal(1).expect("journal")[0].summary,
        "Chiffrement du fichier retiré."
    );
    drop(c);
    assert!(!cipher::is_encrypted(&path));
    let mut c = Campaign::open(&path).expect("opens without a passphrase");
    assert!(c.verify_journal().expect("verify").intact);
    assert_eq!(
        c.change_passphrase(None, None, "Claire")
            .expect_err("nothing to remove")
            .to_string(),
        "Ce fichier n'est pas chiffré : il n'y a pas de chiffrement à retirer."
    );
}

#[test]
fn a_plain_backup_left_by_an_interrupted_encryption_is_encrypted_at_the_next_opening() {
    let dir = temp();
    let path = dir.path().join("Démo.cesp");
    drop(demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo"));
    let backups = Backups {
        base: dir.path().join("sauvegardes"),
    };
    let c = Campaign::open_backed_up(&path, &backups, None).expect("open");
    let plain = backup_files(&backups, &path)[0].clone();
    let kept = dir.path().join("plain copy.cesp");
    std::fs::copy(&plain, &kept).expect("keep a plain backup");
    drop(c);
    let key = phrase("cèdre lumière vingt falaises");
    let mut c = Campaign::open_backed_up(&path, &backups, None).expect("open");
    c.change_passphrase(None, Some(&key), "Claire")
        .expect("encrypt");
    drop(c);
    // As if the app had died before converting this backup.
    std::fs::copy(&kept, &plain).expect("put it back");
    assert!(leaks(&plain, "BENSAÏD"));
    drop(Campaign::open_backed_up(&path, &backups, Some(&key)).expect("open"));
    assert!(!leaks(&plain, "BENSAÏD"), "converted at opening");
    assert!(Campaign::open_read_only_with(&plain, Some(&key)).is_ok());
}

#[test]
fn copies_of_an_encrypted_campaign_merge_and_a_copy_under_another_passphrase_is_refused() {
    let dir = temp();
    let path = dir.path().join("Démo.cesp");
    drop(demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo"));
    let key = phrase("cèdre lumière vingt falaises");
    let mut c = Campaign::open(&path).expect("open");
    c.change_passphrase(None, Some(&key), "Claire")
        .expect("encrypt");
    drop(c);
    let copy = dir.path().join("Copie du référent.cesp");
    std::fs::copy(&path, &copy).expect("copy");
    let c = Campaign::open_with(&path, Some(&key)).expect("open");
    let plan = c.merge_preview(&copy).expect("same passphrase: merges");
    assert!(plan.new_candidates.is_empty());
    drop(c);

    let other = dir.path().join("Autre.cesp");
    std::fs::copy(&path, &other).expect("copy");
    let mut o = Campaign::open_with(&other, Some(&key)).expect("open");
    o.change_passphrase(Some(&key), Some(&phrase("une tout autre phrase")), "X")
        .expect("rekey the copy");
    drop(o);
    let c = Campaign::open_with(&path, Some(&key)).expect("open");
    let err = c.merge_preview(&other).expect_err("another passphrase");
    assert!(
        err.to_string()
            .starts_with("La copie « Autre.cesp » est chiffrée avec une phrase de passe que cette campagne n'a pas"),
        "{err}"
    );
}
