//! The ranking rule on hand-built data: no file, no SQL.

use super::*;
use crate::scoring::{Block, Criterion, Grid};
use proptest::prelude::*;

/// Criteria of the fixture grid.
const MOTIVATION: i64 = 1;
const PROJECT: i64 = 2;
const ACADEMIC: i64 = 3;
const INTERVIEW: i64 = 4;
/// Voting members, and a secretary who does not score.
const CHAIR: i64 = 10;
const PHYSICIAN: i64 = 11;
const STUDENT_REP: i64 = 12;
const SECRETARY: i64 = 13;
const SITTING: i64 = 100;

fn criterion(id: i64, block: BlockCode, source: Source, max: f64, weight: f64) -> Criterion {
    Criterion {
        id,
        block,
        label: format!("Critère {id}"),
        source,
        scale_max: max,
        step: 0.5,
        weight,
        low: String::new(),
        middle: String::new(),
        high: String::new(),
        scale_display: String::new(),
    }
}

fn block(code: BlockCode, label: &str, criteria: Vec<Criterion>) -> Block {
    Block {
        code,
        label: label.into(),
        max_points: criteria.iter().map(Criterion::max_points).sum(),
        criteria,
    }
}

/// Project: two criteria out of 5 (weight 1); academic: one out of 5 (weight 2);
/// interview: one out of 10 (weight 1). Out of 30, of which 20 scored by the members.
fn grid() -> Grid {
    let blocks = vec![
        block(
            BlockCode::Project,
            "Projet professionnel",
            vec![
                criterion(MOTIVATION, BlockCode::Project, Source::Members, 5.0, 1.0),
                criterion(PROJECT, BlockCode::Project, Source::Members, 5.0, 1.0),
            ],
        ),
        block(
            BlockCode::Academic,
            "Résultats universitaires",
            vec![criterion(
                ACADEMIC,
                BlockCode::Academic,
                Source::Academic,
                5.0,
                2.0,
            )],
        ),
        block(
            BlockCode::Interview,
            "Entretien",
            vec![criterion(
                INTERVIEW,
                BlockCode::Interview,
                Source::Members,
                10.0,
                1.0,
            )],
        ),
    ];
    Grid {
        max_total: blocks.iter().map(|b| b.max_points).sum(),
        max_total_display: "30".into(),
        fingerprint: String::new(),
        locked_by_scores: true,
        blocks,
    }
}

fn entrant(id: i64, name: &str, category: Category) -> Entrant {
    Entrant {
        id,
        display_name: name.into(),
        category,
        discipline: Discipline::Medicine,
        sitting: Some(SITTING),
        locked: false,
        dossier_label: "Complet".into(),
        dossier_ok: true,
    }
}

fn scorer(id: i64, name: &str, voting: bool) -> Scorer {
    Scorer {
        id,
        name: name.into(),
        voting,
    }
}

/// Three voting members and the secretary; one sitting, everyone present; no candidate.
fn data() -> RankingData {
    RankingData {
        grid: grid(),
        rules: RankingRules {
            aggregation: Aggregation::Mean,
            disagreement_percent: 10,
            normalise: false,
            padhue_academic: PadhueAcademic::Waived,
        },
        members: vec![
            scorer(CHAIR, "Pr LEFEBVRE", true),
            scorer(PHYSICIAN, "Dr BELKACEM", true),
            scorer(STUDENT_REP, "M. LEROY", true),
            scorer(SECRETARY, "Mme DUMONT", false),
        ],
        sittings: vec![SittingDay {
            id: SITTING,
            date: "2027-01-14".into(),
            absent: vec![],
        }],
        recusals: vec![],
        candidates: vec![],
        scores: vec![],
        academic: vec![],
    }
}

/// A member's values (hundredths) for motivation, project and interview.
fn score(d: &mut RankingData, member: i64, candidate: i64, values: [i64; 3]) {
    for (criterion, value) in [MOTIVATION, PROJECT, INTERVIEW].into_iter().zip(values) {
        d.scores.push(Score {
            member,
            candidate,
            criterion,
            value,
        });
    }
}

