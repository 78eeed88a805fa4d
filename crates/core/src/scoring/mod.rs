//! Scoring: the grid (blocks, criteria, scales, weights), the members' scores, the
//! academic results computed from imported data, and the aggregation into totals.
//!
//! Values, scales and weights are integers in hundredths ("cents"): sums are exact, so a
//! total does not depend on the order members were entered and is reproducible to the
//! cent.

pub mod cells;
pub mod ranking;
pub mod sheets;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::campaign::Campaign;
use crate::commission::{self, check_unlocked, Attendance};
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{Change, Entry};

pub use ranking::{aggregate, Ranking};

/// The three blocks of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BlockCode {
    /// The professional project.
    Project,
    /// The academic results.
    Academic,
    /// The interview.
    Interview,
}

impl BlockCode {
    /// In grid order.
    pub const ALL: [BlockCode; 3] = [
        BlockCode::Project,
        BlockCode::Academic,
        BlockCode::Interview,
    ];

    fn code(self) -> &'static str {
        match self {
            BlockCode::Project => "project",
            BlockCode::Academic => "academic",
            BlockCode::Interview => "interview",
        }
    }

    fn from_code(s: &str) -> BlockCode {
        match s {
            "academic" => BlockCode::Academic,
            "interview" => BlockCode::Interview,
            _ => BlockCode::Project,
        }
    }
}

/// Who gives a criterion's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Each voting member scores it.
    Members,
    /// Computed from the imported academic data (overridable with a reason).
    Academic,
}

/// One criterion of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Criterion {
    /// Identifier.
    pub id: i64,
    /// Its block.
    pub block: BlockCode,
    /// "Motivation et engagement".
    pub label: String,
    /// Who gives the value.
    pub source: Source,
    /// Highest value (lowest is 0).
    pub scale_max: f64,
    /// Values are multiples of the step.
    pub step: f64,
    /// Weight in the total.
    pub weight: f64,
    /// What a low value means.
    pub low: String,
    /// What a middle value means.
    pub middle: String,
    /// What a high value means.
    pub high: String,
    /// "de 0 à 5, par pas de 0,5 — coefficient 1".
    pub scale_display: String,
}

impl Criterion {
    pub(crate) fn max_cents(&self) -> i64 {
        cents(self.scale_max)
    }
    pub(crate) fn step_cents(&self) -> i64 {
        cents(self.step)
    }
    pub(crate) fn weight_cents(&self) -> i64 {
        cents(self.weight)
    }
    /// Points this criterion adds to the total at most.
    pub fn max_points(&self) -> f64 {
        (self.max_cents() * self.weight_cents()) as f64 / 10_000.0
    }
}

/// A block of criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Block {
    /// Which block.
    pub code: BlockCode,
    /// "Projet professionnel".
    pub label: String,
    /// Its criteria, in order.
    pub criteria: Vec<Criterion>,
    /// Highest possible points of the block.
    pub max_points: f64,
}

/// The scoring grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Grid {
    /// The three blocks.
    pub blocks: Vec<Block>,
    /// Highest possible total.
    pub max_total: f64,
    /// "40" (French).
    pub max_total_display: String,
    /// Fingerprint of the grid, to recognise a scoring sheet made for it.
    pub fingerprint: String,
    /// Scores exist: changing the grid needs a reset first.
    pub locked_by_scores: bool,
}

impl Grid {
    /// Every criterion, in grid order.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.blocks.iter().flat_map(|b| b.criteria.iter())
    }

    /// The criterion with this id.
    pub fn criterion(&self, id: i64) -> Option<&Criterion> {
        self.criteria().find(|c| c.id == id)
    }
}

pub(crate) fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

