//! The fonts every document uses: DejaVu Sans, regular and bold, bundled; their widths
//! (to measure text), and the subsets of them a document embeds.

use std::sync::OnceLock;

use super::model::{Style, MM_PER_PT};
use printpdf::ParsedFont;

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new())
            .expect("the bundled DejaVu Sans parses"),
        bold: ParsedFont::from_bytes(BOLD, 0, &mut Vec::new())
            .expect("the bundled DejaVu Sans Bold parses"),
    })
}

fn font(style: Style) -> &'static ParsedFont {
    if style.bold {
        &fonts().bold
    } else {
        &fonts().regular
    }
}

/// Advance widths (font units) of the characters up to U+20FF, read once per font: the
/// layout measures every word of every document, and the font's own lookup walks a map.
struct Widths {
    units_per_em: f32,
    table: Vec<f32>,
}

fn widths(bold: bool) -> &'static Widths {
    static REGULAR_W: OnceLock<Widths> = OnceLock::new();
    static BOLD_W: OnceLock<Widths> = OnceLock::new();
    let build = |f: &ParsedFont| {
        let upm = f32::from(f.pdf_font_metrics.units_per_em.max(1));
        Widths {
            units_per_em: upm,
            table: (0u32..0x2100)
                .map(|c| {
                    f.lookup_glyph_index(c)
                        .and_then(|g| f.get_glyph_width(g))
                        .map(f32::from)
                        .unwrap_or(upm * 0.5)
                })
                .collect(),
        }
    };
    if bold {
        BOLD_W.get_or_init(|| build(&fonts().bold))
    } else {
        REGULAR_W.get_or_init(|| build(&fonts().regular))
    }
}

fn char_units(w: &Widths, f: &ParsedFont, c: char) -> f32 {
    match w.table.get(c as usize) {
        Some(units) => *units,
        None => f
            .lookup_glyph_index(c as u32)
            .and_then(|g| f.get_glyph_width(g))
            .map(f32::from)
            .unwrap_or(w.units_per_em * 0.5),
    }
}

/// Width of `text` in millimetres.
pub fn text_width(text: &str, style: Style) -> f32 {
    let (w, f) = (widths(style.bold), font(style));
    let units: f32 = text.chars().map(|c| char_units(w, f, c)).sum();
    units / w.units_per_em * style.size * MM_PER_PT
}

/// The font reduced to the characters a document uses (the whole font otherwise weighs
/// 380 KB per style in every PDF); the full font when subsetting fails.
fn subset(
    full: &'static [u8],
    parsed: &ParsedFont,
    chars: &std::collections::BTreeSet<char>,
) -> ParsedFont {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let mut ids: Vec<u16> = chars
        .iter()
        .filter_map(|c| parsed.lookup_glyph_index(*c as u32))
        .filter(|g| *g != 0)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.insert(0, 0);
    let reduced = ReadScope::new(full)
        .read::<FontData<'_>>()
        .ok()
        .and_then(|f| f.table_provider(0).ok())
        .and_then(|p| {
            allsorts::subset::subset(&p, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok()
        })
        .and_then(|bytes| ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()));
    reduced.unwrap_or_else(|| parsed.clone())
}

/// The characters French documents use: every document whose text stays within them
/// embeds the same two subsets, made once (subsetting takes most of a one-page letter's
/// time); a document with other characters gets a subset of these and its own.
pub(super) fn base_chars() -> std::collections::BTreeSet<char> {
    let mut chars: std::collections::BTreeSet<char> = (' '..='~').chain('\u{a0}'..='ÿ').collect();
    chars.extend("ŒœŸ‘’‚“”„–—…€•‰‹›\u{2009}\u{202f}ᵉʳᵈᵐˡ°".chars());
    chars
}

/// An embedded font and the code of each character in it (the glyph's number in the
/// subset, which Identity-H text shows).
pub(super) struct Face {
    pub(super) parsed: ParsedFont,
    /// Codes of the characters up to U+20FF (0: the font has no glyph for it).
    pub(super) codes: Vec<u16>,
}

impl Face {
    fn new(parsed: ParsedFont) -> Self {
        let codes = (0u32..0x2100)
            .map(|c| parsed.lookup_glyph_index(c).unwrap_or(0))
            .collect();
        Face { parsed, codes }
    }

    pub(super) fn glyph(&self, c: char) -> u16 {
        match self.codes.get(c as usize) {
            Some(g) => *g,
            None => self.parsed.lookup_glyph_index(c as u32).unwrap_or(0),
        }
    }
}

/// The regular and bold faces of one document.
pub(super) struct Faces {
    pub(super) regular: Face,
    pub(super) bold: Face,
}

/// The regular and bold fonts reduced to `chars` (see [`base_chars`]).
pub(super) fn subsets(chars: &std::collections::BTreeSet<char>) -> std::sync::Arc<Faces> {
    use std::sync::Arc;
    struct Base {
        chars: std::collections::BTreeSet<char>,
        faces: Arc<Faces>,
    }
    static BASE: OnceLock<Base> = OnceLock::new();
    let base = BASE.get_or_init(|| {
        let chars = base_chars();
        Base {
            faces: Arc::new(Faces {
                regular: Face::new(subset(REGULAR, &fonts().regular, &chars)),
                bold: Face::new(subset(BOLD, &fonts().bold, &chars)),
            }),
            chars,
        }
    });
    if chars.is_subset(&base.chars) {
        return Arc::clone(&base.faces);
    }
    let all: std::collections::BTreeSet<char> = base.chars.union(chars).copied().collect();
    Arc::new(Faces {
        regular: Face::new(subset(REGULAR, &fonts().regular, &all)),
        bold: Face::new(subset(BOLD, &fonts().bold, &all)),
    })
}

/// Resource names of the two fonts (fixed: printpdf draws random ones, and the same
/// document must give the same bytes).
pub(super) const REGULAR_ID: &str = "DejaVuSansRegular";
pub(super) const BOLD_ID: &str = "DejaVuSansBold";
