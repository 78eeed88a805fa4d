//! The members' scores: the board the scoring screens read, where each candidate was
//! heard, who may score whom, a typed value checked against its scale, writing a score,
//! and resetting them all.

use crate::Refusal;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::cents::{parse_cents, points, show_cents};
use super::grid::{grid, Criterion, Grid, Source};
use crate::campaign::Campaign;
use crate::commission::{self, check_unlocked, Attendance};
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::fr::tidy;
use crate::journal::now;
use crate::journal::{Change, Entry};

/// Who scored what: one member's value for one criterion of one candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreCell {
    /// The member.
    pub member_id: i64,
    /// The candidate.
    pub candidate_id: i64,
    /// The criterion.
    pub criterion_id: i64,
    /// The value.
    pub value: f64,
}

/// A value typed in the scoring grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreInput {
    /// The member.
    pub member_id: i64,
    /// The candidate.
    pub candidate_id: i64,
    /// The criterion.
    pub criterion_id: i64,
    /// As typed ("3,5"); empty clears the score.
    pub value: String,
}

/// Where a candidate was heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Hearing {
    /// The candidate.
    pub candidate_id: i64,
    /// The sitting.
    pub sitting_id: i64,
}

/// The candidates a scoring screen is about: the screen of one sitting needs that
/// sitting's candidates only (at national scale, 150 of 10 000, and 5 500 of 371 000
/// scores), from the score board and the ranking alike.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoringScope {
    /// The candidates heard at this sitting (with neither a sitting nor a candidate:
    /// every candidate).
    #[serde(default)]
    pub sitting: Option<i64>,
    /// And this candidate, wherever they were heard (the one on screen, kept while a
    /// change of hearing takes them out of the sitting); alone without a sitting (a
    /// candidate's details).
    #[serde(default)]
    pub candidate: Option<i64>,
    /// The ranking's rows in summary, without each member's totals, each criterion's
    /// result and the academic values (the ranking's table; the score board is whole).
    #[serde(default)]
    pub summary: bool,
}

/// Everything the scoring screens show, read in one go.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreBoard {
    /// The grid.
    pub grid: Grid,
    /// The members.
    pub members: Vec<commission::Member>,
    /// The sittings.
    pub sittings: Vec<commission::Sitting>,
    /// The recusals.
    pub recusals: Vec<commission::Recusal>,
    /// Where each candidate was heard.
    pub hearings: Vec<Hearing>,
    /// Candidates whose scores are validated.
    pub locked: Vec<i64>,
    /// Every score.
    pub scores: Vec<ScoreCell>,
    /// The cells that cannot be filled, with why ([`super::cells::blocked_cells`]).
    pub blocked: Vec<super::cells::BlockedCell>,
    /// Each member's running total for each candidate ([`super::cells::running_totals`]).
    pub totals: Vec<super::cells::RunningTotal>,
    /// The most a member's scores add up to: "40".
    pub member_max: String,
}

