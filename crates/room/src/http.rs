//! The hub's HTTP server: the member page, its assets and its API (docs/room.md), behind
//! the checks every request passes (`Host`, `Origin`, a bounded body, a valid token).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use cesp_core::scoring::ScoreInput;
use futures_util::stream::{self, Stream};
use http_body_util::BodyExt;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

use crate::api::{PairRequest, Paired, ScoreWrite, ScoreWritten};
use crate::hub::{Answer, Event, Hub, PairRefused};

/// The largest request body read: a score is a few hundred bytes.
const BODY_LIMIT: usize = 16 * 1024;
/// A larger body is read to its end (so that the client hears the refusal) up to this.
const BODY_DRAINED: usize = 64 * 1024 * 1024;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

/// An answer of the API that is not a success: `{code, message, details}` in French.
pub(crate) struct ApiError {
    status: StatusCode,
    code: String,
    message: String,
    details: Vec<cesp_core::error::FieldIssue>,
    current: Option<String>,
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code: code.to_owned(),
            message: message.into(),
            details: Vec::new(),
            current: None,
            retry_after: None,
        }
    }

    fn no_campaign() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "no_campaign",
            "La campagne n'est plus ouverte sur l'ordinateur du secrétariat : la séance connectée est terminée.",
        )
    }

    fn core(e: cesp_core::Error) -> ApiError {
        use cesp_core::Error as E;
        let status = match &e {
            E::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            E::Refused(cesp_core::Refusal::ScoreChanged, _) => StatusCode::CONFLICT,
            E::Refused(..) | E::ReadOnlyView(_) | E::MinutesSealed { .. } => StatusCode::FORBIDDEN,
            E::Missing { .. } | E::NotFound(_) => StatusCode::NOT_FOUND,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let details = e.details();
        let message = match &e {
            // The field's own message says it best.
            E::Validation(issues) if issues.len() == 1 => issues[0].message.clone(),
            _ => e.to_string(),
        };
        ApiError {
            status,
            code: e.code().to_owned(),
            message,
            details,
            current: None,
            retry_after: None,
        }
    }

    fn body(&self) -> serde_json::Value {
        // Shown as is on the member's phone: French typography (no line broken before « : »).
        let typeset = |text: &str| cesp_core::fr::typography(text).into_owned();
        let mut body = json!({
            "code": self.code,
            "message": typeset(&self.message),
            "details": self.details.iter().map(|d| json!({"field": d.field, "message": typeset(&d.message)})).collect::<Vec<_>>(),
        });
        if let Some(current) = &self.current {
            body["current"] = json!(current);
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

/// Runs the server on `listener` until the hub closes.
pub(crate) async fn serve(listener: std::net::TcpListener, hub: Arc<Hub>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        hub.close();
        return;
    };
    let app = Router::new()
        .route("/", get(page))
        .route("/assets/{*file}", get(asset))
        .route("/api/pair", post(pair))
        .route("/api/desk", get(desk))
        .route("/api/scores", post(scores))
        .route("/api/events", get(events))
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
        .layer(middleware::from_fn_with_state(hub.clone(), guard))
        .with_state(hub.clone());
    let mut stop = hub.stopped();
    let mut stop_hard = hub.stopped();
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = stop.wait_for(|s| *s).await;
    });
    // The event streams end when the hub closes; a connection that lingers does not
    // keep the port open more than a second.
    tokio::select! {
        _ = server => {}
        _ = async move {
            let _ = stop_hard.wait_for(|s| *s).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
        } => {}
    }
}

fn host_matches(value: &str, served: SocketAddr) -> bool {
    value == served.to_string() || (served.port() == 80 && value == served.ip().to_string())
}

/// The checks every request passes, and the headers every answer carries.
async fn guard(State(hub): State<Arc<Hub>>, request: Request, next: Next) -> Response {
    let served = hub.served();
    let headers = request.headers();
    let host_ok = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| host_matches(h, served));
    let mut response = if !host_ok {
        ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "wrong_host",
            format!("Cette page n'est servie qu'à l'adresse http://{served}/ : ouvrez le lien du QR code."),
        )
        .into_response()
    } else {
        let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
        let origin_ok = match origin {
            Some(o) => o
                .strip_prefix("http://")
                .is_some_and(|h| host_matches(h, served)),
            None => request.method() != Method::POST,
        };
        if origin_ok {
            next.run(request).await
        } else {
            ApiError::new(
                StatusCode::FORBIDDEN,
                "foreign_origin",
                "Cette demande ne vient pas de la page de la séance connectée : elle est refusée.",
            )
            .into_response()
        }
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn file(path: &str) -> Response {
    match crate::assets::find(path) {
        Some((mime, bytes)) => {
            ([(header::CONTENT_TYPE, mime)], Bytes::from_static(bytes)).into_response()
        }
        None => not_found_error().into_response(),
    }
}

async fn page() -> Response {
    file("/")
}

async fn asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    file(&format!("/assets/{name}"))
}

