//! Message likes (route-map §1.7, §2 AL9): L1 `POST /{a}/messages/like {messageId, type}` →
//! `POST /message/like` (guess); L2 `POST /{a}/messages/unlike {messageId, type}` →
//! `POST /message/like/remove` (guess); AL9 `POST /{a}/chats/{chat_id}/messages/{message_id}/like`
//! (no body) → as L1 with `type` 1 (the chat id is not sent: the message id is enough).
//! `type` is the reaction code 1 ❤️ … 7 👎, default 1.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use serde_json::Value;

use super::messages::{id_value, object, proxied};
use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

/// Reaction codes.
pub const MIN_TYPE: i64 = 1;
pub const MAX_TYPE: i64 = 7;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/messages/like", post(like))
        .route("/{account_id}/messages/unlike", post(unlike))
        .route(
            "/{account_id}/chats/{chat_id}/messages/{message_id}/like",
            post(like_alias),
        )
}

/// `{messageId, type}` of L1/L2.
fn parse(body: Value) -> ApiResult<(String, u8)> {
    let body = object(body)?;
    let id = id_value(body.get("messageId"), "messageId")?
        .ok_or_else(|| ApiError::bad_request("messageId is required (a message id string)"))?;
    let kind = match body.get("type") {
        None | Some(Value::Null) => MIN_TYPE,
        Some(v) => v
            .as_number()
            .and_then(crate::validate::integral)
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            .filter(|t| (MIN_TYPE..=MAX_TYPE).contains(t))
            .ok_or_else(|| {
                ApiError::bad_request("type must be an integer reaction code from 1 to 7")
            })?,
    };
    Ok((id, u8::try_from(kind).unwrap_or(1)))
}

/// L1.
async fn like(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let (message_id, kind) = parse(body)?;
    let native = app
        .fansly
        .message_like(&c.creds, &message_id, kind)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// L2.
async fn unlike(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let (message_id, kind) = parse(body)?;
    let native = app
        .fansly
        .message_like_remove(&c.creds, &message_id, kind)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// AL9.
async fn like_alias(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, chat_id, message_id)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("chat_id", &chat_id)?;
    native_id("message_id", &message_id)?;
    let native = app
        .fansly
        .message_like(&c.creds, &message_id, 1)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}
