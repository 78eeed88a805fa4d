//! Reading a spreadsheet file into rows of cells: xlsx, xls, ods (calamine) and CSV
//! written by French Excel (csv + encoding_rs), recognised by content, not by name.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use smol_str::SmolStr;

/// The largest file accepted (a campaign's list is a few hundred kilobytes).
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// The most data rows accepted in one file.
pub const MAX_ROWS: usize = 200_000;

/// One cell, as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (short text is held in place: most cells need no allocation).
    Text(SmolStr),
    /// A number.
    Number(f64),
    /// A date (from a date-formatted spreadsheet cell).
    Date(NaiveDate),
    /// A boolean.
    Bool(bool),
}

impl Cell {
    /// Whether the cell holds nothing but blanks.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it in the spreadsheet.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    crate::fr::number(*n, 6)
                }
            }
            Cell::Date(d) => crate::fr::date_short(*d),
            Cell::Bool(b) => if *b { "VRAI" } else { "FAUX" }.to_owned(),
        }
    }
}

/// One row of the file with its number as the spreadsheet shows it (1 = first line).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The spreadsheet's own row number.
    pub number: u32,
    /// The cells, from column A.
    pub cells: Vec<Cell>,
}

/// A file read into memory.
#[derive(Debug, Clone)]
pub struct Table {
    /// "Excel (xlsx)", "CSV (Windows-1252, séparateur ;)"...
    pub format: String,
    /// The workbook's sheets (empty for CSV).
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: Option<String>,
    /// The rows, blank rows included (they are skipped later, counted).
    pub rows: Vec<Row>,
    /// Whether the workbook counts dates from 1904 (old Mac Excel).
    pub date1904: bool,
}

/// Why a file could not be read, in French (a clause that completes "ne peut pas être
/// importé : …").
pub type Unreadable = String;

/// Reads `path`; `sheet` picks a sheet of a workbook (default: the first non-empty one).
pub fn read_file(path: &Path, sheet: Option<&str>) -> Result<Table, Unreadable> {
    read_bytes(&load(path)?, sheet)
}

/// The content of `path`, refused in French when it cannot be a candidates list.
pub fn load(path: &Path) -> Result<Vec<u8>, Unreadable> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "le fichier est introuvable ; vérifiez qu'il n'a pas été déplacé ou renommé".to_owned()
        }
        std::io::ErrorKind::PermissionDenied => "vous n'avez pas le droit de le lire".to_owned(),
        _ => format!("il ne peut pas être lu ({e})"),
    })?;
    if meta.is_dir() {
        return Err("c'est un dossier, pas un fichier".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "il pèse {} Mo, au-delà de la limite de {} Mo ; exportez seulement la liste des candidats",
            meta.len() / 1_048_576,
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    std::fs::read(path).map_err(|e| format!("il ne peut pas être lu ({e})"))
}

/// Reads a file's content; the format is recognised from the bytes themselves.
pub fn read_bytes(bytes: &[u8], sheet: Option<&str>) -> Result<Table, Unreadable> {
    if bytes.is_empty() {
        return Err("le fichier est vide".into());
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return guarded(|| read_zip(bytes, sheet));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return guarded(|| read_ole(bytes, sheet));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(
            "c'est un document PDF, pas un tableur ; demandez l'export en xlsx, ods ou csv".into(),
        );
    }
    read_csv(bytes)
}

/// Runs a workbook reader so that a bug in it on a malformed file (calamine 0.38 panics on
/// some cell references, found by `benches/fuzz.sh`) becomes a French message, not a crash.
fn guarded<T>(read: impl FnOnce() -> Result<T, Unreadable>) -> Result<T, Unreadable> {
    // The default hook would print the library's panic and a backtrace hint on stderr:
    // the user gets the French message below instead.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|_| Err(DAMAGED.into()))
}

fn read_zip(bytes: &[u8], sheet: Option<&str>) -> Result<Table, Unreadable> {
    let cursor = Cursor::new(bytes);
    if let Ok(mut wb) = calamine::Xlsx::new(cursor.clone()) {
        let names = wb.sheet_names();
        return read_workbook(&mut wb, names, sheet, "Excel (xlsx)");
    }
    if let Ok(mut wb) = calamine::Ods::new(cursor) {
        let names = wb.sheet_names();
        return read_workbook(&mut wb, names, sheet, "OpenDocument (ods)");
    }
    Err("c'est une archive ZIP qui n'est ni un classeur Excel (xlsx) ni un classeur OpenDocument (ods), ou le classeur est endommagé ; ouvrez-le dans votre tableur et enregistrez-le à nouveau".into())
}

fn read_ole(bytes: &[u8], sheet: Option<&str>) -> Result<Table, Unreadable> {
    // An xlsx protected by a password is an OLE container holding "EncryptedPackage".
    let marker: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
        return Err("le classeur est protégé par un mot de passe ; ouvrez-le dans votre tableur, retirez le mot de passe (ou enregistrez une copie sans mot de passe) et importez cette copie".into());
    }
    match calamine::Xls::new(Cursor::new(bytes)) {
        Ok(mut wb) => {
            let names = wb.sheet_names();
            read_workbook(&mut wb, names, sheet, "Excel 97-2003 (xls)")
        }
        Err(calamine::XlsError::Password) => Err("le classeur est protégé par un mot de passe ; enregistrez-en une copie sans mot de passe et importez cette copie".into()),
        Err(_) => Err("le classeur Excel 97-2003 (xls) est endommagé ou d'un format inconnu ; ouvrez-le dans votre tableur et enregistrez-le en xlsx".into()),
    }
}

