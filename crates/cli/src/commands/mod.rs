//! The subcommands' execution, one file per family; each function runs one subcommand
//! with its arguments as parsed by clap (`args.rs`) and prints its result.

pub(crate) mod allocation;
pub(crate) mod backups;
pub(crate) mod campaign;
pub(crate) mod commission;
pub(crate) mod dossier;
pub(crate) mod import;
pub(crate) mod journal;
pub(crate) mod mail;
pub(crate) mod minutes;
pub(crate) mod room;
pub(crate) mod schedule;
pub(crate) mod scoring;

use cesp_core::Refusal;
use cesp_core::{Campaign, Error};

/// What every subcommand is given besides its own arguments.
pub(crate) struct Ctx {
    /// `--json`: print the result as JSON.
    pub json: bool,
    /// `--operator`, as given.
    pub operator_given: Option<String>,
}

impl Ctx {
    /// Who acts, as the journal inscribes it (checked by core's rule): asked only by the
    /// commands that write, so that reading never depends on it.
    pub(crate) fn operator(&self) -> Result<String, Error> {
        crate::open::operator(&self.operator_given)
    }
}

/// A candidate named by number or by (part of) their name, accents and case ignored.
pub(crate) fn find_candidate(campaign: &Campaign, text: &str) -> Result<i64, Error> {
    let all = campaign.candidates()?;
    if let Ok(id) = text.trim().parse::<i64>() {
        if all.iter().any(|c| c.id == id) {
            return Ok(id);
        }
    }
    let wanted = fold(text.trim());
    let found: Vec<_> = all
        .iter()
        .filter(|c| fold(&c.display_name).contains(&wanted))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::Refused(Refusal::NoCandidateMatches, format!(
            "Aucun candidat ne correspond à « {text} » : donnez son numéro (voir `cesp candidates`) ou une partie de son nom."
        ))),
        many => Err(Error::Refused(Refusal::AmbiguousCandidate, format!(
            "{} candidats correspondent à « {text} » ({}) : précisez, ou donnez le numéro.",
            cesp_core::fr::integer(many.len()),
            many.iter().take(5).map(|c| format!("n° {} {}", c.id, c.display_name)).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Lower case without accents or punctuation, for matching what users type.
pub(crate) fn fold(s: &str) -> String {
    cesp_core::import::fields::fold(s)
}

/// The sitting named by its number or its date.
pub(crate) fn find_sitting(campaign: &Campaign, text: &str) -> Result<i64, Error> {
    let sittings = campaign.sittings()?;
    let by_id = text
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| sittings.iter().any(|s| s.id == *id));
    let by_date = cesp_core::fr::parse_date(text).and_then(|d| {
        let iso = d.format("%Y-%m-%d").to_string();
        sittings.iter().find(|s| s.date == iso).map(|s| s.id)
    });
    by_id.or(by_date).ok_or_else(|| {
        let known = sittings
            .iter()
            .map(|s| format!("n° {} du {}", s.id, s.date_display))
            .collect::<Vec<_>>();
        Error::Refused(
            Refusal::RoomUnavailable,
            if known.is_empty() {
                "La campagne n'a encore aucune séance : ajoutez-la avec « cesp seances FICHIER ajouter », puis notez les présences avec « cesp seances FICHIER presence ».".to_owned()
            } else {
                format!(
                    "Aucune séance ne correspond à « {} » : donnez son numéro ou sa date ({}).",
                    text.trim(),
                    known.join(", ")
                )
            },
        )
    })
}
