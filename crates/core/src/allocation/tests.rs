//! The allocation rule on hand-built data: no file, no SQL.

use super::*;
use crate::campaign::DisciplineQuota;
use crate::dossier::PieceStatus;
use crate::scoring::ranking::{BlockTotal, CandidateResult, RankingGroup, Status};
use proptest::prelude::*;

/// A scored candidate of the students in medicine: `total` and interview in points.
fn result(id: i64, name: &str, total: Option<f64>, interview: f64) -> CandidateResult {
    CandidateResult {
        candidate_id: id,
        display_name: name.into(),
        category: Category::Student,
        discipline: Discipline::Medicine,
        sitting_id: Some(1),
        sitting_display: "14/01/2027".into(),
        status: if total.is_some() {
            Status::Complete
        } else {
            Status::Incomplete
        },
        status_label: String::new(),
        blocks: vec![BlockTotal {
            code: BlockCode::Interview,
            label: "Entretien".into(),
            value: total.map(|_| interview),
            display: String::new(),
            max: 10.0,
        }],
        criteria: vec![],
        total,
        total_display: total.map(|t| fr::number(t, 2)).unwrap_or("—".into()),
        normalised_total: None,
        normalised_display: String::new(),
        rank: None,
        rank_display: String::new(),
        excluded: String::new(),
        members: vec![],
        recused: vec![],
        missing: vec![],
        spread: None,
        spread_display: String::new(),
        std_dev: None,
        disagreement: false,
        academic: vec![],
        locked: false,
        dossier_label: String::new(),
        dossier_ok: true,
    }
}

/// The students in medicine, in the given order (the ranking sorts them; the allocation
/// does not rely on it).
fn ranking(rows: Vec<CandidateResult>) -> scoring::Ranking {
    scoring::Ranking {
        aggregation_label: String::new(),
        normalised: false,
        max_total: 40.0,
        members_max: 30.0,
        disagreement_threshold: 3.0,
        disagreement_label: String::new(),
        groups: vec![RankingGroup {
            category: Category::Student,
            discipline: Discipline::Medicine,
            label: "Étudiants — médecine".into(),
            rows,
        }],
        severity: vec![],
        distributions: vec![],
        academic_formula: String::new(),
    }
}

fn quotas(students: i64) -> Quotas {
    Quotas {
        student: DisciplineQuota {
            medicine: students,
            odontology: 0,
        },
        ..Quotas::default()
    }
}

/// Every candidate of `ranking` with an eligible dossier; the usual gates, no threshold,
/// the interview breaks ties; `students` contracts.
fn data(ranking: &scoring::Ranking, students: i64) -> AllocationData {
    AllocationData {
        rules: AllocationRules {
            min_total: String::new(),
            require_eligible: true,
            require_heard: true,
            require_ars: false,
            complementary_size: String::new(),
            tie_chain: vec![BlockCode::Interview],
        },
        quotas: quotas(students),
        specialties: vec![],
        applicants: ranking
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .map(|r| Applicant {
                id: r.candidate_id,
                eligibility: Some(Eligibility::Complete),
                ..Applicant::default()
            })
            .collect(),
        votes: HashMap::new(),
        overrides: HashMap::new(),
        withdrawals: HashMap::new(),
    }
}

/// Five students: 30, 28, 25, 22, 20 points.
fn five() -> scoring::Ranking {
    ranking(vec![
        result(1, "ARNAUD Léa", Some(30.0), 8.0),
        result(2, "BERNARD Hugo", Some(28.0), 8.0),
        result(3, "CARON Inès", Some(25.0), 8.0),
        result(4, "DUBOIS Noé", Some(22.0), 8.0),
        result(5, "ÉTIENNE Jade", Some(20.0), 8.0),
    ])
}

fn students(a: &Allocation) -> &GroupAllocation {
    a.groups
        .iter()
        .find(|g| g.category == Category::Student && g.discipline == Discipline::Medicine)
        .expect("students")
}

fn ids(d: &[Decision]) -> Vec<i64> {
    d.iter().map(|d| d.candidate_id).collect()
}

