//! The machine's addresses a connected sitting can be served on, the room's Wi-Fi first.

use std::net::IpAddr;

use serde::Serialize;

/// An address of this machine, as the secretary picks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoomAddress {
    /// "192.168.1.23".
    pub address: String,
    /// "Wi-Fi (wlp2s0)", "Réseau filaire (enp3s0)", "Cet ordinateur seulement (lo)".
    pub label: String,
    /// On a wireless interface.
    pub wireless: bool,
    /// Only this machine can reach it.
    pub loopback: bool,
}

fn is_wireless(name: &str) -> bool {
    std::path::Path::new("/sys/class/net")
        .join(name)
        .join("wireless")
        .exists()
        || name.starts_with("wl")
        || name.to_lowercase().contains("wi-fi")
}

fn is_virtual(name: &str) -> bool {
    [
        "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// The machine's IPv4 addresses: Wi-Fi first, then wired, then virtual networks, then this
/// machine only (to try the page on the same computer).
pub fn addresses() -> Vec<RoomAddress> {
    let mut found: Vec<(u8, RoomAddress)> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| matches!(i.ip(), IpAddr::V4(_)))
        .map(|i| {
            let loopback = i.is_loopback();
            let wireless = !loopback && is_wireless(&i.name);
            let (rank, kind) = if loopback {
                (3, "Cet ordinateur seulement")
            } else if wireless {
                (0, "Wi-Fi")
            } else if is_virtual(&i.name) {
                (2, "Réseau virtuel")
            } else {
                (1, "Réseau filaire")
            };
            (
                rank,
                RoomAddress {
                    address: i.ip().to_string(),
                    label: format!("{kind} ({})", i.name),
                    wireless,
                    loopback,
                },
            )
        })
        .collect();
    found.sort_by(|a, b| (a.0, &a.1.address).cmp(&(b.0, &b.1.address)));
    found.dedup_by(|a, b| a.1.address == b.1.address);
    found.into_iter().map(|(_, a)| a).collect()
}
