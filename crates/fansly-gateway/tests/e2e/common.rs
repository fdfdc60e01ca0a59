//! The test harness: `TestApp::spawn()` starts a simulator and a gateway (manual clocks that
//! move together), creates two API keys, and offers small HTTP helpers.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use fansly_client::{FanslyClient, FanslyConfig};
use fansly_gateway::app;
use fansly_gateway::clock::ManualClock;
use fansly_gateway::state::{AppState, Settings};
use fansly_sim::{
    ClockMode, CreatorInfo, NewCreator, OutboxEntry, SimConfig, Simulator, TwofaMode,
};
use gateway_store::{Keyring, Store, api_key_prefix, generate_api_key, hash_api_key};
use reqwest::StatusCode;
use secrecy::ExposeSecret;
use serde_json::Value;
use tempfile::TempDir;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    /// `http://127.0.0.1:PORT/api/fansly`
    pub base: String,
    pub root: String,
    pub sim: Simulator,
    pub sim_url: String,
    pub http: reqwest::Client,
    pub key_a: String,
    pub key_b: String,
    pub store: Arc<dyn Store>,
    pub clock: ManualClock,
    pub db_path: PathBuf,
    _dir: TempDir,
}

pub struct Options {
    pub sim: SimConfig,
    pub settings: Settings,
    /// Run event ingestion: one event WebSocket per connected account, against the
    /// simulator's `ws://…/?v=3` (off by default: a live creator socket changes `deliveredAt`).
    pub events: bool,
    /// A PostgreSQL URL (a `TestSchema`'s) to serve from instead of a fresh SQLite file.
    pub database: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            sim: SimConfig {
                clock: ClockMode::Manual {
                    start_ms: 1_790_000_000_000,
                },
                device_id_limit_per_minute: 50,
                ..SimConfig::default()
            },
            settings: Settings {
                key_refresh: Duration::from_millis(50),
                upload_poll_interval: Duration::from_millis(10),
                upstream: test_upstream_care(),
                ..Settings::default()
            },
            events: false,
            database: None,
        }
    }
}

