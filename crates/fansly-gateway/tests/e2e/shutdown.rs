//! Graceful shutdown: requests and webhook attempts in flight finish, new connections are
//! refused, and `serve` returns by the configured deadline. Also the harness the TLS tests
//! share: a gateway whose shutdown the test triggers, with a delaying TCP relay between it
//! and the simulator to make upstream calls slow on demand.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fansly_client::{FanslyClient, FanslyConfig};
use fansly_gateway::app;
use fansly_gateway::clock::ManualClock;
use fansly_gateway::state::{AppState, Settings};
use fansly_sim::{NewCreator, Simulator, TwofaMode};
use gateway_store::{DeliveryStatus, Keyring, Store};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use crate::common::{self, Options, PASSWORD};

/// A TCP relay to the simulator that holds each chunk of the simulator's answers for
/// `delay_ms` before passing it on (0 = pass at once).
pub struct SlowRelay {
    pub addr: SocketAddr,
    pub delay_ms: Arc<AtomicU64>,
    /// Answer chunks the relay is holding back right now (the upstream has answered; the
    /// gateway has not got it yet).
    pub held: Arc<AtomicUsize>,
}

impl SlowRelay {
    pub async fn start(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let delay_ms = Arc::new(AtomicU64::new(0));
        let held = Arc::new(AtomicUsize::new(0));
        let delay = Arc::clone(&delay_ms);
        let holding = Arc::clone(&held);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let delay = Arc::clone(&delay);
                let holding = Arc::clone(&holding);
                tokio::spawn(async move {
                    let Ok(upstream) = TcpStream::connect(target).await else {
                        return;
                    };
                    let (mut cr, mut cw) = client.into_split();
                    let (mut ur, mut uw) = upstream.into_split();
                    tokio::spawn(async move {
                        let _ = tokio::io::copy(&mut cr, &mut uw).await;
                        let _ = uw.shutdown().await;
                    });
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        let n = match ur.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        let ms = delay.load(Ordering::SeqCst);
                        if ms > 0 {
                            holding.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(ms)).await;
                            holding.fetch_sub(1, Ordering::SeqCst);
                        }
                        if cw.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        Self {
            addr,
            delay_ms,
            held,
        }
    }

    /// Waits until an upstream answer is being held back: a request is in flight.
    pub async fn wait_held(&self) {
        let t0 = Instant::now();
        while self.held.load(Ordering::SeqCst) == 0 {
            assert!(
                t0.elapsed() < Duration::from_secs(10),
                "no request reached the upstream"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    pub fn set_delay(&self, d: Duration) {
        self.delay_ms
            .store(u64::try_from(d.as_millis()).unwrap(), Ordering::SeqCst);
    }
}

/// A gateway served by `app::serve` with a shutdown the test controls.
pub struct Served {
    /// `http(s)://127.0.0.1:PORT/api/fansly`
    pub base: String,
    pub addr: SocketAddr,
    pub key: String,
    pub sim: Simulator,
    pub relay: SlowRelay,
    pub store: Arc<dyn Store>,
    /// The served process's spool directory (`uploads::spool_dir`; not created by itself).
    pub spool_dir: std::path::PathBuf,
    stop: Option<oneshot::Sender<()>>,
    pub task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: TempDir,
}

impl Served {
    pub async fn start(settings: Settings) -> Self {
        let sim = Simulator::new(Options::default().sim);
        let (sim_addr, _sim_task) = sim.clone().spawn_local().await.expect("simulator");
        let relay = SlowRelay::start(sim_addr).await;
        let upstream = url::Url::parse(&format!("http://{}", relay.addr)).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("gateway.db");
        let store = gateway_store::open(
            &format!("sqlite://{}", db.display()),
            Keyring::from_key(common::rand_key()),
        )
        .await
        .unwrap();
        store.migrate().await.unwrap();
        let key = common::create_key(&*store, "tenant").await;
        let fansly = FanslyClient::new(FanslyConfig {
            api_base: upstream.clone(),
            media_base: upstream,
            request_timeout: Duration::from_secs(20),
            ..FanslyConfig::default()
        })
        .unwrap();
        let clock = ManualClock::new(sim.now_ms());
        let scheme = if settings.tls.is_some() {
            "https"
        } else {
            "http"
        };
        let mut settings = Settings {
            key_refresh: Duration::from_millis(50),
            upload_dir: dir.path().join("uploads"),
            ..settings
        };
        // Every call reaches the (slow) upstream: no short cache, no pacing.
        settings.upstream.care = fansly_client::CareConfig::off();
        let state = AppState::new(Arc::clone(&store), fansly, Arc::new(clock), settings);
        let spool_dir = fansly_gateway::uploads::spool_dir(&state);
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(app::serve(listener, state, async move {
            let _ = stopped.await;
        }));
        Self {
            base: format!("{scheme}://127.0.0.1:{}/api/fansly", addr.port()),
            addr,
            key,
            sim,
            relay,
            store,
            spool_dir,
            stop: Some(stop),
            task: Some(task),
            _dir: dir,
        }
    }

    pub fn creator(&self, username: &str) {
        self.sim
            .create_creator(NewCreator {
                username: username.to_owned(),
                email: format!("{username}@example.test"),
                password: PASSWORD.to_owned(),
                twofa: TwofaMode::None,
                totp_secret: None,
                display_name: None,
            })
            .expect("creator");
    }

    /// Connects the creator through `POST /connect`; the gateway account id.
    pub async fn connect(&self, http: &reqwest::Client, username: &str) -> String {
        let res = http
            .post(format!("{}/connect", self.base))
            .header("x-api-key", &self.key)
            .json(&common::connect_body(username, PASSWORD))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let v: Value = res.json().await.unwrap();
        v["data"]["account_id"].as_str().unwrap().to_owned()
    }

    /// Sends the shutdown signal.
    pub fn signal(&mut self) {
        let _ = self.stop.take().expect("signalled once").send(());
    }

    /// Waits for `serve` to return; how long that took.
    pub async fn finished(&mut self, within: Duration) -> Duration {
        let t0 = Instant::now();
        let r = tokio::time::timeout(within, self.task.take().expect("serving"))
            .await
            .expect("serve returns in time")
            .expect("serve task");
        r.expect("serve returns Ok");
        t0.elapsed()
    }
}

fn plain_client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// Waits until a new TCP connection to `addr` is refused.
async fn refused_within(addr: SocketAddr, deadline: Duration) {
    let t0 = Instant::now();
    loop {
        if TcpStream::connect(addr).await.is_err() {
            return;
        }
        assert!(t0.elapsed() < deadline, "new connections still accepted");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_slow_request_in_flight_completes_and_new_connections_are_refused() {
    let mut g = Served::start(Settings::default()).await;
    let http = plain_client();
    g.creator("mia");
    let account = g.connect(&http, "mia").await;

    g.relay.set_delay(Duration::from_millis(1500));
    let url = format!("{}/{account}/me", g.base);
    let key = g.key.clone();
    let in_flight = tokio::spawn(async move {
        let res = http.get(url).header("x-api-key", key).send().await.unwrap();
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        (status, body, Instant::now())
    });
    // The request is with the (slow) upstream now.
    g.relay.wait_held().await;
    if in_flight.is_finished() {
        panic!("finished early: {:?}", in_flight.await.unwrap());
    }

    let signalled = Instant::now();
    g.signal();
    refused_within(g.addr, Duration::from_secs(1)).await;
    let refused_at = Instant::now();
    assert!(
        !in_flight.is_finished(),
        "the listener closes before the request in flight finishes"
    );
    // A new client (no pooled connection) cannot get in.
    let fresh = plain_client()
        .get(format!("{}/accounts", g.base))
        .header("x-api-key", &g.key)
        .send()
        .await;
    assert!(fresh.is_err(), "a new connection was served: {fresh:?}");

    let (status, body, done_at) = in_flight.await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["data"]["data"]["response"]["account"]["username"], "mia",
        "{body}"
    );
    assert!(done_at > refused_at);
    let took = g.finished(Duration::from_secs(10)).await;
    assert!(
        signalled.elapsed() >= Duration::from_millis(1000),
        "serve waited for the request: {took:?}"
    );
}

#[tokio::test]
async fn requests_still_running_at_the_deadline_are_cut_off() {
    let mut g = Served::start(Settings {
        shutdown_grace: Duration::from_millis(400),
        ..Settings::default()
    })
    .await;
    let http = plain_client();
    g.creator("mia");
    let account = g.connect(&http, "mia").await;
    g.relay.set_delay(Duration::from_secs(8));
    let url = format!("{}/{account}/me", g.base);
    let key = g.key.clone();
    let _in_flight =
        tokio::spawn(async move { http.get(url).header("x-api-key", key).send().await });
    g.relay.wait_held().await;
    g.signal();
    let took = g.finished(Duration::from_secs(5)).await;
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(3),
        "serve returned after {took:?}, expected about the 400 ms grace"
    );
}

/// A webhook receiver that counts requests on arrival and answers 200 after `delay`.
struct SlowReceiver {
    url: String,
    arrived: Arc<AtomicUsize>,
    answered: Arc<AtomicUsize>,
}

async fn slow_receiver(delay: Duration) -> SlowReceiver {
    let arrived = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(AtomicUsize::new(0));
    let (a, b) = (Arc::clone(&arrived), Arc::clone(&answered));
    let router = axum::Router::new().fallback(move || {
        let (a, b) = (Arc::clone(&a), Arc::clone(&b));
        async move {
            a.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(delay).await;
            b.fetch_add(1, Ordering::SeqCst);
            "ok"
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    SlowReceiver {
        url,
        arrived,
        answered,
    }
}

#[tokio::test]
async fn a_webhook_attempt_in_flight_finishes_and_no_new_one_starts() {
    let mut g = Served::start(Settings {
        webhooks_allow_private_targets: true,
        ..Settings::default()
    })
    .await;
    let http = plain_client();
    let rx = slow_receiver(Duration::from_millis(1200)).await;
    let res = http
        .post(format!("{}/webhooks", g.base))
        .header("x-api-key", &g.key)
        .json(&json!({"url": rx.url, "events": ["accounts.connected"]}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let endpoint: Value = res.json().await.unwrap();
    let endpoint = endpoint["data"]["id"].as_str().unwrap().to_owned();

    // Two events for one endpoint: its deliveries go one at a time.
    g.creator("mia");
    g.creator("zoe");
    g.connect(&http, "mia").await;
    g.connect(&http, "zoe").await;
    let t0 = Instant::now();
    while rx.arrived.load(Ordering::SeqCst) == 0 {
        assert!(t0.elapsed() < Duration::from_secs(5), "no delivery attempt");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    g.signal();
    g.finished(Duration::from_secs(10)).await;
    assert_eq!(
        rx.answered.load(Ordering::SeqCst),
        1,
        "serve returned before the attempt in flight was answered"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        rx.arrived.load(Ordering::SeqCst),
        1,
        "no attempt starts after the signal"
    );

    let tenant = g.store.list_api_keys().await.unwrap()[0].id;
    let deliveries = g
        .store
        .webhook_deliveries(gateway_store::TenantId(tenant), &endpoint, None, 10)
        .await
        .unwrap();
    let mut statuses: Vec<_> = deliveries.iter().map(|d| (d.status, d.attempts)).collect();
    statuses.sort_by_key(|(_, a)| std::cmp::Reverse(*a));
    assert_eq!(
        statuses,
        vec![(DeliveryStatus::Delivered, 1), (DeliveryStatus::Pending, 0)],
        "the attempt in flight was recorded; the next delivery stays pending for the next start"
    );
}

/// The real binary: SIGTERM → listener closed, clean exit 0.
#[cfg(unix)]
#[tokio::test]
async fn the_spool_directory_goes_at_shutdown_when_empty() {
    let mut g = Served::start(Settings::default()).await;
    std::fs::create_dir_all(&g.spool_dir).unwrap();
    g.signal();
    g.finished(Duration::from_secs(10)).await;
    assert!(!g.spool_dir.exists());

    // One with an upload still in it stays (the next sweep takes it).
    let mut g = Served::start(Settings::default()).await;
    std::fs::create_dir_all(&g.spool_dir).unwrap();
    std::fs::write(
        g.spool_dir.join("upl_aaaaaaaaaaaaaaaaaaaaaaaa.upload"),
        b"x",
    )
    .unwrap();
    g.signal();
    g.finished(Duration::from_secs(10)).await;
    assert!(
        g.spool_dir
            .join("upl_aaaaaaaaaaaaaaaaaaaaaaaa.upload")
            .is_file()
    );
}

#[tokio::test]
async fn sigterm_stops_the_binary_with_exit_status_0() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("g.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_fansly-gateway"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database", &db])
        .args([
            "--upstream",
            "http://127.0.0.1:9",
            "--media-upstream",
            "http://127.0.0.1:9",
        ])
        .args(["--events-upstream", "ws://127.0.0.1:9/?v=3"])
        .args(["--upload-dir", &dir.path().join("u").to_string_lossy()])
        .env("FANSLY_GATEWAY_MASTER_KEY", "11".repeat(32))
        .env("FANSLY_GATEWAY_LOG", "info")
        .env("FANSLY_GATEWAY_LOG_FORMAT", "text")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let addr: SocketAddr = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stderr).lines().map_while(Result::ok);
        let addr = lines.by_ref().find_map(|l| {
            let at = l.find("listen=")?;
            l[at + 7..].split_whitespace().next()?.parse().ok()
        });
        std::thread::spawn(move || lines.for_each(drop));
        addr.expect("listen address in the log")
    })
    .await
    .unwrap();
    assert!(TcpStream::connect(addr).await.is_ok());

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the gateway did not stop within 10 s of SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert!(status.success(), "{status}");
    assert!(TcpStream::connect(addr).await.is_err());
}
