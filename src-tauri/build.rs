fn main() {
    // The Tauri config lives at the repository's root (see DESIGN.md).
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("failed to read ../tauri.conf.json");
}
