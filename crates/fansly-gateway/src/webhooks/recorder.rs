//! Records attempts' outcomes in batches (issue 16): every worker hands its outcomes to one
//! writer task, which stores all that are waiting in one transaction
//! (`Store::record_webhook_attempts`) and then answers each with its endpoint's
//! `failing_since`. On SQLite that is one write transaction for many attempts instead of one
//! each, and no contention between workers for the write lock.
//!
//! Nothing waits on a timer: a lone outcome is written at once; outcomes that arrive while a
//! batch is being written form the next batch. Until its batch commits, an outcome is only in
//! memory: if the process dies first, the delivery is still pending in the database and is
//! sent again after the restart (at least once, never lost). A worker therefore waits for
//! its outcomes to be recorded before it reads its endpoint's deliveries again, and before it
//! leaves (so no other worker or process can send them a second time meanwhile).

use std::sync::Arc;

use gateway_store::{DeliveryAttempt, Store};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::attempt::Attempted;

/// Most outcomes written in one transaction.
pub const MAX_BATCH: usize = 256;

/// The answer for one outcome: its endpoint's `failing_since` once recorded, or why the
/// batch could not be written (the delivery stays pending and is sent again).
pub type Ack = oneshot::Receiver<Result<Option<i64>, String>>;

struct Job {
    attempt: Attempted,
    done: oneshot::Sender<Result<Option<i64>, String>>,
}

/// A handle on the writer; the writer ends when every handle is dropped, after writing what
/// it was given.
#[derive(Clone)]
pub struct Recorder {
    tx: mpsc::UnboundedSender<Job>,
}

impl Recorder {
    /// The handle and the writer task, which answers how many transactions it wrote.
    pub fn start(store: Arc<dyn Store>) -> (Self, JoinHandle<u64>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Self { tx }, tokio::spawn(write(store, rx)))
    }

    /// Queues an outcome to be recorded.
    pub(super) fn record(&self, attempt: Attempted) -> Ack {
        let (done, ack) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = self.tx.send(Job { attempt, done }) {
            let _ = job.done.send(Err("the recorder has stopped".to_owned()));
        }
        ack
    }
}

/// Waits until every outcome in `acks` is recorded (or failed to be); logs failures.
pub async fn settle(acks: &mut Vec<Ack>) {
    for ack in acks.drain(..) {
        match ack.await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "webhooks: recording an attempt failed"),
            Err(_) => tracing::warn!("webhooks: the recorder stopped before recording an attempt"),
        }
    }
}

async fn write(store: Arc<dyn Store>, mut rx: mpsc::UnboundedReceiver<Job>) -> u64 {
    let mut batch = Vec::new();
    let mut transactions = 0;
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        transactions += 1;
        let records: Vec<DeliveryAttempt<'_>> =
            batch.iter().map(|j| j.attempt.as_record()).collect();
        let result = store.record_webhook_attempts(&records).await;
        drop(records);
        match result {
            Ok(failing) => {
                for (job, f) in batch.drain(..).zip(failing) {
                    let _ = job.done.send(Ok(f));
                }
            }
            Err(e) => {
                let e = e.to_string();
                for job in batch.drain(..) {
                    let _ = job.done.send(Err(e.clone()));
                }
            }
        }
        // (A short answer from the store would drop the rest unanswered: their acks error.)
        batch.clear();
    }
    transactions
}

#[cfg(test)]
mod tests {
    use gateway_store::{
        DeliveryStatus, Keyring, NewWebhookEndpoint, NewWebhookEvent, PayloadStyle, TenantId,
    };

    use super::*;

    /// A store with one endpoint and `n` events for it: `(store, endpoint id)`.
    async fn store_with_deliveries(n: usize) -> (Arc<dyn Store>, String) {
        let store: Arc<dyn Store> =
            gateway_store::open("sqlite::memory:", Keyring::from_key([7; 32]))
                .await
                .unwrap();
        store.migrate().await.unwrap();
        let tenant = store
            .create_api_key("t", "fgw_x", &[1; 32])
            .await
            .unwrap()
            .id;
        let tenant = TenantId(tenant);
        let ep = store
            .create_webhook_endpoint(
                tenant,
                NewWebhookEndpoint {
                    url: "https://hooks.example.com/x".into(),
                    events: vec!["messages.received".into()],
                    payload_style: PayloadStyle::Envelope,
                    account_ids: None,
                    description: String::new(),
                    secret: super::super::sign::generate_secret(),
                    now: 0,
                },
            )
            .await
            .unwrap()
            .id;
        for i in 0..n {
            let (id, key) = (format!("evt_{i:04}"), format!("k{i}"));
            store
                .record_webhook_event(&NewWebhookEvent {
                    id: &id,
                    tenant,
                    account_id: "acc_a",
                    event: "messages.received",
                    dedupe_key: &key,
                    body: "{}",
                    event_type_body: None,
                    occurred_at: 1,
                    now: 1,
                    only_endpoint: None,
                })
                .await
                .unwrap();
        }
        (store, ep)
    }

