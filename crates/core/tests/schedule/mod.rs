//! The interview plan of a campaign: the demo is planned with everyone eligible heard once,
//! a setup that cannot work is refused with its reasons and the previous plan kept, a move
//! is checked live and pins the interview, pinned interviews survive planning again, and a
//! withdrawal frees the slot.

use cesp_core::demo;
use cesp_core::schedule::plan::{BreakSetup, DaySetup};

use super::temp;

const OP: &str = "Claire Dumont";

#[test]
fn the_demo_is_planned_and_a_bad_setup_keeps_the_previous_plan() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let view = c.schedule().expect("plan");
    assert!(view.unplaced.is_empty(), "{:?}", view.unplaced);
    assert!(view.conflicts.is_empty(), "{:?}", view.conflicts);
    assert!(view.interviews.len() > 20);
    assert!(view.quality.contains("sur 2 jours"), "{}", view.quality);
    // Everyone once; no jury twice at the same time.
    let mut seen = std::collections::HashSet::new();
    for i in &view.interviews {
        assert!(seen.insert(i.candidate_id), "{} twice", i.candidate_name);
    }
    let mut slots = std::collections::HashSet::new();
    for i in &view.interviews {
        assert!(
            slots.insert((i.jury_id, i.date.clone(), i.start)),
            "two interviews in one slot"
        );
    }
    // The intern on call on Thursday morning is not heard then.
    let setup = c.schedule_setup().expect("setup");
    let on_call = setup
        .unavailable
        .iter()
        .find_map(|u| u.candidate)
        .expect("a candidate");
    let theirs = view
        .interviews
        .iter()
        .find(|i| i.candidate_id == on_call)
        .expect("heard");
    assert!(
        !(theirs.date == "2027-01-14" && theirs.start < 13 * 60),
        "{theirs:?}"
    );

    // Bad setup: every field named.
    let mut bad = setup.clone();
    bad.interview_minutes = 0;
    bad.days[0].opening = "neuf heures".into();
    bad.days[1].date = "31/02/2027".into();
    let e = c
        .set_schedule_setup(&bad, OP)
        .expect_err("refused")
        .to_string();
    assert!(
        e.contains("« Durée d'un entretien » : 0\u{a0}min n'est pas possible"),
        "{e}"
    );
    assert!(
        e.contains("« Début » : « neuf heures » n'est pas une heure"),
        "{e}"
    );
    assert!(
        e.contains("« Date » : « 31/02/2027 » n'est pas une date"),
        "{e}"
    );

    // One short morning cannot hold everyone: refused, the plan stays.
    let mut short = setup.clone();
    short.days = vec![DaySetup {
        date: "14/01/2027".into(),
        opening: "9\u{a0}h".into(),
        closing: "10\u{a0}h\u{a0}30".into(),
        breaks: Vec::<BreakSetup>::new(),
        place: "Amiens".into(),
    }];
    c.set_schedule_setup(&short, OP).expect("saved");
    let e = c
        .plan_interviews(false, false, OP)
        .expect_err("impossible")
        .to_string();
    assert!(e.starts_with("Aucun planning n'est possible."), "{e}");
    assert!(e.ends_with("Le planning précédent est conservé."), "{e}");
    assert_eq!(c.schedule().expect("plan").interviews, view.interviews);
    // The plan in place now breaks the setup: said, not hidden.
    assert!(!c.schedule().expect("plan").conflicts.is_empty());
    c.set_schedule_setup(&setup, OP).expect("back");
}

#[test]
fn a_move_is_checked_and_pinned_and_a_withdrawal_frees_the_slot() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let view = c.schedule().expect("plan");
    let a = view.interviews[0].clone();
    let b = view.interviews[1].clone();
    // Onto another candidate's slot: refused, nothing changed.
    let e = c
        .move_interview(a.candidate_id, b.jury_id, &b.date, &b.start_display, OP)
        .expect_err("taken")
        .to_string();
    assert!(e.starts_with("Déplacement impossible"), "{e}");
    assert_eq!(c.schedule().expect("plan").interviews, view.interviews);
    // To a slot of the second jury, free on Friday afternoon: accepted and pinned.
    let other = view
        .juries
        .iter()
        .find(|j| j.0 != a.jury_id)
        .expect("two juries")
        .0;
    let moved = c
        .move_interview(a.candidate_id, other, "15/01/2027", "14\u{a0}h\u{a0}20", OP)
        .expect("moved");
    let m = moved
        .interviews
        .iter()
        .find(|i| i.candidate_id == a.candidate_id)
        .expect("there");
    assert!(
        m.pinned && m.date == "2027-01-15" && m.start == 14 * 60 + 20,
        "{m:?}"
    );
    // Planning again keeps the pinned interview where it is.
    let (_, again, _) = c.plan_interviews(false, false, OP).expect("planned");
    let m = again
        .interviews
        .iter()
        .find(|i| i.candidate_id == a.candidate_id)
        .expect("there");
    assert_eq!(
        (m.date.as_str(), m.start, m.pinned),
        ("2027-01-15", 14 * 60 + 20, true)
    );
    // A withdrawal frees the slot.
    let freed = c.free_interview(b.candidate_id, OP).expect("freed");
    assert!(!freed
        .interviews
        .iter()
        .any(|i| i.candidate_id == b.candidate_id));
    assert!(c.journal(1).expect("journal")[0].summary.contains("libéré"));
}

