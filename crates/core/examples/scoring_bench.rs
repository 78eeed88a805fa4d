//! Times the scoring use cases on a large campaign, for `benches/scoring.sh`:
//! `scoring_bench [CANDIDATES]` builds a campaign with 7 voting members who scored every
//! candidate on every criterion, then times what a sitting does: one score typed (the
//! whole use case: checks, write, journal, fsync), the ranking recomputed, the scoring
//! screen's board read, the 7 sheets exported and one filled sheet read back.

use std::time::{Duration, Instant};

use cesp_core::scoring::ScoreInput;

mod common;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let common::Bench {
        mut c,
        dir,
        members,
        sitting,
    } = common::campaign(n, "scoring-bench");
    let op = common::OP;
    let criteria: Vec<i64> = c
        .grid()
        .expect("grid")
        .criteria()
        .filter(|k| k.source == cesp_core::scoring::Source::Members)
        .map(|k| k.id)
        .collect();
    let candidates: Vec<i64> = c.candidates().expect("list").iter().map(|r| r.id).collect();
    let scores: i64 = c
        .conn()
        .query_row("SELECT COUNT(*) FROM score", [], |r| r.get(0))
        .expect("count");
    println!(
        "campaign: {n} candidates, {} members, {scores} scores",
        members.len()
    );

    // One score typed, 300 times.
    let mut times = Vec::new();
    for i in 0..300 {
        let input = ScoreInput {
            member_id: members[i % members.len()],
            candidate_id: candidates[i % candidates.len()],
            criterion_id: criteria[i % criteria.len()],
            value: ["3", "3,5", "4", "4,5"][i % 4].into(),
        };
        let t = Instant::now();
        c.set_score(&input, Some(sitting), op).expect("score");
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "one score typed (checks, write, journal, fsync): median {}, p95 {}, max {}",
        ms(times[150]),
        ms(times[285]),
        ms(times[299])
    );

    let best = |f: &mut dyn FnMut()| {
        let mut b = Duration::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            f();
            b = b.min(t.elapsed());
        }
        b
    };
    let mut groups = 0;
    let r = best(&mut || groups = c.ranking().expect("ranking").groups.len());
    println!("ranking recomputed ({groups} groups): best of 5 {}", ms(r));
    let b = best(&mut || {
        c.score_board().expect("board");
    });
    println!("scoring screen's board read: best of 5 {}", ms(b));
    let out = dir.join("feuilles");
    std::fs::create_dir_all(&out).expect("dir");
    let t = Instant::now();
    let written = c.export_score_sheets(&out).expect("export");
    println!("{} sheets exported: {}", written.len(), ms(t.elapsed()));
    let sheet = std::path::PathBuf::from(&written[0].path);
    let t = Instant::now();
    let r = c.import_score_sheet(&sheet, op).expect("import");
    println!(
        "one sheet read back ({} scores, unchanged): {}",
        r.unchanged,
        ms(t.elapsed())
    );
    let _ = std::fs::remove_dir_all(&dir);
}
