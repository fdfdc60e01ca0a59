//! C3/C4: "Send OTP" and "Verify OTP" (the seed document), field for field.

use fansly_sim::TwofaMode;
use gateway_store::TenantId;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::TestApp;

async fn tenant_of(app: &TestApp, name: &str) -> TenantId {
    let id = app
        .store
        .list_api_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.name == name)
        .unwrap()
        .id;
    TenantId(id)
}

async fn send_otp(app: &TestApp, account: &str) -> (String, String) {
    let (status, body) = app
        .post(
            &format!("/{account}/twofa/session"),
            &app.key_a,
            json!({"useEmailTwoFAFallback": true}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["data"]["status_code"], 200);
    assert_eq!(body["data"]["data"]["success"], true);
    let twofa = &body["data"]["data"]["response"]["emailTwofa"];
    assert!(twofa["id"].is_string(), "{body}");
    assert_eq!(twofa["email"], "m***@example.test");
    assert_eq!(twofa["type"], 2);
    let token = twofa["token"].as_str().unwrap().to_owned();
    let code = app.last_mail("mia@example.test").code;
    (token, code)
}

#[tokio::test]
async fn the_seed_request_verifies_and_answers_the_seed_shape() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mia", TwofaMode::None);
    let account = app.connect(&app.key_a, "mia").await;
    let (token, code) = send_otp(&app, &account).await;
    let (prefix, rest) = token.split_once(":1:1:").expect("<accountId>:1:1:<hex>");
    assert_eq!(prefix, creator.id);
    assert!(rest.len() == 32 && rest.bytes().all(|b| b.is_ascii_hexdigit()));

    // Exactly the seed's curl: {"token", "code", "mode": 1}.
    let (status, body) = app
        .post(
            &format!("/{account}/twofa/session/verify"),
            &app.key_a,
            json!({"token": token, "code": code, "mode": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["statusCode"], 201);
    assert_eq!(body["message"], "Success");
    assert_eq!(body["data"]["status_code"], 200);
    assert_eq!(body["data"]["data"]["success"], true);
    let r = &body["data"]["data"]["response"];
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "accountId",
            "code",
            "createdAt",
            "deviceId",
            "email",
            "id",
            "ip",
            "status",
            "token",
            "tries",
            "version"
        ]
    );
    assert_eq!(r["accountId"], creator.id);
    assert_eq!(r["token"], token);
    assert_eq!(r["code"], code);
    assert_eq!(r["status"], 3);
    assert_eq!(r["tries"], 1);
    assert!(r["id"].is_string() && r["createdAt"].is_i64() && r["version"].is_i64());

    // The verified state is kept (encrypted) for the payout routes.
    let kept = app
        .store
        .otp_verification(tenant_of(&app, "tenant-a").await, &account)
        .await
        .unwrap()
        .unwrap();
    use secrecy::ExposeSecret;
    assert_eq!(kept.token.expose_secret(), token);
    assert_eq!(kept.code.expose_secret(), code);
    assert_eq!(kept.verified_at, app.sim.now_ms());
}

#[tokio::test]
async fn a_wrong_code_is_400_and_counts_a_try() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let account = app.connect(&app.key_a, "mia").await;
    let (token, code) = send_otp(&app, &account).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let path = format!("/{account}/twofa/session/verify");
    let (status, body) = app
        .post(
            &path,
            &app.key_a,
            json!({"token": token, "code": wrong, "mode": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Invalid OTP code"),
        "{body}"
    );
    // `mode` defaults to 1 when left out.
    let (status, body) = app
        .post(&path, &app.key_a, json!({"token": token, "code": code}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["data"]["data"]["response"]["tries"], 2);
}

#[tokio::test]
async fn verify_validates_its_fields() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let account = app.connect(&app.key_a, "mia").await;
    let path = format!("/{account}/twofa/session/verify");
    let cases = [
        (json!({}), "Missing required fields: token, code"),
        (json!({"token": "t"}), "Missing required field: code"),
        (json!({"code": "123456"}), "Missing required field: token"),
        (
            json!({"token": "t", "code": "1", "mode": "1"}),
            "mode must be an integer",
        ),
        (
            json!({"token": "t", "code": "1", "mode": 1.5}),
            "mode must be an integer",
        ),
        (json!({"token": 5, "code": "1"}), "`token`"),
    ];
    for (req, expected) in cases {
        let (status, body) = app.post(&path, &app.key_a, req.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{req}");
        assert!(
            body["message"].as_str().unwrap().contains(expected),
            "{req} → {body}"
        );
    }
    assert!(
        app.sim_requests("/api/v1/twofa/session/verify")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn otp_routes_are_scoped_to_the_key() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let account = app.connect(&app.key_a, "mia").await;
    for path in [
        format!("/{account}/twofa/session"),
        format!("/{account}/twofa/session/verify"),
    ] {
        let (status, body) = app
            .post(&path, &app.key_b, json!({"token": "t", "code": "1"}))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(
            body["message"],
            format!("This API key has no access to account {account}")
        );
        let (status, _) = app
            .post(
                &path.replace(&account, "fansly_doesnotexist000000000"),
                &app.key_a,
                json!({"token": "t", "code": "1"}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}
