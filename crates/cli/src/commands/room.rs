//! `cesp serve`: a connected sitting without a window. The hub (crates/room) runs on a
//! tokio runtime of its own; this thread reads the secretary's commands on stdin.

use std::io::BufRead;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cesp_core::{Campaign, Error, Refusal};
use cesp_room::{ChangeKind, Host, Room, RoomChanged, RoomConfig, RoomStatus};

use super::{find_candidate, find_sitting, fold, Ctx};
use crate::open::{backups, write};

/// The campaign served, behind the lock the hub's requests take in turn.
struct CliHost {
    campaign: Mutex<Campaign>,
    json: bool,
}

impl CliHost {
    fn lock(&self) -> std::sync::MutexGuard<'_, Campaign> {
        self.campaign.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Host for CliHost {
    fn with_campaign(
        &self,
        f: &mut dyn FnMut(&mut Campaign) -> cesp_core::Result<()>,
    ) -> Option<cesp_core::Result<()>> {
        Some(f(&mut self.lock()))
    }

    fn changed(&self, change: RoomChanged) {
        if self.json {
            println!("{}", serde_json::json!({ "event": change }));
            return;
        }
        let c = self.lock();
        let member = change.member_id.and_then(|id| {
            c.members()
                .ok()?
                .into_iter()
                .find(|m| m.id == id)
                .map(|m| m.name)
        });
        let candidate = change
            .candidate_id
            .and_then(|id| cesp_core::candidate::get(c.conn(), id).ok())
            .map(|r| r.display_name);
        let line = match change.kind {
            ChangeKind::Score => format!(
                "Note reçue de l'appareil de {} pour {}.",
                member.unwrap_or_default(),
                candidate.unwrap_or_default()
            ),
            ChangeKind::Device => format!(
                "Appareils de {} : changement (appairage, révocation ou connexion).",
                member.unwrap_or_default()
            ),
            ChangeKind::Candidate => match candidate {
                Some(name) => format!("En délibération : {name}."),
                None => "Aucun candidat en délibération.".to_owned(),
            },
            ChangeKind::Closed => "Séance connectée fermée.".to_owned(),
        };
        println!("{line}");
    }
}

/// The address to serve: `--bind`, else the first of the machine's (Wi-Fi first).
fn address(bind: Option<&str>) -> Result<(IpAddr, u16), Error> {
    let refuse = |m: String| Error::Refused(Refusal::RoomUnavailable, m);
    match bind {
        Some(text) => {
            if let Ok(at) = text.parse::<SocketAddr>() {
                return Ok((at.ip(), at.port()));
            }
            text.parse::<IpAddr>()
                .map(|ip| (ip, cesp_room::DEFAULT_PORT))
                .map_err(|_| {
                    refuse(format!(
                        "« {text} » n'est pas une adresse : écrivez-la comme 192.168.1.23:8765 (ou l'adresse seule pour le port {}).",
                        cesp_room::DEFAULT_PORT
                    ))
                })
        }
        None => cesp_room::addresses()
            .into_iter()
            .next()
            .and_then(|a| a.address.parse().ok())
            .map(|ip| (ip, cesp_room::DEFAULT_PORT))
            .ok_or_else(|| {
                refuse("Cet ordinateur n'a aucune adresse réseau : branchez-le au réseau de la salle, ou donnez --bind 127.0.0.1:8765 pour essayer sur cet ordinateur.".to_owned())
            }),
    }
}

fn status_text(status: &RoomStatus) -> String {
    let mut out = vec![
        format!("Séance connectée — {}", status.sitting_label),
        format!("Adresse : {}", status.url),
        String::new(),
        "Liens d'appairage (un par membre, à n'utiliser qu'une fois) :".to_owned(),
    ];
    for m in &status.members {
        out.push(format!(
            "  {} — code {}{}",
            m.name,
            m.code,
            if m.paired { " (déjà utilisé)" } else { "" }
        ));
        out.push(format!("    {}", m.link));
    }
    if !status.devices.is_empty() {
        out.push(String::new());
        out.push("Appareils connectés :".to_owned());
        for d in &status.devices {
            out.push(format!(
                "  {} — {} — {} depuis {}{}",
                d.id,
                d.member_name,
                d.agent,
                d.since,
                if d.online { "" } else { " (hors ligne)" }
            ));
        }
    }
    out.join("\n")
}

/// The status for `--json`: without the QR codes' markup.
fn status_json(status: &RoomStatus) -> serde_json::Value {
    let mut value = serde_json::to_value(status).unwrap_or_default();
    if let Some(members) = value.get_mut("members").and_then(|m| m.as_array_mut()) {
        for m in members {
            if let Some(m) = m.as_object_mut() {
                m.remove("qr_svg");
            }
        }
    }
    value
}

const HELP: &str = "Commandes : « candidat N|NOM », « aucun », « nouveau MEMBRE », « revoquer APPAREIL », « etat », « fin ».";

/// `cesp serve`.
pub(crate) fn serve(
    ctx: &Ctx,
    file: PathBuf,
    sitting: String,
    bind: Option<String>,
    candidate: Option<String>,
) -> Result<(), Error> {
    let campaign = write(&file, &backups())?;
    let sitting = find_sitting(&campaign, &sitting)?;
    let first = candidate
        .map(|c| find_candidate(&campaign, &c))
        .transpose()?;
    let (ip, port) = address(bind.as_deref())?;
    let path = campaign.path().to_path_buf();
    let host = Arc::new(CliHost {
        campaign: Mutex::new(campaign),
        json: ctx.json,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(std::path::Path::new("tokio"), e))?;
    let (room, server) = Room::open(
        RoomConfig {
            campaign: path,
            sitting,
            address: ip,
            port,
        },
        host.clone(),
    )?;
    let server = runtime.spawn(server);
    if first.is_some() {
        room.select(first)?;
    }
    let print_status = |status: &RoomStatus| {
        if ctx.json {
            println!("{}", serde_json::json!({ "status": status_json(status) }));
        } else {
            println!("{}", status_text(status));
        }
    };
    print_status(&room.status());
    if !ctx.json {
        println!("\n{HELP}");
    }
    let stdin = std::io::stdin();
    let mut asked_to_end = false;
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let line = line.trim();
        let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        let done = match fold(verb).as_str() {
            "" => continue,
            "fin" | "quitter" => {
                asked_to_end = true;
                break;
            }
            "etat" => Ok(room.status()),
            "aucun" => room.select(None).map_err(Error::from),
            "candidat" => {
                let id = find_candidate(&host.lock(), rest);
                id.and_then(|id| room.select(Some(id)).map_err(Error::from))
            }
            "nouveau" => {
                let member = host.lock().member_matching(rest);
                member.and_then(|m| room.renew(m.id).map_err(Error::from))
            }
            "revoquer" => room.revoke(rest).map_err(Error::from),
            _ => Err(Error::Refused(
                Refusal::RoomUnavailable,
                format!("Commande inconnue « {verb} ». {HELP}"),
            )),
        };
        match done {
            Ok(status) => print_status(&status),
            Err(e) => crate::output::print_error(&e, ctx.json),
        }
    }
    if !asked_to_end {
        // No more commands (run detached, or the input closed): keep serving until the
        // process is stopped; every score is already in the file when its page hears so.
        if !ctx.json {
            println!("Plus de commandes à lire : la séance reste ouverte jusqu'à Ctrl+C.");
        }
        let _ = runtime.block_on(server);
        return Ok(());
    }
    // `fin`: the sitting closes, every device is told.
    room.close();
    let _ = runtime.block_on(server);
    // One JSON object per line, as every line `serve` prints.
    if ctx.json {
        println!("{}", serde_json::json!({ "closed": true }));
    } else {
        println!("Séance connectée fermée : les appareils ne peuvent plus noter.");
    }
    Ok(())
}
