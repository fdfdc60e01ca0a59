//! E1–E5, AL5, AL8: earnings and balance against a generated world, every number checked
//! against the simulator's own ledger; the E5 ms → snowflake-id bounds; the window rules;
//! foreign keys; upstream error translation.

use std::collections::BTreeMap;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::audience_support::{connect_world, query_value};
use crate::common::TestApp;
use crate::messaging_support::{assert_400, assert_foreign, assert_proxied, response};

const EPOCH: i64 = 1_561_494_359_539;
const DAY: i64 = 24 * 3600 * 1000;
const HOLD: i64 = 7 * DAY;

fn snowflake(ms: i64) -> u64 {
    u64::try_from((ms - EPOCH) << 22).unwrap()
}

fn id_of(v: &Value) -> u64 {
    v["transactionId"].as_str().unwrap().parse().unwrap()
}

/// The creator's incoming approved earnings rows (the ledger §4.4 aggregates over).
fn incoming(app: &TestApp, creator: &str) -> Vec<Value> {
    app.sim
        .ledger(creator)
        .into_iter()
        .filter(|t| t["destination"] == 2 && t["status"] == 2 && t["walletType"] == 2)
        .collect()
}

fn at(t: &Value) -> i64 {
    t["createdAt"].as_i64().unwrap()
}

fn sum(rows: &[&Value], key: &str) -> i64 {
    rows.iter().map(|t| t[key].as_i64().unwrap()).sum()
}

/// `[{type, totalGross, totalNet, count}]` by ascending type over `[after, before)`.
fn by_type(rows: &[Value], after: i64, before: i64) -> Value {
    let mut m: BTreeMap<i64, Vec<&Value>> = BTreeMap::new();
    for t in rows.iter().filter(|t| at(t) >= after && at(t) < before) {
        m.entry(t["type"].as_i64().unwrap()).or_default().push(t);
    }
    Value::Array(
        m.into_iter()
            .map(|(k, v)| {
                json!({"type": k, "totalGross": sum(&v, "transactionAmount"),
                       "totalNet": sum(&v, "amount"), "count": v.len()})
            })
            .collect(),
    )
}

fn iso(ms: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap();
    let f = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.format(&f).unwrap()
}

fn month_start(ms: i64) -> i64 {
    let t = OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).unwrap();
    let first = t.replace_day(1).unwrap().replace_time(time::Time::MIDNIGHT);
    first.unix_timestamp() * 1000
}

/// `[{month, totalGross, totalNet, count}]`, newest month first.
fn by_month(rows: &[&Value]) -> Value {
    let mut m: BTreeMap<i64, Vec<&Value>> = BTreeMap::new();
    for t in rows {
        m.entry(month_start(at(t))).or_default().push(t);
    }
    Value::Array(
        m.into_iter()
            .rev()
            .map(|(k, v)| {
                json!({"month": k, "totalGross": sum(&v, "transactionAmount"),
                       "totalNet": sum(&v, "amount"), "count": v.len()})
            })
            .collect(),
    )
}

