//! The error that crosses the IPC boundary: `{ code, message, details }`, message in French.

use cesp_core::FieldIssue;
use serde::Serialize;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppError {
    /// Stable machine-readable code (`locked`, `validation`...).
    pub code: String,
    /// What is wrong and what to do, in French.
    pub message: String,
    /// Per-field problems, for forms.
    pub details: Vec<FieldIssue>,
}

impl AppError {
    /// An error raised by the shell itself.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.to_owned(),
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// No campaign is open.
    pub fn no_campaign() -> Self {
        AppError::new(
            "no_campaign",
            "Aucune campagne n'est ouverte : ouvrez ou créez une campagne depuis l'accueil.",
        )
    }

    /// Work in the background (`label`, « Chiffrement du fichier ») has the campaign to
    /// itself.
    pub fn busy(label: &str) -> Self {
        AppError::new(
            "busy",
            format!("{label} en cours : la campagne est indisponible jusqu'à la fin (la progression est affichée en bas à gauche). Recommencez ensuite."),
        )
    }

    /// The operator's name was not given yet.
    pub fn no_operator() -> Self {
        AppError::new(
            "no_operator",
            "Indiquez d'abord votre nom : il est inscrit au journal à chaque modification.",
        )
    }
}

impl From<cesp_core::Error> for AppError {
    fn from(e: cesp_core::Error) -> Self {
        let report = cesp_core::error::ErrorReport::from(&e);
        AppError {
            code: report.code,
            message: report.message,
            details: report.details,
        }
    }
}

/// The result of every command.
pub type AppResult<T> = Result<T, AppError>;
