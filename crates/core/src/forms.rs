//! What people type in the window's forms, read in one place: numbers come as the text
//! typed (« 12 », « 1 200 », « −1 », « 12,5 ») and a refusal names its field with a French
//! message, so that the form shows it where the number was typed.

use serde::{Deserialize, Serialize};

use crate::allocation::{Scenario, SpecialtyQuota};
use crate::campaign::{CampaignSettings, DisciplineQuota, Quotas};
use crate::candidate::{Category, Discipline};
use crate::commission::{Aggregation, Majority, PadhueAcademic, Quorum, Role, Rules};
use crate::error::{Error, FieldIssue, Result};
use crate::schedule::plan::{
    DaySetup, HalfDayPart, JurySetup, Preference, ScheduleSetup, Unavailable,
};

pub use crate::fr::{parse_hundredths, parse_whole};

/// One row of the places by specialty, as typed in the window: the places are the text
/// typed, read by [`specialty_quotas`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpecialtyQuotaText {
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// "Médecine générale".
    pub specialty: String,
    /// The places as typed: "3".
    pub places: String,
}

/// Reads the places typed on each row; a row whose places are not a whole number is
/// refused at its field (`places.{i}`), never read as 0. The rules on the numbers read
/// (at least 1 place, no more than the quota) are those of
/// [`crate::campaign::Campaign::set_specialty_quotas`].
pub fn specialty_quotas(rows: &[SpecialtyQuotaText]) -> Result<Vec<SpecialtyQuota>> {
    let mut issues = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let line = i + 1;
        let typed = r.places.trim();
        let places = if typed.is_empty() {
            issues.push(FieldIssue::new(
                format!("places.{i}"),
                format!("Ligne {line} : « Places » est vide ; écrivez le nombre de places ouvertes (au moins 1) ou retirez la ligne."),
            ));
            0
        } else if let Some(n) = parse_whole(typed) {
            n
        } else {
            issues.push(FieldIssue::new(
                format!("places.{i}"),
                format!("Ligne {line} : « Places » : « {typed} » n'est pas un nombre entier ; écrivez un nombre de places, par exemple 2."),
            ));
            0
        };
        out.push(SpecialtyQuota {
            category: r.category,
            discipline: r.discipline,
            specialty: r.specialty.clone(),
            places,
        });
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(Error::Validation(issues))
    }
}

/// The contracts of one category by discipline, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DisciplineQuotaText {
    /// Medicine: "3".
    pub medicine: String,
    /// Odontology.
    pub odontology: String,
}

/// Quotas as typed, in the shape of [`Quotas`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuotasText {
    /// Students.
    pub student: DisciplineQuotaText,
    /// Interns.
    pub intern: DisciplineQuotaText,
    /// PADHUE.
    pub padhue: DisciplineQuotaText,
}

/// A what-if as typed in the window: other quotas, another threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScenarioText {
    /// The quotas to try.
    pub quotas: QuotasText,
    /// The threshold to try ("12" or "12,5"; empty: none).
    pub min_total: String,
}

/// The six contingents as typed; each that is not a whole number is refused at its field
/// (`quotas.intern.medicine`, labelled « {what} Internes, médecine ») and read as 0. An
/// empty contingent is 0 when `empty_is_zero`, else refused.
fn quotas_as_typed(
    typed: &QuotasText,
    what: &str,
    empty_is_zero: bool,
) -> (Quotas, Vec<FieldIssue>) {
    let mut issues = Vec::new();
    let mut read = |category: Category, d: &DisciplineQuotaText| {
        let mut one = |discipline: Discipline, text: &str| {
            let typed = text.trim();
            if typed.is_empty() && empty_is_zero {
                return 0;
            }
            parse_whole(typed).unwrap_or_else(|| {
                issues.push(FieldIssue::new(
                    format!("quotas.{}.{}", category.code(), discipline.code()),
                    format!(
                        "« {what} {}, {} » : « {typed} » n'est pas un nombre entier ; saisissez un nombre entier positif ou 0.",
                        category.label_plural(),
                        discipline.label()
                    ),
                ));
                0
            })
        };
        DisciplineQuota {
            medicine: one(Discipline::Medicine, &d.medicine),
            odontology: one(Discipline::Odontology, &d.odontology),
        }
    };
    let quotas = Quotas {
        student: read(Category::Student, &typed.student),
        intern: read(Category::Intern, &typed.intern),
        padhue: read(Category::Padhue, &typed.padhue),
    };
    (quotas, issues)
}

