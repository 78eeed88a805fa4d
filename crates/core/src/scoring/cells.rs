//! What the scoring grid shows in each cell before anyone types: who may score whom (in
//! the order of the check made on every save) and each member's running total, counted
//! in hundredths like the ranking.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{cents, show_cents, BlockInput, Grid, ScoreBoard, ScoreCell, Source};
use crate::commission::Attendance;

/// Why a member cannot score a candidate now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Blocked {
    /// The member has no vote: they do not score.
    NonVoting,
    /// The member is recused for the candidate.
    Recused,
    /// The member is absent or excused at the sitting where the candidate is heard.
    Absent,
    /// The candidate's scores are validated.
    Locked,
}

/// A cell that cannot be filled: `sitting_id` is set when it holds only while scoring a
/// candidate not heard yet at that sitting; none when it holds whatever the sitting. Cells
/// of one member and one candidate come in the order of the check on save: the first that
/// applies is the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BlockedCell {
    /// The member.
    pub member_id: i64,
    /// The candidate.
    pub candidate_id: i64,
    /// The sitting it holds at, none: at any sitting.
    pub sitting_id: Option<i64>,
    /// Why.
    pub blocked: Blocked,
}

/// One member's weighted total for one candidate, from the scores given so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunningTotal {
    /// The member.
    pub member_id: i64,
    /// The candidate.
    pub candidate_id: i64,
    /// "12,5".
    pub total: String,
    /// How many criteria the member scored.
    pub scored: i64,
}

fn away(a: Option<Attendance>) -> bool {
    matches!(a, Some(Attendance::Absent | Attendance::Excused))
}

/// Every cell of `candidates` that cannot be filled, with why (the rules of the check on
/// save: voting, recusal, presence at the hearing, validation). Linear in the cells: the
/// recusals, hearings, validations and presences are indexed first.
pub fn blocked_cells(board: &ScoreBoard, candidates: &[i64]) -> Vec<BlockedCell> {
    let presence: HashMap<(i64, i64), Attendance> = board
        .sittings
        .iter()
        .flat_map(|s| {
            s.attendance
                .iter()
                .filter_map(move |a| a.status.map(|st| ((s.id, a.member_id), st)))
        })
        .collect();
    let away_at = |sitting: i64, member: i64| away(presence.get(&(sitting, member)).copied());
    let recused: HashSet<(i64, i64)> = board
        .recusals
        .iter()
        .map(|r| (r.member_id, r.candidate_id))
        .collect();
    let heard: HashMap<i64, i64> = board
        .hearings
        .iter()
        .map(|h| (h.candidate_id, h.sitting_id))
        .collect();
    let locked: HashSet<i64> = board.locked.iter().copied().collect();
    let mut out = Vec::new();
    for m in &board.members {
        // The sittings this member misses, for candidates not heard yet.
        let missed: Vec<i64> = board
            .sittings
            .iter()
            .filter(|s| away_at(s.id, m.id))
            .map(|s| s.id)
            .collect();
        for &c in candidates {
            let mut push = |sitting_id, blocked| {
                out.push(BlockedCell {
                    member_id: m.id,
                    candidate_id: c,
                    sitting_id,
                    blocked,
                })
            };
            if !m.voting {
                push(None, Blocked::NonVoting);
                continue;
            }
            if recused.contains(&(m.id, c)) {
                push(None, Blocked::Recused);
                continue;
            }
            match heard.get(&c) {
                Some(&s) if away_at(s, m.id) => {
                    push(None, Blocked::Absent);
                    continue;
                }
                Some(_) => {}
                None => {
                    for &s in &missed {
                        push(Some(s), Blocked::Absent);
                    }
                }
            }
            if locked.contains(&c) {
                push(None, Blocked::Locked);
            }
        }
    }
    out
}

/// Each member's weighted total for each candidate they scored, in hundredths then shown
/// in French, in the order the pairs first appear in `scores`.
pub fn running_totals(grid: &Grid, scores: &[ScoreCell]) -> Vec<RunningTotal> {
    let mut out: Vec<(i64, i64, i64, i64)> = Vec::new();
    let mut at: HashMap<(i64, i64), usize> = HashMap::new();
    for s in scores {
        let Some(c) = grid
            .criterion(s.criterion_id)
            .filter(|c| c.source == Source::Members)
        else {
            continue;
        };
        let points = cents(s.value) * c.weight_cents() / 100;
        match at.entry((s.member_id, s.candidate_id)) {
            Entry::Occupied(i) => {
                let t = &mut out[*i.get()];
                t.2 += points;
                t.3 += 1;
            }
            Entry::Vacant(v) => {
                v.insert(out.len());
                out.push((s.member_id, s.candidate_id, points, 1));
            }
        }
    }
    out.into_iter()
        .map(|(member_id, candidate_id, total, scored)| RunningTotal {
            member_id,
            candidate_id,
            total: show_cents(total),
            scored,
        })
        .collect()
}

/// One member's running total for one candidate, read from the file: the total shown
/// and how many criteria were scored.
pub(crate) fn running_total_of(
    conn: &rusqlite::Connection,
    grid: &Grid,
    member: i64,
    candidate: i64,
) -> crate::error::Result<(String, i64)> {
    let scores = conn
        .prepare_cached("SELECT criterion, value FROM score WHERE member = ?1 AND candidate = ?2")?
        .query_map([member, candidate], |r| {
            Ok(ScoreCell {
                member_id: member,
                candidate_id: candidate,
                criterion_id: r.get(0)?,
                value: super::points(r.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(match running_totals(grid, &scores).pop() {
        Some(t) => (t.total, t.scored),
        None => (show_cents(0), 0),
    })
}

/// The most a member's scores add up to (the criteria members score), in French.
pub fn member_max(grid: &Grid) -> String {
    show_cents(
        grid.blocks
            .iter()
            .flat_map(|b| &b.criteria)
            .filter(|c| c.source == Source::Members)
            .map(|c| c.max_cents() * c.weight_cents() / 100)
            .sum(),
    )
}

/// The most a block adds up to as typed in the grid editor ("15"), counted like the saved
/// grid; none while a maximum or a weight cannot be read.
pub fn block_max_typed(block: &BlockInput) -> Option<String> {
    let mut sum = 0;
    for c in &block.criteria {
        let max = crate::fr::parse_hundredths(&c.scale_max)?;
        let weight = crate::fr::parse_hundredths(&c.weight)?;
        sum += max * weight / 100;
    }
    Some(show_cents(sum))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{BlockCode, CriterionInput};

    fn criterion(max: &str, weight: &str) -> CriterionInput {
        CriterionInput {
            label: "Motivation".into(),
            source: Source::Members,
            scale_max: max.into(),
            step: "0,5".into(),
            weight: weight.into(),
            low: String::new(),
            middle: String::new(),
            high: String::new(),
        }
    }

    #[test]
    fn a_block_maximum_as_typed_is_counted_in_hundredths() {
        let block = |criteria| BlockInput {
            code: BlockCode::Interview,
            label: "Entretien".into(),
            criteria,
        };
        // 0,1 × 3 three times is 0,9, not 0,30000000000000004 × 3.
        let b = block(vec![
            criterion("0,1", "3"),
            criterion("0,1", "3"),
            criterion("0,1", "3"),
        ]);
        assert_eq!(block_max_typed(&b).as_deref(), Some("0,9"));
        let b = block(vec![criterion("5", "1,5"), criterion("10", "2")]);
        assert_eq!(block_max_typed(&b).as_deref(), Some("27,5"));
        let b = block(vec![criterion("5", "deux")]);
        assert_eq!(block_max_typed(&b), None);
    }
}