#[test]
fn the_timetable_shows_each_day_and_every_target_of_a_move_is_checked() {
    let dir = temp();
    let c = demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let view = c.schedule().expect("plan");
    // Two days, their slots, the lunch break and who sits.
    assert_eq!(view.days.len(), 2);
    let thursday = &view.days[0];
    assert_eq!(thursday.date_display, "jeudi 14 janvier 2027");
    assert_eq!(thursday.breaks.len(), 1);
    assert_eq!(
        thursday.breaks[0].display,
        "12\u{a0}h\u{a0}30 – 13\u{a0}h\u{a0}30"
    );
    assert_eq!(
        (thursday.breaks[0].start, thursday.breaks[0].end),
        (12 * 60 + 30, 13 * 60 + 30)
    );
    assert_eq!(thursday.slots[0].start_display, "8\u{a0}h\u{a0}30");
    assert!(thursday
        .slots
        .iter()
        .all(|s| s.end <= 12 * 60 + 30 || s.start >= 13 * 60 + 30));
    assert!(thursday
        .sittings
        .iter()
        .any(|s| s.sits && !s.members.is_empty()));
    // Every interview sits on a slot of its day's grid.
    for i in &view.interviews {
        let day = view
            .days
            .iter()
            .find(|d| d.date == i.date)
            .expect("its day");
        assert!(day.slots.iter().any(|s| s.start == i.start), "{i:?}");
    }

    let a = &view.interviews[0];
    let b = &view.interviews[1];
    let targets = c.move_targets(a.candidate_id).expect("targets");
    let slots: usize = view.days.iter().map(|d| d.slots.len()).sum();
    assert_eq!(targets.len(), slots * view.juries.len());
    let at = |jury: i64, date: &str, start: i64| {
        targets
            .iter()
            .find(|t| t.jury_id == jury && t.date == date && t.start == start)
            .expect("a target")
    };
    // Where it is: allowed; onto another candidate: the conflict named.
    assert!(at(a.jury_id, &a.date, a.start).conflicts.is_empty());
    let taken = &at(b.jury_id, &b.date, b.start).conflicts;
    assert!(
        !taken.is_empty(),
        "the slot of {} is taken",
        b.candidate_name
    );
    // Some free slot is allowed, and the core agrees when asked to move there.
    let free = targets
        .iter()
        .find(|t| t.conflicts.is_empty() && (t.date != a.date || t.start != a.start))
        .expect("a free slot");
    let mut c = c;
    let start = format!("{}:{:02}", free.start / 60, free.start % 60);
    c.move_interview(a.candidate_id, free.jury_id, &free.date, &start, OP)
        .expect("allowed");
    // Pinned there, the interview can still move on: its own pin goes with it.
    let again = c.move_targets(a.candidate_id).expect("targets");
    let allowed = |t: &[cesp_core::schedule::plan::MoveTarget]| {
        t.iter().filter(|t| t.conflicts.is_empty()).count()
    };
    assert_eq!(allowed(&again), allowed(&targets), "{again:?}");
    // A candidate who is not to be heard cannot be placed.
    assert!(c.move_targets(999_999).is_err());
}

