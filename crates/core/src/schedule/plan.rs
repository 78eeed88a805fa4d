//! The interview plan of a campaign: its setup (days, hours, breaks, juries, who is
//! unavailable when, preferences), planning with the solver (pinned interviews kept, the
//! previous plan untouched when no plan exists), moving and pinning an interview with the
//! live check, and the plan as the screens and documents read it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::print::Written;
use super::solver::{self, Part};
use crate::campaign::Campaign;
use crate::commission::{self, Role};
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::Entry;

/// A break in a day, as typed ("12 h 30" – "13 h 30").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BreakSetup {
    /// Start ("12 h 30").
    pub start: String,
    /// End ("13 h 30").
    pub end: String,
}

/// A day of interviews, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DaySetup {
    /// "16/01/2027".
    pub date: String,
    /// Opening ("8 h 30").
    pub opening: String,
    /// Closing ("18 h").
    pub closing: String,
    /// Breaks (lunch).
    #[serde(default)]
    pub breaks: Vec<BreakSetup>,
    /// Where ("Salle du conseil, UFR de médecine, Amiens").
    #[serde(default)]
    pub place: String,
}

/// A jury (a room), as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JurySetup {
    /// Its identifier once saved (none for a new jury): a jury removed from the list takes
    /// its interviews with it, and the others keep theirs.
    #[serde(default)]
    pub id: Option<i64>,
    /// "Jury 1".
    pub name: String,
    /// "Salle 2.14".
    #[serde(default)]
    pub room: String,
    /// Its members (identifiers).
    pub members: Vec<i64>,
}

/// Morning or afternoon of a day, as stored and typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum HalfDayPart {
    /// Morning.
    Morning,
    /// Afternoon.
    Afternoon,
}

impl HalfDayPart {
    fn code(self) -> &'static str {
        match self {
            HalfDayPart::Morning => "morning",
            HalfDayPart::Afternoon => "afternoon",
        }
    }
    fn from_code(s: &str) -> HalfDayPart {
        if s == "afternoon" {
            HalfDayPart::Afternoon
        } else {
            HalfDayPart::Morning
        }
    }
    fn solver(self) -> Part {
        match self {
            HalfDayPart::Morning => Part::Morning,
            HalfDayPart::Afternoon => Part::Afternoon,
        }
    }
    fn of(part: Part) -> HalfDayPart {
        match part {
            Part::Morning => HalfDayPart::Morning,
            Part::Afternoon => HalfDayPart::Afternoon,
        }
    }
}

/// A member or a candidate unavailable for a half-day (on call, exam…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Unavailable {
    /// The member, or
    #[serde(default)]
    pub member: Option<i64>,
    /// the candidate.
    #[serde(default)]
    pub candidate: Option<i64>,
    /// "16/01/2027".
    pub date: String,
    /// Which half.
    pub part: HalfDayPart,
    /// Why ("de garde").
    #[serde(default)]
    pub reason: String,
}

/// A candidate's preferred half-day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Preference {
    /// The candidate.
    pub candidate: i64,
    /// "16/01/2027".
    pub date: String,
    /// Which half.
    pub part: HalfDayPart,
}

/// Everything the secretary describes before planning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScheduleSetup {
    /// Length of an interview, minutes.
    pub interview_minutes: i64,
    /// Buffer between two interviews, minutes.
    pub buffer_minutes: i64,
    /// Members a jury needs to sit.
    pub min_jury_size: i64,
    /// A voting member of this role must sit in every jury.
    #[serde(default)]
    pub required_role: Option<Role>,
    /// Students and interns in separate blocks.
    #[serde(default)]
    pub separate_populations: bool,
    /// The days.
    pub days: Vec<DaySetup>,
    /// The juries.
    pub juries: Vec<JurySetup>,
    /// Who is unavailable when.
    #[serde(default)]
    pub unavailable: Vec<Unavailable>,
    /// Candidates' preferred half-days.
    #[serde(default)]
    pub preferences: Vec<Preference>,
    /// What candidates bring (for the convocations).
    #[serde(default)]
    pub bring: Vec<String>,
    /// Whom candidates contact ("Mme Claire DUMONT, scolarité, 03 22 82 77 00").
    #[serde(default)]
    pub contact: String,
}

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
}

