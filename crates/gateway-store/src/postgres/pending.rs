//! Pending login-2FA connects, keyed by `(tenant, SHA-256 of Fansly's twofa token)`. The token
//! itself is never stored.

use sha2::{Digest, Sha256};
use sqlx::{PgPool, Row as _};

use crate::{NewPendingConnect, PendingConnect, StoreError, TenantId, now_ms};

fn token_hash(twofa_token: &str) -> [u8; 32] {
    Sha256::digest(twofa_token.as_bytes()).into()
}

pub(super) async fn put(
    pool: &PgPool,
    tenant: TenantId,
    twofa_token: &str,
    p: NewPendingConnect,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO pending_connects \
         (tenant_id, token_hash, device_id, login, name, country, tries, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8) \
         ON CONFLICT (tenant_id, token_hash) DO UPDATE SET \
         device_id = excluded.device_id, login = excluded.login, name = excluded.name, \
         country = excluded.country, tries = 0, expires_at = excluded.expires_at, \
         created_at = excluded.created_at",
    )
    .bind(tenant.0)
    .bind(&token_hash(twofa_token)[..])
    .bind(&p.device_id)
    .bind(&p.login)
    .bind(&p.name)
    .bind(&p.country)
    .bind(p.expires_at)
    .bind(now_ms())
    .execute(pool)
    .await?;
    Ok(())
}

pub(super) async fn get(
    pool: &PgPool,
    tenant: TenantId,
    twofa_token: &str,
    now: i64,
) -> Result<Option<PendingConnect>, StoreError> {
    // Housekeeping for every tenant: expired handoffs are useless to all of them.
    sqlx::query("DELETE FROM pending_connects WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await?;
    let row = sqlx::query(
        "SELECT device_id, login, name, country, tries, expires_at, created_at \
         FROM pending_connects WHERE tenant_id = $1 AND token_hash = $2 AND expires_at > $3",
    )
    .bind(tenant.0)
    .bind(&token_hash(twofa_token)[..])
    .bind(now)
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        Ok(PendingConnect {
            device_id: row.try_get("device_id")?,
            login: row.try_get("login")?,
            name: row.try_get("name")?,
            country: row.try_get("country")?,
            tries: row.try_get("tries")?,
            expires_at: row.try_get("expires_at")?,
            created_at: row.try_get("created_at")?,
        })
    })
    .transpose()
}

pub(super) async fn record_failure(
    pool: &PgPool,
    tenant: TenantId,
    twofa_token: &str,
) -> Result<i64, StoreError> {
    let tries: Option<i64> = sqlx::query_scalar(
        "UPDATE pending_connects SET tries = tries + 1 \
         WHERE tenant_id = $1 AND token_hash = $2 RETURNING tries",
    )
    .bind(tenant.0)
    .bind(&token_hash(twofa_token)[..])
    .fetch_optional(pool)
    .await?;
    tries.ok_or_else(|| StoreError::NotFound("pending connect".into()))
}

pub(super) async fn delete(
    pool: &PgPool,
    tenant: TenantId,
    twofa_token: &str,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM pending_connects WHERE tenant_id = $1 AND token_hash = $2")
        .bind(tenant.0)
        .bind(&token_hash(twofa_token)[..])
        .execute(pool)
        .await?;
    Ok(())
}
