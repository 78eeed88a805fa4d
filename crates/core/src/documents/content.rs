//! A page's content stream, written straight as PDF operators: letterhead, rules,
//! footer and page number, seal, then the text the layout placed.

use super::fonts::{text_width, Faces, BOLD_ID, REGULAR_ID};
use super::layout::{wrap, Elem, Page, Placed, BOTTOM, MARGIN, PAGE_H, PAGE_W, TEXT_W, TOP};
use super::model::{Section, Style, MM_PER_PT};

/// A page's content stream, written straight as PDF operators: the graphics first, then
/// one text object with the font and colour set only when they change and each line placed
/// with an absolute text matrix. (printpdf's operation model built a tree of objects for
/// every operator and encoded it again: most of a letter's time.)
struct Content<'a> {
    faces: &'a Faces,
    elems: &'a [Elem],
    graphics: Vec<u8>,
    text: Vec<u8>,
    font: Option<(bool, f32)>,
    muted: Option<bool>,
    /// The marked-content sequences of the page, in order: (element, MCID = position).
    marks: Vec<usize>,
}

/// Opens a marked-content sequence: the structure element's role with the next MCID, or
/// an artifact (what a screen reader skips: letterheads, rules, page numbers…).
fn mark(out: &mut Vec<u8>, marks: &mut Vec<usize>, elems: &[Elem], tag: Option<usize>) {
    match tag.and_then(|e| elems.get(e).map(|el| (e, el.role))) {
        Some((e, role)) => {
            out.push(b'/');
            out.extend_from_slice(role.as_bytes());
            out.extend_from_slice(b" <</MCID ");
            out.extend_from_slice(marks.len().to_string().as_bytes());
            out.extend_from_slice(b">> BDC\n");
            marks.push(e);
        }
        None => out.extend_from_slice(b"/Artifact BMC\n"),
    }
}

/// A number as PDF writes it: at most three decimals, no exponent, no trailing zeros.
pub(super) fn num(out: &mut Vec<u8>, v: f32) {
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
    fn new(faces: &'a Faces, elems: &'a [Elem]) -> Self {
        Content {
            faces,
            elems,
            graphics: Vec::with_capacity(512),
            text: Vec::with_capacity(4096),
            font: None,
            muted: None,
            marks: Vec::new(),
        }
    }

    fn text(&mut self, p: &Placed) {
        mark(&mut self.text, &mut self.marks, self.elems, p.tag);
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
        out.extend_from_slice(b") Tj\nEMC\n");
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        let out = &mut self.graphics;
        out.extend_from_slice(b"/Artifact BMC\n");
        op(out, &RULE_RGB, "RG");
        op(out, &[thickness], "w");
        op(out, &[x1 / MM_PER_PT, (PAGE_H - y) / MM_PER_PT], "m");
        op(out, &[x2 / MM_PER_PT, (PAGE_H - y) / MM_PER_PT], "l");
        out.extend_from_slice(b"S\nEMC\n");
    }

    fn frame(&mut self, (x, y, w, h): (f32, f32, f32, f32)) {
        let out = &mut self.graphics;
        out.extend_from_slice(b"/Artifact BMC\n");
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
        out.extend_from_slice(b"S\nEMC\n");
    }

    /// Draws a resource (a form or an image) through the matrix `m`, as the figure `tag`
    /// or an artifact.
    fn draw(&mut self, name: &str, m: [f32; 6], tag: Option<usize>) {
        let out = &mut self.graphics;
        mark(out, &mut self.marks, self.elems, tag);
        out.extend_from_slice(b"q\n");
        op(out, &m, "cm");
        out.push(b'/');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b" Do\nQ\nEMC\n");
    }

    /// The content stream, and the element of each marked-content sequence (by MCID).
    fn finish(mut self) -> (Vec<u8>, Vec<usize>) {
        if !self.text.is_empty() {
            self.graphics.extend_from_slice(b"BT\n");
            self.graphics.append(&mut self.text);
            self.graphics.extend_from_slice(b"ET\n");
        }
        (self.graphics, self.marks)
    }
}

/// One page to write: its section, its layout and its section's structure, « page X / Y »,
/// the seal's form.
pub(super) struct PageJob<'a> {
    pub(super) section: &'a Section,
    pub(super) page: &'a Page,
    pub(super) elems: &'a [Elem],
    pub(super) number: (usize, usize),
    pub(super) seal: Option<&'a str>,
}

/// The content stream of a page: letterhead, rules, footer and number, seal (artifacts),
/// then what the layout placed, each piece marked with its structure element; and the
/// element of each MCID.
pub(super) fn page_content(faces: &Faces, job: &PageJob<'_>) -> (Vec<u8>, Vec<usize>) {
    let (section, page) = (job.section, job.page);
    let mut content = Content::new(faces, job.elems);
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
            tag: None,
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
            tag: None,
        });
    }
    content.text(&Placed {
        x: PAGE_W - MARGIN - text_width(&number, foot),
        y: baseline,
        text: number,
        style: foot,
        tag: None,
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
            None,
        );
    }
    for r in &page.rules {
        content.rule(r.0, r.1, r.2, 0.3);
    }
    for b in &page.boxes {
        content.frame(*b);
    }
    for (pic, x, bottom, w, _, tag) in &page.pictures {
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
            *tag,
        );
    }
    for t in &page.texts {
        content.text(t);
    }
    content.finish()
}
