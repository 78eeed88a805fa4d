//! `cesp scores` and `ranking`: the offline scoring sheets, exported and imported, and
//! the ranking they make.

use std::path::PathBuf;

use cesp_core::scoring::{BlockInput, CriterionInput, Grid, ScoreInput, ScoreLine};
use cesp_core::{fr, Campaign, Error, FieldIssue};

use super::{find_candidate, fold, Ctx};
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

/// A refusal of what was typed for one argument (`field`), in French.
fn bad(field: &str, message: String) -> Error {
    Error::Validation(vec![FieldIssue::new(field, message)])
}

/// The grid as typed in the editor: what `cesp grille --set` reads back.
fn grid_input(grid: &Grid) -> Vec<BlockInput> {
    let text = |v: f64| cesp_core::scoring::show_cents((v * 100.0).round() as i64);
    grid.blocks
        .iter()
        .map(|b| BlockInput {
            code: b.code,
            label: b.label.clone(),
            criteria: b
                .criteria
                .iter()
                .map(|c| CriterionInput {
                    label: c.label.clone(),
                    source: c.source,
                    scale_max: text(c.scale_max),
                    step: text(c.step),
                    weight: text(c.weight),
                    low: c.low.clone(),
                    middle: c.middle.clone(),
                    high: c.high.clone(),
                })
                .collect(),
        })
        .collect()
}

/// `cesp grille`: the grid, shown or replaced by the blocks of a JSON file.
pub(crate) fn grid(ctx: &Ctx, file: PathBuf, set: Option<PathBuf>) -> Result<(), Error> {
    #[derive(serde::Deserialize)]
    struct GridFile {
        blocks: Vec<BlockInput>,
    }
    let grid = match &set {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            let typed: GridFile = serde_json::from_str(&text).map_err(|e| {
                bad("set", format!(
                    "--set : le fichier « {} » n'est pas une grille lisible ({e}) : il faut la forme de `cesp grille FICHIER --json`, {{\"blocks\": [{{\"code\": \"project\", \"label\": …, \"criteria\": [{{\"label\": …, \"source\": \"members\", \"scale_max\": \"5\", \"step\": \"0,5\", \"weight\": \"1\", \"low\": …, \"middle\": …, \"high\": …}}]}}]}}.",
                    p.display()
                ))
            })?;
            let mut campaign = write(&file, &backups())?;
            campaign.save_grid(&typed.blocks, &ctx.operator()?)?
        }
        None => read(&file)?.grid()?,
    };
    output(
        ctx.json,
        &serde_json::json!({ "blocks": grid_input(&grid), "grid": grid }),
        || {
            let mut out = Vec::new();
            if set.is_some() {
                out.push("Grille enregistrée.".to_owned());
            }
            out.push(format!(
                "Grille de notation, sur {} :",
                grid.max_total_display
            ));
            for b in &grid.blocks {
                out.push(format!(
                    "  {} (sur {})",
                    b.label,
                    fr::number(b.max_points, 2)
                ));
                for c in &b.criteria {
                    out.push(format!(
                        "    {:<4} {:<48} {}",
                        c.id, c.label, c.scale_display
                    ));
                }
            }
            if grid.locked_by_scores {
                out.push("Des notes existent : la grille ne peut plus changer sans réinitialiser les notes.".into());
            }
            out.join("\n")
        },
    );
    Ok(())
}

