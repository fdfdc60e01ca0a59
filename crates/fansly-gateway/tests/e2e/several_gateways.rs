//! The multi-process proof (issue 12), when `GATEWAY_TEST_DATABASE_URL` names a PostgreSQL
//! database: three real gateways on one schema behind a tiny round-robin client, three
//! creators connected, webhooks to one receiver. Each account gets exactly one event socket
//! across the three processes, spread one per process; 1,000 requests go round-robin while the
//! simulator produces messages; one gateway is SIGKILLed mid-burst; its account's socket moves
//! to a survivor within 30 s; no request to a survivor fails; every message arrives, under one
//! webhook id each. Without the variable the test returns at once (noted on stderr).

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use fansly_sim::{ClockMode, NewCreator, SimConfig, Simulator, TwofaMode};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::gateway_process::{create_key, http, pg_schema, start};
use crate::webhook_receiver::{Receiver, Reply};

const PASSWORD: &str = "correct horse battery staple";
const REQUESTS: usize = 1_000;

/// `fansly_gateway_event_sockets` from the gateway's `/metrics`.
async fn sockets_of(base: &str) -> Option<i64> {
    let text = http()
        .get(format!("{base}/metrics"))
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("fansly_gateway_event_sockets "))
        .and_then(|v| v.trim().parse().ok())
}

async fn eventually(what: &str, within: Duration, mut ok: impl AsyncFnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !ok().await {
        assert!(start.elapsed() < within, "{what}: not within {within:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    start.elapsed()
}

#[tokio::test]
async fn three_gateways_one_service_through_a_sigkill() {
    let Some(schema) = pg_schema("several_gateways", "gwproof").await else {
        return;
    };
    let db = schema.url();

    let sim = Simulator::new(SimConfig {
        clock: ClockMode::Wall,
        device_id_limit_per_minute: 0,
        ..SimConfig::default()
    });
    let (sim_addr, _sim_task) = sim.clone().spawn_local().await.expect("simulator");
    let sim_url = format!("http://{sim_addr}");
    let mut creators = Vec::new();
    for name in ["ava", "bea", "cleo"] {
        let c = sim
            .create_creator(NewCreator {
                username: name.into(),
                email: format!("{name}@example.test"),
                password: PASSWORD.into(),
                twofa: TwofaMode::None,
                totp_secret: None,
                display_name: None,
            })
            .unwrap();
        let fan = sim
            .create_fan(fansly_sim::NewFan {
                username: format!("fan_of_{name}"),
                ..fansly_sim::NewFan::default()
            })
            .unwrap()
            .id;
        let group = sim.dm_group(&c.id, &fan);
        creators.push((name, c.id, fan, group));
    }

    let dir = tempfile::tempdir().unwrap();
    let key = create_key(dir.path(), Some(&db), "proof");
    let mut gws = Vec::new();
    for _ in 0..3 {
        gws.push(start(dir.path(), Some(&db), &sim_url).await);
    }
    let apis: Vec<String> = gws.iter().map(|g| g.api()).collect();
    let api = |i: usize| apis[i].clone();

    let receiver = Receiver::start().await;
    receiver.set_default(Reply::status(200));
    let res = http()
        .post(format!("{}/webhooks", api(0)))
        .header("x-api-key", &key)
        .json(&json!({"url": receiver.url("/hook"), "events": ["messages.received"]}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    // Each creator connected through a different gateway.
    for (i, (name, ..)) in creators.iter().enumerate() {
        let res = http()
            .post(format!("{}/connect", api(i % 3)))
            .header("x-api-key", &key)
            .json(
                &json!({"username": name, "password": PASSWORD, "name": name, "countryCode": "US"}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
    // Exactly one socket per account across the three, one account per process.
    eventually(
        "one socket per account, spread",
        Duration::from_secs(30),
        async || {
            let mut per_gw = Vec::new();
            for g in &gws {
                per_gw.push(sockets_of(&g.root).await.unwrap_or(-1));
            }
            per_gw == [1, 1, 1]
                && creators
                    .iter()
                    .all(|(_, id, ..)| sim.live_socket_count(id) == 1)
        },
    )
    .await;

    // The burst: round-robin over the live gateways; the simulator sends messages meanwhile.
    let mut sent = BTreeSet::new();
    let mut alive = [true, true, true];
    let mut failed_on_survivors = Vec::new();
    let killed = 1;
    let mut killed_at = None;
    for n in 0..REQUESTS {
        if n == REQUESTS / 3 {
            // SIGKILL one gateway mid-burst.
            gws[killed].kill();
            alive[killed] = false;
            killed_at = Some(Instant::now());
        }
        if n % 25 == 0 {
            let (_, _, fan, group) = &creators[(n / 25) % 3];
            sent.insert(sim.send_message(fan, group, &format!("m{n}")).unwrap());
        }
        let live: Vec<usize> = (0..3).filter(|i| alive[*i]).collect();
        let i = live[n % live.len()];
        let res = http()
            .get(format!("{}/accounts", api(i)))
            .header("x-api-key", &key)
            .send()
            .await;
        match res {
            Ok(r) if r.status() == StatusCode::OK => {}
            other => failed_on_survivors.push(format!("#{n} gw{i}: {other:?}")),
        }
    }
    assert!(
        failed_on_survivors.is_empty(),
        "requests to survivors failed: {failed_on_survivors:?}"
    );
    // The dead process's account: a survivor runs its socket within 30 s of the kill.
    let killed_at = killed_at.unwrap();
    eventually(
        "takeover",
        Duration::from_secs(30).saturating_sub(killed_at.elapsed()),
        async || {
            creators
                .iter()
                .all(|(_, id, ..)| sim.live_socket_count(id) == 1)
        },
    )
    .await;
    let takeover = killed_at.elapsed();
    // More messages after the takeover, for every account.
    for (k, (_, _, fan, group)) in creators.iter().enumerate() {
        sent.insert(sim.send_message(fan, group, &format!("after {k}")).unwrap());
    }
    receiver
        .wait_until(Duration::from_secs(60), |hits| {
            let got: BTreeSet<String> = hits
                .iter()
                .filter_map(|h| h.json()["data"]["id"].as_str().map(str::to_owned))
                .collect();
            sent.is_subset(&got)
        })
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let hits = receiver.hits();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for hit in &hits {
        let body: Value = hit.json();
        let msg = body["data"]["id"].as_str().unwrap().to_owned();
        assert!(sent.contains(&msg), "unknown event {body}");
        ids.entry(msg).or_default().insert(hit.webhook_id());
    }
    assert_eq!(ids.len(), sent.len(), "every message arrived");
    for (msg, w) in &ids {
        assert_eq!(w.len(), 1, "message {msg} arrived under {w:?}");
    }
    eprintln!(
        "several gateways: {REQUESTS} requests, {} events, {} deliveries, socket takeover {takeover:?}",
        sent.len(),
        hits.len()
    );
    drop(gws);
    schema.drop_now().await;
}
