//! Planning the interviews with the solver (pinned interviews kept, the previous plan
//! untouched when no plan exists) and changing the plan by hand: moving an interview with
//! the live check, pinning, freeing, withdrawing a candidate.

use crate::Refusal;
use rusqlite::{params, Connection};

use super::setup::{date_of, iso, minutes, show_minutes};
use super::stored::{problem, stored_interviews, write_plan};
use super::view::{
    quality_text, view_of, ConvocationAction, MoveTarget, PlanChange, PlanPreview, ScheduleView,
};
use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::Entry;
use crate::schedule::solver;

/// The problem a move of `candidate`'s interview is checked against (the candidate's own
/// pin left out: it moves with them) and the stored plan.
fn move_problem(c: &Campaign, candidate: i64) -> Result<(solver::Problem, Vec<solver::Interview>)> {
    let mut problem = c.schedule_problem()?.as_ref().clone();
    problem.pins.retain(|p| p.candidate != candidate);
    let plan: Vec<solver::Interview> = stored_interviews(c.conn())?
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    Ok((problem, plan))
}

/// The part of `problem` and `plan` that a move of `candidate` to a slot on `date` is
/// checked against: that day and the day the candidate's interview leaves, their
/// interviews, the candidates heard then (and `candidate`) with their pins. Each conflict
/// the checker finds is about one jury's day (a slot taken, a buffer), one date (a member
/// in two places, hours, breaks, unavailability), one interview (a recusal) or one
/// candidate (missing, twice, a pin moved) whose interviews are all in the scope: what
/// the move adds is what it adds to the whole plan, found without checking every other
/// day once per slot (`move_targets` on 10 000 candidates took minutes).
fn day_scope(
    problem: &solver::Problem,
    plan: &[solver::Interview],
    candidate: i64,
    date: chrono::NaiveDate,
) -> (solver::Problem, Vec<solver::Interview>) {
    let left = plan
        .iter()
        .find(|i| i.candidate == candidate)
        .map(|i| i.date);
    let in_scope = |d: chrono::NaiveDate| d == date || Some(d) == left;
    let scoped: Vec<solver::Interview> =
        plan.iter().filter(|i| in_scope(i.date)).copied().collect();
    let mut heard: std::collections::HashSet<i64> = scoped.iter().map(|i| i.candidate).collect();
    heard.insert(candidate);
    let scope = solver::Problem {
        days: problem
            .days
            .iter()
            .filter(|d| in_scope(d.date))
            .cloned()
            .collect(),
        members: problem.members.clone(),
        juries: problem.juries.clone(),
        candidates: problem
            .candidates
            .iter()
            .filter(|c| heard.contains(&c.id))
            .cloned()
            .collect(),
        recusals: problem
            .recusals
            .iter()
            .filter(|r| heard.contains(&r.candidate))
            .cloned()
            .collect(),
        pins: problem
            .pins
            .iter()
            .filter(|p| heard.contains(&p.candidate))
            .cloned()
            .collect(),
        previous: Vec::new(),
        interview_minutes: problem.interview_minutes,
        buffer_minutes: problem.buffer_minutes,
        min_jury_size: problem.min_jury_size,
        required_role: problem.required_role.clone(),
        separate_populations: problem.separate_populations,
    };
    (scope, scoped)
}

/// What a move of a candidate's interview to a slot of one day breaks: the day's part of
/// the problem and plan ([`day_scope`]) checked once without the candidate's interview,
/// so that each slot is checked against it alone (hundreds of slots per day in a
/// national campaign). Only what the move adds counts: the conflicts the day already has
/// (a changed setup) are left out.
struct DayCheck<'a> {
    candidate: i64,
    /// The day's interviews but the candidate's, checked.
    others: solver::Checking<'a>,
    /// What the day's plan already breaks.
    before: std::collections::HashSet<String>,
    /// What the others break that the day's plan did not (a conflict worded otherwise
    /// once the candidate's interview has left): broken by every move.
    left: Vec<String>,
}

impl<'a> DayCheck<'a> {
    fn new(scope: &'a solver::Problem, scoped: &[solver::Interview], candidate: i64) -> Self {
        let before: std::collections::HashSet<String> = solver::check(scope, scoped)
            .into_iter()
            .map(|c| c.message)
            .collect();
        let mut checking = solver::Checking::new(scope);
        for i in scoped.iter().filter(|i| i.candidate != candidate) {
            checking.add(*i);
        }
        let left = checking
            .conflicts()
            .into_iter()
            .filter(|c| {
                let gone =
                    c.kind == solver::ConflictKind::Missing && c.candidate == Some(candidate);
                !gone && !before.contains(&c.message)
            })
            .map(|c| c.message)
            .collect();
        DayCheck {
            candidate,
            others: checking,
            before,
            left,
        }
    }

