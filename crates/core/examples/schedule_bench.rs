//! Times the interview scheduler, for `benches/schedule.sh`:
//! - `schedule_bench` times `plan()` on (a) 33 candidates, 16 members, 160 jury-slots and
//!   (b) 1 000 candidates, 40 members, 5 juries, 5 days; prints the median and p95; then
//!   replans (b) after one change (a member of a jury away on a half-day where that jury
//!   has interviews, the plan in force as `previous`) and prints the time and the
//!   interviews moved. Exits with 1 when a target is missed or a plan is missing.
//! - `schedule_bench export DIR N` writes N random small and N medium instances as JSON
//!   (the problem and the solver's result and quality), for the MIP of
//!   `benches/schedule_mip.py`, and the campaigns (a) and (b) (`campaign_*.json`, (b)
//!   also without preferences) for `benches/schedule_cpsat.py`.
//! - `schedule_bench plan FILE` plans the problem of a JSON file (a `Problem`, or an
//!   exported instance) and prints the result: a reproducer.

use std::time::{Duration, Instant};

use cesp_core::schedule::solver::{
    compositions, plan, slots, Break, Candidate, Day, HalfDay, Infeasible, Jury, Member, Part, Pin,
    Plan, Problem, Recusal, RoleRequirement, Slot,
};
use chrono::NaiveDate;

/// xorshift: instances from a seed, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn date(i: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 13).expect("a date") + chrono::Days::new(u64::from(i))
}

fn halves(days: &[Day]) -> Vec<HalfDay> {
    days.iter()
        .flat_map(|d| [Part::Morning, Part::Afternoon].map(|part| HalfDay { date: d.date, part }))
        .collect()
}

/// A campaign: `juries` juries of `per_jury` members (a voting chair first), `days`
/// days from `opening` to `closing` with lunch, interviews of `l` min and buffers of `b`.
#[allow(clippy::too_many_arguments)]
fn campaign(
    seed: u64,
    candidates: usize,
    juries: usize,
    per_jury: usize,
    days: u32,
    (opening, closing): (u32, u32),
    (l, b): (u32, u32),
    recusals: usize,
) -> Problem {
    let mut r = Rng::new(seed);
    let days: Vec<Day> = (0..days)
        .map(|i| Day {
            date: date(i),
            opening,
            closing,
            breaks: vec![Break {
                start: 12 * 60 + 30,
                end: 13 * 60 + 30,
            }],
        })
        .collect();
    let hs = halves(&days);
    let mut members = Vec::new();
    let mut jury_list = Vec::new();
    for j in 0..juries {
        let mut ids = Vec::new();
        for k in 0..per_jury {
            let id = (j * per_jury + k + 1) as i64;
            ids.push(id);
            members.push(Member {
                id,
                name: format!("Membre {id}"),
                role: if k == 0 { "chair" } else { "teacher" }.into(),
                voting: k + 1 < per_jury,
                // Chairs are always there; others miss a half-day now and then.
                unavailable: hs
                    .iter()
                    .copied()
                    .filter(|_| k > 0 && r.chance(8))
                    .collect(),
            });
        }
        jury_list.push(Jury {
            id: j as i64 + 1,
            name: format!("Salle {}", j + 1),
            room: format!("Bâtiment {}", j + 1),
            members: ids,
        });
    }
    let cands: Vec<Candidate> = (0..candidates)
        .map(|i| {
            let unavailable: Vec<HalfDay> = hs.iter().copied().filter(|_| r.chance(5)).collect();
            // A preference, when stated, is a half-day the candidate can come.
            let preferred = Some(hs[r.below(hs.len() as u64) as usize])
                .filter(|h| r.chance(30) && !unavailable.contains(h));
            Candidate {
                id: 1000 + i as i64,
                name: format!("NOM{i:04} Prénom"),
                population: if r.chance(60) { "student" } else { "intern" }.into(),
                unavailable,
                preferred,
            }
        })
        .collect();
    let recusals = (0..recusals)
        .map(|_| Recusal {
            member: 1 + r.below(members.len() as u64) as i64,
            candidate: 1000 + r.below(candidates as u64) as i64,
        })
        .collect();
    Problem {
        days,
        interview_minutes: l,
        buffer_minutes: b,
        min_jury_size: (per_jury as u32).saturating_sub(2).max(1),
        required_role: Some(RoleRequirement {
            role: "chair".into(),
            label: "président".into(),
        }),
        separate_populations: true,
        members,
        juries: jury_list,
        candidates: cands,
        recusals,
        pins: vec![],
        previous: vec![],
    }
}

