//! The measures of any set of interviews, and the rules it breaks (the live check of a
//! plan edited by hand).

use std::collections::{BTreeMap, BTreeSet};

use super::search::Ctx;
use super::{
    fr_date, fr_duration, fr_half_day, fr_time, Conflict, ConflictKind, HalfDay, Interview, Part,
    Problem, Quality,
};

/// See [`super::quality`].
pub(crate) fn quality(p: &Problem, interviews: &[Interview]) -> Quality {
    let ctx = Ctx::new(p);
    let step = p.interview_minutes + p.buffer_minutes;
    let pop: BTreeMap<i64, &str> = ctx
        .cands
        .iter()
        .map(|c| (c.id, c.population.as_str()))
        .collect();
    let mut days = BTreeSet::new();
    let mut blocks: BTreeMap<(i64, HalfDay), BTreeSet<&str>> = BTreeMap::new();
    let mut jury_days: BTreeMap<(i64, chrono::NaiveDate), Vec<(u32, u32)>> = BTreeMap::new();
    let mut heard: BTreeMap<i64, Vec<HalfDay>> = BTreeMap::new();
    for i in interviews {
        days.insert(i.date);
        let half = HalfDay {
            date: i.date,
            part: Part::of(i.start),
        };
        let set = blocks.entry((i.jury, half)).or_default();
        if let Some(p) = pop.get(&i.candidate) {
            set.insert(p);
        }
        jury_days
            .entry((i.jury, i.date))
            .or_default()
            .push((i.start, i.end));
        heard.entry(i.candidate).or_default().push(half);
    }
    let mut idle_slots = 0u32;
    for ((_, date), spans) in &jury_days {
        let Ok(d) = ctx.days.binary_search_by_key(date, |d| d.date) else {
            continue;
        };
        let first = spans.iter().map(|s| s.0).min().unwrap_or(0);
        let last = spans.iter().map(|s| s.1).max().unwrap_or(0);
        idle_slots += ctx.days[d]
            .slots
            .iter()
            .filter(|s| {
                s.0 >= first && s.1 <= last && !spans.iter().any(|i| i.0 < s.1 && s.0 < i.1)
            })
            .count() as u32;
    }
    let asked: Vec<_> = ctx
        .cands
        .iter()
        .filter_map(|c| c.preferred.map(|h| (c.id, h)))
        .collect();
    let met = asked
        .iter()
        .filter(|(id, h)| heard.get(id).is_some_and(|v| v.contains(h)))
        .count();
    let mut loads: BTreeMap<i64, usize> = ctx.juries.iter().map(|j| (j.id, 0)).collect();
    for i in interviews {
        if let Some(n) = loads.get_mut(&i.jury) {
            *n += 1;
        }
    }
    let spread = loads.values().max().unwrap_or(&0) - loads.values().min().unwrap_or(&0);
    let moved = p
        .previous
        .iter()
        .filter(|was| {
            ctx.cands
                .binary_search_by_key(&was.candidate, |c| c.id)
                .is_ok()
        })
        .map(|was| {
            (
                was.candidate,
                interviews.iter().any(|i| {
                    i.candidate == was.candidate
                        && (i.jury, i.date, i.start) == (was.jury, was.date, was.start)
                }),
            )
        })
        .collect::<BTreeMap<i64, bool>>()
        .values()
        .filter(|stayed| !**stayed)
        .count();
    Quality {
        interviews: interviews.len(),
        jury_spread: spread,
        moved,
        days_used: days.len(),
        blocks_used: blocks.len(),
        idle_minutes: idle_slots * step,
        preferences_met: met,
        preferences_asked: asked.len(),
        mixed_blocks: blocks.values().filter(|s| s.len() > 1).count(),
    }
}

/// See [`super::check`].
pub(crate) fn check(p: &Problem, interviews: &[Interview]) -> Vec<Conflict> {
    let mut checking = Checking::new(p);
    for i in interviews {
        checking.add(*i);
    }
    checking.conflicts()
}

/// A set of interviews checked one interview at a time: each rule an interview breaks is
/// found against the interviews added before it (a slot taken, a buffer, a second
/// interview, a member in two places), so what one more interview would break is found
/// without checking the others again ([`Checking::conflicts_of`], the live check of a
/// drag), and [`check`] is adding each interview then [`Checking::conflicts`].
pub(crate) struct Checking<'a> {
    ctx: Ctx<'a>,
    interviews: Vec<Interview>,
    by_jury_day: BTreeMap<(i64, chrono::NaiveDate), Vec<usize>>,
    by_cand: BTreeMap<i64, usize>,
    /// The interviews each member sits in, by day (only one day can hold two at once).
    seats: BTreeMap<(i64, chrono::NaiveDate), Vec<usize>>,
    found: Vec<Conflict>,
    /// A member in two places, by (member, interview, the earlier interview): listed
    /// after the rest, in that order.
    twice: Vec<Twice>,
}

/// A member in two places: (member, interview, the earlier interview) and the conflict.
type Twice = ((i64, usize, usize), Conflict);