pub(crate) fn points(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// Parses a decimal typed in French or English ("3,5", "3.5", " 4 "), to hundredths.
/// More than two decimals is refused.
pub fn parse_cents(text: &str) -> Option<i64> {
    let t = text.trim().replace(',', ".").replace(['\u{a0}', ' '], "");
    if t.is_empty() || t.starts_with('+') {
        return None;
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, f),
        None => (t.as_str(), ""),
    };
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let negative = int.starts_with('-');
    let digits = int.trim_start_matches('-');
    if (digits.is_empty() && frac.is_empty())
        || !digits.chars().all(|c| c.is_ascii_digit())
        || digits.len() > 9
    {
        return None;
    }
    let i: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let f: i64 = format!("{frac:0<2}").parse().ok()?;
    let v = i * 100 + f;
    Some(if negative { -v } else { v })
}

/// A value in hundredths, in French ("3,5").
pub fn show_cents(v: i64) -> String {
    fr::number(points(v), 2)
}

fn scale_display(max: i64, step: i64, weight: i64, source: Source) -> String {
    let coefficient = format!("coefficient {}", show_cents(weight));
    match source {
        Source::Members => format!(
            "de 0 à {}, par pas de {} — {coefficient}",
            show_cents(max),
            show_cents(step)
        ),
        Source::Academic => format!(
            "de 0 à {}, calculé à partir des résultats — {coefficient}",
            show_cents(max)
        ),
    }
}

/// Reads the grid.
pub fn grid(conn: &Connection) -> Result<Grid> {
    let mut blocks: Vec<Block> = {
        let mut stmt = conn.prepare("SELECT id, code, label FROM grid_block ORDER BY position")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (_, code, label) = row?;
            out.push(Block {
                code: BlockCode::from_code(&code),
                label,
                criteria: Vec::new(),
                max_points: 0.0,
            });
        }
        out
    };
    let mut stmt = conn.prepare(
        "SELECT k.id, b.code, k.label, k.source, k.scale_max, k.step, k.weight, k.low, k.middle, k.high \
         FROM criterion k JOIN grid_block b ON b.id = k.block ORDER BY b.position, k.position, k.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let source = if r.get::<_, String>(3)? == "academic" {
            Source::Academic
        } else {
            Source::Members
        };
        let (max, step, weight): (i64, i64, i64) = (r.get(4)?, r.get(5)?, r.get(6)?);
        Ok(Criterion {
            id: r.get(0)?,
            block: BlockCode::from_code(&r.get::<_, String>(1)?),
            label: r.get(2)?,
            source,
            scale_max: points(max),
            step: points(step),
            weight: points(weight),
            low: r.get(7)?,
            middle: r.get(8)?,
            high: r.get(9)?,
            scale_display: scale_display(max, step, weight, source),
        })
    })?;
    for c in rows {
        let c = c?;
        if let Some(b) = blocks.iter_mut().find(|b| b.code == c.block) {
            b.criteria.push(c);
        }
    }
    let mut hasher = Sha256::new();
    let mut total = 0i64;
    for b in &mut blocks {
        let block_cents: i64 = b
            .criteria
            .iter()
            .map(|c| c.max_cents() * c.weight_cents() / 100)
            .sum();
        b.max_points = points(block_cents);
        total += block_cents;
        for c in &b.criteria {
            hasher.update(format!(
                "{}|{}|{}|{:?}|{}|{}|{}\n",
                c.id,
                b.code.code(),
                c.label,
                c.source,
                c.max_cents(),
                c.step_cents(),
                c.weight_cents()
            ));
        }
    }
    let scored: i64 = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM score) + (SELECT COUNT(*) FROM academic_override)",
        [],
        |r| r.get(0),
    )?;
    let digest = hasher.finalize();
    Ok(Grid {
        blocks,
        max_total: points(total),
        max_total_display: show_cents(total),
        fingerprint: digest.iter().take(8).map(|b| format!("{b:02x}")).collect(),
        locked_by_scores: scored > 0,
    })
}

