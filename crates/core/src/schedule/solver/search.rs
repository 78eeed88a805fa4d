//! The search: the problem indexed (days, blocks, candidates' possible blocks), the flow
//! from groups of identical candidates to blocks, the choice of days, of the population of
//! each block and of the span of pinned jury-days, and the placement in slots.

use std::collections::{BTreeMap, BTreeSet};

use super::flow::Graph;
use super::{
    check, grid, plural, Candidate, Explanation, HalfDay, Infeasible, Interview, Jury, Member,
    Part, Plan, Problem, Separation,
};

/// Most subsets of days of the smallest size compared on idle time and preferences.
const MAX_SUBSETS: usize = 64;
/// Work allowed to the branch and bound, in arcs of flow graphs solved.
const WORK_BUDGET: usize = 6_000_000;

/// A valid day and its slots.
pub(crate) struct DayGrid {
    pub date: chrono::NaiveDate,
    pub slots: Vec<(u32, u32)>,
}

/// One jury on one half-day.
pub(crate) struct Block {
    pub jury: usize,
    pub day: usize,
    pub part: Part,
    /// Positions of its slots in the day's grid.
    pub positions: Vec<usize>,
    /// Members present, by identifier.
    pub present: Vec<i64>,
    pub sits: bool,
    pub reason: Option<String>,
}

/// The problem indexed. Built from any input; [`super::validate`] reports what is wrong.
pub(crate) struct Ctx<'a> {
    pub p: &'a Problem,
    /// Days with hours, unique dates, by date.
    pub days: Vec<DayGrid>,
    /// Juries by identifier (duplicates dropped).
    pub juries: Vec<&'a Jury>,
    /// Candidates by identifier (duplicates dropped).
    pub cands: Vec<&'a Candidate>,
    pub pops: Vec<String>,
    /// Population of each candidate.
    pub pop: Vec<usize>,
    /// Index: `(jury * days + day) * 2 + part`.
    pub blocks: Vec<Block>,
    pub members: BTreeMap<i64, &'a Member>,
    pub recused: BTreeSet<(i64, i64)>,
    /// Each candidate's pin that falls on a slot: (block, position).
    pub pins: Vec<Option<(usize, usize)>>,
    /// Pinned positions of each jury-day (`jury * days + day`).
    pub jd_pins: Vec<Vec<usize>>,
    /// Blocks each candidate could be heard in.
    pub allowed: Vec<Vec<usize>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(p: &'a Problem) -> Self {
        let mut days_in: Vec<&super::Day> = p.days.iter().collect();
        days_in.sort_by_key(|d| d.date);
        days_in.dedup_by_key(|d| d.date);
        let days: Vec<DayGrid> = days_in
            .iter()
            .map(|d| DayGrid {
                date: d.date,
                slots: grid(d, p.interview_minutes, p.buffer_minutes),
            })
            .collect();
        let mut juries: Vec<&Jury> = p.juries.iter().collect();
        juries.sort_by_key(|j| j.id);
        juries.dedup_by_key(|j| j.id);
        let mut cands: Vec<&Candidate> = p.candidates.iter().collect();
        cands.sort_by_key(|c| c.id);
        cands.dedup_by_key(|c| c.id);
        let pops: Vec<String> = cands
            .iter()
            .map(|c| c.population.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let pop = cands
            .iter()
            .map(|c| pops.iter().position(|x| *x == c.population).unwrap_or(0))
            .collect();
        let mut members = BTreeMap::new();
        for m in &p.members {
            members.entry(m.id).or_insert(m);
        }
        let nd = days.len();
        let mut blocks = Vec::with_capacity(juries.len() * nd * 2);
        for (j, jury) in juries.iter().enumerate() {
            for (d, day) in days.iter().enumerate() {
                for part in [Part::Morning, Part::Afternoon] {
                    let half = HalfDay {
                        date: day.date,
                        part,
                    };
                    let positions = (0..day.slots.len())
                        .filter(|&i| Part::of(day.slots[i].0) == part)
                        .collect();
                    let mut present: Vec<i64> = jury
                        .members
                        .iter()
                        .copied()
                        .filter(|id| {
                            members
                                .get(id)
                                .is_some_and(|m: &&Member| !m.unavailable.contains(&half))
                        })
                        .collect();
                    present.sort_unstable();
                    present.dedup();
                    let (sits, reason) = sits(p, &members, &present);
                    blocks.push(Block {
                        jury: j,
                        day: d,
                        part,
                        positions,
                        present,
                        sits,
                        reason,
                    });
                }
            }
        }
        let recused: BTreeSet<(i64, i64)> =
            p.recusals.iter().map(|r| (r.member, r.candidate)).collect();
        let mut pins = vec![None; cands.len()];
        let mut jd_pins = vec![Vec::new(); juries.len() * nd];
        for pin in &p.pins {
            let (Ok(c), Ok(j), Ok(d)) = (
                cands.binary_search_by_key(&pin.candidate, |c| c.id),
                juries.binary_search_by_key(&pin.jury, |j| j.id),
                days.binary_search_by_key(&pin.date, |d| d.date),
            ) else {
                continue;
            };
            let Some(pos) = days[d].slots.iter().position(|s| s.0 == pin.start) else {
                continue;
            };
            if pins[c].is_some() || jd_pins[j * nd + d].contains(&pos) {
                continue;
            }
            let part = Part::of(pin.start);
            pins[c] = Some(((j * nd + d) * 2 + part as usize, pos));
            jd_pins[j * nd + d].push(pos);
        }
        for v in &mut jd_pins {
            v.sort_unstable();
        }
        let allowed = cands
            .iter()
            .map(|c| {
                (0..blocks.len())
                    .filter(|&b| {
                        let blk: &Block = &blocks[b];
                        blk.sits
                            && !blk.positions.is_empty()
                            && !c.unavailable.contains(&HalfDay {
                                date: days[blk.day].date,
                                part: blk.part,
                            })
                            && !blk.present.iter().any(|m| recused.contains(&(*m, c.id)))
                    })
                    .collect()
            })
            .collect();
        Ctx {
            p,
            days,
            juries,
            cands,
            pops,
            pop,
            blocks,
            members,
            recused,
            pins,
            jd_pins,
            allowed,
        }
    }

    pub(crate) fn block_half(&self, b: usize) -> HalfDay {
        HalfDay {
            date: self.days[self.blocks[b].day].date,
            part: self.blocks[b].part,
        }
    }
}