fn decision(a: &Allocation, id: i64) -> &Decision {
    let g = students(a);
    g.main
        .iter()
        .chain(&g.complementary)
        .chain(&g.ties)
        .chain(&g.not_retained)
        .find(|d| d.candidate_id == id)
        .expect("decision")
}

#[test]
fn the_main_list_takes_the_best_up_to_the_quota_and_the_rest_is_complementary() {
    let r = five();
    let a = allocate(&data(&r, 2), &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1, 2]);
    assert_eq!(ids(&g.complementary), [3, 4, 5]);
    assert!(g.not_retained.is_empty());
    assert_eq!((g.quota, g.unused, a.unused), (2, 0, 0));
    assert!(!a.ties_to_settle);
    let first = &g.main[0];
    assert_eq!(
        (first.outcome, first.rank, first.position),
        (Outcome::Main, Some(1), Some(1))
    );
    assert_eq!(first.reason, "retenu — rang 1 sur 5, étudiants — médecine");
    assert_eq!(first.total_display, "30");
    assert_eq!(g.complementary[0].reason, "liste complémentaire n° 1");
    assert_eq!(g.complementary[0].rank, Some(3));
}

#[test]
fn the_complementary_list_has_its_set_length() {
    let r = five();
    let mut d = data(&r, 2);
    d.rules.complementary_size = "2".into();
    let a = allocate(&d, &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.complementary), [3, 4]);
    assert_eq!(ids(&g.not_retained), [5]);
    assert_eq!(
        g.not_retained[0].reason,
        "non retenu : au-delà de la liste complémentaire"
    );
    assert_eq!(g.not_retained[0].rank, Some(5), "still ranked");
}

#[test]
fn a_quota_of_zero_puts_everyone_on_the_complementary_list() {
    let r = five();
    let a = allocate(&data(&r, 0), &r).expect("allocation");
    let g = students(&a);
    assert!(g.main.is_empty());
    assert_eq!(ids(&g.complementary), [1, 2, 3, 4, 5]);
    assert_eq!((g.unused, a.unused), (0, 0));
    assert!(a.notices.is_empty(), "{:?}", a.notices);
}

#[test]
fn contracts_for_a_category_without_candidates_are_reported_not_dropped() {
    let r = five();
    let mut d = data(&r, 2);
    d.quotas.intern.odontology = 3;
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(a.groups.len(), 2);
    let interns = &a.groups[1];
    assert_eq!(
        (interns.category, interns.discipline),
        (Category::Intern, Discipline::Odontology)
    );
    assert_eq!((interns.quota, interns.unused), (3, 3));
    assert_eq!(a.unused, 3);
    assert_eq!(a.notices, ["Internes — odontologie : 3 contrats au contingent, mais aucun candidat dans cette catégorie ; ils restent non attribués (vérifiez le contingent ou l'import)."]);
}

#[test]
fn more_contracts_than_candidates_leaves_places_unused() {
    let r = five();
    let a = allocate(&data(&r, 7), &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1, 2, 3, 4, 5]);
    assert!(g.complementary.is_empty());
    assert_eq!((g.unused, a.unused), (2, 2));
}