/// Reads everything the scoring screens show.
pub fn board(conn: &Connection) -> Result<ScoreBoard> {
    let hearings = {
        let mut stmt = conn.prepare("SELECT candidate, sitting FROM hearing ORDER BY candidate")?;
        let rows = stmt.query_map([], |r| {
            Ok(Hearing {
                candidate_id: r.get(0)?,
                sitting_id: r.get(1)?,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let locked = {
        let mut stmt = conn.prepare("SELECT candidate FROM score_lock ORDER BY candidate")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<i64>>>()?
    };
    let mut board = ScoreBoard {
        grid: grid(conn)?,
        members: commission::list(conn)?,
        sittings: commission::sittings(conn)?,
        recusals: commission::recusals(conn)?,
        hearings,
        locked,
        scores: all_scores(conn)?
            .into_iter()
            .map(|(m, c, k, v)| ScoreCell {
                member_id: m,
                candidate_id: c,
                criterion_id: k,
                value: points(v),
            })
            .collect(),
        blocked: Vec::new(),
        totals: Vec::new(),
        member_max: String::new(),
    };
    let candidates = conn
        .prepare("SELECT id FROM candidate ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    board.blocked = super::cells::blocked_cells(&board, &candidates);
    board.totals = super::cells::running_totals(&board.grid, &board.scores);
    board.member_max = super::cells::member_max(&board.grid);
    Ok(board)
}

pub(crate) fn all_scores(conn: &Connection) -> Result<Vec<(i64, i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member, candidate, criterion, value FROM score ORDER BY candidate, member, criterion",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn hearing_of(conn: &Connection, candidate: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT sitting FROM hearing WHERE candidate = ?1")?
        .query_row([candidate], |r| r.get(0))
        .optional()?)
}

fn attendance(conn: &Connection, sitting: i64, member: i64) -> Result<Option<Attendance>> {
    let s: Option<String> = conn
        .prepare_cached("SELECT status FROM presence WHERE sitting = ?1 AND member = ?2")?
        .query_row(params![sitting, member], |r| r.get(0))
        .optional()?;
    Ok(match s.as_deref() {
        Some("present") => Some(Attendance::Present),
        Some("excused") => Some(Attendance::Excused),
        Some("absent") => Some(Attendance::Absent),
        _ => None,
    })
}

fn sitting_day(conn: &Connection, sitting: i64) -> Result<String> {
    let date: Option<String> = conn
        .query_row("SELECT date FROM sitting WHERE id = ?1", [sitting], |r| {
            r.get(0)
        })
        .optional()?;
    let date = date.ok_or_else(|| Error::Missing {
        what: format!("La séance n° {sitting}"),
    })?;
    Ok(fr::parse_date(&date).map(fr::date_short).unwrap_or(date))
}

pub(crate) struct Who {
    pub member: String,
    pub candidate: String,
}

/// Checks that `member` may score `candidate` (voting, not recused, not absent at the
/// sitting where the candidate was heard or is being heard), and returns their names.
pub(crate) fn check_scorer(
    tx: &Connection,
    member: i64,
    candidate: i64,
    sitting: Option<i64>,
) -> Result<Who> {
    // Checked for each score of a batch: the statements are kept prepared.
    let m: Option<(String, bool)> = tx
        .prepare_cached("SELECT name, voting FROM member WHERE id = ?1")?
        .query_row([member], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (mname, voting) = m.ok_or_else(|| Error::Missing {
        what: format!("Le membre n° {member}"),
    })?;
    let cname = crate::candidate::name_of(tx, candidate)?;
    if !voting {
        return Err(Error::Refused(
            Refusal::MemberNotVoting,
            format!("{mname} n'a pas voix délibérative : il ou elle ne note pas les candidats."),
        ));
    }
    let recusal: Option<String> = tx
        .prepare_cached("SELECT reason FROM recusal WHERE member = ?1 AND candidate = ?2")?
        .query_row(params![member, candidate], |r| r.get(0))
        .optional()?;
    if let Some(reason) = recusal {
        return Err(Error::Refused(Refusal::MemberRecused, format!(
            "{mname} est déporté(e) pour {cname} (motif : {reason}) : sa note ne peut être ni saisie ni comptée."
        )));
    }
    let at = match hearing_of(tx, candidate)? {
        Some(s) => Some(s),
        None => sitting,
    };
    if let Some(s) = at {
        if let Some(a @ (Attendance::Absent | Attendance::Excused)) = attendance(tx, s, member)? {
            return Err(Error::Refused(Refusal::MemberAbsent, format!(
                "{mname} est noté(e) {} à la séance du {} où {cname} est entendu(e) : sa note ne peut pas être comptée. Corrigez la présence si c'est une erreur.",
                a.label().to_lowercase(),
                sitting_day(tx, s)?
            )));
        }
    }
    Ok(Who {
        member: mname,
        candidate: cname,
    })
}

/// Checks a typed value against a criterion's scale; returns hundredths.
pub fn check_value(c: &Criterion, text: &str) -> std::result::Result<i64, String> {
    let range = format!(
        "saisissez une note entre 0 et {} (par pas de {})",
        show_cents(c.max_cents()),
        show_cents(c.step_cents())
    );
    let v = parse_cents(text).ok_or_else(|| {
        format!(
            "« {} » : « {} » n'est pas une note ; {range}.",
            c.label,
            text.trim()
        )
    })?;
    if v < 0 {
        return Err(format!(
            "« {} » : une note ne peut pas être négative ; {range}.",
            c.label
        ));
    }
    if v > c.max_cents() {
        return Err(format!(
            "« {} » : {} dépasse le maximum de {} ; {range}.",
            c.label,
            show_cents(v),
            show_cents(c.max_cents())
        ));
    }
    if v % c.step_cents() != 0 {
        return Err(format!(
            "« {} » : {} n'est pas sur l'échelle ; {range}.",
            c.label,
            show_cents(v)
        ));
    }
    Ok(v)
}

/// What a score entry changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Applied {
    pub before: Option<i64>,
    pub after: Option<i64>,
}

/// Writes one score inside a transaction, after every check. `sitting`: the sitting at
/// which the candidate is being heard, recorded as the hearing when none is yet.
pub(crate) fn apply_score(
    tx: &Transaction,
    grid: &Grid,
    input: &ScoreInput,
    sitting: Option<i64>,
    operator: &str,
) -> Result<(Applied, Who, String)> {
    apply_score_replacing(tx, grid, input, None, sitting, operator)
}

/// [`apply_score`] from a device: after the checks of who may score, the stored value
/// must still be the one the device `replaces` ([`check_replaces`]).
fn apply_score_replacing(
    tx: &Transaction,
    grid: &Grid,
    input: &ScoreInput,
    replaces: Option<&str>,
    sitting: Option<i64>,
    operator: &str,
) -> Result<(Applied, Who, String)> {
    let c = grid
        .criterion(input.criterion_id)
        .ok_or_else(|| Error::Missing {
            what: format!("Le critère n° {}", input.criterion_id),
        })?;
    if c.source != Source::Members {
        return Err(Error::Refused(Refusal::CriterionComputed, format!(
            "« {} » est calculé à partir des résultats universitaires : il n'est pas noté par les membres. Pour le corriger, saisissez une correction motivée.",
            c.label
        )));
    }
    let who = check_scorer(tx, input.member_id, input.candidate_id, sitting)?;
    check_unlocked(tx, input.candidate_id)?;
    if let Some(replaces) = replaces {
        check_replaces(tx, input, replaces)?;
    }
    let after = if input.value.trim().is_empty() {
        None
    } else {
        Some(
            check_value(c, &input.value)
                .map_err(|m| Error::Validation(vec![FieldIssue::new("value", m)]))?,
        )
    };
    let before = stored(tx, input.member_id, input.candidate_id, input.criterion_id)?;
    if before != after {
        match after {
            Some(v) => {
                tx.prepare_cached(
                    "INSERT INTO score (member, candidate, criterion, value, at, operator) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (member, candidate, criterion) \
                     DO UPDATE SET value = excluded.value, at = excluded.at, operator = excluded.operator",
                )?
                .execute(params![
                    input.member_id,
                    input.candidate_id,
                    input.criterion_id,
                    v,
                    now(),
                    operator
                ])?;
            }
            None => {
                tx.prepare_cached(
                    "DELETE FROM score WHERE member = ?1 AND candidate = ?2 AND criterion = ?3",
                )?
                .execute(params![
                    input.member_id,
                    input.candidate_id,
                    input.criterion_id
                ])?;
            }
        }
        if let Some(s) = sitting {
            if hearing_of(tx, input.candidate_id)?.is_none() && after.is_some() {
                tx.execute(
                    "INSERT INTO hearing (candidate, sitting) VALUES (?1, ?2)",
                    params![input.candidate_id, s],
                )?;
            }
        }
    }
    Ok((Applied { before, after }, who, c.label.clone()))
}

fn stored(conn: &Connection, member: i64, candidate: i64, criterion: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT value FROM score WHERE member = ?1 AND candidate = ?2 AND criterion = ?3",
        )?
        .query_row(params![member, candidate, criterion], |r| r.get(0))
        .optional()?)
}

/// A typed value as hundredths (`None`: empty), or the text itself when it is not a number
/// (the scale check then says so).
fn typed(text: &str) -> std::result::Result<Option<i64>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_cents(text).map(Some).ok_or(())
}

/// Refuses a device's write when the stored value is neither the one it replaces nor the
/// one it brings (then it was written already: the write goes through and changes nothing).
fn check_replaces(tx: &Connection, input: &ScoreInput, replaces: &str) -> Result<()> {
    let now = stored(tx, input.member_id, input.candidate_id, input.criterion_id)?;
    if typed(&input.value) == Ok(now) || typed(replaces) == Ok(now) {
        return Ok(());
    }
    let stored_now = match now {
        Some(v) => format!("la note enregistrée est {}", show_cents(v)),
        None => "aucune note n'est plus enregistrée".into(),
    };
    let shown_before = match typed(replaces).ok().flatten() {
        Some(v) => format!("votre appareil affichait {}", show_cents(v)),
        None => "votre appareil n'affichait aucune note".into(),
    };
    Err(Error::Refused(
        Refusal::ScoreChanged,
        format!(
            "Cette note a changé entre-temps : {stored_now}, {shown_before}. Choisissez la valeur à garder."
        ),
    ))
}

/// What was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreSaved {
    /// The value as stored, in French ("3,5"), empty when cleared.
    pub value: String,
    /// Something changed.
    pub changed: bool,
    /// The member's running total for the candidate after the save: "12,5".
    pub total: String,
    /// How many criteria the member has scored for the candidate.
    pub scored: i64,
}

