//! §5 item 3: `GET /{a}/subscribers`, `/subscribers/active` and `/subscribers/expired` carry
//! `data.subscribers` (fan-shaped rows joined with the fans' accounts) and `data.count` (of
//! that status only), beside the unchanged proxied `data.data.response`; one account lookup
//! and one totals call per page, never one call per fan.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::audience_support::{connect_world, native};
use crate::common::TestApp;

/// Unix ms of an ISO-8601 string.
fn iso_ms(v: &Value) -> i64 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("an ISO-8601 string: {v}"));
    let t = OffsetDateTime::parse(s, &Rfc3339).unwrap_or_else(|e| panic!("{s}: {e}"));
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The avatar URL a client expects from a native account: the first location, else `null`.
fn expected_avatar(account: &Value) -> Value {
    let a = &account["avatar"];
    a["locations"][0]["location"]
        .as_str()
        .or_else(|| a["location"].as_str())
        .map_or(Value::Null, |s| Value::String(s.to_owned()))
}

fn calls_to(app: &TestApp, path: &str) -> usize {
    app.sim.requests().iter().filter(|r| r.path == path).count()
}

#[tokio::test]
async fn all_three_subscriber_routes_carry_fan_rows_and_the_count_of_their_status() {
    let app = TestApp::spawn().await;
    let (acct, summary) = connect_world(&app, "small", 11).await;
    // Every fan's all-time spend, as Fansly reports it (mills).
    let totals = native(
        &app,
        &summary.creator_id,
        Method::GET,
        "/account/wallets/earnings/accounts",
        None,
    )
    .await;
    let spent: HashMap<String, i64> = totals["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["correlationAccountId"].as_str().unwrap().to_owned(),
                r["totalGross"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(
        spent.len() < 100,
        "the totals list is complete in this world"
    );

    for (path, stat) in [
        ("/subscribers", "totalActive"),
        ("/subscribers/active", "totalActive"),
        ("/subscribers/expired", "totalExpired"),
        ("/subscribers?status=all", "total"),
        ("/subscribers?status=expired&limit=2", "totalExpired"),
    ] {
        app.sim.clear_requests();
        let (status, body) = app.get(&format!("/{acct}{path}"), &app.key_a).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        let data = &body["data"];
        let response = &data["data"]["response"];
        let subs = response["subscriptions"].as_array().expect("proxied rows");
        assert!(!subs.is_empty(), "{path}");
        assert_eq!(data["count"], response["stats"][stat], "{path}: {body}");
        // No N+1: one account lookup and one totals call for the whole page.
        assert_eq!(calls_to(&app, "/api/v1/account"), 1, "{path}");
        assert_eq!(
            calls_to(&app, "/api/v1/account/wallets/earnings/accounts"),
            1,
            "{path}"
        );

        let rows = data["subscribers"].as_array().expect("data.subscribers");
        assert_eq!(rows.len(), subs.len(), "{path}");
        let ids: Vec<&str> = subs
            .iter()
            .map(|s| s["subscriberId"].as_str().unwrap())
            .collect();
        let fans = native(
            &app,
            &summary.creator_id,
            Method::GET,
            &format!("/account?ids={}", ids.join(",")),
            None,
        )
        .await;
        let fans: HashMap<&str, &Value> = fans["response"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["id"].as_str().unwrap(), a))
            .collect();
        for (row, sub) in rows.iter().zip(subs) {
            let keys: Vec<&str> = row
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys.len(), 8, "{row}");
            let fan = sub["subscriberId"].as_str().unwrap();
            assert_eq!(
                row["id"], fan,
                "the fan's id, not the subscription's: {row}"
            );
            assert_ne!(row["id"], sub["id"]);
            let account = fans[fan];
            assert_eq!(row["username"], account["username"], "{row}");
            assert_eq!(row["displayName"], account["displayName"], "{row}");
            assert_eq!(row["avatar"], expected_avatar(account), "{row}");
            assert!(
                row["avatar"].is_string() || row["avatar"].is_null(),
                "{row}"
            );
            assert_eq!(
                iso_ms(&row["subscribedAt"]),
                sub["createdAt"].as_i64().unwrap()
            );
            assert_eq!(iso_ms(&row["expiresAt"]), sub["endsAt"].as_i64().unwrap());
            assert_eq!(
                row["subscriptionTier"], sub["subscriptionTierName"],
                "{row}"
            );
            let dollars = spent.get(fan).copied().unwrap_or(0) as f64 / 1000.0;
            let got = row["totalSpent"].as_f64().expect("totalSpent in dollars");
            assert!((got - dollars).abs() < 0.005, "{row}: want {dollars}");
        }
    }
    // The three counts differ (the count is of that status, not of all).
    let (_, active) = app
        .get(&format!("/{acct}/subscribers/active"), &app.key_a)
        .await;
    let (_, expired) = app
        .get(&format!("/{acct}/subscribers/expired"), &app.key_a)
        .await;
    let stats = &active["data"]["data"]["response"]["stats"];
    assert_ne!(stats["totalActive"], stats["total"], "{stats}");
    assert_eq!(active["data"]["count"], stats["totalActive"]);
    assert_eq!(expired["data"]["count"], stats["totalExpired"]);
}
