//! Commands of the import and of the candidates table. Paths never come from the UI: the
//! spreadsheet comes from the dialog or from a file dropped on the window.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use cesp_core::candidate::CandidateRow;
use cesp_core::import::edit::{DeletedCandidate, FieldInput};
use cesp_core::import::fields::{templates, Field, MappingTemplate};
use cesp_core::import::{ImportBatch, ImportOptions, Preview, Progress};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::error::{AppError, AppResult};
use crate::jobs::{self, Job};
use crate::state::AppState;

/// How many rows of each list a preview sends to the UI (the counts are always exact).
const PREVIEW_LIMIT: usize = 500;

/// The spreadsheet waiting to be imported.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DroppedFile {
    /// Its name (the path stays in Rust).
    pub file_name: String,
}

/// Export formats of the candidates table.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Excel workbook.
    Xlsx,
    /// CSV for French Excel.
    Csv,
}

/// A file dropped on the window becomes the spreadsheet to import.
pub fn on_window_event(window: &tauri::Window, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        if let Some(path) = paths.first() {
            let state = window.state::<AppState>();
            if let Ok(mut g) = state.import_file.lock() {
                *g = Some(path.clone());
            }
            let _ = window.emit(
                "import-file-dropped",
                DroppedFile {
                    file_name: cesp_core::fr::file_name(path),
                },
            );
        }
    }
}

/// A field as the UI shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FieldInfo {
    /// The field.
    pub field: Field,
    /// Its French label.
    pub label: String,
    /// Whether a candidate must have it.
    pub mandatory: bool,
}

/// The candidate fields, in the order of the candidate form, with their labels.
#[tauri::command]
#[specta::specta]
pub async fn field_catalogue() -> AppResult<Vec<FieldInfo>> {
    Ok(Field::ALL
        .into_iter()
        .map(|field| FieldInfo {
            field,
            label: field.label().to_owned(),
            mandatory: field.is_mandatory(),
        })
        .collect())
}

/// "Importer des candidats…": asks for the spreadsheet. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_pick_file(state: State<'_, AppState>) -> AppResult<Option<DroppedFile>> {
    let Some(path) = state.dialogs.pick_spreadsheet() else {
        return Ok(None);
    };
    let file_name = cesp_core::fr::file_name(&path);
    if let Ok(mut g) = state.import_file.lock() {
        *g = Some(path);
    }
    Ok(Some(DroppedFile { file_name }))
}

fn chosen_file(state: &AppState) -> AppResult<PathBuf> {
    crate::state::waiting(
        &state.import_file,
        "no_file",
        "Aucun fichier à importer : choisissez un tableur (ou déposez-le sur la fenêtre).",
    )
}

/// The progress of a preview or an import, told to the window as events.
fn told<R: Runtime>(app: AppHandle<R>) -> impl FnMut(Progress) {
    move |p: Progress| {
        let _ = app.emit("import-progress", p);
    }
}

/// Runs `f` off the UI thread with the open campaign, reporting progress as events.
async fn blocking<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    f: impl FnOnce(&AppState, &mut dyn FnMut(Progress)) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        f(&state, &mut told(app.clone()))
    })
    .await
    .map_err(|e| AppError::new("internal", format!("Erreur interne : {e}.")))?
}

/// What importing the chosen file with `options` would do; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn import_preview<R: Runtime>(
    app: AppHandle<R>,
    options: ImportOptions,
) -> AppResult<Preview> {
    blocking(app, move |state, progress| {
        let file = chosen_file(state)?;
        state.import_cancel.store(false, Ordering::Relaxed);
        let cancel = state.import_cancel.clone();
        state.with_campaign(|c| {
            Ok(c.preview_import(&file, &options, PREVIEW_LIMIT, progress, &cancel)?)
        })
    })
    .await
}

/// Imports the chosen file with `options`, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn import_apply<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    options: ImportOptions,
) -> AppResult<Job> {
    let file = chosen_file(&state)?;
    let operator = state.operator()?;
    let mut progress = told(app.clone());
    jobs::exclusive(&app, "Import des candidats", move |state| {
        state.import_cancel.store(false, Ordering::Relaxed);
        let cancel = state.import_cancel.clone();
        let applied = state.with_campaign(|c| {
            Ok(c.import(
                &file,
                &options,
                &operator,
                PREVIEW_LIMIT,
                &mut progress,
                &cancel,
            )?)
        })?;
        // The file is done with, but its rejected rows can still be saved.
        let done = state.import_file.lock().ok().and_then(|mut g| g.take());
        if let Ok(mut g) = state.imported_file.lock() {
            *g = done;
        }
        Ok(applied)
    })
}

/// Stops the preview or import under way; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> AppResult<()> {
    state.import_cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// The campaign's imports, newest first.
