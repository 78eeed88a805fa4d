//! The minutes' rules, as plain functions of what the campaign holds ([`Sources`]): what
//! the minutes state ([`assemble`], one step per section) and what is checked before they
//! are sealed ([`checklist`]). Nothing here reads the campaign.

use chrono::NaiveDate;

use super::sources::{Decided, JournalLine, Sources};
use super::{
    Acting, AnnexLine, CheckItem, DecisionLine, GridLine, HeardGroup, HeardLine, ListGroup,
    MemberLine, Minutes, SittingLine, LEGAL_BASIS,
};
use crate::candidate::Category;
use crate::commission::{Attendance, Member, Role};
use crate::fr;
use crate::scoring::ranking::Status;

/// The minutes of `s`, signed on `signed_on` (not yet sealed).
pub(crate) fn assemble(s: &Sources, signed_on: NaiveDate) -> Minutes {
    let sittings = sitting_lines(s);
    let signatories = signatories(&s.members, &sittings);
    Minutes {
        campaign_uid: s.campaign_uid.clone(),
        title: format!("Procès-verbal de la commission CESP — {}", s.academic_year),
        letterhead: vec![s.ufr_name.clone(), s.university.clone()],
        legal_basis: LEGAL_BASIS.iter().map(|s| (*s).to_owned()).collect(),
        managing_body: s.managing_body.clone(),
        quotas: quota_lines(s),
        commission_rules: s.commission_rules.clone(),
        sittings,
        grid: grid_lines(s),
        grid_total: format!("Total sur {}", s.grid_total),
        padhue: padhue_statement(s),
        recusals: s
            .recusals
            .iter()
            .map(|r| format!("{} — {} : {}", r.member_name, r.candidate_name, r.reason))
            .collect(),
        heard: heard_groups(s),
        allocation_rules: s.lists.rules_statement.clone(),
        lists: list_groups(s),
        notices: s.lists.notices.clone(),
        votes: vote_lines(s),
        overrides: override_lines(s),
        withdrawals: s.annex.withdrawals.clone(),
        annex: s.annex.lines.clone(),
        journal_until: s.journal_until,
        signatories,
        place_date: format!(
            "Fait à {}, le {}",
            s.city,
            fr::date_long(signed_on)
                .split_once(' ')
                .map(|x| x.1.to_owned())
                .unwrap_or_default()
        ),
        sealing: Vec::new(),
    }
}

/// A member as the minutes name them.
fn member_line(m: &Member) -> MemberLine {
    MemberLine {
        id: m.id,
        name: m.name.clone(),
        role: m.role_label.clone(),
        voting: m.voting,
    }
}

/// "Étudiants — médecine : 10 contrats", for each category that has contracts.
fn quota_lines(s: &Sources) -> Vec<String> {
    s.quotas
        .iter()
        .map(|(c, d, n)| {
            format!(
                "{} : {}",
                crate::candidate::group_label(*c, *d),
                fr::count(*n, "contrat", "contrats")
            )
        })
        .collect()
}

/// Each sitting: when, where, who was present, excused or absent (attendance not
/// recorded counts as absent), the quorum and the candidates heard.
fn sitting_lines(s: &Sources) -> Vec<SittingLine> {
    s.sittings
        .iter()
        .map(|sitting| {
            let with = |a: Option<Attendance>| -> Vec<MemberLine> {
                s.members
                    .iter()
                    .zip(&sitting.attendance)
                    .filter(|(_, x)| {
                        x.status == a || (a == Some(Attendance::Absent) && x.status.is_none())
                    })
                    .map(|(m, _)| member_line(m))
                    .collect()
            };
            SittingLine {
                when: if sitting.start_display.is_empty() {
                    sitting.date_display.clone()
                } else {
                    format!("{} à {}", sitting.date_display, sitting.start_display)
                },
                place: sitting.place.clone(),
                present: with(Some(Attendance::Present)),
                excused: with(Some(Attendance::Excused)),
                absent: with(Some(Attendance::Absent)),
                quorum: sitting.quorum_statement.clone(),
                heard: sitting.heard,
            }
        })
        .collect()
}