fn minutes(text: &str, field: &str, label: &str, issues: &mut Vec<FieldIssue>) -> u32 {
    match commission::parse_time(text) {
        Some((h, m)) => h * 60 + m,
        None => {
            issues.push(FieldIssue::new(
                field,
                format!("« {label} » : « {} » n'est pas une heure ; écrivez par exemple « 8 h 30 » ou « 08:30 ».", text.trim()),
            ));
            0
        }
    }
}

fn show_minutes(m: i64) -> String {
    fr::time((m / 60) as u32, (m % 60) as u32)
}

fn date_of(
    text: &str,
    field: &str,
    label: &str,
    issues: &mut Vec<FieldIssue>,
) -> Option<NaiveDate> {
    crate::typed_date::parse(field, label, text)
        .map_err(|issue| issues.push(issue))
        .ok()
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// One day as typed, checked (every wrong field said in `issues`); `None` when its date
/// is not one.
fn parse_day(i: usize, d: &DaySetup, issues: &mut Vec<FieldIssue>) -> Option<solver::Day> {
    let date = date_of(&d.date, &format!("days.{i}.date"), "Date", issues);
    let opening = minutes(&d.opening, &format!("days.{i}.opening"), "Début", issues);
    let closing = minutes(&d.closing, &format!("days.{i}.closing"), "Fin", issues);
    let breaks = d
        .breaks
        .iter()
        .enumerate()
        .map(|(k, b)| solver::Break {
            start: minutes(
                &b.start,
                &format!("days.{i}.breaks.{k}.start"),
                "Début de la pause",
                issues,
            ),
            end: minutes(
                &b.end,
                &format!("days.{i}.breaks.{k}.end"),
                "Fin de la pause",
                issues,
            ),
        })
        .collect();
    Some(solver::Day {
        date: date?,
        opening,
        closing,
        breaks,
    })
}

/// A day's hours and breaks that cannot work, said at their fields: the end before the
/// start, a day shorter than one interview, a break that ends before it starts or lies
/// outside the day.
fn check_hours(i: usize, day: &solver::Day, length: i64, issues: &mut Vec<FieldIssue>) {
    let when = fr::date_short(day.date);
    if day.closing <= day.opening {
        issues.push(FieldIssue::new(
            format!("days.{i}.closing"),
            format!(
                "Journée du {when} : « Fin » ({}) doit suivre « Début » ({}).",
                show_minutes(day.closing as i64),
                show_minutes(day.opening as i64)
            ),
        ));
        return;
    }
    if ((day.closing - day.opening) as i64) < length {
        issues.push(FieldIssue::new(
            format!("days.{i}.closing"),
            format!(
                "Journée du {when} : de {} à {}, elle est plus courte qu'un entretien ({length} min) ; allongez-la ou raccourcissez les entretiens.",
                show_minutes(day.opening as i64),
                show_minutes(day.closing as i64)
            ),
        ));
    }
    for (k, b) in day.breaks.iter().enumerate() {
        let span = format!(
            "{} – {}",
            show_minutes(b.start as i64),
            show_minutes(b.end as i64)
        );
        if b.end <= b.start {
            issues.push(FieldIssue::new(
                format!("days.{i}.breaks.{k}.end"),
                format!(
                    "Journée du {when}, pause n° {} ({span}) : sa fin doit suivre son début.",
                    k + 1
                ),
            ));
        } else if b.start < day.opening || b.end > day.closing {
            issues.push(FieldIssue::new(
                format!("days.{i}.breaks.{k}.start"),
                format!(
                    "Journée du {when}, pause n° {} ({span}) : elle sort des horaires de la journée ({} – {}) ; retirez-la ou corrigez ses heures.",
                    k + 1,
                    show_minutes(day.opening as i64),
                    show_minutes(day.closing as i64)
                ),
            ));
        }
    }
}

/// The setup as stored.
pub fn setup(conn: &Connection) -> Result<ScheduleSetup> {
    let (interview_minutes, buffer_minutes, min_jury_size, role, separate, bring, contact): (i64, i64, i64, Option<String>, bool, String, String) =
        conn.query_row(
            "SELECT interview_minutes, buffer_minutes, min_jury_size, required_role, separate_populations, bring, contact FROM schedule_settings WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )?;
    let mut stmt = conn
        .prepare("SELECT date, opening, closing, breaks, place FROM schedule_day ORDER BY date")?;
    let days = stmt
        .query_map([], |r| {
            let date: String = r.get(0)?;
            let breaks: String = r.get(3)?;
            let breaks: Vec<(i64, i64)> = serde_json::from_str(&breaks).unwrap_or_default();
            Ok(DaySetup {
                date: fr::parse_date(&date).map(fr::date_short).unwrap_or(date),
                opening: show_minutes(r.get(1)?),
                closing: show_minutes(r.get(2)?),
                breaks: breaks
                    .into_iter()
                    .map(|(s, e)| BreakSetup {
                        start: show_minutes(s),
                        end: show_minutes(e),
                    })
                    .collect(),
                place: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare("SELECT id, name, room FROM jury ORDER BY id")?;
    let juries: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut members =
        conn.prepare("SELECT member FROM jury_member WHERE jury = ?1 ORDER BY member")?;
    let mut jury_setups = Vec::new();
    for (id, name, room) in juries {
        let m: Vec<i64> = members
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        jury_setups.push(JurySetup {
            id: Some(id),
            name,
            room,
            members: m,
        });
    }
    let mut stmt = conn.prepare("SELECT member, candidate, date, part, reason FROM unavailability ORDER BY date, part, member, candidate")?;
    let unavailable = stmt
        .query_map([], |r| {
            let date: String = r.get(2)?;
            Ok(Unavailable {
                member: r.get(0)?,
                candidate: r.get(1)?,
                date: fr::parse_date(&date).map(fr::date_short).unwrap_or(date),
                part: HalfDayPart::from_code(&r.get::<_, String>(3)?),
                reason: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt =
        conn.prepare("SELECT candidate, date, part FROM preference ORDER BY candidate")?;
    let preferences = stmt
        .query_map([], |r| {
            let date: String = r.get(1)?;
            Ok(Preference {
                candidate: r.get(0)?,
                date: fr::parse_date(&date).map(fr::date_short).unwrap_or(date),
                part: HalfDayPart::from_code(&r.get::<_, String>(2)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ScheduleSetup {
        interview_minutes,
        buffer_minutes,
        min_jury_size,
        required_role: role.as_deref().and_then(Role::from_code),
        separate_populations: separate,
        days,
        juries: jury_setups,
        unavailable,
        preferences,
        bring: serde_json::from_str(&bring).unwrap_or_default(),
        contact,
    })
}

/// Who is to be heard: candidates whose dossier is eligible.
fn to_hear(conn: &Connection) -> Result<Vec<crate::candidate::CandidateRow>> {
    let dossiers = crate::dossier::dossiers(conn, None)?;
    let ok: Vec<i64> = dossiers
        .iter()
        .filter(|d| d.eligibility.status == crate::dossier::Eligibility::Complete)
        .map(|d| d.candidate_id)
        .collect();
    Ok(crate::candidate::list(conn)?
        .into_iter()
        .filter(|c| ok.contains(&c.id))
        .collect())
}

/// The solver's problem for the campaign as stored (pinned interviews as pins).
pub fn problem(conn: &Connection) -> Result<solver::Problem> {
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
    let candidates = to_hear(conn)?
        .into_iter()
        .map(|c| solver::Candidate {
            id: c.id,
            name: c.display_name.clone(),
            population: c.category.code().to_owned(),
            unavailable: s
                .unavailable
                .iter()
                .filter(|u| u.candidate == Some(c.id))
                .filter_map(|u| half(&u.date, u.part))
                .collect(),
            preferred: s
                .preferences
                .iter()
                .find(|p| p.candidate == c.id)
                .and_then(|p| half(&p.date, p.part)),
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
    })
}

fn stored_interviews(conn: &Connection) -> Result<Vec<(solver::Interview, bool)>> {
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

fn quality_text(q: &solver::Quality) -> String {
    let idle = if q.idle_minutes == 0 {
        "aucune attente entre deux entretiens".to_owned()
    } else {
        format!(
            "{} d'attente au total",
            show_minutes(q.idle_minutes as i64)
                .replace(" h 0", " h")
                .replace("0 h ", "")
        )
    };
    let mut out = format!(
        "{} sur {}, {idle}",
        fr::count(q.interviews, "entretien", "entretiens"),
        fr::count(q.days_used, "jour", "jours")
    );
    if q.preferences_asked > 0 {
        out.push_str(&format!(
            ", {} sur {} {}",
            q.preferences_met,
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

/// The plan as it stands, with its quality and the conflicts a change of the setup made.
pub fn view(conn: &Connection) -> Result<ScheduleView> {
    match problem(conn) {
        Ok(p) => view_of(conn, Some(&p), &stored_interviews(conn)?),
        Err(e) => {
            let mut v = view_of(conn, None, &stored_interviews(conn)?)?;
            v.setup_error = Some(e.to_string());
            Ok(v)
        }
    }
}

/// `stored` (interviews, pinned or not) as the screens show it, checked against `problem`.
fn view_of(
    conn: &Connection,
    problem: Option<&solver::Problem>,
    stored: &[(solver::Interview, bool)],
) -> Result<ScheduleView> {
    let names: BTreeMap<i64, crate::candidate::CandidateRow> = crate::candidate::list(conn)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
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
    let waiting = |c: &crate::candidate::CandidateRow| WaitingCandidate {
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
        None => to_hear(conn)?.iter().map(waiting).collect(),
    };
    to_hear.sort_by(|a, b| a.name.cmp(&b.name));
    let (quality, conflicts, unplaced, days) = match problem {
        Some(p) => (
            quality_text(&solver::quality(p, &plain)),
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
            p.candidates
                .iter()
                .filter(|c| !plain.iter().any(|i| i.candidate == c.id))
                .filter_map(|c| names.get(&c.id).map(waiting))
                .collect(),
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

fn write_plan(tx: &Connection, interviews: &[solver::Interview], pinned: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM interview", [])?;
    for i in interviews {
        tx.execute(
            "INSERT INTO interview (candidate, jury, date, start, end, pinned) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![i.candidate, i.jury, iso(i.date), i.start, i.end, pinned.contains(&i.candidate)],
        )?;
    }
    Ok(())
}

impl Campaign {
    /// What the secretary described for planning.
    pub fn schedule_setup(&self) -> Result<ScheduleSetup> {
        setup(self.conn())
    }

    /// Replaces the setup (checked whole; nothing written when a field is wrong). The plan
    /// in place is kept; its conflicts with the new setup are shown until it is planned again.
    pub fn set_schedule_setup(
        &mut self,
        new: &ScheduleSetup,
        operator: &str,
    ) -> Result<ScheduleSetup> {
        let mut issues = Vec::new();
        if !(5..=240).contains(&new.interview_minutes) {
            issues.push(FieldIssue::new("interview_minutes", format!("« Durée d'un entretien » : {} min n'est pas possible ; il faut entre 5 et 240 minutes.", new.interview_minutes)));
        }
        if !(0..=120).contains(&new.buffer_minutes) {
            issues.push(FieldIssue::new("buffer_minutes", format!("« Battement entre deux entretiens » : {} min n'est pas possible ; il faut entre 0 et 120 minutes.", new.buffer_minutes)));
        }
        if new.min_jury_size < 1 {
            issues.push(FieldIssue::new(
                "min_jury_size",
                "« Membres requis par jury » : il faut au moins 1 membre.",
            ));
        }
        let members = commission::list(self.conn())?;
        let mut days: Vec<(solver::Day, String)> = Vec::new();
        for (i, d) in new.days.iter().enumerate() {
            let Some(day) = parse_day(i, d, &mut issues) else {
                continue;
            };
            if days.iter().any(|(x, _)| x.date == day.date) {
                issues.push(FieldIssue::new(
                    format!("days.{i}.date"),
                    format!(
                        "Le {} figure deux fois : une journée par date.",
                        fr::date_short(day.date)
                    ),
                ));
            }
            check_hours(i, &day, new.interview_minutes, &mut issues);
            days.push((day, fr::tidy(&d.place)));
        }
        for (i, j) in new.juries.iter().enumerate() {
            if fr::tidy(&j.name).is_empty() {
                issues.push(FieldIssue::new(
                    format!("juries.{i}.name"),
                    format!(
                        "Jury {} : « Nom » est obligatoire (par exemple « Jury 1 »).",
                        i + 1
                    ),
                ));
            }
            if j.members.is_empty() {
                issues.push(FieldIssue::new(
                    format!("juries.{i}.members"),
                    format!(
                        "Jury {} : cochez au moins un membre (un jury sans membre ne peut pas siéger).",
                        i + 1
                    ),
                ));
            }
            for m in &j.members {
                if let Some((k, other)) = new.juries[..i]
                    .iter()
                    .enumerate()
                    .find(|(_, o)| o.members.contains(m))
                {
                    let name = members
                        .iter()
                        .find(|x| x.id == *m)
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| format!("Le membre n° {m}"));
                    issues.push(FieldIssue::new(
                        format!("juries.{i}.members"),
                        format!(
                            "Jury {} : {name} siège déjà dans « {} » (jury {}) ; un membre ne peut pas être dans deux jurys à la fois.",
                            i + 1,
                            fr::tidy(&other.name),
                            k + 1
                        ),
                    ));
                }
                if !members.iter().any(|x| x.id == *m) {
                    issues.push(FieldIssue::new(
                        format!("juries.{i}.members"),
                        format!(
                            "Jury {} : le membre n° {m} n'existe pas dans la commission.",
                            i + 1
                        ),
                    ));
                }
            }
        }
        for (k, u) in new.unavailable.iter().enumerate() {
            date_of(
                &u.date,
                &format!("unavailable.{k}.date"),
                "Indisponibilité",
                &mut issues,
            );
            if u.member.is_some() == u.candidate.is_some() {
                issues.push(FieldIssue::new(
                    format!("unavailable.{k}"),
                    format!(
                        "Indisponibilité n° {} : indiquez un membre ou un candidat (un seul).",
                        k + 1
                    ),
                ));
            }
        }
        for (k, p) in new.preferences.iter().enumerate() {
            date_of(
                &p.date,
                &format!("preferences.{k}.date"),
                "Préférence",
                &mut issues,
            );
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        self.store().write(operator, |tx| {
            let before = setup(tx)?;
            tx.execute(
                "UPDATE schedule_settings SET interview_minutes = ?1, buffer_minutes = ?2, min_jury_size = ?3, required_role = ?4, separate_populations = ?5, bring = ?6, contact = ?7 WHERE id = 1",
                params![
                    new.interview_minutes,
                    new.buffer_minutes,
                    new.min_jury_size,
                    new.required_role.map(|r| r.code()),
                    new.separate_populations,
                    serde_json::to_string(&new.bring.iter().map(|b| fr::tidy(b)).filter(|b| !b.is_empty()).collect::<Vec<_>>()).unwrap_or_default(),
                    fr::tidy(&new.contact)
                ],
            )?;
            tx.execute("DELETE FROM schedule_day", [])?;
            for (day, place) in &days {
                let breaks: Vec<(u32, u32)> = day.breaks.iter().map(|b| (b.start, b.end)).collect();
                tx.execute(
                    "INSERT INTO schedule_day (date, opening, closing, breaks, place) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        iso(day.date),
                        day.opening,
                        day.closing,
                        serde_json::to_string(&breaks).unwrap_or_default(),
                        place
                    ],
                )?;
            }
            // A jury keeps its identifier (and its interviews) when the list names it; one
            // left out goes with its interviews. A list without identifiers (a hand-written
            // JSON) matches the juries by position.
            let existing: Vec<i64> = {
                let mut stmt = tx.prepare("SELECT id FROM jury ORDER BY id")?;
                let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                ids
            };
            let by_id = new.juries.iter().any(|j| j.id.is_some());
            let kept: Vec<Option<i64>> = new
                .juries
                .iter()
                .enumerate()
                .map(|(k, j)| {
                    if by_id {
                        j.id.filter(|id| existing.contains(id))
                    } else {
                        existing.get(k).copied()
                    }
                })
                .collect();
            for id in existing.iter().filter(|id| !kept.contains(&Some(**id))) {
                tx.execute("DELETE FROM jury WHERE id = ?1", [id])?;
            }
            tx.execute("DELETE FROM jury_member", [])?;
            for (k, j) in new.juries.iter().enumerate() {
                let id = match kept[k].as_ref() {
                    Some(id) => {
                        tx.execute("UPDATE jury SET name = ?1, room = ?2 WHERE id = ?3", params![fr::tidy(&j.name), fr::tidy(&j.room), id])?;
                        *id
                    }
                    None => {
                        tx.execute("INSERT INTO jury (name, room) VALUES (?1, ?2)", params![fr::tidy(&j.name), fr::tidy(&j.room)])?;
                        tx.last_insert_rowid()
                    }
                };
                for m in &j.members {
                    tx.execute("INSERT OR IGNORE INTO jury_member (jury, member) VALUES (?1, ?2)", params![id, m])?;
                }
            }
            tx.execute("DELETE FROM unavailability", [])?;
            for u in &new.unavailable {
                tx.execute(
                    "INSERT INTO unavailability (member, candidate, date, part, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![u.member, u.candidate, fr::parse_date(&u.date).map(iso), u.part.code(), fr::tidy(&u.reason)],
                )?;
            }
            tx.execute("DELETE FROM preference", [])?;
            for p in &new.preferences {
                tx.execute(
                    "INSERT OR REPLACE INTO preference (candidate, date, part) VALUES (?1, ?2, ?3)",
                    params![p.candidate, fr::parse_date(&p.date).map(iso), p.part.code()],
                )?;
            }
            let after = setup(tx)?;
            if after == before {
                return Ok((after, None));
            }
            Ok((
                after.clone(),
                Some(Entry::new(
                    "schedule.setup",
                    format!(
                        "Organisation des entretiens modifiée : {}, {}, entretiens de {} min.",
                        fr::count(after.days.len(), "journée", "journées"),
                        fr::count(after.juries.len(), "jury", "jurys"),
                        after.interview_minutes
                    ),
                )),
            ))
        })
    }

    /// The plan as it stands.
    pub fn schedule(&self) -> Result<ScheduleView> {
        view(self.conn())
    }

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
            Error::Refused(format!(
                "Aucun planning n'est possible. {} Le planning précédent est conservé.",
                e.reasons
                    .iter()
                    .map(|r| r.message.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
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
        let summary = quality_text(&plan.quality);
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
            return Err(Error::Refused(format!(
                "Déplacement impossible : {}. Le planning n'a pas été modifié.",
                conflicts.join(" ; ")
            )));
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
            return Err(Error::Refused(format!(
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

/// What the documents of the plan need: who sends them, and the plan with names.
pub fn printed(conn: &Connection) -> Result<(super::print::Sender, super::print::PrintedPlan)> {
    use super::print::{
        Appointment, Civility, Contact, Panel, Person, PrintedPlan, Sender, Signer,
    };
    let settings = crate::campaign::read_settings_conn(conn)?;
    let uid: String = conn.query_row("SELECT uid FROM campaign WHERE id = 1", [], |r| r.get(0))?;
    let s = setup(conn)?;
    let problem = problem(conn)?;
    let members = commission::list(conn)?;
    let chair = members.iter().find(|m| m.role == Role::Chair);
    let sender = Sender {
        settings,
        campaign_uid: uid,
        place: s.days.first().map(|d| d.place.clone()).unwrap_or_default(),
        to_bring: s.bring.clone(),
        arrive_early_minutes: 15,
        contact: Contact {
            name: s.contact.clone(),
            email: String::new(),
            phone: String::new(),
        },
        signer: Signer {
            name: chair.map(|m| m.name.clone()).unwrap_or_default(),
            title: "Le président de la commission".into(),
        },
    };
    let candidates: BTreeMap<i64, crate::candidate::CandidateRow> = crate::candidate::list(conn)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let juries: BTreeMap<i64, &solver::Jury> = problem.juries.iter().map(|j| (j.id, j)).collect();
    let appointments = stored_interviews(conn)?
        .into_iter()
        .filter_map(|(i, pinned)| {
            let c = candidates.get(&i.candidate)?;
            let j = juries.get(&i.jury)?;
            Some(Appointment {
                candidate_id: c.id,
                civility: Civility::from_sex(c.data.sex.as_deref()),
                first_names: c.data.first_names.clone(),
                last_name: c.data.last_name.clone(),
                email: c.data.email.clone().unwrap_or_default(),
                category: c.category_label.clone(),
                date: i.date,
                start: i.start,
                end: i.end,
                jury_id: j.id,
                jury: j.name.clone(),
                room: j.room.clone(),
                pinned,
            })
        })
        .collect();
    let panels = solver::compositions(&problem)
        .into_iter()
        .filter(|c| c.sits)
        .map(|c| Panel {
            jury_id: c.jury,
            date: c.half_day.date,
            part: c.half_day.part,
            members: c.present,
        })
        .collect();
    let plan = PrintedPlan {
        days: problem.days.clone(),
        appointments,
        members: members
            .iter()
            .map(|m| Person {
                id: m.id,
                name: m.name.clone(),
                role: m.role_label.clone(),
            })
            .collect(),
        panels,
    };
    Ok((sender, plan))
}

impl Campaign {
    /// Writes the convocations (one PDF per candidate and the batch) and the calendars
    /// (.ics, one per candidate and one per member) into `dir`; returns what was written, by
    /// kind.
    pub fn write_convocations(&self, dir: &std::path::Path, today: NaiveDate) -> Result<Written> {
        let (sender, plan) = printed(self.conn())?;
        let letters = super::print::write_convocations(dir, &sender, &plan.appointments, today)?;
        let calendars = super::print::write_ics(dir, &sender, &plan, chrono::Utc::now())?;
        let batch = letters
            .first()
            .filter(|f| f.ends_with(super::print::BATCH))
            .cloned();
        Ok(Written {
            folder: dir.display().to_string(),
            letters: (letters.len() - usize::from(batch.is_some())) as u32,
            batch,
            candidate_calendars: calendars.candidates.len() as u32,
            member_calendars: calendars.members.len() as u32,
            files: letters
                .into_iter()
                .chain(calendars.candidates)
                .chain(calendars.members)
                .collect(),
        })
    }

    /// Writes the commission's timetable (PDF) to `path`.
    pub fn write_timetable(&self, path: &std::path::Path) -> Result<()> {
        let (sender, plan) = printed(self.conn())?;
        if plan.appointments.is_empty() {
            return Err(Error::Refused("Aucun entretien n'est planifié : planifiez d'abord les entretiens (« cesp schedule »).".into()));
        }
        std::fs::write(path, super::print::timetable_pdf(&sender, &plan))
            .map_err(|e| Error::io(path, e))
    }

    /// Writes the plan as a workbook (xlsx) to `path`; returns the lines written.
    pub fn export_plan_xlsx(&self, path: &std::path::Path) -> Result<usize> {
        let (_, plan) = printed(self.conn())?;
        super::print::write_plan_xlsx(path, &plan.appointments)
    }
}
