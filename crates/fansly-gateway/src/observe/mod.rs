//! Observability (issue 6): the request log, Prometheus metrics, the access log line and the
//! health probes.
//!
//! [`track`] is the first step of `http::edge::per_route`, around every route (after
//! routing, so the route template is known, and after `auth::identify`, so the key is): it runs the request inside a fresh
//! `fansly_client::tally` scope, then counts it in [`metrics::Metrics`], writes one `access`
//! log line, and queues a request-log entry for `/api/fansly` calls made with a valid key.
//! Nothing here can fail or hold up the request: the queue never waits (full → dropped and
//! counted) and the database write happens in a background task ([`request_log::start`]).

pub mod config;
pub mod health;
pub mod metrics;
pub mod request_log;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::HttpBody as _;
use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request};
use axum::http::header::CONTENT_LENGTH;
use axum::response::Response;
use fansly_client::tally::{self, CallTally};
use gateway_store::request_log::NewRequestLog;
use secrecy::SecretString;

use crate::http::auth::Tenant;
use crate::http::request_id;
use crate::state::AppState;

/// Settings of this module (`Settings::observe`).
#[derive(Clone, Debug)]
pub struct ObserveSettings {
    /// Days request-log rows are kept; 0 turns the request log off (and prunes every row).
    pub request_log_retention_days: u32,
    /// Entries the writer's queue holds before new ones are dropped.
    pub request_log_queue: usize,
    /// Most entries written in one transaction.
    pub request_log_batch: usize,
    /// How long the writer waits for a batch to fill.
    pub request_log_flush: Duration,
    /// How often rows past the retention are deleted.
    pub request_log_prune_every: Duration,
    /// When set, `/metrics` requires `Authorization: Bearer <token>`.
    pub metrics_token: Option<SecretString>,
}

impl Default for ObserveSettings {
    fn default() -> Self {
        Self {
            request_log_retention_days: request_log::DEFAULT_RETENTION_DAYS,
            request_log_queue: request_log::DEFAULT_QUEUE,
            request_log_batch: request_log::DEFAULT_BATCH,
            request_log_flush: request_log::DEFAULT_FLUSH,
            request_log_prune_every: request_log::DEFAULT_PRUNE_EVERY,
            metrics_token: None,
        }
    }
}

/// The state this module keeps (`AppState::observe`).
#[derive(Debug)]
pub struct Observe {
    pub metrics: metrics::Metrics,
    pub log: request_log::RequestLog,
    /// Open client connections and how often their cap was reached (`crate::serving`).
    pub connections: Arc<crate::serving::ConnStats>,
}

impl Observe {
    pub fn new(settings: &ObserveSettings) -> Self {
        Self {
            metrics: metrics::Metrics::default(),
            log: request_log::RequestLog::new(settings),
            connections: Arc::default(),
        }
    }
}

/// The root routes: `/healthz`, `/readyz`, `/metrics`.
pub fn router() -> axum::Router<AppState> {
    health::router()
}

const API_PREFIX: &str = "/api/fansly";

fn is_api_path(path: &str) -> bool {
    path.strip_prefix(API_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The `{account_id}` path parameter, when it is a plausible id (anything else is not kept).
fn account_param(params: Option<&RawPathParams>) -> Option<String> {
    let (_, v) = params?.iter().find(|(k, _)| *k == "account_id")?;
    let ok = !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| v.to_owned())
}

fn declared_len(headers: &axum::http::HeaderMap) -> Option<i64> {
    headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok())
}

/// Middleware: see the module comment. The request's [`CallTally`] is also left in its
/// extensions for inner layers (credits) to read.
pub async fn track<F>(app: &AppState, req: Request, next: impl FnOnce(Request) -> F) -> Response
where
    F: Future<Output = Response>,
{
    let started = Instant::now();
    let at_ms = app.clock.now_ms();
    let method = metrics::method_label(req.method());
    let route = req.extensions().get::<MatchedPath>().cloned();
    let tenant = req.extensions().get::<Tenant>().copied();
    let in_api = is_api_path(req.uri().path());
    let tool = req
        .extensions()
        .get::<crate::mcp::McpTool>()
        .map(|t| t.0.to_owned());
    let bytes_in = declared_len(req.headers()).or_else(|| {
        let hint = req.body().size_hint();
        hint.exact().map(|n| i64::try_from(n).unwrap_or(i64::MAX))
    });
    let (mut parts, body) = req.into_parts();
    let account_id = if in_api && tenant.is_some() {
        let params = RawPathParams::from_request_parts(&mut parts, &())
            .await
            .ok();
        account_param(params.as_ref())
    } else {
        None
    };
    let calls = Arc::new(CallTally::default());
    parts.extensions.insert(Arc::clone(&calls));
    let req = Request::from_parts(parts, body);

    let res = tally::scope(Arc::clone(&calls), next(req)).await;

    let latency = started.elapsed();
    let status = res.status().as_u16();
    let route = route.as_ref().map_or(metrics::UNMATCHED, |m| m.as_str());
    let upstream_calls = calls.calls();
    let bytes_out = declared_len(res.headers()).or_else(|| {
        res.body()
            .size_hint()
            .exact()
            .map(|n| i64::try_from(n).unwrap_or(i64::MAX))
    });
    let latency_us = i64::try_from(latency.as_micros()).unwrap_or(i64::MAX);
    app.observe.metrics.request(route, method, status, latency);
    // The enclosing `request` span already carries request_id, method and path.
    tracing::info!(
        target: "access",
        route,
        status,
        latency_us,
        upstream_calls,
        bytes_out,
        "request finished"
    );
    if in_api
        && let Some(Tenant(tenant)) = tenant
        && app.observe.log.enabled()
    {
        let entry = NewRequestLog {
            tenant,
            at_ms,
            request_id: request_id::current(),
            account_id,
            method: method.to_owned(),
            route: route.to_owned(),
            status,
            latency_us,
            upstream_calls,
            bytes_in,
            bytes_out,
            tool,
        };
        app.observe.log.push(entry, &app.observe.metrics);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths_are_the_prefix_and_below() {
        assert!(is_api_path("/api/fansly"));
        assert!(is_api_path("/api/fansly/accounts"));
        assert!(!is_api_path("/api/fanslyx"));
        assert!(!is_api_path("/metrics"));
    }
}
