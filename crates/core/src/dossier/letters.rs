//! Letters about dossiers: « pièces manquantes » for each incomplete dossier (one PDF per
//! candidate or one batch) and the acknowledgement of receipt.

use crate::Refusal;
use chrono::NaiveDate;

use super::{Dossier, Eligibility, PieceStatus};
use crate::campaign::{Campaign, CampaignSettings};
use crate::candidate::CandidateRow;
use crate::documents::{self, Align, Block, Column, Section, Style};
use crate::error::{Error, Result};
use crate::fr;

const NB: char = '\u{a0}';

/// "Amiens, le 22 novembre 2026" (the day without its weekday, as letters write it).
pub(crate) fn place_and_date(settings: &CampaignSettings, day: NaiveDate) -> String {
    let long = fr::date_long(day);
    let without_weekday = long
        .split_once(' ')
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or(long);
    if settings.city.trim().is_empty() {
        format!("Le {without_weekday}")
    } else {
        format!("{}, le {without_weekday}", settings.city.trim())
    }
}

pub(crate) fn civility(c: &CandidateRow) -> (&'static str, &'static str) {
    let civility = crate::candidate::Civility::from_sex(c.data.sex.as_deref());
    (civility.title(), civility.salutation())
}

pub(crate) fn letterhead(settings: &CampaignSettings) -> Vec<String> {
    let mut lines = vec![settings.ufr_name.clone()];
    if !settings.university.trim().is_empty() {
        lines.push(settings.university.clone());
    }
    lines.push(format!(
        "Commission de sélection du contrat d'engagement de service public — campagne {}",
        settings.academic_year
    ));
    lines
}

pub(crate) fn footer(settings: &CampaignSettings) -> String {
    format!(
        "Contrat d'engagement de service public (articles L.{NB}632-6 et R.{NB}631-24 et suivants du code de l'éducation) — {} — campagne {}",
        settings.ufr_name, settings.academic_year
    )
}

pub(crate) fn head(
    settings: &CampaignSettings,
    c: &CandidateRow,
    day: NaiveDate,
    object: &str,
) -> Vec<Block> {
    let (title, _) = civility(c);
    // Letters name people first name first: « Madame Marie-Ève DUPONT-MOREAU ».
    let name = format!("{} {}", c.data.first_names, c.data.last_name);
    let mut to = if title.is_empty() {
        name
    } else {
        format!("{title} {name}")
    };
    if let Some(e) = c.data.email.as_deref().filter(|e| !e.is_empty()) {
        to.push('\n');
        to.push_str(e);
    }
    vec![
        Block::right(place_and_date(settings, day)),
        Block::Space(4.0),
        Block::styled(to, Style::STRONG),
        Block::Space(6.0),
        Block::styled(format!("Objet{NB}: {object}"), Style::STRONG),
        Block::Space(4.0),
        Block::text(civility(c).1),
    ]
}

pub(crate) fn signature(settings: &CampaignSettings, salutation: &str) -> Vec<Block> {
    vec![
        Block::text(format!(
            "Nous vous prions d'agréer, {salutation} l'expression de nos salutations distinguées."
        )),
        Block::Space(8.0),
        Block::KeepTogether(20.0),
        Block::Text {
            text: "Le secrétariat de la commission CESP".into(),
            style: Style::STRONG,
            align: Align::Right,
        },
        Block::right(settings.ufr_name.clone()),
    ]
}

/// What an incomplete dossier's letter asks: the pieces by `by`, or as soon as possible.
fn deadline_sentence(by: Option<NaiveDate>) -> String {
    match by {
        Some(d) => format!(
            "Merci de les transmettre au secrétariat de la commission au plus tard le {}{NB}; un dossier incomplet à cette date ne pourra pas être examiné par la commission.",
            fr::date_long(d)
        ),
        None => "Merci de les transmettre au secrétariat de la commission dans les meilleurs délais : un dossier incomplet ne peut pas être examiné par la commission.".into(),
    }
}

