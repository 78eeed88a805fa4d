//! The commission scores: grid, members, sittings, recusals, scores, aggregation,
//! offline sheets. Every refusal leaves the file as it was.

use std::path::Path;

use cesp_core::commission::{Aggregation, Attendance, MemberInput, Role, SittingInput};
use cesp_core::import::edit::FieldInput;
use cesp_core::import::fields::Field;
use cesp_core::scoring::{
    ranking::Status, BlockInput, CriterionInput, ScoreInput, ScoreLine, Source,
};
use cesp_core::{Campaign, Error};

use super::{settings, temp};

const OP: &str = "Claire Dumont (secrétariat)";

pub struct Commission {
    pub campaign: Campaign,
    /// Voting: chair, two physicians, a student representative.
    pub voters: Vec<i64>,
    pub secretary: i64,
    pub candidates: Vec<i64>,
    pub sitting: i64,
}

fn candidate(c: &mut Campaign, last: &str, first: &str, category: &str, n1: &str, n2: &str) -> i64 {
    let inputs = [
        (Field::LastName, last),
        (Field::FirstNames, first),
        (Field::Category, category),
        (Field::Discipline, "Médecine"),
        (Field::AverageN1, n1),
        (Field::AverageN2, n2),
    ]
    .into_iter()
    .map(|(field, text)| FieldInput {
        field,
        text: text.to_owned(),
    })
    .collect::<Vec<_>>();
    c.add_candidate(&inputs, OP).expect("candidate").id
}

fn member(c: &mut Campaign, name: &str, role: Role, voting: bool) -> i64 {
    c.add_member(
        &MemberInput {
            name: name.into(),
            role,
            voting,
            email: String::new(),
        },
        OP,
    )
    .expect("member")
}

pub fn commission(dir: &Path) -> Commission {
    let mut campaign = Campaign::create(&dir.join("Amiens.cesp"), &settings(), OP).expect("create");
    let voters = vec![
        member(&mut campaign, "Pr Jean-Marc LEFEBVRE", Role::Chair, true),
        member(&mut campaign, "Dr Karim BELKACEM", Role::Physician, true),
        member(&mut campaign, "Dr Anne-Sophie DUVAL", Role::Physician, true),
        member(
            &mut campaign,
            "M. Thomas LEROY",
            Role::StudentRepresentative,
            true,
        ),
    ];
    let secretary = member(&mut campaign, "Mme Claire DUMONT", Role::Secretary, false);
    let candidates = vec![
        candidate(
            &mut campaign,
            "DUPONT-MOREAU",
            "Marie-Ève",
            "Étudiant",
            "14,2",
            "13,1",
        ),
        candidate(&mut campaign, "LEFÈVRE", "Zoé", "Étudiant", "12", ""),
        candidate(&mut campaign, "N'GUYEN", "Thành", "Étudiant", "", ""),
    ];
    let sitting = campaign
        .add_sitting(
            &SittingInput {
                date: "14/01/2027".into(),
                start_time: "9\u{a0}h".into(),
                place: "Salle du conseil, Amiens".into(),
            },
            OP,
        )
        .expect("sitting");
    for m in voters.iter().chain([&secretary]) {
        campaign
            .set_attendance(sitting, *m, Some(Attendance::Present), OP)
            .expect("presence");
    }
    Commission {
        campaign,
        voters,
        secretary,
        candidates,
        sitting,
    }
}

fn members_criteria(c: &Campaign) -> Vec<i64> {
    c.grid()
        .expect("grid")
        .criteria()
        .filter(|k| k.source == Source::Members)
        .map(|k| k.id)
        .collect()
}

fn score(
    c: &mut Campaign,
    member: i64,
    candidate: i64,
    criterion: i64,
    value: &str,
) -> Result<(), Error> {
    c.set_score(
        &ScoreInput {
            member_id: member,
            candidate_id: candidate,
            criterion_id: criterion,
            value: value.into(),
        },
        None,
        OP,
    )
    .map(|_| ())
}

fn journal_len(c: &Campaign) -> usize {
    c.journal(10_000).expect("journal").len()
}

#[test]
fn the_default_grid_has_three_blocks_and_a_total_out_of_40() {
    let dir = temp();
    let k = commission(dir.path());
    let g = k.campaign.grid().expect("grid");
    assert_eq!(g.blocks.len(), 3);
    assert_eq!(
        g.blocks
            .iter()
            .map(|b| b.label.as_str())
            .collect::<Vec<_>>(),
        [
            "Projet professionnel",
            "Résultats universitaires",
            "Entretien"
        ]
    );
    assert_eq!(g.max_total_display, "40");
    assert_eq!(
        g.criteria().filter(|c| c.source == Source::Members).count(),
        6
    );
    let motivation = g
        .criteria()
        .find(|c| c.label == "Motivation et engagement")
        .expect("criterion");
    assert_eq!(
        motivation.scale_display,
        "de 0 à 5, par pas de 0,5 — coefficient 1"
    );
    assert!(!motivation.high.is_empty());
}

#[test]
fn quorum_is_stated_live_from_attendance() {
    let dir = temp();
    let mut k = commission(dir.path());
    let s = &k.campaign.sittings().expect("sittings")[0];
    assert_eq!(
        s.quorum_statement,
        "Quorum atteint : 4 membres votants présents sur 4 (2 requis)."
    );
    assert_eq!(s.date_display, "jeudi 14 janvier 2027");
    for m in &k.voters[1..] {
        k.campaign
            .set_attendance(k.sitting, *m, Some(Attendance::Excused), OP)
            .expect("excused");
    }
    let s = &k.campaign.sittings().expect("sittings")[0];
    assert!(!s.quorum_met);
    assert_eq!(
        s.quorum_statement,
        "Quorum non atteint : 1 membre votant présent sur 4 (2 requis)."
    );
    // The secretary's presence never counts towards the quorum.
    assert_eq!(s.present_voting, 1);
    let rules = k.campaign.rules().expect("rules");
    assert!(
        rules
            .statement()
            .contains("celle du président est prépondérante"),
        "{}",
        rules.statement()
    );
}

#[test]
fn scores_outside_the_scale_or_by_members_who_may_not_score_are_refused_and_nothing_changes() {
    let dir = temp();
    let mut k = commission(dir.path());
    let crit = members_criteria(&k.campaign);
    let cand = k.candidates[0];
    let before = journal_len(&k.campaign);
    let e = score(&mut k.campaign, k.voters[0], cand, crit[0], "5,5").expect_err("above max");
    assert!(e.to_string().contains("5,5 dépasse le maximum de 5"), "{e}");
    let e = score(&mut k.campaign, k.voters[0], cand, crit[0], "3,3").expect_err("off step");
    assert!(e.to_string().contains("3,3 n'est pas sur l'échelle"), "{e}");
    let e = score(&mut k.campaign, k.voters[0], cand, crit[0], "-1").expect_err("negative");
    assert!(e.to_string().contains("négative"), "{e}");
    let e = score(&mut k.campaign, k.voters[0], cand, crit[0], "bien").expect_err("text");
    assert!(e.to_string().contains("« bien » n'est pas une note"), "{e}");
    let e = score(&mut k.campaign, k.secretary, cand, crit[0], "3").expect_err("secretary");
    assert!(e.to_string().contains("n'a pas voix délibérative"), "{e}");
    // Recused.
    k.campaign
        .add_recusal(k.voters[1], cand, "Maître de stage de la candidate", OP)
        .expect("recusal");
    let e = score(&mut k.campaign, k.voters[1], cand, crit[0], "3").expect_err("recused");
    assert!(
        e.to_string().contains(
            "est déporté(e) pour DUPONT-MOREAU Marie-Ève (motif : Maître de stage de la candidate)"
        ),
        "{e}"
    );
    // Absent at the sitting where the candidate is heard.
    k.campaign
        .set_attendance(k.sitting, k.voters[2], Some(Attendance::Absent), OP)
        .expect("absent");
    k.campaign
        .set_hearing(cand, Some(k.sitting), OP)
        .expect("hearing");
    let e = score(&mut k.campaign, k.voters[2], cand, crit[0], "3").expect_err("absent");
    assert!(
        e.to_string()
            .contains("noté(e) absent(e) à la séance du 14/01/2027"),
        "{e}"
    );
    assert!(k.campaign.score_board().expect("board").scores.is_empty());
    // Three writes went through: the recusal, the attendance and the hearing.
    assert_eq!(journal_len(&k.campaign), before + 3);
}

