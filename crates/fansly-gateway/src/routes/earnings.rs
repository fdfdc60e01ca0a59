//! Earnings and balance routes (route-map §1.16, §2 AL5/AL8). Every figure stays in native
//! mills (§0.6) except the alias-only dollar fields of AL5.
//!
//! - E1 `GET /{a}/earnings?after&before` → `GET /account/wallets/earnings`, plus
//!   `GET /account/wallets/earnings/stats?after&before&limit=100` when a bound is given
//!   (**P\***: the step-1 object plus `stats`).
//! - E2 `GET /{a}/earnings/fans/{fan_id}?after&before` →
//!   `GET /account/wallets/earnings/monthlystats/accounts?correlationAccountId&after&before` (**P**).
//! - E3 `GET /{a}/earnings/fans/{fan_id}/stats?after&before` →
//!   `GET /account/wallets/earnings/stats/accounts?correlationAccountId&after&before` (**P**).
//! - E4 `GET /{a}/earnings/monthly?after&before` → `GET /account/wallets/earnings/monthlystats` (**P**).
//! - E5 `GET /{a}/earnings/transactions?before&after&limit&offset` →
//!   `GET /account/wallets/earnings/transactions` with the ms bounds turned into snowflake ids
//!   (`(ms − 1561494359539) << 22`), limit 1–50 (default 20), offset (**P**, no cursor).
//! - AL5 `GET /{a}/earnings/statistics?startDate&endDate` → as E1 with the stats call always
//!   made; plus flat dollar fields `total`, `subscriptions`, `tips`, `messages`, `period`.
//! - AL8 `GET /{a}/balance` → `GET /account/{creatorId}/wallets` + `GET /account/wallets/earnings`
//!   (**P\***: `{wallets, pendingBalance, totalEarnings}`).
//!
//! Windows (E1–E5, AL5): ms, `after=0` and `before=now` by default; a bound in the future or
//! `after ≥ before` is a 400 with no Fansly call.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use fansly_client::{EarningsTransactionsQuery, NativeResponse, ms_to_snowflake};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::http::auth::Tenant;
use crate::http::envelope::{self, timestamp_ms};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult};
use crate::routes::subscribers::window;
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate;

/// E5 page size: default and maximum (route-map §1.16).
pub const TX_DEFAULT_LIMIT: u32 = 20;
pub const TX_MAX_LIMIT: u32 = 50;

/// AL5 groups of native transaction types (route-map §2 AL5).
const SUBSCRIPTION_TYPES: [i64; 3] = [15000, 15001, 6515];
const TIP_TYPES: [i64; 2] = [7101, 7001];
const MESSAGE_TYPES: [i64; 2] = [2110, 2116];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/earnings", get(summary))
        .route("/{account_id}/earnings/statistics", get(statistics))
        .route("/{account_id}/earnings/monthly", get(monthly))
        .route("/{account_id}/earnings/transactions", get(transactions))
        .route("/{account_id}/earnings/fans/{fan_id}", get(fan_monthly))
        .route("/{account_id}/earnings/fans/{fan_id}/stats", get(fan_stats))
        .route("/{account_id}/balance", get(balance))
}

fn malformed(cause: &str) -> ApiError {
    ApiError::bad_gateway("Fansly sent a malformed response").with_cause(cause.to_owned())
}

/// A copy of `native` whose `response` is `response`.
fn with_response(native: &NativeResponse, response: Value) -> Value {
    let mut body = native.body.clone();
    body["response"] = response;
    body.into_value()
}

