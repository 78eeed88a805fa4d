//! The plan's documents: who sends them and the plan with names, then the convocations
//! with their calendars, the timetable and the workbook.

use crate::Refusal;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::issued;
use super::setup::setup;
use super::stored::stored_interviews;
use crate::campaign::Campaign;
use crate::commission::{self, Role};
use crate::error::{Error, Result};
use crate::journal::Entry;
use crate::schedule::print::Written;
use crate::schedule::solver;

/// What the documents of the plan need: who sends them, and the plan with names.
pub(super) fn printed(
    conn: &Connection,
    problem: &solver::Problem,
    candidates: &[crate::candidate::CandidateRow],
) -> Result<(
    crate::schedule::print::Sender,
    crate::schedule::print::PrintedPlan,
)> {
    use crate::schedule::print::{
        Appointment, Civility, Contact, Panel, Person, PrintedPlan, Sender, Signer,
    };
    let settings = crate::campaign::read_settings_conn(conn)?;
    let uid: String = conn.query_row("SELECT uid FROM campaign WHERE id = 1", [], |r| r.get(0))?;
    let s = setup(conn)?;
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
    let candidates: std::collections::HashMap<i64, &crate::candidate::CandidateRow> =
        candidates.iter().map(|c| (c.id, c)).collect();
    let juries: BTreeMap<i64, &solver::Jury> = problem.juries.iter().map(|j| (j.id, j)).collect();
    let histories = issued::histories(conn)?;
    let person = |c: &crate::candidate::CandidateRow, slot: &issued::IssuedSlot| Appointment {
        candidate_id: c.id,
        civility: Civility::from_sex(c.data.sex.as_deref()),
        first_names: c.data.first_names.clone(),
        last_name: c.data.last_name.clone(),
        email: c.data.email.clone().unwrap_or_default(),
        category: c.category_label.clone(),
        date: slot.date,
        start: slot.start,
        end: slot.end,
        jury_id: slot.jury,
        jury: slot.jury_name.clone(),
        room: slot.room.clone(),
        pinned: false,
        sequence: 0,
        replaces: None,
    };
    let appointments: Vec<Appointment> = stored_interviews(conn)?
        .into_iter()
        .filter_map(|(i, pinned)| {
            let c = candidates.get(&i.candidate)?;
            let j = juries.get(&i.jury)?;
            let mut a = person(
                c,
                &issued::IssuedSlot {
                    jury: j.id,
                    jury_name: j.name.clone(),
                    room: j.room.clone(),
                    date: i.date,
                    start: i.start,
                    end: i.end,
                },
            );
            a.pinned = pinned;
            let standing = issued::standing(histories.get(&c.id), &a);
            a.sequence = standing.sequence;
            a.replaces = standing.replaces;
            Some(a)
        })
        .collect();
    let cancelled = issued::cancellations(&histories, &appointments)
        .into_iter()
        .filter_map(|(id, sequence, slot)| {
            let mut a = person(candidates.get(&id)?, &slot);
            a.sequence = sequence;
            Some(a)
        })
        .collect();
    let panels = solver::compositions(problem)
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
        cancelled,
    };
    Ok((sender, plan))
}

impl Campaign {
    /// [`printed`] from the problem and the candidates kept.
    fn printed(
        &self,
    ) -> Result<(
        crate::schedule::print::Sender,
        crate::schedule::print::PrintedPlan,
    )> {
        printed(
            self.conn(),
            &*self.schedule_problem()?,
            &self.candidate_rows()?,
        )
    }
}

/// One candidate's convocation, as sent to them.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvocationFile {
    /// The candidate.
    pub candidate_id: i64,
    /// The letter's file name (« Convocation CESP - DUPONT Marie.pdf »).
    pub pdf_name: String,
    /// The letter, rendered when sent: the same bytes as the file `write_convocations`
    /// writes.
    pub letter: crate::documents::Pending,
    /// The calendar's file name (« Entretien CESP - DUPONT Marie.ics »).
    pub ics_name: String,
    /// The calendar (iCalendar).
    pub ics: String,
    /// The appointment it convokes to (« 2027-01-14 13:30 Jury 1 »): a new one is a new
    /// convocation.
    pub appointment: String,
    /// When, as letters say it (« jeudi 14 janvier 2027 à 13 h 30 »).
    pub when: String,
    /// When the interview was before, for an amended convocation.
    pub replaces: Option<String>,
    /// The appointment with its convocation's sequence, to record it once sent.
    pub(crate) issued: crate::schedule::print::Appointment,
}