/// Upstream care for the suite: pacing far above what tests send (they walk thousands of
/// pages), no 429 retries or holds and no cache (tests assert 429s and read right after
/// changing the simulator); coalescing stays on. `upstream_care.rs` tests the real settings.
pub fn test_upstream_care() -> fansly_gateway::upstream_care::UpstreamCare {
    fansly_gateway::upstream_care::UpstreamCare {
        care: fansly_client::CareConfig {
            rate_per_sec: 100_000,
            burst: 100_000,
            read_retry_deadline: Duration::ZERO,
            cache_ttl: Duration::ZERO,
            hold_on_429: false,
            ..fansly_client::CareConfig::default()
        },
        proxy_pool: fansly_client::ProxyPool::default(),
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Options::default()).await
    }

    pub async fn spawn_with(opts: Options) -> Self {
        let sim = Simulator::new(opts.sim);
        let (sim_addr, _sim_task) = sim.clone().spawn_local().await.expect("simulator");
        let sim_url = format!("http://{sim_addr}");
        sim.set_cdn_base(&Simulator::cdn_base_for(sim_addr));

        let dir = tempfile::tempdir().expect("tempdir");
        let db_path = dir.path().join("gateway.db");
        let keyring = Keyring::from_key(rand_key());
        let url = opts
            .database
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", db_path.display()));
        let store = gateway_store::open(&url, keyring).await.expect("store");
        store.migrate().await.expect("migrate");
        let key_a = create_key(&*store, "tenant-a").await;
        let key_b = create_key(&*store, "tenant-b").await;

        let fansly = FanslyClient::new(FanslyConfig {
            api_base: url::Url::parse(&sim_url).unwrap(),
            media_base: url::Url::parse(&sim_url).unwrap(),
            request_timeout: Duration::from_secs(5),
            ..FanslyConfig::default()
        })
        .expect("client");
        let clock = ManualClock::new(sim.now_ms());
        let mut settings = opts.settings;
        // The simulator serves the CDN too: its origin joins the allowlist (the check stays strict).
        settings.cdn_hosts = settings.cdn_hosts.with(&sim_url).expect("simulator origin");
        settings.upload_dir = dir.path().join("uploads");
        if opts.events {
            settings.events_upstream =
                Some(url::Url::parse(&format!("ws://{sim_addr}/?v=3")).unwrap());
        }
        let state = AppState::new(
            Arc::clone(&store),
            fansly,
            Arc::new(clock.clone()),
            settings,
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(app::serve(listener, state, std::future::pending()));

        Self {
            base: format!("http://{addr}/api/fansly"),
            root: format!("http://{addr}"),
            sim,
            sim_url,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
            key_a,
            key_b,
            store,
            clock,
            db_path,
            _dir: dir,
        }
    }

    pub fn creator(&self, username: &str, twofa: TwofaMode) -> CreatorInfo {
        self.sim
            .create_creator(NewCreator {
                username: username.to_owned(),
                email: format!("{username}@example.test"),
                password: PASSWORD.to_owned(),
                twofa,
                totp_secret: None,
                display_name: None,
            })
            .expect("creator")
    }

    /// Moves the simulator's and the gateway's clocks together.
    pub fn advance(&self, ms: i64) {
        self.sim.advance_clock(ms);
        self.clock.advance(ms);
    }

    /// The newest simulated e-mail to `email`.
    pub fn last_mail(&self, email: &str) -> OutboxEntry {
        self.sim
            .outbox()
            .into_iter()
            .rev()
            .find(|m| m.email == email)
            .expect("an e-mail was sent")
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        let mut req = self.http.request(method, url);
        if let Some(k) = key {
            req = req.header("x-api-key", k);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let json: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("non-JSON body ({e}): {text}"));
        assert_envelope(status, &json);
        (status, json, headers)
    }

    pub async fn get(&self, path: &str, key: &str) -> (StatusCode, Value) {
        let (s, v, _) = self.send(reqwest::Method::GET, path, Some(key), None).await;
        (s, v)
    }

    pub async fn post(&self, path: &str, key: &str, body: Value) -> (StatusCode, Value) {
        let (s, v, _) = self
            .send(reqwest::Method::POST, path, Some(key), Some(body))
            .await;
        (s, v)
    }

    pub async fn delete(&self, path: &str, key: &str) -> (StatusCode, Value) {
        let (s, v, _) = self
            .send(reqwest::Method::DELETE, path, Some(key), None)
            .await;
        (s, v)
    }

    /// Connects a creator that needs no 2FA and returns the gateway account id.
    pub async fn connect(&self, key: &str, username: &str) -> String {
        let (status, body) = self
            .post("/connect", key, connect_body(username, PASSWORD))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["data"]["account_id"]
            .as_str()
            .expect("account_id")
            .to_owned()
    }

    /// Native requests the simulator received for `path`.
    pub async fn sim_requests(&self, path: &str) -> Vec<Value> {
        let all: Vec<Value> = self
            .http
            .get(format!("{}/_sim/requests", self.sim_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        all.into_iter().filter(|r| r["path"] == path).collect()
    }

    pub async fn sim_fault(&self, path: &str, status: u16, count: u32, retry_after: Option<u64>) {
        let res = self
            .http
            .post(format!("{}/_sim/faults", self.sim_url))
            .json(&serde_json::json!({"path": path, "status": status, "count": count, "retryAfter": retry_after}))
            .send()
            .await
            .unwrap();
        assert!(
            res.status().is_success(),
            "fault not accepted: {}",
            res.status()
        );
    }
}

pub fn connect_body(username: &str, password: &str) -> Value {
    serde_json::json!({"username": username, "password": password, "name": "My Model", "countryCode": "US"})
}

/// Every response is the envelope, with `statusCode` equal to the HTTP status.
pub fn assert_envelope(status: StatusCode, v: &Value) {
    assert_eq!(
        v["statusCode"],
        status.as_u16(),
        "statusCode vs HTTP status: {v}"
    );
    assert!(v["message"].is_string(), "message: {v}");
    assert!(v.get("data").is_some(), "data: {v}");
    let ts = v["timestamp"].as_str().expect("timestamp");
    assert_eq!(ts.len(), 24, "ISO-8601 with ms: {ts}");
    assert!(ts.ends_with('Z') && ts.as_bytes()[19] == b'.', "{ts}");
    if !status.is_success() {
        assert_eq!(v["data"], Value::Null, "{v}");
        assert_eq!(v["error"], status.canonical_reason().unwrap(), "{v}");
    }
}

pub async fn create_key(store: &dyn Store, name: &str) -> String {
    let key = generate_api_key();
    store
        .create_api_key(
            name,
            &api_key_prefix(key.expose_secret()),
            &hash_api_key(key.expose_secret()),
        )
        .await
        .expect("api key");
    key.expose_secret().to_owned()
}

pub fn rand_key() -> [u8; 32] {
    use rand::RngCore;
    let mut k = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut k);
    k
}

/// Polls `f` until it returns true, failing after `deadline`.
pub async fn eventually<F, Fut>(deadline: Duration, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = std::time::Instant::now();
    while !f().await {
        assert!(
            start.elapsed() < deadline,
            "condition not met within {deadline:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
