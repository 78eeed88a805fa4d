//! Opening campaign files from the command line: the passphrase (from the environment or
//! typed in the terminal), the backups taken before a change, and who acts.

use cesp_core::Refusal;
use std::io::IsTerminal;

use cesp_core::cipher::Passphrase;
use cesp_core::{Campaign, Error};

/// Who acts, as the journal inscribes it: `--operator` (or `CESP_OPERATOR`), else the
/// system's user; checked by the same rule as the app's name dialog.
pub(crate) fn operator(cli_value: &Option<String>) -> Result<String, Error> {
    let raw = cli_value
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "inconnu".to_owned());
    cesp_core::operator::parse(&raw)
}

/// A secret for this run: the environment variable `variable`, else typed in the terminal
/// without echo after `prompt`, else `missing` (no terminal to ask in).
pub(crate) fn secret(
    variable: &str,
    prompt: &str,
    missing: impl FnOnce() -> Error,
) -> Result<String, Error> {
    match std::env::var(variable) {
        Ok(text) => Ok(text),
        Err(_) if std::io::stdin().is_terminal() => rpassword::prompt_password(prompt)
            .map_err(|e| Error::io(std::path::Path::new("terminal"), e)),
        Err(_) => Err(missing()),
    }
}

/// The passphrase of `file` when it is encrypted: `CESP_PASSPHRASE`, or asked in the
/// terminal without echo.
pub(crate) fn key_for(file: &std::path::Path) -> Result<Option<Passphrase>, Error> {
    if !cesp_core::cipher::is_encrypted(file) {
        return Ok(None);
    }
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let text = secret(
        "CESP_PASSPHRASE",
        &format!("Phrase de passe de « {name} » : "),
        || Error::PassphraseRequired(file.to_path_buf()),
    )?;
    Passphrase::given(&text).map(Some)
}

/// A new passphrase: `CESP_NEW_PASSPHRASE`, or typed twice in the terminal.
pub(crate) fn new_passphrase() -> Result<Passphrase, Error> {
    if let Ok(text) = std::env::var("CESP_NEW_PASSPHRASE") {
        return Passphrase::chosen(&text, &text);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(Refusal::PassphraseNotGiven,
            "Donnez la nouvelle phrase de passe dans la variable d'environnement CESP_NEW_PASSPHRASE, ou lancez la commande dans un terminal pour la saisir.".into(),
        ));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map_err(|e| Error::io(std::path::Path::new("terminal"), e))
    };
    let text = ask("Nouvelle phrase de passe (12 caractères au moins) : ")?;
    let again = ask("Retapez-la : ")?;
    Passphrase::chosen(&text, &again)
}

/// Opens `file` to read it, with its passphrase when it is encrypted.
pub(crate) fn read(file: &std::path::Path) -> Result<Campaign, Error> {
    Campaign::open_read_only_with(file, key_for(file)?.as_ref())
}

/// Opens `file` to change it, backed up first, with its passphrase when it is encrypted.
pub(crate) fn write(
    file: &std::path::Path,
    backups: &cesp_core::backup::Backups,
) -> Result<Campaign, Error> {
    Campaign::open_backed_up(file, backups, key_for(file)?.as_ref())
}

/// The backups, where the app keeps them too.
pub(crate) fn backups() -> cesp_core::backup::Backups {
    cesp_core::backup::Backups::for_this_user()
}
