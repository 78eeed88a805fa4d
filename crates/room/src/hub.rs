//! The hub's state: each member's pass (link secret and short code), the devices paired
//! with their tokens, the candidate under deliberation, the answers already given to
//! writes (so that a replay writes nothing), wrong pairing attempts by address, and the
//! live events.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use cesp_core::Campaign;
use tokio::sync::{broadcast, watch};

use crate::error::RoomError;
use crate::{ChangeKind, Host, RoomChanged, RoomDevice, RoomMember, RoomStatus};

/// The characters of a short code: no 0/O, 1/I/L, to be read aloud and typed on a phone.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Wrong pairing attempts allowed from one address before it must wait.
const FREE_ATTEMPTS: u32 = 10;
/// Then, one attempt per this interval.
pub(crate) const ATTEMPT_INTERVAL: Duration = Duration::from_secs(2);
/// Answers kept for replayed writes.
const ANSWERS_KEPT: usize = 4096;

/// A live event for the members' pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// What members see may have changed.
    Desk(u64),
    /// This device was revoked.
    Revoked(String),
    /// The sitting closed: every device is done.
    Closed,
}

struct Pass {
    name: String,
    secret: String,
    code: String,
    used: bool,
}

pub(crate) struct Device {
    pub id: String,
    pub token: String,
    pub member: i64,
    pub member_name: String,
    pub agent: String,
    pub since: String,
    pub listening: u32,
    pub revoked: bool,
}

/// A write's answer, kept for its idempotency key.
#[derive(Clone)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: serde_json::Value,
}

struct Attempts {
    failures: u32,
    next: Instant,
}

struct State {
    passes: Vec<(i64, Pass)>,
    devices: Vec<Device>,
    candidate: Option<i64>,
    revision: u64,
    answers: HashMap<(i64, String), Answer>,
    answer_order: VecDeque<(i64, String)>,
    attempts: HashMap<IpAddr, Attempts>,
    closed: bool,
}

/// What the hub opens with.
pub(crate) struct Setup {
    pub campaign: PathBuf,
    pub sitting: i64,
    pub sitting_label: String,
    pub served: SocketAddr,
    pub voters: Vec<(i64, String)>,
    pub host: Arc<dyn Host>,
}

/// The hub, shared by the server's handlers and the room's owner.
pub(crate) struct Hub {
    campaign: PathBuf,
    sitting: i64,
    sitting_label: String,
    served: SocketAddr,
    host: Arc<dyn Host>,
    state: Mutex<State>,
    events: broadcast::Sender<Event>,
    stop: watch::Sender<bool>,
}

/// Random bytes as lowercase hex.
fn random_hex(bytes: usize) -> Result<String, RoomError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|_| RoomError::Random)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

fn random_code() -> Result<String, RoomError> {
    let mut out = String::with_capacity(8);
    let mut buf = [0u8; 1];
    while out.len() < 8 {
        getrandom::fill(&mut buf).map_err(|_| RoomError::Random)?;
        // 31 letters: take bytes below 248 (8 × 31) so that each letter is equally likely.
        if buf[0] < 248 {
            out.push(CODE_ALPHABET[usize::from(buf[0]) % CODE_ALPHABET.len()] as char);
        }
    }
    Ok(out)
}

/// A typed short code as stored: upper case, without spaces or dashes.
pub(crate) fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn shown_code(code: &str) -> String {
    format!("{} {}", &code[..4], &code[4..])
}

/// Compares two secrets in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

fn new_pass(name: String) -> Result<Pass, RoomError> {
    Ok(Pass {
        name,
        secret: random_hex(32)?,
        code: random_code()?,
        used: false,
    })
}

/// Why pairing failed.
pub(crate) enum PairRefused {
    /// Wrong or used: `Retry-After` none.
    Wrong,
    /// Too many attempts: wait this long.
    Wait(Duration),
}

