//! Recording webhook events with their deliveries: one event ([`record_event`]), or a socket's
//! queued events together with the account's event cursor in one transaction
//! ([`record_events`], issue 16).

use sqlx::postgres::PgRow;
use sqlx::{PgConnection, PgPool, Row as _};

use super::events;
use super::webhooks::random_id;
use crate::webhooks::{NewWebhookEvent, PayloadStyle, Subscription, check_batch};
use crate::{StoreError, TenantId};

/// Inserts the event and one delivery per matching enabled endpoint in one transaction.
/// `None` when `(account_id, dedupe_key)` is already recorded.
pub(super) async fn record_event(
    pool: &PgPool,
    e: &NewWebhookEvent<'_>,
) -> Result<Option<Vec<String>>, StoreError> {
    let mut tx = pool.begin().await?;
    let ids = insert_event(&mut tx, e, &mut None).await?;
    if ids.is_some() {
        tx.commit().await?;
    } else {
        // A duplicate: end the transaction now rather than when the connection is next used.
        tx.rollback().await?;
    }
    Ok(ids)
}

/// The events (all `tenant`'s and `account_id`'s), in order, and the account's cursor moved
/// to `cursor_ms` unless it is later, in one transaction: all of it or none.
pub(super) async fn record_events(
    pool: &PgPool,
    tenant: TenantId,
    account_id: &str,
    batch: &[NewWebhookEvent<'_>],
    cursor_ms: Option<i64>,
) -> Result<Vec<Option<Vec<String>>>, StoreError> {
    check_batch(tenant, account_id, batch)?;
    // A concurrent insert of the same dedupe key (another process's reconciliation) waits
    // for this transaction and then finds the row: each event is recorded once.
    let mut tx = pool.begin().await?;
    // The tenant's endpoints are read once, on the first new event.
    let mut endpoints = None;
    let mut out = Vec::with_capacity(batch.len());
    for e in batch {
        out.push(insert_event(&mut tx, e, &mut endpoints).await?);
    }
    if let Some(at) = cursor_ms {
        events::advance_cursor(&mut *tx, tenant, account_id, at).await?;
    }
    tx.commit().await?;
    Ok(out)
}

/// Inserts one event and its deliveries in the caller's transaction; `None` for a duplicate.
/// `endpoints`: the tenant's enabled endpoints, read here when still `None`.
async fn insert_event(
    tx: &mut PgConnection,
    e: &NewWebhookEvent<'_>,
    endpoints: &mut Option<Vec<Subscription>>,
) -> Result<Option<Vec<String>>, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO webhook_events (id, tenant_id, account_id, event, dedupe_key, body, \
         event_type_body, occurred_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (account_id, dedupe_key) DO NOTHING",
    )
    .bind(e.id)
    .bind(e.tenant.0)
    .bind(e.account_id)
    .bind(e.event)
    .bind(e.dedupe_key)
    .bind(e.body)
    .bind(e.event_type_body)
    .bind(e.occurred_at)
    .bind(e.now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(None);
    }
    let endpoints = match endpoints {
        Some(list) => list,
        None => endpoints.insert(enabled_endpoints(tx, e.tenant).await?),
    };
    let mut ids = Vec::new();
    for ep in endpoints.iter() {
        let matches = ep.receives(e.event, e.account_id, e.only_endpoint);
        // An event without an `event_type` mapping is not sent to endpoints of that style.
        if !matches || (ep.payload_style == PayloadStyle::EventType && e.event_type_body.is_none())
        {
            continue;
        }
        let id = random_id("msg_");
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, attempts, \
             next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, 'pending', 0, $4, $5, $6)",
        )
        .bind(&id)
        .bind(&ep.id)
        .bind(e.id)
        .bind(e.now)
        .bind(e.now)
        .bind(e.now)
        .execute(&mut *tx)
        .await?;
        ids.push(id);
    }
    Ok(Some(ids))
}

/// The tenant's enabled endpoints, oldest first.
async fn enabled_endpoints(
    tx: &mut PgConnection,
    tenant: TenantId,
) -> Result<Vec<Subscription>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, events, account_ids, payload_style FROM webhook_endpoints \
         WHERE tenant_id = $1 AND enabled = 1 ORDER BY created_at, id",
    )
    .bind(tenant.0)
    .fetch_all(&mut *tx)
    .await?;
    rows.iter().map(subscription).collect()
}

/// An endpoint's subscription, from its row.
pub(super) fn subscription(row: &PgRow) -> Result<Subscription, StoreError> {
    let events: String = row.try_get("events")?;
    let accounts: Option<String> = row.try_get("account_ids")?;
    let style: String = row.try_get("payload_style")?;
    Subscription::from_columns(row.try_get("id")?, &events, accounts.as_deref(), &style)
}
