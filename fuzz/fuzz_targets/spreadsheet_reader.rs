//! Any bytes behind a workbook signature (xlsx/ods zip, xls OLE): no panic, ever.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on any panic, even one the reader catches on purpose
    // (import::read::guarded turns calamine's panics into a French message). A silent
    // hook restores that; an uncaught panic still aborts (libfuzzer-sys checks).
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let (kind, rest) = data.split_first().unwrap_or((&0, &[]));
    let mut bytes = Vec::with_capacity(rest.len() + 8);
    if kind % 2 == 0 {
        bytes.extend_from_slice(b"PK\x03\x04");
    } else {
        bytes.extend_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    }
    bytes.extend_from_slice(rest);
    let _ = cesp_core::import::read::read_bytes(&bytes, None);
    let _ = cesp_core::import::read::read_bytes(&bytes, Some("Feuil1"));
});
