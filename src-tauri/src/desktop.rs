//! The app as installed on a desktop: the first-run welcome, « À propos », the backups
//! folder, and campaign files handed over by the system (a double-click on a `.cesp` file
//! while the app is already open).

use std::path::{Path, PathBuf};

use cesp_core::preferences::{self, Preferences};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The licenses of what the app ships, as in the package's copyright file.
const LICENSES: &str = include_str!("../../assets/packaging/copyright");

/// Where the package installs that copyright file, with the list of every component.
const LICENSE_FILE: &str = "/usr/share/doc/cesp-commission/copyright";

/// The event the window receives when the system hands the running app a campaign file.
pub const FILE_REQUESTED: &str = "campaign-file-requested";

/// Where the app keeps things on this machine.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Places {
    /// The folder proposed when a campaign is created or opened (the user's documents).
    pub campaigns: String,
    /// The campaigns' automatic backups.
    pub backups: String,
    /// The app's own settings (recent list, preferences, column mappings).
    pub settings: String,
    /// The demo campaign.
    pub demo: String,
}

/// « À propos de CESP Commission ».
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct About {
    /// The version, « 0.1.0 ».
    pub version: String,
    /// When this build was made, in French (« 2 décembre 2026 »).
    pub build_date: String,
    /// The licenses of the app and of what it ships.
    pub licenses: String,
    /// The full copyright file installed with the package, when there is one.
    pub license_file: Option<String>,
    /// Where things are kept.
    pub places: Places,
}

/// A campaign file the system handed to the running app, waiting for the window to open it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RequestedFile {
    /// The file's name (« Tours 2026-2027.cesp »), to ask about unsaved edits.
    pub name: String,
}

pub(crate) fn places(state: &AppState) -> Places {
    let shown = |p: &Path| p.display().to_string();
    Places {
        campaigns: shown(&state.documents_dir),
        backups: shown(&state.backups.base),
        settings: state.recent_file.parent().map(shown).unwrap_or_default(),
        demo: shown(&state.demo_file),
    }
}

/// The places shown by the first-run welcome.
#[tauri::command]
#[specta::specta]
pub async fn places_get(state: State<'_, AppState>) -> AppResult<Places> {
    Ok(places(&state))
}

/// Ends the first-run welcome: records who uses the app here (proposed at every start) and
/// that the welcome was seen. Returns the name as the journal will record it.
#[tauri::command]
#[specta::specta]
pub async fn welcome_done(state: State<'_, AppState>, operator: String) -> AppResult<String> {
    let name = cesp_core::operator::parse(&operator)?;
    let mut prefs = preferences::load(&state.preferences_file);
    prefs.welcomed = true;
    prefs.operator = Some(name.clone());
    preferences::save(&state.preferences_file, &prefs)?;
    state.set_operator(&name);
    Ok(name)
}

/// Records who is at the keyboard (journaled with every change) and proposes it at the
/// next start.
pub(crate) fn remember_operator(state: &AppState, name: &str) {
    state.set_operator(name);
    let prefs = Preferences {
        operator: Some(name.to_owned()),
        ..preferences::load(&state.preferences_file)
    };
    // The name is already in use for this session; failing to remember it is no error.
    let _ = preferences::save(&state.preferences_file, &prefs);
}

/// « À propos de CESP Commission ».
#[tauri::command]
#[specta::specta]
pub async fn about(state: State<'_, AppState>) -> AppResult<About> {
    Ok(About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        build_date: build_date(),
        licenses: LICENSES.to_owned(),
        license_file: Path::new(LICENSE_FILE)
            .is_file()
            .then(|| LICENSE_FILE.to_owned()),
        places: places(&state),
    })
}

/// The build's date in French, from `CESP_BUILD_DATE` (set by build.rs).
fn build_date() -> String {
    chrono::NaiveDate::parse_from_str(env!("CESP_BUILD_DATE"), "%Y-%m-%d")
        .map(cesp_core::fr::date_long)
        .unwrap_or_else(|_| env!("CESP_BUILD_DATE").to_owned())
}

/// The window's title: the open campaign's, then the app's (« UFR de médecine de Tours —
/// 2026-2027 — CESP Commission »), as the taskbar and the window switcher show it.
pub fn window_title(campaign: Option<&str>) -> String {
    match campaign {
        Some(title) if !title.trim().is_empty() => format!("{} — CESP Commission", title.trim()),
        _ => "CESP Commission".to_owned(),
    }
}

/// Shows the open campaign (or none) in the window's title.
#[tauri::command]
#[specta::specta]
pub async fn set_window_title<R: Runtime>(
    window: tauri::WebviewWindow<R>,
    campaign: Option<String>,
) -> AppResult<()> {
    window
        .set_title(&window_title(campaign.as_deref()))
        .map_err(|e| AppError::new("internal", format!("Erreur interne : {e}.")))
}

