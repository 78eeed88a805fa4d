//! Unit tests of the minutes' rules on a hand-built campaign (no database): what the
//! minutes state, the checks before sealing, the sealing section.

use chrono::NaiveDate;

use super::assemble::{assemble, checklist, sealed_by, sealing_section, Annex};
use super::sources::*;
use super::{Acting, Minutes};
use crate::candidate::{Category, Discipline};
use crate::commission::{
    Attendance, Member, MemberAttendance, PadhueAcademic, Recusal, Role, Sitting,
};
use crate::scoring::ranking::Status;

fn member(id: i64, name: &str, role: Role, voting: bool) -> Member {
    Member {
        id,
        name: name.into(),
        role,
        role_label: role.label().into(),
        voting,
        email: None,
    }
}

/// A sitting where member `i` (in the order of the members) has `attendance[i]`.
fn sitting(attendance: &[Option<Attendance>]) -> Sitting {
    Sitting {
        id: 1,
        date: "2027-01-14".into(),
        date_display: "jeudi 14 janvier 2027".into(),
        start_time: "09:00".into(),
        start_display: "9\u{a0}h".into(),
        place: "Salle du conseil".into(),
        attendance: attendance
            .iter()
            .enumerate()
            .map(|(i, status)| MemberAttendance {
                member_id: i as i64 + 1,
                status: *status,
            })
            .collect(),
        present_voting: 2,
        voting_total: 2,
        quorum_required: 1,
        quorum_met: true,
        quorum_statement: "Quorum atteint.".into(),
        heard: 3,
    }
}

fn ranked(name: &str, status: Status, locked: bool) -> Ranked {
    Ranked {
        name: name.into(),
        status,
        locked,
        blocks: vec!["12,5".into(), "10".into()],
        total: "22,5".into(),
    }
}

fn decided(position: Option<i64>, name: &str) -> Decided {
    Decided {
        position,
        name: name.into(),
        total: "22,5".into(),
        reason: format!("{name} : motif."),
    }
}

/// A campaign ready to seal: a physician (1), the chair (2) listed second and the
/// secretary (3), without a vote; one sitting where the physician and the chair were
/// present and the secretary's attendance is not recorded; every score complete and
/// validated; the lists recorded as they stand.
fn campaign() -> Sources {
    let lists = Lists {
        groups: vec![ListSource {
            label: "Étudiants — médecine".into(),
            quota: 2,
            specialties: vec!["médecine générale : 1".into()],
            main: vec![decided(Some(1), "DUPONT Marie")],
            complementary: vec![decided(Some(1), "MARTIN Paul")],
            ties: Vec::new(),
            not_retained: Vec::new(),
            unused: 0,
        }],
        rules_statement: "Les contrats sont attribués dans l'ordre du classement.".into(),
        notices: vec!["Aucun contrat pour les internes.".into()],
        ties_to_settle: false,
        recorded_form: "{lists}".into(),
    };
    Sources {
        campaign_uid: "uid-1".into(),
        academic_year: "2026-2027".into(),
        ufr_name: "UFR de médecine".into(),
        university: "Université de Picardie".into(),
        managing_body: "CNG".into(),
        city: "Amiens".into(),
        quotas: vec![(Category::Student, Discipline::Medicine, 2)],
        members: vec![
            member(1, "Dr Paul MARTIN", Role::Physician, true),
            member(2, "Pr Jean LEFEBVRE", Role::Chair, true),
            member(3, "Mme Anne ROUX", Role::Secretary, false),
        ],
        commission_rules: "La commission délibère valablement…".into(),
        padhue_academic: PadhueAcademic::Waived,
        padhue_candidates: false,
        sittings: vec![sitting(&[
            Some(Attendance::Present),
            Some(Attendance::Present),
            None,
        ])],
        grid: vec![
            GridBlock {
                academic: true,
                label: "Résultats universitaires".into(),
                max_points: 20.0,
                criteria: vec![("Moyenne".into(), "sur 20, coefficient 1".into())],
            },
            GridBlock {
                academic: false,
                label: "Projet professionnel".into(),
                max_points: 15.5,
                criteria: vec![("Motivation".into(), "sur 5, coefficient 1".into())],
            },
        ],
        grid_total: "35,5".into(),
        recusals: vec![Recusal {
            member_id: 1,
            member_name: "Dr Paul MARTIN".into(),
            candidate_id: 10,
            candidate_name: "DUPONT Marie".into(),
            reason: "directeur de thèse".into(),
            at_display: "14/01/2027".into(),
        }],
        ranking: vec![
            RankedGroup {
                label: "Étudiants — médecine".into(),
                rows: vec![
                    ranked("DUPONT Marie", Status::Complete, true),
                    ranked("MARTIN Paul", Status::Complete, true),
                    ranked("ABSENT Léa", Status::NotHeard, false),
                ],
            },
            RankedGroup {
                label: "Internes — médecine".into(),
                rows: vec![ranked("NONVENU Tom", Status::NotHeard, false)],
            },
        ],
        lists,
        recorded: Some(RecordedLists {
            id: 4,
            at: "2027-01-15T16:40:00Z".into(),
            result: "{lists}".into(),
        }),
        tie_votes: Vec::new(),
        overrides: Vec::new(),
        annex: Default::default(),
        journal_until: 0,
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 17).unwrap()
}

