//! What is wrong with the input itself, all of it, in French, before any search; and the
//! message for candidates short of slots (a deficient set of Hall's theorem).

use std::collections::{BTreeMap, BTreeSet};

use super::search::{Ctx, Shortage};
use super::{
    fr_date, fr_duration, fr_half_day, fr_list, fr_names, fr_time, Explanation, HalfDay, Part, Pin,
    END_OF_DAY,
};

fn issue(message: String) -> Explanation {
    Explanation {
        message,
        candidates: Vec::new(),
    }
}

/// "(Salle 1, jeudi 16/01 à 9 h)".
fn pin_place(ctx: &Ctx, pin: &Pin) -> String {
    let jury = ctx
        .juries
        .iter()
        .find(|j| j.id == pin.jury)
        .map_or_else(|| format!("jury n° {}", pin.jury), |j| j.name.clone());
    format!("({jury}, {} à {})", fr_date(pin.date), fr_time(pin.start))
}

/// Every problem of the input.
pub(crate) fn validate(ctx: &Ctx) -> Vec<Explanation> {
    let p = ctx.p;
    let mut out = Vec::new();
    let l = p.interview_minutes;
    if l == 0 {
        out.push(issue(
            "La durée d'un entretien doit être d'au moins 1 min.".into(),
        ));
    }
    if p.days.is_empty() {
        out.push(issue("Aucune journée d'entretiens n'est prévue.".into()));
    }
    let mut days: Vec<&super::Day> = p.days.iter().collect();
    days.sort_by_key(|d| d.date);
    for w in days.windows(2) {
        if w[0].date == w[1].date {
            out.push(issue(format!(
                "La journée du {} est déclarée deux fois.",
                fr_date(w[0].date)
            )));
        }
    }
    let mut days_ok = true;
    for (i, d) in days.iter().enumerate() {
        if i > 0 && days[i - 1].date == d.date {
            continue;
        }
        let date = fr_date(d.date);
        let hours = format!("{} – {}", fr_time(d.opening), fr_time(d.closing));
        if d.opening > END_OF_DAY || d.closing > END_OF_DAY {
            days_ok = false;
            out.push(issue(format!(
                "Les horaires de la journée du {date} ({hours}) dépassent minuit."
            )));
            continue;
        }
        if d.closing <= d.opening {
            days_ok = false;
            out.push(issue(format!(
                "La journée du {date} n'a pas d'horaires : l'heure de fin ({}) doit suivre l'heure de début ({}).",
                fr_time(d.closing),
                fr_time(d.opening)
            )));
            continue;
        }
        if l > d.closing - d.opening {
            days_ok = false;
            out.push(issue(format!(
                "Un entretien ({}) est plus long que la journée du {date} ({hours}, {}).",
                fr_duration(l),
                fr_duration(d.closing - d.opening)
            )));
            continue;
        }
        let mut breaks_ok = true;
        let mut breaks = d.breaks.clone();
        breaks.sort_by_key(|b| (b.start, b.end));
        for b in &breaks {
            let what = format!(
                "La pause de {} à {} du {date}",
                fr_time(b.start),
                fr_time(b.end)
            );
            if b.end <= b.start {
                breaks_ok = false;
                out.push(issue(format!("{what} finit avant de commencer.")));
            } else if b.start < d.opening || b.end > d.closing {
                breaks_ok = false;
                out.push(issue(format!(
                    "{what} sort des horaires de la journée ({hours})."
                )));
            }
        }
        for (i, a) in breaks.iter().enumerate() {
            for b in &breaks[i + 1..] {
                if a.end > a.start && b.end > b.start && b.start < a.end && a.start < b.end {
                    breaks_ok = false;
                    out.push(issue(format!(
                        "Les pauses de {} à {} et de {} à {} du {date} se chevauchent.",
                        fr_time(a.start),
                        fr_time(a.end),
                        fr_time(b.start),
                        fr_time(b.end)
                    )));
                }
            }
        }
        days_ok &= breaks_ok;
        if breaks_ok && l > 0 && super::grid(d, l, p.buffer_minutes).is_empty() {
            days_ok = false;
            out.push(issue(format!(
                "Aucun entretien de {} ne tient dans la journée du {date} entre ses pauses.",
                fr_duration(l)
            )));
        }
    }
    duplicates(
        &mut out,
        p.candidates.iter().map(|c| (c.id, c.name.as_str())),
        "candidats",
    );
    duplicates(
        &mut out,
        p.members.iter().map(|m| (m.id, m.name.as_str())),
        "membres",
    );
    duplicates(
        &mut out,
        p.juries.iter().map(|j| (j.id, j.name.as_str())),
        "jurys",
    );
    let mut juries_ok = true;
    if p.juries.is_empty() {
        juries_ok = false;
        out.push(issue("Aucun jury n'est constitué.".into()));
    }
    let mut seat: BTreeMap<i64, &str> = BTreeMap::new();
    for j in &ctx.juries {
        let mut ids = j.members.clone();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            match ctx.members.get(&id) {
                None => {
                    juries_ok = false;
                    out.push(issue(format!(
                        "Le jury {} compte un membre inconnu (n° {id}).",
                        j.name
                    )));
                }
                Some(m) => {
                    if let Some(other) = seat.get(&id) {
                        juries_ok = false;
                        out.push(issue(format!(
                            "{} figure dans deux jurys ({other} et {}) : un membre ne siège que dans un jury.",
                            m.name, j.name
                        )));
                    } else {
                        seat.insert(id, &j.name);
                    }
                }
            }
        }
    }
    let planned = ctx.blocks.iter().any(|b| !b.positions.is_empty());
    let sitting = ctx.blocks.iter().any(|b| b.sits && !b.positions.is_empty());
    if juries_ok && planned && !sitting {
        let why: Vec<String> = ctx
            .juries
            .iter()
            .enumerate()
            .map(|(j, jury)| never_sits(ctx, j, &jury.name))
            .collect();
        out.push(issue(format!(
            "Aucun jury ne peut siéger sur les demi-journées prévues : {}.",
            why.join(" ; ")
        )));
    }
    let mut pinned = BTreeSet::new();
    pins(ctx, &mut out, &mut pinned);
    if days_ok && juries_ok && sitting {
        let sitting_halves: BTreeSet<HalfDay> = ctx
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.sits && !b.positions.is_empty())
            .map(|(i, _)| ctx.block_half(i))
            .collect();
        for (c, cand) in ctx.cands.iter().enumerate() {
            if !ctx.allowed[c].is_empty() || pinned.contains(&cand.id) {
                continue;
            }
            let free: Vec<HalfDay> = sitting_halves
                .iter()
                .copied()
                .filter(|h| !cand.unavailable.contains(h))
                .collect();
            let message = if free.is_empty() {
                format!(
                    "Aucun créneau possible pour {} : indisponible sur toutes les demi-journées où un jury siège.",
                    cand.name
                )
            } else {
                let mut recused: BTreeSet<(String, i64)> = BTreeSet::new();
                for b in &ctx.blocks {
                    if b.sits
                        && free.contains(&HalfDay {
                            date: ctx.days[b.day].date,
                            part: b.part,
                        })
                    {
                        for m in &b.present {
                            if ctx.recused.contains(&(*m, cand.id)) {
                                let name = ctx
                                    .members
                                    .get(m)
                                    .map_or_else(String::new, |x| x.name.clone());
                                recused.insert((name, *m));
                            }
                        }
                    }
                }
                let names: Vec<String> = recused.into_iter().map(|(n, _)| n).collect();
                format!(
                    "Aucun créneau possible pour {name} : chaque jury qui siège quand {name} est disponible compte un membre récusé ({}).",
                    fr_list(&names),
                    name = cand.name
                )
            };
            out.push(Explanation {
                message,
                candidates: vec![cand.id],
            });
        }
    }
    out
}

