//! Upload jobs: insert, update, read (scoped by tenant) and the sweep that fails jobs a
//! stopped process left unfinished.

use sqlx::{Row as _, SqlitePool};

use crate::{StoreError, TenantId, UploadJob, UploadState, UploadUpdate};

pub(super) async fn create(
    pool: &SqlitePool,
    tenant: TenantId,
    job: &UploadJob,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO upload_jobs \
         (id, tenant_id, account_id, state, progress, result, error, file_name, file_size, \
          created_at, updated_at, holder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
    u: &UploadUpdate<'_>,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE upload_jobs SET state = ?, progress = ?, result = ?, error = ?, updated_at = ? \
         WHERE id = ? AND tenant_id = ? AND state IN ('waiting', 'active')",
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
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
) -> Result<Option<UploadJob>, StoreError> {
    let row = sqlx::query(
        "SELECT id, account_id, state, progress, result, error, file_name, file_size, \
         created_at, updated_at, holder FROM upload_jobs WHERE id = ? AND tenant_id = ?",
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

/// One process per SQLite file: every unfinished job that is not the caller's is a previous
/// run's, whatever heartbeats the table holds.
pub(super) async fn fail_orphaned(
    pool: &SqlitePool,
    holder: &str,
    reason: &str,
    now: i64,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE upload_jobs SET state = 'failed', error = ?, updated_at = ? \
         WHERE state IN ('waiting', 'active') AND (holder IS NULL OR holder <> ?)",
    )
    .bind(reason)
    .bind(now)
    .bind(holder)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
