//! The convocation letters: one per interview, each on its own page.

use crate::Refusal;
use std::path::Path;

use chrono::NaiveDate;

use super::{duration, existing_dir, when, Appointment, Sender, NB};
use crate::documents::{self, Align, Block, Section, Style};
use crate::dossier::letters::{footer, letterhead, place_and_date};
use crate::error::{Error, Result};
use crate::files::unique_file_names;

/// What candidates bring when the campaign gives no list.
pub const DEFAULT_TO_BRING: [&str; 3] = [
    "Une pièce d'identité en cours de validité (carte nationale d'identité, passeport ou titre de séjour)",
    "La présente convocation (imprimée ou sur votre téléphone)",
    "Votre carte d'étudiant ou un certificat de scolarité, le cas échéant",
];

/// The title of the convocations' PDF.
const TITLE: &str = "Convocations à l'entretien CESP";

/// The title of an amended convocation's PDF.
const AMENDED_TITLE: &str = "Convocation rectificative à l'entretien CESP";

/// The object of the letter.
const OBJECT: &str = "Convocation à l'entretien — contrat d'engagement de service public";

/// The object of an amended letter.
const AMENDED_OBJECT: &str =
    "Convocation rectificative à l'entretien — contrat d'engagement de service public";

/// The title of one appointment's PDF.
fn title(a: &Appointment) -> &'static str {
    if a.replaces.is_some() {
        AMENDED_TITLE
    } else {
        TITLE
    }
}

/// The letter convoking one candidate to one interview, dated `day`.
fn letter(sender: &Sender, a: &Appointment, day: NaiveDate) -> Section {
    let settings = &sender.settings;
    let name = a.letter_name();
    let mut to = match a.civility.title() {
        "" => name,
        title => format!("{title} {name}"),
    };
    let email = a.email.trim();
    if !email.is_empty() {
        to.push('\n');
        to.push_str(email);
    }
    let salutation = a.civility.salutation();
    let category = category_in_letter(&a.category, &a.civility);
    let category = if category.is_empty() {
        String::new()
    } else {
        format!(" ({category})")
    };
    let when = when(a.date, a.start);
    let (object, opening) = match &a.replaces {
        None => (
            OBJECT,
            format!(
                "Votre candidature au contrat d'engagement de service public pour l'année universitaire {}{category} a été retenue pour un entretien avec la commission de sélection. Vous êtes {} à cet entretien{NB}:",
                settings.academic_year,
                a.civility.agree("convoqué"),
            ),
        ),
        Some(old) => {
            let was = Appointment {
                jury: old.jury.clone(),
                room: old.room.clone(),
                ..a.clone()
            };
            (
                AMENDED_OBJECT,
                format!(
                    "Votre entretien avec la commission de sélection du contrat d'engagement de service public pour l'année universitaire {}{category}, prévu le {} ({}), est déplacé. La présente convocation remplace la précédente{NB}: vous êtes {} à cet entretien{NB}:",
                    settings.academic_year,
                    super::when(old.date, old.start),
                    was.room_and_jury(true),
                    a.civility.agree("convoqué"),
                ),
            )
        }
    };
    let mut blocks = vec![
        Block::right(place_and_date(settings, day)),
        Block::Space(4.0),
        Block::styled(to, Style::STRONG),
        Block::Space(6.0),
        Block::styled(format!("Objet{NB}: {object}"), Style::STRONG),
        Block::Space(4.0),
        Block::text(salutation),
        Block::text(opening),
        Block::Space(2.0),
        Block::styled(format!("Date et heure{NB}: {when}"), Style::STRONG),
        Block::styled(
            format!("Durée de l'entretien{NB}: {}", duration(a.minutes())),
            Style::STRONG,
        ),
        Block::styled(
            // Room and jury names are kept on one line (« Jury 1 », never « Jury » then « 1 »).
            format!("Lieu{NB}: {}", a.location(&sender.place, true)),
            Style::STRONG,
        ),
        Block::Space(2.0),
    ];
    if sender.arrive_early_minutes > 0 {
        blocks.push(Block::text(format!(
            "Merci de vous présenter {} avant l'heure de votre entretien.",
            duration(sender.arrive_early_minutes)
        )));
    }
    blocks.push(Block::text(format!(
        "Veuillez vous munir des documents suivants{NB}:"
    )));
    blocks.extend(sender.to_bring().into_iter().map(Block::Bullet));
    blocks.push(Block::Space(2.0));
    blocks.push(Block::text(format!(
        "Pour toute question, ou si vous ne pouviez pas vous présenter à cette date, prenez contact sans tarder avec {}.",
        sender.contact.sentence()
    )));
    blocks.push(Block::text(format!(
        "Nous vous prions d'agréer, {salutation} l'expression de nos salutations distinguées."
    )));
    blocks.push(Block::Space(8.0));
    blocks.push(Block::KeepTogether(20.0));
    let title = crate::fr::tidy(&sender.signer.title);
    if !title.is_empty() {
        blocks.push(Block::right(title));
    }
    blocks.push(Block::Text {
        text: crate::fr::tidy(&sender.signer.name),
        style: Style::STRONG,
        align: Align::Right,
    });
    Section {
        letterhead: letterhead(settings),
        footer: footer(settings),
        qr: None,
        blocks,
    }
}

