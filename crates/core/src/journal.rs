//! The audit journal: who did what, when, with the values before and after.
//! Append-only: triggers in the schema refuse any update or deletion.

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use crate::error::Result;
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
    /// One French sentence.
    pub summary: String,
    /// The fields changed, before and after.
    pub changes: Vec<Change>,
    /// What the action concerns (the import batch of an import).
    pub reference: Option<i64>,
}

pub(crate) fn append(tx: &Transaction, operator: &str, entry: &Entry) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let details = serde_json::to_string(&entry.changes).unwrap_or_else(|_| "[]".to_owned());
    tx.execute(
        "INSERT INTO journal (at, operator, action, summary, details, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![now, operator, entry.action, entry.summary, details, entry.reference],
    )?;
    Ok(())
}

/// The latest `limit` rows, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<JournalRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, operator, action, summary, details, reference FROM journal ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        let at: String = r.get(1)?;
        let details: String = r.get(5)?;
        Ok(JournalRow {
            id: r.get(0)?,
            at_display: fr::timestamp(&at),
            at,
            operator: r.get(2)?,
            action: r.get(3)?,
            summary: r.get(4)?,
            changes: serde_json::from_str(&details).unwrap_or_default(),
            reference: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