    fn delivered(d: &gateway_store::DueDelivery) -> Attempted {
        Attempted {
            delivery_id: d.id.clone(),
            endpoint_id: d.endpoint_id.clone(),
            status: DeliveryStatus::Delivered,
            response_status: Some(200),
            latency_ms: 1,
            error: None,
            next_attempt_at: None,
            now: 2,
            disable_endpoint: None,
        }
    }

    // Current-thread runtime: the writer runs only when the test awaits, so everything queued
    // before that is waiting for it at once.
    #[tokio::test(flavor = "current_thread")]
    async fn outcomes_waiting_together_are_recorded_together() {
        let (store, ep) = store_with_deliveries(100).await;
        let due = store.due_webhook_deliveries(&ep, 10, 1000).await.unwrap();
        assert_eq!(due.len(), 100);
        let (recorder, writer) = Recorder::start(Arc::clone(&store));
        let mut acks: Vec<Ack> = due.iter().map(|d| recorder.record(delivered(d))).collect();
        drop(recorder);
        settle(&mut acks).await;
        assert_eq!(
            writer.await.unwrap(),
            1,
            "one transaction for the 100 outcomes"
        );
        assert!(
            store
                .due_webhook_deliveries(&ep, 10, 1000)
                .await
                .unwrap()
                .is_empty()
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_failure_answers_with_the_failing_streak_in_order() {
        let (store, ep) = store_with_deliveries(3).await;
        let due = store.due_webhook_deliveries(&ep, 10, 10).await.unwrap();
        let (recorder, writer) = Recorder::start(Arc::clone(&store));
        let first = recorder.record(delivered(&due[0]));
        let mut failed = delivered(&due[1]);
        failed.status = DeliveryStatus::Pending;
        failed.error = Some("HTTP 500".into());
        failed.next_attempt_at = Some(5_000);
        failed.now = 3;
        let second = recorder.record(failed);
        let mut third = delivered(&due[2]);
        third.now = 4;
        let third = recorder.record(third);
        drop(recorder);
        assert_eq!(first.await.unwrap(), Ok(None));
        assert_eq!(
            second.await.unwrap(),
            Ok(Some(3)),
            "failing since that attempt"
        );
        assert_eq!(third.await.unwrap(), Ok(None), "a success ends the streak");
        assert_eq!(writer.await.unwrap(), 1);
        // The failed one is due again at its retry time, and only it.
        let again = store.due_webhook_deliveries(&ep, 5_000, 10).await.unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].id, due[1].id);
        assert_eq!(again[0].attempts, 1);
    }

    /// A crash before the batch commits: the outcomes were only in memory, so the deliveries
    /// are still pending, due, in their order — a restart sends them again.
    #[tokio::test(flavor = "current_thread")]
    async fn outcomes_not_yet_written_leave_their_deliveries_due() {
        let (store, ep) = store_with_deliveries(5).await;
        let due = store.due_webhook_deliveries(&ep, 10, 10).await.unwrap();
        let (recorder, writer) = Recorder::start(Arc::clone(&store));
        let acks: Vec<Ack> = due.iter().map(|d| recorder.record(delivered(d))).collect();
        writer.abort(); // the process dies before the writer ran
        assert!(writer.await.unwrap_err().is_cancelled());
        for ack in acks {
            assert!(ack.await.is_err(), "never recorded");
        }
        let again = store.due_webhook_deliveries(&ep, 10, 10).await.unwrap();
        let ids =
            |v: &[gateway_store::DueDelivery]| v.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&again), ids(&due), "all still due, oldest first");
        assert!(again.iter().all(|d| d.attempts == 0));
    }
}
