//! [`FanslyClient`]: one HTTP connection pool plus the signing state, and the
//! single generic [`FanslyClient::call`] every typed call goes through.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::header::{
    ACCEPT, ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName,
    HeaderValue, ORIGIN, REFERER, RETRY_AFTER, SET_COOKIE, USER_AGENT,
};
use secrecy::ExposeSecret;

use crate::request::{Auth, Method, NativeRequest, NativeResponse};
use crate::transport::{self, Via};
use crate::{FanslyConfig, FanslyError, care, check, envelope, jar, proxy, tally};
const ACCEPT_VALUE: &str = "application/json, text/plain, */*";
const ACCEPT_LANGUAGE_VALUE: &str = "en-US,en;q=0.9";
const WEB_ORIGIN: &str = "https://fansly.com";
const WEB_REFERER: &str = "https://fansly.com/";
const SESSION_ID: HeaderName = HeaderName::from_static("fansly-session-id");
const CLIENT_ID: HeaderName = HeaderName::from_static("fansly-client-id");
const CLIENT_TS: HeaderName = HeaderName::from_static("fansly-client-ts");
const CLIENT_CHECK: HeaderName = HeaderName::from_static("fansly-client-check");

/// Client for Fansly's web API. Cheap to clone; clones share the connection
/// pool and the `fansly-client-ts` clock.
#[derive(Clone)]
pub struct FanslyClient {
    /// Native calls not routed through a proxy ([`crate::transport`]).
    direct: transport::Direct,
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
            direct: transport::direct(&config)?,
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
            direct: self.direct.clone(),
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
            None => Via::Direct(self.direct.clone()),
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

    /// One signed HTTP exchange with Fansly, counted by [`tally::record`].
    async fn exchange(
        &self,
        base: &url::Url,
        req: &NativeRequest<'_>,
    ) -> Result<NativeResponse, FanslyError> {
        let url = Self::url_on(base, req.path, &req.query);
        let session_id = match req.auth {
            Auth::Session(creds) => Some(creds.session_id.as_str()),
            _ => None,
        };
        let via = self.via(session_id)?;
        let mut headers = HeaderMap::with_capacity(13);
        // Static values: no copy per request.
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE));
        headers.insert(
            ACCEPT_LANGUAGE,
            HeaderValue::from_static(ACCEPT_LANGUAGE_VALUE),
        );
        headers.insert(ORIGIN, HeaderValue::from_static(WEB_ORIGIN));
        headers.insert(REFERER, HeaderValue::from_static(WEB_REFERER));

        let (device_id, session) = match req.auth {
            Auth::None => (None, None),
            Auth::Device(device_id) => (Some(device_id), None),
            Auth::Session(creds) => (Some(creds.device_id.as_str()), Some(creds)),
        };
        let header = |v: &str, what: &str| {
            HeaderValue::from_str(v)
                .map_err(|_| FanslyError::Malformed(format!("{what} is not a valid header value")))
        };
        if let Some(creds) = session {
            let mut token = header(creds.token.expose_secret(), "the session token")?;
            token.set_sensitive(true);
            headers.insert(AUTHORIZATION, token);
            headers.insert(SESSION_ID, header(&creds.session_id, "the session id")?);
        }
        let user_agent = match device_id {
            Some(device_id) => {
                let mut cookie = header(&self.jars.header(device_id), "a cookie")?;
                cookie.set_sensitive(true);
                headers.insert(COOKIE, cookie);
                headers.insert(CLIENT_ID, header(device_id, "the device id")?);
                headers.insert(CLIENT_TS, HeaderValue::from(self.next_ts()));
                headers.insert(
                    CLIENT_CHECK,
                    header(
                        &check::client_check(&self.config.check_key, url.path(), device_id),
                        "the client check",
                    )?,
                );
                self.user_agent_for(device_id)
            }
            None => &self.config.user_agent,
        };
        headers.insert(USER_AGENT, header(user_agent, "the user agent")?);
        let body =
            match &req.body {
                Some(body) => {
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    Bytes::from(serde_json::to_vec(body).map_err(|e| {
                        FanslyError::Malformed(format!("cannot encode the body: {e}"))
                    })?)
                }
                None => Bytes::new(),
            };
        let mut request = http::Request::new(body);
        *request.method_mut() = match req.method {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
        };
        *request.uri_mut() = http::Uri::try_from(url.as_str())
            .map_err(|e| FanslyError::Malformed(format!("cannot send to `{url}`: {e}")))?;
        *request.headers_mut() = headers;

        let started = Instant::now();
        let mut bytes = 0;
        let result = self
            .send(&via, request, session.is_some(), device_id, &mut bytes)
            .await;
        let elapsed = started.elapsed();
        tally::record(tally::Outcome::of(&result), elapsed, bytes);
        let latency_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        match &result {
            Ok(resp) => tracing::debug!(
                method = req.method.as_str(),
                path = req.path,
                status = resp.status,
                latency_ms,
                "fansly call"
            ),
            Err(err) => tracing::debug!(
                method = req.method.as_str(),
                path = req.path,
                status = error_status(err),
                latency_ms,
                error = %err,
                "fansly call failed"
            ),
        }
        result
    }

    async fn send(
        &self,
        via: &Via,
        request: http::Request<Bytes>,
        with_session: bool,
        device_id: Option<&str>,
        bytes_read: &mut u64,
    ) -> Result<NativeResponse, FanslyError> {
        let timeout = self.config.request_timeout;
        let answer = transport::exchange(via, request, timeout, bytes_read).await?;
        if let Some(device_id) = device_id {
            let set = answer.headers.get_all(SET_COOKIE).iter();
            self.jars
                .store(device_id, set.filter_map(|v| v.to_str().ok()));
        }
        let retry_after = answer
            .headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok());
        envelope::classify(answer.status, retry_after, answer.body, with_session)
    }

    /// `<api_base>/api/v1<path>?ngsw-bypass=true&k=v…`, keeping any path prefix
    /// of `api_base` and leaving commas in values unescaped.
    #[cfg(test)]
    fn url(&self, path: &str, query: &[(&str, String)]) -> url::Url {
        Self::url_on(&self.config.api_base, path, query)
    }

    fn url_on(base: &url::Url, path: &str, query: &[(&str, String)]) -> url::Url {
        let mut url = base.clone();
        let prefix = url.path().trim_end_matches('/').to_owned();
        let path = path.trim_start_matches('/');
        url.set_path(&format!("{prefix}/api/v1/{path}"));
        let mut q = String::from("ngsw-bypass=true");
        for (key, value) in query {
            q.push('&');
            q.push_str(&encode_component(key));
            q.push('=');
            q.push_str(&encode_component(value));
        }
        url.set_query(Some(&q));
        url.set_fragment(None);
        url
    }

    /// `fansly-client-ts`: wall-clock ms, strictly increasing across the client.
    fn next_ts(&self) -> u64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        let (Ok(prev) | Err(prev)) =
            self.last_ts
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |prev| {
                    Some(now.max(prev + 1))
                });
        now.max(prev + 1)
    }
}

