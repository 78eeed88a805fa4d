use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};

use super::ics::{escape, fold};
use super::*;
use crate::files::unique_file_names;
use crate::schedule::solver::{Break, Day, Part};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn sender() -> Sender {
    Sender {
        settings: crate::demo::settings(),
        campaign_uid: "amiens-2026-2027".into(),
        place: "Faculté de médecine, 3 rue des Louvels, 80036 Amiens".into(),
        to_bring: Vec::new(),
        arrive_early_minutes: 15,
        contact: Contact {
            name: "Mme Claire PETIT, secrétariat de la commission".into(),
            email: "cesp.medecine@u-picardie.fr".into(),
            phone: "03 22 82 77 00".into(),
        },
        signer: Signer {
            name: "Pr Jean-Marc LEFEBVRE".into(),
            title: "Le président de la commission".into(),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn appointment(
    id: i64,
    civility: Civility,
    first: &str,
    last: &str,
    category: &str,
    day: NaiveDate,
    start: u32,
    pinned: bool,
) -> Appointment {
    Appointment {
        candidate_id: id,
        civility,
        first_names: first.into(),
        last_name: last.into(),
        email: format!("candidat{id}@etu.u-picardie.fr"),
        category: category.into(),
        date: day,
        start,
        end: start + 30,
        jury_id: 1,
        jury: "Jury 1".into(),
        room: "Salle 2.14".into(),
        pinned,
        sequence: 0,
        replaces: None,
    }
}

fn marie() -> Appointment {
    appointment(
        3,
        Civility::Madame,
        "Marie-Ève",
        "DUPONT-MOREAU",
        "Étudiant — médecine",
        date(2025, 1, 16),
        14 * 60 + 30,
        true,
    )
}

fn plan() -> PrintedPlan {
    let d = date(2025, 1, 16);
    let mut appointments = vec![
        marie(),
        appointment(
            1,
            Civility::Monsieur,
            "Jean",
            "MARTIN",
            "Interne — médecine",
            d,
            9 * 60,
            false,
        ),
        appointment(
            7,
            Civility::Monsieur,
            "Paul",
            "DURAND",
            "Étudiant — odontologie",
            d,
            12 * 60,
            false,
        ),
        appointment(
            8,
            Civility::Unspecified,
            "Paul",
            "Durand",
            "PADHUE — médecine",
            d,
            13 * 60 + 30,
            false,
        ),
    ];
    // A second jury the next day, in the morning only: the lunch break is not its.
    let mut other = appointment(
        12,
        Civility::Madame,
        "Léa",
        "N'GUYEN",
        "Étudiant — médecine",
        date(2025, 1, 17),
        10 * 60,
        false,
    );
    other.jury_id = 2;
    other.jury = "Jury 2".into();
    other.room = "Amphithéâtre Cassin".into();
    appointments.push(other);
    let lunch = vec![Break {
        start: 12 * 60 + 30,
        end: 13 * 60 + 30,
    }];
    PrintedPlan {
        days: vec![
            Day {
                date: d,
                opening: 9 * 60,
                closing: 18 * 60,
                breaks: lunch.clone(),
            },
            Day {
                date: date(2025, 1, 17),
                opening: 9 * 60,
                closing: 18 * 60,
                breaks: lunch,
            },
        ],
        appointments,
        members: vec![
            Person {
                id: 1,
                name: "Pr Jean-Marc LEFEBVRE".into(),
                role: "président".into(),
            },
            Person {
                id: 2,
                name: "Dr Anne ROUX".into(),
                role: "médecin".into(),
            },
            Person {
                id: 3,
                name: "M. Karim BENALI".into(),
                role: "représentant des internes".into(),
            },
            Person {
                id: 4,
                name: "Mme Hélène VASSEUR".into(),
                role: String::new(),
            },
        ],
        panels: vec![
            Panel {
                jury_id: 1,
                date: d,
                part: Part::Morning,
                members: vec![1, 2],
            },
            Panel {
                jury_id: 1,
                date: d,
                part: Part::Afternoon,
                members: vec![1, 3],
            },
            Panel {
                jury_id: 2,
                date: date(2025, 1, 17),
                part: Part::Morning,
                members: vec![4],
            },
        ],
        cancelled: vec![],
    }
}

/// The text of a PDF by pdftotext (poppler-utils), words joined by single spaces: a
/// sentence may wrap anywhere.
fn pdf_text(pdf: &[u8]) -> String {
    pdftotext(pdf, &[])
}

/// The same, keeping the physical layout: a table's rows read left to right.
fn pdf_layout(pdf: &[u8]) -> String {
    pdftotext(pdf, &["-layout"])
}

fn pdftotext(pdf: &[u8], options: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let out = Command::new("pdftotext")
        .args(options)
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed to check the PDFs: apt-get install poppler-utils");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The file names of paths written.
fn file_names(written: &[String]) -> Vec<String> {
    written
        .iter()
        .map(|w| {
            Path::new(w)
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&n), "« {n} » missing from:\n{text}");
    }
}

#[test]
fn a_convocation_says_when_where_and_what_to_bring_in_french() {
    let sections = convocation_sections(&sender(), &[marie()], date(2026, 12, 2));
    assert_eq!(sections.len(), 1);
    let text = pdf_text(&crate::documents::render("Convocation", &sections));
    assert_has(
        &text,
        &[
            "UFR de médecine et d'odontologie",
            "Université de démonstration Jules-Verne",
            "Amiens, le 2 décembre 2026",
            "Madame Marie-Ève DUPONT-MOREAU",
            "candidat3@etu.u-picardie.fr",
            "Objet : Convocation à l'entretien — contrat d'engagement de service public",
            "Madame,",
            "(étudiante — médecine)",
            "Vous êtes convoquée à cet entretien : Date et heure : jeudi 16 janvier 2025 à 14 h 30",
            "Durée de l'entretien : 30 minutes",
            "Lieu : Faculté de médecine, 3 rue des Louvels, 80036 Amiens — Salle 2.14 — Jury 1",
            "Merci de vous présenter 15 minutes avant l'heure de votre entretien.",
            "Mme Claire PETIT, secrétariat de la commission (cesp.medecine@u-picardie.fr, 03 22 82 77 00)",
            "Nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées.",
            "Le président de la commission",
            "Pr Jean-Marc LEFEBVRE",
            "page 1 / 1",
        ],
    );
    assert_has(&text, &DEFAULT_TO_BRING);
    assert!(!text.contains("page 1 / 2"), "{text}");
}

#[test]
fn a_convocation_lists_the_campaigns_own_items_and_agrees_with_the_candidate() {
    let mut s = sender();
    s.to_bring = vec![
        "Votre carte Vitale".into(),
        "  ".into(),
        "Un justificatif de domicile".into(),
    ];
    s.arrive_early_minutes = 0;
    s.contact = Contact::default();
    let mut a = marie();
    a.civility = Civility::Unspecified;
    a.start = 9 * 60;
    a.end = 10 * 60;
    let text = pdf_text(&crate::documents::render(
        "Convocation",
        &convocation_sections(&s, &[a], date(2026, 12, 1)),
    ));
    assert_has(
        &text,
        &[
            "Amiens, le 1er décembre 2026",
            "Marie-Ève DUPONT-MOREAU",
            "Madame, Monsieur,",
            "convoqué(e)",
            "jeudi 16 janvier 2025 à 9 h",
            "Durée de l'entretien : 1 heure",
            "• Votre carte Vitale",
            "• Un justificatif de domicile",
            "prenez contact sans tarder avec le secrétariat de la commission.",
        ],
    );
    assert!(!text.contains("pièce d'identité"), "{text}");
    assert!(!text.contains("avant l'heure"), "{text}");
}

#[test]
fn convocations_are_written_one_per_candidate_and_as_a_batch() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = plan();
    let written = write_convocations(dir.path(), &sender(), &p.appointments, date(2026, 12, 2))
        .expect("the letters are written");
    let names = file_names(&written);
    assert_eq!(
        names,
        [
            "Convocations CESP - toutes.pdf",
            "Convocation CESP - DUPONT-MOREAU Marie-Ève.pdf",
            "Convocation CESP - MARTIN Jean.pdf",
            "Convocation CESP - DURAND Paul (n° 7).pdf",
            "Convocation CESP - Durand Paul (n° 8).pdf",
            "Convocation CESP - N'GUYEN Léa.pdf",
        ]
    );
    let batch = pdf_text(&std::fs::read(&written[0]).expect("the batch"));
    for a in &p.appointments {
        assert_has(&batch, &[&a.letter_name()]);
    }
    // Each letter is numbered on its own.
    assert_eq!(batch.matches("page 1 / 1").count(), p.appointments.len());
    let one = pdf_text(&std::fs::read(&written[1]).expect("one letter"));
    assert_has(&one, &["Marie-Ève DUPONT-MOREAU", "page 1 / 1"]);
    assert!(!one.contains("MARTIN"), "{one}");

    // One letter alone does not replace the batch.
    let alone = write_convocations(dir.path(), &sender(), &[marie()], date(2026, 12, 2))
        .expect("one letter is written");
    assert_eq!(alone.len(), 1);
    assert!(alone[0].ends_with("Convocation CESP - DUPONT-MOREAU Marie-Ève.pdf"));

    let missing = dir.path().join("absent");
    assert!(write_convocations(&missing, &sender(), &[marie()], date(2026, 12, 2)).is_err());
    assert!(write_convocations(dir.path(), &sender(), &[], date(2026, 12, 2)).is_err());
}

#[test]
fn the_same_input_gives_the_same_pdf_bytes() {
    let render = || {
        crate::documents::render(
            "Convocations",
            &convocation_sections(&sender(), &plan().appointments, date(2026, 12, 2)),
        )
    };
    let a = render();
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, render());
    assert_eq!(
        timetable_pdf(&sender(), &plan()),
        timetable_pdf(&sender(), &plan())
    );
    // …and a different input, different bytes.
    let mut s = sender();
    s.signer.name = "Pr Anne ROUX".into();
    assert_ne!(
        a,
        crate::documents::render(
            "Convocations",
            &convocation_sections(&s, &plan().appointments, date(2026, 12, 2)),
        )
    );
}

#[test]
fn the_timetable_lists_every_candidate_the_breaks_and_the_juries() {
    let p = plan();
    let text = pdf_layout(&timetable_pdf(&sender(), &p));
    for a in &p.appointments {
        assert_has(&text, &[&a.display_name(), &a.category]);
    }
    assert_has(
        &text,
        &[
            "Planning des entretiens CESP",
            "Jeudi 16 janvier 2025",
            "Vendredi 17 janvier 2025",
            "Salle 2.14 — Jury 1",
            "Amphithéâtre Cassin — Jury 2",
            "Heure Candidat Catégorie Remarque",
            "9 h – 9 h 30 MARTIN Jean",
            "12 h 30 – 13 h 30 Pause déjeuner",
            "14 h 30 – 15 h DUPONT-MOREAU Marie-Ève Étudiant — médecine fixé",
            "Composition du jury, matin : Pr Jean-Marc LEFEBVRE (président), Dr Anne ROUX (médecin)",
            "Composition du jury, après-midi : Pr Jean-Marc LEFEBVRE (président), M. Karim BENALI (représentant des internes)",
            "Composition du jury, matin : Mme Hélène VASSEUR",
            "page 1 / 2",
            "page 2 / 2",
        ],
    );
    // The break lies between the interviews of jury 1 only: one row, not two.
    assert_eq!(text.matches("Pause déjeuner").count(), 1, "{text}");
    // Breaks come in the order of the day.
    let (noon, lunch, after) = (
        text.find("DURAND Paul").expect("noon"),
        text.find("Pause déjeuner").expect("lunch"),
        text.find("Durand Paul").expect("after lunch"),
    );
    assert!(noon < lunch && lunch < after, "{text}");
    assert_eq!(text.matches("fixé").count(), 1, "{text}");
}

#[test]
fn an_empty_plan_prints_a_timetable_that_says_so() {
    let text = pdf_text(&timetable_pdf(&sender(), &PrintedPlan::default()));
    assert_has(&text, &["Aucun entretien n'est planifié.", "page 1 / 1"]);
}

fn stamp() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 9, 15, 0)
        .single()
        .expect("a valid instant")
}