/// The grid: each block with its points, each criterion with its scale.
fn grid_lines(s: &Sources) -> Vec<GridLine> {
    s.grid
        .iter()
        .map(|b| GridLine {
            block: format!("{} (sur {})", b.label, fr::number(b.max_points, 2)),
            criteria: b
                .criteria
                .iter()
                .map(|(label, scale)| format!("{label} — {scale}"))
                .collect(),
        })
        .collect()
}

/// How the academic block of PADHUE candidates was assessed, when the campaign has
/// PADHUE candidates or contracts; empty otherwise.
fn padhue_statement(s: &Sources) -> String {
    let padhue_contracts = s
        .quotas
        .iter()
        .any(|(c, _, n)| *c == Category::Padhue && *n > 0);
    if !(s.padhue_candidates || padhue_contracts) {
        return String::new();
    }
    s.padhue_academic.statement(
        &s.grid
            .iter()
            .find(|b| b.academic)
            .map(|b| b.label.clone())
            .unwrap_or_else(|| "Résultats universitaires".into()),
        &s.grid_total,
    )
}

/// The candidates heard (the others left out), per category, with their scores; a
/// category where nobody was heard is left out.
fn heard_groups(s: &Sources) -> Vec<HeardGroup> {
    s.ranking
        .iter()
        .filter_map(|g| {
            let rows: Vec<HeardLine> = g
                .rows
                .iter()
                .filter(|r| r.status != Status::NotHeard)
                .map(|r| HeardLine {
                    name: r.name.clone(),
                    blocks: r.blocks.clone(),
                    total: r.total.clone(),
                })
                .collect();
            (!rows.is_empty()).then(|| HeardGroup {
                label: g.label.clone(),
                blocks: s.grid.iter().map(|b| b.label.clone()).collect(),
                rows,
            })
        })
        .collect()
}

/// A decision as listed.
fn decision_line(d: &Decided) -> DecisionLine {
    DecisionLine {
        position: d.position.map(|p| p.to_string()).unwrap_or_default(),
        name: d.name.clone(),
        total: d.total.clone(),
        reason: d.reason.clone(),
    }
}

/// Each category's lists: the contracts (with the specialties), the main and
/// complementary lists, and those not retained (the tied first).
fn list_groups(s: &Sources) -> Vec<ListGroup> {
    s.lists
        .groups
        .iter()
        .map(|g| ListGroup {
            label: g.label.clone(),
            quota: format!(
                "{}{}",
                fr::count(g.quota, "contrat", "contrats"),
                if g.specialties.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", g.specialties.join(", "))
                }
            ),
            main: g.main.iter().map(decision_line).collect(),
            complementary: g.complementary.iter().map(decision_line).collect(),
            not_retained: g
                .ties
                .iter()
                .chain(&g.not_retained)
                .map(decision_line)
                .collect(),
            unused: g.unused,
        })
        .collect()
}

/// One line per tie-break vote (the rows sharing a reason): its date, each candidate
/// with the place given, and the reason.
fn vote_lines(s: &Sources) -> Vec<String> {
    let rows = &s.tie_votes;
    let mut votes = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let reason = &rows[i].reason;
        let group: Vec<_> = rows[i..]
            .iter()
            .take_while(|r| r.reason == *reason)
            .collect();
        votes.push(format!(
            "Vote du {} : {} — {reason}",
            fr::timestamp(&group[0].at),
            group
                .iter()
                .map(|r| format!("{} ({})", r.candidate, r.position))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        i += group.len();
    }
    votes
}

/// The commission's decisions overriding the ranking, each with its date and reason.
fn override_lines(s: &Sources) -> Vec<String> {
    s.overrides
        .iter()
        .map(|o| {
            let what = match o.outcome.as_str() {
                "main" => "inscrit(e) sur la liste principale",
                "complementary" => "inscrit(e) sur la liste complémentaire",
                _ => "non retenu(e)",
            };
            format!(
                "{} : {what} par décision de la commission du {} — motif : {}",
                o.candidate,
                fr::timestamp(&o.at),
                o.reason
            )
        })
        .collect()
}

/// Journal actions that are decisions of the campaign (the annex); single scores are
/// left out (their totals are in the minutes).
fn is_decision(action: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "allocation.",
        "scores.",
        "grid.",
        "academic.",
        "eligibility.",
        "recusal.",
        "sitting.",
        "member.",
        "rules.",
        "minutes.",
        "campaign.",
        "hearing.",
    ];
    PREFIXES.iter().any(|p| action.starts_with(p))
}

