//! Key plans and usage counters (migration 0006).

use sqlx::PgPool;

use crate::{KeyUsage, StoreError, TenantId, now_ms};

pub(super) async fn set_plan(
    pool: &PgPool,
    id: i64,
    plan: Option<&str>,
) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE api_keys SET plan = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(plan)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn plans(pool: &PgPool) -> Result<Vec<(TenantId, Option<String>)>, StoreError> {
    let rows: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, plan FROM api_keys WHERE revoked_at IS NULL ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(id, p)| (TenantId(id), p)).collect())
}

pub(super) async fn plan(pool: &PgPool, tenant: TenantId) -> Result<Option<String>, StoreError> {
    let plan: Option<Option<String>> =
        sqlx::query_scalar("SELECT plan FROM api_keys WHERE id = $1 AND revoked_at IS NULL")
            .bind(tenant.0)
            .fetch_optional(pool)
            .await?;
    Ok(plan.flatten())
}

pub(super) async fn add_usage(pool: &PgPool, deltas: &[KeyUsage]) -> Result<(), StoreError> {
    if deltas.is_empty() {
        return Ok(());
    }
    let now = now_ms();
    let mut tx = pool.begin().await?;
    for d in deltas {
        sqlx::query(
            "INSERT INTO key_usage (tenant_id, period, requests, credits, webhook_events, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (tenant_id, period) DO UPDATE SET \
               requests = key_usage.requests + excluded.requests, \
               credits = key_usage.credits + excluded.credits, \
               webhook_events = key_usage.webhook_events + excluded.webhook_events, \
               updated_at = excluded.updated_at",
        )
        .bind(d.tenant.0)
        .bind(&d.period)
        .bind(d.requests)
        .bind(d.credits)
        .bind(d.webhook_events)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn usage(pool: &PgPool, period: &str) -> Result<Vec<KeyUsage>, StoreError> {
    let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT tenant_id, period, requests, credits, webhook_events FROM key_usage \
         WHERE period = $1 ORDER BY tenant_id",
    )
    .bind(period)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(t, period, requests, credits, webhook_events)| KeyUsage {
            tenant: TenantId(t),
            period,
            requests,
            credits,
            webhook_events,
        })
        .collect())
}

pub(super) async fn endpoint_tenant(
    pool: &PgPool,
    endpoint_id: &str,
) -> Result<Option<TenantId>, StoreError> {
    let t: Option<i64> =
        sqlx::query_scalar("SELECT tenant_id FROM webhook_endpoints WHERE id = $1")
            .bind(endpoint_id)
            .fetch_optional(pool)
            .await?;
    Ok(t.map(TenantId))
}