/// Whether members `present` let a jury sit, and why not.
pub(crate) fn sits(
    p: &Problem,
    members: &BTreeMap<i64, &Member>,
    present: &[i64],
) -> (bool, Option<String>) {
    let mut why = Vec::new();
    if (present.len() as u32) < p.min_jury_size {
        why.push(format!(
            "{}, {} requis",
            plural(present.len(), "membre présent", "membres présents"),
            p.min_jury_size
        ));
    }
    if let Some(r) = &p.required_role {
        let ok = present.iter().any(|id| {
            members
                .get(id)
                .is_some_and(|m| m.voting && m.role == r.role)
        });
        if !ok {
            why.push(format!("aucun {} votant présent", r.label));
        }
    }
    if why.is_empty() {
        (true, None)
    } else {
        (false, Some(why.join(" ; ")))
    }
}

/// Candidates with the same population, preference and possible blocks.
struct Class {
    pop: usize,
    pref: Option<HalfDay>,
    allowed: Vec<usize>,
    members: Vec<usize>,
}

#[derive(Clone)]
struct Config {
    day_on: Vec<bool>,
    /// For each jury-day whose pins are all in one half: whether its other half may be
    /// used too (then every slot between the pins and that half must be filled to avoid
    /// idle time).
    both: Vec<bool>,
    /// Population each block is restricted to.
    labels: Vec<Option<usize>>,
    /// Whether blocks must hear one population.
    separate: bool,
}

