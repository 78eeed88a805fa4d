//! Documents: one small layout layer shared by every PDF the app prints (letters,
//! timetables, minutes). This module sets French typography, wraps paragraphs, breaks
//! tables across pages (repeating their header), draws the letterhead on every page and
//! the footer « page X / Y », and writes each page's content stream; printpdf makes the
//! document around them (fonts, images, pages, catalogue). Fonts are DejaVu Sans,
//! embedded (and subset) from `assets/fonts`, so every French accent prints.

use crate::Refusal;
use std::sync::OnceLock;

use printpdf::{
    Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
const TOP: f32 = 30.0; // below the letterhead
const BOTTOM: f32 = 22.0; // above the footer
const MM_PER_PT: f32 = 25.4 / 72.0;

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

/// Text style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Size in points.
    pub size: f32,
    /// Bold.
    pub bold: bool,
    /// Grey (for notes and footers).
    pub muted: bool,
}

impl Style {
    /// Body text.
    pub const BODY: Style = Style {
        size: 10.5,
        bold: false,
        muted: false,
    };
    /// Bold body text.
    pub const STRONG: Style = Style {
        size: 10.5,
        bold: true,
        muted: false,
    };
    /// A title.
    pub const TITLE: Style = Style {
        size: 15.0,
        bold: true,
        muted: false,
    };
    /// A heading.
    pub const HEADING: Style = Style {
        size: 12.0,
        bold: true,
        muted: false,
    };
    /// Small grey text.
    pub const NOTE: Style = Style {
        size: 8.5,
        bold: false,
        muted: true,
    };
}

/// How a line is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Right.
    Right,
    /// Centred.
    Center,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header.
    pub title: String,
    /// Share of the text width (the shares are normalised).
    pub width: f32,
    /// Alignment of the cells.
    pub align: Align,
}

/// One element of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A wrapped paragraph.
    Text {
        /// The text (`\n` starts a new line).
        text: String,
        /// Style.
        style: Style,
        /// Alignment.
        align: Align,
    },
    /// A bulleted item.
    Bullet(String),
    /// Vertical space, in millimetres.
    Space(f32),
    /// A table; its header is repeated on every page it spans.
    Table {
        /// Columns.
        columns: Vec<Column>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
    /// Keeps the next blocks together with the following ones up to this height (mm):
    /// starts a new page when less room is left.
    KeepTogether(f32),
    /// Signature boxes, two by row, each with a name, a role and room to sign.
    Signatures(Vec<Signatory>),
    /// A new page.
    PageBreak,
}

impl Block {
    /// A body paragraph.
    pub fn text(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            style: Style::BODY,
            align: Align::Left,
        }
    }
    /// A paragraph in a given style.
    pub fn styled(text: impl Into<String>, style: Style) -> Block {
        Block::Text {
            text: text.into(),
            style,
            align: Align::Left,
        }
    }
    /// A right-aligned paragraph.
    pub fn right(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            style: Style::BODY,
            align: Align::Right,
        }
    }
}

/// Someone who signs a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    /// "Pr Jean-Marc LEFEBVRE".
    pub name: String,
    /// "Président(e) de la commission".
    pub role: String,
    /// Under the name ("Signature", "Approuvé le 17/01/2027").
    pub note: String,
    /// The signature image, placed in the box.
    pub image: Option<Picture>,
}

/// An image decoded to 8-bit RGB pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// A stable name in the PDF (the same picture, the same name).
    pub key: String,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major RGB.
    pub rgb: Vec<u8>,
}

/// One document with its own page numbering (a letter, the minutes…).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Lines of the letterhead, top left of every page (first in bold).
    pub letterhead: Vec<String>,
    /// Text at the bottom left of every page.
    pub footer: String,
    /// A QR code printed top right of every page (modules, row by row; dark = true).
    pub qr: Option<Vec<Vec<bool>>>,
    /// The content.
    pub blocks: Vec<Block>,
}

/// What the PDF says of itself (its information dictionary).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Subject.
    pub subject: String,
    /// An ASCII identifier a program can find in the file again (the minutes' seal).
    pub identifier: String,
    /// Date of the document (UTC seconds); the epoch when absent, for stable bytes.
    pub date: Option<i64>,
}

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