#[test]
fn a_negative_quota_is_refused() {
    let r = five();
    let mut d = data(&r, 2);
    d.quotas.padhue.medicine = -1;
    match allocate(&d, &r) {
        Err(Error::Validation(issues)) => {
            assert_eq!(issues.len(), 1);
            assert_eq!(issues[0].field, "quotas");
            assert_eq!(
                issues[0].message,
                "« Contingent PADHUE — médecine » : -1 n'est pas un nombre de contrats ; il faut 0 ou plus."
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn candidates_who_fail_a_gate_are_excluded_with_every_reason() {
    let mut rows = vec![
        result(1, "ARNAUD Léa", Some(30.0), 8.0),
        result(2, "BERNARD Hugo", Some(28.0), 8.0),
        result(3, "CARON Inès", None, 0.0),
        result(4, "DUBOIS Noé", None, 0.0),
        result(5, "ÉTIENNE Jade", Some(12.0), 5.0),
        result(6, "FABRE Tom", Some(26.0), 8.0),
    ];
    rows[3].status = Status::NotHeard;
    let r = ranking(rows);
    let mut d = data(&r, 3);
    d.rules.min_total = "15".into();
    d.applicants[0].eligibility = Some(Eligibility::Incomplete);
    d.applicants[1].eligibility = Some(Eligibility::NotEligible);
    // Without a dossier, the gate has nothing to refuse.
    d.applicants[5].eligibility = None;
    let a = allocate(&d, &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [6]);
    assert_eq!(
        g.main[0].reason,
        "retenu — rang 1 sur 1, étudiants — médecine"
    );
    assert_eq!(g.unused, 2);
    let reason = |id: i64| decision(&a, id).reason.clone();
    assert_eq!(reason(1), "non retenu : dossier incomplet");
    assert_eq!(reason(2), "non retenu : dossier non recevable");
    assert_eq!(reason(3), "non retenu : notes incomplètes");
    assert_eq!(reason(4), "non retenu : non entendu en entretien");
    assert_eq!(reason(5), "non retenu : total 12 < seuil 15");
    for id in 1..=5 {
        assert_eq!(decision(&a, id).outcome, Outcome::NotRetained);
        assert_eq!(decision(&a, id).rank, None, "only the eligible are ranked");
    }
    // Gates off: everyone heard and complete contends.
    d.rules.require_eligible = false;
    d.rules.require_heard = false;
    d.rules.min_total.clear();
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(ids(&students(&a).main), [1, 2, 6]);
    assert_eq!(reason(3), "non retenu : notes incomplètes");
    assert_eq!(
        decision(&a, 4).outcome,
        Outcome::NotRetained,
        "not heard: no total"
    );
}

#[test]
fn several_gates_failed_are_all_given() {
    let r = ranking(vec![result(1, "ARNAUD Léa", Some(12.0), 5.0)]);
    let mut d = data(&r, 1);
    d.rules.min_total = "15".into();
    d.rules.require_ars = true;
    d.applicants[0].eligibility = Some(Eligibility::Incomplete);
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(
        decision(&a, 1).reason,
        "non retenu : dossier incomplet ; total 12 < seuil 15 ; accord écrit de l'ARS non reçu"
    );
}

#[test]
fn the_ars_agreement_is_recorded_in_the_data_or_received_as_a_piece() {
    let r = five();
    let mut d = data(&r, 5);
    d.rules.require_ars = true;
    d.applicants[0].ars_agreement = Some(true);
    d.applicants[1].ars_piece = Some(PieceStatus::Received);
    d.applicants[2].ars_piece = Some(PieceStatus::Missing);
    d.applicants[3].ars_agreement = Some(false);
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(ids(&students(&a).main), [1, 2]);
    for id in 3..=5 {
        assert_eq!(
            decision(&a, id).reason,
            "non retenu : accord écrit de l'ARS non reçu"
        );
    }
}

/// Four students, two of them tied on 25 points and on the interview.
fn tied() -> scoring::Ranking {
    ranking(vec![
        result(1, "ARNAUD Léa", Some(30.0), 8.0),
        result(2, "BERNARD Hugo", Some(25.0), 7.0),
        result(3, "CARON Inès", Some(25.0), 7.0),
        result(4, "DUBOIS Noé", Some(20.0), 6.0),
    ])
}

#[test]
fn a_tie_across_the_last_place_waits_for_a_vote() {
    let r = tied();
    let a = allocate(&data(&r, 2), &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1]);
    assert_eq!(ids(&g.ties), [2, 3]);
    assert_eq!(ids(&g.complementary), [4]);
    assert_eq!(g.unused, 1, "the place waits for the vote");
    assert!(a.ties_to_settle);
    let t = &g.ties[0];
    assert_eq!(
        (t.outcome, t.rank, t.position),
        (Outcome::TieToSettle, Some(2), None)
    );
    assert_eq!(
        t.reason,
        "ex aequo au rang 2 (BERNARD Hugo, CARON Inès) : à départager par un vote de la commission"
    );
    assert_eq!(decision(&a, 4).rank, Some(4), "ties share a rank");
}

#[test]
fn a_tie_that_does_not_cross_the_last_place_needs_no_vote() {
    let r = tied();
    let a = allocate(&data(&r, 3), &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1, 2, 3]);
    assert_eq!((g.main[1].rank, g.main[2].rank), (Some(2), Some(2)));
    assert!(!a.ties_to_settle);
    let a = allocate(&data(&r, 1), &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1]);
    assert_eq!(ids(&g.complementary), [2, 3, 4]);
    assert!(g.ties.is_empty());
}

#[test]
fn the_tie_break_chain_settles_a_tie_before_any_vote() {
    let mut r = tied();
    r.groups[0].rows[2].blocks[0].value = Some(7.5);
    let a = allocate(&data(&r, 2), &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1, 3]);
    assert_eq!(ids(&g.complementary), [2, 4]);
    assert_eq!(
        (g.main[1].rank, g.complementary[0].rank),
        (Some(2), Some(3))
    );
    // Without the interview in the chain, the tie is back.
    let mut d = data(&r, 2);
    d.rules.tie_chain.clear();
    assert!(allocate(&d, &r).expect("allocation").ties_to_settle);
}

