//! `cesp`: the headless command line of CESP Commission.
//!
//! Exit codes: 0 success, 1 a user error (French message on stderr), 2 bad usage.

use std::io::IsTerminal;
use std::process::ExitCode;

use cesp_core::campaign::{CampaignSettings, DisciplineQuota, Quotas};
use cesp_core::candidate::Discipline;
use cesp_core::cipher::Passphrase;
use cesp_core::{demo, fr, Campaign, Error};
use serde::Serialize;

include!("args.rs");

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                let body = serde_json::json!({
                    "error": { "code": e.code(), "message": e.to_string(), "details": e.details() }
                });
                eprintln!("{body}");
            } else {
                let details = e.details();
                if details.len() > 1 {
                    eprintln!("Erreur : {} points sont à corriger :", details.len());
                    for d in details {
                        eprintln!("  - {}", d.message);
                    }
                } else {
                    eprintln!("Erreur : {e}");
                    if matches!(e, Error::PassphraseRequired(_)) {
                        eprintln!("Donnez-la dans la variable d'environnement CESP_PASSPHRASE, ou lancez la commande dans un terminal pour la saisir.");
                    }
                    if details.iter().any(|d| d.field == "operator") {
                        eprintln!("Ce nom, inscrit au journal, est celui de l'option --operator ou de la variable d'environnement CESP_OPERATOR, à défaut l'utilisateur du système.");
                    }
                }
            }
            ExitCode::from(1)
        }
    }
}

/// Who acts, as the journal inscribes it: `--operator` (or `CESP_OPERATOR`), else the
/// system's user; checked by the same rule as the app's name dialog.
fn operator(cli_value: &Option<String>) -> Result<String, Error> {
    let raw = cli_value
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "inconnu".to_owned());
    cesp_core::operator::parse(&raw)
}

