//! Commands of the dossiers: the checklist, each candidate's pieces, attachments (from a
//! dialog or a file dropped on the window), eligibility overrides and letters.

use cesp_core::dossier::letters::{self, LetterKind};
use cesp_core::dossier::merge::MergeChoice;
use cesp_core::dossier::purge::{PurgeReport, Retention};
use cesp_core::dossier::{Dossier, DossierList, Piece, PieceChange, PieceInput};
use tauri::{AppHandle, Runtime, State};

use crate::error::{AppError, AppResult};
use crate::jobs::{self, Job};
use crate::state::AppState;

/// The checklist.
#[tauri::command]
#[specta::specta]
pub async fn pieces(state: State<'_, AppState>) -> AppResult<Vec<Piece>> {
    state.with_campaign(|c| Ok(c.pieces()?))
}

/// Replaces the checklist.
#[tauri::command]
#[specta::specta]
pub async fn pieces_save(
    state: State<'_, AppState>,
    input: Vec<PieceInput>,
) -> AppResult<Vec<Piece>> {
    state.write(|c, op| c.save_pieces(&input, op))
}

/// Every dossier, without its pieces.
#[tauri::command]
#[specta::specta]
pub async fn dossiers(state: State<'_, AppState>) -> AppResult<DossierList> {
    state.with_campaign(|c| Ok(c.dossier_list()?))
}

/// One candidate's dossier, with its pieces.
#[tauri::command]
#[specta::specta]
pub async fn dossier(state: State<'_, AppState>, candidate: i64) -> AppResult<Dossier> {
    state.with_campaign(|c| Ok(c.dossier(candidate)?))
}

/// Records where several of a candidate's pieces stand, together (one transaction, one
/// journal entry).
#[tauri::command]
#[specta::specta]
pub async fn pieces_set(
    state: State<'_, AppState>,
    candidate: i64,
    changes: Vec<PieceChange>,
) -> AppResult<Dossier> {
    state.write(|c, op| c.set_pieces(candidate, &changes, op))
}

/// Attaches a file chosen in a dialog; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn attachment_pick(
    state: State<'_, AppState>,
    candidate: i64,
    piece: i64,
) -> AppResult<Option<Dossier>> {
    let Some(path) = state.dialogs.pick_attachment() else {
        return Ok(None);
    };
    state
        .write(|c, op| c.attach(candidate, piece, &path, op))
        .map(Some)
}

/// Attaches the file last dropped on the window.
#[tauri::command]
#[specta::specta]
pub async fn attachment_dropped(
    state: State<'_, AppState>,
    candidate: i64,
    piece: i64,
) -> AppResult<Dossier> {
    let path = crate::state::take_waiting(
        &state.import_file,
        "no_file",
        "Aucun fichier déposé : faites glisser le fichier sur la pièce, ou utilisez « Joindre un fichier… ».",
    )?;
    state.write(|c, op| c.attach(candidate, piece, &path, op))
}

fn opened_dir(pid: u32) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("cesp-pieces-{pid}"))
}