/// The annex (the journal's decisions) and the withdrawals (as the journal tells them),
/// folded from the journal one row at a time, oldest first: the draft's is kept and
/// brought up to date with the rows added since.
#[derive(Debug, Clone, Default)]
pub(crate) struct Annex {
    /// The journal's decisions.
    pub lines: Vec<AnnexLine>,
    /// The withdrawals.
    pub withdrawals: Vec<String>,
    /// The last journal row folded in.
    pub last: i64,
}

impl Annex {
    /// Folds in journal row `id`, the next one.
    pub(crate) fn add(&mut self, id: i64, row: JournalLine) {
        self.last = self.last.max(id);
        if row.action == "allocation.withdrawal" {
            self.withdrawals.push(row.summary.clone());
        }
        if is_decision(&row.action) {
            self.lines.push(AnnexLine {
                at: fr::timestamp(&row.at),
                operator: row.operator,
                summary: row.summary,
            });
        }
    }
}

/// Those present at a sitting sign (the chair alone when nobody's presence is
/// recorded); the chair first.
fn signatories(members: &[Member], sittings: &[SittingLine]) -> Vec<MemberLine> {
    let mut signatories: Vec<MemberLine> = members
        .iter()
        .filter(|m| {
            sittings
                .iter()
                .any(|s| s.present.iter().any(|p| p.id == m.id))
        })
        .map(member_line)
        .collect();
    if signatories.is_empty() {
        signatories = members
            .iter()
            .filter(|m| m.role == Role::Chair)
            .map(member_line)
            .collect();
    }
    signatories.sort_by_key(|m| {
        members
            .iter()
            .find(|x| x.id == m.id)
            .map(|x| x.role != Role::Chair)
            .unwrap_or(true)
    });
    signatories
}

/// Who sealed, as the minutes and the history name them: the chair, or `operator` on
/// the chair's behalf.
pub(crate) fn sealed_by(acting: Acting, operator: &str, chair: &str) -> String {
    match acting {
        Acting::Chair => format!("{chair}, président(e) de la commission"),
        Acting::OnBehalf => format!(
            "{}, au nom de {chair}, président(e) de la commission",
            fr::tidy(operator)
        ),
    }
}

/// The minutes' sealing section: who sealed (`by`), then, when the checklist had points
/// (`known`), the reason they were sealed in knowledge of them and each point, one
/// sentence each.
pub(crate) fn sealing_section(by: &str, known: &[&str], reason: &str) -> Vec<String> {
    let mut sealing = vec![format!("Procès-verbal scellé par {by}.")];
    if !known.is_empty() {
        sealing.push(format!(
            "Scellé en connaissance {} suivant{}, pour ce motif : « {reason} ».",
            if known.len() == 1 {
                "du point"
            } else {
                "des points"
            },
            if known.len() == 1 { "" } else { "s" }
        ));
        sealing.extend(known.iter().map(|k| {
            let mut k = (*k).to_owned();
            if let Some(first) = k.get(..1) {
                k = first.to_uppercase() + &k[1..];
            }
            format!("{k}.")
        }));
    }
    sealing
}

/// At most this many names in one item of the checklist.
const NAMES_SHOWN: usize = 6;

