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
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use serde_json::{Map, Value, json};

use super::messages::{
    content, id_value, items, now_secs, object, proxied, require_content_or_media,
};
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::idempotency::{self, Scope};
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult, envelope};
use crate::media_access::{self, AttachmentForm, MediaSpec, text};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

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

/// The §0.8 audience of a broadcast group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audience {
    pub group_flags: u64,
    pub tier_id: Option<String>,
    pub include_lists: Vec<String>,
    pub exclude_lists: Vec<String>,
    pub exclude_users: Vec<String>,
}

/// Boolean audience fields and their `groupFlags` bits.
const AUDIENCE_BITS: [(&str, u64); 6] = [
    ("includeFollowers", 2),
    ("includeSubscribersAutoRenewOn", 4),
    ("includeSubscribersAutoRenewOff", 8),
    ("includeExpiredSubscribers", 16),
    ("excludeCreators", 32),
    ("excludeOfflineUsers", 64),
];
/// The include bits (followers and subscribers of every kind).
const INCLUDE_BITS: u64 = 2 | 4 | 8 | 16;

impl Audience {
    /// Reads the MM2 audience fields; no include bit and no include list → 400.
    pub fn parse(body: &Map<String, Value>) -> ApiResult<Self> {
        let mut a = Audience::default();
        for (field, bit) in AUDIENCE_BITS {
            match body.get(field) {
                None | Some(Value::Null) | Some(Value::Bool(false)) => {}
                Some(Value::Bool(true)) => a.group_flags |= bit,
                Some(_) => {
                    return Err(ApiError::bad_request(format!("{field} must be a boolean")));
                }
            }
        }
        a.tier_id = id_value(
            body.get("includeSubscriptionTierId"),
            "includeSubscriptionTierId",
        )?;
        a.include_lists = id_list(body, "includeListIds")?;
        a.exclude_lists = id_list(body, "excludeListIds")?;
        a.exclude_users = id_list(body, "excludeUserIds")?;
        a.require_recipients()?;
        Ok(a)
    }

    /// AL2's `filter`: `all` 14, `active` 12, `expired` 16, `renewing` 4.
    pub fn from_filter(filter: &str) -> ApiResult<Self> {
        let group_flags = match filter.trim().to_ascii_lowercase().as_str() {
            "all" => 2 | 4 | 8,
            "active" => 4 | 8,
            "expired" => 16,
            "renewing" => 4,
            other => {
                return Err(ApiError::bad_request(format!(
                    "filter must be one of all, active, expired, renewing (got `{other}`)"
                )));
            }
        };
        Ok(Audience {
            group_flags,
            ..Audience::default()
        })
    }

    fn require_recipients(&self) -> ApiResult<()> {
        if self.group_flags & INCLUDE_BITS == 0 && self.include_lists.is_empty() {
            return Err(ApiError::bad_request(
                "empty audience: set at least one of includeFollowers, includeSubscribersAutoRenewOn, includeSubscribersAutoRenewOff, includeExpiredSubscribers or includeListIds",
            ));
        }
        Ok(())
    }

    /// The `POST /group` body of the broadcast group (route-map MM2 step 2).
    pub fn group_body(&self, creator: &str) -> Value {
        let mut users = vec![json!({ "userId": creator, "permissionFlags": CREATOR_MEMBER_FLAGS })];
        users.extend(
            self.exclude_users
                .iter()
                .filter(|u| *u != creator)
                .map(|u| json!({ "userId": u, "permissionFlags": 0 })),
        );
        let mut recipients: Vec<Value> = self
            .include_lists
            .iter()
            .map(|l| json!({ "recipientId": l, "type": INCLUDE_LIST }))
            .collect();
        recipients.extend(
            self.exclude_lists
                .iter()
                .map(|l| json!({ "recipientId": l, "type": EXCLUDE_LIST })),
        );
        let metadata = match &self.tier_id {
            Some(tier) => {
                json!({ "4": json!({ "subscriptionTierId": tier }).to_string() }).to_string()
            }
            None => String::new(),
        };
        json!({
            "type": GROUP_BROADCAST,
            "users": users,
            "recipients": recipients,
            "lastMessage": null,
            "userSettings": null,
            "groupFlags": self.group_flags,
            "groupFlagsMetadata": metadata,
        })
    }
}

fn id_list(body: &Map<String, Value>, field: &str) -> ApiResult<Vec<String>> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, v) in items.iter().enumerate() {
                let id = id_value(Some(v), &format!("{field}[{i}]"))?.ok_or_else(|| {
                    ApiError::bad_request(format!("{field}[{i}] must be an id string"))
                })?;
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            Ok(out)
        }
        Some(_) => Err(ApiError::bad_request(format!(
            "{field} must be an array of id strings"
        ))),
    }
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

