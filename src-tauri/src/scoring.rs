//! Commands of the commission and its scoring: members, rules, sittings, attendance,
//! recusals, the grid, scores, validation, the ranking and the offline sheets.

use cesp_core::commission::{
    Attendance, Member, MemberInput, Recusal, Rules, Sitting, SittingInput,
};
use cesp_core::scoring::ranking::Ranking;
use cesp_core::scoring::sheets::SheetImported;
use cesp_core::scoring::{
    AcademicValue, BlockInput, Grid, GridView, LockReport, ScoreBoard, ScoreInput, ScoreSaved,
    ScoringScope,
};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::{AppError, AppResult};
use crate::jobs::{self, Job};
use crate::state::AppState;

/// Adds a member.
#[tauri::command]
#[specta::specta]
pub async fn member_add(state: State<'_, AppState>, input: MemberInput) -> AppResult<i64> {
    state.write(|c, op| c.add_member(&input, op))
}

/// Changes a member.
#[tauri::command]
#[specta::specta]
pub async fn member_update(
    state: State<'_, AppState>,
    id: i64,
    input: MemberInput,
) -> AppResult<()> {
    state.write(|c, op| c.update_member(id, &input, op))
}

/// Removes a member who has not scored.
#[tauri::command]
#[specta::specta]
pub async fn member_remove(state: State<'_, AppState>, id: i64) -> AppResult<Vec<Member>> {
    state.write(|c, op| {
        c.remove_member(id, op)?;
        c.members()
    })
}

/// The commission's rules.
#[tauri::command]
#[specta::specta]
pub async fn rules_get(state: State<'_, AppState>) -> AppResult<RulesView> {
    state.with_campaign(|c| {
        let rules = c.rules()?;
        Ok(RulesView {
            statement: rules.statement(),
            rules,
        })
    })
}

/// The rules and their sentence for the minutes.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RulesView {
    /// The rules.
    pub rules: Rules,
    /// "La commission délibère valablement lorsque…".
    pub statement: String,
}

/// Changes the rules.
#[tauri::command]
#[specta::specta]
pub async fn rules_update(
    state: State<'_, AppState>,
    rules: cesp_core::forms::RulesText,
) -> AppResult<RulesView> {
    state.write(|c, op| {
        c.update_rules_typed(&rules, op)?;
        let rules = c.rules()?;
        Ok(RulesView {
            statement: rules.statement(),
            rules,
        })
    })
}

/// Every sitting.
#[tauri::command]
#[specta::specta]
pub async fn sittings(state: State<'_, AppState>) -> AppResult<Vec<Sitting>> {
    state.with_campaign(|c| Ok(c.sittings()?))
}

/// Adds a sitting.
#[tauri::command]
#[specta::specta]
pub async fn sitting_add(state: State<'_, AppState>, input: SittingInput) -> AppResult<i64> {
    state.write(|c, op| c.add_sitting(&input, op))
}

/// Changes a sitting.
#[tauri::command]
#[specta::specta]
pub async fn sitting_update(
    state: State<'_, AppState>,
    id: i64,
    input: SittingInput,
) -> AppResult<()> {
    state.write(|c, op| c.update_sitting(id, &input, op))
}

/// Removes a sitting where nobody was heard.
#[tauri::command]
#[specta::specta]
pub async fn sitting_remove(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    state.write(|c, op| c.remove_sitting(id, op))
}

/// Records a member's attendance.
#[tauri::command]
#[specta::specta]
pub async fn attendance_set(
    state: State<'_, AppState>,
    sitting: i64,
    member: i64,
    status: Option<Attendance>,
) -> AppResult<Vec<Sitting>> {
    state.write(|c, op| {
        c.set_attendance(sitting, member, status, op)?;
        c.sittings()
    })
}

/// Every recusal.
#[tauri::command]
#[specta::specta]
pub async fn recusals(state: State<'_, AppState>) -> AppResult<Vec<Recusal>> {
    state.with_campaign(|c| Ok(c.recusals()?))
}

/// How many scores the member gave the candidate: what a recusal would withdraw.
#[tauri::command]
#[specta::specta]
pub async fn recusal_scores(
    state: State<'_, AppState>,
    member: i64,
    candidate: i64,
) -> AppResult<i64> {
    state.with_campaign(|c| Ok(c.scores_given(member, candidate)? as i64))
}

/// Declares a recusal; returns how many scores were withdrawn.
#[tauri::command]
#[specta::specta]
pub async fn recusal_add(
    state: State<'_, AppState>,
    member: i64,
    candidate: i64,
    reason: String,
) -> AppResult<i64> {
    state.write(|c, op| {
        c.add_recusal(member, candidate, &reason, op)
            .map(|n| n as i64)
    })
}

/// Lifts a recusal.
#[tauri::command]
#[specta::specta]
pub async fn recusal_remove(
    state: State<'_, AppState>,
    member: i64,
    candidate: i64,
) -> AppResult<Vec<Recusal>> {
    state.write(|c, op| {
        c.remove_recusal(member, candidate, op)?;
        c.recusals()
    })
}

/// Everything the scoring screens show, for the candidates of `scope` (all when absent).
#[tauri::command]
#[specta::specta]
pub async fn score_board(
    state: State<'_, AppState>,
    scope: Option<ScoringScope>,
) -> AppResult<ScoreBoard> {
    state.with_campaign(|c| Ok(c.score_board_of(&scope.unwrap_or_default())?))
}

