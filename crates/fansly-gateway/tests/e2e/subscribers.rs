//! Subscribers (S1–S4) and the aliases AL3/AL4, through the gateway against the simulator;
//! also the account checks every audience route shares (403 for another key, 404 unknown).

use fansly_sim::{NewSubscription, TwofaMode};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::audience_support::{
    assert_distinct, assert_rejected, call, connect_world, every_route, fan, ids, native,
    native_queries, next_cursor, query_value, walk,
};
use crate::common::TestApp;

const SUBSCRIBERS: &str = "/api/v1/subscribers";

#[tokio::test]
async fn every_subscriber_of_the_large_world_comes_back_once_per_status() {
    let app = TestApp::spawn().await;
    let (acct, summary) = connect_world(&app, "large", 7).await;

    let (status, first) = app
        .get(
            &format!("/{acct}/subscribers?status=all&limit=1"),
            &app.key_a,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let stats = first["data"]["data"]["response"]["stats"].clone();
    let active = stats["totalActive"].as_u64().unwrap() as usize;
    let expired = stats["totalExpired"].as_u64().unwrap() as usize;
    assert_eq!(active, summary.subscribers, "{stats}");
    assert!(
        active > 100 && expired > 100,
        "the walk spans pages: {stats}"
    );
    assert_eq!(stats["total"].as_u64().unwrap() as usize, active + expired);

    for (status, want, statuses) in [
        ("all", active + expired, &[3, 4, 5][..]),
        ("active", active, &[3, 4][..]),
        ("expired", expired, &[5][..]),
        ("3,4", active, &[3, 4][..]),
    ] {
        let rows = walk(
            &app,
            &acct,
            &format!("/subscribers?status={status}"),
            "subscriptions",
            100,
        )
        .await;
        assert_eq!(rows.len(), want, "status={status}");
        assert_distinct(&ids(&rows, "id"), status);
        for row in &rows {
            let s = row["status"].as_i64().unwrap();
            assert!(statuses.contains(&s), "status={status}: {row}");
            // Prices stay in native mills.
            assert!(row["price"].as_i64().unwrap() >= 1000, "{row}");
        }
    }

    // A small limit walks the same set in more pages, newest first as Fansly sends them.
    app.sim.clear_requests();
    let rows = walk(
        &app,
        &acct,
        "/subscribers?status=active&limit=37",
        "subscriptions",
        200,
    )
    .await;
    assert_eq!(rows.len(), active);
    assert_distinct(&ids(&rows, "id"), "limit=37");
    let queries = native_queries(&app, SUBSCRIBERS);
    assert_eq!(
        queries.len(),
        active.div_ceil(37) + usize::from(active.is_multiple_of(37))
    );
    for (i, q) in queries.iter().enumerate() {
        assert_eq!(query_value(q, "status").as_deref(), Some("3,4"), "{q}");
        assert_eq!(query_value(q, "limit").as_deref(), Some("37"), "{q}");
        assert_eq!(query_value(q, "offset"), Some((i * 37).to_string()), "{q}");
        assert_eq!(query_value(q, "search").as_deref(), Some(""), "{q}");
    }
}

#[tokio::test]
async fn status_maps_onto_native_lists_and_numbers_pass_through() {
    let app = TestApp::spawn().await;
    let (acct, _) = connect_world(&app, "small", 3).await;
    for (given, sent) in [
        (None, "3,4"),
        (Some("active"), "3,4"),
        (Some("expired"), "5"),
        (Some("all"), "3,4,5"),
        (Some("Expired"), "5"),
        (Some("3"), "3"),
        (Some("4"), "4"),
        (Some("3,4"), "3,4"),
        (Some("5"), "5"),
    ] {
        app.sim.clear_requests();
        let path = match given {
            Some(s) => format!("/{acct}/subscribers?status={s}"),
            None => format!("/{acct}/subscribers"),
        };
        let (status, body) = app.get(&path, &app.key_a).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let q = native_queries(&app, SUBSCRIBERS);
        assert_eq!(q.len(), 1);
        assert_eq!(
            query_value(&q[0], "status").as_deref(),
            Some(sent),
            "{given:?}"
        );
        assert_eq!(query_value(&q[0], "limit").as_deref(), Some("100"));
        assert_eq!(query_value(&q[0], "offset").as_deref(), Some("0"));
        // The small world fits in one page: the cursor is null everywhere.
        assert_eq!(next_cursor(&body), None);
    }
}

#[tokio::test]
async fn search_and_tier_filters_are_forwarded() {
    let app = TestApp::spawn().await;
    let creator = app.creator("tiera", TwofaMode::None);
    let acct = app.connect(&app.key_a, "tiera").await;
    let tier = app
        .sim
        .create_tier(
            &creator.id,
            fansly_sim::NewTier {
                name: "Gold".into(),
                color: None,
                price: 19_990,
                billing_cycle: None,
                promo: None,
            },
        )
        .expect("tier");
    let tier_id = tier["id"].as_str().unwrap().to_owned();
    let alice = fan(&app, "alice");
    let bob = fan(&app, "bob");
    for (f, t) in [(&alice, Some(tier_id.clone())), (&bob, None)] {
        app.sim
            .subscribe(NewSubscription {
                fan_id: f.clone(),
                creator_id: creator.id.clone(),
                tier_id: t,
                plan_id: None,
                promo_id: None,
                auto_renew: Some(true),
            })
            .expect("subscribe");
    }

    let subs = |body: &Value| {
        ids(
            body["data"]["data"]["response"]["subscriptions"]
                .as_array()
                .unwrap(),
            "subscriberId",
        )
    };
    let (_, body) = app.get(&format!("/{acct}/subscribers"), &app.key_a).await;
    assert_eq!(subs(&body).len(), 2, "{body}");
    let (_, body) = app
        .get(
            &format!("/{acct}/subscribers?subscriptionTierIds={tier_id}"),
            &app.key_a,
        )
        .await;
    assert_eq!(subs(&body), [alice.as_str()], "{body}");
    // Prices are native mills.
    assert_eq!(
        body["data"]["data"]["response"]["subscriptions"][0]["price"],
        19_990
    );
    let (_, body) = app
        .get(&format!("/{acct}/subscribers?search=bo"), &app.key_a)
        .await;
    assert_eq!(subs(&body), [bob], "{body}");
    let q = native_queries(&app, SUBSCRIBERS);
    assert_eq!(query_value(&q[1], "subscriptionTierId"), Some(tier_id));
    assert_eq!(query_value(&q[2], "search").as_deref(), Some("bo"));
}

#[tokio::test]
async fn aliases_equal_the_status_query_plus_flat_fields() {
    let app = TestApp::spawn().await;
    let (acct, _) = connect_world(&app, "small", 11).await;
    for (alias, status) in [("active", "active"), ("expired", "expired")] {
        let (s1, via_alias) = app
            .get(&format!("/{acct}/subscribers/{alias}"), &app.key_a)
            .await;
        let (s2, via_status) = app
            .get(&format!("/{acct}/subscribers?status={status}"), &app.key_a)
            .await;
        assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
        let response = &via_alias["data"]["data"]["response"];
        assert_eq!(response, &via_status["data"]["data"]["response"], "{alias}");
        assert_eq!(
            via_alias["data"]["nextCursor"],
            via_status["data"]["nextCursor"]
        );
        // The flat fields are the same on both (client_compat/subscribers.rs checks them).
        assert_eq!(
            via_alias["data"]["subscribers"],
            via_status["data"]["subscribers"]
        );
        assert_eq!(via_alias["data"]["count"], via_status["data"]["count"]);
        let stat = if alias == "active" {
            "totalActive"
        } else {
            "totalExpired"
        };
        assert_eq!(via_alias["data"]["count"], response["stats"][stat]);
        assert!(
            !response["subscriptions"].as_array().unwrap().is_empty(),
            "{alias}"
        );
    }

    // `offset` stands in for the cursor on the aliases, and paging matches `?status=`.
    let (_, a) = app
        .get(
            &format!("/{acct}/subscribers/active?limit=2&offset=2"),
            &app.key_a,
        )
        .await;
    let (_, b) = app
        .get(
            &format!("/{acct}/subscribers?status=active&limit=2&cursor=2"),
            &app.key_a,
        )
        .await;
    assert_eq!(a["data"]["data"]["response"], b["data"]["data"]["response"]);
    assert_eq!(next_cursor(&a).as_deref(), Some("4"));
    assert_eq!(next_cursor(&b).as_deref(), Some("4"));
    let (_, c) = app
        .get(
            &format!("/{acct}/subscribers/active?limit=2&offset=9&cursor=2"),
            &app.key_a,
        )
        .await;
    assert_eq!(
        c["data"]["data"]["response"], b["data"]["data"]["response"],
        "cursor wins"
    );
}

#[tokio::test]
async fn subscriber_parameters_are_validated_before_any_fansly_call() {
    let app = TestApp::spawn().await;
    app.creator("valid", TwofaMode::None);
    let acct = app.connect(&app.key_a, "valid").await;
    for (path, field) in [
        ("/subscribers?status=current", "status"),
        ("/subscribers?status=3,,4", "status"),
        ("/subscribers?status=active,5", "status"),
        ("/subscribers?limit=0", "limit"),
        ("/subscribers?limit=-101", "limit"),
        ("/subscribers?limit=ten", "limit"),
        ("/subscribers?cursor=abc", "cursor"),
        ("/subscribers?cursor=-5", "cursor"),
        (
            "/subscribers?subscriptionTierIds=1,x",
            "subscriptionTierIds",
        ),
        ("/subscribers/active?offset=-1", "offset"),
        ("/subscribers/expired?limit=0", "limit"),
        ("/subscribers/expired?cursor=1.5", "cursor"),
    ] {
        assert_rejected(&app, Method::GET, &acct, path, None, field).await;
    }
}

#[tokio::test]
async fn top_supporters_are_sorted_and_windowed() {
    let app = TestApp::spawn().await;
    let (acct, summary) = connect_world(&app, "small", 5).await;
    let now = app.sim.now_ms();

    app.sim.clear_requests();
    let (status, body) = app
        .get(&format!("/{acct}/top-supporters"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rows = body["data"]["data"]["response"]
        .as_array()
        .expect("still an array")
        .clone();
    assert!(rows.len() > 1, "{body}");
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let key = |r: &Value| {
            (
                r["totalGross"].as_i64().unwrap(),
                r["totalNet"].as_i64().unwrap(),
            )
        };
        assert!(key(a) >= key(b), "sorted by spend: {a} then {b}");
        assert_eq!(a["accountId"], summary.creator_id.as_str());
    }
    let native_rows = native(
        &app,
        &summary.creator_id,
        Method::GET,
        &format!("/account/wallets/earnings/accounts?after=0&before={now}"),
        None,
    )
    .await;
    let mut a = ids(&rows, "correlationAccountId");
    let mut b = ids(
        native_rows["response"].as_array().unwrap(),
        "correlationAccountId",
    );
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same fans as Fansly's own answer");
    let q = native_queries(&app, "/api/v1/account/wallets/earnings/accounts");
    assert_eq!(query_value(&q[0], "after").as_deref(), Some("0"));
    assert_eq!(query_value(&q[0], "before"), Some(now.to_string()));

    // Only `after`: the gateway adds `before = now`.
    app.sim.clear_requests();
    let after = now - 30 * 86_400_000;
    let (status, _) = app
        .get(&format!("/{acct}/top-supporters?after={after}"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::OK);
    let q = native_queries(&app, "/api/v1/account/wallets/earnings/accounts");
    assert_eq!(query_value(&q[0], "after"), Some(after.to_string()));
    assert_eq!(query_value(&q[0], "before"), Some(now.to_string()));

    for (query, field) in [
        (format!("after={}", now + 1), "after"),
        (format!("before={}", now + 60_000), "before"),
        (format!("after={now}&before={now}"), "after"),
        (format!("after={}&before={}", now - 10, now - 20), "after"),
        ("after=yesterday".to_owned(), "after"),
        ("before=-1".to_owned(), "before"),
    ] {
        assert_rejected(
            &app,
            Method::GET,
            &acct,
            &format!("/top-supporters?{query}"),
            None,
            field,
        )
        .await;
    }
}

#[tokio::test]
async fn every_audience_route_checks_the_account_before_anything_else() {
    let app = TestApp::spawn().await;
    app.creator("owner", TwofaMode::None);
    let acct = app.connect(&app.key_a, "owner").await;
    app.sim.clear_requests();
    for case in every_route() {
        let (status, body) = call(
            &app,
            case.method.clone(),
            &acct,
            case.path,
            &app.key_b,
            case.body.clone(),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{} {}: {body}",
            case.method,
            case.path
        );
        let (status, body) = call(
            &app,
            case.method.clone(),
            "fansly_000000000000000000000000",
            case.path,
            &app.key_a,
            case.body.clone(),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{} {}: {body}",
            case.method,
            case.path
        );
        // Even with invalid parameters, another key's account is a 403.
        let (status, _) = call(
            &app,
            case.method.clone(),
            &acct,
            &bad(case.path),
            &app.key_b,
            Some(json!({})),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{} {}",
            case.method,
            case.path
        );
    }
    let native: Vec<_> = app
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
        .collect();
    assert!(
        native.is_empty(),
        "no Fansly call for a refused account: {native:?}"
    );
}

/// The route with an invalid parameter (so a 403 must come before validation).
fn bad(path: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}limit=0&cursor=x&status=bogus&after=x").replace("/follow/1", "/follow/x")
}

#[tokio::test]
async fn fansly_failures_are_translated() {
    let app = TestApp::spawn().await;
    app.creator("flaky", TwofaMode::None);
    let acct = app.connect(&app.key_a, "flaky").await;

    app.sim_fault(SUBSCRIBERS, 429, 1, Some(12)).await;
    let (status, body, headers) = app
        .send(
            Method::GET,
            &format!("/{acct}/subscribers"),
            Some(&app.key_a),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(headers["retry-after"], "12");
    assert_eq!(headers["x-ratelimit-retry-after"], "12");

    app.sim_fault(SUBSCRIBERS, 503, 1, None).await;
    let (status, _) = app.get(&format!("/{acct}/subscribers"), &app.key_a).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);

    // A dead session: 401 "reconnect", and the account shows as expired.
    app.sim_fault(SUBSCRIBERS, 401, 1, None).await;
    let (status, body) = app
        .get(&format!("/{acct}/subscribers/active"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("reconnect"),
        "{body}"
    );
    let (_, accounts) = app.get("/accounts", &app.key_a).await;
    assert_eq!(accounts["data"]["accounts"][0]["status"], "expired");
}