fn read_workbook<R, RS>(
    wb: &mut R,
    names: Vec<String>,
    sheet: Option<&str>,
    format: &str,
) -> Result<Table, Unreadable>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
{
    let chosen = chosen_sheets(&names, sheet)?;
    // Without a sheet named, the first sheet whose headers are recognised (a "Lisez-moi"
    // sheet in front does not hide the list), else the first non-empty one.
    let mut first_non_empty: Option<Table> = None;
    for name in &chosen {
        let range = match wb.worksheet_range(name) {
            Ok(r) => r,
            Err(_) => {
                if sheet.is_some() {
                    return Err(format!("la feuille « {name} » est illisible ou endommagée"));
                }
                continue;
            }
        };
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        if range.is_empty() && sheet.is_none() {
            continue;
        }
        if range.height() > MAX_ROWS + 50 {
            return Err(too_many_rows(range.height()));
        }
        let mut date1904 = false;
        let mut rows = Vec::with_capacity(range.height());
        for (i, r) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; first_col as usize];
            cells.extend(r.iter().map(|d| to_cell(d, &mut date1904)));
            rows.push(Row {
                number: first_row + i as u32 + 1,
                cells,
            });
        }
        let table = Table {
            format: format.to_owned(),
            sheets: names.clone(),
            sheet: Some(name.clone()),
            rows,
            date1904,
        };
        if sheet.is_some() || super::detect_header(&table.rows).is_some() {
            return Ok(table);
        }
        if first_non_empty.is_none() {
            first_non_empty = Some(table);
        }
    }
    match first_non_empty {
        Some(table) => Ok(table),
        None => Err(all_empty(sheet)),
    }
}

