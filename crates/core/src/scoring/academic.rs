//! The academic results computed from imported data (yearly averages and class rank),
//! their documented formula, and the commission's motivated corrections.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::cents::{parse_cents, points, show_cents};
use super::grid::{Criterion, Grid, Source};
use crate::campaign::Campaign;
use crate::commission::check_unlocked;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::fr::tidy;
use crate::journal::{Change, Entry};

/// A candidate's academic value for an academic criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AcademicValue {
    /// The candidate.
    pub candidate_id: i64,
    /// The criterion.
    pub criterion_id: i64,
    /// The value used (override, else computed); none when data is missing.
    pub value: Option<f64>,
    /// The computed value.
    pub computed: Option<f64>,
    /// How it was computed, in French, with the candidate's numbers.
    pub formula: String,
    /// The override's reason, when overridden.
    pub override_reason: Option<String>,
    /// The criterion's highest value ("5").
    pub scale_max: f64,
    /// Its weight in the total ("2").
    pub weight: f64,
    /// What the value brings to the total once weighted, in French, counted in hundredths
    /// as the ranking counts ("7,5"); none when the value is missing.
    pub points: Option<String>,
}

/// The documented formula for the academic results, in French.
pub const ACADEMIC_FORMULA: &str = "Deux indicateurs, chacun ramené entre 0 et 1 : (a) la moyenne des moyennes annuelles N-1 et N-2 disponibles, divisée par 20 ; (b) le rang de classement dans la promotion (ou aux épreuves nationales), converti en centile : (effectif − rang + 1) / effectif. La note est la moyenne des indicateurs disponibles multipliée par la note maximale du critère, arrondie au centième. Sans aucun indicateur, la note manque : la commission la saisit comme correction motivée.";

/// Computes a candidate's academic value (in hundredths) from the imported data.
pub fn academic_value(
    data: &crate::candidate::CandidateData,
    max_cents: i64,
) -> (Option<i64>, String) {
    let mut parts: Vec<f64> = Vec::new();
    let mut text: Vec<String> = Vec::new();
    let averages: Vec<(&str, f64)> = [("N-1", data.average_n1), ("N-2", data.average_n2)]
        .into_iter()
        .filter_map(|(l, v)| v.filter(|v| (0.0..=20.0).contains(v)).map(|v| (l, v)))
        .collect();
    if !averages.is_empty() {
        let mean = averages.iter().map(|(_, v)| v).sum::<f64>() / averages.len() as f64;
        let shown: Vec<String> = averages
            .iter()
            .map(|(l, v)| format!("{l} {}", fr::number(*v, 2)))
            .collect();
        text.push(format!(
            "moyennes {} → {} / 20 = {} %",
            shown.join(" et "),
            fr::number(mean, 2),
            fr::number(mean / 20.0 * 100.0, 1)
        ));
        parts.push(mean / 20.0);
    }
    if let (Some(rank), Some(size)) = (data.national_rank, data.cohort_size) {
        if rank >= 1 && size >= rank {
            let p = (size - rank + 1) as f64 / size as f64;
            text.push(format!(
                "rang {} sur {} → {} %",
                fr::integer(rank),
                fr::integer(size),
                fr::number(p * 100.0, 1)
            ));
            parts.push(p);
        }
    }
    if parts.is_empty() {
        return (
            None,
            "Ni moyennes annuelles ni rang de classement : la note manque ; saisissez une correction motivée.".to_owned(),
        );
    }
    let f = parts.iter().sum::<f64>() / parts.len() as f64;
    let v = (f * max_cents as f64).round() as i64;
    let combined = if parts.len() > 1 {
        format!(" ; moyenne des deux : {} %", fr::number(f * 100.0, 1))
    } else {
        String::new()
    };
    (
        Some(v),
        format!(
            "{}{combined} ; × {} = {}",
            text.join(" ; "),
            show_cents(max_cents),
            show_cents(v)
        ),
    )
}

/// Every candidate's academic values.
pub fn academic_values(conn: &Connection, grid: &Grid) -> Result<Vec<AcademicValue>> {
    academic_values_of(conn, grid, &crate::candidate::list(conn)?)
}

