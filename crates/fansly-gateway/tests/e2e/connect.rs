//! C1/C2: connecting accounts with no 2FA, an e-mailed code and an authenticator app;
//! wrong codes, retries, exhaustion, expiry, validation and reconnects.

use fansly_sim::TwofaMode;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{PASSWORD, TestApp, connect_body};

fn verify_body(username: &str, token: &str, code: &str) -> Value {
    json!({"username": username, "password": PASSWORD, "twoFactorToken": token,
           "twoFactorCode": code, "name": "My Model", "countryCode": "US"})
}

fn assert_connected(body: &Value, native_id: &str) -> String {
    let data = &body["data"];
    assert_eq!(data["status_code"], 200, "{body}");
    let id = data["account_id"].as_str().expect("account_id");
    let suffix = id.strip_prefix("fansly_").expect("fansly_ prefix");
    assert!(
        suffix.len() >= 20 && suffix.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{id}"
    );
    assert_eq!(data["accountId"], id);
    assert_eq!(data["data"]["success"], true);
    // No id but the gateway's where a client looks for one; Fansly's id has its own name.
    assert_eq!(data["data"]["response"]["accountId"], id);
    assert_eq!(data["data"]["response"]["fanslyAccountId"], native_id);
    assert_eq!(data["fanslyAccountId"], native_id);
    assert!(data["data"]["response"].get("token").is_none(), "{body}");
    assert!(data.get("requires_2fa").is_none());
    id.to_owned()
}

#[tokio::test]
async fn connect_without_2fa() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mia", TwofaMode::None);
    let (status, body) = app
        .post("/connect", &app.key_a, connect_body("mia", PASSWORD))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = assert_connected(&body, &creator.id);

    // The native session token never reaches the client.
    let sent = app.sim_requests("/api/v1/account/me").await;
    let native_token = sent[0]["headers"]["authorization"].as_str().unwrap();
    assert!(!body.to_string().contains(native_token));

    let (status, list) = app.get("/accounts", &app.key_a).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["data"]["accounts"][0]["accountId"], id);
}

#[tokio::test]
async fn connect_by_email_address_works_too() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mia", TwofaMode::None);
    let (status, body) = app
        .post(
            "/connect",
            &app.key_a,
            connect_body("MIA@example.test", PASSWORD),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_connected(&body, &creator.id);
}

#[tokio::test]
async fn email_code_with_a_wrong_try_then_the_right_code() {
    let app = TestApp::spawn().await;
    let creator = app.creator("ella", TwofaMode::Email);
    let (status, body) = app
        .post("/connect", &app.key_a, connect_body("ella", PASSWORD))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let data = &body["data"];
    assert_eq!(data["requires_2fa"], true);
    assert_eq!(data["masked_email"], "e***@example.test");
    assert!(
        data["message"]
            .as_str()
            .unwrap()
            .contains("e***@example.test")
    );
    assert!(data.get("account_id").is_none());
    let token = data["twofa_token"].as_str().unwrap().to_owned();
    let mail = app.last_mail("ella@example.test");
    assert_eq!(mail.token, token);

    let wrong = if mail.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            verify_body("ella", &token, wrong),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Invalid verification code (4 tries left"),
        "{body}"
    );

    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            verify_body("ella", &token, &mail.code),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_connected(&body, &creator.id);

    // The pending connection is consumed.
    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            verify_body("ella", &token, &mail.code),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("connect again"),
        "{body}"
    );
}

