//! The minutes (procès-verbal): a snapshot of everything they state, built from the
//! campaign; sealed version by version with the SHA-256 fingerprint of its canonical JSON;
//! reopened with a reason (journaled, the earlier versions kept); approved by the members;
//! checked against a PDF or against the data (`verify`).

mod assemble;
pub mod render;
mod signing;
mod sources;

use crate::Refusal;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::campaign::Campaign;
use crate::commission::{self, Role};
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{hex, now, Change, Entry};
use assemble::checklist;
use sources::Sources;

pub use signing::{SignatureCheck, SignedBy, Signer};

/// The texts the commission applies, cited at the head of the minutes.
pub const LEGAL_BASIS: &[&str] = &[
    "Code de l'éducation, article L. 632-6 (contrat d'engagement de service public).",
    "Code de l'éducation, articles R. 631-24 et suivants (décret n° 2020-268 du 17 mars 2020).",
    "Arrêté du 26 mai 2020 relatif au contrat d'engagement de service public.",
];

/// One member as the minutes name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberLine {
    /// Identifier in the file.
    pub id: i64,
    /// "Pr Jean-Marc LEFEBVRE".
    pub name: String,
    /// "Président(e) de la commission".
    pub role: String,
    /// Takes part in votes.
    pub voting: bool,
}

/// A sitting as the minutes state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SittingLine {
    /// "jeudi 14 janvier 2027 à 9 h".
    pub when: String,
    /// Where.
    pub place: String,
    /// Members present.
    pub present: Vec<MemberLine>,
    /// Members excused.
    pub excused: Vec<MemberLine>,
    /// Members absent (or attendance not recorded).
    pub absent: Vec<MemberLine>,
    /// "Quorum atteint : 5 membres votants présents sur 7 (4 requis)."
    pub quorum: String,
    /// Candidates heard that day.
    pub heard: i64,
}

/// A block of the grid with its criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GridLine {
    /// "Projet professionnel (sur 15)".
    pub block: String,
    /// "Motivation — sur 5, coefficient 1".
    pub criteria: Vec<String>,
}

/// One candidate heard, with their scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HeardLine {
    /// "DUPONT Marie".
    pub name: String,
    /// Each block's points ("12,5"), in the order of `HeardGroup::blocks`.
    pub blocks: Vec<String>,
    /// Total ("31,26").
    pub total: String,
}

/// The candidates heard in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HeardGroup {
    /// "Étudiants — médecine".
    pub label: String,
    /// Block titles.
    pub blocks: Vec<String>,
    /// Candidates, by rank.
    pub rows: Vec<HeardLine>,
}

/// One decision as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecisionLine {
    /// Position on the list ("1") or empty.
    pub position: String,
    /// "DUPONT Marie".
    pub name: String,
    /// Total.
    pub total: String,
    /// The reason, one French sentence.
    pub reason: String,
}

/// One category's lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListGroup {
    /// "Internes — médecine".
    pub label: String,
    /// "8 contrats (médecine générale : 3)".
    pub quota: String,
    /// Main list.
    pub main: Vec<DecisionLine>,
    /// Complementary list.
    pub complementary: Vec<DecisionLine>,
    /// Not retained (and withdrawn).
    pub not_retained: Vec<DecisionLine>,
    /// Contracts not given.
    pub unused: i64,
}

/// One line of the annex: who did what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AnnexLine {
    /// "15/01/2027 à 17 h 40".
    pub at: String,
    /// Who.
    pub operator: String,
    /// What.
    pub summary: String,
}

/// Everything the minutes state: the canonical snapshot that is sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Minutes {
    /// The campaign's identifier (to match a PDF with its campaign).
    pub campaign_uid: String,
    /// "Procès-verbal de la commission CESP — 2026-2027".
    pub title: String,
    /// UFR, university.
    pub letterhead: Vec<String>,
    /// The texts applied.
    pub legal_basis: Vec<String>,
    /// The managing body.
    pub managing_body: String,
    /// "Étudiants — médecine : 10 contrats".
    pub quotas: Vec<String>,
    /// The commission's rules (quorum, majority, aggregation), one sentence.
    pub commission_rules: String,
    /// Sittings.
    pub sittings: Vec<SittingLine>,
    /// The grid.
    pub grid: Vec<GridLine>,
    /// "Total sur 40".
    pub grid_total: String,
    /// How the academic block of PADHUE candidates was assessed, when the campaign has
    /// PADHUE candidates or contracts (absent from older snapshots).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub padhue: String,
    /// "Dr Paul MARTIN — DUPONT Marie : directeur de thèse".
    pub recusals: Vec<String>,
    /// Candidates heard with their scores.
    pub heard: Vec<HeardGroup>,
    /// The allocation rules, one sentence.
    pub allocation_rules: String,
    /// Lists per category.
    pub lists: Vec<ListGroup>,
    /// What the commission knew (contracts without candidates…).
    pub notices: Vec<String>,
    /// Tie-break votes with their reasons.
    pub votes: Vec<String>,
    /// The commission's decisions overriding the ranking, with reasons.
    pub overrides: Vec<String>,
    /// Withdrawals and promotions.
    pub withdrawals: Vec<String>,
    /// The journal of the campaign's decisions.
    pub annex: Vec<AnnexLine>,
    /// Last journal row the annex covers.
    pub journal_until: i64,
    /// Members who sign (present at a sitting), the chair first.
    pub signatories: Vec<MemberLine>,
    /// "Fait à Amiens, le 17 janvier 2027".
    pub place_date: String,
    /// Who sealed, and the points the chair sealed in knowledge of with the reason given;
    /// written at sealing (empty in a draft, and absent from versions sealed before it
    /// existed, whose fingerprint it leaves unchanged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sealing: Vec<String>,
}

