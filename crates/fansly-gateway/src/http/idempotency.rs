//! `Idempotency-Key` for sends that must not happen twice (send message, mass message, and
//! post creation later). Reusable by any handler:
//!
//! ```text
//! idempotency::run(&app, tenant, &headers, Scope::MESSAGE_SEND, &fingerprint, async move {
//!     /* the upstream send; returns ApiResult<Response> */
//! }).await
//! ```
//!
//! - No header: the work just runs.
//! - A key is scoped by tenant + route scope. The first request claims it (stored by
//!   `Store::claim_idempotency_key`, 24 h); the same key with the same request (method, path
//!   and canonical JSON body) within 24 h gets the first response again — status and `data`
//!   unchanged, a fresh `timestamp`, header `Idempotent-Replayed: true` — with no upstream call.
//! - The same key with a different request → 409. The same request while the first is still
//!   running → 409 saying so.
//! - Which outcomes are kept: a success, and any 5xx / timeout (Fansly may have accepted a send
//!   that looked failed, so repeating it is not safe — the client must choose a new key). A 4xx
//!   (nothing was sent: validation, Fansly's refusal, rate limiting, a dead session) releases
//!   the key, so the same request can be tried again with it.
//! - The work runs in its own task, so a client that disconnects mid-send does not leave the
//!   key pending: the outcome is still recorded.

use std::future::Future;

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gateway_store::{
    IDEMPOTENCY_TTL_MS, IdempotencyClaim, IdempotencyClaimRequest, StoredResponse,
};
use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::auth::Tenant;
use super::envelope;
use super::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// Set to `true` on a replayed response.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// Longest accepted key.
pub const MAX_KEY_LEN: usize = 255;
/// Largest response body kept for replay.
const MAX_STORED_BODY: usize = 4 * 1024 * 1024;

/// The route a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope(pub &'static str);

impl Scope {
    pub const MESSAGE_SEND: Scope = Scope("messages.send");
    pub const MASS_MESSAGE: Scope = Scope("mass-messaging.send");
    pub const MASS_MESSAGE_ALIAS: Scope = Scope("messages.mass");
}

/// The client's `Idempotency-Key`, if any: 1–255 visible ASCII characters, else 400.
pub fn key_from(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(raw) = headers.get(HEADER) else {
        return Ok(None);
    };
    let key = raw
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| {
            !k.is_empty() && k.len() <= MAX_KEY_LEN && k.bytes().all(|b| b.is_ascii_graphic())
        })
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "Idempotency-Key must be 1–{MAX_KEY_LEN} visible ASCII characters"
            ))
        })?;
    Ok(Some(key.to_owned()))
}

/// The digest a key is bound to: method, path and the JSON body with object keys sorted (so
/// key order and whitespace do not matter).
pub fn fingerprint(method: &str, path: &str, body: &Value) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(canonical(body).as_bytes());
    h.finalize().into()
}

fn canonical(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&map[k])))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}

