//! CESP Commission's desktop shell: the window, the dialogs and the commands, each a thin
//! call into `cesp-core`.

pub mod allocation;
#[cfg(test)]
mod command_bench;
pub mod commands;
pub mod desktop;
pub mod dialogs;
pub mod dossier;
pub mod error;
pub mod import;
pub mod jobs;
#[cfg(test)]
mod kill_tests;
pub mod mail;
pub mod memory;
pub mod minutes;
pub mod room;
pub mod schedule;
pub mod scoring;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;
use tauri_specta::{collect_commands, Builder};

use crate::dialogs::{FileDialogs, NativeDialogs};
use crate::state::AppState;

/// The typed command surface on runtime `$r`: the window's (`tauri::Wry`), or Tauri's mock
/// runtime in the tests that drive the app's own commands.
macro_rules! command_surface {
    ($r:ty) => {
        Builder::<$r>::new()
            .commands(collect_commands![
                commands::get_session,
                commands::set_operator,
                commands::new_campaign,
                commands::carry_pick,
                commands::carry_source::<$r>,
                commands::new_campaign_from::<$r>,
                commands::bilan,
                commands::bilan_pdf::<$r>,
                commands::bilan_xlsx::<$r>,
                commands::unlock_campaign::<$r>,
                commands::set_passphrase::<$r>,
                commands::remove_passphrase::<$r>,
                commands::blank_settings,
                commands::read_settings,
                commands::quotas_total,
                commands::open_campaign::<$r>,
                commands::open_recent::<$r>,
                commands::forget_recent,
                commands::open_demo::<$r>,
                commands::reset_demo::<$r>,
                commands::close_campaign,
                commands::campaign_summary,
                commands::update_settings,
                commands::journal_search,
                commands::journal_export::<$r>,
                commands::candidates,
                commands::candidate_names,
                commands::members,
                import::field_catalogue,
                import::import_pick_file,
                import::import_preview::<$r>,
                import::import_apply::<$r>,
                import::import_cancel,
                import::import_history,
                import::import_undo::<$r>,
                import::mapping_templates,
                import::save_mapping_template,
                import::delete_mapping_template,
                import::candidate_set_field,
                import::candidate_add,
                import::candidates_delete,
                import::candidates_restore,
                import::candidates_export::<$r>,
                import::import_export_rejected::<$r>,
                scoring::member_add,
                scoring::member_update,
                scoring::member_remove,
                scoring::rules_get,
                scoring::rules_update,
                scoring::sittings,
                scoring::sitting_add,
                scoring::sitting_update,
                scoring::sitting_remove,
                scoring::attendance_set,
                scoring::recusals,
                scoring::recusal_scores,
                scoring::recusal_add,
                scoring::recusal_remove,
                scoring::score_board,
                scoring::grid,
                scoring::grid_save,
                scoring::grid_block_max,
                scoring::scores_reset::<$r>,
                scoring::hearing_set,
                scoring::score_set,
                scoring::academic_values,
                scoring::academic_override,
                scoring::scores_lock,
                scoring::scores_unlock,
                scoring::ranking,
                scoring::sheets_export::<$r>,
                scoring::sheets_import::<$r>,
                dossier::pieces,
                dossier::pieces_save,
                dossier::dossiers,
                dossier::dossier,
                dossier::pieces_set,
                dossier::attachment_pick,
                dossier::attachment_dropped,
                dossier::attachment_open,
                dossier::attachment_remove,
                dossier::eligibility_override,
                dossier::letters_write::<$r>,
                dossier::letters_return_by,
                dossier::merge_preview::<$r>,
                dossier::merge_apply::<$r>,
                dossier::retention,
                dossier::retention_set,
                dossier::purge,
                mail::mail_settings,
                mail::mail_settings_save,
                mail::mail_test::<$r>,
                mail::mail_preview,
                mail::mail_unreachable_export::<$r>,
                mail::mail_send::<$r>,
                mail::mail_cancel,
                mail::mails,
                minutes::minutes,
                minutes::minutes_seal::<$r>,
                minutes::minutes_reopen::<$r>,
                minutes::minutes_approve::<$r>,
                minutes::minutes_signature,
                minutes::minutes_pick_certificate,
                minutes::minutes_sign::<$r>,
                minutes::minutes_export::<$r>,
                minutes::minutes_verify::<$r>,
                schedule::schedule_setup,
                schedule::schedule_setup_set,
                schedule::schedule,
                schedule::schedule_plan,
                schedule::schedule_preview,
                schedule::schedule_targets,
                schedule::schedule_move,
                schedule::schedule_pin,
                schedule::schedule_withdraw,
                schedule::schedule_free,
                schedule::schedule_convocations::<$r>,
                schedule::schedule_timetable::<$r>,
                schedule::schedule_xlsx::<$r>,
                allocation::allocation_rules,
                allocation::allocation_rules_set,
                allocation::allocation,
                allocation::allocation_specialties,
                allocation::allocation_specialties_set,
                allocation::allocation_tie_vote,
                allocation::allocation_override,
                allocation::allocation_withdraw,
                allocation::allocation_record,
                allocation::allocation_runs,
                allocation::allocation_export::<$r>,
                allocation::allocation_letters::<$r>,
                commands::backups_list,
                commands::backup_restore::<$r>,
                desktop::places_get,
                desktop::welcome_done,
                desktop::about,
                desktop::open_backups_folder,
                commands::open_requested::<$r>,
                desktop::forget_requested,
                desktop::set_window_title::<$r>,
                room::room_interfaces,
                room::room_open::<$r>,
                room::room_status,
                room::room_select,
                room::room_renew,
                room::room_revoke,
                room::room_close,
            ])
            .typ::<cesp_core::import::Progress>()
            .typ::<import::DroppedFile>()
            .typ::<mail::MailProgress>()
            .typ::<desktop::RequestedFile>()
            // Work in the background (src-tauri/src/jobs.rs): its events, and what the
            // jobs that do not return a file's name give back.
            .typ::<jobs::JobProgress>()
            .typ::<cesp_core::schedule::print::Written>()
            .typ::<cesp_core::dossier::letters::LetterFile>()
            .typ::<cesp_core::scoring::sheets::SheetWritten>()
            .typ::<cesp_core::dossier::merge::MergePlan>()
            .typ::<cesp_core::import::Applied>()
            .typ::<scoring::SheetOutcome>()
            .typ::<cesp_core::carry::CarrySource>()
            .typ::<cesp_core::minutes::Verification>()
            .typ::<cesp_room::RoomChanged>()
            // The member page's API (crates/room/src/api.rs), typed for ui/src/member.
            .typ::<cesp_room::api::PairRequest>()
            .typ::<cesp_room::api::Paired>()
            .typ::<cesp_room::api::ScoreWrite>()
            .typ::<cesp_room::api::ScoreWritten>()
            // The labels and text rules the window shows, from core (crates/core/src/catalogue.rs);
            // one constant, as tauri-specta writes several in no fixed order.
            .constant("CATALOGUE", cesp_core::catalogue::catalogue())
    };
}

