//! The commands the UI calls. Each one parses, calls a core use case, maps the error.

use std::path::{Path, PathBuf};

use cesp_core::backup::BackupInfo;
use cesp_core::candidate::CandidateRow;
use cesp_core::cipher::Passphrase;
use cesp_core::commission::Member;
use cesp_core::journal::{JournalFilter, JournalPage};
use cesp_core::recent::{self, RecentCampaign};
use cesp_core::{demo, Campaign, CampaignSettings, CampaignSummary};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::{AppError, AppResult};
use crate::jobs::{self, Job};
use crate::state::AppState;

/// What the UI needs at start-up.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Session {
    /// The operator's name, once given.
    pub operator: Option<String>,
    /// The open campaign.
    pub campaign: Option<CampaignSummary>,
    /// Recent campaigns.
    pub recent: Vec<RecentCampaign>,
    /// A problem met opening the file given at launch.
    pub startup_error: Option<AppError>,
    /// The application's version.
    pub version: String,
    /// The app's first start on this machine: the welcome is shown.
    pub first_run: bool,
    /// A campaign file the system handed over before the window listened (macOS opens a
    /// double-clicked file that way at start-up): the window opens it as it would on
    /// `campaign-file-requested`.
    pub requested_file: Option<crate::desktop::RequestedFile>,
}

/// The session as it stands.
#[tauri::command]
#[specta::specta]
pub async fn get_session(state: State<'_, AppState>) -> AppResult<Session> {
    // The UI asks for the session as soon as it is mounted: that is "interactive".
    if std::env::var_os("CESP_STARTUP_PROBE").is_some() {
        if let Some(t0) = crate::STARTED.get() {
            eprintln!("cesp-startup-ms {}", t0.elapsed().as_millis());
        }
    }
    let campaign = {
        let guard = state.campaign.lock().map_err(|_| AppError::no_campaign())?;
        match guard.as_ref() {
            Some(c) => Some(c.summary()?),
            None => None,
        }
    };
    let recent = recent::load(&state.recent_file);
    let prefs = cesp_core::preferences::load(&state.preferences_file);
    Ok(Session {
        operator: state.operator.lock().ok().and_then(|g| g.clone()),
        campaign,
        first_run: cesp_core::preferences::is_first_run(&prefs, &recent),
        recent,
        startup_error: state.startup_error.lock().ok().and_then(|mut g| g.take()),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        requested_file: crate::desktop::requested(&state),
    })
}

/// Records who is at the keyboard for this session.
#[tauri::command]
#[specta::specta]
pub async fn set_operator(state: State<'_, AppState>, name: String) -> AppResult<String> {
    let name = cesp_core::operator::parse(&name)?;
    crate::desktop::remember_operator(&state, &name);
    Ok(name)
}

fn install(state: &AppState, campaign: Campaign) -> AppResult<CampaignSummary> {
    state.close_room();
    let summary = campaign.summary()?;
    // Remembering a recent file is a convenience: failing to save the list is not an error.
    let _ = recent::touch(&state.recent_file, campaign.path(), &summary.title);
    let mut guard = state
        .campaign
        .lock()
        .map_err(|_| AppError::new("internal", "Erreur interne : état verrouillé."))?;
    *guard = Some(campaign);
    Ok(summary)
}

/// Opens `path`, or returns the campaign already open when it is the same file (this
/// process holds its lock). An encrypted file waits for its passphrase
/// ([`unlock_campaign`]).
pub(crate) fn open_path(state: &AppState, path: &Path) -> AppResult<CampaignSummary> {
    open_path_with(state, path, None)
}

fn open_path_with(
    state: &AppState,
    path: &Path,
    key: Option<&Passphrase>,
) -> AppResult<CampaignSummary> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    {
        let guard = state
            .campaign
            .lock()
            .map_err(|_| AppError::new("internal", "Erreur interne : état verrouillé."))?;
        if let Some(open) = guard.as_ref() {
            if open.path() == absolute {
                let summary = open.summary()?;
                let _ = recent::touch(&state.recent_file, open.path(), &summary.title);
                return Ok(summary);
            }
        }
        // An encrypted file asks for its passphrase before the open campaign is closed,
        // so that cancelling that question leaves the user where they were.
        if key.is_none() && cesp_core::cipher::is_encrypted(&absolute) {
            drop(guard);
            return Err(awaiting_passphrase(
                state,
                cesp_core::Error::PassphraseRequired(absolute.clone()),
                absolute,
            ));
        }
        // Close the current campaign first: opening another must not keep two locks.
        drop(guard);
        state.close_room();
        if let Ok(mut guard) = state.campaign.lock() {
            *guard = None;
        }
    }
    let opened = match Campaign::open_backed_up(&absolute, &state.backups, key) {
        // Open elsewhere (another window, another instance, the command line) or
        // write-protected: it can still be read; the UI says it is read-only.
        Err(cesp_core::Error::Locked(_) | cesp_core::Error::ReadOnly(_)) => {
            Campaign::open_read_only_with(&absolute, key)
        }
        other => other,
    };
    let campaign = match opened {
        Ok(c) => c,
        Err(
            e @ (cesp_core::Error::PassphraseRequired(_) | cesp_core::Error::WrongPassphrase(_)),
        ) => return Err(awaiting_passphrase(state, e, absolute)),
        Err(e) => return Err(e.into()),
    };
    install(state, campaign)
}

