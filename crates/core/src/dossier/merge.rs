//! Merging another copy of the campaign file (the referent's laptop copy into the
//! commission's): new candidates come in with their dossiers, pieces recorded on one side
//! only come in, attachments are added, and a piece recorded differently on both sides is
//! a conflict the user settles (by default the most recent version). Nothing is lost: the
//! journal keeps both values of every conflict.

use crate::Refusal;
use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{pieces, Piece};
use crate::campaign::Campaign;
use crate::candidate::{self, CandidateRow};
use crate::error::{Error, Result};
use crate::fr;
use crate::import::fields::fold;
use crate::journal::{Change, Entry};

/// A candidate the other copy has and this one has not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewCandidate {
    /// "DUPONT Marie".
    pub display_name: String,
    /// "Étudiant — médecine".
    pub category_label: String,
    /// Pieces recorded in the other copy.
    pub pieces: i64,
    /// Files attached in the other copy.
    pub attachments: i64,
}

/// A piece recorded only in the other copy (or a file only there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IncomingPiece {
    /// The candidate.
    pub display_name: String,
    /// The piece.
    pub piece: String,
    /// What comes in ("Reçue le 18/11/2026", "fichier cni.pdf").
    pub theirs: String,
}

/// A piece recorded differently in the two copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PieceConflict {
    /// Identifies the conflict in the user's choices.
    pub key: String,
    /// The candidate.
    pub display_name: String,
    /// The piece.
    pub piece: String,
    /// This copy's value.
    pub ours: String,
    /// When it was recorded here (French).
    pub ours_at: String,
    /// The other copy's value.
    pub theirs: String,
    /// When it was recorded there (French).
    pub theirs_at: String,
    /// The other copy's value is the more recent (the default choice).
    pub theirs_newer: bool,
}

/// What merging would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergePlan {
    /// The other file's name.
    pub file_name: String,
    /// Candidates that come in.
    pub new_candidates: Vec<NewCandidate>,
    /// Pieces and files that come in for candidates both copies have.
    pub incoming: Vec<IncomingPiece>,
    /// Pieces recorded differently on both sides.
    pub conflicts: Vec<PieceConflict>,
    /// Pieces of the other checklist missing from this one (added).
    pub new_checklist_pieces: Vec<String>,
    /// Pieces identical in both copies.
    pub unchanged: i64,
}

/// How the user settles one conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergeChoice {
    /// The conflict's key.
    pub key: String,
    /// Take the other copy's value (else keep this one's).
    pub take_theirs: bool,
}

#[derive(Debug, Clone)]
struct Status {
    status: String,
    received_on: Option<String>,
    reason: String,
    updated_at: String,
}

impl Status {
    fn same(&self, o: &Status) -> bool {
        self.status == o.status && self.received_on == o.received_on && self.reason == o.reason
    }
    fn show(&self) -> String {
        let s = super::PieceStatus::from_code(&self.status);
        match s {
            Some(super::PieceStatus::Received) => {
                match self.received_on.as_deref().and_then(fr::parse_date) {
                    Some(d) => format!("Reçue le {}", fr::date_short(d)),
                    None => "Reçue".into(),
                }
            }
            Some(super::PieceStatus::NotCompliant) if !self.reason.is_empty() => {
                format!("Non conforme : {}", self.reason)
            }
            Some(s) => s.label().into(),
            None => self.status.clone(),
        }
    }
}

struct Attachment {
    piece: i64,
    file_name: String,
    sha256: String,
    added_at: String,
}

struct Side {
    candidates: Vec<CandidateRow>,
    pieces: Vec<Piece>,
    statuses: HashMap<(i64, i64), Status>,
    attachments: HashMap<i64, Vec<Attachment>>,
}

fn read_side(conn: &Connection) -> Result<Side> {
    let mut statuses = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT candidate, piece, status, received_on, reason, updated_at FROM piece_status",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                Status {
                    status: r.get(2)?,
                    received_on: r.get(3)?,
                    reason: r.get(4)?,
                    updated_at: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (k, v) = row?;
            statuses.insert(k, v);
        }
    }
    let mut attachments: HashMap<i64, Vec<Attachment>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT candidate, piece, file_name, sha256, added_at FROM attachment ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Attachment {
                    piece: r.get(1)?,
                    file_name: r.get(2)?,
                    sha256: r.get(3)?,
                    added_at: r.get(4)?,
                },
            ))
        })?;
        for row in rows {
            let (c, a) = row?;
            attachments.entry(c).or_default().push(a);
        }
    }
    Ok(Side {
        candidates: candidate::list(conn)?,
        pieces: pieces(conn)?,
        statuses,
        attachments,
    })
}

