//! Vault (route-map §1.15):
//! - V1 `GET /{a}/vault/albums` → `GET /vault/albumsnew`; **P**, `response` unchanged
//!   (`{albums:[{id, title, type, itemCount…}], aggregationData:{media}}`).
//! - V2 `GET /{a}/vault/albums/{albumId}/media?cursor&limit` →
//!   `GET /media/vaultnew?albumId&mediaType=&search=&before=<cursor or 0>&after=0`, repeated
//!   until `limit` rows (default 50, max 100) are held or the album ends (an empty page);
//!   **P\* +C[id]**: `response = {media:[row…], albumMedia:[native entries of those rows]}`,
//!   each row `{id:<mediaId>, mediaId, previewId:null, albumMediaId, mediaType,
//!   customFilename, media:<the Media joined by id>}`. Next cursor = `albumMediaId` of the
//!   last row. The native page size is not assumed.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

/// V2 `limit`: default and maximum rows per gateway page.
pub const ALBUM_MEDIA_DEFAULT_LIMIT: u32 = 50;
pub const ALBUM_MEDIA_MAX_LIMIT: u32 = 100;
/// Native pages read for one gateway page at most (a guard against a stuck upstream).
const MAX_NATIVE_PAGES: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/vault/albums", get(albums))
        .route(
            "/{account_id}/vault/albums/{album_id}/media",
            get(album_media),
        )
}

/// V1.
async fn albums(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .vault_albums(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    app.cdn_cookies.remember(&account_id, native.response());
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// V2.
async fn album_media(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, album_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    native_id("albumId", &album_id)?;
    let q = QueryParams::parse(raw.as_deref());
    let mut before = q.cursor(CursorKind::Id)?;
    let limit = q.limit(ALBUM_MEDIA_DEFAULT_LIMIT, ALBUM_MEDIA_MAX_LIMIT)? as usize;
    let c = app.with_session(tenant, account).await?;

    let mut rows: Vec<Value> = Vec::new();
    let mut entries: Vec<Value> = Vec::new();
    let mut status = 200;
    let mut ended = false;
    for _ in 0..MAX_NATIVE_PAGES {
        let native = app
            .fansly
            .vault_media(&c.creds, &album_id, before.as_deref())
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        status = native.status;
        let response = native.response();
        let (Some(album_media), media) = (
            response["albumMedia"].as_array(),
            response["media"].as_array(),
        ) else {
            return Err(ApiError::bad_gateway("Fansly sent a malformed response")
                .with_cause("media/vaultnew without albumMedia[]"));
        };
        app.cdn_cookies.remember(&account_id, &response["media"]);
        let by_id: HashMap<String, &Value> = media
            .into_iter()
            .flatten()
            .filter_map(|m| Some((text(&m["id"])?, m)))
            .collect();
        if album_media.is_empty() {
            ended = true;
            break;
        }
        for entry in album_media {
            let media_id = text(&entry["mediaId"]);
            let joined = media_id
                .as_deref()
                .and_then(|id| by_id.get(id))
                .map_or(Value::Null, |m| (*m).clone());
            rows.push(json!({
                "id": media_id,
                "mediaId": media_id,
                "previewId": null,
                "albumMediaId": text(&entry["id"]),
                "mediaType": entry["mediaType"],
                "customFilename": entry["customFilename"],
                "media": joined,
            }));
            entries.push(entry.clone());
        }
        if rows.len() >= limit {
            break;
        }
        before = album_media.last().and_then(|e| text(&e["id"]));
        if before.is_none() {
            ended = true;
            break;
        }
    }
    rows.truncate(limit);
    entries.truncate(limit);
    let next = if ended && rows.len() < limit {
        None
    } else {
        rows.last().and_then(|r| text(&r["albumMediaId"]))
    };
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        status,
        json!({ "success": true, "response": { "media": rows, "albumMedia": entries } }),
        next,
    ))
}
