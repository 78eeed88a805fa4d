//! The hub's API over 127.0.0.1, against the real server on the demo campaign: pairing,
//! the member's desk, scores through core's use case, live events, and every bad input
//! docs/room.md lists, each refused with its French message and nothing written.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cesp_core::commission::Attendance;
use cesp_core::Campaign;
use cesp_room::{ChangeKind, Host, Room, RoomChanged, RoomConfig};
use futures_util::StreamExt;
use serde_json::{json, Value};

/// Sitting 1 of the demo: members 1 to 6 present with a vote, member 7 excused.
const SITTING: i64 = 1;
/// A candidate of the demo neither heard nor validated yet.
const CANDIDATE: i64 = 2;
/// « Précision et maturité du projet », from 0 to 5 by 0,5.
const CRITERION: i64 = 1;

/// Asserts that `body[field]` says `part`, read as words (its no-break spaces as spaces).
fn says(body: &Value, field: &str, part: &str) {
    let text = body[field]
        .as_str()
        .unwrap_or_default()
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(text.contains(part), "« {part} » not in {field}: {body}");
}

struct TestHost {
    campaign: Mutex<Campaign>,
    changes: Mutex<Vec<RoomChanged>>,
}

impl Host for TestHost {
    fn with_campaign(
        &self,
        f: &mut dyn FnMut(&mut Campaign) -> cesp_core::Result<()>,
    ) -> Option<cesp_core::Result<()>> {
        Some(f(&mut self.campaign.lock().expect("campaign lock")))
    }

    fn changed(&self, change: RoomChanged) {
        self.changes.lock().expect("changes lock").push(change);
    }
}

struct Served {
    room: Room,
    host: Arc<TestHost>,
    base: String,
    origin: String,
    client: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl Served {
    fn on(campaign: Campaign, dir: tempfile::TempDir, sitting: i64) -> Served {
        let path = campaign.path().to_path_buf();
        let host = Arc::new(TestHost {
            campaign: Mutex::new(campaign),
            changes: Mutex::new(Vec::new()),
        });
        let (room, server) = Room::open(
            RoomConfig {
                campaign: path,
                sitting,
                address: "127.0.0.1".parse().expect("address"),
                port: 0,
            },
            host.clone(),
        )
        .expect("the room opens");
        tokio::spawn(server);
        let at = room.served();
        room.select(Some(CANDIDATE)).expect("select");
        Served {
            room,
            host,
            base: format!("http://{at}"),
            origin: format!("http://{at}"),
            client: reqwest::Client::new(),
            _dir: dir,
        }
    }

    fn demo() -> Served {
        let dir = tempfile::tempdir().expect("tempdir");
        let campaign = cesp_core::demo::create(&dir.path().join("demo.cesp")).expect("demo");
        Served::on(campaign, dir, SITTING)
    }

    fn campaign(&self) -> std::sync::MutexGuard<'_, Campaign> {
        self.host.campaign.lock().expect("campaign lock")
    }

    fn secret(&self, member: i64) -> String {
        let status = self.room.status();
        let m = status
            .members
            .iter()
            .find(|m| m.member_id == member)
            .expect("member has a pass");
        m.link.split("#k=").nth(1).expect("fragment").to_owned()
    }

    fn code(&self, member: i64) -> String {
        let status = self.room.status();
        status
            .members
            .iter()
            .find(|m| m.member_id == member)
            .expect("member has a pass")
            .code
            .clone()
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Origin", &self.origin)
            .json(&body);
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn pair(&self, member: i64) -> String {
        let (status, body) = self
            .post("/api/pair", None, json!({ "secret": self.secret(member) }))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["member_id"], member);
        body["token"].as_str().expect("token").to_owned()
    }

    async fn score(&self, token: &str, value: &str, replaces: &str, key: &str) -> (u16, Value) {
        self.post(
            "/api/scores",
            Some(token),
            json!({
                "candidate_id": CANDIDATE,
                "criterion_id": CRITERION,
                "value": value,
                "replaces": replaces,
                "key": key,
            }),
        )
        .await
    }

