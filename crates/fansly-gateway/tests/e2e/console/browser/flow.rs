//! The flow itself (see the module's documentation in `mod.rs`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fansly_sim::TwofaMode;
use fantoccini::Locator;
use serde_json::json;

use super::{Browser, WAIT, browser_programs, start_driver};
use crate::common::{Options, TestApp};
use crate::messaging_support::new_fan;
use crate::webhook_receiver::Receiver;

async fn spawn() -> TestApp {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.events = true;
    opts.settings.webhook_poll = Duration::from_millis(20);
    TestApp::spawn_with(opts).await
}

#[tokio::test]
async fn the_console_in_a_real_browser() {
    let Some((chromium, driver_bin)) = browser_programs() else {
        return;
    };
    let app = spawn().await;
    let tmp = tempfile::tempdir().unwrap();
    let shots = std::env::var_os("FGW_CONSOLE_SCREENSHOTS")
        .map_or_else(|| tmp.path().to_owned(), PathBuf::from);
    std::fs::create_dir_all(&shots).unwrap();
    let driver = start_driver(&driver_bin).await;
    let b = Browser::open(&driver, &chromium, &app.root, &shots).await;

    // Sign in with the keyboard: the field has focus, Enter submits.
    b.goto("/console").await;
    assert_eq!(b.path().await, "/console/sign-in");
    b.shot("sign-in").await;
    let active = b.js("return document.activeElement.id;").await;
    assert_eq!(active, json!("secret"));
    let before = b.c.find(Locator::Css("html")).await.unwrap();
    b.c.find(Locator::Css("#secret"))
        .await
        .unwrap()
        .send_keys(&format!("{}\u{E007}", app.key_a))
        .await
        .unwrap();
    b.wait_new_page(before, "Enter on the sign-in form").await;
    assert_eq!(b.path().await, "/console/accounts");
    assert!(b.text("main").await.contains("No account is connected"));

    // An e-mail-2FA creator: a wrong code first, then the one from the outbox.
    let ella = app.creator("ella", TwofaMode::Email);
    b.connect("ella", "Ella").await;
    b.shot("connect").await;
    b.submit("form[action='/console/accounts/connect'] button[type=submit]")
        .await;
    assert_eq!(b.h1().await, "Two-factor verification");
    let prompt = b.text("#twofa-prompt").await;
    assert!(prompt.contains("e***@example.test"), "{prompt}");
    let mail = app.last_mail("ella@example.test");
    let wrong = if mail.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    b.fill("#code", wrong).await;
    b.submit("form[action='/console/accounts/verify'] button")
        .await;
    assert!(b.text(".error").await.contains("Invalid verification code"));
    b.shot("twofa").await;
    b.fill("#code", &mail.code).await;
    b.submit("form[action='/console/accounts/verify'] button")
        .await;
    assert!(b.text(".notice").await.contains("Connected account"));

    // An authenticator creator.
    let tara = app.creator("tara", TwofaMode::Totp);
    b.connect("tara", "Tara").await;
    b.submit("form[action='/console/accounts/connect'] button[type=submit]")
        .await;
    assert!(b.text("#twofa-prompt").await.contains("authenticator"));
    let code = fansly_sim::totp(
        tara.totp_secret.as_deref().unwrap(),
        app.sim.now_ms() / 1000,
    )
    .unwrap();
    b.fill("#code", &code).await;
    b.submit("form[action='/console/accounts/verify'] button")
        .await;
    assert!(b.text(".notice").await.contains("Connected account"));

    // Both listed, active.
    let rows = b.texts("#accounts tbody tr").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.contains("Ella") && r.contains("active") && r.contains("US"))
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("Tara") && r.contains("active"))
    );
    b.shot("accounts").await;
    b.c.set_window_size(360, 800).await.unwrap();
    b.shot("accounts-360").await;
    b.c.set_window_size(1280, 900).await.unwrap();

    let (_, list) = app.get("/accounts", &app.key_a).await;
    let id_of = |name: &str| {
        list["data"]["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()["accountId"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (ella_id, tara_id) = (id_of("Ella"), id_of("Tara"));
    // Minutes pass between the steps (both clocks), so the usage chart has more than one bar.
    app.advance(3 * 60_000);

    // Ella's page: an OTP session (the code is e-mailed), until when it is valid.
    b.goto(&format!("/console/accounts/{ella_id}")).await;
    b.submit("form[action$='/otp/send'] button").await;
    assert!(
        b.text("main")
            .await
            .contains("A code was sent to e***@example.test")
    );
    let otp = app.last_mail("ella@example.test");
    assert_eq!(otp.kind, "twofa_code");
    b.fill("#otp-code", &otp.code).await;
    b.submit("form[action$='/otp/verify'] button").await;
    assert!(
        b.text("#otp-valid").await.contains("valid until"),
        "{}",
        b.text("main").await
    );
    b.shot("account").await;
    app.advance(2 * 60_000);

    // Tara's proxy: set, shown, cleared.
    b.goto(&format!("/console/accounts/{tara_id}")).await;
    b.fill("#proxy", "socks5://127.0.0.1:9").await;
    b.submit("button[value=set]").await;
    assert!(
        b.text(".notice").await.contains("proxy set"),
        "{}",
        b.text("main").await
    );
    assert!(
        b.text("dl")
            .await
            .contains("socks5://127.0.0.1:9 (account)")
    );
    b.submit("button[value=clear]").await;
    assert!(b.text("dl").await.contains("direct"));
    // A bad proxy is the REST 400 naming the field.
    b.fill("#proxy", "ftp://nope").await;
    b.submit("button[value=set]").await;
    assert!(b.text(".error").await.contains("proxy"));

    app.advance(4 * 60_000);
    // A webhook for messages.received; its secret shown once.
    let rx = Receiver::start().await;
    b.goto("/console/webhooks").await;
    b.fill("#url", &rx.url("/hooks/console")).await;
    b.fill("#description", "console test").await;
    b.click("input[name=events][value='messages.received']")
        .await;
    b.shot("webhooks").await;
    b.submit("form[action='/console/webhooks'] button[type=submit]")
        .await;
    let secret = b.text("#webhook-secret").await;
    assert!(secret.starts_with("whsec_"), "{secret}");
    let hook_path = b.path().await;
    let hook_path = if hook_path == "/console/webhooks" {
        let (_, hooks) = app.get("/webhooks", &app.key_a).await;
        format!(
            "/console/webhooks/{}",
            hooks["data"]["list"][0]["id"].as_str().unwrap()
        )
    } else {
        hook_path
    };

    // The live view, then a fan's message: the event arrives, and so does its delivery.
    let start = Instant::now();
    while !app.sim.has_live_socket(&ella.id) {
        assert!(start.elapsed() < WAIT, "no event socket for ella");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    b.goto("/console/live").await;
    let start = Instant::now();
    while !b.text("#live-state").await.contains("Connected") {
        assert!(start.elapsed() < WAIT, "the live view did not connect");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let fan = new_fan(&app, "fan_one");
    let chat = app.sim.dm_group(&ella.id, &fan);
    app.sim
        .send_message(&fan, &chat, "hello from the browser test")
        .unwrap();
    let start = Instant::now();
    loop {
        let live = b.texts("li.live-event").await;
        if live
            .iter()
            .any(|t| t.contains("messages.received") && t.contains("hello from the browser test"))
        {
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "the event never showed live: {live:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.shot("live").await;
    rx.wait_for("messages.received", WAIT).await;
    let row = b
        .reload_until(
            &hook_path,
            "tr.delivery",
            &["messages.received", "delivered"],
        )
        .await;
    assert!(row.contains("200"), "{row}");
    b.shot("webhook").await;
    b.submit("tr.delivery form button").await;
    assert!(
        b.text(".notice").await.contains("Delivery queued again"),
        "{}",
        b.text("main").await
    );

    // The request log, filtered by method and by status class.
    b.goto("/console/logs").await;
    b.fill("#method", "POST").await;
    b.submit("form.filters button").await;
    let methods = b.texts("#logs td.method").await;
    assert!(!methods.is_empty());
    assert!(methods.iter().all(|m| m == "POST"), "{methods:?}");
    b.fill("#method", "").await;
    b.fill("#status", "4xx").await;
    b.submit("form.filters button").await;
    let statuses = b.texts("#logs td.status").await;
    assert!(!statuses.is_empty());
    assert!(statuses.iter().all(|s| s.starts_with('4')), "{statuses:?}");
    let rows = b.texts("#logs tbody tr").await;
    assert!(
        rows.iter().any(|r| r.contains("/api/fansly/verify-2fa")),
        "{rows:?}"
    );
    b.shot("logs").await;
    b.fill("#status", "").await;
    b.fill("#since", "yesterday").await;
    b.submit("form.filters button").await;
    assert!(b.text(".error").await.contains("since"));

    // Usage, with its chart.
    b.goto("/console/usage").await;
    assert_eq!(
        b.c.find_all(Locator::Css("#usage-chart rect.bar"))
            .await
            .unwrap()
            .len(),
        60
    );
    assert_ne!(b.text("#month-requests").await, "0");
    b.shot("usage").await;

    // A POST without the CSRF token is refused, even from the console's own page.
    let status = b
        .js("return fetch('/console/webhooks', {method: 'POST', headers: {'content-type': \
             'application/x-www-form-urlencoded'}, body: 'url=https%3A%2F%2Fexample.com%2Fx&events=messages.received'})\
             .then(r => r.status);")
        .await;
    assert_eq!(status, json!(403));

    // Another tenant's account: refused.
    app.creator("mia", TwofaMode::None);
    let theirs = app.connect(&app.key_b, "mia").await;
    b.goto(&format!("/console/accounts/{theirs}")).await;
    assert_eq!(b.h1().await, "403 Forbidden");
    b.goto("/console/accounts/fansly_nosuchaccount00000000")
        .await;
    assert_eq!(b.h1().await, "404 Not Found");

    // Disconnect, with a confirmation.
    b.goto(&format!("/console/accounts/{tara_id}")).await;
    b.submit("a.danger").await;
    b.shot("disconnect").await;
    b.submit("button[value=yes]").await;
    let rows = b.texts("#accounts tbody tr").await;
    assert_eq!(rows.len(), 1, "{rows:?}");

    // An operator (second window) revokes the tenant's key; the tenant's session is refused.
    let (_, op_secret) = fansly_gateway::console::cli::create_operator(&*app.store, "ops")
        .await
        .unwrap();
    let op = Browser::open(&driver, &chromium, &app.root, &shots).await;
    op.goto("/console/sign-in").await;
    op.fill("#secret", secrecy::ExposeSecret::expose_secret(&op_secret))
        .await;
    op.submit("form button[type=submit]").await;
    assert_eq!(op.path().await, "/console/keys");
    let id = app
        .store
        .list_api_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.name == "tenant-a")
        .unwrap()
        .id;
    op.shot("keys").await;
    op.submit(&format!("#key-{id} form[action$='/revoke'] button"))
        .await;
    assert!(
        op.text(".notice")
            .await
            .contains(&format!("Revoked API key {id}"))
    );
    b.goto("/console/accounts").await;
    assert_eq!(b.path().await, "/console/sign-in");
    let (status, _) = app.get("/accounts", &app.key_a).await;
    assert_eq!(status, reqwest::StatusCode::UNAUTHORIZED);

    op.c.close().await.unwrap();
    b.c.close().await.unwrap();
}
