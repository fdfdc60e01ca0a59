//! The shared state every handler sees (`AppState`) and the gateway's tunables (`Settings`).
//! It sits below the routes: routes, layers and background tasks import it, and only
//! `app.rs`, which assembles the router, knows every route module.

use std::sync::Arc;
use std::time::Duration;

use fansly_client::FanslyClient;
use gateway_store::Store;

use crate::clock::Clock;
use crate::http::auth::KeyCache;

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
    /// Automatic re-login and the session health check (`crate::heal`).
    pub heal: crate::heal::HealSettings,
    /// Slow clients: header and body timeouts, the connection cap (`crate::serving`).
    pub connections: crate::serving::ConnSettings,
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
            heal: crate::heal::HealSettings::default(),
            connections: crate::serving::ConnSettings::default(),
        }
    }
}

/// The shared state, one `Arc` (a clone per middleware layer and handler is one atomic
/// increment, not one per field); its fields are reached through `Deref`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] holds.
pub struct Shared {
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
    /// This process's name and the live processes sharing the store.
    pub cluster: Arc<crate::cluster::Cluster>,
    /// Request log queue and metrics (`observe`).
    pub observe: Arc<crate::observe::Observe>,
    /// Per-key rate windows, plans and usage counters.
    pub limits: Arc<crate::limits::Limiter>,
    /// Session → account map, per-account re-login locks, health-check schedule.
    pub heal: Arc<crate::heal::Heal>,
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
        Self(Arc::new(Shared {
            webhooks,
            keys: Arc::new(KeyCache::new(Arc::clone(&store))),
            store,
            fansly,
            clock,
            settings: Arc::new(settings),
            cdn_cookies: Arc::default(),
            events: Arc::default(),
            cluster: Arc::default(),
            observe,
            limits,
            heal: Arc::default(),
        }))
    }

    /// A state for unit tests: an in-memory SQLite store, migrated, a Fansly client on its
    /// defaults (no test here calls it), a manual clock and default settings.
    #[cfg(test)]
    pub(crate) async fn for_test() -> Self {
        let store =
            gateway_store::open("sqlite::memory:", gateway_store::Keyring::from_key([7; 32]))
                .await
                .unwrap();
        store.migrate().await.unwrap();
        let fansly = FanslyClient::new(fansly_client::FanslyConfig::default()).unwrap();
        Self::new(
            store,
            fansly,
            Arc::new(crate::clock::ManualClock::new(1_790_000_000_000)),
            Settings::default(),
        )
    }
}
