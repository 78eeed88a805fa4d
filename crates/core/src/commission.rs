//! The commission: its members and their roles, its rules (quorum, majority, casting
//! vote), its sittings with who was present, and the members' recusals.

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

fn list_members(conn: &Connection) -> Result<Vec<Member>> {
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
    fn validated(&self) -> Result<MemberInput> {
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

fn looks_like_email(s: &str) -> bool {
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

fn yes_no(b: bool) -> String {
    if b { "Oui" } else { "Non" }.to_owned()
}

fn member_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM member WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Missing {
            what: format!("Le membre n° {id}"),
        })
}

use crate::candidate::name_of as candidate_name;

/// The commission's rules for deciding: the defaults of DOMAIN.md are a quorum of half
/// the voting members, a majority of those present and the chair's casting vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rules {
    /// How the quorum is set.
    pub quorum: Quorum,
    /// When `quorum` is `Count`: the number of voting members present required.
    pub quorum_count: i64,
    /// Whose majority decides a vote.
    pub majority: Majority,
    /// The chair has a casting vote on a tie.
    pub casting_vote_chair: bool,
    /// How members' scores are combined.
    pub aggregation: Aggregation,
    /// Members disagree on a candidate when their totals differ by more than this share
    /// of the maximum (percent).
    pub disagreement_percent: i64,
    /// Show totals with each member's scores normalised beside the raw totals.
    pub normalise: bool,
    /// How the academic block of PADHUE candidates is assessed.
    pub padhue_academic: PadhueAcademic,
}

/// How the academic block of PADHUE candidates, who have no French university results,
/// is assessed: a category is never left without a ranking for that reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PadhueAcademic {
    /// Left out: the other blocks are brought to the full total.
    Waived,
    /// Scored by the commission on the diploma and the experience, a reasoned value per
    /// candidate (the academic correction).
    Commission,
}

impl PadhueAcademic {
    fn code(self) -> &'static str {
        match self {
            PadhueAcademic::Waived => "waived",
            PadhueAcademic::Commission => "commission",
        }
    }

    fn from_code(s: &str) -> PadhueAcademic {
        match s {
            "commission" => PadhueAcademic::Commission,
            _ => PadhueAcademic::Waived,
        }
    }

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            PadhueAcademic::Waived => "Neutralisés : les autres blocs sont ramenés au total",
            PadhueAcademic::Commission => {
                "Notés par la commission sur le diplôme et l'expérience (une note motivée par candidat)"
            }
        }
    }

    /// One French sentence for the minutes: how PADHUE candidates' academic block was
    /// assessed, with the total it is out of.
    pub fn statement(self, academic: &str, total: &str) -> String {
        match self {
            PadhueAcademic::Waived => format!("Candidats PADHUE : faute de résultats universitaires français, le bloc « {academic} » est neutralisé et les autres blocs sont ramenés au total sur {total}."),
            PadhueAcademic::Commission => format!("Candidats PADHUE : faute de résultats universitaires français, le bloc « {academic} » est noté par la commission sur leur diplôme et leur expérience, par une note motivée pour chacun."),
        }
    }
}

/// How the quorum is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Quorum {
    /// At least half the voting members present.
    Half,
    /// A fixed number of voting members present.
    Count,
}

/// Whose majority decides a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// More than half of the voting members present.
    Present,
    /// More than half of all voting members.
    Voting,
}

/// How members' scores for one criterion are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The mean.
    Mean,
    /// The median.
    Median,
    /// The mean without the highest and the lowest score (from 4 scores on).
    Trimmed,
}

impl Aggregation {
    fn code(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::Median => "median",
            Aggregation::Trimmed => "trimmed",
        }
    }

    fn from_code(s: &str) -> Aggregation {
        match s {
            "median" => Aggregation::Median,
            "trimmed" => Aggregation::Trimmed,
            _ => Aggregation::Mean,
        }
    }

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            Aggregation::Mean => "Moyenne des notes des membres",
            Aggregation::Median => "Médiane des notes des membres",
            Aggregation::Trimmed => {
                "Moyenne sans la note la plus haute ni la plus basse (à partir de 4 notes)"
            }
        }
    }
}

