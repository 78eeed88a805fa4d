//! Dossiers: the campaign's checklist of pieces, each candidate's pieces (received with
//! its date, missing, not compliant with a reason, not required), the files attached to
//! them (kept inside the campaign file, deduplicated by SHA-256, type-checked by content)
//! and the eligibility core computes from them, which the commission may override with a
//! written reason.

pub mod letters;
pub mod merge;
pub mod purge;

use crate::Refusal;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::campaign::Campaign;
use crate::candidate::{self, CandidateRow, Category, Discipline};
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{Change, Entry};

/// The largest file accepted as an attachment.
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;

/// When a piece is asked for beyond its categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Always (for its categories).
    None,
    /// Only for candidates of foreign nationality.
    Foreign,
}

/// A piece of the campaign's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Piece {
    /// Identifier.
    pub id: i64,
    /// Stable code ("rib"; "piece-12" for pieces the user added).
    pub code: String,
    /// "Relevé d'identité bancaire (RIB)".
    pub label: String,
    /// Its absence makes the dossier incomplete.
    pub mandatory: bool,
    /// The categories it is asked of.
    pub categories: Vec<Category>,
    /// Asked only of foreign nationals.
    pub condition: Condition,
    /// "Étudiants, internes — si nationalité étrangère".
    pub applies_display: String,
}

/// A piece as typed in the checklist editor (`id` none for a new piece).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PieceInput {
    /// The existing piece, or none for a new one.
    pub id: Option<i64>,
    /// Label.
    pub label: String,
    /// Mandatory.
    pub mandatory: bool,
    /// Categories.
    pub categories: Vec<Category>,
    /// Condition.
    pub condition: Condition,
}

/// Where a candidate's piece stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PieceStatus {
    /// Received (with its date).
    Received,
    /// Asked for, not received.
    Missing,
    /// Received but not compliant (with the reason).
    NotCompliant,
    /// Not required for this candidate.
    NotRequired,
}

/// What a mandatory piece nothing was recorded for shows.
pub const NOTHING_RECORDED: &str = "À recevoir";

impl PieceStatus {
    fn code(self) -> &'static str {
        match self {
            PieceStatus::Received => "received",
            PieceStatus::Missing => "missing",
            PieceStatus::NotCompliant => "not_compliant",
            PieceStatus::NotRequired => "not_required",
        }
    }

    fn from_code(s: &str) -> Option<PieceStatus> {
        match s {
            "received" => Some(PieceStatus::Received),
            "missing" => Some(PieceStatus::Missing),
            "not_compliant" => Some(PieceStatus::NotCompliant),
            "not_required" => Some(PieceStatus::NotRequired),
            _ => None,
        }
    }

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            PieceStatus::Received => "Reçue",
            PieceStatus::Missing => "Manquante",
            PieceStatus::NotCompliant => "Non conforme",
            PieceStatus::NotRequired => "Non requise",
        }
    }
}

/// A file attached to a piece.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentInfo {
    /// Identifier.
    pub id: i64,
    /// The piece.
    pub piece_id: i64,
    /// The file's name as it was attached.
    pub file_name: String,
    /// "PDF", "JPEG" or "PNG".
    pub kind: String,
    /// Size in kilobytes.
    pub size_kb: i64,
    /// When it was attached (French).
    pub added_display: String,
}

/// One piece of a candidate's dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PieceState {
    /// The piece.
    pub piece_id: i64,
    /// Its label (one text shared by every dossier: 10 000 candidates have 100 000
    /// pieces).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub label: std::sync::Arc<str>,
    /// Mandatory for this candidate (mandatory and asked of them).
    pub required: bool,
    /// Asked of this candidate (category, nationality).
    pub applies: bool,
    /// Recorded status, none when nothing was recorded yet.
    pub status: Option<PieceStatus>,
    /// "Reçue le 18/11/2026", "Manquante", "Non conforme : copie illisible", "À recevoir".
    pub status_display: String,
    /// ISO date of receipt.
    pub received_on: Option<String>,
    /// Why not compliant.
    pub reason: String,
    /// Attached files.
    pub attachments: Vec<AttachmentInfo>,
}

impl PieceState {
    /// A required piece that is missing or not compliant: what a missing-pieces letter
    /// asks for.
    pub fn asked(&self) -> bool {
        self.required
            && matches!(
                self.status,
                None | Some(PieceStatus::Missing) | Some(PieceStatus::NotCompliant)
            )
    }
}

/// Eligibility of a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    /// Every mandatory piece received, within the rules.
    Complete,
    /// Mandatory pieces still to receive.
    Incomplete,
    /// Outside the rules (year of study, deadline, a mandatory piece refused).
    NotEligible,
}

impl Eligibility {
    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            Eligibility::Complete => "Complet",
            Eligibility::Incomplete => "Incomplet",
            Eligibility::NotEligible => "Non recevable",
        }
    }
}

/// The commission's decision overriding the computed eligibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EligibilityOverride {
    /// Declared eligible (complete) or not.
    pub eligible: bool,
    /// Why.
    pub reason: String,
    /// When (French).
    pub at_display: String,
    /// Who.
    pub operator: String,
}

