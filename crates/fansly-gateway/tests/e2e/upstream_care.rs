//! Care for the Fansly side (issue 6): per-account pacing, 429 retries of reads, coalescing
//! of identical concurrent reads, the short cache with `fresh=true`, and per-account proxies
//! (a tiny HTTP forward proxy and a tiny SOCKS5 proxy on 127.0.0.1 count what goes through).

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fansly_client::{CareConfig, ProxyPool};
use fansly_gateway::upstream_care::UpstreamCare;
use fansly_sim::{NewTier, TwofaMode};
use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::common::{Options, PASSWORD, TestApp, test_upstream_care};

const ME: &str = "/api/v1/account/me";
const TIERS: &str = "/api/v1/subscriptions/tiers";

async fn spawn(care: CareConfig, pool: &str) -> TestApp {
    let mut opts = Options::default();
    opts.settings.upstream = UpstreamCare {
        care,
        proxy_pool: ProxyPool::parse(pool).expect("pool"),
    };
    TestApp::spawn_with(opts).await
}

/// The suite's settings (no pacing to speak of, no retries, no cache), to override.
fn base() -> CareConfig {
    test_upstream_care().care
}

fn native_calls(app: &TestApp, method: &str, path: &str) -> usize {
    app.sim
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path == path)
        .count()
}

