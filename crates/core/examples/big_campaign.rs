//! Writes a campaign as a real one looks at the end of its sittings, at any size, for the
//! benchmark of the window's commands (`benches/commands.sh`):
//! `big_campaign N OUT.cesp` (N candidates; OUT must not exist). What it holds:
//! `common::realistic`.

use std::time::Instant;

mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(out)) = (args.next().and_then(|s| s.parse().ok()), args.next()) else {
        eprintln!("usage: big_campaign N OUT.cesp");
        std::process::exit(2);
    };
    let out = std::path::PathBuf::from(out);
    let t = Instant::now();
    let made = common::realistic(n, &out);
    let summary = made.c.summary().expect("summary");
    made.c.close().expect("close");
    println!(
        "{}: {} candidates ({} contracts), {} sittings, {} interviews, {} heard, {} scores, {} validated, in {:.1} s",
        out.display(),
        made.candidates,
        summary.contract_count,
        made.sittings,
        made.interviews,
        made.heard,
        made.scores,
        made.locked,
        t.elapsed().as_secs_f64()
    );
}
