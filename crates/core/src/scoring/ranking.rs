//! Aggregation of the members' scores into totals, per block and per candidate, with
//! the dispersion between members, optional per-member normalisation and the ranking
//! within each category.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;

use super::{academic_values_of, grid, points, show_cents, AcademicValue, BlockCode, Source};
use crate::candidate::{Category, Discipline};
use crate::commission::{self, Aggregation, Attendance, PadhueAcademic};
use crate::error::Result;
use crate::fr;

/// Combines members' values (hundredths) for one criterion. `None` when there is none.
/// The result does not depend on the order of `values`.
pub fn aggregate(method: Aggregation, values: &[i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    let mean = |s: &[i64]| s.iter().sum::<i64>() as f64 / s.len() as f64;
    Some(match method {
        Aggregation::Mean => mean(&v),
        Aggregation::Median => {
            let n = v.len();
            if n % 2 == 1 {
                v[n / 2] as f64
            } else {
                (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
            }
        }
        Aggregation::Trimmed => {
            if v.len() >= 4 {
                mean(&v[1..v.len() - 1])
            } else {
                mean(&v)
            }
        }
    })
}

/// Where a candidate stands in the scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every expected score is there.
    Complete,
    /// Some scores are missing (listed).
    Incomplete,
    /// Not heard and not scored yet.
    NotHeard,
}

/// A block's total for a candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BlockTotal {
    /// The block.
    pub code: BlockCode,
    /// Its label.
    pub label: String,
    /// The points, when every criterion of the block has a value.
    pub value: Option<f64>,
    /// "12,5" or "—".
    pub display: String,
    /// The block's maximum.
    pub max: f64,
}

/// A criterion's combined value for a candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CriterionResult {
    /// The criterion.
    pub criterion_id: i64,
    /// Combined value (hundredths rounded), none when nobody scored it.
    pub value: Option<f64>,
    /// "3,75" or "—".
    pub display: String,
    /// How many members' scores were combined (0 for a computed criterion).
    pub count: i64,
}

/// One member's scores for a candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberTotal {
    /// The member.
    pub member_id: i64,
    /// Their name.
    pub name: String,
    /// Their total over the criteria scored by members, once they scored them all.
    pub total: Option<f64>,
    /// "17,5" or "2 / 6 critères".
    pub display: String,
    /// Their normalised total (when the setting is on).
    pub normalised: Option<f64>,
    /// Criteria scored.
    pub scored: i64,
    /// Criteria to score.
    pub expected: i64,
}

/// A candidate's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CandidateResult {
    /// The candidate.
    pub candidate_id: i64,
    /// "DUPONT Marie".
    pub display_name: String,
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// The sitting at which they were heard.
    pub sitting_id: Option<i64>,
    /// "14/01/2027" or empty.
    pub sitting_display: String,
    /// Status.
    pub status: Status,
    /// "Complet", "Incomplet", "Non entendu".
    pub status_label: String,
    /// Per block.
    pub blocks: Vec<BlockTotal>,
    /// Per criterion.
    pub criteria: Vec<CriterionResult>,
    /// The total, when every criterion has a value.
    pub total: Option<f64>,
    /// "27,5" or "—".
    pub total_display: String,
    /// The total with members' scores normalised (when the setting is on).
    pub normalised_total: Option<f64>,
    /// "26,8" or empty.
    pub normalised_display: String,
    /// Rank among those of the category who pass the conditions to be ranked (1 = best),
    /// ties share a rank; the same rank as the allocation's, the minutes' and the CLI's.
    pub rank: Option<i64>,
    /// "3ᵉ", "3ᵉ ex aequo" or empty.
    pub rank_display: String,
    /// Why the candidate is not ranked ("dossier incomplet ; notes incomplètes"), empty
    /// when ranked or not heard yet.
    pub excluded: String,
    /// The members expected to score, with their totals.
    pub members: Vec<MemberTotal>,
    /// Members recused for this candidate ("Dr X — motif").
    pub recused: Vec<String>,
    /// What is missing, in French.
    pub missing: Vec<String>,
    /// Highest minus lowest member total.
    pub spread: Option<f64>,
    /// "4,5 points" or empty.
    pub spread_display: String,
    /// Standard deviation of the member totals.
    pub std_dev: Option<f64>,
    /// Members disagree beyond the threshold.
    pub disagreement: bool,
    /// The academic values.
    pub academic: Vec<AcademicValue>,
    /// Scores validated.
    pub locked: bool,
    /// The dossier's eligibility ("Complet", "Incomplet", "Non recevable").
    pub dossier_label: String,
    /// The dossier is eligible (complete, or declared so by the commission).
    pub dossier_ok: bool,
}

