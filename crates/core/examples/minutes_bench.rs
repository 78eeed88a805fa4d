//! Times the minutes and the decision letters on a large campaign, for `benches/minutes.sh`:
//! `minutes_bench [CANDIDATES] [OUT_DIR]` builds the campaign of `common` (every candidate
//! heard and scored by 7 members), then times the minutes as a draft PDF, the seal (snapshot,
//! fingerprint and the sealed PDF), the sealed PDF again, and every decision letter (one file
//! per candidate and the batch). It leaves `minutes.pdf` in OUT_DIR for the baseline.

use std::time::{Duration, Instant};

use chrono::NaiveDate;

#[allow(dead_code)] // the campaign's members and sitting are for the scoring bench
mod common;

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let out = std::path::PathBuf::from(std::env::args().nth(2).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&out).expect("out dir");
    let common::Bench { mut c, dir, .. } = common::campaign(n, "minutes-bench");
    let op = common::OP;
    // The bench's dossiers have no pieces: rank everyone heard.
    let mut rules = c.allocation_rules().expect("rules");
    rules.require_eligible = false;
    c.set_allocation_rules(&rules, op).expect("rules");
    let day = NaiveDate::from_ymd_opt(2027, 1, 17).expect("date");

    let best = |f: &mut dyn FnMut()| {
        let mut b = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            f();
            b = b.min(t.elapsed());
        }
        b
    };
    let mut draft = Vec::new();
    let t = best(&mut || draft = c.minutes_pdf(None, day).expect("draft"));
    println!(
        "minutes, draft PDF ({n} candidates): best of 3 {}, {} KB",
        ms(t),
        draft.len() / 1000
    );
    c.record_allocation("bench", op).expect("lists recorded");
    let request = cesp_core::minutes::SealRequest {
        signed_on: day.format("%d/%m/%Y").to_string(),
        acting: cesp_core::minutes::Acting::Chair,
        acknowledgement: "campagne de mesure".into(),
    };
    let t = Instant::now();
    let v = c.seal_minutes(&request, day, op).expect("seal");
    println!(
        "seal (snapshot, fingerprint, sealed PDF, journal): {}",
        ms(t.elapsed())
    );
    let mut sealed = Vec::new();
    let t = best(&mut || sealed = c.minutes_pdf(None, day).expect("sealed"));
    println!(
        "minutes, sealed PDF (version {}): best of 3 {}, {} KB",
        v.version,
        ms(t),
        sealed.len() / 1000
    );
    std::fs::write(out.join("minutes.pdf"), &sealed).expect("write");
    let mut batch = Vec::new();
    let t = best(&mut || batch = c.allocation_letters_pdf(day).expect("batch"));
    println!(
        "decision letters, one PDF of them all: best of 3 {}, {} KB",
        ms(t),
        batch.len() / 1000
    );
    std::fs::write(out.join("letters.pdf"), &batch).expect("write");
    let letters = dir.join("lettres");
    std::fs::create_dir_all(&letters).expect("dir");
    let mut written = Vec::new();
    let elapsed = best(&mut || {
        written = c
            .write_allocation_letters(&letters, day, &cesp_core::documents::quietly)
            .expect("letters")
    });
    let size: u64 = written
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "decision letters: {} files ({} letters and the batch), best of 3 {}, {} MB in all",
        written.len(),
        written.len() - 1,
        ms(elapsed),
        size / 1_000_000
    );
    let _ = std::fs::remove_dir_all(&dir);
}
