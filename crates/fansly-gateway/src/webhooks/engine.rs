//! The delivery engine: sends every due pending delivery, at least once.
//!
//! - Durable: deliveries are rows written with their event ([`super::publish`]); nothing is
//!   marked in progress, so an attempt cut short by a crash or shutdown — or one whose outcome
//!   was not yet recorded — is simply due again after a restart.
//! - Per-endpoint workers: each endpoint with due deliveries gets one worker that sends them
//!   one at a time, oldest first; a slow or dead endpoint only holds up its own queue. A global
//!   semaphore bounds the attempts in flight.
//! - Pipelined bookkeeping (issue 16): a worker reads its endpoint's due deliveries a page at
//!   a time ([`PAGE`], re-read after [`PAGE_MAX_AGE`]) and hands each outcome to the
//!   [`super::recorder`], which records the outcomes of all workers in batches, one
//!   transaction each. The next delivery goes out once the previous one's answer is in (still
//!   one at a time, in order), while the previous outcome is being recorded. A failed attempt
//!   waits for its record (its endpoint may have to be disabled); a worker waits for all its
//!   outcomes to be recorded before it reads again or leaves.
//! - Several processes on one database (issue 12; `Store::is_shared`, PostgreSQL): a worker
//!   first claims its endpoint for this process (`Store::claim_webhook_endpoint`,
//!   [`crate::cluster::Cluster::holder`]) and renews the claim before an attempt once half of
//!   [`CLAIM_MARGIN`] has passed since it was last taken, so one process at a time sends an
//!   endpoint's deliveries — order and one-at-a-time hold across processes. The claim lasts
//!   the attempt timeout plus [`CLAIM_MARGIN`], so every attempt starts with at least the
//!   timeout plus half the margin left; a process killed mid-attempt recorded nothing, so its
//!   delivery is still pending and another process sends it once the claim has lapsed.
//! - Scheduling uses `app.clock`; the loop runs when woken ([`Engine::wake`], called by
//!   `publish` and the routes) and every `webhook_poll`.
//! - Outcomes ([`super::attempt`]): 2xx delivered; 410 → delivery failed and endpoint
//!   disabled; anything else, a timeout or a connection error → retry per [`BACKOFF_S`] with
//!   ±20 % jitter, or after `Retry-After` when given; after the last retry the delivery fails;
//!   an endpoint failing continuously for [`DISABLE_AFTER_MS`] is disabled with the reason.
//!   Redirects are not followed (a 3xx is a failure).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;

pub use super::attempt::{BACKOFF_S, DISABLE_AFTER_MS, next_delay_ms, parse_retry_after};
use super::attempt::{after_recorded, attempt};
use super::recorder::{self, Recorder};
use super::target;
use crate::state::{AppState, Settings};

/// Deliveries of one endpoint read at once.
pub const PAGE: i64 = 64;
/// A page is read again once this old, so that an endpoint's update (URL, secret, disabled)
/// reaches its deliveries as soon as it did when they were read one by one, give or take this.
pub const PAGE_MAX_AGE: Duration = Duration::from_secs(1);
/// Most attempts in flight at once, over all endpoints.
pub const MAX_IN_FLIGHT: usize = 64;
/// How much longer than one attempt's timeout a claim on an endpoint lasts.
pub const CLAIM_MARGIN: Duration = Duration::from_secs(20);

pub struct Engine {
    wake: Notify,
    stop: Notify,
    /// Set when shutdown starts: workers finish the attempt in hand and start no other.
    stopping: AtomicBool,
    running: Mutex<HashSet<String>>,
    permits: Semaphore,
    pub(super) client: reqwest::Client,
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
    let (recorder, writer) = Recorder::start(Arc::clone(&app.store));
    // Aborted with this task (shutdown past its grace): what it had not written is sent again.
    let mut writer = AbortOnDrop(writer);
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
                workers.spawn(worker(app.clone(), endpoint, recorder.clone()));
            }
        }
    }
    // Stopping: each worker ends after the attempt in hand (`Running::stop` bounds the wait)
    // and its outcomes are recorded; then the writer, its handles gone, ends too.
    while workers.join_next().await.is_some() {}
    drop(recorder);
    let _ = (&mut writer.0).await;
    if let Ok(mut r) = engine.running.lock() {
        r.clear();
    }
}

