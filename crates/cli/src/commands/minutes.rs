//! `cesp minutes`, `seal`, `reopen` and `verify`: the minutes written, sealed, reopened,
//! and a sealed PDF checked.

use std::path::PathBuf;

use cesp_core::Error;

use super::Ctx;
use crate::open::{backups, read, write};
use crate::output::output;

/// `cesp minutes`: writes the minutes in PDF (sealed, an earlier version, or a draft).
pub(crate) fn minutes(
    ctx: &Ctx,
    file: PathBuf,
    out: PathBuf,
    version: Option<i64>,
) -> Result<(), Error> {
    let campaign = read(&file)?;
    campaign.write_minutes_pdf(&out, version, cesp_core::clock::today())?;
    let state = campaign.minutes(cesp_core::clock::today())?;
    output(
        ctx.json,
        &serde_json::json!({ "path": out, "sealed": state.sealed }),
        || match (&state.sealed, version) {
            (_, Some(v)) => format!(
                "Version {v} du procès-verbal écrite dans « {} ».",
                out.display()
            ),
            (Some(v), None) => {
                let signed = state.signers.iter().filter(|s| s.signed.is_some()).count();
                format!(
                    "Procès-verbal scellé (version {}, empreinte {}){} écrit dans « {} ».",
                    v.version,
                    v.fingerprint,
                    if signed > 0 {
                        format!(
                            " et signé électroniquement par {} sur {},",
                            cesp_core::fr::count(signed as u32, "membre", "membres"),
                            state.signers.len()
                        )
                    } else {
                        String::new()
                    },
                    out.display()
                )
            }
            (None, None) => {
                let mut text = format!(
                    "Projet de procès-verbal (non scellé) écrit dans « {} ».",
                    out.display()
                );
                if !state.checklist.is_empty() {
                    text.push('\n');
                    text.push_str(&checklist_text(&state.checklist));
                }
                text
            }
        },
    );
    Ok(())
}

/// `cesp seal`: seals the minutes.
pub(crate) fn seal(
    ctx: &Ctx,
    file: PathBuf,
    date: Option<String>,
    acknowledge: Option<String>,
    on_behalf: bool,
) -> Result<(), Error> {
    let today = cesp_core::clock::today();
    let request = cesp_core::minutes::SealRequest {
        signed_on: date.unwrap_or_else(|| cesp_core::fr::date_short(today)),
        acting: if on_behalf {
            cesp_core::minutes::Acting::OnBehalf
        } else {
            cesp_core::minutes::Acting::Chair
        },
        acknowledgement: acknowledge.unwrap_or_default(),
    };
    let mut campaign = write(&file, &backups())?;
    let checklist = campaign.minutes(today)?.checklist;
    if !ctx.json && !checklist.is_empty() {
        eprintln!("{}", checklist_text(&checklist));
    }
    let v = campaign.seal_minutes(&request, today, &ctx.operator()?)?;
    output(ctx.json, &v, || {
        format!(
            "Procès-verbal scellé : version {}, le {} par {}.\nEmpreinte SHA-256 : {}\nÉcrivez-le en PDF avec « cesp minutes {} --out pv.pdf ».",
            v.version,
            v.sealed_display,
            v.sealed_by,
            v.fingerprint,
            file.display()
        )
    });
    Ok(())
}

/// `cesp reopen`: reopens the sealed minutes, with a reason.
pub(crate) fn reopen(ctx: &Ctx, file: PathBuf, reason: String) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    campaign.reopen_minutes(&reason, &ctx.operator()?)?;
    output(ctx.json, &serde_json::json!({ "reopened": true }), || {
        "Procès-verbal rouvert (une sauvegarde a été faite avant) ; la version précédente reste dans l'historique. Scellez une nouvelle version une fois les modifications faites.".into()
    });
    Ok(())
}