#[tokio::test]
async fn authenticator_app_code() {
    let app = TestApp::spawn().await;
    let creator = app.creator("tara", TwofaMode::Totp);
    let (_, body) = app
        .post("/connect", &app.key_a, connect_body("tara", PASSWORD))
        .await;
    assert_eq!(body["data"]["requires_2fa"], true, "{body}");
    assert!(
        body["data"]["message"]
            .as_str()
            .unwrap()
            .contains("authenticator")
    );
    let token = body["data"]["twofa_token"].as_str().unwrap();
    let secret = creator.totp_secret.as_deref().expect("secret");
    let code = fansly_sim::totp(secret, app.sim.now_ms() / 1000).unwrap();
    // A numeric code (as some clients send it) is accepted as well as a string.
    let mut req = verify_body("tara", token, &code);
    if !code.starts_with('0') {
        req["twoFactorCode"] = json!(code.parse::<u64>().unwrap());
    }
    let (status, body) = app.post("/verify-2fa", &app.key_a, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_connected(&body, &creator.id);
}

#[tokio::test]
async fn tries_run_out_after_five_wrong_codes() {
    let app = TestApp::spawn().await;
    app.creator("ella", TwofaMode::Email);
    let (_, body) = app
        .post("/connect", &app.key_a, connect_body("ella", PASSWORD))
        .await;
    let token = body["data"]["twofa_token"].as_str().unwrap().to_owned();
    let code = app.last_mail("ella@example.test").code;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (0..5).rev() {
        let (status, body) = app
            .post(
                "/verify-2fa",
                &app.key_a,
                verify_body("ella", &token, wrong),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let msg = body["message"].as_str().unwrap();
        if left == 0 {
            assert!(msg.contains("no tries are left"), "{msg}");
        } else {
            assert!(msg.contains(&format!("({left} tr")), "{msg}");
        }
    }
    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            verify_body("ella", &token, &code),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("connect again"),
        "{body}"
    );
}

#[tokio::test]
async fn an_expired_or_unknown_token_says_connect_again() {
    let app = TestApp::spawn().await;
    app.creator("ella", TwofaMode::Email);
    let (_, body) = app
        .post("/connect", &app.key_a, connect_body("ella", PASSWORD))
        .await;
    let token = body["data"]["twofa_token"].as_str().unwrap().to_owned();
    let code = app.last_mail("ella@example.test").code;
    app.advance(11 * 60 * 1000);
    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            verify_body("ella", &token, &code),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("expired"),
        "{body}"
    );

    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            verify_body("ella", "123:1:1:abc", "123456"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("connect again"),
        "{body}"
    );
}

#[tokio::test]
async fn a_twofa_token_belongs_to_its_key_and_username() {
    let app = TestApp::spawn().await;
    app.creator("ella", TwofaMode::Email);
    app.creator("mia", TwofaMode::None);
    let (_, body) = app
        .post("/connect", &app.key_a, connect_body("ella", PASSWORD))
        .await;
    let token = body["data"]["twofa_token"].as_str().unwrap().to_owned();
    let code = app.last_mail("ella@example.test").code;

    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_b,
            verify_body("ella", &token, &code),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "another key cannot finish it: {body}"
    );
    let (status, body) = app
        .post("/verify-2fa", &app.key_a, verify_body("mia", &token, &code))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("username"),
        "{body}"
    );
    // Still usable by its owner afterwards.
    let (status, _) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            verify_body("ella", &token, &code),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_is_a_400_that_says_so() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let (status, body) = app
        .post("/connect", &app.key_a, connect_body("mia", "wrong"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Invalid Fansly credentials"),
        "{body}"
    );
    let (status, _) = app
        .post("/connect", &app.key_a, connect_body("nobody", PASSWORD))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_field_is_validated_by_name() {
    let app = TestApp::spawn().await;
    let cases = [
        (json!({}), "username, password, name, countryCode"),
        (
            json!({"username": "m", "password": "p", "name": "n"}),
            "countryCode",
        ),
        (
            json!({"username": " ", "password": "p", "name": "n", "countryCode": "US"}),
            "username",
        ),
        (
            json!({"username": "m", "password": null, "name": "n", "countryCode": "US"}),
            "password",
        ),
        (
            json!({"username": "m", "password": "p", "name": "n", "countryCode": "us"}),
            "countryCode must match ^[A-Z]{2}$",
        ),
        (
            json!({"username": "m", "password": "p", "name": "n", "countryCode": "USA"}),
            "countryCode must match",
        ),
        (
            json!({"username": "m", "password": "p", "name": "n".repeat(101), "countryCode": "US"}),
            "name must be at most 100",
        ),
    ];
    for (body, expected) in cases {
        let (status, res) = app.post("/connect", &app.key_a, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let msg = res["message"].as_str().unwrap();
        assert!(msg.contains(expected), "{body} → {msg}");
    }
    let (status, res) = app
        .post("/verify-2fa", &app.key_a, json!({"username": "m"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        res["message"]
            .as_str()
            .unwrap()
            .contains("password, twoFactorToken, twoFactorCode, name, countryCode"),
        "{res}"
    );
    // Nothing reached Fansly for any of them.
    assert!(app.sim_requests("/api/v1/login").await.is_empty());
}

#[tokio::test]
async fn reconnecting_keeps_the_account_id_per_key() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let first = app.connect(&app.key_a, "mia").await;
    let second = app.connect(&app.key_a, "mia").await;
    assert_eq!(first, second);
    let (_, list) = app.get("/accounts", &app.key_a).await;
    assert_eq!(list["data"]["count"], 1);
    // A reconnect reuses the stored device id instead of asking Fansly for a new one.
    assert_eq!(app.sim_requests("/api/v1/device/id").await.len(), 1);

    // The same Fansly account under another key is a separate connection.
    let other = app.connect(&app.key_b, "mia").await;
    assert_ne!(other, first);
}
