//! The campaign's figures (« bilan de campagne ») for the managing body and the faculty
//! council: dossiers received, complete and receivable, candidates heard, contracts
//! offered, given, withdrawn, promoted and unused per category, the totals' spread, the
//! sittings; compared with the previous year when the campaign was carried over from it
//! (its figures travel in that journal line, never its personal data). One page of PDF,
//! and a workbook.

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::allocation::Outcome;
use crate::campaign::Campaign;
use crate::documents::{self, Align, Block, Column, Section, Style};
use crate::error::{Error, Result};
use crate::fr;
use crate::journal::Change;

/// The figures of one category (or of all).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupFigures {
    /// « Internes — médecine », « Ensemble ».
    pub label: String,
    /// Dossiers received (candidates).
    pub received: i64,
    /// Dossiers with every piece.
    pub complete: i64,
    /// Receivable dossiers (complete and eligible).
    pub receivable: i64,
    /// Candidates heard by the commission.
    pub heard: i64,
    /// Contracts offered (the year's quota).
    pub offered: i64,
    /// Contracts given (main list, after withdrawals and promotions).
    pub given: i64,
    /// Withdrawals (or contracts not returned).
    pub withdrawn: i64,
    /// Candidates promoted from the complementary list.
    pub promoted: i64,
    /// Contracts not given.
    pub unused: i64,
}

/// How the totals of the candidates heard spread, in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreSpread {
    /// « Internes — médecine ».
    pub label: String,
    /// Totals known.
    pub count: i64,
    /// Lowest, first quartile, median, third quartile, highest (« 12,5 »).
    pub quantiles: Vec<String>,
}

/// A figure this year and last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Compared {
    /// « Dossiers reçus ».
    pub label: String,
    /// This year.
    pub now: i64,
    /// Last year.
    pub before: i64,
    /// « +3 », « −2 », « = ».
    pub change: String,
}

/// The campaign's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Bilan {
    /// « UFR de médecine — 2026-2027 ».
    pub campaign: String,
    /// Per category the UFR has candidates or contracts in.
    pub groups: Vec<GroupFigures>,
    /// All categories.
    pub total: GroupFigures,
    /// Totals of the candidates heard, per category.
    pub scores: Vec<ScoreSpread>,
    /// The sittings (« jeudi 14 janvier 2027 — 12 candidats entendus »).
    pub sittings: Vec<String>,
    /// Last year's campaign, when this one was carried over from it.
    pub previous: Option<String>,
    /// Its academic year (« 2025-2026 »).
    pub previous_year: Option<String>,
    /// The totals compared with last year's (empty without a previous year).
    pub compared: Vec<Compared>,
}

/// The figures' labels, in order, as tables and the journal name them.
const LABELS: [&str; 9] = [
    "Dossiers reçus",
    "Dossiers complets",
    "Dossiers recevables",
    "Candidats entendus",
    "Contrats offerts",
    "Contrats attribués",
    "Désistements",
    "Promus de la liste complémentaire",
    "Contrats non attribués",
];

impl GroupFigures {
    fn values(&self) -> [i64; 9] {
        [
            self.received,
            self.complete,
            self.receivable,
            self.heard,
            self.offered,
            self.given,
            self.withdrawn,
            self.promoted,
            self.unused,
        ]
    }

    fn add(&mut self, o: &GroupFigures) {
        self.received += o.received;
        self.complete += o.complete;
        self.receivable += o.receivable;
        self.heard += o.heard;
        self.offered += o.offered;
        self.given += o.given;
        self.withdrawn += o.withdrawn;
        self.promoted += o.promoted;
        self.unused += o.unused;
    }

    /// The totals as journal changes (« Bilan 2025-2026 : Dossiers reçus » → « 42 »), to
    /// travel with a campaign carried over.
    pub(crate) fn as_changes(&self, year: &str) -> Vec<Change> {
        LABELS
            .iter()
            .zip(self.values())
            .map(|(label, v)| Change {
                field: format!("Bilan {year} : {label}"),
                before: String::new(),
                after: v.to_string(),
            })
            .collect()
    }
}

/// « 12,5 », the quantile `q` of sorted `values` (linear interpolation).
fn quantile(sorted: &[f64], q: f64) -> String {
    if sorted.is_empty() {
        return "—".into();
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    let v = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64);
    fr::number(v, 2)
}