/// Remembers `path` as the encrypted file waiting for its passphrase, so that the
/// passphrase is all the UI sends back, and returns `e` for the UI.
fn awaiting_passphrase(state: &AppState, e: cesp_core::Error, path: PathBuf) -> AppError {
    if let Ok(mut g) = state.locked_file.lock() {
        *g = Some(path);
    }
    e.into()
}

/// Opens the encrypted file that asked for its passphrase, with `passphrase`. A wrong
/// passphrase can be tried again.
#[tauri::command]
#[specta::specta]
pub async fn unlock_campaign<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    passphrase: String,
) -> AppResult<Job> {
    // Checked first: an empty passphrase must not make the shell forget the file.
    let key = Passphrase::given(&passphrase)?;
    let path = crate::state::take_waiting(
        &state.locked_file,
        "no_locked_file",
        "Aucun fichier chiffré n'attend sa phrase de passe : ouvrez d'abord la campagne.",
    )?;
    jobs::exclusive(&app, OPENING, move |state| {
        open_path_with(state, &path, Some(&key))
    })
}

/// What opening a campaign (its safety copy, its checks) is, in the window.
const OPENING: &str = "Ouverture de la campagne";

/// The passphrase of a new campaign, when one was chosen (typed twice).
fn chosen_passphrase(
    passphrase: Option<String>,
    confirmation: Option<String>,
) -> AppResult<Option<Passphrase>> {
    match passphrase {
        Some(p) => Ok(Some(Passphrase::chosen(
            &p,
            confirmation.as_deref().unwrap_or(""),
        )?)),
        None => Ok(None),
    }
}

/// Encrypts the open campaign's file with a new passphrase (typed twice), or changes its
/// passphrase (`current` required then). Its backups follow.
#[tauri::command]
#[specta::specta]
pub async fn set_passphrase<R: Runtime>(
    app: AppHandle<R>,
    current: Option<String>,
    passphrase: String,
    confirmation: String,
) -> AppResult<Job> {
    let new = Passphrase::chosen(&passphrase, &confirmation)?;
    change_passphrase(&app, current, Some(new))
}

/// Removes the encryption of the open campaign's file (`current` required).
#[tauri::command]
#[specta::specta]
pub async fn remove_passphrase<R: Runtime>(app: AppHandle<R>, current: String) -> AppResult<Job> {
    change_passphrase(&app, Some(current), None)
}

/// The file and every backup converted in the background ([`jobs::exclusive`]).
fn change_passphrase<R: Runtime>(
    app: &AppHandle<R>,
    current: Option<String>,
    new: Option<Passphrase>,
) -> AppResult<Job> {
    let current = current
        .filter(|c| !c.is_empty())
        .and_then(|c| Passphrase::given(&c).ok());
    let label = if new.is_some() {
        "Chiffrement du fichier et de ses sauvegardes"
    } else {
        "Déchiffrement du fichier et de ses sauvegardes"
    };
    jobs::exclusive(app, label, move |state| {
        state.write(|c, operator| {
            c.change_passphrase(current.as_ref(), new.as_ref(), operator)?;
            c.summary()
        })
    })
}

/// Asks where to save a new campaign with `settings` (its name suggested from them); the
/// open campaign is closed when it is the file to replace. `None` when cancelled.
fn new_file(state: &AppState, settings: &CampaignSettings) -> AppResult<Option<PathBuf>> {
    let suggested = format!(
        "Campagne CESP {} {}.cesp",
        cesp_core::files::safe_name(&settings.ufr_name),
        settings.academic_year
    );
    let Some(path) = state.dialogs.save_campaign(&suggested) else {
        return Ok(None);
    };
    let absolute = std::path::absolute(&path).unwrap_or(path);
    let mut guard = state
        .campaign
        .lock()
        .map_err(|_| AppError::new("internal", "Erreur interne : état verrouillé."))?;
    if guard.as_ref().is_some_and(|c| c.path() == absolute) {
        // Replacing the open file: close it first so that its lock is free.
        *guard = None;
    }
    Ok(Some(absolute))
}

