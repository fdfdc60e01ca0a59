//! The delivery engine: sends every due pending delivery, at least once.
//!
//! - Durable: deliveries are rows written with their event ([`super::publish`]); nothing is
//!   marked in progress, so an attempt cut short by a crash or shutdown is simply due again
//!   after a restart.
//! - Per-endpoint workers: each endpoint with due deliveries gets one worker that sends them
//!   one at a time, oldest first; a slow or dead endpoint only holds up its own queue. A global
//!   semaphore bounds the attempts in flight.
//! - Several processes on one database (issue 12; `Store::is_shared`, PostgreSQL): a worker
//!   first claims its endpoint for this process (`Store::claim_webhook_endpoint`,
//!   [`crate::cluster::Cluster::holder`]) and renews the claim before each attempt, so one process at a time sends an endpoint's deliveries — order and
//!   one-at-a-time hold across processes. The claim lasts the attempt timeout plus
//!   [`CLAIM_MARGIN`]; a process killed mid-attempt recorded nothing, so its delivery is still
//!   pending and another process sends it once the claim has lapsed.
//! - Scheduling uses `app.clock`; the loop runs when woken ([`Engine::wake`], called by
//!   `publish` and the routes) and every `webhook_poll`.
//! - Outcomes: 2xx delivered; 410 → delivery failed and endpoint disabled; anything else, a
//!   timeout or a connection error → retry per [`BACKOFF_S`] with ±20 % jitter, or after
//!   `Retry-After` when given; after the last retry the delivery fails; an endpoint failing
//!   continuously for [`DISABLE_AFTER_MS`] is disabled with the reason. Redirects are not
//!   followed (a 3xx is a failure).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gateway_store::{DeliveryAttempt, DeliveryStatus, DueDelivery};
use rand::Rng as _;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER, USER_AGENT};
use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;

use super::{sign, target};
use crate::state::{AppState, Settings};

/// Delays before retries 1, 2, … (seconds): about a day in all.
pub const BACKOFF_S: &[i64] = &[
    5, 30, 120, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 28_800,
];
/// An endpoint failing without a success for this long is disabled.
pub const DISABLE_AFTER_MS: i64 = 24 * 60 * 60 * 1000;
/// Most attempts in flight at once, over all endpoints.
pub const MAX_IN_FLIGHT: usize = 64;
/// How much longer than one attempt's timeout a claim on an endpoint lasts.
pub const CLAIM_MARGIN: Duration = Duration::from_secs(20);
/// Longest `Retry-After` honoured.
const MAX_RETRY_AFTER_S: i64 = 24 * 60 * 60;

pub struct Engine {
    wake: Notify,
    stop: Notify,
    /// Set when shutdown starts: workers finish the attempt in hand and start no other.
    stopping: AtomicBool,
    running: Mutex<HashSet<String>>,
    permits: Semaphore,
    client: reqwest::Client,
    /// How long a claim lasts (attempt timeout + [`CLAIM_MARGIN`]), in ms.
    claim_ms: i64,
}

impl Engine {
    pub fn new(settings: &Settings) -> Self {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.webhook_timeout)
            .connect_timeout(settings.webhook_timeout);
        if !settings.webhooks_allow_private_targets {
            builder = builder.dns_resolver(Arc::new(target::GuardedResolver));
        }
        Self {
            wake: Notify::new(),
            stop: Notify::new(),
            stopping: AtomicBool::new(false),
            running: Mutex::new(HashSet::new()),
            permits: Semaphore::new(MAX_IN_FLIGHT),
            client: builder.build().unwrap_or_default(),
            claim_ms: i64::try_from((settings.webhook_timeout + CLAIM_MARGIN).as_millis())
                .unwrap_or(i64::MAX),
        }
    }

    /// Makes the engine look for due deliveries now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// The running engine; [`Running::stop`] ends it.
pub struct Running {
    engine: Arc<Engine>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Starts stopping: no new attempt starts from now on; attempts in flight go on.
    pub fn begin_stop(&self) {
        self.engine.stopping.store(true, Ordering::SeqCst);
        self.engine.stop.notify_one();
    }

    /// Stops the loop, lets attempts in flight finish for up to `grace`, then aborts what is
    /// left (an aborted attempt stays pending and is retried after the next start).
    pub async fn stop(mut self, grace: Duration) {
        self.begin_stop();
        if tokio::time::timeout(grace, &mut self.task).await.is_err() {
            tracing::warn!(
                grace_ms = grace.as_millis() as u64,
                "webhooks: attempts still in flight at the shutdown deadline were cut off (they stay pending)"
            );
            self.task.abort();
            let _ = self.task.await;
        }
    }
}