/// E1.
async fn summary(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let (after, before) = (p.get("after"), p.get("before"));
    let bounds = window(after, before, app.clock.now_ms())?;
    let stats_window = (after.is_some() || before.is_some()).then_some(bounds);
    let c = app.with_session(tenant, account).await?;
    let (native, _) = earnings_with_stats(&app, tenant, &c, stats_window).await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// `GET /account/wallets/earnings` and, for a window, its stats rows under `stats`. Returns
/// the combined native answer and the stats rows.
async fn earnings_with_stats(
    app: &AppState,
    tenant: Tenant,
    c: &crate::http::account::Connected,
    stats_window: Option<(i64, i64)>,
) -> ApiResult<(NativeResponse, Vec<Value>)> {
    let id = &c.account.id;
    let native = app
        .fansly
        .earnings(&c.creds)
        .await
        .or_upstream(app, tenant, id)
        .await?;
    let Some(mut response) = native.response().as_object().cloned() else {
        return Err(malformed("wallets/earnings response is not an object"));
    };
    let mut rows = Vec::new();
    if let Some((after, before)) = stats_window {
        let stats = app
            .fansly
            .earnings_stats(&c.creds, after, before)
            .await
            .or_upstream(app, tenant, id)
            .await?;
        let Some(array) = stats.response().as_array() else {
            return Err(malformed("wallets/earnings/stats response is not an array"));
        };
        rows.clone_from(array);
        response.insert("stats".to_owned(), Value::Array(rows.clone()));
    }
    let body = with_response(&native, Value::Object(response));
    Ok((
        NativeResponse {
            status: native.status,
            body: body.into(),
        },
        rows,
    ))
}

/// AL5: `startDate` / `endDate` as ms or ISO-8601; the stats call always runs.
async fn statistics(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let now = app.clock.now_ms();
    let start = date_param("startDate", p.get("startDate"))?;
    let end = date_param("endDate", p.get("endDate"))?;
    let (after, before) = named_window(("startDate", start), ("endDate", end), now)?;
    let c = app.with_session(tenant, account).await?;
    let (native, rows) = earnings_with_stats(&app, tenant, &c, Some((after, before))).await?;
    app.touch(tenant, &c.account).await;
    let mut data = Map::new();
    data.insert("status_code".to_owned(), json!(native.status));
    data.insert("data".to_owned(), native.body.into_value());
    for (k, v) in dollar_totals(&rows) {
        data.insert(k.to_owned(), json!(v));
    }
    data.insert(
        "period".to_owned(),
        json!({"start": timestamp_ms(after), "end": timestamp_ms(before)}),
    );
    Ok(envelope::ok(StatusCode::OK, "Success", Value::Object(data)))
}

/// `(total, subscriptions, tips, messages)` in dollars with 2 decimals, from the stats rows'
/// `totalNet` (mills) by type; `total` sums every type.
pub fn dollar_totals(rows: &[Value]) -> [(&'static str, f64); 4] {
    let (mut total, mut subs, mut tips, mut messages) = (0i64, 0i64, 0i64, 0i64);
    for row in rows {
        let kind = row.get("type").and_then(Value::as_i64).unwrap_or(0);
        let net = match row.get("totalNet") {
            Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
            Some(Value::String(s)) => s.parse().unwrap_or(0),
            _ => 0,
        };
        total += net;
        if SUBSCRIPTION_TYPES.contains(&kind) {
            subs += net;
        } else if TIP_TYPES.contains(&kind) {
            tips += net;
        } else if MESSAGE_TYPES.contains(&kind) {
            messages += net;
        }
    }
    let dollars = |mills: i64| (mills as f64 / 10.0).round() / 100.0;
    [
        ("total", dollars(total)),
        ("subscriptions", dollars(subs)),
        ("tips", dollars(tips)),
        ("messages", dollars(messages)),
    ]
}

/// A date given as Unix ms or as ISO-8601 (`2026-01-31T00:00:00Z` or `2026-01-31`).
fn date_param(name: &str, raw: Option<&str>) -> ApiResult<Option<i64>> {
    let Some(raw) = raw else { return Ok(None) };
    if let Ok(ms) = raw.parse::<i64>() {
        return non_negative(name, ms);
    }
    if let Ok(at) = OffsetDateTime::parse(raw, &Rfc3339) {
        let ms = i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(-1);
        return non_negative(name, ms);
    }
    let day_format = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(day) = time::Date::parse(raw, &day_format) {
        return non_negative(name, day.midnight().assume_utc().unix_timestamp() * 1000);
    }
    Err(ApiError::bad_request(format!(
        "{name} must be a Unix time in milliseconds or an ISO-8601 date (got `{raw}`)"
    )))
}

fn non_negative(name: &str, ms: i64) -> ApiResult<Option<i64>> {
    if ms < 0 {
        return Err(ApiError::bad_request(format!(
            "{name} must not be before 1970-01-01"
        )));
    }
    Ok(Some(ms))
}

/// The window rule of E1–E5 with the client's own field names.
fn named_window(
    (a_name, after): (&str, Option<i64>),
    (b_name, before): (&str, Option<i64>),
    now: i64,
) -> ApiResult<(i64, i64)> {
    for (name, v) in [(a_name, after), (b_name, before)] {
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
            "{a_name} must be earlier than {b_name} (got {a_name}={after}, {b_name}={before})"
        )));
    }
    Ok((after, before))
}

/// E4.
async fn monthly(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let (after, before) = window(p.get("after"), p.get("before"), app.clock.now_ms())?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .earnings_monthly(&c.creds, after, before)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    array_answer(&app, tenant, &c, native, "monthlystats").await
}

