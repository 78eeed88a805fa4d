//! Convocations as they went out: each candidate's, numbered from 0, written to a folder
//! or e-mailed. Once one is out, a replan moves as few interviews as possible, and only
//! the candidates whose interview changed get an amended convocation (the same calendar
//! UID with the next SEQUENCE) or a cancellation.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::setup::iso;
use crate::error::Result;
use crate::fr;
use crate::schedule::print::{Appointment, Replaced};

/// An appointment as a convocation stated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IssuedSlot {
    pub jury: i64,
    pub jury_name: String,
    pub room: String,
    pub date: NaiveDate,
    pub start: u32,
    pub end: u32,
}

impl IssuedSlot {
    fn same_time_and_jury(&self, a: &Appointment) -> bool {
        (self.jury, self.date, self.start, self.end) == (a.jury_id, a.date, a.start, a.end)
    }

    pub(crate) fn replaced(&self) -> Replaced {
        Replaced {
            jury_id: self.jury,
            date: self.date,
            start: self.start,
            jury: self.jury_name.clone(),
            room: self.room.clone(),
        }
    }
}

/// A candidate's convocations so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    /// Every convocation, by sequence: the appointment, or none (a cancellation).
    pub issues: Vec<(u32, Option<IssuedSlot>)>,
}

impl History {
    fn latest(&self) -> Option<&(u32, Option<IssuedSlot>)> {
        self.issues.last()
    }

    /// The sequence the next convocation takes.
    fn next(&self) -> u32 {
        self.latest().map_or(0, |(s, _)| s + 1)
    }

    /// The appointment a candidate holds now (the latest convocation, unless cancelled).
    pub(crate) fn holds(&self) -> Option<&IssuedSlot> {
        self.latest().and_then(|(_, slot)| slot.as_ref())
    }
}

/// What a convocation for the appointment `a` is, given the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Standing {
    /// Its SEQUENCE (RFC 5545): the same as the latest when nothing changed.
    pub sequence: u32,
    /// The appointment it replaces, when it amends an earlier one.
    pub replaces: Option<Replaced>,
    /// Whether it must go out (never sent, or changed since).
    pub pending: bool,
}

/// Where the appointment `a` stands against the candidate's convocations.
pub(crate) fn standing(history: Option<&History>, a: &Appointment) -> Standing {
    let Some(h) = history else {
        return Standing {
            sequence: 0,
            replaces: None,
            pending: true,
        };
    };
    match h.latest() {
        Some((seq, Some(slot))) if slot.same_time_and_jury(a) => {
            // Unchanged: the same letter again; amended if it replaced an earlier one.
            let earlier = h
                .issues
                .iter()
                .rev()
                .skip(1)
                .find_map(|(_, s)| s.as_ref().filter(|s| !s.same_time_and_jury(a)));
            Standing {
                sequence: *seq,
                replaces: earlier.map(IssuedSlot::replaced),
                pending: false,
            }
        }
        Some((_, Some(slot))) => Standing {
            sequence: h.next(),
            replaces: Some(slot.replaced()),
            pending: true,
        },
        _ => Standing {
            sequence: h.next(),
            replaces: None,
            pending: true,
        },
    }
}

/// Every candidate's convocations, by candidate.
pub(crate) fn histories(conn: &Connection) -> Result<BTreeMap<i64, History>> {
    let mut stmt = conn.prepare(
        "SELECT candidate, sequence, jury, jury_name, room, date, start, end FROM convocation_issue ORDER BY candidate, sequence",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<u32>>(6)?,
                r.get::<_, Option<u32>>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: BTreeMap<i64, History> = BTreeMap::new();
    for (candidate, seq, jury, jury_name, room, date, start, end) in rows {
        let slot = match (jury, date.as_deref().and_then(fr::parse_date), start, end) {
            (Some(jury), Some(date), Some(start), Some(end)) => Some(IssuedSlot {
                jury,
                jury_name,
                room,
                date,
                start,
                end,
            }),
            _ => None,
        };
        out.entry(candidate).or_default().issues.push((seq, slot));
    }
    Ok(out)
}

/// Whether any convocation went out, and when the latest did.
pub(crate) fn last_issued(conn: &Connection) -> Result<Option<(usize, String)>> {
    let (n, at): (i64, Option<String>) = conn.query_row(
        "SELECT COUNT(DISTINCT candidate), MAX(at) FROM convocation_issue",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(at.filter(|_| n > 0).map(|at| (n as usize, at)))
}

/// How a convocation went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    /// Written to a folder (to print or send by hand).
    Written,
    /// Sent by e-mail.
    Mailed,
}

/// Records that `a`'s convocation went out with `sequence` (nothing when that sequence
/// is already recorded: the same letter again).
pub(crate) fn record(
    tx: &Connection,
    a: &Appointment,
    sequence: u32,
    how: How,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO convocation_issue (candidate, sequence, jury, jury_name, room, date, start, end, how, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            a.candidate_id,
            sequence,
            a.jury_id,
            a.jury,
            a.room,
            iso(a.date),
            a.start,
            a.end,
            how.code(),
            at
        ],
    )?;
    Ok(())
}

