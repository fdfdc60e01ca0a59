//! Notifications (route-map §3 addition): `GET /{a}/notifications?cursor&type` →
//! `GET /notifications?before=<cursor or 0>&after=0&type=<codes>` (+C[id]; the native page
//! is 25, newest first). `type` is a comma list of notification codes (e.g. `1002,3002`).

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use fansly_client::NOTIFICATIONS_PAGE;

use super::messages::items;
use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult};
use crate::state::AppState;
use crate::upstream::OrUpstream;

pub fn router() -> Router<AppState> {
    Router::new().route("/{account_id}/notifications", get(list))
}

/// `type`: codes separated by commas, each 1–6 digits.
fn types(raw: Option<&str>) -> ApiResult<String> {
    let Some(raw) = raw else {
        return Ok(String::new());
    };
    let codes: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if codes.is_empty()
        || codes
            .iter()
            .any(|c| c.len() > 6 || !c.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(ApiError::bad_request(
            "type must be a comma-separated list of notification codes (e.g. 1002,3002)",
        ));
    }
    Ok(codes.join(","))
}

async fn list(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let cursor = q.cursor(CursorKind::Id)?;
    let types = types(q.get("type"))?;
    let native = app
        .fansly
        .notifications(&c.creds, cursor.as_deref(), &types)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let next = page::next_from_last(
        items(native.response(), "notifications"),
        NOTIFICATIONS_PAGE,
        "id",
    );
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        native.status,
        native.body,
        next,
    ))
}
