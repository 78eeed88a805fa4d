//! Rendering sections into a PDF file: printpdf makes the document around the pages'
//! content streams, which are compressed and put in place; identifiers are fixed so the
//! same document always gives the same bytes; several files are written at once.

use super::content::{page_content, PageJob};
use super::fonts::{subsets, BOLD_ID, REGULAR_ID};
use super::layout::{layout, Page, PAGE_H, PAGE_W};
use super::model::{Meta, Section};
use super::qr::qr_form;
use crate::Refusal;
use printpdf::{Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem};

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

/// A named area of a rendered document (see [`super::Signatory::area`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Its name.
    pub name: String,
    /// The page, from 0, counted across the sections.
    pub page: usize,
    /// Lower-left and upper-right corners, in points from the page's lower-left corner
    /// (as a PDF places an annotation).
    pub rect: [f32; 4],
}

/// The named areas of the document the same sections render to (the layout is the same
/// every time).
pub fn areas(sections: &[Section]) -> Vec<Area> {
    let pt = |mm: f32| mm * 72.0 / 25.4;
    let mut out = Vec::new();
    let mut first = 0;
    for section in sections {
        let pages = layout(section);
        for (i, page) in pages.iter().enumerate() {
            for (name, x, top, w, h) in &page.areas {
                out.push(Area {
                    name: name.clone(),
                    page: first + i,
                    rect: [pt(*x), pt(PAGE_H - top - h), pt(x + w), pt(PAGE_H - top)],
                });
            }
        }
        first += pages.len();
    }
    out
}

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