/// Days given to send the missing pieces, unless the secretary chooses another date.
pub const RETURN_DAYS: u64 = 10;

/// The return date proposed for letters printed on `day` (JJ/MM/AAAA).
pub fn proposed_return_by(day: NaiveDate) -> String {
    fr::date_short(day + chrono::Days::new(RETURN_DAYS))
}

/// The return date typed by the secretary for letters printed on `day`: a date after it.
pub fn check_return_by(typed: &str, day: NaiveDate) -> Result<NaiveDate> {
    let field = |text: String| {
        Error::Validation(vec![crate::error::FieldIssue::new(
            "return_by",
            format!("« Date limite de retour » : {text}"),
        )])
    };
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(field(format!(
            "indiquez la date à laquelle les pièces doivent être reçues (par exemple le {}).",
            proposed_return_by(day)
        )));
    }
    let by = crate::typed_date::parse("return_by", "Date limite de retour", typed)
        .map_err(|issue| Error::Validation(vec![issue]))?;
    if by <= day {
        return Err(field(format!(
            "le {} n'est pas après la date de la lettre ({}) : laissez au candidat le temps de répondre, par exemple jusqu'au {}.",
            fr::date_short(by),
            fr::date_short(day),
            proposed_return_by(day)
        )));
    }
    Ok(by)
}

/// The « pièces manquantes » letter of one dossier.
fn missing_letter(
    settings: &CampaignSettings,
    c: &CandidateRow,
    d: &Dossier,
    day: NaiveDate,
    by: NaiveDate,
) -> Section {
    let salutation = civility(c).1.trim_end_matches(',').to_owned() + ",";
    let mut blocks = head(
        settings,
        c,
        day,
        "dossier de candidature au contrat d'engagement de service public — pièces manquantes",
    );
    blocks.push(Block::text(format!(
        "Votre dossier de candidature au contrat d'engagement de service public pour l'année universitaire {} a bien été reçu. À ce jour, il est incomplet{NB}: les pièces suivantes manquent ou ne sont pas conformes.",
        settings.academic_year
    )));
    for p in d.pieces.iter().filter(|p| p.asked()) {
        blocks.push(Block::Bullet(match p.status {
            Some(PieceStatus::NotCompliant) if p.reason.is_empty() => {
                format!("{} (pièce non conforme)", p.label)
            }
            Some(PieceStatus::NotCompliant) => {
                format!("{} (pièce non conforme{NB}: {})", p.label, p.reason)
            }
            _ => p.label.to_string(),
        }));
    }
    blocks.push(Block::Space(2.0));
    blocks.push(Block::text(deadline_sentence(Some(by))));
    blocks.push(Block::text("Les pièces peuvent être déposées au secrétariat ou envoyées par courrier électronique ; les pièces d'identité et le relevé d'identité bancaire sont conservés de façon sécurisée et ne servent qu'à l'instruction de votre dossier."));
    blocks.extend(signature(settings, &salutation));
    Section {
        qr: None,
        letterhead: letterhead(settings),
        footer: footer(settings),
        blocks,
    }
}

