//! The app's own write paths killed with SIGKILL at random moments: a child process runs
//! the shell's commands through Tauri's mock runtime (the same handlers, state and
//! arguments as the window's IPC) — open, import, scores, the restore of the backup taken
//! before the import, encryption — and says on stdout
//! each write that was confirmed; the parent kills it, then checks that the campaign file
//! opens, passes `PRAGMA integrity_check`, keeps every confirmed write and no half of any.
//!
//! Half of the rounds start from an encrypted file (opened with its passphrase) and end by
//! changing that passphrase; the other half end by encrypting the file.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cesp_core::backup::Backups;
use cesp_core::cipher::Passphrase;
use cesp_core::Campaign;
use serde_json::{json, Value};

use crate::dialogs::ScriptedDialogs;
use crate::state::AppState;

const CHILD: &str = "CESP_APP_KILL_CHILD";
/// What starts each line the child prints for a confirmed write.
const CONFIRMED: &str = "confirmé: ";
const FIRST_KEY: &str = "cèdre lumière vingt falaises";
const SECOND_KEY: &str = "marée basse à Cayeux-sur-Mer";
/// Rows of the spreadsheet imported in each round.
const ROWS: usize = 400;
/// Scores changed in each round, one command each.
const SCORES: usize = 30;

/// The child: the app, driven through its IPC, printing each confirmed write.
#[test]
fn app_child() {
    let Some(dir) = std::env::var_os(CHILD).map(PathBuf::from) else {
        return; // Only when the kill test below runs this binary as its child.
    };
    let encrypted = std::env::var_os("CESP_APP_KILL_ENCRYPTED").is_some();
    let cells: Vec<(i64, i64, i64)> = std::fs::read_to_string(dir.join("cells.txt"))
        .expect("cells")
        .lines()
        .map(|l| {
            let v: Vec<i64> = l.split(',').map(|x| x.parse().expect("id")).collect();
            (v[0], v[1], v[2])
        })
        .collect();
    let state = AppState::new(
        &dir,
        dir.join("demo.cesp"),
        Backups {
            base: dir.join("sauvegardes"),
        },
        dir.to_path_buf(),
        // The e2e tests' scripted dialogs.
        Box::new(ScriptedDialogs::from_env().expect("CESP_DIALOG_SCRIPT")),
        None,
    );
    let window = crate::MockWindow::new(state);
    let call = |cmd: &str, body: Value| window.call(cmd, body);
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| {
        // Marked, because the test harness prints on the same stdout.
        writeln!(out, "\n{CONFIRMED}{line}").expect("stdout");
        out.flush().expect("flush");
    };

    call("set_operator", json!({ "name": "Claire Dumont" })).expect("operator");
    match call("open_campaign", json!({})) {
        Err(e) if e["code"] == "passphrase_required" => {
            call("unlock_campaign", json!({ "passphrase": FIRST_KEY })).expect("unlock")
        }
        other => other.expect("open"),
    };
    say("opened".into());
    call("import_pick_file", json!({})).expect("pick");
    let options = json!({ "options": {
        "sheet": null, "header_row": null, "mapping": null, "template": null,
        "resolutions": [], "prefer_file": false
    }});
    call("import_apply", options).expect("import");
    say("imported".into());
    for (m, c, k) in cells {
        let input = json!({ "input": {
            "member_id": m, "candidate_id": c, "criterion_id": k, "value": "0"
        }, "sitting": null });
        call("score_set", input).expect("score");
        say(format!("score {m},{c},{k}"));
    }
    let backups = call("backups_list", json!({})).expect("backups");
    let before_import = backups
        .as_array()
        .expect("list")
        .iter()
        .find(|b| b["reason"] == "Avant un import")
        .expect("the backup taken before the import")["file_name"]
        .clone();
    call("backup_restore", json!({ "fileName": before_import })).expect("restore");
    say("restored".into());
    let current = if encrypted {
        json!(FIRST_KEY)
    } else {
        Value::Null
    };
    let next = if encrypted { SECOND_KEY } else { FIRST_KEY };
    call(
        "set_passphrase",
        json!({ "current": current, "passphrase": next, "confirmation": next }),
    )
    .expect("passphrase");
    say("rekeyed".into());
}

