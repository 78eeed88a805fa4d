//! The candidate fields an import can fill, how spreadsheet headers are recognised, and
//! the column mapping.

use serde::{Deserialize, Serialize};

pub use crate::candidate::Field;
pub use crate::fr::{fold, strip_accent};

/// How each field is written in spreadsheet headers, French and English.
impl Field {
    /// Header words that name this field, already folded (lower case, no accents,
    /// punctuation as spaces).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::LastName => &[
                "nom",
                "nom d usage",
                "nom usuel",
                "nom de famille",
                "nom patronymique",
                "last name",
                "lastname",
                "surname",
                "family name",
                "name",
            ],
            Field::FirstNames => &[
                "prenom",
                "prenoms",
                "prenom s",
                "first name",
                "firstname",
                "first names",
                "given name",
                "given names",
                "forename",
            ],
            Field::BirthName => &[
                "nom de naissance",
                "nom de jeune fille",
                "birth name",
                "maiden name",
            ],
            Field::BirthDate => &[
                "date de naissance",
                "naissance",
                "ne le",
                "nee le",
                "ne e le",
                "date naiss",
                "date naissance",
                "ddn",
                "birth date",
                "birthdate",
                "date of birth",
                "dob",
            ],
            Field::Sex => &["sexe", "genre", "civilite", "sex", "gender"],
            Field::Email => &[
                "courriel",
                "email",
                "e mail",
                "mail",
                "adresse electronique",
                "adresse mail",
                "adresse courriel",
                "mel",
            ],
            Field::Phone => &[
                "telephone",
                "tel",
                "portable",
                "mobile",
                "phone",
                "telephone portable",
                "numero de telephone",
                "n de telephone",
            ],
            Field::StudentNumber => &[
                "ine",
                "numero ine",
                "n ine",
                "numero etudiant",
                "n etudiant",
                "no etudiant",
                "num etudiant",
                "numero d etudiant",
                "student number",
                "student id",
                "identifiant etudiant",
            ],
            Field::Category => &[
                "categorie",
                "statut",
                "population",
                "category",
                "status",
                "type de candidat",
                "type",
                "cycle",
            ],
            Field::Discipline => &[
                "discipline",
                "filiere",
                "formation",
                "cursus",
                "field of study",
            ],
            Field::StudyYear => &[
                "annee d etudes",
                "annee d etude",
                "annee",
                "niveau",
                "annee de formation",
                "niveau d etudes",
                "promotion",
                "year of study",
                "year",
                "semestre",
            ],
            Field::Specialty => &[
                "specialite",
                "specialite envisagee",
                "specialite souhaitee",
                "specialite choisie",
                "des",
                "specialty",
            ],
            Field::PracticeMode => &[
                "mode d exercice",
                "mode d exercice envisage",
                "exercice",
                "type d exercice",
                "practice mode",
            ],
            Field::Region => &[
                "region",
                "ars",
                "region envisagee",
                "region ars",
                "lieu d exercice",
                "lieu d exercice envisage",
                "territoire",
                "zone",
                "region of practice",
            ],
            Field::NationalRank => &[
                "rang",
                "rang edn",
                "rang ecn",
                "rang de classement",
                "classement",
                "classement edn",
                "classement ecn",
                "rank",
                "ranking",
            ],
            Field::CohortSize => &[
                "effectif",
                "effectif classe",
                "nombre de classes",
                "nombre de candidats classes",
                "sur",
                "cohorte",
                "effectif de la promotion",
                "cohort size",
                "cohort",
            ],
            Field::AverageN1 => &[
                "moyenne n 1",
                "moyenne annee n 1",
                "moy n 1",
                "moyenne 1",
                "moyenne annee precedente",
                "average n 1",
                "moyenne derniere annee",
            ],
            Field::AverageN2 => &[
                "moyenne n 2",
                "moyenne annee n 2",
                "moy n 2",
                "moyenne 2",
                "average n 2",
            ],
            Field::ArsAgreement => &[
                "accord ars",
                "accord de l ars",
                "avis ars",
                "accord ecrit de l ars",
                "ars agreement",
            ],
            Field::Nationality => &["nationalite", "nationality"],
            Field::DossierReceived => &[
                "date de depot",
                "date de reception",
                "dossier recu le",
                "recu le",
                "depose le",
                "date depot dossier",
                "date de depot du dossier",
                "received",
                "date received",
            ],
            Field::Notes => &[
                "notes",
                "note",
                "observations",
                "observation",
                "commentaire",
                "commentaires",
                "remarques",
                "remarque",
                "comments",
                "comment",
            ],
        }
    }
}

