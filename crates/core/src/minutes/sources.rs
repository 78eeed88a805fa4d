//! What the minutes are assembled from, read from the campaign as plain data (no rule
//! here: the minutes' rules are in `assemble` and `checklist`).

use rusqlite::{Connection, OptionalExtension};

use crate::candidate::{Category, Discipline};
use crate::commission::{self, PadhueAcademic};
use crate::error::Result;
use crate::scoring::ranking::Status;

use super::assemble::Annex;

/// Everything the minutes state, and what the checks before sealing look at.
#[derive(Debug, Clone)]
pub(crate) struct Sources {
    /// The campaign's identifier.
    pub campaign_uid: String,
    /// "2026-2027".
    pub academic_year: String,
    /// The UFR.
    pub ufr_name: String,
    /// The university.
    pub university: String,
    /// The managing body.
    pub managing_body: String,
    /// Where the minutes are signed.
    pub city: String,
    /// The contracts of each category that has some, in the campaign's order.
    pub quotas: Vec<(Category, Discipline, i64)>,
    /// The members, as the commission lists them.
    pub members: Vec<commission::Member>,
    /// The commission's rules, one sentence.
    pub commission_rules: String,
    /// How the academic block of PADHUE candidates is assessed.
    pub padhue_academic: PadhueAcademic,
    /// The campaign has PADHUE candidates.
    pub padhue_candidates: bool,
    /// The sittings, each with one attendance per member in the order of `members`.
    pub sittings: Vec<commission::Sitting>,
    /// The grid's blocks.
    pub grid: Vec<GridBlock>,
    /// The grid's total ("40").
    pub grid_total: String,
    /// The recusals.
    pub recusals: Vec<commission::Recusal>,
    /// The ranking, per category.
    pub ranking: Vec<RankedGroup>,
    /// The allocation as computed now.
    pub lists: Lists,
    /// The last allocation recorded (« Arrêter les listes »), if any.
    pub recorded: Option<RecordedLists>,
    /// Tie-break votes, by reason then position.
    pub tie_votes: Vec<TieVote>,
    /// The commission's decisions overriding the ranking, by date.
    pub overrides: Vec<Override>,
    /// The journal's decisions and withdrawals, up to `journal_until`.
    pub annex: std::sync::Arc<Annex>,
    /// The last journal row the minutes cover.
    pub journal_until: i64,
}

/// A block of the grid.
#[derive(Debug, Clone, Default)]
pub(crate) struct GridBlock {
    /// The academic block (university results).
    pub academic: bool,
    /// "Projet professionnel".
    pub label: String,
    /// Its points.
    pub max_points: f64,
    /// Each criterion: (label, "sur 5, coefficient 1").
    pub criteria: Vec<(String, String)>,
}

/// One category of the ranking.
#[derive(Debug, Clone, Default)]
pub(crate) struct RankedGroup {
    /// "Étudiants — médecine".
    pub label: String,
    /// Its candidates, by rank.
    pub rows: Vec<Ranked>,
}

/// One candidate of the ranking.
#[derive(Debug, Clone)]
pub(crate) struct Ranked {
    /// "DUPONT Marie".
    pub name: String,
    /// Heard, complete…
    pub status: Status,
    /// The scores are validated.
    pub locked: bool,
    /// Each block's points, as shown.
    pub blocks: Vec<String>,
    /// The total, as shown.
    pub total: String,
}

/// The allocation.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lists {
    /// Per category.
    pub groups: Vec<ListSource>,
    /// The allocation rules, one sentence.
    pub rules_statement: String,
    /// What the commission knew.
    pub notices: Vec<String>,
    /// Candidates tied at the last useful rank wait for a vote.
    pub ties_to_settle: bool,
    /// The allocation as it is recorded when the lists are closed (JSON).
    pub recorded_form: String,
}

