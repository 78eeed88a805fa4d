//! The labels the window shows for core's enumerations, and the data its few text helpers
//! are derived from (the French plural threshold, the search fold). The shell exports them
//! as constants of the generated bindings, so the UI holds no label table of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::candidate::{Category, Discipline};
use crate::commission::{Aggregation, Attendance, PadhueAcademic, Role};
use crate::dossier::{Eligibility, PieceStatus};
use crate::fr;

/// What the window takes from core to show text: the labels, the smallest count that takes
/// the plural, and names with their search fold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Catalogue {
    /// Every label.
    pub labels: Labels,
    /// [`fr::PLURAL_FROM`].
    pub plural_from: u8,
    /// [`fold_examples`].
    pub fold_examples: Vec<(String, String)>,
    /// [`date_examples`].
    pub date_examples: Vec<(String, String)>,
    /// How many points are to correct, as core says it ([`fr::to_fix`]), for 1 to 3.
    pub to_fix_examples: Vec<(u8, String)>,
    /// Counts of candidates as core writes them ([`fr::count`]: the plural, the digits
    /// grouped), from none to a national campaign.
    pub count_examples: Vec<(u32, String)>,
    /// The values offered for the candidate fields that take one of a few ([`choices`]).
    pub choices: BTreeMap<String, Vec<String>>,
}

/// The values the candidate form offers for the fields that take one of a few, written as
/// core shows a stored candidate ([`crate::candidate::show`]), so that what is chosen reads
/// back the same; an empty first choice where the field may stay empty.
pub fn choices() -> BTreeMap<String, Vec<String>> {
    use crate::candidate::{Category, Discipline, Field};
    let mut out = BTreeMap::new();
    out.insert(
        Field::Category.code().to_owned(),
        [Category::Student, Category::Intern, Category::Padhue]
            .map(|c| c.label().to_owned())
            .to_vec(),
    );
    out.insert(
        Field::Discipline.code().to_owned(),
        [Discipline::Medicine, Discipline::Odontology]
            .map(|d| fr::capitalise_first(d.label()))
            .to_vec(),
    );
    out.insert(
        Field::Sex.code().to_owned(),
        vec![String::new(), "F".into(), "M".into()],
    );
    out.insert(
        Field::ArsAgreement.code().to_owned(),
        vec![String::new(), "Oui".into(), "Non".into()],
    );
    out
}

/// The catalogue the shell exports to the window.
pub fn catalogue() -> Catalogue {
    Catalogue {
        labels: labels(),
        plural_from: fr::PLURAL_FROM,
        fold_examples: fold_examples(),
        date_examples: date_examples(),
        to_fix_examples: (1..=3).map(|n| (n, fr::to_fix(usize::from(n)))).collect(),
        count_examples: [0, 1, 2, 999, 1000, 9121, 10_000, 123_456, 1_234_567]
            .into_iter()
            .map(|n: u32| (n, fr::count(n, "candidat", "candidats")))
            .collect(),
        choices: choices(),
    }
}

/// Every label, by the code the bindings give each value (`"secretary"`, `"not_eligible"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Labels {
    /// Members' roles: « Secrétaire (référent de la faculté) ».
    pub roles: BTreeMap<String, String>,
    /// Attendance at a sitting: « Présent(e) ».
    pub attendance: BTreeMap<String, String>,
    /// A dossier's eligibility: « Non recevable ».
    pub eligibility: BTreeMap<String, String>,
    /// A piece's status, and `none` for a piece nothing was recorded for: « À recevoir ».
    pub piece_status: BTreeMap<String, String>,
    /// Categories as lists and tables name them: « Étudiants ».
    pub categories: BTreeMap<String, String>,
    /// Disciplines: « médecine ».
    pub disciplines: BTreeMap<String, String>,
    /// How members' scores for a criterion are combined.
    pub aggregations: BTreeMap<String, String>,
    /// How PADHUE candidates' academic block is assessed.
    pub padhue_academic: BTreeMap<String, String>,
}

/// The code serde gives `value` (the one the bindings' string unions use).
fn code<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("an enumeration of labels serialises as a string: {other:?}"),
    }
}

fn table<T: Serialize + Copy>(
    values: impl IntoIterator<Item = T>,
    label: impl Fn(T) -> &'static str,
) -> BTreeMap<String, String> {
    values
        .into_iter()
        .map(|v| (code(v), label(v).to_owned()))
        .collect()
}

