//! The corpus of malformed inputs for every reader of outside data besides the import
//! (which has its own under tests/fixtures/import): files given as dossier pieces,
//! scoring sheets given back, campaign files given to merge. Each gets the exact French
//! message listed in its folder's `expected.tsv`, names the file, and changes nothing.

use std::path::{Path, PathBuf};

use cesp_core::{demo, Campaign};

use super::temp;

fn fixtures(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(folder)
}

fn expected(folder: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(fixtures(folder).join("expected.tsv"))
        .expect("expected.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (name, words) = l.split_once('\t').expect("tab-separated");
            (name.to_owned(), words.to_owned())
        })
        .collect()
}

fn snapshot(c: &Campaign) -> (usize, usize, i64) {
    let blobs: i64 = c
        .conn()
        .query_row("SELECT COUNT(*) FROM blob", [], |r| r.get(0))
        .expect("blobs");
    (
        c.candidates().expect("list").len(),
        c.journal(10_000).expect("journal").len(),
        blobs,
    )
}

fn check(folder: &str, run: impl Fn(&mut Campaign, &Path) -> cesp_core::Error) -> usize {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("démo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let before = snapshot(&c);
    let mut checked = 0;
    for (name, words) in expected(folder) {
        let file = fixtures(folder).join(&name);
        assert!(file.exists(), "{folder}/{name} is missing");
        let m = run(&mut c, &file).to_string();
        assert!(
            m.contains(&words),
            "{folder}/{name}: « {m} » lacks « {words} »"
        );
        assert!(
            m.contains(&name),
            "{folder}/{name}: « {m} » does not name the file"
        );
        assert_eq!(snapshot(&c), before, "{folder}/{name} changed the campaign");
        checked += 1;
    }
    checked
}

#[test]
fn every_malformed_input_of_every_reader_gets_its_exact_french_message() {
    let attachments = check("attachments", |c, f| {
        c.attach(1, 1, f, "Claire").expect_err("refused")
    });
    let sheets = check("sheets", |c, f| {
        c.import_score_sheet(f, "Claire").expect_err("refused")
    });
    let campaigns = check("campaigns", |c, f| {
        c.merge(f, &[], "Claire").expect_err("refused")
    });
    let import = super::import::corpus_size();
    eprintln!("corpus: {import} spreadsheets, {attachments} attachments, {sheets} scoring sheets, {campaigns} campaign files");
    assert!(import + attachments + sheets + campaigns >= 30);
}