fn pin_first_slots(p: &mut Problem, n: usize) {
    let grid = slots(p);
    for k in 0..n {
        let s = grid[(k * 7 + 3) % grid.len()];
        p.pins.push(Pin {
            candidate: p.candidates[k].id,
            jury: p.juries[k % p.juries.len()].id,
            date: s.date,
            start: s.start,
        });
    }
    // Pins must respect the rules: drop those that do not.
    p.pins.retain(|pin| {
        let c = p.candidates.iter().find(|c| c.id == pin.candidate);
        c.is_some_and(|c| {
            !c.unavailable.contains(&HalfDay {
                date: pin.date,
                part: Part::of(pin.start),
            })
        })
    });
}

/// The quality line of a plan.
fn describe(plan: &Plan) -> String {
    let q = plan.quality;
    format!(
        "{} candidates, {} days used, jury spread {}, idle {} min, preferences {}/{}, mixed blocks {}, separation {:?}, exact {}",
        q.interviews,
        q.days_used,
        q.jury_spread,
        q.idle_minutes,
        q.preferences_met,
        q.preferences_asked,
        q.mixed_blocks,
        plan.separation,
        plan.exact,
    )
}

/// The first reason of a failure, for one line.
fn reason(e: &Infeasible) -> String {
    e.reasons
        .first()
        .map_or_else(String::new, |r| r.message.clone())
}

/// Median and p95 of `runs` calls of `plan(p)`, each checked equal to the first; `None`
/// (and "MISSED") when there is no plan. The bool: the target met.
fn time(label: &str, p: &Problem, runs: usize, target: Duration) -> (Option<Plan>, bool) {
    let t = Instant::now();
    let first = match plan(p) {
        Ok(plan) => plan,
        Err(e) => {
            println!(
                "{label}: NO PLAN after {:.2} ms (MISSED) — {}",
                t.elapsed().as_secs_f64() * 1000.0,
                reason(&e)
            );
            return (None, false);
        }
    };
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let q = plan(p).expect("a plan");
        times.push(t.elapsed());
        assert_eq!(q, first, "deterministic");
    }
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{label}: median {:.2} ms, p95 {:.2} ms over {runs} runs (target < {} ms) {} — {}",
        median.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        target.as_millis(),
        if p95 < target { "OK" } else { "MISSED" },
        describe(&first),
    );
    (Some(first), p95 < target)
}

/// One change after the convocations went out: a member of the jury of the plan's first
/// interview away from the pins (its chair when `chair`, else its first other member
/// free that half-day) is away on that half-day; the problem is replanned with `first`
/// as the plan in force. Prints the time and the interviews moved; the bool: a plan
/// within `target`.
fn replan(
    label: &str,
    p: &Problem,
    first: &Plan,
    chair: bool,
    runs: usize,
    target: Duration,
) -> bool {
    // The first interview of the plan on a half-day where its jury has no pin (a pin
    // there would make a chair's absence a contradiction, not a change to plan around).
    let block_of = |jury: i64, date, start| (jury, date, Part::of(start));
    let i0 = *first
        .interviews
        .iter()
        .find(|i| {
            !p.pins
                .iter()
                .any(|x| block_of(x.jury, x.date, x.start) == block_of(i.jury, i.date, i.start))
        })
        .expect("an interview away from the pins");
    let half = HalfDay {
        date: i0.date,
        part: Part::of(i0.start),
    };
    let jury = p.juries.iter().find(|j| j.id == i0.jury).expect("the jury");
    let mut q = p.clone();
    q.previous = first.interviews.clone();
    let away = if chair {
        jury.members[0]
    } else {
        *jury.members[1..]
            .iter()
            .find(|m| {
                q.members
                    .iter()
                    .any(|x| x.id == **m && !x.unavailable.contains(&half))
            })
            .expect("a member present")
    };
    q.members
        .iter_mut()
        .find(|m| m.id == away)
        .expect("the member")
        .unavailable
        .push(half);
    let in_block = first
        .interviews
        .iter()
        .filter(|i| i.jury == jury.id && i.date == half.date && Part::of(i.start) == half.part)
        .count();
    let sits = compositions(&q)
        .iter()
        .any(|c| c.jury == jury.id && c.half_day == half && c.sits);
    let what = format!(
        "{label}, member {away} of {} away on {} {:?} ({in_block} interviews there, the jury {})",
        jury.name,
        half.date,
        half.part,
        if sits { "still sits" } else { "cannot sit" }
    );
    let (plan, ok) = time(&what, &q, runs, target);
    if let Some(plan) = plan {
        println!(
            "    replan: {} of {} interviews moved",
            plan.quality.moved,
            q.previous.len()
        );
    }
    ok
}