/// Checks the physical lines and returns the logical ones (unfolded).
fn unfold(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"), "the last line ends with CRLF");
    let bytes = ics.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "a bare LF at byte {i}");
        }
        if *b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "a bare CR at byte {i}");
        }
    }
    let physical: Vec<&str> = ics.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &physical {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        match line.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .expect("a continuation follows a line")
                .push_str(rest),
            None => logical.push(line.to_owned()),
        }
    }
    logical
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("a lone backslash ends {value:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn property<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(name))
        .filter_map(|l| l.strip_prefix(':'))
        .collect()
}

#[test]
fn a_candidates_calendar_is_valid_rfc_5545() {
    let ics = ics_for_candidate(&sender(), &plan(), 3, stamp());
    let lines = unfold(&ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0"));
    assert!(lines.iter().any(|l| l == "BEGIN:VTIMEZONE"));
    assert!(lines.iter().any(|l| l == "TZID:Europe/Paris"));
    assert!(lines.iter().any(|l| l == "BEGIN:DAYLIGHT"));
    assert!(lines.iter().any(|l| l == "BEGIN:STANDARD"));
    assert!(lines
        .iter()
        .any(|l| l == "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    assert!(lines
        .iter()
        .any(|l| l == "DTSTART;TZID=Europe/Paris:20250116T143000"));
    assert!(lines
        .iter()
        .any(|l| l == "DTEND;TZID=Europe/Paris:20250116T150000"));
    assert_eq!(property(&lines, "DTSTAMP"), ["20261202T091500Z"]);
    let summary = unescape(property(&lines, "SUMMARY")[0]);
    assert_eq!(summary, "Entretien CESP — UFR de médecine et d'odontologie");
    let location = unescape(property(&lines, "LOCATION")[0]);
    assert_eq!(
        location,
        "Faculté de médecine, 3 rue des Louvels, 80036 Amiens — Salle 2.14 — Jury 1"
    );
    // Commas are escaped in the file.
    assert!(property(&lines, "LOCATION")[0].contains("médecine\\, 3 rue"));
    let description = unescape(property(&lines, "DESCRIPTION")[0]);
    assert!(description.contains("jeudi 16 janvier 2025 à 14\u{a0}h\u{a0}30"));
    assert!(description.contains("30\u{a0}minutes"));
    for item in DEFAULT_TO_BRING {
        assert!(
            description.contains(&format!("\n- {item}")),
            "{description}"
        );
    }
    assert!(description.contains("cesp.medecine@u-picardie.fr"));
    // The long French description was folded, and never inside a character: every
    // physical line is valid UTF-8 on its own.
    let folded = ics.split("\r\n").filter(|l| l.starts_with(' ')).count();
    assert!(folded >= 5, "{folded} continuation lines");
    for raw in ics.as_bytes().split(|b| *b == b'\n') {
        assert!(std::str::from_utf8(raw).is_ok(), "a character was split");
    }
    // No event for a candidate who has no interview.
    assert!(!ics_for_candidate(&sender(), &plan(), 999, stamp()).contains("BEGIN:VEVENT"));
}

#[test]
fn uids_are_stable_and_distinct() {
    let uid = |ics: &str| {
        property(&unfold(ics), "UID")
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let first = uid(&ics_for_candidate(&sender(), &plan(), 3, stamp()));
    let later = Utc
        .with_ymd_and_hms(2027, 1, 5, 8, 0, 0)
        .single()
        .expect("a valid instant");
    let again = ics_for_candidate(&sender(), &plan(), 3, later);
    assert_eq!(first.len(), 1);
    assert_eq!(first, uid(&again));
    assert!(again.contains("DTSTAMP:20270105T080000Z"));
    assert_ne!(
        first,
        uid(&ics_for_candidate(&sender(), &plan(), 1, stamp()))
    );
    let mut other = sender();
    other.campaign_uid = "lille-2026-2027".into();
    assert_ne!(first, uid(&ics_for_candidate(&other, &plan(), 3, stamp())));
    // Moved, the same event updated: the same UID, the next SEQUENCE, and the calendar
    // asks to update it (REQUEST), saying which time it replaces.
    let mut moved = plan();
    let old = moved.appointments[0].clone();
    moved.appointments[0].start += 30;
    moved.appointments[0].end += 30;
    moved.appointments[0].sequence = 1;
    moved.appointments[0].replaces = Some(Replaced {
        jury_id: old.jury_id,
        date: old.date,
        start: old.start,
        jury: old.jury.clone(),
        room: old.room.clone(),
    });
    let amended = ics_for_candidate(&sender(), &moved, 3, stamp());
    assert_eq!(first, uid(&amended));
    let lines = unfold(&amended);
    assert_eq!(property(&lines, "SEQUENCE"), ["1"]);
    assert_eq!(property(&lines, "METHOD"), ["REQUEST"]);
    assert!(unescape(property(&lines, "DESCRIPTION")[0])
        .ends_with("Cet horaire remplace celui du jeudi 16 janvier 2025 à 14\u{a0}h\u{a0}30."));
    assert_eq!(
        property(
            &unfold(&ics_for_candidate(&sender(), &plan(), 3, stamp())),
            "SEQUENCE"
        ),
        ["0"]
    );
    // Cancelled: the same UID, METHOD:CANCEL, STATUS:CANCELLED, the next SEQUENCE.
    let mut gone = old.clone();
    gone.sequence = 1;
    let cancel = unfold(&ics_cancel_for_candidate(&sender(), &gone, stamp()));
    assert_eq!(
        property(&cancel, "UID"),
        first.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(property(&cancel, "METHOD"), ["CANCEL"]);
    assert_eq!(property(&cancel, "STATUS"), ["CANCELLED"]);
    assert_eq!(property(&cancel, "SEQUENCE"), ["1"]);
    // The same file twice.
    assert_eq!(
        ics_for_candidate(&sender(), &plan(), 3, stamp()),
        ics_for_candidate(&sender(), &plan(), 3, stamp())
    );
}

#[test]
fn a_members_calendar_has_the_interviews_they_sit_in() {
    let p = plan();
    let events = |member: i64| {
        let lines = unfold(&ics_for_member(&sender(), &p, member, stamp()));
        property(&lines, "DTSTART;TZID=Europe/Paris")
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    // The chair sits all day with jury 1; Dr ROUX in the morning; M. BENALI after lunch.
    assert_eq!(
        events(1),
        [
            "20250116T090000",
            "20250116T120000",
            "20250116T133000",
            "20250116T143000"
        ]
    );
    assert_eq!(events(2), ["20250116T090000", "20250116T120000"]);
    assert_eq!(events(3), ["20250116T133000", "20250116T143000"]);
    assert_eq!(events(4), ["20250117T100000"]);
    assert!(events(99).is_empty());
    let lines = unfold(&ics_for_member(&sender(), &p, 3, stamp()));
    let summaries: Vec<String> = property(&lines, "SUMMARY")
        .into_iter()
        .map(unescape)
        .collect();
    assert_eq!(
        summaries,
        [
            "Entretien CESP — Durand Paul",
            "Entretien CESP — DUPONT-MOREAU Marie-Ève"
        ]
    );
    let last = unescape(property(&lines, "DESCRIPTION")[1]);
    assert!(last.contains("Candidat\u{a0}: DUPONT-MOREAU Marie-Ève (Étudiant — médecine)."));
    assert!(last.contains("Pr Jean-Marc LEFEBVRE (président), M. Karim BENALI"));
    assert!(last.ends_with("\nHoraire fixé par le secrétariat."));
    assert!(lines
        .iter()
        .any(|l| l == "X-WR-CALNAME:Entretiens CESP — M. Karim BENALI"));
    // Member and candidate events of one interview have distinct UIDs.
    let candidate = unfold(&ics_for_candidate(&sender(), &p, 3, stamp()));
    assert!(!property(&lines, "UID").contains(&property(&candidate, "UID")[0]));
}

#[test]
fn text_is_escaped_and_folded_without_splitting_characters() {
    let text = "Salle 1; bâtiment B, 2e étage\\nord\nÀ côté de l'amphithéâtre";
    let escaped = escape(text);
    assert_eq!(
        escaped,
        "Salle 1\\; bâtiment B\\, 2e étage\\\\nord\\nÀ côté de l'amphithéâtre"
    );
    assert_eq!(unescape(&escaped), text);
    assert_eq!(escape("a\r\nb"), "a\\nb");
    // 200 two-byte characters: a fold may never fall between the two bytes of « é ».
    let long = format!("DESCRIPTION:{}", "é".repeat(200));
    let folded = fold(&long);
    let logical = unfold(&folded);
    assert_eq!(logical, [long]);
    for line in folded.split("\r\n") {
        assert!(line.len() <= 75);
    }
    // Lines are filled: 75 octets, or 74 after the space when « é » would overflow.
    let first = folded.split("\r\n").next().expect("a first line");
    assert_eq!(first.len(), 75 - 1);
    // A short line is left alone.
    assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
    // Exactly 75 octets stay on one line; 76 are folded.
    assert_eq!(fold(&"a".repeat(75)).matches("\r\n").count(), 1);
    assert_eq!(
        fold(&"a".repeat(76)),
        format!("{}\r\n a\r\n", "a".repeat(75))
    );
}

#[test]
fn calendars_are_written_for_every_candidate_and_sitting_member() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let calendars = write_ics(dir.path(), &sender(), &plan(), stamp()).expect("written");
    assert_eq!(
        (calendars.candidates.len(), calendars.members.len()),
        (5, 4)
    );
    let written: Vec<String> = calendars
        .candidates
        .into_iter()
        .chain(calendars.members)
        .collect();
    let names = file_names(&written);
    assert_eq!(
        names,
        [
            "Entretien CESP - MARTIN Jean.ics",
            "Entretien CESP - DURAND Paul (n° 7).ics",
            "Entretien CESP - Durand Paul (n° 8).ics",
            "Entretien CESP - DUPONT-MOREAU Marie-Ève.ics",
            "Entretien CESP - N'GUYEN Léa.ics",
            "Entretiens du jury CESP - Pr Jean-Marc LEFEBVRE.ics",
            "Entretiens du jury CESP - Dr Anne ROUX.ics",
            "Entretiens du jury CESP - M. Karim BENALI.ics",
            "Entretiens du jury CESP - Mme Hélène VASSEUR.ics",
        ]
    );
    let marie = std::fs::read_to_string(&written[3]).expect("read");
    assert_eq!(marie, ics_for_candidate(&sender(), &plan(), 3, stamp()));
    assert!(write_ics(dir.path(), &sender(), &PrintedPlan::default(), stamp()).is_err());
}

#[test]
fn file_names_are_safe_and_unique() {
    // The safe name itself is tested in `crate::files`.
    let names = unique_file_names(
        "Convocation CESP",
        "pdf",
        &[
            (1, "DUPONT Marie".into()),
            (2, "Dupont Marie".into()),
            (3, "MARTIN Jean".into()),
            (3, "MARTIN Jean".into()),
        ],
    );
    assert_eq!(
        names,
        [
            "Convocation CESP - DUPONT Marie (n° 1).pdf",
            "Convocation CESP - Dupont Marie (n° 2).pdf",
            "Convocation CESP - MARTIN Jean.pdf",
            "Convocation CESP - MARTIN Jean (2).pdf",
        ]
    );
}

#[test]
fn durations_read_like_french() {
    assert_eq!(duration(30), "30\u{a0}minutes");
    assert_eq!(duration(1), "1\u{a0}minute");
    assert_eq!(duration(60), "1\u{a0}heure");
    assert_eq!(duration(120), "2\u{a0}heures");
    assert_eq!(duration(90), "1\u{a0}h\u{a0}30");
    assert_eq!(
        when(date(2025, 1, 16), 14 * 60 + 30),
        "jeudi 16 janvier 2025 à 14\u{a0}h\u{a0}30"
    );
    assert_eq!(Civility::from_sex(Some("F")), Civility::Madame);
    assert_eq!(Civility::from_sex(Some("M")), Civility::Monsieur);
    assert_eq!(Civility::from_sex(None), Civility::Unspecified);
}

#[test]
fn the_plan_is_written_as_a_workbook_with_real_dates() {
    use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("Planning.xlsx");
    let n = write_plan_xlsx(&path, &plan().appointments).expect("written");
    assert_eq!(n, 5);
    let mut wb: Xlsx<_> = open_workbook(&path).expect("the workbook opens");
    let range = wb.worksheet_range("Planning").expect("the sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 6);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "Date",
            "Heure de début",
            "Heure de fin",
            "Jury",
            "Salle",
            "Candidat",
            "Catégorie",
            "Fixé"
        ]
    );
    // Sorted by date and time: Marie-Ève is the fourth interview of the 16th.
    let row = rows[4];
    assert!(matches!(row[0], Data::DateTime(_)), "{:?}", row[0]);
    assert_eq!(row[0].as_date(), Some(date(2025, 1, 16)));
    assert_eq!(row[1].as_time(), chrono::NaiveTime::from_hms_opt(14, 30, 0));
    assert_eq!(row[2].as_time(), chrono::NaiveTime::from_hms_opt(15, 0, 0));
    assert_eq!(row[3].to_string(), "Jury 1");
    assert_eq!(row[4].to_string(), "Salle 2.14");
    assert_eq!(row[5].to_string(), "DUPONT-MOREAU Marie-Ève");
    assert_eq!(row[6].to_string(), "Étudiant — médecine");
    assert_eq!(row[7].to_string(), "oui");
    let names: Vec<String> = rows[1..].iter().map(|r| r[5].to_string()).collect();
    assert_eq!(
        names,
        [
            "MARTIN Jean",
            "DURAND Paul",
            "Durand Paul",
            "DUPONT-MOREAU Marie-Ève",
            "N'GUYEN Léa"
        ]
    );
    assert_eq!(rows[5][0].as_date(), Some(date(2025, 1, 17)));
    assert_eq!(rows[1][7].to_string(), "");
}

#[test]
fn a_letter_names_the_category_as_french_says_it() {
    use super::convocation::category_in_letter;
    assert_eq!(
        category_in_letter("Étudiant — médecine", &Civility::Madame),
        "étudiante — médecine"
    );
    assert_eq!(
        category_in_letter("Étudiant — médecine", &Civility::Monsieur),
        "étudiant — médecine"
    );
    assert_eq!(
        category_in_letter("PADHUE — médecine", &Civility::Madame),
        "PADHUE — médecine"
    );
    assert_eq!(
        category_in_letter("Interne — odontologie", &Civility::Madame),
        "interne — odontologie"
    );
}
