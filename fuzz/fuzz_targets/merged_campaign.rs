//! Any bytes given as another copy of the campaign to merge: the preview and the merge
//! refuse with a French message or merge, never a panic, and the open campaign stays
//! sound. Seeded with the campaign files of tests/fixtures/campaigns (benches/fuzz.sh).
#![no_main]
use std::sync::{Mutex, OnceLock};

use cesp_core::{demo, Campaign};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    campaign: Mutex<Campaign>,
    copy: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp");
        let campaign = demo::create(&dir.path().join("démo.cesp"), "Fuzz").expect("demo");
        Fixture {
            campaign: Mutex::new(campaign),
            copy: dir.path().join("copie du référent.cesp"),
            _dir: dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let f = fixture();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(f.copy.with_extension(format!("cesp{suffix}")));
    }
    std::fs::write(&f.copy, data).expect("write");
    let mut c = f.campaign.lock().expect("lock");
    let _ = c.merge_preview(&f.copy);
    let _ = c.merge(&f.copy, &[], "Fuzz");
});