impl<'a> Checking<'a> {
    pub(crate) fn new(p: &'a Problem) -> Self {
        Checking {
            ctx: Ctx::new(p),
            interviews: Vec::new(),
            by_jury_day: BTreeMap::new(),
            by_cand: BTreeMap::new(),
            seats: BTreeMap::new(),
            found: Vec::new(),
            twice: Vec::new(),
        }
    }

    fn cand_name(&self, id: i64) -> String {
        let cands = &self.ctx.cands;
        cands.binary_search_by_key(&id, |c| c.id).map_or_else(
            |_| format!("le candidat n° {id}"),
            |c| cands[c].name.clone(),
        )
    }

    fn jury_name(&self, id: i64) -> String {
        let juries = &self.ctx.juries;
        juries
            .binary_search_by_key(&id, |j| j.id)
            .map_or_else(|_| format!("jury n° {id}"), |j| juries[j].name.clone())
    }

    fn member_name(&self, id: i64) -> String {
        self.ctx
            .members
            .get(&id)
            .map_or_else(|| format!("le membre n° {id}"), |m| m.name.clone())
    }

    /// The members sitting in `i`'s block (none when its jury or day is unknown).
    fn present(&self, i: &Interview) -> &[i64] {
        let ctx = &self.ctx;
        match (
            ctx.juries.binary_search_by_key(&i.jury, |j| j.id),
            ctx.days.binary_search_by_key(&i.date, |d| d.date),
        ) {
            (Ok(j), Ok(d)) => {
                &ctx.blocks[(j * ctx.days.len() + d) * 2 + Part::of(i.start) as usize].present
            }
            _ => &[],
        }
    }

    /// What `i`, added after the interviews checked so far, breaks: by itself and with
    /// them (nothing is added). The rules about the whole set (pins kept, everyone
    /// heard) are [`Checking::conflicts`]'s.
    pub(crate) fn conflicts_of(&self, i: &Interview) -> Vec<Conflict> {
        let (mut found, twice) = self.found_for(i);
        found.extend(twice.into_iter().map(|(_, c)| c));
        found
    }

    fn found_for(&self, i: &Interview) -> (Vec<Conflict>, Vec<Twice>) {
        let ctx = &self.ctx;
        let p = ctx.p;
        let idx = self.interviews.len();
        let nd = ctx.days.len();
        let mut out = Vec::new();
        let mut push = |kind: ConflictKind, message: String| {
            out.push(Conflict {
                interview: Some(idx),
                candidate: Some(i.candidate),
                kind,
                message,
            })
        };
        let c = ctx.cands.binary_search_by_key(&i.candidate, |c| c.id).ok();
        let j = ctx.juries.binary_search_by_key(&i.jury, |j| j.id).ok();
        let d = ctx.days.binary_search_by_key(&i.date, |d| d.date).ok();
        let name = || self.cand_name(i.candidate);
        if c.is_none() {
            push(
                ConflictKind::Unknown,
                format!("Candidat inconnu (n° {})", i.candidate),
            );
        }
        if j.is_none() {
            push(
                ConflictKind::Unknown,
                format!("Jury inconnu (n° {})", i.jury),
            );
        }
        let half = HalfDay {
            date: i.date,
            part: Part::of(i.start),
        };
        let length = i.end.saturating_sub(i.start);
        if length != p.interview_minutes {
            push(
                ConflictKind::Duration,
                format!(
                    "L'entretien de {} dure {} au lieu de {}",
                    name(),
                    fr_duration(length),
                    fr_duration(p.interview_minutes)
                ),
            );
        }
        match d.and_then(|_| p.days.iter().find(|x| x.date == i.date)) {
            None => push(
                ConflictKind::Unknown,
                format!("Le {} n'est pas une journée d'entretiens", fr_date(i.date)),
            ),
            Some(day) => {
                if i.start < day.opening || i.end > day.closing {
                    push(
                        ConflictKind::OutsideHours,
                        format!(
                            "Ce créneau sort des horaires du {} ({} – {})",
                            fr_date(i.date),
                            fr_time(day.opening),
                            fr_time(day.closing)
                        ),
                    );
                }
                for b in &day.breaks {
                    if b.start < i.end && i.start < b.end {
                        push(
                            ConflictKind::Break,
                            format!(
                                "Ce créneau chevauche la pause ({} – {})",
                                fr_time(b.start),
                                fr_time(b.end)
                            ),
                        );
                    }
                }
            }
        }
        if let Some(c) = c {
            if ctx.cands[c].unavailable.contains(&half) {
                push(
                    ConflictKind::CandidateUnavailable,
                    format!("{} est indisponible le {}", name(), fr_half_day(half)),
                );
            }
        }
        if let (Some(j), Some(d)) = (j, d) {
            let b = &ctx.blocks[(j * nd + d) * 2 + half.part as usize];
            if let Some(reason) = &b.reason {
                push(
                    ConflictKind::JuryCannotSit,
                    format!(
                        "Le jury {} ne siège pas le {} ({reason})",
                        ctx.juries[j].name,
                        fr_half_day(half)
                    ),
                );
            }
            for m in &b.present {
                if ctx.recused.contains(&(*m, i.candidate)) {
                    push(
                        ConflictKind::Recused,
                        format!("{} est récusé pour {}", self.member_name(*m), name()),
                    );
                }
            }
        }
        let interviews = &self.interviews;
        let same: &[usize] = self
            .by_jury_day
            .get(&(i.jury, i.date))
            .map_or(&[], Vec::as_slice);
        let taken = same
            .iter()
            .copied()
            .find(|&o| interviews[o].start < i.end && i.start < interviews[o].end);
        if let Some(o) = taken {
            let x = &interviews[o];
            push(
                ConflictKind::SlotTaken,
                format!(
                    "Créneau déjà occupé par {} ({}, {}, {} – {})",
                    self.cand_name(x.candidate),
                    self.jury_name(x.jury),
                    fr_date(x.date),
                    fr_time(x.start),
                    fr_time(x.end)
                ),
            );
        } else if let Some(o) = same.iter().copied().find(|&o| {
            let x = &interviews[o];
            (x.end <= i.start && i.start - x.end < p.buffer_minutes)
                || (i.end <= x.start && x.start - i.end < p.buffer_minutes)
        }) {
            let x = &interviews[o];
            push(
                ConflictKind::Buffer,
                format!(
                    "Moins de {} entre cet entretien et celui de {} ({}, {} – {})",
                    fr_duration(p.buffer_minutes),
                    self.cand_name(x.candidate),
                    self.jury_name(x.jury),
                    fr_time(x.start),
                    fr_time(x.end)
                ),
            );
        }
        if let Some(&o) = self.by_cand.get(&i.candidate) {
            let x = &interviews[o];
            push(
                ConflictKind::Duplicate,
                format!(
                    "{} a déjà un entretien ({}, {} à {})",
                    name(),
                    self.jury_name(x.jury),
                    fr_date(x.date),
                    fr_time(x.start)
                ),
            );
        }
        // A member in two places at once (only when juries share members).
        let mut twice = Vec::new();
        for &m in self.present(i) {
            for &o in self.seats.get(&(m, i.date)).map_or(&[][..], Vec::as_slice) {
                let y = &interviews[o];
                if i.jury != y.jury && i.date == y.date && i.start < y.end && y.start < i.end {
                    twice.push((
                        (m, idx, o),
                        Conflict {
                            interview: Some(idx),
                            candidate: Some(i.candidate),
                            kind: ConflictKind::MemberTwice,
                            message: format!(
                                "{} siège à deux endroits à la fois ({} et {}, {} à {})",
                                self.member_name(m),
                                self.jury_name(y.jury),
                                self.jury_name(i.jury),
                                fr_date(i.date),
                                fr_time(i.start)
                            ),
                        },
                    ));
                }
            }
        }
        (out, twice)
    }

