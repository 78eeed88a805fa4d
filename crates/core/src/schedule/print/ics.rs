//! iCalendar files (RFC 5545): one per candidate (their interview) and one per member
//! (every interview they sit in), in Paris time with the zone's rules included, so that
//! any calendar (Outlook, Google, Apple, Thunderbird) places them right.

use crate::Refusal;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::{
    duration, existing_dir, when, write_file, Appointment, Calendars, PrintedPlan, Sender, NB,
};
use crate::error::{Error, Result};
use crate::files::unique_file_names;
use crate::fr;

const PRODID: &str = "-//CESP Commission//Planning des entretiens//FR";

/// Europe/Paris since 1996: CET (UTC+1), CEST (UTC+2) from the last Sunday of March at
/// 2 h to the last Sunday of October at 3 h.
const VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "X-LIC-LOCATION:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A TEXT value escaped (RFC 5545 § 3.3.11): backslash, semicolon, comma, line breaks.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// One content line folded (RFC 5545 § 3.1): physical lines of at most 75 octets, the
/// next ones starting with a space, never inside a UTF-8 character; each ends with CRLF.
pub(crate) fn fold(line: &str) -> String {
    const MAX: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// A local date and time in Paris, `20250116T143000` (minutes past midnight may run into
/// the next day).
fn local(date: NaiveDate, minutes: u32) -> String {
    let t = date.and_time(chrono::NaiveTime::MIN) + Duration::minutes(i64::from(minutes));
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A stable UID: the same campaign, audience and candidate give the same UID, wherever
/// and whenever the interview is, so that a moved interview updates the event (a higher
/// SEQUENCE) instead of adding one.
fn uid(sender: &Sender, audience: &str, a: &Appointment) -> String {
    let mut h = Sha256::new();
    for part in [
        sender.campaign_uid.as_str(),
        audience,
        &a.candidate_id.to_string(),
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    let hex: String = h
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{hex}@cesp-commission")
}

/// A calendar being written: logical lines, folded at the end.
struct Calendar {
    lines: Vec<String>,
}

/// What a calendar file asks of the application that opens it (RFC 5546).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    /// Add the events, or update them when their UID is known with a lower SEQUENCE.
    Request,
    /// Cancel the events.
    Cancel,
}

impl Calendar {
    fn new(name: &str, method: Method) -> Self {
        let method = match method {
            Method::Request => "METHOD:REQUEST",
            Method::Cancel => "METHOD:CANCEL",
        };
        let mut lines: Vec<String> = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            &format!("PRODID:{PRODID}"),
            "CALSCALE:GREGORIAN",
            method,
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        lines.push(format!("X-WR-CALNAME:{}", escape(name)));
        lines.push("X-WR-TIMEZONE:Europe/Paris".into());
        lines.extend(VTIMEZONE.iter().map(|s| (*s).to_owned()));
        Calendar { lines }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        uid: String,
        sequence: u32,
        cancelled: bool,
        organizer: &str,
        stamp: &str,
        a: &Appointment,
        fields: [(&str, String); 3],
    ) {
        self.lines.push("BEGIN:VEVENT".into());
        self.lines.push(format!("UID:{uid}"));
        self.lines.push(format!("SEQUENCE:{sequence}"));
        self.lines.push(format!("DTSTAMP:{stamp}"));
        if !organizer.is_empty() {
            self.lines.push(organizer.to_owned());
        }
        self.lines.push(format!(
            "DTSTART;TZID=Europe/Paris:{}",
            local(a.date, a.start)
        ));
        self.lines
            .push(format!("DTEND;TZID=Europe/Paris:{}", local(a.date, a.end)));
        for (name, value) in fields {
            self.lines.push(format!("{name}:{}", escape(&value)));
        }
        self.lines.push(if cancelled {
            "STATUS:CANCELLED".into()
        } else {
            "STATUS:CONFIRMED".into()
        });
        self.lines.push(if cancelled {
            "TRANSP:TRANSPARENT".into()
        } else {
            "TRANSP:OPAQUE".into()
        });
        self.lines.push("END:VEVENT".into());
    }

    fn finish(mut self) -> String {
        self.lines.push("END:VCALENDAR".into());
        self.lines.iter().map(|l| fold(l)).collect()
    }
}

fn stamp(dtstamp: DateTime<Utc>) -> String {
    dtstamp.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The ORGANIZER line (the secretariat, when its address is known), which RFC 5546 asks
/// of a request or a cancellation.
fn organizer(sender: &Sender) -> String {
    let email = fr::tidy(&sender.contact.email);
    if email.is_empty() {
        return String::new();
    }
    let name = fr::tidy(&sender.contact.name).replace('"', "'");
    if name.is_empty() {
        format!("ORGANIZER:mailto:{email}")
    } else {
        format!("ORGANIZER;CN=\"{name}\":mailto:{email}")
    }
}

/// The summary of a candidate's event.
fn candidate_summary(sender: &Sender) -> String {
    format!("Entretien CESP — {}", fr::tidy(&sender.settings.ufr_name))
}

/// The calendar of one candidate: one event per interview of theirs in the plan (none
/// when the candidate has none). `dtstamp` is when the file is made (passed in, so that
/// the same plan gives the same file).
pub fn ics_for_candidate(
    sender: &Sender,
    plan: &PrintedPlan,
    candidate_id: i64,
    dtstamp: DateTime<Utc>,
) -> String {
    let theirs: Vec<&Appointment> = plan
        .sorted()
        .into_iter()
        .filter(|a| a.candidate_id == candidate_id)
        .collect();
    candidate_calendar(sender, &theirs, dtstamp)
}

/// [`ics_for_candidate`] for every candidate of the plan at once, by candidate: the plan
/// is sorted once, not once per candidate (a batch of 9 000 convocations).
pub fn ics_for_candidates(
    sender: &Sender,
    plan: &PrintedPlan,
    dtstamp: DateTime<Utc>,
) -> std::collections::HashMap<i64, String> {
    let mut theirs: std::collections::HashMap<i64, Vec<&Appointment>> = Default::default();
    for a in plan.sorted() {
        theirs.entry(a.candidate_id).or_default().push(a);
    }
    theirs
        .into_iter()
        .map(|(id, appointments)| (id, candidate_calendar(sender, &appointments, dtstamp)))
        .collect()
}

/// The calendar of one candidate's `appointments` (in the plan's order).
fn candidate_calendar(
    sender: &Sender,
    appointments: &[&Appointment],
    dtstamp: DateTime<Utc>,
) -> String {
    let settings = &sender.settings;
    let stamp = stamp(dtstamp);
    let organizer = organizer(sender);
    let mut cal = Calendar::new("Entretien CESP", Method::Request);
    let to_bring: Vec<String> = sender
        .to_bring()
        .into_iter()
        .map(|s| format!("- {s}"))
        .collect();
    for &a in appointments {
        let location = a.location(&sender.place, false);
        let mut description = format!(
            "Entretien avec la commission de sélection du contrat d'engagement de service public ({}, campagne {}).\nDate et heure{NB}: {}.\nDurée{NB}: {}.\nLieu{NB}: {location}.\nÀ apporter{NB}:\n{}\nContact{NB}: {}.",
            fr::tidy(&settings.ufr_name),
            settings.academic_year,
            when(a.date, a.start),
            duration(a.minutes()),
            to_bring.join("\n"),
            sender.contact.sentence(),
        );
        if let Some(old) = &a.replaces {
            description.push_str(&format!(
                "\nCet horaire remplace celui du {}.",
                when(old.date, old.start)
            ));
        }
        cal.event(
            uid(sender, "candidate", a),
            a.sequence,
            false,
            &organizer,
            &stamp,
            a,
            [
                ("SUMMARY", candidate_summary(sender)),
                ("LOCATION", location),
                ("DESCRIPTION", description),
            ],
        );
    }
    cal.finish()
}

/// The calendar of one member: one event per interview they sit in (the panels of the
/// plan say who sits in which jury each half-day).
pub fn ics_for_member(
    sender: &Sender,
    plan: &PrintedPlan,
    member_id: i64,
    dtstamp: DateTime<Utc>,
) -> String {
    let stamp = stamp(dtstamp);
    let name = plan
        .members
        .iter()
        .find(|m| m.id == member_id)
        .map(|m| fr::tidy(&m.name))
        .unwrap_or_default();
    let organizer = organizer(sender);
    let mut cal = Calendar::new(&format!("Entretiens CESP — {name}"), Method::Request);
    let sits = |a: &Appointment| plan.members_at(a).iter().any(|m| m.id == member_id);
    // Interviews the member may have in their calendar and no longer sits in: cancelled
    // ones and moved ones of their jury (who sat then is not kept: a cancellation of an
    // event they never had changes nothing), with the same UID, cancelled.
    let mut gone: Vec<Appointment> = plan
        .cancelled
        .iter()
        .filter(|a| plan.in_jury(member_id, a.jury_id))
        .cloned()
        .collect();
    for a in &plan.appointments {
        if let Some(old) = &a.replaces {
            let was = Appointment {
                jury_id: old.jury_id,
                jury: old.jury.clone(),
                room: old.room.clone(),
                date: old.date,
                start: old.start,
                end: old.start + a.minutes(),
                replaces: None,
                ..a.clone()
            };
            if plan.in_jury(member_id, was.jury_id) && !sits(a) {
                gone.push(was);
            }
        }
    }
    for a in super::sorted(&gone) {
        cal.event(
            uid(sender, "member", a),
            a.sequence,
            true,
            &organizer,
            &stamp,
            a,
            [
                (
                    "SUMMARY",
                    format!("Annulé — Entretien CESP — {}", a.display_name()),
                ),
                ("LOCATION", a.location(&sender.place, false)),
                (
                    "DESCRIPTION",
                    format!(
                        "Entretien de {} annulé ou confié à un autre jury.",
                        a.display_name()
                    ),
                ),
            ],
        );
    }
    for a in plan.sorted() {
        let present = plan.members_at(a);
        if !present.iter().any(|m| m.id == member_id) {
            continue;
        }
        let category = fr::tidy(&a.category);
        let mut description = if category.is_empty() {
            format!("Candidat{NB}: {}.", a.display_name())
        } else {
            format!("Candidat{NB}: {} ({category}).", a.display_name())
        };
        description.push_str(&format!("\nJury{NB}: {}.", a.room_and_jury(false)));
        let names: Vec<String> = present.iter().map(|m| m.with_role()).collect();
        description.push_str(&format!("\nComposition du jury{NB}: {}.", names.join(", ")));
        if a.pinned {
            description.push_str("\nHoraire fixé par le secrétariat.");
        }
        cal.event(
            uid(sender, "member", a),
            a.sequence,
            false,
            &organizer,
            &stamp,
            a,
            [
                ("SUMMARY", format!("Entretien CESP — {}", a.display_name())),
                ("LOCATION", a.location(&sender.place, false)),
                ("DESCRIPTION", description),
            ],
        );
    }
    cal.finish()
}

/// The cancellation of a candidate's interview (`a`: as it was convoked, with the
/// cancellation's sequence): the same UID, METHOD:CANCEL, so that calendars remove it.
pub fn ics_cancel_for_candidate(
    sender: &Sender,
    a: &Appointment,
    dtstamp: DateTime<Utc>,
) -> String {
    let stamp = stamp(dtstamp);
    let mut cal = Calendar::new("Entretien CESP annulé", Method::Cancel);
    cal.event(
        uid(sender, "candidate", a),
        a.sequence,
        true,
        &organizer(sender),
        &stamp,
        a,
        [
            ("SUMMARY", candidate_summary(sender)),
            ("LOCATION", a.location(&sender.place, false)),
            (
                "DESCRIPTION",
                format!(
                    "L'entretien du {} est annulé. Contact{NB}: {}.",
                    when(a.date, a.start),
                    sender.contact.sentence()
                ),
            ),
        ],
    );
    cal.finish()
}

/// Each cancelled interview with the name of its file, « Annulation entretien CESP -
/// DUPONT Marie.ics ».
pub fn cancellation_names(plan: &PrintedPlan) -> Vec<(i64, String)> {
    let people: Vec<(i64, String)> = plan
        .cancelled
        .iter()
        .map(|a| (a.candidate_id, a.display_name()))
        .collect();
    let names = unique_file_names("Annulation entretien CESP", "ics", &people);
    people
        .into_iter()
        .zip(names)
        .map(|((id, _), name)| (id, name))
        .collect()
}

/// Each candidate of the plan with the name of their calendar file, « Entretien CESP -
/// DUPONT Marie.ics » (« (n° 12) » added when two candidates share a name).
pub fn candidate_calendar_names(plan: &PrintedPlan) -> Vec<(i64, String)> {
    let mut candidates: Vec<(i64, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for a in plan.sorted() {
        if seen.insert(a.candidate_id) {
            candidates.push((a.candidate_id, a.display_name()));
        }
    }
    let names = unique_file_names("Entretien CESP", "ics", &candidates);
    candidates
        .into_iter()
        .zip(names)
        .map(|((id, _), name)| (id, name))
        .collect()
}

/// Writes the calendars into `dir`: « Entretien CESP - DUPONT Marie.ics » per candidate
/// and « Entretiens du jury CESP - Pr LEFEBVRE.ics » per member sitting in at least one
/// interview (« (n° 12) » added when two people share a name). Returns the paths written,
/// the candidates' first.
pub fn write_ics(
    dir: &Path,
    sender: &Sender,
    plan: &PrintedPlan,
    dtstamp: DateTime<Utc>,
) -> Result<Calendars> {
    write_ics_for(dir, sender, plan, None, dtstamp)
}

/// [`write_ics`], the candidates' calendars only for `candidates` when given (the
/// cancellations of [`PrintedPlan::cancelled`] and every member's calendar always).
pub fn write_ics_for(
    dir: &Path,
    sender: &Sender,
    plan: &PrintedPlan,
    candidates: Option<&[i64]>,
    dtstamp: DateTime<Utc>,
) -> Result<Calendars> {
    existing_dir(dir, "les calendriers")?;
    if plan.appointments.is_empty() && plan.cancelled.is_empty() {
        return Err(Error::Refused(
            Refusal::NoInterviewPlanned,
            "Aucun entretien planifié : il n'y a pas de calendrier à écrire.".into(),
        ));
    }
    let mut written = Calendars::default();
    for (id, name) in &candidate_calendar_names(plan) {
        if candidates.is_some_and(|only| !only.contains(id)) {
            continue;
        }
        let text = ics_for_candidate(sender, plan, *id, dtstamp);
        written
            .candidates
            .push(write_file(dir, name, text.as_bytes())?);
    }
    for ((_, name), a) in cancellation_names(plan).iter().zip(&plan.cancelled) {
        let text = ics_cancel_for_candidate(sender, a, dtstamp);
        written
            .cancellations
            .push(write_file(dir, name, text.as_bytes())?);
    }
    let members: Vec<(i64, String)> = plan
        .members
        .iter()
        .filter(|m| {
            plan.appointments
                .iter()
                .any(|a| plan.members_at(a).iter().any(|p| p.id == m.id))
                || plan.cancelled.iter().any(|a| plan.in_jury(m.id, a.jury_id))
        })
        .map(|m| (m.id, m.name.clone()))
        .collect();
    let names = unique_file_names("Entretiens du jury CESP", "ics", &members);
    for ((id, _), name) in members.iter().zip(&names) {
        let text = ics_for_member(sender, plan, *id, dtstamp);
        written
            .members
            .push(write_file(dir, name, text.as_bytes())?);
    }
    Ok(written)
}
