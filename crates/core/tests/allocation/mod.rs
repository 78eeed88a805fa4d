//! Allocation: the lists follow the ranking, the quota and the specialties; ties are
//! never broken silently; a withdrawal promotes exactly the next candidate.

use cesp_core::allocation::{place, Contender, Outcome, Scenario, SpecialtyQuota};
use cesp_core::campaign::{DisciplineQuota, Quotas};
use cesp_core::import::fields::Field;
use cesp_core::mail::{MailKind, MailRequest};
use cesp_core::{demo, Campaign};

use super::temp;

fn contender(id: i64, total: i64) -> Contender {
    Contender {
        id,
        total: Some(total),
        keys: vec![],
        vote: None,
        specialty: None,
        failed: vec![],
        withdrawn: None,
        forced: None,
    }
}

#[test]
fn the_main_list_follows_the_ranking_up_to_the_quota() {
    let c = vec![
        contender(1, 2500),
        contender(2, 3100),
        contender(3, 2800),
        contender(4, 1900),
    ];
    let p = place(&c, 2, &[], None);
    assert_eq!(p.main, [2, 3]);
    assert_eq!(p.complementary, [1, 4]);
    assert_eq!(p.unused, 0);
    let p = place(&c, 2, &[], Some(1));
    assert_eq!(
        p.complementary,
        [1],
        "the complementary list has its set length"
    );
}

#[test]
fn a_tie_across_the_last_place_is_shown_not_broken() {
    let mut c = vec![
        contender(1, 3000),
        contender(2, 2500),
        contender(3, 2500),
        contender(4, 2000),
    ];
    let p = place(&c, 2, &[], None);
    assert_eq!(p.main, [1]);
    assert_eq!(p.ties, vec![vec![2, 3]]);
    assert_eq!(p.unused, 1, "the place waits for the vote");
    // The chain breaks it: candidate 3 has the better interview.
    c[1].keys = vec![1200];
    c[2].keys = vec![1300];
    c[0].keys = vec![0];
    c[3].keys = vec![0];
    let p = place(&c, 2, &[], None);
    assert_eq!(p.main, [1, 3]);
    // Or a recorded vote.
    c[1].keys = vec![1300];
    c[1].vote = Some(1);
    c[2].vote = Some(2);
    let p = place(&c, 2, &[], None);
    assert_eq!((p.main.clone(), p.ties.len()), (vec![1, 2], 0));
}

#[test]
fn specialties_opened_by_the_ars_are_never_exceeded() {
    let mut c: Vec<Contender> = (1..=5).map(|i| contender(i, 4000 - i * 100)).collect();
    let specialty = [
        "medecine generale",
        "psychiatrie",
        "pediatrie",
        "medecine generale",
        "medecine generale",
    ];
    for (x, s) in c.iter_mut().zip(specialty) {
        x.specialty = Some(s.into());
    }
    let opened = vec![
        ("Médecine générale".to_owned(), 1),
        ("Psychiatrie".to_owned(), 1),
    ];
    let p = place(&c, 3, &opened, None);
    assert_eq!(
        p.main,
        [1, 2],
        "paediatrics is not open; only one general medicine place"
    );
    assert_eq!(p.unused, 1);
    assert_eq!(
        p.skipped.get(&3).map(String::as_str),
        Some("spécialité non ouverte par l'ARS")
    );
    assert_eq!(
        p.skipped.get(&4).map(String::as_str),
        Some("plus de place dans sa spécialité")
    );
}

