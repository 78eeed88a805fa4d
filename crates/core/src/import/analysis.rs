//! The import's rule, as a plain function: a table read from a file and what the campaign
//! already holds (plain data, loaded by `super`) → the preview and the writes to make.
//! Nothing here reads or writes the campaign.
//!
//! The analysis goes in steps, each a function below: find the header row
//! ([`header_index`]), map the columns ([`layout`]), list the mandatory fields no column
//! fills ([`missing_fields`]), then for each data row: read and check its values
//! ([`read_row`]), refuse a second row for the same candidate, and compare it with the
//! candidate already known, if any ([`merge`]).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::fields::{self, fold, mandatory_columns, Field};
use super::read::{Cell, Meta, Row, Table, HEAD_ROWS};
use super::values::{self, Context, Value};
use super::{
    column_letter, detect_header, Column, Conflict, Counts, Created, FieldChange, ImportOptions,
    Preview, Progress, Rejection, Updated,
};
use crate::candidate::{CandidateData, CandidateRow, Category, Discipline};
use crate::error::{Error, FieldIssue, Result};

/// What the campaign holds that the analysis compares the file with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Known {
    /// The campaign's disciplines (a row of another discipline is refused).
    pub disciplines: Vec<Discipline>,
    /// Its candidates, by name (the list the campaign keeps between calls).
    pub candidates: std::sync::Arc<Vec<CandidateRow>>,
    /// What the file said when each candidate was last imported, by candidate, as stored
    /// (a JSON object: field code → value shown): read only for the rows that match.
    pub imported: HashMap<i64, String>,
    /// Today, for plausible birth dates.
    pub today: NaiveDate,
}

impl Known {
    /// Candidate `i`, with what the file said when they were last imported.
    fn candidate(&self, i: usize) -> KnownCandidate {
        let row = &self.candidates[i];
        KnownCandidate {
            id: row.id,
            data: row.data.clone(),
            imported: self
                .imported
                .get(&row.id)
                .and_then(|json| serde_json::from_str(json).ok())
                .unwrap_or_default(),
        }
    }
}

/// A candidate already in the campaign.
#[derive(Debug, Clone, Default)]
pub(crate) struct KnownCandidate {
    /// Identifier.
    pub id: i64,
    /// What the campaign says now.
    pub data: CandidateData,
    /// What the file said, field code → value shown, when it was last imported (empty
    /// when it never was): tells a value edited in the app from the file's.
    pub imported: BTreeMap<String, String>,
}

/// A planned write.
#[derive(Debug)]
pub(crate) enum Op {
    /// Create a candidate, remembering what the file said (a JSON object, as stored).
    Create(CandidateData, String),
    /// Update candidate `id` with its new data and what the file said.
    Update(i64, CandidateData, BTreeMap<String, String>),
}

/// What a row of the file says, field by field, as shown to the user; stored with the
/// candidate (as a JSON object, [`given_json`]) to tell later edits made in the app from
/// the file's values.
#[derive(Debug)]
pub(crate) struct Given(pub Vec<(&'static str, String)>);

impl Given {
    fn get(&self, code: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| *k == code).map(|(_, v)| v)
    }
}

/// How much to list and report while analysing, and where the writes go.
pub(crate) struct Run<'a> {
    /// Lists of the preview are cut to this.
    pub limit: usize,
    /// Told every 2 000 rows.
    pub progress: &'a mut dyn FnMut(Progress),
    /// Stops the analysis (`Error::Cancelled`) when set.
    pub cancel: &'a AtomicBool,
    /// Given each write as soon as its row is analysed (none: a preview only).
    pub sink: Option<&'a mut dyn FnMut(Op) -> Result<()>>,
}

/// The rows of a file as they are read, with what the file says of itself.
pub(crate) struct Source<'a> {
    /// The format, sheets, date system and declared size.
    pub meta: Meta,
    /// The rows in order; an error ends them (the file could not be read on).
    pub rows: &'a mut dyn Iterator<Item = std::result::Result<Row, String>>,
}

impl Table {
    /// The table's rows as a source for [`analyse`].
    pub(crate) fn rows_source(
        self,
    ) -> (Meta, impl Iterator<Item = std::result::Result<Row, String>>) {
        (self.meta(), self.rows.into_iter().map(Ok))
    }
}

pub(crate) use crate::fr::file_name;

/// The student number (upper case) and the folded name and birth date of a candidate.
pub(crate) type Key = (Option<String>, String);

