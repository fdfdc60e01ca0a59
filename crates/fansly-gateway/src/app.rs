//! Application assembly: the shared state every handler sees, the router with its layers
//! (request id → panic catcher → body limit → routes → fallbacks), and serving with graceful
//! shutdown.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::serve::ListenerExt as _;
use fansly_client::FanslyClient;
use gateway_store::Store;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;

use crate::clock::Clock;
use crate::http::auth::{self, KeyCache};
use crate::http::{fallback, request_id};
use crate::routes;

/// Tunables of the running gateway (the parts tests and the demo change).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Largest JSON request body accepted, in bytes (413 above it).
    pub json_body_limit: usize,
    /// How often the in-memory API-key snapshot is reloaded from the database.
    pub key_refresh: Duration,
    /// How long a pending login-2FA connection stays usable (Fansly's code lifetime).
    pub pending_connect_ttl_ms: i64,
    /// Wrong login-2FA codes accepted before the pending connection is dropped.
    pub pending_connect_max_tries: i64,
    /// Largest media upload accepted, in bytes (413 above it).
    pub max_upload_bytes: u64,
    /// Where uploads are spooled while their job sends them to Fansly.
    pub upload_dir: std::path::PathBuf,
    /// Upload-status poll interval and number of polls (U1 step 4: 1 s, 180 polls).
    pub upload_poll_interval: Duration,
    pub upload_poll_attempts: u32,
    /// CDN origins media downloads may read.
    pub cdn_hosts: crate::routes::media_download::CdnAllowlist,
    /// Webhook targets on loopback/private/link-local/metadata addresses are allowed
    /// (`FANSLY_GATEWAY_WEBHOOKS_ALLOW_PRIVATE_TARGETS`; tests and the demo set it).
    pub webhooks_allow_private_targets: bool,
    /// How long one webhook delivery attempt may take.
    pub webhook_timeout: Duration,
    /// How often the delivery engine looks for due deliveries besides being woken.
    pub webhook_poll: Duration,
    /// Fansly's event WebSocket (`--events-upstream`); `None` turns event ingestion off.
    pub events_upstream: Option<url::Url>,
    /// Request log, metrics and probes (`--request-log-retention-days`, …).
    pub observe: crate::observe::ObserveSettings,
    /// Rate limits, plans and credit metering (`crate::limits`).
    pub limits: crate::limits::LimitSettings,
    /// Serve HTTPS from these PEM files (`--tls-cert` / `--tls-key`); `None` serves plain HTTP.
    pub tls: Option<crate::tls::TlsFiles>,
    /// At shutdown, how long requests and webhook attempts in flight may take to finish
    /// (`--shutdown-timeout`); whatever is still running then is cut off.
    pub shutdown_grace: Duration,
    /// Care for the Fansly side: pacing, 429 retries, coalescing, short cache, proxies
    /// (`crate::upstream_care`).
    pub upstream: crate::upstream_care::UpstreamCare,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            json_body_limit: 1024 * 1024,
            key_refresh: Duration::from_secs(1),
            pending_connect_ttl_ms: 10 * 60 * 1000,
            pending_connect_max_tries: 5,
            max_upload_bytes: crate::config::DEFAULT_MAX_UPLOAD_BYTES,
            upload_dir: std::env::temp_dir().join("fansly-gateway-uploads"),
            upload_poll_interval: Duration::from_secs(1),
            upload_poll_attempts: 180,
            cdn_hosts: crate::routes::media_download::CdnAllowlist::default(),
            webhooks_allow_private_targets: false,
            webhook_timeout: Duration::from_secs(10),
            webhook_poll: Duration::from_millis(500),
            events_upstream: None,
            observe: crate::observe::ObserveSettings::default(),
            limits: crate::limits::LimitSettings::default(),
            tls: None,
            shutdown_grace: Duration::from_secs(30),
            upstream: crate::upstream_care::UpstreamCare::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub fansly: FanslyClient,
    pub keys: Arc<KeyCache>,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    /// CloudFront cookies of media locations seen, for unsigned downloads.
    pub cdn_cookies: Arc<crate::routes::media_download::CdnCookies>,
    /// The webhook delivery engine's handle (wake it after recording deliveries).
    pub webhooks: Arc<crate::webhooks::engine::Engine>,
    /// The per-account Fansly event sockets (event ingestion).
    pub events: Arc<crate::events::Hub>,
    /// Request log queue and metrics (`observe`).
    pub observe: Arc<crate::observe::Observe>,
    /// Per-key rate windows, plans and usage counters.
    pub limits: Arc<crate::limits::Limiter>,
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        fansly: FanslyClient,
        clock: Arc<dyn Clock>,
        settings: Settings,
    ) -> Self {
        let webhooks = Arc::new(crate::webhooks::engine::Engine::new(&settings));
        let limits = Arc::new(crate::limits::Limiter::new(&settings.limits));
        let observe = Arc::new(crate::observe::Observe::new(&settings.observe));
        let fansly = fansly.with_care(settings.upstream.care.clone());
        Self {
            webhooks,
            keys: Arc::new(KeyCache::new(Arc::clone(&store))),
            store,
            fansly,
            clock,
            settings: Arc::new(settings),
            cdn_cookies: Arc::default(),
            events: Arc::default(),
            observe,
            limits,
        }
    }
}

