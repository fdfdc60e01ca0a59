//! Chat actions: H5/H6 mute and unmute, H7 hide, AL13 mark as read.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiJson, ApiResult, envelope};
use crate::media_access::text;
use crate::routes::messages::{
    id_value, items, object, proxied, set_ignore_flags, update_user_settings,
};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

use super::{ACK_READ, IGNORE_MUTE, MARK_READ_WINDOW};

/// H5.
pub(super) async fn mute(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    mute_flag(app, tenant, account_id, body, true).await
}

/// H6.
pub(super) async fn unmute(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    mute_flag(app, tenant, account_id, body, false).await
}

pub(super) async fn mute_flag(
    app: AppState,
    tenant: Tenant,
    account_id: String,
    body: Value,
    on: bool,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let body = object(body)?;
    let target = id_value(body.get("targetUserId"), "targetUserId")?.ok_or_else(|| {
        ApiError::bad_request("targetUserId is required (the fan's native account id)")
    })?;
    let native = set_ignore_flags(&app, tenant, &c, &target, |f| {
        if on {
            f | IGNORE_MUTE
        } else {
            f & !IGNORE_MUTE
        }
    })
    .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// H7.
pub(super) async fn hide(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, chat_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("chat_id", &chat_id)?;
    let native = update_user_settings(&app, tenant, &c, &chat_id, |s| {
        s.insert("hidden".into(), Value::Bool(true));
    })
    .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// AL13: marks one chat's unread messages read, or every chat when no `chatId` is given.
pub(super) async fn mark_as_read(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let body = object(body)?;
    let chat_id = id_value(body.get("chatId"), "chatId")?;
    let Some(chat_id) = chat_id else {
        let native = app
            .fansly
            .message_ack_all(&c.creds, ACK_READ)
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        return Ok(proxied(&app, tenant, &c, native).await);
    };
    let me = c.account.native_id.clone();
    let recent = app
        .fansly
        .messages(&c.creds, &chat_id, MARK_READ_WINDOW, None)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let ids: Vec<String> = items(recent.response(), "messages")
        .iter()
        .filter(|m| m.get("senderId").and_then(text).as_deref() != Some(me.as_str()))
        .filter(|m| unread_by(m, &me))
        .filter_map(|m| m.get("id").and_then(text))
        .collect();
    if ids.is_empty() {
        // Nothing to acknowledge: no native call, a gateway-built answer.
        app.touch(tenant, &c.account).await;
        return Ok(envelope::proxied(
            StatusCode::OK,
            recent.status,
            json!({ "success": true, "response": { "groupId": chat_id, "messageIds": [] } }),
        ));
    }
    let native = app
        .fansly
        .message_ack(&c.creds, &ids, ACK_READ)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// True when `me`'s interaction with the message has no `readAt`.
pub(super) fn unread_by(message: &Value, me: &str) -> bool {
    let mine: Option<&Map<String, Value>> = message
        .get("interactions")
        .and_then(Value::as_array)
        .and_then(|all| {
            all.iter()
                .find(|i| i.get("userId").and_then(text).as_deref() == Some(me))
        })
        .and_then(Value::as_object);
    match mine {
        Some(i) => match i.get("readAt") {
            None | Some(Value::Null) => true,
            Some(v) => v.as_i64() == Some(0),
        },
        // No interaction of ours listed: treat as unread (acking it again is harmless).
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unread_means_no_read_at_for_me() {
        let m = json!({"interactions": [{"userId": "1", "readAt": null}, {"userId": "2", "readAt": 5}]});
        assert!(unread_by(&m, "1"));
        assert!(!unread_by(&m, "2"));
        let zero = json!({"interactions": [{"userId": "1", "readAt": 0}]});
        assert!(unread_by(&zero, "1"));
    }
}