/// A category's candidates, ranked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RankingGroup {
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// "Internes — médecine".
    pub label: String,
    /// Ranked candidates first (best first), then the others (see `Campaign::ranking`).
    pub rows: Vec<CandidateResult>,
}

/// How a member scores compared with the rest of the commission.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberSeverity {
    /// The member.
    pub member_id: i64,
    /// Their name.
    pub name: String,
    /// Candidates compared.
    pub candidates: i64,
    /// Mean gap (points) between their total and the mean of the members' totals.
    pub mean_gap: Option<f64>,
    /// "+1,2 point (plus indulgent)".
    pub display: String,
}

/// How many scores fall on each value of a criterion's scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Distribution {
    /// The criterion.
    pub criterion_id: i64,
    /// Its label.
    pub label: String,
    /// Each value ("3,5") and its count.
    pub buckets: Vec<Bucket>,
}

/// One bar of a distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Bucket {
    /// "3,5" or "3 à 3,5".
    pub label: String,
    /// Scores.
    pub count: i64,
}

/// The ranking and its statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Ranking {
    /// How scores are combined, in French.
    pub aggregation_label: String,
    /// Normalised totals are computed.
    pub normalised: bool,
    /// The highest total.
    pub max_total: f64,
    /// The highest total of the criteria scored by members.
    pub members_max: f64,
    /// The disagreement threshold, in points.
    pub disagreement_threshold: f64,
    /// "Écart entre membres supérieur à 4 points (10 % du maximum)".
    pub disagreement_label: String,
    /// Per category.
    pub groups: Vec<RankingGroup>,
    /// Each voting member's severity.
    pub severity: Vec<MemberSeverity>,
    /// Each criterion's distribution.
    pub distributions: Vec<Distribution>,
    /// The academic formula.
    pub academic_formula: String,
}

impl CandidateResult {
    /// A copy without each member's totals, each criterion's result and the academic
    /// values (the ranking's table shows none of them: two thirds of a row).
    fn summary(&self) -> CandidateResult {
        let CandidateResult {
            candidate_id,
            display_name,
            category,
            discipline,
            sitting_id,
            sitting_display,
            status,
            status_label,
            blocks,
            criteria: _,
            total,
            total_display,
            normalised_total,
            normalised_display,
            rank,
            rank_display,
            excluded,
            members: _,
            recused,
            missing,
            spread,
            spread_display,
            std_dev,
            disagreement,
            academic: _,
            locked,
            dossier_label,
            dossier_ok,
        } = self;
        CandidateResult {
            candidate_id: *candidate_id,
            display_name: display_name.clone(),
            category: *category,
            discipline: *discipline,
            sitting_id: *sitting_id,
            sitting_display: sitting_display.clone(),
            status: *status,
            status_label: status_label.clone(),
            blocks: blocks.clone(),
            criteria: Vec::new(),
            total: *total,
            total_display: total_display.clone(),
            normalised_total: *normalised_total,
            normalised_display: normalised_display.clone(),
            rank: *rank,
            rank_display: rank_display.clone(),
            excluded: excluded.clone(),
            members: Vec::new(),
            recused: recused.clone(),
            missing: missing.clone(),
            spread: *spread,
            spread_display: spread_display.clone(),
            std_dev: *std_dev,
            disagreement: *disagreement,
            academic: Vec::new(),
            locked: *locked,
            dossier_label: dossier_label.clone(),
            dossier_ok: *dossier_ok,
        }
    }
}

impl Ranking {
    /// A copy with the rows of the candidates `keep` says only, in summary
    /// ([`CandidateResult::summary`]) when `summary`.
    pub(crate) fn cut(&self, keep: impl Fn(i64) -> bool, summary: bool) -> Ranking {
        let Ranking {
            aggregation_label,
            normalised,
            max_total,
            members_max,
            disagreement_threshold,
            disagreement_label,
            groups,
            severity,
            distributions,
            academic_formula,
        } = self;
        Ranking {
            aggregation_label: aggregation_label.clone(),
            normalised: *normalised,
            max_total: *max_total,
            members_max: *members_max,
            disagreement_threshold: *disagreement_threshold,
            disagreement_label: disagreement_label.clone(),
            groups: groups
                .iter()
                .map(|g| RankingGroup {
                    category: g.category,
                    discipline: g.discipline,
                    label: g.label.clone(),
                    rows: g
                        .rows
                        .iter()
                        .filter(|r| keep(r.candidate_id))
                        .map(|r| if summary { r.summary() } else { r.clone() })
                        .collect(),
                })
                .collect(),
            severity: severity.clone(),
            distributions: distributions.clone(),
            academic_formula: academic_formula.clone(),
        }
    }
}