/// The candidate's academic value (points), none when it cannot be computed.
fn academic(d: &mut RankingData, candidate: i64, value: Option<f64>) {
    d.academic.push(AcademicValue {
        candidate_id: candidate,
        criterion_id: ACADEMIC,
        value,
        computed: value,
        formula: String::new(),
        override_reason: None,
        scale_max: 5.0,
        weight: 2.0,
        points: None,
    });
}

fn row(r: &Ranking, id: i64) -> &CandidateResult {
    r.groups
        .iter()
        .flat_map(|g| &g.rows)
        .find(|x| x.candidate_id == id)
        .expect("row")
}

fn block_value(r: &CandidateResult, code: BlockCode) -> Option<f64> {
    r.blocks
        .iter()
        .find(|b| b.code == code)
        .and_then(|b| b.value)
}

/// Candidate 1 scored by the three voting members, academic value 3,5 (7 points).
fn one_scored() -> RankingData {
    let mut d = data();
    d.candidates
        .push(entrant(1, "DUPONT Marie", Category::Student));
    score(&mut d, CHAIR, 1, [400, 300, 800]);
    score(&mut d, PHYSICIAN, 1, [300, 300, 700]);
    score(&mut d, STUDENT_REP, 1, [500, 400, 600]);
    academic(&mut d, 1, Some(3.5));
    d
}

#[test]
fn totals_follow_the_weights_and_are_rounded_to_the_cent_once_per_block() {
    let r = from_data(&one_scored());
    let x = row(&r, 1);
    assert_eq!(x.status, Status::Complete);
    assert_eq!(x.status_label, "Notes complètes");
    // Project: mean 4 + mean 3,333… = 7,333… → 7,33; academic 3,5 × 2; interview 7.
    assert_eq!(block_value(x, BlockCode::Project), Some(7.33));
    assert_eq!(block_value(x, BlockCode::Academic), Some(7.0));
    assert_eq!(block_value(x, BlockCode::Interview), Some(7.0));
    assert_eq!(x.total, Some(21.33));
    assert_eq!(x.total_display, "21,33");
    let project = x
        .criteria
        .iter()
        .find(|c| c.criterion_id == PROJECT)
        .expect("project");
    assert_eq!((project.value, project.count), (Some(3.33), 3));
    let computed = x
        .criteria
        .iter()
        .find(|c| c.criterion_id == ACADEMIC)
        .expect("academic");
    assert_eq!(computed.count, 0, "nobody scores a computed criterion");
    // Each member's own total over the criteria they score (out of 20).
    let totals: Vec<Option<f64>> = x.members.iter().map(|m| m.total).collect();
    assert_eq!(totals, [Some(15.0), Some(13.0), Some(15.0)]);
    assert_eq!(x.members.len(), 3, "the secretary does not score");
    assert_eq!(x.sitting_display, "14/01/2027");
    assert_eq!(r.max_total, 30.0);
    assert_eq!(r.members_max, 20.0);
    assert_eq!(x.academic.len(), 1);
}

#[test]
fn the_aggregation_setting_chooses_how_members_values_combine() {
    let mut d = one_scored();
    d.rules.aggregation = Aggregation::Median;
    let r = from_data(&d);
    // Medians: 4, 3 and 7.
    assert_eq!(block_value(row(&r, 1), BlockCode::Project), Some(7.0));
    assert_eq!(row(&r, 1).total, Some(21.0));
    assert_eq!(r.aggregation_label, Aggregation::Median.label());
    // The trimmed mean needs four values; with three it is the mean.
    d.rules.aggregation = Aggregation::Trimmed;
    assert_eq!(row(&from_data(&d), 1).total, Some(21.33));
}

