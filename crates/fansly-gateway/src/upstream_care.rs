//! Care for the Fansly side (issue 6), gateway half. The mechanics (pacing, 429 retries of
//! reads, coalescing, the short cache, proxy clients) live in `fansly_client::care` and
//! `fansly_client::proxy`; this module holds their settings and flags, the `fresh=true`
//! layer, and which proxy an account's calls use:
//!
//! 1. the account's own proxy (`proxy` on connect / verify-2fa, `PUT /accounts/{id}/proxy`),
//!    sealed in the store;
//! 2. else the country pool (`--proxy-pool`), one entry picked by a stable hash of the login;
//! 3. else direct.

use std::time::Duration;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fansly_client::{CareConfig, ProxyPool, ProxyUrl};
use gateway_store::Account;
use secrecy::ExposeSecret;

use crate::http::ApiError;
use crate::http::auth::Tenant;
use crate::http::query::QueryParams;
use crate::state::AppState;

/// Pacing, retries, cache and proxies (the one `Settings::upstream` field).
#[derive(Clone, Debug, Default)]
pub struct UpstreamCare {
    pub care: CareConfig,
    pub proxy_pool: ProxyPool,
}

/// Flags and `FANSLY_GATEWAY_*` variables of [`UpstreamCare`].
#[derive(clap::Args, Clone, Debug)]
pub struct CareArgs {
    /// Sustained calls per second to Fansly per connected account (0 = no pacing).
    #[arg(long, env = "FANSLY_GATEWAY_FANSLY_RATE", default_value_t = 4)]
    pub fansly_rate: u32,
    /// Calls an idle account may make back to back before pacing applies.
    #[arg(long, env = "FANSLY_GATEWAY_FANSLY_BURST", default_value_t = 8)]
    pub fansly_burst: u32,
    /// Longest a request waits for its account's pacing slot, in ms; beyond it the gateway
    /// answers 429 with Retry-After.
    #[arg(
        long,
        env = "FANSLY_GATEWAY_FANSLY_MAX_WAIT_MS",
        default_value_t = 5_000
    )]
    pub fansly_max_wait_ms: u64,
    /// How long a read that Fansly answered 429 keeps retrying, in ms (0 = never retry).
    #[arg(
        long,
        env = "FANSLY_GATEWAY_FANSLY_RETRY_DEADLINE_MS",
        default_value_t = 10_000
    )]
    pub fansly_retry_deadline_ms: u64,
    /// The longest Retry-After a read waits out before retrying, in ms (a longer one is
    /// answered to the client at once).
    #[arg(
        long,
        env = "FANSLY_GATEWAY_FANSLY_RETRY_AFTER_CAP_MS",
        default_value_t = 5_000
    )]
    pub fansly_retry_after_cap_ms: u64,
    /// Lifetime of cached slow-changing reads (profile, account lookups, tiers), in ms
    /// (0 = no cache). `fresh=true` on a request bypasses it.
    #[arg(
        long,
        env = "FANSLY_GATEWAY_FANSLY_CACHE_TTL_MS",
        default_value_t = 5_000
    )]
    pub fansly_cache_ttl_ms: u64,
    /// Identical concurrent reads of one account share one call to Fansly.
    #[arg(long, env = "FANSLY_GATEWAY_FANSLY_COALESCE", default_value_t = true, action = clap::ArgAction::Set)]
    pub fansly_coalesce: bool,
    /// A Fansly 429 with Retry-After holds all of that account's calls until then (they wait
    /// or get 429 from the gateway instead of reaching Fansly).
    #[arg(long, env = "FANSLY_GATEWAY_FANSLY_HOLD_ON_429", default_value_t = true, action = clap::ArgAction::Set)]
    pub fansly_hold_on_429: bool,
    /// Outbound proxies by country: `US=socks5://user:pass@host:1080|http://host2:8080;GB=…;*=…`
    /// (`*` = any other country). An account without its own proxy uses one of its
    /// `countryCode`'s, chosen by a stable hash of its login.
    #[arg(
        long,
        env = "FANSLY_GATEWAY_PROXY_POOL",
        default_value = "",
        hide_env_values = true,
        value_parser = |s: &str| Ok::<_, String>(PoolSpec(s.to_owned()))
    )]
    pub proxy_pool: PoolSpec,
}

