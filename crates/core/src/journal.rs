//! The audit journal: who did what, when, with the values before and after.
//! Append-only: triggers in the schema refuse any update or deletion.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldIssue, Result};
use crate::fr;

/// One field changed by an action, with its value before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Change {
    /// The field's French label.
    pub field: String,
    /// The value before, as shown to the user (empty when there was none).
    pub before: String,
    /// The value after.
    pub after: String,
}

impl Change {
    /// The change of `field`, when `before` and `after` differ; none when they are equal.
    pub fn between(field: impl Into<String>, before: String, after: String) -> Option<Change> {
        (before != after).then(|| Change {
            field: field.into(),
            before,
            after,
        })
    }
}

/// What a use case asks the journal to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// A stable code for the action (`campaign.create`, `campaign.update`...).
    pub action: String,
    /// One French sentence for the user.
    pub summary: String,
    /// The fields changed.
    pub changes: Vec<Change>,
    /// What the action concerns, when it can be acted on later (the import batch of an
    /// import, to undo it from the journal).
    pub reference: Option<i64>,
}

impl Entry {
    /// An entry for `action`, summarised by `summary`, with no field changes.
    pub fn new(action: &str, summary: impl Into<String>) -> Self {
        Entry {
            action: action.to_owned(),
            summary: summary.into(),
            changes: Vec::new(),
            reference: None,
        }
    }
}

/// A recorded journal row, as shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalRow {
    /// Order of recording.
    pub id: i64,
    /// When, in UTC (RFC 3339).
    pub at: String,
    /// When, in French, Paris time ("22/11/2026 à 17 h 05").
    pub at_display: String,
    /// Who (the operator name given at the start of the session).
    pub operator: String,
    /// The action's code.
    pub action: String,
    /// The part of the campaign it concerns, from the code.
    pub kind: JournalKind,
    /// That part, in French (« Notation »).
    pub kind_label: String,
    /// One French sentence.
    pub summary: String,
    /// The fields changed, before and after: on the screen, the first
    /// [`CHANGES_SHOWN`] only (a batch of scores holds thousands).
    pub changes: Vec<Change>,
    /// The changes not in `changes` (the export lists them all).
    pub more_changes: u32,
    /// What the action concerns (the import batch of an import).
    pub reference: Option<i64>,
}

/// The changes of one row the journal's screen lists; the export lists them all.
pub const CHANGES_SHOWN: usize = 50;

/// The characters of a value the journal's screen shows; the export shows it whole (an
/// allocation's lists name a national campaign's thousands of candidates).
pub const VALUE_SHOWN: usize = 600;

/// `text` cut after at most [`VALUE_SHOWN`] characters, at the end of a name of a list
/// when there is one, and saying where the rest is.
fn clipped(text: &mut String) {
    let Some((cut, _)) = text.char_indices().nth(VALUE_SHOWN) else {
        return;
    };
    let cut = text[..cut].rfind(", ").unwrap_or(cut);
    text.truncate(cut);
    text.push_str(" … (la suite dans l'export du journal)");
}

/// The first `max` changes of a row's stored details, and how many more it holds,
/// without building the others.
struct FirstChanges {
    max: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for FirstChanges {
    type Value = (Vec<Change>, u32);

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FirstChanges {
    type Value = (Vec<Change>, u32);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of changes")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut first = Vec::new();
        while first.len() < self.max {
            match seq.next_element::<Change>()? {
                Some(c) => first.push(c),
                None => return Ok((first, 0)),
            }
        }
        let mut more = 0;
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
            more += 1;
        }
        Ok((first, more))
    }
}

pub(crate) fn append(tx: &Transaction, operator: &str, entry: &Entry) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let details = serde_json::to_string(&entry.changes).unwrap_or_else(|_| "[]".to_owned());
    tx.execute(
        "INSERT INTO journal (at, operator, action, summary, details, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![now, operator, entry.action, entry.summary, details, entry.reference],
    )?;
    chain_unhashed(tx)
}

/// The fields a row's hash covers.
struct Stored {
    id: i64,
    at: String,
    operator: String,
    action: String,
    summary: String,
    details: String,
    reference: Option<i64>,
    hash: Option<String>,
}

