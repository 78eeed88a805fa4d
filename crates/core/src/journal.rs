//! The audit journal: who did what, when, with the values before and after.
//! Append-only: triggers in the schema refuse any update or deletion.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
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
    format!("{:x}", h.finalize())
}

fn stored_rows(conn: &Connection, after: i64) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, operator, action, summary, details, reference, hash FROM journal WHERE id > ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([after], |r| {
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
    })?;
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

/// Now, in UTC, as every record of the file stores it (RFC 3339, to the second).
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
