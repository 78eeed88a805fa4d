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
    let mut out = String::new();
    push_shown(&mut out, c, field);
    out
}

/// [`show`], written at the end of `out`: the import writes every field of each row it
/// creates into one record, without a string of its own for each.
pub fn push_shown(out: &mut String, c: &CandidateData, field: Field) {
    let text = |out: &mut String, o: &Option<String>| out.push_str(o.as_deref().unwrap_or(""));
    // Stored dates are ISO: shown as dd/mm/yyyy by moving the parts, without parsing.
    let date = |out: &mut String, o: &Option<String>| match o.as_deref() {
        Some(d) if d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' => {
            for part in [&d[8..10], "/", &d[5..7], "/", &d[0..4]] {
                out.push_str(part);
            }
        }
        Some(d) => out.push_str(d),
        None => {}
    };
    let num = |out: &mut String, o: Option<f64>| {
        if let Some(x) = o {
            crate::fr::push_number(out, x, 2);
        }
    };
    let int = |out: &mut String, o: Option<i64>| {
        if let Some(n) = o {
            use std::fmt::Write;
            let _ = write!(out, "{n}");
        }
    };
    match field {
        Field::LastName => out.push_str(&c.last_name),
        Field::FirstNames => out.push_str(&c.first_names),
        Field::BirthName => text(out, &c.birth_name),
        Field::BirthDate => date(out, &c.birth_date),
        Field::Sex => text(out, &c.sex),
        Field::Email => text(out, &c.email),
        Field::Phone => text(out, &c.phone),
        Field::StudentNumber => text(out, &c.student_number),
        Field::Category => out.push_str(c.category.map_or("", |x| x.label())),
        Field::Discipline => {
            if let Some(x) = c.discipline {
                out.push_str(&crate::fr::capitalise_first(x.label()));
            }
        }
        Field::StudyYear => text(out, &c.study_year),
        Field::Specialty => text(out, &c.specialty),
        Field::PracticeMode => text(out, &c.practice_mode),
        Field::Region => text(out, &c.region),
        Field::NationalRank => int(out, c.national_rank),
        Field::CohortSize => int(out, c.cohort_size),
        Field::AverageN1 => num(out, c.average_n1),
        Field::AverageN2 => num(out, c.average_n2),
        Field::ArsAgreement => {
            out.push_str(
                c.ars_agreement
                    .map_or("", |b| if b { "Oui" } else { "Non" }),
            )
        }
        Field::Nationality => text(out, &c.nationality),
        Field::DossierReceived => date(out, &c.dossier_received),
        Field::Notes => text(out, &c.notes),
    }
}