/// Validates the settings (and the passphrase, when the file is to be encrypted), asks
/// where to save, and creates the campaign. `None` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn new_campaign(
    state: State<'_, AppState>,
    settings: CampaignSettings,
    passphrase: Option<String>,
    confirmation: Option<String>,
) -> AppResult<Option<CampaignSummary>> {
    let operator = state.operator()?;
    let settings = settings.validated()?;
    let key = chosen_passphrase(passphrase, confirmation)?;
    let Some(absolute) = new_file(&state, &settings)? else {
        return Ok(None);
    };
    let campaign = Campaign::create_with(&absolute, true, key.as_ref(), &settings, &operator)?;
    install(&state, campaign).map(Some)
}

/// A campaign file chosen to start the new one from, waiting for what it offers.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CarryPick {
    /// « Campagne 2026-2027.cesp ».
    pub file_name: String,
    /// Whether it is encrypted (its passphrase is asked before it can be read).
    pub encrypted: bool,
}

/// « Nouvelle campagne à partir d'une autre… »: the campaign file to start from; `None`
/// when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn carry_pick(state: State<'_, AppState>) -> AppResult<Option<CarryPick>> {
    let Some(path) = state.dialogs.open_campaign() else {
        return Ok(None);
    };
    let pick = CarryPick {
        file_name: cesp_core::fr::file_name(&path),
        encrypted: cesp_core::cipher::is_encrypted(&path),
    };
    if let Ok(mut g) = state.carry_file.lock() {
        *g = Some(path);
    }
    if let Ok(mut g) = state.carry_read.lock() {
        *g = None;
    }
    Ok(Some(pick))
}

/// The chosen file's passphrase, when it is encrypted.
fn carry_key(passphrase: Option<String>) -> AppResult<Option<Passphrase>> {
    Ok(match passphrase.filter(|p| !p.is_empty()) {
        Some(p) => Some(Passphrase::given(&p)?),
        None => None,
    })
}

/// The file chosen with `carry_pick`.
fn carry_path(state: &AppState) -> AppResult<std::path::PathBuf> {
    crate::state::waiting(
        &state.carry_file,
        "no_file",
        "Aucune campagne de départ : choisissez d'abord le fichier de l'année précédente.",
    )
}

/// What the chosen campaign offers to carry over, and the new campaign's settings
/// pre-filled (its passphrase when it is encrypted).
#[tauri::command]
#[specta::specta]
pub async fn carry_source<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> AppResult<Job> {
    let path = carry_path(&state)?;
    let key = carry_key(passphrase)?;
    let told = app.clone();
    jobs::apart(
        &app,
        "Lecture de la campagne de l'année précédente",
        move || {
            let source = cesp_core::carry::carry_source(&path, key.as_ref())?;
            if let Ok(mut g) = told.state::<AppState>().carry_read.lock() {
                *g = Some((path, source.clone()));
            }
            Ok(source)
        },
    )
}

/// Creates the new campaign from the chosen one with the parts and days chosen: asks
/// where to save, then opens it. `None` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn new_campaign_from<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: CampaignSettings,
    choice: cesp_core::carry::CarryChoice,
    source_passphrase: Option<String>,
    passphrase: Option<String>,
    confirmation: Option<String>,
) -> AppResult<Option<Job>> {
    let operator = state.operator()?;
    let from = carry_path(&state)?;
    let from_key = carry_key(source_passphrase)?;
    let settings = settings.validated()?;
    let key = chosen_passphrase(passphrase, confirmation)?;
    // Refused dates or parts are said before the user is asked where to save, against
    // what was read when the user chose the file (the creation reads it again).
    let read = state
        .carry_read
        .lock()
        .ok()
        .and_then(|g| g.clone())
        .filter(|(path, _)| *path == from);
    let source = match read {
        Some((_, source)) => source,
        None => cesp_core::carry::carry_source(&from, from_key.as_ref())?,
    };
    cesp_core::carry::check_carry(&source, &settings, &choice)?;
    let Some(absolute) = new_file(&state, &settings)? else {
        return Ok(None);
    };
    jobs::exclusive(&app, "Création de la campagne", move |state| {
        let campaign = Campaign::create_from(
            &absolute,
            true,
            key.as_ref(),
            &settings,
            &from,
            from_key.as_ref(),
            &choice,
            &operator,
        )?;
        if let Ok(mut g) = state.carry_file.lock() {
            *g = None;
        }
        if let Ok(mut g) = state.carry_read.lock() {
            *g = None;
        }
        install(state, campaign)
    })
    .map(Some)
}

