//! The sealed minutes signed electronically by the members present, each with their own
//! certificate (PAdES, see [`crate::pades`]), the chair last: each signature is appended
//! to the PDF as it stood, which is kept in the campaign with every signature; and the
//! signatures of a PDF checked.

use std::path::Path;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{chair, in_force, pdf_of, render, sealed_version, stored};
use crate::campaign::Campaign;
use crate::error::{Error, Refusal, Result};
use crate::fr;
use crate::journal::{now, Entry};
use crate::pades;

/// A member's signature, as the minutes' screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SignedBy {
    /// "17/01/2027 à 18 h 05".
    pub at: String,
    /// The certificate's holder ("Sophie Marchand").
    pub holder: String,
    /// Who issued the certificate ("AC Universités").
    pub issuer: String,
}

/// A member who signs the minutes, and whether they have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Signer {
    /// The member.
    pub member: i64,
    /// "Dr Sophie MARCHAND".
    pub name: String,
    /// "Représentant(e) de l'ARS".
    pub role: String,
    /// The chair, who signs last.
    pub chair: bool,
    /// Their signature, once given.
    pub signed: Option<SignedBy>,
}

/// Who signs the version `version`, in order (the chair last), and who has.
pub(super) fn signers(conn: &Connection, version: i64) -> Result<Vec<Signer>> {
    let (minutes, ..) = stored(conn, version)?;
    let chair = chair(conn)?.map(|m| m.id);
    let mut stmt = conn
        .prepare("SELECT member, at, holder, issuer FROM minutes_signature WHERE version = ?1")?;
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map([version], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<Signer> = minutes
        .signatories
        .iter()
        .map(|s| Signer {
            member: s.id,
            name: s.name.clone(),
            role: s.role.clone(),
            chair: Some(s.id) == chair,
            signed: rows
                .iter()
                .find(|r| r.0 == s.id)
                .map(|(_, at, holder, issuer)| SignedBy {
                    at: fr::timestamp(at),
                    holder: holder.clone(),
                    issuer: issuer.clone(),
                }),
        })
        .collect();
    out.sort_by_key(|s| s.chair);
    Ok(out)
}

/// The PDF of `version` as signed so far, when someone has signed it.
pub(super) fn signed_pdf(conn: &Connection, version: i64) -> Result<Option<Vec<u8>>> {
    let base: Option<Vec<u8>> = conn
        .query_row(
            "SELECT pdf FROM minutes_signed_base WHERE version = ?1",
            [version],
            |r| r.get(0),
        )
        .optional()?;
    let Some(mut pdf) = base else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare("SELECT increment FROM minutes_signature WHERE version = ?1 ORDER BY seq")?;
    for part in stmt.query_map([version], |r| r.get::<_, Vec<u8>>(0))? {
        pdf.extend_from_slice(&part?);
    }
    Ok(Some(pdf))
}

/// Someone has signed `version` electronically.
pub(super) fn has_signatures(conn: &Connection, version: i64) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM minutes_signed_base WHERE version = ?1",
            [version],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

impl Campaign {
    /// A member present signs the sealed minutes with their certificate (`certificate`,
    /// a `.p12` / `.pfx` file, and its passphrase): checked (present, not signed yet,
    /// the chair not signed yet, the certificate theirs and valid for signing), the
    /// signature appended to the PDF as it stands and kept in the campaign; journaled.
    pub fn sign_minutes(
        &mut self,
        member: i64,
        certificate: &Path,
        passphrase: &str,
        operator: &str,
    ) -> Result<Vec<Signer>> {
        let Some(version) = in_force(self.conn())? else {
            return Err(Error::Refused(
                Refusal::MinutesNotSealed,
                "Le procès-verbal n'est pas scellé : le président le scelle d'abord, puis les membres présents le signent.".into(),
            ));
        };
        let before = signers(self.conn(), version)?;
        let Some(me) = before.iter().find(|s| s.member == member).cloned() else {
            return Err(Error::Refused(
                Refusal::SignerNotPresent,
                "Seul un membre présent à une séance signe le procès-verbal : ce membre n'y figure pas.".into(),
            ));
        };
        if let Some(signed) = &me.signed {
            return Err(Error::Refused(
                Refusal::AlreadySigned,
                format!(
                    "{} a déjà signé la version {version} du procès-verbal (le {}) : une seule signature par membre.",
                    me.name, signed.at
                ),
            ));
        }
        if let Some(chair) = before.iter().find(|s| s.chair && s.signed.is_some()) {
            return Err(Error::Refused(
                Refusal::SigningClosed,
                format!(
                    "{} a signé le procès-verbal en dernier, comme président : il ne reçoit plus de signature.",
                    chair.name
                ),
            ));
        }
        let file = fr::file_name(certificate);
        let bytes = std::fs::read(certificate).map_err(|e| Error::io(certificate, e))?;
        let credentials = pades::open_p12(&bytes, passphrase, &file)?;
        let at = Utc::now();
        credentials.check_usable(at)?;
        let holder = credentials.holder();
        if !pades::names_person(&holder, &me.name) {
            return Err(Error::Refused(
                Refusal::CertificateOtherPerson,
                format!(
                    "Le certificat « {file} » est au nom de {} et non de {} : chaque membre signe avec son propre certificat.",
                    holder.name, me.name
                ),
            ));
        }
        let name = me.name.clone();
        self.store().write(operator, |tx| {
            let first = !has_signatures(tx, version)?;
            let current = match signed_pdf(tx, version)? {
                Some(pdf) => pdf,
                None => pdf_of(tx, version)?,
            };
            let (minutes, seal) = sealed_version(tx, version)?;
            let field_name = render::field_name(member);
            let area = render::signature_areas(&minutes, &seal)
                .into_iter()
                .find(|a| a.name == field_name)
                .ok_or_else(|| Error::Refused(Refusal::SignatureFailed, format!("La case de signature de {name} est introuvable dans le procès-verbal. Rien n'a été modifié.")))?;
            let when = fr::timestamp(&at.to_rfc3339());
            let lines = vec![
                format!("Signé électroniquement par {}", holder.name),
                format!("le {when}"),
                format!("Certificat délivré par {}", holder.issuer_name),
            ];
            let location = minutes
                .place_date
                .strip_prefix("Fait à ")
                .and_then(|rest| rest.split(", le ").next())
                .unwrap_or_default()
                .to_owned();
            let signed = pades::sign(
                &current,
                &pades::Field {
                    name: &field_name,
                    page: area.page,
                    rect: area.rect,
                    lines: &lines,
                    signer: &holder.name,
                    reason: &format!("Signature du procès-verbal (version {version}) par {name}"),
                    location: &location,
                    date: &pades::pdf_date(at),
                },
                &credentials,
            )?;
            if first {
                tx.execute(
                    "INSERT INTO minutes_signed_base (version, pdf) VALUES (?1, ?2)",
                    params![version, current],
                )?;
            }
            let seq: i64 = tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM minutes_signature WHERE version = ?1",
                [version],
                |r| r.get(0),
            )?;
            let stamp = now();
            tx.execute(
                "INSERT INTO minutes_signature (version, member, seq, at, holder, subject, issuer, increment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![version, member, seq, at.to_rfc3339(), holder.name, holder.subject, holder.issuer_name, &signed[current.len()..]],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO minutes_pdf (sha256, version, at, stage) VALUES (?1, ?2, ?3, 'signed')",
                params![super::sha(&signed), version, stamp],
            )?;
            Ok((
                (),
                Some(Entry::new(
                    "minutes.sign",
                    format!(
                        "{name} signe électroniquement le procès-verbal (version {version}) avec le certificat de {} délivré par {} ; empreinte SHA-256 du PDF signé {}.",
                        holder.name,
                        holder.issuer_name,
                        super::sha(&signed),
                    ),
                )),
            ))
        })?;
        signers(self.conn(), version)
    }
}

