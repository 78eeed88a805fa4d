//! The QR code a document carries: its modules, and the form that draws them once per
//! document.

use super::model::MM_PER_PT;

/// A QR code of `text` (error correction M), as rows of modules.
pub fn qr_modules(text: &str) -> Vec<Vec<bool>> {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M) else {
        return Vec::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    colors
        .chunks(width)
        .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
        .collect()
}

/// The QR code as one form drawn once per document: `n` modules plus a quiet zone of one
/// module each side, `size` mm wide.
pub(super) fn qr_form(modules: &[Vec<bool>], size: f32) -> printpdf::XObject {
    use printpdf::xobject::{DictItem, ExternalStream, ExternalXObject};
    use std::fmt::Write;
    let n = modules.len() + 2;
    let module_pt = size / MM_PER_PT / n as f32;
    let mut content = String::from("0 0 0 rg\n");
    for (r, row) in modules.iter().enumerate() {
        for (c, dark) in row.iter().enumerate() {
            if *dark {
                // PDF's y goes up: row 0 is at the top.
                let _ = writeln!(content, "{} {} 1 1 re", c + 1, n - 2 - r);
            }
        }
    }
    content.push_str("f\n");
    let real = DictItem::Real;
    let dict = [
        ("Type", DictItem::Name(b"XObject".to_vec())),
        ("Subtype", DictItem::Name(b"Form".to_vec())),
        (
            "BBox",
            DictItem::Array(vec![real(0.0), real(0.0), real(n as f32), real(n as f32)]),
        ),
        (
            "Matrix",
            DictItem::Array(vec![
                real(module_pt),
                real(0.0),
                real(0.0),
                real(module_pt),
                real(0.0),
                real(0.0),
            ]),
        ),
        (
            "Resources",
            DictItem::Dict {
                map: Default::default(),
            },
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    printpdf::XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: content.into_bytes(),
            compress: true,
        },
        width: None,
        height: None,
        dpi: None,
    })
}
