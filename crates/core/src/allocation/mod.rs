//! Allocation of the year's contracts: per category, candidates who pass the gates
//! (eligible dossier, heard, minimum total, ARS agreement when required) are ranked by
//! their total, ties broken by the chain of block totals then by a recorded vote — never
//! silently — and the main list (up to the quota, within the specialties the ARS opened)
//! and the complementary list follow. Withdrawals leave the lists, which promotes the
//! next candidate; every run is kept.

pub mod export;

use crate::Refusal;
use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::campaign::{Campaign, Quotas};
use crate::candidate::{group_label, Category, Discipline};
use crate::dossier::Eligibility;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::import::fields::fold;
use crate::journal::{Change, Entry};
use crate::scoring::{self, BlockCode};

/// Where a candidate ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// On the main list.
    Main,
    /// On the complementary list.
    Complementary,
    /// Not retained.
    NotRetained,
    /// Withdrew (or did not return the contract).
    Withdrawn,
    /// Tied across the last place: a recorded vote must settle it.
    TieToSettle,
}

/// One contender of a group, as the pure allocation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contender {
    /// The candidate.
    pub id: i64,
    /// Total in hundredths (none: scores incomplete).
    pub total: Option<i64>,
    /// Block totals in the order of the tie-break chain (hundredths).
    pub keys: Vec<i64>,
    /// Position given by a recorded vote among tied candidates (1 first).
    pub vote: Option<i64>,
    /// The intended specialty, folded.
    pub specialty: Option<String>,
    /// Gates not passed, in French ("dossier non recevable").
    pub failed: Vec<String>,
    /// Withdrawal, in French.
    pub withdrawn: Option<String>,
    /// The commission's decision.
    pub forced: Option<Outcome>,
}

/// The pure result for one group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Placement {
    /// Main list, in order.
    pub main: Vec<i64>,
    /// Complementary list, in order.
    pub complementary: Vec<i64>,
    /// Candidates tied across the last place, each tie a group.
    pub ties: Vec<Vec<i64>>,
    /// Rank of each eligible candidate (ties share a rank).
    pub ranks: HashMap<i64, i64>,
    /// Why a ranked candidate was passed over for the main list (specialty closed).
    pub skipped: HashMap<i64, String>,
    /// Places of the quota not given.
    pub unused: i64,
}

fn order_key(c: &Contender) -> (std::cmp::Reverse<i64>, Vec<std::cmp::Reverse<i64>>) {
    (
        std::cmp::Reverse(c.total.unwrap_or(i64::MIN)),
        c.keys.iter().map(|k| std::cmp::Reverse(*k)).collect(),
    )
}

/// Allocates one group: `quota` places, restricted to `specialties` (specialty, places)
/// when not empty, then the complementary list (`complementary` long at most).
pub fn place(
    contenders: &[Contender],
    quota: i64,
    specialties: &[(String, i64)],
    complementary: Option<i64>,
) -> Placement {
    let mut eligible: Vec<&Contender> = contenders
        .iter()
        .filter(|c| {
            c.failed.is_empty()
                && c.withdrawn.is_none()
                && c.total.is_some()
                && c.forced != Some(Outcome::NotRetained)
        })
        .collect();
    // Total, then the chain, then the vote, then the identifier only to make the order of
    // *unresolved* ties stable; those are reported, never decided by it.
    eligible.sort_by(|a, b| {
        order_key(a)
            .cmp(&order_key(b))
            .then(a.vote.unwrap_or(i64::MAX).cmp(&b.vote.unwrap_or(i64::MAX)))
            .then(a.id.cmp(&b.id))
    });
    // Units of candidates the rules cannot separate.
    let mut units: Vec<Vec<&Contender>> = Vec::new();
    for c in eligible {
        match units.last_mut() {
            Some(u)
                if order_key(u[0]) == order_key(c)
                    && (u[0].vote.is_none() || c.vote.is_none() || u[0].vote == c.vote) =>
            {
                u.push(c)
            }
            _ => units.push(vec![c]),
        }
    }
    let mut p = Placement::default();
    let mut rank = 1;
    for u in &units {
        for c in u {
            p.ranks.insert(c.id, rank);
        }
        rank += u.len() as i64;
    }
    let mut left = quota.max(0);
    let mut by_specialty: HashMap<String, i64> =
        specialties.iter().map(|(s, n)| (fold(s), *n)).collect();
    let restricted = !specialties.is_empty();
    let fits = |c: &Contender, by_specialty: &HashMap<String, i64>| -> bool {
        !restricted
            || c.specialty
                .as_ref()
                .and_then(|s| by_specialty.get(s))
                .is_some_and(|n| *n > 0)
    };
    // The commission's decisions to place someone on the main list come first.
    for c in contenders
        .iter()
        .filter(|c| c.forced == Some(Outcome::Main) && c.withdrawn.is_none())
    {
        if left > 0 {
            p.main.push(c.id);
            left -= 1;
            if let Some(n) = c.specialty.as_ref().and_then(|s| by_specialty.get_mut(s)) {
                *n -= 1;
            }
        }
    }
    let mut rest: Vec<i64> = Vec::new();
    let mut blocked = false;
    for u in units {
        let candidates: Vec<&Contender> =
            u.into_iter().filter(|c| !p.main.contains(&c.id)).collect();
        if candidates.is_empty() {
            continue;
        }
        if blocked || left == 0 {
            rest.extend(candidates.iter().map(|c| c.id));
            continue;
        }
        let forced_out: Vec<i64> = candidates
            .iter()
            .filter(|c| c.forced == Some(Outcome::Complementary))
            .map(|c| c.id)
            .collect();
        let contending: Vec<&Contender> = candidates
            .iter()
            .copied()
            .filter(|c| c.forced != Some(Outcome::Complementary))
            .collect();
        let placeable: Vec<&Contender> = contending
            .iter()
            .copied()
            .filter(|c| fits(c, &by_specialty))
            .collect();
        for c in contending.iter().filter(|c| !fits(c, &by_specialty)) {
            p.skipped.insert(
                c.id,
                match &c.specialty {
                    Some(s) if by_specialty.contains_key(s) => {
                        "plus de place dans sa spécialité".to_owned()
                    }
                    _ => "spécialité non ouverte par l'ARS".to_owned(),
                },
            );
            rest.push(c.id);
        }
        if placeable.len() as i64 <= left
            && (!restricted || placeable.iter().all(|c| fits(c, &by_specialty)))
        {
            // A tie inside a specialty with fewer places than the tied is a tie too.
            let mut need: HashMap<String, i64> = HashMap::new();
            for c in &placeable {
                if let Some(s) = &c.specialty {
                    *need.entry(s.clone()).or_default() += 1;
                }
            }
            let specialty_ok = !restricted
                || need
                    .iter()
                    .all(|(s, n)| by_specialty.get(s).is_some_and(|m| m >= n));
            if specialty_ok {
                for c in &placeable {
                    p.main.push(c.id);
                    left -= 1;
                    if let Some(n) = c.specialty.as_ref().and_then(|s| by_specialty.get_mut(s)) {
                        *n -= 1;
                    }
                }
                rest.extend(forced_out);
                continue;
            }
        }
        if placeable.len() > 1 {
            // More tied candidates than places: nobody is chosen silently.
            p.ties.push(placeable.iter().map(|c| c.id).collect());
            blocked = true;
            rest.extend(forced_out);
            continue;
        }
        rest.extend(placeable.iter().map(|c| c.id));
        rest.extend(forced_out);
    }
    let tied: Vec<i64> = p.ties.iter().flatten().copied().collect();
    rest.retain(|id| !tied.contains(id));
    let limit = complementary
        .map(|n| n.max(0) as usize)
        .unwrap_or(usize::MAX);
    p.complementary = rest.into_iter().take(limit).collect();
    p.unused = left;
    p
}

