//! One attempt at a delivery: the signed POST, what its answer means (delivered, retry
//! later, failed, endpoint disabled), and what is recorded about it (issue 5). Recording is
//! the [`super::recorder`]'s job; [`after_recorded`] disables an endpoint failing for a day.

use std::time::Instant;

use gateway_store::{DeliveryAttempt, DeliveryStatus, DueDelivery};
use rand::Rng as _;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER, USER_AGENT};

use super::{sign, target};
use crate::state::AppState;

/// Delays before retries 1, 2, … (seconds): about a day in all.
pub const BACKOFF_S: &[i64] = &[
    5, 30, 120, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 28_800,
];
/// An endpoint failing without a success for this long is disabled.
pub const DISABLE_AFTER_MS: i64 = 24 * 60 * 60 * 1000;
/// Longest `Retry-After` honoured.
const MAX_RETRY_AFTER_S: i64 = 24 * 60 * 60;

/// An attempt's outcome as it is to be recorded (owned: it waits in the recorder's queue).
#[derive(Clone, Debug)]
pub(super) struct Attempted {
    pub delivery_id: String,
    pub endpoint_id: String,
    pub status: DeliveryStatus,
    pub response_status: Option<i64>,
    pub latency_ms: i64,
    pub error: Option<String>,
    pub next_attempt_at: Option<i64>,
    pub now: i64,
    pub disable_endpoint: Option<String>,
}

impl Attempted {
    pub fn as_record(&self) -> DeliveryAttempt<'_> {
        DeliveryAttempt {
            delivery_id: &self.delivery_id,
            endpoint_id: &self.endpoint_id,
            status: self.status,
            response_status: self.response_status,
            latency_ms: self.latency_ms,
            error: self.error.as_deref(),
            next_attempt_at: self.next_attempt_at,
            now: self.now,
            disable_endpoint: self.disable_endpoint.as_deref(),
        }
    }

    pub fn delivered(&self) -> bool {
        self.status == DeliveryStatus::Delivered
    }
}

/// What one HTTP attempt came to.
enum Outcome {
    Status(u16, Option<i64>),
    Error(String),
}

async fn send(app: &AppState, d: &DueDelivery, timestamp_s: i64) -> Outcome {
    let url = match target::parse(&d.url) {
        Ok(u) => u,
        Err(e) => return Outcome::Error(e),
    };
    // IP literals bypass the resolver; check them here (domains are checked by the resolver).
    if !app.settings.webhooks_allow_private_targets
        && let Some(ip) = target::literal_ip(&url)
        && let Some(why) = target::blocked_reason(ip)
    {
        return Outcome::Error(format!("refused: {ip} is a {why} address"));
    }
    let sig = sign::sign(&d.secret, &d.id, timestamp_s, d.body.as_bytes());
    let mut headers = HeaderMap::new();
    let pairs = [
        ("signature", sig.hex.as_str()),
        ("x-fansly-signature", sig.hex.as_str()),
        ("webhook-id", d.id.as_str()),
        ("webhook-signature", sig.standard.as_str()),
    ];
    for (name, value) in pairs {
        if let Ok(v) = value.parse() {
            headers.insert(name, v);
        }
    }
    if let Ok(v) = timestamp_s.to_string().parse() {
        headers.insert("webhook-timestamp", v);
    }
    if let Ok(v) = "application/json".parse() {
        headers.insert(CONTENT_TYPE, v);
    }
    if let Ok(v) = concat!("fansly-gateway-webhooks/", env!("CARGO_PKG_VERSION")).parse() {
        headers.insert(USER_AGENT, v);
    }
    let res = app
        .webhooks
        .client
        .post(url)
        .headers(headers)
        .body(d.body.clone())
        .send()
        .await;
    match res {
        Ok(r) => {
            let now_s = app.clock.now_ms() / 1000;
            let retry_after = r
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, now_s));
            Outcome::Status(r.status().as_u16(), retry_after)
        }
        Err(e) if e.is_timeout() => Outcome::Error(format!(
            "timed out after {} ms",
            app.settings.webhook_timeout.as_millis()
        )),
        Err(e) => Outcome::Error(format!(
            "connection error: {}",
            error_chain(&e.without_url())
        )),
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Sends `d` once and says what to record (not recorded yet).
pub(super) async fn attempt(app: &AppState, d: &DueDelivery) -> Attempted {
    let started = Instant::now();
    let timestamp_s = app.clock.now_ms().div_euclid(1000);
    let outcome = send(app, d, timestamp_s).await;
    let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let now = app.clock.now_ms();
    let attempts = d.attempts + 1;
    let (status, code, error, retry_after) = match outcome {
        Outcome::Status(c, _) if (200..300).contains(&c) => {
            crate::limits::webhook_delivered(app, &d.endpoint_id).await; // credits (issue 6)
            (DeliveryStatus::Delivered, Some(c), None, None)
        }
        Outcome::Status(410, _) => (
            DeliveryStatus::Failed,
            Some(410),
            Some("endpoint answered 410 Gone".to_owned()),
            None,
        ),
        Outcome::Status(c, ra) => (
            DeliveryStatus::Pending,
            Some(c),
            Some(format!("HTTP {c}")),
            ra,
        ),
        Outcome::Error(e) => (DeliveryStatus::Pending, None, Some(e), None),
    };
    let mut status = status;
    let next_attempt_at = if status == DeliveryStatus::Pending {
        match next_delay_ms(attempts, retry_after) {
            Some(ms) => Some(now + ms),
            None => {
                status = DeliveryStatus::Failed;
                None
            }
        }
    } else {
        None
    };
    let disable = (code == Some(410)).then(|| "endpoint answered 410 Gone".to_owned());
    app.observe
        .metrics
        .webhook_attempt(status == DeliveryStatus::Delivered, disable.is_some());
    Attempted {
        delivery_id: d.id.clone(),
        endpoint_id: d.endpoint_id.clone(),
        status,
        response_status: code.map(i64::from),
        latency_ms,
        error,
        next_attempt_at,
        now,
        disable_endpoint: disable,
    }
}

