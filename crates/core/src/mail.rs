//! E-mail to candidates through the faculty's own SMTP server: the server and sender in
//! the campaign's settings (the password in the system's keyring, [`password`]); for
//! convocations, missing-pieces letters, receipts and decision letters, a preview of every
//! message (the same PDF the app writes, attached; the calendar with a convocation) and of
//! the candidates who need a printed letter; then the batch sent, each message recorded as
//! sent or refused with the server's answer, never the same letter twice to the same
//! person; one journal line per batch.

mod compose;
pub mod password;
mod record;
mod settings;
mod smtp;

use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::error::Result;

pub use compose::{Attachment, Outgoing};
pub use record::{MailLine, SentMail};
pub use settings::{MailSettings, Security};
pub use smtp::Server;

/// What is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    /// The convocations to the interview (with their calendar).
    Convocations,
    /// The missing-pieces letters (incomplete dossiers).
    MissingPieces,
    /// The receipts of the dossiers.
    Receipts,
    /// The decision letters (retained, complementary list, not retained).
    Letters,
}

impl MailKind {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            MailKind::Convocations => "convocations",
            MailKind::MissingPieces => "missing_pieces",
            MailKind::Receipts => "receipts",
            MailKind::Letters => "letters",
        }
    }

    /// « convocations », « lettres de pièces manquantes »…
    pub fn label(self) -> &'static str {
        match self {
            MailKind::Convocations => "convocations",
            MailKind::MissingPieces => "lettres de pièces manquantes",
            MailKind::Receipts => "accusés de réception",
            MailKind::Letters => "lettres de décision",
        }
    }

    /// One message of the kind: « convocation », « lettre de décision »…
    pub fn one(self) -> &'static str {
        match self {
            MailKind::Convocations => "convocation",
            MailKind::MissingPieces => "pièces manquantes",
            MailKind::Receipts => "accusé de réception",
            MailKind::Letters => "lettre de décision",
        }
    }

    fn from_code(code: &str) -> Option<MailKind> {
        [
            MailKind::Convocations,
            MailKind::MissingPieces,
            MailKind::Receipts,
            MailKind::Letters,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// What a batch is made of, as the user asked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailRequest {
    /// What is sent.
    pub kind: MailKind,
    /// For missing pieces: the date by which they are asked (JJ/MM/AAAA, as typed; empty:
    /// the date proposed, as for the printed letters).
    #[serde(default)]
    pub return_by: String,
}

/// A candidate named in a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Person {
    /// The candidate.
    pub candidate: i64,
    /// « DUPONT Marie ».
    pub name: String,
}

/// A candidate whose address cannot take mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct InvalidAddress {
    /// The candidate.
    pub candidate: i64,
    /// « DUPONT Marie ».
    pub name: String,
    /// The address as recorded.
    pub address: String,
    /// Why it is not an address, in French.
    pub reason: String,
}

/// A letter already sent to that person (not sent again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AlreadySent {
    /// The candidate.
    pub candidate: i64,
    /// « DUPONT Marie ».
    pub name: String,
    /// The address it went to.
    pub to: String,
    /// When (« 14/01/2027 à 9 h 05 »).
    pub at: String,
}

/// One attachment as the preview shows it: its name (the letter itself is rendered when
/// the message goes, so a batch of thousands previews at once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentLine {
    /// File name.
    pub name: String,
}

/// One message as it will go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewMessage {
    /// The candidate.
    pub candidate: i64,
    /// « DUPONT Marie ».
    pub name: String,
    /// The address.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
    /// What is attached.
    pub attachments: Vec<AttachmentLine>,
}

/// Everything a batch would do, before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailPreview {
    /// What is sent.
    pub kind: MailKind,
    /// The messages that will go.
    pub messages: Vec<PreviewMessage>,
    /// Candidates without an address: they need a printed letter.
    pub without_address: Vec<Person>,
    /// Candidates whose address is not one.
    pub invalid_addresses: Vec<InvalidAddress>,
    /// Letters already sent to that person: not sent again.
    pub already_sent: Vec<AlreadySent>,
}

/// One message sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SentLine {
    /// The candidate.
    pub candidate: i64,
    /// The address.
    pub to: String,
    /// The subject.
    pub subject: String,
}

/// One message the server refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RefusedLine {
    /// The candidate.
    pub candidate: i64,
    /// « DUPONT Marie ».
    pub name: String,
    /// The address.
    pub to: String,
    /// The server's answer.
    pub answer: String,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailReport {
    /// The batch's number (0 when nothing was to send).
    pub batch: i64,
    /// Sent.
    pub sent: Vec<SentLine>,
    /// Refused by the server.
    pub refused: Vec<RefusedLine>,
    /// Not sent again: already sent to that person.
    pub already_sent: u32,
    /// Why the batch stopped before its end, when it did (a French sentence saying what
    /// to do).
    pub stopped: Option<String>,
}

