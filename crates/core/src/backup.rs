//! Backups of a campaign through SQLite's online backup API: on opening and before every
//! destructive action, rotated, listed with their dates, restored after confirmation.
//!
//! They live in the user's data folder, one folder per campaign file, so that a lost or
//! damaged USB key does not take its backups with it.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::cipher::{self, Passphrase};
use crate::error::{Error, Result};

/// Where backups go and how many are kept when the campaign does not say.
#[derive(Debug, Clone)]
pub struct Backups {
    /// The folder holding one sub-folder per campaign file.
    pub base: PathBuf,
}

/// The app's folder in the user's data folder (its bundle identifier).
const APP_FOLDER: &str = "fr.cesp-commission.app";

/// The user's data folder on this system, from the environment `var`, as the desktop
/// app's framework finds it.
fn data_folder(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let home = || var("HOME").map(PathBuf::from);
    if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library").join("Application Support"))
    } else if cfg!(windows) {
        var("APPDATA").map(PathBuf::from)
    } else {
        var("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home().map(|h| h.join(".local").join("share")))
    }
}

/// Backups kept per campaign unless its settings say otherwise.
pub const DEFAULT_KEPT: i64 = 20;

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The campaign was opened.
    Opening,
    /// Before an import.
    BeforeImport,
    /// Before an import was undone.
    BeforeUndoImport,
    /// Before a backup was restored.
    BeforeRestore,
    /// Before the scores were reset to change the grid.
    BeforeGridReset,
    /// Before scoring sheets were imported.
    BeforeSheetImport,
    /// Before another copy of the campaign was merged in.
    BeforeMerge,
    /// Before personal data was purged.
    BeforePurge,
    /// Before the sealed minutes were reopened.
    BeforeReopenMinutes,
}

impl Reason {
    fn slug(self) -> &'static str {
        match self {
            Reason::Opening => "ouverture",
            Reason::BeforeImport => "avant-import",
            Reason::BeforeUndoImport => "avant-annulation-import",
            Reason::BeforeRestore => "avant-restauration",
            Reason::BeforeGridReset => "avant-reinitialisation-notes",
            Reason::BeforeSheetImport => "avant-import-feuille",
            Reason::BeforeMerge => "avant-fusion",
            Reason::BeforePurge => "avant-purge",
            Reason::BeforeReopenMinutes => "avant-reouverture-pv",
        }
    }

    fn label(slug: &str) -> &'static str {
        match slug {
            "ouverture" => "À l'ouverture",
            "avant-import" => "Avant un import",
            "avant-annulation-import" => "Avant l'annulation d'un import",
            "avant-restauration" => "Avant une restauration",
            "avant-reinitialisation-notes" => "Avant la réinitialisation des notes",
            "avant-import-feuille" => "Avant l'import d'une feuille de notation",
            "avant-fusion" => "Avant la fusion d'une autre copie",
            "avant-purge" => "Avant une purge des données personnelles",
            "avant-reouverture-pv" => "Avant la réouverture du procès-verbal",
            _ => "Sauvegarde",
        }
    }
}

/// One backup, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    /// Its file name (what the UI sends back to restore it).
    pub file_name: String,
    /// When it was taken (French).
    pub taken_display: String,
    /// Why (French).
    pub reason: String,
    /// Its size, in kilobytes.
    pub size_kb: u64,
}

impl Backups {
    /// Backups in the usual place, [`Backups::default_base`]: where the app and the
    /// command line both keep them.
    pub fn for_this_user() -> Self {
        Backups {
            base: Self::default_base(),
        }
    }

    /// The usual place: the app's folder (`fr.cesp-commission.app`) in the user's data
    /// folder, the one the desktop app's data lives in: `$XDG_DATA_HOME` (or
    /// `~/.local/share`) on Linux, `~/Library/Application Support` on macOS, `%APPDATA%`
    /// on Windows; the temporary folder when none is known.
    pub fn default_base() -> PathBuf {
        data_folder(|name| std::env::var_os(name))
            .unwrap_or_else(std::env::temp_dir)
            .join(APP_FOLDER)
            .join("sauvegardes")
    }

