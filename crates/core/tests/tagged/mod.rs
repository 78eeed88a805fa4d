//! Accessible documents (RGAA criterion 13.3): the minutes, the decision letters, the
//! convocations and the timetable are tagged PDFs. Read back by poppler's `pdfinfo`, which
//! shares no code with ours: `-struct` shows the structure tree, `-struct-text` its text in
//! reading order; the catalogue says the document is tagged, in French, and that a reader
//! shows its title.

use std::path::Path;
use std::process::Command;

use cesp_core::demo;

/// `pdfinfo [flag] FILE` on `pdf`, as text.
fn pdfinfo(pdf: &[u8], dir: &Path, flag: Option<&str>) -> String {
    let path = dir.join("document.pdf");
    std::fs::write(&path, pdf).expect("write");
    let mut command = Command::new("pdfinfo");
    if let Some(f) = flag {
        command.arg(f);
    }
    let out = command
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The structure tree's element types, one per line, without their text.
fn tree(pdf: &[u8], dir: &Path) -> Vec<String> {
    pdfinfo(pdf, dir, Some("-struct"))
        .lines()
        .map(|l| {
            l.trim()
                .trim_end_matches(" (block)")
                .trim_end_matches(':')
                .to_owned()
        })
        // Attributes are printed under their element ("/Scope /Column").
        .filter(|l| !l.is_empty() && !l.starts_with('/'))
        .collect()
}

/// The text of the structure tree in reading order (quoted lines of `-struct-text`).
fn read_aloud(pdf: &[u8], dir: &Path) -> String {
    pdfinfo(pdf, dir, Some("-struct-text"))
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')?
                .strip_suffix('"')
                .map(str::to_owned)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn position(text: &str, part: &str) -> usize {
    text.find(part)
        .unwrap_or_else(|| panic!("« {part} » not read: {text}"))
}

/// The catalogue's promises: tagged, a title shown, in French.
fn described(pdf: &[u8], dir: &Path, title: &str) {
    let info = pdfinfo(pdf, dir, None);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains(&format!("Title:           {title}")),
        "{info}"
    );
    let raw = String::from_utf8_lossy(pdf);
    assert!(raw.contains("/Lang(fr-FR)"), "no /Lang");
    assert!(
        raw.contains("/DisplayDocTitle true"),
        "the title is not shown"
    );
    assert!(raw.contains("/MarkInfo<</Marked true>>"), "no /MarkInfo");
}

#[test]
fn the_minutes_are_a_tagged_pdf_read_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = demo::create_at(&dir.path().join("demo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let pdf = c
        .minutes_pdf(None, demo::STORY_SIGNING_DAY)
        .expect("minutes");
    described(
        &pdf,
        dir.path(),
        "Procès-verbal de la commission CESP — 2026-2027",
    );
    let tree = tree(&pdf, dir.path());
    assert_eq!(&tree[..3], ["Document", "Sect", "H1"], "{tree:?}");
    for role in [
        "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Div",
    ] {
        assert!(tree.iter().any(|t| t == role), "no {role} in {tree:?}");
    }
    // Header cells are read once, whatever the pages a table spans; the letterhead, the
    // footer and the page numbers are not read at all (artifacts).
    let text = read_aloud(&pdf, dir.path());
    assert!(!text.contains("page 1 / "), "{text}");
    assert!(
        !text.contains("Université de démonstration Jules-Verne"),
        "{text}"
    );
    let title = position(&text, "Procès-verbal de la commission CESP — 2026-2027");
    let laws = position(&text, "1. Textes applicables");
    let sittings = position(&text, "3. Séances de la commission");
    let ranking = position(&text, "Candidat Projet professionnel");
    assert!(
        title < laws && laws < sittings && sittings < ranking,
        "{text}"
    );
}

#[test]
fn letters_convocations_and_the_timetable_are_tagged_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = demo::create_at(&dir.path().join("demo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let everyone: Vec<i64> = c
        .candidates()
        .expect("candidates")
        .iter()
        .map(|r| r.id)
        .collect();
    let letters = c
        .decision_letters_pdf_for(&everyone[..2], demo::STORY_SIGNING_DAY)
        .expect("letters");
    let tree_letters = tree(&letters, dir.path());
    // One section per letter, each with its paragraphs.
    assert_eq!(
        tree_letters.iter().filter(|t| *t == "Sect").count(),
        2,
        "{tree_letters:?}"
    );
    assert!(tree_letters.iter().filter(|t| *t == "P").count() >= 6);
    assert!(pdfinfo(&letters, dir.path(), None).contains("Tagged:          yes"));

    let convocations = c
        .convocations_pdf_for(&everyone, demo::STORY_SIGNING_DAY)
        .expect("convocations");
    let text = read_aloud(&convocations, dir.path());
    assert!(text.contains("Convocation"), "{text}");
    assert!(pdfinfo(&convocations, dir.path(), None).contains("Tagged:          yes"));

    let timetable = dir.path().join("planning.pdf");
    c.write_timetable(&timetable).expect("timetable");
    let bytes = std::fs::read(&timetable).expect("read");
    let tree_timetable = tree(&bytes, dir.path());
    for role in ["Table", "TH", "TD"] {
        assert!(
            tree_timetable.iter().any(|t| t == role),
            "no {role} in {tree_timetable:?}"
        );
    }
}
