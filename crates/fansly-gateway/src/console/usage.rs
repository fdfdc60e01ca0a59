//! Usage: plan, the rate-limit window and the month (`GET /usage`), and a chart of requests per
//! minute (last hour) or per hour (last day) drawn from the request log (`GET /logs`, paged),
//! as an SVG in the page: no script, no inline style.

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::Value;

use super::Console;
use super::error::ConsoleError;
use super::layout;
use super::session::Signed;
use crate::state::AppState;

/// At most this many log pages (500 rows each) feed the chart.
const MAX_PAGES: usize = 20;

#[derive(Deserialize)]
pub struct UsageQuery {
    chart: Option<String>,
}

fn text(v: &Value, path: &str) -> String {
    match v.pointer(path) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "—".to_owned(),
        Some(other) => other.to_string(),
    }
}

/// Counts per bucket of `bucket_ms`, `buckets` of them ending at `now`.
pub fn histogram(times: &[i64], now: i64, bucket_ms: i64, buckets: usize) -> Vec<u64> {
    let mut out = vec![0u64; buckets];
    let start = now - bucket_ms * buckets as i64;
    for t in times {
        if *t < start || *t > now {
            continue;
        }
        let i = usize::try_from((t - start) / bucket_ms)
            .unwrap_or(0)
            .min(buckets - 1);
        out[i] += 1;
    }
    out
}

fn chart(counts: &[u64], unit: &str) -> Markup {
    let (w, h, pad) = (600.0_f64, 160.0_f64, 20.0_f64);
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bar = (w - pad) / counts.len().max(1) as f64;
    let total: u64 = counts.iter().sum();
    html! {
        svg.chart #usage-chart viewBox={"0 0 " (w) " " (h + pad)} role="img"
            aria-label={(total) " requests, per " (unit)} {
            line.axis x1=(pad) y1=(h) x2=(w) y2=(h) {}
            text x="0" y="10" { (max as u64) }
            text x="0" y=(h) { "0" }
            @for (i, c) in counts.iter().enumerate() {
                @let bh = (*c as f64 / max) * (h - 10.0);
                rect.bar x=(pad + i as f64 * bar) y=(h - bh) width=((bar - 1.0).max(1.0)) height=(bh) {
                    title { (c) " requests" }
                }
            }
            text x=(pad) y=(h + 15.0) { "oldest" }
            text x=(w - 40.0) y=(h + 15.0) { "now" }
        }
    }
}

/// The request times since `since_ms`, newest first, from `GET /logs` (at most
/// [`MAX_PAGES`] pages); the flag says whether more were left out.
async fn request_times(
    console: &Console,
    tenant: gateway_store::TenantId,
    since_ms: i64,
) -> Result<(Vec<i64>, bool), ConsoleError> {
    let mut times = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut path = format!("/logs?limit=500&since={since_ms}");
        if let Some(c) = &cursor {
            path.push_str("&cursor=");
            path.push_str(&super::rest::seg(c));
        }
        let data = console.get(tenant, &path).await?.ok()?;
        for r in data
            .get("logs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(t) = r.get("timestampMs").and_then(Value::as_i64) {
                times.push(t);
            }
        }
        match data.get("nextCursor").and_then(Value::as_str) {
            Some(c) => cursor = Some(c.to_owned()),
            None => return Ok((times, false)),
        }
    }
    Ok((times, true))
}

/// `GET /console/usage?chart=minute|hour`.
pub async fn page(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    session: Signed,
    Query(q): Query<UsageQuery>,
) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let usage = console.get(tenant, "/usage").await?.ok()?;
    let hourly = match q.chart.as_deref() {
        None | Some("minute") => false,
        Some("hour") => true,
        Some(other) => {
            return Err(ConsoleError::BadRequest(format!(
                "chart must be minute or hour (got {other:?})"
            )));
        }
    };
    let (bucket, buckets, unit) = if hourly {
        (3_600_000, 24, "hour, last 24 hours")
    } else {
        (60_000, 60, "minute, last hour")
    };
    let now = app.clock.now_ms();
    let (times, truncated) = request_times(&console, tenant, now - bucket * buckets as i64).await?;
    let counts = histogram(&times, now, bucket, buckets);
    let body = html! {
        div.stats {
            div { "Plan" strong #plan-name { (text(&usage, "/plan/name")) } }
            div { "Rate limit (per minute)" strong { (text(&usage, "/rateLimit/used")) " / " (text(&usage, "/rateLimit/limit")) } }
            div { "Requests this month" strong #month-requests { (text(&usage, "/requests")) } }
            div { "Webhook events this month" strong { (text(&usage, "/webhookEvents")) } }
            div { "Credits used" strong { (text(&usage, "/credits/used")) " / " (text(&usage, "/credits/allowance")) } }
            div { "Period" span.period { br; (text(&usage, "/period/start")) br; "to " (text(&usage, "/period/end")) } }
        }
        h2 { "Requests per " (unit) }
        p {
            a href="/console/usage?chart=minute" { "Per minute" } " · "
            a href="/console/usage?chart=hour" { "Per hour" }
        }
        (chart(&counts, unit))
        @if truncated { p.hint { "Drawn from the newest " (times.len()) " requests only." } }
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page(&session, "Usage", None, body),
    ))
}

#[cfg(test)]
mod tests {
    use super::histogram;

    #[test]
    fn buckets_count_requests_by_time() {
        let now = 10 * 60_000;
        let times = [now - 1, now - 30_000, now - 61_000, now - 11 * 60_000];
        let h = histogram(&times, now, 60_000, 10);
        assert_eq!(h.iter().sum::<u64>(), 3);
        assert_eq!(h[9], 2);
        assert_eq!(h[8], 1);
    }
}
