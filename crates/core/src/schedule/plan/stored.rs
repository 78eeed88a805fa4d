//! The plan as stored: who is to be heard, the solver's problem built from the campaign
//! (pinned interviews as pins), and the interviews read and written.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::setup::{iso, parse_day, setup, HalfDayPart};
use crate::commission;
use crate::error::{Error, Result};
use crate::fr;
use crate::schedule::solver;

/// Who is to be heard: candidates whose dossier is eligible.
pub(super) fn to_hear(conn: &Connection) -> Result<Vec<crate::candidate::CandidateRow>> {
    let candidates = crate::candidate::list(conn)?;
    let dossiers = crate::dossier::dossiers_of(conn, &candidates)?;
    Ok(to_hear_of(&candidates, &dossiers))
}

/// [`to_hear`] from the candidates and their dossiers, already read.
pub(super) fn to_hear_of(
    candidates: &[crate::candidate::CandidateRow],
    dossiers: &[crate::dossier::Dossier],
) -> Vec<crate::candidate::CandidateRow> {
    let ok: std::collections::HashSet<i64> = dossiers
        .iter()
        .filter(|d| d.eligibility.status == crate::dossier::Eligibility::Complete)
        .map(|d| d.candidate_id)
        .collect();
    candidates
        .iter()
        .filter(|c| ok.contains(&c.id))
        .cloned()
        .collect()
}

/// The solver's problem for the campaign as stored (pinned interviews as pins).
pub fn problem(conn: &Connection) -> Result<solver::Problem> {
    problem_with(conn, || to_hear(conn))
}

/// [`problem`], who is to be heard given by `to_hear` (asked once the setup is found
/// right).
pub(super) fn problem_with(
    conn: &Connection,
    to_hear: impl FnOnce() -> Result<Vec<crate::candidate::CandidateRow>>,
) -> Result<solver::Problem> {
    let s = setup(conn)?;
    let mut issues = Vec::new();
    let days: Vec<solver::Day> = s
        .days
        .iter()
        .enumerate()
        .filter_map(|(i, d)| parse_day(i, d, &mut issues))
        .collect();
    if !issues.is_empty() {
        return Err(Error::Validation(issues));
    }
    let half = |date: &str, part: HalfDayPart| {
        fr::parse_date(date).map(|d| solver::HalfDay {
            date: d,
            part: part.solver(),
        })
    };
    let members = commission::list(conn)?
        .into_iter()
        .map(|m| solver::Member {
            id: m.id,
            name: m.name.clone(),
            role: m.role.code().to_owned(),
            voting: m.voting,
            unavailable: s
                .unavailable
                .iter()
                .filter(|u| u.member == Some(m.id))
                .filter_map(|u| half(&u.date, u.part))
                .collect(),
        })
        .collect();
    let mut stmt = conn.prepare("SELECT id FROM jury ORDER BY id")?;
    let ids: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let juries = s
        .juries
        .iter()
        .zip(ids)
        .map(|(j, id)| solver::Jury {
            id,
            name: j.name.clone(),
            room: j.room.clone(),
            members: j.members.clone(),
        })
        .collect();
    // Each candidate's unavailability and preference, found by id (thousands of each).
    let mut unavailable: HashMap<i64, Vec<solver::HalfDay>> = HashMap::new();
    for u in &s.unavailable {
        if let (Some(candidate), Some(h)) = (u.candidate, half(&u.date, u.part)) {
            unavailable.entry(candidate).or_default().push(h);
        }
    }
    let mut preferred: HashMap<i64, Option<solver::HalfDay>> = HashMap::new();
    for p in &s.preferences {
        preferred
            .entry(p.candidate)
            .or_insert_with(|| half(&p.date, p.part));
    }
    let candidates = to_hear()?
        .into_iter()
        .map(|c| solver::Candidate {
            id: c.id,
            name: c.display_name.clone(),
            population: c.category.code().to_owned(),
            unavailable: unavailable.remove(&c.id).unwrap_or_default(),
            preferred: preferred.get(&c.id).copied().flatten(),
        })
        .collect();
    let recusals = commission::recusals(conn)?
        .into_iter()
        .map(|r| solver::Recusal {
            member: r.member_id,
            candidate: r.candidate_id,
        })
        .collect();
    let mut stmt = conn.prepare(
        "SELECT candidate, jury, date, start FROM interview WHERE pinned = 1 ORDER BY candidate",
    )?;
    let pins = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(candidate, jury, date, start)| {
            fr::parse_date(&date).map(|date| solver::Pin {
                candidate,
                jury,
                date,
                start: start as u32,
            })
        })
        .collect();
    Ok(solver::Problem {
        days,
        interview_minutes: s.interview_minutes.max(0) as u32,
        buffer_minutes: s.buffer_minutes.max(0) as u32,
        min_jury_size: s.min_jury_size.max(0) as u32,
        required_role: s.required_role.map(|r| solver::RoleRequirement {
            role: r.code().to_owned(),
            label: r.label().to_lowercase(),
        }),
        separate_populations: s.separate_populations,
        members,
        juries,
        candidates,
        recusals,
        pins,
        previous: Vec::new(),
    })
}

pub(super) fn stored_interviews(conn: &Connection) -> Result<Vec<(solver::Interview, bool)>> {
    let mut stmt = conn.prepare("SELECT candidate, jury, date, start, end, pinned FROM interview ORDER BY date, start, jury")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, bool>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(candidate, jury, date, start, end, pinned)| {
            fr::parse_date(&date).map(|date| {
                (
                    solver::Interview {
                        candidate,
                        jury,
                        date,
                        start: start as u32,
                        end: end as u32,
                    },
                    pinned,
                )
            })
        })
        .collect())
}

pub(super) fn write_plan(
    tx: &Connection,
    interviews: &[solver::Interview],
    pinned: &[i64],
) -> Result<()> {
    // Only what differs is written: planning again when nothing changed writes no row,
    // and the views that read the plan stay as they are.
    let stored: std::collections::HashMap<i64, (i64, String, i64, i64, bool)> = {
        let mut stmt =
            tx.prepare("SELECT candidate, jury, date, start, end, pinned FROM interview")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let pinned: std::collections::HashSet<i64> = pinned.iter().copied().collect();
    let planned: std::collections::HashSet<i64> = interviews.iter().map(|i| i.candidate).collect();
    for candidate in stored.keys().filter(|c| !planned.contains(c)) {
        tx.execute("DELETE FROM interview WHERE candidate = ?1", [candidate])?;
    }
    let mut upsert = tx.prepare(
        "INSERT INTO interview (candidate, jury, date, start, end, pinned) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (candidate) DO UPDATE SET jury = excluded.jury, date = excluded.date, start = excluded.start, end = excluded.end, pinned = excluded.pinned",
    )?;
    for i in interviews {
        let row = (
            i.jury,
            iso(i.date),
            i64::from(i.start),
            i64::from(i.end),
            pinned.contains(&i.candidate),
        );
        if stored.get(&i.candidate) != Some(&row) {
            upsert.execute(params![i.candidate, row.0, row.1, row.2, row.3, row.4])?;
        }
    }
    Ok(())
}
