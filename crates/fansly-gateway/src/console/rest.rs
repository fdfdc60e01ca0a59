//! Console pages call the REST API in process: one request into the layered REST router (request
//! id, request log, limits, the account gate, validation), with the session's tenant in the
//! request's extensions where `auth::identify` would have put it for a key (a client cannot
//! set extensions). So whatever a page does, it is exactly the REST call it stands for.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use gateway_store::TenantId;
use serde_json::Value;
use tower::ServiceExt as _;

use super::Console;
use super::error::ConsoleError;
use crate::http::auth::Tenant;

const MAX_ANSWER_BYTES: usize = 16 * 1024 * 1024;

/// A REST answer: status, the envelope's message and its `data`.
pub struct Answer {
    pub status: StatusCode,
    pub message: String,
    pub data: Value,
}

impl Answer {
    /// `data` of a success; otherwise the status and message as the page's error.
    pub fn ok(self) -> Result<Value, ConsoleError> {
        if self.status.is_success() {
            Ok(self.data)
        } else {
            Err(ConsoleError::Rest {
                status: self.status,
                message: self.message,
            })
        }
    }
}

impl Console {
    /// `method /api/fansly{path_and_query}` as `tenant`, with an optional JSON body.
    pub async fn rest(
        &self,
        tenant: TenantId,
        method: Method,
        path_and_query: &str,
        body: Option<&Value>,
    ) -> Result<Answer, ConsoleError> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("/api/fansly{path_and_query}"));
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        let mut req = req
            .body(body)
            .map_err(|e| ConsoleError::BadRequest(format!("not a valid request: {e}")))?;
        req.extensions_mut().insert(Tenant(tenant));
        let res = match self.inner.rest.clone().oneshot(req).await {
            Ok(res) => res,
            Err(never) => match never {},
        };
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), MAX_ANSWER_BYTES)
            .await
            .map_err(|e| ConsoleError::Internal(format!("reading a REST answer: {e}")))?;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Answer {
            status,
            message: body
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_else(|| status.canonical_reason().unwrap_or("error"))
                .to_owned(),
            data: body.get("data").cloned().unwrap_or(Value::Null),
        })
    }

    pub async fn get(
        &self,
        tenant: TenantId,
        path_and_query: &str,
    ) -> Result<Answer, ConsoleError> {
        self.rest(tenant, Method::GET, path_and_query, None).await
    }

    pub async fn post(
        &self,
        tenant: TenantId,
        path: &str,
        body: &Value,
    ) -> Result<Answer, ConsoleError> {
        self.rest(tenant, Method::POST, path, Some(body)).await
    }
}

/// A path segment taken from a page's URL, percent-encoded for the REST path.
pub fn seg(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