/// A blank campaign started today, for the « Nouvelle campagne » form.
#[tauri::command]
#[specta::specta]
pub async fn blank_settings() -> AppResult<CampaignSettings> {
    Ok(CampaignSettings::blank(cesp_core::clock::today()))
}

/// Reads the campaign form (its contingents as typed) without saving it: the settings to
/// save, or every problem, each at its field.
#[tauri::command]
#[specta::specta]
pub async fn read_settings(
    settings: CampaignSettings,
    quotas: cesp_core::forms::QuotasText,
) -> AppResult<CampaignSettings> {
    Ok(cesp_core::forms::campaign_settings(&settings, &quotas)?)
}

/// The total of the contingents as typed in the campaign form ("22").
#[tauri::command]
#[specta::specta]
pub async fn quotas_total(quotas: cesp_core::forms::QuotasText) -> AppResult<String> {
    Ok(cesp_core::forms::quotas_total(&quotas))
}

/// "Ouvrir une campagne…": `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn open_campaign<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let Some(path) = state.dialogs.open_campaign() else {
        return Ok(None);
    };
    jobs::exclusive(&app, OPENING, move |state| open_path(state, &path)).map(Some)
}

/// Reopens a campaign from the recent list (only paths the user chose before).
#[tauri::command]
#[specta::specta]
pub async fn open_recent<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<Job> {
    if !recent::contains(&state.recent_file, &path) {
        return Err(AppError::new(
            "not_recent",
            "Ce fichier ne figure plus dans la liste des campagnes récentes : utilisez « Ouvrir une campagne… ».",
        ));
    }
    jobs::exclusive(&app, OPENING, move |state| {
        open_path(state, Path::new(&path))
    })
}

/// Removes a campaign from the recent list (the file itself is left alone).
#[tauri::command]
#[specta::specta]
pub async fn forget_recent(
    state: State<'_, AppState>,
    path: String,
) -> AppResult<Vec<RecentCampaign>> {
    recent::forget(&state.recent_file, &path).map_err(|e| {
        AppError::new(
            "io",
            format!("Impossible de mettre à jour la liste des campagnes récentes : {e}."),
        )
    })
}

/// Opens the built-in demo campaign, creating it the first time.
#[tauri::command]
#[specta::specta]
pub async fn open_demo<R: Runtime>(app: AppHandle<R>) -> AppResult<Job> {
    jobs::exclusive(&app, "Ouverture de la démonstration", open_demo_in)
}

/// Opens (or first creates) the demo campaign; also used at launch with `--demo`.
pub fn open_demo_in(state: &AppState) -> AppResult<CampaignSummary> {
    if state.demo_file.exists() {
        return open_path(state, &state.demo_file);
    }
    made_demo(state, demo::create)
}

/// Recreates the demo campaign as of today (its changes are lost) and opens it.
#[tauri::command]
#[specta::specta]
pub async fn reset_demo<R: Runtime>(app: AppHandle<R>) -> AppResult<Job> {
    jobs::exclusive(&app, "Réinitialisation de la démonstration", |state| {
        made_demo(state, demo::reset)
    })
}

/// Makes the demo campaign with `make` (`demo::create`, `demo::reset`) in its folder,
/// then opens it.
fn made_demo(
    state: &AppState,
    make: fn(&Path) -> cesp_core::Result<Campaign>,
) -> AppResult<CampaignSummary> {
    if let Some(dir) = state.demo_file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| AppError::from(cesp_core::Error::io(dir, e)))?;
    }
    // The demo may be the campaign open here: its lock goes first.
    if let Ok(mut g) = state.campaign.lock() {
        *g = None;
    }
    let campaign = make(&state.demo_file)?;
    install(state, campaign)
}

/// Closes the open campaign (everything is already saved).
#[tauri::command]
#[specta::specta]
pub async fn close_campaign(state: State<'_, AppState>) -> AppResult<Vec<RecentCampaign>> {
    state.close_room();
    if let Ok(mut g) = state.campaign.lock() {
        *g = None;
    }
    crate::dossier::remove_opened_pieces(true);
    Ok(recent::load(&state.recent_file))
}

/// The open campaign's summary.
#[tauri::command]
#[specta::specta]
pub async fn campaign_summary(state: State<'_, AppState>) -> AppResult<CampaignSummary> {
    state.with_campaign(|c| Ok(c.summary()?))
}

