use super::*;

#[test]
fn a_pdf_date_is_written_in_paris_time_and_read_back() {
    let at = Utc.with_ymd_and_hms(2027, 1, 17, 17, 5, 0).unwrap();
    assert_eq!(pdf_date(at), "D:20270117180500+01'00'");
    assert_eq!(parse_pdf_date(&pdf_date(at)), Some(at));
    let summer = Utc.with_ymd_and_hms(2027, 7, 1, 8, 0, 0).unwrap();
    assert_eq!(pdf_date(summer), "D:20270701100000+02'00'");
    assert_eq!(parse_pdf_date("D:20270117170500Z"), Some(at));
    assert_eq!(parse_pdf_date("D:20270117120500-05'00'"), Some(at));
    assert_eq!(parse_pdf_date("hier"), None);
}

#[test]
fn a_pdf_without_signatures_has_none() {
    let pdf = crate::documents::render("Essai", &[]);
    assert!(check(&pdf).is_empty());
    assert_eq!(unsigned_length(&pdf, &check(&pdf)), None);
}

#[test]
fn a_byte_range_that_does_not_frame_its_contents_is_not_a_signature() {
    // Offsets that point outside the file, or not at « < … > ».
    let fake = b"%PDF-1.7\n1 0 obj <</ByteRange [0 10 20 5000] /Contents <3000>>> endobj\n%%EOF";
    assert!(check(fake).is_empty());
}
