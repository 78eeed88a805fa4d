//! A signer's credentials: the private key and certificate chain of a `.p12` / `.pfx`
//! file, and what is checked of the certificate before it signs (its dates and key usage).

use chrono::{DateTime, Utc};
use der::Decode;
use x509_cert::ext::pkix::{KeyUsage, KeyUsages};
use x509_cert::Certificate;

use crate::error::{Error, Refusal, Result};
use crate::fr;

/// The private key, of one of the kinds certificates for signing use.
pub(super) enum Key {
    /// RSA (PKCS #1 v1.5 signatures with SHA-256).
    Rsa(Box<rsa::PrivateKey>),
    /// ECDSA on P-256, with SHA-256.
    P256(p256::ecdsa::SigningKey),
}

/// What a `.p12` file holds for signing.
pub struct Credentials {
    pub(super) key: Key,
    /// The signer's certificate first, then the chain as found in the file.
    pub(super) chain: Vec<Certificate>,
}

/// What the signer's certificate says, for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The subject's common name ("Jean-Marc Lefebvre"), or its whole name.
    pub name: String,
    /// The subject, in full ("CN=Jean-Marc Lefebvre,O=Université…").
    pub subject: String,
    /// The issuer, in full.
    pub issuer: String,
    /// The issuer's common name, or its whole name.
    pub issuer_name: String,
}

/// Reads `bytes` (a `.p12` / `.pfx` file named `file`) with `passphrase`.
pub fn open_p12(bytes: &[u8], passphrase: &str, file: &str) -> Result<Credentials> {
    use p12_keystore::{error::Error as P12, KeyStore, Pkcs12ImportPolicy};
    let store = KeyStore::from_pkcs12(bytes, passphrase, Pkcs12ImportPolicy::Relaxed).map_err(
        |e| match e {
            P12::MacError(_) | P12::UnpadError | P12::Pkcs5Error(_) => Error::Refused(
                Refusal::CertificatePassphrase,
                format!("La phrase de passe du certificat « {file} » est incorrecte : vérifiez-la (majuscules, accents), puis recommencez."),
            ),
            _ => Error::Refused(
                Refusal::CertificateUnreadable,
                format!("« {file} » n'est pas un certificat au format PKCS #12 (fichier « .p12 » ou « .pfx ») lisible : choisissez le fichier de votre certificat de signature, tel que votre autorité de certification l'a délivré."),
            ),
        },
    )?;
    let Some((_, chain)) = store.private_key_chain() else {
        return Err(Error::Refused(
            Refusal::CertificateNoKey,
            format!("« {file} » ne contient pas de clé privée avec son certificat : il ne permet pas de signer. Exportez votre certificat avec sa clé privée (fichier « .p12 » ou « .pfx »)."),
        ));
    };
    let unsupported = || {
        Error::Refused(
            Refusal::CertificateKeyUnsupported,
            format!("La clé du certificat « {file} » n'est ni RSA ni ECDSA P-256 : ce type de clé n'est pas pris en charge pour signer le procès-verbal."),
        )
    };
    let der = chain.key().as_der();
    let key = {
        use rsa::pkcs8::DecodePrivateKey;
        if let Ok(k) = rsa::PrivateKey::from_pkcs8_der(der) {
            Key::Rsa(Box::new(k))
        } else if let Ok(k) = p256::ecdsa::SigningKey::from_pkcs8_der(der) {
            Key::P256(k)
        } else {
            return Err(unsupported());
        }
    };
    let chain = chain
        .certs()
        .iter()
        .map(|c| Certificate::from_der(c.as_der()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| {
            Error::Refused(
                Refusal::CertificateUnreadable,
                format!("Le certificat contenu dans « {file} » est illisible : demandez-en un nouveau export à votre autorité de certification."),
            )
        })?;
    if chain.is_empty() {
        return Err(Error::Refused(
            Refusal::CertificateNoKey,
            format!("« {file} » ne contient pas le certificat de la clé privée : il ne permet pas de signer."),
        ));
    }
    let credentials = Credentials { key, chain };
    if !credentials.key_matches() {
        return Err(Error::Refused(
            Refusal::CertificateNoKey,
            format!("Dans « {file} », la clé privée ne correspond pas au certificat : exportez à nouveau votre certificat avec sa clé."),
        ));
    }
    Ok(credentials)
}

impl Credentials {
    /// The signer's certificate.
    pub(super) fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    /// What the certificate says of its holder.
    pub fn holder(&self) -> Holder {
        holder(self.certificate())
    }

    /// The key is the one the certificate certifies.
    fn key_matches(&self) -> bool {
        use der::Encode;
        let Ok(spki) = self
            .certificate()
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
        else {
            return false;
        };
        match &self.key {
            Key::Rsa(k) => {
                use rsa::pkcs8::EncodePublicKey;
                k.to_public_key()
                    .to_public_key_der()
                    .is_ok_and(|d| d.as_bytes() == spki.as_slice())
            }
            Key::P256(k) => {
                use p256::pkcs8::EncodePublicKey;
                k.verifying_key()
                    .to_public_key_der()
                    .is_ok_and(|d| d.as_bytes() == spki.as_slice())
            }
        }
    }

    /// Refuses a certificate that cannot sign at `at`: outside its dates, or without the
    /// digital signature (or non-repudiation) key usage.
    pub fn check_usable(&self, at: DateTime<Utc>) -> Result<()> {
        let problems = certificate_problems(self.certificate(), at);
        if let Some((refusal, text)) = problems.into_iter().next() {
            return Err(Error::Refused(
                refusal,
                format!(
                    "Le certificat de {} ne permet pas de signer : {text}",
                    self.holder().name
                ),
            ));
        }
        Ok(())
    }
}

/// What the certificate says of its holder.
pub(super) fn holder(cert: &Certificate) -> Holder {
    let tbs = cert.tbs_certificate();
    let common = |name: &x509_cert::name::Name| {
        name.common_name()
            .ok()
            .flatten()
            .map(String::from)
            .unwrap_or_else(|| name.to_string())
    };
    Holder {
        name: common(tbs.subject()),
        subject: tbs.subject().to_string(),
        issuer: tbs.issuer().to_string(),
        issuer_name: common(tbs.issuer()),
    }
}

/// The certificate's validity period.
pub(super) fn validity(cert: &Certificate) -> (DateTime<Utc>, DateTime<Utc>) {
    let v = cert.tbs_certificate().validity();
    let at = |t: x509_cert::time::Time| {
        DateTime::<Utc>::from_timestamp(t.to_unix_duration().as_secs() as i64, 0)
            .unwrap_or_default()
    };
    (at(v.not_before), at(v.not_after))
}

/// Why `cert` cannot sign at `at`, one French sentence each (empty: it can).
pub(super) fn certificate_problems(
    cert: &Certificate,
    at: DateTime<Utc>,
) -> Vec<(Refusal, String)> {
    let mut out = Vec::new();
    let (from, until) = validity(cert);
    let day =
        |d: DateTime<Utc>| fr::date_short(d.with_timezone(&chrono_tz::Europe::Paris).date_naive());
    if at < from {
        out.push((
            Refusal::CertificateNotValid,
            format!("il n'est valable qu'à partir du {}.", day(from)),
        ));
    } else if at > until {
        out.push((
            Refusal::CertificateNotValid,
            format!("il a expiré le {} ; demandez-en le renouvellement à votre autorité de certification.", day(until)),
        ));
    }
    match cert.tbs_certificate().get_extension::<KeyUsage>() {
        Ok(Some((_, usage)))
            if !usage.0.contains(KeyUsages::DigitalSignature)
                && !usage.0.contains(KeyUsages::NonRepudiation) =>
        {
            out.push((
                Refusal::CertificateUsage,
                "il n'est pas destiné à la signature (son usage « signature numérique » n'est pas autorisé) ; utilisez votre certificat de signature.".into(),
            ));
        }
        Ok(_) => {}
        Err(_) => out.push((
            Refusal::CertificateUsage,
            "ses usages autorisés sont illisibles.".into(),
        )),
    }
    out
}

/// The words of a person's name, folded, without titles ("Pr", "Dr", "M.", "Mme").
fn name_words(name: &str) -> Vec<String> {
    const TITLES: &[&str] = &[
        "pr",
        "dr",
        "m",
        "mme",
        "mlle",
        "me",
        "professeur",
        "docteur",
    ];
    fr::fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !TITLES.contains(w))
        .map(str::to_owned)
        .collect()
}

