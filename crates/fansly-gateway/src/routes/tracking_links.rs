//! Tracking links (route-map §1.19 TL1 and the §3 additions):
//! - TL1 `PUT /{a}/tracking-links {id, label, description}` → `GET /trackinglinks` (the link
//!   must exist and not be a built-in), then `POST /trackinglinks/edit` (guess).
//! - `GET /{a}/tracking-links` → `GET /trackinglinks` (bare array, shape **P**).
//! - `GET /{a}/tracking-links/{id}/stats?before&after` →
//!   `GET /trackinglinks/stats?trackingLinkId&before&after` (Unix ms).

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use serde_json::Value;

use super::messages::{id_value, object, proxied};
use crate::http::auth::Tenant;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::media_access::text;
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::{self, native_id};

/// Longest label / description accepted.
pub const MAX_LABEL_CHARS: usize = 100;
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/tracking-links", get(list).put(update))
        .route("/{account_id}/tracking-links/{link_id}/stats", get(stats))
}

async fn list(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .tracking_links(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

fn text_field(body: &serde_json::Map<String, Value>, field: &str, max: usize) -> ApiResult<String> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => {
            validate::max_len(field, s, max)?;
            Ok(s.trim().to_owned())
        }
        Some(_) => Err(ApiError::bad_request(format!("{field} must be a string"))),
    }
}

/// A built-in link: `type 1` (internal ids 1 For You, 2 Suggestions, 3 Search).
fn is_builtin(link: &Value) -> bool {
    link.get("type").and_then(Value::as_i64) == Some(1)
}

/// TL1.
async fn update(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let body = object(body)?;
    let id = id_value(body.get("id"), "id")?
        .ok_or_else(|| ApiError::bad_request("id is required (the tracking link id)"))?;
    let label = text_field(&body, "label", MAX_LABEL_CHARS)?;
    let description = text_field(&body, "description", MAX_DESCRIPTION_CHARS)?;
    let links = app
        .fansly
        .tracking_links(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let link = links
        .response()
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|x| x.get("id").and_then(text).as_deref() == Some(id.as_str()))
        })
        .ok_or_else(|| ApiError::not_found(format!("Tracking link {id} not found")))?;
    // The request is well formed; the link it names cannot be edited: a conflict with the
    // link's state, not bad input (schemathesis sent a real built-in id and expected no 400).
    if is_builtin(link) {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            "id names a built-in tracking link (For You, Suggestions, Search), which cannot be edited",
        ));
    }
    let native = app
        .fansly
        .tracking_link_edit(&c.creds, &id, &label, &description)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// A Unix-ms bound: a non-negative integer; absent → 0.
fn ms_param(q: &QueryParams, name: &str) -> ApiResult<i64> {
    match q.integer(name)? {
        None => Ok(0),
        Some(v) if v >= 0 => Ok(v),
        Some(_) => Err(ApiError::bad_request(format!(
            "{name} must be a Unix time in milliseconds"
        ))),
    }
}

async fn stats(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, link_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("id", &link_id)?;
    let q = QueryParams::parse(raw.as_deref());
    let before = ms_param(&q, "before")?;
    let after = ms_param(&q, "after")?;
    if before > 0 && after >= before {
        return Err(ApiError::bad_request("after must be earlier than before"));
    }
    let native = app
        .fansly
        .tracking_link_stats(&c.creds, &link_id, before, after)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}