/// After a failed attempt was recorded with the endpoint's `failing_since`: disables an
/// endpoint failing for [`DISABLE_AFTER_MS`]. True when the endpoint is now disabled (by this
/// or by a 410).
pub(super) async fn after_recorded(
    app: &AppState,
    a: &Attempted,
    failing_since: Option<i64>,
) -> bool {
    if a.disable_endpoint.is_some() {
        return true;
    }
    let Some(since) = failing_since else {
        return false;
    };
    if a.now - since < DISABLE_AFTER_MS {
        return false;
    }
    app.observe.metrics.webhook_disabled();
    let reason = format!(
        "failing for 24 hours; last error: {}",
        a.error.as_deref().unwrap_or("unknown")
    );
    if let Err(e) = app
        .store
        .disable_webhook_endpoint(&a.endpoint_id, &reason, a.now)
        .await
    {
        tracing::warn!(error = %e, "webhooks: disabling a failing endpoint failed");
    }
    true
}

/// The wait before the next attempt after `attempts` failed ones; `None` when they are used up.
pub fn next_delay_ms(attempts: i64, retry_after_s: Option<i64>) -> Option<i64> {
    let idx = usize::try_from(attempts - 1).ok()?;
    let base = *BACKOFF_S.get(idx)?;
    if let Some(s) = retry_after_s {
        return Some(s.clamp(1, MAX_RETRY_AFTER_S) * 1000);
    }
    let jitter = rand::thread_rng().gen_range(0.8..1.2);
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let ms = (base as f64 * 1000.0 * jitter) as i64;
    Some(ms.max(1000))
}

/// `Retry-After` as seconds from `now_s`: delta-seconds or an HTTP date.
pub fn parse_retry_after(v: &str, now_s: i64) -> Option<i64> {
    let v = v.trim();
    if let Ok(s) = v.parse::<i64>() {
        return (s >= 0).then_some(s);
    }
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = time::PrimitiveDateTime::parse(v, &fmt).ok()?.assume_utc();
    Some((at.unix_timestamp() - now_s).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("120", 0), Some(120));
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", 40),
            Some(60)
        );
        assert_eq!(parse_retry_after("soon", 0), None);
    }

    #[test]
    fn backoff_spans_about_a_day_and_ends() {
        let total: i64 = BACKOFF_S.iter().sum();
        assert!((20 * 3600..=26 * 3600).contains(&total), "{total}");
        let n = i64::try_from(BACKOFF_S.len()).unwrap();
        assert!(next_delay_ms(n, None).is_some());
        assert!(next_delay_ms(n + 1, None).is_none());
        assert_eq!(next_delay_ms(1, Some(7)), Some(7000));
        let d = next_delay_ms(1, None).unwrap();
        assert!((4000..=6000).contains(&d));
    }
}
