//! `POST /login` and `POST /login/twofa` for every 2FA kind, wrong codes, the try limit,
//! expiry and the new-device check.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use fansly_sim::{NewCreator, SimConfig, TwofaMode, totp};
use serde_json::{Value, json};

use crate::common::{Harness, START_MS, assert_challenge_token, config, snowflake_ms};

const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn decode(b64: &str) -> String {
    String::from_utf8(STANDARD.decode(b64).expect("base64")).expect("utf-8")
}

#[track_caller]
fn assert_session_shape(session: &Value, account_id: &str, device_id: &str, twofa_at: Value) {
    let keys: Vec<&str> = session
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "accountId",
            "checkToken",
            "createdAt",
            "deviceId",
            "id",
            "ip",
            "lastUsed",
            "metadata",
            "status",
            "token",
            "twofa_at",
            "websocketSessionId",
        ]
    );
    let id = session["id"].as_str().unwrap();
    assert_eq!(snowflake_ms(&session["id"]), START_MS);
    assert_eq!(session["accountId"], account_id);
    assert_eq!(session["deviceId"], device_id);
    assert_eq!(session["status"], 2);
    assert_eq!(session["ip"], "127.0.0.1");
    assert_eq!(session["lastUsed"], START_MS);
    assert_eq!(session["createdAt"], START_MS);
    assert_eq!(session["twofa_at"], twofa_at);
    assert!(session["metadata"].is_null());
    assert!(session["checkToken"].is_null());
    assert!(session["websocketSessionId"].is_null());
    let token = decode(session["token"].as_str().unwrap());
    let parts: Vec<&str> = token.split(':').collect();
    assert_eq!(parts[..3], [id, "1", "2"]);
    assert_eq!(parts[3].len(), 32);
}

#[track_caller]
fn assert_cookie(set_cookie: Option<&str>, session_id: &str) {
    let cookie = set_cookie.expect("Set-Cookie");
    let value = cookie
        .strip_prefix("f-s-c=")
        .and_then(|rest| rest.split(';').next())
        .expect("f-s-c cookie");
    assert!(
        decode(value).starts_with(&format!("{session_id}:1:1:")),
        "{cookie}"
    );
}

#[tokio::test]
async fn login_without_2fa_returns_a_session_and_cookie() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let reply = h.login("MARIA@Example.com", "hunter2", "555").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["success"], true);
    let session = &reply.body["response"]["session"];
    assert_session_shape(session, &maria.id, "555", Value::Null);
    assert_cookie(reply.header("set-cookie"), session["id"].as_str().unwrap());

    let me = h.get("/api/v1/account/me", session["token"].as_str()).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["response"]["account"]["id"], maria.id);
}

#[tokio::test]
async fn wrong_credentials_are_401_code_1() {
    let h = Harness::start().await;
    h.creator("maria", TwofaMode::None);
    for (login, password) in [("maria", "wrong"), ("nobody", "hunter2"), ("", "")] {
        let reply = h.login(login, password, "1").await;
        reply.assert_native_error(401, 1);
        assert_eq!(reply.body["error"]["details"], "invalid credentials");
    }
}

#[tokio::test]
async fn email_2fa_sends_a_code_and_completes_once() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::Email);
    let reply = h.login("maria", "hunter2", "555").await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("set-cookie").is_none());
    let twofa = &reply.body["response"]["twofa"];
    assert_eq!(twofa["type"], 2);
    assert_eq!(twofa["email"], "m***@example.com");
    assert_challenge_token(&twofa["token"], &maria.id);

    let outbox = h.sim.outbox();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].email, "maria@example.com");
    assert_eq!(outbox[0].kind, "login_code");
    assert_eq!(outbox[0].token, twofa["token"].as_str().unwrap());
    assert_eq!(outbox[0].sent_at, START_MS);
    let code = outbox[0].code.clone();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));

    let body = json!({ "token": twofa["token"], "code": code });
    let done = h
        .post("/api/v1/login/twofa?ngsw-bypass=true", None, body.clone())
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let session = &done.body["response"];
    assert_session_shape(session, &maria.id, "555", json!(START_MS));
    assert_cookie(done.header("set-cookie"), session["id"].as_str().unwrap());

    let again = h.post("/api/v1/login/twofa", None, body).await;
    again.assert_native_error(400, 3);
    assert_eq!(again.body["error"]["details"], "error verifying session");
}