/// Opens the backups folder in the system's file manager (creating it if no backup was
/// taken yet).
#[tauri::command]
#[specta::specta]
pub async fn open_backups_folder(state: State<'_, AppState>) -> AppResult<()> {
    let dir = &state.backups.base;
    std::fs::create_dir_all(dir).map_err(|e| AppError::from(cesp_core::Error::io(dir, e)))?;
    tauri_plugin_opener::open_path(dir, None::<&str>).map_err(|_| {
        AppError::new(
            "open_failed",
            format!(
                "Le gestionnaire de fichiers n'a pas pu ouvrir le dossier « {} » : ouvrez-le vous-même, par exemple depuis le gestionnaire de fichiers.",
                dir.display()
            ),
        )
    })
}

/// The campaign file in a second launch's arguments (`cesp-commission FILE`, as a desktop
/// double-click runs it, or a `file://` URI from a file manager), made absolute from that
/// launch's folder.
pub fn file_argument(args: &[String], cwd: &str) -> Option<PathBuf> {
    let arg = args.iter().skip(1).find(|a| !a.starts_with('-'))?;
    if arg.starts_with("file:") {
        return url::Url::parse(arg).ok()?.to_file_path().ok();
    }
    Some(Path::new(cwd).join(arg))
}

/// A second launch (a double-click on a campaign file while the app is open): the window
/// comes forward and, when a file was given, is told so; it asks about unsaved edits, then
/// opens it through [`open_requested`].
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, args: Vec<String>, cwd: String) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    if let Some(path) = file_argument(&args, &cwd) {
        hand_over(app, path);
    }
}

/// Keeps `path` for the window and tells it, which asks about unsaved edits, then opens it
/// through [`open_requested`]. A window not listening yet finds it in the session.
fn hand_over<R: Runtime>(app: &AppHandle<R>, path: PathBuf) {
    let name = cesp_core::fr::file_name(&path);
    if let Some(state) = app.try_state::<AppState>() {
        if let Ok(mut g) = state.requested_file.lock() {
            *g = Some(path);
        }
    }
    let _ = app.emit(FILE_REQUESTED, RequestedFile { name });
}

/// The app's run events. On macOS a double-clicked file arrives as an « open » event (at
/// start-up too), not as an argument: it is handed to the window like a second launch's.
pub fn on_run_event<R: Runtime>(app: &AppHandle<R>, event: tauri::RunEvent) {
    #[cfg(target_os = "macos")]
    if let tauri::RunEvent::Opened { urls } = &event {
        if let Some(path) = urls.iter().find_map(|u| u.to_file_path().ok()) {
            hand_over(app, path);
        }
    }
    let _ = (app, event);
}

/// The campaign file waiting for the window, if any.
pub(crate) fn requested(state: &AppState) -> Option<RequestedFile> {
    let guard = state.requested_file.lock().ok()?;
    guard.as_deref().map(|path| RequestedFile {
        name: cesp_core::fr::file_name(path),
    })
}

/// Forgets the campaign file the system handed over (the user chose to stay).
#[tauri::command]
#[specta::specta]
pub async fn forget_requested(state: State<'_, AppState>) -> AppResult<()> {
    if let Ok(mut g) = state.requested_file.lock() {
        *g = None;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_window_title_names_the_open_campaign() {
        assert_eq!(
            window_title(Some("UFR de médecine de Tours — 2026-2027")),
            "UFR de médecine de Tours — 2026-2027 — CESP Commission"
        );
        assert_eq!(window_title(None), "CESP Commission");
        assert_eq!(window_title(Some("  ")), "CESP Commission");
    }

    #[test]
    fn the_file_of_a_second_launch_is_found_and_made_absolute() {
        assert_eq!(
            file_argument(
                &args(&["cesp-commission", "Tours 2026-2027.cesp"]),
                "/home/claire"
            ),
            Some(PathBuf::from("/home/claire/Tours 2026-2027.cesp"))
        );
        assert_eq!(
            file_argument(
                &args(&["cesp-commission", "/media/clé/a.cesp"]),
                "/home/claire"
            ),
            Some(PathBuf::from("/media/clé/a.cesp"))
        );
        assert_eq!(
            file_argument(
                &args(&[
                    "cesp-commission",
                    "file:///home/claire/Tours%202026-2027%20cl%C3%A9.cesp"
                ]),
                "/"
            ),
            Some(PathBuf::from("/home/claire/Tours 2026-2027 clé.cesp"))
        );
        assert_eq!(file_argument(&args(&["cesp-commission"]), "/tmp"), None);
        assert_eq!(
            file_argument(&args(&["cesp-commission", "--demo"]), "/tmp"),
            None
        );
    }
}