    /// What moving the candidate's interview to `moved` breaks that the plan did not
    /// already break: what checking the whole plan with the move finds, less what it
    /// found before.
    fn added(&self, moved: solver::Interview) -> Vec<String> {
        debug_assert_eq!(moved.candidate, self.candidate);
        let mut out = self.left.clone();
        out.extend(
            self.others
                .conflicts_of(&moved)
                .into_iter()
                .map(|c| c.message)
                .filter(|m| !self.before.contains(m)),
        );
        out
    }
}

/// « jeudi 14 janvier 2027 à 9 h — Jury 1 ».
fn slot_text(i: &solver::Interview, juries: &[solver::Jury]) -> String {
    let jury = juries
        .iter()
        .find(|j| j.id == i.jury)
        .map_or_else(|| format!("jury n° {}", i.jury), |j| j.name.clone());
    format!(
        "{} — {jury}",
        crate::schedule::print::when(i.date, i.start).replace('\u{a0}', " ")
    )
}

/// What `after` changes to `before`, candidate by candidate, by name.
fn changes(
    conn: &Connection,
    problem: &solver::Problem,
    before: &[solver::Interview],
    after: &[solver::Interview],
) -> Result<Vec<PlanChange>> {
    let histories = super::issued::histories(conn)?;
    let mut ids: Vec<i64> = before.iter().chain(after).map(|i| i.candidate).collect();
    ids.sort_unstable();
    ids.dedup();
    let slot = |list: &[solver::Interview], id: i64| -> Option<solver::Interview> {
        list.iter().find(|i| i.candidate == id).copied()
    };
    let mut out = Vec::new();
    for id in ids {
        let (b, a) = (slot(before, id), slot(after, id));
        if b.map(|i| (i.jury, i.date, i.start)) == a.map(|i| (i.jury, i.date, i.start)) {
            continue;
        }
        let held = histories.get(&id).and_then(|h| h.holds());
        let sends = match (a, held) {
            (None, Some(_)) => ConvocationAction::Cancellation,
            (None, None) => ConvocationAction::Nothing,
            (Some(i), Some(h)) if (h.jury, h.date, h.start) == (i.jury, i.date, i.start) => {
                ConvocationAction::Nothing
            }
            (Some(_), Some(_)) => ConvocationAction::Amended,
            (Some(_), None) if !histories.is_empty() => ConvocationAction::First,
            (Some(_), None) => ConvocationAction::Nothing,
        };
        out.push(PlanChange {
            candidate_id: id,
            name: crate::candidate::get(conn, id)?.display_name,
            before: b.map(|i| slot_text(&i, &problem.juries)),
            after: a.map(|i| slot_text(&i, &problem.juries)),
            convoked: held.is_some(),
            sends,
        });
    }
    out.sort_by(|x, y| (&x.name, x.candidate_id).cmp(&(&y.name, y.candidate_id)));
    Ok(out)
}

/// A plan the solver made (nothing written yet): the problem it solved, the plan and who
/// moves.
#[derive(Clone)]
struct Solved {
    problem: solver::Problem,
    plan: solver::Plan,
    moves: Vec<PlanChange>,
}

impl Campaign {
    /// The plan the solver makes now from the campaign (see [`Campaign::plan_interviews`]);
    /// nothing is written.
    fn solve(&self, replan: bool) -> Result<Solved> {
        let mut problem = problem(self.conn())?;
        if !replan {
            if let Some((n, at)) = super::issued::last_issued(self.conn())? {
                return Err(Error::Refused(
                    Refusal::ConvocationsOut,
                    format!(
                        "Les convocations sont parties ({}, dernier envoi le {}) : planifier à nouveau doit déplacer le moins d'entretiens possible. Choisissez « Replanifier » (en ligne de commande : --replan) ; seuls les candidats déplacés recevront une convocation rectificative.",
                        fr::count(n as u32, "candidat convoqué", "candidats convoqués"),
                        fr::timestamp(&at)
                    ),
                ));
            }
        }
        let stored: Vec<solver::Interview> = stored_interviews(self.conn())?
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        if replan {
            problem.previous = stored.clone();
        }
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
        let moves = changes(self.conn(), &problem, &stored, &plan.interviews)?;
        Ok(Solved {
            problem,
            plan,
            moves,
        })
    }

    /// [`Campaign::solve`], kept until what it read changes: the preview of a new plan
    /// and the plan accepted after it are solved once (a quarter of a second at 10 000
    /// candidates), and planning again when nothing changed solves nothing.
    fn solved(&self, replan: bool) -> Result<std::sync::Arc<Solved>> {
        let name = if replan {
            "plan_solved_again"
        } else {
            "plan_solved"
        };
        self.views()
            .view(name, Campaign::today_key(), |_| self.solve(replan))
    }

    /// The view of `plan` as if it were the stored one.
    fn view_of_solved(
        &self,
        problem: &solver::Problem,
        plan: &solver::Plan,
    ) -> Result<ScheduleView> {
        let pins: std::collections::HashSet<i64> =
            problem.pins.iter().map(|p| p.candidate).collect();
        let pinned: Vec<(solver::Interview, bool)> = plan
            .interviews
            .iter()
            .map(|i| (*i, pins.contains(&i.candidate)))
            .collect();
        view_of(self.conn(), &self.candidate_rows()?, Some(problem), &pinned)
    }