/// One category's lists.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListSource {
    /// "Internes — médecine".
    pub label: String,
    /// Contracts.
    pub quota: i64,
    /// "médecine générale : 3".
    pub specialties: Vec<String>,
    /// Main list.
    pub main: Vec<Decided>,
    /// Complementary list.
    pub complementary: Vec<Decided>,
    /// Tied, waiting for a vote.
    pub ties: Vec<Decided>,
    /// Not retained.
    pub not_retained: Vec<Decided>,
    /// Contracts not given.
    pub unused: i64,
}

/// One decision.
#[derive(Debug, Clone, Default)]
pub(crate) struct Decided {
    /// Position on its list.
    pub position: Option<i64>,
    /// "DUPONT Marie".
    pub name: String,
    /// The total, as shown.
    pub total: String,
    /// Why, one French sentence.
    pub reason: String,
}

/// The last allocation recorded.
#[derive(Debug, Clone, Default)]
pub(crate) struct RecordedLists {
    /// Its number.
    pub id: i64,
    /// When (stored timestamp).
    pub at: String,
    /// The allocation recorded (JSON).
    pub result: String,
}

/// One candidate's place in a tie-break vote.
#[derive(Debug, Clone, Default)]
pub(crate) struct TieVote {
    /// "DUPONT Marie".
    pub candidate: String,
    /// The place the vote gave.
    pub position: i64,
    /// The vote's reason (one vote per reason).
    pub reason: String,
    /// When (stored timestamp).
    pub at: String,
}

/// A decision of the commission overriding the ranking.
#[derive(Debug, Clone, Default)]
pub(crate) struct Override {
    /// "DUPONT Marie".
    pub candidate: String,
    /// `main`, `complementary` or `not_retained`.
    pub outcome: String,
    /// Why.
    pub reason: String,
    /// When (stored timestamp).
    pub at: String,
}

/// One row of the journal.
#[derive(Debug, Clone, Default)]
pub(crate) struct JournalLine {
    /// When (stored timestamp).
    pub at: String,
    /// Who.
    pub operator: String,
    /// The action's code ("allocation.withdrawal").
    pub action: String,
    /// What, in French.
    pub summary: String,
}

/// Reads what the minutes are assembled from; the journal stops at row `journal_until`
/// (the latest when `None`).
pub(crate) fn load(conn: &Connection, journal_until: Option<i64>) -> Result<Sources> {
    let mut annex = Annex::default();
    add_to_annex(conn, &mut annex, journal_until)?;
    let journal_until = journal_until.unwrap_or(annex.last);
    let candidates = crate::candidate::list(conn)?;
    let dossiers = crate::dossier::dossiers_of(conn, &candidates)?;
    let ranking = crate::scoring::ranking::without_locks(conn, &candidates, &dossiers)?;
    let allocation = crate::allocation::compute_with(conn, None, &candidates, &dossiers, &ranking)?;
    let locked = crate::scoring::ranking::locked(conn)?;
    load_from(
        conn,
        (std::sync::Arc::new(annex), journal_until),
        &candidates,
        &ranking,
        &locked,
        &allocation,
    )
}

/// Folds into `annex` the journal's rows after those it holds, up to row `until` (the
/// latest when `None`).
pub(crate) fn add_to_annex(conn: &Connection, annex: &mut Annex, until: Option<i64>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, at, operator, action, summary FROM journal WHERE id > ?1 AND id <= ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query((annex.last, until.unwrap_or(i64::MAX)))?;
    while let Some(r) = rows.next()? {
        let line = JournalLine {
            at: r.get(1)?,
            operator: r.get(2)?,
            action: r.get(3)?,
            summary: r.get(4)?,
        };
        annex.add(r.get(0)?, line);
    }
    Ok(())
}

