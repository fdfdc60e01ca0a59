//! §5 item 2: a `limit` above a route's maximum is clamped to the maximum (on every paginated
//! route), while a limit that is not a positive integer stays a 400 naming the field.

use reqwest::StatusCode;

use crate::audience_support::{connect_world, query_value};
use crate::common::TestApp;

/// The `limit` of the last native call whose path ends with `path_end`.
fn native_limit(app: &TestApp, path_end: &str) -> String {
    let calls: Vec<_> = app
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with(path_end))
        .collect();
    let last = calls
        .last()
        .unwrap_or_else(|| panic!("no native call to …{path_end}"));
    query_value(&last.query, "limit").unwrap_or_else(|| panic!("no limit in {}", last.query))
}

#[tokio::test]
async fn limits_above_the_maximum_are_clamped_on_every_paginated_route() {
    let app = TestApp::spawn().await;
    let (acct, _) = connect_world(&app, "small", 3).await;
    // (gateway path, native path end, the route's maximum as sent to Fansly)
    let proxied = [
        (
            "/subscribers/active?limit=500",
            "/api/v1/subscribers",
            "100",
        ),
        (
            "/subscribers/expired?limit=101",
            "/api/v1/subscribers",
            "100",
        ),
        (
            "/subscribers?limit=100000000000000000000000",
            "/api/v1/subscribers",
            "100",
        ),
        ("/followers?limit=1000", "/followersnew", "100"),
        (
            "/earnings/transactions?limit=51",
            "/account/wallets/earnings/transactions",
            "50",
        ),
        (
            "/discover/search/accounts?query=a&limit=101",
            "/account/search",
            "100",
        ),
        (
            "/mass-messaging/stats/sent?limit=500",
            "/message/broadcast/stats",
            "50",
        ),
        (
            "/payouts/requests?limit=1000",
            "/payments/payout/requests",
            "100",
        ),
    ];
    for (path, native, max) in proxied {
        app.sim.clear_requests();
        let (status, body) = app.get(&format!("/{acct}{path}"), &app.key_a).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        assert_eq!(native_limit(&app, native), max, "{path}");
    }
    // The subscriber aliases a client pages with: a full page comes back, not an error.
    let (_, body) = app
        .get(&format!("/{acct}/subscribers/active?limit=500"), &app.key_a)
        .await;
    assert!(body["data"]["subscribers"].is_array(), "{body}");

    // Routes answered by the gateway itself, and the timeline (offset window 300).
    for path in [
        "/logs?limit=9999".to_owned(),
        format!("/{acct}/posts?limit=1000"),
        format!("/{acct}/posts?limit=1000&offset=10"),
    ] {
        let (status, body) = app.get(&path, &app.key_a).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }

    // Not a positive integer: still 400, naming the field, before any Fansly call.
    for bad in ["0", "-5", "1.5", "ten", "1e3"] {
        app.sim.clear_requests();
        let path = format!("/{acct}/subscribers/active?limit={bad}");
        let (status, body) = app.get(&path, &app.key_a).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        let msg = body["message"].as_str().unwrap();
        assert!(msg.starts_with("limit must be a positive integer"), "{msg}");
        assert!(msg.contains("clamped to 100"), "{msg}");
        assert!(app.sim.requests().is_empty(), "{path}");
    }
}
