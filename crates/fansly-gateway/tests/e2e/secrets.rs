//! Secrets at rest: after connects (plain and 2FA) and an OTP verification, the database
//! files hold none of the password, the session token, the login twofa token or the OTP.

use fansly_sim::TwofaMode;
use reqwest::StatusCode;
use serde_json::json;

use crate::api_keys::contains;
use crate::common::{PASSWORD, TestApp, connect_body};

fn database_bytes(app: &TestApp) -> Vec<u8> {
    let mut all = std::fs::read(&app.db_path).unwrap();
    for ext in ["db-wal", "db-shm"] {
        all.extend(std::fs::read(app.db_path.with_extension(ext)).unwrap_or_default());
    }
    all
}

#[tokio::test]
async fn no_password_token_or_code_is_stored_in_plain_text() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    app.creator("ella", TwofaMode::Email);
    let mia = app.connect(&app.key_a, "mia").await;

    let (_, body) = app
        .post("/connect", &app.key_a, connect_body("ella", PASSWORD))
        .await;
    let twofa_token = body["data"]["twofa_token"].as_str().unwrap().to_owned();
    // While the 2FA connection is pending.
    let pending = database_bytes(&app);
    assert!(
        !contains(&pending, twofa_token.as_bytes()),
        "login twofa token stored in plain text"
    );
    assert!(!contains(&pending, PASSWORD.as_bytes()), "password stored");
    let code = app.last_mail("ella@example.test").code;
    let (status, _) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            json!({"username": "ella", "password": PASSWORD, "twoFactorToken": twofa_token,
            "twoFactorCode": code, "name": "E", "countryCode": "US"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let (_, sent) = app
        .post(&format!("/{mia}/twofa/session"), &app.key_a, json!({}))
        .await;
    let otp_token = sent["data"]["data"]["response"]["emailTwofa"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let otp_code = app.last_mail("mia@example.test").code;
    let (status, _) = app
        .post(
            &format!("/{mia}/twofa/session/verify"),
            &app.key_a,
            json!({"token": otp_token, "code": otp_code, "mode": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let tokens: Vec<String> = app
        .sim_requests("/api/v1/account/me")
        .await
        .iter()
        .map(|r| r["headers"]["authorization"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(tokens.len(), 2);
    let db = database_bytes(&app);
    assert!(!contains(&db, PASSWORD.as_bytes()), "password stored");
    for t in &tokens {
        assert!(
            !contains(&db, t.as_bytes()),
            "session token stored in plain text"
        );
    }
    assert!(
        !contains(&db, otp_token.as_bytes()),
        "OTP token stored in plain text"
    );
    assert!(!contains(&db, format!("\"{otp_code}\"").as_bytes()));
}
