//! The control API under `/_sim/` (plain JSON, never the native envelope): seeding,
//! the e-mail outbox, the clock (and the TOTP code at its time), session expiry, faults and
//! the request log.
//! Errors are `{"error":"…"}` with a 4xx status.

mod content;
mod drivers;
mod media;
mod payouts;
mod sessions;
mod traffic;
mod world;
mod worlds;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::error::SimError;
use crate::json::parse_body;
use crate::sim::Simulator;

pub(crate) fn router() -> Router<Simulator> {
    Router::new()
        .merge(drivers::routes())
        .merge(content::routes())
        .merge(worlds::routes())
        .merge(payouts::routes())
        .merge(sessions::routes())
        .route("/_sim/creators", post(world::create_creator))
        .route("/_sim/media", post(media::create_media))
        .route("/_sim/outbox", get(world::outbox))
        .route("/_sim/clock", get(world::clock))
        .route("/_sim/clock/advance", post(world::advance_clock))
        .route("/_sim/totp/{secret}", get(world::totp_now))
        .route("/_sim/sessions/expire", post(world::expire_sessions))
        .route(
            "/_sim/faults",
            post(traffic::add_fault).delete(traffic::clear_faults),
        )
        .route(
            "/_sim/requests",
            get(traffic::requests).delete(traffic::clear_requests),
        )
}

/// A control API failure: `{"error": message}` with a 4xx status.
#[derive(Debug)]
pub(crate) struct ControlError {
    status: StatusCode,
    message: String,
}

impl ControlError {
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl ControlError {
    pub(crate) fn method_not_allowed() -> Self {
        Self {
            status: StatusCode::METHOD_NOT_ALLOWED,
            message: "method not allowed".into(),
        }
    }
}

impl From<SimError> for ControlError {
    fn from(error: SimError) -> Self {
        let status = match error {
            SimError::Invalid { .. } => StatusCode::BAD_REQUEST,
            SimError::Conflict(_) => StatusCode::CONFLICT,
        };
        Self {
            status,
            message: error.to_string(),
        }
    }
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

/// A JSON body for control routes; errors are 400s naming the field.
pub(crate) struct ControlJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ControlJson<T> {
    type Rejection = ControlError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ControlError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| ControlError::bad_request(e.body_text()))?;
        parse_body(&bytes)
            .map(Self)
            .map_err(ControlError::bad_request)
    }
}