/// The sheets to look at, in order: the one named (refused when the workbook has no
/// such sheet), else all of them.
fn chosen_sheets(names: &[String], sheet: Option<&str>) -> Result<Vec<String>, Unreadable> {
    if names.is_empty() {
        return Err("le classeur ne contient aucune feuille".into());
    }
    match sheet {
        Some(s) => match names.iter().find(|n| n.as_str() == s) {
            Some(n) => Ok(vec![n.clone()]),
            None => Err(format!(
                "il n'a pas de feuille « {s} » ; ses feuilles sont : {}",
                names
                    .iter()
                    .map(|n| format!("« {n} »"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
        None => Ok(names.to_vec()),
    }
}

/// Why nothing could be read: the sheet named, or every sheet, is empty.
fn all_empty(sheet: Option<&str>) -> Unreadable {
    match sheet {
        Some(s) => format!("la feuille « {s} » est vide"),
        None => "toutes les feuilles du classeur sont vides".into(),
    }
}

/// What is known of a file before its rows: enough to start analysing them.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// "Excel (xlsx)", "CSV (Windows-1252, séparateur ;)"...
    pub format: String,
    /// The workbook's sheets (empty for CSV).
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: Option<String>,
    /// Whether the workbook counts dates from 1904 (old Mac Excel).
    pub date1904: bool,
    /// The columns the sheet declares (0 when it does not say): rows may still be wider.
    pub width: usize,
    /// The spreadsheet number of its last row, as far as known beforehand (for progress).
    pub last_row: u32,
}

impl Table {
    /// What the table says of itself.
    pub fn meta(&self) -> Meta {
        Meta {
            format: self.format.clone(),
            sheets: self.sheets.clone(),
            sheet: self.sheet.clone(),
            date1904: self.date1904,
            width: self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0),
            last_row: self.rows.last().map_or(0, |r| r.number),
        }
    }
}

/// The most cells made room for in advance in a row (a sheet may declare itself far wider
/// than it is).
const MAX_WIDTH: usize = 256;
/// Rows handed out at a time while streaming.
pub const BATCH: usize = 512;
/// The rows of a sheet looked at to recognise its header row.
pub const HEAD_ROWS: usize = 30;

/// Reads a file's content for an import, as it goes: `start` is told what the file is,
/// once, then `rows` gets the rows in order, in batches, until it returns false or the
/// rows end. An xlsx workbook is streamed, never held whole in memory (the rows are
/// analysed while the rest is being read); other formats are read whole, then handed out.
/// Nothing is handed out when the file is refused.
pub fn stream_bytes(
    bytes: &[u8],
    sheet: Option<&str>,
    start: &mut dyn FnMut(Meta),
    rows: &mut dyn FnMut(Vec<Row>) -> bool,
) -> Result<(), Unreadable> {
    if bytes.starts_with(b"PK\x03\x04") {
        if let Ok(mut wb) = calamine::Xlsx::new(Cursor::new(bytes)) {
            return guarded(|| stream_xlsx(&mut wb, sheet, start, rows));
        }
    }
    let table = read_bytes(bytes, sheet)?;
    start(table.meta());
    let mut all = table.rows.into_iter().peekable();
    while all.peek().is_some() {
        if !rows(all.by_ref().take(BATCH).collect()) {
            break;
        }
    }
    Ok(())
}

/// Streams the sheet to import from an xlsx workbook: the one named, else the first
/// whose first rows hold recognised headers, else the first non-empty one.
fn stream_xlsx(
    wb: &mut calamine::Xlsx<Cursor<&[u8]>>,
    sheet: Option<&str>,
    start: &mut dyn FnMut(Meta),
    rows: &mut dyn FnMut(Vec<Row>) -> bool,
) -> Result<(), Unreadable> {
    let names = wb.sheet_names();
    let chosen = chosen_sheets(&names, sheet)?;
    let mut out = Out {
        names: &names,
        date1904: wb.has_1904_epoch(),
        start,
        rows,
    };
    let take = if sheet.is_some() {
        Take::Always
    } else {
        Take::IfHeaders
    };
    let mut first_non_empty: Option<&String> = None;
    for name in &chosen {
        match stream_sheet(wb, name, take, &mut out)? {
            Outcome::Streamed => return Ok(()),
            Outcome::Unreadable if sheet.is_some() => {
                return Err(format!("la feuille « {name} » est illisible ou endommagée"))
            }
            Outcome::NoHeaders => {
                first_non_empty.get_or_insert(name);
            }
            Outcome::Empty | Outcome::Unreadable => {}
        }
    }
    match first_non_empty {
        Some(name)
            if matches!(
                stream_sheet(wb, name, Take::Always, &mut out)?,
                Outcome::Streamed
            ) =>
        {
            Ok(())
        }
        _ => Err(all_empty(sheet)),
    }
}

/// Where a streamed sheet goes, and what is said of it.
struct Out<'a> {
    names: &'a [String],
    date1904: bool,
    start: &'a mut dyn FnMut(Meta),
    rows: &'a mut dyn FnMut(Vec<Row>) -> bool,
}

/// Whether a sheet is taken whatever its first rows hold.
#[derive(Clone, Copy, PartialEq)]
enum Take {
    Always,
    IfHeaders,
}

/// What became of a sheet.
enum Outcome {
    /// Taken and handed out.
    Streamed,
    /// Nothing in it.
    Empty,
    /// Not taken: no recognised headers in its first rows.
    NoHeaders,
    /// It could not be opened.
    Unreadable,
}

/// Reads sheet `name`'s first rows, and when it is taken, hands out all its rows.
fn stream_sheet(
    wb: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    take: Take,
    out: &mut Out,
) -> Result<Outcome, Unreadable> {
    let Ok(mut reader) = wb.worksheet_cells_reader(name) else {
        return Ok(Outcome::Unreadable);
    };
    let dims = reader.dimensions();
    let declared = dims.end.0.saturating_sub(dims.start.0) as usize + 1;
    if declared > MAX_ROWS + 50 {
        return Err(too_many_rows(declared));
    }
    let mut rows = Rows {
        // Each row's cells are made room for at once, as wide as the sheet says it is.
        width: if dims.len() > 1 {
            (dims.end.1 as usize + 1).min(MAX_WIDTH)
        } else {
            0
        },
        ..Rows::default()
    };
    let mut ended = false;
    let mut fill = |rows: &mut Rows, up_to: usize, ended: &mut bool| -> Result<(), Unreadable> {
        while !*ended && rows.done.len() < up_to {
            match reader.next_cell() {
                Ok(Some(c)) if *c.get_value() == calamine::DataRef::Empty => {}
                Ok(Some(c)) => {
                    let (row, col) = c.get_position();
                    rows.push(row, col as usize, cell_of(c.get_value()))?;
                }
                Ok(None) => {
                    rows.finish();
                    *ended = true;
                }
                Err(_) => return Err(DAMAGED.into()),
            }
        }
        Ok(())
    };
    fill(&mut rows, HEAD_ROWS, &mut ended)?;
    if rows.done.is_empty() {
        return Ok(Outcome::Empty);
    }
    if take == Take::IfHeaders && super::detect_header(&rows.done).is_none() {
        return Ok(Outcome::NoHeaders);
    }
    (out.start)(Meta {
        format: "Excel (xlsx)".into(),
        sheets: out.names.to_vec(),
        sheet: Some(name.to_owned()),
        date1904: out.date1904,
        width: if dims.len() > 1 {
            dims.end.1 as usize + 1
        } else {
            0
        },
        last_row: dims.end.0 + 1,
    });
    loop {
        fill(&mut rows, BATCH, &mut ended)?;
        let batch = std::mem::take(&mut rows.done);
        if !batch.is_empty() && !(out.rows)(batch) {
            return Ok(Outcome::Streamed);
        }
        if ended {
            return Ok(Outcome::Streamed);
        }
    }
}

/// What a workbook too damaged to read is told.
pub(crate) const DAMAGED: &str = "le classeur est endommagé (son contenu est incohérent) ; ouvrez-le dans votre tableur et enregistrez-le à nouveau";

/// Rows put together from a sheet's cells, which come in order.
#[derive(Default)]
struct Rows {
    /// The rows complete, blank rows between them included.
    done: Vec<Row>,
    /// The row being read.
    current: Option<Row>,
    /// Rows so far.
    count: usize,
    /// The cells a row is expected to have (room is made for them at once).
    width: usize,
}

impl Rows {
    /// Adds the cell at 0-based `row` and `col`.
    fn push(&mut self, row: u32, col: usize, cell: Cell) -> Result<(), Unreadable> {
        let number = row + 1;
        match self.current.as_ref().map(|r| r.number) {
            Some(n) if n == number => {}
            Some(n) if n > number => {
                return Err("les lignes du classeur ne sont pas enregistrées dans l'ordre (il a été produit par un logiciel inhabituel) ; ouvrez-le dans votre tableur et enregistrez-le à nouveau".into())
            }
            previous => {
                if let Some(r) = self.current.take() {
                    self.done.push(r);
                }
                // The blank rows between the last row and this one are rows of the sheet.
                let from = previous.map_or(number, |n| n + 1);
                self.done.extend((from..number).map(|n| Row {
                    number: n,
                    cells: Vec::new(),
                }));
                self.count += (number - from) as usize + 1;
                if self.count > MAX_ROWS + 50 {
                    return Err(too_many_rows(self.count));
                }
                self.current = Some(Row {
                    number,
                    cells: Vec::with_capacity(self.width),
                });
            }
        }
        let cells = &mut self.current.as_mut().expect("a row is being read").cells;
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
        Ok(())
    }

    /// The sheet ended: the row being read is complete.
    fn finish(&mut self) {
        if let Some(r) = self.current.take() {
            self.done.push(r);
        }
    }
}

/// A streamed cell's value as a [`Cell`].
fn cell_of(d: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.into()),
        DataRef::SharedString(s) => Cell::Text((*s).into()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(v) if dt.is_datetime() => Cell::Date(v.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => Cell::Text(s.into()),
        DataRef::Error(e) => Cell::Text(format!("#{e:?}").into()),
    }
}

/// An ISO 8601 date cell ("2001-01-16", maybe with a time) as a date.
fn iso_date(s: &str) -> Cell {
    match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
        Ok(date) => Cell::Date(date),
        Err(_) => Cell::Text(s.into()),
    }
}

fn too_many_rows(n: usize) -> String {
    format!(
        "il contient {} lignes, au-delà de la limite de {} ; vérifiez qu'il s'agit bien de la liste des candidats, ou découpez-le",
        group_thousands(n),
        group_thousands(MAX_ROWS)
    )
}

/// 1000000 -> "1 000 000" (with non-breaking spaces, as French typography wants).
pub fn group_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

fn to_cell(d: &Data, date1904: &mut bool) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.into()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        // Match the DateTime first: a date-formatted cell carries its workbook's epoch.
        Data::DateTime(dt) => {
            if dt.is_datetime() {
                if let Some(v) = dt.as_datetime() {
                    // Detect the 1904 system: the same serial read as 1900 differs.
                    if serial_1900(dt.as_f64()) != Some(v.date()) {
                        *date1904 = true;
                    }
                    return Cell::Date(v.date());
                }
            }
            Cell::Number(dt.as_f64())
        }
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Cell::Text(s.into()),
        Data::Error(e) => Cell::Text(format!("#{e:?}").into()),
    }
}

