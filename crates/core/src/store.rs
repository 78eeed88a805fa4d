//! The campaign document: one SQLite file, its migrations, its lock and its journal.
//!
//! A file is validated read-only before anything may write to it, so a damaged, foreign
//! or newer file is never modified. Every use case runs in one transaction that also
//! appends its journal entry.

mod lock;
mod migrations;
mod open;
mod place;
mod views;

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::cipher::{self, Passphrase};
use crate::error::{Error, Result};
use crate::journal;
use lock::acquire_lock;
use migrations::migrate;
pub use migrations::{create_at_version, latest_version, MIGRATIONS};
use open::{check_file, classify, inspect, open_writable, recover_hot_journal};
pub(crate) use place::{discard, put_in_place};
use place::{file_name, parent_dir, remove_wal_files};
use views::Views;

/// `PRAGMA application_id` of a campaign file: "CESP" in ASCII.
pub const APPLICATION_ID: i64 = 0x4345_5350;

/// An open campaign file, held exclusively by this process until dropped.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The passphrase of an encrypted file (`None`: plain SQLite).
    key: Option<Passphrase>,
    // Held for its advisory lock (none when read-only); released by the OS when the
    // process dies.
    _lock: Option<File>,
    /// Views of the campaign computed once and kept until what they read changes
    /// ([`Store::view`]).
    views: Views,
}

