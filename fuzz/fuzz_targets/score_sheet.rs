//! Any bytes given back as a member's scoring sheet: refused with a French message or
//! imported whole, never a panic. Seeded with sheets the demo exports (benches/fuzz.sh).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    static F: std::sync::OnceLock<common::Fixture> = std::sync::OnceLock::new();
    let f = common::fixture(&F, "Feuille de notation - Fuzz.xlsx", |_| {});
    std::fs::write(&f.file, data).expect("write");
    let mut c = f.campaign.lock().expect("lock");
    let _ = c.import_score_sheet(&f.file, "Fuzz");
});