#[test]
fn the_demo_is_allocated_with_a_reason_for_everyone_and_a_withdrawal_promotes_the_next() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let mut rules = c.allocation_rules().expect("rules");
    rules.min_total = "17".into();
    c.set_allocation_rules(&rules, "Claire").expect("rules");
    let a = c.allocation(None).expect("allocation");
    let students = a
        .groups
        .iter()
        .find(|g| g.label == "Étudiants — médecine")
        .expect("group");
    assert!(students.main.len() as i64 <= students.quota);
    assert!(
        students.main[0].reason.starts_with("retenu — rang 1 sur "),
        "{}",
        students.main[0].reason
    );
    assert!(students
        .complementary
        .first()
        .is_some_and(|d| d.reason == "liste complémentaire n° 1"));
    let reasons: Vec<&str> = students
        .not_retained
        .iter()
        .map(|d| d.reason.as_str())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("non entendu en entretien")),
        "{reasons:?}"
    );
    let interns = a
        .groups
        .iter()
        .find(|g| g.label == "Internes — médecine")
        .expect("interns");
    assert!(
        interns
            .not_retained
            .iter()
            .any(|d| d.reason == format!("non retenu : total {} < seuil 17", d.total_display)),
        "{:?}",
        interns
            .not_retained
            .iter()
            .map(|d| &d.reason)
            .collect::<Vec<_>>()
    );
    // Everybody has exactly one place and a sentence.
    let all = students.main.len()
        + students.complementary.len()
        + students.ties.len()
        + students.not_retained.len();
    assert_eq!(all, 26);

    // What-if: two more contracts for students in medicine.
    let mut q = c.settings().expect("settings").quotas;
    q.student = DisciplineQuota {
        medicine: q.student.medicine + 2,
        ..q.student
    };
    let w = c
        .allocation(Some(&Scenario {
            quotas: Some(q),
            min_total: None,
        }))
        .expect("what if");
    let more = w
        .groups
        .iter()
        .find(|g| g.label == "Étudiants — médecine")
        .expect("group");
    assert_eq!(
        more.main.len(),
        (students.main.len() + 2).min(students.main.len() + students.complementary.len())
    );

    let first = students.main[0].candidate_id;
    let next = students.complementary[0].display_name.clone();
    // A homonym joins the campaign (a national list has many): the record says which one
    // is promoted, by their date of birth.
    let row = c
        .candidates()
        .expect("candidates")
        .into_iter()
        .find(|r| r.id == students.complementary[0].candidate_id)
        .expect("the next one");
    let typed = |field, text: &str| cesp_core::import::edit::FieldInput {
        field,
        text: text.into(),
    };
    c.add_candidate(
        &[
            typed(Field::LastName, &row.data.last_name),
            typed(Field::FirstNames, &row.data.first_names),
            typed(Field::BirthDate, "01/01/2000"),
            typed(Field::Category, "Étudiant"),
            typed(Field::Discipline, "Médecine"),
        ],
        "Claire",
    )
    .expect("a homonym");
    let born = match row.data.sex.as_deref() {
        Some("F") => "née",
        Some("M") => "né",
        _ => "né(e)",
    };
    let told = format!("{next} ({born} le {})", row.birth_date_display);
    let e = c
        .record_withdrawal(
            students.complementary[0].candidate_id,
            "01/02/2027",
            false,
            "autre projet",
            "Claire",
        )
        .expect_err("not on main");
    assert!(
        e.to_string().contains("n'est pas sur la liste principale"),
        "{e}"
    );
    let after = c
        .record_withdrawal(
            first,
            "01/02/2027",
            false,
            "a choisi une autre région",
            "Claire",
        )
        .expect("withdrawal");
    let g = after
        .groups
        .iter()
        .find(|g| g.label == "Étudiants — médecine")
        .expect("group");
    assert!(
        g.main.iter().any(|d| d.display_name == next),
        "{next} is promoted"
    );
    assert!(g.not_retained.iter().any(|d| d.candidate_id == first
        && d.outcome == Outcome::Withdrawn
        && d.reason.starts_with("désistement le 01/02/2027")));
    let j = &c.journal(1).expect("journal")[0];
    assert!(
        j.summary.contains(&format!(
            "{told} passe de la liste complémentaire à la liste principale"
        )),
        "{}",
        j.summary
    );
    // The campaign's bilan counts the withdrawal and the promotion the journal told.
    let bilan = c.bilan().expect("bilan");
    let figures = bilan
        .groups
        .iter()
        .find(|g| g.label == "Étudiants — médecine")
        .expect("bilan's group");
    assert_eq!((figures.withdrawn, figures.promoted), (1, 1), "{figures:?}");
    let run = c
        .record_allocation("séance du 15 janvier", "Claire")
        .expect("run");
    assert_eq!(c.allocation_runs().expect("runs")[0].id, run);
    let _ = Quotas::default();
    let _: &Campaign = &c;
}