#[tokio::test]
async fn totp_2fa_accepts_the_authenticator_code() {
    let h = Harness::start().await;
    let info = h
        .sim
        .create_creator(NewCreator {
            username: "tina".into(),
            email: "tina@example.org".into(),
            password: "hunter2".into(),
            twofa: TwofaMode::Totp,
            totp_secret: Some(RFC_SECRET.into()),
            display_name: Some("Tina".into()),
        })
        .unwrap();
    assert_eq!(info.totp_secret.as_deref(), Some(RFC_SECRET));
    let reply = h.login("tina", "hunter2", "777").await;
    let twofa = &reply.body["response"]["twofa"];
    assert_eq!(twofa["type"], 1);
    assert_eq!(twofa["email"], "t***@example.org");
    assert!(h.sim.outbox().is_empty(), "type 1 sends no e-mail");

    let now_secs = h.sim.now_ms() / 1000;
    let far = totp(RFC_SECRET, now_secs + 300).unwrap();
    let wrong = h
        .post(
            "/api/v1/login/twofa",
            None,
            json!({ "token": twofa["token"], "code": far }),
        )
        .await;
    wrong.assert_native_error(400, 3);

    let previous_step = totp(RFC_SECRET, now_secs - 30).unwrap();
    let done = h
        .post(
            "/api/v1/login/twofa",
            None,
            json!({ "token": twofa["token"], "code": previous_step }),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_session_shape(&done.body["response"], &info.id, "777", json!(START_MS));
}

#[tokio::test]
async fn totp_follows_the_simulated_clock() {
    let h = Harness::start().await;
    let info = h.creator("tom", TwofaMode::Totp);
    let secret = info.totp_secret.expect("a generated secret");
    let reply = h.login("tom", "hunter2", "1").await;
    let token = reply.body["response"]["twofa"]["token"].clone();
    let stale = totp(&secret, h.sim.now_ms() / 1000).unwrap();
    h.sim.advance_clock(120_000);
    let fresh = totp(&secret, h.sim.now_ms() / 1000).unwrap();
    if stale != fresh {
        let old = h
            .post(
                "/api/v1/login/twofa",
                None,
                json!({ "token": token, "code": stale }),
            )
            .await;
        old.assert_native_error(400, 3);
    }
    let done = h
        .post(
            "/api/v1/login/twofa",
            None,
            json!({ "token": token, "code": fresh }),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["response"]["twofa_at"], h.sim.now_ms());
}

#[tokio::test]
async fn five_wrong_codes_kill_the_challenge() {
    let h = Harness::start().await;
    h.creator("maria", TwofaMode::Email);
    let reply = h.login("maria", "hunter2", "1").await;
    let token = reply.body["response"]["twofa"]["token"].clone();
    let code = h.sim.outbox()[0].code.clone();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        h.post(
            "/api/v1/login/twofa",
            None,
            json!({ "token": token, "code": wrong }),
        )
        .await
        .assert_native_error(400, 3);
    }
    h.post(
        "/api/v1/login/twofa",
        None,
        json!({ "token": token, "code": code }),
    )
    .await
    .assert_native_error(400, 3);
}

#[tokio::test]
async fn four_wrong_codes_still_allow_the_right_one() {
    let h = Harness::start().await;
    h.creator("maria", TwofaMode::Email);
    let reply = h.login("maria", "hunter2", "1").await;
    let token = reply.body["response"]["twofa"]["token"].clone();
    let code = h.sim.outbox()[0].code.clone();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        h.post(
            "/api/v1/login/twofa",
            None,
            json!({ "token": token, "code": wrong }),
        )
        .await
        .assert_native_error(400, 3);
    }
    let done = h
        .post(
            "/api/v1/login/twofa",
            None,
            json!({ "token": token, "code": code }),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
}

#[tokio::test]
async fn challenges_expire_after_ten_minutes() {
    let h = Harness::start().await;
    h.creator("maria", TwofaMode::Email);
    let reply = h.login("maria", "hunter2", "1").await;
    let token = reply.body["response"]["twofa"]["token"].clone();
    let code = h.sim.outbox()[0].code.clone();
    h.post("/_sim/clock/advance", None, json!({ "ms": 600_000 }))
        .await;
    h.post(
        "/api/v1/login/twofa",
        None,
        json!({ "token": token, "code": code }),
    )
    .await
    .assert_native_error(400, 3);
    h.post(
        "/api/v1/login/twofa",
        None,
        json!({ "token": "1:1:1:ffff", "code": code }),
    )
    .await
    .assert_native_error(400, 3);
}

#[tokio::test]
async fn new_device_check_challenges_unknown_device_and_ip_pairs() {
    let h = Harness::with(SimConfig {
        new_device_check: true,
        ..config()
    })
    .await;
    let maria = h.creator("maria", TwofaMode::None);
    let first = h.login("maria", "hunter2", "555").await;
    let twofa = &first.body["response"]["twofa"];
    assert_eq!(twofa["type"], 2, "{}", first.body);
    assert_challenge_token(&twofa["token"], &maria.id);
    let code = h.sim.outbox()[0].code.clone();
    let done = h
        .post(
            "/api/v1/login/twofa",
            None,
            json!({ "token": twofa["token"], "code": code }),
        )
        .await;
    assert_eq!(done.status, 200);

    let known = h.login("maria", "hunter2", "555").await;
    assert!(
        known.body["response"]["session"].is_object(),
        "{}",
        known.body
    );
    let other_device = h.login("maria", "hunter2", "556").await;
    assert_eq!(other_device.body["response"]["twofa"]["type"], 2);
}
