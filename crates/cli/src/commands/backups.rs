//! `cesp backups` and `restore`: the campaign's backups, listed and restored.

use std::path::PathBuf;

use cesp_core::{fr, Error};

use super::Ctx;
use crate::open::{backups, read, write};
use crate::output::output;

/// `cesp backups`: the campaign's backups, with when and why each was taken.
pub(crate) fn list(ctx: &Ctx, file: PathBuf) -> Result<(), Error> {
    let campaign = read(&file)?;
    let list = backups().list(campaign.path());
    output(ctx.json, &list, || {
        if list.is_empty() {
            return "Aucune sauvegarde.".to_owned();
        }
        list.iter()
            .map(|b| {
                format!(
                    "{}  {} ({} Ko)  {}",
                    b.taken_display,
                    b.reason,
                    fr::integer(b.size_kb),
                    b.file_name
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

/// `cesp restore`: restores a backup (the current state is backed up first).
pub(crate) fn restore(ctx: &Ctx, file: PathBuf, backup: String) -> Result<(), Error> {
    let b = backups();
    let mut campaign = write(&file, &b)?;
    campaign.restore_backup(&b, &backup, &ctx.operator()?)?;
    let summary = campaign.summary()?;
    output(ctx.json, &summary, || {
        format!(
            "Sauvegarde restaurée : {} ({}).",
            summary.title,
            cesp_core::fr::count(summary.candidate_count, "candidat", "candidats")
        )
    });
    Ok(())
}
