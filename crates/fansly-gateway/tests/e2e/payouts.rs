//! PO1/PO2 and the payout listings: the OTP sequence end to end (no OTP → 403
//! `requires_2fa`; Send OTP → code from the outbox → Verify OTP → the same request succeeds;
//! ten minutes later → 403 again), validation, foreign keys, and the seeded payout data.

use fansly_sim::TwofaMode;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::audience_support::{connect_world, query_value};
use crate::common::TestApp;
use crate::messaging_support::{assert_400, assert_foreign, assert_proxied, response};

const TEN_MINUTES: i64 = 10 * 60 * 1000;
const UPSERT: &str = "/api/v1/payments/payoutmethod";
const DELETE: &str = "/api/v1/payments/payoutmethod/delete";

/// A request whose error body may carry `data` (the 403 `requires_2fa` does).
async fn raw(app: &TestApp, method: Method, path: &str, body: Value) -> (StatusCode, Value) {
    let res = app
        .http
        .request(method, format!("{}{path}", app.base))
        .header("x-api-key", &app.key_a)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["statusCode"], status.as_u16(), "{v}");
    (status, v)
}

fn assert_requires_2fa(status: StatusCode, body: &Value, acct: &str) {
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["data"], json!({"requires_2fa": true}), "{body}");
    let m = body["message"].as_str().unwrap();
    assert!(
        m.contains(&format!("POST /api/fansly/{acct}/twofa/session "))
            && m.contains(&format!("/api/fansly/{acct}/twofa/session/verify")),
        "{m}"
    );
}

/// The docs example body of "Add payout method".
fn add_body() -> Value {
    json!({
        "id": "",
        "providerId": "2",
        "metadata": "{\"field0\":\"\",\"field1\":\"\",\"email\":\"x@gmail.com\"}",
        "type": 1
    })
}

