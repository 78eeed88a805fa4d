//! The large campaign the benchmarks share: `n` candidates (students and interns in
//! medicine), 7 voting members present at one sitting, every candidate heard and scored by
//! every member on every criterion.

use cesp_core::candidate::{self, CandidateData, Category, Discipline};
use cesp_core::commission::{Attendance, MemberInput, Role, SittingInput};
use cesp_core::{demo, Campaign};

/// The operator named in the journal.
pub const OP: &str = "banc d'essai";

/// The campaign, its folder, its members and its sitting.
pub struct Bench {
    pub c: Campaign,
    pub dir: std::path::PathBuf,
    pub members: Vec<i64>,
    pub sitting: i64,
}

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
