//! Any bytes given to « Vérifier un procès-verbal… »: a verdict in French, never a panic.
//! The demo's minutes are sealed once; seeded with their PDF (benches/fuzz.sh).
#![no_main]
use std::sync::OnceLock;

use cesp_core::{demo, Campaign};
use libfuzzer_sys::fuzz_target;

fn campaign() -> &'static std::sync::Mutex<(Campaign, tempfile::TempDir)> {
    static C: OnceLock<std::sync::Mutex<(Campaign, tempfile::TempDir)>> = OnceLock::new();
    C.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp");
        let mut c = demo::create(&dir.path().join("démo.cesp"), "Fuzz").expect("demo");
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 17).expect("date");
        c.seal_minutes(day, "Fuzz").expect("sealed");
        std::sync::Mutex::new((c, dir))
    })
}

fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let guard = campaign().lock().expect("lock");
    let _ = guard.0.verify_minutes(data);
});
