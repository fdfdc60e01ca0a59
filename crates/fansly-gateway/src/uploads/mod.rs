//! Media upload jobs (route-map U1/U2). `POST /{a}/media/upload` spools the `file` field to
//! this process's directory under [`crate::state::Settings::upload_dir`] ([`multipart`],
//! [`spool_dir`]), records a job (`waiting`) in the store under this process's name
//! ([`crate::cluster::Cluster::holder`]) and starts [`runner`] in a tokio task, which sends the
//! file to Fansly and records each step; `GET /media/upload/{jobId}/status` reads the record.
//!
//! Jobs are persisted, and belong to the process that accepted them: only it has the spooled
//! file and the presigned part URLs, so no other process can resume them. When that process
//! stops (cleanly or not), the others ([`orphans`]; a lone process at its next start) fail
//! its unfinished jobs with [`INTERRUPTED`] and remove its spool directory where they share
//! the upload directory: no job hangs in `active`.

pub mod multipart;
pub mod orphans;
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

/// This process's spool directory, `upload_dir/<holder>/`: gateways sharing one upload
/// directory each remove only their own files and those of processes that are gone.
pub fn spool_dir(app: &AppState) -> PathBuf {
    app.settings.upload_dir.join(app.cluster.holder())
}

/// The spool file of a job of this process.
pub fn spool_path(app: &AppState, job_id: &str) -> PathBuf {
    spool_dir(app).join(format!("{job_id}.upload"))
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
