//! `cesp new`, `demo`, `info` and `passphrase`: a campaign file is created (or the
//! demonstration), shown, and its encryption changed.

use std::path::PathBuf;

use cesp_core::campaign::{CampaignSettings, DisciplineQuota, Quotas};
use cesp_core::candidate::Discipline;
use cesp_core::{demo, fr, Campaign, Error};

use super::{fold, Ctx};
use crate::open::{backups, new_passphrase, read, write};
use crate::output::{dossier_counts, output};

/// `cesp new`: creates a campaign from the settings given as options.
pub(crate) fn new(ctx: &Ctx, args: crate::NewArgs) -> Result<(), Error> {
    let settings = settings_from(&args)?;
    let key = if args.encrypt {
        Some(new_passphrase()?)
    } else {
        None
    };
    let campaign =
        Campaign::create_with(&args.file, false, key.as_ref(), &settings, &ctx.operator()?)?;
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        format!(
            "Campagne créée : {}\nFichier : {}",
            summary.title, summary.path
        )
    });
    Ok(())
}

/// `cesp demo`: creates (or recreates) the demonstration campaign.
pub(crate) fn demo(ctx: &Ctx, file: PathBuf, reset: bool) -> Result<(), Error> {
    let campaign = if reset {
        demo::reset(&file)?
    } else {
        demo::create(&file)?
    };
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        format!(
            "Campagne de démonstration {} : {}\nFichier : {}\n{} candidats, {} membres de la commission.",
            if reset { "recréée" } else { "créée" },
            summary.title, summary.path, summary.candidate_count, summary.member_count
        )
    });
    Ok(())
}

/// `cesp info`: the campaign's settings and counts.
pub(crate) fn info(ctx: &Ctx, file: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || info_text(&summary));
    Ok(())
}

/// `cesp passphrase`: encrypts the file, changes its passphrase or removes it.
pub(crate) fn passphrase(ctx: &Ctx, file: PathBuf, remove: bool) -> Result<(), Error> {
    let b = backups();
    let mut campaign = write(&file, &b)?;
    let current = campaign.passphrase().cloned();
    let new = if remove {
        None
    } else {
        Some(new_passphrase()?)
    };
    // Opening the file took its passphrase: that is the current one.
    campaign.change_passphrase(current.as_ref(), new.as_ref(), &ctx.operator()?)?;
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        match (current.is_some(), remove) {
            (_, true) => "Chiffrement retiré : le fichier se lit désormais sans phrase de passe, ses sauvegardes aussi.",
            (false, false) => "Fichier chiffré : il faudra désormais sa phrase de passe pour l'ouvrir ; ses sauvegardes sont chiffrées aussi. Sans elle, personne ne pourra le lire : notez-la en lieu sûr.",
            (true, false) => "Phrase de passe changée : l'ancienne n'ouvre plus le fichier ni ses sauvegardes.",
        }
        .to_owned()
    });
    Ok(())
}

/// The text of `cesp info`: the settings, then each group's candidates, contracts and dossiers.
fn info_text(s: &cesp_core::CampaignSummary) -> String {
    let st = &s.settings;
    let mut out = vec![
        s.title.clone(),
        format!("Fichier : {}", s.path),
        format!("Université : {}", st.university),
        format!("Ville : {}", st.city),
        format!(
            "Disciplines : {}",
            st.disciplines
                .iter()
                .map(|d| d.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "Date limite des dossiers : {}",
            if s.deadline_display.is_empty() {
                "non fixée"
            } else {
                &s.deadline_display
            }
        ),
        format!("Organisme gestionnaire : {}", st.managing_body),
        format!(
            "Candidats : {} ; membres de la commission : {}",
            s.candidate_count, s.member_count
        ),
        "Contingents (candidats / contrats) :".to_owned(),
    ];
    for c in &s.counts {
        out.push(format!(
            "  {:<26} {:>4} / {}{}",
            c.label,
            c.candidates,
            c.quota,
            if c.candidates > 0 {
                format!(
                    "   dossiers : {}",
                    dossier_counts(
                        c.dossiers_complete,
                        c.dossiers_incomplete,
                        c.dossiers_not_eligible
                    )
                )
            } else {
                String::new()
            }
        ));
    }
    out.join("\n")
}

/// The campaign's settings from `cesp new`'s options, every problem reported together
/// with the core's own checks.
fn settings_from(args: &crate::NewArgs) -> Result<CampaignSettings, Error> {
    use cesp_core::FieldIssue;
    let mut issues = Vec::new();
    let mut disciplines = Vec::new();
    for part in args
        .disciplines
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match fold(part).as_str() {
            "medecine" | "medicine" => disciplines.push(Discipline::Medicine),
            "odontologie" | "odontology" => disciplines.push(Discipline::Odontology),
            _ => issues.push(FieldIssue::new(
                "disciplines",
                format!("--disciplines : « {part} » n'est pas une discipline ; écrivez medecine, odontologie ou les deux séparées par une virgule."),
            )),
        }
    }
    let parts: Vec<&str> = args.quotas.split(',').map(str::trim).collect();
    let mut numbers = [0i64; 6];
    if parts.len() != 6 {
        issues.push(FieldIssue::new(
            "quotas",
            format!("--quotas : {}, il en faut 6 (étudiants médecine, étudiants odontologie, internes médecine, internes odontologie, PADHUE médecine, PADHUE odontologie), par exemple 10,2,8,1,1,0.", fr::count(parts.len(), "nombre donné", "nombres donnés")),
        ));
    } else {
        for (i, p) in parts.iter().enumerate() {
            match fr::parse_whole(p) {
                Some(n) => numbers[i] = n,
                None => issues.push(FieldIssue::new(
                    "quotas",
                    format!("--quotas : « {p} » (position {}) n'est pas un nombre entier ; un contingent est un nombre entier positif ou 0.", i + 1),
                )),
            }
        }
    }
    let settings = CampaignSettings {
        ufr_name: args.ufr.clone(),
        university: if args.university.is_empty() {
            "Non renseignée".to_owned()
        } else {
            args.university.clone()
        },
        city: if args.city.is_empty() {
            "Non renseignée".to_owned()
        } else {
            args.city.clone()
        },
        academic_year: args.year.clone(),
        disciplines,
        dossier_deadline: args.deadline.clone(),
        managing_body: args.managing_body.clone(),
        quotas: Quotas {
            student: DisciplineQuota {
                medicine: numbers[0],
                odontology: numbers[1],
            },
            intern: DisciplineQuota {
                medicine: numbers[2],
                odontology: numbers[3],
            },
            padhue: DisciplineQuota {
                medicine: numbers[4],
                odontology: numbers[5],
            },
        },
    };
    // Report the command line's own problems together with the core's checks.
    match settings.validated() {
        Ok(_) if issues.is_empty() => Ok(settings),
        Ok(_) => Err(Error::Validation(issues)),
        Err(Error::Validation(more)) => {
            issues.extend(more);
            Err(Error::Validation(issues))
        }
        Err(e) => Err(e),
    }
}