    fn stored(&self, member: i64) -> String {
        self.campaign()
            .score_value(member, CANDIDATE, CRITERION)
            .expect("read")
    }

    fn journal_count(&self) -> usize {
        self.campaign().journal(10_000).expect("journal").len()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_pairs_reads_their_desk_and_scores_through_core() {
    let s = Served::demo();
    // The page and its assets are served; nothing else.
    let page = s
        .client
        .get(format!("{}/", s.base))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    assert!(page.headers().get("access-control-allow-origin").is_none());
    let (status, body) = s.get("/api/../../etc/passwd", None).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(s.get("/assets/", None).await.0, 404);

    let token = s.pair(2).await;
    let (status, desk) = s.get("/api/desk", Some(&token)).await;
    assert_eq!(status, 200, "{desk}");
    assert_eq!(desk["member_name"], "Dr Sophie MARCHAND");
    assert_eq!(desk["state"], "open");
    assert_eq!(desk["candidate"]["id"], CANDIDATE);
    assert_eq!(
        desk["sitting_label"],
        "Séance du jeudi 26 novembre 2026 à 9\u{a0}h"
    );
    let first = &desk["criteria"][0];
    assert_eq!(first["id"], CRITERION);
    assert_eq!(first["max"], "5");
    assert_eq!(first["step"], "0,5");
    assert_eq!(first["value"], "");

    let (status, body) = s.score(&token, "3,5", "", "write-1").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["saved"]["value"], "3,5");
    assert_eq!(body["desk"]["criteria"][0]["value"], "3,5");
    assert_eq!(s.stored(2), "3,5");
    // The journal line is core's own, with the member as the operator, « appareil » noted.
    let line = s.campaign().journal(1).expect("journal").remove(0);
    assert_eq!(line.action, "score.set");
    assert_eq!(line.operator, "Dr Sophie MARCHAND (appareil)");
    assert!(line.summary.contains("3,5"), "{}", line.summary);
    assert!(s
        .host
        .changes
        .lock()
        .expect("changes")
        .iter()
        .any(|c| c.kind == ChangeKind::Score
            && c.member_id == Some(2)
            && c.candidate_id == Some(CANDIDATE)));
    // The candidate is now heard at this sitting, as when typed in the grid.
    let board = s.campaign().score_board().expect("board");
    assert!(board
        .hearings
        .iter()
        .any(|h| h.candidate_id == CANDIDATE && h.sitting_id == SITTING));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_and_codes_serve_once_and_tokens_die_with_revocation_and_the_sitting() {
    let s = Served::demo();
    let secret = s.secret(3);
    let token = s.pair(3).await;
    // The link's secret is single-use.
    let (status, body) = s.post("/api/pair", None, json!({ "secret": secret })).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "pairing_refused");
    says(&body, "message", "ne sert qu'une fois");
    // The short code works typed loosely, once.
    let code = s.code(4).to_lowercase().replace(' ', "-");
    let (status, body) = s.post("/api/pair", None, json!({ "code": code })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["member_name"], "Dr Anne-Sophie DUVAL");
    let (status, _) = s.post("/api/pair", None, json!({ "code": code })).await;
    assert_eq!(status, 401);

    // No token, a wrong one.
    let (status, body) = s.get("/api/desk", None).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("no_token")));
    let (status, body) = s.get("/api/desk", Some(&"0".repeat(64))).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("bad_token")));

    // Revoked: the next request is refused, and its event stream is told at once.
    let events = s.events(&token).await;
    assert_eq!(events.status(), 200);
    let device = s.room.status().devices[0].id.clone();
    s.room.revoke(&device).expect("revoke");
    let mut stream = events.bytes_stream();
    let mut seen = String::new();
    while !seen.contains("event: revoked") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), stream.next())
            .await
            .expect("the revocation arrives within 5 s")
            .expect("stream open")
            .expect("chunk");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let before = s.journal_count();
    let (status, body) = s.score(&token, "4", "", "after-revoke").await;
    assert_eq!((status, body["code"].as_str()), (401, Some("bad_token")));
    assert_eq!(s.stored(3), "");
    assert_eq!(s.journal_count(), before);

    // A token of another sitting is refused here.
    let dir = tempfile::tempdir().expect("tempdir");
    let other_file = dir.path().join("autre.cesp");
    std::fs::copy(s.campaign().path(), &other_file).expect("copy");
    let mut other_campaign = Campaign::open(&other_file).expect("open copy");
    other_campaign
        .set_attendance(2, 5, Some(Attendance::Present), "Secrétariat")
        .expect("attendance");
    let other = Served::on(other_campaign, dir, 2);
    let other_token = other.pair(5).await;
    let (status, body) = s.get("/api/desk", Some(&other_token)).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("bad_token")));

    // Closing the sitting kills every token.
    let live = s.pair(6).await;
    assert_eq!(s.get("/api/desk", Some(&live)).await.0, 200);
    s.room.close();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let gone = s
        .client
        .get(format!("{}/api/desk", s.base))
        .bearer_auth(&live)
        .send()
        .await;
    assert!(gone.is_err() || gone.expect("answer").status() == 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_core_refuses_is_refused_in_french_and_nothing_is_written() {
    let s = Served::demo();
    let token = s.pair(2).await;
    let before = s.journal_count();
    // Off the scale, off its step, not a number.
    for (value, expected) in [
        ("7", "7 dépasse le maximum de 5"),
        ("3,3", "3,3 n'est pas sur l'échelle"),
        ("beaucoup", "n'est pas une note"),
    ] {
        let (status, body) = s.score(&token, value, "", &format!("bad-{value}")).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["code"], "validation");
        assert_eq!(body["details"][0]["field"], "value");
        says(&body, "message", expected);
    }
    // Shown on the phone as core wrote it, in French typography: the number holds to
    // its word, the colon to the word before it.
    let (_, body) = s.score(&token, "7", "", "bad-7-again").await;
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains("7\u{a0}dépasse"), "{body}");
    assert!(!message.contains(" :"), "{body}");
    // A recused member: the desk says so and a score is refused.
    s.campaign()
        .add_recusal(3, CANDIDATE, "lien de parenté", "Secrétariat")
        .expect("recusal");
    let recused = s.pair(3).await;
    let (_, desk) = s.get("/api/desk", Some(&recused)).await;
    assert_eq!(desk["state"], "recused");
    says(&desk, "message", "lien de parenté");
    let (status, body) = s.score(&recused, "4", "", "recused").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("member_recused"))
    );
    assert_eq!(s.stored(2), "");
    assert_eq!(s.stored(3), "");
    // Only the recusal was journaled, by the secretary.
    assert_eq!(s.journal_count(), before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_marked_absent_after_pairing_cannot_score() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut campaign = cesp_core::demo::create(&dir.path().join("demo.cesp")).expect("demo");
    let op = "Secrétariat";
    let sitting = campaign
        .add_sitting(
            &cesp_core::commission::SittingInput {
                date: "02/12/2026".into(),
                start_time: "14\u{a0}h\u{a0}30".into(),
                place: "Salle du conseil".into(),
            },
            op,
        )
        .expect("sitting");
    for member in [2, 3, 4] {
        campaign
            .set_attendance(sitting, member, Some(Attendance::Present), op)
            .expect("present");
    }
    let s = Served::on(campaign, dir, sitting);
    let status = s.room.status();
    assert_eq!(
        status.sitting_label,
        "Séance du mercredi 2 décembre 2026 à 14\u{a0}h\u{a0}30"
    );
    assert_eq!(
        status
            .members
            .iter()
            .map(|m| m.member_id)
            .collect::<Vec<_>>(),
        vec![2, 3, 4]
    );
    let absent = s.pair(4).await;
    // The roll call corrected: member 4 is in fact absent.
    s.campaign()
        .set_attendance(sitting, 4, Some(Attendance::Absent), op)
        .expect("attendance");
    let (_, desk) = s.get("/api/desk", Some(&absent)).await;
    assert_eq!(desk["state"], "absent", "{desk}");
    let before = s.journal_count();
    let (status, body) = s.score(&absent, "4", "", "absent").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("member_absent"))
    );
    says(&body, "message", "absent");
    assert_eq!(s.stored(4), "");
    assert_eq!(s.journal_count(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_write_changes_nothing_and_a_stale_one_shows_both_values() {
    let s = Served::demo();
    let token = s.pair(2).await;
    let (status, _) = s.score(&token, "3", "", "once").await;
    assert_eq!(status, 200);
    let after_first = s.journal_count();
    // The same key again (the page resending after a lost answer): the same answer, no
    // second line.
    let (status, body) = s.score(&token, "3", "", "once").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["saved"]["value"], "3");
    assert_eq!(s.journal_count(), after_first);
    // The secretary changes it in the grid meanwhile.
    s.campaign()
        .set_score(
            &cesp_core::scoring::ScoreInput {
                member_id: 2,
                candidate_id: CANDIDATE,
                criterion_id: CRITERION,
                value: "4,5".into(),
            },
            Some(SITTING),
            "Secrétariat",
        )
        .expect("grid");
    let journal = s.journal_count();
    // The member's page still believed 3 and sends 2: stale, both values said.
    let (status, body) = s.score(&token, "2", "3", "stale").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "stale");
    assert_eq!(body["current"], "4,5");
    says(
        &body,
        "message",
        "la note enregistrée est 4,5, votre appareil affichait 3",
    );
    assert_eq!(s.stored(2), "4,5");
    assert_eq!(s.journal_count(), journal);
    // The member chooses their value, knowing the current one.
    let (status, body) = s.score(&token, "2", "4,5", "chosen").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(s.stored(2), "2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_host_foreign_origin_huge_and_malformed_bodies_are_refused() {
    let s = Served::demo();
    let token = s.pair(2).await;
    let before = s.journal_count();
    let write = json!({"candidate_id": CANDIDATE, "criterion_id": CRITERION, "value": "4", "replaces": "", "key": "k"});
    // DNS rebinding: a page of another name pointing at this address.
    let response = s
        .client
        .post(format!("{}/api/scores", s.base))
        .header("Host", "cesp.attaquant.example:8765")
        .header("Origin", "http://cesp.attaquant.example:8765")
        .bearer_auth(&token)
        .json(&write)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 421);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["code"], "wrong_host");
    // Another site's page.
    let response = s
        .client
        .post(format!("{}/api/scores", s.base))
        .header("Origin", "http://evil.example")
        .bearer_auth(&token)
        .json(&write)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 403);
    // A write without an Origin (not from a browser page).
    let response = s
        .client
        .post(format!("{}/api/scores", s.base))
        .bearer_auth(&token)
        .json(&write)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 403);
    // 10 MB.
    let huge = json!({"candidate_id": CANDIDATE, "criterion_id": CRITERION, "value": "x".repeat(10 * 1024 * 1024), "replaces": "", "key": "huge"});
    let (status, body) = s.score_body(&token, &huge.to_string()).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["code"], "too_large");
    // Malformed JSON, a missing field.
    for text in ["{\"candidate_id\": 2,", "{\"candidate_id\": 2}", "[]"] {
        let (status, body) = s.score_body(&token, text).await;
        assert_eq!(status, 400, "{text}: {body}");
        assert_eq!(body["code"], "bad_request");
        says(&body, "message", "n'est pas lisible");
    }
    assert_eq!(s.stored(2), "");
    assert_eq!(s.journal_count(), before);
}

