//! The `cesp` command line, run as a user would: exit codes, French messages, `--json`.

use std::process::{Command, Output};

fn cesp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cesp"))
        .args(args)
        .env("CESP_OPERATOR", "Claire Dumont")
        .output()
        .expect("run cesp")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn new_then_info_shows_the_campaign() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Tours.cesp");
    let f = file.to_str().expect("utf8 path");
    let o = cesp(&[
        "new",
        f,
        "--ufr",
        "UFR de médecine de Tours",
        "--year",
        "2026-2027",
        "--city",
        "Tours",
        "--deadline",
        "01/12/2026",
        "--quotas",
        "10,0,8,1,1,0",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Campagne créée : UFR de médecine de Tours — 2026-2027"));

    let o = cesp(&["info", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Date limite des dossiers : mardi 1er décembre 2026"),
        "{text}"
    );
    assert!(text.contains("Internes — médecine"), "{text}");

    let o = cesp(&["info", f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["settings"]["quotas"]["intern"]["odontology"], 1);
    assert_eq!(v["settings"]["city"], "Tours");
    assert_eq!(v["candidate_count"], 0);

    let o = cesp(&["journal", f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0]["operator"], "Claire Dumont");
}

#[test]
fn demo_creates_sixty_candidates_and_seven_members() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("demo.cesp");
    let o = cesp(&["demo", file.to_str().expect("utf8"), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["candidate_count"], 60);
    assert_eq!(v["member_count"], 7);
    // A second demo at the same place is refused: nothing is overwritten silently.
    let o = cesp(&["demo", file.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("existe déjà"), "{}", stderr(&o));
}

#[test]
fn user_errors_exit_1_with_every_problem_in_french() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("x.cesp");
    let o = cesp(&[
        "new",
        file.to_str().expect("utf8"),
        "--ufr",
        "UFR",
        "--year",
        "2026/27",
        "--quotas",
        "10,2,-1,0,0,zéro",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("« zéro » (position 6) n'est pas un nombre entier"),
        "{err}"
    );
    assert!(err.contains("Année universitaire"), "{err}");
    assert!(err.contains("ne peut pas être négatif"), "{err}");
    assert!(!file.exists(), "nothing is created on error");

    let o = cesp(&["info", "/nulle/part/campagne.cesp", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).expect("json error");
    assert_eq!(v["error"]["code"], "not_found");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("/nulle/part/campagne.cesp"));
}

#[test]
fn bad_usage_exits_2() {
    let o = cesp(&["new"]);
    assert_eq!(o.status.code(), Some(2));
    let o = cesp(&["inconnue"]);
    assert_eq!(o.status.code(), Some(2));
    let o = cesp(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("CESP Commission"));
}

#[test]
fn journal_verify_exits_1_when_the_file_was_tampered_with() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("demo.cesp");
    let f = file.to_str().expect("utf8");
    assert!(cesp(&["demo", f]).status.success());
    let o = cesp(&["journal", f, "--verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Journal intact : 2 ligne(s)"),
        "{}",
        stdout(&o)
    );
    {
        let conn = rusqlite::Connection::open(&file).expect("open");
        conn.execute_batch(
            "DROP TRIGGER journal_no_update; UPDATE journal SET operator = 'X' WHERE id = 1;",
        )
        .expect("tamper");
    }
    let o = cesp(&["journal", f, "--verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("la ligne 1 du journal"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("modifié hors de l'application"),
        "{}",
        stderr(&o)
    );
}