/// The campaign's figures, as stored.
pub(crate) fn figures(c: &Campaign) -> Result<Bilan> {
    let conn = c.conn();
    let settings = c.settings()?;
    let dossiers = crate::dossier::counts(&c.all_dossiers()?);
    // Who was heard and their totals: the ranking by scores (the ranks of the lists are
    // not needed, and the ranking with them is worked out only when a screen shows it).
    let ranking = c.scores_ranking()?;
    let allocation = c.allocation_kept()?;
    let summary = c.summary()?;
    let mut groups = Vec::new();
    let mut scores = Vec::new();
    for cell in &summary.counts {
        let d = dossiers
            .iter()
            .find(|d| d.category == cell.category && d.discipline == cell.discipline);
        let rows = ranking
            .groups
            .iter()
            .find(|g| g.category == cell.category && g.discipline == cell.discipline)
            .map(|g| g.rows.as_slice())
            .unwrap_or_default();
        let a = allocation
            .groups
            .iter()
            .find(|g| g.category == cell.category && g.discipline == cell.discipline);
        let g = GroupFigures {
            label: cell.label.clone(),
            received: cell.candidates,
            complete: d.map_or(0, |d| d.complete + d.not_eligible),
            receivable: d.map_or(0, |d| d.complete),
            heard: rows.iter().filter(|r| r.sitting_id.is_some()).count() as i64,
            offered: cell.quota,
            given: a.map_or(0, |a| a.main.len() as i64),
            withdrawn: a.map_or(0, |a| {
                a.not_retained
                    .iter()
                    .filter(|d| d.outcome == Outcome::Withdrawn)
                    .count() as i64
            }),
            promoted: a.map_or(0, |a| a.promoted),
            unused: a.map_or(cell.quota, |a| a.unused),
        };
        if g.received == 0 && g.offered == 0 {
            continue;
        }
        let mut totals: Vec<f64> = rows
            .iter()
            .filter(|r| r.sitting_id.is_some())
            .filter_map(|r| r.total)
            .collect();
        totals.sort_by(f64::total_cmp);
        scores.push(ScoreSpread {
            label: g.label.clone(),
            count: totals.len() as i64,
            quantiles: [0.0, 0.25, 0.5, 0.75, 1.0]
                .iter()
                .map(|q| quantile(&totals, *q))
                .collect(),
        });
        groups.push(g);
    }
    let mut total = GroupFigures {
        label: "Ensemble".into(),
        ..Default::default()
    };
    for g in &groups {
        total.add(g);
    }
    let sittings = crate::commission::sittings(conn)?
        .iter()
        .map(|s| {
            format!(
                "{} — {}",
                fr::capitalise_first(&s.date_display),
                fr::count(s.heard, "candidat entendu", "candidats entendus")
            )
        })
        .collect();
    let (previous, previous_year, compared) = match previous_year(conn)? {
        Some((name, year, before)) => {
            let compared = LABELS
                .iter()
                .zip(total.values())
                .zip(before)
                .map(|((label, now), before)| Compared {
                    label: (*label).to_owned(),
                    now,
                    before,
                    change: match now - before {
                        0 => "=".into(),
                        d if d > 0 => format!("+{d}"),
                        d => format!("−{}", -d),
                    },
                })
                .collect();
            (Some(name), Some(year), compared)
        }
        None => (None, None, Vec::new()),
    };
    Ok(Bilan {
        campaign: format!("{} — {}", settings.ufr_name, settings.academic_year),
        groups,
        total,
        scores,
        sittings,
        previous,
        previous_year,
        compared,
    })
}

/// Last year's campaign and its totals, from the journal line of the carry-over.
fn previous_year(conn: &Connection) -> Result<Option<(String, String, [i64; 9])>> {
    let row: Option<(String, String)> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT summary, details FROM journal WHERE action = 'campaign.carry' ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    let Some((summary, details)) = row else {
        return Ok(None);
    };
    let changes: Vec<Change> = serde_json::from_str(&details).unwrap_or_default();
    let mut values = [0i64; 9];
    let mut year = None;
    for (i, label) in LABELS.iter().enumerate() {
        let Some(c) = changes
            .iter()
            .find(|c| c.field.ends_with(&format!(" : {label}")))
        else {
            return Ok(None);
        };
        year = c
            .field
            .strip_prefix("Bilan ")
            .and_then(|f| f.split_once(" : "))
            .map(|(y, _)| y.to_owned());
        values[i] = c.after.parse().unwrap_or(0);
    }
    let from = summary
        .split_once("« ")
        .and_then(|(_, rest)| rest.split_once(" »"))
        .map(|(name, _)| name.to_owned())
        .unwrap_or_default();
    let year = year.unwrap_or_default();
    Ok(Some((
        format!("campagne {year} (« {from} »)"),
        year,
        values,
    )))
}