    /// The folder of one campaign file's backups: its name and a short fingerprint of its
    /// full path, so that two "campagne.cesp" in different folders do not mix.
    pub fn dir_for(&self, campaign: &Path) -> PathBuf {
        let full = std::path::absolute(campaign).unwrap_or_else(|_| campaign.to_path_buf());
        let digest = Sha256::digest(full.to_string_lossy().as_bytes());
        let short: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        let stem = campaign
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "campagne".into());
        self.base.join(format!("{stem}-{short}"))
    }

    /// Copies the database behind `conn` (consistent, even while it is being written) and
    /// keeps the `kept` newest backups. The backup of an encrypted campaign is encrypted
    /// with its passphrase `key`.
    pub fn take(
        &self,
        conn: &Connection,
        key: Option<&Passphrase>,
        campaign: &Path,
        reason: Reason,
        kept: i64,
    ) -> Result<PathBuf> {
        let dir = self.dir_for(campaign);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        // Paris time, as every date the app shows.
        let stamp = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%Y-%m-%d_%H-%M-%S%.3f");
        let target = dir.join(format!("{stamp}_{}.cesp", reason.slug()));
        let partial = target.with_extension("partial");
        copy(conn, key, &partial).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::io(&partial, std::io::Error::other(e.to_string()))
        })?;
        std::fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))?;
        self.rotate(campaign, kept.max(1) as usize);
        Ok(target)
    }

    /// Brings every backup of `campaign` to passphrase `new` (`None`: plain), after the
    /// campaign itself changed: a backup left plain beside an encrypted campaign would
    /// leak what the encryption protects. Backups already under `new` are left as they
    /// are (a conversion interrupted earlier resumes); a plain one that cannot be
    /// converted is deleted; one under another passphrase is kept.
    pub fn rekey_all(&self, campaign: &Path, old: Option<&Passphrase>, new: Option<&Passphrase>) {
        // Read-write: the conversion attaches its copy through this connection.
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE;
        let readable = |file: &Path, key: Option<&Passphrase>| -> Option<Connection> {
            let conn = cipher::open(file, flags, key).ok()?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
                .ok()?;
            Some(conn)
        };
        for file in self.files(campaign) {
            let encrypted = cipher::is_encrypted(&file);
            let source = match (encrypted, old) {
                (false, _) => None,
                (true, Some(old)) => Some(old),
                // Nothing to convert it from (this is the opening's check, which must
                // not derive a key per backup): it stays under its passphrase.
                (true, None) => continue,
            };
            // Already as wanted: plain (nothing to open), or readable with `new`.
            if !encrypted && new.is_none()
                || encrypted && new.is_some() && readable(&file, new).is_some()
            {
                continue;
            }
            let converted = readable(&file, source).is_some_and(|conn| {
                let partial = file.with_extension("partial");
                let done = cipher::export(&conn, &partial, new).is_ok();
                drop(conn);
                done && std::fs::rename(&partial, &file).is_ok()
            });
            if !converted && !encrypted && new.is_some() {
                let _ = std::fs::remove_file(&file);
            }
        }
    }

    fn files(&self, campaign: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir_for(campaign))
            .map(|it| {
                it.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "cesp"))
                    .collect()
            })
            .unwrap_or_default();
        // Names start with the date: the name order is the time order.
        files.sort();
        files
    }

    fn rotate(&self, campaign: &Path, kept: usize) {
        let files = self.files(campaign);
        if files.len() > kept {
            for old in &files[..files.len() - kept] {
                let _ = std::fs::remove_file(old);
            }
        }
    }

    /// The backups of `campaign`, newest first.
    pub fn list(&self, campaign: &Path) -> Vec<BackupInfo> {
        let mut out: Vec<BackupInfo> = self
            .files(campaign)
            .into_iter()
            .filter_map(|p| {
                let name = p.file_name()?.to_string_lossy().into_owned();
                let stem = p.file_stem()?.to_string_lossy().into_owned();
                let (date, rest) = stem.split_once('_')?;
                let (time, slug) = rest.split_once('_')?;
                let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
                let t = chrono::NaiveTime::parse_from_str(time, "%H-%M-%S%.3f").ok()?;
                Some(BackupInfo {
                    file_name: name,
                    taken_display: format!(
                        "{} à {}",
                        crate::fr::date_long(d),
                        crate::fr::time(chrono::Timelike::hour(&t), chrono::Timelike::minute(&t))
                    ),
                    reason: Reason::label(slug).to_owned(),
                    size_kb: std::fs::metadata(&p)
                        .map(|m| crate::files::size_kb(m.len()))
                        .unwrap_or(0),
                })
            })
            .collect();
        out.reverse();
        out
    }
}