/// The acknowledgement of receipt of one dossier.
fn receipt_letter(
    settings: &CampaignSettings,
    c: &CandidateRow,
    d: &Dossier,
    day: NaiveDate,
) -> Section {
    let salutation = civility(c).1.trim_end_matches(',').to_owned() + ",";
    let mut blocks = head(settings, c, day, "accusé de réception de votre dossier de candidature au contrat d'engagement de service public");
    let received = if d.received_display.is_empty() {
        String::new()
    } else {
        format!(", reçu le {}", d.received_display)
    };
    blocks.push(Block::text(format!(
        "Nous accusons réception de votre dossier de candidature au contrat d'engagement de service public pour l'année universitaire {}{received}. Il comprend les pièces suivantes{NB}:",
        settings.academic_year
    )));
    let rows: Vec<Vec<String>> = d
        .pieces
        .iter()
        .filter(|p| p.applies)
        .map(|p| {
            vec![
                p.label.to_string(),
                if p.required {
                    "Obligatoire".into()
                } else {
                    "Facultative".into()
                },
                p.status_display.clone(),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        columns: vec![
            Column {
                title: "Pièce".into(),
                width: 3.0,
                align: Align::Left,
            },
            Column {
                title: "Demandée".into(),
                width: 1.0,
                align: Align::Left,
            },
            Column {
                title: "État".into(),
                width: 1.6,
                align: Align::Left,
            },
        ],
        rows,
    });
    blocks.push(Block::text(match d.eligibility.status {
        Eligibility::Complete => "Votre dossier est complet. Il sera examiné par la commission, qui vous convoquera le cas échéant à un entretien.".to_owned(),
        // The campaign's deadline, while it is still ahead.
        Eligibility::Incomplete => format!(
            "Votre dossier est incomplet. {}",
            deadline_sentence(settings.deadline().filter(|d| *d >= day))
        ),
        Eligibility::NotEligible => {
            let why = match &d.eligibility.overridden {
                Some(o) => format!("décision de la commission ({})", o.reason),
                None => d.eligibility.reasons.join(" ; "),
            };
            format!(
                "En l'état, votre dossier ne peut pas être retenu{NB}: {why}. Vous pouvez contacter le secrétariat de la commission pour toute précision."
            )
        }
    }));
    blocks.extend(signature(settings, &salutation));
    Section {
        qr: None,
        letterhead: letterhead(settings),
        footer: footer(settings),
        blocks,
    }
}

/// One candidate's letter: the candidate, the file name, the PDF.
pub type OneLetter = (i64, String, Vec<u8>);

/// Which letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// « Pièces manquantes », for incomplete dossiers.
    MissingPieces,
    /// Acknowledgement of receipt.
    Receipt,
}

/// One letter written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LetterFile {
    /// The candidate (none for the batch).
    pub candidate_id: Option<i64>,
    /// The file written.
    pub path: String,
}

/// The title of the letters' PDFs.
fn letters_title(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::MissingPieces => "Pièces manquantes",
        LetterKind::Receipt => "Accusés de réception",
    }
}

/// What each candidate's letter's file name starts with.
fn file_prefix(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::MissingPieces => "Pièces manquantes",
        LetterKind::Receipt => "Accusé de réception",
    }
}

impl Campaign {
    /// The letters of `kind` for `candidates` (every incomplete dossier for the missing
    /// pieces letter, every dossier for receipts, when empty), dated `day`: the PDF of the
    /// batch and one per candidate. The missing pieces letters ask for them by
    /// `return_by` (as typed, JJ/MM/AAAA: a date after `day`); receipts ignore it.
    pub fn dossier_letters(
        &self,
        kind: LetterKind,
        candidates: &[i64],
        day: NaiveDate,
        return_by: &str,
    ) -> Result<(Vec<u8>, Vec<OneLetter>)> {
        let each = self.dossier_letters_pending(kind, candidates, day, return_by)?;
        let title = letters_title(kind);
        let sections: Vec<documents::Section> =
            each.iter().map(|(_, _, l)| l.section.clone()).collect();
        let batch = documents::render(title, &sections);
        Ok((
            batch,
            each.into_iter()
                .map(|(id, name, letter)| (id, name, letter.render()))
                .collect(),
        ))
    }

