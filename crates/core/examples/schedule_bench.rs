//! Times the interview scheduler, for `benches/schedule.sh`:
//! - `schedule_bench` times `plan()` on (a) 33 candidates, 16 members, 160 jury-slots and
//!   (b) 1 000 candidates, 40 members, 5 juries, 5 days; prints the median and p95.
//! - `schedule_bench export DIR N` writes N random small instances as JSON (the problem
//!   and the solver's result), for the MIP of `benches/schedule_mip.py` to compare.

use std::time::{Duration, Instant};

use cesp_core::schedule::solver::{
    compositions, plan, slots, Break, Candidate, Day, HalfDay, Jury, Member, Part, Pin, Problem,
    Recusal, RoleRequirement, Slot,
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

fn time(label: &str, p: &Problem, runs: usize, target: Duration) {
    let first = plan(p).expect("a plan");
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
    let q = first.quality;
    println!(
        "{label}: median {:.2} ms, p95 {:.2} ms over {runs} runs (target < {} ms) {} — {} candidates, {} days used, idle {} min, preferences {}/{}, mixed blocks {}, separation {:?}, exact {}",
        median.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        target.as_millis(),
        if p95 < target { "OK" } else { "MISSED" },
        q.interviews,
        q.days_used,
        q.idle_minutes,
        q.preferences_met,
        q.preferences_asked,
        q.mixed_blocks,
        first.separation,
        first.exact,
    );
}

/// A small random instance for the MIP: 1–3 days of 4–9 slots, 1–2 juries, 3–10
/// candidates, some pins.
fn small(seed: u64) -> Problem {
    let mut r = Rng::new(seed);
    let l = [20, 30, 45][r.below(3) as usize];
    let b = [0, 5, 10, 15][r.below(4) as usize];
    let n_days = 1 + r.below(3) as u32;
    let days: Vec<Day> = (0..n_days)
        .map(|i| {
            let n = 4 + r.below(6) as u32;
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
    let n_juries = 1 + r.below(2) as i64;
    let n_members = n_juries * (2 + r.below(2) as i64);
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
    let n_cands = 3 + r.below(8) as i64;
    let candidates: Vec<Candidate> = (1..=n_cands)
        .map(|id| Candidate {
            id: 100 + id,
            name: format!("C{id}"),
            population: if r.chance(50) { "student" } else { "intern" }.into(),
            unavailable: hs.iter().copied().filter(|_| r.chance(10)).collect(),
            preferred: None,
        })
        .collect();
    let recusals = (0..r.below(4))
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
    let n_pins = r.below(4) as usize;
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
    p
}

fn export(dir: &str, n: u64) {
    std::fs::create_dir_all(dir).expect("the directory");
    for seed in 0..n {
        let p = small(seed);
        let result = match plan(&p) {
            Ok(plan) => serde_json::json!({
                "status": "planned",
                "days_used": plan.quality.days_used,
                "idle_minutes": plan.quality.idle_minutes,
                "mixed_blocks": plan.quality.mixed_blocks,
                "separation": plan.separation,
                "exact": plan.exact,
                "interviews": plan.interviews,
            }),
            Err(e) => serde_json::json!({
                "status": "infeasible",
                "reasons": e.reasons.iter().map(|r| r.message.clone()).collect::<Vec<_>>(),
            }),
        };
        let doc = serde_json::json!({ "seed": seed, "problem": p, "solver": result });
        let path = format!("{dir}/instance_{seed:03}.json");
        std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("json")).expect("written");
    }
    println!("{n} instances written to {dir}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("export") {
        let dir = args
            .get(2)
            .map_or("/tmp/schedule-instances", String::as_str);
        let n = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
        export(dir, n);
        return;
    }
    // (a) 33 candidates, 16 members (2 juries of 8), 2 days of 40 slots per jury: 160.
    let mut a = campaign(1, 33, 2, 8, 2, (8 * 60, 19 * 60), (15, 0), 6);
    pin_first_slots(&mut a, 2);
    assert_eq!(slots(&a).len() * a.juries.len(), 160, "160 jury-slots");
    time(
        "(a) 33 candidates, 16 members, 160 slots",
        &a,
        200,
        Duration::from_millis(10),
    );
    // (b) 1 000 candidates, 40 members (5 juries of 8), 5 days.
    let mut b = campaign(2, 1000, 5, 8, 5, (8 * 60, 19 * 60 + 45), (12, 3), 60);
    pin_first_slots(&mut b, 3);
    println!(
        "    (b) has {} jury-slots for 1 000 candidates",
        slots(&b).len() * b.juries.len()
    );
    time(
        "(b) 1 000 candidates, 40 members, 5 juries, 5 days",
        &b,
        20,
        Duration::from_millis(1000),
    );
}
