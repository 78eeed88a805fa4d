//! The advisory lock that keeps a second instance (or the CLI) from writing the same
//! campaign file.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The advisory lock that keeps a second instance (or the CLI) from writing the same
/// file. It lives in the system's temporary folder, named after the file's full path, so
/// that nothing is left beside the campaign (on a USB key, say); the OS releases it when
/// the process dies.
fn lock_path(path: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(path.to_string_lossy().as_bytes());
    let name: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    std::env::temp_dir()
        .join("cesp-verrous")
        .join(format!("{name}.lock"))
}

pub(super) fn acquire_lock(path: &Path) -> Result<File> {
    let lp = lock_path(path);
    if let Some(dir) = lp.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lp)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Error::ReadOnly(path.to_path_buf())
            }
            _ => Error::io(path, e),
        })?;
    // A lock just released may still be held for an instant: by an instance that is
    // closing, or by a child process another thread of ours is spawning (it holds a copy
    // of every descriptor between fork and exec). Wait a little before refusing.
    let deadline = std::time::Instant::now() + GRACE;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Locked(path.to_path_buf()))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
        }
    }
}

/// How long a lock held elsewhere is waited for before the file is said to be in use.
const GRACE: std::time::Duration = std::time::Duration::from_millis(750);
