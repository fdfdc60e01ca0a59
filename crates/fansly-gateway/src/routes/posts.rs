//! Posts (route-map §1.8) and the walls alias (§2 AL1):
//! - P1 `GET /{a}/posts?cursor&limit&offset&wallId&search` → `GET /timelinenew/{creatorId}`
//!   (one page in cursor mode; pages walked from the newest in offset mode), +C[id].
//! - P2 `POST /{a}/posts` → §0.7 media resolution (`GET /account/media`, `GET
//!   /subscriptions/tiers` when needed, `POST /account/media` or `POST /account/media/bundle`)
//!   then `POST /post` (201, never retried, `Idempotency-Key` scope `posts.create`); the old
//!   `attachments` shape passes through untouched.
//! - P3 `GET /{a}/posts/{id}` → `GET /post?ids=` (empty → 404).
//! - P4 `POST /{a}/posts/{id}` → `GET /post?ids=` (404 when absent), then `POST /wall/postedit`
//!   alone when only `wallIds` change, else §0.7 and `POST /post/edit` (guess).
//! - P5 `DELETE /{a}/posts/{id}` → `POST /post/{id}/delete`.
//! - P6 `GET /{a}/posts/walls` and AL1 `GET /{a}/walls` → `GET /account/me` walls.
//! - P7 `GET /{a}/posts/wall/{wallId}?cursor` → `GET /account/me` + `GET /timelinenew`.
//! - P8 `GET /{a}/posts/scheduled` → `GET /post/scheduled`.
//! - P9 `POST /{a}/posts/scheduled/{id}/cancel` → `POST /post/scheduled/{id}/cancel`.
//! - P10 `POST /{a}/posts/{id}/pin {wallId}` → `POST /profile/pinned {postId, pos:0, wallId}`.
//!
//! Every post answer (P1–P4, P7, P8) names the media of its attachments (`attachments.rs`,
//! client-compat §5.4).

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use fansly_client::{TIMELINE_PAGE, TimelineQuery};
use serde_json::{Map, Value, json};

use super::messages::items;
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::idempotency::Scope;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult};
use crate::media_access::text;
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::{self, native_id};

/// The status create post answers with (route-map §0.3 **201**).
pub const CREATE_STATUS: StatusCode = StatusCode::CREATED;
/// `Idempotency-Key` scope of P2.
pub const CREATE_SCOPE: Scope = Scope("posts.create");
/// Offset mode walks at most this far into the timeline (`offset + limit`).
pub const MAX_OFFSET_WINDOW: i64 = 300;
/// Longest `search` accepted.
pub const MAX_SEARCH_CHARS: usize = 200;
/// Aggregation arrays merged across pages in offset mode.
const AGGREGATES: [&str; 5] = [
    "aggregatedPosts",
    "accountMedia",
    "accountMediaBundles",
    "accounts",
    "tips",
];

mod attachments;
mod fields;
mod walls;
mod write;

use walls::{cancel_scheduled, pin, scheduled, wall, walls};
use write::{create, one, remove, update};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/posts", get(list).post(create))
        .route("/{account_id}/posts/walls", get(walls))
        .route("/{account_id}/walls", get(walls))
        .route("/{account_id}/posts/wall/{wall_id}", get(wall))
        .route("/{account_id}/posts/scheduled", get(scheduled))
        .route(
            "/{account_id}/posts/scheduled/{post_id}/cancel",
            post(cancel_scheduled),
        )
        .route(
            "/{account_id}/posts/{post_id}",
            get(one).post(update).delete(remove),
        )
        .route("/{account_id}/posts/{post_id}/pin", post(pin))
}

