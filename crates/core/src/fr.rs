//! French formatting, in one place: dates, times, numbers, as the users read them.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Europe::Paris;

pub(crate) const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn weekday(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// "jeudi 16 janvier 2025" (the first of the month is "1er").
pub fn date_long(d: NaiveDate) -> String {
    let day = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    format!(
        "{} {} {} {}",
        weekday(d.weekday()),
        day,
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// "16/01/2025".
pub fn date_short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "14 h 30", "9 h", with no-break spaces: a line never breaks inside a time.
pub fn time(hour: u32, minute: u32) -> String {
    if minute == 0 {
        format!("{hour}\u{a0}h")
    } else {
        format!("{hour}\u{a0}h\u{a0}{minute:02}")
    }
}

/// A moment's time of day in Paris: "14 h 32".
pub fn clock_time(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Paris);
    time(local.hour(), local.minute())
}

/// An RFC 3339 UTC timestamp shown in Paris time: "22/11/2026 à 17 h 05".
pub fn timestamp(rfc3339: &str) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => {
            let local = t.with_timezone(&Utc).with_timezone(&Paris);
            format!(
                "{} à {}\u{a0}h\u{a0}{:02}",
                local.format("%d/%m/%Y"),
                local.hour(),
                local.minute()
            )
        }
        Err(_) => rfc3339.to_owned(),
    }
}

/// Items joined the French way: "A", "A et B", "A, B et C".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} et {}", rest.join(", "), last),
    }
}

/// A number with a decimal comma and at most `decimals` decimals, trailing zeros
/// dropped: 12.5 -> "12,5", 10.0 -> "10".
pub fn number(value: f64, decimals: usize) -> String {
    let mut out = String::new();
    push_number(&mut out, value, decimals);
    out
}

/// [`number`] with the digits before the comma grouped by three as [`integer`] does, for a
/// quantity shown to people: 2499.9 -> "2 499,9" (the record of an import keeps
/// [`number`]'s form).
pub fn quantity(value: f64, decimals: usize) -> String {
    let text = number(value, decimals);
    match text.split_once(',') {
        Some((whole, decimals)) => format!("{},{decimals}", integer(whole)),
        None => integer(&text),
    }
}

/// [`number`], written at the end of `out` (no allocation of its own: the import shows
/// two numbers of each of its rows).
pub fn push_number(out: &mut String, value: f64, decimals: usize) {
    use std::fmt::Write;
    let start = out.len();
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let _ = write!(out, "{}", value as i64);
        return;
    }
    let _ = write!(out, "{value:.decimals$}");
    if let Some(point) = out[start..].find('.') {
        // The trims stop at the point at the latest: what came before `start` is kept.
        let kept = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(kept);
        if out.len() > start + point {
            out.replace_range(start + point..start + point + 1, ",");
        }
    }
}

/// The smallest count that takes the plural: French keeps the singular up to one
/// (« 0 contrat », « 1 contrat », « 2 contrats »).
pub const PLURAL_FROM: u8 = 2;

/// « 1 entretien », « 37 entretiens », « 0 entretien » (French: the singular up to one).
pub fn count<N: std::fmt::Display + PartialOrd + From<u8> + Copy>(
    n: N,
    one: &str,
    many: &str,
) -> String {
    format!("{} {}", integer(n), agree(n, one, many))
}

/// A whole number as French writes it: its digits grouped by three from 1 000 on, with
/// no-break spaces (« 9 121 », « 10 000 »); anything else as it is.
pub fn integer(n: impl std::fmt::Display) -> String {
    let s = n.to_string();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", s.as_str()),
    };
    if digits.len() < 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + digits.len());
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// The form that agrees with `n` when the number is not right before it: « 0 membre sur 7
/// a noté », « 3 membres sur 7 ont noté », « elle restera » or « elles resteront » (the same
/// rule as [`count`]).
pub fn agree<'a, N: PartialOrd + From<u8>>(n: N, one: &'a str, many: &'a str) -> &'a str {
    if n >= N::from(PLURAL_FROM) {
        many
    } else {
        one
    }
}