#[test]
fn each_score_is_journaled_with_who_gave_it_and_the_value_before() {
    let dir = temp();
    let mut k = commission(dir.path());
    let crit = members_criteria(&k.campaign);
    score(
        &mut k.campaign,
        k.voters[0],
        k.candidates[0],
        crit[0],
        "3,5",
    )
    .expect("score");
    score(&mut k.campaign, k.voters[0], k.candidates[0], crit[0], "4").expect("rescore");
    score(&mut k.campaign, k.voters[0], k.candidates[0], crit[0], "4").expect("same value");
    let j = k.campaign.journal(3).expect("journal");
    assert_eq!(j[0].summary, "Note de Pr Jean-Marc LEFEBVRE pour DUPONT-MOREAU Marie-Ève — Précision et maturité du projet : 4.");
    assert_eq!(
        (
            j[0].changes[0].before.as_str(),
            j[0].changes[0].after.as_str()
        ),
        ("3,5", "4")
    );
    assert_eq!(j[1].changes[0].after, "3,5");
    assert_eq!(j[0].operator, OP);
}

#[test]
fn a_recusal_withdraws_the_members_scores_and_the_journal_keeps_them() {
    let dir = temp();
    let mut k = commission(dir.path());
    let crit = members_criteria(&k.campaign);
    for c in &crit {
        score(&mut k.campaign, k.voters[1], k.candidates[1], *c, "4,5").expect("score");
    }
    // What the confirmation says the recusal will withdraw: this member's scores of this
    // candidate only.
    score(&mut k.campaign, k.voters[2], k.candidates[1], crit[0], "3").expect("score");
    score(&mut k.campaign, k.voters[1], k.candidates[0], crit[0], "3").expect("score");
    let given = |c: &Campaign| c.scores_given(k.voters[1], k.candidates[1]).expect("given");
    assert_eq!(given(&k.campaign), 6);
    let withdrawn = k
        .campaign
        .add_recusal(k.voters[1], k.candidates[1], "Lien familial", OP)
        .expect("recusal");
    assert_eq!(withdrawn, 6);
    assert_eq!(given(&k.campaign), 0);
    let left = k.campaign.score_board().expect("board").scores;
    assert_eq!(left.len(), 2);
    assert!(left
        .iter()
        .all(|s| (s.member_id, s.candidate_id) != (k.voters[1], k.candidates[1])));
    let j = &k.campaign.journal(1).expect("journal")[0];
    assert!(
        j.summary.starts_with(
            "Déport : Dr Karim BELKACEM ne prend pas part à la décision sur LEFÈVRE Zoé"
        ),
        "{}",
        j.summary
    );
    assert_eq!(j.changes.len(), 6);
    assert_eq!(j.changes[0].before, "4,5");
    let e = k
        .campaign
        .add_recusal(k.voters[1], k.candidates[1], "Encore", OP)
        .expect_err("twice");
    assert!(e.to_string().contains("déjà déporté"), "{e}");
    let e = k
        .campaign
        .add_recusal(k.voters[2], k.candidates[1], "  ", OP)
        .expect_err("no reason");
    assert!(e.to_string().contains("« Motif » est obligatoire"), "{e}");
}

/// Scores every members' criterion of `candidate` by `member` with `values` in turn.
fn score_all(k: &mut Commission, member: i64, candidate: i64, values: &[&str]) {
    let crit = members_criteria(&k.campaign);
    for (c, v) in crit.iter().zip(values.iter().cycle()) {
        score(&mut k.campaign, member, candidate, *c, v).expect("score");
    }
}

#[test]
fn totals_per_block_follow_the_weights_and_the_aggregation_setting() {
    let dir = temp();
    let mut k = commission(dir.path());
    let cand = k.candidates[0];
    k.campaign
        .set_hearing(cand, Some(k.sitting), OP)
        .expect("hearing");
    let voters = k.voters.clone();
    score_all(&mut k, voters[0], cand, &["4"]);
    score_all(&mut k, voters[1], cand, &["3"]);
    score_all(&mut k, voters[2], cand, &["3,5"]);
    score_all(&mut k, voters[3], cand, &["1"]);
    let r = k.campaign.ranking().expect("ranking");
    let row = r.groups[0]
        .rows
        .iter()
        .find(|r| r.candidate_id == cand)
        .expect("row");
    // Mean per criterion: (4 + 3 + 3.5 + 1) / 4 = 2.875; a block of 3 criteria weighted 1.
    assert_eq!(row.blocks[0].display, "8,63");
    // Academic: averages 14.2 and 13.1 -> 13.65 / 20 = 68.25 % of 5 = 3.41, weight 2.
    assert_eq!(row.academic[0].value, Some(3.41));
    assert!(
        row.academic[0]
            .formula
            .contains("moyennes N-1 14,2 et N-2 13,1 → 13,65 / 20"),
        "{}",
        row.academic[0].formula
    );
    assert_eq!(row.blocks[1].display, "6,82");
    assert_eq!(row.total_display, "24,08");
    assert_eq!(row.status, Status::Complete);
    assert_eq!(row.spread_display, "18 points");
    assert!(row.disagreement, "an 18-point spread is beyond 20 % of 30");

    let mut rules = k.campaign.rules().expect("rules");
    rules.aggregation = Aggregation::Median;
    k.campaign.update_rules(&rules, OP).expect("rules");
    let row = k.campaign.ranking().expect("ranking").groups[0]
        .rows
        .iter()
        .find(|r| r.candidate_id == cand)
        .cloned()
        .expect("row");
    // Median of 1, 3, 3.5, 4 = 3.25.
    assert_eq!(row.blocks[0].display, "9,75");
    rules.aggregation = Aggregation::Trimmed;
    k.campaign.update_rules(&rules, OP).expect("rules");
    let row = k.campaign.ranking().expect("ranking").groups[0]
        .rows
        .iter()
        .find(|r| r.candidate_id == cand)
        .cloned()
        .expect("row");
    // Without the highest (4) and lowest (1): mean of 3 and 3.5 = 3.25.
    assert_eq!(row.blocks[0].display, "9,75");
    assert!(k.campaign.journal(1).expect("journal")[0]
        .changes
        .iter()
        .any(|c| c.field == "Agrégation des notes"));
}