#[test]
fn a_withdrawal_and_a_removed_jury_change_only_what_they_must() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let view = c.schedule().expect("plan");
    let heard = view.to_hear.len();
    assert!(view.setup_error.is_none());

    // A withdrawal before the interview: reason required, then slot freed and not re-planned.
    let a = view.interviews[0].clone();
    let e = c
        .withdraw_before_interview(a.candidate_id, "  ", OP)
        .expect_err("reason");
    assert!(e.to_string().contains("« Motif » est obligatoire"), "{e}");
    let after = c
        .withdraw_before_interview(a.candidate_id, "désistement reçu par courriel", OP)
        .expect("withdrawn");
    assert!(!after
        .interviews
        .iter()
        .any(|i| i.candidate_id == a.candidate_id));
    assert!(!after.unplaced.iter().any(|w| w.id == a.candidate_id));
    assert_eq!(after.to_hear.len(), heard - 1);
    let (_, again, _) = c.plan_interviews(false, false, OP).expect("planned");
    assert!(!again
        .interviews
        .iter()
        .any(|i| i.candidate_id == a.candidate_id));
    let d = c.dossier(a.candidate_id).expect("dossier");
    assert!(
        d.eligibility.label.contains("Non recevable"),
        "{}",
        d.eligibility.label
    );

    // Removing the first jury keeps the second's interviews where they are.
    let mut setup = c.schedule_setup().expect("setup");
    let second = setup.juries[1].id.expect("saved jury");
    let second_before: Vec<_> = again
        .interviews
        .iter()
        .filter(|i| i.jury_id == second)
        .map(|i| (i.candidate_id, i.date.clone(), i.start))
        .collect();
    assert!(!second_before.is_empty());
    let first_members = setup.juries[0].members.clone();
    setup.juries.remove(0);
    setup.juries[0].members.extend(first_members);
    let view = c
        .set_schedule_setup(&setup, OP)
        .map(|_| c.schedule().expect("view"))
        .expect("saved");
    let second_after: Vec<_> = view
        .interviews
        .iter()
        .map(|i| (i.candidate_id, i.date.clone(), i.start))
        .collect();
    assert_eq!(second_after, second_before);
    assert!(view.interviews.iter().all(|i| i.jury_id == second));

    // A member in two juries is refused at the field.
    let mut twice = c.schedule_setup().expect("setup");
    let m = twice.juries[0].members[0];
    twice.juries.push(cesp_core::schedule::plan::JurySetup {
        id: None,
        name: "Jury 3".into(),
        room: String::new(),
        members: vec![m],
    });
    let e = c.set_schedule_setup(&twice, OP).expect_err("refused");
    assert!(
        e.to_string()
            .contains("un membre ne peut pas être dans deux jurys"),
        "{e}"
    );
}

#[test]
fn hours_breaks_and_juries_that_cannot_work_are_refused_at_their_field() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let good = c.schedule_setup().expect("setup");
    let mut bad = good.clone();
    bad.days[0].opening = "17\u{a0}h".into();
    bad.days[0].closing = "9\u{a0}h".into();
    bad.days.push(DaySetup {
        date: "16/01/2027".into(),
        opening: "9\u{a0}h".into(),
        closing: "12\u{a0}h".into(),
        breaks: vec![BreakSetup {
            start: "12\u{a0}h\u{a0}30".into(),
            end: "13\u{a0}h\u{a0}30".into(),
        }],
        place: String::new(),
    });
    bad.juries[1].members.clear();
    let e = c.set_schedule_setup(&bad, OP).expect_err("refused");
    let cesp_core::Error::Validation(issues) = e else {
        panic!("{e}")
    };
    let at = |field: &str| {
        issues
            .iter()
            .find(|i| i.field == field)
            .map(|i| i.message.clone())
            .unwrap_or_else(|| panic!("nothing at {field}: {issues:?}"))
    };
    assert!(at("days.0.closing").contains("« Fin » (9\u{a0}h) doit suivre « Début » (17\u{a0}h)"));
    assert!(at("days.2.breaks.0.start")
        .contains("elle sort des horaires de la journée (9\u{a0}h – 12\u{a0}h)"));
    assert!(at("juries.1.members").contains("cochez au moins un membre"));
    assert_eq!(c.schedule_setup().expect("setup"), good, "nothing saved");

    // A member away on a morning: the jury cannot sit, said once however many interviews.
    let mut sick = good.clone();
    let members = sick.juries[0].members.clone();
    for m in members.iter().take(2) {
        sick.unavailable
            .push(cesp_core::schedule::plan::Unavailable {
                member: Some(*m),
                candidate: None,
                date: "14/01/2027".into(),
                part: cesp_core::schedule::plan::HalfDayPart::Morning,
                reason: "malade".into(),
            });
    }
    c.set_schedule_setup(&sick, OP).expect("saved");
    let view = c.schedule().expect("view");
    assert!(!view.conflicts.is_empty());
    let unique: std::collections::HashSet<&String> = view.conflicts.iter().collect();
    assert_eq!(unique.len(), view.conflicts.len(), "{:?}", view.conflicts);
    assert!(view.days[0]
        .sittings
        .iter()
        .any(|s| !s.sits && s.part == cesp_core::schedule::plan::HalfDayPart::Morning));
}