/// Starts the engine of `app` (deliveries left due by a previous run are picked up at once).
pub fn start(app: &AppState) -> Running {
    let engine = Arc::clone(&app.webhooks);
    let app = app.clone();
    let task = tokio::spawn(run(app));
    engine.wake();
    Running { engine, task }
}

async fn run(app: AppState) {
    let engine = Arc::clone(&app.webhooks);
    // Alone on its database (SQLite), this process inherits the claims a killed previous run
    // left; on a shared one they lapse by themselves.
    if !app.store.is_shared()
        && let Err(e) = app.store.reset_webhook_claims().await
    {
        tracing::warn!(error = %e, "webhooks: clearing a previous run's claims failed");
    }
    let mut workers = JoinSet::new();
    loop {
        tokio::select! {
            () = engine.stop.notified() => break,
            () = engine.wake.notified() => {}
            () = tokio::time::sleep(app.settings.webhook_poll) => {}
        }
        while workers.try_join_next().is_some() {}
        let now = app.clock.now_ms();
        let due = match app.store.webhook_endpoints_due(now).await {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, "webhooks: listing due deliveries failed");
                continue;
            }
        };
        for endpoint in due {
            let fresh = engine
                .running
                .lock()
                .map(|mut r| r.insert(endpoint.clone()))
                .unwrap_or(false);
            if fresh {
                workers.spawn(worker(app.clone(), endpoint));
            }
        }
    }
    // Stopping: each worker ends after the attempt in hand (`Running::stop` bounds the wait).
    while workers.join_next().await.is_some() {}
    if let Ok(mut r) = engine.running.lock() {
        r.clear();
    }
}

/// Sends the endpoint's due deliveries one by one until none is due, while this process
/// holds the endpoint's claim.
async fn worker(app: AppState, endpoint: String) {
    let holder = app.cluster.holder().to_owned();
    let shared = app.store.is_shared();
    loop {
        if app.webhooks.stopping.load(Ordering::SeqCst) {
            break;
        }
        // The permit first: waiting for it must not eat into the claim.
        let Ok(_permit) = app.webhooks.permits.acquire().await else {
            break;
        };
        let now = app.clock.now_ms();
        // Alone on its database (SQLite) the process's one worker per endpoint already keeps
        // order: no claim, so no extra write per attempt.
        if shared {
            let until = now.saturating_add(app.webhooks.claim_ms);
            match app
                .store
                .claim_webhook_endpoint(&endpoint, &holder, now, until)
                .await
            {
                Ok(true) => {}
                // Another process sends this endpoint's deliveries.
                Ok(false) => break,
                Err(e) => {
                    tracing::warn!(error = %e, endpoint = %endpoint, "webhooks: claiming an endpoint failed");
                    break;
                }
            }
        }
        let next = app.store.next_due_webhook_delivery(&endpoint, now).await;
        let due = match next {
            Ok(Some(d)) => d,
            Ok(None) => break,
            Err(e) => {
                tracing::warn!(error = %e, endpoint = %endpoint, "webhooks: reading a delivery failed");
                break;
            }
        };
        if app.webhooks.stopping.load(Ordering::SeqCst) {
            break;
        }
        attempt(&app, &due).await;
    }
    if shared && let Err(e) = app.store.release_webhook_endpoint(&endpoint, &holder).await {
        tracing::warn!(error = %e, endpoint = %endpoint, "webhooks: releasing an endpoint failed");
    }
    if let Ok(mut r) = app.webhooks.running.lock() {
        r.remove(&endpoint);
    }
    // A delivery recorded after this worker last looked woke the loop while the endpoint was
    // still marked running, so no worker was started for it: look again now rather than at
    // the next poll (that race cost a whole `webhook_poll`, 500 ms, per event).
    app.webhooks.wake();
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

async fn attempt(app: &AppState, d: &DueDelivery) {
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
    let record = DeliveryAttempt {
        delivery_id: &d.id,
        endpoint_id: &d.endpoint_id,
        status,
        response_status: code.map(i64::from),
        latency_ms,
        error: error.as_deref(),
        next_attempt_at,
        now,
        disable_endpoint: disable.as_deref(),
    };
    match app.store.record_webhook_attempt(&record).await {
        Ok(Some(failing_since)) if now - failing_since >= DISABLE_AFTER_MS => {
            app.observe.metrics.webhook_disabled();
            let reason = format!(
                "failing for 24 hours; last error: {}",
                error.as_deref().unwrap_or("unknown")
            );
            if let Err(e) = app
                .store
                .disable_webhook_endpoint(&d.endpoint_id, &reason, now)
                .await
            {
                tracing::warn!(error = %e, "webhooks: disabling a failing endpoint failed");
            }
        }
        Ok(_) => {}
        Err(e) => {
            tracing::warn!(error = %e, delivery = %d.id, "webhooks: recording an attempt failed")
        }
    }
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
