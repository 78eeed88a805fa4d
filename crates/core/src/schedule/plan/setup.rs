//! What the secretary describes before planning (days, hours, breaks, juries, who is
//! unavailable when, preferences): as typed, checked field by field, and stored.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::commission::{self, Role};
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::Entry;
use crate::schedule::solver::{self, Part};

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
    pub(super) fn solver(self) -> Part {
        match self {
            HalfDayPart::Morning => Part::Morning,
            HalfDayPart::Afternoon => Part::Afternoon,
        }
    }
    pub(super) fn of(part: Part) -> HalfDayPart {
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

pub(super) fn minutes(text: &str, field: &str, label: &str, issues: &mut Vec<FieldIssue>) -> u32 {
    match commission::parse_time(text) {
        Some((h, m)) => h * 60 + m,
        None => {
            issues.push(FieldIssue::new(
                field,
                format!("« {label} » : « {} » n'est pas une heure ; écrivez par exemple « 8\u{a0}h\u{a0}30 » ou « 08:30 ».", text.trim()),
            ));
            0
        }
    }
}

pub(super) fn show_minutes(m: i64) -> String {
    fr::time((m / 60) as u32, (m % 60) as u32)
}

pub(super) fn date_of(
    text: &str,
    field: &str,
    label: &str,
    issues: &mut Vec<FieldIssue>,
) -> Option<NaiveDate> {
    crate::typed_date::parse(field, label, text)
        .map_err(|issue| issues.push(issue))
        .ok()
}

pub(super) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// One day as typed, checked (every wrong field said in `issues`); `None` when its date
/// is not one.
pub(super) fn parse_day(
    i: usize,
    d: &DaySetup,
    issues: &mut Vec<FieldIssue>,
) -> Option<solver::Day> {
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
            issues.push(FieldIssue::new("interview_minutes", format!("« Durée d'un entretien » : {}\u{a0}min n'est pas possible ; il faut entre 5 et 240 minutes.", new.interview_minutes)));
        }
        if !(0..=120).contains(&new.buffer_minutes) {
            issues.push(FieldIssue::new("buffer_minutes", format!("« Battement entre deux entretiens » : {}\u{a0}min n'est pas possible ; il faut entre 0 et 120 minutes.", new.buffer_minutes)));
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
}
