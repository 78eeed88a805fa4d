//! The connection to the faculty's SMTP server (lettre), and what its errors mean, in
//! French.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::SmtpTransport;
use lettre::{Message, Transport};

use super::compose::Outgoing;
use super::settings::{check_address, is_local, MailSettings, Security};
use crate::error::{Error, FieldIssue, Refusal, Result};

/// A server to send through, with the sender, for one batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// Host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// STARTTLS, TLS, or plain (this machine only).
    pub security: Security,
    /// User and password, when the server asks for them.
    pub login: Option<(String, String)>,
    /// « Scolarité — UFR de médecine ».
    pub sender_name: String,
    /// « cesp@univ-demo.fr ».
    pub sender_address: String,
    /// Where answers go, when not to the sender.
    pub reply_to: Option<String>,
}

impl Server {
    /// The server of the campaign's settings, with the password from the keyring (or
    /// given).
    pub fn from_settings(settings: &MailSettings, password: Option<String>) -> Result<Server> {
        let (s, port) = settings.validated()?;
        let login = if s.user.is_empty() {
            None
        } else {
            let Some(password) = password else {
                return Err(Error::Refused(
                    Refusal::MailPasswordMissing,
                    format!("Le mot de passe du compte « {} » sur {} n'est pas enregistré : saisissez-le dans « Paramètres », « Envoi des courriels ».", s.user, s.host),
                ));
            };
            Some((s.user.clone(), password))
        };
        Ok(Server {
            host: s.host,
            port,
            security: s.security,
            login,
            sender_name: s.sender_name,
            sender_address: s.sender_address,
            reply_to: (!s.reply_to.is_empty()).then_some(s.reply_to),
        })
    }

    /// « smtp.univ-demo.fr:587 (STARTTLS) ».
    pub fn describe(&self) -> String {
        format!(
            "{}:{} ({})",
            self.host,
            self.port,
            match self.security {
                Security::Starttls => "STARTTLS",
                Security::Tls => "TLS",
                Security::Plain => "sans chiffrement",
            }
        )
    }

    /// The transport, checked: the server reached, TLS set up, the login accepted.
    pub(super) fn connect(&self) -> Result<SmtpTransport> {
        if self.security == Security::Plain && !is_local(&self.host) {
            return Err(Error::Refused(
                Refusal::MailInsecure,
                format!("Sans chiffrement, seul un serveur de cette machine est accepté ; {} est sur le réseau : choisissez STARTTLS ou TLS.", self.host),
            ));
        }
        let tls = || {
            TlsParameters::new(self.host.clone()).map_err(|e| {
                Error::Refused(
                    Refusal::MailTls,
                    format!(
                        "La connexion chiffrée avec {} n'a pas pu être préparée ({e}).",
                        self.host
                    ),
                )
            })
        };
        let mut builder = SmtpTransport::builder_dangerous(self.host.as_str())
            .port(self.port)
            .timeout(Some(Duration::from_secs(30)))
            .tls(match self.security {
                Security::Starttls => Tls::Required(tls()?),
                Security::Tls => Tls::Wrapper(tls()?),
                Security::Plain => Tls::None,
            });
        if let Some((user, password)) = &self.login {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let transport = builder.build();
        match transport.test_connection() {
            Ok(true) => Ok(transport),
            Ok(false) => Err(unreachable(
                self,
                "le serveur n'a pas répondu comme un serveur d'envoi",
            )),
            Err(e) => Err(connection_error(self, &e)),
        }
    }

    /// The message for `m`.
    pub(super) fn message(&self, m: &Outgoing) -> Result<Message> {
        let invalid =
            |what: &str, reason: String| Error::Validation(vec![FieldIssue::new(what, reason)]);
        let from = check_address(&self.sender_address).map_err(|r| {
            invalid(
                "sender_address",
                format!("« Adresse de l'expéditeur » : {r}"),
            )
        })?;
        let to = check_address(&m.to).map_err(|r| invalid("to", r))?;
        let mut builder = Message::builder()
            .message_id(None)
            .from(Mailbox::new(Some(self.sender_name.clone()), from))
            .to(Mailbox::new(
                (!m.display.is_empty()).then(|| m.display.clone()),
                to,
            ))
            .subject(m.subject.clone());
        if let Some(reply) = &self.reply_to {
            let reply = check_address(reply)
                .map_err(|r| invalid("reply_to", format!("« Adresse de réponse » : {r}")))?;
            builder = builder.reply_to(Mailbox::new(None, reply));
        }
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(m.body.clone()));
        for a in &m.attachments {
            let mime = ContentType::parse(a.mime).unwrap_or(ContentType::TEXT_PLAIN);
            parts = parts.singlepart(
                lettre::message::Attachment::new(a.name.clone()).body(a.bytes().into_owned(), mime),
            );
        }
        builder.multipart(parts).map_err(|e| {
            Error::Refused(
                Refusal::MailInternal,
                format!("Le courriel à {} n'a pas pu être composé ({e}).", m.to),
            )
        })
    }
}

