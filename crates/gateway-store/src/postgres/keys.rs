//! API key rows: create, list, revoke, and the active-key lookups the gateway authenticates by.

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row as _};

use crate::{ApiKeyRecord, StoreError, TenantId, now_ms};

pub(super) async fn create(
    pool: &PgPool,
    name: &str,
    prefix: &str,
    hash: &[u8; 32],
    plan: Option<&str>,
) -> Result<ApiKeyRecord, StoreError> {
    let created_at = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_keys (name, prefix, key_hash, created_at, plan) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(name)
    .bind(prefix)
    .bind(&hash[..])
    .bind(created_at)
    .bind(plan)
    .fetch_one(pool)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict("an API key with this hash exists".into()),
        other => other,
    })?;
    Ok(ApiKeyRecord {
        id,
        name: name.to_owned(),
        prefix: prefix.to_owned(),
        created_at,
        revoked_at: None,
    })
}

pub(super) async fn list(pool: &PgPool) -> Result<Vec<ApiKeyRecord>, StoreError> {
    let rows =
        sqlx::query("SELECT id, name, prefix, created_at, revoked_at FROM api_keys ORDER BY id")
            .fetch_all(pool)
            .await?;
    rows.iter().map(record).collect()
}

fn record(row: &PgRow) -> Result<ApiKeyRecord, StoreError> {
    Ok(ApiKeyRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        created_at: row.try_get("created_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

pub(super) async fn revoke(pool: &PgPool, id: i64) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now_ms())
            .bind(id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn active(pool: &PgPool) -> Result<Vec<(TenantId, [u8; 32])>, StoreError> {
    let rows: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT id, key_hash FROM api_keys WHERE revoked_at IS NULL ORDER BY id")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(id, hash)| {
            let hash = <[u8; 32]>::try_from(hash.as_slice()).map_err(|_| {
                StoreError::Database(format!("api_keys.key_hash of key {id} is not 32 bytes"))
            })?;
            Ok((TenantId(id), hash))
        })
        .collect()
}

pub(super) async fn find_active(
    pool: &PgPool,
    hash: &[u8; 32],
) -> Result<Option<TenantId>, StoreError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
            .bind(&hash[..])
            .fetch_optional(pool)
            .await?;
    Ok(id.map(TenantId))
}
