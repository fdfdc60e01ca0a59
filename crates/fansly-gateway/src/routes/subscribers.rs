//! Subscriber routes (route-map §1.10, §2): S1–S3 `GET /{a}/subscribers?status&cursor&limit&
//! subscriptionTierIds&search` → `GET /subscribers` (offset paging, +C[off]); the aliases AL3
//! `GET /{a}/subscribers/active` and AL4 `GET /{a}/subscribers/expired` (the same call). All
//! three add the flat, fan-shaped `data.subscribers` and `data.count` (client-compat §5.3,
//! `flat.rs`: one `GET /account?ids=` per 100 fans and one `GET /account/wallets/earnings/
//! accounts` per page); and S4 `GET /{a}/top-supporters?after&before` →
//! `GET /account/wallets/earnings/accounts`, sorted by spend.
//!
//! Subscriber `status` (route-map §6 decision 1): `active` → native `3,4`, `expired` → `5`,
//! `all` → `3,4,5`, a comma list of native numbers passes through, absent → `3,4`. Prices stay
//! in native mills (§0.6).

use std::cmp::Ordering;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use fansly_client::{NativeResponse, SubscribersQuery};
use serde_json::Value;

use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::page;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate;

/// Native `/subscribers` page size cap, and the gateway default.
pub const MAX_LIMIT: u32 = 100;
/// Native status list for "current" subscribers (3 active, 4 lapsed but still with access).
pub const STATUS_ACTIVE: &str = "3,4";
/// Native status list for expired subscribers.
pub const STATUS_EXPIRED: &str = "5";
/// Native status list for every subscriber, current or expired.
pub const STATUS_ALL: &str = "3,4,5";

mod flat;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/subscribers", get(list))
        .route("/{account_id}/subscribers/active", get(active))
        .route("/{account_id}/subscribers/expired", get(expired))
        .route("/{account_id}/top-supporters", get(top_supporters))
}

/// S1–S3: the proxied page plus the flat `data.subscribers` / `data.count`.
async fn list(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let status = native_status(p.get("status"))?;
    let q = subscribers_query(&p, status, false)?;
    respond(&app, tenant, account, &q).await
}

/// AL3: as S2 (`offset` also accepted).
async fn active(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    alias(app, tenant, account_id, raw, STATUS_ACTIVE).await
}

/// AL4: as S3 (`offset` also accepted).
async fn expired(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    alias(app, tenant, account_id, raw, STATUS_EXPIRED).await
}

async fn alias(
    app: AppState,
    tenant: Tenant,
    account_id: String,
    raw: Option<String>,
    status: &str,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let q = subscribers_query(&p, status.to_owned(), true)?;
    respond(&app, tenant, account, &q).await
}

/// One page: Fansly's answer unchanged at `data.data.response`, the fan-shaped rows at
/// `data.subscribers` and the count of that status at `data.count` (client-compat §5.3).
async fn respond(
    app: &AppState,
    tenant: Tenant,
    account: gateway_store::Account,
    q: &SubscribersQuery,
) -> ApiResult<Response> {
    let c = app.with_session(tenant, account).await?;
    let (native, next) = fetch(app, tenant, &c, q).await?;
    let rows = items(native.response());
    let subscribers = flat::rows(app, tenant, &c, rows).await?;
    let count = flat::count(
        native.response(),
        &q.status,
        q.offset,
        next.is_none(),
        rows.len(),
    );
    let mut data = page::paged_data(native.status, native.body.into_value(), next);
    if let Value::Object(d) = &mut data {
        d.insert("subscribers".to_owned(), Value::Array(subscribers));
        d.insert("count".to_owned(), count);
    }
    app.touch(tenant, &c.account).await;
    Ok(envelope::ok(StatusCode::OK, "Success", data))
}