/// MM1.
async fn scheduled(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .broadcast_scheduled(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// MM3: fields left out keep their stored values.
async fn edit(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, broadcast_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("scheduled_message_id", &broadcast_id)?;
    let body = object(body)?;
    let mut edit = Map::new();
    if body.get("content").is_some_and(|v| !v.is_null()) {
        edit.insert("content".into(), Value::String(content(&body, "content")?));
    }
    if body.get("scheduledFor").is_some_and(|v| !v.is_null()) {
        let at = scheduled_for(&body, app.clock.now_ms())?;
        if at == 0 {
            return Err(ApiError::bad_request(
                "scheduledFor must be a future Unix time in milliseconds",
            ));
        }
        edit.insert("scheduledFor".into(), Value::from(at));
    }
    let media_given = ["mediaIds", "mediaId"]
        .iter()
        .any(|k| body.get(*k).is_some_and(|v| !v.is_null()));
    let spec = MediaSpec::parse(&body)?;
    if edit.is_empty() && !media_given {
        return Err(ApiError::bad_request(
            "Nothing to update: send content, scheduledFor and/or mediaIds",
        ));
    }
    if media_given {
        let attachments =
            media_access::resolve(&app, tenant, &c, &spec, AttachmentForm::Message).await?;
        edit.insert("attachments".into(), Value::Array(attachments));
    }
    let native = app
        .fansly
        .broadcast_scheduled_edit(&c.creds, &broadcast_id, Value::Object(edit))
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// MM4.
async fn stats_sent(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    stats(app, tenant, account_id, raw, false).await
}

/// MM5.
async fn stats_deleted(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    stats(app, tenant, account_id, raw, true).await
}

async fn stats(
    app: AppState,
    tenant: Tenant,
    account_id: String,
    raw: Option<String>,
    deleted: bool,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let cursor = page::parse_cursor(q.get("cursor"), CursorKind::Id)?;
    let limit = q.limit(STATS_DEFAULT_LIMIT, STATS_MAX_LIMIT)?;
    let native = if deleted {
        app.fansly
            .broadcast_stats_deleted(&c.creds, cursor.as_deref(), limit)
            .await
    } else {
        app.fansly
            .broadcast_stats(&c.creds, cursor.as_deref(), limit)
            .await
    }
    .or_upstream(&app, tenant, &account_id)
    .await?;
    let next = page::next_from_last(items(native.response(), "messages"), limit as usize, "id");
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        native.status,
        native.body,
        next,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audience(v: Value) -> ApiResult<Audience> {
        Audience::parse(v.as_object().unwrap())
    }

    #[test]
    fn audience_fields_become_group_flags_and_recipients() {
        let a = audience(json!({
            "includeFollowers": true, "includeSubscribersAutoRenewOn": true,
            "excludeCreators": true, "excludeOfflineUsers": false,
            "includeSubscriptionTierId": "9",
            "includeListIds": ["1"], "excludeListIds": ["2"], "excludeUserIds": ["3", "3"],
        }))
        .unwrap();
        assert_eq!(a.group_flags, 2 | 4 | 32);
        let g = a.group_body("100");
        assert_eq!(g["type"], 3);
        assert_eq!(g["groupFlags"], 38);
        assert_eq!(
            g["groupFlagsMetadata"],
            "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"9\\\"}\"}"
        );
        assert_eq!(
            g["users"],
            json!([{"userId": "100", "permissionFlags": 65535}, {"userId": "3", "permissionFlags": 0}])
        );
        assert_eq!(
            g["recipients"],
            json!([{"recipientId": "1", "type": 30000}, {"recipientId": "2", "type": 30001}])
        );
    }

    #[test]
    fn an_empty_audience_is_refused() {
        let m = audience(json!({"excludeCreators": true}))
            .unwrap_err()
            .message;
        assert!(m.contains("empty audience"), "{m}");
        assert!(audience(json!({"includeListIds": ["5"]})).is_ok());
        assert!(
            audience(json!({"includeFollowers": "yes"}))
                .unwrap_err()
                .message
                .contains("boolean")
        );
        assert!(audience(json!({"includeFollowers": true, "excludeUserIds": "1"})).is_err());
        assert_eq!(
            audience(json!({"includeExpiredSubscribers": true}))
                .unwrap()
                .group_body("1")["groupFlagsMetadata"],
            ""
        );
    }

    #[test]
    fn alias_filters() {
        assert_eq!(Audience::from_filter("all").unwrap().group_flags, 14);
        assert_eq!(Audience::from_filter("active").unwrap().group_flags, 12);
        assert_eq!(Audience::from_filter("expired").unwrap().group_flags, 16);
        assert_eq!(Audience::from_filter("renewing").unwrap().group_flags, 4);
        assert!(Audience::from_filter("vip").is_err());
    }

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