/// The total of the contingents as typed, for the campaign form to show as the user types:
/// only the contingents that can be read as whole numbers of 0 or more count.
pub fn quotas_total(typed: &QuotasText) -> String {
    let (quotas, _) = quotas_as_typed(typed, "Contingent", true);
    let total: i64 = crate::campaign::cells()
        .map(|(c, d)| quotas.get(c, d).max(0))
        .sum();
    crate::fr::integer(total)
}

/// Reads the campaign form: its settings with the contingents as typed. Every problem is
/// reported in one go, each at its field: a contingent that is not a whole number, then
/// the campaign's own checks ([`CampaignSettings::validated`]) of the other fields and of
/// the contingents read. The settings come back as typed (the date as written), with the
/// contingents read, for the use case that creates or updates the campaign.
pub fn campaign_settings(
    settings: &CampaignSettings,
    quotas: &QuotasText,
) -> Result<CampaignSettings> {
    let (read, mut issues) = quotas_as_typed(quotas, "Contingent", true);
    let typed = CampaignSettings {
        quotas: read,
        ..settings.clone()
    };
    if let Err(Error::Validation(more)) = typed.validated() {
        for m in more {
            if !issues.iter().any(|i| i.field == m.field) {
                issues.push(m);
            }
        }
    }
    if issues.is_empty() {
        Ok(typed)
    } else {
        Err(Error::Validation(issues))
    }
}

/// Reads a what-if typed in the window: a quota that is not a whole number is refused at
/// its field (`quotas.intern.medicine`); the threshold and the rules on the numbers read
/// are those of [`crate::campaign::Campaign::allocation`].
pub fn scenario(typed: &ScenarioText) -> Result<Scenario> {
    let (quotas, issues) = quotas_as_typed(&typed.quotas, "Contingent simulé", false);
    if !issues.is_empty() {
        return Err(Error::Validation(issues));
    }
    Ok(Scenario {
        quotas: Some(quotas),
        min_total: Some(typed.min_total.clone()),
    })
}

/// The deliberation rules as typed in the window: the numbers are the text typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RulesText {
    /// How the quorum is set.
    pub quorum: Quorum,
    /// The voting members present required, as typed (read when `quorum` is a count).
    pub quorum_count: String,
    /// Whose majority decides.
    pub majority: Majority,
    /// The chair has a casting vote.
    pub casting_vote_chair: bool,
    /// How members' scores for one criterion are combined.
    pub aggregation: Aggregation,
    /// The disagreement threshold, in percent of the maximum, as typed.
    pub disagreement_percent: String,
    /// Show totals corrected for each member's severity too.
    pub normalise: bool,
    /// How PADHUE candidates' academic block is assessed.
    pub padhue_academic: PadhueAcademic,
}

fn whole_at(text: &str, field: &str, label: &str, issues: &mut Vec<FieldIssue>) -> i64 {
    let typed = text.trim();
    parse_whole(typed).unwrap_or_else(|| {
        issues.push(FieldIssue::new(
            field,
            format!("« {label} » : « {typed} » n'est pas un nombre entier ; saisissez des chiffres uniquement."),
        ));
        0
    })
}

/// Reads the rules typed; the quorum count is kept from `current` unless the quorum is a
/// count. A number that cannot be read is refused at its field; the rules on the values
/// are those of [`crate::campaign::Campaign::update_rules`].
pub fn rules(typed: &RulesText, current: &Rules) -> Result<Rules> {
    let mut issues = Vec::new();
    let quorum_count = match typed.quorum {
        Quorum::Count => whole_at(
            &typed.quorum_count,
            "quorum_count",
            "Nombre de membres votants présents requis",
            &mut issues,
        ),
        Quorum::Half => current.quorum_count,
    };
    let disagreement_percent = whole_at(
        &typed.disagreement_percent,
        "disagreement_percent",
        "Seuil de désaccord",
        &mut issues,
    );
    if !issues.is_empty() {
        return Err(Error::Validation(issues));
    }
    Ok(Rules {
        quorum: typed.quorum,
        quorum_count,
        majority: typed.majority,
        casting_vote_chair: typed.casting_vote_chair,
        aggregation: typed.aggregation,
        disagreement_percent,
        normalise: typed.normalise,
        padhue_academic: typed.padhue_academic,
    })
}

/// A candidate's preferred half-day as typed: the candidate is none until chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreferenceText {
    /// The candidate chosen, none yet.
    pub candidate: Option<i64>,
    /// "16/01/2027".
    pub date: String,
    /// Which half.
    pub part: HalfDayPart,
}