/// The grid, for its editor.
#[tauri::command]
#[specta::specta]
pub async fn grid(state: State<'_, AppState>) -> AppResult<GridView> {
    state.with_campaign(|c| Ok(c.grid_view()?))
}

/// Replaces the grid.
#[tauri::command]
#[specta::specta]
pub async fn grid_save(state: State<'_, AppState>, blocks: Vec<BlockInput>) -> AppResult<Grid> {
    state.write(|c, op| c.save_grid(&blocks, op))
}

/// Each block's maximum as typed in the grid editor, counted by core ("27,5"); none while
/// a maximum or a weight cannot be read. Nothing is read from or written to the file.
#[tauri::command]
#[specta::specta]
pub async fn grid_block_max(blocks: Vec<BlockInput>) -> AppResult<Vec<Option<String>>> {
    Ok(blocks
        .iter()
        .map(cesp_core::scoring::cells::block_max_typed)
        .collect())
}

/// Deletes every score so the grid can change (a backup is taken first).
#[tauri::command]
#[specta::specta]
pub async fn scores_reset<R: Runtime>(app: AppHandle<R>, reason: String) -> AppResult<Job> {
    jobs::exclusive(&app, "Remise à zéro des notes", move |state| {
        state.write(|c, op| c.reset_scores(&reason, op))
    })
}

/// Records the sitting where a candidate is heard.
#[tauri::command]
#[specta::specta]
pub async fn hearing_set(
    state: State<'_, AppState>,
    candidate: i64,
    sitting: Option<i64>,
) -> AppResult<()> {
    state.write(|c, op| c.set_hearing(candidate, sitting, op))
}

/// Records one score.
#[tauri::command]
#[specta::specta]
pub async fn score_set(
    state: State<'_, AppState>,
    input: ScoreInput,
    sitting: Option<i64>,
) -> AppResult<ScoreSaved> {
    state.write(|c, op| c.set_score(&input, sitting, op))
}

/// Every candidate's academic values.
#[tauri::command]
#[specta::specta]
pub async fn academic_values(state: State<'_, AppState>) -> AppResult<Vec<AcademicValue>> {
    state.with_campaign(|c| Ok(c.academic_values()?))
}

/// Corrects an academic value with a reason (empty value: back to the computed one).
#[tauri::command]
#[specta::specta]
pub async fn academic_override(
    state: State<'_, AppState>,
    candidate: i64,
    criterion: i64,
    value: String,
    reason: String,
) -> AppResult<()> {
    state.write(|c, op| c.set_academic_override(candidate, criterion, &value, &reason, op))
}

/// Validates scores (all complete candidates when `candidates` is empty).
#[tauri::command]
#[specta::specta]
pub async fn scores_lock(
    state: State<'_, AppState>,
    candidates: Vec<i64>,
) -> AppResult<LockReport> {
    state.write(|c, op| c.lock_scores(&candidates, op))
}

/// Reopens a candidate's validated scores, with a reason.
#[tauri::command]
#[specta::specta]
pub async fn scores_unlock(
    state: State<'_, AppState>,
    candidate: i64,
    reason: String,
) -> AppResult<()> {
    state.write(|c, op| c.unlock_scores(candidate, &reason, op))
}

/// The ranking, with the rows of the candidates of `scope` (all when absent).
#[tauri::command]
#[specta::specta]
pub async fn ranking(
    state: State<'_, AppState>,
    scope: Option<ScoringScope>,
) -> AppResult<Ranking> {
    state.with_campaign(|c| Ok(c.ranking_of(&scope.unwrap_or_default())?))
}

/// Writes one scoring sheet per voting member into a folder the user picks; `None` when
/// cancelled.
#[tauri::command]
#[specta::specta]
pub async fn sheets_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let Some(dir) = state
        .dialogs
        .pick_folder("Dossier où enregistrer les feuilles de notation")
    else {
        return Ok(None);
    };
    jobs::write_files(&app, "Écriture des feuilles de notation", move |c, _| {
        c.export_score_sheets(&dir)
    })
    .map(Some)
}

/// One returned sheet: imported, or refused with the reason.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SheetOutcome {
    /// The file's name.
    pub file_name: String,
    /// What was imported.
    pub imported: Option<SheetImported>,
    /// Why it was refused.
    pub error: Option<AppError>,
}

/// Imports filled sheets the user picks; each is taken whole or refused with its reasons.
#[tauri::command]
#[specta::specta]
pub async fn sheets_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let files = state.dialogs.pick_score_sheets();
    if files.is_empty() {
        return Ok(None);
    }
    let operator = state.operator()?;
    jobs::exclusive(&app, "Import des feuilles de notation", move |state| {
        state.with_campaign(|c| {
            Ok(c.import_score_sheets(&files, &operator)
                .into_iter()
                .map(|o| {
                    let file_name = o
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    match o.result {
                        Ok(r) => SheetOutcome {
                            file_name,
                            imported: Some(r),
                            error: None,
                        },
                        Err(e) => SheetOutcome {
                            file_name,
                            imported: None,
                            error: Some(e.into()),
                        },
                    }
                })
                .collect::<Vec<_>>())
        })
    })
    .map(Some)
}
