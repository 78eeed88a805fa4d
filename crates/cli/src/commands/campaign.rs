//! `cesp new`, `demo`, `info` and `passphrase`: a campaign file is created (or the
//! demonstration), shown, and its encryption changed.

use std::path::PathBuf;

use cesp_core::campaign::{CampaignSettings, DisciplineQuota, Quotas};
use cesp_core::candidate::Discipline;
use cesp_core::{demo, fr, Campaign, Error};

use super::{fold, Ctx};
use crate::open::{backups, new_passphrase, read, write};
use crate::output::{dossier_counts, output};

/// `cesp new`: creates a campaign from the settings given as options.
pub(crate) fn new(ctx: &Ctx, args: crate::NewArgs) -> Result<(), Error> {
    let source = match &args.from {
        Some(from) => {
            let from_key = crate::open::key_for(from)?;
            Some((
                cesp_core::carry::carry_source(from, from_key.as_ref())?,
                from_key,
            ))
        }
        None => None,
    };
    let settings = settings_from(&args, source.as_ref().map(|(s, _)| &s.settings))?;
    let choice = match &source {
        Some((s, _)) => Some(carry_choice(&args, s)?),
        None => None,
    };
    if let (true, Some((s, _)), Some(choice)) = (args.dry_run, &source, &choice) {
        output(
            ctx.json,
            &serde_json::json!({ "source": s, "choice": choice, "settings": settings }),
            || carry_text(s, choice),
        );
        return Ok(());
    }
    let key = if args.encrypt {
        Some(new_passphrase()?)
    } else {
        None
    };
    let campaign = match (&args.from, &source, &choice) {
        (Some(from), Some((_, from_key)), Some(choice)) => Campaign::create_from(
            &args.file,
            false,
            key.as_ref(),
            &settings,
            from,
            from_key.as_ref(),
            choice,
            &ctx.operator()?,
        )?,
        _ => Campaign::create_with(&args.file, false, key.as_ref(), &settings, &ctx.operator()?)?,
    };
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        format!(
            "Campagne créée : {}\nFichier : {}",
            summary.title, summary.path
        )
    });
    Ok(())
}

/// `cesp demo`: creates (or recreates) the demonstration campaign.
pub(crate) fn demo(ctx: &Ctx, file: PathBuf, reset: bool) -> Result<(), Error> {
    let campaign = if reset {
        demo::reset(&file)?
    } else {
        demo::create(&file)?
    };
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        format!(
            "Campagne de démonstration {} : {}\nFichier : {}\n{}, {} de la commission.",
            if reset { "recréée" } else { "créée" },
            summary.title,
            summary.path,
            fr::count(summary.candidate_count, "candidat", "candidats"),
            fr::count(summary.member_count, "membre", "membres")
        )
    });
    Ok(())
}

/// `cesp bilan`: the campaign's figures, printed, and written as PDF and/or xlsx.
pub(crate) fn bilan(
    ctx: &Ctx,
    file: PathBuf,
    out: Option<PathBuf>,
    xlsx: Option<PathBuf>,
) -> Result<(), Error> {
    let campaign = read(&file)?;
    let b = campaign.bilan()?;
    if let Some(p) = &out {
        campaign.write_bilan_pdf(p)?;
    }
    if let Some(p) = &xlsx {
        campaign.write_bilan_xlsx(p)?;
    }
    output(ctx.json, &b, || {
        let mut lines = vec![
            format!("Bilan de la campagne : {}", b.campaign),
            String::new(),
        ];
        let width = b
            .groups
            .iter()
            .map(|g| g.label.chars().count())
            .max()
            .unwrap_or(8)
            .max(8);
        lines.push(format!(
            "{:width$}  Reçus  Complets  Recevables  Entendus  Offerts  Attribués  Désistements  Promus  Non attribués",
            "Catégorie"
        ));
        for g in b.groups.iter().chain(std::iter::once(&b.total)) {
            lines.push(format!(
                "{:width$}  {:>5}  {:>8}  {:>10}  {:>8}  {:>7}  {:>9}  {:>12}  {:>6}  {:>13}",
                g.label,
                fr::integer(g.received),
                fr::integer(g.complete),
                fr::integer(g.receivable),
                fr::integer(g.heard),
                fr::integer(g.offered),
                fr::integer(g.given),
                fr::integer(g.withdrawn),
                fr::integer(g.promoted),
                fr::integer(g.unused)
            ));
        }
        lines.push(String::new());
        lines.push(
            "Totaux des candidats entendus (plus bas, quartiles, médian, plus haut) :".into(),
        );
        for s in &b.scores {
            lines.push(format!(
                "  {} ({}) : {}",
                s.label,
                s.count,
                s.quantiles.join(" ; ")
            ));
        }
        lines.push(String::new());
        lines.push("Séances :".into());
        lines.extend(b.sittings.iter().map(|s| format!("  {s}")));
        if let Some(prev) = &b.previous {
            lines.push(String::new());
            lines.push(format!("Comparaison avec la {prev} :"));
            for c in &b.compared {
                lines.push(format!(
                    "  {} : {} (l'an dernier {}, {})",
                    c.label, c.now, c.before, c.change
                ));
            }
        }
        for (what, p) in [("PDF", &out), ("Classeur", &xlsx)] {
            if let Some(p) = p {
                lines.push(format!("{what} écrit dans « {} ».", p.display()));
            }
        }
        lines.join("\n")
    });
    Ok(())
}

