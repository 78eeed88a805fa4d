//! `cesp import`, `candidates`, `imports` and `undo-import`: candidates come from a
//! spreadsheet, are listed, and an import is undone.

use cesp_core::Refusal;
use std::path::PathBuf;

use cesp_core::{fr, Error};

use super::Ctx;
use crate::open::{backups, read, write};
use crate::output::output;

/// `cesp import`: previews, then imports (or only previews) a spreadsheet of candidates.
pub(crate) fn import(ctx: &Ctx, args: crate::ImportArgs) -> Result<(), Error> {
    let operator = ctx.operator()?;
    let (json, op) = (ctx.json, operator.as_str());
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
    // A dry run only reads: no backup of the whole campaign (at national scale, 100 MB
    // each time a list is checked) for a run that changes nothing.
    let mut campaign = if args.dry_run {
        read(&args.file)?
    } else {
        write(&args.file, &backups())?
    };
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
        return Err(Error::Refused(Refusal::NothingImported, format!(
            "Aucune ligne de « {} » n'a pu être importée : corrigez les lignes rejetées ci-dessus, puis recommencez.",
            preview.file_name
        )));
    }
    Ok(())
}

/// `cesp candidates`: the candidates, as a table or as CSV.
pub(crate) fn candidates(ctx: &Ctx, file: PathBuf, csv: bool) -> Result<(), Error> {
    let campaign = read(&file)?;
    if csv {
        use std::io::Write;
        // Piped into `head`: stop quietly, as `output` does.
        let _ = write!(std::io::stdout().lock(), "{}", campaign.candidates_csv()?);
    } else {
        let rows = campaign.candidates()?;
        output(ctx.json, &rows, || {
            // The columns' names and the rows, in the same widths.
            let line = |id: &dyn std::fmt::Display, name: &str, category: &str, born: &str| {
                format!("{id:>5}  {name:<40} {category:<26} {born}")
            };
            let mut out = vec![fr::count(rows.len(), "candidat", "candidats")];
            if !rows.is_empty() {
                out.push(line(
                    &"N°",
                    "Nom et prénoms",
                    "Catégorie",
                    "Date de naissance",
                ));
            }
            for r in &rows {
                out.push(line(
                    &r.id,
                    &r.display_name,
                    &r.category_label,
                    &r.birth_date_display,
                ));
            }
            out.join("\n")
        });
    }
    Ok(())
}

/// `cesp imports`: the imports made in the campaign.
pub(crate) fn imports(ctx: &Ctx, file: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let list = campaign.imports()?;
    output(ctx.json, &list, || {
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
                    fr::integer(b.updated),
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
    Ok(())
}

/// `cesp undo-import`: undoes an import (the last one that can be).
pub(crate) fn undo_import(ctx: &Ctx, file: PathBuf, batch: Option<i64>) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let batch = match batch {
        Some(b) => b,
        None => campaign
            .imports()?
            .into_iter()
            .find(|b| b.can_undo)
            .map(|b| b.id)
            .ok_or_else(|| {
                Error::Refused(Refusal::NoImportToUndo, "Aucun import à annuler.".into())
            })?,
    };
    let removed = campaign.undo_import(batch, &ctx.operator()?)?;
    output(
        ctx.json,
        &serde_json::json!({ "batch": batch, "removed": removed }),
        || {
            format!(
                "Import n° {batch} annulé : {}.",
                fr::count(removed, "candidat retiré", "candidats retirés")
            )
        },
    );
    Ok(())
}

/// The text of `cesp import`: the columns recognised, the counts, each update, conflict and
/// rejected row, and what was done.
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
        fr::integer(c.create),
        fr::integer(c.update),
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
                let value = if r.value.trim().is_empty() {
                    "case vide".to_owned()
                } else {
                    format!("« {} »", r.value)
                };
                out.push(format!(
                    "  Ligne {}, colonne {} (« {} ») : {value} — {}",
                    r.row, r.column, r.header, r.reason
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

/// « Nom=DUPONT »: the field (named as an import column) and the value typed.
fn field_input(typed: &str) -> Result<cesp_core::import::edit::FieldInput, Error> {
    let refuse = |m: String| Error::Validation(vec![cesp_core::FieldIssue::new("champ", m)]);
    let (name, text) = typed.split_once('=').ok_or_else(|| {
        refuse(format!(
            "« {typed} » : écrivez CHAMP=VALEUR, par exemple « Nom=DUPONT » ou « Catégorie=Étudiant »."
        ))
    })?;
    let field = cesp_core::import::fields::guess_mapping(&[name.trim().to_owned()])
        .into_iter()
        .next()
        .flatten()
        .ok_or_else(|| {
            refuse(format!(
                "« {} » n'est pas un champ de candidat : nommez-le comme une colonne d'import (Nom, Prénom, Date de naissance, Catégorie, Discipline, N° INE, Courriel…).",
                name.trim()
            ))
        })?;
    Ok(cesp_core::import::edit::FieldInput {
        field,
        text: text.to_owned(),
    })
}

/// `cesp candidat FILE ajouter | modifier | supprimer`.
pub(crate) fn candidate(
    ctx: &Ctx,
    file: PathBuf,
    action: crate::CandidateAction,
) -> Result<(), Error> {
    use crate::CandidateAction;
    let mut campaign = write(&file, &backups())?;
    let operator = ctx.operator()?;
    match action {
        CandidateAction::Ajouter { champs } => {
            let inputs = champs
                .iter()
                .map(|c| field_input(c))
                .collect::<Result<Vec<_>, _>>()?;
            let row = campaign.add_candidate(&inputs, &operator)?;
            output(ctx.json, &row, || {
                format!(
                    "Candidat n° {} ajouté : {} ({}).",
                    row.id, row.display_name, row.category_label
                )
            });
        }
        CandidateAction::Modifier { candidat, champs } => {
            let id = super::find_candidate(&campaign, &candidat)?;
            let inputs = champs
                .iter()
                .map(|c| field_input(c))
                .collect::<Result<Vec<_>, _>>()?;
            let mut row = None;
            for i in &inputs {
                row = Some(campaign.set_candidate_field(id, i.field, &i.text, &operator)?);
            }
            let row = row.expect("at least one field (clap requires it)");
            output(ctx.json, &row, || {
                format!(
                    "Candidat n° {} modifié : {} ({}).",
                    row.id, row.display_name, row.category_label
                )
            });
        }
        CandidateAction::Supprimer { candidats } => {
            let ids = candidats
                .iter()
                .map(|c| super::find_candidate(&campaign, c))
                .collect::<Result<Vec<_>, _>>()?;
            let deleted = campaign.delete_candidates(&ids, &operator)?;
            output(ctx.json, &deleted, || {
                format!(
                    "{} (une sauvegarde a été faite avant : « cesp backups », « cesp restore »).",
                    fr::count(deleted.len(), "candidat supprimé", "candidats supprimés")
                )
            });
        }
    }
    Ok(())
}
