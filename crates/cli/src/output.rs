//! What the command line prints: results as text or JSON on stdout, errors in French (or
//! JSON) on stderr, and the small formats several subcommands share.

use cesp_core::{fr, Error};
use serde::Serialize;

/// Prints a result on stdout: `value` as JSON with `--json`, else the text `text` makes.
pub(crate) fn output<T: Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) {
    use std::io::Write;
    let body = if json {
        serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned())
    } else {
        text()
    };
    // Piped into `head` or a closed pager: stop quietly, as command-line tools do.
    let _ = writeln!(std::io::stdout().lock(), "{body}");
}

/// Prints `e` on stderr: its French message (each point on its own line when there are
/// several, with a hint where the fix is on the command line), or `{"error": …}` with
/// `--json`.
pub(crate) fn print_error(e: &Error, json: bool) {
    if json {
        let body = serde_json::json!({
            "error": cesp_core::error::ErrorReport::from(e)
        });
        eprintln!("{body}");
    } else {
        let details = e.details();
        if details.len() > 1 {
            eprintln!("Erreur : {} :", cesp_core::fr::to_fix(details.len()));
            for d in details {
                eprintln!("  - {}", d.message);
            }
        } else {
            eprintln!("Erreur : {e}");
            if matches!(e, Error::PassphraseRequired(_)) {
                eprintln!("Donnez-la dans la variable d'environnement CESP_PASSPHRASE, ou lancez la commande dans un terminal pour la saisir.");
            }
            if details.iter().any(|d| d.field == "operator") {
                eprintln!("Ce nom, inscrit au journal, est celui de l'option --operator ou de la variable d'environnement CESP_OPERATOR, à défaut l'utilisateur du système.");
            }
        }
    }
}

/// « 3 complets, 1 incomplet, 0 non recevable »: a category's dossiers.
pub(crate) fn dossier_counts(complete: i64, incomplete: i64, not_eligible: i64) -> String {
    format!(
        "{}, {}, {}",
        fr::count(complete, "complet", "complets"),
        fr::count(incomplete, "incomplet", "incomplets"),
        fr::count(not_eligible, "non recevable", "non recevables")
    )
}
