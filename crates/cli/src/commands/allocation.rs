//! `cesp allocate`, `specialties`, `withdraw` and `letters`: the contracts allocated, the
//! places by specialty, withdrawals, and the decision letters.

use cesp_core::Refusal;
use std::path::PathBuf;

use cesp_core::{fr, Error};

use super::{find_candidate, fold, Ctx};
use crate::open::{backups, read, write};
use crate::output::output;
use crate::{DecisionArg, YesNo};

/// `cesp allocate`: the lists, a what-if, the lists recorded, or written to a workbook.
pub(crate) fn allocate(
    ctx: &Ctx,
    file: PathBuf,
    what_if: Option<PathBuf>,
    seuil: Option<String>,
    record: Option<String>,
    xlsx: Option<PathBuf>,
) -> Result<(), Error> {
    if let Some(path) = &xlsx {
        let campaign = read(&file)?;
        let n = campaign.export_allocation_xlsx(path)?;
        output(
            ctx.json,
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
        let id = campaign.record_allocation(&reason, &ctx.operator()?)?;
        let a = campaign.allocation(None)?;
        output(ctx.json, &a, || {
            format!(
                "{}\nAttribution n° {id} inscrite à l'historique.",
                allocation_text(&a, false)
            )
        });
    } else {
        let campaign = read(&file)?;
        let a = campaign.allocation(scenario.as_ref())?;
        output(ctx.json, &a, || allocation_text(&a, scenario.is_some()));
    }
    Ok(())
}

/// `cesp specialties`: the places by specialty, shown or replaced.
pub(crate) fn specialties(ctx: &Ctx, file: PathBuf, set: Option<PathBuf>) -> Result<(), Error> {
    use cesp_core::allocation::SpecialtyQuota;
    let rows = match &set {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            let rows: Vec<SpecialtyQuota> = serde_json::from_str(&text).map_err(|e| {
                Error::Refused(Refusal::UnreadableSpecialties, format!(
                    "Le fichier « {} » n'est pas une liste de places par spécialité lisible ({e}) : il faut un JSON comme [{{\"category\": \"intern\", \"discipline\": \"medicine\", \"specialty\": \"Médecine générale\", \"places\": 3}}].",
                    p.display()
                ))
            })?;
            let mut campaign = write(&file, &backups())?;
            campaign.set_specialty_quotas(&rows, &ctx.operator()?)?;
            campaign.specialty_plan()?
        }
        None => read(&file)?.specialty_plan()?,
    };
    output(ctx.json, &rows, || {
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
    Ok(())
}

/// `cesp withdraw`: a withdrawal (or a contract not returned) recorded.
pub(crate) fn withdraw(
    ctx: &Ctx,
    file: PathBuf,
    candidate: String,
    reason: String,
    date: Option<String>,
    not_returned: bool,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let id = find_candidate(&campaign, &candidate)?;
    let day = date.unwrap_or_else(|| cesp_core::fr::date_short(cesp_core::clock::today()));
    let a = campaign.record_withdrawal(id, &day, not_returned, &reason, &ctx.operator()?)?;
    let summary = campaign
        .journal(1)?
        .first()
        .map(|j| j.summary.clone())
        .unwrap_or_default();
    output(ctx.json, &a, || {
        format!("{summary}\n\n{}", allocation_text(&a, false))
    });
    Ok(())
}

/// `cesp letters`: the decision letters in PDF.
pub(crate) fn letters(ctx: &Ctx, file: PathBuf, out: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let written = campaign.write_allocation_letters(
        &out,
        cesp_core::clock::today(),
        &cesp_core::documents::quietly,
    )?;
    output(ctx.json, &written, || {
        let mut lines = vec![format!(
            "{} :",
            fr::count(written.len(), "fichier PDF écrit", "fichiers PDF écrits")
        )];
        lines.extend(written.iter().map(|w| format!("  {w}")));
        lines.join("\n")
    });
    Ok(())
}

/// A what-if read from JSON: quotas alone (the shape of `cesp info --json`) or a scenario
/// (`{"quotas": …, "seuil": …}`).
fn read_scenario(p: &std::path::Path) -> cesp_core::Result<cesp_core::allocation::Scenario> {
    use cesp_core::allocation::Scenario;
    let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
    let refuse = |e: serde_json::Error| {
        Error::Refused(Refusal::UnreadableQuotas, format!(
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

/// The lists of each group with each candidate's reason, as `cesp allocate` prints them.
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

/// The rules changed by `cesp regles-attribution` (only those given).
pub(crate) struct RulesChange {
    pub seuil: Option<String>,
    pub recevable: Option<YesNo>,
    pub entendu: Option<YesNo>,
    pub accord_ars: Option<YesNo>,
    pub complementaire: Option<String>,
    pub departage: Option<String>,
}

/// `cesp regles-attribution`: the gates and the tie-break chain, shown or changed.
pub(crate) fn rules(ctx: &Ctx, file: PathBuf, change: RulesChange) -> Result<(), Error> {
    use cesp_core::scoring::BlockCode;
    let RulesChange {
        seuil,
        recevable,
        entendu,
        accord_ars,
        complementaire,
        departage,
    } = change;
    let changing = seuil.is_some()
        || recevable.is_some()
        || entendu.is_some()
        || accord_ars.is_some()
        || complementaire.is_some()
        || departage.is_some();
    let rules = if changing {
        let chain = match &departage {
            Some(text) => Some(
                text.split(',')
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| match fold(t).as_str() {
                        "projet" => Ok(BlockCode::Project),
                        "academique" | "universitaire" => Ok(BlockCode::Academic),
                        "entretien" => Ok(BlockCode::Interview),
                        _ => Err(Error::Validation(vec![cesp_core::FieldIssue::new(
                            "departage",
                            format!("--departage : « {} » n'est pas un bloc ; indiquez projet, academique ou entretien, séparés par des virgules.", t.trim()),
                        )])),
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        let mut campaign = write(&file, &backups())?;
        let mut rules = campaign.allocation_rules()?;
        if let Some(s) = seuil {
            rules.min_total = s;
        }
        if let Some(v) = recevable {
            rules.require_eligible = v.yes();
        }
        if let Some(v) = entendu {
            rules.require_heard = v.yes();
        }
        if let Some(v) = accord_ars {
            rules.require_ars = v.yes();
        }
        if let Some(n) = complementaire {
            rules.complementary_size = n;
        }
        if let Some(chain) = chain {
            rules.tie_chain = chain;
        }
        campaign.set_allocation_rules(&rules, &ctx.operator()?)?;
        campaign.allocation_rules()?
    } else {
        read(&file)?.allocation_rules()?
    };
    output(ctx.json, &rules, || {
        let yes = |b: bool| if b { "oui" } else { "non" };
        let mut out = Vec::new();
        if changing {
            out.push("Règles d'attribution enregistrées.".to_owned());
        }
        out.push(format!(
            "Seuil (total minimal) : {}",
            if rules.min_total.is_empty() {
                "aucun"
            } else {
                &rules.min_total
            }
        ));
        out.push(format!(
            "Dossier recevable exigé : {}",
            yes(rules.require_eligible)
        ));
        out.push(format!("Entretien exigé : {}", yes(rules.require_heard)));
        out.push(format!(
            "Accord écrit de l'ARS exigé : {}",
            yes(rules.require_ars)
        ));
        out.push(format!(
            "Liste complémentaire : {}",
            if rules.complementary_size.is_empty() {
                "tous les candidats recevables".to_owned()
            } else {
                rules.complementary_size.clone()
            }
        ));
        out.push(format!(
            "Départage des égalités : {}",
            rules
                .tie_chain
                .iter()
                .map(|b| match b {
                    BlockCode::Project => "projet",
                    BlockCode::Academic => "académique",
                    BlockCode::Interview => "entretien",
                })
                .collect::<Vec<_>>()
                .join(", puis ")
        ));
        out.join("\n")
    });
    Ok(())
}

/// `cesp vote`: the order voted for tied candidates.
pub(crate) fn tie_vote(
    ctx: &Ctx,
    file: PathBuf,
    candidates: Vec<String>,
    reason: String,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let order = candidates
        .iter()
        .map(|c| find_candidate(&campaign, c))
        .collect::<Result<Vec<_>, _>>()?;
    let a = campaign.record_tie_vote(&order, &reason, &ctx.operator()?)?;
    output(ctx.json, &a, || {
        format!(
            "Vote de départage enregistré.\n\n{}",
            allocation_text(&a, false)
        )
    });
    Ok(())
}

/// `cesp decision`: the commission overrides a decision, or goes back to the computed one.
pub(crate) fn decision(
    ctx: &Ctx,
    file: PathBuf,
    candidate: String,
    outcome: DecisionArg,
    reason: String,
) -> Result<(), Error> {
    use cesp_core::allocation::Outcome;
    let mut campaign = write(&file, &backups())?;
    let id = find_candidate(&campaign, &candidate)?;
    let outcome = match outcome {
        DecisionArg::Principale => Some(Outcome::Main),
        DecisionArg::Complementaire => Some(Outcome::Complementary),
        DecisionArg::NonRetenu => Some(Outcome::NotRetained),
        DecisionArg::Calculee => None,
    };
    let a = campaign.override_decision(id, outcome, &reason, &ctx.operator()?)?;
    output(ctx.json, &a, || {
        format!(
            "{}\n\n{}",
            if outcome.is_some() {
                "Décision de la commission enregistrée."
            } else {
                "Décision tirée du classement rétablie."
            },
            allocation_text(&a, false)
        )
    });
    Ok(())
}

/// `cesp attributions`: the allocations recorded, newest first.
pub(crate) fn runs(ctx: &Ctx, file: PathBuf) -> Result<(), Error> {
    let runs = read(&file)?.allocation_runs()?;
    output(ctx.json, &runs, || {
        if runs.is_empty() {
            return "Aucune attribution arrêtée : arrêtez les listes avec « cesp allocate FICHIER --record MOTIF ».".into();
        }
        let mut out = vec![format!(
            "{} :",
            fr::count(runs.len(), "attribution arrêtée", "attributions arrêtées")
        )];
        for r in &runs {
            out.push(format!(
                "  n° {} — {} par {} : {}",
                r.id, r.at_display, r.operator, r.reason
            ));
        }
        out.join("\n")
    });
    Ok(())
}
