//! The fields of a candidate's record: their names, their codes, and how each is shown.

use serde::{Deserialize, Serialize};

use super::CandidateData;

/// A candidate field a spreadsheet column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Last name (used name).
    LastName,
    /// First names.
    FirstNames,
    /// Birth name.
    BirthName,
    /// Date of birth.
    BirthDate,
    /// Sex.
    Sex,
    /// E-mail.
    Email,
    /// Phone.
    Phone,
    /// Student number or INE.
    StudentNumber,
    /// Student / intern / PADHUE.
    Category,
    /// Medicine / odontology.
    Discipline,
    /// Year of study.
    StudyYear,
    /// Intended specialty.
    Specialty,
    /// Intended mode of practice.
    PracticeMode,
    /// Intended region / ARS.
    Region,
    /// National rank, alone or as "123/8500".
    NationalRank,
    /// Size of the ranked cohort.
    CohortSize,
    /// Average of year N-1.
    AverageN1,
    /// Average of year N-2.
    AverageN2,
    /// Written ARS agreement.
    ArsAgreement,
    /// Nationality.
    Nationality,
    /// Date the dossier was received.
    DossierReceived,
    /// Free notes.
    Notes,
}

impl Field {
    /// Every field, in the order of the candidate form.
    pub const ALL: [Field; 22] = [
        Field::LastName,
        Field::FirstNames,
        Field::BirthName,
        Field::BirthDate,
        Field::Sex,
        Field::Email,
        Field::Phone,
        Field::StudentNumber,
        Field::Category,
        Field::Discipline,
        Field::StudyYear,
        Field::Specialty,
        Field::PracticeMode,
        Field::Region,
        Field::NationalRank,
        Field::CohortSize,
        Field::AverageN1,
        Field::AverageN2,
        Field::ArsAgreement,
        Field::Nationality,
        Field::DossierReceived,
        Field::Notes,
    ];

    /// The French label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Field::LastName => "Nom",
            Field::FirstNames => "Prénom(s)",
            Field::BirthName => "Nom de naissance",
            Field::BirthDate => "Date de naissance",
            Field::Sex => "Sexe",
            Field::Email => "Courriel",
            Field::Phone => "Téléphone",
            Field::StudentNumber => "N° étudiant / INE",
            Field::Category => "Catégorie",
            Field::Discipline => "Discipline",
            Field::StudyYear => "Année d'études",
            Field::Specialty => "Spécialité envisagée",
            Field::PracticeMode => "Mode d'exercice envisagé",
            Field::Region => "Région / ARS envisagée",
            Field::NationalRank => "Rang (EDN / ECN)",
            Field::CohortSize => "Effectif classé",
            Field::AverageN1 => "Moyenne N-1",
            Field::AverageN2 => "Moyenne N-2",
            Field::ArsAgreement => "Accord de l'ARS",
            Field::Nationality => "Nationalité",
            Field::DossierReceived => "Dossier reçu le",
            Field::Notes => "Notes",
        }
    }

    /// The code used in mapping files and the database.
    pub fn code(self) -> &'static str {
        match self {
            Field::LastName => "last_name",
            Field::FirstNames => "first_names",
            Field::BirthName => "birth_name",
            Field::BirthDate => "birth_date",
            Field::Sex => "sex",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::StudentNumber => "student_number",
            Field::Category => "category",
            Field::Discipline => "discipline",
            Field::StudyYear => "study_year",
            Field::Specialty => "specialty",
            Field::PracticeMode => "practice_mode",
            Field::Region => "region",
            Field::NationalRank => "national_rank",
            Field::CohortSize => "cohort_size",
            Field::AverageN1 => "average_n1",
            Field::AverageN2 => "average_n2",
            Field::ArsAgreement => "ars_agreement",
            Field::Nationality => "nationality",
            Field::DossierReceived => "dossier_received",
            Field::Notes => "notes",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// A field of a candidate as the user reads it (for comparisons and previews).
pub fn show(c: &CandidateData, field: Field) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    // Stored dates are ISO: shown as dd/mm/yyyy by moving the parts, without parsing.
    let date = |o: &Option<String>| match o.as_deref() {
        Some(d) if d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' => {
            format!("{}/{}/{}", &d[8..10], &d[5..7], &d[0..4])
        }
        Some(d) => d.to_owned(),
        None => String::new(),
    };
    let num = |o: Option<f64>| o.map(|x| crate::fr::number(x, 2)).unwrap_or_default();
    match field {
        Field::LastName => c.last_name.clone(),
        Field::FirstNames => c.first_names.clone(),
        Field::BirthName => opt(&c.birth_name),
        Field::BirthDate => date(&c.birth_date),
        Field::Sex => opt(&c.sex),
        Field::Email => opt(&c.email),
        Field::Phone => opt(&c.phone),
        Field::StudentNumber => opt(&c.student_number),
        Field::Category => c.category.map(|x| x.label().to_owned()).unwrap_or_default(),
        Field::Discipline => c
            .discipline
            .map(|x| crate::fr::capitalise_first(x.label()))
            .unwrap_or_default(),
        Field::StudyYear => opt(&c.study_year),
        Field::Specialty => opt(&c.specialty),
        Field::PracticeMode => opt(&c.practice_mode),
        Field::Region => opt(&c.region),
        Field::NationalRank => c.national_rank.map(|r| r.to_string()).unwrap_or_default(),
        Field::CohortSize => c.cohort_size.map(|r| r.to_string()).unwrap_or_default(),
        Field::AverageN1 => num(c.average_n1),
        Field::AverageN2 => num(c.average_n2),
        Field::ArsAgreement => c
            .ars_agreement
            .map(|b| if b { "Oui" } else { "Non" }.to_owned())
            .unwrap_or_default(),
        Field::Nationality => opt(&c.nationality),
        Field::DossierReceived => date(&c.dossier_received),
        Field::Notes => opt(&c.notes),
    }
}