#[test]
fn convocations_out_make_planning_again_a_replan_with_amended_convocations() {
    use cesp_core::Refusal;
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    assert_eq!(c.schedule().expect("view").convocations, None);
    // Before anything went out: nothing amended to write.
    let early = dir.path().join("trop-tôt");
    std::fs::create_dir(&early).expect("dir");
    let e = c
        .write_convocations(&early, demo::STORY_SIGNING_DAY, true, OP)
        .expect_err("nothing out yet");
    assert!(
        matches!(e, cesp_core::Error::Refused(Refusal::NoConvocationOut, _)),
        "{e}"
    );
    let first = c.schedule().expect("view").interviews;
    let out = dir.path().join("convocations");
    std::fs::create_dir(&out).expect("dir");
    let written = c
        .write_convocations(&out, demo::STORY_SIGNING_DAY, false, OP)
        .expect("written");
    assert_eq!(written.letters as usize, first.len());
    assert_eq!(written.amended, 0);
    let out_now = c.schedule().expect("view").convocations.expect("out");
    assert_eq!(out_now.candidates as usize, first.len());
    assert_eq!(out_now.to_send, 0);

    // From scratch is refused, and said why; the plan is untouched.
    let e = c.plan_interviews(false, false, OP).expect_err("refused");
    assert!(
        matches!(e, cesp_core::Error::Refused(Refusal::ConvocationsOut, _)),
        "{e}"
    );
    assert_eq!(c.schedule().expect("view").interviews, first);

    // A replan with nothing changed moves nothing.
    let preview = c.preview_plan().expect("preview");
    assert!(preview.replan);
    assert!(preview.changes.is_empty(), "{:?}", preview.changes);

    // One candidate's slot is freed (ill): planned again, they move, nobody else does.
    let ill = first[3].candidate_id;
    c.free_interview(ill, OP).expect("freed");
    let (plan, view, changes) = c.plan_interviews(false, true, OP).expect("replanned");
    assert_eq!(
        plan.quality.moved, 0,
        "a freed candidate has no interview in force"
    );
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].candidate_id, ill);
    assert!(changes[0].convoked);
    for i in first.iter().filter(|i| i.candidate_id != ill) {
        assert!(view.interviews.contains(i), "{} moved", i.candidate_name);
    }
    // Placed back in their old slot (free again), their convocation stands; elsewhere, an
    // amended one is to send.
    let back = view
        .interviews
        .iter()
        .find(|i| i.candidate_id == ill)
        .expect("placed");
    let same = first.contains(back);
    assert_eq!(
        view.convocations.as_ref().expect("out").to_send,
        u32::from(!same)
    );

    // Another is withdrawn: their interview is cancelled. The amended set has exactly the
    // moved letter (if it moved) and the cancellation.
    let gone = first[5].candidate_id;
    c.withdraw_before_interview(gone, "désistement reçu par courriel", OP)
        .expect("withdrawn");
    let amended = dir.path().join("modifications");
    std::fs::create_dir(&amended).expect("dir");
    let w = c
        .write_convocations(&amended, demo::STORY_SIGNING_DAY, true, OP)
        .expect("written");
    assert_eq!(w.cancellations, 1);
    let expected_letters = usize::from(!same);
    assert_eq!(w.letters as usize, expected_letters);
    assert_eq!(w.amended as usize, expected_letters);
    let cancel = std::fs::read_dir(&amended)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("Annulation entretien CESP - "))
        .expect("a cancellation");
    let text = std::fs::read_to_string(amended.join(&cancel)).expect("ics");
    assert!(text.contains("METHOD:CANCEL\r\n"), "{text}");
    assert!(text.contains("SEQUENCE:1\r\n"), "{text}");
    assert!(text.contains("STATUS:CANCELLED\r\n"), "{text}");
    // Recorded: nothing more to send, and a second run says so.
    assert_eq!(
        c.schedule()
            .expect("view")
            .convocations
            .expect("out")
            .to_send,
        0
    );
    let e = c
        .write_convocations(&amended, demo::STORY_SIGNING_DAY, true, OP)
        .expect_err("nothing new");
    assert!(
        matches!(
            e,
            cesp_core::Error::Refused(Refusal::NoConvocationChange, _)
        ),
        "{e}"
    );
    let journal = c.journal(50).expect("journal");
    assert!(journal.iter().any(|l| l.action == "schedule.replan"
        && l.summary
            .contains("Entretiens replanifiés en déplaçant le moins possible : 1 changement (")));
}

