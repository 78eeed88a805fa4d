fn main() {
    // « À propos » shows the build's date: SOURCE_DATE_EPOCH when the packager sets it (the
    // commit's date, for reproducible packages), else today.
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now)
        .date_naive();
    println!(
        "cargo:rustc-env=CESP_BUILD_DATE={}",
        date.format("%Y-%m-%d")
    );
    // The Tauri config lives at the repository's root (see docs/architecture.md).
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("failed to read ../tauri.conf.json");
}
