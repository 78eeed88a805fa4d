//! Commands of the allocation: rules, lists (with what-if quotas), tie votes, overrides,
//! withdrawals and the history of runs.

use cesp_core::allocation::{Allocation, AllocationRules, AllocationRun, Outcome, SpecialtyPlan};
use cesp_core::forms::{ScenarioText, SpecialtyQuotaText};
use tauri::{AppHandle, Runtime, State};

use crate::error::AppResult;
use crate::jobs::{self, Job};
use crate::state::AppState;

/// The gates and the tie-break chain.
#[tauri::command]
#[specta::specta]
pub async fn allocation_rules(state: State<'_, AppState>) -> AppResult<AllocationRules> {
    state.with_campaign(|c| Ok(c.allocation_rules()?))
}

/// Changes the gates and the tie-break chain; returns the lists as they now stand.
#[tauri::command]
#[specta::specta]
pub async fn allocation_rules_set(
    state: State<'_, AppState>,
    rules: AllocationRules,
) -> AppResult<Allocation> {
    state.write(|c, op| {
        c.set_allocation_rules(&rules, op)?;
        c.allocation(None)
    })
}

/// The lists with the campaign's quotas and threshold, or with those of `scenario`
/// (what-if; nothing written).
#[tauri::command]
#[specta::specta]
pub async fn allocation(
    state: State<'_, AppState>,
    scenario: Option<ScenarioText>,
) -> AppResult<Allocation> {
    let scenario = scenario
        .as_ref()
        .map(cesp_core::forms::scenario)
        .transpose()?;
    state.with_campaign(|c| Ok(c.allocation(scenario.as_ref())?))
}

/// The places by specialty the ARS opened, and the specialties the candidates name.
#[tauri::command]
#[specta::specta]
pub async fn allocation_specialties(state: State<'_, AppState>) -> AppResult<SpecialtyPlan> {
    state.with_campaign(|c| Ok(c.specialty_plan()?))
}

/// Replaces the places by specialty; returns the lists as they now stand.
#[tauri::command]
#[specta::specta]
pub async fn allocation_specialties_set(
    state: State<'_, AppState>,
    rows: Vec<SpecialtyQuotaText>,
) -> AppResult<Allocation> {
    state.write(|c, op| {
        c.set_specialty_quotas_typed(&rows, op)?;
        c.allocation(None)
    })
}

/// Records the order voted by the commission for tied candidates.
#[tauri::command]
#[specta::specta]
pub async fn allocation_tie_vote(
    state: State<'_, AppState>,
    order: Vec<i64>,
    reason: String,
) -> AppResult<Allocation> {
    state.write(|c, op| c.record_tie_vote(&order, &reason, op))
}

/// The commission overrides one decision (`None`: back to the ranking).
#[tauri::command]
#[specta::specta]
pub async fn allocation_override(
    state: State<'_, AppState>,
    candidate: i64,
    outcome: Option<Outcome>,
    reason: String,
) -> AppResult<Allocation> {
    state.write(|c, op| c.override_decision(candidate, outcome, &reason, op))
}

/// Records a withdrawal (or a contract not returned) of a candidate on the main list.
#[tauri::command]
#[specta::specta]
pub async fn allocation_withdraw(
    state: State<'_, AppState>,
    candidate: i64,
    date: String,
    not_returned: bool,
    reason: String,
) -> AppResult<Allocation> {
    state.write(|c, op| c.record_withdrawal(candidate, &date, not_returned, &reason, op))
}

/// Freezes the lists as they stand into the history; returns the history.
#[tauri::command]
#[specta::specta]
pub async fn allocation_record(
    state: State<'_, AppState>,
    reason: String,
) -> AppResult<Vec<AllocationRun>> {
    state.write(|c, op| {
        c.record_allocation(&reason, op)?;
        c.allocation_runs()
    })
}

/// The runs kept, newest first.
#[tauri::command]
#[specta::specta]
pub async fn allocation_runs(state: State<'_, AppState>) -> AppResult<Vec<AllocationRun>> {
    state.with_campaign(|c| Ok(c.allocation_runs()?))
}

/// Writes the lists for the managing body (xlsx) where the user says; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn allocation_export<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<Job>> {
    jobs::export_to(
        &app,
        "Écriture des listes",
        "Listes CESP — organisme gestionnaire.xlsx",
        "xlsx",
        |c, path| c.export_allocation_xlsx(path).map(|_| ()),
    )
}

/// Writes the decision letters into a folder the user picks; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn allocation_letters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let Some(dir) = state
        .dialogs
        .pick_folder("Dossier où enregistrer les lettres de décision")
    else {
        return Ok(None);
    };
    let today = cesp_core::clock::today();
    jobs::write_files(
        &app,
        "Écriture des lettres de décision",
        move |c, progress| {
            c.write_allocation_letters(&dir, today, &|done, total| progress.files(done, total))
        },
    )
    .map(Some)
}
