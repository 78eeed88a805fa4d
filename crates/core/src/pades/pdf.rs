//! A signature added to a PDF as an incremental update (ISO 32000-1 § 7.5.6): the bytes
//! before it are never rewritten, so the signatures before it stay valid. And the
//! signatures of a PDF found again, with the bytes each covers.

use lopdf::{Dictionary, Document, IncrementalDocument, Object, Stream, StringFormat};

/// Bytes kept for the CMS signature in `/Contents` (twice as many hexadecimal digits): a
/// certificate chain of four certificates fits.
const ROOM: usize = 16_384;
/// The `/ByteRange` written first, replaced once the offsets are known.
const PLACEHOLDER: [i64; 4] = [0, 1_111_111_111, 2_222_222_222, 3_333_333_333];

/// Where a signature field goes, and what its appearance says.
pub struct Field<'a> {
    /// The field's name (unique in the document).
    pub name: &'a str,
    /// The page, from 0.
    pub page: usize,
    /// Lower-left and upper-right corners, in points from the page's lower-left corner.
    pub rect: [f32; 4],
    /// The lines of its visible appearance.
    pub lines: &'a [String],
    /// The signer's name (`/Name`).
    pub signer: &'a str,
    /// `/Reason`.
    pub reason: &'a str,
    /// `/Location`.
    pub location: &'a str,
    /// `/M`, as a PDF date ("D:20270117180500+01'00'").
    pub date: &'a str,
}

/// Why a PDF could not take a signature (a bug or a damaged file: the sealed PDF is ours).
#[derive(Debug)]
pub struct Unsignable(pub String);

/// `pdf` with an empty signature field placed as `field` says, ready to be signed: the new
/// bytes, and where the hexadecimal `/Contents` lies in them (from `<` to after `>`).
pub(super) fn prepare(
    pdf: &[u8],
    field: &Field<'_>,
) -> Result<(Vec<u8>, usize, usize), Unsignable> {
    let fail = |what: &str| Unsignable(what.to_owned());
    let prev = Document::load_mem(pdf).map_err(|e| Unsignable(format!("PDF illisible ({e})")))?;
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| fail("catalogue introuvable"))?;
    let page = *prev
        .get_pages()
        .get(&(field.page as u32 + 1))
        .ok_or_else(|| fail("page de signature introuvable"))?;
    // What the update changes, read from the document as it stands.
    let mut catalog = prev
        .get_dictionary(root)
        .map_err(|_| fail("catalogue illisible"))?
        .clone();
    let mut page_dict = prev
        .get_dictionary(page)
        .map_err(|_| fail("page illisible"))?
        .clone();
    let mut form = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => prev.get_dictionary(*id).cloned().unwrap_or_default(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    let mut fields = resolve_array(&prev, form.get(b"Fields").ok());
    let mut annots = resolve_array(&prev, page_dict.get(b"Annots").ok());

    let mut update = IncrementalDocument::create_from(pdf.to_vec(), prev);
    let doc = &mut update.new_document;
    let font = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type1".to_vec())),
        ("BaseFont", Object::Name(b"Helvetica".to_vec())),
        ("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
    ]));
    let (w, h) = (field.rect[2] - field.rect[0], field.rect[3] - field.rect[1]);
    let appearance = doc.add_object(Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            (
                "BBox",
                Object::Array(vec![0.into(), 0.into(), w.into(), h.into()]),
            ),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter([(
                    "Font",
                    Object::Dictionary(Dictionary::from_iter([("F1", Object::Reference(font))])),
                )])),
            ),
        ]),
        appearance_content(field.lines, w, h),
    ));
    let signature = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Sig".to_vec())),
        ("Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
        ("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
        (
            "ByteRange",
            Object::Array(PLACEHOLDER.iter().map(|n| Object::Integer(*n)).collect()),
        ),
        (
            "Contents",
            Object::String(vec![0; ROOM], StringFormat::Hexadecimal),
        ),
        (
            "M",
            Object::String(field.date.as_bytes().to_vec(), StringFormat::Literal),
        ),
        ("Name", lopdf::text_string(field.signer)),
        ("Reason", lopdf::text_string(field.reason)),
        ("Location", lopdf::text_string(field.location)),
    ]));
    let widget = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Annot".to_vec())),
        ("Subtype", Object::Name(b"Widget".to_vec())),
        ("FT", Object::Name(b"Sig".to_vec())),
        ("T", lopdf::text_string(field.name)),
        ("V", Object::Reference(signature)),
        (
            "Rect",
            Object::Array(field.rect.iter().map(|v| Object::Real(*v)).collect()),
        ),
        ("P", Object::Reference(page)),
        // Print, locked.
        ("F", Object::Integer(132)),
        (
            "AP",
            Object::Dictionary(Dictionary::from_iter([(
                "N",
                Object::Reference(appearance),
            )])),
        ),
    ]));
    annots.push(Object::Reference(widget));
    page_dict.set("Annots", Object::Array(annots));
    fields.push(Object::Reference(widget));
    form.set("Fields", Object::Array(fields));
    // Signatures exist; the document is to be updated incrementally only.
    form.set("SigFlags", Object::Integer(3));
    catalog.set("AcroForm", Object::Dictionary(form));
    doc.set_object(page, Object::Dictionary(page_dict));
    doc.set_object(root, Object::Dictionary(catalog));

    let mut out = Vec::with_capacity(pdf.len() + 2 * ROOM + 4096);
    update
        .save_to(&mut out)
        .map_err(|e| Unsignable(format!("écriture impossible ({e})")))?;
    // The placeholders, in what was appended.
    let tail = pdf.len();
    let zeros = {
        let mut z = Vec::with_capacity(2 * ROOM + 2);
        z.push(b'<');
        z.extend(std::iter::repeat_n(b'0', 2 * ROOM));
        z.push(b'>');
        z
    };
    let start = find(&out[tail..], &zeros)
        .ok_or_else(|| fail("emplacement de la signature introuvable"))?
        + tail;
    let end = start + zeros.len();
    let marker = PLACEHOLDER[1].to_string();
    let at = find(&out[tail..], marker.as_bytes())
        .ok_or_else(|| fail("plage signée introuvable"))?
        + tail;
    let open = out[..at]
        .iter()
        .rposition(|b| *b == b'[')
        .ok_or_else(|| fail("plage signée illisible"))?;
    let close = at
        + out[at..]
            .iter()
            .position(|b| *b == b']')
            .ok_or_else(|| fail("plage signée illisible"))?;
    let range = format!("[0 {start} {end} {}]", out.len() - end);
    let room = close + 1 - open;
    if range.len() > room {
        return Err(fail("plage signée trop longue"));
    }
    let mut padded = range.into_bytes();
    // Spaces before the closing bracket keep every offset where it was.
    padded.splice(
        padded.len() - 1..padded.len() - 1,
        std::iter::repeat_n(b' ', room - padded.len()),
    );
    out[open..=close].copy_from_slice(&padded);
    Ok((out, start, end))
}

