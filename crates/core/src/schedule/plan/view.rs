//! The plan as the screens read it: each interview with its names, the candidates still
//! waiting, the timetable's days, the plan's quality and the conflicts a changed setup made.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;

use super::setup::{iso, show_minutes, HalfDayPart};
use super::stored::{problem, stored_interviews, to_hear};
use crate::campaign::Campaign;
use crate::candidate::CandidateRow;
use crate::error::Result;
use crate::fr;
use crate::schedule::solver;

/// One interview of the plan, as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedInterview {
    /// The candidate.
    pub candidate_id: i64,
    /// "DUPONT Marie".
    pub candidate_name: String,
    /// "Étudiant — médecine".
    pub category_label: String,
    /// The jury.
    pub jury_id: i64,
    /// "Jury 1 — Salle 2.14".
    pub jury_label: String,
    /// ISO date.
    pub date: String,
    /// "jeudi 16 janvier 2027".
    pub date_display: String,
    /// Minutes since midnight.
    pub start: i64,
    /// Minutes since midnight.
    pub end: i64,
    /// "14 h 30".
    pub start_display: String,
    /// Kept when planning again.
    pub pinned: bool,
}

/// A candidate to hear who has no interview yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WaitingCandidate {
    /// The candidate.
    pub id: i64,
    /// "DUPONT Marie".
    pub name: String,
    /// "Étudiant — médecine".
    pub category_label: String,
}

/// A slot of a day's grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GridSlot {
    /// Minutes since midnight.
    pub start: i64,
    /// Minutes since midnight.
    pub end: i64,
    /// "14 h 30".
    pub start_display: String,
    /// Morning or afternoon.
    pub part: HalfDayPart,
}

/// A break of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GridBreak {
    /// Minutes since midnight.
    pub start: i64,
    /// Minutes since midnight.
    pub end: i64,
    /// "12 h 30 – 13 h 30".
    pub display: String,
}

/// Who of a jury sits on a half-day, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GridSitting {
    /// The jury.
    pub jury_id: i64,
    /// Morning or afternoon.
    pub part: HalfDayPart,
    /// Members present ("Pr Anne LEROY").
    pub members: Vec<String>,
    /// Whether the jury can sit.
    pub sits: bool,
    /// Why it cannot, in French.
    pub reason: Option<String>,
}

/// A day of the timetable: its slots, breaks and who sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GridDay {
    /// ISO date.
    pub date: String,
    /// "jeudi 14 janvier 2027".
    pub date_display: String,
    /// Where.
    pub place: String,
    /// The slots, by start.
    pub slots: Vec<GridSlot>,
    /// The breaks, by start.
    pub breaks: Vec<GridBreak>,
    /// Each jury's half-days.
    pub sittings: Vec<GridSitting>,
}

/// Where an interview could go, and what would break there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MoveTarget {
    /// The jury.
    pub jury_id: i64,
    /// ISO date.
    pub date: String,
    /// Minutes since midnight.
    pub start: i64,
    /// What the move would break, in French (empty: the move is allowed).
    pub conflicts: Vec<String>,
}

/// Convocations that went out: what planning again must respect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConvocationsOut {
    /// Candidates who received a convocation.
    pub candidates: u32,
    /// When the latest went out (« 03/12/2026 à 10 h 16 »).
    pub last_display: String,
    /// Convocations to send now that the plan changed: amended ones, first ones for
    /// candidates newly planned, and cancellations.
    pub to_send: u32,
}

/// What a candidate will be sent once a new plan is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ConvocationAction {
    /// Nothing (no convocation out yet, or back to the slot convoked to).
    Nothing,
    /// A « Convocation rectificative ».
    Amended,
    /// A cancellation of the interview.
    Cancellation,
    /// A first convocation (convocations are out, this candidate had none).
    First,
}

/// A change a new plan makes for one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanChange {
    /// The candidate.
    pub candidate_id: i64,
    /// "DUPONT Marie".
    pub name: String,
    /// « jeudi 14 janvier 2027 à 9 h — Jury 1 »; none: not planned before.
    pub before: Option<String>,
    /// The same after; none: no longer planned.
    pub after: Option<String>,
    /// Whether the candidate holds a convocation.
    pub convoked: bool,
    /// What they will be sent once the plan is accepted.
    pub sends: ConvocationAction,
}