fn duplicates<'x>(
    out: &mut Vec<Explanation>,
    items: impl Iterator<Item = (i64, &'x str)>,
    what: &str,
) {
    let mut by_id: BTreeMap<i64, Vec<&str>> = BTreeMap::new();
    for (id, name) in items {
        by_id.entry(id).or_default().push(name);
    }
    for (id, names) in by_id {
        if names.len() > 1 {
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            out.push(issue(format!(
                "Plusieurs {what} portent le même numéro ({id}) : {}.",
                fr_list(&names)
            )));
        }
    }
}

/// Why jury `j` never sits: "Salle 1 n'a au plus que 2 membres présents (3 requis)".
fn never_sits(ctx: &Ctx, j: usize, name: &str) -> String {
    let p = ctx.p;
    let blocks: Vec<_> = ctx
        .blocks
        .iter()
        .filter(|b| b.jury == j && !b.positions.is_empty())
        .collect();
    let most = blocks.iter().map(|b| b.present.len()).max().unwrap_or(0);
    let role_ok = |present: &[i64]| {
        p.required_role.as_ref().is_none_or(|r| {
            present.iter().any(|id| {
                ctx.members
                    .get(id)
                    .is_some_and(|m| m.voting && m.role == r.role)
            })
        })
    };
    let size = (most as u32) < p.min_jury_size;
    let role = !blocks.iter().any(|b| role_ok(&b.present));
    let label = p.required_role.as_ref().map_or("", |r| r.label.as_str());
    match (size, role) {
        (true, _) if most == 0 => format!("{name} n'a aucun membre présent"),
        (true, true) if most == 1 => format!(
            "{name} n'a qu'un membre présent ({} requis) et aucun {label} votant",
            p.min_jury_size
        ),
        (true, false) if most == 1 => format!(
            "{name} n'a qu'un membre présent ({} requis)",
            p.min_jury_size
        ),
        (true, true) => format!(
            "{name} n'a au plus que {} ({} requis) et aucun {label} votant",
            crate::fr::count(most, "membre présent", "membres présents"),
            p.min_jury_size
        ),
        (true, false) => format!(
            "{name} n'a au plus que {} ({} requis)",
            crate::fr::count(most, "membre présent", "membres présents"),
            p.min_jury_size
        ),
        (false, true) => format!("{name} n'a jamais de {label} votant présent"),
        (false, false) => format!(
            "{name} n'a jamais à la fois {} membres et un {label} votant présents",
            p.min_jury_size
        ),
    }
}