/// The interviews' organisation as typed in the window, in the shape of [`ScheduleSetup`]:
/// the numbers are the text typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScheduleSetupText {
    /// Length of an interview, minutes, as typed.
    pub interview_minutes: String,
    /// Buffer between two interviews, minutes, as typed.
    pub buffer_minutes: String,
    /// Members a jury needs to sit, as typed.
    pub min_jury_size: String,
    /// A voting member of this role must sit in every jury.
    pub required_role: Option<Role>,
    /// Students and interns in separate blocks.
    pub separate_populations: bool,
    /// The days.
    pub days: Vec<DaySetup>,
    /// The juries.
    pub juries: Vec<JurySetup>,
    /// Who is unavailable when.
    pub unavailable: Vec<Unavailable>,
    /// Candidates' preferred half-days.
    pub preferences: Vec<PreferenceText>,
    /// What candidates bring, one item a line.
    pub bring: Vec<String>,
    /// Whom candidates contact.
    pub contact: String,
}

/// Reads the organisation typed: a number that cannot be read, or a preference without its
/// candidate, is refused at its field; the rules on the values read are those of
/// [`crate::campaign::Campaign::set_schedule_setup`].
pub fn schedule_setup(typed: &ScheduleSetupText) -> Result<ScheduleSetup> {
    let mut issues = Vec::new();
    let interview_minutes = whole_at(
        &typed.interview_minutes,
        "interview_minutes",
        "Durée d'un entretien (min)",
        &mut issues,
    );
    let buffer_minutes = whole_at(
        &typed.buffer_minutes,
        "buffer_minutes",
        "Battement entre deux entretiens (min)",
        &mut issues,
    );
    let min_jury_size = whole_at(
        &typed.min_jury_size,
        "min_jury_size",
        "Membres requis par jury",
        &mut issues,
    );
    let mut preferences = Vec::new();
    for (k, p) in typed.preferences.iter().enumerate() {
        match p.candidate {
            Some(candidate) => preferences.push(Preference {
                candidate,
                date: p.date.clone(),
                part: p.part,
            }),
            None => issues.push(FieldIssue::new(
                format!("preferences.{k}.candidate"),
                format!("Préférence n° {} : choisissez le candidat.", k + 1),
            )),
        }
    }
    if !issues.is_empty() {
        return Err(Error::Validation(issues));
    }
    Ok(ScheduleSetup {
        interview_minutes,
        buffer_minutes,
        min_jury_size,
        required_role: typed.required_role,
        separate_populations: typed.separate_populations,
        days: typed.days.clone(),
        juries: typed.juries.clone(),
        unavailable: typed.unavailable.clone(),
        preferences,
        bring: typed
            .bring
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        contact: typed.contact.clone(),
    })
}

/// The retention period typed, in months; refused at `months` when it is not a whole number
/// (the range is checked by [`crate::campaign::Campaign::set_retention`]).
pub fn retention_months(text: &str) -> Result<i64> {
    let typed = text.trim();
    parse_whole(typed).ok_or_else(|| {
        Error::Validation(vec![FieldIssue::new(
            "months",
            format!("« Durée de conservation » : « {typed} » n'est pas un nombre entier de mois ; indiquez par exemple 12."),
        )])
    })
}

impl crate::campaign::Campaign {
    /// Sets the retention period as typed ([`retention_months`], then
    /// [`Self::set_retention`]).
    pub fn set_retention_typed(&mut self, months: &str, operator: &str) -> Result<()> {
        let months = retention_months(months)?;
        self.set_retention(months, operator)
    }

    /// Replaces the interviews' organisation as typed in the window ([`schedule_setup`],
    /// then every rule of [`Self::set_schedule_setup`]).
    pub fn set_schedule_setup_typed(
        &mut self,
        typed: &ScheduleSetupText,
        operator: &str,
    ) -> Result<ScheduleSetup> {
        let setup = schedule_setup(typed)?;
        self.set_schedule_setup(&setup, operator)
    }

    /// Changes the deliberation rules as typed in the window ([`rules`], then every rule
    /// of [`Self::update_rules`]).
    pub fn update_rules_typed(&mut self, typed: &RulesText, operator: &str) -> Result<()> {
        let rules = rules(typed, &self.rules()?)?;
        self.update_rules(&rules, operator)
    }