/// The ranges a random instance is drawn from: `(least, number of values)`.
struct Shape {
    days: (u32, u64),
    slots: (u32, u64),
    juries: (i64, u64),
    per_jury: (i64, u64),
    candidates: (i64, u64),
    /// Chance that a candidate is away on a half-day, in percent.
    candidate_away: u64,
    recusals: u64,
    pins: u64,
}

/// Small instances for the MIP: 1–3 days of 4–9 slots, 1–2 juries of 2–3 members, 3–10
/// candidates, up to 3 pins and 3 recusals.
const SMALL: Shape = Shape {
    days: (1, 3),
    slots: (4, 6),
    juries: (1, 2),
    per_jury: (2, 2),
    candidates: (3, 8),
    candidate_away: 10,
    recusals: 4,
    pins: 4,
};

/// Medium instances, where balancing juries is a real choice: 2–4 days of 6–11 slots,
/// 3–4 juries of 2–3 members, 10–30 candidates, up to 5 pins and 7 recusals.
const MEDIUM: Shape = Shape {
    days: (2, 3),
    slots: (6, 6),
    juries: (3, 2),
    per_jury: (2, 2),
    candidates: (10, 21),
    candidate_away: 8,
    recusals: 8,
    pins: 6,
};

/// A random instance for the MIP, some members and candidates away, some pins,
/// recusals and preferences. (The draws of [`SMALL`] instances are those from before
/// preferences were added, then the preferences.)
fn random(seed: u64, shape: &Shape) -> Problem {
    let mut r = Rng::new(seed);
    let l = [20, 30, 45][r.below(3) as usize];
    let b = [0, 5, 10, 15][r.below(4) as usize];
    let n_days = shape.days.0 + r.below(shape.days.1) as u32;
    let days: Vec<Day> = (0..n_days)
        .map(|i| {
            let n = shape.slots.0 + r.below(shape.slots.1) as u32;
            let opening = 13 * 60 - (l + b) * (n / 2) - 15;
            Day {
                date: date(i),
                opening,
                closing: opening + (l + b) * n - b + 30,
                breaks: vec![Break {
                    start: 13 * 60 - 15,
                    end: 13 * 60 + 15,
                }],
            }
        })
        .collect();
    let hs = halves(&days);
    let n_juries = shape.juries.0 + r.below(shape.juries.1) as i64;
    let n_members = n_juries * (shape.per_jury.0 + r.below(shape.per_jury.1) as i64);
    let members: Vec<Member> = (1..=n_members)
        .map(|id| Member {
            id,
            name: format!("M{id}"),
            role: if id <= n_juries { "chair" } else { "doctor" }.into(),
            voting: true,
            unavailable: hs
                .iter()
                .copied()
                .filter(|_| id > n_juries && r.chance(15))
                .collect(),
        })
        .collect();
    let juries: Vec<Jury> = (1..=n_juries)
        .map(|j| Jury {
            id: j,
            name: format!("Salle {j}"),
            room: String::new(),
            members: (1..=n_members)
                .filter(|m| (m - 1) % n_juries == j - 1)
                .collect(),
        })
        .collect();
    let n_cands = shape.candidates.0 + r.below(shape.candidates.1) as i64;
    let candidates: Vec<Candidate> = (1..=n_cands)
        .map(|id| Candidate {
            id: 100 + id,
            name: format!("C{id}"),
            population: if r.chance(50) { "student" } else { "intern" }.into(),
            unavailable: hs
                .iter()
                .copied()
                .filter(|_| r.chance(shape.candidate_away))
                .collect(),
            preferred: None,
        })
        .collect();
    let recusals = (0..r.below(shape.recusals))
        .map(|_| Recusal {
            member: 1 + r.below(n_members as u64) as i64,
            candidate: 101 + r.below(n_cands as u64) as i64,
        })
        .collect();
    let mut p = Problem {
        days,
        interview_minutes: l,
        buffer_minutes: b,
        min_jury_size: 2,
        required_role: Some(RoleRequirement {
            role: "chair".into(),
            label: "président".into(),
        }),
        separate_populations: r.chance(50),
        members,
        juries,
        candidates,
        recusals,
        pins: vec![],
        previous: vec![],
    };
    // Pins on slots where the rules allow them, often far apart: idle time sometimes.
    let grid = slots(&p);
    let comps = compositions(&p);
    let n_pins = r.below(shape.pins) as usize;
    for k in 0..n_pins.min(p.candidates.len()) {
        let c = p.candidates[k].clone();
        let options: Vec<(i64, Slot)> = p
            .juries
            .iter()
            .flat_map(|j| grid.iter().map(move |s| (j.id, *s)))
            .filter(|(j, s)| {
                let h = HalfDay {
                    date: s.date,
                    part: s.part,
                };
                !c.unavailable.contains(&h)
                    && !p
                        .pins
                        .iter()
                        .any(|x| x.jury == *j && x.date == s.date && x.start == s.start)
                    && comps.iter().any(|x| {
                        x.jury == *j
                            && x.half_day == h
                            && x.sits
                            && !x.present.iter().any(|m| {
                                p.recusals
                                    .iter()
                                    .any(|r| r.member == *m && r.candidate == c.id)
                            })
                    })
            })
            .collect();
        if options.is_empty() {
            continue;
        }
        let (jury, s) = options[r.below(options.len() as u64) as usize];
        p.pins.push(Pin {
            candidate: c.id,
            jury,
            date: s.date,
            start: s.start,
        });
    }
    // Preferences last, so that the rest of each instance is as before they were drawn:
    // a half-day the candidate can come, for about 40 % of them.
    for c in &mut p.candidates {
        let h = hs[r.below(hs.len() as u64) as usize];
        if r.chance(40) && !c.unavailable.contains(&h) {
            c.preferred = Some(h);
        }
    }
    p
}