/// The typed command surface; `ui/src/lib/bindings.ts` is generated from it.
pub fn specta_builder() -> Builder<tauri::Wry> {
    command_surface!(tauri::Wry)
}

/// The same commands on Tauri's mock runtime, for the tests.
#[cfg(test)]
pub(crate) fn mock_specta_builder() -> Builder<tauri::test::MockRuntime> {
    command_surface!(tauri::test::MockRuntime)
}

/// The app on Tauri's mock runtime with its one window, for the tests and the command
/// bench: the window's commands are called through the same IPC as the real window's.
#[cfg(test)]
pub(crate) struct MockWindow {
    /// The app, holding the state.
    pub app: tauri::App<tauri::test::MockRuntime>,
    /// Its main window.
    pub webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
    /// The results of the jobs that ended (`job-done`), by job, until taken.
    jobs: std::sync::Arc<(
        std::sync::Mutex<std::collections::HashMap<u64, serde_json::Value>>,
        std::sync::Condvar,
    )>,
}

#[cfg(test)]
impl MockWindow {
    /// The app with `state`, its window open.
    pub fn new(state: AppState) -> MockWindow {
        let app = tauri::test::mock_builder()
            .invoke_handler(mock_specta_builder().invoke_handler())
            .manage(state)
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview");
        let jobs: std::sync::Arc<(
            std::sync::Mutex<std::collections::HashMap<u64, serde_json::Value>>,
            std::sync::Condvar,
        )> = Default::default();
        let done = jobs.clone();
        tauri::Listener::listen(&app, jobs::DONE, move |event| {
            let v: serde_json::Value = serde_json::from_str(event.payload()).expect("job-done");
            let id = v["id"].as_u64().expect("job id");
            done.0.lock().expect("jobs").insert(id, v);
            done.1.notify_all();
        });
        MockWindow { app, webview, jobs }
    }

    /// Calls command `cmd` with `body` as the window would: its answer, or its error; for
    /// a command that starts a job, the job's result once it ended, as the window waits
    /// for it.
    pub fn call(
        &self,
        cmd: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        let answer = self
            .call_raw(cmd, body)
            .map(|b| b.deserialize::<serde_json::Value>().expect("json"))?;
        match Self::job(&answer) {
            Some(id) => self.job_done(id),
            None => Ok(answer),
        }
    }

    /// The job an answer started (`{ id, label }`), if it is one.
    pub fn job(answer: &serde_json::Value) -> Option<u64> {
        let o = answer.as_object()?;
        (o.len() == 2 && o.get("label").is_some_and(|l| l.is_string()))
            .then(|| o.get("id")?.as_u64())
            .flatten()
    }

