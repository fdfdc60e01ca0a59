//! Issue 11, hardening at the edge: slow clients over real sockets, the order of checks
//! (key → account ownership → request) on every account route, and strict body parsing.

use std::time::{Duration, Instant};

use fansly_sim::TwofaMode;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{Options, TestApp, assert_envelope};

async fn spawn_conns(header_s: u64, body_s: u64, max: usize) -> TestApp {
    let mut opts = Options::default();
    opts.settings.connections = fansly_gateway::serving::ConnSettings {
        header_read_timeout: Duration::from_secs(header_s),
        body_idle_timeout: Duration::from_secs(body_s),
        max_connections: max,
        ..Default::default()
    };
    TestApp::spawn_with(opts).await
}

fn addr(app: &TestApp) -> String {
    app.root.trim_start_matches("http://").to_owned()
}

/// Reads until the peer closes (or `limit` passes); returns what was read and whether it
/// closed.
async fn read_until_closed(s: &mut TcpStream, limit: Duration) -> (String, bool) {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, s.read(&mut buf)).await {
            Err(_) => return (String::from_utf8_lossy(&out).into_owned(), false),
            Ok(Ok(0) | Err(_)) => return (String::from_utf8_lossy(&out).into_owned(), true),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// Reads one response head plus whatever body arrives within `limit`.
async fn read_response(s: &mut TcpStream, limit: Duration) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    while !String::from_utf8_lossy(&out).contains("\r\n\r\n") {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, s.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => out.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn a_request_head_that_never_finishes_is_closed_within_the_header_timeout() {
    let app = spawn_conns(1, 30, 64).await;
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let (_, closed) = read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(closed, "the connection stayed open past the header timeout");
    assert!(started.elapsed() < Duration::from_secs(4));

    // An idle keep-alive connection is closed after the same timeout.
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let head = read_response(&mut s, Duration::from_secs(5)).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let (_, closed) = read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(closed, "an idle keep-alive connection stayed open");
}

#[tokio::test]
async fn many_idle_sockets_do_not_stop_healthz_and_the_cap_is_counted() {
    let app = spawn_conns(1, 30, 16).await;
    let mut idle = Vec::new();
    for _ in 0..120 {
        let mut s = TcpStream::connect(addr(&app)).await.unwrap();
        let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await;
        idle.push(s);
    }
    let started = Instant::now();
    let res = app
        .http
        .get(format!("{}/healthz", app.root))
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .expect("/healthz answers while idle sockets pile up");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(20));
    drop(idle);
    let metrics = app
        .http
        .get(format!("{}/metrics", app.root))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let capped: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("fansly_gateway_connections_capped_total "))
        .expect("cap metric")
        .parse()
        .unwrap();
    assert!(capped > 0, "{metrics}");
    assert!(metrics.contains("fansly_gateway_connections_open "));
}

/// `--serving-threads` 0 (serving on the main runtime) and 3 (more threads than this
/// machine's CPUs, so connections go round all of them) answer alike: a proxied read, a
/// database read, and one keep-alive connection carrying several requests.
#[tokio::test]
async fn any_number_of_serving_threads_answers_alike() {
    for threads in [0, 3] {
        let mut opts = Options::default();
        opts.settings.connections.serving_threads = threads;
        let app = TestApp::spawn_with(opts).await;
        app.creator("mia", TwofaMode::None);
        let account = app.connect(&app.key_a, "mia").await;
        for _ in 0..4 {
            let (s, v) = app.get(&format!("/{account}/me"), &app.key_a).await;
            assert_eq!(s, StatusCode::OK, "{threads} threads: {v}");
            let (s, v) = app.get("/accounts", &app.key_a).await;
            assert_eq!(s, StatusCode::OK, "{threads} threads: {v}");
            assert_eq!(v["data"]["count"], 1, "{v}");
        }
        let mut s = TcpStream::connect(addr(&app)).await.unwrap();
        let req = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        for _ in 0..3 {
            s.write_all(req).await.unwrap();
            let mut buf = [0u8; 1024];
            let n = s.read(&mut buf).await.unwrap();
            let head = String::from_utf8_lossy(&buf[..n]);
            assert!(
                head.starts_with("HTTP/1.1 200"),
                "{threads} threads: {head}"
            );
        }
    }
}