#[test]
fn what_if_on_the_threshold_and_on_an_empty_category_says_who_moves_and_what_is_unused() {
    let dir = temp();
    let c = demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let before = c.allocation(None).expect("allocation");
    let high = c
        .allocation(Some(&Scenario {
            quotas: None,
            min_total: Some("30,5".into()),
        }))
        .expect("what if");
    let refused: Vec<&str> = high
        .groups
        .iter()
        .flat_map(|g| &g.not_retained)
        .map(|d| d.reason.as_str())
        .filter(|r| r.contains("< seuil 30,5"))
        .collect();
    assert!(!refused.is_empty(), "a high threshold leaves some out");
    assert!(high.rules_statement.contains("total d'au moins 30,5"));
    let main = |a: &cesp_core::allocation::Allocation| -> usize {
        a.groups.iter().map(|g| g.main.len()).sum()
    };
    assert!(main(&high) <= main(&before));
    // Nothing written: the rules keep no threshold.
    assert_eq!(c.allocation_rules().expect("rules").min_total, "");

    let e = c
        .allocation(Some(&Scenario {
            quotas: None,
            min_total: Some("dix".into()),
        }))
        .expect_err("not a number");
    assert!(
        e.to_string()
            .contains("« Seuil » : « dix » n'est pas un total possible"),
        "{e}"
    );

    // Contracts for PADHUE odontology, a category the demo has no candidate in.
    let mut q = c.settings().expect("settings").quotas;
    q.padhue.odontology = 2;
    let w = c
        .allocation(Some(&Scenario {
            quotas: Some(q),
            min_total: None,
        }))
        .expect("what if");
    let empty = w
        .groups
        .iter()
        .find(|g| g.label == "PADHUE — odontologie")
        .expect("the empty category is listed");
    assert_eq!((empty.quota, empty.unused, empty.main.len()), (2, 2, 0));
    assert!(w.notices.iter().any(|n| n
        == "PADHUE — odontologie : 2 contrats au contingent, mais aucun candidat dans cette catégorie ; ils restent non attribués (vérifiez le contingent ou l'import)."));
    assert_eq!(w.unused, before.unused + 2);

    q.student.medicine = -1;
    let e = c
        .allocation(Some(&Scenario {
            quotas: Some(q),
            min_total: None,
        }))
        .expect_err("negative");
    assert!(
        e.to_string()
            .contains("« Contingent Étudiants — médecine » : -1 n'est pas un nombre de contrats"),
        "{e}"
    );
}

#[test]
fn places_typed_wrong_are_refused_at_their_field_never_read_as_zero() {
    use cesp_core::forms::SpecialtyQuotaText;
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let row = |places: &str| SpecialtyQuotaText {
        category: cesp_core::candidate::Category::Intern,
        discipline: cesp_core::candidate::Discipline::Medicine,
        specialty: "Psychiatrie".into(),
        places: places.into(),
    };
    for (typed, message) in [
        (
            "3,x",
            "Ligne 1 : « Places » : « 3,x » n'est pas un nombre entier",
        ),
        ("", "Ligne 1 : « Places » est vide"),
        (
            "-1",
            "Ligne 1 (Psychiatrie) : « Places » vaut -1 ; il faut au moins 1 place",
        ),
    ] {
        let e = c
            .set_specialty_quotas_typed(&[row(typed)], "Claire")
            .expect_err(typed);
        let details = e.details();
        assert_eq!(details.len(), 1, "{typed}: {e}");
        assert_eq!(details[0].field, "places.0", "{typed}");
        assert!(
            details[0].message.contains(message),
            "{typed}: {}",
            details[0].message
        );
    }
    assert!(c.specialty_plan().expect("plan").rows.is_empty());
    let saved = c
        .set_specialty_quotas_typed(&[row(" 1 ")], "Claire")
        .expect("saved");
    assert_eq!(saved[0].places, 1);
}

