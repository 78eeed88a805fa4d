//! The command line follows the app's rules, which live in core: the operator's name, and
//! scoring sheets imported each on its own with every refusal reported.

use std::process::Output;

use super::{cesp_with, stderr, stdout};

fn cesp(args: &[&str], operator: &str) -> Output {
    cesp_with(args, &[("CESP_OPERATOR", operator)])
}

#[test]
fn the_operator_name_follows_the_apps_rule() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Démo.cesp");
    let f = file.to_str().expect("utf8 path");
    assert!(cesp(&["demo", f], "Claire Dumont").status.success());

    // 81 characters: refused with the app's message, at the field `operator`, nothing done.
    let long = "é".repeat(81);
    let rule = cesp_core::operator::parse(&long).expect_err("core refuses it");
    let before = std::fs::read(&file).expect("read");
    let o = cesp(&["restore", f, "inexistante.cesp"], &long);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with(&format!("Erreur : {rule}\n")), "{err}");
    assert!(err.contains("--operator"), "{err}");
    assert_eq!(std::fs::read(&file).expect("read"), before);
    let o = cesp(&["--json", "restore", f, "inexistante.cesp"], &long);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).expect("json");
    assert_eq!(v["error"]["code"], "validation");
    assert_eq!(v["error"]["details"][0]["field"], "operator");
    assert_eq!(v["error"]["message"], rule.to_string());
    // Reading writes nothing in the journal: it needs no name, as before.
    let o = cesp(&["--json", "info", f], &long);
    assert!(o.status.success(), "{}", stderr(&o));

    // 80 characters, spaces collapsed as in the app: the journal inscribes the clean name.
    let name = format!("  Élodie   {}", "N".repeat(80 - "Élodie ".chars().count()));
    let o = cesp(&["undo-import", f], &name);
    assert_eq!(
        o.status.code(),
        Some(1),
        "no import to undo: {}",
        stderr(&o)
    );
    let specialties = dir.path().join("spécialités.json");
    std::fs::write(
        &specialties,
        r#"[{"category": "intern", "discipline": "medicine", "specialty": "Psychiatrie", "places": 1}]"#,
    )
    .expect("write");
    let o = cesp(
        &[
            "specialties",
            f,
            "--set",
            specialties.to_str().expect("utf8"),
        ],
        &name,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cesp(&["--json", "journal", f, "--limit", "1"], "Claire Dumont");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v[0]["operator"].as_str(),
        Some(cesp_core::operator::parse(&name).expect("valid").as_str()),
        "{}",
        stdout(&o)
    );
}

#[test]
fn every_scoring_sheet_is_read_and_every_refusal_reported() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Démo.cesp");
    let f = file.to_str().expect("utf8 path");
    assert!(cesp(&["demo", f], "Claire Dumont").status.success());
    let sheets = dir.path().join("feuilles");
    std::fs::create_dir(&sheets).expect("dir");
    let o = cesp(
        &[
            "scores",
            f,
            "--export-sheets",
            sheets.to_str().expect("utf8"),
        ],
        "Claire Dumont",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let good = sheets.join("Notation - Dr Karim BELKACEM.xlsx");
    let not_a_sheet = dir.path().join("notes.xlsx");
    std::fs::write(&not_a_sheet, b"pas un classeur").expect("write");

    // Two bad sheets around a good one: the good one comes in, both refusals are listed.
    let o = cesp(
        &[
            "scores",
            f,
            "--import",
            "../../tests/fixtures/candidats-tours.xlsx",
            "--import",
            good.to_str().expect("utf8"),
            "--import",
            not_a_sheet.to_str().expect("utf8"),
        ],
        "Claire Dumont",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("Feuille de Dr Karim BELKACEM importée : "),
        "{}",
        stdout(&o)
    );
    let err = stderr(&o);
    assert!(
        err.starts_with("Erreur : 2 points sont à corriger :"),
        "{err}"
    );
    assert!(
        err.contains("La feuille « candidats-tours.xlsx » est refusée : ce n'est pas une feuille de notation exportée par CESP Commission"),
        "{err}"
    );
    assert!(
        err.contains("La feuille « notes.xlsx » est refusée"),
        "{err}"
    );

    // In JSON: the sheets imported on stdout, the refusals on stderr, one detail each.
    let o = cesp(
        &[
            "--json",
            "scores",
            f,
            "--import",
            good.to_str().expect("utf8"),
            "--import",
            not_a_sheet.to_str().expect("utf8"),
            "--import",
            "../../tests/fixtures/candidats-tours.xlsx",
        ],
        "Claire Dumont",
    );
    assert_eq!(o.status.code(), Some(1));
    let done: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(done[0]["member"], "Dr Karim BELKACEM");
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).expect("json");
    assert_eq!(v["error"]["details"].as_array().map(Vec::len), Some(2));
}
