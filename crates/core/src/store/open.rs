//! Opening a campaign file without harming it: the checks on its raw bytes, the read-only
//! inspection of its identity, version and integrity, the recovery of a hot journal, the
//! writer's connection, and SQLite's errors on open said in the user's words.

use std::fs::File;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{latest_version, APPLICATION_ID};
use crate::cipher::read_up_to;
use crate::cipher::{self, Passphrase};
use crate::error::{Error, Result};

/// Rolls back the rollback journal a writer killed mid-transaction left beside `path`
/// (a "hot" journal), which restores the file as it was before that transaction. Only a
/// connection that may write can do it: the read-only inspection would otherwise take
/// the file for write-protected. Called with the file's lock held.
pub(super) fn recover_hot_journal(path: &Path, key: Option<&Passphrase>) -> Result<()> {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    if !Path::new(&journal).exists() {
        return Ok(());
    }
    let conn = cipher::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| classify(path, key, e))?;
    // SQLite rolls a hot journal back on the first read.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|e| classify(path, key, e))?;
    Ok(())
}

/// Opens the campaign file for writing, with the settings every writer uses.
pub(super) fn open_writable(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let conn = cipher::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| classify(path, key, e))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| classify(path, key, e))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Cheap checks on the raw bytes, before SQLite sees the file. Returns the key to open it
/// with: `key` for an encrypted file (required), none for a plain one.
pub(super) fn check_file(path: &Path, key: Option<&Passphrase>) -> Result<Option<Passphrase>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound(path.to_path_buf()))
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::NotACampaign {
            path: path.to_path_buf(),
            reason: "c'est un dossier".into(),
        });
    }
    let not_campaign = |reason: &str| Error::NotACampaign {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    if meta.len() == 0 {
        return Err(not_campaign("le fichier est vide"));
    }
    let mut header = [0u8; 100];
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let n = read_up_to(&mut f, &mut header).map_err(|e| Error::io(path, e))?;
    if n < 16 || header[..16] != cipher::PLAIN_HEADER[..] {
        // An encrypted file has no readable header: only its passphrase tells.
        if !cipher::looks_encrypted(&header[..n], meta.len()) {
            return Err(not_campaign("son contenu n'est pas celui d'une campagne"));
        }
        let Some(key) = key else {
            return Err(Error::PassphraseRequired(path.to_path_buf()));
        };
        if meta.permissions().readonly() {
            return Err(Error::ReadOnly(path.to_path_buf()));
        }
        return Ok(Some(key.clone()));
    }
    let corrupt = |reason: &str| Error::Corrupt {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    if n < 100 {
        return Err(corrupt("le fichier est tronqué"));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        p => u64::from(p),
    };
    if page_size < 512 || !page_size.is_power_of_two() || meta.len() % page_size != 0 {
        return Err(corrupt("le fichier est tronqué"));
    }
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]);
    if change_counter == valid_for && u64::from(pages) * page_size > meta.len() {
        return Err(corrupt("le fichier est tronqué"));
    }
    if meta.permissions().readonly() {
        return Err(Error::ReadOnly(path.to_path_buf()));
    }
    Ok(None)
}

/// Reads the file's identity and integrity through a read-only connection and returns
/// its schema version. Nothing here can modify the file.
pub(super) fn inspect(path: &Path, key: Option<&Passphrase>) -> Result<i64> {
    let conn = cipher::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| classify(path, key, e))?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| classify(path, key, e))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotACampaign {
            path: path.to_path_buf(),
            reason: "c'est une base SQLite d'une autre application".into(),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, key, e))?;
    if version > latest_version() {
        return Err(Error::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: latest_version(),
        });
    }
    let check: String = conn
        .pragma_query_value(None, "quick_check", |r| r.get(0))
        .map_err(|e| classify(path, key, e))?;
    if check != "ok" {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: "le contrôle d'intégrité a échoué".into(),
        });
    }
    Ok(version)
}

/// Turns SQLite's low-level errors on open into the user's words.
/// With a key, a file SQLite cannot read means a wrong passphrase (or not a campaign).
pub(super) fn classify(path: &Path, key: Option<&Passphrase>, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) if key.is_some() => {
            Error::WrongPassphrase(path.to_path_buf())
        }
        Some(ErrorCode::NotADatabase) => Error::NotACampaign {
            path: path.to_path_buf(),
            reason: "son contenu n'est pas celui d'une campagne".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_path_buf(),
            reason: "la base de données est corrompue".into(),
        },
        Some(ErrorCode::ReadOnly)
        | Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::PermissionDenied) => Error::ReadOnly(path.to_path_buf()),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            Error::Locked(path.to_path_buf())
        }
        _ => Error::Database(e),
    }
}
