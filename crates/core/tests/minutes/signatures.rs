//! The sealed minutes signed by the members present, each with their own certificate: each
//! signature appended to the PDF as it stood (the earlier bytes never rewritten), the chair
//! last; every bad certificate or signer refused with nothing written; and `verify` reading
//! each signature of a signed PDF, and catching one changed byte.
//!
//! The certificates are made at run time by `tests/signatures/make-certs.sh` (the
//! `openssl` command), as the independent validators' tests make theirs.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cesp_core::{Campaign, Error, Refusal};

use super::{day, ready, seal, OP};
use crate::temp;

const PASSPHRASE: &str = "secret-pv";

/// The test certificates, made once for the whole run.
fn certs() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = temp();
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/signatures/make-certs.sh");
        let status = std::process::Command::new("bash")
            .arg(&script)
            .arg(dir.path())
            .stdout(std::process::Stdio::null())
            .status()
            .expect("bash");
        assert!(
            status.success(),
            "make-certs.sh failed (is the openssl command installed?)"
        );
        let path = dir.path().to_path_buf();
        (dir, path)
    })
    .1
}

fn member(c: &Campaign, name: &str) -> i64 {
    c.member_matching(name).expect("member").id
}

fn sign(c: &mut Campaign, who: &str, p12: &str, passphrase: &str) -> cesp_core::Result<()> {
    let id = member(c, who);
    c.sign_minutes(id, &certs().join(p12), passphrase, OP)
        .map(|_| ())
}

