//! Benchmark of every command the window calls, on a large campaign (issue 25): the
//! shell's own commands through Tauri's mock runtime (the same handlers, state and
//! arguments as the window's IPC), the campaign opened through « Ouvrir » with its dialog
//! answered by a script. Each command is called after a warm-up, 30 times (10 when a call
//! takes more than 150 ms, 3 past a second), and one line says its p50, its p95 and its
//! budget: 50 ms, or 150 ms for those that show thousands of rows.
//!
//! Does nothing unless `CESP_COMMAND_BENCH` names a campaign file (a copy is used; the
//! file is never written). `benches/commands.sh` makes the campaigns and runs it:
//!
//! ```sh
//! CESP_COMMAND_BENCH=/tmp/c.cesp CARGO_TARGET_DIR=/work/target-bench \
//!   cargo test --release -p cesp-commission command_bench -- --nocapture
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cesp_core::backup::Backups;
use cesp_core::Campaign;
use serde_json::{json, Value};
use tauri::Manager;

use crate::dialogs::ScriptedDialogs;
use crate::state::AppState;

/// The budget of a command that answers about one thing.
const ONE: u64 = 50;
/// The budget of a list or table of thousands of rows.
const LIST: u64 = 150;

/// The app under test and what it printed.
struct Bench {
    window: crate::MockWindow,
    dir: PathBuf,
    script: PathBuf,
    lines: Vec<String>,
    missed: Vec<String>,
    /// The times, from the call to their end, of the jobs the last command started: the
    /// window goes on meanwhile, so they are said, not held to a budget.
    background: std::cell::RefCell<Vec<Duration>>,
}

/// The `q`-quantile of sorted samples (nearest rank).
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl Bench {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        self.window.call(cmd, body)
    }

    /// One call that must succeed (untimed set-up).
    fn ok(&self, cmd: &str, body: Value) -> Value {
        self.call(cmd, body)
            .unwrap_or_else(|e| panic!("{cmd} refused: {e}"))
    }

    /// One call, timed until the answer is ready to go to the window (its JSON text:
    /// reading it back into values is the bench's work, not the app's); a refusal is
    /// returned as such. A command that starts a job answers at once: the job is then
    /// waited for, its time until it ended kept apart ([`Bench::background`]), and its
    /// result returned.
    fn timed(&self, cmd: &str, body: Value) -> (Duration, Result<Value, Value>) {
        let t = Instant::now();
        let r = self.window.call_raw(cmd, body);
        let elapsed = t.elapsed();
        let r = r.map(|b| b.deserialize::<Value>().expect("json"));
        match r.as_ref().ok().and_then(crate::MockWindow::job) {
            Some(id) => {
                let r = self.window.job_done(id);
                self.background.borrow_mut().push(t.elapsed());
                (elapsed, r)
            }
            None => (elapsed, r),
        }
    }

    /// The next dialogs answer `paths`, in order.
    fn answer(&self, paths: &[&Path]) {
        let lines: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        std::fs::write(&self.script, lines.join("\n")).expect("dialog script");
    }

    /// A scratch path in the bench's folder.
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// One line for `name` from its samples.
    fn report(&mut self, name: &str, budget: u64, samples: &mut [Duration], note: &str) {
        samples.sort();
        let (p50, p95) = (quantile(samples, 0.5), quantile(samples, 0.95));
        let met = ms(p95) <= budget as f64;
        let line = format!(
            "{name:<28} p50 {:>9.2} ms   p95 {:>9.2} ms   budget {budget:>3} ms  {}  ({} calls, slowest {:.2} ms){}",
            ms(p50),
            ms(p95),
            if met { "✔" } else { "✘" },
            samples.len(),
            ms(samples.last().copied().unwrap_or_default()),
            if note.is_empty() {
                String::new()
            } else {
                format!(" — {note}")
            }
        );
        println!("{line}");
        if !met {
            self.missed.push(name.to_owned());
        }
        self.lines.push(line);
    }

    /// How many calls a command gets, from its first (warm-up) call.
    fn calls_for(first: Duration) -> usize {
        match ms(first) {
            t if t > 1000.0 => 3,
            t if t > 150.0 => 10,
            _ => 30,
        }
    }

    /// Times `cmd`: the i-th call's arguments are `args(i)` (i = 0 is the warm-up, not
    /// counted; fast commands get two more). A refusal stops the command's series and is
    /// printed in its place.
    fn run(&mut self, cmd: &str, budget: u64, args: impl FnMut(&Bench, usize) -> Value) {
        self.run_as(cmd, cmd, budget, args)
    }

    /// [`Bench::run`], the line named `label` (one command called two ways).
    fn run_as(
        &mut self,
        label: &str,
        cmd: &str,
        budget: u64,
        mut args: impl FnMut(&Bench, usize) -> Value,
    ) {
        self.background.borrow_mut().clear();
        let a = args(self, 0);
        let (first, r) = self.timed(cmd, a);
        if let Err(e) = r {
            return self.refused(label, &e);
        }
        // A job's calls are as many as its whole work allows.
        let whole = self.background.borrow().last().copied().unwrap_or(first);
        let n = Self::calls_for(whole);
        let warm = if n == 30 { 3 } else { 1 };
        let mut samples = Vec::with_capacity(n);
        for i in 1..warm + n {
            let a = args(self, i);
            let (t, r) = self.timed(cmd, a);
            if let Err(e) = r {
                return self.refused(label, &e);
            }
            if i >= warm {
                samples.push(t);
            }
        }
        self.report(label, budget, &mut samples, "");
        // The warm-up calls' jobs are not counted, as their answers are not.
        let mut ended: Vec<Duration> = self.background.take().into_iter().skip(warm).collect();
        if !ended.is_empty() {
            ended.sort();
            let line = format!(
                "  └ in the background until done: p50 {:>9.2} ms   p95 {:>9.2} ms",
                ms(quantile(&ended, 0.5)),
                ms(quantile(&ended, 0.95))
            );
            // Said, not counted as a command.
            println!("{line}");
        }
    }

    /// A command refused where the bench expected an answer: said, and counted as missed.
    fn refused(&mut self, cmd: &str, e: &Value) {
        let line = if e["message"].is_null() {
            format!("{cmd:<28} REFUSED: {e}")
        } else {
            format!("{cmd:<28} REFUSED: {} ({})", e["message"], e["code"])
        };
        println!("{line}");
        self.missed.push(format!("{cmd} (refused)"));
        self.lines.push(line);
    }

    /// Times a command whose answer is a refusal by design (`code`).
    fn refusal(&mut self, cmd: &str, body: Value, code: &str, note: &str) {
        let mut samples = Vec::new();
        for i in 0..33 {
            let (t, r) = self.timed(cmd, body.clone());
            match r {
                Err(e) if e["code"] == code => {}
                other => panic!("{cmd}: expected the refusal {code}, got {other:?}"),
            }
            if i >= 3 {
                samples.push(t);
            }
        }
        self.report(cmd, ONE, &mut samples, note);
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.window.app.state::<AppState>()
    }
}

