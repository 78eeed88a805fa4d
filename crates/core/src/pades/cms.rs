//! The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1): detached,
//! SHA-256, with the content-type, message-digest and signing-certificate-v2 signed
//! attributes and no signing-time (the time is the signature dictionary's `/M`); and the
//! same structure read back and checked.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::db::rfc5911::{ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA};
use const_oid::ObjectIdentifier;
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use super::keys::{Credentials, Key};

const ID_SHA_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ID_SHA_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// id-aa-signingCertificateV2 (RFC 5035).
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// IssuerSerial (RFC 5035).
#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// ESSCertIDv2 (RFC 5035), its hash algorithm left to the default, SHA-256.
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// SigningCertificateV2 (RFC 5035), without policies.
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn attribute<T: der::EncodeValue + der::Tagged>(
    oid: ObjectIdentifier,
    value: T,
) -> der::Result<Attribute> {
    let mut values = SetOfVec::new();
    values.insert(Any::encode_from(&value)?)?;
    Ok(Attribute { oid, values })
}

fn sha256_id() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ID_SHA_256,
        parameters: None,
    }
}

/// The DER of a CMS SignedData signing `digest` (the SHA-256 of the signed bytes) with
/// `credentials`.
pub(super) fn sign(digest: &[u8], credentials: &Credentials) -> der::Result<Vec<u8>> {
    let cert = credentials.certificate();
    let tbs = cert.tbs_certificate();
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(cert.to_der()?).to_vec())?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    };
    let attributes = SetOfVec::try_from(vec![
        attribute(ID_CONTENT_TYPE, ID_DATA)?,
        attribute(ID_MESSAGE_DIGEST, OctetString::new(digest.to_vec())?)?,
        attribute(ID_SIGNING_CERTIFICATE_V2, ess)?,
    ])?;
    // What is signed: the attributes' DER as a SET (RFC 5652 § 5.4).
    let to_sign = attributes.to_der()?;
    let (algorithm, signature) = match &credentials.key {
        Key::Rsa(key) => {
            use rsa::signature::{SignatureEncoding, Signer};
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new((**key).clone());
            let signature = signer.sign(&to_sign).to_vec();
            (
                AlgorithmIdentifierOwned {
                    oid: SHA256_WITH_RSA,
                    parameters: Some(Any::from(der::asn1::Null)),
                },
                signature,
            )
        }
        Key::P256(key) => {
            use p256::ecdsa::signature::Signer;
            let signature: p256::ecdsa::DerSignature = key.sign(&to_sign);
            (
                AlgorithmIdentifierOwned {
                    oid: ECDSA_WITH_SHA256,
                    parameters: None,
                },
                signature.as_bytes().to_vec(),
            )
        }
    };
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256_id(),
        signed_attrs: Some(attributes),
        signature_algorithm: algorithm,
        signature: OctetString::new(signature)?,
        unsigned_attrs: None,
    };
    let certificates = credentials
        .chain
        .iter()
        .cloned()
        .map(CertificateChoices::Certificate)
        .collect::<Vec<_>>();
    let mut digests = SetOfVec::new();
    digests.insert(sha256_id())?;
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: digests,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet::try_from(certificates)?),
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer])?,
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed)?,
    }
    .to_der()
}

/// What a CMS signature says, checked against the signed bytes.
pub(super) struct Checked {
    /// The signer's certificate, when found in the signature.
    pub certificate: Option<Certificate>,
    /// The digest of the signed bytes is the one signed.
    pub digest_matches: bool,
    /// The signature is the certificate's key's, over the signed attributes.
    pub signature_valid: bool,
    /// Why it could not be read or checked, when it could not (a French sentence).
    pub problem: Option<String>,
}