fn row_hash(previous: &str, r: &Stored) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different rows hash the same text.
    for part in [
        previous,
        &r.id.to_string(),
        &r.at,
        &r.operator,
        &r.action,
        &r.summary,
        &r.details,
        &r.reference.map(|x| x.to_string()).unwrap_or_default(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex(&h.finalize())
}

/// Bytes in lower-case hexadecimal (how fingerprints are written).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The columns a [`Stored`] row is read from, in the order of [`stored`].
const STORED_COLUMNS: &str = "id, at, operator, action, summary, details, reference, hash";

fn stored(r: &rusqlite::Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        action: r.get(3)?,
        summary: r.get(4)?,
        details: r.get(5)?,
        reference: r.get(6)?,
        hash: r.get(7)?,
    })
}

fn stored_rows(conn: &Connection, after: i64) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {STORED_COLUMNS} FROM journal WHERE id > ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([after], stored)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Gives their hash to the rows that have none yet (the one just appended, or rows of a
/// file written before the chain existed) and moves the head.
pub(crate) fn chain_unhashed(tx: &Transaction) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, hash FROM journal WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (after, mut previous) = last.unwrap_or((0, String::new()));
    for r in stored_rows(tx, after)? {
        let hash = row_hash(&previous, &r);
        tx.execute(
            "UPDATE journal SET hash = ?2 WHERE id = ?1",
            params![r.id, hash],
        )?;
        previous = hash;
    }
    let count: i64 = tx.query_row("SELECT COUNT(*) FROM journal", [], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO journal_head (id, count, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET count = excluded.count, hash = excluded.hash",
        params![count, previous],
    )?;
    Ok(())
}

/// A file's whole journal as stored, taken before a restore to be carried forward.
pub(crate) struct Carried(Vec<Stored>);

/// The journal of `conn`'s file, every row with its seal.
pub(crate) fn carry(conn: &Connection) -> Result<Carried> {
    Ok(Carried(stored_rows(conn, 0)?))
}

/// Puts `carried` (the journal of the campaign before a restore) in place of the journal
/// of the restored content in `tx`: the journal only ever grows, across restores too.
/// Returns what the restore undoes, one change per row: the rows of `carried` after the
/// last one the restored content shares with it.
pub(crate) fn carry_forward(tx: &Transaction, carried: &Carried) -> Result<Vec<Change>> {
    let restored = stored_rows(tx, 0)?;
    let shared = carried
        .0
        .iter()
        .zip(&restored)
        .take_while(|(now, then)| now.id == then.id && now.hash == then.hash)
        .count();
    // The append-only triggers stand aside inside this transaction only.
    let triggers: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    tx.execute("DELETE FROM journal", [])?;
    for r in &carried.0 {
        tx.execute(
            "INSERT INTO journal (id, at, operator, action, summary, details, reference, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![r.id, r.at, r.operator, r.action, r.summary, r.details, r.reference, r.hash],
        )?;
    }
    for (_, sql) in &triggers {
        tx.execute_batch(sql)?;
    }
    Ok(carried.0[shared..]
        .iter()
        .map(|r| Change {
            field: format!("n° {} — {}", r.id, fr::timestamp(&r.at)),
            before: format!("{} ({})", r.summary, r.operator),
            after: "annulé par la restauration".into(),
        })
        .collect())
}

/// The result of checking the journal's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalCheck {
    /// Rows checked.
    pub rows: i64,
    /// Whether every row is as written.
    pub intact: bool,
    /// What is wrong, in French (empty when intact).
    pub problems: Vec<String>,
}