fn dash(v: Option<f64>) -> String {
    v.map(|v| fr::number(v, 2)).unwrap_or_else(|| "—".into())
}

/// "1ᵉʳ", "3ᵉ", "1 000ᵉ".
pub(crate) fn ordinal(n: i64) -> String {
    if n == 1 {
        "1ᵉʳ".into()
    } else {
        format!("{}ᵉ", crate::fr::integer(n))
    }
}

/// Computes the ranking from the file.
pub fn compute(conn: &Connection) -> Result<Ranking> {
    let candidates = crate::candidate::list(conn)?;
    let dossiers = crate::dossier::dossiers_of(conn, &candidates)?;
    compute_with(conn, &candidates, &dossiers)
}

/// Computes the ranking with the candidates and dossiers already read (the allocation and
/// the minutes need them too): [`load`] then [`from_data`].
pub(crate) fn compute_with(
    conn: &Connection,
    candidates: &[crate::candidate::CandidateRow],
    dossiers: &[crate::dossier::Dossier],
) -> Result<Ranking> {
    let mut ranking = without_locks(conn, candidates, dossiers)?;
    set_locks(&mut ranking, &locked(conn)?);
    Ok(ranking)
}

/// [`compute_with`] with no candidate's scores marked validated: the rest does not
/// depend on it, so the campaign keeps this one and validating scores does not work the
/// ranking out again ([`set_locks`] marks them).
pub(crate) fn without_locks(
    conn: &Connection,
    candidates: &[crate::candidate::CandidateRow],
    dossiers: &[crate::dossier::Dossier],
) -> Result<Ranking> {
    Ok(from_data(&load_with(
        conn,
        candidates,
        dossiers,
        &HashSet::new(),
    )?))
}

/// The candidates whose scores are validated.
pub(crate) fn locked(conn: &Connection) -> Result<HashSet<i64>> {
    let mut stmt = conn.prepare("SELECT candidate FROM score_lock")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks the candidates of `locked` (and only them) as validated.
pub(crate) fn set_locks(ranking: &mut Ranking, locked: &HashSet<i64>) {
    for row in ranking.groups.iter_mut().flat_map(|g| g.rows.iter_mut()) {
        row.locked = locked.contains(&row.candidate_id);
    }
}

/// The scoring rules the ranking applies (a part of the commission's rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingRules {
    /// How members' scores are combined.
    pub aggregation: Aggregation,
    /// Members disagree when their totals differ by more than this share of the
    /// members' maximum (percent).
    pub disagreement_percent: i64,
    /// Normalised totals are computed beside the raw ones.
    pub normalise: bool,
    /// How the academic block of PADHUE candidates is assessed.
    pub padhue_academic: PadhueAcademic,
}

impl From<&commission::Rules> for RankingRules {
    fn from(r: &commission::Rules) -> Self {
        RankingRules {
            aggregation: r.aggregation,
            disagreement_percent: r.disagreement_percent,
            normalise: r.normalise,
            padhue_academic: r.padhue_academic,
        }
    }
}

/// A commission member, as the ranking sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorer {
    /// The member.
    pub id: i64,
    /// "Dr Karim BELKACEM".
    pub name: String,
    /// Takes part in votes, hence scores.
    pub voting: bool,
}

/// A sitting, as the ranking sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SittingDay {
    /// The sitting.
    pub id: i64,
    /// Its ISO date.
    pub date: String,
    /// Members marked absent or excused (they do not score the candidates heard there).
    pub absent: Vec<i64>,
}

/// A member recused for a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecusalNote {
    /// The member.
    pub member_id: i64,
    /// Their name.
    pub member_name: String,
    /// The candidate.
    pub candidate_id: i64,
    /// Why.
    pub reason: String,
}

/// A candidate, as the ranking sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entrant {
    /// The candidate.
    pub id: i64,
    /// "DUPONT Marie".
    pub display_name: String,
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// The sitting at which they were heard.
    pub sitting: Option<i64>,
    /// Their scores are validated.
    pub locked: bool,
    /// Their dossier's eligibility label; empty without a dossier.
    pub dossier_label: String,
    /// Their dossier is eligible.
    pub dossier_ok: bool,
}

