//! Issue 11 item 6: the code refuses what the OpenAPI document forbids and accepts what it
//! allows (the mismatches schemathesis's acceptance checks found): a non-object JSON body,
//! `offset` above its documented maximum (also when `cursor` wins), and `limit` on the chat
//! list checked like every other `limit`.

use fansly_sim::TwofaMode;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::TestApp;

fn message(body: &Value) -> &str {
    body["message"].as_str().unwrap_or("")
}

#[tokio::test]
async fn a_json_body_that_is_not_an_object_is_a_400_naming_the_body() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let a = app.connect(&app.key_a, "mia").await;
    for body in [json!([false]), json!([]), json!("x"), json!(5), json!(true)] {
        let (status, answer) = app
            .post(&format!("/{a}/twofa/session"), &app.key_a, body.clone())
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert!(
            message(&answer).contains("body must be a JSON object"),
            "{body}: {answer}"
        );
    }
    // `null` as the whole body is refused too; an object still works.
    let (status, answer) = app
        .post(&format!("/{a}/twofa/session"), &app.key_a, Value::Null)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let (status, answer) = app
        .post(
            &format!("/{a}/twofa/session"),
            &app.key_a,
            json!({"useEmailTwoFAFallback": false}),
        )
        .await;
    assert!(status.is_success(), "{answer}");
}

#[tokio::test]
async fn offset_is_refused_above_its_documented_maximum() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let a = app.connect(&app.key_a, "mia").await;
    let over = "9223372036854775808";
    for path in [
        format!("/{a}/discover/search/accounts?query=mia&offset={over}"),
        format!("/{a}/payouts/requests?offset={over}"),
        format!("/{a}/earnings/transactions?offset={over}"),
        format!("/{a}/following?offset={over}"),
        // `cursor` wins, but a bad `offset` beside it is still refused.
        format!("/{a}/following?cursor=undefined&offset={over}"),
        format!("/{a}/subscribers/active?cursor=0&offset={over}"),
        format!("/{a}/posts?offset=300"),
        format!("/{a}/posts?cursor=0&offset=300"),
    ] {
        let (status, body) = app.get(&path, &app.key_a).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert!(message(&body).contains("offset"), "{path}: {body}");
    }
    // The documented maximum itself reaches Fansly and is an empty page, not an error.
    let (status, body) = app
        .get(
            &format!("/{a}/payouts/requests?offset=9223372036854775807"),
            &app.key_a,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app.get(&format!("/{a}/posts?offset=299"), &app.key_a).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn the_chat_list_checks_limit_like_every_route() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let a = app.connect(&app.key_a, "mia").await;
    for bad in ["-58800", "0", "abc"] {
        let (status, body) = app
            .get(&format!("/{a}/chats?limit={bad}"), &app.key_a)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(message(&body).contains("limit"), "{bad}: {body}");
    }
    for ok in ["", "1", "1000"] {
        let (status, body) = app.get(&format!("/{a}/chats?limit={ok}"), &app.key_a).await;
        assert_eq!(status, StatusCode::OK, "{ok}: {body}");
    }
}

#[tokio::test]
async fn any_documented_status_number_is_a_page_even_one_no_subscription_has() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let a = app.connect(&app.key_a, "mia").await;
    // The document allows 1–3 digits per status; 665 is no status Fansly has: an empty page.
    let (status, body) = app
        .get(&format!("/{a}/subscribers?status=665,%09085"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["subscribers"], json!([]), "{body}");
}
