//! H3 `GET /{a}/chats/{fan_id}/tips`: every tip of one fan, from the per-fan ledger.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use fansly_client::FanTransactionsQuery;
use serde_json::{Value, json};

use crate::http::auth::Tenant;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult, envelope};
use crate::media_access::text;
use crate::routes::messages::items;
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

use super::{TIP_TYPES, TIPS_MAX_PAGES, TIPS_PAGE};

/// H3: every tip of one fan, from the per-fan ledger.
pub(super) async fn tips(
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
pub(super) fn merge_by_id(into: &mut Vec<Value>, from: Option<&Value>) {
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn merging_keeps_the_first_of_each_id() {
        let mut into = vec![json!({"id": "1", "v": 1})];
        merge_by_id(&mut into, Some(&json!([{"id": "1", "v": 2}, {"id": "2"}])));
        assert_eq!(into.len(), 2);
        assert_eq!(into[0]["v"], 1);
    }
}