/// The e-mail settings as the settings screen shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailSettingsView {
    /// The server and the sender.
    pub settings: MailSettings,
    /// A password is kept in the system's keyring for this account and server.
    pub password_stored: bool,
    /// Why the keyring cannot be read, when it cannot.
    pub keyring_problem: Option<String>,
}

impl Campaign {
    /// The e-mail settings, with whether the keyring keeps a password for them.
    pub fn mail_settings_view(&self) -> Result<MailSettingsView> {
        let settings = self.mail_settings()?;
        let (password_stored, keyring_problem) = if settings.user.is_empty() {
            (false, None)
        } else {
            match password::stored(&settings.user, &settings.host) {
                Ok(p) => (p.is_some(), None),
                Err(e) => (false, Some(e.to_string())),
            }
        };
        Ok(MailSettingsView {
            settings,
            password_stored,
            keyring_problem,
        })
    }

    /// Saves the e-mail settings and, when one is typed, the password in the keyring
    /// (never in the file).
    pub fn save_mail_settings(
        &mut self,
        input: &MailSettings,
        password: Option<&str>,
        operator: &str,
    ) -> Result<MailSettingsView> {
        let saved = self.set_mail_settings(input, operator)?;
        if let Some(p) = password.filter(|p| !p.is_empty()) {
            if saved.user.is_empty() {
                return Err(crate::Error::Validation(vec![crate::FieldIssue::new(
                    "user",
                    "« Identifiant » : indiquez l'identifiant du compte auquel ce mot de passe appartient.",
                )]));
            }
            password::store(&saved.user, &saved.host, p)?;
        }
        self.mail_settings_view()
    }

    /// The server of the campaign's settings, with the password given or else the one the
    /// keyring keeps.
    pub fn mail_server(&self, password: Option<String>) -> Result<Server> {
        let settings = self.mail_settings()?;
        if settings.host.trim().is_empty() {
            return Err(crate::Error::Refused(crate::Refusal::MailUnreachable, "Aucun serveur d'envoi n'est réglé pour cette campagne : réglez-le dans « Paramètres », « Envoi des courriels ».".into()));
        }
        let password = match password {
            Some(p) => Some(p),
            None if settings.user.trim().is_empty() => None,
            None => password::stored(settings.user.trim(), settings.host.trim())?,
        };
        Server::from_settings(&settings, password)
    }

    /// Sends a test message to `to` (the sender's own address when empty) through the
    /// campaign's server: the settings are right when it arrives.
    pub fn send_test_mail(&self, to: &str) -> Result<String> {
        let server = self.mail_server(None)?;
        let to = if to.trim().is_empty() {
            server.sender_address.clone()
        } else {
            to.trim().to_owned()
        };
        smtp::send_test(&server, &to, &self.settings()?.ufr_name)
    }

    /// What a batch of `request` would send (nothing is sent), the letters dated `today`.
    /// Kept until what it reads changes (at 10 000 candidates it is 9 000 letters and
    /// calendars): one per kind, for the last date and return date asked.
    pub fn mail_preview(&self, request: &MailRequest, today: NaiveDate) -> Result<MailPreview> {
        let name = match request.kind {
            MailKind::Convocations => "mail_preview_convocations",
            MailKind::MissingPieces => "mail_preview_missing_pieces",
            MailKind::Receipts => "mail_preview_receipts",
            MailKind::Letters => "mail_preview_letters",
        };
        let asked = (request.clone(), today);
        // The key only tells requests apart quickly; the request kept is compared whole.
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            asked.hash(&mut h);
            h.finish() as i64
        };
        let kept = self.views().view(name, key, |_| {
            Ok((
                asked.clone(),
                compose::plan(self, request, today)?.preview(),
            ))
        })?;
        if kept.0 == asked {
            return Ok(kept.1.clone());
        }
        Ok(compose::plan(self, request, today)?.preview())
    }

    /// The batch PDF of the letters of `request` for the candidates without a valid
    /// address (to print and post), dated `today`; `None` when every one has an address.
    pub fn mail_unreachable_pdf(
        &self,
        request: &MailRequest,
        today: NaiveDate,
    ) -> Result<Option<Vec<u8>>> {
        compose::unreachable_pdf(self, request, today)
    }

    /// Sends the batch of `request` through `server`: each message not already sent to
    /// that person goes, recorded at once as sent or refused (with the server's answer);
    /// `cancel` stops between two messages; `progress` hears (done, total). The server is
    /// tried first: unreachable, a wrong password or a certificate that does not match
    /// refuse the batch with nothing recorded.
    pub fn send_mails(
        &mut self,
        request: &MailRequest,
        server: &Server,
        today: NaiveDate,
        operator: &str,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<MailReport> {
        let plan = compose::plan(self, request, today)?;
        record::send(self, request.kind, plan, server, operator, cancel, progress)
    }

    /// Every message sent or refused, newest first (`candidate` for one candidate's).
    pub fn mails(&self, candidate: Option<i64>) -> Result<Vec<MailLine>> {
        record::list(self.conn(), candidate)
    }
}
