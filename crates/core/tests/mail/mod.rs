//! E-mail, up to the wire: the settings checked field by field, a batch's preview (each
//! candidate's own PDF, the same bytes as the file the app writes, French subject and
//! text), the candidates without an address or with one that is not an address, and a
//! batch refused whole, with nothing recorded, when the server cannot be reached. The
//! messages themselves go to a real SMTP server in `tests/mail` (through `cesp mail`).

use std::sync::atomic::AtomicBool;

use cesp_core::mail::{MailKind, MailRequest, MailSettings, Security, Server};
use cesp_core::{demo, Error, Refusal};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::temp;

const OP: &str = "Claire Martin";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).expect("date")
}

fn request(kind: MailKind) -> MailRequest {
    MailRequest {
        kind,
        return_by: String::new(),
    }
}

#[test]
fn a_preview_attaches_each_candidates_own_letter_and_names_those_who_need_paper() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("demo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let p = c
        .mail_preview(&request(MailKind::Convocations), day())
        .expect("preview");
    assert!(!p.messages.is_empty());
    let first = &p.messages[0];
    assert!(
        first
            .subject
            .starts_with("Convocation à l'entretien CESP — "),
        "{}",
        first.subject
    );
    assert!(
        first
            .body
            .contains("Vous trouverez ci-joint votre convocation"),
        "{}",
        first.body
    );
    // The salutation names the candidate.
    let salutation = first.body.lines().next().expect("a line");
    assert!(
        ["Madame ", "Monsieur ", "Bonjour "]
            .iter()
            .any(|t| salutation.starts_with(t))
            && salutation.ends_with(',')
            && first.name.split(' ').all(|part| salutation.contains(part)),
        "{salutation} / {}",
        first.name
    );
    assert_eq!(first.attachments.len(), 2, "the letter and the calendar");
    assert!(first.attachments[1].name.ends_with(".ics"));
    // The letter is the very file `cesp convocations` writes.
    let out = dir.path().join("convocations");
    std::fs::create_dir(&out).expect("dir");
    c.write_convocations(&out, day(), false, "Secrétariat")
        .expect("written");
    let file = std::fs::read(out.join(&first.attachments[0].name)).expect("file");
    let files = c.convocation_files(day()).expect("files");
    let attached = files
        .iter()
        .find(|f| f.pdf_name == first.attachments[0].name)
        .expect("the letter attached");
    assert_eq!(
        cesp_core::journal::hex(&Sha256::digest(attached.letter.render())),
        cesp_core::journal::hex(&Sha256::digest(&file))
    );
    // Every candidate convoked is in one list or the other, once.
    let convoked = files.len();
    assert_eq!(
        p.messages.len()
            + p.without_address.len()
            + p.invalid_addresses.len()
            + p.already_sent.len(),
        convoked
    );
    // Missing pieces: only incomplete dossiers, asked by the date typed.
    let mut missing = request(MailKind::MissingPieces);
    missing.return_by = "15/01/2027".into();
    let m = c.mail_preview(&missing, day()).expect("preview");
    assert!(!m.messages.is_empty());
    assert!(m
        .messages
        .iter()
        .all(|x| x.body.contains("au plus tard le 15/01/2027")));
    assert!(m
        .messages
        .iter()
        .all(|x| x.attachments[0].name.starts_with("Pièces manquantes - ")));
    // Decisions and receipts.
    let l = c
        .mail_preview(&request(MailKind::Letters), day())
        .expect("preview");
    assert!(l
        .messages
        .iter()
        .all(|x| x.attachments[0].name.starts_with("Décision CESP - ")));
    let r = c
        .mail_preview(&request(MailKind::Receipts), day())
        .expect("preview");
    assert!(r
        .messages
        .iter()
        .all(|x| x.subject == "Dossier CESP : accusé de réception"));
    // The letters of those who need paper, in one PDF.
    if !r.without_address.is_empty() {
        let pdf = c
            .mail_unreachable_pdf(&request(MailKind::Receipts), day())
            .expect("pdf")
            .expect("some");
        assert!(pdf.starts_with(b"%PDF"));
    }
}

#[test]
fn settings_are_checked_at_each_field_and_never_in_clear_over_the_network() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("demo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    let bad = MailSettings {
        host: "smtp univ".into(),
        port: "99999".into(),
        security: Security::Starttls,
        user: "scolarite".into(),
        sender_name: "  ".into(),
        sender_address: "scolarite.univ-demo.fr".into(),
        reply_to: "réponse@".into(),
        signature: String::new(),
    };
    let Err(Error::Validation(issues)) = c.set_mail_settings(&bad, OP) else {
        panic!("refused");
    };
    let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(
        fields,
        ["host", "port", "sender_address", "reply_to", "sender_name"]
    );
    assert!(
        issues[2].message.contains("il y manque « @ »"),
        "{}",
        issues[2].message
    );
    let plain = MailSettings {
        host: "smtp.univ-demo.fr".into(),
        security: Security::Plain,
        ..MailSettings::blank()
    };
    assert!(matches!(
        c.set_mail_settings(&plain, OP),
        Err(Error::Validation(_))
    ));
    let good = MailSettings {
        host: " smtp.univ-demo.fr ".into(),
        port: "587".into(),
        security: Security::Starttls,
        user: String::new(),
        sender_name: "Scolarité — UFR de médecine".into(),
        sender_address: "cesp@univ-demo.fr".into(),
        reply_to: String::new(),
        signature: "La scolarité\nUFR de médecine".into(),
    };
    let saved = c.set_mail_settings(&good, OP).expect("saved");
    assert_eq!(saved.host, "smtp.univ-demo.fr");
    assert_eq!(c.mail_settings().expect("read"), saved);
    // The signature closes every message.
    let p = c
        .mail_preview(&request(MailKind::Receipts), day())
        .expect("preview");
    assert!(p.messages[0]
        .body
        .ends_with("La scolarité\nUFR de médecine\n"));
}

#[test]
fn a_server_that_cannot_be_reached_refuses_the_batch_and_records_nothing() {
    let dir = temp();
    let mut c =
        demo::create_at(&dir.path().join("demo.cesp"), demo::STORY_SIGNING_DAY).expect("demo");
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let server = Server {
        host: "127.0.0.1".into(),
        port,
        security: Security::Plain,
        login: None,
        sender_name: "Scolarité".into(),
        sender_address: "cesp@univ-demo.fr".into(),
        reply_to: None,
    };
    let journal = c.journal(1000).expect("journal").len();
    let result = c.send_mails(
        &request(MailKind::Receipts),
        &server,
        day(),
        OP,
        &AtomicBool::new(false),
        &mut |_, _| {},
    );
    assert!(
        matches!(result, Err(Error::Refused(Refusal::MailUnreachable, ref m)) if m.contains("injoignable") && m.contains("Rien n'a été envoyé")),
        "{result:?}"
    );
    assert!(c.mails(None).expect("record").is_empty());
    assert_eq!(c.journal(1000).expect("journal").len(), journal);
    // In clear to a server on the network: refused before connecting.
    let remote = Server {
        host: "smtp.univ-demo.fr".into(),
        ..server
    };
    assert!(matches!(
        c.send_mails(
            &request(MailKind::Receipts),
            &remote,
            day(),
            OP,
            &AtomicBool::new(false),
            &mut |_, _| {}
        ),
        Err(Error::Refused(Refusal::MailInsecure, _))
    ));
}
