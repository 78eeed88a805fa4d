//! Any bytes given back as a member's scoring sheet: refused with a French message or
//! imported whole, never a panic. Seeded with sheets the demo exports (benches/fuzz.sh).
#![no_main]
use std::sync::{Mutex, OnceLock};

use cesp_core::{demo, Campaign};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    campaign: Mutex<Campaign>,
    sheet: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp");
        let campaign = demo::create(&dir.path().join("démo.cesp"), "Fuzz").expect("demo");
        Fixture {
            campaign: Mutex::new(campaign),
            sheet: dir.path().join("Feuille de notation - Fuzz.xlsx"),
            _dir: dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let f = fixture();
    std::fs::write(&f.sheet, data).expect("write");
    let mut c = f.campaign.lock().expect("lock");
    let _ = c.import_score_sheet(&f.sheet, "Fuzz");
});
