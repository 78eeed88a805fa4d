//! The printed outputs of the interview plan: the convocation letters, the commission's
//! timetable (PDF), iCalendar files (.ics) and the plan as a workbook (xlsx).
//!
//! Pure functions of the structs below, which the caller builds from the campaign and its
//! plan: no storage, no clock (the date of the letters and the `DTSTAMP` of the calendars
//! are passed in), and the same input always gives the same bytes.

mod convocation;
mod ics;
mod timetable;
mod xlsx;

use crate::Refusal;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use convocation::{
    convocation_files, convocation_letters, convocation_sections, convocations_pdf,
    write_convocations, write_convocations_as, BATCH, CHANGES_BATCH, DEFAULT_TO_BRING,
};
pub use ics::{
    cancellation_names, candidate_calendar_names, ics_cancel_for_candidate, ics_for_candidate,
    ics_for_candidates, ics_for_member, write_ics, write_ics_for,
};
pub use timetable::timetable_pdf;
pub use xlsx::write_plan_xlsx;

use super::solver::{fr_time, Day, Part};
use crate::campaign::CampaignSettings;
use crate::error::{Error, Result};
use crate::fr;

/// A non-breaking space: keeps « 14 h 30 » and « 30 minutes » on one line.
pub(crate) const NB: char = '\u{a0}';

pub use crate::candidate::Civility;

/// Whom candidates contact about their interview (each part may be empty).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    /// "Mme Claire PETIT, secrétariat de la commission".
    pub name: String,
    /// "cesp@u-picardie.fr".
    pub email: String,
    /// "03 22 82 77 00".
    pub phone: String,
}

impl Contact {
    /// "Mme Claire PETIT (cesp@u-picardie.fr, 03 22 82 77 00)"; the commission's
    /// secretariat when no name is given.
    pub(crate) fn sentence(&self) -> String {
        let name = fr::tidy(&self.name);
        let name = if name.is_empty() {
            "le secrétariat de la commission".to_owned()
        } else {
            name
        };
        let means: Vec<String> = [&self.email, &self.phone]
            .into_iter()
            .map(|s| fr::tidy(s))
            .filter(|s| !s.is_empty())
            .collect();
        if means.is_empty() {
            name
        } else {
            format!("{name} ({})", means.join(", "))
        }
    }
}

/// Who signs the convocations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Signer {
    /// "Pr Jean-Marc LEFEBVRE".
    pub name: String,
    /// "Le président de la commission".
    pub title: String,
}

/// Where the documents come from and what the convocation says besides the appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    /// The campaign's settings: UFR, university, city (letterhead, footer, place of the
    /// letter).
    pub settings: CampaignSettings,
    /// A stable identifier of the campaign, from which the calendar events' `UID` are
    /// derived (the same campaign, the same UIDs).
    pub campaign_uid: String,
    /// Where the commission sits ("Faculté de médecine, 3 rue des Louvels, 80036 Amiens").
    pub place: String,
    /// What candidates bring to the interview; [`DEFAULT_TO_BRING`] when empty.
    pub to_bring: Vec<String>,
    /// How long before the interview candidates are asked to arrive (0: not said).
    pub arrive_early_minutes: u32,
    /// Whom candidates contact.
    pub contact: Contact,
    /// Who signs the convocations.
    pub signer: Signer,
}

impl Sender {
    /// What candidates bring: the list given, or the default one.
    pub(crate) fn to_bring(&self) -> Vec<String> {
        let given: Vec<String> = self
            .to_bring
            .iter()
            .map(|s| fr::tidy(s))
            .filter(|s| !s.is_empty())
            .collect();
        if given.is_empty() {
            DEFAULT_TO_BRING.iter().map(|s| (*s).to_owned()).collect()
        } else {
            given
        }
    }
}

