//! The commission's members: their roles, as typed and checked (one chair), listed,
//! added, changed and removed.

use crate::Refusal;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{Change, Entry};

/// A member's role on the commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The UFR director or representative, who chairs.
    Chair,
    /// The director general of the ARS or representative.
    ArsRepresentative,
    /// A practising physician.
    Physician,
    /// A practising dentist.
    Dentist,
    /// A student representative.
    StudentRepresentative,
    /// An intern representative.
    InternRepresentative,
    /// The secretary (faculty referent).
    Secretary,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 7] = [
        Role::Chair,
        Role::ArsRepresentative,
        Role::Physician,
        Role::Dentist,
        Role::StudentRepresentative,
        Role::InternRepresentative,
        Role::Secretary,
    ];

    /// The code stored in the file.
    pub fn code(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::ArsRepresentative => "ars_representative",
            Role::Physician => "physician",
            Role::Dentist => "dentist",
            Role::StudentRepresentative => "student_representative",
            Role::InternRepresentative => "intern_representative",
            Role::Secretary => "secretary",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            Role::Chair => "Président(e) — directeur de l'UFR ou son représentant",
            Role::ArsRepresentative => "Représentant(e) de l'ARS",
            Role::Physician => "Médecin en exercice",
            Role::Dentist => "Chirurgien-dentiste en exercice",
            Role::StudentRepresentative => "Représentant(e) des étudiants",
            Role::InternRepresentative => "Représentant(e) des internes",
            Role::Secretary => "Secrétaire (référent de la faculté)",
        }
    }
}

/// A commission member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Member {
    /// Identifier in the file.
    pub id: i64,
    /// "Pr Jean-Marc LEFEBVRE".
    pub name: String,
    /// Role.
    pub role: Role,
    /// French label of the role.
    pub role_label: String,
    /// Takes part in votes.
    pub voting: bool,
    /// E-mail, for convocations.
    pub email: Option<String>,
}

/// Adds a member; returns its id.
pub fn insert(
    tx: &Transaction,
    name: &str,
    role: Role,
    voting: bool,
    email: Option<&str>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO member (name, role, voting, email) VALUES (?1, ?2, ?3, ?4)",
        params![name, role.code(), voting, email],
    )?;
    Ok(tx.last_insert_rowid())
}

/// All members, chair first.
pub fn list(conn: &Connection) -> Result<Vec<Member>> {
    list_members(conn)
}

pub(super) fn list_members(conn: &Connection) -> Result<Vec<Member>> {
    let mut stmt = conn.prepare("SELECT id, name, role, voting, email FROM member ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let role = Role::from_code(&r.get::<_, String>(2)?).unwrap_or(Role::Physician);
        Ok(Member {
            id: r.get(0)?,
            name: r.get(1)?,
            role,
            role_label: role.label().to_owned(),
            voting: r.get(3)?,
            email: r.get(4)?,
        })
    })?;
    let mut members: Vec<Member> = rows.collect::<rusqlite::Result<_>>()?;
    members.sort_by_key(|m| (m.role != Role::Chair, m.id));
    Ok(members)
}

/// A member as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberInput {
    /// Name with title ("Dr Sophie MARCHAND").
    pub name: String,
    /// Role.
    pub role: Role,
    /// Takes part in votes (and scores).
    pub voting: bool,
    /// E-mail, optional.
    pub email: String,
}

impl MemberInput {
    pub(super) fn validated(&self) -> Result<MemberInput> {
        let mut issues = Vec::new();
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            issues.push(FieldIssue::new(
                "name",
                "« Nom » est obligatoire : saisissez le nom du membre (par exemple « Dr Sophie MARCHAND »).",
            ));
        }
        let email = self.email.trim().to_owned();
        if !email.is_empty() && !looks_like_email(&email) {
            issues.push(FieldIssue::new(
                "email",
                format!("« Courriel » : « {email} » n'est pas une adresse valide ; corrigez-la ou laissez le champ vide."),
            ));
        }
        if self.role == Role::Secretary && self.voting {
            issues.push(FieldIssue::new(
                "voting",
                "Le ou la secrétaire ne vote pas : décochez « Voix délibérative ».",
            ));
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        Ok(MemberInput {
            name,
            role: self.role,
            voting: self.voting,
            email,
        })
    }
}

pub(super) fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

pub(super) fn yes_no(b: bool) -> String {
    if b { "Oui" } else { "Non" }.to_owned()
}

pub(super) fn member_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM member WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Missing {
            what: format!("Le membre n° {id}"),
        })
}

/// The commission has one chair (whose vote is the casting vote).
fn check_one_chair(conn: &Connection, m: &MemberInput, editing: Option<i64>) -> Result<()> {
    if m.role != Role::Chair {
        return Ok(());
    }
    let other: Option<String> = conn
        .query_row(
            "SELECT name FROM member WHERE role = 'chair' AND id <> ?1 LIMIT 1",
            [editing.unwrap_or(-1)],
            |r| r.get(0),
        )
        .optional()?;
    match other {
        Some(name) => Err(Error::Validation(vec![FieldIssue::new(
            "role",
            format!("« Rôle » : la commission a déjà un président ({name}) ; changez d'abord son rôle, ou choisissez un autre rôle."),
        )])),
        None => Ok(()),
    }
}