/// Whether `conn`'s file has `table` (a file from before the minutes has no seal).
fn has_table(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )?)
}

/// The sealed versions of the minutes in `conn`: number and fingerprint.
pub(crate) fn seals(conn: &Connection) -> Result<Vec<(i64, String)>> {
    if !has_table(conn, "minutes_version")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT id, fingerprint FROM minutes_version ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The minutes' PDFs produced in `conn`'s campaign: fingerprint, version, when, stage.
pub(crate) fn minutes_pdfs(conn: &Connection) -> Result<Vec<(String, i64, String, String)>> {
    if !has_table(conn, "minutes_pdf")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT sha256, version, at, stage FROM minutes_pdf")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The rows of the record a restore must not take back (the tables of the minutes'
/// electronic signatures), read from the campaign as it stands.
pub(crate) struct Carried(Vec<(&'static str, Vec<Vec<rusqlite::types::Value>>)>);

/// The record's rows of `conn` that a restore carries forward.
pub(crate) fn record(conn: &Connection) -> Result<Carried> {
    let mut out = Vec::new();
    for table in ["minutes_signed_base", "minutes_signature"] {
        if !has_table(conn, table)? {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}"))?;
        let width = stmt.column_count();
        let rows = stmt.query_map([], |r| {
            (0..width)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })?;
        out.push((table, rows.collect::<rusqlite::Result<_>>()?));
    }
    Ok(Carried(out))
}

impl Carried {
    /// Puts the rows back into the restored campaign (those it has already stay).
    pub(crate) fn restore(&self, tx: &rusqlite::Transaction) -> Result<()> {
        for (table, rows) in &self.0 {
            for row in rows {
                let marks = vec!["?"; row.len()].join(", ");
                tx.execute(
                    &format!("INSERT OR IGNORE INTO {table} VALUES ({marks})"),
                    rusqlite::params_from_iter(row.iter()),
                )?;
            }
        }
        Ok(())
    }
}

/// Copies the database behind `conn` into the new file `target`, encrypted like it.
fn copy(conn: &Connection, key: Option<&Passphrase>, target: &Path) -> rusqlite::Result<()> {
    let mut dest = cipher::open(target, rusqlite::OpenFlags::default(), key)?;
    let backup = rusqlite::backup::Backup::new(conn, &mut dest)?;
    backup.run_to_completion(256, std::time::Duration::ZERO, None)
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn backups_go_to_the_apps_data_folder() {
        let base = Backups::for_this_user().base;
        assert!(
            base.ends_with(Path::new(APP_FOLDER).join("sauvegardes")),
            "{}",
            base.display()
        );
        assert_eq!(base, Backups::default_base());
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn on_linux_the_data_folder_is_xdg_data_home_or_local_share() {
        let home = [("HOME", "/home/claire")];
        assert_eq!(
            data_folder(env(&home)),
            Some(PathBuf::from("/home/claire/.local/share"))
        );
        let xdg = [("HOME", "/home/claire"), ("XDG_DATA_HOME", "/data/claire")];
        assert_eq!(data_folder(env(&xdg)), Some(PathBuf::from("/data/claire")));
        let relative = [("HOME", "/home/claire"), ("XDG_DATA_HOME", "data")];
        assert_eq!(
            data_folder(env(&relative)),
            Some(PathBuf::from("/home/claire/.local/share"))
        );
        assert_eq!(data_folder(env(&[])), None);
    }

    #[cfg(target_os = "macos")]
    #[test]
    fn on_macos_the_data_folder_is_application_support() {
        let home = [("HOME", "/Users/claire"), ("XDG_DATA_HOME", "/elsewhere")];
        assert_eq!(
            data_folder(env(&home)),
            Some(PathBuf::from("/Users/claire/Library/Application Support"))
        );
    }
}