#[test]
fn a_recorded_vote_settles_a_tie() {
    let r = tied();
    let mut d = data(&r, 2);
    d.votes = HashMap::from([(3, 1), (2, 2)]);
    let a = allocate(&d, &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1, 3]);
    assert_eq!(ids(&g.complementary), [2, 4]);
    assert!(!a.ties_to_settle);
    // A vote for one of them only settles nothing.
    d.votes = HashMap::from([(3, 1)]);
    assert!(allocate(&d, &r).expect("allocation").ties_to_settle);
}

#[test]
fn a_withdrawal_leaves_the_lists_and_the_first_of_the_complementary_list_moves_up() {
    let r = five();
    let before = allocate(&data(&r, 2), &r).expect("allocation");
    assert_eq!(ids(&students(&before).main), [1, 2]);
    let mut d = data(&r, 2);
    d.withdrawals.insert(
        1,
        Withdrawal {
            on: "2027-02-01".into(),
            not_returned: false,
            reason: "autre contrat signé".into(),
        },
    );
    let a = allocate(&d, &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [2, 3]);
    assert_eq!(ids(&g.complementary), [4, 5]);
    let w = decision(&a, 1);
    assert_eq!((w.outcome, w.rank), (Outcome::Withdrawn, None));
    assert_eq!(w.reason, "désistement le 01/02/2027 (autre contrat signé)");
    assert_eq!(
        g.main[1].reason,
        "retenu — rang 2 sur 4, étudiants — médecine"
    );
    // A contract not returned, on a date as stored.
    d.withdrawals.insert(
        3,
        Withdrawal {
            on: "2027-03-05".into(),
            not_returned: true,
            reason: "sans nouvelles".into(),
        },
    );
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(ids(&students(&a).main), [2, 4]);
    assert_eq!(
        decision(&a, 3).reason,
        "contrat non retourné dans les 30 jours le 05/03/2027 (sans nouvelles)"
    );
}

