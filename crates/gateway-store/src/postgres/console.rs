//! Web console rows (migration 0014, as the SQLite backend): operator credentials and sessions.

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row as _};

use crate::console::{ConsolePrincipal, ConsoleSession, OperatorRecord};
use crate::{StoreError, TenantId, now_ms};

pub(super) async fn create_operator(
    pool: &PgPool,
    name: &str,
    prefix: &str,
    hash: &[u8; 32],
) -> Result<OperatorRecord, StoreError> {
    let created_at = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO console_operators (name, prefix, secret_hash, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(prefix)
    .bind(&hash[..])
    .bind(created_at)
    .fetch_one(pool)
    .await?;
    Ok(OperatorRecord {
        id,
        name: name.to_owned(),
        prefix: prefix.to_owned(),
        created_at,
        revoked_at: None,
    })
}

fn operator(row: &PgRow) -> Result<OperatorRecord, StoreError> {
    Ok(OperatorRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        created_at: row.try_get("created_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

pub(super) async fn operators(pool: &PgPool) -> Result<Vec<OperatorRecord>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, name, prefix, created_at, revoked_at FROM console_operators ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(operator).collect()
}

pub(super) async fn revoke_operator(pool: &PgPool, id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE console_operators SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn find_operator(
    pool: &PgPool,
    hash: &[u8; 32],
) -> Result<Option<OperatorRecord>, StoreError> {
    let row = sqlx::query(
        "SELECT id, name, prefix, created_at, revoked_at FROM console_operators \
         WHERE secret_hash = $1 AND revoked_at IS NULL",
    )
    .bind(&hash[..])
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(operator).transpose()
}

pub(super) async fn create_session(
    pool: &PgPool,
    hash: &[u8; 32],
    principal: &ConsolePrincipal,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    let (tenant, op) = match principal {
        ConsolePrincipal::Tenant(t) => (Some(t.0), None),
        ConsolePrincipal::Operator { id, .. } => (None, Some(*id)),
    };
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM console_sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO console_sessions (token_hash, tenant_id, operator_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&hash[..])
    .bind(tenant)
    .bind(op)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The session if it has not expired and its key or operator is not revoked.
pub(super) async fn session(
    pool: &PgPool,
    hash: &[u8; 32],
    now: i64,
) -> Result<Option<ConsoleSession>, StoreError> {
    let row = sqlx::query(
        "SELECT s.tenant_id, s.operator_id, o.name AS operator_name, s.created_at, s.expires_at \
         FROM console_sessions s \
         LEFT JOIN api_keys k ON k.id = s.tenant_id \
         LEFT JOIN console_operators o ON o.id = s.operator_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 \
           AND ((s.tenant_id IS NOT NULL AND k.id IS NOT NULL AND k.revoked_at IS NULL) \
             OR (s.operator_id IS NOT NULL AND o.id IS NOT NULL AND o.revoked_at IS NULL))",
    )
    .bind(&hash[..])
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let tenant: Option<i64> = row.try_get("tenant_id")?;
    let op: Option<i64> = row.try_get("operator_id")?;
    let principal = match (tenant, op) {
        (Some(t), None) => ConsolePrincipal::Tenant(TenantId(t)),
        (None, Some(id)) => ConsolePrincipal::Operator {
            id,
            name: row.try_get("operator_name")?,
        },
        _ => {
            return Err(StoreError::Database(
                "console_sessions row names no single principal".into(),
            ));
        }
    };
    Ok(Some(ConsoleSession {
        principal,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    }))
}

pub(super) async fn delete_session(pool: &PgPool, hash: &[u8; 32]) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM console_sessions WHERE token_hash = $1")
        .bind(&hash[..])
        .execute(pool)
        .await?;
    Ok(())
}
