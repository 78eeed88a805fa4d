//! Validating a candidate's scores (only when complete) and unlocking them with a reason.

use crate::Refusal;
use rusqlite::params;
use serde::Serialize;

use super::ranking;
use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr::tidy;
use crate::journal::now;
use crate::journal::{Change, Entry};

/// The result of validating scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LockReport {
    /// Candidates validated now.
    pub locked: i64,
    /// Candidates left as they were, each with why ("DUPONT Marie : 2 notes manquent").
    pub skipped: Vec<String>,
}

impl Campaign {
    /// Validates the scores of `candidates` (all candidates with a hearing when empty).
    /// A candidate whose scores are incomplete is skipped with the reason; validating a
    /// single incomplete candidate is refused.
    pub fn lock_scores(&mut self, candidates: &[i64], operator: &str) -> Result<LockReport> {
        let ranking = self.scores_ranking()?;
        let locked = self.locked_scores()?;
        let results: Vec<&ranking::CandidateResult> =
            ranking.groups.iter().flat_map(|g| g.rows.iter()).collect();
        let targets: Vec<&ranking::CandidateResult> = if candidates.is_empty() {
            results
                .iter()
                .copied()
                .filter(|r| {
                    r.status != ranking::Status::NotHeard && !locked.contains(&r.candidate_id)
                })
                .collect()
        } else {
            let mut t = Vec::new();
            for id in candidates {
                t.push(
                    *results
                        .iter()
                        .find(|r| r.candidate_id == *id)
                        .ok_or_else(|| Error::Missing {
                            what: format!("Le candidat n° {id}"),
                        })?,
                );
            }
            t
        };
        let mut skipped = Vec::new();
        let mut ready = Vec::new();
        for r in targets {
            if locked.contains(&r.candidate_id) {
                continue;
            }
            if r.status != ranking::Status::Complete {
                skipped.push(format!("{} : {}", r.display_name, r.missing.join(" ; ")));
            } else {
                ready.push((
                    r.candidate_id,
                    r.display_name.clone(),
                    r.total_display.clone(),
                ));
            }
        }
        if candidates.len() == 1 && !skipped.is_empty() {
            return Err(Error::Refused(
                Refusal::ScoresIncomplete,
                format!(
                    "Les notes ne peuvent pas être validées : {}. Complétez-les d'abord.",
                    skipped.join(" ; ")
                ),
            ));
        }
        self.store().write(operator, |tx| {
            let at = now();
            for (id, _, _) in &ready {
                tx.execute(
                    "INSERT OR IGNORE INTO score_lock (candidate, at, operator) VALUES (?1, ?2, ?3)",
                    params![id, at, operator],
                )?;
            }
            let report = LockReport { locked: ready.len() as i64, skipped: skipped.clone() };
            if ready.is_empty() {
                return Ok((report, None));
            }
            let mut entry = Entry::new(
                "scores.lock",
                match ready.as_slice() {
                    [(_, name, total)] => format!("Notes de {name} validées (total {total})."),
                    _ => format!("Notes validées pour {} candidats.", crate::fr::integer(ready.len())),
                },
            );
            for (_, name, total) in &ready {
                entry.changes.push(Change { field: name.clone(), before: String::new(), after: format!("Validé — total {total}") });
            }
            if let [(id, _, _)] = ready.as_slice() {
                entry.reference = Some(*id);
            }
            Ok((report, Some(entry)))
        })
    }

    /// Unlocks a candidate's validated scores, with a reason.
    pub fn unlock_scores(&mut self, candidate: i64, reason: &str, operator: &str) -> Result<()> {
        let reason = tidy(reason);
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "reason",
                "« Motif » est obligatoire : indiquez pourquoi les notes validées sont rouvertes.",
            )]));
        }
        self.store().write(operator, |tx| {
            let name = crate::candidate::get(tx, candidate)
                .map_err(|_| Error::Missing {
                    what: format!("Le candidat n° {candidate}"),
                })?
                .display_name;
            let n = tx.execute("DELETE FROM score_lock WHERE candidate = ?1", [candidate])?;
            if n == 0 {
                return Err(Error::Refused(
                    Refusal::ScoresNotValidated,
                    format!("Les notes de {name} ne sont pas validées : rien à déverrouiller."),
                ));
            }
            let mut entry = Entry::new(
                "scores.unlock",
                format!("Notes de {name} déverrouillées — motif : {reason}."),
            );
            entry.reference = Some(candidate);
            Ok(((), Some(entry)))
        })
    }
}