/// `cesp info`: the campaign's settings and counts.
pub(crate) fn info(ctx: &Ctx, file: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || info_text(&summary));
    Ok(())
}

/// `cesp passphrase`: encrypts the file, changes its passphrase or removes it.
pub(crate) fn passphrase(ctx: &Ctx, file: PathBuf, remove: bool) -> Result<(), Error> {
    let b = backups();
    let mut campaign = write(&file, &b)?;
    let current = campaign.passphrase().cloned();
    let new = if remove {
        None
    } else {
        Some(new_passphrase()?)
    };
    // Opening the file took its passphrase: that is the current one.
    campaign.change_passphrase(current.as_ref(), new.as_ref(), &ctx.operator()?)?;
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        match (current.is_some(), remove) {
            (_, true) => "Chiffrement retiré : le fichier se lit désormais sans phrase de passe, ses sauvegardes aussi.",
            (false, false) => "Fichier chiffré : il faudra désormais sa phrase de passe pour l'ouvrir ; ses sauvegardes sont chiffrées aussi. Sans elle, personne ne pourra le lire : notez-la en lieu sûr.",
            (true, false) => "Phrase de passe changée : l'ancienne n'ouvre plus le fichier ni ses sauvegardes.",
        }
        .to_owned()
    });
    Ok(())
}