impl Campaign {
    /// Deletes every score, academic correction and validation, so the grid can change.
    /// A backup is taken first. Returns how many scores were removed.
    pub fn reset_scores(&mut self, reason: &str, operator: &str) -> Result<i64> {
        let reason = tidy(reason);
        if reason.is_empty() {
            return Err(Error::Validation(vec![FieldIssue::new(
                "reason",
                "« Motif » est obligatoire : indiquez pourquoi les notes sont réinitialisées.",
            )]));
        }
        self.safety_backup(crate::backup::Reason::BeforeGridReset)?;
        self.store().write(operator, |tx| {
            let n: i64 = tx.query_row("SELECT COUNT(*) FROM score", [], |r| r.get(0))?;
            let o: i64 = tx.query_row("SELECT COUNT(*) FROM academic_override", [], |r| r.get(0))?;
            tx.execute("DELETE FROM score", [])?;
            tx.execute("DELETE FROM academic_override", [])?;
            tx.execute("DELETE FROM score_lock", [])?;
            Ok((
                n,
                Some(Entry::new(
                    "scores.reset",
                    format!("Notes réinitialisées ({n} notes et {o} corrections de résultats universitaires effacées) — motif : {reason}."),
                )),
            ))
        })
    }

    /// Everything the scoring screens show.
    pub fn score_board(&self) -> Result<ScoreBoard> {
        Ok(self.views().view("score_board", 0, board)?.as_ref().clone())
    }