/// An Excel serial number in the 1900 system (with its fictitious 29/02/1900).
pub fn serial_1900(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let days = if days >= 60 { days - 1 } else { days };
    NaiveDate::from_ymd_opt(1899, 12, 31)?.checked_add_signed(chrono::Duration::days(days))
}

/// An Excel serial number in the 1904 system.
pub fn serial_1904(serial: f64) -> Option<NaiveDate> {
    if !(0.0..2_957_004.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1904, 1, 1)?
        .checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

fn read_csv(bytes: &[u8]) -> Result<Table, Unreadable> {
    let (text, encoding) = decode(bytes)?;
    if let Some(line) = unclosed_quote(&text) {
        return Err(format!(
            "un guillemet ouvert à la ligne {line} n'est jamais fermé ; corrigez cette ligne dans votre tableur et enregistrez à nouveau"
        ));
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map(|p| p.line()).unwrap_or(0) as u32;
                rows.push(Row {
                    number: line.max(rows.len() as u32 + 1),
                    cells: record
                        .iter()
                        .map(|f| {
                            if f.trim().is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(f.into())
                            }
                        })
                        .collect(),
                });
                if rows.len() > MAX_ROWS + 50 {
                    let total =
                        rows.len() + text[reader.position().byte() as usize..].lines().count();
                    return Err(too_many_rows(total));
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(format!("la ligne {line} du CSV est mal formée (guillemet non fermé ?) ; corrigez-la dans votre tableur"));
            }
        }
    }
    let sep = match delimiter {
        b';' => "point-virgule",
        b',' => "virgule",
        b'\t' => "tabulation",
        _ => "autre",
    };
    Ok(Table {
        format: format!("CSV ({encoding}, séparateur {sep})"),
        sheets: Vec::new(),
        sheet: None,
        rows,
        date1904: false,
    })
}