/// The whole HTTP surface. Layers, outermost first: request id → key identification →
/// request log and metrics (`observe::track`) → rate limit and credits (`limits`) →
/// `fresh=true` (`upstream_care::fresh`) → panic catcher → body limit → routes → fallbacks.
pub fn router(state: AppState) -> Router {
    let limit = state.settings.json_body_limit;
    with_boundary(
        Router::new()
            .nest("/api/fansly", routes::router())
            .merge(crate::observe::router())
            .merge(crate::openapi::router())
            .with_state(state.clone()),
        limit,
    )
    .layer(from_fn(crate::upstream_care::fresh))
    .layer(from_fn_with_state(state.clone(), crate::limits::middleware))
    .layer(from_fn_with_state(state.clone(), crate::observe::track))
    .layer(from_fn_with_state(state, auth::identify))
    .layer(from_fn(request_id::middleware))
}

/// The layers and fallbacks that make every answer an envelope, whatever the routes.
fn with_boundary(routes: Router, json_body_limit: usize) -> Router {
    routes
        .fallback(fallback::not_found)
        .method_not_allowed_fallback(fallback::method_not_allowed)
        .layer(DefaultBodyLimit::max(json_body_limit))
        .layer(CatchPanicLayer::custom(fallback::panic_response))
}

/// Loads the key snapshot, starts the background tasks, and serves (HTTPS when
/// `settings.tls` is set) until `shutdown` resolves; then shuts down gracefully:
///
/// 1. at the signal: the listening socket closes (new connections are refused), idle
///    keep-alive connections close, and the webhook engine starts no new attempt;
/// 2. requests in flight finish, and so do webhook attempts in flight, both bounded by one
///    deadline, `settings.shutdown_grace` after the signal (what is left then is cut off; an
///    unfinished webhook attempt stays pending and is retried after the next start);
/// 3. the event sockets and the key refresher stop;
/// 4. the shutdown hooks run (see the marked spot below), and `serve` returns `Ok`.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let tls = match &state.settings.tls {
        Some(files) => Some(files.load().map_err(std::io::Error::other)?),
        None => None,
    };
    state
        .keys
        .refresh()
        .await
        .map_err(|e| std::io::Error::other(format!("loading API keys: {e}")))?;
    crate::upstream_care::route_all(&state).await;
    crate::uploads::recover(&state).await;
    let limits = crate::limits::start(&state)
        .await
        .map_err(|e| std::io::Error::other(format!("loading key plans and usage: {e}")))?;
    // ── Background tasks: start them here, stop them in the shutdown part below. ──
    let refresher = state.keys.spawn_refresher(state.settings.key_refresh);
    let request_log = crate::observe::request_log::start(&state);
    let engine = crate::webhooks::engine::start(&state);
    crate::events::start_all(&state).await;
    let events = Arc::clone(&state.events);
    let grace = state.settings.shutdown_grace;

    // The signal, fanned out: `axum::serve` stops accepting, the engine stops starting
    // attempts, and the drain deadline starts.
    let (signalled_tx, mut signalled) = tokio::sync::watch::channel(None::<Instant>);
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing requests and webhook attempts in flight");
        let _ = signalled_tx.send(Some(Instant::now()));
    };
    let app = router(state);
    let http = async move {
        match tls {
            None => {
                let listener = listener.tap_io(|tcp| {
                    let _ = tcp.set_nodelay(true);
                });
                axum::serve(listener, app)
                    .with_graceful_shutdown(signal)
                    .await
            }
            Some(config) => {
                axum::serve(crate::tls::TlsListener::new(listener, config)?, app)
                    .with_graceful_shutdown(signal)
                    .await
            }
        }
    };
    let drained = async {
        let at = signalled
            .wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|at| *at);
        let Some(at) = at else {
            // The signal never came (serving ended on its own).
            return std::future::pending().await;
        };
        engine.begin_stop();
        tokio::time::sleep_until((at + grace).into()).await;
        at
    };
    let result = tokio::select! {
        r = http => r,
        _ = drained => {
            tracing::warn!(
                grace_s = grace.as_secs(),
                "shutdown deadline reached: requests still in flight were cut off"
            );
            Ok(())
        }
    };
    let signalled_at = *signalled.borrow();
    let deadline = signalled_at.map_or_else(Instant::now, |at| at + grace);
    engine
        .stop(deadline.saturating_duration_since(Instant::now()))
        .await;
    events.stop_all();
    refresher.abort();
    // ── Shutdown hooks: requests have finished (or were cut off) and no webhook attempt
    // runs any more. Flush buffered state here (request log writer, usage counters, …),
    // before `serve` returns and the process exits. ──
    request_log.stop().await;
    limits.stop().await;
    tracing::info!("stopped serving");
    result
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_answers_an_opaque_500_envelope() {
        async fn boom() -> &'static str {
            panic!("secret detail")
        }
        let app = with_boundary(Router::new().route("/boom", get(boom)), 1024)
            .layer(from_fn(request_id::middleware));
        let res = app
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let rid = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["statusCode"], 500);
        assert_eq!(v["error"], "Internal Server Error");
        assert_eq!(v["data"], serde_json::Value::Null);
        let msg = v["message"].as_str().unwrap();
        assert!(msg.contains(&rid), "{msg}");
        assert!(!msg.contains("secret detail"), "{msg}");
    }
}
