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
            message: typeset(&message.into()),
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
            message: typeset(&report.message),
            details: report
                .details
                .into_iter()
                .map(|d| FieldIssue {
                    message: typeset(&d.message),
                    ..d
                })
                .collect(),
        }
    }
}

/// `text` as the window shows it: core's French typography, so that no line breaks before
/// « : » or inside guillemets (the window's own strings are written so).
fn typeset(text: &str) -> String {
    cesp_core::fr::typography(text).into_owned()
}

/// The result of every command.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_reach_the_window_with_french_typography() {
        let e = cesp_core::Error::Validation(vec![
            FieldIssue::new("reason", "« Motif » est obligatoire : indiquez-le."),
            FieldIssue::new(
                "date",
                "« 32/01 » n'est pas une date ; écrivez-la JJ/MM/AAAA.",
            ),
        ]);
        let shown = AppError::from(e);
        assert_eq!(
            shown.details[0].message,
            "«\u{a0}Motif\u{a0}» est obligatoire\u{a0}: indiquez-le."
        );
        assert_eq!(
            shown.details[1].message,
            "«\u{a0}32/01\u{a0}» n'est pas une date\u{202f}; écrivez-la JJ/MM/AAAA."
        );
        assert_eq!(shown.details[1].field, "date");
        assert!(!shown.message.contains(" :"), "{}", shown.message);
        assert_eq!(
            AppError::no_campaign().message,
            "Aucune campagne n'est ouverte\u{a0}: ouvrez ou créez une campagne depuis l'accueil."
        );
    }
}