/// A criterion as typed in the grid editor. Numbers are text, as typed ("0,5").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CriterionInput {
    /// Label.
    pub label: String,
    /// Who gives the value.
    pub source: Source,
    /// Highest value.
    pub scale_max: String,
    /// Step.
    pub step: String,
    /// Weight.
    pub weight: String,
    /// What a low value means.
    pub low: String,
    /// What a middle value means.
    pub middle: String,
    /// What a high value means.
    pub high: String,
}

/// A block as typed in the grid editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BlockInput {
    /// Which block.
    pub code: BlockCode,
    /// Label.
    pub label: String,
    /// Criteria in order.
    pub criteria: Vec<CriterionInput>,
}

struct CheckedCriterion {
    label: String,
    source: Source,
    max: i64,
    step: i64,
    weight: i64,
    low: String,
    middle: String,
    high: String,
}

use crate::fr::tidy;

fn check_grid(blocks: &[BlockInput]) -> Result<Vec<(BlockCode, String, Vec<CheckedCriterion>)>> {
    let mut issues = Vec::new();
    let mut out = Vec::new();
    for code in BlockCode::ALL {
        let Some(b) = blocks.iter().find(|b| b.code == code) else {
            issues.push(FieldIssue::new(
                format!("{}.label", code.code()),
                "La grille doit garder ses trois blocs : projet professionnel, résultats universitaires et entretien.",
            ));
            continue;
        };
        let label = tidy(&b.label);
        if label.is_empty() {
            issues.push(FieldIssue::new(
                format!("{}.label", code.code()),
                "Chaque bloc doit avoir un intitulé.",
            ));
        }
        let mut criteria = Vec::new();
        for (i, c) in b.criteria.iter().enumerate() {
            let at = |f: &str| format!("{}.{i}.{f}", code.code());
            let name = tidy(&c.label);
            let shown = if name.is_empty() {
                format!("Critère {} du bloc « {label} »", i + 1)
            } else {
                format!("Critère « {name} »")
            };
            if name.is_empty() {
                issues.push(FieldIssue::new(
                    at("label"),
                    format!("{shown} : l'intitulé est obligatoire."),
                ));
            }
            let max = parse_cents(&c.scale_max).filter(|v| *v > 0 && *v <= 100_000);
            if max.is_none() {
                issues.push(FieldIssue::new(
                    at("scale_max"),
                    format!("{shown} : la note maximale « {} » doit être un nombre supérieur à 0 (par exemple 5 ou 20).", c.scale_max.trim()),
                ));
            }
            let step = if c.source == Source::Academic {
                Some(1)
            } else {
                parse_cents(&c.step).filter(|v| *v > 0)
            };
            if step.is_none() {
                issues.push(FieldIssue::new(
                    at("step"),
                    format!("{shown} : le pas « {} » doit être un nombre supérieur à 0 (par exemple 0,5 ou 1).", c.step.trim()),
                ));
            }
            if let (Some(m), Some(s)) = (max, step) {
                if m % s != 0 {
                    issues.push(FieldIssue::new(
                        at("step"),
                        format!("{shown} : le pas de {} ne tombe pas juste sur le maximum {} ; choisissez un pas qui le divise.", show_cents(s), show_cents(m)),
                    ));
                }
            }
            let weight = parse_cents(&c.weight).filter(|v| *v >= 0 && *v <= 100_000);
            if weight.is_none() {
                issues.push(FieldIssue::new(
                    at("weight"),
                    format!(
                        "{shown} : le coefficient « {} » doit être un nombre positif ou nul.",
                        c.weight.trim()
                    ),
                ));
            }
            criteria.push(CheckedCriterion {
                label: name,
                source: c.source,
                max: max.unwrap_or(0),
                step: step.unwrap_or(1),
                weight: weight.unwrap_or(0),
                low: tidy(&c.low),
                middle: tidy(&c.middle),
                high: tidy(&c.high),
            });
        }
        out.push((code, label, criteria));
    }
    let all: Vec<&CheckedCriterion> = out.iter().flat_map(|(_, _, c)| c.iter()).collect();
    if issues.is_empty() {
        if all.is_empty() {
            issues.push(FieldIssue::new(
                "grid",
                "La grille n'a aucun critère : ajoutez-en au moins un.",
            ));
        } else if all.iter().all(|c| c.weight == 0) {
            issues.push(FieldIssue::new(
                "grid",
                "Tous les coefficients de la grille sont à 0 : aucun total ne pourrait être calculé. Donnez un coefficient supérieur à 0 à au moins un critère.",
            ));
        } else if !all.iter().any(|c| c.source == Source::Members) {
            issues.push(FieldIssue::new(
                "grid",
                "Aucun critère n'est noté par les membres : la commission doit noter au moins le projet ou l'entretien.",
            ));
        }
    }
    if !issues.is_empty() {
        return Err(Error::Validation(issues));
    }
    Ok(out)
}

