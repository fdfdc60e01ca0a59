//! `POST /_sim/world {name, seed}`: builds a deterministic world (`small` or `large`)
//! and answers its summary (201).

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use serde::Deserialize;

use super::{ControlError, ControlJson};
use crate::sim::Simulator;
use crate::world::WorldSummary;

pub(super) fn routes() -> Router<Simulator> {
    Router::new().route("/_sim/world", post(seed_world))
}

#[derive(Deserialize)]
struct WorldBody {
    name: String,
    #[serde(default)]
    seed: u64,
}

async fn seed_world(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<WorldBody>,
) -> Result<(StatusCode, Json<WorldSummary>), ControlError> {
    // Building a large world holds the world lock for a while: keep it off the runtime.
    let summary = tokio::task::spawn_blocking(move || sim.seed_world(&body.name, body.seed))
        .await
        .map_err(|e| ControlError::bad_request(format!("world generation failed: {e}")))??;
    Ok((StatusCode::CREATED, Json(summary)))
}
