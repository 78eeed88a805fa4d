//! Recusals: members who take no part in the decision on a candidate (their scores for
//! that candidate withdrawn and kept in the journal).

use crate::Refusal;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::check_unlocked;
use super::members::member_name;
use crate::campaign::Campaign;
use crate::candidate::name_of as candidate_name;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::now;
use crate::journal::{Change, Entry};

/// A recusal: a member who takes no part in the decision on a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Recusal {
    /// The member.
    pub member_id: i64,
    /// Their name.
    pub member_name: String,
    /// The candidate.
    pub candidate_id: i64,
    /// Their name.
    pub candidate_name: String,
    /// Why ("directeur de thèse du candidat").
    pub reason: String,
    /// When it was declared (French).
    pub at_display: String,
}

/// Every recusal, by candidate then member.
pub fn recusals(conn: &Connection) -> Result<Vec<Recusal>> {
    let mut stmt = conn.prepare(
        "SELECT r.member, m.name, r.candidate, c.last_name || ' ' || c.first_names, r.reason, r.at \
         FROM recusal r JOIN member m ON m.id = r.member JOIN candidate c ON c.id = r.candidate \
         ORDER BY c.last_name, c.first_names, m.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Recusal {
            member_id: r.get(0)?,
            member_name: r.get(1)?,
            candidate_id: r.get(2)?,
            candidate_name: r.get(3)?,
            reason: r.get(4)?,
            at_display: fr::timestamp(&r.get::<_, String>(5)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Campaign {
    /// Every recusal.
    pub fn recusals(&self) -> Result<Vec<Recusal>> {
        recusals(self.conn())
    }

    /// How many scores `member` gave `candidate`: what declaring the member recused for
    /// the candidate would withdraw.
    pub fn scores_given(&self, member: i64, candidate: i64) -> Result<usize> {
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM score WHERE member = ?1 AND candidate = ?2",
            params![member, candidate],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or_default())
    }

    /// Declares a conflict of interest: the member takes no part in the decision on the
    /// candidate. Scores the member already gave that candidate are withdrawn (and kept in
    /// the journal). Returns how many scores were withdrawn.
    pub fn add_recusal(
        &mut self,
        member: i64,
        candidate: i64,
        reason: &str,
        operator: &str,
    ) -> Result<usize> {
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "reason",
                "« Motif » est obligatoire : indiquez la nature du conflit d'intérêts (par exemple « lien familial »).",
            )]));
        }
        self.store().write(operator, |tx| {
            let m = member_name(tx, member)?;
            let c = candidate_name(tx, candidate)?;
            check_unlocked(tx, candidate)?;
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM recusal WHERE member = ?1 AND candidate = ?2",
                    params![member, candidate],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Err(Error::Refused(
                    Refusal::AlreadyRecused,
                    format!("{m} est déjà déporté(e) pour {c}."),
                ));
            }
            let mut withdrawn = Vec::new();
            {
                let mut stmt = tx.prepare(
                    "SELECT k.label, s.value FROM score s JOIN criterion k ON k.id = s.criterion \
                     WHERE s.member = ?1 AND s.candidate = ?2 ORDER BY k.position",
                )?;
                let rows = stmt.query_map(params![member, candidate], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })?;
                for row in rows {
                    withdrawn.push(row?);
                }
            }
            tx.execute(
                "DELETE FROM score WHERE member = ?1 AND candidate = ?2",
                params![member, candidate],
            )?;
            tx.execute(
                "INSERT INTO recusal (member, candidate, reason, at) VALUES (?1, ?2, ?3, ?4)",
                params![member, candidate, reason, now()],
            )?;
            let mut entry = Entry::new(
                "recusal.add",
                format!("Déport : {m} ne prend pas part à la décision sur {c} (motif : {reason})."),
            );
            for (label, value) in &withdrawn {
                entry.changes.push(Change {
                    field: format!("Note retirée — {label}"),
                    before: fr::number(*value as f64 / 100.0, 2),
                    after: String::new(),
                });
            }
            entry.reference = Some(candidate);
            Ok((withdrawn.len(), Some(entry)))
        })
    }

    /// Lifts a recusal declared by mistake.
    pub fn remove_recusal(&mut self, member: i64, candidate: i64, operator: &str) -> Result<()> {
        self.store().write(operator, |tx| {
            let m = member_name(tx, member)?;
            let c = candidate_name(tx, candidate)?;
            check_unlocked(tx, candidate)?;
            let n = tx.execute(
                "DELETE FROM recusal WHERE member = ?1 AND candidate = ?2",
                params![member, candidate],
            )?;
            if n == 0 {
                return Err(Error::Missing {
                    what: format!("Le déport de {m} pour {c}"),
                });
            }
            Ok((
                (),
                Some(Entry::new(
                    "recusal.remove",
                    format!("Déport levé : {m} peut de nouveau se prononcer sur {c}."),
                )),
            ))
        })
    }
}