/// The academic values of `candidates` (read once by the caller).
pub(crate) fn academic_values_of(
    conn: &Connection,
    grid: &Grid,
    candidates: &[crate::candidate::CandidateRow],
) -> Result<Vec<AcademicValue>> {
    let overrides: Vec<(i64, i64, i64, String)> = {
        let mut stmt =
            conn.prepare("SELECT candidate, criterion, value, reason FROM academic_override")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    let academic: Vec<&Criterion> = grid
        .criteria()
        .filter(|c| c.source == Source::Academic)
        .collect();
    if academic.is_empty() {
        return Ok(out);
    }
    for cand in candidates {
        for c in &academic {
            let (computed, formula) = academic_value(&cand.data, c.max_cents());
            let o = overrides
                .iter()
                .find(|(cid, kid, _, _)| *cid == cand.id && *kid == c.id);
            out.push(AcademicValue {
                candidate_id: cand.id,
                criterion_id: c.id,
                value: o.map(|o| o.2).or(computed).map(points),
                points: o
                    .map(|o| o.2)
                    .or(computed)
                    .map(|v| show_cents(v * super::cents(c.weight) / 100)),
                computed: computed.map(points),
                formula,
                override_reason: o.map(|o| o.3.clone()),
                scale_max: c.scale_max,
                weight: c.weight,
            });
        }
    }
    Ok(out)
}

impl Campaign {
    /// Every candidate's academic values for the academic criteria.
    pub fn academic_values(&self) -> Result<Vec<AcademicValue>> {
        academic_values(self.conn(), &self.grid()?)
    }

    /// Corrects a computed academic value, with a reason (`value` empty: back to the
    /// computed value).
    pub fn set_academic_override(
        &mut self,
        candidate: i64,
        criterion: i64,
        value: &str,
        reason: &str,
        operator: &str,
    ) -> Result<()> {
        let grid = self.grid()?;
        let c = grid
            .criterion(criterion)
            .filter(|c| c.source == Source::Academic)
            .ok_or_else(|| Error::Missing {
                what: format!("Le critère calculé n° {criterion}"),
            })?
            .clone();
        let reason = tidy(reason);
        let value = if value.trim().is_empty() {
            None
        } else {
            let range = format!(
                "saisissez une note entre 0 et {}",
                show_cents(c.max_cents())
            );
            let v = parse_cents(value)
                .filter(|v| (0..=c.max_cents()).contains(v))
                .ok_or_else(|| {
                    Error::Validation(vec![FieldIssue::new(
                        "value",
                        format!(
                            "« {} » : « {} » n'est pas une note possible ; {range}.",
                            c.label,
                            value.trim()
                        ),
                    )])
                })?;
            if reason.is_empty() {
                return Err(Error::Validation(vec![FieldIssue::new(
                    "reason",
                    "« Motif » est obligatoire : indiquez pourquoi la valeur calculée est corrigée.",
                )]));
            }
            Some(v)
        };
        self.store().write(operator, |tx| {
            let cand = crate::candidate::get(tx, candidate)
                .map_err(|_| Error::Missing { what: format!("Le candidat n° {candidate}") })?;
            check_unlocked(tx, candidate)?;
            let before: Option<(i64, String)> = tx
                .query_row(
                    "SELECT value, reason FROM academic_override WHERE candidate = ?1 AND criterion = ?2",
                    params![candidate, criterion],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (computed, _) = academic_value(&cand.data, c.max_cents());
            let shown = |v: Option<i64>| v.map(show_cents).unwrap_or_else(|| "non calculable".into());
            let before_v = before.as_ref().map(|b| b.0).or(computed);
            match value {
                Some(v) => {
                    tx.execute(
                        "INSERT INTO academic_override (candidate, criterion, value, reason) VALUES (?1, ?2, ?3, ?4) \
                         ON CONFLICT (candidate, criterion) DO UPDATE SET value = excluded.value, reason = excluded.reason",
                        params![candidate, criterion, v, reason],
                    )?;
                }
                None => {
                    if before.is_none() {
                        return Ok(((), None));
                    }
                    tx.execute(
                        "DELETE FROM academic_override WHERE candidate = ?1 AND criterion = ?2",
                        params![candidate, criterion],
                    )?;
                }
            }
            let after_v = value.or(computed);
            let summary = match value {
                Some(_) => format!(
                    "{} corrigé pour {} : {} (calculé : {}) — motif : {reason}.",
                    c.label, cand.display_name, shown(after_v), shown(computed)
                ),
                None => format!("{} de {} : retour à la valeur calculée ({}).", c.label, cand.display_name, shown(computed)),
            };
            let mut entry = Entry::new("academic.override", summary);
            entry.changes.push(Change { field: c.label.clone(), before: shown(before_v), after: shown(after_v) });
            entry.reference = Some(candidate);
            Ok(((), Some(entry)))
        })
    }
}