#[test]
fn aggregate_combines_values_whatever_their_order() {
    assert_eq!(aggregate(Aggregation::Mean, &[]), None);
    assert_eq!(
        aggregate(Aggregation::Mean, &[100, 200, 400]),
        Some(700.0 / 3.0)
    );
    assert_eq!(
        aggregate(Aggregation::Median, &[400, 100, 200]),
        Some(200.0)
    );
    assert_eq!(
        aggregate(Aggregation::Median, &[400, 100, 200, 300]),
        Some(250.0)
    );
    // The lowest and the highest are left out from four values on.
    assert_eq!(
        aggregate(Aggregation::Trimmed, &[0, 1000, 300, 500]),
        Some(400.0)
    );
    assert_eq!(
        aggregate(Aggregation::Trimmed, &[0, 1000, 500]),
        Some(500.0)
    );
}

#[test]
fn a_recused_member_is_not_expected_and_their_scores_do_not_count() {
    let mut d = one_scored();
    d.recusals.push(RecusalNote {
        member_id: STUDENT_REP,
        member_name: "M. LEROY".into(),
        candidate_id: 1,
        reason: "Lien familial".into(),
    });
    let r = from_data(&d);
    let x = row(&r, 1);
    assert_eq!(x.recused, ["M. LEROY — Lien familial"]);
    assert_eq!(
        x.members.iter().map(|m| m.member_id).collect::<Vec<_>>(),
        [CHAIR, PHYSICIAN]
    );
    // Project: mean 3,5 + 3 = 6,5; interview 7,5; academic 7.
    assert_eq!(x.total, Some(21.0));
    assert_eq!(x.status, Status::Complete);
}

#[test]
fn a_member_absent_or_excused_at_the_sitting_is_not_expected() {
    let mut d = one_scored();
    d.sittings[0].absent.push(PHYSICIAN);
    let r = from_data(&d);
    let x = row(&r, 1);
    assert_eq!(
        x.members.iter().map(|m| m.member_id).collect::<Vec<_>>(),
        [CHAIR, STUDENT_REP]
    );
    assert_eq!(x.recused, Vec::<String>::new());
    // Project: 4,5 + 3,5; interview 7; academic 7.
    assert_eq!(x.total, Some(22.0));
}

#[test]
fn when_nobody_may_score_the_candidate_it_is_said() {
    let mut d = one_scored();
    d.sittings[0].absent = vec![CHAIR, PHYSICIAN, STUDENT_REP];
    let r = from_data(&d);
    let x = row(&r, 1);
    assert!(x.members.is_empty());
    assert_eq!(x.status, Status::Incomplete);
    assert_eq!(x.total, None);
    assert_eq!(
        x.missing,
        ["aucun membre ne peut noter ce candidat (tous déportés ou absents)"]
    );
}

#[test]
fn missing_scores_leave_the_total_empty_and_say_who_is_missing() {
    let mut d = data();
    d.candidates
        .push(entrant(1, "DUPONT Marie", Category::Student));
    score(&mut d, CHAIR, 1, [400, 300, 800]);
    d.scores.push(Score {
        member: PHYSICIAN,
        candidate: 1,
        criterion: MOTIVATION,
        value: 300,
    });
    academic(&mut d, 1, None);
    let r = from_data(&d);
    let x = row(&r, 1);
    assert_eq!(x.status, Status::Incomplete);
    assert_eq!(x.status_label, "Notes incomplètes");
    assert_eq!((x.total, x.total_display.as_str()), (None, "—"));
    assert_eq!(
        x.missing,
        [
            "Dr BELKACEM : 2 critères sur 3 non notés",
            "M. LEROY n'a pas noté",
            "« Critère 3 » : non calculable (moyennes et rang manquants) ; saisissez une correction motivée",
        ]
    );
    let physician = &x.members[1];
    assert_eq!(
        (
            physician.total,
            physician.display.as_str(),
            physician.scored
        ),
        (None, "1 / 3 critères", 1)
    );
    // A block whose criteria all have a value shows, from the scores given (motivation
    // 3,5 from two members, project 3 from one); the others are empty.
    assert_eq!(block_value(x, BlockCode::Project), Some(6.5));
    assert_eq!(block_value(x, BlockCode::Academic), None);
    assert_eq!(
        x.blocks
            .iter()
            .find(|b| b.code == BlockCode::Academic)
            .map(|b| b.display.as_str()),
        Some("—")
    );
}

