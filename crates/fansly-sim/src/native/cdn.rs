//! The CDN ([cdn] `https://cdnN.fansly.com`, served here under `/cdn`): `GET /cdn/<accountId>/<mediaId>.<ext>`
//! with query signatures (`Expires`/`Policy`, `Key-Pair-Id`, `Signature`) or `CloudFront-*`
//! cookies. No signature → 403 `MissingKey-Pair-Id`; bad or expired → 403; otherwise the
//! stored bytes with their content type.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::upload::s3_error;
use crate::sim::Simulator;
use crate::world::vault::CdnCheck;

/// The path prefix the CDN answers under.
pub(crate) const CDN_PREFIX: &str = "/cdn";

pub(super) fn routes() -> Router<Simulator> {
    Router::new().route("/cdn/{*path}", get(fetch))
}

fn cookies(headers: &HeaderMap) -> HashMap<String, String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

async fn fetch(
    State(sim): State<Simulator>,
    Path(path): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/{}", path.trim_start_matches('/'));
    let now = sim.now_ms();
    let check = sim.world().cdn_check(&path, &q, &cookies(&headers), now);
    match check {
        CdnCheck::Serve(blob) => (
            StatusCode::OK,
            [
                (CONTENT_TYPE, blob.content_type.clone()),
                (CONTENT_LENGTH, blob.bytes.len().to_string()),
            ],
            blob.bytes.as_ref().clone(),
        )
            .into_response(),
        CdnCheck::Missing => s3_error(
            StatusCode::FORBIDDEN,
            "MissingKey-Pair-Id",
            "Missing Key-Pair-Id query parameter or cookie value",
        ),
        CdnCheck::Denied(why) => s3_error(StatusCode::FORBIDDEN, "AccessDenied", why),
        CdnCheck::NotFound => s3_error(StatusCode::NOT_FOUND, "NoSuchKey", "not found"),
    }
}
