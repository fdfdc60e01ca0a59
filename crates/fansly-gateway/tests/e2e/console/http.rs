//! The console over plain HTTP: security headers and cookie flags, CSRF, tenancy, the sign-in
//! rate limit, session expiry and sign-out, revocation, operator-only pages, the operator CLI.

use fansly_sim::TwofaMode;
use reqwest::StatusCode;
use serde_json::json;

use super::Visitor;
use crate::common::{Options, TestApp};

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// No inline script, no inline style: what the CSP would block anyway.
fn assert_no_inline(html: &str) {
    assert!(!html.contains("style="), "inline style in {html}");
    assert!(!html.contains("<style"), "a style element in {html}");
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        assert!(
            tag.contains("src=\"/console/assets/"),
            "inline script: {tag}"
        );
    }
    for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
        assert!(!html.contains(attr), "an asset from another host: {attr}");
    }
}

#[tokio::test]
async fn pages_carry_a_strict_csp_and_sessions_use_strict_http_only_cookies() {
    let app = TestApp::spawn().await;
    let mut v = Visitor::new(&app);
    let form = v.get("/console/sign-in").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.headers["content-security-policy"], CSP);
    assert!(!CSP.contains("unsafe"));
    assert_eq!(form.headers["x-frame-options"], "DENY");
    assert_eq!(form.headers["x-content-type-options"], "nosniff");
    assert_no_inline(&form.body);
    let pre = form.set_cookies();
    assert!(pre[0].starts_with("fgw_console_pre="), "{pre:?}");

    let signed = v
        .post(
            "/console/sign-in",
            &[("csrf", &form.csrf()), ("secret", &app.key_a)],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_eq!(signed.location(), Some("/console/accounts"));
    let cookie = signed
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("fgw_console="))
        .expect("a session cookie");
    for flag in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/console",
        "Max-Age=28800",
    ] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    // The cookie is not the key, and the store keeps only its hash.
    let token = cookie.split(';').next().unwrap().split_once('=').unwrap().1;
    assert!(!token.contains(&app.key_a));
    let db = std::fs::read(&app.db_path).unwrap();
    let wal = std::fs::read(app.db_path.with_extension("db-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()));
    }

    for page in [
        "/console/accounts",
        "/console/accounts/connect",
        "/console/webhooks",
        "/console/live",
        "/console/logs",
        "/console/usage",
    ] {
        let p = v.get(page).await;
        assert_eq!(p.status, StatusCode::OK, "{page}: {}", p.body);
        assert_eq!(p.headers["content-security-policy"], CSP, "{page}");
        assert_eq!(p.headers["cache-control"], "no-store", "{page}");
        assert_no_inline(&p.body);
    }
    let js = v.get("/console/assets/console.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(
        js.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused_before_it_acts() {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    let app = TestApp::spawn_with(opts).await;
    let mut v = Visitor::signed_in(&app, &app.key_a).await;
    let form = [
        ("url", "http://127.0.0.1:9/hook"),
        ("events", "messages.received"),
    ];
    let refused = v.post("/console/webhooks", &form).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(refused.body.contains("csrf"), "{}", refused.body);
    let wrong = v
        .post(
            "/console/webhooks",
            &[("csrf", "not-the-token"), form[0], form[1]],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let (_, hooks) = app.get("/webhooks", &app.key_a).await;
    assert_eq!(hooks["data"]["list"], json!([]), "nothing was created");

    // Sign-out needs it too; the sign-in form needs its own double-submit token.
    assert_eq!(
        v.post("/console/sign-out", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let mut fresh = Visitor::new(&app);
    fresh.get("/console/sign-in").await;
    let p = fresh
        .post("/console/sign-in", &[("secret", &app.key_a)])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);

    // With the token it works: 400 names the field the REST rules refuse, then 201.
    let csrf = v.csrf("/console/webhooks").await;
    let bad = v
        .post(
            "/console/webhooks",
            &[("csrf", &csrf), ("url", "http://127.0.0.1:9/hook")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert!(bad.body.contains("events"), "{}", bad.body);
    let ok = v
        .post("/console/webhooks", &[("csrf", &csrf), form[0], form[1]])
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    assert!(ok.body.contains(r#"id="webhook-secret""#));
}

#[tokio::test]
async fn a_tenant_cannot_open_or_change_another_tenants_account() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let theirs = app.connect(&app.key_a, "mia").await;
    let mut b = Visitor::signed_in(&app, &app.key_b).await;
    let page = b.get(&format!("/console/accounts/{theirs}")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.body);
    assert!(!page.body.contains("mia"), "{}", page.body);
    let list = b.get("/console/accounts").await;
    assert!(!list.body.contains(&theirs));
    let csrf = b.csrf("/console/accounts").await;
    for path in ["proxy", "disconnect", "otp/send"] {
        let p = b
            .post(
                &format!("/console/accounts/{theirs}/{path}"),
                &[("csrf", &csrf), ("action", "clear"), ("confirm", "yes")],
            )
            .await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{path}: {}", p.body);
    }
    let (_, list) = app.get("/accounts", &app.key_a).await;
    assert_eq!(list["data"]["count"], 1, "still connected");
    let missing = b
        .get("/console/accounts/fansly_nosuchaccount00000000")
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // The owner sees it.
    let mut a = Visitor::signed_in(&app, &app.key_a).await;
    let mine = a.get(&format!("/console/accounts/{theirs}")).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert!(mine.body.contains(&theirs));
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_address() {
    let app = TestApp::spawn().await;
    let mut v = Visitor::new(&app);
    for _ in 0..10 {
        let p = v.sign_in("fgw_not_a_key").await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "{}", p.body);
        assert!(!p.body.contains("fgw_not_a_key"));
    }
    let p = v.sign_in(&app.key_a).await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS, "{}", p.body);
    assert!(p.body.contains("Too many sign-in attempts"), "{}", p.body);
    // The window is a minute of the gateway's clock.
    app.advance(60_000);
    let p = v.sign_in(&app.key_a).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
}

#[tokio::test]
async fn sessions_expire_end_at_sign_out_and_with_their_key() {
    let app = TestApp::spawn().await;
    let mut v = Visitor::signed_in(&app, &app.key_a).await;
    assert_eq!(v.get("/console/accounts").await.status, StatusCode::OK);
    app.advance(8 * 3_600_000);
    let p = v.get("/console/accounts").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location(), Some("/console/sign-in"));

    let mut v = Visitor::signed_in(&app, &app.key_a).await;
    let csrf = v.csrf("/console/accounts").await;
    let kept = v.cookies.clone();
    let out = v.post("/console/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(
        out.set_cookies()
            .iter()
            .any(|c| c.starts_with("fgw_console=;") && c.contains("Max-Age=0"))
    );
    v.cookies = kept; // the old cookie, replayed
    assert_eq!(
        v.get("/console/accounts").await.status,
        StatusCode::SEE_OTHER
    );

    let mut v = Visitor::signed_in(&app, &app.key_b).await;
    let tenant_b = app
        .store
        .list_api_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.name == "tenant-b")
        .unwrap();
    app.store.revoke_api_key(tenant_b.id).await.unwrap();
    assert_eq!(
        v.get("/console/webhooks").await.status,
        StatusCode::SEE_OTHER
    );
}

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
