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
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use fansly_client::{TIMELINE_PAGE, TimelineQuery};
use serde_json::{Map, Value, json};

use super::messages::{content, id_value, items, object, proxied};
use super::profile::fetch_me;
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::idempotency::{self, Scope};
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult, envelope};
use crate::media_access::{self, AttachmentForm, MediaSpec, text};
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
    Ok((native.status, native.body, next))
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

/// Fields of a post body shared by P2 and P4.
struct PostFields {
    content: String,
    spec: MediaSpec,
    /// The old-shape `attachments`, passed through untouched.
    raw_attachments: Option<Vec<Value>>,
    wall_ids: Option<Vec<String>>,
    fyp_flags: i64,
    expires_at: i64,
    pinned: i64,
}

fn id_list(body: &Map<String, Value>, field: &str) -> ApiResult<Option<Vec<String>>> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                id_value(Some(v), &format!("{field}[{i}]"))?.ok_or_else(|| {
                    ApiError::bad_request(format!("{field}[{i}] must be an id string"))
                })
            })
            .collect::<ApiResult<Vec<_>>>()
            .map(Some),
        Some(_) => Err(ApiError::bad_request(format!(
            "{field} must be an array of id strings"
        ))),
    }
}

/// A Unix-ms time: a non-negative integer; absent or null → 0.
fn ms_field(body: &Map<String, Value>, field: &str) -> ApiResult<i64> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(0),
        Some(v) => v.as_i64().filter(|n| *n >= 0).ok_or_else(|| {
            ApiError::bad_request(format!(
                "{field} must be a Unix time in milliseconds (0 = none)"
            ))
        }),
    }
}

/// `pinned`: a boolean or 0/1.
fn pinned_field(body: &Map<String, Value>) -> ApiResult<i64> {
    match body.get("pinned") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(0),
        Some(Value::Bool(true)) => Ok(1),
        Some(v) if v.as_i64() == Some(0) || v.as_i64() == Some(1) => Ok(v.as_i64().unwrap_or(0)),
        Some(_) => Err(ApiError::bad_request("pinned must be a boolean (or 0/1)")),
    }
}

/// `fypFlags` passes through; otherwise `postToFYP: true` → 2, absent or false → 0.
fn fyp_field(body: &Map<String, Value>) -> ApiResult<i64> {
    if let Some(v) = body.get("fypFlags").filter(|v| !v.is_null()) {
        return v
            .as_i64()
            .filter(|n| *n >= 0)
            .ok_or_else(|| ApiError::bad_request("fypFlags must be a non-negative integer"));
    }
    match body.get("postToFYP") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(0),
        Some(Value::Bool(true)) => Ok(2),
        Some(_) => Err(ApiError::bad_request("postToFYP must be a boolean")),
    }
}

impl PostFields {
    fn parse(body: &Map<String, Value>) -> ApiResult<Self> {
        let content = content(body, "content")?;
        let raw_attachments = match body.get("attachments") {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => {
                for (i, a) in items.iter().enumerate() {
                    let ok = a.get("contentType").is_some_and(Value::is_i64)
                        && a.get("contentId").and_then(text).is_some();
                    if !ok {
                        return Err(ApiError::bad_request(format!(
                            "attachments[{i}] must be an object {{contentId, contentType, pos}}"
                        )));
                    }
                }
                Some(items.clone())
            }
            Some(_) => {
                return Err(ApiError::bad_request(
                    "attachments must be an array of {contentId, contentType, pos}",
                ));
            }
        };
        let spec = MediaSpec::parse(body)?;
        if raw_attachments.is_some() && !spec.media.is_empty() {
            return Err(ApiError::bad_request(
                "send either attachments (old shape) or mediaIds / mediaId, not both",
            ));
        }
        let empty_media =
            spec.media.is_empty() && raw_attachments.as_ref().is_none_or(Vec::is_empty);
        if content.trim().is_empty() && empty_media {
            return Err(ApiError::bad_request(
                "content must not be empty when no media is attached (send content, mediaIds or attachments)",
            ));
        }
        Ok(Self {
            content,
            spec,
            raw_attachments,
            wall_ids: id_list(body, "wallIds")?,
            fyp_flags: fyp_field(body)?,
            expires_at: ms_field(body, "expiresAt")?,
            pinned: pinned_field(body)?,
        })
    }

