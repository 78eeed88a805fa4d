//! Reading a spreadsheet file into rows of cells: xlsx, xls, ods (calamine) and CSV
//! written by French Excel (csv + encoding_rs), recognised by content, not by name.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;

/// The largest file accepted (a campaign's list is a few hundred kilobytes).
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// The most data rows accepted in one file.
pub const MAX_ROWS: usize = 200_000;

/// One cell, as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
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
    let bytes = std::fs::read(path).map_err(|e| format!("il ne peut pas être lu ({e})"))?;
    read_bytes(&bytes, sheet)
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
fn guarded(read: impl FnOnce() -> Result<Table, Unreadable>) -> Result<Table, Unreadable> {
    // The default hook would print the library's panic and a backtrace hint on stderr:
    // the user gets the French message below instead.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|_| {
        Err("le classeur est endommagé (son contenu est incohérent) ; ouvrez-le dans votre tableur et enregistrez-le à nouveau".into())
    })
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
    if names.is_empty() {
        return Err("le classeur ne contient aucune feuille".into());
    }
    let chosen: Vec<String> = match sheet {
        Some(s) => match names.iter().find(|n| n.as_str() == s) {
            Some(n) => vec![n.clone()],
            None => {
                return Err(format!(
                    "il n'a pas de feuille « {s} » ; ses feuilles sont : {}",
                    names
                        .iter()
                        .map(|n| format!("« {n} »"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        },
        None => names.clone(),
    };
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
        if sheet.is_some() || super::detect_header(&table).is_some() {
            return Ok(table);
        }
        if first_non_empty.is_none() {
            first_non_empty = Some(table);
        }
    }
    if let Some(table) = first_non_empty {
        return Ok(table);
    }
    match sheet {
        Some(s) => Err(format!("la feuille « {s} » est vide")),
        None => Err("toutes les feuilles du classeur sont vides".into()),
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
        Data::String(s) => Cell::Text(s.clone()),
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
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(date) => Cell::Date(date),
                Err(_) => Cell::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
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
                                Cell::Text(f.to_owned())
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
