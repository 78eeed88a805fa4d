//! The commission's sittings: their day, time and place as typed and checked, who was
//! present, and the quorum each reached.

use crate::Refusal;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::members::{list_members, member_name};
use super::rules::rules;
use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{Change, Entry};

/// The status of a member at a sitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Present.
    Present,
    /// Excused (apologies sent).
    Excused,
    /// Absent.
    Absent,
}

impl Attendance {
    pub(super) fn code(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Excused => "excused",
            Attendance::Absent => "absent",
        }
    }

    pub(super) fn from_code(s: &str) -> Option<Attendance> {
        match s {
            "present" => Some(Attendance::Present),
            "excused" => Some(Attendance::Excused),
            "absent" => Some(Attendance::Absent),
            _ => None,
        }
    }

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            Attendance::Present => "Présent(e)",
            Attendance::Excused => "Excusé(e)",
            Attendance::Absent => "Absent(e)",
        }
    }
}

/// A sitting as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SittingInput {
    /// The day ("16/01/2027" or ISO).
    pub date: String,
    /// Opening time ("9 h", "09:00"); optional.
    pub start_time: String,
    /// Where ("Salle du conseil, UFR de médecine, Amiens").
    pub place: String,
}

pub(crate) fn parse_time(text: &str) -> Option<(u32, u32)> {
    // "8 h 30" as typed, or with the no-break spaces of a time the app wrote.
    let t: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (h, m) = match t.split_once(['h', ':']) {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None => (t.as_str(), "0"),
    };
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (h < 24 && m < 60).then_some((h, m))
}

impl SittingInput {
    pub(super) fn validated(&self) -> Result<(String, String, String)> {
        let mut issues = Vec::new();
        let date = match fr::parse_date(&self.date) {
            Some(d) => d.format("%Y-%m-%d").to_string(),
            None => {
                issues.push(FieldIssue::new(
                    "date",
                    if self.date.trim().is_empty() {
                        "« Date » est obligatoire : saisissez le jour de la séance (JJ/MM/AAAA)."
                            .to_owned()
                    } else {
                        crate::typed_date::not_a_date("date", "Date", &self.date).message
                    },
                ));
                String::new()
            }
        };
        let start = if self.start_time.trim().is_empty() {
            String::new()
        } else {
            match parse_time(&self.start_time) {
                Some((h, m)) => format!("{h:02}:{m:02}"),
                None => {
                    issues.push(FieldIssue::new(
                        "start_time",
                        format!("« Heure de début » : « {} » n'est pas une heure ; écrivez par exemple « 9\u{a0}h\u{a0}30 » ou « 09:30 ».", self.start_time.trim()),
                    ));
                    String::new()
                }
            }
        };
        let place = self.place.split_whitespace().collect::<Vec<_>>().join(" ");
        if place.is_empty() {
            issues.push(FieldIssue::new(
                "place",
                "« Lieu » est obligatoire : indiquez où siège la commission.",
            ));
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        Ok((date, start, place))
    }
}

/// A member's attendance at a sitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberAttendance {
    /// The member.
    pub member_id: i64,
    /// Not recorded yet when `None`.
    pub status: Option<Attendance>,
}

/// A sitting with its attendance and quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Sitting {
    /// Identifier.
    pub id: i64,
    /// ISO date.
    pub date: String,
    /// "jeudi 14 janvier 2027".
    pub date_display: String,
    /// "09:00" or empty.
    pub start_time: String,
    /// "9 h" or empty.
    pub start_display: String,
    /// Where.
    pub place: String,
    /// Each member's attendance, in the order of the members' list.
    pub attendance: Vec<MemberAttendance>,
    /// Voting members marked present.
    pub present_voting: i64,
    /// Voting members of the commission.
    pub voting_total: i64,
    /// Voting members present required.
    pub quorum_required: i64,
    /// The quorum is met.
    pub quorum_met: bool,
    /// "Quorum atteint : 5 membres votants présents sur 7 (4 requis)."
    pub quorum_statement: String,
    /// Candidates heard at this sitting.
    pub heard: i64,
}