impl Rules {
    /// The voting members present required for a quorum, out of `voting` members.
    pub fn quorum_required(&self, voting: i64) -> i64 {
        match self.quorum {
            Quorum::Half => (voting + 1) / 2,
            Quorum::Count => self.quorum_count,
        }
    }

    /// One French sentence for the minutes and the settings screen.
    pub fn statement(&self) -> String {
        let quorum = match self.quorum {
            Quorum::Half => "la moitié au moins des membres ayant voix délibérative".to_owned(),
            Quorum::Count => format!(
                "au moins {} ayant voix délibérative",
                fr::count(self.quorum_count, "membre", "membres")
            ),
        };
        let majority = match self.majority {
            Majority::Present => "à la majorité des membres présents ayant voix délibérative",
            Majority::Voting => "à la majorité des membres ayant voix délibérative",
        };
        let casting = if self.casting_vote_chair {
            " ; en cas de partage égal des voix, celle du président est prépondérante"
        } else {
            " ; en cas de partage égal des voix, un nouveau vote a lieu"
        };
        format!("La commission délibère valablement lorsque {quorum} sont présents ; elle décide {majority}{casting}.")
    }

    fn validated(&self, voting_members: i64) -> Result<Rules> {
        let mut issues = Vec::new();
        if self.quorum == Quorum::Count {
            if self.quorum_count < 1 {
                issues.push(FieldIssue::new(
                    "quorum_count",
                    "« Quorum » : indiquez au moins 1 membre présent.",
                ));
            } else if voting_members > 0 && self.quorum_count > voting_members {
                issues.push(FieldIssue::new(
                    "quorum_count",
                    format!("« Quorum » : {} membres requis, mais la commission ne compte que {voting_members} membres votants ; baissez le quorum ou ajoutez des membres.", self.quorum_count),
                ));
            }
        }
        if !(1..=100).contains(&self.disagreement_percent) {
            issues.push(FieldIssue::new(
                "disagreement_percent",
                format!("« Seuil de désaccord » : {} % n'est pas possible ; indiquez un pourcentage entre 1 et 100.", self.disagreement_percent),
            ));
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        Ok(self.clone())
    }
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

/// The rules in force.
pub fn rules(conn: &Connection) -> Result<Rules> {
    Ok(conn.query_row(
        "SELECT quorum_kind, quorum_count, majority, casting_vote_chair, aggregation, \
         disagreement_percent, normalise, padhue_academic FROM commission_rules WHERE id = 1",
        [],
        |r| {
            Ok(Rules {
                quorum: if r.get::<_, String>(0)? == "count" {
                    Quorum::Count
                } else {
                    Quorum::Half
                },
                quorum_count: r.get(1)?,
                majority: if r.get::<_, String>(2)? == "voting" {
                    Majority::Voting
                } else {
                    Majority::Present
                },
                casting_vote_chair: r.get(3)?,
                aggregation: Aggregation::from_code(&r.get::<_, String>(4)?),
                disagreement_percent: r.get(5)?,
                normalise: r.get(6)?,
                padhue_academic: PadhueAcademic::from_code(&r.get::<_, String>(7)?),
            })
        },
    )?)
}

/// The status of a member at a sitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Present.
    Present,
    /// Excused (apologies sent).
    Excused,
    /// Absent.
    Absent,
}

impl Attendance {
    fn code(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Excused => "excused",
            Attendance::Absent => "absent",
        }
    }

    fn from_code(s: &str) -> Option<Attendance> {
        match s {
            "present" => Some(Attendance::Present),
            "excused" => Some(Attendance::Excused),
            "absent" => Some(Attendance::Absent),
            _ => None,
        }
    }

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            Attendance::Present => "Présent(e)",
            Attendance::Excused => "Excusé(e)",
            Attendance::Absent => "Absent(e)",
        }
    }
}

