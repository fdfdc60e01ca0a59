//! Shared helpers of the issue-14 tests (`heal.rs`, `heal_states.rs`).

use std::time::Duration;

use fansly_sim::CreatorInfo;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Options, PASSWORD, TestApp, connect_body};
use crate::webhook_receiver::Receiver;

pub const WAIT: Duration = Duration::from_secs(15);
pub const RENEWED: &str = "x-fansly-session-renewed";

pub async fn spawn_with(f: impl FnOnce(&mut Options)) -> TestApp {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.settings.webhook_poll = Duration::from_millis(20);
    f(&mut opts);
    TestApp::spawn_with(opts).await
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// A receiver for the re-login events of `key_a`.
pub async fn hooked(app: &TestApp) -> Receiver {
    let rx = Receiver::start().await;
    let events = [
        "accounts.session_expired",
        "accounts.reauthenticated",
        "accounts.reauth_required",
        "accounts.reauth_failed",
        "messages.received",
    ];
    let (s, v) = app
        .post(
            "/webhooks",
            &app.key_a,
            json!({"url": rx.url("/in"), "events": events}),
        )
        .await;
    assert!(s.is_success(), "{v}");
    rx
}

pub fn keep_body(username: &str, password: &str) -> Value {
    let mut body = connect_body(username, password);
    body["keepLoggedIn"] = json!(true);
    body
}

/// Connects a no-2FA creator with `keepLoggedIn: true`.
pub async fn connect_kept(app: &TestApp, username: &str) -> String {
    let (s, v) = app
        .post("/connect", &app.key_a, keep_body(username, PASSWORD))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"]["account_id"].as_str().unwrap().to_owned()
}

/// Connects an authenticator creator through verify-2fa with `keepLoggedIn` and its secret.
pub async fn connect_totp_kept(app: &TestApp, creator: &CreatorInfo) -> String {
    let (s, v) = app
        .post(
            "/connect",
            &app.key_a,
            connect_body(&creator.username, PASSWORD),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["twofa_type"], 1, "{v}");
    let token = v["data"]["twofa_token"].as_str().unwrap().to_owned();
    let secret = creator.totp_secret.clone().expect("a TOTP secret");
    let code = totp_now(app, &secret).await;
    let (s, v) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            json!({"username": creator.username, "password": PASSWORD, "twoFactorToken": token,
                "twoFactorCode": code, "name": "T", "countryCode": "US",
                "keepLoggedIn": true, "totpSecret": secret}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"]["account_id"].as_str().unwrap().to_owned()
}

pub async fn totp_now(app: &TestApp, secret: &str) -> String {
    let v: Value = app
        .http
        .get(format!("{}/_sim/totp/{secret}", app.sim_url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["code"].as_str().unwrap().to_owned()
}

pub async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value, bool) {
    let (s, v, h) = app.send(method, path, Some(&app.key_a), body).await;
    (s, v, h.get(RENEWED).is_some_and(|v| v == "true"))
}

pub async fn account_row(app: &TestApp, id: &str) -> Value {
    let (_, v) = app.get("/accounts", &app.key_a).await;
    v["data"]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["accountId"] == id)
        .cloned()
        .expect("the account is listed")
}

/// Kills the creator's sessions, then one read and one write each renew with one login.
pub async fn read_and_write_heal(app: &TestApp, creator: &str, acct: &str) {
    let before = app.sim.login_count(creator);
    assert!(app.sim.expire_sessions(creator) > 0);
    let (s, v, renewed) = send(app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(renewed, "the answer says the session was renewed");
    assert_eq!(
        app.sim.login_count(creator),
        before + 1,
        "exactly one login"
    );

    // The renewed session just works: no header, no login.
    let (s, _, renewed) = send(app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!renewed);

    assert!(app.sim.expire_sessions(creator) > 0);
    let (s, v, renewed) = send(
        app,
        Method::POST,
        &format!("/{acct}/lists"),
        Some(json!({"label": "healed"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(renewed);
    assert_eq!(app.sim.login_count(creator), before + 2);
    let (_, lists) = app.get(&format!("/{acct}/lists"), &app.key_a).await;
    assert!(
        lists.to_string().contains("healed"),
        "the write happened once: {lists}"
    );
    assert_eq!(lists.to_string().matches("healed").count(), 1, "{lists}");
    assert_eq!(account_row(app, acct).await["status"], "active");
}

pub trait Pipe2 {
    fn pipe2(self) -> (StatusCode, Value);
}

impl Pipe2 for (StatusCode, Value, reqwest::header::HeaderMap) {
    fn pipe2(self) -> (StatusCode, Value) {
        (self.0, self.1)
    }
}