/// The pins: known, on a slot, one per candidate and slot, within the rules.
fn pins(ctx: &Ctx, out: &mut Vec<Explanation>, pinned: &mut BTreeSet<i64>) {
    let p = ctx.p;
    let mut by_slot: BTreeMap<(i64, chrono::NaiveDate, u32), &Pin> = BTreeMap::new();
    let mut by_cand: BTreeMap<i64, &Pin> = BTreeMap::new();
    for pin in &p.pins {
        let Some(c) = ctx.cands.iter().position(|c| c.id == pin.candidate) else {
            out.push(issue(format!(
                "Entretien fixé pour un candidat inconnu (n° {}).",
                pin.candidate
            )));
            continue;
        };
        let cand = ctx.cands[c];
        pinned.insert(cand.id);
        let mut err = |message: String| {
            out.push(Explanation {
                message,
                candidates: vec![cand.id],
            })
        };
        let what = format!("L'entretien fixé de {}", cand.name);
        let Some(j) = ctx.juries.iter().position(|j| j.id == pin.jury) else {
            err(format!("{what} désigne un jury inconnu (n° {}).", pin.jury));
            continue;
        };
        let Some(d) = ctx.days.iter().position(|d| d.date == pin.date) else {
            err(format!(
                "{what} est le {}, qui n'est pas une journée d'entretiens.",
                fr_date(pin.date)
            ));
            continue;
        };
        let place = pin_place(ctx, pin);
        let slots = &ctx.days[d].slots;
        if !slots.iter().any(|s| s.0 == pin.start) {
            let near = slots
                .iter()
                .min_by_key(|s| (s.0.abs_diff(pin.start), s.0))
                .map_or_else(String::new, |s| {
                    format!(" : le plus proche commence à {}", fr_time(s.0))
                });
            err(format!(
                "{what} {place} ne commence pas au début d'un créneau{near}."
            ));
            continue;
        }
        if let Some(first) = by_cand.get(&cand.id) {
            err(format!(
                "{} a deux entretiens fixés {} et {place}.",
                cand.name,
                pin_place(ctx, first)
            ));
            continue;
        }
        by_cand.insert(cand.id, pin);
        if let Some(other) = by_slot.get(&(pin.jury, pin.date, pin.start)) {
            let other_name = ctx
                .cands
                .iter()
                .find(|c| c.id == other.candidate)
                .map_or_else(String::new, |c| c.name.clone());
            err(format!(
                "{other_name} et {} sont fixés sur le même créneau {place}.",
                cand.name
            ));
            continue;
        }
        by_slot.insert((pin.jury, pin.date, pin.start), pin);
        let half = HalfDay {
            date: pin.date,
            part: Part::of(pin.start),
        };
        let b = &ctx.blocks[(j * ctx.days.len() + d) * 2 + half.part as usize];
        if let Some(reason) = &b.reason {
            err(format!(
                "{what} {place} : le jury {} ne siège pas le {} ({reason}).",
                ctx.juries[j].name,
                fr_half_day(half)
            ));
        }
        if cand.unavailable.contains(&half) {
            err(format!(
                "{what} {place} : {} est indisponible le {}.",
                cand.name,
                fr_half_day(half)
            ));
        }
        for m in &b.present {
            if ctx.recused.contains(&(*m, cand.id)) {
                let name = ctx
                    .members
                    .get(m)
                    .map_or_else(String::new, |x| x.name.clone());
                err(format!(
                    "{what} {place} : {name} est récusé pour {}.",
                    cand.name
                ));
            }
        }
    }
}