#[test]
fn missing_scores_are_listed_never_counted_as_zero() {
    let dir = temp();
    let mut k = commission(dir.path());
    let cand = k.candidates[1];
    k.campaign
        .set_hearing(cand, Some(k.sitting), OP)
        .expect("hearing");
    let voters = k.voters.clone();
    score_all(&mut k, voters[0], cand, &["4"]);
    score_all(&mut k, voters[1], cand, &["4"]);
    let first = members_criteria(&k.campaign)[0];
    score(&mut k.campaign, voters[2], cand, first, "4").expect("one");
    let r = k.campaign.ranking().expect("ranking");
    let row = r.groups[0]
        .rows
        .iter()
        .find(|r| r.candidate_id == cand)
        .expect("row");
    assert_eq!(row.status, Status::Incomplete);
    assert_eq!(
        row.missing,
        vec![
            "Dr Anne-Sophie DUVAL : 5 critères sur 6 non notés".to_owned(),
            "M. Thomas LEROY n'a pas noté".to_owned()
        ]
    );
    // The total is over the scores given: 4 everywhere, not dragged down by zeros.
    assert_eq!(row.blocks[0].display, "12");
    let e = k.campaign.lock_scores(&[cand], OP).expect_err("incomplete");
    assert!(
        e.to_string().contains("M. Thomas LEROY n'a pas noté"),
        "{e}"
    );
    // A candidate without averages or rank has no academic value: said, not zero.
    let nguyen = r.groups[0]
        .rows
        .iter()
        .find(|r| r.candidate_id == k.candidates[2])
        .expect("row");
    assert_eq!(nguyen.status, Status::NotHeard);
    assert_eq!(nguyen.academic[0].value, None);
}

#[test]
fn validated_scores_are_frozen_until_unlocked_with_a_reason() {
    let dir = temp();
    let mut k = commission(dir.path());
    let cand = k.candidates[0];
    let voters = k.voters.clone();
    for m in &voters {
        score_all(&mut k, *m, cand, &["3", "4"]);
    }
    let report = k.campaign.lock_scores(&[], OP).expect("lock all");
    assert_eq!(report.locked, 1);
    let first = members_criteria(&k.campaign)[0];
    let e = score(&mut k.campaign, voters[0], cand, first, "5").expect_err("locked");
    assert!(
        e.to_string()
            .contains("sont validées : déverrouillez-les d'abord"),
        "{e}"
    );
    let e = k
        .campaign
        .unlock_scores(cand, "", OP)
        .expect_err("no reason");
    assert!(e.to_string().contains("« Motif » est obligatoire"), "{e}");
    k.campaign
        .unlock_scores(cand, "Erreur de saisie signalée par le Dr DUVAL", OP)
        .expect("unlock");
    assert!(k.campaign.journal(1).expect("journal")[0]
        .summary
        .contains("motif : Erreur de saisie"));
    score(&mut k.campaign, voters[0], cand, first, "5").expect("open again");
}

fn grid_input(c: &Campaign) -> Vec<BlockInput> {
    c.grid()
        .expect("grid")
        .blocks
        .iter()
        .map(|b| BlockInput {
            code: b.code,
            label: b.label.clone(),
            criteria: b
                .criteria
                .iter()
                .map(|k| CriterionInput {
                    label: k.label.clone(),
                    source: k.source,
                    scale_max: cesp_core::fr::number(k.scale_max, 2),
                    step: cesp_core::fr::number(k.step, 2),
                    weight: cesp_core::fr::number(k.weight, 2),
                    low: k.low.clone(),
                    middle: k.middle.clone(),
                    high: k.high.clone(),
                })
                .collect(),
        })
        .collect()
}

#[test]
fn the_grid_is_checked_and_frozen_once_scores_exist_until_an_explicit_reset() {
    let dir = temp();
    let mut k = commission(dir.path());
    let mut g = grid_input(&k.campaign);
    for b in &mut g {
        for c in &mut b.criteria {
            c.weight = "0".into();
        }
    }
    let e = k.campaign.save_grid(&g, OP).expect_err("all weights 0");
    assert!(
        e.to_string()
            .contains("Tous les coefficients de la grille sont à 0"),
        "{e}"
    );
    let mut g = grid_input(&k.campaign);
    g[2].criteria[0].step = "0,3".into();
    g[0].criteria[1].scale_max = "cinq".into();
    let e = k.campaign.save_grid(&g, OP).expect_err("bad step");
    let text = e.to_string();
    assert!(
        text.contains("le pas de 0,3 ne tombe pas juste sur le maximum 5"),
        "{text}"
    );
    assert!(text.contains("la note maximale « cinq »"), "{text}");
    // A 0–20 interview criterion weighted 1.5.
    let mut g = grid_input(&k.campaign);
    g[2].criteria.push(CriterionInput {
        label: "Connaissance du territoire picard".into(),
        source: Source::Members,
        scale_max: "20".into(),
        step: "1".into(),
        weight: "1,5".into(),
        low: String::new(),
        middle: String::new(),
        high: String::new(),
    });
    let saved = k.campaign.save_grid(&g, OP).expect("save");
    assert_eq!(saved.max_total_display, "70");
    let crit = members_criteria(&k.campaign);
    score(&mut k.campaign, k.voters[0], k.candidates[0], crit[6], "17").expect("score on 20");
    let e = k
        .campaign
        .save_grid(&grid_input(&k.campaign), OP)
        .expect_err("frozen");
    assert!(
        e.to_string().contains("réinitialisez d'abord les notes"),
        "{e}"
    );
    assert_eq!(
        k.campaign
            .reset_scores("Changement de barème voté en séance", OP)
            .expect("reset"),
        1
    );
    k.campaign
        .save_grid(&grid_input(&k.campaign), OP)
        .expect("save after reset");
}

#[test]
fn an_academic_value_can_be_corrected_with_a_reason() {
    let dir = temp();
    let mut k = commission(dir.path());
    let academic = k
        .campaign
        .grid()
        .expect("grid")
        .criteria()
        .find(|c| c.source == Source::Academic)
        .expect("academic")
        .id;
    let e = k
        .campaign
        .set_academic_override(k.candidates[2], academic, "4", "", OP)
        .expect_err("no reason");
    assert!(e.to_string().contains("« Motif » est obligatoire"), "{e}");
    let e = k
        .campaign
        .set_academic_override(k.candidates[2], academic, "7", "x", OP)
        .expect_err("above");
    assert!(
        e.to_string().contains("« 7 » n'est pas une note possible"),
        "{e}"
    );
    k.campaign
        .set_academic_override(
            k.candidates[2],
            academic,
            "3,75",
            "Relevés étrangers, appréciation de la commission",
            OP,
        )
        .expect("override");
    let v = k
        .campaign
        .academic_values()
        .expect("values")
        .into_iter()
        .find(|a| a.candidate_id == k.candidates[2])
        .expect("value");
    assert_eq!((v.value, v.computed), (Some(3.75), None));
    // Its points in the total are core's, weighted in hundredths as the ranking counts.
    let expected = cesp_core::scoring::show_cents(375 * (v.weight * 100.0).round() as i64 / 100);
    assert_eq!(v.points.as_deref(), Some(expected.as_str()));
    assert_eq!(
        v.override_reason.as_deref(),
        Some("Relevés étrangers, appréciation de la commission")
    );
    assert!(k.campaign.journal(1).expect("journal")[0]
        .summary
        .contains("3,75 (calculé : non calculable)"));
}

#[test]
fn candidates_already_scored_cannot_be_deleted() {
    let dir = temp();
    let mut k = commission(dir.path());
    let crit = members_criteria(&k.campaign);
    score(&mut k.campaign, k.voters[0], k.candidates[0], crit[0], "3").expect("score");
    let e = k
        .campaign
        .delete_candidates(&[k.candidates[0]], OP)
        .expect_err("scored");
    assert!(e.to_string().contains("ne peut plus être supprimée"), "{e}");
    let e = k
        .campaign
        .remove_member(k.voters[0], OP)
        .expect_err("member scored");
    assert!(e.to_string().contains("ne peut pas être retiré"), "{e}");
}

