//! [`FanslyClient`]: the connection pools, pacing, proxy routes and cookie jars, and the
//! single generic [`FanslyClient::call`] every typed call goes through.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::request::{Auth, Method, NativeRequest, NativeResponse};
use crate::transport::{self, Via};
use crate::{FanslyConfig, FanslyError, care, jar, proxy, tally};

mod exchange;
/// Client for Fansly's web API. Cheap to clone; clones share the connection
/// pool and the `fansly-client-ts` clock.
#[derive(Clone)]
pub struct FanslyClient {
    /// Native calls not routed through a proxy ([`crate::transport`]).
    direct: Arc<transport::Pools>,
    /// Part uploads and CDN reads not routed through a proxy.
    http: reqwest::Client,
    config: Arc<FanslyConfig>,
    last_ts: Arc<AtomicU64>,
    /// Pacing buckets, in-flight reads and the short cache ([`crate::care`]).
    care: Arc<care::Care>,
    /// Session → proxy routes and one HTTP client per proxy ([`crate::proxy`]).
    routing: Arc<proxy::Routing>,
    /// One cookie jar per account ([`crate::jar`]).
    jars: Arc<jar::Jars>,
}

impl std::fmt::Debug for FanslyClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FanslyClient")
            .field("api_base", &self.config.api_base.as_str())
            .finish_non_exhaustive()
    }
}

impl FanslyClient {
    /// Builds the HTTP client with the configured timeouts and user agent.
    /// Redirects are not followed: the API never redirects, and a redirect
    /// must not carry the session headers elsewhere.
    pub fn new(config: FanslyConfig) -> Result<Self, FanslyError> {
        if config.api_base.cannot_be_a_base() {
            return Err(FanslyError::Transport(format!(
                "api_base `{}` cannot be a base URL",
                config.api_base
            )));
        }
        let http = Self::build_http(&config, None)?;
        Ok(Self {
            direct: Arc::new(transport::Pools::new(&config)?),
            http,
            config: Arc::new(config),
            last_ts: Arc::new(AtomicU64::new(0)),
            care: Arc::default(),
            routing: Arc::default(),
            jars: Arc::default(),
        })
    }

