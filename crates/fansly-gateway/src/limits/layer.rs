//! The limits middleware: admits or refuses each keyed `/api/fansly` request (429 / 402), adds
//! the `X-RateLimit-*` headers, and prices the answer by its size (see `credits.rs`). Also the
//! webhook engine's hook for delivered events.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::{Body, HttpBody as _};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;

use super::credits;
use super::{Decision, Plan};
use crate::http::ApiError;
use crate::http::auth::Tenant;
use crate::state::AppState;

/// What `X-RateLimit-Limit` and `X-RateLimit-Remaining` say for an unlimited plan: a number
/// (clients parse it) that fits any signed 32-bit integer and never looks like "wait".
pub const UNLIMITED_HEADER_VALUE: u64 = i32::MAX as u64;
pub const RATE_LIMITED_MESSAGE: &str =
    "Rate limit exceeded. Please wait before making more requests.";

/// What a route costs, by path (after `/api/fansly`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Standard,
    Upload,
    Download,
    /// `GET /usage`: free, and answered even when credits are spent.
    Usage,
}

fn classify(path: &str) -> Kind {
    let rest = path.strip_prefix("/api/fansly").unwrap_or(path);
    // The last three non-empty segments, newest first (no allocation on the hot path).
    let mut segs = rest.rsplit('/').filter(|s| !s.is_empty());
    let (last, prev, third) = (segs.next(), segs.next(), segs.next());
    match (last, prev, third) {
        (Some("usage"), None, _) => Kind::Usage,
        (Some("upload"), Some("media"), _) => Kind::Upload,
        (Some("download"), Some("media"), _) | (Some("download"), Some(_), Some("media")) => {
            Kind::Download
        }
        _ => Kind::Standard,
    }
}

fn is_api_path(path: &str) -> bool {
    path == "/api/fansly" || path.starts_with("/api/fansly/")
}

fn header_number(n: u64) -> HeaderValue {
    HeaderValue::from(n)
}

/// `X-RateLimit-Limit`, `-Remaining` and `-Plan` for a plan with `used` requests in the window.
fn rate_headers(headers: &mut HeaderMap, plan: &Plan, used: u64) {
    let (limit, remaining) = match plan.rpm {
        Some(l) => (u64::from(l), u64::from(l).saturating_sub(used)),
        None => (UNLIMITED_HEADER_VALUE, UNLIMITED_HEADER_VALUE),
    };
    headers.insert(
        HeaderName::from_static("x-ratelimit-limit"),
        header_number(limit),
    );
    headers.insert(
        HeaderName::from_static("x-ratelimit-remaining"),
        header_number(remaining),
    );
    if let Ok(v) = HeaderValue::from_str(&plan.name) {
        headers.insert(HeaderName::from_static("x-ratelimit-plan"), v);
    }
}