/// Every label the window shows for core's enumerations.
pub fn labels() -> Labels {
    let mut piece_status = table(
        [
            PieceStatus::Received,
            PieceStatus::Missing,
            PieceStatus::NotCompliant,
            PieceStatus::NotRequired,
        ],
        PieceStatus::label,
    );
    piece_status.insert("none".into(), crate::dossier::NOTHING_RECORDED.into());
    Labels {
        roles: table(Role::ALL, Role::label),
        attendance: table(
            [Attendance::Present, Attendance::Excused, Attendance::Absent],
            Attendance::label,
        ),
        eligibility: table(
            [
                Eligibility::Complete,
                Eligibility::Incomplete,
                Eligibility::NotEligible,
            ],
            Eligibility::label,
        ),
        piece_status,
        categories: table(Category::ALL, Category::label_plural),
        disciplines: table(Discipline::ALL, Discipline::label),
        aggregations: table(
            [Aggregation::Mean, Aggregation::Median, Aggregation::Trimmed],
            Aggregation::label,
        ),
        padhue_academic: table(
            [PadhueAcademic::Waived, PadhueAcademic::Commission],
            PadhueAcademic::label,
        ),
    }
}

/// Names as they are typed and stored, folded by [`fr::search_fold`]: the window's search folds
/// what is typed with the same rule, and its unit test reads these pairs.
pub fn fold_examples() -> Vec<(String, String)> {
    [
        "LEFÈVRE Chloé",
        "Lefevre",
        "BENSAÏD Pierre-Louis",
        "N'DIAYE Aïssatou",
        "CŒUR Lætitia",
        "Œdipe ÆGIR",
        "NGUYỄN Thị",
        "MÜLLER Jürgen",
        "GARÇON Noémie",
        "ÇAKIR Ÿves",
        "Ñúñez Íñigo",
        "O’BRIEN",
        "DUPONT-MOREAU",
    ]
    .into_iter()
    .map(|name| (name.to_owned(), fr::search_fold(name)))
    .collect()
}

/// ISO dates as the forms show them to be typed again ([`fr::date_short`]); the window's
/// one date helper is tested on these pairs.
pub fn date_examples() -> Vec<(String, String)> {
    ["2026-12-01", "2027-01-14", "2024-02-29", "1999-10-09"]
        .into_iter()
        .filter_map(|iso| {
            let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
            Some((iso.to_owned(), fr::date_short(d)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_its_label_under_its_code() {
        let l = labels();
        assert_eq!(l.roles.len(), Role::ALL.len());
        assert_eq!(l.roles["secretary"], "Secrétaire (référent de la faculté)");
        assert_eq!(l.attendance["excused"], "Excusé(e)");
        assert_eq!(l.eligibility["not_eligible"], "Non recevable");
        assert_eq!(l.piece_status["not_compliant"], "Non conforme");
        assert_eq!(l.piece_status["none"], "À recevoir");
        assert_eq!(l.categories["student"], "Étudiants");
        assert_eq!(l.disciplines["odontology"], "odontologie");
        assert_eq!(l.aggregations["trimmed"], Aggregation::Trimmed.label());
        assert_eq!(l.padhue_academic.len(), 2);
    }

    #[test]
    fn folding_takes_ligatures_apart() {
        let examples: BTreeMap<String, String> = fold_examples().into_iter().collect();
        assert_eq!(examples["CŒUR Lætitia"], "coeur laetitia");
        assert_eq!(examples["LEFÈVRE Chloé"], "lefevre chloe");
        assert_eq!(examples["N'DIAYE Aïssatou"], "n'diaye aissatou");
        assert_eq!(
            date_examples()[0],
            ("2026-12-01".into(), "01/12/2026".into())
        );
        assert_eq!(date_examples().len(), 4);
    }

    #[test]
    fn counts_group_their_digits_by_three() {
        let examples: BTreeMap<u32, String> = catalogue().count_examples.into_iter().collect();
        assert_eq!(examples[&1], "1 candidat");
        assert_eq!(examples[&999], "999 candidats");
        assert_eq!(examples[&1000], "1\u{a0}000 candidats");
        assert_eq!(examples[&9121], "9\u{a0}121 candidats");
        assert_eq!(examples[&1_234_567], "1\u{a0}234\u{a0}567 candidats");
        assert_eq!(fr::integer(-12_500), "-12\u{a0}500");
        assert_eq!(fr::integer("12,5"), "12,5");
    }
}