    fn build_http(
        config: &FanslyConfig,
        proxy: Option<reqwest::Proxy>,
    ) -> Result<reqwest::Client, FanslyError> {
        let mut builder = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .timeout(config.request_timeout)
            .connect_timeout(config.connect_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if let Some(proxy) = proxy {
            builder = builder.proxy(proxy);
        }
        builder
            .build()
            .map_err(|e| FanslyError::Transport(format!("cannot build the HTTP client: {e}")))
    }

    /// The same client (connection pool, clock, proxy routes) with other care settings and
    /// fresh pacing / cache state.
    pub fn with_care(&self, care: care::CareConfig) -> Self {
        let mut config = (*self.config).clone();
        config.care = care;
        Self {
            direct: Arc::clone(&self.direct),
            http: self.http.clone(),
            config: Arc::new(config),
            last_ts: Arc::clone(&self.last_ts),
            care: Arc::default(),
            routing: Arc::clone(&self.routing),
            jars: Arc::clone(&self.jars),
        }
    }

    /// The calls each account wanted since the last call, keyed by [`care::pace_key`] (several
    /// gateways share an account's pace by these; see [`FanslyClient::set_pacing_shares`]).
    pub fn take_pacing_demand(&self) -> Vec<(String, u64)> {
        self.care.pacer.take_demand()
    }

    /// Paces each account at `share` of the configured rate and burst: `by_key` (keyed by
    /// [`care::pace_key`]) for the accounts in it, `default` for the others. 1 everywhere is
    /// a process alone.
    pub fn set_pacing_shares(&self, default: f64, by_key: std::collections::HashMap<String, f64>) {
        self.care.pacer.set_shares(default, by_key);
    }

    /// Waits for a pacing slot of the account behind `session_id`, however long that takes
    /// (never fails): for work outside `call`, such as event WebSocket (re)connects, so a
    /// reconnect storm shares the account's budget with its API calls.
    pub async fn pace_session(&self, session_id: &str) {
        let patient = care::CareConfig {
            max_wait: std::time::Duration::MAX,
            ..self.config.care.clone()
        };
        let account = format!("session:{session_id}");
        // With no deadline the pacer never refuses.
        let _ = self.care.pacer.acquire(&patient, &account).await;
    }

    /// The proxy `session_id` is routed through (`None`: direct), for work without session
    /// headers (part uploads, CDN reads) to run inside [`proxy::via`].
    pub fn session_proxy(&self, session_id: &str) -> Option<proxy::ProxyUrl> {
        self.routing.session(session_id)
    }

    /// Routes every later call made with `session_id` through `proxy` (`None`: direct).
    pub fn route_session(&self, session_id: &str, proxy: Option<proxy::ProxyUrl>) {
        self.routing.set_session(session_id, proxy);
    }

    /// The client for a native call: hyper's direct one, or the proxy's own (cached) client
    /// when the call goes through one.
    fn via(&self, session_id: Option<&str>) -> Result<Via, FanslyError> {
        Ok(match self.proxy_client(session_id)? {
            None => Via::Direct(self.direct.client()),
            Some(client) => Via::Proxy(client),
        })
    }

    /// The HTTP client for work without session headers: the proxy's own (cached) client
    /// when it goes through one.
    fn http_via(&self, session_id: Option<&str>) -> Result<reqwest::Client, FanslyError> {
        Ok(self
            .proxy_client(session_id)?
            .unwrap_or_else(|| self.http.clone()))
    }

    /// The (cached) client of the proxy `session_id` is routed through; `None`: direct.
    fn proxy_client(
        &self,
        session_id: Option<&str>,
    ) -> Result<Option<reqwest::Client>, FanslyError> {
        self.routing
            .proxy_for(session_id)
            .map(|p| {
                self.routing
                    .client(&p, |rp| Self::build_http(&self.config, Some(rp)))
            })
            .transpose()
    }

    pub fn config(&self) -> &FanslyConfig {
        &self.config
    }

    /// The user agent the account with `device_id` presents, on REST and on its socket.
    pub fn user_agent_for(&self, device_id: &str) -> &str {
        jar::user_agent_for(&self.config.user_agents, &self.config.user_agent, device_id)
    }

    /// The `Cookie` header of the account with `device_id` (`f-d`, plus what Fansly set,
    /// e.g. `f-s-c`), for its event socket. A secret: never log it.
    pub fn cookie_header(&self, device_id: &str) -> String {
        self.jars.header(device_id)
    }

    /// Sends one native request and reads the envelope. Errors follow
    /// route-map §0.4: see [`FanslyError`].
    pub async fn call(&self, req: NativeRequest<'_>) -> Result<NativeResponse, FanslyError> {
        self.call_on(&self.config.api_base, req).await
    }

    /// The HTTP client for presigned part uploads and CDN reads (no Fansly headers): through
    /// the proxy of the current [`proxy::via`] scope, else direct. A proxy that cannot be
    /// used is an error, never a silent direct connection.
    pub(crate) fn http(&self) -> Result<reqwest::Client, FanslyError> {
        self.http_via(None)
    }

    /// [`FanslyClient::call`] against another host with the same API layout (the [media]
    /// upload host). Every native call goes through here: pacing per account, 429 retries
    /// of reads, coalescing and the short cache ([`crate::care`]) wrap the exchange.
    pub(crate) async fn call_on(
        &self,
        base: &url::Url,
        req: NativeRequest<'_>,
    ) -> Result<NativeResponse, FanslyError> {
        let result = self.call_once(base, &req).await;
        // A dead session: the renewer in scope may log in again; the call then runs once more
        // with the new session (Fansly did not act on a 401, so writes are safe to repeat).
        if let (Err(FanslyError::SessionExpired), Auth::Session(dead)) = (&result, req.auth)
            && let Some(fresh) = crate::renew::renewed(dead).await
        {
            let retry = NativeRequest {
                auth: Auth::Session(&fresh),
                ..req
            };
            return self.call_once(base, &retry).await;
        }
        result
    }

    async fn call_once(
        &self,
        base: &url::Url,
        req: &NativeRequest<'_>,
    ) -> Result<NativeResponse, FanslyError> {
        let account = care::account_key(&req.auth);
        if req.method == Method::Post {
            let result = self.paced_exchange(&account, base, req).await;
            // Whatever the outcome, the write may have changed what the account reads.
            self.care.cache.invalidate(&account);
            return result;
        }
        let cfg = &self.config.care;
        let cacheable = !cfg.cache_ttl.is_zero() && care::cacheable(req.path);
        let key = care::read_key(&account, base, req);
        if cacheable
            && !care::bypassed()
            && let Some(hit) = self.care.cache.get(&account, &key)
        {
            tally::care_event(tally::CareEvent::CacheHit);
            return Ok(hit);
        }
        let generation = self.care.cache.generation(&account);
        let result = if cfg.coalesce {
            self.care
                .flights
                .run(&key, || self.read_with_retry(&account, base, req))
                .await
        } else {
            self.read_with_retry(&account, base, req).await
        };
        if cacheable && let Ok(resp) = &result {
            self.care
                .cache
                .put(&account, key, generation, cfg.cache_ttl, resp);
        }
        result
    }

    /// A read: on 429 waits `Retry-After` (capped) and tries again while the retry deadline
    /// allows; each attempt is a real (paced, counted) exchange.
    async fn read_with_retry(
        &self,
        account: &str,
        base: &url::Url,
        req: &NativeRequest<'_>,
    ) -> Result<NativeResponse, FanslyError> {
        let cfg = &self.config.care;
        let deadline = tokio::time::Instant::now() + cfg.read_retry_deadline;
        loop {
            let result = self.paced_exchange(account, base, req).await;
            let Err(FanslyError::RateLimited { retry_after }) = &result else {
                return result;
            };
            // Never earlier than Fansly asks: a Retry-After above the cap is surfaced as is.
            let wait = match retry_after {
                Some(asked) if *asked > cfg.retry_after_cap => return result,
                Some(asked) => *asked,
                None => care::DEFAULT_429_WAIT.min(cfg.retry_after_cap),
            };
            if cfg.read_retry_deadline.is_zero() || tokio::time::Instant::now() + wait > deadline {
                return result;
            }
            tracing::debug!(
                path = req.path,
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                "Fansly rate limited a read; retrying"
            );
            tally::care_event(tally::CareEvent::ReadRetried);
            tokio::time::sleep(wait).await;
        }
    }

    async fn paced_exchange(
        &self,
        account: &str,
        base: &url::Url,
        req: &NativeRequest<'_>,
    ) -> Result<NativeResponse, FanslyError> {
        self.care.pacer.acquire(&self.config.care, account).await?;
        let result = self.exchange(base, req).await;
        if let Err(FanslyError::RateLimited {
            retry_after: Some(wait),
        }) = &result
        {
            self.care.pacer.hold(
                &self.config.care,
                account,
                *wait,
                tokio::time::Instant::now(),
            );
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_that_cannot_hold_a_path_is_refused() {
        let config = FanslyConfig {
            api_base: "mailto:someone@example.com".parse().expect("url"),
            ..FanslyConfig::default()
        };
        assert!(FanslyClient::new(config).is_err());
    }
}
