//! The session gate: tokens, `POST /session/close`, control-side expiry, unknown routes.

use fansly_sim::TwofaMode;
use serde_json::json;

use crate::common::Harness;

#[tokio::test]
async fn routes_need_a_live_raw_token() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    h.get("/api/v1/account/me", None)
        .await
        .assert_native_error(401, 401);
    h.get("/api/v1/account/me", Some(&format!("Bearer {token}")))
        .await
        .assert_native_error(401, 401);
    h.get("/api/v1/account/me", Some("Zm9vOjE6MjphYmM="))
        .await
        .assert_native_error(401, 401);
    assert_eq!(
        h.get("/api/v1/account/me?ngsw-bypass=true", Some(&token))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn closed_sessions_answer_401_everywhere() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let first = h.session(&maria, "1").await;
    let second = h.session(&maria, "2").await;
    let token = first["token"].as_str().unwrap();

    let closed = h
        .post(
            "/api/v1/session/close",
            Some(token),
            json!({ "id": first["id"] }),
        )
        .await;
    assert_eq!(closed.status, 200);
    assert_eq!(closed.body, json!({ "success": true, "response": true }));

    h.get("/api/v1/account/me", Some(token))
        .await
        .assert_native_error(401, 401);
    h.get(&format!("/api/v1/account?ids={}", maria.id), Some(token))
        .await
        .assert_native_error(401, 401);
    h.post("/api/v1/twofa/session", Some(token), json!({}))
        .await
        .assert_native_error(401, 401);
    h.post(
        "/api/v1/session/close",
        Some(token),
        json!({ "id": first["id"] }),
    )
    .await
    .assert_native_error(401, 401);
    // The account's other session lives on.
    assert_eq!(
        h.get("/api/v1/account/me", second["token"].as_str())
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn another_accounts_session_cannot_be_closed() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let lena = h.creator("lena", TwofaMode::None);
    let maria_session = h.session(&maria, "1").await;
    let lena_token = h.token(&lena).await;
    h.post(
        "/api/v1/session/close",
        Some(&lena_token),
        json!({ "id": maria_session["id"] }),
    )
    .await
    .assert_native_error(404, 404);
    assert_eq!(
        h.get("/api/v1/account/me", maria_session["token"].as_str())
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn control_expiry_kills_every_session_of_the_account() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let lena = h.creator("lena", TwofaMode::None);
    let a = h.token(&maria).await;
    let b = h.token(&maria).await;
    let other = h.token(&lena).await;
    let reply = h
        .post(
            "/_sim/sessions/expire",
            None,
            json!({ "accountId": maria.id }),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, json!({ "expired": 2 }));
    for token in [&a, &b] {
        h.get("/api/v1/account/me", Some(token))
            .await
            .assert_native_error(401, 401);
    }
    assert_eq!(h.get("/api/v1/account/me", Some(&other)).await.status, 200);
    assert_eq!(h.sim.expire_sessions(&maria.id), 0);
}

#[tokio::test]
async fn unknown_native_routes_are_401_then_404() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    h.get("/api/v1/nope", None)
        .await
        .assert_native_error(401, 401);
    h.get("/api/v1/nope", Some(&token))
        .await
        .assert_native_error(404, 404);
}

#[tokio::test]
async fn wrong_methods_answer_405_in_the_right_envelope() {
    let h = Harness::start().await;
    h.get("/api/v1/login", None)
        .await
        .assert_native_error(405, 405);
    let reply = h.get("/_sim/creators", None).await;
    assert_eq!(reply.status, 405);
    assert!(reply.body["error"].is_string());
}

/// Issue 14's controls over HTTP: session lifetime, login limit, password change, login count.
#[tokio::test]
async fn login_and_session_controls() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let put =
        |path: &str, body: serde_json::Value| h.request(reqwest::Method::PUT, path).json(&body);
    let token = h.token(&maria).await;

    // Sessions die on the simulated clock.
    assert_eq!(
        h.send(put("/_sim/sessions/ttl", json!({"ms": 60_000})))
            .await
            .status,
        200
    );
    h.post("/_sim/clock/advance", None, json!({"ms": 60_000}))
        .await;
    h.get("/api/v1/account/me", Some(&token))
        .await
        .assert_native_error(401, 401);
    assert_eq!(
        h.send(put("/_sim/sessions/ttl", json!({"ms": null})))
            .await
            .status,
        200
    );
    assert_eq!(
        h.send(put("/_sim/sessions/ttl", json!({"ms": -1})))
            .await
            .status,
        400
    );

    // A password change ends every session and changes what logs in.
    let token = h.token(&maria).await;
    let changed = h
        .post(
            &format!("/_sim/creators/{}/password", maria.id),
            None,
            json!({"password": "new-pw"}),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    h.get("/api/v1/account/me", Some(&token))
        .await
        .assert_native_error(401, 401);
    assert_ne!(h.login("maria", "hunter2", "1").await.status, 200);
    assert_eq!(h.login("maria", "new-pw", "1").await.status, 200);
    let unknown = h
        .post(
            "/_sim/creators/404/password",
            None,
            json!({"password": "x"}),
        )
        .await;
    assert_eq!(unknown.status, 404);

    // At most one login per minute, then 429 with Retry-After.
    let limit = put("/_sim/login-limit", json!({"max": 1, "windowMs": 60_000}));
    assert_eq!(h.send(limit).await.status, 200);
    assert_eq!(h.login("maria", "new-pw", "1").await.status, 200);
    let limited = h.login("maria", "new-pw", "1").await;
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert_eq!(limited.header("retry-after"), Some("60"));

    // Every attempt is counted, refused ones too.
    let count = h.get(&format!("/_sim/logins/{}", maria.id), None).await;
    assert_eq!(count.body["logins"], 6, "{}", count.body);
}
