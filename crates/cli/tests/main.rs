//! The `cesp` command line, run as a user would: exit codes, French messages, `--json`.

use std::process::{Command, Output};

mod adapters;

fn cesp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cesp"))
        .args(args)
        .env("CESP_OPERATOR", "Claire Dumont")
        // Backups go to a scratch folder, not the developer's home.
        .env("XDG_DATA_HOME", std::env::temp_dir().join("cesp-cli-tests"))
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
    // A name without extension gets « .cesp ».
    let bare = dir.path().join("Tours 2026");
    let o = cesp(&[
        "new",
        bare.to_str().expect("utf8"),
        "--ufr",
        "UFR",
        "--year",
        "2026-2027",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("Tours 2026.cesp").is_file());
    // A second demo at the same place is refused: nothing is overwritten silently.
    let o = cesp(&["demo", file.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("existe déjà"), "{}", stderr(&o));
    // « --reset » recreates the demo, never a user's campaign.
    let o = cesp(&["demo", file.to_str().expect("utf8"), "--reset"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Campagne de démonstration recréée : "),
        "{}",
        stdout(&o)
    );
    let mine = dir.path().join("Tours 2026.cesp");
    let before = std::fs::read(&mine).expect("read");
    let o = cesp(&["demo", mine.to_str().expect("utf8"), "--reset"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("n'est pas une campagne de démonstration : il n'est pas remplacé"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&mine).expect("read"), before);
}

#[test]
fn a_refusal_gives_its_own_code_in_json() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Amiens 2026-2027.cesp");
    let f = file.to_str().expect("utf8");
    let o = cesp(&["new", f, "--ufr", "UFR Santé Amiens", "--year", "2026-2027"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = cesp(&["undo-import", f, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).expect("json error");
    assert_eq!(v["error"]["code"], "no_import_to_undo");
    assert_eq!(v["error"]["message"], "Aucun import à annuler.");
    assert_eq!(v["error"]["details"], serde_json::json!([]));
}

/// The demo's sittings, Thursday and Friday, as `cesp demo` tells its story today: the
/// story's sittings of 14 and 15 January 2027 moved by whole weeks so that its minutes'
/// signing day (Sunday 17 January 2027) is today or one of the six days before.
fn demo_sittings() -> [chrono::NaiveDate; 2] {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2027, 1, d).expect("date");
    let weeks = (chrono::Local::now().date_naive() - day(17))
        .num_days()
        .div_euclid(7);
    [day(14), day(15)].map(|d| d + chrono::TimeDelta::weeks(weeks))
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
fn counts_agree_with_their_number() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Tours.cesp");
    let f = file.to_str().expect("utf8");
    let data = "../../tests/fixtures/candidats-tours.xlsx";
    assert!(cesp(&["new", f, "--ufr", "UFR", "--year", "2026-2027"])
        .status
        .success());

    let backups = |f: &str| {
        stdout(&cesp(&["backups", f]))
            .split_whitespace()
            .filter(|w| w.ends_with(".cesp"))
            .count()
    };
    let kept = backups(f);
    let o = cesp(&["import", f, data, "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        backups(f),
        kept,
        "a dry run changes nothing and backs nothing up"
    );
    let out = stdout(&o);
    assert!(
        out.contains("7 lignes lues : 5 à créer, 0 à mettre à jour, 0 inchangée, 2 rejetées, 0 conflit, 1 ligne vide ignorée"),
        "{out}"
    );
    assert!(cesp(&["import", f, data]).status.success());
    let out = stdout(&cesp(&["imports", f]));
    assert!(out.contains(" : 5 créés, 0 mis à jour, 2 rejetés"), "{out}");
    assert!(stdout(&cesp(&["candidates", f]))
        .starts_with("5 candidats\n   N°  Nom et prénoms                           Catégorie                  Date de naissance\n"));

    let o = cesp(&["undo-import", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        "Import n° 1 annulé : 5 candidats retirés."
    );
    let out = stdout(&cesp(&["journal", f]));
    assert!(
        out.contains("annulé : 5 candidats retirés, 0 remis dans son état précédent."),
        "{out}"
    );
    assert!(
        out.contains(": 5 candidats créés, 0 mis à jour, 2 lignes rejetées."),
        "{out}"
    );

    // A regional list: every count has its digits grouped (no-break spaces).
    let csv = dir.path().join("liste ARS.csv");
    let mut text = String::from("NOM;Prénom;Date de naissance;Catégorie;Discipline\n");
    for i in 0..1200 {
        let day = i % 28 + 1;
        text.push_str(&format!(
            "LEFÈVRE{i};Zoé;{day:02}/03/2001;Étudiant;Médecine\n"
        ));
    }
    std::fs::write(&csv, text).expect("csv");
    let csv = csv.to_str().expect("utf8");
    let o = cesp(&["import", f, csv, "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("1\u{a0}200 lignes lues : 1\u{a0}200 à créer, 0 à mettre à jour"),
        "{out}"
    );
    assert!(cesp(&["import", f, csv]).status.success());
    let out = stdout(&cesp(&["imports", f]));
    assert!(
        out.contains(" : 1\u{a0}200 créés, 0 mis à jour, 0 rejeté"),
        "{out}"
    );
    let out = stdout(&cesp(&["info", f]));
    assert!(out.contains("Candidats : 1\u{a0}200 ;"), "{out}");
    assert!(out.contains(" 1\u{a0}200 / 0 "), "{out}");
    let out = stdout(&cesp(&["bilan", f]));
    assert!(out.contains("Étudiants — médecine  1\u{a0}200  "), "{out}");

    let other = dir.path().join("x.cesp");
    let x = other.to_str().expect("utf8");
    let o = cesp(&[
        "new",
        x,
        "--ufr",
        "UFR",
        "--year",
        "2026-2027",
        "--quotas",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--quotas : 1 nombre donné, il en faut 6"),
        "{}",
        stderr(&o)
    );
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

    // In French, as the rest of the command line: the help, the usage line, the refusals.
    let o = cesp(&["import", "--help"]);
    let help = stdout(&o);
    assert!(
        help.contains("Utilisation\u{a0}: cesp import [OPTIONS] <FICHIER> <TABLEUR>"),
        "{help}"
    );
    assert!(
        help.contains("Options\u{a0}:")
            && help.contains("-h, --help")
            && help.contains("Affiche cette aide"),
        "{help}"
    );
    assert!(!help.contains("Usage") && !help.contains("Print"), "{help}");
    let o = cesp(&["info", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "Erreur\u{a0}: «\u{a0}--bogus\u{a0}» n'est pas une option ni un argument de cette commande.\n\
         Utilisation\u{a0}: cesp info [OPTIONS] <FICHIER>\n\
         Aide\u{a0}: cesp --help, ou cesp COMMANDE --help.\n"
    );
    let o = cesp(&["import"]);
    assert!(
        stderr(&o).starts_with("Erreur\u{a0}: il manque <FICHIER>, <TABLEUR>.\n"),
        "{}",
        stderr(&o)
    );
    let o = cesp(&["imprt"]);
    assert!(
        stderr(&o)
            .contains("(vouliez-vous dire «\u{a0}imports\u{a0}» ou «\u{a0}import\u{a0}»\u{202f}?)"),
        "{}",
        stderr(&o)
    );
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
        stdout(&o).starts_with("Journal intact : ")
            && stdout(&o).contains("toutes conformes à leur sceau"),
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

/// Kills `cesp import` with SIGKILL at moments spread over its run, 200 times: the file
/// always opens, passes `PRAGMA integrity_check`, holds the import whole or not at all,
/// holds it whenever the command had confirmed it, and keeps an intact journal.
#[cfg(unix)]
#[test]
fn an_import_killed_at_any_moment_leaves_the_campaign_whole() {
    use std::time::Instant;

    let dir = tempfile::tempdir().expect("temp");
    let data = dir.path().join("candidats.csv");
    let rows = 3000;
    let mut csv = String::from("NOM;Prénom;Date de naissance;Catégorie;Discipline;N° INE\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "NOM{i};Prénom;16/01/2001;Étudiant;Médecine;INE{i:07}\n"
        ));
    }
    std::fs::write(&data, csv).expect("csv");
    let pristine = dir.path().join("vierge.cesp");
    assert!(cesp(&[
        "new",
        pristine.to_str().expect("utf8"),
        "--ufr",
        "UFR",
        "--year",
        "2026-2027"
    ])
    .status
    .success());

    // One full run tells how long an import takes here.
    let probe = dir.path().join("essai.cesp");
    std::fs::copy(&pristine, &probe).expect("copy");
    let t = Instant::now();
    let o = cesp(&[
        "import",
        probe.to_str().expect("utf8"),
        data.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let full = t.elapsed();

    let mut seed: u64 = 0x5EED_2026;
    let (mut whole, mut none, mut confirmed_checked) = (0, 0, 0);
    for round in 0..200 {
        let file = dir.path().join(format!("c{round}.cesp"));
        std::fs::copy(&pristine, &file).expect("copy");
        let out = killed_run(
            &[
                "import",
                file.to_str().expect("utf8"),
                data.to_str().expect("utf8"),
            ],
            &mut seed,
            full,
            &dir.path().join("data"),
        );
        let _ = std::fs::remove_file(format!("{}-lock", file.display()));

        let conn = opened_whole(&file, round);
        let n: i64 = count(&conn, "SELECT COUNT(*) FROM candidate");
        let batches: i64 = count(&conn, "SELECT COUNT(*) FROM import_batch");
        drop(conn);
        match n {
            0 => {
                assert_eq!(batches, 0, "round {round}");
                none += 1;
            }
            n if n == rows => {
                assert_eq!(batches, 1, "round {round}");
                whole += 1;
            }
            n => panic!("round {round}: half an import ({n} of {rows} candidates)"),
        }
        if out.contains("Import enregistré.") {
            assert_eq!(n, rows, "round {round}: a confirmed import was lost");
            confirmed_checked += 1;
        }
        let c = cesp_core::Campaign::open(&file).expect("the app opens it");
        assert!(
            c.verify_journal().expect("verify").intact,
            "round {round}: journal"
        );
    }
    // The kills must have landed on both sides of the commit for the test to mean much.
    assert!(whole > 0 && none > 0, "whole {whole}, none {none}");
    eprintln!("200 kills: {whole} whole imports ({confirmed_checked} confirmed), {none} untouched");
}

#[test]
fn scoring_sheets_go_out_and_come_back_and_the_ranking_prints() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Démo.cesp");
    let f = file.to_str().expect("utf8 path");
    assert!(cesp(&["demo", f]).status.success());
    let sheets = dir.path().join("feuilles");
    std::fs::create_dir(&sheets).expect("dir");
    let o = cesp(&[
        "scores",
        f,
        "--export-sheets",
        sheets.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("7 feuilles de notation écrites :"),
        "{}",
        stdout(&o)
    );
    let sheet = sheets.join("Notation - Dr Karim BELKACEM.xlsx");
    assert!(sheet.exists());

    // The member's sheet comes back unchanged: every score already in the file.
    let o = cesp(&["scores", f, "--import", sheet.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Feuille de Dr Karim BELKACEM importée : 0 note ajoutée, 0 modifiée, "),
        "{out}"
    );

    // A spreadsheet that is not a scoring sheet is refused, exit 1, file untouched.
    let before = std::fs::read(&file).expect("read");
    let o = cesp(&[
        "scores",
        f,
        "--import",
        "../../tests/fixtures/candidats-tours.xlsx",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("La feuille « candidats-tours.xlsx » est refusée : ce n'est pas une feuille de notation exportée par CESP Commission"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).expect("read"), before);

    // Neither action: bad usage.
    assert_eq!(cesp(&["scores", f]).status.code(), Some(2));

    let o = cesp(&["ranking", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Étudiants — médecine (26 candidats)"), "{out}");
    assert!(
        out.contains("Notes complètes, validé — désaccord entre membres"),
        "{out}"
    );
    assert!(
        out.contains("déport : Dr Karim BELKACEM — Maître de stage du candidat"),
        "{out}"
    );
    let o = cesp(&["ranking", f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let groups = v["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 5);
    let first = &groups[0]["rows"][0];
    assert_eq!(first["rank"], 1);
    assert!(first["total"].as_f64().expect("total") > 20.0);
}

#[test]
fn a_scoring_sheet_import_killed_at_any_moment_leaves_the_scores_whole() {
    use std::time::Instant;

    use cesp_core::commission::{MemberInput, Role};

    let dir = tempfile::tempdir().expect("temp");
    // 600 candidates and one member: a filled sheet of 3,600 scores.
    let data = dir.path().join("candidats.csv");
    let mut csv = String::from("NOM;Prénom;Catégorie;Discipline;N° INE\n");
    for i in 0..600 {
        csv.push_str(&format!("NOM{i};Prénom;Étudiant;Médecine;INE{i:07}\n"));
    }
    std::fs::write(&data, csv).expect("csv");
    let pristine = dir.path().join("vierge.cesp");
    let p = pristine.to_str().expect("utf8");
    assert!(cesp(&["new", p, "--ufr", "UFR", "--year", "2026-2027"])
        .status
        .success());
    assert!(cesp(&["import", p, data.to_str().expect("utf8")])
        .status
        .success());
    let member = {
        let mut c = cesp_core::Campaign::open(&pristine).expect("open");
        c.add_member(
            &MemberInput {
                name: "Dr Karim BELKACEM".into(),
                role: Role::Physician,
                voting: true,
                email: String::new(),
            },
            "Claire",
        )
        .expect("member")
    };
    // The member's filled sheet: scores written in a copy, exported from it.
    let filled = dir.path().join("rempli.cesp");
    std::fs::copy(&pristine, &filled).expect("copy");
    {
        let conn = rusqlite::Connection::open(&filled).expect("open");
        conn.execute(
            "INSERT INTO score (member, candidate, criterion, value, at, operator) \
             SELECT ?1, c.id, k.id, 50 * ((c.id + k.id) % 11), '2027-01-14T10:00:00Z', 'test' \
             FROM candidate c, criterion k WHERE k.source = 'members'",
            [member],
        )
        .expect("scores");
    }
    let sheets = dir.path().join("feuilles");
    std::fs::create_dir(&sheets).expect("dir");
    cesp_core::Campaign::open_read_only(&filled)
        .expect("open")
        .export_score_sheets(&sheets)
        .expect("export");
    let sheet = sheets.join("Notation - Dr Karim BELKACEM.xlsx");
    let expected = 600 * 6;

    let probe = dir.path().join("essai.cesp");
    std::fs::copy(&pristine, &probe).expect("copy");
    let t = Instant::now();
    let o = cesp(&[
        "scores",
        probe.to_str().expect("utf8"),
        "--import",
        sheet.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let full = t.elapsed();

    let mut seed: u64 = 0x5C0_2E5;
    let (mut whole, mut none) = (0, 0);
    for round in 0..100 {
        let file = dir.path().join(format!("s{round}.cesp"));
        std::fs::copy(&pristine, &file).expect("copy");
        let out = killed_run(
            &[
                "scores",
                file.to_str().expect("utf8"),
                "--import",
                sheet.to_str().expect("utf8"),
            ],
            &mut seed,
            full,
            &dir.path().join("data"),
        );
        let conn = opened_whole(&file, round);
        let n: i64 = count(&conn, "SELECT COUNT(*) FROM score");
        let journaled: i64 = count(
            &conn,
            "SELECT COUNT(*) FROM journal WHERE action = 'scores.sheet'",
        );
        drop(conn);
        match n {
            0 => {
                assert_eq!(journaled, 0, "round {round}");
                none += 1;
            }
            n if n == expected => {
                assert_eq!(journaled, 1, "round {round}");
                whole += 1;
            }
            n => panic!("round {round}: half a sheet ({n} of {expected} scores)"),
        }
        if out.contains("importée") {
            assert_eq!(n, expected, "round {round}: a confirmed sheet was lost");
        }
        let c = cesp_core::Campaign::open(&file).expect("the app opens it");
        assert!(
            c.verify_journal().expect("verify").intact,
            "round {round}: journal"
        );
    }
    assert!(whole > 0 && none > 0, "whole {whole}, none {none}");
    eprintln!("100 kills during a sheet import: {whole} whole, {none} untouched");
}

#[test]
fn dossiers_attachments_letters_and_merge_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Démo.cesp");
    let f = file.to_str().expect("utf8");
    assert!(cesp(&["demo", f]).status.success());
    let o = cesp(&["dossier", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Étudiants — médecine : "), "{out}");
    assert!(out.contains("Non recevable"), "{out}");

    // One candidate's dossier, found by name without accents.
    let o = cesp(&["dossier", f, "bensaid pierre"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("BENSAÏD Pierre-Louis — Étudiant — médecine"),
        "{out}"
    );
    assert!(
        out.contains(
            "Recevabilité : Incomplet (1 pièce manquante : Relevé d'identité bancaire (RIB))"
        ),
        "{out}"
    );

    // A file that is not what its extension says is refused; a real PDF is attached.
    let fake = dir.path().join("rib.pdf");
    std::fs::write(&fake, b"\x89PNG\r\n\x1a\n....").expect("fake");
    let o = cesp(&[
        "attach",
        f,
        "bensaid pierre",
        "rib",
        fake.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("ne peut pas être joint : son contenu est un fichier PNG"),
        "{}",
        stderr(&o)
    );
    let letters = dir.path().join("lettres");
    std::fs::create_dir(&letters).expect("dir");
    let o = cesp(&["dossier", f, "--letters", letters.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = letters.join("Pièces manquantes - BENSAÏD Pierre-Louis.pdf");
    assert!(pdf.exists());
    let o = cesp(&[
        "attach",
        f,
        "bensaid pierre",
        "rib",
        pdf.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Recevabilité : Complet"),
        "{}",
        stdout(&o)
    );

    // The referent's copy: a dry run tells, the merge applies.
    let copy = dir.path().join("Copie.cesp");
    std::fs::copy(&file, &copy).expect("copy");
    let c = copy.to_str().expect("utf8");
    let o = cesp(&[
        "attach",
        c,
        "blanc maelys",
        "transcript_n2",
        pdf.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cesp(&["merge", f, c, "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Simulation : rien n'a été modifié."),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("→ BLANC Maëlys — Relevé de notes de l'année N-2"),
        "{}",
        stdout(&o)
    );
    let o = cesp(&["merge", f, c]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cesp(&["dossier", f, "blanc maelys"]);
    assert!(
        stdout(&o).contains("fichier : Pièces manquantes - BENSAÏD Pierre-Louis.pdf (PDF"),
        "{}",
        stdout(&o)
    );
    // Another campaign is refused.
    let other = dir.path().join("Autre.cesp");
    assert!(cesp(&[
        "new",
        other.to_str().expect("utf8"),
        "--ufr",
        "UFR de Tours",
        "--year",
        "2026-2027"
    ])
    .status
    .success());
    let o = cesp(&["merge", f, other.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("est une autre campagne (UFR de Tours 2026-2027)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn allocation_lists_what_if_and_withdrawal_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Démo.cesp");
    let f = file.to_str().expect("utf8");
    assert!(cesp(&["demo", f]).status.success());
    let o = cesp(&["allocate", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Étudiants — médecine — 10 contrats"), "{out}");
    // One contract: the singular, and no « (s) » anywhere.
    assert!(out.contains("PADHUE — médecine — 1 contrat"), "{out}");
    assert!(!out.contains("1 contrats") && !out.contains("(s)"), "{out}");
    assert!(out.contains("retenu — rang 1 sur "), "{out}");
    assert!(out.contains("liste complémentaire n° 1"), "{out}");
    assert!(
        out.contains("non retenu : non entendu en entretien"),
        "{out}"
    );

    // What-if: nothing written, fewer contracts for students.
    let quotas = dir.path().join("contingents.json");
    std::fs::write(
        &quotas,
        r#"{"student":{"medicine":8,"odontology":2},"intern":{"medicine":8,"odontology":1},"padhue":{"medicine":1,"odontology":0}}"#,
    )
    .expect("json");
    let before = std::fs::read(&file).expect("read");
    let o = cesp(&["allocate", f, "--what-if", quotas.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Simulation : rien n'a été modifié."));
    assert!(stdout(&o).contains("Étudiants — médecine — 8 contrats"));
    // What-if on the threshold, and a category given contracts without candidates.
    std::fs::write(
        &quotas,
        r#"{"quotas":{"student":{"medicine":10,"odontology":2},"intern":{"medicine":8,"odontology":1},"padhue":{"medicine":1,"odontology":3}},"seuil":"31"}"#,
    )
    .expect("json");
    let o = cesp(&["allocate", f, "--what-if", quotas.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("total d'au moins 31"), "{out}");
    assert!(out.contains("< seuil 31"), "{out}");
    assert!(
        out.contains("Attention : PADHUE — odontologie : 3 contrats au contingent, mais aucun candidat dans cette catégorie ; ils restent non attribués"),
        "{out}"
    );
    let o = cesp(&["allocate", f, "--seuil", "douze"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("« Seuil » : « douze » n'est pas un total possible"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);

    // Places by specialty: a wrong row is refused whole, a right one restricts the list.
    let spec = dir.path().join("spécialités.json");
    std::fs::write(
        &spec,
        r#"[{"category":"intern","discipline":"medicine","specialty":"Psychiatrie","places":0}]"#,
    )
    .expect("json");
    let o = cesp(&["specialties", f, "--set", spec.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Ligne 1 (Psychiatrie) : « Places » vaut 0"),
        "{}",
        stderr(&o)
    );
    std::fs::write(
        &spec,
        r#"[{"category":"intern","discipline":"medicine","specialty":"Médecine générale","places":3}]"#,
    )
    .expect("json");
    let o = cesp(&["specialties", f, "--set", spec.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Internes — médecine : Médecine générale 3"),
        "{}",
        stdout(&o)
    );
    let o = cesp(&["allocate", f]);
    assert!(
        stdout(&o).contains("Internes — médecine — 8 contrats (Médecine générale : 3)"),
        "{}",
        stdout(&o)
    );
    std::fs::write(&spec, "[]").expect("json");
    assert!(
        cesp(&["specialties", f, "--set", spec.to_str().expect("utf8")])
            .status
            .success()
    );
    let bad = dir.path().join("faux.json");
    std::fs::write(&bad, "{\"étudiants\": 3}").expect("json");
    let o = cesp(&["allocate", f, "--what-if", bad.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("n'est pas un jeu de contingents lisible"),
        "{}",
        stderr(&o)
    );

    // A withdrawal from the main list promotes the first of the complementary list.
    let v: serde_json::Value =
        serde_json::from_slice(&cesp(&["allocate", f, "--json"]).stdout).expect("json");
    let group = &v["groups"][0];
    let first = group["main"][0]["display_name"]
        .as_str()
        .expect("name")
        .to_owned();
    let next = group["complementary"][0]["display_name"]
        .as_str()
        .expect("name")
        .to_owned();
    let o = cesp(&[
        "withdraw",
        f,
        &first,
        "--reason",
        "a choisi une autre région",
        "--date",
        "01/02/2027",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!(
            "{next} passe de la liste complémentaire à la liste principale"
        )),
        "{}",
        stdout(&o)
    );
    let o = cesp(&[
        "withdraw",
        f,
        &next,
        "--reason",
        "encore",
        "--date",
        "02/02/2027",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cesp(&["withdraw", f, &first, "--reason", "deux fois"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("n'est pas sur la liste principale"),
        "{}",
        stderr(&o)
    );
    let o = cesp(&["allocate", f, "--record", "séance du 15 janvier"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("inscrite à l'historique"),
        "{}",
        stdout(&o)
    );
}

/// Kills `cesp seal` (the minutes) and `cesp allocate --record` (the lists kept in the
/// history) with SIGKILL at moments spread over their run, 100 times: the file always
/// opens, passes `PRAGMA integrity_check`, and holds the whole use case or nothing of it
/// (a sealed version always with its journal line and a snapshot matching its fingerprint).
#[test]
fn sealing_and_recording_killed_at_any_moment_leave_the_campaign_whole() {
    use sha2::{Digest, Sha256};
    use std::time::Instant;

    let dir = tempfile::tempdir().expect("temp");
    let pristine = dir.path().join("démo.cesp");
    let p = pristine.to_str().expect("utf8");
    assert!(cesp(&["demo", p]).status.success());
    // Signed on the day of the last sitting, in knowledge of the PADHUE contract left.
    let signed = demo_sittings()[1].format("%d/%m/%Y").to_string();
    let uses: [(&[&str], &str, &str); 2] = [
        (
            &[
                "seal",
                "--date",
                &signed,
                "--acknowledge",
                "aucun candidat PADHUE entendu",
            ],
            "minutes_version",
            "minutes.seal",
        ),
        (
            &["allocate", "--record", "séance du 15 janvier"],
            "allocation_run",
            "allocation.run",
        ),
    ];
    let mut timing = Vec::new();
    for (args, _, _) in &uses {
        let probe = dir.path().join("essai.cesp");
        std::fs::copy(&pristine, &probe).expect("copy");
        let mut all = vec![args[0], probe.to_str().expect("utf8")];
        all.extend(&args[1..]);
        let t = Instant::now();
        let o = cesp(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        timing.push(t.elapsed());
    }
    // The demo has recorded its lists once already.
    let before = uses.map(|(_, table, _)| {
        let conn = rusqlite::Connection::open_with_flags(
            &pristine,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open");
        count(&conn, &format!("SELECT COUNT(*) FROM {table}"))
    });
    let mut seed: u64 = 0x5EA1_2027;
    let (mut whole, mut none) = (0, 0);
    for round in 0..100 {
        let (args, table, action) = uses[round % 2];
        let file = dir.path().join(format!("k{round}.cesp"));
        std::fs::copy(&pristine, &file).expect("copy");
        let mut all = vec![args[0], file.to_str().expect("utf8")];
        all.extend(&args[1..]);
        killed_run(&all, &mut seed, timing[round % 2], &dir.path().join("data"));
        let conn = opened_whole(&file, round);
        let n: i64 = count(&conn, &format!("SELECT COUNT(*) FROM {table}"));
        let journaled: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM journal WHERE action = ?1",
                [action],
                |r| r.get(0),
            )
            .expect("journal");
        assert_eq!(
            n, journaled,
            "round {round}: {table} and its journal line go together"
        );
        let n = n - before[round % 2];
        if table == "minutes_version" && n == 1 {
            let (snapshot, fingerprint): (String, String) = conn
                .query_row(
                    "SELECT snapshot, fingerprint FROM minutes_version",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("version");
            let digest: String = Sha256::digest(snapshot.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(digest, fingerprint, "round {round}: snapshot whole");
        }
        drop(conn);
        assert!(
            cesp_core::Campaign::open_read_only(&file).is_ok(),
            "round {round}: opens"
        );
        match n {
            0 => none += 1,
            1 => whole += 1,
            n => panic!("round {round}: {n} rows in {table}"),
        }
    }
    eprintln!("seal/record kills: {whole} whole, {none} nothing written, 0 half");
    assert!(
        whole > 0 && none > 0,
        "kills landed both before and after the commit"
    );
}

/// Runs `cesp ARGS` and kills it with SIGKILL after a delay drawn from `seed` between 0 and
/// 120 % of `full`; returns what it printed before dying.
fn killed_run(
    args: &[&str],
    seed: &mut u64,
    full: std::time::Duration,
    data_home: &std::path::Path,
) -> String {
    use std::io::Read;
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let delay = full.mul_f64(((*seed >> 33) % 1200) as f64 / 1000.0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_cesp"))
        .args(args)
        .env("CESP_OPERATOR", "Claire")
        .env("XDG_DATA_HOME", data_home)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let mut out = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    out
}

#[test]
fn interviews_are_planned_and_printed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Démo.cesp");
    let f = file.to_str().expect("utf8");
    assert!(cesp(&["demo", f]).status.success());
    let o = cesp(&["schedule", f, "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let thursday = cesp_core::fr::date_long(demo_sittings()[0]).to_uppercase();
    assert!(out.contains(&thursday), "{thursday} in {out}");
    assert!(out.contains("Jury 1 — Salle du conseil"), "{out}");
    assert!(
        out.contains("Simulation : rien n'a été enregistré."),
        "{out}"
    );
    // One morning for everyone: refused, with the reason, and the plan kept.
    let setup = dir.path().join("organisation.json");
    std::fs::write(
        &setup,
        r#"{"interview_minutes": 20, "buffer_minutes": 5, "min_jury_size": 1,
            "days": [{"date": "14/01/2027", "opening": "9 h", "closing": "10 h"}],
            "juries": [{"name": "Jury 1", "members": [1]}]}"#,
    )
    .expect("json");
    let before = stdout(&cesp(&["schedule", f, "--dry-run", "--json"]));
    let o = cesp(&["schedule", f, "--setup", setup.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Aucun planning n'est possible.")
            && stderr(&o).contains("Le planning précédent est conservé."),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_str(&before).expect("json");
    assert!(v["plan"]["interviews"]
        .as_array()
        .is_some_and(|a| a.len() > 20));

    let conv = dir.path().join("convocations");
    let o = cesp(&["convocations", f, "--out", conv.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(conv.join("Convocations CESP - toutes.pdf").exists());
    let ics = std::fs::read_dir(&conv)
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ics"))
        })
        .count();
    // The setup now has Jury 1 only: its candidates' calendars (about half, juries being
    // balanced) and its member's.
    assert!(ics > 10, "{ics} calendars");
    let pdf = dir.path().join("planning.pdf");
    let xlsx = dir.path().join("planning.xlsx");
    let o = cesp(&[
        "timetable",
        f,
        "--out",
        pdf.to_str().expect("utf8"),
        "--xlsx",
        xlsx.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf.exists() && xlsx.exists());
}

/// Opens a file left by a killed command and checks it passes `PRAGMA integrity_check`.
fn opened_whole(file: &std::path::Path, round: usize) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(file).expect("opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok", "round {round}: integrity");
    conn
}

/// The single number `sql` (a `SELECT COUNT(*)`) gives.
fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

fn cesp_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cesp"));
    cmd.args(args)
        .env("CESP_OPERATOR", "Claire Dumont")
        .env("XDG_DATA_HOME", std::env::temp_dir().join("cesp-cli-tests"))
        .env_remove("CESP_PASSPHRASE")
        .env_remove("CESP_NEW_PASSPHRASE")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run cesp")
}

#[test]
fn an_encrypted_campaign_needs_its_passphrase_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Démo chiffrée.cesp");
    let f = file.to_str().expect("utf8");
    assert!(cesp(&["demo", f]).status.success());
    const PHRASE: &str = "cèdre lumière vingt falaises";

    let o = cesp_with(&["passphrase", f], &[("CESP_NEW_PASSPHRASE", "court")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("au moins 12 caractères"),
        "{}",
        stderr(&o)
    );
    let o = cesp_with(&["passphrase", f], &[("CESP_NEW_PASSPHRASE", PHRASE)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Fichier chiffré"), "{}", stdout(&o));

    // No passphrase, no terminal: the message says how to give it.
    let o = cesp_with(&["info", f], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("« Démo chiffrée.cesp » est chiffré : saisissez sa phrase de passe"),
        "{err}"
    );
    assert!(err.contains("CESP_PASSPHRASE"), "{err}");
    let o = cesp_with(
        &["info", f, "--json"],
        &[("CESP_PASSPHRASE", "cèdre lumière")],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).expect("json");
    assert_eq!(v["error"]["code"], "wrong_passphrase");

    let o = cesp_with(&["info", f, "--json"], &[("CESP_PASSPHRASE", PHRASE)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["candidate_count"], 60);
    assert_eq!(v["encrypted"], true);
    let o = cesp_with(&["journal", f, "--verify"], &[("CESP_PASSPHRASE", PHRASE)]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = cesp_with(
        &["passphrase", f, "--remove"],
        &[("CESP_PASSPHRASE", PHRASE)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cesp_with(&["info", f, "--json"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Created encrypted.
    let g = dir.path().join("Tours.cesp");
    let o = cesp_with(
        &[
            "new",
            g.to_str().expect("utf8"),
            "--ufr",
            "UFR de Tours",
            "--year",
            "2026-2027",
            "--encrypt",
        ],
        &[("CESP_NEW_PASSPHRASE", PHRASE)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!std::fs::read(&g)
        .expect("read")
        .windows(5)
        .any(|w| w == b"Tours"));
    let o = cesp_with(
        &["info", g.to_str().expect("utf8")],
        &[("CESP_PASSPHRASE", PHRASE)],
    );
    assert!(stdout(&o).contains("UFR de Tours"), "{}", stderr(&o));
}

#[test]
fn the_journal_is_filtered_and_exported_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Tours.cesp");
    let f = file.to_str().expect("utf8");
    assert!(
        cesp(&["new", f, "--ufr", "UFR de Tours", "--year", "2026-2027"])
            .status
            .success()
    );
    let data = "../../tests/fixtures/candidats-tours.xlsx";
    // The rows an import rejects, saved to be corrected.
    let rejected = dir.path().join("rejets.xlsx");
    let o = cesp(&[
        "import",
        f,
        data,
        "--rejected",
        rejected.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2 lignes rejetées écrites dans « "),
        "{}",
        stdout(&o)
    );
    assert!(rejected.exists());
    let mut c = cesp_core::Campaign::open(&file).expect("open");
    let mut s = c.settings().expect("settings");
    s.city = "Tours".into();
    c.update_settings(&s, "Pr Lefebvre").expect("update");
    drop(c);

    let out = stdout(&cesp(&["journal", f, "--kind", "imports"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1 entrée sur 3 (Imports).", "{out}");
    assert!(
        lines[1].contains("Claire Dumont  Import de « candidats-tours.xlsx »"),
        "{out}"
    );
    assert_eq!(lines.len(), 2, "{out}");
    let out = stdout(&cesp(&[
        "journal", f, "--person", "lefebvre", "--limit", "1",
    ]));
    assert!(
        out.starts_with("1 entrée sur 3 (par Pr Lefebvre).\n"),
        "{out}"
    );
    let out = stdout(&cesp(&["journal", f, "--limit", "1"]));
    assert!(
        out.starts_with(
            "3 entrées sur 3 ; la plus récente ci-dessous (--limit pour en voir plus).\n"
        ),
        "{out}"
    );
    // JSON stays the list of rows, now with their kind.
    let o = cesp(&["journal", f, "--kind", "campaign", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[0]["kind"], "campaign");
    assert_eq!(v[0]["kind_label"], "Campagne");

    let o = cesp(&["journal", f, "--from", "32/13/2026"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("« 32/13/2026 » n'est pas une date"),
        "{}",
        stderr(&o)
    );
    let o = cesp(&["journal", f, "--kind", "notes de frais"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("scoring (Notation)"), "{}", stderr(&o));

    // The export takes every row the filter selects, whatever the limit. The filter's days
    // are Paris days (from 23:00 UTC in winter, this machine's date is the day before).
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y")
        .to_string();
    let csv = dir.path().join("journal.csv");
    let o = cesp(&[
        "journal",
        f,
        "--from",
        &today,
        "--to",
        &today,
        "--kind",
        "campagne",
        "--limit",
        "1",
        "--export",
        csv.to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        format!("Journal exporté dans « {} » : 2 entrées.", csv.display())
    );
    let text = std::fs::read_to_string(&csv).expect("csv");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "N°;Date;Personne;Type;Action;Modifications");
    assert!(lines[1].contains(";Pr Lefebvre;Campagne;Paramètres de la campagne modifiés : Ville de la commission.;Ville de la commission : Non renseignée → Tours"), "{}", lines[1]);
    assert!(
        lines[2].contains(";Claire Dumont;Campagne;Campagne créée : "),
        "{}",
        lines[2]
    );
    assert_eq!(lines.len(), 3);
}

/// The issue's path, by hand: demo, import, seal, PDF, then `restore` of the backup taken
/// before the import. The restore would undo the seal: refused, nothing changed, the
/// journal intact and the PDF still genuine. A restore after the seal keeps the journal
/// whole and says what it undid. Letters ask for a return date after today.
#[test]
fn a_restore_never_rewinds_the_journal_nor_a_seal_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp");
    let data = dir.path().join("données");
    let run = |args: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_cesp"))
            .args(args)
            .env("CESP_OPERATOR", "Claire Dumont")
            .env("XDG_DATA_HOME", &data)
            .output()
            .expect("run cesp")
    };
    let file = dir.path().join("r.cesp");
    let f = file.to_str().expect("utf8");
    assert!(run(&["demo", f]).status.success());
    let csv = dir.path().join("some.csv");
    std::fs::write(
        &csv,
        "NOM;Prénom;Catégorie;Discipline\nNGUYEN;Linh;Étudiant;Médecine\n",
    )
    .expect("csv");
    let o = run(&["import", f, csv.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let last = demo_sittings()[1].format("%d/%m/%Y").to_string();
    // The import changed the lists: the seal is refused until they are recorded again.
    let o = run(&[
        "seal",
        f,
        "--date",
        &last,
        "--acknowledge",
        "contrat PADHUE reporté",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("✗ à corriger : les listes ont changé"),
        "{}",
        stderr(&o)
    );
    assert!(run(&["allocate", f, "--record", "séance du jour"])
        .status
        .success());
    // Before the last sitting, refused; then sealed, in knowledge of the PADHUE contract.
    let early = demo_sittings()[0].format("%d/%m/%Y").to_string();
    let o = run(&[
        "seal",
        f,
        "--date",
        &early,
        "--acknowledge",
        "contrat PADHUE reporté",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("précède la dernière séance"),
        "{}",
        stderr(&o)
    );
    let o = run(&["seal", f, "--date", &last]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("! à reconnaître : PADHUE"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("dites pourquoi"), "{}", stderr(&o));
    let o = run(&[
        "seal",
        f,
        "--date",
        &last,
        "--acknowledge",
        "contrat PADHUE reporté",
        "--on-behalf",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("par Claire Dumont, au nom de"),
        "{}",
        stdout(&o)
    );
    let pdf = dir.path().join("r.pdf");
    assert!(run(&["minutes", f, "--out", pdf.to_str().expect("utf8")])
        .status
        .success());
    let journal =
        |run: &dyn Fn(&[&str]) -> Output| stdout(&run(&["journal", f, "--limit", "10000"]));
    let before = journal(&run);

    let backups = stdout(&run(&["backups", f]));
    let before_import = backups
        .split_whitespace()
        .find(|w| w.ends_with("_avant-import.cesp"))
        .expect("the backup taken before the import")
        .to_owned();
    let o = run(&["restore", f, &before_import]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("d'avant le scellement de la version 1"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("Rien n'a été modifié"),
        "{}",
        stderr(&o)
    );
    assert_eq!(journal(&run), before, "nothing journaled");
    let o = run(&["journal", f, "--verify"]);
    assert!(
        o.status.success() && stdout(&o).starts_with("Journal intact"),
        "{}",
        stdout(&o)
    );
    let o = run(&["verify", f, pdf.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("Conforme"), "{}", stdout(&o));

    // After the seal: a restore keeps every line and appends what it undid.
    let newest = stdout(&run(&["backups", f]))
        .split_whitespace()
        .find(|w| w.ends_with(".cesp"))
        .expect("a backup")
        .to_owned();
    let o = run(&["restore", f, &newest]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = journal(&run);
    for line in before.lines().filter(|l| !l.starts_with("    ")) {
        assert!(after.contains(line), "« {line} » lost");
    }
    assert!(after.contains("restaurée"), "{after}");
    let o = run(&["journal", f, "--verify"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let o = run(&["verify", f, pdf.to_str().expect("utf8")]);
    assert!(stdout(&o).starts_with("Conforme"), "{}", stdout(&o));

    // Letters: a return date before today is refused; the default is in ten days.
    let letters = dir.path().join("lettres");
    std::fs::create_dir(&letters).expect("dir");
    let l = letters.to_str().expect("utf8");
    let o = run(&["dossier", f, "--letters", l, "--return-by", "01/12/2026"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Date limite de retour"),
        "{}",
        stderr(&o)
    );
    let o = run(&["dossier", f, "--letters", l]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ten = (chrono::Local::now().date_naive() + chrono::Days::new(10))
        .format("%d/%m/%Y")
        .to_string();
    assert!(
        stdout(&o).contains(&format!("pièces demandées au plus tard le {ten}")),
        "{}",
        stdout(&o)
    );
}