/// How well a folded header names `field`: 0 when not at all; an exact match beats a
/// header that merely starts with a synonym ("date de naissance jj mm aaaa"), and a longer
/// synonym beats a shorter one ("nom de naissance" is not "nom").
fn score(header: &str, field: Field) -> usize {
    let mut best = 0;
    for s in field.synonyms() {
        let n = s.len();
        let value = if header == *s {
            1000 + n
        } else if header.starts_with(&format!("{s} ")) {
            500 + n
        } else if header.ends_with(&format!(" {s}")) || header.contains(&format!(" {s} ")) {
            // "2e nom" would be odd, but "N° INE" folds to "n ine": allow words inside.
            if n >= 3 {
                100 + n
            } else {
                0
            }
        } else {
            0
        };
        best = best.max(value);
    }
    best
}

/// The field a header names, if any, with its score.
pub fn recognise(header: &str) -> Option<(Field, usize)> {
    let folded = fold(header);
    if folded.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .map(|f| (f, score(&folded, f)))
        .filter(|(_, s)| *s > 0)
        .max_by_key(|(f, s)| (*s, std::cmp::Reverse(*f as usize)))
}

/// Guesses the field of each header; a field goes to the best-scoring column only.
pub fn guess_mapping(headers: &[String]) -> Vec<Option<Field>> {
    let guesses: Vec<Option<(Field, usize)>> = headers.iter().map(|h| recognise(h)).collect();
    let mut out = vec![None; headers.len()];
    for (i, g) in guesses.iter().enumerate() {
        if let Some((field, s)) = g {
            let beaten = guesses.iter().enumerate().any(|(j, other)| {
                j != i
                    && matches!(other, Some((f2, s2)) if f2 == field && (*s2 > *s || (*s2 == *s && j < i)))
            });
            if !beaten {
                out[i] = Some(*field);
            }
        }
    }
    out
}

/// The fields every candidate must have: the names that identify them, and the category
/// and the discipline that place them in the group where they are ranked (the candidate
/// form and the import both refuse a candidate without them).
pub const MANDATORY: [Field; 4] = [
    Field::LastName,
    Field::FirstNames,
    Field::Category,
    Field::Discipline,
];

impl Field {
    /// Whether every candidate must have this field (see [`MANDATORY`]).
    pub fn is_mandatory(self) -> bool {
        MANDATORY.contains(&self)
    }

    /// Whether an import may read this field from other columns when the file has none
    /// for it: the category from the year of study (« DFASM1 », « DES »), the discipline
    /// from the year of study, the specialty or the campaign's only discipline.
    pub fn inferred_on_import(self) -> bool {
        matches!(self, Field::Category | Field::Discipline)
    }
}

/// The mandatory fields a file must map a column to before anything is imported: those
/// an import cannot read from other columns.
pub fn mandatory_columns() -> impl Iterator<Item = Field> {
    MANDATORY.into_iter().filter(|f| !f.inferred_on_import())
}

/// A saved mapping, reusable on next year's file: file header -> field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MappingTemplate {
    /// A name for the user ("Export Apogée de la scolarité").
    pub name: String,
    /// Each known header and the field it fills (`null`: ignored column).
    pub columns: Vec<TemplateColumn>,
}

/// One column of a saved mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateColumn {
    /// The header as it appears in the file.
    pub header: String,
    /// The field, or none for a column to ignore.
    pub field: Option<Field>,
}

impl MappingTemplate {
    /// Applies the template to `headers`: a header it knows (compared folded) gets its
    /// field; the others keep `fallback`'s guess unless that field is taken.
    pub fn apply(&self, headers: &[String], fallback: &[Option<Field>]) -> Vec<Option<Field>> {
        let known: Vec<(String, Option<Field>)> = self
            .columns
            .iter()
            .map(|c| (fold(&c.header), c.field))
            .collect();
        let mut out: Vec<Option<Field>> = Vec::with_capacity(headers.len());
        let mut from_template = vec![false; headers.len()];
        for (i, h) in headers.iter().enumerate() {
            let f = fold(h);
            match known.iter().find(|(k, _)| *k == f) {
                Some((_, field)) => {
                    out.push(*field);
                    from_template[i] = true;
                }
                None => out.push(fallback.get(i).copied().flatten()),
            }
        }
        // A guessed field that the template gives to another column yields.
        for i in 0..out.len() {
            if !from_template[i] {
                if let Some(f) = out[i] {
                    if out
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != i && from_template[j] && *o == Some(f))
                    {
                        out[i] = None;
                    }
                }
            }
        }
        out
    }
}

