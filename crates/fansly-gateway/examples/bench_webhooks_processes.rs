//! Webhook deliveries per second with one and with several gateway processes on one PostgreSQL
//! database (issue 12), loopback only (run it with `scripts/bench-webhooks-processes`).
//!
//! This process runs the simulator and the receiver; the gateways are the release
//! `fansly-gateway serve` binary, each a process of its own on a fresh schema of the database
//! (`--database`, default the local `test` database). For each count in `--gateways` (default
//! `1,3`): one creator connected, `--endpoints` endpoints (default 4) for `messages.received`,
//! 20 warm-up events, then a burst of `--burst` fan messages (default 2000) created back to
//! back; measured: deliveries per second from the first event to the last 200, and that each
//! endpoint received each event exactly once. Which process holds the account's event socket
//! and which ones send each endpoint's deliveries is theirs to decide (leases and claims).

#[allow(dead_code)]
#[path = "../tests/e2e/webhook_receiver.rs"]
mod webhook_receiver;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fansly_sim::{ClockMode, NewCreator, NewFan, SimConfig, Simulator, TwofaMode};
use gateway_store::test_schema::TestSchema;
use serde_json::{Value, json};
use webhook_receiver::Receiver;

const PHASE_LIMIT: Duration = Duration::from_secs(180);
const PASSWORD: &str = "bench password 123";
const MASTER_KEY: &str = "abababababababababababababababababababababababababababababababab";

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn arg_num(name: &str, default: usize) -> usize {
    arg(name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}: expected a number, got {v}"))
    })
}

/// A gateway process, stopped (SIGKILL) when dropped.
struct Gateway(Child);

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn gateway_cmd(bin: &PathBuf, db: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .args(["--database", db])
        .env("FANSLY_GATEWAY_MASTER_KEY", MASTER_KEY)
        .env("FANSLY_GATEWAY_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true")
        .env("FANSLY_GATEWAY_LOG", "warn");
    cmd
}

async fn wait_ready(http: &reqwest::Client, root: &str) {
    let t0 = Instant::now();
    loop {
        if let Ok(r) = http.get(format!("{root}/readyz")).send().await
            && r.status().is_success()
        {
            return;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "{root} not ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// One measurement: `gateways` processes on a fresh schema. Deliveries per second.
async fn run(bin: &PathBuf, base: &str, gateways: usize, endpoints: usize, burst: usize) -> f64 {
    let schema = TestSchema::create(base, "gwbenchwh").await;
    let db = schema.url();
    let sim = Simulator::new(SimConfig {
        clock: ClockMode::Wall,
        device_id_limit_per_minute: 0,
        ..SimConfig::default()
    });
    let (sim_addr, _sim_task) = sim.clone().spawn_local().await.expect("simulator");
    let sim_url = format!("http://{sim_addr}");
    let events_url = format!("ws://{sim_addr}/?v=3");
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
        .create_fan(NewFan {
            username: "bench_fan".into(),
            ..NewFan::default()
        })
        .unwrap()
        .id;
    let group = sim.dm_group(&creator.id, &fan);

    let out = gateway_cmd(bin, &db, &["keys", "create", "--name", "bench"])
        .output()
        .expect("keys create");
    assert!(out.status.success(), "{out:?}");
    let key = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_owned();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut procs = Vec::new();
    let mut roots = Vec::new();
    for _ in 0..gateways {
        let listen = format!("127.0.0.1:{}", free_port());
        let child = gateway_cmd(
            bin,
            &db,
            &[
                "serve",
                "--listen",
                &listen,
                "--upstream",
                &sim_url,
                "--events-upstream",
                &events_url,
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gateway process");
        procs.push(Gateway(child));
        let root = format!("http://{listen}");
        wait_ready(&http, &root).await;
        roots.push(root);
    }
    let api = |i: usize| format!("{}/api/fansly", roots[i % roots.len()]);

    let rx = Receiver::start().await;
    for k in 0..endpoints {
        let res = http
            .post(format!("{}/webhooks", api(k)))
            .header("x-api-key", &key)
            .json(&json!({"url": rx.url(&format!("/bench/{k}")), "events": ["messages.received"]}))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    }
    let res = http
        .post(format!("{}/connect", api(0)))
        .header("x-api-key", &key)
        .json(&json!({"username": "mia", "password": PASSWORD, "name": "Mia", "countryCode": "US"}))
        .send()
        .await
        .unwrap();
    let v: Value = res.json().await.unwrap();
    assert!(v["data"]["account_id"].is_string(), "{v}");
    let t0 = Instant::now();
    while !sim.has_live_socket(&creator.id) {
        assert!(t0.elapsed() < Duration::from_secs(30), "no event socket");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    for i in 0..20 {
        sim.send_message(&fan, &group, &format!("warm {i}"))
            .unwrap();
    }
    rx.wait_len(20 * endpoints, PHASE_LIMIT).await;

    let before = rx.count();
    let total = burst * endpoints;
    let t0 = Instant::now();
    for i in 0..burst {
        sim.send_message(&fan, &group, &format!("burst {i}"))
            .unwrap();
    }
    rx.wait_len(before + total, PHASE_LIMIT).await;
    let last = rx.hit(before + total - 1).unwrap().answered_at - t0;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(rx.count(), before + total, "no extra deliveries");
    // Each endpoint received each burst event once.
    let mut seen = HashSet::new();
    for i in before..before + total {
        let hit = rx.hit(i).unwrap();
        let pair = (hit.path.clone(), hit.json()["data"]["id"].to_string());
        assert!(seen.insert(pair), "a delivery arrived twice");
    }
    drop(procs);
    schema.drop_now().await;
    total as f64 / last.as_secs_f64()
}

#[tokio::main]
async fn main() {
    let base =
        arg("--database").unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".into());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = arg("--gateway-bin")
        .map_or_else(|| root.join("target/release/fansly-gateway"), PathBuf::from);
    let endpoints = arg_num("--endpoints", 4).max(1);
    let burst = arg_num("--burst", 2000).max(1);
    let counts: Vec<usize> = arg("--gateways")
        .unwrap_or_else(|| "1,3".into())
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .expect("--gateways: numbers, comma-separated")
        })
        .collect();
    println!(
        "webhook deliveries with several gateway processes on one PostgreSQL database \
         (loopback; {burst} events x {endpoints} endpoints per run)"
    );
    for n in counts {
        let per_sec = run(&bin, &base, n.max(1), endpoints, burst).await;
        println!(
            "  {n} gateway process(es): {} deliveries in the burst => {per_sec:.0} deliveries/s",
            burst * endpoints
        );
    }
}
