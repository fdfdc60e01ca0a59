//! The upload host ([media] `https://mediav2.fansly.com/api/v1`, served on the same
//! listener): `POST /media/upload/create`, `POST /media/upload/complete`,
//! `GET /media/upload/{id}`, and the presigned part `PUT /upload-parts/{id}/{index}`
//! (outside `/api/v1`: no session, the `X-Amz-Signature` query value authorises it; the
//! answer carries the part's `ETag`).

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::header::{ETAG, HOST};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use super::extract::{NativeJson, Viewer};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::vault::{NewUpload, PartPut, UploadCompletion};

/// Largest part body accepted (parts are 5 MiB).
const MAX_PART_BYTES: usize = 64 * 1024 * 1024;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/media/upload/create", post(create))
        .route("/api/v1/media/upload/complete", post(complete))
        .route("/api/v1/media/upload/{id}", get(poll))
        .route(
            "/upload-parts/{id}/{index}",
            put(put_part).layer(DefaultBodyLimit::max(MAX_PART_BYTES)),
        )
}

async fn create(
    State(sim): State<Simulator>,
    viewer: Viewer,
    headers: HeaderMap,
    NativeJson(body): NativeJson<NewUpload>,
) -> Result<Response, NativeError> {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let base = format!("http://{host}");
    let now = sim.now_ms();
    let body = sim
        .world()
        .upload_create(&viewer.account_id, body, &base, now)?;
    Ok(ok(body))
}

async fn complete(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<UploadCompletion>,
) -> Result<Response, NativeError> {
    let body = sim.world().upload_complete(&viewer.account_id, &body)?;
    Ok(ok(body))
}

async fn poll(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let body = sim.world().upload_poll(&viewer.account_id, &id, now)?;
    Ok(ok(body))
}

async fn put_part(
    State(sim): State<Simulator>,
    Path((id, index)): Path<(String, u64)>,
    Query(q): Query<HashMap<String, String>>,
    bytes: Bytes,
) -> Response {
    let signature = q.get("X-Amz-Signature").cloned().unwrap_or_default();
    let outcome = sim
        .world()
        .upload_part(&id, index, &signature, bytes.to_vec());
    match outcome {
        PartPut::Stored { etag } => {
            (StatusCode::OK, [(ETAG, format!("\"{etag}\""))]).into_response()
        }
        PartPut::Denied(why) => s3_error(StatusCode::FORBIDDEN, "AccessDenied", why),
        PartPut::Bad(why) => s3_error(StatusCode::BAD_REQUEST, "InvalidPart", &why),
    }
}

/// An S3-style XML error.
pub(super) fn s3_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        [("content-type", "application/xml")],
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>"
        ),
    )
        .into_response()
}
