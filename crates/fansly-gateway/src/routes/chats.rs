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

use std::collections::{BTreeSet, HashMap};

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use fansly_client::{FanTransactionsQuery, GroupsQuery, MediaOffersQuery};
use serde_json::{Map, Value, json};

use super::messages::{
    IGNORE_VIP, id_value, ignore_rows, items, object, proxied, set_ignore_flags,
    update_user_settings,
};
use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult, envelope};
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
    let returned = items(native.response(), "data").len();
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

/// H2: one row per unread message interaction, joined with its chat.
async fn unread(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let cursor = page::parse_cursor(q.get("cursor"), CursorKind::Id)?;
    let me = c.account.native_id.clone();

    let unread = app
        .fansly
        .message_unread(&c.creds, UNREAD_PAGE, cursor.as_deref())
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let interactions: Vec<Value> = items(unread.response(), "messageInteractions").to_vec();
    let total = unread
        .response()
        .get("total")
        .cloned()
        .unwrap_or_else(|| Value::from(interactions.len()));

    let groups = app
        .fansly
        .messaging_groups(
            &c.creds,
            &GroupsQuery {
                sort_order: 1,
                flags: FLAG_UNREAD,
                subscription_tier_id: String::new(),
                list_ids: String::new(),
                search: String::new(),
                limit: UNREAD_PAGE,
                offset: 0,
            },
        )
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    // groupId → (partner id, unread count)
    let mut chats: HashMap<String, (Option<String>, Option<Value>)> =
        items(groups.response(), "data")
            .iter()
            .filter_map(|row| {
                Some((
                    row.get("groupId").and_then(text)?,
                    (
                        row.get("partnerAccountId").and_then(text),
                        row.get("unreadCount").cloned(),
                    ),
                ))
            })
            .collect();
    let mut accounts: Vec<Value> = groups
        .response()
        .pointer("/aggregationData/accounts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();

    // Chats beyond the unread-groups page: read each once.
    let missing: BTreeSet<String> = interactions
        .iter()
        .filter_map(|i| i.get("groupId").and_then(text))
        .filter(|g| !chats.contains_key(g))
        .collect();
    for group_id in missing {
        let group = app
            .fansly
            .group(&c.creds, &group_id)
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        let g = group.response();
        let g = g.get("group").unwrap_or(g);
        let partner = g.get("users").and_then(Value::as_array).and_then(|users| {
            users
                .iter()
                .filter_map(|u| u.get("userId").and_then(text))
                .find(|u| *u != me)
        });
        chats.insert(group_id, (partner, None));
    }

    // Partners without an account in the aggregation: one by-ids read.
    let known: BTreeSet<String> = accounts
        .iter()
        .filter_map(|a| a.get("id").and_then(text))
        .collect();
    let wanted: BTreeSet<String> = chats
        .values()
        .filter_map(|(p, _)| p.clone())
        .filter(|p| !known.contains(p))
        .collect();
    let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
    for chunk in wanted.chunks(100) {
        let found = app
            .fansly
            .accounts_by_ids(&c.creds, chunk)
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        if let Value::Array(a) = found.response() {
            accounts.extend(a.iter().cloned());
        }
    }
    let by_id: HashMap<String, &Value> = accounts
        .iter()
        .filter_map(|a| Some((a.get("id").and_then(text)?, a)))
        .collect();

    let mut per_group: HashMap<String, usize> = HashMap::new();
    for i in &interactions {
        if let Some(g) = i.get("groupId").and_then(text) {
            *per_group.entry(g).or_default() += 1;
        }
    }
    let rows: Vec<Value> = interactions
        .iter()
        .map(|i| {
            let group_id = i.get("groupId").and_then(text).unwrap_or_default();
            let (partner, count) = chats.get(&group_id).cloned().unwrap_or((None, None));
            let account = partner.as_ref().and_then(|p| by_id.get(p));
            let field = |k: &str| {
                account
                    .and_then(|a| a.get(k))
                    .cloned()
                    .unwrap_or(Value::Null)
            };
            json!({
                "messageId": i.get("messageId").cloned().unwrap_or(Value::Null),
                "groupId": group_id,
                "senderId": partner,
                "partnerAccountId": partner,
                "partnerUsername": field("username"),
                "partnerDisplayName": field("displayName"),
                "unreadCount": count.unwrap_or_else(|| {
                    Value::from(per_group.get(&group_id).copied().unwrap_or(0))
                }),
            })
        })
        .collect();
    let next = if interactions.len() >= UNREAD_PAGE as usize {
        rows.last().and_then(|r| r.get("messageId")).and_then(text)
    } else {
        None
    };
    let body = json!({
        "success": true,
        "response": {
            "data": rows,
            "aggregationData": { "accounts": accounts },
            "messageInteractions": interactions,
            "total": total,
        },
    });
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        unread.status,
        body,
        next,
    ))
}