/// What planning again would do, before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanPreview {
    /// The quality line of the new plan.
    pub quality: String,
    /// The solver's remarks (days used, juries, moves…).
    pub notes: Vec<String>,
    /// Who moves, from when to when, by name.
    pub changes: Vec<PlanChange>,
    /// Whether convocations went out (the plan was computed to move as little as possible).
    pub replan: bool,
}

/// The plan as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScheduleView {
    /// Interviews by day, time and jury.
    pub interviews: Vec<PlannedInterview>,
    /// Candidates to hear who have no interview yet.
    pub unplaced: Vec<WaitingCandidate>,
    /// The days of the timetable (empty while the setup has none or is wrong).
    pub days: Vec<GridDay>,
    /// Every candidate to hear (eligible dossier), by name: for the setup's pickers.
    pub to_hear: Vec<WaitingCandidate>,
    /// Why the stored setup cannot be used, in French (then `days` is empty).
    pub setup_error: Option<String>,
    /// "2 jours, 0 min d'attente, 3 préférences sur 4 respectées".
    pub quality: String,
    /// Conflicts in the plan as it stands (after a change of the setup), in French.
    pub conflicts: Vec<String>,
    /// The juries: (identifier, "Jury 1 — Salle du conseil").
    pub juries: Vec<(i64, String)>,
    /// Convocations already out, if any.
    pub convocations: Option<ConvocationsOut>,
}

/// The quality line, in the order of the objective: the days used (named), the
/// interviews per jury, idle time, preferences, then mixed half-days.
pub(super) fn quality_text(p: &solver::Problem, interviews: &[solver::Interview]) -> String {
    let q = solver::quality(p, interviews);
    let days: std::collections::BTreeSet<chrono::NaiveDate> =
        interviews.iter().map(|i| i.date).collect();
    let names: Vec<String> = days.iter().map(|d| solver::fr_date(*d)).collect();
    let idle = if q.idle_minutes == 0 {
        "aucune attente entre deux entretiens".to_owned()
    } else {
        format!("{} d'attente au total", solver::fr_duration(q.idle_minutes))
    };
    let mut out = format!(
        "{} sur {}",
        fr::count(q.interviews, "entretien", "entretiens"),
        fr::count(q.days_used, "jour", "jours")
    );
    out.push_str(&days_named(&names));
    if p.juries.len() > 1 {
        let loads: Vec<String> = p
            .juries
            .iter()
            .map(|j| {
                let n = interviews.iter().filter(|i| i.jury == j.id).count();
                format!("{} pour {}", fr::integer(n), j.name)
            })
            .collect();
        out.push_str(&format!(", {}", solver::fr_list(&loads)));
    }
    out.push_str(&format!(", {idle}"));
    if q.preferences_asked > 0 {
        out.push_str(&format!(
            ", {} sur {} {}",
            fr::integer(q.preferences_met),
            fr::count(q.preferences_asked, "préférence", "préférences"),
            fr::agree(q.preferences_met, "respectée", "respectées")
        ));
    }
    if q.mixed_blocks > 0 {
        out.push_str(&format!(
            ", {} étudiants et internes",
            fr::count(
                q.mixed_blocks,
                "demi-journée mêlant",
                "demi-journées mêlant"
            )
        ));
    }
    out
}

/// The days used, in brackets after their count: « (jeudi 16/01 et vendredi 17/01) », or
/// a span « (du lundi 11/01 au vendredi 26/11) » ([`solver::fr_days`]); nothing without a day.
fn days_named(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" ({})", solver::fr_days(names))
    }
}

/// The plan as it stands, with its quality and the conflicts a change of the setup made.
pub fn view(conn: &Connection) -> Result<ScheduleView> {
    view_from(
        conn,
        &crate::candidate::list(conn)?,
        problem(conn).as_ref().map_err(|e| e.to_string()),
    )
}