fn not_found_error() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "Cette adresse n'existe pas : ouvrez le lien du QR code.",
    )
}

async fn not_found() -> ApiError {
    not_found_error()
}

async fn wrong_method() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "wrong_method",
        "Cette adresse ne s'utilise pas ainsi.",
    )
}

/// Reads a body of at most [`BODY_LIMIT`] bytes and parses it as JSON.
async fn json_body<T: for<'de> Deserialize<'de>>(body: Body) -> Result<T, ApiError> {
    let mut body = body;
    let mut read = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                "La demande est arrivée incomplète : réessayez.",
            ));
        };
        if let Some(data) = frame.data_ref() {
            seen += data.len();
            if seen <= BODY_LIMIT {
                read.extend_from_slice(data);
            } else if seen > BODY_DRAINED {
                break;
            }
        }
    }
    if seen > BODY_LIMIT {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "La demande est trop grande ({} Ko ; au plus {} Ko) : elle est refusée.",
                seen.div_ceil(1024),
                BODY_LIMIT / 1024
            ),
        ));
    }
    serde_json::from_slice(&read).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("La demande n'est pas lisible (JSON attendu : {e}) : rechargez la page."),
        )
    })
}

/// The device behind the request's bearer token: (device id, member, member's name).
fn authorised(hub: &Hub, headers: &HeaderMap) -> Result<(String, i64, String), ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "no_token",
                "Cet appareil n'est pas appairé : scannez le QR code ou saisissez le code donné par le secrétariat.",
            )
        })?;
    hub.device(token).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad_token",
            "Cet appareil n'est plus appairé (révoqué, ou séance connectée fermée) : demandez un nouveau code au secrétariat.",
        )
    })
}

/// Runs `f` on the served campaign off the async threads.
async fn on_campaign<T: Send + 'static>(
    hub: &Arc<Hub>,
    f: impl FnOnce(&mut cesp_core::Campaign) -> cesp_core::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let hub = hub.clone();
    match tokio::task::spawn_blocking(move || hub.campaign(f)).await {
        Ok(Some(Ok(v))) => Ok(v),
        Ok(Some(Err(e))) => Err(ApiError::core(e)),
        Ok(None) => Err(ApiError::no_campaign()),
        Err(_) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Erreur interne sur l'ordinateur du secrétariat : réessayez.",
        )),
    }
}

async fn pair(
    State(hub): State<Arc<Hub>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<axum::Json<Paired>, ApiError> {
    let request: PairRequest = json_body(body).await?;
    if request.secret.is_none() && request.code.is_none() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "Saisissez le code d'appairage donné par le secrétariat.",
        ));
    }
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    match hub.pair(
        from.ip(),
        request.secret.as_deref(),
        request.code.as_deref(),
        agent,
    ) {
        Ok(Ok((token, member_id, member_name))) => Ok(axum::Json(Paired {
            token,
            member_id,
            member_name,
        })),
        Ok(Err(PairRefused::Wrong)) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "pairing_refused",
            if request.secret.is_some() {
                "Ce lien d'appairage n'est pas (ou plus) valable : il ne sert qu'une fois. Demandez au secrétariat un nouveau lien ou saisissez votre code."
            } else {
                "Ce code n'est pas (ou plus) valable : vérifiez-le (8 caractères, sans 0, O, 1, I ni L) ou demandez-en un nouveau au secrétariat."
            },
        )),
        Ok(Err(PairRefused::Wait(wait))) => {
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                format!(
                    "Trop d'essais de code depuis cet appareil : réessayez dans {secs} seconde{}.",
                    if secs > 1 { "s" } else { "" }
                ),
            );
            e.retry_after = Some(secs);
            Err(e)
        }
        Err(e) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.code(),
            e.to_string(),
        )),
    }
}