/// The message for candidates short of slots.
pub(crate) fn shortage(ctx: &Ctx, s: &Shortage) -> Explanation {
    let p = ctx.p;
    let mut names: Vec<String> = s
        .candidates
        .iter()
        .map(|&c| ctx.cands[c].name.clone())
        .collect();
    names.sort();
    let n = s.candidates.len();
    let k = s.missing as usize;
    let usable: Vec<usize> = (0..ctx.blocks.len())
        .filter(|&b| ctx.blocks[b].sits && !ctx.blocks[b].positions.is_empty())
        .collect();
    let head = format!(
        "Il manque {} pour {} ({})",
        crate::fr::count(k, "créneau", "créneaux"),
        crate::fr::count(n, "candidat", "candidats"),
        fr_names(&names, 5)
    );
    let free = crate::fr::count(s.capacity as usize, "créneau libre", "créneaux libres");
    let middle = if s.blocks == usable {
        format!("les journées prévues n'offrent que {free}")
    } else {
        // Half-days and their juries.
        let mut halves: BTreeMap<HalfDay, Vec<String>> = BTreeMap::new();
        for &b in &s.blocks {
            halves
                .entry(ctx.block_half(b))
                .or_default()
                .push(ctx.juries[ctx.blocks[b].jury].name.clone());
        }
        let mut parts: Vec<String> = halves
            .iter()
            .map(|(h, j)| format!("le {} ({})", fr_half_day(*h), j.join(", ")))
            .collect();
        if parts.len() > 4 {
            parts.truncate(4);
            parts.push("…".into());
        }
        let who = if n == 1 {
            "ce candidat ne peut être entendu"
        } else {
            "ils ne peuvent être entendus"
        };
        if s.capacity == 0 {
            format!(
                "{who} que {}, où aucun créneau n'est libre",
                fr_list(&parts)
            )
        } else {
            format!("{who} que {}, soit {free}", fr_list(&parts))
        }
    };
    // The smallest extension of one day giving the missing slots to these candidates.
    let step = p.interview_minutes + p.buffer_minutes;
    let mut fix: Option<(u32, bool, usize, String)> = None;
    for d in 0..ctx.days.len() {
        let slots = &ctx.days[d].slots;
        let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
            continue;
        };
        let day = p.days.iter().find(|x| x.date == ctx.days[d].date);
        let Some(day) = day else { continue };
        for part in [Part::Afternoon, Part::Morning] {
            let juries = s
                .blocks
                .iter()
                .filter(|&&b| ctx.blocks[b].day == d && ctx.blocks[b].part == part)
                .count();
            if juries == 0 {
                continue;
            }
            let q = k.div_ceil(juries) as u32;
            let (ext, text) = if part == Part::Afternoon {
                let closing = last.0 + q * step + p.interview_minutes;
                if closing > END_OF_DAY {
                    continue;
                }
                let ext = closing.saturating_sub(day.closing);
                (
                    ext,
                    format!(
                        "Prolongez la journée du {} de {} (fin à {})",
                        fr_date(day.date),
                        fr_duration(ext),
                        fr_time(closing)
                    ),
                )
            } else {
                let Some(opening) = first.0.checked_sub(q * step) else {
                    continue;
                };
                let ext = day.opening.saturating_sub(opening);
                (
                    ext,
                    format!(
                        "Avancez le début de la journée du {} de {} (début à {})",
                        fr_date(day.date),
                        fr_duration(ext),
                        fr_time(opening)
                    ),
                )
            };
            let key = (ext, part == Part::Morning, usize::MAX - d);
            if fix.as_ref().is_none_or(|f| key < (f.0, f.1, f.2)) {
                fix = Some((key.0, key.1, key.2, text));
            }
        }
    }
    let fix = match fix {
        Some((_, _, _, text)) => format!("{text} ou ajoutez un jury ce jour-là."),
        None => "Ajoutez un jury ou une journée.".into(),
    };
    Explanation {
        message: format!("{head} : {middle}. {fix}"),
        candidates: s.candidates.iter().map(|&c| ctx.cands[c].id).collect(),
    }
}