/// Form-style percent-encoding, but commas stay literal as the browser sends them.
fn encode_component(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace("%2C", ",")
}

fn error_status(err: &FanslyError) -> u16 {
    match err {
        FanslyError::Rejected { status, .. } | FanslyError::Server { status } => *status,
        FanslyError::SessionExpired => 401,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> FanslyClient {
        FanslyClient::new(FanslyConfig {
            api_base: base.parse().expect("url"),
            ..FanslyConfig::default()
        })
        .expect("client")
    }

    #[test]
    fn url_joins_base_prefix_and_path() {
        let q = [("ids", "1,2".to_owned())];
        assert_eq!(
            client("https://apiv3.fansly.com")
                .url("/account", &q)
                .as_str(),
            "https://apiv3.fansly.com/api/v1/account?ngsw-bypass=true&ids=1,2"
        );
        assert_eq!(
            client("http://127.0.0.1:9/x/")
                .url("account/me", &[])
                .as_str(),
            "http://127.0.0.1:9/x/api/v1/account/me?ngsw-bypass=true"
        );
        assert_eq!(
            client("http://127.0.0.1:9/x?old=1#frag")
                .url("/device/id", &[])
                .as_str(),
            "http://127.0.0.1:9/x/api/v1/device/id?ngsw-bypass=true"
        );
    }

    #[test]
    fn a_base_that_cannot_hold_a_path_is_refused() {
        let config = FanslyConfig {
            api_base: "mailto:someone@example.com".parse().expect("url"),
            ..FanslyConfig::default()
        };
        assert!(FanslyClient::new(config).is_err());
    }

    #[test]
    fn ts_is_monotonic_even_within_one_millisecond() {
        let c = client("https://apiv3.fansly.com");
        let a = c.next_ts();
        let b = c.next_ts();
        let d = c.clone().next_ts();
        assert!(a < b && b < d, "{a} {b} {d}");
    }
}
