//! Regression guard of the proxied-read hot path (issue 16): heap allocations the gateway
//! makes per proxied request, counted per thread by `allocation_counter` (its counting global
//! allocator), must stay within a budget set from the numbers measured when the hot path was
//! tuned. Allocations are counted, not time, so the check cannot flake on a loaded machine.
//!
//! Three threads, each with its own runtime: the simulator, the gateway (the only thread whose
//! allocations are counted: every layer, the handler, the upstream client and its connection
//! tasks run there) and this test's HTTP client. What runs on other threads is not counted:
//! the SQLite worker threads of sqlx (the request log's batched inserts) and the simulator.
//! Periodic background work (key refresh, webhook poll, health checks) is set far apart so it
//! does not fall into the measured requests; the best of three rounds is taken all the same.

use std::sync::Arc;
use std::time::Duration;

use fansly_client::{CareConfig, FanslyClient, FanslyConfig};
use fansly_gateway::clock::SystemClock;
use fansly_gateway::state::{AppState, Settings};
use gateway_store::{Keyring, api_key_prefix, generate_api_key, hash_api_key};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use tokio::sync::mpsc;

/// Most heap allocations (allocations and reallocations) on the gateway's thread per
/// `GET /{a}/me`. Measured on 2026-12-02: 601 before issue 16's work (the native answer parsed
/// into a `Value` and serialised again, …), 333 after the first round, 216 since the layers
/// became one per-route middleware and the answer is read once (`http::edge`,
/// `fansly_client::body::index`), 177 since native calls go to hyper's client directly
/// (`fansly_client::transport`, 2026-12-03), 168 with less `format!` on the hot path; the
/// budget leaves about a tenth of headroom.
const ME_BUDGET: u64 = 183;
/// The same for `GET /{a}/chats` with a full 25-row page (a 140 KB native answer, written
/// through as text since issue 16): 14,592 before, 378 after the first round, 261 after the
/// second, 221 with hyper's client, 216 with less `format!` on the hot path, 214 since the
/// cursors are written into the page's text in place.
const CHATS_BUDGET: u64 = 236;

