//! `cesp scores` and `ranking`: the offline scoring sheets, exported and imported, and
//! the ranking they make.

use std::path::PathBuf;

use cesp_core::{fr, Error};

use super::Ctx;
use crate::open::{backups, read, write};
use crate::output::output;

/// `cesp scores`: writes one sheet per voting member, or imports filled sheets, each on
/// its own, every refusal reported.
pub(crate) fn scores(
    ctx: &Ctx,
    file: PathBuf,
    export_sheets: Option<PathBuf>,
    import: Vec<PathBuf>,
) -> Result<(), Error> {
    if let Some(dir) = export_sheets {
        let campaign = read(&file)?;
        let written = campaign.export_score_sheets(&dir)?;
        output(ctx.json, &written, || {
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
        for outcome in campaign.import_score_sheets(&import, &ctx.operator()?) {
            match outcome.result {
                Ok(r) => {
                    if !ctx.json {
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
        if ctx.json && (!done.is_empty() || refused.is_empty()) {
            output(true, &done, String::new);
        }
        if let Some(e) = sheets_refused(refused) {
            return Err(e);
        }
    }
    Ok(())
}

/// `cesp ranking`: the ranking by category.
pub(crate) fn ranking(ctx: &Ctx, file: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let ranking = campaign.ranking()?;
    output(ctx.json, &ranking, || ranking_text(&ranking));
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

/// The ranking of each group as a table: rank, candidate, blocks, total, spread, status.
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

/// A block's label shortened to a column heading: its first word, 12 characters at most.
fn short(label: &str) -> String {
    label
        .split_whitespace()
        .next()
        .unwrap_or(label)
        .chars()
        .take(12)
        .collect()
}