#[test]
fn a_candidate_not_heard_and_not_scored_has_nothing_missing_yet() {
    let mut d = data();
    let mut c = entrant(1, "DUPONT Marie", Category::Student);
    c.sitting = None;
    d.candidates.push(c);
    academic(&mut d, 1, None);
    let r = from_data(&d);
    let x = row(&r, 1);
    assert_eq!(x.status, Status::NotHeard);
    assert_eq!(x.status_label, "Non entendu");
    assert_eq!(x.total, None);
    assert!(x.missing.is_empty(), "{:?}", x.missing);
    assert_eq!(x.sitting_display, "");
    // Scores without a hearing make the candidate heard.
    score(&mut d, CHAIR, 1, [400, 300, 800]);
    assert_eq!(row(&from_data(&d), 1).status, Status::Incomplete);
}

#[test]
fn scores_outside_the_grid_the_members_or_the_candidates_are_ignored() {
    let mut d = one_scored();
    let expected = from_data(&d);
    for (member, candidate, criterion) in
        [(99, 1, MOTIVATION), (CHAIR, 99, MOTIVATION), (CHAIR, 1, 99)]
    {
        d.scores.push(Score {
            member,
            candidate,
            criterion,
            value: 0,
        });
    }
    assert_eq!(from_data(&d), expected);
}

#[test]
fn a_waived_padhue_academic_block_is_neutralised_and_the_rest_brought_to_the_full_total() {
    let mut d = data();
    d.candidates
        .push(entrant(1, "NGUYEN Anh", Category::Padhue));
    score(&mut d, CHAIR, 1, [400, 300, 800]);
    score(&mut d, PHYSICIAN, 1, [400, 300, 800]);
    score(&mut d, STUDENT_REP, 1, [400, 300, 800]);
    // Even a computable academic value is left out.
    academic(&mut d, 1, Some(5.0));
    let r = from_data(&d);
    let x = row(&r, 1);
    assert_eq!(x.status, Status::Complete);
    let academic_block = x
        .blocks
        .iter()
        .find(|b| b.code == BlockCode::Academic)
        .expect("block");
    assert_eq!(
        (academic_block.value, academic_block.display.as_str()),
        (None, "neutralisé")
    );
    assert!(x.academic.is_empty());
    // 7 + 8 = 15 out of 20, brought to 30: 22,5.
    assert_eq!(x.total, Some(22.5));
    assert!(x.missing.is_empty());
}

#[test]
fn a_padhue_academic_block_scored_by_the_commission_is_expected_like_any_other() {
    let mut d = data();
    d.rules.padhue_academic = PadhueAcademic::Commission;
    d.candidates
        .push(entrant(1, "NGUYEN Anh", Category::Padhue));
    score(&mut d, CHAIR, 1, [400, 300, 800]);
    score(&mut d, PHYSICIAN, 1, [400, 300, 800]);
    score(&mut d, STUDENT_REP, 1, [400, 300, 800]);
    academic(&mut d, 1, None);
    let x = from_data(&d);
    let x = row(&x, 1);
    assert_eq!(x.status, Status::Incomplete);
    assert_eq!(x.total, None);
    assert_eq!(x.missing, ["« Critère 3 » : à noter par la commission sur le diplôme et l'expérience du candidat (PADHUE) ; saisissez une note motivée"]);
    // Once the commission gives it (2,5 × 2 = 5 points): no scaling.
    d.academic.clear();
    academic(&mut d, 1, Some(2.5));
    assert_eq!(row(&from_data(&d), 1).total, Some(20.0));
}