/// "DUPONT Marie, MARTIN Paul et 3 autres".
fn some_names(names: &[String]) -> String {
    let shown = names
        .iter()
        .take(NAMES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match names.len().saturating_sub(NAMES_SHOWN) {
        0 => shown,
        n => format!("{shown} et {}", fr::count(n, "autre", "autres")),
    }
}

/// What is checked before sealing `m`, assembled from `s`: the blocking points (ties to
/// vote, no sitting or presence, no chair, lists not recorded or changed since) and those
/// the chair may seal in knowledge of (scores incomplete or not validated, contracts
/// not given).
pub(crate) fn checklist(m: &Minutes, s: &Sources) -> Vec<CheckItem> {
    let mut out = Vec::new();
    let mut item = |code: &str, blocking: bool, text: String| {
        out.push(CheckItem {
            code: code.into(),
            text,
            blocking,
        });
    };
    let lists = &s.lists;
    if lists.ties_to_settle {
        item("ties", true, "des candidats sont ex aequo au dernier rang utile : la commission doit les départager par un vote (section « Attribution »)".into());
    }
    if m.sittings.is_empty() {
        item("no_sitting", true, "aucune séance n'est enregistrée : ajoutez la séance (date, lieu) et les présences dans la section « Commission »".into());
    } else if !m.sittings.iter().any(|s| !s.present.is_empty()) {
        item("no_presence", true, "aucune présence n'est enregistrée : indiquez qui était présent dans la section « Commission »".into());
    }
    if !s.members.iter().any(|m| m.role == Role::Chair) {
        item(
            "no_chair",
            true,
            "la commission n'a pas de président(e) : désignez-le dans la section « Commission »"
                .into(),
        );
    }
    if !lists.ties_to_settle {
        match &s.recorded {
            None => item("lists_not_recorded", true, "les listes n'ont pas été arrêtées : enregistrez l'attribution (section « Attribution », « Arrêter les listes »)".into()),
            Some(r) if r.result != lists.recorded_form => item("lists_not_recorded", true, format!("les listes ont changé depuis l'attribution n° {} du {} : arrêtez-les à nouveau (section « Attribution », « Arrêter les listes »)", r.id, fr::timestamp(&r.at))),
            Some(_) => {}
        }
    }
    let heard: Vec<_> = s
        .ranking
        .iter()
        .flat_map(|g| &g.rows)
        .filter(|r| r.status != Status::NotHeard)
        .collect();
    let incomplete: Vec<String> = heard
        .iter()
        .filter(|r| r.status == Status::Incomplete)
        .map(|r| r.name.clone())
        .collect();
    if !incomplete.is_empty() {
        item(
            "scores_incomplete",
            false,
            format!(
            "{} {} : {} — complétez-les (section « Notation ») ou scellez en connaissance de cause",
            fr::count(incomplete.len(), "candidat entendu", "candidats entendus"),
            fr::agree(incomplete.len(), "n'a pas toutes ses notes", "n'ont pas toutes leurs notes"),
            some_names(&incomplete)
        ),
        );
    }
    let unvalidated: Vec<String> = heard
        .iter()
        .filter(|r| r.status == Status::Complete && !r.locked)
        .map(|r| r.name.clone())
        .collect();
    if !unvalidated.is_empty() {
        item("scores_not_validated", false, format!(
            "les notes de {} ne sont pas validées : {} — validez-les (section « Notation ») ou scellez en connaissance de cause",
            fr::count(unvalidated.len(), "candidat entendu", "candidats entendus"),
            some_names(&unvalidated)
        ));
    }
    for g in lists.groups.iter().filter(|g| g.unused > 0) {
        let why = if g.main.is_empty()
            && g.complementary.is_empty()
            && g.ties.is_empty()
            && g.not_retained.is_empty()
        {
            "aucun candidat dans cette catégorie".to_owned()
        } else if g.not_retained.is_empty() {
            "pas assez de candidats".to_owned()
        } else {
            format!(
                "{} ne {} pas les conditions (voir « Non retenus » dans la section « Attribution »)",
                fr::count(g.not_retained.len(), "candidat", "candidats"),
                fr::agree(g.not_retained.len(), "remplit", "remplissent")
            )
        };
        item(
            "contracts_unallocated",
            false,
            format!(
                "{} : {} sur {} : {why}",
                g.label,
                fr::count(g.unused, "contrat non attribué", "contrats non attribués"),
                g.quota
            ),
        );
    }
    out
}
