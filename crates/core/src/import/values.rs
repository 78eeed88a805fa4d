//! Turning what a cell holds into a candidate's field, normalised, or a French reason why
//! not. The same rules serve the import and the hand edits in the candidates table.

use chrono::{Datelike, NaiveDate};

use super::fields::{fold, Field};
use super::read::{serial_1900, serial_1904, Cell};
pub use crate::candidate::{push_shown, show};
use crate::candidate::{CandidateData, Category, Discipline};

/// A field's value after normalisation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value.
    None,
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Real(f64),
    /// Yes / no.
    Bool(bool),
    /// A date.
    Date(NaiveDate),
    /// A category.
    Category(Category),
    /// A discipline.
    Discipline(Discipline),
    /// A rank with its cohort ("123/8500").
    RankOf(i64, i64),
}

/// The context the rules need: today's date (for plausible birth dates) and the
/// workbook's date system.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Today.
    pub today: NaiveDate,
    /// The workbook counts dates from 1904.
    pub date1904: bool,
}

/// Parses `cell` for `field`.
pub fn parse(field: Field, cell: &Cell, ctx: &Context) -> Result<Value, String> {
    if cell.is_blank() {
        return Ok(Value::None);
    }
    // Most cells are text: borrow it rather than copy; numbers and dates are shown only
    // when a rule needs their text (a date or a number read as such needs none).
    let text = || match cell {
        Cell::Text(t) => std::borrow::Cow::Borrowed(t.trim()),
        _ => std::borrow::Cow::Owned(cell.display()),
    };
    match field {
        Field::LastName | Field::BirthName => Ok(Value::Text(upper_name(&text()))),
        Field::FirstNames => Ok(Value::Text(capitalise_name(&text()))),
        Field::BirthDate => {
            let d = date(cell, ctx, true)?;
            let age = ctx.today.year() - d.year();
            if d > ctx.today || !(16..=80).contains(&age) {
                return Err(format!(
                    "date de naissance invraisemblable ({}) : vérifiez l'année",
                    crate::fr::date_short(d)
                ));
            }
            Ok(Value::Date(d))
        }
        Field::DossierReceived => {
            let d = date(cell, ctx, false)?;
            if (d.year() - ctx.today.year()).abs() > 2 {
                return Err(format!(
                    "date de réception invraisemblable ({}) : vérifiez l'année",
                    crate::fr::date_short(d)
                ));
            }
            Ok(Value::Date(d))
        }
        Field::Sex => match fold(&text()).as_str() {
            "f" | "femme" | "feminin" | "mme" | "madame" | "mlle" | "female" | "w" => {
                Ok(Value::Text("F".into()))
            }
            "m" | "h" | "homme" | "masculin" | "monsieur" | "male" => Ok(Value::Text("M".into())),
            _ => Err("sexe non reconnu : écrivez F ou M (ou laissez vide)".into()),
        },
        Field::Email => {
            let e = text().trim().to_lowercase();
            if is_email(&e) {
                Ok(Value::Text(e))
            } else {
                Err("adresse électronique invalide (attendu : prenom.nom@exemple.fr)".into())
            }
        }
        Field::Phone => phone(&text()).map(Value::Text),
        Field::StudentNumber => {
            let s: String = text().split_whitespace().collect::<String>().to_uppercase();
            if s.len() > 30 {
                return Err("numéro étudiant trop long (30 caractères au plus)".into());
            }
            Ok(Value::Text(s))
        }
        Field::Category => category(&text())
            .map(Value::Category)
            .ok_or_else(|| "catégorie non reconnue : écrivez Étudiant, Interne ou PADHUE".into()),
        Field::Discipline => discipline(&text())
            .map(Value::Discipline)
            .ok_or_else(|| "discipline non reconnue : écrivez Médecine ou Odontologie".into()),
        Field::StudyYear
        | Field::Specialty
        | Field::PracticeMode
        | Field::Region
        | Field::Notes => Ok(Value::Text(clean(&text()))),
        Field::Nationality => Ok(Value::Text(crate::fr::capitalise_first(&clean(&text())))),
        Field::NationalRank => rank(cell),
        Field::CohortSize => match count(cell) {
            Some(n) if n > 0 => Ok(Value::Int(n)),
            _ => Err(format!(
                "effectif « {} » illisible (attendu : un nombre entier positif, 8500 ou 8 500)",
                cell.display()
            )),
        },
        Field::AverageN1 | Field::AverageN2 => average(cell).map(Value::Real),
        Field::ArsAgreement => match cell {
            Cell::Bool(b) => Ok(Value::Bool(*b)),
            _ => match fold(&text()).as_str() {
                "oui" | "o" | "yes" | "y" | "x" | "vrai" | "true" | "1" | "recu" | "obtenu"
                | "favorable" | "accord" => Ok(Value::Bool(true)),
                "non" | "n" | "no" | "faux" | "false" | "0" | "defavorable" | "refus"
                | "en attente" | "attente" => Ok(Value::Bool(false)),
                _ => Err("accord de l'ARS non reconnu : écrivez oui ou non".into()),
            },
        },
    }
}

