//! Long work in the background. The command answers at once with the job it started; the
//! work runs on a thread of its own, and the window follows it through two events:
//! `job-progress` (files written so far, when the work counts them) and `job-done` (its
//! result, or the error in French).
//!
//! - Files written from the campaign (letters, convocations, the journal, the minutes,
//!   workbooks; [`start`], [`export_to`]) read it through a connection of their own (the
//!   campaign as it stands when the work starts): the window and every other command go
//!   on meanwhile.
//! - A change of the whole file (its encryption, a restore, a merge; [`exclusive`]) has
//!   the campaign to itself: meanwhile every other command that needs it is refused at
//!   once, saying what runs, instead of waiting without a word.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use cesp_core::cipher::Passphrase;
use cesp_core::Campaign;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The event telling how far a job is.
pub const PROGRESS: &str = "job-progress";
/// The event carrying a job's result.
pub const DONE: &str = "job-done";

/// A job just started: the window waits for its `job-done`.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Job {
    /// Its number, in the events.
    pub id: u32,
    /// What it does, in French (« Écriture des convocations »).
    pub label: String,
}

/// How far a job is.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct JobProgress {
    /// The job.
    pub id: u32,
    /// What it does, in French.
    pub label: String,
    /// Files written so far (0 while the work does not count them).
    pub done: u32,
    /// Files in all (0 while unknown).
    pub total: u32,
    /// Whether it has the campaign to itself ([`exclusive`]): the window then waits.
    pub exclusive: bool,
}

/// A job's end: `value` (the command's result) or `error`.
#[derive(Debug, Clone, Serialize)]
pub struct JobDone<T> {
    /// The job.
    pub id: u32,
    /// The result, when it worked.
    pub value: Option<T>,
    /// Why it did not.
    pub error: Option<AppError>,
}

static NEXT: AtomicU32 = AtomicU32::new(1);

/// Tells the window how far a job is, at most once per hundredth of the work.
pub struct Progress<R: Runtime> {
    app: AppHandle<R>,
    id: u32,
    label: String,
    exclusive: bool,
    shown: AtomicU32,
}

impl<R: Runtime> Progress<R> {
    /// `done` files of `total` are written.
    pub fn files(&self, done: usize, total: usize) {
        let step = (total / 100).max(1);
        let reached = (done / step) as u32;
        if done == total || self.shown.fetch_max(reached, Ordering::Relaxed) < reached {
            self.tell(done, total);
        }
    }

    fn tell(&self, done: usize, total: usize) {
        let _ = self.app.emit(
            PROGRESS,
            JobProgress {
                id: self.id,
                label: self.label.clone(),
                done: done as u32,
                total: total as u32,
                exclusive: self.exclusive,
            },
        );
    }
}

/// Runs `body` on a thread of its own as job `label`: its start, then its result, told
/// to the window. Answers at once with the job.
fn spawn<R, U>(
    app: &AppHandle<R>,
    label: &str,
    exclusive: bool,
    body: impl FnOnce(&AppHandle<R>, &Progress<R>) -> AppResult<U> + Send + 'static,
) -> AppResult<Job>
where
    R: Runtime,
    U: Serialize + Clone + Send + 'static,
{
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let progress = Progress {
        app: app.clone(),
        id,
        label: label.to_owned(),
        exclusive,
        shown: AtomicU32::new(0),
    };
    let app = app.clone();
    std::thread::Builder::new()
        .name(format!("job-{id}"))
        .spawn(move || {
            progress.tell(0, 0);
            // The window waits for the end: a panic is said as an error, never silent.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                body(&app, &progress)
            }))
            .unwrap_or_else(|_| {
                Err(AppError::new(
                    "internal",
                    "Erreur interne pendant le travail en arrière-plan : recommencez, et signalez-le si cela se reproduit.",
                ))
            });
            let (value, error) = match result {
                Ok(v) => (Some(v), None),
                Err(e) => (None, Some(e)),
            };
            let _ = app.emit(DONE, JobDone { id, value, error });
        })
        .map_err(|e| AppError::new("internal", format!("Erreur interne : {e}.")))?;
    Ok(Job {
        id,
        label: label.to_owned(),
    })
}

/// The open campaign's file and passphrase, to read it from another connection.
fn source(state: &AppState) -> AppResult<(PathBuf, Option<Passphrase>)> {
    state.with_campaign(|c| Ok((c.path().to_path_buf(), c.passphrase().cloned())))
}

