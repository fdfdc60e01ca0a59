//! The webhook management API: every route, its validation errors, isolation between API keys,
//! and the signing secret (shown once, encrypted at rest).

use fansly_sim::TwofaMode;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Options, TestApp};

const URL: &str = "https://hooks.example.com/in/TOKEN?x=1";

/// A gateway with `webhooks_allow_private_targets`: URLs are then checked for their form only,
/// so no DNS lookup leaves the machine.
async fn spawn_allowing() -> TestApp {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    TestApp::spawn_with(opts).await
}

async fn create(app: &TestApp, key: &str, body: Value) -> (StatusCode, Value) {
    app.post("/webhooks", key, body).await
}

async fn patch(app: &TestApp, path: &str, key: &str, body: Value) -> (StatusCode, Value) {
    let (s, v, _) = app.send(Method::PATCH, path, Some(key), Some(body)).await;
    (s, v)
}

#[tokio::test]
async fn create_get_list_update_delete() {
    let app = spawn_allowing().await;
    app.creator("hookcreator", TwofaMode::None);
    let acc = app.connect(&app.key_a, "hookcreator").await;
    let (s, v) = create(
        &app,
        &app.key_a,
        json!({"url": URL, "events": ["messages.received", "tips.received", "messages.received"],
               "accountIds": [acc], "description": "crm"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let d = &v["data"];
    let id = d["id"].as_str().unwrap().to_owned();
    assert!(d["secret"].as_str().unwrap().starts_with("whsec_"), "{v}");
    assert_eq!(d["url"], URL);
    assert_eq!(d["events"], json!(["messages.received", "tips.received"]));
    assert_eq!(d["accountIds"], json!([acc]));
    assert_eq!(d["description"], "crm");
    assert_eq!(d["enabled"], true);

    // The secret is shown only once.
    let (s, v) = app.get(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["data"].get("secret").is_none(), "{v}");
    assert_eq!(v["data"]["url"], URL);
    let (_, v) = app.get("/webhooks", &app.key_a).await;
    let list = v["data"]["list"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].get("secret").is_none());

    let (s, v) = patch(
        &app,
        &format!("/webhooks/{id}"),
        &app.key_a,
        json!({"events": ["ppv.purchased"], "enabled": false, "description": "off",
               "accountIds": null, "url": "https://hooks.example.com/other"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["events"], json!(["ppv.purchased"]));
    assert_eq!(v["data"]["enabled"], false);
    assert_eq!(v["data"]["disabledReason"], "disabled by the API");
    assert_eq!(v["data"]["accountIds"], Value::Null);
    assert_eq!(v["data"]["url"], "https://hooks.example.com/other");
    let (_, v) = patch(
        &app,
        &format!("/webhooks/{id}"),
        &app.key_a,
        json!({"enabled": true}),
    )
    .await;
    assert_eq!(v["data"]["enabled"], true);
    assert_eq!(v["data"]["disabledReason"], Value::Null);

    let (s, v) = app.delete(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = app.get(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.delete(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn validation_errors_name_the_problem() {
    let app = spawn_allowing().await;
    app.creator("othercreator", TwofaMode::None);
    let foreign = app.connect(&app.key_b, "othercreator").await;
    let ev = json!(["messages.received"]);
    let cases = [
        (json!({"events": ev}), "url is required"),
        (
            json!({"url": "ftp://x.example.com/", "events": ev}),
            "http or https",
        ),
        (
            json!({"url": "not a url", "events": ev}),
            "valid absolute URL",
        ),
        (
            json!({"url": "https://u:p@x.example.com/", "events": ev}),
            "credentials",
        ),
        (json!({"url": 5, "events": ev}), "url must be a string"),
        (json!({"url": URL}), "events is required"),
        (json!({"url": URL, "events": []}), "at least one"),
        (
            json!({"url": URL, "events": ["messages.nope"]}),
            "unknown event \"messages.nope\"",
        ),
        (
            json!({"url": URL, "events": ev, "accountIds": [foreign]}),
            "not an account of this API key",
        ),
        (
            json!({"url": URL, "events": ev, "accountIds": ["fansly_nope"]}),
            "not an account of this API key",
        ),
        (
            json!({"url": URL, "events": ev, "accountIds": "x"}),
            "accountIds must be an array",
        ),
        (
            json!({"url": URL, "events": ev, "description": "x".repeat(501)}),
            "description is longer",
        ),
        (json!([1]), "body must be a JSON object"),
    ];
    for (body, needle) in cases {
        let (s, v) = create(&app, &app.key_a, body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body} → {v}");
        let msg = v["message"].as_str().unwrap();
        assert!(msg.contains(needle), "{body}: {msg:?} lacks {needle:?}");
    }
    // Updates validate the same way, and reject unknown fields.
    let (_, v) = create(&app, &app.key_a, json!({"url": URL, "events": ev})).await;
    let id = v["data"]["id"].as_str().unwrap();
    for (body, needle) in [
        (json!({"events": ["nope"]}), "unknown event"),
        (json!({"url": "gopher://x.example.com"}), "http or https"),
        (json!({"enabled": "yes"}), "enabled must be"),
        (json!({"accountIds": [foreign]}), "not an account"),
        (json!({"secret": "mine"}), "unknown field"),
    ] {
        let (s, v) = patch(&app, &format!("/webhooks/{id}"), &app.key_a, body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body} → {v}");
        assert!(v["message"].as_str().unwrap().contains(needle), "{v}");
    }
    // The deliveries cursor is checked too.
    let (s, _) = app
        .get(&format!("/webhooks/{id}/deliveries?cursor=abc"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn private_targets_are_refused_without_the_flag() {
    let app = TestApp::spawn().await;
    for url in [
        "http://127.0.0.1:9/hook",
        "http://localhost:9/hook",
        "http://10.0.0.8/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://192.168.1.10/hook",
    ] {
        let (s, v) = create(
            &app,
            &app.key_a,
            json!({"url": url, "events": ["messages.received"]}),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{url}: {v}");
        assert!(
            v["message"]
                .as_str()
                .unwrap()
                .contains("WEBHOOKS_ALLOW_PRIVATE_TARGETS"),
            "{url}: {v}"
        );
    }
}

#[tokio::test]
async fn another_keys_endpoint_is_not_found() {
    let app = spawn_allowing().await;
    let (_, v) = create(
        &app,
        &app.key_a,
        json!({"url": URL, "events": ["messages.received"]}),
    )
    .await;
    let id = v["data"]["id"].as_str().unwrap().to_owned();
    let b = &app.key_b;
    let (_, v) = app.get("/webhooks", b).await;
    assert_eq!(v["data"]["list"], json!([]));
    for (method, path) in [
        (Method::GET, format!("/webhooks/{id}")),
        (Method::PATCH, format!("/webhooks/{id}")),
        (Method::DELETE, format!("/webhooks/{id}")),
        (Method::POST, format!("/webhooks/{id}/rotate-secret")),
        (Method::POST, format!("/webhooks/{id}/test")),
        (Method::GET, format!("/webhooks/{id}/deliveries")),
        (
            Method::POST,
            format!("/webhooks/{id}/deliveries/msg_x/redeliver"),
        ),
        (Method::GET, "/webhooks/whk_unknown".to_owned()),
    ] {
        let body = (method != Method::GET && method != Method::DELETE).then(|| json!({}));
        let (s, v, _) = app.send(method.clone(), &path, Some(b), body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{method} {path}: {v}");
    }
    // Still there for its owner.
    let (s, _) = app.get(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(s, StatusCode::OK);
    // Without a key: 401.
    let (s, _, _) = app.send(Method::GET, "/webhooks", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn secret_is_encrypted_at_rest_and_rotates() {
    let app = spawn_allowing().await;
    let (_, v) = create(
        &app,
        &app.key_a,
        json!({"url": URL, "events": ["messages.received"]}),
    )
    .await;
    let id = v["data"]["id"].as_str().unwrap().to_owned();
    let secret = v["data"]["secret"].as_str().unwrap().to_owned();
    let (s, v) = app
        .post(
            &format!("/webhooks/{id}/rotate-secret"),
            &app.key_a,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let rotated = v["data"]["secret"].as_str().unwrap().to_owned();
    assert!(rotated.starts_with("whsec_"));
    assert_ne!(rotated, secret);

    let mut bytes = std::fs::read(&app.db_path).unwrap();
    if let Ok(wal) = std::fs::read(app.db_path.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    for s in [&secret, &rotated] {
        let b64 = s.strip_prefix("whsec_").unwrap();
        for needle in [s.as_bytes(), b64.as_bytes()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "secret found in the database bytes"
            );
        }
    }
}
