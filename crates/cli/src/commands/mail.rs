//! `cesp mail`: convocations and letters sent by e-mail through the faculty's server,
//! after a preview and a confirmation.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use cesp_core::mail::{MailKind, MailPreview, MailRequest, Security, Server};
use cesp_core::{Error, Refusal};

use super::Ctx;
use crate::open::{backups, read, write};
use crate::output::output;

/// The arguments of `cesp mail`.
pub(crate) struct Args {
    pub file: PathBuf,
    pub kind: MailKind,
    pub return_by: String,
    pub dry_run: bool,
    pub yes: bool,
    pub print_unreachable: Option<PathBuf>,
    pub server: Option<String>,
    pub security: Security,
    pub user: Option<String>,
    pub from: Option<String>,
    pub from_name: Option<String>,
    pub reply_to: Option<String>,
}

/// `cesp mail`.
pub(crate) fn mail(ctx: &Ctx, args: Args) -> Result<(), Error> {
    let today = cesp_core::clock::today();
    let request = MailRequest {
        kind: args.kind,
        return_by: args.return_by.clone(),
    };
    let reading = read(&args.file)?;
    let preview = reading.mail_preview(&request, today)?;
    if let Some(path) = &args.print_unreachable {
        match reading.mail_unreachable_pdf(&request, today)? {
            Some(pdf) => std::fs::write(path, pdf).map_err(|e| Error::io(path, e))?,
            None => eprintln!("Tous les candidats ont une adresse valable : rien à imprimer."),
        }
    }
    if args.dry_run {
        output(ctx.json, &preview, || preview_text(&preview));
        return Ok(());
    }
    if !ctx.json {
        eprintln!("{}", preview_text(&preview));
    }
    if preview.messages.is_empty() {
        output(
            ctx.json,
            &cesp_core::mail::MailReport {
                batch: 0,
                sent: Vec::new(),
                refused: Vec::new(),
                already_sent: preview.already_sent.len() as u32,
                stopped: None,
            },
            || "Aucun courriel à envoyer.".into(),
        );
        return Ok(());
    }
    let server = server(&args, &reading)?;
    confirm(&args, &preview, &server)?;
    drop(reading);
    let mut campaign = write(&args.file, &backups())?;
    let cancel = AtomicBool::new(false);
    let quiet = ctx.json || !std::io::stderr().is_terminal();
    let mut progress = |done: u32, total: u32| {
        if !quiet {
            eprint!("\rEnvoi : {done} sur {total}");
            if done == total {
                eprintln!();
            }
        }
    };
    let report = campaign.send_mails(
        &request,
        &server,
        today,
        &ctx.operator()?,
        &cancel,
        &mut progress,
    )?;
    output(ctx.json, &report, || {
        let mut lines = vec![format!(
            "{} par {}.",
            cesp_core::fr::count(
                report.sent.len() as u32,
                "courriel envoyé",
                "courriels envoyés"
            ),
            server.describe()
        )];
        for r in &report.refused {
            lines.push(format!("  ✗ refusé pour {} : {}", r.to, r.answer));
        }
        if report.already_sent > 0 {
            lines.push(format!(
                "{} (déjà envoyé{} auparavant).",
                cesp_core::fr::count(report.already_sent, "non renvoyé", "non renvoyés"),
                if report.already_sent > 1 { "s" } else { "" }
            ));
        }
        if let Some(why) = &report.stopped {
            lines.push(why.clone());
        }
        lines.join("\n")
    });
    if !report.refused.is_empty() || report.stopped.is_some() {
        std::process::exit(1);
    }
    Ok(())
}

/// The server of this run: `--server` and its options, or the campaign's settings with
/// the password from the keyring.
fn server(args: &Args, campaign: &cesp_core::Campaign) -> Result<Server, Error> {
    let Some(address) = &args.server else {
        return campaign.mail_server(std::env::var("CESP_SMTP_PASSWORD").ok());
    };
    let (host, port) = match address.rsplit_once(':') {
        Some((h, p)) => (h.to_owned(), p.to_owned()),
        None => (
            address.clone(),
            match args.security {
                Security::Tls => "465".to_owned(),
                Security::Plain => "25".to_owned(),
                Security::Starttls => "587".to_owned(),
            },
        ),
    };
    let Some(from) = &args.from else {
        return Err(Error::Validation(vec![cesp_core::FieldIssue::new(
            "from",
            "« --from » : avec --server, indiquez l'adresse de l'expéditeur (par exemple --from cesp@univ-exemple.fr).",
        )]));
    };
    let password = match &args.user {
        None => None,
        Some(user) => Some(crate::open::secret(
            "CESP_SMTP_PASSWORD",
            &format!("Mot de passe de « {user} » sur {host} : "),
            || {
                Error::Refused(Refusal::MailPasswordMissing, format!("Le mot de passe de « {user} » sur {host} est requis : indiquez-le dans la variable CESP_SMTP_PASSWORD, ou lancez la commande dans un terminal pour le saisir."))
            },
        )?),
    };
    let ufr = campaign.settings()?.ufr_name;
    let settings = cesp_core::mail::MailSettings {
        host,
        port,
        security: args.security,
        user: args.user.clone().unwrap_or_default(),
        sender_name: args.from_name.clone().unwrap_or(ufr),
        sender_address: from.clone(),
        reply_to: args.reply_to.clone().unwrap_or_default(),
        signature: String::new(),
    };
    Server::from_settings(&settings, password)
}