/// The 1 000-candidate instance of the benchmark (5 juries, 5 days, separation, 294
/// preferences), on which balancing once spent the search's budget and no plan came out.
#[test]
fn a_thousand_candidates_are_planned_and_balanced() {
    use cesp_core::schedule::solver;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/schedule/large-1000.json"
    );
    let p: solver::Problem =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    assert_eq!(p.candidates.len(), 1000);
    let plan = solver::plan(&p).expect("a plan");
    assert_eq!(plan.interviews.len(), 1000);
    assert!(solver::check(&p, &plan.interviews).is_empty());
    assert!(plan.exact);
    assert_eq!(plan.separation, solver::Separation::Kept);
    // Salle 1 sits only where it has 190 slots: the others within one of each other.
    let loads: Vec<usize> = p
        .juries
        .iter()
        .map(|j| plan.interviews.iter().filter(|i| i.jury == j.id).count())
        .collect();
    assert_eq!(loads.iter().min(), Some(&190), "{loads:?}");
    let others: Vec<usize> = loads.iter().copied().filter(|&n| n != 190).collect();
    assert!(
        others.iter().max().unwrap() - others.iter().min().unwrap() <= 1,
        "{loads:?}"
    );
    assert_eq!(plan.quality.preferences_met, plan.quality.preferences_asked);
}

/// Where an interview may move is checked day by day (issue 25: on 10 000 candidates the
/// whole plan was checked once per slot, minutes); the answer is the whole plan's: for
/// every slot, the conflicts a move there adds to the plan as stored, even a plan that
/// already breaks rules (a member made unavailable after planning).
#[test]
fn move_targets_say_what_checking_the_whole_plan_says() {
    use cesp_core::schedule::plan::{HalfDayPart, Unavailable};
    use cesp_core::schedule::solver;
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let view = c.schedule().expect("plan");
    let first = &view.interviews[0];
    let mut setup = c.schedule_setup().expect("setup");
    let jury = setup.juries.iter().find(|j| j.id == Some(first.jury_id));
    let member = jury.map_or(setup.juries[0].members[0], |j| j.members[0]);
    setup.unavailable.push(Unavailable {
        member: Some(member),
        candidate: None,
        date: cesp_core::fr::date_short(cesp_core::fr::parse_date(&first.date).expect("date")),
        part: HalfDayPart::Morning,
        reason: "réunion au rectorat".into(),
    });
    c.set_schedule_setup(&setup, OP).expect("setup");
    let view = c.schedule().expect("plan");
    assert!(!view.conflicts.is_empty(), "the plan now breaks a rule");
    let stored: Vec<solver::Interview> = view
        .interviews
        .iter()
        .map(|i| solver::Interview {
            candidate: i.candidate_id,
            jury: i.jury_id,
            date: cesp_core::fr::parse_date(&i.date).expect("date"),
            start: i.start as u32,
            end: i.end as u32,
        })
        .collect();
    for i in view.interviews.iter().step_by(5) {
        let mut problem = cesp_core::schedule::plan::problem(c.conn()).expect("problem");
        problem.pins.retain(|p| p.candidate != i.candidate_id);
        let before: Vec<String> = solver::check(&problem, &stored)
            .into_iter()
            .map(|c| c.message)
            .collect();
        let targets = c.move_targets(i.candidate_id).expect("targets");
        assert_eq!(
            targets.len(),
            solver::slots(&problem).len() * problem.juries.len()
        );
        for t in &targets {
            let moved = solver::Interview {
                candidate: i.candidate_id,
                jury: t.jury_id,
                date: cesp_core::fr::parse_date(&t.date).expect("date"),
                start: t.start as u32,
                end: t.start as u32 + problem.interview_minutes,
            };
            let whole: Vec<String> = if stored.contains(&moved) {
                Vec::new()
            } else {
                let mut after: Vec<solver::Interview> = stored
                    .iter()
                    .filter(|s| s.candidate != i.candidate_id)
                    .copied()
                    .collect();
                after.push(moved);
                solver::check(&problem, &after)
                    .into_iter()
                    .map(|c| c.message)
                    .filter(|m| !before.contains(m))
                    .collect()
            };
            assert_eq!(t.conflicts, whole, "{} to {t:?}", i.candidate_name);
        }
    }
}
