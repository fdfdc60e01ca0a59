//! Limits, credits and usage (issue 6): `X-RateLimit-*` headers, the sliding-minute 429 on the
//! manual clock, per-key independence, plans from the store and the CLI, credit metering by
//! response size (standard, media upload/download, webhook deliveries), the 402 when the
//! allowance is spent, exact `/usage` numbers, and usage surviving a restart.

use std::sync::Arc;
use std::time::Duration;

use fansly_client::{FanslyClient, FanslyConfig};
use fansly_gateway::app;
use fansly_gateway::limits::{LimitSettings, Plan, PlanCatalog};
use fansly_gateway::state::{AppState, Settings};
use fansly_sim::TwofaMode;
use gateway_store::TenantId;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Options, TestApp, eventually};
use crate::webhook_receiver::Receiver;

const UNLIMITED: &str = "2147483647";
const WAIT: Duration = Duration::from_secs(10);

fn plan(name: &str, rpm: Option<u32>, credits: Option<u64>) -> Plan {
    Plan {
        name: name.to_owned(),
        rpm,
        credits,
    }
}

/// Options whose default plan is `p` (added to the catalog), metering on or off.
fn with_default(p: Plan, metering: bool) -> Options {
    let mut opts = Options::default();
    opts.settings.limits = LimitSettings {
        plans: PlanCatalog::default().with(p.clone()),
        default_plan: Arc::new(p),
        credits: metering,
        flush_every: Duration::from_millis(50),
    };
    opts
}

fn h<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header in {headers:?}"))
        .to_str()
        .unwrap()
}

/// A request whose raw body is kept (its size is what it costs).
async fn raw(
    app: &TestApp,
    method: Method,
    path: &str,
    key: Option<&str>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = app.http.request(method, format!("{}{path}", app.base));
    if let Some(k) = key {
        req = req.header("x-api-key", k);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.bytes().await.unwrap().to_vec();
    (status, headers, body)
}

async fn usage(app: &TestApp, key: &str) -> Value {
    let (s, v, _) = app.send(Method::GET, "/usage", Some(key), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"].clone()
}

fn standard(len: usize) -> u64 {
    (len as u64).div_ceil(80 * 1024).max(1)
}

async fn key_id(app: &TestApp, index: usize) -> i64 {
    app.store.list_api_keys().await.unwrap()[index].id
}

#[tokio::test]
async fn every_keyed_answer_carries_the_headers_and_nothing_is_limited_by_default() {
    let app = TestApp::spawn().await;
    for _ in 0..150 {
        let (s, _, headers) = app
            .send(Method::GET, "/accounts", Some(&app.key_a), None)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(h(&headers, "x-ratelimit-limit"), UNLIMITED);
        assert_eq!(h(&headers, "x-ratelimit-remaining"), UNLIMITED);
        assert_eq!(h(&headers, "x-ratelimit-plan"), "unlimited");
    }
    // 4xx answers of routes carry them too.
    for path in ["/fansly_nope/me", "/no/such/route"] {
        let (s, v, headers) = app.send(Method::GET, path, Some(&app.key_a), None).await;
        assert!(s.is_client_error(), "{path}: {v}");
        assert_eq!(h(&headers, "x-ratelimit-plan"), "unlimited", "{path}");
        assert_eq!(h(&headers, "x-ratelimit-limit"), UNLIMITED, "{path}");
    }
    // No key, or a bad one: the route's 401, no limiter headers.
    for key in [None, Some("fgw_not_a_key")] {
        let (s, _, headers) = app.send(Method::GET, "/accounts", key, None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert!(headers.get("x-ratelimit-limit").is_none());
    }
    let u = usage(&app, &app.key_a).await;
    assert_eq!(u["plan"]["name"], "unlimited");
    assert_eq!(u["rateLimit"]["limit"], Value::Null);
    assert_eq!(u["rateLimit"]["unlimited"], true);
    assert_eq!(u["rateLimit"]["used"], 153, "{u}");
    assert_eq!(u["requests"], 153);
    assert_eq!(u["credits"]["metered"], false);
    assert_eq!(u["credits"]["allowance"], Value::Null);
}

#[tokio::test]
async fn the_request_past_the_limit_gets_429_until_the_minute_slides() {
    let app = TestApp::spawn_with(with_default(plan("tiny", Some(3), None), false)).await;
    // Requests at 0 s and 0.5 s, then one at 30 s.
    for (i, at) in [(1, 0), (2, 500), (3, 30_000)] {
        if at > 0 {
            app.advance(at - if i == 3 { 500 } else { 0 });
        }
        let (s, v, headers) = app
            .send(Method::GET, "/accounts", Some(&app.key_a), None)
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(h(&headers, "x-ratelimit-limit"), "3");
        assert_eq!(h(&headers, "x-ratelimit-remaining"), (3 - i).to_string());
        assert_eq!(h(&headers, "x-ratelimit-plan"), "tiny");
    }
    // The 4th within the minute: 429, the envelope and both retry headers (the first two
    // leave the window at 60 s, 30 s from now).
    let (s, v, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_a), None)
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(v["statusCode"], 429);
    assert_eq!(v["error"], "Too Many Requests");
    assert_eq!(
        v["message"],
        "Rate limit exceeded. Please wait before making more requests."
    );
    assert_eq!(v["data"], Value::Null);
    assert_eq!(h(&headers, "retry-after"), "30");
    assert_eq!(h(&headers, "x-ratelimit-retry-after"), "30");
    assert_eq!(h(&headers, "x-ratelimit-remaining"), "0");
    assert_eq!(h(&headers, "x-ratelimit-limit"), "3");

    // Another key is not affected.
    let (s, _, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_b), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h(&headers, "x-ratelimit-remaining"), "2");

    // 59.999 s after the first: still full, one second to go.
    app.advance(29_999);
    let (s, _, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_a), None)
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(h(&headers, "retry-after"), "1");
    // At 60 s the first second's two requests have left: two slots, one used now.
    app.advance(1);
    let (s, _, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_a), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h(&headers, "x-ratelimit-remaining"), "1");
    let u = usage(&app, &app.key_a).await;
    assert_eq!(u["rateLimit"]["limit"], 3);
    assert_eq!(u["rateLimit"]["used"], 3, "{u}");
    assert_eq!(u["rateLimit"]["remaining"], 0);
    assert_eq!(u["requests"], 5, "refused requests are not counted: {u}");
    // Now full again: even /usage is limited.
    let (s, _, _) = raw(&app, Method::GET, "/usage", Some(&app.key_a)).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    // A quiet minute empties the window.
    app.advance(60_000);
    let u = usage(&app, &app.key_a).await;
    assert_eq!(u["rateLimit"]["used"], 1);
}