#[tauri::command]
#[specta::specta]
pub async fn import_history(state: State<'_, AppState>) -> AppResult<Vec<ImportBatch>> {
    state.with_campaign(|c| Ok(c.imports()?))
}

/// Undoes a whole import.
#[tauri::command]
#[specta::specta]
pub async fn import_undo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    batch: i64,
) -> AppResult<Job> {
    let operator = state.operator()?;
    jobs::exclusive(&app, "Annulation de l'import", move |state| {
        state.with_campaign(|c| Ok(c.undo_import(batch, &operator)?))
    })
}

/// The saved column mappings.
#[tauri::command]
#[specta::specta]
pub async fn mapping_templates(state: State<'_, AppState>) -> AppResult<Vec<MappingTemplate>> {
    Ok(templates::load(&state.templates_file))
}

fn templates_error(e: std::io::Error) -> AppError {
    AppError::new(
        "io",
        format!("Impossible d'enregistrer les correspondances de colonnes : {e}."),
    )
}

/// Saves a column mapping under its name (replacing one of the same name).
#[tauri::command]
#[specta::specta]
pub async fn save_mapping_template(
    state: State<'_, AppState>,
    template: MappingTemplate,
) -> AppResult<Vec<MappingTemplate>> {
    let name = template.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::new(
            "validation",
            "Donnez un nom à cette correspondance (80 caractères au plus), par exemple « Export de la scolarité ».",
        ));
    }
    templates::save(&state.templates_file, MappingTemplate { name, ..template })
        .map_err(templates_error)
}

/// Deletes a saved column mapping.
#[tauri::command]
#[specta::specta]
pub async fn delete_mapping_template(
    state: State<'_, AppState>,
    name: String,
) -> AppResult<Vec<MappingTemplate>> {
    templates::delete(&state.templates_file, &name).map_err(templates_error)
}

/// Sets one field of a candidate from what the user typed.
#[tauri::command]
#[specta::specta]
pub async fn candidate_set_field(
    state: State<'_, AppState>,
    id: i64,
    field: Field,
    text: String,
) -> AppResult<CandidateRow> {
    let operator = state.operator()?;
    state.with_campaign(|c| Ok(c.set_candidate_field(id, field, &text, &operator)?))
}

/// Adds a candidate typed by hand.
#[tauri::command]
#[specta::specta]
pub async fn candidate_add(
    state: State<'_, AppState>,
    inputs: Vec<FieldInput>,
) -> AppResult<CandidateRow> {
    let operator = state.operator()?;
    state.with_campaign(|c| Ok(c.add_candidate(&inputs, &operator)?))
}

/// Deletes candidates; the UI keeps what it gets back to offer « Annuler ».
#[tauri::command]
#[specta::specta]
pub async fn candidates_delete(
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> AppResult<Vec<DeletedCandidate>> {
    let operator = state.operator()?;
    state.with_campaign(|c| Ok(c.delete_candidates(&ids, &operator)?))
}

/// Undoes a deletion.
#[tauri::command]
#[specta::specta]
pub async fn candidates_restore(
    state: State<'_, AppState>,
    deleted: Vec<DeletedCandidate>,
) -> AppResult<usize> {
    let operator = state.operator()?;
    state.with_campaign(|c| Ok(c.restore_candidates(&deleted, &operator)?))
}

/// Exports the candidates table; returns the file's name, or `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn candidates_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: ExportFormat,
) -> AppResult<Option<Job>> {
    let ext = match format {
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Csv => "csv",
    };
    let title = state.with_campaign(|c| Ok(c.summary()?.title))?;
    let suggested = format!(
        "{}.{ext}",
        cesp_core::files::safe_name(&format!("Candidats — {title}"))
    );
    jobs::export_to(
        &app,
        "Écriture de la liste des candidats",
        &suggested,
        ext,
        move |c, path| {
            match format {
                ExportFormat::Xlsx => c.export_candidates_xlsx(path)?,
                ExportFormat::Csv => c.export_candidates_csv(path)?,
            };
            Ok(())
        },
    )
}

/// « Enregistrer les lignes rejetées… » of the file being imported, or of the one just
/// imported: asks where, writes them with their reasons; the file's name, or `None` when
/// cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_export_rejected<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    options: ImportOptions,
) -> AppResult<Option<Job>> {
    let pending = state.import_file.lock().ok().and_then(|g| g.clone());
    let source = pending
        .or_else(|| state.imported_file.lock().ok().and_then(|g| g.clone()))
        .ok_or_else(|| {
            AppError::new(
                "no_file",
                "Aucun fichier importé : choisissez d'abord le tableur à importer.",
            )
        })?;
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    jobs::export_to(
        &app,
        "Écriture des lignes rejetées",
        &format!("{stem} - lignes rejetées.xlsx"),
        "xlsx",
        move |c, path| c.export_rejected(&source, &options, path).map(|_| ()),
    )
}
