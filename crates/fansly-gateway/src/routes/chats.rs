//! Chats (route-map §1.3, §2 AL13): H1 `GET /{a}/chats` → `GET /messaging/groups` (25 per
//! page, +C[off]; `vips` post-filtered through `GET /ignore`); H2 `GET /{a}/chats/unread` →
//! `GET /message/unread` + `GET /messaging/groups?flags=32` + `GET /group/{id}` for the rest +
//! `GET /account?ids=` for missing partners (+C[id]); H3 `GET /{a}/chats/{fan_id}/tips` →
//! `GET /account/wallets/earnings/transactions/accounts` (followed while `hasMore`, ≤ 10 pages);
//! H4 `GET /{a}/chats/{chat_id}/media-stats` → `GET /mediaoffers/location` (+C[id]);
//! H5/H6 `POST /{a}/chats/mute|unmute` → `GET /ignore` + `POST /account/ignore` (flag 1);
//! H7 `POST /{a}/chats/{chat_id}/hide` → `GET /group/{id}` + `POST /groups/users/settings`;
//! AL13 `POST /{a}/chats/mark-as-read {chatId?}` → `GET /message` + `POST /message/ack`, or
//! `POST /message/ack/all`.

use std::collections::BTreeSet;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use fansly_client::{GroupsQuery, MediaOffersQuery};
use serde_json::Value;

use super::messages::{IGNORE_VIP, ignore_rows, items};
use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult};
use crate::media_access::text;
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

/// H1's fixed page size (the catalogue's chat list takes only `cursor`).
pub const CHATS_PAGE: u32 = 25;
/// H2's native page sizes.
pub const UNREAD_PAGE: u32 = 100;
/// H3: at most this many ledger pages of 100 rows.
pub const TIPS_MAX_PAGES: usize = 10;
pub const TIPS_PAGE: u32 = 100;
/// Tip transaction types kept by H3 (7101 tip, 7001 legacy tip).
pub const TIP_TYPES: [i64; 2] = [7101, 7001];
/// H4's page size.
pub const MEDIA_STATS_PAGE: u32 = 25;
/// `locationType` of a DM group.
pub const LOCATION_DM: u32 = 4001;
/// Ignore flag 1 = mute.
pub const IGNORE_MUTE: u64 = 1;
/// AL13: messages read per chat, and the ack type "read".
pub const MARK_READ_WINDOW: u32 = 25;
pub const ACK_READ: u8 = 2;
/// Group-list flag of unread chats.
const FLAG_UNREAD: u32 = 32;

mod actions;
mod tips;
mod unread;

use actions::{hide, mark_as_read, mute, unmute};
use tips::tips;
use unread::unread;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/chats", get(list))
        .route("/{account_id}/chats/unread", get(unread))
        .route("/{account_id}/chats/{chat_id}/tips", get(tips))
        .route(
            "/{account_id}/chats/{chat_id}/media-stats",
            get(media_stats),
        )
        .route("/{account_id}/chats/mute", post(mute))
        .route("/{account_id}/chats/unmute", post(unmute))
        .route("/{account_id}/chats/{chat_id}/hide", post(hide))
        .route("/{account_id}/chats/mark-as-read", post(mark_as_read))
}

/// H1.
async fn list(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let offset = page::parse_offset(q.get("cursor"))?;
    // Checked like every route's `limit`, then not used: Fansly's chat pages are 25.
    q.limit(CHATS_PAGE, CHATS_PAGE)?;
    let sort_order = match q.get("sort").map(str::to_ascii_lowercase).as_deref() {
        None | Some("newest") => 1,
        Some("oldest") => 2,
        Some("unread") => 3,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "sort must be one of newest, oldest, unread (got `{other}`)"
            )));
        }
    };
    let (flags, vips_only) = match q.get("filter").map(str::to_ascii_lowercase).as_deref() {
        None | Some("all") => (0, false),
        Some("followers") => (2, false),
        Some("subscribers") => (4, false),
        Some("vips") => (0, true),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "filter must be one of all, vips, followers, subscribers (got `{other}`)"
            )));
        }
    };
    let tier = match q.get("subscriptionTierId") {
        Some(t) => {
            native_id("subscriptionTierId", t)?;
            t.to_owned()
        }
        None => String::new(),
    };
    let query = GroupsQuery {
        sort_order,
        flags,
        subscription_tier_id: tier,
        list_ids: String::new(),
        search: q.get("search").unwrap_or_default().to_owned(),
        limit: CHATS_PAGE,
        offset,
    };
    let native = app
        .fansly
        .messaging_groups(&c.creds, &query)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let returned = native.body.count_items("data");
    let next = page::next_offset(offset, returned, CHATS_PAGE as usize);
    let mut body = native.body;
    if vips_only {
        let ignore = app
            .fansly
            .ignore_list(&c.creds)
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        let vips: BTreeSet<String> = ignore_rows(ignore.response())
            .iter()
            .filter(|r| {
                r.get("ignoreFlags")
                    .and_then(Value::as_u64)
                    .is_some_and(|f| f & IGNORE_VIP != 0)
            })
            .filter_map(|r| r.get("ignoredId").and_then(text))
            .collect();
        if let Some(Value::Array(rows)) = body.pointer_mut("/response/data") {
            rows.retain(|r| {
                r.get("partnerAccountId")
                    .and_then(text)
                    .is_some_and(|p| vips.contains(&p))
            });
        }
    }
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        native.status,
        body,
        next,
    ))
}

/// H4.
async fn media_stats(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, chat_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("chat_id", &chat_id)?;
    let q = QueryParams::parse(raw.as_deref());
    let cursor = page::parse_cursor(q.get("cursor"), CursorKind::Id)?;
    let native = app
        .fansly
        .mediaoffers_location(
            &c.creds,
            &MediaOffersQuery {
                location_id: chat_id,
                location_type: LOCATION_DM,
                account_id: c.account.native_id.clone(),
                before: cursor.unwrap_or_default(),
                limit: MEDIA_STATS_PAGE,
            },
        )
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let next = page::next_from_last(
        items(native.response(), "data"),
        MEDIA_STATS_PAGE as usize,
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
