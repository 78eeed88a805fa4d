//! The search: the problem indexed (days, blocks, candidates' possible blocks), the flow
//! from groups of identical candidates to blocks, the choice of days, of the population of
//! each block and of the span of pinned jury-days, and the placement in slots.

use std::collections::{BTreeMap, BTreeSet};

use super::flow::Graph;
use super::{
    check, grid, Candidate, Explanation, HalfDay, Infeasible, Interview, Jury, Member, Part, Plan,
    Problem, Separation,
};

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

/// Blocks a candidate may be heard in, shared between candidates.
pub(crate) type Blocks = std::sync::Arc<Vec<usize>>;

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
    /// Blocks each candidate could be heard in (shared by the candidates without
    /// unavailability or recusal: most of them, thousands in a national campaign).
    pub allowed: Vec<Blocks>,
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
        // The blocks that sit, then each candidate's: the same for a candidate with no
        // unavailability and no recusal, narrowed otherwise.
        let sitting: Blocks = Blocks::new(
            (0..blocks.len())
                .filter(|&b| blocks[b].sits && !blocks[b].positions.is_empty())
                .collect(),
        );
        let recused_by: BTreeSet<i64> = recused.iter().map(|&(_, c)| c).collect();
        let allowed = cands
            .iter()
            .map(|c| {
                if c.unavailable.is_empty() && !recused_by.contains(&c.id) {
                    return sitting.clone();
                }
                Blocks::new(
                    sitting
                        .iter()
                        .copied()
                        .filter(|&b| {
                            let blk: &Block = &blocks[b];
                            !c.unavailable.contains(&HalfDay {
                                date: days[blk.day].date,
                                part: blk.part,
                            }) && !blk.present.iter().any(|m| recused.contains(&(*m, c.id)))
                        })
                        .collect(),
                )
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
            crate::fr::count(present.len(), "membre présent", "membres présents"),
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
    allowed: Blocks,
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
    /// Sum of the squares of the juries' interviews (pins included): the smallest is the
    /// most balanced.
    balance: i64,
    cost: i64,
    /// Candidates placed in jury-days without pins.
    into_free: i64,
    pref_miss: i64,
    /// An unrestricted block hearing several populations, and them (most first).
    mixed: Option<(usize, Vec<usize>)>,
}

impl Eval {
    fn key(&self) -> (i64, i64) {
        (self.balance, self.cost)
    }
}

struct Best {
    /// Balance, idle slots, preferences missed.
    key: (i64, i64, i64),
    flows: Vec<(usize, usize, i64)>,
}

/// A flow network of the search and the arcs read back.
struct Network {
    g: Graph,
    /// (arc, class, block).
    arcs: Vec<(usize, usize, usize)>,
    /// Free slots of each block.
    caps: Vec<i64>,
    /// Arcs of the slots that avoid idle time.
    gains: Vec<usize>,
    /// Each jury's arc to the sink.
    juries: Vec<usize>,
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
        let mut by_key: BTreeMap<(usize, Option<HalfDay>, Blocks), Vec<usize>> = BTreeMap::new();
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

    /// The flow network: source 0, sink 1, the classes, the blocks, then one node per
    /// jury whose arc to the sink (returned, by jury) carries its interviews.
    fn build(&self, cfg: &Config, costs: bool) -> Network {
        let nc = self.classes.len();
        let nb = self.ctx.blocks.len();
        let nj = self.ctx.juries.len();
        let jury_node = |j: usize| 2 + nc + nb + j;
        let mut g = Graph::new(2 + nc + nb + nj);
        let caps: Vec<i64> = (0..nb).map(|b| self.cap(b, cfg)).collect();
        let mut gains = Vec::new();
        let mut jury_caps = vec![0i64; nj];
        for (b, &cap) in caps.iter().enumerate() {
            if cap == 0 {
                continue;
            }
            let j = self.ctx.blocks[b].jury;
            jury_caps[j] += cap;
            let gain = if costs { self.gain(b, cfg).min(cap) } else { 0 };
            if gain > 0 {
                gains.push(g.add(2 + nc + b, jury_node(j), gain, 0));
            }
            if cap > gain {
                g.add(
                    2 + nc + b,
                    jury_node(j),
                    cap - gain,
                    if costs { self.big } else { 0 },
                );
            }
        }
        let juries = (0..nj)
            .map(|j| g.add(jury_node(j), 1, jury_caps[j], 0))
            .collect();
        let mut arcs = Vec::new();
        for (ci, c) in self.classes.iter().enumerate() {
            let n = c.members.len() as i64;
            g.add(0, 2 + ci, n, 0);
            for &b in c.allowed.iter() {
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
        Network {
            g,
            arcs,
            caps,
            gains,
            juries,
        }
    }

    /// Interviews of each jury already fixed by pins.
    fn pinned_loads(&self) -> Vec<i64> {
        let mut out = vec![0i64; self.ctx.juries.len()];
        for (b, _) in self.ctx.pins.iter().flatten() {
            out[self.ctx.blocks[*b].jury] += 1;
        }
        out
    }

    /// The most balanced numbers of interviews per jury (decreasingly minimal: the
    /// largest as small as it can be, then the next…) that place everyone under `cfg`,
    /// pins counted. From any maximum flow, one interview is passed from a jury to one
    /// with at least two fewer while a path of the residual graph allows it: when none
    /// does, the loads are decreasingly minimal (Frank and Murota, 2021), which minimises
    /// their sum of squares too. None when not everyone can be placed.
    fn balanced_loads(&mut self, cfg: &Config) -> Option<Vec<i64>> {
        let Network {
            mut g,
            arcs,
            juries,
            ..
        } = self.build(cfg, false);
        self.work = self.work.saturating_sub(arcs.len() + self.classes.len());
        if g.max_flow(0, 1, self.free_n) < self.free_n {
            return None;
        }
        let pinned = self.pinned_loads();
        let node = |j: usize| 2 + self.classes.len() + self.ctx.blocks.len() + j;
        'pass: loop {
            let load: Vec<i64> = (0..juries.len())
                .map(|j| pinned[j] + g.flow(juries[j]))
                .collect();
            let mut high: Vec<usize> = (0..juries.len()).collect();
            high.sort_by_key(|&j| (std::cmp::Reverse(load[j]), j));
            let mut low = high.clone();
            low.reverse();
            for &i in &high {
                if g.flow(juries[i]) == 0 {
                    continue;
                }
                for &j in &low {
                    if load[i] < load[j] + 2 {
                        break;
                    }
                    if let Some(path) = g.residual_path(node(i), node(j), &[0, 1]) {
                        // Around the sink: interviews from i to j, as many as the path
                        // carries without j overtaking i.
                        let mut cycle = vec![juries[i] ^ 1];
                        cycle.extend(path);
                        cycle.push(juries[j]);
                        let amount = g.bottleneck(&cycle).min((load[i] - load[j]) / 2);
                        g.push(&cycle, amount);
                        continue 'pass;
                    }
                }
            }
            return Some((0..juries.len()).map(|j| g.flow(juries[j])).collect());
        }
    }

    /// The best flow for `cfg` (all candidates placed), or none.
    fn evaluate(&mut self, cfg: &Config, costs: bool) -> Option<Eval> {
        let loads = if costs {
            Some(self.balanced_loads(cfg)?)
        } else {
            None
        };
        let Network {
            mut g,
            arcs,
            gains,
            juries,
            ..
        } = self.build(cfg, costs);
        self.work = self.work.saturating_sub(arcs.len() + self.classes.len());
        let mut balance = 0;
        let f = match &loads {
            Some(loads) => {
                // Every decreasingly minimal set of loads, and only those, minimises
                // Σ max(load, low)² with no load above high (low and high: the least and
                // the largest of them): below `low` a jury's interviews cost nothing,
                // from there each one costs the growth of the square. That cost outweighs
                // idle time and preferences, which choose among these sets.
                let pinned = self.pinned_loads();
                let total: Vec<i64> = (0..juries.len()).map(|j| pinned[j] + loads[j]).collect();
                let low = total.iter().copied().min().unwrap_or(0);
                let high = total.iter().copied().max().unwrap_or(0);
                let weight = self.big * (self.free_n + 1);
                for (j, &e) in juries.iter().enumerate() {
                    g.set_cap(e, (low - pinned[j]).max(0));
                    let node = 2 + self.classes.len() + self.ctx.blocks.len() + j;
                    for u in low.max(pinned[j])..high {
                        g.add(node, 1, 1, (2 * u + 1) * weight);
                    }
                    balance += total[j].pow(2);
                }
                g.min_cost_flow(0, 1, self.free_n).0
            }
            None => g.max_flow(0, 1, self.free_n),
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
            balance,
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
        if best.as_ref().is_some_and(|(b, _)| ev.key() >= b.key()) {
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
                if first_only || b.key() == ev.key() {
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

    /// The days to use: the fewest, and among as few the earliest (subsets of a size are
    /// tried in lexicographic order of their days).
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
            let mut combo: Vec<usize> = (0..k).collect();
            loop {
                let mut day_on = forced.clone();
                for &i in &combo {
                    day_on[optional[i]] = true;
                }
                if self.capacity(&day_on) >= self.free_n && self.feasible(&day_on, sep) {
                    return vec![day_on];
                }
                if !next_combination(&mut combo, optional.len()) {
                    break;
                }
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
        // Mask 0 has the most room, so the best balance: reached with no idle time and
        // every preference met, nothing better exists.
        let mut roomiest = None;
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
            if let Some((ev, _)) = found {
                let idle = target - (self.free_n - ev.into_free);
                let key = (ev.balance, idle, ev.pref_miss);
                roomiest.get_or_insert(ev.balance);
                if best.as_ref().is_none_or(|b| key < b.key) {
                    best = Some(Best {
                        key,
                        flows: ev.flows,
                    });
                }
            }
            if best
                .as_ref()
                .is_some_and(|b| Some(b.key) == roomiest.map(|r| (r, 0, 0)))
            {
                break;
            }
            if self.work == 0 {
                self.approx_cost = true;
                break;
            }
        }
        if best.is_none() {
            // The work ran out before any plan: the first one found, depth first, with
            // every other half-day usable (the most room).
            self.approx_cost = true;
            self.work = WORK_BUDGET;
            for &jd in &choices {
                cfg.both[jd] = true;
            }
            cfg.labels.clone_from(&labels);
            let target: i64 = (0..self.ctx.blocks.len())
                .map(|b| self.gain(b, &cfg).min(self.cap(b, &cfg)))
                .sum();
            let mut found = None;
            self.bnb(&mut cfg, true, true, &mut found);
            best = found.map(|(ev, _)| Best {
                key: (
                    ev.balance,
                    target - (self.free_n - ev.into_free),
                    ev.pref_miss,
                ),
                flows: ev.flows,
            });
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
        let Network {
            mut g, arcs, caps, ..
        } = self.build(&cfg, false);
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

/// What the plan uses: the days, by name; each jury's number of interviews; and, when
/// they differ by more than one, why the least busy jury could not hear more.
fn days_and_juries(ctx: &Ctx, interviews: &[Interview]) -> Vec<String> {
    let used: BTreeSet<chrono::NaiveDate> = interviews.iter().map(|i| i.date).collect();
    let names: Vec<String> = used.iter().map(|d| super::fr_date(*d)).collect();
    let mut notes = vec![if used.is_empty() {
        format!("Aucune journée utilisée sur {}.", ctx.days.len())
    } else {
        format!(
            "{} sur {} : {}.",
            crate::fr::count(used.len(), "journée utilisée", "journées utilisées"),
            ctx.days.len(),
            super::fr_days(&names)
        )
    }];
    if ctx.juries.len() < 2 {
        return notes;
    }
    let loads: Vec<usize> = ctx
        .juries
        .iter()
        .map(|j| interviews.iter().filter(|i| i.jury == j.id).count())
        .collect();
    notes.push(format!(
        "Entretiens par jury : {}.",
        ctx.juries
            .iter()
            .zip(&loads)
            .map(|(j, n)| format!("{} : {}", j.name, crate::fr::integer(n)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let (Some(&max), Some(&min)) = (loads.iter().max(), loads.iter().min()) else {
        return notes;
    };
    if max - min <= 1 {
        return notes;
    }
    let low = loads.iter().position(|&n| n == min).unwrap_or(0);
    let name = &ctx.juries[low].name;
    let mut sitting = Vec::new();
    let mut absent = Vec::new();
    let mut free = 0;
    for (b, blk) in ctx.blocks.iter().enumerate() {
        if blk.jury != low || blk.positions.is_empty() || !used.contains(&ctx.days[blk.day].date) {
            continue;
        }
        let half = super::fr_half_day(ctx.block_half(b));
        if blk.sits {
            let pins = &ctx.jd_pins[b / 2];
            free += blk
                .positions
                .iter()
                .filter(|p| pins.binary_search(p).is_err())
                .count();
            sitting.push(half);
        } else if let Some(why) = &blk.reason {
            absent.push(format!("{half} : {why}"));
        }
    }
    let pinned = ctx
        .pins
        .iter()
        .flatten()
        .filter(|(b, _)| ctx.blocks[*b].jury == low)
        .count();
    let why = if sitting.is_empty() {
        format!(
            "il ne peut siéger sur aucune des journées retenues ({})",
            absent.join(" ; ")
        )
    } else if min >= free + pinned {
        let mut w = format!(
            "il ne siège que {} sur les journées retenues, et ses {} sont pris",
            super::fr_list(&sitting),
            crate::fr::count(free + pinned, "créneau", "créneaux")
        );
        if !absent.is_empty() {
            w.push_str(&format!(" (ailleurs, {})", absent.join(" ; ")));
        }
        w
    } else if ctx.p.separate_populations && ctx.pops.len() > 1 {
        "les autres candidats ne peuvent pas lui être confiés (indisponibles quand il siège, récusation d'un de ses membres, ou étudiants et internes entendus à part)".to_owned()
    } else {
        "les autres candidats ne peuvent pas lui être confiés (indisponibles quand il siège, ou récusation d'un de ses membres)".to_owned()
    };
    let has = if min == 0 {
        "n'a aucun entretien".to_owned()
    } else {
        format!(
            "n'a que {}",
            crate::fr::count(min, "entretien", "entretiens")
        )
    };
    notes.push(format!(
        "Les jurys ne peuvent pas être équilibrés à un entretien près : {name} {has}, car {why}."
    ));
    notes
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

/// The interviews of `previous` (the plan in force) that can stay where they are while
/// everyone is placed, as pins: as many as possible (a minimum-cost flow where staying
/// costs nothing and moving costs one), the rest of the objective coming after.
fn stayers(ctx: &Ctx) -> Vec<super::Pin> {
    let nd = ctx.days.len();
    let mut previous = ctx.p.previous.clone();
    previous.sort_unstable();
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (jd, pins) in ctx.jd_pins.iter().enumerate() {
        taken.extend(pins.iter().map(|&pos| (jd, pos)));
    }
    let mut prev: Vec<Option<(usize, usize)>> = vec![None; ctx.cands.len()];
    for i in &previous {
        let (Ok(c), Ok(j), Ok(d)) = (
            ctx.cands.binary_search_by_key(&i.candidate, |c| c.id),
            ctx.juries.binary_search_by_key(&i.jury, |j| j.id),
            ctx.days.binary_search_by_key(&i.date, |d| d.date),
        ) else {
            continue;
        };
        let Some(pos) = ctx.days[d]
            .slots
            .iter()
            .position(|s| *s == (i.start, i.end))
        else {
            continue;
        };
        let b = (j * nd + d) * 2 + Part::of(i.start) as usize;
        if ctx.pins[c].is_some()
            || prev[c].is_some()
            || !ctx.allowed[c].contains(&b)
            || !taken.insert((j * nd + d, pos))
        {
            continue;
        }
        prev[c] = Some((b, pos));
    }
    if prev.iter().all(Option::is_none) {
        return Vec::new();
    }
    let mut classes: BTreeMap<(&[usize], Option<usize>), Vec<usize>> = BTreeMap::new();
    for (c, slot) in prev.iter().enumerate() {
        if ctx.pins[c].is_none() {
            classes
                .entry((&ctx.allowed[c][..], slot.map(|p| p.0)))
                .or_default()
                .push(c);
        }
    }
    let classes: Vec<_> = classes.into_iter().collect();
    let nc = classes.len();
    let mut g = Graph::new(2 + nc + ctx.blocks.len());
    for (b, blk) in ctx.blocks.iter().enumerate() {
        let pins = &ctx.jd_pins[b / 2];
        let free = blk
            .positions
            .iter()
            .filter(|p| pins.binary_search(p).is_err())
            .count() as i64;
        if blk.sits && free > 0 {
            g.add(2 + nc + b, 1, free, 0);
        }
    }
    let mut stay_arcs = Vec::new();
    let mut n = 0;
    for (ci, ((allowed, prev_block), members)) in classes.iter().enumerate() {
        let size = members.len() as i64;
        n += size;
        g.add(0, 2 + ci, size, 0);
        for &b in allowed.iter() {
            let stays = Some(b) == *prev_block;
            let e = g.add(2 + ci, 2 + nc + b, size, i64::from(!stays));
            if stays {
                stay_arcs.push((ci, e));
            }
        }
    }
    if g.min_cost_flow(0, 1, n).0 < n {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (ci, e) in stay_arcs {
        let mut members = classes[ci].1.clone();
        members.sort_by(|&x, &y| {
            (&ctx.cands[x].name, ctx.cands[x].id).cmp(&(&ctx.cands[y].name, ctx.cands[y].id))
        });
        for &c in members.iter().take(g.flow(e) as usize) {
            let (b, pos) = prev[c].expect("a previous slot");
            let blk = &ctx.blocks[b];
            out.push(super::Pin {
                candidate: ctx.cands[c].id,
                jury: ctx.juries[blk.jury].id,
                date: ctx.days[blk.day].date,
                start: ctx.days[blk.day].slots[pos].0,
            });
        }
    }
    out
}

/// Plans a validated problem: when it has a plan in force, the interviews that can stay
/// are pinned first (stability before the objective).
pub(crate) fn solve(ctx: &Ctx) -> Result<Plan, Infeasible> {
    let stay = stayers(ctx);
    if stay.is_empty() {
        return solve_fresh(ctx);
    }
    let mut pinned = ctx.p.clone();
    pinned.pins.extend(stay);
    let mut plan = solve_fresh(&Ctx::new(&pinned))?;
    plan.quality = check::quality(ctx.p, &plan.interviews);
    if plan.quality.jury_spread > 1 {
        // Unbalanced for the sake of stability: said so when a new plan would not be.
        if let Ok(fresh) = solve_fresh(ctx) {
            if fresh.quality.jury_spread <= 1 {
                plan.notes
                    .retain(|n| !n.starts_with("Les jurys ne peuvent pas"));
                plan.notes.push(format!(
                    "Les jurys ne sont pas équilibrés à un entretien près pour laisser à leur place les entretiens qui peuvent y rester : un planning entièrement nouveau les équilibrerait ({}), mais en déplaçant davantage d'entretiens.",
                    fresh.notes.iter().find_map(|n| n.strip_prefix("Entretiens par jury : ")).unwrap_or_default().trim_end_matches('.')
                ));
            }
        }
    }
    for note in &mut plan.notes {
        if let Some(rest) = note.strip_prefix("Les entretiens fixés laissent") {
            *note = format!("Les entretiens fixés ou maintenus à leur place laissent{rest}");
        }
    }
    let kept = ctx
        .p
        .previous
        .iter()
        .filter(|i| {
            ctx.cands
                .binary_search_by_key(&i.candidate, |c| c.id)
                .is_ok()
        })
        .count();
    plan.notes.insert(
        0,
        format!(
            "Planning en vigueur conservé au mieux : {} sur {kept}.",
            crate::fr::count(
                plan.quality.moved,
                "entretien déplacé",
                "entretiens déplacés"
            )
        ),
    );
    Ok(plan)
}

/// Plans a validated problem from scratch (pins kept).
fn solve_fresh(ctx: &Ctx) -> Result<Plan, Infeasible> {
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
    let mut notes = days_and_juries(ctx, &interviews);
    if separation == Separation::Relaxed {
        notes.push(format!(
            "Les populations n'ont pas pu être entendues séparément : {} de jury {} plusieurs populations.",
            crate::fr::count(quality.mixed_blocks, "demi-journée", "demi-journées"),
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