/// One round: the child started in `dir`, killed after `delay` (`None`: left to finish);
/// returns the writes it confirmed, each with when it said so.
fn run_child(dir: &Path, encrypted: bool, delay: Option<Duration>) -> Vec<(String, Duration)> {
    let mut cmd = std::process::Command::new(std::env::current_exe().expect("test binary"));
    cmd.args([
        "kill_tests::app_child",
        "--exact",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD, dir)
    .env("CESP_DIALOG_SCRIPT", dir.join("dialogs.txt"))
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::null());
    if encrypted {
        cmd.env("CESP_APP_KILL_ENCRYPTED", "1");
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn the app");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| {
                l.strip_prefix(CONFIRMED)
                    .map(|w| (w.to_owned(), start.elapsed()))
            })
            .collect::<Vec<_>>()
    });
    match delay {
        Some(d) => {
            std::thread::sleep(d);
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
        }
        None => assert!(
            child.wait().expect("wait").success(),
            "the app's run failed"
        ),
    }
    reader.join().expect("reader")
}

/// The campaign after the kill: opened with whichever passphrase it now has.
fn reopen(path: &Path, rekeyed: bool, encrypted: bool, round: usize) -> Campaign {
    let first = Passphrase::given(FIRST_KEY).expect("key");
    let second = Passphrase::given(SECOND_KEY).expect("key");
    let tries: Vec<Option<&Passphrase>> = match (encrypted, rekeyed) {
        (false, false) => vec![None, Some(&first)],
        (false, true) => vec![Some(&first)],
        (true, false) => vec![Some(&first), Some(&second)],
        (true, true) => vec![Some(&second)],
    };
    let mut last = None;
    for key in tries {
        match Campaign::open_with(path, key) {
            Ok(c) => {
                if rekeyed {
                    assert!(
                        c.passphrase().is_some(),
                        "round {round}: encrypted as confirmed"
                    );
                }
                return c;
            }
            Err(e) => last = Some(e),
        }
    }
    panic!("round {round}: the campaign does not open: {last:?}");
}