/// One interview of the plan, with what the documents say of its candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    /// The candidate's identifier.
    pub candidate_id: i64,
    /// How the candidate is addressed.
    pub civility: Civility,
    /// "Marie-Ève".
    pub first_names: String,
    /// "DUPONT-MOREAU".
    pub last_name: String,
    /// The candidate's e-mail (may be empty).
    pub email: String,
    /// "Étudiant — médecine".
    pub category: String,
    /// The date.
    pub date: NaiveDate,
    /// Start, minutes since midnight.
    pub start: u32,
    /// End, minutes since midnight.
    pub end: u32,
    /// The jury's identifier.
    pub jury_id: i64,
    /// The jury's name ("Jury 1").
    pub jury: String,
    /// Its room ("Salle 2.14"; may be empty).
    pub room: String,
    /// Fixed by the secretary (a pin), not placed by the scheduler.
    pub pinned: bool,
    /// Its convocation's number: 0 for the first, one more each time it changes (the
    /// calendar event's SEQUENCE, its UID staying the same).
    #[serde(default)]
    pub sequence: u32,
    /// The appointment an amended convocation replaces (« Convocation rectificative »).
    #[serde(default)]
    pub replaces: Option<Replaced>,
}

/// The appointment a convocation was sent for, which an amended one replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replaced {
    /// The jury's identifier.
    pub jury_id: i64,
    /// The date.
    pub date: NaiveDate,
    /// Start, minutes since midnight.
    pub start: u32,
    /// The jury's name then.
    pub jury: String,
    /// Its room then.
    pub room: String,
}

impl Appointment {
    /// "DUPONT-MOREAU Marie-Ève", as lists and file names show people.
    pub fn display_name(&self) -> String {
        fr::tidy(&format!("{} {}", self.last_name, self.first_names))
    }

    /// "Marie-Ève DUPONT-MOREAU", as letters name people.
    pub(crate) fn letter_name(&self) -> String {
        fr::tidy(&format!("{} {}", self.first_names, self.last_name))
    }

    /// Length in minutes.
    pub(crate) fn minutes(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// "Salle 2.14 — Jury 1" (room then jury, each once); `unbroken`: with non-breaking
    /// spaces inside the names, so that a line never ends on « Jury » before « 1 ».
    pub(crate) fn room_and_jury(&self, unbroken: bool) -> String {
        let glue = |s: &str| {
            let s = fr::tidy(s);
            if unbroken {
                s.replace(' ', &NB.to_string())
            } else {
                s
            }
        };
        let room = glue(&self.room);
        let jury = glue(&self.jury);
        match (room.is_empty(), jury.is_empty()) {
            (true, _) => jury,
            (false, true) => room,
            (false, false) if room.eq_ignore_ascii_case(&jury) => room,
            (false, false) => format!("{room} — {jury}"),
        }
    }

    /// The place of the sitting, the room and the jury (see [`Self::room_and_jury`]).
    pub(crate) fn location(&self, place: &str, unbroken: bool) -> String {
        let place = fr::tidy(place);
        let rest = self.room_and_jury(unbroken);
        match (place.is_empty(), rest.is_empty()) {
            (true, _) => rest,
            (false, true) => place,
            (false, false) => format!("{place} — {rest}"),
        }
    }
}

/// A member of the commission, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The member's identifier.
    pub id: i64,
    /// "Pr Jean-Marc LEFEBVRE".
    pub name: String,
    /// Role as printed after the name ("président"; may be empty).
    pub role: String,
}

impl Person {
    /// "Pr Jean-Marc LEFEBVRE (président)".
    pub(crate) fn with_role(&self) -> String {
        let name = fr::tidy(&self.name);
        let role = fr::tidy(&self.role);
        if role.is_empty() {
            name
        } else {
            format!("{name} ({role})")
        }
    }
}

/// Who sits in a jury on one half-day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panel {
    /// The jury's identifier.
    pub jury_id: i64,
    /// The date.
    pub date: NaiveDate,
    /// Morning or afternoon.
    pub part: Part,
    /// The members present ([`Person::id`]).
    pub members: Vec<i64>,
}