/// A sitting as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SittingInput {
    /// The day ("16/01/2027" or ISO).
    pub date: String,
    /// Opening time ("9 h", "09:00"); optional.
    pub start_time: String,
    /// Where ("Salle du conseil, UFR de médecine, Amiens").
    pub place: String,
}

pub(crate) fn parse_time(text: &str) -> Option<(u32, u32)> {
    let t = text.trim().to_lowercase().replace(' ', "");
    let (h, m) = match t.split_once(['h', ':']) {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None => (t.as_str(), "0"),
    };
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (h < 24 && m < 60).then_some((h, m))
}

impl SittingInput {
    fn validated(&self) -> Result<(String, String, String)> {
        let mut issues = Vec::new();
        let date = match fr::parse_date(&self.date) {
            Some(d) => d.format("%Y-%m-%d").to_string(),
            None => {
                issues.push(FieldIssue::new(
                    "date",
                    if self.date.trim().is_empty() {
                        "« Date » est obligatoire : saisissez le jour de la séance (JJ/MM/AAAA).".to_owned()
                    } else {
                        format!("« Date » : « {} » n'est pas une date ; écrivez-la JJ/MM/AAAA (par exemple 14/01/2027).", self.date.trim())
                    },
                ));
                String::new()
            }
        };
        let start = if self.start_time.trim().is_empty() {
            String::new()
        } else {
            match parse_time(&self.start_time) {
                Some((h, m)) => format!("{h:02}:{m:02}"),
                None => {
                    issues.push(FieldIssue::new(
                        "start_time",
                        format!("« Heure de début » : « {} » n'est pas une heure ; écrivez par exemple « 9 h 30 » ou « 09:30 ».", self.start_time.trim()),
                    ));
                    String::new()
                }
            }
        };
        let place = self.place.split_whitespace().collect::<Vec<_>>().join(" ");
        if place.is_empty() {
            issues.push(FieldIssue::new(
                "place",
                "« Lieu » est obligatoire : indiquez où siège la commission.",
            ));
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        Ok((date, start, place))
    }
}

/// A member's attendance at a sitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberAttendance {
    /// The member.
    pub member_id: i64,
    /// Not recorded yet when `None`.
    pub status: Option<Attendance>,
}

/// A sitting with its attendance and quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Sitting {
    /// Identifier.
    pub id: i64,
    /// ISO date.
    pub date: String,
    /// "jeudi 14 janvier 2027".
    pub date_display: String,
    /// "09:00" or empty.
    pub start_time: String,
    /// "9 h" or empty.
    pub start_display: String,
    /// Where.
    pub place: String,
    /// Each member's attendance, in the order of the members' list.
    pub attendance: Vec<MemberAttendance>,
    /// Voting members marked present.
    pub present_voting: i64,
    /// Voting members of the commission.
    pub voting_total: i64,
    /// Voting members present required.
    pub quorum_required: i64,
    /// The quorum is met.
    pub quorum_met: bool,
    /// "Quorum atteint : 5 membres votants présents sur 7 (4 requis)."
    pub quorum_statement: String,
    /// Candidates heard at this sitting.
    pub heard: i64,
}

