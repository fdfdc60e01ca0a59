//! Chat messages (route-map §1.4): M1 `GET /{a}/chats/{chat_id}/messages?cursor&limit` →
//! `GET /message` (+C[id], limit clamped to 1–10); M2 `POST /{a}/group` → `POST /group`;
//! M3 `POST /{a}/chats/{chat_id}/messages` → §0.7 media resolution (`GET /account/media`,
//! `GET /subscriptions/tiers` when needed, `POST /account/media` or
//! `POST /account/media/bundle`) then `POST /message` (201, never retried, `Idempotency-Key`);
//! M4 `POST /{a}/chats/typing` → `POST /message/typing`; M5 `POST /{a}/chats/{fan_id}/vip` →
//! `GET /ignore` + `POST /account/ignore` (flag 4); M6 `POST /{a}/chats/{chat_id}/readreceipts`
//! → `GET /group/{id}` + `POST /groups/users/settings`; M7 `DELETE /{a}/messages/{message_id}`
//! → `POST /message/delete`.
//!
//! The small request helpers at the bottom ([`object`], [`proxied`]…) are shared by the
//! other messaging route files.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post};
use fansly_client::NativeResponse;
use serde_json::{Map, Value, json};

use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::idempotency::{self, Scope};
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult, envelope};
use crate::media_access::{self, AttachmentForm, MediaSpec};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate;
use crate::validate::native_id;

/// M1 page size bounds (the catalogue documents 1–10).
pub const MESSAGES_MAX_LIMIT: u32 = 10;
/// The status send message answers with (route-map §0.3 **201**).
pub const SEND_STATUS: StatusCode = StatusCode::CREATED;
/// Longest message text accepted.
pub const MAX_CONTENT_CHARS: usize = 10_000;
/// Ignore flag 4 = VIP.
pub const IGNORE_VIP: u64 = 4;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/{account_id}/chats/{chat_id}/messages",
            get(list).post(send),
        )
        .route("/{account_id}/group", post(create_group))
        .route("/{account_id}/chats/typing", post(typing))
        .route("/{account_id}/chats/{chat_id}/vip", post(vip))
        .route(
            "/{account_id}/chats/{chat_id}/readreceipts",
            post(read_receipts),
        )
        .route("/{account_id}/messages/{message_id}", delete(remove))
}

