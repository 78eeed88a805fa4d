//! Next year's campaign from this year's: what a campaign file offers to carry over (the
//! commission and its rules, the scoring grid, the checklist of pieces, the allocation
//! rules, the interview organisation with its days moved to the new year, the e-mail
//! settings), read from a private copy of it, and the new campaign created with the parts
//! chosen. Never carried: candidates, dossiers, attachments, scores, plans, lists, minutes,
//! journal.

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::types::Value;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::campaign::{check_academic_year, read_settings, Campaign, CampaignSettings};
use crate::cipher::Passphrase;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::Entry;
use crate::store::Store;
use crate::Refusal;

/// A part of a campaign that can be carried over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CarryPart {
    /// Members (names, roles, votes, e-mails, signature images) and the commission's rules.
    Commission,
    /// The scoring grid: blocks, criteria, scales, weights and descriptors.
    Grid,
    /// The checklist of dossier pieces.
    Checklist,
    /// The allocation rules and the tie-break chain.
    Allocation,
    /// The interview organisation: lengths, buffer, juries, what to bring, contact, and
    /// the days (moved to the new year as the user confirms).
    Interviews,
    /// The e-mail server, sender and signature (the password stays in the keyring).
    Mail,
}

impl CarryPart {
    /// Every part, in the order shown.
    pub const ALL: [CarryPart; 6] = [
        CarryPart::Commission,
        CarryPart::Grid,
        CarryPart::Checklist,
        CarryPart::Allocation,
        CarryPart::Interviews,
        CarryPart::Mail,
    ];

    /// The tables it copies, parents first.
    fn tables(self) -> &'static [&'static str] {
        match self {
            CarryPart::Commission => &["member", "member_signature", "commission_rules"],
            CarryPart::Grid => &["grid_block", "criterion"],
            CarryPart::Checklist => &["piece"],
            CarryPart::Allocation => &["allocation_rules"],
            CarryPart::Interviews => &["schedule_settings", "jury", "jury_member", "schedule_day"],
            CarryPart::Mail => &["mail_settings"],
        }
    }

    /// « la commission », as the journal and the form name it.
    pub fn label(self) -> &'static str {
        match self {
            CarryPart::Commission => "la commission et ses règles",
            CarryPart::Grid => "la grille de notation",
            CarryPart::Checklist => "la liste des pièces du dossier",
            CarryPart::Allocation => "les règles d'attribution et de départage",
            CarryPart::Interviews => "l'organisation des entretiens",
            CarryPart::Mail => "les paramètres de courriel",
        }
    }
}

/// One part as the source has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CarryOffer {
    /// The part.
    pub part: CarryPart,
    /// « La commission et ses règles ».
    pub label: String,
    /// What it holds (« 7 membres, dont 2 avec une image de signature ; quorum, majorité »).
    pub detail: String,
    /// Whether the source has anything of it (otherwise it cannot be chosen).
    pub available: bool,
}

/// A day of interviews of the source and the date proposed for it in the new year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CarriedDay {
    /// « 26/11/2026 ».
    pub was: String,
    /// « jeudi 26 novembre 2026 ».
    pub was_display: String,
    /// The same weekday 52 weeks later, « 25/11/2027 ».
    pub proposed: String,
    /// « jeudi 25 novembre 2027 ».
    pub proposed_display: String,
    /// Why the proposed date cannot be kept as is (a Sunday, a public holiday).
    pub problem: Option<String>,
}

/// What a campaign file offers to carry over.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CarrySource {
    /// « Campagne 2025-2026.cesp ».
    pub file_name: String,
    /// « UFR de médecine — 2025-2026 ».
    pub campaign: String,
    /// The new campaign's settings, pre-filled: the same UFR, the next academic year, the
    /// deadline a year later, last year's quotas (to check).
    pub settings: CampaignSettings,
    /// Each part, with what it holds.
    pub parts: Vec<CarryOffer>,
    /// The days of interviews, with the dates proposed.
    pub days: Vec<CarriedDay>,
    /// SHA-256 of the source's settings and of every part, as the journal records it.
    pub fingerprint: String,
}