/// `cesp sign`: a member present signs the sealed minutes with their certificate.
pub(crate) fn sign(
    ctx: &Ctx,
    file: PathBuf,
    member: String,
    p12: PathBuf,
    out: Option<PathBuf>,
) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let who = campaign.member_matching(&member)?;
    let passphrase = certificate_passphrase(&p12)?;
    let signers = campaign.sign_minutes(who.id, &p12, &passphrase, &ctx.operator()?)?;
    if let Some(out) = &out {
        campaign.write_minutes_pdf(out, None, cesp_core::clock::today())?;
    }
    output(
        ctx.json,
        &serde_json::json!({ "signers": signers, "path": out }),
        || {
            let mut lines = vec![format!("{} a signé le procès-verbal.", who.name)];
            for s in &signers {
                lines.push(match &s.signed {
                    Some(by) => format!(
                        "  ✓ {} — signé le {} (certificat de {}, délivré par {})",
                        s.name, by.at, by.holder, by.issuer
                    ),
                    None => format!(
                        "  · {} — pas encore signé{}",
                        s.name,
                        if s.chair {
                            " (le président signe en dernier)"
                        } else {
                            ""
                        }
                    ),
                });
            }
            if let Some(out) = &out {
                lines.push(format!(
                    "Procès-verbal signé écrit dans « {} ».",
                    out.display()
                ));
            }
            lines.join("\n")
        },
    );
    Ok(())
}

/// The passphrase of a certificate file: `CESP_P12_PASSPHRASE`, or asked in the terminal
/// without echo.
fn certificate_passphrase(p12: &std::path::Path) -> Result<String, Error> {
    let name = cesp_core::fr::file_name(p12);
    crate::open::secret(
        "CESP_P12_PASSPHRASE",
        &format!("Phrase de passe du certificat « {name} » : "),
        || {
            Error::Refused(
            cesp_core::Refusal::CertificatePassphrase,
            format!("La phrase de passe du certificat « {name} » est requise : indiquez-la dans la variable CESP_P12_PASSPHRASE, ou lancez la commande dans un terminal pour la saisir."),
        )
        },
    )
}

/// `cesp verify`: checks a PDF of the sealed minutes (exit code 1 when it does not match).
pub(crate) fn verify(ctx: &Ctx, file: PathBuf, pdf: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let bytes = std::fs::read(&pdf).map_err(|e| Error::io(&pdf, e))?;
    let v = campaign.verify_minutes(&bytes)?;
    output(ctx.json, &v, || {
        let mut lines = vec![v.verdict.clone()];
        lines.extend(v.findings.iter().map(|f| format!("  - {f}")));
        lines.join("\n")
    });
    if !(v.pdf_matches == Some(true) && v.data_match) {
        std::process::exit(1);
    }
    Ok(())
}

/// The checklist before sealing, one point a line: « ✗ » must be put right, « ! » may be
/// acknowledged with `--acknowledge "motif"`.
fn checklist_text(items: &[cesp_core::minutes::CheckItem]) -> String {
    let mut lines = vec!["Avant de sceller le procès-verbal :".to_owned()];
    for i in items {
        lines.push(format!(
            "  {} {}",
            if i.blocking {
                "✗ à corriger :"
            } else {
                "! à reconnaître :"
            },
            i.text
        ));
    }
    if items.iter().any(|i| !i.blocking) {
        lines.push("Les points « à reconnaître » peuvent être acceptés avec --acknowledge \"motif\" : le motif figurera au procès-verbal.".into());
    }
    lines.join("\n")
}

/// `cesp approuver`: a member present approves the sealed minutes.
pub(crate) fn approve(ctx: &Ctx, file: PathBuf, member: String) -> Result<(), Error> {
    let mut campaign = write(&file, &backups())?;
    let who = campaign.member_matching(&member)?;
    let v = campaign.approve_minutes(who.id, &ctx.operator()?)?;
    output(ctx.json, &v, || {
        format!(
            "{} a approuvé le procès-verbal (version {}, empreinte {}).",
            who.name, v.version, v.fingerprint
        )
    });
    Ok(())
}

/// `cesp signature`: a member's signature image, for their block in the minutes.
pub(crate) fn signature(
    ctx: &Ctx,
    file: PathBuf,
    member: String,
    image: PathBuf,
) -> Result<(), Error> {
    let bytes = std::fs::read(&image).map_err(|e| Error::io(&image, e))?;
    let mut campaign = write(&file, &backups())?;
    let who = campaign.member_matching(&member)?;
    campaign.set_member_signature(who.id, &bytes, &ctx.operator()?)?;
    output(ctx.json, &serde_json::json!({ "member": who.id }), || {
        format!("Signature de {} enregistrée.", who.name)
    });
    Ok(())
}