/// Recomputes the chain: a row changed, removed or inserted behind the app's back shows.
pub fn verify(conn: &Connection) -> Result<JournalCheck> {
    let rows = stored_rows(conn, 0)?;
    let mut problems = Vec::new();
    let mut previous = String::new();
    let mut expected_id = rows.first().map(|r| r.id).unwrap_or(1);
    if expected_id != 1 {
        problems.push(format!(
            "les lignes 1 à {} du journal ont été supprimées",
            expected_id - 1
        ));
    }
    for r in &rows {
        if r.id != expected_id {
            problems.push(format!(
                "la ligne {} du journal a été supprimée (on passe de la ligne {} à la ligne {})",
                expected_id,
                expected_id - 1,
                r.id
            ));
        }
        let hash = row_hash(&previous, r);
        match &r.hash {
            Some(h) if *h == hash => {}
            Some(_) => problems.push(format!(
                "la ligne {} du journal (« {} », {}) a été modifiée après coup",
                r.id,
                r.summary,
                crate::fr::timestamp(&r.at)
            )),
            None => problems.push(format!("la ligne {} du journal n'est pas scellée", r.id)),
        }
        // Continue from the stored hash, so that one changed row is reported once.
        previous = r.hash.clone().unwrap_or(hash);
        expected_id = r.id + 1;
    }
    let head: Option<(i64, String)> = conn
        .query_row(
            "SELECT count, hash FROM journal_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match head {
        Some((count, hash)) => {
            if count != rows.len() as i64 {
                problems.push(format!(
                    "le journal devrait compter {count} lignes, il en compte {} : des lignes ont été supprimées ou ajoutées hors de l'application",
                    rows.len()
                ));
            } else if hash != previous {
                problems.push("la dernière ligne du journal ne correspond plus à son sceau".into());
            }
        }
        None => problems.push("le sceau du journal a disparu".into()),
    }
    Ok(JournalCheck {
        rows: rows.len() as i64,
        intact: problems.is_empty(),
        problems,
    })
}

/// The latest `limit` rows, newest first: read with a limit, not through [`search`], which
/// reads the whole journal for its choices and counts.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<JournalRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {STORED_COLUMNS} FROM journal ORDER BY id DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], stored)?;
    let rows: Vec<Stored> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(rows.iter().map(|r| shown(r, CHANGES_SHOWN)).collect())
}

/// A stored row as the user sees it, with its first `changes` changes.
fn shown(r: &Stored, changes: usize) -> JournalRow {
    let kind = JournalKind::of(&r.action);
    let mut details = serde_json::Deserializer::from_str(&r.details);
    let screen = changes != usize::MAX;
    let (mut changes, more_changes): (Vec<Change>, u32) =
        serde::de::DeserializeSeed::deserialize(FirstChanges { max: changes }, &mut details)
            .unwrap_or_default();
    if screen {
        for c in &mut changes {
            clipped(&mut c.before);
            clipped(&mut c.after);
        }
    }
    JournalRow {
        id: r.id,
        at_display: fr::timestamp(&r.at),
        at: r.at.clone(),
        operator: r.operator.clone(),
        action: r.action.clone(),
        kind,
        kind_label: kind.label().to_owned(),
        summary: r.summary.clone(),
        changes,
        more_changes,
        reference: r.reference,
    }
}

/// The part of the campaign an action concerns, read from the prefix of its code
/// (`score.set` -> scoring): what the journal is filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JournalKind {
    /// The campaign's settings, encryption, retention, the demo's filling.
    Campaign,
    /// Imports of candidate spreadsheets and their undoing.
    Import,
    /// Candidates added, edited, deleted by hand.
    Candidates,
    /// Dossiers: checklist, pieces, files, eligibility, merge, purge.
    Dossiers,
    /// The commission: members, rules, sittings, recusals.
    Commission,
    /// The interviews' schedule.
    Schedule,
    /// The grid, scores, academic results, hearings.
    Scoring,
    /// The allocation of contracts.
    Allocation,
    /// The minutes.
    Minutes,
    /// E-mail to candidates: settings and batches.
    Mail,
    /// Backups restored.
    Backups,
    /// An action this version does not know (a newer version wrote it).
    Other,
}

impl JournalKind {
    /// Every kind, in the order of the app's sections.
    pub const ALL: [JournalKind; 12] = [
        JournalKind::Campaign,
        JournalKind::Import,
        JournalKind::Candidates,
        JournalKind::Dossiers,
        JournalKind::Commission,
        JournalKind::Schedule,
        JournalKind::Scoring,
        JournalKind::Allocation,
        JournalKind::Minutes,
        JournalKind::Mail,
        JournalKind::Backups,
        JournalKind::Other,
    ];

