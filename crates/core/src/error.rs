//! Errors of the core, each carrying the facts and rendering a French sentence that says
//! what is wrong and what to do.

use std::path::{Path, PathBuf};

/// One problem with one field of a form or a command line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldIssue {
    /// The field's code name (`academic_year`, `quotas.student.medicine`...).
    pub field: String,
    /// What is wrong and what to do, in French.
    pub message: String,
}

impl FieldIssue {
    /// A problem with `field`, explained by `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Everything that can go wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file does not exist.
    #[error("Le fichier « {} » est introuvable : vérifiez qu'il n'a pas été déplacé ou renommé, puis ouvrez-le à nouveau.", display(.0))]
    NotFound(PathBuf),
    /// The file exists but is not a CESP campaign (another SQLite file, a spreadsheet...).
    #[error("Le fichier « {} » n'est pas une campagne CESP ({reason}) : choisissez un fichier « .cesp » créé par CESP Commission.", display(.path))]
    NotACampaign {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// The file is a campaign but is damaged (truncated, corrupted).
    #[error("Le fichier « {} » est endommagé ({reason}) : il n'a pas été modifié ; restaurez une sauvegarde ou une copie récente.", display(.path))]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// The file was written by a newer version of the application.
    #[error("Le fichier « {} » a été créé par une version plus récente de CESP Commission (format {found}, cette version lit jusqu'au format {supported}) : mettez l'application à jour. Le fichier n'a pas été modifié.", display(.path))]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest schema version this build reads.
        supported: i64,
    },
    /// A read-only look at a file whose format is older than this version.
    #[error("Le fichier « {} » est dans un format plus ancien : ouvrez-le une fois dans l'application (ou avec une commande qui le modifie) pour le mettre à jour, puis réessayez.", display(.0))]
    NeedsUpgrade(PathBuf),
    /// The file or its folder cannot be written.
    #[error("Le fichier « {} » est en lecture seule : copiez-le dans un dossier où vous pouvez écrire (ou retirez sa protection en écriture), puis ouvrez la copie.", display(.0))]
    ReadOnly(PathBuf),
    /// A change was attempted on a campaign opened to read only.
    #[error("La campagne « {} » est ouverte en lecture seule (elle est déjà ouverte ailleurs, ou le fichier est protégé en écriture) : vous pouvez la consulter, pas la modifier. Fermez-la dans l'autre fenêtre, puis rouvrez-la ici pour la modifier.", file_name(.0))]
    ReadOnlyView(PathBuf),
    /// Another instance of the application (or the command line) has the file open.
    #[error("Le fichier « {} » est déjà ouvert dans une autre fenêtre de CESP Commission ou par la ligne de commande : fermez-le là-bas, puis réessayez.", display(.0))]
    Locked(PathBuf),
    /// The file is encrypted and no passphrase was given.
    #[error("Le fichier « {} » est chiffré : saisissez sa phrase de passe pour l'ouvrir.", file_name(.0))]
    PassphraseRequired(PathBuf),
    /// The passphrase given does not open the file (or the file is not a campaign).
    #[error("La phrase de passe ne permet pas d'ouvrir « {} » : vérifiez-la (majuscules, accents, espaces) et réessayez. Si elle est exacte, ce fichier n'est pas une campagne CESP. Le fichier n'a pas été modifié.", file_name(.0))]
    WrongPassphrase(PathBuf),
    /// The file to create already exists (command line, where no dialog asked).
    #[error("Le fichier « {} » existe déjà : choisissez un autre nom, ou supprimez-le d'abord si vous n'en avez plus besoin.", display(.0))]
    AlreadyExists(PathBuf),
    /// The user's input is not valid; each issue names its field.
    #[error("{}", validation_message(.0))]
    Validation(Vec<FieldIssue>),
    /// A file-system error while reading or writing a file.
    #[error("Impossible d'accéder au fichier « {} » : {source}. Vérifiez que le disque ou la clé USB est bien branché et que vous avez les droits nécessaires.", display(.path))]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// An unexpected database error (a bug or a hardware fault).
    #[error("Erreur inattendue de la base de données : {0}. Aucune modification n'a été enregistrée ; si le problème persiste, restaurez une sauvegarde.")]
    Database(#[from] rusqlite::Error),
    /// A file given to import cannot be read.
    #[error("Le fichier « {} » ne peut pas être importé : {reason}. La campagne n'a pas été modifiée.", display(.path))]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// A file given as a dossier piece cannot be attached.
    #[error("Le fichier « {} » ne peut pas être joint : {reason}. Le dossier n'a pas été modifié.", file_name(.path))]
    NotAttachable {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// The user cancelled a long operation; nothing was written.
    #[error("Opération annulée : rien n'a été modifié.")]
    Cancelled,
    /// An action that cannot be done in the current state, with what to do.
    #[error("{0}")]
    Refused(String),
    /// A scoring sheet given back is refused; every reason is listed.
    #[error("La feuille « {} » est refusée : {}. Aucune note n'a été enregistrée.", file_name(.path), sheet_reasons(.reasons))]
    SheetRefused {
        /// The file.
        path: PathBuf,
        /// Each reason, in French ("ligne 7, « Motivation » : 6 dépasse le maximum de 5").
        reasons: Vec<String>,
    },
    /// A fact the sealed minutes state was about to change.
    #[error("Le procès-verbal est scellé (version {version}, {sealed}) : cette modification changerait ce qu'il atteste. Pour la faire, rouvrez d'abord le procès-verbal (section « Procès-verbal », « Rouvrir… », avec un motif) ; une nouvelle version devra ensuite être scellée. Rien n'a été modifié.")]
    MinutesSealed {
        /// The sealed version.
        version: i64,
        /// When and by whom, in French ("scellée le 17/01/2027 à 18 h 05 par …").
        sealed: String,
    },
    /// The requested item does not exist in the campaign.
    #[error("{what} est introuvable dans cette campagne : il a peut-être été supprimé entre-temps ; actualisez l'affichage.")]
    Missing {
        /// What was looked for, in French ("Le candidat n° 12").
        what: String,
    },
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn sheet_reasons(reasons: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = reasons
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ; ");
    if reasons.len() > SHOWN {
        text.push_str(&format!(" ; et {} autres problèmes", reasons.len() - SHOWN));
    }
    text
}

fn validation_message(issues: &[FieldIssue]) -> String {
    match issues {
        [] => "Les données saisies ne sont pas valides.".to_owned(),
        [one] => one.message.clone(),
        many => format!(
            "{} champs sont à corriger : {}",
            many.len(),
            many.iter()
                .map(|i| i.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

impl Error {
    /// A stable, machine-readable code for the UI and `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not_found",
            Error::NotACampaign { .. } => "not_a_campaign",
            Error::Corrupt { .. } => "corrupt",
            Error::NewerVersion { .. } => "newer_version",
            Error::NeedsUpgrade(_) => "needs_upgrade",
            Error::ReadOnly(_) => "read_only",
            Error::Locked(_) => "locked",
            Error::ReadOnlyView(_) => "read_only_view",
            Error::AlreadyExists(_) => "already_exists",
            Error::PassphraseRequired(_) => "passphrase_required",
            Error::WrongPassphrase(_) => "wrong_passphrase",
            Error::Validation(_) => "validation",
            Error::Io { .. } => "io",
            Error::Database(_) => "database",
            Error::Missing { .. } => "missing",
            Error::Unreadable { .. } => "unreadable",
            Error::NotAttachable { .. } => "not_attachable",
            Error::Cancelled => "cancelled",
            Error::Refused(_) => "refused",
            Error::SheetRefused { .. } => "sheet_refused",
            Error::MinutesSealed { .. } => "minutes_sealed",
        }
    }

    /// The per-field issues, for errors that have them.
    pub fn details(&self) -> Vec<FieldIssue> {
        match self {
            Error::Validation(issues) => issues.clone(),
            Error::SheetRefused { reasons, .. } => reasons
                .iter()
                .map(|r| FieldIssue::new("sheet", r.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Wraps an I/O error with the file it concerns.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A workbook that could not be written to `path`.
    pub(crate) fn xlsx(path: &Path, e: rust_xlsxwriter::XlsxError) -> Self {
        Error::io(path, std::io::Error::other(e.to_string()))
    }
}

/// The result of every use case.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_say_what_to_do() {
        let e = Error::Locked(PathBuf::from("/tmp/Amiens 2026.cesp"));
        let m = e.to_string();
        assert!(m.contains("« /tmp/Amiens 2026.cesp »"), "{m}");
        assert!(m.contains("fermez-le"), "{m}");
        assert_eq!(e.code(), "locked");
    }

    #[test]
    fn validation_lists_every_field() {
        let e = Error::Validation(vec![
            FieldIssue::new("a", "Premier problème."),
            FieldIssue::new("b", "Second problème."),
        ]);
        assert_eq!(
            e.to_string(),
            "2 champs sont à corriger : Premier problème. Second problème."
        );
        assert_eq!(e.details().len(), 2);
    }
}