/// The key that recognises a candidate in both copies: the student number, else the
/// name and date of birth.
fn identity(c: &CandidateRow) -> String {
    match c
        .data
        .student_number
        .as_deref()
        .map(fold)
        .filter(|s| !s.trim().is_empty())
    {
        Some(n) => format!("n:{n}"),
        None => format!(
            "p:{}|{}|{}",
            fold(&c.data.last_name),
            fold(&c.data.first_names),
            c.data.birth_date.clone().unwrap_or_default()
        ),
    }
}

fn piece_key(p: &Piece) -> String {
    if p.code.starts_with("piece-") {
        format!("l:{}", fold(&p.label))
    } else {
        format!("c:{}", p.code)
    }
}

struct Analysis {
    plan: MergePlan,
    /// Other candidate id -> our candidate id (matched ones).
    matched: HashMap<i64, i64>,
    /// Other piece id -> our piece id (None: to add).
    piece_map: HashMap<i64, Option<i64>>,
}

fn analyse(ours: &Side, theirs: &Side, file_name: &str) -> Analysis {
    let ours_by_identity: HashMap<String, &CandidateRow> =
        ours.candidates.iter().map(|c| (identity(c), c)).collect();
    let ours_pieces: HashMap<String, &Piece> =
        ours.pieces.iter().map(|p| (piece_key(p), p)).collect();
    let mut piece_map = HashMap::new();
    let mut new_checklist_pieces = Vec::new();
    for p in &theirs.pieces {
        match ours_pieces.get(&piece_key(p)) {
            Some(o) => {
                piece_map.insert(p.id, Some(o.id));
            }
            None => {
                piece_map.insert(p.id, None);
                new_checklist_pieces.push(p.label.clone());
            }
        }
    }
    let label_of = |id: i64| {
        theirs
            .pieces
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.label.clone())
            .unwrap_or_default()
    };
    let mut matched = HashMap::new();
    let (mut new_candidates, mut incoming, mut conflicts, mut unchanged) =
        (Vec::new(), Vec::new(), Vec::new(), 0);
    for c in &theirs.candidates {
        let Some(o) = ours_by_identity.get(&identity(c)) else {
            new_candidates.push(NewCandidate {
                display_name: c.display_name.clone(),
                category_label: c.category_label.clone(),
                pieces: theirs
                    .statuses
                    .keys()
                    .filter(|(cid, _)| *cid == c.id)
                    .count() as i64,
                attachments: theirs
                    .attachments
                    .get(&c.id)
                    .map(|a| a.len() as i64)
                    .unwrap_or(0),
            });
            continue;
        };
        matched.insert(c.id, o.id);
        let mut their_pieces: Vec<(&(i64, i64), &Status)> = theirs
            .statuses
            .iter()
            .filter(|((cid, _), _)| *cid == c.id)
            .collect();
        their_pieces.sort_by_key(|((_, p), _)| theirs.pieces.iter().position(|x| x.id == *p));
        for ((_, pid), st) in their_pieces {
            let ours_piece = piece_map.get(pid).copied().flatten();
            let mine = ours_piece.and_then(|op| ours.statuses.get(&(o.id, op)));
            match mine {
                None => incoming.push(IncomingPiece {
                    display_name: o.display_name.clone(),
                    piece: label_of(*pid),
                    theirs: st.show(),
                }),
                Some(m) if m.same(st) => unchanged += 1,
                Some(m) => conflicts.push(PieceConflict {
                    key: format!("{}:{}", c.id, pid),
                    display_name: o.display_name.clone(),
                    piece: label_of(*pid),
                    ours: m.show(),
                    ours_at: fr::timestamp(&m.updated_at),
                    theirs: st.show(),
                    theirs_at: fr::timestamp(&st.updated_at),
                    theirs_newer: st.updated_at > m.updated_at,
                }),
            }
        }
        for a in theirs.attachments.get(&c.id).into_iter().flatten() {
            let ours_piece = piece_map.get(&a.piece).copied().flatten();
            let present = ours_piece.is_some_and(|op| {
                ours.attachments
                    .get(&o.id)
                    .into_iter()
                    .flatten()
                    .any(|x| x.piece == op && x.sha256 == a.sha256)
            });
            if !present {
                incoming.push(IncomingPiece {
                    display_name: o.display_name.clone(),
                    piece: label_of(a.piece),
                    theirs: format!("fichier « {} »", a.file_name),
                });
            }
        }
    }
    Analysis {
        plan: MergePlan {
            file_name: file_name.to_owned(),
            new_candidates,
            incoming,
            conflicts,
            new_checklist_pieces,
            unchanged,
        },
        matched,
        piece_map,
    }
}