/// One member's value for one criterion of one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// The member.
    pub member: i64,
    /// The candidate.
    pub candidate: i64,
    /// The criterion.
    pub criterion: i64,
    /// The value, in hundredths.
    pub value: i64,
}

/// Everything the ranking is computed from, read from the file by [`load`] (or built by
/// hand in a test); [`from_data`] applies the rules to it.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingData {
    /// The grid.
    pub grid: super::Grid,
    /// The scoring rules.
    pub rules: RankingRules,
    /// Every member, in the order of the members' list.
    pub members: Vec<Scorer>,
    /// Every sitting.
    pub sittings: Vec<SittingDay>,
    /// Every recusal, by candidate then member.
    pub recusals: Vec<RecusalNote>,
    /// The candidates, in the order of the list.
    pub candidates: Vec<Entrant>,
    /// Every score, in the order stored.
    pub scores: Vec<Score>,
    /// The candidates' academic values.
    pub academic: Vec<AcademicValue>,
}

/// Reads what the ranking needs for `candidates` (with their `dossiers`); no rule here.
#[cfg(test)]
pub(crate) fn load(
    conn: &Connection,
    candidates: &[crate::candidate::CandidateRow],
    dossiers: &[crate::dossier::Dossier],
) -> Result<RankingData> {
    load_with(conn, candidates, dossiers, &locked(conn)?)
}