#[derive(Clone)]
struct Eval {
    /// (class, block, candidates).
    flows: Vec<(usize, usize, i64)>,
    cost: i64,
    /// Candidates placed in jury-days without pins.
    into_free: i64,
    pref_miss: i64,
    /// An unrestricted block hearing several populations, and them (most first).
    mixed: Option<(usize, Vec<usize>)>,
}

struct Best {
    key: (i64, i64),
    flows: Vec<(usize, usize, i64)>,
}

/// A set of candidates short of slots (Hall's theorem): the blocks they can use.
pub(crate) struct Shortage {
    pub candidates: Vec<usize>,
    pub blocks: Vec<usize>,
    pub capacity: i64,
    pub missing: i64,
}

struct Search<'c, 'a> {
    ctx: &'c Ctx<'a>,
    classes: Vec<Class>,
    free_n: i64,
    big: i64,
    work: usize,
    /// Days or separation may be suboptimal.
    approx_days: bool,
    /// Idle time or preferences may be suboptimal.
    approx_cost: bool,
}

impl<'c, 'a> Search<'c, 'a> {
    fn new(ctx: &'c Ctx<'a>) -> Self {
        let mut by_key: BTreeMap<(usize, Option<HalfDay>, Vec<usize>), Vec<usize>> =
            BTreeMap::new();
        for c in 0..ctx.cands.len() {
            if ctx.pins[c].is_some() {
                continue;
            }
            by_key
                .entry((ctx.pop[c], ctx.cands[c].preferred, ctx.allowed[c].clone()))
                .or_default()
                .push(c);
        }
        let classes: Vec<Class> = by_key
            .into_iter()
            .map(|((pop, pref, allowed), members)| Class {
                pop,
                pref,
                allowed,
                members,
            })
            .collect();
        let free_n = classes.iter().map(|c| c.members.len() as i64).sum::<i64>();
        Search {
            ctx,
            classes,
            free_n,
            // Above any sum of preference and distance costs.
            big: (free_n + 1)
                * (ctx
                    .days
                    .iter()
                    .map(|d| d.slots.len() as i64)
                    .max()
                    .unwrap_or(0)
                    + 2),
            work: WORK_BUDGET,
            approx_days: false,
            approx_cost: false,
        }
    }

    fn nd(&self) -> usize {
        self.ctx.days.len()
    }

    fn full_config(&self, day_on: Vec<bool>, labels: Vec<Option<usize>>, separate: bool) -> Config {
        Config {
            separate,
            day_on,
            both: vec![true; self.ctx.jd_pins.len()],
            labels,
        }
    }

    /// Labels forced by pins; `None` when a block has pins of two populations.
    fn forced_labels(&self) -> Option<Vec<Option<usize>>> {
        let mut labels = vec![None; self.ctx.blocks.len()];
        for (c, pin) in self.ctx.pins.iter().enumerate() {
            if let Some((b, _)) = pin {
                match labels[*b] {
                    None => labels[*b] = Some(self.ctx.pop[c]),
                    Some(p) if p != self.ctx.pop[c] => return None,
                    Some(_) => {}
                }
            }
        }
        Some(labels)
    }

    fn cap(&self, b: usize, cfg: &Config) -> i64 {
        let blk = &self.ctx.blocks[b];
        if !blk.sits || !cfg.day_on[blk.day] {
            return 0;
        }
        let pins = &self.ctx.jd_pins[b / 2];
        if !cfg.both[b / 2] && !pins.is_empty() && self.pinned_halves(b / 2) == Some(1 - b % 2) {
            return 0;
        }
        blk.positions
            .iter()
            .filter(|p| pins.binary_search(p).is_err())
            .count() as i64
    }

    /// The half (0 morning, 1 afternoon) holding all the pins of a jury-day, none when
    /// both do.
    fn pinned_halves(&self, jd: usize) -> Option<usize> {
        let pins = &self.ctx.jd_pins[jd];
        let k = self.ctx.blocks[jd * 2].positions.len();
        match (pins.iter().any(|&p| p < k), pins.iter().any(|&p| p >= k)) {
            (true, false) => Some(0),
            (false, true) => Some(1),
            _ => None,
        }
    }