/// P1.
async fn list(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let cursor = q.cursor(CursorKind::Id)?;
    let limit = i64::from(q.limit(TIMELINE_PAGE as u32, MAX_OFFSET_WINDOW as u32)?);
    // `offset` is checked even when `cursor` wins: 0 to MAX_OFFSET_WINDOW - 1, as documented.
    let offset = match q.get("offset") {
        None => None,
        Some(_) => Some(i64::try_from(q.offset_param()?).unwrap_or(i64::MAX)),
    };
    if offset.is_some_and(|o| o >= MAX_OFFSET_WINDOW) {
        return Err(ApiError::bad_request(format!(
            "offset must be from 0 to {} (offset mode walks at most {MAX_OFFSET_WINDOW} posts); page further with cursor",
            MAX_OFFSET_WINDOW - 1
        )));
    }
    let wall_id = q.get("wallId").unwrap_or("").to_owned();
    if !wall_id.is_empty() {
        native_id("wallId", &wall_id)?;
    }
    let search = q.get("search").unwrap_or("").to_owned();
    validate::max_len("search", &search, MAX_SEARCH_CHARS)?;
    let base = TimelineQuery {
        before: None,
        wall_id,
        content_search: search,
    };
    let (status, mut body, next) = match (cursor, offset) {
        (None, Some(offset)) => {
            // The window `offset + limit` is at most MAX_OFFSET_WINDOW: a bigger limit is
            // clamped like any limit above a route's maximum.
            let limit = limit.min(MAX_OFFSET_WINDOW - offset);
            offset_page(&app, tenant, &c, base, offset, limit).await?
        }
        (cursor, _) => {
            let q = TimelineQuery {
                before: cursor,
                ..base
            };
            cursor_page(&app, tenant, &c, &q, limit).await?
        }
    };
    attachments::name_media(&mut body);
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(StatusCode::OK, status, body, next))
}

/// One native page trimmed to `limit`; the next cursor is the last post returned when the
/// native page was full or was trimmed.
async fn cursor_page(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    q: &TimelineQuery,
    limit: i64,
) -> ApiResult<(u16, Value, Option<String>)> {
    let mut native = app
        .fansly
        .timeline(&c.creds, &c.account.native_id, q)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    let limit = usize::try_from(limit).unwrap_or(TIMELINE_PAGE);
    let mut next = None;
    if let Some(Value::Array(posts)) = native
        .body
        .get_mut("response")
        .and_then(|r| r.get_mut("posts"))
    {
        let more = posts.len() >= TIMELINE_PAGE || posts.len() > limit;
        posts.truncate(limit);
        if more {
            next = posts.last().and_then(|p| p.get("id")).and_then(text);
        }
    }
    Ok((native.status, native.body.into_value(), next))
}

/// Offset mode: walks native pages from the newest until `offset + limit` posts are held or
/// the timeline ends, and returns that slice with the pages' aggregation data merged.
async fn offset_page(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    mut q: TimelineQuery,
    offset: i64,
    limit: i64,
) -> ApiResult<(u16, Value, Option<String>)> {
    let want = usize::try_from(offset + limit).unwrap_or(0);
    let mut posts: Vec<Value> = Vec::new();
    let mut merged: Map<String, Value> = AGGREGATES
        .iter()
        .map(|k| ((*k).to_owned(), Value::Array(Vec::new())))
        .collect();
    let mut status = 200;
    let mut ended = false;
    while posts.len() < want {
        let native = app
            .fansly
            .timeline(&c.creds, &c.account.native_id, &q)
            .await
            .or_upstream(app, tenant, &c.account.id)
            .await?;
        status = native.status;
        let response = native.response();
        let page = items(response, "posts");
        posts.extend(page.iter().cloned());
        for key in AGGREGATES {
            if let Some(Value::Array(into)) = merged.get_mut(key) {
                for item in items(response, key) {
                    let id = item.get("id");
                    if id.is_none() || !into.iter().any(|x| x.get("id") == id) {
                        into.push(item.clone());
                    }
                }
            }
        }
        match page.last().and_then(|p| p.get("id")).and_then(text) {
            Some(last) if page.len() >= TIMELINE_PAGE => q.before = Some(last),
            _ => {
                ended = true;
                break;
            }
        }
    }
    let start = usize::try_from(offset).unwrap_or(0).min(posts.len());
    let end = want.min(posts.len());
    let slice: Vec<Value> = posts[start..end].to_vec();
    let more = !ended || posts.len() > end;
    let next = if more && slice.len() == usize::try_from(limit).unwrap_or(0) {
        slice.last().and_then(|p| p.get("id")).and_then(text)
    } else {
        None
    };
    merged.insert("posts".into(), Value::Array(slice));
    Ok((
        status,
        json!({ "success": true, "response": Value::Object(merged) }),
        next,
    ))
}
