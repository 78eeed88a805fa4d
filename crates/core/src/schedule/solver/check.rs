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
    let ctx = Ctx::new(p);
    let nd = ctx.days.len();
    let mut out = Vec::new();
    let cand_name = |id: i64| -> String {
        ctx.cands.binary_search_by_key(&id, |c| c.id).map_or_else(
            |_| format!("le candidat n° {id}"),
            |c| ctx.cands[c].name.clone(),
        )
    };
    let jury_name = |id: i64| -> String {
        ctx.juries
            .binary_search_by_key(&id, |j| j.id)
            .map_or_else(|_| format!("jury n° {id}"), |j| ctx.juries[j].name.clone())
    };
    let member_name = |id: i64| -> String {
        ctx.members
            .get(&id)
            .map_or_else(|| format!("le membre n° {id}"), |m| m.name.clone())
    };
    let mut by_jury_day: BTreeMap<(i64, chrono::NaiveDate), Vec<usize>> = BTreeMap::new();
    let mut by_cand: BTreeMap<i64, usize> = BTreeMap::new();
    for (idx, i) in interviews.iter().enumerate() {
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
        let name = cand_name(i.candidate);
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
                    "L'entretien de {name} dure {} au lieu de {}",
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
                    format!("{name} est indisponible le {}", fr_half_day(half)),
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
                        format!("{} est récusé pour {name}", member_name(*m)),
                    );
                }
            }
        }
        let same = by_jury_day.entry((i.jury, i.date)).or_default();
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
                    cand_name(x.candidate),
                    jury_name(x.jury),
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
                    cand_name(x.candidate),
                    jury_name(x.jury),
                    fr_time(x.start),
                    fr_time(x.end)
                ),
            );
        }
        same.push(idx);
        if let Some(&o) = by_cand.get(&i.candidate) {
            let x = &interviews[o];
            push(
                ConflictKind::Duplicate,
                format!(
                    "{name} a déjà un entretien ({}, {} à {})",
                    jury_name(x.jury),
                    fr_date(x.date),
                    fr_time(x.start)
                ),
            );
        } else {
            by_cand.insert(i.candidate, idx);
        }
    }
    // A member in two places at once (only when juries share members).
    let mut seats: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (idx, i) in interviews.iter().enumerate() {
        let (Ok(j), Ok(d)) = (
            ctx.juries.binary_search_by_key(&i.jury, |j| j.id),
            ctx.days.binary_search_by_key(&i.date, |d| d.date),
        ) else {
            continue;
        };
        for m in &ctx.blocks[(j * nd + d) * 2 + Part::of(i.start) as usize].present {
            seats.entry(*m).or_default().push(idx);
        }
    }
    for (m, list) in &seats {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[..k] {
                let (x, y) = (&interviews[a], &interviews[b]);
                if x.jury != y.jury && x.date == y.date && x.start < y.end && y.start < x.end {
                    out.push(Conflict {
                        interview: Some(a),
                        candidate: Some(x.candidate),
                        kind: ConflictKind::MemberTwice,
                        message: format!(
                            "{} siège à deux endroits à la fois ({} et {}, {} à {})",
                            member_name(*m),
                            jury_name(y.jury),
                            jury_name(x.jury),
                            fr_date(x.date),
                            fr_time(x.start)
                        ),
                    });
                }
            }
        }
    }
    for pin in &p.pins {
        let kept = interviews.iter().any(|i| {
            i.candidate == pin.candidate
                && i.jury == pin.jury
                && i.date == pin.date
                && i.start == pin.start
        });
        if !kept {
            out.push(Conflict {
                interview: by_cand.get(&pin.candidate).copied(),
                candidate: Some(pin.candidate),
                kind: ConflictKind::PinMoved,
                message: format!(
                    "L'entretien fixé de {} ({}, {} à {}) n'est pas respecté",
                    cand_name(pin.candidate),
                    jury_name(pin.jury),
                    fr_date(pin.date),
                    fr_time(pin.start)
                ),
            });
        }
    }
    for c in &ctx.cands {
        if !by_cand.contains_key(&c.id) {
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
