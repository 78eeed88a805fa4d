//! The commission's timetable: one section (its own pages, numbered from 1) per day and
//! jury, so that each room's sheet can be posted on its door.

use super::{PrintedPlan, Sender, NB};
use crate::documents::{self, Align, Block, Column, Section, Style};
use crate::dossier::letters::{footer, letterhead};
use crate::fr;
use crate::schedule::solver::fr_time;
use crate::schedule::solver::{Break, Part};

/// The title of the timetable's PDF.
const TITLE: &str = "Planning des entretiens CESP";

/// "Jeudi 16 janvier 2025".
fn heading(date: chrono::NaiveDate) -> String {
    let long = fr::date_long(date);
    let mut chars = long.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => long,
    }
}

/// "12 h 30 – 13 h 30".
fn span(start: u32, end: u32) -> String {
    format!("{}{NB}– {}", fr_time(start), fr_time(end))
}

/// "Pause déjeuner" for a break around midday, "Pause" otherwise.
fn break_label(b: &Break) -> &'static str {
    if b.start >= 11 * 60 && b.end <= 15 * 60 && b.end - b.start >= 30 {
        "Pause déjeuner"
    } else {
        "Pause"
    }
}

fn columns() -> Vec<Column> {
    vec![
        Column {
            title: "Heure".into(),
            width: 1.5,
            align: Align::Left,
        },
        Column {
            title: "Candidat".into(),
            width: 3.0,
            align: Align::Left,
        },
        Column {
            title: "Catégorie".into(),
            width: 2.4,
            align: Align::Left,
        },
        Column {
            title: "Remarque".into(),
            width: 1.0,
            align: Align::Left,
        },
    ]
}

/// The timetable of the plan: per day and jury, a heading (« Jeudi 16 janvier 2025 »,
/// the room and the jury), the members sitting each half-day when known, and a table of
/// the interviews (time, candidate, category, « fixé » for an interview fixed by the
/// secretary) with the day's breaks falling between them as rows.
pub fn timetable_pdf(sender: &Sender, plan: &PrintedPlan) -> Vec<u8> {
    let settings = &sender.settings;
    let rows = plan.sorted();
    let mut keys: Vec<(chrono::NaiveDate, i64)> =
        rows.iter().map(|a| (a.date, a.jury_id)).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut pages: Vec<Block> = Vec::new();
    for (date, jury) in keys {
        let day: Vec<_> = rows
            .iter()
            .filter(|a| a.date == date && a.jury_id == jury)
            .copied()
            .collect();
        let Some(first) = day.first() else {
            continue;
        };
        let mut blocks = vec![
            Block::styled(TITLE, Style::TITLE),
            Block::styled(heading(date), Style::HEADING),
            Block::styled(first.room_and_jury(false), Style::STRONG),
        ];
        for part in [Part::Morning, Part::Afternoon] {
            let Some(a) = day.iter().find(|a| Part::of(a.start) == part) else {
                continue;
            };
            let present = plan.members_at(a);
            if present.is_empty() {
                continue;
            }
            let names: Vec<String> = present.iter().map(|m| m.with_role()).collect();
            blocks.push(Block::text(format!(
                "Composition du jury, {}{NB}: {}",
                part.label(),
                names.join(", ")
            )));
        }
        // Interviews and breaks, in the order of the day: a break is shown when it falls
        // between the jury's first interview and its last.
        let begin = day.iter().map(|a| a.start).min().unwrap_or(0);
        let finish = day.iter().map(|a| a.end).max().unwrap_or(0);
        let mut lines: Vec<(u32, Vec<String>)> = day
            .iter()
            .map(|a| {
                (
                    a.start,
                    vec![
                        span(a.start, a.end),
                        a.display_name(),
                        fr::tidy(&a.category),
                        if a.pinned {
                            "fixé".into()
                        } else {
                            String::new()
                        },
                    ],
                )
            })
            .collect();
        for b in plan
            .days
            .iter()
            .filter(|d| d.date == date)
            .flat_map(|d| &d.breaks)
            .filter(|b| b.start >= begin && b.end <= finish)
        {
            lines.push((
                b.start,
                vec![
                    span(b.start, b.end),
                    break_label(b).into(),
                    String::new(),
                    String::new(),
                ],
            ));
        }
        lines.sort_by_key(|(start, _)| *start);
        blocks.push(Block::Space(2.0));
        blocks.push(Block::Table {
            columns: columns(),
            rows: lines.into_iter().map(|(_, cells)| cells).collect(),
        });
        let n = day.len();
        blocks.push(Block::styled(
            format!(
                "{n}{NB}{} — campagne {}",
                fr::agree(n, "entretien", "entretiens"),
                settings.academic_year
            ),
            Style::NOTE,
        ));
        // One document numbered throughout (« page 3 / 4 »), each jury's day on its own page.
        if !pages.is_empty() {
            pages.push(Block::PageBreak);
        }
        pages.extend(blocks);
    }
    let mut sections = Vec::new();
    if !pages.is_empty() {
        sections.push(Section {
            letterhead: letterhead(settings),
            footer: footer(settings),
            qr: None,
            blocks: pages,
        });
    }
    if sections.is_empty() {
        sections.push(Section {
            letterhead: letterhead(settings),
            footer: footer(settings),
            qr: None,
            blocks: vec![
                Block::styled(TITLE, Style::TITLE),
                Block::text("Aucun entretien n'est planifié."),
            ],
        });
    }
    documents::render(TITLE, &sections)
}