/// [`view`] of `problem` as already worked out (or what is wrong with the setup), with
/// every candidate.
fn view_from(
    conn: &Connection,
    candidates: &[CandidateRow],
    problem: std::result::Result<&solver::Problem, String>,
) -> Result<ScheduleView> {
    let mut v = match &problem {
        Ok(p) => view_of(conn, candidates, Some(p), &stored_interviews(conn)?)?,
        Err(e) => {
            let mut v = view_of(conn, candidates, None, &stored_interviews(conn)?)?;
            v.setup_error = Some(e.clone());
            v
        }
    };
    v.convocations = match problem {
        Ok(p) => convocations_out(conn, p, candidates)?,
        // What must go cannot be said of a plan whose setup is wrong.
        Err(_) => None,
    };
    Ok(v)
}

/// The convocations out, and how many must go now.
pub(super) fn convocations_out(
    conn: &Connection,
    problem: &solver::Problem,
    candidates: &[CandidateRow],
) -> Result<Option<ConvocationsOut>> {
    let Some((issued, at)) = super::issued::last_issued(conn)? else {
        return Ok(None);
    };
    let histories = super::issued::histories(conn)?;
    let (_, plan) = super::printed(conn, problem, candidates)?;
    let pending = plan
        .appointments
        .iter()
        .filter(|a| super::issued::standing(histories.get(&a.candidate_id), a).pending)
        .count();
    Ok(Some(ConvocationsOut {
        candidates: issued as u32,
        last_display: fr::timestamp(&at),
        to_send: (pending + plan.cancelled.len()) as u32,
    }))
}