/// The key a candidate is known by: the student number (upper case) when there is one,
/// and the folded last name, first names and birth date.
pub(crate) fn key_of(c: &CandidateData) -> Key {
    let number = c
        .student_number
        .as_ref()
        .map(|n| n.to_uppercase())
        .filter(|n| !n.is_empty());
    let name = format!(
        "{}|{}|{}",
        fold(&c.last_name),
        fold(&c.first_names),
        c.birth_date.clone().unwrap_or_default()
    );
    (number, name)
}

/// Analyses the rows of `source`, read from `path`, against what the campaign holds,
/// as they come: each row is checked, compared and its write handed to the sink before
/// the next is looked at, so that a file of any size is never held whole.
pub(crate) fn analyse(
    path: &Path,
    source: Source,
    options: &ImportOptions,
    known: &Known,
    run: Run,
) -> Result<Preview> {
    let Run {
        limit,
        progress,
        cancel,
        mut sink,
    } = run;
    let Source { meta, rows } = source;
    let unreadable = |reason: String| Error::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let head = head(rows, options).map_err(unreadable)?;
    let header_index = header_index(&head, options, path)?;
    let mut head = head.into_iter();
    let header_row = head
        .nth(header_index)
        .expect("the header row is in the head");
    let width = head
        .as_slice()
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0)
        .max(meta.width)
        .max(header_row.cells.len());
    let layout = layout(&header_row, width, options)?;
    let mut data_rows = head.map(Ok).chain(rows);
    let name = file_name(path);
    let missing = missing_fields(&layout.mapping, &name);
    let mut samples = Samples::default();
    let mut preview = Preview {
        file_name: name,
        format: meta.format.clone(),
        sheets: meta.sheets.clone(),
        sheet: meta.sheet.clone(),
        header_row: header_row.number,
        columns: Vec::new(),
        missing,
        counts: Counts::default(),
        creates: Vec::new(),
        updates: Vec::new(),
        conflicts: Vec::new(),
        rejected: Vec::new(),
        truncated: false,
    };
    if !preview.missing.is_empty() {
        // Nothing is imported: the rows only give the columns their samples.
        for row in data_rows.by_ref() {
            samples.add(&row.map_err(unreadable)?);
            if samples.full(layout.headers.len()) {
                break;
            }
        }
        preview.columns = layout.columns(&samples);
        return Ok(preview);
    }

    let index = Index::of(&known.candidates);
    let resolutions: HashMap<(i64, Field), bool> = options
        .resolutions
        .iter()
        .map(|r| ((r.candidate_id, r.field), r.take_file))
        .collect();
    let ctx = Context {
        today: known.today,
        date1904: meta.date1904,
    };
    let mapped = layout.mapped();
    let mut seen_in_file: HashMap<String, u32> = HashMap::new();
    let total = meta.last_row.saturating_sub(header_row.number);
    let mut n: u32 = 0;
    for row in data_rows {
        let row = row.map_err(unreadable)?;
        if n.is_multiple_of(2000) {
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            progress(Progress {
                done: n,
                total: total.max(n),
            });
        }
        n += 1;
        samples.add(&row);
        if row.cells.iter().all(Cell::is_blank) {
            preview.counts.blank += 1;
            continue;
        }
        preview.counts.rows += 1;
        let (data, mut problems) =
            read_row(&row, &mapped, &layout.headers, &ctx, &known.disciplines);
        let key = problems.is_empty().then(|| key_of(&data));
        if let Some(p) = key
            .as_ref()
            .and_then(|key| seen_before(key, row.number, &mut seen_in_file))
        {
            problems.push(p);
        }
        let key = match key {
            Some(key) if problems.is_empty() => key,
            _ => {
                preview.counts.rejected_rows += 1;
                for p in problems {
                    if preview.rejected.len() < limit {
                        preview.rejected.push(p);
                    } else {
                        preview.truncated = true;
                    }
                }
                continue;
            }
        };
        let display = format!("{} {}", data.last_name, data.first_names);
        match index.find(&key) {
            None => {
                preview.counts.create += 1;
                if preview.creates.len() < limit {
                    let (c, d) = (
                        data.category.unwrap_or(Category::Student),
                        data.discipline.unwrap_or(Discipline::Medicine),
                    );
                    preview.creates.push(Created {
                        row: row.number,
                        name: display,
                        category_label: format!("{} — {}", c.label(), d.label()),
                    });
                } else {
                    preview.truncated = true;
                }
                if let Some(sink) = sink.as_mut() {
                    // Serialised here, in the analysing thread, not where the writes wait.
                    let given = given_json(&data, &mapped);
                    sink(Op::Create(data, given))?;
                }
            }
            Some(i) => {
                let e = &known.candidate(i);
                let given = given_of(&data, &mapped);
                let choose = |field: Field| {
                    resolutions
                        .get(&(e.id, field))
                        .copied()
                        .unwrap_or(options.prefer_file)
                };
                let merged = merge(e, &data, &given, row.number, &display, choose);
                preview.counts.conflicts += merged.conflicts.len() as u32;
                preview.conflicts.extend(merged.conflicts);
                let write = if merged.changes.is_empty() {
                    preview.counts.unchanged += 1;
                    // Remember what the file said, so that the same file re-imported
                    // does not ask again about a value the user chose to keep.
                    merged.imported != e.imported
                } else {
                    preview.counts.update += 1;
                    if preview.updates.len() < limit {
                        preview.updates.push(Updated {
                            row: row.number,
                            candidate_id: e.id,
                            name: display,
                            changes: merged.changes,
                        });
                    } else {
                        preview.truncated = true;
                    }
                    true
                };
                if let (true, Some(sink)) = (write, sink.as_mut()) {
                    sink(Op::Update(e.id, merged.next, merged.imported))?;
                }
            }
        }
    }
    progress(Progress { done: n, total: n });
    preview.columns = layout.columns(&samples);
    Ok(preview)
}

