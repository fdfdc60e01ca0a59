//! Follow graph (route-map §1.12):
//! - F1 `GET /{a}/followers?cursor&limit&offset&search` →
//!   `GET /account/{creatorId}/followersnew` (offset paging, +C[off]), proxied unchanged;
//! - F2 `GET /{a}/following?cursor&limit` → `GET /account/{creatorId}/following` (`[{accountId}]`),
//!   then `GET /account?ids=` to hydrate: `response = {following, aggregationData:{accounts}}`;
//! - F3 `POST /{a}/follow/{target_user_id}` → `POST /account/{target}/followers` (no body);
//! - F4 `POST /{a}/unfollow/{target_user_id}` → `POST /account/{target}/followers/remove`.
//!
//! A refused follow (native 422 code 5 "you can not follow", or code 3) is a 400 carrying
//! Fansly's details (`upstream.rs`).

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use fansly_client::FollowersQuery;
use serde_json::{Value, json};

use crate::http::auth::Tenant;
use crate::http::page;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::{self, native_id};

/// Native page size cap for `followersnew` / `following`, and the gateway default.
pub const MAX_LIMIT: u32 = 100;
/// `GET /account?ids=` takes at most this many ids per call.
const IDS_PER_CALL: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/followers", get(followers))
        .route("/{account_id}/following", get(following))
        .route("/{account_id}/follow/{target_user_id}", post(follow))
        .route("/{account_id}/unfollow/{target_user_id}", post(unfollow))
}

/// F1.
async fn followers(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let q = FollowersQuery {
        limit: p.limit(MAX_LIMIT, MAX_LIMIT)?,
        offset: p.offset(true)?,
        search: p.get("search").map(str::trim).unwrap_or("").to_owned(),
    };
    validate::max_len("search", &q.search, 100)?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .followers(&c.creds, &c.account.native_id, &q)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let Some(rows) = native.response().get("followers").and_then(Value::as_array) else {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("followersnew without a followers array"));
    };
    let next = page::next_offset(q.offset, rows.len(), q.limit as usize);
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        native.status,
        native.body,
        next,
    ))
}

/// F2.
async fn following(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let limit = p.limit(MAX_LIMIT, MAX_LIMIT)?;
    let offset = p.offset(true)?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .following(&c.creds, &c.account.native_id, limit, offset)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let Some(rows) = native.response().as_array() else {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("following response is not an array"));
    };
    let ids = followed_ids(rows);
    let mut accounts = Vec::with_capacity(ids.len());
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    for chunk in ids.chunks(IDS_PER_CALL) {
        let found = app
            .fansly
            .accounts_by_ids(&c.creds, chunk)
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        match found.response() {
            Value::Array(items) => accounts.extend(items.iter().cloned()),
            _ => {
                return Err(ApiError::bad_gateway("Fansly sent a malformed response")
                    .with_cause("account?ids= response is not an array"));
            }
        }
    }
    let next = page::next_offset(offset, rows.len(), limit as usize);
    let body = json!({
        "success": true,
        "response": {
            "following": rows,
            "aggregationData": { "accounts": accounts },
        },
    });
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        native.status,
        body,
        next,
    ))
}

/// The distinct `accountId`s of a `following` page, in order; rows without one are skipped.
fn followed_ids(rows: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(rows.len());
    for row in rows {
        let id = match row.get("accountId") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        if validate::is_native_id(&id) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// F3.
async fn follow(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, target)): Path<(String, String)>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    native_id("target_user_id", &target)?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .follow(&c.creds, &target)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// F4.
async fn unfollow(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, target)): Path<(String, String)>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    native_id("target_user_id", &target)?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .unfollow(&c.creds, &target)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn followed_ids_are_distinct_native_ids_in_order() {
        let rows = vec![
            json!({"accountId": "5"}),
            json!({"accountId": 7}),
            json!({"accountId": "5"}),
            json!({"accountId": "x"}),
            json!({}),
        ];
        assert_eq!(followed_ids(&rows), ["5", "7"]);
    }
}