/// Splits `text` into lines no wider than `width` mm, breaking at spaces (never at
/// non-breaking spaces) and, for a word too long, inside the word.
pub fn wrap(text: &str, style: Style, width: f32) -> Vec<String> {
    let text = &*crate::fr::typography(text);
    let space = text_width(" ", style);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let word_w = text_width(word, style);
            if line.is_empty() && word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than the line is cut where it must.
            let mut rest = word;
            while text_width(rest, style) > width {
                let mut cut_w = 0.0;
                let mut end = 0;
                for (i, c) in rest.char_indices() {
                    let c_w = text_width(c.encode_utf8(&mut [0; 4]), style);
                    if cut_w + c_w > width && end > 0 {
                        break;
                    }
                    cut_w += c_w;
                    end = i + c.len_utf8();
                }
                lines.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
            line = rest.to_owned();
            line_w = text_width(rest, style);
        }
        lines.push(line);
    }
    lines
}

fn line_height(style: Style) -> f32 {
    style.size * MM_PER_PT * 1.38
}

/// A piece of text placed on a page (from the top-left corner, in mm).
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    x: f32,
    y: f32,
    text: String,
    style: Style,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Page {
    texts: Vec<Placed>,
    /// Horizontal rules: (x1, x2, y).
    rules: Vec<(f32, f32, f32)>,
    /// Framed boxes: (x, y, width, height).
    boxes: Vec<(f32, f32, f32, f32)>,
    /// Pictures: (picture, x, y of the bottom edge, width, height), millimetres.
    pictures: Vec<(Picture, f32, f32, f32, f32)>,
}

struct Layout {
    pages: Vec<Page>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Layout {
            pages: vec![Page::default()],
            y: TOP,
        }
    }
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }
    fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }
    fn break_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }
    fn ensure(&mut self, height: f32) {
        if self.room() < height && self.y > TOP {
            self.break_page();
        }
    }
    fn line(&mut self, text: String, style: Style, align: Align, x0: f32, width: f32) {
        let h = line_height(style);
        self.ensure(h);
        let x = match align {
            Align::Left => x0,
            Align::Right => x0 + width - text_width(&text, style),
            Align::Center => x0 + (width - text_width(&text, style)) / 2.0,
        };
        let y = self.y + style.size * MM_PER_PT;
        self.page().texts.push(Placed { x, y, text, style });
        self.y += h;
    }
}

const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;

fn table(l: &mut Layout, columns: &[Column], rows: &[Vec<String>]) {
    let total: f32 = columns.iter().map(|c| c.width).sum::<f32>().max(0.001);
    let widths: Vec<f32> = columns.iter().map(|c| c.width / total * TEXT_W).collect();
    let pad = 1.2;
    let head_style = Style {
        size: 9.0,
        bold: true,
        muted: false,
    };
    let cell_style = Style {
        size: 9.0,
        bold: false,
        muted: false,
    };
    let lay_row = |cells: &[String], style: Style| -> (Vec<Vec<String>>, f32) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| wrap(c, style, w - 2.0 * pad))
            .collect();
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        (wrapped, n as f32 * line_height(style) + 2.0 * pad)
    };
    let header: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
    let (head_cells, head_h) = lay_row(&header, head_style);
    let draw = |l: &mut Layout, cells: &[Vec<String>], style: Style, h: f32| {
        let top = l.y;
        let mut x = MARGIN;
        for ((lines, w), col) in cells.iter().zip(&widths).zip(columns) {
            let mut y = top + pad;
            for t in lines {
                let tx = match col.align {
                    Align::Left => x + pad,
                    Align::Right => x + w - pad - text_width(t, style),
                    Align::Center => x + (w - text_width(t, style)) / 2.0,
                };
                let baseline = y + style.size * MM_PER_PT;
                l.page().texts.push(Placed {
                    x: tx,
                    y: baseline,
                    text: t.clone(),
                    style,
                });
                y += line_height(style);
            }
            x += w;
        }
        l.y = top + h;
        let y = l.y;
        l.page().rules.push((MARGIN, MARGIN + TEXT_W, y));
    };
    let head = |l: &mut Layout| {
        let y = l.y;
        l.page().rules.push((MARGIN, MARGIN + TEXT_W, y));
        draw(l, &head_cells, head_style, head_h);
    };
    l.ensure(head_h * 2.5);
    head(l);
    for r in rows {
        let (cells, h) = lay_row(r, cell_style);
        if l.room() < h {
            l.break_page();
            head(l);
        }
        draw(l, &cells, cell_style, h);
    }
    l.y += 2.0;
}

