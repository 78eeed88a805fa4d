//! Exporting the candidates table to csv (French Excel: `;`, UTF-8 with BOM) and xlsx,
//! with the import's own headers, so that an export can be re-imported as it is.

use std::path::Path;

use super::fields::Field;
use super::values::show;
use crate::campaign::Campaign;
use crate::error::{Error, Result};

pub(crate) use crate::fr::csv_field;

impl Campaign {
    /// The candidates as CSV for French Excel.
    pub fn candidates_csv(&self) -> Result<String> {
        let rows = self.candidate_rows()?;
        let mut out = String::from("\u{feff}");
        out.push_str(
            &Field::ALL
                .iter()
                .map(|f| csv_field(f.label()))
                .collect::<Vec<_>>()
                .join(";"),
        );
        out.push_str("\r\n");
        for r in rows.iter() {
            out.push_str(
                &Field::ALL
                    .iter()
                    .map(|f| csv_field(&show(&r.data, *f)))
                    .collect::<Vec<_>>()
                    .join(";"),
            );
            out.push_str("\r\n");
        }
        Ok(out)
    }

    /// Writes the candidates to `path` as CSV.
    pub fn export_candidates_csv(&self, path: &Path) -> Result<usize> {
        let text = self.candidates_csv()?;
        std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
        Ok(self.candidate_rows()?.len())
    }

    /// Writes the candidates to `path` as an xlsx workbook.
    pub fn export_candidates_xlsx(&self, path: &Path) -> Result<usize> {
        write_xlsx(path, &self.candidate_rows()?)
    }
}

/// Writes `rows` to `path` as an xlsx workbook with the import's headers.
pub(crate) fn write_xlsx(path: &Path, rows: &[crate::candidate::CandidateRow]) -> Result<usize> {
    {
        use rust_xlsxwriter::Format;
        let mut wb = crate::files::workbook();
        let bold = Format::new().set_bold();
        let sheet = wb.add_worksheet();
        let xlsx = |e| Error::xlsx(path, e);
        sheet.set_name("Candidats").map_err(xlsx)?;
        for (c, f) in Field::ALL.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, f.label(), &bold)
                .map_err(xlsx)?;
        }
        for (i, r) in rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, f) in Field::ALL.iter().enumerate() {
                let col = c as u16;
                let numeric = match f {
                    Field::NationalRank => r.data.national_rank.map(|n| n as f64),
                    Field::CohortSize => r.data.cohort_size.map(|n| n as f64),
                    Field::AverageN1 => r.data.average_n1,
                    Field::AverageN2 => r.data.average_n2,
                    _ => None,
                };
                match numeric {
                    Some(n) => {
                        sheet.write_number(row, col, n).map_err(xlsx)?;
                    }
                    None => {
                        let s = show(&r.data, *f);
                        if !s.is_empty() {
                            sheet.write_string(row, col, &s).map_err(xlsx)?;
                        }
                    }
                }
            }
        }
        sheet
            .autofilter(0, 0, rows.len() as u32, Field::ALL.len() as u16 - 1)
            .map_err(xlsx)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        wb.save(path).map_err(xlsx)?;
        Ok(rows.len())
    }
}

/// The header of the column a rejected rows workbook adds.
pub const REJECTION_HEADER: &str = "Motif du rejet";