/// Every sitting, in date order.
pub fn sittings(conn: &Connection) -> Result<Vec<Sitting>> {
    let members = list_members(conn)?;
    let rules = rules(conn)?;
    let voting_total = members.iter().filter(|m| m.voting).count() as i64;
    let mut stmt = conn.prepare(
        "SELECT s.id, s.date, s.start_time, s.place, COALESCE(h.n, 0) \
         FROM sitting s LEFT JOIN (SELECT sitting, COUNT(*) AS n FROM hearing GROUP BY sitting) h \
         ON h.sitting = s.id ORDER BY s.date, s.start_time, s.id",
    )?;
    let rows: Vec<(i64, String, String, String, i64)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut presence = conn.prepare("SELECT member, status FROM presence WHERE sitting = ?1")?;
    let mut out = Vec::new();
    for (id, date, start_time, place, heard) in rows {
        let statuses: Vec<(i64, String)> = presence
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let attendance: Vec<MemberAttendance> = members
            .iter()
            .map(|m| MemberAttendance {
                member_id: m.id,
                status: statuses
                    .iter()
                    .find(|(id, _)| *id == m.id)
                    .and_then(|(_, s)| Attendance::from_code(s)),
            })
            .collect();
        let present_voting = members
            .iter()
            .zip(&attendance)
            .filter(|(m, a)| m.voting && a.status == Some(Attendance::Present))
            .count() as i64;
        let required = rules.quorum_required(voting_total);
        let met = voting_total > 0 && present_voting >= required;
        let statement = format!(
            "{} : {} sur {} ({} requis).",
            if met {
                "Quorum atteint"
            } else {
                "Quorum non atteint"
            },
            fr::count(
                present_voting,
                "membre votant présent",
                "membres votants présents"
            ),
            voting_total,
            required
        );
        let day = fr::parse_date(&date);
        out.push(Sitting {
            id,
            date_display: day.map(fr::date_long).unwrap_or_else(|| date.clone()),
            date,
            start_display: parse_time(&start_time)
                .map(|(h, m)| fr::time(h, m))
                .unwrap_or_default(),
            start_time,
            place,
            attendance,
            present_voting,
            voting_total,
            quorum_required: required,
            quorum_met: met,
            quorum_statement: statement,
            heard,
        });
    }
    Ok(out)
}

impl Campaign {
    /// Every sitting with attendance and quorum.
    pub fn sittings(&self) -> Result<Vec<Sitting>> {
        sittings(self.conn())
    }

    /// Adds a sitting; returns its id.
    pub fn add_sitting(&mut self, input: &SittingInput, operator: &str) -> Result<i64> {
        let (date, start, place) = input.validated()?;
        self.store().write(operator, |tx| {
            let same: Option<i64> = tx
                .query_row(
                    "SELECT id FROM sitting WHERE date = ?1 AND start_time = ?2 AND place = ?3",
                    params![date, start, place],
                    |r| r.get(0),
                )
                .optional()?;
            if same.is_some() {
                let day = fr::parse_date(&date).map(fr::date_long).unwrap_or_default();
                return Err(Error::Refused(Refusal::SittingExists, format!(
                    "La séance du {day}{} à « {place} » existe déjà : modifiez-la plutôt que d'en créer une seconde.",
                    parse_time(&start).map(|(h, m)| format!(" à {}", fr::time(h, m))).unwrap_or_default()
                )));
            }
            tx.execute(
                "INSERT INTO sitting (date, start_time, place) VALUES (?1, ?2, ?3)",
                params![date, start, place],
            )?;
            let id = tx.last_insert_rowid();
            let day = fr::parse_date(&date).map(fr::date_long).unwrap_or_default();
            Ok((
                id,
                Some(Entry::new(
                    "sitting.add",
                    format!("Séance ajoutée : {day}, {place}."),
                )),
            ))
        })
    }

    /// Changes a sitting's day, time or place.
    pub fn update_sitting(&mut self, id: i64, input: &SittingInput, operator: &str) -> Result<()> {
        let (date, start, place) = input.validated()?;
        self.store().write(operator, |tx| {
            let old: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT date, start_time, place FROM sitting WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let old = old.ok_or_else(|| Error::Missing {
                what: format!("La séance n° {id}"),
            })?;
            let show = |d: &str| fr::parse_date(d).map(fr::date_short).unwrap_or_default();
            let mut changes = Vec::new();
            for (field, before, after) in [
                ("Date", show(&old.0), show(&date)),
                ("Heure de début", old.1.clone(), start.clone()),
                ("Lieu", old.2.clone(), place.clone()),
            ] {
                changes.extend(Change::between(field, before, after));
            }
            if changes.is_empty() {
                return Ok(((), None));
            }
            tx.execute(
                "UPDATE sitting SET date = ?2, start_time = ?3, place = ?4 WHERE id = ?1",
                params![id, date, start, place],
            )?;
            let mut entry = Entry::new(
                "sitting.update",
                format!("Séance du {} modifiée.", show(&date)),
            );
            entry.changes = changes;
            Ok(((), Some(entry)))
        })
    }