/// The request-log entry of `request_id` (the log is written in the background).
async fn logged(app: &TestApp, request_id: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, body) = app.get("/logs?limit=500", &app.key_a).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        if let Some(hit) = body["data"]["logs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["requestId"] == request_id)
        {
            return hit.clone();
        }
        assert!(
            Instant::now() < deadline,
            "request {request_id} never logged"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn request_id(headers: &reqwest::header::HeaderMap) -> String {
    headers["x-request-id"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_burst_is_paced_and_past_the_deadline_answers_429_with_retry_after() {
    let app = spawn(
        CareConfig {
            rate_per_sec: 2,
            burst: 2,
            max_wait: Duration::from_millis(1_200),
            coalesce: false,
            ..base()
        },
        "",
    )
    .await;
    app.creator("paced", TwofaMode::None);
    let id = app.connect(&app.key_a, "paced").await;
    // Let the account's bucket refill (connect's own `account/me` took a token).
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let before = native_calls(&app, "GET", ME);

    let started = Instant::now();
    let me = format!("/{id}/me");
    let results = join_all((0..6).map(|_| async {
        let (s, b, h) = app.send(Method::GET, &me, Some(&app.key_a), None).await;
        (s, b, h, started.elapsed())
    }))
    .await;
    let ok: Vec<_> = results.iter().filter(|r| r.0 == StatusCode::OK).collect();
    let paced: Vec<_> = results
        .iter()
        .filter(|r| r.0 == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert_eq!(ok.len() + paced.len(), 6, "{results:?}");
    // 2/s with a burst of 2 and a 1.2 s deadline: two at once, then +0.5 s, +1 s; the rest
    // would wait ≥ 1.5 s and are refused.
    assert!((3..=4).contains(&ok.len()), "{} passed", ok.len());
    assert!(!paced.is_empty());
    let slowest = ok.iter().map(|r| r.3).max().unwrap();
    assert!(
        slowest >= Duration::from_millis(900),
        "{slowest:?}: not paced"
    );
    let fastest_refusal = paced.iter().map(|r| r.3).min().unwrap();
    assert!(
        fastest_refusal < Duration::from_millis(500),
        "{fastest_refusal:?}: a refusal does not wait"
    );
    for (_, body, headers, _) in &paced {
        let secs: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=3).contains(&secs), "{secs}");
        assert!(
            body["message"].as_str().unwrap().contains("paces"),
            "{body}"
        );
    }
    // Refused requests never reached Fansly.
    assert_eq!(native_calls(&app, "GET", ME) - before, ok.len());
}

#[tokio::test]
async fn reads_wait_out_a_429_and_retry_but_writes_never_do() {
    let app = spawn(
        CareConfig {
            read_retry_deadline: Duration::from_secs(3),
            retry_after_cap: Duration::from_secs(2),
            ..base()
        },
        "",
    )
    .await;
    app.creator("limited", TwofaMode::None);
    let id = app.connect(&app.key_a, "limited").await;
    let me = format!("/{id}/me");

    // A read with Retry-After 1: waited out, retried, answered 200; two real exchanges.
    let before = native_calls(&app, "GET", ME);
    app.sim_fault(ME, 429, 1, Some(1)).await;
    let started = Instant::now();
    let (s, b, h) = app.send(Method::GET, &me, Some(&app.key_a), None).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(native_calls(&app, "GET", ME) - before, 2);
    let entry = logged(&app, &request_id(&h)).await;
    assert_eq!(entry["upstreamCalls"], 2, "each retry is counted: {entry}");

    // A Retry-After beyond the cap is not waited out: the 429 reaches the client as is.
    let before = native_calls(&app, "GET", ME);
    app.sim_fault(ME, 429, 1, Some(9)).await;
    let started = Instant::now();
    let (s, b, h) = app.send(Method::GET, &me, Some(&app.key_a), None).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(h["retry-after"], "9");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(native_calls(&app, "GET", ME) - before, 1);

    // 429s for longer than the deadline: retried while it allows, then surfaced.
    let before = native_calls(&app, "GET", ME);
    app.sim_fault(ME, 429, 5, Some(1)).await;
    let (s, _, h) = app.send(Method::GET, &me, Some(&app.key_a), None).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(h["retry-after"], "1");
    let tried = native_calls(&app, "GET", ME) - before;
    assert!(
        (3..=4).contains(&tried),
        "{tried} tries within a 3 s deadline"
    );
    app.http
        .delete(format!("{}/_sim/faults", app.sim_url))
        .send()
        .await
        .unwrap();

    // A write is never retried: one native POST, the 429 and its Retry-After surface.
    let before = native_calls(&app, "POST", "/api/v1/post");
    app.sim_fault("/api/v1/post", 429, 1, Some(1)).await;
    let (s, b, h) = app
        .send(
            Method::POST,
            &format!("/{id}/posts"),
            Some(&app.key_a),
            Some(json!({"content": "not twice"})),
        )
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(h["retry-after"], "1");
    assert_eq!(native_calls(&app, "POST", "/api/v1/post") - before, 1);
}

#[tokio::test]
async fn identical_concurrent_reads_share_one_upstream_call() {
    // One call per second: the first read waits ~1 s for its slot, and the others join it.
    let app = spawn(
        CareConfig {
            rate_per_sec: 1,
            burst: 1,
            max_wait: Duration::from_secs(3),
            coalesce: true,
            ..base()
        },
        "",
    )
    .await;
    app.creator("shared", TwofaMode::None);
    let id = app.connect(&app.key_a, "shared").await;
    let before = native_calls(&app, "GET", ME);
    let coalesced_before = care_metric(&app, "coalesced").await;
    let me = format!("/{id}/me");
    let results = join_all(
        (0..5).map(|_| async { app.send(Method::GET, &me, Some(&app.key_a), None).await }),
    )
    .await;
    let first = &results[0].1["data"];
    for (s, b, _) in &results {
        assert_eq!(*s, StatusCode::OK, "{b}");
        assert_eq!(&b["data"], first, "every waiter gets the same answer");
    }
    assert_eq!(native_calls(&app, "GET", ME) - before, 1);
    let mut counted = 0;
    for (_, _, h) in &results {
        counted += logged(&app, &request_id(h)).await["upstreamCalls"]
            .as_u64()
            .unwrap();
    }
    assert_eq!(counted, 1, "only the leader counts the call");
    // `/metrics` counts the four that joined (a lower bound: other tests share the process).
    assert!(care_metric(&app, "coalesced").await >= coalesced_before + 4);

    // Different reads are not merged.
    let before = native_calls(&app, "GET", ME);
    app.creator("other", TwofaMode::None);
    let id2 = app.connect(&app.key_a, "other").await;
    let me2 = format!("/{id2}/me");
    let (a, b) = tokio::join!(
        app.send(Method::GET, &me, Some(&app.key_a), None),
        app.send(Method::GET, &me2, Some(&app.key_a), None),
    );
    assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK));
    assert_ne!(a.1["data"], b.1["data"]);
    // connect's own account/me + one per account.
    assert_eq!(native_calls(&app, "GET", ME) - before, 3);
}

/// `fansly_gateway_upstream_care_total{kind="<kind>"}` from `/metrics`.
async fn care_metric(app: &TestApp, kind: &str) -> u64 {
    let text = app
        .http
        .get(format!("{}/metrics", app.root))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let prefix = format!("fansly_gateway_upstream_care_total{{kind=\"{kind}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{prefix} in {text}"))
        .parse()
        .unwrap()
}