/// The gates and the tie-break chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AllocationRules {
    /// Minimum total to be retained ("10" or "10,5"; empty: none).
    pub min_total: String,
    /// The dossier must be eligible.
    pub require_eligible: bool,
    /// The candidate must have been heard.
    pub require_heard: bool,
    /// The written ARS agreement must have been received.
    pub require_ars: bool,
    /// Length of the complementary list (empty: every eligible candidate).
    pub complementary_size: String,
    /// The blocks whose totals break ties, in order.
    pub tie_chain: Vec<BlockCode>,
}

fn block_code(s: &str) -> Option<BlockCode> {
    match s {
        "project" => Some(BlockCode::Project),
        "academic" => Some(BlockCode::Academic),
        "interview" => Some(BlockCode::Interview),
        _ => None,
    }
}

fn block_text(b: BlockCode) -> &'static str {
    match b {
        BlockCode::Project => "project",
        BlockCode::Academic => "academic",
        BlockCode::Interview => "interview",
    }
}

/// The rules in force.
pub fn rules(conn: &Connection) -> Result<AllocationRules> {
    Ok(conn.query_row(
        "SELECT min_total, require_eligible, require_heard, require_ars, complementary_size, tie_chain FROM allocation_rules WHERE id = 1",
        [],
        |r| {
            Ok(AllocationRules {
                min_total: r.get::<_, Option<i64>>(0)?.map(scoring::show_cents).unwrap_or_default(),
                require_eligible: r.get(1)?,
                require_heard: r.get(2)?,
                require_ars: r.get(3)?,
                complementary_size: r.get::<_, Option<i64>>(4)?.map(|n| n.to_string()).unwrap_or_default(),
                tie_chain: r.get::<_, String>(5)?.split(',').filter_map(block_code).collect(),
            })
        },
    )?)
}

/// One candidate's decision, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decision {
    /// The candidate.
    pub candidate_id: i64,
    /// "DUPONT Marie".
    pub display_name: String,
    /// Where they end up.
    pub outcome: Outcome,
    /// Their rank among the eligible of their category (ties share one).
    pub rank: Option<i64>,
    /// Their position on their list.
    pub position: Option<i64>,
    /// Total, French.
    pub total_display: String,
    /// One French sentence: "retenu — rang 3 sur 8, internes — médecine".
    pub reason: String,
}

/// A category's lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupAllocation {
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// "Internes — médecine".
    pub label: String,
    /// Contracts.
    pub quota: i64,
    /// Places by specialty ("médecine générale : 3"), when the ARS restricts them.
    pub specialties: Vec<String>,
    /// Main list.
    pub main: Vec<Decision>,
    /// Complementary list.
    pub complementary: Vec<Decision>,
    /// Tied across the last place (to settle by a recorded vote).
    pub ties: Vec<Decision>,
    /// Not retained and withdrawn.
    pub not_retained: Vec<Decision>,
    /// Contracts not given.
    pub unused: i64,
    /// Candidates on the main list only because others withdrew (promoted from the
    /// complementary list). Read by the bilan; not part of what the screens receive.
    #[serde(skip)]
    pub promoted: i64,
}

/// The allocation of every category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Allocation {
    /// Per category.
    pub groups: Vec<GroupAllocation>,
    /// Contracts not given, all categories.
    pub unused: i64,
    /// Ties remain to settle by a vote.
    pub ties_to_settle: bool,
    /// The rules applied, in French, for the minutes.
    pub rules_statement: String,
    /// What the commission should know before deciding (contracts for a category without
    /// candidates, specialty places nobody asks for), in French.
    pub notices: Vec<String>,
}

/// Gives `ranking` the ranks of `allocation` (one ranking on every screen): ranked first,
/// best first; then those who do not pass the conditions, with the reason.
pub(crate) fn rank(ranking: &mut scoring::Ranking, allocation: &Allocation) {
    for g in &mut ranking.groups {
        let Some(a) = allocation
            .groups
            .iter()
            .find(|a| a.category == g.category && a.discipline == g.discipline)
        else {
            continue;
        };
        let decisions: HashMap<i64, &Decision> = a
            .main
            .iter()
            .chain(&a.complementary)
            .chain(&a.ties)
            .chain(&a.not_retained)
            .map(|d| (d.candidate_id, d))
            .collect();
        let mut ranks: HashMap<i64, usize> = HashMap::new();
        for n in decisions.values().filter_map(|d| d.rank) {
            *ranks.entry(n).or_default() += 1;
        }
        for r in &mut g.rows {
            let Some(d) = decisions.get(&r.candidate_id) else {
                continue;
            };
            r.rank = d.rank;
            r.rank_display = match d.rank {
                Some(n) => format!(
                    "{}{}",
                    scoring::ranking::ordinal(n),
                    if ranks.get(&n).is_some_and(|shared| *shared > 1) {
                        " ex aequo"
                    } else {
                        ""
                    }
                ),
                None => String::new(),
            };
            r.excluded = match d.rank {
                None => d
                    .reason
                    .strip_prefix("non retenu : ")
                    .unwrap_or(&d.reason)
                    .to_owned(),
                Some(_) => String::new(),
            };
        }
        // Ranked first, by rank; then the others, best total first.
        g.rows.sort_by_key(|r| r.rank.unwrap_or(i64::MAX));
    }
}

