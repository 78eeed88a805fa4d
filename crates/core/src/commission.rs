//! The commission: its members and their roles, its rules (quorum, majority, casting
//! vote), its sittings with who was present, and the members' recusals.

mod members;
mod recusals;
mod rules;
mod sittings;

pub use members::{insert, list, Member, MemberInput, Role};
pub use recusals::{recusals, Recusal};
pub use rules::{rules, Aggregation, Majority, PadhueAcademic, Quorum, Rules};
pub(crate) use sittings::parse_time;
pub use sittings::{sittings, Attendance, MemberAttendance, Sitting, SittingInput};

use crate::Refusal;
use rusqlite::{Connection, OptionalExtension};

use crate::candidate::name_of as candidate_name;
use crate::error::{Error, Result};

/// The candidate's scores are validated: nothing about them may change.
pub(crate) fn check_unlocked(conn: &Connection, candidate: i64) -> Result<()> {
    let locked: Option<String> = conn
        .prepare_cached("SELECT at FROM score_lock WHERE candidate = ?1")?
        .query_row([candidate], |r| r.get(0))
        .optional()?;
    match locked {
        Some(_) => Err(Error::Refused(Refusal::ScoresValidated, format!(
            "Les notes de {} sont validées : déverrouillez-les d'abord (avec un motif) pour les modifier.",
            candidate_name(conn, candidate)?
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