/// The plan as the documents need it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PrintedPlan {
    /// The days of interviews, with their breaks (shown in the timetable).
    pub days: Vec<Day>,
    /// The interviews.
    pub appointments: Vec<Appointment>,
    /// The members of the commission.
    pub members: Vec<Person>,
    /// Who sits in which jury on which half-day (may be empty).
    pub panels: Vec<Panel>,
    /// Interviews convoked to and no longer planned: each as it was convoked, with the
    /// sequence of its cancellation.
    #[serde(default)]
    pub cancelled: Vec<Appointment>,
}

impl PrintedPlan {
    /// The members present at an interview, in the order of [`PrintedPlan::members`].
    pub(crate) fn members_at(&self, a: &Appointment) -> Vec<&Person> {
        let part = Part::of(a.start);
        let present: Vec<i64> = self
            .panels
            .iter()
            .filter(|p| p.jury_id == a.jury_id && p.date == a.date && p.part == part)
            .flat_map(|p| p.members.iter().copied())
            .collect();
        self.members
            .iter()
            .filter(|m| present.contains(&m.id))
            .collect()
    }

    /// Whether `member` sits in `jury` on some half-day of the plan.
    pub(crate) fn in_jury(&self, member: i64, jury: i64) -> bool {
        self.panels
            .iter()
            .any(|p| p.jury_id == jury && p.members.contains(&member))
    }

    /// The appointments by date, start, jury and candidate.
    pub(crate) fn sorted(&self) -> Vec<&Appointment> {
        sorted(&self.appointments)
    }
}

/// Appointments by date, start, jury and candidate.
pub(crate) fn sorted(rows: &[Appointment]) -> Vec<&Appointment> {
    let mut v: Vec<&Appointment> = rows.iter().collect();
    v.sort_by_key(|a| (a.date, a.start, a.jury_id, a.candidate_id));
    v
}

/// "jeudi 16 janvier 2025 à 14 h 30".
pub(crate) fn when(date: NaiveDate, start: u32) -> String {
    format!("{} à {}", fr::date_long(date), fr_time(start))
}

/// "30 minutes", "1 heure", "1 h 30", "2 heures".
pub(crate) fn duration(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, 1) => format!("1{NB}minute"),
        (0, m) => format!("{m}{NB}minutes"),
        (1, 0) => format!("1{NB}heure"),
        (h, 0) => format!("{h}{NB}heures"),
        (h, m) => format!("{h}{NB}h{NB}{m:02}"),
    }
}

/// Refuses a folder that does not exist.
pub(crate) fn existing_dir(dir: &Path, what: &str) -> Result<()> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Error::Refused(Refusal::FolderMissing, format!(
            "Le dossier « {} » n'existe pas : choisissez un dossier existant pour y enregistrer {what}.",
            dir.display()
        )))
    }
}

/// The calendars `write_ics` wrote: the candidates' files, then the members'.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendars {
    /// One per candidate.
    pub candidates: Vec<String>,
    /// One per cancelled interview (METHOD:CANCEL).
    pub cancellations: Vec<String>,
    /// One per member sitting.
    pub members: Vec<String>,
}

/// What the convocations' export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Written {
    /// The folder chosen.
    pub folder: String,
    /// Convocations, one per candidate.
    pub letters: u32,
    /// Of which amended ones (« Convocation rectificative »).
    pub amended: u32,
    /// The file of every convocation, to print at once.
    pub batch: Option<String>,
    /// Calendars (.ics) of candidates.
    pub candidate_calendars: u32,
    /// Cancellations (.ics) of interviews no longer planned.
    pub cancellations: u32,
    /// Calendars (.ics) of members.
    pub member_calendars: u32,
    /// Every file written there.
    pub files: Vec<String>,
}

/// Writes `bytes` to `dir/name` and returns the path written.
pub(crate) fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<String> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    Ok(path.display().to_string())
}

#[cfg(test)]
#[path = "print_tests.rs"]
mod tests;
