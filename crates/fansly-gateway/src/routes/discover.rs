//! Search and discovery (route-map §1.18): SD1 `GET /{a}/discover/search/accounts?query&limit&offset`
//! → `GET /account/search` (limit ≤ 100, default 10); SD2
//! `GET /{a}/discover/tags/{tagId}/media?limit&offset` →
//! `GET /contentdiscovery/media/suggestionsnew?before=0&after=0&tagIds=<tagId>` (default 20).
//! Both answer shape **P** unchanged; offset paging is left to the client.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;

use super::messages::proxied;
use crate::http::auth::Tenant;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::{self, native_id};

/// SD1 limits.
pub const SEARCH_DEFAULT_LIMIT: u32 = 10;
pub const SEARCH_MAX_LIMIT: u32 = 100;
/// SD2 limits.
pub const TAG_DEFAULT_LIMIT: u32 = 20;
pub const TAG_MAX_LIMIT: u32 = 100;
/// Longest search query accepted.
pub const MAX_QUERY_CHARS: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/discover/search/accounts", get(search))
        .route("/{account_id}/discover/tags/{tag_id}/media", get(by_tag))
}

/// `limit` ≥ 1, clamped to `max` (default `default`) and `offset` ≥ 0 (default 0).
fn limit_offset(q: &QueryParams, default: u32, max: u32) -> ApiResult<(u32, u64)> {
    let limit = q.limit(default, max)?;
    let offset = q.offset_param()?;
    Ok((limit, offset))
}

/// SD1.
async fn search(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let query = q
        .get("query")
        .ok_or_else(|| ApiError::bad_request("query is required (a username or display name)"))?
        .to_owned();
    validate::max_len("query", &query, MAX_QUERY_CHARS)?;
    let (limit, offset) = limit_offset(&q, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT)?;
    let native = app
        .fansly
        .account_search(&c.creds, &query, limit, offset)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// SD2.
async fn by_tag(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, tag_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("tagId", &tag_id)?;
    let q = QueryParams::parse(raw.as_deref());
    let (limit, offset) = limit_offset(&q, TAG_DEFAULT_LIMIT, TAG_MAX_LIMIT)?;
    let native = app
        .fansly
        .discovery_by_tag(&c.creds, &tag_id, limit, offset)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}