#[test]
fn groups_follow_the_order_of_the_decree_and_rows_the_totals() {
    let mut d = data();
    for (id, name, category, level) in [
        (1, "A", Category::Intern, 300),
        (2, "B", Category::Student, 200),
        (3, "C", Category::Student, 400),
        (4, "D", Category::Student, 0),
        (5, "E", Category::Student, 400),
    ] {
        let mut c = entrant(id, name, category);
        if id == 4 {
            c.sitting = None;
        } else {
            for m in [CHAIR, PHYSICIAN, STUDENT_REP] {
                score(&mut d, m, id, [level, level, 2 * level]);
            }
        }
        d.candidates.push(c);
        academic(&mut d, id, Some(2.0));
    }
    let r = from_data(&d);
    let cells: Vec<(Category, Discipline)> = r
        .groups
        .iter()
        .map(|g| (g.category, g.discipline))
        .collect();
    assert_eq!(
        cells,
        [
            (Category::Student, Discipline::Medicine),
            (Category::Intern, Discipline::Medicine)
        ]
    );
    assert_eq!(r.groups[0].label, "Étudiants — médecine");
    // Best total first; equal totals keep the list's order (the allocation settles
    // them); not heard last. No rank is given here.
    let ids: Vec<i64> = r.groups[0].rows.iter().map(|x| x.candidate_id).collect();
    assert_eq!(ids, [3, 5, 2, 4]);
    assert!(r.groups[0].rows.iter().all(|x| x.rank.is_none()));
}

#[test]
fn members_who_disagree_beyond_the_threshold_are_flagged() {
    // Threshold: 10 % of the 20 points the members score, 2 points.
    let r = from_data(&one_scored());
    assert_eq!(r.disagreement_threshold, 2.0);
    assert_eq!(
        r.disagreement_label,
        "Écart entre les totaux des membres supérieur à 2 points (10 % du maximum noté par les membres)"
    );
    let x = row(&r, 1);
    // 15, 13 and 15: a spread of exactly 2 points is not beyond.
    assert_eq!(x.spread, Some(2.0));
    assert_eq!(x.spread_display, "2 points");
    assert_eq!(x.std_dev, Some(0.94));
    assert!(!x.disagreement);
    let mut d = one_scored();
    d.scores
        .retain(|s| !(s.member == PHYSICIAN && s.criterion == INTERVIEW));
    d.scores.push(Score {
        member: PHYSICIAN,
        candidate: 1,
        criterion: INTERVIEW,
        value: 650,
    });
    let r = from_data(&d);
    assert_eq!(row(&r, 1).spread, Some(2.5));
    assert!(row(&r, 1).disagreement);
}

/// Four candidates; the student representative gives 2 points less on the interview.
fn severe() -> RankingData {
    let mut d = data();
    for (id, level) in [(1, 300), (2, 350), (3, 400), (4, 450)] {
        d.candidates
            .push(entrant(id, &format!("C{id}"), Category::Student));
        academic(&mut d, id, Some(2.5));
        score(&mut d, CHAIR, id, [level, level, 2 * level]);
        score(&mut d, PHYSICIAN, id, [level, level, 2 * level]);
        score(&mut d, STUDENT_REP, id, [level, level, 2 * level - 200]);
    }
    d
}

#[test]
fn severity_compares_each_member_with_the_commission() {
    let r = from_data(&severe());
    let by = |id: i64| {
        r.severity
            .iter()
            .find(|s| s.member_id == id)
            .expect("member")
    };
    assert_eq!(r.severity.len(), 3, "voting members only");
    assert_eq!(by(STUDENT_REP).candidates, 4);
    assert_eq!(by(STUDENT_REP).mean_gap, Some(-1.33));
    assert_eq!(
        by(STUDENT_REP).display,
        "−1,3 point en moyenne (plus sévère)"
    );
    assert_eq!(by(CHAIR).mean_gap, Some(0.67));
    assert_eq!(by(CHAIR).display, "+0,7 point en moyenne (plus indulgent)");
    let r = from_data(&one_scored());
    let chair = r
        .severity
        .iter()
        .find(|s| s.member_id == CHAIR)
        .expect("chair");
    assert_eq!(chair.candidates, 1);
    let mut d = data();
    d.candidates.push(entrant(1, "A", Category::Student));
    let r = from_data(&d);
    assert_eq!(r.severity[0].display, "Pas assez de notes pour comparer");
}

