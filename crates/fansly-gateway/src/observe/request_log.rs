//! The request log's write side: a bounded queue the middleware pushes to without waiting
//! (full → the entry is dropped and counted), one background writer inserting batches, and a
//! pruner deleting rows past the retention. Stopping flushes what is queued.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gateway_store::request_log::NewRequestLog;
use tokio::sync::{Notify, mpsc};

use super::ObserveSettings;
use super::metrics::Metrics;
use crate::state::AppState;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The producer side, shared through `AppState`.
pub struct RequestLog {
    tx: mpsc::Sender<NewRequestLog>,
    rx: Mutex<Option<mpsc::Receiver<NewRequestLog>>>,
    /// Wakes the writer before its batching window ends once the queue is half full, so a
    /// small queue (`--request-log-queue`) is not outrun while the writer waits.
    half_full: Notify,
    enabled: bool,
}

impl std::fmt::Debug for RequestLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestLog")
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl RequestLog {
    pub fn new(settings: &ObserveSettings) -> Self {
        let (tx, rx) = mpsc::channel(settings.request_log_queue.max(1));
        Self {
            tx,
            rx: Mutex::new(Some(rx)),
            half_full: Notify::new(),
            enabled: settings.request_log_retention_days > 0,
        }
    }

    /// Whether entries are recorded at all (retention 0 turns the log off).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Queues an entry without waiting; a full queue drops it (counted in `metrics`).
    pub fn push(&self, entry: NewRequestLog, metrics: &Metrics) {
        if self.tx.try_send(entry).is_err() {
            metrics.log_dropped();
        } else if self.tx.capacity() <= self.tx.max_capacity() / 2 {
            self.half_full.notify_one();
        }
    }
}

/// The running writer and pruner; [`Running::stop`] flushes and ends them.
pub struct Running {
    stop: Arc<Notify>,
    writer: Option<tokio::task::JoinHandle<()>>,
    pruner: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Writes every queued entry, then stops.
    pub async fn stop(self) {
        self.pruner.abort();
        self.stop.notify_one();
        if let Some(w) = self.writer {
            let _ = w.await;
        }
    }
}

/// Starts the writer (once per `AppState`; a second call starts only a pruner) and the pruner.
pub fn start(app: &AppState) -> Running {
    let stop = Arc::new(Notify::new());
    let rx = app
        .observe
        .log
        .rx
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    let writer = rx.map(|rx| tokio::spawn(write_loop(app.clone(), rx, Arc::clone(&stop))));
    let pruner = tokio::spawn(prune_loop(app.clone()));
    Running {
        stop,
        writer,
        pruner,
    }
}

async fn write_loop(app: AppState, mut rx: mpsc::Receiver<NewRequestLog>, stop: Arc<Notify>) {
    let settings = &app.settings.observe;
    let batch_max = settings.request_log_batch.max(1);
    let mut batch = Vec::with_capacity(batch_max);
    let mut stopping = false;
    while !stopping {
        // Wake for the first entry of a batch (or the stop).
        tokio::select! {
            () = stop.notified() => stopping = true,
            got = rx.recv_many(&mut batch, batch_max) => {
                if got == 0 {
                    stopping = true;
                }
            }
        }
        // Give a burst a moment to gather: fewer, larger transactions. The rest of the batch
        // waits in the queue while this task sleeps, instead of waking it once per entry (a
        // wake-up per request was a task switch, often a thread's, on every proxied read).
        // When a whole batch is already queued there is nothing to wait for; a queue half
        // full ends the wait early.
        if !stopping && batch.len() + rx.len() < batch_max {
            tokio::select! {
                () = stop.notified() => stopping = true,
                () = tokio::time::sleep(settings.request_log_flush) => {}
                () = app.observe.log.half_full.notified() => {}
            }
        }
        while batch.len() < batch_max {
            match rx.try_recv() {
                Ok(e) => batch.push(e),
                Err(_) => break,
            }
        }
        write(&app, &mut batch).await;
    }
    // Shutdown: everything queued so far goes in.
    while let Ok(e) = rx.try_recv() {
        batch.push(e);
        if batch.len() >= batch_max {
            write(&app, &mut batch).await;
        }
    }
    write(&app, &mut batch).await;
}

async fn write(app: &AppState, batch: &mut Vec<NewRequestLog>) {
    if batch.is_empty() {
        return;
    }
    let metrics = &app.observe.metrics;
    match app.store.insert_request_log(batch).await {
        Ok(()) => metrics.log_written(batch.len()),
        Err(e) => {
            metrics.log_write_failed(batch.len());
            tracing::warn!(error = %e, lost = batch.len(), "request log: writing a batch failed");
        }
    }
    batch.clear();
}

async fn prune_loop(app: AppState) {
    let settings = &app.settings.observe;
    let mut tick = tokio::time::interval(settings.request_log_prune_every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let cutoff = cutoff_ms(app.clock.now_ms(), settings.request_log_retention_days);
        match app.store.prune_request_log(cutoff).await {
            Ok(0) => {}
            Ok(n) => tracing::debug!(deleted = n, "request log: pruned"),
            Err(e) => tracing::warn!(error = %e, "request log: pruning failed"),
        }
    }
}

/// Rows that arrived before this are past the retention; retention 0 keeps nothing.
pub fn cutoff_ms(now_ms: i64, retention_days: u32) -> i64 {
    if retention_days == 0 {
        return i64::MAX;
    }
    now_ms.saturating_sub(i64::from(retention_days) * DAY_MS)
}

/// The default retention (days).
pub const DEFAULT_RETENTION_DAYS: u32 = 30;

/// Default queue size, batch size and batching delay.
pub const DEFAULT_QUEUE: usize = 10_000;
pub const DEFAULT_BATCH: usize = 256;
pub const DEFAULT_FLUSH: Duration = Duration::from_millis(50);
pub const DEFAULT_PRUNE_EVERY: Duration = Duration::from_secs(60 * 60);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutoff_follows_retention() {
        assert_eq!(cutoff_ms(10 * DAY_MS, 3), 7 * DAY_MS);
        assert_eq!(cutoff_ms(10 * DAY_MS, 0), i64::MAX);
        assert_eq!(cutoff_ms(0, 30), -30 * DAY_MS);
    }

    #[test]
    fn retention_zero_turns_the_log_off() {
        let off = RequestLog::new(&ObserveSettings {
            request_log_retention_days: 0,
            ..ObserveSettings::default()
        });
        assert!(!off.enabled());
        assert!(RequestLog::new(&ObserveSettings::default()).enabled());
    }

    #[test]
    fn a_full_queue_drops_and_counts() {
        let log = RequestLog::new(&ObserveSettings {
            request_log_queue: 1,
            ..ObserveSettings::default()
        });
        let m = Metrics::default();
        let e = NewRequestLog {
            tenant: gateway_store::TenantId(1),
            at_ms: 0,
            request_id: "r".into(),
            account_id: None,
            method: "GET".into(),
            route: "/x".into(),
            status: 200,
            latency_us: 1,
            upstream_calls: 0,
            bytes_in: None,
            bytes_out: None,
            tool: None,
        };
        log.push(e.clone(), &m);
        assert_eq!(m.log_drops(), 0);
        log.push(e, &m);
        assert_eq!(m.log_drops(), 1);
    }
}
