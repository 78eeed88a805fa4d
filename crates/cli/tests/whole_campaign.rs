//! A script runs a whole campaign through the command line alone: from an empty file to
//! sealed minutes, on French data with accents, every step one `cesp` call.

use std::path::Path;
use std::process::{Command, Output};

fn cesp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cesp"))
        .args(args)
        .env("CESP_OPERATOR", "Claire Dumont")
        .env_remove("CESP_SMTP_PASSWORD")
        // Backups go to a scratch folder, not the developer's home.
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("cesp-cli-tests-campaign"),
        )
        .output()
        .expect("run cesp")
}

/// Runs `cesp` and expects success; returns stdout.
fn ok(args: &[&str]) -> String {
    let o = cesp(args);
    assert!(
        o.status.success(),
        "cesp {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs `cesp … --json` and expects success; returns the JSON.
fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(&all)).expect("json")
}

const CANDIDATES: [(&str, &str); 12] = [
    ("LEFÈVRE", "Zoé"),
    ("DUPONT-MOREAU", "Marie-Ève"),
    ("N'DIAYE", "Loïc"),
    ("GUÉRIN", "Anaïs"),
    ("BENOÎT", "Jérôme"),
    ("LE GALL", "Maëlys"),
    ("ROUSSEL", "Hugo"),
    ("OUÉDRAOGO", "Chloé"),
    ("DE LA FONTAINE", "Noé"),
    ("MÜLLER", "Inès"),
    ("FRANÇOIS", "Jean-Baptiste"),
    ("CHÂTEAU", "Héloïse"),
];

fn write_candidates(path: &Path) {
    let mut csv = String::from(
        "NOM;Prénom;Date de naissance;Catégorie;Discipline;N° INE;Moyenne N-1;Moyenne N-2;Nationalité\n",
    );
    for (i, (last, first)) in CANDIDATES.iter().enumerate() {
        csv.push_str(&format!(
            "{last};{first};{:02}/03/2001;Étudiant;Médecine;INE{i:07};{},{};{},5;Française\n",
            i + 1,
            11 + i % 6,
            i % 10,
            12 + i % 5
        ));
    }
    std::fs::write(path, csv).expect("candidates csv");
}

