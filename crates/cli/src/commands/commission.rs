//! `cesp commission`, `seances` and `deports`: the commission's members and rules, its
//! sittings with who attended, and the members' recusals. Each action is one core call.

use std::path::PathBuf;

use cesp_core::commission::{
    Aggregation, Attendance, Majority, Member, MemberInput, PadhueAcademic, Quorum, Role, Rules,
    Sitting, SittingInput,
};
use cesp_core::{fr, Error};

use super::{find_candidate, find_sitting, Ctx};
use crate::open::{backups, read, write};
use crate::output::output;
use crate::{
    AggregationArg, AttendanceArg, CommissionAction, MajorityArg, MemberAction, PadhueArg,
    RecusalAction, RoleArg, RulesArgs, SittingAction, YesNo,
};

impl YesNo {
    pub(crate) fn yes(self) -> bool {
        matches!(self, YesNo::Oui)
    }
}

impl RoleArg {
    fn role(self) -> Role {
        match self {
            RoleArg::President => Role::Chair,
            RoleArg::Ars => Role::ArsRepresentative,
            RoleArg::Medecin => Role::Physician,
            RoleArg::Dentiste => Role::Dentist,
            RoleArg::Etudiants => Role::StudentRepresentative,
            RoleArg::Internes => Role::InternRepresentative,
            RoleArg::Secretaire => Role::Secretary,
        }
    }
}

/// `cesp commission FILE [membres | membre … | regles …]`.
pub(crate) fn commission(
    ctx: &Ctx,
    file: PathBuf,
    action: Option<CommissionAction>,
) -> Result<(), Error> {
    match action.unwrap_or(CommissionAction::Membres) {
        CommissionAction::Membres => {
            let members = read(&file)?.members()?;
            output(ctx.json, &members, || members_text(&members));
        }
        CommissionAction::Membre { action } => member(ctx, file, action)?,
        CommissionAction::Regles(args) => rules(ctx, file, args)?,
    }
    Ok(())
}

fn member(ctx: &Ctx, file: PathBuf, action: MemberAction) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let operator = ctx.operator()?;
    let said = match action {
        MemberAction::Ajouter {
            nom,
            role,
            vote,
            courriel,
        } => {
            let role = role.role();
            let input = MemberInput {
                name: nom,
                role,
                voting: vote.map_or(role != Role::Secretary, YesNo::yes),
                email: courriel,
            };
            let id = campaign.add_member(&input, &operator)?;
            format!("Membre n° {id} ajouté : {}.", input.name)
        }
        MemberAction::Modifier {
            membre,
            nom,
            role,
            vote,
            courriel,
        } => {
            let m = campaign.member_matching(&membre)?;
            let input = MemberInput {
                name: nom.unwrap_or(m.name.clone()),
                role: role.map_or(m.role, RoleArg::role),
                voting: vote.map_or(m.voting, YesNo::yes),
                email: courriel.unwrap_or(m.email.clone().unwrap_or_default()),
            };
            campaign.update_member(m.id, &input, &operator)?;
            format!("Membre n° {} modifié : {}.", m.id, input.name)
        }
        MemberAction::Retirer { membre } => {
            let m = campaign.member_matching(&membre)?;
            campaign.remove_member(m.id, &operator)?;
            format!("{} ne fait plus partie de la commission.", m.name)
        }
    };
    let members = campaign.members()?;
    output(ctx.json, &members, || {
        format!("{said}\n\n{}", members_text(&members))
    });
    Ok(())
}

fn members_text(members: &[Member]) -> String {
    if members.is_empty() {
        return "La commission n'a encore aucun membre : ajoutez-en avec « cesp commission FICHIER membre ajouter NOM --role … ».".into();
    }
    let voting = members.iter().filter(|m| m.voting).count();
    let mut out = vec![format!(
        "{}, dont {} :",
        fr::count(members.len(), "membre", "membres"),
        fr::count(voting, "votant", "votants")
    )];
    for m in members {
        out.push(format!(
            "  {:<4} {:<32} {}{}{}",
            m.id,
            m.name,
            m.role_label,
            if m.voting {
                ""
            } else {
                " — sans voix délibérative"
            },
            m.email
                .as_deref()
                .filter(|e| !e.is_empty())
                .map(|e| format!(" — {e}"))
                .unwrap_or_default()
        ));
    }
    out.join("\n")
}

