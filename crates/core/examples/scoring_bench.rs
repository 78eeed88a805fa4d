//! Times the scoring use cases on a large campaign, for `benches/scoring.sh`:
//! `scoring_bench [CANDIDATES]` builds a campaign with 7 voting members who scored every
//! candidate on every criterion, then times what a sitting does: one score typed (the
//! whole use case: checks, write, journal, fsync), the ranking recomputed, the scoring
//! screen's board read, the 7 sheets exported and one filled sheet read back.

use std::time::{Duration, Instant};

use cesp_core::candidate::{self, CandidateData, Category, Discipline};
use cesp_core::commission::{Attendance, MemberInput, Role, SittingInput};
use cesp_core::scoring::ScoreInput;
use cesp_core::{demo, Campaign};

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let dir = std::env::temp_dir().join(format!("cesp-scoring-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("bench.cesp");
    let op = "banc d'essai";
    let mut c = Campaign::create(&path, &demo::settings(), op).expect("create");
    c.store()
        .write(op, |tx| {
            for i in 0..n {
                let data = CandidateData {
                    last_name: format!("NOM{i:05}"),
                    first_names: "Prénom".into(),
                    average_n1: Some(10.0 + (i % 9) as f64),
                    average_n2: Some(11.0 + (i % 7) as f64),
                    ..CandidateData::default()
                };
                let category = if i % 2 == 0 {
                    Category::Student
                } else {
                    Category::Intern
                };
                candidate::insert(tx, category, Discipline::Medicine, &data)?;
            }
            Ok(((), None))
        })
        .expect("candidates");
    let mut members = Vec::new();
    for (i, role) in [
        Role::Chair,
        Role::ArsRepresentative,
        Role::Physician,
        Role::Physician,
        Role::Dentist,
        Role::StudentRepresentative,
        Role::InternRepresentative,
    ]
    .into_iter()
    .enumerate()
    {
        let input = MemberInput {
            name: format!("Membre {i}"),
            role,
            voting: true,
            email: String::new(),
        };
        members.push(c.add_member(&input, op).expect("member"));
    }
    let sitting = c
        .add_sitting(
            &SittingInput {
                date: "14/01/2027".into(),
                start_time: "9 h".into(),
                place: "Amiens".into(),
            },
            op,
        )
        .expect("sitting");
    for m in &members {
        c.set_attendance(sitting, *m, Some(Attendance::Present), op)
            .expect("presence");
    }
    c.conn()
        .execute_batch(
            "INSERT INTO score (member, candidate, criterion, value, at, operator) \
             SELECT m.id, c.id, k.id, 50 * ((c.id * 7 + k.id * 3 + m.id) % 11), '2027-01-14T10:00:00Z', 'bench' \
             FROM member m, candidate c, criterion k WHERE k.source = 'members'; \
             INSERT INTO hearing (candidate, sitting) SELECT id, 1 FROM candidate;",
        )
        .expect("scores");
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