    /// Removes a sitting at which nobody was heard.
    pub fn remove_sitting(&mut self, id: i64, operator: &str) -> Result<()> {
        self.store().write(operator, |tx| {
            let date: String = tx
                .query_row("SELECT date FROM sitting WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::Missing {
                    what: format!("La séance n° {id}"),
                })?;
            let day = fr::parse_date(&date).map(fr::date_short).unwrap_or(date);
            let heard: i64 =
                tx.query_row("SELECT COUNT(*) FROM hearing WHERE sitting = ?1", [id], |r| {
                    r.get(0)
                })?;
            if heard > 0 {
                return Err(Error::Refused(Refusal::SittingHasHearings, format!(
                    "{} lors de la séance du {day} : elle ne peut pas être supprimée. Rattachez d'abord ces candidats à une autre séance.",
                    if heard > 1 { format!("{heard} candidats ont été entendus") } else { "Un candidat a été entendu".to_owned() }
                )));
            }
            tx.execute("DELETE FROM sitting WHERE id = ?1", [id])?;
            Ok((
                (),
                Some(Entry::new(
                    "sitting.remove",
                    format!("Séance du {day} supprimée."),
                )),
            ))
        })
    }

    /// Records a member's attendance at a sitting (`None`: not recorded).
    pub fn set_attendance(
        &mut self,
        sitting: i64,
        member: i64,
        status: Option<Attendance>,
        operator: &str,
    ) -> Result<()> {
        self.store().write(operator, |tx| {
            let date: String = tx
                .query_row("SELECT date FROM sitting WHERE id = ?1", [sitting], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::Missing {
                    what: format!("La séance n° {sitting}"),
                })?;
            let name = member_name(tx, member)?;
            let before: Option<String> = tx
                .query_row(
                    "SELECT status FROM presence WHERE sitting = ?1 AND member = ?2",
                    params![sitting, member],
                    |r| r.get(0),
                )
                .optional()?;
            let before = before.as_deref().and_then(Attendance::from_code);
            if before == status {
                return Ok(((), None));
            }
            if status != Some(Attendance::Present) {
                // A member who already scored candidates heard at this sitting was there.
                let scored: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM score s JOIN hearing h ON h.candidate = s.candidate \
                     WHERE s.member = ?1 AND h.sitting = ?2",
                    params![member, sitting],
                    |r| r.get(0),
                )?;
                if scored > 0 && status.is_some() {
                    return Err(Error::Refused(Refusal::AttendanceHasScores, format!(
                        "{name} a déjà noté des candidats entendus lors de cette séance : il ou elle ne peut pas y être marqué(e) {}.",
                        status.map(|s| s.label().to_lowercase()).unwrap_or_default()
                    )));
                }
            }
            match status {
                Some(s) => tx.execute(
                    "INSERT INTO presence (sitting, member, status) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (sitting, member) DO UPDATE SET status = excluded.status",
                    params![sitting, member, s.code()],
                )?,
                None => tx.execute(
                    "DELETE FROM presence WHERE sitting = ?1 AND member = ?2",
                    params![sitting, member],
                )?,
            };
            let day = fr::parse_date(&date).map(fr::date_short).unwrap_or(date);
            let label = |s: Option<Attendance>| s.map(|s| s.label().to_owned()).unwrap_or_default();
            let mut entry = Entry::new(
                "sitting.attendance",
                format!("Présence à la séance du {day} : {name} — {}.", {
                    let l = label(status);
                    if l.is_empty() { "non renseignée".to_owned() } else { l.to_lowercase() }
                }),
            );
            entry.changes.push(Change {
                field: format!("Présence de {name}"),
                before: label(before),
                after: label(status),
            });
            Ok(((), Some(entry)))
        })
    }
}
