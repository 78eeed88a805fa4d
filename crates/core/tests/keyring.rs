//! The SMTP password kept in the system's keyring (a real Secret Service: gnome-keyring),
//! never in the campaign file. Needs a session bus with an unlocked keyring, so it is run
//! by `scripts/test.sh` on its own, under `dbus-run-session` with `gnome-keyring-daemon`
//! (`cargo test -p cesp-core --test keyring -- --ignored`).

use cesp_core::mail::{password, MailSettings, Security};
use cesp_core::{demo, Campaign};

#[test]
#[ignore = "needs a Secret Service: scripts/test.sh runs it under dbus-run-session with gnome-keyring"]
fn the_password_goes_to_the_keyring_and_never_into_the_campaign_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.cesp");
    let mut c = demo::create_at(&path, demo::STORY_SIGNING_DAY).expect("demo");
    let host = format!("smtp-{}.univ-demo.test", std::process::id());
    let secret = "Mot-de-passe très secret 2026";
    let settings = MailSettings {
        host: host.clone(),
        port: "587".into(),
        security: Security::Starttls,
        user: "scolarite".into(),
        sender_name: "Scolarité — UFR de médecine".into(),
        sender_address: "cesp@univ-demo.fr".into(),
        reply_to: String::new(),
        signature: String::new(),
    };
    let view = c
        .save_mail_settings(&settings, Some(secret), "Claire Martin")
        .expect("saved");
    assert!(view.password_stored, "{:?}", view.keyring_problem);
    assert_eq!(
        password::stored("scolarite", &host).expect("keyring"),
        Some(secret.to_owned())
    );
    // The server of the settings logs in with it.
    let server = c.mail_server(None).expect("server");
    assert_eq!(server.login, Some(("scolarite".into(), secret.into())));
    // Saving again without a password keeps it.
    let view = c
        .save_mail_settings(&settings, None, "Claire Martin")
        .expect("saved");
    assert!(view.password_stored);
    drop(c);
    // Not in the campaign file, not in its journal.
    let bytes = std::fs::read(&path).expect("file");
    assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    let c = Campaign::open(&path).expect("reopen");
    assert!(c.mail_settings_view().expect("view").password_stored);
    password::forget("scolarite", &host).expect("forget");
    assert_eq!(password::stored("scolarite", &host).expect("keyring"), None);
    assert!(!c.mail_settings_view().expect("view").password_stored);
}
