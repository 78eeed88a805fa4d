//! A member's desk in a connected sitting: what one member sees on their own device for the
//! candidate under deliberation, and what they may do there. The same checks as a score
//! typed in the grid decide it ([`super::scores::check_scorer`], the validation lock, the
//! seal and a read-only file), so the page never offers what the write would refuse.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::cents::show_cents;
use super::grid::{grid, Source};
use super::scores::check_scorer;
use crate::campaign::Campaign;
use crate::commission::check_unlocked;
use crate::error::{Error, Result};
use crate::fr;

/// What a member may do for the candidate on their desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum DeskState {
    /// No candidate is under deliberation yet.
    Waiting,
    /// The member may score the candidate.
    Open,
    /// The member is recused for this candidate.
    Recused,
    /// The member is marked absent or excused at the sitting.
    Absent,
    /// The candidate's scores are validated: read-only.
    Validated,
    /// Nothing can be written: the minutes are sealed or the file is open read-only.
    Closed,
}

/// One criterion on a member's desk, with the member's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeskCriterion {
    /// The criterion.
    pub id: i64,
    /// "Projet professionnel".
    pub block_label: String,
    /// "Motivation et engagement".
    pub label: String,
    /// "de 0 à 5, par pas de 0,5 — coefficient 1".
    pub scale_display: String,
    /// Highest value, in French: "5".
    pub max: String,
    /// The step, in French: "0,5".
    pub step: String,
    /// What a low, a middle and a high value mean.
    pub low: String,
    /// What a middle value means.
    pub middle: String,
    /// What a high value means.
    pub high: String,
    /// The member's value, in French ("3,5"); empty when not scored.
    pub value: String,
}

/// The candidate under deliberation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeskCandidate {
    /// Identifier.
    pub id: i64,
    /// "DUPONT Camille".
    pub name: String,
    /// "Étudiant en médecine".
    pub category_label: String,
}

/// What one member sees on their own device.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Desk {
    /// The member.
    pub member_id: i64,
    /// "Pr Anne MARTIN".
    pub member_name: String,
    /// The sitting.
    pub sitting_id: i64,
    /// "Séance du jeudi 16 janvier 2025 à 14 h 30".
    pub sitting_label: String,
    /// The candidate under deliberation, if any.
    pub candidate: Option<DeskCandidate>,
    /// What the member may do.
    pub state: DeskState,
    /// Why, in French, when the member may not score ("Vous êtes déporté(e)…"); empty
    /// when they may.
    pub message: String,
    /// The criteria the members score, in grid order, with this member's values (empty
    /// while no candidate is under deliberation).
    pub criteria: Vec<DeskCriterion>,
    /// The member's running total for the candidate: "12,5".
    pub total: String,
    /// The most it can reach: "40".
    pub member_max: String,
    /// How many criteria the member has scored for the candidate.
    pub scored: i64,
}

fn sitting_label(conn: &Connection, sitting: i64) -> Result<String> {
    let row: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT date, start_time FROM sitting WHERE id = ?1",
            [sitting],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (date, start) = row.ok_or_else(|| Error::Missing {
        what: format!("La séance n° {sitting}"),
    })?;
    let day = fr::parse_date(&date).map(fr::date_long).unwrap_or(date);
    let at = start
        .as_deref()
        .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok())
        .map(|t| {
            use chrono::Timelike;
            format!(" à {}", fr::time(t.hour(), t.minute()))
        })
        .unwrap_or_default();
    Ok(format!("Séance du {day}{at}"))
}

/// Why nothing can be written to the campaign, if so: a read-only file or sealed minutes.
pub(crate) fn closed(campaign: &Campaign) -> Result<Option<Error>> {
    if campaign.is_read_only() {
        return Ok(Some(Error::ReadOnlyView(campaign.path().to_path_buf())));
    }
    crate::store::sealed_minutes(campaign.conn())
}

