//! A3 `GET /search/{username}` (route-map §1.1) → `GET /account?usernames=<username>`, through
//! the key's most recently used active account (§0.9). An empty answer is a 404.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::Value;

use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;

/// Longest username accepted (Fansly's own limit is lower).
pub const MAX_USERNAME: usize = 64;

pub fn router() -> Router<AppState> {
    Router::new().route("/search/{username}", get(search))
}

/// A Fansly username: 1–64 letters, digits, `_`, `-` or `.`.
pub fn username(value: &str) -> ApiResult<&str> {
    let v = value.trim();
    if v.is_empty()
        || v.len() > MAX_USERNAME
        || !v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    {
        return Err(ApiError::bad_request(format!(
            "username must be 1–{MAX_USERNAME} letters, digits, `_`, `-` or `.`"
        )));
    }
    Ok(v)
}

async fn search(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(raw): Path<String>,
) -> ApiResult<Response> {
    let name = username(&raw)?;
    let Some(account) = app.store.most_recent_active_account(tenant.0).await? else {
        return Err(ApiError::bad_request(
            "Connect an account first: this route reads Fansly through one of this key's connected accounts",
        ));
    };
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .accounts_by_username(&c.creds, name)
        .await
        .or_upstream(&app, tenant, &c.account.id)
        .await?;
    match native.response() {
        Value::Array(items) if items.is_empty() => {
            return Err(ApiError::not_found("Account not found"));
        }
        Value::Array(_) => {}
        _ => {
            return Err(ApiError::bad_gateway("Fansly sent a malformed response")
                .with_cause("account?usernames= response is not an array"));
        }
    }
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}