impl Minutes {
    /// The canonical text that is fingerprinted (compact JSON, fields in declared order).
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// SHA-256 of the canonical text, in hexadecimal.
    pub fn fingerprint(&self) -> String {
        hex(&Sha256::digest(self.canonical().as_bytes()))
    }
}

/// A member's approval: (member, when, signature PNG).
pub(crate) type Approval = (i64, String, Option<Vec<u8>>);

/// A stored version's row: (id, sealed at, by, fingerprint, reopened at, by, reason).
type VersionRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Builds the minutes from the campaign as it stands, signed at `city` on `signed_on`;
/// the annex stops at journal row `journal_until` (the latest when `None`).
pub fn build(
    conn: &Connection,
    signed_on: NaiveDate,
    journal_until: Option<i64>,
) -> Result<Minutes> {
    Ok(draft(conn, signed_on, journal_until)?.0)
}

/// [`build`], with what it was built from (for the checks before sealing): reads the
/// campaign ([`sources::load`]), then assembles ([`assemble::assemble`]).
fn draft(
    conn: &Connection,
    signed_on: NaiveDate,
    journal_until: Option<i64>,
) -> Result<(Minutes, Sources)> {
    let sources = sources::load(conn, journal_until)?;
    Ok((assemble::assemble(&sources, signed_on), sources))
}

/// A sealed (or reopened) version of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MinutesVersion {
    /// Version number (1, 2…).
    pub version: i64,
    /// "17/01/2027 à 18 h 05".
    pub sealed_display: String,
    /// Who sealed.
    pub sealed_by: String,
    /// SHA-256 of the snapshot.
    pub fingerprint: String,
    /// Still in force (not reopened).
    pub in_force: bool,
    /// "rouverte le … par … : motif", when reopened.
    pub reopened: Option<String>,
    /// Members who approved this version.
    pub approvals: Vec<String>,
}

/// The state of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MinutesState {
    /// The minutes as they stand (the sealed snapshot when sealed, a draft otherwise).
    pub minutes: Minutes,
    /// The version in force, when sealed.
    pub sealed: Option<MinutesVersion>,
    /// Every version, newest first.
    pub versions: Vec<MinutesVersion>,
    /// What was checked before sealing and needs attention (empty: nothing).
    pub checklist: Vec<CheckItem>,
    /// The chair, who seals ("Pr Jean LEFEBVRE"), when the commission has one.
    pub chair: Option<String>,
    /// The date of the last sitting (JJ/MM/AAAA): the minutes are signed on it or after.
    pub last_sitting: Option<String>,
    /// Who signs the version in force electronically, the chair last, and who has
    /// (empty when not sealed).
    pub signers: Vec<Signer>,
}

/// One point checked before the minutes are sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckItem {
    /// A stable code: `ties`, `no_sitting`, `no_presence`, `no_chair`,
    /// `lists_not_recorded`, `scores_incomplete`, `scores_not_validated`,
    /// `contracts_unallocated`.
    pub code: String,
    /// What, in French, and what to do about it.
    pub text: String,
    /// Must be put right before sealing. Otherwise the chair may seal in knowledge of
    /// it, with a reason that the minutes state.
    pub blocking: bool,
}

/// How the person sealing stands with the chair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Acting {
    /// They are the chair.
    Chair,
    /// They seal on the chair's behalf (a secretary at the chair's request).
    OnBehalf,
}

