//! Observability (issue 6): the request log behind `GET /logs` (what it records, filters,
//! paging, per-key isolation, retention, a burst written whole, no secrets; the writer over
//! time is in `request_log_writer`), `/metrics`, and the `/healthz` / `/readyz` probes.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fansly_gateway::app;
use fansly_gateway::clock::{Clock as _, ManualClock};
use fansly_gateway::state::{AppState, Settings};
use fansly_sim::TwofaMode;
use gateway_store::{Keyring, SqliteStore, Store};
use reqwest::StatusCode;
use serde_json::Value;

use crate::api_keys::contains;
use crate::common::{Options, PASSWORD, TestApp, connect_body, eventually};

const WAIT: Duration = Duration::from_secs(10);

/// The key's log entries (first page of up to 500), newest first.
async fn logs(app: &TestApp, key: &str, query: &str) -> Vec<Value> {
    let (status, body) = app.get(&format!("/logs?limit=500&{query}"), key).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["data"]["logs"].as_array().unwrap().clone()
}

/// Waits until the entry of the request `request_id` is in the key's log, and returns it.
async fn logged(app: &TestApp, key: &str, request_id: &str) -> Value {
    let found = Arc::new(Mutex::new(None));
    eventually(WAIT, || {
        let found = Arc::clone(&found);
        async move {
            let hit = logs(app, key, "")
                .await
                .into_iter()
                .find(|e| e["requestId"] == request_id);
            let done = hit.is_some();
            *found.lock().unwrap() = hit;
            done
        }
    })
    .await;
    found.lock().unwrap().take().unwrap()
}

/// Sends a request and returns its status and request id.
async fn call(app: &TestApp, method: reqwest::Method, path: &str, key: &str) -> (u16, String) {
    let (status, _, headers) = app.send(method, path, Some(key), None).await;
    let id = headers["x-request-id"].to_str().unwrap().to_owned();
    (status.as_u16(), id)
}

