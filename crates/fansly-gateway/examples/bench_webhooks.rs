//! Webhook delivery benchmark, loopback only (run it with `scripts/bench-webhooks`).
//!
//! In one process: the simulator, the gateway (the e2e harness's setup) and a receiver, all on
//! 127.0.0.1:0. A fan's message is created in the simulator; the gateway's event socket sees
//! it, records the event, and delivers the signed webhook. Measured:
//! - latency: from just before the simulator records the event to the receiver's 200, one event
//!   at a time (p50, p90, p99, max);
//! - throughput: a burst of events created back to back, deliveries per second until the last
//!   200;
//! - baseline, in the same run: the same signed body POSTed straight to the receiver by one
//!   client — the floor the gateway adds its work to (socket frame, derivation, one durable
//!   event row, the delivery row updates, signing).
//!
//! - backlog: the burst again while the receiver holds the first request for 3 s; then
//!   deliveries/s from the first answer to the last (one endpoint's delivery ceiling, without
//!   the pace at which events are recorded).
//!
//! Bounded: `--latency N` (default 300) and `--burst N` (default 2000) events, the burst then
//! sent again as a backlog, then repeated to `--endpoints N` (default 4) endpoints at once;
//! each phase fails after 120 s.

#[allow(dead_code)]
#[path = "../tests/e2e/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "../tests/e2e/webhook_receiver.rs"]
mod webhook_receiver;

use std::time::{Duration, Instant};

use common::{Options, TestApp};
use fansly_sim::TwofaMode;
use serde_json::json;
use webhook_receiver::Receiver;

const PHASE_LIMIT: Duration = Duration::from_secs(120);

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap_or_else(|_| panic!("{name}: a number")))
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} n={:<5} p50={:>7.3} ms  p90={:>7.3} ms  p99={:>7.3} ms  max={:>7.3} ms",
        samples.len(),
        ms(percentile(&samples, 50.0)),
        ms(percentile(&samples, 90.0)),
        ms(percentile(&samples, 99.0)),
        ms(*samples.last().unwrap()),
    );
}