impl Campaign {
    /// The member `typed` names: their number, or part of their name (case and accents
    /// aside), as the command line takes them.
    pub fn member_matching(&self, typed: &str) -> Result<Member> {
        let members = list(self.conn())?;
        let typed = typed.trim();
        let numbers = || {
            members
                .iter()
                .map(|m| format!("{} ({})", m.id, m.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Ok(id) = typed.parse::<i64>() {
            return members.iter().find(|m| m.id == id).cloned().ok_or_else(|| {
                Error::Refused(
                    Refusal::MemberUnknown,
                    format!(
                        "La commission n'a pas de membre n° {id} : ses membres sont {}.",
                        numbers()
                    ),
                )
            });
        }
        let wanted = crate::fr::fold(typed);
        let found: Vec<&Member> = members
            .iter()
            .filter(|m| !wanted.is_empty() && crate::fr::fold(&m.name).contains(&wanted))
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::Refused(
                Refusal::MemberUnknown,
                format!(
                    "Aucun membre de la commission ne s'appelle « {typed} » : ses membres sont {}.",
                    numbers()
                ),
            )),
            many => Err(Error::Refused(
                Refusal::MemberAmbiguous,
                format!(
                    "« {typed} » désigne plusieurs membres ({}) : donnez le numéro du membre.",
                    many.iter()
                        .map(|m| format!("{} ({})", m.id, m.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// Adds a member; returns its id.
    pub fn add_member(&mut self, input: &MemberInput, operator: &str) -> Result<i64> {
        let m = input.validated()?;
        self.store().write(operator, |tx| {
            check_one_chair(tx, &m, None)?;
            let email = (!m.email.is_empty()).then_some(m.email.as_str());
            let id = insert(tx, &m.name, m.role, m.voting, email)?;
            Ok((
                id,
                Some(Entry::new(
                    "member.add",
                    format!("Membre ajouté : {} ({}).", m.name, m.role.label()),
                )),
            ))
        })
    }

    /// Changes a member's name, role, vote or e-mail.
    pub fn update_member(&mut self, id: i64, input: &MemberInput, operator: &str) -> Result<()> {
        let m = input.validated()?;
        self.store().write(operator, |tx| {
            check_one_chair(tx, &m, Some(id))?;
            let old = list_members(tx)?
                .into_iter()
                .find(|x| x.id == id)
                .ok_or_else(|| Error::Missing {
                    what: format!("Le membre n° {id}"),
                })?;
            if old.voting && !m.voting {
                let scored: i64 =
                    tx.query_row("SELECT COUNT(*) FROM score WHERE member = ?1", [id], |r| {
                        r.get(0)
                    })?;
                if scored > 0 {
                    return Err(Error::Refused(Refusal::VoterHasScored, format!(
                        "{} a déjà donné {} : il ou elle doit garder sa voix délibérative. Effacez d'abord ses notes si c'est une erreur.",
                        old.name,
                        fr::count(scored, "note", "notes")
                    )));
                }
            }
            let mut changes = Vec::new();
            let old_email = old.email.clone().unwrap_or_default();
            for (field, before, after) in [
                ("Nom", old.name.clone(), m.name.clone()),
                ("Rôle", old.role.label().to_owned(), m.role.label().to_owned()),
                ("Voix délibérative", yes_no(old.voting), yes_no(m.voting)),
                ("Courriel", old_email, m.email.clone()),
            ] {
                changes.extend(Change::between(field, before, after));
            }
            if changes.is_empty() {
                return Ok(((), None));
            }
            tx.execute(
                "UPDATE member SET name = ?2, role = ?3, voting = ?4, email = ?5 WHERE id = ?1",
                params![
                    id,
                    m.name,
                    m.role.code(),
                    m.voting,
                    (!m.email.is_empty()).then_some(m.email.as_str())
                ],
            )?;
            let mut entry = Entry::new("member.update", format!("Membre modifié : {}.", m.name));
            entry.changes = changes;
            Ok(((), Some(entry)))
        })
    }

    /// Removes a member who has not scored anyone yet.
    pub fn remove_member(&mut self, id: i64, operator: &str) -> Result<()> {
        self.store().write(operator, |tx| {
            let name = member_name(tx, id)?;
            let scored: i64 =
                tx.query_row("SELECT COUNT(*) FROM score WHERE member = ?1", [id], |r| {
                    r.get(0)
                })?;
            if scored > 0 {
                return Err(Error::Refused(Refusal::MemberHasScored, format!(
                    "{name} a déjà donné {} : un membre qui a noté ne peut pas être retiré, car le procès-verbal doit rester traçable. Marquez-le plutôt absent ou excusé aux séances suivantes.",
                    fr::count(scored, "note", "notes")
                )));
            }
            tx.execute("DELETE FROM member WHERE id = ?1", [id])?;
            Ok((
                (),
                Some(Entry::new("member.remove", format!("Membre retiré : {name}."))),
            ))
        })
    }

    /// The commission's members.
    pub fn members(&self) -> Result<Vec<Member>> {
        list(self.conn())
    }
}