fn layout(section: &Section) -> Vec<Page> {
    let mut l = Layout::new();
    let mut keep: f32 = 0.0;
    for b in &section.blocks {
        match b {
            Block::KeepTogether(h) => keep = *h,
            Block::PageBreak => l.break_page(),
            Block::Space(mm) => {
                if l.y > TOP {
                    l.y += mm;
                }
            }
            Block::Text { text, style, align } => {
                if keep > 0.0 {
                    l.ensure(keep);
                    keep = 0.0;
                }
                for line in wrap(text, *style, TEXT_W) {
                    l.line(line, *style, *align, MARGIN, TEXT_W);
                }
                l.y += line_height(*style) * 0.35;
            }
            Block::Bullet(text) => {
                if keep > 0.0 {
                    l.ensure(keep);
                    keep = 0.0;
                }
                let indent = 6.0;
                let lines = wrap(text, Style::BODY, TEXT_W - indent);
                for (i, line) in lines.into_iter().enumerate() {
                    if i == 0 {
                        let y = l.y + Style::BODY.size * MM_PER_PT;
                        l.ensure(line_height(Style::BODY));
                        let y = if l.y == TOP {
                            TOP + Style::BODY.size * MM_PER_PT
                        } else {
                            y
                        };
                        l.page().texts.push(Placed {
                            x: MARGIN + 1.5,
                            y,
                            text: "•".into(),
                            style: Style::BODY,
                        });
                    }
                    l.line(
                        line,
                        Style::BODY,
                        Align::Left,
                        MARGIN + indent,
                        TEXT_W - indent,
                    );
                }
                l.y += 0.8;
            }
            Block::Table { columns, rows } => {
                keep = 0.0;
                table(&mut l, columns, rows);
            }
            Block::Signatures(people) => {
                keep = 0.0;
                signatures(&mut l, people);
            }
        }
    }
    l.pages
}

fn signatures(l: &mut Layout, people: &[Signatory]) {
    const H: f32 = 34.0;
    const GAP: f32 = 6.0;
    let w = (TEXT_W - GAP) / 2.0;
    for pair in people.chunks(2) {
        l.ensure(H + 2.0);
        let top = l.y;
        for (i, p) in pair.iter().enumerate() {
            let x = MARGIN + i as f32 * (w + GAP);
            l.page().boxes.push((x, top, w, H));
            let mut y = top + 5.0;
            for (text, style) in [
                (p.name.as_str(), Style::STRONG),
                (p.role.as_str(), Style::NOTE),
                (p.note.as_str(), Style::NOTE),
            ] {
                for line in wrap(text, style, w - 6.0).into_iter().take(2) {
                    l.page().texts.push(Placed {
                        x: x + 3.0,
                        y,
                        text: line,
                        style,
                    });
                    y += line_height(style);
                }
            }
            if let Some(pic) = &p.image {
                // Fit in the room left at the bottom of the box, keeping the proportions.
                let (room_w, room_h) = (w - 6.0, (top + H - 2.0 - y).max(4.0));
                let ratio = pic.height as f32 / pic.width.max(1) as f32;
                let (pw, ph) = if room_w * ratio <= room_h {
                    (room_w, room_w * ratio)
                } else {
                    (room_h / ratio, room_h)
                };
                l.page()
                    .pictures
                    .push((pic.clone(), x + 3.0, top + H - 2.0, pw, ph));
            }
        }
        l.y = top + H + 3.0;
    }
}