#[test]
fn the_specialties_opened_by_the_ars_restrict_the_main_list() {
    let r = five();
    let mut d = data(&r, 3);
    d.specialties = vec![
        SpecialtyQuota {
            category: Category::Student,
            discipline: Discipline::Medicine,
            specialty: "Médecine générale".into(),
            places: 2,
        },
        SpecialtyQuota {
            category: Category::Student,
            discipline: Discipline::Medicine,
            specialty: "Psychiatrie".into(),
            places: 1,
        },
    ];
    // Folded: accents and case do not matter.
    for (i, s) in [
        Some("medecine generale"),
        Some("Cardiologie"),
        Some("MÉDECINE GÉNÉRALE"),
        Some("Médecine générale"),
        None,
    ]
    .into_iter()
    .enumerate()
    {
        d.applicants[i].specialty = s.map(String::from);
    }
    let a = allocate(&d, &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [1, 3]);
    assert_eq!(ids(&g.complementary), [2, 4, 5]);
    assert_eq!(g.unused, 1, "nobody aims at psychiatry");
    assert_eq!(g.specialties, ["Médecine générale : 2", "Psychiatrie : 1"]);
    assert_eq!(
        g.complementary[0].reason,
        "liste complémentaire n° 1 (spécialité non ouverte par l'ARS)"
    );
    assert_eq!(
        g.complementary[1].reason,
        "liste complémentaire n° 2 (plus de place dans sa spécialité)"
    );
    assert_eq!(
        g.complementary[2].reason,
        "liste complémentaire n° 3 (spécialité non ouverte par l'ARS)"
    );
    assert_eq!(a.notices, ["Étudiants — médecine : 1 place ouverte en Psychiatrie, mais aucun candidat ne vise cette spécialité ; elle restera inutilisée."]);
}

#[test]
fn fewer_specialty_places_than_contracts_is_noticed() {
    let r = five();
    let mut d = data(&r, 3);
    d.specialties = vec![SpecialtyQuota {
        category: Category::Student,
        discipline: Discipline::Medicine,
        specialty: "Psychiatrie".into(),
        places: 1,
    }];
    d.applicants[4].specialty = Some("Psychiatrie".into());
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(ids(&students(&a).main), [5]);
    assert_eq!(a.notices, ["Étudiants — médecine : l'ARS n'ouvre que 1 place par spécialité pour un contingent de 3 ; au plus 1 contrat peut être attribué."]);
}

#[test]
fn the_commissions_decisions_come_first_with_their_reason() {
    let r = five();
    let mut d = data(&r, 2);
    d.overrides = HashMap::from([
        (
            5,
            (
                Outcome::Main,
                "projet prioritaire pour le territoire".into(),
            ),
        ),
        (1, (Outcome::Complementary, "a demandé à attendre".into())),
        (3, (Outcome::NotRetained, "fraude au dossier".into())),
    ]);
    let a = allocate(&d, &r).expect("allocation");
    let g = students(&a);
    assert_eq!(ids(&g.main), [5, 2]);
    assert_eq!(ids(&g.complementary), [1, 4]);
    assert_eq!(
        g.main[0].reason,
        "retenu — rang 4 sur 4, étudiants — médecine — décision de la commission : projet prioritaire pour le territoire"
    );
    assert_eq!(
        g.complementary[0].reason,
        "liste complémentaire n° 1 — décision de la commission : a demandé à attendre"
    );
    assert_eq!(
        decision(&a, 3).reason,
        "non retenu : décision de la commission — fraude au dossier"
    );
}

#[test]
fn the_rules_are_stated_for_the_minutes() {
    let r = five();
    let mut d = data(&r, 2);
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(a.rules_statement, "Conditions pour être classé\u{a0}: dossier recevable, entendu en entretien. Les candidats sont classés par total décroissant\u{202f}; en cas d'égalité, la note d'entretien, puis un vote de la commission, consigné au procès-verbal.");
    d.rules = AllocationRules {
        min_total: "12,5".into(),
        require_eligible: false,
        require_heard: false,
        require_ars: true,
        complementary_size: String::new(),
        tie_chain: vec![],
    };
    let a = allocate(&d, &r).expect("allocation");
    assert_eq!(a.rules_statement, "Conditions pour être classé\u{a0}: total d'au moins 12,5, accord écrit de l'ARS. Les candidats sont classés par total décroissant\u{202f}; en cas d'égalité, un vote de la commission, consigné au procès-verbal.");
}