/// Starts `work` in the background on the open campaign, read through a connection of
/// its own, then `finish` with its result (on the thread of the job: `finish` may write
/// to the open campaign, e.g. record what went out). Answers at once with the job.
pub fn start<R, T, U>(
    app: &AppHandle<R>,
    label: &str,
    work: impl FnOnce(&Campaign, &Progress<R>) -> cesp_core::Result<T> + Send + 'static,
    finish: impl FnOnce(&AppState, &std::path::Path, T) -> AppResult<U> + Send + 'static,
) -> AppResult<Job>
where
    R: Runtime,
    T: Send + 'static,
    U: Serialize + Clone + Send + 'static,
{
    let (path, key) = source(&app.state::<AppState>())?;
    spawn(app, label, false, move |app, progress| {
        let done = Campaign::open_reader(&path, key.as_ref())
            .and_then(|reader| work(&reader, progress))?;
        finish(&app.state::<AppState>(), &path, done)
    })
}

/// Starts `work` in the background, on no campaign (another file read, e.g. last year's
/// campaign). Answers at once with the job.
pub fn apart<R, U>(
    app: &AppHandle<R>,
    label: &str,
    work: impl FnOnce() -> AppResult<U> + Send + 'static,
) -> AppResult<Job>
where
    R: Runtime,
    U: Serialize + Clone + Send + 'static,
{
    spawn(app, label, false, move |_, _| work())
}

/// Gives the campaign back to every command when the work that had it ends, however it
/// ends.
struct Release<'a>(&'a AppState);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if let Ok(mut g) = self.0.busy.lock() {
            *g = None;
        }
    }
}

/// Starts `work` on the open campaign itself, in the background, for a change of the
/// whole file (its encryption, a restore, a merge, every score reset): the command
/// answers at once, and until the work ends every other command that needs the campaign
/// is refused at once, saying what runs ([`AppState::with_campaign`]). Refused while
/// other such work runs.
pub fn exclusive<R, U>(
    app: &AppHandle<R>,
    label: &str,
    work: impl FnOnce(&AppState) -> AppResult<U> + Send + 'static,
) -> AppResult<Job>
where
    R: Runtime,
    U: Serialize + Clone + Send + 'static,
{
    let state = app.state::<AppState>();
    {
        let mut busy = state
            .busy
            .lock()
            .map_err(|_| AppError::new("internal", "Erreur interne : état verrouillé."))?;
        if let Some(b) = busy.as_ref() {
            return Err(AppError::busy(&b.label));
        }
        *busy = Some(crate::state::Busy {
            label: label.to_owned(),
            thread: None,
        });
    }
    let started = spawn(app, label, true, move |app, _| {
        let state = app.state::<AppState>();
        let _release = Release(&state);
        if let Ok(mut g) = state.busy.lock() {
            if let Some(b) = g.as_mut() {
                b.thread = Some(std::thread::current().id());
            }
        }
        work(&state)
    });
    if started.is_err() {
        drop(Release(&state));
    }
    started
}

/// [`start`] for work that only writes files: its result is the command's.
pub fn write_files<R, T>(
    app: &AppHandle<R>,
    label: &str,
    work: impl FnOnce(&Campaign, &Progress<R>) -> cesp_core::Result<T> + Send + 'static,
) -> AppResult<Job>
where
    R: Runtime,
    T: Serialize + Clone + Send + 'static,
{
    start(app, label, work, |_, _, done| Ok(done))
}

/// Asks where to write a file (`suggested` name, `extension`), then writes it in the
/// background with `f` ([`write_files`]); the job's result is the file's name. `None`
/// when the user cancelled.
pub fn export_to<R: Runtime>(
    app: &AppHandle<R>,
    label: &str,
    suggested: &str,
    extension: &str,
    f: impl FnOnce(&Campaign, &std::path::Path) -> cesp_core::Result<()> + Send + 'static,
) -> AppResult<Option<Job>> {
    let state = app.state::<AppState>();
    let Some(path) = state.dialogs.save_export(suggested, extension) else {
        return Ok(None);
    };
    write_files(app, label, move |c, _| {
        f(c, &path)?;
        Ok(cesp_core::fr::file_name(&path))
    })
    .map(Some)
}