#[tokio::main]
async fn main() {
    let latency_n = arg("--latency", 300);
    let burst_n = arg("--burst", 2000);
    let endpoints_n = arg("--endpoints", 4).max(1);

    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.events = true;
    let app = TestApp::spawn_with(opts).await;
    let rx = Receiver::start().await;
    let (s, v) = app
        .post(
            "/webhooks",
            &app.key_a,
            json!({"url": rx.url("/bench"), "events": ["messages.received"]}),
        )
        .await;
    assert!(s.is_success(), "{v}");
    let creator = app.creator("mia", TwofaMode::None);
    app.connect(&app.key_a, "mia").await;
    let fan = app
        .sim
        .create_fan(fansly_sim::NewFan {
            username: "bench_fan".into(),
            ..fansly_sim::NewFan::default()
        })
        .expect("fan")
        .id;
    let group = app.sim.dm_group(&creator.id, &fan);
    let up = Instant::now();
    while !app.sim.has_live_socket(&creator.id) {
        assert!(up.elapsed() < Duration::from_secs(10), "no event socket");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // Warm-up: connections, caches, the SQLite page cache.
    for i in 0..20 {
        app.sim
            .send_message(&fan, &group, &format!("warm {i}"))
            .unwrap();
    }
    rx.wait_len(20, PHASE_LIMIT).await;

    // Latency, one event at a time.
    let mut gateway = Vec::with_capacity(latency_n);
    for i in 0..latency_n {
        let n = rx.count();
        let t0 = Instant::now();
        let id = app
            .sim
            .send_message(&fan, &group, &format!("lat {i}"))
            .unwrap();
        rx.wait_len(n + 1, PHASE_LIMIT).await;
        let hit = rx.hit(n).unwrap();
        assert_eq!(hit.json()["data"]["id"], id.as_str(), "in order, one each");
        gateway.push(hit.answered_at - t0);
    }
    let body = rx.hit(rx.count() - 1).unwrap();

    // Baseline: the same signed body straight to the receiver, one request at a time.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut direct = Vec::with_capacity(latency_n);
    for _ in 0..latency_n {
        let n = rx.count();
        let t0 = Instant::now();
        let mut req = http.post(rx.url("/baseline")).body(body.body.clone());
        for (k, v) in &body.headers {
            if k != "host" && k != "content-length" {
                req = req.header(k, v);
            }
        }
        let res = req.send().await.unwrap();
        assert!(res.status().is_success());
        rx.wait_len(n + 1, PHASE_LIMIT).await;
        direct.push(rx.hit(n).unwrap().answered_at - t0);
    }

    // Throughput: a burst created back to back.
    let before = rx.count();
    let t0 = Instant::now();
    for i in 0..burst_n {
        app.sim
            .send_message(&fan, &group, &format!("burst {i}"))
            .unwrap();
    }
    let created = t0.elapsed();
    rx.wait_len(before + burst_n, PHASE_LIMIT).await;
    let last = rx.hit(before + burst_n - 1).unwrap().answered_at - t0;
    let first = rx.hit(before).unwrap().answered_at - t0;

    // Every burst event exactly once.
    let mut ids: Vec<String> = (before..before + burst_n)
        .map(|i| {
            rx.hit(i).unwrap().json()["data"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), burst_n, "each burst event delivered once");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rx.count(), before + burst_n, "no extra deliveries");

    // Backlog (issue 16): the same burst while the receiver holds the first request for 3 s,
    // so the rest are all recorded before the worker moves on; then deliveries/s from that
    // backlog, from the first answer to the last — one endpoint's delivery ceiling, apart
    // from how fast events are recorded (which bounds the burst above).
    rx.script([webhook_receiver::Reply {
        delay: Duration::from_secs(3),
        ..webhook_receiver::Reply::status(200)
    }]);
    let back_before = rx.count();
    let sent: Vec<String> = (0..burst_n)
        .map(|i| {
            app.sim
                .send_message(&fan, &group, &format!("backlog {i}"))
                .unwrap()
        })
        .collect();
    rx.wait_len(back_before + burst_n, PHASE_LIMIT).await;
    let got: Vec<String> = (back_before..back_before + burst_n)
        .map(|i| {
            rx.hit(i).unwrap().json()["data"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(got, sent, "backlog: each event once, in order");
    let back_first = rx.hit(back_before).unwrap().answered_at;
    let back_last = rx.hit(back_before + burst_n - 1).unwrap().answered_at;
    let backlog = back_last - back_first;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rx.count(), back_before + burst_n, "no extra deliveries");

    // Fan-out: the same burst to `endpoints_n` endpoints (each has its own ordered queue).
    for k in 1..endpoints_n {
        let (s, v) = app
            .post(
                "/webhooks",
                &app.key_a,
                json!({"url": rx.url(&format!("/bench/{k}")), "events": ["messages.received"]}),
            )
            .await;
        assert!(s.is_success(), "{v}");
    }
    let fan_before = rx.count();
    let fan_total = burst_n * endpoints_n;
    let f0 = Instant::now();
    for i in 0..burst_n {
        app.sim
            .send_message(&fan, &group, &format!("fan-out {i}"))
            .unwrap();
    }
    rx.wait_len(fan_before + fan_total, PHASE_LIMIT).await;
    let fan_last = rx.hit(fan_before + fan_total - 1).unwrap().answered_at - f0;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rx.count(), fan_before + fan_total, "no extra deliveries");

    println!(
        "webhook delivery benchmark (loopback; simulator, gateway and receiver in one process)"
    );
    summary("event -> receiver 200", gateway);
    summary("baseline: direct POST", direct);
    println!(
        "burst of {burst_n} events, 1 endpoint: created in {:.1} ms; first 200 after {:.1} ms, \
         last after {:.1} ms => {:.0} deliveries/s",
        created.as_secs_f64() * 1000.0,
        first.as_secs_f64() * 1000.0,
        last.as_secs_f64() * 1000.0,
        burst_n as f64 / last.as_secs_f64()
    );
    println!(
        "backlog of {} deliveries, 1 endpoint: last 200 {:.1} ms after the first => {:.0} deliveries/s",
        burst_n - 1,
        backlog.as_secs_f64() * 1000.0,
        (burst_n - 1) as f64 / backlog.as_secs_f64()
    );
    println!(
        "burst of {burst_n} events, {endpoints_n} endpoints: {fan_total} deliveries, last 200 after \
         {:.1} ms => {:.0} deliveries/s",
        fan_last.as_secs_f64() * 1000.0,
        fan_total as f64 / fan_last.as_secs_f64()
    );
}