/// The criterion named by its number or the beginning (or a part) of its label.
fn find_criterion(grid: &Grid, text: &str) -> Result<i64, String> {
    let all: Vec<_> = grid.criteria().collect();
    if let Ok(id) = text.trim().parse::<i64>() {
        if all.iter().any(|c| c.id == id) {
            return Ok(id);
        }
    }
    let wanted = fold(text.trim());
    let starts: Vec<_> = all
        .iter()
        .filter(|c| !wanted.is_empty() && fold(&c.label).starts_with(&wanted))
        .collect();
    let found = if starts.is_empty() {
        all.iter()
            .filter(|c| !wanted.is_empty() && fold(&c.label).contains(&wanted))
            .collect()
    } else {
        starts
    };
    let known = || {
        all.iter()
            .map(|c| format!("{} ({})", c.id, c.label))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(format!(
            "aucun critère ne correspond à « {} » : donnez son numéro ou le début de son intitulé ({})",
            text.trim(),
            known()
        )),
        many => Err(format!(
            "« {} » désigne plusieurs critères ({}) : donnez le numéro",
            text.trim(),
            many.iter()
                .map(|c| format!("{} ({})", c.id, c.label))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// `cesp note`: one score recorded (or cleared).
pub(crate) fn score(
    ctx: &Ctx,
    file: PathBuf,
    member: String,
    candidate: String,
    criterion: String,
    value: String,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let m = campaign.member_matching(&member)?;
    let c = find_candidate(&campaign, &candidate)?;
    let grid = campaign.grid()?;
    let k =
        find_criterion(&grid, &criterion).map_err(|m| bad("critere", format!("CRITÈRE : {m}.")))?;
    let saved = campaign.set_score(
        &ScoreInput {
            member_id: m.id,
            candidate_id: c,
            criterion_id: k,
            value,
        },
        None,
        &ctx.operator()?,
    )?;
    output(ctx.json, &saved, || {
        format!(
            "{} : {}. Total de {} pour ce candidat : {} ({}).",
            if saved.value.is_empty() {
                "Note effacée"
            } else {
                "Note enregistrée"
            },
            if saved.value.is_empty() {
                "—".to_owned()
            } else {
                saved.value.clone()
            },
            m.name,
            saved.total,
            fr::count(saved.scored, "critère noté", "critères notés")
        )
    });
    Ok(())
}

/// Splits one CSV line on `sep`, with fields in double quotes ("3,5") kept whole.
fn csv_fields(line: &str, sep: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields.into_iter().map(|f| f.trim().to_owned()).collect()
}

/// The columns of a batch of scores, as named in its header.
const COLUMNS: [&str; 4] = ["membre", "candidat", "critère", "note"];

/// A batch as read: the scores, the problems of the lines that could not be read, and
/// every line's place in file order.
type Batch = (Vec<ScoreLine>, Vec<FieldIssue>, Vec<String>);

/// Reads a batch of scores: each line resolved to a score, or its problems (file, line,
/// column) — nothing is checked here that core checks.
fn read_batch(campaign: &Campaign, path: &std::path::Path) -> Result<Batch, Error> {
    let name = fr::file_name(path);
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(bad("lot", format!("« {name} » est vide : il faut une première ligne « membre;candidat;critère;note », puis une note par ligne.")));
    };
    let sep = if header.contains(';') { ';' } else { ',' };
    let heads: Vec<String> = csv_fields(header, sep).iter().map(|h| fold(h)).collect();
    let mut at = [0usize; 4];
    for (i, col) in COLUMNS.iter().enumerate() {
        at[i] = heads.iter().position(|h| *h == fold(col)).ok_or_else(|| {
            bad("lot", format!(
                "« {name} », ligne 1 : la colonne « {col} » manque ; la première ligne doit être « membre;candidat;critère;note »."
            ))
        })?;
    }
    let grid = campaign.grid()?;
    let (mut out, mut unread, mut places) = (Vec::new(), Vec::new(), Vec::new());
    for (i, line) in lines {
        let place = format!("« {name} », ligne {}", i + 1);
        places.push(place.clone());
        let fields = csv_fields(line, sep);
        let cell = |k: usize| fields.get(at[k]).cloned().unwrap_or_default();
        let mut issue = |col: &str, message: String| {
            unread.push(FieldIssue::new(
                col,
                format!("{place}, colonne « {col} » : {message}"),
            ));
        };
        let member = match campaign.member_matching(&cell(0)) {
            Ok(m) => Some(m.id),
            Err(e) => {
                issue("membre", e.to_string());
                None
            }
        };
        let candidate = match find_candidate(campaign, &cell(1)) {
            Ok(c) => Some(c),
            Err(e) => {
                issue("candidat", e.to_string());
                None
            }
        };
        let criterion = match find_criterion(&grid, &cell(2)) {
            Ok(k) => Some(k),
            Err(m) => {
                issue("critère", format!("{m}."));
                None
            }
        };
        if let (Some(member_id), Some(candidate_id), Some(criterion_id)) =
            (member, candidate, criterion)
        {
            out.push(ScoreLine {
                place: place.clone(),
                input: ScoreInput {
                    member_id,
                    candidate_id,
                    criterion_id,
                    value: cell(3),
                },
            });
        }
    }
    if out.is_empty() && unread.is_empty() {
        return Err(bad(
            "lot",
            format!("« {name} » n'a aucune note après sa première ligne."),
        ));
    }
    Ok((out, unread, places))
}

/// A refused batch's problems in the order of the file's lines (those the reader met and
/// those core met are listed together).
fn in_file_order(e: Error, places: &[String]) -> Error {
    match e {
        Error::Validation(mut issues) => {
            // A place is followed by « , colonne » or « : », so that « ligne 1 » is not
            // taken for « ligne 12 ».
            let line_of = |m: &str| {
                places
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        m.strip_prefix(p.as_str())
                            .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with(','))
                    })
                    .map(|(i, _)| i)
                    .next()
                    .unwrap_or(usize::MAX)
            };
            issues.sort_by_key(|i| line_of(&i.message));
            Error::Validation(issues)
        }
        other => other,
    }
}