fn run(cli: Cli) -> Result<(), Error> {
    let op = operator(&cli.operator)?;
    match cli.command {
        Command::New(args) => {
            let settings = settings_from(&args)?;
            let key = if args.encrypt {
                Some(new_passphrase()?)
            } else {
                None
            };
            let campaign = Campaign::create_with(&args.file, false, key.as_ref(), &settings, &op)?;
            let summary = campaign.summary()?;
            output(cli.json, &summary, || {
                format!(
                    "Campagne créée : {}\nFichier : {}",
                    summary.title, summary.path
                )
            });
        }
        Command::Demo { file, reset } => {
            let campaign = if reset {
                demo::reset(&file)?
            } else {
                demo::create(&file)?
            };
            let summary = campaign.summary()?;
            output(cli.json, &summary, || {
                format!(
                    "Campagne de démonstration {} : {}\nFichier : {}\n{} candidats, {} membres de la commission.",
                    if reset { "recréée" } else { "créée" },
                    summary.title, summary.path, summary.candidate_count, summary.member_count
                )
            });
        }
        Command::Passphrase { file, remove } => {
            let b = backups();
            let mut campaign = write(&file, &b)?;
            let current = campaign.passphrase().cloned();
            let new = if remove {
                None
            } else {
                Some(new_passphrase()?)
            };
            // Opening the file took its passphrase: that is the current one.
            campaign.change_passphrase(current.as_ref(), new.as_ref(), &op)?;
            let summary = campaign.summary()?;
            output(cli.json, &summary, || {
                match (current.is_some(), remove) {
                    (_, true) => "Chiffrement retiré : le fichier se lit désormais sans phrase de passe, ses sauvegardes aussi.",
                    (false, false) => "Fichier chiffré : il faudra désormais sa phrase de passe pour l'ouvrir ; ses sauvegardes sont chiffrées aussi. Sans elle, personne ne pourra le lire : notez-la en lieu sûr.",
                    (true, false) => "Phrase de passe changée : l'ancienne n'ouvre plus le fichier ni ses sauvegardes.",
                }
                .to_owned()
            });
        }
        Command::Info { file } => {
            let campaign = read(&file)?;
            let summary = campaign.summary()?;
            output(cli.json, &summary, || info_text(&summary));
        }
        Command::Import(args) => import(args, cli.json, &op)?,
        Command::Candidates { file, csv } => {
            let campaign = read(&file)?;
            if csv {
                print!("{}", campaign.candidates_csv()?);
            } else {
                let rows = campaign.candidates()?;
                output(cli.json, &rows, || {
                    let mut out = vec![fr::count(rows.len(), "candidat", "candidats")];
                    for r in &rows {
                        out.push(format!(
                            "{:>5}  {:<40} {:<26} {}",
                            r.id, r.display_name, r.category_label, r.birth_date_display
                        ));
                    }
                    out.join("\n")
                });
            }
        }
        Command::Imports { file } => {
            let campaign = read(&file)?;
            let list = campaign.imports()?;
            output(cli.json, &list, || {
                if list.is_empty() {
                    return "Aucun import.".to_owned();
                }
                list.iter()
                    .map(|b| {
                        format!(
                            "n° {}  {}  {}  « {} » : {}, {} mis à jour, {}{}",
                            b.id,
                            b.at_display,
                            b.operator,
                            b.file_name,
                            fr::count(b.created, "créé", "créés"),
                            b.updated,
                            fr::count(b.rejected, "rejeté", "rejetés"),
                            b.undone_display
                                .as_ref()
                                .map(|u| format!(" — annulé le {u}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Backups { file } => {
            let campaign = read(&file)?;
            let list = backups().list(campaign.path());
            output(cli.json, &list, || {
                if list.is_empty() {
                    return "Aucune sauvegarde.".to_owned();
                }
                list.iter()
                    .map(|b| {
                        format!(
                            "{}  {} ({} Ko)  {}",
                            b.taken_display, b.reason, b.size_kb, b.file_name
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Restore { file, backup } => {
            let b = backups();
            let mut campaign = write(&file, &b)?;
            campaign.restore_backup(&b, &backup, &op)?;
            let summary = campaign.summary()?;
            output(cli.json, &summary, || {
                format!(
                    "Sauvegarde restaurée : {} ({} candidats).",
                    summary.title, summary.candidate_count
                )
            });
        }
        Command::Scores {
            file,
            export_sheets,
            import,
        } => {
            if let Some(dir) = export_sheets {
                let campaign = read(&file)?;
                let written = campaign.export_score_sheets(&dir)?;
                output(cli.json, &written, || {
                    let mut out = vec![format!(
                        "{} :",
                        fr::count(
                            written.len(),
                            "feuille de notation écrite",
                            "feuilles de notation écrites"
                        )
                    )];
                    for w in &written {
                        out.push(format!(
                            "  {} — {} : {}",
                            w.member,
                            fr::count(w.candidates, "candidat", "candidats"),
                            w.path
                        ));
                    }
                    out.join("\n")
                });
            } else {
                let mut campaign = write(&file, &backups())?;
                // Every sheet is read, as in the app: a refused one does not stop the others.
                let mut done = Vec::new();
                let mut refused = Vec::new();
                for outcome in campaign.import_score_sheets(&import, &op) {
                    match outcome.result {
                        Ok(r) => {
                            if !cli.json {
                                println!(
                                    "Feuille de {} importée : {}, {}, {}, {}.",
                                    r.member,
                                    fr::count(r.added, "note ajoutée", "notes ajoutées"),
                                    fr::count(r.changed, "modifiée", "modifiées"),
                                    fr::count(r.unchanged, "inchangée", "inchangées"),
                                    fr::count(r.empty, "case vide", "cases vides")
                                );
                            }
                            done.push(r);
                        }
                        Err(e) => refused.push(e),
                    }
                }
                if cli.json && (!done.is_empty() || refused.is_empty()) {
                    output(true, &done, String::new);
                }
                if let Some(e) = sheets_refused(refused) {
                    return Err(e);
                }
            }
        }
        Command::Dossier {
            file,
            candidate,
            letters,
            receipts,
            return_by,
        } => {
            let campaign = read(&file)?;
            let today = cesp_core::clock::today();
            let ids = match &candidate {
                Some(c) => vec![find_candidate(&campaign, c)?],
                None => Vec::new(),
            };
            if let Some((kind, dir)) = letters
                .map(|d| (cesp_core::dossier::letters::LetterKind::MissingPieces, d))
                .or(receipts.map(|d| (cesp_core::dossier::letters::LetterKind::Receipt, d)))
            {
                let by = return_by
                    .unwrap_or_else(|| cesp_core::dossier::letters::proposed_return_by(today));
                let written = campaign.write_dossier_letters(kind, &ids, today, &by, &dir)?;
                output(cli.json, &written, || {
                    let mut out = vec![format!(
                        "{}{} :",
                        fr::count(written.len(), "fichier PDF écrit", "fichiers PDF écrits"),
                        if kind == cesp_core::dossier::letters::LetterKind::MissingPieces {
                            format!(" (pièces demandées au plus tard le {})", by.trim())
                        } else {
                            String::new()
                        }
                    )];
                    out.extend(written.iter().map(|w| format!("  {}", w.path)));
                    out.join("\n")
                });
            } else if let Some(id) = ids.first() {
                let d = campaign.dossier(*id)?;
                output(cli.json, &d, || dossier_text(&d));
            } else {
                let all = campaign.dossiers()?;
                let counts = cesp_core::dossier::counts(&all);
                output(
                    cli.json,
                    &serde_json::json!({ "counts": counts, "dossiers": all }),
                    || {
                        let mut out = Vec::new();
                        for c in &counts {
                            out.push(format!(
                                "{} : {}",
                                c.label,
                                dossier_counts(c.complete, c.incomplete, c.not_eligible)
                            ));
                        }
                        out.push(String::new());
                        for d in &all {
                            out.push(format!(
                                "{:<5} {:<36} {:<24} {}",
                                d.candidate_id,
                                d.display_name,
                                d.eligibility.label,
                                d.eligibility.reasons.join(" ; ")
                            ));
                        }
                        out.join("\n")
                    },
                );
            }
        }
        Command::Attach {
            file,
            candidate,
            piece,
            path,
        } => {
            let mut campaign = write(&file, &backups())?;
            let id = find_candidate(&campaign, &candidate)?;
            let pieces = campaign.pieces()?;
            let wanted = fold(&piece);
            let p = pieces
                .iter()
                .find(|p| p.code == piece || p.id.to_string() == piece)
                .or_else(|| pieces.iter().find(|p| fold(&p.label).starts_with(&wanted)))
                .ok_or_else(|| {
                    Error::Refused(format!(
                        "Pièce « {piece} » inconnue : indiquez son code ({}).",
                        pieces
                            .iter()
                            .map(|p| p.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            let d = campaign.attach(id, p.id, &path, &op)?;
            output(cli.json, &d, || {
                format!(
                    "Fichier joint à la pièce « {} » de {}.\n{}",
                    p.label,
                    d.display_name,
                    dossier_text(&d)
                )
            });
        }
        Command::Merge {
            file,
            other,
            dry_run,
            keep_ours,
            take_theirs,
        } => {
            let plan = if dry_run {
                read(&file)?.merge_preview(&other)?
            } else {
                let mut campaign = write(&file, &backups())?;
                let preview = campaign.merge_preview(&other)?;
                let choices: Vec<cesp_core::dossier::merge::MergeChoice> = preview
                    .conflicts
                    .iter()
                    .filter(|_| keep_ours || take_theirs)
                    .map(|k| cesp_core::dossier::merge::MergeChoice {
                        key: k.key.clone(),
                        take_theirs,
                    })
                    .collect();
                campaign.merge(&other, &choices, &op)?
            };
            output(cli.json, &plan, || {
                merge_text(&plan, dry_run, keep_ours, take_theirs)
            });
        }
        Command::Schedule {
            file,
            setup,
            dry_run,
        } => {
            let mut campaign = if dry_run && setup.is_none() {
                read(&file)?
            } else {
                write(&file, &backups())?
            };
            if let Some(p) = &setup {
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                let s: cesp_core::schedule::plan::ScheduleSetup = serde_json::from_str(&text).map_err(|e| {
                    Error::Refused(format!("Le fichier « {} » n'est pas une organisation des entretiens lisible ({e}) : partez de la sortie de « cesp schedule FICHIER --json » (clé \"setup\").", p.display()))
                })?;
                campaign.set_schedule_setup(&s, &op)?;
            }
            let (plan, shown) = campaign.plan_interviews(dry_run, &op)?;
            let setup = campaign.schedule_setup()?;
            output(
                cli.json,
                &serde_json::json!({ "setup": setup, "plan": shown, "quality": plan.quality, "exact": plan.exact, "notes": plan.notes }),
                || {
                    let mut out = Vec::new();
                    let mut day = String::new();
                    let mut jury = String::new();
                    let mut by_room = shown.interviews.clone();
                    by_room.sort_by(|a, b| {
                        (&a.date, &a.jury_label, a.start).cmp(&(&b.date, &b.jury_label, b.start))
                    });
                    for i in &by_room {
                        if i.date_display != day {
                            day = i.date_display.clone();
                            jury.clear();
                            out.push(String::new());
                            out.push(cesp_core::fr::tidy(&day).to_uppercase());
                        }
                        if i.jury_label != jury {
                            jury = i.jury_label.clone();
                            out.push(format!("  {jury}"));
                        }
                        out.push(format!(
                            "    {:>8}  {}{}",
                            i.start_display,
                            i.candidate_name,
                            if i.pinned { "  (fixé)" } else { "" }
                        ));
                    }
                    out.push(String::new());
                    out.push(format!("Qualité : {}.", shown.quality));
                    out.extend(plan.notes.iter().cloned());
                    out.push(if dry_run {
                        "Simulation : rien n'a été enregistré.".to_owned()
                    } else {
                        "Planning enregistré.".to_owned()
                    });
                    out.join("\n")
                },
            );
        }
        Command::Convocations { file, out } => {
            let campaign = read(&file)?;
            std::fs::create_dir_all(&out).map_err(|e| Error::io(&out, e))?;
            let written = campaign
                .write_convocations(&out, cesp_core::clock::today())?
                .files;
            output(cli.json, &written, || {
                let mut lines = vec![format!(
                    "{} (convocations et agendas) :",
                    fr::count(written.len(), "fichier écrit", "fichiers écrits")
                )];
                lines.extend(written.iter().map(|w| format!("  {w}")));
                lines.join("\n")
            });
        }
        Command::Timetable { file, out, xlsx } => {
            let campaign = read(&file)?;
            campaign.write_timetable(&out)?;
            let lines = match &xlsx {
                Some(p) => Some(campaign.export_plan_xlsx(p)?),
                None => None,
            };
            output(
                cli.json,
                &serde_json::json!({ "pdf": out, "xlsx": xlsx, "lines": lines }),
                || {
                    let mut text = format!("Planning écrit dans « {} ».", out.display());
                    if let (Some(p), Some(n)) = (&xlsx, lines) {
                        text.push_str(&format!(
                            "\n{} dans « {} ».",
                            fr::count(n, "entretien écrit", "entretiens écrits"),
                            p.display()
                        ));
                    }
                    text
                },
            );
        }
        Command::Minutes { file, out, version } => {
            let campaign = read(&file)?;
            campaign.write_minutes_pdf(&out, version, cesp_core::clock::today())?;
            let state = campaign.minutes(cesp_core::clock::today())?;
            output(
                cli.json,
                &serde_json::json!({ "path": out, "sealed": state.sealed }),
                || match (&state.sealed, version) {
                    (_, Some(v)) => format!(
                        "Version {v} du procès-verbal écrite dans « {} ».",
                        out.display()
                    ),
                    (Some(v), None) => format!(
                        "Procès-verbal scellé (version {}, empreinte {}) écrit dans « {} ».",
                        v.version,
                        v.fingerprint,
                        out.display()
                    ),
                    (None, None) => {
                        let mut text = format!(
                            "Projet de procès-verbal (non scellé) écrit dans « {} ».",
                            out.display()
                        );
                        if !state.checklist.is_empty() {
                            text.push('\n');
                            text.push_str(&checklist_text(&state.checklist));
                        }
                        text
                    }
                },
            );
        }
        Command::Seal {
            file,
            date,
            acknowledge,
            on_behalf,
        } => {
            let today = cesp_core::clock::today();
            let request = cesp_core::minutes::SealRequest {
                signed_on: date.unwrap_or_else(|| today.format("%d/%m/%Y").to_string()),
                acting: if on_behalf {
                    cesp_core::minutes::Acting::OnBehalf
                } else {
                    cesp_core::minutes::Acting::Chair
                },
                acknowledgement: acknowledge.unwrap_or_default(),
            };
            let mut campaign = write(&file, &backups())?;
            let checklist = campaign.minutes(today)?.checklist;
            if !cli.json && !checklist.is_empty() {
                eprintln!("{}", checklist_text(&checklist));
            }
            let v = campaign.seal_minutes(&request, today, &op)?;
            output(cli.json, &v, || {
                format!(
                    "Procès-verbal scellé : version {}, le {} par {}.\nEmpreinte SHA-256 : {}\nÉcrivez-le en PDF avec « cesp minutes {} --out pv.pdf ».",
                    v.version,
                    v.sealed_display,
                    v.sealed_by,
                    v.fingerprint,
                    file.display()
                )
            });
        }
        Command::Reopen { file, reason } => {
            let mut campaign = write(&file, &backups())?;
            campaign.reopen_minutes(&reason, &op)?;
            output(cli.json, &serde_json::json!({ "reopened": true }), || {
                "Procès-verbal rouvert (une sauvegarde a été faite avant) ; la version précédente reste dans l'historique. Scellez une nouvelle version une fois les modifications faites.".into()
            });
        }
        Command::Verify { file, pdf } => {
            let campaign = read(&file)?;
            let bytes = std::fs::read(&pdf).map_err(|e| Error::io(&pdf, e))?;
            let v = campaign.verify_minutes(&bytes)?;
            output(cli.json, &v, || {
                let mut lines = vec![v.verdict.clone()];
                lines.extend(v.findings.iter().map(|f| format!("  - {f}")));
                lines.join("\n")
            });
            if !(v.pdf_matches == Some(true) && v.data_match) {
                std::process::exit(1);
            }
        }
        Command::Letters { file, out } => {
            let campaign = read(&file)?;
            let written = campaign.write_allocation_letters(&out, cesp_core::clock::today())?;
            output(cli.json, &written, || {
                let mut lines = vec![format!(
                    "{} :",
                    fr::count(written.len(), "fichier PDF écrit", "fichiers PDF écrits")
                )];
                lines.extend(written.iter().map(|w| format!("  {w}")));
                lines.join("\n")
            });
        }
        Command::Allocate {
            file,
            what_if,
            seuil,
            record,
            xlsx,
        } => {
            if let Some(path) = &xlsx {
                let campaign = read(&file)?;
                let n = campaign.export_allocation_xlsx(path)?;
                output(
                    cli.json,
                    &serde_json::json!({ "lines": n, "path": path }),
                    || {
                        format!(
                            "{} dans « {} ».",
                            fr::count(n, "ligne écrite", "lignes écrites"),
                            path.display()
                        )
                    },
                );
                return Ok(());
            }
            let mut scenario = match &what_if {
                Some(p) => Some(read_scenario(p)?),
                None => None,
            };
            if let Some(s) = seuil {
                scenario.get_or_insert_with(Default::default).min_total = Some(s);
            }
            if let Some(reason) = record {
                let mut campaign = write(&file, &backups())?;
                let id = campaign.record_allocation(&reason, &op)?;
                let a = campaign.allocation(None)?;
                output(cli.json, &a, || {
                    format!(
                        "{}\nAttribution n° {id} inscrite à l'historique.",
                        allocation_text(&a, false)
                    )
                });
            } else {
                let campaign = read(&file)?;
                let a = campaign.allocation(scenario.as_ref())?;
                output(cli.json, &a, || allocation_text(&a, scenario.is_some()));
            }
        }
        Command::Specialties { file, set } => {
            use cesp_core::allocation::SpecialtyQuota;
            let rows = match &set {
                Some(p) => {
                    let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                    let rows: Vec<SpecialtyQuota> = serde_json::from_str(&text).map_err(|e| {
                        Error::Refused(format!(
                            "Le fichier « {} » n'est pas une liste de places par spécialité lisible ({e}) : il faut un JSON comme [{{\"category\": \"intern\", \"discipline\": \"medicine\", \"specialty\": \"Médecine générale\", \"places\": 3}}].",
                            p.display()
                        ))
                    })?;
                    let mut campaign = write(&file, &backups())?;
                    campaign.set_specialty_quotas(&rows, &op)?;
                    campaign.specialty_plan()?
                }
                None => read(&file)?.specialty_plan()?,
            };
            output(cli.json, &rows, || {
                let mut out = Vec::new();
                if rows.rows.is_empty() {
                    out.push("Aucune restriction par spécialité : chaque contingent est ouvert à toutes les spécialités.".to_owned());
                } else {
                    out.push("Places ouvertes par l'ARS :".to_owned());
                    for q in &rows.rows {
                        out.push(format!(
                            "  {} : {} {}",
                            cesp_core::candidate::group_label(q.category, q.discipline),
                            q.specialty,
                            q.places
                        ));
                    }
                }
                if !rows.known.is_empty() {
                    out.push("Spécialités visées par les candidats :".to_owned());
                    for q in &rows.known {
                        out.push(format!(
                            "  {} : {} ({})",
                            cesp_core::candidate::group_label(q.category, q.discipline),
                            q.specialty,
                            fr::count(q.places, "candidat", "candidats")
                        ));
                    }
                }
                out.join("\n")
            });
        }
        Command::Withdraw {
            file,
            candidate,
            reason,
            date,
            not_returned,
        } => {
            let mut campaign = write(&file, &backups())?;
            let id = find_candidate(&campaign, &candidate)?;
            let day =
                date.unwrap_or_else(|| cesp_core::clock::today().format("%d/%m/%Y").to_string());
            let a = campaign.record_withdrawal(id, &day, not_returned, &reason, &op)?;
            let summary = campaign
                .journal(1)?
                .first()
                .map(|j| j.summary.clone())
                .unwrap_or_default();
            output(cli.json, &a, || {
                format!("{summary}\n\n{}", allocation_text(&a, false))
            });
        }
        Command::Ranking { file } => {
            let campaign = read(&file)?;
            let ranking = campaign.ranking()?;
            output(cli.json, &ranking, || ranking_text(&ranking));
        }
        Command::UndoImport { file, batch } => {
            let mut campaign = write(&file, &backups())?;
            let batch = match batch {
                Some(b) => b,
                None => campaign
                    .imports()?
                    .into_iter()
                    .find(|b| b.can_undo)
                    .map(|b| b.id)
                    .ok_or_else(|| Error::Refused("Aucun import à annuler.".into()))?,
            };
            let removed = campaign.undo_import(batch, &op)?;
            output(
                cli.json,
                &serde_json::json!({ "batch": batch, "removed": removed }),
                || {
                    format!(
                        "Import n° {batch} annulé : {}.",
                        fr::count(removed, "candidat retiré", "candidats retirés")
                    )
                },
            );
        }
        Command::Journal {
            file, verify: true, ..
        } => {
            let campaign = read(&file)?;
            let check = campaign.verify_journal()?;
            output(cli.json, &check, || {
                if check.intact {
                    format!(
                        "Journal intact : {}, {}.",
                        fr::count(check.rows, "ligne", "lignes"),
                        fr::agree(
                            check.rows,
                            "conforme à son sceau",
                            "toutes conformes à leur sceau"
                        )
                    )
                } else {
                    let mut out = vec![format!(
                        "Journal ALTÉRÉ ({}) :",
                        fr::count(check.rows, "ligne examinée", "lignes examinées")
                    )];
                    out.extend(check.problems.iter().map(|p| format!("  - {p}")));
                    out.join("\n")
                }
            });
            if !check.intact {
                return Err(Error::Refused(format!(
                    "Le journal de « {} » a été modifié hors de l'application : restaurez une sauvegarde et signalez-le au président de la commission.",
                    file.display()
                )));
            }
        }
        Command::Journal {
            file,
            limit,
            from,
            to,
            person,
            kind,
            export,
            ..
        } => {
            use cesp_core::journal::{JournalFilter, JournalKind};
            let campaign = read(&file)?;
            let filter = JournalFilter {
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                person,
                kind: kind.as_deref().map(JournalKind::parse).transpose()?,
                limit: Some(limit),
            };
            if let Some(path) = export {
                let n = campaign.export_journal(&filter, &path)?;
                output(
                    cli.json,
                    &serde_json::json!({ "path": path, "rows": n }),
                    || {
                        format!(
                            "Journal exporté dans « {} » : {}.",
                            path.display(),
                            fr::count(n, "entrée", "entrées")
                        )
                    },
                );
                return Ok(());
            }
            let page = campaign.search_journal(&filter)?;
            let rows = &page.rows;
            output(cli.json, rows, || {
                let head = (!page.description.is_empty() || page.matching as usize > rows.len())
                    .then(|| {
                        let mut line = format!(
                            "{} sur {}",
                            fr::count(page.matching, "entrée", "entrées"),
                            page.total
                        );
                        if !page.description.is_empty() {
                            line.push_str(&format!(" ({})", page.description));
                        }
                        if page.matching as usize > rows.len() {
                            line.push_str(&if rows.len() > 1 {
                                format!(" ; les {} plus récentes ci-dessous (--limit pour en voir plus)", rows.len())
                            } else {
                                " ; la plus récente ci-dessous (--limit pour en voir plus)".to_owned()
                            });
                        }
                        line.push('.');
                        line
                    });
                head.into_iter()
                    .chain(rows.iter().map(|r| {
                        let mut line = format!("{}  {}  {}", r.at_display, r.operator, r.summary);
                        for c in &r.changes {
                            line.push_str(&format!(
                                "\n    {} : « {} » → « {} »",
                                c.field, c.before, c.after
                            ));
                        }
                        line
                    }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

/// The sheets refused by a `scores --import` as one error: the sheet's own when one was
/// refused; otherwise one point per sheet, each with its reasons.
fn sheets_refused(mut refused: Vec<Error>) -> Option<Error> {
    match refused.len() {
        0 => None,
        1 => refused.pop(),
        _ => Some(Error::Validation(
            refused
                .iter()
                .map(|e| cesp_core::FieldIssue::new("sheet", e.to_string()))
                .collect(),
        )),
    }
}

/// The passphrase of `file` when it is encrypted: `CESP_PASSPHRASE`, or asked in the
/// terminal without echo.
fn key_for(file: &std::path::Path) -> Result<Option<Passphrase>, Error> {
    if !cesp_core::cipher::is_encrypted(file) {
        return Ok(None);
    }
    let text = match std::env::var("CESP_PASSPHRASE") {
        Ok(text) => text,
        Err(_) if std::io::stdin().is_terminal() => {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            rpassword::prompt_password(format!("Phrase de passe de « {name} » : "))
                .map_err(|e| Error::io(file, e))?
        }
        Err(_) => return Err(Error::PassphraseRequired(file.to_path_buf())),
    };
    Passphrase::given(&text).map(Some)
}

/// A new passphrase: `CESP_NEW_PASSPHRASE`, or typed twice in the terminal.
fn new_passphrase() -> Result<Passphrase, Error> {
    if let Ok(text) = std::env::var("CESP_NEW_PASSPHRASE") {
        return Passphrase::chosen(&text, &text);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(
            "Donnez la nouvelle phrase de passe dans la variable d'environnement CESP_NEW_PASSPHRASE, ou lancez la commande dans un terminal pour la saisir.".into(),
        ));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map_err(|e| Error::io(std::path::Path::new("terminal"), e))
    };
    let text = ask("Nouvelle phrase de passe (12 caractères au moins) : ")?;
    let again = ask("Retapez-la : ")?;
    Passphrase::chosen(&text, &again)
}

/// Opens `file` to read it, with its passphrase when it is encrypted.
fn read(file: &std::path::Path) -> Result<Campaign, Error> {
    Campaign::open_read_only_with(file, key_for(file)?.as_ref())
}

/// Opens `file` to change it, backed up first, with its passphrase when it is encrypted.
fn write(file: &std::path::Path, backups: &cesp_core::backup::Backups) -> Result<Campaign, Error> {
    Campaign::open_backed_up(file, backups, key_for(file)?.as_ref())
}

fn backups() -> cesp_core::backup::Backups {
    cesp_core::backup::Backups::for_this_user()
}

fn import(args: ImportArgs, json: bool, op: &str) -> Result<(), Error> {
    use cesp_core::import::{fields::MappingTemplate, ImportOptions, Preview};
    use std::sync::atomic::AtomicBool;

    let template = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            Some(serde_json::from_str::<MappingTemplate>(&text).map_err(|e| Error::Unreadable {
                path: path.clone(),
                reason: format!("ce n'est pas une correspondance de colonnes enregistrée par CESP Commission ({e})"),
            })?)
        }
        None => None,
    };
    let options = ImportOptions {
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        mapping: None,
        template,
        resolutions: Vec::new(),
        prefer_file: args.prefer_file,
    };
    let cancel = AtomicBool::new(false);
    let mut campaign = write(&args.file, &backups())?;
    // Preview first: when a mandatory column is not mapped, the report still shows the
    // columns found, so the user sees what to fix.
    let preview =
        campaign.preview_import(&args.data, &options, usize::MAX, &mut |_| {}, &cancel)?;
    let (preview, applied): (Preview, bool) = if args.dry_run || !preview.missing.is_empty() {
        (preview, false)
    } else {
        let done = campaign.import(&args.data, &options, op, usize::MAX, &mut |_| {}, &cancel)?;
        (done.preview, done.batch_id.is_some())
    };
    let rejected_file = match &args.rejected {
        Some(path) if preview.missing.is_empty() => {
            Some((path, campaign.export_rejected(&args.data, &options, path)?))
        }
        _ => None,
    };
    if let Some(path) = &args.save_mapping {
        let t = MappingTemplate {
            name: preview.file_name.clone(),
            columns: preview
                .columns
                .iter()
                .map(|c| cesp_core::import::fields::TemplateColumn {
                    header: c.header.clone(),
                    field: c.field,
                })
                .collect(),
        };
        let text = serde_json::to_string_pretty(&t).unwrap_or_default();
        std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
    }
    output(
        json,
        &serde_json::json!({
            "applied": applied,
            "dry_run": args.dry_run,
            "preview": preview,
            "rejected_file": rejected_file.map(|(path, rows)| serde_json::json!({ "path": path, "rows": rows })),
        }),
        || {
            let mut text = report(&preview, args.dry_run, applied);
            if let Some((path, rows)) = rejected_file {
                text.push_str(&format!(
                    "\n{} dans « {} » : corrigez-les dans ce classeur, puis importez-le.",
                    fr::count(rows, "ligne rejetée écrite", "lignes rejetées écrites"),
                    path.display()
                ));
            }
            text
        },
    );
    if !preview.missing.is_empty() {
        return Err(Error::Validation(
            preview
                .missing
                .iter()
                .map(|m| cesp_core::FieldIssue::new("mapping", m.clone()))
                .collect(),
        ));
    }
    let valid = preview.counts.create + preview.counts.update + preview.counts.unchanged;
    if valid == 0 && preview.counts.rejected_rows > 0 {
        return Err(Error::Refused(format!(
            "Aucune ligne de « {} » n'a pu être importée : corrigez les lignes rejetées ci-dessus, puis recommencez.",
            preview.file_name
        )));
    }
    Ok(())
}

fn report(p: &cesp_core::import::Preview, dry_run: bool, applied: bool) -> String {
    let c = &p.counts;
    let mut out = vec![
        format!(
            "Fichier : {} — {}{}",
            p.file_name,
            p.format,
            p.sheet
                .as_ref()
                .map(|s| format!(", feuille « {s} »"))
                .unwrap_or_default()
        ),
        format!("Ligne d'en-têtes : {}", p.header_row),
        "Colonnes :".to_owned(),
    ];
    for col in &p.columns {
        out.push(format!(
            "  {:<3} {:<32} → {}",
            col.letter,
            col.header,
            col.field.map(|f| f.label()).unwrap_or("(ignorée)")
        ));
    }
    out.push(format!(
        "{} : {} à créer, {} à mettre à jour, {}, {}, {}{}",
        fr::count(c.rows, "ligne lue", "lignes lues"),
        c.create,
        c.update,
        fr::count(c.unchanged, "inchangée", "inchangées"),
        fr::count(c.rejected_rows, "rejetée", "rejetées"),
        fr::count(c.conflicts, "conflit", "conflits"),
        if c.blank > 0 {
            format!(
                ", {}",
                fr::count(c.blank, "ligne vide ignorée", "lignes vides ignorées")
            )
        } else {
            String::new()
        }
    ));
    for u in &p.updates {
        for ch in &u.changes {
            out.push(format!(
                "  Ligne {} — {} : {} « {} » → « {} »",
                u.row, u.name, ch.label, ch.before, ch.after
            ));
        }
    }
    for k in &p.conflicts {
        out.push(format!(
            "  Conflit ligne {} — {} : {} modifié dans l'application « {} », fichier « {} » → {}",
            k.row,
            k.name,
            k.label,
            k.in_app,
            k.in_file,
            if k.take_file {
                "valeur du fichier retenue"
            } else {
                "valeur de l'application conservée (--prefer-file pour prendre celle du fichier)"
            }
        ));
    }
    if !p.rejected.is_empty() {
        out.push("Lignes rejetées :".to_owned());
        for r in &p.rejected {
            if r.column.is_empty() {
                out.push(format!("  Ligne {} : {}", r.row, r.reason));
            } else {
                out.push(format!(
                    "  Ligne {}, colonne {} (« {} ») : « {} » — {}",
                    r.row, r.column, r.header, r.value, r.reason
                ));
            }
        }
    }
    out.push(
        if dry_run {
            "Simulation : rien n'a été modifié."
        } else if applied {
            "Import enregistré."
        } else {
            "Rien à modifier : la campagne est déjà à jour."
        }
        .to_owned(),
    );
    out.join("\n")
}

fn ranking_text(r: &cesp_core::scoring::Ranking) -> String {
    let mut out = vec![
        format!("Agrégation : {}.", r.aggregation_label),
        format!("Signalement : {}.", r.disagreement_label),
    ];
    for g in &r.groups {
        out.push(String::new());
        out.push(format!(
            "{} ({})",
            g.label,
            fr::count(g.rows.len(), "candidat", "candidats")
        ));
        let blocks: Vec<String> = g
            .rows
            .first()
            .map(|row| row.blocks.iter().map(|b| b.label.clone()).collect())
            .unwrap_or_default();
        out.push(format!(
            "  {:<14} {:<34} {} {:>7}{} {:>8}  Statut",
            "Rang",
            "Candidat",
            blocks
                .iter()
                .map(|b| format!("{:>12}", short(b)))
                .collect::<String>(),
            "Total",
            if r.normalised {
                format!(" {:>9}", "Normalisé")
            } else {
                String::new()
            },
            "Écart"
        ));
        for row in &g.rows {
            out.push(format!(
                "  {:<14} {:<34} {} {:>7}{} {:>8}  {}{}{}",
                row.rank_display,
                row.display_name,
                row.blocks
                    .iter()
                    .map(|b| format!("{:>12}", b.display))
                    .collect::<String>(),
                row.total_display,
                if r.normalised {
                    format!(" {:>9}", row.normalised_display)
                } else {
                    String::new()
                },
                row.spread
                    .map(|s| cesp_core::fr::number(s, 2))
                    .unwrap_or_default(),
                row.status_label,
                if row.locked { ", validé" } else { "" },
                if row.disagreement {
                    " — désaccord entre membres"
                } else {
                    ""
                }
            ));
            for m in &row.missing {
                out.push(format!("  {:<14}   manque : {m}", ""));
            }
            for x in &row.recused {
                out.push(format!("  {:<14}   déport : {x}", ""));
            }
        }
    }
    out.join("\n")
}

/// A candidate named by number or by (part of) their name, accents and case ignored.
fn find_candidate(campaign: &Campaign, text: &str) -> Result<i64, Error> {
    let all = campaign.candidates()?;
    if let Ok(id) = text.trim().parse::<i64>() {
        if all.iter().any(|c| c.id == id) {
            return Ok(id);
        }
    }
    let wanted = fold(text.trim());
    let found: Vec<_> = all
        .iter()
        .filter(|c| fold(&c.display_name).contains(&wanted))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::Refused(format!(
            "Aucun candidat ne correspond à « {text} » : donnez son numéro (voir `cesp candidates`) ou une partie de son nom."
        ))),
        many => Err(Error::Refused(format!(
            "{} candidats correspondent à « {text} » ({}) : précisez, ou donnez le numéro.",
            many.len(),
            many.iter().take(5).map(|c| format!("n° {} {}", c.id, c.display_name)).collect::<Vec<_>>().join(", ")
        ))),
    }
}

fn dossier_text(d: &cesp_core::dossier::Dossier) -> String {
    let mut out = vec![
        format!("{} — {}", d.display_name, d.category_label),
        format!(
            "Recevabilité : {}{}",
            d.eligibility.label,
            if d.eligibility.reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.eligibility.reasons.join(" ; "))
            }
        ),
    ];
    if let Some(o) = &d.eligibility.overridden {
        out.push(format!(
            "  décision de la commission le {} par {} : {}",
            o.at_display, o.operator, o.reason
        ));
    }
    for p in d.pieces.iter().filter(|p| p.applies) {
        out.push(format!(
            "  {} {:<62} {}",
            if p.required { "*" } else { " " },
            p.label,
            p.status_display
        ));
        for a in &p.attachments {
            out.push(format!(
                "      fichier : {} ({}, {} Ko)",
                a.file_name, a.kind, a.size_kb
            ));
        }
    }
    out.push("  (* pièce obligatoire)".into());
    out.join("\n")
}

fn merge_text(
    p: &cesp_core::dossier::merge::MergePlan,
    dry_run: bool,
    keep_ours: bool,
    take_theirs: bool,
) -> String {
    let mut out = vec![format!(
        "Copie « {} » : {}, {}, {}, {}.",
        p.file_name,
        fr::count(
            p.new_candidates.len(),
            "nouveau candidat",
            "nouveaux candidats"
        ),
        fr::count(
            p.incoming.len(),
            "pièce ou fichier à recevoir",
            "pièces ou fichiers à recevoir"
        ),
        fr::count(p.conflicts.len(), "conflit", "conflits"),
        fr::count(p.unchanged, "pièce identique", "pièces identiques")
    )];
    for c in &p.new_candidates {
        out.push(format!(
            "  + {} ({}) : {}, {}",
            c.display_name,
            c.category_label,
            fr::count(c.pieces, "pièce", "pièces"),
            fr::count(c.attachments, "fichier", "fichiers")
        ));
    }
    for i in &p.incoming {
        out.push(format!(
            "  → {} — {} : {}",
            i.display_name, i.piece, i.theirs
        ));
    }
    for k in &p.conflicts {
        let choice = if keep_ours || (!take_theirs && !k.theirs_newer) {
            "valeur de ce fichier conservée"
        } else {
            "valeur de l'autre copie retenue"
        };
        out.push(format!(
            "  ! Conflit {} — {} : ici « {} » ({}), autre copie « {} » ({}) → {choice}",
            k.display_name, k.piece, k.ours, k.ours_at, k.theirs, k.theirs_at
        ));
    }
    for n in &p.new_checklist_pieces {
        out.push(format!("  + pièce « {n} » ajoutée à la liste des pièces"));
    }
    out.push(if dry_run {
        "Simulation : rien n'a été modifié.".into()
    } else {
        "Fusion enregistrée (une sauvegarde a été faite avant).".into()
    });
    out.join("\n")
}

/// A what-if read from JSON: quotas alone (the shape of `cesp info --json`) or a scenario
/// (`{"quotas": …, "seuil": …}`).
fn read_scenario(p: &std::path::Path) -> cesp_core::Result<cesp_core::allocation::Scenario> {
    use cesp_core::allocation::Scenario;
    let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
    let refuse = |e: serde_json::Error| {
        Error::Refused(format!(
            "Le fichier « {} » n'est pas un jeu de contingents lisible ({e}) : il faut un JSON comme {{\"student\": {{\"medicine\": 10, \"odontology\": 2}}, \"intern\": {{…}}, \"padhue\": {{…}}}}, ou {{\"quotas\": {{…}}, \"seuil\": \"12\"}}.",
            p.display()
        ))
    };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(refuse)?;
    let is_scenario = value.as_object().is_some_and(|o| {
        ["quotas", "seuil", "min_total"]
            .iter()
            .any(|k| o.contains_key(*k))
    });
    if is_scenario {
        serde_json::from_value::<Scenario>(value).map_err(refuse)
    } else {
        Ok(Scenario {
            quotas: Some(serde_json::from_value(value).map_err(refuse)?),
            min_total: None,
        })
    }
}

fn allocation_text(a: &cesp_core::allocation::Allocation, what_if: bool) -> String {
    let mut out = vec![a.rules_statement.clone()];
    if what_if {
        out.push("Simulation : rien n'a été modifié.".into());
    }
    for n in &a.notices {
        out.push(format!("Attention : {n}"));
    }
    for g in &a.groups {
        out.push(String::new());
        out.push(format!(
            "{} — {}{}{}",
            g.label,
            fr::count(g.quota, "contrat", "contrats"),
            if g.specialties.is_empty() {
                String::new()
            } else {
                format!(" ({})", g.specialties.join(", "))
            },
            if g.unused > 0 {
                format!(", {}", fr::count(g.unused, "non attribué", "non attribués"))
            } else {
                String::new()
            }
        ));
        for (title, list) in [
            ("Liste principale", &g.main),
            ("À départager par un vote", &g.ties),
            ("Liste complémentaire", &g.complementary),
            ("Non retenus", &g.not_retained),
        ] {
            if list.is_empty() {
                continue;
            }
            out.push(format!("  {title} :"));
            for d in list.iter() {
                out.push(format!(
                    "    {:<34} {:>7}  {}",
                    d.display_name, d.total_display, d.reason
                ));
            }
        }
    }
    if a.ties_to_settle {
        out.push(String::new());
        out.push(
            "Des égalités au dernier rang utile restent à départager par un vote de la commission."
                .into(),
        );
    }
    out.join("\n")
}

fn short(label: &str) -> String {
    label
        .split_whitespace()
        .next()
        .unwrap_or(label)
        .chars()
        .take(12)
        .collect()
}

fn output<T: Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) {
    use std::io::Write;
    let body = if json {
        serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned())
    } else {
        text()
    };
    // Piped into `head` or a closed pager: stop quietly, as command-line tools do.
    let _ = writeln!(std::io::stdout().lock(), "{body}");
}

fn info_text(s: &cesp_core::CampaignSummary) -> String {
    let st = &s.settings;
    let mut out = vec![
        s.title.clone(),
        format!("Fichier : {}", s.path),
        format!("Université : {}", st.university),
        format!("Ville : {}", st.city),
        format!(
            "Disciplines : {}",
            st.disciplines
                .iter()
                .map(|d| d.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "Date limite des dossiers : {}",
            if s.deadline_display.is_empty() {
                "non fixée"
            } else {
                &s.deadline_display
            }
        ),
        format!("Organisme gestionnaire : {}", st.managing_body),
        format!(
            "Candidats : {} ; membres de la commission : {}",
            s.candidate_count, s.member_count
        ),
        "Contingents (candidats / contrats) :".to_owned(),
    ];
    for c in &s.counts {
        out.push(format!(
            "  {:<26} {:>4} / {}{}",
            c.label,
            c.candidates,
            c.quota,
            if c.candidates > 0 {
                format!(
                    "   dossiers : {}",
                    dossier_counts(
                        c.dossiers_complete,
                        c.dossiers_incomplete,
                        c.dossiers_not_eligible
                    )
                )
            } else {
                String::new()
            }
        ));
    }
    out.join("\n")
}

/// « 3 complets, 1 incomplet, 0 non recevable »: a category's dossiers.
fn dossier_counts(complete: i64, incomplete: i64, not_eligible: i64) -> String {
    format!(
        "{}, {}, {}",
        fr::count(complete, "complet", "complets"),
        fr::count(incomplete, "incomplet", "incomplets"),
        fr::count(not_eligible, "non recevable", "non recevables")
    )
}

fn settings_from(args: &NewArgs) -> Result<CampaignSettings, Error> {
    use cesp_core::FieldIssue;
    let mut issues = Vec::new();
    let mut disciplines = Vec::new();
    for part in args
        .disciplines
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match fold(part).as_str() {
            "medecine" | "medicine" => disciplines.push(Discipline::Medicine),
            "odontologie" | "odontology" => disciplines.push(Discipline::Odontology),
            _ => issues.push(FieldIssue::new(
                "disciplines",
                format!("--disciplines : « {part} » n'est pas une discipline ; écrivez medecine, odontologie ou les deux séparées par une virgule."),
            )),
        }
    }
    let parts: Vec<&str> = args.quotas.split(',').map(str::trim).collect();
    let mut numbers = [0i64; 6];
    if parts.len() != 6 {
        issues.push(FieldIssue::new(
            "quotas",
            format!("--quotas : {}, il en faut 6 (étudiants médecine, étudiants odontologie, internes médecine, internes odontologie, PADHUE médecine, PADHUE odontologie), par exemple 10,2,8,1,1,0.", fr::count(parts.len(), "nombre donné", "nombres donnés")),
        ));
    } else {
        for (i, p) in parts.iter().enumerate() {
            match p.parse::<i64>() {
                Ok(n) => numbers[i] = n,
                Err(_) => issues.push(FieldIssue::new(
                    "quotas",
                    format!("--quotas : « {p} » (position {}) n'est pas un nombre entier ; un contingent est un nombre entier positif ou 0.", i + 1),
                )),
            }
        }
    }
    let settings = CampaignSettings {
        ufr_name: args.ufr.clone(),
        university: if args.university.is_empty() {
            "Non renseignée".to_owned()
        } else {
            args.university.clone()
        },
        city: if args.city.is_empty() {
            "Non renseignée".to_owned()
        } else {
            args.city.clone()
        },
        academic_year: args.year.clone(),
        disciplines,
        dossier_deadline: args.deadline.clone(),
        managing_body: args.managing_body.clone(),
        quotas: Quotas {
            student: DisciplineQuota {
                medicine: numbers[0],
                odontology: numbers[1],
            },
            intern: DisciplineQuota {
                medicine: numbers[2],
                odontology: numbers[3],
            },
            padhue: DisciplineQuota {
                medicine: numbers[4],
                odontology: numbers[5],
            },
        },
    };
    // Report the command line's own problems together with the core's checks.
    match settings.validated() {
        Ok(_) if issues.is_empty() => Ok(settings),
        Ok(_) => Err(Error::Validation(issues)),
        Err(Error::Validation(more)) => {
            issues.extend(more);
            Err(Error::Validation(issues))
        }
        Err(e) => Err(e),
    }
}

/// Lower case without accents or punctuation, for matching what users type.
fn fold(s: &str) -> String {
    cesp_core::import::fields::fold(s)
}

/// The checklist before sealing, one point a line: « ✗ » must be put right, « ! » may be
/// acknowledged with `--acknowledge "motif"`.
fn checklist_text(items: &[cesp_core::minutes::CheckItem]) -> String {
    let mut lines = vec!["Avant de sceller le procès-verbal :".to_owned()];
    for i in items {
        lines.push(format!(
            "  {} {}",
            if i.blocking {
                "✗ à corriger :"
            } else {
                "! à reconnaître :"
            },
            i.text
        ));
    }
    if items.iter().any(|i| !i.blocking) {
        lines.push("Les points « à reconnaître » peuvent être acceptés avec --acknowledge \"motif\" : le motif figurera au procès-verbal.".into());
    }
    lines.join("\n")
}
