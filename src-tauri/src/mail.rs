//! Commands of the e-mail: the server and sender (the password to the system's keyring),
//! a test message, a batch's preview, the letters to print for those without an address,
//! the batch sent (progress as events, cancellable), and the record of what went to whom.

use std::sync::atomic::Ordering;

use cesp_core::clock::today;
use cesp_core::mail::{
    MailLine, MailPreview, MailReport, MailRequest, MailSettings, MailSettingsView,
};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::error::{AppError, AppResult};
use crate::jobs::{self, Job};
use crate::state::AppState;

/// The e-mail settings, with whether a password is kept in the keyring.
#[tauri::command]
#[specta::specta]
pub async fn mail_settings(state: State<'_, AppState>) -> AppResult<MailSettingsView> {
    state.with_campaign(|c| Ok(c.mail_settings_view()?))
}

/// Saves the e-mail settings as typed and, when typed, the password (to the keyring).
#[tauri::command]
#[specta::specta]
pub async fn mail_settings_save(
    state: State<'_, AppState>,
    settings: MailSettings,
    password: Option<String>,
) -> AppResult<MailSettingsView> {
    state.write(|c, op| c.save_mail_settings(&settings, password.as_deref(), op))
}

/// Sends a test message (to the sender when `to` is empty); what the server answered.
#[tauri::command]
#[specta::specta]
pub async fn mail_test<R: Runtime>(app: AppHandle<R>, to: String) -> AppResult<String> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.with_campaign(|c| Ok(c.send_test_mail(&to)?))
    })
    .await
    .map_err(|e| AppError::new("internal", format!("Erreur interne : {e}.")))?
}

/// What a batch would send; nothing is sent.
#[tauri::command]
#[specta::specta]
pub async fn mail_preview(
    state: State<'_, AppState>,
    request: MailRequest,
) -> AppResult<MailPreview> {
    state.with_campaign(|c| Ok(c.mail_preview(&request, today())?))
}

/// Writes the letters of those without a valid address in one PDF where the user says;
/// `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn mail_unreachable_export<R: Runtime>(
    app: AppHandle<R>,
    request: MailRequest,
) -> AppResult<Option<Job>> {
    let today = today();
    jobs::export_to(
        &app,
        "Écriture des lettres à imprimer",
        "Lettres à imprimer.pdf",
        "pdf",
        move |c, path| {
            let pdf = c.mail_unreachable_pdf(&request, today)?.unwrap_or_default();
            std::fs::write(path, pdf).map_err(|e| cesp_core::Error::io(path, e))
        },
    )
}

/// One step of a batch, as the window shows it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct MailProgress {
    /// Messages done.
    pub done: u32,
    /// Messages in the batch.
    pub total: u32,
}

/// Sends the batch, off the window's thread; « mail-progress » events say how far it is.
#[tauri::command]
#[specta::specta]
pub async fn mail_send<R: Runtime>(
    app: AppHandle<R>,
    request: MailRequest,
) -> AppResult<MailReport> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.mail_cancel.store(false, Ordering::Relaxed);
        let cancel = state.mail_cancel.clone();
        let emitter = app.clone();
        let mut progress = move |done: u32, total: u32| {
            let _ = emitter.emit("mail-progress", MailProgress { done, total });
        };
        state.write(|c, op| {
            let server = c.mail_server(None)?;
            c.send_mails(&request, &server, today(), op, &cancel, &mut progress)
        })
    })
    .await
    .map_err(|e| AppError::new("internal", format!("Erreur interne : {e}.")))?
}

/// Stops the batch under way after the message being sent.
#[tauri::command]
#[specta::specta]
pub async fn mail_cancel(state: State<'_, AppState>) -> AppResult<()> {
    state.mail_cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Every message sent or refused, newest first (`candidate` for one candidate's).
#[tauri::command]
#[specta::specta]
pub async fn mails(state: State<'_, AppState>, candidate: Option<i64>) -> AppResult<Vec<MailLine>> {
    state.with_campaign(|c| Ok(c.mails(candidate)?))
}
