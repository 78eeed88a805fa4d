//! Documents: one small layout layer shared by every PDF the app prints (letters,
//! timetables, minutes). This module sets French typography, wraps paragraphs, breaks
//! tables across pages (repeating their header), draws the letterhead on every page and
//! the footer « page X / Y », and writes each page's content stream; printpdf makes the
//! document around them (fonts, images, pages, catalogue). Fonts are DejaVu Sans,
//! embedded (and subset) from `assets/fonts`, so every French accent prints.

mod content;
mod fonts;
mod layout;
mod model;
mod pdf;
mod qr;
#[cfg(test)]
mod tests;

pub use fonts::text_width;
pub use layout::wrap;
pub use model::{Align, Block, Column, Meta, Picture, Section, Signatory, Style};
pub use pdf::{areas, quietly, render, render_files, render_with, Area, FileJob, OnFile};
pub use qr::qr_modules;

/// A document laid out but not rendered yet: one letter of a batch of thousands, rendered
/// only when its bytes are needed (sent, written), never all at once to be previewed.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The PDF's title.
    pub title: String,
    /// The letter.
    pub section: Section,
}

impl Pending {
    /// The PDF: the same bytes as [`render`] of the one section.
    pub fn render(&self) -> Vec<u8> {
        render(&self.title, std::slice::from_ref(&self.section))
    }
}
