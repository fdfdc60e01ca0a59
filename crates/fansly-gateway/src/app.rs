//! Application assembly: the shared state every handler sees, the router with its layers
//! (request id → panic catcher → body limit → routes → fallbacks), and serving with graceful
//! shutdown.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
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
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        fansly: FanslyClient,
        clock: Arc<dyn Clock>,
        settings: Settings,
    ) -> Self {
        let webhooks = Arc::new(crate::webhooks::engine::Engine::new(&settings));
        Self {
            webhooks,
            keys: Arc::new(KeyCache::new(Arc::clone(&store))),
            store,
            fansly,
            clock,
            settings: Arc::new(settings),
            cdn_cookies: Arc::default(),
            events: Arc::default(),
        }
    }
}

/// The whole HTTP surface. Layers, outermost first: request id → key identification →
/// (request log and metrics) → (rate limit and credits) → panic catcher → body limit →
/// routes → fallbacks.
pub fn router(state: AppState) -> Router {
    let limit = state.settings.json_body_limit;
    with_boundary(
        Router::new()
            .nest("/api/fansly", routes::router())
            .with_state(state.clone()),
        limit,
    )
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

/// Loads the key snapshot, starts its refresher, and serves until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    state
        .keys
        .refresh()
        .await
        .map_err(|e| std::io::Error::other(format!("loading API keys: {e}")))?;
    crate::uploads::recover(&state).await;
    let refresher = state.keys.spawn_refresher(state.settings.key_refresh);
    let engine = crate::webhooks::engine::start(&state);
    crate::events::start_all(&state).await;
    let events = Arc::clone(&state.events);
    let result = axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await;
    refresher.abort();
    engine.stop().await;
    events.stop_all();
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
