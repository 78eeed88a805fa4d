//! The interview scheduler, pure: a [`Problem`] (days, juries, members, candidates,
//! recusals, pins, preferences) in, a [`Plan`] or the French reasons why none exists out.
//! No storage, no clock, no randomness: the same problem always gives the same plan.
//!
//! Definitions (shared by [`plan`], [`quality`], [`check`] and the MIP of
//! `benches/schedule_mip.py`):
//! - **Slots** of a day: the first starts at the opening; a slot lasts the interview
//!   length L; the next starts L + B later (B: the buffer); a slot that would overlap a
//!   break starts at the end of that break instead; a slot must end by the closing time.
//!   Every jury of the campaign uses the same slots.
//! - **Half-day**: a slot is in the morning when it starts before [`AFTERNOON_FROM`]
//!   (13 h), in the afternoon otherwise.
//! - **Block**: one jury on one half-day. The members present are the jury's members
//!   available that half-day; the jury sits only if they are at least the minimum size
//!   and, when a role is required, include a voting member of that role.
//! - **Idle time** of a jury on a day: the slots of that day lying between the start of
//!   its first interview and the end of its last one that overlap none of its interviews,
//!   counted L + B minutes each (so buffers and breaks are never idle time).
//! - **Objective**, in order: when a plan is in force ([`Problem::previous`]), move as few
//!   of its interviews as possible (those that can stay are pinned); keep the populations
//!   in separate blocks when it can be done at all (otherwise plan with mixed blocks and
//!   say how many); then the fewest days used, and among as few the earliest; then juries
//!   balanced (the numbers of interviews per jury decreasingly minimal: the busiest jury
//!   as little busy as possible, then the next…, so they differ by at most one whenever
//!   the availabilities allow it); then the least idle time; then the most preferred
//!   half-days met.
//!
//! How: availability, recusals and preferences are the same for every slot of a block,
//! so a transportation problem (a flow from groups of identical candidates to blocks,
//! capacity: free slots) decides feasibility exactly (Hall's theorem; its minimum cut
//! names the candidates short of slots). Subsets of days are tried by increasing size
//! (exhaustively up to [`EXACT_DAYS`] days), the separation of populations by
//! branch and bound on the population of each block. Idle time only comes from pins: the
//! slots between pins, and between pins and the other half-day when that one is used,
//! must be filled; the flow fills them first, both choices (other half-day used or not)
//! being tried for each jury-day pinned on one half only. Interviews are then placed
//! contiguously (mornings against the lunch break, afternoons after it, around pins).

mod check;
mod flow;
pub(crate) use check::Checking;
mod search;
mod validate;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Minutes since midnight from which a slot belongs to the afternoon (13 h).
pub const AFTERNOON_FROM: u32 = 13 * 60;

/// Up to this many days that may be left unused, every subset of days is tried; beyond,
/// days are dropped greedily (the plan says it may not be optimal).
pub const EXACT_DAYS: usize = 12;

/// The last minute of a day.
pub const END_OF_DAY: u32 = 24 * 60;

/// Morning or afternoon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Slots starting before [`AFTERNOON_FROM`].
    Morning,
    /// Slots starting at or after [`AFTERNOON_FROM`].
    Afternoon,
}

impl Part {
    /// The half-day of a slot starting at `start` (minutes since midnight).
    pub fn of(start: u32) -> Part {
        if start < AFTERNOON_FROM {
            Part::Morning
        } else {
            Part::Afternoon
        }
    }

    /// "matin", "après-midi".
    pub fn label(self) -> &'static str {
        match self {
            Part::Morning => "matin",
            Part::Afternoon => "après-midi",
        }
    }
}

/// One half-day of one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HalfDay {
    /// The date.
    pub date: NaiveDate,
    /// Morning or afternoon.
    pub part: Part,
}

/// A break in a day (lunch…), in minutes since midnight, end excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    /// Start.
    pub start: u32,
    /// End.
    pub end: u32,
}

