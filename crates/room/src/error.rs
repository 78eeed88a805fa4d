//! Why the connected sitting could not open or act, in French.

use std::net::SocketAddr;

/// Why the connected sitting could not open or act.
#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// No campaign is open (or another one was opened meanwhile).
    #[error("Aucune campagne n'est ouverte : ouvrez la campagne avant la séance connectée.")]
    NoCampaign,
    /// The address or port cannot be served.
    #[error("{0}")]
    Bind(String),
    /// The member is not a voting member of the commission.
    #[error("{0}")]
    NotAVoter(String),
    /// No such device (already revoked, or the list is stale).
    #[error("Cet appareil n'est plus connecté : la liste a été mise à jour.")]
    NoDevice,
    /// The system's random source failed.
    #[error("Le générateur aléatoire du système ne répond pas : les codes d'appairage ne peuvent pas être tirés.")]
    Random,
    /// Core refused.
    #[error(transparent)]
    Core(#[from] cesp_core::Error),
}

impl RoomError {
    /// A stable code for the window and `--json`.
    pub fn code(&self) -> &'static str {
        match self {
            RoomError::NoCampaign => "no_campaign",
            RoomError::Bind(_) => "room_bind",
            RoomError::NotAVoter(_) => "member_not_voting",
            RoomError::NoDevice => "no_device",
            RoomError::Random => "random",
            RoomError::Core(e) => e.code(),
        }
    }

    /// The address `at` cannot be served, said so that the secretary knows what to change.
    pub(crate) fn bind(at: SocketAddr, e: &std::io::Error) -> RoomError {
        use std::io::ErrorKind::*;
        RoomError::Bind(match e.kind() {
            AddrInUse => format!(
                "Le port {} est déjà utilisé sur cet ordinateur (par une autre séance connectée ou un autre logiciel) : choisissez un autre port.",
                at.port()
            ),
            AddrNotAvailable => format!(
                "L'adresse {} n'est pas (ou plus) celle de cet ordinateur : le réseau a peut-être changé. Choisissez une adresse dans la liste.",
                at.ip()
            ),
            PermissionDenied => format!(
                "Le port {} est réservé au système : choisissez un port entre 1024 et 65535 (par exemple 8765).",
                at.port()
            ),
            _ => format!(
                "La séance connectée ne peut pas écouter sur {at} : {e}. Choisissez une autre adresse ou un autre port."
            ),
        })
    }
}

impl From<RoomError> for cesp_core::Error {
    fn from(e: RoomError) -> Self {
        match e {
            RoomError::Core(e) => e,
            other => {
                cesp_core::Error::Refused(cesp_core::Refusal::RoomUnavailable, other.to_string())
            }
        }
    }
}
