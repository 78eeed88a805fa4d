//! The commission's rules for deciding: quorum, majority, casting vote, how members'
//! scores are combined and how PADHUE candidates' academic block is assessed.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::members::{list_members, yes_no};
use crate::campaign::Campaign;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{Change, Entry};

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
            PadhueAcademic::Waived => "Neutralisés\u{a0}: les autres blocs sont ramenés au total",
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
    pub(super) fn code(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::Median => "median",
            Aggregation::Trimmed => "trimmed",
        }
    }

    pub(super) fn from_code(s: &str) -> Aggregation {
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
            Quorum::Half => {
                "lorsque la moitié au moins des membres ayant voix délibérative sont présents"
                    .to_owned()
            }
            Quorum::Count => format!(
                "lorsqu'au moins {} ayant voix délibérative {}",
                fr::count(self.quorum_count, "membre", "membres"),
                fr::agree(self.quorum_count, "est présent", "sont présents")
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
        format!("La commission délibère valablement {quorum} ; elle décide {majority}{casting}.")
    }

    pub(super) fn validated(&self, voting_members: i64) -> Result<Rules> {
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

impl Campaign {
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
                changes.extend(Change::between(field, before, after));
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
}
