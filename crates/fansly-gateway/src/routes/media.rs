//! Media upload (route-map §1.14):
//! - U1 `POST /{a}/media/upload` (multipart field `file`) → **F 202** `{jobId}` at once. The
//!   file is streamed to a spool file (never buffered whole), limited to
//!   `Settings::max_upload_bytes` (413 above it; an empty or missing file → 400), and a
//!   background job ([`crate::uploads`]) runs Fansly's create → parts → complete → poll flow,
//!   adds the media to the "All" album and mints the free offer.
//! - U2 `GET /media/upload/{jobId}/status` → **F** `{jobId, state, progress, result, error}`
//!   from the job record; a job of another API key, or an unknown one → 404.
//!
//! Download (U3, AL10–AL12) lives in [`super::media_download`].

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::Response;
use axum::routing::{get, post};
use gateway_store::UploadState;
use serde_json::{Value, json};

use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiResult, envelope};
use crate::state::AppState;
use crate::uploads::multipart::{self, MultipartError};
use crate::uploads::{self, JobInput};

/// Multipart framing allowed on top of the file itself before the early length check fires.
const MULTIPART_OVERHEAD: u64 = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/{account_id}/media/upload",
            post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/media/upload/{job_id}/status", get(status))
}

fn too_large(max: u64) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("file is larger than the upload limit of {max} bytes"),
    )
}

/// A mimetype for the file: the part's own, else one guessed from the file name.
fn mime_type(content_type: Option<&str>, file_name: &str) -> String {
    if let Some(ct) = content_type
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|c| c.contains('/') && c != "application/octet-stream")
    {
        return ct;
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        _ => "application/octet-stream",
    }
    .to_owned()
}

/// U1.
async fn upload(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    request: Request,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let max = app.settings.max_upload_bytes;
    let headers = request.headers();
    crate::http::json::check_encoding(headers)?;
    let boundary = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary)
        .ok_or_else(|| {
            ApiError::bad_request("file is required: send multipart/form-data with a `file` field")
        })?;
    if headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|len| len > max.saturating_add(MULTIPART_OVERHEAD))
    {
        return Err(too_large(max));
    }
    tokio::fs::create_dir_all(uploads::spool_dir(&app))
        .await
        .map_err(|e| ApiError::internal(format!("creating the upload directory: {e}")))?;
    let job_id = uploads::new_job_id();
    let path = uploads::spool_path(&app, &job_id);
    let body: Body = request.into_body();
    let spooled = match multipart::spool_file(body, &boundary, &path, max).await {
        Ok(f) => f,
        Err(e) => {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(match e {
                MultipartError::Bad(msg) => ApiError::bad_request(msg),
                MultipartError::TooLarge => too_large(max),
                MultipartError::TimedOut => crate::http::json::body_timed_out(),
                MultipartError::Io(msg) => ApiError::internal(msg),
            });
        }
    };
    let file_name = if spooled.file_name.trim().is_empty() {
        "upload".to_owned()
    } else {
        spooled.file_name.trim().to_owned()
    };
    let input = JobInput {
        tenant: tenant.0,
        job_id: job_id.clone(),
        account_id: c.account.id.clone(),
        path: path.clone(),
        mime_type: mime_type(spooled.content_type.as_deref(), &file_name),
        file_name,
        size: spooled.size,
    };
    if let Err(e) = uploads::start(&app, input).await {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(e.into());
    }
    Ok(envelope::ok(
        StatusCode::ACCEPTED,
        "Upload accepted",
        json!({ "jobId": job_id }),
    ))
}

/// U2.
async fn status(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(job_id): Path<String>,
) -> ApiResult<Response> {
    let not_found = || ApiError::not_found(format!("Upload job {job_id} not found"));
    if !uploads::is_job_id(&job_id) {
        return Err(not_found());
    }
    let job = app
        .store
        .upload_job(tenant.0, &job_id)
        .await?
        .ok_or_else(not_found)?;
    let result = match (&job.state, &job.result) {
        (UploadState::Completed, Some(raw)) => {
            serde_json::from_str::<Value>(raw).unwrap_or(Value::Null)
        }
        _ => Value::Null,
    };
    Ok(envelope::ok(
        StatusCode::OK,
        "Success",
        json!({
            "jobId": job.id,
            "accountId": job.account_id,
            "state": job.state.as_str(),
            "progress": job.progress,
            "result": result,
            "error": job.error,
            "fileName": job.file_name,
            "fileSize": job.file_size,
        }),
    ))
}