    /// Plans every candidate to hear, keeping pinned interviews; when no plan exists, says
    /// why (every reason, in French) and leaves the previous plan in place. Once
    /// convocations went out, only `replan` is allowed: as few interviews as possible move
    /// (then the usual objective), and the journal lists the moves. With `dry_run`,
    /// nothing is written and the view is that of the plan computed. Returns the plan,
    /// the view, and who moves.
    pub fn plan_interviews(
        &mut self,
        dry_run: bool,
        replan: bool,
        operator: &str,
    ) -> Result<(solver::Plan, ScheduleView, Vec<PlanChange>)> {
        let Solved {
            problem,
            plan,
            moves,
        } = self.solved(replan)?.as_ref().clone();
        if dry_run {
            let computed = self.view_of_solved(&problem, &plan)?;
            return Ok((plan, computed, moves));
        }
        let pinned: Vec<i64> = problem.pins.iter().map(|p| p.candidate).collect();
        let summary = quality_text(&problem, &plan.interviews);
        let entry = if replan {
            let listed: Vec<String> = moves
                .iter()
                .map(|c| {
                    format!(
                        "{} : {} → {}",
                        c.name,
                        c.before.as_deref().unwrap_or("non planifié"),
                        c.after.as_deref().unwrap_or("plus d'entretien")
                    )
                })
                .collect();
            Entry::new(
                "schedule.replan",
                format!(
                    "Entretiens replanifiés en déplaçant le moins possible : {} ({}) ; {summary}.",
                    fr::count(moves.len() as u32, "changement", "changements"),
                    if listed.is_empty() {
                        "aucun".to_owned()
                    } else {
                        listed.join(" ; ")
                    }
                ),
            )
        } else {
            Entry::new(
                "schedule.plan",
                format!("Entretiens planifiés : {summary}."),
            )
        };
        self.store().write(operator, |tx| {
            write_plan(tx, &plan.interviews, &pinned)?;
            Ok(((), Some(entry)))
        })?;
        Ok((plan, self.schedule()?, moves))
    }

    /// What planning again would do (nothing written): the new plan's quality and notes,
    /// and who moves. Convocations out: computed to move as little as possible. Worked
    /// out once and kept until what it reads changes (solving a national campaign takes
    /// a quarter of a second, and the window asks on each opening of the dialog).
    pub fn preview_plan(&self) -> Result<PlanPreview> {
        let kept = self
            .views()
            .view("plan_preview", Campaign::today_key(), |conn| {
                let replan = super::issued::last_issued(conn)?.is_some();
                let solved = self.solved(replan)?;
                let view = self.view_of_solved(&solved.problem, &solved.plan)?;
                Ok(PlanPreview {
                    quality: view.quality,
                    notes: solved.plan.notes.clone(),
                    changes: solved.moves.clone(),
                    replan,
                })
            })?;
        Ok(kept.as_ref().clone())
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
        let (problem, plan) = move_problem(self, candidate)?;
        let moved = solver::Interview {
            candidate,
            jury,
            date: day,
            start: at,
            end: at + problem.interview_minutes,
        };
        let (scope, scoped) = day_scope(&problem, &plan, candidate, day);
        let conflicts = DayCheck::new(&scope, &scoped, candidate).added(moved);
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
        self.schedule()
    }

    /// Every slot of every jury where `candidate`'s interview could go, each with what the
    /// move would break there (nothing: allowed) — the live check of a drag and drop.
    pub fn move_targets(&self, candidate: i64) -> Result<Vec<MoveTarget>> {
        let (problem, plan) = move_problem(self, candidate)?;
        if !problem.candidates.iter().any(|c| c.id == candidate) {
            return Err(Error::Refused(Refusal::NotToHear, format!(
                "Le candidat n° {candidate} n'est pas à entendre (dossier incomplet, retiré ou inconnu) : il ne peut pas être placé."
            )));
        }
        let current = plan.iter().find(|i| i.candidate == candidate).copied();
        let slots = solver::slots(&problem);
        let mut out = Vec::with_capacity(slots.len() * problem.juries.len());
        // Each day's slots are checked against that day (and the day the interview
        // leaves): see `day_scope`.
        for day in slots.chunk_by(|a, b| a.date == b.date) {
            let (scope, scoped) = day_scope(&problem, &plan, candidate, day[0].date);
            let check = DayCheck::new(&scope, &scoped, candidate);
            for s in day {
                for j in &problem.juries {
                    let moved = solver::Interview {
                        candidate,
                        jury: j.id,
                        date: s.date,
                        start: s.start,
                        end: s.end,
                    };
                    out.push(MoveTarget {
                        jury_id: j.id,
                        date: iso(s.date),
                        start: s.start as i64,
                        conflicts: if current == Some(moved) {
                            Vec::new()
                        } else {
                            check.added(moved)
                        },
                    });
                }
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
        self.schedule()
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
        self.schedule()
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
        self.schedule()
    }
}