struct AbortOnDrop(tokio::task::JoinHandle<u64>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Sends the endpoint's due deliveries one by one until none is due, while this process
/// holds the endpoint's claim.
async fn worker(app: AppState, endpoint: String, recorder: Recorder) {
    let holder = app.cluster.holder().to_owned();
    // Alone on its database (SQLite) the process's one worker per endpoint already keeps
    // order: no claim, so no extra write.
    let mut claim = app.store.is_shared().then_some(Claim {
        holder,
        until: i64::MIN,
    });
    let stopping = || app.webhooks.stopping.load(Ordering::SeqCst);
    let mut acks = Vec::new();
    'pages: while !stopping() {
        if let Some(c) = claim.as_mut()
            && !c.hold(&app, &endpoint).await
        {
            break;
        }
        let now = app.clock.now_ms();
        let page = match app.store.due_webhook_deliveries(&endpoint, now, PAGE).await {
            Ok(page) if page.is_empty() => break,
            Ok(page) => page,
            Err(e) => {
                tracing::warn!(error = %e, endpoint = %endpoint, "webhooks: reading deliveries failed");
                break;
            }
        };
        let read_at = Instant::now();
        for d in &page {
            if read_at.elapsed() > PAGE_MAX_AGE {
                break;
            }
            // The permit first: waiting for it must not eat into the claim.
            let Ok(permit) = app.webhooks.permits.acquire().await else {
                break 'pages;
            };
            if stopping() {
                break 'pages;
            }
            if let Some(c) = claim.as_mut()
                && !c.hold(&app, &endpoint).await
            {
                break 'pages;
            }
            let done = attempt(&app, d).await;
            drop(permit);
            if done.delivered() {
                acks.push(recorder.record(done));
                continue;
            }
            // A failure: what comes next depends on it (its endpoint may now be disabled).
            let ack = recorder.record(done.clone());
            recorder::settle(&mut acks).await;
            let failing_since = match ack.await {
                Ok(Ok(f)) => f,
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, delivery = %done.delivery_id, "webhooks: recording an attempt failed");
                    None
                }
                Err(_) => None,
            };
            if after_recorded(&app, &done, failing_since).await {
                break;
            }
        }
        // Read again only once what was sent is recorded (or it would be due again).
        recorder::settle(&mut acks).await;
    }
    recorder::settle(&mut acks).await;
    if let Some(c) = claim
        && let Err(e) = app
            .store
            .release_webhook_endpoint(&endpoint, &c.holder)
            .await
    {
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

/// This process's claim on an endpoint (shared stores only).
struct Claim {
    holder: String,
    /// When the claim last taken lapses (Unix ms, `app.clock`).
    until: i64,
}

impl Claim {
    /// Takes or renews the claim unless it still has an attempt's timeout plus half of
    /// [`CLAIM_MARGIN`] left; false when another process holds it (or the store failed).
    async fn hold(&mut self, app: &AppState, endpoint: &str) -> bool {
        let now = app.clock.now_ms();
        let margin_ms = i64::try_from(CLAIM_MARGIN.as_millis()).unwrap_or(i64::MAX);
        if self.until.saturating_sub(now) >= app.webhooks.claim_ms - margin_ms / 2 {
            return true;
        }
        let until = now.saturating_add(app.webhooks.claim_ms);
        match app
            .store
            .claim_webhook_endpoint(endpoint, &self.holder, now, until)
            .await
        {
            Ok(true) => {
                self.until = until;
                true
            }
            // Another process sends this endpoint's deliveries.
            Ok(false) => false,
            Err(e) => {
                tracing::warn!(error = %e, endpoint = %endpoint, "webhooks: claiming an endpoint failed");
                false
            }
        }
    }
}
