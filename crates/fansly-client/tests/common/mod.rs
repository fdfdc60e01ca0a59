//! A loopback stand-in for Fansly: an axum server on 127.0.0.1:0 that records
//! every request and answers with whatever the test's responder says.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use fansly_client::{FanslyClient, FanslyConfig, SessionCreds};

/// One request as the stub saw it.
#[derive(Debug, Clone)]
pub struct Captured {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The connection's client address (one per connection the client opened).
    pub peer: std::net::SocketAddr,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }

    /// Header names, sorted.
    pub fn header_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.headers.keys().map(|k| k.as_str().to_owned()).collect();
        names.sort();
        names
    }
}

/// What the stub answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Option<Duration>,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string(),
            delay: None,
        }
    }

    /// `{"success":true,"response":<response>}` with 200.
    pub fn ok(response: serde_json::Value) -> Self {
        Self::json(
            200,
            serde_json::json!({ "success": true, "response": response }),
        )
    }

    /// `{"success":false,"error":{"code","details"}}`.
    pub fn fail(status: u16, code: i64, details: &str) -> Self {
        Self::json(
            status,
            serde_json::json!({ "success": false, "error": { "code": code, "details": details } }),
        )
    }

    pub fn text(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type", "text/html".into())],
            body: body.into(),
            delay: None,
        }
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

type Responder = dyn Fn(&Captured) -> Reply + Send + Sync;

#[derive(Clone)]
struct StubState {
    log: Arc<Mutex<Vec<Captured>>>,
    responder: Arc<Responder>,
}

pub struct Stub {
    /// `http://127.0.0.1:<port>` plus the prefix the stub was started with.
    pub base: url::Url,
    log: Arc<Mutex<Vec<Captured>>>,
}

impl Stub {
    pub async fn start(responder: impl Fn(&Captured) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_with_prefix("", responder).await
    }

    pub async fn start_with_prefix(
        prefix: &str,
        responder: impl Fn(&Captured) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let log = Arc::new(Mutex::new(Vec::new()));
        let state = StubState {
            log: log.clone(),
            responder: Arc::new(responder),
        };
        let app = axum::Router::new().fallback(handle).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        tokio::spawn(async move {
            let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, app).await.expect("stub server");
        });
        let base = url::Url::parse(&format!("http://{addr}{prefix}")).expect("stub url");
        Self { base, log }
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<Captured> {
        self.log.lock().expect("log lock").clone()
    }

    /// The only request so far.
    pub fn single(&self) -> Captured {
        let reqs = self.requests();
        assert_eq!(reqs.len(), 1, "expected one request, got {reqs:#?}");
        reqs.into_iter().next().expect("one request")
    }

    pub fn config(&self) -> FanslyConfig {
        FanslyConfig {
            api_base: self.base.clone(),
            request_timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(2),
            // These tests check single exchanges; pacing, retries, coalescing and the cache
            // have their own tests (care.rs, tests/care.rs).
            care: fansly_client::CareConfig::off(),
            ..FanslyConfig::default()
        }
    }

    pub fn client(&self) -> FanslyClient {
        FanslyClient::new(self.config()).expect("client")
    }
}

async fn handle(
    State(state): State<StubState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let body = to_bytes(body, 1 << 20).await.expect("request body");
    let captured = Captured {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body: body.to_vec(),
        peer,
    };
    let reply = (state.responder)(&captured);
    state.log.lock().expect("log lock").push(captured);
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let mut resp = Response::new(Body::from(reply.body));
    *resp.status_mut() = StatusCode::from_u16(reply.status).expect("status");
    for (name, value) in reply.headers {
        resp.headers_mut()
            .insert(name, value.parse().expect("header value"));
    }
    resp
}

/// Session credentials the tests sign with.
pub fn creds() -> SessionCreds {
    SessionCreds {
        device_id: "123456789012345678".into(),
        session_id: "700000000000000001".into(),
        token: "NzAwMDAwMDAwMDAwMDAwMDAxOjE6MjpzZWNyZXQtdG9rZW4".into(),
    }
}

pub const TOKEN: &str = "NzAwMDAwMDAwMDAwMDAwMDAxOjE6MjpzZWNyZXQtdG9rZW4";