/// E2.
async fn fan_monthly(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, fan_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let (c, after, before) = fan_window(&app, tenant, &account_id, &fan_id, raw).await?;
    let native = app
        .fansly
        .earnings_monthly_of_fan(&c.creds, &fan_id, after, before)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    array_answer(&app, tenant, &c, native, "monthlystats/accounts").await
}

/// E3.
async fn fan_stats(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, fan_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let (c, after, before) = fan_window(&app, tenant, &account_id, &fan_id, raw).await?;
    let native = app
        .fansly
        .earnings_stats_of_fan(&c.creds, &fan_id, after, before)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    array_answer(&app, tenant, &c, native, "stats/accounts").await
}

/// E2 and E3's common checks, in order: the account is the key's (403/404), `fan_id` is a
/// native id, `after`/`before` are a valid window (400), the session is alive (401).
async fn fan_window(
    app: &AppState,
    tenant: Tenant,
    account_id: &str,
    fan_id: &str,
    raw: Option<String>,
) -> ApiResult<(crate::http::account::Connected, i64, i64)> {
    let account = app.owned_account(tenant, account_id).await?;
    validate::native_id("fan_id", fan_id)?;
    let p = QueryParams::parse(raw.as_deref());
    let (after, before) = window(p.get("after"), p.get("before"), app.clock.now_ms())?;
    let c = app.with_session(tenant, account).await?;
    Ok((c, after, before))
}

/// Proxies a native answer whose `response` must be an array.
async fn array_answer(
    app: &AppState,
    tenant: Tenant,
    c: &crate::http::account::Connected,
    native: NativeResponse,
    what: &str,
) -> ApiResult<Response> {
    if !native.response().is_array() {
        return Err(malformed(&format!(
            "earnings/{what} response is not an array"
        )));
    }
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// E5.
async fn transactions(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let (after, before) = window(p.get("after"), p.get("before"), app.clock.now_ms())?;
    let limit = p.limit(TX_DEFAULT_LIMIT, TX_MAX_LIMIT)?;
    let offset = p.offset_param()?;
    let q = EarningsTransactionsQuery {
        before_id: ms_to_snowflake(before),
        after_id: if after == 0 {
            0
        } else {
            ms_to_snowflake(after)
        },
        limit,
        offset,
    };
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .earnings_transactions(&c.creds, &q)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    if !native.response().get("data").is_some_and(Value::is_array) {
        return Err(malformed("earnings/transactions without a data array"));
    }
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// AL8.
async fn balance(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let wallets = app
        .fansly
        .wallets(&c.creds, &c.account.native_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    if !wallets.response().is_array() {
        return Err(malformed("account wallets response is not an array"));
    }
    let earnings = app
        .fansly
        .earnings(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let e = earnings.response();
    if !e.is_object() {
        return Err(malformed("wallets/earnings response is not an object"));
    }
    let response = json!({
        "wallets": wallets.response(),
        "pendingBalance": e.get("pendingBalance").cloned().unwrap_or(json!(0)),
        "totalEarnings": e.get("totalEarnings").cloned().unwrap_or(json!(0)),
    });
    let body = with_response(&wallets, response);
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(StatusCode::OK, wallets.status, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_group_types_and_round() {
        let rows = vec![
            json!({"type": 15001, "totalNet": 7992}),
            json!({"type": 7101, "totalNet": 4000}),
            json!({"type": 2110, "totalNet": 1234}),
            json!({"type": 2116, "totalNet": "1000"}),
            json!({"type": 45001, "totalNet": 5}),
        ];
        let t = dollar_totals(&rows);
        assert_eq!(t[0], ("total", 14.23));
        assert_eq!(t[1], ("subscriptions", 7.99));
        assert_eq!(t[2], ("tips", 4.0));
        assert_eq!(t[3], ("messages", 2.23));
    }

    #[test]
    fn dates_are_ms_or_iso() {
        assert_eq!(
            date_param("startDate", Some("1700000000000")).unwrap(),
            Some(1_700_000_000_000)
        );
        assert_eq!(
            date_param("startDate", Some("2023-11-14T22:13:20Z")).unwrap(),
            Some(1_700_000_000_000)
        );
        assert_eq!(
            date_param("startDate", Some("2024-02-01")).unwrap(),
            Some(1_706_745_600_000)
        );
        assert!(
            date_param("startDate", Some("soon"))
                .unwrap_err()
                .message
                .contains("startDate")
        );
        assert_eq!(date_param("startDate", None).unwrap(), None);
    }
}
