//! Native vault routes (creator only): `GET /vault/albumsnew`, `GET /media/vaultnew`
//! (fixed pages of 50, newest first, `before=<albumMedia id>`) and
//! `POST /vault/albums/media {albumId, mediaIds}`.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

use super::extract::{NativeJson, Viewer};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::vault::VaultQuery;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/vault/albumsnew", get(albums))
        .route("/api/v1/media/vaultnew", get(media))
        .route("/api/v1/vault/albums/media", post(add_media))
}

async fn albums(State(sim): State<Simulator>, viewer: Viewer) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let body = sim.world().vault_albums(&viewer.account_id, now)?;
    Ok(ok(body))
}

fn opt(q: &HashMap<String, String>, key: &str) -> Option<String> {
    q.get(key)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

async fn media(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let number = |key: &str| -> Result<Option<u64>, NativeError> {
        opt(&q, key)
            .map(|v| {
                v.parse::<u64>()
                    .map_err(|_| NativeError::bad_request(format!("{key}: a number")))
            })
            .transpose()
    };
    let query = VaultQuery {
        album_id: opt(&q, "albumId"),
        album_type: number("type")?.and_then(|t| i64::try_from(t).ok()),
        media_type: number("mediaType")?.and_then(|t| u8::try_from(t).ok()),
        search: opt(&q, "search").unwrap_or_default(),
        before: number("before")?,
    };
    let now = sim.now_ms();
    let body = sim.world().vault_media(&viewer.account_id, &query, now)?;
    Ok(ok(body))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AddMedia {
    album_id: Option<String>,
    #[serde(default)]
    media_ids: Vec<String>,
}

async fn add_media(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<AddMedia>,
) -> Result<Response, NativeError> {
    let album_id = body
        .album_id
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| NativeError::bad_request("albumId: required"))?;
    if body.media_ids.is_empty() {
        return Err(NativeError::bad_request("mediaIds: at least one"));
    }
    let now = sim.now_ms();
    let body = sim
        .world()
        .vault_add_media(&viewer.account_id, &album_id, &body.media_ids, now)?;
    Ok(ok(body))
}
