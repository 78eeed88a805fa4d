//! The bodies of the hub's API (docs/room.md), shared with the member page through the
//! generated TypeScript bindings.

use cesp_core::scoring::{Desk, ScoreSaved};
use serde::{Deserialize, Serialize};

/// `POST /api/pair`: a link's secret or a short code.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PairRequest {
    /// The secret from the link's fragment (64 hexadecimal characters).
    pub secret: Option<String>,
    /// The short code as typed ("k7qm 4tzp" is read as "K7QM4TZP").
    pub code: Option<String>,
}

/// What pairing gives the device.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Paired {
    /// The bearer token for every later request.
    pub token: String,
    /// The member.
    pub member_id: i64,
    /// "Pr Anne MARTIN".
    pub member_name: String,
}

/// `POST /api/scores`: one score from a member's device.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreWrite {
    /// The candidate.
    pub candidate_id: i64,
    /// The criterion.
    pub criterion_id: i64,
    /// As typed ("3,5"); empty clears the score.
    pub value: String,
    /// The value the page showed before the change ("" when none).
    pub replaces: String,
    /// Random per write; the same key sent again gets the first answer and writes nothing.
    pub key: String,
}

/// The answer to a score written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreWritten {
    /// What was saved.
    pub saved: ScoreSaved,
    /// The member's desk after the write.
    pub desk: Desk,
}