#[test]
fn normalisation_removes_a_members_severity_and_keeps_the_raw_totals() {
    let raw = from_data(&severe());
    assert!(!raw.normalised);
    assert!(row(&raw, 1).normalised_total.is_none());
    let mut d = severe();
    d.rules.normalise = true;
    let r = from_data(&d);
    assert!(r.normalised);
    for id in 1..=4 {
        let (before, after) = (row(&raw, id), row(&r, id));
        assert_eq!(before.total, after.total, "raw totals do not move");
        let n: Vec<f64> = after.members.iter().filter_map(|m| m.normalised).collect();
        assert_eq!(n.len(), 3);
        assert!(
            n.iter().all(|v| (v - n[0]).abs() < 0.011),
            "candidate {id}: {n:?}"
        );
        assert!(after.normalised_total.is_some());
        assert!(!after.normalised_display.is_empty());
    }
    // The order the members gave is kept.
    let totals: Vec<f64> = (1..=4)
        .map(|id| row(&r, id).normalised_total.expect("normalised"))
        .collect();
    assert!(totals.windows(2).all(|w| w[0] < w[1]), "{totals:?}");
}

#[test]
fn distributions_count_each_members_values_on_the_scale() {
    let r = from_data(&one_scored());
    assert_eq!(
        r.distributions
            .iter()
            .map(|d| d.criterion_id)
            .collect::<Vec<_>>(),
        [MOTIVATION, PROJECT, INTERVIEW]
    );
    let motivation = &r.distributions[0];
    // 0 to 5 by 0,5: eleven bars of one value each.
    assert_eq!(motivation.buckets.len(), 11);
    let count = |label: &str| {
        motivation
            .buckets
            .iter()
            .find(|b| b.label == label)
            .map(|b| b.count)
    };
    assert_eq!(
        (count("3"), count("4"), count("5"), count("0")),
        (Some(1), Some(1), Some(1), Some(0))
    );
    assert_eq!(motivation.buckets.iter().map(|b| b.count).sum::<i64>(), 3);
}

#[test]
fn validation_and_the_dossier_come_from_the_data() {
    let mut d = one_scored();
    d.candidates[0].locked = true;
    d.candidates[0].dossier_label = "Incomplet".into();
    d.candidates[0].dossier_ok = false;
    let r = from_data(&d);
    let x = row(&r, 1);
    assert!(x.locked);
    assert_eq!(
        (x.dossier_label.as_str(), x.dossier_ok),
        ("Incomplet", false)
    );
}

#[test]
fn ordinals_are_french() {
    assert_eq!(ordinal(1), "1ᵉʳ");
    assert_eq!(ordinal(2), "2ᵉ");
    assert_eq!(ordinal(11), "11ᵉ");
}

// ----- properties (no file: many cases in a blink) ------------------------------------

const DUVAL: i64 = 14;
const VOTERS: [i64; 4] = [CHAIR, PHYSICIAN, STUDENT_REP, DUVAL];
/// The member-scored criteria of [`six_criteria`]: three in the project block, then
/// three in the interview block.
const SIX: [i64; 6] = [MOTIVATION, PROJECT, 5, INTERVIEW, 6, 7];

/// Four voting members; six criteria out of 5, weight 1, scored by them.
fn six_criteria() -> RankingData {
    let mut d = data();
    d.members.push(scorer(DUVAL, "Dr DUVAL", true));
    d.grid.blocks[0]
        .criteria
        .push(criterion(5, BlockCode::Project, Source::Members, 5.0, 1.0));
    d.grid.blocks[2].criteria = [INTERVIEW, 6, 7]
        .into_iter()
        .map(|id| criterion(id, BlockCode::Interview, Source::Members, 5.0, 1.0))
        .collect();
    for b in &mut d.grid.blocks {
        b.max_points = b.criteria.iter().map(Criterion::max_points).sum();
    }
    d.grid.max_total = d.grid.blocks.iter().map(|b| b.max_points).sum();
    d
}