fn items(response: &Value) -> &[Value] {
    response
        .get("subscriptions")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The native query for one subscribers page. `offset_alias` lets `offset` stand in for
/// `cursor` (the aliases; `cursor` wins when both are sent).
fn subscribers_query(
    p: &QueryParams,
    status: String,
    offset_alias: bool,
) -> ApiResult<SubscribersQuery> {
    let limit = p.limit(MAX_LIMIT, MAX_LIMIT)?;
    let offset = p.offset(offset_alias)?;
    let search = p.get("search").map(str::trim).unwrap_or("").to_owned();
    validate::max_len("search", &search, 100)?;
    let subscription_tier_ids = tier_ids(p.get("subscriptionTierIds"))?;
    Ok(SubscribersQuery {
        status,
        limit,
        offset,
        search,
        subscription_tier_ids,
    })
}

/// Calls `/subscribers` and computes the next offset cursor.
async fn fetch(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    q: &SubscribersQuery,
) -> ApiResult<(NativeResponse, Option<String>)> {
    let native = app
        .fansly
        .subscribers(&c.creds, q)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    let Some(rows) = native
        .response()
        .get("subscriptions")
        .and_then(Value::as_array)
    else {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("subscribers without a subscriptions array"));
    };
    let next = page::next_offset(q.offset, rows.len(), q.limit as usize);
    Ok((native, next))
}

/// S4.
async fn top_supporters(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let (after, before) = window(p.get("after"), p.get("before"), app.clock.now_ms())?;
    let c = app.with_session(tenant, account).await?;
    let mut native = app
        .fansly
        .earnings_by_account(&c.creds, after, before)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let Some(rows) = native
        .body
        .get_mut("response")
        .and_then(Value::as_array_mut)
    else {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("earnings/accounts response is not an array"));
    };
    sort_supporters(rows);
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// The S4 time window in ms: only `after` → `before = now`; neither → `0…now`. A bound in
/// the future, or `after >= before`, is a 400.
pub fn window(after: Option<&str>, before: Option<&str>, now: i64) -> ApiResult<(i64, i64)> {
    let after = ms_param("after", after)?;
    let before = ms_param("before", before)?;
    for (name, v) in [("after", after), ("before", before)] {
        if let Some(v) = v
            && v > now
        {
            return Err(ApiError::bad_request(format!(
                "{name} must not be in the future (got {v}, now is {now})"
            )));
        }
    }
    let (after, before) = (after.unwrap_or(0), before.unwrap_or(now));
    if after >= before {
        return Err(ApiError::bad_request(format!(
            "after must be earlier than before (got after={after}, before={before})"
        )));
    }
    Ok((after, before))
}

fn ms_param(name: &str, raw: Option<&str>) -> ApiResult<Option<i64>> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    match raw.parse::<i64>() {
        Ok(v) if v >= 0 => Ok(Some(v)),
        _ => Err(ApiError::bad_request(format!(
            "{name} must be a Unix time in milliseconds (a non-negative integer)"
        ))),
    }
}

/// Biggest spenders first: `totalGross` descending, then `totalNet` descending, then the fan
/// id (`correlationAccountId`) ascending. Ids are compared as decimal strings, never as numbers.
pub fn sort_supporters(rows: &mut [Value]) {
    fn amount(v: &Value, key: &str) -> f64 {
        match v.get(key) {
            Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
            Some(Value::String(s)) => s.parse().unwrap_or(0.0),
            _ => 0.0,
        }
    }
    fn fan(v: &Value) -> &str {
        v.get("correlationAccountId")
            .and_then(Value::as_str)
            .unwrap_or("")
    }
    rows.sort_by(|a, b| {
        amount(b, "totalGross")
            .total_cmp(&amount(a, "totalGross"))
            .then_with(|| amount(b, "totalNet").total_cmp(&amount(a, "totalNet")))
            .then_with(|| id_cmp(fan(a), fan(b)))
    });
}