#[test]
fn a_script_runs_a_whole_campaign_from_an_empty_file_to_sealed_minutes() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Besançon 2026.cesp");
    let f = file.to_str().expect("utf8");
    let data = dir.path().join("candidats.csv");
    write_candidates(&data);
    // The sitting took place two days ago: the minutes are signed on its day.
    let today = chrono::Local::now().date_naive();
    let day = (today - chrono::Duration::days(2))
        .format("%d/%m/%Y")
        .to_string();
    let received = (today - chrono::Duration::days(30))
        .format("%d/%m/%Y")
        .to_string();

    ok(&[
        "new",
        f,
        "--ufr",
        "UFR Santé de Besançon",
        "--year",
        "2026-2027",
        "--city",
        "Besançon",
        "--quotas",
        "3,0,0,0,0,0",
    ]);
    let imported = ok(&["import", f, data.to_str().expect("utf8")]);
    assert!(imported.contains("12"), "{imported}");
    let candidates = json(&["candidates", f]);
    let ids: Vec<i64> = candidates
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect();
    let names: Vec<String> = candidates
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["display_name"].as_str().expect("name").to_owned())
        .collect();
    assert_eq!(ids.len(), 12);

    // The commission and its rules.
    for (name, role) in [
        ("Pr Élise FAIVRE", "president"),
        ("Dr Karim BELKACEM", "ars"),
        ("Dr Anne-Sophie DUVAL", "medecin"),
        ("M. Théo LÉGER", "etudiants"),
    ] {
        ok(&["commission", f, "membre", "ajouter", name, "--role", role]);
    }
    ok(&[
        "commission",
        f,
        "membre",
        "ajouter",
        "Mme Claire DUMONT",
        "--role",
        "secretaire",
    ]);
    let members = json(&["commission", f, "membres"]);
    assert_eq!(members.as_array().expect("members").len(), 5);
    assert_eq!(members[4]["voting"], false);
    ok(&[
        "commission",
        f,
        "membre",
        "modifier",
        "belkacem",
        "--courriel",
        "k.belkacem@ars.sante.fr",
    ]);
    let rules = json(&[
        "commission",
        f,
        "regles",
        "--agregation",
        "mediane",
        "--desaccord",
        "25",
    ]);
    assert_eq!(rules["rules"]["aggregation"], "median");
    assert_eq!(rules["rules"]["disagreement_percent"], 25);
    let o = cesp(&["commission", f, "regles", "--desaccord", "beaucoup"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("beaucoup"));

    // Every dossier complete.
    for id in &ids {
        ok(&[
            "piece",
            f,
            &id.to_string(),
            "recue",
            "--toutes",
            "--date",
            &received,
        ]);
    }
    let dossiers = json(&["dossier", f]);
    for c in dossiers["counts"].as_array().expect("counts") {
        assert_eq!(c["incomplete"], 0, "{c}");
    }

    // A sitting, attendance, hearings, a recusal.
    ok(&[
        "seances",
        f,
        "ajouter",
        "--date",
        &day,
        "--heure",
        "9\u{a0}h",
        "--lieu",
        "Salle du conseil, Besançon",
    ]);
    ok(&[
        "seances", f, "presence", &day, "present", "faivre", "belkacem", "duval", "dumont",
    ]);
    ok(&["seances", f, "presence", &day, "excuse", "léger"]);
    let all: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    let mut audition = vec!["seances", f, "audition", &day];
    audition.extend(all.iter().map(String::as_str));
    ok(&audition);
    let sittings = json(&["seances", f]);
    assert_eq!(sittings[0]["quorum_met"], true, "{sittings}");
    ok(&[
        "deports",
        f,
        "ajouter",
        "duval",
        "ROUSSEL",
        "--motif",
        "Maître de stage du candidat",
    ]);
    assert_eq!(json(&["deports", f]).as_array().expect("recusals").len(), 1);

    // Scores by batch: the criteria the members score.
    let grid = json(&["grille", f]);
    let criteria: Vec<i64> = grid["grid"]["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .flat_map(|b| b["criteria"].as_array().expect("criteria").clone())
        .filter(|c| c["source"] == "members")
        .map(|c| c["id"].as_i64().expect("id"))
        .collect();
    assert!(!criteria.is_empty());
    let voters = ["Élise FAIVRE", "BELKACEM", "DUVAL"];
    let mut batch = String::from("membre;candidat;critère;note\n");
    for (i, id) in ids.iter().enumerate() {
        for (v, voter) in voters.iter().enumerate() {
            if *voter == "DUVAL" && names[i].contains("ROUSSEL") {
                continue;
            }
            for (k, crit) in criteria.iter().enumerate() {
                // Each candidate a different total; whole or half points.
                let value = (2 + (i + k + v) % 3) as f64 + if (i + k) % 2 == 0 { 0.5 } else { 0.0 };
                batch.push_str(&format!(
                    "{voter};{id};{crit};\"{}\"\n",
                    value.to_string().replace('.', ",")
                ));
            }
        }
    }
    // First a batch with bad lines: refused whole, every reason listed, nothing written.
    let bad_csv = dir.path().join("notes-erronées.csv");
    let mut bad = batch.clone();
    bad.push_str("DUVAL;ROUSSEL;1;3\n");
    bad.push_str("Inconnu;LEFÈVRE;1;3\n");
    bad.push_str(&format!("BELKACEM;LEFÈVRE;{};99\n", criteria[0]));
    std::fs::write(&bad_csv, &bad).expect("bad csv");
    let entries_before = json(&["journal", f, "--limit", "1000"])
        .as_array()
        .expect("journal")
        .len();
    let o = cesp(&["notes", f, bad_csv.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let lines = bad.lines().count();
    for (n, what) in [
        (lines - 2, "déporté(e)"),
        (lines - 1, "colonne « membre »"),
        (lines, "dépasse le maximum"),
    ] {
        assert!(
            err.lines().any(
                |l| l.contains(&format!("« notes-erronées.csv », ligne {n}")) && l.contains(what)
            ),
            "line {n} {what}:\n{err}"
        );
    }
    let ranking = json(&["ranking", f]);
    assert!(
        ranking["groups"][0]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["total"].is_null()
                && r["members"]
                    .as_array()
                    .expect("members")
                    .iter()
                    .all(|m| m["scored"] == 0)),
        "nothing written: {ranking}"
    );
    let journal = json(&["journal", f, "--limit", "1000"]);
    assert_eq!(journal.as_array().expect("journal").len(), entries_before);

    // The good batch: written in one go.
    let good_csv = dir.path().join("notes.csv");
    std::fs::write(&good_csv, &batch).expect("csv");
    let set = json(&["notes", f, good_csv.to_str().expect("utf8")]);
    assert_eq!(set["changed"], 0);
    assert!(set["added"].as_i64().expect("added") > 0);
    // One score changed by hand.
    ok(&[
        "note",
        f,
        "faivre",
        "LEFÈVRE",
        &criteria[0].to_string(),
        "4",
    ]);

    // Validate, allocate, seal.
    let locked = json(&["valider", f]);
    assert_eq!(locked["locked"], 12, "{locked}");
    let allocation = json(&["allocate", f, "--record", "Délibération de la commission"]);
    let main: Vec<String> = allocation["groups"][0]["main"]
        .as_array()
        .expect("main")
        .iter()
        .map(|d| d["display_name"].as_str().expect("name").to_owned())
        .collect();
    assert_eq!(main.len(), 3, "{allocation}");
    let sealed = json(&[
        "seal",
        f,
        "--date",
        &day,
        "--acknowledge",
        "Vérifié en séance",
    ]);
    assert!(sealed["fingerprint"]
        .as_str()
        .is_some_and(|f| f.len() == 64));
    // A member present approves the sealed minutes (the PDF then carries the approval:
    // its fingerprint is the one recorded last).
    let approved = json(&["approuver", f, "belkacem"]);
    assert_eq!(approved["version"], sealed["version"]);
    let fingerprint = approved["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_owned();
    let pdf = dir.path().join("pv.pdf");
    ok(&["minutes", f, "--out", pdf.to_str().expect("utf8")]);

    let text = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().expect("utf8"), "-"])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    std::fs::write(std::env::temp_dir().join("cesp-whole-pv.txt"), &text).ok();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let present = flat
        .split("Présents :")
        .nth(1)
        .and_then(|p| p.split("Excusés :").next())
        .expect("the members present");
    for who in ["Élise FAIVRE", "Karim BELKACEM", "Anne-Sophie DUVAL"] {
        assert!(present.contains(who), "{who} present:\n{text}");
    }
    assert!(flat.contains("Excusés : M. Théo LÉGER"), "{text}");
    assert!(
        flat.contains(&format!("1 {} ", main[0]))
            && flat.contains("retenu — rang 1 sur 12, étudiants — médecine"),
        "{} retained first on the main list:\n{text}",
        main[0]
    );
    assert!(
        flat.contains(&format!("empreinte SHA-256 : {fingerprint}")),
        "fingerprint {fingerprint}:\n{text}"
    );
}

/// Runs `cesp` and expects a refusal (exit 1); returns stderr.
fn refused(args: &[&str]) -> String {
    let o = cesp(args);
    assert_eq!(o.status.code(), Some(1), "cesp {args:?} should be refused");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn each_use_case_is_one_command_and_refusals_are_core_s_own_words() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("Dijon.cesp");
    let f = file.to_str().expect("utf8");
    let data = dir.path().join("candidats.csv");
    write_candidates(&data);
    ok(&[
        "new",
        f,
        "--ufr",
        "UFR des sciences de santé de Dijon",
        "--year",
        "2026-2027",
    ]);
    ok(&["import", f, data.to_str().expect("utf8")]);
    let day = (chrono::Local::now().date_naive() - chrono::Duration::days(1))
        .format("%d/%m/%Y")
        .to_string();

    // Members: added, changed, removed; an unknown one named in the refusal.
    ok(&[
        "commission",
        f,
        "membre",
        "ajouter",
        "Pr Hélène BRUNET",
        "--role",
        "président",
    ]);
    ok(&[
        "commission",
        f,
        "membre",
        "ajouter",
        "Dr Paul ROCHE",
        "--role",
        "medecin",
    ]);
    ok(&[
        "commission",
        f,
        "membre",
        "ajouter",
        "Mme Inès SAÏDI",
        "--role",
        "secretaire",
    ]);
    let m = json(&[
        "commission",
        f,
        "membre",
        "modifier",
        "roche",
        "--vote",
        "non",
    ]);
    assert_eq!(m[1]["voting"], false, "{m}");
    let m = json(&["commission", f, "membre", "retirer", "saïdi"]);
    assert_eq!(m.as_array().expect("members").len(), 2);
    assert!(refused(&["commission", f, "membre", "retirer", "Durand"]).contains("« Durand »"));
    ok(&[
        "commission",
        f,
        "membre",
        "modifier",
        "roche",
        "--vote",
        "oui",
    ]);
    let r = json(&[
        "commission",
        f,
        "regles",
        "--quorum",
        "2",
        "--padhue",
        "commission",
    ]);
    assert_eq!(r["rules"]["quorum"], "count");
    assert_eq!(r["rules"]["quorum_count"], 2);
    assert_eq!(r["rules"]["padhue_academic"], "commission");
    assert!(ok(&["commission", f, "regles"]).contains("La commission délibère"));

    // Sittings: added, removed.
    ok(&[
        "seances",
        f,
        "ajouter",
        "--date",
        &day,
        "--heure",
        "14\u{a0}h",
        "--lieu",
        "Amphithéâtre",
    ]);
    let s = json(&[
        "seances", f, "ajouter", "--date", &day, "--heure", "9\u{a0}h", "--lieu", "Salle B",
    ]);
    assert_eq!(s.as_array().expect("sittings").len(), 2);
    let second = s[1]["id"].as_i64().expect("id").to_string();
    let s = json(&["seances", f, "retirer", &second]);
    assert_eq!(s.as_array().expect("sittings").len(), 1);
    assert!(refused(&["seances", f, "retirer", "01/01/2020"]).contains("« 01/01/2020 »"));

    // Recusals: declared, lifted.
    ok(&[
        "deports",
        f,
        "ajouter",
        "roche",
        "GUÉRIN",
        "--motif",
        "Cousin de la candidate",
    ]);
    let r = json(&["deports", f, "retirer", "roche", "guerin"]);
    assert_eq!(r.as_array().expect("recusals").len(), 0);

    // The grid goes out as JSON and comes back; a bad file is refused naming --set.
    let grid = json(&["grille", f]);
    let out = dir.path().join("grille.json");
    std::fs::write(&out, grid.to_string()).expect("grid");
    let again = json(&["grille", f, "--set", out.to_str().expect("utf8")]);
    assert_eq!(again["blocks"], grid["blocks"]);
    let bad = dir.path().join("mauvaise.json");
    std::fs::write(&bad, "{\"blocs\": []}").expect("bad");
    assert!(refused(&["grille", f, "--set", bad.to_str().expect("utf8")]).contains("--set"));

    // One score; a criterion that does not exist is refused naming the argument.
    let crit = grid["grid"]["blocks"][0]["criteria"][0]["id"]
        .as_i64()
        .expect("criterion")
        .to_string();
    ok(&["seances", f, "presence", &day, "present", "brunet", "roche"]);
    ok(&["seances", f, "audition", &day, "LEFÈVRE"]);
    let saved = json(&["note", f, "brunet", "lefevre", &crit, "3,5"]);
    assert_eq!(saved["value"], "3,5");
    assert!(refused(&["note", f, "brunet", "lefevre", "xyz", "3"]).contains("CRITÈRE"));
    assert!(refused(&["note", f, "brunet", "lefevre", &crit, "99"]).contains("dépasse le maximum"));

    // Validation of an incomplete candidate is core's refusal; unlock needs validated scores.
    assert!(!refused(&["valider", f, "lefevre"]).is_empty());
    assert!(!refused(&["deverrouiller", f, "lefevre", "--motif", "Erreur de saisie"]).is_empty());

    // Pieces: the checklist grows and shrinks; a piece's status; eligibility decided.
    let p = json(&[
        "pieces",
        f,
        "ajouter",
        "Attestation de stage",
        "--facultative",
        "--categories",
        "etudiant",
    ]);
    let n = p.as_array().expect("pieces").len();
    let p = json(&["pieces", f, "retirer", "Attestation de stage"]);
    assert_eq!(p.as_array().expect("pieces").len(), n - 1);
    let first = p[0]["code"].as_str().expect("code").to_owned();
    let d = json(&[
        "piece",
        f,
        "GUÉRIN",
        "non-conforme",
        &first,
        "--motif",
        "Illisible",
    ]);
    assert!(d["pieces"]
        .as_array()
        .expect("pieces")
        .iter()
        .any(|x| x["reason"] == "Illisible"));
    assert!(refused(&["piece", f, "GUÉRIN", "recue", "inexistante"]).contains("« inexistante »"));
    let d = json(&[
        "recevabilite",
        f,
        "GUÉRIN",
        "--recevable",
        "--motif",
        "Pièce produite en séance",
    ]);
    assert!(d["eligibility"]["overridden"].is_object(), "{d}");
    assert!(refused(&["recevabilite", f, "GUÉRIN", "--non-recevable"]).contains("Motif"));
    let d = json(&["recevabilite", f, "GUÉRIN", "--annuler"]);
    assert!(d["eligibility"]["overridden"].is_null(), "{d}");

    // Allocation rules, a decision overridden and back; a tie vote.
    let r = json(&[
        "regles-attribution",
        f,
        "--seuil",
        "12",
        "--complementaire",
        "4",
        "--departage",
        "entretien,projet",
    ]);
    assert_eq!(r["min_total"], "12");
    assert_eq!(r["complementary_size"], "4");
    assert_eq!(r["tie_chain"], serde_json::json!(["interview", "project"]));
    assert!(refused(&["regles-attribution", f, "--departage", "hasard"]).contains("--departage"));
    ok(&[
        "decision",
        f,
        "ROUSSEL",
        "principale",
        "--motif",
        "Projet exceptionnel",
    ]);
    let journal = json(&["journal", f, "--limit", "1"]);
    assert!(
        journal[0]["summary"]
            .as_str()
            .expect("summary")
            .contains("ROUSSEL"),
        "{journal}"
    );
    ok(&["decision", f, "ROUSSEL", "calculee"]);
    // The vote is recorded in the order given (core checks its reason, not the tie).
    assert!(refused(&["vote", f, "ROUSSEL", "GUÉRIN", "--motif", " "]).contains("Motif"));
    ok(&[
        "vote",
        f,
        "ROUSSEL",
        "GUÉRIN",
        "--motif",
        "Vote à main levée",
    ]);
    let journal = json(&["journal", f, "--limit", "1"]);
    assert!(
        journal[0]["summary"]
            .as_str()
            .expect("summary")
            .contains("ordre retenu ROUSSEL Hugo puis GUÉRIN Anaïs — Vote à main levée"),
        "{journal}"
    );

    // A sitting changed; a computed academic value corrected; the history of allocations;
    // a signature that is not a PNG; every score reset.
    let s = json(&["seances", f, "modifier", &day, "--lieu", "Salle C"]);
    assert_eq!(s[0]["place"], "Salle C", "{s}");
    let academic = grid["grid"]["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .flat_map(|b| b["criteria"].as_array().expect("criteria").clone())
        .find(|c| c["source"] == "academic")
        .expect("an academic criterion")["id"]
        .as_i64()
        .expect("id")
        .to_string();
    assert!(refused(&["correction", f, "lefevre", &academic, "4"]).contains("Motif"));
    let v = json(&[
        "correction",
        f,
        "lefevre",
        &academic,
        "4",
        "--motif",
        "Relevé de notes rectifié",
    ]);
    assert!(v[0]["value"].as_f64().is_some(), "{v}");
    assert_eq!(
        json(&["attributions", f]).as_array().expect("runs").len(),
        0
    );
    let not_png = dir.path().join("signature.png");
    std::fs::write(&not_png, "pas une image").expect("file");
    assert!(refused(&["signature", f, "brunet", not_png.to_str().expect("utf8")]).contains("PNG"));
    let reset = json(&["reinitialiser-notes", f, "--motif", "La grille change"]);
    assert_eq!(reset["deleted"], 1);

    // A candidate typed in, changed, deleted; an unknown field named in the refusal.
    let c = json(&[
        "candidat",
        f,
        "ajouter",
        "Nom=PAYET",
        "Prénom=Loïs",
        "Date de naissance=12/05/2000",
        "Catégorie=Étudiant",
        "Discipline=Médecine",
    ]);
    assert_eq!(c["display_name"], "PAYET Loïs", "{c}");
    let c = json(&["candidat", f, "modifier", "payet", "Prénom=Loïc"]);
    assert_eq!(c["display_name"], "PAYET Loïc", "{c}");
    assert!(refused(&["candidat", f, "modifier", "payet", "Couleur=bleu"]).contains("« Couleur »"));
    let d = json(&["candidat", f, "supprimer", "payet"]);
    assert_eq!(d.as_array().expect("deleted").len(), 1);

    // The settings go out with `info --json` and come back changed.
    let mut info = json(&["info", f]);
    info["settings"]["city"] = serde_json::json!("Dijon");
    let params = dir.path().join("paramètres.json");
    std::fs::write(&params, info.to_string()).expect("settings");
    let summary = json(&["parametres", f, "--set", params.to_str().expect("utf8")]);
    assert_eq!(summary["settings"]["city"], "Dijon");

    // Interviews, on the demonstration's planning: pinned, freed, a bad move refused.
    let demo = dir.path().join("démo.cesp");
    let d = demo.to_str().expect("utf8");
    ok(&["demo", d]);
    assert!(ok(&["entretien", d, "fixer", "1"]).contains("fixé"));
    assert!(ok(&["entretien", d, "liberer", "1"]).contains("libéré"));
    assert!(refused(&[
        "entretien",
        d,
        "deplacer",
        "1",
        "--jury",
        "1",
        "--date",
        "demain",
        "--heure",
        "9\u{a0}h",
    ])
    .contains("Date"));

    // Retention, the purge refused before its time, a file that is not attached.
    let r = json(&["conservation", f, "--mois", "24"]);
    assert_eq!(r["months"], 24);
    let export = dir.path().join("purge.xlsx");
    assert!(refused(&["purge", f, "--out", export.to_str().expect("utf8")]).contains("24 mois"));
    assert!(refused(&["detacher", f, "99999"]).contains("99999"));

    // E-mail settings go out as JSON and come back filled in.
    let mut mail = json(&["courriel-parametres", f]);
    mail["settings"]["host"] = serde_json::json!("smtp.u-bourgogne.fr");
    mail["settings"]["sender_name"] = serde_json::json!("Scolarité — UFR Santé");
    mail["settings"]["sender_address"] = serde_json::json!("scolarite-sante@u-bourgogne.fr");
    let mail_file = dir.path().join("courriel.json");
    std::fs::write(&mail_file, mail.to_string()).expect("mail");
    let saved = json(&[
        "courriel-parametres",
        f,
        "--set",
        mail_file.to_str().expect("utf8"),
    ]);
    assert_eq!(saved["settings"]["host"], "smtp.u-bourgogne.fr");

    // Approving minutes that are not sealed is core's refusal.
    assert!(!refused(&["approuver", f, "brunet"]).is_empty());
}
