//! Times the members' electronic signatures of the minutes, for `benches/signatures.sh`:
//! `signature_bench [CANDIDATES] CERT_DIR` builds the campaign of `common` (every candidate
//! heard and scored by 7 members, « Membre 0 » to « Membre 6 »), seals its minutes, then
//! times: one PAdES signature added to the sealed PDF (the `.p12` already read: its key
//! derivation is timed on its own), each of the 7 members signing through the use case
//! (certificate read and checked, signature placed in their box, stored, journaled, fsync),
//! and the verification of the PDF signed 7 times (the signatures alone, then the whole
//! `verify`, which also compares the data with the sealed version). CERT_DIR holds
//! `membre-0.p12` … `membre-6.p12` (passphrase « secret-pv »).

use std::time::{Duration, Instant};

use cesp_core::pades;
use chrono::NaiveDate;

#[allow(dead_code)] // the campaign's sitting is for the scoring bench
mod common;

const PASSPHRASE: &str = "secret-pv";

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut b = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        b = b.min(t.elapsed());
        last = Some(out);
    }
    (b, last.expect("one run"))
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let certs = std::path::PathBuf::from(std::env::args().nth(2).expect("CERT_DIR"));
    let common::Bench { mut c, .. } = common::campaign(n, "signature-bench");
    let op = common::OP;
    let mut rules = c.allocation_rules().expect("rules");
    rules.require_eligible = false;
    c.set_allocation_rules(&rules, op).expect("rules");
    c.record_allocation("bench", op).expect("lists recorded");
    let day = NaiveDate::from_ymd_opt(2027, 1, 17).expect("date");
    let request = cesp_core::minutes::SealRequest {
        signed_on: day.format("%d/%m/%Y").to_string(),
        acting: cesp_core::minutes::Acting::Chair,
        acknowledgement: "campagne de mesure".into(),
    };
    c.seal_minutes(&request, day, op).expect("seal");
    let sealed = c.minutes_pdf(None, day).expect("sealed");
    let pages = lopdf::Document::load_mem(&sealed)
        .map(|d| d.get_pages().len())
        .unwrap_or_default();
    println!(
        "sealed minutes ({n} candidates): {pages} pages, {} KB",
        sealed.len() / 1000
    );

    let p12 = std::fs::read(certs.join("membre-2.p12")).expect("p12");
    let (t, credentials) = best(5, || {
        pades::open_p12(&p12, PASSPHRASE, "membre-2.p12").expect("open")
    });
    println!(
        "reading the .p12 (key derivation included): best of 5 {}",
        ms(t)
    );
    let lines = vec![
        "Signé électroniquement par Membre 2".to_owned(),
        "le 17/01/2027 à 18 h 05".to_owned(),
        "Certificat délivré par AC de test CESP".to_owned(),
    ];
    let field = pades::Field {
        name: "Signature-mesure",
        page: pages.saturating_sub(2),
        rect: [60.0, 60.0, 260.0, 100.0],
        lines: &lines,
        signer: "Membre 2",
        reason: "mesure",
        location: "Amiens",
        date: "D:20270117180500+01'00'",
    };
    let (t, signed) = best(5, || {
        pades::sign(&sealed, &field, &credentials).expect("sign")
    });
    println!(
        "one signature added to the sealed PDF (the .p12 already read): best of 5 {}, +{} KB",
        ms(t),
        (signed.len() - sealed.len()) / 1000
    );

    let signers = c.minutes(day).expect("state").signers;
    let mut each = Vec::new();
    for s in &signers {
        let number = s.name.trim_start_matches("Membre ").to_owned();
        let file = certs.join(format!("membre-{number}.p12"));
        let t = Instant::now();
        c.sign_minutes(s.member, &file, PASSPHRASE, op)
            .expect("member signs");
        each.push(t.elapsed());
    }
    let worst = each.iter().max().copied().unwrap_or_default();
    let total: Duration = each.iter().sum();
    println!(
        "each of the {} members signing through the use case (certificate read and checked, placed, stored, journaled): worst {}, mean {}",
        each.len(),
        ms(worst),
        ms(total / each.len().max(1) as u32)
    );

    let seven = c.minutes_pdf(None, day).expect("signed");
    let (t, checks) = best(5, || pades::check(&seven));
    assert_eq!(checks.len(), signers.len());
    assert!(checks.iter().all(|c| c.intact && c.only_signatures_after));
    println!(
        "the {} signatures of the signed PDF checked ({} KB): best of 5 {}",
        checks.len(),
        seven.len() / 1000,
        ms(t)
    );
    let (t, v) = best(5, || c.verify_minutes(&seven).expect("verify"));
    assert_eq!(v.pdf_matches, Some(true), "{:?}", v.findings);
    println!(
        "verify (the sealed version found under the signatures, each signature, the data compared, the journal's chain): best of 5 {}",
        ms(t)
    );
}
