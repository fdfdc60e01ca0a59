//! A webhook receiver for the tests and the benchmark: an HTTP server on 127.0.0.1:0 that
//! records every request (raw body, headers, path with query, arrival time) and answers with
//! programmable statuses, `Retry-After` values and delays. Also the signature checks, written
//! here from the published schemes rather than borrowed from the gateway:
//! - `Signature` and `X-Fansly-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed by
//!   the endpoint secret's bytes (what receivers in spec/client-compat.md §0 item 9 compute);
//! - Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256("{id}.{timestamp}.{body}")>`
//!   keyed by the base64-decoded part of the `whsec_…` secret (as the off-the-shelf libraries do).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// One recorded request.
#[derive(Clone, Debug)]
pub struct Hit {
    pub method: Method,
    /// Path and query, exactly as requested.
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// When the receiver answered (after any programmed delay).
    pub answered_at: Instant,
    /// The status it answered with.
    pub status: u16,
}

impl Hit {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("webhook body is JSON")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn event(&self) -> String {
        self.json()["event"].as_str().unwrap_or_default().to_owned()
    }

    /// The Standard Webhooks message id: stable across retries of one delivery.
    pub fn webhook_id(&self) -> String {
        self.header("webhook-id")
            .expect("webhook-id header")
            .to_owned()
    }
}

/// How the receiver answers one request.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub delay: Duration,
}

impl Reply {
    pub fn status(status: u16) -> Self {
        Self {
            status,
            retry_after: None,
            delay: Duration::ZERO,
        }
    }
}

#[derive(Default)]
struct Shared {
    hits: Mutex<Vec<Hit>>,
    /// Answers for the next requests, in order; then `default`.
    script: Mutex<VecDeque<Reply>>,
    default: Mutex<Option<Reply>>,
    notify: tokio::sync::Notify,
}

#[derive(Clone)]
pub struct Receiver {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Receiver {
    /// Starts a receiver on 127.0.0.1:0 that answers 200 until told otherwise.
    pub async fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let router = axum::Router::new()
            .fallback(record)
            .with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind receiver");
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self { addr, shared }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The next requests get these answers, in order.
    pub fn script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.shared.script.lock().unwrap().extend(replies);
    }

    /// Requests beyond the script get this answer (200 when never set).
    pub fn set_default(&self, reply: Reply) {
        *self.shared.default.lock().unwrap() = Some(reply);
    }

    /// How many requests were recorded.
    pub fn count(&self) -> usize {
        self.shared.hits.lock().unwrap().len()
    }

    /// The `i`-th recorded request.
    pub fn hit(&self, i: usize) -> Option<Hit> {
        self.shared.hits.lock().unwrap().get(i).cloned()
    }

    /// Waits until at least `n` requests were recorded (cheap: no body is parsed).
    pub async fn wait_len(&self, n: usize, deadline: Duration) {
        let start = Instant::now();
        loop {
            let notified = self.shared.notify.notified();
            if self.count() >= n {
                return;
            }
            let left = deadline.saturating_sub(start.elapsed());
            assert!(
                !left.is_zero(),
                "receiver: {} of {n} requests within {deadline:?}",
                self.count()
            );
            let _ = tokio::time::timeout(left.min(Duration::from_millis(100)), notified).await;
        }
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.shared.hits.lock().unwrap().clone()
    }

    /// Requests whose body has `event` = `name`.
    pub fn hits_for(&self, name: &str) -> Vec<Hit> {
        self.hits()
            .into_iter()
            .filter(|h| h.event() == name)
            .collect()
    }

    /// Waits until `pred` holds over the recorded requests, failing after `deadline`.
    pub async fn wait_until(&self, deadline: Duration, pred: impl Fn(&[Hit]) -> bool) -> Vec<Hit> {
        let start = Instant::now();
        loop {
            let notified = self.shared.notify.notified();
            let hits = self.hits();
            if pred(&hits) {
                return hits;
            }
            let left = deadline.saturating_sub(start.elapsed());
            assert!(
                !left.is_zero(),
                "receiver: condition not met within {deadline:?}; got {} requests: {:?}",
                hits.len(),
                hits.iter().map(|h| h.event()).collect::<Vec<_>>()
            );
            let _ = tokio::time::timeout(left.min(Duration::from_millis(100)), notified).await;
        }
    }