/// H3: every tip of one fan, from the per-fan ledger.
async fn tips(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, fan_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("fan_id", &fan_id)?;
    let q = QueryParams::parse(raw.as_deref());
    let now = app.clock.now_ms();
    let after = q.integer("after")?.unwrap_or(0);
    // Fansly's window is [after, before): the default includes this very millisecond.
    let before = q.integer("before")?.unwrap_or(now + 1);
    if after < 0 || before < 0 {
        return Err(ApiError::bad_request(
            "after and before must be Unix times in milliseconds",
        ));
    }
    if after >= before {
        return Err(ApiError::bad_request("after must be earlier than before"));
    }
    let mut kept = Vec::new();
    let mut agg_tips = Vec::new();
    let mut agg_accounts = Vec::new();
    let mut cursor = "0".to_owned();
    let mut status = 200;
    for _ in 0..TIPS_MAX_PAGES {
        let native = app
            .fansly
            .earnings_transactions_accounts(
                &c.creds,
                &FanTransactionsQuery {
                    correlation_account_id: fan_id.clone(),
                    after,
                    before,
                    cursor: cursor.clone(),
                    limit: TIPS_PAGE,
                },
            )
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        status = native.status;
        let r = native.response();
        kept.extend(
            items(r, "data")
                .iter()
                .filter(|t| {
                    t.get("type")
                        .and_then(Value::as_i64)
                        .is_some_and(|ty| TIP_TYPES.contains(&ty))
                })
                .cloned(),
        );
        merge_by_id(&mut agg_tips, r.pointer("/aggregationData/tips"));
        merge_by_id(&mut agg_accounts, r.pointer("/aggregationData/accounts"));
        let more = r.get("hasMore").and_then(Value::as_bool).unwrap_or(false);
        match r.get("nextCursor").and_then(text) {
            Some(next) if more && next != cursor => cursor = next,
            _ => break,
        }
    }
    let sum = |k: &str| -> i64 {
        kept.iter()
            .filter_map(|t| t.get(k).and_then(Value::as_i64))
            .sum()
    };
    let body = json!({
        "success": true,
        "response": {
            "tips": kept,
            "aggregationData": { "tips": agg_tips, "accounts": agg_accounts },
            "totalGross": sum("transactionAmount"),
            "totalNet": sum("amount"),
            "count": kept.len(),
        },
    });
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(StatusCode::OK, status, body))
}

/// Appends the objects of `from` (an array) whose `id` is not in `into` yet.
fn merge_by_id(into: &mut Vec<Value>, from: Option<&Value>) {
    let Some(Value::Array(from)) = from else {
        return;
    };
    for item in from {
        let id = item.get("id").and_then(text);
        if id.is_none() || !into.iter().any(|x| x.get("id").and_then(text) == id) {
            into.push(item.clone());
        }
    }
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

/// H5.
async fn mute(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    mute_flag(app, tenant, account_id, body, true).await
}

/// H6.
async fn unmute(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    mute_flag(app, tenant, account_id, body, false).await
}

async fn mute_flag(
    app: AppState,
    tenant: Tenant,
    account_id: String,
    body: Value,
    on: bool,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let body = object(body)?;
    let target = id_value(body.get("targetUserId"), "targetUserId")?.ok_or_else(|| {
        ApiError::bad_request("targetUserId is required (the fan's native account id)")
    })?;
    let native = set_ignore_flags(&app, tenant, &c, &target, |f| {
        if on {
            f | IGNORE_MUTE
        } else {
            f & !IGNORE_MUTE
        }
    })
    .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// H7.
async fn hide(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, chat_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("chat_id", &chat_id)?;
    let native = update_user_settings(&app, tenant, &c, &chat_id, |s| {
        s.insert("hidden".into(), Value::Bool(true));
    })
    .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// AL13: marks one chat's unread messages read, or every chat when no `chatId` is given.
async fn mark_as_read(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let body = object(body)?;
    let chat_id = id_value(body.get("chatId"), "chatId")?;
    let Some(chat_id) = chat_id else {
        let native = app
            .fansly
            .message_ack_all(&c.creds, ACK_READ)
            .await
            .or_upstream(&app, tenant, &account_id)
            .await?;
        return Ok(proxied(&app, tenant, &c, native).await);
    };
    let me = c.account.native_id.clone();
    let recent = app
        .fansly
        .messages(&c.creds, &chat_id, MARK_READ_WINDOW, None)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let ids: Vec<String> = items(recent.response(), "messages")
        .iter()
        .filter(|m| m.get("senderId").and_then(text).as_deref() != Some(me.as_str()))
        .filter(|m| unread_by(m, &me))
        .filter_map(|m| m.get("id").and_then(text))
        .collect();
    if ids.is_empty() {
        // Nothing to acknowledge: no native call, a gateway-built answer.
        app.touch(tenant, &c.account).await;
        return Ok(envelope::proxied(
            StatusCode::OK,
            recent.status,
            json!({ "success": true, "response": { "groupId": chat_id, "messageIds": [] } }),
        ));
    }
    let native = app
        .fansly
        .message_ack(&c.creds, &ids, ACK_READ)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// True when `me`'s interaction with the message has no `readAt`.
fn unread_by(message: &Value, me: &str) -> bool {
    let mine: Option<&Map<String, Value>> = message
        .get("interactions")
        .and_then(Value::as_array)
        .and_then(|all| {
            all.iter()
                .find(|i| i.get("userId").and_then(text).as_deref() == Some(me))
        })
        .and_then(Value::as_object);
    match mine {
        Some(i) => match i.get("readAt") {
            None | Some(Value::Null) => true,
            Some(v) => v.as_i64() == Some(0),
        },
        // No interaction of ours listed: treat as unread (acking it again is harmless).
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_means_no_read_at_for_me() {
        let m = json!({"interactions": [{"userId": "1", "readAt": null}, {"userId": "2", "readAt": 5}]});
        assert!(unread_by(&m, "1"));
        assert!(!unread_by(&m, "2"));
        let zero = json!({"interactions": [{"userId": "1", "readAt": 0}]});
        assert!(unread_by(&zero, "1"));
    }

    #[test]
    fn merging_keeps_the_first_of_each_id() {
        let mut into = vec![json!({"id": "1", "v": 1})];
        merge_by_id(&mut into, Some(&json!([{"id": "1", "v": 2}, {"id": "2"}])));
        assert_eq!(into.len(), 2);
        assert_eq!(into[0]["v"], 1);
    }
}