impl Hub {
    pub(crate) fn new(setup: Setup) -> Result<Hub, RoomError> {
        let passes = setup
            .voters
            .into_iter()
            .map(|(id, name)| Ok((id, new_pass(name)?)))
            .collect::<Result<Vec<_>, RoomError>>()?;
        let (events, _) = broadcast::channel(256);
        let (stop, _) = watch::channel(false);
        Ok(Hub {
            campaign: setup.campaign,
            sitting: setup.sitting,
            sitting_label: setup.sitting_label,
            served: setup.served,
            host: setup.host,
            state: Mutex::new(State {
                passes,
                devices: Vec::new(),
                candidate: None,
                revision: 0,
                answers: HashMap::new(),
                answer_order: VecDeque::new(),
                attempts: HashMap::new(),
                closed: false,
            }),
            events,
            stop,
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind: keep serving it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn served(&self) -> SocketAddr {
        self.served
    }

    pub(crate) fn sitting(&self) -> i64 {
        self.sitting
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}/", self.served)
    }

    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    pub(crate) fn stopped(&self) -> watch::Receiver<bool> {
        self.stop.subscribe()
    }

    /// Runs `f` on the campaign this hub serves; `None` when it is not open any more.
    pub(crate) fn campaign<T>(
        &self,
        f: impl FnOnce(&mut Campaign) -> cesp_core::Result<T>,
    ) -> Option<cesp_core::Result<T>> {
        let mut f = Some(f);
        let mut out = None;
        let answer = self.host.with_campaign(&mut |c| {
            if c.path() != self.campaign {
                return Ok(());
            }
            if let Some(f) = f.take() {
                out = Some(f(c)?);
            }
            Ok(())
        })?;
        match answer {
            Err(e) => Some(Err(e)),
            Ok(()) => out.map(Ok),
        }
    }

    pub(crate) fn status(&self) -> RoomStatus {
        let s = self.state();
        let url = self.url();
        // In the commission's order, each member's devices in the order they paired.
        let rank = |member: i64| s.passes.iter().position(|(id, _)| *id == member);
        let mut live: Vec<&Device> = s.devices.iter().filter(|d| !d.revoked).collect();
        live.sort_by_key(|d| rank(d.member));
        RoomStatus {
            url: url.clone(),
            sitting_id: self.sitting,
            sitting_label: self.sitting_label.clone(),
            candidate_id: s.candidate,
            members: s
                .passes
                .iter()
                .map(|(id, p)| {
                    let link = format!("{url}#k={}", p.secret);
                    RoomMember {
                        member_id: *id,
                        name: p.name.clone(),
                        qr_svg: qr_svg(&link, &p.name),
                        link,
                        code: shown_code(&p.code),
                        paired: p.used,
                        devices: live.iter().filter(|d| d.member == *id).count() as i64,
                    }
                })
                .collect(),
            devices: live
                .iter()
                .map(|d| RoomDevice {
                    id: d.id.clone(),
                    member_id: d.member,
                    member_name: d.member_name.clone(),
                    agent: d.agent.clone(),
                    since: d.since.clone(),
                    online: d.listening > 0,
                })
                .collect(),
        }
    }

    /// Bumps the revision and tells every page.
    pub(crate) fn touch(&self) {
        let revision = {
            let mut s = self.state();
            s.revision += 1;
            s.revision
        };
        let _ = self.events.send(Event::Desk(revision));
    }

    pub(crate) fn candidate(&self) -> Option<i64> {
        self.state().candidate
    }

    pub(crate) fn select(&self, candidate: Option<i64>) -> Result<(), RoomError> {
        if let Some(id) = candidate {
            // A candidate that does not exist is said now, not on every member's page.
            match self.campaign(|c| cesp_core::candidate::get(c.conn(), id).map(|_| ())) {
                Some(Ok(())) => {}
                Some(Err(e)) => return Err(RoomError::Core(e)),
                None => return Err(RoomError::NoCampaign),
            }
        }
        self.state().candidate = candidate;
        self.touch();
        self.host.changed(RoomChanged {
            kind: ChangeKind::Candidate,
            candidate_id: candidate,
            member_id: None,
        });
        Ok(())
    }

    pub(crate) fn renew(&self, member: i64) -> Result<(), RoomError> {
        let name = match self.campaign(|c| c.members()) {
            Some(Ok(members)) => members
                .into_iter()
                .find(|m| m.id == member)
                .ok_or_else(|| {
                    RoomError::Core(cesp_core::Error::Missing {
                        what: format!("Le membre n° {member}"),
                    })
                })
                .and_then(|m| {
                    if m.voting {
                        Ok(m.name)
                    } else {
                        Err(RoomError::NotAVoter(format!(
                            "{} n'a pas voix délibérative : il ou elle ne note pas depuis un appareil.",
                            m.name
                        )))
                    }
                })?,
            Some(Err(e)) => return Err(RoomError::Core(e)),
            None => return Err(RoomError::NoCampaign),
        };
        let pass = new_pass(name)?;
        {
            let mut s = self.state();
            match s.passes.iter_mut().find(|(id, _)| *id == member) {
                Some((_, p)) => *p = pass,
                None => s.passes.push((member, pass)),
            }
        }
        self.host.changed(RoomChanged {
            kind: ChangeKind::Device,
            candidate_id: None,
            member_id: Some(member),
        });
        Ok(())
    }

    pub(crate) fn revoke(&self, device: &str) -> Result<(), RoomError> {
        let member = {
            let mut s = self.state();
            let d = s
                .devices
                .iter_mut()
                .find(|d| d.id == device && !d.revoked)
                .ok_or(RoomError::NoDevice)?;
            d.revoked = true;
            d.member
        };
        let _ = self.events.send(Event::Revoked(device.to_owned()));
        self.host.changed(RoomChanged {
            kind: ChangeKind::Device,
            candidate_id: None,
            member_id: Some(member),
        });
        Ok(())
    }

    pub(crate) fn close(&self) {
        {
            let mut s = self.state();
            if s.closed {
                return;
            }
            s.closed = true;
            for d in &mut s.devices {
                d.revoked = true;
            }
        }
        let _ = self.events.send(Event::Closed);
        let _ = self.stop.send(true);
        self.host.changed(RoomChanged {
            kind: ChangeKind::Closed,
            candidate_id: None,
            member_id: None,
        });
    }

    /// Exchanges a link's secret or a short code for a device's token.
    pub(crate) fn pair(
        &self,
        from: IpAddr,
        secret: Option<&str>,
        code: Option<&str>,
        agent: &str,
    ) -> Result<Result<(String, i64, String), PairRefused>, RoomError> {
        let now = Instant::now();
        let mut s = self.state();
        if let Some(a) = s.attempts.get(&from) {
            if a.failures >= FREE_ATTEMPTS && a.next > now {
                return Ok(Err(PairRefused::Wait(a.next - now)));
            }
        }
        let code = code.map(normalise_code);
        let found = s.passes.iter_mut().find(|(_, p)| {
            !p.used
                && (secret.is_some_and(|x| same(x, &p.secret))
                    || code.as_deref().is_some_and(|x| same(x, &p.code)))
        });
        let Some((member, pass)) = found else {
            let a = s.attempts.entry(from).or_insert(Attempts {
                failures: 0,
                next: now,
            });
            a.failures += 1;
            if a.failures >= FREE_ATTEMPTS {
                a.next = now + ATTEMPT_INTERVAL;
            }
            return Ok(Err(PairRefused::Wrong));
        };
        pass.used = true;
        let (member, name) = (*member, pass.name.clone());
        s.attempts.remove(&from);
        let token = random_hex(32)?;
        let id = random_hex(8)?;
        s.devices.push(Device {
            id,
            token: token.clone(),
            member,
            member_name: name.clone(),
            agent: crate::agent::describe(agent),
            since: cesp_core::fr::clock_time(chrono::Utc::now()),
            listening: 0,
            revoked: false,
        });
        drop(s);
        self.host.changed(RoomChanged {
            kind: ChangeKind::Device,
            candidate_id: None,
            member_id: Some(member),
        });
        Ok(Ok((token, member, name)))
    }

    /// The device holding `token`, if it is still valid: (device id, member, member name).
    pub(crate) fn device(&self, token: &str) -> Option<(String, i64, String)> {
        let s = self.state();
        if s.closed {
            return None;
        }
        s.devices
            .iter()
            .find(|d| !d.revoked && same(&d.token, token))
            .map(|d| (d.id.clone(), d.member, d.member_name.clone()))
    }

    /// Counts a device's open event streams (for « en ligne »).
    pub(crate) fn listening(&self, device: &str, delta: i32) {
        let changed = {
            let mut s = self.state();
            match s.devices.iter_mut().find(|d| d.id == device) {
                Some(d) => {
                    let before = d.listening > 0;
                    d.listening = d.listening.saturating_add_signed(delta);
                    (before != (d.listening > 0)).then_some(d.member)
                }
                None => None,
            }
        };
        if let Some(member) = changed {
            self.host.changed(RoomChanged {
                kind: ChangeKind::Device,
                candidate_id: None,
                member_id: Some(member),
            });
        }
    }

    pub(crate) fn answer(&self, member: i64, key: &str) -> Option<Answer> {
        self.state().answers.get(&(member, key.to_owned())).cloned()
    }

    pub(crate) fn remember(&self, member: i64, key: &str, answer: Answer) {
        let mut s = self.state();
        let k = (member, key.to_owned());
        if s.answers.insert(k.clone(), answer).is_none() {
            s.answer_order.push_back(k);
        }
        while s.answer_order.len() > ANSWERS_KEPT {
            if let Some(old) = s.answer_order.pop_front() {
                s.answers.remove(&old);
            }
        }
    }

    pub(crate) fn score_written(&self, member: i64, candidate: i64) {
        self.touch();
        self.host.changed(RoomChanged {
            kind: ChangeKind::Score,
            candidate_id: Some(candidate),
            member_id: Some(member),
        });
    }
}

/// The pairing link as an SVG QR code, named for screen readers.
fn qr_svg(link: &str, name: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(link.as_bytes()) else {
        return String::new();
    };
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // Inline in the page: no XML declaration; a role and a name for screen readers.
    let svg = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg.as_str(),
    };
    let label = name
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    svg.replacen(
        "<svg",
        &format!("<svg role=\"img\" aria-label=\"QR code du lien d'appairage de {label}\""),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_eight_unambiguous_characters() {
        for _ in 0..200 {
            let c = random_code().expect("random");
            assert_eq!(c.len(), 8);
            assert!(c.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{c}");
        }
        assert_eq!(normalise_code(" k7qm-4tzp "), "K7QM4TZP");
        assert_eq!(shown_code("K7QM4TZP"), "K7QM 4TZP");
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same("abcd", "abcd"));
        assert!(!same("abcd", "abce"));
        assert!(!same("abc", "abcd"));
    }

    #[test]
    fn the_qr_code_is_an_inline_svg_with_a_name() {
        let svg = qr_svg("http://192.168.1.23:8765/#k=00ff", "Pr Anne <MARTIN>");
        assert!(svg.starts_with("<svg role=\"img\""), "{svg}");
        assert!(svg.contains("Pr Anne &lt;MARTIN>"));
        assert!(!svg.contains("<?xml"));
    }
}