const PASSWORD: &str = "budget password 123";
const FANS: usize = 30;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The simulator on its own thread: one creator with 30 fans writing to it (a full chat
/// page). Returns its URL.
fn start_simulator() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        runtime().block_on(async move {
            let sim = fansly_sim::Simulator::new(fansly_sim::SimConfig {
                clock: fansly_sim::ClockMode::Wall,
                ..fansly_sim::SimConfig::default()
            });
            let creator = sim
                .create_creator(fansly_sim::NewCreator {
                    email: "budget@example.test".into(),
                    username: "budget".into(),
                    password: PASSWORD.into(),
                    twofa: fansly_sim::TwofaMode::None,
                    totp_secret: None,
                    display_name: None,
                })
                .unwrap();
            for f in 0..FANS {
                let fan = sim
                    .create_fan(fansly_sim::NewFan {
                        username: format!("budgetfan{f:02}"),
                        ..fansly_sim::NewFan::default()
                    })
                    .unwrap();
                let group = sim.dm_group(&fan.id, &creator.id);
                sim.send_message(&fan.id, &group, "hello").unwrap();
            }
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            sim.serve(listener).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

/// The gateway, on a thread whose allocations `allocation_counter` counts while told to.
struct Gateway {
    url: String,
    key: String,
    /// `true`: start counting; `false`: stop and report.
    count: mpsc::UnboundedSender<bool>,
    counted: std::sync::mpsc::Receiver<u64>,
}

/// The gateway on its own thread (a current-thread runtime: every layer, the handler, the
/// upstream client and its connection tasks run there), as `bench_http` runs it: care for
/// Fansly off (one upstream exchange per request), everything else on. It serves on this
/// thread (`serving_threads` 0) with upstream pools of its own — what each of the
/// production's serving threads does per request (`serving::threads`; the hand-over of a
/// connection to a serving thread happens once per connection, before the counted
/// requests).
fn start_gateway(sim_url: String) -> Gateway {
    let (tx, rx) = std::sync::mpsc::channel();
    let (count, mut count_rx) = mpsc::unbounded_channel::<bool>();
    let (counted_tx, counted) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        fansly_client::own_pools_on_this_thread();
        let rt = runtime();
        let dir = tempfile::tempdir().unwrap();
        let (state, key) = rt.block_on(async {
            let url = format!("sqlite://{}", dir.path().join("gateway.db").display());
            let store = gateway_store::open(&url, Keyring::from_key([3; 32]))
                .await
                .unwrap();
            store.migrate().await.unwrap();
            let key = generate_api_key();
            store
                .create_api_key(
                    "budget",
                    &api_key_prefix(key.expose_secret()),
                    &hash_api_key(key.expose_secret()),
                )
                .await
                .unwrap();
            let fansly = FanslyClient::new(FanslyConfig {
                api_base: url::Url::parse(&sim_url).unwrap(),
                media_base: url::Url::parse(&sim_url).unwrap(),
                ..FanslyConfig::default()
            })
            .unwrap();
            let mut settings = Settings {
                key_refresh: Duration::from_secs(3600),
                webhook_poll: Duration::from_secs(3600),
                upload_dir: dir.path().join("uploads"),
                ..Settings::default()
            };
            settings.upstream.care = CareConfig {
                rate_per_sec: 0,
                cache_ttl: Duration::ZERO,
                coalesce: false,
                ..CareConfig::default()
            };
            settings.heal.check_interval = None;
            settings.connections.serving_threads = 0;
            let state = AppState::new(store, fansly, Arc::new(SystemClock), settings);
            (state, key.expose_secret().to_owned())
        });
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        tx.send((format!("http://{}", listener.local_addr().unwrap()), key))
            .unwrap();
        rt.spawn(fansly_gateway::app::serve(
            listener,
            state,
            std::future::pending(),
        ));
        // Serve, uncounted, until told to count; then serve, counted, until told to stop.
        while let Some(true) = rt.block_on(count_rx.recv()) {
            let info = allocation_counter::measure(|| {
                let _ = rt.block_on(count_rx.recv());
            });
            counted_tx.send(info.count_total).unwrap();
        }
        drop(dir);
    });
    let (url, key) = rx.recv().unwrap();
    Gateway {
        url,
        key,
        count,
        counted,
    }
}

/// Allocations on the gateway's thread per request of `path` (best of three rounds of 100,
/// after 50 warm-up requests on the same keep-alive connection).
async fn per_request(http: &reqwest::Client, gw: &Gateway, path: &str) -> u64 {
    let url = format!("{}{path}", gw.url);
    let get = || async {
        let res = http
            .get(&url)
            .header("x-api-key", &gw.key)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{url}");
        res.bytes().await.unwrap();
    };
    for _ in 0..50 {
        get().await;
    }
    let mut best = u64::MAX;
    for _ in 0..3 {
        gw.count.send(true).unwrap();
        for _ in 0..100 {
            get().await;
        }
        gw.count.send(false).unwrap();
        let n = tokio::task::block_in_place(|| gw.counted.recv().unwrap());
        best = best.min(n / 100);
    }
    best
}

#[test]
fn a_proxied_read_allocates_within_its_budget() {
    let sim_url = start_simulator();
    let gw = start_gateway(sim_url);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let http = reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(1)
            .build()
            .unwrap();
        let res = http
            .post(format!("{}/api/fansly/connect", gw.url))
            .header("x-api-key", &gw.key)
            .json(&json!({"username": "budget", "password": PASSWORD, "name": "B", "countryCode": "US"}))
            .send()
            .await
            .unwrap();
        let v: Value = res.json().await.unwrap();
        let account = v["data"]["account_id"].as_str().expect("connected").to_owned();

        let me = per_request(&http, &gw, &format!("/api/fansly/{account}/me")).await;
        let chats = per_request(&http, &gw, &format!("/api/fansly/{account}/chats")).await;
        println!("allocations per request: GET /{{a}}/me {me}, GET /{{a}}/chats {chats}");
        assert!(
            me <= ME_BUDGET,
            "GET /{{a}}/me makes {me} allocations per request, over its budget of {ME_BUDGET}: \
             something on the proxied-read path allocates more than it did (issue 16)"
        );
        assert!(
            chats <= CHATS_BUDGET,
            "GET /{{a}}/chats makes {chats} allocations per request, over its budget of \
             {CHATS_BUDGET} (issue 16)"
        );
        // Not vacuous: the counter sees the gateway's work.
        assert!(me > 10 && chats > 10, "{me} {chats}");
    });
}