/// A page's content stream, written straight as PDF operators: the graphics first, then
/// one text object with the font and colour set only when they change and each line placed
/// with an absolute text matrix. (printpdf's operation model built a tree of objects for
/// every operator and encoded it again: most of a letter's time.)
struct Content<'a> {
    faces: &'a Faces,
    graphics: Vec<u8>,
    text: Vec<u8>,
    font: Option<(bool, f32)>,
    muted: Option<bool>,
}

/// A number as PDF writes it: at most three decimals, no exponent, no trailing zeros.
fn num(out: &mut Vec<u8>, v: f32) {
    let mut m = (f64::from(v) * 1000.0).round() as i64;
    if m < 0 {
        out.push(b'-');
        m = -m;
    }
    let (int, frac) = (m / 1000, m % 1000);
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut i = int;
    loop {
        digits[n] = b'0' + (i % 10) as u8;
        n += 1;
        i /= 10;
        if i == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
    if frac != 0 {
        out.push(b'.');
        let f = [frac / 100, frac / 10 % 10, frac % 10];
        let keep = if frac % 100 == 0 {
            1
        } else if frac % 10 == 0 {
            2
        } else {
            3
        };
        out.extend(f[..keep].iter().map(|d| b'0' + *d as u8));
    }
}

/// Numbers then an operator, on one line.
fn op(out: &mut Vec<u8>, numbers: &[f32], operator: &str) {
    for v in numbers {
        num(out, *v);
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
    out.push(b'\n');
}

const TEXT_RGB: [f32; 3] = [0.1, 0.12, 0.16];
const MUTED_RGB: [f32; 3] = [0.33, 0.36, 0.42];
const RULE_RGB: [f32; 3] = [0.6, 0.64, 0.7];
const BOX_RGB: [f32; 3] = [0.45, 0.48, 0.55];

impl<'a> Content<'a> {
    fn new(faces: &'a Faces) -> Self {
        Content {
            faces,
            graphics: Vec::with_capacity(512),
            text: Vec::with_capacity(4096),
            font: None,
            muted: None,
        }
    }

    fn text(&mut self, p: &Placed) {
        let out = &mut self.text;
        if self.muted != Some(p.style.muted) {
            op(
                out,
                if p.style.muted { &MUTED_RGB } else { &TEXT_RGB },
                "rg",
            );
            self.muted = Some(p.style.muted);
        }
        if self.font != Some((p.style.bold, p.style.size)) {
            out.push(b'/');
            out.extend_from_slice(if p.style.bold { BOLD_ID } else { REGULAR_ID }.as_bytes());
            out.push(b' ');
            op(out, &[p.style.size], "Tf");
            self.font = Some((p.style.bold, p.style.size));
        }
        op(
            out,
            &[
                1.0,
                0.0,
                0.0,
                1.0,
                p.x / MM_PER_PT,
                (PAGE_H - p.y) / MM_PER_PT,
            ],
            "Tm",
        );
        // Identity-H: each character is its glyph's two-byte code in the embedded subset,
        // in a literal string (half the bytes of hexadecimal), the delimiters escaped and
        // the line ends too (a reader would normalise them).
        let face = if p.style.bold {
            &self.faces.bold
        } else {
            &self.faces.regular
        };
        out.push(b'(');
        for c in p.text.chars() {
            for b in face.glyph(c).to_be_bytes() {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    _ => out.push(b),
                }
            }
        }
        out.extend_from_slice(b") Tj\n");
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        let out = &mut self.graphics;
        op(out, &RULE_RGB, "RG");
        op(out, &[thickness], "w");
        op(out, &[x1 / MM_PER_PT, (PAGE_H - y) / MM_PER_PT], "m");
        op(out, &[x2 / MM_PER_PT, (PAGE_H - y) / MM_PER_PT], "l");
        out.extend_from_slice(b"S\n");
    }

    fn frame(&mut self, (x, y, w, h): (f32, f32, f32, f32)) {
        let out = &mut self.graphics;
        op(out, &BOX_RGB, "RG");
        op(out, &[0.5], "w");
        op(
            out,
            &[
                x / MM_PER_PT,
                (PAGE_H - y - h) / MM_PER_PT,
                w / MM_PER_PT,
                h / MM_PER_PT,
            ],
            "re",
        );
        out.extend_from_slice(b"S\n");
    }

    /// Draws a resource (a form or an image) through the matrix `m`.
    fn draw(&mut self, name: &str, m: [f32; 6]) {
        let out = &mut self.graphics;
        out.extend_from_slice(b"q\n");
        op(out, &m, "cm");
        out.push(b'/');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b" Do\nQ\n");
    }

    fn finish(mut self) -> Vec<u8> {
        if !self.text.is_empty() {
            self.graphics.extend_from_slice(b"BT\n");
            self.graphics.append(&mut self.text);
            self.graphics.extend_from_slice(b"ET\n");
        }
        self.graphics
    }
}

