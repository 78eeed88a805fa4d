//! Planning the interviews with the solver (pinned interviews kept, the previous plan
//! untouched when no plan exists) and changing the plan by hand: moving an interview with
//! the live check, pinning, freeing, withdrawing a candidate.

use crate::Refusal;
use rusqlite::{params, Connection};

use super::setup::{date_of, iso, minutes, show_minutes};
use super::stored::{problem, stored_interviews, write_plan};
use super::view::{quality_text, view, view_of, MoveTarget, ScheduleView};
use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::Entry;
use crate::schedule::solver;

/// What a move of `candidate`'s interview is checked against: the problem (the candidate's
/// own pin left out: it moves with them), the stored plan, and the conflicts the plan
/// already has (a changed setup) — only what the move adds counts.
fn move_context(
    conn: &Connection,
    candidate: i64,
) -> Result<(solver::Problem, Vec<solver::Interview>, Vec<String>)> {
    let mut problem = problem(conn)?;
    problem.pins.retain(|p| p.candidate != candidate);
    let plan: Vec<solver::Interview> = stored_interviews(conn)?
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    let before = solver::check(&problem, &plan)
        .into_iter()
        .map(|c| c.message)
        .collect();
    Ok((problem, plan, before))
}

/// What moving `moved` into `plan` breaks that the plan did not already break (`before`).
fn added_conflicts(
    problem: &solver::Problem,
    plan: &[solver::Interview],
    before: &[String],
    moved: solver::Interview,
) -> Vec<String> {
    let mut after: Vec<solver::Interview> = plan
        .iter()
        .filter(|i| i.candidate != moved.candidate)
        .copied()
        .collect();
    after.push(moved);
    solver::check(problem, &after)
        .into_iter()
        .map(|c| c.message)
        .filter(|m| !before.contains(m))
        .collect()
}