/// Records that a candidate's interview was cancelled, as the cancellation `sequence`.
pub(crate) fn record_cancel(
    tx: &Connection,
    candidate: i64,
    sequence: u32,
    how: How,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO convocation_issue (candidate, sequence, how, at) VALUES (?1, ?2, ?3, ?4)",
        params![candidate, sequence, how.code(), at],
    )?;
    Ok(())
}

impl How {
    fn code(self) -> &'static str {
        match self {
            How::Written => "written",
            How::Mailed => "mailed",
        }
    }
}

/// A candidate convoked whose interview is no longer planned: their cancellation and its
/// sequence.
pub(crate) fn cancellations(
    histories: &BTreeMap<i64, History>,
    planned: &[Appointment],
) -> Vec<(i64, u32, IssuedSlot)> {
    histories
        .iter()
        .filter(|(id, _)| !planned.iter().any(|a| a.candidate_id == **id))
        .filter_map(|(id, h)| h.holds().map(|slot| (*id, h.next(), slot.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::print::{Civility, Sender};
    use proptest::prelude::*;

    fn appointment(jury: i64, day: u32, start: u32) -> Appointment {
        Appointment {
            candidate_id: 7,
            civility: Civility::Madame,
            first_names: "Léa".into(),
            last_name: "MARTIN".into(),
            email: String::new(),
            category: "Étudiant — médecine".into(),
            date: NaiveDate::from_ymd_opt(2027, 1, day).expect("a date"),
            start,
            end: start + 20,
            jury_id: jury,
            jury: format!("Jury {jury}"),
            room: String::new(),
            pinned: false,
            sequence: 0,
            replaces: None,
        }
    }

    fn slot(a: &Appointment) -> IssuedSlot {
        IssuedSlot {
            jury: a.jury_id,
            jury_name: a.jury.clone(),
            room: a.room.clone(),
            date: a.date,
            start: a.start,
            end: a.end,
        }
    }

    fn uid_and_sequence(a: &Appointment) -> (String, String) {
        let sender = Sender {
            settings: crate::campaign::CampaignSettings::blank(
                NaiveDate::from_ymd_opt(2026, 9, 1).expect("a date"),
            ),
            campaign_uid: "campagne-2026".into(),
            place: String::new(),
            to_bring: Vec::new(),
            arrive_early_minutes: 0,
            contact: Default::default(),
            signer: Default::default(),
        };
        let plan = crate::schedule::print::PrintedPlan {
            appointments: vec![a.clone()],
            ..Default::default()
        };
        let ics = crate::schedule::print::ics_for_candidate(&sender, &plan, 7, chrono::Utc::now());
        let get = |name: &str| {
            ics.lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or_default()
                .trim_end()
                .to_owned()
        };
        (get("UID:"), get("SEQUENCE:"))
    }

    proptest! {
        /// A candidate's interview moved or not, convoked after each step: a move gets the
        /// next sequence and says what it replaces; no move, the same convocation; the
        /// calendar event keeps one UID throughout, its SEQUENCE that number.
        #[test]
        fn each_move_is_the_next_sequence_of_one_event(steps in prop::collection::vec((1i64..3, 14u32..16, 0u32..4, any::<bool>()), 1..8)) {
            let mut history = History::default();
            let mut uid = None;
            for (jury, day, slot_n, send) in steps {
                let next = appointment(jury, day, 9 * 60 + slot_n * 25);
                let before = history.issues.last().map(|(s, _)| *s);
                let held = history.holds().cloned();
                let s = standing(Some(&history).filter(|h| !h.issues.is_empty()), &next);
                match (&held, before) {
                    (None, None) => {
                        prop_assert_eq!(s.sequence, 0);
                        prop_assert!(s.pending);
                        prop_assert_eq!(&s.replaces, &None);
                    }
                    (Some(h), Some(b)) if h.same_time_and_jury(&next) => {
                        prop_assert_eq!(s.sequence, b);
                        prop_assert!(!s.pending);
                    }
                    (Some(h), Some(b)) => {
                        prop_assert_eq!(s.sequence, b + 1);
                        prop_assert!(s.pending);
                        prop_assert_eq!(s.replaces.clone(), Some(h.replaced()));
                    }
                    _ => unreachable!(),
                }
                let current = Appointment { sequence: s.sequence, replaces: s.replaces.clone(), ..next };
                let (u, seq) = uid_and_sequence(&current);
                prop_assert_eq!(seq, s.sequence.to_string());
                prop_assert_eq!(uid.get_or_insert(u.clone()), &u);
                if send && s.pending {
                    history.issues.push((s.sequence, Some(slot(&current))));
                }
            }
        }
    }
}