    /// The kind of the action coded `action`.
    pub fn of(action: &str) -> JournalKind {
        match action.split('.').next().unwrap_or_default() {
            "campaign" | "retention" | "demo" => JournalKind::Campaign,
            "import" => JournalKind::Import,
            "candidate" => JournalKind::Candidates,
            "piece" | "pieces" | "attachment" | "eligibility" | "dossier" => JournalKind::Dossiers,
            "member" | "rules" | "sitting" | "recusal" => JournalKind::Commission,
            "schedule" => JournalKind::Schedule,
            "grid" | "score" | "scores" | "academic" | "hearing" => JournalKind::Scoring,
            "allocation" => JournalKind::Allocation,
            "minutes" => JournalKind::Minutes,
            "mail" => JournalKind::Mail,
            "backup" => JournalKind::Backups,
            _ => JournalKind::Other,
        }
    }

    /// Its code, as the command line takes it (`scoring`).
    pub fn code(self) -> &'static str {
        match self {
            JournalKind::Campaign => "campaign",
            JournalKind::Import => "import",
            JournalKind::Candidates => "candidates",
            JournalKind::Dossiers => "dossiers",
            JournalKind::Commission => "commission",
            JournalKind::Schedule => "schedule",
            JournalKind::Scoring => "scoring",
            JournalKind::Allocation => "allocation",
            JournalKind::Minutes => "minutes",
            JournalKind::Mail => "mail",
            JournalKind::Backups => "backups",
            JournalKind::Other => "other",
        }
    }

    /// Its French name, as the app's sections are named.
    pub fn label(self) -> &'static str {
        match self {
            JournalKind::Campaign => "Campagne",
            JournalKind::Import => "Imports",
            JournalKind::Candidates => "Candidats",
            JournalKind::Dossiers => "Dossiers",
            JournalKind::Commission => "Commission",
            JournalKind::Schedule => "Entretiens",
            JournalKind::Scoring => "Notation",
            JournalKind::Allocation => "Attribution",
            JournalKind::Minutes => "Procès-verbal",
            JournalKind::Mail => "Courriels",
            JournalKind::Backups => "Sauvegardes",
            JournalKind::Other => "Autres",
        }
    }

    /// The kind named `text`: its code or its French name, any case, accents or not.
    pub fn parse(text: &str) -> Result<JournalKind> {
        let wanted = crate::fr::fold(text);
        JournalKind::ALL
            .into_iter()
            .find(|k| k.code() == wanted || crate::fr::fold(k.label()) == wanted)
            .ok_or_else(|| {
                Error::Validation(vec![FieldIssue::new(
                    "kind",
                    format!(
                        "« {} » n'est pas un type d'action du journal ; choisissez parmi : {}.",
                        text.trim(),
                        JournalKind::ALL
                            .iter()
                            .map(|k| format!("{} ({})", k.code(), k.label()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )])
            })
    }
}

/// Which rows of the journal to show or export. Everything empty: the whole journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalFilter {
    /// The first day, as typed (JJ/MM/AAAA), Paris time; empty: from the start.
    pub from: String,
    /// The last day, included; empty: up to now.
    pub to: String,
    /// Who: a name as the journal records it, or words of it (any case, accents or not).
    pub person: Option<String>,
    /// The kind of action.
    pub kind: Option<JournalKind>,
    /// The most rows returned, newest first (none: all; an export takes them all).
    pub limit: Option<u32>,
}

/// A kind of action present in the journal, with its number of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KindCount {
    /// The kind.
    pub kind: JournalKind,
    /// Its French name.
    pub label: String,
    /// Rows of that kind in the whole journal.
    pub count: u32,
}

/// The rows a filter selects, and what the filter can choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalPage {
    /// The rows selected, newest first, at most the filter's limit.
    pub rows: Vec<JournalRow>,
    /// How many rows the filter selects (rows may hold fewer).
    pub matching: u32,
    /// Rows in the whole journal.
    pub total: u32,
    /// The people who appear in the journal, in alphabetical order.
    pub persons: Vec<String>,
    /// The kinds of action present in the journal, in the order of the app's sections.
    pub kinds: Vec<KindCount>,
    /// The filter in French (« du 01/11/2026 au 30/11/2026, Notation »); empty when none.
    pub description: String,
}

/// An instant bounding the filter's days, when it has one.
type Bound = Option<DateTime<Utc>>;

