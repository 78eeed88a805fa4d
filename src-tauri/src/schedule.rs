//! Commands of the interview plan: its setup, planning, the timetable with moves checked
//! live, pins and freed slots, and the printed documents (convocations with their
//! calendars, timetable, workbook).

use cesp_core::schedule::plan::{MoveTarget, PlanPreview, ScheduleSetup, ScheduleView};
use tauri::{AppHandle, Runtime, State};

use crate::error::AppResult;
use crate::jobs::{self, Job};
use crate::state::AppState;

/// What the secretary described for planning.
#[tauri::command]
#[specta::specta]
pub async fn schedule_setup(state: State<'_, AppState>) -> AppResult<ScheduleSetup> {
    state.with_campaign(|c| Ok(c.schedule_setup()?))
}

/// Replaces the setup (checked whole by core); returns the plan as it now stands, with the
/// conflicts the new setup makes until it is planned again.
#[tauri::command]
#[specta::specta]
pub async fn schedule_setup_set(
    state: State<'_, AppState>,
    setup: cesp_core::forms::ScheduleSetupText,
) -> AppResult<ScheduleView> {
    state.write(|c, op| {
        c.set_schedule_setup_typed(&setup, op)?;
        c.schedule()
    })
}

/// The plan as it stands.
#[tauri::command]
#[specta::specta]
pub async fn schedule(state: State<'_, AppState>) -> AppResult<ScheduleView> {
    state.with_campaign(|c| Ok(c.schedule()?))
}

/// Plans every candidate to hear, keeping pinned interviews (refused with the reasons, the
/// previous plan kept, when no plan exists); `replan`: moving as few interviews as
/// possible (required once convocations went out).
#[tauri::command]
#[specta::specta]
pub async fn schedule_plan(state: State<'_, AppState>, replan: bool) -> AppResult<ScheduleView> {
    state.write(|c, op| Ok(c.plan_interviews(false, replan, op)?.1))
}

/// What planning again would do, nothing written: who moves, from when to when.
#[tauri::command]
#[specta::specta]
pub async fn schedule_preview(state: State<'_, AppState>) -> AppResult<PlanPreview> {
    state.with_campaign(|c| Ok(c.preview_plan()?))
}

/// Where `candidate`'s interview could go, each slot with what a move there would break.
#[tauri::command]
#[specta::specta]
pub async fn schedule_targets(
    state: State<'_, AppState>,
    candidate: i64,
) -> AppResult<Vec<MoveTarget>> {
    state.with_campaign(|c| Ok(c.move_targets(candidate)?))
}

/// Moves (or places) an interview and pins it there; refused with the conflicts.
#[tauri::command]
#[specta::specta]
pub async fn schedule_move(
    state: State<'_, AppState>,
    candidate: i64,
    jury: i64,
    date: String,
    start: String,
) -> AppResult<ScheduleView> {
    state.write(|c, op| c.move_interview(candidate, jury, &date, &start, op))
}

/// Pins or unpins an interview.
#[tauri::command]
#[specta::specta]
pub async fn schedule_pin(
    state: State<'_, AppState>,
    candidate: i64,
    pinned: bool,
) -> AppResult<ScheduleView> {
    state.write(|c, op| c.pin_interview(candidate, pinned, op))
}

/// A candidate withdraws before being heard (reason required): dossier not receivable,
/// slot freed.
#[tauri::command]
#[specta::specta]
pub async fn schedule_withdraw(
    state: State<'_, AppState>,
    candidate: i64,
    reason: String,
) -> AppResult<ScheduleView> {
    state.write(|c, op| c.withdraw_before_interview(candidate, &reason, op))
}

/// Frees a candidate's slot (they wait to be placed again).
#[tauri::command]
#[specta::specta]
pub async fn schedule_free(state: State<'_, AppState>, candidate: i64) -> AppResult<ScheduleView> {
    state.write(|c, op| c.free_interview(candidate, op))
}

/// Writes the convocations (one PDF each and the batch) and the calendars (.ics per
/// candidate and per member) into a folder chosen in a dialog, and records them as gone
/// out; `changes_only`: only what changed since (amended ones, cancellations). `None`
/// when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn schedule_convocations<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    changes_only: bool,
) -> AppResult<Option<Job>> {
    // Asked first: the convocations go out under the name of who wrote them.
    state.operator()?;
    let Some(dir) = state.dialogs.pick_folder(if changes_only {
        "Dossier où enregistrer les convocations rectificatives"
    } else {
        "Dossier où enregistrer les convocations"
    }) else {
        return Ok(None);
    };
    let today = cesp_core::clock::today();
    jobs::start(
        &app,
        "Écriture des convocations",
        move |c, progress| {
            c.write_convocation_files(&dir, today, changes_only, &|done, total| {
                progress.files(done, total)
            })
        },
        |state, read, files| {
            state.write(|c, op| {
                jobs::same_campaign(c, read)?;
                c.record_convocations(files, op)
            })
        },
    )
    .map(Some)
}

/// Writes the commission's timetable (PDF) where the user says; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn schedule_timetable<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<Job>> {
    jobs::export_to(
        &app,
        "Écriture du planning",
        "Planning des entretiens CESP.pdf",
        "pdf",
        |c, path| c.write_timetable(path),
    )
}

/// Writes the plan as a workbook (xlsx) where the user says; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn schedule_xlsx<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<Job>> {
    jobs::export_to(
        &app,
        "Écriture du planning",
        "Planning des entretiens CESP.xlsx",
        "xlsx",
        |c, path| c.export_plan_xlsx(path).map(|_| ()),
    )
}
