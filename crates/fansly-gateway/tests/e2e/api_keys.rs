//! `x-api-key`: missing, invalid, revoked (also by another process), case-insensitive name.

use std::time::Duration;

use gateway_store::{generate_api_key, hash_api_key};
use reqwest::{Method, StatusCode};
use secrecy::ExposeSecret;

use crate::common::{TestApp, eventually};

#[tokio::test]
async fn missing_and_invalid_keys_are_401() {
    let app = TestApp::spawn().await;
    let (status, body, _) = app.send(Method::GET, "/accounts", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["message"], "Missing API key");

    let (status, body, _) = app
        .send(Method::GET, "/accounts", Some("fgw_not-a-real-key"), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["message"], "Invalid API key");

    // Every /api/fansly route checks the key, including account-scoped ones.
    let (status, _, _) = app
        .send(
            Method::POST,
            "/fansly_x/twofa/session/verify",
            None,
            Some(serde_json::json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn header_name_is_case_insensitive() {
    let app = TestApp::spawn().await;
    let res = app
        .http
        .get(format!("{}/accounts", app.base))
        .header("X-API-KEY", &app.key_a)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn keys_have_a_prefix_and_32_plus_base62_chars_and_only_their_hash_is_stored() {
    let key = generate_api_key();
    let k = key.expose_secret();
    let rest = k.strip_prefix("fgw_").expect("prefix");
    assert!(
        rest.len() >= 32 && rest.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{k}"
    );

    let app = TestApp::spawn().await;
    let bytes = std::fs::read(&app.db_path).unwrap();
    let mut wal = std::fs::read(app.db_path.with_extension("db-wal")).unwrap_or_default();
    wal.extend(bytes);
    assert!(
        !contains(&wal, app.key_a.as_bytes()),
        "plaintext key in the database"
    );
    assert_eq!(hash_api_key(&app.key_a).len(), 32);
}

#[tokio::test]
async fn a_key_revoked_elsewhere_stops_working_within_the_refresh() {
    let app = TestApp::spawn().await;
    let (status, _) = app.get("/accounts", &app.key_b).await;
    assert_eq!(status, StatusCode::OK);
    // As `fansly-gateway keys revoke` would, from another process: straight in the database.
    let id = app
        .store
        .list_api_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.name == "tenant-b")
        .unwrap()
        .id;
    assert!(app.store.revoke_api_key(id).await.unwrap());
    eventually(Duration::from_secs(2), || async {
        app.get("/accounts", &app.key_b).await.0 == StatusCode::UNAUTHORIZED
    })
    .await;
    // The other key is unaffected.
    assert_eq!(app.get("/accounts", &app.key_a).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_key_created_after_start_works_at_once() {
    let app = TestApp::spawn().await;
    let key = generate_api_key();
    app.store
        .create_api_key("late", "fgw_late", &hash_api_key(key.expose_secret()))
        .await
        .unwrap();
    assert_eq!(
        app.get("/accounts", key.expose_secret()).await.0,
        StatusCode::OK
    );
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