    /// [`Campaign::dossier_letters`], each letter laid out but not rendered (and no
    /// batch).
    pub(crate) fn dossier_letters_pending(
        &self,
        kind: LetterKind,
        candidates: &[i64],
        day: NaiveDate,
        return_by: &str,
    ) -> Result<Vec<(i64, String, documents::Pending)>> {
        let by = match kind {
            LetterKind::MissingPieces => Some(check_return_by(return_by, day)?),
            LetterKind::Receipt => None,
        };
        let settings = self.settings()?;
        let rows = self.candidate_rows()?;
        let rows: std::collections::HashMap<i64, &crate::candidate::CandidateRow> =
            rows.iter().map(|r| (r.id, r)).collect();
        let all = self.all_dossiers()?;
        let chosen: Vec<&Dossier> = if candidates.is_empty() {
            all.iter()
                .filter(|d| {
                    kind == LetterKind::Receipt || d.eligibility.status == Eligibility::Incomplete
                })
                .collect()
        } else {
            let mut v = Vec::new();
            for id in candidates {
                let d =
                    all.iter()
                        .find(|d| d.candidate_id == *id)
                        .ok_or_else(|| Error::Missing {
                            what: format!("Le candidat n° {id}"),
                        })?;
                if kind == LetterKind::MissingPieces
                    && d.eligibility.computed != Eligibility::Incomplete
                {
                    return Err(Error::Refused(Refusal::DossierNotIncomplete, format!(
                        "Le dossier de {} n'est pas incomplet ({}) : il n'y a pas de pièce manquante à réclamer.",
                        d.display_name,
                        d.eligibility.label.to_lowercase()
                    )));
                }
                v.push(d);
            }
            v
        };
        if chosen.is_empty() {
            return Err(Error::Refused(Refusal::NoLetterToPrint, match kind {
                LetterKind::MissingPieces => "Aucun dossier incomplet : il n'y a pas de lettre de pièces manquantes à imprimer.".into(),
                LetterKind::Receipt => "Aucun candidat : importez d'abord la liste des candidats.".into(),
            }));
        }
        let mut each = Vec::new();
        let title = letters_title(kind);
        for d in chosen {
            let Some(&c) = rows.get(&d.candidate_id) else {
                continue;
            };
            let section = match kind {
                LetterKind::MissingPieces => {
                    missing_letter(&settings, c, d, day, by.unwrap_or(day))
                }
                LetterKind::Receipt => receipt_letter(&settings, c, d, day),
            };
            each.push((
                c.id,
                c.display_name.clone(),
                documents::Pending {
                    title: title.to_owned(),
                    section,
                },
            ));
        }
        // Two candidates of the same name each get their letter (« (n° 12) »).
        let people: Vec<(i64, String)> = each.iter().map(|(id, n, _)| (*id, n.clone())).collect();
        let names = crate::files::unique_file_names(file_prefix(kind), "pdf", &people);
        for ((_, name, _), unique) in each.iter_mut().zip(names) {
            *name = unique;
        }
        Ok(each)
    }

    /// Writes the batch and one file per candidate into `dir`.
    pub fn write_dossier_letters(
        &self,
        kind: LetterKind,
        candidates: &[i64],
        day: NaiveDate,
        return_by: &str,
        dir: &std::path::Path,
    ) -> Result<Vec<LetterFile>> {
        if !dir.is_dir() {
            return Err(Error::Refused(Refusal::FolderMissing, format!(
                "Le dossier « {} » n'existe pas : choisissez un dossier existant pour y enregistrer les lettres.",
                dir.display()
            )));
        }
        let (batch, each) = self.dossier_letters(kind, candidates, day, return_by)?;
        let mut out = Vec::new();
        // The batch file is written for a batch only: one candidate's letter never replaces
        // the batch printed earlier in the same folder.
        if candidates.len() != 1 {
            let batch_name = match kind {
                LetterKind::MissingPieces => "Pièces manquantes - toutes les lettres.pdf",
                LetterKind::Receipt => "Accusés de réception - tous.pdf",
            };
            let path = dir.join(batch_name);
            std::fs::write(&path, batch).map_err(|e| Error::io(&path, e))?;
            out.push(LetterFile {
                candidate_id: None,
                path: path.display().to_string(),
            });
        }
        for (id, name, bytes) in each {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
            out.push(LetterFile {
                candidate_id: Some(id),
                path: path.display().to_string(),
            });
        }
        Ok(out)
    }
}