/// What the user chose to carry over.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CarryChoice {
    /// The parts to carry.
    pub parts: Vec<CarryPart>,
    /// With the interview organisation: the new date of each day of the source, in the
    /// order of [`CarrySource::days`] (« 25/11/2027 »); empty: the dates proposed.
    #[serde(default)]
    pub days: Vec<String>,
}

/// The French public holiday falling on `d`, if any.
pub fn public_holiday(d: NaiveDate) -> Option<&'static str> {
    let fixed = match (d.month(), d.day()) {
        (1, 1) => Some("jour de l'An"),
        (5, 1) => Some("fête du Travail"),
        (5, 8) => Some("Victoire 1945"),
        (7, 14) => Some("fête nationale"),
        (8, 15) => Some("Assomption"),
        (11, 1) => Some("Toussaint"),
        (11, 11) => Some("Armistice 1918"),
        (12, 25) => Some("Noël"),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let easter = easter(d.year())?;
    match (d - easter).num_days() {
        1 => Some("lundi de Pâques"),
        39 => Some("Ascension"),
        50 => Some("lundi de Pentecôte"),
        _ => None,
    }
}

/// Easter Sunday of `year` (the Gregorian computus, anonymous algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Why interviews cannot be held on `d`: a Sunday or a public holiday.
fn day_problem(d: NaiveDate) -> Option<String> {
    if d.weekday() == Weekday::Sun {
        return Some(format!(
            "Le {} est un dimanche : choisissez un autre jour.",
            fr::date_long(d).split_once(' ').map_or("", |x| x.1)
        ));
    }
    public_holiday(d).map(|name| {
        format!(
            "Le {} est un jour férié ({name}) : choisissez un autre jour.",
            fr::date_long(d)
        )
    })
}

/// « 2026-2027 » → « 2027-2028 ».
fn next_year(year: &str) -> String {
    match year.split_once('-').map(|(a, _)| a.parse::<i32>()) {
        Some(Ok(a)) => format!("{}-{}", a + 1, a + 2),
        _ => year.to_owned(),
    }
}

/// Every row of `table`, as stored.
fn rows(conn: &Connection, table: &str) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table}"))?;
    let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let n = columns.len();
    let rows = stmt
        .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
        .collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
    Ok((columns, rows))
}

