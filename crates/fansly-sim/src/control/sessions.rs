//! Session and login controls for tests of session recovery: the session lifetime on the
//! simulated clock, a login rate limit, a password change (which ends every session) and the
//! per-creator login count. `POST /_sim/sessions/expire` (kill now) is in `world.rs`.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ControlError, ControlJson};
use crate::sim::Simulator;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/_sim/sessions/ttl", put(session_ttl))
        .route("/_sim/login-limit", put(login_limit))
        .route("/_sim/creators/{id}/password", post(change_password))
        .route("/_sim/logins/{id}", get(login_count))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Ttl {
    /// Session lifetime in simulated ms; `null` or 0: unlimited.
    ms: Option<i64>,
}

async fn session_ttl(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<Ttl>,
) -> Result<Json<Value>, ControlError> {
    if body.ms.is_some_and(|ms| ms < 0) {
        return Err(ControlError::bad_request("ms: must not be negative"));
    }
    sim.set_session_ttl(body.ms);
    Ok(Json(json!({ "ms": body.ms })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Limit {
    /// Login attempts allowed per account within the window; 0 turns the limit off.
    max: u32,
    window_ms: i64,
}

async fn login_limit(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<Limit>,
) -> Result<Json<Value>, ControlError> {
    if body.window_ms <= 0 && body.max > 0 {
        return Err(ControlError::bad_request("windowMs: must be positive"));
    }
    sim.set_login_limit(body.max, body.window_ms);
    Ok(Json(json!({ "max": body.max, "windowMs": body.window_ms })))
}

#[derive(Deserialize)]
struct Password {
    password: String,
}

async fn change_password(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    ControlJson(body): ControlJson<Password>,
) -> Result<Json<Value>, ControlError> {
    if body.password.is_empty() {
        return Err(ControlError::bad_request("password: must not be empty"));
    }
    if !sim.change_password(&id, &body.password) {
        return Err(ControlError::not_found("no such account"));
    }
    Ok(Json(json!({ "changed": true })))
}

async fn login_count(State(sim): State<Simulator>, Path(id): Path<String>) -> Json<Value> {
    Json(json!({ "accountId": id, "logins": sim.login_count(&id) }))
}