impl Served {
    /// Opens a device's live event stream.
    async fn events(&self, token: &str) -> reqwest::Response {
        self.client
            .get(format!("{}/api/events", self.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("events")
    }

    async fn score_body(&self, token: &str, body: &str) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/api/scores", self.base))
            .header("Origin", &self.origin)
            .header("Content-Type", "application/json")
            .bearer_auth(token)
            .body(body.to_owned())
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_wrong_codes_are_rate_limited_and_the_right_one_still_works() {
    let s = Served::demo();
    let mut refused = 0;
    let mut limited = 0;
    let mut retry_after = 0;
    for i in 0..1000 {
        let response = s
            .client
            .post(format!("{}/api/pair", s.base))
            .header("Origin", &s.origin)
            .json(&json!({ "code": format!("ZZZZ{i:04}") }))
            .send()
            .await
            .expect("answer");
        match response.status().as_u16() {
            401 => refused += 1,
            429 => {
                limited += 1;
                retry_after = response.headers()["retry-after"]
                    .to_str()
                    .expect("header")
                    .parse::<u64>()
                    .expect("seconds");
                let body: Value = response.json().await.expect("json");
                assert_eq!(body["code"], "too_many_attempts");
                says(&body, "message", "réessayez dans");
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(refused >= 10, "{refused}");
    assert!(limited > 900, "{limited} limited");
    assert!((1..=2).contains(&retry_after));
    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    let (status, body) = s
        .post("/api/pair", None, json!({ "code": s.code(5) }))
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_hears_a_score_and_a_new_candidate_within_a_second() {
    let s = Served::demo();
    let watcher = s.pair(5).await;
    let scorer = s.pair(6).await;
    let events = s.events(&watcher).await;
    assert_eq!(events.headers()["content-type"], "text/event-stream");
    let mut stream = events.bytes_stream();
    let mut next_event = async || -> String {
        let chunk = tokio::time::timeout(Duration::from_secs(1), stream.next())
            .await
            .expect("within a second")
            .expect("open")
            .expect("chunk");
        String::from_utf8_lossy(&chunk).into_owned()
    };
    assert!(next_event().await.contains("event: desk"));
    let (status, _) = s.score(&scorer, "5", "", "live").await;
    assert_eq!(status, 200);
    assert!(next_event().await.contains("event: desk"));
    s.room.select(Some(4)).expect("select");
    assert!(next_event().await.contains("event: desk"));
    let (_, desk) = s.get("/api/desk", Some(&watcher)).await;
    assert_eq!(desk["candidate"]["id"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sealed_minutes_refuse_every_write_and_say_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut campaign = cesp_core::demo::create_at(
        &dir.path().join("demo.cesp"),
        cesp_core::demo::STORY_SIGNING_DAY,
    )
    .expect("demo");
    campaign
        .seal_minutes(
            &cesp_core::minutes::SealRequest {
                signed_on: "17/01/2027".into(),
                acting: cesp_core::minutes::Acting::Chair,
                acknowledgement:
                    "candidats absents à leur entretien, contrats reportés à l'an prochain".into(),
            },
            cesp_core::demo::STORY_SIGNING_DAY,
            "Pr Jean-Marc LEFEBVRE",
        )
        .expect("sealed");
    let s = Served::on(campaign, dir, SITTING);
    let token = s.pair(2).await;
    let (_, desk) = s.get("/api/desk", Some(&token)).await;
    assert_eq!(desk["state"], "closed", "{desk}");
    says(&desk, "message", "scellé");
    let before = s.journal_count();
    let (status, body) = s.score(&token, "3", "", "sealed").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "minutes_sealed");
    assert_eq!(s.journal_count(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_campaign_refuses_every_write_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("demo.cesp");
    drop(cesp_core::demo::create(&file).expect("demo"));
    // Open elsewhere: this copy is read-only.
    let _writer = Campaign::open(&file).expect("open");
    let reader = Campaign::open_read_only(&file).expect("read-only");
    let s = Served::on(reader, dir, SITTING);
    let token = s.pair(2).await;
    let (_, desk) = s.get("/api/desk", Some(&token)).await;
    assert_eq!(desk["state"], "closed");
    says(&desk, "message", "lecture seule");
    let (status, body) = s.score(&token, "3", "", "ro").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "read_only_view");
}
