//! What the shell keeps between commands: the open campaign, the operator's name, where
//! the recent list and the demo live, and the dialogs.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use cesp_core::Campaign;

use crate::dialogs::FileDialogs;
use crate::error::{AppError, AppResult};

/// The shell's state, managed by Tauri.
pub struct AppState {
    /// The open campaign, if any.
    pub campaign: Mutex<Option<Campaign>>,
    /// The operator's name for this session (asked once, journaled with every change).
    pub operator: Mutex<Option<String>>,
    /// The JSON file listing recent campaigns.
    pub recent_file: PathBuf,
    /// Where the demo campaign is created.
    pub demo_file: PathBuf,
    /// The file dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// An error met while opening the file given on the command line, shown once.
    pub startup_error: Mutex<Option<AppError>>,
    /// The spreadsheet chosen (dialog or drop) for the import in progress.
    pub import_file: Mutex<Option<PathBuf>>,
    /// The spreadsheet last imported: its rejected rows can still be saved.
    pub imported_file: Mutex<Option<PathBuf>>,
    /// An encrypted campaign file chosen to open, waiting for its passphrase.
    pub locked_file: Mutex<Option<PathBuf>>,
    /// The other copy of the campaign chosen for a merge.
    pub merge_file: Mutex<Option<PathBuf>>,
    /// Last year's campaign chosen to start the new one from.
    pub carry_file: Mutex<Option<PathBuf>>,
    /// What was read from that file (« carry_source »), to check the choices made on it
    /// before the save dialog without copying the whole file again.
    pub carry_read: Mutex<Option<(PathBuf, cesp_core::carry::CarrySource)>>,
    /// Set to stop a long import; checked between rows.
    pub import_cancel: Arc<AtomicBool>,
    /// Set to stop a batch of e-mail; checked between messages.
    pub mail_cancel: Arc<AtomicBool>,
    /// The JSON file of saved column mappings.
    pub templates_file: PathBuf,
    /// Where campaign backups go.
    pub backups: cesp_core::backup::Backups,
    /// The app's preferences on this machine (first-run welcome, operator).
    pub preferences_file: PathBuf,
    /// The folder proposed for campaign files (the user's documents).
    pub documents_dir: PathBuf,
    /// A campaign file the system handed to the running app, until the window opens it.
    pub requested_file: Mutex<Option<PathBuf>>,
    /// The connected sitting, while it is open. Its lock is never held while the
    /// campaign's is taken (the hub takes the campaign's for each request).
    pub room: Mutex<Option<Arc<cesp_room::Room>>>,
    /// Work on the whole campaign running in the background ([`crate::jobs::exclusive`]):
    /// meanwhile every other use of the campaign is refused at once, saying what runs.
    pub busy: Mutex<Option<Busy>>,
}

/// Work that has the campaign to itself, in the background.
#[derive(Debug, Clone)]
pub struct Busy {
    /// What it does, in French (« Chiffrement du fichier »).
    pub label: String,
    /// Its thread, once started: the one thread that may use the campaign.
    pub thread: Option<std::thread::ThreadId>,
}

/// The app's preferences on this machine, in `config_dir`.
pub fn preferences_file(config_dir: &std::path::Path) -> PathBuf {
    config_dir.join("preferences.json")
}

/// Takes the file waiting in `slot` (chosen in a dialog, dropped on the window or handed
/// over by the system), or says why there is none (`code`, `missing` in French).
pub fn take_waiting(
    slot: &Mutex<Option<PathBuf>>,
    code: &str,
    missing: &str,
) -> AppResult<PathBuf> {
    slot.lock()
        .ok()
        .and_then(|mut g| g.take())
        .ok_or_else(|| AppError::new(code, missing))
}

/// The file waiting in `slot`, left there (it serves more than one step), or why there
/// is none (`code`, `missing` in French).
pub fn waiting(slot: &Mutex<Option<PathBuf>>, code: &str, missing: &str) -> AppResult<PathBuf> {
    slot.lock()
        .ok()
        .and_then(|g| g.clone())
        .ok_or_else(|| AppError::new(code, missing))
}

impl AppState {
    /// The state of an app that has no campaign open yet: its lists and preferences in
    /// `config_dir`, the demo at `demo_file`, campaigns proposed in `documents_dir`.
    pub fn new(
        config_dir: &std::path::Path,
        demo_file: PathBuf,
        backups: cesp_core::backup::Backups,
        documents_dir: PathBuf,
        dialogs: Box<dyn FileDialogs>,
        operator: Option<String>,
    ) -> AppState {
        AppState {
            campaign: Mutex::new(None),
            operator: Mutex::new(operator),
            recent_file: config_dir.join("recent.json"),
            demo_file,
            dialogs,
            startup_error: Mutex::new(None),
            import_file: Mutex::new(None),
            imported_file: Mutex::new(None),
            locked_file: Mutex::new(None),
            merge_file: Mutex::new(None),
            carry_file: Mutex::new(None),
            carry_read: Mutex::new(None),
            import_cancel: Default::default(),
            mail_cancel: Default::default(),
            templates_file: config_dir.join("correspondances.json"),
            backups,
            preferences_file: preferences_file(config_dir),
            documents_dir,
            requested_file: Mutex::new(None),
            room: Mutex::new(None),
            busy: Mutex::new(None),
        }
    }

    /// Runs `f` on the open campaign; refused at once while work in the background has it
    /// to itself.
    pub fn with_campaign<T>(&self, f: impl FnOnce(&mut Campaign) -> AppResult<T>) -> AppResult<T> {
        let busy = self.busy.lock().ok().and_then(|g| g.clone());
        if let Some(b) = busy.filter(|b| b.thread != Some(std::thread::current().id())) {
            return Err(AppError::busy(&b.label));
        }
        let mut guard = self
            .campaign
            .lock()
            .map_err(|_| AppError::new("internal", "Erreur interne : état verrouillé."))?;
        match guard.as_mut() {
            Some(c) => f(c),
            None => Err(AppError::no_campaign()),
        }
    }

    /// Runs a write use case on the open campaign with the operator's name; the members'
    /// devices in a connected sitting then read their desks again.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Campaign, &str) -> cesp_core::Result<T>,
    ) -> AppResult<T> {
        let operator = self.operator()?;
        let done = self.with_campaign(|c| Ok(f(c, &operator)?))?;
        if let Some(room) = self.room() {
            room.touch();
        }
        Ok(done)
    }

    /// The open connected sitting.
    pub fn room(&self) -> Option<Arc<cesp_room::Room>> {
        self.room.lock().ok().and_then(|g| g.clone())
    }

    /// Keeps the connected sitting just opened.
    pub fn set_room(&self, room: cesp_room::Room) {
        if let Ok(mut g) = self.room.lock() {
            *g = Some(Arc::new(room));
        }
    }

    /// Closes the connected sitting, if one is open (the campaign closes, another opens,
    /// or the secretary ends it): every device is told and the server stops.
    pub fn close_room(&self) {
        let room = self.room.lock().ok().and_then(|mut g| g.take());
        if let Some(room) = room {
            room.close();
        }
    }

    /// Records who is at the keyboard for this session.
    pub fn set_operator(&self, name: &str) {
        if let Ok(mut g) = self.operator.lock() {
            *g = Some(name.to_owned());
        }
    }

    /// The operator's name, required before any write.
    pub fn operator(&self) -> AppResult<String> {
        self.operator
            .lock()
            .ok()
            .and_then(|g| g.clone())
            .ok_or_else(AppError::no_operator)
    }
}
