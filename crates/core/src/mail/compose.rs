//! The messages of a batch: for each candidate the letter the app writes (the same PDF),
//! a French subject and text naming them, and what keeps a message from going (no
//! address, an address that is not one, the same letter already sent).

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{
    record, AlreadySent, AttachmentLine, InvalidAddress, MailKind, MailPreview, MailRequest,
    Person, PreviewMessage,
};
use crate::campaign::Campaign;
use crate::candidate::CandidateRow;
use crate::dossier::letters::{civility, proposed_return_by, LetterKind};
use crate::error::Result;
use crate::fr;
use crate::journal::hex;

/// A file attached to a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime: &'static str,
    /// What it holds.
    pub content: Content,
}

/// What an attachment holds: a letter is rendered only when the message is composed to
/// be sent (a preview of 9 000 convocations rendered them all: 9 s and 1.4 GB).
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Bytes, as they go.
    Bytes(Vec<u8>),
    /// A letter, not rendered yet.
    Letter(crate::documents::Pending),
}

impl Attachment {
    fn line(&self) -> AttachmentLine {
        AttachmentLine {
            name: self.name.clone(),
        }
    }

    /// Its bytes (a letter rendered now if it was not yet).
    pub fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match &self.content {
            Content::Bytes(b) => std::borrow::Cow::Borrowed(b),
            Content::Letter(l) => std::borrow::Cow::Owned(l.render()),
        }
    }

    /// The same attachment, its letter rendered.
    fn rendered(self) -> Attachment {
        match self.content {
            Content::Letter(l) => Attachment {
                content: Content::Bytes(l.render()),
                ..self
            },
            Content::Bytes(_) => self,
        }
    }
}

/// One message to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The candidate.
    pub candidate: i64,
    /// « DUPONT Marie ».
    pub name: String,
    /// « Marie DUPONT », as the address shows them.
    pub display: String,
    /// The address, checked.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
    /// The letter first, then the calendar for a convocation.
    pub attachments: Vec<Attachment>,
    /// What the letter says that makes it a new one (the appointment, the decision, the
    /// pieces asked): the same substance to the same person is not sent twice.
    pub substance: String,
    /// For a convocation, its appointment and sequence, recorded once sent.
    pub(crate) convocation: Option<crate::schedule::print::Appointment>,
}

impl Outgoing {
    /// SHA-256 of the letter (the first attachment).
    pub fn letter_sha256(&self) -> String {
        self.attachments
            .first()
            .map(|a| hex(&Sha256::digest(a.bytes())))
            .unwrap_or_default()
    }

    /// The same message, its letters rendered (once, for the message and its record).
    pub(super) fn rendered(self) -> Outgoing {
        Outgoing {
            attachments: self
                .attachments
                .into_iter()
                .map(Attachment::rendered)
                .collect(),
            ..self
        }
    }
}

/// A batch, before anything is sent.
pub(super) struct Plan {
    pub kind: MailKind,
    pub messages: Vec<Outgoing>,
    pub without_address: Vec<Person>,
    pub invalid: Vec<InvalidAddress>,
    pub already_sent: Vec<AlreadySent>,
}

impl Plan {
    pub fn preview(&self) -> MailPreview {
        MailPreview {
            kind: self.kind,
            messages: self
                .messages
                .iter()
                .map(|m| PreviewMessage {
                    candidate: m.candidate,
                    name: m.name.clone(),
                    to: m.to.clone(),
                    subject: m.subject.clone(),
                    body: m.body.clone(),
                    attachments: m.attachments.iter().map(Attachment::line).collect(),
                })
                .collect(),
            without_address: self.without_address.clone(),
            invalid_addresses: self.invalid.clone(),
            already_sent: self.already_sent.clone(),
        }
    }
}

/// One candidate's letter, before it becomes a message.
struct Letter {
    candidate: i64,
    convocation: Option<crate::schedule::print::Appointment>,
    attachments: Vec<Attachment>,
    substance: String,
    subject: String,
    paragraph: String,
}