fn rules(ctx: &Ctx, file: PathBuf, args: RulesArgs) -> Result<(), Error> {
    let RulesArgs {
        quorum,
        majorite,
        voix_preponderante,
        agregation,
        desaccord,
        normalisation,
        padhue,
    } = args;
    let change = quorum.is_some()
        || majorite.is_some()
        || voix_preponderante.is_some()
        || agregation.is_some()
        || desaccord.is_some()
        || normalisation.is_some()
        || padhue.is_some();
    let rules = if change {
        let mut campaign = write(&file, &backups())?;
        let current = campaign.rules()?;
        let (quorum, quorum_count) = match quorum.as_deref().map(str::trim) {
            None => (current.quorum, current.quorum_count.to_string()),
            Some(q) if matches!(super::fold(q).as_str(), "moitie" | "half") => {
                (Quorum::Half, current.quorum_count.to_string())
            }
            Some(q) => (Quorum::Count, q.to_owned()),
        };
        let typed = cesp_core::forms::RulesText {
            quorum,
            quorum_count,
            majority: majorite.map_or(current.majority, |m| match m {
                MajorityArg::Presents => Majority::Present,
                MajorityArg::Votants => Majority::Voting,
            }),
            casting_vote_chair: voix_preponderante.map_or(current.casting_vote_chair, YesNo::yes),
            aggregation: agregation.map_or(current.aggregation, |a| match a {
                AggregationArg::Moyenne => Aggregation::Mean,
                AggregationArg::Mediane => Aggregation::Median,
                AggregationArg::Tronquee => Aggregation::Trimmed,
            }),
            disagreement_percent: desaccord
                .unwrap_or_else(|| current.disagreement_percent.to_string()),
            normalise: normalisation.map_or(current.normalise, YesNo::yes),
            padhue_academic: padhue.map_or(current.padhue_academic, |p| match p {
                PadhueArg::Neutralise => PadhueAcademic::Waived,
                PadhueArg::Commission => PadhueAcademic::Commission,
            }),
        };
        campaign.update_rules_typed(&typed, &ctx.operator()?)?;
        campaign.rules()?
    } else {
        read(&file)?.rules()?
    };
    let statement = rules.statement();
    output(
        ctx.json,
        &serde_json::json!({ "rules": rules, "statement": statement }),
        || rules_text(&rules, &statement, change),
    );
    Ok(())
}

fn rules_text(r: &Rules, statement: &str, changed: bool) -> String {
    let mut out = Vec::new();
    if changed {
        out.push("Règles enregistrées.".to_owned());
    }
    out.push(statement.to_owned());
    out.push(format!("Agrégation : {}.", r.aggregation.label()));
    out.push(format!(
        "Désaccord signalé au-delà de {} % du maximum entre les totaux des membres.",
        r.disagreement_percent
    ));
    out.push(format!(
        "Totaux normalisés : {}.",
        if r.normalise { "oui" } else { "non" }
    ));
    out.push(format!(
        "Bloc universitaire des PADHUE : {}.",
        r.padhue_academic.label()
    ));
    out.join("\n")
}

/// `cesp seances FILE [ajouter | retirer | presence]`.
pub(crate) fn sittings(
    ctx: &Ctx,
    file: PathBuf,
    action: Option<SittingAction>,
) -> Result<(), Error> {
    let Some(action) = action else {
        let campaign = read(&file)?;
        let (sittings, members) = (campaign.sittings()?, campaign.members()?);
        output(ctx.json, &sittings, || sittings_text(&sittings, &members));
        return Ok(());
    };
    let mut campaign = write(&file, &backups())?;
    let operator = ctx.operator()?;
    let said = match action {
        SittingAction::Ajouter { date, heure, lieu } => {
            let id = campaign.add_sitting(
                &SittingInput {
                    date,
                    start_time: heure,
                    place: lieu,
                },
                &operator,
            )?;
            format!("Séance n° {id} ajoutée.")
        }
        SittingAction::Modifier {
            seance,
            date,
            heure,
            lieu,
        } => {
            let id = find_sitting(&campaign, &seance)?;
            let current = campaign
                .sittings()?
                .into_iter()
                .find(|s| s.id == id)
                .ok_or_else(|| Error::Missing {
                    what: format!("La séance n° {id}"),
                })?;
            campaign.update_sitting(
                id,
                &SittingInput {
                    date: date.unwrap_or(current.date),
                    start_time: heure.unwrap_or(current.start_time),
                    place: lieu.unwrap_or(current.place),
                },
                &operator,
            )?;
            format!("Séance n° {id} modifiée.")
        }
        SittingAction::Retirer { seance } => {
            let id = find_sitting(&campaign, &seance)?;
            campaign.remove_sitting(id, &operator)?;
            format!("Séance n° {id} retirée.")
        }
        SittingAction::Audition { seance, candidats } => {
            let id = if matches!(super::fold(&seance).as_str(), "aucune" | "aucun") {
                None
            } else {
                Some(find_sitting(&campaign, &seance)?)
            };
            for c in &candidats {
                let c = find_candidate(&campaign, c)?;
                campaign.set_hearing(c, id, &operator)?;
            }
            match id {
                Some(id) => format!(
                    "{} à la séance n° {id}.",
                    fr::count(candidats.len(), "candidat entendu", "candidats entendus")
                ),
                None => format!(
                    "{} d'aucune séance.",
                    fr::count(
                        candidats.len(),
                        "candidat n'est plus entendu",
                        "candidats ne sont plus entendus"
                    )
                ),
            }
        }
        SittingAction::Presence {
            seance,
            statut,
            membres,
        } => {
            let id = find_sitting(&campaign, &seance)?;
            let status = match statut {
                AttendanceArg::Present => Some(Attendance::Present),
                AttendanceArg::Excuse => Some(Attendance::Excused),
                AttendanceArg::Absent => Some(Attendance::Absent),
                AttendanceArg::Aucun => None,
            };
            let mut names = Vec::new();
            for m in &membres {
                let m = campaign.member_matching(m)?;
                campaign.set_attendance(id, m.id, status, &operator)?;
                names.push(m.name);
            }
            format!(
                "Séance n° {id} : {} — {}.",
                status.map_or("rien de noté", Attendance::label),
                names.join(", ")
            )
        }
    };
    let (sittings, members) = (campaign.sittings()?, campaign.members()?);
    output(ctx.json, &sittings, || {
        format!("{said}\n\n{}", sittings_text(&sittings, &members))
    });
    Ok(())
}