fn clean(text: &str) -> String {
    let t = text.trim();
    if !t.contains(|c: char| c.is_whitespace() && c != ' ') && !t.contains("  ") {
        return t.to_owned();
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Dupont-moreau " -> "DUPONT-MOREAU"; accents kept ("Lefèvre" -> "LEFÈVRE").
pub fn upper_name(text: &str) -> String {
    clean(text).to_uppercase()
}

/// "MARIE-ÈVE" -> "Marie-Ève"; "jean pierre" -> "Jean Pierre"; "d'arc" -> "D'Arc".
pub fn capitalise_name(text: &str) -> String {
    let lower = clean(text).to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for c in lower.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
            if matches!(c, ' ' | '-' | '\'' | '’') {
                start = true;
            }
        }
    }
    out
}

fn is_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.contains(char::is_whitespace)
        && !e.contains(['<', '>', ',', ';'])
}

/// A French phone number as "06 12 34 56 78", or international "+33 6 12 34 56 78".
fn phone(text: &str) -> Result<String, String> {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let bad = || {
        Err("numéro de téléphone invalide (attendu : 06 12 34 56 78 ou +33 6 12 34 56 78)".into())
    };
    if text.chars().any(|c| c.is_alphabetic()) {
        return bad();
    }
    let national = if let Some(rest) = digits.strip_prefix("+33") {
        format!("0{}", rest.trim_start_matches('0'))
    } else if let Some(rest) = digits.strip_prefix("0033") {
        format!("0{}", rest.trim_start_matches('0'))
    } else if digits.len() == 9 && !digits.starts_with('0') {
        // Excel dropped the leading zero of 0612345678.
        format!("0{digits}")
    } else {
        digits.clone()
    };
    if national.len() == 10 && national.starts_with('0') && !national.contains('+') {
        let pairs: Vec<&str> = (0..5).map(|i| &national[i * 2..i * 2 + 2]).collect();
        return Ok(pairs.join(" "));
    }
    if digits.starts_with('+') && (8..=16).contains(&digits.len()) && !digits[1..].contains('+') {
        return Ok(digits);
    }
    bad()
}

/// Whether `word` starts `text` or one of its words (`text` is folded).
fn has_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        || text
            .match_indices(word)
            .any(|(i, _)| i > 0 && text.as_bytes()[i - 1] == b' ')
}