fn tier_count(body: &Value) -> usize {
    body["data"]["data"]["response"]
        .as_array()
        .expect("tiers")
        .len()
}

#[tokio::test]
async fn slow_reads_are_cached_per_account_until_fresh_or_a_write() {
    let app = spawn(
        CareConfig {
            cache_ttl: Duration::from_secs(60),
            ..base()
        },
        "",
    )
    .await;
    let creator = app.creator("cached", TwofaMode::None);
    let a = app.connect(&app.key_a, "cached").await;
    let tiers = format!("/{a}/subscriptions/tiers");

    let (s, first) = app.get(&tiers, &app.key_a).await;
    assert_eq!(s, StatusCode::OK, "{first}");
    let n = tier_count(&first);
    assert_eq!(native_calls(&app, "GET", TIERS), 1);
    app.sim
        .create_tier(
            &creator.id,
            NewTier {
                name: "Late".into(),
                color: None,
                price: 9_990,
                billing_cycle: Some(30),
                promo: None,
            },
        )
        .expect("tier");

    // Within the TTL: served from the cache, no call, the old answer.
    let hits_before = care_metric(&app, "cache_hit").await;
    let (_, again) = app.get(&tiers, &app.key_a).await;
    assert!(care_metric(&app, "cache_hit").await > hits_before);
    assert_eq!(tier_count(&again), n);
    assert_eq!(native_calls(&app, "GET", TIERS), 1);

    // fresh=true goes to Fansly (and refreshes the cache).
    let (s, fresh) = app.get(&format!("{tiers}?fresh=true"), &app.key_a).await;
    assert_eq!(s, StatusCode::OK, "{fresh}");
    assert_eq!(tier_count(&fresh), n + 1);
    assert_eq!(native_calls(&app, "GET", TIERS), 2);
    let (_, after) = app.get(&format!("{tiers}?fresh=false"), &app.key_a).await;
    assert_eq!(tier_count(&after), n + 1);
    assert_eq!(native_calls(&app, "GET", TIERS), 2);

    // Another tenant's connection of the same creator has its own session and cache.
    let b = app.connect(&app.key_b, "cached").await;
    let (s, _) = app
        .get(&format!("/{b}/subscriptions/tiers"), &app.key_b)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(native_calls(&app, "GET", TIERS), 3);

    // Any write through the account drops its cache.
    let (s, b_post) = app
        .post(&format!("/{a}/posts"), &app.key_a, json!({"content": "hi"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b_post}");
    let (_, _) = app.get(&tiers, &app.key_a).await;
    assert_eq!(native_calls(&app, "GET", TIERS), 4);

    // The profile is cached too; `fresh` must be a boolean.
    let before = native_calls(&app, "GET", ME);
    app.get(&format!("/{a}/me"), &app.key_a).await;
    app.get(&format!("/{a}/me"), &app.key_a).await;
    assert_eq!(native_calls(&app, "GET", ME) - before, 1);
    let (s, bad) = app.get(&format!("/{a}/me?fresh=maybe"), &app.key_a).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(bad["message"].as_str().unwrap().contains("fresh"), "{bad}");
}

// ── Proxies ─────────────────────────────────────────────────────────────────────────────

/// A tiny HTTP forward proxy: one request per connection (it adds `Connection: close`), so
/// `requests` counts the requests it forwarded.
struct HttpProxy {
    port: u16,
    requests: Arc<AtomicUsize>,
    /// `CONNECT` tunnels opened (the event WebSocket), with their `Proxy-Authorization`.
    connects: Arc<Mutex<Vec<Option<String>>>>,
}

async fn http_proxy() -> HttpProxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let connects = Arc::new(Mutex::new(Vec::new()));
    let (counter, tunnels) = (Arc::clone(&requests), Arc::clone(&connects));
    tokio::spawn(async move {
        loop {
            let Ok((client, _)) = listener.accept().await else {
                return;
            };
            let (counter, tunnels) = (Arc::clone(&counter), Arc::clone(&tunnels));
            tokio::spawn(async move {
                let _ = forward_one(client, &counter, &tunnels).await;
            });
        }
    });
    HttpProxy {
        port,
        requests,
        connects,
    }
}

async fn forward_one(
    mut client: TcpStream,
    counter: &AtomicUsize,
    tunnels: &Mutex<Vec<Option<String>>>,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte).await? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method == "CONNECT" {
        let auth = text
            .split("\r\n")
            .find_map(|l| l.strip_prefix("Proxy-Authorization: "))
            .map(str::to_owned);
        tunnels.lock().unwrap().push(auth);
        let upstream = TcpStream::connect(target).await?;
        client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await?;
        let (mut cr, mut cw) = client.into_split();
        let (mut ur, mut uw) = upstream.into_split();
        tokio::select! {
            _ = tokio::io::copy(&mut cr, &mut uw) => {}
            _ = tokio::io::copy(&mut ur, &mut cw) => {}
        }
        return Ok(());
    }
    // Absolute form: http://host:port/path?query
    let url = url::Url::parse(target).map_err(std::io::Error::other)?;
    let authority = format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(80)
    );
    let origin_form = &target[url.origin().ascii_serialization().len()..];
    let mut out = format!("{method} {origin_form} HTTP/1.1\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
        if name != "connection" && name != "proxy-connection" && name != "proxy-authorization" {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("connection: close\r\n\r\n");
    counter.fetch_add(1, Ordering::SeqCst);
    let mut upstream = TcpStream::connect(authority).await?;
    upstream.write_all(out.as_bytes()).await?;
    let (mut cr, mut cw) = client.into_split();
    let (mut ur, mut uw) = upstream.into_split();
    let up = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut cr, &mut uw).await;
    });
    tokio::io::copy(&mut ur, &mut cw).await?;
    cw.shutdown().await?;
    up.abort();
    Ok(())
}

