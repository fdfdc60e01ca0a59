//! The `/_sim` control API: creators, clock, faults, the request log, and the router
//! working in-process without connect info.

use fansly_sim::{Simulator, TwofaMode};
use reqwest::Method;
use serde_json::json;
use tower::ServiceExt as _;

use crate::common::{Harness, START_MS, config};

#[tokio::test]
async fn creators_are_seeded_with_validation() {
    let h = Harness::start().await;
    let body = json!({
        "username": "tina", "email": "tina@example.com", "password": "pw",
        "twofa": "totp", "displayName": "Tina T",
    });
    let reply = h.post("/_sim/creators", None, body.clone()).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let created = &reply.body;
    assert!(created["id"].is_string());
    assert_eq!(created["username"], "tina");
    assert_eq!(created["email"], "tina@example.com");
    assert_eq!(created["displayName"], "Tina T");
    assert_eq!(created["twofa"], "totp");
    assert_eq!(created["totpSecret"].as_str().unwrap().len(), 32);

    let duplicate = h.post("/_sim/creators", None, body).await;
    assert_eq!(duplicate.status, 409);
    assert!(duplicate.body["error"].is_string());

    let plain =
        json!({ "username": "p", "email": "p@example.com", "password": "pw", "twofa": "none" });
    let reply = h.post("/_sim/creators", None, plain).await;
    assert_eq!(reply.status, 201);
    assert!(reply.body["totpSecret"].is_null());

    let cases = [
        (json!({ "username": "a", "email": "a@x.io" }), "password"),
        (
            json!({ "username": "a", "email": "a@x.io", "password": "p", "twofa": "sms" }),
            "twofa",
        ),
        (
            json!({ "username": "a b", "email": "a@x.io", "password": "p" }),
            "username",
        ),
        (
            json!({ "username": "a", "email": "nope", "password": "p" }),
            "email",
        ),
        (
            json!({ "username": 5, "email": "a@x.io", "password": "p" }),
            "username",
        ),
    ];
    for (body, field) in cases {
        let reply = h.post("/_sim/creators", None, body).await;
        assert_eq!(reply.status, 400, "{field}: {}", reply.body);
        let error = reply.body["error"].as_str().unwrap();
        assert!(error.contains(field), "{field}: {error}");
    }
}

#[tokio::test]
async fn clock_reads_and_advances() {
    let h = Harness::start().await;
    assert_eq!(
        h.get("/_sim/clock", None).await.body,
        json!({ "nowMs": START_MS })
    );
    let reply = h
        .post("/_sim/clock/advance", None, json!({ "ms": 1500 }))
        .await;
    assert_eq!(reply.body, json!({ "nowMs": START_MS + 1500 }));
    assert_eq!(h.sim.now_ms(), START_MS + 1500);
    assert_eq!(
        h.post("/_sim/clock/advance", None, json!({ "ms": -1 }))
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn totp_codes_follow_the_simulated_clock() {
    let h = Harness::start().await;
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    let reply = h.get(&format!("/_sim/totp/{secret}"), None).await;
    assert_eq!(reply.status, 200);
    let expected = fansly_sim::totp(secret, START_MS / 1000).unwrap();
    assert_eq!(reply.body, json!({ "code": expected, "nowMs": START_MS }));
    assert_eq!(h.get("/_sim/totp/not-base32!", None).await.status, 400);
}

#[tokio::test]
async fn outbox_lists_codes_in_send_order() {
    let h = Harness::start().await;
    h.creator("maria", TwofaMode::Email);
    h.login("maria", "hunter2", "1").await;
    h.sim.advance_clock(10);
    h.login("maria@example.com", "hunter2", "1").await;
    let reply = h.get("/_sim/outbox", None).await;
    let entries = reply.body.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["email"], "maria@example.com");
    assert_eq!(entries[0]["kind"], "login_code");
    assert_eq!(entries[0]["sentAt"], START_MS);
    assert_eq!(entries[1]["sentAt"], START_MS + 10);
    assert!(entries[1]["token"].as_str().unwrap().contains(":1:1:"));
    assert_eq!(entries[1]["code"].as_str().unwrap().len(), 6);
}

#[tokio::test]
async fn faults_fire_count_times_then_clear() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    let fault = json!({ "path": "/api/v1/account/me", "status": 503, "count": 2, "retryAfter": 7 });
    assert_eq!(h.post("/_sim/faults", None, fault).await.status, 201);
    for _ in 0..2 {
        let reply = h
            .get("/api/v1/account/me?ngsw-bypass=true", Some(&token))
            .await;
        reply.assert_native_error(503, 503);
        assert_eq!(reply.header("retry-after"), Some("7"));
    }
    assert_eq!(h.get("/api/v1/account/me", Some(&token)).await.status, 200);

    let fault = json!({ "path": "/api/v1/account/me", "status": 429, "count": 5 });
    h.post("/_sim/faults", None, fault).await;
    let limited = h.get("/api/v1/account/me", Some(&token)).await;
    limited.assert_native_error(429, 429);
    assert!(limited.header("retry-after").is_none());
    assert_eq!(
        h.send(h.request(Method::DELETE, "/_sim/faults"))
            .await
            .status,
        200
    );
    assert_eq!(h.get("/api/v1/account/me", Some(&token)).await.status, 200);

    let bad = json!({ "path": "/api/v1/account/me", "status": 200, "count": 1 });
    let reply = h.post("/_sim/faults", None, bad).await;
    assert_eq!(reply.status, 400);
    assert!(reply.body["error"].as_str().unwrap().contains("status"));
}

#[tokio::test]
async fn the_request_log_records_native_calls_only() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    let request = h
        .request(Method::GET, "/api/v1/account/me?ngsw-bypass=true")
        .header("authorization", &token)
        .header("Fansly-Client-Check", "abc123");
    h.send(request).await;
    h.get("/_sim/clock", None).await;

    let log = h.get("/_sim/requests", None).await.body;
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["path"], "/api/v1/login");
    assert_eq!(log[0]["query"], "ngsw-bypass=true");
    assert_eq!(log[1]["method"], "GET");
    assert_eq!(log[1]["path"], "/api/v1/account/me");
    assert_eq!(log[1]["headers"]["fansly-client-check"], "abc123");
    assert_eq!(log[1]["headers"]["authorization"], token.as_str());

    assert_eq!(
        h.send(h.request(Method::DELETE, "/_sim/requests"))
            .await
            .status,
        200
    );
    assert_eq!(h.get("/_sim/requests", None).await.body, json!([]));
    assert!(h.sim.requests().is_empty());
}

#[tokio::test]
async fn unknown_control_routes_are_json_404s() {
    let h = Harness::start().await;
    let reply = h.get("/_sim/nope", None).await;
    assert_eq!(reply.status, 404);
    assert!(reply.body["error"].is_string());
}

#[tokio::test]
async fn the_router_works_in_process_without_connect_info() {
    let sim = Simulator::new(config());
    let request = axum::http::Request::get("/api/v1/device/id")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = sim.router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
}
