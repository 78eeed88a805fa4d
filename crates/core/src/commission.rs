//! The commission: its members and their roles.

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::Result;

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
            Role::Secretary => "Secrétaire",
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
