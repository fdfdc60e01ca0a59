//! Connection handling (issue 11, "slow clients"): hyper's HTTP/1 server with its timer, so
//! that
//!
//! - a request head must arrive within `header_read_timeout` (hyper's `header_read_timeout`);
//!   hyper starts the same timer whenever a keep-alive connection waits for its next request,
//!   so it is also the keep-alive idle timeout;
//! - a request body that stops arriving for `body_idle_timeout` ends the request
//!   (`tower_http::timeout::RequestBodyTimeoutLayer` in `app::with_boundary`: 408);
//! - at most `max_connections` connections are open at once (TLS handshakes included): at the
//!   cap, accepting pauses — new clients wait in the kernel's backlog, costing no file
//!   descriptor — until one closes; reaching it is counted in
//!   `fansly_gateway_connections_capped_total` and logged (at most once a minute);
//! - a request with both `Transfer-Encoding` and `Content-Length` is refused with 400 and
//!   its connection closed (RFC 9112 §6.3; [`framing`]);
//! - a request body a route answered without reading is read and thrown away for a while, so
//!   that the client finishes sending and reads the answer ([`linger`]);
//! - graceful shutdown: at the signal the listener is dropped (new connections are refused),
//!   idle connections close and requests in flight finish (`hyper_util`'s `GracefulShutdown`).

pub mod framing;
pub mod linger;
pub mod threads;

use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::serve::Listener;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt as _;

/// Connection limits (`Settings::connections`).
#[derive(Clone, Debug)]
pub struct ConnSettings {
    /// Longest a client may take to send a request head, and longest an idle keep-alive
    /// connection stays open.
    pub header_read_timeout: Duration,
    /// Longest pause while a request body is arriving.
    pub body_idle_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
    /// Threads serving connections, each with a single-threaded runtime of its own
    /// ([`threads`]); 0: on the main runtime.
    pub serving_threads: usize,
}

impl Default for ConnSettings {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(DEFAULT_HEADER_READ_TIMEOUT_S),
            body_idle_timeout: Duration::from_secs(DEFAULT_BODY_IDLE_TIMEOUT_S),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            serving_threads: threads::default_count(),
        }
    }
}

pub const DEFAULT_HEADER_READ_TIMEOUT_S: u64 = 10;
pub const DEFAULT_BODY_IDLE_TIMEOUT_S: u64 = 30;
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// The `serve` flags of this module (flattened into `ServeArgs`).
#[derive(clap::Args, Clone, Debug)]
pub struct ConnArgs {
    /// Seconds a client may take to send a request's headers; also how long an idle
    /// keep-alive connection stays open.
    #[arg(long, env = "FANSLY_GATEWAY_HEADER_READ_TIMEOUT", default_value_t = DEFAULT_HEADER_READ_TIMEOUT_S, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_read_timeout: u64,
    /// Seconds a request body may pause between bytes before the request ends with 408.
    #[arg(long, env = "FANSLY_GATEWAY_BODY_IDLE_TIMEOUT", default_value_t = DEFAULT_BODY_IDLE_TIMEOUT_S, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_idle_timeout: u64,
    /// Most client connections open at once (TLS handshakes included); beyond it new
    /// connections wait until one closes.
    #[arg(long, env = "FANSLY_GATEWAY_MAX_CONNECTIONS", default_value_t = DEFAULT_MAX_CONNECTIONS as u64, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
    /// Threads serving client connections, each running its own single-threaded runtime
    /// with its own upstream connections; 0 serves on the main runtime's worker threads
    /// instead [default: one per CPU].
    #[arg(long, env = "FANSLY_GATEWAY_SERVING_THREADS", value_parser = clap::value_parser!(u64).range(0..=1024))]
    pub serving_threads: Option<u64>,
}

impl ConnArgs {
    pub fn settings(&self) -> ConnSettings {
        ConnSettings {
            header_read_timeout: Duration::from_secs(self.header_read_timeout),
            body_idle_timeout: Duration::from_secs(self.body_idle_timeout),
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            serving_threads: self
                .serving_threads
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or_else(threads::default_count),
        }
    }
}

/// Open connections and how often the cap was reached, for `/metrics`.
#[derive(Debug, Default)]
pub struct ConnStats {
    open: AtomicI64,
    capped: AtomicU64,
}

impl ConnStats {
    pub fn open(&self) -> i64 {
        self.open.load(Ordering::Relaxed)
    }

    pub fn capped(&self) -> u64 {
        self.capped.load(Ordering::Relaxed)
    }
}