/// Every sitting, in date order.
pub fn sittings(conn: &Connection) -> Result<Vec<Sitting>> {
    let members = list_members(conn)?;
    let rules = rules(conn)?;
    let voting_total = members.iter().filter(|m| m.voting).count() as i64;
    let mut stmt = conn.prepare(
        "SELECT s.id, s.date, s.start_time, s.place, \
         (SELECT COUNT(*) FROM hearing h WHERE h.sitting = s.id) \
         FROM sitting s ORDER BY s.date, s.start_time, s.id",
    )?;
    let rows: Vec<(i64, String, String, String, i64)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut presence = conn.prepare("SELECT member, status FROM presence WHERE sitting = ?1")?;
    let mut out = Vec::new();
    for (id, date, start_time, place, heard) in rows {
        let statuses: Vec<(i64, String)> = presence
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let attendance: Vec<MemberAttendance> = members
            .iter()
            .map(|m| MemberAttendance {
                member_id: m.id,
                status: statuses
                    .iter()
                    .find(|(id, _)| *id == m.id)
                    .and_then(|(_, s)| Attendance::from_code(s)),
            })
            .collect();
        let present_voting = members
            .iter()
            .zip(&attendance)
            .filter(|(m, a)| m.voting && a.status == Some(Attendance::Present))
            .count() as i64;
        let required = rules.quorum_required(voting_total);
        let met = voting_total > 0 && present_voting >= required;
        let statement = format!(
            "{} : {} sur {} ({} requis).",
            if met {
                "Quorum atteint"
            } else {
                "Quorum non atteint"
            },
            fr::count(
                present_voting,
                "membre votant présent",
                "membres votants présents"
            ),
            voting_total,
            required
        );
        let day = fr::parse_date(&date);
        out.push(Sitting {
            id,
            date_display: day.map(fr::date_long).unwrap_or_else(|| date.clone()),
            date,
            start_display: parse_time(&start_time)
                .map(|(h, m)| fr::time(h, m))
                .unwrap_or_default(),
            start_time,
            place,
            attendance,
            present_voting,
            voting_total,
            quorum_required: required,
            quorum_met: met,
            quorum_statement: statement,
            heard,
        });
    }
    Ok(out)
}

/// A recusal: a member who takes no part in the decision on a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Recusal {
    /// The member.
    pub member_id: i64,
    /// Their name.
    pub member_name: String,
    /// The candidate.
    pub candidate_id: i64,
    /// Their name.
    pub candidate_name: String,
    /// Why ("directeur de thèse du candidat").
    pub reason: String,
    /// When it was declared (French).
    pub at_display: String,
}