/// A day of interviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// The date.
    pub date: NaiveDate,
    /// Opening, minutes since midnight.
    pub opening: u32,
    /// Closing, minutes since midnight: the last interview ends by then.
    pub closing: u32,
    /// Breaks, during which nobody is heard.
    #[serde(default)]
    pub breaks: Vec<Break>,
}

/// A member of the commission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Identifier.
    pub id: i64,
    /// Name as shown ("M. MARTIN").
    pub name: String,
    /// Role code ("chair", "teacher", "doctor"…).
    pub role: String,
    /// Whether the member votes.
    pub voting: bool,
    /// Half-days the member is away.
    #[serde(default)]
    pub unavailable: Vec<HalfDay>,
}

/// A jury: members hearing candidates together in one room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jury {
    /// Identifier.
    pub id: i64,
    /// Name ("Salle 1").
    pub name: String,
    /// Room or place.
    #[serde(default)]
    pub room: String,
    /// Its members (a member belongs to one jury at most).
    pub members: Vec<i64>,
}

/// A shortlisted candidate to hear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Identifier.
    pub id: i64,
    /// Name as shown ("DUPONT Marie").
    pub name: String,
    /// Population key ("student", "intern"…).
    pub population: String,
    /// Half-days the candidate cannot come (on call, exams…).
    #[serde(default)]
    pub unavailable: Vec<HalfDay>,
    /// The half-day the candidate would rather come.
    #[serde(default)]
    pub preferred: Option<HalfDay>,
}

/// A member who must not hear a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    /// The member.
    pub member: i64,
    /// The candidate.
    pub candidate: i64,
}

/// An interview fixed by the secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The candidate.
    pub candidate: i64,
    /// The jury.
    pub jury: i64,
    /// The date.
    pub date: NaiveDate,
    /// Start of the slot, minutes since midnight.
    pub start: u32,
}

/// A role that must be present (as a voting member) for a jury to sit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRequirement {
    /// Role code ("chair").
    pub role: String,
    /// Its French name for messages ("président").
    pub label: String,
}

/// Everything the scheduler needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The days of interviews.
    pub days: Vec<Day>,
    /// Length of an interview, in minutes (L).
    pub interview_minutes: u32,
    /// Buffer between two interviews, in minutes (B).
    pub buffer_minutes: u32,
    /// Members present for a jury to sit.
    pub min_jury_size: u32,
    /// A role a jury needs to sit.
    #[serde(default)]
    pub required_role: Option<RoleRequirement>,
    /// Whether a jury's half-day should hear one population only.
    #[serde(default)]
    pub separate_populations: bool,
    /// The members.
    pub members: Vec<Member>,
    /// The juries.
    pub juries: Vec<Jury>,
    /// The candidates to hear (withdrawn ones are left out).
    pub candidates: Vec<Candidate>,
    /// Recusals.
    #[serde(default)]
    pub recusals: Vec<Recusal>,
    /// Interviews fixed by the secretary.
    #[serde(default)]
    pub pins: Vec<Pin>,
    /// The plan in force when replanning after convocations went out: as few of its
    /// interviews as possible move (before any other aim). Empty: plan from scratch.
    #[serde(default)]
    pub previous: Vec<Interview>,
}

/// A slot of the common grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// The date.
    pub date: NaiveDate,
    /// Start, minutes since midnight.
    pub start: u32,
    /// End (start + L).
    pub end: u32,
    /// Morning or afternoon.
    pub part: Part,
}

/// Who of a jury is present on a half-day, and whether the jury can sit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composition {
    /// The jury.
    pub jury: i64,
    /// The half-day.
    pub half_day: HalfDay,
    /// Members present, by identifier.
    pub present: Vec<i64>,
    /// Whether the jury can sit.
    pub sits: bool,
    /// Why it cannot, in French ("2 membres présents, 3 requis").
    pub reason: Option<String>,
}

/// One interview of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interview {
    /// The candidate.
    pub candidate: i64,
    /// The jury.
    pub jury: i64,
    /// The date.
    pub date: NaiveDate,
    /// Start, minutes since midnight.
    pub start: u32,
    /// End, minutes since midnight.
    pub end: u32,
}