/// The QR code as one form drawn once per document: `n` modules plus a quiet zone of one
/// module each side, `size` mm wide.
fn qr_form(modules: &[Vec<bool>], size: f32) -> printpdf::XObject {
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
fn base_chars() -> std::collections::BTreeSet<char> {
    let mut chars: std::collections::BTreeSet<char> = (' '..='~').chain('\u{a0}'..='ÿ').collect();
    chars.extend("ŒœŸ‘’‚“”„–—…€•‰‹›\u{2009}\u{202f}ᵉʳᵈᵐˡ°".chars());
    chars
}

/// An embedded font and the code of each character in it (the glyph's number in the
/// subset, which Identity-H text shows).
struct Face {
    parsed: ParsedFont,
    /// Codes of the characters up to U+20FF (0: the font has no glyph for it).
    codes: Vec<u16>,
}

impl Face {
    fn new(parsed: ParsedFont) -> Self {
        let codes = (0u32..0x2100)
            .map(|c| parsed.lookup_glyph_index(c).unwrap_or(0))
            .collect();
        Face { parsed, codes }
    }

    fn glyph(&self, c: char) -> u16 {
        match self.codes.get(c as usize) {
            Some(g) => *g,
            None => self.parsed.lookup_glyph_index(c as u32).unwrap_or(0),
        }
    }
}

/// The regular and bold faces of one document.
struct Faces {
    regular: Face,
    bold: Face,
}

/// The regular and bold fonts reduced to `chars` (see [`base_chars`]).
fn subsets(chars: &std::collections::BTreeSet<char>) -> std::sync::Arc<Faces> {
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

/// Replaces the random file identifiers printpdf writes by `digest` (of everything the
/// document says), so the same document always gives the same bytes (same length: offsets
/// stay valid).
fn stable_ids(mut pdf: Vec<u8>, digest: &[u8]) -> Vec<u8> {
    let marker = b"/ID[(";
    let Some(start) = pdf.windows(marker.len()).rposition(|w| w == marker) else {
        return pdf;
    };
    let first = start + marker.len();
    let second = first + 32 + 2;
    if pdf.len() < second + 32 || &pdf[first + 32..second] != b")(" {
        return pdf;
    }
    let id: Vec<u8> = digest
        .iter()
        .flat_map(|b| [b'A' + (b >> 4), b'A' + (b & 15)])
        .take(32)
        .collect();
    pdf[first..first + 32].copy_from_slice(&id);
    pdf[second..second + 32].copy_from_slice(&id);
    pdf
}

/// Renders sections (each numbered from page 1) into one PDF.
pub fn render(title: &str, sections: &[Section]) -> Vec<u8> {
    render_with(
        &Meta {
            title: title.to_owned(),
            ..Meta::default()
        },
        sections,
    )
}

/// One PDF to write: where, its sections, its title.
pub type FileJob<'a> = (std::path::PathBuf, &'a [Section], &'a str);

/// Renders and writes several PDFs at once, on every core (a batch of a thousand letters
/// and each letter alone); the first error met, naming its file, when one cannot be
/// written.
pub fn render_files(jobs: &[FileJob<'_>]) -> crate::Result<()> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let workers = crate::parallel::cores().min(jobs.len().max(1));
    let work = || -> crate::Result<()> {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((path, sections, title)) = jobs.get(i) else {
                return Ok(());
            };
            std::fs::write(path, render(title, sections)).map_err(|e| crate::Error::io(path, e))?;
        }
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut result = work();
        for h in handles {
            let r = h.join().unwrap_or_else(|_| {
                Err(crate::Error::Refused(
                    Refusal::DocumentsInternal,
                    "Erreur interne pendant l'écriture des documents.".into(),
                ))
            });
            result = result.and(r);
        }
        result
    })
}

/// Resource names of the two fonts (fixed: printpdf draws random ones, and the same
/// document must give the same bytes).
const REGULAR_ID: &str = "DejaVuSansRegular";
const BOLD_ID: &str = "DejaVuSansBold";

/// Renders sections into one PDF that describes itself with `meta`. The same sections and
/// meta always give the same bytes.
///
/// printpdf makes the document: its fonts (embedded, with their widths and the map back to
/// Unicode that text extraction needs), images, forms, pages, catalogue and information.
/// The pages' content streams are written here ([`Content`]), compressed, and put in their
/// place; a long document is laid out and written on every core.
pub fn render_with(meta: &Meta, sections: &[Section]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut doc = PdfDocument::new(&meta.title);
    // A fixed date (the document's own, or the epoch): the same content, the same bytes.
    let date = meta
        .date
        .and_then(|t| printpdf::OffsetDateTime::from_unix_timestamp(t).ok())
        .unwrap_or_else(printpdf::OffsetDateTime::epoch);
    doc.metadata.info.creation_date = date;
    doc.metadata.info.modification_date = date;
    doc.metadata.info.metadata_date = date;
    doc.metadata.info.subject = meta.subject.clone();
    doc.metadata.info.identifier = meta.identifier.clone();
    doc.metadata.info.creator = "CESP Commission".into();
    doc.metadata.info.producer = "CESP Commission".into();
    let laid: Vec<Vec<Page>> = crate::parallel::on_every_core(sections, 8, layout);
    let mut chars: std::collections::BTreeSet<char> = "page 0123456789/".chars().collect();
    for (section, pages) in sections.iter().zip(&laid) {
        // As printed: typeset (the page texts were, when wrapped).
        for line in section.letterhead.iter().chain([&section.footer]) {
            chars.extend(crate::fr::typography(line).chars());
        }
        chars.extend(
            pages
                .iter()
                .flat_map(|p| p.texts.iter().flat_map(|t| t.text.chars())),
        );
    }
    let faces = subsets(&chars);
    let ids = (
        printpdf::FontId(REGULAR_ID.into()),
        printpdf::FontId(BOLD_ID.into()),
    );
    doc.resources.fonts.map.insert(
        ids.0.clone(),
        printpdf::PdfFont::new(faces.regular.parsed.clone()),
    );
    doc.resources.fonts.map.insert(
        ids.1.clone(),
        printpdf::PdfFont::new(faces.bold.parsed.clone()),
    );
    // What the document says, for its identifier (the fonts follow from the characters).
    let mut digest = Sha256::new();
    for part in [&meta.title, &meta.subject, &meta.identifier] {
        digest.update(part.as_bytes());
        digest.update([0]);
    }
    digest.update(meta.date.unwrap_or_default().to_le_bytes());
    // The forms and images, each once in the document.
    let mut seals: Vec<(&Vec<Vec<bool>>, String)> = Vec::new();
    let mut seal_of = Vec::new();
    for section in sections {
        seal_of.push(section.qr.as_ref().map(|qr| {
            if let Some((_, name)) = seals.iter().find(|(m, _)| *m == qr) {
                return name.clone();
            }
            let name = format!("Seal{}", seals.len());
            doc.resources
                .xobjects
                .map
                .insert(printpdf::XObjectId(name.clone()), qr_form(qr, 21.0));
            digest.update(
                qr.iter()
                    .flatten()
                    .map(|d| u8::from(*d))
                    .collect::<Vec<_>>(),
            );
            seals.push((qr, name.clone()));
            name
        }));
    }
    for (pic, ..) in laid.iter().flatten().flat_map(|p| &p.pictures) {
        let id = printpdf::XObjectId(pic.key.clone());
        if let std::collections::btree_map::Entry::Vacant(room) =
            doc.resources.xobjects.map.entry(id)
        {
            digest.update(&pic.rgb);
            room.insert(printpdf::XObject::Image(printpdf::RawImage {
                pixels: printpdf::RawImageData::U8(pic.rgb.clone()),
                width: pic.width,
                height: pic.height,
                data_format: printpdf::RawImageFormat::RGB8,
                tag: Vec::new(),
            }));
        }
    }
    let jobs: Vec<PageJob<'_>> = sections
        .iter()
        .zip(&laid)
        .zip(&seal_of)
        .flat_map(|((section, pages), seal)| {
            pages.iter().enumerate().map(move |(i, page)| PageJob {
                section,
                page,
                number: (i + 1, pages.len()),
                seal: seal.as_deref(),
            })
        })
        .collect();
    let contents = crate::parallel::on_every_core(&jobs, 32, |job| {
        let plain = page_content(&faces, job);
        let mut crc = crc32fast::Hasher::new();
        crc.update(&plain);
        let len = plain.len();
        let stream = match deflate(&plain) {
            Some(packed) => PageStream::Packed(packed),
            None => PageStream::Plain(plain),
        };
        (crc.finalize(), len, stream)
    });
    let contents: Vec<_> = contents
        .into_iter()
        .map(|(crc, len, stream)| {
            digest.update(crc.to_le_bytes());
            digest.update(len.to_le_bytes());
            stream
        })
        .collect();
    // printpdf embeds a font's widths and Unicode map for the glyphs its pages show: the
    // first page shows every character in both fonts (that content is replaced).
    let every: String = chars.iter().collect();
    let show = |font: &printpdf::FontId| {
        [
            Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(10.0),
            },
            Op::ShowText {
                items: vec![TextItem::Text(every.clone())],
            },
        ]
    };
    let mut glyphs = vec![Op::StartTextSection];
    glyphs.extend(show(&ids.0));
    glyphs.extend(show(&ids.1));
    glyphs.push(Op::EndTextSection);
    let pages: Vec<PdfPage> = (0..contents.len())
        .map(|i| {
            PdfPage::new(
                Mm(PAGE_W),
                Mm(PAGE_H),
                if i == 0 { glyphs.clone() } else { Vec::new() },
            )
        })
        .collect();
    stable_ids(save(doc.with_pages(pages), contents), &digest.finalize())
}

