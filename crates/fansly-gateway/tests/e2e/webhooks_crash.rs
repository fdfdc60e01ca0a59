//! The crash test: the real binary (`serve`) delivers a burst of `messages.received` webhooks
//! to a slow receiver; it is killed with SIGKILL mid-burst, more events happen while it is
//! down, and it is started again on the same database. Every event must arrive at least once,
//! under one stable `webhook-id` per event, and nothing else may arrive.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use fansly_sim::{ClockMode, NewCreator, SimConfig, Simulator, TwofaMode};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::gateway_process::{create_key, http, start};
use crate::webhook_receiver::{Receiver, Reply, assert_signed};

const PASSWORD: &str = "correct horse battery staple";
/// Events sent while the gateway runs, then while it is down.
const BURST: usize = 40;
const WHILE_DOWN: usize = 10;

async fn post(base: &str, path: &str, key: &str, body: Value) -> (StatusCode, Value) {
    let res = http()
        .post(format!("{base}{path}"))
        .header("x-api-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap())
}

#[tokio::test]
async fn sigkill_mid_burst_loses_nothing_and_invents_nothing() {
    let sim = Simulator::new(SimConfig {
        clock: ClockMode::Wall,
        device_id_limit_per_minute: 0,
        ..SimConfig::default()
    });
    let (sim_addr, _sim_task) = sim.clone().spawn_local().await.expect("simulator");
    let sim_url = format!("http://{sim_addr}");
    let creator = sim
        .create_creator(NewCreator {
            username: "mia".into(),
            email: "mia@example.test".into(),
            password: PASSWORD.into(),
            twofa: TwofaMode::None,
            totp_secret: None,
            display_name: None,
        })
        .unwrap();
    let fan = sim
        .create_fan(fansly_sim::NewFan {
            username: "burst_fan".into(),
            ..fansly_sim::NewFan::default()
        })
        .unwrap()
        .id;
    let group = sim.dm_group(&creator.id, &fan);

    let dir = tempfile::tempdir().unwrap();
    let key = create_key(dir.path(), None, "crash");

    let receiver = Receiver::start().await;
    // Slow: a burst takes seconds to drain, so the kill lands mid-delivery.
    receiver.set_default(Reply {
        delay: Duration::from_millis(60),
        ..Reply::status(200)
    });

    let gw = start(dir.path(), None, &sim_url).await;
    let (s, v) = post(
        &gw.api(),
        "/connect",
        &key,
        json!({"username": "mia", "password": PASSWORD, "name": "Mia", "countryCode": "US"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let acct = v["data"]["account_id"].as_str().unwrap().to_owned();
    let (s, v) = post(
        &gw.api(),
        "/webhooks",
        &key,
        json!({"url": receiver.url("/hook?token=s3cret"), "events": ["messages.received"]}),
    )
    .await;
    assert!(s.is_success(), "{v}");
    let secret = v["data"]["secret"].as_str().unwrap().to_owned();
    // The event socket is up before the burst starts.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !sim.has_live_socket(&creator.id) {
        assert!(std::time::Instant::now() < deadline, "no event socket");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let mut sent = BTreeSet::new();
    for i in 0..BURST {
        sent.insert(
            sim.send_message(&fan, &group, &format!("burst {i}"))
                .unwrap(),
        );
    }
    receiver.wait_len(5, Duration::from_secs(20)).await;
    drop(gw); // SIGKILL: no shutdown hooks run.
    let before_restart = receiver.count();
    assert!(
        before_restart < BURST,
        "the burst finished before the kill ({before_restart} deliveries); make the receiver slower"
    );
    // Events while nobody listens.
    for i in 0..WHILE_DOWN {
        sent.insert(
            sim.send_message(&fan, &group, &format!("down {i}"))
                .unwrap(),
        );
    }

    let _gw = start(dir.path(), None, &sim_url).await;
    receiver.set_default(Reply::status(200));
    let hits = receiver
        .wait_until(Duration::from_secs(60), |hits| {
            let got: BTreeSet<String> = hits
                .iter()
                .filter_map(|h| h.json()["data"]["id"].as_str().map(str::to_owned))
                .collect();
            sent.is_subset(&got)
        })
        .await;
    // Let stragglers (retries of deliveries cut by the kill) land, then judge everything.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let hits = {
        let later = receiver.hits();
        assert!(later.len() >= hits.len());
        later
    };

    let mut ids_by_message: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for hit in &hits {
        assert_eq!(hit.path, "/hook?token=s3cret", "URL called verbatim");
        assert_signed(hit, &secret);
        let body = hit.json();
        assert_eq!(body["event"], "messages.received", "{body}");
        assert_eq!(body["accountId"], acct.as_str(), "{body}");
        let msg = body["data"]["id"].as_str().expect("data.id").to_owned();
        assert!(
            sent.contains(&msg),
            "a delivery for an unknown event: {body}"
        );
        assert_eq!(body["data"]["senderId"], fan.as_str());
        ids_by_message
            .entry(msg)
            .or_default()
            .insert(hit.webhook_id());
    }
    assert_eq!(ids_by_message.len(), sent.len(), "every event arrived");
    for (msg, ids) in &ids_by_message {
        assert_eq!(
            ids.len(),
            1,
            "message {msg} was recorded as {ids:?}: one event, one id"
        );
    }
    let duplicates = hits.len() - sent.len();
    let span = hits.last().unwrap().answered_at - receiver.hit(0).unwrap().answered_at;
    eprintln!(
        "crash test: {} events, {} deliveries ({duplicates} again after the kill), \
         {before_restart} before it, {span:?} first to last",
        sent.len(),
        hits.len()
    );
}