    /// Replaces the places by specialty with the rows as typed in the window: places that
    /// are not a whole number are refused at their field, then every rule of
    /// [`Self::set_specialty_quotas`] applies.
    pub fn set_specialty_quotas_typed(
        &mut self,
        rows: &[SpecialtyQuotaText],
        operator: &str,
    ) -> Result<Vec<SpecialtyQuota>> {
        let rows = specialty_quotas(rows)?;
        self.set_specialty_quotas(&rows, operator)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_campaign_form_reads_its_contingents_and_reports_every_problem() {
        let typed = |v: [&str; 6]| QuotasText {
            student: DisciplineQuotaText {
                medicine: v[0].into(),
                odontology: v[1].into(),
            },
            intern: DisciplineQuotaText {
                medicine: v[2].into(),
                odontology: v[3].into(),
            },
            padhue: DisciplineQuotaText {
                medicine: v[4].into(),
                odontology: v[5].into(),
            },
        };
        let good = typed(["10", " 2 ", "1 200", "1", "", "0"]);
        assert_eq!(quotas_total(&good), "1\u{a0}213");
        let settings = crate::campaign::CampaignSettings {
            ufr_name: "UFR Santé".into(),
            university: "Université de Picardie Jules Verne".into(),
            city: "Amiens".into(),
            academic_year: "2026-2027".into(),
            disciplines: vec![Discipline::Medicine, Discipline::Odontology],
            dossier_deadline: "01/12/2026".into(),
            managing_body: "Centre national de gestion (CNG)".into(),
            quotas: Quotas::default(),
        };
        let read = campaign_settings(&settings, &good).unwrap();
        assert_eq!(read.quotas.intern.medicine, 1200);
        assert_eq!(read.quotas.padhue.medicine, 0);
        // The date comes back as typed, for the use case to read.
        assert_eq!(read.dossier_deadline, "01/12/2026");

        // A bad contingent does not count in the total and is refused at its field, with
        // core's own checks of the other fields, in one go.
        let bad = typed(["10", "3,x", "-3", "1", "", "0"]);
        assert_eq!(quotas_total(&bad), "11");
        let wrong_year = crate::campaign::CampaignSettings {
            academic_year: "2026".into(),
            ..settings
        };
        let Err(Error::Validation(issues)) = campaign_settings(&wrong_year, &bad) else {
            panic!("refused");
        };
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "quotas.student.odontology",
                "academic_year",
                "quotas.intern.medicine"
            ]
        );
        assert_eq!(
            issues[0].message,
            "« Contingent Étudiants, odontologie » : « 3,x » n'est pas un nombre entier ; saisissez un nombre entier positif ou 0."
        );
        assert!(
            issues[2].message.contains("ne peut pas être négatif (-3)"),
            "{}",
            issues[2].message
        );
    }

    use super::*;

    #[test]
    fn whole_numbers_are_read_as_typed_in_french() {
        assert_eq!(parse_whole("3"), Some(3));
        assert_eq!(parse_whole(" 12 "), Some(12));
        assert_eq!(parse_whole("1 200"), Some(1200));
        assert_eq!(parse_whole("1\u{a0}200"), Some(1200));
        assert_eq!(parse_whole("1\u{202f}200"), Some(1200));
        assert_eq!(parse_whole("-1"), Some(-1));
        assert_eq!(parse_whole("−1"), Some(-1));
        assert_eq!(parse_whole(""), None);
        assert_eq!(parse_whole("3,x"), None);
        assert_eq!(parse_whole("2,5"), None);
        assert_eq!(parse_whole("trois"), None);
        assert_eq!(parse_whole("-"), None);
        assert_eq!(parse_whole("1 2"), None);
    }

    #[test]
    fn decimals_take_a_comma_and_spaces() {
        assert_eq!(parse_hundredths("12,5"), Some(1250));
        assert_eq!(parse_hundredths("12.5"), Some(1250));
        assert_eq!(parse_hundredths("1 200,25"), Some(120_025));
        assert_eq!(parse_hundredths("−2"), Some(-200));
        assert_eq!(parse_hundredths("12,555"), None);
        assert_eq!(parse_hundredths(""), None);
    }

    #[test]
    fn rules_typed_are_read_or_refused_at_their_field() {
        let current = Rules {
            quorum: Quorum::Half,
            quorum_count: 3,
            majority: Majority::Present,
            casting_vote_chair: true,
            aggregation: Aggregation::Mean,
            disagreement_percent: 20,
            normalise: false,
            padhue_academic: PadhueAcademic::Waived,
        };
        let typed = RulesText {
            quorum: Quorum::Half,
            quorum_count: "n'importe".into(),
            majority: Majority::Voting,
            casting_vote_chair: false,
            aggregation: Aggregation::Median,
            disagreement_percent: " 25 ".into(),
            normalise: true,
            padhue_academic: PadhueAcademic::Commission,
        };
        let read = rules(&typed, &current).expect("read");
        assert_eq!((read.quorum_count, read.disagreement_percent), (3, 25));
        assert_eq!(read.aggregation, Aggregation::Median);
        let typed = RulesText {
            quorum: Quorum::Count,
            quorum_count: "4,5".into(),
            disagreement_percent: "vingt".into(),
            ..typed
        };
        let Err(Error::Validation(issues)) = rules(&typed, &current) else {
            panic!("refused");
        };
        assert_eq!(issues[0].field, "quorum_count");
        assert_eq!(issues[1].field, "disagreement_percent");
        assert_eq!(
            issues[1].message,
            "« Seuil de désaccord » : « vingt » n'est pas un nombre entier ; saisissez des chiffres uniquement."
        );
    }

    #[test]
    fn a_what_if_quota_typed_wrong_is_refused_at_its_field() {
        let d = |m: &str, o: &str| DisciplineQuotaText {
            medicine: m.into(),
            odontology: o.into(),
        };
        let typed = ScenarioText {
            quotas: QuotasText {
                student: d("10", " 2 "),
                intern: d("deux", "1"),
                padhue: d("0", "0"),
            },
            min_total: "12,5".into(),
        };
        let Err(Error::Validation(issues)) = scenario(&typed) else {
            panic!("refused");
        };
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "quotas.intern.medicine");
        assert_eq!(issues[0].message, "« Contingent simulé Internes, médecine » : « deux » n'est pas un nombre entier ; saisissez un nombre entier positif ou 0.");
        let read = scenario(&ScenarioText {
            quotas: QuotasText {
                intern: d("8", "1"),
                ..typed.quotas
            },
            ..typed
        })
        .expect("read");
        let quotas = read.quotas.expect("quotas");
        assert_eq!((quotas.student.odontology, quotas.intern.medicine), (2, 8));
        assert_eq!(read.min_total.as_deref(), Some("12,5"));
    }

    #[test]
    fn an_organisation_typed_wrong_is_refused_at_its_fields() {
        let typed = ScheduleSetupText {
            interview_minutes: "30".into(),
            buffer_minutes: "cinq".into(),
            min_jury_size: " 3 ".into(),
            required_role: None,
            separate_populations: false,
            days: Vec::new(),
            juries: Vec::new(),
            unavailable: Vec::new(),
            preferences: vec![PreferenceText {
                candidate: None,
                date: "14/01/2027".into(),
                part: HalfDayPart::Morning,
            }],
            bring: vec![" Pièce d'identité ".into(), "".into()],
            contact: String::new(),
        };
        let Err(Error::Validation(issues)) = schedule_setup(&typed) else {
            panic!("refused");
        };
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["buffer_minutes", "preferences.0.candidate"]);
        let read = schedule_setup(&ScheduleSetupText {
            buffer_minutes: "5".into(),
            preferences: Vec::new(),
            ..typed
        })
        .expect("read");
        assert_eq!(
            (
                read.interview_minutes,
                read.buffer_minutes,
                read.min_jury_size
            ),
            (30, 5, 3)
        );
        assert_eq!(read.bring, ["Pièce d'identité"]);
    }

    #[test]
    fn a_retention_period_is_a_whole_number_of_months() {
        assert_eq!(retention_months(" 12 ").expect("read"), 12);
        let Err(Error::Validation(issues)) = retention_months("un an") else {
            panic!("refused");
        };
        assert_eq!(issues[0].field, "months");
        assert!(issues[0]
            .message
            .contains("« un an » n'est pas un nombre entier de mois"));
        assert!(retention_months("").is_err());
    }

    fn row(places: &str) -> SpecialtyQuotaText {
        SpecialtyQuotaText {
            category: Category::Intern,
            discipline: Discipline::Medicine,
            specialty: "Psychiatrie".to_owned(),
            places: places.to_owned(),
        }
    }

    #[test]
    fn bad_places_are_refused_at_their_field_never_read_as_zero() {
        let rows = [row("2"), row("3,x"), row(""), row("-1"), row("1 200")];
        let Err(Error::Validation(issues)) = specialty_quotas(&rows) else {
            panic!("bad places must be refused");
        };
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["places.1", "places.2"]);
        assert!(
            issues[0]
                .message
                .contains("« 3,x » n'est pas un nombre entier"),
            "{}",
            issues[0].message
        );
        assert!(
            issues[1].message.contains("« Places » est vide"),
            "{}",
            issues[1].message
        );
        // A negative number is a number: the campaign's rule refuses it (at least 1 place).
        let read = specialty_quotas(&[row("-1"), row(" 4 ")]).unwrap();
        assert_eq!(read.iter().map(|q| q.places).collect::<Vec<_>>(), [-1, 4]);
    }
}