/// Puts the DER signature `cms` in the `/Contents` at `start..end` of `pdf`.
pub(super) fn fill(pdf: &mut [u8], start: usize, end: usize, cms: &[u8]) -> Result<(), Unsignable> {
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    if hex.len() > end - start - 2 {
        return Err(Unsignable(format!(
            "signature trop grande ({} octets pour {ROOM})",
            cms.len()
        )));
    }
    pdf[start + 1..start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}

fn resolve_array(doc: &Document, object: Option<&Object>) -> Vec<Object> {
    match object {
        Some(Object::Array(a)) => a.clone(),
        Some(Object::Reference(id)) => doc
            .get_object(*id)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The appearance's content: the lines in Helvetica, as large as the box allows.
fn appearance_content(lines: &[String], w: f32, h: f32) -> Vec<u8> {
    let longest = lines
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    // Helvetica's letters average about half their size in width.
    let size = (9.0_f32)
        .min((w - 4.0) / (longest * 0.5))
        .min((h - 2.0) / (lines.len().max(1) as f32 * 1.2))
        .max(4.0);
    let mut out = Vec::new();
    out.extend_from_slice(b"q 0.12 0.23 0.45 rg BT\n");
    out.extend_from_slice(
        format!(
            "/F1 {size:.2} Tf {:.2} TL 2 {:.2} Td\n",
            size * 1.2,
            h - 1.0 - size
        )
        .as_bytes(),
    );
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"T* ");
        }
        out.push(b'(');
        for b in win_ansi(line) {
            if matches!(b, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.extend_from_slice(b") Tj\n");
    }
    out.extend_from_slice(b"ET Q\n");
    out
}

/// `text` in WinAnsiEncoding (Windows-1252): French letters, guillemets and dashes are in
/// it; a no-break space is written as one, anything else as « ? ».
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{202f}' | '\u{a0}' => 0xA0,
            c => {
                let mut buf = [0u8; 4];
                let (bytes, _, unmappable) =
                    encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
                if unmappable || bytes.len() != 1 {
                    b'?'
                } else {
                    bytes[0]
                }
            }
        })
        .collect()
}

/// A signature found in a PDF.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// `/ByteRange`.
    pub range: [usize; 4],
    /// The DER in `/Contents` (with the zeros that pad it).
    pub contents: Vec<u8>,
    /// `/M`, as written ("D:…"), when present.
    pub date: Option<String>,
}

impl Found {
    /// Where the bytes it signs end: the end of its revision.
    pub fn end(&self) -> usize {
        self.range[2] + self.range[3]
    }

    /// The bytes it signs.
    pub fn signed<'a>(&self, pdf: &'a [u8]) -> [&'a [u8]; 2] {
        [
            &pdf[self.range[0]..self.range[0] + self.range[1]],
            &pdf[self.range[2]..self.end()],
        ]
    }
}

