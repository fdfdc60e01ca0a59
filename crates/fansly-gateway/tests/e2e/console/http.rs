//! The console over plain HTTP: security headers and cookie flags, CSRF, tenancy, the sign-in
//! rate limit, session expiry, sign-out and revocation.

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
