//! Candidates: who applies, in which category and discipline.

mod field;

pub use field::{push_shown, show, Field};

use crate::Refusal;
use rusqlite::{Connection, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::fr;

/// The population a contract is offered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Second-cycle student (from the 4th year).
    Student,
    /// Third-cycle intern.
    Intern,
    /// Practitioner with a diploma from outside the EU.
    Padhue,
}

impl Category {
    /// Every category, in the order of the ministerial order.
    pub const ALL: [Category; 3] = [Category::Student, Category::Intern, Category::Padhue];

    /// The code stored in the file.
    pub fn code(self) -> &'static str {
        match self {
            Category::Student => "student",
            Category::Intern => "intern",
            Category::Padhue => "padhue",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// "Étudiant".
    pub fn label(self) -> &'static str {
        match self {
            Category::Student => "Étudiant",
            Category::Intern => "Interne",
            Category::Padhue => "PADHUE",
        }
    }

    /// "Étudiants".
    pub fn label_plural(self) -> &'static str {
        match self {
            Category::Student => "Étudiants",
            Category::Intern => "Internes",
            Category::Padhue => "PADHUE",
        }
    }
}

/// Medicine or odontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    /// Medicine.
    Medicine,
    /// Odontology (dentistry).
    Odontology,
}

impl Discipline {
    /// Both disciplines.
    pub const ALL: [Discipline; 2] = [Discipline::Medicine, Discipline::Odontology];

    /// The code stored in the file.
    pub fn code(self) -> &'static str {
        match self {
            Discipline::Medicine => "medicine",
            Discipline::Odontology => "odontology",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Discipline> {
        Discipline::ALL.into_iter().find(|d| d.code() == code)
    }

    /// "médecine".
    pub fn label(self) -> &'static str {
        match self {
            Discipline::Medicine => "médecine",
            Discipline::Odontology => "odontologie",
        }
    }
}

/// A category's group as lists name it: "Internes — médecine".
pub fn group_label(category: Category, discipline: Discipline) -> String {
    format!("{} — {}", category.label_plural(), discipline.label())
}

/// A candidate as entered or imported.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CandidateData {
    /// Last name, upper case ("DUPONT-MOREAU").
    pub last_name: String,
    /// First names ("Marie-Ève").
    pub first_names: String,
    /// Birth name when different.
    pub birth_name: Option<String>,
    /// Date of birth, ISO.
    pub birth_date: Option<String>,
    /// "F" or "M" when given.
    pub sex: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Student number or INE.
    pub student_number: Option<String>,
    /// Category.
    pub category: Option<Category>,
    /// Discipline.
    pub discipline: Option<Discipline>,
    /// Year of study ("DFASM1", "DES 2e année").
    pub study_year: Option<String>,
    /// Intended specialty.
    pub specialty: Option<String>,
    /// Intended mode of practice.
    pub practice_mode: Option<String>,
    /// Intended region / ARS.
    pub region: Option<String>,
    /// Rank at the national exam.
    pub national_rank: Option<i64>,
    /// Cohort size for that rank.
    pub cohort_size: Option<i64>,
    /// Average of year N-1 (out of 20).
    pub average_n1: Option<f64>,
    /// Average of year N-2 (out of 20).
    pub average_n2: Option<f64>,
    /// Written ARS agreement received.
    pub ars_agreement: Option<bool>,
    /// Nationality.
    pub nationality: Option<String>,
    /// Date the dossier was received, ISO.
    pub dossier_received: Option<String>,
    /// Free notes.
    pub notes: Option<String>,
}

/// A candidate as the screens that choose one name them (scoring, recusals): the few
/// fields they show of a [`CandidateRow`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CandidateName {
    /// Identifier.
    pub id: i64,
    /// "DUPONT-MOREAU Marie-Ève".
    pub display_name: String,
    /// "Étudiant — médecine".
    pub category_label: String,
}

/// A candidate as listed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CandidateRow {
    /// Identifier in the file.
    pub id: i64,
    /// "DUPONT-MOREAU Marie-Ève".
    pub display_name: String,
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// "Étudiant — médecine".
    pub category_label: String,
    /// Everything known.
    pub data: CandidateData,
    /// Date of birth in French ("16/01/1999").
    pub birth_date_display: String,
    /// Date the dossier was received, in French.
    pub dossier_received_display: String,
    /// Every field as the user reads and types it ("16/01/2001", "12,5", "Oui"), in the
    /// order of the candidate form: written out from `data` when the row is sent
    /// ([`CandidateRow::shown_fields`]), not held (10 000 candidates kept between calls
    /// would hold every field twice, 13 MB).
    #[cfg_attr(feature = "specta", specta(type = Vec<FieldText>))]
    pub shown: Shown,
}

/// [`CandidateRow::shown`]: nothing held; the texts are written out from the row's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shown;

