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

/// A command line clap could not read, said in French on stderr (exit code 2); the help
/// and the version asked for, printed as they are (exit code 0).
pub(crate) fn print_usage_error(e: &clap::Error) -> std::process::ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let quoted = |k: ContextKind| fr::typography(&format!("« {} »", get(k))).into_owned();
    let suggestion = match (
        e.get(ContextKind::SuggestedArg),
        e.get(ContextKind::SuggestedSubcommand),
    ) {
        (Some(s), _) | (None, Some(s)) => {
            let names = match s {
                clap::error::ContextValue::Strings(names) => names.clone(),
                other => vec![other.to_string()],
            };
            let names: Vec<String> = names.iter().map(|n| format!("« {n} »")).collect();
            format!(" (vouliez-vous dire {} ?)", names.join(" ou "))
        }
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return std::process::ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
        ErrorKind::UnknownArgument => {
            format!(
                "{} n'est pas une option ni un argument de cette commande{suggestion}",
                quoted(ContextKind::InvalidArg)
            )
        }
        ErrorKind::InvalidSubcommand => {
            format!(
                "la commande {} n'existe pas{suggestion}",
                quoted(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("il manque {}", get(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => "indiquez une commande".to_owned(),
        ErrorKind::InvalidValue => format!(
            "{} n'est pas une valeur possible de {} (valeurs possibles : {})",
            quoted(ContextKind::InvalidValue),
            get(ContextKind::InvalidArg),
            get(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => format!(
            "{} n'est pas une valeur valable de {}",
            quoted(ContextKind::InvalidValue),
            get(ContextKind::InvalidArg)
        ),
        ErrorKind::ArgumentConflict => format!(
            "{} ne peut pas être donné avec {}",
            get(ContextKind::InvalidArg),
            get(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!(
                "nombre de valeurs incorrect pour {}",
                get(ContextKind::InvalidArg)
            )
        }
        _ => "la ligne de commande n'a pas pu être lue".to_owned(),
    };
    eprintln!("{}", fr::typography(&format!("Erreur : {what}.")));
    let usage = get(ContextKind::Usage);
    if let Some(usage) = usage.trim().strip_prefix("Usage:") {
        eprintln!("Utilisation\u{a0}:{usage}");
    }
    eprintln!(
        "{}",
        fr::typography("Aide : cesp --help, ou cesp COMMANDE --help.")
    );
    std::process::ExitCode::from(2)
}