/// Recognises the usual French spellings of a category.
pub fn category(text: &str) -> Option<Category> {
    let f = fold(text);
    let has = |w: &str| has_word(&f, w);
    if has("padhue")
        || f.contains("hors ue")
        || f.contains("hors union")
        || f.contains("diplome hors")
    {
        Some(Category::Padhue)
    } else if has("interne")
        || f == "des"
        || f.starts_with("des ")
        || has("3e cycle")
        || f.contains("troisieme cycle")
        || f.contains("docteur junior")
        || has("intern")
    {
        Some(Category::Intern)
    } else if has("etudiant")
        || has("externe")
        || f.starts_with("dfasm")
        || f.starts_with("dfaso")
        || has("2e cycle")
        || f.contains("deuxieme cycle")
        || has("student")
    {
        Some(Category::Student)
    } else {
        None
    }
}

/// Recognises a discipline, from its name, a year of study ("DFASO1") or a specialty
/// ("Psychiatrie" is medicine, "Chirurgie orale" odontology).
pub fn discipline(text: &str) -> Option<Discipline> {
    let f = fold(text);
    const DENTAL: [&str; 7] = [
        "odonto",
        "dentaire",
        "dentist",
        "dfaso",
        "chirurgie orale",
        "bucco dentaire",
        "orthopedie dento",
    ];
    const MEDICAL: [&str; 30] = [
        "medecine",
        "medicine",
        "medical",
        "dfasm",
        "psychiatr",
        "pediatr",
        "gyneco",
        "obstetri",
        "anesthes",
        "cardio",
        "chirurgie",
        "dermato",
        "endocrino",
        "gastro",
        "hepato",
        "geriatr",
        "hemato",
        "infectio",
        "nephro",
        "neuro",
        "oncolo",
        "ophtalmo",
        "oto rhino",
        "pneumo",
        "radio",
        "rhumato",
        "urgence",
        "urolog",
        "biologie",
        "sante publique",
    ];
    if DENTAL.iter().any(|w| f.contains(w)) {
        Some(Discipline::Odontology)
    } else if f == "med" || f == "orl" || MEDICAL.iter().any(|w| f.contains(w)) {
        Some(Discipline::Medicine)
    } else {
        None
    }
}

/// What a date should look like, said after a refusal.
const DATE_EXPECTED: &str = "(attendu : jj/mm/aaaa, par exemple 16/01/2001)";

/// Why `text`, written as a day, a month and a year, is no date: « février 2001 n'a que 28
/// jours », « il n'y a pas de mois 13 »; `None` when it is not written so. `year` reads a
/// year from its digits (two-digit years depend on the field).
fn no_such_day(text: &str, year: impl Fn(&str) -> Option<i32>) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // 2001-02-31 as well as 31/02/2001.
    let (d, m, y) = if parts[0].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        (parts[0], parts[1], parts[2])
    };
    let (d, m, y) = (d.parse::<u32>().ok()?, m.parse::<u32>().ok()?, year(y)?);
    if !(1..=12).contains(&m) {
        return Some(format!("il n'y a pas de mois {m} {DATE_EXPECTED}"));
    }
    let days = (28..=31)
        .rev()
        .find(|&k| NaiveDate::from_ymd_opt(y, m, k).is_some())?;
    match d {
        0 => Some("il n'y a pas de jour 0".into()),
        d if d > days => Some(format!(
            "{} {y} n'a que {days} jours",
            crate::fr::MONTHS[m as usize - 1]
        )),
        _ => None,
    }
}

/// A two-digit year in full: a birth year cannot be in the future.
fn full_year(y: i32, ctx: &Context, birth: bool) -> i32 {
    let this = ctx.today.year() % 100;
    y + if birth && y > this { 1900 } else { 2000 }
}

