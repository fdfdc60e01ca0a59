//! Sensitive-action 2FA (`POST /twofa/session`, `POST /twofa/session/verify`, §5.6).

use fansly_sim::TwofaMode;
use serde_json::{Value, json};

use crate::common::{Harness, START_MS, assert_challenge_token, snowflake_ms};

struct Setup {
    h: Harness,
    account_id: String,
    token: String,
}

async fn setup() -> Setup {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    Setup {
        h,
        account_id: maria.id,
        token,
    }
}

impl Setup {
    /// Sends a code; returns `emailTwofa` and the code from the outbox.
    async fn send(&self) -> (Value, String) {
        let reply = self
            .h
            .post(
                "/api/v1/twofa/session",
                Some(&self.token),
                json!({ "useEmailTwoFAFallback": true }),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let code = self.h.sim.outbox().last().unwrap().code.clone();
        (reply.body["response"]["emailTwofa"].clone(), code)
    }

    async fn verify(&self, body: Value) -> crate::common::Reply {
        self.h
            .post("/api/v1/twofa/session/verify", Some(&self.token), body)
            .await
    }
}

fn wrong(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

#[tokio::test]
async fn send_answers_email_twofa_and_mails_the_code() {
    let s = setup().await;
    let (twofa, code) = s.send().await;
    let keys: Vec<&String> = twofa.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 4, "{twofa}");
    assert_eq!(snowflake_ms(&twofa["id"]), START_MS);
    assert_challenge_token(&twofa["token"], &s.account_id);
    assert_eq!(twofa["email"], "m***@example.com");
    assert_eq!(twofa["type"], 2);
    let mail = s.h.sim.outbox().last().unwrap().clone();
    assert_eq!(mail.kind, "twofa_code");
    assert_eq!(mail.email, "maria@example.com");
    assert_eq!(mail.token, twofa["token"].as_str().unwrap());
    assert_eq!(code.len(), 6);
}

#[tokio::test]
async fn verify_returns_the_exact_object_and_repeats_unchanged() {
    let s = setup().await;
    let (twofa, code) = s.send().await;
    s.h.sim.advance_clock(5_000);
    let bad = s
        .verify(json!({ "token": twofa["token"], "code": wrong(&code), "mode": 1 }))
        .await;
    bad.assert_native_error(400, 3);
    let ok = s
        .verify(json!({ "token": twofa["token"], "code": code, "mode": 1 }))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let expected = json!({
        "id": twofa["id"], "accountId": s.account_id, "deviceId": "111", "ip": "127.0.0.1",
        "email": "m***@example.com", "code": code, "token": twofa["token"], "status": 3,
        "tries": 2, "version": 3, "createdAt": START_MS,
    });
    assert_eq!(ok.body["response"], expected);

    s.h.sim.advance_clock(60_000);
    let again = s
        .verify(json!({ "token": twofa["token"], "code": code }))
        .await;
    assert_eq!(again.body["response"], expected);
    assert!(
        s.h.sim
            .twofa_session_valid(&s.account_id, twofa["token"].as_str().unwrap(), &code)
    );
    s.h.sim.advance_clock(600_000);
    assert!(
        !s.h.sim
            .twofa_session_valid(&s.account_id, twofa["token"].as_str().unwrap(), &code)
    );
}

#[tokio::test]
async fn the_fifth_wrong_code_locks_the_session() {
    let s = setup().await;
    let (twofa, code) = s.send().await;
    for _ in 0..5 {
        s.verify(json!({ "token": twofa["token"], "code": wrong(&code) }))
            .await
            .assert_native_error(400, 3);
    }
    s.verify(json!({ "token": twofa["token"], "code": code }))
        .await
        .assert_native_error(400, 3);
}

#[tokio::test]
async fn four_wrong_codes_then_the_right_one() {
    let s = setup().await;
    let (twofa, code) = s.send().await;
    for _ in 0..4 {
        s.verify(json!({ "token": twofa["token"], "code": wrong(&code) }))
            .await;
    }
    let ok = s
        .verify(json!({ "token": twofa["token"], "code": code }))
        .await;
    assert_eq!(ok.body["response"]["tries"], 5);
    assert_eq!(ok.body["response"]["version"], 6);
    assert_eq!(ok.body["response"]["status"], 3);
}

#[tokio::test]
async fn only_mode_1_is_accepted() {
    let s = setup().await;
    let (twofa, code) = s.send().await;
    for mode in [json!(2), json!("totp"), json!(0)] {
        s.verify(json!({ "token": twofa["token"], "code": code, "mode": mode }))
            .await
            .assert_native_error(400, 3);
    }
    let ok = s
        .verify(json!({ "token": twofa["token"], "code": code, "mode": "1" }))
        .await;
    assert_eq!(
        ok.body["response"]["tries"], 1,
        "a refused mode is not a try"
    );
}

#[tokio::test]
async fn expired_replaced_unknown_and_foreign_tokens_fail() {
    let s = setup().await;
    let (first, first_code) = s.send().await;
    let (second, second_code) = s.send().await;
    s.verify(json!({ "token": first["token"], "code": first_code }))
        .await
        .assert_native_error(400, 3);
    s.verify(
        json!({ "token": format!("{}:1:1:{}", s.account_id, "0".repeat(32)), "code": second_code }),
    )
    .await
    .assert_native_error(400, 3);

    let lena = s.h.creator("lena", TwofaMode::None);
    let lena_token = s.h.token(&lena).await;
    s.h.post(
        "/api/v1/twofa/session/verify",
        Some(&lena_token),
        json!({ "token": second["token"], "code": second_code }),
    )
    .await
    .assert_native_error(400, 3);

    s.h.sim.advance_clock(600_000);
    s.verify(json!({ "token": second["token"], "code": second_code }))
        .await
        .assert_native_error(400, 3);
}