#[test]
fn specialties_opened_by_the_ars_restrict_the_main_list_and_bad_rows_change_nothing() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let plan = c.specialty_plan().expect("plan");
    assert!(plan.rows.is_empty());
    let aimed = plan
        .known
        .iter()
        .find(|k| {
            k.category == cesp_core::candidate::Category::Intern
                && k.discipline == cesp_core::candidate::Discipline::Medicine
        })
        .expect("interns name specialties")
        .clone();
    let quota = c.settings().expect("settings").quotas.intern.medicine;
    assert!(quota >= 2, "the demo gives interns several contracts");

    // Every mistake at once, and nothing written.
    let bad = vec![
        SpecialtyQuota {
            specialty: "  ".into(),
            ..aimed.clone()
        },
        SpecialtyQuota {
            places: 0,
            ..aimed.clone()
        },
        SpecialtyQuota {
            places: quota + 1,
            ..aimed.clone()
        },
        SpecialtyQuota {
            specialty: aimed.specialty.to_uppercase(),
            places: 1,
            ..aimed.clone()
        },
    ];
    let e = c.set_specialty_quotas(&bad, "Claire").expect_err("refused");
    let text = e.to_string();
    assert!(text.contains("Ligne 1 : « Spécialité » est vide"), "{text}");
    assert!(
        text.contains(&format!(
            "Ligne 2 ({}) : « Places » vaut 0 ; il faut au moins 1 place",
            aimed.specialty
        )),
        "{text}"
    );
    assert!(
        text.contains("figure déjà pour les internes — médecine"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Internes — médecine : {} places par spécialité pour un contingent de {quota} contrats",
            quota + 1
        )),
        "{text}"
    );
    assert!(c.specialty_plan().expect("plan").rows.is_empty());

    // One place in the specialty most interns aim at: only one of them can be retained.
    let saved = c
        .set_specialty_quotas(
            &[SpecialtyQuota {
                places: 1,
                ..aimed.clone()
            }],
            "Claire",
        )
        .expect("saved");
    assert_eq!(saved.len(), 1);
    assert!(c.journal(1).expect("journal")[0]
        .summary
        .contains("Places par spécialité"));
    let a = c.allocation(None).expect("allocation");
    let interns = a
        .groups
        .iter()
        .find(|g| g.label == "Internes — médecine")
        .expect("interns");
    assert!(interns.main.len() <= 1, "{:?}", interns.main);
    assert_eq!(
        interns.specialties,
        vec![format!("{} : 1", aimed.specialty)]
    );
    assert!(a.notices.iter().any(|n| n.starts_with(&format!(
        "Internes — médecine : l'ARS n'ouvre que 1 place par spécialité pour un contingent de {quota} ; au plus 1 contrat peut être attribué."
    ))));
    assert!(interns
        .complementary
        .iter()
        .chain(&interns.not_retained)
        .any(|d| d.reason.contains("spécialité non ouverte par l'ARS")
            || d.reason.contains("plus de place dans sa spécialité")));

    // An empty list lifts the restriction.
    c.set_specialty_quotas(&[], "Claire").expect("lifted");
    assert!(c.specialty_plan().expect("plan").rows.is_empty());
}