/// The instants bounding the filter's days, Paris time: [from, to).
fn bounds(filter: &JournalFilter) -> Result<(Bound, Bound)> {
    let mut issues = Vec::new();
    let mut day = |field: &str, label: &str, text: &str| -> Option<NaiveDate> {
        if text.trim().is_empty() {
            return None;
        }
        crate::typed_date::parse(field, label, text)
            .map_err(|issue| issues.push(issue))
            .ok()
    };
    let from = day("from", "Du", &filter.from);
    let to = day("to", "Au", &filter.to);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            issues.push(FieldIssue::new(
                "to",
                format!(
                    "« Au » : le {} est avant le {} (« Du ») ; le dernier jour vient après le premier.",
                    fr::date_short(t),
                    fr::date_short(f)
                ),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(Error::Validation(issues));
    }
    let midnight = |d: NaiveDate| {
        use chrono::TimeZone;
        let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        chrono_tz::Europe::Paris
            .from_local_datetime(&naive)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    Ok((
        from.and_then(midnight),
        to.and_then(|t| t.succ_opt()).and_then(midnight),
    ))
}

/// The people `query` names among `persons`: the one whose name it is exactly, or else
/// every one whose name holds all its words (case and accents aside).
fn persons_named<'a>(persons: &'a [String], query: &str) -> Vec<&'a str> {
    let query = query.trim();
    if let Some(p) = persons.iter().find(|p| p.trim() == query) {
        return vec![p.as_str()];
    }
    let fold = crate::fr::fold;
    let words: Vec<String> = fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    persons
        .iter()
        .filter(|p| {
            let name = fold(p);
            !words.is_empty() && words.iter().all(|w| name.contains(w.as_str()))
        })
        .map(String::as_str)
        .collect()
}

/// The rows `filter` selects, newest first, with the people and kinds of the whole
/// journal to choose from. A date that is not one is refused at its field.
pub fn search(conn: &Connection, filter: &JournalFilter) -> Result<JournalPage> {
    search_with(conn, filter, CHANGES_SHOWN)
}

/// [`search`], each row with its first `changes` changes.
fn search_with(conn: &Connection, filter: &JournalFilter, changes: usize) -> Result<JournalPage> {
    let (from, to) = bounds(filter)?;
    // What the filter looks at, for every row, newest first; the summaries and details
    // (tens of megabytes at 10 000 candidates) are read only for the rows shown.
    let mut stmt = conn.prepare("SELECT id, at, operator, action FROM journal ORDER BY id DESC")?;
    let all = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                JournalKind::of(&r.get::<_, String>(3)?),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The few people who wrote, each once, then in French order (tens of thousands of
    // rows, a handful of names).
    let mut persons: Vec<String> = all
        .iter()
        .map(|(_, _, operator, _)| operator.as_str())
        .collect::<std::collections::HashSet<&str>>()
        .into_iter()
        .map(str::to_owned)
        .collect();
    persons.sort_by_cached_key(|p| (crate::fr::fold(p), p.clone()));
    let kinds: Vec<KindCount> = JournalKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let count = all.iter().filter(|(_, _, _, k)| *k == kind).count() as u32;
            (count > 0).then(|| KindCount {
                kind,
                label: kind.label().to_owned(),
                count,
            })
        })
        .collect();
    let named: Option<Vec<&str>> = filter
        .person
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(|p| persons_named(&persons, p));
    let limit = filter.limit.map(|l| l as usize).unwrap_or(usize::MAX);
    let mut shown_ids = Vec::new();
    let mut matching = 0u32;
    for (id, at, operator, kind) in &all {
        if from.is_some() || to.is_some() {
            let Ok(at) = DateTime::parse_from_rfc3339(at) else {
                continue;
            };
            let at = at.with_timezone(&Utc);
            if from.is_some_and(|f| at < f) || to.is_some_and(|t| at >= t) {
                continue;
            }
        }
        if named
            .as_ref()
            .is_some_and(|n| !n.contains(&operator.as_str()))
        {
            continue;
        }
        if filter.kind.is_some_and(|k| k != *kind) {
            continue;
        }
        matching += 1;
        if shown_ids.len() < limit {
            shown_ids.push(*id);
        }
    }
    Ok(JournalPage {
        description: describe(filter, named.as_deref()),
        rows: rows_by_id(conn, &shown_ids, changes)?,
        matching,
        total: all.len() as u32,
        persons,
        kinds,
    })
}

