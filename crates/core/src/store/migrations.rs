//! The schema of a campaign file: its ordered migrations, one SQL file each under
//! `migrations/`, and how they are applied.

use std::path::Path;

use rusqlite::{Connection, Transaction};

use super::APPLICATION_ID;
use crate::error::Result;
use crate::journal;

/// The ordered list of schema migrations. Never edit a published entry: add a new one.
/// The schema version of a file is the number of entries applied (`PRAGMA user_version`).
pub const MIGRATIONS: &[&str] = &[
    // 1: the campaign, its quotas and the append-only journal.
    include_str!("migrations/0001_campaign_and_journal.sql"),
    // 2: candidates and commission members.
    include_str!("migrations/0002_candidates_and_members.sql"),
    // 3: imports (each a batch that can be undone) and what each candidate last received
    // from a file, to tell the user's own edits from imported values.
    include_str!("migrations/0003_imports.sql"),
    // 4: the commission at work: its rules, sittings and presence, recusals, the scoring
    // grid (with a default one), the scores and their validation. Values, scales and
    // weights are stored in hundredths so totals are exact and reproducible to the cent.
    include_str!("migrations/0004_commission.sql"),
    // 5: dossiers: the campaign's checklist of pieces (with the defaults of the texts),
    // each candidate's pieces, attachments kept in the file (deduplicated by SHA-256),
    // eligibility overrides, and how long to keep the data of candidates not retained.
    include_str!("migrations/0005_dossiers.sql"),
    // 6: allocation of the contracts: the gates and the tie-break chain, quotas restricted
    // to specialties, recorded tie votes, the commission's overrides, withdrawals, and
    // every run kept in the history.
    include_str!("migrations/0006_allocation.sql"),
    // 7: the minutes, sealed version by version; while a version is sealed, the facts it
    // states cannot change (triggers), unless the minutes are reopened (or a purge runs,
    // which says so through `seal_bypass` inside its own transaction).
    include_str!("migrations/0007_minutes.sql"),
    // 8: the interview plan: its settings, days, juries, unavailabilities, preferences and
    // the interviews themselves (pinned ones kept when planning again).
    include_str!("migrations/0008_interview_plan.sql"),
    // 9: how the academic block of PADHUE candidates (no French university results) is
    // assessed: waived with the other blocks brought to the full total, or scored by the
    // commission on their diploma and experience.
    include_str!("migrations/0009_padhue_academic.sql"),
    // 10: the minutes signed electronically: the PDF as it was before the first signature
    // of a version, then each member's signature as the incremental update it appended
    // (never rewritten, never deleted: they are part of the record).
    include_str!("migrations/0010_minutes_signatures.sql"),
    // 11: e-mail: the faculty's SMTP server and sender (the password is in the system's
    // keyring, never here), and every message sent or refused, by batch (never changed,
    // never deleted: what went to whom is part of the record).
    include_str!("migrations/0011_mail.sql"),
    // 12: each candidate's convocations as they went out (written or e-mailed), numbered
    // from 0: the appointment, or none for a cancellation. A replan after convocations is
    // measured against the latest, and only what changed gets an amended convocation
    // (its calendar event keeping its UID with a higher SEQUENCE). Append-only.
    include_str!("migrations/0012_convocations_issued.sql"),
];

/// The newest schema version this build reads and writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies the migrations after `from` inside `tx` and records the new version.
pub(super) fn migrate(tx: &Transaction, from: i64) -> Result<()> {
    for sql in MIGRATIONS.iter().skip(from as usize) {
        tx.execute_batch(sql)?;
    }
    journal::chain_unhashed(tx)?;
    tx.pragma_update(None, "user_version", latest_version())?;
    Ok(())
}

/// Builds a file at an earlier schema version, for the upgrade tests.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: usize) -> Result<()> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    let tx = conn.transaction()?;
    for sql in &MIGRATIONS[..version] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", version as i64)?;
    tx.commit()?;
    Ok(())
}