/// M1.
async fn list(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, chat_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    native_id("chat_id", &chat_id)?;
    let cursor = page::parse_cursor(q.get("cursor"), CursorKind::Id)?;
    let limit = q.limit(MESSAGES_MAX_LIMIT, MESSAGES_MAX_LIMIT)?;
    let native = app
        .fansly
        .messages(&c.creds, &chat_id, limit, cursor.as_deref())
        .await
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

/// M2: `POST /group` with the body forwarded; defaults filled and the creator added.
async fn create_group(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let mut body = object(body)?;
    let creator = c.account.native_id.clone();
    let users = match body.remove("users") {
        Some(Value::Array(users)) if !users.is_empty() => users,
        None | Some(Value::Null) => {
            return Err(ApiError::bad_request(
                "users is required: an array of {userId, permissionFlags} naming the chat partner(s)",
            ));
        }
        Some(_) => {
            return Err(ApiError::bad_request(
                "users must be a non-empty array of {userId, permissionFlags}",
            ));
        }
    };
    let mut members = Vec::with_capacity(users.len() + 1);
    for (i, u) in users.into_iter().enumerate() {
        let Value::Object(mut u) = u else {
            return Err(ApiError::bad_request(format!(
                "users[{i}] must be an object {{userId, permissionFlags}}"
            )));
        };
        let id = id_value(u.get("userId"), &format!("users[{i}].userId"))?
            .ok_or_else(|| ApiError::bad_request(format!("users[{i}].userId is required")))?;
        u.insert("userId".into(), Value::String(id));
        u.entry("permissionFlags").or_insert(json!(0));
        members.push(Value::Object(u));
    }
    if !members
        .iter()
        .any(|u| u["userId"].as_str() == Some(creator.as_str()))
    {
        members.insert(0, json!({ "userId": creator, "permissionFlags": 0 }));
    }
    body.insert("users".into(), Value::Array(members));
    for (k, default) in [
        ("type", json!(1)),
        ("recipients", json!([])),
        ("lastMessage", Value::Null),
        ("userSettings", Value::Null),
    ] {
        if !body.contains_key(k) || (k == "type" && body[k].is_null()) {
            body.insert(k.into(), default);
        }
    }
    if !body["type"].is_i64() {
        return Err(ApiError::bad_request(
            "type must be an integer (1 = direct message)",
        ));
    }
    let native = app
        .fansly
        .group_create(&c.creds, Value::Object(body))
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// M3: resolves media and access (§0.7), then `POST /message`. HTTP 201.
async fn send(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, chat_id)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("chat_id", &chat_id)?;
    let fingerprint = idempotency::fingerprint(
        "POST",
        &format!("/{account_id}/chats/{chat_id}/messages"),
        &body,
    );
    let body = object(body)?;
    let content = content(&body, "content")?;
    let spec = MediaSpec::parse(&body)?;
    require_content_or_media(&content, &spec)?;
    idempotency::key_from(&headers)?;

    let work_app = app.clone();
    idempotency::run(
        &app,
        tenant,
        &headers,
        Scope::MESSAGE_SEND,
        fingerprint,
        async move {
            let app = work_app;
            let attachments =
                media_access::resolve(&app, tenant, &c, &spec, AttachmentForm::Message).await?;
            let native_body = json!({
                "type": 1,
                "attachments": attachments,
                "likes": [],
                "content": content,
                "groupId": chat_id,
                "scheduledFor": 0,
                "inReplyTo": null,
                "createdAt": now_secs(&app),
            });
            let native = app
                .fansly
                .message_send(&c.creds, native_body)
                .await
                .or_upstream(&app, tenant, &c.account.id)
                .await?;
            if native
                .response()
                .get("id")
                .and_then(media_access::text)
                .is_none()
            {
                return Err(ApiError::bad_gateway("Fansly sent a malformed response")
                    .with_cause("POST /message without response.id"));
            }
            app.touch(tenant, &c.account).await;
            Ok(envelope::proxied(SEND_STATUS, native.status, native.body))
        },
    )
    .await
}

/// M4: `POST /message/typing {groupId}`.
async fn typing(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let body = object(body)?;
    let chat_id = id_value(body.get("chatId"), "chatId")?
        .ok_or_else(|| ApiError::bad_request("chatId is required (the chat's group id)"))?;
    let native = app
        .fansly
        .message_typing(&c.creds, &chat_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// M5: adds ignore flag 4 (VIP) to the fan, keeping the other flags.
async fn vip(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, fan_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("fan_id", &fan_id)?;
    let native = set_ignore_flags(&app, tenant, &c, &fan_id, |f| f | IGNORE_VIP).await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// M6: `readReceiptsEnabled` in the creator's settings for the chat.
async fn read_receipts(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, chat_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("chat_id", &chat_id)?;
    let body = object(body)?;
    let enabled = match body.get("action").and_then(Value::as_str).map(str::trim) {
        Some(a) if a.eq_ignore_ascii_case("enable") => true,
        Some(a) if a.eq_ignore_ascii_case("disable") => false,
        _ => {
            return Err(ApiError::bad_request(
                "action is required: \"enable\" or \"disable\"",
            ));
        }
    };
    let native = update_user_settings(&app, tenant, &c, &chat_id, |s| {
        s.insert("readReceiptsEnabled".into(), Value::Bool(enabled));
    })
    .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// M7: `POST /message/delete {messageId, id}`.
async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, message_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("message_id", &message_id)?;
    let native = app
        .fansly
        .message_delete(&c.creds, &message_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

// ---- Shared helpers for the messaging routes ---------------------------------------------

/// Records the use and answers the native body unchanged (shape **P**, HTTP 200).
pub(crate) async fn proxied(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    native: NativeResponse,
) -> Response {
    app.touch(tenant, &c.account).await;
    envelope::proxied(StatusCode::OK, native.status, native.body)
}

/// Reads the current ignore flags the creator holds on `target` (`GET /ignore`), applies
/// `change`, and writes them (`POST /account/ignore`). Answers the write's native response.
pub(crate) async fn set_ignore_flags(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    target: &str,
    change: impl FnOnce(u64) -> u64,
) -> ApiResult<NativeResponse> {
    let current = app
        .fansly
        .ignore_list(&c.creds)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    let flags = ignore_flags_of(current.response(), target);
    app.fansly
        .account_ignore(&c.creds, target, change(flags))
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await
}

/// The flags of `target` in a `GET /ignore` response (`{ignoring:[{ignoredId, ignoreFlags}]}`,
/// or a bare array); 0 when absent.
pub(crate) fn ignore_flags_of(response: &Value, target: &str) -> u64 {
    ignore_rows(response)
        .iter()
        .find(|r| r.get("ignoredId").and_then(media_access::text).as_deref() == Some(target))
        .and_then(|r| r.get("ignoreFlags"))
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

/// The rows of a `GET /ignore` response.
pub(crate) fn ignore_rows(response: &Value) -> &[Value] {
    match response {
        Value::Array(a) => a,
        Value::Object(o) => o
            .get("ignoring")
            .or_else(|| o.get("ignores"))
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice),
        _ => &[],
    }
}

/// Reads the creator's settings for a chat (`GET /group/{id}`), applies `change`, and writes
/// them back whole (`POST /groups/users/settings`).
pub(crate) async fn update_user_settings(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    chat_id: &str,
    change: impl FnOnce(&mut Map<String, Value>),
) -> ApiResult<NativeResponse> {
    let group = app
        .fansly
        .group(&c.creds, chat_id)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    let mut settings = current_settings(group.response(), &c.account.native_id);
    change(&mut settings);
    app.fansly
        .group_user_settings(&c.creds, chat_id, Value::Object(settings))
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await
}

/// The viewer's `userSettings` of a group: the group's own `userSettings`, else the member
/// row of `me`, else empty.
fn current_settings(group: &Value, me: &str) -> Map<String, Value> {
    let group = group.get("group").unwrap_or(group);
    if let Some(Value::Object(s)) = group.get("userSettings") {
        return s.clone();
    }
    group
        .get("users")
        .and_then(Value::as_array)
        .and_then(|users| {
            users
                .iter()
                .find(|u| u.get("userId").and_then(media_access::text).as_deref() == Some(me))
        })
        .and_then(|u| u.get("userSettings"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// The array at `response[key]` (empty when absent).
pub(crate) fn items<'a>(response: &'a Value, key: &str) -> &'a [Value] {
    response
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A JSON body must be an object (an empty body reads as `{}`).
pub(crate) fn object(body: Value) -> ApiResult<Map<String, Value>> {
    match body {
        Value::Object(m) => Ok(m),
        _ => Err(ApiError::bad_request(
            "The request body must be a JSON object",
        )),
    }
}

/// An id field of a body: a digit string (or a bare integer); absent, null or "" → None.
pub(crate) fn id_value(v: Option<&Value>, field: &str) -> ApiResult<Option<String>> {
    let s = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) if validate::unsigned(n).is_some() => {
            validate::unsigned(n).unwrap_or_default().to_string()
        }
        Some(_) => {
            return Err(ApiError::bad_request(format!(
                "{field} must be an id string"
            )));
        }
    };
    native_id(field, &s)?;
    Ok(Some(s))
}

/// The message text: a string (absent or null = empty), at most [`MAX_CONTENT_CHARS`].
pub(crate) fn content(body: &Map<String, Value>, field: &str) -> ApiResult<String> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => {
            validate::max_len(field, s, MAX_CONTENT_CHARS)?;
            Ok(s.clone())
        }
        Some(_) => Err(ApiError::bad_request(format!("{field} must be a string"))),
    }
}

/// "Empty content without media" is a 400 (route-map M3).
pub(crate) fn require_content_or_media(content: &str, spec: &MediaSpec) -> ApiResult<()> {
    if content.trim().is_empty() && spec.media.is_empty() {
        return Err(ApiError::bad_request(
            "content must not be empty when no media is attached (send content, mediaIds or mediaId)",
        ));
    }
    Ok(())
}

/// The gateway's time in seconds with a millisecond fraction (message `createdAt`, §0.6).
pub(crate) fn now_secs(app: &AppState) -> f64 {
    #[allow(clippy::cast_precision_loss, reason = "ms timestamps fit f64 exactly")]
    let ms = app.clock.now_ms() as f64;
    ms / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_flags_are_read_from_either_shape() {
        let wrapped = json!({"ignoring": [{"ignoredId": "5", "ignoreFlags": 5}]});
        assert_eq!(ignore_flags_of(&wrapped, "5"), 5);
        assert_eq!(ignore_flags_of(&wrapped, "6"), 0);
        let bare = json!([{"ignoredId": "5", "ignoreFlags": 4}]);
        assert_eq!(ignore_flags_of(&bare, "5"), 4);
    }

    #[test]
    fn settings_come_from_the_group_or_the_member_row() {
        let g = json!({"userSettings": {"hidden": false, "customName": "x"}});
        assert_eq!(current_settings(&g, "1")["customName"], "x");
        let g = json!({"users": [{"userId": "1", "userSettings": {"hidden": true}}]});
        assert_eq!(current_settings(&g, "1")["hidden"], true);
        assert!(current_settings(&json!({}), "1").is_empty());
    }
}
