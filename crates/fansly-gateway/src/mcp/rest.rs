//! Tools call the REST API in process: one request into the gateway's own router (every layer:
//! request id, key identification, request log, limits), carrying the caller's key, so a tool
//! call is exactly the REST call it stands for.

use axum::Router;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{Method, Request};
use rmcp::ErrorData as McpError;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tower::ServiceExt as _;

use super::{Caller, McpTool};

/// The most a REST answer may weigh before a tool gives up reading it.
const MAX_ANSWER_BYTES: usize = 16 * 1024 * 1024;

/// A REST answer that was not a success, as the tool reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestError {
    pub status: u16,
    /// The envelope's `message` (the same words a REST client reads).
    pub message: String,
}

/// The REST API as one tool call sees it.
pub struct Rest {
    router: Router,
    key: SecretString,
    request_id: Option<axum::http::HeaderValue>,
    tool: &'static str,
}

impl Rest {
    /// For the tool (or resource) `tool`, from the `/mcp` request's parts, where
    /// `auth::require_key` left the [`Caller`].
    pub fn new(router: Router, parts: &Parts, tool: &'static str) -> Result<Self, McpError> {
        let caller = parts.extensions.get::<Caller>().ok_or_else(|| {
            McpError::internal_error("the MCP request carries no authenticated caller", None)
        })?;
        Ok(Self {
            router,
            key: caller.key.clone(),
            request_id: parts.headers.get("x-request-id").cloned(),
            tool,
        })
    }

    /// `GET /api/fansly{path}?{query}` → the envelope's `data`.
    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, RestError> {
        let mut uri = format!("/api/fansly{path}");
        if !query.is_empty() {
            let mut q = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in query {
                q.append_pair(k, v);
            }
            uri.push('?');
            uri.push_str(&q.finish());
        }
        self.send(Method::GET, uri, None, None).await
    }

    /// `POST /api/fansly{path}` with a JSON body (and an `Idempotency-Key`) → `data`.
    pub async fn post(
        &self,
        path: &str,
        body: &Value,
        idempotency_key: Option<&str>,
    ) -> Result<Value, RestError> {
        self.send(
            Method::POST,
            format!("/api/fansly{path}"),
            Some(body),
            idempotency_key,
        )
        .await
    }

    async fn send(
        &self,
        method: Method,
        uri: String,
        body: Option<&Value>,
        idempotency_key: Option<&str>,
    ) -> Result<Value, RestError> {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header("x-api-key", self.key.expose_secret());
        if let Some(id) = &self.request_id {
            req = req.header("x-request-id", id.clone());
        }
        if let Some(k) = idempotency_key {
            req = req.header("idempotency-key", k);
        }
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        let mut req = req.body(body).map_err(|e| RestError {
            status: 400,
            message: format!("the tool's arguments do not make a valid request: {e}"),
        })?;
        req.extensions_mut().insert(McpTool(self.tool));
        let res = match self.router.clone().oneshot(req).await {
            Ok(res) => res,
            Err(never) => match never {},
        };
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), MAX_ANSWER_BYTES)
            .await
            .map_err(|e| RestError {
                status: 502,
                message: format!("reading the gateway's answer failed: {e}"),
            })?;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status.is_success() {
            Ok(body.get("data").cloned().unwrap_or(Value::Null))
        } else {
            Err(RestError {
                status: status.as_u16(),
                message: body
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| status.canonical_reason().unwrap_or("error"))
                    .to_owned(),
            })
        }
    }
}