/// The text of `cesp info`: the settings, then each group's candidates, contracts and dossiers.
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
            fr::integer(s.candidate_count),
            s.member_count
        ),
        "Contingents (candidats / contrats) :".to_owned(),
    ];
    for c in &s.counts {
        out.push(format!(
            "  {:<26} {:>6} / {}{}",
            c.label,
            fr::integer(c.candidates),
            fr::integer(c.quota),
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

/// The campaign's settings from `cesp new`'s options, every problem reported together
/// with the core's own checks.
/// What `--carry` and `--day` choose, checked against what the source offers.
fn carry_choice(
    args: &crate::NewArgs,
    source: &cesp_core::carry::CarrySource,
) -> Result<cesp_core::carry::CarryChoice, Error> {
    use cesp_core::carry::{CarryChoice, CarryPart};
    use cesp_core::FieldIssue;
    let available: Vec<CarryPart> = source
        .parts
        .iter()
        .filter(|o| o.available)
        .map(|o| o.part)
        .collect();
    let mut issues = Vec::new();
    let words: Option<Vec<String>> = args.carry.as_deref().map(|t| {
        t.split(',')
            .map(|w| fold(w.trim()))
            .filter(|w| !w.is_empty())
            .collect()
    });
    let parts = match words.as_deref() {
        None => available.clone(),
        Some([one]) if one == "tout" => available.clone(),
        Some([one]) if one == "rien" => Vec::new(),
        Some(words) => {
            let mut parts = Vec::new();
            for word in words {
                let part = match word.as_str() {
                    "commission" => CarryPart::Commission,
                    "grille" => CarryPart::Grid,
                    "pieces" => CarryPart::Checklist,
                    "attribution" => CarryPart::Allocation,
                    "entretiens" => CarryPart::Interviews,
                    "courriel" => CarryPart::Mail,
                    _ => {
                        issues.push(FieldIssue::new("carry", format!("--carry : « {word} » n'est pas une partie ; écrivez commission, grille, pieces, attribution, entretiens, courriel, tout ou rien, séparés par des virgules.")));
                        continue;
                    }
                };
                if !available.contains(&part) {
                    issues.push(FieldIssue::new(
                        "carry",
                        format!(
                            "--carry : « {} » n'a rien de « {word} » à reprendre.",
                            source.file_name
                        ),
                    ));
                    continue;
                }
                parts.push(part);
            }
            parts
        }
    };
    let mut days: Vec<String> = source.days.iter().map(|d| d.proposed.clone()).collect();
    for pair in &args.day {
        let Some((was, now)) = pair.split_once('=') else {
            issues.push(FieldIssue::new("day", format!("--day : « {pair} » : écrivez ANCIENNE=NOUVELLE, par exemple 26/11/2026=24/11/2027.")));
            continue;
        };
        match source.days.iter().position(|d| {
            fr::parse_date(&d.was).is_some() && fr::parse_date(&d.was) == fr::parse_date(was.trim())
        }) {
            Some(i) => days[i] = now.trim().to_owned(),
            None => issues.push(FieldIssue::new(
                "day",
                format!(
                    "--day : « {} » n'est pas une journée d'entretiens de « {} » ({}).",
                    was.trim(),
                    source.file_name,
                    source
                        .days
                        .iter()
                        .map(|d| d.was.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    if issues.is_empty() {
        Ok(CarryChoice { parts, days })
    } else {
        Err(Error::Validation(issues))
    }
}

/// What would be carried, for `--dry-run`.
fn carry_text(
    source: &cesp_core::carry::CarrySource,
    choice: &cesp_core::carry::CarryChoice,
) -> String {
    let mut lines = vec![format!(
        "Campagne de départ : {} (« {} »).",
        source.campaign, source.file_name
    )];
    for o in &source.parts {
        let mark = if choice.parts.contains(&o.part) {
            "reprise"
        } else if o.available {
            "non reprise"
        } else {
            "rien à reprendre"
        };
        lines.push(format!("  {} : {} — {mark}", o.label, o.detail));
    }
    if choice
        .parts
        .contains(&cesp_core::carry::CarryPart::Interviews)
    {
        lines.push("Journées d'entretiens :".to_owned());
        for (d, now) in source.days.iter().zip(&choice.days) {
            let mut line = format!("  {} → {now}", d.was_display);
            if *now == d.proposed {
                if let Some(p) = &d.problem {
                    line.push_str(&format!(
                        "  ({p} Donnez une autre date avec --day {}=JJ/MM/AAAA.)",
                        d.was
                    ));
                }
            }
            lines.push(line);
        }
    }
    lines.push("Jamais repris : candidats, dossiers, pièces jointes, notes, plannings, listes, procès-verbaux, journal.".to_owned());
    lines.push("Simulation : rien n'a été créé.".to_owned());
    lines.join("\n")
}

/// The new campaign's settings: the arguments, over those of `base` (the campaign
/// carried from) when given.
fn settings_from(
    args: &crate::NewArgs,
    base: Option<&CampaignSettings>,
) -> Result<CampaignSettings, Error> {
    use cesp_core::FieldIssue;
    let mut issues = Vec::new();
    let (Some(ufr), Some(year)) = (
        args.ufr
            .clone()
            .or_else(|| base.map(|b| b.ufr_name.clone())),
        args.year
            .clone()
            .or_else(|| base.map(|b| b.academic_year.clone())),
    ) else {
        return Err(Error::Validation(vec![FieldIssue::new(
            "ufr",
            "--ufr et --year sont obligatoires (sauf avec --from, qui les reprend) : par exemple --ufr \"UFR de médecine\" --year 2026-2027.",
        )]));
    };
    if let Some(b) = base {
        if args.disciplines.is_none() && args.quotas.is_none() {
            let mut s = b.clone();
            s.ufr_name = ufr;
            s.academic_year = year;
            if let Some(u) = &args.university {
                s.university = u.clone();
            }
            if let Some(c) = &args.city {
                s.city = c.clone();
            }
            if let Some(d) = &args.deadline {
                s.dossier_deadline = d.clone();
            }
            if let Some(m) = &args.managing_body {
                s.managing_body = m.clone();
            }
            return s.validated().map(|_| s);
        }
    }
    let disciplines_text = args
        .disciplines
        .clone()
        .unwrap_or_else(|| "medecine,odontologie".into());
    let quotas_text = args.quotas.clone().unwrap_or_else(|| "0,0,0,0,0,0".into());
    let university = args
        .university
        .clone()
        .or_else(|| base.map(|b| b.university.clone()))
        .unwrap_or_default();
    let city = args
        .city
        .clone()
        .or_else(|| base.map(|b| b.city.clone()))
        .unwrap_or_default();
    let deadline = args
        .deadline
        .clone()
        .or_else(|| base.map(|b| b.dossier_deadline.clone()))
        .unwrap_or_default();
    let managing_body = args
        .managing_body
        .clone()
        .or_else(|| base.map(|b| b.managing_body.clone()))
        .unwrap_or_else(|| "Centre national de gestion (CNG)".into());
    let mut disciplines = Vec::new();
    for part in disciplines_text
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
    let parts: Vec<&str> = quotas_text.split(',').map(str::trim).collect();
    let mut numbers = [0i64; 6];
    if parts.len() != 6 {
        issues.push(FieldIssue::new(
            "quotas",
            format!("--quotas : {}, il en faut 6 (étudiants médecine, étudiants odontologie, internes médecine, internes odontologie, PADHUE médecine, PADHUE odontologie), par exemple 10,2,8,1,1,0.", fr::count(parts.len(), "nombre donné", "nombres donnés")),
        ));
    } else {
        for (i, p) in parts.iter().enumerate() {
            match fr::parse_whole(p) {
                Some(n) => numbers[i] = n,
                None => issues.push(FieldIssue::new(
                    "quotas",
                    format!("--quotas : « {p} » (position {}) n'est pas un nombre entier ; un contingent est un nombre entier positif ou 0.", i + 1),
                )),
            }
        }
    }
    let settings = CampaignSettings {
        ufr_name: ufr,
        university: if university.is_empty() {
            "Non renseignée".to_owned()
        } else {
            university
        },
        city: if city.is_empty() {
            "Non renseignée".to_owned()
        } else {
            city
        },
        academic_year: year,
        disciplines,
        dossier_deadline: deadline,
        managing_body,
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

/// `cesp parametres`: the settings replaced by those of a JSON file (the shape of `cesp
/// info --json`, its "settings" or the whole).
pub(crate) fn settings(ctx: &Ctx, file: PathBuf, set: PathBuf) -> Result<(), Error> {
    let text = std::fs::read_to_string(&set).map_err(|e| Error::io(&set, e))?;
    let refuse = |e: serde_json::Error| {
        Error::Validation(vec![cesp_core::FieldIssue::new(
            "set",
            format!(
                "--set : le fichier « {} » n'est pas un jeu de paramètres lisible ({e}) : partez de la sortie de « cesp info FICHIER --json » (clé \"settings\").",
                set.display()
            ),
        )])
    };
    let mut value: serde_json::Value = serde_json::from_str(&text).map_err(refuse)?;
    if let Some(inner) = value.get("settings").cloned() {
        value = inner;
    }
    let settings: cesp_core::CampaignSettings = serde_json::from_value(value).map_err(refuse)?;
    let mut campaign = write(&file, &backups())?;
    let changes = campaign.update_settings(&settings, &ctx.operator()?)?;
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        let mut out = vec![if changes.is_empty() {
            "Aucun paramètre ne change.".to_owned()
        } else {
            format!(
                "{} :",
                fr::count(changes.len(), "paramètre modifié", "paramètres modifiés")
            )
        }];
        for c in &changes {
            out.push(format!(
                "  {} : « {} » → « {} »",
                c.field, c.before, c.after
            ));
        }
        out.push(String::new());
        out.push(info_text(&summary));
        out.join("\n")
    });
    Ok(())
}