/// The fan with the most incoming rows.
fn busiest_fan(rows: &[Value]) -> String {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for t in rows {
        *count
            .entry(t["correlationAccountId"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    count.into_iter().max_by_key(|(_, n)| *n).unwrap().0
}

async fn world() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    let (acct, summary) = connect_world(&app, "small", 11).await;
    (app, acct, summary.creator_id)
}

#[tokio::test]
async fn e1_summary_and_window_stats_match_the_ledger() {
    let (app, acct, creator) = world().await;
    let rows = incoming(&app, &creator);
    assert!(rows.len() > 10, "the small world has earnings");
    let now = app.sim.now_ms();
    let all: Vec<&Value> = rows.iter().collect();
    let pending: Vec<&Value> = rows.iter().filter(|t| at(t) > now - HOLD).collect();

    let (status, body) = app.get(&format!("/{acct}/earnings"), &app.key_a).await;
    assert_proxied(status, &body);
    let r = response(&body);
    assert_eq!(r["totalEarnings"], sum(&all, "amount"), "{body}");
    assert_eq!(r["pendingBalance"], sum(&pending, "amount"), "{body}");
    assert!(r.get("stats").is_none(), "no window, no stats: {body}");
    assert!(
        app.sim_requests("/api/v1/account/wallets/earnings/stats")
            .await
            .is_empty()
    );

    // A window adds the stats rows, by type.
    let after = now - 30 * DAY;
    let (status, body) = app
        .get(&format!("/{acct}/earnings?after={after}"), &app.key_a)
        .await;
    assert_proxied(status, &body);
    assert_eq!(
        response(&body)["stats"],
        by_type(&rows, after, now),
        "{body}"
    );
    assert_eq!(
        response(&body)["totalEarnings"],
        sum(&all, "amount"),
        "the summary is unchanged"
    );
    let calls = app
        .sim_requests("/api/v1/account/wallets/earnings/stats")
        .await;
    assert_eq!(calls.len(), 1);
    let q = calls[0]["query"].as_str().unwrap();
    assert_eq!(query_value(q, "after").unwrap(), after.to_string());
    assert_eq!(query_value(q, "before").unwrap(), now.to_string());
    assert_eq!(query_value(q, "limit").unwrap(), "100");

    // Pending money clears after the 7-day hold (renewals due meanwhile are new pending).
    app.advance(HOLD + 1);
    let (_, body) = app.get(&format!("/{acct}/earnings"), &app.key_a).await;
    let now = app.sim.now_ms();
    let rows = incoming(&app, &creator);
    let pending: Vec<&Value> = rows.iter().filter(|t| at(t) > now - HOLD).collect();
    assert_eq!(
        response(&body)["pendingBalance"],
        sum(&pending, "amount"),
        "{body}"
    );
    let all: Vec<&Value> = rows.iter().collect();
    assert_eq!(response(&body)["totalEarnings"], sum(&all, "amount"));
}

#[tokio::test]
async fn al5_statistics_adds_flat_dollar_fields() {
    let (app, acct, creator) = world().await;
    let rows = incoming(&app, &creator);
    let now = app.sim.now_ms();
    let start = now - 60 * DAY;
    let (status, body) = app
        .get(
            &format!("/{acct}/earnings/statistics?startDate={start}"),
            &app.key_a,
        )
        .await;
    assert_proxied(status, &body);
    let window: Vec<&Value> = rows
        .iter()
        .filter(|t| at(t) >= start && at(t) < now)
        .collect();
    let dollars = |types: &[i64]| {
        let mills: i64 = window
            .iter()
            .filter(|t| types.is_empty() || types.contains(&t["type"].as_i64().unwrap()))
            .map(|t| t["amount"].as_i64().unwrap())
            .sum();
        (mills as f64 / 10.0).round() / 100.0
    };
    let d = &body["data"];
    assert_eq!(d["total"].as_f64().unwrap(), dollars(&[]), "{body}");
    assert_eq!(
        d["subscriptions"].as_f64().unwrap(),
        dollars(&[15000, 15001, 6515])
    );
    assert_eq!(d["tips"].as_f64().unwrap(), dollars(&[7101, 7001]));
    assert_eq!(d["messages"].as_f64().unwrap(), dollars(&[2110, 2116]));
    assert!(d["total"].as_f64().unwrap() > 0.0);
    assert_eq!(response(&body)["stats"], by_type(&rows, start, now));
    assert_eq!(d["period"], json!({"start": iso(start), "end": iso(now)}));

    // ISO-8601 dates; the stats call runs even without a window.
    let (status, body) = app
        .get(
            &format!(
                "/{acct}/earnings/statistics?startDate=2020-01-01&endDate=2020-02-01T00:00:00Z"
            ),
            &app.key_a,
        )
        .await;
    assert_proxied(status, &body);
    assert_eq!(body["data"]["period"]["start"], "2020-01-01T00:00:00.000Z");
    assert_eq!(body["data"]["total"].as_f64(), Some(0.0));
    let (status, body) = app
        .get(&format!("/{acct}/earnings/statistics"), &app.key_a)
        .await;
    assert_proxied(status, &body);
    assert_eq!(response(&body)["stats"], by_type(&rows, 0, now));

    let (s, b) = app
        .get(
            &format!("/{acct}/earnings/statistics?startDate=soon"),
            &app.key_a,
        )
        .await;
    assert_400(s, &b, "startDate");
    let (s, b) = app
        .get(
            &format!("/{acct}/earnings/statistics?startDate={now}&endDate={start}"),
            &app.key_a,
        )
        .await;
    assert_400(s, &b, "startDate must be earlier than endDate");
}

#[tokio::test]
async fn e2_e3_e4_monthly_and_per_fan_rows_match_the_ledger() {
    let (app, acct, creator) = world().await;
    let rows = incoming(&app, &creator);
    let now = app.sim.now_ms();
    let all: Vec<&Value> = rows.iter().collect();

    let (status, body) = app
        .get(&format!("/{acct}/earnings/monthly"), &app.key_a)
        .await;
    assert_proxied(status, &body);
    assert_eq!(response(&body), &by_month(&all), "{body}");
    assert!(
        response(&body).as_array().unwrap().len() >= 3,
        "90 days span 3+ months"
    );

    let fan = busiest_fan(&rows);
    let fan_rows: Vec<Value> = rows
        .iter()
        .filter(|t| t["correlationAccountId"] == fan.as_str())
        .cloned()
        .collect();
    let (status, body) = app
        .get(&format!("/{acct}/earnings/fans/{fan}"), &app.key_a)
        .await;
    assert_proxied(status, &body);
    assert_eq!(
        response(&body),
        &by_month(&fan_rows.iter().collect::<Vec<_>>()),
        "{body}"
    );
    let (status, body) = app
        .get(&format!("/{acct}/earnings/fans/{fan}/stats"), &app.key_a)
        .await;
    assert_proxied(status, &body);
    assert_eq!(response(&body), &by_type(&fan_rows, 0, now), "{body}");
    let calls = app
        .sim_requests("/api/v1/account/wallets/earnings/stats/accounts")
        .await;
    let q = calls[0]["query"].as_str().unwrap();
    assert_eq!(query_value(q, "correlationAccountId").unwrap(), fan);
    assert_eq!(query_value(q, "after").unwrap(), "0");

    // A window narrows the rows.
    let after = now - 20 * DAY;
    let (_, body) = app
        .get(
            &format!("/{acct}/earnings/fans/{fan}/stats?after={after}"),
            &app.key_a,
        )
        .await;
    assert_eq!(response(&body), &by_type(&fan_rows, after, now));

    for path in [
        format!("/{acct}/earnings/fans/abc"),
        format!("/{acct}/earnings/fans/abc/stats"),
    ] {
        let before = app.sim.requests().len();
        let (s, b) = app.get(&path, &app.key_a).await;
        assert_400(s, &b, "fan_id");
        assert_eq!(app.sim.requests().len(), before);
    }
}

#[tokio::test]
async fn e5_transactions_convert_ms_to_snowflake_ids() {
    let (app, acct, creator) = world().await;
    let now = app.sim.now_ms();
    let (after, before) = (now - 60 * DAY, now - 10 * DAY);
    let expected: Vec<u64> = app
        .sim
        .ledger(&creator)
        .iter()
        .filter(|t| t["walletType"] == 2)
        .map(id_of)
        .filter(|&id| id >= snowflake(after) && id < snowflake(before))
        .rev()
        .collect();
    assert!(expected.len() > 7, "enough rows for two pages");

    let path = format!("/{acct}/earnings/transactions?after={after}&before={before}&limit=5");
    let (status, body) = app.get(&path, &app.key_a).await;
    assert_proxied(status, &body);
    let r = response(&body);
    let ids: Vec<u64> = r["data"].as_array().unwrap().iter().map(id_of).collect();
    assert_eq!(ids, expected[..5], "{body}");
    assert_eq!(r["total"], expected.len());
    assert!(r["aggregationData"]["accounts"].is_array());
    assert!(
        body["data"].get("nextCursor").is_none(),
        "no cursor: {body}"
    );
    let row = &r["data"][0];
    for k in [
        "transactionId",
        "walletId",
        "accountId",
        "correlationId",
        "correlationAccountId",
        "type",
        "status",
        "destination",
        "amount",
        "transactionAmount",
        "destinationAmount",
        "destinationTax",
        "newBalance",
        "newBalance64",
        "senderId",
        "receiverId",
        "createdAt",
        "updatedAt",
    ] {
        assert!(row.get(k).is_some(), "{k}: {row}");
    }
    let calls = app
        .sim_requests("/api/v1/account/wallets/earnings/transactions")
        .await;
    let q = calls[0]["query"].as_str().unwrap();
    assert_eq!(
        query_value(q, "before").unwrap(),
        snowflake(before).to_string()
    );
    assert_eq!(
        query_value(q, "after").unwrap(),
        snowflake(after).to_string()
    );
    assert_eq!(query_value(q, "limit").unwrap(), "5");
    assert_eq!(query_value(q, "offset").unwrap(), "0");

    // Offset paging is the client's.
    let (_, body) = app.get(&format!("{path}&offset=5"), &app.key_a).await;
    let ids: Vec<u64> = response(&body)["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(ids, expected[5..expected.len().min(10)]);

    // Defaults: after=0 (sent as 0), before=now, limit 20.
    let (status, body) = app
        .get(&format!("/{acct}/earnings/transactions"), &app.key_a)
        .await;
    assert_proxied(status, &body);
    assert_eq!(response(&body)["data"].as_array().unwrap().len(), 20);
    let calls = app
        .sim_requests("/api/v1/account/wallets/earnings/transactions")
        .await;
    let q = calls.last().unwrap()["query"].as_str().unwrap();
    assert_eq!(query_value(q, "after").unwrap(), "0");
    assert_eq!(
        query_value(q, "before").unwrap(),
        snowflake(now).to_string()
    );
    assert_eq!(query_value(q, "limit").unwrap(), "20");
}

#[tokio::test]
async fn windows_and_paging_are_validated_before_any_fansly_call() {
    let (app, acct, _) = world().await;
    let now = app.sim.now_ms();
    let future = now + DAY;
    let cases = [
        (
            format!("/{acct}/earnings?after={future}"),
            "after must not be in the future",
        ),
        (
            format!("/{acct}/earnings?before={future}"),
            "before must not be in the future",
        ),
        (
            format!("/{acct}/earnings?after={now}&before={}", now - 1),
            "after must be earlier than before",
        ),
        (
            format!("/{acct}/earnings?after=yesterday"),
            "after must be a Unix time",
        ),
        (
            format!("/{acct}/earnings/monthly?after={now}&before={now}"),
            "after must be earlier",
        ),
        (
            format!("/{acct}/earnings/fans/1/stats?before=-5"),
            "before must be a Unix time",
        ),
        (
            format!("/{acct}/earnings/fans/1?after={future}"),
            "after must not be in the future",
        ),
        (
            format!("/{acct}/earnings/transactions?before={future}"),
            "before must not be in the future",
        ),
        (
            format!("/{acct}/earnings/transactions?after=5&before=5"),
            "after must be earlier",
        ),
        (
            format!("/{acct}/earnings/transactions?limit=0"),
            "limit must be a positive integer",
        ),
        (
            format!("/{acct}/earnings/transactions?offset=-1"),
            "offset must be an integer from 0 to",
        ),
        (
            format!("/{acct}/earnings/statistics?endDate={future}"),
            "endDate must not be in the future",
        ),
    ];
    let before = app.sim.requests().len();
    for (path, needle) in cases {
        let (s, b) = app.get(&path, &app.key_a).await;
        assert_400(s, &b, needle);
    }
    assert_eq!(app.sim.requests().len(), before, "no Fansly call");
}

#[tokio::test]
async fn money_reads_are_scoped_to_the_key() {
    let (app, acct, _) = world().await;
    for path in [
        "/earnings",
        "/earnings/statistics",
        "/earnings/monthly",
        "/earnings/transactions",
        "/earnings/fans/1",
        "/earnings/fans/1/stats",
        "/balance",
        "/payouts/methods",
        "/payouts/requests",
    ] {
        assert_foreign(&app, Method::GET, &format!("/{acct}{path}"), None).await;
        // An unknown account is 404 before anything else.
        let (s, b) = app
            .get(&format!("/fansly_nope{path}?limit=0"), &app.key_a)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {b}");
    }
}

#[tokio::test]
async fn upstream_errors_are_translated() {
    let (app, acct, _) = world().await;
    app.sim_fault("/api/v1/account/wallets/earnings", 429, 1, Some(12))
        .await;
    let (s, b, h) = app
        .send(
            Method::GET,
            &format!("/{acct}/earnings"),
            Some(&app.key_a),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(h["retry-after"], "12");
    app.sim_fault(
        "/api/v1/account/wallets/earnings/monthlystats",
        500,
        1,
        None,
    )
    .await;
    let (s, b) = app
        .get(&format!("/{acct}/earnings/monthly"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::BAD_GATEWAY, "{b}");
    app.sim_fault(
        "/api/v1/account/wallets/earnings/transactions",
        401,
        1,
        None,
    )
    .await;
    let (s, b) = app
        .get(&format!("/{acct}/earnings/transactions"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{b}");
}

#[tokio::test]
async fn al8_balance_reads_wallets_and_pending_earnings() {
    let (app, acct, creator) = world().await;
    let rows = incoming(&app, &creator);
    let now = app.sim.now_ms();
    let total: i64 = rows.iter().map(|t| t["amount"].as_i64().unwrap()).sum();
    let pending: i64 = rows
        .iter()
        .filter(|t| at(t) > now - HOLD)
        .map(|t| t["amount"].as_i64().unwrap())
        .sum();
    let (status, body) = app.get(&format!("/{acct}/balance"), &app.key_a).await;
    assert_proxied(status, &body);
    let r = response(&body);
    assert_eq!(r["pendingBalance"], pending, "{body}");
    assert_eq!(r["totalEarnings"], total);
    let wallets = r["wallets"].as_array().unwrap();
    assert_eq!(wallets.len(), 2, "{body}");
    let earnings = wallets.iter().find(|w| w["type"] == 2).unwrap();
    let paid_before: i64 = payouts_total(&app, &acct).await;
    assert!(paid_before > 0, "the world has paid out before");
    assert_eq!(earnings["balance"], total - pending - paid_before, "{body}");
    assert_eq!(earnings["balance64"], earnings["balance"]);
    assert!(earnings["walletVersion"].is_number());
    let calls = app
        .sim_requests(&format!("/api/v1/account/{creator}/wallets"))
        .await;
    assert_eq!(calls.len(), 1);

    // A payout lowers the available balance by its amount.
    let available = earnings["balance"].as_i64().unwrap();
    app.sim
        .create_payout_request(&creator, None, Some(available / 2))
        .unwrap();
    let (_, body) = app.get(&format!("/{acct}/balance"), &app.key_a).await;
    let earnings = response(&body)["wallets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["type"] == 2)
        .unwrap()
        .clone();
    assert_eq!(earnings["balance"], available - available / 2);
}

/// Σ of the account's payout requests, read through `GET /{a}/payouts/requests`.
async fn payouts_total(app: &TestApp, acct: &str) -> i64 {
    let (status, body) = app
        .get(&format!("/{acct}/payouts/requests?limit=100"), &app.key_a)
        .await;
    assert_proxied(status, &body);
    response(&body)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["amount"].as_i64().unwrap())
        .sum()
}
