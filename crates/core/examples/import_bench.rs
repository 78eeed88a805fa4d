//! Times one step of importing a workbook, for `benches/import.sh`:
//! `import_bench bare|preview|import FILE.xlsx` prints the seconds taken on stdout.
//! Each step runs in its own process so that its peak memory is measured alone.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use calamine::{Data, Reader};
use cesp_core::campaign::{CampaignSettings, DisciplineQuota, Quotas};
use cesp_core::candidate::Discipline;
use cesp_core::import::ImportOptions;
use cesp_core::Campaign;

fn settings() -> CampaignSettings {
    CampaignSettings {
        ufr_name: "UFR de banc d'essai".into(),
        university: "Université".into(),
        city: "Amiens".into(),
        academic_year: "2026-2027".into(),
        disciplines: vec![Discipline::Medicine, Discipline::Odontology],
        dossier_deadline: String::new(),
        managing_body: "CNG".into(),
        quotas: Quotas {
            student: DisciplineQuota {
                medicine: 10,
                odontology: 2,
            },
            intern: DisciplineQuota {
                medicine: 8,
                odontology: 1,
            },
            padhue: DisciplineQuota::default(),
        },
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let step = args.next().unwrap_or_default();
    let file = std::path::PathBuf::from(args.next().unwrap_or_else(|| "candidats.xlsx".into()));
    let cancel = AtomicBool::new(false);
    let dir = std::env::temp_dir().join(format!("cesp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // The campaign exists before anything is imported into it: made before the clock starts.
    let mut campaign = match step.as_str() {
        "preview" | "import" => {
            Some(Campaign::create(&dir.join("b.cesp"), &settings(), "bench").expect("campaign"))
        }
        _ => None,
    };
    let t = Instant::now();
    let detail = match (step.as_str(), campaign.as_mut()) {
        ("bare", _) => {
            // What any reader must do: open the workbook and visit every cell.
            let mut wb = calamine::open_workbook_auto(&file).expect("open");
            let name = wb.sheet_names()[0].clone();
            let range = wb.worksheet_range(&name).expect("sheet");
            let cells = range
                .rows()
                .flatten()
                .filter(|c| **c != Data::Empty)
                .count();
            format!("{cells} cells")
        }
        ("preview", Some(c)) => {
            let p = c
                .preview_import(&file, &ImportOptions::default(), 100, &mut |_| {}, &cancel)
                .expect("preview");
            format!(
                "{} to create, {} rejected",
                p.counts.create, p.counts.rejected_rows
            )
        }
        ("import", Some(c)) => {
            let p = c
                .import(
                    &file,
                    &ImportOptions::default(),
                    "bench",
                    100,
                    &mut |_| {},
                    &cancel,
                )
                .expect("import")
                .preview;
            format!("{} created", p.counts.create)
        }
        (other, _) => panic!("unknown step {other:?}: bare, preview or import"),
    };
    let secs = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    println!("{secs:.3} {detail}");
}