/// [`load`], the candidates whose scores are validated being `locked`.
fn load_with(
    conn: &Connection,
    candidates: &[crate::candidate::CandidateRow],
    dossiers: &[crate::dossier::Dossier],
    locked: &HashSet<i64>,
) -> Result<RankingData> {
    let grid = grid(conn)?;
    let rules = RankingRules::from(&commission::rules(conn)?);
    let members = commission::list(conn)?
        .into_iter()
        .map(|m| Scorer {
            id: m.id,
            name: m.name,
            voting: m.voting,
        })
        .collect();
    let sittings = commission::sittings(conn)?
        .into_iter()
        .map(|s| SittingDay {
            id: s.id,
            absent: s
                .attendance
                .iter()
                .filter(|a| matches!(a.status, Some(Attendance::Absent | Attendance::Excused)))
                .map(|a| a.member_id)
                .collect(),
            date: s.date,
        })
        .collect();
    let recusals = commission::recusals(conn)?
        .into_iter()
        .map(|r| RecusalNote {
            member_id: r.member_id,
            member_name: r.member_name,
            candidate_id: r.candidate_id,
            reason: r.reason,
        })
        .collect();
    let hearings: HashMap<i64, i64> = {
        let mut stmt = conn.prepare("SELECT candidate, sitting FROM hearing")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let dossier_of: HashMap<i64, &crate::dossier::Dossier> =
        dossiers.iter().map(|d| (d.candidate_id, d)).collect();
    let entrants = candidates
        .iter()
        .map(|c| {
            let dossier = dossier_of.get(&c.id);
            Entrant {
                id: c.id,
                display_name: c.display_name.clone(),
                category: c.category,
                discipline: c.discipline,
                sitting: hearings.get(&c.id).copied(),
                locked: locked.contains(&c.id),
                dossier_label: dossier
                    .map(|d| d.eligibility.label.clone())
                    .unwrap_or_default(),
                dossier_ok: dossier
                    .is_some_and(|d| d.eligibility.status == crate::dossier::Eligibility::Complete),
            }
        })
        .collect();
    let scores = {
        let mut stmt =
            conn.prepare_cached("SELECT member, candidate, criterion, value FROM score")?;
        let rows = stmt.query_map([], |r| {
            Ok(Score {
                member: r.get(0)?,
                candidate: r.get(1)?,
                criterion: r.get(2)?,
                value: r.get(3)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let academic = academic_values_of(conn, &grid, candidates)?;
    Ok(RankingData {
        grid,
        rules,
        members,
        sittings,
        recusals,
        candidates: entrants,
        scores,
        academic,
    })
}

/// Scores by candidate, member and criterion (each by its rank in a list).
struct ScoreTable<'a> {
    members: &'a [i64],
    criteria: &'a [i64],
    values: Vec<Option<i64>>,
    /// Candidates with at least one score.
    scored: Vec<bool>,
}

impl<'a> ScoreTable<'a> {
    fn new(
        scores: &[Score],
        candidates: &HashMap<i64, usize>,
        members: &'a [i64],
        criteria: &'a [i64],
    ) -> Self {
        let mut t = ScoreTable {
            members,
            criteria,
            values: vec![None; candidates.len() * members.len() * criteria.len()],
            scored: vec![false; candidates.len()],
        };
        // In the order given; the positions of the last member and candidate are kept.
        let (mut member, mut candidate) = ((i64::MIN, None), (i64::MIN, None));
        for s in scores {
            let (m, c, k, v) = (s.member, s.candidate, s.criterion, s.value);
            if member.0 != m {
                member = (m, members.iter().position(|x| *x == m));
            }
            if candidate.0 != c {
                candidate = (c, candidates.get(&c).copied());
            }
            let (Some(mi), Some(ci), Some(ki)) =
                (member.1, candidate.1, criteria.iter().position(|x| *x == k))
            else {
                continue;
            };
            t.values[(ci * members.len() + mi) * criteria.len() + ki] = Some(v);
            t.scored[ci] = true;
        }
        t
    }

    /// The score a member gave a candidate (by rank) on a criterion.
    fn get(&self, candidate: usize, member: i64, criterion: i64) -> Option<i64> {
        let mi = self.members.iter().position(|x| *x == member)?;
        let ki = self.criteria.iter().position(|x| *x == criterion)?;
        self.values
            .get((candidate * self.members.len() + mi) * self.criteria.len() + ki)
            .copied()
            .flatten()
    }

    /// Whether the candidate (by rank) has any score.
    fn any(&self, candidate: usize) -> bool {
        self.scored.get(candidate).copied().unwrap_or(false)
    }
}

/// The ranking rule: totals per block and per candidate, dispersion, severity,
/// normalisation, distributions and the groups, from plain data (no file). The ranks
/// themselves are given by the allocation (see `allocation::rank`).
pub fn from_data(data: &RankingData) -> Ranking {
    let RankingData {
        grid,
        rules,
        members,
        sittings,
        recusals,
        candidates,
        scores,
        academic,
    } = data;
    let absent: HashSet<(i64, i64)> = sittings
        .iter()
        .flat_map(|s| s.absent.iter().map(move |m| (s.id, *m)))
        .collect();
    // Every score in a table: candidate, then member, then criterion (ranks in the lists
    // below), read once; the lookups below are array indexing.
    let member_ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let criterion_ids: Vec<i64> = grid.criteria().map(|c| c.id).collect();
    let candidate_rank: HashMap<i64, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let scores = ScoreTable::new(scores, &candidate_rank, &member_ids, &criterion_ids);
    let academic_of: HashMap<(i64, i64), &AcademicValue> = academic
        .iter()
        .map(|a| ((a.candidate_id, a.criterion_id), a))
        .collect();
    let member_criteria: Vec<&super::Criterion> = grid
        .criteria()
        .filter(|c| c.source == Source::Members)
        .collect();
    // Member totals are in ten-thousandths of a point (weight × value, both hundredths).
    let members_max: i64 = member_criteria
        .iter()
        .map(|c| c.max_cents() * c.weight_cents())
        .sum();
    let threshold = members_max as f64 * rules.disagreement_percent as f64 / 100.0;
    let voting: Vec<&Scorer> = members.iter().filter(|m| m.voting).collect();

    struct Work {
        result: CandidateResult,
        member_raw: Vec<(i64, i64)>,
        academic_cents: f64,
        /// What the total is multiplied by (a PADHUE candidate's waived academic block).
        scale: f64,
    }
    // The points of the academic criteria, which a PADHUE candidate's total may leave out.
    let academic_max: f64 = grid
        .criteria()
        .filter(|c| c.source == Source::Academic)
        .map(|c| c.max_points())
        .sum();
    // Each candidate's results on their own: worked out on every core.
    let ranks: Vec<usize> = (0..candidates.len()).collect();
    let mut work: Vec<Work> = crate::parallel::on_every_core(&ranks, 256, |&rank| {
        let cand = &candidates[rank];
        let sitting = cand.sitting;
        let recused_here: Vec<&RecusalNote> = recusals
            .iter()
            .filter(|r| r.candidate_id == cand.id)
            .collect();
        let expected: Vec<&&Scorer> = voting
            .iter()
            .filter(|m| !recused_here.iter().any(|r| r.member_id == m.id))
            .filter(|m| sitting.is_none_or(|s| !absent.contains(&(s, m.id))))
            .collect();
        let heard = sitting.is_some() || scores.any(rank);
        let mut missing = Vec::new();
        let mut member_totals = Vec::new();
        let mut member_raw = Vec::new();
        for m in &expected {
            let values: Vec<(i64, i64)> = member_criteria
                .iter()
                .filter_map(|c| scores.get(rank, m.id, c.id).map(|v| (c.weight_cents(), v)))
                .collect();
            let n = values.len() as i64;
            let expected_n = member_criteria.len() as i64;
            let total = (n == expected_n).then(|| values.iter().map(|(w, v)| w * v).sum::<i64>());
            if let Some(t) = total {
                member_raw.push((m.id, t));
            } else if heard {
                missing.push(if n == 0 {
                    format!("{} n'a pas noté", m.name)
                } else {
                    format!(
                        "{} : {} sur {expected_n} non {}",
                        m.name,
                        fr::count(expected_n - n, "critère", "critères"),
                        fr::agree(expected_n - n, "noté", "notés")
                    )
                });
            }
            member_totals.push(MemberTotal {
                member_id: m.id,
                name: m.name.clone(),
                total: total.map(|t| t as f64 / 10_000.0),
                display: match total {
                    Some(t) => fr::number(t as f64 / 10_000.0, 2),
                    None => format!("{n} / {expected_n} critères"),
                },
                normalised: None,
                scored: n,
                expected: expected_n,
            });
        }
        if heard && expected.is_empty() {
            missing
                .push("aucun membre ne peut noter ce candidat (tous déportés ou absents)".into());
        }
        let padhue = cand.category == Category::Padhue;
        // No French university results: the campaign either leaves the academic block out
        // (the rest brought to the full total) or has the commission score it.
        let waived = padhue && rules.padhue_academic == PadhueAcademic::Waived;
        let mut criteria = Vec::new();
        let mut academic_here = Vec::new();
        let mut academic_cents = 0.0;
        for c in grid.criteria() {
            let (value, count) = match c.source {
                Source::Members => {
                    let vals: Vec<i64> = expected
                        .iter()
                        .filter_map(|m| scores.get(rank, m.id, c.id))
                        .collect();
                    (aggregate(rules.aggregation, &vals), vals.len() as i64)
                }
                Source::Academic if waived => (None, 0),
                Source::Academic => {
                    let a = academic_of.get(&(cand.id, c.id)).copied();
                    if let Some(a) = a {
                        academic_here.push(a.clone());
                    }
                    let v = a.and_then(|a| a.value).map(|v| super::cents(v) as f64);
                    if v.is_none() && heard {
                        missing.push(if padhue {
                            format!("« {} » : à noter par la commission sur le diplôme et l'expérience du candidat (PADHUE) ; saisissez une note motivée", c.label)
                        } else {
                            format!("« {} » : non calculable (moyennes et rang manquants) ; saisissez une correction motivée", c.label)
                        });
                    }
                    if let Some(v) = v {
                        academic_cents += v * c.weight_cents() as f64 / 100.0;
                    }
                    (v, 0)
                }
            };
            criteria.push((c, value, count));
        }
        let mut blocks = Vec::new();
        let mut total_cents: Option<i64> = Some(0);
        for b in &grid.blocks {
            let mut sum = 0.0;
            let mut complete = true;
            let mut counted = false;
            for (c, value, _) in criteria
                .iter()
                .filter(|(c, _, _)| c.block == b.code)
                .filter(|(c, _, _)| !(waived && c.source == Source::Academic))
            {
                counted = true;
                match value {
                    Some(v) => sum += v * c.weight_cents() as f64 / 100.0,
                    None => complete = false,
                }
            }
            if waived && !counted {
                blocks.push(BlockTotal {
                    code: b.code,
                    label: b.label.clone(),
                    value: None,
                    display: "neutralisé".into(),
                    max: b.max_points,
                });
                continue;
            }
            let value = complete.then(|| sum.round() as i64);
            total_cents = match (total_cents, value) {
                (Some(t), Some(v)) => Some(t + v),
                _ => None,
            };
            blocks.push(BlockTotal {
                code: b.code,
                label: b.label.clone(),
                value: value.map(points),
                display: dash(value.map(points)),
                max: b.max_points,
            });
        }
        let scale = if waived && academic_max > 0.0 && grid.max_total > academic_max {
            grid.max_total / (grid.max_total - academic_max)
        } else {
            1.0
        };
        let total_cents = total_cents.map(|t| (t as f64 * scale).round() as i64);
        let total = if heard { total_cents.map(points) } else { None };
        let status = if !heard {
            Status::NotHeard
        } else if missing.is_empty() && total.is_some() {
            Status::Complete
        } else {
            Status::Incomplete
        };
        let (spread, std_dev) = if member_raw.len() >= 2 {
            let vals: Vec<f64> = member_raw
                .iter()
                .map(|(_, t)| *t as f64 / 10_000.0)
                .collect();
            let max = vals.iter().cloned().fold(f64::MIN, f64::max);
            let min = vals.iter().cloned().fold(f64::MAX, f64::min);
            let mean = vals.iter().sum::<f64>() / vals.len() as f64;
            let var = vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / vals.len() as f64;
            (Some(max - min), Some((var.sqrt() * 100.0).round() / 100.0))
        } else {
            (None, None)
        };
        let disagreement = spread.is_some_and(|s| s * 10_000.0 > threshold + 1e-9);
        Work {
            result: CandidateResult {
                candidate_id: cand.id,
                display_name: cand.display_name.clone(),
                category: cand.category,
                discipline: cand.discipline,
                sitting_id: sitting,
                sitting_display: sitting
                    .and_then(|s| sittings.iter().find(|x| x.id == s))
                    .and_then(|s| fr::parse_date(&s.date).map(fr::date_short))
                    .unwrap_or_default(),
                status,
                status_label: match status {
                    Status::Complete => "Notes complètes",
                    Status::Incomplete => "Notes incomplètes",
                    Status::NotHeard => "Non entendu",
                }
                .into(),
                blocks,
                criteria: criteria
                    .iter()
                    .map(|(c, v, n)| CriterionResult {
                        criterion_id: c.id,
                        value: v.map(|v| (v).round() / 100.0),
                        display: dash(v.map(|v| v.round() / 100.0)),
                        count: *n,
                    })
                    .collect(),
                total,
                total_display: dash(total),
                normalised_total: None,
                normalised_display: String::new(),
                rank: None,
                rank_display: String::new(),
                excluded: String::new(),
                members: member_totals,
                recused: recused_here
                    .iter()
                    .map(|r| format!("{} — {}", r.member_name, r.reason))
                    .collect(),
                missing,
                spread,
                spread_display: spread
                    .map(|s| {
                        format!(
                            "{} point{}",
                            fr::number(s, 2),
                            if s >= 2.0 { "s" } else { "" }
                        )
                    })
                    .unwrap_or_default(),
                std_dev,
                disagreement,
                academic: academic_here,
                locked: cand.locked,
                dossier_label: cand.dossier_label.clone(),
                dossier_ok: cand.dossier_ok,
            },
            member_raw,
            academic_cents,
            scale,
        }
    });

    // Severity: each member's mean gap to the mean of the members' totals.
    let mut gaps: HashMap<i64, Vec<f64>> = HashMap::new();
    for w in &work {
        if w.member_raw.len() < 2 {
            continue;
        }
        let mean =
            w.member_raw.iter().map(|(_, t)| *t as f64).sum::<f64>() / w.member_raw.len() as f64;
        for (m, t) in &w.member_raw {
            gaps.entry(*m)
                .or_default()
                .push((*t as f64 - mean) / 10_000.0);
        }
    }
    let severity = voting
        .iter()
        .map(|m| {
            let g = gaps.get(&m.id);
            let mean_gap = g.map(|g| g.iter().sum::<f64>() / g.len() as f64);
            let display = match mean_gap {
                None => "Pas assez de notes pour comparer".into(),
                Some(x) if x.abs() < 0.05 => "Dans la moyenne de la commission".into(),
                Some(x) => format!(
                    "{}{} point{} en moyenne ({})",
                    if x > 0.0 { "+" } else { "−" },
                    fr::number(x.abs(), 1),
                    if x.abs() >= 2.0 { "s" } else { "" },
                    if x > 0.0 {
                        "plus indulgent"
                    } else {
                        "plus sévère"
                    }
                ),
            };
            MemberSeverity {
                member_id: m.id,
                name: m.name.clone(),
                candidates: g.map(|g| g.len() as i64).unwrap_or(0),
                mean_gap: mean_gap.map(|x| (x * 100.0).round() / 100.0),
                display,
            }
        })
        .collect();

    // Normalisation: each member's totals as z-scores (against their own mean and spread,
    // from 3 candidates on), rescaled to the commission's mean and to the members' pooled
    // spread, then combined like raw totals. A member's severity or leniency is removed;
    // the order in which each member placed the candidates is kept.
    if rules.normalise {
        let all: Vec<f64> = work
            .iter()
            .flat_map(|w| w.member_raw.iter().map(|(_, t)| *t as f64))
            .collect();
        if all.len() >= 2 {
            let mu = all.iter().sum::<f64>() / all.len() as f64;
            let mut per_member: HashMap<i64, (f64, f64)> = HashMap::new();
            for m in &voting {
                let v: Vec<f64> = work
                    .iter()
                    .flat_map(|w| {
                        w.member_raw
                            .iter()
                            .filter(|(id, _)| *id == m.id)
                            .map(|(_, t)| *t as f64)
                    })
                    .collect();
                if v.len() >= 3 {
                    let mm = v.iter().sum::<f64>() / v.len() as f64;
                    let ms =
                        (v.iter().map(|x| (x - mm).powi(2)).sum::<f64>() / v.len() as f64).sqrt();
                    per_member.insert(m.id, (mm, ms));
                }
            }
            let sd = if per_member.is_empty() {
                0.0
            } else {
                (per_member.values().map(|(_, s)| s * s).sum::<f64>() / per_member.len() as f64)
                    .sqrt()
            };
            for w in &mut work {
                let mut normalised: Vec<i64> = Vec::new();
                for (m, t) in &w.member_raw {
                    let n = match per_member.get(m) {
                        Some((mm, ms)) if *ms > 0.0 => {
                            (mu + (*t as f64 - mm) / ms * sd).clamp(0.0, members_max as f64)
                        }
                        _ => *t as f64,
                    }
                    .round() as i64;
                    if let Some(mt) = w.result.members.iter_mut().find(|x| x.member_id == *m) {
                        mt.normalised = Some((n as f64 / 100.0).round() / 100.0);
                    }
                    normalised.push(n);
                }
                if w.result.total.is_some() {
                    if let Some(agg) = aggregate(rules.aggregation, &normalised) {
                        let cents = ((agg / 100.0 + w.academic_cents) * w.scale).round() as i64;
                        w.result.normalised_total = Some(points(cents));
                        w.result.normalised_display = show_cents(cents);
                    }
                }
            }
        }
    }

    let distributions = member_criteria
        .iter()
        .map(|c| {
            let step = c.step_cents();
            let n = c.max_cents() / step + 1;
            let width = step * ((n + 20) / 21).max(1);
            // Every member's value of this criterion, read once, counted into its bucket.
            let mut counts = vec![0i64; (c.max_cents() / width + 1).max(1) as usize];
            for v in work
                .iter()
                .enumerate()
                .flat_map(|(rank, w)| w.result.members.iter().map(move |m| (rank, m.member_id)))
                .filter_map(|(rank, m)| scores.get(rank, m, c.id))
                .filter(|v| (0..=c.max_cents()).contains(v))
            {
                if let Some(n) = counts.get_mut((v / width) as usize) {
                    *n += 1;
                }
            }
            let mut buckets = Vec::new();
            let mut lo = 0;
            while lo <= c.max_cents() {
                let hi = (lo + width - step).min(c.max_cents());
                let count = counts.get((lo / width) as usize).copied().unwrap_or(0);
                buckets.push(Bucket {
                    label: if hi == lo {
                        show_cents(lo)
                    } else {
                        format!("{} à {}", show_cents(lo), show_cents(hi))
                    },
                    count,
                });
                lo += width;
            }
            Distribution {
                criterion_id: c.id,
                label: c.label.clone(),
                buckets,
            }
        })
        .collect();

    // Groups and ranks (each result moves into its group).
    let mut results: Vec<CandidateResult> = work.into_iter().map(|w| w.result).collect();
    let mut groups: Vec<RankingGroup> = Vec::new();
    for (category, discipline) in crate::campaign::cells() {
        let mut rows: Vec<CandidateResult> = results
            .extract_if(.., |r| r.category == category && r.discipline == discipline)
            .collect();
        if rows.is_empty() {
            continue;
        }
        // Best total first: the ranks themselves come from the allocation, which knows
        // who passes the conditions to be ranked (see `Campaign::ranking`).
        rows.sort_by_key(|r| std::cmp::Reverse(r.total.map(super::cents)));
        groups.push(RankingGroup {
            category,
            discipline,
            label: crate::candidate::group_label(category, discipline),
            rows,
        });
    }

    Ranking {
        aggregation_label: rules.aggregation.label().into(),
        normalised: rules.normalise,
        max_total: grid.max_total,
        members_max: members_max as f64 / 10_000.0,
        disagreement_threshold: threshold / 10_000.0,
        disagreement_label: format!(
            "Écart entre les totaux des membres supérieur à {} points ({} % du maximum noté par les membres)",
            fr::number(threshold / 10_000.0, 2),
            rules.disagreement_percent
        ),
        groups,
        severity,
        distributions,
        academic_formula: super::ACADEMIC_FORMULA.into(),
    }
}

#[cfg(test)]
mod tests;
