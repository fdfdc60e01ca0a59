//! A1/A2/A4/A5: listing, by-ids, me, disconnect; isolation between keys; dead sessions and
//! upstream faults.

use fansly_sim::{SimConfig, TwofaMode};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::common::{Options, TestApp};

#[tokio::test]
async fn accounts_list_is_flat_and_per_key() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let id = app.connect(&app.key_a, "mia").await;
    let (status, body) = app.get("/accounts", &app.key_a).await;
    assert_eq!(status, StatusCode::OK);
    let data = &body["data"];
    assert_eq!(data["success"], true);
    assert_eq!(data["count"], 1);
    let a = &data["accounts"][0];
    assert_eq!(a["accountId"], id);
    assert_eq!(a["email"], "mia");
    assert_eq!(a["name"], "My Model");
    assert_eq!(a["country"], "US");
    assert_eq!(a["status"], "active");
    assert_eq!(a["createdAt"].as_str().unwrap().len(), 24);

    let (_, other) = app.get("/accounts", &app.key_b).await;
    assert_eq!(other["data"]["count"], 0);
    assert_eq!(other["data"]["accounts"], Value::Array(vec![]));
}

#[tokio::test]
async fn me_is_proxied_and_scoped() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mia", TwofaMode::None);
    let id = app.connect(&app.key_a, "mia").await;
    let (status, body) = app.get(&format!("/{id}/me"), &app.key_a).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["status_code"], 200);
    assert_eq!(body["data"]["data"]["success"], true);
    assert_eq!(
        body["data"]["data"]["response"]["account"]["id"],
        creator.id
    );
    assert_eq!(
        body["data"]["data"]["response"]["account"]["username"],
        "mia"
    );

    let (status, body) = app.get(&format!("/{id}/me"), &app.key_b).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["message"],
        format!("This API key has no access to account {id}")
    );
    let (status, body) = app
        .get("/fansly_unknownunknownunknown0/me", &app.key_a)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["message"].as_str().unwrap().contains("not found"));
}

#[tokio::test]
async fn by_ids_reads_native_accounts_in_chunks_of_100() {
    let app = TestApp::spawn().await;
    let mia = app.creator("mia", TwofaMode::None);
    let ella = app.creator("ella", TwofaMode::Email);
    app.connect(&app.key_a, "mia").await;
    let (status, body) = app
        .get(
            &format!("/accounts/by-ids?ids={},{}", mia.id, ella.id),
            &app.key_a,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let found = body["data"]["data"]["response"].as_array().unwrap();
    let ids: Vec<&str> = found.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&mia.id.as_str()) && ids.contains(&ella.id.as_str()));

    let many: Vec<String> = (0..150)
        .map(|i| format!("{}", 1_000_000 + i))
        .chain([mia.id.clone()])
        .collect();
    let before = app.sim_requests("/api/v1/account").await.len();
    let (status, body) = app
        .get(
            &format!("/accounts/by-ids?ids={}", many.join(",")),
            &app.key_a,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["data"]["data"]["response"].as_array().unwrap().len(),
        1
    );
    assert_eq!(app.sim_requests("/api/v1/account").await.len() - before, 2);
}

#[tokio::test]
async fn by_ids_errors() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    for (q, expected) in [
        ("", "ids is required"),
        ("?ids=", "ids is required"),
        ("?ids=abc", "numeric"),
    ] {
        let (status, body) = app.get(&format!("/accounts/by-ids{q}"), &app.key_a).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body["message"].as_str().unwrap().contains(expected),
            "{q}: {body}"
        );
    }
    let (status, body) = app.get("/accounts/by-ids?ids=1", &app.key_a).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Connect an account first")
    );
}

#[tokio::test]
async fn disconnect_closes_the_session_and_forgets_the_account() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let id = app.connect(&app.key_a, "mia").await;

    let (status, _) = app.delete(&format!("/accounts/{id}"), &app.key_b).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, body) = app.delete(&format!("/accounts/{id}"), &app.key_a).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["message"], "Account disconnected");
    assert_eq!(body["data"]["success"], true);
    assert_eq!(body["data"]["accountId"], id);
    let closes = app.sim_requests("/api/v1/session/close").await;
    assert_eq!(closes.len(), 1);

    assert_eq!(
        app.get(&format!("/{id}/me"), &app.key_a).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.delete(&format!("/accounts/{id}"), &app.key_a).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/accounts", &app.key_a).await.1["data"]["count"], 0);
}

#[tokio::test]
async fn a_dead_session_is_401_reconnect_and_shows_as_expired() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mia", TwofaMode::None);
    let id = app.connect(&app.key_a, "mia").await;
    assert_eq!(app.sim.expire_sessions(&creator.id), 1);

    let (status, body) = app.get(&format!("/{id}/me"), &app.key_a).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body["message"].as_str().unwrap().contains("reconnect"),
        "{body}"
    );
    let (_, list) = app.get("/accounts", &app.key_a).await;
    assert_eq!(list["data"]["accounts"][0]["status"], "expired");

    // Known dead: answered without calling Fansly again.
    let calls = app.sim_requests("/api/v1/account/me").await.len();
    assert_eq!(
        app.get(&format!("/{id}/me"), &app.key_a).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.sim_requests("/api/v1/account/me").await.len(), calls);

    // Connecting again revives the same account id.
    assert_eq!(app.connect(&app.key_a, "mia").await, id);
    assert_eq!(
        app.get(&format!("/{id}/me"), &app.key_a).await.0,
        StatusCode::OK
    );
    let (_, list) = app.get("/accounts", &app.key_a).await;
    assert_eq!(list["data"]["accounts"][0]["status"], "active");
}

#[tokio::test]
async fn upstream_faults_map_to_documented_statuses() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let id = app.connect(&app.key_a, "mia").await;
    let me = format!("/{id}/me");

    app.sim_fault("/api/v1/account/me", 429, 1, Some(7)).await;
    let (status, body, headers) = app.send(Method::GET, &me, Some(&app.key_a), None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(headers["retry-after"], "7");
    assert_eq!(headers["x-ratelimit-retry-after"], "7");

    app.sim_fault("/api/v1/account/me", 429, 1, None).await;
    let (status, _, headers) = app.send(Method::GET, &me, Some(&app.key_a), None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "30");

    app.sim_fault("/api/v1/account/me", 503, 1, None).await;
    let (status, body) = app.get(&me, &app.key_a).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Fansly upstream error")
    );

    // A fault is not a dead session: the account is still active and works again.
    assert_eq!(app.get(&me, &app.key_a).await.0, StatusCode::OK);
}

#[tokio::test]
async fn fansly_headers_pass_a_strict_client_check() {
    let defaults = Options::default();
    let opts = Options {
        sim: SimConfig {
            strict_client_check: true,
            ..defaults.sim
        },
        ..defaults
    };
    let app = TestApp::spawn_with(opts).await;
    let creator = app.creator("mia", TwofaMode::None);
    let id = app.connect(&app.key_a, "mia").await;
    let (status, body) = app.get(&format!("/{id}/me"), &app.key_a).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let sent = &app.sim_requests("/api/v1/account/me").await[0]["headers"];
    let device = sent["fansly-client-id"].as_str().unwrap();
    assert_eq!(
        sent["fansly-client-check"].as_str().unwrap(),
        fansly_client::check::client_check("oybZy8-fySzis-bubayf", "/api/v1/account/me", device)
    );
    assert_eq!(sent["origin"], "https://fansly.com");
    assert!(sent["fansly-session-id"].is_string());
    let _ = creator;
}
