//! `cesp journal`: the journal of changes, shown, exported, or its seals verified.

use cesp_core::Refusal;
use std::path::PathBuf;

use cesp_core::{fr, Error};

use super::Ctx;
use crate::open::read;
use crate::output::output;

/// What `cesp journal` shows or exports: its options as typed.
pub(crate) struct Selection {
    /// Rows shown (the newest; an export takes them all).
    pub limit: u32,
    /// First day, as typed.
    pub from: Option<String>,
    /// Last day, as typed.
    pub to: Option<String>,
    /// Words of a person's name.
    pub person: Option<String>,
    /// Kind of action, as typed.
    pub kind: Option<String>,
    /// File to export to instead of showing.
    pub export: Option<PathBuf>,
}

/// `cesp journal --verify`: checks the journal's chain of seals (an error when altered).
pub(crate) fn verify(ctx: &Ctx, file: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let check = campaign.verify_journal()?;
    output(ctx.json, &check, || {
        if check.intact {
            format!(
                "Journal intact : {}, {}.",
                fr::count(check.rows, "ligne", "lignes"),
                fr::agree(
                    check.rows,
                    "conforme à son sceau",
                    "toutes conformes à leur sceau"
                )
            )
        } else {
            let mut out = vec![format!(
                "Journal ALTÉRÉ ({}) :",
                fr::count(check.rows, "ligne examinée", "lignes examinées")
            )];
            out.extend(check.problems.iter().map(|p| format!("  - {p}")));
            out.join("\n")
        }
    });
    if !check.intact {
        return Err(Error::Refused(Refusal::JournalTampered, format!(
            "Le journal de « {} » a été modifié hors de l'application : restaurez une sauvegarde et signalez-le au président de la commission.",
            file.display()
        )));
    }
    Ok(())
}

/// `cesp journal`: the entries chosen, shown or exported.
pub(crate) fn show(ctx: &Ctx, file: PathBuf, selection: Selection) -> Result<(), Error> {
    let Selection {
        limit,
        from,
        to,
        person,
        kind,
        export,
    } = selection;
    use cesp_core::journal::{JournalFilter, JournalKind};
    let campaign = read(&file)?;
    let filter = JournalFilter {
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        person,
        kind: kind.as_deref().map(JournalKind::parse).transpose()?,
        limit: Some(limit),
    };
    if let Some(path) = export {
        let n = campaign.export_journal(&filter, &path)?;
        output(
            ctx.json,
            &serde_json::json!({ "path": path, "rows": n }),
            || {
                format!(
                    "Journal exporté dans « {} » : {}.",
                    path.display(),
                    fr::count(n, "entrée", "entrées")
                )
            },
        );
        return Ok(());
    }
    let page = campaign.search_journal(&filter)?;
    let rows = &page.rows;
    output(ctx.json, rows, || {
        let head =
            (!page.description.is_empty() || page.matching as usize > rows.len()).then(|| {
                let mut line = format!(
                    "{} sur {}",
                    fr::count(page.matching, "entrée", "entrées"),
                    fr::integer(page.total)
                );
                if !page.description.is_empty() {
                    line.push_str(&format!(" ({})", page.description));
                }
                if page.matching as usize > rows.len() {
                    line.push_str(&if rows.len() > 1 {
                        format!(
                            " ; les {} plus récentes ci-dessous (--limit pour en voir plus)",
                            rows.len()
                        )
                    } else {
                        " ; la plus récente ci-dessous (--limit pour en voir plus)".to_owned()
                    });
                }
                line.push('.');
                line
            });
        head.into_iter()
            .chain(rows.iter().map(|r| {
                let mut line = format!("{}  {}  {}", r.at_display, r.operator, r.summary);
                for c in &r.changes {
                    line.push_str(&format!(
                        "\n    {} : « {} » → « {} »",
                        c.field, c.before, c.after
                    ));
                }
                if r.more_changes > 0 {
                    line.push_str(&format!(
                        "\n    … et {} (--export FICHIER pour les voir toutes)",
                        fr::count(r.more_changes, "autre modification", "autres modifications")
                    ));
                }
                line
            }))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
