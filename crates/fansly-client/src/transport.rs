//! The HTTP exchange under every native call: hyper's client on the direct path, reqwest's
//! through a proxy.
//!
//! Why two: reqwest wraps hyper's client in layers this client does not use — a redirect
//! policy that parses every request's URL with the `url` crate although redirects are off,
//! a retry policy and the redirect layer each cloning the request, and the URL turned into
//! a `Uri` and back. Those were 13 % of a proxied `GET /{a}/me`'s instructions (issue 16,
//! docs/PERFORMANCE.md). The direct path — every call in production that is not routed
//! through an account's proxy — now goes to hyper-util's pooled client straight. Calls
//! through an HTTP or SOCKS proxy keep reqwest, which implements both proxy protocols; they
//! are built from the same [`http::Request`] and read by the same [`read`], so headers,
//! timeouts, the body cap and the error mapping cannot differ between the two.
//!
//! A gateway's serving threads each run their own single-threaded runtime (the gateway's
//! `serving::threads`); a connection's task lives on the runtime that opened it, so a pool
//! shared between those threads would hand one thread's request to a connection driven by
//! another — a cross-thread wake-up each way per call. A thread that calls
//! [`own_pools_on_this_thread`] therefore gets pools of its own ([`Pools`]); every other
//! thread (the multi-threaded runtime's workers, tests) shares one.

use std::cell::Cell;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::HeaderMap;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use crate::{FanslyConfig, FanslyError};

/// Bodies larger than this are refused rather than buffered.
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Spare bytes after an answer's declared length (see [`read`]).
const INSERT_ROOM: usize = 256;

/// How long an idle upstream connection is kept (reqwest's default, which this replaces).
const POOL_IDLE: Duration = Duration::from_secs(90);

/// hyper's pooled HTTP/1 client over TCP, or TLS with the web's root certificates.
pub(crate) type Direct = Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

thread_local! {
    /// Whether this thread's direct calls use pools of its own ([`own_pools_on_this_thread`]).
    static OWN_POOLS: Cell<bool> = const { Cell::new(false) };
}

/// Marks the calling thread as one that drives its own connections: from now on every
/// [`crate::FanslyClient`] used on it opens and reuses direct connections in a pool only this
/// thread uses. For threads running a single-threaded runtime for their whole life (the
/// gateway's serving threads); a worker of a multi-threaded runtime must not call it (its
/// tasks move between threads, and each thread would keep idle connections of its own).
pub fn own_pools_on_this_thread() {
    OWN_POOLS.with(|own| own.set(true));
}

/// The direct client's pools: one shared, and one per thread that asked for its own.
pub(crate) struct Pools {
    connector: HttpsConnector<HttpConnector>,
    shared: Direct,
    own: thread_local::ThreadLocal<Direct>,
}

impl Pools {
    pub(crate) fn new(config: &FanslyConfig) -> Result<Self, FanslyError> {
        let connector = connector(config)?;
        Ok(Self {
            shared: pooled(connector.clone()),
            connector,
            own: thread_local::ThreadLocal::new(),
        })
    }

    /// The client whose pool the calling thread uses.
    pub(crate) fn client(&self) -> Direct {
        if OWN_POOLS.with(Cell::get) {
            self.own.get_or(|| pooled(self.connector.clone())).clone()
        } else {
            self.shared.clone()
        }
    }
}

/// The direct connector: connect timeout from `config`, HTTP/1.1, `https` and `http` bases.
fn connector(config: &FanslyConfig) -> Result<HttpsConnector<HttpConnector>, FanslyError> {
    let mut tcp = HttpConnector::new();
    tcp.enforce_http(false);
    tcp.set_connect_timeout(Some(config.connect_timeout));
    tcp.set_nodelay(true);
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| FanslyError::Transport(format!("cannot set up TLS: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(tcp))
}

/// A client with a pool of its own over `connector`.
fn pooled(connector: HttpsConnector<HttpConnector>) -> Direct {
    Client::builder(TokioExecutor::new())
        // The timer lets the pool close idle connections itself, not only on the next use.
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(POOL_IDLE)
        .build(connector)
}

/// Which client carries a call.
pub(crate) enum Via {
    Direct(Direct),
    Proxy(reqwest::Client),
}

/// What came back: status, headers and the whole body.
pub(crate) struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// Sends `req` and reads the whole answer within `timeout` (connect, send and body), at
/// most [`MAX_BODY_BYTES`]. `bytes_read` follows the body as it arrives (for the tally, also
/// when the exchange fails part-way).
pub(crate) async fn exchange(
    via: &Via,
    req: http::Request<Bytes>,
    timeout: Duration,
    bytes_read: &mut u64,
) -> Result<Answer, FanslyError> {
    let exchange = async {
        match via {
            Via::Direct(client) => {
                let resp = client
                    .request(req.map(Full::new))
                    .await
                    .map_err(|e| error(&e))?;
                read(resp, bytes_read, |e| error(&e)).await
            }
            Via::Proxy(client) => {
                let req = reqwest::Request::try_from(req.map(reqwest::Body::from))
                    .map_err(|e| error(&e.without_url()))?;
                let resp = client
                    .execute(req)
                    .await
                    .map_err(|e| error(&e.without_url()))?;
                read(http::Response::from(resp), bytes_read, |e| {
                    error(&e.without_url())
                })
                .await
            }
        }
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .unwrap_or(Err(FanslyError::Timeout))
}

/// Reads the body of `resp`, sized from its declared length (up to 4 MiB before any of it
/// arrived: growing it chunk by chunk copied a large answer about once more, issue 16).
async fn read<B, E>(
    resp: http::Response<B>,
    bytes_read: &mut u64,
    err: impl Fn(E) -> FanslyError,
) -> Result<Answer, FanslyError>
where
    B: http_body::Body<Data = Bytes, Error = E> + Unpin,
{
    let (parts, mut body) = resp.into_parts();
    let declared = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .unwrap_or(0)
        .min(4 << 20);
    // With room for the members the gateway may write into the text (a page's cursors,
    // `NativeBody::set_members`), so they go in without copying the answer again.
    let mut out = Vec::with_capacity(declared + INSERT_ROOM);
    while let Some(frame) = body.frame().await {
        let Ok(chunk) = frame.map_err(&err)?.into_data() else {
            continue; // trailers: none expected, nothing to keep
        };
        if out.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(FanslyError::Malformed(format!(
                "body larger than {MAX_BODY_BYTES} bytes"
            )));
        }
        out.extend_from_slice(&chunk);
        *bytes_read = out.len() as u64;
    }
    Ok(Answer {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body: out,
    })
}

/// A transport failure: a timeout anywhere in the chain is [`FanslyError::Timeout`]; else
/// the whole chain of causes (the outer messages are terse), which never holds the URL or a
/// header (reqwest's errors are taken `without_url`; hyper's carry neither).
fn error(e: &(dyn std::error::Error + 'static)) -> FanslyError {
    let mut msg = e.to_string();
    let mut source = e.source();
    let mut timed_out = is_timeout(e);
    while let Some(cause) = source {
        timed_out |= is_timeout(cause);
        msg.push_str(": ");
        msg.push_str(&cause.to_string());
        source = cause.source();
    }
    if timed_out {
        return FanslyError::Timeout;
    }
    FanslyError::Transport(msg)
}

fn is_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return io.kind() == std::io::ErrorKind::TimedOut;
    }
    e.downcast_ref::<reqwest::Error>()
        .is_some_and(reqwest::Error::is_timeout)
}