    /// The candidates of `scope`: those heard at its sitting, and its candidate; `None`
    /// (neither said): every candidate.
    pub(crate) fn scope_candidates(
        &self,
        scope: &ScoringScope,
    ) -> Result<Option<std::collections::HashSet<i64>>> {
        let mut kept = std::collections::HashSet::new();
        match (scope.sitting, scope.candidate) {
            (None, None) => return Ok(None),
            (None, Some(_)) => {}
            (Some(sitting), _) => {
                let whole = self.views().view("score_board", 0, board)?;
                kept.extend(
                    whole
                        .hearings
                        .iter()
                        .filter(|h| h.sitting_id == sitting)
                        .map(|h| h.candidate_id),
                );
            }
        }
        kept.extend(scope.candidate);
        Ok(Some(kept))
    }

    /// The score board for the candidates of `scope` only: their hearings, validations,
    /// scores, blocked cells and running totals; the grid, the members, the sittings and
    /// the recusals whole. Cut from the board kept whole.
    pub fn score_board_of(&self, scope: &ScoringScope) -> Result<ScoreBoard> {
        let whole = self.views().view("score_board", 0, board)?;
        let Some(kept) = self.scope_candidates(scope)? else {
            return Ok(whole.as_ref().clone());
        };
        let ScoreBoard {
            grid,
            members,
            sittings,
            recusals,
            hearings,
            locked,
            scores,
            blocked,
            totals,
            member_max,
        } = whole.as_ref();
        fn of<T: Clone>(
            rows: &[T],
            kept: &std::collections::HashSet<i64>,
            candidate: impl Fn(&T) -> i64,
        ) -> Vec<T> {
            rows.iter()
                .filter(|r| kept.contains(&candidate(r)))
                .cloned()
                .collect()
        }
        Ok(ScoreBoard {
            grid: grid.clone(),
            members: members.clone(),
            sittings: sittings.clone(),
            recusals: recusals.clone(),
            hearings: of(hearings, &kept, |h| h.candidate_id),
            locked: of(locked, &kept, |c| *c),
            scores: of(scores, &kept, |s| s.candidate_id),
            blocked: of(blocked, &kept, |b| b.candidate_id),
            totals: of(totals, &kept, |t| t.candidate_id),
            member_max: member_max.clone(),
        })
    }

