//! Managing through the console over plain HTTP: operators (the CLI credential, keys created,
//! re-planned and revoked, a revoked tenant's session refused) and webhook endpoints
//! (disable, enable, rotate, test; another tenant sees none of it).

use reqwest::StatusCode;
use serde_json::json;

use super::Visitor;
use crate::common::{Options, TestApp};

#[tokio::test]
async fn operators_manage_keys_and_tenants_cannot() {
    let app = TestApp::spawn().await;
    let mut tenant = Visitor::signed_in(&app, &app.key_a).await;
    assert_eq!(
        tenant.get("/console/keys").await.status,
        StatusCode::FORBIDDEN
    );

    // The CLI creates the credential; its secret is the last line of stdout.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fansly-gateway"))
        .args(["console", "operator", "create", "--name", "ops"])
        .arg("--database")
        .arg(format!("sqlite://{}", app.db_path.display()))
        .env("FANSLY_GATEWAY_MASTER_KEY", "11".repeat(32))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let secret = stdout.lines().last().unwrap().trim().to_owned();
    assert!(secret.starts_with("fgo_"), "{stdout}");

    let mut op = Visitor::new(&app);
    let p = op.sign_in(&secret).await;
    assert_eq!(p.location(), Some("/console/keys"));
    let keys = op.get("/console/keys").await;
    assert_eq!(keys.status, StatusCode::OK);
    assert!(keys.body.contains("tenant-a") && keys.body.contains("tenant-b"));
    assert!(
        !keys.body.contains(&app.key_a),
        "keys are never shown again"
    );
    assert_eq!(
        op.get("/console/accounts").await.status,
        StatusCode::FORBIDDEN
    );

    let csrf = keys.csrf();
    let bad = op
        .post(
            "/console/keys",
            &[("csrf", &csrf), ("name", "c"), ("plan", "gold-plated")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("plan"), "{}", bad.body);
    let made = op
        .post(
            "/console/keys",
            &[("csrf", &csrf), ("name", "tenant-c"), ("plan", "default")],
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let at = made.body.find(r#"id="new-key">"#).unwrap() + r#"id="new-key">"#.len();
    let new_key = &made.body[at..at + made.body[at..].find('<').unwrap()];
    assert!(new_key.starts_with("fgw_"), "{new_key}");
    let (status, _) = app.get("/accounts", new_key).await;
    assert_eq!(status, StatusCode::OK, "the new key works at once");

    // The tenant's console session and its key stop working when the operator revokes it.
    let id = app
        .store
        .list_api_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.name == "tenant-a")
        .unwrap()
        .id;
    assert_eq!(tenant.get("/console/accounts").await.status, StatusCode::OK);
    let revoked = op
        .post(
            &format!("/console/keys/{id}/revoke"),
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    assert_eq!(
        tenant.get("/console/accounts").await.status,
        StatusCode::SEE_OTHER
    );
    let (status, _) = app.get("/accounts", &app.key_a).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let again = op.sign_in(&app.key_a).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
}

/// The id between `/console/webhooks/` and the next `"` of the first link to an endpoint page.
fn first_endpoint(html: &str) -> String {
    let at = html
        .find(r#"href="/console/webhooks/"#)
        .expect("an endpoint link")
        + r#"href="/console/webhooks/"#.len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

fn shown_secret(html: &str) -> String {
    let at =
        html.find(r#"id="webhook-secret">"#).expect("a secret") + r#"id="webhook-secret">"#.len();
    html[at..at + html[at..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn webhook_endpoints_are_disabled_enabled_rotated_and_tested_through_rest() {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    let app = TestApp::spawn_with(opts).await;
    let mut v = Visitor::signed_in(&app, &app.key_a).await;
    let csrf = v.csrf("/console/webhooks").await;
    let made = v
        .post(
            "/console/webhooks",
            &[
                ("csrf", &csrf),
                ("url", "http://127.0.0.1:9/hook"),
                ("events", "messages.received"),
                ("events", "tips.received"),
                ("payloadStyle", "event_type"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let first_secret = shown_secret(&made.body);
    assert!(first_secret.starts_with("whsec_"));
    let list = v.get("/console/webhooks").await;
    assert!(
        !list.body.contains(&first_secret),
        "the secret is shown once"
    );
    let id = first_endpoint(&list.body);
    let (_, hook) = app.get(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(
        hook["data"]["events"],
        json!(["messages.received", "tips.received"])
    );
    assert_eq!(hook["data"]["payloadStyle"], "event_type");

    let off = v
        .post(
            &format!("/console/webhooks/{id}/enabled"),
            &[("csrf", &csrf), ("enabled", "false")],
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    let (_, hook) = app.get(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(hook["data"]["enabled"], false);
    let bad = v
        .post(
            &format!("/console/webhooks/{id}/enabled"),
            &[("csrf", &csrf), ("enabled", "maybe")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("enabled must be true or false"),
        "{}",
        bad.body
    );
    v.post(
        &format!("/console/webhooks/{id}/enabled"),
        &[("csrf", &csrf), ("enabled", "true")],
    )
    .await;
    let (_, hook) = app.get(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(hook["data"]["enabled"], true);

    let rotated = v
        .post(
            &format!("/console/webhooks/{id}/rotate"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    let second = shown_secret(&rotated.body);
    assert!(second.starts_with("whsec_") && second != first_secret);

    let tested = v
        .post(&format!("/console/webhooks/{id}/test"), &[("csrf", &csrf)])
        .await;
    assert!(tested.status.is_success(), "{}", tested.body);
    let page = v.get(&format!("/console/webhooks/{id}")).await;
    assert!(page.body.contains("webhook.test"), "{}", page.body);

    // Another tenant sees none of it.
    let mut b = Visitor::signed_in(&app, &app.key_b).await;
    let theirs = b.get(&format!("/console/webhooks/{id}")).await;
    assert!(
        matches!(theirs.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "{}",
        theirs.status
    );
    let csrf_b = b.csrf("/console/webhooks").await;
    let rotate_b = b
        .post(
            &format!("/console/webhooks/{id}/rotate"),
            &[("csrf", &csrf_b)],
        )
        .await;
    assert!(matches!(
        rotate_b.status,
        StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
    ));
    assert!(!b.get("/console/webhooks").await.body.contains(&id));
}
