//! Sessions that heal themselves (issue 14), the renewal itself: kept credentials renew a
//! dead Fansly session with one login (reads and writes, no-2FA and authenticator accounts,
//! 50 calls at once); without them nothing changes. `heal_states.rs`: what happens when a
//! re-login cannot succeed, the health check, and leaks.

use std::sync::Arc;

use fansly_sim::TwofaMode;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{PASSWORD, connect_body};
use crate::heal_support::*;

#[tokio::test]
async fn no_twofa_account_renews_reads_and_writes_with_one_login_each() {
    let app = spawn().await;
    let mia = app.creator("mia", TwofaMode::None);
    let acct = connect_kept(&app, "mia").await;
    let row = account_row(&app, &acct).await;
    assert_eq!(
        row["credentials"],
        json!({"kept": true, "twofa": "none"}),
        "{row}"
    );
    read_and_write_heal(&app, &mia.id, &acct).await;
}

#[tokio::test]
async fn without_kept_credentials_a_dead_session_still_needs_a_reconnect() {
    let app = spawn().await;
    let mia = app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    assert_eq!(
        account_row(&app, &acct).await["credentials"],
        json!({"kept": false, "twofa": null})
    );
    let logins = app.sim.login_count(&mia.id);
    app.sim.expire_sessions(&mia.id);
    let (s, v, renewed) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(!renewed);
    assert_eq!(
        app.sim.login_count(&mia.id),
        logins,
        "no login without consent"
    );
    assert_eq!(account_row(&app, &acct).await["status"], "expired");

    // Opting in later with PUT …/credentials heals the expired account on its next call.
    let (s, v) = app
        .send(
            Method::PUT,
            &format!("/accounts/{acct}/credentials"),
            Some(&app.key_a),
            Some(json!({"password": PASSWORD})),
        )
        .await
        .pipe2();
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v["data"]["credentials"],
        json!({"kept": true, "twofa": "none"})
    );
    let (s, v, renewed) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(renewed);
    assert_eq!(app.sim.login_count(&mia.id), logins + 1);
}

#[tokio::test]
async fn authenticator_account_renews_with_a_totp_code() {
    let app = spawn().await;
    let tia = app.creator("tia", TwofaMode::Totp);
    let acct = connect_totp_kept(&app, &tia).await;
    let row = account_row(&app, &acct).await;
    assert_eq!(
        row["credentials"],
        json!({"kept": true, "twofa": "authenticator"}),
        "{row}"
    );
    // Time moves: the code of the re-login is a new one.
    app.advance(95_000);
    read_and_write_heal(&app, &tia.id, &acct).await;
}

#[tokio::test]
async fn a_totp_secret_that_does_not_match_the_code_is_refused() {
    let app = spawn().await;
    let tia = app.creator("tia", TwofaMode::Totp);
    let (_, v) = app
        .post("/connect", &app.key_a, connect_body("tia", PASSWORD))
        .await;
    let token = v["data"]["twofa_token"].as_str().unwrap().to_owned();
    let code = totp_now(&app, tia.totp_secret.as_deref().unwrap()).await;
    let (s, v) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            json!({"username": "tia", "password": PASSWORD, "twoFactorToken": token,
                "twoFactorCode": code, "name": "T", "countryCode": "US",
                "keepLoggedIn": true, "totpSecret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().contains("totpSecret"), "{v}");
    let (s, v) = app
        .post("/connect", &app.key_a, {
            let mut b = keep_body("tia", PASSWORD);
            b["totpSecret"] = json!("not-base32!");
            b
        })
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().contains("totpSecret"), "{v}");
}

#[tokio::test]
async fn fifty_concurrent_calls_on_a_dead_session_make_one_login() {
    let app = Arc::new(spawn().await);
    let mia = app.creator("mia", TwofaMode::None);
    let acct = connect_kept(&app, "mia").await;
    let before = app.sim.login_count(&mia.id);
    app.sim.expire_sessions(&mia.id);
    let calls = (0..50).map(|i| {
        let app = Arc::clone(&app);
        let acct = acct.clone();
        tokio::spawn(async move {
            // Different reads and writes, so the client's read coalescing cannot merge them.
            let (method, path, body) = match i % 3 {
                0 => (Method::GET, format!("/{acct}/me"), None),
                1 => (Method::GET, format!("/{acct}/chats?limit={}", 1 + i), None),
                _ => (
                    Method::POST,
                    format!("/{acct}/lists"),
                    Some(json!({"label": format!("l{i}")})),
                ),
            };
            let (s, v, _) = send(&app, method, &path, body).await;
            assert_eq!(s, StatusCode::OK, "{path}: {v}");
        })
    });
    for call in futures_util::future::join_all(calls).await {
        call.unwrap();
    }
    assert_eq!(
        app.sim.login_count(&mia.id),
        before + 1,
        "50 calls on one dead session share one login"
    );
}