impl CandidateRow {
    /// Every field as the user reads and types it, in the order of the candidate form.
    pub fn shown_fields(&self) -> Vec<FieldText> {
        Field::ALL
            .into_iter()
            .map(|field| FieldText {
                field,
                text: field::show(&self.data, field),
            })
            .collect()
    }
}

impl Serialize for CandidateRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut row = s.serialize_struct("CandidateRow", 9)?;
        row.serialize_field("id", &self.id)?;
        row.serialize_field("display_name", &self.display_name)?;
        row.serialize_field("category", &self.category)?;
        row.serialize_field("discipline", &self.discipline)?;
        row.serialize_field("category_label", &self.category_label)?;
        row.serialize_field("data", &self.data)?;
        row.serialize_field("birth_date_display", &self.birth_date_display)?;
        row.serialize_field("dossier_received_display", &self.dossier_received_display)?;
        row.serialize_field("shown", &self.shown_fields())?;
        row.end()
    }
}

/// A field's value as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldText {
    /// The field.
    pub field: Field,
    /// Its value as the user reads it; empty when unknown.
    pub text: String,
}

/// Inserts a candidate whose category and discipline are known; returns its id.
pub fn insert(
    tx: &Transaction,
    category: Category,
    discipline: Discipline,
    c: &CandidateData,
) -> Result<i64> {
    // Built once: a merge or a carry-over inserts thousands of candidates this way.
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| insert_sql(1));
    let mut stmt = tx.prepare_cached(&SQL)?;
    let mut all: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(24);
    all.extend(column_values(c, &category, &discipline));
    // Not from an import: no record of what a file said, no batch.
    all.push(&rusqlite::types::Null);
    all.push(&rusqlite::types::Null);
    stmt.execute(all.as_slice())?;
    Ok(tx.last_insert_rowid())
}

/// The INSERT of `rows` candidates, each with what an import received (JSON) and the
/// import's batch.
fn insert_sql(rows: usize) -> String {
    let one = format!("({})", vec!["?"; 24].join(", "));
    format!(
        "INSERT INTO candidate ({COLUMNS}, imported, import_batch) VALUES {}",
        vec![one; rows].join(", ")
    )
}

fn from_row(r: &Row) -> rusqlite::Result<CandidateRow> {
    let category = Category::from_code(&r.get::<_, String>(9)?).unwrap_or(Category::Student);
    let discipline =
        Discipline::from_code(&r.get::<_, String>(10)?).unwrap_or(Discipline::Medicine);
    let data = CandidateData {
        last_name: r.get(1)?,
        first_names: r.get(2)?,
        birth_name: r.get(3)?,
        birth_date: r.get(4)?,
        sex: r.get(5)?,
        email: r.get(6)?,
        phone: r.get(7)?,
        student_number: r.get(8)?,
        category: Some(category),
        discipline: Some(discipline),
        study_year: r.get(11)?,
        specialty: r.get(12)?,
        practice_mode: r.get(13)?,
        region: r.get(14)?,
        national_rank: r.get(15)?,
        cohort_size: r.get(16)?,
        average_n1: r.get(17)?,
        average_n2: r.get(18)?,
        ars_agreement: r.get(19)?,
        nationality: r.get(20)?,
        dossier_received: r.get(21)?,
        notes: r.get(22)?,
    };
    Ok(row_of(r.get(0)?, data))
}

/// The row of candidate `id`, holding `data` (whose category and discipline are set).
pub(crate) fn row_of(id: i64, data: CandidateData) -> CandidateRow {
    let category = data.category.unwrap_or(Category::Student);
    let discipline = data.discipline.unwrap_or(Discipline::Medicine);
    let show = |d: &Option<String>| {
        d.as_deref()
            .and_then(fr::parse_date)
            .map(fr::date_short)
            .unwrap_or_default()
    };
    CandidateRow {
        id,
        display_name: display_name(&data.last_name, &data.first_names),
        category,
        discipline,
        category_label: format!("{} — {}", category.label(), discipline.label()),
        birth_date_display: show(&data.birth_date),
        dossier_received_display: show(&data.dossier_received),
        shown: Shown,
        data,
    }
}

/// The stored columns of a candidate, in the order of [`column_values`].
const COLUMNS: &str = "last_name, first_names, birth_name, birth_date, sex, email, phone,
    student_number, category, discipline, study_year, specialty, practice_mode, region,
    national_rank, cohort_size, average_n1, average_n2, ars_agreement, nationality,
    dossier_received, notes";