/// What the person sealing gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SealRequest {
    /// The date of signature, as typed (JJ/MM/AAAA).
    pub signed_on: String,
    /// As the chair, or on the chair's behalf.
    pub acting: Acting,
    /// Why the minutes are sealed in knowledge of the points that allow it (empty when
    /// there are none).
    pub acknowledgement: String,
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Verification {
    /// The PDF is one the app produced for a sealed version, unchanged.
    pub pdf_matches: Option<bool>,
    /// Its version, when known.
    pub version: Option<i64>,
    /// The data still say what the sealed version says.
    pub data_match: bool,
    /// Everything said, in French, one sentence each.
    pub findings: Vec<String>,
    /// The whole verdict in one sentence.
    pub verdict: String,
    /// The electronic signatures the PDF carries, each checked, the first given first.
    pub signatures: Vec<SignatureCheck>,
}

fn versions(conn: &Connection) -> Result<Vec<MinutesVersion>> {
    let mut stmt = conn.prepare(
        "SELECT id, sealed_at, sealed_by, fingerprint, reopened_at, reopened_by, reopen_reason FROM minutes_version ORDER BY id DESC",
    )?;
    let rows: Vec<VersionRow> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut approvals = conn.prepare(
        "SELECT m.name, a.at FROM minutes_approval a JOIN member m ON m.id = a.member WHERE a.version = ?1 ORDER BY a.at, m.name",
    )?;
    let mut out = Vec::new();
    for (version, at, by, fingerprint, reopened_at, reopened_by, reason) in rows {
        let approved: Vec<String> = approvals
            .query_map([version], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .map(|x| x.map(|(n, at)| format!("{n} (le {})", fr::timestamp(&at))))
            .collect::<rusqlite::Result<_>>()?;
        out.push(MinutesVersion {
            version,
            sealed_display: fr::timestamp(&at),
            sealed_by: by,
            fingerprint,
            in_force: reopened_at.is_none(),
            reopened: reopened_at.map(|at| {
                format!(
                    "rouverte le {} par {} : {}",
                    fr::timestamp(&at),
                    reopened_by.unwrap_or_default(),
                    reason.unwrap_or_default()
                )
            }),
            approvals: approved,
        });
    }
    Ok(out)
}

/// One version, with its approvals.
fn version_of(conn: &Connection, version: i64) -> Result<MinutesVersion> {
    versions(conn)?
        .into_iter()
        .find(|v| v.version == version)
        .ok_or_else(|| Error::Missing {
            what: format!("La version {version} du procès-verbal"),
        })
}

/// The signatures to place: member id → (approved at, PNG) for `version`.
pub(crate) fn approvals(conn: &Connection, version: i64) -> Result<Vec<Approval>> {
    let mut stmt = conn.prepare(
        "SELECT a.member, a.at, s.png FROM minutes_approval a LEFT JOIN member_signature s ON s.member = a.member WHERE a.version = ?1 ORDER BY a.member",
    )?;
    let rows = stmt.query_map([version], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn stored(conn: &Connection, version: i64) -> Result<(Minutes, String, String, String)> {
    let (snapshot, fingerprint, sealed_at, signed_on): (String, String, String, String) = conn
        .query_row(
            "SELECT snapshot, fingerprint, sealed_at, signed_on FROM minutes_version WHERE id = ?1",
            [version],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let minutes: Minutes = serde_json::from_str(&snapshot).map_err(|e| {
        Error::Refused(Refusal::MinutesVersionUnreadable, format!("La version {version} du procès-verbal est illisible dans le fichier ({e}) : le fichier a été modifié hors de l'application ; restaurez une sauvegarde."))
    })?;
    Ok((minutes, fingerprint, sealed_at, signed_on))
}

fn in_force(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM minutes_version WHERE reopened_at IS NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The commission's chair, when it has one.
fn chair(conn: &Connection) -> Result<Option<commission::Member>> {
    Ok(commission::list(conn)?
        .into_iter()
        .find(|m| m.role == Role::Chair))
}

/// The last sitting's day.
fn last_sitting(conn: &Connection) -> Result<Option<NaiveDate>> {
    Ok(commission::sittings(conn)?
        .iter()
        .filter_map(|s| fr::parse_date(&s.date))
        .max())
}

/// The date of signature typed by the user, checked: a date, not in the future, not
/// before the last sitting.
fn signing_day(conn: &Connection, typed: &str, today: NaiveDate) -> Result<NaiveDate> {
    let field = |text: String| {
        Error::Validation(vec![FieldIssue::new(
            "signed_on",
            format!("« Date de signature » : {text}"),
        )])
    };
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(field(
            "indiquez la date à laquelle le procès-verbal est signé (JJ/MM/AAAA).".into(),
        ));
    }
    let day = crate::typed_date::parse("signed_on", "Date de signature", typed)
        .map_err(|issue| Error::Validation(vec![issue]))?;
    if day > today {
        return Err(field(format!(
            "le {} est dans le futur : le procès-verbal se signe le jour de la dernière séance ou après, et au plus tard aujourd'hui ({}).",
            fr::date_short(day),
            fr::date_short(today)
        )));
    }
    if let Some(last) = last_sitting(conn)?.filter(|last| day < *last) {
        return Err(field(format!(
            "le {} précède la dernière séance de la commission (le {}) : le procès-verbal ne peut pas être signé avant les séances qu'il relate.",
            fr::date_short(day),
            fr::date_short(last)
        )));
    }
    Ok(day)
}

/// The stored snapshot of `version` with its seal as printed (approvals included).
fn sealed_version(conn: &Connection, version: i64) -> Result<(Minutes, render::Seal)> {
    let (minutes, fingerprint, sealed_at, _) = stored(conn, version)?;
    let seal = render::Seal {
        version,
        fingerprint,
        sealed_at,
        approvals: approvals(conn, version)?,
    };
    Ok((minutes, seal))
}

/// The PDF of `version` as stored, rendered again (same bytes as when it was sealed,
/// approvals included).
fn pdf_of(conn: &Connection, version: i64) -> Result<Vec<u8>> {
    let (minutes, seal) = sealed_version(conn, version)?;
    Ok(render::pdf(&minutes, Some(&seal)))
}

fn sha(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

impl Campaign {
    /// The annex of the draft (the journal's decisions and withdrawals, up to its latest
    /// row), kept and brought up to date with the rows added since.
    fn annex_kept(&self) -> Result<std::sync::Arc<assemble::Annex>> {
        self.views().view_appended(
            "minutes.annex",
            |conn| {
                let mut annex = assemble::Annex::default();
                sources::add_to_annex(conn, &mut annex, None)?;
                Ok(annex)
            },
            |annex| annex.last,
            |conn, _, annex| sources::add_to_annex(conn, annex, None),
        )
    }

    /// The draft as of `today` but its annex (the journal moves with every change; the
    /// rest of the minutes with few), with what prevents sealing; kept.
    fn draft_kept(&self, today: NaiveDate) -> Result<std::sync::Arc<(Minutes, Vec<CheckItem>)>> {
        let day = chrono::Datelike::num_days_from_ce(&today).into();
        self.views().view("minutes.draft", day, |conn| {
            // From the views kept (the candidates, the ranking, the lists): the same
            // sources as [`sources::load`], not worked out again from the file.
            let sources = sources::load_from(
                conn,
                (Default::default(), 0),
                &self.candidate_rows()?,
                &*self.scores_ranking()?,
                &*self.locked_scores()?,
                &*self.allocation_kept()?,
            )?;
            let m = assemble::assemble(&sources, today);
            let items = checklist(&m, &sources);
            Ok((m, items))
        })
    }

    /// The minutes: the sealed version in force, or a draft of the campaign as it stands
    /// (signed today at the campaign's city), with what prevents sealing.
    ///
    /// Put together at each call from the views it is made of (the draft and its annex,
    /// or the sealed version read once), never kept whole: a copy is made for the caller
    /// anyway, and a kept one would hold the draft a second time.
    pub fn minutes(&self, today: NaiveDate) -> Result<MinutesState> {
        let conn = self.conn();
        let versions = versions(conn)?;
        let sealed = versions.iter().find(|v| v.in_force).cloned();
        let (minutes, checklist) = match &sealed {
            Some(v) => {
                let kept = self.views().view("minutes.sealed", v.version, |conn| {
                    Ok(stored(conn, v.version)?.0)
                })?;
                (kept.as_ref().clone(), Vec::new())
            }
            None => {
                let draft = self.draft_kept(today)?;
                let annex = self.annex_kept()?;
                let mut m = draft.0.clone();
                m.annex = annex.lines.clone();
                m.withdrawals = annex.withdrawals.clone();
                m.journal_until = annex.last;
                (m, draft.1.clone())
            }
        };
        let signers = match &sealed {
            Some(v) => signing::signers(conn, v.version)?,
            None => Vec::new(),
        };
        Ok(MinutesState {
            minutes,
            sealed,
            versions,
            checklist,
            chair: chair(conn)?.map(|m| m.name),
            last_sitting: last_sitting(conn)?.map(fr::date_short),
            signers,
        })
    }

    /// The minutes as PDF: the version in force when sealed (`version` to choose another),
    /// with the electronic signatures it has received, a draft marked as such otherwise.
    pub fn minutes_pdf(&self, version: Option<i64>, today: NaiveDate) -> Result<Vec<u8>> {
        let conn = self.conn();
        match version.or(in_force(conn)?) {
            Some(v) => {
                let exists: Option<i64> = conn
                    .query_row("SELECT id FROM minutes_version WHERE id = ?1", [v], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if exists.is_none() {
                    return Err(Error::Missing {
                        what: format!("La version {v} du procès-verbal"),
                    });
                }
                match signing::signed_pdf(conn, v)? {
                    Some(signed) => Ok(signed),
                    None => pdf_of(conn, v),
                }
            }
            // The draft: the one the minutes' screen shows (kept).
            None => Ok(render::pdf(&self.minutes(today)?.minutes, None)),
        }
    }

    /// Writes the minutes' PDF to `path` (see `minutes_pdf`).
    pub fn write_minutes_pdf(
        &self,
        path: &std::path::Path,
        version: Option<i64>,
        today: NaiveDate,
    ) -> Result<()> {
        let bytes = self.minutes_pdf(version, today)?;
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
    }

    /// The chair (or someone on the chair's behalf) seals the minutes: the date of
    /// signature is checked, then the checklist (blocking points refuse; the others need
    /// a reason, stated in the minutes with the name of who sealed); the decisions are
    /// frozen, the snapshot and its fingerprint stored, the PDF's fingerprint recorded;
    /// journaled.
    pub fn seal_minutes(
        &mut self,
        request: &SealRequest,
        today: NaiveDate,
        operator: &str,
    ) -> Result<MinutesVersion> {
        if let Some(v) = in_force(self.conn())? {
            return Err(Error::Refused(Refusal::MinutesAlreadySealed, format!("Le procès-verbal est déjà scellé (version {v}). Pour le modifier, rouvrez-le d'abord avec un motif.")));
        }
        let signed_on = signing_day(self.conn(), &request.signed_on, today)?;
        let reason = fr::tidy(&request.acknowledgement);
        let version = self.store().write(operator, |tx| {
            // Built once, in the transaction that stores it; refused (and rolled back)
            // while something prevents sealing.
            let (mut minutes, sources) = draft(tx, signed_on, None)?;
            let items = checklist(&minutes, &sources);
            let blocking: Vec<&str> = items.iter().filter(|i| i.blocking).map(|i| i.text.as_str()).collect();
            if !blocking.is_empty() {
                return Err(Error::Refused(Refusal::MinutesNotReady, format!(
                    "Le procès-verbal ne peut pas encore être scellé : {}. Rien n'a été modifié.",
                    blocking.join(" ; ")
                )));
            }
            let known: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
            if !known.is_empty() && reason.is_empty() {
                return Err(Error::Validation(vec![FieldIssue::new("acknowledgement", format!(
                    "« Motif » : le procès-verbal peut être scellé en connaissance de {} ({}) ; dites pourquoi, le motif figurera au procès-verbal.",
                    if known.len() == 1 { "ce point" } else { "ces points" },
                    known.join(" ; ")
                ))]));
            }
            let Some(chair) = chair(tx)? else {
                return Err(Error::Refused(Refusal::NoChair, "La commission n'a pas de président(e) : désignez-le dans la section « Commission ».".into()));
            };
            let by = assemble::sealed_by(request.acting, operator, &chair.name);
            minutes.sealing = assemble::sealing_section(&by, &known, &reason);
            let at = now();
            let fingerprint = minutes.fingerprint();
            let version: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM minutes_version", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO minutes_version (id, sealed_at, sealed_by, signed_on, fingerprint, snapshot) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![version, at, by, signed_on.format("%Y-%m-%d").to_string(), fingerprint, minutes.canonical()],
            )?;
            let pdf = pdf_of(tx, version)?;
            tx.execute(
                "INSERT OR IGNORE INTO minutes_pdf (sha256, version, at, stage) VALUES (?1, ?2, ?3, 'sealed')",
                params![sha(&pdf), version, at],
            )?;
            let mut entry = Entry::new(
                "minutes.seal",
                format!("Procès-verbal scellé (version {version}) par {by} ; empreinte SHA-256 {fingerprint}."),
            );
            if !known.is_empty() {
                entry.changes = known
                    .iter()
                    .enumerate()
                    .map(|(i, k)| Change {
                        field: format!("Point relevé n° {}", i + 1),
                        before: (*k).to_owned(),
                        after: format!("scellé en connaissance de cause : {reason}"),
                    })
                    .collect();
            }
            Ok((version, Some(entry)))
        })?;
        version_of(self.conn(), version)
    }

    /// Reopens the sealed minutes, with a reason (backup first, journaled); the version
    /// stays in the history and a new one must be sealed.
    pub fn reopen_minutes(&mut self, reason: &str, operator: &str) -> Result<()> {
        let reason = fr::tidy(reason);
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new("reason", "« Motif » est obligatoire : dites pourquoi le procès-verbal est rouvert (il figurera au journal et dans la version suivante).")]));
        }
        let Some(version) = in_force(self.conn())? else {
            return Err(Error::Refused(
                Refusal::MinutesNotSealed,
                "Le procès-verbal n'est pas scellé : il n'y a rien à rouvrir.".into(),
            ));
        };
        self.safety_backup(crate::backup::Reason::BeforeReopenMinutes)?;
        self.store().write(operator, |tx| {
            tx.execute(
                "UPDATE minutes_version SET reopened_at = ?1, reopened_by = ?2, reopen_reason = ?3 WHERE id = ?4",
                params![now(), operator, reason, version],
            )?;
            Ok(((), Some(Entry::new("minutes.reopen", format!("Procès-verbal rouvert (la version {version} reste dans l'historique) — motif : {reason}.")))))
        })
    }

    /// A member present approves the sealed minutes (their signature image, if any, is
    /// placed in their block); the new PDF's fingerprint is recorded.
    pub fn approve_minutes(&mut self, member: i64, operator: &str) -> Result<MinutesVersion> {
        let Some(version) = in_force(self.conn())? else {
            return Err(Error::Refused(Refusal::MinutesNotSealed, "Le procès-verbal n'est pas scellé : il ne peut être approuvé qu'une fois scellé par le président.".into()));
        };
        let (minutes, ..) = stored(self.conn(), version)?;
        if signing::has_signatures(self.conn(), version)? {
            return Err(Error::Refused(Refusal::ApprovalAfterSignatures, "Le procès-verbal porte déjà des signatures électroniques : une approbation ajouterait une image au document signé. Signez-le avec votre certificat (« Signer… » dans « Signatures électroniques »).".into()));
        }
        let Some(who) = minutes.signatories.iter().find(|s| s.id == member) else {
            return Err(Error::Refused(Refusal::SignerNotPresent, "Seul un membre présent à une séance signe le procès-verbal : ce membre n'y figure pas.".into()));
        };
        let name = who.name.clone();
        self.store().write(operator, |tx| {
            let at = now();
            let added = tx.execute(
                "INSERT OR IGNORE INTO minutes_approval (version, member, at) VALUES (?1, ?2, ?3)",
                params![version, member, at],
            )?;
            if added == 0 {
                return Ok(((), None));
            }
            let pdf = pdf_of(tx, version)?;
            tx.execute(
                "INSERT OR IGNORE INTO minutes_pdf (sha256, version, at, stage) VALUES (?1, ?2, ?3, 'approved')",
                params![sha(&pdf), version, at],
            )?;
            Ok(((), Some(Entry::new("minutes.approve", format!("{name} approuve le procès-verbal (version {version}).")))))
        })?;
        version_of(self.conn(), version)
    }

    /// Stores a member's signature image (PNG, at most 1 MB), placed in their block of
    /// the minutes they approve.
    pub fn set_member_signature(&mut self, member: i64, png: &[u8], operator: &str) -> Result<()> {
        if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(Error::Refused(Refusal::SignatureNotPng, "La signature doit être une image PNG (fichier « .png ») : enregistrez-la dans ce format, puis recommencez.".into()));
        }
        if png.len() > 1_000_000 {
            return Err(Error::Refused(Refusal::SignatureTooLarge, format!("L'image de signature pèse {} Ko : 1 000 Ko au plus. Réduisez-la, puis recommencez.", png.len() / 1000)));
        }
        if render::decode_png(png).is_none() {
            return Err(Error::Refused(Refusal::SignatureUnreadable, "L'image de signature est illisible (PNG endommagé ou format non pris en charge) : enregistrez-la à nouveau en PNG, puis recommencez.".into()));
        }
        self.store().write(operator, |tx| {
            let name: String = tx
                .query_row("SELECT name FROM member WHERE id = ?1", [member], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::Missing { what: format!("Le membre n° {member}") })?;
            tx.execute(
                "INSERT INTO member_signature (member, png) VALUES (?1, ?2) ON CONFLICT (member) DO UPDATE SET png = excluded.png",
                params![member, png],
            )?;
            Ok(((), Some(Entry::new("member.signature", format!("Image de signature enregistrée pour {name}.")))))
        })
    }

    /// Says whether `pdf` is the minutes of a sealed version of this campaign, unchanged,
    /// and whether the data still say what the version in force says.
    pub fn verify_minutes(&self, pdf: &[u8]) -> Result<Verification> {
        let conn = self.conn();
        let mut findings = Vec::new();
        // A signed PDF: the sealed version is the start of its bytes, before the first
        // signature; the signatures are checked on their own.
        let checked = crate::pades::check(pdf);
        let signatures = signing::check_signatures(&checked);
        let whole = pdf;
        let pdf = match crate::pades::unsigned_length(whole, &checked) {
            Some(n) => &whole[..n],
            None => whole,
        };
        let uid: String =
            conn.query_row("SELECT uid FROM campaign WHERE id = 1", [], |r| r.get(0))?;
        let known: Option<(i64, String)> = conn
            .query_row(
                "SELECT version, stage FROM minutes_pdf WHERE sha256 = ?1",
                [sha(pdf)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let claimed = render::read_identifier(pdf);
        // A PDF of a sealed version written by another release of the app (its layout of
        // the same snapshot may differ by a byte) is known by rendering it again.
        let known = match (known, &claimed) {
            (None, Some(id)) if id.campaign_uid == uid => {
                let again = pdf_of(conn, id.version).ok().map(|p| sha(&p));
                (again.as_deref() == Some(sha(pdf).as_str())).then(|| {
                    let approved = approvals(conn, id.version).is_ok_and(|a| !a.is_empty());
                    let stage = if approved { "approved" } else { "sealed" };
                    (id.version, stage.to_owned())
                })
            }
            (known, _) => known,
        };
        // The version the PDF claims, when this file does not know it.
        let mut unknown = None;
        let (pdf_matches, version) = match (&known, &claimed) {
            (Some((v, stage)), _) => {
                findings.push(format!(
                    "{} exactement celui de la version {v} du procès-verbal{}.",
                    if signatures.is_empty() {
                        "Le PDF est"
                    } else {
                        "Sous ses signatures électroniques, le PDF est"
                    },
                    if stage == "approved" {
                        " (avec des approbations)"
                    } else {
                        ""
                    }
                ));
                (Some(true), Some(*v))
            }
            (None, Some(id)) if id.campaign_uid != uid => {
                findings.push("Ce PDF est le procès-verbal d'une autre campagne : ouvrez la campagne qui l'a produit pour le vérifier.".into());
                (Some(false), None)
            }
            (None, Some(id)) => {
                let short = &id.fingerprint[..id.fingerprint.len().min(16)];
                match stored(conn, id.version) {
                    // The version is the one this file sealed: the PDF's content is not
                    // what it produced.
                    Ok((_, fingerprint, _, _)) if fingerprint == id.fingerprint => {
                        findings.push(format!(
                            "Le PDF se présente comme la version {} (empreinte {short}…), mais son contenu a été modifié après sa production : il ne correspond à aucun PDF produit par l'application.",
                            id.version
                        ));
                        (Some(false), Some(id.version))
                    }
                    // This file does not know that version: nothing can be said of the
                    // PDF's content from here.
                    known => {
                        findings.push(format!(
                            "Le PDF se présente comme la version {} de cette campagne (empreinte {short}…), mais ce fichier ne connaît pas cette version{} : il ne peut pas dire si ce PDF est authentique. Vérifiez-le avec le fichier de campagne qui l'a produit, ou avec une sauvegarde plus récente (« Sauvegardes », ouverte comme une campagne).",
                            id.version,
                            match known {
                                Ok(_) => format!(" (sa version {} a une autre empreinte)", id.version),
                                Err(_) => String::new(),
                            }
                        ));
                        unknown = Some(id.version);
                        (None, None)
                    }
                }
            }
            (None, None) => {
                findings.push("Ce fichier n'est pas un procès-verbal scellé par CESP Commission (ou ses informations de scellement ont été effacées).".into());
                (None, None)
            }
        };
        let mut data_match = true;
        if let Some(v) = version.filter(|_| claimed.as_ref().is_none_or(|c| c.campaign_uid == uid))
        {
            match stored(conn, v) {
                Ok((sealed, fingerprint, _, signed_on)) => {
                    if sealed.fingerprint() != fingerprint {
                        data_match = false;
                        findings.push(format!("L'instantané de la version {v} stocké dans le fichier ne correspond plus à son empreinte : le fichier a été modifié hors de l'application."));
                    }
                    let in_force = in_force(conn)?;
                    if in_force == Some(v) {
                        let day = fr::parse_date(&signed_on).unwrap_or_default();
                        let now = build(conn, day, Some(sealed.journal_until))?;
                        let changed = differences(&sealed, &now);
                        if !changed.is_empty() {
                            data_match = false;
                            findings.push(format!(
                                "Les données de la campagne ne disent plus ce que dit la version {v} scellée ({}) : elles ont été modifiées hors de l'application.",
                                changed.join(", ")
                            ));
                        } else {
                            findings.push(format!("Les données de la campagne disent toujours ce que dit la version {v}."));
                        }
                    } else {
                        findings.push(format!("La version {v} a été rouverte depuis : ce n'est plus la version en vigueur."));
                    }
                }
                Err(_) => {
                    data_match = false;
                    findings.push(format!("Aucune version {v} du procès-verbal n'est enregistrée dans cette campagne."));
                }
            }
        }
        let mut pdf_matches = pdf_matches;
        if !signatures.is_empty() {
            let recorded = match version {
                Some(v) => signing::signed_pdf(conn, v)?,
                None => None,
            };
            for (found, said) in checked.iter().zip(&signatures) {
                findings.extend(said.findings.iter().cloned());
                if pdf_matches == Some(true)
                    && !recorded
                        .as_ref()
                        .is_some_and(|r| r.starts_with(&whole[..found.end]))
                {
                    findings.push(format!("La signature de {} n'est pas enregistrée dans cette campagne : elle a été ajoutée hors de l'application.", said.signer));
                }
            }
            if signatures.iter().any(|c| !c.intact || !c.unchanged_after) {
                pdf_matches = Some(false);
            }
        }
        let check = crate::journal::verify(conn)?;
        if !check.intact {
            data_match = false;
            findings.push(format!(
                "Le journal a été modifié hors de l'application : {}.",
                check.problems.join(" ; ")
            ));
        }
        let verdict = match (pdf_matches, data_match) {
            _ if unknown.is_some() => format!("Non vérifiable avec ce fichier : il ne connaît pas la version {} du procès-verbal que ce PDF présente ; vérifiez-le avec le fichier de campagne qui l'a produit.", unknown.unwrap_or_default()),
            (Some(true), true) if !signatures.is_empty() => format!(
                "Conforme : ce PDF est la version {} scellée du procès-verbal, avec {} {}, et les données n'ont pas changé.",
                version.unwrap_or_default(),
                fr::count(signatures.len() as i64, "signature électronique", "signatures électroniques"),
                fr::agree(signatures.len() as i64, "intacte", "intactes")
            ),
            (Some(true), true) => format!("Conforme : ce PDF est la version {} scellée du procès-verbal, et les données n'ont pas changé.", version.unwrap_or_default()),
            (Some(false), _) if signatures.iter().any(|c| !c.intact || !c.unchanged_after) => "Non conforme : ce PDF a été modifié après avoir été signé ; une signature au moins ne couvre plus ce qu'il contient.".into(),
            (Some(true), false) => "Attention : le PDF est authentique, mais les données de la campagne ont été modifiées depuis le scellement.".into(),
            (Some(false), _) => "Non conforme : ce PDF a été modifié ou n'appartient pas à cette campagne.".into(),
            (None, _) => "Non vérifiable : ce fichier n'est pas un procès-verbal scellé par l'application.".into(),
        };
        Ok(Verification {
            pdf_matches,
            version,
            data_match,
            findings,
            verdict,
            signatures,
        })
    }
}

/// The parts of the minutes that differ, named in French.
/// Whether two parts of the minutes say the same thing. Spaces are compared as spaces:
/// a version of the app that writes « 9 h » or « : » with a no-break space where an older
/// one wrote a plain space has not changed what a sealed version says.
fn same<T: serde::Serialize>(a: &T, b: &T) -> bool {
    let text = |part: &T| {
        serde_json::to_string(part)
            .unwrap_or_default()
            .replace(['\u{a0}', '\u{202f}'], " ")
    };
    text(a) == text(b)
}

fn differences(a: &Minutes, b: &Minutes) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |same: bool, what: &str| {
        if !same {
            out.push(what.to_owned());
        }
    };
    check(
        same(&a.letterhead, &b.letterhead)
            && same(&a.title, &b.title)
            && same(&a.managing_body, &b.managing_body),
        "campagne",
    );
    check(same(&a.quotas, &b.quotas), "contingents");
    check(
        same(&a.commission_rules, &b.commission_rules),
        "règles de la commission",
    );
    check(same(&a.sittings, &b.sittings), "séances et présences");
    check(
        same(&a.grid, &b.grid)
            && same(&a.grid_total, &b.grid_total)
            // A version sealed before the rule was stated does not state it.
            && (a.padhue.is_empty() || same(&a.padhue, &b.padhue)),
        "grille de notation",
    );
    check(same(&a.recusals, &b.recusals), "récusations");
    check(same(&a.heard, &b.heard), "notes des candidats entendus");
    check(
        same(&a.allocation_rules, &b.allocation_rules),
        "règles d'attribution",
    );
    check(same(&a.lists, &b.lists), "listes");
    check(same(&a.votes, &b.votes), "votes de départage");
    check(
        same(&a.overrides, &b.overrides),
        "décisions de la commission",
    );
    check(same(&a.withdrawals, &b.withdrawals), "désistements");
    check(same(&a.annex, &b.annex), "journal des décisions");
    check(same(&a.signatories, &b.signatories), "signataires");
    out
}

#[cfg(test)]
mod tests;