/// The line where a quoted field opens and never closes, if any.
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut quoted_since = None;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted_since.is_some() => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted_since = None;
                }
            }
            '"' => quoted_since = Some(line),
            '\n' => line += 1,
            _ => {}
        }
    }
    quoted_since
}

/// UTF-8 (with or without BOM) or Windows-1252, as French Excel writes; refuses binary.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), Unreadable> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    if sample.contains(&0) || controls * 100 > sample.len().max(1) {
        return Err("ce n'est pas un fichier texte ni un classeur reconnu (contenu binaire) ; exportez la liste en xlsx, ods ou csv depuis votre tableur".into());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_owned(), "UTF-8")),
            Err(_) => Err("le fichier annonce l'encodage UTF-8 mais contient des caractères d'un autre encodage (encodages mélangés) ; enregistrez-le à nouveau en « CSV UTF-8 »".into()),
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), "UTF-8"));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    // UTF-8 sequences read as Windows-1252 give "Ã©": the file mixes both encodings.
    if text.contains("Ã©") || text.contains("Ã¨") || text.contains("Ã\u{a0}") {
        return Err("le fichier mélange deux encodages (UTF-8 et Windows-1252) : les accents seraient corrompus ; ouvrez-le dans votre tableur et enregistrez-le en « CSV UTF-8 »".into());
    }
    Ok((text.into_owned(), "Windows-1252"))
}

