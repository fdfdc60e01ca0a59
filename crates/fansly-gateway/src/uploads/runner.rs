//! One upload job, per route-map U1: (1) [media] `POST /media/upload/create`; (2) `PUT` each
//! part's bytes to its presigned `uploadUrl`, reading the `ETag`; (3) [media]
//! `POST /media/upload/complete`; (4) [media] poll `GET /media/upload/{id}` until
//! `status ≥ 6` with a `mediaId` (interval and count from the settings: 1 s × 180);
//! (5) `GET /vault/albumsnew`, then `POST /vault/albums/media` into the type-38000 "All"
//! album; (6) `POST /account/media` → the free offer.
//!
//! Progress: parts share × 80, +10 at native status 6, +10 after step 6. Each step is
//! written to the store; any failure ends the job `failed` with the reason. The spool file
//! is removed when the job ends, whatever the outcome.

use std::io::SeekFrom;

use fansly_client::{FanslyError, upload_parts};
use gateway_store::{UploadState, UploadUpdate};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::JobInput;
use crate::http::auth::Tenant;
use crate::state::AppState;

/// The "All" vault album.
const ALBUM_ALL: i64 = 38_000;

/// Why a job failed (the message stored on it).
struct Failure(String);

impl From<FanslyError> for Failure {
    fn from(e: FanslyError) -> Self {
        Self(e.to_string())
    }
}

fn failure(msg: impl Into<String>) -> Failure {
    Failure(msg.into())
}

pub async fn run(app: AppState, input: JobInput) {
    let outcome = steps(&app, &input).await;
    let now = app.clock.now_ms();
    let update = match &outcome {
        Ok(result) => UploadUpdate {
            state: UploadState::Completed,
            progress: 100,
            result: Some(result.as_str()),
            error: None,
            now,
        },
        Err(Failure(reason)) => UploadUpdate {
            state: UploadState::Failed,
            progress: 0,
            result: None,
            error: Some(reason.as_str()),
            now,
        },
    };
    if let Err(e) = app
        .store
        .update_upload_job(input.tenant, &input.job_id, &update)
        .await
    {
        tracing::error!(job = %input.job_id, error = %e, "could not record the end of an upload job");
    }
    let _ = tokio::fs::remove_file(&input.path).await;
}

async fn progress(app: &AppState, input: &JobInput, progress: u8) -> Result<(), Failure> {
    app.store
        .update_upload_job(
            input.tenant,
            &input.job_id,
            &UploadUpdate {
                state: UploadState::Active,
                progress,
                result: None,
                error: None,
                now: app.clock.now_ms(),
            },
        )
        .await
        .map_err(|e| failure(format!("recording progress: {e}")))
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Steps 1–6; the result JSON on success.
async fn steps(app: &AppState, input: &JobInput) -> Result<String, Failure> {
    progress(app, input, 0).await?;
    let tenant = Tenant(input.tenant);
    let c = app
        .connected(tenant, &input.account_id)
        .await
        .map_err(|e| failure(e.message))?;
    let fail = |e: FanslyError| async {
        // A dead session marks the account expired, as on any route.
        let mapped = app.upstream_error(tenant, &input.account_id, e).await;
        failure(mapped.message)
    };

    // (1) create.
    let created = match app
        .fansly
        .upload_create(&c.creds, input.size, &input.mime_type, &input.file_name)
        .await
    {
        Ok(r) => r.response().clone(),
        Err(e) => return Err(fail(e).await),
    };
    let parts = upload_parts(&created)?;
    let part_size = created["partSize"]
        .as_u64()
        .filter(|s| *s > 0)
        .ok_or_else(|| failure("Fansly answered upload/create without a partSize"))?;
    if parts.is_empty() || (parts.len() as u64) < input.size.div_ceil(part_size) {
        return Err(failure("Fansly answered upload/create with too few parts"));
    }

    // (2) parts, read from the spool file one at a time.
    let mut file = tokio::fs::File::open(&input.path)
        .await
        .map_err(|e| failure(format!("reading the spooled upload: {e}")))?;
    let mut etags = Vec::with_capacity(parts.len());
    let total = parts.len();
    for (done, part) in parts.iter().enumerate() {
        let start = part.index * part_size;
        let len = input.size.saturating_sub(start).min(part_size);
        let mut bytes = vec![0u8; usize::try_from(len).unwrap_or(0)];
        file.seek(SeekFrom::Start(start))
            .await
            .map_err(|e| failure(format!("reading the spooled upload: {e}")))?;
        file.read_exact(&mut bytes)
            .await
            .map_err(|e| failure(format!("reading the spooled upload: {e}")))?;
        // Through the account's proxy, like its API calls (issue 6).
        let via = app.fansly.session_proxy(&c.creds.session_id);
        let etag =
            fansly_client::proxy::via(via, app.fansly.upload_part(&part.upload_url, bytes)).await?;
        etags.push((part.index, etag));
        let share = u8::try_from(80 * (done + 1) / total).unwrap_or(80);
        progress(app, input, share).await?;
    }

    // (3) complete.
    if let Err(e) = app.fansly.upload_complete(&c.creds, &created, &etags).await {
        return Err(fail(e).await);
    }

    // (4) poll.
    let upload_id = text(&created["id"]).ok_or_else(|| failure("upload/create without an id"))?;
    let mut media_id = None;
    for _ in 0..app.settings.upload_poll_attempts.max(1) {
        tokio::time::sleep(app.settings.upload_poll_interval).await;
        let status = match app.fansly.upload_status(&c.creds, &upload_id).await {
            Ok(r) => r.response().clone(),
            Err(e) => return Err(fail(e).await),
        };
        if status["status"].as_i64().unwrap_or(0) >= 6
            && let Some(id) = text(&status["mediaId"]).or_else(|| text(&status["media"]["id"]))
        {
            media_id = Some(id);
            break;
        }
    }
    let media_id =
        media_id.ok_or_else(|| failure("Fansly did not finish processing the upload in time"))?;
    progress(app, input, 90).await?;

    // (5) the "All" album.
    let albums = match app.fansly.vault_albums(&c.creds).await {
        Ok(r) => r.response().clone(),
        Err(e) => return Err(fail(e).await),
    };
    let all = albums["albums"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["type"].as_i64() == Some(ALBUM_ALL))
        .and_then(|a| text(&a["id"]));
    if let Some(all) = all
        && let Err(e) = app
            .fansly
            .vault_album_add_media(&c.creds, &all, &[media_id.as_str()])
            .await
    {
        return Err(fail(e).await);
    }

    // (6) the free offer.
    let offer = json!({
        "mediaId": media_id,
        "previewId": null,
        "permissionFlags": 0,
        "price": 0,
        "whitelist": [],
        "permissions": { "permissionFlags": [] },
        "tags": [],
    });
    let offers = match app.fansly.account_media_create(&c.creds, vec![offer]).await {
        Ok(r) => r.response().clone(),
        Err(e) => return Err(fail(e).await),
    };
    let account_media: Vec<Value> = offers.as_array().cloned().unwrap_or_default();
    if account_media.is_empty() {
        return Err(failure("Fansly minted no offer for the uploaded media"));
    }
    app.cdn_cookies.remember(&input.account_id, &offers);
    app.touch(tenant, &c.account).await;
    Ok(json!({ "mediaId": media_id, "accountMedia": account_media }).to_string())
}
