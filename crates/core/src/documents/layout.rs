//! Laying a section out on A4 pages: paragraphs wrapped in French typography, tables
//! broken across pages with their header repeated, signatures; each page as the text
//! placed on it.

use super::fonts::text_width;
use super::model::{Align, Block, Column, Picture, Section, Signatory, Style, MM_PER_PT};

pub(super) const PAGE_W: f32 = 210.0;
pub(super) const PAGE_H: f32 = 297.0;
pub(super) const MARGIN: f32 = 20.0;
pub(super) const TOP: f32 = 30.0; // below the letterhead
pub(super) const BOTTOM: f32 = 22.0; // above the footer

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
pub(super) struct Placed {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) text: String,
    pub(super) style: Style,
    /// The structure element it belongs to (an index in [`Laid::elems`]); `None` for an
    /// artifact (a table's header repeated on a new page), which a screen reader skips.
    pub(super) tag: Option<usize>,
}

/// A structure element of the tagged PDF (ISO 32000, 14.8.4): a heading, a paragraph, a
/// list, a table and its cells… in reading order, as assistive technologies read them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Elem {
    /// The standard structure type: "H1", "P", "L", "LI", "Lbl", "LBody", "Table", "TR",
    /// "TH", "TD", "Div", "Figure".
    pub(super) role: &'static str,
    /// Its parent element; `None`: the section's own.
    pub(super) parent: Option<usize>,
    /// The alternative text of a figure.
    pub(super) alt: Option<String>,
}

/// A section laid out: its pages and its structure.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Laid {
    pub(super) pages: Vec<Page>,
    pub(super) elems: Vec<Elem>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Page {
    pub(super) texts: Vec<Placed>,
    /// Horizontal rules: (x1, x2, y).
    pub(super) rules: Vec<(f32, f32, f32)>,
    /// Framed boxes: (x, y, width, height).
    pub(super) boxes: Vec<(f32, f32, f32, f32)>,
    /// Pictures: (picture, x, y of the bottom edge, width, height), millimetres, and the
    /// figure element that describes it.
    pub(super) pictures: Vec<(Picture, f32, f32, f32, f32, Option<usize>)>,
    /// Named areas left free for what is added to the PDF later (a signature field):
    /// (name, x, y of the top edge, width, height), millimetres.
    pub(super) areas: Vec<(String, f32, f32, f32, f32)>,
}

struct Layout {
    pages: Vec<Page>,
    elems: Vec<Elem>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Layout {
            pages: vec![Page::default()],
            elems: Vec::new(),
            y: TOP,
        }
    }
    /// A new structure element under `parent`.
    fn elem(&mut self, role: &'static str, parent: Option<usize>) -> usize {
        self.elems.push(Elem {
            role,
            parent,
            alt: None,
        });
        self.elems.len() - 1
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
    fn line(
        &mut self,
        text: String,
        style: Style,
        align: Align,
        (x0, width): (f32, f32),
        tag: usize,
    ) {
        let h = line_height(style);
        self.ensure(h);
        let x = match align {
            Align::Left => x0,
            Align::Right => x0 + width - text_width(&text, style),
            Align::Center => x0 + (width - text_width(&text, style)) / 2.0,
        };
        let y = self.y + style.size * MM_PER_PT;
        self.page().texts.push(Placed {
            x,
            y,
            text,
            style,
            tag: Some(tag),
        });
        self.y += h;
    }
}

pub(super) const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;