/// One letter per appointment, in the order given, dated `day` (the date printed on the
/// letters, « Amiens, le 2 décembre 2026 »).
pub fn convocation_sections(
    sender: &Sender,
    appointments: &[Appointment],
    day: NaiveDate,
) -> Vec<Section> {
    appointments
        .iter()
        .map(|a| letter(sender, a, day))
        .collect()
}

/// Each appointment's convocation as its own PDF, the same bytes as the file
/// [`write_convocations`] writes for it: (candidate, file name, PDF).
pub fn convocation_files(
    sender: &Sender,
    appointments: &[Appointment],
    day: NaiveDate,
) -> Vec<(i64, String, Vec<u8>)> {
    convocation_letters(sender, appointments, day)
        .into_iter()
        .map(|(id, name, letter)| (id, name, letter.render()))
        .collect()
}

/// [`convocation_files`], each letter laid out but not rendered.
pub fn convocation_letters(
    sender: &Sender,
    appointments: &[Appointment],
    day: NaiveDate,
) -> Vec<(i64, String, documents::Pending)> {
    convocation_sections(sender, appointments, day)
        .into_iter()
        .zip(file_names(appointments))
        .zip(appointments)
        .map(|((section, name), a)| {
            (
                a.candidate_id,
                name,
                documents::Pending {
                    title: title(a).to_owned(),
                    section,
                },
            )
        })
        .collect()
}

/// The convocations of `appointments` in one PDF (the batch), dated `day`.
pub fn convocations_pdf(sender: &Sender, appointments: &[Appointment], day: NaiveDate) -> Vec<u8> {
    documents::render(TITLE, &convocation_sections(sender, appointments, day))
}

/// « Convocation CESP - DUPONT Marie.pdf » for each appointment (« Convocation
/// rectificative CESP - … » when it amends one), « (n° 12) » added when two candidates
/// share a name.
fn file_names(appointments: &[Appointment]) -> Vec<String> {
    let people: Vec<(i64, String)> = appointments
        .iter()
        .map(|a| (a.candidate_id, a.display_name()))
        .collect();
    unique_file_names("Convocation CESP", "pdf", &people)
        .into_iter()
        .zip(appointments)
        .map(|(name, a)| {
            if a.replaces.is_some() {
                name.replacen("Convocation CESP", "Convocation rectificative CESP", 1)
            } else {
                name
            }
        })
        .collect()
}

/// The candidate's category as a letter says it: « étudiante — médecine » to a woman,
/// « PADHUE — médecine » kept in capitals.
pub(super) fn category_in_letter(category: &str, civility: &super::Civility) -> String {
    let tidy = crate::fr::tidy(category);
    let (head, rest) = tidy.split_once(" — ").unwrap_or((tidy.as_str(), ""));
    let head = if head
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
    {
        head.to_owned()
    } else {
        let lower = head.to_lowercase();
        match (civility, lower.as_str()) {
            (super::Civility::Madame, "étudiant") => "étudiante".to_owned(),
            (super::Civility::Madame, "interne") => "interne".to_owned(),
            _ => lower,
        }
    };
    if rest.is_empty() {
        head
    } else {
        format!("{head} — {}", rest.to_lowercase())
    }
}

/// The file of every convocation, to print at once.
pub const BATCH: &str = "Convocations CESP - toutes.pdf";

/// The file of the convocations written after a replan (amended and new ones only).
pub const CHANGES_BATCH: &str = "Convocations CESP - modifications.pdf";

/// Writes the convocations into `dir`: the batch « Convocations CESP - toutes.pdf » (when
/// there is more than one letter: one candidate's letter never replaces the batch printed
/// earlier in the same folder) and one file per appointment, « Convocation CESP - DUPONT
/// Marie.pdf » (« (n° 12) » added when two candidates share a name). Returns the paths
/// written, the batch first.
pub fn write_convocations(
    dir: &Path,
    sender: &Sender,
    appointments: &[Appointment],
    day: NaiveDate,
) -> Result<Vec<String>> {
    write_convocations_as(dir, sender, appointments, day, BATCH, &documents::quietly)
}

/// [`write_convocations`], the batch named `batch`, telling `on_file` after each file.
pub fn write_convocations_as(
    dir: &Path,
    sender: &Sender,
    appointments: &[Appointment],
    day: NaiveDate,
    batch: &str,
    on_file: documents::OnFile<'_>,
) -> Result<Vec<String>> {
    existing_dir(dir, "les convocations")?;
    if appointments.is_empty() {
        return Err(Error::Refused(
            Refusal::NoInterviewPlanned,
            "Aucun entretien planifié : il n'y a pas de convocation à écrire.".into(),
        ));
    }
    let sections = convocation_sections(sender, appointments, day);
    let names = file_names(appointments);
    let mut jobs: Vec<documents::FileJob<'_>> = Vec::new();
    if sections.len() > 1 {
        jobs.push((dir.join(batch), &sections[..], TITLE));
    }
    for ((section, name), a) in sections.iter().zip(&names).zip(appointments) {
        jobs.push((dir.join(name), std::slice::from_ref(section), title(a)));
    }
    documents::render_files(&jobs, on_file)?;
    Ok(jobs
        .iter()
        .map(|(path, _, _)| path.display().to_string())
        .collect())
}