#[tokio::test]
async fn a_declared_length_above_the_limit_is_413_at_once() {
    let app = spawn_conns(10, 30, 64).await;
    app.creator("mia", TwofaMode::None);
    let account = app.connect(&app.key_a, "mia").await;
    for (path, ct) in [
        ("/api/fansly/connect".to_owned(), "application/json"),
        (format!("/api/fansly/{account}/posts"), "application/json"),
        (
            format!("/api/fansly/{account}/media/upload"),
            "multipart/form-data; boundary=x",
        ),
    ] {
        let mut s = TcpStream::connect(addr(&app)).await.unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nx-api-key: {}\r\nContent-Type: {ct}\r\nContent-Length: 100000000000\r\n\r\n{{\"a",
            app.key_a
        );
        s.write_all(head.as_bytes()).await.unwrap();
        let started = Instant::now();
        let res = read_response(&mut s, Duration::from_secs(3)).await;
        assert!(res.starts_with("HTTP/1.1 413"), "{path}: {res}");
        assert!(started.elapsed() < Duration::from_secs(2), "{path}");
    }
}

/// A body the route answered without reading (an upload over the limit by its declared
/// length) is read on: the client finishes sending it, reads the 413, and the connection
/// serves its next request. Without that, the client's writes meet a closed connection and
/// most HTTP clients report the broken pipe instead of the answer.
#[tokio::test]
async fn a_body_answered_unread_is_read_on_and_the_connection_kept() {
    let mut opts = Options::default();
    opts.settings.max_upload_bytes = 1024;
    let app = TestApp::spawn_with(opts).await;
    app.creator("mia", TwofaMode::None);
    let account = app.connect(&app.key_a, "mia").await;
    let body = vec![b'x'; 4 * 1024 * 1024];
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    let head = format!(
        "POST /api/fansly/{account}/media/upload HTTP/1.1\r\nHost: x\r\nx-api-key: {}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {}\r\n\r\n",
        app.key_a,
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&body[..4096]).await.unwrap();
    let res = read_response(&mut s, Duration::from_secs(5)).await;
    assert!(res.starts_with("HTTP/1.1 413"), "{res}");
    assert!(
        !res.to_ascii_lowercase().contains("connection: close"),
        "{res}"
    );
    // The rest of the body, then a second request on the same connection.
    s.write_all(&body[4096..]).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (rest, closed) = read_until_closed(&mut s, Duration::from_secs(10)).await;
    assert!(closed, "{rest}");
    assert!(rest.contains("HTTP/1.1 200"), "{rest}");
}

#[tokio::test]
async fn a_body_that_stops_arriving_ends_with_408() {
    let app = spawn_conns(10, 1, 64).await;
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    let head = format!(
        "POST /api/fansly/connect HTTP/1.1\r\nHost: x\r\nx-api-key: {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"username\"",
        app.key_a
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let res = read_response(&mut s, Duration::from_secs(5)).await;
    assert!(res.starts_with("HTTP/1.1 408"), "{res}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

/// Requests made with key B on key A's account: whatever is wrong with them, the answer is
/// the 403 (and 404 for an account nobody has).
#[tokio::test]
async fn ownership_is_checked_before_the_body_and_the_query() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let a = app.connect(&app.key_a, "mia").await;
    let raw = |method: Method, path: String, ct: Option<&str>, body: &str| {
        let mut r = app
            .http
            .request(method, format!("{}{path}", app.base))
            .header("x-api-key", &app.key_b)
            .body(body.to_owned());
        if let Some(ct) = ct {
            r = r.header("content-type", ct);
        }
        r
    };
    let cases = [
        raw(
            Method::POST,
            format!("/{a}/posts"),
            Some("application/json"),
            "{\"content\":",
        ),
        raw(
            Method::POST,
            format!("/{a}/posts"),
            Some("text/plain"),
            "hi",
        ),
        raw(
            Method::POST,
            format!("/{a}/posts"),
            Some("application/json"),
            "{\"content\": 5}",
        ),
        raw(
            Method::POST,
            format!("/{a}/twofa/session"),
            Some("application/json"),
            "{\"useEmailTwoFAFallback\": \"x\"}",
        ),
        raw(
            Method::PUT,
            format!("/accounts/{a}/proxy"),
            Some("application/json"),
            "[]",
        ),
        raw(Method::GET, format!("/{a}/chats?fresh=maybe"), None, ""),
        raw(Method::GET, format!("/{a}/subscribers?limit=abc"), None, ""),
        raw(
            Method::POST,
            format!("/{a}/media/upload"),
            Some("text/plain"),
            "x",
        ),
    ];
    for req in cases {
        let res = req.send().await.unwrap();
        let url = res.url().to_string();
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::FORBIDDEN, "{url}: {body}");
        assert_envelope(status, &body);
    }
    let res = app
        .http
        .post(format!("{}/999999999/posts?fresh=maybe", app.base))
        .header("x-api-key", &app.key_b)
        .header("content-type", "text/plain")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn fresh_is_read_after_the_key() {
    let app = TestApp::spawn().await;
    for path in ["/accounts?fresh=maybe", "/123/chats?fresh=maybe"] {
        let (status, body, _) = app.send(Method::GET, path, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}: {body}");
        let (status, _, _) = app.send(Method::GET, path, Some("fgw_nope"), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, body, _) = app
        .send(Method::GET, "/accounts?fresh=maybe", Some(&app.key_a), None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["message"].as_str().unwrap().contains("fresh"));
}

async fn post_raw(app: &TestApp, headers: &[(&str, &str)], body: &str) -> (StatusCode, Value) {
    let mut r = app
        .http
        .post(format!("{}/connect", app.base))
        .header("x-api-key", &app.key_a)
        .body(body.to_owned());
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    let res = r.send().await.unwrap();
    let status = res.status();
    let v: Value = res.json().await.unwrap();
    assert_envelope(status, &v);
    (status, v)
}

#[tokio::test]
async fn json_bodies_are_parsed_strictly() {
    let app = TestApp::spawn().await;
    let json_ct = [("content-type", "application/json")];
    let (status, body) = post_raw(
        &app,
        &json_ct,
        r#"{"username":"a","password":"b"} {"username":"c"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Malformed JSON body"),
        "{body}"
    );
    let (status, body) = post_raw(
        &app,
        &[
            ("content-type", "application/json"),
            ("content-encoding", "gzip"),
        ],
        "{}",
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Content-Encoding")
    );
    for ct in [
        "application/json; charset=latin1",
        "application/json; charset=\"utf-16\"",
    ] {
        let (status, body) = post_raw(&app, &[("content-type", ct)], "{}").await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct}: {body}");
        assert!(body["message"].as_str().unwrap().contains("charset"));
    }
    // Whitespace after the value and a UTF-8 charset stay fine.
    let (status, body) = post_raw(
        &app,
        &[("content-type", "application/json; charset=UTF-8")],
        "{\"username\": 5}\n  ",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["message"].as_str().unwrap().contains("`username`"));
}

#[tokio::test]
async fn transfer_encoding_with_content_length_is_refused_and_the_connection_closed() {
    let app = TestApp::spawn().await;
    for order in [
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
    ] {
        let mut s = TcpStream::connect(addr(&app)).await.unwrap();
        let req = format!(
            "POST /api/fansly/connect HTTP/1.1\r\nHost: x\r\nx-api-key: {}\r\nContent-Type: application/json\r\n{order}\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n",
            app.key_a
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let (res, closed) = read_until_closed(&mut s, Duration::from_secs(5)).await;
        assert!(res.starts_with("HTTP/1.1 400"), "{res}");
        assert!(res.contains("Transfer-Encoding"), "{res}");
        assert!(closed, "the connection stayed open");
    }
    // Chunked alone still works (and keeps the connection).
    let mut s = TcpStream::connect(addr(&app)).await.unwrap();
    let req = format!(
        "POST /api/fansly/connect HTTP/1.1\r\nHost: x\r\nx-api-key: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n",
        app.key_a
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let res = read_response(&mut s, Duration::from_secs(5)).await;
    assert!(res.starts_with("HTTP/1.1 400"), "{res}");
    assert!(res.contains("username"), "{res}");
}

/// Found by the fuzzing: a repeated `ids` made axum's `Query` answer a plain-text 400.
#[tokio::test]
async fn a_repeated_query_parameter_is_still_an_envelope() {
    let app = TestApp::spawn().await;
    let (status, body, _) = app
        .send(
            Method::GET,
            "/accounts/by-ids?ids=1&ids=2",
            Some(&app.key_a),
            None,
        )
        .await;
    // The first value counts, as on every route; no account is connected to read through.
    assert!(status.is_client_error(), "{status}: {body}");
}