/// One ranking: « Classement » gives the ranks the allocation gives (and so the minutes and
/// the CLI); ranked are those who pass the conditions, the others come after them with
/// the reason, never with a rank.
#[test]
fn the_ranking_and_the_allocation_give_the_same_ranks_to_the_same_candidates() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let check = |c: &Campaign| -> Vec<cesp_core::scoring::ranking::CandidateResult> {
        let ranking = c.ranking().expect("ranking");
        let allocation = c.allocation(None).expect("allocation");
        let mut unranked = Vec::new();
        for g in &ranking.groups {
            let a = allocation
                .groups
                .iter()
                .find(|a| a.label == g.label)
                .expect("same groups");
            let decisions: Vec<&cesp_core::allocation::Decision> = a
                .main
                .iter()
                .chain(&a.complementary)
                .chain(&a.ties)
                .chain(&a.not_retained)
                .collect();
            let mut seen_unranked = false;
            for r in &g.rows {
                let d = decisions
                    .iter()
                    .find(|d| d.candidate_id == r.candidate_id)
                    .expect("everyone decided");
                assert_eq!(
                    r.rank, d.rank,
                    "{}: {} vs {}",
                    r.display_name, r.rank_display, d.reason
                );
                match r.rank {
                    Some(n) => {
                        assert!(
                            !seen_unranked,
                            "{}: ranked after an unranked",
                            r.display_name
                        );
                        assert!(
                            r.rank_display.starts_with(&n.to_string()),
                            "{}",
                            r.rank_display
                        );
                        assert!(r.excluded.is_empty());
                        assert!(
                            r.dossier_ok,
                            "{} ranked with a dossier « {} »",
                            r.display_name, r.dossier_label
                        );
                    }
                    None => {
                        seen_unranked = true;
                        assert!(r.rank_display.is_empty());
                        assert!(!r.excluded.is_empty(), "{}: no reason", r.display_name);
                        assert!(!r.excluded.starts_with("non retenu"), "{}", r.excluded);
                        unranked.push(r.clone());
                    }
                }
            }
            // The ranks start at 1 in every group that ranks anyone.
            if let Some(first) = g.rows.first().and_then(|r| r.rank) {
                assert_eq!(first, 1, "{}", g.label);
            }
        }
        unranked
    };
    check(&c);
    // A threshold leaves candidates with a total out of the ranking: no rank, the reason.
    let mut rules = c.allocation_rules().expect("rules");
    rules.min_total = "30".into();
    c.set_allocation_rules(&rules, "Claire").expect("rules");
    let unranked = check(&c);
    let below = unranked
        .iter()
        .find(|r| r.total.is_some() && r.dossier_ok)
        .expect("a candidate scored below the threshold");
    assert!(below.excluded.contains("< seuil 30"), "{}", below.excluded);
}

