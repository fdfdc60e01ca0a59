//! Idempotency-Key records, keyed by `(tenant, scope, SHA-256 of the key)`. Claiming is one
//! `INSERT … ON CONFLICT DO NOTHING`, so two concurrent requests with the same key cannot
//! both win; the loser reads the winner's row.

use sha2::{Digest, Sha256};
use sqlx::{PgPool, Row as _};

use crate::{IdempotencyClaim, IdempotencyClaimRequest, StoreError, StoredResponse, TenantId};

fn key_hash(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

pub(super) async fn claim(
    pool: &PgPool,
    tenant: TenantId,
    req: &IdempotencyClaimRequest<'_>,
) -> Result<IdempotencyClaim, StoreError> {
    let hash = key_hash(req.key);
    // Housekeeping for every tenant: an expired record counts for nobody.
    sqlx::query("DELETE FROM idempotency_keys WHERE expires_at <= $1")
        .bind(req.now)
        .execute(pool)
        .await?;
    // A concurrent release can delete the row between the insert and the read; try again.
    for _ in 0..3 {
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys \
             (tenant_id, scope, key_hash, fingerprint, state, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5, $6) \
             ON CONFLICT (tenant_id, scope, key_hash) DO NOTHING",
        )
        .bind(tenant.0)
        .bind(req.scope)
        .bind(&hash[..])
        .bind(&req.fingerprint[..])
        .bind(req.now)
        .bind(req.expires_at)
        .execute(pool)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(IdempotencyClaim::Claimed);
        }
        let row = sqlx::query(
            "SELECT fingerprint, state, response_status, response_body, created_at \
             FROM idempotency_keys WHERE tenant_id = $1 AND scope = $2 AND key_hash = $3",
        )
        .bind(tenant.0)
        .bind(req.scope)
        .bind(&hash[..])
        .fetch_optional(pool)
        .await?;
        let Some(row) = row else { continue };
        let fingerprint: Vec<u8> = row.try_get("fingerprint")?;
        if fingerprint != req.fingerprint {
            return Ok(IdempotencyClaim::Mismatch);
        }
        let state: String = row.try_get("state")?;
        if state == "pending" {
            return Ok(IdempotencyClaim::InFlight {
                since: row.try_get("created_at")?,
            });
        }
        let status: Option<i64> = row.try_get("response_status")?;
        let body: Option<Vec<u8>> = row.try_get("response_body")?;
        let status = status.and_then(|s| u16::try_from(s).ok()).ok_or_else(|| {
            StoreError::Database("completed idempotency key without status".into())
        })?;
        return Ok(IdempotencyClaim::Completed(StoredResponse {
            status,
            body: body.unwrap_or_default(),
        }));
    }
    Err(StoreError::Database(
        "idempotency key kept changing while it was claimed".into(),
    ))
}

pub(super) async fn complete(
    pool: &PgPool,
    tenant: TenantId,
    scope: &str,
    key: &str,
    response: &StoredResponse,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE idempotency_keys SET state = 'completed', response_status = $1, response_body = $2 \
         WHERE tenant_id = $3 AND scope = $4 AND key_hash = $5 AND state = 'pending'",
    )
    .bind(i64::from(response.status))
    .bind(&response.body)
    .bind(tenant.0)
    .bind(scope)
    .bind(&key_hash(key)[..])
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("pending idempotency key".into()));
    }
    Ok(())
}

pub(super) async fn release(
    pool: &PgPool,
    tenant: TenantId,
    scope: &str,
    key: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM idempotency_keys \
         WHERE tenant_id = $1 AND scope = $2 AND key_hash = $3 AND state = 'pending'",
    )
    .bind(tenant.0)
    .bind(scope)
    .bind(&key_hash(key)[..])
    .execute(pool)
    .await?;
    Ok(())
}