fn date(cell: &Cell, ctx: &Context, birth: bool) -> Result<NaiveDate, String> {
    // The value is shown beside the reason (the preview's column, the command line's
    // line): the reason says what is wrong with it, not the value again.
    let bad = || {
        let year = |y: &str| match y.len() {
            2 => y.parse::<i32>().ok().map(|y| full_year(y, ctx, birth)),
            4 => y.parse().ok(),
            _ => None,
        };
        match no_such_day(&cell.display(), year) {
            Some(why) => format!("date invalide : {why}"),
            None => format!("date invalide {DATE_EXPECTED}"),
        }
    };
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) => {
            let d = if ctx.date1904 {
                serial_1904(*n)
            } else {
                serial_1900(*n)
            };
            d.ok_or_else(bad)
        }
        _ => {
            let text = cell.display();
            let t = text.trim();
            // A serial number typed as text in a CSV.
            if let Ok(n) = t.parse::<f64>() {
                if (10_000.0..80_000.0).contains(&n) {
                    return serial_1900(n).ok_or_else(bad);
                }
                return Err(bad());
            }
            // "2001-01-16T00:00:00" from some exports.
            let t = t.split(['T', ' ']).next().unwrap_or(t);
            let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
            if parts.len() == 3 && parts[2].len() == 2 && parts[0].len() <= 2 {
                let (d, m, y) = (
                    parts[0].parse::<u32>().map_err(|_| bad())?,
                    parts[1].parse::<u32>().map_err(|_| bad())?,
                    parts[2].parse::<i32>().map_err(|_| bad())?,
                );
                return NaiveDate::from_ymd_opt(full_year(y, ctx, birth), m, d).ok_or_else(bad);
            }
            crate::fr::parse_date(t).ok_or_else(bad)
        }
    }
}

fn number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        _ => {
            let t = cell.display();
            let t = t.trim().replace(['\u{a0}', ' ', '\u{202f}'], "");
            let t = t.split('/').next().unwrap_or(&t).replace(',', ".");
            t.parse::<f64>().ok().filter(|n| n.is_finite())
        }
    }
}

fn whole(cell: &Cell) -> Option<i64> {
    number(cell)
        .filter(|n| n.fract() == 0.0 && n.abs() < 1e12)
        .map(|n| n as i64)
}

fn average(cell: &Cell) -> Result<f64, String> {
    let text = || cell.display();
    // A number read as such is its own value; anything else may say its scale.
    if !matches!(cell, Cell::Number(_)) {
        let text = text();
        if let Some((_, scale)) = text.split_once('/') {
            if scale.trim() != "20" {
                return Err(format!(
                    "moyenne « {text} » : seules les notes sur 20 sont acceptées"
                ));
            }
        }
    }
    match number(cell) {
        Some(n) if (0.0..=20.0).contains(&n) => Ok((n * 100.0).round() / 100.0),
        Some(n) => Err(format!(
            "moyenne hors de l'échelle 0–20 ({})",
            crate::fr::number(n, 2)
        )),
        None => Err(format!("moyenne « {} » illisible (attendu : 12,5)", text())),
    }
}

fn rank(cell: &Cell) -> Result<Value, String> {
    let illegible = |text: &str| format!("rang « {text} » illisible (attendu : 123 ou 123/8500)");
    // A number read as such is a rank when it is whole and positive; its text is not read
    // (12,5 is not « 12 sur 5 »).
    if let Cell::Number(_) = cell {
        return match count(cell) {
            Some(r) if r > 0 => Ok(Value::Int(r)),
            _ => Err(illegible(&cell.display())),
        };
    }
    let text = cell.display();
    let bad = || illegible(&text);
    // The rank and the cohort are parted by « / » or a word (« sur », « on », « of »); each
    // may group its digits by three (« 1 204 sur 8 791 »): a space alone parts nothing.
    let mut parted = format!(
        " {} ",
        text.to_lowercase().replace(['\u{a0}', '\u{202f}'], " ")
    );
    for word in [" sur ", " on ", " of "] {
        parted = parted.replace(word, "/");
    }
    let sides: Vec<&str> = parted.split('/').map(str::trim).collect();
    match sides.as_slice() {
        [_] => match count(cell) {
            Some(r) if r > 0 => Ok(Value::Int(r)),
            _ => Err(bad()),
        },
        [r, c] => {
            let (r, c) = (
                grouped_whole(r).ok_or_else(bad)?,
                grouped_whole(c).ok_or_else(bad)?,
            );
            if r <= 0 || c <= 0 {
                Err(bad())
            } else if r > c {
                Err(format!("rang {r} supérieur à l'effectif {c}"))
            } else {
                Ok(Value::RankOf(r, c))
            }
        }
        _ => Err(bad()),
    }
}

