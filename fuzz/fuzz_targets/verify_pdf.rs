//! Any bytes given to « Vérifier un procès-verbal… »: a verdict in French, never a panic.
//! The demo's minutes are sealed once; seeded with their PDF (benches/fuzz.sh).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    static F: std::sync::OnceLock<common::Fixture> = std::sync::OnceLock::new();
    let f = common::fixture(&F, "pv.pdf", |c| {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 17).expect("date");
        c.seal_minutes(day, "Fuzz").expect("sealed");
    });
    let c = f.campaign.lock().expect("lock");
    let _ = c.verify_minutes(data);
});
