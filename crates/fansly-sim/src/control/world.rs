//! Control routes over the world: seed creators, read the outbox, move the clock, read
//! the current TOTP code, expire sessions.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ControlError, ControlJson};
use crate::sim::Simulator;
use crate::world::{CreatorInfo, NewCreator, OutboxEntry};

pub(super) async fn create_creator(
    State(sim): State<Simulator>,
    ControlJson(new): ControlJson<NewCreator>,
) -> Result<(StatusCode, Json<CreatorInfo>), ControlError> {
    let info = sim.create_creator(new)?;
    Ok((StatusCode::CREATED, Json(info)))
}

pub(super) async fn outbox(State(sim): State<Simulator>) -> Json<Vec<OutboxEntry>> {
    Json(sim.outbox())
}

pub(super) async fn clock(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!({ "nowMs": sim.now_ms() }))
}

/// The authenticator code for `secret` at the simulated time: `{code, nowMs}`.
pub(super) async fn totp_now(
    State(sim): State<Simulator>,
    Path(secret): Path<String>,
) -> Result<Json<Value>, ControlError> {
    let now = sim.now_ms();
    let code = crate::totp::totp(&secret, now.div_euclid(1000))
        .ok_or_else(|| ControlError::bad_request("secret: must be non-empty base32"))?;
    Ok(Json(json!({ "code": code, "nowMs": now })))
}

#[derive(Deserialize)]
pub(super) struct Advance {
    ms: i64,
}

pub(super) async fn advance_clock(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<Advance>,
) -> Result<Json<Value>, ControlError> {
    if body.ms < 0 {
        return Err(ControlError::bad_request("ms: must not be negative"));
    }
    Ok(Json(json!({ "nowMs": sim.advance_clock(body.ms) })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Expire {
    account_id: String,
}

pub(super) async fn expire_sessions(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<Expire>,
) -> Json<Value> {
    Json(json!({ "expired": sim.expire_sessions(&body.account_id) }))
}
