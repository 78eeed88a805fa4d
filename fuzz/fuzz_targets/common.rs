//! What the fuzz targets that work on a campaign share: the demo campaign made once in a
//! temporary folder, a path there for the file under test, and a silent panic hook
//! (libfuzzer-sys aborts on any panic, even one a reader catches on purpose; an uncaught
//! panic still aborts).

use std::sync::{Mutex, OnceLock};

use cesp_core::{demo, Campaign};

/// The demo campaign and the path where each input is written.
pub struct Fixture {
    /// The campaign the inputs are given to.
    pub campaign: Mutex<Campaign>,
    /// Where each input is written.
    pub file: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// The fixture, made on first use: `prepare` runs once on the new campaign, and inputs are
/// written to `file_name` beside it.
pub fn fixture(
    cell: &'static OnceLock<Fixture>,
    file_name: &str,
    prepare: impl FnOnce(&mut Campaign),
) -> &'static Fixture {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp");
        let mut campaign = demo::create(&dir.path().join("démo.cesp"), "Fuzz").expect("demo");
        prepare(&mut campaign);
        Fixture {
            campaign: Mutex::new(campaign),
            file: dir.path().join(file_name),
            _dir: dir,
        }
    })
}