/// Other quotas or another threshold to try (what-if); nothing is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Scenario {
    /// Quotas to try (the campaign's when absent).
    #[serde(default)]
    pub quotas: Option<Quotas>,
    /// Threshold to try ("12" or "12,5"; empty: none; absent: the rules').
    #[serde(default, alias = "seuil")]
    pub min_total: Option<String>,
}

/// Places the ARS opens in one specialty of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpecialtyQuota {
    /// Category.
    pub category: Category,
    /// Discipline.
    pub discipline: Discipline,
    /// "Médecine générale".
    pub specialty: String,
    /// Places.
    pub places: i64,
}

/// Position of a (category, discipline) in the order of the ministerial order.
fn cell_index(c: Category, d: Discipline) -> Option<usize> {
    crate::campaign::cells().position(|x| x == (c, d))
}

impl SpecialtyQuota {
    fn cell(&self) -> Option<usize> {
        cell_index(self.category, self.discipline)
    }
}

/// The specialties opened and those the candidates aim at (to choose from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpecialtyPlan {
    /// Places by specialty; none: the quotas are not restricted.
    pub rows: Vec<SpecialtyQuota>,
    /// The specialties named by the candidates, with how many aim at each (`places`).
    pub known: Vec<SpecialtyQuota>,
}

fn parse_threshold(text: &str) -> Result<Option<i64>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match scoring::parse_cents(text).filter(|v| *v >= 0) {
        Some(v) => Ok(Some(v)),
        None => Err(Error::Validation(vec![FieldIssue::new("min_total", format!("« Seuil » : « {} » n'est pas un total possible ; écrivez par exemple 20 ou 20,5, ou laissez vide.", text.trim()))])),
    }
}

/// The places by specialty the ARS opened, in the order of the ministerial order.
pub fn specialty_quotas(conn: &Connection) -> Result<Vec<SpecialtyQuota>> {
    let mut stmt = conn.prepare(
        "SELECT category, discipline, specialty, count FROM specialty_quota ORDER BY rowid",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (c, d, specialty, places) = row?;
        if let (Some(category), Some(discipline)) =
            (Category::from_code(&c), Discipline::from_code(&d))
        {
            out.push(SpecialtyQuota {
                category,
                discipline,
                specialty,
                places,
            });
        }
    }
    out.sort_by_key(SpecialtyQuota::cell);
    Ok(out)
}

