//! The request log of the calling key (issue 6): `GET /logs`, newest first, with filters
//! `accountId`, `status` (`404` or a class like `4xx`), `method`, `route` (the template, e.g.
//! `/api/fansly/{account_id}/chats`), `since`/`until` (ISO-8601 or Unix ms, inclusive),
//! `limit` (1–500, default 50) and the opaque `cursor` of the previous page (`nextCursor`,
//! `null` on the last page). Another key's rows are never visible. No Fansly call.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use gateway_store::request_log::{RequestLogQuery, RequestLogRow, StatusFilter};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::http::auth::Tenant;
use crate::http::envelope::{self, timestamp_ms};
use crate::http::page::CursorKind;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult};
use crate::state::AppState;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

pub fn router() -> Router<AppState> {
    Router::new().route("/logs", get(list))
}

async fn list(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let q = QueryParams::parse(raw.as_deref());
    let limit = q.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let query = filters(&q, limit)?;
    let mut rows = app.store.request_log(tenant, &query).await?;
    let next = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.seq.to_string())
    } else {
        None
    };
    let logs: Vec<Value> = rows.iter().map(view).collect();
    Ok(envelope::ok(
        StatusCode::OK,
        "Request log",
        json!({ "count": logs.len(), "logs": logs, "nextCursor": next }),
    ))
}

/// The store query for these parameters (one row more than `limit`, to know if more follow).
fn filters(q: &QueryParams, limit: u32) -> ApiResult<RequestLogQuery> {
    let before_seq = q
        .cursor(CursorKind::Id)?
        .map(|c| c.parse::<i64>().unwrap_or(i64::MAX));
    let since_ms = q.get("since").map(|v| instant("since", v)).transpose()?;
    let until_ms = q.get("until").map(|v| instant("until", v)).transpose()?;
    if let (Some(s), Some(u)) = (since_ms, until_ms)
        && s > u
    {
        return Err(ApiError::bad_request("since must not be after until"));
    }
    let account_id = q
        .get("accountId")
        .map(|a| {
            if a.len() <= 64 {
                Ok(a.to_owned())
            } else {
                Err(ApiError::bad_request(
                    "accountId must be at most 64 characters",
                ))
            }
        })
        .transpose()?;
    Ok(RequestLogQuery {
        account_id,
        status: q.get("status").map(status).transpose()?,
        method: q.get("method").map(method).transpose()?,
        route: q.get("route").map(route).transpose()?,
        since_ms,
        until_ms,
        before_seq,
        limit: i64::from(limit) + 1,
    })
}

fn status(v: &str) -> ApiResult<StatusFilter> {
    let bad = || {
        ApiError::bad_request(format!(
            "status must be an HTTP status from 100 to 599 (e.g. 404) or a class 1xx to 5xx (got `{v}`)"
        ))
    };
    let b = v.as_bytes();
    if b.len() == 3 && b[1..].eq_ignore_ascii_case(b"xx") {
        return match b[0] {
            c @ b'1'..=b'5' => Ok(StatusFilter::Class(u16::from(c - b'0'))),
            _ => Err(bad()),
        };
    }
    match v.parse::<u16>() {
        Ok(n) if (100..=599).contains(&n) => Ok(StatusFilter::Exact(n)),
        _ => Err(bad()),
    }
}

const METHODS: [&str; 8] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "OTHER",
];

fn method(v: &str) -> ApiResult<String> {
    let m = v.to_ascii_uppercase();
    if METHODS.contains(&m.as_str()) {
        Ok(m)
    } else {
        Err(ApiError::bad_request(format!(
            "method must be one of {} (got `{v}`)",
            METHODS.join(", ")
        )))
    }
}

/// A route template; one given without the `/api/fansly` prefix gets it.
fn route(v: &str) -> ApiResult<String> {
    if !v.starts_with('/') || v.len() > 200 {
        return Err(ApiError::bad_request(
            "route must be a route template starting with / (e.g. /api/fansly/{account_id}/chats), at most 200 characters",
        ));
    }
    if v == "/api/fansly" || v.starts_with("/api/fansly/") {
        Ok(v.to_owned())
    } else {
        Ok(format!("/api/fansly{v}"))
    }
}

/// `since`/`until`: Unix milliseconds or an ISO-8601 (RFC 3339) date-time.
fn instant(name: &str, v: &str) -> ApiResult<i64> {
    if let Ok(ms) = v.parse::<i64>() {
        return Ok(ms);
    }
    OffsetDateTime::parse(v, &Rfc3339)
        .ok()
        .and_then(|t| i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok())
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "{name} must be Unix milliseconds or an ISO-8601 date-time like 2026-01-31T12:00:00Z (got `{v}`)"
            ))
        })
}

fn view(r: &RequestLogRow) -> Value {
    let e = &r.entry;
    json!({
        "id": r.seq.to_string(),
        "requestId": e.request_id,
        "timestamp": timestamp_ms(e.at_ms),
        "timestampMs": e.at_ms,
        "accountId": e.account_id,
        "method": e.method,
        "route": e.route,
        "status": e.status,
        "latencyMs": e.latency_us as f64 / 1000.0,
        "upstreamCalls": e.upstream_calls,
        "bytesIn": e.bytes_in,
        "bytesOut": e.bytes_out,
        "tool": e.tool,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_filters() {
        assert_eq!(status("404").unwrap(), StatusFilter::Exact(404));
        assert_eq!(status("4xx").unwrap(), StatusFilter::Class(4));
        assert_eq!(status("5XX").unwrap(), StatusFilter::Class(5));
        for bad in ["6xx", "0xx", "99", "600", "abc", "4x"] {
            assert!(status(bad).unwrap_err().message.contains("status"), "{bad}");
        }
    }

    #[test]
    fn instants_take_ms_or_iso() {
        assert_eq!(instant("since", "1500").unwrap(), 1500);
        assert_eq!(
            instant("since", "2026-02-05T17:06:11.491Z").unwrap(),
            1_770_311_171_491
        );
        assert!(
            instant("until", "yesterday")
                .unwrap_err()
                .message
                .starts_with("until")
        );
    }

    #[test]
    fn routes_and_methods() {
        assert_eq!(
            route("/{account_id}/chats").unwrap(),
            "/api/fansly/{account_id}/chats"
        );
        assert_eq!(route("/api/fansly/logs").unwrap(), "/api/fansly/logs");
        assert!(route("chats").is_err());
        assert_eq!(method("get").unwrap(), "GET");
        assert!(method("FETCH").unwrap_err().message.contains("method"));
    }
}
