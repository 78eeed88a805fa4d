//! The scoring grid: its blocks, criteria, scales, weights and sources, as stored, as
//! typed in the grid editor and checked, and replaced (only while no score exists).

use crate::Refusal;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::cents::{cents, parse_cents, points, show_cents};
use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr::tidy;
use crate::journal::{Change, Entry};

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

/// The grid as its editor shows it, with how the academic criteria are computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GridView {
    /// The grid.
    pub grid: Grid,
    /// The academic formula, in French.
    pub academic_formula: String,
}

impl Campaign {
    /// The grid.
    pub fn grid(&self) -> Result<Grid> {
        grid(self.conn())
    }

    /// The grid with the academic formula, for its editor.
    pub fn grid_view(&self) -> Result<GridView> {
        Ok(GridView {
            grid: self.grid()?,
            academic_formula: super::ACADEMIC_FORMULA.into(),
        })
    }

    /// Replaces the grid. Refused once scores exist, until they are reset.
    pub fn save_grid(&mut self, blocks: &[BlockInput], operator: &str) -> Result<Grid> {
        let checked = check_grid(blocks)?;
        self.store().write(operator, |tx| {
            if scores_count(tx)? > 0 {
                return Err(Error::Refused(Refusal::GridInUse,
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
}
