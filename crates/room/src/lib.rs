//! The connected sitting's hub: each member present with a vote scores from their own phone
//! or laptop, through a small HTTP server that the app (or `cesp serve`) runs on the room's
//! network while the sitting is open. The contract is docs/room.md.
//!
//! This crate is an adapter: every score goes through core's own use case
//! ([`cesp_core::Campaign::set_score_replacing`]) and every view through
//! [`cesp_core::Campaign::desk`]; what lives here is the network's own business (pairing,
//! tokens, devices, replayed and stale writes, live events).
#![deny(missing_docs)]

mod addresses;
mod agent;
pub mod api;
mod assets;
mod error;
mod http;
mod hub;

use std::future::Future;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use cesp_core::Campaign;
use serde::Serialize;

pub use addresses::{addresses, RoomAddress};
pub use error::RoomError;

/// The port proposed when the user does not choose one.
pub const DEFAULT_PORT: u16 = 8765;

/// Where the hub finds the open campaign and tells what changed.
pub trait Host: Send + Sync + 'static {
    /// Runs `f` on the open campaign; `None` when no campaign is open any more.
    fn with_campaign(
        &self,
        f: &mut dyn FnMut(&mut Campaign) -> cesp_core::Result<()>,
    ) -> Option<cesp_core::Result<()>>;
    /// Something the window shows changed (a score arrived, a device came or went).
    fn changed(&self, change: RoomChanged);
}

/// What changed in the connected sitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ChangeKind {
    /// A member's score was written from their device.
    Score,
    /// A device paired, was revoked, or a member's link was renewed.
    Device,
    /// Another candidate is under deliberation.
    Candidate,
    /// The connected sitting closed.
    Closed,
}

/// The `room-changed` event's payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoomChanged {
    /// What changed.
    pub kind: ChangeKind,
    /// The candidate concerned, if any.
    pub candidate_id: Option<i64>,
    /// The member concerned, if any.
    pub member_id: Option<i64>,
}

/// A member's pairing, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoomMember {
    /// The member.
    pub member_id: i64,
    /// "Pr Anne MARTIN".
    pub name: String,
    /// The pairing link, with its secret in the fragment.
    pub link: String,
    /// The link as a QR code (an `<svg>` element).
    pub qr_svg: String,
    /// The short code to type instead: "K7QM 4TZP".
    pub code: String,
    /// The link or the code has been used.
    pub paired: bool,
    /// Devices of this member still connected (not revoked).
    pub devices: i64,
}

/// A paired device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoomDevice {
    /// Identifier (not its token).
    pub id: String,
    /// The member it belongs to.
    pub member_id: i64,
    /// "Pr Anne MARTIN".
    pub member_name: String,
    /// "Chrome sur Android".
    pub agent: String,
    /// When it paired: "14 h 32".
    pub since: String,
    /// It is listening for live updates now.
    pub online: bool,
}

/// The connected sitting as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoomStatus {
    /// "http://192.168.1.23:8765/".
    pub url: String,
    /// The sitting.
    pub sitting_id: i64,
    /// "Séance du jeudi 16 janvier 2025 à 14 h 30".
    pub sitting_label: String,
    /// The candidate under deliberation.
    pub candidate_id: Option<i64>,
    /// Each member present with a vote.
    pub members: Vec<RoomMember>,
    /// The paired devices not revoked.
    pub devices: Vec<RoomDevice>,
}

/// What to serve.
#[derive(Debug, Clone)]
pub struct RoomConfig {
    /// The campaign file: the hub refuses to act on another one opened meanwhile.
    pub campaign: PathBuf,
    /// The sitting.
    pub sitting: i64,
    /// The address to serve on (one of [`addresses`]).
    pub address: IpAddr,
    /// The port (0: any free one).
    pub port: u16,
}

/// An open connected sitting. Dropping it closes the sitting (every token dies and the
/// server stops).
pub struct Room {
    hub: Arc<hub::Hub>,
}

impl Room {
    /// Opens the connected sitting: binds the address at once (so that a port in use is
    /// said now) and returns the room with the server's future, for the caller to spawn
    /// on its tokio runtime.
    pub fn open(
        config: RoomConfig,
        host: Arc<dyn Host>,
    ) -> Result<(Room, impl Future<Output = ()> + Send + 'static), RoomError> {
        let (label, voters) = {
            let mut found = None;
            let answer = host.with_campaign(&mut |c| {
                if c.path() != config.campaign {
                    return Ok(());
                }
                let voters = c.voters_present(config.sitting)?;
                let desk = c.desk(config.sitting, voters[0].id, None)?;
                found = Some((desk.sitting_label, voters));
                Ok(())
            });
            match answer {
                Some(Ok(())) => found.ok_or(RoomError::NoCampaign)?,
                Some(Err(e)) => return Err(RoomError::Core(e)),
                None => return Err(RoomError::NoCampaign),
            }
        };
        let wanted = SocketAddr::new(config.address, config.port);
        let listener = TcpListener::bind(wanted).map_err(|e| RoomError::bind(wanted, &e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| RoomError::bind(wanted, &e))?;
        let served = listener
            .local_addr()
            .map_err(|e| RoomError::bind(wanted, &e))?;
        let hub = Arc::new(hub::Hub::new(hub::Setup {
            campaign: config.campaign,
            sitting: config.sitting,
            sitting_label: label,
            served,
            voters: voters.into_iter().map(|m| (m.id, m.name)).collect(),
            host,
        })?);
        let server = http::serve(listener, hub.clone());
        Ok((Room { hub }, server))
    }

    /// The address served: "192.168.1.23:8765".
    pub fn served(&self) -> SocketAddr {
        self.hub.served()
    }

    /// The connected sitting as the window shows it.
    pub fn status(&self) -> RoomStatus {
        self.hub.status()
    }

    /// The sitting served.
    pub fn sitting(&self) -> i64 {
        self.hub.sitting()
    }

    /// Puts `candidate` under deliberation (`None`: none); every member's page follows.
    pub fn select(&self, candidate: Option<i64>) -> Result<RoomStatus, RoomError> {
        self.hub.select(candidate)?;
        Ok(self.status())
    }

    /// Gives `member` a new link and code (the old ones die); also adds a voting member who
    /// arrived late.
    pub fn renew(&self, member: i64) -> Result<RoomStatus, RoomError> {
        self.hub.renew(member)?;
        Ok(self.status())
    }

    /// Revokes a device: its next request is refused and its page is told at once.
    pub fn revoke(&self, device: &str) -> Result<RoomStatus, RoomError> {
        self.hub.revoke(device)?;
        Ok(self.status())
    }

    /// Something changed in the campaign outside the hub (a score typed in the window,
    /// attendance, a validation): every member's page reads its desk again.
    pub fn touch(&self) {
        self.hub.touch();
    }

    /// Closes the connected sitting: every token dies, the pages are told, the server stops.
    pub fn close(&self) {
        self.hub.close();
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.hub.close();
    }
}