/// Sends a test message to `to` through `server`; what the server answered.
pub(super) fn send_test(server: &Server, to: &str, ufr: &str) -> Result<String> {
    let transport = server.connect()?;
    let message = server.message(&Outgoing {
        candidate: 0,
        name: to.to_owned(),
        display: String::new(),
        to: to.to_owned(),
        subject: "CESP Commission : courriel d'essai".into(),
        body: format!(
            "Ce courriel d'essai a été envoyé par CESP Commission ({}) par le serveur {}.\nS'il vous parvient, l'envoi des convocations et des lettres par courriel est prêt.\n",
            crate::fr::tidy(ufr),
            server.describe()
        ),
        attachments: Vec::new(),
        substance: String::new(),
        convocation: None,
    })?;
    match send(&transport, &message) {
        Outcome::Sent(answer) => Ok(format!(
            "Courriel d'essai envoyé à {to} par {} (réponse du serveur : {answer}). Vérifiez qu'il est bien arrivé.",
            server.describe()
        )),
        Outcome::Refused(answer) | Outcome::Lost(answer) => Err(Error::Refused(
            Refusal::MailRefused,
            format!("Le serveur {} a refusé le courriel d'essai à {to} : {answer}", server.describe()),
        )),
    }
}

/// How sending one message ended.
pub(super) enum Outcome {
    /// Accepted: the server's answer.
    Sent(String),
    /// Refused for that recipient (a permanent answer): the server's answer.
    Refused(String),
    /// The connection is gone (or the server answers « try later »): the batch stops.
    Lost(String),
}

/// Sends `message` through `transport`.
pub(super) fn send(transport: &SmtpTransport, message: &Message) -> Outcome {
    match transport.send(message) {
        Ok(response) => Outcome::Sent(
            format!(
                "{} {}",
                response.code(),
                response.message().collect::<Vec<_>>().join(" ")
            )
            .trim()
            .to_owned(),
        ),
        Err(e) if e.is_permanent() => Outcome::Refused(answer(&e)),
        Err(e) => Outcome::Lost(answer(&e)),
    }
}

/// The server's answer in an error, or the error itself.
fn answer(e: &lettre::transport::smtp::Error) -> String {
    let text = e.to_string();
    match e.status() {
        Some(code) if !text.contains(&code.to_string()) => format!("{code} {text}"),
        _ => text,
    }
}

fn unreachable(server: &Server, why: &str) -> Error {
    Error::Refused(
        Refusal::MailUnreachable,
        format!(
            "Le serveur d'envoi {} est injoignable ({why}) : vérifiez son nom et son port, et que cet ordinateur est relié au réseau de la faculté. Rien n'a été envoyé.",
            server.describe()
        ),
    )
}

/// What a failed connection means, in French.
fn connection_error(server: &Server, e: &lettre::transport::smtp::Error) -> Error {
    let text = e.to_string();
    let lower = text.to_lowercase();
    if lower.contains("starttls is not supported") {
        return Error::Refused(
            Refusal::MailTls,
            format!(
                "Le serveur {} ne propose pas STARTTLS : vérifiez le port (587 pour STARTTLS, 465 pour TLS) ou choisissez TLS. Rien n'a été envoyé.",
                server.describe()
            ),
        );
    }
    if e.is_tls() || lower.contains("certificate") || lower.contains("ssl") {
        return Error::Refused(
            Refusal::MailTls,
            format!(
                "Le certificat du serveur {} ne correspond pas ou n'est pas reconnu par cet ordinateur ({text}) : vérifiez le nom du serveur (celui que son certificat porte) ; si la faculté a sa propre autorité de certification, faites-la installer sur cet ordinateur. Rien n'a été envoyé.",
                server.describe()
            ),
        );
    }
    if e.is_permanent()
        && (e.status().is_some_and(|c| c.to_string().starts_with("535"))
            || lower.contains("auth")
            || lower.contains("credentials"))
    {
        return Error::Refused(
            Refusal::MailAuth,
            format!(
                "Le serveur {} refuse l'identifiant ou le mot de passe ({text}) : vérifiez-les dans « Paramètres », « Envoi des courriels ». Rien n'a été envoyé.",
                server.describe()
            ),
        );
    }
    if e.is_permanent() || e.is_transient() {
        return Error::Refused(
            Refusal::MailRefused,
            format!(
                "Le serveur {} refuse la connexion ({text}). Rien n'a été envoyé.",
                server.describe()
            ),
        );
    }
    unreachable(server, &text)
}