/// The measures of a set of interviews (see the module's definitions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quality {
    /// Interviews.
    pub interviews: usize,
    /// Dates with at least one interview.
    pub days_used: usize,
    /// Juries' half-days with at least one interview.
    pub blocks_used: usize,
    /// Idle time, in minutes.
    pub idle_minutes: u32,
    /// Candidates heard on the half-day they preferred.
    pub preferences_met: usize,
    /// Candidates who stated a preferred half-day.
    pub preferences_asked: usize,
    /// Juries' half-days hearing more than one population.
    pub mixed_blocks: usize,
    /// Interviews of the busiest jury less those of the least busy one (every jury of
    /// the problem counted).
    #[serde(default)]
    pub jury_spread: usize,
    /// Candidates of the plan in force ([`Problem::previous`]) heard at another time or
    /// by another jury.
    #[serde(default)]
    pub moved: usize,
}

/// What became of the wish to keep populations apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Separation {
    /// Not asked.
    NotAsked,
    /// Asked and kept: each jury's half-day hears one population.
    Kept,
    /// Asked but impossible: some blocks are mixed ([`Quality::mixed_blocks`]).
    Relaxed,
}

/// A plan of interviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The interviews, by date, start, jury then candidate.
    pub interviews: Vec<Interview>,
    /// Its measures.
    pub quality: Quality,
    /// Whether populations are kept apart.
    pub separation: Separation,
    /// Whether the search was exhaustive (false: the instance was too large and the plan
    /// may use a day or some idle time more than needed).
    pub exact: bool,
    /// Remarks for the secretary, in French.
    pub notes: Vec<String>,
}

/// One reason why no plan exists, in French, with the candidates it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The message, with the smallest change that would help.
    pub message: String,
    /// Candidates concerned, by identifier.
    pub candidates: Vec<i64>,
}

/// Why no plan exists: every reason found, not only the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", .reasons.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join("\n"))]
pub struct Infeasible {
    /// The reasons.
    pub reasons: Vec<Explanation>,
}

/// The kind of a [`Conflict`], for the UI to pick an icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A candidate, jury or date the problem does not know.
    Unknown,
    /// The interview does not last L minutes.
    Duration,
    /// Outside the day's hours.
    OutsideHours,
    /// Overlaps a break.
    Break,
    /// Another interview of the same jury overlaps.
    SlotTaken,
    /// Less than the buffer between two interviews of a jury.
    Buffer,
    /// The candidate is away that half-day.
    CandidateUnavailable,
    /// The jury cannot sit that half-day.
    JuryCannotSit,
    /// A member present is recused for the candidate.
    Recused,
    /// The candidate has two interviews.
    Duplicate,
    /// The candidate has no interview.
    Missing,
    /// A member would sit in two places at once.
    MemberTwice,
    /// A pinned interview was moved.
    PinMoved,
}

/// A rule an edited plan breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Index of the interview in the list checked, if it concerns one.
    pub interview: Option<usize>,
    /// The candidate concerned.
    pub candidate: Option<i64>,
    /// Its kind.
    pub kind: ConflictKind,
    /// The message, in French.
    pub message: String,
}

/// The slots of every valid day, by date then start.
pub fn slots(problem: &Problem) -> Vec<Slot> {
    let mut days: Vec<&Day> = problem.days.iter().collect();
    days.sort_by_key(|d| d.date);
    let mut out = Vec::new();
    for d in days {
        for (start, end) in grid(d, problem.interview_minutes, problem.buffer_minutes) {
            out.push(Slot {
                date: d.date,
                start,
                end,
                part: Part::of(start),
            });
        }
    }
    out
}