/// The rows `ids` as shown (with their first `changes` changes), in that order.
fn rows_by_id(conn: &Connection, ids: &[i64], changes: usize) -> Result<Vec<JournalRow>> {
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut stmt = conn.prepare(&format!(
            "SELECT {STORED_COLUMNS} FROM journal WHERE id IN ({})",
            vec!["?"; chunk.len()].join(", ")
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(chunk), stored)?;
        for r in rows {
            let r = r?;
            found.insert(r.id, shown(&r, changes));
        }
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The filter in French, for the screen and the export: « du 01/11/2026 au 30/11/2026,
/// par Claire Dumont, Notation ».
fn describe(filter: &JournalFilter, named: Option<&[&str]>) -> String {
    let day = |t: &str| fr::parse_date(t).map(fr::date_short);
    let mut parts = Vec::new();
    match (day(&filter.from), day(&filter.to)) {
        (Some(f), Some(t)) if f == t => parts.push(format!("le {f}")),
        (Some(f), Some(t)) => parts.push(format!("du {f} au {t}")),
        (Some(f), None) => parts.push(format!("depuis le {f}")),
        (None, Some(t)) => parts.push(format!("jusqu'au {t}")),
        (None, None) => {}
    }
    if let Some(named) = named {
        parts.push(match named {
            [] => format!(
                "par « {} » (aucune personne de ce nom dans le journal)",
                filter.person.as_deref().unwrap_or_default().trim()
            ),
            _ => format!("par {}", named.join(" ou ")),
        });
    }
    if let Some(k) = filter.kind {
        parts.push(k.label().to_owned());
    }
    parts.join(", ")
}

/// Writes the rows `filter` selects (all of them: its limit aside) to `path`, as a CSV
/// for French Excel when its name ends in `.csv`, as an xlsx workbook otherwise. Returns
/// the number of rows written.
pub fn export(
    conn: &Connection,
    filter: &JournalFilter,
    path: &Path,
    title: &str,
) -> Result<usize> {
    let page = search_with(
        conn,
        &JournalFilter {
            limit: None,
            ..filter.clone()
        },
        usize::MAX,
    )?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        write_csv(path, &page)?;
    } else {
        write_xlsx(path, &page, title)?;
    }
    Ok(page.rows.len())
}

const EXPORT_HEADERS: [&str; 6] = ["N°", "Date", "Personne", "Type", "Action", "Modifications"];

/// A row's changes, one per line: « Contingent : 0 → 3 ».
fn changes_text(r: &JournalRow) -> String {
    r.changes
        .iter()
        .map(|c| {
            let shown = |v: &str| {
                if v.is_empty() {
                    "(vide)".to_owned()
                } else {
                    v.to_owned()
                }
            };
            format!("{} : {} → {}", c.field, shown(&c.before), shown(&c.after))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// « 22/11/2026 18:23 », Paris time, as a spreadsheet reads a date and time.
fn paris(at: &str) -> Option<chrono::NaiveDateTime> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.with_timezone(&chrono_tz::Europe::Paris).naive_local())
}

fn write_csv(path: &Path, page: &JournalPage) -> Result<()> {
    use crate::fr::csv_field;
    let mut out = String::from("\u{feff}");
    out.push_str(&EXPORT_HEADERS.join(";"));
    out.push_str("\r\n");
    for r in &page.rows {
        let when = paris(&r.at)
            .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
            .unwrap_or_else(|| r.at.clone());
        let cells = [
            r.id.to_string(),
            when,
            r.operator.clone(),
            r.kind_label.clone(),
            r.summary.clone(),
            changes_text(r),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(";"),
        );
        out.push_str("\r\n");
    }
    std::fs::write(path, out).map_err(|e| Error::io(path, e))
}

/// Excel refuses a cell longer than this (characters).
const EXCEL_CELL_MAX: usize = 32_767;

/// `text` as one spreadsheet cell: a longer text (the journal line of a batch of thousands
/// of scores) is cut before Excel's limit, saying so; the CSV export keeps it whole.
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= EXCEL_CELL_MAX {
        return text.into();
    }
    let lines = text.lines().count();
    let mut kept = String::new();
    let mut shown = 0;
    for line in text.lines() {
        if kept.chars().count() + line.chars().count() + 1 > EXCEL_CELL_MAX - 200 {
            break;
        }
        kept.push_str(line);
        kept.push('\n');
        shown += 1;
    }
    kept.push_str(&format!(
        "… {} de plus : trop long pour une cellule d'Excel ; l'export en CSV les donne toutes.",
        fr::count(lines - shown, "ligne", "lignes")
    ));
    kept.into()
}

fn write_xlsx(path: &Path, page: &JournalPage, title: &str) -> Result<()> {
    use chrono::{Datelike, Timelike};
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign};
    let err = |e| Error::xlsx(path, e);
    let mut wb = crate::files::workbook();
    let bold = Format::new().set_bold();
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let when = Format::new()
        .set_num_format("dd/mm/yyyy hh:mm")
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);
    let ws = wb.add_worksheet();
    ws.set_name("Journal").map_err(err)?;
    for (c, h) in EXPORT_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
    }
    for (c, w) in [7.0, 17.0, 28.0, 14.0, 70.0, 60.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(err)?;
    }
    for (i, r) in page.rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number_with_format(row, 0, r.id as f64, &top)
            .map_err(err)?;
        let stamp = paris(&r.at).and_then(|t| {
            ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)
                .and_then(|d| d.and_hms(t.hour() as u16, t.minute() as u8, t.second()))
                .ok()
        });
        match stamp {
            Some(d) => ws
                .write_datetime_with_format(row, 1, &d, &when)
                .map_err(err)?,
            None => ws
                .write_string_with_format(row, 1, &r.at, &top)
                .map_err(err)?,
        };
        ws.write_string_with_format(row, 2, &r.operator, &top)
            .map_err(err)?;
        ws.write_string_with_format(row, 3, &r.kind_label, &top)
            .map_err(err)?;
        ws.write_string_with_format(row, 4, fit_cell(&r.summary).as_ref(), &wrap)
            .map_err(err)?;
        let changes = changes_text(r);
        if !changes.is_empty() {
            ws.write_string_with_format(row, 5, fit_cell(&changes).as_ref(), &wrap)
                .map_err(err)?;
        }
    }
    ws.autofilter(
        0,
        0,
        page.rows.len() as u32,
        EXPORT_HEADERS.len() as u16 - 1,
    )
    .map_err(err)?;
    ws.set_freeze_panes(1, 0).map_err(err)?;
    // What was exported, and from where: the workbook may travel without the campaign.
    let about = wb.add_worksheet();
    about.set_name("Filtre").map_err(err)?;
    about.set_column_width(0, 22.0).map_err(err)?;
    about.set_column_width(1, 70.0).map_err(err)?;
    let now = fr::timestamp(&Utc::now().to_rfc3339());
    let lines = [
        ("Campagne", title.to_owned()),
        ("Exporté le", now),
        (
            "Filtre",
            if page.description.is_empty() {
                "aucun (tout le journal)".to_owned()
            } else {
                page.description.clone()
            },
        ),
        ("Entrées", format!("{} sur {}", page.rows.len(), page.total)),
    ];
    for (i, (k, v)) in lines.iter().enumerate() {
        about
            .write_string_with_format(i as u32, 0, *k, &bold)
            .map_err(err)?;
        about.write_string(i as u32, 1, v).map_err(err)?;
    }
    wb.save(path).map_err(err)
}