/// A listener that holds at most `max` connections open at once.
pub struct Capped<L> {
    inner: L,
    slots: Arc<Semaphore>,
    max: usize,
    stats: Arc<ConnStats>,
    last_logged: Option<Instant>,
}

/// How often reaching the cap is logged at most.
const CAP_LOG_EVERY: Duration = Duration::from_secs(60);

impl<L: Listener> Capped<L> {
    pub fn new(inner: L, max: usize, stats: Arc<ConnStats>) -> Self {
        Self {
            inner,
            slots: Arc::new(Semaphore::new(max)),
            max,
            stats,
            last_logged: None,
        }
    }
}

impl<L> Listener for Capped<L>
where
    L: Listener,
    L::Io: Unpin,
{
    type Io = Counted<L::Io>;
    type Addr = L::Addr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let permit = match Arc::clone(&self.slots).try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                self.stats.capped.fetch_add(1, Ordering::Relaxed);
                if self
                    .last_logged
                    .is_none_or(|at| at.elapsed() >= CAP_LOG_EVERY)
                {
                    self.last_logged = Some(Instant::now());
                    tracing::warn!(
                        max_connections = self.max,
                        "connection cap reached: new connections wait until one closes (--max-connections)"
                    );
                }
                Arc::clone(&self.slots)
                    .acquire_owned()
                    .await
                    .expect("the semaphore is never closed")
            }
        };
        let (io, addr) = self.inner.accept().await;
        self.stats.open.fetch_add(1, Ordering::Relaxed);
        let io = Counted {
            io,
            slot: Slot {
                _permit: permit,
                stats: Arc::clone(&self.stats),
            },
        };
        (io, addr)
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A connection holding one of the cap's slots until it is dropped.
pub struct Counted<I> {
    io: I,
    slot: Slot,
}

impl<I> Counted<I> {
    /// The same connection, slot kept, as another type of stream (for handing a socket to
    /// another runtime, [`threads`]).
    pub fn try_map<J>(
        self,
        f: impl FnOnce(I) -> std::io::Result<J>,
    ) -> std::io::Result<Counted<J>> {
        Ok(Counted {
            io: f(self.io)?,
            slot: self.slot,
        })
    }
}

/// One of the cap's slots, and the open-connection count it is counted in.
struct Slot {
    _permit: OwnedSemaphorePermit,
    stats: Arc<ConnStats>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.stats.open.fetch_sub(1, Ordering::Relaxed);
    }
}

impl<I: AsyncRead + Unpin> AsyncRead for Counted<I> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<I: AsyncWrite + Unpin> AsyncWrite for Counted<I> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}

/// The answer to a request with both `Transfer-Encoding` and `Content-Length`; the
/// connection closes after it.
fn framing_conflict() -> axum::response::Response {
    use axum::response::IntoResponse as _;
    crate::http::ApiError::bad_request(
        "A request must not carry both Transfer-Encoding and Content-Length",
    )
    .with_header(
        axum::http::header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    )
    .into_response()
}

/// Serves `app` on `listener` until `signal` resolves, then drains gracefully (returns when
/// every connection has closed; the caller bounds that with its deadline).
pub async fn run<L>(
    mut listener: L,
    app: Router,
    settings: &ConnSettings,
    signal: impl std::future::Future<Output = ()>,
) -> std::io::Result<()>
where
    L: Listener<Addr = SocketAddr>,
    L::Io: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(settings.header_read_timeout)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let mut signal = pin!(signal);
    loop {
        let (io, peer) = tokio::select! {
            c = listener.accept() => c,
            () = &mut signal => break,
        };
        let conflict = Arc::new(AtomicBool::new(false));
        let io = framing::Watched::new(io, Arc::clone(&conflict));
        let app = app.clone();
        let service = tower::service_fn(move |req: axum::http::Request<hyper::body::Incoming>| {
            let refuse = conflict.load(Ordering::Relaxed);
            let app = app.clone();
            async move {
                if refuse {
                    // Its body is not lingered on: the connection closes after the answer.
                    return Ok(framing_conflict());
                }
                let (parts, body) = req.into_parts();
                let body = axum::body::Body::new(linger::Lingering::new(body, &parts.headers));
                let mut req = axum::http::Request::from_parts(parts, body);
                // The peer's address, for per-address limits (the console's sign-in).
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                app.oneshot(req).await
            }
        });
        let service = TowerToHyperService::new(service);
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(io), service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