    /// Waits for the first request carrying `event`, and returns it.
    pub async fn wait_for(&self, event: &str, deadline: Duration) -> Hit {
        let hits = self
            .wait_until(deadline, |h| h.iter().any(|h| h.event() == event))
            .await;
        hits.into_iter().find(|h| h.event() == event).unwrap()
    }
}

async fn record(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let reply = shared
        .script
        .lock()
        .unwrap()
        .pop_front()
        .or_else(|| shared.default.lock().unwrap().clone())
        .unwrap_or_else(|| Reply::status(200));
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let path = uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    shared.hits.lock().unwrap().push(Hit {
        method,
        path,
        headers,
        body,
        answered_at: Instant::now(),
        status: reply.status,
    });
    shared.notify.notify_waiters();
    let status = StatusCode::from_u16(reply.status).unwrap();
    match reply.retry_after {
        Some(v) => (status, [("retry-after", v)], "").into_response(),
        None => (status, "").into_response(),
    }
}

/// HMAC-SHA256 (RFC 2104), written out so the check does not share code with the gateway.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new()
        .chain_update(&ipad)
        .chain_update(msg)
        .finalize();
    Sha256::new()
        .chain_update(&opad)
        .chain_update(inner)
        .finalize()
        .into()
}

/// Asserts the three signatures of `hit` with the endpoint `secret`, each checked the way
/// its receivers check it.
pub fn assert_signed(hit: &Hit, secret: &str) {
    // 1. `Signature` and `X-Fansly-Signature`: identical, bare lowercase hex, over the raw body.
    let expected = hex::encode(hmac_sha256(secret.as_bytes(), &hit.body));
    let sig = hit.header("signature").expect("Signature header");
    let fansly = hit
        .header("x-fansly-signature")
        .expect("X-Fansly-Signature header");
    assert_eq!(sig, fansly, "Signature and X-Fansly-Signature differ");
    assert!(
        !sig.contains('=') && sig.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
        "Signature must be bare lowercase hex: {sig}"
    );
    assert_eq!(sig, expected, "Signature is not HMAC-SHA256(secret, body)");
    if let Some(x) = hit.header("x-webhook-signature") {
        assert_eq!(x, sig, "X-Webhook-Signature must equal Signature");
    }
    // 2. Standard Webhooks.
    assert!(
        verify_standard(secret, hit),
        "Standard Webhooks signature does not verify: {:?}",
        hit.headers
    );
}

/// The Standard Webhooks verification (as `standardwebhooks` libraries do it).
pub fn verify_standard(secret: &str, hit: &Hit) -> bool {
    let (Some(id), Some(ts), Some(sigs)) = (
        hit.header("webhook-id"),
        hit.header("webhook-timestamp"),
        hit.header("webhook-signature"),
    ) else {
        return false;
    };
    if ts.parse::<i64>().is_err() {
        return false;
    }
    let Ok(key) = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
    else {
        return false;
    };
    let mut signed = format!("{id}.{ts}.").into_bytes();
    signed.extend_from_slice(&hit.body);
    let expected = base64::engine::general_purpose::STANDARD.encode(hmac_sha256(&key, &signed));
    sigs.split(' ')
        .filter_map(|s| s.strip_prefix("v1,"))
        .any(|s| s == expected)
}

#[test]
fn standard_webhooks_reference_vector_verifies() {
    // From the Standard Webhooks reference implementations' tests.
    let mut headers = HeaderMap::new();
    headers.insert(
        "webhook-id",
        "msg_p5jXN8AQM9LWM0D4loKWxJek".parse().unwrap(),
    );
    headers.insert("webhook-timestamp", "1614265330".parse().unwrap());
    headers.insert(
        "webhook-signature",
        "v1,bad v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
            .parse()
            .unwrap(),
    );
    let mut hit = Hit {
        method: Method::POST,
        path: "/".into(),
        headers,
        body: Bytes::from_static(br#"{"test": 2432232314}"#),
        answered_at: Instant::now(),
        status: 200,
    };
    assert!(verify_standard(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        &hit
    ));
    hit.body = Bytes::from_static(br#"{"test": 2432232315}"#);
    assert!(!verify_standard(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        &hit
    ));
}

#[test]
fn hmac_matches_rfc_4231_case_2() {
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
    assert_eq!(
        hex::encode(mac),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}