/// A tiny SOCKS5 proxy (no-auth and user/password) that counts tunnels and records the user
/// names it was given.
struct SocksProxy {
    port: u16,
    tunnels: Arc<AtomicUsize>,
    users: Arc<Mutex<Vec<String>>>,
    /// The first line the client sent through each tunnel.
    first_lines: Arc<Mutex<Vec<String>>>,
}

async fn socks_proxy() -> SocksProxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let tunnels = Arc::new(AtomicUsize::new(0));
    let users = Arc::new(Mutex::new(Vec::new()));
    let first_lines = Arc::new(Mutex::new(Vec::new()));
    let (t, u, f) = (
        Arc::clone(&tunnels),
        Arc::clone(&users),
        Arc::clone(&first_lines),
    );
    tokio::spawn(async move {
        loop {
            let Ok((client, _)) = listener.accept().await else {
                return;
            };
            let (t, u, f) = (Arc::clone(&t), Arc::clone(&u), Arc::clone(&f));
            tokio::spawn(async move {
                let _ = socks_one(client, &t, &u, &f).await;
            });
        }
    });
    SocksProxy {
        port,
        tunnels,
        users,
        first_lines,
    }
}

async fn socks_one(
    mut c: TcpStream,
    tunnels: &AtomicUsize,
    users: &Mutex<Vec<String>>,
    first_lines: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut hdr = [0u8; 2];
    c.read_exact(&mut hdr).await?;
    let mut methods = vec![0u8; usize::from(hdr[1])];
    c.read_exact(&mut methods).await?;
    if methods.contains(&2) {
        c.write_all(&[5, 2]).await?;
        let mut ver_len = [0u8; 2];
        c.read_exact(&mut ver_len).await?;
        let mut user = vec![0u8; usize::from(ver_len[1])];
        c.read_exact(&mut user).await?;
        let mut plen = [0u8; 1];
        c.read_exact(&mut plen).await?;
        let mut pass = vec![0u8; usize::from(plen[0])];
        c.read_exact(&mut pass).await?;
        users
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&user).into_owned());
        c.write_all(&[1, 0]).await?;
    } else {
        c.write_all(&[5, 0]).await?;
    }
    let mut req = [0u8; 4];
    c.read_exact(&mut req).await?;
    let host = match req[3] {
        1 => {
            let mut ip = [0u8; 4];
            c.read_exact(&mut ip).await?;
            std::net::Ipv4Addr::from(ip).to_string()
        }
        3 => {
            let mut len = [0u8; 1];
            c.read_exact(&mut len).await?;
            let mut name = vec![0u8; usize::from(len[0])];
            c.read_exact(&mut name).await?;
            String::from_utf8_lossy(&name).into_owned()
        }
        _ => return Ok(()),
    };
    let mut port = [0u8; 2];
    c.read_exact(&mut port).await?;
    let mut upstream = TcpStream::connect((host.as_str(), u16::from_be_bytes(port))).await?;
    tunnels.fetch_add(1, Ordering::SeqCst);
    c.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0]).await?;
    let mut first = vec![0u8; 4096];
    let n = c.read(&mut first).await?;
    let line = String::from_utf8_lossy(&first[..n]);
    first_lines
        .lock()
        .unwrap()
        .push(line.split("\r\n").next().unwrap_or_default().to_owned());
    upstream.write_all(&first[..n]).await?;
    let (mut cr, mut cw) = c.into_split();
    let (mut ur, mut uw) = upstream.into_split();
    tokio::select! {
        _ = tokio::io::copy(&mut cr, &mut uw) => {}
        _ = tokio::io::copy(&mut ur, &mut cw) => {}
    }
    Ok(())
}

