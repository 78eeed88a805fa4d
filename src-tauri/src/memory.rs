//! Gives the system back the memory a burst of work freed.
//!
//! glibc keeps what a thread frees in that thread's arena for reuse: after the window has
//! asked for the ranking, the minutes or the dossiers of a 10 000-candidate campaign (tens
//! of MB of rows worked out, serialised, sent, then dropped), the pages stay resident
//! although nothing uses them — 72 MB of 307 MB, measured in the window after a tour of
//! every screen. Once the window has been quiet for a moment, the pages are handed back
//! (`malloc_trim(0)`); the views kept for the next click are live data and stay.

use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::time::Duration;

/// How long the window must be quiet before the freed pages are handed back: long enough
/// for a series of clicks to pay for one trim, short enough that the memory comes back
/// while the user reads the screen.
pub const QUIET: Duration = Duration::from_secs(2);

/// Tells the trimming thread that the window asked for something.
#[derive(Clone)]
pub struct Activity(SyncSender<()>);

impl Activity {
    /// Called on each command: the trim waits for [`QUIET`] after the last one.
    pub fn poke(&self) {
        // Full means a poke is already waiting to be seen: one is enough.
        let _ = self.0.try_send(());
    }
}

/// Starts the thread that runs `trim` once the window has been quiet for `quiet` after
/// some activity (never while idle all along). The thread ends with the last [`Activity`].
pub fn trimmer(quiet: Duration, trim: impl Fn() + Send + 'static) -> Activity {
    let (tx, rx) = mpsc::sync_channel::<()>(1);
    let spawned = std::thread::Builder::new()
        .name("memory-trim".into())
        .spawn(move || {
            // Asleep until the window asks for something.
            while rx.recv().is_ok() {
                loop {
                    match rx.recv_timeout(quiet) {
                        Ok(()) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                trim();
            }
        });
    if spawned.is_err() {
        // Without the thread the memory is simply kept, as it was before.
        eprintln!("CESP Commission : la mémoire libérée ne sera pas rendue au système.");
    }
    Activity(tx)
}

/// Hands glibc's free pages back to the system; elsewhere the allocator does it itself.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release() {
    // SAFETY: malloc_trim takes no pointer and has no precondition; glibc locks each arena
    // while it walks it, so it may run while other threads allocate.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Hands glibc's free pages back to the system; elsewhere the allocator does it itself.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release() {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn counted(quiet: Duration) -> (Activity, Arc<AtomicUsize>) {
        let trims = Arc::new(AtomicUsize::new(0));
        let seen = trims.clone();
        let activity = trimmer(quiet, move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        (activity, trims)
    }

    #[test]
    fn a_burst_of_commands_is_followed_by_one_trim_once_quiet() {
        let (activity, trims) = counted(Duration::from_millis(150));
        std::thread::sleep(Duration::from_millis(400));
        assert_eq!(
            trims.load(Ordering::SeqCst),
            0,
            "no trim while idle all along"
        );
        for _ in 0..10 {
            activity.poke();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(
            trims.load(Ordering::SeqCst),
            0,
            "no trim while commands keep coming"
        );
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(trims.load(Ordering::SeqCst), 1, "one trim after the burst");
        activity.poke();
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(
            trims.load(Ordering::SeqCst),
            2,
            "and one after the next command"
        );
    }
}
