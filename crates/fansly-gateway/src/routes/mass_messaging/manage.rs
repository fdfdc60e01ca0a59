//! Scheduled mass messages and their statistics: MM1 list scheduled, MM3 edit one, MM4/MM5
//! sent and deleted stats.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::media_access::{self, AttachmentForm, MediaSpec};
use crate::routes::messages::{content, items, object, proxied};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

use super::{STATS_DEFAULT_LIMIT, STATS_MAX_LIMIT, scheduled_for};

/// MM1.
pub(super) async fn scheduled(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .broadcast_scheduled(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// MM3: fields left out keep their stored values.
pub(super) async fn edit(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, broadcast_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("scheduled_message_id", &broadcast_id)?;
    let body = object(body)?;
    let mut edit = Map::new();
    if body.get("content").is_some_and(|v| !v.is_null()) {
        edit.insert("content".into(), Value::String(content(&body, "content")?));
    }
    if body.get("scheduledFor").is_some_and(|v| !v.is_null()) {
        let at = scheduled_for(&body, app.clock.now_ms())?;
        if at == 0 {
            return Err(ApiError::bad_request(
                "scheduledFor must be a future Unix time in milliseconds",
            ));
        }
        edit.insert("scheduledFor".into(), Value::from(at));
    }
    let media_given = ["mediaIds", "mediaId"]
        .iter()
        .any(|k| body.get(*k).is_some_and(|v| !v.is_null()));
    let spec = MediaSpec::parse(&body)?;
    if edit.is_empty() && !media_given {
        return Err(ApiError::bad_request(
            "Nothing to update: send content, scheduledFor and/or mediaIds",
        ));
    }
    if media_given {
        let attachments =
            media_access::resolve(&app, tenant, &c, &spec, AttachmentForm::Message).await?;
        edit.insert("attachments".into(), Value::Array(attachments));
    }
    let native = app
        .fansly
        .broadcast_scheduled_edit(&c.creds, &broadcast_id, Value::Object(edit))
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// MM4.
pub(super) async fn stats_sent(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    stats(app, tenant, account_id, raw, false).await
}

/// MM5.
pub(super) async fn stats_deleted(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    stats(app, tenant, account_id, raw, true).await
}

pub(super) async fn stats(
    app: AppState,
    tenant: Tenant,
    account_id: String,
    raw: Option<String>,
    deleted: bool,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let cursor = page::parse_cursor(q.get("cursor"), CursorKind::Id)?;
    let limit = q.limit(STATS_DEFAULT_LIMIT, STATS_MAX_LIMIT)?;
    let native = if deleted {
        app.fansly
            .broadcast_stats_deleted(&c.creds, cursor.as_deref(), limit)
            .await
    } else {
        app.fansly
            .broadcast_stats(&c.creds, cursor.as_deref(), limit)
            .await
    }
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