fn minutes(s: &Sources) -> Minutes {
    assemble(s, day())
}

fn codes(s: &Sources) -> Vec<(String, bool)> {
    checklist(&minutes(s), s)
        .into_iter()
        .map(|i| (i.code, i.blocking))
        .collect()
}

fn text_of(s: &Sources, code: &str) -> String {
    checklist(&minutes(s), s)
        .into_iter()
        .find(|i| i.code == code)
        .map(|i| i.text)
        .unwrap_or_else(|| panic!("no {code}"))
}

#[test]
fn the_minutes_state_the_campaign_its_quotas_and_grid() {
    let m = minutes(&campaign());
    assert_eq!(m.campaign_uid, "uid-1");
    assert_eq!(m.title, "Procès-verbal de la commission CESP — 2026-2027");
    assert_eq!(m.letterhead, ["UFR de médecine", "Université de Picardie"]);
    assert_eq!(m.legal_basis.len(), super::LEGAL_BASIS.len());
    assert_eq!(m.quotas, ["Étudiants — médecine : 2 contrats"]);
    assert_eq!(m.grid[0].block, "Résultats universitaires (sur 20)");
    assert_eq!(m.grid[1].block, "Projet professionnel (sur 15,5)");
    assert_eq!(m.grid[1].criteria, ["Motivation — sur 5, coefficient 1"]);
    assert_eq!(m.grid_total, "Total sur 35,5");
    assert_eq!(m.place_date, "Fait à Amiens, le 17 janvier 2027");
    assert_eq!(
        m.allocation_rules,
        "Les contrats sont attribués dans l'ordre du classement."
    );
    assert_eq!(m.notices, ["Aucun contrat pour les internes."]);
    assert!(m.sealing.is_empty());
    assert!(m.padhue.is_empty());
}

#[test]
fn a_sitting_lists_who_was_present_excused_and_absent() {
    let mut s = campaign();
    s.sittings[0] = sitting(&[Some(Attendance::Excused), Some(Attendance::Present), None]);
    let m = minutes(&s);
    let line = &m.sittings[0];
    assert_eq!(line.when, "jeudi 14 janvier 2027 à 9\u{a0}h");
    assert_eq!(line.place, "Salle du conseil");
    let names = |l: &[super::MemberLine]| l.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&line.present), ["Pr Jean LEFEBVRE"]);
    assert_eq!(names(&line.excused), ["Dr Paul MARTIN"]);
    // Attendance not recorded counts as absent.
    assert_eq!(names(&line.absent), ["Mme Anne ROUX"]);
    assert_eq!((line.quorum.as_str(), line.heard), ("Quorum atteint.", 3));
    // Without a start time, the day alone.
    s.sittings[0].start_display.clear();
    assert_eq!(minutes(&s).sittings[0].when, "jeudi 14 janvier 2027");
}

#[test]
fn minutes_sealed_by_an_older_version_with_plain_spaces_still_say_the_same() {
    let now = minutes(&campaign());
    assert!(now.sittings[0].when.contains("9\u{a0}h"));
    // As a version that wrote « 9 h » and « : » with plain spaces sealed them.
    let older: Minutes =
        serde_json::from_str(&now.canonical().replace(['\u{a0}', '\u{202f}'], " "))
            .expect("minutes");
    assert_ne!(older.fingerprint(), now.fingerprint());
    assert!(super::differences(&older, &now).is_empty());
    // What they say still counts: another hour is another sitting.
    let mut moved = older.clone();
    moved.sittings[0].when = "jeudi 14 janvier 2027 à 10 h".into();
    assert_eq!(super::differences(&moved, &now), ["séances et présences"]);
}

