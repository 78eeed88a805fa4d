//! Unit tests of the layout layer: numbers, characters, wrapping, French typography,
//! long tables.

use super::content::num;
use super::fonts::{base_chars, subsets, text_width};
use super::layout::{layout, wrap, BOTTOM, PAGE_H};
use super::model::{Align, Block, Column, Section, Style};
use super::pdf::render;

#[test]
fn numbers_are_written_as_pdf_reads_them() {
    let written = |v: f32| {
        let mut out = Vec::new();
        num(&mut out, v);
        String::from_utf8(out).expect("ascii")
    };
    assert_eq!(written(0.0), "0");
    assert_eq!(written(-0.0001), "0");
    assert_eq!(written(12.5), "12.5");
    assert_eq!(written(841.89), "841.89");
    assert_eq!(written(1.0 / 3.0), "0.333");
    assert_eq!(written(-56.693), "-56.693");
    assert_eq!(written(595.2756), "595.276");
    assert_eq!(written(10.0), "10");
}

#[test]
fn every_character_of_french_documents_reads_back_from_the_pdf() {
    // Printable characters of the fonts' base set, a word each; among their glyph codes
    // are the bytes a literal string must escape.
    let chars: Vec<char> = base_chars()
        .into_iter()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{ad}')
        .collect();
    let faces = subsets(&chars.iter().copied().collect());
    let escaped: std::collections::BTreeSet<u8> = chars
        .iter()
        .flat_map(|c| faces.regular.glyph(*c).to_be_bytes())
        .filter(|b| b"()\\\r\n".contains(b))
        .collect();
    assert_eq!(escaped.len(), 5, "{escaped:?}");
    let text: String = chars.iter().map(|c| format!("{c} ")).collect();
    let pdf = render(
        "Caractères",
        &[Section {
            letterhead: vec!["UFR".into()],
            footer: String::new(),
            qr: None,
            blocks: vec![
                Block::text(text.clone()),
                Block::styled(text, Style::STRONG),
            ],
        }],
    );
    let dir = std::env::temp_dir().join(format!("cesp-chars-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("caracteres.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let _ = std::fs::remove_dir_all(&dir);
    // pdftotext takes evenly spaced single characters for letter-spaced words: the
    // spaces are left out of the comparison.
    let read: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let expected: String = chars.iter().collect();
    // Both paragraphs, every character in its place.
    assert_eq!(read, format!("UFR{expected}{expected}page1/1"));
}

#[test]
fn wrapping_keeps_lines_within_the_width_and_every_word() {
    let text = "Le dossier de Marie-Ève DUPONT-MOREAU est incomplet : il manque le relevé d'identité bancaire et la lettre de motivation dactylographiée.";
    let lines = wrap(text, Style::BODY, 60.0);
    assert!(lines.len() > 2);
    assert!(lines.iter().all(|l| text_width(l, Style::BODY) <= 60.0));
    // Every word, the colon held to the word before it by a no-break space.
    assert_eq!(lines.join(" "), text.replace(" :", "\u{a0}:"), "{lines:?}");
}

#[test]
fn a_line_never_starts_with_a_colon_or_a_closing_guillemet() {
    // Every width from a narrow table cell to the full text width (below, a word and
    // its punctuation no longer fit on a line and are cut where they must).
    for width in (35..=170).map(|w| w as f32) {
        for line in wrap(
            "Objet : décision de la commission « contrat d'engagement » ; motif ?",
            Style::BODY,
            width,
        ) {
            assert!(
                !line.starts_with([':', '»', ';', '?']),
                "{width} mm: {line:?}"
            );
        }
    }
}

#[test]
fn non_breaking_spaces_hold_words_together() {
    let text = "Article 3\u{a0}: 12\u{a0}345 candidats";
    let lines = wrap(text, Style::BODY, 25.0);
    assert!(lines.iter().any(|l| l.contains("3\u{a0}:")), "{lines:?}");
}

fn long_table() -> Section {
    let rows: Vec<Vec<String>> = (0..120)
        .map(|i| vec![format!("CANDIDAT {i}"), "Reçue".into()])
        .collect();
    Section {
        letterhead: vec!["UFR de médecine".into()],
        footer: "Pied de page".into(),
        qr: None,
        blocks: vec![Block::Table {
            columns: vec![
                Column {
                    title: "Nom".into(),
                    width: 2.0,
                    align: Align::Left,
                },
                Column {
                    title: "État".into(),
                    width: 1.0,
                    align: Align::Right,
                },
            ],
            rows,
        }],
    }
}

#[test]
fn a_long_table_breaks_across_pages_and_numbers_them() {
    let section = long_table();
    let pages = layout(&section).pages;
    assert!(pages.len() >= 3, "{} pages", pages.len());
    // The header is repeated on every page.
    assert!(pages
        .iter()
        .all(|p| p.texts.iter().any(|t| t.text == "Nom")));
    assert!(pages
        .iter()
        .all(|p| p.texts.iter().all(|t| t.y < PAGE_H - BOTTOM + 0.1)));
    let pdf = render("Essai", &[section]);
    assert!(pdf.starts_with(b"%PDF-"));
    // The fonts are subset: three pages of a table weigh little, with the structure tree
    // that makes the PDF accessible (about 80 bytes a cell).
    assert!(pdf.len() < 120_000, "{} bytes", pdf.len());
    // Same content, same bytes.
    assert_eq!(pdf, render("Essai", &[long_table()]));
}
