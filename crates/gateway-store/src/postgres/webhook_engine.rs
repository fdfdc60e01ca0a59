//! The delivery engine's queries (issue 5; batched in issue 16): which endpoints have due
//! deliveries, a page of one endpoint's due deliveries, and the outcomes of many attempts
//! recorded in one transaction. They serve every tenant (PostgreSQL; see the SQLite twin).

use sqlx::{PgPool, Row as _};

use super::webhook_events::subscription;
use super::webhooks::{SECRET, open_url};
use crate::crypto::associated_data;
use crate::webhooks::{DeliveryAttempt, DeliveryStatus, DueDelivery, PayloadStyle};
use crate::{Keyring, StoreError, TenantId};

/// Enabled endpoints with a pending delivery due at `now`: one probe of
/// `webhook_deliveries_endpoint_due` per enabled endpoint (migration 0018), however long the
/// backlog (the engine asks on every wake, so during a burst after every recorded event).
pub(super) async fn endpoints_due(pool: &PgPool, now: i64) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT w.id FROM webhook_endpoints w WHERE w.enabled = 1 AND EXISTS ( \
         SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = w.id \
         AND d.status = 'pending' AND d.next_attempt_at <= $1)",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).map_err(StoreError::from))
        .collect()
}

/// Up to `limit` due pending deliveries of an enabled endpoint, oldest first, with their
/// bodies; the URL and secret are opened once for the page.
pub(super) async fn due(
    pool: &PgPool,
    keyring: &Keyring,
    endpoint_id: &str,
    now: i64,
    limit: i64,
) -> Result<Vec<DueDelivery>, StoreError> {
    let rows = sqlx::query(
        "SELECT d.id, d.attempts, d.created_at, w.url_enc, w.url_kid, w.secret_key_id, \
         w.secret, \
         CASE WHEN w.payload_style = 'event_type' AND e.event_type_body IS NOT NULL \
              THEN e.event_type_body ELSE e.body END AS body \
         FROM webhook_deliveries d \
         JOIN webhook_endpoints w ON w.id = d.endpoint_id \
         JOIN webhook_events e ON e.id = d.event_id \
         WHERE d.endpoint_id = $1 AND d.status = 'pending' AND d.next_attempt_at <= $2 \
           AND w.enabled = 1 \
         ORDER BY d.next_attempt_at, d.seq LIMIT $3",
    )
    .bind(endpoint_id)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let url = open_url(keyring, endpoint_id, first, "url_enc", "url_kid")?;
    let key_id: String = first.try_get("secret_key_id")?;
    let blob: Vec<u8> = first.try_get("secret")?;
    let secret = keyring.open_secret(&key_id, &blob, &associated_data(SECRET, endpoint_id))?;
    rows.iter()
        .map(|row| {
            Ok(DueDelivery {
                id: row.try_get("id")?,
                endpoint_id: endpoint_id.to_owned(),
                url: url.clone(),
                body: row.try_get("body")?,
                attempts: row.try_get("attempts")?,
                created_at: row.try_get("created_at")?,
                secret: secret.clone(),
            })
        })
        .collect()
}

/// Records attempts in one transaction, in order: each delivery's outcome, its endpoint's
/// failing streak (and disabling when asked). Returns each endpoint's `failing_since` right
/// after its attempt (`None` after a success).
pub(super) async fn record_attempts(
    pool: &PgPool,
    attempts: &[DeliveryAttempt<'_>],
) -> Result<Vec<Option<i64>>, StoreError> {
    let mut tx = pool.begin().await?;
    let mut out = Vec::with_capacity(attempts.len());
    for a in attempts {
        sqlx::query(
            "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, \
             response_status = $2, latency_ms = $3, last_error = $4, next_attempt_at = $5, \
             updated_at = $6 WHERE id = $7",
        )
        .bind(a.status.as_str())
        .bind(a.response_status)
        .bind(a.latency_ms)
        .bind(a.error)
        .bind(a.next_attempt_at)
        .bind(a.now)
        .bind(a.delivery_id)
        .execute(&mut *tx)
        .await?;
        if a.status == DeliveryStatus::Delivered {
            // Usually already NULL: then no row is written.
            sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = NULL \
                 WHERE id = $1 AND failing_since IS NOT NULL",
            )
            .bind(a.endpoint_id)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $1) \
                 WHERE id = $2",
            )
            .bind(a.now)
            .bind(a.endpoint_id)
            .execute(&mut *tx)
            .await?;
        }
        if let Some(reason) = a.disable_endpoint {
            sqlx::query(
                "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = $1, updated_at = $2 \
                 WHERE id = $3",
            )
            .bind(reason)
            .bind(a.now)
            .bind(a.endpoint_id)
            .execute(&mut *tx)
            .await?;
        }
        let failing = if a.status == DeliveryStatus::Delivered {
            None
        } else {
            sqlx::query_scalar::<_, Option<i64>>(
                "SELECT failing_since FROM webhook_endpoints WHERE id = $1",
            )
            .bind(a.endpoint_id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten()
        };
        out.push(failing);
    }
    tx.commit().await?;
    Ok(out)
}

/// Whether an enabled endpoint of the `event_type` style will receive the event (to
/// `only_endpoint`, or by subscription). Opens no URL or secret.
pub(super) async fn event_type_wanted(
    pool: &PgPool,
    tenant: TenantId,
    event: &str,
    account_id: &str,
    only_endpoint: Option<&str>,
) -> Result<bool, StoreError> {
    let rows = sqlx::query(
        "SELECT id, events, account_ids, payload_style FROM webhook_endpoints \
         WHERE tenant_id = $1 AND enabled = 1 AND payload_style = $2",
    )
    .bind(tenant.0)
    .bind(PayloadStyle::EventType.as_str())
    .fetch_all(pool)
    .await?;
    for row in &rows {
        if subscription(row)?.receives(event, account_id, only_endpoint) {
            return Ok(true);
        }
    }
    Ok(false)
}