/// Parses a date typed by a French user or stored in ISO form: "16/01/2025", "16/1/25",
/// "2025-01-16".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    let year: i32 = match parts[2].len() {
        2 => 2000 + parts[2].parse::<i32>().ok()?,
        4 => parts[2].parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Text folded for searching as people type: lower case, accents removed, « œ » and
/// « æ » written « oe » and « ae »; other characters stay (hyphens, apostrophes). The
/// window folds what is typed with the same rule (tested on [`crate::catalogue::fold_examples`]).
pub fn search_fold(text: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        for l in c.to_lowercase() {
            match l {
                'œ' => out.push_str("oe"),
                'æ' => out.push_str("ae"),
                l => out.push(l),
            }
        }
    }
    out
}

/// French typography for print: the space before « : », « % » and « € » and inside
/// guillemets becomes a no-break space, the one before « ; », « ! » and « ? » a narrow
/// no-break space, « n° » holds to its number and a number to the word after it
/// (« 17 mars », « 10 contrats »); a line is then never broken before a colon or a
/// closing guillemet. Only existing spaces change: « 8:30 » stays as it is.
pub fn typography(text: &str) -> std::borrow::Cow<'_, str> {
    const NBSP: char = '\u{a0}';
    const NNBSP: char = '\u{202f}';
    if !text.contains(' ') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut previous: [char; 2] = ['\0', '\0'];
    while let Some(c) = chars.next() {
        let c = if c == ' ' {
            // A word follows, not a one-letter « à » or « h ».
            let word = chars.clone().take(2).filter(|c| c.is_alphabetic()).count() == 2;
            match chars.peek() {
                Some(':' | '»' | '%' | '€') => NBSP,
                Some(';' | '!' | '?') => NNBSP,
                _ if previous[1] == '«' => NBSP,
                _ if previous == ['n', '°'] || previous == ['N', '°'] => NBSP,
                _ if previous[1].is_ascii_digit() && word => NBSP,
                _ => ' ',
            }
        } else {
            c
        };
        out.push(c);
        previous = [previous[1], c];
    }
    std::borrow::Cow::Owned(out)
}

/// Text as typed, with runs of spaces, tabs and line breaks made one space and no space
/// at either end.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case, accents removed, every run of punctuation or spaces made one space: how
/// names and headers are compared (imports, duplicates, the journal's filters). The
/// window's search uses [`search_fold`], which keeps hyphens and apostrophes.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        match c {
            'œ' | 'Œ' => {
                out.push_str("oe");
                space = false;
                continue;
            }
            'æ' | 'Æ' => {
                out.push_str("ae");
                space = false;
                continue;
            }
            _ => {}
        }
        let c = strip_accent(c);
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The letter without its accent, for the letters French (and a few neighbours) use.
pub fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'œ' => 'o',
        'Œ' => 'O',
        'æ' => 'a',
        'Æ' => 'A',
        c => c,
    }
}

/// The text with its first letter in upper case ("française" → "Française").
pub fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A CSV field for French Excel (`;`), quoted when it must be.
pub fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A file's name as people read it in a message (« Amiens 2026.cesp »), or the whole path
/// when it has no name.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The spaces people leave inside numbers (« 1 200 », a no-break space, a narrow one).
const SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// A whole number as typed: spaces between digit groups, a leading « - » or « − »;
/// none when the text is empty or is not a whole number (« 3,x », « 2,5 », « trois »).
pub fn parse_whole(text: &str) -> Option<i64> {
    let groups: Vec<&str> = text.trim().split(SPACES).collect();
    // « 1 200 » is a number, « 1 2 » is not.
    if groups.iter().skip(1).any(|g| g.len() != 3) {
        return None;
    }
    let t = groups.concat();
    let (negative, digits) = match t.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, t.as_str()),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if negative { -n } else { n })
}

/// A decimal as typed (« 12,5 », « 12.5 », « 1 200 »), in hundredths; none when the text
/// is empty, not a number or has more than two decimals.
pub fn parse_hundredths(text: &str) -> Option<i64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !SPACES.contains(c))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    parse_plain_hundredths(&t)
}