    /// The native attachments: the old shape untouched, else §0.7 resolution.
    async fn attachments(&self, app: &AppState, tenant: Tenant, c: &Connected) -> ApiResult<Value> {
        if let Some(raw) = &self.raw_attachments {
            return Ok(Value::Array(raw.clone()));
        }
        let resolved =
            media_access::resolve(app, tenant, c, &self.spec, AttachmentForm::Post).await?;
        Ok(Value::Array(resolved))
    }
}

/// P2: resolves media (§0.7) then `POST /post`. HTTP 201; never retried.
async fn create(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    crate::http::ApiJson(body): crate::http::ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let fingerprint = idempotency::fingerprint("POST", &format!("/{account_id}/posts"), &body);
    let body = object(body)?;
    let fields = PostFields::parse(&body)?;
    let scheduled_for = ms_field(&body, "scheduledFor")?;
    let in_reply_to = id_value(body.get("inReplyTo"), "inReplyTo")?;
    let quoted = id_value(body.get("quotedPostId"), "quotedPostId")?;
    let pin_wall_ids = id_list(&body, "pinWallIds")?.unwrap_or_default();
    if fields.expires_at > 0 && fields.expires_at <= scheduled_for.max(app.clock.now_ms()) {
        return Err(ApiError::bad_request(
            "expiresAt must be later than the publication time (now or scheduledFor)",
        ));
    }
    idempotency::key_from(&headers)?;

    let work_app = app.clone();
    idempotency::run(
        &app,
        tenant,
        &headers,
        CREATE_SCOPE,
        fingerprint,
        async move {
            let app = work_app;
            let attachments = fields.attachments(&app, tenant, &c).await?;
            let native_body = json!({
                "content": fields.content,
                "fypFlags": fields.fyp_flags,
                "inReplyTo": in_reply_to,
                "quotedPostId": quoted,
                "attachments": attachments,
                "scheduledFor": scheduled_for,
                "expiresAt": fields.expires_at,
                "postReplyPermissionFlags": [],
                "pinned": fields.pinned,
                "wallIds": fields.wall_ids.unwrap_or_default(),
                "pinWallIds": pin_wall_ids,
            });
            let mut native = app
                .fansly
                .post_create(&c.creds, native_body)
                .await
                .or_upstream(&app, tenant, &c.account.id)
                .await?;
            if let Some(Value::Object(post)) = native.body.get_mut("response") {
                if post.get("id").and_then(text).is_none()
                    && let Some(id) = post.get("postId").cloned()
                {
                    post.insert("id".into(), id);
                }
                if post.get("id").and_then(text).is_none() {
                    return Err(ApiError::bad_gateway("Fansly sent a malformed response")
                        .with_cause("POST /post without response.id or postId"));
                }
            }
            attachments::name_media(&mut native.body);
            app.touch(tenant, &c.account).await;
            Ok(envelope::proxied(CREATE_STATUS, native.status, native.body))
        },
    )
    .await
}

/// The stored post (`GET /post?ids=`), or 404.
async fn stored_post(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    post_id: &str,
) -> ApiResult<fansly_client::NativeResponse> {
    let native = app
        .fansly
        .posts_by_ids(&c.creds, &[post_id])
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    if items(native.response(), "posts").is_empty() {
        return Err(ApiError::not_found(format!("Post {post_id} not found")));
    }
    Ok(native)
}

/// P3.
async fn one(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let mut native = stored_post(&app, tenant, &c, &post_id).await?;
    attachments::name_media(&mut native.body);
    Ok(proxied(&app, tenant, &c, native).await)
}