fn scores_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM score) + (SELECT COUNT(*) FROM academic_override)",
        [],
        |r| r.get(0),
    )?)
}

/// Who scored what: one member's value for one criterion of one candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreCell {
    /// The member.
    pub member_id: i64,
    /// The candidate.
    pub candidate_id: i64,
    /// The criterion.
    pub criterion_id: i64,
    /// The value.
    pub value: f64,
}

/// A value typed in the scoring grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreInput {
    /// The member.
    pub member_id: i64,
    /// The candidate.
    pub candidate_id: i64,
    /// The criterion.
    pub criterion_id: i64,
    /// As typed ("3,5"); empty clears the score.
    pub value: String,
}

/// Where a candidate was heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Hearing {
    /// The candidate.
    pub candidate_id: i64,
    /// The sitting.
    pub sitting_id: i64,
}

/// Everything the scoring screens show, read in one go.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreBoard {
    /// The grid.
    pub grid: Grid,
    /// The members.
    pub members: Vec<commission::Member>,
    /// The sittings.
    pub sittings: Vec<commission::Sitting>,
    /// The recusals.
    pub recusals: Vec<commission::Recusal>,
    /// Where each candidate was heard.
    pub hearings: Vec<Hearing>,
    /// Candidates whose scores are validated.
    pub locked: Vec<i64>,
    /// Every score.
    pub scores: Vec<ScoreCell>,
    /// The cells that cannot be filled, with why ([`cells::blocked_cells`]).
    pub blocked: Vec<cells::BlockedCell>,
    /// Each member's running total for each candidate ([`cells::running_totals`]).
    pub totals: Vec<cells::RunningTotal>,
    /// The most a member's scores add up to: "40".
    pub member_max: String,
}