    /// Waits (at most ten minutes) for job `id` to end: its result, or its error.
    pub fn job_done(&self, id: u64) -> Result<serde_json::Value, serde_json::Value> {
        let (lock, ended) = &*self.jobs;
        let mut done = lock.lock().expect("jobs");
        let limit = std::time::Instant::now() + std::time::Duration::from_secs(600);
        loop {
            if let Some(mut v) = done.remove(&id) {
                return match v["error"].take() {
                    serde_json::Value::Null => Ok(v["value"].take()),
                    error => Err(error),
                };
            }
            let left = limit.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "job {id} did not end within ten minutes");
            done = ended.wait_timeout(done, left).expect("jobs").0;
        }
    }

    /// [`MockWindow::call`], the answer as the window receives it (its JSON text, not
    /// yet read back into values).
    pub fn call_raw(
        &self,
        cmd: &str,
        body: serde_json::Value,
    ) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
        tauri::test::get_ipc_response(
            &self.webview,
            tauri::webview::InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().expect("url"),
                body: tauri::ipc::InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: tauri::test::INVOKE_KEY.to_string(),
            },
        )
    }
}

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .bigint(specta_typescript::BigIntExportBehavior::Number)
                .header("// Generated from the Rust commands by `cargo test -p cesp-commission bindings` (CESP_WRITE_BINDINGS=1). Do not edit.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// What the command line asked at launch.
enum Launch {
    Nothing,
    Demo,
    File(PathBuf),
}

fn launch_request() -> Launch {
    let mut args = std::env::args_os().skip(1);
    match args.next() {
        Some(a) if a == "--demo" => Launch::Demo,
        Some(a) if !a.to_string_lossy().starts_with('-') => Launch::File(PathBuf::from(a)),
        _ => Launch::Nothing,
    }
}

fn dialogs(app: &tauri::AppHandle) -> Box<dyn FileDialogs> {
    #[cfg(debug_assertions)]
    if let Some(scripted) = dialogs::ScriptedDialogs::from_env() {
        return Box::new(scripted);
    }
    Box::new(NativeDialogs::new(app.clone()))
}

/// When the process started, for the start-up benchmark (`benches/app.sh`).
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Starts the desktop application.
pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    #[cfg(target_os = "linux")]
    {
        // What the window's engine reads from the environment, each kept when the user set
        // it:
        // - WebKitGTK draws blank windows under Xvfb and on some GPUs without the first two;
        // - the JavaScript engine sizes its heap from the machine's memory and, on a machine
        //   of 16 or 32 GB, collects late: after the ranking's, the allocation's or the
        //   minutes' screen of a 10 000-candidate campaign, the window's process kept about
        //   300 MB. Told the machine has 256 MB (a figure its heuristics read, not a limit),
        //   it collects sooner: under 190 MB along the same screens, none slower
        //   (docs/benchmarks.md, « The window's engine collects sooner »).
        const ENGINE: [(&str, &str); 3] = [
            ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
            ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
            ("JSC_forceRAMSize", "268435456"), // 256 MiB
        ];
        for (name, value) in ENGINE {
            if std::env::var_os(name).is_none() {
                std::env::set_var(name, value);
            }
        }
    }
    let builder = specta_builder();
    let commands = builder.invoke_handler();
    let activity = memory::trimmer(memory::QUIET, memory::release);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(desktop::second_launch))
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(move |invoke| {
            activity.poke();
            commands(invoke)
        })
        .on_window_event(import::on_window_event)
        .setup(|app| {
            dossier::remove_opened_pieces(false);
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            let operator =
                cesp_core::preferences::load(&state::preferences_file(&config_dir)).operator;
            let state = AppState::new(
                &config_dir,
                data_dir.join("Campagne de démonstration.cesp"),
                cesp_core::backup::Backups::for_this_user(),
                dialogs::campaigns_folder(app.handle()).unwrap_or_default(),
                dialogs(app.handle()),
                operator,
            );
            let opened = match launch_request() {
                Launch::Nothing => Ok(()),
                Launch::Demo => commands::open_demo_in(&state).map(|_| ()),
                Launch::File(path) => commands::open_path(&state, &path).map(|_| ()),
            };
            if let Err(e) = opened {
                if let Ok(mut g) = state.startup_error.lock() {
                    *g = Some(e);
                }
            }
            app.manage(state);
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"))
        .map(|app| app.run(desktop::on_run_event));
    if let Err(e) = result {
        eprintln!("CESP Commission n'a pas pu démarrer : {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// The UI's bindings are generated from the commands: this fails when they are stale.
    /// Regenerate with `CESP_WRITE_BINDINGS=1 cargo test -p cesp-commission bindings`.
    #[test]
    fn bindings_are_fresh() {
        let target =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let dir = tempfile::tempdir().expect("temp dir");
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).expect("export bindings");
        let fresh = std::fs::read_to_string(&fresh).expect("read fresh bindings");
        if std::env::var_os("CESP_WRITE_BINDINGS").is_some() {
            std::fs::write(&target, &fresh).expect("write bindings");
            return;
        }
        let current = std::fs::read_to_string(&target).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/lib/bindings.ts is stale: run `CESP_WRITE_BINDINGS=1 cargo test -p cesp-commission bindings` and commit it"
        );
    }
}
