//! Walls, scheduled posts and pinning: P6 walls (and AL1), P7 a wall's timeline, P8
//! scheduled, P9 cancel scheduled, P10 pin.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use fansly_client::{TIMELINE_PAGE, TimelineQuery};
use serde_json::{Value, json};

use super::{attachments, cursor_page};
use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult, envelope};
use crate::media_access::text;
use crate::routes::messages::{id_value, items, object, proxied};
use crate::routes::profile::fetch_me;
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

/// The walls of `/account/me`, sorted by `pos`.
pub(super) fn walls_of(me: &Value) -> Vec<Value> {
    let mut walls: Vec<Value> = me
        .get("account")
        .map(|a| items(a, "walls").to_vec())
        .unwrap_or_default();
    walls.sort_by_key(|w| w.get("pos").and_then(Value::as_i64).unwrap_or(0));
    walls
}

/// P6 and AL1: `response = {walls}`, mirrored at `data.data.walls`.
pub(super) async fn walls(
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
pub(super) async fn wall(
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
pub(super) async fn scheduled(
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
pub(super) async fn cancel_scheduled(
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
pub(super) async fn pin(
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