/// Every signature of `pdf`, in the order of the file (the first signed first), read from
/// the bytes themselves (a damaged file still shows its signatures).
pub(super) fn signatures(pdf: &[u8]) -> Vec<Found> {
    let mut out = Vec::new();
    let key = b"/ByteRange";
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], key).map(|i| i + from) {
        from = at + key.len();
        let Some(range) = byte_range(&pdf[from..]) else {
            continue;
        };
        if range[0] != 0
            || range[1] >= range[2]
            || range[2] + range[3] > pdf.len()
            || pdf.get(range[1]) != Some(&b'<')
            || pdf.get(range[2] - 1) != Some(&b'>')
        {
            continue;
        }
        let hex = &pdf[range[1] + 1..range[2] - 1];
        let Some(contents) = unhex(hex) else {
            continue;
        };
        // `/M` in the same object (before `endobj`).
        let object_start = pdf[..at].windows(3).rposition(|w| w == b"obj").unwrap_or(0);
        let object_end = find(&pdf[range[2]..], b"endobj").map_or(pdf.len(), |i| i + range[2]);
        let date = [&pdf[object_start..range[1]], &pdf[range[2]..object_end]]
            .iter()
            .find_map(|part| pdf_date(part));
        out.push(Found {
            range,
            contents,
            date,
        });
    }
    out.sort_by_key(Found::end);
    out.dedup_by_key(|f| f.range);
    out
}

fn byte_range(text: &[u8]) -> Option<[usize; 4]> {
    let text = &text[..text.len().min(100)];
    let open = text.iter().position(|b| *b == b'[')?;
    if !text[..open].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let close = open + text[open..].iter().position(|b| *b == b']')?;
    let numbers: Vec<usize> = std::str::from_utf8(&text[open + 1..close])
        .ok()?
        .split_ascii_whitespace()
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    numbers.try_into().ok()
}

fn unhex(hex: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = hex
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| (*b as char).to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    Some(
        digits
            .chunks(2)
            .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
            .collect(),
    )
}

/// The `/M (D:…)` of a dictionary's text.
fn pdf_date(text: &[u8]) -> Option<String> {
    let at = text.windows(2).position(|w| w == b"/M")?;
    let rest = &text[at + 2..];
    let open = rest.iter().position(|b| *b == b'(')?;
    if !rest[..open].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let close = open + rest[open..].iter().position(|b| *b == b')')?;
    String::from_utf8(rest[open + 1..close].to_vec()).ok()
}

/// The names of the signature fields of `doc`, with the `/ByteRange` of the signature
/// each holds.
pub(super) fn field_names(doc: &Document) -> Vec<([usize; 4], String)> {
    let Ok(root) = doc.catalog() else {
        return Vec::new();
    };
    let form = match root.get(b"AcroForm") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let fields = resolve_array(doc, form.and_then(|f| f.get(b"Fields").ok()));
    fields
        .iter()
        .filter_map(|f| {
            let field = doc.get_dictionary(f.as_reference().ok()?).ok()?;
            let name = lopdf::decode_text_string(field.get(b"T").ok()?).ok()?;
            let signature = match field.get(b"V").ok()? {
                Object::Reference(id) => doc.get_dictionary(*id).ok()?,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            let range: Vec<usize> = signature
                .get(b"ByteRange")
                .ok()?
                .as_array()
                .ok()?
                .iter()
                .map(|n| n.as_i64().ok().and_then(|n| usize::try_from(n).ok()))
                .collect::<Option<_>>()?;
            Some((range.try_into().ok()?, name))
        })
        .collect()
}

/// Only signatures were added to `after` since `before` (an earlier revision of the same
/// file): every object either is new (new objects change nothing until an existing one
/// points to them) or is as it was, except a page that only gained signature fields among
/// its annotations and the catalogue and form that only list them. Nothing is
/// decompressed: the objects are compared as stored.
pub(super) fn only_signatures_added(before: &Document, after: &Document) -> bool {
    const FORM_KEYS: &[&[u8]] = &[b"AcroForm", b"Fields", b"SigFlags"];
    after.objects.iter().all(|(id, now)| {
        let Some(then) = before.objects.get(id) else {
            return true;
        };
        if then == now {
            return true;
        }
        let (Object::Dictionary(then), Object::Dictionary(now)) = (then, now) else {
            return false;
        };
        let keys: std::collections::BTreeSet<&[u8]> = then
            .iter()
            .chain(now.iter())
            .map(|(k, _)| k.as_slice())
            .collect();
        keys.into_iter().all(|key| {
            if then.get(key).ok() == now.get(key).ok() || FORM_KEYS.contains(&key) {
                return true;
            }
            if key != b"Annots" {
                return false;
            }
            let old = resolve_array(before, then.get(key).ok());
            let new = resolve_array(after, now.get(key).ok());
            old.iter().all(|a| new.contains(a))
                && new
                    .iter()
                    .filter(|a| !old.contains(a))
                    .all(|a| is_signature_field(after, a))
        })
    })
}

fn is_signature_field(doc: &Document, annot: &Object) -> bool {
    let dict = match annot {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    };
    dict.is_some_and(|d| {
        d.get(b"FT").ok().and_then(|n| n.as_name().ok()) == Some(b"Sig".as_slice())
    })
}