async fn desk(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Result<Response, ApiError> {
    let (_, member, _) = authorised(&hub, &headers)?;
    let sitting = hub.sitting();
    let candidate = hub.candidate();
    let desk = on_campaign(&hub, move |c| c.desk(sitting, member, candidate)).await?;
    Ok(axum::Json(desk).into_response())
}

async fn scores(
    State(hub): State<Arc<Hub>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (_, member, name) = authorised(&hub, &headers)?;
    let write: ScoreWrite = json_body(body).await?;
    let key = write.key.trim().to_owned();
    if key.is_empty() || key.len() > 128 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "La demande n'a pas de clé d'envoi valable : rechargez la page.",
        ));
    }
    if let Some(answer) = hub.answer(member, &key) {
        let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
        return Ok((status, axum::Json(answer.body)).into_response());
    }
    let sitting = hub.sitting();
    let candidate = write.candidate_id;
    let criterion = write.criterion_id;
    let operator = format!("{name} (appareil)");
    let outcome = on_campaign(&hub, move |c| {
        let input = ScoreInput {
            member_id: member,
            candidate_id: candidate,
            criterion_id: criterion,
            value: write.value,
        };
        match c.set_score_replacing(&input, &write.replaces, Some(sitting), &operator) {
            Ok(saved) => {
                let desk = c.desk(sitting, member, Some(candidate))?;
                Ok(Ok((saved, desk)))
            }
            Err(e @ cesp_core::Error::Refused(cesp_core::Refusal::ScoreChanged, _)) => {
                let current = c.score_value(member, candidate, criterion)?;
                Ok(Err((e, current)))
            }
            Err(e) => Err(e),
        }
    })
    .await;
    let answer = match outcome {
        Ok(Ok((saved, desk))) => {
            if saved.changed {
                hub.score_written(member, candidate);
            }
            Answer {
                status: 200,
                body: serde_json::to_value(ScoreWritten { saved, desk }).unwrap_or_default(),
            }
        }
        Ok(Err((e, current))) => {
            let mut e = ApiError::core(e);
            e.current = Some(current);
            Answer {
                status: e.status.as_u16(),
                body: e.body(),
            }
        }
        // Refusals and bad values are answered the same on a replay; a closed campaign
        // or an internal error is not kept (the write may succeed later).
        Err(e) if matches!(e.status.as_u16(), 403 | 404 | 422) => Answer {
            status: e.status.as_u16(),
            body: e.body(),
        },
        Err(e) => return Err(e),
    };
    hub.remember(member, &key, answer.clone());
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    Ok((status, axum::Json(answer.body)).into_response())
}

/// Decrements a device's count of open streams when its stream ends.
struct Listening {
    hub: Arc<Hub>,
    device: String,
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.hub.listening(&self.device, -1);
    }
}

async fn events(
    State(hub): State<Arc<Hub>>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let (device, _, _) = authorised(&hub, &headers)?;
    let rx = hub.subscribe();
    hub.listening(&device, 1);
    let guard = Listening {
        hub: hub.clone(),
        device: device.clone(),
    };
    // The first event tells the page to read its desk (it may have missed changes while
    // it was reconnecting).
    let first = SseEvent::default()
        .event("desk")
        .data(json!({"revision": 0}).to_string());
    let stream = stream::unfold(
        (Some(first), rx, guard, false),
        move |(pending, mut rx, guard, done)| {
            let device = device.clone();
            async move {
                if done {
                    return None;
                }
                if let Some(event) = pending {
                    return Some((Ok(event), (None, rx, guard, false)));
                }
                loop {
                    let event = match rx.recv().await {
                        Ok(Event::Desk(revision)) => SseEvent::default()
                            .event("desk")
                            .data(json!({ "revision": revision }).to_string()),
                        Err(RecvError::Lagged(_)) => SseEvent::default()
                            .event("desk")
                            .data(json!({"revision": 0}).to_string()),
                        Ok(Event::Revoked(id)) if id != device => continue,
                        Ok(Event::Revoked(_)) | Ok(Event::Closed) | Err(RecvError::Closed) => {
                            let e = SseEvent::default().event("revoked").data("{}");
                            return Some((Ok(e), (None, rx, guard, true)));
                        }
                    };
                    return Some((Ok(event), (None, rx, guard, false)));
                }
            }
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