fn column_values<'a>(
    c: &'a CandidateData,
    category: &'a Category,
    discipline: &'a Discipline,
) -> [&'a dyn rusqlite::ToSql; 22] {
    [
        &c.last_name,
        &c.first_names,
        &c.birth_name,
        &c.birth_date,
        &c.sex,
        &c.email,
        &c.phone,
        &c.student_number,
        category,
        discipline,
        &c.study_year,
        &c.specialty,
        &c.practice_mode,
        &c.region,
        &c.national_rank,
        &c.cohort_size,
        &c.average_n1,
        &c.average_n2,
        &c.ars_agreement,
        &c.nationality,
        &c.dossier_received,
        &c.notes,
    ]
}

impl rusqlite::ToSql for Category {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

impl rusqlite::ToSql for Discipline {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

/// Replaces every field of candidate `id` with `c` (category and discipline included).
pub fn update_data(tx: &Transaction, id: i64, c: &CandidateData) -> Result<()> {
    let category = c.category.unwrap_or(Category::Student);
    let discipline = c.discipline.unwrap_or(Discipline::Medicine);
    let sets = COLUMNS
        .split(',')
        .enumerate()
        .map(|(i, col)| format!("{} = ?{}", col.trim(), i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = tx.prepare_cached(&format!("UPDATE candidate SET {sets} WHERE id = ?1"))?;
    let values = column_values(c, &category, &discipline);
    let mut all: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(23);
    all.push(&id);
    all.extend(values);
    let n = stmt.execute(all.as_slice())?;
    if n == 0 {
        return Err(crate::Error::Missing {
            what: format!("Le candidat n° {id}"),
        });
    }
    Ok(())
}

/// A candidate an import creates: its data and what the file said (as JSON).
pub type ImportedRow = (Category, Discipline, CandidateData, String);

/// The most rows one statement of [`insert_imported_many`] inserts.
pub const INSERT_ROWS: usize = 64;

/// Inserts candidates created by import `batch`, up to [`INSERT_ROWS`] rows per statement:
/// an import of 100 000 rows would otherwise pay a statement's fixed cost (the check of
/// the seal's trigger, its statement journal) 100 000 times.
pub fn insert_imported_many(tx: &Transaction, batch: i64, rows: &[ImportedRow]) -> Result<()> {
    for chunk in rows.chunks(INSERT_ROWS) {
        let mut stmt = tx.prepare_cached(&insert_sql(chunk.len()))?;
        let mut all: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(24 * chunk.len());
        for (category, discipline, data, imported) in chunk {
            all.extend(column_values(data, category, discipline));
            all.push(imported);
            all.push(&batch);
        }
        stmt.execute(all.as_slice())?;
    }
    Ok(())
}

/// One candidate.
pub fn get(conn: &Connection, id: i64) -> Result<CandidateRow> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE id = ?1"))?;
    let mut rows = stmt.query_map([id], from_row)?;
    match rows.next() {
        Some(r) => Ok(r?),
        None => Err(crate::Error::Missing {
            what: format!("Le candidat n° {id}"),
        }),
    }
}

const SELECT: &str = "SELECT id, last_name, first_names, birth_name, birth_date, sex, email, phone,
            student_number, category, discipline, study_year, specialty, practice_mode, region,
            national_rank, cohort_size, average_n1, average_n2, ars_agreement, nationality,
            dossier_received, notes
         FROM candidate";

/// All candidates, by name.
pub fn list(conn: &Connection) -> Result<Vec<CandidateRow>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} ORDER BY last_name COLLATE NOCASE, first_names COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    let mut list: Vec<CandidateRow> = rows.collect::<rusqlite::Result<_>>()?;
    list.sort_by_cached_key(order_key);
    Ok(list)
}

/// Where a candidate comes in [`list`]: French order, where accents and case do not
/// count, Ç is a C and Œ is OE.
fn order_key(c: &CandidateRow) -> (String, String, i64) {
    (
        crate::fr::fold(&c.data.last_name),
        crate::fr::fold(&c.data.first_names),
        c.id,
    )
}

/// Brings `list` (from [`list`]) up to date for candidates `ids`: each is read again,
/// and put back in its place, or left out when it is no longer in the campaign.
pub(crate) fn update_list(
    conn: &Connection,
    list: &mut Vec<CandidateRow>,
    ids: &std::collections::BTreeSet<i64>,
) -> Result<()> {
    list.retain(|c| !ids.contains(&c.id));
    for &id in ids {
        let row = match get(conn, id) {
            Ok(row) => row,
            Err(crate::Error::Missing { .. }) => continue,
            Err(e) => return Err(e),
        };
        let key = order_key(&row);
        let at = list.partition_point(|c| order_key(c) < key);
        list.insert(at, row);
    }
    Ok(())
}

/// Number of candidates per (category, discipline).
pub fn count_by_cell(conn: &Connection) -> Result<Vec<(Category, Discipline, i64)>> {
    let mut stmt =
        conn.prepare("SELECT category, discipline, COUNT(*) FROM candidate GROUP BY 1, 2")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let c: String = r.get(0)?;
        let d: String = r.get(1)?;
        if let (Some(c), Some(d)) = (Category::from_code(&c), Discipline::from_code(&d)) {
            out.push((c, d, r.get(2)?));
        }
    }
    Ok(out)
}