/// The composition of every jury on every planned half-day (one with slots), by jury,
/// date then part.
pub fn compositions(problem: &Problem) -> Vec<Composition> {
    let ctx = search::Ctx::new(problem);
    let mut out = Vec::new();
    for b in &ctx.blocks {
        if b.positions.is_empty() {
            continue;
        }
        out.push(Composition {
            jury: ctx.juries[b.jury].id,
            half_day: HalfDay {
                date: ctx.days[b.day].date,
                part: b.part,
            },
            present: b.present.clone(),
            sits: b.sits,
            reason: b.reason.clone(),
        });
    }
    out.sort_by_key(|c| (c.jury, c.half_day));
    out
}

/// The measures of any set of interviews (a plan edited by hand too).
pub fn quality(problem: &Problem, interviews: &[Interview]) -> Quality {
    check::quality(problem, interviews)
}

/// Every rule `interviews` break, in French: for the live check while the secretary moves
/// interviews. Empty for every plan [`plan`] returns.
pub fn check(problem: &Problem, interviews: &[Interview]) -> Vec<Conflict> {
    check::check(problem, interviews)
}

/// The problems of the input itself, all of them (empty: the solver can run).
pub fn validate(problem: &Problem) -> Vec<Explanation> {
    validate::validate(&search::Ctx::new(problem))
}

/// Plans the interviews, or says why it cannot be done.
pub fn plan(problem: &Problem) -> Result<Plan, Infeasible> {
    let ctx = search::Ctx::new(problem);
    let reasons = validate::validate(&ctx);
    if !reasons.is_empty() {
        return Err(Infeasible { reasons });
    }
    search::solve(&ctx)
}

/// The slots of a day: start, end.
pub(crate) fn grid(day: &Day, length: u32, buffer: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    if length == 0 || day.closing <= day.opening {
        return out;
    }
    let mut t = day.opening;
    loop {
        let end = t.saturating_add(length);
        if end > day.closing {
            break;
        }
        let jump = day
            .breaks
            .iter()
            .filter(|b| b.start < end && t < b.end)
            .map(|b| b.end)
            .max();
        match jump {
            Some(j) => t = j,
            None => {
                out.push((t, end));
                t = end.saturating_add(buffer);
            }
        }
    }
    out
}

fn weekday(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// "jeudi 16/01".
pub(crate) fn fr_date(d: NaiveDate) -> String {
    format!("{} {}", weekday(d.weekday()), d.format("%d/%m"))
}

/// "jeudi 16/01 matin".
pub(crate) fn fr_half_day(h: HalfDay) -> String {
    format!("{} {}", fr_date(h.date), h.part.label())
}

/// "14 h 30", "9 h".
pub(crate) fn fr_time(minutes: u32) -> String {
    crate::fr::time(minutes / 60, minutes % 60)
}

/// "1 h 30", "2 h", "45 min", with no-break spaces as [`fr_time`].
pub(crate) fn fr_duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}\u{a0}min"),
        (h, 0) => format!("{h}\u{a0}h"),
        (h, m) => format!("{h}\u{a0}h\u{a0}{m:02}"),
    }
}

/// Names joined: "A", "A et B", "A, B et C".
pub(crate) fn fr_list(items: &[String]) -> String {
    crate::fr::list(items)
}

/// The most days named one by one: a week. A regional campaign's months of sittings are
/// given as their first and last day.
const DAYS_NAMED: usize = 5;

/// Days, named: « jeudi 16/01 et vendredi 17/01 », or past [`DAYS_NAMED`] their span
/// « du lundi 11/01 au vendredi 26/11 » (`names` in the order of the days).
pub(crate) fn fr_days(names: &[String]) -> String {
    match (names.first(), names.last()) {
        (Some(first), Some(last)) if names.len() > DAYS_NAMED => format!("du {first} au {last}"),
        _ => fr_list(names),
    }
}

/// At most `max` names, then "…": "DUPONT Marie, MARTIN Paul, …".
pub(crate) fn fr_names(names: &[String], max: usize) -> String {
    if names.len() <= max {
        names.join(", ")
    } else {
        format!("{}, …", names[..max].join(", "))
    }
}

#[cfg(test)]
#[path = "solver_tests.rs"]
mod tests;