    /// Records the sitting at which a candidate is heard (`None`: not heard yet).
    pub fn set_hearing(
        &mut self,
        candidate: i64,
        sitting: Option<i64>,
        operator: &str,
    ) -> Result<()> {
        self.store().write(operator, |tx| {
            let name = crate::candidate::get(tx, candidate)
                .map_err(|_| Error::Missing { what: format!("Le candidat n° {candidate}") })?
                .display_name;
            check_unlocked(tx, candidate)?;
            let before = hearing_of(tx, candidate)?;
            if before == sitting {
                return Ok(((), None));
            }
            let day = |s: Option<i64>| -> Result<String> {
                match s {
                    Some(s) => sitting_day(tx, s),
                    None => Ok(String::new()),
                }
            };
            match sitting {
                Some(s) => {
                    let d = sitting_day(tx, s)?;
                    // Members absent that day must not have scored the candidate.
                    let absent: Option<String> = tx
                        .query_row(
                            "SELECT m.name FROM score s JOIN presence p ON p.member = s.member \
                             JOIN member m ON m.id = s.member \
                             WHERE s.candidate = ?1 AND p.sitting = ?2 AND p.status <> 'present' LIMIT 1",
                            params![candidate, s],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(m) = absent {
                        return Err(Error::Refused(Refusal::ScorerAbsent, format!(
                            "{m} a noté {name} mais n'était pas présent(e) à la séance du {d} : corrigez la présence ou choisissez une autre séance."
                        )));
                    }
                    tx.execute(
                        "INSERT INTO hearing (candidate, sitting) VALUES (?1, ?2) \
                         ON CONFLICT (candidate) DO UPDATE SET sitting = excluded.sitting",
                        params![candidate, s],
                    )?;
                }
                None => {
                    tx.execute("DELETE FROM hearing WHERE candidate = ?1", [candidate])?;
                }
            }
            let mut entry = Entry::new(
                "hearing.set",
                match sitting {
                    Some(_) => format!("{name} entendu(e) lors de la séance du {}.", day(sitting)?),
                    None => format!("{name} n'est plus rattaché(e) à une séance."),
                },
            );
            entry.changes.push(Change {
                field: "Séance d'audition".into(),
                before: day(before)?,
                after: day(sitting)?,
            });
            entry.reference = Some(candidate);
            Ok(((), Some(entry)))
        })
    }

    /// Records one score (or clears it), after every check; journaled with the value
    /// before and after.
    pub fn set_score(
        &mut self,
        input: &ScoreInput,
        sitting: Option<i64>,
        operator: &str,
    ) -> Result<ScoreSaved> {
        self.write_score(input, None, sitting, operator)
    }

    /// Like [`Campaign::set_score`], from a member's own device: `replaces` is the value the
    /// device showed before the change (empty: none). When the stored value is no longer
    /// that one (the secretary changed it meanwhile), nothing is written and the refusal
    /// ([`Refusal::ScoreChanged`]) says both values; a value already stored is not written
    /// twice.
    pub fn set_score_replacing(
        &mut self,
        input: &ScoreInput,
        replaces: &str,
        sitting: Option<i64>,
        operator: &str,
    ) -> Result<ScoreSaved> {
        // A device is told first that nothing can be written, whatever else it tried.
        if let Some(e) = super::desk::closed(self)? {
            return Err(e);
        }
        self.write_score(input, Some(replaces), sitting, operator)
    }

    /// The value stored for one member, candidate and criterion, in French ("3,5"); empty
    /// when none.
    pub fn score_value(&self, member: i64, candidate: i64, criterion: i64) -> Result<String> {
        Ok(stored(self.conn(), member, candidate, criterion)?
            .map(show_cents)
            .unwrap_or_default())
    }

    fn write_score(
        &mut self,
        input: &ScoreInput,
        replaces: Option<&str>,
        sitting: Option<i64>,
        operator: &str,
    ) -> Result<ScoreSaved> {
        let grid = self.grid()?;
        self.store().write(operator, |tx| {
            let (applied, who, label) =
                apply_score_replacing(tx, &grid, input, replaces, sitting, operator)?;
            let (total, scored) =
                super::cells::running_total_of(tx, &grid, input.member_id, input.candidate_id)?;
            let saved = ScoreSaved {
                value: applied.after.map(show_cents).unwrap_or_default(),
                changed: applied.before != applied.after,
                total,
                scored,
            };
            if !saved.changed {
                return Ok((saved, None));
            }
            let shown = |v: Option<i64>| v.map(show_cents).unwrap_or_default();
            let mut entry = Entry::new(
                "score.set",
                format!(
                    "Note de {} pour {} — {} : {}.",
                    who.member,
                    who.candidate,
                    label,
                    if applied.after.is_some() {
                        shown(applied.after)
                    } else {
                        "effacée".into()
                    }
                ),
            );
            entry.changes.push(Change {
                field: label,
                before: shown(applied.before),
                after: shown(applied.after),
            });
            entry.reference = Some(input.candidate_id);
            Ok((saved, Some(entry)))
        })
    }
}

/// One score of a batch ([`Campaign::set_scores`]), with where it was read, so that a
/// refusal names its place ("notes.csv, ligne 4").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreLine {
    /// Where the line was read, in French ("notes.csv, ligne 4").
    pub place: String,
    /// The score.
    pub input: ScoreInput,
}