fn uid(conn: &Connection) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT uid, ufr_name || ' ' || academic_year FROM campaign WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Removes the upgraded copies earlier merges left in the temporary folder (they hold
/// personal data).
fn remove_old_copies() {
    if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("cesp-fusion-")
                && !name.contains(&format!("-{}-", std::process::id()))
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn open_other(ours: &Campaign, other: &Path) -> Result<Campaign> {
    remove_old_copies();
    let same = std::fs::canonicalize(other).ok().is_some_and(|o| {
        std::fs::canonicalize(ours.path())
            .ok()
            .is_some_and(|m| m == o)
    });
    if same {
        return Err(Error::Refused(Refusal::MergeSameFile, "C'est le fichier de la campagne ouverte : choisissez l'autre copie (celle de l'ordinateur du référent, par exemple).".into()));
    }
    // Two copies of an encrypted campaign share its passphrase.
    let key = ours.passphrase();
    let theirs = match Campaign::open_read_only_with(other, key) {
        Err(Error::PassphraseRequired(_) | Error::WrongPassphrase(_)) => {
            return Err(Error::Refused(Refusal::MergeOtherPassphrase, format!(
                "La copie « {} » est chiffrée avec une phrase de passe que cette campagne n'a pas : les deux copies doivent avoir la même (« Paramètres », « Chiffrement »). Rien n'a été modifié.",
                crate::fr::file_name(other)
            )))
        }
        // A copy made by an older version of the app: read an upgraded copy of it, the
        // file itself is left as it is.
        Err(Error::NeedsUpgrade(_)) => {
            let copy = std::env::temp_dir().join(format!(
                "cesp-fusion-{}-{}.cesp",
                std::process::id(),
                chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
            ));
            std::fs::copy(other, &copy).map_err(|e| Error::io(other, e))?;
            drop(Campaign::open_with(&copy, key)?);
            Campaign::open_read_only_with(&copy, key)?
        }
        other_result => other_result?,
    };
    let (mine, title) = uid(ours.conn())?;
    let (their_uid, their_title) = uid(theirs.conn())?;
    if mine != their_uid {
        return Err(Error::Refused(Refusal::MergeOtherCampaign, format!(
            "Le fichier « {} » est une autre campagne ({their_title}), pas une copie de celle-ci ({title}) : seules deux copies d'une même campagne peuvent être fusionnées. Rien n'a été modifié.",
            crate::fr::file_name(other)
        )));
    }
    Ok(theirs)
}

impl Campaign {
    /// What merging `other` (another copy of this campaign) would do; nothing is written.
    pub fn merge_preview(&self, other: &Path) -> Result<MergePlan> {
        let theirs = open_other(self, other)?;
        let name = other
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(analyse(&read_side(self.conn())?, &read_side(theirs.conn())?, &name).plan)
    }

    /// Merges `other` into this campaign in one transaction (a backup is taken first).
    /// Conflicts not in `choices` take the more recent version.
    pub fn merge(
        &mut self,
        other: &Path,
        choices: &[MergeChoice],
        operator: &str,
    ) -> Result<MergePlan> {
        let theirs = open_other(self, other)?;
        let name = other
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let their_side = read_side(theirs.conn())?;
        let analysis = analyse(&read_side(self.conn())?, &their_side, &name);
        let plan = analysis.plan.clone();
        if plan.new_candidates.is_empty()
            && plan.incoming.is_empty()
            && plan.conflicts.is_empty()
            && plan.new_checklist_pieces.is_empty()
        {
            return Ok(plan);
        }
        self.safety_backup(crate::backup::Reason::BeforeMerge)?;
        let their_conn = theirs.conn();
        self.store().write(operator, |tx| {
            // Pieces of their checklist we lack come in first.
            let mut piece_map = analysis.piece_map.clone();
            for p in &their_side.pieces {
                if piece_map.get(&p.id).copied().flatten().is_none() {
                    let position: i64 = tx.query_row("SELECT COALESCE(MAX(position), 0) + 1 FROM piece", [], |r| r.get(0))?;
                    tx.execute(
                        "INSERT INTO piece (code, label, mandatory, categories, condition, position) VALUES ('', ?1, ?2, ?3, ?4, ?5)",
                        params![
                            p.label,
                            p.mandatory,
                            p.categories.iter().map(|c| c.code()).collect::<Vec<_>>().join(","),
                            if p.condition == super::Condition::Foreign { "foreign" } else { "none" },
                            position
                        ],
                    )?;
                    let id = tx.last_insert_rowid();
                    tx.execute("UPDATE piece SET code = 'piece-' || id WHERE id = ?1", [id])?;
                    piece_map.insert(p.id, Some(id));
                }
            }
            let copy_blob = |sha: &str| -> Result<()> {
                let have: Option<i64> = tx.query_row("SELECT 1 FROM blob WHERE sha256 = ?1", [sha], |r| r.get(0)).optional()?;
                if have.is_none() {
                    let (mime, size, data): (String, i64, Vec<u8>) =
                        their_conn.query_row("SELECT mime, size, data FROM blob WHERE sha256 = ?1", [sha], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                    tx.execute("INSERT INTO blob (sha256, mime, size, data) VALUES (?1, ?2, ?3, ?4)", params![sha, mime, size, data])?;
                }
                Ok(())
            };
            let put_status = |candidate: i64, piece: i64, s: &Status| -> Result<()> {
                tx.execute(
                    "INSERT INTO piece_status (candidate, piece, status, received_on, reason, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                     ON CONFLICT (candidate, piece) DO UPDATE SET status = excluded.status, received_on = excluded.received_on, \
                     reason = excluded.reason, updated_at = excluded.updated_at",
                    params![candidate, piece, s.status, s.received_on, s.reason, s.updated_at],
                )?;
                Ok(())
            };
            let mut changes = Vec::new();
            for c in &their_side.candidates {
                let ours_id = match analysis.matched.get(&c.id) {
                    Some(id) => *id,
                    None => {
                        let id = candidate::insert(tx, c.category, c.discipline, &c.data)?;
                        changes.push(Change { field: c.display_name.clone(), before: String::new(), after: "Candidat ajouté depuis l'autre copie".into() });
                        id
                    }
                };
                let new = !analysis.matched.contains_key(&c.id);
                for ((cid, pid), st) in their_side.statuses.iter().filter(|((cid, _), _)| *cid == c.id) {
                    let Some(op) = piece_map.get(pid).copied().flatten() else { continue };
                    let mine: Option<Status> = tx
                        .query_row(
                            "SELECT status, received_on, reason, updated_at FROM piece_status WHERE candidate = ?1 AND piece = ?2",
                            params![ours_id, op],
                            |r| Ok(Status { status: r.get(0)?, received_on: r.get(1)?, reason: r.get(2)?, updated_at: r.get(3)? }),
                        )
                        .optional()?;
                    match mine {
                        None => put_status(ours_id, op, st)?,
                        Some(m) if m.same(st) => {}
                        Some(m) => {
                            let key = format!("{cid}:{pid}");
                            let take = choices.iter().find(|x| x.key == key).map(|x| x.take_theirs).unwrap_or(st.updated_at > m.updated_at);
                            let label = their_side.pieces.iter().find(|p| p.id == *pid).map(|p| p.label.clone()).unwrap_or_default();
                            changes.push(Change {
                                field: format!("Conflit — {} — {label}", c.display_name),
                                before: format!("ici : {} ; autre copie : {}", m.show(), st.show()),
                                after: if take { format!("{} (autre copie)", st.show()) } else { format!("{} (conservé)", m.show()) },
                            });
                            if take {
                                put_status(ours_id, op, st)?;
                            }
                        }
                    }
                }
                for a in their_side.attachments.get(&c.id).into_iter().flatten() {
                    let Some(op) = piece_map.get(&a.piece).copied().flatten() else { continue };
                    let present: Option<i64> = tx
                        .query_row(
                            "SELECT 1 FROM attachment WHERE candidate = ?1 AND piece = ?2 AND sha256 = ?3",
                            params![ours_id, op, a.sha256],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if present.is_none() {
                        copy_blob(&a.sha256)?;
                        tx.execute(
                            "INSERT INTO attachment (candidate, piece, file_name, sha256, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                            params![ours_id, op, a.file_name, a.sha256, a.added_at],
                        )?;
                    }
                }
                if new {
                    let o: Option<(bool, String, String, String)> = their_conn
                        .query_row("SELECT eligible, reason, at, operator FROM eligibility_override WHERE candidate = ?1", [c.id], |r| {
                            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                        })
                        .optional()?;
                    if let Some((e, reason, at, who)) = o {
                        tx.execute(
                            "INSERT INTO eligibility_override (candidate, eligible, reason, at, operator) VALUES (?1, ?2, ?3, ?4, ?5)",
                            params![ours_id, e, reason, at, who],
                        )?;
                    }
                }
            }
            let mut entry = Entry::new(
                "dossier.merge",
                format!(
                    "Fusion de la copie « {name} » : {}, {}, {}.",
                    fr::count(plan.new_candidates.len(), "candidat ajouté", "candidats ajoutés"),
                    fr::count(
                        plan.incoming.len(),
                        "pièce ou fichier reçu",
                        "pièces ou fichiers reçus"
                    ),
                    fr::count(plan.conflicts.len(), "conflit réglé", "conflits réglés")
                ),
            );
            entry.changes = changes;
            Ok((plan.clone(), Some(entry)))
        })
    }
}