/// A call of the bench in a sequence measured by hand (`samples[name]`).
struct Series(Vec<(String, u64, Vec<Duration>)>);

impl Series {
    fn new(names: &[(&str, u64)]) -> Series {
        Series(
            names
                .iter()
                .map(|(n, b)| ((*n).to_owned(), *b, Vec::new()))
                .collect(),
        )
    }

    /// Calls `cmd` (one of the series), keeps its time unless `warm`, returns its answer.
    fn call(&mut self, b: &Bench, cmd: &str, body: Value, warm: bool) -> Value {
        let (t, r) = b.timed(cmd, body);
        let v = r.unwrap_or_else(|e| panic!("{cmd} refused: {e}"));
        if !warm {
            let s = self
                .0
                .iter_mut()
                .find(|s| s.0 == cmd)
                .expect("in the series");
            s.2.push(t);
        }
        v
    }

    fn report(self, b: &mut Bench) {
        for (name, budget, mut samples) in self.0 {
            b.report(&name, budget, &mut samples, "");
        }
    }
}

/// Rows of a query on the campaign (read-only, for the bench's fixtures).
fn ids(c: &Campaign, sql: &str) -> Vec<i64> {
    let mut stmt = c.conn().prepare(sql).expect("query");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect()
}

fn one(c: &Campaign, sql: &str) -> i64 {
    *ids(c, sql)
        .first()
        .unwrap_or_else(|| panic!("no row for {sql}"))
}

/// Numbers of a form typed as text, as the window sends them ("2,5").
fn typed(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.to_string().replace('.', ",")),
        other => other.clone(),
    }
}

