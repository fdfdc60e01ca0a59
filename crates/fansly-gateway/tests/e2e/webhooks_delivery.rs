//! The delivery engine end to end, against loopback receivers: signatures checked
//! independently, retries on the manual clock (500, 429 + Retry-After), 410, redirects,
//! the SSRF check at delivery time, isolation of a slow endpoint, test events, redelivery and
//! disabling after a day of failures.

use std::time::{Duration, Instant};

use gateway_store::{NewWebhookEndpoint, TenantId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use fansly_gateway::clock::Clock as _;

use crate::common::{Options, TestApp};
use crate::webhook_receiver::{Receiver, Reply, assert_signed};

const WAIT: Duration = Duration::from_secs(10);

async fn spawn() -> TestApp {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.settings.webhook_poll = Duration::from_millis(20);
    TestApp::spawn_with(opts).await
}

async fn register(app: &TestApp, url: &str) -> (String, String) {
    let (s, v) = app
        .post(
            "/webhooks",
            &app.key_a,
            json!({"url": url, "events": ["messages.received"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    (
        v["data"]["id"].as_str().unwrap().to_owned(),
        v["data"]["secret"].as_str().unwrap().to_owned(),
    )
}

async fn send_test(app: &TestApp, hook: &str) -> String {
    let (s, v) = app
        .post(&format!("/webhooks/{hook}/test"), &app.key_a, json!({}))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    v["data"]["deliveryId"].as_str().unwrap().to_owned()
}

async fn deliveries(app: &TestApp, hook: &str) -> Vec<Value> {
    let (s, v) = app
        .get(&format!("/webhooks/{hook}/deliveries"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"]["list"].as_array().unwrap().clone()
}

/// Polls the deliveries list until `pred` holds for the newest delivery.
async fn wait_delivery(app: &TestApp, hook: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let list = deliveries(app, hook).await;
        if let Some(d) = list.first().filter(|d| pred(d)) {
            return d.clone();
        }
        assert!(
            start.elapsed() < WAIT,
            "delivery state not reached: {list:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn endpoint(app: &TestApp, hook: &str) -> Value {
    app.get(&format!("/webhooks/{hook}"), &app.key_a).await.1["data"].clone()
}

#[tokio::test]
async fn test_event_is_signed_and_sent_to_the_url_verbatim() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    let url = rx.url("/in/SeCrEt%2Ftoken?a=1&b=two%20words");
    let (hook, secret) = register(&app, &url).await;
    let delivery = send_test(&app, &hook).await;
    rx.wait_len(1, WAIT).await;
    let hit = rx.hit(0).unwrap();
    assert_eq!(hit.method, Method::POST);
    assert_eq!(hit.path, "/in/SeCrEt%2Ftoken?a=1&b=two%20words");
    assert_signed(&hit, &secret);
    assert_eq!(hit.webhook_id(), delivery);
    assert_eq!(
        hit.header("webhook-timestamp").unwrap(),
        (app.clock.now_ms() / 1000).to_string()
    );
    assert_eq!(hit.header("content-type"), Some("application/json"));
    let body = hit.json();
    assert_eq!(body["event"], "webhook.test");
    assert_eq!(body["data"]["endpointId"], hook.as_str());
    let ts = body["timestamp"].as_str().unwrap();
    assert_eq!(ts.len(), 24, "{ts}");
    let d = wait_delivery(&app, &hook, |d| d["status"] == "delivered").await;
    assert_eq!(d["id"], delivery.as_str());
    assert_eq!(d["attempts"], 1);
    assert_eq!(d["responseStatus"], 200);
    assert!(d["latencyMs"].is_i64(), "{d}");
    assert_eq!(d["nextAttemptAt"], Value::Null);
}

#[tokio::test]
async fn a_500_is_retried_with_the_same_delivery_id() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    rx.script([Reply::status(500), Reply::status(503)]);
    let (hook, secret) = register(&app, &rx.url("/h")).await;
    let delivery = send_test(&app, &hook).await;
    rx.wait_len(1, WAIT).await;
    let d = wait_delivery(&app, &hook, |d| d["attempts"] == 1).await;
    assert_eq!(d["status"], "pending");
    assert_eq!(d["responseStatus"], 500);
    assert_eq!(d["lastError"], "HTTP 500");
    assert!(d["nextAttemptAt"].is_string(), "{d}");
    // Not before the backoff (5 s ± 20 %) has passed on the clock.
    app.advance(3_000);
    app.advance(4_000);
    rx.wait_len(2, WAIT).await;
    wait_delivery(&app, &hook, |d| d["attempts"] == 2).await;
    app.advance(40_000);
    rx.wait_len(3, WAIT).await;
    let d = wait_delivery(&app, &hook, |d| d["status"] == "delivered").await;
    assert_eq!(d["attempts"], 3);
    for hit in rx.hits() {
        assert_eq!(hit.webhook_id(), delivery);
        assert_signed(&hit, &secret);
    }
    // The body is the same bytes on every attempt.
    let hits = rx.hits();
    assert!(hits.iter().all(|h| h.body == hits[0].body));
}

#[tokio::test]
async fn a_429_waits_for_retry_after() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    rx.script([Reply {
        retry_after: Some("120".into()),
        ..Reply::status(429)
    }]);
    let (hook, _) = register(&app, &rx.url("/h")).await;
    send_test(&app, &hook).await;
    let d = wait_delivery(&app, &hook, |d| d["attempts"] == 1).await;
    let now = app.clock.now_ms();
    assert_eq!(d["responseStatus"], 429);
    assert_eq!(
        d["nextAttemptAt"],
        fansly_gateway::http::envelope::timestamp_ms(now + 120_000)
    );
    app.advance(119_000);
    assert_eq!(rx.count(), 1);
    app.advance(1_000);
    rx.wait_len(2, WAIT).await;
    wait_delivery(&app, &hook, |d| d["status"] == "delivered").await;
}

#[tokio::test]
async fn gone_disables_the_endpoint() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    rx.script([Reply::status(410)]);
    let (hook, _) = register(&app, &rx.url("/h")).await;
    send_test(&app, &hook).await;
    let d = wait_delivery(&app, &hook, |d| d["status"] == "failed").await;
    assert_eq!(d["responseStatus"], 410);
    let e = endpoint(&app, &hook).await;
    assert_eq!(e["enabled"], false, "{e}");
    assert!(e["disabledReason"].as_str().unwrap().contains("410"), "{e}");
    // A disabled endpoint takes no test event.
    let (s, _) = app
        .post(&format!("/webhooks/{hook}/test"), &app.key_a, json!({}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let app = spawn().await;
    let target = Receiver::start().await;
    let location = target.url("/elsewhere");
    let redirector = axum::Router::new().fallback(move || {
        let location = location.clone();
        async move { (StatusCode::TEMPORARY_REDIRECT, [("location", location)], "") }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, redirector).await;
    });
    let (hook, _) = register(&app, &format!("http://{addr}/h")).await;
    send_test(&app, &hook).await;
    let d = wait_delivery(&app, &hook, |d| d["attempts"] == 1).await;
    assert_eq!(d["responseStatus"], 307);
    assert_eq!(d["status"], "pending");
    assert_eq!(target.count(), 0);
}

#[tokio::test]
async fn private_targets_are_refused_at_delivery_time() {
    // Without the flag; the endpoint row is written directly, as if the address had changed.
    let app = TestApp::spawn().await;
    let rx = Receiver::start().await;
    let tenant = TenantId(1);
    let e = app
        .store
        .create_webhook_endpoint(
            tenant,
            NewWebhookEndpoint {
                url: rx.url("/h"),
                events: vec!["messages.received".into()],
                payload_style: gateway_store::PayloadStyle::Envelope,
                account_ids: None,
                description: String::new(),
                secret: secrecy::SecretString::from("whsec_AAAA"),
                now: app.clock.now_ms(),
            },
        )
        .await
        .unwrap();
    let (s, v) = app
        .post(&format!("/webhooks/{}/test", e.id), &app.key_a, json!({}))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let d = wait_delivery(&app, &e.id, |d| d["attempts"] == 1).await;
    assert!(d["lastError"].as_str().unwrap().contains("loopback"), "{d}");
    assert_eq!(rx.count(), 0);
}

#[tokio::test]
async fn a_slow_endpoint_does_not_delay_another() {
    let app = spawn().await;
    let slow = Receiver::start().await;
    slow.set_default(Reply {
        delay: Duration::from_secs(4),
        ..Reply::status(200)
    });
    let fast = Receiver::start().await;
    let (slow_hook, _) = register(&app, &slow.url("/slow")).await;
    let (fast_hook, _) = register(&app, &fast.url("/fast")).await;
    let started = Instant::now();
    for _ in 0..3 {
        send_test(&app, &slow_hook).await;
    }
    send_test(&app, &fast_hook).await;
    fast.wait_len(1, WAIT).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "fast endpoint waited {:?}",
        started.elapsed()
    );
    assert_eq!(slow.count(), 0, "the slow endpoint has not answered yet");
}

#[tokio::test]
async fn redelivery_keeps_the_delivery_id() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    let (hook, secret) = register(&app, &rx.url("/h")).await;
    let delivery = send_test(&app, &hook).await;
    wait_delivery(&app, &hook, |d| d["status"] == "delivered").await;
    let (s, v) = app
        .post(
            &format!("/webhooks/{hook}/deliveries/{delivery}/redeliver"),
            &app.key_a,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    rx.wait_len(2, WAIT).await;
    assert_eq!(rx.hit(1).unwrap().webhook_id(), delivery);
    let d = wait_delivery(&app, &hook, |d| {
        d["attempts"] == 2 && d["status"] == "delivered"
    })
    .await;
    assert_eq!(d["id"], delivery.as_str());
    // Unknown delivery: 404.
    let (s, _) = app
        .post(
            &format!("/webhooks/{hook}/deliveries/msg_nope/redeliver"),
            &app.key_a,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // After a rotation, deliveries are signed with the new secret.
    let (_, v) = app
        .post(
            &format!("/webhooks/{hook}/rotate-secret"),
            &app.key_a,
            json!({}),
        )
        .await;
    let rotated = v["data"]["secret"].as_str().unwrap().to_owned();
    send_test(&app, &hook).await;
    rx.wait_len(3, WAIT).await;
    assert_signed(&rx.hit(2).unwrap(), &rotated);
    assert_signed(&rx.hit(0).unwrap(), &secret);
}

#[tokio::test]
async fn deliveries_are_cursor_paged_newest_first() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    let (hook, _) = register(&app, &rx.url("/h")).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(send_test(&app, &hook).await);
    }
    let (_, v) = app
        .get(&format!("/webhooks/{hook}/deliveries?limit=2"), &app.key_a)
        .await;
    let page: Vec<&str> = v["data"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(page, [ids[2].as_str(), ids[1].as_str()]);
    let cursor = v["data"]["nextCursor"].as_str().unwrap().to_owned();
    let (_, v) = app
        .get(
            &format!("/webhooks/{hook}/deliveries?limit=2&cursor={cursor}"),
            &app.key_a,
        )
        .await;
    assert_eq!(v["data"]["list"][0]["id"], ids[0].as_str());
    assert_eq!(v["data"]["nextCursor"], Value::Null);
}

#[tokio::test]
async fn an_endpoint_failing_for_a_day_is_disabled() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    rx.set_default(Reply::status(500));
    let (hook, _) = register(&app, &rx.url("/h")).await;
    send_test(&app, &hook).await;
    rx.wait_len(1, WAIT).await;
    wait_delivery(&app, &hook, |d| d["attempts"] == 1).await;
    app.advance(25 * 60 * 60 * 1000);
    rx.wait_len(2, WAIT).await;
    let start = Instant::now();
    loop {
        let e = endpoint(&app, &hook).await;
        if e["enabled"] == false {
            let reason = e["disabledReason"].as_str().unwrap();
            assert!(
                reason.contains("24 hours") && reason.contains("HTTP 500"),
                "{reason}"
            );
            break;
        }
        assert!(start.elapsed() < WAIT, "not disabled: {e}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn connection_errors_and_timeouts_are_retried() {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.settings.webhook_poll = Duration::from_millis(20);
    opts.settings.webhook_timeout = Duration::from_millis(300);
    let app = TestApp::spawn_with(opts).await;
    // Nothing listens on a port just released.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let (dead, _) = register(&app, &format!("http://{closed}/h")).await;
    send_test(&app, &dead).await;
    let d = wait_delivery(&app, &dead, |d| d["attempts"] == 1).await;
    assert_eq!(d["status"], "pending");
    assert_eq!(d["responseStatus"], Value::Null);
    assert!(
        d["lastError"]
            .as_str()
            .unwrap()
            .starts_with("connection error"),
        "{d}"
    );

    let rx = Receiver::start().await;
    rx.script([Reply {
        delay: Duration::from_secs(2),
        ..Reply::status(200)
    }]);
    let (slow, _) = register(&app, &rx.url("/h")).await;
    let delivery = send_test(&app, &slow).await;
    let d = wait_delivery(&app, &slow, |d| d["attempts"] == 1).await;
    assert_eq!(d["status"], "pending");
    assert!(
        d["lastError"].as_str().unwrap().contains("timed out"),
        "{d}"
    );
    app.advance(10_000);
    let d = wait_delivery(&app, &slow, |d| d["status"] == "delivered").await;
    assert_eq!(d["id"], delivery.as_str());
    assert_eq!(d["attempts"], 2);
}
