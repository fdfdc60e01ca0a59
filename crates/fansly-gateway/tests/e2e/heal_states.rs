//! Sessions that heal themselves (issue 14) when a re-login cannot succeed: e-mail-2FA
//! accounts become `reauth_required`, a wrong password `reauth_failed` with no further logins,
//! a rate-limited login backs off; the health check renews a session no user call touched;
//! the credentials never show in the database, an answer or a log line; the order of checks
//! of the credentials routes.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use fansly_sim::TwofaMode;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{PASSWORD, connect_body, eventually};
use crate::heal_support::*;

#[tokio::test]
async fn email_twofa_account_becomes_reauth_required_with_an_event() {
    let app = spawn().await;
    let rx = hooked(&app).await;
    let ella = app.creator("ella", TwofaMode::Email);
    let (_, v) = app
        .post("/connect", &app.key_a, connect_body("ella", PASSWORD))
        .await;
    let token = v["data"]["twofa_token"].as_str().unwrap().to_owned();
    let code = app.last_mail("ella@example.test").code;
    let (s, v) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            json!({"username": "ella", "password": PASSWORD, "twoFactorToken": token,
                "twoFactorCode": code, "name": "E", "countryCode": "US", "keepLoggedIn": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let acct = v["data"]["account_id"].as_str().unwrap().to_owned();
    assert_eq!(
        account_row(&app, &acct).await["credentials"],
        json!({"kept": true, "twofa": "email"})
    );
    let logins = app.sim.login_count(&ella.id);
    let mails = app.sim.outbox().len();
    app.sim.expire_sessions(&ella.id);

    let (s, v, _) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    let message = v["message"].as_str().unwrap();
    assert!(message.contains("reauth_required"), "{message}");
    assert!(message.contains("POST /api/fansly/connect"), "{message}");
    let hit = rx.wait_for("accounts.reauth_required", WAIT).await;
    assert_eq!(hit.json()["accountId"], acct.as_str());
    assert_eq!(hit.json()["data"]["reason"], "email_code");
    assert_eq!(account_row(&app, &acct).await["status"], "reauth_required");
    // No login the gateway cannot finish, so no code mailed to the creator.
    assert_eq!(app.sim.login_count(&ella.id), logins);
    assert_eq!(app.sim.outbox().len(), mails);
    // Later calls answer the same without trying again.
    let (s, _, _) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(rx.hits_for("accounts.reauth_required").len(), 1);
}

#[tokio::test]
async fn changed_password_becomes_reauth_failed_and_stops_logging_in_until_reconnect() {
    let app = spawn_with(|o| {
        o.settings.heal.check_interval = Some(Duration::from_secs(60));
        o.settings.heal.check_poll = Duration::from_millis(20);
    })
    .await;
    let rx = hooked(&app).await;
    let mia = app.creator("mia", TwofaMode::None);
    let acct = connect_kept(&app, "mia").await;
    let before = app.sim.login_count(&mia.id);
    let changed = app
        .http
        .post(format!("{}/_sim/creators/{}/password", app.sim_url, mia.id))
        .json(&json!({"password": "a brand new password"}))
        .send()
        .await
        .unwrap();
    assert!(changed.status().is_success());

    let (s, v, _) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    let message = v["message"].as_str().unwrap();
    assert!(message.contains("reauth_failed"), "{message}");
    assert!(message.contains("bad_credentials"), "{message}");
    assert!(
        message.contains("no further automatic attempts"),
        "{message}"
    );
    let hit = rx.wait_for("accounts.reauth_failed", WAIT).await;
    assert_eq!(hit.json()["data"]["reason"], "bad_credentials");
    assert_eq!(hit.json()["data"]["retryAt"], Value::Null);
    assert_eq!(app.sim.login_count(&mia.id), before + 1, "one attempt");
    let row = account_row(&app, &acct).await;
    assert_eq!(row["status"], "reauth_failed", "{row}");
    assert_eq!(row["reauth"]["reason"], "bad_credentials", "{row}");
    assert_eq!(row["reauth"]["retryAt"], Value::Null, "{row}");

    // Calls, and the health check over hours of simulated time, try no further login.
    for _ in 0..5 {
        let (s, _, _) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    for _ in 0..10 {
        app.advance(3_600_000);
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    assert_eq!(
        app.sim.login_count(&mia.id),
        before + 1,
        "backed off: no lockout loop"
    );
    assert_eq!(rx.hits_for("accounts.reauth_failed").len(), 1);

    // A person reconnects with the new password: the state clears and the kept password is
    // replaced by the one that worked, so the next dead session heals again.
    let (s, v) = app
        .post(
            "/connect",
            &app.key_a,
            connect_body("mia", "a brand new password"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let row = account_row(&app, &acct).await;
    assert_eq!(row["status"], "active", "{row}");
    assert_eq!(row["reauth"], Value::Null, "{row}");
    app.sim.expire_sessions(&mia.id);
    let (s, v, renewed) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(renewed);
}

#[tokio::test]
async fn a_rate_limited_login_backs_off_then_succeeds() {
    let app = spawn().await;
    let rx = hooked(&app).await;
    let mia = app.creator("mia", TwofaMode::None);
    // One login per ten minutes: the connect's fills the window, the re-login gets 429.
    app.sim.set_login_limit(1, 600_000);
    let acct = connect_kept(&app, "mia").await;
    let before = app.sim.login_count(&mia.id);
    app.sim.expire_sessions(&mia.id);
    let (s, v, _) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    assert!(
        v["message"].as_str().unwrap().contains("rate_limited"),
        "{v}"
    );
    let hit = rx.wait_for("accounts.reauth_failed", WAIT).await;
    assert_eq!(hit.json()["data"]["reason"], "rate_limited");
    let retry_at = hit.json()["data"]["retryAt"].as_str().unwrap().to_owned();
    assert_eq!(app.sim.login_count(&mia.id), before + 1);
    // The listing says the same: why, and when the next attempt is.
    let row = account_row(&app, &acct).await;
    assert_eq!(row["status"], "reauth_failed", "{row}");
    assert_eq!(row["reauth"]["reason"], "rate_limited", "{row}");
    assert_eq!(row["reauth"]["retryAt"], retry_at.as_str(), "{row}");

    // Before the backoff ends: no attempt.
    app.advance(60_000);
    let (s, _, _) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.sim.login_count(&mia.id),
        before + 1,
        "waits until {retry_at}"
    );

    // After it (Fansly's Retry-After, ten minutes): one login, and the call works.
    app.advance(600_000);
    let (s, v, renewed) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(renewed);
    assert_eq!(app.sim.login_count(&mia.id), before + 2);
    rx.wait_for("accounts.reauthenticated", WAIT).await;
}

#[tokio::test]
async fn the_health_check_renews_a_dead_session_before_any_call() {
    let app = spawn_with(|o| {
        o.events = true;
        o.settings.heal.check_interval = Some(Duration::from_secs(60));
        o.settings.heal.check_poll = Duration::from_millis(20);
    })
    .await;
    let rx = hooked(&app).await;
    let mia = app.creator("mia", TwofaMode::None);
    let ella = app.creator("ella", TwofaMode::None);
    let kept = connect_kept(&app, "mia").await;
    let plain = app.connect(&app.key_a, "ella").await;
    eventually(WAIT, || async { app.sim.has_live_socket(&mia.id) }).await;
    let before = app.sim.login_count(&mia.id);
    // Sessions live 10 simulated minutes; 14 minutes pass with no user call.
    app.sim.set_session_ttl(Some(600_000));
    app.sim.expire_sessions(&ella.id);
    for _ in 0..12 {
        app.advance(70_000);
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    eventually(WAIT, || async {
        app.sim.login_count(&mia.id) == before + 1
    })
    .await;
    let hit = rx.wait_for("accounts.reauthenticated", WAIT).await;
    assert_eq!(hit.json()["accountId"], kept.as_str());
    // The event socket reconnected on the new session: a fan's message arrives as a webhook.
    eventually(WAIT, || async { app.sim.has_live_socket(&mia.id) }).await;
    let fan = crate::messaging_support::new_fan(&app, "fan_after");
    let chat = app.sim.dm_group(&mia.id, &fan);
    let sent = app
        .sim
        .send_message(&fan, &chat, "still listening")
        .unwrap();
    let hit = rx.wait_for("messages.received", WAIT).await;
    assert_eq!(hit.json()["data"]["id"], sent.as_str());
    assert_eq!(account_row(&app, &kept).await["status"], "active");
    // Without kept credentials the check marks the account expired and says so.
    let hit = rx.wait_for("accounts.session_expired", WAIT).await;
    assert!(
        rx.hits_for("accounts.session_expired")
            .iter()
            .any(|h| h.json()["accountId"] == plain.as_str()),
        "{:?}",
        hit.json()
    );
    assert_eq!(account_row(&app, &plain).await["status"], "expired");
    // The renewed session answers a user call without another login.
    let (s, _, renewed) = send(&app, Method::GET, &format!("/{kept}/me"), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!renewed);
    assert_eq!(app.sim.login_count(&mia.id), before + 1);
}

/// Log lines of everything this (current-thread) test runs.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn kept_credentials_are_never_in_the_database_an_answer_or_a_log() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // With a single live dispatcher, tracing-core computes the interest of a callsite first
    // hit on another thread (another test running the same gateway code) from that thread's
    // default alone, i.e. "never", and caches it for every thread: this test then missed the
    // gateway's lines under load. A second live dispatcher makes every registration ask all
    // of them, this one included.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    // Callsites registered before this test started were cached without this subscriber.
    tracing::callsite::rebuild_interest_cache();

    let app = spawn().await;
    let tia = app.creator("tia", TwofaMode::Totp);
    let secret = tia.totp_secret.clone().unwrap();
    let acct = connect_totp_kept(&app, &tia).await;
    app.sim.expire_sessions(&tia.id);
    let (s, _, renewed) = send(&app, Method::GET, &format!("/{acct}/me"), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(renewed, "the re-login ran (and could have logged)");

    let mut answers = String::new();
    for path in ["/accounts".to_owned(), format!("/{acct}/me")] {
        let (_, v) = app.get(&path, &app.key_a).await;
        answers.push_str(&v.to_string());
    }
    let (_, v) = app
        .send(
            Method::PUT,
            &format!("/accounts/{acct}/credentials"),
            Some(&app.key_a),
            Some(json!({"password": PASSWORD, "totpSecret": secret})),
        )
        .await
        .pipe2();
    answers.push_str(&v.to_string());

    let mut db = std::fs::read(&app.db_path).unwrap();
    for ext in ["db-wal", "db-shm"] {
        db.extend(std::fs::read(app.db_path.with_extension(ext)).unwrap_or_default());
    }
    let log_text = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(
        log_text.contains("renewed"),
        "the capture works: {log_text}"
    );
    for needle in [PASSWORD, secret.as_str()] {
        assert!(
            !crate::api_keys::contains(&db, needle.as_bytes()),
            "{needle:?} stored in plain text"
        );
        assert!(!answers.contains(needle), "{needle:?} in an answer");
        assert!(!log_text.contains(needle), "{needle:?} in a log line");
    }

    // Disconnect erases them with the account.
    let (s, _) = app.delete(&format!("/accounts/{acct}"), &app.key_a).await;
    assert!(s.is_success());
    let store = &app.store;
    assert!(
        store
            .credentials(gateway_store::TenantId(1), &acct)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn credentials_routes_check_the_key_then_the_account_then_the_body() {
    let app = spawn().await;
    app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    let path = format!("/accounts/{acct}/credentials");
    let (s, _, _) = app
        .send(Method::PUT, &path, None, Some(json!({"password": "x"})))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = app
        .send(Method::PUT, &path, Some(&app.key_b), Some(json!({})))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v, _) = app
        .send(Method::PUT, &path, Some(&app.key_a), Some(json!({})))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["message"].as_str().unwrap().contains("password"), "{v}");
    let (s, v, _) = app
        .send(
            Method::PUT,
            &path,
            Some(&app.key_a),
            Some(json!({"password": PASSWORD, "totpSecret": "abc"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["message"].as_str().unwrap().contains("totpSecret"), "{v}");
    let (s, v, _) = app
        .send(
            Method::PUT,
            &path,
            Some(&app.key_a),
            Some(json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app.delete(&path, &app.key_a).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v["data"]["credentials"],
        json!({"kept": false, "twofa": null})
    );
    assert_eq!(
        account_row(&app, &acct).await["credentials"],
        json!({"kept": false, "twofa": null})
    );
    let (s, _) = app
        .delete(
            "/accounts/fansly_doesnotexist00000000000/credentials",
            &app.key_a,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