/// The raw `--proxy-pool` text: it may hold proxy credentials, so `Debug` hides it, and it is
/// parsed in [`CareArgs::settings`] with errors that never echo it (clap's would).
#[derive(Clone)]
pub struct PoolSpec(pub String);

impl std::fmt::Debug for PoolSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PoolSpec(<redacted>)")
    }
}

impl CareArgs {
    pub fn settings(&self) -> anyhow::Result<UpstreamCare> {
        let proxy_pool = ProxyPool::parse(&self.proxy_pool.0)
            .map_err(|e| anyhow::anyhow!("--proxy-pool / FANSLY_GATEWAY_PROXY_POOL: {e}"))?;
        Ok(UpstreamCare {
            care: CareConfig {
                rate_per_sec: self.fansly_rate,
                burst: self.fansly_burst.max(1),
                max_wait: Duration::from_millis(self.fansly_max_wait_ms),
                read_retry_deadline: Duration::from_millis(self.fansly_retry_deadline_ms),
                retry_after_cap: Duration::from_millis(self.fansly_retry_after_cap_ms),
                cache_ttl: Duration::from_millis(self.fansly_cache_ttl_ms),
                coalesce: self.fansly_coalesce,
                hold_on_429: self.fansly_hold_on_429,
            },
            proxy_pool,
        })
    }
}

/// The layer that honours `fresh=true`: the request's Fansly reads skip the short cache.
/// `fresh` must be `true` or `false` when given.
pub async fn fresh(req: Request, next: Next) -> Response {
    // Most requests carry no `fresh`: skip parsing their query at all.
    if !req.uri().query().is_some_and(|q| q.contains("fresh")) {
        return next.run(req).await;
    }
    let q = QueryParams::parse(req.uri().query());
    match q.get("fresh") {
        None | Some("false") => next.run(req).await,
        Some("true") => fansly_client::care::bypass(next.run(req)).await,
        Some(_) => ApiError::bad_request("fresh must be true or false").into_response(),
    }
}

/// Validates a `proxy` request field: a 400 naming the field and the rule (never echoing
/// the value, which may hold credentials).
pub fn parse_proxy_field(field: &str, raw: &str) -> Result<ProxyUrl, ApiError> {
    ProxyUrl::parse(raw).map_err(|rule| ApiError::bad_request(format!("{field} {rule}")))
}

/// Where an account's calls go and why: `("account", Some)`, `("pool", Some)` or
/// `("direct", None)`.
pub async fn effective_proxy(
    app: &AppState,
    tenant: Tenant,
    account: &Account,
) -> Result<(&'static str, Option<ProxyUrl>), ApiError> {
    if let Some(own) = app.store.account_proxy(tenant.0, &account.id).await? {
        let url = ProxyUrl::parse(own.expose_secret())
            .map_err(|_| ApiError::internal("a stored account proxy no longer parses"))?;
        return Ok(("account", Some(url)));
    }
    Ok(pool_proxy(app, &account.country, &account.login))
}

/// The pool's pick for a login of `country`, or direct.
pub fn pool_proxy(app: &AppState, country: &str, login: &str) -> (&'static str, Option<ProxyUrl>) {
    match app.settings.upstream.proxy_pool.pick(country, login) {
        Some(p) => ("pool", Some(p.clone())),
        None => ("direct", None),
    }
}

/// Registers the account's session route with the Fansly client (every request that acts
/// as the account does it, so a proxy change applies at once).
pub async fn route_account(
    app: &AppState,
    tenant: Tenant,
    account: &Account,
) -> Result<(), ApiError> {
    let (_, proxy) = effective_proxy(app, tenant, account).await?;
    app.fansly.route_session(&account.session_id, proxy);
    Ok(())
}

/// At startup: routes every active account's session, so background work (event
/// reconciliation, upload recovery) goes through the right proxy before any request.
pub async fn route_all(app: &AppState) {
    let accounts = match app.store.active_accounts_all().await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "could not load accounts to route their proxies");
            return;
        }
    };
    for account in accounts {
        if let Err(e) = route_account(app, Tenant(account.tenant), &account).await {
            tracing::warn!(account = %account.id, error = %e.message, "could not route account proxy");
        }
    }
}