/// A step of `http::edge::per_route` (after `auth::identify` and `observe::track`): limits,
/// meters and labels every request that carries a valid key. Requests without one pass untouched (their route answers 401).
pub async fn admit<F>(app: &AppState, req: Request, next: impl FnOnce(Request) -> F) -> Response
where
    F: Future<Output = Response>,
{
    let tenant = match req.extensions().get::<Tenant>() {
        Some(Tenant(t)) if is_api_path(req.uri().path()) => *t,
        _ => return next(req).await,
    };
    let kind = classify(req.uri().path());
    let limiter = Arc::clone(&app.limits);
    let plan = limiter.plan_for(tenant, &*app.store).await;
    // Several gateways: a key's first request here reserves part of its minute.
    limiter.reserve_first(app, tenant, &plan).await;
    let now = app.clock.now_ms();
    let used = match limiter.admit(tenant, &plan, now, kind != Kind::Usage) {
        Decision::Admitted { used } => used,
        Decision::Limited { retry_after_secs } => {
            let mut res =
                ApiError::too_many_requests(RATE_LIMITED_MESSAGE, retry_after_secs).into_response();
            rate_headers(res.headers_mut(), &plan, u64::from(plan.rpm.unwrap_or(0)));
            return res;
        }
        Decision::CreditsSpent {
            used: spent,
            allowance,
            period,
        } => {
            let message = format!(
                "Monthly credit allowance exhausted: {spent} of {allowance} credits used on plan {}. \
                 The allowance resets at {}.",
                plan.name,
                crate::http::envelope::timestamp_ms(period.end_ms())
            );
            let mut res = ApiError::new(StatusCode::PAYMENT_REQUIRED, message).into_response();
            rate_headers(
                res.headers_mut(),
                &plan,
                limiter.view(tenant, Arc::clone(&plan), now).window_used,
            );
            return res;
        }
    };

    // Uploads are priced by the request body that streams through.
    let uploaded = Arc::new(AtomicU64::new(0));
    let req = if kind == Kind::Upload {
        let (parts, body) = req.into_parts();
        let counter = Arc::clone(&uploaded);
        let stream = body.into_data_stream().map(move |chunk| {
            if let Ok(b) = &chunk {
                counter.fetch_add(b.len() as u64, Ordering::Relaxed);
            }
            chunk
        });
        Request::from_parts(parts, Body::from_stream(stream))
    } else {
        req
    };

    let mut res = next(req).await;
    rate_headers(res.headers_mut(), &plan, used);
    let status = res.status();
    if kind == Kind::Usage || status.is_server_error() {
        return res;
    }
    let clock = Arc::clone(&app.clock);
    let charge = move |credits: u64| limiter.charge(tenant, clock.now_ms(), credits);
    match kind {
        Kind::Upload if status.is_success() => {
            charge(credits::media_cost(uploaded.load(Ordering::Relaxed)));
            res
        }
        Kind::Download if status.is_success() => {
            metered(res, move |bytes| charge(credits::media_cost(bytes)))
        }
        _ => metered(res, move |bytes| charge(credits::standard_cost(bytes))),
    }
}

/// Calls `done` with the response body's size: at once when the size is known, else when the
/// streamed body ends (or the client goes away).
fn metered(res: Response, done: impl FnOnce(u64) + Send + 'static) -> Response {
    if let Some(n) = res.body().size_hint().exact() {
        done(n);
        return res;
    }
    let (parts, body) = res.into_parts();
    let mut meter = Meter {
        bytes: 0,
        done: Some(Box::new(done)),
    };
    let stream = body.into_data_stream().map(move |chunk| {
        if let Ok(b) = &chunk {
            meter.add(b.len());
        }
        chunk
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

type Done = Box<dyn FnOnce(u64) + Send>;

struct Meter {
    bytes: u64,
    done: Option<Done>,
}

impl Meter {
    /// A method, so the stream's closure owns the whole `Meter` (and drops it at the end).
    fn add(&mut self, n: usize) {
        self.bytes += n as u64;
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            done(self.bytes);
        }
    }
}

/// Counts a successful webhook delivery against its endpoint owner's credits.
pub async fn webhook_delivered(app: &AppState, endpoint_id: &str) {
    if let Some(t) = app.limits.endpoint_tenant(&*app.store, endpoint_id).await {
        app.limits.record_webhook_event(t, app.clock.now_ms());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_routes_by_what_they_cost() {
        assert_eq!(classify("/api/fansly/usage"), Kind::Usage);
        assert_eq!(classify("/api/fansly/fansly_x/media/upload"), Kind::Upload);
        assert_eq!(
            classify("/api/fansly/media/upload/job_1/status"),
            Kind::Standard
        );
        assert_eq!(classify("/api/fansly/media/download"), Kind::Download);
        assert_eq!(
            classify("/api/fansly/fansly_x/media/download"),
            Kind::Download
        );
        assert_eq!(
            classify("/api/fansly/fansly_x/media/123/download"),
            Kind::Download
        );
        assert_eq!(classify("/api/fansly/fansly_x/chats"), Kind::Standard);
        assert_eq!(classify("/api/fansly/fansly_x/usage"), Kind::Standard);
    }
}