#[test]
fn command_bench() {
    let Some(source) = std::env::var_os("CESP_COMMAND_BENCH").map(PathBuf::from) else {
        return; // Only when benches/commands.sh names a campaign.
    };
    let work = tempfile::tempdir().expect("temp");
    let dir = work.path().to_path_buf();
    let file = dir.join("campagne.cesp");
    std::fs::copy(&source, &file).expect("copy the campaign");
    // Another copy, for the merge.
    let other = dir.join("copie de la campagne.cesp");
    std::fs::copy(&source, &other).expect("copy");
    let script = dir.join("dialogs.txt");
    std::env::set_var("CESP_DIALOG_SCRIPT", &script);
    std::env::set_var("XDG_DATA_HOME", dir.join("data"));

    // The fixtures, read before the app opens the file.
    let f = {
        let c = Campaign::open_read_only(&file).expect("open");
        Fixtures {
            candidates: one(&c, "SELECT COUNT(*) FROM candidate"),
            members: ids(&c, "SELECT id FROM member ORDER BY id"),
            criteria: ids(
                &c,
                "SELECT id FROM criterion WHERE source = 'members' ORDER BY id",
            ),
            academic: one(
                &c,
                "SELECT id FROM criterion WHERE source = 'academic' ORDER BY id",
            ),
            // Heard, scored, not validated: the secretary corrects a score.
            open: one(
                &c,
                "SELECT candidate FROM hearing WHERE candidate NOT IN (SELECT candidate FROM score_lock) \
                 AND candidate NOT IN (SELECT candidate FROM recusal) ORDER BY candidate",
            ),
            // Planned, not heard (absent at the interview).
            unheard: ids(
                &c,
                "SELECT candidate FROM interview WHERE candidate NOT IN (SELECT candidate FROM hearing) ORDER BY candidate",
            ),
            // A received piece of a validated candidate's dossier.
            piece: {
                let mut stmt = c
                    .conn()
                    .prepare(
                        "SELECT candidate, piece FROM piece_status WHERE status = 'received' \
                         AND candidate IN (SELECT candidate FROM score_lock) ORDER BY candidate DESC, piece LIMIT 1",
                    )
                    .expect("query");
                stmt.query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .expect("a piece")
            },
            sittings: ids(&c, "SELECT id FROM sitting ORDER BY date"),
        }
    };

    let state = AppState::new(
        &dir,
        dir.join("data/Campagne de démonstration.cesp"),
        Backups {
            base: dir.join("sauvegardes"),
        },
        dir.clone(),
        // The e2e tests' scripted dialogs.
        Box::new(ScriptedDialogs::from_env().expect("CESP_DIALOG_SCRIPT")),
        None,
    );
    let mut b = Bench {
        window: crate::MockWindow::new(state),
        dir,
        script,
        lines: Vec::new(),
        missed: Vec::new(),
        background: Default::default(),
    };
    println!(
        "\ncommand bench: {} ({} candidates), {} cores",
        source.display(),
        f.candidates,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    b.ok("set_operator", json!({ "name": "Claire Dumont" }));
    b.answer(&[&file]);
    let t = Instant::now();
    b.ok("open_campaign", json!({}));
    println!(
        "first opening (backup of the file included): {:.0} ms",
        ms(t.elapsed())
    );

    println!("\n— Reading (what each screen loads) —");
    reads(&mut b, &f);
    println!("\n— Writing (what each screen changes) —");
    writes(&mut b, &f);
    println!("\n— Files, dialogs answered by a script —");
    files(&mut b, &f, &other);
    println!("\n— The connected sitting —");
    room(&mut b, &f);
    println!("\n— Opening, closing, encryption, new campaigns —");
    sessions(&mut b, &file);
    println!("\n— Last: what changes the whole campaign —");
    last(&mut b, &f, &file);

    println!("\nNot run here (each needs something outside the app):");
    for (cmd, why) in SKIPPED {
        println!("  {cmd:<26} {why}");
    }
    println!(
        "\n{} commands measured, {} over budget{}",
        b.lines.len(),
        b.missed.len(),
        if b.missed.is_empty() {
            String::new()
        } else {
            format!(": {}", b.missed.join(", "))
        }
    );
}

/// Commands the bench does not call, and why.
const SKIPPED: &[(&str, &str)] = &[
    (
        "open_backups_folder",
        "opens the system's file manager on the backups folder",
    ),
    (
        "attachment_open",
        "opens a piece in the system's viewer (its read: attachment_pick's dossier)",
    ),
    (
        "mail_test, mail_send",
        "need an SMTP server: benches/mail.sh (200 convocations in 1.84 s)",
    ),
    (
        "minutes_sign",
        "needs a member's .p12 certificate: benches/signatures.sh (13.7 ms a signature)",
    ),
];

struct Fixtures {
    candidates: i64,
    members: Vec<i64>,
    criteria: Vec<i64>,
    academic: i64,
    open: i64,
    unheard: Vec<i64>,
    piece: (i64, i64),
    sittings: Vec<i64>,
}

/// Every read command of the campaign's screens.
fn reads(b: &mut Bench, f: &Fixtures) {
    let none = |_: &Bench, _| json!({});
    b.run("get_session", ONE, none);
    b.run("campaign_summary", ONE, none);
    b.run("candidates", LIST, none);
    b.run("candidate_names", LIST, none);
    b.run("members", ONE, none);
    b.run("sittings", ONE, none);
    b.run("rules_get", ONE, none);
    b.run("score_board", LIST, none);
    // What the scoring screen asks for: one sitting's candidates.
    let sitting = f.sittings[f.sittings.len() / 2];
    b.run_as(
        "score_board (one sitting)",
        "score_board",
        ONE,
        |_, _| json!({ "scope": { "sitting": sitting, "candidate": null } }),
    );
    b.run("grid", ONE, none);
    b.run("academic_values", LIST, none);
    b.run("ranking", LIST, none);
    b.run_as(
        "ranking (one sitting)",
        "ranking",
        ONE,
        |_, _| json!({ "scope": { "sitting": sitting, "candidate": null } }),
    );
    // What the ranking's screen asks for: its table, then one candidate's details.
    b.run_as(
        "ranking (table)",
        "ranking",
        LIST,
        |_, _| json!({ "scope": { "summary": true } }),
    );
    b.run_as(
        "ranking (one candidate)",
        "ranking",
        ONE,
        |_, _| json!({ "scope": { "candidate": f.open } }),
    );
    b.run("pieces", ONE, none);
    b.run("dossiers", LIST, none);
    b.run("dossier", ONE, |_, _| json!({ "candidate": f.open }));
    b.run("schedule_setup", ONE, none);
    b.run("schedule", LIST, none);
    b.run(
        "schedule_targets",
        LIST,
        |_, _| json!({ "candidate": f.unheard[0] }),
    );
    b.run("schedule_preview", LIST, none);
    b.run("allocation_rules", ONE, none);
    b.run("allocation", LIST, |_, _| json!({ "scenario": null }));
    let scenario = json!({ "scenario": {
        "quotas": {
            "student": { "medicine": "120", "odontology": "30" },
            "intern": { "medicine": "100", "odontology": "10" },
            "padhue": { "medicine": "5", "odontology": "0" }
        },
        "min_total": "12"
    }});
    b.run_as("allocation (scenario)", "allocation", LIST, |_, _| {
        scenario.clone()
    });
    b.run("allocation_specialties", ONE, none);
    b.run("allocation_runs", ONE, none);
    b.run("bilan", ONE, none);
    // The window's first page (then « Afficher plus » asks 200 more each time).
    let filter =
        json!({ "filter": { "from": "", "to": "", "person": null, "kind": null, "limit": 200 } });
    b.run("journal_search", LIST, |_, _| filter.clone());
    b.run("mails", LIST, |_, _| json!({ "candidate": null }));
    b.run("mail_settings", ONE, none);
    b.run(
        "mail_preview",
        LIST,
        |_, _| json!({ "request": { "kind": "convocations", "return_by": "" } }),
    );
    b.run("minutes", LIST, none);
    b.run("retention", ONE, none);
    b.run("backups_list", ONE, none);
    b.run("import_history", ONE, none);
    b.run("mapping_templates", ONE, none);
    b.run("field_catalogue", ONE, none);
    b.run("places_get", ONE, none);
    b.run("about", ONE, none);
    b.run("blank_settings", ONE, none);
    b.run("letters_return_by", ONE, none);
    b.run("room_interfaces", ONE, none);
    b.run("room_status", ONE, none);
    let quotas = json!({
        "student": { "medicine": "120", "odontology": "30" },
        "intern": { "medicine": "100", "odontology": "10" },
        "padhue": { "medicine": "5", "odontology": "0" }
    });
    b.run("quotas_total", ONE, |_, _| json!({ "quotas": quotas }));
    let settings = b.ok("campaign_summary", json!({}))["settings"].clone();
    b.run(
        "read_settings",
        ONE,
        |_, _| json!({ "settings": settings, "quotas": quotas }),
    );
    let blocks = grid_blocks(b);
    b.run("grid_block_max", ONE, |_, _| json!({ "blocks": blocks }));
    b.run(
        "set_window_title",
        ONE,
        |_, i| json!({ "campaign": format!("Campagne {i}") }),
    );
    let _ = f;
}

/// The grid as the editor sends it back (numbers as typed).
fn grid_blocks(b: &Bench) -> Value {
    let board = b.ok("score_board", json!({}));
    let blocks: Vec<Value> = board["grid"]["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|bl| {
            json!({
                "code": bl["code"],
                "label": bl["label"],
                "criteria": bl["criteria"].as_array().expect("criteria").iter().map(|k| json!({
                    "label": k["label"], "source": k["source"],
                    "scale_max": typed(&k["scale_max"]), "step": typed(&k["step"]),
                    "weight": typed(&k["weight"]), "low": k["low"], "middle": k["middle"], "high": k["high"],
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!(blocks)
}

/// Every write of the campaign's screens, each one realistic and undone or alternated
/// so that every call changes something.
fn writes(b: &mut Bench, f: &Fixtures) {
    let chair = f.members[0];
    let sitting_of_open: i64 = b
        .state()
        .with_campaign(|c| {
            Ok(c.conn()
                .query_row(
                    "SELECT sitting FROM hearing WHERE candidate = ?1",
                    [f.open],
                    |r| r.get(0),
                )
                .map_err(cesp_core::Error::from)?)
        })
        .expect("hearing");
    b.run("score_set", ONE, |_, i| {
        json!({ "input": {
            "member_id": chair, "candidate_id": f.open, "criterion_id": f.criteria[i % f.criteria.len()],
            "value": if i % 2 == 0 { "3" } else { "3,5" }
        }, "sitting": sitting_of_open })
    });
    let (cand, piece) = f.piece;
    b.run("pieces_set", ONE, |_, i| {
        let update = if i % 2 == 0 {
            json!({ "status": "missing", "received_on": "", "reason": "" })
        } else {
            json!({ "status": "received", "received_on": "20/11/2026", "reason": "" })
        };
        json!({ "candidate": cand, "changes": [{ "piece": piece, "update": update }] })
    });
    b.run("candidate_set_field", ONE, |_, i| {
        json!({ "id": f.open, "field": "phone", "text": if i % 2 == 0 { "06 12 34 56 78" } else { "06 98 76 54 32" } })
    });
    b.run("eligibility_override", ONE, |_, i| {
        json!({ "candidate": cand, "eligible": if i % 2 == 0 { json!(false) } else { Value::Null },
                "reason": "pièce d'identité illisible" })
    });
    b.run("academic_override", ONE, |_, i| {
        json!({ "candidate": f.open, "criterion": f.academic,
                "value": if i % 2 == 0 { "4" } else { "" }, "reason": "moyenne obtenue à l'étranger" })
    });
    let mut s = Series::new(&[("scores_lock", ONE), ("scores_unlock", ONE)]);
    for i in 0..33 {
        s.call(b, "scores_lock", json!({ "candidates": [f.open] }), i < 3);
        s.call(
            b,
            "scores_unlock",
            json!({ "candidate": f.open, "reason": "note à reprendre" }),
            i < 3,
        );
    }
    s.report(b);
    let unheard = f.unheard[0];
    b.run("hearing_set", ONE, |_, i| {
        json!({ "candidate": unheard, "sitting": if i % 2 == 0 { json!(f.sittings[0]) } else { Value::Null } })
    });
    b.run("recusals", ONE, |_, _| json!({}));
    b.run(
        "recusal_scores",
        ONE,
        |_, _| json!({ "member": f.members[0], "candidate": f.open }),
    );
    let mut s = Series::new(&[("recusal_add", ONE), ("recusal_remove", ONE)]);
    for i in 0..33 {
        s.call(
            b,
            "recusal_add",
            json!({ "member": f.members[3], "candidate": unheard, "reason": "lien familial" }),
            i < 3,
        );
        s.call(
            b,
            "recusal_remove",
            json!({ "member": f.members[3], "candidate": unheard }),
            i < 3,
        );
    }
    s.report(b);
    let mut s = Series::new(&[
        ("sitting_add", ONE),
        ("sitting_update", ONE),
        ("attendance_set", ONE),
        ("sitting_remove", ONE),
    ]);
    for i in 0..33 {
        let date = format!("{:02}/07/2027", 1 + i % 28);
        let id = s.call(
            b,
            "sitting_add",
            json!({ "input": { "date": date, "start_time": "9 h", "place": "Salle B" } }),
            i < 3,
        );
        s.call(
            b,
            "sitting_update",
            json!({ "id": id, "input": { "date": date, "start_time": "14 h", "place": "Salle C" } }),
            i < 3,
        );
        s.call(
            b,
            "attendance_set",
            json!({ "sitting": id, "member": chair, "status": "present" }),
            i < 3,
        );
        s.call(b, "sitting_remove", json!({ "id": id }), i < 3);
    }
    s.report(b);
    let mut s = Series::new(&[
        ("member_add", ONE),
        ("member_update", ONE),
        ("member_remove", ONE),
    ]);
    for i in 0..33 {
        let input =
            json!({ "name": "Mme Lucie BANC", "role": "physician", "voting": false, "email": "" });
        let id = s.call(b, "member_add", json!({ "input": input }), i < 3);
        s.call(
            b,
            "member_update",
            json!({ "id": id, "input": { "name": "Mme Lucie BANC", "role": "physician", "voting": false, "email": "l.banc@chu.fr" } }),
            i < 3,
        );
        s.call(b, "member_remove", json!({ "id": id }), i < 3);
    }
    s.report(b);
    let rules = b.ok("rules_get", json!({}))["rules"].clone();
    b.run("rules_update", ONE, |_, i| {
        let mut r = serde_json::Map::new();
        for (k, v) in rules.as_object().expect("rules") {
            r.insert(k.clone(), typed(v));
        }
        r.insert(
            "disagreement_percent".into(),
            json!(if i % 2 == 0 { "25" } else { "20" }),
        );
        json!({ "rules": r })
    });
    let pieces = b.ok("pieces", json!({}));
    b.run("pieces_save", ONE, |_, i| {
        let input: Vec<Value> = pieces
            .as_array()
            .expect("pieces")
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let label = match (k, i % 2) {
                    (0, 1) => format!("{} ", p["label"].as_str().expect("label")),
                    _ => p["label"].as_str().expect("label").to_owned(),
                };
                json!({ "id": p["id"], "label": label, "mandatory": p["mandatory"],
                        "categories": p["categories"], "condition": p["condition"] })
            })
            .collect();
        json!({ "input": input })
    });
    b.run(
        "retention_set",
        ONE,
        |_, i| json!({ "months": if i % 2 == 0 { "18" } else { "12" } }),
    );
    let mail = b.ok("mail_settings", json!({}))["settings"].clone();
    b.run("mail_settings_save", ONE, |_, i| {
        let mut m = mail.clone();
        m["host"] = json!("smtp.univ-exemple.fr");
        m["sender_address"] = json!("scolarite.cesp@univ-exemple.fr");
        m["sender_name"] = json!(if i % 2 == 0 {
            "Scolarité CESP"
        } else {
            "Scolarité"
        });
        json!({ "settings": m, "password": null })
    });
    let summary = b.ok("campaign_summary", json!({}));
    b.run("update_settings", ONE, |_, i| {
        let mut s = summary["settings"].clone();
        s["managing_body"] = json!(if i % 2 == 0 {
            "CNG"
        } else {
            "Centre national de gestion (CNG)"
        });
        json!({ "settings": s })
    });
    // Three candidates typed in, removed with « Supprimer », then « Annuler ».
    let mut s = Series::new(&[
        ("candidate_add", ONE),
        ("candidates_delete", ONE),
        ("candidates_restore", ONE),
    ]);
    for i in 0..33 {
        let row = s.call(
            b,
            "candidate_add",
            json!({ "inputs": [
                { "field": "last_name", "text": format!("BANC-ESSAI {i}") },
                { "field": "first_names", "text": "Léa" },
                { "field": "category", "text": "Étudiant" },
                { "field": "discipline", "text": "Médecine" }
            ]}),
            i < 3,
        );
        let deleted = s.call(b, "candidates_delete", json!({ "ids": [row["id"]] }), i < 3);
        s.call(
            b,
            "candidates_restore",
            json!({ "deleted": deleted }),
            i < 3,
        );
    }
    s.report(b);
    // The plan: a candidate moved by hand to a free slot, pinned, freed, put back.
    let view = b.ok("schedule", json!({}));
    let interview = view["interviews"]
        .as_array()
        .expect("interviews")
        .iter()
        .find(|iv| iv["candidate_id"] == json!(f.unheard[1]))
        .expect("an interview")
        .clone();
    let targets = b.ok("schedule_targets", json!({ "candidate": f.unheard[1] }));
    let free = targets
        .as_array()
        .expect("targets")
        .iter()
        .find(|t| {
            t["conflicts"].as_array().is_some_and(|c| c.is_empty())
                && t["date"] != interview["date"]
        })
        .or_else(|| targets.as_array().and_then(|t| t.first()))
        .expect("a target")
        .clone();
    let mut s = Series::new(&[
        ("schedule_move", LIST),
        ("schedule_pin", LIST),
        ("schedule_free", LIST),
    ]);
    for i in 0..13 {
        let (to, back) = (&free, &interview);
        s.call(
            b,
            "schedule_move",
            json!({ "candidate": f.unheard[1], "jury": to["jury_id"], "date": to["date"], "start": hm(&to["start"]) }),
            i < 1,
        );
        s.call(
            b,
            "schedule_pin",
            json!({ "candidate": f.unheard[1], "pinned": false }),
            i < 1,
        );
        s.call(
            b,
            "schedule_free",
            json!({ "candidate": f.unheard[1] }),
            i < 1,
        );
        s.call(
            b,
            "schedule_move",
            json!({ "candidate": f.unheard[1], "jury": back["jury_id"], "date": back["date"], "start": hm(&back["start"]) }),
            true,
        );
    }
    s.report(b);
    let setup = b.ok("schedule_setup", json!({}));
    b.run("schedule_setup_set", LIST, |_, i| {
        let mut s = serde_json::Map::new();
        for (k, v) in setup.as_object().expect("setup") {
            s.insert(k.clone(), typed(v));
        }
        s.insert("preferences".into(), json!([]));
        s.insert(
            "contact".into(),
            json!(if i % 2 == 0 {
                "Scolarité, 03 22 82 77 00"
            } else {
                "Scolarité de l'UFR"
            }),
        );
        json!({ "setup": s })
    });
    let withdrawn = f.unheard[2..].to_vec();
    b.run("schedule_withdraw", LIST, |_, i| {
        json!({ "candidate": withdrawn[i % withdrawn.len()], "reason": "désistement par courriel" })
    });
    b.run("schedule_plan", LIST, |_, _| json!({ "replan": true }));
    // The lists: a decision overridden and back, a withdrawal, the lists recorded.
    let allocation = b.ok("allocation", json!({ "scenario": null }));
    let mains: Vec<Value> = allocation["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| {
            g["main"]
                .as_array()
                .expect("main")
                .iter()
                .map(|d| d["candidate_id"].clone())
        })
        .collect();
    let last_main = mains.last().expect("a main list").clone();
    b.run("allocation_override", LIST, |_, i| {
        json!({ "candidate": last_main,
                "outcome": if i % 2 == 0 { json!("not_retained") } else { Value::Null },
                "reason": "décision de la commission" })
    });
    let rules = b.ok("allocation_rules", json!({}));
    b.run(
        "allocation_rules_set",
        LIST,
        |_, _| json!({ "rules": rules }),
    );
    b.run(
        "allocation_specialties_set",
        LIST,
        |_, _| json!({ "rows": [] }),
    );
    let mains = mains.clone();
    b.run("allocation_withdraw", LIST, |_, i| {
        json!({ "candidate": mains[(i + 5) % mains.len()], "date": "10/03/2027", "notReturned": false,
                "reason": "désistement par courrier" })
    });
    b.run(
        "allocation_record",
        ONE,
        |_, i| json!({ "reason": format!("Séance de délibération n° {i}") }),
    );
    // A tie settled by a vote: the order voted for two of the lists' candidates, again.
    let tied: Vec<i64> = b
        .state()
        .with_campaign(|c| Ok(ids(c, "SELECT candidate FROM tie_vote ORDER BY position")))
        .expect("ties");
    if tied.len() > 1 {
        b.run(
            "allocation_tie_vote",
            LIST,
            |_, _| json!({ "order": tied, "reason": "vote à main levée, 5 voix contre 1" }),
        );
    }
    b.run(
        "set_operator",
        ONE,
        |_, _| json!({ "name": "Claire Dumont" }),
    );
    b.run(
        "welcome_done",
        ONE,
        |_, _| json!({ "operator": "Claire Dumont" }),
    );
    b.run("save_mapping_template", ONE, |_, i| {
        json!({ "template": { "name": format!("Export scolarité {}", i % 3), "columns": [
            { "header": "NOM", "field": "last_name" }, { "header": "Prénom", "field": "first_names" }
        ]}})
    });
    b.run(
        "delete_mapping_template",
        ONE,
        |_, i| json!({ "name": format!("Export scolarité {}", i % 3) }),
    );
    b.run(
        "forget_recent",
        ONE,
        |_, _| json!({ "path": "/nulle/part.cesp" }),
    );
    b.run("forget_requested", ONE, |_, _| json!({}));
    b.run("import_cancel", ONE, |_, _| json!({}));
    b.run("mail_cancel", ONE, |_, _| json!({}));
}

/// The commands that read or write a file the user chose in a dialog.
fn files(b: &mut Bench, f: &Fixtures, other: &Path) {
    let out = b.path("exports");
    std::fs::create_dir_all(&out).expect("dir");
    let each = |name: &'static str| {
        let out = out.clone();
        move |b: &Bench, i: usize| {
            let p = out.join(format!("{i}-{name}"));
            b.answer(&[&p]);
            json!({})
        }
    };
    b.run_as(
        "candidates_export (xlsx)",
        "candidates_export",
        LIST,
        |b, i| {
            let p = out.join(format!("{i}-candidats.xlsx"));
            b.answer(&[&p]);
            json!({ "format": "xlsx" })
        },
    );
    b.run_as(
        "candidates_export (csv)",
        "candidates_export",
        LIST,
        |b, i| {
            let p = out.join(format!("{i}-candidats.csv"));
            b.answer(&[&p]);
            json!({ "format": "csv" })
        },
    );
    b.run("journal_export", LIST, |b, i| {
        let p = out.join(format!("{i}-journal.xlsx"));
        b.answer(&[&p]);
        json!({ "filter": { "from": "", "to": "", "person": null, "kind": null, "limit": null } })
    });
    b.run("bilan_pdf", ONE, each("bilan.pdf"));
    b.run("bilan_xlsx", ONE, each("bilan.xlsx"));
    b.run("schedule_timetable", LIST, each("planning.pdf"));
    b.run("schedule_xlsx", LIST, each("planning.xlsx"));
    b.run("allocation_export", LIST, each("listes.xlsx"));
    b.run("minutes_export", LIST, |b, i| {
        let p = out.join(format!("{i}-pv.pdf"));
        b.answer(&[&p]);
        json!({ "version": null })
    });
    b.run("mail_unreachable_export", LIST, |b, i| {
        let p = out.join(format!("{i}-lettres.pdf"));
        b.answer(&[&p]);
        json!({ "request": { "kind": "convocations", "return_by": "" } })
    });
    let folder = |name: &'static str| {
        let out = out.clone();
        move |b: &Bench, i: usize| {
            let d = out.join(format!("{i}-{name}"));
            std::fs::create_dir_all(&d).expect("dir");
            b.answer(&[&d]);
        }
    };
    let lettres = folder("lettres");
    // Twenty incomplete dossiers: their missing pieces are asked for.
    let missing: Vec<i64> = b
        .state()
        .with_campaign(|c| {
            Ok(c.dossiers()?
                .into_iter()
                .filter(|d| d.eligibility.status == cesp_core::dossier::Eligibility::Incomplete)
                .map(|d| d.candidate_id)
                .take(20)
                .collect())
        })
        .expect("missing");
    b.run("letters_write", ONE, |b, i| {
        lettres(b, i);
        json!({ "kind": "missing_pieces", "candidates": missing, "returnBy": b.ok("letters_return_by", json!({})) })
    });
    let sheets = folder("feuilles");
    b.run("sheets_export", LIST, |b, i| {
        sheets(b, i);
        json!({})
    });
    let sheet = std::fs::read_dir(out.join("0-feuilles"))
        .expect("sheets")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("a sheet");
    b.run("sheets_import", LIST, |b, _| {
        b.answer(&[&sheet]);
        json!({})
    });
    let letters = folder("decisions");
    b.run("allocation_letters", LIST, |b, i| {
        letters(b, i);
        json!({})
    });
    let convocations = folder("convocations");
    b.run("schedule_convocations", LIST, |b, i| {
        convocations(b, i);
        json!({ "changesOnly": false })
    });
    // A piece scanned and attached from a dialog, and one dropped on the window; removed.
    let pdf = out.join("0-bilan.pdf");
    let (cand, piece) = f.piece;
    let mut s = Series::new(&[
        ("attachment_pick", ONE),
        ("attachment_dropped", ONE),
        ("attachment_remove", ONE),
    ]);
    for i in 0..33 {
        b.answer(&[&pdf]);
        let d = s.call(
            b,
            "attachment_pick",
            json!({ "candidate": cand, "piece": piece }),
            i < 3,
        );
        let first = last_attachment(&d);
        s.call(b, "attachment_remove", json!({ "id": first }), i < 3);
        *b.state().import_file.lock().expect("slot") = Some(pdf.clone());
        let d = s.call(
            b,
            "attachment_dropped",
            json!({ "candidate": cand, "piece": piece }),
            i < 3,
        );
        let dropped = last_attachment(&d);
        s.call(b, "attachment_remove", json!({ "id": dropped }), true);
    }
    s.report(b);
    // An import of 20 candidates: chosen, previewed, applied, undone.
    let csv = b.path("candidats.csv");
    let mut text = String::from("NOM;Prénom;Date de naissance;Catégorie;Discipline;N° INE\n");
    for i in 0..20 {
        text.push_str(&format!(
            "IMPORTÉ{i};Zoé;{:02}/03/2001;Étudiant;Médecine;BENCH{i:06}\n",
            1 + i % 28
        ));
    }
    std::fs::write(&csv, text).expect("csv");
    let options = json!({ "options": {
        "sheet": null, "header_row": null, "mapping": null, "template": null,
        "resolutions": [], "prefer_file": false
    }});
    let mut s = Series::new(&[
        ("import_pick_file", ONE),
        ("import_preview", ONE),
        ("import_apply", ONE),
        ("import_export_rejected", ONE),
        ("import_undo", ONE),
    ]);
    // A warm-up, then 30 rounds, as for most commands: with 12, the p95 (nearest rank)
    // was the slowest call alone.
    for i in 0..31 {
        b.answer(&[&csv]);
        s.call(b, "import_pick_file", json!({}), i < 1);
        s.call(b, "import_preview", options.clone(), i < 1);
        let applied = s.call(b, "import_apply", options.clone(), i < 1);
        let rejected = b.path(&format!("exports/{i}-rejets.xlsx"));
        b.answer(&[&rejected]);
        s.call(b, "import_export_rejected", options.clone(), i < 1);
        let batch = applied["batch_id"].clone();
        s.call(b, "import_undo", json!({ "batch": batch }), i < 1);
    }
    s.report(b);
    // The other copy of the campaign, compared and merged.
    b.run("merge_preview", LIST, |b, _| {
        b.answer(&[other]);
        json!({})
    });
    b.answer(&[other]);
    b.ok("merge_preview", json!({}));
    let (t, r) = b.timed("merge_apply", json!({ "choices": [] }));
    r.unwrap_or_else(|e| panic!("merge_apply refused: {e}"));
    b.report("merge_apply", LIST, &mut [t], "once");
}

/// Minutes since midnight as typed in the window ("08:30").
fn hm(minutes: &Value) -> String {
    let m = minutes.as_i64().expect("minutes");
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The id of the attachment added last to a dossier.
fn last_attachment(d: &Value) -> i64 {
    d["pieces"]
        .as_array()
        .expect("pieces")
        .iter()
        .flat_map(|p| p["attachments"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a["id"].as_i64())
        .max()
        .expect("an attachment")
}

/// The connected sitting opened on the loopback, a candidate under deliberation.
fn room(b: &mut Bench, f: &Fixtures) {
    let sitting = *f.sittings.last().expect("a sitting");
    let mut s = Series::new(&[
        ("room_open", ONE),
        ("room_select", ONE),
        ("room_renew", ONE),
        ("room_close", ONE),
    ]);
    for i in 0..13 {
        s.call(
            b,
            "room_open",
            json!({ "sittingId": sitting, "address": "127.0.0.1", "port": 18_765 + i as u16 }),
            i < 1,
        );
        s.call(b, "room_select", json!({ "candidateId": f.open }), i < 1);
        s.call(b, "room_renew", json!({ "memberId": f.members[0] }), i < 1);
        s.call(b, "room_close", json!({}), i < 1);
    }
    s.report(b);
    b.ok(
        "room_open",
        json!({ "sittingId": sitting, "address": "127.0.0.1", "port": 18_790 }),
    );
    b.refusal(
        "room_revoke",
        json!({ "deviceId": "appareil-inconnu" }),
        "no_device",
        "refused: no such device",
    );
    b.ok("room_close", json!({}));
}

/// Opening and closing the campaign, its encryption, the demo, new campaigns.
fn sessions(b: &mut Bench, file: &Path) {
    let mut s = Series::new(&[
        ("close_campaign", ONE),
        ("open_campaign", ONE),
        ("open_recent", ONE),
        ("open_requested", ONE),
    ]);
    for i in 0..13 {
        s.call(b, "close_campaign", json!({}), i < 1);
        b.answer(&[file]);
        s.call(b, "open_campaign", json!({}), i < 1);
        s.call(
            b,
            "open_recent",
            json!({ "path": file.display().to_string() }),
            i < 1,
        );
        *b.state().requested_file.lock().expect("slot") = Some(file.to_path_buf());
        s.call(b, "open_requested", json!({}), i < 1);
    }
    s.report(b);
    let key = "cèdre lumière vingt falaises";
    let mut s = Series::new(&[
        ("set_passphrase", LIST),
        ("unlock_campaign", LIST),
        ("remove_passphrase", LIST),
    ]);
    for i in 0..4 {
        s.call(
            b,
            "set_passphrase",
            json!({ "current": null, "passphrase": key, "confirmation": key }),
            i < 1,
        );
        b.ok("close_campaign", json!({}));
        b.answer(&[file]);
        match b.call("open_campaign", json!({})) {
            Err(e) if e["code"] == "passphrase_required" => {}
            other => panic!("an encrypted file asks its passphrase: {other:?}"),
        }
        s.call(b, "unlock_campaign", json!({ "passphrase": key }), i < 1);
        s.call(b, "remove_passphrase", json!({ "current": key }), i < 1);
    }
    s.report(b);
    // New campaigns: blank, and from this one (« à partir d'une autre »); this one again.
    let settings = b.ok("campaign_summary", json!({}))["settings"].clone();
    let mut s = Series::new(&[
        ("new_campaign", ONE),
        ("carry_pick", ONE),
        ("carry_source", LIST),
        ("new_campaign_from", LIST),
    ]);
    for i in 0..6 {
        let mut next = settings.clone();
        next["academic_year"] = json!("2027-2028");
        next["dossier_deadline"] = json!("2027-12-01");
        let new = b.path(&format!("nouvelle {i}.cesp"));
        b.answer(&[&new]);
        s.call(
            b,
            "new_campaign",
            json!({ "settings": next, "passphrase": null, "confirmation": null }),
            i < 1,
        );
        b.answer(&[file]);
        s.call(b, "carry_pick", json!({}), i < 1);
        let source = s.call(b, "carry_source", json!({ "passphrase": null }), i < 1);
        // As the secretary would, the interview days are left behind when some of them
        // cannot be moved as proposed (a public holiday; at 10 000 candidates, days that
        // run past the academic year): the carry-over would refuse them, each named.
        let days_refused = source["days"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| !d["problem"].is_null()));
        let parts: Vec<Value> = source["parts"]
            .as_array()
            .expect("parts")
            .iter()
            .map(|p| p["part"].clone())
            .filter(|p| !(days_refused && p == "interviews"))
            .collect();
        let from = b.path(&format!("suivante {i}.cesp"));
        b.answer(&[&from]);
        s.call(
            b,
            "new_campaign_from",
            json!({ "settings": source["settings"], "choice": { "parts": parts, "days": [] },
                    "sourcePassphrase": null, "passphrase": null, "confirmation": null }),
            i < 1,
        );
    }
    s.report(b);
    let mut s = Series::new(&[("open_demo", ONE), ("reset_demo", ONE)]);
    for i in 0..4 {
        s.call(b, "open_demo", json!({}), i < 1);
        s.call(b, "reset_demo", json!({}), i < 1);
    }
    s.report(b);
    b.answer(&[file]);
    b.ok("open_campaign", json!({}));
}

/// What changes the whole campaign, run last: a backup restored, the minutes sealed and
/// reopened, every score deleted so that the grid can change, the purge.
fn last(b: &mut Bench, f: &Fixtures, file: &Path) {
    let backups = b.ok("backups_list", json!({}));
    let newest = backups[0]["file_name"].clone();
    b.run("backup_restore", LIST, |_, _| json!({ "fileName": newest }));
    // Every score validated, then the minutes sealed, approved, checked, reopened.
    b.ok("scores_lock", json!({ "candidates": [] }));
    let state = b.ok("minutes", json!({}));
    // The bench's campaigns sit in the months to come, and minutes are signed after the
    // last sitting, never in the future: the sittings and their interviews are moved back
    // by whole weeks (their weekdays kept) so that the last one was yesterday or before.
    // Then the minutes are signed the day after it.
    let last_sitting = |b: &Bench| -> chrono::NaiveDate {
        let day: String = b
            .state()
            .with_campaign(|c| {
                Ok(c.conn()
                    .query_row("SELECT MAX(date) FROM sitting", [], |r| r.get(0))
                    .map_err(cesp_core::Error::from)?)
            })
            .expect("sittings");
        chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").expect("date")
    };
    let ahead = (last_sitting(b) - cesp_core::clock::today()).num_days();
    if ahead >= 0 {
        let back = format!("'-{} days'", (ahead / 7 + 1) * 7);
        b.state()
            .with_campaign(|c| {
                c.conn()
                    .execute_batch(&format!(
                        "UPDATE sitting SET date = date(date, {back});
                         UPDATE interview SET date = date(date, {back});"
                    ))
                    .map_err(cesp_core::Error::from)?;
                Ok(())
            })
            .expect("sittings moved back");
    }
    let today = (last_sitting(b) + chrono::Days::new(1))
        .format("%d/%m/%Y")
        .to_string();
    let seal = json!({ "request": {
        "signed_on": today, "acting": "chair", "acknowledgement": "Vérifié en séance"
    }});
    let mut s = Series::new(&[
        ("minutes_seal", LIST),
        ("minutes_approve", LIST),
        ("minutes_verify", LIST),
        ("minutes_pick_certificate", ONE),
        ("minutes_reopen", LIST),
    ]);
    let pv = b.path("pv-scellé.pdf");
    if let Err(e) = b.call("minutes_seal", seal.clone()) {
        b.refused("minutes_seal", &e);
        println!("  (checklist: {})", state["checklist"]);
    } else {
        b.ok(
            "minutes_reopen",
            json!({ "reason": "erreur matérielle à corriger" }),
        );
        for i in 0..4 {
            s.call(b, "minutes_seal", seal.clone(), i < 1);
            s.call(
                b,
                "minutes_approve",
                json!({ "member": f.members[1] }),
                i < 1,
            );
            b.answer(&[&pv]);
            b.ok("minutes_export", json!({ "version": null }));
            b.answer(&[&pv]);
            s.call(b, "minutes_verify", json!({}), i < 1);
            b.answer(&[&pv]);
            s.call(b, "minutes_pick_certificate", json!({}), i < 1);
            s.call(
                b,
                "minutes_reopen",
                json!({ "reason": "erreur matérielle à corriger" }),
                i < 1,
            );
        }
        s.report(b);
    }
    let icon = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/icons/128x128.png");
    b.run("minutes_signature", ONE, |b, _| {
        b.answer(&[&icon]);
        json!({ "member": f.members[0] })
    });
    let out = b.path("purge.xlsx");
    b.answer(&[&out]);
    match b.timed("purge", json!({})) {
        (t, Ok(_)) => b.report("purge", LIST, &mut [t], "once"),
        (t, Err(e)) => b.report(
            "purge",
            ONE,
            &mut [t],
            &format!("refused: {}", e["message"].as_str().unwrap_or_default()),
        ),
    }
    let blocks = grid_blocks(b);
    let (t, r) = b.timed("scores_reset", json!({ "reason": "grille à revoir" }));
    r.unwrap_or_else(|e| panic!("scores_reset refused: {e}"));
    b.report("scores_reset", LIST, &mut [t], "once");
    b.run("grid_save", ONE, |_, _| json!({ "blocks": blocks }));
    let _ = file;
}