#[test]
fn every_screen_shows_the_allocations_ranks_and_why_the_others_are_not_ranked() {
    let mut rows = tied().groups.remove(0).rows;
    rows.push(result(5, "ÉTIENNE Jade", Some(35.0), 9.0));
    let mut r = ranking(rows);
    let mut d = data(&r, 2);
    d.applicants[4].eligibility = Some(Eligibility::Incomplete);
    let a = allocate(&d, &r).expect("allocation");
    rank(&mut r, &a);
    let g = &r.groups[0];
    let shown: Vec<(i64, Option<i64>, &str, &str)> = g
        .rows
        .iter()
        .map(|x| {
            (
                x.candidate_id,
                x.rank,
                x.rank_display.as_str(),
                x.excluded.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (1, Some(1), "1ᵉʳ", ""),
            (2, Some(2), "2ᵉ ex aequo", ""),
            (3, Some(2), "2ᵉ ex aequo", ""),
            (4, Some(4), "4ᵉ", ""),
            (5, None, "", "dossier incomplet"),
        ]
    );
}

// ----- properties of the placement (no file: many cases in a blink) ------------------

fn arb_contenders() -> impl Strategy<Value = Vec<Contender>> {
    proptest::collection::vec(
        (
            0i64..=40,
            proptest::bool::weighted(0.15),
            proptest::bool::weighted(0.1),
            0usize..3,
        ),
        0..25,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (t, failed, withdrawn, s))| Contender {
                id: i as i64 + 1,
                total: Some(t * 50),
                keys: vec![(t * 37 + i as i64 * 13) % 500],
                vote: None,
                specialty: Some(["a", "b", "c"][s].into()),
                failed: if failed {
                    vec!["dossier non recevable".into()]
                } else {
                    vec![]
                },
                withdrawn: withdrawn.then(|| "désistement".into()),
                forced: None,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn no_list_exceeds_its_quota_and_a_better_total_never_does_worse(c in arb_contenders(), quota in 0i64..8, restricted in proptest::bool::ANY) {
        let opened: Vec<(String, i64)> = if restricted { vec![("a".into(), 2), ("b".into(), 1)] } else { vec![] };
        let p = place(&c, quota, &opened, None);
        prop_assert!(p.main.len() as i64 <= quota);
        if restricted {
            for (s, n) in &opened {
                let used = p.main.iter().filter(|id| c.iter().any(|x| x.id == **id && x.specialty.as_deref() == Some(s))).count() as i64;
                prop_assert!(used <= *n, "specialty {} has {} > {}", s, used, n);
            }
        }
        // Failed gates and withdrawals are on no list.
        for x in c.iter().filter(|x| !x.failed.is_empty() || x.withdrawn.is_some()) {
            prop_assert!(!p.main.contains(&x.id) && !p.complementary.contains(&x.id));
        }
        // Without specialty restrictions, someone on the main list never has a lower total
        // than someone left off it in the same gates (unless a tie is waiting for a vote).
        if !restricted && p.ties.is_empty() {
            let total = |id: &i64| c.iter().find(|x| x.id == *id).and_then(|x| x.total).unwrap_or(0);
            for m in &p.main {
                for r in &p.complementary {
                    prop_assert!(total(m) >= total(r));
                }
            }
        }
        // Deterministic.
        prop_assert_eq!(place(&c, quota, &opened, None), p);
    }

    #[test]
    fn a_withdrawal_promotes_exactly_the_first_of_the_complementary_list(c in arb_contenders(), quota in 1i64..6) {
        let p = place(&c, quota, &[], None);
        prop_assume!(!p.main.is_empty() && p.ties.is_empty());
        let leaving = p.main[0];
        let mut after_c = c.clone();
        if let Some(x) = after_c.iter_mut().find(|x| x.id == leaving) {
            x.withdrawn = Some("désistement".into());
        }
        let after = place(&after_c, quota, &[], None);
        prop_assume!(after.ties.is_empty());
        let mut expected: Vec<i64> = p.main.iter().copied().filter(|id| *id != leaving).collect();
        if let Some(first) = p.complementary.first() {
            expected.push(*first);
        }
        let mut got = after.main.clone();
        got.sort();
        expected.sort();
        prop_assert_eq!(got, expected);
    }
}

/// Students with a total (or none), an interview, an eligible dossier or not, withdrawn
/// or not.
fn arb_students() -> impl Strategy<Value = Vec<(Option<i64>, i64, bool, bool)>> {
    proptest::collection::vec(
        (
            proptest::option::weighted(0.9, 0i64..=20),
            0i64..=4,
            proptest::bool::weighted(0.8),
            proptest::bool::weighted(0.1),
        ),
        0..20,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn every_candidate_gets_exactly_one_decision_and_no_list_exceeds_its_length(drawn in arb_students(), quota in 0i64..6, size in proptest::option::of(0i64..4)) {
        let r = ranking(
            drawn
                .iter()
                .enumerate()
                .map(|(i, (total, interview, _, _))| {
                    result(i as i64 + 1, &format!("C{i}"), total.map(|t| t as f64 * 2.0), *interview as f64 * 2.0)
                })
                .collect(),
        );
        let mut d = data(&r, quota);
        d.rules.complementary_size = size.map(|n| n.to_string()).unwrap_or_default();
        for (i, (_, _, eligible, withdrawn)) in drawn.iter().enumerate() {
            let id = i as i64 + 1;
            if !eligible {
                d.applicants[i].eligibility = Some(Eligibility::NotEligible);
            }
            if *withdrawn {
                d.withdrawals.insert(id, Withdrawal { on: "2027-02-01".into(), not_returned: false, reason: "désistement".into() });
            }
        }
        let a = allocate(&d, &r).expect("allocation");
        let g = students(&a);
        for (i, (total, _, eligible, withdrawn)) in drawn.iter().enumerate() {
            let id = i as i64 + 1;
            let places = [&g.main, &g.complementary, &g.ties, &g.not_retained]
                .iter()
                .map(|l| l.iter().filter(|x| x.candidate_id == id).count())
                .sum::<usize>();
            prop_assert_eq!(places, 1, "candidate {} is listed {} times", id, places);
            let contends = total.is_some() && *eligible && !*withdrawn;
            prop_assert_eq!(decision(&a, id).rank.is_some(), contends);
            if !contends {
                prop_assert!(!ids(&g.main).contains(&id) && !ids(&g.complementary).contains(&id));
            }
        }
        prop_assert!(g.main.len() as i64 <= quota);
        prop_assert_eq!(g.unused, quota - g.main.len() as i64);
        if let Some(n) = size {
            prop_assert!(g.complementary.len() as i64 <= n);
        }
        prop_assert_eq!(a.ties_to_settle, !g.ties.is_empty());
        // Deterministic.
        prop_assert_eq!(allocate(&d, &r).expect("allocation"), a);
    }
}

/// The ranking every screen shows, from plain data: the ranking rule's totals
/// ([`scoring::ranking::from_data`]) with the ranks of the allocation ([`allocate`]) given
/// by [`rank`].
fn ranked(
    ranking: &scoring::ranking::RankingData,
    allocation: &AllocationData,
) -> Result<scoring::Ranking> {
    let mut r = scoring::ranking::from_data(ranking);
    let a = allocate(allocation, &r)?;
    rank(&mut r, &a);
    Ok(r)
}

/// The ranking kept is the ranking by scores kept with the ranks of the lists kept: what
/// [`ranked`] works out from the file, on the demo (scores, ties, withdrawals, gates).
#[test]
fn the_ranking_kept_is_what_ranked_works_out_from_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let c = crate::demo::create_at(
        &dir.path().join("démo.cesp"),
        crate::demo::STORY_SIGNING_DAY,
    )
    .expect("demo");
    // The lists first: the ranking is then built on them as kept.
    c.allocation(None).expect("lists");
    let candidates = crate::candidate::list(c.conn()).expect("candidates");
    let dossiers = crate::dossier::dossiers_of(c.conn(), &candidates).expect("dossiers");
    let from_file = ranked(
        &scoring::ranking::load(c.conn(), &candidates, &dossiers).expect("scores"),
        &load(c.conn(), None, &candidates, &dossiers).expect("lists"),
    )
    .expect("ranked");
    assert!(from_file
        .groups
        .iter()
        .any(|g| g.rows.iter().any(|r| r.rank.is_some())));
    assert_eq!(c.ranking().expect("ranking"), from_file);
}