#[tokio::test]
async fn a_keys_plan_comes_from_the_store_and_applies_within_a_refresh() {
    let app = TestApp::spawn().await;
    let a = key_id(&app, 0).await;
    assert!(app.store.set_api_key_plan(a, Some("free")).await.unwrap());
    eventually(WAIT, || async {
        let (_, _, headers) = app
            .send(Method::GET, "/accounts", Some(&app.key_a), None)
            .await;
        h(&headers, "x-ratelimit-plan") == "free"
    })
    .await;
    let (_, _, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_a), None)
        .await;
    assert_eq!(h(&headers, "x-ratelimit-limit"), "100");
    let (_, _, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_b), None)
        .await;
    assert_eq!(h(&headers, "x-ratelimit-plan"), "unlimited");
    // Free is 100 a minute: the window fills and the key is refused.
    let mut refused = None;
    for _ in 0..100 {
        let (s, headers, _) = raw(&app, Method::GET, "/accounts", Some(&app.key_a)).await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(h(&headers, "retry-after").parse::<u64>().unwrap());
            break;
        }
    }
    let retry = refused.expect("the 101st request within the minute is refused");
    assert!((1..=60).contains(&retry), "{retry}");
    let u = usage(&app, &app.key_b).await;
    assert_eq!(u["plan"]["name"], "unlimited");
}

const BIN: &str = env!("CARGO_BIN_EXE_fansly-gateway");