/// A dossier's eligibility with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EligibilityView {
    /// What holds (the override when there is one).
    pub status: Eligibility,
    /// "Complet", "Incomplet", "Non recevable" (with « décision de la commission » when
    /// overridden).
    pub label: String,
    /// What core computed.
    pub computed: Eligibility,
    /// Why, in French (the missing pieces, the rule not met).
    pub reasons: Vec<String>,
    /// The commission's override.
    pub overridden: Option<EligibilityOverride>,
}

/// A candidate's dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dossier {
    /// The candidate.
    pub candidate_id: i64,
    /// "DUPONT Marie".
    pub display_name: String,
    /// "Étudiant — médecine".
    pub category_label: String,
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// Date the dossier was received (French), empty when unknown.
    pub received_display: String,
    /// Each piece of the checklist.
    pub pieces: Vec<PieceState>,
    /// Eligibility.
    pub eligibility: EligibilityView,
}

/// Dossier counts for one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DossierCount {
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// "Étudiants — médecine".
    pub label: String,
    /// Complete dossiers.
    pub complete: i64,
    /// Incomplete dossiers.
    pub incomplete: i64,
    /// Dossiers not eligible.
    pub not_eligible: i64,
}

/// Dossiers in all categories, by where they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DossierTotal {
    /// Complete dossiers.
    pub complete: i64,
    /// Incomplete dossiers.
    pub incomplete: i64,
    /// Dossiers not eligible.
    pub not_eligible: i64,
    /// Every dossier.
    pub all: i64,
}

/// A dossier as the list shows it: all but its pieces (nine tenths of a dossier; they
/// show when the dossier is opened, [`Campaign::dossier`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DossierRow {
    /// The candidate.
    pub candidate_id: i64,
    /// "DUPONT Marie".
    pub display_name: String,
    /// "Étudiant — médecine".
    pub category_label: String,
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// Date the dossier was received (French), empty when unknown.
    pub received_display: String,
    /// Eligibility.
    pub eligibility: EligibilityView,
}

impl From<&Dossier> for DossierRow {
    fn from(d: &Dossier) -> DossierRow {
        DossierRow {
            candidate_id: d.candidate_id,
            display_name: d.display_name.clone(),
            category_label: d.category_label.clone(),
            category: d.category,
            discipline: d.discipline,
            received_display: d.received_display.clone(),
            eligibility: d.eligibility.clone(),
        }
    }
}

/// Every dossier, with the counts per category and in all: what the dossiers screen shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DossierList {
    /// Every candidate's dossier, without its pieces.
    pub dossiers: Vec<DossierRow>,
    /// Counts per category.
    pub counts: Vec<DossierCount>,
    /// Counts in all categories.
    pub total: DossierTotal,
}

/// The counts of every category added up.
pub fn total(counts: &[DossierCount]) -> DossierTotal {
    let mut t = DossierTotal::default();
    for c in counts {
        t.complete += c.complete;
        t.incomplete += c.incomplete;
        t.not_eligible += c.not_eligible;
    }
    t.all = t.complete + t.incomplete + t.not_eligible;
    t
}

fn categories_text(c: &[Category]) -> String {
    c.iter().map(|c| c.code()).collect::<Vec<_>>().join(",")
}

fn parse_categories(s: &str) -> Vec<Category> {
    s.split(',').filter_map(Category::from_code).collect()
}

fn applies_display(categories: &[Category], condition: Condition) -> String {
    let mut text = if categories.len() == 3 {
        "Tous les candidats".to_owned()
    } else {
        let names: Vec<String> = categories
            .iter()
            .map(|c| c.label_plural().to_owned())
            .collect();
        let mut t = names.join(", ");
        // "Étudiants, Internes" -> "Étudiants, internes".
        if let Some((first, rest)) = t.split_once(", ") {
            t = format!(
                "{first}, {}",
                rest.to_lowercase().replace("padhue", "PADHUE")
            );
        }
        t
    };
    if condition == Condition::Foreign {
        text.push_str(" — si nationalité étrangère");
    }
    text
}