/// Refused unless the campaign `finish` records into is still the one the job read (it
/// may have been closed, or another opened, meanwhile).
pub fn same_campaign(c: &Campaign, read: &std::path::Path) -> cesp_core::Result<()> {
    if c.path() == read {
        Ok(())
    } else {
        Err(cesp_core::Error::Refused(
            cesp_core::Refusal::CampaignChanged,
            format!(
                "La campagne « {} » a été fermée pendant l'écriture : les fichiers sont écrits, mais leur envoi n'est pas enregistré. Rouvrez-la et écrivez-les de nouveau.",
                cesp_core::fr::file_name(read)
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use serde_json::{json, Value};
    use tauri::{Listener, Manager};

    use crate::dialogs::ScriptedDialogs;
    use crate::state::AppState;
    use crate::MockWindow;

    /// The demo open in the mock window, its dialogs answered from `dialogs.txt`.
    fn demo(dir: &std::path::Path) -> MockWindow {
        let state = AppState::new(
            dir,
            dir.join("démo.cesp"),
            cesp_core::backup::Backups {
                base: dir.join("sauvegardes"),
            },
            dir.to_path_buf(),
            Box::new(ScriptedDialogs::new(dir.join("dialogs.txt"))),
            Some("Claire Dumont".into()),
        );
        let window = MockWindow::new(state);
        window.call("open_demo", json!({})).expect("demo");
        window
    }

    fn answer(dir: &std::path::Path, path: &std::path::Path) {
        std::fs::write(dir.join("dialogs.txt"), path.display().to_string()).expect("script");
    }

    /// Calls `cmd`, which must answer with a job named `label`; the job's result.
    fn in_background(
        window: &MockWindow,
        cmd: &str,
        body: Value,
        label: &str,
    ) -> Result<Value, Value> {
        let started = window
            .call_raw(cmd, body)
            .expect("started")
            .deserialize::<Value>()
            .expect("json");
        assert_eq!(started["label"], label, "{started}");
        window.job_done(MockWindow::job(&started).expect("a job"))
    }

    fn convocations_recorded(window: &MockWindow) -> usize {
        let page = window
            .call("journal_search", json!({ "filter": { "from": "", "to": "", "person": null, "kind": null, "limit": null } }))
            .expect("journal");
        page["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter(|e| e["action"] == "schedule.convocations")
            .count()
    }

    #[test]
    fn convocations_are_written_in_the_background_then_recorded_as_gone_out() {
        let dir = tempfile::tempdir().expect("dir");
        let dir = dir.path();
        let window = demo(dir);
        let progress: Arc<Mutex<Vec<Value>>> = Default::default();
        let seen = progress.clone();
        window.app.listen(super::PROGRESS, move |e| {
            let v: Value = serde_json::from_str(e.payload()).expect("progress");
            seen.lock().expect("seen").push(v);
        });
        let before = convocations_recorded(&window);
        let out = dir.join("convocations");
        std::fs::create_dir_all(&out).expect("dir");
        answer(dir, &out);

        // The command answers with the job it started, not with the files.
        let started = window
            .call_raw("schedule_convocations", json!({ "changesOnly": false }))
            .expect("started")
            .deserialize::<Value>()
            .expect("json");
        assert_eq!(started["label"], "Écriture des convocations");
        let id = MockWindow::job(&started).expect("a job");
        let written = window.job_done(id).expect("written");

        // Every PDF the result names is there; the progress counted them, up to all.
        let pdfs = std::fs::read_dir(&out)
            .expect("folder")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            })
            .count() as u64;
        let letters = written["letters"].as_u64().expect("letters");
        assert!(letters > 10, "{written}");
        assert_eq!(pdfs, letters + 1, "one per candidate and the batch");
        let seen = progress.lock().expect("seen").clone();
        assert!(seen.iter().all(|p| p["id"] == id), "{seen:?}");
        assert_eq!(seen.first().expect("started")["total"], 0, "{seen:?}");
        let last = seen.last().expect("progress");
        assert_eq!(
            (&last["done"], &last["total"]),
            (&json!(pdfs), &json!(pdfs))
        );
        assert!(seen.len() > 2, "{seen:?}");

        // Then recorded as gone out, journaled once.
        assert_eq!(convocations_recorded(&window), before + 1);
    }

    #[test]
    fn a_job_that_fails_says_why_in_french_and_a_cancelled_dialog_starts_none() {
        let dir = tempfile::tempdir().expect("dir");
        let dir = dir.path();
        let window = demo(dir);
        let before = convocations_recorded(&window);
        // The folder vanished between the dialog and the writing.
        answer(dir, &dir.join("disparu"));
        let e = window
            .call("schedule_convocations", json!({ "changesOnly": false }))
            .expect_err("no folder");
        assert_eq!(e["code"], "folder_missing", "{e}");
        assert!(
            e["message"].as_str().expect("message").contains("disparu"),
            "{e}"
        );
        assert_eq!(convocations_recorded(&window), before, "nothing recorded");
        // Cancelled: no job, nothing written.
        std::fs::write(dir.join("dialogs.txt"), "CANCEL").expect("script");
        let cancelled = window
            .call("journal_export", json!({ "filter": { "from": "", "to": "", "person": null, "kind": null, "limit": null } }))
            .expect("cancelled");
        assert_eq!(cancelled, Value::Null);
        // A file written whole, named as the window says it.
        let file = dir.join("Journal.xlsx");
        answer(dir, &file);
        let name = window
            .call("journal_export", json!({ "filter": { "from": "", "to": "", "person": null, "kind": null, "limit": null } }))
            .expect("written");
        assert_eq!(name, "Journal.xlsx");
        assert!(std::fs::metadata(&file).expect("file").len() > 1000);
    }

    #[test]
    fn what_a_job_records_goes_only_into_the_campaign_it_read() {
        let dir = tempfile::tempdir().expect("dir");
        let window = demo(dir.path());
        let state = window.app.state::<AppState>();
        let other = dir.path().join("autre.cesp");
        let e = state
            .with_campaign(|c| Ok(super::same_campaign(c, &other)))
            .expect("open")
            .expect_err("another campaign");
        assert_eq!(e.code(), "campaign_changed");
        assert!(e.to_string().contains("« autre.cesp »"), "{e}");
        state
            .with_campaign(|c| Ok(super::same_campaign(c, c.path())?))
            .expect("the same");
    }

    #[test]
    fn work_on_the_whole_file_has_the_campaign_to_itself_and_the_others_are_told_why() {
        let dir = tempfile::tempdir().expect("dir");
        let window = demo(dir.path());
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let job = super::exclusive(
            window.app.handle(),
            "Chiffrement du fichier et de ses sauvegardes",
            move |state| {
                wait.recv().expect("go");
                // The job's own thread uses the campaign.
                state.with_campaign(|c| Ok(c.summary()?.title))
            },
        )
        .expect("started");
        // Meanwhile: refused at once, saying what runs; a second such job too.
        let e = window
            .call("campaign_summary", json!({}))
            .expect_err("busy");
        assert_eq!(e["code"], "busy", "{e}");
        assert!(
            e["message"]
                .as_str()
                .expect("message")
                .starts_with("Chiffrement du fichier et de ses sauvegardes en cours\u{a0}: la campagne est indisponible"),
            "{e}"
        );
        let e = super::exclusive(window.app.handle(), "Fusion de l'autre copie", |_| Ok(()))
            .expect_err("one at a time");
        assert_eq!(e.code, "busy");
        go.send(()).expect("go");
        let title = window.job_done(job.id as u64).expect("done");
        assert!(title.as_str().is_some_and(|t| !t.is_empty()), "{title}");
        // Then everything works again.
        window
            .call("campaign_summary", json!({}))
            .expect("free again");
    }

    #[test]
    fn the_file_is_encrypted_in_the_background_then_opens_only_with_its_passphrase() {
        let dir = tempfile::tempdir().expect("dir");
        let window = demo(dir.path());
        let summary = window
            .call(
                "set_passphrase",
                json!({ "current": null, "passphrase": "cèdre lumière vingt falaises", "confirmation": "cèdre lumière vingt falaises" }),
            )
            .expect("encrypted");
        assert_eq!(summary["encrypted"], true, "{summary}");
        // A passphrase refused before any job starts: the form says it at its field.
        let e = window
            .call(
                "set_passphrase",
                json!({ "current": null, "passphrase": "court", "confirmation": "court" }),
            )
            .expect_err("too short");
        assert_eq!(e["details"][0]["field"], "passphrase", "{e}");
        let path = window
            .app
            .state::<AppState>()
            .with_campaign(|c| Ok(c.path().to_path_buf()))
            .expect("path");
        assert!(cesp_core::cipher::is_encrypted(&path));
    }

    #[test]
    fn next_years_campaign_is_checked_against_the_file_as_read_when_chosen_then_made_from_it() {
        let dir = tempfile::tempdir().expect("dir");
        let dir = dir.path();
        let window = demo(dir);
        let last = dir.join("Campagne 2026-2027.cesp");
        cesp_core::demo::create_at(&last, cesp_core::demo::STORY_SIGNING_DAY)
            .expect("last year")
            .close()
            .expect("closed");
        answer(dir, &last);
        window.call("carry_pick", json!({})).expect("picked");
        let source = window
            .call("carry_source", json!({ "passphrase": null }))
            .expect("read");
        let mut settings = source["settings"].clone();
        let all = json!([
            "commission",
            "grid",
            "checklist",
            "allocation",
            "interviews"
        ]);
        let choose = |settings: &Value, days: Value| {
            json!({ "settings": settings, "choice": { "parts": all.clone(), "days": days },
                    "sourcePassphrase": null, "passphrase": null, "confirmation": null })
        };
        // Last year's file, now open elsewhere, is not read again to check the choices:
        // the day put on a public holiday is refused at once, before the save dialog.
        let elsewhere = cesp_core::Campaign::open(&last).expect("open elsewhere");
        let e = window
            .call(
                "new_campaign_from",
                choose(&settings, json!(["11/11/2027", "14/01/2028"])),
            )
            .expect_err("a holiday");
        assert!(
            e["message"]
                .as_str()
                .is_some_and(|m| m.contains("jour férié (Armistice 1918)")),
            "{e}"
        );
        // The campaign itself is made from the file read again: refused while it is open
        // elsewhere, made once it is closed.
        let next = dir.join("Campagne 2027-2028.cesp");
        answer(dir, &next);
        let e = window
            .call("new_campaign_from", choose(&settings, json!([])))
            .expect_err("open elsewhere");
        assert_eq!(e["code"], "locked", "{e}");
        assert!(!next.exists());
        drop(elsewhere);
        answer(dir, &next);
        settings["ufr_name"] = json!("UFR de médecine");
        let made = window
            .call("new_campaign_from", choose(&settings, json!([])))
            .expect("made");
        assert_eq!(made["settings"]["academic_year"], "2027-2028", "{made}");
        assert_eq!(made["settings"]["ufr_name"], "UFR de médecine", "{made}");
        assert!(next.exists());
        // Chosen again, the file is read again.
        answer(dir, &last);
        window.call("carry_pick", json!({})).expect("picked again");
        let _elsewhere = cesp_core::Campaign::open(&last).expect("open elsewhere");
        let e = window
            .call(
                "new_campaign_from",
                choose(&settings, json!(["11/11/2027", "14/01/2028"])),
            )
            .expect_err("read again");
        assert_eq!(e["code"], "locked", "{e}");
    }

    #[test]
    fn the_minutes_are_sealed_then_a_pdf_of_them_verified_in_the_background() {
        let dir = tempfile::tempdir().expect("dir");
        let dir = dir.path();
        let window = demo(dir);
        let draft = window.call("minutes", json!({})).expect("minutes");
        let last = draft["last_sitting"].clone();
        let seal = |reason: &str| json!({ "request": { "signed_on": last, "acting": "chair", "acknowledgement": reason } });
        // Refused inside the job, at the field, as before it ran in the background.
        let e = window
            .call("minutes_seal", seal(""))
            .expect_err("a reason is needed");
        assert_eq!(e["details"][0]["field"], "acknowledgement", "{e}");
        let sealed = in_background(
            &window,
            "minutes_seal",
            seal("contrat reporté"),
            "Scellement du procès-verbal",
        )
        .expect("sealed");
        assert_eq!(sealed["sealed"]["version"], 1, "{sealed}");

        let pdf = dir.join("Procès-verbal CESP.pdf");
        answer(dir, &pdf);
        window
            .call("minutes_export", json!({ "version": null }))
            .expect("written");
        answer(dir, &pdf);
        let verified = in_background(
            &window,
            "minutes_verify",
            json!({}),
            "Vérification du procès-verbal",
        )
        .expect("verified");
        assert_eq!(verified["pdf_matches"], true, "{verified}");
        assert_eq!(verified["version"], 1, "{verified}");
        assert_eq!(verified["data_match"], true, "{verified}");
        // One byte changed in the PDF: it is no longer the one sealed.
        let mut bytes = std::fs::read(&pdf).expect("pdf");
        let at = bytes
            .windows(6)
            .position(|w| w == b"stream")
            .expect("a stream")
            + 20;
        bytes[at] ^= 1;
        std::fs::write(&pdf, bytes).expect("changed");
        answer(dir, &pdf);
        let verified = window.call("minutes_verify", json!({})).expect("verified");
        assert_eq!(verified["pdf_matches"], false, "{verified}");
        // No file chosen: no job.
        std::fs::write(dir.join("dialogs.txt"), "").expect("script");
        let none = window.call("minutes_verify", json!({})).expect("cancelled");
        assert!(none.is_null(), "{none}");
    }
}
