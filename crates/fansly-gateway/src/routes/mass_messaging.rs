//! Mass messaging (route-map §1.5, §0.8, §2 AL2): MM1 `GET /{a}/mass-messaging/scheduled` →
//! `GET /message/broadcast/scheduled`; MM2 `POST /{a}/mass-messaging` → §0.7 media resolution,
//! then `POST /group` (type 3, the §0.8 audience) and `POST /message/broadcast` (both never
//! retried; `Idempotency-Key`; a scheduled send first counts the pending ones with
//! `GET /message/broadcast/scheduled`); MM3 `PUT /{a}/mass-messaging/scheduled/{id}` → media
//! resolution when media is given, then `POST /message/broadcast/scheduled/{id}/edit` (guess);
//! MM4/MM5 `GET /{a}/mass-messaging/stats/sent|deleted` → `GET /message/broadcast/stats[/deleted]`
//! (+C[id]); AL2 `POST /{a}/messages/mass {content, mediaIds, price, filter}` → as MM2, then
//! `GET /message/broadcast/stats?before=0&limit=1` for the flat `data.sent`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use serde_json::{Map, Value, json};

use super::messages::{content, items, now_secs, object, proxied, require_content_or_media};
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::idempotency::{self, Scope};
use crate::http::{ApiError, ApiJson, ApiResult, envelope};
use crate::media_access::{self, AttachmentForm, MediaSpec, text};
use crate::state::AppState;
use crate::upstream::OrUpstream;

/// `scheduledFor` may lie at most this far ahead (180 days).
pub const MAX_SCHEDULE_AHEAD_MS: i64 = 180 * 24 * 60 * 60 * 1000;
/// Pending scheduled broadcasts a creator may hold.
pub const MAX_PENDING_SCHEDULED: usize = 100;
/// Stats page size: default and maximum.
pub const STATS_DEFAULT_LIMIT: u32 = 24;
pub const STATS_MAX_LIMIT: u32 = 50;
/// The creator's own member row in a broadcast group.
const CREATOR_MEMBER_FLAGS: u64 = 65535;
/// Broadcast group type.
const GROUP_BROADCAST: i64 = 3;
/// Recipient types of include / exclude lists.
const INCLUDE_LIST: i64 = 30000;
const EXCLUDE_LIST: i64 = 30001;

mod audience;
mod manage;

pub use audience::Audience;
use manage::{edit, scheduled, stats_deleted, stats_sent};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/mass-messaging", post(send))
        .route("/{account_id}/mass-messaging/scheduled", get(scheduled))
        .route(
            "/{account_id}/mass-messaging/scheduled/{broadcast_id}",
            put(edit),
        )
        .route("/{account_id}/mass-messaging/stats/sent", get(stats_sent))
        .route(
            "/{account_id}/mass-messaging/stats/deleted",
            get(stats_deleted),
        )
        .route("/{account_id}/messages/mass", post(send_alias))
}
/// `scheduledFor` (Unix ms): absent, null or 0 = now; more than 180 days ahead → 400.
fn scheduled_for(body: &Map<String, Value>, now: i64) -> ApiResult<i64> {
    let at = match body.get("scheduledFor") {
        None | Some(Value::Null) => 0,
        Some(Value::Number(n)) if n.as_i64().is_some_and(|v| v >= 0) => n.as_i64().unwrap_or(0),
        Some(_) => {
            return Err(ApiError::bad_request(
                "scheduledFor must be a Unix time in milliseconds (a non-negative integer; 0 = now)",
            ));
        }
    };
    if at > now + MAX_SCHEDULE_AHEAD_MS {
        return Err(ApiError::bad_request(
            "scheduledFor must be at most 180 days ahead",
        ));
    }
    Ok(at)
}

/// A validated mass message, ready to send.
struct Broadcast {
    content: String,
    spec: MediaSpec,
    audience: Audience,
    scheduled_for: i64,
}

/// MM2 steps 1–3 (plus the pending-schedule check). Answers the `POST /message/broadcast`
/// native response.
async fn broadcast(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    b: &Broadcast,
) -> ApiResult<fansly_client::NativeResponse> {
    let account_id = c.account.id.as_str();
    if b.scheduled_for > app.clock.now_ms() {
        let pending = app
            .fansly
            .broadcast_scheduled(&c.creds)
            .await
            .or_upstream(app, tenant, account_id)
            .await?;
        let count = items(pending.response(), "scheduledBroadcastMessages")
            .iter()
            .filter(|m| {
                m.get("status")
                    .and_then(Value::as_i64)
                    .is_none_or(|s| s == 1)
            })
            .count();
        if count >= MAX_PENDING_SCHEDULED {
            return Err(ApiError::bad_request(format!(
                "This account already has {MAX_PENDING_SCHEDULED} scheduled mass messages; cancel or send one first"
            )));
        }
    }
    let attachments =
        media_access::resolve(app, tenant, c, &b.spec, AttachmentForm::Message).await?;
    let group = app
        .fansly
        .group_create(&c.creds, b.audience.group_body(&c.account.native_id))
        .await
        .or_upstream(app, tenant, account_id)
        .await?;
    let group_id = id_of(group.response()).ok_or_else(|| {
        ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("POST /group without a group id")
    })?;
    let body = json!({
        "type": 1,
        "attachments": attachments,
        "likes": [],
        "content": b.content,
        "groupId": group_id,
        "scheduledFor": b.scheduled_for,
        "inReplyTo": null,
        "createdAt": now_secs(app),
    });
    app.fansly
        .broadcast_send(&c.creds, body)
        .await
        .or_upstream(app, tenant, account_id)
        .await
}