impl Campaign {
    /// Plans every candidate to hear, keeping pinned interviews; when no plan exists, says
    /// why (every reason, in French) and leaves the previous plan in place. With `dry_run`,
    /// nothing is written and the view is that of the plan computed.
    pub fn plan_interviews(
        &mut self,
        dry_run: bool,
        operator: &str,
    ) -> Result<(solver::Plan, ScheduleView)> {
        let problem = problem(self.conn())?;
        let plan = solver::plan(&problem).map_err(|e| {
            Error::Refused(
                Refusal::ScheduleImpossible,
                format!(
                    "Aucun planning n'est possible. {} Le planning précédent est conservé.",
                    e.reasons
                        .iter()
                        .map(|r| r.message.clone())
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            )
        })?;
        if dry_run {
            let pinned: Vec<(solver::Interview, bool)> = plan
                .interviews
                .iter()
                .map(|i| (*i, problem.pins.iter().any(|p| p.candidate == i.candidate)))
                .collect();
            let computed = view_of(self.conn(), Some(&problem), &pinned)?;
            return Ok((plan, computed));
        }
        let pinned: Vec<i64> = problem.pins.iter().map(|p| p.candidate).collect();
        let summary = quality_text(&problem, &plan.interviews);
        self.store().write(operator, |tx| {
            write_plan(tx, &plan.interviews, &pinned)?;
            Ok((
                (),
                Some(Entry::new(
                    "schedule.plan",
                    format!("Entretiens planifiés : {summary}."),
                )),
            ))
        })?;
        Ok((plan, view(self.conn())?))
    }

    /// Moves one interview (and pins it there); refused, with every conflict in French,
    /// when the move breaks a rule.
    pub fn move_interview(
        &mut self,
        candidate: i64,
        jury: i64,
        date: &str,
        start: &str,
        operator: &str,
    ) -> Result<ScheduleView> {
        let mut issues = Vec::new();
        let day = date_of(date, "date", "Date", &mut issues);
        let at = minutes(start, "start", "Heure", &mut issues);
        let Some(day) = day.filter(|_| issues.is_empty()) else {
            return Err(Error::Validation(issues));
        };
        let (problem, plan, before) = move_context(self.conn(), candidate)?;
        let moved = solver::Interview {
            candidate,
            jury,
            date: day,
            start: at,
            end: at + problem.interview_minutes,
        };
        let conflicts = added_conflicts(&problem, &plan, &before, moved);
        if !conflicts.is_empty() {
            return Err(Error::Refused(
                Refusal::MoveConflicts,
                format!(
                    "Déplacement impossible : {}. Le planning n'a pas été modifié.",
                    conflicts.join(" ; ")
                ),
            ));
        }
        let name = crate::candidate::get(self.conn(), candidate)?.display_name;
        self.store().write(operator, |tx| {
            tx.execute(
                "INSERT INTO interview (candidate, jury, date, start, end, pinned) VALUES (?1, ?2, ?3, ?4, ?5, 1) \
                 ON CONFLICT (candidate) DO UPDATE SET jury = excluded.jury, date = excluded.date, start = excluded.start, end = excluded.end, pinned = 1",
                params![candidate, jury, iso(day), moved.start, moved.end],
            )?;
            Ok(((), Some(Entry::new("schedule.move", format!("Entretien de {name} déplacé au {} à {} (fixé).", fr::date_long(day), show_minutes(at as i64))))))
        })?;
        view(self.conn())
    }

    /// Every slot of every jury where `candidate`'s interview could go, each with what the
    /// move would break there (nothing: allowed) — the live check of a drag and drop.
    pub fn move_targets(&self, candidate: i64) -> Result<Vec<MoveTarget>> {
        let (problem, plan, before) = move_context(self.conn(), candidate)?;
        if !problem.candidates.iter().any(|c| c.id == candidate) {
            return Err(Error::Refused(Refusal::NotToHear, format!(
                "Le candidat n° {candidate} n'est pas à entendre (dossier incomplet, retiré ou inconnu) : il ne peut pas être placé."
            )));
        }
        let mut out = Vec::new();
        for s in solver::slots(&problem) {
            for j in &problem.juries {
                let moved = solver::Interview {
                    candidate,
                    jury: j.id,
                    date: s.date,
                    start: s.start,
                    end: s.end,
                };
                let unchanged = plan.contains(&moved);
                out.push(MoveTarget {
                    jury_id: j.id,
                    date: iso(s.date),
                    start: s.start as i64,
                    conflicts: if unchanged {
                        Vec::new()
                    } else {
                        added_conflicts(&problem, &plan, &before, moved)
                    },
                });
            }
        }
        Ok(out)
    }

    /// Pins (or unpins) an interview: a pinned one is kept when planning again.
    pub fn pin_interview(
        &mut self,
        candidate: i64,
        pinned: bool,
        operator: &str,
    ) -> Result<ScheduleView> {
        let name = crate::candidate::get(self.conn(), candidate)?.display_name;
        self.store().write(operator, |tx| {
            let n = tx.execute(
                "UPDATE interview SET pinned = ?1 WHERE candidate = ?2 AND pinned <> ?1",
                params![pinned, candidate],
            )?;
            let entry = (n > 0).then(|| {
                Entry::new(
                    "schedule.pin",
                    format!(
                        "Entretien de {name} {}.",
                        if pinned { "fixé" } else { "libéré" }
                    ),
                )
            });
            Ok(((), entry))
        })?;
        view(self.conn())
    }

    /// A candidate withdraws before being heard: the commission's decision (dossier not
    /// receivable, with the reason) and the freed slot, in one transaction; they are no
    /// longer planned.
    pub fn withdraw_before_interview(
        &mut self,
        candidate: i64,
        reason: &str,
        operator: &str,
    ) -> Result<ScheduleView> {
        let reason = fr::tidy(reason);
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "reason",
                "« Motif » est obligatoire : indiquez ce que le candidat a fait savoir (par exemple « désistement reçu par courriel le 10/01 »).",
            )]));
        }
        let name = crate::candidate::get(self.conn(), candidate)?.display_name;
        self.store().write(operator, |tx| {
            tx.execute(
                "INSERT INTO eligibility_override (candidate, eligible, reason, at, operator) VALUES (?1, 0, ?2, ?3, ?4) \
                 ON CONFLICT (candidate) DO UPDATE SET eligible = 0, reason = excluded.reason, at = excluded.at, operator = excluded.operator",
                params![candidate, format!("Désistement avant l'entretien : {reason}"), crate::journal::now(), operator],
            )?;
            tx.execute("DELETE FROM interview WHERE candidate = ?1", [candidate])?;
            let mut entry = Entry::new(
                "schedule.withdrawal",
                format!("Désistement de {name} avant l'entretien ({reason}) : dossier non recevable, créneau libéré."),
            );
            entry.reference = Some(candidate);
            Ok(((), Some(entry)))
        })?;
        view(self.conn())
    }

    /// Frees a candidate's slot (ill, on call…): they wait among those to place, and the
    /// next planning places them again.
    pub fn free_interview(&mut self, candidate: i64, operator: &str) -> Result<ScheduleView> {
        let name = crate::candidate::get(self.conn(), candidate)?.display_name;
        self.store().write(operator, |tx| {
            let n = tx.execute("DELETE FROM interview WHERE candidate = ?1", [candidate])?;
            let entry =
                (n > 0).then(|| Entry::new("schedule.free", format!("Créneau de {name} libéré.")));
            Ok(((), entry))
        })?;
        view(self.conn())
    }
}
