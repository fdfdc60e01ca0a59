//! Upload jobs: insert, update, read (scoped by tenant) and the sweep that fails jobs a
//! stopped process left unfinished.

use sqlx::{PgPool, Row as _};

use crate::{StoreError, TenantId, UploadJob, UploadState, UploadUpdate};

pub(super) async fn create(
    pool: &PgPool,
    tenant: TenantId,
    job: &UploadJob,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO upload_jobs \
         (id, tenant_id, account_id, state, progress, result, error, file_name, file_size, \
          created_at, updated_at, holder) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&job.id)
    .bind(tenant.0)
    .bind(&job.account_id)
    .bind(job.state.as_str())
    .bind(i64::from(job.progress))
    .bind(job.result.as_deref())
    .bind(job.error.as_deref())
    .bind(&job.file_name)
    .bind(i64::try_from(job.file_size).unwrap_or(i64::MAX))
    .bind(job.created_at)
    .bind(job.updated_at)
    .bind(job.holder.as_deref())
    .execute(pool)
    .await?;
    Ok(())
}

/// Updates a job that is not final yet; [`StoreError::NotFound`] otherwise.
pub(super) async fn update(
    pool: &PgPool,
    tenant: TenantId,
    id: &str,
    u: &UploadUpdate<'_>,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE upload_jobs SET state = $1, progress = $2, result = $3, error = $4, updated_at = $5 \
         WHERE id = $6 AND tenant_id = $7 AND state IN ('waiting', 'active')",
    )
    .bind(u.state.as_str())
    .bind(i64::from(u.progress.min(100)))
    .bind(u.result)
    .bind(u.error)
    .bind(u.now)
    .bind(id)
    .bind(tenant.0)
    .execute(pool)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound(format!(
            "upload job {id} (or it is already finished)"
        )))
    }
}

pub(super) async fn get(
    pool: &PgPool,
    tenant: TenantId,
    id: &str,
) -> Result<Option<UploadJob>, StoreError> {
    let row = sqlx::query(
        "SELECT id, account_id, state, progress, result, error, file_name, file_size, \
         created_at, updated_at, holder FROM upload_jobs WHERE id = $1 AND tenant_id = $2",
    )
    .bind(id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let state: String = row.try_get("state")?;
    let progress: i64 = row.try_get("progress")?;
    let file_size: i64 = row.try_get("file_size")?;
    Ok(Some(UploadJob {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        state: UploadState::parse(&state)
            .ok_or_else(|| StoreError::Database(format!("upload job state {state:?}")))?,
        progress: u8::try_from(progress.clamp(0, 100)).unwrap_or(0),
        result: row.try_get("result")?,
        error: row.try_get("error")?,
        file_name: row.try_get("file_name")?,
        file_size: u64::try_from(file_size).unwrap_or(0),
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        holder: row.try_get("holder")?,
    }))
}

/// Jobs of processes not seen since `live_since` (nor the caller): their spool files and
/// presigned URLs went with the process.
pub(super) async fn fail_orphaned(
    pool: &PgPool,
    holder: &str,
    live_since: i64,
    reason: &str,
    now: i64,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE upload_jobs SET state = 'failed', error = $1, updated_at = $2 \
         WHERE state IN ('waiting', 'active') \
           AND (holder IS NULL \
                OR (holder <> $3 \
                    AND holder NOT IN \
                        (SELECT holder FROM gateway_processes WHERE seen_at > $4)))",
    )
    .bind(reason)
    .bind(now)
    .bind(holder)
    .bind(live_since)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