/// A decimal in French or English ("3,5", "3.5", " 4 "), to hundredths; more than two
/// decimals is refused.
fn parse_plain_hundredths(text: &str) -> Option<i64> {
    let t = text.trim().replace(',', ".").replace(['\u{a0}', ' '], "");
    if t.is_empty() || t.starts_with('+') {
        return None;
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, f),
        None => (t.as_str(), ""),
    };
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let negative = int.starts_with('-');
    let digits = int.trim_start_matches('-');
    if (digits.is_empty() && frac.is_empty())
        || !digits.chars().all(|c| c.is_ascii_digit())
        || digits.len() > 9
    {
        return None;
    }
    let i: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let f: i64 = format!("{frac:0<2}").parse().ok()?;
    let v = i * 100 + f;
    Some(if negative { -v } else { v })
}

/// How many points of a form or a file are to correct: « 1 point est à corriger »,
/// « 3 points sont à corriger ». The app, the command line and the errors all say it so.
pub fn to_fix(n: usize) -> String {
    format!("{} à corriger", count(n, "point est", "points sont"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_typography_holds_punctuation_to_its_word() {
        assert_eq!(
            typography("Excusés : Mme BRETON ; absents ? « Oui » à 45 % n° 12"),
            "Excusés\u{a0}: Mme BRETON\u{202f}; absents\u{202f}? «\u{a0}Oui\u{a0}» à 45\u{a0}% n°\u{a0}12"
        );
        assert_eq!(typography("de 8:30 à 12:00"), "de 8:30 à 12:00");
        assert_eq!(
            typography("le 17 mars 2020, 10 contrats"),
            "le 17\u{a0}mars 2020, 10\u{a0}contrats"
        );
        assert!(matches!(
            typography("Amiens"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn counts_agree_in_french_singular_up_to_one() {
        assert_eq!(
            count(0, "ligne rejetée", "lignes rejetées"),
            "0 ligne rejetée"
        );
        assert_eq!(
            count(1_usize, "candidat créé", "candidats créés"),
            "1 candidat créé"
        );
        assert_eq!(
            count(2_i64, "candidat créé", "candidats créés"),
            "2 candidats créés"
        );
        assert_eq!(agree(0, "est annulée", "sont annulées"), "est annulée");
        assert_eq!(agree(1_u32, "est annulée", "sont annulées"), "est annulée");
        assert_eq!(
            agree(2_u32, "est annulée", "sont annulées"),
            "sont annulées"
        );
        assert_eq!(
            format!(
                "{} sur 7 {} noté",
                count(3, "membre", "membres"),
                agree(3, "a", "ont")
            ),
            "3 membres sur 7 ont noté"
        );
    }

    #[test]
    fn long_dates_read_like_a_letter() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 16).unwrap();
        assert_eq!(date_long(d), "jeudi 16 janvier 2025");
        let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(date_long(first), "mardi 1er décembre 2026");
        assert_eq!(time(14, 30), "14\u{a0}h\u{a0}30");
        assert_eq!(time(9, 0), "9\u{a0}h");
    }

    #[test]
    fn numbers_use_a_decimal_comma() {
        assert_eq!(number(12.5, 2), "12,5");
        assert_eq!(number(10.0, 2), "10");
        assert_eq!(number(14.256, 2), "14,26");
        assert_eq!(number(9.999, 2), "10");
        assert_eq!(number(-0.5, 2), "-0,5");
        // Written after what the string holds, which it leaves as it is.
        let mut s = String::from("moyenne 10.0 : ");
        push_number(&mut s, 0.75, 2);
        push_number(&mut s, 20.0, 2);
        assert_eq!(s, "moyenne 10.0 : 0,7520");
    }

    #[test]
    fn timestamps_are_shown_in_paris_time() {
        // 16:05 UTC in November is 17:05 in Paris (UTC+1).
        assert_eq!(
            timestamp("2026-11-22T16:05:00.000Z"),
            "22/11/2026 à 17\u{a0}h\u{a0}05"
        );
        // 16:05 UTC in July is 18:05 in Paris (UTC+2).
        assert_eq!(
            timestamp("2026-07-01T16:05:00Z"),
            "01/07/2026 à 18\u{a0}h\u{a0}05"
        );
    }

    #[test]
    fn dates_are_parsed_in_french_forms() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 16);
        assert_eq!(parse_date("16/01/2025"), d);
        assert_eq!(parse_date("16/1/25"), d);
        assert_eq!(parse_date("2025-01-16"), d);
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("demain"), None);
    }
}