/// Convocations written into a folder, not yet recorded as gone out
/// ([`Campaign::record_convocations`]).
#[derive(Debug)]
pub struct ConvocationsWritten {
    /// What was written, by kind.
    pub written: Written,
    chosen: Vec<crate::schedule::print::Appointment>,
    cancelled: Vec<crate::schedule::print::Appointment>,
}

impl Campaign {
    /// Each candidate's convocation and calendar, the letters dated `today`.
    pub fn convocation_files(&self, today: NaiveDate) -> Result<Vec<ConvocationFile>> {
        let (sender, plan) = self.printed()?;
        if plan.appointments.is_empty() {
            return Err(Error::Refused(
                Refusal::NoInterviewPlanned,
                "Aucun entretien planifié : il n'y a pas de convocation à envoyer.".into(),
            ));
        }
        let letters =
            crate::schedule::print::convocation_letters(&sender, &plan.appointments, today);
        let now = chrono::Utc::now();
        let calendars: std::collections::HashMap<i64, String> =
            crate::schedule::print::candidate_calendar_names(&plan)
                .into_iter()
                .collect();
        let ics = crate::schedule::print::ics_for_candidates(&sender, &plan, now);
        Ok(letters
            .into_iter()
            .zip(&plan.appointments)
            .map(|((candidate_id, pdf_name, letter), a)| ConvocationFile {
                candidate_id,
                ics_name: calendars.get(&candidate_id).cloned().unwrap_or_default(),
                ics: ics.get(&candidate_id).cloned().unwrap_or_default(),
                appointment: format!(
                    "{} {:02}:{:02} {}",
                    a.date,
                    a.start / 60,
                    a.start % 60,
                    a.jury
                ),
                when: crate::schedule::print::when(a.date, a.start),
                replaces: a
                    .replaces
                    .as_ref()
                    .map(|old| crate::schedule::print::when(old.date, old.start)),
                issued: a.clone(),
                pdf_name,
                letter,
            })
            .collect())
    }

    /// The convocations of `candidates` in one PDF, dated `today`.
    pub fn convocations_pdf_for(&self, candidates: &[i64], today: NaiveDate) -> Result<Vec<u8>> {
        let (sender, plan) = self.printed()?;
        let chosen: Vec<_> = plan
            .appointments
            .iter()
            .filter(|a| candidates.contains(&a.candidate_id))
            .cloned()
            .collect();
        Ok(crate::schedule::print::convocations_pdf(
            &sender, &chosen, today,
        ))
    }

    /// Writes the convocations (one PDF per candidate and the batch) and the calendars
    /// (.ics, one per candidate and one per member) into `dir`, and records them as gone
    /// out (a replan then moves as few interviews as possible). With `changes_only`, only
    /// what changed since the convocations went out: amended convocations, first ones for
    /// candidates newly planned, cancellations (and every member's calendar). Returns what
    /// was written, by kind.
    pub fn write_convocations(
        &mut self,
        dir: &std::path::Path,
        today: NaiveDate,
        changes_only: bool,
        operator: &str,
    ) -> Result<Written> {
        let files =
            self.write_convocation_files(dir, today, changes_only, &crate::documents::quietly)?;
        self.record_convocations(files, operator)
    }

