//! Native tracking-link routes: `GET /trackinglinks`, `GET /trackinglinks/stats`,
//! `POST /trackinglinks/edit` (creator-only: 403 for fans).

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

use super::extract::{NativeJson, Viewer};
use super::messaging::int_param;
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::Rejection;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/trackinglinks", get(list))
        .route("/api/v1/trackinglinks/stats", get(stats))
        .route("/api/v1/trackinglinks/edit", post(edit))
}

fn creator_only(sim: &Simulator, viewer: &Viewer) -> Result<(), NativeError> {
    let world = sim.world();
    match world.account(&viewer.account_id) {
        Some(a) if a.flags & 2 != 0 => Ok(()),
        _ => Err(Rejection::Forbidden.into()),
    }
}

async fn list(State(sim): State<Simulator>, viewer: Viewer) -> Result<Response, NativeError> {
    creator_only(&sim, &viewer)?;
    Ok(ok(sim.world().tracking_links(&viewer.account_id)))
}

async fn stats(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    creator_only(&sim, &viewer)?;
    let id = q
        .get("trackingLinkId")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| NativeError::bad_request("trackingLinkId: required"))?;
    let after = int_param(&q, "after", 0)?;
    let before = int_param(&q, "before", 0)?;
    let rows = sim
        .world()
        .tracking_stats(&viewer.account_id, &id, after, before)?;
    Ok(ok(rows))
}

#[derive(Deserialize)]
struct EditBody {
    #[serde(default, deserialize_with = "opt_string")]
    id: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

async fn edit(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<EditBody>,
) -> Result<Response, NativeError> {
    creator_only(&sim, &viewer)?;
    let id = body
        .id
        .ok_or_else(|| NativeError::bad_request("id: required"))?;
    let link =
        sim.world()
            .edit_tracking_link(&viewer.account_id, &id, body.label, body.description)?;
    Ok(ok(link))
}
