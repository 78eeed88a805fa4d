//! Offline scoring: one xlsx sheet per member with the candidates they may score, the
//! layout protected and only the score cells open; the filled sheet is read back and
//! every value checked as if typed in the app. A sheet for another campaign, another
//! grid, another member, or whose rows were moved, is refused with the reason.

use crate::Refusal;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{apply_score, check_value, show_cents, Grid, ScoreInput, Source};
use crate::campaign::Campaign;
use crate::commission::Attendance;
use crate::error::{Error, Result};
use crate::fr;
use crate::import::read::{read_file, Cell};
use crate::journal::{Change, Entry};

const MARK: &str = "cesp-feuille-de-notation-1";
const DATA_SHEET: &str = "Notation";
const KEY_SHEET: &str = "cesp";
const FIRST_ROW: u32 = 5; // zero-based row of the first candidate (row 6 in Excel)

/// A sheet written for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SheetWritten {
    /// The member.
    pub member: String,
    /// The file.
    pub path: String,
    /// Candidates on the sheet.
    pub candidates: i64,
}

/// What importing a sheet did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SheetImported {
    /// The member whose sheet it is.
    pub member: String,
    /// Scores that did not exist.
    pub added: i64,
    /// Scores that changed.
    pub changed: i64,
    /// Scores identical to those in the campaign.
    pub unchanged: i64,
    /// Empty cells (left as they were).
    pub empty: i64,
}

fn seal(
    uid: &str,
    member: i64,
    fingerprint: &str,
    criteria: &str,
    rows: &[(i64, String)],
) -> String {
    let mut h = Sha256::new();
    h.update(format!("{MARK}|{uid}|{member}|{fingerprint}|{criteria}\n"));
    for (id, name) in rows {
        h.update(format!("{id}|{name}\n"));
    }
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn header(c: &super::Criterion) -> String {
    format!(
        "{} (0 à {}, pas de {})",
        c.label,
        show_cents(c.max_cents()),
        show_cents(c.step_cents())
    )
}

/// The candidates `member` may score, sorted as the candidates list: not recused, not
/// validated, not absent at the sitting where they are heard.
fn scorable(
    board: &super::ScoreBoard,
    candidates: &[crate::candidate::CandidateRow],
    member: i64,
) -> Vec<crate::candidate::CandidateRow> {
    let mut out = Vec::new();
    for c in candidates {
        if board
            .recusals
            .iter()
            .any(|r| r.member_id == member && r.candidate_id == c.id)
        {
            continue;
        }
        if board.locked.contains(&c.id) {
            continue;
        }
        let sitting = board
            .hearings
            .iter()
            .find(|h| h.candidate_id == c.id)
            .map(|h| h.sitting_id);
        let absent = sitting
            .and_then(|s| board.sittings.iter().find(|x| x.id == s))
            .is_some_and(|s| {
                s.attendance.iter().any(|a| {
                    a.member_id == member
                        && matches!(a.status, Some(Attendance::Absent | Attendance::Excused))
                })
            });
        if !absent {
            out.push(c.clone());
        }
    }
    out
}

fn uid(campaign: &Campaign) -> Result<String> {
    Ok(campaign
        .conn()
        .query_row("SELECT uid FROM campaign WHERE id = 1", [], |r| r.get(0))?)
}

fn xlsx_error(path: &Path, e: rust_xlsxwriter::XlsxError) -> Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => Error::io(path, io),
        other => Error::Refused(
            Refusal::SheetNotWritten,
            format!(
                "La feuille « {} » n'a pas pu être écrite ({other}).",
                path.display()
            ),
        ),
    }
}

/// One sheet of a batch given back: what it brought, or why it was refused.
#[derive(Debug)]
pub struct SheetOutcome {
    /// The sheet's file.
    pub path: PathBuf,
    /// What was imported, or why the sheet was refused (then nothing of it was recorded).
    pub result: Result<SheetImported>,
}

