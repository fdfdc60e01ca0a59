//! Event-ingestion state (migrations 0005, 0009): per-account cursors and the seen-set of
//! active subscriptions, with its one-time seeding.

use sqlx::{PgPool, Row};

use super::accounts;
use crate::{Account, AccountStatus, StoreError, TenantId, now_ms};

pub(super) async fn active_accounts_all(pool: &PgPool) -> Result<Vec<Account>, StoreError> {
    let tenants = sqlx::query(
        "SELECT DISTINCT tenant_id FROM accounts WHERE status = 'active' ORDER BY tenant_id",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for row in tenants {
        let tenant = TenantId(row.try_get::<i64, _>(0)?);
        out.extend(
            accounts::list(pool, tenant)
                .await?
                .into_iter()
                .filter(|a| a.status == AccountStatus::Active),
        );
    }
    Ok(out)
}

pub(super) async fn cursor(
    pool: &PgPool,
    tenant: TenantId,
    account_id: &str,
) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query(
        "SELECT last_event_ms FROM event_cursors WHERE tenant_id = $1 AND account_id = $2",
    )
    .bind(tenant.0)
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.try_get::<i64, _>(0)).transpose()?)
}

/// On the pool, or in a transaction (a batch of events with their cursor).
pub(super) async fn advance_cursor<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    tenant: TenantId,
    account_id: &str,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO event_cursors (account_id, tenant_id, last_event_ms, updated_at) \
         SELECT id, tenant_id, $1, $2 FROM accounts WHERE id = $3 AND tenant_id = $4 \
         ON CONFLICT (account_id) DO UPDATE SET \
           last_event_ms = GREATEST(event_cursors.last_event_ms, excluded.last_event_ms), \
           updated_at = excluded.updated_at",
    )
    .bind(at_ms)
    .bind(now_ms())
    .bind(account_id)
    .bind(tenant.0)
    .execute(executor)
    .await?;
    Ok(())
}

pub(super) async fn subscription_seen(
    pool: &PgPool,
    tenant: TenantId,
    account_id: &str,
    subscription_id: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query(
        "SELECT history_id FROM event_subscriptions_seen \
         WHERE tenant_id = $1 AND account_id = $2 AND subscription_id = $3",
    )
    .bind(tenant.0)
    .bind(account_id)
    .bind(subscription_id)
    .fetch_optional(pool)
    .await?
    .map(|r| r.try_get::<String, _>(0))
    .transpose()?)
}

pub(super) async fn record_subscription_seen(
    pool: &PgPool,
    tenant: TenantId,
    account_id: &str,
    subscription_id: &str,
    history_id: &str,
) -> Result<Option<String>, StoreError> {
    // Two plain statements, no deferred transaction: a read lock upgraded to a write lock
    // fails at once (SQLITE_BUSY) when another connection writes. One socket task per
    // account is the only writer of its rows, so nothing interleaves.
    let previous = subscription_seen(pool, tenant, account_id, subscription_id).await?;
    sqlx::query(
        "INSERT INTO event_subscriptions_seen \
           (account_id, tenant_id, subscription_id, history_id, seen_at) \
         SELECT id, tenant_id, $1, $2, $3 FROM accounts WHERE id = $4 AND tenant_id = $5 \
         ON CONFLICT (account_id, subscription_id) DO UPDATE SET \
           history_id = excluded.history_id, seen_at = excluded.seen_at",
    )
    .bind(subscription_id)
    .bind(history_id)
    .bind(now_ms())
    .bind(account_id)
    .bind(tenant.0)
    .execute(pool)
    .await?;
    Ok(previous)
}

pub(super) async fn subscriptions_seeded(
    pool: &PgPool,
    tenant: TenantId,
    account_id: &str,
) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT subscriptions_seeded FROM event_cursors WHERE tenant_id = $1 AND account_id = $2",
    )
    .bind(tenant.0)
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(row
        .map(|r| r.try_get::<i64, _>(0))
        .transpose()?
        .is_some_and(|v| v != 0))
}

pub(super) async fn seed_subscriptions_seen(
    pool: &PgPool,
    tenant: TenantId,
    account_id: &str,
    seen: &[(String, String)],
) -> Result<bool, StoreError> {
    let mut tx = pool.begin().await?;
    // A write first, so the transaction holds the write lock from its first statement.
    let claimed = sqlx::query(
        "UPDATE event_cursors SET subscriptions_seeded = 1 \
         WHERE tenant_id = $1 AND account_id = $2 AND subscriptions_seeded = 0",
    )
    .bind(tenant.0)
    .bind(account_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        // Roll back now: a dropped transaction is only rolled back when its pooled connection
        // is next used, and until then it holds its table locks.
        tx.rollback().await?;
        return Ok(false);
    }
    let now = now_ms();
    for (subscription_id, history_id) in seen {
        sqlx::query(
            "INSERT INTO event_subscriptions_seen \
               (account_id, tenant_id, subscription_id, history_id, seen_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (account_id, subscription_id) DO NOTHING",
        )
        .bind(account_id)
        .bind(tenant.0)
        .bind(subscription_id)
        .bind(history_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}