fn sittings_text(sittings: &[Sitting], members: &[Member]) -> String {
    if sittings.is_empty() {
        return "Aucune séance : ajoutez-en avec « cesp seances FICHIER ajouter --date JJ/MM/AAAA --heure 9h --lieu … ».".into();
    }
    let mut out = Vec::new();
    for s in sittings {
        out.push(format!(
            "Séance n° {} — {} à {}, {} — {}.",
            s.id,
            s.date_display,
            s.start_display,
            s.place,
            fr::count(s.heard, "candidat entendu", "candidats entendus")
        ));
        out.push(format!("  {}", s.quorum_statement));
        for a in &s.attendance {
            let name = members
                .iter()
                .find(|m| m.id == a.member_id)
                .map_or(String::new(), |m| m.name.clone());
            out.push(format!(
                "  {:<32} {}",
                name,
                a.status.map_or("—", Attendance::label)
            ));
        }
    }
    out.join("\n")
}

/// `cesp deports FILE [ajouter | retirer]`.
pub(crate) fn recusals(
    ctx: &Ctx,
    file: PathBuf,
    action: Option<RecusalAction>,
) -> Result<(), Error> {
    let Some(action) = action else {
        let recusals = read(&file)?.recusals()?;
        output(ctx.json, &recusals, || recusals_text(&recusals));
        return Ok(());
    };
    let mut campaign = write(&file, &backups())?;
    let operator = ctx.operator()?;
    let said = match action {
        RecusalAction::Ajouter {
            membre,
            candidat,
            motif,
        } => {
            let m = campaign.member_matching(&membre)?;
            let c = find_candidate(&campaign, &candidat)?;
            let withdrawn = campaign.add_recusal(m.id, c, &motif, &operator)?;
            format!(
                "Déport de {} enregistré ({}).",
                m.name,
                fr::count(withdrawn, "note retirée", "notes retirées")
            )
        }
        RecusalAction::Retirer { membre, candidat } => {
            let m = campaign.member_matching(&membre)?;
            let c = find_candidate(&campaign, &candidat)?;
            campaign.remove_recusal(m.id, c, &operator)?;
            format!("Déport de {} levé.", m.name)
        }
    };
    let recusals = campaign.recusals()?;
    output(ctx.json, &recusals, || {
        format!("{said}\n\n{}", recusals_text(&recusals))
    });
    Ok(())
}

fn recusals_text(recusals: &[cesp_core::commission::Recusal]) -> String {
    if recusals.is_empty() {
        return "Aucun déport.".into();
    }
    let mut out = vec![format!(
        "{} :",
        fr::count(recusals.len(), "déport", "déports")
    )];
    for r in recusals {
        out.push(format!(
            "  {} pour {} (n° {}) — motif : {} ({})",
            r.member_name, r.candidate_name, r.candidate_id, r.reason, r.at_display
        ));
    }
    out.join("\n")
}
