//! `cesp dossier`, `attach` and `merge`: the dossiers' pieces and eligibility, the letters
//! about them, attached files, and the merge of another copy of the campaign.

use cesp_core::Refusal;
use std::path::PathBuf;

use cesp_core::dossier::{Piece, PieceChange, PieceInput, PieceStatus, PieceUpdate};
use cesp_core::{fr, Error};

use super::{find_candidate, fold, Ctx};
use crate::open::{backups, read, write};
use crate::output::{dossier_counts, output};
use crate::{PieceAction, PieceStatusArg};

/// `cesp dossier`: every dossier, or one candidate's, or the letters about them.
pub(crate) fn dossier(
    ctx: &Ctx,
    file: PathBuf,
    candidate: Option<String>,
    letters: Option<PathBuf>,
    receipts: Option<PathBuf>,
    return_by: Option<String>,
) -> Result<(), Error> {
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
        let by =
            return_by.unwrap_or_else(|| cesp_core::dossier::letters::proposed_return_by(today));
        let written = campaign.write_dossier_letters(kind, &ids, today, &by, &dir)?;
        output(ctx.json, &written, || {
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
        output(ctx.json, &d, || dossier_text(&d));
    } else {
        let all = campaign.dossiers()?;
        let counts = cesp_core::dossier::counts(&all);
        output(
            ctx.json,
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
    Ok(())
}

/// `cesp attach`: joins a file to a piece of a candidate's dossier.
pub(crate) fn attach(
    ctx: &Ctx,
    file: PathBuf,
    candidate: String,
    piece: String,
    path: PathBuf,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let id = find_candidate(&campaign, &candidate)?;
    let pieces = campaign.pieces()?;
    let p = find_piece(&pieces, &piece)?;
    let d = campaign.attach(id, p.id, &path, &ctx.operator()?)?;
    output(ctx.json, &d, || {
        format!(
            "Fichier joint à la pièce « {} » de {}.\n{}",
            p.label,
            d.display_name,
            dossier_text(&d)
        )
    });
    Ok(())
}

/// `cesp merge`: merges another copy of the campaign (or shows what it would do).
pub(crate) fn merge(
    ctx: &Ctx,
    file: PathBuf,
    other: PathBuf,
    dry_run: bool,
    keep_ours: bool,
    take_theirs: bool,
) -> Result<(), Error> {
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
        campaign.merge(&other, &choices, &ctx.operator()?)?
    };
    output(ctx.json, &plan, || {
        merge_text(&plan, dry_run, keep_ours, take_theirs)
    });
    Ok(())
}

/// One candidate's dossier: eligibility, then each piece that applies and its files.
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
                a.file_name,
                a.kind,
                fr::integer(a.size_kb)
            ));
        }
    }
    out.push("  (* pièce obligatoire)".into());
    out.join("\n")
}

/// What a merge brings (or would bring), conflict by conflict with the value kept.
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