    /// Slots of block `b` that must be filled for its jury-day to have no idle time: the
    /// holes between its pins, and the slots between the pins and the other half when
    /// that is used.
    fn gain(&self, b: usize, cfg: &Config) -> i64 {
        let jd = b / 2;
        let pins = &self.ctx.jd_pins[jd];
        if pins.is_empty() {
            return 0;
        }
        let k = self.ctx.blocks[jd * 2].positions.len();
        let (pmin, pmax) = (pins[0], pins[pins.len() - 1]);
        let free = |lo: usize, hi: usize| -> i64 {
            (lo..hi).filter(|p| pins.binary_search(p).is_err()).count() as i64
        };
        match (self.pinned_halves(jd), b % 2) {
            (None, 0) => free(pmin, k),
            (None, _) => free(k, pmax + 1),
            (Some(0), 0) => free(pmin, pmax + 1) + if cfg.both[jd] { free(pmax + 1, k) } else { 0 },
            (Some(1), 1) => free(pmin, pmax + 1) + if cfg.both[jd] { free(k, pmin) } else { 0 },
            _ => 0,
        }
    }

    fn pref_miss(&self, class: &Class, b: usize) -> bool {
        class.pref.is_some_and(|h| h != self.ctx.block_half(b))
    }

    #[allow(clippy::type_complexity)]
    fn build(
        &self,
        cfg: &Config,
        costs: bool,
    ) -> (Graph, Vec<(usize, usize, usize)>, Vec<i64>, Vec<usize>) {
        let nc = self.classes.len();
        let nb = self.ctx.blocks.len();
        let mut g = Graph::new(2 + nc + nb);
        let caps: Vec<i64> = (0..nb).map(|b| self.cap(b, cfg)).collect();
        let mut gains = Vec::new();
        for (b, &cap) in caps.iter().enumerate() {
            if cap == 0 {
                continue;
            }
            let gain = if costs { self.gain(b, cfg).min(cap) } else { 0 };
            if gain > 0 {
                gains.push(g.add(2 + nc + b, 1, gain, 0));
            }
            if cap > gain {
                g.add(2 + nc + b, 1, cap - gain, if costs { self.big } else { 0 });
            }
        }
        let mut arcs = Vec::new();
        for (ci, c) in self.classes.iter().enumerate() {
            let n = c.members.len() as i64;
            g.add(0, 2 + ci, n, 0);
            for &b in &c.allowed {
                if caps[b] == 0 || cfg.labels[b].is_some_and(|l| l != c.pop) {
                    continue;
                }
                let cost = if costs {
                    i64::from(self.pref_miss(c, b))
                } else {
                    0
                };
                arcs.push((g.add(2 + ci, 2 + nc + b, n, cost), ci, b));
            }
        }
        (g, arcs, caps, gains)
    }

    /// The best flow for `cfg` (all candidates placed), or none.
    fn evaluate(&mut self, cfg: &Config, costs: bool) -> Option<Eval> {
        let (mut g, arcs, _, gains) = self.build(cfg, costs);
        self.work = self.work.saturating_sub(arcs.len() + self.classes.len());
        let f = if costs {
            g.min_cost_flow(0, 1, self.free_n).0
        } else {
            g.max_flow(0, 1, self.free_n)
        };
        if f < self.free_n {
            return None;
        }
        let mut flows = Vec::new();
        let gained: i64 = gains.iter().map(|&e| g.flow(e)).sum();
        let (into_free, mut pref_miss) = (self.free_n - gained, 0);
        let mut pops_in: BTreeMap<usize, BTreeMap<usize, i64>> = BTreeMap::new();
        for (e, ci, b) in arcs {
            let x = g.flow(e);
            if x > 0 {
                flows.push((ci, b, x));
                if self.pref_miss(&self.classes[ci], b) {
                    pref_miss += x;
                }
                *pops_in
                    .entry(b)
                    .or_default()
                    .entry(self.classes[ci].pop)
                    .or_default() += x;
            }
        }
        let mixed = pops_in
            .into_iter()
            .find(|(b, pops)| cfg.separate && pops.len() > 1 && cfg.labels[*b].is_none())
            .map(|(b, pops)| {
                let mut v: Vec<(usize, i64)> = pops.into_iter().collect();
                v.sort_by_key(|&(p, n)| (std::cmp::Reverse(n), p));
                (b, v.into_iter().map(|(p, _)| p).collect())
            });
        Some(Eval {
            flows,
            cost: self.big * into_free + pref_miss,
            into_free,
            pref_miss,
            mixed,
        })
    }