/// Runs the binary against the test gateway's database. Async on purpose: the gateway runs on
/// this test's runtime, and a blocking wait here would freeze it mid-transaction (holding
/// SQLite's write lock) while the child waits for that lock.
async fn cli(app: &TestApp, dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let db = format!("sqlite://{}", app.db_path.display());
    let out = tokio::process::Command::new(BIN)
        .args(args)
        .args(["--database", &db])
        .arg("--master-key-file")
        .arg(dir.join("master.key"))
        .env_remove("FANSLY_GATEWAY_MASTER_KEY")
        .env_remove("FANSLY_GATEWAY_PLANS")
        .output()
        .await
        .expect("run binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn keys_create_plan_and_set_plan_reach_the_running_gateway() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = cli(
        &app,
        dir.path(),
        &["keys", "create", "--name", "ci", "--plan", "Pro"],
    )
    .await;
    assert!(ok, "{err}");
    assert!(out.contains("Plan: pro"), "{out}");
    let key = out.lines().last().unwrap().trim().to_owned();
    let id: i64 = out
        .split("Created API key ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("key id");
    let (s, _, headers) = app.send(Method::GET, "/accounts", Some(&key), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h(&headers, "x-ratelimit-plan"), "pro");
    assert_eq!(h(&headers, "x-ratelimit-limit"), "1000");
    assert_eq!(h(&headers, "x-ratelimit-remaining"), "999");

    let (ok, out, err) = cli(
        &app,
        dir.path(),
        &["keys", "set-plan", &id.to_string(), "starter"],
    )
    .await;
    assert!(ok, "{err}");
    assert!(out.contains("plan starter"), "{out}");
    let (ok, list, _) = cli(&app, dir.path(), &["keys", "list"]).await;
    assert!(ok);
    let row = |name: &str| {
        list.lines()
            .find(|l| l.ends_with(name))
            .unwrap_or_else(|| panic!("{name} in {list}"))
            .split_whitespace()
            .nth(4)
            .unwrap()
            .to_owned()
    };
    assert_eq!(row(" ci"), "starter", "{list}");
    assert_eq!(row(" tenant-a"), "(default)", "{list}");
    eventually(WAIT, || async {
        let (_, _, headers) = app.send(Method::GET, "/accounts", Some(&key), None).await;
        h(&headers, "x-ratelimit-limit") == "600"
    })
    .await;

    // Unknown plans and keys are refused, naming the rule.
    let (ok, _, err) = cli(
        &app,
        dir.path(),
        &["keys", "set-plan", &id.to_string(), "gold"],
    )
    .await;
    assert!(!ok);
    assert!(
        err.contains("unknown plan \"gold\"") && err.contains("known plans"),
        "{err}"
    );
    let (ok, _, err) = cli(
        &app,
        dir.path(),
        &["keys", "create", "--name", "x", "--plan", "gold"],
    )
    .await;
    assert!(!ok && err.contains("unknown plan"), "{err}");
    let (ok, _, err) = cli(&app, dir.path(), &["keys", "set-plan", "9999", "pro"]).await;
    assert!(
        !ok && err.contains("no active API key with id 9999"),
        "{err}"
    );
    // A custom plan from --plans is accepted by the CLI.
    let (ok, out, err) = cli(
        &app,
        dir.path(),
        &[
            "keys",
            "set-plan",
            &id.to_string(),
            "team",
            "--plans",
            "team:5:50",
        ],
    )
    .await;
    assert!(ok && out.contains("plan team"), "{out}{err}");
    assert_eq!(
        app.store
            .api_key_plan(TenantId(id))
            .await
            .unwrap()
            .as_deref(),
        Some("team")
    );
    // `default` clears it: the key follows the gateway's default plan again.
    let (ok, out, err) = cli(
        &app,
        dir.path(),
        &["keys", "set-plan", &id.to_string(), "default"],
    )
    .await;
    assert!(ok && out.contains("default plan"), "{out}{err}");
    eventually(WAIT, || async {
        let (_, _, headers) = app.send(Method::GET, "/accounts", Some(&key), None).await;
        h(&headers, "x-ratelimit-plan") == "unlimited"
    })
    .await;
}

#[tokio::test]
async fn credits_follow_response_sizes_and_run_out_with_a_402() {
    let app = TestApp::spawn_with(with_default(plan("metered", None, Some(7)), true)).await;
    let creator = app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    let fan = crate::messaging_support::new_fan(&app, "fan_one");
    let chat = app.sim.dm_group(&creator.id, &fan);
    for i in 0..10 {
        let text = format!("{i}{}", "x".repeat(9_000));
        app.sim.send_message(&fan, &chat, &text).unwrap();
    }
    let u = usage(&app, &app.key_a).await;
    assert_eq!(u["credits"]["metered"], true);
    assert_eq!(u["credits"]["used"], 1, "the connect: {u}");
    assert_eq!(u["credits"]["allowance"], 7);
    assert_eq!(u["period"]["start"], "2026-09-01T00:00:00.000Z");
    assert_eq!(u["period"]["end"], "2026-10-01T00:00:00.000Z");

    // A small answer costs 1; ten 9 KB messages (~95 KB) cost 2.
    let (s, _, small) = raw(&app, Method::GET, "/accounts", Some(&app.key_a)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(standard(small.len()), 1);
    let (s, headers, big) = raw(
        &app,
        Method::GET,
        &format!("/{acct}/chats/{chat}/messages?limit=10"),
        Some(&app.key_a),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h(&headers, "x-ratelimit-plan"), "metered");
    assert_eq!(standard(big.len()), 2, "{} bytes", big.len());
    let u = usage(&app, &app.key_a).await;
    assert_eq!(u["credits"]["used"], 4, "{u}");
    assert_eq!(u["credits"]["remaining"], 3);
    assert_eq!(
        u["requests"], 5,
        "connect, 2 usage calls and 2 reads: /usage counts as a request but costs nothing"
    );

    // A 4xx answer costs too; then the allowance is gone.
    let (s, _, _) = raw(&app, Method::GET, "/fansly_nope/me", Some(&app.key_a)).await;
    assert!(s.is_client_error());
    for _ in 0..2 {
        let (s, _, _) = raw(&app, Method::GET, "/accounts", Some(&app.key_a)).await;
        assert_eq!(s, StatusCode::OK);
    }
    let (s, v, headers) = app
        .send(Method::GET, "/accounts", Some(&app.key_a), None)
        .await;
    assert_eq!(s, StatusCode::PAYMENT_REQUIRED);
    assert_eq!(v["error"], "Payment Required");
    assert_eq!(v["data"], Value::Null);
    let msg = v["message"].as_str().unwrap();
    assert!(
        msg.contains("7 of 7 credits") && msg.contains("plan metered"),
        "{msg}"
    );
    assert!(msg.contains("resets at 2026-10-01T00:00:00.000Z"), "{msg}");
    assert_eq!(h(&headers, "x-ratelimit-plan"), "metered");
    assert_eq!(h(&headers, "x-ratelimit-limit"), UNLIMITED);
    // /usage still answers, and says so exactly.
    let u = usage(&app, &app.key_a).await;
    assert_eq!(u["credits"]["used"], 7);
    assert_eq!(u["credits"]["remaining"], 0);
    assert_eq!(u["requests"], 5 + 3 + 1, "the 402 is not counted: {u}");
    // The other key has its own allowance.
    let (s, _, _) = raw(&app, Method::GET, "/accounts", Some(&app.key_b)).await;
    assert_eq!(s, StatusCode::OK);
    // A new month resets it (the clock starts on 2026-09-21T14:13:20Z).
    app.advance(10 * 86_400_000);
    let (s, _, _) = raw(&app, Method::GET, "/accounts", Some(&app.key_a)).await;
    assert_eq!(s, StatusCode::OK);
    let u = usage(&app, &app.key_a).await;
    assert_eq!(u["period"]["start"], "2026-10-01T00:00:00.000Z");
    assert_eq!(u["period"]["end"], "2026-11-01T00:00:00.000Z");
    assert_eq!(u["credits"]["used"], 1);
    assert_eq!(u["requests"], 2);
}

const BOUNDARY: &str = "limits-test-boundary-1b2c";

#[tokio::test]
async fn media_costs_two_credits_per_started_megabyte_and_webhooks_one_per_80_events() {
    let mut opts = with_default(plan("metered", None, Some(1_000)), true);
    opts.settings.webhooks_allow_private_targets = true;
    opts.settings.webhook_poll = Duration::from_millis(20);
    let app = TestApp::spawn_with(opts).await;
    app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    let base = usage(&app, &app.key_a).await["credits"]["used"]
        .as_u64()
        .unwrap();
    let mut expected = 0u64;

    // Upload: 1.5 MiB of file in a multipart body → 2 MiB started → 4 credits.
    let file: Vec<u8> = (0..(3 * 512 * 1024)).map(|i| (i * 7 % 251) as u8).collect();
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let res = app
        .http
        .post(format!("{}/{acct}/media/upload", app.base))
        .header("x-api-key", &app.key_a)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let v: Value = res.json().await.unwrap();
    expected += 4;
    let job = v["data"]["jobId"].as_str().unwrap().to_owned();
    let done = loop {
        let (s, _, b) = raw(
            &app,
            Method::GET,
            &format!("/media/upload/{job}/status"),
            Some(&app.key_a),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        expected += standard(b.len());
        let v: Value = serde_json::from_slice(&b).unwrap();
        if matches!(v["data"]["state"].as_str(), Some("completed" | "failed")) {
            break v;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(done["data"]["state"], "completed", "{done}");
    let url = done["data"]["result"]["accountMedia"][0]["media"]["locations"][0]["location"]
        .as_str()
        .unwrap()
        .to_owned();

    // Download: the 1.5 MiB file → 4 credits, charged when the body has been sent.
    let res = app
        .http
        .get(format!("{}/media/download", app.base))
        .query(&[("cdnUrl", &url)])
        .header("x-api-key", &app.key_a)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(h(res.headers(), "x-ratelimit-plan"), "metered");
    assert_eq!(res.bytes().await.unwrap().len(), file.len());
    expected += 4;
    eventually(WAIT, || async {
        usage(&app, &app.key_a).await["credits"]["used"] == base + expected
    })
    .await;

    // Webhooks: two delivered test events cost 1 credit (1 per started 80), plus the two
    // standard requests that asked for them.
    let rx = Receiver::start().await;
    let (s, v, _) = app
        .send(
            Method::POST,
            "/webhooks",
            Some(&app.key_a),
            Some(json!({"url": rx.url("/in"), "events": ["messages.received"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    expected += standard(v.to_string().len());
    let hook = v["data"]["id"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        let (s, _, b) = raw_post(&app, &format!("/webhooks/{hook}/test")).await;
        assert_eq!(s, StatusCode::ACCEPTED);
        expected += standard(b.len());
    }
    expected += 1;
    eventually(WAIT, || async { rx.count() >= 2 }).await;
    eventually(WAIT, || async {
        let u = usage(&app, &app.key_a).await;
        u["webhookEvents"] == 2 && u["credits"]["used"] == base + expected
    })
    .await;
}

async fn raw_post(app: &TestApp, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let res = app
        .http
        .post(format!("{}{path}", app.base))
        .header("x-api-key", &app.key_a)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

/// A second gateway on the test's database (a "restarted" process) and its shutdown trigger.
async fn second_gateway(
    app: &TestApp,
    limits: LimitSettings,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let fansly = FanslyClient::new(FanslyConfig {
        api_base: url::Url::parse(&app.sim_url).unwrap(),
        media_base: url::Url::parse(&app.sim_url).unwrap(),
        ..FanslyConfig::default()
    })
    .unwrap();
    let settings = Settings {
        key_refresh: Duration::from_millis(50),
        limits,
        ..Settings::default()
    };
    let state = AppState::new(
        Arc::clone(&app.store),
        fansly,
        Arc::new(app.clock.clone()),
        settings,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/fansly", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(app::serve(listener, state, async move {
        let _ = rx.await;
    }));
    (base, tx, task)
}

#[tokio::test]
async fn usage_survives_a_restart_through_background_and_shutdown_flushes() {
    let metered = plan("metered", None, Some(100));
    let app = TestApp::spawn_with(with_default(metered.clone(), true)).await;
    for _ in 0..4 {
        let (s, _, _) = raw(&app, Method::GET, "/accounts", Some(&app.key_a)).await;
        assert_eq!(s, StatusCode::OK);
    }
    // The background flush (every 50 ms here) stores them without any shutdown.
    let a = TenantId(key_id(&app, 0).await);
    eventually(WAIT, || async {
        let rows = app.store.key_usage("2026-09").await.unwrap();
        rows.iter()
            .any(|r| r.tenant == a && r.requests == 4 && r.credits == 4)
    })
    .await;

    // A second process on the same database starts from the stored month. Its own flush
    // interval is an hour: only the shutdown flush can store what it counts.
    let limits = LimitSettings {
        plans: PlanCatalog::default().with(metered.clone()),
        default_plan: Arc::new(metered),
        credits: true,
        flush_every: Duration::from_secs(3_600),
    };
    let (base2, stop, task) = second_gateway(&app, limits.clone()).await;
    let u = app
        .send(
            Method::GET,
            &format!("{base2}/usage"),
            Some(&app.key_a),
            None,
        )
        .await
        .1;
    assert_eq!(u["data"]["requests"], 5, "4 restored + this one: {u}");
    assert_eq!(u["data"]["credits"]["used"], 4, "{u}");
    for _ in 0..2 {
        let (s, _, _) = app
            .send(
                Method::GET,
                &format!("{base2}/accounts"),
                Some(&app.key_a),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
    }
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
    let rows = app.store.key_usage("2026-09").await.unwrap();
    let row = rows.iter().find(|r| r.tenant == a).unwrap();
    assert_eq!((row.requests, row.credits), (4 + 3, 4 + 2), "{row:?}");

    // And a third start sees all of it.
    let (base3, stop, task) = second_gateway(&app, limits).await;
    let u = app
        .send(
            Method::GET,
            &format!("{base3}/usage"),
            Some(&app.key_a),
            None,
        )
        .await
        .1;
    assert_eq!(u["data"]["requests"], 8, "{u}");
    assert_eq!(u["data"]["credits"]["used"], 6, "{u}");
    assert_eq!(u["data"]["credits"]["remaining"], 94);
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
}

/// The real binary: plans and metering from `FANSLY_GATEWAY_*`, and SIGTERM flushes usage.
#[tokio::test]
async fn the_binary_takes_limits_from_the_environment_and_flushes_at_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let env = [
        ("FANSLY_GATEWAY_PLANS", "tiny:2:3"),
        ("FANSLY_GATEWAY_CREDITS", "on"),
        ("FANSLY_GATEWAY_USAGE_FLUSH_SECS", "3600"),
    ];
    let out = Command::new(BIN)
        .args(["keys", "create", "--name", "env", "--plan", "tiny"])
        .current_dir(d)
        .env_remove("FANSLY_GATEWAY_MASTER_KEY")
        .envs(env)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let key = stdout.lines().last().unwrap().trim().to_owned();

    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            "http://127.0.0.1:9",
        ])
        .current_dir(d)
        .env_remove("FANSLY_GATEWAY_MASTER_KEY")
        .envs(env)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let stderr = child.stderr.take().unwrap();
    let listen = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stderr).lines().map_while(Result::ok);
        let found = lines.by_ref().find_map(|l| {
            let at = l.find("listen=")?;
            Some(l[at + 7..].split_whitespace().next()?.to_owned())
        });
        std::thread::spawn(move || lines.for_each(drop));
        found.expect("listen= in the log")
    })
    .await
    .unwrap();
    let base = format!("http://{listen}/api/fansly");
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let get = |path: &str| {
        http.get(format!("{base}{path}"))
            .header("x-api-key", &key)
            .send()
    };
    let res = get("/accounts").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(h(res.headers(), "x-ratelimit-plan"), "tiny");
    assert_eq!(h(res.headers(), "x-ratelimit-limit"), "2");
    assert_eq!(h(res.headers(), "x-ratelimit-remaining"), "1");
    let res = get("/usage").await.unwrap();
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["data"]["credits"]["allowance"], 3, "{v}");
    assert_eq!(v["data"]["credits"]["metered"], true);
    let res = get("/accounts").await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_some());

    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "{status}");

    let store = gateway_store::open(
        &format!("sqlite://{}", d.join("data/fansly-gateway.db").display()),
        gateway_store::Keyring::from_key([0; 32]),
    )
    .await
    .unwrap();
    use fansly_gateway::clock::Clock as _;
    let period =
        fansly_gateway::limits::credits::Period::at(fansly_gateway::clock::SystemClock.now_ms());
    let rows = store.key_usage(&period.key()).await.unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].requests, rows[0].credits), (2, 1), "{rows:?}");
}