/// Reads everything the scoring screens show.
pub fn board(conn: &Connection) -> Result<ScoreBoard> {
    let hearings = {
        let mut stmt = conn.prepare("SELECT candidate, sitting FROM hearing ORDER BY candidate")?;
        let rows = stmt.query_map([], |r| {
            Ok(Hearing {
                candidate_id: r.get(0)?,
                sitting_id: r.get(1)?,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let locked = {
        let mut stmt = conn.prepare("SELECT candidate FROM score_lock ORDER BY candidate")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<i64>>>()?
    };
    let mut board = ScoreBoard {
        grid: grid(conn)?,
        members: commission::list(conn)?,
        sittings: commission::sittings(conn)?,
        recusals: commission::recusals(conn)?,
        hearings,
        locked,
        scores: all_scores(conn)?
            .into_iter()
            .map(|(m, c, k, v)| ScoreCell {
                member_id: m,
                candidate_id: c,
                criterion_id: k,
                value: points(v),
            })
            .collect(),
        blocked: Vec::new(),
        totals: Vec::new(),
        member_max: String::new(),
    };
    let candidates = conn
        .prepare("SELECT id FROM candidate ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    board.blocked = cells::blocked_cells(&board, &candidates);
    board.totals = cells::running_totals(&board.grid, &board.scores);
    board.member_max = cells::member_max(&board.grid);
    Ok(board)
}

pub(crate) fn all_scores(conn: &Connection) -> Result<Vec<(i64, i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member, candidate, criterion, value FROM score ORDER BY candidate, member, criterion",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn hearing_of(conn: &Connection, candidate: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT sitting FROM hearing WHERE candidate = ?1",
            [candidate],
            |r| r.get(0),
        )
        .optional()?)
}

fn attendance(conn: &Connection, sitting: i64, member: i64) -> Result<Option<Attendance>> {
    let s: Option<String> = conn
        .query_row(
            "SELECT status FROM presence WHERE sitting = ?1 AND member = ?2",
            params![sitting, member],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match s.as_deref() {
        Some("present") => Some(Attendance::Present),
        Some("excused") => Some(Attendance::Excused),
        Some("absent") => Some(Attendance::Absent),
        _ => None,
    })
}

fn sitting_day(conn: &Connection, sitting: i64) -> Result<String> {
    let date: Option<String> = conn
        .query_row("SELECT date FROM sitting WHERE id = ?1", [sitting], |r| {
            r.get(0)
        })
        .optional()?;
    let date = date.ok_or_else(|| Error::Missing {
        what: format!("La séance n° {sitting}"),
    })?;
    Ok(fr::parse_date(&date).map(fr::date_short).unwrap_or(date))
}

pub(crate) struct Who {
    pub member: String,
    pub candidate: String,
}

/// Checks that `member` may score `candidate` (voting, not recused, not absent at the
/// sitting where the candidate was heard or is being heard), and returns their names.
fn check_scorer(tx: &Connection, member: i64, candidate: i64, sitting: Option<i64>) -> Result<Who> {
    let m: Option<(String, bool)> = tx
        .query_row(
            "SELECT name, voting FROM member WHERE id = ?1",
            [member],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (mname, voting) = m.ok_or_else(|| Error::Missing {
        what: format!("Le membre n° {member}"),
    })?;
    let cname = crate::candidate::get(tx, candidate)
        .map_err(|_| Error::Missing {
            what: format!("Le candidat n° {candidate}"),
        })?
        .display_name;
    if !voting {
        return Err(Error::Refused(format!(
            "{mname} n'a pas voix délibérative : il ou elle ne note pas les candidats."
        )));
    }
    let recusal: Option<String> = tx
        .query_row(
            "SELECT reason FROM recusal WHERE member = ?1 AND candidate = ?2",
            params![member, candidate],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(reason) = recusal {
        return Err(Error::Refused(format!(
            "{mname} est déporté(e) pour {cname} (motif : {reason}) : sa note ne peut être ni saisie ni comptée."
        )));
    }
    let at = match hearing_of(tx, candidate)? {
        Some(s) => Some(s),
        None => sitting,
    };
    if let Some(s) = at {
        if let Some(a @ (Attendance::Absent | Attendance::Excused)) = attendance(tx, s, member)? {
            return Err(Error::Refused(format!(
                "{mname} est noté(e) {} à la séance du {} où {cname} est entendu(e) : sa note ne peut pas être comptée. Corrigez la présence si c'est une erreur.",
                a.label().to_lowercase(),
                sitting_day(tx, s)?
            )));
        }
    }
    Ok(Who {
        member: mname,
        candidate: cname,
    })
}

/// Checks a typed value against a criterion's scale; returns hundredths.
pub fn check_value(c: &Criterion, text: &str) -> std::result::Result<i64, String> {
    let range = format!(
        "saisissez une note entre 0 et {} (par pas de {})",
        show_cents(c.max_cents()),
        show_cents(c.step_cents())
    );
    let v = parse_cents(text).ok_or_else(|| {
        format!(
            "« {} » : « {} » n'est pas une note ; {range}.",
            c.label,
            text.trim()
        )
    })?;
    if v < 0 {
        return Err(format!(
            "« {} » : une note ne peut pas être négative ; {range}.",
            c.label
        ));
    }
    if v > c.max_cents() {
        return Err(format!(
            "« {} » : {} dépasse le maximum de {} ; {range}.",
            c.label,
            show_cents(v),
            show_cents(c.max_cents())
        ));
    }
    if v % c.step_cents() != 0 {
        return Err(format!(
            "« {} » : {} n'est pas sur l'échelle ; {range}.",
            c.label,
            show_cents(v)
        ));
    }
    Ok(v)
}

use crate::journal::now;

/// What a score entry changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Applied {
    pub before: Option<i64>,
    pub after: Option<i64>,
}

/// Writes one score inside a transaction, after every check. `sitting`: the sitting at
/// which the candidate is being heard, recorded as the hearing when none is yet.
pub(crate) fn apply_score(
    tx: &Transaction,
    grid: &Grid,
    input: &ScoreInput,
    sitting: Option<i64>,
    operator: &str,
) -> Result<(Applied, Who, String)> {
    let c = grid
        .criterion(input.criterion_id)
        .ok_or_else(|| Error::Missing {
            what: format!("Le critère n° {}", input.criterion_id),
        })?;
    if c.source != Source::Members {
        return Err(Error::Refused(format!(
            "« {} » est calculé à partir des résultats universitaires : il n'est pas noté par les membres. Pour le corriger, saisissez une correction motivée.",
            c.label
        )));
    }
    let who = check_scorer(tx, input.member_id, input.candidate_id, sitting)?;
    check_unlocked(tx, input.candidate_id)?;
    let after = if input.value.trim().is_empty() {
        None
    } else {
        Some(
            check_value(c, &input.value)
                .map_err(|m| Error::Validation(vec![FieldIssue::new("value", m)]))?,
        )
    };
    let before: Option<i64> = tx
        .prepare_cached(
            "SELECT value FROM score WHERE member = ?1 AND candidate = ?2 AND criterion = ?3",
        )?
        .query_row(
            params![input.member_id, input.candidate_id, input.criterion_id],
            |r| r.get(0),
        )
        .optional()?;
    if before != after {
        match after {
            Some(v) => {
                tx.prepare_cached(
                    "INSERT INTO score (member, candidate, criterion, value, at, operator) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (member, candidate, criterion) \
                     DO UPDATE SET value = excluded.value, at = excluded.at, operator = excluded.operator",
                )?
                .execute(params![
                    input.member_id,
                    input.candidate_id,
                    input.criterion_id,
                    v,
                    now(),
                    operator
                ])?;
            }
            None => {
                tx.prepare_cached(
                    "DELETE FROM score WHERE member = ?1 AND candidate = ?2 AND criterion = ?3",
                )?
                .execute(params![
                    input.member_id,
                    input.candidate_id,
                    input.criterion_id
                ])?;
            }
        }
        if let Some(s) = sitting {
            if hearing_of(tx, input.candidate_id)?.is_none() && after.is_some() {
                tx.execute(
                    "INSERT INTO hearing (candidate, sitting) VALUES (?1, ?2)",
                    params![input.candidate_id, s],
                )?;
            }
        }
    }
    Ok((Applied { before, after }, who, c.label.clone()))
}

/// What was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreSaved {
    /// The value as stored, in French ("3,5"), empty when cleared.
    pub value: String,
    /// Something changed.
    pub changed: bool,
    /// The member's running total for the candidate after the save: "12,5".
    pub total: String,
    /// How many criteria the member has scored for the candidate.
    pub scored: i64,
}

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
                rank,
                size,
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
    /// The grid.
    pub fn grid(&self) -> Result<Grid> {
        grid(self.conn())
    }

    /// Replaces the grid. Refused once scores exist, until they are reset.
    pub fn save_grid(&mut self, blocks: &[BlockInput], operator: &str) -> Result<Grid> {
        let checked = check_grid(blocks)?;
        self.store().write(operator, |tx| {
            if scores_count(tx)? > 0 {
                return Err(Error::Refused(
                    "Des notes ont déjà été saisies avec cette grille : pour la modifier, réinitialisez d'abord les notes (« Réinitialiser les notes », une sauvegarde est faite avant).".into(),
                ));
            }
            let old = grid(tx)?;
            tx.execute("DELETE FROM criterion", [])?;
            let mut position = 0;
            for (code, label, criteria) in &checked {
                tx.execute(
                    "UPDATE grid_block SET label = ?2 WHERE code = ?1",
                    params![code.code(), label],
                )?;
                let block: i64 = tx.query_row(
                    "SELECT id FROM grid_block WHERE code = ?1",
                    [code.code()],
                    |r| r.get(0),
                )?;
                for c in criteria {
                    position += 1;
                    tx.execute(
                        "INSERT INTO criterion (block, label, source, scale_max, step, weight, low, middle, high, position) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        params![
                            block,
                            c.label,
                            if c.source == Source::Academic { "academic" } else { "members" },
                            c.max,
                            c.step,
                            c.weight,
                            c.low,
                            c.middle,
                            c.high,
                            position
                        ],
                    )?;
                }
            }
            let new = grid(tx)?;
            let describe = |g: &Grid| {
                g.criteria()
                    .map(|c| format!("{} ({})", c.label, c.scale_display))
                    .collect::<Vec<_>>()
                    .join(" ; ")
            };
            let mut entry = Entry::new(
                "grid.save",
                format!("Grille de notation enregistrée : {} critères, total sur {}.", new.criteria().count(), new.max_total_display),
            );
            entry.changes.push(Change {
                field: "Grille".into(),
                before: describe(&old),
                after: describe(&new),
            });
            Ok((new, Some(entry)))
        })
    }

    /// Deletes every score, academic correction and validation, so the grid can change.
    /// A backup is taken first. Returns how many scores were removed.
    pub fn reset_scores(&mut self, reason: &str, operator: &str) -> Result<i64> {
        let reason = tidy(reason);
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "reason",
                "« Motif » est obligatoire : indiquez pourquoi les notes sont réinitialisées.",
            )]));
        }
        self.safety_backup(crate::backup::Reason::BeforeGridReset)?;
        self.store().write(operator, |tx| {
            let n: i64 = tx.query_row("SELECT COUNT(*) FROM score", [], |r| r.get(0))?;
            let o: i64 = tx.query_row("SELECT COUNT(*) FROM academic_override", [], |r| r.get(0))?;
            tx.execute("DELETE FROM score", [])?;
            tx.execute("DELETE FROM academic_override", [])?;
            tx.execute("DELETE FROM score_lock", [])?;
            Ok((
                n,
                Some(Entry::new(
                    "scores.reset",
                    format!("Notes réinitialisées ({n} notes et {o} corrections de résultats universitaires effacées) — motif : {reason}."),
                )),
            ))
        })
    }

    /// Everything the scoring screens show.
    pub fn score_board(&self) -> Result<ScoreBoard> {
        board(self.conn())
    }

    /// Records the sitting at which a candidate is heard (`None`: not heard yet).
    pub fn set_hearing(
        &mut self,
        candidate: i64,
        sitting: Option<i64>,
        operator: &str,
    ) -> Result<()> {
        self.store().write(operator, |tx| {
            let name = crate::candidate::get(tx, candidate)
                .map_err(|_| Error::Missing { what: format!("Le candidat n° {candidate}") })?
                .display_name;
            check_unlocked(tx, candidate)?;
            let before = hearing_of(tx, candidate)?;
            if before == sitting {
                return Ok(((), None));
            }
            let day = |s: Option<i64>| -> Result<String> {
                match s {
                    Some(s) => sitting_day(tx, s),
                    None => Ok(String::new()),
                }
            };
            match sitting {
                Some(s) => {
                    let d = sitting_day(tx, s)?;
                    // Members absent that day must not have scored the candidate.
                    let absent: Option<String> = tx
                        .query_row(
                            "SELECT m.name FROM score s JOIN presence p ON p.member = s.member \
                             JOIN member m ON m.id = s.member \
                             WHERE s.candidate = ?1 AND p.sitting = ?2 AND p.status <> 'present' LIMIT 1",
                            params![candidate, s],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(m) = absent {
                        return Err(Error::Refused(format!(
                            "{m} a noté {name} mais n'était pas présent(e) à la séance du {d} : corrigez la présence ou choisissez une autre séance."
                        )));
                    }
                    tx.execute(
                        "INSERT INTO hearing (candidate, sitting) VALUES (?1, ?2) \
                         ON CONFLICT (candidate) DO UPDATE SET sitting = excluded.sitting",
                        params![candidate, s],
                    )?;
                }
                None => {
                    tx.execute("DELETE FROM hearing WHERE candidate = ?1", [candidate])?;
                }
            }
            let mut entry = Entry::new(
                "hearing.set",
                match sitting {
                    Some(_) => format!("{name} entendu(e) lors de la séance du {}.", day(sitting)?),
                    None => format!("{name} n'est plus rattaché(e) à une séance."),
                },
            );
            entry.changes.push(Change {
                field: "Séance d'audition".into(),
                before: day(before)?,
                after: day(sitting)?,
            });
            entry.reference = Some(candidate);
            Ok(((), Some(entry)))
        })
    }

    /// Records one score (or clears it), after every check; journaled with the value
    /// before and after.
    pub fn set_score(
        &mut self,
        input: &ScoreInput,
        sitting: Option<i64>,
        operator: &str,
    ) -> Result<ScoreSaved> {
        let grid = self.grid()?;
        self.store().write(operator, |tx| {
            let (applied, who, label) = apply_score(tx, &grid, input, sitting, operator)?;
            let (total, scored) =
                cells::running_total_of(tx, &grid, input.member_id, input.candidate_id)?;
            let saved = ScoreSaved {
                value: applied.after.map(show_cents).unwrap_or_default(),
                changed: applied.before != applied.after,
                total,
                scored,
            };
            if !saved.changed {
                return Ok((saved, None));
            }
            let shown = |v: Option<i64>| v.map(show_cents).unwrap_or_default();
            let mut entry = Entry::new(
                "score.set",
                format!(
                    "Note de {} pour {} — {} : {}.",
                    who.member,
                    who.candidate,
                    label,
                    if applied.after.is_some() {
                        shown(applied.after)
                    } else {
                        "effacée".into()
                    }
                ),
            );
            entry.changes.push(Change {
                field: label,
                before: shown(applied.before),
                after: shown(applied.after),
            });
            entry.reference = Some(input.candidate_id);
            Ok((saved, Some(entry)))
        })
    }

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

    /// Validates the scores of `candidates` (all candidates with a hearing when empty).
    /// A candidate whose scores are incomplete is skipped with the reason; validating a
    /// single incomplete candidate is refused.
    pub fn lock_scores(&mut self, candidates: &[i64], operator: &str) -> Result<LockReport> {
        let ranking = ranking::compute(self.conn())?;
        let results: Vec<&ranking::CandidateResult> =
            ranking.groups.iter().flat_map(|g| g.rows.iter()).collect();
        let targets: Vec<&ranking::CandidateResult> = if candidates.is_empty() {
            results
                .iter()
                .copied()
                .filter(|r| r.status != ranking::Status::NotHeard && !r.locked)
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
            if r.locked {
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
            return Err(Error::Refused(format!(
                "Les notes ne peuvent pas être validées : {}. Complétez-les d'abord.",
                skipped.join(" ; ")
            )));
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
                    _ => format!("Notes validées pour {} candidats.", ready.len()),
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
                return Err(Error::Refused(format!(
                    "Les notes de {name} ne sont pas validées : rien à déverrouiller."
                )));
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
