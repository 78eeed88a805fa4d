//! The plan as a workbook: one line per interview, dates and times as real dates and
//! times (so the sheet sorts and filters).

use std::path::Path;

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, XlsxError};

use super::{sorted, Appointment};
use crate::error::{Error, Result};
use crate::fr;

fn xlsx_error(path: &Path, e: XlsxError) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

/// The headers and widths (in characters) of the columns.
const COLUMNS: [(&str, f64); 8] = [
    ("Date", 12.0),
    ("Heure de début", 14.0),
    ("Heure de fin", 12.0),
    ("Jury", 16.0),
    ("Salle", 16.0),
    ("Candidat", 32.0),
    ("Catégorie", 26.0),
    ("Fixé", 6.0),
];

/// Writes the plan to `path` (xlsx), one sheet « Planning »: date, start and end times,
/// jury, room, candidate, category and « oui » for an interview fixed by the secretary,
/// by date, time and jury. Returns the number of interviews written.
pub fn write_plan_xlsx(path: &Path, rows: &[Appointment]) -> Result<usize> {
    let err = |e| xlsx_error(path, e);
    let mut wb = crate::files::workbook();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("hh:mm");
    let ws = wb.add_worksheet();
    ws.set_name("Planning").map_err(err)?;
    for (c, (title, width)) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_with_format(0, c, *title, &bold).map_err(err)?;
        ws.set_column_width(c, *width).map_err(err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    let clock = |minutes: u32| {
        // Minutes past midnight may reach 24 h: Excel's times stop just before.
        let m = minutes.min(24 * 60 - 1);
        ExcelDateTime::from_hms((m / 60) as u16, (m % 60) as u8, 0)
    };
    let rows = sorted(rows);
    for (i, a) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let day = ExcelDateTime::from_ymd(
            a.date.year() as u16,
            a.date.month() as u8,
            a.date.day() as u8,
        )
        .map_err(err)?;
        ws.write_datetime_with_format(r, 0, &day, &date)
            .map_err(err)?;
        ws.write_datetime_with_format(r, 1, &clock(a.start).map_err(err)?, &time)
            .map_err(err)?;
        ws.write_datetime_with_format(r, 2, &clock(a.end).map_err(err)?, &time)
            .map_err(err)?;
        ws.write(r, 3, fr::tidy(&a.jury)).map_err(err)?;
        ws.write(r, 4, fr::tidy(&a.room)).map_err(err)?;
        ws.write(r, 5, a.display_name()).map_err(err)?;
        ws.write(r, 6, fr::tidy(&a.category)).map_err(err)?;
        ws.write(r, 7, if a.pinned { "oui" } else { "" })
            .map_err(err)?;
    }
    if !rows.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)
            .map_err(err)?;
    }
    wb.save(path).map_err(err)?;
    Ok(rows.len())
}
