//! The campaign's backups: taking one now, how many are kept, restoring one.

use crate::Refusal;
use std::path::PathBuf;

use super::Campaign;
use crate::backup::{minutes_pdfs, record, seals, Backups, Reason, DEFAULT_KEPT};
use crate::error::{Error, Result};
use crate::journal::Entry;

impl Campaign {
    /// How many backups this campaign keeps.
    pub fn backups_kept(&self) -> i64 {
        self.conn()
            .query_row("SELECT backups_kept FROM campaign WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap_or(DEFAULT_KEPT)
    }

    /// Takes a backup now.
    pub fn backup(&self, backups: &Backups, reason: Reason) -> Result<PathBuf> {
        backups.take(
            self.conn(),
            self.passphrase(),
            self.path(),
            reason,
            self.backups_kept(),
        )
    }

    /// Replaces the campaign's content with backup `file_name` (after backing up the
    /// current state), upgrades it if it is older, and journals the restoration.
    pub fn restore_backup(
        &mut self,
        backups: &Backups,
        file_name: &str,
        operator: &str,
    ) -> Result<()> {
        if file_name.contains(['/', '\\']) || !file_name.ends_with(".cesp") {
            return Err(Error::Refused(
                Refusal::BackupOfOtherCampaign,
                format!("« {file_name} » n'est pas une sauvegarde de cette campagne."),
            ));
        }
        let source = backups.dir_for(self.path()).join(file_name);
        let label = backups
            .list(self.path())
            .into_iter()
            .find(|b| b.file_name == file_name)
            .map(|b| b.taken_display)
            .ok_or_else(|| Error::Refused(Refusal::BackupMissing, format!("La sauvegarde « {file_name} » est introuvable : elle a peut-être été supprimée par la rotation ; choisissez-en une autre.")))?;
        // Refuse a damaged or foreign backup before touching anything.
        let past = Campaign::open_read_only_with(&source, self.passphrase()).map_err(|e| match e {
            Error::WrongPassphrase(_) => Error::Refused(Refusal::BackupOtherPassphrase, format!("La sauvegarde du {label} a été chiffrée avec une autre phrase de passe que celle de la campagne : ouvrez-la comme une campagne (« Ouvrir une campagne… », dans le dossier des sauvegardes) avec l'ancienne phrase de passe.")),
            e => e,
        })?;
        // A seal is never undone by a restore: the signed minutes could no longer be
        // verified against the campaign.
        let kept = seals(past.conn())?;
        drop(past);
        if let Some((version, _)) = seals(self.conn())?
            .into_iter()
            .find(|seal| !kept.contains(seal))
        {
            return Err(Error::Refused(Refusal::RestoreBeforeSeal, format!(
                "La sauvegarde du {label} date d'avant le scellement de la version {version} du procès-verbal : la restaurer effacerait ce scellement, et le procès-verbal signé ne pourrait plus être vérifié. Rien n'a été modifié. Pour corriger la campagne, rouvrez le procès-verbal (avec un motif, inscrit au journal) puis modifiez ce qui doit l'être ; pour consulter l'état d'avant, ouvrez la sauvegarde comme une campagne (« Ouvrir une campagne… », dans le dossier des sauvegardes)."
            )));
        }
        // The journal, the fingerprints of the minutes' PDFs produced since the backup and
        // the members' electronic signatures are carried forward: the journal only grows,
        // a genuine PDF stays recognised, and a signature given stays in the record.
        let journal = crate::journal::carry(self.conn())?;
        let produced = minutes_pdfs(self.conn())?;
        let signed = record(self.conn())?;
        self.backup(backups, Reason::BeforeRestore)?;
        self.store().restore_from(&source, operator, |tx| {
            let undone = crate::journal::carry_forward(tx, &journal)?;
            signed.restore(tx)?;
            for (sha256, version, at, stage) in &produced {
                tx.execute(
                    "INSERT OR IGNORE INTO minutes_pdf (sha256, version, at, stage) VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![sha256, version, at, stage],
                )?;
            }
            let summary = match undone.len() {
                0 => format!("Sauvegarde du {label} restaurée : aucune action n'a été annulée."),
                n => format!(
                    "Sauvegarde du {label} restaurée : {} depuis cette sauvegarde {}.",
                    crate::fr::count(n, "action inscrite au journal", "actions inscrites au journal"),
                    if n == 1 { "est annulée" } else { "sont annulées" }
                ),
            };
            let mut entry = Entry::new("backup.restore", summary);
            entry.changes = undone;
            Ok(entry)
        })
    }
}
