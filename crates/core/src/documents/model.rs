//! What a document is made of: blocks of text in a style, tables, signatories, pictures,
//! sections with their own page numbering, and what the PDF says of itself.

/// Millimetres in a typographic point: sizes are in points, the page in millimetres.
pub(super) const MM_PER_PT: f32 = 25.4 / 72.0;

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
    /// The name of the area kept at the bottom of the box for an electronic signature's
    /// appearance (see [`super::areas`]).
    pub area: Option<String>,
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
