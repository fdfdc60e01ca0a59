//! Fansly's native response envelope: `{"success":true,"response":…}` on success and
//! `{"success":false,"error":{"code","details"}}` with an HTTP status on failure.
//!
//! Error codes 1 (invalid credentials) and 3 (error verifying session) follow the spec; the
//! others are simulator choices: 2 = malformed request, 4 = invalid client check, and the
//! HTTP status itself for 401, 404, 413, 429 and injected faults.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

use crate::world::Rejection;

/// A success envelope around `response`.
pub(crate) fn ok<T: Serialize>(response: T) -> Response {
    #[derive(Serialize)]
    struct Success<T> {
        success: bool,
        response: T,
    }
    Json(Success {
        success: true,
        response,
    })
    .into_response()
}

/// A native failure: status, `error.code`, `error.details` and an optional `Retry-After`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NativeError {
    pub status: StatusCode,
    pub code: i64,
    pub details: String,
    pub retry_after: Option<u64>,
}

impl NativeError {
    pub(crate) fn new(status: StatusCode, code: i64, details: impl Into<String>) -> Self {
        Self {
            status,
            code,
            details: details.into(),
            retry_after: None,
        }
    }

    /// 401: missing, unknown or dead session token.
    pub(crate) fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 401, "unauthorized")
    }

    /// 401 code 1: `POST /login` with wrong credentials.
    pub(crate) fn invalid_credentials() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 1, "invalid credentials")
    }

    /// 400 code 3: any failed 2FA verification.
    pub(crate) fn verify_failed() -> Self {
        Self::new(StatusCode::BAD_REQUEST, 3, "error verifying session")
    }

    /// 400 code 2: a body or query the simulator cannot use.
    pub(crate) fn bad_request(details: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 2, details)
    }

    /// 400 code 4: strict mode and a wrong or missing `fansly-client-check`.
    pub(crate) fn invalid_client_check() -> Self {
        Self::new(StatusCode::BAD_REQUEST, 4, "invalid client check")
    }

    pub(crate) fn not_found(details: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, 404, details)
    }

    pub(crate) fn too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            413,
            "Request Entity Too Large",
        )
    }

    pub(crate) fn rate_limited(retry_after_secs: u64) -> Self {
        Self {
            retry_after: Some(retry_after_secs),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, 429, "too many requests")
        }
    }
}

impl From<Rejection> for NativeError {
    fn from(rejection: Rejection) -> Self {
        match rejection {
            Rejection::InvalidCredentials => Self::invalid_credentials(),
            Rejection::VerifyFailed => Self::verify_failed(),
            Rejection::Unauthorized => Self::unauthorized(),
            Rejection::NotFound(what) => Self::not_found(what),
            Rejection::RateLimited { retry_after_secs } => Self::rate_limited(retry_after_secs),
            Rejection::BadRequest(details) => Self::bad_request(details),
            Rejection::NotPermitted => Self::new(StatusCode::BAD_REQUEST, 99, "DM not permitted"),
            Rejection::Forbidden => Self::new(StatusCode::FORBIDDEN, 403, "forbidden"),
        }
    }
}

impl IntoResponse for NativeError {
    fn into_response(self) -> Response {
        let body = json!({
            "success": false,
            "error": { "code": self.code, "details": self.details },
        });
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
