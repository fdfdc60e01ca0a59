//! Native discovery routes: `GET /account/search` and
//! `GET /contentdiscovery/media/suggestionsnew`.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;

use super::extract::Viewer;
use super::messaging::{limit_param, offset_param};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/account/search", get(search))
        .route(
            "/api/v1/contentdiscovery/media/suggestionsnew",
            get(suggestions),
        )
}

async fn search(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let query = q
        .get("query")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| NativeError::bad_request("query: required"))?;
    let limit = limit_param(&q, 10, 100)?;
    let offset = offset_param(&q)?;
    let now = sim.now_ms();
    let world = sim.world();
    let accounts: Vec<serde_json::Value> = world
        .search_accounts(&query, limit, offset)
        .iter()
        .filter_map(|id| {
            world.account_json_for(
                id,
                Some(&viewer.account_id),
                crate::world::profile::Times::Millis,
                now,
            )
        })
        .collect();
    Ok(ok(accounts))
}

async fn suggestions(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let tag_ids: Vec<String> = q
        .get("tagIds")
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let limit = limit_param(&q, 20, 100)?;
    let offset = offset_param(&q)?;
    let now = sim.now_ms();
    let world = sim.world();
    Ok(ok(world.discover_by_tags(
        &viewer.account_id,
        &tag_ids,
        limit,
        offset,
        now,
    )))
}