/// Exact reference: per criterion the mean of the members' values as a fraction,
/// weighted, rounded to the cent once per block — computed with integers only.
fn reference_block_cents(values: &[Vec<i64>], weights: &[i64]) -> i64 {
    // Σ_k w_k × (Σ_m v_mk) / n_k / 100, in exact rationals then rounded half up.
    let mut num: i128 = 0;
    let mut den: i128 = 1;
    for (k, w) in weights.iter().enumerate() {
        let n = values.iter().filter(|m| m[k] >= 0).count() as i128;
        let s: i128 = values
            .iter()
            .map(|m| m[k])
            .filter(|v| *v >= 0)
            .map(|v| v as i128)
            .sum();
        // num/den + w*s/(n*100)
        let (a, b) = (*w as i128 * s, n * 100);
        num = num * b + a * den;
        den *= b;
    }
    ((2 * num + den) / (2 * den)) as i64
}

fn scores_strategy() -> impl Strategy<Value = (Vec<Vec<i64>>, Vec<usize>)> {
    // 4 members × 3 project criteria, values 0..=10 half-points; an entry order.
    (
        proptest::collection::vec(proptest::collection::vec(0i64..=10, 3), 4),
        Just((0..12).collect::<Vec<usize>>()).prop_shuffle(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn totals_do_not_depend_on_entry_order_and_are_exact_to_the_cent((values, order) in scores_strategy()) {
        let mut d = six_criteria();
        d.candidates.push(entrant(1, "DUPONT Marie", Category::Student));
        academic(&mut d, 1, Some(2.5));
        let project = [MOTIVATION, PROJECT, 5];
        let entered = |d: &mut RankingData, m: usize, k: usize| {
            d.scores.push(Score { member: VOTERS[m], candidate: 1, criterion: project[k], value: values[m][k] * 50 });
        };
        let mut a = d.clone();
        for m in 0..4 {
            for k in 0..3 {
                entered(&mut a, m, k);
            }
        }
        let mut b = d;
        for i in &order {
            entered(&mut b, i / 3, i % 3);
        }
        let block = |d: &RankingData| block_value(row(&from_data(d), 1), BlockCode::Project);
        prop_assert_eq!(block(&a), block(&b));
        let cents: Vec<Vec<i64>> = values.iter().map(|m| m.iter().map(|v| v * 50).collect()).collect();
        let expected = reference_block_cents(&cents, &[100, 100, 100]);
        prop_assert_eq!(block(&a), Some(expected as f64 / 100.0));
    }

    #[test]
    fn a_recused_member_never_influences_the_total(values in proptest::collection::vec(proptest::collection::vec(0i64..=10, 6), 4), method in 0..3usize) {
        let mut d = six_criteria();
        d.rules.aggregation = [Aggregation::Mean, Aggregation::Median, Aggregation::Trimmed][method];
        for id in [1, 2] {
            d.candidates.push(entrant(id, &format!("C{id}"), Category::Student));
            academic(&mut d, id, Some(2.5));
        }
        d.recusals.push(RecusalNote { member_id: DUVAL, member_name: "Dr DUVAL".into(), candidate_id: 1, reason: "Lien familial".into() });
        for m in 0..3 {
            for (j, v) in values[m].iter().enumerate() {
                d.scores.push(Score { member: VOTERS[m], candidate: 1, criterion: SIX[j], value: v * 50 });
            }
        }
        let total = |d: &RankingData| row(&from_data(d), 1).total;
        let before = total(&d);
        prop_assert!(before.is_some());
        // Whatever the recused member does elsewhere, or even a score of theirs for the
        // candidate (which the file refuses), the candidate's total stays.
        for (j, v) in values[3].iter().enumerate() {
            d.scores.push(Score { member: DUVAL, candidate: 2, criterion: SIX[j], value: v * 50 });
            d.scores.push(Score { member: DUVAL, candidate: 1, criterion: SIX[j], value: 500 });
        }
        prop_assert_eq!(total(&d), before);
    }
}