impl Campaign {
    /// What `member` sees on their own device at `sitting`, with `candidate` under
    /// deliberation (`None`: waiting for the secretary to choose one).
    pub fn desk(&self, sitting: i64, member: i64, candidate: Option<i64>) -> Result<Desk> {
        let conn = self.conn();
        let sitting_label = sitting_label(conn, sitting)?;
        let member_name: String = conn
            .query_row("SELECT name FROM member WHERE id = ?1", [member], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::Missing {
                what: format!("Le membre n° {member}"),
            })?;
        let grid = grid(conn)?;
        let mut desk = Desk {
            member_id: member,
            member_name,
            sitting_id: sitting,
            sitting_label,
            candidate: None,
            state: DeskState::Waiting,
            message: String::new(),
            criteria: Vec::new(),
            total: String::new(),
            member_max: super::cells::member_max(&grid),
            scored: 0,
        };
        let Some(candidate) = candidate else {
            return Ok(desk);
        };
        let row = crate::candidate::get(conn, candidate).map_err(|_| Error::Missing {
            what: format!("Le candidat n° {candidate}"),
        })?;
        desk.candidate = Some(DeskCandidate {
            id: row.id,
            name: row.display_name,
            category_label: row.category_label,
        });
        let mut values = conn.prepare_cached(
            "SELECT criterion, value FROM score WHERE member = ?1 AND candidate = ?2",
        )?;
        let values = values
            .query_map([member, candidate], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
        for block in &grid.blocks {
            for c in block
                .criteria
                .iter()
                .filter(|c| c.source == Source::Members)
            {
                desk.criteria.push(DeskCriterion {
                    id: c.id,
                    block_label: block.label.clone(),
                    label: c.label.clone(),
                    scale_display: c.scale_display.clone(),
                    max: show_cents(c.max_cents()),
                    step: show_cents(c.step_cents()),
                    low: c.low.clone(),
                    middle: c.middle.clone(),
                    high: c.high.clone(),
                    value: values
                        .get(&c.id)
                        .copied()
                        .map(show_cents)
                        .unwrap_or_default(),
                });
            }
        }
        let (total, scored) = super::cells::running_total_of(conn, &grid, member, candidate)?;
        desk.total = total;
        desk.scored = scored;
        let (state, message) = if let Some(e) = closed(self)? {
            (DeskState::Closed, e.to_string())
        } else {
            match check_scorer(conn, member, candidate, Some(sitting)) {
                Err(Error::Refused(crate::Refusal::MemberRecused, m)) => (DeskState::Recused, m),
                Err(Error::Refused(crate::Refusal::MemberAbsent, m)) => (DeskState::Absent, m),
                Err(Error::Refused(_, m)) => (DeskState::Closed, m),
                Err(e) => return Err(e),
                Ok(_) => match check_unlocked(conn, candidate) {
                    Err(Error::Refused(_, m)) => (DeskState::Validated, m),
                    Err(e) => return Err(e),
                    Ok(()) => (DeskState::Open, String::new()),
                },
            }
        };
        desk.state = state;
        desk.message = message;
        Ok(desk)
    }
}

impl Campaign {
    /// The voting members marked present at `sitting`: those who score from their own
    /// device in a connected sitting. Refused when there are none (the roll call first).
    pub fn voters_present(&self, sitting: i64) -> Result<Vec<crate::commission::Member>> {
        let s = self
            .sittings()?
            .into_iter()
            .find(|s| s.id == sitting)
            .ok_or_else(|| Error::Missing {
                what: format!("La séance n° {sitting}"),
            })?;
        let present: std::collections::HashSet<i64> = s
            .attendance
            .iter()
            .filter(|a| a.status == Some(crate::commission::Attendance::Present))
            .map(|a| a.member_id)
            .collect();
        let voters: Vec<_> = self
            .members()?
            .into_iter()
            .filter(|m| m.voting && present.contains(&m.id))
            .collect();
        if voters.is_empty() {
            return Err(Error::Refused(
                crate::Refusal::NoVotingMember,
                format!(
                    "Aucun membre votant n'est noté présent à la séance du {} : notez les présences (« Commission », « Séances et présences ») avant d'ouvrir la séance connectée.",
                    s.date_display
                ),
            ));
        }
        Ok(voters)
    }
}
