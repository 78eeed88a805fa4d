//! Exporting the candidates table to csv (French Excel: `;`, UTF-8 with BOM) and xlsx,
//! with the import's own headers, so that an export can be re-imported as it is.

use std::path::Path;

use super::fields::Field;
use super::values::show;
use crate::campaign::Campaign;
use crate::error::{Error, Result};

/// A CSV field for French Excel (`;`), quoted when it must be.
pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

impl Campaign {
    /// The candidates as CSV for French Excel.
    pub fn candidates_csv(&self) -> Result<String> {
        let rows = self.candidates()?;
        let mut out = String::from("\u{feff}");
        out.push_str(
            &Field::ALL
                .iter()
                .map(|f| csv_field(f.label()))
                .collect::<Vec<_>>()
                .join(";"),
        );
        out.push_str("\r\n");
        for r in &rows {
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
        Ok(self.candidates()?.len())
    }

    /// Writes the candidates to `path` as an xlsx workbook.
    pub fn export_candidates_xlsx(&self, path: &Path) -> Result<usize> {
        write_xlsx(path, &self.candidates()?)
    }
}

/// Writes `rows` to `path` as an xlsx workbook with the import's headers.
pub(crate) fn write_xlsx(path: &Path, rows: &[crate::candidate::CandidateRow]) -> Result<usize> {
    {
        use rust_xlsxwriter::{Format, Workbook};
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        let sheet = wb.add_worksheet();
        let xlsx =
            |e: rust_xlsxwriter::XlsxError| Error::io(path, std::io::Error::other(e.to_string()));
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
