//! A burst on the creator's socket (issue 16): the socket task records the frames that queued
//! up meanwhile together, in one store transaction per batch. Every message is recorded once,
//! its deliveries in message order, and the cursor ends at the newest message's time; a gap
//! after the burst reconciles from that cursor and records only what is new.

use std::collections::HashMap;
use std::time::Duration;

use fansly_gateway::events;

use crate::events_ingest::Ingest;

const BURST: usize = 200;

/// The message ids of the endpoint's `messages.received` deliveries, in recorded order.
async fn delivered_messages(t: &Ingest) -> Vec<String> {
    let store = &t.app.store;
    let bodies: HashMap<String, String> = store
        .recent_events(t.tenant, &t.acct, 1_000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            let body: serde_json::Value = serde_json::from_str(&e.body).unwrap();
            (
                e.id,
                body["data"]["id"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let mut deliveries = store
        .webhook_deliveries(t.tenant, t.endpoint(), None, 1_000)
        .await
        .unwrap();
    deliveries.retain(|d| d.event == "messages.received");
    deliveries.sort_by_key(|d| d.seq);
    deliveries
        .iter()
        .map(|d| bodies[&d.event_id].clone())
        .collect()
}

#[tokio::test]
async fn a_burst_is_recorded_once_in_order_with_the_cursor_at_its_newest_event() {
    let t = Ingest::new().await;
    t.wait_count("accounts.connected", 1).await;
    events::start(&t.state, t.tenant, &t.acct);
    let up = std::time::Instant::now();
    while !t.app.sim.has_live_socket(&t.creator) {
        assert!(up.elapsed() < Duration::from_secs(10), "no event socket");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Reconciliation after connecting has run before the burst (nothing to find).
    tokio::time::sleep(Duration::from_millis(200)).await;

    // Back to back, a second apart in the simulator's time (message times are in seconds).
    let mut sent = Vec::with_capacity(BURST);
    for i in 0..BURST {
        sent.push(t.fan_says(&format!("burst {i}")));
        t.app.advance(1_000);
    }
    t.wait_count("messages.received", BURST).await;
    assert_eq!(delivered_messages(&t).await, sent, "each once, in order");
    let newest = t
        .app
        .store
        .recent_events(t.tenant, &t.acct, 1)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        t.app.store.event_cursor(t.tenant, &t.acct).await.unwrap(),
        Some(newest.occurred_at),
        "the cursor is at the newest message"
    );

    // A gap: reconciliation reads from the cursor (minus 5 s, so the burst's last messages
    // are derived again) and records only the messages sent while the socket was down.
    t.state.events.stop(&t.acct);
    for i in 0..3 {
        sent.push(t.fan_says(&format!("down {i}")));
        t.app.advance(1_000);
    }
    events::start(&t.state, t.tenant, &t.acct);
    t.wait_count("messages.received", BURST + 3).await;
    assert_eq!(delivered_messages(&t).await, sent);
    t.state.events.stop_all();
}
