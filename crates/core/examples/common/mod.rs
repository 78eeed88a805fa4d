//! The large campaign the benchmarks share: `n` candidates (students and interns in
//! medicine), 7 voting members present at one sitting, every candidate heard and scored by
//! every member on every criterion.

use cesp_core::candidate::{self, CandidateData, Category, Discipline};
use cesp_core::commission::{Attendance, MemberInput, Role, SittingInput};
use cesp_core::{demo, Campaign};

/// The operator named in the journal.
pub const OP: &str = "banc d'essai";

/// The campaign, its folder, its members and its sitting.
#[allow(dead_code)] // Each example uses its own part of the shared builder.
pub struct Bench {
    pub c: Campaign,
    pub dir: std::path::PathBuf,
    pub members: Vec<i64>,
    pub sitting: i64,
}

#[allow(dead_code)]
pub fn campaign(n: usize, name: &str) -> Bench {
    let dir = std::env::temp_dir().join(format!("cesp-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("bench.cesp");
    let op = OP;
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
    Bench {
        c,
        dir,
        members,
        sitting,
    }
}

/// What [`realistic`] made, for the benchmarks that drive it afterwards.
#[allow(dead_code)] // Each example uses its own part of the shared builder.
pub struct Realistic {
    pub c: Campaign,
    pub candidates: usize,
    pub sittings: usize,
    pub interviews: usize,
    pub heard: usize,
    pub scores: usize,
    pub locked: usize,
}

/// A campaign as a real one looks at the end of its sittings, at any size, made through
/// core's own use cases (each journaled as the window would): `n` students and interns
/// in medicine and odontology (and a few PADHUE), from the demo's names and profiles; the
/// demo's 7 members with their chair; dossiers with their pieces received, some missing
/// or not compliant; recusals; as many interview days (one sitting each, every member
/// present but one excused now and then) as three juries need to hear every eligible
/// candidate; the interviews planned by the scheduler, two withdrawals before them; the
/// candidates heard on their day (a few absent), scored by every voting member present
/// and not recused on every criterion (one batch of scores per sitting); the scores
/// validated but for the last two sittings; ties settled by a vote, the lists recorded,
/// two withdrawals after them. The minutes are not sealed: everything can still change.
#[allow(dead_code)]
pub fn realistic(n: usize, path: &std::path::Path) -> Realistic {
    use cesp_core::dossier::{Condition, PieceChange, PieceStatus, PieceUpdate};
    use cesp_core::schedule::plan::{BreakSetup, DaySetup, JurySetup, ScheduleSetup};
    use cesp_core::scoring::{ScoreInput, ScoreLine, Source};

    let op = OP;
    let step = |what: &str, t: std::time::Instant| {
        eprintln!("  {what}: {:.1} s", t.elapsed().as_secs_f64());
    };
    let mut settings = demo::settings();
    // About 2.6 candidates per contract, as in the demo.
    let scale = |q: i64| ((q as f64) * (n as f64) / 60.0).round().max(1.0) as i64;
    let q = &mut settings.quotas;
    for d in [&mut q.student, &mut q.intern, &mut q.padhue] {
        d.medicine = scale(d.medicine);
        d.odontology = if d.odontology == 0 {
            0
        } else {
            scale(d.odontology)
        };
    }
    let mut c = Campaign::create(path, &settings, op).expect("create");

    // Candidates: the demo's 60 profiles, names mixed so that they rarely repeat.
    let t = std::time::Instant::now();
    let profiles = demo::candidates();
    let cells = [
        (Category::Student, Discipline::Medicine, 44),
        (Category::Student, Discipline::Odontology, 12),
        (Category::Intern, Discipline::Medicine, 34),
        (Category::Intern, Discipline::Odontology, 6),
        (Category::Padhue, Discipline::Medicine, 4),
    ];
    c.store()
        .write(op, |tx| {
            for i in 0..n {
                let mut pick = i % 100;
                let (category, discipline, _) = cells
                    .iter()
                    .find(|(_, _, share)| {
                        if pick < *share {
                            true
                        } else {
                            pick -= share;
                            false
                        }
                    })
                    .copied()
                    .expect("a cell");
                // A profile of the same category and discipline, another one's first name.
                let same: Vec<&CandidateData> = profiles
                    .iter()
                    .filter(|p| p.category == Some(category) && p.discipline == Some(discipline))
                    .collect();
                let mut data = same[(i / 7) % same.len()].clone();
                let other = &profiles[(i * 13 + i / 60) % profiles.len()];
                data.first_names = other.first_names.clone();
                data.sex = other.sex.clone();
                let k = i / 60;
                if k > 0 {
                    // Another family of the same name: a compound name now and then.
                    let second = &profiles[(i * 7 + k) % profiles.len()].last_name;
                    if k % 3 == 0 && second != &data.last_name {
                        data.last_name = format!("{}-{second}", data.last_name);
                    }
                }
                data.birth_date = data
                    .birth_date
                    .map(|b| format!("{}-{:02}-{:02}", &b[..4], 1 + i % 12, 1 + (i / 12) % 28));
                data.student_number = Some(format!("2{:010}", 1_000_000 + i * 7_919));
                data.email = Some(format!("candidat.{i:05}@etu.universite.fr"));
                data.average_n1 = data
                    .average_n1
                    .map(|a| 10.0 + (a * 7.0 + i as f64 * 0.37) % 9.0);
                data.average_n2 = data
                    .average_n2
                    .map(|a| 10.0 + (a * 5.0 + i as f64 * 0.53) % 9.0);
                if category == Category::Intern {
                    data.national_rank = Some(100 + ((i * 7_919) % 8_600) as i64);
                }
                data.notes = (i % 17 == 0).then(|| "Dossier transmis par la scolarité.".to_owned());
                candidate::insert(tx, category, discipline, &data)?;
            }
            Ok(((), None))
        })
        .expect("candidates");
    step("candidates", t);

    // The commission: the demo's 7 members, the chair first.
    let members: Vec<i64> = demo::members()
        .into_iter()
        .map(|(name, role, voting, email)| {
            let input = MemberInput {
                name: name.into(),
                role,
                voting,
                email: email.into(),
            };
            c.add_member(&input, op).expect("member")
        })
        .collect();

    // Dossiers: each candidate's pieces recorded in one change, as the referent does.
    let t = std::time::Instant::now();
    let pieces = c.pieces().expect("pieces");
    let rows = c.candidates().expect("candidates");
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let data = |id: i64| {
        c.conn().query_row(
            "SELECT nationality FROM candidate WHERE id = ?1",
            [id],
            |r| r.get::<_, Option<String>>(0),
        )
    };
    let foreign: Vec<bool> = ids
        .iter()
        .map(|id| {
            data(*id)
                .map(|n| n.is_some_and(|n| !n.starts_with("Fran")))
                .unwrap_or(false)
        })
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let changes: Vec<PieceChange> = pieces
            .iter()
            .filter(|p| p.categories.contains(&row.category))
            .filter(|p| p.condition == Condition::None || foreign[i])
            .filter_map(|p| {
                let (status, reason) = match (i % 41, p.code.as_str()) {
                    (3, "rib") | (11, "cv") => (PieceStatus::Missing, ""),
                    (7, _) if p.code.starts_with("transcript") => (PieceStatus::Missing, ""),
                    (19, "residence_permit") | (23, "residence_permit") => (
                        PieceStatus::NotCompliant,
                        "titre de séjour expiré ; fournir le titre en cours de validité",
                    ),
                    // Some pieces not recorded yet.
                    (29, _) if !p.mandatory => return None,
                    _ => (PieceStatus::Received, ""),
                };
                Some(PieceChange {
                    piece: p.id,
                    update: PieceUpdate {
                        status: Some(status),
                        received_on: format!("{:02}/11/2026", 3 + i % 18),
                        reason: reason.into(),
                    },
                })
            })
            .collect();
        c.set_pieces(row.id, &changes, op).expect("pieces");
    }
    step("dossiers", t);

    // Recusals, declared before the interviews are planned: one in 150 candidates.
    for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 150 == 2) {
        let member = members[2 + i % 5];
        c.add_recusal(member, *id, "Maître de stage du candidat", op)
            .expect("recusal");
    }

    // Interview days: three juries (the chair's, and two of two members), interviews of
    // 20 minutes and 5 between them, 8 h 30 to 17 h 30 with a lunch hour: 57 a day.
    let to_hear = c
        .dossier_list()
        .expect("dossiers")
        .dossiers
        .iter()
        .filter(|d| d.eligibility.status == cesp_core::dossier::Eligibility::Complete)
        .count();
    let per_day = 3 * 19;
    // A quarter more days than needed: the scheduler uses the fewest.
    let days = (to_hear * 5 / 4).div_ceil(per_day) + 1;
    let mut dates = Vec::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2027, 1, 11).expect("date");
    while dates.len() < days {
        use chrono::Datelike;
        if day.weekday().num_days_from_monday() < 5 {
            dates.push(day);
        }
        day = day.succ_opt().expect("date");
    }
    let t = std::time::Instant::now();
    let mut sittings = Vec::new();
    for (d, date) in dates.iter().enumerate() {
        let sitting = c
            .add_sitting(
                &SittingInput {
                    date: date.format("%d/%m/%Y").to_string(),
                    start_time: "8 h 30".into(),
                    place: "Salle du conseil, UFR de médecine".into(),
                },
                op,
            )
            .expect("sitting");
        for (k, m) in members.iter().enumerate() {
            // One member excused one day in nine, in turn.
            let status = if d % 9 == 4 && k == 1 + d % 6 {
                Attendance::Excused
            } else {
                Attendance::Present
            };
            c.set_attendance(sitting, *m, Some(status), op)
                .expect("attendance");
        }
        sittings.push(sitting);
    }
    step("sittings", t);
    let t = std::time::Instant::now();
    let day_setup = |date: &chrono::NaiveDate| DaySetup {
        date: date.format("%d/%m/%Y").to_string(),
        opening: "8 h 30".into(),
        closing: "17 h 30".into(),
        breaks: vec![BreakSetup {
            start: "12 h 30".into(),
            end: "13 h 30".into(),
        }],
        place: "UFR de médecine, 3 rue des Louvels".into(),
    };
    let setup = ScheduleSetup {
        interview_minutes: 20,
        buffer_minutes: 5,
        min_jury_size: 2,
        required_role: None,
        separate_populations: false,
        days: dates.iter().map(day_setup).collect(),
        juries: vec![
            JurySetup {
                id: None,
                name: "Jury 1".into(),
                room: "Salle du conseil".into(),
                members: vec![members[0], members[1], members[2]],
            },
            JurySetup {
                id: None,
                name: "Jury 2".into(),
                room: "Salle 2.14".into(),
                members: vec![members[3], members[4]],
            },
            JurySetup {
                id: None,
                name: "Jury 3".into(),
                room: "Salle 2.16".into(),
                members: vec![members[5], members[6]],
            },
        ],
        unavailable: Vec::new(),
        preferences: Vec::new(),
        bring: vec![
            "une pièce d'identité en cours de validité".into(),
            "cette convocation".into(),
        ],
        contact: "Scolarité de l'UFR, 03 22 82 77 00, scolarite.cesp@universite.fr".into(),
    };
    c.set_schedule_setup(&setup, op).expect("setup");
    c.plan_interviews(false, false, op).expect("plan");
    step("plan", t);
    let planned = c.schedule().expect("schedule").interviews;
    for i in [planned.len() / 3, planned.len() / 2] {
        c.withdraw_before_interview(planned[i].candidate_id, "désistement reçu par courriel", op)
            .expect("withdrawal");
    }
    let interviews = c.schedule().expect("schedule").interviews;

    // Hearings on the interview's day (one candidate in 70 absent), then each sitting's
    // scores in one batch.
    let t = std::time::Instant::now();
    let sitting_of: std::collections::HashMap<String, i64> = dates
        .iter()
        .zip(&sittings)
        .map(|(d, s)| (d.format("%Y-%m-%d").to_string(), *s))
        .collect();
    let mut heard: Vec<(i64, i64)> = Vec::new();
    for (i, iv) in interviews.iter().enumerate() {
        if i % 70 == 9 {
            continue;
        }
        let sitting = sitting_of[&iv.date];
        c.set_hearing(iv.candidate_id, Some(sitting), op)
            .expect("hearing");
        heard.push((iv.candidate_id, sitting));
    }
    step("hearings", t);
    let t = std::time::Instant::now();
    let criteria: Vec<i64> = c
        .grid()
        .expect("grid")
        .criteria()
        .filter(|k| k.source == Source::Members)
        .map(|k| k.id)
        .collect();
    let recused: std::collections::HashSet<(i64, i64)> = c
        .recusals()
        .expect("recusals")
        .iter()
        .map(|r| (r.member_id, r.candidate_id))
        .collect();
    let present: std::collections::HashMap<i64, Vec<i64>> = c
        .sittings()
        .expect("sittings")
        .iter()
        .map(|s| {
            let ids = s
                .attendance
                .iter()
                .filter(|a| a.status == Some(Attendance::Present))
                .map(|a| a.member_id)
                .collect();
            (s.id, ids)
        })
        .collect();
    let mut scores = 0;
    for sitting in &sittings {
        let mut lines = Vec::new();
        for (n, (cand, _)) in heard.iter().enumerate().filter(|(_, h)| h.1 == *sitting) {
            let level = 150 + ((cand * 7_919) % 300);
            for (k, m) in present[sitting].iter().enumerate() {
                if recused.contains(&(*m, *cand)) {
                    continue;
                }
                let bias = [0, -30, 15, 20, -15, 25, 0][k % 7];
                for (j, crit) in criteria.iter().enumerate() {
                    let noise = ((n * 31 + k * 17 + j * 7) % 70) as i64 - 35;
                    let v = (((level + bias + noise).clamp(0, 500) + 25) / 50) * 50;
                    lines.push(ScoreLine {
                        place: format!("séance n° {sitting}"),
                        input: ScoreInput {
                            member_id: *m,
                            candidate_id: *cand,
                            criterion_id: *crit,
                            value: cesp_core::scoring::show_cents(v.min(500)),
                        },
                    });
                }
            }
        }
        scores += lines.len();
        if !lines.is_empty() {
            c.set_scores(&lines, Vec::new(), op).expect("scores");
        }
    }
    step("scores", t);

    // The scores validated, but for the last two sittings' candidates (still open).
    let t = std::time::Instant::now();
    let used: std::collections::BTreeSet<i64> = heard.iter().map(|h| h.1).collect();
    let open: std::collections::HashSet<i64> = used.iter().rev().take(2).copied().collect();
    let to_lock: Vec<i64> = heard
        .iter()
        .filter(|(_, s)| !open.contains(s))
        .map(|(c, _)| *c)
        .collect();
    let locked = c.lock_scores(&to_lock, op).expect("lock").locked as usize;
    step("validation", t);

    // Ties across the last useful rank settled by a vote, the lists recorded, then two
    // withdrawals from the main list.
    let t = std::time::Instant::now();
    let allocation = c.allocation(None).expect("allocation");
    for g in allocation.groups.iter().filter(|g| g.ties.len() > 1) {
        let order: Vec<i64> = g.ties.iter().map(|d| d.candidate_id).collect();
        c.record_tie_vote(&order, "vote à main levée en séance", op)
            .expect("tie vote");
    }
    c.record_allocation("Séance de délibération", op)
        .expect("record");
    let allocation = c.allocation(None).expect("allocation");
    let withdrawn: Vec<i64> = allocation
        .groups
        .iter()
        .filter_map(|g| g.main.first().map(|d| d.candidate_id))
        .take(2)
        .collect();
    for id in withdrawn {
        c.record_withdrawal(id, "05/03/2027", false, "désistement par courrier", op)
            .expect("withdrawal");
    }
    step("allocation", t);
    Realistic {
        c,
        candidates: n,
        sittings: sittings.len(),
        interviews: interviews.len(),
        heard: heard.len(),
        scores,
        locked,
    }
}
