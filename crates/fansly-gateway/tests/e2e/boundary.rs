//! The envelope on every non-route answer: unknown routes, wrong methods, bad bodies.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{TestApp, connect_body};

#[tokio::test]
async fn unknown_routes_answer_cannot_method_path() {
    let app = TestApp::spawn().await;
    for path in ["/api/fansly/nope/at/all", "/", "/api/other"] {
        let url = format!("{}{path}", app.root);
        let (status, body, _) = app.send(Method::GET, &url, Some(&app.key_a), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["message"], format!("Cannot GET {path}"));
    }
    // Unknown routes are reported as such even without a key.
    let (status, body, _) = app.send(Method::POST, "/no-such-route", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["message"], "Cannot POST /api/fansly/no-such-route");
}

#[tokio::test]
async fn wrong_method_is_an_enveloped_405_with_allow() {
    let app = TestApp::spawn().await;
    let (status, body, headers) = app
        .send(Method::GET, "/connect", Some(&app.key_a), None)
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["message"], "Cannot GET /api/fansly/connect");
    assert!(headers["allow"].to_str().unwrap().contains("POST"));
}

#[tokio::test]
async fn malformed_json_names_the_problem() {
    let app = TestApp::spawn().await;
    let res = app
        .http
        .post(format!("{}/connect", app.base))
        .header("x-api-key", &app.key_a)
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = res.json().await.unwrap();
    crate::common::assert_envelope(StatusCode::BAD_REQUEST, &body);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Malformed JSON body"),
        "{body}"
    );
}

#[tokio::test]
async fn wrong_field_type_names_the_field() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .post(
            "/connect",
            &app.key_a,
            json!({"username": 5, "password": "x", "name": "n", "countryCode": "US"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let msg = body["message"].as_str().unwrap();
    assert!(
        msg.contains("`username`") && msg.contains("expected a string"),
        "{msg}"
    );
}

#[tokio::test]
async fn body_without_json_content_type_is_415() {
    let app = TestApp::spawn().await;
    let res = app
        .http
        .post(format!("{}/connect", app.base))
        .header("x-api-key", &app.key_a)
        .body(connect_body("mia", "pw").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: serde_json::Value = res.json().await.unwrap();
    crate::common::assert_envelope(StatusCode::UNSUPPORTED_MEDIA_TYPE, &body);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("application/json")
    );
}

#[tokio::test]
async fn oversized_body_is_413() {
    let app = TestApp::spawn().await;
    let big = "x".repeat(2 * 1024 * 1024);
    let res = app
        .http
        .post(format!("{}/connect", app.base))
        .header("x-api-key", &app.key_a)
        .json(&json!({"username": big, "password": "p", "name": "n", "countryCode": "US"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = res.json().await.unwrap();
    crate::common::assert_envelope(StatusCode::PAYLOAD_TOO_LARGE, &body);
}

#[tokio::test]
async fn responses_carry_a_request_id() {
    let app = TestApp::spawn().await;
    let (_, _, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_a), None)
        .await;
    assert!(
        headers["x-request-id"]
            .to_str()
            .unwrap()
            .starts_with("req_")
    );
}