#[test]
fn those_present_sign_the_chair_first_or_the_chair_alone() {
    let m = minutes(&campaign());
    assert_eq!(
        m.signatories.iter().map(|m| m.id).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(m.signatories[0].role, Role::Chair.label());
    let mut s = campaign();
    s.sittings[0] = sitting(&[None, None, None]);
    assert_eq!(
        minutes(&s)
            .signatories
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>(),
        [2]
    );
}

#[test]
fn recusals_are_shown() {
    assert_eq!(
        minutes(&campaign()).recusals,
        ["Dr Paul MARTIN — DUPONT Marie : directeur de thèse"]
    );
}

#[test]
fn only_the_candidates_heard_are_listed_with_their_scores() {
    let m = minutes(&campaign());
    // The interns' group, where nobody was heard, is left out.
    assert_eq!(m.heard.len(), 1);
    let g = &m.heard[0];
    assert_eq!(g.label, "Étudiants — médecine");
    assert_eq!(
        g.blocks,
        ["Résultats universitaires", "Projet professionnel"]
    );
    assert_eq!(
        g.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["DUPONT Marie", "MARTIN Paul"]
    );
    assert_eq!(g.rows[0].blocks, ["12,5", "10"]);
    assert_eq!(g.rows[0].total, "22,5");
}

#[test]
fn the_lists_show_the_complementary_list_and_those_not_retained_tied_first() {
    let mut s = campaign();
    s.lists.groups[0].ties = vec![decided(None, "EGAL Zoé")];
    s.lists.groups[0].not_retained = vec![decided(None, "HORS Luc")];
    let m = minutes(&s);
    let g = &m.lists[0];
    assert_eq!(g.quota, "2 contrats (médecine générale : 1)");
    assert_eq!(g.main[0].position, "1");
    assert_eq!(g.main[0].name, "DUPONT Marie");
    assert_eq!(g.main[0].reason, "DUPONT Marie : motif.");
    assert_eq!(g.complementary[0].name, "MARTIN Paul");
    assert_eq!(
        g.not_retained
            .iter()
            .map(|d| (d.position.as_str(), d.name.as_str()))
            .collect::<Vec<_>>(),
        [("", "EGAL Zoé"), ("", "HORS Luc")]
    );
    s.lists.groups[0].specialties.clear();
    s.lists.groups[0].quota = 1;
    assert_eq!(minutes(&s).lists[0].quota, "1 contrat");
}

#[test]
fn withdrawals_come_from_the_journal_and_the_annex_keeps_its_decisions() {
    let mut s = campaign();
    let line = |action: &str, summary: &str| JournalLine {
        at: "2027-01-15T16:40:00Z".into(),
        operator: "secrétariat".into(),
        action: action.into(),
        summary: summary.into(),
    };
    let mut annex = Annex::default();
    for (id, row) in [
        line("candidate.add", "Candidat ajouté."),
        line("score.set", "Note de 4."),
        line("scores.lock", "Notes validées."),
        line(
            "allocation.withdrawal",
            "Désistement de DUPONT Marie : MARTIN Paul est promu de la liste complémentaire.",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        annex.add(id as i64 + 9, row);
    }
    assert_eq!(annex.last, 12);
    s.annex = std::sync::Arc::new(annex);
    s.journal_until = 12;
    let m = minutes(&s);
    assert_eq!(
        m.withdrawals,
        ["Désistement de DUPONT Marie : MARTIN Paul est promu de la liste complémentaire."]
    );
    assert_eq!(
        m.annex
            .iter()
            .map(|a| a.summary.as_str())
            .collect::<Vec<_>>(),
        [
            "Notes validées.",
            "Désistement de DUPONT Marie : MARTIN Paul est promu de la liste complémentaire."
        ]
    );
    assert_eq!(m.annex[0].at, "15/01/2027 à 17\u{a0}h\u{a0}40");
    assert_eq!(m.annex[0].operator, "secrétariat");
    assert_eq!(m.journal_until, 12);
}

#[test]
fn a_tie_break_vote_is_one_line_per_reason_and_overrides_are_stated() {
    let mut s = campaign();
    let vote = |candidate: &str, position, reason: &str| TieVote {
        candidate: candidate.into(),
        position,
        reason: reason.into(),
        at: "2027-01-15T16:40:00Z".into(),
    };
    s.tie_votes = vec![
        vote("DUPONT Marie", 1, "projet plus abouti"),
        vote("MARTIN Paul", 2, "projet plus abouti"),
        vote("ROUX Léa", 1, "unanimité"),
    ];
    s.overrides = vec![Override {
        candidate: "HORS Luc".into(),
        outcome: "complementary".into(),
        reason: "dossier complété en séance".into(),
        at: "2027-01-15T16:40:00Z".into(),
    }];
    let m = minutes(&s);
    assert_eq!(
        m.votes,
        [
            "Vote du 15/01/2027 à 17\u{a0}h\u{a0}40 : DUPONT Marie (1), MARTIN Paul (2) — projet plus abouti",
            "Vote du 15/01/2027 à 17\u{a0}h\u{a0}40 : ROUX Léa (1) — unanimité",
        ]
    );
    assert_eq!(
        m.overrides,
        ["HORS Luc : inscrit(e) sur la liste complémentaire par décision de la commission du 15/01/2027 à 17\u{a0}h\u{a0}40 — motif : dossier complété en séance"]
    );
}

#[test]
fn the_padhue_rule_is_stated_when_the_campaign_has_padhue_candidates_or_contracts() {
    let mut s = campaign();
    s.padhue_candidates = true;
    assert_eq!(
        minutes(&s).padhue,
        PadhueAcademic::Waived.statement("Résultats universitaires", "35,5")
    );
    let mut s = campaign();
    s.quotas.push((Category::Padhue, Discipline::Medicine, 1));
    s.padhue_academic = PadhueAcademic::Commission;
    assert_eq!(
        minutes(&s).padhue,
        PadhueAcademic::Commission.statement("Résultats universitaires", "35,5")
    );
}

#[test]
fn a_campaign_ready_to_seal_has_nothing_to_check() {
    assert_eq!(codes(&campaign()), []);
}

#[test]
fn candidates_tied_at_the_last_useful_rank_block_the_seal() {
    let mut s = campaign();
    s.lists.ties_to_settle = true;
    // While ties wait for a vote, the lists cannot be recorded: not asked for.
    s.recorded = None;
    assert_eq!(codes(&s), [("ties".to_owned(), true)]);
}

#[test]
fn a_sitting_with_presences_is_required() {
    let mut s = campaign();
    s.sittings.clear();
    assert_eq!(codes(&s), [("no_sitting".to_owned(), true)]);
    let mut s = campaign();
    s.sittings[0] = sitting(&[Some(Attendance::Absent), Some(Attendance::Excused), None]);
    assert_eq!(codes(&s), [("no_presence".to_owned(), true)]);
}

#[test]
fn a_chair_is_required() {
    let mut s = campaign();
    s.members[1].role = Role::Physician;
    assert_eq!(codes(&s), [("no_chair".to_owned(), true)]);
    assert_eq!(
        text_of(&s, "no_chair"),
        "la commission n'a pas de président(e) : désignez-le dans la section « Commission »"
    );
}

#[test]
fn the_lists_must_be_recorded_as_they_stand() {
    let mut s = campaign();
    s.recorded = None;
    assert_eq!(codes(&s), [("lists_not_recorded".to_owned(), true)]);
    assert!(text_of(&s, "lists_not_recorded").starts_with("les listes n'ont pas été arrêtées"));
    let mut s = campaign();
    s.lists.recorded_form = "{other lists}".into();
    assert_eq!(codes(&s), [("lists_not_recorded".to_owned(), true)]);
    assert_eq!(
        text_of(&s, "lists_not_recorded"),
        "les listes ont changé depuis l'attribution n° 4 du 15/01/2027 à 17\u{a0}h\u{a0}40 : arrêtez-les à nouveau (section « Attribution », « Arrêter les listes »)"
    );
}

#[test]
fn incomplete_scores_are_acknowledged_not_blocking() {
    let mut s = campaign();
    s.ranking[0].rows[1].status = Status::Incomplete;
    assert_eq!(codes(&s), [("scores_incomplete".to_owned(), false)]);
    assert_eq!(
        text_of(&s, "scores_incomplete"),
        "1 candidat entendu n'a pas toutes ses notes : MARTIN Paul — complétez-les (section « Notation ») ou scellez en connaissance de cause"
    );
    // Past six names, the others are counted.
    s.ranking[0].rows = (1..=8)
        .map(|i| ranked(&format!("C{i}"), Status::Incomplete, false))
        .collect();
    assert_eq!(
        text_of(&s, "scores_incomplete"),
        "8 candidats entendus n'ont pas toutes leurs notes : C1, C2, C3, C4, C5, C6 et 2 autres — complétez-les (section « Notation ») ou scellez en connaissance de cause"
    );
}

#[test]
fn scores_not_validated_are_acknowledged_not_blocking() {
    let mut s = campaign();
    s.ranking[0].rows[0].locked = false;
    // A candidate not heard is never asked about.
    s.ranking[1].rows[0].locked = false;
    assert_eq!(codes(&s), [("scores_not_validated".to_owned(), false)]);
    assert_eq!(
        text_of(&s, "scores_not_validated"),
        "les notes de 1 candidat entendu ne sont pas validées : DUPONT Marie — validez-les (section « Notation ») ou scellez en connaissance de cause"
    );
}

#[test]
fn contracts_not_given_say_why() {
    let mut s = campaign();
    let g = &mut s.lists.groups[0];
    g.unused = 1;
    assert_eq!(codes(&s), [("contracts_unallocated".to_owned(), false)]);
    assert_eq!(
        text_of(&s, "contracts_unallocated"),
        "Étudiants — médecine : 1 contrat non attribué sur 2 : pas assez de candidats"
    );
    s.lists.groups[0].not_retained = vec![decided(None, "A"), decided(None, "B")];
    assert_eq!(
        text_of(&s, "contracts_unallocated"),
        "Étudiants — médecine : 1 contrat non attribué sur 2 : 2 candidats ne remplissent pas les conditions (voir « Non retenus » dans la section « Attribution »)"
    );
    let g = &mut s.lists.groups[0];
    g.main.clear();
    g.complementary.clear();
    g.not_retained.clear();
    g.unused = 2;
    assert_eq!(
        text_of(&s, "contracts_unallocated"),
        "Étudiants — médecine : 2 contrats non attribués sur 2 : aucun candidat dans cette catégorie"
    );
}

#[test]
fn every_point_is_listed_blocking_first() {
    let mut s = campaign();
    s.lists.ties_to_settle = true;
    s.sittings.clear();
    s.members.retain(|m| m.role != Role::Chair);
    s.ranking[0].rows[0].status = Status::Incomplete;
    s.ranking[0].rows[1].locked = false;
    s.lists.groups[0].unused = 1;
    assert_eq!(
        codes(&s),
        [
            ("ties".to_owned(), true),
            ("no_sitting".to_owned(), true),
            ("no_chair".to_owned(), true),
            ("scores_incomplete".to_owned(), false),
            ("scores_not_validated".to_owned(), false),
            ("contracts_unallocated".to_owned(), false),
        ]
    );
}

#[test]
fn the_sealing_section_names_who_sealed_and_the_points_acknowledged() {
    assert_eq!(
        sealed_by(Acting::Chair, "secrétariat", "Pr Jean LEFEBVRE"),
        "Pr Jean LEFEBVRE, président(e) de la commission"
    );
    let by = sealed_by(Acting::OnBehalf, "  Anne   ROUX ", "Pr Jean LEFEBVRE");
    assert_eq!(
        by,
        "Anne ROUX, au nom de Pr Jean LEFEBVRE, président(e) de la commission"
    );
    assert_eq!(
        sealing_section(&by, &[], ""),
        ["Procès-verbal scellé par Anne ROUX, au nom de Pr Jean LEFEBVRE, président(e) de la commission."]
    );
    assert_eq!(
        sealing_section(
            "Pr Jean LEFEBVRE",
            &["les notes de 1 candidat ne sont pas validées"],
            "séance close"
        ),
        [
            "Procès-verbal scellé par Pr Jean LEFEBVRE.",
            "Scellé en connaissance du point suivant, pour ce motif : « séance close ».",
            "Les notes de 1 candidat ne sont pas validées.",
        ]
    );
    let two = sealing_section("X", &["un", "deux"], "motif");
    assert_eq!(
        two[1],
        "Scellé en connaissance des points suivants, pour ce motif : « motif »."
    );
    assert_eq!(&two[2..], ["Un.", "Deux."]);
}