/// The solver's result on `p` as JSON: its plan and quality, or why there is none; and
/// the time of that one call.
fn result(p: &Problem) -> serde_json::Value {
    let t = Instant::now();
    let r = plan(p);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    match r {
        Ok(plan) => serde_json::json!({
            "status": "planned",
            "time_ms": ms,
            "days_used": plan.quality.days_used,
            "idle_minutes": plan.quality.idle_minutes,
            "mixed_blocks": plan.quality.mixed_blocks,
            "quality": plan.quality,
            "separation": plan.separation,
            "exact": plan.exact,
            "notes": plan.notes,
            "interviews": plan.interviews,
        }),
        Err(e) => serde_json::json!({
            "status": "infeasible",
            "time_ms": ms,
            "reasons": e.reasons.iter().map(|r| r.message.clone()).collect::<Vec<_>>(),
        }),
    }
}

fn write(path: &str, doc: &serde_json::Value) {
    std::fs::write(path, serde_json::to_string_pretty(doc).expect("json")).expect("written");
}

/// Seeds of the medium instances start here (apart from the small ones).
const MEDIUM_SEEDS: u64 = 1_000_000;

fn export(dir: &str, n: u64) {
    std::fs::create_dir_all(dir).expect("the directory");
    for seed in 0..n {
        let p = random(seed, &SMALL);
        let doc = serde_json::json!({ "seed": seed, "problem": p, "solver": result(&p) });
        write(&format!("{dir}/instance_{seed:03}.json"), &doc);
        let p = random(MEDIUM_SEEDS + seed, &MEDIUM);
        let doc =
            serde_json::json!({ "seed": MEDIUM_SEEDS + seed, "problem": p, "solver": result(&p) });
        write(&format!("{dir}/instance_m{seed:03}.json"), &doc);
    }
    let b = case_b();
    let mut b_nopref = b.clone();
    for c in &mut b_nopref.candidates {
        c.preferred = None;
    }
    for (name, p) in [
        ("campaign_0033", case_a()),
        ("campaign_1000", b),
        ("campaign_1000_nopref", b_nopref),
    ] {
        let doc = serde_json::json!({ "name": name, "problem": p, "solver": result(&p) });
        write(&format!("{dir}/{name}.json"), &doc);
    }
    println!("{n} small and {n} medium instances and 3 campaigns written to {dir}");
}

