//! Rendering sections into a PDF file: printpdf makes the document around the pages'
//! content streams, which are compressed and put in place; identifiers are fixed so the
//! same document always gives the same bytes; several files are written at once.

use super::content::{page_content, PageJob};
use super::fonts::{subsets, BOLD_ID, REGULAR_ID};
use super::layout::{layout, Elem, Laid, PAGE_H, PAGE_W};
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

/// Told after each file of a long writing: (files written, files in all). The window
/// shows it as the progress of work running in the background.
pub type OnFile<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// An [`OnFile`] that tells nobody.
pub fn quietly(_done: usize, _total: usize) {}

/// Renders and writes several PDFs at once, on every core (a batch of a thousand letters
/// and each letter alone), telling `on_file` after each; the first error met, naming its
/// file, when one cannot be written.
pub fn render_files(jobs: &[FileJob<'_>], on_file: OnFile<'_>) -> crate::Result<()> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let workers = crate::parallel::cores().min(jobs.len().max(1));
    let work = || -> crate::Result<()> {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((path, sections, title)) = jobs.get(i) else {
                return Ok(());
            };
            std::fs::write(path, render(title, sections)).map_err(|e| crate::Error::io(path, e))?;
            on_file(written.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
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
        let pages = layout(section).pages;
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
    let laid: Vec<Laid> = crate::parallel::on_every_core(sections, 8, layout);
    let mut chars: std::collections::BTreeSet<char> = "page 0123456789/".chars().collect();
    for (section, Laid { pages, .. }) in sections.iter().zip(&laid) {
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
    for (pic, ..) in laid.iter().flat_map(|l| &l.pages).flat_map(|p| &p.pictures) {
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
        .flat_map(|((section, l), seal)| {
            l.pages.iter().enumerate().map(move |(i, page)| PageJob {
                section,
                page,
                elems: &l.elems,
                number: (i + 1, l.pages.len()),
                seal: seal.as_deref(),
            })
        })
        .collect();
    let contents = crate::parallel::on_every_core(&jobs, 32, |job| {
        let (plain, marks) = page_content(&faces, job);
        let mut crc = crc32fast::Hasher::new();
        crc.update(&plain);
        let len = plain.len();
        let stream = match deflate(&plain) {
            Some(packed) => PageStream::Packed(packed),
            None => PageStream::Plain(plain),
        };
        (crc.finalize(), len, stream, marks)
    });
    let mut marks = Vec::with_capacity(contents.len());
    let contents: Vec<_> = contents
        .into_iter()
        .map(|(crc, len, stream, page_marks)| {
            digest.update(crc.to_le_bytes());
            digest.update(len.to_le_bytes());
            marks.push(page_marks);
            stream
        })
        .collect();
    let structure = Structure {
        sections: laid.iter().map(|l| (l.pages.len(), &l.elems[..])).collect(),
        marks,
    };
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
    stable_ids(
        save(doc.with_pages(pages), contents, &structure),
        &digest.finalize(),
    )
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

/// What the tagged PDF's structure is made of: each section's number of pages and its
/// elements, and for each page (in order) the element of each MCID.
struct Structure<'a> {
    sections: Vec<(usize, &'a [Elem])>,
    marks: Vec<Vec<usize>>,
}

/// A text string as PDF wants it outside content streams: PDFDocEncoding's ASCII part as
/// is, anything else in UTF-16BE with its byte order mark.
fn text_string(text: &str) -> lopdf::Object {
    if text.is_ascii() {
        return lopdf::Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Makes the document a tagged PDF (ISO 32000-1, 14.8; PDF/UA's needs): a structure tree
/// (Document, a Sect per section, then its headings, paragraphs, lists, tables with header
/// cells, signatories and their figures, in reading order) tied to the marked content of
/// each page by MCIDs and the parent tree; the catalogue says it is marked, in French,
/// and that a reader shows the title, not the file name.
fn tag(lo: &mut lopdf::Document, pages: &[lopdf::ObjectId], structure: &Structure<'_>) {
    use lopdf::{dictionary, Dictionary, Object};
    let root_id = lo.new_object_id();
    let document_id = lo.new_object_id();
    let mut document_kids = Vec::new();
    let mut parent_tree = Vec::new();
    let mut first_page = 0;
    for (count, elems) in &structure.sections {
        let sect_id = lo.new_object_id();
        document_kids.push(Object::Reference(sect_id));
        let ids: Vec<lopdf::ObjectId> = elems.iter().map(|_| lo.new_object_id()).collect();
        let mut kids: Vec<Vec<Object>> = vec![Vec::new(); elems.len()];
        // Each element's marked content: (page, MCID), in reading order.
        let mut content: Vec<Vec<(lopdf::ObjectId, i64)>> = vec![Vec::new(); elems.len()];
        let mut sect_kids = Vec::new();
        for (e, elem) in elems.iter().enumerate() {
            match elem.parent {
                Some(p) => kids[p].push(Object::Reference(ids[e])),
                None => sect_kids.push(Object::Reference(ids[e])),
            }
        }
        for page in first_page..first_page + count {
            let (Some(&page_id), Some(page_marks)) = (pages.get(page), structure.marks.get(page))
            else {
                continue;
            };
            let mut by_mcid = Vec::with_capacity(page_marks.len());
            for (mcid, &e) in page_marks.iter().enumerate() {
                content[e].push((page_id, mcid as i64));
                by_mcid.push(Object::Reference(ids[e]));
            }
            if let Ok(dict) = lo.get_object_mut(page_id).and_then(Object::as_dict_mut) {
                dict.set("StructParents", page as i64);
                dict.set("Tabs", "S");
            }
            parent_tree.push(Object::Integer(page as i64));
            parent_tree.push(Object::Array(by_mcid));
        }
        for (e, elem) in elems.iter().enumerate() {
            let mut dict = dictionary! {
                "S" => elem.role,
                "P" => elem.parent.map_or(sect_id, |p| ids[p]),
            };
            let marked = std::mem::take(&mut content[e]);
            let mut k = std::mem::take(&mut kids[e]);
            match marked.first() {
                // Content on one page (most elements): the page once, the MCIDs as numbers.
                Some(&(page, _)) if marked.iter().all(|(p, _)| *p == page) => {
                    dict.set("Pg", page);
                    k.extend(marked.iter().map(|(_, mcid)| Object::Integer(*mcid)));
                }
                _ => k.extend(marked.iter().map(|&(page, mcid)| {
                    Object::Dictionary(
                        dictionary! { "Type" => "MCR", "Pg" => page, "MCID" => mcid },
                    )
                })),
            }
            dict.set(
                "K",
                if k.len() == 1 {
                    k.remove(0)
                } else {
                    Object::Array(k)
                },
            );
            if let Some(alt) = &elem.alt {
                dict.set("Alt", text_string(alt));
            }
            if elem.role == "TH" {
                // A header cell heads its column.
                dict.set("A", dictionary! { "O" => "Table", "Scope" => "Column" });
            }
            lo.objects.insert(ids[e], Object::Dictionary(dict));
        }
        lo.objects.insert(
            sect_id,
            Object::Dictionary(dictionary! {
                "Type" => "StructElem",
                "S" => "Sect",
                "P" => document_id,
                "K" => sect_kids,
            }),
        );
        first_page += count;
    }
    lo.objects.insert(
        document_id,
        Object::Dictionary(dictionary! {
            "Type" => "StructElem",
            "S" => "Document",
            "P" => root_id,
            "K" => document_kids,
        }),
    );
    lo.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => document_id,
            "ParentTree" => dictionary! { "Nums" => parent_tree },
            "ParentTreeNextKey" => pages.len() as i64,
        }),
    );
    let catalog = lo.trailer.get(b"Root").and_then(Object::as_reference).ok();
    if let Some(dict) =
        catalog.and_then(|id| lo.get_object_mut(id).and_then(Object::as_dict_mut).ok())
    {
        dict.set("StructTreeRoot", root_id);
        dict.set("MarkInfo", dictionary! { "Marked" => true });
        dict.set("Lang", Object::string_literal("fr-FR"));
        let mut viewer = Dictionary::new();
        viewer.set("DisplayDocTitle", true);
        dict.set("ViewerPreferences", viewer);
    }
}

/// The PDF's bytes, with `contents` as the pages' content streams, every other stream
/// compressed too, tagged with `structure`.
fn save(doc: &mut PdfDocument, contents: Vec<PageStream>, structure: &Structure<'_>) -> Vec<u8> {
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    // The font programs are the same in most documents (see `subsets`): compressed once.
    type Packed = (Vec<u8>, Vec<u8>);
    static PACKED: std::sync::Mutex<Vec<Packed>> = std::sync::Mutex::new(Vec::new());
    let mut lo = printpdf::to_lopdf_doc(doc, &options, &mut Vec::new());
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    tag(&mut lo, &page_ids, structure);
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
