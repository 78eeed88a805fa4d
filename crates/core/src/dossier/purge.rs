//! Personal data of candidates who were not retained: kept for a number of months after
//! the end of the campaign (a setting), then « Purger » exports them and erases them from
//! the file (names, contact details, academic data, pieces and attached files), leaving
//! an anonymous line so the counts and the minutes stay coherent.

use crate::Refusal;
use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::Eligibility;
use crate::campaign::Campaign;
use crate::candidate::CandidateData;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{Change, Entry};

/// The retention setting and what a purge would remove today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Retention {
    /// Months the data of candidates not retained is kept after the campaign ends.
    pub months: i64,
    /// The day the campaign ends (31 August of its academic year), French.
    pub campaign_end: String,
    /// From when a purge is possible, French.
    pub purge_from: String,
    /// A purge is possible today.
    pub purge_allowed: bool,
    /// Candidates whose data a purge removes (names).
    pub purgeable: Vec<String>,
    /// Candidates already purged.
    pub purged: i64,
}

/// What was purged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PurgeReport {
    /// Candidates erased.
    pub candidates: i64,
    /// Files erased.
    pub attachments: i64,
    /// Where their data was exported first.
    pub export: String,
}

const PURGED: &str = "DONNÉES PURGÉES";

fn campaign_end(academic_year: &str) -> Option<NaiveDate> {
    let second: i32 = academic_year.split('-').nth(1)?.trim().parse().ok()?;
    NaiveDate::from_ymd_opt(second, 8, 31)
}

impl Campaign {
    /// The retention setting and what a purge would remove on `today`.
    pub fn retention(&self, today: NaiveDate) -> Result<Retention> {
        let months: i64 = self.conn().query_row(
            "SELECT retention_months FROM campaign WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        let settings = self.settings()?;
        let end = campaign_end(&settings.academic_year).unwrap_or(today);
        let from = end
            .checked_add_months(Months::new(months.max(0) as u32))
            .unwrap_or(end);
        let dossiers = self.all_dossiers()?;
        let purged: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM candidate WHERE last_name = ?1",
            [PURGED],
            |r| r.get(0),
        )?;
        let purgeable = dossiers
            .iter()
            .filter(|d| {
                d.eligibility.status == Eligibility::NotEligible
                    && !d.display_name.starts_with(PURGED)
            })
            .map(|d| d.display_name.clone())
            .collect();
        Ok(Retention {
            months,
            campaign_end: fr::date_long(end),
            purge_from: fr::date_long(from),
            purge_allowed: today >= from,
            purgeable,
            purged,
        })
    }

    /// Sets how many months the data of candidates not retained is kept.
    pub fn set_retention(&mut self, months: i64, operator: &str) -> Result<()> {
        if !(0..=120).contains(&months) {
            return Err(Error::Validation(vec![FieldIssue::new(
                "months",
                format!("« Durée de conservation » : {months} mois n'est pas possible ; indiquez un nombre de mois entre 0 et 120."),
            )]));
        }
        self.store().write(operator, |tx| {
            let before: i64 = tx.query_row("SELECT retention_months FROM campaign WHERE id = 1", [], |r| r.get(0))?;
            if before == months {
                return Ok(((), None));
            }
            tx.execute("UPDATE campaign SET retention_months = ?1 WHERE id = 1", [months])?;
            let mut entry = Entry::new("retention.set", format!("Durée de conservation des données des candidats non retenus : {months} mois après la fin de la campagne."));
            entry.changes.push(Change { field: "Durée de conservation".into(), before: format!("{before} mois"), after: format!("{months} mois") });
            Ok(((), Some(entry)))
        })
    }

    /// Exports the data of the candidates not retained to `export` (xlsx), then erases it
    /// from the file; refused before the retention period has passed. A backup is taken
    /// first; deleted content is overwritten in the file.
    pub fn purge(
        &mut self,
        export: &std::path::Path,
        today: NaiveDate,
        operator: &str,
    ) -> Result<PurgeReport> {
        let r = self.retention(today)?;
        if !r.purge_allowed {
            return Err(Error::Refused(Refusal::PurgeTooEarly, format!(
                "Les données des candidats non retenus sont conservées jusqu'au {} ({} mois après la fin de la campagne, le {}) : la purge n'est pas encore possible.",
                r.purge_from, r.months, r.campaign_end
            )));
        }
        let dossiers = self.all_dossiers()?;
        let ids: Vec<i64> = dossiers
            .iter()
            .filter(|d| {
                d.eligibility.status == Eligibility::NotEligible
                    && !d.display_name.starts_with(PURGED)
            })
            .map(|d| d.candidate_id)
            .collect();
        if ids.is_empty() {
            return Err(Error::Refused(Refusal::NothingToPurge, "Aucune donnée à purger : aucun candidat non retenu n'a encore ses données dans le fichier.".into()));
        }
        let rows: Vec<_> = self
            .candidates()?
            .into_iter()
            .filter(|c| ids.contains(&c.id))
            .collect();
        crate::import::export::write_xlsx(export, &rows)?;
        self.safety_backup(crate::backup::Reason::BeforePurge)?;
        // Deleted content is overwritten, not just unlinked, so it cannot be read back.
        self.conn().pragma_update(None, "secure_delete", true)?;
        let export_name = export.display().to_string();
        let report = self.store().write(operator, |tx| {
            // Retention outlives the minutes: a purge may erase what sealed minutes state
            // (the exported minutes are the archive); it says so for its own transaction.
            tx.execute("INSERT OR IGNORE INTO seal_bypass (id) VALUES (1)", [])?;
            let mut files = 0;
            for id in &ids {
                let data = CandidateData { last_name: PURGED.into(), first_names: format!("n° {id}"), ..CandidateData::default() };
                crate::candidate::update_data(tx, *id, &data)?;
                tx.execute("UPDATE candidate SET imported = NULL WHERE id = ?1", [id])?;
                files += tx.execute("DELETE FROM attachment WHERE candidate = ?1", [id])? as i64;
                tx.execute("DELETE FROM piece_status WHERE candidate = ?1", [id])?;
                tx.execute(
                    "UPDATE mail_message SET recipient = 'adresse effacée (purge)' WHERE candidate = ?1",
                    [id],
                )?;
                // The line stays « non recevable » without the reasons that named pieces.
                tx.execute(
                    "INSERT INTO eligibility_override (candidate, eligible, reason, at, operator) VALUES (?1, 0, ?2, ?3, ?4) \
                     ON CONFLICT (candidate) DO UPDATE SET eligible = 0, reason = excluded.reason, at = excluded.at, operator = excluded.operator",
                    rusqlite::params![id, format!("données personnelles purgées le {}", fr::date_short(today)), chrono::Utc::now().to_rfc3339(), operator],
                )?;
            }
            tx.execute("DELETE FROM blob WHERE sha256 NOT IN (SELECT sha256 FROM attachment)", [])?;
            tx.execute("DELETE FROM seal_bypass", [])?;
            let report = PurgeReport { candidates: ids.len() as i64, attachments: files, export: export_name.clone() };
            Ok((
                report,
                Some(Entry::new(
                    "dossier.purge",
                    format!(
                        "Purge des données personnelles de {} et de {}, après export dans « {export_name} ».",
                        fr::count(ids.len(), "candidat non retenu", "candidats non retenus"),
                        fr::count(files, "fichier joint", "fichiers joints")
                    ),
                )),
            ))
        })?;
        let _ = self
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
        Ok(report)
    }
}