/// The checklist, in order.
pub fn pieces(conn: &Connection) -> Result<Vec<Piece>> {
    let mut stmt = conn.prepare(
        "SELECT id, code, label, mandatory, categories, condition FROM piece ORDER BY position, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let categories = parse_categories(&r.get::<_, String>(4)?);
        let condition = if r.get::<_, String>(5)? == "foreign" {
            Condition::Foreign
        } else {
            Condition::None
        };
        Ok(Piece {
            id: r.get(0)?,
            code: r.get(1)?,
            label: r.get(2)?,
            mandatory: r.get(3)?,
            applies_display: applies_display(&categories, condition),
            categories,
            condition,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a nationality is foreign (not French); unknown counts as French.
pub fn is_foreign(nationality: Option<&str>) -> bool {
    match nationality.map(crate::import::fields::fold) {
        None => false,
        Some(n) if n.trim().is_empty() => false,
        Some(n) => !matches!(n.trim(), "francaise" | "francais" | "france" | "fr" | "fra"),
    }
}

fn applies(piece: &Piece, c: &CandidateRow) -> bool {
    piece.categories.contains(&c.category)
        && (piece.condition == Condition::None || is_foreign(c.data.nationality.as_deref()))
}

/// The year of study is outside the rules: first-cycle students are excluded since 2020.
fn study_year_problem(c: &CandidateRow) -> Option<String> {
    if c.category != Category::Student {
        return None;
    }
    let year = c.data.study_year.as_deref()?;
    let f = crate::import::fields::fold(year);
    let first_cycle = f.starts_with("dfgs")
        || f.starts_with("pass")
        || f.starts_with("las")
        || f.starts_with("paces")
        || f.starts_with("p1")
        || f.starts_with("l1")
        || f.starts_with("l2")
        || f.starts_with("l3")
        || [
            "1re annee",
            "1ere annee",
            "2e annee",
            "2eme annee",
            "3e annee",
            "3eme annee",
        ]
        .iter()
        .any(|p| f.starts_with(p));
    first_cycle.then(|| {
        format!("année d'études « {year} » : le contrat est ouvert aux étudiants à partir de la 4e année (deuxième cycle)")
    })
}

struct Recorded {
    status: PieceStatus,
    received_on: Option<String>,
    reason: String,
}

fn status_display(r: Option<&Recorded>, required: bool, applies: bool) -> String {
    match r {
        Some(r) => match r.status {
            PieceStatus::Received => match r.received_on.as_deref().and_then(fr::parse_date) {
                Some(d) => format!("Reçue le {}", fr::date_short(d)),
                None => "Reçue".into(),
            },
            PieceStatus::NotCompliant if !r.reason.is_empty() => {
                format!("Non conforme : {}", r.reason)
            }
            s => s.label().into(),
        },
        None if !applies => "Non demandée".into(),
        None if required => NOTHING_RECORDED.into(),
        None => "Facultative — non reçue".into(),
    }
}

/// Builds every candidate's dossier, or the one of `only`.
pub fn dossiers(conn: &Connection, only: Option<i64>) -> Result<Vec<Dossier>> {
    let candidates = match only {
        Some(id) => vec![candidate::get(conn, id).map_err(|_| Error::Missing {
            what: format!("Le candidat n° {id}"),
        })?],
        None => candidate::list(conn)?,
    };
    dossiers_of(conn, &candidates)
}

/// Builds the dossiers of `candidates` (read by the caller).
pub(crate) fn dossiers_of(
    conn: &Connection,
    candidates: &[candidate::CandidateRow],
) -> Result<Vec<Dossier>> {
    let checklist = pieces(conn)?;
    let deadline: Option<NaiveDate> = conn
        .query_row(
            "SELECT dossier_deadline FROM campaign WHERE id = 1",
            [],
            |r| r.get::<_, Option<String>>(0),
        )?
        .as_deref()
        .and_then(fr::parse_date);
    let today = crate::clock::today();
    // One candidate's dossier (after each change of it) reads that candidate's rows only.
    let one = match candidates {
        [c] => Some(c.id),
        _ => None,
    };
    let only = |sql: &str, column: &str| match one {
        Some(_) => format!("{sql} WHERE {column} = ?1"),
        None => format!("{sql} WHERE ?1 IS NULL"),
    };
    let mut recorded: std::collections::HashMap<(i64, i64), Recorded> = Default::default();
    {
        let mut stmt = conn.prepare(&only(
            "SELECT candidate, piece, status, received_on, reason FROM piece_status",
            "candidate",
        ))?;
        let rows = stmt.query_map([one], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (c, p, s, on, reason) = row?;
            if let Some(status) = PieceStatus::from_code(&s) {
                recorded.insert(
                    (c, p),
                    Recorded {
                        status,
                        received_on: on,
                        reason,
                    },
                );
            }
        }
    }
    let mut attachments: std::collections::HashMap<(i64, i64), Vec<AttachmentInfo>> =
        Default::default();
    {
        let mut stmt = conn.prepare(&format!(
            "{} ORDER BY a.id",
            only(
                "SELECT a.id, a.candidate, a.piece, a.file_name, b.mime, b.size, a.added_at \
                 FROM attachment a JOIN blob b ON b.sha256 = a.sha256",
                "a.candidate"
            )
        ))?;
        let rows = stmt.query_map([one], |r| {
            Ok((
                r.get::<_, i64>(1)?,
                AttachmentInfo {
                    id: r.get(0)?,
                    piece_id: r.get(2)?,
                    file_name: r.get(3)?,
                    kind: kind_label(&r.get::<_, String>(4)?).into(),
                    size_kb: crate::files::size_kb(r.get::<_, i64>(5)?.max(0) as u64) as i64,
                    added_display: fr::timestamp(&r.get::<_, String>(6)?),
                },
            ))
        })?;
        for row in rows {
            let (c, a) = row?;
            attachments.entry((c, a.piece_id)).or_default().push(a);
        }
    }
    let overrides: std::collections::HashMap<i64, EligibilityOverride> = {
        let mut stmt = conn.prepare(&only(
            "SELECT candidate, eligible, reason, at, operator FROM eligibility_override",
            "candidate",
        ))?;
        let rows = stmt.query_map([one], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                EligibilityOverride {
                    eligible: r.get(1)?,
                    reason: r.get(2)?,
                    at_display: fr::timestamp(&r.get::<_, String>(3)?),
                    operator: r.get(4)?,
                },
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let labels: Vec<std::sync::Arc<str>> = checklist
        .iter()
        .map(|p| std::sync::Arc::from(p.label.as_str()))
        .collect();
    let mut out = Vec::with_capacity(candidates.len());
    for c in candidates {
        let mut states = Vec::with_capacity(checklist.len());
        let mut missing = Vec::new();
        let mut refused = Vec::new();
        for (p, label) in checklist.iter().zip(&labels) {
            let applies = applies(p, c);
            let required = applies && p.mandatory;
            let r = recorded.get(&(c.id, p.id));
            if required {
                match r.map(|r| r.status) {
                    None | Some(PieceStatus::Missing) => missing.push(p.label.clone()),
                    Some(PieceStatus::NotCompliant) => refused.push(match r {
                        Some(r) if !r.reason.is_empty() => format!("{} ({})", p.label, r.reason),
                        _ => p.label.clone(),
                    }),
                    _ => {}
                }
            }
            states.push(PieceState {
                piece_id: p.id,
                label: label.clone(),
                required,
                applies,
                status: r.map(|r| r.status),
                status_display: status_display(r, required, applies),
                received_on: r.and_then(|r| r.received_on.clone()),
                reason: r.map(|r| r.reason.clone()).unwrap_or_default(),
                attachments: attachments.remove(&(c.id, p.id)).unwrap_or_default(),
            });
        }
        let mut rules = Vec::new();
        if let Some(p) = study_year_problem(c) {
            rules.push(p);
        }
        let received = c.data.dossier_received.as_deref().and_then(fr::parse_date);
        if let (Some(r), Some(d)) = (received, deadline) {
            if r > d {
                rules.push(format!(
                    "dossier reçu le {}, après la date limite du {}",
                    fr::date_short(r),
                    fr::date_short(d)
                ));
            }
        }
        // A piece refused can still be replaced until the deadline; after it, the dossier
        // cannot be retained.
        let past_deadline = deadline.is_some_and(|d| today > d);
        if past_deadline {
            for p in &refused {
                rules.push(format!("pièce obligatoire non conforme : {p}"));
            }
        }
        let mut to_receive = Vec::new();
        if !missing.is_empty() {
            let n = missing.len();
            to_receive.push(format!(
                "{} : {}",
                fr::count(n, "pièce manquante", "pièces manquantes"),
                missing.join(" ; ")
            ));
        }
        if !past_deadline {
            for p in &refused {
                to_receive.push(format!("pièce non conforme, à remplacer : {p}"));
            }
        }
        let (computed, reasons) = if !rules.is_empty() {
            (Eligibility::NotEligible, rules)
        } else if !to_receive.is_empty() {
            (Eligibility::Incomplete, to_receive)
        } else {
            (Eligibility::Complete, Vec::new())
        };
        let overridden = overrides.get(&c.id).cloned();
        let status = match &overridden {
            Some(o) if o.eligible => Eligibility::Complete,
            Some(_) => Eligibility::NotEligible,
            None => computed,
        };
        let label = match &overridden {
            Some(_) => format!("{} (décision de la commission)", status.label()),
            None => status.label().into(),
        };
        out.push(Dossier {
            candidate_id: c.id,
            display_name: c.display_name.clone(),
            category_label: c.category_label.clone(),
            category: c.category,
            discipline: c.discipline,
            received_display: received.map(fr::date_short).unwrap_or_default(),
            pieces: states,
            eligibility: EligibilityView {
                status,
                label,
                computed,
                reasons,
                overridden,
            },
        });
    }
    Ok(out)
}

/// Counts per category.
pub fn counts(dossiers: &[Dossier]) -> Vec<DossierCount> {
    crate::campaign::cells()
        .filter_map(|(category, discipline)| {
            let mine: Vec<&Dossier> = dossiers
                .iter()
                .filter(|d| d.category == category && d.discipline == discipline)
                .collect();
            if mine.is_empty() {
                return None;
            }
            let n =
                |e: Eligibility| mine.iter().filter(|d| d.eligibility.status == e).count() as i64;
            Some(DossierCount {
                category,
                discipline,
                label: crate::candidate::group_label(category, discipline),
                complete: n(Eligibility::Complete),
                incomplete: n(Eligibility::Incomplete),
                not_eligible: n(Eligibility::NotEligible),
            })
        })
        .collect()
}

fn kind_label(mime: &str) -> &'static str {
    match mime {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        _ => "fichier",
    }
}

/// The type of a file from its first bytes: PDF, JPEG or PNG.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

fn expected_mime(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_string_lossy().to_lowercase().as_str() {
        "pdf" => Some("application/pdf"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        _ => None,
    }
}

fn refuse_attachment(path: &Path, reason: impl Into<String>) -> Error {
    Error::NotAttachable {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Reads and checks a file to attach: size, type by content, extension.
fn read_attachment(path: &Path) -> Result<(Vec<u8>, &'static str)> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(path.to_path_buf()),
        _ => Error::io(path, e),
    })?;
    if meta.is_dir() {
        return Err(refuse_attachment(path, "c'est un dossier, pas un fichier"));
    }
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err(refuse_attachment(
            path,
            format!(
                "il pèse {} Mo, au-delà de la limite de {} Mo par pièce ; numérisez-la en résolution plus basse ou en PDF compressé",
                meta.len() / 1_048_576,
                MAX_ATTACHMENT_BYTES / 1_048_576
            ),
        ));
    }
    if meta.len() == 0 {
        return Err(refuse_attachment(path, "le fichier est vide"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let found = sniff(&bytes);
    let expected = expected_mime(path);
    match (found, expected) {
        (Some(f), Some(e)) if f == e => Ok((bytes, f)),
        (Some(f), Some(_)) => Err(refuse_attachment(
            path,
            format!(
                "son contenu est un fichier {} alors que son extension annonce autre chose ; renommez-le avec la bonne extension ou joignez le bon fichier",
                kind_label(f)
            ),
        )),
        (Some(f), None) => Ok((bytes, f)),
        (None, Some(_)) => Err(refuse_attachment(
            path,
            "son contenu n'est pas ce que son extension annonce (ce n'est ni un PDF, ni une image JPEG ou PNG lisible) ; il est peut-être endommagé",
        )),
        (None, None) => Err(refuse_attachment(
            path,
            "seuls les fichiers PDF, JPEG et PNG peuvent être joints ; enregistrez la pièce dans l'un de ces formats",
        )),
    }
}

use crate::journal::now;

use crate::fr::tidy;

fn piece_label(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT label FROM piece WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Missing {
            what: format!("La pièce n° {id}"),
        })
}

use crate::candidate::name_of as candidate_name;

/// A piece's status as the user sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PieceUpdate {
    /// The status (none: back to "nothing recorded").
    pub status: Option<PieceStatus>,
    /// Date of receipt as typed ("18/11/2026"); empty means today for a received piece.
    pub received_on: String,
    /// Why not compliant (required then).
    pub reason: String,
}

/// One piece's new status, among several saved together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PieceChange {
    /// The piece.
    pub piece: i64,
    /// Where it stands now.
    pub update: PieceUpdate,
}

/// An attachment's content, to open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentContent {
    /// The name it was attached under.
    pub file_name: String,
    /// Its type.
    pub mime: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl Campaign {
    /// The checklist.
    pub fn pieces(&self) -> Result<Vec<Piece>> {
        pieces(self.conn())
    }

    /// Replaces the checklist: pieces kept by id, new ones added, missing ones removed
    /// (refused while a candidate has a status or a file for them).
    pub fn save_pieces(&mut self, input: &[PieceInput], operator: &str) -> Result<Vec<Piece>> {
        let mut issues = Vec::new();
        for (i, p) in input.iter().enumerate() {
            if tidy(&p.label).is_empty() {
                issues.push(FieldIssue::new(
                    format!("{i}.label"),
                    format!("Pièce {} : l'intitulé est obligatoire.", i + 1),
                ));
            }
            if p.categories.is_empty() {
                issues.push(FieldIssue::new(
                    format!("{i}.categories"),
                    format!("Pièce « {} » : cochez au moins une catégorie de candidats à qui elle est demandée.", tidy(&p.label)),
                ));
            }
        }
        if input.is_empty() {
            issues.push(FieldIssue::new(
                "pieces",
                "La liste des pièces est vide : gardez au moins le formulaire de candidature.",
            ));
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        self.store().write(operator, |tx| {
            let old = pieces(tx)?;
            let kept: Vec<i64> = input.iter().filter_map(|p| p.id).collect();
            let mut changes = Vec::new();
            for gone in old.iter().filter(|p| !kept.contains(&p.id)) {
                let used: i64 = tx.query_row(
                    "SELECT (SELECT COUNT(*) FROM piece_status WHERE piece = ?1) + (SELECT COUNT(*) FROM attachment WHERE piece = ?1)",
                    [gone.id],
                    |r| r.get(0),
                )?;
                if used > 0 {
                    return Err(Error::Refused(Refusal::PieceInUse, format!(
                        "La pièce « {} » est déjà renseignée pour des candidats : elle ne peut pas être retirée. Rendez-la plutôt facultative.",
                        gone.label
                    )));
                }
                tx.execute("DELETE FROM piece WHERE id = ?1", [gone.id])?;
                changes.push(Change { field: gone.label.clone(), before: "Demandée".into(), after: "Retirée".into() });
            }
            for (i, p) in input.iter().enumerate() {
                let label = tidy(&p.label);
                let cats = categories_text(&p.categories);
                let cond = if p.condition == Condition::Foreign { "foreign" } else { "none" };
                let describe = |mandatory: bool, c: &[Category], cond: Condition| {
                    format!("{} — {}", if mandatory { "obligatoire" } else { "facultative" }, applies_display(c, cond))
                };
                match p.id.and_then(|id| old.iter().find(|o| o.id == id)) {
                    Some(o) => {
                        let before = format!("{} ({})", o.label, describe(o.mandatory, &o.categories, o.condition));
                        let after = format!("{label} ({})", describe(p.mandatory, &p.categories, p.condition));
                        tx.execute(
                            "UPDATE piece SET label = ?2, mandatory = ?3, categories = ?4, condition = ?5, position = ?6 WHERE id = ?1",
                            params![o.id, label, p.mandatory, cats, cond, i as i64 + 1],
                        )?;
                        changes.extend(Change::between(o.label.clone(), before, after));
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO piece (code, label, mandatory, categories, condition, position) VALUES ('', ?1, ?2, ?3, ?4, ?5)",
                            params![label, p.mandatory, cats, cond, i as i64 + 1],
                        )?;
                        let id = tx.last_insert_rowid();
                        tx.execute("UPDATE piece SET code = 'piece-' || id WHERE id = ?1", [id])?;
                        changes.push(Change {
                            field: label.clone(),
                            before: String::new(),
                            after: describe(p.mandatory, &p.categories, p.condition),
                        });
                    }
                }
            }
            let new = pieces(tx)?;
            if changes.is_empty() {
                return Ok((new, None));
            }
            let mut entry = Entry::new("pieces.save", format!("Liste des pièces du dossier modifiée ({} pièces).", new.len()));
            entry.changes = changes;
            Ok((new, Some(entry)))
        })
    }

    /// Every candidate's dossier.
    pub fn dossiers(&self) -> Result<Vec<Dossier>> {
        Ok(self.all_dossiers()?.as_ref().clone())
    }

    /// Every candidate's dossier, worked out once and kept until what it reads in the
    /// campaign (or the date) changes: the dashboard, the list and the counts read them after each
    /// action, and at 10 000 candidates working them out takes about 200 ms.
    /// A dossier declared receivable or not (a withdrawal before the interview), or a
    /// candidate's details changed without moving them in the list, works out that
    /// candidate's dossier only.
    pub(crate) fn all_dossiers(&self) -> Result<std::sync::Arc<Vec<Dossier>>> {
        self.views().view_patched(
            "dossiers",
            Campaign::today_key(),
            |conn| dossiers_of(conn, &self.candidate_rows()?),
            |conn, ids, dossiers| {
                let rows = self.candidate_rows()?;
                for &id in ids {
                    // The dossiers follow the candidates' order: a candidate added,
                    // removed or moved in it (a new name) is worked out whole.
                    let at = dossiers.iter().position(|d| d.candidate_id == id);
                    let (Some(row), Some(slot)) = (
                        at.and_then(|at| rows.get(at)).filter(|r| r.id == id),
                        at.and_then(|at| dossiers.get_mut(at)),
                    ) else {
                        return Ok(false);
                    };
                    let Some(dossier) = dossiers_of(conn, std::slice::from_ref(row))?.pop() else {
                        return Ok(false);
                    };
                    *slot = dossier;
                }
                Ok(true)
            },
        )
    }

    /// The view `name` worked out from every candidate and their dossiers (both kept),
    /// kept itself until what it reads (theirs included) or the date changes
    /// ([`Store::view`]).
    ///
    /// [`Store::view`]: crate::store::Store::view
    pub(crate) fn view_of_dossiers<T: Send + Sync + 'static>(
        &self,
        name: &'static str,
        compute: impl FnOnce(&Connection, &[candidate::CandidateRow], &[Dossier]) -> Result<T>,
    ) -> Result<std::sync::Arc<T>> {
        self.views().view(name, Campaign::today_key(), |conn| {
            compute(conn, &self.candidate_rows()?, &self.all_dossiers()?)
        })
    }

    /// Every dossier with the counts per category and in all.
    pub fn dossier_list(&self) -> Result<DossierList> {
        let dossiers = self.all_dossiers()?;
        let counts = counts(&dossiers);
        Ok(DossierList {
            total: total(&counts),
            counts,
            dossiers: dossiers.iter().map(DossierRow::from).collect(),
        })
    }

    /// One candidate's dossier.
    pub fn dossier(&self, candidate: i64) -> Result<Dossier> {
        dossiers(self.conn(), Some(candidate))?
            .pop()
            .ok_or_else(|| Error::Missing {
                what: format!("Le candidat n° {candidate}"),
            })
    }

    /// Dossier counts per category.
    pub fn dossier_counts(&self) -> Result<Vec<DossierCount>> {
        Ok(counts(&self.all_dossiers()?))
    }

    /// Records where a candidate's piece stands.
    pub fn set_piece(
        &mut self,
        candidate: i64,
        piece: i64,
        update: &PieceUpdate,
        operator: &str,
    ) -> Result<Dossier> {
        let change = PieceChange {
            piece,
            update: update.clone(),
        };
        self.set_pieces(candidate, std::slice::from_ref(&change), operator)
    }

    /// Records where several of a candidate's pieces stand, together: every change is
    /// checked first (each problem at its piece's field, `<piece>.received_on` or
    /// `<piece>.reason`), then all are written in one transaction with one journal entry
    /// listing them. Nothing is written when one is refused.
    pub fn set_pieces(
        &mut self,
        candidate: i64,
        changes: &[PieceChange],
        operator: &str,
    ) -> Result<Dossier> {
        let today = crate::clock::today();
        let checklist = pieces(self.conn())?;
        let label_of = |id: i64| {
            checklist
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.label.clone())
                .unwrap_or_else(|| format!("Pièce n° {id}"))
        };
        let mut issues = Vec::new();
        let mut planned = Vec::with_capacity(changes.len());
        for (i, c) in changes.iter().enumerate() {
            let label = label_of(c.piece);
            if changes[..i].iter().any(|o| o.piece == c.piece) {
                issues.push(FieldIssue::new(
                    "pieces",
                    format!("La pièce « {label} » figure deux fois dans les modifications : gardez-en une."),
                ));
                continue;
            }
            let update = &c.update;
            let reason = tidy(&update.reason);
            let received_on = match update.status {
                Some(PieceStatus::Received) if update.received_on.trim().is_empty() => Some(today),
                Some(PieceStatus::Received) => match crate::typed_date::parse(
                    &format!("{}.received_on", c.piece),
                    "Reçue le",
                    &update.received_on,
                ) {
                    Ok(d) if d <= today => Some(d),
                    Ok(d) => {
                        issues.push(FieldIssue::new(
                            format!("{}.received_on", c.piece),
                            format!("{label} — « Reçue le » : le {} est dans le futur ; saisissez la date de réception.", fr::date_short(d)),
                        ));
                        None
                    }
                    Err(issue) => {
                        issues.push(FieldIssue::new(
                            issue.field,
                            format!("{label} — {}", issue.message),
                        ));
                        None
                    }
                },
                _ => None,
            };
            if update.status == Some(PieceStatus::NotCompliant) && reason.is_empty() {
                issues.push(FieldIssue::new(
                    format!("{}.reason", c.piece),
                    format!("{label} — « Motif » est obligatoire pour une pièce non conforme : dites ce qui ne va pas (par exemple « copie illisible »)."),
                ));
            }
            planned.push((c.piece, update.status, received_on, reason));
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        self.store().write(operator, |tx| {
            let name = candidate_name(tx, candidate)?;
            let show = |s: Option<PieceStatus>, on: Option<&str>, reason: &str| match s {
                None => String::new(),
                Some(s) => status_display(
                    Some(&Recorded { status: s, received_on: on.map(str::to_owned), reason: reason.to_owned() }),
                    true,
                    true,
                ),
            };
            let mut done: Vec<Change> = Vec::new();
            for (piece, status, received_on, reason) in &planned {
                let label = piece_label(tx, *piece)?;
                let before: Option<(String, Option<String>, String)> = tx
                    .query_row(
                        "SELECT status, received_on, reason FROM piece_status WHERE candidate = ?1 AND piece = ?2",
                        params![candidate, piece],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                let before_text = match &before {
                    Some((s, on, r)) => show(PieceStatus::from_code(s), on.as_deref(), r),
                    None => String::new(),
                };
                let on = received_on.map(|d| d.format("%Y-%m-%d").to_string());
                let after_text = show(*status, on.as_deref(), reason);
                if before_text == after_text {
                    continue;
                }
                match status {
                    Some(s) => {
                        tx.execute(
                            "INSERT INTO piece_status (candidate, piece, status, received_on, reason, updated_at) \
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (candidate, piece) DO UPDATE SET \
                             status = excluded.status, received_on = excluded.received_on, reason = excluded.reason, updated_at = excluded.updated_at",
                            params![candidate, piece, s.code(), on, if *s == PieceStatus::NotCompliant { reason.as_str() } else { "" }, now()],
                        )?;
                    }
                    None => {
                        tx.execute("DELETE FROM piece_status WHERE candidate = ?1 AND piece = ?2", params![candidate, piece])?;
                    }
                }
                done.push(Change { field: label, before: before_text, after: after_text });
            }
            let dossier = dossiers(tx, Some(candidate))?.pop().ok_or_else(|| Error::Missing { what: name.clone() })?;
            let summary = match done.as_slice() {
                [] => return Ok((dossier, None)),
                [one] => format!(
                    "Dossier de {name} — {} : {}.",
                    one.field,
                    if one.after.is_empty() { "statut effacé".to_owned() } else { one.after.to_lowercase() }
                ),
                many => format!(
                    "Dossier de {name} : {} ({}).",
                    fr::count(many.len(), "pièce mise à jour", "pièces mises à jour"),
                    many.iter().map(|c| c.field.as_str()).collect::<Vec<_>>().join(", ")
                ),
            };
            let mut entry = Entry::new("piece.set", summary);
            entry.changes = done;
            entry.reference = Some(candidate);
            Ok((dossier, Some(entry)))
        })
    }

    /// Attaches a file to a candidate's piece; the piece is marked received (today) if it
    /// was not. Returns the dossier.
    pub fn attach(
        &mut self,
        candidate: i64,
        piece: i64,
        path: &Path,
        operator: &str,
    ) -> Result<Dossier> {
        let (bytes, mime) = read_attachment(path)?;
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.store().write(operator, |tx| {
            let label = piece_label(tx, piece)?;
            let name = candidate_name(tx, candidate)?;
            let same: Option<String> = tx
                .query_row(
                    "SELECT file_name FROM attachment WHERE candidate = ?1 AND piece = ?2 AND sha256 = ?3",
                    params![candidate, piece, sha],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(f) = same {
                return Err(Error::Refused(Refusal::FileAlreadyAttached, format!(
                    "Ce fichier est déjà joint à la pièce « {label} » de {name} (sous le nom « {f} ») : rien n'a été ajouté."
                )));
            }
            tx.execute(
                "INSERT OR IGNORE INTO blob (sha256, mime, size, data) VALUES (?1, ?2, ?3, ?4)",
                params![sha, mime, bytes.len() as i64, bytes],
            )?;
            tx.execute(
                "INSERT INTO attachment (candidate, piece, file_name, sha256, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![candidate, piece, file_name, sha, now()],
            )?;
            let status: Option<String> = tx
                .query_row(
                    "SELECT status FROM piece_status WHERE candidate = ?1 AND piece = ?2",
                    params![candidate, piece],
                    |r| r.get(0),
                )
                .optional()?;
            let marked = matches!(status.as_deref(), None | Some("missing"));
            if marked {
                tx.execute(
                    "INSERT INTO piece_status (candidate, piece, status, received_on, reason, updated_at) \
                     VALUES (?1, ?2, 'received', ?3, '', ?4) ON CONFLICT (candidate, piece) DO UPDATE SET \
                     status = 'received', received_on = excluded.received_on, reason = '', updated_at = excluded.updated_at",
                    params![candidate, piece, crate::clock::today().format("%Y-%m-%d").to_string(), now()],
                )?;
            }
            let dossier = dossiers(tx, Some(candidate))?.pop().ok_or_else(|| Error::Missing { what: name.clone() })?;
            let mut entry = Entry::new(
                "attachment.add",
                format!(
                    "Fichier « {file_name} » ({}, {} Ko) joint à la pièce « {label} » de {name}{}.",
                    kind_label(mime),
                    fr::integer(bytes.len().div_ceil(1024)),
                    if marked { " ; pièce marquée reçue" } else { "" }
                ),
            );
            entry.reference = Some(candidate);
            Ok((dossier, Some(entry)))
        })
    }

    /// An attachment's content, to open it in the system viewer.
    pub fn attachment(&self, id: i64) -> Result<AttachmentContent> {
        self.conn()
            .query_row(
                "SELECT a.file_name, b.mime, b.data FROM attachment a JOIN blob b ON b.sha256 = a.sha256 WHERE a.id = ?1",
                [id],
                |r| Ok(AttachmentContent { file_name: r.get(0)?, mime: r.get(1)?, bytes: r.get(2)? }),
            )
            .optional()?
            .ok_or_else(|| Error::Missing { what: format!("Le fichier joint n° {id}") })
    }

    /// Removes an attachment (its content goes when no other attachment uses it).
    pub fn remove_attachment(&mut self, id: i64, operator: &str) -> Result<Dossier> {
        self.store().write(operator, |tx| {
            let row: Option<(i64, i64, String, String)> = tx
                .query_row(
                    "SELECT candidate, piece, file_name, sha256 FROM attachment WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let (candidate, piece, file_name, sha) = row.ok_or_else(|| Error::Missing { what: format!("Le fichier joint n° {id}") })?;
            let label = piece_label(tx, piece)?;
            let name = candidate_name(tx, candidate)?;
            tx.execute("DELETE FROM attachment WHERE id = ?1", [id])?;
            tx.execute("DELETE FROM blob WHERE sha256 = ?1 AND NOT EXISTS (SELECT 1 FROM attachment WHERE sha256 = ?1)", [sha])?;
            let dossier = dossiers(tx, Some(candidate))?.pop().ok_or_else(|| Error::Missing { what: name.clone() })?;
            let mut entry = Entry::new(
                "attachment.remove",
                format!("Fichier « {file_name} » retiré de la pièce « {label} » de {name}."),
            );
            entry.reference = Some(candidate);
            Ok((dossier, Some(entry)))
        })
    }

    /// The commission declares a dossier eligible or not, with a written reason (`None`:
    /// back to what core computes).
    pub fn override_eligibility(
        &mut self,
        candidate: i64,
        eligible: Option<bool>,
        reason: &str,
        operator: &str,
    ) -> Result<Dossier> {
        let reason = tidy(reason);
        if eligible.is_some() && reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "reason",
                "« Motif » est obligatoire : la décision de la commission doit être motivée (elle figurera au procès-verbal).",
            )]));
        }
        self.store().write(operator, |tx| {
            let before = dossiers(tx, Some(candidate))?.pop().ok_or_else(|| Error::Missing { what: format!("Le candidat n° {candidate}") })?;
            match eligible {
                Some(e) => {
                    tx.execute(
                        "INSERT INTO eligibility_override (candidate, eligible, reason, at, operator) VALUES (?1, ?2, ?3, ?4, ?5) \
                         ON CONFLICT (candidate) DO UPDATE SET eligible = excluded.eligible, reason = excluded.reason, at = excluded.at, operator = excluded.operator",
                        params![candidate, e, reason, now(), operator],
                    )?;
                    if !e {
                        // Not to be heard any more: their interview slot is freed.
                        tx.execute("DELETE FROM interview WHERE candidate = ?1", [candidate])?;
                    }
                }
                None => {
                    if before.eligibility.overridden.is_none() {
                        return Ok((before, None));
                    }
                    tx.execute("DELETE FROM eligibility_override WHERE candidate = ?1", [candidate])?;
                }
            }
            let after = dossiers(tx, Some(candidate))?.pop().ok_or_else(|| Error::Missing { what: before.display_name.clone() })?;
            let mut entry = Entry::new(
                "eligibility.override",
                match eligible {
                    Some(_) => format!(
                        "Recevabilité du dossier de {} décidée par la commission : {} (calculé : {}) — motif : {reason}.",
                        after.display_name,
                        after.eligibility.status.label().to_lowercase(),
                        after.eligibility.computed.label().to_lowercase()
                    ),
                    None => format!("Recevabilité du dossier de {} : retour au calcul ({}).", after.display_name, after.eligibility.computed.label().to_lowercase()),
                },
            );
            entry.changes.push(Change { field: "Recevabilité".into(), before: before.eligibility.label.clone(), after: after.eligibility.label.clone() });
            entry.reference = Some(candidate);
            Ok((after, Some(entry)))
        })
    }
}

#[cfg(test)]
mod tests;