/// Saved mappings, kept in the user's settings folder (not in a campaign: next year's
/// campaign is another file).
pub mod templates {
    use super::MappingTemplate;
    use std::path::Path;

    /// The saved mappings (a missing or damaged file is an empty list).
    pub fn load(file: &Path) -> Vec<MappingTemplate> {
        crate::json_file::load(file)
    }

    /// Saves `template`, replacing one of the same name.
    pub fn save(file: &Path, template: MappingTemplate) -> std::io::Result<Vec<MappingTemplate>> {
        let mut list = load(file);
        list.retain(|t| t.name != template.name);
        list.push(template);
        list.sort_by(|a, b| a.name.cmp(&b.name));
        crate::json_file::save(file, &list)?;
        Ok(list)
    }

    /// Removes the template named `name`.
    pub fn delete(file: &Path, name: &str) -> std::io::Result<Vec<MappingTemplate>> {
        let mut list = load(file);
        list.retain(|t| t.name != name);
        crate::json_file::save(file, &list)?;
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(h: &str) -> Option<Field> {
        recognise(h).map(|(f, _)| f)
    }

    #[test]
    fn french_and_english_headers_are_recognised() {
        assert_eq!(guess("NOM"), Some(Field::LastName));
        assert_eq!(guess("Nom de naissance"), Some(Field::BirthName));
        assert_eq!(guess("Prénom(s)"), Some(Field::FirstNames));
        assert_eq!(
            guess("Date de naissance (jj/mm/aaaa)"),
            Some(Field::BirthDate)
        );
        assert_eq!(guess("Courriel"), Some(Field::Email));
        assert_eq!(guess("E-mail"), Some(Field::Email));
        assert_eq!(guess("Rang EDN"), Some(Field::NationalRank));
        assert_eq!(guess("N° INE"), Some(Field::StudentNumber));
        assert_eq!(guess("Moyenne N-1"), Some(Field::AverageN1));
        assert_eq!(guess("moyenne n-2"), Some(Field::AverageN2));
        assert_eq!(guess("Date of birth"), Some(Field::BirthDate));
        assert_eq!(guess("Spécialité envisagée"), Some(Field::Specialty));
        assert_eq!(guess("Accord ARS"), Some(Field::ArsAgreement));
        assert_eq!(guess("Année d'études"), Some(Field::StudyYear));
        assert_eq!(guess("Téléphone portable"), Some(Field::Phone));
        assert_eq!(guess("Colonne sans rapport"), None);
        assert_eq!(guess(""), None);
    }

    #[test]
    fn a_field_goes_to_one_column() {
        let headers: Vec<String> = ["Nom", "Prénom", "Nom de naissance", "Nom d'usage"]
            .map(String::from)
            .to_vec();
        let m = guess_mapping(&headers);
        assert_eq!(
            m,
            vec![
                None,
                Some(Field::FirstNames),
                Some(Field::BirthName),
                Some(Field::LastName)
            ]
        );
    }

    #[test]
    fn a_template_wins_over_guesses() {
        let headers: Vec<String> = ["NOM", "PRENOM", "Code"].map(String::from).to_vec();
        let t = MappingTemplate {
            name: "Scolarité".into(),
            columns: vec![
                TemplateColumn {
                    header: "code".into(),
                    field: Some(Field::StudentNumber),
                },
                TemplateColumn {
                    header: "Nom".into(),
                    field: None,
                },
            ],
        };
        let m = t.apply(&headers, &guess_mapping(&headers));
        assert_eq!(
            m,
            vec![None, Some(Field::FirstNames), Some(Field::StudentNumber)]
        );
    }

    #[test]
    fn folding_removes_case_accents_and_punctuation() {
        assert_eq!(fold("  Prénom(s) "), "prenom s");
        assert_eq!(
            fold("Date de naissance (jj/mm/aaaa)"),
            "date de naissance jj mm aaaa"
        );
        assert_eq!(fold("ŒUVRE"), "oeuvre");
    }

    #[test]
    fn candidates_need_names_category_and_discipline_and_files_the_names() {
        let mandatory: Vec<Field> = Field::ALL
            .into_iter()
            .filter(|f| f.is_mandatory())
            .collect();
        assert_eq!(
            mandatory,
            [
                Field::LastName,
                Field::FirstNames,
                Field::Category,
                Field::Discipline
            ]
        );
        assert_eq!(
            mandatory_columns().collect::<Vec<_>>(),
            [Field::LastName, Field::FirstNames]
        );
    }
}