/// Nothing is sent without the user's yes: `--yes`, or « o » typed in the terminal.
fn confirm(args: &Args, preview: &MailPreview, server: &Server) -> Result<(), Error> {
    if args.yes {
        return Ok(());
    }
    let question = format!(
        "Envoyer {} par {} ? (o/N) ",
        cesp_core::fr::count(preview.messages.len() as u32, "courriel", "courriels"),
        server.describe()
    );
    if std::io::stdin().is_terminal() {
        eprint!("{question}");
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if matches!(
            answer.trim().to_lowercase().as_str(),
            "o" | "oui" | "y" | "yes"
        ) {
            return Ok(());
        }
        return Err(Error::Refused(
            Refusal::MailNotConfirmed,
            "Envoi annulé : rien n'a été envoyé.".into(),
        ));
    }
    Err(Error::Refused(Refusal::MailNotConfirmed, format!("Rien n'a été envoyé : confirmez l'envoi de {} avec --yes (ou lancez la commande dans un terminal pour répondre à la question). Voyez d'abord ce qui partirait avec --dry-run.", cesp_core::fr::count(preview.messages.len() as u32, "courriel", "courriels"))))
}

/// The preview, in French.
fn preview_text(p: &MailPreview) -> String {
    let mut lines = vec![format!(
        "{} : {} à envoyer.",
        capitalise(p.kind.label()),
        cesp_core::fr::count(p.messages.len() as u32, "courriel", "courriels")
    )];
    for m in &p.messages {
        let files: Vec<&str> = m.attachments.iter().map(|a| a.name.as_str()).collect();
        lines.push(format!(
            "  → {} <{}> : « {} » ({})",
            m.name,
            m.to,
            m.subject,
            files.join(", ")
        ));
    }
    if !p.without_address.is_empty() {
        lines.push(format!(
            "Sans adresse électronique (lettre à imprimer, --print-unreachable) : {}.",
            p.without_address
                .iter()
                .map(|x| x.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for i in &p.invalid_addresses {
        lines.push(format!("  ✗ {} : {}", i.name, i.reason));
    }
    if !p.already_sent.is_empty() {
        lines.push(format!(
            "Déjà envoyés, non renvoyés : {}.",
            p.already_sent
                .iter()
                .map(|x| format!("{} (le {})", x.name, x.at))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    lines.join("\n")
}

fn capitalise(text: &str) -> String {
    cesp_core::fr::capitalise_first(text)
}

/// `cesp courriel-parametres`: the e-mail settings shown, replaced, or tried.
pub(crate) fn settings(
    ctx: &Ctx,
    file: PathBuf,
    set: Option<PathBuf>,
    test: Option<String>,
) -> Result<(), Error> {
    if let Some(to) = test {
        let said = crate::open::read(&file)?.send_test_mail(&to)?;
        output(ctx.json, &serde_json::json!({ "sent": said }), || {
            said.clone()
        });
        return Ok(());
    }
    let view = match &set {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            let refuse = |e: serde_json::Error| {
                Error::Validation(vec![cesp_core::FieldIssue::new(
                    "set",
                    format!(
                        "--set : le fichier « {} » n'est pas un jeu de paramètres d'envoi lisible ({e}) : partez de la sortie de « cesp courriel-parametres FICHIER --json » (clé \"settings\").",
                        p.display()
                    ),
                )])
            };
            let mut value: serde_json::Value = serde_json::from_str(&text).map_err(refuse)?;
            if let Some(inner) = value.get("settings").cloned() {
                value = inner;
            }
            let settings: cesp_core::mail::MailSettings =
                serde_json::from_value(value).map_err(refuse)?;
            let password = std::env::var("CESP_SMTP_PASSWORD").ok();
            let mut campaign = crate::open::write(&file, &crate::open::backups())?;
            campaign.save_mail_settings(&settings, password.as_deref(), &ctx.operator()?)?
        }
        None => crate::open::read(&file)?.mail_settings_view()?,
    };
    output(ctx.json, &view, || {
        let st = &view.settings;
        let mut out = Vec::new();
        if set.is_some() {
            out.push("Paramètres d'envoi enregistrés.".to_owned());
        }
        if st.host.is_empty() {
            out.push("Aucun serveur d'envoi : partez de « --json », complétez-le, puis enregistrez-le avec --set.".to_owned());
            return out.join("\n");
        }
        out.push(format!("Serveur : {}:{}", st.host, st.port));
        if !st.user.is_empty() {
            out.push(format!("Identifiant : {}", st.user));
        }
        out.push(format!(
            "Expéditeur : {} <{}>",
            st.sender_name, st.sender_address
        ));
        if !st.reply_to.is_empty() {
            out.push(format!("Réponse à : {}", st.reply_to));
        }
        out.push(format!(
            "Mot de passe : {}",
            if view.password_stored {
                "dans le trousseau du système"
            } else {
                "aucun enregistré"
            }
        ));
        if let Some(p) = &view.keyring_problem {
            out.push(p.clone());
        }
        out.join("\n")
    });
    Ok(())
}