/// Runs `work` at most once per `(tenant, scope, Idempotency-Key)` (see the module doc).
pub async fn run<F>(
    app: &AppState,
    tenant: Tenant,
    headers: &HeaderMap,
    scope: Scope,
    fingerprint: [u8; 32],
    work: F,
) -> ApiResult<Response>
where
    F: Future<Output = ApiResult<Response>> + Send + 'static,
{
    let Some(key) = key_from(headers)? else {
        return work.await;
    };
    let now = app.clock.now_ms();
    let claim = app
        .store
        .claim_idempotency_key(
            tenant.0,
            &IdempotencyClaimRequest {
                scope: scope.0,
                key: &key,
                fingerprint,
                now,
                expires_at: now + IDEMPOTENCY_TTL_MS,
            },
        )
        .await?;
    match claim {
        IdempotencyClaim::Claimed => {}
        IdempotencyClaim::Completed(stored) => return Ok(replay(&stored)),
        IdempotencyClaim::InFlight { since } => {
            let secs = (now - since).max(0) / 1000;
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!(
                    "A request with this Idempotency-Key is still in flight (started {secs} s ago); retry after it finishes to get its result"
                ),
            ));
        }
        IdempotencyClaim::Mismatch => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "This Idempotency-Key was already used with a different request in the last 24 hours; use a new key for a new request",
            ));
        }
    }

    let response = match tokio::spawn(work).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => e.into_response(),
        Err(join) => ApiError::internal(format!("idempotent work failed: {join}")).into_response(),
    };
    let status = response.status();
    if status.is_client_error() {
        if let Err(e) = app
            .store
            .release_idempotency_key(tenant.0, scope.0, &key)
            .await
        {
            tracing::error!(error = %e, "could not release an idempotency key");
        }
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_STORED_BODY).await {
        Ok(b) => b,
        Err(e) => {
            return Err(ApiError::internal(format!(
                "reading an idempotent response: {e}"
            )));
        }
    };
    let stored = StoredResponse {
        status: status.as_u16(),
        body: bytes.to_vec(),
    };
    if let Err(e) = app
        .store
        .complete_idempotency_key(tenant.0, scope.0, &key, &stored)
        .await
    {
        // The send happened; failing the request now would invite a repeat. Log and answer.
        tracing::error!(error = %e, "could not record an idempotent response");
    }
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

/// The stored response again, with a fresh `timestamp`.
fn replay(stored: &StoredResponse) -> Response {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let body = match serde_json::from_slice::<Value>(&stored.body) {
        Ok(Value::Object(mut map)) => {
            map.insert(
                "timestamp".to_owned(),
                Value::String(envelope::timestamp(OffsetDateTime::now_utc())),
            );
            serde_json::to_vec(&Value::Object(map)).unwrap_or_else(|_| stored.body.clone())
        }
        _ => stored.body.clone(),
    };
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res.headers_mut().insert(
        HeaderName::from_static(REPLAYED_HEADER),
        HeaderValue::from_static("true"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fingerprints_ignore_key_order_but_not_values() {
        let a = fingerprint(
            "POST",
            "/x",
            &json!({"a": 1, "b": {"c": [1, 2], "d": null}}),
        );
        let b = fingerprint(
            "POST",
            "/x",
            &json!({"b": {"d": null, "c": [1, 2]}, "a": 1}),
        );
        assert_eq!(a, b);
        assert_ne!(
            a,
            fingerprint(
                "POST",
                "/x",
                &json!({"a": 2, "b": {"c": [1, 2], "d": null}})
            )
        );
        assert_ne!(
            a,
            fingerprint(
                "POST",
                "/y",
                &json!({"a": 1, "b": {"c": [1, 2], "d": null}})
            )
        );
        assert_ne!(
            fingerprint("POST", "/x", &json!({"a": [1, 2]})),
            fingerprint("POST", "/x", &json!({"a": [2, 1]}))
        );
    }

    #[test]
    fn keys_are_checked() {
        let mut h = HeaderMap::new();
        assert_eq!(key_from(&h).unwrap(), None);
        h.insert(HEADER, HeaderValue::from_static("abc-123"));
        assert_eq!(key_from(&h).unwrap().as_deref(), Some("abc-123"));
        h.insert(HEADER, HeaderValue::from_static(""));
        assert!(key_from(&h).is_err());
        h.insert(HEADER, HeaderValue::from_str(&"x".repeat(256)).unwrap());
        assert!(key_from(&h).is_err());
        h.insert(HEADER, HeaderValue::from_static("a b"));
        assert!(key_from(&h).is_err());
    }

    #[test]
    fn a_replay_keeps_status_and_data_with_a_new_timestamp() {
        let stored = StoredResponse {
            status: 201,
            body: serde_json::to_vec(
                &json!({"statusCode": 201, "data": {"x": 1}, "timestamp": "old"}),
            )
            .unwrap(),
        };
        let res = replay(&stored);
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(res.headers()[REPLAYED_HEADER], "true");
    }
}