// ----- offline scoring sheets ------------------------------------------------------

/// Rewrites an xlsx made by the app, cell by cell, changing what `edit` changes: what a
/// member does in Excel. `edit(sheet, row, col, value) -> new value`.
fn rewrite(path: &Path, out: &Path, edit: impl Fn(&str, u32, u16, String) -> Option<String>) {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(path).expect("open");
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("range");
        let ws = book.add_worksheet();
        ws.set_name(&name).expect("name");
        let rows = range.height() as u32 + 3;
        for r in 0..rows {
            for c in 0..(range.width() as u16 + 1) {
                let v = match range.get_value((r, c as u32)) {
                    Some(Data::String(s)) => s.clone(),
                    Some(Data::Float(f)) => f.to_string(),
                    Some(Data::Int(i)) => i.to_string(),
                    _ => String::new(),
                };
                if let Some(v) = edit(&name, r, c, v) {
                    if let Ok(n) = v.parse::<f64>() {
                        ws.write_number(r, c, n).expect("write");
                    } else if !v.is_empty() {
                        ws.write_string(r, c, v).expect("write");
                    }
                }
            }
        }
    }
    book.save(out).expect("save");
}

#[test]
fn a_member_fills_the_exported_sheet_offline_and_it_comes_back_in() {
    let dir = temp();
    let mut k = commission(dir.path());
    let out = dir.path().join("feuilles");
    std::fs::create_dir(&out).expect("dir");
    k.campaign
        .add_recusal(k.voters[1], k.candidates[2], "Lien familial", OP)
        .expect("recusal");
    let written = k.campaign.export_score_sheets(&out).expect("export");
    assert_eq!(written.len(), 4, "one sheet per voting member");
    let belkacem = written
        .iter()
        .find(|w| w.member == "Dr Karim BELKACEM")
        .expect("sheet");
    assert_eq!(
        belkacem.candidates, 2,
        "the recused candidate is not on the sheet"
    );
    let path = Path::new(&belkacem.path);
    assert!(path.ends_with("Notation - Dr Karim BELKACEM.xlsx"));

    // The member types scores in the yellow cells (rows 6 and 7, columns C to H).
    let filled = dir.path().join("rempli.xlsx");
    rewrite(path, &filled, |sheet, r, c, v| {
        Some(
            if sheet == "Notation" && (5..=6).contains(&r) && (2..=7).contains(&c) {
                if r == 5 {
                    "4.5".into()
                } else if c == 2 {
                    String::new()
                } else {
                    "3".into()
                }
            } else {
                v
            },
        )
    });
    let r = k.campaign.import_score_sheet(&filled, OP).expect("import");
    assert_eq!((r.added, r.changed, r.empty), (11, 0, 1));
    let board = k.campaign.score_board().expect("board");
    assert_eq!(board.scores.len(), 11);
    assert!(board.scores.iter().all(|s| s.member_id == k.voters[1]));
    let j = &k.campaign.journal(1).expect("journal")[0];
    assert!(j.summary.starts_with("Feuille de notation de Dr Karim BELKACEM importée (« rempli.xlsx ») : 11 notes ajoutées, 0 modifiée."), "{}", j.summary);
    // Importing the same sheet again changes nothing.
    let again = k.campaign.import_score_sheet(&filled, OP).expect("again");
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 11));
}

#[test]
fn a_batch_of_sheets_imports_each_one_and_keeps_every_refusal() {
    let dir = temp();
    let mut k = commission(dir.path());
    let out = dir.path().join("feuilles");
    std::fs::create_dir(&out).expect("dir");
    let written = k.campaign.export_score_sheets(&out).expect("export");
    let sheet = std::path::PathBuf::from(&written[0].path);
    let filled = dir.path().join("rempli.xlsx");
    rewrite(&sheet, &filled, |name, r, c, v| {
        Some(if name == "Notation" && r == 5 && (2..=7).contains(&c) {
            "3".into()
        } else {
            v
        })
    });
    let not_a_sheet = dir.path().join("pas une feuille.xlsx");
    std::fs::write(&not_a_sheet, b"rien").expect("write");
    let missing = dir.path().join("absente.xlsx");
    let outcomes = k
        .campaign
        .import_score_sheets(&[not_a_sheet.clone(), filled.clone(), missing.clone()], OP);
    let paths: Vec<&std::path::PathBuf> = outcomes.iter().map(|o| &o.path).collect();
    assert_eq!(paths, [&not_a_sheet, &filled, &missing]);
    assert!(
        outcomes[0].result.is_err(),
        "refused, and the next sheets still come in"
    );
    let imported = outcomes[1].result.as_ref().expect("imported");
    assert!(imported.added > 0, "{imported:?}");
    let m = outcomes[2]
        .result
        .as_ref()
        .expect_err("missing")
        .to_string();
    assert!(m.contains("introuvable"), "{m}");
}

fn refused(k: &mut Commission, path: &Path) -> String {
    let before = k.campaign.score_board().expect("board").scores.len();
    let e = k
        .campaign
        .import_score_sheet(path, OP)
        .expect_err("refused");
    assert_eq!(
        k.campaign.score_board().expect("board").scores.len(),
        before,
        "nothing written"
    );
    assert_eq!(e.code(), "sheet_refused", "{e}");
    e.to_string()
}

