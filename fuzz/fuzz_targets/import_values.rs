//! Any text in any field: the value rules answer a value or a French reason, never panic.
#![no_main]
use cesp_core::import::fields::Field;
use cesp_core::import::read::Cell;
use cesp_core::import::values::{parse, Context};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let field = Field::ALL[which as usize % Field::ALL.len()];
    let ctx = Context {
        today: chrono_today(),
        date1904: which & 0x80 != 0,
    };
    let text = String::from_utf8_lossy(rest);
    let _ = parse(field, &Cell::Text(text.into_owned()), &ctx);
    if rest.len() >= 8 {
        let n = f64::from_le_bytes(rest[..8].try_into().unwrap_or([0; 8]));
        let _ = parse(field, &Cell::Number(n), &ctx);
    }
    let _ = cesp_core::import::fields::recognise(&String::from_utf8_lossy(rest));
});

fn chrono_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}