/// The separator that splits the first lines most consistently: `;`, `,` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b';', 0usize);
    for d in [b';', b'\t', b','] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, d as char))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        let score = consistent * 1000 + first;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == d && !quoted {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_excel_csv_in_windows_1252() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("NOM;Prénom;Date de naissance\nLEFÈVRE;Zoé;16/01/2001\n");
        let t = read_bytes(&bytes, None).unwrap();
        assert_eq!(t.format, "CSV (Windows-1252, séparateur point-virgule)");
        assert_eq!(t.rows[1].cells[1], Cell::Text("Zoé".into()));
        assert_eq!(t.rows[1].number, 2);
    }

    #[test]
    fn utf8_with_bom_and_commas_and_quotes() {
        let t = read_bytes(
            b"\xEF\xBB\xBFNom,Pr\xC3\xA9nom,Notes\n\"DUPONT, dit Jean\",Marie,\"a;b\"\n",
            None,
        )
        .unwrap();
        assert_eq!(t.format, "CSV (UTF-8, séparateur virgule)");
        assert_eq!(t.rows[1].cells[0], Cell::Text("DUPONT, dit Jean".into()));
    }

    #[test]
    fn binary_and_empty_files_are_refused_in_french() {
        assert_eq!(read_bytes(b"", None).unwrap_err(), "le fichier est vide");
        let e = read_bytes(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3], None).unwrap_err();
        assert!(e.contains("contenu binaire"), "{e}");
        let e = read_bytes(b"%PDF-1.7\n...", None).unwrap_err();
        assert!(e.contains("PDF"), "{e}");
    }

    #[test]
    fn mixed_encodings_are_detected() {
        let mut bytes = "Nom;Prénom\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"LEF\xC8VRE;Zo\xE9\n");
        let e = read_bytes(&bytes, None).unwrap_err();
        assert!(e.contains("encodages"), "{e}");
    }

    /// The rows a stream hands out, with what it said of the file.
    fn streamed(bytes: &[u8], sheet: Option<&str>) -> Result<(Meta, Vec<Row>), Unreadable> {
        let mut meta = None;
        let mut rows = Vec::new();
        stream_bytes(bytes, sheet, &mut |m| meta = Some(m), &mut |batch| {
            rows.extend(batch);
            true
        })?;
        Ok((meta.expect("told what the file is"), rows))
    }

    /// Rows without their trailing empty cells (a whole read pads them to the sheet's width).
    fn trimmed(rows: Vec<Row>) -> Vec<Row> {
        rows.into_iter()
            .map(|mut r| {
                while r.cells.last() == Some(&Cell::Empty) {
                    r.cells.pop();
                }
                r
            })
            .collect()
    }

    /// A workbook with a « Lisez-moi » sheet in front, a list that starts in column B after
    /// a title and a blank row, blank rows inside, and every kind of cell.
    fn workbook(rows: u32) -> Vec<u8> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut wb = Workbook::new();
        let readme = wb.add_worksheet().set_name("Lisez-moi").unwrap();
        readme
            .write_string(0, 0, "Liste des candidats au CESP")
            .unwrap();
        readme
            .write_string(2, 0, "Ne modifiez pas les colonnes.")
            .unwrap();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let list = wb.add_worksheet().set_name("Candidats").unwrap();
        list.write_string(0, 1, "Campagne 2026-2027").unwrap();
        for (c, h) in [
            "NOM",
            "Prénom",
            "Date de naissance",
            "Moyenne N-1",
            "Accord ARS",
        ]
        .iter()
        .enumerate()
        {
            list.write_string(2, 1 + c as u16, *h).unwrap();
        }
        for i in 0..rows {
            let r = 3 + i + i / 700; // a blank row every 700
            list.write_string(r, 1, format!("LEFÈVRE{i}")).unwrap();
            list.write_string(r, 2, "Zoé").unwrap();
            if i % 3 != 0 {
                let d = ExcelDateTime::from_ymd(2001, 1 + (i % 12) as u8, 16).unwrap();
                list.write_date_with_format(r, 3, &d, &date).unwrap();
            }
            list.write_number(r, 4, 12.5 + f64::from(i % 7)).unwrap();
            if i % 5 == 0 {
                list.write_boolean(r, 5, i % 2 == 0).unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_streamed_workbook_gives_the_rows_a_whole_read_gives() {
        let bytes = workbook(2_000);
        let table = read_bytes(&bytes, None).unwrap();
        let (meta, rows) = streamed(&bytes, None).unwrap();
        assert_eq!(
            meta.sheet.as_deref(),
            Some("Candidats"),
            "the list, not the readme"
        );
        assert_eq!(meta.format, table.format);
        assert_eq!(meta.sheets, table.sheets);
        assert_eq!(meta.date1904, table.date1904);
        assert_eq!(meta.width, 6);
        assert_eq!(meta.last_row, table.rows.last().unwrap().number);
        assert_eq!(rows.len(), table.rows.len());
        assert_eq!(trimmed(rows), trimmed(table.rows));

        // The sheet named is the one read, headers or not.
        let table = read_bytes(&bytes, Some("Lisez-moi")).unwrap();
        let (meta, rows) = streamed(&bytes, Some("Lisez-moi")).unwrap();
        assert_eq!(meta.sheet.as_deref(), Some("Lisez-moi"));
        assert_eq!(trimmed(rows), trimmed(table.rows));
        assert_eq!(
            streamed(&bytes, Some("Feuil3")).unwrap_err(),
            read_bytes(&bytes, Some("Feuil3")).unwrap_err()
        );
    }

    #[test]
    fn a_stream_stops_when_told_and_hands_out_batches() {
        let bytes = workbook(3_000);
        let mut batches = Vec::new();
        stream_bytes(&bytes, None, &mut |_| {}, &mut |batch| {
            batches.push(batch.len());
            batches.len() < 2
        })
        .unwrap();
        assert_eq!(batches, [BATCH, BATCH], "two batches, then it stopped");
    }

    #[test]
    fn other_formats_stream_what_they_read() {
        let csv = "NOM;Prénom\nLEFÈVRE;Zoé\n\nMARTIN;Hugo\n".as_bytes();
        let table = read_bytes(csv, None).unwrap();
        let (meta, rows) = streamed(csv, None).unwrap();
        assert_eq!(meta, table.meta());
        assert_eq!(rows, table.rows);
    }

    #[test]
    fn excel_serials_in_both_epochs() {
        assert_eq!(serial_1900(36526.0), NaiveDate::from_ymd_opt(2000, 1, 1));
        assert_eq!(serial_1900(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        assert_eq!(serial_1904(35064.0), NaiveDate::from_ymd_opt(2000, 1, 1));
    }

    #[test]
    fn thousands_are_grouped_the_french_way() {
        assert_eq!(group_thousands(1_000_000), "1\u{a0}000\u{a0}000");
        assert_eq!(group_thousands(950), "950");
    }
}