impl Store {
    /// Creates a new, empty campaign file at `path`, runs `init` in the same transaction
    /// as the schema, and opens it. An existing file is refused unless `replace` (the user
    /// confirmed it in the save dialog), and even then only when no one has it open.
    ///
    /// The file is built under a temporary name and renamed into place, so a crash never
    /// leaves a half-made campaign under the user's chosen name, nor destroys the old one.
    /// With `key`, the file is encrypted from its first byte.
    pub fn create(
        path: &Path,
        replace: bool,
        key: Option<&Passphrase>,
        init: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<Store> {
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        if path.exists() && (!replace || path.is_dir()) {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        let dir = parent_dir(path);
        if !dir.is_dir() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "dossier introuvable"),
            ));
        }
        let tmp = dir.join(format!(
            ".{}.creating-{}",
            file_name(path),
            std::process::id()
        ));
        let _ = std::fs::remove_file(&tmp);
        let result = (|| {
            let mut conn = cipher::open(&tmp, OpenFlags::default(), key)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            // Already in the mode every writer uses: switching it after the rename would
            // leave, if killed meanwhile, a hot journal that only a writer can roll back.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            let tx = conn.transaction()?;
            migrate(&tx, 0)?;
            init(&tx)?;
            tx.commit()?;
            conn.close().map_err(|(_, e)| Error::Database(e))?;
            Ok(())
        })();
        if let Err(e) = result {
            discard(&tmp);
            return Err(e);
        }
        put_in_place(&tmp, path, replace)?;
        Store::open(path, key)
    }

    /// Closes the file: its write-ahead log is copied into it and removed, and its lock
    /// released.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::Database(e))
    }

    /// Opens an existing campaign file for writing, upgrading its schema if it is older.
    /// An encrypted file needs its passphrase `key`; a plain file ignores it.
    pub fn open(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        Self::open_with(path, key, |_, _| Ok(()))
    }

    /// Like [`Store::open`], running `before_upgrade` on the opened file (with its key)
    /// before anything is written to it (the opening backup).
    pub fn open_with(
        path: &Path,
        key: Option<&Passphrase>,
        before_upgrade: impl FnOnce(&Connection, Option<&Passphrase>) -> Result<()>,
    ) -> Result<Store> {
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        let key = check_file(path, key)?;
        let lock = acquire_lock(path)?;
        recover_hot_journal(path, key.as_ref())?;
        let version = inspect(path, key.as_ref())?;
        let mut conn = open_writable(path, key.as_ref())?;
        before_upgrade(&conn, key.as_ref())?;
        if version < latest_version() {
            let tx = conn.transaction()?;
            migrate(&tx, version)?;
            tx.commit()?;
        }
        let views = Views::default();
        views.track(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            key,
            _lock: Some(lock),
            views,
        })
    }

    /// Opens a campaign file for reading only: no lock is taken, so this works while the
    /// app (or another command) has the file open for writing, and on read-only media.
    /// Writes through this store fail.
    pub fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        let key = match check_file(path, key) {
            Ok(key) => key,
            Err(Error::ReadOnly(_)) => key.filter(|_| cipher::is_encrypted(path)).cloned(),
            Err(e) => return Err(e),
        };
        let version = inspect(path, key.as_ref())?;
        if version < latest_version() {
            return Err(Error::NeedsUpgrade(path.to_path_buf()));
        }
        let mut conn = cipher::open(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key.as_ref(),
        )
        .map_err(|e| classify(path, key.as_ref(), e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let views = Views::default();
        views.track(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            key,
            _lock: None,
            views,
        })
    }

    /// The passphrase of this file, when it is encrypted.
    pub fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Another campaign file as it was last saved, read from a private copy (upgraded
    /// there when its format is older): the file itself is never written. Refused while
    /// it is open elsewhere (its state would be half-saved), when it is not a campaign,
    /// or when a newer version of the app made it.
    pub fn snapshot(path: &Path, key: Option<&Passphrase>) -> Result<Snapshot> {
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        let key = check_file(path, key)?;
        let lock = acquire_lock(path)?;
        let dir = std::env::temp_dir().join(format!(
            "cesp-snapshot-{}-{}",
            std::process::id(),
            SNAPSHOTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut snapshot = Snapshot { store: None, dir };
        let copy = snapshot.dir.join("campagne.cesp");
        std::fs::copy(path, &copy).map_err(|e| Error::io(path, e))?;
        let wal = path.with_file_name(format!("{}-wal", file_name(path)));
        if wal.exists() {
            std::fs::copy(&wal, snapshot.dir.join("campagne.cesp-wal"))
                .map_err(|e| Error::io(&wal, e))?;
        }
        drop(lock);
        snapshot.store = Some(Store::open(&copy, key.as_ref())?);
        Ok(snapshot)
    }

    /// Encrypts the file with `new` (or decrypts it, with `None`), after running `last`
    /// on the converted copy (its journal entry). The copy is made under a temporary name
    /// and renamed over the file: a crash leaves either the old file or the new one, whole.
    pub fn rekey(
        &mut self,
        new: Option<&Passphrase>,
        last: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<()> {
        if self.is_read_only() {
            return Err(Error::ReadOnlyView(self.path.clone()));
        }
        let path = self.path.clone();
        let tmp = parent_dir(&path).join(format!(
            ".{}.chiffrement-{}",
            file_name(&path),
            std::process::id()
        ));
        let result = (|| {
            cipher::export(&self.conn, &tmp, new)?;
            let mut copy = cipher::open(&tmp, OpenFlags::SQLITE_OPEN_READ_WRITE, new)
                .map_err(|e| classify(&tmp, new, e))?;
            // As in `create`: the copy is in its final journal mode before it is renamed.
            copy.pragma_update(None, "journal_mode", "WAL")?;
            let tx = copy.transaction()?;
            last(&tx)?;
            tx.commit()?;
            copy.close().map_err(|(_, e)| Error::Database(e))?;
            // The connection closes (and checkpoints) before the file is replaced: Windows
            // does not rename over an open file.
            let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
            old.close().map_err(|(_, e)| Error::Database(e))?;
            remove_wal_files(&path);
            std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
        })();
        let _ = std::fs::remove_file(&tmp);
        remove_wal_files(&tmp);
        let key = if result.is_ok() {
            new.cloned()
        } else {
            self.key.clone()
        };
        // Reopen whichever file is now in place (the old one if anything failed).
        self.changed();
        self.conn = open_writable(&path, key.as_ref())?;
        self.views.track(&mut self.conn)?;
        self.key = key;
        result
    }

    /// Replaces the whole database with the content of `source` (a backup), upgraded if
    /// it was written by an older version, then runs `f` on it (what the restore carries
    /// forward) and journals the entry `f` returns.
    ///
    /// The restored content is prepared in a file beside `source`, then copied over the
    /// campaign in one step: a crash leaves either the campaign as it was or the restored
    /// one with its journal entry, never a mix. An encrypted campaign's backups are
    /// encrypted with the same passphrase, and so is the prepared file.
    pub fn restore_from(
        &mut self,
        source: &Path,
        operator: &str,
        f: impl FnOnce(&Transaction) -> Result<journal::Entry>,
    ) -> Result<()> {
        if self.is_read_only() {
            return Err(Error::ReadOnlyView(self.path.clone()));
        }
        let key = self.key.clone();
        let staged = source.with_extension("restauration");
        let clear = |file: &Path| {
            let _ = std::fs::remove_file(file);
            remove_wal_files(file);
        };
        clear(&staged);
        let result = (|| -> Result<()> {
            let from = cipher::open(source, OpenFlags::SQLITE_OPEN_READ_ONLY, key.as_ref())
                .map_err(|e| classify(source, key.as_ref(), e))?;
            let mut work = cipher::open(&staged, OpenFlags::default(), key.as_ref())
                .map_err(|e| classify(&staged, key.as_ref(), e))?;
            rusqlite::backup::Backup::new(&from, &mut work)
                .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
                .map_err(|e| classify(source, key.as_ref(), e))?;
            drop(from);
            let version: i64 = work.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let tx = work.transaction()?;
            if version < latest_version() {
                migrate(&tx, version)?;
            }
            let entry = f(&tx)?;
            journal::append(&tx, operator, &entry)?;
            tx.commit()?;
            // All pages in one step: one write transaction on the campaign.
            let copy = rusqlite::backup::Backup::new(&work, &mut self.conn)?;
            match copy.step(-1)? {
                rusqlite::backup::StepResult::Done => Ok(()),
                _ => Err(Error::Locked(self.path.clone())),
            }
        })();
        clear(&staged);
        self.changed();
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        result
    }

    /// The file this store is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs one use case in one transaction; `f` returns its value and the journal entry
    /// to append. Nothing is written unless everything succeeds.
    pub fn write<T>(
        &mut self,
        operator: &str,
        f: impl FnOnce(&Transaction) -> Result<(T, Option<journal::Entry>)>,
    ) -> Result<T> {
        if self.is_read_only() {
            return Err(Error::ReadOnlyView(self.path.clone()));
        }
        // Each statement is prepared again in the write, so that the columns it updates
        // are seen ([`views`]).
        self.conn.flush_prepared_statement_cache();
        let value = self.views.writing(|| -> Result<T> {
            let tx = self.conn.transaction()?;
            let (value, entry) = f(&tx).map_err(|e| sealed_refusal(&tx, e))?;
            if let Some(entry) = entry {
                journal::append(&tx, operator, &entry)?;
            }
            tx.commit()?;
            Ok(value)
        })?;
        // Copy the write-ahead log into the file itself at once: a user who copies the
        // `.cesp` (to a USB key, to merge it elsewhere) while the app is open gets every
        // confirmed change, not the state of the last automatic checkpoint.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        Ok(value)
    }

    /// The view `name` of the campaign, computed by `compute` the first time and kept
    /// until a table it read changes — a row written through this store (by any SQL
    /// statement, whatever the path) — or anything changes the file otherwise (another
    /// connection, a restore, a new key), or until `extra` (what else it depends on, such
    /// as today's date) changes. `name` always holds the same type `T`. The tables read
    /// are those `compute`'s statements read, and those of the views it uses: whatever
    /// it depends on must be read inside it (a view fetched before and captured would
    /// not make this one stale when it changes).
    pub fn view<T: Send + Sync + 'static>(
        &self,
        name: &'static str,
        extra: i64,
        compute: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<std::sync::Arc<T>> {
        self.views.get(&self.conn, name, extra, compute)
    }

    /// [`Store::view`] for a view of every candidate that `patch` brings up to date for
    /// some of them: when what it read changed only in rows keyed by candidate (a dossier
    /// declared not receivable, an interview freed), `patch` works out again the part of
    /// those candidates instead of the whole view (see [`views`]); it says `false` when
    /// it cannot (a candidate it does not hold), and the view is worked out whole.
    pub fn view_patched<T: Clone + Send + Sync + 'static>(
        &self,
        name: &'static str,
        extra: i64,
        compute: impl FnOnce(&Connection) -> Result<T>,
        patch: impl FnOnce(&Connection, &std::collections::BTreeSet<i64>, &mut T) -> Result<bool>,
    ) -> Result<std::sync::Arc<T>> {
        self.views
            .get_patched(&self.conn, name, views::BY_CANDIDATE, extra, compute, patch)
    }

    /// [`Store::view`] for a view of the journal that `append` brings up to date with the
    /// rows added since it was worked out (the journal's rows are only ever added), `last`
    /// saying the last journal row it holds: when only journal rows after it changed,
    /// `append` gets their identifiers (those rolled back included). When a row it already
    /// read changed, or anything else did, the view is worked out whole.
    pub fn view_appended<T: Clone + Send + Sync + 'static>(
        &self,
        name: &'static str,
        compute: impl FnOnce(&Connection) -> Result<T>,
        last: impl FnOnce(&T) -> i64,
        append: impl FnOnce(&Connection, &std::collections::BTreeSet<i64>, &mut T) -> Result<()>,
    ) -> Result<std::sync::Arc<T>> {
        self.views.get_patched(
            &self.conn,
            name,
            views::JOURNAL,
            0,
            compute,
            |conn, added, view| {
                let last = last(view);
                if added.iter().any(|id| *id <= last) {
                    return Ok(false);
                }
                append(conn, added, view)?;
                Ok(true)
            },
        )
    }

    /// The campaign changed other than by a statement: every view kept is stale.
    fn changed(&mut self) {
        self.views.changed();
    }

    /// Opened to read only (the file is open elsewhere or write-protected).
    pub fn is_read_only(&self) -> bool {
        self._lock.is_none()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// A write refused by the seal's triggers, said as such (with the version that holds it).
fn sealed_refusal(conn: &Connection, e: Error) -> Error {
    if !e.to_string().contains("cesp:minutes-sealed") {
        return e;
    }
    sealed_minutes(conn).ok().flatten().unwrap_or(e)
}

/// The refusal of any change while a version of the minutes is sealed (which version,
/// when, by whom); none when no version is sealed.
pub(crate) fn sealed_minutes(conn: &Connection) -> Result<Option<Error>> {
    let found: Option<(i64, String, String)> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT id, sealed_at, sealed_by FROM minutes_version WHERE reopened_at IS NULL ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    ))?;
    Ok(found.map(|(version, at, by)| Error::MinutesSealed {
        version,
        sealed: format!("scellée le {} par {by}", crate::fr::timestamp(&at)),
    }))
}

/// Snapshots taken by this process, for their folders' names.
static SNAPSHOTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A private copy of a campaign file ([`Store::snapshot`]), removed when dropped.
pub struct Snapshot {
    store: Option<Store>,
    dir: std::path::PathBuf,
}

impl Snapshot {
    /// The copy, open.
    pub fn conn(&self) -> &Connection {
        self.store.as_ref().expect("an open snapshot").conn()
    }

    /// Where the copy is.
    pub fn path(&self) -> &Path {
        self.store.as_ref().expect("an open snapshot").path()
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            let _ = store.close();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