#[tokio::test]
async fn each_account_goes_through_its_own_proxy_and_others_do_not() {
    let http = http_proxy().await;
    let socks = socks_proxy().await;
    let pool = format!(
        "US=socks5://pooluser:s3cr3t-pool-pw@127.0.0.1:{}",
        socks.port
    );
    let app = spawn(base(), &pool).await;
    app.creator("viapool", TwofaMode::None);
    app.creator("viahttp", TwofaMode::None);
    app.creator("direct", TwofaMode::None);

    // US without its own proxy: the pool's SOCKS5 proxy, login calls included.
    let pooled = app.connect(&app.key_a, "viapool").await;
    let tunnels = socks.tunnels.load(Ordering::SeqCst);
    assert!(tunnels >= 1, "the login went through the SOCKS5 proxy");
    assert_eq!(*socks.users.lock().unwrap().first().unwrap(), "pooluser");
    assert_eq!(http.requests.load(Ordering::SeqCst), 0);

    // Its own HTTP proxy (credentials in the URL), country without a pool.
    let own = format!("http://me:s3cr3t-own-pw@127.0.0.1:{}", http.port);
    let (s, b) = app
        .post(
            "/connect",
            &app.key_a,
            json!({"username": "viahttp", "password": PASSWORD, "name": "H",
                   "countryCode": "GB", "proxy": own}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let via_http = b["data"]["account_id"].as_str().unwrap().to_owned();
    // device/id, login, account/me.
    assert_eq!(http.requests.load(Ordering::SeqCst), 3);
    let (s, _) = app.get(&format!("/{via_http}/me"), &app.key_a).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(http.requests.load(Ordering::SeqCst), 4);

    // A country without a pool and no proxy of its own: direct, neither proxy sees it.
    let socks_before = socks.tunnels.load(Ordering::SeqCst);
    let (s, b) = app
        .post(
            "/connect",
            &app.key_a,
            json!({"username": "direct", "password": PASSWORD, "name": "D", "countryCode": "FR"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let direct = b["data"]["account_id"].as_str().unwrap().to_owned();
    let (s, _) = app.get(&format!("/{direct}/me"), &app.key_a).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(http.requests.load(Ordering::SeqCst), 4);
    assert_eq!(socks.tunnels.load(Ordering::SeqCst), socks_before);

    // The pooled account's reads keep using the SOCKS5 proxy, not the HTTP one.
    let (s, _) = app.get(&format!("/{pooled}/me"), &app.key_a).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(http.requests.load(Ordering::SeqCst), 4);

    // GET shows where calls go, masked; PUT moves the direct account onto the HTTP proxy;
    // DELETE puts it back.
    let (s, shown) = app
        .get(&format!("/accounts/{pooled}/proxy"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::OK, "{shown}");
    assert_eq!(shown["data"]["source"], "pool");
    assert_eq!(
        shown["data"]["proxy"],
        format!("socks5://***@127.0.0.1:{}", socks.port)
    );
    let (s, set, _) = app
        .send(
            Method::PUT,
            &format!("/accounts/{direct}/proxy"),
            Some(&app.key_a),
            Some(json!({"proxy": own})),
        )
        .await;
    assert!(!set.to_string().contains("s3cr3t-own-pw"), "{set}");
    assert_eq!(s, StatusCode::OK, "{set}");
    let (_, shown) = app
        .get(&format!("/accounts/{direct}/proxy"), &app.key_a)
        .await;
    assert_eq!(shown["data"]["source"], "account");
    assert_eq!(
        shown["data"]["proxy"],
        format!("http://***@127.0.0.1:{}", http.port)
    );
    app.get(&format!("/{direct}/me"), &app.key_a).await;
    assert_eq!(http.requests.load(Ordering::SeqCst), 5);
    let (s, removed) = app
        .delete(&format!("/accounts/{direct}/proxy"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::OK, "{removed}");
    assert_eq!(removed["data"]["source"], "direct");
    assert_eq!(removed["data"]["proxy"], Value::Null);
    app.get(&format!("/{direct}/me"), &app.key_a).await;
    assert_eq!(http.requests.load(Ordering::SeqCst), 5);

    // A reconnect without `proxy` keeps the account's own proxy (over the US pool), and its
    // login goes through it: login + account/me (the device id is reused).
    let socks_before = socks.tunnels.load(Ordering::SeqCst);
    let (s, b) = app
        .post(
            "/connect",
            &app.key_a,
            json!({"username": "viahttp", "password": PASSWORD, "name": "H", "countryCode": "US"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["data"]["account_id"], via_http.as_str());
    assert_eq!(http.requests.load(Ordering::SeqCst), 7);
    assert_eq!(socks.tunnels.load(Ordering::SeqCst), socks_before);

    // Another key cannot see or change it.
    let (s, _) = app
        .get(&format!("/accounts/{direct}/proxy"), &app.key_b)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Bad proxy URLs are 400s naming the field, never echoing the value.
    for bad in ["ftp://h:1", "not a url", "http://u:leaky-pw@h:1/path"] {
        let (s, b, _) = app
            .send(
                Method::PUT,
                &format!("/accounts/{direct}/proxy"),
                Some(&app.key_a),
                Some(json!({"proxy": bad})),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {b}");
        let msg = b["message"].as_str().unwrap();
        assert!(msg.starts_with("proxy "), "{msg}");
        assert!(!msg.contains("leaky-pw"), "{msg}");
    }
    let (s, b) = app
        .post(
            "/connect",
            &app.key_a,
            json!({"username": "direct", "password": PASSWORD, "name": "D",
                   "countryCode": "FR", "proxy": "gopher://x:1"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b["message"].as_str().unwrap().contains("proxy"), "{b}");

    // Never in plain text in the database (sealed with the keyring).
    for suffix in ["", "-wal"] {
        let path = format!("{}{suffix}", app.db_path.display());
        if let Ok(bytes) = std::fs::read(&path) {
            let hay = String::from_utf8_lossy(&bytes);
            assert!(
                !hay.contains("s3cr3t-own-pw"),
                "{path} holds the proxy password"
            );
        }
    }
}

#[tokio::test]
async fn the_default_pacing_lets_a_page_load_through_and_spreads_a_flood() {
    // The shipped defaults: 4/s sustained, burst 8, 5 s deadline, cache and coalescing on.
    let app = spawn(CareConfig::default(), "").await;
    app.creator("flood", TwofaMode::None);
    app.connect(&app.key_a, "flood").await;
    tokio::time::sleep(Duration::from_millis(2_100)).await; // a full bucket again
    let before = native_calls(&app, "GET", "/api/v1/account");
    let started = Instant::now();
    // 30 different reads (distinct ids: neither cached nor coalesced).
    let app = &app;
    let results = join_all((0..30).map(|i| async move {
        let path = format!("/accounts/by-ids?ids={}", 1_000 + i);
        let (s, _, h) = app.send(Method::GET, &path, Some(&app.key_a), None).await;
        (s, h, started.elapsed())
    }))
    .await;
    let mut ok: Vec<Duration> = results
        .iter()
        .filter(|r| r.0 == StatusCode::OK)
        .map(|r| r.2)
        .collect();
    ok.sort();
    let refused = results
        .iter()
        .filter(|r| r.0 == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(ok.len() + refused, 30);
    // 8 at once, then one every 250 ms up to the 5 s deadline: 28 pass, 2 are refused.
    assert!((26..=29).contains(&ok.len()), "{} passed", ok.len());
    assert!(refused >= 1);
    assert!(
        ok[7] < Duration::from_millis(600),
        "the burst passes at once: {ok:?}"
    );
    let last = *ok.last().unwrap();
    assert!(
        last >= Duration::from_millis(4_300) && last < Duration::from_millis(6_500),
        "{last:?}"
    );
    assert_eq!(
        native_calls(app, "GET", "/api/v1/account") - before,
        ok.len()
    );
}

#[tokio::test]
async fn a_two_factor_connect_logs_in_through_the_given_proxy() {
    let http = http_proxy().await;
    let app = spawn(base(), "").await;
    app.creator("twofa", TwofaMode::Email);
    let proxy = format!("http://127.0.0.1:{}", http.port);
    let (s, b) = app
        .post(
            "/connect",
            &app.key_a,
            json!({"username": "twofa", "password": PASSWORD, "name": "T",
                   "countryCode": "DE", "proxy": proxy}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["data"]["requires_2fa"], true, "{b}");
    // device/id and login.
    assert_eq!(http.requests.load(Ordering::SeqCst), 2);
    let token = b["data"]["twofa_token"].as_str().unwrap().to_owned();
    let code = app.last_mail("twofa@example.test").code;

    // A bad proxy on verify-2fa is refused before any Fansly call.
    let sent = app.sim.requests().len();
    let (s, bad) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            json!({"username": "twofa", "password": PASSWORD, "twoFactorToken": token,
                   "twoFactorCode": code, "name": "T", "countryCode": "DE",
                   "proxy": "socks4://h:1"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}");
    assert!(
        bad["message"].as_str().unwrap().starts_with("proxy "),
        "{bad}"
    );
    assert_eq!(app.sim.requests().len(), sent);

    let (s, b) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            json!({"username": "twofa", "password": PASSWORD, "twoFactorToken": token,
                   "twoFactorCode": code, "name": "T", "countryCode": "DE", "proxy": proxy}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // login/twofa and account/me.
    assert_eq!(http.requests.load(Ordering::SeqCst), 4);
    let id = b["data"]["account_id"].as_str().unwrap().to_owned();
    let (_, shown) = app.get(&format!("/accounts/{id}/proxy"), &app.key_a).await;
    assert_eq!(shown["data"]["source"], "account");
    assert_eq!(shown["data"]["proxy"], proxy);
    app.get(&format!("/{id}/me"), &app.key_a).await;
    assert_eq!(http.requests.load(Ordering::SeqCst), 5);
}

#[tokio::test]
async fn the_event_websocket_goes_through_the_account_proxy() {
    let http = http_proxy().await;
    let socks = socks_proxy().await;
    let mut opts = Options {
        events: true,
        ..Options::default()
    };
    opts.settings.upstream = UpstreamCare {
        care: base(),
        proxy_pool: ProxyPool::parse(&format!(
            "US=socks5://wsuser:ws-pw@127.0.0.1:{}",
            socks.port
        ))
        .unwrap(),
    };
    let app = TestApp::spawn_with(opts).await;
    app.creator("wspool", TwofaMode::None);
    app.creator("wshttp", TwofaMode::None);
    app.connect(&app.key_a, "wspool").await;
    let (s, b) = app
        .post(
            "/connect",
            &app.key_a,
            json!({"username": "wshttp", "password": PASSWORD, "name": "W", "countryCode": "GB",
                   "proxy": format!("http://hu:hp@127.0.0.1:{}", http.port)}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");

    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let via_socks = socks
            .first_lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.starts_with("GET /?v=3"));
        let via_connect = http.connects.lock().unwrap().len();
        if via_socks && via_connect >= 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "event sockets did not go through the proxies: socks {:?}, connects {via_connect}",
            socks.first_lines.lock().unwrap()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The HTTP proxy's credentials travel as Proxy-Authorization (base64 of hu:hp).
    assert_eq!(
        http.connects.lock().unwrap()[0].as_deref(),
        Some("Basic aHU6aHA=")
    );
    assert!(socks.users.lock().unwrap().iter().all(|u| u == "wsuser"));
}

#[tokio::test]
async fn a_fansly_429_holds_the_account_s_other_calls() {
    let app = spawn(
        CareConfig {
            rate_per_sec: 50,
            burst: 10,
            max_wait: Duration::from_millis(500),
            hold_on_429: true,
            ..base()
        },
        "",
    )
    .await;
    app.creator("held", TwofaMode::None);
    app.creator("free", TwofaMode::None);
    let id = app.connect(&app.key_a, "held").await;
    let other = app.connect(&app.key_a, "free").await;

    app.sim_fault(ME, 429, 1, Some(3)).await;
    let (s, _, h) = app
        .send(Method::GET, &format!("/{id}/me"), Some(&app.key_a), None)
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(h["retry-after"], "3");

    // Another read of the same account is held by the gateway: no call reaches Fansly.
    let before = native_calls(&app, "GET", TIERS);
    let (s, b, h) = app
        .send(
            Method::GET,
            &format!("/{id}/subscriptions/tiers"),
            Some(&app.key_a),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert!(b["message"].as_str().unwrap().contains("paces"), "{b}");
    let secs: u64 = h["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((2..=3).contains(&secs), "{secs}");
    assert_eq!(native_calls(&app, "GET", TIERS), before);

    // Other accounts are not held.
    let (s, _) = app
        .get(&format!("/{other}/subscriptions/tiers"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::OK);

    // After Retry-After, the account's calls go through again.
    tokio::time::sleep(Duration::from_millis(3_100)).await;
    let (s, _) = app
        .get(&format!("/{id}/subscriptions/tiers"), &app.key_a)
        .await;
    assert_eq!(s, StatusCode::OK);
}