/// `id` of a native object, or of its `group` / `message` member.
fn id_of(v: &Value) -> Option<String> {
    v.get("id")
        .or_else(|| v.pointer("/group/id"))
        .or_else(|| v.pointer("/message/id"))
        .and_then(text)
}

/// MM2.
async fn send(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let fingerprint =
        idempotency::fingerprint("POST", &format!("/{account_id}/mass-messaging"), &body);
    let body = object(body)?;
    let b = Broadcast {
        content: content(&body, "content")?,
        spec: MediaSpec::parse(&body)?,
        audience: Audience::parse(&body)?,
        scheduled_for: scheduled_for(&body, app.clock.now_ms())?,
    };
    require_content_or_media(&b.content, &b.spec)?;
    idempotency::key_from(&headers)?;
    let work_app = app.clone();
    idempotency::run(
        &app,
        tenant,
        &headers,
        Scope::MASS_MESSAGE,
        fingerprint,
        async move {
            let app = work_app;
            let native = broadcast(&app, tenant, &c, &b).await?;
            Ok(proxied(&app, tenant, &c, native).await)
        },
    )
    .await
}

/// AL2: `filter` picks the audience (default `all`); `price` > 0 sells the media (PPV).
async fn send_alias(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let fingerprint =
        idempotency::fingerprint("POST", &format!("/{account_id}/messages/mass"), &body);
    let mut body = object(body)?;
    let has_audience_fields = body
        .keys()
        .any(|k| k.starts_with("include") || k.starts_with("exclude"));
    let audience = match body.get("filter") {
        Some(Value::String(f)) if !f.trim().is_empty() => Audience::from_filter(f)?,
        None | Some(Value::Null) | Some(Value::String(_)) if has_audience_fields => {
            Audience::parse(&body)?
        }
        None | Some(Value::Null) | Some(Value::String(_)) => Audience::from_filter("all")?,
        Some(_) => {
            return Err(ApiError::bad_request(
                "filter must be a string: all, active, expired or renewing",
            ));
        }
    };
    // `price` > 0 means PPV here, unless the caller spelled out its own access rules.
    let explicit_access = ["access_type", "accessType", "permissions"]
        .iter()
        .any(|k| body.get(*k).is_some_and(|v| !v.is_null()));
    if !explicit_access {
        match body.get("price") {
            Some(Value::Number(n)) if n.as_f64().is_some_and(|p| p > 0.0) => {
                body.insert("access_type".into(), json!("ppv"));
            }
            Some(Value::Number(n)) if n.as_f64() == Some(0.0) => {
                body.remove("price");
            }
            _ => {}
        }
    }
    let b = Broadcast {
        content: content(&body, "content")?,
        spec: MediaSpec::parse(&body)?,
        audience,
        scheduled_for: scheduled_for(&body, app.clock.now_ms())?,
    };
    require_content_or_media(&b.content, &b.spec)?;
    idempotency::key_from(&headers)?;
    let work_app = app.clone();
    idempotency::run(
        &app,
        tenant,
        &headers,
        Scope::MASS_MESSAGE_ALIAS,
        fingerprint,
        async move {
            let app = work_app;
            let native = broadcast(&app, tenant, &c, &b).await?;
            let sent = if b.scheduled_for > app.clock.now_ms() {
                0
            } else {
                sent_count(&app, &c, native.response()).await
            };
            app.touch(tenant, &c.account).await;
            Ok(envelope::ok(
                StatusCode::OK,
                "Success",
                json!({
                    "status_code": native.status,
                    "data": native.body,
                    "success": true,
                    "sent": sent,
                    "failed": 0,
                }),
            ))
        },
    )
    .await
}

/// `stats.total` of the new broadcast from the newest stats row; 0 when it is not there. A
/// failure here does not fail the (already sent) request.
async fn sent_count(app: &AppState, c: &Connected, broadcast: &Value) -> u64 {
    let Some(id) = id_of(broadcast) else {
        return 0;
    };
    match app.fansly.broadcast_stats(&c.creds, None, 1).await {
        Ok(stats) => items(stats.response(), "messages")
            .iter()
            .find(|m| m.get("id").and_then(text).as_deref() == Some(id.as_str()))
            .and_then(|m| m.pointer("/stats/total"))
            .and_then(Value::as_u64)
            .unwrap_or(0),
        Err(e) => {
            tracing::warn!(error = %e, "could not read the new broadcast's stats");
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn schedule_bounds() {
        let now = 1_000;
        let m = |v: Value| scheduled_for(v.as_object().unwrap(), now);
        assert_eq!(m(json!({})).unwrap(), 0);
        assert_eq!(m(json!({"scheduledFor": 5000})).unwrap(), 5000);
        assert!(m(json!({"scheduledFor": now + MAX_SCHEDULE_AHEAD_MS + 1})).is_err());
        assert!(m(json!({"scheduledFor": "tomorrow"})).is_err());
    }
}