impl Campaign {
    /// Writes one scoring sheet per voting member into `dir`; returns the files.
    pub fn export_score_sheets(&self, dir: &Path) -> Result<Vec<SheetWritten>> {
        if !dir.is_dir() {
            return Err(Error::Refused(Refusal::FolderMissing, format!(
                "Le dossier « {} » n'existe pas : choisissez un dossier existant pour y enregistrer les feuilles.",
                dir.display()
            )));
        }
        let grid = self.grid()?;
        let settings = self.settings()?;
        let uid = uid(self)?;
        let board = self.score_board()?;
        let candidates = self.candidates()?;
        let criteria: Vec<&super::Criterion> = grid
            .criteria()
            .filter(|c| c.source == Source::Members)
            .collect();
        let mut written = Vec::new();
        for m in board.members.iter().filter(|m| m.voting) {
            let rows = scorable(&board, &candidates, m.id);
            let path = dir.join(format!(
                "Notation - {}.xlsx",
                crate::files::safe_name(&m.name)
            ));
            write_sheet(&path, &grid, &criteria, &board, m, &rows, &settings, &uid)?;
            written.push(SheetWritten {
                member: m.name.clone(),
                path: path.display().to_string(),
                candidates: rows.len() as i64,
            });
        }
        if written.is_empty() {
            return Err(Error::Refused(Refusal::NoVotingMember,
                "La commission n'a aucun membre votant : ajoutez les membres avant d'exporter des feuilles de notation.".into(),
            ));
        }
        Ok(written)
    }