    /// Adds `i` after the interviews checked so far, with what it breaks.
    pub(crate) fn add(&mut self, i: Interview) {
        let (found, twice) = self.found_for(&i);
        self.found.extend(found);
        self.twice.extend(twice);
        let idx = self.interviews.len();
        self.by_jury_day
            .entry((i.jury, i.date))
            .or_default()
            .push(idx);
        self.by_cand.entry(i.candidate).or_insert(idx);
        let present = self.present(&i).to_vec();
        for m in present {
            self.seats.entry((m, i.date)).or_default().push(idx);
        }
        self.interviews.push(i);
    }

    /// Every rule the interviews added break: each one's, then the members in two places,
    /// the pins not kept and the candidates without an interview.
    pub(crate) fn conflicts(&self) -> Vec<Conflict> {
        let mut twice: Vec<&Twice> = self.twice.iter().collect();
        twice.sort_by_key(|(key, _)| *key);
        let mut out = self.found.clone();
        out.extend(twice.into_iter().map(|(_, c)| c.clone()));
        let interviews = &self.interviews;
        for pin in &self.ctx.p.pins {
            let kept = interviews.iter().any(|i| {
                i.candidate == pin.candidate
                    && i.jury == pin.jury
                    && i.date == pin.date
                    && i.start == pin.start
            });
            if !kept {
                out.push(Conflict {
                    interview: self.by_cand.get(&pin.candidate).copied(),
                    candidate: Some(pin.candidate),
                    kind: ConflictKind::PinMoved,
                    message: format!(
                        "L'entretien fixé de {} ({}, {} à {}) n'est pas respecté",
                        self.cand_name(pin.candidate),
                        self.jury_name(pin.jury),
                        fr_date(pin.date),
                        fr_time(pin.start)
                    ),
                });
            }
        }
        for c in &self.ctx.cands {
            if !self.by_cand.contains_key(&c.id) {
                out.push(Conflict {
                    interview: None,
                    candidate: Some(c.id),
                    kind: ConflictKind::Missing,
                    message: format!("{} n'a pas d'entretien", c.name),
                });
            }
        }
        out
    }
}