/// The campaign's figures (« bilan de campagne »), compared with last year's when the
/// campaign was carried over from it.
#[tauri::command]
#[specta::specta]
pub async fn bilan(state: State<'_, AppState>) -> AppResult<cesp_core::bilan::Bilan> {
    state.with_campaign(|c| Ok(c.bilan()?))
}

/// Writes the bilan (one page of PDF) where the user says; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn bilan_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let year = state.with_campaign(|c| Ok(c.settings()?.academic_year))?;
    jobs::export_to(
        &app,
        "Écriture du bilan",
        &format!("Bilan CESP {year}.pdf"),
        "pdf",
        |c, path| c.write_bilan_pdf(path),
    )
}

/// Writes the bilan as a workbook (xlsx) where the user says; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn bilan_xlsx<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Job>> {
    let year = state.with_campaign(|c| Ok(c.settings()?.academic_year))?;
    jobs::export_to(
        &app,
        "Écriture du bilan",
        &format!("Bilan CESP {year}.xlsx"),
        "xlsx",
        |c, path| c.write_bilan_xlsx(path),
    )
}

/// Saves edited settings; each change is journaled.
#[tauri::command]
#[specta::specta]
pub async fn update_settings(
    state: State<'_, AppState>,
    settings: CampaignSettings,
) -> AppResult<CampaignSummary> {
    let operator = state.operator()?;
    state.with_campaign(|c| {
        c.update_settings(&settings, &operator)?;
        Ok(c.summary()?)
    })
}

/// The journal's rows the filter selects (at most 5 000 shown), with the people and kinds
/// of action to filter by.
#[tauri::command]
#[specta::specta]
pub async fn journal_search(
    state: State<'_, AppState>,
    filter: JournalFilter,
) -> AppResult<JournalPage> {
    let filter = JournalFilter {
        limit: Some(filter.limit.unwrap_or(5_000).min(5_000)),
        ..filter
    };
    state.with_campaign(|c| Ok(c.search_journal(&filter)?))
}

/// « Exporter… » the journal as filtered: xlsx or CSV, as the name chosen in the dialog
/// ends; returns the file's name, or `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn journal_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    filter: JournalFilter,
) -> AppResult<Option<Job>> {
    let title = state.with_campaign(|c| Ok(c.summary()?.title))?;
    let suggested = format!("Journal — {}.xlsx", cesp_core::files::safe_name(&title));
    let Some(path) = state.dialogs.save_table(&suggested) else {
        return Ok(None);
    };
    jobs::write_files(&app, "Écriture du journal", move |c, _| {
        c.export_journal(&filter, &path)?;
        Ok(cesp_core::fr::file_name(&path))
    })
    .map(Some)
}

/// All candidates.
#[tauri::command]
#[specta::specta]
pub async fn candidates(state: State<'_, AppState>) -> AppResult<Vec<CandidateRow>> {
    state.with_campaign(|c| Ok(c.candidates()?))
}

/// Every candidate's name and category (the screens that choose a candidate).
#[tauri::command]
#[specta::specta]
pub async fn candidate_names(
    state: State<'_, AppState>,
) -> AppResult<Vec<cesp_core::candidate::CandidateName>> {
    state.with_campaign(|c| Ok(c.candidate_names()?))
}

/// The commission's members.
#[tauri::command]
#[specta::specta]
pub async fn members(state: State<'_, AppState>) -> AppResult<Vec<Member>> {
    state.with_campaign(|c| Ok(c.members()?))
}

/// The open campaign's backups, newest first.
#[tauri::command]
#[specta::specta]
pub async fn backups_list(state: State<'_, AppState>) -> AppResult<Vec<BackupInfo>> {
    state.with_campaign(|c| Ok(state.backups.list(c.path())))
}

/// Restores a backup of the open campaign (the current state is backed up first).
#[tauri::command]
#[specta::specta]
pub async fn backup_restore<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file_name: String,
) -> AppResult<Job> {
    let operator = state.operator()?;
    jobs::exclusive(&app, "Restauration de la sauvegarde", move |state| {
        state.with_campaign(|c| {
            c.restore_backup(&state.backups, &file_name, &operator)?;
            Ok(c.summary()?)
        })
    })
}

/// Opens the campaign file the system handed over (same checks and messages as « Ouvrir »).
#[tauri::command]
#[specta::specta]
pub async fn open_requested<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Job> {
    let path = crate::state::take_waiting(
        &state.requested_file,
        "no_requested_file",
        "Aucun fichier n'attend d'être ouvert : utilisez « Ouvrir une campagne… ».",
    )?;
    jobs::exclusive(&app, OPENING, move |state| open_path(state, &path))
}
