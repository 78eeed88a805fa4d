//! Encryption at rest: a campaign file, and each of its backups, encrypted with a
//! passphrase through SQLCipher (AES-256 pages, key derived by PBKDF2-HMAC-SHA512), so
//! that a lost laptop or USB key leaks nothing. An unencrypted file is plain SQLite.
//!
//! The passphrase lives in memory only, for as long as the campaign is open; nothing
//! derived from it is ever written outside the encrypted file.

use std::fmt;
use std::path::Path;

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, FieldIssue, Result};

/// The shortest passphrase accepted when one is chosen.
pub const MIN_CHARS: usize = 12;

/// A campaign file's passphrase. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Passphrase {
    /// A passphrase typed to open a file: any non-empty text, normalised to NFC so that
    /// the same accents typed on another system give the same key.
    pub fn given(text: &str) -> Result<Passphrase> {
        if text.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "passphrase",
                "Saisissez la phrase de passe du fichier.",
            )]));
        }
        Ok(Passphrase(text.nfc().collect()))
    }

    /// A new passphrase chosen by the user, typed twice: long enough, and the same both
    /// times. Each problem names its field (`passphrase`, `confirmation`).
    pub fn chosen(text: &str, confirmation: &str) -> Result<Passphrase> {
        let phrase: String = text.nfc().collect();
        let mut issues = Vec::new();
        if phrase.trim().chars().count() < MIN_CHARS {
            issues.push(FieldIssue::new(
                "passphrase",
                format!("La phrase de passe doit compter au moins {MIN_CHARS} caractères : prenez plutôt quelques mots faciles à retenir (par exemple « cèdre lumière vingt falaises »)."),
            ));
        } else if phrase.trim() != phrase {
            issues.push(FieldIssue::new(
                "passphrase",
                "La phrase de passe commence ou finit par une espace, difficile à retaper : retirez-la.",
            ));
        }
        if issues.is_empty() && confirmation.nfc().collect::<String>() != phrase {
            issues.push(FieldIssue::new(
                "confirmation",
                "Les deux saisies de la phrase de passe diffèrent : retapez-la à l'identique.",
            ));
        }
        if issues.is_empty() {
            Ok(Passphrase(phrase))
        } else {
            Err(Error::Validation(issues))
        }
    }

    /// The text, for SQLCipher.
    fn text(&self) -> &str {
        &self.0
    }
}

/// Gives `key` to a connection just opened, before anything reads the file. `None` leaves
/// the connection plain.
pub(crate) fn apply(conn: &Connection, key: Option<&Passphrase>) -> rusqlite::Result<()> {
    // SQLCipher writes its own diagnostics on stderr (a wrong key logs an "hmac check");
    // the app reports errors itself, in French.
    let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
    if let Some(key) = key {
        conn.pragma_update(None, "key", key.text())?;
    }
    Ok(())
}

/// Opens `path` and gives it `key`.
pub(crate) fn open(
    path: &Path,
    flags: rusqlite::OpenFlags,
    key: Option<&Passphrase>,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    apply(&conn, key)?;
    Ok(conn)
}

/// The first bytes of every unencrypted SQLite file. An encrypted file starts with its
/// random salt instead.
pub(crate) const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether a file of `len` bytes starting with `header` may be an encrypted campaign: not
/// a plain SQLite file, but whole pages of one (only the passphrase can tell it from
/// noise).
pub(crate) fn looks_encrypted(header: &[u8], len: u64) -> bool {
    len >= 512 && len.is_multiple_of(512) && header.len() >= 16 && header[..16] != PLAIN_HEADER[..]
}

/// Whether `path` may be an encrypted campaign (see [`looks_encrypted`]). An empty,
/// missing or odd-sized file is not.
pub fn is_encrypted(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut header))
        .unwrap_or(0);
    meta.is_file() && looks_encrypted(&header[..read], meta.len())
}

/// Copies the whole database behind `conn` into a new file `target`, encrypted with
/// `key` (or plain when `None`), keeping its identity and schema version.
pub(crate) fn export(conn: &Connection, target: &Path, key: Option<&Passphrase>) -> Result<()> {
    // An empty file, because ATTACH inherits the open flags of the campaign's connection,
    // which does not create files.
    std::fs::File::create(target).map_err(|e| Error::io(target, e))?;
    let target_text = target.to_string_lossy();
    let key_text = key.map(Passphrase::text).unwrap_or("");
    let result = (|| -> rusqlite::Result<()> {
        conn.execute(
            "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
            rusqlite::params![target_text, key_text],
        )?;
        let copied = (|| {
            conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            conn.pragma_update(Some("rekeyed"), "user_version", version)?;
            conn.pragma_update(Some("rekeyed"), "application_id", app)
        })();
        let detached = conn.execute("DETACH DATABASE rekeyed", []);
        copied?;
        detached.map(|_| ())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(target);
        Error::io(target, std::io::Error::other(e.to_string()))
    })
}

/// Reads into `buf` until it is full or the file ends; returns how much was read.
pub(crate) fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut total = 0;
    while total < buf.len() {
        match std::io::Read::read(f, &mut buf[total..])? {
            0 => break,
            n => total += n,
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_passphrase_is_long_enough_and_confirmed() {
        let short = Passphrase::chosen("amiens", "amiens").unwrap_err();
        assert_eq!(short.details()[0].field, "passphrase");
        assert!(
            short.to_string().contains("au moins 12 caractères"),
            "{short}"
        );
        let differ = Passphrase::chosen("cèdre lumière vingt", "cèdre lumiere vingt").unwrap_err();
        assert_eq!(differ.details()[0].field, "confirmation");
        let padded =
            Passphrase::chosen(" cèdre lumière vingt", " cèdre lumière vingt").unwrap_err();
        assert!(padded.to_string().contains("espace"), "{padded}");
        assert!(Passphrase::chosen("cèdre lumière vingt", "cèdre lumière vingt").is_ok());
        assert_eq!(
            Passphrase::given("").unwrap_err().details()[0].field,
            "passphrase"
        );
    }

    #[test]
    fn accents_typed_decomposed_give_the_same_passphrase() {
        // "é" as one code point (Windows) and as "e" + combining acute (macOS).
        let composed = Passphrase::given("cl\u{e9} d'\u{e9}t\u{e9}").unwrap();
        let decomposed = Passphrase::given("cle\u{301} d'e\u{301}te\u{301}").unwrap();
        assert_eq!(composed, decomposed);
        assert_eq!(format!("{composed:?}"), "Passphrase(…)");
    }
}
