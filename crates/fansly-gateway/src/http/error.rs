//! `ApiError`: the one error type at the HTTP boundary. Its single `IntoResponse` always
//! produces the gateway error envelope `{statusCode, message, error, data, timestamp}`.
//! Internal causes are logged with the request id; clients see only the stable message.

use axum::Json;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::envelope::timestamp;
use super::request_id;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Extra machine-readable detail (e.g. `{requires_2fa: true}`); `null` when absent.
    pub data: Option<Value>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The internal cause, logged but never sent.
    pub cause: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            data: None,
            headers: Vec::new(),
            cause: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn bad_gateway(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_GATEWAY, message)
    }

    /// 429 with `Retry-After` and `X-RateLimit-Retry-After` (whole seconds).
    pub fn too_many_requests(message: impl Into<String>, retry_after_secs: u64) -> Self {
        let v = HeaderValue::from(retry_after_secs);
        Self::new(StatusCode::TOO_MANY_REQUESTS, message)
            .with_header(header::RETRY_AFTER, v.clone())
            .with_header(HeaderName::from_static("x-ratelimit-retry-after"), v)
    }

    /// An opaque 500; `cause` goes to the log only.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "Internal server error (request id {})",
                request_id::current()
            ),
        );
        e.cause = Some(cause.to_string());
        e
    }

    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    pub fn with_cause(mut self, cause: impl std::fmt::Display) -> Self {
        self.cause = Some(cause.to_string());
        self
    }
}

impl From<gateway_store::StoreError> for ApiError {
    fn from(e: gateway_store::StoreError) -> Self {
        ApiError::internal(format!("store: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(status = self.status.as_u16(), message = %self.message, cause = self.cause.as_deref().unwrap_or(""), "request failed");
        } else if let Some(cause) = &self.cause {
            tracing::info!(status = self.status.as_u16(), message = %self.message, cause = %cause, "request rejected");
        }
        let body = json!({
            "statusCode": self.status.as_u16(),
            "message": self.message,
            "error": self.status.canonical_reason().unwrap_or("Error"),
            "data": self.data,
            "timestamp": timestamp(OffsetDateTime::now_utc()),
        });
        let mut res = (self.status, Json(body)).into_response();
        for (k, v) in self.headers {
            res.headers_mut().append(k, v);
        }
        res
    }
}

pub type ApiResult<T = Response> = Result<T, ApiError>;