/// The views kept between calls (the candidates, the dossiers, the scoring board, the
/// ranking, the lists, the plan, the minutes, the bilan: each worked out once, then kept
/// until a table it read changes) must show after any change, whatever its path, exactly
/// what a fresh reading of the file shows.
#[test]
fn the_views_kept_between_calls_follow_every_change_at_once() {
    use cesp_core::backup::{Backups, Reason};
    let dir = temp();
    let path = dir.path().join("démo.cesp");
    let backups = Backups {
        base: dir.path().join("sauvegardes"),
    };
    let day = demo::STORY_SIGNING_DAY;
    let mut c = demo::create_at(&path, day).expect("demo");
    // A second opening of the file keeps nothing from the first: it reads afresh.
    let drafts = std::cell::Cell::new(0);
    let shows_the_truth = |c: &Campaign, step: &str| {
        let fresh = Campaign::open_read_only(&path).expect("fresh");
        assert_eq!(
            c.candidates().expect("kept"),
            fresh.candidates().expect("fresh"),
            "{step}: the candidates"
        );
        assert_eq!(
            c.dossiers().expect("kept"),
            fresh.dossiers().expect("fresh"),
            "{step}: the dossiers"
        );
        assert_eq!(
            c.score_board().expect("kept"),
            fresh.score_board().expect("fresh"),
            "{step}: the scoring board"
        );
        assert_eq!(
            c.ranking().expect("kept"),
            fresh.ranking().expect("fresh"),
            "{step}: the ranking"
        );
        assert_eq!(
            c.allocation(None).expect("kept"),
            fresh.allocation(None).expect("fresh"),
            "{step}: the lists"
        );
        let minutes = c.minutes(day).expect("kept");
        assert_eq!(
            minutes,
            fresh.minutes(day).expect("fresh"),
            "{step}: the minutes"
        );
        if minutes.sealed.is_none() {
            // The draft, from the views kept, is the one built from the file.
            assert_eq!(
                minutes.minutes,
                cesp_core::minutes::build(c.conn(), day, None).expect("built"),
                "{step}: the draft minutes"
            );
            drafts.set(drafts.get() + 1);
        }
        assert_eq!(
            c.bilan().expect("kept"),
            fresh.bilan().expect("fresh"),
            "{step}: the bilan"
        );
        assert_eq!(
            c.schedule().expect("kept"),
            fresh.schedule().expect("fresh"),
            "{step}: the plan"
        );
        assert_eq!(
            c.preview_plan().map_err(|e| e.to_string()),
            fresh.preview_plan().map_err(|e| e.to_string()),
            "{step}: what planning again would do"
        );
        for kind in [
            MailKind::Convocations,
            MailKind::MissingPieces,
            MailKind::Receipts,
            MailKind::Letters,
        ] {
            for return_by in ["", "15/02/2027"] {
                let request = MailRequest {
                    kind,
                    return_by: return_by.into(),
                };
                assert_eq!(
                    c.mail_preview(&request, day).map_err(|e| e.to_string()),
                    fresh.mail_preview(&request, day).map_err(|e| e.to_string()),
                    "{step}: the messages of {kind:?} (return by « {return_by} »)"
                );
            }
        }
        c.allocation(None).expect("lists")
    };
    let first = shows_the_truth(&c, "at first");
    c.backup(&backups, Reason::Opening).expect("backup");
    let backup = backups.list(&path)[0].file_name.clone();

    // A threshold: who is retained changes.
    let mut rules = c.allocation_rules().expect("rules");
    rules.min_total = "17".into();
    c.set_allocation_rules(&rules, "Claire").expect("rules");
    assert_ne!(shows_the_truth(&c, "a threshold"), first);

    // A withdrawal from the main list promotes the next.
    let students = |a: &cesp_core::allocation::Allocation| {
        a.groups
            .iter()
            .find(|g| g.label == "Étudiants — médecine")
            .expect("group")
            .clone()
    };
    let before = shows_the_truth(&c, "before the withdrawal");
    let leaving = students(&before).main[0].candidate_id;
    c.record_withdrawal(
        leaving,
        "01/02/2027",
        false,
        "a choisi une autre région",
        "Claire",
    )
    .expect("withdrawal");
    let after = shows_the_truth(&c, "a withdrawal");
    assert!(students(&after)
        .main
        .iter()
        .all(|d| d.candidate_id != leaving));

    // A score changed by a statement of any path of the store, not only the use cases.
    let board = c.score_board().expect("board");
    let cell = board.scores[0].clone();
    c.store()
        .write("Claire", |tx| {
            tx.execute(
                "UPDATE score SET value = 0 WHERE member = ?1 AND candidate = ?2 AND criterion = ?3",
                [cell.member_id, cell.candidate_id, cell.criterion_id],
            )?;
            Ok(((), None))
        })
        .expect("write");
    let scored = c.score_board().expect("board");
    assert_ne!(scored, board, "the board shows the score changed");
    shows_the_truth(&c, "a score changed");

    // Scores reopened then validated again: the ranking marks them, nothing else changes.
    let id = c
        .ranking()
        .expect("ranking")
        .groups
        .iter()
        .flat_map(|g| g.rows.iter())
        .find(|r| r.status == cesp_core::scoring::ranking::Status::Complete && r.locked)
        .expect("a candidate whose scores are validated")
        .candidate_id;
    let validated = |c: &Campaign| {
        c.ranking()
            .expect("ranking")
            .groups
            .iter()
            .flat_map(|g| g.rows.iter())
            .find(|r| r.candidate_id == id)
            .map(|r| r.locked)
    };
    let lists = c.allocation(None).expect("lists");
    c.unlock_scores(id, "erreur de saisie signalée", "Claire")
        .expect("unlock");
    assert_eq!(
        validated(&c),
        Some(false),
        "the ranking shows them reopened"
    );
    shows_the_truth(&c, "scores reopened");
    c.lock_scores(&[id], "Claire").expect("lock");
    assert_eq!(validated(&c), Some(true), "and validated again");
    assert_eq!(c.allocation(None).expect("lists"), lists);
    shows_the_truth(&c, "scores validated");

    // An interview freed: the plan shows the candidate waiting.
    let heard = c.schedule().expect("schedule").interviews[0].candidate_id;
    c.free_interview(heard, "Claire").expect("freed");
    assert!(c
        .schedule()
        .expect("schedule")
        .interviews
        .iter()
        .all(|i| i.candidate_id != heard));
    shows_the_truth(&c, "an interview freed");

    // A withdrawal before the interview: that candidate's dossier alone is worked out
    // again (not receivable), the slot is freed; then receivable again.
    let leaving = c.schedule().expect("schedule").interviews[1].candidate_id;
    c.withdraw_before_interview(leaving, "désistement reçu par courriel le 10/01", "Claire")
        .expect("withdrawal");
    assert!(c
        .dossiers()
        .expect("dossiers")
        .iter()
        .any(|d| d.candidate_id == leaving && d.eligibility.overridden.is_some()));
    shows_the_truth(&c, "a withdrawal before the interview");
    c.override_eligibility(leaving, None, "", "Claire")
        .expect("receivable again");
    shows_the_truth(&c, "receivable again");

    // Planned again (the candidate receivable again is placed), then again with nothing
    // changed: the solve kept from the preview, only what differs written.
    let preview = c.preview_plan().expect("preview");
    let (_, planned, _) = c.plan_interviews(false, true, "Claire").expect("planned");
    assert!(planned.interviews.iter().any(|i| i.candidate_id == leaving));
    assert!(preview.changes.iter().any(|m| m.candidate_id == leaving));
    shows_the_truth(&c, "planned again");
    let (_, same, moves) = c.plan_interviews(false, true, "Claire").expect("planned");
    assert_eq!(same, planned);
    assert!(moves.is_empty(), "nothing moves: {moves:?}");
    shows_the_truth(&c, "planned again, nothing changed");

    // An interview pinned: the plan changes, nothing else read it.
    let planned = c.schedule().expect("schedule").interviews[0].clone();
    c.pin_interview(planned.candidate_id, !planned.pinned, "Claire")
        .expect("pin");
    shows_the_truth(&c, "an interview pinned");

    // A piece of a dossier now missing: the dossier, then whom the plan and lists hold.
    let dossier = c
        .dossiers()
        .expect("dossiers")
        .into_iter()
        .find(|d| d.eligibility.status == cesp_core::dossier::Eligibility::Complete)
        .expect("a complete dossier");
    let piece = dossier
        .pieces
        .iter()
        .find(|p| p.required)
        .expect("a required piece");
    c.set_piece(
        dossier.candidate_id,
        piece.piece_id,
        &cesp_core::dossier::PieceUpdate {
            status: Some(cesp_core::dossier::PieceStatus::Missing),
            received_on: String::new(),
            reason: String::new(),
        },
        "Claire",
    )
    .expect("piece");
    shows_the_truth(&c, "a piece missing");

    // An address changed: the messages go to it.
    let mail = MailRequest {
        kind: MailKind::Convocations,
        return_by: String::new(),
    };
    let preview = c.mail_preview(&mail, day).expect("preview");
    let to = preview.messages[0].candidate;
    c.set_candidate_field(
        to,
        cesp_core::candidate::Field::Email,
        "nouvelle.adresse@etu.univ-exemple.fr",
        "Claire",
    )
    .expect("address");
    assert_ne!(c.mail_preview(&mail, day).expect("preview"), preview);
    shows_the_truth(&c, "an address changed");

    // A candidate renamed moves in the list; one added, deleted, then put back.
    use cesp_core::candidate::Field;
    let last = c
        .candidates()
        .expect("list")
        .last()
        .expect("a candidate")
        .id;
    c.set_candidate_field(last, Field::LastName, "ÄBERG", "Claire")
        .expect("renamed");
    assert_eq!(c.candidates().expect("list")[0].id, last, "first by name");
    shows_the_truth(&c, "a candidate renamed");
    let typed = |field, text: &str| cesp_core::import::edit::FieldInput {
        field,
        text: text.into(),
    };
    let added = c
        .add_candidate(
            &[
                typed(Field::LastName, "MARTIN"),
                typed(Field::FirstNames, "Léa"),
                typed(Field::BirthDate, "14/02/2001"),
                typed(Field::Category, "Étudiant"),
                typed(Field::Discipline, "Médecine"),
            ],
            "Claire",
        )
        .expect("added");
    shows_the_truth(&c, "a candidate added");
    let deleted = c.delete_candidates(&[added.id], "Claire").expect("deleted");
    shows_the_truth(&c, "a candidate deleted");
    c.restore_candidates(&deleted, "Claire").expect("restored");
    shows_the_truth(&c, "a candidate put back");

    // The settings: the deadline the dossiers are judged against.
    let dossiers = c.dossiers().expect("dossiers");
    let mut settings = c.settings().expect("settings");
    settings.dossier_deadline = "2026-11-02".into();
    c.update_settings(&settings, "Claire").expect("settings");
    assert_ne!(c.dossiers().expect("dossiers"), dossiers, "late dossiers");
    shows_the_truth(&c, "the deadline moved");

    // The lists recorded: the minutes' draft follows.
    c.record_allocation("séance du 15 janvier", "Claire")
        .expect("run");
    shows_the_truth(&c, "the lists recorded");

    // A restore replaces the whole content without a statement on this connection.
    c.restore_backup(&backups, &backup, "Claire")
        .expect("restore");
    assert_eq!(shows_the_truth(&c, "restored"), first);
    assert!(drafts.get() > 5, "the draft minutes were compared");
}