/// P4: fields left out are cleared. A body holding only `wallIds` moves the post between
/// walls (`POST /wall/postedit`); so does a body equal to the stored post but for `wallIds`.
async fn update(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
    crate::http::ApiJson(body): crate::http::ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let body = object(body)?;
    let walls_only = body.len() == 1 && body.contains_key("wallIds");
    let (fields, wall_ids) = if walls_only {
        let walls = id_list(&body, "wallIds")?
            .filter(|w| !w.is_empty())
            .ok_or_else(|| ApiError::bad_request("wallIds must name at least one wall"))?;
        (None, Some(walls))
    } else {
        let fields = PostFields::parse(&body)?;
        let walls = fields.wall_ids.clone();
        (Some(fields), walls)
    };
    let stored = stored_post(&app, tenant, &c, &post_id).await?;
    let post = items(stored.response(), "posts")[0].clone();

    let native = match fields {
        None => {
            wall_edit(
                &app,
                tenant,
                &c,
                &post_id,
                wall_ids.as_deref().unwrap_or(&[]),
            )
            .await?
        }
        Some(fields) => {
            let attachments = fields.attachments(&app, tenant, &c).await?;
            let same_rest = post["content"].as_str() == Some(fields.content.as_str())
                && same_attachments(&post["attachments"], &attachments)
                && post["fypFlags"].as_i64().unwrap_or(0) == fields.fyp_flags
                && post["expiresAt"].as_i64().unwrap_or(0) == fields.expires_at / 1000
                && post["pinned"].as_i64().unwrap_or(0) == fields.pinned;
            match &wall_ids {
                Some(walls) if same_rest && !walls.is_empty() => {
                    wall_edit(&app, tenant, &c, &post_id, walls).await?
                }
                _ => {
                    let native_body = json!({
                        "id": post_id,
                        "content": fields.content,
                        "attachments": attachments,
                        "fypFlags": fields.fyp_flags,
                        "expiresAt": fields.expires_at,
                        "pinned": fields.pinned,
                        "postReplyPermissionFlags": [],
                        "wallIds": wall_ids.unwrap_or_default(),
                    });
                    app.fansly
                        .post_edit(&c.creds, native_body)
                        .await
                        .or_upstream(&app, tenant, &account_id)
                        .await?
                }
            }
        }
    };
    let mut native = native;
    attachments::name_media(&mut native.body);
    Ok(proxied(&app, tenant, &c, native).await)
}

async fn wall_edit(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    post_id: &str,
    walls: &[String],
) -> ApiResult<fansly_client::NativeResponse> {
    app.fansly
        .wall_post_edit(&c.creds, post_id, walls)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await
}

/// Same `(contentType, contentId)` in the same order.
fn same_attachments(stored: &Value, given: &Value) -> bool {
    let key = |v: &Value| -> Vec<(i64, Option<String>)> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        (
                            x.get("contentType").and_then(Value::as_i64).unwrap_or(0),
                            x.get("contentId").and_then(text),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    key(stored) == key(given)
}

/// P5.
async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let native = app
        .fansly
        .post_delete(&c.creds, &post_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// The walls of `/account/me`, sorted by `pos`.
fn walls_of(me: &Value) -> Vec<Value> {
    let mut walls: Vec<Value> = me
        .get("account")
        .map(|a| items(a, "walls").to_vec())
        .unwrap_or_default();
    walls.sort_by_key(|w| w.get("pos").and_then(Value::as_i64).unwrap_or(0));
    walls
}

/// P6 and AL1: `response = {walls}`, mirrored at `data.data.walls`.
async fn walls(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = fetch_me(&app, tenant, &c).await?;
    let walls = walls_of(native.response());
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        json!({ "success": true, "response": { "walls": walls }, "walls": walls }),
    ))
}

/// P7.
async fn wall(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, wall_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("wallId", &wall_id)?;
    let q = QueryParams::parse(raw.as_deref());
    let cursor = q.cursor(CursorKind::Id)?;
    let me = fetch_me(&app, tenant, &c).await?;
    let Some(found) = walls_of(me.response())
        .into_iter()
        .find(|w| w.get("id").and_then(text).as_deref() == Some(wall_id.as_str()))
    else {
        return Err(ApiError::not_found(format!("Wall {wall_id} not found")));
    };
    let tq = TimelineQuery {
        before: cursor,
        wall_id,
        content_search: String::new(),
    };
    let (status, mut body, next) = cursor_page(&app, tenant, &c, &tq, TIMELINE_PAGE as i64).await?;
    if let Some(Value::Object(r)) = body.get_mut("response") {
        r.insert("wall".into(), found);
    }
    attachments::name_media(&mut body);
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(StatusCode::OK, status, body, next))
}

/// P8.
async fn scheduled(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let mut native = app
        .fansly
        .posts_scheduled(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    attachments::name_media(&mut native.body);
    Ok(proxied(&app, tenant, &c, native).await)
}

/// P9.
async fn cancel_scheduled(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let native = app
        .fansly
        .post_scheduled_cancel(&c.creds, &post_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// P10.
async fn pin(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
    crate::http::ApiJson(body): crate::http::ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let body = object(body)?;
    let wall_id = id_value(body.get("wallId"), "wallId")?
        .ok_or_else(|| ApiError::bad_request("wallId is required (the wall to pin the post to)"))?;
    let native = app
        .fansly
        .profile_pin(&c.creds, &post_id, 0, Some(&wall_id))
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}