/// One signature of a PDF, as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SignatureCheck {
    /// The signature field's name in the PDF ("Signature-membre-2"), or "Signature 1"
    /// (in the order they were given) when the document cannot be read.
    pub field: String,
    /// Who signed, as their certificate says ("Sophie Marchand").
    pub signer: String,
    /// The certificate's subject in full.
    pub subject: String,
    /// Who issued it (the authority's name).
    pub issuer: String,
    /// When ("17/01/2027 à 18 h 05"), as the signature says.
    pub signed_at: String,
    /// The signed bytes are intact and the signature is the certificate's.
    pub intact: bool,
    /// Nothing but later signatures was added after it.
    pub unchanged_after: bool,
    /// The certificate was valid at that time (dates and key usage).
    pub certificate_valid: bool,
    /// What was found, in French.
    pub findings: Vec<String>,
}

/// The signatures of a PDF as checked ([`pades::check`]), each with its findings in French.
pub(super) fn check_signatures(checked: &[pades::Checked]) -> Vec<SignatureCheck> {
    checked
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let holder = c.holder.clone();
            let signer = holder.as_ref().map_or_else(|| "signataire inconnu".to_owned(), |h| h.name.clone());
            let signed_at = c
                .signed_at
                .map(|t| fr::timestamp(&t.to_rfc3339()))
                .unwrap_or_default();
            let mut findings = Vec::new();
            let certificate_valid = holder.is_some() && c.certificate_problems.is_empty();
            findings.push(format!(
                "Signature {} : {signer}{}{}.",
                i + 1,
                holder
                    .as_ref()
                    .map(|h| format!(" (certificat délivré par {})", h.issuer_name))
                    .unwrap_or_default(),
                if signed_at.is_empty() {
                    String::new()
                } else {
                    format!(", le {signed_at}")
                }
            ));
            findings.push(if c.intact {
                "Les octets signés sont intacts et la signature est bien celle du certificat.".into()
            } else {
                format!(
                    "La signature n'est pas valide : {}",
                    c.problem.clone().unwrap_or_else(|| {
                        "les octets qu'elle couvre ont été modifiés depuis la signature.".into()
                    })
                )
            });
            findings.push(if c.last {
                "Le document n'a pas été modifié après cette signature.".into()
            } else if c.only_signatures_after {
                "Après cette signature, le document n'a reçu que d'autres signatures.".into()
            } else {
                "Le document a été modifié après cette signature : ce qui a été ajouté ensuite n'est pas couvert par elle.".into()
            });
            if certificate_valid {
                findings.push("Le certificat était valide à la date de signature (dates de validité et usage de signature). Hors ligne, ni sa révocation ni la confiance dans l'autorité qui l'a délivré ne sont vérifiées : un lecteur relié à internet (Adobe Reader, le validateur de l'Union européenne) le fait.".into());
            } else {
                for p in &c.certificate_problems {
                    findings.push(format!("Le certificat ne permettait pas de signer : {p}"));
                }
            }
            SignatureCheck {
                field: c.field.clone().unwrap_or_else(|| format!("Signature {}", i + 1)),
                signer,
                subject: holder.as_ref().map(|h| h.subject.clone()).unwrap_or_default(),
                issuer: holder
                    .as_ref()
                    .map(|h| h.issuer_name.clone())
                    .unwrap_or_default(),
                signed_at,
                intact: c.intact,
                unchanged_after: c.only_signatures_after,
                certificate_valid,
                findings,
            }
        })
        .collect()
}
