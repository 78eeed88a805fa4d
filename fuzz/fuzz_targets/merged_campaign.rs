//! Any bytes given as another copy of the campaign to merge: the preview and the merge
//! refuse with a French message or merge, never a panic. Seeded with the campaign files of
//! tests/fixtures/campaigns (benches/fuzz.sh).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    static F: std::sync::OnceLock<common::Fixture> = std::sync::OnceLock::new();
    let f = common::fixture(&F, "copie du référent.cesp", |_| {});
    for suffix in ["cesp-wal", "cesp-shm"] {
        let _ = std::fs::remove_file(f.file.with_extension(suffix));
    }
    std::fs::write(&f.file, data).expect("write");
    let mut c = f.campaign.lock().expect("lock");
    let _ = c.merge_preview(&f.file);
    let _ = c.merge(&f.file, &[], "Fuzz");
});