/// The piece named by its code, its number or the beginning of its label.
fn find_piece<'a>(pieces: &'a [Piece], piece: &str) -> Result<&'a Piece, Error> {
    let wanted = fold(piece);
    pieces
        .iter()
        .find(|p| p.code == piece || p.id.to_string() == piece)
        .or_else(|| {
            pieces
                .iter()
                .find(|p| !wanted.is_empty() && fold(&p.label).starts_with(&wanted))
        })
        .ok_or_else(|| {
            Error::Refused(
                Refusal::UnknownPiece,
                format!(
                    "Pièce « {piece} » inconnue : indiquez son code ({}).",
                    pieces
                        .iter()
                        .map(|p| p.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
}

/// `cesp piece`: where some pieces (`None`: every piece asked of the candidate) stand,
/// saved together.
pub(crate) fn set_pieces(
    ctx: &Ctx,
    file: PathBuf,
    candidate: String,
    status: PieceStatusArg,
    pieces: Option<Vec<String>>,
    date: Option<String>,
    reason: Option<String>,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let id = find_candidate(&campaign, &candidate)?;
    let ids: Vec<i64> = if let Some(pieces) = pieces {
        let checklist = campaign.pieces()?;
        pieces
            .iter()
            .map(|p| find_piece(&checklist, p).map(|p| p.id))
            .collect::<Result<_, _>>()?
    } else {
        campaign
            .dossier(id)?
            .pieces
            .iter()
            .filter(|p| p.applies)
            .map(|p| p.piece_id)
            .collect()
    };
    let update = PieceUpdate {
        status: match status {
            PieceStatusArg::Recue => Some(PieceStatus::Received),
            PieceStatusArg::Manquante => Some(PieceStatus::Missing),
            PieceStatusArg::NonConforme => Some(PieceStatus::NotCompliant),
            PieceStatusArg::NonRequise => Some(PieceStatus::NotRequired),
            PieceStatusArg::Aucun => None,
        },
        received_on: date.unwrap_or_default(),
        reason: reason.unwrap_or_default(),
    };
    let changes: Vec<PieceChange> = ids
        .into_iter()
        .map(|piece| PieceChange {
            piece,
            update: update.clone(),
        })
        .collect();
    let d = campaign.set_pieces(id, &changes, &ctx.operator()?)?;
    output(ctx.json, &d, || {
        format!(
            "{}.\n{}",
            fr::count(changes.len(), "pièce enregistrée", "pièces enregistrées"),
            dossier_text(&d)
        )
    });
    Ok(())
}

/// `cesp pieces`: the checklist, shown, or with a piece added or removed (the whole list
/// saved by core, which refuses removing a piece in use).
pub(crate) fn checklist(
    ctx: &Ctx,
    file: PathBuf,
    action: Option<PieceAction>,
) -> Result<(), Error> {
    let pieces = match action {
        None => read(&file)?.pieces()?,
        Some(action) => {
            let mut campaign = write(&file, &backups())?;
            let current = campaign.pieces()?;
            let mut input: Vec<PieceInput> = current
                .iter()
                .map(|p| PieceInput {
                    id: Some(p.id),
                    label: p.label.clone(),
                    mandatory: p.mandatory,
                    categories: p.categories.clone(),
                    condition: p.condition,
                })
                .collect();
            match action {
                PieceAction::Ajouter {
                    libelle,
                    facultative,
                    categories,
                    etrangers,
                } => input.push(PieceInput {
                    id: None,
                    label: libelle,
                    mandatory: !facultative,
                    categories: match categories {
                        Some(text) => categories_of(&text)?,
                        None => cesp_core::candidate::Category::ALL.to_vec(),
                    },
                    condition: if etrangers {
                        cesp_core::dossier::Condition::Foreign
                    } else {
                        cesp_core::dossier::Condition::None
                    },
                }),
                PieceAction::Retirer { piece } => {
                    let gone = find_piece(&current, &piece)?.id;
                    input.retain(|p| p.id != Some(gone));
                }
            }
            campaign.save_pieces(&input, &ctx.operator()?)?
        }
    };
    output(ctx.json, &pieces, || {
        let mut out = vec![format!(
            "{} demandées :",
            fr::count(pieces.len(), "pièce", "pièces")
        )];
        for p in &pieces {
            out.push(format!(
                "  {:<4} {:<16} {} {:<60} {}",
                p.id,
                p.code,
                if p.mandatory { "*" } else { " " },
                p.label,
                p.applies_display
            ));
        }
        out.push("  (* pièce obligatoire)".into());
        out.join("\n")
    });
    Ok(())
}

/// « etudiant,interne »: the categories typed for `--categories`.
fn categories_of(text: &str) -> Result<Vec<cesp_core::candidate::Category>, Error> {
    use cesp_core::candidate::Category;
    text.split(',')
        .filter(|t| !t.trim().is_empty())
        .map(|t| match fold(t).as_str() {
            "etudiant" | "etudiants" => Ok(Category::Student),
            "interne" | "internes" => Ok(Category::Intern),
            "padhue" => Ok(Category::Padhue),
            _ => Err(Error::Validation(vec![cesp_core::FieldIssue::new(
                "categories",
                format!("--categories : « {} » n'est pas une catégorie ; indiquez etudiant, interne ou padhue, séparés par des virgules.", t.trim()),
            )])),
        })
        .collect()
}

/// `cesp recevabilite`: the commission's eligibility decision, or back to the computed one.
pub(crate) fn eligibility(
    ctx: &Ctx,
    file: PathBuf,
    candidate: String,
    eligible: Option<bool>,
    reason: String,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let id = find_candidate(&campaign, &candidate)?;
    let d = campaign.override_eligibility(id, eligible, &reason, &ctx.operator()?)?;
    output(ctx.json, &d, || dossier_text(&d));
    Ok(())
}

/// `cesp detacher`: a file removed from a piece.
pub(crate) fn detach(ctx: &Ctx, file: PathBuf, attachment: i64) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let d = campaign.remove_attachment(attachment, &ctx.operator()?)?;
    output(ctx.json, &d, || {
        format!("Fichier n° {attachment} retiré.\n{}", dossier_text(&d))
    });
    Ok(())
}

/// `cesp conservation`: the retention of unselected candidates' data, shown or changed.
pub(crate) fn retention(ctx: &Ctx, file: PathBuf, months: Option<String>) -> Result<(), Error> {
    let today = cesp_core::clock::today();
    let r = match &months {
        Some(m) => {
            let mut campaign = write(&file, &backups())?;
            campaign.set_retention_typed(m, &ctx.operator()?)?;
            campaign.retention(today)?
        }
        None => read(&file)?.retention(today)?,
    };
    output(ctx.json, &r, || {
        let mut out = vec![format!(
            "Données des candidats non retenus conservées {} après la fin de la campagne ({}) : purge possible à partir du {}.",
            fr::count(r.months, "mois", "mois"),
            r.campaign_end,
            r.purge_from
        )];
        if r.purged > 0 {
            out.push(format!(
                "{} déjà.",
                fr::count(r.purged, "candidat purgé", "candidats purgés")
            ));
        }
        if !r.purgeable.is_empty() {
            // One name a line: a national campaign has hundreds to purge.
            out.push(format!(
                "{} :",
                fr::count(r.purgeable.len(), "candidat à purger", "candidats à purger")
            ));
            out.extend(r.purgeable.iter().map(|name| format!("  {name}")));
        }
        out.join("\n")
    });
    Ok(())
}

/// `cesp purge`: unselected candidates' data exported, then erased.
pub(crate) fn purge(ctx: &Ctx, file: PathBuf, out: PathBuf) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let r = campaign.purge(&out, cesp_core::clock::today(), &ctx.operator()?)?;
    output(ctx.json, &r, || {
        format!(
            "{} et {} effacés ; leurs données sont dans « {} ».",
            fr::count(r.candidates, "candidat", "candidats"),
            fr::count(r.attachments, "fichier joint", "fichiers joints"),
            r.export
        )
    });
    Ok(())
}