fn count(conn: &Connection, sql: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// What the source holds of `part`, in French, and whether it holds anything.
fn offer(conn: &Connection, part: CarryPart) -> Result<CarryOffer> {
    let (detail, available) = match part {
        CarryPart::Commission => {
            let members = count(conn, "SELECT COUNT(*) FROM member")?;
            let signed = count(conn, "SELECT COUNT(*) FROM member_signature")?;
            let mut d = fr::count(members, "membre", "membres");
            if signed > 0 {
                d.push_str(&format!(
                    ", dont {} avec une image de signature",
                    fr::count(signed, "membre", "membres")
                ));
            }
            d.push_str(" ; quorum, majorité et voix prépondérante");
            (d, members > 0)
        }
        CarryPart::Grid => {
            let blocks = count(conn, "SELECT COUNT(*) FROM grid_block")?;
            let criteria = count(conn, "SELECT COUNT(*) FROM criterion")?;
            (
                format!(
                    "{}, {} avec leurs barèmes, coefficients et descripteurs",
                    fr::count(blocks, "bloc", "blocs"),
                    fr::count(criteria, "critère", "critères")
                ),
                criteria > 0,
            )
        }
        CarryPart::Checklist => {
            let pieces = count(conn, "SELECT COUNT(*) FROM piece")?;
            (fr::count(pieces, "pièce", "pièces"), pieces > 0)
        }
        CarryPart::Allocation => (
            "seuil, conditions, taille de la liste complémentaire, ordre de départage".into(),
            true,
        ),
        CarryPart::Interviews => {
            let juries = count(conn, "SELECT COUNT(*) FROM jury")?;
            let days = count(conn, "SELECT COUNT(*) FROM schedule_day")?;
            (
                format!(
                    "durées, {}, {} à reporter sur la nouvelle année",
                    fr::count(juries, "jury", "jurys"),
                    fr::count(days, "journée", "journées")
                ),
                juries + days > 0,
            )
        }
        CarryPart::Mail => {
            let set = count(conn, "SELECT COUNT(*) FROM mail_settings")?;
            (
                if set > 0 {
                    conn.query_row(
                        "SELECT host, sender_address FROM mail_settings WHERE id = 1",
                        [],
                        |r| {
                            Ok(format!(
                                "serveur {}, expéditeur {} (le mot de passe reste dans le trousseau)",
                                r.get::<_, String>(0)?,
                                r.get::<_, String>(1)?
                            ))
                        },
                    )?
                } else {
                    "aucun serveur configuré".into()
                },
                set > 0,
            )
        }
    };
    Ok(CarryOffer {
        part,
        label: fr::capitalise_first(part.label()),
        detail,
        available,
    })
}

/// SHA-256 of the source's settings and of the rows of every part.
fn fingerprint(conn: &Connection) -> Result<String> {
    let mut h = Sha256::new();
    let settings = read_settings(conn)?;
    h.update(serde_json::to_vec(&settings).unwrap_or_default());
    for part in CarryPart::ALL {
        for table in part.tables() {
            let (columns, rows) = rows(conn, table)?;
            h.update(table.as_bytes());
            h.update(columns.join(",").as_bytes());
            for row in rows {
                for v in row {
                    h.update(format!("{v:?}").as_bytes());
                    h.update([0x1f]);
                }
                h.update([0x1e]);
            }
        }
    }
    Ok(crate::journal::hex(&h.finalize()))
}

/// The days of interviews of the source, with the dates proposed (the same weekday 52
/// weeks later) and what is wrong with them.
fn days(conn: &Connection) -> Result<Vec<CarriedDay>> {
    let mut stmt = conn.prepare("SELECT date FROM schedule_day ORDER BY date")?;
    let dates = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(dates
        .iter()
        .filter_map(|d| fr::parse_date(d))
        .map(|was| {
            let proposed = was + Duration::weeks(52);
            CarriedDay {
                was: fr::date_short(was),
                was_display: fr::date_long(was),
                proposed: fr::date_short(proposed),
                proposed_display: fr::date_long(proposed),
                problem: day_problem(proposed),
            }
        })
        .collect())
}

/// The source's name for messages.
fn source_name(path: &Path) -> String {
    fr::file_name(path)
}

/// Reads what the campaign file at `path` offers to carry over (an encrypted one needs
/// its passphrase `key`); the file is never written.
pub fn carry_source(path: &Path, key: Option<&Passphrase>) -> Result<CarrySource> {
    let snapshot = Store::snapshot(path, key)?;
    let conn = snapshot.conn();
    let old = read_settings(conn)?;
    let mut settings = old.clone();
    settings.academic_year = next_year(&old.academic_year);
    settings.dossier_deadline = old
        .deadline()
        .and_then(|d| d.with_year(d.year() + 1))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    Ok(CarrySource {
        file_name: source_name(path),
        campaign: format!("{} — {}", old.ufr_name, old.academic_year),
        settings,
        parts: CarryPart::ALL
            .iter()
            .map(|p| offer(conn, *p))
            .collect::<Result<_>>()?,
        days: days(conn)?,
        fingerprint: fingerprint(conn)?,
    })
}

/// Copies the tables of `part` from `from` into `tx`, their rows replacing the new file's
/// defaults (children emptied first, parents filled first).
fn copy_part(from: &Connection, tx: &Transaction, part: CarryPart) -> Result<()> {
    for table in part.tables().iter().rev() {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    for table in part.tables() {
        copy_table(from, tx, table)?;
    }
    Ok(())
}

/// Copies the rows of `table` from `from` into `tx`.
fn copy_table(from: &Connection, tx: &Transaction, table: &str) -> Result<usize> {
    let (columns, rows) = rows(from, table)?;
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        vec!["?"; columns.len()].join(", ")
    );
    for row in &rows {
        tx.execute(&sql, rusqlite::params_from_iter(row.iter()))?;
    }
    Ok(rows.len())
}

/// The new dates of the carried days, checked: each a date of the new academic year,
/// neither a Sunday nor a public holiday, none twice.
fn new_days(
    source: &CarrySource,
    choice: &CarryChoice,
    year: &str,
) -> std::result::Result<Vec<(NaiveDate, NaiveDate)>, Vec<FieldIssue>> {
    let wanted: Vec<String> = if choice.days.is_empty() {
        source.days.iter().map(|d| d.proposed.clone()).collect()
    } else {
        choice.days.clone()
    };
    let mut issues = Vec::new();
    if wanted.len() != source.days.len() {
        issues.push(FieldIssue::new(
            "days",
            format!(
                "{} à reporter, {} donnée{} : indiquez une date pour chaque journée.",
                fr::count(source.days.len(), "journée", "journées"),
                wanted.len(),
                if wanted.len() > 1 { "s" } else { "" }
            ),
        ));
        return Err(issues);
    }
    let first: i32 = year.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let (start, end) = (
        NaiveDate::from_ymd_opt(first, 9, 1),
        NaiveDate::from_ymd_opt(first + 1, 8, 31),
    );
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (i, (text, day)) in wanted.iter().zip(&source.days).enumerate() {
        let field = format!("days.{i}");
        let Some(d) = fr::parse_date(text) else {
            issues.push(FieldIssue::new(
                field,
                format!(
                    "« {text} » n'est pas une date (journée du {}) : écrivez-la JJ/MM/AAAA.",
                    day.was_display
                ),
            ));
            continue;
        };
        if let (Some(s), Some(e)) = (start, end) {
            if d < s || d > e {
                issues.push(FieldIssue::new(
                    field,
                    format!(
                        "Le {} n'est pas dans l'année universitaire {year} : choisissez une date entre le {} et le {}.",
                        fr::date_long(d),
                        fr::date_long(s),
                        fr::date_long(e)
                    ),
                ));
                continue;
            }
        }
        if let Some(why) = day_problem(d) {
            issues.push(FieldIssue::new(field, why));
            continue;
        }
        if out.iter().any(|(_, x)| *x == d) {
            issues.push(FieldIssue::new(
                field,
                format!("Le {} est donné pour deux journées.", fr::date_long(d)),
            ));
            continue;
        }
        out.push((fr::parse_date(&day.was).unwrap_or(d), d));
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// The new campaign's settings and choice, checked against the source.
struct Prepared {
    settings: CampaignSettings,
    parts: Vec<CarryPart>,
    moved_days: Vec<(NaiveDate, NaiveDate)>,
    old_year: String,
}

/// Checks `settings` and `choice` against `source`: a later academic year, the juries with
/// their members, each day's new date.
fn prepare(
    source: &CarrySource,
    settings: &CampaignSettings,
    choice: &CarryChoice,
) -> Result<Prepared> {
    let settings = settings.validated()?;
    let old_year = source
        .campaign
        .rsplit(" — ")
        .next()
        .unwrap_or_default()
        .to_owned();
    if check_academic_year(&old_year).is_ok() && settings.academic_year <= old_year {
        return Err(Error::Validation(vec![FieldIssue::new(
            "academic_year",
            format!(
                "« {} » est la campagne {old_year} : la nouvelle campagne doit être d'une année suivante (par exemple {}).",
                source.file_name,
                next_year(&old_year)
            ),
        )]));
    }
    let mut parts = choice.parts.clone();
    parts.sort();
    parts.dedup();
    if parts.contains(&CarryPart::Interviews) && !parts.contains(&CarryPart::Commission) {
        return Err(Error::Refused(
            Refusal::CarryNeedsCommission,
            "Les jurys sont faits des membres de la commission : reprenez aussi la commission, ou ne reprenez pas l'organisation des entretiens.".into(),
        ));
    }
    let moved_days = if parts.contains(&CarryPart::Interviews) {
        new_days(source, choice, &settings.academic_year).map_err(Error::Validation)?
    } else {
        Vec::new()
    };
    Ok(Prepared {
        settings,
        parts,
        moved_days,
        old_year,
    })
}

/// Checks, before anything is created (and before the user is asked where to save), what
/// [`Campaign::create_from`] would refuse in `settings` and `choice`, against `source`
/// (the [`carry_source`] the user chose from: it is not read again).
pub fn check_carry(
    source: &CarrySource,
    settings: &CampaignSettings,
    choice: &CarryChoice,
) -> Result<()> {
    prepare(source, settings, choice).map(|_| ())
}

impl Campaign {
    /// Creates next year's campaign at `path` with `settings`, carrying over from the
    /// campaign file `from` (its passphrase `from_key`) the parts chosen; the interview
    /// days take the dates the user confirmed. The new file's journal says where it came
    /// from (file, campaign, fingerprint) and what was carried. Refused, with nothing
    /// created: a source that is not a campaign, newer, open elsewhere, of the same or a
    /// later year; interviews without the commission; a day on a Sunday or a holiday.
    #[allow(clippy::too_many_arguments)]
    pub fn create_from(
        path: &Path,
        replace: bool,
        key: Option<&Passphrase>,
        settings: &CampaignSettings,
        from: &Path,
        from_key: Option<&Passphrase>,
        choice: &CarryChoice,
        operator: &str,
    ) -> Result<Campaign> {
        let source = carry_source(from, from_key)?;
        let Prepared {
            settings,
            parts,
            moved_days,
            old_year,
        } = prepare(&source, settings, choice)?;
        let snapshot = Store::snapshot(from, from_key)?;
        let old = snapshot.conn();
        // Last year's figures (not its personal data) travel in the journal line.
        let previous_totals = {
            let last = Campaign::open_read_only_with(snapshot.path(), from_key)?;
            let figures = crate::bilan::figures(&last)?;
            figures.total.as_changes(&old_year)
        };
        let carried: Vec<String> = parts
            .iter()
            .map(|p| {
                let o = source.parts.iter().find(|o| o.part == *p);
                format!(
                    "{} ({})",
                    p.label(),
                    o.map(|o| o.detail.as_str()).unwrap_or_default()
                )
            })
            .collect();
        let summary = format!(
            "Campagne créée à partir de « {} » ({}, empreinte {}) : {}. Jamais reprises : candidats, dossiers, pièces jointes, notes, plannings, listes, procès-verbaux, journal.",
            source.file_name,
            source.campaign,
            &source.fingerprint[..16],
            if carried.is_empty() {
                "rien n'est repris".to_owned()
            } else {
                format!("reprises : {}", fr::list(&carried))
            }
        );
        Campaign::create_filled(path, replace, key, &settings, operator, |tx| {
            for part in &parts {
                copy_part(old, tx, *part)?;
            }
            // Every date first moved out of the way, then to its new day (two days may
            // swap).
            tx.execute("UPDATE schedule_day SET date = 'reporté-' || date", [])?;
            for (was, now) in &moved_days {
                tx.execute(
                    "UPDATE schedule_day SET date = ?1 WHERE date = 'reporté-' || ?2",
                    rusqlite::params![
                        now.format("%Y-%m-%d").to_string(),
                        was.format("%Y-%m-%d").to_string()
                    ],
                )?;
            }
            tx.execute("DELETE FROM schedule_day WHERE date LIKE 'reporté-%'", [])?;
            let mut entry = Entry::new("campaign.carry", summary);
            entry.changes = previous_totals;
            Ok(Some(entry))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    #[test]
    fn french_public_holidays() {
        assert_eq!(easter(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter(2026), Some(d(2026, 4, 5)));
        assert_eq!(public_holiday(d(2027, 3, 29)), Some("lundi de Pâques"));
        assert_eq!(public_holiday(d(2027, 5, 6)), Some("Ascension"));
        assert_eq!(public_holiday(d(2027, 5, 17)), Some("lundi de Pentecôte"));
        assert_eq!(public_holiday(d(2027, 11, 11)), Some("Armistice 1918"));
        assert_eq!(public_holiday(d(2027, 11, 12)), None);
        assert_eq!(
            day_problem(d(2027, 11, 11)).as_deref(),
            Some("Le jeudi 11 novembre 2027 est un jour férié (Armistice 1918) : choisissez un autre jour.")
        );
        assert_eq!(
            day_problem(d(2027, 11, 14)).as_deref(),
            Some("Le 14 novembre 2027 est un dimanche : choisissez un autre jour.")
        );
        assert_eq!(next_year("2026-2027"), "2027-2028");
    }
}
