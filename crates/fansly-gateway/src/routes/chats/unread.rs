//! H2 `GET /{a}/chats/unread`: one row per unread message interaction, joined with its chat.

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use fansly_client::GroupsQuery;
use serde_json::{Value, json};

use crate::http::ApiResult;
use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::media_access::text;
use crate::routes::messages::items;
use crate::state::AppState;
use crate::upstream::OrUpstream;

use super::{FLAG_UNREAD, UNREAD_PAGE};

/// H2: one row per unread message interaction, joined with its chat.
pub(super) async fn unread(
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
