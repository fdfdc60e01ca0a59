//! Recording a socket's events (issue 16). The socket task takes the frames already waiting
//! on the socket together (about [`MAX_BATCH`] events at most) and records their webhooks in
//! order: plain events — a purchase once its price is read — are gathered and recorded with
//! their deliveries and the advanced cursor in one store transaction
//! ([`webhooks::publish_batch`]). What was gathered is recorded before a purchase's price is
//! read (a REST call) and before a subscription event, which is handled on its own (its
//! seen-set is read before it is published and written after).
//!
//! One event at a time cost three store round trips (is an `event_type` body needed, the event
//! with its deliveries, the cursor); a batch costs one read per event name and one
//! transaction. The transaction is all or none, so a crash leaves either every event of the
//! batch with the cursor past them, or none of them with the cursor where it was: the next
//! reconciliation derives the same dedupe keys again. A batch the store refuses is recorded
//! again event by event, each with [`PUBLISH_ATTEMPTS`] tries, as before batching: one bad
//! event does not take the others with it.

use std::time::Duration;

use fansly_client::ws::ServiceEvent;

use super::derive::{self, Derived, Plain};
use super::{Ctx, PUBLISH_ATTEMPTS, emit, emit_event, new_event, reconcile};
use crate::state::AppState;
use crate::webhooks::{self, NewEvent};

/// The most events the socket task takes together from its socket. Every event of a batch
/// waits for the whole batch's transaction before its delivery can start, so this bounds what
/// a burst adds to an event's latency. In the 2,000-event burst of `bench_webhooks`: 32 gave
/// ~3,100–3,300 deliveries/s, 64 ~3,700–5,100/s, 128 ~3,200–4,600/s (docs/PERFORMANCE.md).
pub(super) const MAX_BATCH: usize = 64;

/// Derives and records the webhooks of a socket's events, in order, and advances the cursor
/// past them.
pub(super) async fn record(app: &AppState, ctx: &Ctx, events: &[ServiceEvent]) {
    let mut batch = Vec::new();
    for e in events {
        let now = app.clock.now_ms();
        let Some(derived) = derive::derive(&ctx.native_id, e) else {
            continue;
        };
        match derived {
            Derived::Publish(p) => batch.push(new_event(ctx.tenant, &ctx.account_id, p, now)),
            Derived::Purchase { order } => {
                // The price is read through REST: what was gathered is not held up by it.
                flush(app, ctx, std::mem::take(&mut batch)).await;
                if let Some(p) = purchase(app, ctx, &order).await {
                    batch.push(new_event(ctx.tenant, &ctx.account_id, p, now));
                }
            }
            Derived::SubscriptionActive {
                subscription,
                id,
                history_id,
            } => {
                flush(app, ctx, std::mem::take(&mut batch)).await;
                subscription_active(app, ctx, &subscription, &id, &history_id, now).await;
            }
        }
    }
    flush(app, ctx, batch).await;
}

/// Records the gathered events and the cursor past them in one transaction; when that fails,
/// each event on its own with its retries, the cursor after each (as before batching).
async fn flush(app: &AppState, ctx: &Ctx, batch: Vec<NewEvent>) {
    let Some(cursor) = batch.iter().map(|e| e.occurred_at_ms).max() else {
        return;
    };
    let recorded =
        webhooks::publish_batch(app, ctx.tenant, &ctx.account_id, &batch, Some(cursor)).await;
    let Err(e) = recorded else {
        return;
    };
    tracing::warn!(
        account = %ctx.account_id,
        events = batch.len(),
        error = %e.message,
        "recording a batch of webhook events failed; recording them one by one"
    );
    for event in batch {
        let at = event.occurred_at_ms;
        emit_event(app, event).await;
        advance_cursor(app, ctx, at).await;
    }
}

/// A purchase's `ppv.purchased`, its price read from the item or else the ledger; `None`
/// when neither can be read now.
async fn purchase(app: &AppState, ctx: &Ctx, order: &serde_json::Value) -> Option<Plain> {
    let price = match reconcile::media_price(app, ctx, order).await {
        Some(price) => Some(price),
        None => reconcile::ledger_price(app, ctx, order).await,
    };
    // Never a `ppv.purchased` without its price: when neither the item nor the ledger can be
    // read now, the ledger step of the next reconciliation publishes it (same dedupe key,
    // price from the sale credit).
    let Some(price) = price else {
        tracing::warn!(account = %ctx.account_id, "purchase price unreadable; left to reconciliation");
        return None;
    };
    derive::purchase(order, Some(price))
}

/// A subscription seen active: new or renewed by the seen-set.
async fn subscription_active(
    app: &AppState,
    ctx: &Ctx,
    subscription: &serde_json::Value,
    id: &str,
    history_id: &str,
    now: i64,
) {
    // Read the seen-set, publish, and only then record the new state: a crash or a failed
    // publish in between re-derives the same event (same dedupe key) instead of losing it.
    let Some(previous) = seen_with_retries(app, ctx, id).await else {
        return;
    };
    let Some(p) = derive::subscription(subscription, id, history_id, previous.as_deref()) else {
        return;
    };
    let at = p.occurred_at_ms.unwrap_or(now);
    if emit(app, ctx.tenant, &ctx.account_id, p).await.is_none() {
        return;
    }
    if let Err(e) = app
        .store
        .record_subscription_seen(ctx.tenant, &ctx.account_id, id, history_id)
        .await
    {
        tracing::error!(error = %e, "could not record the subscription seen-set");
    }
    advance_cursor(app, ctx, at).await;
}

async fn advance_cursor(app: &AppState, ctx: &Ctx, at: i64) {
    if let Err(e) = app
        .store
        .advance_event_cursor(ctx.tenant, &ctx.account_id, at)
        .await
    {
        tracing::warn!(error = %e, "could not advance the event cursor");
    }
}

/// The subscription's last recorded history id (`Some(None)` = never seen); `None` when the
/// store kept failing (logged), so the caller drops nothing it has already recorded.
async fn seen_with_retries(app: &AppState, ctx: &Ctx, id: &str) -> Option<Option<String>> {
    for attempt in 1..=PUBLISH_ATTEMPTS {
        match app
            .store
            .subscription_seen(ctx.tenant, &ctx.account_id, id)
            .await
        {
            Ok(previous) => return Some(previous),
            Err(e) if attempt < PUBLISH_ATTEMPTS => {
                tracing::warn!(error = %e, "reading the subscription seen-set failed; retrying");
                tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt))).await;
            }
            Err(e) => tracing::error!(error = %e, "could not read the subscription seen-set"),
        }
    }
    None
}
