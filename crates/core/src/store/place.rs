//! Putting a campaign file built aside in place of the user's file, and removing what is
//! not kept: a file and its write-ahead log.

use std::path::{Path, PathBuf};

use super::lock::acquire_lock;
use crate::error::{Error, Result};

/// Renames the finished, closed campaign file `built` to `path`. An existing file there is
/// refused unless `replace`, and then only when no one has it open (its lock is held
/// across the rename). A crash leaves the old file or the new one, whole; `built` is
/// removed when it could not be put in place.
pub(crate) fn put_in_place(built: &Path, path: &Path, replace: bool) -> Result<()> {
    let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let held = if path.exists() {
        if !replace || path.is_dir() {
            discard(built);
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        match acquire_lock(path) {
            Ok(lock) => Some(lock),
            Err(e) => {
                discard(built);
                return Err(e);
            }
        }
    } else {
        None
    };
    if held.is_some() {
        remove_wal_files(path);
    }
    std::fs::rename(built, path).map_err(|e| {
        discard(built);
        Error::io(path, e)
    })
}

/// Removes a file and its write-ahead log (a file built aside and not kept).
pub(crate) fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
    remove_wal_files(path);
}

/// Removes the write-ahead log of the file at `path` before another file is renamed over
/// it: a stale log of the replaced file must not be replayed into the new one.
pub(super) fn remove_wal_files(path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

pub(super) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "campagne".to_owned())
}