/// Plans the problem of a JSON file and prints the result.
fn plan_file(path: &str) {
    let text = std::fs::read_to_string(path).expect("the file");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    if let Some(p) = doc.get_mut("problem") {
        doc = p.take();
    }
    let p: Problem = serde_json::from_value(doc).expect("a problem");
    let t = Instant::now();
    let r = plan(&p);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    match r {
        Ok(plan) => println!("planned in {ms:.2} ms: {}", describe(&plan)),
        Err(e) => {
            println!("no plan after {ms:.2} ms:");
            for r in &e.reasons {
                println!("  {}", r.message);
            }
        }
    }
}

/// (a) 33 candidates, 16 members (2 juries of 8), 2 days of 40 slots per jury: 160.
fn case_a() -> Problem {
    let mut a = campaign(1, 33, 2, 8, 2, (8 * 60, 19 * 60), (15, 0), 6);
    pin_first_slots(&mut a, 2);
    assert_eq!(slots(&a).len() * a.juries.len(), 160, "160 jury-slots");
    a
}

/// (b) 1 000 candidates, 40 members (5 juries of 8), 5 days.
fn case_b() -> Problem {
    let mut b = campaign(2, 1000, 5, 8, 5, (8 * 60, 19 * 60 + 45), (12, 3), 60);
    pin_first_slots(&mut b, 3);
    b
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("export") => {
            let dir = args
                .get(2)
                .map_or("/tmp/schedule-instances", String::as_str);
            let n = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
            export(dir, n);
            return;
        }
        Some("plan") => {
            plan_file(args.get(2).expect("a JSON file"));
            return;
        }
        _ => {}
    }
    let mut ok = true;
    let a = case_a();
    ok &= time(
        "(a) 33 candidates, 16 members, 160 slots",
        &a,
        200,
        Duration::from_millis(10),
    )
    .1;
    let b = case_b();
    println!(
        "    (b) has {} jury-slots for 1 000 candidates",
        slots(&b).len() * b.juries.len()
    );
    let (plan_b, ok_b) = time(
        "(b) 1 000 candidates, 40 members, 5 juries, 5 days",
        &b,
        20,
        Duration::from_millis(1000),
    );
    ok &= ok_b;
    let second = Duration::from_millis(1000);
    match plan_b {
        Some(first) => {
            ok &= replan("replan (b)", &b, &first, true, 10, second);
            ok &= replan("replan (b)", &b, &first, false, 10, second);
        }
        None => {
            // No plan of (b) to replan: the same campaign without preferences (they come
            // last in the objective), for a replan time all the same.
            println!(
                "    replan (b): no plan of (b) to start from (MISSED); \
                 measured on (b) without preferences"
            );
            let mut b2 = b.clone();
            for c in &mut b2.candidates {
                c.preferred = None;
            }
            let (plan_b2, _) = time(
                "(b') (b) without preferences",
                &b2,
                20,
                Duration::from_millis(1000),
            );
            if let Some(first) = plan_b2 {
                replan("replan (b')", &b2, &first, true, 10, second);
                replan("replan (b')", &b2, &first, false, 10, second);
            }
            ok = false;
        }
    }
    if !ok {
        println!("some target MISSED");
        std::process::exit(1);
    }
}
