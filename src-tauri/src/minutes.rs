//! Commands of the minutes: the draft or the sealed version, sealing, reopening, members'
//! approvals and signature images, their electronic signatures, the PDF, and the
//! verification of a PDF.

use cesp_core::clock::today;
use cesp_core::minutes::{MinutesState, SealRequest, Verification};
use cesp_core::{Campaign, Error};
use tauri::{AppHandle, Runtime, State};

use crate::error::AppResult;
use crate::jobs::{self, Job};
use crate::state::AppState;

/// The minutes as they stand, with their versions and what prevents sealing.
#[tauri::command]
#[specta::specta]
pub async fn minutes(state: State<'_, AppState>) -> AppResult<MinutesState> {
    state.with_campaign(|c| Ok(c.minutes(today())?))
}

/// Runs `change` on the minutes as work that has the campaign to itself (each of these
/// drafts or renders the whole minutes again), then gives the minutes as they stand.
fn changing<R: Runtime, T>(
    app: &AppHandle<R>,
    label: &str,
    change: impl FnOnce(&mut Campaign, &str) -> cesp_core::Result<T> + Send + 'static,
) -> AppResult<Job> {
    jobs::exclusive(app, label, move |state| {
        state.write(|c, op| {
            change(c, op)?;
            c.minutes(today())
        })
    })
}

/// The chair, or someone on the chair's behalf, seals the minutes (date of signature as
/// typed, checked by core with the checklist).
#[tauri::command]
#[specta::specta]
pub async fn minutes_seal<R: Runtime>(app: AppHandle<R>, request: SealRequest) -> AppResult<Job> {
    // The minutes are drafted and rendered once more to be sealed: long for a large
    // campaign, and nothing may change meanwhile.
    changing(&app, "Scellement du procès-verbal", move |c, op| {
        c.seal_minutes(&request, today(), op)
    })
}

/// Reopens the sealed minutes with a reason (a backup is taken first).
#[tauri::command]
#[specta::specta]
pub async fn minutes_reopen<R: Runtime>(app: AppHandle<R>, reason: String) -> AppResult<Job> {
    changing(&app, "Réouverture du procès-verbal", move |c, op| {
        c.reopen_minutes(&reason, op)
    })
}

/// A member present approves the sealed minutes.
#[tauri::command]
#[specta::specta]
pub async fn minutes_approve<R: Runtime>(app: AppHandle<R>, member: i64) -> AppResult<Job> {
    // The PDF with the approval is rendered again, to record its fingerprint.
    changing(&app, "Approbation du procès-verbal", move |c, op| {
        c.approve_minutes(member, op)
    })
}

/// Stores a member's signature image, chosen in a dialog; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn minutes_signature(
    state: State<'_, AppState>,
    member: i64,
) -> AppResult<Option<MinutesState>> {
    let Some(path) = state
        .dialogs
        .pick_file("Image de la signature", "Images PNG", &["png"])
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    state
        .write(|c, op| {
            c.set_member_signature(member, &bytes, op)?;
            c.minutes(today())
        })
        .map(Some)
}

/// A member's certificate for signing (`.p12` / `.pfx`), chosen in a dialog; `None` when
/// cancelled. Only its path is returned: it is read when the member signs.
#[tauri::command]
#[specta::specta]
pub async fn minutes_pick_certificate(state: State<'_, AppState>) -> AppResult<Option<String>> {
    Ok(state
        .dialogs
        .pick_file(
            "Certificat de signature",
            "Certificat de signature (.p12, .pfx)",
            &["p12", "pfx"],
        )
        .map(|p| p.to_string_lossy().into_owned()))
}

/// A member present signs the sealed minutes with their certificate and its passphrase.
#[tauri::command]
#[specta::specta]
pub async fn minutes_sign<R: Runtime>(
    app: AppHandle<R>,
    member: i64,
    certificate: String,
    passphrase: String,
) -> AppResult<Job> {
    changing(
        &app,
        "Signature électronique du procès-verbal",
        move |c, op| c.sign_minutes(member, std::path::Path::new(&certificate), &passphrase, op),
    )
}

/// Writes the minutes' PDF (the version in force, or `version`) where the user says;
/// `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn minutes_export<R: Runtime>(
    app: AppHandle<R>,
    version: Option<i64>,
) -> AppResult<Option<Job>> {
    let name = match version {
        Some(v) => format!("Procès-verbal CESP — version {v}.pdf"),
        None => "Procès-verbal CESP.pdf".to_owned(),
    };
    let today = today();
    jobs::export_to(
        &app,
        "Écriture du procès-verbal",
        &name,
        "pdf",
        move |c, path| c.write_minutes_pdf(path, version, today),
    )
}

/// Checks a PDF chosen in a dialog against the sealed versions and the data, in the
/// background (the job's result is the [`Verification`]); `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn minutes_verify<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let Some(path) =
        state
            .dialogs
            .pick_file("Vérifier un procès-verbal", "Procès-verbal (PDF)", &["pdf"])
    else {
        return Ok(None);
    };
    jobs::start(
        &app,
        "Vérification du procès-verbal",
        move |c, _| {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            c.verify_minutes(&bytes)
        },
        |_, _, verification: Verification| Ok(verification),
    )
    .map(Some)
}