/// The letters of `request`, one per candidate, dated `today`.
fn letters(c: &Campaign, request: &MailRequest, today: NaiveDate) -> Result<Vec<Letter>> {
    let settings = c.settings()?;
    let ufr = fr::tidy(&settings.ufr_name);
    Ok(match request.kind {
        MailKind::Convocations => c
            .convocation_files(today)?
            .into_iter()
            .map(|f| Letter {
                candidate: f.candidate_id,
                subject: match &f.replaces {
                    None => format!("Convocation à l'entretien CESP — {}", f.when),
                    Some(_) => format!("Convocation rectificative à l'entretien CESP — {}", f.when),
                },
                paragraph: match &f.replaces {
                    None => format!(
                        "Vous trouverez ci-joint votre convocation à l'entretien de la commission de sélection du contrat d'engagement de service public ({ufr}), le {}. Le fichier « {} », joint lui aussi, l'ajoute à votre agenda.\n\nMerci d'apporter le jour de l'entretien les pièces indiquées dans la convocation.",
                        f.when, f.ics_name
                    ),
                    Some(old) => format!(
                        "Votre entretien avec la commission de sélection du contrat d'engagement de service public ({ufr}), prévu le {old}, est déplacé au {}. Vous trouverez ci-joint votre convocation rectificative, qui remplace la précédente ; le fichier « {} », joint lui aussi, met à jour votre agenda.\n\nMerci d'apporter le jour de l'entretien les pièces indiquées dans la convocation.",
                        f.when, f.ics_name
                    ),
                },
                convocation: Some(f.issued.clone()),
                attachments: vec![
                    Attachment {
                        name: f.pdf_name,
                        mime: "application/pdf",
                        content: Content::Letter(f.letter),
                    },
                    Attachment {
                        name: f.ics_name,
                        mime: "text/calendar; charset=utf-8; method=REQUEST",
                        content: Content::Bytes(f.ics.into_bytes()),
                    },
                ],
                substance: f.appointment,
            })
            .collect(),
        MailKind::Letters => c
            .decision_letter_files(today)?
            .into_iter()
            .map(|d| Letter {
                candidate: d.candidate_id,
                convocation: None,
                subject: format!("Décision de la commission CESP — {ufr}"),
                paragraph: format!("Vous trouverez ci-joint la décision de la commission de sélection du contrat d'engagement de service public ({ufr}) sur votre candidature."),
                attachments: vec![Attachment {
                    name: d.file_name,
                    mime: "application/pdf",
                    content: Content::Letter(d.letter),
                }],
                substance: d.decision,
            })
            .collect(),
        MailKind::MissingPieces | MailKind::Receipts => {
            let kind = if request.kind == MailKind::MissingPieces {
                LetterKind::MissingPieces
            } else {
                LetterKind::Receipt
            };
            let return_by = return_by(request, today);
            let each = c.dossier_letters_pending(kind, &[], today, &return_by)?;
            let dossiers = c.all_dossiers()?;
            let dossiers: std::collections::HashMap<i64, &crate::dossier::Dossier> =
                dossiers.iter().map(|d| (d.candidate_id, d)).collect();
            each.into_iter()
                .map(|(candidate, name, letter)| {
                    let missing: Vec<String> = dossiers
                        .get(&candidate)
                        .map(|d| {
                            d.pieces
                                .iter()
                                .filter(|p| p.asked())
                                .map(|p| p.label.to_string())
                                .collect()
                        })
                        .unwrap_or_default();
                    let (subject, paragraph, substance) = match kind {
                        LetterKind::MissingPieces => (
                            "Dossier CESP : pièces manquantes".to_owned(),
                            format!("Votre dossier de candidature au contrat d'engagement de service public ({ufr}) est incomplet. La lettre jointe indique les pièces qui manquent, à nous faire parvenir au plus tard le {return_by}."),
                            format!("{return_by} : {}", missing.join(" ; ")),
                        ),
                        LetterKind::Receipt => (
                            "Dossier CESP : accusé de réception".to_owned(),
                            format!("Nous accusons réception de votre dossier de candidature au contrat d'engagement de service public ({ufr}). La lettre jointe en indique l'état."),
                            "accusé de réception".to_owned(),
                        ),
                    };
                    Letter {
                        candidate,
                        convocation: None,
                        subject,
                        paragraph,
                        attachments: vec![Attachment {
                            name,
                            mime: "application/pdf",
                            content: Content::Letter(letter),
                        }],
                        substance,
                    }
                })
                .collect()
        }
    })
}

