//! Media upload jobs (route-map U1/U2). `POST /{a}/media/upload` spools the `file` field to
//! [`crate::state::Settings::upload_dir`] ([`multipart`]), records a job (`waiting`) in the
//! store and starts [`runner`] in a tokio task, which sends the file to Fansly and records
//! each step; `GET /media/upload/{jobId}/status` reads the record.
//!
//! Jobs are persisted. A gateway that stops mid-upload cannot resume the native upload (the
//! spooled file and the presigned part URLs belong to the old process), so on start
//! [`recover`] marks every job still `waiting`/`active` as `failed` with a reason and removes
//! leftover spool files: no job hangs in `active`.

pub mod multipart;
pub mod runner;

use std::path::PathBuf;

use gateway_store::{TenantId, UploadJob, UploadState};
use rand::RngCore;

use crate::state::AppState;

/// The reason recorded on jobs whose process stopped before they finished.
pub const INTERRUPTED: &str = "the gateway process that accepted this upload stopped before it finished; upload the file again";

/// A fresh opaque job id (`upl_` + 24 hex digits).
pub fn new_job_id() -> String {
    let mut bytes = [0u8; 12];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("upl_{}", hex::encode(bytes))
}

/// True for ids [`new_job_id`] could have minted (anything else is a 404 without a lookup).
pub fn is_job_id(id: &str) -> bool {
    id.strip_prefix("upl_")
        .is_some_and(|h| h.len() == 24 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The spool file of a job.
pub fn spool_path(app: &AppState, job_id: &str) -> PathBuf {
    app.settings.upload_dir.join(format!("{job_id}.upload"))
}

/// What a started job needs.
#[derive(Debug, Clone)]
pub struct JobInput {
    pub tenant: TenantId,
    pub job_id: String,
    pub account_id: String,
    pub path: PathBuf,
    pub file_name: String,
    pub mime_type: String,
    pub size: u64,
}

/// Records the job as `waiting` and starts it.
pub async fn start(app: &AppState, input: JobInput) -> Result<(), gateway_store::StoreError> {
    let now = app.clock.now_ms();
    app.store
        .create_upload_job(
            input.tenant,
            &UploadJob {
                id: input.job_id.clone(),
                account_id: input.account_id.clone(),
                state: UploadState::Waiting,
                progress: 0,
                result: None,
                error: None,
                file_name: input.file_name.clone(),
                file_size: input.size,
                created_at: now,
                updated_at: now,
                holder: Some(app.cluster.holder().to_owned()),
            },
        )
        .await?;
    tokio::spawn(runner::run(app.clone(), input));
    Ok(())
}

/// Start-up: fails the jobs a previous process left unfinished and clears its spool files.
pub async fn recover(app: &AppState) {
    let now = app.clock.now_ms();
    match app
        .store
        .fail_orphaned_upload_jobs(
            app.cluster.holder(),
            now - crate::cluster::LIVE_MS,
            INTERRUPTED,
            now,
        )
        .await
    {
        Ok(0) => {}
        Ok(n) => tracing::warn!(jobs = n, "marked interrupted upload jobs failed"),
        Err(e) => tracing::error!(error = %e, "could not fail interrupted upload jobs"),
    }
    if let Ok(mut dir) = tokio::fs::read_dir(&app.settings.upload_dir).await {
        while let Ok(Some(entry)) = dir.next_entry().await {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "upload") {
                let _ = tokio::fs::remove_file(path).await;
            }
        }
    }
}