impl Campaign {
    /// Writes the rows of `source` that importing it with `options` rejects to `out`, an
    /// xlsx workbook to correct and import again: the file's own header row and cells
    /// (the faulty ones highlighted), and a last column « Motif du rejet » naming each
    /// field at fault and why. Returns the number of rows written. Nothing is imported.
    pub fn export_rejected(
        &self,
        source: &Path,
        options: &super::ImportOptions,
        out: &Path,
    ) -> Result<usize> {
        use super::read::{self, Cell};
        use rust_xlsxwriter::{Color, ExcelDateTime, Format};
        let table = read::read_file(source, options.sheet.as_deref()).map_err(|reason| {
            Error::Unreadable {
                path: source.to_path_buf(),
                reason,
            }
        })?;
        let disciplines = self.settings()?.disciplines;
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let preview = super::analyse_table(
            self.conn(),
            self.candidate_rows()?,
            source,
            table.clone(),
            options,
            &disciplines,
            super::Run {
                limit: usize::MAX,
                progress: &mut |_| {},
                cancel: &cancel,
                sink: None,
            },
        )?;
        if !preview.missing.is_empty() {
            return Err(Error::Validation(
                preview
                    .missing
                    .iter()
                    .map(|m| crate::error::FieldIssue::new("mapping", m.clone()))
                    .collect(),
            ));
        }
        // The rejected rows in the file's order, each with its problems.
        let mut rows: Vec<(u32, Vec<&super::Rejection>)> = Vec::new();
        for r in &preview.rejected {
            match rows.last_mut() {
                Some((n, list)) if *n == r.row => list.push(r),
                _ => rows.push((r.row, vec![r])),
            }
        }
        let width = preview.columns.len();
        let column_of = |letter: &str| preview.columns.iter().position(|c| c.letter == letter);
        let motive = |problems: &[&super::Rejection]| {
            problems
                .iter()
                .map(|p| {
                    let field = column_of(&p.column)
                        .and_then(|i| preview.columns[i].field)
                        .map(Field::label);
                    let mut letters = p.reason.chars();
                    let reason: String = letters
                        .next()
                        .map(|c| c.to_uppercase().chain(letters).collect())
                        .unwrap_or_default();
                    match field {
                        Some(f) => format!("« {f} » (colonne {}) : {}", p.column, p.reason),
                        None if !p.column.is_empty() => {
                            format!("Colonne {} : {}", p.column, p.reason)
                        }
                        None => reason,
                    }
                })
                .collect::<Vec<_>>()
                .join(" ; ")
        };

        let xlsx = |e| Error::xlsx(out, e);
        let mut wb = crate::files::workbook();
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let faulty = Format::new().set_background_color(Color::RGB(0xFFE699));
        let faulty_date = date.clone().set_background_color(Color::RGB(0xFFE699));
        let why = Format::new()
            .set_text_wrap()
            .set_font_color(Color::RGB(0x9C0006));
        let sheet = wb.add_worksheet();
        sheet.set_name("Lignes rejetées").map_err(xlsx)?;
        let header = table.rows.iter().find(|r| r.number == preview.header_row);
        for c in 0..width {
            let text = header
                .and_then(|h| h.cells.get(c))
                .filter(|cell| !cell.is_blank())
                .map(Cell::display)
                .unwrap_or_default();
            sheet
                .write_string_with_format(0, c as u16, text, &bold)
                .map_err(xlsx)?;
            sheet.set_column_width(c as u16, 16).map_err(xlsx)?;
        }
        let last = width as u16;
        sheet
            .write_string_with_format(0, last, REJECTION_HEADER, &bold)
            .map_err(xlsx)?;
        sheet.set_column_width(last, 70).map_err(xlsx)?;
        let mut written = 0u32;
        for (number, problems) in &rows {
            let Some(row) = table.rows.iter().find(|r| r.number == *number) else {
                continue;
            };
            written += 1;
            let at = written;
            let bad: Vec<usize> = problems
                .iter()
                .filter_map(|p| column_of(&p.column))
                .collect();
            for c in 0..width {
                let col = c as u16;
                let cell = row.cells.get(c).unwrap_or(&Cell::Empty);
                let marked = bad.contains(&c);
                let plain = Format::new();
                let format = if marked { &faulty } else { &plain };
                match cell {
                    Cell::Empty => {
                        if marked {
                            sheet.write_blank(at, col, &faulty).map_err(xlsx)?;
                        }
                    }
                    Cell::Text(t) => {
                        sheet
                            .write_string_with_format(at, col, t.as_str(), format)
                            .map_err(xlsx)?;
                    }
                    Cell::Number(n) => {
                        sheet
                            .write_number_with_format(at, col, *n, format)
                            .map_err(xlsx)?;
                    }
                    Cell::Bool(b) => {
                        sheet
                            .write_boolean_with_format(at, col, *b, format)
                            .map_err(xlsx)?;
                    }
                    Cell::Date(d) => {
                        use chrono::Datelike;
                        let f = if marked { &faulty_date } else { &date };
                        match ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        ) {
                            Ok(x) => sheet
                                .write_datetime_with_format(at, col, &x, f)
                                .map_err(xlsx)?,
                            Err(_) => sheet
                                .write_string_with_format(
                                    at,
                                    col,
                                    crate::fr::date_short(*d),
                                    format,
                                )
                                .map_err(xlsx)?,
                        };
                    }
                }
            }
            sheet
                .write_string_with_format(at, last, motive(problems), &why)
                .map_err(xlsx)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        wb.save(out).map_err(xlsx)?;
        Ok(written as usize)
    }
}