/// What a batch of scores changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoresSet {
    /// Scores that did not exist.
    pub added: i64,
    /// Scores whose value changed (or cleared).
    pub changed: i64,
    /// Lines that brought the value already stored.
    pub unchanged: i64,
}

impl Campaign {
    /// Records a batch of scores all or nothing: every line goes through the checks of
    /// [`Campaign::set_score`] (in order, in one transaction); when one or more are
    /// refused, or `unread` holds problems its reader met on lines it could not pass on,
    /// nothing is written and the refusal lists every problem, each prefixed with its
    /// line's place. Otherwise one journal entry lists every value before and after.
    pub fn set_scores(
        &mut self,
        lines: &[ScoreLine],
        unread: Vec<FieldIssue>,
        operator: &str,
    ) -> Result<ScoresSet> {
        let grid = self.grid()?;
        self.store().write(operator, |tx| {
            let mut issues = unread;
            let mut set = ScoresSet {
                added: 0,
                changed: 0,
                unchanged: 0,
            };
            let mut changes = Vec::new();
            for line in lines {
                match apply_score(tx, &grid, &line.input, None, operator) {
                    Ok((applied, who, label)) => {
                        match (applied.before, applied.after) {
                            (b, a) if b == a => set.unchanged += 1,
                            (None, Some(_)) => set.added += 1,
                            _ => set.changed += 1,
                        }
                        if applied.before != applied.after {
                            changes.push(Change {
                                field: format!("{} — {} — {label}", who.member, who.candidate),
                                before: applied.before.map(show_cents).unwrap_or_default(),
                                after: applied.after.map(show_cents).unwrap_or_default(),
                            });
                        }
                    }
                    Err(e) => {
                        let details = e.details();
                        if details.is_empty() {
                            issues.push(FieldIssue::new("line", format!("{} : {e}", line.place)));
                        }
                        for d in details {
                            issues.push(FieldIssue::new(
                                d.field,
                                format!("{} : {}", line.place, d.message),
                            ));
                        }
                    }
                }
            }
            if !issues.is_empty() {
                return Err(Error::Validation(issues));
            }
            if changes.is_empty() {
                return Ok((set, None));
            }
            let mut entry = Entry::new(
                "scores.batch",
                format!(
                    "Lot de notes enregistré : {}, {}, {}.",
                    fr::count(set.added, "note ajoutée", "notes ajoutées"),
                    fr::count(set.changed, "modifiée", "modifiées"),
                    fr::count(set.unchanged, "inchangée", "inchangées")
                ),
            );
            entry.changes = changes;
            Ok((set, Some(entry)))
        })
    }
}