/// Send OTP then Verify OTP for `acct` (whose e-mail is `mia@example.test`).
async fn otp(app: &TestApp, acct: &str) -> (String, String) {
    let (status, body) = app
        .post(
            &format!("/{acct}/twofa/session"),
            &app.key_a,
            json!({"useEmailTwoFAFallback": true}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let token = body["data"]["data"]["response"]["emailTwofa"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.last_mail("mia@example.test").code;
    let (status, body) = app
        .post(
            &format!("/{acct}/twofa/session/verify"),
            &app.key_a,
            json!({"token": token, "code": code, "mode": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (token, code)
}

async fn creator() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    let info = app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    (app, acct, info.id)
}

fn native_calls(app: &TestApp, path: &str) -> Vec<Value> {
    // The request log keeps no bodies; count calls instead.
    app.sim
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == path)
        .map(|r| json!(r.query))
        .collect()
}

#[tokio::test]
async fn add_needs_a_fresh_otp_and_succeeds_after_send_and_verify() {
    let (app, acct, creator) = creator().await;
    let add = format!("/{acct}/payout/add");

    // 1. No OTP yet: Fansly says "twofa required", the gateway says requires_2fa.
    let (s, b) = raw(&app, Method::POST, &add, add_body()).await;
    assert_requires_2fa(s, &b, &acct);
    assert_eq!(native_calls(&app, UPSERT).len(), 1, "Fansly was asked");
    assert!(app.sim.payout_methods(&creator).is_empty());

    // 2. Send OTP → code from the outbox → Verify OTP → the same request succeeds.
    otp(&app, &acct).await;
    let (s, b) = raw(&app, Method::POST, &add, add_body()).await;
    assert_proxied(s, &b);
    let method = response(&b).clone();
    assert!(method["id"].as_str().unwrap().len() > 10, "{b}");
    assert_eq!(method["providerId"], 2);
    assert_eq!(method["type"], 1);
    assert_eq!(
        method["metadata"],
        "{\"field0\":\"\",\"field1\":\"\",\"email\":\"x@gmail.com\"}"
    );
    for k in ["status", "flags", "createdAt"] {
        assert!(method[k].is_number(), "{k}: {method}");
    }
    let (s, b) = app
        .get(&format!("/{acct}/payouts/methods"), &app.key_a)
        .await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)[0]["id"], method["id"]);

    // Updating the method (non-empty id) within the window works too.
    let mut update = add_body();
    update["id"] = method["id"].clone();
    update["metadata"] = json!("{\"email\":\"new@gmail.com\"}");
    let (s, b) = raw(&app, Method::POST, &add, update).await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["id"], method["id"]);
    assert_eq!(response(&b)["metadata"], "{\"email\":\"new@gmail.com\"}");

    // 3. Ten minutes later the verification no longer counts.
    app.advance(TEN_MINUTES + 1);
    let (s, b) = raw(&app, Method::POST, &add, add_body()).await;
    assert_requires_2fa(s, &b, &acct);
    assert_eq!(app.sim.payout_methods(&creator).len(), 1);
}

#[tokio::test]
async fn delete_follows_the_same_otp_rules() {
    let (app, acct, creator) = creator().await;
    otp(&app, &acct).await;
    let (s, b) = raw(
        &app,
        Method::POST,
        &format!("/{acct}/payout/add"),
        add_body(),
    )
    .await;
    assert_proxied(s, &b);
    let id = response(&b)["id"].as_str().unwrap().to_owned();
    app.advance(TEN_MINUTES + 1);

    // The docs example: twofa with empty strings.
    let del = format!("/{acct}/payout/delete");
    let body = json!({"payoutMethodId": id, "twofa": {"code": "", "token": ""}});
    let (s, b) = raw(&app, Method::DELETE, &del, body.clone()).await;
    assert_requires_2fa(s, &b, &acct);
    assert_eq!(native_calls(&app, DELETE).len(), 1);
    assert_eq!(app.sim.payout_methods(&creator).len(), 1);

    otp(&app, &acct).await;
    let (s, b) = raw(&app, Method::DELETE, &del, body.clone()).await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["id"], id.as_str());
    assert!(response(&b)["deletedAt"].is_number(), "{b}");
    assert!(app.sim.payout_methods(&creator).is_empty());
    let (_, b) = app
        .get(&format!("/{acct}/payouts/methods"), &app.key_a)
        .await;
    assert_eq!(response(&b), &json!([]));

    // Deleted (or unknown) → 404.
    let (s, b) = raw(&app, Method::DELETE, &del, body).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
    let (s, b) = raw(
        &app,
        Method::DELETE,
        &del,
        json!({"payoutMethodId": "123456789012345678"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
}

#[tokio::test]
async fn an_explicit_twofa_is_forwarded_and_checked_by_fansly() {
    let (app, acct, _) = creator().await;
    let (token, code) = otp(&app, &acct).await;
    let add = format!("/{acct}/payout/add");
    let mut body = add_body();
    body["twofa"] = json!({"token": token, "code": "000000"});
    let (s, b) = raw(&app, Method::POST, &add, body.clone()).await;
    assert_requires_2fa(s, &b, &acct);
    body["twofa"] = json!({"token": token, "code": code});
    let (s, b) = raw(&app, Method::POST, &add, body).await;
    assert_proxied(s, &b);
}

#[tokio::test]
async fn payout_changes_are_validated_before_any_fansly_call() {
    let (app, acct, _) = creator().await;
    let add = format!("/{acct}/payout/add");
    let del = format!("/{acct}/payout/delete");
    let before = app.sim.requests().len();
    let cases = [
        (&add, json!({"metadata": "{}"}), "providerId"),
        (
            &add,
            json!({"providerId": "paxum", "metadata": "{}"}),
            "providerId must be a numeric",
        ),
        (&add, json!({"providerId": "2"}), "metadata"),
        (
            &add,
            json!({"providerId": "2", "metadata": "email=x"}),
            "metadata must be a JSON object",
        ),
        (
            &add,
            json!({"providerId": "2", "metadata": 5}),
            "metadata must be a JSON object",
        ),
        (
            &add,
            json!({"providerId": "2", "metadata": "{}", "type": "one"}),
            "type must be an integer",
        ),
        (
            &add,
            json!({"id": "x1", "providerId": "2", "metadata": "{}"}),
            "id must be a numeric",
        ),
        (
            &add,
            json!({"providerId": "2", "metadata": "{}", "twofa": {"token": "t"}}),
            "twofa.token and twofa.code",
        ),
        (
            &add,
            json!({"providerId": "2", "metadata": "{}", "twofa": true}),
            "twofa must be an object",
        ),
        (&del, json!({}), "payoutMethodId"),
        (
            &del,
            json!({"payoutMethodId": "abc"}),
            "payoutMethodId must be a numeric",
        ),
        (
            &del,
            json!({"payoutMethodId": "1", "twofa": {"code": "1"}}),
            "twofa.token and twofa.code",
        ),
    ];
    for (path, body, needle) in cases {
        let method = if path == &add {
            Method::POST
        } else {
            Method::DELETE
        };
        let (s, b) = raw(&app, method, path, body).await;
        assert_400(s, &b, needle);
    }
    assert_eq!(app.sim.requests().len(), before, "no Fansly call");

    assert_foreign(&app, Method::POST, &add, Some(add_body())).await;
    assert_foreign(
        &app,
        Method::DELETE,
        &del,
        Some(json!({"payoutMethodId": "1"})),
    )
    .await;
}

#[tokio::test]
async fn payout_requests_list_newest_first_with_offset_paging() {
    let (app, acct, creator) = creator().await;
    // Earnings past the hold, a method, then two payouts (one through the control API).
    let fan = crate::audience_support::fan(&app, "payer");
    let offer = {
        let media = app.sim.create_media(&creator, "image/jpeg").unwrap();
        app.sim.create_offer(&creator, &media, 20_000).unwrap()
    };
    app.sim.purchase(&fan, &offer).unwrap();
    app.advance(8 * 24 * 3600 * 1000);
    otp(&app, &acct).await;
    let (s, b) = raw(
        &app,
        Method::POST,
        &format!("/{acct}/payout/add"),
        add_body(),
    )
    .await;
    assert_proxied(s, &b);
    let first = app
        .sim
        .create_payout_request(&creator, None, Some(5_000))
        .unwrap();
    let res = app
        .http
        .post(format!("{}/_sim/payout-requests", app.sim_url))
        .json(&json!({"accountId": creator, "amount": 6_000}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let second: Value = res.json().await.unwrap();
    assert_eq!(second["status"], 8);
    // More than is available → the driver refuses.
    let res = app
        .http
        .post(format!("{}/_sim/payout-requests", app.sim_url))
        .json(&json!({"accountId": creator, "amount": 10_000_000}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let (s, b) = app
        .get(&format!("/{acct}/payouts/requests"), &app.key_a)
        .await;
    assert_proxied(s, &b);
    let rows = response(&b).as_array().unwrap();
    assert_eq!(rows.len(), 2, "{b}");
    assert_eq!(rows[0]["id"], second["id"]);
    assert_eq!(rows[1]["id"], first["id"]);
    assert_eq!(rows[1]["amount"], 5_000);
    let (_, b) = app
        .get(
            &format!("/{acct}/payouts/requests?limit=1&offset=1"),
            &app.key_a,
        )
        .await;
    assert_eq!(response(&b)[0]["id"], first["id"]);
    let calls = app.sim_requests("/api/v1/payments/payout/requests").await;
    let q = calls.last().unwrap()["query"].as_str().unwrap();
    assert_eq!(query_value(q, "limit").unwrap(), "1");
    assert_eq!(query_value(q, "offset").unwrap(), "1");
    assert_eq!(query_value(q, "before").unwrap(), "0");

    for (query, needle) in [
        ("limit=0", "limit"),
        ("limit=x101", "limit"),
        ("offset=x", "offset"),
    ] {
        let (s, b) = app
            .get(&format!("/{acct}/payouts/requests?{query}"), &app.key_a)
            .await;
        assert_400(s, &b, needle);
    }
}

#[tokio::test]
async fn seeded_worlds_have_payout_methods_and_payouts() {
    let app = TestApp::spawn().await;
    let (acct, _) = connect_world(&app, "small", 3).await;
    let (s, b) = app
        .get(&format!("/{acct}/payouts/methods"), &app.key_a)
        .await;
    assert_proxied(s, &b);
    let methods = response(&b).as_array().unwrap().clone();
    assert_eq!(methods.len(), 1, "{b}");
    assert_eq!(methods[0]["providerId"], 2);
    let (_, b) = app
        .get(&format!("/{acct}/payouts/requests"), &app.key_a)
        .await;
    let rows = response(&b).as_array().unwrap();
    assert!(!rows.is_empty(), "{b}");
    assert!(rows.iter().all(|r| r["payoutMethodId"] == methods[0]["id"]
        && r["status"] == 8
        && r["amount"].as_i64().unwrap() > 0));
}