/// One page to write: its section, its layout, « page X / Y », the seal's form.
struct PageJob<'a> {
    section: &'a Section,
    page: &'a Page,
    number: (usize, usize),
    seal: Option<&'a str>,
}

/// The content stream of a page: letterhead, rules, footer and number, seal, then what
/// the layout placed.
fn page_content(faces: &Faces, job: &PageJob<'_>) -> Vec<u8> {
    let (section, page) = (job.section, job.page);
    let mut content = Content::new(faces);
    for (j, line) in section.letterhead.iter().enumerate() {
        let style = if j == 0 {
            Style {
                size: 10.0,
                bold: true,
                muted: false,
            }
        } else {
            Style {
                size: 8.5,
                bold: false,
                muted: true,
            }
        };
        content.text(&Placed {
            x: MARGIN,
            y: 13.0 + j as f32 * 4.0,
            text: crate::fr::typography(line).into_owned(),
            style,
        });
    }
    content.rule(MARGIN, PAGE_W - MARGIN, TOP - 4.0, 0.6);
    content.rule(MARGIN, PAGE_W - MARGIN, PAGE_H - BOTTOM + 6.0, 0.4);
    let foot = Style::NOTE;
    let number = format!("page {} / {}", job.number.0, job.number.1);
    let baseline = PAGE_H - BOTTOM + 11.0;
    for (k, line) in wrap(&section.footer, foot, TEXT_W - 30.0)
        .into_iter()
        .enumerate()
    {
        content.text(&Placed {
            x: MARGIN,
            y: baseline + k as f32 * 3.5,
            text: line,
            style: foot,
        });
    }
    content.text(&Placed {
        x: PAGE_W - MARGIN - text_width(&number, foot),
        y: baseline,
        text: number,
        style: foot,
    });
    if let Some(name) = job.seal {
        content.draw(
            name,
            [
                1.0,
                0.0,
                0.0,
                1.0,
                (PAGE_W - MARGIN - 21.0) / MM_PER_PT,
                (PAGE_H - 3.0 - 21.0) / MM_PER_PT,
            ],
        );
    }
    for r in &page.rules {
        content.rule(r.0, r.1, r.2, 0.3);
    }
    for b in &page.boxes {
        content.frame(*b);
    }
    for (pic, x, bottom, w, _) in &page.pictures {
        // An image fills the unit square: scaled to its size, then placed.
        let width_pt = w / MM_PER_PT;
        let height_pt = width_pt * pic.height as f32 / pic.width.max(1) as f32;
        content.draw(
            &pic.key,
            [
                width_pt,
                0.0,
                0.0,
                height_pt,
                x / MM_PER_PT,
                (PAGE_H - bottom) / MM_PER_PT,
            ],
        );
    }
    for t in &page.texts {
        content.text(t);
    }
    content.finish()
}

