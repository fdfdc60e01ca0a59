//! Webhook delivery under load (issue 16): attempts' outcomes are recorded in batches and an
//! endpoint's next delivery goes out while the previous outcome is being recorded. A burst to
//! several endpoints must still reach each endpoint once per event, in event order, one at a
//! time — and every attempt must end up recorded as delivered, once.

use std::collections::BTreeMap;
use std::time::Duration;

use fansly_sim::TwofaMode;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::messaging_support::new_fan;
use crate::webhook_receiver::Receiver;
use crate::webhooks_events::spawn;

const WAIT: Duration = Duration::from_secs(60);
const ENDPOINTS: usize = 3;
const EVENTS: usize = 150;

/// Every delivery of `hook`, newest first, through the deliveries route's pages.
async fn all_deliveries(app: &TestApp, hook: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/webhooks/{hook}/deliveries?limit=100&cursor={c}"),
            None => format!("/webhooks/{hook}/deliveries?limit=100"),
        };
        let (s, v) = app.get(&path, &app.key_a).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        out.extend(v["data"]["list"].as_array().unwrap().iter().cloned());
        match v["data"]["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return out,
        }
    }
}

#[tokio::test]
async fn a_burst_to_several_endpoints_arrives_once_in_order_and_is_recorded() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    let mut hooks = Vec::new();
    for k in 0..ENDPOINTS {
        let (s, v) = app
            .post(
                "/webhooks",
                &app.key_a,
                json!({"url": rx.url(&format!("/e/{k}")), "events": ["messages.received"]}),
            )
            .await;
        assert!(s.is_success(), "{v}");
        hooks.push(v["data"]["id"].as_str().unwrap().to_owned());
    }
    let creator = app.creator("mia", TwofaMode::None);
    app.connect(&app.key_a, "mia").await;
    let fan = new_fan(&app, "fan_burst");
    let group = app.sim.dm_group(&creator.id, &fan);
    let up = std::time::Instant::now();
    while !app.sim.has_live_socket(&creator.id) {
        assert!(up.elapsed() < WAIT, "no event socket");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let sent: Vec<String> = (0..EVENTS)
        .map(|i| {
            app.sim
                .send_message(&fan, &group, &format!("burst {i}"))
                .unwrap()
        })
        .collect();
    rx.wait_len(ENDPOINTS * EVENTS, WAIT).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(rx.count(), ENDPOINTS * EVENTS, "no extra deliveries");

    // Per endpoint: each event once, in the order the events happened.
    let mut by_path: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for hit in rx.hits() {
        by_path
            .entry(hit.path.clone())
            .or_default()
            .push(hit.json()["data"]["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(by_path.len(), ENDPOINTS);
    for (path, ids) in &by_path {
        assert_eq!(ids, &sent, "{path}: once each, in event order");
    }

    // Every outcome recorded: delivered after one attempt, none left pending.
    for hook in &hooks {
        let list = all_deliveries(&app, hook).await;
        assert_eq!(list.len(), EVENTS, "{hook}");
        for d in &list {
            assert_eq!(d["status"], "delivered", "{d}");
            assert_eq!(d["attempts"], 1, "{d}");
        }
        assert!(
            app.store
                .due_webhook_deliveries(hook, i64::MAX, 10)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