#[tokio::test]
async fn proxied_and_local_calls_are_logged_for_their_key_only() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let acc = app.connect(&app.key_a, "mia").await;

    let (status, _, headers) = app
        .send(
            reqwest::Method::GET,
            &format!("/{acc}/chats"),
            Some(&app.key_a),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let chats_id = headers["x-request-id"].to_str().unwrap().to_owned();
    // The proxied answer (the native text sent between the envelope's head and tail)
    // declares its length, and the log counts the same bytes.
    let sent: i64 = headers["content-length"].to_str().unwrap().parse().unwrap();
    let (status, local_id) = call(&app, reqwest::Method::GET, "/accounts", &app.key_a).await;
    assert_eq!(status, 200);

    let chats = logged(&app, &app.key_a, &chats_id).await;
    assert_eq!(chats["route"], "/api/fansly/{account_id}/chats", "{chats}");
    assert_eq!(chats["accountId"], acc.as_str());
    assert_eq!(chats["method"], "GET");
    assert_eq!(chats["status"], 200);
    assert!(chats["upstreamCalls"].as_u64().unwrap() >= 1, "{chats}");
    assert!(chats["latencyMs"].as_f64().unwrap() > 0.0, "{chats}");
    assert!(sent > 0);
    assert_eq!(chats["bytesOut"].as_i64(), Some(sent), "{chats}");
    assert_eq!(chats["timestampMs"], app.clock.now_ms());
    assert!(chats["timestamp"].as_str().unwrap().ends_with('Z'));

    let local = logged(&app, &app.key_a, &local_id).await;
    assert_eq!(local["route"], "/api/fansly/accounts", "{local}");
    assert_eq!(local["upstreamCalls"], 0, "{local}");
    assert_eq!(local["accountId"], Value::Null);

    let connect = logs(&app, &app.key_a, "route=/connect").await;
    assert_eq!(connect.len(), 1, "{connect:?}");
    assert!(connect[0]["upstreamCalls"].as_u64().unwrap() >= 1);
    assert!(connect[0]["bytesIn"].as_i64().unwrap() > 0);

    // Key b sees none of it: only its own /logs calls.
    let (_, b_id) = call(&app, reqwest::Method::GET, "/accounts", &app.key_b).await;
    logged(&app, &app.key_b, &b_id).await;
    let theirs = logs(&app, &app.key_b, "").await;
    assert!(!theirs.is_empty());
    for e in &theirs {
        assert_ne!(e["requestId"], chats_id.as_str());
        assert_ne!(e["requestId"], local_id.as_str());
        assert!(
            e["route"] == "/api/fansly/logs" || e["requestId"] == b_id.as_str(),
            "{e}"
        );
    }
    let foreign = logs(&app, &app.key_b, &format!("accountId={acc}")).await;
    assert!(foreign.is_empty(), "{foreign:?}");

    // Without a key there is no log to read.
    let (status, _, _) = app.send(reqwest::Method::GET, "/logs", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn filters_and_paging_visit_every_entry_once() {
    let app = TestApp::spawn().await;
    let key = &app.key_a;
    let mut accounts_ids = HashSet::new();
    for _ in 0..7 {
        let (s, id) = call(&app, reqwest::Method::GET, "/accounts", key).await;
        assert_eq!(s, 200);
        accounts_ids.insert(id);
    }
    app.advance(60_000);
    let later = app.clock.now_ms();
    let mut missing_ids = HashSet::new();
    for _ in 0..3 {
        let (s, id) = call(&app, reqwest::Method::GET, "/no-such-route", key).await;
        assert_eq!(s, 404);
        missing_ids.insert(id);
    }
    let (s, post_id) = call(&app, reqwest::Method::POST, "/accounts", key).await;
    assert_eq!(s, 405);
    eventually(WAIT, || async {
        logs(&app, key, "route=/api/fansly/accounts").await.len() == 8
            && logs(&app, key, "status=404").await.len() == 3
    })
    .await;

    // Walk the 8 /accounts entries (7 GET + 1 POST) three at a time.
    let mut seen = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    loop {
        let (status, body) = app
            .get(
                &format!("/logs?route=/accounts&limit=3&cursor={cursor}"),
                key,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        pages += 1;
        let page = body["data"]["logs"].as_array().unwrap();
        assert_eq!(body["data"]["count"], page.len());
        seen.extend(
            page.iter()
                .map(|e| e["requestId"].as_str().unwrap().to_owned()),
        );
        match &body["data"]["nextCursor"] {
            Value::Null => break,
            Value::String(c) => {
                assert_eq!(page.len(), 3);
                cursor = c.clone();
            }
            other => panic!("nextCursor {other}"),
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 8);
    assert_eq!(seen[0], post_id, "newest first");
    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), 8, "each entry once");
    assert!(accounts_ids.is_subset(&unique));

    let by_method = logs(&app, key, "method=get&route=/api/fansly/accounts").await;
    assert_eq!(by_method.len(), 7);
    let not_found = logs(&app, key, "status=404").await;
    let ids: HashSet<_> = not_found
        .iter()
        .map(|e| e["requestId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, missing_ids);
    assert!(not_found.iter().all(|e| e["route"] == "(unmatched)"));
    let client_errors = logs(&app, key, "status=4xx").await;
    assert_eq!(client_errors.len(), 4, "3 × 404 and one 405");
    assert!(logs(&app, key, "status=5xx").await.is_empty());
    let since = logs(
        &app,
        key,
        &format!("since={later}&route=/api/fansly/accounts"),
    )
    .await;
    assert_eq!(since.len(), 1, "only the POST came after");
    let iso = fansly_gateway::http::envelope::timestamp_ms(later - 1);
    let until = logs(
        &app,
        key,
        &format!("until={iso}&route=/api/fansly/accounts"),
    )
    .await;
    assert_eq!(until.len(), 7);

    for (query, field) in [
        ("status=abc", "status"),
        ("status=6xx", "status"),
        ("method=FETCH", "method"),
        ("route=accounts", "route"),
        ("since=yesterday", "since"),
        ("until=2026-13-01", "until"),
        ("limit=-501", "limit"),
        ("limit=0", "limit"),
        ("cursor=abc", "cursor"),
        ("since=2000&until=1000", "since"),
    ] {
        let (status, body) = app.get(&format!("/logs?{query}"), key).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        let msg = body["message"].as_str().unwrap();
        assert!(msg.contains(field), "{query}: {msg}");
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_fansly-gateway");

/// Kills the child when the test ends, pass or fail.
struct Guard(std::process::Child);
impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn files_bytes(paths: &[std::path::PathBuf]) -> Vec<u8> {
    let mut all = Vec::new();
    for p in paths {
        all.extend(std::fs::read(p).unwrap_or_default());
    }
    all
}

/// The real binary (`serve --log-format json`, debug level) against the simulator: after a
/// connect and a call with a secret in its query string, neither its log output nor its
/// database files hold the API key, the password or the query value — while both do hold
/// the request (so the scan looks at the right bytes).
#[tokio::test]
async fn no_key_password_or_query_secret_reaches_the_log_or_the_database() {
    let sim_app = TestApp::spawn().await;
    sim_app.creator("mia", TwofaMode::None);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(BIN)
            .args(args)
            .current_dir(d)
            .env_remove("FANSLY_GATEWAY_MASTER_KEY")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["migrate"]);
    let key = run(&["keys", "create", "--name", "crm"])
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_owned();
    let log_path = d.join("gateway.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let child = std::process::Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            &sim_app.sim_url,
            "--media-upstream",
            &sim_app.sim_url,
            "--log-format",
            "json",
        ])
        .current_dir(d)
        .env_remove("FANSLY_GATEWAY_MASTER_KEY")
        .env("FANSLY_GATEWAY_LOG", "debug")
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let _server = Guard(child);
    let listen = Arc::new(Mutex::new(String::new()));
    eventually(WAIT, || {
        let listen = Arc::clone(&listen);
        let log_path = log_path.clone();
        async move {
            let text = std::fs::read_to_string(&log_path).unwrap_or_default();
            let found = text.lines().find_map(|l| {
                let v: Value = serde_json::from_str(l).ok()?;
                v["fields"]["listen"].as_str().map(str::to_owned)
            });
            let done = found.is_some();
            *listen.lock().unwrap() = found.unwrap_or_default();
            done
        }
    })
    .await;
    let base = format!("http://{}/api/fansly", listen.lock().unwrap());
    let http = reqwest::Client::builder().no_proxy().build().unwrap();

    let res = http
        .post(format!("{base}/connect"))
        .header("x-api-key", &key)
        .json(&connect_body("mia", PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    let secret_query = "s3cr3t-query-value-0123456789";
    let res = http
        .get(format!("{base}/accounts?token={secret_query}"))
        .header("x-api-key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    eventually(WAIT, || async {
        let v: Value = http
            .get(format!("{base}/logs?route=/accounts"))
            .header("x-api-key", &key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["data"]["count"] == 1
    })
    .await;

    let out = std::fs::read_to_string(&log_path).unwrap();
    let access: Vec<Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["target"] == "access")
        .collect();
    let connect = access
        .iter()
        .find(|v| v["fields"]["route"] == "/api/fansly/connect")
        .unwrap_or_else(|| panic!("no access line for /connect in {out}"));
    assert_eq!(connect["level"], "INFO");
    assert_eq!(connect["fields"]["status"], 200);
    assert!(connect["fields"]["upstream_calls"].as_u64().unwrap() >= 1);
    assert!(connect["fields"]["latency_us"].is_u64());
    assert!(
        connect["span"]["request_id"].is_string(),
        "request id from the request span: {connect}"
    );
    for (what, secret) in [
        ("API key", key.as_str()),
        ("password", PASSWORD),
        ("query value", secret_query),
    ] {
        assert!(!out.contains(secret), "{what} in the log output");
    }

    let db_path = d.join("data/fansly-gateway.db");
    let db = files_bytes(&[
        db_path.clone(),
        db_path.with_extension("db-wal"),
        db_path.with_extension("db-shm"),
    ]);
    assert!(
        contains(&db, b"/api/fansly/connect"),
        "the request log is in the scanned files"
    );
    for (what, secret) in [
        ("API key", key.as_str()),
        ("password", PASSWORD),
        ("query value", secret_query),
    ] {
        assert!(!contains(&db, secret.as_bytes()), "{what} in the database");
    }
}

#[tokio::test]
async fn entries_past_the_retention_are_pruned() {
    let mut opts = Options::default();
    opts.settings.observe.request_log_retention_days = 30;
    opts.settings.observe.request_log_prune_every = Duration::from_millis(50);
    let app = TestApp::spawn_with(opts).await;
    let (_, old) = call(&app, reqwest::Method::GET, "/accounts", &app.key_a).await;
    logged(&app, &app.key_a, &old).await;
    app.advance(29 * 86_400_000);
    let (_, recent) = call(&app, reqwest::Method::GET, "/accounts", &app.key_a).await;
    logged(&app, &app.key_a, &recent).await;
    assert!(
        logs(&app, &app.key_a, "")
            .await
            .iter()
            .any(|e| e["requestId"] == old.as_str()),
        "29 days old: kept"
    );
    app.advance(2 * 86_400_000);
    eventually(WAIT, || async {
        !logs(&app, &app.key_a, "")
            .await
            .iter()
            .any(|e| e["requestId"] == old.as_str())
    })
    .await;
    let left = logs(&app, &app.key_a, "").await;
    assert!(left.iter().any(|e| e["requestId"] == recent.as_str()));
}

/// `(name, labels, value)` of every sample; panics on a line that is not exposition format.
fn parse_exposition(text: &str) -> Vec<(String, String, f64)> {
    let mut samples = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# ") {
            assert!(
                rest.starts_with("HELP ") || rest.starts_with("TYPE "),
                "comment: {line}"
            );
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect(line);
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("value in {line}")),
        };
        let (name, labels) = match series.split_once('{') {
            Some((n, l)) => (n, l.strip_suffix('}').expect(line)),
            None => (series, ""),
        };
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':'),
            "name in {line}"
        );
        if !labels.is_empty() {
            for pair in split_labels(labels) {
                let (k, v) = pair.split_once('=').expect(line);
                assert!(k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
                assert!(
                    v.starts_with('"') && v.ends_with('"') && v.len() >= 2,
                    "{line}"
                );
            }
        }
        samples.push((name.to_owned(), labels.to_owned(), value));
    }
    samples
}

fn split_labels(labels: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut escaped) = (false, false);
    for c in labels.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

async fn scrape(app: &TestApp, auth: Option<&str>) -> (StatusCode, String) {
    let mut req = app.http.get(format!("{}/metrics", app.root));
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    if status == StatusCode::OK {
        let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
        assert_eq!(ct, "text/plain; version=0.0.4; charset=utf-8");
    }
    (status, res.text().await.unwrap())
}

fn sample(samples: &[(String, String, f64)], name: &str, labels: &str) -> f64 {
    samples
        .iter()
        .find(|(n, l, _)| n == name && l == labels)
        .map_or(0.0, |s| s.2)
}

#[tokio::test]
async fn metrics_parse_and_count_requests() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    app.connect(&app.key_a, "mia").await;
    let requests = "fansly_gateway_http_requests_total";
    let accounts = r#"route="/api/fansly/accounts",method="GET",status="200""#;

    let (status, text) = scrape(&app, None).await;
    assert_eq!(status, StatusCode::OK);
    let before = parse_exposition(&text);
    assert_eq!(sample(&before, requests, accounts), 0.0);
    let connect = r#"route="/api/fansly/connect",method="POST",status="200""#;
    assert_eq!(sample(&before, requests, connect), 1.0, "{text}");
    assert!(
        sample(
            &before,
            "fansly_gateway_upstream_requests_total",
            r#"outcome="ok""#
        ) >= 1.0
    );
    assert_eq!(sample(&before, "fansly_gateway_accounts_active", ""), 1.0);
    assert_eq!(sample(&before, "fansly_gateway_database_up", ""), 1.0);
    assert_eq!(
        sample(&before, "fansly_gateway_webhook_deliveries_pending", ""),
        0.0
    );
    assert!(text.contains("fansly_gateway_request_log_dropped_total{reason=\"queue_full\"} 0"));

    for _ in 0..2 {
        let (s, _) = app.get("/accounts", &app.key_a).await;
        assert_eq!(s, StatusCode::OK);
    }
    let (_, text) = scrape(&app, None).await;
    let after = parse_exposition(&text);
    assert_eq!(sample(&after, requests, accounts), 2.0);
    let hist = "fansly_gateway_http_request_duration_seconds_count";
    assert_eq!(sample(&after, hist, r#"route="/api/fansly/accounts""#), 2.0);
    let inf = r#"route="/api/fansly/accounts",le="+Inf""#;
    assert_eq!(
        sample(
            &after,
            "fansly_gateway_http_request_duration_seconds_bucket",
            inf
        ),
        2.0
    );
    assert_eq!(
        sample(
            &after,
            requests,
            r#"route="/metrics",method="GET",status="200""#
        ),
        1.0,
        "the first scrape is counted"
    );
}

#[tokio::test]
async fn a_metrics_token_is_required_when_set() {
    let token = "metrics-token-0123456789abcdef";
    let mut opts = Options::default();
    opts.settings.observe.metrics_token = Some(token.to_owned().into());
    let app = TestApp::spawn_with(opts).await;
    let (status, body) = scrape(&app, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let v: Value = serde_json::from_str(&body).unwrap();
    crate::common::assert_envelope(status, &v);
    assert!(!body.contains(token));
    let (status, _) = scrape(&app, Some("Bearer wrong-token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, text) = scrape(&app, Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, StatusCode::OK);
    parse_exposition(&text);
}

/// A gateway on `store` without `app::serve`'s start-up (which needs a migrated database).
async fn spawn_router(store: Arc<dyn Store>) -> String {
    let fansly = fansly_client::FanslyClient::new(fansly_client::FanslyConfig {
        api_base: url::Url::parse("http://127.0.0.1:9").unwrap(),
        media_base: url::Url::parse("http://127.0.0.1:9").unwrap(),
        ..fansly_client::FanslyConfig::default()
    })
    .unwrap();
    let state = AppState::new(
        store,
        fansly,
        Arc::new(ManualClock::new(1_790_000_000_000)),
        Settings::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app::router(state)).await });
    format!("http://{addr}")
}

async fn probe(http: &reqwest::Client, url: &str) -> (StatusCode, Value) {
    let res = http.get(url).send().await.unwrap();
    let status = res.status();
    let v: Value = res.json().await.unwrap();
    crate::common::assert_envelope(status, &v);
    (status, v)
}

#[tokio::test]
async fn readyz_is_503_when_the_database_is_behind_or_closed() {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("r.db").display());
    let sqlite = Arc::new(
        SqliteStore::connect(&url, Keyring::from_key([3; 32]))
            .await
            .unwrap(),
    );
    let root = spawn_router(sqlite.clone()).await;

    // Not migrated: behind.
    let (status, v) = probe(&http, &format!("{root}/readyz")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    let msg = v["message"].as_str().unwrap();
    assert!(
        msg.contains("lacks migrations") && msg.contains('7'),
        "{msg}"
    );
    let (status, _) = probe(&http, &format!("{root}/healthz")).await;
    assert_eq!(status, StatusCode::OK);

    sqlite.migrate().await.unwrap();
    let (status, v) = probe(&http, &format!("{root}/readyz")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["status"], "ready");

    sqlite.close().await;
    let (status, v) = probe(&http, &format!("{root}/readyz")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("database does not answer")
    );
    let (status, v) = probe(&http, &format!("{root}/healthz")).await;
    assert_eq!(status, StatusCode::OK, "alive whatever the database: {v}");
    // No key is needed, and a key changes nothing.
    let res = http
        .get(format!("{root}/healthz"))
        .header("x-api-key", "fgw_nonsense")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

/// A burst of concurrent requests: every one is written (no drop), each exactly once, and the
/// per-request latency the log recorded stays small. Prints the numbers.
#[tokio::test]
async fn a_burst_is_logged_completely() {
    const N: usize = 400;
    let app = Arc::new(TestApp::spawn().await);
    let started = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..16 {
        let app = Arc::clone(&app);
        tasks.spawn(async move {
            let mut ids = Vec::new();
            for _ in (w..N).step_by(16) {
                let (s, id) = call(&app, reqwest::Method::GET, "/accounts", &app.key_a).await;
                assert_eq!(s, 200);
                ids.push(id);
            }
            ids
        });
    }
    let mut sent = HashSet::new();
    while let Some(ids) = tasks.join_next().await {
        sent.extend(ids.unwrap());
    }
    let elapsed = started.elapsed();
    assert_eq!(sent.len(), N);

    let collected = Arc::new(Mutex::new(Vec::new()));
    eventually(WAIT, || async {
        let mut all = Vec::new();
        let mut cursor = String::new();
        loop {
            let (_, body) = app
                .get(
                    &format!("/logs?route=/accounts&limit=500&cursor={cursor}"),
                    &app.key_a,
                )
                .await;
            all.extend(body["data"]["logs"].as_array().unwrap().iter().cloned());
            match body["data"]["nextCursor"].as_str() {
                Some(c) => cursor = c.to_owned(),
                None => break,
            }
        }
        let done = all.len() >= N;
        *collected.lock().unwrap() = all;
        done
    })
    .await;
    let got: Vec<Value> = collected.lock().unwrap().clone();
    let logged: HashSet<String> = got
        .iter()
        .map(|e| e["requestId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got.len(), N, "each request once");
    assert_eq!(logged, sent);
    let (_, text) = scrape(&app, None).await;
    let samples = parse_exposition(&text);
    let dropped = "fansly_gateway_request_log_dropped_total";
    assert_eq!(sample(&samples, dropped, r#"reason="queue_full""#), 0.0);
    assert_eq!(sample(&samples, dropped, r#"reason="write_failed""#), 0.0);
    let mut lat: Vec<f64> = got
        .iter()
        .map(|e| e["latencyMs"].as_f64().unwrap())
        .collect();
    lat.sort_by(f64::total_cmp);
    eprintln!(
        "burst: {N} requests, 16 concurrent, {:.0} req/s; server latency p50 {:.3} ms, p99 {:.3} ms",
        N as f64 / elapsed.as_secs_f64(),
        lat[N / 2],
        lat[N * 99 / 100]
    );
}

/// Webhook delivery results reach `/metrics`: a 2xx is a success, a 410 a failure that also
/// disables the endpoint; nothing stays pending.
#[tokio::test]
async fn webhook_results_are_counted() {
    use crate::webhook_receiver::{Receiver, Reply};
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.settings.webhook_poll = Duration::from_millis(20);
    let app = TestApp::spawn_with(opts).await;
    let rx = Receiver::start().await;
    rx.script([Reply::status(200), Reply::status(410)]);
    let (s, v) = app
        .post(
            "/webhooks",
            &app.key_a,
            serde_json::json!({"url": rx.url("/h"), "events": ["messages.received"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let hook = v["data"]["id"].as_str().unwrap().to_owned();
    let attempts = "fansly_gateway_webhook_attempts_total";
    let disabled = "fansly_gateway_webhook_endpoints_disabled_total";
    let pending = "fansly_gateway_webhook_deliveries_pending";
    for (expect_ok, expect_failed, expect_disabled) in [(1.0, 0.0, 0.0), (1.0, 1.0, 1.0)] {
        let (s, v) = app
            .post(
                &format!("/webhooks/{hook}/test"),
                &app.key_a,
                serde_json::json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::ACCEPTED, "{v}");
        eventually(WAIT, || async {
            let samples = parse_exposition(&scrape(&app, None).await.1);
            sample(&samples, attempts, r#"result="success""#) == expect_ok
                && sample(&samples, attempts, r#"result="failure""#) == expect_failed
                && sample(&samples, disabled, "") == expect_disabled
                && sample(&samples, pending, "") == 0.0
        })
        .await;
    }
    assert_eq!(rx.count(), 2);
}