/// Reads the CMS signature `contents` (DER, perhaps followed by the zeros that pad a PDF's
/// `/Contents`) and checks it against `signed` (the bytes it covers).
pub(super) fn check(contents: &[u8], signed: &[&[u8]]) -> Checked {
    let mut out = Checked {
        certificate: None,
        digest_matches: false,
        signature_valid: false,
        problem: None,
    };
    let Some((signed_data, signer)) = read(contents) else {
        out.problem = Some("la signature (CMS) est illisible.".into());
        return out;
    };
    let certs: Vec<Certificate> = signed_data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    out.certificate = match &signer.sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => certs
            .iter()
            .find(|c| {
                c.tbs_certificate().issuer() == &id.issuer
                    && c.tbs_certificate().serial_number() == &id.serial_number
            })
            .cloned(),
        SignerIdentifier::SubjectKeyIdentifier(ski) => certs
            .iter()
            .find(|c| {
                c.tbs_certificate()
                    .get_extension::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
                    .ok()
                    .flatten()
                    .is_some_and(|(_, k)| k == *ski)
            })
            .cloned(),
    };
    let Some(digest) = digest_of(&signer.digest_alg.oid, signed) else {
        out.problem = Some(format!(
            "l'algorithme d'empreinte {} n'est pas pris en charge.",
            signer.digest_alg.oid
        ));
        return out;
    };
    let Some(attributes) = &signer.signed_attrs else {
        out.problem = Some(
            "la signature n'a pas d'attributs signés (ce n'est pas une signature PAdES).".into(),
        );
        return out;
    };
    let stated = attributes
        .iter()
        .find(|a| a.oid == ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok());
    out.digest_matches = stated.is_some_and(|s| s.as_bytes() == digest.as_slice());
    let Some(cert) = &out.certificate else {
        out.problem = Some("le certificat du signataire ne figure pas dans la signature.".into());
        return out;
    };
    let Ok(message) = attributes.to_der() else {
        out.problem = Some("les attributs signés sont illisibles.".into());
        return out;
    };
    out.signature_valid = verify(
        cert,
        &signer.signature_algorithm.oid,
        &signer.digest_alg.oid,
        &message,
        signer.signature.as_bytes(),
    );
    out
}

/// The SignedData and its first signer.
fn read(contents: &[u8]) -> Option<(SignedData, SignerInfo)> {
    let mut reader = der::SliceReader::new(contents).ok()?;
    let info = ContentInfo::decode(&mut reader).ok()?;
    if info.content_type != ID_SIGNED_DATA {
        return None;
    }
    let signed: SignedData = info.content.decode_as().ok()?;
    let signer = signed.signer_infos.0.iter().next()?.clone();
    Some((signed, signer))
}

fn digest_of(algorithm: &ObjectIdentifier, parts: &[&[u8]]) -> Option<Vec<u8>> {
    fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
        let mut d = D::new();
        for p in parts {
            d.update(p);
        }
        d.finalize().to_vec()
    }
    match *algorithm {
        ID_SHA_256 => Some(run::<Sha256>(parts)),
        ID_SHA_384 => Some(run::<sha2::Sha384>(parts)),
        ID_SHA_512 => Some(run::<sha2::Sha512>(parts)),
        _ => None,
    }
}

/// The signature `signature` of `message` is the key's of `cert`.
fn verify(
    cert: &Certificate,
    algorithm: &ObjectIdentifier,
    digest: &ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> bool {
    let Ok(spki) = cert.tbs_certificate().subject_public_key_info().to_der() else {
        return false;
    };
    match *algorithm {
        RSA_ENCRYPTION | SHA256_WITH_RSA | SHA384_WITH_RSA | SHA512_WITH_RSA => {
            use rsa::pkcs8::DecodePublicKey;
            use rsa::signature::Verifier;
            let Ok(key) = rsa::PublicKey::from_public_key_der(&spki) else {
                return false;
            };
            let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
                return false;
            };
            // With rsaEncryption, the hash is the digest algorithm's.
            let hash = match *algorithm {
                SHA384_WITH_RSA => ID_SHA_384,
                SHA512_WITH_RSA => ID_SHA_512,
                SHA256_WITH_RSA => ID_SHA_256,
                _ => *digest,
            };
            match hash {
                ID_SHA_256 => rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key)
                    .verify(message, &signature)
                    .is_ok(),
                ID_SHA_384 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(key)
                    .verify(message, &signature)
                    .is_ok(),
                ID_SHA_512 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(key)
                    .verify(message, &signature)
                    .is_ok(),
                _ => false,
            }
        }
        ECDSA_WITH_SHA256 => {
            use p256::ecdsa::signature::Verifier;
            use p256::pkcs8::DecodePublicKey;
            let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(&spki) else {
                return false;
            };
            let Ok(signature) = p256::ecdsa::DerSignature::try_from(signature) else {
                return false;
            };
            key.verify(message, &signature).is_ok()
        }
        _ => false,
    }
}
