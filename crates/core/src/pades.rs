//! PAdES signatures (ETSI EN 319 142-1, baseline B-B) of a PDF, each by its signer's own
//! certificate (a `.p12` / `.pfx` file), added as incremental updates; and the
//! signatures of a PDF read back and checked: intact, the document unchanged after them
//! but for later signatures, the certificate valid at the time of signing (its dates and
//! key usage; revocation cannot be checked offline).
//!
//! The CMS is built with the RustCrypto `cms`, `x509-cert`, `der`, `rsa` and `p256`
//! crates, the `.p12` read with `p12-keystore` (which reads what OpenSSL 3 writes), the
//! update written with lopdf.

mod cms;
mod keys;
mod pdf;

use chrono::{DateTime, TimeZone, Utc};
use sha2::{Digest, Sha256};

use crate::error::{Error, Refusal, Result};

pub use keys::{names_person, open_p12, Credentials, Holder};
pub use pdf::Field;

/// `pdf` signed by `credentials` in the field `field` (an incremental update: the bytes of
/// `pdf` are the start of the result).
pub fn sign(pdf: &[u8], field: &Field<'_>, credentials: &Credentials) -> Result<Vec<u8>> {
    let failed = |why: String| {
        Error::Refused(
            Refusal::SignatureFailed,
            format!("La signature n'a pas pu être ajoutée au PDF ({why}). Rien n'a été modifié."),
        )
    };
    let (mut out, start, end) = pdf::prepare(pdf, field).map_err(|e| failed(e.0))?;
    let mut digest = Sha256::new();
    digest.update(&out[..start]);
    digest.update(&out[end..]);
    let der = cms::sign(&digest.finalize(), credentials).map_err(|e| failed(e.to_string()))?;
    pdf::fill(&mut out, start, end, &der).map_err(|e| failed(e.0))?;
    Ok(out)
}

/// `at` as a PDF date, in Paris time ("D:20270117180500+01'00'").
pub fn pdf_date(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Paris);
    let offset = local.format("%z").to_string();
    format!(
        "D:{}{}'{}'",
        local.format("%Y%m%d%H%M%S"),
        &offset[..3],
        &offset[3..]
    )
}

/// A PDF date ("D:20270117180500+01'00'", "D:20270117170500Z"…) read back.
pub fn parse_pdf_date(text: &str) -> Option<DateTime<Utc>> {
    let t = text.strip_prefix("D:").unwrap_or(text);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let part = |from: usize, to: usize, default: u32| {
        digits
            .get(from..to)
            .and_then(|d| d.parse().ok())
            .unwrap_or(default)
    };
    let naive =
        chrono::NaiveDate::from_ymd_opt(part(0, 4, 0) as i32, part(4, 6, 1), part(6, 8, 1))?
            .and_hms_opt(part(8, 10, 0), part(10, 12, 0), part(12, 14, 0))?;
    let rest = &t[digits.len()..];
    let offset = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let nums: Vec<i32> = rest[1..]
                .split('\'')
                .filter_map(|n| n.parse().ok())
                .collect();
            let minutes =
                nums.first().copied().unwrap_or(0) * 60 + nums.get(1).copied().unwrap_or(0);
            if sign == '-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => 0,
    };
    let zone = chrono::FixedOffset::east_opt(offset * 60)?;
    zone.from_local_datetime(&naive)
        .single()
        .map(|d| d.with_timezone(&Utc))
}

/// One signature of a PDF, as checked.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The name of its field, when the document can be read.
    pub field: Option<String>,
    /// Who signed, as their certificate says (when it could be read).
    pub holder: Option<Holder>,
    /// When, as the signature dictionary says (`/M`).
    pub signed_at: Option<DateTime<Utc>>,
    /// The bytes it covers are those that were signed, and the signature is the
    /// certificate's.
    pub intact: bool,
    /// Where its `/Contents` starts, inside its own revision.
    pub contents_at: usize,
    /// Where its revision ends.
    pub end: usize,
    /// Nothing follows it in the file.
    pub last: bool,
    /// What follows it (when something does) only adds signatures, the last of which
    /// covers the end of the file.
    pub only_signatures_after: bool,
    /// Why the certificate could not sign at that time (empty: it could).
    pub certificate_problems: Vec<String>,
    /// Why the signature could not be read or checked, when it could not.
    pub problem: Option<String>,
}

/// Every signature of `pdf`, the first signed first, each checked.
pub fn check(pdf: &[u8]) -> Vec<Checked> {
    let found = pdf::signatures(pdf);
    let whole = lopdf::Document::load_mem(pdf).ok();
    let names = whole.as_ref().map(pdf::field_names).unwrap_or_default();
    // Trailing line breaks after the last `%%EOF` are not a change.
    let length = pdf.len()
        - pdf
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    // The last revision is signed: nothing follows the last signature.
    let closed = found.iter().any(|f| f.end() >= length);
    found
        .iter()
        .map(|f| {
            let checked = cms::check(&f.contents, &f.signed(pdf));
            let signed_at = f.date.as_deref().and_then(parse_pdf_date);
            let end = f.end();
            let last = end >= length;
            let certificate_problems = checked
                .certificate
                .as_ref()
                .map(|c| {
                    keys::certificate_problems(c, signed_at.unwrap_or_else(Utc::now))
                        .into_iter()
                        .map(|(_, text)| text)
                        .collect()
                })
                .unwrap_or_default();
            Checked {
                field: names
                    .iter()
                    .find(|(range, _)| *range == f.range)
                    .map(|(_, name)| name.clone()),
                holder: checked.certificate.as_ref().map(keys::holder),
                signed_at,
                intact: checked.digest_matches && checked.signature_valid,
                contents_at: f.range[1],
                end,
                last,
                only_signatures_after: last
                    || (closed
                        && whole.as_ref().is_some_and(|after| {
                            lopdf::Document::load_mem(&pdf[..end])
                                .is_ok_and(|before| pdf::only_signatures_added(&before, after))
                        })),
                certificate_problems,
                problem: checked.problem,
            }
        })
        .collect()
}

/// Where the first signature's revision starts in `pdf`, whose signatures are `checked`
/// ([`check`]): the bytes before it are the document as it was before anyone signed
/// (`None` when it has no signature).
pub fn unsigned_length(pdf: &[u8], checked: &[Checked]) -> Option<usize> {
    let first = checked.iter().map(|c| c.contents_at).min()?;
    let eof = pdf[..first].windows(5).rposition(|w| w == b"%%EOF")? + 5;
    Some(eof)
}

#[cfg(test)]
mod tests;