    /// Branch and bound on the population of mixed blocks: the flow with unrestricted
    /// blocks bounds every restriction of them.
    fn bnb(
        &mut self,
        cfg: &mut Config,
        costs: bool,
        first_only: bool,
        best: &mut Option<(Eval, Vec<Option<usize>>)>,
    ) -> bool {
        if self.work == 0 {
            return false;
        }
        let Some(ev) = self.evaluate(cfg, costs) else {
            return true;
        };
        if best.as_ref().is_some_and(|(b, _)| ev.cost >= b.cost) {
            return true;
        }
        let Some((block, mut order)) = ev.mixed.clone() else {
            *best = Some((ev, cfg.labels.clone()));
            return true;
        };
        for p in 0..self.ctx.pops.len() {
            if !order.contains(&p)
                && self
                    .classes
                    .iter()
                    .any(|c| c.pop == p && c.allowed.contains(&block))
            {
                order.push(p);
            }
        }
        let mut complete = true;
        for p in order {
            cfg.labels[block] = Some(p);
            complete &= self.bnb(cfg, costs, first_only, best);
            cfg.labels[block] = None;
            if let Some((b, _)) = best {
                if first_only || b.cost == ev.cost {
                    break;
                }
            }
            if self.work == 0 {
                return false;
            }
        }
        complete
    }

    fn feasible(&mut self, day_on: &[bool], sep: bool) -> bool {
        if !sep {
            let cfg = self.full_config(day_on.to_vec(), vec![None; self.ctx.blocks.len()], false);
            return self.evaluate(&cfg, false).is_some();
        }
        let Some(labels) = self.forced_labels() else {
            return false;
        };
        let mut cfg = self.full_config(day_on.to_vec(), labels, true);
        let mut best = None;
        if !self.bnb(&mut cfg, false, true, &mut best) && best.is_none() {
            self.approx_days = true;
        }
        best.is_some()
    }

    fn capacity(&self, day_on: &[bool]) -> i64 {
        let cfg = self.full_config(day_on.to_vec(), vec![None; self.ctx.blocks.len()], false);
        (0..self.ctx.blocks.len()).map(|b| self.cap(b, &cfg)).sum()
    }

