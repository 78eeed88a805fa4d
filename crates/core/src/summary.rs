//! What the home screen and `cesp info` show of an open campaign: a view that combines
//! the campaign's settings, its candidates, its dossiers and its commission.

use rusqlite::Connection;
use serde::Serialize;

use crate::campaign::{cells, Campaign, CampaignSettings};
use crate::candidate::{self, Category, Discipline};
use crate::error::Result;
use crate::fr;

/// What the home screen and `cesp info` show of an open campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CampaignSummary {
    /// The file.
    pub path: String,
    /// A title: "UFR de médecine — 2026-2027".
    pub title: String,
    /// The settings.
    pub settings: CampaignSettings,
    /// Deadline in French ("mardi 1er décembre 2026"), empty when not set.
    pub deadline_display: String,
    /// Candidates per category and discipline.
    pub counts: Vec<CategoryCount>,
    /// All candidates.
    pub candidate_count: i64,
    /// The year's contracts, all categories.
    pub contract_count: i64,
    /// Commission members.
    pub member_count: i64,
    /// Schema version of the file.
    pub schema_version: i64,
    /// When the campaign was created (French).
    pub created_display: String,
    /// Opened to read only: the file is open elsewhere or write-protected.
    pub read_only: bool,
    /// The file is encrypted with a passphrase.
    pub encrypted: bool,
}

/// Candidates and contracts of one category and discipline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CategoryCount {
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// "Étudiants — médecine".
    pub label: String,
    /// Candidates.
    pub candidates: i64,
    /// Contracts.
    pub quota: i64,
    /// Complete dossiers.
    pub dossiers_complete: i64,
    /// Incomplete dossiers.
    pub dossiers_incomplete: i64,
    /// Dossiers not eligible.
    pub dossiers_not_eligible: i64,
    /// Candidates per contract, in French ("2,6"); « — » when there is no contract.
    pub per_contract: String,
}

impl Campaign {
    /// Everything the home screen and `cesp info` show.
    pub fn summary(&self) -> Result<CampaignSummary> {
        let conn = self.conn();
        let settings = crate::campaign::read_settings_conn(conn)?;
        let by_cell = candidate::count_by_cell(conn)?;
        let dossiers = crate::dossier::counts(&self.all_dossiers()?);
        let counts = cells()
            .map(|(category, discipline)| {
                let d = dossiers
                    .iter()
                    .find(|d| d.category == category && d.discipline == discipline);
                let candidates = by_cell
                    .iter()
                    .find(|(c, d, _)| *c == category && *d == discipline)
                    .map(|(_, _, n)| *n)
                    .unwrap_or(0);
                let quota = settings.quotas.get(category, discipline);
                CategoryCount {
                    category,
                    discipline,
                    label: crate::candidate::group_label(category, discipline),
                    candidates,
                    quota,
                    per_contract: per_contract(candidates, quota),
                    dossiers_complete: d.map(|d| d.complete).unwrap_or(0),
                    dossiers_incomplete: d.map(|d| d.incomplete).unwrap_or(0),
                    dossiers_not_eligible: d.map(|d| d.not_eligible).unwrap_or(0),
                }
            })
            .collect::<Vec<_>>();
        let candidate_count = counts.iter().map(|c| c.candidates).sum();
        let member_count: i64 = conn.query_row("SELECT COUNT(*) FROM member", [], |r| r.get(0))?;
        let created: String = created_at(conn)?;
        let contract_count = settings.quotas.total();
        Ok(CampaignSummary {
            path: self.path().display().to_string(),
            title: format!("{} — {}", settings.ufr_name, settings.academic_year),
            deadline_display: settings.deadline().map(fr::date_long).unwrap_or_default(),
            settings,
            counts,
            candidate_count,
            contract_count,
            member_count,
            schema_version: self.schema_version()?,
            created_display: fr::timestamp(&created),
            read_only: self.is_read_only(),
            encrypted: self.passphrase().is_some(),
        })
    }
}

/// Candidates per contract, one decimal at most, in French; « — » without contracts.
fn per_contract(candidates: i64, quota: i64) -> String {
    if quota <= 0 {
        "—".to_owned()
    } else {
        fr::quantity((candidates as f64 / quota as f64 * 10.0).round() / 10.0, 1)
    }
}

fn created_at(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT created_at FROM campaign WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

#[cfg(test)]
mod tests {
    use super::per_contract;

    #[test]
    fn candidates_per_contract_read_in_french() {
        assert_eq!(per_contract(26, 10), "2,6");
        assert_eq!(per_contract(7, 2), "3,5");
        assert_eq!(per_contract(20, 3), "6,7");
        assert_eq!(per_contract(8, 8), "1");
        assert_eq!(per_contract(4, 0), "—");
        // A regional list: thousands of candidates for a few contracts.
        assert_eq!(per_contract(19_999, 8), "2\u{a0}499,9");
        assert_eq!(per_contract(60_000, 10), "6\u{a0}000");
    }
}