/// `bytes` compressed at a fast level (printpdf's own `save` compresses at zlib's best
/// level: most of a document's time for a few percent of size); `None` when that does not
/// make them smaller.
fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::fast(),
    );
    encoder.write_all(bytes).ok()?;
    let packed = encoder.finish().ok()?;
    (packed.len() < bytes.len()).then_some(packed)
}

/// A page's content stream as it goes in the file.
enum PageStream {
    /// Compressed (Flate).
    Packed(Vec<u8>),
    /// As written, when compressing did not make it smaller.
    Plain(Vec<u8>),
}

/// The PDF's bytes, with `contents` as the pages' content streams, every other stream
/// compressed too.
fn save(doc: &mut PdfDocument, contents: Vec<PageStream>) -> Vec<u8> {
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    // The font programs are the same in most documents (see `subsets`): compressed once.
    type Packed = (Vec<u8>, Vec<u8>);
    static PACKED: std::sync::Mutex<Vec<Packed>> = std::sync::Mutex::new(Vec::new());
    let mut lo = printpdf::to_lopdf_doc(doc, &options, &mut Vec::new());
    for ((_, page), content) in lo.get_pages().into_iter().zip(contents) {
        let stream = lo
            .get_dictionary(page)
            .and_then(|d| d.get(b"Contents"))
            .and_then(lopdf::Object::as_reference);
        if let Ok(id) = stream {
            let stream = match content {
                PageStream::Packed(packed) => {
                    let mut dict = lopdf::Dictionary::new();
                    dict.set("Filter", "FlateDecode");
                    lopdf::Stream::new(dict, packed)
                }
                PageStream::Plain(plain) => lopdf::Stream::new(lopdf::Dictionary::new(), plain),
            };
            lo.objects.insert(id, lopdf::Object::Stream(stream));
        }
    }
    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let font = stream.dict.has(b"Length1");
        if font {
            let known = PACKED.lock().ok().and_then(|p| {
                p.iter()
                    .find(|(plain, _)| *plain == stream.content)
                    .map(|(_, packed)| packed.clone())
            });
            if let Some(bytes) = known {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(bytes);
                continue;
            }
        }
        if let Some(bytes) = deflate(&stream.content) {
            if font {
                if let Ok(mut p) = PACKED.lock() {
                    // A few fonts at most are worth keeping (the base subsets).
                    if p.len() >= 4 {
                        p.remove(0);
                    }
                    p.push((stream.content.clone(), bytes.clone()));
                }
            }
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(bytes);
        }
    }
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = lo.save_to(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let pages = layout(&section);
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
        // The fonts are subset: three pages of a table weigh little.
        assert!(pdf.len() < 80_000, "{} bytes", pdf.len());
        // Same content, same bytes.
        assert_eq!(pdf, render("Essai", &[long_table()]));
    }
}