    /// The feasible subsets of days of the smallest size.
    fn min_subsets(&mut self, sep: bool) -> Vec<Vec<bool>> {
        let nd = self.nd();
        let mut forced = vec![false; nd];
        for (b, _) in self.ctx.pins.iter().flatten() {
            forced[self.ctx.blocks[*b].day] = true;
        }
        let optional: Vec<usize> = (0..nd)
            .filter(|&d| {
                !forced[d]
                    && self
                        .ctx
                        .blocks
                        .iter()
                        .any(|b| b.day == d && b.sits && !b.positions.is_empty())
            })
            .collect();
        if optional.len() > super::EXACT_DAYS {
            self.approx_days = true;
            let mut day_on: Vec<bool> = (0..nd)
                .map(|d| forced[d] || optional.contains(&d))
                .collect();
            for &d in optional.iter().rev() {
                day_on[d] = false;
                if self.capacity(&day_on) < self.free_n || !self.feasible(&day_on, sep) {
                    day_on[d] = true;
                }
            }
            return vec![day_on];
        }
        for k in 0..=optional.len() {
            let mut found = Vec::new();
            let mut combo: Vec<usize> = (0..k).collect();
            loop {
                let mut day_on = forced.clone();
                for &i in &combo {
                    day_on[optional[i]] = true;
                }
                if self.capacity(&day_on) >= self.free_n && self.feasible(&day_on, sep) {
                    found.push(day_on);
                    if found.len() >= MAX_SUBSETS {
                        self.approx_cost = true;
                        break;
                    }
                }
                if !next_combination(&mut combo, optional.len()) {
                    break;
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// The best plan on these days: for each jury-day pinned on one half only, both
    /// choices (its other half used or not) tried; populations by branch and bound.
    fn optimize(&mut self, day_on: &[bool], sep: bool) -> Option<Best> {
        let labels = if sep {
            self.forced_labels()?
        } else {
            vec![None; self.ctx.blocks.len()]
        };
        let mut cfg = self.full_config(day_on.to_vec(), labels.clone(), sep);
        // Jury-days with a choice: pins on one half, the other half able to sit.
        let mut choices = Vec::new();
        for jd in 0..self.ctx.jd_pins.len() {
            if let Some(h) = self.pinned_halves(jd) {
                if self.cap(jd * 2 + 1 - h, &cfg) > 0 {
                    choices.push(jd);
                } else {
                    // The other half cannot be used: no slot to fill towards it.
                    cfg.both[jd] = false;
                }
            }
        }
        let combos = if choices.len() < 12 {
            1usize << choices.len()
        } else {
            self.approx_cost = true;
            1
        };
        let mut best: Option<Best> = None;
        for mask in 0..combos {
            // Mask 0: every other half used (the most room) first.
            for (i, &jd) in choices.iter().enumerate() {
                cfg.both[jd] = mask & (1 << i) == 0;
            }
            let target: i64 = (0..self.ctx.blocks.len())
                .map(|b| self.gain(b, &cfg).min(self.cap(b, &cfg)))
                .sum();
            cfg.labels.clone_from(&labels);
            let mut found = None;
            if !self.bnb(&mut cfg, true, false, &mut found) {
                self.approx_cost = true;
            }
            if let Some((ev, l)) = found {
                let idle = target - (self.free_n - ev.into_free);
                let key = (idle, ev.pref_miss);
                if best.as_ref().is_none_or(|b| key < b.key) {
                    let _ = l;
                    best = Some(Best {
                        key,
                        flows: ev.flows,
                    });
                }
            }
            if best.as_ref().is_some_and(|b| b.key == (0, 0)) {
                break;
            }
            if self.work == 0 {
                self.approx_cost = true;
                break;
            }
        }
        best
    }

    /// Candidates short of slots, by the minimum cut of the flow on every day.
    fn shortages(&self) -> Vec<Shortage> {
        let cfg = self.full_config(
            vec![true; self.nd()],
            vec![None; self.ctx.blocks.len()],
            false,
        );
        let (mut g, arcs, caps, _) = self.build(&cfg, false);
        g.max_flow(0, 1, self.free_n);
        let seen = g.reachable(0);
        let nc = self.classes.len();
        // Components of the reachable classes and blocks.
        let mut comp: Vec<Option<usize>> = vec![None; nc];
        let mut block_comp: Vec<Option<usize>> = vec![None; self.ctx.blocks.len()];
        let mut out: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        for start in 0..nc {
            if !seen[2 + start] || comp[start].is_some() {
                continue;
            }
            let id = out.len();
            out.push((Vec::new(), Vec::new()));
            let mut stack = vec![start];
            comp[start] = Some(id);
            while let Some(ci) = stack.pop() {
                out[id].0.push(ci);
                for &(_, c2, b) in &arcs {
                    if c2 != ci || block_comp[b].is_some() {
                        continue;
                    }
                    block_comp[b] = Some(id);
                    out[id].1.push(b);
                    for &(_, c3, b3) in &arcs {
                        if b3 == b && comp[c3].is_none() && seen[2 + c3] {
                            comp[c3] = Some(id);
                            stack.push(c3);
                        }
                    }
                }
            }
        }
        let class_flow: Vec<i64> = (0..nc)
            .map(|ci| arcs.iter().filter(|a| a.1 == ci).map(|a| g.flow(a.0)).sum())
            .collect();
        out.into_iter()
            .filter_map(|(classes, mut blocks)| {
                let n: i64 = classes
                    .iter()
                    .map(|&c| self.classes[c].members.len() as i64)
                    .sum();
                let placed: i64 = classes.iter().map(|&c| class_flow[c]).sum();
                if placed >= n {
                    return None;
                }
                blocks.sort_unstable();
                let mut candidates: Vec<usize> = classes
                    .iter()
                    .flat_map(|&c| self.classes[c].members.iter().copied())
                    .collect();
                candidates.sort_unstable();
                Some(Shortage {
                    capacity: blocks.iter().map(|&b| caps[b]).sum(),
                    missing: n - placed,
                    candidates,
                    blocks,
                })
            })
            .collect()
    }

    /// Interviews from the best flow: candidates into blocks, blocks into slots.
    fn place(&self, best: &Best) -> Vec<Interview> {
        let ctx = self.ctx;
        let nd = self.nd();
        let mut per_block: Vec<Vec<usize>> = vec![Vec::new(); ctx.blocks.len()];
        let mut cursor = vec![0usize; self.classes.len()];
        let mut flows = best.flows.clone();
        flows.sort_unstable();
        for (ci, b, x) in flows {
            let m = &self.classes[ci].members;
            let from = cursor[ci];
            cursor[ci] += x as usize;
            per_block[b].extend_from_slice(&m[from..cursor[ci]]);
        }
        let mut out = Vec::new();
        for (c, pin) in ctx.pins.iter().enumerate() {
            if let Some((b, pos)) = pin {
                out.push(self.interview(c, *b, *pos));
            }
        }
        for jd in 0..ctx.juries.len() * nd {
            let (mb, ab) = (jd * 2, jd * 2 + 1);
            for b in [mb, ab] {
                per_block[b].sort_by(|&x, &y| {
                    (&ctx.cands[x].name, ctx.cands[x].id)
                        .cmp(&(&ctx.cands[y].name, ctx.cands[y].id))
                });
            }
            let (m, a) = (per_block[mb].len(), per_block[ab].len());
            if m + a == 0 {
                continue;
            }
            let (mpos, apos) = (&ctx.blocks[mb].positions, &ctx.blocks[ab].positions);
            let pins = &ctx.jd_pins[jd];
            let (pm, pa): (Vec<usize>, Vec<usize>) = if pins.is_empty() {
                if m > 0 && a > 0 {
                    (mpos[mpos.len() - m..].to_vec(), apos[..a].to_vec())
                } else {
                    (mpos[..m].to_vec(), apos[..a].to_vec())
                }
            } else {
                let n = ctx.days[jd % nd].slots.len();
                let (pmin, pmax) = (pins[0], pins[pins.len() - 1]);
                let free_in = |pos: &[usize], lo: usize, hi: usize| -> Vec<usize> {
                    pos.iter()
                        .copied()
                        .filter(|&p| lo <= p && p <= hi && pins.binary_search(&p).is_err())
                        .collect()
                };
                let mut win = (0, n - 1);
                for lo in (0..=pmin).rev() {
                    for hi in pmax..n {
                        if free_in(mpos, lo, hi).len() >= m
                            && free_in(apos, lo, hi).len() >= a
                            && (hi - lo, lo) < (win.1 - win.0, win.0)
                        {
                            win = (lo, hi);
                        }
                    }
                }
                let dist = |p: usize| {
                    if p < pmin {
                        pmin - p
                    } else {
                        p.saturating_sub(pmax)
                    }
                };
                let pick = |pos: &[usize], k: usize| -> Vec<usize> {
                    let mut f = free_in(pos, win.0, win.1);
                    f.sort_by_key(|&p| (dist(p), p));
                    f.truncate(k);
                    f.sort_unstable();
                    f
                };
                (pick(mpos, m), pick(apos, a))
            };
            for (b, pos) in [(mb, pm), (ab, pa)] {
                for (&c, &p) in per_block[b].iter().zip(pos.iter()) {
                    out.push(self.interview(c, b, p));
                }
            }
        }
        out.sort_by_key(|i| (i.date, i.start, i.jury, i.candidate));
        out
    }

    fn interview(&self, c: usize, b: usize, pos: usize) -> Interview {
        let blk = &self.ctx.blocks[b];
        let (start, end) = self.ctx.days[blk.day].slots[pos];
        Interview {
            candidate: self.ctx.cands[c].id,
            jury: self.ctx.juries[blk.jury].id,
            date: self.ctx.days[blk.day].date,
            start,
            end,
        }
    }
}

/// Next combination of `k` indices among `n`, in lexicographic order.
fn next_combination(c: &mut [usize], n: usize) -> bool {
    let k = c.len();
    for i in (0..k).rev() {
        if c[i] < n - k + i {
            c[i] += 1;
            for j in i + 1..k {
                c[j] = c[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// Plans a validated problem.
pub(crate) fn solve(ctx: &Ctx) -> Result<Plan, Infeasible> {
    let mut s = Search::new(ctx);
    let all = vec![true; s.nd()];
    if !s.feasible(&all, false) {
        return Err(Infeasible {
            reasons: s
                .shortages()
                .iter()
                .map(|sh| super::validate::shortage(ctx, sh))
                .collect(),
        });
    }
    let wants_sep = ctx.p.separate_populations && ctx.pops.len() > 1;
    let sep = wants_sep && s.feasible(&all, true);
    let mut best: Option<Best> = None;
    for day_on in s.min_subsets(sep) {
        if let Some(b) = s.optimize(&day_on, sep) {
            if best.as_ref().is_none_or(|x| b.key < x.key) {
                best = Some(b);
            }
        }
    }
    let Some(best) = best else {
        // Unreachable: the problem is feasible on every day.
        return Err(Infeasible {
            reasons: vec![Explanation {
                message: "Aucun plan trouvé dans le temps imparti : réduisez le nombre de journées ou de candidats.".into(),
                candidates: Vec::new(),
            }],
        });
    };
    let interviews = s.place(&best);
    let quality = check::quality(ctx.p, &interviews);
    let separation = match (ctx.p.separate_populations, wants_sep && !sep) {
        (false, _) => Separation::NotAsked,
        (true, false) => Separation::Kept,
        (true, true) => Separation::Relaxed,
    };
    let exact = !s.approx_days
        && (!s.approx_cost
            || (quality.idle_minutes == 0 && quality.preferences_met == quality.preferences_asked));
    let mut notes = vec![format!(
        "{} sur {}.",
        plural(quality.days_used, "journée utilisée", "journées utilisées"),
        ctx.days.len()
    )];
    if separation == Separation::Relaxed {
        notes.push(format!(
            "Les populations n'ont pas pu être entendues séparément : {} de jury {} plusieurs populations.",
            plural(quality.mixed_blocks, "demi-journée", "demi-journées"),
            if quality.mixed_blocks == 1 { "mélange" } else { "mélangent" }
        ));
    }
    if quality.preferences_asked > 0 {
        notes.push(format!(
            "Demi-journées souhaitées : {} sur {} respectées.",
            quality.preferences_met, quality.preferences_asked
        ));
    }
    if quality.idle_minutes > 0 {
        notes.push(format!(
            "Les entretiens fixés laissent {} d'attente aux jurys.",
            super::fr_duration(quality.idle_minutes)
        ));
    }
    if !exact {
        notes.push("Plan obtenu par une recherche approchée (trop de possibilités pour les essayer toutes) : un plan avec moins de journées ou moins d'attente pourrait exister.".into());
    }
    Ok(Plan {
        interviews,
        quality,
        separation,
        exact,
        notes,
    })
}