fn table(l: &mut Layout, columns: &[Column], rows: &[Vec<String>]) {
    let table = l.elem("Table", None);
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
    // `row`: the row's element and its cells' role; `None` for the header repeated on a
    // new page (an artifact: read once).
    let draw = |l: &mut Layout,
                cells: &[Vec<String>],
                style: Style,
                h: f32,
                row: Option<(usize, &'static str)>| {
        let top = l.y;
        let mut x = MARGIN;
        for ((lines, w), col) in cells.iter().zip(&widths).zip(columns) {
            let tag = row.map(|(tr, role)| l.elem(role, Some(tr)));
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
                    tag,
                });
                y += line_height(style);
            }
            x += w;
        }
        l.y = top + h;
        let y = l.y;
        l.page().rules.push((MARGIN, MARGIN + TEXT_W, y));
    };
    let head = |l: &mut Layout, first: bool| {
        let y = l.y;
        l.page().rules.push((MARGIN, MARGIN + TEXT_W, y));
        let row = first.then(|| (l.elem("TR", Some(table)), "TH"));
        draw(l, &head_cells, head_style, head_h, row);
    };
    l.ensure(head_h * 2.5);
    head(l, true);
    for r in rows {
        let (cells, h) = lay_row(r, cell_style);
        if l.room() < h {
            l.break_page();
            head(l, false);
        }
        let tr = l.elem("TR", Some(table));
        draw(l, &cells, cell_style, h, Some((tr, "TD")));
    }
    l.y += 2.0;
}

/// The structure type of a paragraph in `style`: the title and headings are headings.
fn paragraph_role(style: Style) -> &'static str {
    if style == Style::TITLE {
        "H1"
    } else if style == Style::HEADING {
        "H2"
    } else {
        "P"
    }
}

pub(super) fn layout(section: &Section) -> Laid {
    let mut l = Layout::new();
    let mut keep: f32 = 0.0;
    // The list that consecutive bullets make.
    let mut list: Option<usize> = None;
    for b in &section.blocks {
        if !matches!(
            b,
            Block::Bullet(_) | Block::Space(_) | Block::KeepTogether(_)
        ) {
            list = None;
        }
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
                let tag = l.elem(paragraph_role(*style), None);
                for line in wrap(text, *style, TEXT_W) {
                    l.line(line, *style, *align, (MARGIN, TEXT_W), tag);
                }
                l.y += line_height(*style) * 0.35;
            }
            Block::Bullet(text) => {
                if keep > 0.0 {
                    l.ensure(keep);
                    keep = 0.0;
                }
                let list = *list.get_or_insert_with(|| l.elem("L", None));
                let item = l.elem("LI", Some(list));
                let label = l.elem("Lbl", Some(item));
                let body = l.elem("LBody", Some(item));
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
                            tag: Some(label),
                        });
                    }
                    l.line(
                        line,
                        Style::BODY,
                        Align::Left,
                        (MARGIN + indent, TEXT_W - indent),
                        body,
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
    Laid {
        pages: l.pages,
        elems: l.elems,
    }
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
            let signatory = l.elem("Div", None);
            let mut y = top + 5.0;
            for (text, style) in [
                (p.name.as_str(), Style::STRONG),
                (p.role.as_str(), Style::NOTE),
                (p.note.as_str(), Style::NOTE),
            ] {
                let tag = l.elem("P", Some(signatory));
                for line in wrap(text, style, w - 6.0).into_iter().take(2) {
                    l.page().texts.push(Placed {
                        x: x + 3.0,
                        y,
                        text: line,
                        style,
                        tag: Some(tag),
                    });
                    y += line_height(style);
                }
            }
            let (room_w, room_h) = (w - 6.0, (top + H - 2.0 - y).max(4.0));
            if let Some(key) = &p.area {
                // The room at the bottom of the box; its right half beside a picture.
                let beside = if p.image.is_some() {
                    room_w * 0.45
                } else {
                    0.0
                };
                l.page()
                    .areas
                    .push((key.clone(), x + 3.0 + beside, y, room_w - beside, room_h));
            }
            if let Some(pic) = &p.image {
                // Fit in the room left at the bottom of the box, keeping the proportions.
                let ratio = pic.height as f32 / pic.width.max(1) as f32;
                let (pw, ph) = if room_w * ratio <= room_h {
                    (room_w, room_w * ratio)
                } else {
                    (room_h / ratio, room_h)
                };
                let figure = l.elem("Figure", Some(signatory));
                l.elems[figure].alt = Some(format!("Signature de {}", p.name));
                l.page()
                    .pictures
                    .push((pic.clone(), x + 3.0, top + H - 2.0, pw, ph, Some(figure)));
            }
        }
        l.y = top + H + 3.0;
    }
}