/// A count as a list writes it (a rank alone, a cohort's size): a number cell that is
/// whole, or text whose digits may be grouped by three (« 8 791 »), or a whole number
/// written with decimals (« 456,0 ») if no space parts it; none when a space groups
/// nothing (« 12 8500 »).
fn count(cell: &Cell) -> Option<i64> {
    if let Cell::Number(_) = cell {
        return whole(cell);
    }
    let text = cell.display().replace(['\u{a0}', '\u{202f}'], " ");
    let text = text.trim();
    grouped_whole(text).or_else(|| whole(cell).filter(|_| !text.contains(' ')))
}

/// A whole number as French writes it, its digits maybe grouped by three with spaces
/// (« 8 791 »); none when it is anything else (« 12 8500 »).
fn grouped_whole(text: &str) -> Option<i64> {
    let groups: Vec<&str> = text.split_whitespace().collect();
    let (first, rest) = groups.split_first()?;
    let grouped = rest.is_empty() || (first.len() <= 3 && rest.iter().all(|g| g.len() == 3));
    let digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !grouped || !digits {
        return None;
    }
    groups.concat().parse().ok()
}

/// Writes a parsed value into the candidate.
pub fn set(c: &mut CandidateData, field: Field, v: Value) {
    let text = |v: &Value| match v {
        Value::Text(t) if !t.is_empty() => Some(t.clone()),
        _ => None,
    };
    let date = |v: &Value| match v {
        Value::Date(d) => Some(d.format("%Y-%m-%d").to_string()),
        _ => None,
    };
    match field {
        Field::LastName => c.last_name = text(&v).unwrap_or_default(),
        Field::FirstNames => c.first_names = text(&v).unwrap_or_default(),
        Field::BirthName => c.birth_name = text(&v),
        Field::BirthDate => c.birth_date = date(&v),
        Field::Sex => c.sex = text(&v),
        Field::Email => c.email = text(&v),
        Field::Phone => c.phone = text(&v),
        Field::StudentNumber => c.student_number = text(&v),
        Field::Category => {
            c.category = match v {
                Value::Category(x) => Some(x),
                _ => None,
            }
        }
        Field::Discipline => {
            c.discipline = match v {
                Value::Discipline(x) => Some(x),
                _ => None,
            }
        }
        Field::StudyYear => c.study_year = text(&v),
        Field::Specialty => c.specialty = text(&v),
        Field::PracticeMode => c.practice_mode = text(&v),
        Field::Region => c.region = text(&v),
        Field::NationalRank => match v {
            Value::Int(r) => c.national_rank = Some(r),
            Value::RankOf(r, n) => {
                c.national_rank = Some(r);
                c.cohort_size = Some(n);
            }
            _ => c.national_rank = None,
        },
        Field::CohortSize => {
            c.cohort_size = match v {
                Value::Int(n) => Some(n),
                _ => None,
            }
        }
        Field::AverageN1 => {
            c.average_n1 = match v {
                Value::Real(x) => Some(x),
                _ => None,
            }
        }
        Field::AverageN2 => {
            c.average_n2 = match v {
                Value::Real(x) => Some(x),
                _ => None,
            }
        }
        Field::ArsAgreement => {
            c.ars_agreement = match v {
                Value::Bool(b) => Some(b),
                _ => None,
            }
        }
        Field::Nationality => c.nationality = text(&v),
        Field::DossierReceived => c.dossier_received = date(&v),
        Field::Notes => c.notes = text(&v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context {
            today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            date1904: false,
        }
    }

    fn p(field: Field, text: &str) -> Result<Value, String> {
        parse(field, &Cell::Text(text.into()), &ctx())
    }

    #[test]
    fn names_are_normalised_with_accents_kept() {
        assert_eq!(
            p(Field::LastName, "  Lefèvre  "),
            Ok(Value::Text("LEFÈVRE".into()))
        );
        assert_eq!(
            p(Field::FirstNames, "MARIE-ÈVE"),
            Ok(Value::Text("Marie-Ève".into()))
        );
        assert_eq!(
            p(Field::FirstNames, "jean  pierre"),
            Ok(Value::Text("Jean Pierre".into()))
        );
        assert_eq!(
            p(Field::LastName, "n'diaye"),
            Ok(Value::Text("N'DIAYE".into()))
        );
    }

    #[test]
    fn dates_in_every_form_french_users_meet() {
        let d = Value::Date(NaiveDate::from_ymd_opt(2001, 1, 16).unwrap());
        assert_eq!(p(Field::BirthDate, "16/01/2001"), Ok(d.clone()));
        assert_eq!(p(Field::BirthDate, "16/1/01"), Ok(d.clone()));
        assert_eq!(p(Field::BirthDate, "2001-01-16"), Ok(d.clone()));
        assert_eq!(p(Field::BirthDate, "36907"), Ok(d.clone()));
        assert_eq!(
            parse(Field::BirthDate, &Cell::Number(36907.0), &ctx()),
            Ok(d.clone())
        );
        let mac = Context {
            date1904: true,
            ..ctx()
        };
        assert_eq!(parse(Field::BirthDate, &Cell::Number(35445.0), &mac), Ok(d));
        // 16/1/99 is 1999, not 2099.
        assert_eq!(
            p(Field::BirthDate, "16/1/99"),
            Ok(Value::Date(NaiveDate::from_ymd_opt(1999, 1, 16).unwrap()))
        );
        assert_eq!(
            p(Field::BirthDate, "31/02/2001").unwrap_err(),
            "date invalide : février 2001 n'a que 28 jours"
        );
        assert_eq!(
            p(Field::BirthDate, "30/02/00").unwrap_err(),
            "date invalide : février 2000 n'a que 29 jours"
        );
        assert_eq!(
            p(Field::BirthDate, "1999-13-01").unwrap_err(),
            "date invalide : il n'y a pas de mois 13 (attendu : jj/mm/aaaa, par exemple 16/01/2001)"
        );
        assert_eq!(
            p(Field::BirthDate, "le 3 mai").unwrap_err(),
            "date invalide (attendu : jj/mm/aaaa, par exemple 16/01/2001)"
        );
        assert!(p(Field::BirthDate, "16/01/2020")
            .unwrap_err()
            .contains("invraisemblable"));
    }

    #[test]
    fn numbers_with_a_decimal_comma() {
        assert_eq!(p(Field::AverageN1, "12,5"), Ok(Value::Real(12.5)));
        assert_eq!(p(Field::AverageN1, "14,25/20"), Ok(Value::Real(14.25)));
        assert!(p(Field::AverageN1, "25").unwrap_err().contains("0–20"));
        assert!(p(Field::AverageN1, "15/100")
            .unwrap_err()
            .contains("sur 20"));
        assert_eq!(
            p(Field::NationalRank, "123/8500"),
            Ok(Value::RankOf(123, 8500))
        );
        // Digits grouped by three, as French writes them, are one number.
        assert_eq!(
            p(Field::NationalRank, "123 sur 8 500"),
            Ok(Value::RankOf(123, 8500))
        );
        assert_eq!(p(Field::NationalRank, "1 204"), Ok(Value::Int(1204)));
        assert_eq!(
            p(Field::NationalRank, "1\u{202f}204 / 8\u{a0}791"),
            Ok(Value::RankOf(1204, 8791))
        );
        assert_eq!(
            p(Field::NationalRank, "12 8500"),
            Err("rang « 12 8500 » illisible (attendu : 123 ou 123/8500)".into())
        );
        assert_eq!(
            p(Field::NationalRank, "123 sur 8 500 sur 9"),
            Err("rang « 123 sur 8 500 sur 9 » illisible (attendu : 123 ou 123/8500)".into())
        );
        // A number read as such: whole, or refused as written (12,5 is not 12 on 5).
        let ctx = ctx();
        assert_eq!(
            parse(Field::NationalRank, &Cell::Number(1204.0), &ctx),
            Ok(Value::Int(1204))
        );
        assert_eq!(
            parse(Field::NationalRank, &Cell::Number(12.5), &ctx),
            Err("rang « 12,5 » illisible (attendu : 123 ou 123/8500)".into())
        );
        assert_eq!(p(Field::NationalRank, "456"), Ok(Value::Int(456)));
        assert_eq!(
            p(Field::NationalRank, "RANG 12"),
            Err("rang « RANG 12 » illisible (attendu : 123 ou 123/8500)".into())
        );
        assert!(p(Field::NationalRank, "9000/8500")
            .unwrap_err()
            .contains("supérieur"));
    }

    #[test]
    fn a_cohort_size_is_read_as_a_rank_is() {
        let ctx = ctx();
        for (typed, size) in [
            ("8500", 8500),
            ("8 500", 8500),
            ("8\u{a0}500", 8500),
            ("8500,0", 8500),
        ] {
            assert_eq!(p(Field::CohortSize, typed), Ok(Value::Int(size)), "{typed}");
        }
        assert_eq!(
            parse(Field::CohortSize, &Cell::Number(8791.0), &ctx),
            Ok(Value::Int(8791))
        );
        // A space that groups nothing was a typing slip, not one number (it used to read
        // 128500 here while the rank refused it).
        for typed in ["12 8500", "85 00", "8500,5", "0", "-3", "huit mille"] {
            assert_eq!(
                p(Field::CohortSize, typed),
                Err(format!(
                    "effectif « {typed} » illisible (attendu : un nombre entier positif, 8500 ou 8 500)"
                )),
                "{typed}"
            );
        }
        assert_eq!(
            parse(Field::CohortSize, &Cell::Number(12.5), &ctx),
            Err(
                "effectif « 12,5 » illisible (attendu : un nombre entier positif, 8500 ou 8 500)"
                    .into()
            )
        );
    }

    #[test]
    fn categories_in_usual_french_spellings() {
        for (t, c) in [
            ("Étudiant", Category::Student),
            ("externe", Category::Student),
            ("DFASM1", Category::Student),
            ("Interne", Category::Intern),
            ("DES", Category::Intern),
            ("Docteur junior", Category::Intern),
            ("PADHUE", Category::Padhue),
            ("Praticien à diplôme hors UE", Category::Padhue),
        ] {
            assert_eq!(category(t), Some(c), "{t}");
        }
        assert_eq!(category("Pharmacien"), None);
        assert_eq!(
            discipline("Chirurgie dentaire"),
            Some(Discipline::Odontology)
        );
        assert_eq!(discipline("Médecine"), Some(Discipline::Medicine));
    }

    #[test]
    fn emails_and_phones_are_checked() {
        assert_eq!(
            p(Field::Email, " Zoe.Lefevre@Etu.Univ.fr "),
            Ok(Value::Text("zoe.lefevre@etu.univ.fr".into()))
        );
        assert!(p(Field::Email, "zoe.lefevre@").is_err());
        assert_eq!(
            p(Field::Phone, "06.12.34.56.78"),
            Ok(Value::Text("06 12 34 56 78".into()))
        );
        assert_eq!(
            p(Field::Phone, "+33 6 12 34 56 78"),
            Ok(Value::Text("06 12 34 56 78".into()))
        );
        assert_eq!(
            parse(Field::Phone, &Cell::Number(612345678.0), &ctx()),
            Ok(Value::Text("06 12 34 56 78".into()))
        );
        assert!(p(Field::Phone, "appeler le soir").is_err());
        assert!(p(Field::Phone, "12 34").is_err());
    }
}