#[test]
fn wrong_or_altered_sheets_are_refused_with_the_reason() {
    let dir = temp();
    let mut k = commission(dir.path());
    let out = dir.path().join("feuilles");
    std::fs::create_dir(&out).expect("dir");
    let written = k.campaign.export_score_sheets(&out).expect("export");
    let sheet = Path::new(&written[0].path).to_path_buf();
    let bad = dir.path().join("bad.xlsx");

    // A score above the scale and one off the step.
    rewrite(&sheet, &bad, |s, r, c, v| {
        Some(match (s, r, c) {
            ("Notation", 5, 2) => "6".into(),
            ("Notation", 6, 3) => "2.25".into(),
            _ => v,
        })
    });
    let m = refused(&mut k, &bad);
    assert!(m.contains("ligne 6 (DUPONT-MOREAU Marie-Ève) : « Précision et maturité du projet » : 6 dépasse le maximum de 5"), "{m}");
    assert!(m.contains("ligne 7 (LEFÈVRE Zoé) : « Connaissance des territoires sous-dotés » : 2,25 n'est pas sur l'échelle"), "{m}");
    assert!(m.starts_with("La feuille « bad.xlsx » est refusée"), "{m}");

    // Two rows swapped.
    rewrite(&sheet, &bad, |s, r, c, v| {
        Some(match (s, r, c) {
            ("Notation", 5, 0) => "LEFÈVRE Zoé".into(),
            ("Notation", 6, 0) => "DUPONT-MOREAU Marie-Ève".into(),
            _ => v,
        })
    });
    assert!(refused(&mut k, &bad).contains("ligne 6 : « LEFÈVRE Zoé » à la place de « DUPONT-MOREAU Marie-Ève » — des lignes ont été déplacées"));

    // A column renamed.
    rewrite(&sheet, &bad, |s, r, c, v| {
        Some(if (s, r, c) == ("Notation", 4, 4) {
            "Autre".into()
        } else {
            v
        })
    });
    assert!(refused(&mut k, &bad).contains("colonne E : « Autre »"));

    // A spreadsheet that is not a scoring sheet.
    let plain = dir.path().join("liste.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write(0, 0, "Nom").expect("write");
    wb.save(&plain).expect("save");
    assert!(refused(&mut k, &plain)
        .contains("ce n'est pas une feuille de notation exportée par CESP Commission"));

    // A sheet from another campaign.
    let other_dir = temp();
    let other = commission(other_dir.path());
    let other_out = other_dir.path().join("f");
    std::fs::create_dir(&other_out).expect("dir");
    let theirs = other
        .campaign
        .export_score_sheets(&other_out)
        .expect("export");
    assert!(refused(&mut k, Path::new(&theirs[0].path))
        .contains("elle a été exportée d'une autre campagne (UFR de médecine d'Amiens 2026-2027)"));

    // The grid changed since the export.
    let mut g = grid_input(&k.campaign);
    g[0].criteria[0].weight = "2".into();
    k.campaign.save_grid(&g, OP).expect("grid");
    assert!(refused(&mut k, &sheet).contains("la grille de notation a changé depuis l'export"));

    // The member was recused after the export: the whole sheet is refused.
    let written = k.campaign.export_score_sheets(&out).expect("export again");
    let chair = Path::new(&written[0].path).to_path_buf();
    rewrite(&chair, &bad, |s, r, c, v| {
        Some(if s == "Notation" && r == 5 && c == 2 {
            "4".into()
        } else {
            v
        })
    });
    k.campaign
        .add_recusal(k.voters[0], k.candidates[0], "Directeur de thèse", OP)
        .expect("recusal");
    let m = refused(&mut k, &bad);
    assert!(
        m.contains("est déporté(e) pour DUPONT-MOREAU Marie-Ève"),
        "{m}"
    );

    // A file that vanished.
    let m = k
        .campaign
        .import_score_sheet(&dir.path().join("absente.xlsx"), OP)
        .expect_err("missing")
        .to_string();
    assert!(m.contains("introuvable"), "{m}");
}

// ----- properties ------------------------------------------------------------------

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

// The properties themselves (any values, any entry order, any aggregation) are checked
// on the pure rule (`scoring::ranking::tests`); here one case each goes through the file.

#[test]
fn totals_do_not_depend_on_entry_order_and_are_exact_to_the_cent() {
    // 4 members × 3 project criteria, in half-points; a shuffled entry order.
    let values: [[i64; 3]; 4] = [[0, 5, 10], [3, 7, 2], [10, 10, 1], [4, 4, 9]];
    let order = [11, 3, 7, 0, 9, 5, 1, 10, 2, 6, 4, 8];
    let dir = temp();
    let mut a = commission(dir.path());
    let crit = members_criteria(&a.campaign);
    let cand = a.candidates[0];
    let voters = a.voters.clone();
    for m in 0..4 {
        for (k, v) in values[m].iter().enumerate() {
            score(
                &mut a.campaign,
                voters[m],
                cand,
                crit[k],
                &cesp_core::scoring::show_cents(v * 50),
            )
            .expect("score");
        }
    }
    let dir2 = temp();
    let mut b = commission(dir2.path());
    for i in &order {
        let (m, k) = (i / 3, i % 3);
        score(
            &mut b.campaign,
            voters[m],
            cand,
            crit[k],
            &cesp_core::scoring::show_cents(values[m][k] * 50),
        )
        .expect("score");
    }
    let block = |c: &Campaign| {
        c.ranking().expect("ranking").groups[0]
            .rows
            .iter()
            .find(|r| r.candidate_id == cand)
            .map(|r| r.blocks[0].value)
            .expect("row")
    };
    assert_eq!(block(&a.campaign), block(&b.campaign));
    let cents: Vec<Vec<i64>> = values
        .iter()
        .map(|m| m.iter().map(|v| v * 50).collect())
        .collect();
    let expected = reference_block_cents(&cents, &[100, 100, 100]);
    assert_eq!(block(&a.campaign), Some(expected as f64 / 100.0));
}

#[test]
fn a_recused_member_never_influences_the_total() {
    let values: [[i64; 6]; 4] = [
        [0, 5, 10, 3, 7, 2],
        [10, 10, 1, 4, 4, 9],
        [6, 8, 2, 5, 5, 10],
        [1, 0, 10, 9, 3, 6],
    ];
    for method in [Aggregation::Mean, Aggregation::Median, Aggregation::Trimmed] {
        let dir = temp();
        let mut k = commission(dir.path());
        let mut rules = k.campaign.rules().expect("rules");
        rules.aggregation = method;
        k.campaign.update_rules(&rules, OP).expect("rules");
        let crit = members_criteria(&k.campaign);
        let (c0, c1) = (k.candidates[0], k.candidates[1]);
        let voters = k.voters.clone();
        k.campaign
            .add_recusal(voters[3], c0, "Lien familial", OP)
            .expect("recusal");
        for m in 0..3 {
            for (j, v) in values[m].iter().enumerate() {
                score(
                    &mut k.campaign,
                    voters[m],
                    c0,
                    crit[j],
                    &cesp_core::scoring::show_cents(v * 50),
                )
                .expect("score");
            }
        }
        let total = |c: &Campaign| {
            c.ranking().expect("ranking").groups[0]
                .rows
                .iter()
                .find(|r| r.candidate_id == c0)
                .map(|r| r.total)
                .expect("row")
        };
        let before = total(&k.campaign);
        // Whatever the recused member does elsewhere or tries here, c0's total stays.
        for (j, v) in values[3].iter().enumerate() {
            score(
                &mut k.campaign,
                voters[3],
                c1,
                crit[j],
                &cesp_core::scoring::show_cents(v * 50),
            )
            .expect("score other");
            assert!(score(&mut k.campaign, voters[3], c0, crit[j], "5").is_err());
        }
        assert_eq!(total(&k.campaign), before, "{method:?}");
    }
}

#[test]
fn normalisation_corrects_a_severe_member_beside_the_raw_totals_and_severity_shows_it() {
    let dir = temp();
    let mut k = commission(dir.path());
    let voters = k.voters.clone();
    let cands = k.candidates.clone();
    let academic = k
        .campaign
        .grid()
        .expect("grid")
        .criteria()
        .find(|c| c.source == Source::Academic)
        .expect("academic")
        .id;
    k.campaign
        .set_academic_override(cands[2], academic, "2,5", "Relevés étrangers", OP)
        .expect("override");
    // Members 0-2 agree; member 3 gives everyone 2 points less per criterion.
    let levels = [["4", "3,5", "3"], ["2", "1,5", "1"]];
    for (i, cand) in cands.iter().enumerate() {
        for m in &voters[..3] {
            score_all(&mut k, *m, *cand, &[levels[0][i]]);
        }
        score_all(&mut k, voters[3], *cand, &[levels[1][i]]);
    }
    let raw = k.campaign.ranking().expect("ranking");
    assert!(!raw.normalised);
    let severe = raw
        .severity
        .iter()
        .find(|s| s.member_id == voters[3])
        .expect("severity");
    assert!(severe.mean_gap.expect("gap") < -8.0, "{:?}", severe);
    assert!(
        severe.display.ends_with("(plus sévère)"),
        "{}",
        severe.display
    );
    let mut rules = k.campaign.rules().expect("rules");
    rules.normalise = true;
    k.campaign.update_rules(&rules, OP).expect("rules");
    let r = k.campaign.ranking().expect("ranking");
    let row = |rk: &cesp_core::scoring::Ranking, id: i64| {
        rk.groups[0]
            .rows
            .iter()
            .find(|x| x.candidate_id == id)
            .cloned()
            .expect("row")
    };
    for cand in &cands {
        let (before, after) = (row(&raw, *cand), row(&r, *cand));
        // Raw totals do not move; normalised ones are shown beside them.
        assert_eq!(before.total, after.total);
        let n = after.normalised_total.expect("normalised");
        // Member 3's z-scores equal the others': the normalised members' part is the same
        // for every member, so only the aggregation of identical values remains.
        let members: Vec<f64> = after.members.iter().filter_map(|m| m.normalised).collect();
        assert_eq!(members.len(), 4);
        assert!(
            members.windows(2).all(|w| (w[0] - w[1]).abs() < 0.011),
            "{members:?}"
        );
        let severe = after
            .members
            .iter()
            .find(|m| m.member_id == voters[3])
            .expect("member");
        assert!(
            severe.normalised.expect("n") > severe.total.expect("t") + 5.0,
            "{severe:?}"
        );
        // Every member scored every candidate with the same spread: once each member's
        // offset is removed, the commission's total is the raw one.
        assert!(
            (n - after.total.expect("total")).abs() < 0.011,
            "{n} vs {:?}",
            after.total
        );
    }
    // The order of candidates is the same: normalisation keeps each member's ranking.
    let order = |rk: &cesp_core::scoring::Ranking| {
        rk.groups[0]
            .rows
            .iter()
            .map(|x| x.candidate_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(order(&raw), order(&r));
}

#[test]
fn one_chair_and_no_duplicate_sitting() {
    let dir = temp();
    let mut k = commission(dir.path());
    let e = k
        .campaign
        .add_member(
            &MemberInput {
                name: "Pr Anne ROUSSEL".into(),
                role: Role::Chair,
                voting: true,
                email: String::new(),
            },
            OP,
        )
        .expect_err("second chair");
    assert!(
        e.to_string()
            .contains("la commission a déjà un président (Pr Jean-Marc LEFEBVRE)"),
        "{e}"
    );
    assert_eq!(e.details()[0].field, "role");
    // The chair can still edit their own record.
    k.campaign
        .update_member(
            k.voters[0],
            &MemberInput {
                name: "Pr Jean-Marc LEFEBVRE".into(),
                role: Role::Chair,
                voting: true,
                email: "jm@ufr.fr".into(),
            },
            OP,
        )
        .expect("own record");
    let e = k
        .campaign
        .add_sitting(
            &SittingInput {
                date: "14/01/2027".into(),
                start_time: "09:00".into(),
                place: "Salle du conseil, Amiens".into(),
            },
            OP,
        )
        .expect_err("duplicate");
    assert!(
        e.to_string().contains(
            "La séance du jeudi 14 janvier 2027 à 9\u{a0}h à « Salle du conseil, Amiens » existe déjà"
        ),
        "{e}"
    );
}

/// PADHUE candidates have no French university results: the campaign either waives their
/// academic block (the other blocks brought to the full total) or has the commission
/// score it; either way they are ranked and their contract can be given, and the
/// minutes say which rule applied.
#[test]
fn padhue_candidates_are_ranked_by_the_rule_the_campaign_chose() {
    use cesp_core::candidate::Category;
    use cesp_core::commission::PadhueAcademic;
    let dir = temp();
    let mut c = cesp_core::demo::create_at(
        &dir.path().join("démo.cesp"),
        cesp_core::demo::STORY_SIGNING_DAY,
    )
    .expect("demo");
    let grid = c.grid().expect("grid");
    let max = grid.max_total;
    let academic: f64 = grid
        .criteria()
        .filter(|k| k.source == cesp_core::scoring::Source::Academic)
        .map(|k| k.max_points())
        .sum();
    assert!(academic > 0.0);
    let padhue = |c: &Campaign| -> Vec<cesp_core::scoring::ranking::CandidateResult> {
        c.ranking()
            .expect("ranking")
            .groups
            .into_iter()
            .filter(|g| g.category == Category::Padhue)
            .flat_map(|g| g.rows)
            .filter(|r| r.status != cesp_core::scoring::ranking::Status::NotHeard)
            .collect()
    };

    // Every PADHUE candidate heard at the first sitting and scored by the voting members
    // present and not recused.
    let sitting = c.sittings().expect("sittings")[0].clone();
    let recusals = c.recusals().expect("recusals");
    let ids: Vec<i64> = c
        .ranking()
        .expect("ranking")
        .groups
        .iter()
        .filter(|g| g.category == Category::Padhue)
        .flat_map(|g| g.rows.iter().map(|r| r.candidate_id))
        .collect();
    assert!(!ids.is_empty(), "the demo has PADHUE candidates");
    let members: Vec<i64> = c
        .members()
        .expect("members")
        .iter()
        .filter(|m| m.voting)
        .filter(|m| {
            sitting
                .attendance
                .iter()
                .any(|a| a.member_id == m.id && a.status == Some(Attendance::Present))
        })
        .map(|m| m.id)
        .collect();
    for (n, id) in ids.iter().enumerate() {
        if c.ranking()
            .expect("ranking")
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .any(|r| r.candidate_id == *id && r.sitting_id.is_none())
        {
            c.set_hearing(*id, Some(sitting.id), "Claire")
                .expect("heard");
        }
        for m in members.iter().filter(|m| {
            !recusals
                .iter()
                .any(|r| r.member_id == **m && r.candidate_id == *id)
        }) {
            for k in grid.criteria().filter(|k| k.source == Source::Members) {
                let input = ScoreInput {
                    member_id: *m,
                    candidate_id: *id,
                    criterion_id: k.id,
                    value: format!("{}", (k.scale_max as usize).min(2 + n)),
                };
                c.set_score(&input, Some(sitting.id), "Claire")
                    .expect("score");
            }
        }
    }

    // Waived (the default): complete, ranked, the total brought to the full maximum.
    assert_eq!(
        c.rules().expect("rules").padhue_academic,
        PadhueAcademic::Waived
    );
    let heard = padhue(&c);
    assert_eq!(heard.len(), ids.len());
    for r in &heard {
        assert!(r.missing.is_empty(), "{}: {:?}", r.display_name, r.missing);
        let others: f64 = r
            .blocks
            .iter()
            .filter(|b| b.code != cesp_core::scoring::BlockCode::Academic)
            .map(|b| b.value.expect("block scored"))
            .sum();
        let academic_block = r
            .blocks
            .iter()
            .find(|b| b.code == cesp_core::scoring::BlockCode::Academic)
            .expect("academic block");
        assert_eq!(academic_block.display, "neutralisé");
        let expected = others * max / (max - academic);
        let total = r.total.expect("a total");
        assert!(
            (total - expected).abs() < 0.011,
            "{}: {total} vs {expected}",
            r.display_name
        );
    }
    assert!(heard.iter().any(|r| r.rank == Some(1)), "someone is first");
    let allocation = c.allocation(None).expect("allocation");
    let padhue_group = allocation
        .groups
        .iter()
        .find(|g| g.category == Category::Padhue && g.quota > 0)
        .expect("a PADHUE contract");
    assert!(
        !padhue_group.main.is_empty(),
        "the PADHUE contract is given"
    );
    let minutes = c
        .minutes(cesp_core::demo::STORY_SIGNING_DAY)
        .expect("minutes")
        .minutes;
    assert!(
        minutes.padhue.contains("est neutralisé"),
        "{}",
        minutes.padhue
    );

    // Scored by the commission: incomplete until a reasoned value is given for each.
    let mut rules = c.rules().expect("rules");
    rules.padhue_academic = PadhueAcademic::Commission;
    c.update_rules(&rules, "Claire").expect("rules");
    assert!(c.journal(1).expect("journal")[0]
        .changes
        .iter()
        .any(|ch| ch.field == "Résultats universitaires des candidats PADHUE"));
    let heard = padhue(&c);
    for r in &heard {
        assert_eq!(r.rank, None);
        assert!(
            r.missing
                .iter()
                .any(|m| m.contains("à noter par la commission sur le diplôme et l'expérience")),
            "{:?}",
            r.missing
        );
    }
    let criteria: Vec<i64> = grid
        .criteria()
        .filter(|k| k.source == cesp_core::scoring::Source::Academic)
        .map(|k| k.id)
        .collect();
    for r in &heard {
        for k in &criteria {
            c.set_academic_override(
                r.candidate_id,
                *k,
                "3",
                "diplôme de médecine (Alger, 2015) et 6 ans d'exercice",
                "Claire",
            )
            .expect("reasoned value");
        }
    }
    let heard = padhue(&c);
    assert!(heard
        .iter()
        .all(|r| r.missing.is_empty() && r.total.is_some()));
    assert!(heard.iter().any(|r| r.rank == Some(1)));
    let minutes = c
        .minutes(cesp_core::demo::STORY_SIGNING_DAY)
        .expect("minutes")
        .minutes;
    assert!(
        minutes.padhue.contains("noté par la commission"),
        "{}",
        minutes.padhue
    );
}

#[test]
fn the_board_says_who_may_score_whom_as_the_check_on_save_does_and_counts_totals_in_hundredths() {
    use cesp_core::scoring::cells::Blocked;
    let dir = temp();
    let mut k = commission(dir.path());
    let crit = members_criteria(&k.campaign);
    let (c0, c1) = (k.candidates[0], k.candidates[1]);
    k.campaign
        .add_recusal(k.voters[1], c0, "Maître de stage de la candidate", OP)
        .expect("recusal");
    k.campaign
        .set_attendance(k.sitting, k.voters[2], Some(Attendance::Absent), OP)
        .expect("absent");
    k.campaign
        .set_hearing(c0, Some(k.sitting), OP)
        .expect("hearing");
    let board = k.campaign.score_board().expect("board");
    let why = |m: i64, c: i64, s: Option<i64>| {
        board
            .blocked
            .iter()
            .find(|b| {
                b.member_id == m
                    && b.candidate_id == c
                    && (b.sitting_id.is_none() || b.sitting_id == s)
            })
            .map(|b| b.blocked)
    };
    assert_eq!(why(k.secretary, c0, None), Some(Blocked::NonVoting));
    assert_eq!(why(k.voters[1], c0, None), Some(Blocked::Recused));
    assert_eq!(why(k.voters[2], c0, None), Some(Blocked::Absent));
    assert_eq!(
        why(k.voters[2], c1, None),
        None,
        "not heard yet, no sitting"
    );
    assert_eq!(why(k.voters[2], c1, Some(k.sitting)), Some(Blocked::Absent));
    assert_eq!(why(k.voters[0], c0, None), None);
    // The check on save agrees, cell by cell.
    let members: Vec<i64> = k.voters.iter().copied().chain([k.secretary]).collect();
    for &m in &members {
        for &c in &k.candidates.clone() {
            let saved = score(&mut k.campaign, m, c, crit[0], "3");
            assert_eq!(
                saved.is_err(),
                why(m, c, None).is_some(),
                "member {m}, candidate {c}"
            );
            if saved.is_ok() {
                score(&mut k.campaign, m, c, crit[0], "").expect("cleared");
            }
        }
    }
    let e = k
        .campaign
        .set_score(
            &ScoreInput {
                member_id: k.voters[2],
                candidate_id: c1,
                criterion_id: crit[0],
                value: "3".into(),
            },
            Some(k.sitting),
            OP,
        )
        .expect_err("absent at the live sitting");
    assert!(e.to_string().contains("absent(e)"), "{e}");

    // Running totals, as the ranking counts them (hundredths), after each save and on the board.
    let mut last = None;
    for (i, v) in ["3,5", "4,5", "0,5"].into_iter().enumerate() {
        last = Some(
            k.campaign
                .set_score(
                    &ScoreInput {
                        member_id: k.voters[0],
                        candidate_id: c0,
                        criterion_id: crit[i],
                        value: v.into(),
                    },
                    None,
                    OP,
                )
                .expect("saved"),
        );
    }
    let last = last.expect("saved");
    assert_eq!((last.total.as_str(), last.scored), ("8,5", 3));
    let board = k.campaign.score_board().expect("board");
    let t = board
        .totals
        .iter()
        .find(|t| t.member_id == k.voters[0] && t.candidate_id == c0)
        .expect("total");
    assert_eq!((t.total.as_str(), t.scored), ("8,5", 3));
    assert_eq!(board.member_max, "30");
}

fn line(place: &str, member: i64, candidate: i64, criterion: i64, value: &str) -> ScoreLine {
    ScoreLine {
        place: place.into(),
        input: ScoreInput {
            member_id: member,
            candidate_id: candidate,
            criterion_id: criterion,
            value: value.into(),
        },
    }
}

#[test]
fn a_batch_of_scores_is_refused_whole_with_every_bad_line_or_written_in_one_entry() {
    let dir = temp();
    let mut k = commission(dir.path());
    let crit = members_criteria(&k.campaign);
    let cand = k.candidates[0];
    k.campaign
        .add_recusal(k.voters[1], cand, "Maître de stage de la candidate", OP)
        .expect("recusal");
    let before = journal_len(&k.campaign);
    let bad = vec![
        line("notes.csv, ligne 2", k.voters[0], cand, crit[0], "4"),
        line("notes.csv, ligne 3", k.voters[0], cand, crit[1], "5,5"),
        line("notes.csv, ligne 4", k.voters[1], cand, crit[0], "3"),
        line("notes.csv, ligne 5", k.secretary, cand, crit[0], "3"),
    ];
    let unread = vec![cesp_core::FieldIssue::new(
        "membre",
        "notes.csv, ligne 6, colonne « membre » : aucun membre ne s'appelle « Durand »",
    )];
    let e = k
        .campaign
        .set_scores(&bad, unread, OP)
        .expect_err("refused");
    let reasons: Vec<String> = e.details().into_iter().map(|d| d.message).collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(
        reasons[0].starts_with("notes.csv, ligne 6, colonne « membre »"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("notes.csv, ligne 3 : ")
            && reasons[1].contains("dépasse le maximum"),
        "{reasons:?}"
    );
    assert!(
        reasons[2].starts_with("notes.csv, ligne 4 : ") && reasons[2].contains("déporté(e)"),
        "{reasons:?}"
    );
    assert!(
        reasons[3].starts_with("notes.csv, ligne 5 : ") && reasons[3].contains("voix délibérative"),
        "{reasons:?}"
    );
    // Nothing written, not even the good line.
    assert!(k.campaign.score_board().expect("board").scores.is_empty());
    assert_eq!(journal_len(&k.campaign), before);

    let good = vec![
        line("notes.csv, ligne 2", k.voters[0], cand, crit[0], "4"),
        line("notes.csv, ligne 3", k.voters[0], cand, crit[1], "3,5"),
        line("notes.csv, ligne 4", k.voters[2], cand, crit[0], "2"),
    ];
    let set = k.campaign.set_scores(&good, Vec::new(), OP).expect("batch");
    assert_eq!((set.added, set.changed, set.unchanged), (3, 0, 0));
    assert_eq!(k.campaign.score_board().expect("board").scores.len(), 3);
    assert_eq!(journal_len(&k.campaign), before + 1);
    assert_eq!(
        k.campaign
            .score_value(k.voters[0], cand, crit[1])
            .expect("v"),
        "3,5"
    );
    // The same batch again changes nothing and journals nothing.
    let set = k.campaign.set_scores(&good, Vec::new(), OP).expect("again");
    assert_eq!((set.added, set.changed, set.unchanged), (0, 0, 3));
    assert_eq!(journal_len(&k.campaign), before + 1);
}

/// The board of one sitting holds that sitting's candidates only (and the one asked for
/// besides), each with everything the whole board says of them; a change shows at once.
#[test]
fn the_board_of_a_sitting_is_the_whole_board_cut_to_its_candidates() {
    use cesp_core::scoring::{ScoreBoard, ScoringScope};
    let dir = temp();
    let mut k = commission(dir.path());
    let other = k
        .campaign
        .add_sitting(
            &SittingInput {
                date: "15/01/2027".into(),
                start_time: "14\u{a0}h".into(),
                place: "Salle du conseil, Amiens".into(),
            },
            OP,
        )
        .expect("second sitting");
    for m in k.voters.clone() {
        k.campaign
            .set_attendance(other, m, Some(Attendance::Present), OP)
            .expect("presence");
    }
    let [a, b, c] = [k.candidates[0], k.candidates[1], k.candidates[2]];
    let criteria = members_criteria(&k.campaign);
    // A and B heard at the first sitting, C at the second; each scored by two members.
    for (who, at) in [(a, k.sitting), (b, k.sitting), (c, other)] {
        k.campaign.set_hearing(who, Some(at), OP).expect("hearing");
        for m in &k.voters[..2] {
            score(&mut k.campaign, *m, who, criteria[0], "3").expect("score");
        }
    }
    // B fully scored by everyone, then validated.
    for m in k.voters.clone() {
        score_all(&mut k, m, b, &["3", "3", "3", "3", "3", "3"]);
    }
    k.campaign.lock_scores(&[b], OP).expect("lock");
    let whole = k.campaign.score_board().expect("whole");
    let cut = |whole: &ScoreBoard, kept: &[i64]| ScoreBoard {
        hearings: whole
            .hearings
            .iter()
            .filter(|h| kept.contains(&h.candidate_id))
            .cloned()
            .collect(),
        locked: whole
            .locked
            .iter()
            .filter(|c| kept.contains(c))
            .copied()
            .collect(),
        scores: whole
            .scores
            .iter()
            .filter(|s| kept.contains(&s.candidate_id))
            .cloned()
            .collect(),
        blocked: whole
            .blocked
            .iter()
            .filter(|s| kept.contains(&s.candidate_id))
            .cloned()
            .collect(),
        totals: whole
            .totals
            .iter()
            .filter(|s| kept.contains(&s.candidate_id))
            .cloned()
            .collect(),
        ..whole.clone()
    };
    let of = |c: &Campaign, sitting, candidate| {
        c.score_board_of(&ScoringScope {
            sitting,
            candidate,
            ..Default::default()
        })
        .expect("board of")
    };
    assert_eq!(of(&k.campaign, None, None), whole);
    let first = of(&k.campaign, Some(k.sitting), None);
    assert_eq!(first, cut(&whole, &[a, b]));
    assert_eq!(
        (first.scores.len(), first.locked.clone()),
        (2 + 4 * 6, vec![b])
    );
    assert_eq!(of(&k.campaign, Some(other), None), cut(&whole, &[c]));
    assert_eq!(of(&k.campaign, Some(other), Some(a)), cut(&whole, &[a, c]));
    // The ranking likewise: the rows of the sitting's candidates, as the whole ranking
    // has them.
    let ranking = k.campaign.ranking().expect("ranking");
    let ranked = |scope: ScoringScope| {
        let r = k.campaign.ranking_of(&scope).expect("ranking of");
        let ids: Vec<i64> = r
            .groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|r| r.candidate_id))
            .collect();
        let rows: Vec<_> = r.groups.iter().flat_map(|g| g.rows.clone()).collect();
        let whole: Vec<_> = ranking
            .groups
            .iter()
            .flat_map(|g| {
                g.rows
                    .iter()
                    .filter(|r| ids.contains(&r.candidate_id))
                    .cloned()
            })
            .collect();
        assert_eq!(rows, whole);
        assert_eq!(
            (r.severity, r.distributions),
            (ranking.severity.clone(), ranking.distributions.clone())
        );
        ids
    };
    let mut first = ranked(ScoringScope {
        sitting: Some(k.sitting),
        ..Default::default()
    });
    first.sort_unstable();
    assert_eq!(first, vec![a, b]);
    assert_eq!(
        ranked(ScoringScope {
            sitting: Some(other),
            ..Default::default()
        }),
        vec![c]
    );
    assert_eq!(ranked(ScoringScope::default()).len(), 3);
    // One candidate alone (their details); the table's rows in summary, without each
    // member's totals, each criterion's result and the academic values.
    assert_eq!(
        ranked(ScoringScope {
            candidate: Some(c),
            ..Default::default()
        }),
        vec![c]
    );
    let summary = k
        .campaign
        .ranking_of(&ScoringScope {
            summary: true,
            ..Default::default()
        })
        .expect("summary");
    let rows = |r: &cesp_core::scoring::Ranking| -> Vec<_> {
        r.groups.iter().flat_map(|g| g.rows.clone()).collect()
    };
    let (short, full) = (rows(&summary), rows(&ranking));
    assert_eq!(short.len(), 3);
    assert!(full
        .iter()
        .any(|r| !r.members.is_empty() && !r.criteria.is_empty() && !r.academic.is_empty()));
    for (s, f) in short.iter().zip(&full) {
        assert!(s.members.is_empty() && s.criteria.is_empty() && s.academic.is_empty());
        let mut f = f.clone();
        (f.members, f.criteria, f.academic) = (Vec::new(), Vec::new(), Vec::new());
        assert_eq!(*s, f);
    }
    // C moved to the first sitting and scored by a third member: seen at once.
    k.campaign
        .set_hearing(c, Some(k.sitting), OP)
        .expect("moved");
    score(&mut k.campaign, k.voters[2], c, criteria[0], "4").expect("score");
    let whole = k.campaign.score_board().expect("whole");
    let first = of(&k.campaign, Some(k.sitting), None);
    assert_eq!(first, cut(&whole, &[a, b, c]));
    assert_eq!(
        first.scores.iter().filter(|s| s.candidate_id == c).count(),
        3
    );
    assert!(of(&k.campaign, Some(other), None).scores.is_empty());
}

/// The names the scoring and recusal screens choose from are the candidates' list's, in
/// its order, and follow a change at once.
#[test]
fn the_candidates_names_follow_the_list() {
    let dir = temp();
    let mut k = commission(dir.path());
    let names = |c: &Campaign| -> Vec<(i64, String, String)> {
        c.candidate_names()
            .expect("names")
            .into_iter()
            .map(|n| (n.id, n.display_name, n.category_label))
            .collect()
    };
    let listed = |c: &Campaign| -> Vec<(i64, String, String)> {
        c.candidates()
            .expect("list")
            .into_iter()
            .map(|r| (r.id, r.display_name, r.category_label))
            .collect()
    };
    assert_eq!(names(&k.campaign), listed(&k.campaign));
    assert_eq!(names(&k.campaign)[0].1, "DUPONT-MOREAU Marie-Ève");
    k.campaign
        .set_candidate_field(k.candidates[0], Field::LastName, "ABADIE", OP)
        .expect("renamed");
    let after = names(&k.campaign);
    assert_eq!(after, listed(&k.campaign));
    assert_eq!(after[0].1, "ABADIE Marie-Ève");
}