/// The first rows of the file: enough to find the header row (the one the options name,
/// or the first [`HEAD_ROWS`]).
fn head(
    rows: &mut dyn Iterator<Item = std::result::Result<Row, String>>,
    options: &ImportOptions,
) -> std::result::Result<Vec<Row>, String> {
    let mut head: Vec<Row> = Vec::new();
    loop {
        let enough = match options.header_row {
            Some(n) => head.last().is_some_and(|r| r.number >= n),
            None => head.len() >= HEAD_ROWS,
        };
        if enough {
            return Ok(head);
        }
        match rows.next() {
            Some(row) => head.push(row?),
            None => return Ok(head),
        }
    }
}

/// The header row's index in the file's first rows: the one the options name, or the
/// one detected.
fn header_index(head: &[Row], options: &ImportOptions, path: &Path) -> Result<usize> {
    let unreadable = |reason: String| Error::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    match options.header_row {
        Some(n) => head
            .iter()
            .position(|r| r.number == n)
            .ok_or_else(|| unreadable(format!("il n'a pas de ligne {n}"))),
        None => detect_header(head).ok_or_else(|| {
            unreadable("aucune ligne d'en-têtes n'a été reconnue (par exemple « Nom », « Prénom », « Date de naissance ») ; ajoutez une ligne d'en-têtes en haut du tableau".to_owned())
        }),
    }
}

/// The first values of each column, for the preview, and how wide the rows are.
#[derive(Default)]
struct Samples {
    /// Up to three values shown per column, from column A.
    values: Vec<Vec<String>>,
}

impl Samples {
    /// Takes `row`'s values for the columns that have fewer than three.
    fn add(&mut self, row: &Row) {
        if self.values.len() < row.cells.len() {
            self.values.resize(row.cells.len(), Vec::new());
        }
        for (values, cell) in self.values.iter_mut().zip(&row.cells) {
            if values.len() < 3 && !cell.is_blank() {
                values.push(cell.display());
            }
        }
    }

    /// Whether each of the first `width` columns has its three values.
    fn full(&self, width: usize) -> bool {
        self.values.len() >= width && self.values.iter().all(|v| v.len() == 3)
    }
}

/// The file's columns: their headers and the field each fills.
struct Layout {
    /// The header row.
    header_row: Row,
    /// Each column's header (or "(colonne C sans en-tête)").
    headers: Vec<String>,
    /// Each column's field, one per column.
    mapping: Vec<Option<Field>>,
}