/// `cesp notes`: a batch of scores from a CSV, all written or none.
pub(crate) fn scores_batch(ctx: &Ctx, file: PathBuf, lot: PathBuf) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let (lines, unread, places) = read_batch(&campaign, &lot)?;
    let set = campaign
        .set_scores(&lines, unread, &ctx.operator()?)
        .map_err(|e| in_file_order(e, &places))?;
    output(ctx.json, &set, || {
        format!(
            "Lot de notes « {} » enregistré : {}, {}, {}.",
            fr::file_name(&lot),
            fr::count(set.added, "note ajoutée", "notes ajoutées"),
            fr::count(set.changed, "modifiée", "modifiées"),
            fr::count(set.unchanged, "inchangée", "inchangées")
        )
    });
    Ok(())
}

/// `cesp valider`: validates scores (every complete candidate heard when none is named).
pub(crate) fn lock(ctx: &Ctx, file: PathBuf, candidates: Vec<String>) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let ids = candidates
        .iter()
        .map(|c| find_candidate(&campaign, c))
        .collect::<Result<Vec<_>, _>>()?;
    let report = campaign.lock_scores(&ids, &ctx.operator()?)?;
    output(ctx.json, &report, || {
        let mut out = vec![format!(
            "Notes validées : {}.",
            fr::count(report.locked, "candidat", "candidats")
        )];
        if !report.skipped.is_empty() {
            out.push("Non validées :".into());
            out.extend(report.skipped.iter().map(|s| format!("  {s}")));
        }
        out.join("\n")
    });
    Ok(())
}

/// `cesp deverrouiller`: a candidate's validated scores reopened, with a reason.
pub(crate) fn unlock(
    ctx: &Ctx,
    file: PathBuf,
    candidate: String,
    reason: String,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let id = find_candidate(&campaign, &candidate)?;
    campaign.unlock_scores(id, &reason, &ctx.operator()?)?;
    output(ctx.json, &serde_json::json!({ "unlocked": id }), || {
        format!("Notes du candidat n° {id} déverrouillées : elles peuvent être modifiées, puis validées à nouveau.")
    });
    Ok(())
}

/// `cesp correction`: a computed academic value corrected with a reason (empty: back to
/// the computed value).
pub(crate) fn academic_override(
    ctx: &Ctx,
    file: PathBuf,
    candidate: String,
    criterion: String,
    value: String,
    reason: String,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let id = find_candidate(&campaign, &candidate)?;
    let grid = campaign.grid()?;
    let k =
        find_criterion(&grid, &criterion).map_err(|m| bad("critere", format!("CRITÈRE : {m}.")))?;
    campaign.set_academic_override(id, k, &value, &reason, &ctx.operator()?)?;
    let values: Vec<_> = campaign
        .academic_values()?
        .into_iter()
        .filter(|v| v.candidate_id == id)
        .collect();
    output(ctx.json, &values, || {
        if value.trim().is_empty() {
            "Correction retirée : la valeur calculée s'applique.".into()
        } else {
            format!("Correction enregistrée : {}.", value.trim())
        }
    });
    Ok(())
}

/// `cesp reinitialiser-notes`: every score, correction and validation deleted.
pub(crate) fn reset(ctx: &Ctx, file: PathBuf, reason: String) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let n = campaign.reset_scores(&reason, &ctx.operator()?)?;
    output(ctx.json, &serde_json::json!({ "deleted": n }), || {
        format!(
            "Notes réinitialisées : {} (une sauvegarde a été faite avant).",
            fr::count(n, "note effacée", "notes effacées")
        )
    });
    Ok(())
}