fn specialties_text(rows: &[SpecialtyQuota]) -> String {
    if rows.is_empty() {
        return "aucune restriction".into();
    }
    rows.iter()
        .map(|q| {
            format!(
                "{} : {} {}",
                group_label(q.category, q.discipline),
                q.specialty,
                q.places
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn statement(r: &AllocationRules) -> String {
    let mut gates = Vec::new();
    if r.require_eligible {
        gates.push("dossier recevable".to_owned());
    }
    if r.require_heard {
        gates.push("entendu en entretien".to_owned());
    }
    if !r.min_total.is_empty() {
        gates.push(format!("total d'au moins {}", r.min_total));
    }
    if r.require_ars {
        gates.push("accord écrit de l'ARS".to_owned());
    }
    let chain: Vec<&str> = r
        .tie_chain
        .iter()
        .map(|b| match b {
            BlockCode::Interview => "la note d'entretien",
            BlockCode::Project => "la note du projet professionnel",
            BlockCode::Academic => "les résultats universitaires",
        })
        .collect();
    // Shown as it is on the allocation's screen: typeset here, not only in the minutes.
    crate::fr::typography(&format!(
        "Conditions pour être classé : {}. Les candidats sont classés par total décroissant ; en cas d'égalité, {}un vote de la commission, consigné au procès-verbal.",
        if gates.is_empty() { "aucune".into() } else { gates.join(", ") },
        if chain.is_empty() { String::new() } else { format!("{}, puis ", chain.join(", puis ")) }
    ))
    .into_owned()
}

/// Computes the allocation, with the campaign's quotas and threshold or those of
/// `scenario` (what-if), from the candidates, dossiers and ranking the caller has:
/// [`load`] then [`allocate`].
pub fn compute_with(
    conn: &Connection,
    scenario: Option<&Scenario>,
    candidates: &[crate::candidate::CandidateRow],
    dossiers: &[crate::dossier::Dossier],
    ranking: &scoring::ranking::Ranking,
) -> Result<Allocation> {
    allocate(&load(conn, scenario, candidates, dossiers)?, ranking)
}

/// A candidate as the gates see them, beyond their scores.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applicant {
    /// The candidate.
    pub id: i64,
    /// Their dossier's eligibility; none without a dossier.
    pub eligibility: Option<Eligibility>,
    /// The ARS agreement as recorded in their data.
    pub ars_agreement: Option<bool>,
    /// Where their dossier's piece « Accord écrit de l'ARS » stands.
    pub ars_piece: Option<crate::dossier::PieceStatus>,
    /// The intended specialty, as typed.
    pub specialty: Option<String>,
}

/// A withdrawal (or a contract not returned), as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    /// The ISO date.
    pub on: String,
    /// The contract was not returned within 30 days (else a withdrawal).
    pub not_returned: bool,
    /// What the candidate made known.
    pub reason: String,
}

/// Everything the allocation is computed from besides the ranking, read from the file by
/// [`load`] (or built by hand in a test); [`allocate`] applies the rules to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationData {
    /// The gates and the tie-break chain (with a what-if threshold applied).
    pub rules: AllocationRules,
    /// The contracts of each category (the campaign's or a what-if's).
    pub quotas: Quotas,
    /// The places by specialty the ARS opened.
    pub specialties: Vec<SpecialtyQuota>,
    /// The candidates.
    pub applicants: Vec<Applicant>,
    /// Positions voted by the commission among tied candidates (1 first), by candidate.
    pub votes: HashMap<i64, i64>,
    /// The commission's decisions with their reasons, by candidate.
    pub overrides: HashMap<i64, (Outcome, String)>,
    /// Withdrawals, by candidate.
    pub withdrawals: HashMap<i64, Withdrawal>,
}

/// Reads what the allocation needs for `candidates` (with their `dossiers`), with the
/// quotas and threshold of `scenario` when given; no rule here.
pub(crate) fn load(
    conn: &Connection,
    scenario: Option<&Scenario>,
    candidates: &[crate::candidate::CandidateRow],
    dossiers: &[crate::dossier::Dossier],
) -> Result<AllocationData> {
    let mut rules = rules(conn)?;
    if let Some(text) = scenario.and_then(|s| s.min_total.as_deref()) {
        rules.min_total = parse_threshold(text)?
            .map(scoring::show_cents)
            .unwrap_or_default();
    }
    let settings = crate::campaign::read_settings_conn(conn)?;
    let quotas = scenario.and_then(|s| s.quotas).unwrap_or(settings.quotas);
    let dossier_of: HashMap<i64, &crate::dossier::Dossier> =
        dossiers.iter().map(|d| (d.candidate_id, d)).collect();
    let applicants = candidates
        .iter()
        .map(|c| {
            let dossier = dossier_of.get(&c.id);
            Applicant {
                id: c.id,
                eligibility: dossier.map(|d| d.eligibility.status),
                ars_agreement: c.data.ars_agreement,
                ars_piece: dossier
                    .and_then(|d| {
                        d.pieces
                            .iter()
                            .find(|p| &*p.label == "Accord écrit de l'ARS")
                    })
                    .and_then(|p| p.status),
                specialty: c.data.specialty.clone(),
            }
        })
        .collect();
    let votes: HashMap<i64, i64> = {
        let mut stmt = conn.prepare("SELECT candidate, position FROM tie_vote")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let overrides: HashMap<i64, (Outcome, String)> = {
        let mut stmt = conn.prepare("SELECT candidate, outcome, reason FROM decision_override")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut m = HashMap::new();
        for row in rows {
            let (c, o, reason) = row?;
            let o = match o.as_str() {
                "main" => Outcome::Main,
                "complementary" => Outcome::Complementary,
                _ => Outcome::NotRetained,
            };
            m.insert(c, (o, reason));
        }
        m
    };
    let withdrawals: HashMap<i64, Withdrawal> = {
        let mut stmt = conn.prepare("SELECT candidate, on_date, kind, reason FROM withdrawal")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Withdrawal {
                    on: r.get(1)?,
                    not_returned: r.get::<_, String>(2)? == "not_returned",
                    reason: r.get(3)?,
                },
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    Ok(AllocationData {
        rules,
        quotas,
        specialties: specialty_quotas(conn)?,
        applicants,
        votes,
        overrides,
        withdrawals,
    })
}

/// The allocation rule: the gates, the order (total, tie-break chain, vote), the lists of
/// each category and the notices, from plain data and the `ranking` (no file). Refused
/// when a quota is negative.
pub fn allocate(data: &AllocationData, ranking: &scoring::ranking::Ranking) -> Result<Allocation> {
    let AllocationData {
        rules,
        quotas,
        specialties,
        applicants,
        votes,
        overrides: forced,
        withdrawals,
    } = data;
    if let Some((c, d)) = crate::campaign::cells().find(|(c, d)| quotas.get(*c, *d) < 0) {
        return Err(Error::Validation(vec![FieldIssue::new(
            "quotas",
            format!(
                "« Contingent {} » : {} n'est pas un nombre de contrats ; il faut 0 ou plus.",
                group_label(c, d),
                quotas.get(c, d)
            ),
        )]));
    }
    let mut notices = Vec::new();
    let applicant_of: HashMap<i64, &Applicant> = applicants.iter().map(|a| (a.id, a)).collect();
    let min = if rules.min_total.is_empty() {
        None
    } else {
        scoring::parse_cents(&rules.min_total)
    };
    let withdrawals: HashMap<i64, String> = withdrawals
        .iter()
        .map(|(c, w)| {
            let day = fr::parse_date(&w.on)
                .map(fr::date_short)
                .unwrap_or_else(|| w.on.clone());
            let what = if w.not_returned {
                "contrat non retourné dans les 30 jours"
            } else {
                "désistement"
            };
            (*c, format!("{what} le {day} ({})", w.reason))
        })
        .collect();
    let mut groups = Vec::new();
    for g in &ranking.groups {
        let quota = quotas.get(g.category, g.discipline);
        let mine: Vec<(String, i64)> = specialties
            .iter()
            .filter(|q| q.category == g.category && q.discipline == g.discipline)
            .map(|q| (q.specialty.clone(), q.places))
            .collect();
        let mut contenders = Vec::new();
        for r in &g.rows {
            let applicant = applicant_of.get(&r.candidate_id).copied();
            let eligibility = applicant.and_then(|a| a.eligibility);
            let mut failed = Vec::new();
            if rules.require_eligible && eligibility.is_some_and(|e| e != Eligibility::Complete) {
                failed.push(match eligibility {
                    Some(Eligibility::Incomplete) => "dossier incomplet".to_owned(),
                    _ => "dossier non recevable".to_owned(),
                });
            }
            if rules.require_heard && r.status == scoring::ranking::Status::NotHeard {
                failed.push("non entendu en entretien".into());
            }
            if r.total.is_none() && r.status != scoring::ranking::Status::NotHeard {
                failed.push("notes incomplètes".into());
            }
            if let (Some(m), Some(t)) = (min, r.total) {
                if scoring::cents(t) < m {
                    failed.push(format!(
                        "total {} < seuil {}",
                        r.total_display,
                        scoring::show_cents(m)
                    ));
                }
            }
            if rules.require_ars {
                let piece = applicant.and_then(|a| a.ars_piece);
                let has = applicant.and_then(|a| a.ars_agreement).unwrap_or(false)
                    || piece == Some(crate::dossier::PieceStatus::Received);
                if !has {
                    failed.push("accord écrit de l'ARS non reçu".into());
                }
            }
            let keys = rules
                .tie_chain
                .iter()
                .map(|b| {
                    r.blocks
                        .iter()
                        .find(|x| x.code == *b)
                        .and_then(|x| x.value)
                        .map(scoring::cents)
                        .unwrap_or(0)
                })
                .collect();
            contenders.push(Contender {
                id: r.candidate_id,
                total: r.total.map(scoring::cents),
                keys,
                vote: votes.get(&r.candidate_id).copied(),
                specialty: applicant.and_then(|a| a.specialty.as_deref()).map(fold),
                failed,
                withdrawn: withdrawals.get(&r.candidate_id).cloned(),
                forced: forced.get(&r.candidate_id).map(|f| f.0),
            });
        }
        let size = rules.complementary_size.trim().parse::<i64>().ok();
        let p = place(&contenders, quota, &mine, size);
        // Who is on the main list only because others withdrew: the lists as they would
        // stand without the withdrawals, compared (ranks are counted without the
        // candidates who withdrew, so a rank cannot tell it).
        let promoted = if contenders.iter().any(|c| c.withdrawn.is_some()) {
            let stayed: Vec<Contender> = contenders
                .iter()
                .map(|c| Contender {
                    withdrawn: None,
                    ..c.clone()
                })
                .collect();
            let before: std::collections::HashSet<i64> = place(&stayed, quota, &mine, size)
                .main
                .into_iter()
                .collect();
            p.main.iter().filter(|id| !before.contains(id)).count() as i64
        } else {
            0
        };
        let opened: i64 = mine.iter().map(|(_, n)| n).sum();
        if !mine.is_empty() && opened < quota {
            notices.push(format!(
                "{} : l'ARS n'ouvre que {} par spécialité pour un contingent de {quota} ; au plus {} {}.",
                g.label,
                fr::count(opened, "place", "places"),
                fr::count(opened, "contrat", "contrats"),
                fr::agree(opened, "peut être attribué", "peuvent être attribués")
            ));
        }
        for (s, n) in &mine {
            let wanted = contenders
                .iter()
                .any(|c| c.specialty.as_deref() == Some(fold(s).as_str()));
            if !wanted && quota > 0 {
                notices.push(format!(
                    "{} : {} en {s}, mais aucun candidat ne vise cette spécialité ; {}.",
                    g.label,
                    fr::count(*n, "place ouverte", "places ouvertes"),
                    fr::agree(*n, "elle restera inutilisée", "elles resteront inutilisées")
                ));
            }
        }
        let eligible_count = p.ranks.len() as i64;
        let label = g.label.clone();
        let row_of = |id: i64| g.rows.iter().find(|r| r.candidate_id == id);
        let decision =
            |id: i64, outcome: Outcome, position: Option<i64>, reason: String| Decision {
                candidate_id: id,
                display_name: row_of(id)
                    .map(|r| r.display_name.clone())
                    .unwrap_or_default(),
                outcome,
                rank: p.ranks.get(&id).copied(),
                position,
                total_display: row_of(id)
                    .map(|r| r.total_display.clone())
                    .unwrap_or_default(),
                reason,
            };
        let forced_note = |id: i64| {
            forced
                .get(&id)
                .map(|(_, why)| format!(" — décision de la commission : {why}"))
                .unwrap_or_default()
        };
        let main = p
            .main
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let rank = p.ranks.get(id).copied().unwrap_or(i as i64 + 1);
                decision(
                    *id,
                    Outcome::Main,
                    Some(i as i64 + 1),
                    format!(
                        "retenu — rang {} sur {}, {}{}",
                        fr::integer(rank),
                        fr::integer(eligible_count),
                        label.to_lowercase(),
                        forced_note(*id)
                    ),
                )
            })
            .collect();
        let complementary = p
            .complementary
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let why = p
                    .skipped
                    .get(id)
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                decision(
                    *id,
                    Outcome::Complementary,
                    Some(i as i64 + 1),
                    format!(
                        "liste complémentaire n° {}{why}{}",
                        fr::integer(i + 1),
                        forced_note(*id)
                    ),
                )
            })
            .collect();
        let ties: Vec<Decision> = p
            .ties
            .iter()
            .flat_map(|t| {
                let names: Vec<String> = t.iter().filter_map(|id| row_of(*id).map(|r| r.display_name.clone())).collect();
                let rank = t.first().and_then(|id| p.ranks.get(id)).copied().unwrap_or(0);
                t.iter()
                    .map(|id| {
                        decision(
                            *id,
                            Outcome::TieToSettle,
                            None,
                            format!("ex aequo au rang {rank} ({}) : à départager par un vote de la commission", names.join(", ")),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let placed: Vec<i64> = p
            .main
            .iter()
            .chain(&p.complementary)
            .chain(p.ties.iter().flatten())
            .copied()
            .collect();
        let not_retained = contenders
            .iter()
            .filter(|c| !placed.contains(&c.id))
            .map(|c| {
                let (outcome, reason) = if let Some(w) = &c.withdrawn {
                    (Outcome::Withdrawn, w.clone())
                } else if let Some((Outcome::NotRetained, why)) = forced.get(&c.id) {
                    (
                        Outcome::NotRetained,
                        format!("non retenu : décision de la commission — {why}"),
                    )
                } else if !c.failed.is_empty() {
                    (
                        Outcome::NotRetained,
                        format!("non retenu : {}", c.failed.join(" ; ")),
                    )
                } else {
                    (
                        Outcome::NotRetained,
                        "non retenu : au-delà de la liste complémentaire".into(),
                    )
                };
                decision(c.id, outcome, None, reason)
            })
            .collect();
        groups.push(GroupAllocation {
            category: g.category,
            discipline: g.discipline,
            label,
            quota,
            specialties: mine.iter().map(|(s, n)| format!("{s} : {n}")).collect(),
            main,
            complementary,
            ties,
            not_retained,
            unused: p.unused,
            promoted,
        });
    }
    // Contracts given to a category without any candidate are reported, never dropped.
    for (category, discipline) in crate::campaign::cells() {
        let quota = quotas.get(category, discipline);
        if quota == 0
            || groups
                .iter()
                .any(|g| g.category == category && g.discipline == discipline)
        {
            continue;
        }
        let label = group_label(category, discipline);
        notices.push(format!(
            "{label} : {} au contingent, mais aucun candidat dans cette catégorie ; {} (vérifiez le contingent ou l'import).",
            fr::count(quota, "contrat", "contrats"),
            fr::agree(quota, "il reste non attribué", "ils restent non attribués")
        ));
        groups.push(GroupAllocation {
            category,
            discipline,
            label,
            quota,
            specialties: Vec::new(),
            main: Vec::new(),
            complementary: Vec::new(),
            ties: Vec::new(),
            not_retained: Vec::new(),
            unused: quota,
            promoted: 0,
        });
    }
    groups.sort_by_key(|g| cell_index(g.category, g.discipline));
    Ok(Allocation {
        unused: groups.iter().map(|g| g.unused).sum(),
        ties_to_settle: groups.iter().any(|g| !g.ties.is_empty()),
        groups,
        rules_statement: statement(rules),
        notices,
    })
}

use crate::journal::now;

/// A run kept in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AllocationRun {
    /// Identifier.
    pub id: i64,
    /// When (French).
    pub at_display: String,
    /// Who.
    pub operator: String,
    /// Why ("sitting of 15 January", "summer transfer").
    pub reason: String,
}

impl Campaign {
    /// The gates and the tie-break chain.
    pub fn allocation_rules(&self) -> Result<AllocationRules> {
        rules(self.conn())
    }

    /// Changes the gates and the tie-break chain.
    pub fn set_allocation_rules(&mut self, new: &AllocationRules, operator: &str) -> Result<()> {
        let mut issues = Vec::new();
        let min = match parse_threshold(&new.min_total) {
            Ok(v) => v,
            Err(Error::Validation(mut found)) => {
                issues.append(&mut found);
                None
            }
            Err(e) => return Err(e),
        };
        let size = if new.complementary_size.trim().is_empty() {
            None
        } else {
            match new
                .complementary_size
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
            {
                Some(n) => Some(n),
                None => {
                    issues.push(FieldIssue::new("complementary_size", format!("« Taille de la liste complémentaire » : « {} » n'est pas un nombre de candidats ; laissez vide pour y mettre tous les candidats classés.", new.complementary_size.trim())));
                    None
                }
            }
        };
        let mut chain = new.tie_chain.clone();
        chain.dedup();
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        self.store().write(operator, |tx| {
            let old = rules(tx)?;
            tx.execute(
                // Written only when they differ: the lists and the ranking (which read them)
                // stay kept otherwise.
                "UPDATE allocation_rules SET min_total = ?1, require_eligible = ?2, require_heard = ?3, require_ars = ?4, complementary_size = ?5, tie_chain = ?6 \
                 WHERE id = 1 AND (min_total IS NOT ?1 OR require_eligible IS NOT ?2 OR require_heard IS NOT ?3 OR require_ars IS NOT ?4 OR complementary_size IS NOT ?5 OR tie_chain IS NOT ?6)",
                params![
                    min,
                    new.require_eligible,
                    new.require_heard,
                    new.require_ars,
                    size,
                    chain.iter().map(|b| block_text(*b)).collect::<Vec<_>>().join(",")
                ],
            )?;
            let after = rules(tx)?;
            if after == old {
                return Ok(((), None));
            }
            let mut entry = Entry::new("allocation.rules", "Règles d'attribution modifiées.");
            entry.changes.push(Change { field: "Règles".into(), before: statement(&old), after: statement(&after) });
            Ok(((), Some(entry)))
        })
    }

    /// The allocation with the campaign's quotas and threshold, or with those of a
    /// what-if `scenario`.
    pub fn allocation(&self, scenario: Option<&Scenario>) -> Result<Allocation> {
        match scenario {
            None => Ok(self.allocation_kept()?.as_ref().clone()),
            Some(_) => compute_with(
                self.conn(),
                scenario,
                &self.candidate_rows()?,
                &self.all_dossiers()?,
                &*self.scores_ranking()?,
            ),
        }
    }

    /// The allocation with the campaign's own quotas, worked out once and kept until what
    /// it reads (or the date) changes ([`Store::view`](crate::store::Store::view)).
    pub(crate) fn allocation_kept(&self) -> Result<std::sync::Arc<Allocation>> {
        self.view_of_dossiers("allocation", |conn, candidates, dossiers| {
            compute_with(conn, None, candidates, dossiers, &*self.scores_ranking()?)
        })
    }

    /// The ranking by the scores alone (before the allocation's conditions), kept like
    /// the allocation. No candidate's scores are marked validated in it
    /// ([`scoring::ranking::without_locks`]): nothing else depends on it, so validating
    /// scores keeps it; [`Campaign::locked_scores`] says whose are.
    pub(crate) fn scores_ranking(&self) -> Result<std::sync::Arc<scoring::Ranking>> {
        self.view_of_dossiers("ranking.scores", scoring::ranking::without_locks)
    }

    /// The candidates whose scores are validated, kept until that changes.
    pub(crate) fn locked_scores(&self) -> Result<std::sync::Arc<std::collections::HashSet<i64>>> {
        self.views()
            .view("scores.locked", 0, scoring::ranking::locked)
    }

    /// The places by specialty the ARS opened, and the specialties the candidates name.
    pub fn specialty_plan(&self) -> Result<SpecialtyPlan> {
        let mut known: Vec<SpecialtyQuota> = Vec::new();
        for c in self.candidate_rows()?.iter() {
            let Some(s) = c
                .data
                .specialty
                .as_deref()
                .map(fr::tidy)
                .filter(|s| !s.is_empty())
            else {
                continue;
            };
            let (Some(category), Some(discipline)) = (c.data.category, c.data.discipline) else {
                continue;
            };
            match known.iter_mut().find(|k| {
                k.category == category
                    && k.discipline == discipline
                    && fold(&k.specialty) == fold(&s)
            }) {
                Some(k) => k.places += 1,
                None => known.push(SpecialtyQuota {
                    category,
                    discipline,
                    specialty: s,
                    places: 1,
                }),
            }
        }
        known.sort_by_key(|q| (q.cell(), fold(&q.specialty)));
        Ok(SpecialtyPlan {
            rows: specialty_quotas(self.conn())?,
            known,
        })
    }

    /// Replaces the places by specialty the ARS opened (an empty list lifts every
    /// restriction); every row is checked, nothing is written when one is wrong.
    pub fn set_specialty_quotas(
        &mut self,
        rows: &[SpecialtyQuota],
        operator: &str,
    ) -> Result<Vec<SpecialtyQuota>> {
        let quotas = self.settings()?.quotas;
        let mut issues = Vec::new();
        let mut clean: Vec<SpecialtyQuota> = Vec::new();
        for (i, q) in rows.iter().enumerate() {
            let line = i + 1;
            let specialty = fr::tidy(&q.specialty);
            let label = group_label(q.category, q.discipline);
            if specialty.is_empty() {
                issues.push(FieldIssue::new(format!("specialty.{i}"), format!("Ligne {line} : « Spécialité » est vide ; écrivez-la (par exemple « Médecine générale ») ou retirez la ligne.")));
                continue;
            }
            if q.places < 1 {
                issues.push(FieldIssue::new(format!("places.{i}"), format!("Ligne {line} ({specialty}) : « Places » vaut {} ; il faut au moins 1 place, sinon retirez la ligne.", q.places)));
                continue;
            }
            if clean.iter().any(|c| {
                c.category == q.category
                    && c.discipline == q.discipline
                    && fold(&c.specialty) == fold(&specialty)
            }) {
                issues.push(FieldIssue::new(format!("specialty.{i}"), format!("Ligne {line} : {specialty} figure déjà pour les {}. Regroupez les places sur une seule ligne.", label.to_lowercase())));
                continue;
            }
            clean.push(SpecialtyQuota {
                category: q.category,
                discipline: q.discipline,
                specialty,
                places: q.places,
            });
        }
        for (category, discipline) in crate::campaign::cells() {
            let sum: i64 = clean
                .iter()
                .filter(|q| q.category == category && q.discipline == discipline)
                .map(|q| q.places)
                .sum();
            let quota = quotas.get(category, discipline);
            if sum > quota {
                issues.push(FieldIssue::new("places", format!("{} : {} par spécialité pour un contingent de {} ; réduisez les places ou corrigez le contingent dans les paramètres de la campagne.", group_label(category, discipline), fr::count(sum, "place", "places"), fr::count(quota, "contrat", "contrats"))));
            }
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        self.store().write(operator, |tx| {
            let before = specialty_quotas(tx)?;
            tx.execute("DELETE FROM specialty_quota", [])?;
            for q in &clean {
                tx.execute(
                    "INSERT INTO specialty_quota (category, discipline, specialty, count) VALUES (?1, ?2, ?3, ?4)",
                    params![q.category.code(), q.discipline.code(), q.specialty, q.places],
                )?;
            }
            let after = specialty_quotas(tx)?;
            if after == before {
                return Ok((after, None));
            }
            let mut entry = Entry::new("allocation.specialties", "Places par spécialité ouvertes par l'ARS modifiées.");
            entry.changes.push(Change { field: "Spécialités".into(), before: specialties_text(&before), after: specialties_text(&after) });
            Ok((after, Some(entry)))
        })
    }

    /// The ranking: totals per block, dispersion, flags, per category; ranked are those
    /// who pass the allocation's conditions, with the allocation's ranks, the others after
    /// them with the reason.
    pub fn ranking(&self) -> Result<scoring::Ranking> {
        self.ranking_of(&scoring::ScoringScope::default())
    }

    /// [`Campaign::ranking`] with the rows of the candidates of `scope` only (their
    /// ranks are those of the whole lists; the members' severity and the distributions
    /// are the whole campaign's), in summary when the scope says so.
    pub fn ranking_of(&self, scope: &scoring::ScoringScope) -> Result<scoring::Ranking> {
        // Put together at each call from the views it is made of, never kept whole: a
        // copy is made for the caller anyway, and a kept one would hold a second ranking
        // (30 MB at 10 000 candidates) beside the ranking by scores.
        let scores = self.scores_ranking()?;
        let mut ranking = match self.scope_candidates(scope)? {
            None if !scope.summary => scores.as_ref().clone(),
            None => scores.cut(|_| true, true),
            Some(kept) => scores.cut(|id| kept.contains(&id), scope.summary),
        };
        rank(&mut ranking, &*self.allocation_kept()?);
        scoring::ranking::set_locks(&mut ranking, &*self.locked_scores()?);
        Ok(ranking)
    }

    /// Records an allocation run in the history (the lists as they stand), journaled.
    pub fn record_allocation(&mut self, reason: &str, operator: &str) -> Result<i64> {
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        let a = self.allocation(None)?;
        if a.ties_to_settle {
            return Err(Error::Refused(Refusal::TiesUnsettled,
                "Des candidats sont ex aequo au dernier rang utile : la commission doit les départager par un vote (enregistrez l'ordre voté) avant d'arrêter les listes.".into(),
            ));
        }
        let quotas = serde_json::to_string(&self.settings()?.quotas).unwrap_or_default();
        let result = serde_json::to_string(&a).unwrap_or_default();
        self.store().write(operator, |tx| {
            tx.execute(
                "INSERT INTO allocation_run (at, operator, reason, quotas, result) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![now(), operator, reason, quotas, result],
            )?;
            let id = tx.last_insert_rowid();
            let main: usize = a.groups.iter().map(|g| g.main.len()).sum();
            let mut entry = Entry::new(
                "allocation.run",
                format!(
                    "Attribution n° {id}{} : {}, {}.",
                    if reason.is_empty() { String::new() } else { format!(" ({reason})") },
                    fr::count(main, "contrat attribué", "contrats attribués"),
                    fr::count(a.unused, "non attribué", "non attribués")
                ),
            );
            for g in &a.groups {
                entry.changes.push(Change {
                    field: g.label.clone(),
                    before: String::new(),
                    after: format!(
                        "principale : {} ; complémentaire : {}",
                        g.main.iter().map(|d| d.display_name.as_str()).collect::<Vec<_>>().join(", "),
                        g.complementary.iter().map(|d| d.display_name.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                });
            }
            entry.reference = Some(id);
            Ok((id, Some(entry)))
        })
    }

    /// The runs kept, newest first.
    pub fn allocation_runs(&self) -> Result<Vec<AllocationRun>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, at, operator, reason FROM allocation_run ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(AllocationRun {
                id: r.get(0)?,
                at_display: fr::timestamp(&r.get::<_, String>(1)?),
                operator: r.get(2)?,
                reason: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a withdrawal (or a contract not returned) of a candidate on the main list;
    /// the next eligible candidate of the complementary list takes the place.
    pub fn record_withdrawal(
        &mut self,
        candidate: i64,
        on: &str,
        not_returned: bool,
        reason: &str,
        operator: &str,
    ) -> Result<Allocation> {
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        let day = crate::typed_date::parse("on", "Date", on)
            .map_err(|issue| Error::Validation(vec![issue]))?;
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new("reason", "« Motif » est obligatoire : indiquez ce que le candidat a fait savoir (ou « contrat non retourné »).")]));
        }
        let before = self.allocation(None)?;
        let group = before
            .groups
            .iter()
            .find(|g| g.main.iter().any(|d| d.candidate_id == candidate));
        let Some(group) = group else {
            let name = crate::candidate::get(self.conn(), candidate)
                .map(|c| c.display_name)
                .unwrap_or_else(|_| format!("Le candidat n° {candidate}"));
            return Err(Error::Refused(Refusal::NotOnMainList, format!(
                "{name} n'est pas sur la liste principale : seul un candidat retenu peut se désister ou ne pas retourner son contrat. Rien n'a été modifié."
            )));
        };
        // Named as the minutes will read them: a homonym is told apart.
        let name = crate::candidate::told_apart(self.conn(), candidate)?;
        let promoted = match group.complementary.first() {
            Some(d) => Some(crate::candidate::told_apart(self.conn(), d.candidate_id)?),
            None => None,
        };
        self.store().write(operator, |tx| {
            tx.execute(
                "INSERT INTO withdrawal (candidate, on_date, kind, reason, at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![candidate, day.format("%Y-%m-%d").to_string(), if not_returned { "not_returned" } else { "withdrawal" }, reason, now(), operator],
            )?;
            let mut entry = Entry::new(
                "allocation.withdrawal",
                format!(
                    "{} de {name} le {} ({reason}){}.",
                    if not_returned { "Contrat non retourné" } else { "Désistement" },
                    fr::date_short(day),
                    match &promoted {
                        Some(p) => format!(" ; {p} passe de la liste complémentaire à la liste principale"),
                        None => " ; la liste complémentaire est vide : le contrat reste non attribué".into(),
                    }
                ),
            );
            entry.reference = Some(candidate);
            Ok(((), Some(entry)))
        })?;
        // Worked out once written, from the views kept (the candidates, their dossiers and
        // scores did not change).
        self.allocation(None)
    }

    /// Records the order the commission voted for tied candidates (first = best).
    pub fn record_tie_vote(
        &mut self,
        order: &[i64],
        reason: &str,
        operator: &str,
    ) -> Result<Allocation> {
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if order.len() < 2 {
            return Err(Error::Validation(vec![FieldIssue::new(
                "order",
                "Indiquez l'ordre d'au moins deux candidats ex aequo.",
            )]));
        }
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new("reason", "« Motif » est obligatoire : résumez le vote (par exemple « vote à main levée, 5 voix contre 2 »).")]));
        }
        self.store().write(operator, |tx| {
            let mut names = Vec::new();
            for (i, id) in order.iter().enumerate() {
                names.push(crate::candidate::get(tx, *id).map_err(|_| Error::Missing { what: format!("Le candidat n° {id}") })?.display_name);
                tx.execute(
                    "INSERT INTO tie_vote (candidate, position, reason, at, operator) VALUES (?1, ?2, ?3, ?4, ?5) \
                     ON CONFLICT (candidate) DO UPDATE SET position = excluded.position, reason = excluded.reason, at = excluded.at, operator = excluded.operator",
                    params![id, i as i64 + 1, reason, now(), operator],
                )?;
            }
            Ok(((), Some(Entry::new("allocation.tie_vote", format!("Vote de la commission pour départager {} : ordre retenu {} — {reason}.", names.join(", "), names.join(" puis "))))))
        })?;
        self.allocation(None)
    }

    /// The commission overrides one decision with a written reason (`None`: back to the
    /// computed decision).
    pub fn override_decision(
        &mut self,
        candidate: i64,
        outcome: Option<Outcome>,
        reason: &str,
        operator: &str,
    ) -> Result<Allocation> {
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if outcome.is_some() && reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new("reason", "« Motif » est obligatoire : la décision de la commission doit être motivée (elle figurera au procès-verbal).")]));
        }
        let code = match outcome {
            Some(Outcome::Main) => Some("main"),
            Some(Outcome::Complementary) => Some("complementary"),
            Some(Outcome::NotRetained) => Some("not_retained"),
            Some(_) => return Err(Error::Refused(Refusal::DecisionNotImposable, "Cette décision ne peut pas être imposée : choisissez liste principale, liste complémentaire ou non retenu.".into())),
            None => None,
        };
        self.store().write(operator, |tx| {
            let name = crate::candidate::get(tx, candidate).map_err(|_| Error::Missing { what: format!("Le candidat n° {candidate}") })?.display_name;
            match code {
                Some(c) => {
                    tx.execute(
                        "INSERT INTO decision_override (candidate, outcome, reason, at, operator) VALUES (?1, ?2, ?3, ?4, ?5) \
                         ON CONFLICT (candidate) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, at = excluded.at, operator = excluded.operator",
                        params![candidate, c, reason, now(), operator],
                    )?;
                }
                None => {
                    let had: Option<i64> = tx.query_row("SELECT 1 FROM decision_override WHERE candidate = ?1", [candidate], |r| r.get(0)).optional()?;
                    if had.is_none() {
                        return Ok(((), None));
                    }
                    tx.execute("DELETE FROM decision_override WHERE candidate = ?1", [candidate])?;
                }
            }
            let label = match outcome {
                Some(Outcome::Main) => "liste principale",
                Some(Outcome::Complementary) => "liste complémentaire",
                Some(_) => "non retenu",
                None => "retour au classement",
            };
            let mut entry = Entry::new("allocation.override", format!("Décision de la commission pour {name} : {label}{}.", if reason.is_empty() { String::new() } else { format!(" — motif : {reason}") }));
            entry.reference = Some(candidate);
            Ok(((), Some(entry)))
        })?;
        self.allocation(None)
    }
}

#[cfg(test)]
mod tests;