/// The columns from `header_row`, `width` wide, mapped by the options (a mapping, a
/// template, or recognised from the headers). Refused when a field is mapped to two
/// columns.
fn layout(header_row: &Row, width: usize, options: &ImportOptions) -> Result<Layout> {
    let headers: Vec<String> = (0..width).map(|i| header_of(header_row, i)).collect();
    let mut mapping = match (&options.mapping, &options.template) {
        (Some(m), _) => m.clone(),
        (None, Some(t)) => t.apply(&headers, &fields::guess_mapping(&headers)),
        (None, None) => fields::guess_mapping(&headers),
    };
    mapping.resize(width, None);
    // A field mapped twice is a mistake in a hand-made mapping.
    let mut issues = Vec::new();
    for f in Field::ALL {
        let cols: Vec<usize> = (0..width).filter(|&i| mapping[i] == Some(f)).collect();
        if cols.len() > 1 {
            issues.push(FieldIssue::new(
                format!("mapping.{}", f.code()),
                format!(
                    "Le champ « {} » est associé à plusieurs colonnes ({}) : gardez-en une seule.",
                    f.label(),
                    cols.iter()
                        .map(|&i| column_letter(i))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(Error::Validation(issues));
    }
    Ok(Layout {
        header_row: header_row.clone(),
        headers,
        mapping,
    })
}

/// Column `i`'s header (or "(colonne C sans en-tête)").
fn header_of(header_row: &Row, i: usize) -> String {
    match header_row.cells.get(i) {
        Some(c) if !c.is_blank() => c.display(),
        _ => format!("(colonne {} sans en-tête)", column_letter(i)),
    }
}

impl Layout {
    /// The columns as the preview shows them, with their first values; rows wider than
    /// the header row declared add unmapped columns.
    fn columns(&self, samples: &Samples) -> Vec<Column> {
        let width = self.headers.len().max(samples.values.len());
        (0..width)
            .map(|i| Column {
                index: i as u32,
                letter: column_letter(i),
                header: self
                    .headers
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| header_of(&self.header_row, i)),
                field: self.mapping.get(i).copied().flatten(),
                samples: samples.values.get(i).cloned().unwrap_or_default(),
            })
            .collect()
    }
    /// The mapped columns: (index, field).
    fn mapped(&self) -> Vec<(usize, Field)> {
        self.mapping
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
            .collect()
    }
}

/// The mandatory fields no column fills, as French sentences naming the file.
fn missing_fields(mapping: &[Option<Field>], file_name: &str) -> Vec<String> {
    mandatory_columns()
        .filter(|f| !mapping.contains(&Some(*f)))
        .map(|f| {
            format!(
                "« {file_name} » : aucune colonne n'est associée au champ obligatoire « {} » ; choisissez la colonne qui le contient (correspondance des colonnes dans l'application, option --mapping en ligne de commande).",
                f.label()
            )
        })
        .collect()
}

/// Reads one data row: each mapped cell parsed into the candidate's field, the mandatory
/// names checked, the category and discipline read from the year of study (or the
/// specialty, or the campaign's only discipline) when the file has no column for them,
/// and the discipline checked against the campaign's. Returns the candidate and the row's
/// problems (none: the row is valid).
fn read_row(
    row: &Row,
    mapped: &[(usize, Field)],
    headers: &[String],
    ctx: &Context,
    disciplines: &[Discipline],
) -> (CandidateData, Vec<Rejection>) {
    let mut problems: Vec<Rejection> = Vec::new();
    let mut data = CandidateData::default();
    for &(i, field) in mapped {
        let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
        match values::parse(field, cell, ctx) {
            Ok(Value::None) => {}
            Ok(v) => {
                values::set(&mut data, field, v);
            }
            Err(reason) => problems.push(Rejection {
                row: row.number,
                column: column_letter(i),
                header: headers[i].clone(),
                value: cell.display(),
                reason,
            }),
        }
    }
    let col_of = |f: Field| mapped.iter().find(|(_, g)| *g == f).map(|(i, _)| *i);
    let empty_mandatory = |f: Field, problems: &mut Vec<Rejection>| {
        if let Some(i) = col_of(f) {
            problems.push(Rejection {
                row: row.number,
                column: column_letter(i),
                header: headers[i].clone(),
                value: String::new(),
                reason: format!("« {} » est vide ; ce champ est obligatoire", f.label()),
            });
        }
    };
    if data.last_name.is_empty()
        && !problems.iter().any(|p| {
            Some(p.column.as_str()) == col_of(Field::LastName).map(column_letter).as_deref()
        })
    {
        empty_mandatory(Field::LastName, &mut problems);
    }
    if data.first_names.is_empty()
        && !problems.iter().any(|p| {
            Some(p.column.as_str()) == col_of(Field::FirstNames).map(column_letter).as_deref()
        })
    {
        empty_mandatory(Field::FirstNames, &mut problems);
    }
    // Category and discipline may be read from the year of study ("DFASM1", "DES").
    let single_discipline = match disciplines {
        [only] => Some(*only),
        _ => None,
    };
    let year_hint = data.study_year.clone().unwrap_or_default();
    if data.category.is_none() {
        data.category = values::category(&year_hint);
    }
    if data.discipline.is_none() {
        data.discipline = values::discipline(&year_hint)
            .or_else(|| data.specialty.as_deref().and_then(values::discipline))
            .or(single_discipline);
    }
    if problems.is_empty() {
        if data.category.is_none() {
            problems.push(whole_row(
                row.number,
                "catégorie inconnue : ajoutez une colonne « Catégorie » (Étudiant, Interne, PADHUE) ou une année d'études reconnaissable (DFASM1, DES…)".into(),
            ));
        }
        match data.discipline {
            None => problems.push(whole_row(
                row.number,
                "discipline inconnue : ajoutez une colonne « Discipline » (Médecine ou Odontologie)".into(),
            )),
            Some(d) if !disciplines.contains(&d) => problems.push(whole_row(
                row.number,
                format!(
                    "la campagne ne comprend pas la discipline « {} » : ajoutez-la dans les paramètres de la campagne ou retirez cette ligne",
                    d.label()
                ),
            )),
            Some(_) => {}
        }
    }
    (data, problems)
}

/// A problem of the whole row (no column).
fn whole_row(row: u32, reason: String) -> Rejection {
    Rejection {
        row,
        column: String::new(),
        header: String::new(),
        value: String::new(),
        reason,
    }
}

/// The problem when the file already had a row for the same candidate (same student
/// number, or same name and birth date without one); otherwise the row is remembered.
fn seen_before(key: &Key, row: u32, seen_in_file: &mut HashMap<String, u32>) -> Option<Rejection> {
    let (number, name) = key;
    let file_key = number.as_ref().unwrap_or(name);
    if let Some(first) = seen_in_file.get(file_key) {
        return Some(whole_row(
            row,
            format!(
                "même candidat que la ligne {first} (même {})",
                if number.is_some() {
                    "numéro étudiant"
                } else {
                    "nom, prénom et date de naissance"
                }
            ),
        ));
    }
    seen_in_file.insert(file_key.clone(), row);
    None
}

/// The fields a row says something of: the mapped ones, then the derived category and
/// discipline (what the file says, too), each once. An empty mapped field says nothing.
fn given_fields(mapped: &[(usize, Field)]) -> impl Iterator<Item = Field> + '_ {
    mapped
        .iter()
        .map(|&(_, field)| field)
        .filter(|f| !matches!(f, Field::Category | Field::Discipline))
        .chain([Field::Category, Field::Discipline])
}

/// Whether an empty `field` is left out of what the row says.
fn omitted_when_empty(field: Field) -> bool {
    !matches!(field, Field::Category | Field::Discipline)
}

/// What the row says for each mapped field (as shown), plus the derived category and
/// discipline.
fn given_of(data: &CandidateData, mapped: &[(usize, Field)]) -> Given {
    let mut given = Given(Vec::with_capacity(mapped.len() + 2));
    for field in given_fields(mapped) {
        let shown = values::show(data, field);
        if !(shown.is_empty() && omitted_when_empty(field)) {
            given.0.push((field.code(), shown));
        }
    }
    given
}

/// [`given_of`] as stored (a JSON object, in the same order), written in one go: a row
/// created by an import makes no string for each of its fields (half the analysis's time,
/// measured on 100 000 rows, went to them).
fn given_json(data: &CandidateData, mapped: &[(usize, Field)]) -> String {
    let mut json = Vec::with_capacity(512);
    let mut shown = String::with_capacity(64);
    json.push(b'{');
    for field in given_fields(mapped) {
        shown.clear();
        values::push_shown(&mut shown, data, field);
        if shown.is_empty() && omitted_when_empty(field) {
            continue;
        }
        if json.len() > 1 {
            json.push(b',');
        }
        // Field codes are plain ASCII identifiers: quoted as they are.
        json.push(b'"');
        json.extend_from_slice(field.code().as_bytes());
        json.extend_from_slice(b"\":");
        // Writing into a Vec<u8> cannot fail.
        let _ = serde_json::to_writer(&mut json, shown.as_str());
    }
    json.push(b'}');
    String::from_utf8(json).expect("JSON written from strings is UTF-8")
}

/// The candidates already known, by student number and by name.
struct Index {
    by_number: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl Index {
    fn of(candidates: &[CandidateRow]) -> Index {
        let mut by_number: HashMap<String, usize> = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (i, e) in candidates.iter().enumerate() {
            let (number, name) = key_of(&e.data);
            if let Some(n) = number {
                by_number.insert(n, i);
            }
            by_name.insert(name, i);
        }
        Index { by_number, by_name }
    }

    /// The known candidate `data` is: same student number, else same name and birth date.
    fn find(&self, (number, name): &Key) -> Option<usize> {
        number
            .as_ref()
            .and_then(|n| self.by_number.get(n))
            .or_else(|| self.by_name.get(name))
            .copied()
    }
}

/// A row merged into the candidate it matches.
struct Merged {
    /// The candidate's data after the import.
    next: CandidateData,
    /// What the file said, to store with it.
    imported: BTreeMap<String, String>,
    /// The fields that change.
    changes: Vec<FieldChange>,
    /// The fields edited in the app that the file would change.
    conflicts: Vec<Conflict>,
}

/// Merges the row (`data`, `given`) at file row `row` into the known candidate `e`. A
/// field the file does not change since it was last imported keeps the app's value; a
/// field edited in the app that the file changes is a conflict, settled by
/// `take_file(field)` (true: the file's value).
fn merge(
    e: &KnownCandidate,
    data: &CandidateData,
    given: &Given,
    row: u32,
    display: &str,
    take_file: impl Fn(Field) -> bool,
) -> Merged {
    let mut next = e.data.clone();
    let mut imported = e.imported.clone();
    let mut changes = Vec::new();
    let mut conflicts = Vec::new();
    let fields_given: Vec<Field> = given
        .0
        .iter()
        .filter_map(|(k, _)| Field::from_code(k))
        .collect();
    for field in fields_given {
        let in_file = given.get(field.code()).cloned().unwrap_or_default();
        let current = values::show(&e.data, field);
        let last = e.imported.get(field.code());
        imported.insert(field.code().to_owned(), in_file.clone());
        if in_file == current || last == Some(&in_file) {
            // Same as in the app, or the file has not changed this field since it was
            // last imported (so an edit made in the app stands).
            continue;
        }
        let edited_in_app = match last {
            Some(l) => *l != current,
            None => !current.is_empty(),
        };
        if edited_in_app {
            let take = take_file(field);
            conflicts.push(Conflict {
                row,
                candidate_id: e.id,
                name: display.to_owned(),
                field,
                label: field.label().to_owned(),
                in_app: current.clone(),
                in_file: in_file.clone(),
                take_file: take,
            });
            if !take {
                continue;
            }
        }
        copy_field(&mut next, data, field);
        changes.push(FieldChange {
            field,
            label: field.label().to_owned(),
            before: current,
            after: in_file,
        });
    }
    Merged {
        next,
        imported,
        changes,
        conflicts,
    }
}

/// Copies `field` from `from` into `to`.
fn copy_field(to: &mut CandidateData, from: &CandidateData, field: Field) {
    match field {
        Field::LastName => to.last_name = from.last_name.clone(),
        Field::FirstNames => to.first_names = from.first_names.clone(),
        Field::BirthName => to.birth_name = from.birth_name.clone(),
        Field::BirthDate => to.birth_date = from.birth_date.clone(),
        Field::Sex => to.sex = from.sex.clone(),
        Field::Email => to.email = from.email.clone(),
        Field::Phone => to.phone = from.phone.clone(),
        Field::StudentNumber => to.student_number = from.student_number.clone(),
        Field::Category => to.category = from.category,
        Field::Discipline => to.discipline = from.discipline,
        Field::StudyYear => to.study_year = from.study_year.clone(),
        Field::Specialty => to.specialty = from.specialty.clone(),
        Field::PracticeMode => to.practice_mode = from.practice_mode.clone(),
        Field::Region => to.region = from.region.clone(),
        Field::NationalRank => to.national_rank = from.national_rank,
        Field::CohortSize => to.cohort_size = from.cohort_size,
        Field::AverageN1 => to.average_n1 = from.average_n1,
        Field::AverageN2 => to.average_n2 = from.average_n2,
        Field::ArsAgreement => to.ars_agreement = from.ars_agreement,
        Field::Nationality => to.nationality = from.nationality.clone(),
        Field::DossierReceived => to.dossier_received = from.dossier_received.clone(),
        Field::Notes => to.notes = from.notes.clone(),
    }
}

#[cfg(test)]
#[path = "analysis_tests.rs"]
mod tests;