    /// Reads a filled scoring sheet and records its scores in one transaction, or refuses
    /// it whole with every reason.
    pub fn import_score_sheet(&mut self, path: &Path, operator: &str) -> Result<SheetImported> {
        let refuse = |reasons: Vec<String>| Error::SheetRefused {
            path: path.to_path_buf(),
            reasons,
        };
        let keys = read_file(path, Some(KEY_SHEET)).map_err(|reason| {
            if reason.contains("n'a pas de feuille") {
                refuse(vec!["ce n'est pas une feuille de notation exportée par CESP Commission (exportez les feuilles depuis l'écran « Notation »)".into()])
            } else {
                refuse(vec![reason])
            }
        })?;
        let key = |row: usize| -> String {
            keys.rows
                .get(row)
                .and_then(|r| r.cells.first())
                .map(Cell::display)
                .unwrap_or_default()
        };
        if key(0) != MARK {
            return Err(refuse(vec!["ce n'est pas une feuille de notation exportée par CESP Commission, ou sa partie technique a été modifiée".into()]));
        }
        let grid = self.grid()?;
        if key(1) != uid(self)? {
            return Err(refuse(vec![format!(
                "elle a été exportée d'une autre campagne ({}) ; importez-la dans la campagne qui l'a produite",
                key(7)
            )]));
        }
        let member_id: i64 = key(2).parse().unwrap_or(-1);
        let board = self.score_board()?;
        let member = board.members.iter().find(|m| m.id == member_id).cloned().ok_or_else(|| {
            refuse(vec![format!("le membre « {} » pour qui elle a été exportée ne fait plus partie de la commission", key(8))])
        })?;
        if key(3) != grid.fingerprint {
            return Err(refuse(vec![
                "la grille de notation a changé depuis l'export de cette feuille ; exportez de nouvelles feuilles et faites-les remplir".into(),
            ]));
        }
        let criteria: Vec<&super::Criterion> = grid
            .criteria()
            .filter(|c| c.source == Source::Members)
            .collect();
        let ids: Vec<i64> = key(5)
            .split(',')
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        let data = read_file(path, Some(DATA_SHEET)).map_err(|r| refuse(vec![r]))?;
        let cell = |row: u32, col: usize| -> Cell {
            data.rows
                .iter()
                .find(|r| r.number == row + 1)
                .and_then(|r| r.cells.get(col))
                .cloned()
                .unwrap_or(Cell::Empty)
        };
        let mut reasons = Vec::new();
        let cands = self.candidates()?;
        let mut rows: Vec<(i64, String)> = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let name = cands
                .iter()
                .find(|c| c.id == *id)
                .map(|c| c.display_name.clone());
            rows.push((*id, name.clone().unwrap_or_default()));
            let shown = cell(FIRST_ROW + i as u32, 0).display();
            match name {
                None => reasons.push(format!("ligne {} : le candidat « {shown} » n'existe plus dans la campagne", FIRST_ROW + i as u32 + 1)),
                Some(n) if n != shown => reasons.push(format!(
                    "ligne {} : « {shown} » à la place de « {n} » — des lignes ont été déplacées, ajoutées ou supprimées ; reprenez une feuille exportée sans modifier ses lignes",
                    FIRST_ROW + i as u32 + 1
                )),
                Some(_) => {}
            }
        }
        let criteria_ids = criteria
            .iter()
            .map(|c| c.id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let tampered =
            key(4) != criteria_ids || key(6) != seal(&key(1), member_id, &key(3), &key(4), &rows);
        if tampered && reasons.is_empty() {
            reasons.push("sa partie technique a été modifiée ; reprenez la feuille telle qu'elle a été exportée".into());
        }
        for (j, c) in criteria.iter().enumerate() {
            let h = cell(FIRST_ROW - 1, 2 + j).display();
            if h != header(c) {
                reasons.push(format!(
                    "colonne {} : « {h} » à la place de « {} » — les colonnes ont été modifiées",
                    column_name(2 + j),
                    header(c)
                ));
            }
        }
        let extra = data.rows.iter().find(|r| {
            r.number > FIRST_ROW + ids.len() as u32 && r.cells.iter().any(|c| !c.is_blank())
        });
        if let Some(r) = extra {
            reasons.push(format!(
                "ligne {} : une ligne a été ajoutée après les candidats de la feuille ; retirez-la",
                r.number
            ));
        }
        if !reasons.is_empty() {
            return Err(refuse(reasons));
        }
        let mut inputs = Vec::new();
        let mut empty = 0;
        for (i, (id, name)) in rows.iter().enumerate() {
            let row = FIRST_ROW + i as u32;
            for (j, c) in criteria.iter().enumerate() {
                let text = match cell(row, 2 + j) {
                    Cell::Empty => {
                        empty += 1;
                        continue;
                    }
                    Cell::Text(t) if t.trim().is_empty() => {
                        empty += 1;
                        continue;
                    }
                    Cell::Number(n) => {
                        let cents = (n * 100.0).round();
                        if (n * 100.0 - cents).abs() > 1e-6 {
                            reasons.push(format!(
                                "ligne {}, « {} » ({name}) : {} a plus de deux décimales",
                                row + 1,
                                c.label,
                                fr::number(n, 6)
                            ));
                            continue;
                        }
                        show_cents(cents as i64)
                    }
                    other => other.display(),
                };
                if let Err(m) = check_value(c, &text) {
                    reasons.push(format!("ligne {} ({name}) : {m}", row + 1));
                    continue;
                }
                inputs.push((
                    ScoreInput {
                        member_id,
                        candidate_id: *id,
                        criterion_id: c.id,
                        value: text,
                    },
                    name.clone(),
                    c.label.clone(),
                ));
            }
        }
        if !reasons.is_empty() {
            return Err(refuse(reasons));
        }
        self.safety_backup(crate::backup::Reason::BeforeSheetImport)?;
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.store().write(operator, |tx| {
            let mut report = SheetImported {
                member: member.name.clone(),
                added: 0,
                changed: 0,
                unchanged: 0,
                empty,
            };
            let mut changes = Vec::new();
            let mut problems = Vec::new();
            for (input, name, label) in &inputs {
                match apply_score(tx, &grid, input, None, operator) {
                    Ok((applied, _, _)) => {
                        match (applied.before, applied.after) {
                            (None, Some(_)) => report.added += 1,
                            (b, a) if b == a => report.unchanged += 1,
                            _ => report.changed += 1,
                        }
                        if applied.before != applied.after {
                            changes.push(Change {
                                field: format!("{name} — {label}"),
                                before: applied.before.map(show_cents).unwrap_or_default(),
                                after: applied.after.map(show_cents).unwrap_or_default(),
                            });
                        }
                    }
                    Err(e) => problems.push(format!("{name} : {e}")),
                }
            }
            if !problems.is_empty() {
                problems.dedup();
                return Err(Error::SheetRefused {
                    path: path.to_path_buf(),
                    reasons: problems,
                });
            }
            if changes.is_empty() {
                return Ok((report, None));
            }
            let mut entry = Entry::new(
                "scores.sheet",
                format!(
                    "Feuille de notation de {} importée (« {file} ») : {}, {}.",
                    member.name,
                    fr::count(report.added, "note ajoutée", "notes ajoutées"),
                    fr::count(report.changed, "modifiée", "modifiées")
                ),
            );
            entry.changes = changes;
            Ok((report, Some(entry)))
        })
    }
}

fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn write_sheet(
    path: &PathBuf,
    grid: &Grid,
    criteria: &[&super::Criterion],
    board: &super::ScoreBoard,
    member: &crate::commission::Member,
    rows: &[crate::candidate::CandidateRow],
    settings: &crate::CampaignSettings,
    uid: &str,
) -> Result<()> {
    let err = |e| xlsx_error(path, e);
    let mut wb = crate::files::workbook();
    let title = Format::new().set_bold().set_font_size(14);
    let note = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x44_44_44));
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDD_E6_F0))
        .set_border(FormatBorder::Thin);
    let fixed = Format::new().set_border(FormatBorder::Thin);
    let open = Format::new()
        .set_unlocked()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xFF_F8_DC))
        .set_num_format("0.##");
    let total = Format::new()
        .set_border(FormatBorder::Thin)
        .set_bold()
        .set_num_format("0.##");
    let ws = wb.add_worksheet();
    ws.set_name(DATA_SHEET).map_err(err)?;
    ws.write_with_format(
        0,
        0,
        format!("Feuille de notation — {}", member.name),
        &title,
    )
    .map_err(err)?;
    ws.write(
        1,
        0,
        format!(
            "{} — CESP, campagne {}",
            settings.ufr_name, settings.academic_year
        ),
    )
    .map_err(err)?;
    ws.write_with_format(
        2,
        0,
        "Saisissez vos notes dans les cases jaunes (une case vide = pas de note). Ne déplacez ni ne supprimez aucune ligne : la feuille serait refusée au retour.",
        &note,
    )
    .map_err(err)?;
    ws.set_column_width(0, 32).map_err(err)?;
    ws.set_column_width(1, 22).map_err(err)?;
    ws.set_row_height(FIRST_ROW - 1, 48).map_err(err)?;
    ws.write_with_format(FIRST_ROW - 1, 0, "Candidat", &head)
        .map_err(err)?;
    ws.write_with_format(FIRST_ROW - 1, 1, "Catégorie", &head)
        .map_err(err)?;
    for (j, c) in criteria.iter().enumerate() {
        let col = 2 + j as u16;
        ws.set_column_width(col, 20).map_err(err)?;
        ws.write_with_format(FIRST_ROW - 1, col, header(c), &head)
            .map_err(err)?;
    }
    let total_col = 2 + criteria.len() as u16;
    ws.set_column_width(total_col, 14).map_err(err)?;
    let total_max: i64 = criteria
        .iter()
        .map(|c| c.max_cents() * c.weight_cents() / 100)
        .sum();
    ws.write_with_format(
        FIRST_ROW - 1,
        total_col,
        format!("Total (sur {})", show_cents(total_max)),
        &head,
    )
    .map_err(err)?;
    // The member's scores by (candidate, criterion), read once for the whole sheet.
    let mine: std::collections::HashMap<(i64, i64), f64> = board
        .scores
        .iter()
        .filter(|s| s.member_id == member.id)
        .map(|s| ((s.candidate_id, s.criterion_id), s.value))
        .collect();
    for (i, cand) in rows.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        ws.write_with_format(r, 0, &cand.display_name, &fixed)
            .map_err(err)?;
        ws.write_with_format(r, 1, &cand.category_label, &fixed)
            .map_err(err)?;
        let mut terms = Vec::new();
        for (j, c) in criteria.iter().enumerate() {
            let col = 2 + j as u16;
            match mine.get(&(cand.id, c.id)) {
                Some(value) => ws
                    .write_number_with_format(r, col, *value, &open)
                    .map_err(err)?,
                None => ws.write_blank(r, col, &open).map_err(err)?,
            };
            let cell = format!("{}{}", column_name(col as usize), r + 1);
            terms.push(format!(
                "{cell}*{}",
                show_cents(c.weight_cents()).replace(',', ".")
            ));
        }
        let first = format!("{}{}", column_name(2), r + 1);
        let last = format!("{}{}", column_name(1 + criteria.len()), r + 1);
        ws.write_formula_with_format(
            r,
            total_col,
            format!(
                "=IF(COUNT({first}:{last})={},{},\"\")",
                criteria.len(),
                terms.join("+")
            )
            .as_str(),
            &total,
        )
        .map_err(err)?;
    }
    for (j, c) in criteria.iter().enumerate() {
        if rows.is_empty() {
            break;
        }
        let col = 2 + j as u16;
        let v = DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, c.scale_max))
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title("Note hors échelle")
            .map_err(err)?
            .set_error_message(format!(
                "Saisissez une note entre 0 et {} (par pas de {}).",
                show_cents(c.max_cents()),
                show_cents(c.step_cents())
            ))
            .map_err(err)?;
        ws.add_data_validation(FIRST_ROW, col, FIRST_ROW + rows.len() as u32 - 1, col, &v)
            .map_err(err)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 1).map_err(err)?;
    ws.protect();

    let keys = wb.add_worksheet();
    keys.set_name(KEY_SHEET).map_err(err)?;
    let criteria_ids = criteria
        .iter()
        .map(|c| c.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let ids: Vec<(i64, String)> = rows
        .iter()
        .map(|c| (c.id, c.display_name.clone()))
        .collect();
    let values = [
        MARK.to_owned(),
        uid.to_owned(),
        member.id.to_string(),
        grid.fingerprint.clone(),
        criteria_ids.clone(),
        ids.iter()
            .map(|(id, _)| id.to_string())
            .collect::<Vec<_>>()
            .join(","),
        seal(uid, member.id, &grid.fingerprint, &criteria_ids, &ids),
        format!("{} {}", settings.ufr_name, settings.academic_year),
        member.name.clone(),
    ];
    for (i, v) in values.iter().enumerate() {
        keys.write_string(i as u32, 0, v).map_err(err)?;
    }
    keys.protect();
    keys.set_very_hidden(true);
    wb.save(path).map_err(err)?;
    Ok(())
}

impl Campaign {
    /// Imports each sheet of `paths` on its own, in order, as the app and the command line
    /// both do: a refused sheet does not stop the others; every outcome is returned, each
    /// refusal with all its reasons.
    pub fn import_score_sheets(&mut self, paths: &[PathBuf], operator: &str) -> Vec<SheetOutcome> {
        paths
            .iter()
            .map(|path| SheetOutcome {
                path: path.clone(),
                result: self.import_score_sheet(path, operator),
            })
            .collect()
    }
}