/// The date missing pieces are asked by: as typed, or the one proposed.
fn return_by(request: &MailRequest, today: NaiveDate) -> String {
    if request.return_by.trim().is_empty() {
        proposed_return_by(today)
    } else {
        request.return_by.trim().to_owned()
    }
}

/// The text of a message: the salutation naming the candidate (« Madame Marie DUPONT, »,
/// « Bonjour Camille MARTIN, » when the civility is not known), the paragraph, the closing
/// and the signature.
fn body(row: &CandidateRow, paragraph: &str, signature: &str) -> String {
    let name = fr::tidy(&format!("{} {}", row.data.first_names, row.data.last_name));
    let salutation = match civility(row).0 {
        "" => format!("Bonjour {name},"),
        title => format!("{title} {name},"),
    };
    format!("{salutation}\n\n{paragraph}\n\nBien cordialement,\n\n{signature}\n")
}

/// The batch of `request`, the letters dated `today`.
pub(super) fn plan(c: &Campaign, request: &MailRequest, today: NaiveDate) -> Result<Plan> {
    let settings = c.mail_settings()?;
    let campaign = c.settings()?;
    let signature = [
        settings.signature.trim().to_owned(),
        settings.sender_name.clone(),
        format!(
            "{}\n{}",
            fr::tidy(&campaign.ufr_name),
            fr::tidy(&campaign.university)
        ),
    ]
    .into_iter()
    .find(|s| !s.trim().is_empty())
    .unwrap_or_default();
    let rows = c.candidate_rows()?;
    let rows: std::collections::HashMap<i64, &CandidateRow> =
        rows.iter().map(|r| (r.id, r)).collect();
    let sent = record::sent(c.conn(), request.kind)?;
    let mut plan = Plan {
        kind: request.kind,
        messages: Vec::new(),
        without_address: Vec::new(),
        invalid: Vec::new(),
        already_sent: Vec::new(),
    };
    for letter in letters(c, request, today)? {
        let Some(&row) = rows.get(&letter.candidate) else {
            continue;
        };
        let name = row.display_name.clone();
        let address = row.data.email.clone().unwrap_or_default().trim().to_owned();
        if address.is_empty() {
            plan.without_address.push(Person {
                candidate: row.id,
                name,
            });
            continue;
        }
        if let Err(reason) = super::settings::check_address(&address) {
            plan.invalid.push(InvalidAddress {
                candidate: row.id,
                name,
                address,
                reason,
            });
            continue;
        }
        if let Some(at) = sent.get(&(row.id, address.clone(), letter.substance.clone())) {
            plan.already_sent.push(AlreadySent {
                candidate: row.id,
                name,
                to: address,
                at: fr::timestamp(at),
            });
            continue;
        }
        plan.messages.push(Outgoing {
            candidate: row.id,
            display: fr::tidy(&format!("{} {}", row.data.first_names, row.data.last_name)),
            name,
            to: address,
            subject: letter.subject,
            body: body(row, &letter.paragraph, &signature),
            attachments: letter.attachments,
            substance: letter.substance,
            convocation: letter.convocation,
        });
    }
    Ok(plan)
}

/// The batch PDF of the letters of `request` for the candidates who cannot get them by
/// mail (no address, or one that is not an address).
pub(super) fn unreachable_pdf(
    c: &Campaign,
    request: &MailRequest,
    today: NaiveDate,
) -> Result<Option<Vec<u8>>> {
    let plan = plan(c, request, today)?;
    let ids: Vec<i64> = plan
        .without_address
        .iter()
        .map(|p| p.candidate)
        .chain(plan.invalid.iter().map(|p| p.candidate))
        .collect();
    if ids.is_empty() {
        return Ok(None);
    }
    Ok(Some(match request.kind {
        MailKind::Convocations => c.convocations_pdf_for(&ids, today)?,
        MailKind::Letters => c.decision_letters_pdf_for(&ids, today)?,
        MailKind::MissingPieces | MailKind::Receipts => {
            let kind = if request.kind == MailKind::MissingPieces {
                LetterKind::MissingPieces
            } else {
                LetterKind::Receipt
            };
            c.dossier_letters(kind, &ids, today, &return_by(request, today))?
                .0
        }
    }))
}