/// Orders decimal id strings numerically without parsing them.
pub fn id_cmp(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Maps the gateway's `status` onto the native list (route-map §6 decision 1).
pub fn native_status(raw: Option<&str>) -> ApiResult<String> {
    let raw = raw.map(str::trim).unwrap_or("");
    match raw.to_ascii_lowercase().as_str() {
        "" => return Ok(STATUS_ACTIVE.to_owned()),
        "active" => return Ok(STATUS_ACTIVE.to_owned()),
        "expired" => return Ok(STATUS_EXPIRED.to_owned()),
        "all" => return Ok(STATUS_ALL.to_owned()),
        _ => {}
    }
    let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Ok(parts.join(","));
    }
    Err(ApiError::bad_request(
        "status must be all, active, expired, or a comma-separated list of native Fansly subscription statuses such as 3,4 (3 active, 4 lapsed with access, 5 expired)",
    ))
}

/// `subscriptionTierIds`: a comma list of native tier ids, forwarded as `subscriptionTierId`.
fn tier_ids(raw: Option<&str>) -> ApiResult<Option<String>> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let ids: Vec<&str> = raw.split(',').map(str::trim).collect();
    if ids.len() > 100 || !ids.iter().all(|id| validate::is_native_id(id)) {
        return Err(ApiError::bad_request(
            "subscriptionTierIds must be a comma-separated list of at most 100 numeric native Fansly tier ids",
        ));
    }
    Ok(Some(ids.join(",")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn status_mapping() {
        assert_eq!(native_status(None).unwrap(), "3,4");
        assert_eq!(native_status(Some("")).unwrap(), "3,4");
        assert_eq!(native_status(Some("active")).unwrap(), "3,4");
        assert_eq!(native_status(Some("ACTIVE")).unwrap(), "3,4");
        assert_eq!(native_status(Some("expired")).unwrap(), "5");
        assert_eq!(native_status(Some("all")).unwrap(), "3,4,5");
        assert_eq!(native_status(Some("3,4")).unwrap(), "3,4");
        assert_eq!(native_status(Some("3")).unwrap(), "3");
        assert_eq!(native_status(Some("4")).unwrap(), "4");
        assert_eq!(native_status(Some(" 3, 5 ")).unwrap(), "3,5");
        for bad in [
            "current", "3,,4", "3;4", "-3", "active,5", "3,a", "1234", ",",
        ] {
            let e = native_status(Some(bad)).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST);
            assert!(e.message.starts_with("status"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn tier_id_lists() {
        assert_eq!(tier_ids(None).unwrap(), None);
        assert_eq!(tier_ids(Some("1, 2")).unwrap().as_deref(), Some("1,2"));
        assert!(tier_ids(Some("1,x")).is_err());
    }

    #[test]
    fn windows() {
        let now = 1_000_000;
        assert_eq!(window(None, None, now).unwrap(), (0, now));
        assert_eq!(window(Some("500"), None, now).unwrap(), (500, now));
        assert_eq!(window(None, Some("900"), now).unwrap(), (0, 900));
        assert_eq!(window(Some("1"), Some("2"), now).unwrap(), (1, 2));
        assert!(
            window(Some("2"), Some("2"), now)
                .unwrap_err()
                .message
                .contains("after")
        );
        assert!(window(Some("3"), Some("2"), now).is_err());
        assert!(
            window(None, Some("1000001"), now)
                .unwrap_err()
                .message
                .contains("before")
        );
        assert!(
            window(Some("1000001"), None, now)
                .unwrap_err()
                .message
                .contains("after")
        );
        assert!(
            window(Some("x"), None, now)
                .unwrap_err()
                .message
                .contains("after")
        );
        assert!(window(None, Some("0"), now).is_err());
    }

    #[test]
    fn supporters_sort_by_gross_then_net_then_fan() {
        let mut rows = vec![
            json!({"correlationAccountId": "20", "totalGross": 100, "totalNet": 80}),
            json!({"correlationAccountId": "3", "totalGross": 100, "totalNet": 80}),
            json!({"correlationAccountId": "9", "totalGross": 100, "totalNet": 90}),
            json!({"correlationAccountId": "1", "totalGross": 500, "totalNet": 400}),
        ];
        sort_supporters(&mut rows);
        let order: Vec<&str> = rows
            .iter()
            .map(|r| r["correlationAccountId"].as_str().unwrap())
            .collect();
        assert_eq!(order, ["1", "9", "3", "20"]);
    }
}
