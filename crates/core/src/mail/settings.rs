//! The faculty's SMTP server and the sender, as the campaign's settings keep them (the
//! password is not here: it is in the system's keyring).

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{Change, Entry};

/// How the connection to the server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// STARTTLS on the submission port (587, usually).
    Starttls,
    /// TLS from the start (SMTPS, port 465 usually).
    Tls,
    /// No encryption: only for a server on this machine (the command line's tests).
    Plain,
}

impl Security {
    fn code(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::Plain => "plain",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Security::Starttls => "STARTTLS",
            Security::Tls => "TLS",
            Security::Plain => "sans chiffrement",
        }
    }
}

/// The server and the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailSettings {
    /// « smtp.univ-demo.fr ».
    pub host: String,
    /// 587, 465… as typed.
    pub port: String,
    /// STARTTLS or TLS.
    pub security: Security,
    /// The account's user name (empty: no authentication).
    pub user: String,
    /// « Scolarité — UFR de médecine ».
    pub sender_name: String,
    /// « cesp@univ-demo.fr ».
    pub sender_address: String,
    /// Where answers go (empty: to the sender).
    pub reply_to: String,
    /// The signature under every message (several lines).
    pub signature: String,
}

impl MailSettings {
    /// Empty settings, STARTTLS on port 587.
    pub fn blank() -> MailSettings {
        MailSettings {
            host: String::new(),
            port: "587".into(),
            security: Security::Starttls,
            user: String::new(),
            sender_name: String::new(),
            sender_address: String::new(),
            reply_to: String::new(),
            signature: String::new(),
        }
    }

    /// The settings as typed, checked: every problem named at its field.
    pub fn validated(&self) -> Result<(MailSettings, u16)> {
        let mut issues = Vec::new();
        let host = self.host.trim().to_owned();
        if host.is_empty() {
            issues.push(FieldIssue::new("host", "« Serveur » : indiquez le nom du serveur d'envoi de la faculté (par exemple smtp.univ-exemple.fr)."));
        } else if host.contains(char::is_whitespace) || host.contains('/') || host.contains('@') {
            issues.push(FieldIssue::new("host", format!("« Serveur » : « {host} » n'est pas un nom de serveur (ni espace, ni « / », ni « @ ») ; par exemple smtp.univ-exemple.fr.")));
        }
        let port = match self.port.trim().parse::<u16>() {
            Ok(p) if p > 0 => p,
            _ => {
                issues.push(FieldIssue::new("port", format!("« Port » : « {} » n'est pas un numéro de port (de 1 à 65535 ; 587 pour STARTTLS, 465 pour TLS).", self.port.trim())));
                0
            }
        };
        if self.security == Security::Plain && !is_local(&host) {
            issues.push(FieldIssue::new("security", "« Sécurité » : sans chiffrement, le mot de passe et les lettres passeraient en clair sur le réseau ; choisissez STARTTLS ou TLS."));
        }
        let sender_address = self.sender_address.trim().to_owned();
        if let Err(reason) = check_address(&sender_address) {
            issues.push(FieldIssue::new(
                "sender_address",
                format!("« Adresse de l'expéditeur » : {reason}"),
            ));
        }
        let reply_to = self.reply_to.trim().to_owned();
        if !reply_to.is_empty() {
            if let Err(reason) = check_address(&reply_to) {
                issues.push(FieldIssue::new(
                    "reply_to",
                    format!("« Adresse de réponse » : {reason}"),
                ));
            }
        }
        let sender_name = fr::tidy(&self.sender_name);
        if sender_name.is_empty() {
            issues.push(FieldIssue::new("sender_name", "« Nom de l'expéditeur » : indiquez comment les candidats verront l'expéditeur (par exemple « Scolarité — UFR de médecine »)."));
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        Ok((
            MailSettings {
                host,
                port: port.to_string(),
                security: self.security,
                user: self.user.trim().to_owned(),
                sender_name,
                sender_address,
                reply_to,
                signature: self
                    .signature
                    .lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("\n")
                    .trim()
                    .to_owned(),
            },
            port,
        ))
    }
}

/// The host is this machine.
pub(super) fn is_local(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]")
}

/// Whether `address` can take mail; why not, in French.
pub(crate) fn check_address(address: &str) -> std::result::Result<lettre::Address, String> {
    if address.is_empty() {
        return Err("l'adresse est vide.".into());
    }
    if !address.contains('@') {
        return Err(format!(
            "« {address} » n'est pas une adresse électronique : il y manque « @ »."
        ));
    }
    if address.contains(char::is_whitespace) {
        return Err(format!(
            "« {address} » contient une espace : une adresse électronique n'en a pas."
        ));
    }
    address.parse::<lettre::Address>().map_err(|_| {
        format!("« {address} » n'est pas une adresse électronique valable (partie avant ou après « @ » incorrecte).")
    })
}

impl Campaign {
    /// The campaign's e-mail settings (blank ones when none were saved).
    pub fn mail_settings(&self) -> Result<MailSettings> {
        let row = self
            .conn()
            .query_row(
                "SELECT host, port, security, user, sender_name, sender_address, reply_to, signature FROM mail_settings WHERE id = 1",
                [],
                |r| {
                    Ok(MailSettings {
                        host: r.get(0)?,
                        port: r.get::<_, i64>(1)?.to_string(),
                        security: match r.get::<_, String>(2)?.as_str() {
                            "tls" => Security::Tls,
                            _ => Security::Starttls,
                        },
                        user: r.get(3)?,
                        sender_name: r.get(4)?,
                        sender_address: r.get(5)?,
                        reply_to: r.get(6)?,
                        signature: r.get(7)?,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_else(MailSettings::blank))
    }

    /// Saves the e-mail settings as typed, checked field by field; journaled.
    pub fn set_mail_settings(
        &mut self,
        input: &MailSettings,
        operator: &str,
    ) -> Result<MailSettings> {
        if input.security == Security::Plain {
            return Err(Error::Validation(vec![FieldIssue::new("security", "« Sécurité » : choisissez STARTTLS ou TLS : sans chiffrement, le mot de passe et les lettres passeraient en clair sur le réseau.")]));
        }
        let (s, port) = input.validated()?;
        let before = self.mail_settings()?;
        self.store().write(operator, |tx| {
            tx.execute(
                "INSERT INTO mail_settings (id, host, port, security, user, sender_name, sender_address, reply_to, signature) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security, user = excluded.user, sender_name = excluded.sender_name, sender_address = excluded.sender_address, reply_to = excluded.reply_to, signature = excluded.signature",
                params![s.host, port, s.security.code(), s.user, s.sender_name, s.sender_address, s.reply_to, s.signature],
            )?;
            let mut entry = Entry::new(
                "mail.settings",
                format!("Envoi des courriels : serveur {}:{} ({}), expéditeur {} <{}>.", s.host, port, s.security.label(), s.sender_name, s.sender_address),
            );
            entry.changes = [
                ("Serveur", &before.host, &s.host),
                ("Port", &before.port, &s.port),
                ("Utilisateur", &before.user, &s.user),
                ("Nom de l'expéditeur", &before.sender_name, &s.sender_name),
                ("Adresse de l'expéditeur", &before.sender_address, &s.sender_address),
                ("Adresse de réponse", &before.reply_to, &s.reply_to),
                ("Signature", &before.signature, &s.signature),
            ]
            .into_iter()
            .filter_map(|(field, a, b)| Change::between(field, a.clone(), b.clone()))
            .collect();
            Ok(((), Some(entry)))
        })?;
        Ok(s)
    }
}
