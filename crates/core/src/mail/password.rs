//! The SMTP password in the system's keyring (Secret Service on Linux, the Windows
//! credential store, the macOS keychain), never in the campaign file: one entry per
//! account and server, shared by every campaign that uses them.

use crate::error::{Error, Refusal, Result};

/// The keyring's service name for the app's entries.
const SERVICE: &str = "CESP Commission — envoi des courriels";

fn account(user: &str, host: &str) -> String {
    format!("{user}@{host}")
}

#[cfg(any(target_os = "linux", target_os = "windows", target_os = "macos"))]
fn entry(user: &str, host: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &account(user, host)).map_err(|e| unavailable(&e.to_string()))
}

fn unavailable(why: &str) -> Error {
    Error::Refused(
        Refusal::KeyringUnavailable,
        format!("Le trousseau du système (où le mot de passe est gardé) est inaccessible ({why}) : ouvrez votre session de bureau normalement, le trousseau s'y déverrouille ; en ligne de commande, le mot de passe peut aussi être donné dans la variable CESP_SMTP_PASSWORD."),
    )
}

/// The password kept for `user` on `host`, if any.
pub fn stored(user: &str, host: &str) -> Result<Option<String>> {
    #[cfg(any(target_os = "linux", target_os = "windows", target_os = "macos"))]
    {
        match entry(user, host)?.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(&e.to_string())),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
    {
        let _ = account(user, host);
        Err(unavailable("pas de trousseau sur ce système"))
    }
}

/// Keeps `password` for `user` on `host` (replacing the one kept).
pub fn store(user: &str, host: &str, password: &str) -> Result<()> {
    #[cfg(any(target_os = "linux", target_os = "windows", target_os = "macos"))]
    {
        entry(user, host)?
            .set_password(password)
            .map_err(|e| unavailable(&e.to_string()))
    }
    #[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
    {
        let _ = (account(user, host), password);
        Err(unavailable("pas de trousseau sur ce système"))
    }
}

/// Forgets the password kept for `user` on `host` (nothing when none was kept).
pub fn forget(user: &str, host: &str) -> Result<()> {
    #[cfg(any(target_os = "linux", target_os = "windows", target_os = "macos"))]
    {
        match entry(user, host)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(&e.to_string())),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
    {
        let _ = (account(user, host));
        Err(unavailable("pas de trousseau sur ce système"))
    }
}