fn refusal(result: cesp_core::Result<()>) -> Refusal {
    match result {
        Err(Error::Refused(r, message)) => {
            assert!(!message.is_empty());
            r
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn pdf(c: &Campaign) -> Vec<u8> {
    c.minutes_pdf(None, day()).expect("pdf")
}

#[test]
fn members_sign_in_turn_and_each_signature_leaves_the_earlier_bytes_as_they_were() {
    let dir = temp();
    let mut c = ready(&dir.path().join("demo.cesp"));
    seal(&mut c, "17/01/2027").expect("sealed");
    let sealed = pdf(&c);
    assert!(c
        .verify_minutes(&sealed)
        .expect("verify")
        .signatures
        .is_empty());

    sign(&mut c, "Marchand", "marchand.p12", PASSPHRASE).expect("Marchand signs");
    let one = pdf(&c);
    assert!(
        one.starts_with(&sealed),
        "the sealed bytes are the start of the signed PDF"
    );
    sign(&mut c, "Belkacem", "belkacem.p12", PASSPHRASE).expect("Belkacem signs");
    let two = pdf(&c);
    assert!(
        two.starts_with(&one),
        "the first signature is not rewritten"
    );
    sign(&mut c, "Lefebvre", "lefebvre.p12", PASSPHRASE).expect("the chair signs last");
    let three = pdf(&c);
    assert!(three.starts_with(&two));

    // Who has signed, the chair last.
    let state = c.minutes(day()).expect("state");
    let signed: Vec<&str> = state
        .signers
        .iter()
        .filter(|s| s.signed.is_some())
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        signed,
        [
            "Dr Sophie MARCHAND",
            "Dr Karim BELKACEM",
            "Pr Jean-Marc LEFEBVRE"
        ]
    );
    assert!(state.signers.last().expect("chair").chair);
    let by = state.signers[0].signed.as_ref().expect("signed");
    assert_eq!(by.holder, "Sophie Marchand");
    assert_eq!(by.issuer, "AC de test CESP");

    // Each PDF as signed so far verifies, with its signatures.
    for (bytes, count) in [(&one, 1), (&two, 2), (&three, 3)] {
        let v = c.verify_minutes(bytes).expect("verify");
        assert_eq!(v.pdf_matches, Some(true), "{:?}", v.findings);
        assert!(v.data_match);
        assert_eq!(v.signatures.len(), count);
        for s in &v.signatures {
            assert!(
                s.intact && s.unchanged_after && s.certificate_valid,
                "{s:?}"
            );
        }
        assert!(v.verdict.starts_with("Conforme"), "{}", v.verdict);
    }
    let v = c.verify_minutes(&three).expect("verify");
    assert_eq!(
        v.signatures
            .iter()
            .map(|s| s.signer.as_str())
            .collect::<Vec<_>>(),
        ["Sophie Marchand", "Karim Belkacem", "Jean-Marc Lefebvre"]
    );
    assert!(
        v.verdict.contains("3 signatures électroniques intactes"),
        "{}",
        v.verdict
    );

    // After the chair, no one signs; an approval would change the signed PDF.
    assert_eq!(
        refusal(sign(&mut c, "Duval", "belkacem.p12", PASSPHRASE)),
        Refusal::SigningClosed
    );
    let duval = member(&c, "Duval");
    assert!(matches!(
        c.approve_minutes(duval, OP),
        Err(Error::Refused(Refusal::ApprovalAfterSignatures, _))
    ));

    // The signatures are part of the record: the file keeps them after it is reopened.
    let path = dir.path().join("demo.cesp");
    drop(c);
    let c = Campaign::open(&path).expect("reopen");
    assert_eq!(pdf(&c), three);
}

#[test]
fn a_bad_certificate_or_signer_is_refused_and_nothing_is_written() {
    let dir = temp();
    let mut c = ready(&dir.path().join("demo.cesp"));
    // Not sealed yet.
    assert_eq!(
        refusal(sign(&mut c, "Marchand", "marchand.p12", PASSPHRASE)),
        Refusal::MinutesNotSealed
    );
    seal(&mut c, "17/01/2027").expect("sealed");
    sign(&mut c, "Marchand", "marchand.p12", PASSPHRASE).expect("Marchand signs");
    let before = pdf(&c);
    let journal = c.journal(1000).expect("journal").len();

    let cases = [
        (
            "Belkacem",
            "belkacem.p12",
            "mauvaise phrase",
            Refusal::CertificatePassphrase,
        ),
        (
            "Belkacem",
            "not-a-p12.p12",
            PASSPHRASE,
            Refusal::CertificateUnreadable,
        ),
        (
            "Duval",
            "duval-expiree.p12",
            PASSPHRASE,
            Refusal::CertificateNotValid,
        ),
        (
            "Leroy",
            "leroy-sans-signature.p12",
            PASSPHRASE,
            Refusal::CertificateUsage,
        ),
        (
            "Pétrault",
            "belkacem.p12",
            PASSPHRASE,
            Refusal::CertificateOtherPerson,
        ),
        (
            "Marchand",
            "marchand.p12",
            PASSPHRASE,
            Refusal::AlreadySigned,
        ),
    ];
    for (who, p12, passphrase, expected) in cases {
        assert_eq!(
            refusal(sign(&mut c, who, p12, passphrase)),
            expected,
            "{who} with {p12}"
        );
    }
    // A member who was at no sitting.
    assert_eq!(
        refusal(
            c.sign_minutes(9999, &certs().join("belkacem.p12"), PASSPHRASE, OP)
                .map(|_| ())
        ),
        Refusal::SignerNotPresent
    );
    // A certificate file that does not exist.
    assert!(matches!(
        c.sign_minutes(
            member(&c, "Belkacem"),
            &certs().join("absent.p12"),
            PASSPHRASE,
            OP
        ),
        Err(Error::Io { .. })
    ));
    assert_eq!(pdf(&c), before, "the signed PDF is as it was");
    assert_eq!(
        c.journal(1000).expect("journal").len(),
        journal,
        "nothing journaled"
    );
    // The messages say what is wrong in French, naming the file or the person.
    let Err(Error::Refused(_, message)) = sign(&mut c, "Duval", "duval-expiree.p12", PASSPHRASE)
    else {
        panic!("refused");
    };
    assert!(message.contains("a expiré le 01/01/2025"), "{message}");
    let Err(Error::Refused(_, message)) = sign(&mut c, "Pétrault", "belkacem.p12", PASSPHRASE)
    else {
        panic!("refused");
    };
    assert!(
        message.contains("au nom de Karim Belkacem et non de Dr Céline PÉTRAULT"),
        "{message}"
    );
}

#[test]
fn verify_catches_a_changed_byte_under_the_signatures_and_a_pdf_of_another_campaign() {
    let dir = temp();
    let mut c = ready(&dir.path().join("demo.cesp"));
    seal(&mut c, "17/01/2027").expect("sealed");
    sign(&mut c, "Marchand", "marchand.p12", PASSPHRASE).expect("signs");
    sign(&mut c, "Lefebvre", "lefebvre.p12", PASSPHRASE).expect("signs");
    let signed = pdf(&c);

    // One byte changed in the sealed part, covered by both signatures.
    let mut changed = signed.clone();
    changed[signed.len() / 4] ^= 0x01;
    let v = c.verify_minutes(&changed).expect("verify");
    assert_eq!(v.pdf_matches, Some(false));
    assert_eq!(v.signatures.len(), 2);
    assert!(v.signatures.iter().all(|s| !s.intact), "{:?}", v.signatures);
    assert!(v.verdict.starts_with("Non conforme"), "{}", v.verdict);

    // Something appended after the last signature (not a signature): that signature no
    // longer covers the whole document.
    let mut appended = signed.clone();
    appended.extend_from_slice(b"\n1000 0 obj (ajout) endobj\n");
    let v = c.verify_minutes(&appended).expect("verify");
    assert_eq!(v.pdf_matches, Some(false));
    assert!(v.signatures.iter().all(|s| s.intact));
    assert!(!v.signatures[1].unchanged_after);

    // The same PDF checked against another campaign's file.
    let other = ready(&dir.path().join("autre.cesp"));
    let v = other.verify_minutes(&signed).expect("verify");
    assert_eq!(v.pdf_matches, Some(false));
    assert!(
        v.findings.iter().any(|f| f.contains("autre campagne")),
        "{:?}",
        v.findings
    );
}

#[test]
fn a_restore_does_not_take_back_a_signature_given() {
    use cesp_core::backup::{Backups, Reason};
    let dir = temp();
    let path = dir.path().join("demo.cesp");
    let mut c = ready(&path);
    let backups = Backups {
        base: dir.path().join("sauvegardes"),
    };
    seal(&mut c, "17/01/2027").expect("sealed");
    // A backup of the sealed minutes, before anyone signed.
    let taken = c.backup(&backups, Reason::Opening).expect("backup");
    let name = taken
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    sign(&mut c, "Marchand", "marchand.p12", PASSPHRASE).expect("signs");
    let signed = pdf(&c);

    c.restore_backup(&backups, &name, OP).expect("restored");
    assert_eq!(pdf(&c), signed, "the signed PDF is still the campaign's");
    let state = c.minutes(day()).expect("state");
    assert!(state.signers.iter().any(|s| s.signed.is_some()));
    assert_eq!(
        c.verify_minutes(&signed).expect("verify").pdf_matches,
        Some(true)
    );
    // And the next member signs after it, on the PDF as signed.
    sign(&mut c, "Belkacem", "belkacem.p12", PASSPHRASE).expect("signs");
    assert!(pdf(&c).starts_with(&signed));
}
