//! What went to whom: each message recorded as sent or refused the moment the server
//! answers (one transaction each, so that a batch cut short keeps what went), a batch
//! journaled in one line, and the record read back.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, Connection};
use serde::Serialize;

use super::compose::Plan;
use super::smtp::{self, Outcome, Server};
use super::{MailKind, MailReport, RefusedLine, SentLine};
use crate::campaign::Campaign;
use crate::error::Result;
use crate::fr;
use crate::journal::{now, Entry};

/// One message of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailLine {
    /// Its number.
    pub id: i64,
    /// The batch it went in.
    pub batch: i64,
    /// What it was.
    pub kind: MailKind,
    /// « convocation », « lettre de décision »…
    pub kind_label: String,
    /// The candidate.
    pub candidate: i64,
    /// « DUPONT Marie » (empty when the candidate was removed since).
    pub name: String,
    /// The address.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// SHA-256 of the letter attached.
    pub attachment_sha256: String,
    /// Sent (true) or refused.
    pub sent: bool,
    /// The server's answer.
    pub answer: String,
    /// « 14/01/2027 à 9 h 05 ».
    pub at: String,
}

/// A sent letter, as the record keeps it.
pub type SentMail = (i64, String, String);

/// The letters of `kind` already sent: (candidate, address, substance) → when.
pub(super) fn sent(conn: &Connection, kind: MailKind) -> Result<HashMap<SentMail, String>> {
    let mut stmt = conn.prepare(
        "SELECT candidate, recipient, substance, at FROM mail_message WHERE kind = ?1 AND status = 'sent'",
    )?;
    let rows = stmt.query_map([kind.code()], |r| {
        Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The record, newest first; one candidate's when `candidate` is given.
pub(super) fn list(conn: &Connection, candidate: Option<i64>) -> Result<Vec<MailLine>> {
    let mut stmt = conn.prepare(
        "SELECT m.id, m.batch, m.kind, m.candidate, COALESCE(c.last_name || ' ' || c.first_names, ''), m.recipient, m.subject, m.attachment_sha256, m.status, m.answer, m.at
         FROM mail_message m LEFT JOIN candidate c ON c.id = m.candidate
         WHERE ?1 IS NULL OR m.candidate = ?1 ORDER BY m.id DESC",
    )?;
    let rows = stmt.query_map([candidate], |r| {
        let kind = MailKind::from_code(&r.get::<_, String>(2)?).unwrap_or(MailKind::Letters);
        Ok(MailLine {
            id: r.get(0)?,
            batch: r.get(1)?,
            kind,
            kind_label: kind.one().into(),
            candidate: r.get(3)?,
            name: fr::tidy(&r.get::<_, String>(4)?),
            to: r.get(5)?,
            subject: r.get(6)?,
            attachment_sha256: r.get(7)?,
            sent: r.get::<_, String>(8)? == "sent",
            answer: r.get(9)?,
            at: fr::timestamp(&r.get::<_, String>(10)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sends the messages of `plan` through `server`, recording each one as the server
/// answers; the batch journaled at the end (or where it stopped).
pub(super) fn send(
    c: &mut Campaign,
    kind: MailKind,
    plan: Plan,
    server: &Server,
    operator: &str,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<MailReport> {
    let mut report = MailReport {
        batch: 0,
        sent: Vec::new(),
        refused: Vec::new(),
        already_sent: plan.already_sent.len() as u32,
        stopped: None,
    };
    if plan.messages.is_empty() {
        return Ok(report);
    }
    // Every message composed before the first goes: a message that cannot be composed
    // refuses the batch with nothing sent.
    let rendered: Vec<super::Outgoing> = plan
        .messages
        .into_iter()
        .map(super::Outgoing::rendered)
        .collect();
    let messages = rendered
        .iter()
        .map(|m| server.message(m).map(|built| (m, built)))
        .collect::<Result<Vec<_>>>()?;
    let transport = server.connect()?;
    let total = messages.len() as u32;
    let batch = c.store().write(operator, |tx| {
        tx.execute(
            "INSERT INTO mail_batch (kind, at, operator, server) VALUES (?1, ?2, ?3, ?4)",
            params![kind.code(), now(), operator, server.describe()],
        )?;
        Ok((tx.last_insert_rowid(), None))
    })?;
    report.batch = batch;
    progress(0, total);
    for (i, (m, message)) in messages.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            report.stopped = Some(format!(
                "Envoi interrompu à votre demande après {} : relancez l'envoi pour envoyer les autres (ceux déjà partis ne seront pas renvoyés).",
                fr::count(i as u32, "courriel", "courriels")
            ));
            break;
        }
        let (status, answer) = match smtp::send(&transport, message) {
            Outcome::Sent(answer) => ("sent", answer),
            Outcome::Refused(answer) => ("refused", answer),
            Outcome::Lost(answer) => {
                report.stopped = Some(format!(
                    "La connexion au serveur {} a été perdue après {} ({answer}) : relancez l'envoi quand le serveur répond, seuls les courriels qui ne sont pas partis seront envoyés.",
                    server.describe(),
                    fr::count(i as u32, "courriel envoyé", "courriels envoyés")
                ));
                break;
            }
        };
        c.store().write(operator, |tx| {
            tx.execute(
                "INSERT INTO mail_message (batch, kind, candidate, recipient, subject, substance, attachment_sha256, status, answer, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![batch, kind.code(), m.candidate, m.to, m.subject, m.substance, m.letter_sha256(), status, answer, now()],
            )?;
            if let (Some(a), "sent") = (&m.convocation, status) {
                crate::schedule::plan::issued::record(
                    tx,
                    a,
                    a.sequence,
                    crate::schedule::plan::issued::How::Mailed,
                    &now(),
                )?;
            }
            Ok(((), None))
        })?;
        if status == "sent" {
            report.sent.push(SentLine {
                candidate: m.candidate,
                to: m.to.clone(),
                subject: m.subject.clone(),
            });
        } else {
            report.refused.push(RefusedLine {
                candidate: m.candidate,
                name: m.name.clone(),
                to: m.to.clone(),
                answer,
            });
        }
        progress(i as u32 + 1, total);
    }
    let mut summary = format!(
        "Envoi par courriel des {} par {} : {}",
        kind.label(),
        server.describe(),
        fr::count(
            report.sent.len() as u32,
            "courriel envoyé",
            "courriels envoyés"
        )
    );
    if !report.refused.is_empty() {
        summary.push_str(&format!(
            ", {} par le serveur",
            fr::count(report.refused.len() as u32, "refusé", "refusés")
        ));
    }
    if report.already_sent > 0 {
        summary.push_str(&format!(
            ", {} ({} auparavant)",
            fr::count(report.already_sent, "non renvoyé", "non renvoyés"),
            fr::agree(report.already_sent, "déjà envoyé", "déjà envoyés")
        ));
    }
    summary.push('.');
    if let Some(why) = &report.stopped {
        summary.push_str(&format!(" {why}"));
    }
    c.store().write(operator, |_| {
        Ok(((), Some(Entry::new("mail.batch", summary))))
    })?;
    Ok(report)
}