#[test]
fn two_candidates_of_the_same_name_each_get_their_decision_letter_and_their_dossier_letter() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let rows = c.candidates().expect("candidates");
    // The second candidate given the first one's name (two « MARTIN Julie » happen).
    let (first, second) = (&rows[0], &rows[1]);
    for (field, text) in [
        (Field::LastName, first.data.last_name.as_str()),
        (Field::FirstNames, first.data.first_names.as_str()),
    ] {
        c.set_candidate_field(second.id, field, text, "Claire")
            .expect("renamed");
    }
    let out = dir.path().join("décisions");
    std::fs::create_dir_all(&out).expect("dir");
    let written = c
        .write_allocation_letters(
            &out,
            demo::STORY_SIGNING_DAY,
            &cesp_core::documents::quietly,
        )
        .expect("letters");
    let on_disk = std::fs::read_dir(&out).expect("folder").count();
    assert_eq!(on_disk, written.len(), "no letter written over another");
    let theirs: Vec<&String> = written
        .iter()
        .filter(|p| p.contains(&first.data.last_name))
        .collect();
    assert!(
        theirs
            .iter()
            .any(|p| p.ends_with(&format!("(n° {}).pdf", first.id)))
            && theirs
                .iter()
                .any(|p| p.ends_with(&format!("(n° {}).pdf", second.id))),
        "{theirs:?}"
    );

    let receipts = dir.path().join("accusés");
    std::fs::create_dir_all(&receipts).expect("dir");
    let files = c
        .write_dossier_letters(
            cesp_core::dossier::letters::LetterKind::Receipt,
            &[first.id, second.id],
            demo::STORY_SIGNING_DAY,
            "",
            &receipts,
        )
        .expect("receipts");
    assert_eq!(files.len(), 3, "the batch and one each");
    assert_eq!(std::fs::read_dir(&receipts).expect("folder").count(), 3);
}