impl Campaign {
    /// The campaign's figures (« bilan de campagne »), compared with last year's when the
    /// campaign was carried over from it.
    pub fn bilan(&self) -> Result<Bilan> {
        let kept = self
            .views()
            .view("bilan", Campaign::today_key(), |_| figures(self))?;
        Ok(kept.as_ref().clone())
    }

    /// Writes the bilan as one page of PDF (tagged, like every document) to `path`.
    pub fn write_bilan_pdf(&self, path: &Path) -> Result<()> {
        let b = self.bilan()?;
        let settings = self.settings()?;
        let num = |title: &str, width: f32| Column {
            title: title.into(),
            width,
            align: Align::Right,
        };
        let mut blocks = vec![
            Block::styled(
                format!("Bilan de la campagne CESP {}", settings.academic_year),
                Style::TITLE,
            ),
            Block::text(format!(
                "Chiffres au {}.",
                fr::date_long(crate::clock::today())
            )),
            Block::Space(2.0),
        ];
        let label = || Column {
            title: "Catégorie".into(),
            width: 2.6,
            align: Align::Left,
        };
        let all: Vec<&GroupFigures> = b.groups.iter().chain(std::iter::once(&b.total)).collect();
        for (heading, titles, range) in [
            (
                "Dossiers et entretiens",
                &["Reçus", "Complets", "Recevables", "Entendus"][..],
                0..4,
            ),
            (
                "Contrats",
                &[
                    "Offerts",
                    "Attribués",
                    "Désistements",
                    "Promus",
                    "Non attribués",
                ][..],
                4..9,
            ),
        ] {
            blocks.push(Block::styled(heading, Style::HEADING));
            blocks.push(Block::Table {
                columns: std::iter::once(label())
                    .chain(
                        titles
                            .iter()
                            .map(|t| num(t, if *t == "Désistements" { 1.75 } else { 1.25 })),
                    )
                    .collect(),
                rows: all
                    .iter()
                    .map(|g| {
                        std::iter::once(g.label.clone())
                            .chain(g.values()[range.clone()].iter().map(|v| v.to_string()))
                            .collect()
                    })
                    .chain(b.previous_year.iter().map(|year| {
                        // Last year's totals, under this year's, to compare at a glance.
                        std::iter::once(format!("Ensemble {year}"))
                            .chain(
                                b.compared[range.clone()]
                                    .iter()
                                    .map(|c| format!("{} ({})", c.before, c.change)),
                            )
                            .collect()
                    }))
                    .collect(),
            });
            blocks.push(Block::Space(2.0));
        }
        blocks.push(Block::styled(
            "Totaux des candidats entendus",
            Style::HEADING,
        ));
        blocks.push(Block::Table {
            columns: vec![
                label(),
                num("Plus bas", 1.25),
                num("1er quartile", 1.25),
                num("Médian", 1.25),
                num("3e quartile", 1.25),
                num("Plus haut", 1.25),
            ],
            rows: b
                .scores
                .iter()
                .map(|s| {
                    std::iter::once(s.label.clone())
                        .chain(s.quantiles.iter().cloned())
                        .collect()
                })
                .collect(),
        });
        blocks.push(Block::Space(2.0));
        blocks.push(Block::styled("Séances de la commission", Style::HEADING));
        blocks.push(Block::text(if b.sittings.is_empty() {
            "Aucune séance enregistrée.".to_owned()
        } else {
            format!("{}.", b.sittings.join(" ; "))
        }));
        if let Some(prev) = &b.previous {
            blocks.push(Block::Space(2.0));
            blocks.push(Block::styled(
                format!(
                    "« Ensemble {} » : la {prev}, et entre parenthèses l'évolution.",
                    b.previous_year.clone().unwrap_or_default()
                ),
                Style::NOTE,
            ));
        }
        let section = Section {
            letterhead: crate::dossier::letters::letterhead(&settings),
            footer: crate::dossier::letters::footer(&settings),
            qr: None,
            blocks,
        };
        let bytes = documents::render(
            &format!("Bilan de la campagne CESP {}", settings.academic_year),
            std::slice::from_ref(&section),
        );
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
    }