    /// The first half of [`Campaign::write_convocations`], which only reads the campaign
    /// (the window runs it in the background on a connection of its own): the files
    /// written, `on_file` told after each PDF. They go out when
    /// [`Campaign::record_convocations`] records them.
    pub fn write_convocation_files(
        &self,
        dir: &std::path::Path,
        today: NaiveDate,
        changes_only: bool,
        on_file: crate::documents::OnFile<'_>,
    ) -> Result<ConvocationsWritten> {
        use crate::schedule::print;
        let (sender, plan) = self.printed()?;
        let histories = issued::histories(self.conn())?;
        let chosen: Vec<print::Appointment> = if changes_only {
            if histories.is_empty() {
                return Err(Error::Refused(
                    Refusal::NoConvocationOut,
                    "Aucune convocation n'est encore partie : écrivez d'abord toutes les convocations (sans « seulement les modifications »).".into(),
                ));
            }
            plan.appointments
                .iter()
                .filter(|a| issued::standing(histories.get(&a.candidate_id), a).pending)
                .cloned()
                .collect()
        } else {
            plan.appointments.clone()
        };
        if changes_only && chosen.is_empty() && plan.cancelled.is_empty() {
            return Err(Error::Refused(
                Refusal::NoConvocationChange,
                "Aucun entretien n'a changé depuis l'envoi des convocations : il n'y a pas de convocation rectificative à écrire.".into(),
            ));
        }
        let batch_name = if changes_only {
            print::CHANGES_BATCH
        } else {
            print::BATCH
        };
        let letters = if chosen.is_empty() {
            print::existing_dir(dir, "les convocations")?;
            Vec::new()
        } else {
            print::write_convocations_as(dir, &sender, &chosen, today, batch_name, on_file)?
        };
        let ids: Vec<i64> = chosen.iter().map(|a| a.candidate_id).collect();
        let calendars = print::write_ics_for(dir, &sender, &plan, Some(&ids), chrono::Utc::now())?;
        let amended = chosen.iter().filter(|a| a.replaces.is_some()).count() as u32;
        let batch = letters.first().filter(|f| f.ends_with(batch_name)).cloned();
        let written = Written {
            folder: dir.display().to_string(),
            letters: (letters.len() - usize::from(batch.is_some())) as u32,
            amended,
            batch,
            candidate_calendars: calendars.candidates.len() as u32,
            cancellations: calendars.cancellations.len() as u32,
            member_calendars: calendars.members.len() as u32,
            files: letters
                .into_iter()
                .chain(calendars.candidates)
                .chain(calendars.cancellations)
                .chain(calendars.members)
                .collect(),
        };
        Ok(ConvocationsWritten {
            written,
            chosen,
            cancelled: plan.cancelled,
        })
    }

    /// Records the convocations [`Campaign::write_convocation_files`] wrote as gone out,
    /// as they were written (an interview moved since then shows as changed), journaled.
    pub fn record_convocations(
        &mut self,
        files: ConvocationsWritten,
        operator: &str,
    ) -> Result<Written> {
        let ConvocationsWritten {
            written,
            chosen,
            cancelled,
        } = files;
        let at = crate::journal::now();
        let summary = format!(
            "Convocations écrites dans « {} » : {}{}{}.",
            written.folder,
            crate::fr::count(chosen.len() as u32, "convocation", "convocations"),
            if written.amended > 0 {
                format!(
                    " (dont {})",
                    crate::fr::count(written.amended, "rectificative", "rectificatives")
                )
            } else {
                String::new()
            },
            if cancelled.is_empty() {
                String::new()
            } else {
                format!(
                    ", {}",
                    crate::fr::count(cancelled.len() as u32, "annulation", "annulations")
                )
            }
        );
        self.store().write(operator, |tx| {
            for a in &chosen {
                issued::record(tx, a, a.sequence, issued::How::Written, &at)?;
            }
            for a in &cancelled {
                issued::record_cancel(tx, a.candidate_id, a.sequence, issued::How::Written, &at)?;
            }
            Ok(((), Some(Entry::new("schedule.convocations", summary))))
        })?;
        Ok(written)
    }

    /// Writes the commission's timetable (PDF) to `path`.
    pub fn write_timetable(&self, path: &std::path::Path) -> Result<()> {
        let (sender, plan) = self.printed()?;
        if plan.appointments.is_empty() {
            return Err(Error::Refused(Refusal::NoInterviewPlanned, "Aucun entretien n'est planifié : planifiez d'abord les entretiens (« cesp schedule »).".into()));
        }
        std::fs::write(path, crate::schedule::print::timetable_pdf(&sender, &plan))
            .map_err(|e| Error::io(path, e))
    }

    /// Writes the plan as a workbook (xlsx) to `path`; returns the lines written.
    pub fn export_plan_xlsx(&self, path: &std::path::Path) -> Result<usize> {
        let (_, plan) = self.printed()?;
        crate::schedule::print::write_plan_xlsx(path, &plan.appointments)
    }
}