/// Now, in UTC, as every record of the file stores it (RFC 3339, to the second).
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cell_longer_than_excel_allows_is_cut_saying_so() {
        let short = "Note : 3 → 4";
        assert_eq!(super::fit_cell(short), short);
        let long: String = (0..3_000)
            .map(|i| format!("Note du candidat n° {i} : 3 → 4\n"))
            .collect();
        let cut = super::fit_cell(long.trim_end());
        assert!(cut.chars().count() <= super::EXCEL_CELL_MAX);
        assert!(cut.starts_with("Note du candidat n° 0 : 3 → 4\n"));
        assert!(
            cut.ends_with(
                "de plus : trop long pour une cellule d'Excel ; l'export en CSV les donne toutes."
            ),
            "{}",
            &cut[cut.len() - 200..]
        );
    }

    use super::*;

    /// An allocation's lists at national scale: the screen shows their start, cut after a
    /// name, and says the export has them; the export has them whole.
    #[test]
    fn a_long_value_is_cut_on_the_screen_and_whole_in_the_export() {
        let names: Vec<String> = (0..1_667).map(|i| format!("MARTIN-{i} Léa")).collect();
        let lists = format!("principale : {}", names.join(", "));
        let details = serde_json::to_string(&vec![Change {
            field: "Étudiants — médecine".into(),
            before: String::new(),
            after: lists.clone(),
        }])
        .expect("json");
        let stored = Stored {
            id: 1,
            at: "2027-01-15T10:00:00Z".into(),
            operator: "Claire Dumont".into(),
            action: "allocation.run".into(),
            summary: "Attribution n° 1".into(),
            details,
            reference: None,
            hash: None,
        };
        let screen = &shown(&stored, CHANGES_SHOWN).changes[0].after;
        assert!(
            screen.chars().count() < VALUE_SHOWN + 50,
            "{}",
            screen.len()
        );
        assert!(
            screen.starts_with("principale : MARTIN-0 Léa, MARTIN-1 Léa, ")
                && screen.ends_with(" Léa … (la suite dans l'export du journal)"),
            "{screen}"
        );
        assert_eq!(shown(&stored, usize::MAX).changes[0].after, lists);
        // A short value is shown whole.
        let mut short = "principale : MARTIN Léa".to_owned();
        clipped(&mut short);
        assert_eq!(short, "principale : MARTIN Léa");
    }

    /// Every action code the sources journal has a kind: a new prefix must be placed
    /// (or the journal's filter would file it under « Autres »).
    #[test]
    fn every_action_written_has_a_kind() {
        fn walk(dir: &Path, codes: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, codes);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source");
                    for marker in ["Entry::new(", "action: \""] {
                        for (at, _) in text.match_indices(marker) {
                            let rest = text[at + marker.len()..].trim_start();
                            let rest = rest.strip_prefix('"').unwrap_or(rest);
                            let code: String = rest
                                .chars()
                                .take_while(|c| c.is_ascii_lowercase() || *c == '.' || *c == '_')
                                .collect();
                            if code.contains('.') {
                                codes.push(code);
                            }
                        }
                    }
                }
            }
        }
        let mut codes = Vec::new();
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut codes,
        );
        assert!(codes.len() > 30, "the scan found the actions: {codes:?}");
        assert!(codes.contains(&"score.set".to_owned()));
        let unknown: Vec<&String> = codes
            .iter()
            .filter(|c| JournalKind::of(c) == JournalKind::Other)
            .collect();
        assert!(unknown.is_empty(), "actions without a kind: {unknown:?}");
    }

    #[test]
    fn kinds_are_named_by_code_or_french_label() {
        assert_eq!(
            JournalKind::parse("notation").ok(),
            Some(JournalKind::Scoring)
        );
        assert_eq!(
            JournalKind::parse("Procès-verbal").ok(),
            Some(JournalKind::Minutes)
        );
        assert_eq!(
            JournalKind::parse("PROCES-VERBAL").ok(),
            Some(JournalKind::Minutes)
        );
        assert_eq!(
            JournalKind::parse("scoring").ok(),
            Some(JournalKind::Scoring)
        );
        let e = JournalKind::parse("notes de frais").expect_err("unknown");
        assert!(e.to_string().contains("scoring (Notation)"), "{e}");
    }

    #[test]
    fn a_person_is_named_exactly_or_by_words() {
        let persons = vec![
            "Claire".to_owned(),
            "Claire Dumont, secrétaire".to_owned(),
            "Pr Jean-Marc Lefebvre".to_owned(),
        ];
        assert_eq!(persons_named(&persons, "Claire"), vec!["Claire"]);
        assert_eq!(
            persons_named(&persons, "dumont secretaire"),
            vec!["Claire Dumont, secrétaire"]
        );
        assert_eq!(
            persons_named(&persons, "lefebvre"),
            vec!["Pr Jean-Marc Lefebvre"]
        );
        assert!(persons_named(&persons, "Martin").is_empty());
    }
}
