//! Commands of the connected sitting: the hub (crates/room) started on the app's own tokio
//! runtime for the open campaign, its pairings and devices, the candidate under
//! deliberation; « room-changed » events tell the window what arrived.

use std::net::IpAddr;
use std::sync::Arc;

use cesp_core::Campaign;
use cesp_room::{Host, Room, RoomAddress, RoomChanged, RoomConfig, RoomError, RoomStatus};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The window's side of the hub: the campaign open in the app, and its events.
struct ShellHost<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> Host for ShellHost<R> {
    fn with_campaign(
        &self,
        f: &mut dyn FnMut(&mut Campaign) -> cesp_core::Result<()>,
    ) -> Option<cesp_core::Result<()>> {
        let state = self.app.state::<AppState>();
        let mut guard = state.campaign.lock().ok()?;
        guard.as_mut().map(f)
    }

    fn changed(&self, change: RoomChanged) {
        let _ = self.app.emit("room-changed", change);
    }
}

fn room_error(e: RoomError) -> AppError {
    match e {
        RoomError::Core(e) => e.into(),
        other => AppError::new(other.code(), other.to_string()),
    }
}

/// The open connected sitting, or why there is none.
fn open_room(state: &AppState) -> AppResult<Arc<Room>> {
    state.room().ok_or_else(|| {
        AppError::new(
            "no_room",
            "Aucune séance connectée n'est ouverte : ouvrez-la depuis « Notation ».",
        )
    })
}

/// Runs `f` on the open connected sitting off the window's thread (it reads the campaign).
async fn on_room(
    state: &AppState,
    f: impl FnOnce(&Room) -> Result<RoomStatus, RoomError> + Send + 'static,
) -> AppResult<RoomStatus> {
    let room = open_room(state)?;
    tauri::async_runtime::spawn_blocking(move || f(&room))
        .await
        .map_err(|_| {
            AppError::new(
                "internal",
                "Erreur interne : la séance connectée ne répond pas.",
            )
        })?
        .map_err(room_error)
}

/// The machine's addresses a connected sitting can be served on, the Wi-Fi first.
#[tauri::command]
#[specta::specta]
pub async fn room_interfaces() -> AppResult<Vec<RoomAddress>> {
    Ok(cesp_room::addresses())
}

/// Opens the connected sitting for `sitting_id` on `address` (and `port`, else 8765):
/// one pairing link and code per voting member present.
#[tauri::command]
#[specta::specta]
pub async fn room_open<R: Runtime>(
    app: AppHandle<R>,
    sitting_id: i64,
    address: String,
    port: Option<u16>,
) -> AppResult<RoomStatus> {
    let state = app.state::<AppState>();
    // Writing scores needs the operator's session and a campaign open to write.
    state.operator()?;
    let path = state.with_campaign(|c| {
        if c.is_read_only() {
            return Err(cesp_core::Error::ReadOnlyView(c.path().to_path_buf()).into());
        }
        Ok(c.path().to_path_buf())
    })?;
    let ip: IpAddr = address.trim().parse().map_err(|_| {
        AppError::new(
            "room_bind",
            format!("« {address} » n'est pas une adresse de cet ordinateur : choisissez-en une dans la liste."),
        )
    })?;
    state.close_room();
    let host = Arc::new(ShellHost { app: app.clone() });
    let (room, server) = Room::open(
        RoomConfig {
            campaign: path,
            sitting: sitting_id,
            address: ip,
            port: port.unwrap_or(cesp_room::DEFAULT_PORT),
        },
        host,
    )
    .map_err(room_error)?;
    tauri::async_runtime::spawn(server);
    let status = room.status();
    state.set_room(room);
    Ok(status)
}

/// The open connected sitting, if any.
#[tauri::command]
#[specta::specta]
pub async fn room_status(state: State<'_, AppState>) -> AppResult<Option<RoomStatus>> {
    Ok(state.room().map(|r| r.status()))
}

/// Puts a candidate under deliberation (`None`: none); every member's page follows.
#[tauri::command]
#[specta::specta]
pub async fn room_select(
    state: State<'_, AppState>,
    candidate_id: Option<i64>,
) -> AppResult<RoomStatus> {
    on_room(&state, move |room| room.select(candidate_id)).await
}

/// Gives a member a new pairing link and code; the old ones die.
#[tauri::command]
#[specta::specta]
pub async fn room_renew(state: State<'_, AppState>, member_id: i64) -> AppResult<RoomStatus> {
    on_room(&state, move |room| room.renew(member_id)).await
}

/// Revokes a device: its next request is refused.
#[tauri::command]
#[specta::specta]
pub async fn room_revoke(state: State<'_, AppState>, device_id: String) -> AppResult<RoomStatus> {
    open_room(&state)?.revoke(&device_id).map_err(room_error)
}

/// Closes the connected sitting: every device is told, the server stops.
#[tauri::command]
#[specta::specta]
pub async fn room_close(state: State<'_, AppState>) -> AppResult<()> {
    state.close_room();
    Ok(())
}