/// [`load`] from what is worked out already: the journal's annex up to the row given,
/// the candidates, the ranking by scores (its `locked` not read: `locked` says whose
/// scores are validated) and the lists — those the campaign keeps between calls.
pub(crate) fn load_from(
    conn: &Connection,
    (annex, journal_until): (std::sync::Arc<Annex>, i64),
    candidates: &[crate::candidate::CandidateRow],
    ranking: &crate::scoring::Ranking,
    locked: &std::collections::HashSet<i64>,
    allocation: &crate::allocation::Allocation,
) -> Result<Sources> {
    let settings = crate::campaign::read_settings_conn(conn)?;
    let campaign_uid: String =
        conn.query_row("SELECT uid FROM campaign WHERE id = 1", [], |r| r.get(0))?;
    let rules = commission::rules(conn)?;
    let grid = crate::scoring::grid(conn)?;
    let name_of = |id: i64| {
        crate::candidate::get(conn, id)
            .map(|c| c.display_name)
            .unwrap_or_else(|_| format!("candidat n° {id}"))
    };
    let tie_votes = {
        let mut stmt = conn.prepare(
            "SELECT candidate, position, reason, at FROM tie_vote ORDER BY reason, position",
        )?;
        let rows: Vec<(i64, i64, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(c, position, reason, at)| TieVote {
                candidate: name_of(c),
                position,
                reason,
                at,
            })
            .collect()
    };
    let overrides = {
        let mut stmt = conn.prepare(
            "SELECT candidate, outcome, reason, at FROM decision_override ORDER BY at, candidate",
        )?;
        let rows: Vec<(i64, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(c, outcome, reason, at)| Override {
                candidate: name_of(c),
                outcome,
                reason,
                at,
            })
            .collect()
    };
    let recorded = conn
        .query_row(
            "SELECT id, at, result FROM allocation_run ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(RecordedLists {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    result: r.get(2)?,
                })
            },
        )
        .optional()?;
    let decided = |d: &crate::allocation::Decision| Decided {
        position: d.position,
        name: d.display_name.clone(),
        total: d.total_display.clone(),
        reason: d.reason.clone(),
    };
    let decided_all = |list: &[crate::allocation::Decision]| list.iter().map(decided).collect();
    Ok(Sources {
        campaign_uid,
        quotas: crate::campaign::cells()
            .map(|(c, d)| (c, d, settings.quotas.get(c, d)))
            .filter(|(_, _, n)| *n > 0)
            .collect(),
        academic_year: settings.academic_year,
        ufr_name: settings.ufr_name,
        university: settings.university,
        managing_body: settings.managing_body,
        city: settings.city,
        members: commission::list(conn)?,
        commission_rules: rules.statement(),
        padhue_academic: rules.padhue_academic,
        padhue_candidates: candidates.iter().any(|c| c.category == Category::Padhue),
        sittings: commission::sittings(conn)?,
        grid: grid
            .blocks
            .iter()
            .map(|b| GridBlock {
                academic: b.code == crate::scoring::BlockCode::Academic,
                label: b.label.clone(),
                max_points: b.max_points,
                criteria: b
                    .criteria
                    .iter()
                    .map(|c| (c.label.clone(), c.scale_display.clone()))
                    .collect(),
            })
            .collect(),
        grid_total: grid.max_total_display.clone(),
        recusals: commission::recusals(conn)?,
        ranking: ranking
            .groups
            .iter()
            .map(|g| RankedGroup {
                label: g.label.clone(),
                rows: g
                    .rows
                    .iter()
                    .map(|r| Ranked {
                        name: r.display_name.clone(),
                        status: r.status,
                        locked: locked.contains(&r.candidate_id),
                        blocks: r.blocks.iter().map(|b| b.display.clone()).collect(),
                        total: r.total_display.clone(),
                    })
                    .collect(),
            })
            .collect(),
        lists: Lists {
            groups: allocation
                .groups
                .iter()
                .map(|g| ListSource {
                    label: g.label.clone(),
                    quota: g.quota,
                    specialties: g.specialties.clone(),
                    main: decided_all(&g.main),
                    complementary: decided_all(&g.complementary),
                    ties: decided_all(&g.ties),
                    not_retained: decided_all(&g.not_retained),
                    unused: g.unused,
                })
                .collect(),
            rules_statement: allocation.rules_statement.clone(),
            notices: allocation.notices.clone(),
            ties_to_settle: allocation.ties_to_settle,
            recorded_form: serde_json::to_string(&allocation).unwrap_or_default(),
        },
        recorded,
        tie_votes,
        overrides,
        annex,
        journal_until,
    })
}