#[test]
fn the_app_killed_at_any_moment_keeps_every_confirmed_write_and_no_half_of_any() {
    let rounds: usize = std::env::var("CESP_APP_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let work = tempfile::tempdir().expect("temp");
    let plain = work.path().join("démo.cesp");
    let cells_text;
    let base_candidates: i64;
    {
        let mut c =
            cesp_core::demo::create_at(&plain, cesp_core::demo::STORY_SIGNING_DAY).expect("demo");
        base_candidates = c.candidates().expect("candidates").len() as i64;
        // The demo's scores are validated: two candidates are reopened to be scored again.
        let validated: Vec<i64> = c
            .conn()
            .prepare("SELECT candidate FROM score_lock ORDER BY candidate LIMIT 2")
            .expect("locks")
            .query_map([], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        for id in validated {
            c.unlock_scores(id, "notes à reprendre", "Claire Dumont")
                .expect("unlock");
        }
        let mut stmt = c
            .conn()
            .prepare(
                "SELECT member, candidate, criterion FROM score \
                 WHERE value <> 0 AND candidate NOT IN (SELECT candidate FROM score_lock) \
                 ORDER BY candidate, member, criterion LIMIT ?1",
            )
            .expect("cells");
        let cells: Vec<String> = stmt
            .query_map([SCORES as i64], |r| {
                Ok(format!(
                    "{},{},{}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?
                ))
            })
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        assert_eq!(cells.len(), SCORES, "the demo has scores to change");
        cells_text = cells.join("\n");
    }
    let encrypted_copy = work.path().join("démo chiffrée.cesp");
    std::fs::copy(&plain, &encrypted_copy).expect("copy");
    {
        let mut c = Campaign::open(&encrypted_copy).expect("open");
        let key = Passphrase::given(FIRST_KEY).expect("key");
        c.change_passphrase(None, Some(&key), "Claire Dumont")
            .expect("encrypt");
    }
    let mut csv = String::from("NOM;Prénom;Catégorie;Discipline;N° INE\n");
    for i in 0..ROWS {
        csv.push_str(&format!("TUÉ{i};Zoé;Étudiant;Médecine;KIL{i:07}\n"));
    }
    let prepare = |round: usize, encrypted: bool| -> PathBuf {
        let dir = work.path().join(format!("r{round}"));
        std::fs::create_dir_all(&dir).expect("dir");
        let from = if encrypted { &encrypted_copy } else { &plain };
        std::fs::copy(from, dir.join("campagne.cesp")).expect("copy");
        std::fs::write(dir.join("candidats.csv"), &csv).expect("csv");
        std::fs::write(dir.join("cells.txt"), &cells_text).expect("cells");
        let answers = [dir.join("campagne.cesp"), dir.join("candidats.csv")];
        let answers: Vec<String> = answers.iter().map(|p| p.display().to_string()).collect();
        std::fs::write(dir.join("dialogs.txt"), answers.join("\n")).expect("dialogs");
        dir
    };

    // One full run of each kind tells when each stage ends here: opening, the import, the
    // scores, the encryption. Each round kills within one stage, in turn.
    let mut stages = [[Duration::ZERO; 6]; 2];
    for (i, encrypted) in [false, true].into_iter().enumerate() {
        let dir = prepare(1000 + i, encrypted);
        let lines = run_child(&dir, encrypted, None);
        let at = |what: &str| lines.iter().find(|(l, _)| l == what).map(|(_, t)| *t);
        stages[i] = [
            Duration::ZERO,
            at("opened").expect("opened"),
            at("imported").expect("imported"),
            lines[lines.len() - 3].1,
            at("restored").expect("restored"),
            at("rekeyed").expect("rekeyed"),
        ];
        let c = reopen(&dir.join("campagne.cesp"), true, encrypted, 1000 + i);
        assert_eq!(
            c.candidates().expect("candidates").len() as i64,
            base_candidates,
            "the restore took the campaign back before the import"
        );
    }

    let mut seed: u64 = 0x0A99_2026;
    let mut tally = std::collections::BTreeMap::<&str, usize>::new();
    for round in 0..rounds {
        let encrypted = round % 2 == 1;
        let dir = prepare(round, encrypted);
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let stage = (round / 2) % 5;
        let (from, to) = (stages[round % 2][stage], stages[round % 2][stage + 1]);
        // Up to 5 % past the stage's end, since a run is never exactly as fast twice.
        let delay = from + (to - from).mul_f64(((seed >> 33) % 1050) as f64 / 1000.0);
        let lines: Vec<String> = run_child(&dir, encrypted, Some(delay))
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        let confirmed = |what: &str| lines.iter().any(|l| l == what);

        let c = reopen(
            &dir.join("campagne.cesp"),
            confirmed("rekeyed"),
            encrypted,
            round,
        );
        let check: String = c
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity");
        assert_eq!(check, "ok", "round {round}: integrity");
        assert!(
            c.verify_journal().expect("journal").intact,
            "round {round}: journal"
        );
        let n = c.candidates().expect("candidates").len() as i64;
        let imported = n == base_candidates + ROWS as i64;
        assert!(
            imported || n == base_candidates,
            "round {round}: {n} candidates, half an import"
        );
        // The restore is whole or absent: its journal entry goes with the restored
        // content, and the journal it carries forward keeps the import's line.
        let journal = c.journal(100_000).expect("journal");
        let restored = journal.iter().any(|r| r.action == "backup.restore");
        assert!(
            restored || !confirmed("restored"),
            "round {round}: a confirmed restore lost"
        );
        assert!(
            !restored || !imported,
            "round {round}: restore journaled but the import still there"
        );
        assert!(
            imported || restored || !confirmed("imported"),
            "round {round}: a confirmed import lost"
        );
        assert_eq!(
            journal.iter().any(|r| r.action == "import.apply"),
            imported || restored,
            "round {round}: the import's journal line"
        );
        let batches: i64 = c
            .conn()
            .query_row("SELECT count(*) FROM import_batch", [], |r| r.get(0))
            .expect("batches");
        assert_eq!(
            batches,
            i64::from(imported),
            "round {round}: batch and rows together"
        );
        for line in lines
            .iter()
            .filter_map(|l| l.strip_prefix("score "))
            .filter(|_| !restored)
        {
            let ids: Vec<i64> = line.split(',').map(|x| x.parse().expect("id")).collect();
            let value: i64 = c
                .conn()
                .query_row(
                    "SELECT value FROM score WHERE member = ?1 AND candidate = ?2 AND criterion = ?3",
                    [ids[0], ids[1], ids[2]],
                    |r| r.get(0),
                )
                .expect("score");
            assert_eq!(value, 0, "round {round}: confirmed score {line} lost");
        }
        let stage = match lines.last().map(String::as_str) {
            None => "before opening",
            Some("opened") => "during the import",
            Some("imported") => "during the scores",
            Some(l) if l.starts_with("score") && lines.len() < 2 + SCORES => "during the scores",
            Some(l) if l.starts_with("score") => "during the restore",
            Some("restored") => "during the encryption",
            _ => "after the end",
        };
        *tally.entry(stage).or_default() += 1;
        drop(c);
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!(
        "app kill test: {rounds} rounds, runs of {:?} (plain) and {:?} (encrypted), killed {tally:?}",
        stages[0][5], stages[1][5]
    );
    for stage in [
        "during the import",
        "during the scores",
        "during the restore",
        "during the encryption",
    ] {
        assert!(
            rounds < 50 || tally.get(stage).copied().unwrap_or(0) > 0,
            "no kill {stage}: {tally:?}"
        );
    }
}