/// `stored` (interviews, pinned or not) as the screens show it, checked against `problem`.
pub(super) fn view_of(
    conn: &Connection,
    candidates: &[CandidateRow],
    problem: Option<&solver::Problem>,
    stored: &[(solver::Interview, bool)],
) -> Result<ScheduleView> {
    let names: HashMap<i64, &CandidateRow> = candidates.iter().map(|c| (c.id, c)).collect();
    let mut stmt = conn.prepare("SELECT id, name, room FROM jury")?;
    let juries: BTreeMap<i64, String> = stmt
        .query_map([], |r| {
            let (id, name, room): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok((
                id,
                if room.is_empty() {
                    name
                } else {
                    format!("{name} — {room}")
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let interviews: Vec<PlannedInterview> = stored
        .iter()
        .map(|(i, pinned)| PlannedInterview {
            candidate_id: i.candidate,
            candidate_name: names
                .get(&i.candidate)
                .map(|c| c.display_name.clone())
                .unwrap_or_default(),
            category_label: names
                .get(&i.candidate)
                .map(|c| c.category_label.clone())
                .unwrap_or_default(),
            jury_id: i.jury,
            jury_label: juries.get(&i.jury).cloned().unwrap_or_default(),
            date: iso(i.date),
            date_display: fr::date_long(i.date),
            start: i.start as i64,
            end: i.end as i64,
            start_display: show_minutes(i.start as i64),
            pinned: *pinned,
        })
        .collect();
    let plain: Vec<solver::Interview> = stored.iter().map(|(i, _)| *i).collect();
    let waiting = |c: &&CandidateRow| WaitingCandidate {
        id: c.id,
        name: c.display_name.clone(),
        category_label: c.category_label.clone(),
    };
    // The problem already holds who is to be heard (finding them reads every dossier).
    let mut to_hear: Vec<WaitingCandidate> = match problem {
        Some(p) => p
            .candidates
            .iter()
            .filter_map(|c| names.get(&c.id).map(waiting))
            .collect(),
        None => to_hear(conn)?.iter().map(|c| waiting(&c)).collect(),
    };
    to_hear.sort_by(|a, b| a.name.cmp(&b.name));
    let (quality, conflicts, unplaced, days) = match problem {
        Some(p) => (
            quality_text(p, &plain),
            {
                // The same conflict (a jury that cannot sit) may be met by several
                // interviews: said once.
                let mut seen = std::collections::HashSet::new();
                solver::check(p, &plain)
                    .into_iter()
                    .map(|c| c.message)
                    .filter(|m| seen.insert(m.clone()))
                    .collect()
            },
            {
                let planned: HashSet<i64> = plain.iter().map(|i| i.candidate).collect();
                p.candidates
                    .iter()
                    .filter(|c| !planned.contains(&c.id))
                    .filter_map(|c| names.get(&c.id).map(waiting))
                    .collect()
            },
            grid_days(conn, p)?,
        ),
        None => (String::new(), Vec::new(), Vec::new(), Vec::new()),
    };
    Ok(ScheduleView {
        interviews,
        unplaced,
        days,
        to_hear,
        setup_error: None,
        quality,
        conflicts,
        juries: juries.into_iter().collect(),
        convocations: None,
    })
}

/// The timetable's days: slots, breaks and who of each jury sits on each half-day.
fn grid_days(conn: &Connection, p: &solver::Problem) -> Result<Vec<GridDay>> {
    let places: BTreeMap<String, String> = conn
        .prepare("SELECT date, place FROM schedule_day")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let names: BTreeMap<i64, &str> = p.members.iter().map(|m| (m.id, m.name.as_str())).collect();
    let slots = solver::slots(p);
    let compositions = solver::compositions(p);
    let mut days: Vec<&solver::Day> = p.days.iter().collect();
    days.sort_by_key(|d| d.date);
    Ok(days
        .into_iter()
        .map(|d| GridDay {
            date: iso(d.date),
            date_display: fr::date_long(d.date),
            place: places.get(&iso(d.date)).cloned().unwrap_or_default(),
            slots: slots
                .iter()
                .filter(|s| s.date == d.date)
                .map(|s| GridSlot {
                    start: s.start as i64,
                    end: s.end as i64,
                    start_display: show_minutes(s.start as i64),
                    part: HalfDayPart::of(s.part),
                })
                .collect(),
            breaks: d
                .breaks
                .iter()
                .map(|b| GridBreak {
                    start: b.start as i64,
                    end: b.end as i64,
                    display: format!(
                        "{} – {}",
                        show_minutes(b.start as i64),
                        show_minutes(b.end as i64)
                    ),
                })
                .collect(),
            sittings: compositions
                .iter()
                .filter(|c| c.half_day.date == d.date)
                .map(|c| GridSitting {
                    jury_id: c.jury,
                    part: HalfDayPart::of(c.half_day.part),
                    members: c
                        .present
                        .iter()
                        .filter_map(|m| names.get(m).map(|n| (*n).to_owned()))
                        .collect(),
                    sits: c.sits,
                    reason: c.reason.clone(),
                })
                .collect(),
        })
        .collect())
}

impl Campaign {
    /// The plan as it stands.
    pub fn schedule(&self) -> Result<ScheduleView> {
        let kept = self
            .views()
            .view("schedule", Campaign::today_key(), |conn| {
                let problem = self.schedule_problem();
                view_from(
                    conn,
                    &self.candidate_rows()?,
                    problem.as_deref().map_err(|e| e.to_string()),
                )
            })?;
        Ok(kept.as_ref().clone())
    }

    /// The solver's problem for the campaign as stored, kept like the views
    /// ([`crate::store::Store::view`]): who is to be heard comes from the dossiers kept.
    pub(crate) fn schedule_problem(&self) -> Result<std::sync::Arc<solver::Problem>> {
        self.view_of_dossiers("schedule.problem", |conn, candidates, dossiers| {
            super::stored::problem_with(conn, || {
                Ok(super::stored::to_hear_of(candidates, dossiers))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::days_named;

    #[test]
    fn a_week_of_days_is_named_and_months_of_them_are_a_span() {
        let days = |n: usize| (1..=n).map(|d| format!("jour {d}")).collect::<Vec<_>>();
        assert_eq!(days_named(&[]), "");
        assert_eq!(days_named(&days(2)), " (jour 1 et jour 2)");
        assert_eq!(
            days_named(&days(5)),
            " (jour 1, jour 2, jour 3, jour 4 et jour 5)"
        );
        assert_eq!(days_named(&days(169)), " (du jour 1 au jour 169)");
    }
}