    /// Writes the bilan as a workbook (xlsx) to `path`: the figures per category, the
    /// totals' spread, the sittings and the comparison.
    pub fn write_bilan_xlsx(&self, path: &Path) -> Result<()> {
        use rust_xlsxwriter::Format;
        let b = self.bilan()?;
        let err = |e| Error::xlsx(path, e);
        let mut wb = crate::files::workbook();
        let bold = Format::new().set_bold();
        let ws = wb.add_worksheet();
        ws.set_name("Bilan").map_err(err)?;
        ws.write_with_format(
            0,
            0,
            format!("Bilan de la campagne CESP — {}", b.campaign),
            &bold,
        )
        .map_err(err)?;
        ws.write_with_format(2, 0, "Catégorie", &bold)
            .map_err(err)?;
        for (i, l) in LABELS.iter().enumerate() {
            ws.write_with_format(2, i as u16 + 1, *l, &bold)
                .map_err(err)?;
        }
        let mut r = 3u32;
        for g in b.groups.iter().chain(std::iter::once(&b.total)) {
            ws.write(r, 0, &g.label).map_err(err)?;
            for (i, v) in g.values().iter().enumerate() {
                ws.write(r, i as u16 + 1, *v as f64).map_err(err)?;
            }
            r += 1;
        }
        r += 1;
        ws.write_with_format(r, 0, "Totaux des candidats entendus", &bold)
            .map_err(err)?;
        r += 1;
        for (i, h) in [
            "Catégorie",
            "Candidats",
            "Plus bas",
            "1er quartile",
            "Médian",
            "3e quartile",
            "Plus haut",
        ]
        .iter()
        .enumerate()
        {
            ws.write_with_format(r, i as u16, *h, &bold).map_err(err)?;
        }
        for s in &b.scores {
            r += 1;
            ws.write(r, 0, &s.label).map_err(err)?;
            ws.write(r, 1, s.count as f64).map_err(err)?;
            for (i, q) in s.quantiles.iter().enumerate() {
                match fr::parse_hundredths(q) {
                    Some(h) => ws.write(r, i as u16 + 2, h as f64 / 100.0).map_err(err)?,
                    None => ws.write(r, i as u16 + 2, q.as_str()).map_err(err)?,
                };
            }
        }
        r += 2;
        ws.write_with_format(r, 0, "Séances de la commission", &bold)
            .map_err(err)?;
        for s in &b.sittings {
            r += 1;
            ws.write(r, 0, s.as_str()).map_err(err)?;
        }
        if let Some(prev) = &b.previous {
            r += 2;
            ws.write_with_format(r, 0, format!("Comparaison avec la {prev}"), &bold)
                .map_err(err)?;
            r += 1;
            for (i, h) in ["Chiffre", "Cette année", "L'an dernier", "Écart"]
                .iter()
                .enumerate()
            {
                ws.write_with_format(r, i as u16, *h, &bold).map_err(err)?;
            }
            for c in &b.compared {
                r += 1;
                ws.write(r, 0, &c.label).map_err(err)?;
                ws.write(r, 1, c.now as f64).map_err(err)?;
                ws.write(r, 2, c.before as f64).map_err(err)?;
                ws.write(r, 3, &c.change).map_err(err)?;
            }
        }
        ws.set_column_width(0, 42).map_err(err)?;
        wb.save(path).map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::quantile;

    #[test]
    fn quantiles_interpolate() {
        let v = [8.0, 10.0, 12.5, 14.0, 19.0];
        assert_eq!(quantile(&v, 0.0), "8");
        assert_eq!(quantile(&v, 0.25), "10");
        assert_eq!(quantile(&v, 0.5), "12,5");
        assert_eq!(quantile(&v, 1.0), "19");
        assert_eq!(quantile(&[10.0, 11.0], 0.5), "10,5");
        assert_eq!(quantile(&[], 0.5), "—");
    }
}
