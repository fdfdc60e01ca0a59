//! Root probes, outside `/api/fansly` and without an API key:
//! - `GET /healthz`: the process answers (always 200).
//! - `GET /readyz`: 200 when the database answers and holds every migration this binary
//!   embeds; otherwise 503 whose message says which check failed.
//! - `GET /metrics`: Prometheus text format 0.0.4; behind `Authorization: Bearer <token>`
//!   when `metrics_token` is set.

use axum::Router;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use secrecy::ExposeSecret;
use serde_json::json;
use subtle::ConstantTimeEq;

use super::metrics;
use crate::http::envelope;
use crate::http::error::{ApiError, ApiResult};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(prometheus))
}

async fn healthz() -> Response {
    envelope::ok(StatusCode::OK, "Alive", json!({ "status": "alive" }))
}

async fn readyz(State(app): State<AppState>) -> ApiResult<Response> {
    let unavailable = |m: String| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, m);
    if let Err(e) = app.store.ping().await {
        return Err(unavailable("Not ready: the database does not answer".into()).with_cause(e));
    }
    let schema = app.store.schema_status().await.map_err(|e| {
        unavailable("Not ready: the migration state cannot be read".into()).with_cause(e)
    })?;
    if !schema.missing.is_empty() {
        return Err(unavailable(format!(
            "Not ready: the database lacks migrations {} (run `fansly-gateway migrate`)",
            list(&schema.missing)
        )));
    }
    if !schema.failed.is_empty() {
        return Err(unavailable(format!(
            "Not ready: migrations {} failed to apply",
            list(&schema.failed)
        )));
    }
    Ok(envelope::ok(
        StatusCode::OK,
        "Ready",
        json!({ "status": "ready", "database": "ok", "migrations": "current" }),
    ))
}

fn list(versions: &[i64]) -> String {
    versions
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn authorized(headers: &HeaderMap, token: &str) -> bool {
    let presented = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("");
    // Compare digests so neither length nor content leaks through timing.
    let a = <sha2::Sha256 as sha2::Digest>::digest(presented.as_bytes());
    let b = <sha2::Sha256 as sha2::Digest>::digest(token.as_bytes());
    bool::from(a.as_slice().ct_eq(b.as_slice()))
}

async fn prometheus(State(app): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(token) = &app.settings.observe.metrics_token
        && !authorized(&headers, token.expose_secret())
    {
        return Err(ApiError::unauthorized(
            "/metrics needs Authorization: Bearer <metrics token>",
        ));
    }
    let mut out = String::with_capacity(16 * 1024);
    app.observe.metrics.render(&mut out);
    match app.store.gauge_counts().await {
        Ok(g) => {
            metrics::gauge(
                &mut out,
                "fansly_gateway_webhook_deliveries_pending",
                "Webhook deliveries waiting to be sent.",
                g.pending_webhook_deliveries,
            );
            metrics::gauge(
                &mut out,
                "fansly_gateway_accounts_active",
                "Connected Fansly accounts with an active session.",
                g.active_accounts,
            );
            metrics::gauge(
                &mut out,
                "fansly_gateway_database_up",
                "1 when the database answered this scrape.",
                1,
            );
        }
        Err(e) => {
            tracing::warn!(error = %e, "metrics: reading gauges failed");
            metrics::gauge(
                &mut out,
                "fansly_gateway_database_up",
                "1 when the database answered this scrape.",
                0,
            );
        }
    }
    metrics::gauge(
        &mut out,
        "fansly_gateway_event_sockets",
        "Running Fansly event-socket tasks (one per connected account with ingestion on).",
        i64::try_from(app.events.running_count()).unwrap_or(i64::MAX),
    );
    metrics::gauge(
        &mut out,
        "fansly_gateway_connections_open",
        "Client connections open now (TLS handshakes included).",
        app.observe.connections.open(),
    );
    metrics::counter(
        &mut out,
        "fansly_gateway_connections_capped_total",
        "Times a new connection had to wait because --max-connections were open.",
        app.observe.connections.capped(),
    );
    let mut res = out.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    Ok(res)
}