/// Every recusal, by candidate then member.
pub fn recusals(conn: &Connection) -> Result<Vec<Recusal>> {
    let mut stmt = conn.prepare(
        "SELECT r.member, m.name, r.candidate, c.last_name || ' ' || c.first_names, r.reason, r.at \
         FROM recusal r JOIN member m ON m.id = r.member JOIN candidate c ON c.id = r.candidate \
         ORDER BY c.last_name, c.first_names, m.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Recusal {
            member_id: r.get(0)?,
            member_name: r.get(1)?,
            candidate_id: r.get(2)?,
            candidate_name: r.get(3)?,
            reason: r.get(4)?,
            at_display: fr::timestamp(&r.get::<_, String>(5)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The candidate's scores are validated: nothing about them may change.
pub(crate) fn check_unlocked(conn: &Connection, candidate: i64) -> Result<()> {
    let locked: Option<String> = conn
        .query_row(
            "SELECT at FROM score_lock WHERE candidate = ?1",
            [candidate],
            |r| r.get(0),
        )
        .optional()?;
    match locked {
        Some(_) => Err(Error::Refused(format!(
            "Les notes de {} sont validées : déverrouillez-les d'abord (avec un motif) pour les modifier.",
            candidate_name(conn, candidate)?
        ))),
        None => Ok(()),
    }
}

use crate::journal::now;

impl Campaign {
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
                    return Err(Error::Refused(format!(
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
                if before != after {
                    changes.push(Change {
                        field: field.to_owned(),
                        before,
                        after,
                    });
                }
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
                return Err(Error::Refused(format!(
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

    /// The commission's rules.
    pub fn rules(&self) -> Result<Rules> {
        rules(self.conn())
    }

    /// Changes the rules; journals each change.
    pub fn update_rules(&mut self, new: &Rules, operator: &str) -> Result<()> {
        let voting = list_members(self.conn())?
            .iter()
            .filter(|m| m.voting)
            .count() as i64;
        let new = new.validated(voting)?;
        self.store().write(operator, |tx| {
            let old = rules(tx)?;
            let mut changes = Vec::new();
            let mut push = |field: &str, before: String, after: String| {
                if before != after {
                    changes.push(Change {
                        field: field.to_owned(),
                        before,
                        after,
                    });
                }
            };
            let quorum = |r: &Rules| match r.quorum {
                Quorum::Half => "La moitié des membres votants".to_owned(),
                Quorum::Count => format!("{} membres votants", r.quorum_count),
            };
            push("Quorum", quorum(&old), quorum(&new));
            let majority = |r: &Rules| match r.majority {
                Majority::Present => "Des membres présents",
                Majority::Voting => "De tous les membres votants",
            };
            push("Majorité", majority(&old).into(), majority(&new).into());
            push(
                "Voix prépondérante du président",
                yes_no(old.casting_vote_chair),
                yes_no(new.casting_vote_chair),
            );
            push(
                "Agrégation des notes",
                old.aggregation.label().into(),
                new.aggregation.label().into(),
            );
            push(
                "Seuil de désaccord",
                format!("{} %", old.disagreement_percent),
                format!("{} %", new.disagreement_percent),
            );
            push(
                "Normalisation par membre",
                yes_no(old.normalise),
                yes_no(new.normalise),
            );
            push(
                "Résultats universitaires des candidats PADHUE",
                old.padhue_academic.label().into(),
                new.padhue_academic.label().into(),
            );
            if changes.is_empty() {
                return Ok(((), None));
            }
            tx.execute(
                "UPDATE commission_rules SET quorum_kind = ?1, quorum_count = ?2, majority = ?3, \
                 casting_vote_chair = ?4, aggregation = ?5, disagreement_percent = ?6, normalise = ?7, \
                 padhue_academic = ?8 WHERE id = 1",
                params![
                    if new.quorum == Quorum::Count { "count" } else { "half" },
                    new.quorum_count,
                    if new.majority == Majority::Voting { "voting" } else { "present" },
                    new.casting_vote_chair,
                    new.aggregation.code(),
                    new.disagreement_percent,
                    new.normalise,
                    new.padhue_academic.code()
                ],
            )?;
            let mut entry = Entry::new("rules.update", "Règles de la commission modifiées.");
            entry.changes = changes;
            Ok(((), Some(entry)))
        })
    }

    /// Every sitting with attendance and quorum.
    pub fn sittings(&self) -> Result<Vec<Sitting>> {
        sittings(self.conn())
    }

    /// Adds a sitting; returns its id.
    pub fn add_sitting(&mut self, input: &SittingInput, operator: &str) -> Result<i64> {
        let (date, start, place) = input.validated()?;
        self.store().write(operator, |tx| {
            let same: Option<i64> = tx
                .query_row(
                    "SELECT id FROM sitting WHERE date = ?1 AND start_time = ?2 AND place = ?3",
                    params![date, start, place],
                    |r| r.get(0),
                )
                .optional()?;
            if same.is_some() {
                let day = fr::parse_date(&date).map(fr::date_long).unwrap_or_default();
                return Err(Error::Refused(format!(
                    "La séance du {day}{} à « {place} » existe déjà : modifiez-la plutôt que d'en créer une seconde.",
                    parse_time(&start).map(|(h, m)| format!(" à {}", fr::time(h, m))).unwrap_or_default()
                )));
            }
            tx.execute(
                "INSERT INTO sitting (date, start_time, place) VALUES (?1, ?2, ?3)",
                params![date, start, place],
            )?;
            let id = tx.last_insert_rowid();
            let day = fr::parse_date(&date).map(fr::date_long).unwrap_or_default();
            Ok((
                id,
                Some(Entry::new(
                    "sitting.add",
                    format!("Séance ajoutée : {day}, {place}."),
                )),
            ))
        })
    }

    /// Changes a sitting's day, time or place.
    pub fn update_sitting(&mut self, id: i64, input: &SittingInput, operator: &str) -> Result<()> {
        let (date, start, place) = input.validated()?;
        self.store().write(operator, |tx| {
            let old: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT date, start_time, place FROM sitting WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let old = old.ok_or_else(|| Error::Missing {
                what: format!("La séance n° {id}"),
            })?;
            let show = |d: &str| fr::parse_date(d).map(fr::date_short).unwrap_or_default();
            let mut changes = Vec::new();
            for (field, before, after) in [
                ("Date", show(&old.0), show(&date)),
                ("Heure de début", old.1.clone(), start.clone()),
                ("Lieu", old.2.clone(), place.clone()),
            ] {
                if before != after {
                    changes.push(Change {
                        field: field.into(),
                        before,
                        after,
                    });
                }
            }
            if changes.is_empty() {
                return Ok(((), None));
            }
            tx.execute(
                "UPDATE sitting SET date = ?2, start_time = ?3, place = ?4 WHERE id = ?1",
                params![id, date, start, place],
            )?;
            let mut entry = Entry::new(
                "sitting.update",
                format!("Séance du {} modifiée.", show(&date)),
            );
            entry.changes = changes;
            Ok(((), Some(entry)))
        })
    }

    /// Removes a sitting at which nobody was heard.
    pub fn remove_sitting(&mut self, id: i64, operator: &str) -> Result<()> {
        self.store().write(operator, |tx| {
            let date: String = tx
                .query_row("SELECT date FROM sitting WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::Missing {
                    what: format!("La séance n° {id}"),
                })?;
            let day = fr::parse_date(&date).map(fr::date_short).unwrap_or(date);
            let heard: i64 =
                tx.query_row("SELECT COUNT(*) FROM hearing WHERE sitting = ?1", [id], |r| {
                    r.get(0)
                })?;
            if heard > 0 {
                return Err(Error::Refused(format!(
                    "{} lors de la séance du {day} : elle ne peut pas être supprimée. Rattachez d'abord ces candidats à une autre séance.",
                    if heard > 1 { format!("{heard} candidats ont été entendus") } else { "Un candidat a été entendu".to_owned() }
                )));
            }
            tx.execute("DELETE FROM sitting WHERE id = ?1", [id])?;
            Ok((
                (),
                Some(Entry::new(
                    "sitting.remove",
                    format!("Séance du {day} supprimée."),
                )),
            ))
        })
    }

    /// Records a member's attendance at a sitting (`None`: not recorded).
    pub fn set_attendance(
        &mut self,
        sitting: i64,
        member: i64,
        status: Option<Attendance>,
        operator: &str,
    ) -> Result<()> {
        self.store().write(operator, |tx| {
            let date: String = tx
                .query_row("SELECT date FROM sitting WHERE id = ?1", [sitting], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::Missing {
                    what: format!("La séance n° {sitting}"),
                })?;
            let name = member_name(tx, member)?;
            let before: Option<String> = tx
                .query_row(
                    "SELECT status FROM presence WHERE sitting = ?1 AND member = ?2",
                    params![sitting, member],
                    |r| r.get(0),
                )
                .optional()?;
            let before = before.as_deref().and_then(Attendance::from_code);
            if before == status {
                return Ok(((), None));
            }
            if status != Some(Attendance::Present) {
                // A member who already scored candidates heard at this sitting was there.
                let scored: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM score s JOIN hearing h ON h.candidate = s.candidate \
                     WHERE s.member = ?1 AND h.sitting = ?2",
                    params![member, sitting],
                    |r| r.get(0),
                )?;
                if scored > 0 && status.is_some() {
                    return Err(Error::Refused(format!(
                        "{name} a déjà noté des candidats entendus lors de cette séance : il ou elle ne peut pas y être marqué(e) {}.",
                        status.map(|s| s.label().to_lowercase()).unwrap_or_default()
                    )));
                }
            }
            match status {
                Some(s) => tx.execute(
                    "INSERT INTO presence (sitting, member, status) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (sitting, member) DO UPDATE SET status = excluded.status",
                    params![sitting, member, s.code()],
                )?,
                None => tx.execute(
                    "DELETE FROM presence WHERE sitting = ?1 AND member = ?2",
                    params![sitting, member],
                )?,
            };
            let day = fr::parse_date(&date).map(fr::date_short).unwrap_or(date);
            let label = |s: Option<Attendance>| s.map(|s| s.label().to_owned()).unwrap_or_default();
            let mut entry = Entry::new(
                "sitting.attendance",
                format!("Présence à la séance du {day} : {name} — {}.", {
                    let l = label(status);
                    if l.is_empty() { "non renseignée".to_owned() } else { l.to_lowercase() }
                }),
            );
            entry.changes.push(Change {
                field: format!("Présence de {name}"),
                before: label(before),
                after: label(status),
            });
            Ok(((), Some(entry)))
        })
    }

    /// Every recusal.
    pub fn recusals(&self) -> Result<Vec<Recusal>> {
        recusals(self.conn())
    }

    /// Declares a conflict of interest: the member takes no part in the decision on the
    /// candidate. Scores the member already gave that candidate are withdrawn (and kept in
    /// the journal). Returns how many scores were withdrawn.
    pub fn add_recusal(
        &mut self,
        member: i64,
        candidate: i64,
        reason: &str,
        operator: &str,
    ) -> Result<usize> {
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "reason",
                "« Motif » est obligatoire : indiquez la nature du conflit d'intérêts (par exemple « lien familial »).",
            )]));
        }
        self.store().write(operator, |tx| {
            let m = member_name(tx, member)?;
            let c = candidate_name(tx, candidate)?;
            check_unlocked(tx, candidate)?;
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM recusal WHERE member = ?1 AND candidate = ?2",
                    params![member, candidate],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Err(Error::Refused(format!("{m} est déjà déporté(e) pour {c}.")));
            }
            let mut withdrawn = Vec::new();
            {
                let mut stmt = tx.prepare(
                    "SELECT k.label, s.value FROM score s JOIN criterion k ON k.id = s.criterion \
                     WHERE s.member = ?1 AND s.candidate = ?2 ORDER BY k.position",
                )?;
                let rows = stmt.query_map(params![member, candidate], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })?;
                for row in rows {
                    withdrawn.push(row?);
                }
            }
            tx.execute(
                "DELETE FROM score WHERE member = ?1 AND candidate = ?2",
                params![member, candidate],
            )?;
            tx.execute(
                "INSERT INTO recusal (member, candidate, reason, at) VALUES (?1, ?2, ?3, ?4)",
                params![member, candidate, reason, now()],
            )?;
            let mut entry = Entry::new(
                "recusal.add",
                format!("Déport : {m} ne prend pas part à la décision sur {c} (motif : {reason})."),
            );
            for (label, value) in &withdrawn {
                entry.changes.push(Change {
                    field: format!("Note retirée — {label}"),
                    before: fr::number(*value as f64 / 100.0, 2),
                    after: String::new(),
                });
            }
            entry.reference = Some(candidate);
            Ok((withdrawn.len(), Some(entry)))
        })
    }

    /// Lifts a recusal declared by mistake.
    pub fn remove_recusal(&mut self, member: i64, candidate: i64, operator: &str) -> Result<()> {
        self.store().write(operator, |tx| {
            let m = member_name(tx, member)?;
            let c = candidate_name(tx, candidate)?;
            check_unlocked(tx, candidate)?;
            let n = tx.execute(
                "DELETE FROM recusal WHERE member = ?1 AND candidate = ?2",
                params![member, candidate],
            )?;
            if n == 0 {
                return Err(Error::Missing {
                    what: format!("Le déport de {m} pour {c}"),
                });
            }
            Ok((
                (),
                Some(Entry::new(
                    "recusal.remove",
                    format!("Déport levé : {m} peut de nouveau se prononcer sur {c}."),
                )),
            ))
        })
    }
}