/// Refuses to remove a candidate the commission has already heard, scored or declared a
/// recusal for: the minutes must stay traceable.
pub fn check_removable(conn: &Connection, id: i64) -> Result<()> {
    let used: i64 = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM score WHERE candidate = ?1) \
         + (SELECT COUNT(*) FROM hearing WHERE candidate = ?1) \
         + (SELECT COUNT(*) FROM recusal WHERE candidate = ?1) \
         + (SELECT COUNT(*) FROM academic_override WHERE candidate = ?1) \
         + (SELECT COUNT(*) FROM piece_status WHERE candidate = ?1) \
         + (SELECT COUNT(*) FROM attachment WHERE candidate = ?1) \
         + (SELECT COUNT(*) FROM eligibility_override WHERE candidate = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if used > 0 {
        let name = get(conn, id)?.display_name;
        return Err(crate::Error::Refused(Refusal::CandidateHasRecord, format!(
            "{name} a déjà un dossier renseigné (pièces, fichiers), des notes ou un déport : la fiche ne peut plus être supprimée, car le procès-verbal doit rester traçable. Si c'est un doublon, effacez d'abord ce qui a été saisi pour cette fiche."
        )));
    }
    Ok(())
}

/// A candidate's name ("DUPONT Marie"), or a French message when they no longer exist.
pub fn name_of(conn: &Connection, id: i64) -> Result<String> {
    use rusqlite::OptionalExtension;
    // Checked for each score of a batch: the statement is kept prepared.
    let names: Option<(String, String)> = conn
        .prepare_cached("SELECT last_name, first_names FROM candidate WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (last, first) = names.ok_or_else(|| crate::Error::Missing {
        what: format!("Le candidat n° {id}"),
    })?;
    Ok(display_name(&last, &first))
}

/// Candidate `id` as a sentence of the record names them: their name, then, when another
/// candidate of the campaign bears the same name, what tells them apart: « MARTIN Léa (née
/// le 13/11/1998) » (« né », « née », or « né(e) » when the sex is not given), else
/// « MARTIN Léa (n° 12) »: in brackets, the sentence around it reads on. At national
/// scale, homonyms are common; a record must say which one.
pub fn told_apart(conn: &Connection, id: i64) -> Result<String> {
    let c = get(conn, id)?;
    let twins: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM candidate WHERE last_name = ?1 AND first_names = ?2 AND id <> ?3",
        )?
        .query_row(
            rusqlite::params![c.data.last_name, c.data.first_names, id],
            |r| r.get(0),
        )?;
    if twins == 0 {
        return Ok(c.display_name);
    }
    let born = Civility::from_sex(c.data.sex.as_deref()).agree("né");
    Ok(if c.birth_date_display.is_empty() {
        format!("{} (n° {id})", c.display_name)
    } else {
        format!("{} ({born} le {})", c.display_name, c.birth_date_display)
    })
}

/// « DUPONT-MOREAU Marie-Ève ».
fn display_name(last_name: &str, first_names: &str) -> String {
    format!("{last_name} {first_names}")
}

/// How a candidate is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Civility {
    /// « Madame ».
    Madame,
    /// « Monsieur ».
    Monsieur,
    /// Unknown: « Madame, Monsieur, ».
    #[default]
    Unspecified,
}

impl Civility {
    /// From the candidate's sex as stored (`"F"`, `"M"`, anything else unknown).
    pub fn from_sex(sex: Option<&str>) -> Civility {
        match sex.map(str::trim) {
            Some("F") => Civility::Madame,
            Some("M") => Civility::Monsieur,
            _ => Civility::Unspecified,
        }
    }

    /// "Madame", "Monsieur", or nothing.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Civility::Madame => "Madame",
            Civility::Monsieur => "Monsieur",
            Civility::Unspecified => "",
        }
    }

    /// "Madame,", "Monsieur," or "Madame, Monsieur,".
    pub(crate) fn salutation(self) -> &'static str {
        match self {
            Civility::Madame => "Madame,",
            Civility::Monsieur => "Monsieur,",
            Civility::Unspecified => "Madame, Monsieur,",
        }
    }

    /// A past participle agreed with the candidate: "convoqué" → "convoquée",
    /// "convoqué(e)" when unknown.
    pub(crate) fn agree(self, masculine: &str) -> String {
        match self {
            Civility::Madame => format!("{masculine}e"),
            Civility::Monsieur => masculine.to_owned(),
            Civility::Unspecified => format!("{masculine}(e)"),
        }
    }
}