/// Removes the temporary copies of opened pieces (they hold personal data): this
/// process's on closing a campaign, and those of processes no longer running at start-up.
pub fn remove_opened_pieces(only_this_process: bool) {
    if only_this_process {
        let _ = std::fs::remove_dir_all(opened_dir(std::process::id()));
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("cesp-pieces-")
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let running = std::path::Path::new(&format!("/proc/{pid}")).exists();
        if pid != std::process::id() && !running {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Opens an attachment in the system viewer (from a private temporary copy).
#[tauri::command]
#[specta::specta]
pub async fn attachment_open(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    let content = state.with_campaign(|c| Ok(c.attachment(id)?))?;
    let dir = opened_dir(std::process::id());
    std::fs::create_dir_all(&dir).map_err(|e| AppError::from(cesp_core::Error::io(&dir, e)))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    let safe = cesp_core::files::safe_name(&content.file_name);
    let path = dir.join(format!("{id}-{safe}"));
    std::fs::write(&path, &content.bytes)
        .map_err(|e| AppError::from(cesp_core::Error::io(&path, e)))?;
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|_| {
        AppError::new(
            "open_failed",
            format!(
                "Le fichier « {} » n'a pas pu être ouvert : aucune application de ce poste ne sait afficher ce type de fichier. Installez une visionneuse de PDF ou d'images, puis réessayez.",
                content.file_name
            ),
        )
    })
}

/// Removes an attachment.
#[tauri::command]
#[specta::specta]
pub async fn attachment_remove(state: State<'_, AppState>, id: i64) -> AppResult<Dossier> {
    state.write(|c, op| c.remove_attachment(id, op))
}

/// The commission's decision on eligibility (`None`: back to the computed one).
#[tauri::command]
#[specta::specta]
pub async fn eligibility_override(
    state: State<'_, AppState>,
    candidate: i64,
    eligible: Option<bool>,
    reason: String,
) -> AppResult<Dossier> {
    state.write(|c, op| c.override_eligibility(candidate, eligible, &reason, op))
}

/// Writes letters (missing pieces, asked back by `return_by`, or receipts) into a folder
/// the user picks: the batch and one per candidate; `None` when cancelled. The return
/// date is checked before the folder is asked for.
#[tauri::command]
#[specta::specta]
pub async fn letters_write<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: LetterKind,
    candidates: Vec<i64>,
    return_by: String,
) -> AppResult<Option<Job>> {
    let today = cesp_core::clock::today();
    if kind == LetterKind::MissingPieces {
        letters::check_return_by(&return_by, today)?;
    }
    let Some(dir) = state
        .dialogs
        .pick_folder("Dossier où enregistrer les lettres")
    else {
        return Ok(None);
    };
    jobs::write_files(&app, "Écriture des lettres", move |c, _| {
        c.write_dossier_letters(kind, &candidates, today, &return_by, &dir)
    })
    .map(Some)
}

/// The date proposed to return missing pieces (JJ/MM/AAAA), for letters printed today.
#[tauri::command]
#[specta::specta]
pub async fn letters_return_by() -> String {
    letters::proposed_return_by(cesp_core::clock::today())
}

/// Picks another copy of the campaign and says what merging it would do; `None` when
/// cancelled. The copy stays chosen for [`merge_apply`].
#[tauri::command]
#[specta::specta]
pub async fn merge_preview<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let Some(path) = state.dialogs.open_campaign() else {
        return Ok(None);
    };
    let other = path.clone();
    jobs::start(
        &app,
        "Comparaison avec l'autre copie",
        move |c, _| c.merge_preview(&other),
        |state, _, plan| {
            if let Ok(mut g) = state.merge_file.lock() {
                *g = Some(path);
            }
            Ok(plan)
        },
    )
    .map(Some)
}

/// Merges the copy previewed, with the user's choice for each conflict.
#[tauri::command]
#[specta::specta]
pub async fn merge_apply<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    choices: Vec<MergeChoice>,
) -> AppResult<Job> {
    let path = crate::state::take_waiting(
        &state.merge_file,
        "no_file",
        "Aucune copie à fusionner : choisissez d'abord le fichier de l'autre copie.",
    )?;
    jobs::exclusive(&app, "Fusion de l'autre copie", move |state| {
        state.write(|c, op| c.merge(&path, &choices, op))
    })
}

/// The retention setting and what a purge would remove today.
#[tauri::command]
#[specta::specta]
pub async fn retention(state: State<'_, AppState>) -> AppResult<Retention> {
    state.with_campaign(|c| Ok(c.retention(cesp_core::clock::today())?))
}

/// Sets the retention period (months after the campaign's end).
#[tauri::command]
#[specta::specta]
pub async fn retention_set(state: State<'_, AppState>, months: String) -> AppResult<Retention> {
    state.write(|c, op| {
        c.set_retention_typed(&months, op)?;
        c.retention(cesp_core::clock::today())
    })
}

/// Exports the data of candidates not retained to a file the user picks, then erases it;
/// `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn purge(state: State<'_, AppState>) -> AppResult<Option<PurgeReport>> {
    let Some(path) = state
        .dialogs
        .save_export("Candidats non retenus — données purgées.xlsx", "xlsx")
    else {
        return Ok(None);
    };
    let today = cesp_core::clock::today();
    state.write(|c, op| c.purge(&path, today, op)).map(Some)
}