/// The certificate's holder is `person` (every word of the person's name, titles aside,
/// is in the certificate's name, whatever the order, case and accents).
pub fn names_person(holder: &Holder, person: &str) -> bool {
    let words = name_words(&holder.name);
    let wanted = name_words(person);
    !wanted.is_empty() && wanted.iter().all(|w| words.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(name: &str) -> Holder {
        Holder {
            name: name.into(),
            subject: String::new(),
            issuer: String::new(),
            issuer_name: String::new(),
        }
    }

    #[test]
    fn a_certificate_names_the_member_whatever_the_order_case_and_titles() {
        assert!(names_person(
            &holder("Jean-Marc Lefebvre"),
            "Pr Jean-Marc LEFEBVRE"
        ));
        assert!(names_person(
            &holder("LEFEBVRE Jean-Marc"),
            "Pr Jean-Marc LEFEBVRE"
        ));
        assert!(names_person(
            &holder("Céline Pétrault"),
            "Dr Céline PÉTRAULT"
        ));
        assert!(names_person(
            &holder("Celine PETRAULT"),
            "Dr Céline PÉTRAULT"
        ));
        assert!(!names_person(
            &holder("Karim Belkacem"),
            "Dr Céline PÉTRAULT"
        ));
        assert!(!names_person(
            &holder("Jean Lefebvre"),
            "Pr Jean-Marc LEFEBVRE"
        ));
        assert!(!names_person(&holder("Dr"), "Dr"));
    }
}
